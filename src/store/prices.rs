//! Prices that change on a date, with their history: a change dated today applies at once, a
//! later one waits (`apply_due_prices_in` applies what has come due); every change keeps who made
//! it, when, and the old and new prices.

use super::audit::{append, Actor};
use super::{parse_ts, ts, Result, Store, StoreError, Tx};
use crate::domain::stock::StockRefusal;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PriceChange {
    pub effective_on: NaiveDate,
    pub old_price: i64,
    pub price: i64,
    pub old_member_price: Option<i64>,
    pub member_price: Option<i64>,
    pub user: String,
    pub created_at: DateTime<Utc>,
    pub applied: bool,
}

fn apply(tx: &Tx, id: i64, product_id: i64, price: i64, member: Option<i64>, now: DateTime<Utc>) -> Result<()> {
    tx.execute("UPDATE products SET price = ?2, member_price = ?3 WHERE id = ?1", params![product_id, price, member])?;
    tx.execute("UPDATE price_changes SET applied_at = ?2 WHERE id = ?1", params![id, ts(now)])?;
    Ok(())
}

/// Record a price change; it applies now when it is dated today or before.
#[allow(clippy::too_many_arguments)]
pub fn change_price_in(tx: &Tx, actor: &Actor, product_id: i64, price: i64, member_price: Option<i64>, effective_on: NaiveDate, today: NaiveDate, now: DateTime<Utc>) -> Result<i64> {
    let old: Option<(String, i64, Option<i64>)> = tx
        .query_row("SELECT name, price, member_price FROM products WHERE id = ?1", [product_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let (name, old_price, old_member) = old.ok_or(StoreError::Sale(super::sales::Refusal::UnknownProduct))?;
    if effective_on < today {
        return Err(StoreError::Stock(StockRefusal::PriceInPast(effective_on)));
    }
    tx.execute(
        "INSERT INTO price_changes(product_id, price, member_price, old_price, old_member_price, effective_on, created_at, user_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![product_id, price, member_price, old_price, old_member, effective_on.to_string(), ts(now), actor.id],
    )?;
    let id = tx.last_insert_rowid();
    if effective_on <= today {
        apply(tx, id, product_id, price, member_price, now)?;
    }
    append(tx, actor, "price", "products", Some(product_id), &format!("{name}: {old_price} -> {price} from {effective_on}"), now)?;
    Ok(id)
}

/// Apply the changes whose day has come, oldest first; returns how many.
pub fn apply_due_prices_in(tx: &Tx, actor: &Actor, today: NaiveDate, now: DateTime<Utc>) -> Result<usize> {
    let due: Vec<(i64, i64, i64, Option<i64>)> = tx
        .prepare("SELECT id, product_id, price, member_price FROM price_changes WHERE applied_at IS NULL AND effective_on <= ?1 ORDER BY effective_on, id")?
        .query_map([today.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, product, price, member) in &due {
        apply(tx, *id, *product, *price, *member, now)?;
    }
    if !due.is_empty() {
        append(tx, actor, "price-due", "products", None, &format!("{} dated price changes applied", due.len()), now)?;
    }
    Ok(due.len())
}

impl Store {
    /// A product's price changes, the latest first.
    pub fn price_history(&self, product_id: i64, limit: usize) -> Result<Vec<PriceChange>> {
        let mut st = self.conn().prepare_cached(
            "SELECT c.effective_on, c.old_price, c.price, c.old_member_price, c.member_price, coalesce(u.name, ''), c.created_at, c.applied_at IS NOT NULL
             FROM price_changes c LEFT JOIN users u ON u.id = c.user_id WHERE c.product_id = ?1 ORDER BY c.id DESC LIMIT ?2",
        )?;
        let rows = st.query_map(params![product_id, limit as i64], |r| {
            let on: String = r.get(0)?;
            let at: String = r.get(6)?;
            Ok(PriceChange {
                effective_on: on.parse().unwrap_or_default(),
                old_price: r.get(1)?,
                price: r.get(2)?,
                old_member_price: r.get(3)?,
                member_price: r.get(4)?,
                user: r.get(5)?,
                created_at: parse_ts(&at).unwrap_or_default(),
                applied: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether any dated change is waiting for its day (cheap: read on each refresh).
    pub fn prices_due(&self, today: NaiveDate) -> Result<bool> {
        Ok(self
            .conn()
            .query_row("SELECT 1 FROM price_changes WHERE applied_at IS NULL AND effective_on <= ?1 LIMIT 1", [today.to_string()], |_| Ok(()))
            .optional()?
            .is_some())
    }
}
