//! Members at the counter: joining, savings deposits and withdrawals, corrections, repaying shop
//! credit, and printing the member card and statement. Each is one transaction with its audit
//! entry and its slip; money at the counter goes through the cashier's open shift (its expected
//! cash counts it, `store::members::shift_member_cash`). Loans are in `ops::loans`.
//!
//! Roles (issue 16): cashiers take deposits and repayments; a withdrawal above
//! `members.withdrawal_approval_above` and every correction need a supervisor's name and PIN,
//! checked and recorded in the same transaction.

use super::print_in;
use crate::config::Config;
use crate::domain::savings::Kind;
use crate::domain::user::Role;
use crate::store::members::{self, Counter, Entry, Joining, MemberCard, MemberRefusal, Money};
use crate::store::users::{record_pin_check, AuthFailure, PinCheck, User};
use crate::store::{Result, Store, StoreError, Tx};
use chrono::{DateTime, NaiveDate, Utc};

/// A supervisor's name and PIN given for an approval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Approval {
    pub name: String,
    pub pin: String,
}

/// Where the counter's money goes: the cashier's open shift (required) and the business day.
pub fn counter(store: &Store, config: &Config, cashier: &User, now: DateTime<Utc>) -> Result<Counter> {
    let shift = store.open_shift(cashier.id)?.ok_or(StoreError::NoOpenShift)?;
    Ok(Counter { shift_id: Some(shift.id), day: config.site.zone.business_day(now) })
}

/// The PIN checked before the transaction (argon2 is slow), then recorded inside it.
pub(super) fn pin_check(store: &Store, approval: Option<&Approval>, now: DateTime<Utc>) -> Result<Option<PinCheck>> {
    approval.map(|a| store.check_pin(&a.name, &a.pin, now)).transpose()
}

/// Inside the transaction: the approver, or why not (a wrong PIN is counted and committed).
pub(super) fn approver_in(tx: &Tx, config: &Config, check: &PinCheck, now: DateTime<Utc>) -> Result<std::result::Result<User, AuthFailure>> {
    let approver = record_pin_check(tx, check, "approve", &config.security, now)?;
    if let Ok(u) = &approver {
        if !u.role.approves() {
            return Err(StoreError::Member(MemberRefusal::NotSupervisor));
        }
    }
    Ok(approver)
}

/// Write an operation that may need an approval: a wrong PIN commits its count and nothing else.
pub(super) fn write_approved<T>(
    store: &mut Store,
    config: &Config,
    check: Option<&PinCheck>,
    now: DateTime<Utc>,
    mut op: impl FnMut(&Tx, Option<&User>) -> Result<T>,
) -> Result<std::result::Result<T, AuthFailure>> {
    store.write(|tx| {
        let approver = match check {
            Some(c) => match approver_in(tx, config, c, now)? {
                Ok(u) => Some(u),
                Err(f) => return Ok(Err(f)),
            },
            None => None,
        };
        op(tx, approver.as_ref()).map(Ok)
    })
}

/// Make a person (a patient record) a member, with the simpanan pokok of the settings paid in.
#[allow(clippy::too_many_arguments)]
pub fn register(store: &mut Store, config: &Config, cashier: &User, patient_id: i64, heir: &str, heir_relation: &str, money: &Money, now: DateTime<Utc>) -> Result<(MemberCard, Option<Entry>)> {
    let at = counter(store, config, cashier, now)?;
    let j = Joining {
        patient_id,
        joined_on: at.day,
        heir: heir.into(),
        heir_relation: heir_relation.into(),
        credit_limit: None,
        pokok: config.members.pokok,
        money: money.clone(),
    };
    let actor = cashier.actor();
    store.write(|tx| {
        let (card, entry) = members::register_in(tx, &actor, &j, &config.members.number_prefix, at, now)?;
        print_in(tx, config, now, || {
            let mut jobs = vec![crate::print::member_docs::member_card(config, &card)];
            if let Some(e) = &entry {
                jobs.push(crate::print::member_docs::savings_slip(config, &card, e));
            }
            jobs
        })?;
        Ok((card, entry))
    })
}

/// A deposit of wajib or sukarela (pokok is paid on joining only, once).
#[allow(clippy::too_many_arguments)]
pub fn deposit(store: &mut Store, config: &Config, cashier: &User, member_id: i64, kind: Kind, amount: i64, money: &Money, now: DateTime<Utc>) -> Result<Entry> {
    if amount <= 0 {
        return Err(StoreError::Member(MemberRefusal::NotPositive));
    }
    let at = counter(store, config, cashier, now)?;
    let actor = cashier.actor();
    store.write(|tx| {
        let card = members::active_card_in(tx, member_id)?;
        if kind == Kind::Pokok && card.balance(Kind::Pokok) >= config.members.pokok {
            return Err(StoreError::Member(MemberRefusal::PokokPaid));
        }
        money_check(money)?;
        let entry = members::add_entry_in(tx, &actor, member_id, kind, amount, money, at, None, None, "", now)?;
        let card = members::card_in(tx, member_id)?;
        print_in(tx, config, now, || vec![crate::print::member_docs::savings_slip(config, &card, &entry)])?;
        Ok(entry)
    })
}

fn money_check(money: &Money) -> Result<()> {
    match money {
        Money::Qris(r) if r.trim().is_empty() => Err(StoreError::Member(MemberRefusal::NeedsReference)),
        _ => Ok(()),
    }
}

/// A withdrawal of sukarela by the member in person, checked against the balance; above the
/// setting it needs a supervisor's approval.
#[allow(clippy::too_many_arguments)]
pub fn withdraw(
    store: &mut Store,
    config: &Config,
    cashier: &User,
    member_id: i64,
    amount: i64,
    money: &Money,
    approval: Option<&Approval>,
    now: DateTime<Utc>,
) -> Result<std::result::Result<Entry, AuthFailure>> {
    let limit = config.members.withdrawal_approval_above;
    if amount > limit && approval.is_none() && !cashier.role.approves() {
        return Err(StoreError::Member(MemberRefusal::NeedsApproval(limit)));
    }
    let at = counter(store, config, cashier, now)?;
    let check = if amount > limit && !cashier.role.approves() { pin_check(store, approval, now)? } else { None };
    let actor = cashier.actor();
    write_approved(store, config, check.as_ref(), now, |tx, approver| {
        let approved_by = approver.map(|u| u.id).or((amount > limit).then_some(cashier.id));
        let entry = members::withdraw_in(tx, &actor, member_id, Kind::Sukarela, amount, money, at, approved_by, now)?;
        let card = members::card_in(tx, member_id)?;
        print_in(tx, config, now, || vec![crate::print::member_docs::savings_slip(config, &card, &entry)])?;
        Ok(entry)
    })
}

/// A correction: the entry reversed by a new entry, approved by a supervisor (always).
pub fn reverse(store: &mut Store, config: &Config, cashier: &User, entry_id: i64, approval: &Approval, reason: &str, now: DateTime<Utc>) -> Result<std::result::Result<Entry, AuthFailure>> {
    let at = counter(store, config, cashier, now)?;
    let check = pin_check(store, Some(approval), now)?;
    let actor = cashier.actor();
    write_approved(store, config, check.as_ref(), now, |tx, approver| {
        let approver = approver.map(|u| u.id).unwrap_or(cashier.id);
        let entry = members::reverse_in(tx, &actor, entry_id, approver, reason, at, now)?;
        let card = members::card_in(tx, entry.member_id)?;
        print_in(tx, config, now, || vec![crate::print::member_docs::savings_slip(config, &card, &entry)])?;
        Ok(entry)
    })
}

/// Shop credit paid back, in part or in full, in cash or by QRIS; the receipt shows what is
/// still owed.
pub fn repay_credit(store: &mut Store, config: &Config, cashier: &User, member_id: i64, amount: i64, money: &Money, now: DateTime<Utc>) -> Result<MemberCard> {
    let at = counter(store, config, cashier, now)?;
    let actor = cashier.actor();
    store.write(|tx| {
        let (_, card) = members::repay_in(tx, &actor, member_id, amount, money, at, now)?;
        print_in(tx, config, now, || vec![crate::print::member_docs::repayment_slip(config, &card, amount, money, now)])?;
        Ok(card)
    })
}

/// Print the member card again (name, number, QR of the number).
pub fn print_card(store: &mut Store, config: &Config, actor: &User, member_id: i64, now: DateTime<Utc>) -> Result<Option<i64>> {
    let card = store.member_card(member_id)?.ok_or(StoreError::Member(MemberRefusal::NoSuchMember(member_id.to_string())))?;
    if !config.all_printers().any(|p| p.configured()) {
        return Ok(None);
    }
    let job = crate::print::member_docs::member_card(config, &card);
    store.enqueue_print(&actor.actor(), &job, now).map(Some)
}

/// Print a member's statement for a period on the receipt printer.
pub fn print_statement(store: &mut Store, config: &Config, actor: &User, member_id: i64, from: NaiveDate, to: NaiveDate, now: DateTime<Utc>) -> Result<Option<i64>> {
    let st = store.statement(member_id, from, to)?;
    if !config.all_printers().any(|p| p.configured()) {
        return Ok(None);
    }
    let job = crate::print::member_docs::statement(config, &st, now);
    store.enqueue_print(&actor.actor(), &job, now).map(Some)
}

/// A member resigns or has died (or is active again): a supervisor's decision, audited. A member
/// who is not active takes no new deposit, loan or installment.
pub fn set_status(store: &mut Store, user: &User, member_id: i64, status: &str, now: DateTime<Utc>) -> Result<()> {
    if !user.role.approves() {
        return Err(StoreError::Member(MemberRefusal::NotSupervisor));
    }
    if !["active", "resigned", "deceased"].contains(&status) {
        return Err(StoreError::Member(MemberRefusal::NotActive(status.into())));
    }
    store.set_member_status(&user.actor(), member_id, status, now)
}

/// The member names a new heir (ahli waris), at the counter; audited.
pub fn set_heir(store: &mut Store, user: &User, member_id: i64, heir: &str, relation: &str, now: DateTime<Utc>) -> Result<()> {
    store.set_member_heir(&user.actor(), member_id, heir, relation, now)
}

/// Who may take money for members at the counter.
pub fn may_take_money(role: Role) -> bool {
    matches!(role, Role::Cashier | Role::Supervisor | Role::Admin)
}
