//! Cashier shifts: open with a float, cash in and out, the X report (blind for the cashier) and
//! closing with the count, which fixes and prints the numbered Z report in the same transaction.

use crate::config::Config;
use crate::store::shifts::{CashTotals, Shift};
use crate::store::users::User;
use crate::store::{Actor, Result, Store, StoreError};
use chrono::{DateTime, Utc};

pub fn open(store: &mut Store, config: &Config, actor: &Actor, float: i64, now: DateTime<Utc>) -> Result<Shift> {
    store.open_shift_with_float(actor, float, config.site.zone.business_day(now), now)
}

pub fn cash(store: &mut Store, actor: &Actor, cash_in: bool, amount: i64, reason: &str, now: DateTime<Utc>) -> Result<()> {
    store.cash_movement(actor, cash_in, amount, reason, now).map(|_| ())
}

/// The user's open shift with its cash figures so far.
pub fn current(store: &Store, user: &User) -> Result<Option<(Shift, CashTotals)>> {
    match store.open_shift(user.id)? {
        Some(s) => {
            let t = store.shift_totals(&s)?;
            Ok(Some((s, t)))
        }
        None => Ok(None),
    }
}

/// Print the X report of the user's open shift (blind: see `x_report_for`).
pub fn x_report(store: &mut Store, config: &Config, user: &User, now: DateTime<Utc>) -> Result<i64> {
    x_report_for(store, config, user, user.id, now)
}

/// Print the X report of `cashier_id`'s open shift for `viewer`. A cashier's own X report is
/// blind: counts and non-cash totals only, nothing from which the expected cash follows, so the
/// count at closing is a real count. A supervisor's (or admin's) X report shows every figure.
pub fn x_report_for(store: &mut Store, config: &Config, viewer: &User, cashier_id: i64, now: DateTime<Utc>) -> Result<i64> {
    let shift = store.open_shift(cashier_id)?.ok_or(StoreError::NoOpenShift)?;
    let totals = store.shift_totals(&shift)?;
    let sales = store.shift_sales(shift.id)?;
    let job = if viewer.role.approves() {
        let audit = store.audit_anchor()?;
        crate::print::jobs::shift_report(config, &shift, &totals, &sales, store.shift_rounding(shift.id)?, store.shift_discounts(shift.id)?, audit, now)
    } else {
        crate::print::jobs::blind_x(config, &shift, &totals, &sales, store.shift_void_count(shift.id)?, now)
    };
    store.enqueue_print(&viewer.actor(), &job, now)
}

/// Close the user's shift with the counted cash and non-cash total; the Z report is stored with
/// the closing.
pub fn close(store: &mut Store, config: &Config, user: &User, counted: i64, noncash: i64, denominations: Option<&str>, now: DateTime<Utc>) -> Result<Shift> {
    let actor = user.actor();
    let open = store.open_shift(user.id)?.ok_or(StoreError::NoOpenShift)?;
    let sales = store.shift_sales(open.id)?;
    let rounding = store.shift_rounding(open.id)?;
    let discounts = store.shift_discounts(open.id)?;
    store.write(|tx| {
        let (closed, totals) = crate::store::shifts::close_shift_in(tx, &actor, counted, noncash, denominations, now)?;
        // The Z report prints even without a configured printer: it waits in the spool, numbered.
        // The audit log's head after the closing: `loket audit verify --anchor` checks against it.
        let audit = crate::store::audit::anchor_in(tx)?;
        let job = crate::print::jobs::shift_report(config, &closed, &totals, &sales, rounding, discounts, audit, now);
        crate::store::print_jobs::insert_job(tx, &job, now)?;
        Ok(closed)
    })
}
