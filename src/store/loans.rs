//! Loans: applied for at the counter, approved by a supervisor, disbursed from a shift's cash
//! with the schedule fixed then, paid by installments (each payment split over the installments
//! by `domain::loans::apply`) or settled early. Each `*_in` writes inside the caller's
//! transaction with its audit entry; the loan's digest covers its schedule and payments.

use super::audit::{append, Actor};
use super::members::{active_card_in, refuse, Counter, MemberRefusal, Money};
use super::{parse_ts, ts, Result, Store, StoreError};
use crate::config::members::LoanProduct;
use crate::domain::loans::{self, Installment, LateFee, Method, Owed, Split, Standing, Terms};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loan {
    pub id: i64,
    pub number: String,
    pub member_id: i64,
    pub member_no: String,
    pub member_name: String,
    pub product: String,
    pub terms: Terms,
    pub admin_fee: i64,
    pub late_fee: LateFee,
    pub status: String,
    pub applied_at: DateTime<Utc>,
    pub approved_by: Option<String>,
    pub disbursed_on: Option<NaiveDate>,
}

/// A payment as recorded: what it was, its split, and what the loan owes after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paid {
    pub payment_id: i64,
    pub loan: Loan,
    pub amount: i64,
    pub split: Split,
    /// Principal still owed after the payment.
    pub principal_left: i64,
    pub at: DateTime<Utc>,
}

const LOAN_COLUMNS: &str = "l.id, l.number, l.member_id, m.member_no, m.name, l.product, l.principal, l.rate_bp, l.method, l.tenor_months, l.admin_fee,
     l.late_fee_kind, l.late_fee, l.status, l.applied_at, a.name, l.disbursed_on";

fn loan_row(r: &rusqlite::Row) -> rusqlite::Result<Loan> {
    let fee: i64 = r.get(12)?;
    let late_fee = match r.get::<_, String>(11)?.as_str() {
        "day" => LateFee::PerDay(fee),
        "installment" => LateFee::PerInstallment(fee),
        _ => LateFee::None,
    };
    Ok(Loan {
        id: r.get(0)?,
        number: r.get(1)?,
        member_id: r.get(2)?,
        member_no: r.get(3)?,
        member_name: r.get(4)?,
        product: r.get(5)?,
        terms: Terms {
            principal: r.get(6)?,
            rate_bp: r.get(7)?,
            method: Method::parse(&r.get::<_, String>(8)?).unwrap_or(Method::Flat),
            tenor_months: r.get(9)?,
        },
        admin_fee: r.get(10)?,
        late_fee,
        status: r.get(13)?,
        applied_at: parse_ts(&r.get::<_, String>(14)?).unwrap_or_default(),
        approved_by: r.get(15)?,
        disbursed_on: r.get::<_, Option<String>>(16)?.and_then(|d| d.parse().ok()),
    })
}

fn loan_where(conn: &Connection, cond: &str, arg: &dyn rusqlite::ToSql) -> Result<Option<Loan>> {
    let sql = format!("SELECT {LOAN_COLUMNS} FROM loans l JOIN members m ON m.id = l.member_id LEFT JOIN users a ON a.id = l.approved_by WHERE {cond}");
    Ok(conn.prepare_cached(&sql)?.query_row([arg], loan_row).optional()?)
}

pub(super) fn loan_in(conn: &Connection, number: &str) -> Result<Loan> {
    loan_where(conn, "l.number = ?1 COLLATE NOCASE", &number.trim())?.map_or_else(|| refuse(MemberRefusal::NoSuchLoan(number.trim().into())), Ok)
}

/// The installments of a disbursed loan with what was paid towards each.
pub(super) fn standing_in(conn: &Connection, loan_id: i64) -> Result<Vec<Standing>> {
    let mut st = conn.prepare_cached(
        "SELECT s.no, s.due_on, s.principal, s.interest, s.remaining,
                coalesce(sum(p.late_fee), 0), coalesce(sum(p.interest), 0), coalesce(sum(p.principal), 0)
         FROM loan_schedule s LEFT JOIN loan_payment_parts p ON p.loan_id = s.loan_id AND p.installment_no = s.no
         WHERE s.loan_id = ?1 GROUP BY s.no ORDER BY s.no",
    )?;
    let rows = st.query_map([loan_id], |r| {
        Ok(Standing {
            line: Installment { no: r.get(0)?, due: r.get::<_, String>(1)?.parse().unwrap_or_default(), principal: r.get(2)?, interest: r.get(3)?, remaining: r.get(4)? },
            paid: Owed { late_fee: r.get(5)?, interest: r.get(6)?, principal: r.get(7)? },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn state(loan: &Loan, want: &str) -> Result<()> {
    if loan.status != want {
        return refuse(MemberRefusal::LoanState(loan.status.clone()));
    }
    Ok(())
}

/// An application: the product's limits are checked here, inside the transaction.
#[allow(clippy::too_many_arguments)]
pub fn apply_in(tx: &Transaction, actor: &Actor, member_id: i64, product: &LoanProduct, principal: i64, tenor: u32, rate_bp: Option<i64>, now: DateTime<Utc>) -> Result<Loan> {
    let card = active_card_in(tx, member_id)?;
    if principal <= 0 {
        return refuse(MemberRefusal::NotPositive);
    }
    if principal > product.max_amount {
        return refuse(MemberRefusal::AboveProduct(product.max_amount));
    }
    if tenor == 0 || tenor > product.max_tenor_months {
        return refuse(MemberRefusal::TenorOutside(product.max_tenor_months));
    }
    let rate_bp = rate_bp.unwrap_or(product.rate_bp);
    if !(0..=product.rate_bp).contains(&rate_bp) {
        return refuse(MemberRefusal::RateOutside(product.rate_bp));
    }
    let user_id = actor.id.ok_or(StoreError::Member(MemberRefusal::NotSupervisor))?;
    let n: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM loans", [], |r| r.get(0))?;
    let number = format!("PJ{n:06}");
    let (kind, fee) = match product.late_fee {
        LateFee::None => ("none", 0),
        LateFee::PerDay(f) => ("day", f),
        LateFee::PerInstallment(f) => ("installment", f),
    };
    tx.execute(
        "INSERT INTO loans(number, member_id, product, principal, rate_bp, method, tenor_months, admin_fee, late_fee_kind, late_fee, applied_at, applied_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![number, member_id, product.name, principal, rate_bp, product.method.code(), tenor, product.admin_fee, kind, fee, ts(now), user_id],
    )?;
    let id = tx.last_insert_rowid();
    append(tx, actor, "loan-apply", "loans", Some(id), &format!("{number} member {} {principal} {tenor}m", card.member_no), now)?;
    loan_in(tx, &number)
}

/// The supervisor's approval (their PIN was checked in this same transaction by the caller).
pub fn approve_in(tx: &Transaction, actor: &Actor, approver_id: i64, approver: &str, number: &str, now: DateTime<Utc>) -> Result<Loan> {
    let loan = loan_in(tx, number)?;
    state(&loan, "applied")?;
    active_card_in(tx, loan.member_id)?;
    tx.execute("UPDATE loans SET status = 'approved', approved_at = ?2, approved_by = ?3 WHERE id = ?1", params![loan.id, ts(now), approver_id])?;
    append(tx, actor, "loan-approve", "loans", Some(loan.id), &format!("{} approved by {approver}", loan.number), now)?;
    loan_in(tx, number)
}

/// Hand the money over from the shift's cash: the schedule is fixed from this day.
pub fn disburse_in(tx: &Transaction, actor: &Actor, number: &str, at: Counter, now: DateTime<Utc>) -> Result<(Loan, Vec<Installment>)> {
    let loan = loan_in(tx, number)?;
    state(&loan, "approved")?;
    active_card_in(tx, loan.member_id)?;
    let user_id = actor.id.ok_or(StoreError::Member(MemberRefusal::NotSupervisor))?;
    let schedule = loans::schedule(&loan.terms, at.day);
    let mut st = tx.prepare_cached("INSERT INTO loan_schedule(loan_id, no, due_on, principal, interest, remaining) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    for i in &schedule {
        st.execute(params![loan.id, i.no, i.due.to_string(), i.principal, i.interest, i.remaining])?;
    }
    tx.execute(
        "UPDATE loans SET status = 'active', disbursed_at = ?2, disbursed_on = ?3, disbursed_by = ?4, disbursed_shift = ?5 WHERE id = ?1",
        params![loan.id, ts(now), at.day.to_string(), user_id, at.shift_id],
    )?;
    append(tx, actor, "loan-disburse", "loans", Some(loan.id), &format!("{} {} less fee {}", loan.number, loan.terms.principal, loan.admin_fee), now)?;
    Ok((loan_in(tx, number)?, schedule))
}

/// An installment paid (`settle` false: the amount given, split by `domain::loans::apply`) or the
/// loan settled early (`settle` true: the amount is what `domain::loans::settlement` says).
#[allow(clippy::too_many_arguments)]
pub fn pay_in(tx: &Transaction, actor: &Actor, number: &str, amount: Option<i64>, settle: bool, money: &Money, at: Counter, now: DateTime<Utc>) -> Result<Paid> {
    money.check()?;
    let loan = loan_in(tx, number)?;
    if loan.status == "paid" {
        return refuse(MemberRefusal::Loan(loans::PayError::PaidOff));
    }
    state(&loan, "active")?;
    let standing = standing_in(tx, loan.id)?;
    let split = if settle {
        loans::settlement(&standing, at.day, loan.late_fee)
    } else {
        loans::apply(&standing, amount.unwrap_or(0), at.day, loan.late_fee).map_err(|e| StoreError::Member(MemberRefusal::Loan(e)))?
    };
    let total = split.total().total();
    if total <= 0 {
        return refuse(MemberRefusal::Loan(loans::PayError::PaidOff));
    }
    let user_id = actor.id.ok_or(StoreError::Member(MemberRefusal::NotSupervisor))?;
    tx.execute(
        "INSERT INTO loan_payments(loan_id, kind, amount, method, reference, at, business_day, user_id, shift_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![loan.id, if settle { "settlement" } else { "installment" }, total, money.method(), money.reference(), ts(now), at.day.to_string(), user_id, at.shift_id],
    )?;
    let payment_id = tx.last_insert_rowid();
    let mut st = tx.prepare_cached("INSERT INTO loan_payment_parts(payment_id, loan_id, installment_no, late_fee, interest, principal) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?;
    for (no, o) in &split.parts {
        st.execute(params![payment_id, loan.id, no, o.late_fee, o.interest, o.principal])?;
    }
    let after = standing_in(tx, loan.id)?;
    let principal_left: i64 = after.iter().map(|s| s.line.principal - s.paid.principal).sum();
    // Paid off: every installment's principal and interest paid, or settled early.
    if settle || after.iter().all(Standing::is_paid) {
        tx.execute("UPDATE loans SET status = 'paid', paid_at = ?2 WHERE id = ?1", params![loan.id, ts(now)])?;
    }
    let what = if settle { "loan-settle" } else { "loan-pay" };
    append(tx, actor, what, "loans", Some(loan.id), &format!("{} {total}", loan.number), now)?;
    Ok(Paid { payment_id, loan: loan_in(tx, number)?, amount: total, split, principal_left, at: now })
}

/// One payment of a loan as a statement lists it: day, kind, amount, method, late fee,
/// interest, principal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaymentLine {
    pub day: NaiveDate,
    pub kind: String,
    pub amount: i64,
    pub method: String,
    pub parts: Owed,
}

impl Store {
    pub fn loan(&self, number: &str) -> Result<Option<Loan>> {
        loan_where(self.conn(), "l.number = ?1 COLLATE NOCASE", &number.trim())
    }

    pub fn loans_of(&self, member_id: i64) -> Result<Vec<Loan>> {
        let sql = format!("SELECT {LOAN_COLUMNS} FROM loans l JOIN members m ON m.id = l.member_id LEFT JOIN users a ON a.id = l.approved_by WHERE l.member_id = ?1 ORDER BY l.id");
        let mut st = self.conn().prepare_cached(&sql)?;
        let rows = st.query_map([member_id], loan_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Loans in these states, oldest first.
    pub fn loans_in_state(&self, states: &[&str]) -> Result<Vec<Loan>> {
        let list = states.iter().map(|s| format!("'{}'", s.replace('\'', ""))).collect::<Vec<_>>().join(",");
        let sql = format!("SELECT {LOAN_COLUMNS} FROM loans l JOIN members m ON m.id = l.member_id LEFT JOIN users a ON a.id = l.approved_by WHERE l.status IN ({list}) ORDER BY l.id");
        let mut st = self.conn().prepare(&sql)?;
        let rows = st.query_map([], loan_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn loan_standing(&self, loan_id: i64) -> Result<Vec<Standing>> {
        standing_in(self.conn(), loan_id)
    }

    pub fn loan_payments(&self, loan_id: i64) -> Result<Vec<PaymentLine>> {
        let mut st = self.conn().prepare_cached(
            "SELECT y.business_day, y.kind, y.amount, y.method, coalesce(sum(p.late_fee), 0), coalesce(sum(p.interest), 0), coalesce(sum(p.principal), 0)
             FROM loan_payments y LEFT JOIN loan_payment_parts p ON p.payment_id = y.id WHERE y.loan_id = ?1 GROUP BY y.id ORDER BY y.id",
        )?;
        let rows = st.query_map([loan_id], |r| {
            Ok(PaymentLine {
                day: r.get::<_, String>(0)?.parse().unwrap_or_default(),
                kind: r.get(1)?,
                amount: r.get(2)?,
                method: r.get(3)?,
                parts: Owed { late_fee: r.get(4)?, interest: r.get(5)?, principal: r.get(6)? },
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
