//! Printouts of cash control and money going back: the cashier's blind X report and the refund
//! slip a customer takes home after a void or a return. In the site's language.

use super::doc::{DocKind, Document};
use super::docs::{header, local_time, method_name, PaymentMethod};
use crate::config::Site;
use crate::domain::cart::Method;
use crate::domain::money::{format_milli, format_rupiah};
use crate::store::returns::Refund;
use crate::text::Text;
use chrono::{DateTime, Utc};

/// The X report a cashier prints during the shift. It holds counts and non-cash totals only:
/// nothing from which the expected cash in the drawer could be worked out (no float, no cash
/// taken, no gross or net total, no cash in/out amounts), so the count at closing stays blind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlindX {
    pub shift_no: String,
    pub cashier: String,
    pub opened_at: DateTime<Utc>,
    pub printed_at: DateTime<Utc>,
    pub sales_count: i64,
    pub voids_count: i64,
    /// QRIS and member credit (never cash).
    pub noncash: Vec<(PaymentMethod, i64)>,
    pub cash_in_count: i64,
    pub cash_out_count: i64,
}

pub fn blind_x_report(t: &Text, site: &Site, x: &BlindX) -> Document {
    let mut d = Document::new(DocKind::ShiftX);
    header(&mut d, site);
    d.heavy_separator();
    d.title(t.doc_x_report());
    d.columns(t.doc_shift(), x.shift_no.clone());
    d.columns(t.doc_cashier(), x.cashier.clone());
    d.columns(t.doc_opened(), local_time(x.opened_at, site.zone));
    d.columns(t.doc_time(), local_time(x.printed_at, site.zone));
    d.separator();
    d.columns(t.doc_sales_count(), x.sales_count.to_string());
    d.columns(t.doc_voids_count(), x.voids_count.to_string());
    d.columns(t.doc_cash_in_count(), x.cash_in_count.to_string());
    d.columns(t.doc_cash_out_count(), x.cash_out_count.to_string());
    if !x.noncash.is_empty() {
        d.separator();
        for (m, amount) in &x.noncash {
            d.columns(method_name(t, *m), format_rupiah(*amount));
        }
    }
    d.heavy_separator();
    d.center(t.doc_x_blind_note());
    d.cut();
    d
}

/// The slip a customer takes home after a void or a return: what came back, the money and how it
/// was paid back, the reason and who approved it, and room for the customer's signature.
pub fn refund_slip(t: &Text, site: &Site, r: &Refund) -> Document {
    let mut d = Document::new(DocKind::Receipt);
    header(&mut d, site);
    d.separator();
    d.title(if r.whole { t.doc_void_title() } else { t.doc_return_title() });
    d.columns(t.doc_receipt_no(), r.number.clone());
    d.columns(t.doc_cashier(), r.cashier.clone());
    d.columns(t.doc_time(), local_time(r.at, site.zone));
    d.columns(t.doc_approved_by(), r.approver.clone());
    d.separator();
    for (name, qty, amount) in &r.lines {
        d.text(name.clone());
        d.columns(format!("  {} x", format_milli(*qty)), format_rupiah(*amount));
    }
    d.separator();
    d.columns_bold(t.doc_refund_total(), format_rupiah(r.total));
    for (m, amount) in &r.by_method {
        let method = match m {
            Method::Cash => PaymentMethod::Cash,
            Method::Qris => PaymentMethod::Qris,
            Method::MemberCredit => PaymentMethod::MemberCredit,
        };
        d.columns(format!("  {}", method_name(t, method)), format_rupiah(*amount));
    }
    d.text(format!("{}: {}", t.doc_reason(), r.reason));
    d.feed(2);
    d.text(t.doc_signature_customer());
    d.feed(2);
    d.text("_".repeat(20));
    d.cut();
    d
}
