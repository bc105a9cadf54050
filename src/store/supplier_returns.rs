//! Goods sent back to a supplier (expired or damaged): a return record and a movement per line
//! out of stock, of kind `supplier-return` (migration 24; before it they were written as
//! `writeoff` with their `supplier_return_id`, and are read as returns), linked to it.

use super::audit::{append, Actor};
use super::{ts, Result, Store, StoreError, Tx};
use crate::domain::stock::StockRefusal;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

/// Why goods go back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReturnReason {
    Expired,
    Damaged,
}

impl ReturnReason {
    pub fn code(self) -> &'static str {
        match self {
            ReturnReason::Expired => "expired",
            ReturnReason::Damaged => "damaged",
        }
    }
}

/// One line going back: a product, its batch (None: stock without a batch), the quantity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnLine {
    pub product_id: i64,
    pub batch_id: Option<i64>,
    pub qty_milli: i64,
}

/// A batch past its expiry still holding stock, with the supplier it last came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpiredBatch {
    pub supplier: Option<String>,
    pub product_id: i64,
    pub name: String,
    pub batch_id: i64,
    pub batch_no: String,
    pub on_hand: i64,
}

pub fn return_to_supplier_in(tx: &Tx, actor: &Actor, supplier: &str, reason: ReturnReason, lines: &[ReturnLine], now: DateTime<Utc>) -> Result<i64> {
    if lines.is_empty() {
        return Err(StoreError::Stock(StockRefusal::Empty));
    }
    tx.execute(
        "INSERT INTO supplier_returns(supplier, reason, at, user_id) VALUES (?1, ?2, ?3, ?4)",
        params![supplier, reason.code(), ts(now), actor.id],
    )?;
    let id = tx.last_insert_rowid();
    for l in lines {
        let (name, on_hand): (String, i64) = tx.query_row(
            "SELECT p.name, coalesce((SELECT qty_milli FROM stock_levels WHERE product_id = p.id AND batch_key = ?2), 0) FROM products p WHERE p.id = ?1",
            params![l.product_id, l.batch_id.unwrap_or(0)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if l.qty_milli <= 0 {
            return Err(StoreError::Stock(StockRefusal::Quantity(name)));
        }
        if l.qty_milli > on_hand {
            return Err(StoreError::Stock(StockRefusal::AboveStock(name, on_hand)));
        }
        tx.execute(
            "INSERT INTO stock_movements(product_id, batch_id, kind, qty_milli, reason, reference, at, user_id, supplier_return_id)
             VALUES (?1, ?2, 'supplier-return', ?3, ?4, ?5, ?6, ?7, ?8)",
            params![l.product_id, l.batch_id, -l.qty_milli, format!("return to supplier ({})", reason.code()), supplier, ts(now), actor.id, id],
        )?;
        // Each movement its entry (with its digest), as every movement of its own has.
        let movement = tx.last_insert_rowid();
        append(tx, actor, "supplier-return", "stock_movements", Some(movement), &format!("return #{id}: product {} {}", l.product_id, -l.qty_milli), now)?;
    }
    append(tx, actor, "supplier-return", "supplier_returns", Some(id), &format!("{supplier}: {} lines ({})", lines.len(), reason.code()), now)?;
    Ok(id)
}

impl Store {
    /// Batches past their expiry (the day itself included) still holding stock.
    pub fn expired_batches(&self, today: NaiveDate) -> Result<Vec<ExpiredBatch>> {
        let mut st = self.conn().prepare(
            "SELECT (SELECT r.supplier FROM stock_movements m JOIN receivings r ON r.id = m.receiving_id WHERE m.batch_id = b.id ORDER BY m.id DESC LIMIT 1),
                    p.id, p.name, b.id, b.batch_no, l.qty_milli
             FROM batches b JOIN products p ON p.id = b.product_id JOIN stock_levels l ON l.product_id = b.product_id AND l.batch_key = b.id
             WHERE b.expiry IS NOT NULL AND b.expiry <= ?1 AND l.qty_milli > 0 ORDER BY 1, p.name",
        )?;
        let rows = st.query_map([today.to_string()], |r| {
            Ok(ExpiredBatch { supplier: r.get(0)?, product_id: r.get(1)?, name: r.get(2)?, batch_id: r.get(3)?, batch_no: r.get(4)?, on_hand: r.get(5)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
