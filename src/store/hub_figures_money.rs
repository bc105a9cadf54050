//! The members' money of a day for the district hub (kind 'money', migration 29): savings in and
//! out by kind that day and the balances at its end, loans disbursed, installments received
//! (with their split), and the principal outstanding at the day's end by arrears grade. Totals
//! only: no member, no loan number, no name (issue 19: member ids would be pseudonymous, and
//! none is needed for totals).
//!
//! The outstanding principal and its grade are worked out as of the day from the rows (payments
//! booked on or before it), so a figure made later for an earlier day (the join's backfill)
//! says what that day's end was. The grades use the default thresholds of `domain::arrears`
//! (DOMAIN.md "Savings and loans": Bank Indonesia's categories as cooperatives use them): the
//! site's own `[members.arrears]` settings are not in its database, and the hub compares sites
//! on one scale.

use super::Result;
use crate::domain::arrears::{Grade, Thresholds};
use crate::domain::savings::Kind;
use rusqlite::Transaction;
use serde_json::{json, Map, Value};

pub fn money_payload(tx: &Transaction, day: &str) -> Result<Value> {
    let mut savings = Map::new();
    for k in Kind::ALL {
        savings.insert(k.code().to_string(), json!({"in": 0, "out": 0, "balance": 0}));
    }
    let mut st = tx.prepare_cached(
        "SELECT kind, coalesce(sum(CASE WHEN amount > 0 AND business_day = ?1 THEN amount END), 0),
                coalesce(sum(CASE WHEN amount < 0 AND business_day = ?1 THEN -amount END), 0), sum(amount)
         FROM savings_entries WHERE business_day <= ?1 GROUP BY kind",
    )?;
    let mut rows = st.query([day])?;
    while let Some(r) = rows.next()? {
        let (kind, i, o, b): (String, i64, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        savings.insert(kind, json!({"in": i, "out": o, "balance": b}));
    }
    let (disbursed_n, disbursed): (i64, i64) =
        tx.query_row("SELECT count(*), coalesce(sum(principal), 0) FROM loans WHERE disbursed_on = ?1", [day], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let (inst_n, inst, late_fee, interest, principal): (i64, i64, i64, i64, i64) = tx.query_row(
        "SELECT count(DISTINCT y.id), coalesce(sum(p.late_fee + p.interest + p.principal), 0), coalesce(sum(p.late_fee), 0),
                coalesce(sum(p.interest), 0), coalesce(sum(p.principal), 0)
         FROM loan_payments y JOIN loan_payment_parts p ON p.payment_id = y.id WHERE y.business_day = ?1",
        [day],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    // Each loan disbursed by the day: its principal not yet paid back by the day's end, and the
    // days since the due date of its oldest installment not paid in full by then
    // (`domain::loans::days_overdue`).
    let mut st = tx.prepare_cached(
        "WITH paid AS (
            SELECT p.loan_id, p.installment_no, sum(p.principal) AS principal, sum(p.interest) AS interest
            FROM loan_payment_parts p JOIN loan_payments y ON y.id = p.payment_id WHERE y.business_day <= ?1 GROUP BY 1, 2)
         SELECT l.principal - coalesce((SELECT sum(principal) FROM paid WHERE paid.loan_id = l.id), 0),
                coalesce((SELECT CAST(julianday(?1) - julianday(min(s.due_on)) AS INTEGER) FROM loan_schedule s
                          LEFT JOIN paid ON paid.loan_id = s.loan_id AND paid.installment_no = s.no
                          WHERE s.loan_id = l.id AND s.due_on < ?1
                            AND (coalesce(paid.principal, 0) < s.principal OR coalesce(paid.interest, 0) < s.interest)), 0)
         FROM loans l WHERE l.disbursed_on IS NOT NULL AND l.disbursed_on <= ?1",
    )?;
    let thresholds = Thresholds::default();
    let mut graded: Vec<(i64, i64)> = vec![(0, 0); Grade::ALL.len()];
    let mut rows = st.query([day])?;
    while let Some(r) = rows.next()? {
        let (left, days): (i64, i64) = (r.get(0)?, r.get(1)?);
        if left > 0 {
            let g = &mut graded[thresholds.grade(days) as usize];
            g.0 += 1;
            g.1 += left;
        }
    }
    let outstanding: Map<String, Value> = Grade::ALL.iter().zip(&graded).map(|(g, (n, p))| (g.code().to_string(), json!({"n": n, "principal": p}))).collect();
    let field = |f: &str| savings.values().map(|v| v[f].as_i64().unwrap_or(0)).sum::<i64>();
    let totals = json!({
        "savings_in": field("in"), "savings_out": field("out"), "savings_balance": field("balance"),
        "disbursed_n": disbursed_n, "disbursed": disbursed, "installments_n": inst_n, "installments": inst,
        "loans": graded.iter().map(|g| g.0).sum::<i64>(), "outstanding": graded.iter().map(|g| g.1).sum::<i64>(),
        "overdue": graded.iter().skip(1).map(|g| g.1).sum::<i64>(),
    });
    Ok(json!({
        "savings": savings, "disbursed": {"n": disbursed_n, "principal": disbursed},
        "installments": {"n": inst_n, "amount": inst, "late_fee": late_fee, "interest": interest, "principal": principal},
        "outstanding": outstanding, "totals": totals,
    }))
}
