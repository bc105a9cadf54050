//! Members of the cooperative: the member record on the person (patient) record, savings entries
//! (append-only; a balance is their sum), shop-credit repayments, and the member money a shift's
//! drawer holds. Loans are in `loans.rs`. Each `*_in` function writes inside the caller's
//! transaction and appends its audit entry there. What the screens and commands read is in
//! `member_figures.rs`.

use super::audit::{append, Actor};
use super::{ts, Result, Store, StoreError};
use crate::domain::loans::PayError;
use crate::domain::savings::{Kind, WithdrawError};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// Why a member operation was refused; nothing was saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberRefusal {
    NoSuchMember(String),
    /// The member has resigned or died (the status).
    NotActive(String),
    /// This person is a member already (the number).
    AlreadyMember(String),
    /// The simpanan pokok is paid once.
    PokokPaid,
    NoSuchPerson,
    NotPositive,
    Withdraw(WithdrawError),
    /// A withdrawal above this needs a supervisor.
    NeedsApproval(i64),
    NotSupervisor,
    NoSuchEntry(i64),
    AlreadyReversed(i64),
    /// More than the shop credit owed (what is owed).
    RepayTooMuch(i64),
    /// A QRIS payment needs its reference.
    NeedsReference,
    UnknownProduct(String),
    /// Above the product's largest loan (the largest).
    AboveProduct(i64),
    /// A tenor outside 1..=the product's longest.
    TenorOutside(u32),
    /// A rate above the product's (basis points).
    RateOutside(i64),
    NoSuchLoan(String),
    /// The loan is not in the state this needs (its state).
    LoanState(String),
    Loan(PayError),
    /// The year is not over yet.
    YearOpen(i32),
}

pub(super) fn refuse<T>(r: MemberRefusal) -> Result<T> {
    Err(StoreError::Member(r))
}

/// How money came or went at the counter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Money {
    Cash,
    Qris(String),
}

impl Money {
    pub fn method(&self) -> &'static str {
        match self {
            Money::Cash => "cash",
            Money::Qris(_) => "qris",
        }
    }

    pub fn reference(&self) -> Option<&str> {
        match self {
            Money::Cash => None,
            Money::Qris(r) => Some(r.as_str()),
        }
    }

    pub(super) fn check(&self) -> Result<()> {
        match self {
            Money::Qris(r) if r.trim().is_empty() => refuse(MemberRefusal::NeedsReference),
            _ => Ok(()),
        }
    }
}

/// A member as the counter shows them. Health-data free: name, numbers, phone, balances.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberCard {
    pub id: i64,
    pub member_no: String,
    pub name: String,
    pub patient_id: Option<i64>,
    pub phone: Option<String>,
    pub joined_on: Option<NaiveDate>,
    pub status: String,
    pub heir: String,
    pub heir_relation: String,
    pub credit_limit: Option<i64>,
    /// Shop credit taken less repaid.
    pub credit_owed: i64,
    /// Pokok, wajib, sukarela.
    pub savings: [i64; 3],
    /// Wajib deposited in total (for the months owed).
    pub wajib_paid: i64,
}

impl MemberCard {
    pub fn balance(&self, k: Kind) -> i64 {
        self.savings[k as usize]
    }
}

/// Shop credit taken by a member (member_credit payments less their refunds), all time.
pub(super) const CREDIT_TAKEN: &str = "coalesce((SELECT sum(CASE WHEN y.kind = 'payment' THEN y.amount ELSE -y.amount END) FROM payments y JOIN sales s ON s.id = y.sale_id
     WHERE s.member_id = m.id AND y.method = 'member_credit'), 0)";
pub(super) const CREDIT_REPAID: &str = "coalesce((SELECT sum(r.amount) FROM credit_repayments r WHERE r.member_id = m.id), 0)";

pub(super) fn card_by(conn: &Connection, cond: &str, arg: &dyn rusqlite::ToSql) -> Result<Option<MemberCard>> {
    let sql = format!(
        "SELECT m.id, m.member_no, m.name, m.patient_id, p.phone, m.joined_on, m.status, m.heir, m.heir_relation, m.credit_limit,
                {CREDIT_TAKEN} - {CREDIT_REPAID},
                coalesce((SELECT sum(amount) FROM savings_entries e WHERE e.member_id = m.id AND e.kind = 'pokok'), 0),
                coalesce((SELECT sum(amount) FROM savings_entries e WHERE e.member_id = m.id AND e.kind = 'wajib'), 0),
                coalesce((SELECT sum(amount) FROM savings_entries e WHERE e.member_id = m.id AND e.kind = 'sukarela'), 0)
         FROM members m LEFT JOIN patients p ON p.id = m.patient_id WHERE {cond}"
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([arg], |r| {
            let wajib: i64 = r.get(12)?;
            Ok(MemberCard {
                id: r.get(0)?,
                member_no: r.get(1)?,
                name: r.get(2)?,
                patient_id: r.get(3)?,
                phone: r.get(4)?,
                joined_on: r.get::<_, Option<String>>(5)?.and_then(|d| d.parse().ok()),
                status: r.get(6)?,
                heir: r.get(7)?,
                heir_relation: r.get(8)?,
                credit_limit: r.get(9)?,
                credit_owed: r.get(10)?,
                savings: [r.get(11)?, wajib, r.get(13)?],
                wajib_paid: wajib,
            })
        })
        .optional()?)
}

pub fn card_in(conn: &Connection, id: i64) -> Result<MemberCard> {
    card_by(conn, "m.id = ?1", &id)?.map_or_else(|| refuse(MemberRefusal::NoSuchMember(id.to_string())), Ok)
}

/// The member must be active for money to move.
pub fn active_card_in(conn: &Connection, id: i64) -> Result<MemberCard> {
    let c = card_in(conn, id)?;
    if c.status != "active" {
        return refuse(MemberRefusal::NotActive(c.status));
    }
    Ok(c)
}

/// A new member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joining {
    pub patient_id: i64,
    pub joined_on: NaiveDate,
    pub heir: String,
    pub heir_relation: String,
    pub credit_limit: Option<i64>,
    /// The simpanan pokok paid on joining (the setting's amount; 0: none).
    pub pokok: i64,
    pub money: Money,
}

/// A savings entry as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: i64,
    pub member_id: i64,
    pub kind: Kind,
    pub amount: i64,
    pub method: String,
    pub at: DateTime<Utc>,
    pub business_day: NaiveDate,
    pub cashier: String,
    pub approved_by: Option<String>,
    pub reverses: Option<i64>,
    pub note: String,
    /// The balance of this kind after the entry.
    pub balance_after: i64,
}

/// Where the money of an operation at the counter goes: the cashier's shift and business day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    pub shift_id: Option<i64>,
    pub day: NaiveDate,
}

fn next_member_no(tx: &Transaction, prefix: &str) -> Result<String> {
    let n: i64 = tx.query_row("SELECT count(*) + 1 FROM members", [], |r| r.get(0))?;
    for k in n.. {
        let no = format!("{prefix}-{k:06}");
        let taken: bool = tx.query_row(
            "SELECT EXISTS(SELECT 1 FROM members WHERE member_no = ?1) OR EXISTS(SELECT 1 FROM patients WHERE member_no = ?1)",
            [&no],
            |r| r.get(0),
        )?;
        if !taken {
            return Ok(no);
        }
    }
    unreachable!("an unused number exists")
}

/// Make a person a member: the member record (the person's own member number, or the next one),
/// and the simpanan pokok as the first entry.
pub fn register_in(tx: &Transaction, actor: &Actor, j: &Joining, prefix: &str, at: Counter, now: DateTime<Utc>) -> Result<(MemberCard, Option<Entry>)> {
    j.money.check()?;
    let person: Option<(String, Option<String>)> =
        tx.query_row("SELECT name, member_no FROM patients WHERE id = ?1 AND merged_into IS NULL", [j.patient_id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    let Some((name, own_no)) = person else { return refuse(MemberRefusal::NoSuchPerson) };
    let existing: Option<(i64, String)> =
        tx.query_row("SELECT id, member_no FROM members WHERE patient_id = ?1", [j.patient_id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    let id = match existing {
        Some((id, no)) => {
            // A member record made by the sale screen (credit only) becomes a full membership once.
            let joined: Option<String> = tx.query_row("SELECT joined_on FROM members WHERE id = ?1", [id], |r| r.get(0))?;
            if joined.is_some() {
                return refuse(MemberRefusal::AlreadyMember(no));
            }
            tx.execute(
                "UPDATE members SET joined_on = ?2, heir = ?3, heir_relation = ?4, credit_limit = coalesce(?5, credit_limit), status = 'active', active = 1 WHERE id = ?1",
                params![id, j.joined_on.to_string(), j.heir.trim(), j.heir_relation.trim(), j.credit_limit],
            )?;
            id
        }
        None => {
            let no = match own_no {
                Some(no) if !no.trim().is_empty() => no,
                _ => {
                    let no = next_member_no(tx, prefix)?;
                    tx.execute("UPDATE patients SET member_no = ?2 WHERE id = ?1", params![j.patient_id, no])?;
                    no
                }
            };
            tx.execute(
                "INSERT INTO members(member_no, name, patient_id, credit_limit, created_at, joined_on, heir, heir_relation) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![no, name, j.patient_id, j.credit_limit, ts(now), j.joined_on.to_string(), j.heir.trim(), j.heir_relation.trim()],
            )?;
            tx.last_insert_rowid()
        }
    };
    let card = card_in(tx, id)?;
    append(tx, actor, "member-join", "members", Some(id), &format!("member {} joined {}", card.member_no, j.joined_on), now)?;
    let entry = if j.pokok > 0 { Some(add_entry_in(tx, actor, id, Kind::Pokok, j.pokok, &j.money, at, None, None, "", now)?) } else { None };
    Ok((card_in(tx, id)?, entry))
}

/// Append one savings entry (positive in, negative out) with its audit entry.
#[allow(clippy::too_many_arguments)]
pub fn add_entry_in(
    tx: &Transaction,
    actor: &Actor,
    member_id: i64,
    kind: Kind,
    amount: i64,
    money: &Money,
    at: Counter,
    approved_by: Option<i64>,
    reverses: Option<i64>,
    note: &str,
    now: DateTime<Utc>,
) -> Result<Entry> {
    let user_id = actor.id.ok_or(StoreError::Member(MemberRefusal::NotSupervisor))?;
    tx.execute(
        "INSERT INTO savings_entries(member_id, kind, amount, method, reference, at, business_day, user_id, shift_id, approved_by, reverses, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![member_id, kind.code(), amount, money.method(), money.reference(), ts(now), at.day.to_string(), user_id, at.shift_id, approved_by, reverses, note.trim()],
    )?;
    let id = tx.last_insert_rowid();
    let what = if reverses.is_some() { "savings-reverse" } else if amount > 0 { "savings-in" } else { "savings-out" };
    append(tx, actor, what, "savings_entries", Some(id), &format!("member {member_id} {} {amount}", kind.code()), now)?;
    entry_in(tx, id)
}

pub(super) fn entry_in(conn: &Connection, id: i64) -> Result<Entry> {
    let e = conn
        .prepare_cached(
            "SELECT e.id, e.member_id, e.kind, e.amount, e.method, e.at, e.business_day, u.name, a.name, e.reverses, e.note,
                    (SELECT sum(x.amount) FROM savings_entries x WHERE x.member_id = e.member_id AND x.kind = e.kind AND x.id <= e.id)
             FROM savings_entries e JOIN users u ON u.id = e.user_id LEFT JOIN users a ON a.id = e.approved_by WHERE e.id = ?1",
        )?
        .query_row([id], entry_row)
        .optional()?;
    e.map_or_else(|| refuse(MemberRefusal::NoSuchEntry(id)), Ok)
}

pub(super) fn entry_row(r: &rusqlite::Row) -> rusqlite::Result<Entry> {
    Ok(Entry {
        id: r.get(0)?,
        member_id: r.get(1)?,
        kind: Kind::parse(&r.get::<_, String>(2)?).unwrap_or(Kind::Sukarela),
        amount: r.get(3)?,
        method: r.get(4)?,
        at: super::parse_ts(&r.get::<_, String>(5)?).unwrap_or_default(),
        business_day: r.get::<_, String>(6)?.parse().unwrap_or_default(),
        cashier: r.get(7)?,
        approved_by: r.get(8)?,
        reverses: r.get(9)?,
        note: r.get(10)?,
        balance_after: r.get(11)?,
    })
}

/// A withdrawal from sukarela, checked against the balance inside the transaction.
#[allow(clippy::too_many_arguments)]
pub fn withdraw_in(tx: &Transaction, actor: &Actor, member_id: i64, kind: Kind, amount: i64, money: &Money, at: Counter, approved_by: Option<i64>, now: DateTime<Utc>) -> Result<Entry> {
    money.check()?;
    let card = active_card_in(tx, member_id)?;
    crate::domain::savings::check_withdrawal(kind, amount, card.balance(kind)).map_err(|e| StoreError::Member(MemberRefusal::Withdraw(e)))?;
    add_entry_in(tx, actor, member_id, kind, -amount, money, at, approved_by, None, "", now)
}

/// A correction: the entry's amount reversed, once, approved by a supervisor. A reversal that
/// would leave a negative balance is refused.
pub fn reverse_in(tx: &Transaction, actor: &Actor, entry_id: i64, approver: i64, reason: &str, at: Counter, now: DateTime<Utc>) -> Result<Entry> {
    let e = entry_in(tx, entry_id)?;
    if e.reverses.is_some() {
        return refuse(MemberRefusal::NoSuchEntry(entry_id));
    }
    let done: bool = tx.query_row("SELECT EXISTS(SELECT 1 FROM savings_entries WHERE reverses = ?1)", [entry_id], |r| r.get(0))?;
    if done {
        return refuse(MemberRefusal::AlreadyReversed(entry_id));
    }
    let card = card_in(tx, e.member_id)?;
    if card.balance(e.kind) - e.amount < 0 {
        return refuse(MemberRefusal::Withdraw(WithdrawError::AboveBalance(card.balance(e.kind))));
    }
    let money = if e.method == "qris" { Money::Qris(format!("reversal {entry_id}")) } else { Money::Cash };
    add_entry_in(tx, actor, e.member_id, e.kind, -e.amount, &money, at, Some(approver), Some(entry_id), reason, now)
}

/// A repayment of shop credit, never above what is owed.
pub fn repay_in(tx: &Transaction, actor: &Actor, member_id: i64, amount: i64, money: &Money, at: Counter, now: DateTime<Utc>) -> Result<(i64, MemberCard)> {
    money.check()?;
    if amount <= 0 {
        return refuse(MemberRefusal::NotPositive);
    }
    let card = card_in(tx, member_id)?;
    if amount > card.credit_owed {
        return refuse(MemberRefusal::RepayTooMuch(card.credit_owed.max(0)));
    }
    let user_id = actor.id.ok_or(StoreError::Member(MemberRefusal::NotSupervisor))?;
    tx.execute(
        "INSERT INTO credit_repayments(member_id, amount, method, reference, at, business_day, user_id, shift_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![member_id, amount, money.method(), money.reference(), ts(now), at.day.to_string(), user_id, at.shift_id],
    )?;
    let id = tx.last_insert_rowid();
    append(tx, actor, "credit-repay", "credit_repayments", Some(id), &format!("member {} repaid {amount}", card.member_no), now)?;
    Ok((id, card_in(tx, member_id)?))
}

/// QRIS a shift took for members (savings, repayments, installments), as a subquery over the
/// shift `s.id`: the cashier's reported QRIS total at closing includes it.
pub(super) const SHIFT_MEMBER_QRIS: &str = "(SELECT coalesce(sum(amount), 0) FROM savings_entries WHERE shift_id = s.id AND method = 'qris')
     + (SELECT coalesce(sum(amount), 0) FROM credit_repayments WHERE shift_id = s.id AND method = 'qris')
     + (SELECT coalesce(sum(amount), 0) FROM loan_payments WHERE shift_id = s.id AND method = 'qris')";

pub(super) fn shift_member_qris(conn: &Connection, shift_id: i64) -> Result<i64> {
    Ok(conn.query_row(&format!("SELECT {SHIFT_MEMBER_QRIS} FROM shifts s WHERE s.id = ?1"), [shift_id], |r| r.get(0))?)
}

/// Cash a shift's drawer took in and paid out for members (savings, repayments, installments,
/// loans disbursed): part of the shift's expected cash.
pub(super) fn shift_member_cash(conn: &Connection, shift_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce((SELECT sum(amount) FROM savings_entries WHERE shift_id = ?1 AND method = 'cash'), 0)
              + coalesce((SELECT sum(amount) FROM credit_repayments WHERE shift_id = ?1 AND method = 'cash'), 0)
              + coalesce((SELECT sum(amount) FROM loan_payments WHERE shift_id = ?1 AND method = 'cash'), 0)
              - coalesce((SELECT sum(principal - admin_fee) FROM loans WHERE disbursed_shift = ?1), 0)",
        [shift_id],
        |r| r.get(0),
    )?)
}

impl Store {
    /// The member's heir (ahli waris) and how they are related, as the member names them now.
    pub fn set_member_heir(&mut self, actor: &Actor, member_id: i64, heir: &str, relation: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            card_in(tx, member_id)?;
            tx.execute("UPDATE members SET heir = ?2, heir_relation = ?3 WHERE id = ?1", params![member_id, heir.trim(), relation.trim()])?;
            append(tx, actor, "member-heir", "members", Some(member_id), &format!("{} ({})", heir.trim(), relation.trim()), now)
        })
    }

    pub fn set_member_status(&mut self, actor: &Actor, member_id: i64, status: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            card_in(tx, member_id)?;
            tx.execute("UPDATE members SET status = ?2, active = (?2 = 'active') WHERE id = ?1", params![member_id, status])?;
            append(tx, actor, "member-status", "members", Some(member_id), status, now)
        })
    }
}
