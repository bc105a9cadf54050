//! The printouts: sale receipt, queue ticket, CKG result slip, drug label, shift X and Z reports
//! and the printer test page. Each is built from plain data by the aggregate that prints it, in
//! the site's language, and never holds more than its reader needs (no health data on a receipt).

use super::doc::{Align, BarcodeKind, Block, DocKind, Document};
use crate::config::{Site, Zone};
use crate::domain::money::{format_milli, format_rupiah};
use crate::text::Text;
use chrono::{DateTime, Utc};

/// `23/11/2026 09:15 WIB`
pub fn local_time(t: DateTime<Utc>, zone: Zone) -> String {
    zone.local_text(t)
}

pub(crate) fn header(d: &mut Document, site: &Site) {
    d.title(site.name.clone());
    if !site.address.is_empty() {
        d.center(site.address.clone());
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptLine {
    pub name: String,
    /// Quantity in milli-units (1000 = one piece, or one kg / litre for weighed goods).
    pub qty_milli: i64,
    /// The unit for weighed or measured goods (`kg`, `l`); None for pieces.
    pub unit: Option<String>,
    pub unit_price: i64,
    /// What the line costs after any discount on it.
    pub amount: i64,
    pub discount: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaymentMethod {
    Cash,
    Qris,
    Transfer,
    MemberCredit,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payment {
    pub method: PaymentMethod,
    pub amount: i64,
    /// The QRIS or transfer reference the cashier recorded.
    pub reference: Option<String>,
}

/// VAT included in the prices (the site charges VAT): the tax base and the tax in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vat {
    /// 110 = 11 %.
    pub rate_permille: i64,
    pub base: i64,
    pub tax: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub number: String,
    pub cashier: String,
    pub time: DateTime<Utc>,
    pub lines: Vec<ReceiptLine>,
    pub subtotal: i64,
    /// A discount on the whole sale (positive number).
    pub discount: i64,
    /// Cash rounding, its own line (negative when rounded down).
    pub rounding: i64,
    pub total: i64,
    pub vat: Option<Vat>,
    pub payments: Vec<Payment>,
    pub change: i64,
    /// Member number and name, when the sale is a member's.
    pub member: Option<String>,
    /// Open the cash drawer (a cash payment).
    pub open_drawer: bool,
}

pub(crate) fn method_name(t: &Text, m: PaymentMethod) -> &'static str {
    match m {
        PaymentMethod::Cash => t.doc_pay_cash(),
        PaymentMethod::Qris => t.doc_pay_qris(),
        PaymentMethod::Transfer => t.doc_pay_transfer(),
        PaymentMethod::MemberCredit => t.doc_pay_member_credit(),
    }
}

pub fn receipt(t: &Text, site: &Site, r: &Receipt) -> Document {
    let mut d = Document::new(DocKind::Receipt);
    if r.open_drawer {
        // First, so the drawer opens while the receipt prints.
        d.push(Block::Drawer);
    }
    header(&mut d, site);
    d.separator();
    d.columns(t.doc_receipt_no(), r.number.clone());
    d.columns(t.doc_cashier(), r.cashier.clone());
    d.columns(t.doc_time(), local_time(r.time, site.zone));
    if let Some(m) = &r.member {
        d.columns(t.doc_member(), m.clone());
    }
    d.separator();
    for l in &r.lines {
        d.text(l.name.clone());
        let qty = match &l.unit {
            Some(u) => format!("{} {u}", format_milli(l.qty_milli)),
            None => format_milli(l.qty_milli),
        };
        d.columns(format!("  {qty} x {}", format_rupiah(l.unit_price)), format_rupiah(l.amount + l.discount));
        if l.discount != 0 {
            d.columns(format!("  {}", t.doc_discount()), format_rupiah(-l.discount));
        }
    }
    d.separator();
    if r.discount != 0 || r.subtotal != r.total {
        d.columns(t.doc_subtotal(), format_rupiah(r.subtotal));
    }
    if r.discount != 0 {
        d.columns(t.doc_discount(), format_rupiah(-r.discount));
    }
    if r.rounding != 0 {
        d.columns(t.sale_rounding_label(), format_rupiah(r.rounding));
    }
    d.columns_bold(t.doc_total(), format_rupiah(r.total));
    for p in &r.payments {
        let name = match &p.reference {
            Some(reference) => format!("{} {reference}", method_name(t, p.method)),
            None => method_name(t, p.method).to_string(),
        };
        d.columns(name, format_rupiah(p.amount));
    }
    if r.payments.iter().any(|p| p.method == PaymentMethod::Cash) || r.change != 0 {
        d.columns(t.doc_change(), format_rupiah(r.change));
    }
    if let Some(v) = &r.vat {
        d.separator();
        d.text(t.doc_vat_included(v.rate_permille));
        d.columns(t.doc_tax_base(), format_rupiah(v.base));
        d.columns(t.doc_vat(v.rate_permille), format_rupiah(v.tax));
    }
    d.separator();
    d.qr(r.number.clone());
    d.center(r.number.clone());
    d.center(t.doc_thanks());
    d.cut();
    d
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueTicket {
    /// `A-007`
    pub number: String,
    pub service: String,
    pub time: DateTime<Utc>,
    pub ahead: u32,
    pub wait_minutes: u32,
    pub priority: bool,
}

pub fn queue_ticket(t: &Text, site: &Site, q: &QueueTicket) -> Document {
    let mut d = Document::new(DocKind::Ticket);
    header(&mut d, site);
    d.separator();
    d.center(t.doc_queue_number());
    d.big(q.number.clone());
    d.title(q.service.clone());
    if q.priority {
        d.title(t.doc_priority());
    }
    d.center(local_time(q.time, site.zone));
    d.separator();
    d.center(t.doc_ahead(q.ahead));
    d.center(t.doc_wait(q.wait_minutes));
    d.center(t.doc_ticket_keep());
    d.cut();
    d
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measurement {
    pub label: String,
    pub value: String,
    pub unit: String,
    /// A short flag such as `TINGGI` when the value is outside the normal range.
    pub flag: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CkgSlip {
    pub patient: String,
    pub record_no: String,
    pub time: DateTime<Utc>,
    pub measurements: Vec<Measurement>,
    pub findings: Vec<String>,
    pub advice: Vec<String>,
    pub examiner: String,
}

pub fn ckg_slip(t: &Text, site: &Site, c: &CkgSlip) -> Document {
    let mut d = Document::new(DocKind::CkgSlip);
    header(&mut d, site);
    d.separator();
    d.title(t.doc_ckg_title());
    d.columns(t.doc_patient(), c.patient.clone());
    d.columns(t.doc_record_no(), c.record_no.clone());
    d.columns(t.doc_date(), local_time(c.time, site.zone));
    d.separator();
    for m in &c.measurements {
        let value = match &m.flag {
            Some(f) => format!("{} {} {f}", m.value, m.unit),
            None => format!("{} {}", m.value, m.unit),
        };
        d.columns(m.label.clone(), value.trim().to_string());
    }
    for (title, items) in [(t.doc_findings(), &c.findings), (t.doc_advice(), &c.advice)] {
        if !items.is_empty() {
            d.separator();
            d.styled(title, Align::Left, true, false);
            for f in items {
                d.text(format!("- {f}"));
            }
        }
    }
    d.separator();
    d.columns(t.doc_examiner(), c.examiner.clone());
    d.center(t.doc_ckg_note());
    d.cut();
    d
}

/// Etiket: white for medicine taken by mouth, blue for external use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelKind {
    Oral,
    External,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrugLabel {
    pub kind: LabelKind,
    pub number: String,
    pub time: DateTime<Utc>,
    pub patient: String,
    pub drug: String,
    /// `10 tablet`
    pub quantity: String,
    /// `3 x sehari 1 tablet`
    pub directions: String,
    /// `sesudah makan`, `kocok dahulu`
    pub note: Option<String>,
    pub batch: Option<String>,
    pub expiry: Option<String>,
    pub pharmacist: String,
    /// The product's EAN-13, printed only when its check digit is right.
    pub barcode: Option<String>,
}

pub fn drug_label(t: &Text, site: &Site, l: &DrugLabel) -> Document {
    let mut d = Document::new(DocKind::DrugLabel);
    header(&mut d, site);
    d.separator();
    let kind = match l.kind {
        LabelKind::Oral => t.doc_label_oral(),
        LabelKind::External => t.doc_label_external(),
    };
    d.title(kind);
    d.columns(format!("No. {}", l.number), local_time(l.time, site.zone));
    d.text(l.patient.clone());
    d.separator();
    d.styled(l.drug.clone(), Align::Left, true, false);
    d.text(l.quantity.clone());
    d.styled(l.directions.clone(), Align::Center, true, true);
    if let Some(n) = &l.note {
        d.center(n.clone());
    }
    if let Some(b) = &l.batch {
        d.columns(t.doc_batch(), b.clone());
    }
    if let Some(e) = &l.expiry {
        d.columns(t.doc_expiry(), e.clone());
    }
    if let Some(code) = l.barcode.as_ref().filter(|c| c.len() == 13 && crate::domain::ean::is_valid(c)) {
        d.push(Block::Barcode { kind: BarcodeKind::Ean13, data: code.clone() });
    }
    d.columns(t.doc_pharmacist(), l.pharmacist.clone());
    d.cut();
    d
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShiftReport {
    /// False: an X report (interim, shift stays open). True: the Z report that closes it.
    pub closing: bool,
    /// The audit log's head when printed (sequence, short digest), to check the log against.
    pub audit: Option<(i64, String)>,
    pub shift_no: String,
    pub cashier: String,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    pub printed_at: DateTime<Utc>,
    pub sales_count: i64,
    pub gross: i64,
    pub voids: i64,
    pub discounts: i64,
    /// Cash rounding in the shift's sales (in the net).
    pub rounding: i64,
    pub net: i64,
    pub vat: Option<Vat>,
    pub by_method: Vec<(PaymentMethod, i64)>,
    pub opening_float: i64,
    pub cash_in: i64,
    pub cash_out: i64,
    /// Members' cash: savings in less out, credit repaid, installments, less loans handed over.
    pub members_cash: i64,
    /// None on a cashier's X report: the count is blind until the shift closes.
    pub expected_cash: Option<i64>,
    /// The blind count (Z report).
    pub counted_cash: Option<i64>,
    /// The QRIS total the cashier reported at closing, and the QRIS payments recorded.
    pub qris_reported: Option<i64>,
    pub qris_recorded: i64,
}

pub fn shift_report(t: &Text, site: &Site, s: &ShiftReport) -> Document {
    let mut d = Document::new(if s.closing { DocKind::ShiftZ } else { DocKind::ShiftX });
    header(&mut d, site);
    d.heavy_separator();
    d.title(if s.closing { t.doc_z_report() } else { t.doc_x_report() });
    d.columns(t.doc_shift(), s.shift_no.clone());
    d.columns(t.doc_cashier(), s.cashier.clone());
    d.columns(t.doc_opened(), local_time(s.opened_at, site.zone));
    if let Some(c) = s.closed_at {
        d.columns(t.doc_closed(), local_time(c, site.zone));
    }
    d.columns(t.doc_time(), local_time(s.printed_at, site.zone));
    d.separator();
    d.columns(t.doc_sales_count(), s.sales_count.to_string());
    d.columns(t.doc_gross(), format_rupiah(s.gross));
    d.columns(t.doc_voids(), format_rupiah(-s.voids));
    d.columns(t.doc_discount(), format_rupiah(-s.discounts));
    if s.rounding != 0 {
        d.columns(t.sale_rounding_label(), format_rupiah(s.rounding));
    }
    d.columns_bold(t.doc_net(), format_rupiah(s.net));
    if let Some(v) = &s.vat {
        d.columns(t.doc_tax_base(), format_rupiah(v.base));
        d.columns(t.doc_vat(v.rate_permille), format_rupiah(v.tax));
    }
    if !s.by_method.is_empty() {
        d.separator();
        d.styled(t.doc_by_method(), Align::Left, true, false);
        for (m, amount) in &s.by_method {
            d.columns(format!("  {}", method_name(t, *m)), format_rupiah(*amount));
        }
    }
    d.separator();
    d.columns(t.doc_float(), format_rupiah(s.opening_float));
    d.columns(t.doc_cash_in(), format_rupiah(s.cash_in));
    d.columns(t.doc_cash_out(), format_rupiah(-s.cash_out));
    if s.members_cash != 0 {
        d.columns(t.doc_members_cash(), format_rupiah(s.members_cash));
    }
    if let Some(expected) = s.expected_cash {
        d.columns_bold(t.doc_cash_expected(), format_rupiah(expected));
    }
    if let Some(counted) = s.counted_cash {
        d.columns(t.doc_cash_counted(), format_rupiah(counted));
        if let Some(expected) = s.expected_cash {
            d.columns_bold(t.doc_cash_difference(), format_rupiah(counted - expected));
        }
    }
    if let Some(reported) = s.qris_reported {
        d.columns(t.doc_qris_reported(), format_rupiah(reported));
        d.columns(t.doc_qris_recorded(), format_rupiah(s.qris_recorded));
        d.columns_bold(t.doc_qris_difference(), format_rupiah(reported - s.qris_recorded));
    }
    if let Some((seq, digest)) = &s.audit {
        d.separator();
        d.columns(t.doc_audit(), format!("#{seq} {digest}"));
    }
    d.heavy_separator();
    if s.closing {
        d.feed(2);
        d.text(t.doc_signature_cashier());
        d.feed(2);
        d.text("_".repeat(20));
        d.text(t.doc_signature_supervisor());
        d.feed(2);
        d.text("_".repeat(20));
    } else {
        d.center(t.doc_x_note());
    }
    d.cut();
    d
}

/// A sample EAN-13 (a product of the demo catalog) for the test page.
pub const TEST_BARCODE: &str = "8992388101016";

pub fn test_page(t: &Text, site: &Site, printer: &str, width: u16, now: DateTime<Utc>) -> Document {
    let mut d = Document::new(DocKind::TestPage);
    header(&mut d, site);
    d.heavy_separator();
    d.title(t.doc_test_title());
    d.columns(t.doc_time(), local_time(now, site.zone));
    d.columns(t.doc_test_connection(), printer.to_string());
    d.columns(t.doc_test_width(), format!("{width} {}", t.doc_test_columns()));
    d.separator();
    d.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz 0123456789 .,:;!?()[]/-+*=%#@&");
    d.text(t.doc_test_styles());
    d.styled("Loket", Align::Left, true, false);
    d.big("Loket");
    d.styled(format_rupiah(1_234_500), Align::Right, false, false);
    d.text(t.doc_test_translit());
    d.text("kg/m² 37,5°C ≥ µg Café");
    d.separator();
    d.center(t.doc_test_codes());
    d.qr("LOKET-TEST");
    d.push(Block::Barcode { kind: BarcodeKind::Ean13, data: TEST_BARCODE.into() });
    d.cut();
    d
}
