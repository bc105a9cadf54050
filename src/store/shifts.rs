//! Cashier shifts: opened with a float, cash in and out with a reason, closed with a blind count
//! that fixes the numbered Z report. Expected cash is the float plus cash taken minus cash paid
//! out; the difference is for the supervisor's eyes.

use super::audit::{append, Actor};
use super::{parse_ts, ts, Result, Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row, Transaction};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shift {
    pub id: i64,
    pub user_id: i64,
    pub cashier: String,
    pub business_day: NaiveDate,
    pub opened_at: DateTime<Utc>,
    pub opening_float: i64,
    pub closed_at: Option<DateTime<Utc>>,
    pub counted_cash: Option<i64>,
    pub counted_noncash: Option<i64>,
    pub expected_cash: Option<i64>,
    pub z_number: Option<i64>,
}

impl Shift {
    /// The counted minus the expected cash, once closed.
    pub fn difference(&self) -> Option<i64> {
        Some(self.counted_cash? - self.expected_cash?)
    }
}

/// The cash figures of a shift so far.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CashTotals {
    pub cash_in: i64,
    pub cash_out: i64,
    /// Cash taken in sales, less cash refunded (0 until sales record payments per shift).
    pub cash_sales: i64,
    /// Cash taken for members less cash paid out to them: savings deposits and withdrawals,
    /// credit repayments, loan installments, loans disbursed (net of the admin fee).
    pub members_cash: i64,
    /// QRIS taken for members (not cash; part of the QRIS the cashier reports at closing).
    pub members_qris: i64,
    pub expected_cash: i64,
    /// How many times cash went in and out (the blind X report shows these, not the amounts).
    pub cash_in_count: i64,
    pub cash_out_count: i64,
}

const COLUMNS: &str = "s.id, s.user_id, u.name, s.business_day, s.opened_at, s.opening_float, s.closed_at, s.counted_cash, s.counted_noncash, s.expected_cash, s.z_number";

fn shift_from_row(r: &Row) -> rusqlite::Result<Shift> {
    Ok(Shift {
        id: r.get(0)?,
        user_id: r.get(1)?,
        cashier: r.get(2)?,
        business_day: r.get::<_, String>(3)?.parse().unwrap_or_default(),
        opened_at: parse_ts(&r.get::<_, String>(4)?).unwrap_or_default(),
        opening_float: r.get(5)?,
        closed_at: r.get::<_, Option<String>>(6)?.as_deref().and_then(parse_ts),
        counted_cash: r.get(7)?,
        counted_noncash: r.get(8)?,
        expected_cash: r.get(9)?,
        z_number: r.get(10)?,
    })
}

/// Cash taken for a shift in sales, where the sales tables exist.
fn cash_sales(tx: &rusqlite::Connection, shift_id: i64) -> Result<i64> {
    let has_payments: bool = tx.query_row("SELECT count(*) > 0 FROM sqlite_master WHERE name = 'payments'", [], |r| r.get(0))?;
    if !has_payments {
        return Ok(0);
    }
    Ok(tx.query_row(
        "SELECT coalesce(sum(CASE WHEN kind = 'refund' THEN -amount ELSE amount END), 0) FROM payments WHERE shift_id = ?1 AND method = 'cash'",
        [shift_id],
        |r| r.get(0),
    )?)
}

fn totals(conn: &rusqlite::Connection, shift: &Shift) -> Result<CashTotals> {
    let (cash_in, cash_out, cash_in_count, cash_out_count): (i64, i64, i64, i64) = conn.query_row(
        "SELECT coalesce(sum(CASE WHEN kind = 'in' THEN amount END), 0), coalesce(sum(CASE WHEN kind = 'out' THEN amount END), 0),
                count(CASE WHEN kind = 'in' THEN 1 END), count(CASE WHEN kind = 'out' THEN 1 END)
         FROM cash_movements WHERE shift_id = ?1",
        [shift.id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let cash_sales = cash_sales(conn, shift.id)?;
    let members_cash = super::members::shift_member_cash(conn, shift.id)?;
    let members_qris = super::members::shift_member_qris(conn, shift.id)?;
    Ok(CashTotals {
        cash_in,
        cash_out,
        cash_sales,
        members_cash,
        members_qris,
        expected_cash: shift.opening_float + cash_sales + members_cash + cash_in - cash_out,
        cash_in_count,
        cash_out_count,
    })
}

fn open_shift_of(tx: &Transaction, user_id: i64) -> Result<Option<Shift>> {
    Ok(tx
        .query_row(&format!("SELECT {COLUMNS} FROM shifts s JOIN users u ON u.id = s.user_id WHERE s.user_id = ?1 AND s.closed_at IS NULL"), [user_id], shift_from_row)
        .optional()?)
}

impl Store {
    /// The user's open shift, if any.
    pub fn open_shift(&self, user_id: i64) -> Result<Option<Shift>> {
        Ok(self
            .conn()
            .query_row(&format!("SELECT {COLUMNS} FROM shifts s JOIN users u ON u.id = s.user_id WHERE s.user_id = ?1 AND s.closed_at IS NULL"), [user_id], shift_from_row)
            .optional()?)
    }

    pub fn shift(&self, id: i64) -> Result<Option<Shift>> {
        Ok(self.conn().query_row(&format!("SELECT {COLUMNS} FROM shifts s JOIN users u ON u.id = s.user_id WHERE s.id = ?1"), [id], shift_from_row).optional()?)
    }

    /// Shifts opened on the days from..=to, oldest first.
    pub fn shifts_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<Shift>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM shifts s JOIN users u ON u.id = s.user_id WHERE s.business_day BETWEEN ?1 AND ?2 ORDER BY s.id"
        ))?;
        let rows = stmt.query_map(params![from.to_string(), to.to_string()], shift_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// How many voids and returns were refunded in a shift.
    pub fn shift_void_count(&self, shift_id: i64) -> Result<i64> {
        Ok(self.conn().query_row(
            "SELECT count(DISTINCT sale_id || '@' || at) FROM payments WHERE shift_id = ?1 AND kind = 'refund'",
            [shift_id],
            |r| r.get(0),
        )?)
    }

    pub fn shift_totals(&self, shift: &Shift) -> Result<CashTotals> {
        totals(self.conn(), shift)
    }

    /// Open a shift with a float. A cashier has at most one open shift.
    pub fn open_shift_with_float(&mut self, actor: &Actor, float: i64, day: NaiveDate, now: DateTime<Utc>) -> Result<Shift> {
        let user_id = actor.id.ok_or(StoreError::NotWritable(self.path().to_path_buf()))?;
        self.write(|tx| {
            if open_shift_of(tx, user_id)?.is_some() {
                return Err(StoreError::ShiftAlreadyOpen);
            }
            tx.execute(
                "INSERT INTO shifts(user_id, business_day, opened_at, opening_float) VALUES (?1, ?2, ?3, ?4)",
                params![user_id, day.to_string(), ts(now), float],
            )?;
            let id = tx.last_insert_rowid();
            append(tx, actor, "shift-open", "shifts", Some(id), &format!("float {float}"), now)?;
            open_shift_of(tx, user_id)?.ok_or(StoreError::NoOpenShift)
        })
    }

    /// Cash put in (change from the office) or taken out (a paid invoice) with a reason.
    pub fn cash_movement(&mut self, actor: &Actor, cash_in: bool, amount: i64, reason: &str, now: DateTime<Utc>) -> Result<()> {
        let user_id = actor.id.ok_or(StoreError::NoOpenShift)?;
        self.write(|tx| {
            let shift = open_shift_of(tx, user_id)?.ok_or(StoreError::NoOpenShift)?;
            let kind = if cash_in { "in" } else { "out" };
            tx.execute(
                "INSERT INTO cash_movements(shift_id, at, kind, amount, reason, user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![shift.id, ts(now), kind, amount, reason.trim(), user_id],
            )?;
            append(tx, actor, &format!("cash-{kind}"), "shifts", Some(shift.id), &format!("{amount} {}", reason.trim()), now)
        })
    }

    /// Close the user's shift with the blind count: the expected cash is computed and fixed, and
    /// the Z report gets the next number (`ops::shifts::close` prints it in the same transaction).
    pub fn close_shift(
        &mut self,
        actor: &Actor,
        counted_cash: i64,
        counted_noncash: i64,
        denominations: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(Shift, CashTotals)> {
        self.write(|tx| close_shift_in(tx, actor, counted_cash, counted_noncash, denominations, now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::user::Role;
    use crate::store::testutil::temp_store;

    #[test]
    fn a_shift_from_float_to_z_report() {
        let (_d, mut s) = temp_store();
        let now = Utc::now();
        let id = s.create_user(&Actor::system("t"), "budi", "", Role::Cashier, "2222", now).unwrap();
        let budi = Actor::user(id, "budi");
        let day = now.date_naive();
        assert!(matches!(s.cash_movement(&budi, true, 1000, "x", now), Err(StoreError::NoOpenShift)));
        s.open_shift_with_float(&budi, 200_000, day, now).unwrap();
        assert!(matches!(s.open_shift_with_float(&budi, 1, day, now), Err(StoreError::ShiftAlreadyOpen)));
        s.cash_movement(&budi, true, 50_000, "uang kecil dari kantor", now).unwrap();
        s.cash_movement(&budi, false, 30_000, "bayar galon", now).unwrap();
        let open = s.open_shift(id).unwrap().unwrap();
        assert_eq!(s.shift_totals(&open).unwrap().expected_cash, 220_000);
        let (closed, _) = s.close_shift(&budi, 215_000, 0, Some("100000x2,10000x1,5000x1"), now).unwrap();
        assert_eq!((closed.expected_cash, closed.z_number, closed.difference()), (Some(220_000), Some(1), Some(-5_000)));
        assert!(s.open_shift(id).unwrap().is_none());
        // A closed shift never changes, even by hand.
        assert!(s.conn().execute("UPDATE shifts SET counted_cash = 220000 WHERE id = ?1", [closed.id]).is_err());
        // The next shift's Z report is number 2.
        s.open_shift_with_float(&budi, 0, day, now).unwrap();
        assert_eq!(s.close_shift(&budi, 0, 0, None, now).unwrap().0.z_number, Some(2));
        assert_eq!(s.verify_audit().unwrap().problems(), None);
    }
}

/// Close the user's shift with the blind count: the expected cash is computed and fixed, and
/// the Z report gets the next number (`ops::shifts::close` prints it in the same transaction).
pub fn close_shift_in(tx: &Transaction, actor: &Actor, counted_cash: i64, counted_noncash: i64, denominations: Option<&str>, now: DateTime<Utc>) -> Result<(Shift, CashTotals)> {
    let user_id = actor.id.ok_or(StoreError::NoOpenShift)?;
    let shift = open_shift_of(tx, user_id)?.ok_or(StoreError::NoOpenShift)?;
    let t = totals(tx, &shift)?;
    let z: i64 = tx.query_row("SELECT coalesce(max(z_number), 0) + 1 FROM shifts", [], |r| r.get(0))?;
    tx.execute(
        "UPDATE shifts SET closed_at = ?2, counted_cash = ?3, counted_noncash = ?4, denominations = ?5, expected_cash = ?6, z_number = ?7 WHERE id = ?1",
        params![shift.id, ts(now), counted_cash, counted_noncash, denominations, t.expected_cash, z],
    )?;
    let closed = tx.query_row(&format!("SELECT {COLUMNS} FROM shifts s JOIN users u ON u.id = s.user_id WHERE s.id = ?1"), [shift.id], shift_from_row)?;
    let diff = counted_cash - t.expected_cash;
    append(tx, actor, "shift-close", "shifts", Some(shift.id), &format!("Z{z} counted {counted_cash} expected {} diff {diff}", t.expected_cash), now)?;
    Ok((closed, t))
}
