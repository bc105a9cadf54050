//! Dispensing a prescription, whole or in part, inside the caller's transaction: each line
//! checked against what is still owed (never more), a substitute only with its reason; the paid
//! lines become one sale through `sale_commit` (drug rules, batches first-expiry-first-out,
//! payment, the labels from the directions), the free programme lines take their batches the
//! same way (`domain::fefo`, expired never) and move stock under this dispensing.

use super::super::audit::{append, Actor};
use super::super::products::product_by_id;
use super::super::sale_commit::commit_sale_in;
use super::super::sales::{CommittedSale, NewLine, NewSale, SaleRules};
use super::super::stock::batch_stock;
use super::super::{ts, Result};
use super::rx::{prescription_in, Prescription};
use super::{refuse, ClinicRefusal};
use crate::domain::cart::Tender;
use crate::domain::fefo::{self, Take};
use crate::store::products::Product;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, Transaction};

/// One line the pharmacist hands out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandOut {
    pub item_id: i64,
    /// The product given: the prescribed one, or a substitute.
    pub product_id: i64,
    pub qty_milli: i64,
    /// Why a substitute was given (required for one).
    pub substitute_reason: Option<String>,
}

/// A free programme line as handed out (for its label).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FreeLine {
    pub item_id: i64,
    pub product: Product,
    pub qty_milli: i64,
    pub programme: String,
    pub takes: Vec<Take>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dispensed {
    pub id: i64,
    /// The sale of the paid lines (None when everything was free).
    pub sale: Option<CommittedSale>,
    pub free: Vec<FreeLine>,
    /// The prescription as it now stands (what is still owed).
    pub prescription: Prescription,
}

/// What the transaction needs from the operation around it.
pub struct DispenseFacts<'a> {
    pub prescription_id: i64,
    pub lines: &'a [HandOut],
    /// The free programme a generic drug belongs to (a site setting per drug).
    pub programme_of: &'a dyn Fn(&str) -> Option<String>,
    /// The prescriber's licence, printed with the prescription on the sale.
    pub prescriber_sip: &'a str,
    pub rules: &'a SaleRules,
    pub shift_id: Option<i64>,
    pub tenders: &'a [Tender],
    pub day: NaiveDate,
}

pub fn dispense_in(tx: &Transaction, actor: &Actor, f: &DispenseFacts, now: DateTime<Utc>) -> Result<Dispensed> {
    let Some(rx) = prescription_in(tx, f.prescription_id)? else { return refuse(ClinicRefusal::NoSuchPrescription) };
    let lines: Vec<&HandOut> = f.lines.iter().filter(|l| l.qty_milli > 0).collect();
    if lines.is_empty() {
        return refuse(ClinicRefusal::NothingToDispense);
    }
    // Check every line before anything is written.
    let mut paid: Vec<(&HandOut, &super::rx::Item)> = Vec::new();
    let mut free: Vec<(&HandOut, &super::rx::Item, Product, String)> = Vec::new();
    for l in &lines {
        let Some(item) = rx.items.iter().find(|i| i.id == l.item_id) else { return refuse(ClinicRefusal::NoSuchPrescription) };
        let asked: i64 = lines.iter().filter(|o| o.item_id == item.id).map(|o| o.qty_milli).sum();
        if asked > item.owed() {
            return refuse(ClinicRefusal::MoreThanPrescribed { drug: item.generic_name.clone(), owed: item.owed() });
        }
        let Some(product) = product_by_id(tx, l.product_id)? else { return refuse(ClinicRefusal::NotADrug(l.product_id.to_string())) };
        let Some(drug) = &product.drug else { return refuse(ClinicRefusal::NotADrug(product.name)) };
        if l.product_id != item.product_id && l.substitute_reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            return refuse(ClinicRefusal::SubstituteReason(item.generic_name.clone()));
        }
        match (f.programme_of)(&drug.generic_name) {
            Some(p) => free.push((l, item, product.clone(), p)),
            None => paid.push((l, item)),
        }
    }
    let sale = if paid.is_empty() {
        None
    } else {
        let rx_of = |item: &super::rx::Item| crate::domain::drug_policy::Prescription {
            prescriber: rx.prescriber.clone(),
            prescriber_sip: f.prescriber_sip.to_string(),
            written_on: f.day,
            number: rx.number.clone(),
            patient_id: rx.patient_id,
            patient: rx.patient_name.clone(),
            directions: item.directions.clone(),
        };
        let new = NewSale {
            lines: paid.iter().map(|(l, item)| NewLine { product_id: l.product_id, qty_milli: l.qty_milli, fixed_amount: None, prescription: Some(rx_of(item)), change: None }).collect(),
            member_id: None,
            patient_id: Some(rx.patient_id),
            tenders: f.tenders.to_vec(),
            business_day: f.day,
            shift_id: f.shift_id,
            discount: None,
        };
        Some(commit_sale_in(tx, actor, &new, f.rules, now)?)
    };
    tx.execute(
        "INSERT INTO dispenses(prescription_id, at, business_day, user_id, sale_id) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![rx.id, ts(now), f.day.to_string(), actor.id, sale.as_ref().map(|s| s.id)],
    )?;
    let id = tx.last_insert_rowid();
    let mut line_st = tx.prepare_cached(
        "INSERT INTO dispense_lines(dispense_id, item_id, product_id, qty_milli, substitute_reason, programme, sale_line_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, (l, _)) in paid.iter().enumerate() {
        let sale_id = sale.as_ref().map(|s| s.id);
        let sale_line: Option<i64> = tx.query_row("SELECT id FROM sale_lines WHERE sale_id = ?1 AND line_no = ?2", params![sale_id, i as i64 + 1], |r| r.get(0))?;
        line_st.execute(params![id, l.item_id, l.product_id, l.qty_milli, l.substitute_reason.as_deref().map(str::trim), None::<String>, sale_line])?;
    }
    let mut given_free = Vec::new();
    for (l, item, product, programme) in free {
        let batches = batch_stock(tx, product.id)?;
        let rules = fefo::Rules { allow_negative: false, ..f.rules.fefo };
        let picked = match fefo::pick(&batches, l.qty_milli, f.day, rules) {
            Ok(p) => p,
            Err(fefo::PickError::Short { available, .. }) => {
                return refuse(ClinicRefusal::OutOfStock { drug: item.generic_name.clone(), wanted: l.qty_milli, available, instead: Vec::new() })
            }
        };
        line_st.execute(params![id, l.item_id, l.product_id, l.qty_milli, l.substitute_reason.as_deref().map(str::trim), programme, None::<i64>])?;
        for t in &picked.takes {
            tx.execute(
                "INSERT INTO stock_movements(product_id, batch_id, kind, qty_milli, reason, reference, at, user_id, dispense_id)
                 VALUES (?1, ?2, 'adjustment', ?3, ?4, ?5, ?6, ?7, ?8)",
                params![product.id, t.batch_id, -t.qty_milli, format!("programme:{programme}"), rx.number, ts(now), actor.id, id],
            )?;
        }
        given_free.push(FreeLine { item_id: item.id, product, qty_milli: l.qty_milli, programme, takes: picked.takes });
    }
    let prescription = prescription_in(tx, rx.id)?.unwrap_or(rx);
    let owed = prescription.items.iter().filter(|i| i.owed() > 0).count();
    let summary = format!("{}: {} lines, sale {}, {owed} lines still owed", prescription.number, lines.len(), sale.as_ref().map(|s| s.number.as_str()).unwrap_or("-"));
    append(tx, actor, "dispense", "dispenses", Some(id), &summary, now)?;
    Ok(Dispensed { id, sale, free: given_free, prescription })
}

/// A dispensing's lines as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredLine {
    pub item_id: i64,
    pub product_id: i64,
    pub qty_milli: i64,
    pub substitute_reason: Option<String>,
    pub programme: Option<String>,
}

pub fn lines_in(tx: &Transaction, dispense_id: i64) -> Result<Vec<StoredLine>> {
    let mut st = tx.prepare_cached("SELECT item_id, product_id, qty_milli, substitute_reason, programme FROM dispense_lines WHERE dispense_id = ?1 ORDER BY id")?;
    let rows = st.query_map([dispense_id], |r| Ok(StoredLine { item_id: r.get(0)?, product_id: r.get(1)?, qty_milli: r.get(2)?, substitute_reason: r.get(3)?, programme: r.get(4)? }))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// Sellable stock of a product today (expired batches left out).
pub fn sellable_in(tx: &Connection, product_id: i64, day: NaiveDate) -> Result<i64> {
    Ok(batch_stock(tx, product_id)?.iter().filter(|b| !fefo::is_expired(b.expiry, day)).map(|b| b.on_hand.max(0)).sum())
}

/// Active products of the same generic drug (the formulary's alternatives), with sellable stock.
pub fn alternatives_in(tx: &Connection, generic: &str, except: i64, day: NaiveDate) -> Result<Vec<(i64, String, i64)>> {
    let mut st = tx.prepare_cached(
        "SELECT p.id, p.name FROM products p JOIN drugs d ON d.product_id = p.id WHERE lower(d.generic_name) = lower(?1) AND p.id <> ?2 AND p.active = 1 ORDER BY p.name",
    )?;
    let ids = st.query_map(params![generic, except], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    for (id, name) in ids {
        let n = sellable_in(tx, id, day)?;
        if n > 0 {
            out.push((id, name, n));
        }
    }
    Ok(out)
}

impl super::super::Store {
    /// Sellable stock of a product today.
    pub fn sellable(&self, product_id: i64, day: NaiveDate) -> Result<i64> {
        sellable_in(self.conn(), product_id, day)
    }

    /// Products of the same generic drug with sellable stock: (id, name, stock).
    pub fn alternatives(&self, generic: &str, except: i64, day: NaiveDate) -> Result<Vec<(i64, String, i64)>> {
        alternatives_in(self.conn(), generic, except, day)
    }
}
