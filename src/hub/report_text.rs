//! The district report as lines of text, 76 columns wide: the title, a row per site and the
//! total, the same for the clinic and members' money, consultations by age group, referral
//! letters by facility, the sites silent for more than a day, and the stock about to expire. `loket district
//! report --format text` prints them; the `loket district` view draws them.

use super::report::{DistrictReport, SiteFigures};
use crate::domain::ckg::AgeGroup;
use crate::domain::money::{format_milli, format_number};
use crate::text::Text;

fn row(s: &SiteFigures, name: &str) -> String {
    let target = s.target_population.map(format_number).unwrap_or_else(|| "-".into());
    let wait = s.mean_wait_min().map(|m| m.to_string()).unwrap_or_else(|| "-".into());
    format!(
        "{:<8} {:>5} {:>12} {:>5} {:>5} {:>11} {:>7} {:>6} {:>9}",
        name,
        format_number(s.sales_n),
        format_number(s.sales_amount),
        format_number(s.ckg_checks),
        format_number(s.ckg_referred),
        format!("{}/{}", format_number(s.ckg_year), target),
        format_number(s.queue_taken),
        wait,
        format_number(s.shift_difference)
    )
}

/// The clinic and members' money of a site: consultations, referral letters, savings balances,
/// loans disbursed, installments received, principal outstanding and overdue.
fn money_row(s: &SiteFigures, name: &str) -> String {
    format!(
        "{:<8} {:>6} {:>5} {:>11} {:>10} {:>10} {:>11} {:>8}",
        name,
        format_number(s.consultations),
        format_number(s.clinic_referrals),
        format_number(s.savings_balance),
        format_number(s.loans_disbursed),
        format_number(s.installments),
        format_number(s.outstanding),
        format_number(s.overdue)
    )
}

/// The title, the table's head, a row per site, the total; then the silent sites and the stock
/// about to expire. CSV and JSON carry every figure; this keeps to 76 columns (80 inside the view's box).
pub fn lines(t: &Text, r: &DistrictReport) -> Vec<String> {
    let mut out = vec![t.district_title(&r.from, &r.to)];
    let h = t.district_text_heads();
    out.push(format!("{:<8} {:>5} {:>12} {:>5} {:>5} {:>11} {:>7} {:>6} {:>9}", h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8]));
    out.extend(r.sites.iter().map(|s| row(s, &s.site_id)));
    out.push(row(&r.total, t.district_total()));
    let h = t.district_money_heads();
    out.push(format!("{:<8} {:>6} {:>5} {:>11} {:>10} {:>10} {:>11} {:>8}", h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]));
    out.extend(r.sites.iter().map(|s| money_row(s, &s.site_id)));
    out.push(money_row(&r.total, t.district_total()));
    if !r.consultation_groups.is_empty() {
        let groups: Vec<String> = AgeGroup::ALL
            .iter()
            .filter_map(|g| r.consultation_groups.iter().find(|c| c.group == g.code()).map(|c| format!("{} {}", t.age_group(*g), format_number(c.n))))
            .chain(r.consultation_groups.iter().filter(|c| AgeGroup::from_code(&c.group).is_none()).map(|c| format!("? {}", format_number(c.n))))
            .collect();
        out.push(t.district_consultation_groups(&groups.join(", ")));
    }
    if !r.referrals.is_empty() {
        out.push(t.district_referrals_head().to_string());
        for f in &r.referrals {
            let name: String = f.name.chars().take(40).collect();
            out.push(format!("{:<10} {:<40} {:>6} {:>6} {:>6}", f.facility.chars().take(10).collect::<String>(), name, format_number(f.total), format_number(f.from_ckg), format_number(f.from_consultation)));
        }
    }
    let silent: Vec<&str> = r.sites.iter().filter(|s| s.silent).map(|s| s.site_id.as_str()).collect();
    if !silent.is_empty() {
        out.push(t.district_silent(&silent.join(", ")));
    }
    if r.expiring.is_empty() {
        out.push(t.district_nothing_expiring().to_string());
    } else {
        out.push(t.district_expiring_head().to_string());
        for b in &r.expiring {
            let name: String = b.name.chars().take(18).collect();
            let batch: String = b.batch.chars().take(9).collect();
            out.push(format!("{:<8} {:<13} {:<18} {:<9} {} {:>7} {}", b.site_id, b.product, name, batch, b.expiry, format_milli(b.qty_milli), b.unit));
        }
    }
    out
}
