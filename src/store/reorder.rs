//! What reordering reads: each active product with its stock on hand (from the levels kept
//! beside the movements), what it sold since a moment (sales less returns), and the supplier it
//! last came from.

use super::products::{product_row, Product, PRODUCT_COLUMNS, PRODUCT_COLUMN_COUNT};
use super::{ts, Result, Store};
use chrono::{DateTime, Utc};

/// One line of the low-stock list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReorderLine {
    pub product_id: i64,
    pub name: String,
    pub unit: String,
    pub on_hand: i64,
    /// Milli-units a day over the period.
    pub daily: i64,
    pub suggested: i64,
    pub supplier: Option<String>,
    pub lead_days: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReorderRow {
    pub product: Product,
    pub on_hand: i64,
    /// Milli-units sold since the start of the period.
    pub sold: i64,
    pub supplier: Option<String>,
}

impl Store {
    pub fn reorder_rows(&self, since: DateTime<Utc>) -> Result<Vec<ReorderRow>> {
        let sql = format!(
            "SELECT {PRODUCT_COLUMNS},
                coalesce((SELECT sum(l.qty_milli) FROM stock_levels l WHERE l.product_id = p.id), 0),
                coalesce((SELECT -sum(m.qty_milli) FROM stock_movements m WHERE m.product_id = p.id AND m.kind IN ('sale','return') AND m.at >= ?1), 0),
                (SELECT r.supplier FROM stock_movements m JOIN receivings r ON r.id = m.receiving_id WHERE m.product_id = p.id ORDER BY m.id DESC LIMIT 1)
             FROM products p LEFT JOIN drugs d ON d.product_id = p.id WHERE p.active = 1 ORDER BY p.name"
        );
        let mut st = self.conn().prepare(&sql)?;
        let rows = st.query_map([ts(since)], |r| Ok(ReorderRow { product: product_row(r)?, on_hand: r.get(PRODUCT_COLUMN_COUNT)?, sold: r.get(PRODUCT_COLUMN_COUNT + 1)?, supplier: r.get(PRODUCT_COLUMN_COUNT + 2)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
