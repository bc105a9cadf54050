//! Loans at the counter: apply (checked against the product in the settings), approve (a
//! supervisor's name and PIN, checked and recorded in the same transaction as the approval),
//! disburse from the cashier's shift cash with the schedule printed, pay an installment (split
//! late fee -> interest -> principal, with a slip) or settle early. One transaction each, audited.

use super::members::{counter, pin_check, write_approved, Approval};
use super::print_in;
use crate::config::Config;
use crate::domain::loans::Installment;
use crate::store::loans::{self, Loan, Paid};
use crate::store::members::{MemberRefusal, Money};
use crate::store::users::{AuthFailure, User};
use crate::store::{Result, Store, StoreError};
use chrono::{DateTime, Utc};

/// An application for a loan of `principal` over `tenor` months with the product named; the rate
/// is the product's unless a lower one is given.
#[allow(clippy::too_many_arguments)]
pub fn apply(store: &mut Store, config: &Config, cashier: &User, member_id: i64, product: &str, principal: i64, tenor: u32, rate_bp: Option<i64>, now: DateTime<Utc>) -> Result<Loan> {
    let product = config.members.product(product).ok_or_else(|| StoreError::Member(MemberRefusal::UnknownProduct(product.trim().into())))?;
    let actor = cashier.actor();
    store.write(|tx| loans::apply_in(tx, &actor, member_id, product, principal, tenor, rate_bp, now))
}

/// A supervisor approves: their own login, or a name and PIN given at the cashier's counter.
pub fn approve(store: &mut Store, config: &Config, user: &User, number: &str, approval: Option<&Approval>, now: DateTime<Utc>) -> Result<std::result::Result<Loan, AuthFailure>> {
    if approval.is_none() && !user.role.approves() {
        return Err(StoreError::Member(MemberRefusal::NotSupervisor));
    }
    let check = pin_check(store, approval, now)?;
    let actor = user.actor();
    write_approved(store, config, check.as_ref(), now, |tx, approver| {
        let (id, name) = approver.map(|a| (a.id, a.name.clone())).unwrap_or((user.id, user.name.clone()));
        loans::approve_in(tx, &actor, id, &name, number, now)
    })
}

/// The money handed over from the shift's cash (less the admin fee); the schedule is printed.
pub fn disburse(store: &mut Store, config: &Config, cashier: &User, number: &str, now: DateTime<Utc>) -> Result<(Loan, Vec<Installment>)> {
    let at = counter(store, config, cashier, now)?;
    let actor = cashier.actor();
    store.write(|tx| {
        let (loan, schedule) = loans::disburse_in(tx, &actor, number, at, now)?;
        print_in(tx, config, now, || vec![crate::print::member_docs::loan_schedule(config, &loan, &schedule, now)])?;
        Ok((loan, schedule))
    })
}

/// An installment of `amount` (any amount up to what is owed), with its slip.
pub fn pay(store: &mut Store, config: &Config, cashier: &User, number: &str, amount: i64, money: &Money, now: DateTime<Utc>) -> Result<Paid> {
    let at = counter(store, config, cashier, now)?;
    let actor = cashier.actor();
    store.write(|tx| {
        let paid = loans::pay_in(tx, &actor, number, Some(amount), false, money, at, now)?;
        print_in(tx, config, now, || vec![crate::print::member_docs::loan_payment_slip(config, &paid)])?;
        Ok(paid)
    })
}

/// Early settlement: the late fees, the interest already due and all the principal left.
pub fn settle(store: &mut Store, config: &Config, cashier: &User, number: &str, money: &Money, now: DateTime<Utc>) -> Result<Paid> {
    let at = counter(store, config, cashier, now)?;
    let actor = cashier.actor();
    store.write(|tx| {
        let paid = loans::pay_in(tx, &actor, number, None, true, money, at, now)?;
        print_in(tx, config, now, || vec![crate::print::member_docs::loan_payment_slip(config, &paid)])?;
        Ok(paid)
    })
}

/// What settling would cost today (shown before the cashier takes the money).
pub fn settlement_amount(store: &Store, config: &Config, number: &str, now: DateTime<Utc>) -> Result<i64> {
    let loan = store.loan(number)?.ok_or_else(|| StoreError::Member(MemberRefusal::NoSuchLoan(number.trim().into())))?;
    let standing = store.loan_standing(loan.id)?;
    Ok(crate::domain::loans::settlement(&standing, config.site.zone.business_day(now), loan.late_fee).total().total())
}

/// The year's share of surplus per member: `amount` (the members' part, entered by the
/// supervisor) split by the bylaws' percentages (`domain::shu::divide`).
pub fn shu(store: &Store, config: &Config, year: i32, amount: i64, now: DateTime<Utc>) -> Result<(Vec<crate::store::member_figures::ShuLine>, crate::domain::shu::Division)> {
    let today = config.site.zone.business_day(now);
    if today <= chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(today) {
        return Err(StoreError::Member(MemberRefusal::YearOpen(year)));
    }
    let lines = store.shu_lines(year)?;
    let weights: Vec<_> = lines.iter().map(|l| crate::domain::shu::Weights { savings: l.savings_months, use_: l.purchases + l.loan_interest }).collect();
    let division = crate::domain::shu::divide(amount, config.members.shu, &weights);
    Ok((lines, division))
}
