//! Stock printouts: the receiving slip (what came in from whom, against the invoice), the return
//! note (what went back to whom, and why) and the shelf label (name, price, member price,
//! barcode), in the site's language.

use super::doc::{BarcodeKind, Block, DocKind, Document};
use super::docs::local_time;
use super::{new_job, JobRef, NewPrintJob, Profile};
use crate::config::Site;
use crate::domain::money::{format_milli, format_rupiah};
use crate::domain::stock::line_value;
use crate::text::Text;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlipLine {
    pub name: String,
    pub qty_milli: i64,
    pub unit_cost: i64,
    pub free: bool,
    pub batch_no: Option<String>,
    pub expiry: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivingSlip {
    pub id: i64,
    pub supplier: String,
    pub invoice_no: String,
    pub invoice_date: Option<NaiveDate>,
    pub invoice_total: Option<i64>,
    pub received_by: String,
    pub time: DateTime<Utc>,
    pub lines: Vec<SlipLine>,
}

pub fn receiving_slip(t: &Text, site: &Site, r: &ReceivingSlip) -> Document {
    let mut d = Document::new(DocKind::ReceivingSlip);
    d.title(site.name.clone());
    d.heavy_separator();
    d.title(t.doc_receiving_title());
    d.columns("No.", format!("#{}", r.id));
    d.columns(t.doc_time(), local_time(r.time, site.zone));
    d.columns(t.doc_supplier(), r.supplier.clone());
    d.columns(t.doc_invoice(), r.invoice_no.clone());
    if let Some(date) = r.invoice_date {
        d.columns(t.doc_invoice_date(), date.format("%d-%m-%Y").to_string());
    }
    d.separator();
    let mut value = 0;
    for l in &r.lines {
        d.text(l.name.clone());
        let cost = if l.free { t.recv_free().to_string() } else { format!("@{}", format_rupiah(l.unit_cost)) };
        let amount = line_value(l.qty_milli, l.unit_cost);
        value += amount;
        d.columns(format!("  {} x {cost}", format_milli(l.qty_milli)), format_rupiah(amount));
        if let (Some(b), Some(e)) = (&l.batch_no, l.expiry) {
            d.text(format!("  {b}  ED {}", e.format("%d-%m-%Y")));
        }
    }
    d.separator();
    d.columns_bold(t.doc_lines_value(), format_rupiah(value));
    if let Some(total) = r.invoice_total {
        d.columns(t.doc_invoice_total(), format_rupiah(total));
        d.columns(t.doc_difference(), format_rupiah(value - total));
    }
    d.heavy_separator();
    d.columns(t.doc_received_by(), r.received_by.clone());
    d.feed(2);
    d.text("_".repeat(20));
    d.cut();
    d
}

pub fn receiving_job(site: &Site, profile: &Profile, r: &ReceivingSlip) -> NewPrintJob {
    let t = Text::new(site.lang);
    new_job(&receiving_slip(&t, site, r), profile, JobRef { table: Some("receivings".into()), id: Some(r.id) })
}

/// One line going back to the supplier, as the slip shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnSlipLine {
    pub name: String,
    pub unit: String,
    pub qty_milli: i64,
    pub batch_no: Option<String>,
    pub expiry: Option<NaiveDate>,
}

/// Goods sent back to a supplier: what, why, by whom; signed by both sides when handed over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnSlip {
    pub id: i64,
    pub supplier: String,
    pub reason: crate::store::supplier_returns::ReturnReason,
    pub returned_by: String,
    pub time: DateTime<Utc>,
    pub lines: Vec<ReturnSlipLine>,
}

pub fn return_slip(t: &Text, site: &Site, r: &ReturnSlip) -> Document {
    let mut d = Document::new(DocKind::ReturnSlip);
    d.title(site.name.clone());
    d.heavy_separator();
    d.title(t.doc_supplier_return_title());
    d.columns("No.", format!("R-{}", r.id));
    d.columns(t.doc_time(), local_time(r.time, site.zone));
    d.columns(t.doc_supplier(), r.supplier.clone());
    d.columns(t.doc_reason(), t.return_reason(r.reason).to_string());
    d.separator();
    for l in &r.lines {
        d.text(l.name.clone());
        d.columns(format!("  {} {}", format_milli(l.qty_milli), l.unit), l.batch_no.clone().unwrap_or_default());
        if let Some(e) = l.expiry {
            d.text(format!("  ED {}", e.format("%d-%m-%Y")));
        }
    }
    d.heavy_separator();
    d.columns(t.doc_returned_by(), r.returned_by.clone());
    d.feed(2);
    d.text("_".repeat(20));
    d.text(t.doc_supplier_signs().to_string());
    d.feed(2);
    d.text("_".repeat(20));
    d.cut();
    d
}

pub fn return_job(site: &Site, profile: &Profile, r: &ReturnSlip) -> NewPrintJob {
    let t = Text::new(site.lang);
    new_job(&return_slip(&t, site, r), profile, JobRef { table: Some("supplier_returns".into()), id: Some(r.id) })
}

/// A shelf label: the name, the price large, the member price, and the barcode when it is a
/// retail code the printer can draw.
pub fn shelf_label(t: &Text, name: &str, price: i64, member_price: Option<i64>, barcode: Option<&str>) -> Document {
    let mut d = Document::new(DocKind::ShelfLabel);
    d.title(name.to_string());
    d.big(format_rupiah(price));
    if let Some(m) = member_price {
        d.center(format!("{} {}", t.doc_member_price(), format_rupiah(m)));
    }
    if let Some(b) = barcode.filter(|b| b.len() == 13 && crate::domain::ean::is_valid(b)) {
        d.push(Block::Barcode { kind: BarcodeKind::Ean13, data: b.to_string() });
    } else if let Some(b) = barcode {
        d.center(b.to_string());
    }
    d.cut();
    d
}

pub fn shelf_label_job(site: &Site, profile: &Profile, product_id: i64, name: &str, price: i64, member_price: Option<i64>, barcode: Option<&str>) -> NewPrintJob {
    let t = Text::new(site.lang);
    new_job(&shelf_label(&t, name, price, member_price, barcode), profile, JobRef { table: Some("products".into()), id: Some(product_id) })
}

/// A purchase order for one supplier: each product with the quantity to order.
pub fn purchase_order(t: &Text, site: &Site, supplier: Option<&str>, lines: &[(String, i64, String)], now: DateTime<Utc>) -> Document {
    let mut d = Document::new(DocKind::PurchaseOrder);
    d.title(site.name.clone());
    d.heavy_separator();
    d.title(t.doc_purchase_order());
    d.columns(t.doc_time(), local_time(now, site.zone));
    d.columns(t.doc_supplier(), supplier.unwrap_or(t.doc_no_supplier()).to_string());
    d.separator();
    for (name, qty, unit) in lines {
        d.columns(name.clone(), format!("{} {unit}", format_milli(*qty)));
    }
    d.heavy_separator();
    d.feed(2);
    d.text("_".repeat(20));
    d.cut();
    d
}

/// `lines`: (product, quantity in milli-units, unit).
pub fn purchase_order_job(site: &Site, profile: &Profile, supplier: Option<&str>, lines: &[(String, i64, String)], now: DateTime<Utc>) -> NewPrintJob {
    let t = Text::new(site.lang);
    new_job(&purchase_order(&t, site, supplier, lines, now), profile, JobRef { table: None, id: None })
}
