//! `loket member loan ...` (apply, approve, disburse, pay, settle) and the hidden `loket member
//! simulate` of the crash test, beside `members.rs`.

use super::common::{fail, open_store, store_fail, CliResult, Ctx};
use super::members::find;
use crate::domain::money::parse_rupiah;
use crate::domain::savings::Kind;
use crate::ops::members::{self as m, Approval};
use crate::store::members::Money;
use crate::store::users::User;
use crate::store::{OpenMode, Store};
use chrono::Utc;
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub(super) enum LoanCommand {
    /// Apply for a loan of a product in the settings
    Apply {
        member: String,
        #[arg(long)]
        product: String,
        #[arg(long)]
        amount: String,
        #[arg(long)]
        months: u32,
        /// A lower rate than the product's, percent a month ("1.25")
        #[arg(long)]
        rate: Option<String>,
    },
    /// A supervisor approves (their own --as, or --approver with their PIN)
    Approve { loan: String },
    /// Hand the money over from the shift's cash; the schedule is printed
    Disburse { loan: String },
    /// An installment of AMOUNT: late fee, then interest, then principal
    Pay { loan: String, amount: String },
    /// Settle early: late fees, interest already due, all the principal left
    Settle { loan: String },
}

pub(super) fn loan_command(ctx: &Ctx, store: &mut Store, user: &User, cmd: LoanCommand, money: &Money, approval: Option<&Approval>) -> CliResult {
    use crate::ops::loans;
    let (text, config, now) = (&ctx.text, &ctx.config, Utc::now());
    let sf = store_fail(text);
    let amount = |s: &str| parse_rupiah(s).filter(|v| *v > 0).ok_or_else(|| fail(2, text.member_bad_amount()));
    let rp = crate::domain::money::format_rupiah;
    match cmd {
        LoanCommand::Apply { member, product, amount: a, months, rate } => {
            let card = find(ctx, store, &member)?;
            let rate = rate.map(|r| crate::config::members::parse_rate(&r).ok_or_else(|| fail(2, text.member_bad_rate()))).transpose()?;
            let loan = loans::apply(store, config, user, card.id, &product, amount(&a)?, months, rate, now).map_err(sf)?;
            out!("{}", text.loan_applied(&loan.number));
        }
        LoanCommand::Approve { loan } => {
            let l = loans::approve(store, config, user, &loan, approval, now).map_err(sf)?.map_err(|_| fail(1, text.bad_credentials()))?;
            out!("{} {}", l.number, text.loan_status(&l.status));
        }
        LoanCommand::Disburse { loan } => {
            let (l, schedule) = loans::disburse(store, config, user, &loan, now).map_err(sf)?;
            out!("{} {}: {}", l.number, text.loan_handed_over_label(), rp(l.terms.principal - l.admin_fee));
            for i in schedule {
                out!("{:>3} {} {:>14} {:>12} {:>14}", i.no, i.due.format("%d-%m-%Y"), rp(i.principal), rp(i.interest), rp(i.remaining));
            }
        }
        LoanCommand::Pay { loan, amount: a } => {
            let p = loans::pay(store, config, user, &loan, amount(&a)?, money, now).map_err(sf)?;
            let t = p.split.total();
            out!(
                "{} {}: {} {}, {} {}, {} {}; {} {} ({})",
                p.loan.number,
                rp(p.amount),
                text.late_fee_label(),
                rp(t.late_fee),
                text.interest_label(),
                rp(t.interest),
                text.principal_label(),
                rp(t.principal),
                text.principal_left_label(),
                rp(p.principal_left),
                text.loan_status(&p.loan.status)
            );
        }
        LoanCommand::Settle { loan } => {
            let p = loans::settle(store, config, user, &loan, money, now).map_err(sf)?;
            out!("{} {} {}", p.loan.number, rp(p.amount), text.loan_status(&p.loan.status));
        }
    }
    Ok(())
}

/// Money for members in a loop, each operation committed whole (the kill -9 test): a member
/// joins, borrows, then pays in, takes out and pays installments.
pub(super) fn simulate(ctx: &Ctx, count: u64) -> CliResult {
    use crate::domain::user::Role;
    let (config, text) = (&ctx.config, &ctx.text);
    let err = store_fail(text);
    let mut store = open_store(ctx, OpenMode::Existing)?;
    if !store.is_demo().map_err(err)? {
        return Err(fail(1, text.simulate_demo_only()));
    }
    let users = store.users().map_err(err)?;
    let cashier = users.iter().find(|u| u.role == Role::Cashier && !u.disabled).cloned().ok_or_else(|| fail(1, text.role_may_not_run()))?;
    let boss = users.iter().find(|u| u.role == Role::Supervisor && !u.disabled).cloned().ok_or_else(|| fail(1, text.role_may_not_run()))?;
    if store.open_shift(cashier.id).map_err(err)?.is_none() {
        crate::ops::shifts::open(&mut store, config, &cashier.actor(), 0, Utc::now()).map_err(err)?;
    }
    // The first demo member with a person record (made a member record if it has none yet).
    let pid = store.demo_member_patients(1).map_err(err)?.first().map(|p| p.0).ok_or_else(|| fail(1, text.member_no_person("-")))?;
    let member = store.member_for_patient(&cashier.actor(), pid, Utc::now()).map_err(err)?.ok_or_else(|| fail(1, text.member_no_person("-")))?.id;
    let product = config.members.loans.first().map(|p| p.name.clone()).unwrap_or_default();
    let mut loan: Option<String> = None;
    for i in 0..count {
        let now = Utc::now();
        let line = match i % 3 {
            0 => m::deposit(&mut store, config, &cashier, member, Kind::Sukarela, 10_000, &Money::Cash, now).map_err(err)?.id.to_string(),
            1 => match m::withdraw(&mut store, config, &cashier, member, 5_000, &Money::Cash, None, now) {
                Ok(Ok(e)) => e.id.to_string(),
                _ => "-".into(),
            },
            _ => {
                let number = match loan.clone() {
                    Some(n) => n,
                    None => {
                        let l = crate::ops::loans::apply(&mut store, config, &cashier, member, &product, 100_000, 12, None, now).map_err(err)?;
                        crate::ops::loans::approve(&mut store, config, &boss, &l.number, None, now).map_err(err)?.map_err(|_| fail(1, text.bad_credentials()))?;
                        crate::ops::loans::disburse(&mut store, config, &cashier, &l.number, now).map_err(err)?;
                        loan = Some(l.number.clone());
                        l.number
                    }
                };
                let p = crate::ops::loans::pay(&mut store, config, &cashier, &number, 7_000, &Money::Cash, now);
                match p {
                    Ok(p) => {
                        if p.loan.status == "paid" {
                            loan = None;
                        }
                        format!("{} {}", p.loan.number, p.amount)
                    }
                    Err(crate::store::StoreError::Member(_)) => {
                        loan = None;
                        "-".into()
                    }
                    Err(e) => return Err(err(e)),
                }
            }
        };
        out!("{i} {line}");
    }
    Ok(())
}

