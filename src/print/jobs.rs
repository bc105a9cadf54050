//! Print jobs for the counter's records: a queue ticket and a CKG result slip, laid out in the
//! site's language (the person holding the paper reads it, whoever is logged in).

use super::docs::{self, CkgSlip, Measurement, QueueTicket};
use super::{routed_job, JobRef, NewPrintJob};
use crate::config::Config;
use crate::domain::ckg::{format_value, Evaluation, Finding, Measure};
use crate::store::queue::TakenTicket;
use crate::text::Text;
use chrono::{DateTime, Utc};

pub fn ticket(config: &Config, service_name: &str, taken: &TakenTicket) -> NewPrintJob {
    let site = &config.site;
    let t = Text::new(site.lang);
    let q = QueueTicket {
        number: taken.ticket.label(),
        service: service_name.to_string(),
        time: taken.ticket.taken_at,
        ahead: taken.ahead.max(0) as u32,
        wait_minutes: taken.wait_minutes.max(0) as u32,
        priority: taken.ticket.priority.is_some(),
    };
    let doc = docs::queue_ticket(&t, site, &q);
    routed_job(config, &doc, JobRef { table: Some("tickets".into()), id: Some(taken.ticket.id) })
}

/// The result slip: each measurement with its class, positive findings, and what to do next.
#[allow(clippy::too_many_arguments)]
pub fn ckg_slip(config: &Config, check_id: i64, patient: &str, record_no: &str, examiner: &str, e: &Evaluation, at: DateTime<Utc>) -> NewPrintJob {
    let site = &config.site;
    let t = Text::new(site.lang);
    let mut measurements = Vec::new();
    for l in &e.lines {
        let Some(v) = l.value else { continue };
        let (value, unit) = match Measure::from_code(&l.code) {
            Some(m) => (t.decimal(&format_value(m, v)), m.unit().to_string()),
            None if l.code == crate::domain::ckg::FASTED => (t.yes_no(v == 1).to_string(), String::new()),
            None => (t.decimal(&format_value(Measure::Weight, v)), String::new()),
        };
        let flag = l.class.as_deref().filter(|c| *c != "normal").map(|c| t.ckg_class(c).to_uppercase());
        measurements.push(Measurement { label: t.ckg_item(&l.code).to_string(), value, unit, flag });
    }
    let findings: Vec<String> = e
        .lines
        .iter()
        .filter(|l| l.finding == Some(Finding::Positive))
        .map(|l| format!("{}: {}", t.ckg_item(&l.code), t.finding(Finding::Positive)))
        .collect();
    let advice = vec![if e.referral { t.ckg_referral().to_string() } else { t.ckg_no_referral().to_string() }];
    let slip = CkgSlip { patient: patient.into(), record_no: record_no.into(), time: at, measurements, findings, advice, examiner: examiner.into() };
    routed_job(config, &docs::ckg_slip(&t, site, &slip), JobRef { table: Some("ckg_checks".into()), id: Some(check_id) })
}

/// A supervisor's X report or the Z report that closes the shift, with every figure (the
/// cashier's own X report is `blind_x`).
/// A shift's sales: count, total, money refunded, and money by method (from `Store::shift_sales`).
pub type ShiftSales = (i64, i64, i64, Vec<(String, i64)>);

pub fn shift_report(
    config: &Config,
    shift: &crate::store::shifts::Shift,
    totals: &crate::store::shifts::CashTotals,
    sales: &ShiftSales,
    rounding: i64,
    discounts: i64,
    audit: Option<(i64, String)>,
    now: DateTime<Utc>,
) -> NewPrintJob {
    let site = &config.site;
    let t = Text::new(site.lang);
    let closing = shift.closed_at.is_some();
    let r = docs::ShiftReport {
        closing,
        audit,
        shift_no: shift.z_number.map(|z| format!("Z{z}")).unwrap_or_else(|| format!("#{}", shift.id)),
        cashier: shift.cashier.clone(),
        opened_at: shift.opened_at,
        closed_at: shift.closed_at,
        printed_at: now,
        sales_count: sales.0,
        gross: sales.1 + sales.2 + discounts - rounding,
        rounding,
        voids: sales.2,
        discounts,
        net: sales.1,
        vat: None,
        by_method: sales
            .3
            .iter()
            .map(|(m, a)| {
                let method = match m.as_str() {
                    "cash" => docs::PaymentMethod::Cash,
                    "qris" => docs::PaymentMethod::Qris,
                    _ => docs::PaymentMethod::MemberCredit,
                };
                (method, *a)
            })
            .collect(),
        opening_float: shift.opening_float,
        cash_in: totals.cash_in,
        cash_out: totals.cash_out,
        members_cash: totals.members_cash,
        // The Z report prints after the count is final; a supervisor's X shows it too.
        expected_cash: Some(totals.expected_cash),
        counted_cash: shift.counted_cash,
        qris_reported: shift.counted_noncash.filter(|_| closing),
        qris_recorded: sales.3.iter().filter(|(m, _)| m == "qris").map(|(_, a)| *a).sum::<i64>() + totals.members_qris,
    };
    routed_job(config, &docs::shift_report(&t, site, &r), JobRef { table: Some("shifts".into()), id: Some(shift.id) })
}

/// The cashier's blind X report: counts and non-cash totals only (see `cash_docs::BlindX`).
pub fn blind_x(
    config: &Config,
    shift: &crate::store::shifts::Shift,
    totals: &crate::store::shifts::CashTotals,
    sales: &ShiftSales,
    voids_count: i64,
    now: DateTime<Utc>,
) -> NewPrintJob {
    let site = &config.site;
    let t = Text::new(site.lang);
    let noncash = sales
        .3
        .iter()
        .filter_map(|(m, a)| match m.as_str() {
            "qris" => Some((docs::PaymentMethod::Qris, *a)),
            "member_credit" => Some((docs::PaymentMethod::MemberCredit, *a)),
            _ => None,
        })
        .collect();
    let x = super::cash_docs::BlindX {
        shift_no: format!("#{}", shift.id),
        cashier: shift.cashier.clone(),
        opened_at: shift.opened_at,
        printed_at: now,
        sales_count: sales.0,
        voids_count,
        noncash,
        cash_in_count: totals.cash_in_count,
        cash_out_count: totals.cash_out_count,
    };
    routed_job(config, &super::cash_docs::blind_x_report(&t, site, &x), JobRef { table: Some("shifts".into()), id: Some(shift.id) })
}

/// The refund slip of a void or a return, for the customer.
pub fn refund_slip(config: &Config, refund: &crate::store::returns::Refund) -> NewPrintJob {
    let t = Text::new(config.site.lang);
    routed_job(config, &super::cash_docs::refund_slip(&t, &config.site, refund), JobRef { table: Some("sale_returns".into()), id: Some(refund.id) })
}
