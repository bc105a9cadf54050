//! The district report as lines of text, 76 columns wide: the title, a row per site and the
//! total, the sites silent for more than a day, and the stock about to expire. `loket district
//! report --format text` prints them; the `loket district` view draws them.

use super::report::{DistrictReport, SiteFigures};
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

/// The title, the table's head, a row per site, the total; then the silent sites and the stock
/// about to expire. CSV and JSON carry every figure; this keeps to 76 columns (80 inside the view's box).
pub fn lines(t: &Text, r: &DistrictReport) -> Vec<String> {
    let mut out = vec![t.district_title(&r.from, &r.to)];
    let h = t.district_text_heads();
    out.push(format!("{:<8} {:>5} {:>12} {:>5} {:>5} {:>11} {:>7} {:>6} {:>9}", h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8]));
    out.extend(r.sites.iter().map(|s| row(s, &s.site_id)));
    out.push(row(&r.total, t.district_total()));
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
