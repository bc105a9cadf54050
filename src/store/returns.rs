//! Voids and returns, approved by a supervisor, and the recent sales a cashier picks one from.
//! A correction is new rows (movements back, refund payments, a return record); the original
//! sale stays, marked.

use super::audit::{append, Actor};
use super::sales::Refusal;
use super::{parse_ts, ts, Result, Store, StoreError};
use crate::domain::cart::Method;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Transaction};

fn refuse<T>(r: Refusal) -> Result<T> {
    Err(StoreError::Sale(r))
}

/// What went back to the customer in a void or a return, for the refund slip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refund {
    /// The `sale_returns` row.
    pub id: i64,
    pub sale_id: i64,
    pub number: String,
    pub whole: bool,
    /// (name, quantity back in milli-units, refund)
    pub lines: Vec<(String, i64, i64)>,
    pub total: i64,
    /// How the money went back: member credit first when the sale used it, the rest in cash.
    pub by_method: Vec<(Method, i64)>,
    pub reason: String,
    pub approver: String,
    pub cashier: String,
    pub at: DateTime<Utc>,
}

/// One sale as the recent-sales list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaleRow {
    pub id: i64,
    pub number: String,
    pub at: DateTime<Utc>,
    pub total: i64,
    pub cashier: String,
    /// paid or voided
    pub status: String,
}

fn sale_row(r: &rusqlite::Row) -> rusqlite::Result<SaleRow> {
    Ok(SaleRow {
        id: r.get(0)?,
        number: r.get(1)?,
        at: parse_ts(&r.get::<_, String>(2)?).unwrap_or_default(),
        total: r.get(3)?,
        cashier: r.get(4)?,
        status: r.get(5)?,
    })
}

const SALE_ROW: &str = "SELECT s.id, s.number, s.at, s.total, u.name, s.status FROM sales s JOIN users u ON u.id = s.user_id";

impl Store {
    /// Sales of the business days from `since` on, newest first: the list a return or a reprint
    /// is picked from.
    pub fn recent_sales(&self, since: NaiveDate, limit: usize) -> Result<Vec<SaleRow>> {
        let mut st = self.conn().prepare_cached(&format!("{SALE_ROW} WHERE s.business_day >= ?1 ORDER BY s.id DESC LIMIT ?2"))?;
        let rows = st.query_map(params![since.to_string(), limit as i64], sale_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The user's latest sale (for "reprint the last receipt").
    pub fn last_sale_of(&self, user_id: i64) -> Result<Option<SaleRow>> {
        Ok(self.conn().query_row(&format!("{SALE_ROW} WHERE s.user_id = ?1 ORDER BY s.id DESC LIMIT 1"), [user_id], sale_row).optional()?)
    }
}

/// Void a whole sale (`line` None) or return part of one line, approved by a supervisor:
/// stock goes back to the batches it came from, the money back by the way it was paid (a
/// partial return in cash, or member credit when the sale used it). Returns the refund.
#[allow(clippy::too_many_arguments)]
pub fn void_or_return_in(tx: &Transaction, actor: &Actor, approver: &crate::store::users::User, number: &str, line: Option<(i64, i64)>, reason: &str, shift_id: Option<i64>, now: DateTime<Utc>) -> Result<Refund> {
    let Some(user_id) = actor.id else { return refuse(Refusal::NoCashier) };
    if !approver.role.approves() {
        return refuse(Refusal::NotSupervisor);
    }
    let head: Option<(i64, String)> = tx
        .query_row("SELECT id, status FROM sales WHERE number = ?1", [number.trim()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((sale_id, status)) = head else { return refuse(Refusal::NoSuchSale(number.trim().into())) };
    if status == "voided" {
        return refuse(Refusal::AlreadyVoided(number.trim().into()));
    }
    let mut st = tx.prepare("SELECT id, line_no, name, qty_milli, returned_milli, amount FROM sale_lines WHERE sale_id = ?1 ORDER BY line_no")?;
    let lines: Vec<(i64, i64, String, i64, i64, i64)> =
        st.query_map([sale_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))?.collect::<rusqlite::Result<_>>()?;
    // (line id, quantity to return now, refund for it)
    let mut back = Vec::new();
    let name_of = |id: i64| lines.iter().find(|l| l.0 == id).map(|l| l.2.clone()).unwrap_or_default();
    match line {
        None => {
            for (id, _, _, qty, returned, amount) in &lines {
                let left = qty - returned;
                if left > 0 {
                    back.push((*id, left, amount - amount * returned / qty));
                }
            }
        }
        Some((line_no, qty)) => {
            let Some((id, _, name, sold, returned, amount)) = lines.iter().find(|l| l.1 == line_no) else {
                return refuse(Refusal::NoSuchSale(format!("{} #{line_no}", number.trim())));
            };
            let left = sold - returned;
            if qty <= 0 || qty > left {
                return refuse(Refusal::ReturnTooMuch { name: name.clone(), left });
            }
            // The refund is the line's amount (after its own discount) for what comes back, less
            // its share of a discount on the whole sale, rounded half up.
            let refund = ((*amount as i128 * qty as i128 * 2 + *sold as i128) / (2 * *sold as i128)) as i64;
            let (sale_off, goods): (i64, i64) = tx.query_row(
                "SELECT -(SELECT coalesce(sum(amount), 0) FROM sale_adjustments WHERE sale_id = ?1 AND kind = 'discount'),
                        (SELECT coalesce(sum(amount), 0) FROM sale_lines WHERE sale_id = ?1)",
                [sale_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let share = if goods > 0 { ((refund as i128 * sale_off as i128 * 2 + goods as i128) / (2 * goods as i128)) as i64 } else { 0 };
            back.push((*id, qty, refund - share));
        }
    }
    // A whole void gives back what was paid: the sale's adjustments (cash rounding, a discount on
    // the whole sale) go back with it.
    let mut refund_total = if line.is_none() {
        tx.query_row("SELECT coalesce(sum(amount), 0) FROM sale_adjustments WHERE sale_id = ?1 AND line_no IS NULL", [sale_id], |r| r.get::<_, i64>(0))?
    } else {
        0
    };
    for (line_id, qty, refund) in &back {
        // Back to the batches it came from, the latest-expiring first.
        let mut st = tx.prepare(
            "SELECT m.product_id, m.batch_id, -sum(m.qty_milli) FROM stock_movements m LEFT JOIN batches b ON b.id = m.batch_id
             WHERE m.sale_line_id = ?1 GROUP BY m.batch_id ORDER BY b.expiry DESC",
        )?;
        let taken: Vec<(i64, Option<i64>, i64)> = st.query_map([line_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
        let mut left = *qty;
        for (product_id, batch_id, out) in taken {
            let n = out.min(left);
            if n <= 0 {
                continue;
            }
            tx.execute(
                "INSERT INTO stock_movements(product_id, batch_id, kind, qty_milli, reason, at, user_id, sale_id, sale_line_id, shift_id)
                 VALUES (?1, ?2, 'return', ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![product_id, batch_id, n, reason, ts(now), user_id, sale_id, line_id, shift_id],
            )?;
            left -= n;
        }
        tx.execute("UPDATE sale_lines SET returned_milli = returned_milli + ?2 WHERE id = ?1", params![line_id, qty])?;
        refund_total += refund;
    }
    // Money back: member credit first when the sale used it, the rest in cash.
    let credit: i64 = tx.query_row(
        "SELECT coalesce(sum(CASE WHEN kind = 'payment' THEN amount ELSE -amount END), 0) FROM payments WHERE sale_id = ?1 AND method = 'member_credit'",
        [sale_id],
        |r| r.get(0),
    )?;
    let to_credit = credit.min(refund_total).max(0);
    let mut by_method = Vec::new();
    for (method, amount) in [(Method::MemberCredit, to_credit), (Method::Cash, refund_total - to_credit)] {
        if amount > 0 {
            by_method.push((method, amount));
            let method = method.code();
            tx.execute(
                "INSERT INTO payments(sale_id, kind, method, amount, at, user_id, shift_id) VALUES (?1, 'refund', ?2, ?3, ?4, ?5, ?6)",
                params![sale_id, method, amount, ts(now), user_id, shift_id],
            )?;
        }
    }
    let whole = line.is_none();
    tx.execute(
        "INSERT INTO sale_returns(sale_id, at, user_id, approved_by, reason, amount, whole_sale) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![sale_id, ts(now), user_id, approver.id, reason, refund_total, whole as i64],
    )?;
    let return_id = tx.last_insert_rowid();
    if whole {
        tx.execute(
            "UPDATE sales SET status = 'voided', voided_at = ?2, voided_by = ?3, approved_by = ?4, void_reason = ?5 WHERE id = ?1",
            params![sale_id, ts(now), user_id, approver.id, reason],
        )?;
    }
    let what = if whole { "void" } else { "return" };
    append(tx, actor, what, "sales", Some(sale_id), &format!("{number} approved by {}: {reason} ({refund_total})", approver.name), now)?;
    Ok(Refund {
        id: return_id,
        sale_id,
        number: number.trim().to_string(),
        whole,
        lines: back.iter().map(|(id, qty, amount)| (name_of(*id), *qty, *amount)).collect(),
        total: refund_total,
        by_method,
        reason: reason.to_string(),
        approver: if approver.full_name.is_empty() { approver.name.clone() } else { approver.full_name.clone() },
        cashier: actor.name.clone(),
        at: now,
    })
}

