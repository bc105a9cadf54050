//! Goods received: a delivery (supplier, invoice number, date and total) with its lines, written
//! as one receiving and a `receipt` movement per line in the caller's transaction; the suppliers
//! used so far, most recent first, for the receiving screen's list.

use super::audit::{append, Actor};
use super::products::product_by_id;
use super::{ts, Result, Store, StoreError, Tx};
use crate::domain::stock::StockRefusal;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

/// One line of goods received. Free goods (a supplier's bonus) come in at a cost of zero.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiveLine {
    pub product_id: i64,
    pub batch_no: Option<String>,
    pub expiry: Option<NaiveDate>,
    pub qty_milli: i64,
    pub unit_cost: i64,
    pub free: bool,
}

/// A supplier's delivery as the receiving screen or the command line hands it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub supplier: String,
    pub invoice_no: String,
    pub invoice_date: Option<NaiveDate>,
    pub invoice_total: Option<i64>,
    pub lines: Vec<ReceiveLine>,
}

/// The free-goods mark on a movement (its reason).
pub const FREE_GOODS: &str = "free goods";

/// Write a delivery: the receiving, its batches (a batch number already known for the product
/// keeps its expiry), a movement per line and the audit entry. The store's own guards (a known
/// product, a quantity, a batch for drugs) stand behind the operation's checks.
pub fn receive_in(tx: &Tx, actor: &Actor, d: &Delivery, now: DateTime<Utc>) -> Result<i64> {
    if d.lines.is_empty() {
        return Err(StoreError::Stock(StockRefusal::Empty));
    }
    tx.execute(
        "INSERT INTO receivings(supplier, invoice_no, at, user_id, invoice_date, invoice_total) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![d.supplier, d.invoice_no, ts(now), actor.id, d.invoice_date.map(|x| x.to_string()), d.invoice_total],
    )?;
    let id = tx.last_insert_rowid();
    let reference = format!("{} / {}", d.supplier, d.invoice_no);
    for l in &d.lines {
        let product = product_by_id(tx, l.product_id)?.ok_or(StoreError::Sale(super::sales::Refusal::UnknownProduct))?;
        if l.qty_milli <= 0 {
            return Err(StoreError::Stock(StockRefusal::Quantity(product.name)));
        }
        if product.drug.is_some() && (l.batch_no.is_none() || l.expiry.is_none()) {
            return Err(StoreError::Stock(StockRefusal::BatchNeeded(product.name)));
        }
        let batch_id = match &l.batch_no {
            Some(b) => {
                tx.execute(
                    "INSERT INTO batches(product_id, batch_no, expiry) VALUES (?1, ?2, ?3) ON CONFLICT(product_id, batch_no) DO NOTHING",
                    params![l.product_id, b, l.expiry.map(|d| d.to_string())],
                )?;
                Some(tx.query_row("SELECT id FROM batches WHERE product_id = ?1 AND batch_no = ?2", params![l.product_id, b], |r| r.get::<_, i64>(0))?)
            }
            None => None,
        };
        tx.execute(
            "INSERT INTO stock_movements(product_id, batch_id, kind, qty_milli, unit_cost, reason, reference, at, user_id, receiving_id)
             VALUES (?1, ?2, 'receipt', ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![l.product_id, batch_id, l.qty_milli, l.unit_cost, l.free.then_some(FREE_GOODS), reference, ts(now), actor.id, id],
        )?;
    }
    append(tx, actor, "receive", "receivings", Some(id), &format!("{} {}: {} lines", d.supplier, d.invoice_no, d.lines.len()), now)?;
    Ok(id)
}

impl Store {
    /// The suppliers goods were received from, the most recent first.
    pub fn suppliers(&self, limit: usize) -> Result<Vec<String>> {
        let mut st = self.conn().prepare_cached("SELECT supplier FROM receivings GROUP BY supplier ORDER BY max(at) DESC, supplier LIMIT ?1")?;
        let rows = st.query_map([limit as i64], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
