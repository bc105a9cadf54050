//! The district report written out: a table per site with the total, the silent sites and the
//! stock about to expire (text); one line per site and a total line (CSV); the whole (JSON).

use super::report::ReportFormat;
use crate::domain::csv;
use crate::domain::money::{format_milli, format_number};
use crate::hub::report::{DistrictReport, SiteFigures};
use crate::text::Text;

fn fields(t: &Text, s: &SiteFigures, total: bool) -> Vec<String> {
    let opt = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
    vec![
        if total { t.district_total().to_string() } else { s.site_id.clone() },
        s.name.clone(),
        s.sales_n.to_string(),
        s.sales_amount.to_string(),
        s.ckg_checks.to_string(),
        s.ckg_referred.to_string(),
        s.ckg_year.to_string(),
        opt(s.target_population),
        s.queue_taken.to_string(),
        s.queue_served.to_string(),
        opt(s.mean_wait_min()),
        s.shifts.to_string(),
        s.shift_difference.to_string(),
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
            out!("{}", t.district_title(&r.from, &r.to));
            let h = t.district_text_heads();
            // Fits 80 columns; CSV and JSON carry every figure.
            out!("{:<8} {:>5} {:>13} {:>5} {:>5} {:>12} {:>7} {:>6} {:>10}", h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8]);
            let line = |s: &SiteFigures, name: &str| {
                let target = s.target_population.map(format_number).unwrap_or_else(|| "-".into());
                let wait = s.mean_wait_min().map(|m| m.to_string()).unwrap_or_else(|| "-".into());
                out!(
                    "{:<8} {:>5} {:>13} {:>5} {:>5} {:>12} {:>7} {:>6} {:>10}",
                    name,
                    format_number(s.sales_n),
                    format_number(s.sales_amount),
                    format_number(s.ckg_checks),
                    format_number(s.ckg_referred),
                    format!("{}/{}", format_number(s.ckg_year), target),
                    format_number(s.queue_taken),
                    wait,
                    format_number(s.shift_difference)
                );
            };
            for s in &r.sites {
                line(s, &s.site_id);
            }
            line(&r.total, t.district_total());
            let silent: Vec<&str> = r.sites.iter().filter(|s| s.silent).map(|s| s.site_id.as_str()).collect();
            if !silent.is_empty() {
                out!("{}", t.district_silent(&silent.join(", ")));
            }
            if r.expiring.is_empty() {
                out!("{}", t.district_nothing_expiring());
            } else {
                out!("{}", t.district_expiring_head());
                for b in &r.expiring {
                    out!("{:<8} {:<14} {:<22} {:<9} {} {:>7} {}", b.site_id, b.product, b.name.chars().take(22).collect::<String>(), b.batch.chars().take(9).collect::<String>(), b.expiry, format_milli(b.qty_milli), b.unit);
                }
            }
        }
    }
}
