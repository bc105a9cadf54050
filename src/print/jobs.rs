//! Print jobs for the counter's records: a queue ticket and a CKG result slip, laid out in the
//! site's language (the person holding the paper reads it, whoever is logged in).

use super::docs::{self, CkgSlip, Measurement, QueueTicket};
use super::{new_job, JobRef, NewPrintJob, Profile};
use crate::config::Site;
use crate::domain::ckg::{format_value, Evaluation, Finding, Measure};
use crate::store::queue::TakenTicket;
use crate::text::Text;
use chrono::{DateTime, Utc};

pub fn ticket(site: &Site, profile: &Profile, service_name: &str, taken: &TakenTicket) -> NewPrintJob {
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
    new_job(&doc, profile, JobRef { table: Some("tickets".into()), id: Some(taken.ticket.id) })
}

/// The result slip: each measurement with its class, positive findings, and what to do next.
#[allow(clippy::too_many_arguments)]
pub fn ckg_slip(site: &Site, profile: &Profile, check_id: i64, patient: &str, record_no: &str, examiner: &str, e: &Evaluation, at: DateTime<Utc>) -> NewPrintJob {
    let t = Text::new(site.lang);
    let mut measurements = Vec::new();
    for l in &e.lines {
        let Some(v) = l.value else { continue };
        let (value, unit) = match Measure::from_code(&l.code) {
            Some(m) => (format_value(m, v), m.unit().to_string()),
            None => (format_value(Measure::Weight, v), String::new()),
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
    new_job(&docs::ckg_slip(&t, site, &slip), profile, JobRef { table: Some("ckg_checks".into()), id: Some(check_id) })
}

/// An X report (blind: no expected cash) or the Z report that closes the shift.
/// A shift's sales: count, total, money refunded, and money by method (from `Store::shift_sales`).
pub type ShiftSales = (i64, i64, i64, Vec<(String, i64)>);

pub fn shift_report(
    site: &Site,
    profile: &Profile,
    shift: &crate::store::shifts::Shift,
    totals: &crate::store::shifts::CashTotals,
    sales: &ShiftSales,
    audit: Option<(i64, String)>,
    now: DateTime<Utc>,
) -> NewPrintJob {
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
        gross: sales.1 + sales.2,
        voids: sales.2,
        discounts: 0,
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
        expected_cash: closing.then_some(totals.expected_cash),
        counted_cash: shift.counted_cash,
    };
    new_job(&docs::shift_report(&t, site, &r), profile, JobRef { table: Some("shifts".into()), id: Some(shift.id) })
}
