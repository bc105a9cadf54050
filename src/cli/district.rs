//! The district report written out: as text (`hub::report_text`, as the TUI shows it), one line
//! per site and a total line (CSV), or the whole (JSON).

use super::report::ReportFormat;
use crate::domain::csv;
use crate::hub::report::{DistrictReport, SiteFigures};
use crate::text::Text;

fn fields(t: &Text, s: &SiteFigures, total: bool) -> Vec<String> {
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    vec![
        if total { t.district_total().to_string() } else { s.site_id.clone() },
        s.name.clone(),
        s.sales_n.to_string(),
        s.sales_amount.to_string(),
        s.returns_amount.to_string(),
        s.ckg_checks.to_string(),
        s.ckg_referred.to_string(),
        s.ckg_year.to_string(),
        opt(s.target_population),
        s.queue_taken.to_string(),
        s.queue_served.to_string(),
        opt(s.mean_wait_min()),
        s.shifts.to_string(),
        s.shift_difference.to_string(),
        s.consultations.to_string(),
        s.clinic_referrals.to_string(),
        s.savings_in.to_string(),
        s.savings_out.to_string(),
        s.savings_balance.to_string(),
        s.loans_disbursed.to_string(),
        s.installments.to_string(),
        s.outstanding.to_string(),
        s.overdue.to_string(),
        s.last_seen.clone().unwrap_or_default(),
    ]
}

pub(super) fn print(t: &Text, r: &DistrictReport, format: ReportFormat) {
    match format {
        ReportFormat::Json => out!("{}", serde_json::to_string_pretty(r).unwrap_or_default()),
        ReportFormat::Csv => {
            out!("{}", csv::record(&t.district_heads().map(String::from)));
            for s in &r.sites {
                out!("{}", csv::record(&fields(t, s, false)));
            }
            out!("{}", csv::record(&fields(t, &r.total, true)));
        }
        ReportFormat::Text => {
            for line in crate::hub::report_text::lines(t, r) {
                out!("{line}");
            }
        }
    }
}
