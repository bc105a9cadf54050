//! Stock counts (stock opname): a count sheet for a section or for every product, one line per
//! product and batch; each line's counted quantity is saved as it is typed (so a count can be
//! paused and resumed) together with what the books said at that moment; a supervisor's approval
//! turns the differences into adjustment movements with the reason, in one transaction.

use super::audit::{append, Actor};
use super::receiving::FREE_GOODS;
use super::{parse_ts, ts, Result, Store, StoreError, Tx};
use crate::domain::stock::{line_value, StockRefusal};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountLine {
    pub product_id: i64,
    /// The batch (None: stock without a batch).
    pub batch_id: Option<i64>,
    pub name: String,
    pub barcode: Option<String>,
    pub plu: Option<String>,
    pub unit: String,
    pub batch_no: Option<String>,
    pub expiry: Option<NaiveDate>,
    pub counted: Option<i64>,
    /// What the books said when the line was counted (not shown to the counter).
    pub expected: Option<i64>,
    /// The last unit cost, for the value of a difference.
    pub cost: i64,
}

impl CountLine {
    /// Counted minus expected, once counted.
    pub fn variance(&self) -> Option<i64> {
        Some(self.counted? - self.expected?)
    }

    pub fn variance_value(&self) -> Option<i64> {
        self.variance().map(|v| line_value(v, self.cost))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountSheet {
    pub id: i64,
    /// None: every product.
    pub section: Option<String>,
    pub started_at: DateTime<Utc>,
    pub lines: Vec<CountLine>,
}

fn open_count_id(conn: &Connection) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT id FROM stock_counts WHERE status = 'open'", [], |r| r.get(0)).optional()?)
}

/// Start a count sheet: every active product of the section (or all), a line per batch holding
/// stock, or one line for a product without batches or stock.
pub fn start_count_in(tx: &Tx, actor: &Actor, section: Option<&str>, now: DateTime<Utc>) -> Result<i64> {
    if open_count_id(tx)?.is_some() {
        return Err(StoreError::Stock(StockRefusal::CountOpen));
    }
    tx.execute("INSERT INTO stock_counts(section, started_at, started_by) VALUES (?1, ?2, ?3)", params![section, ts(now), actor.id])?;
    let id = tx.last_insert_rowid();
    tx.execute(
        "INSERT INTO stock_count_lines(count_id, product_id, batch_key)
         SELECT ?1, p.id, l.batch_key FROM products p JOIN stock_levels l ON l.product_id = p.id
         WHERE p.active = 1 AND (?2 IS NULL OR p.section = ?2) AND l.qty_milli <> 0",
        params![id, section],
    )?;
    tx.execute(
        "INSERT INTO stock_count_lines(count_id, product_id, batch_key)
         SELECT ?1, p.id, 0 FROM products p WHERE p.active = 1 AND (?2 IS NULL OR p.section = ?2)
         AND NOT EXISTS (SELECT 1 FROM stock_count_lines c WHERE c.count_id = ?1 AND c.product_id = p.id)",
        params![id, section],
    )?;
    append(tx, actor, "count-start", "stock_counts", Some(id), section.unwrap_or("all"), now)?;
    Ok(id)
}

/// Save one line's count, with what the books say now.
pub fn record_count_in(tx: &Tx, actor: &Actor, count_id: i64, product_id: i64, batch_id: Option<i64>, counted: i64, now: DateTime<Utc>) -> Result<()> {
    let key = batch_id.unwrap_or(0);
    let name: Option<String> = tx.query_row("SELECT name FROM products WHERE id = ?1", [product_id], |r| r.get(0)).optional()?;
    let on_sheet: Option<i64> = tx
        .query_row(
            "SELECT 1 FROM stock_count_lines l JOIN stock_counts c ON c.id = l.count_id
             WHERE l.count_id = ?1 AND l.product_id = ?2 AND l.batch_key = ?3 AND c.status = 'open'",
            params![count_id, product_id, key],
            |r| r.get(0),
        )
        .optional()?;
    if on_sheet.is_none() {
        return Err(StoreError::Stock(StockRefusal::NotInSheet(name.unwrap_or_default())));
    }
    if counted < 0 {
        return Err(StoreError::Stock(StockRefusal::Quantity(name.unwrap_or_default())));
    }
    let expected: i64 = tx
        .query_row("SELECT qty_milli FROM stock_levels WHERE product_id = ?1 AND batch_key = ?2", params![product_id, key], |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    tx.execute(
        "UPDATE stock_count_lines SET counted = ?4, expected = ?5, counted_at = ?6, counted_by = ?7
         WHERE count_id = ?1 AND product_id = ?2 AND batch_key = ?3",
        params![count_id, product_id, key, counted, expected, ts(now), actor.id],
    )?;
    append(tx, actor, "count", "stock_counts", Some(count_id), &format!("product {product_id} batch {key}: {counted}"), now)
}

/// Approve a count: each counted line whose count differs from the books becomes an adjustment
/// movement with the reason; the count is closed. Returns the sheet as approved.
pub fn approve_count_in(tx: &Tx, actor: &Actor, approver: &Actor, count_id: i64, reason: &str, now: DateTime<Utc>) -> Result<CountSheet> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StoreError::Stock(StockRefusal::NeedReason));
    }
    let sheet = count_sheet(tx, count_id)?.ok_or(StoreError::Stock(StockRefusal::NoCount))?;
    let status: String = tx.query_row("SELECT status FROM stock_counts WHERE id = ?1", [count_id], |r| r.get(0))?;
    if status != "open" {
        return Err(StoreError::Stock(StockRefusal::NoCount));
    }
    let reference = format!("opname #{count_id}");
    let mut adjusted = 0;
    for l in &sheet.lines {
        let Some(v) = l.variance().filter(|v| *v != 0) else { continue };
        tx.execute(
            "INSERT INTO stock_movements(product_id, batch_id, kind, qty_milli, unit_cost, reason, reference, at, user_id)
             VALUES (?1, ?2, 'adjustment', ?3, ?4, ?5, ?6, ?7, ?8)",
            params![l.product_id, l.batch_id, v, l.cost, reason, reference, ts(now), approver.id],
        )?;
        // Each movement its entry (with its digest), as every movement of its own has.
        let movement = tx.last_insert_rowid();
        append(tx, approver, "adjust", "stock_movements", Some(movement), &format!("{reference}: product {} {v}", l.product_id), now)?;
        adjusted += 1;
    }
    tx.execute(
        "UPDATE stock_counts SET status = 'approved', approved_at = ?2, approved_by = ?3, reason = ?4 WHERE id = ?1",
        params![count_id, ts(now), approver.id, reason],
    )?;
    append(tx, approver, "approve", "stock_counts", Some(count_id), &format!("count by {}: {adjusted} adjustments ({reason})", actor.name), now)?;
    Ok(sheet)
}

/// A count's sheet, lines by section and name.
pub fn count_sheet(conn: &Connection, count_id: i64) -> Result<Option<CountSheet>> {
    let head: Option<(Option<String>, String)> =
        conn.query_row("SELECT section, started_at FROM stock_counts WHERE id = ?1", [count_id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    let Some((section, started)) = head else { return Ok(None) };
    let mut st = conn.prepare_cached(
        "SELECT l.product_id, nullif(l.batch_key, 0), p.name, p.barcode, p.plu, p.unit, b.batch_no, b.expiry, l.counted, l.expected,
                coalesce((SELECT unit_cost FROM stock_movements m WHERE m.product_id = p.id AND m.kind = 'receipt'
                          AND coalesce(m.reason, '') <> ?2 ORDER BY m.id DESC LIMIT 1), 0)
         FROM stock_count_lines l JOIN products p ON p.id = l.product_id LEFT JOIN batches b ON b.id = nullif(l.batch_key, 0)
         WHERE l.count_id = ?1 ORDER BY p.section, p.name, b.expiry, b.batch_no",
    )?;
    let lines = st
        .query_map(params![count_id, FREE_GOODS], |r| {
            let expiry: Option<String> = r.get(7)?;
            Ok(CountLine {
                product_id: r.get(0)?,
                batch_id: r.get(1)?,
                name: r.get(2)?,
                barcode: r.get(3)?,
                plu: r.get(4)?,
                unit: r.get(5)?,
                batch_no: r.get(6)?,
                expiry: expiry.and_then(|e| e.parse().ok()),
                counted: r.get(8)?,
                expected: r.get(9)?,
                cost: r.get(10)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(CountSheet { id: count_id, section, started_at: parse_ts(&started).unwrap_or_default(), lines }))
}

impl Store {
    /// The count still open (paused or in progress), if any.
    pub fn open_count(&self) -> Result<Option<CountSheet>> {
        match open_count_id(self.conn())? {
            Some(id) => count_sheet(self.conn(), id),
            None => Ok(None),
        }
    }

    pub fn count_sheet(&self, id: i64) -> Result<Option<CountSheet>> {
        count_sheet(self.conn(), id)
    }
}
