//! The supervisor's summary as text (the screen and `loket report --format text`), CSV and JSON.
//! The figures come from `Store::summary`; this module only lays them out.

use crate::domain::money::format_rupiah;
use crate::store::reports::Summary;
use crate::text::{CsvPart, Text};

fn opt_money(v: Option<i64>) -> String {
    v.map(format_rupiah).unwrap_or_else(|| "-".into())
}

fn opt_num(v: Option<i64>) -> String {
    v.map(|n| n.to_string()).unwrap_or_else(|| "-".into())
}

/// The summary as lines of text, in the user's language.
/// A stored day (yyyy-mm-dd) as people read it (dd-mm-yyyy); CSV and JSON keep the stored form.
fn day(d: &str) -> String {
    d.parse::<chrono::NaiveDate>().map(|d| d.format("%d-%m-%Y").to_string()).unwrap_or_else(|_| d.to_string())
}

pub fn text_lines(t: &Text, s: &Summary) -> Vec<String> {
    let mut out = vec![t.report_period(&day(&s.from), &day(&s.to)), String::new(), t.report_queue_head().to_string()];
    let q_row = |c: [&str; 6]| format!("  {:<3} {:>6} {:>7} {:>6} {:>7} {:>5}", c[0], c[1], c[2], c[3], c[4], c[5]);
    if s.queue.is_empty() {
        out.push(format!("  {}", t.report_none()));
    } else {
        out.push(q_row(t.report_queue_cols()));
    }
    for q in &s.queue {
        let cells = [q.taken.to_string(), q.served.to_string(), q.skipped.to_string(), opt_num(q.avg_wait_min), opt_num(q.p90_wait_min)];
        out.push(q_row([&q.service, &cells[0], &cells[1], &cells[2], &cells[3], &cells[4]]));
    }
    out.push(String::new());
    let sales = &s.sales;
    out.push(t.report_sales(sales.count, &format_rupiah(sales.total), &format_rupiah(sales.returned)));
    for (section, amount) in &sales.by_section {
        out.push(format!("  {:<28} {:>14}", t.report_section(section), format_rupiah(*amount)));
    }
    if sales.rounding != 0 {
        out.push(format!("  {:<28} {:>14}", t.sale_rounding_label(), format_rupiah(sales.rounding)));
    }
    for (method, amount) in &sales.by_method {
        out.push(format!("  {:<28} {:>14}", t.report_method(method), format_rupiah(*amount)));
    }
    for (cashier, n, amount) in &sales.by_cashier {
        out.push(format!("  {:<20} {:>6} {:>14}", cashier, n, format_rupiah(*amount)));
    }
    for (cashier, n, amount) in &sales.discounts_by_cashier {
        out.push(format!("  {}", t.report_discounts(cashier, *n, &format_rupiah(*amount))));
    }
    for r in &sales.returns {
        let what = if r.whole { t.report_void() } else { t.report_return() };
        out.push(format!("  {what} {} {} ({} / {}): {}", r.sale, format_rupiah(r.amount), r.cashier, r.approved_by, r.reason));
    }
    out.push(String::new());
    out.push(t.report_ckg(s.ckg_checks, s.ckg_referrals));
    out.push(String::new());
    out.push(t.report_shifts_head().to_string());
    let s_row = |c: [&str; 7]| format!("  {:<5} {:<10} {:<10} {:>11} {:>11} {:>11} {:>10}", c[0], c[1], c[2], c[3], c[4], c[5], c[6]);
    if s.shifts.is_empty() {
        out.push(format!("  {}", t.report_none()));
    } else {
        out.push(s_row(t.report_shift_cols()));
    }
    for sh in &s.shifts {
        let z = sh.z_number.map(|z| format!("Z{z}")).unwrap_or_else(|| t.report_open().to_string());
        let cells = [format_rupiah(sh.opening_float), opt_money(sh.expected_cash), opt_money(sh.counted_cash), opt_money(sh.difference)];
        out.push(s_row([&z, &sh.cashier, &day(&sh.day), &cells[0], &cells[1], &cells[2], &cells[3]]));
        if let (Some(reported), Some(diff)) = (sh.qris_reported, sh.qris_difference) {
            out.push(format!("        {}", t.report_qris_check(&format_rupiah(reported), &format_rupiah(sh.qris_recorded), &format_rupiah(diff))));
        }
    }
    out.push(String::new());
    out.push(t.report_stock_head(s.stock_alerts.len()));
    // The kind column as wide as its longest word in this language (KEDALUWARSA is 11).
    let kind_w = [t.report_expired(), t.report_expiring(), t.report_out()].iter().map(|w| w.chars().count()).max().unwrap_or(10);
    for a in s.stock_alerts.iter().take(50) {
        let what = match a.kind.as_str() {
            "expired" => t.report_expired(),
            "expiring" => t.report_expiring(),
            _ => t.report_out(),
        };
        out.push(format!(
            "  {:<kind_w$} {:<28} {:<10} {}",
            what,
            a.product.chars().take(28).collect::<String>(),
            a.batch.as_deref().unwrap_or(""),
            a.expiry.as_deref().map(day).unwrap_or_default()
        ));
    }
    out
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The figures as CSV: one small table per part (period, queue, CKG, sales, sections, methods,
/// cashiers, voids and returns, shifts, stock), each with its title and its column names in the
/// user's language, separated by an empty line. Numbers are plain (rupiah whole, no dots) so a
/// spreadsheet reads them as numbers.
pub fn csv(t: &Text, s: &Summary) -> String {
    let mut out = String::new();
    let mut table = |part: CsvPart, rows: Vec<Vec<String>>| {
        let (title, columns) = t.csv_part(part);
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&csv_field(title));
        out.push('\n');
        out.push_str(&columns.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","));
        out.push('\n');
        for cells in rows {
            out.push_str(&cells.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","));
            out.push('\n');
        }
    };
    table(CsvPart::Period, vec![vec![s.from.clone(), s.to.clone()]]);
    table(
        CsvPart::Queue,
        s.queue
            .iter()
            .map(|q| vec![q.service.clone(), q.taken.to_string(), q.served.to_string(), q.skipped.to_string(), opt_num(q.avg_wait_min), opt_num(q.p90_wait_min)])
            .collect(),
    );
    table(CsvPart::Ckg, vec![vec![s.ckg_checks.to_string(), s.ckg_referrals.to_string()]]);
    table(CsvPart::Sales, vec![vec![s.sales.count.to_string(), s.sales.total.to_string(), s.sales.returned.to_string(), s.sales.rounding.to_string()]]);
    table(CsvPart::Sections, s.sales.by_section.iter().map(|(k, v)| vec![k.clone(), v.to_string()]).collect());
    table(CsvPart::Methods, s.sales.by_method.iter().map(|(k, v)| vec![k.clone(), v.to_string()]).collect());
    table(CsvPart::Cashiers, s.sales.by_cashier.iter().map(|(k, n, v)| vec![k.clone(), n.to_string(), v.to_string()]).collect());
    table(CsvPart::Discounts, s.sales.discounts_by_cashier.iter().map(|(k, n, v)| vec![k.clone(), n.to_string(), v.to_string()]).collect());
    table(
        CsvPart::Returns,
        s.sales
            .returns
            .iter()
            .map(|r| vec![if r.whole { t.report_void() } else { t.report_return() }.to_string(), r.sale.clone(), r.amount.to_string(), r.cashier.clone(), r.approved_by.clone(), r.reason.clone()])
            .collect(),
    );
    table(
        CsvPart::Shifts,
        s.shifts
            .iter()
            .map(|sh| {
                vec![
                    opt_num(sh.z_number),
                    sh.cashier.clone(),
                    sh.day.clone(),
                    sh.opening_float.to_string(),
                    opt_num(sh.expected_cash),
                    opt_num(sh.counted_cash),
                    opt_num(sh.difference),
                    sh.qris_recorded.to_string(),
                    opt_num(sh.qris_reported),
                ]
            })
            .collect(),
    );
    table(
        CsvPart::Stock,
        s.stock_alerts
            .iter()
            .map(|a| vec![a.kind.clone(), a.product.clone(), a.batch.clone().unwrap_or_default(), a.expiry.clone().unwrap_or_default(), a.on_hand_milli.to_string()])
            .collect(),
    );
    out
}

pub fn json(s: &Summary) -> String {
    serde_json::to_string_pretty(s).unwrap_or_else(|_| "{}".into())
}
