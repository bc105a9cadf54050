//! Batch stock, goods received, adjustments and write-offs, and the stock reports (on hand,
//! low, expiring soon, the stock card). Stock on hand is always the sum of movements.

use super::audit::{append, Actor};
pub(crate) use super::products::product_by_id;
pub use super::receiving::{Delivery, ReceiveLine};
use super::receiving::receive_in;
use super::products::{product_row, PRODUCT_COLUMNS, PRODUCT_COLUMN_COUNT};
pub use super::products::{Drug, Found, Product, ScanError};
use super::{ts, Result, Store};
use crate::domain::fefo::BatchStock;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension};

/// Stock of a product by batch (unbatched stock as batch None), from its movements.
pub(crate) fn batch_stock(conn: &Connection, product_id: i64) -> Result<Vec<BatchStock>> {
    // The levels kept beside the movements (migration 9; equal to the movements' sums, checked
    // by `check_sales`): summing a product's movements grew with every sale of it.
    let mut st = conn.prepare_cached(
        "SELECT nullif(l.batch_key, 0), b.batch_no, b.expiry, l.qty_milli FROM stock_levels l LEFT JOIN batches b ON b.id = nullif(l.batch_key, 0)
         WHERE l.product_id = ?1 ORDER BY l.batch_key",
    )?;
    let rows = st.query_map([product_id], |r| {
        let expiry: Option<String> = r.get(2)?;
        Ok(BatchStock { batch_id: r.get(0)?, batch_no: r.get(1)?, expiry: expiry.and_then(|e| e.parse().ok()), on_hand: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Through the partial index of receipts (migration 30): not slower with each sale of the product.
pub(crate) fn last_cost(conn: &Connection, product_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT unit_cost FROM stock_movements WHERE product_id = ?1 AND kind = 'receipt' AND unit_cost IS NOT NULL ORDER BY id DESC LIMIT 1")?
        .query_row([product_id], |r| r.get(0))
        .optional()?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardRow {
    pub at: DateTime<Utc>,
    pub kind: String,
    pub qty_milli: i64,
    pub balance: i64,
    pub batch_no: Option<String>,
    pub reference: String,
    pub user: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnHand {
    pub product: Product,
    pub on_hand: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expiring {
    pub product: String,
    pub batch_no: String,
    pub expiry: NaiveDate,
    pub on_hand: i64,
}

impl Store {
    pub fn batch_stock(&self, product_id: i64) -> Result<Vec<BatchStock>> {
        batch_stock(self.conn(), product_id)
    }

    pub fn last_cost(&self, product_id: i64) -> Result<Option<i64>> {
        last_cost(self.conn(), product_id)
    }

    /// Goods received from a supplier: one receiving with its invoice, a movement per line
    /// (without the invoice's date and total; the receiving screen goes through `ops::stock`).
    pub fn receive(&mut self, actor: &Actor, supplier: &str, invoice: &str, lines: &[ReceiveLine], now: DateTime<Utc>) -> Result<i64> {
        let delivery = Delivery { supplier: supplier.into(), invoice_no: invoice.into(), invoice_date: None, invoice_total: None, lines: lines.to_vec() };
        self.write(|tx| receive_in(tx, actor, &delivery, now))
    }

    /// A counted correction (positive or negative) with its reason.
    pub fn adjust_stock(&mut self, actor: &Actor, product_id: i64, batch_id: Option<i64>, qty_milli: i64, reason: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO stock_movements(product_id, batch_id, kind, qty_milli, reason, at, user_id) VALUES (?1, ?2, 'adjustment', ?3, ?4, ?5, ?6)",
                params![product_id, batch_id, qty_milli, reason, ts(now), actor.id],
            )?;
            let id = tx.last_insert_rowid();
            append(tx, actor, "adjust", "stock_movements", Some(id), &format!("product {product_id}: {qty_milli} ({reason})"), now)
        })
    }

    /// Write off every expired batch still holding stock; returns how many batches.
    pub fn write_off_expired(&mut self, actor: &Actor, today: NaiveDate, now: DateTime<Utc>) -> Result<usize> {
        self.write(|tx| {
            let mut st = tx.prepare(
                "SELECT m.product_id, m.batch_id, sum(m.qty_milli) FROM stock_movements m JOIN batches b ON b.id = m.batch_id
                 WHERE b.expiry IS NOT NULL AND b.expiry <= ?1 GROUP BY m.batch_id HAVING sum(m.qty_milli) > 0",
            )?;
            let rows: Vec<(i64, i64, i64)> = st.query_map([today.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
            for (p, b, q) in &rows {
                tx.execute(
                    "INSERT INTO stock_movements(product_id, batch_id, kind, qty_milli, reason, at, user_id) VALUES (?1, ?2, 'writeoff', ?3, 'expired', ?4, ?5)",
                    params![p, b, -q, ts(now), actor.id],
                )?;
                let movement = tx.last_insert_rowid();
                append(tx, actor, "writeoff", "stock_movements", Some(movement), &format!("product {p} batch {b}: {} expired", -q), now)?;
            }
            Ok(rows.len())
        })
    }

    pub fn stock_on_hand_all(&self) -> Result<Vec<OnHand>> {
        let sql = format!(
            "SELECT {PRODUCT_COLUMNS}, coalesce((SELECT sum(qty_milli) FROM stock_movements m WHERE m.product_id = p.id), 0)
             FROM products p LEFT JOIN drugs d ON d.product_id = p.id WHERE p.active = 1 ORDER BY p.section, p.name"
        );
        let mut st = self.conn().prepare(&sql)?;
        let rows = st.query_map([], |r| Ok(OnHand { product: product_row(r)?, on_hand: r.get(PRODUCT_COLUMN_COUNT)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Products at or below their reorder level (default: `default_level` milli-units).
    pub fn low_stock(&self, default_level: i64) -> Result<Vec<OnHand>> {
        Ok(self.stock_on_hand_all()?.into_iter().filter(|o| o.on_hand <= o.product.reorder_level.unwrap_or(default_level)).collect())
    }

    /// Batches with stock that expire within `days` (expired ones included, first).
    pub fn expiring(&self, today: NaiveDate, days: i64) -> Result<Vec<Expiring>> {
        let until = today + chrono::Duration::days(days);
        let mut st = self.conn().prepare(
            "SELECT p.name, b.batch_no, b.expiry, sum(m.qty_milli) FROM batches b JOIN products p ON p.id = b.product_id
             JOIN stock_movements m ON m.batch_id = b.id WHERE b.expiry IS NOT NULL AND b.expiry <= ?1
             GROUP BY b.id HAVING sum(m.qty_milli) > 0 ORDER BY b.expiry, p.name",
        )?;
        let rows = st.query_map([until.to_string()], |r| {
            let e: String = r.get(2)?;
            Ok(Expiring { product: r.get(0)?, batch_no: r.get(1)?, expiry: e.parse().unwrap_or(today), on_hand: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every movement of a product, oldest first, with the running balance.
    pub fn stock_card(&self, product_id: i64) -> Result<Vec<CardRow>> {
        let mut st = self.conn().prepare(
            // A return to the supplier written before migration 24 is a 'writeoff' with its return.
            "SELECT m.at, CASE WHEN m.supplier_return_id IS NOT NULL THEN 'supplier-return' ELSE m.kind END, m.qty_milli, b.batch_no, coalesce(s.number, m.reference, m.reason, ''), coalesce(u.name, '')
             FROM stock_movements m LEFT JOIN batches b ON b.id = m.batch_id LEFT JOIN sales s ON s.id = m.sale_id
             LEFT JOIN users u ON u.id = m.user_id WHERE m.product_id = ?1 ORDER BY m.id",
        )?;
        let mut balance = 0;
        let rows = st.query_map([product_id], |r| {
            let at: String = r.get(0)?;
            Ok((at, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (at, kind, qty, batch_no, reference, user) = row?;
            balance += qty;
            out.push(CardRow { at: super::parse_ts(&at).unwrap_or_default(), kind, qty_milli: qty, balance, batch_no, reference, user });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use crate::store::{OpenMode, Store};

    fn plan(store: &Store, sql: &str) -> Vec<String> {
        let mut st = store.conn().prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        st.query_map([1], |r| r.get::<_, String>(3)).unwrap().map(|r| r.unwrap()).collect()
    }

    /// A scan and a sale read a product's last cost and its batches without visiting its
    /// movements: their cost must not grow with every sale of the product.
    #[test]
    fn cost_and_batches_are_read_without_the_products_movements() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db"), OpenMode::Create).unwrap();
        let cost = plan(&store, "SELECT unit_cost FROM stock_movements WHERE product_id = ?1 AND kind = 'receipt' AND unit_cost IS NOT NULL ORDER BY id DESC LIMIT 1");
        assert!(cost.iter().any(|s| s.contains("stock_movements_receipt_cost")), "{cost:?}");
        assert!(cost.iter().all(|s| !s.contains("TEMP B-TREE")), "no sort: {cost:?}");
        let batches = plan(
            &store,
            "SELECT nullif(l.batch_key, 0), b.batch_no, b.expiry, l.qty_milli FROM stock_levels l LEFT JOIN batches b ON b.id = nullif(l.batch_key, 0)
             WHERE l.product_id = ?1 ORDER BY l.batch_key",
        );
        assert!(batches.iter().all(|s| !s.contains("stock_movements") && !s.starts_with("SCAN")), "{batches:?}");
    }
}
