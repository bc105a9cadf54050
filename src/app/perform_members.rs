//! Carrying out the members screen's operations: reads from the store, every change through
//! `ops::members` and `ops::loans` (one transaction each, with its slip).

use super::{App, Msg};
use crate::domain::savings::Kind;
use crate::ops::members::Approval;
use crate::screens::members::{MemberDetail, MembersMsg, MembersOp, MoneyKind};
use crate::store::members::Money;
use crate::store::{Store, StoreError};

/// What the screen shows of a member.
fn detail(store: &Store, config: &crate::config::Config, id: i64, now: chrono::DateTime<chrono::Utc>) -> Result<MemberDetail, StoreError> {
    let card = store.member_card(id)?.ok_or(StoreError::Member(crate::store::members::MemberRefusal::NoSuchMember(id.to_string())))?;
    let day = config.site.zone.business_day(now);
    let wajib_owed = card.joined_on.map_or(0, |j| crate::domain::savings::wajib_months_owed(j, day, card.wajib_paid, config.members.wajib));
    let mut loans = Vec::new();
    for l in store.loans_of(id)? {
        let standing = store.loan_standing(l.id)?;
        let left = if l.status == "paid" { 0 } else { standing.iter().map(|s| s.line.principal - s.paid.principal).sum() };
        let next = standing.iter().find(|s| !s.is_paid()).map(|s| (s.line.due, s.owed(day, l.late_fee).total()));
        loans.push((l, left, next));
    }
    let mut recent = store.savings_entries(id, chrono::NaiveDate::MIN, chrono::NaiveDate::MAX)?;
    recent.reverse();
    recent.truncate(8);
    let (_, repaid) = store.member_credit(id)?;
    let repayments = repaid.into_iter().rev().take(3).map(|(d, a, _)| (d, a)).collect();
    Ok(MemberDetail { card, wajib_owed, loans, recent, repayments })
}

impl App {
    pub(super) fn perform_members(&mut self, op: MembersOp) -> Option<Msg> {
        let now = self.state.now;
        let text = self.state.text;
        let user = self.state.session.clone()?;
        let config = &self.state.config;
        let store = &mut self.store;
        let reply = |m: MembersMsg| Some(Msg::Members(Box::new(m)));
        let failed = |e: StoreError| reply(MembersMsg::Failed(text.store_error(&e)));
        match op {
            MembersOp::Find(q) => {
                let found = match store.find_member(&q) {
                    Ok(Some(c)) => Ok(vec![c]),
                    Ok(None) => store.members_named(&q, 50),
                    Err(e) => Err(e),
                };
                match found {
                    Ok(list) => reply(MembersMsg::Found(list)),
                    Err(e) => failed(e),
                }
            }
            MembersOp::Open(id) => match detail(store, config, id, now) {
                Ok(d) => reply(MembersMsg::Detail(Box::new(d))),
                Err(e) => failed(e),
            },
            MembersOp::ShowStatement(id) => {
                let day = config.site.zone.business_day(now);
                let start = chrono::NaiveDate::from_ymd_opt(chrono::Datelike::year(&day), 1, 1).unwrap_or(day);
                match store.statement(id, start, day) {
                    Ok(st) => {
                        let owed = st.card.joined_on.map_or(0, |j| crate::domain::savings::wajib_months_owed(j, day, st.card.wajib_paid, config.members.wajib));
                        reply(MembersMsg::Statement(crate::member_report::statement_text(&text, &st, owed)))
                    }
                    Err(e) => failed(e),
                }
            }
            MembersOp::Register(code) => match store.patient_for_sale(&code) {
                Ok(Some((pid, _, _))) => match crate::ops::members::register(store, config, &user, pid, "", "", &Money::Cash, now) {
                    Ok((card, _)) => reply(MembersMsg::Done(text.member_registered(&card.member_no, &card.name), card.id)),
                    Err(e) => failed(e),
                },
                Ok(None) => reply(MembersMsg::Failed(text.member_no_person(&code))),
                Err(e) => failed(e),
            },
            MembersOp::ApplyLoan { member_id, product, amount, months } => match crate::ops::loans::apply(store, config, &user, member_id, &product, amount, months, None, now) {
                Ok(loan) => reply(MembersMsg::Done(text.loan_applied(&loan.number), member_id)),
                Err(e) => failed(e),
            },
            MembersOp::ApproveLoan { member_id, number, approval } => {
                let approval = Approval { name: approval.0, pin: approval.1 };
                match crate::ops::loans::approve(store, config, &user, &number, Some(&approval), now) {
                    Ok(Ok(l)) => reply(MembersMsg::Done(format!("{} {}", l.number, text.loan_status(&l.status)), member_id)),
                    Ok(Err(f)) => reply(MembersMsg::Failed(super::update::failure_message(&self.state, &f))),
                    Err(e) => failed(e),
                }
            }
            MembersOp::DisburseLoan { member_id, number } => match crate::ops::loans::disburse(store, config, &user, &number, now) {
                Ok((l, _)) => reply(MembersMsg::Done(format!("{} {}: {}", l.number, text.loan_handed_over_label(), crate::domain::money::format_rupiah(l.terms.principal - l.admin_fee)), member_id)),
                Err(e) => failed(e),
            },
            MembersOp::Correct { member_id, entry, reason, approval } => {
                let approval = Approval { name: approval.0, pin: approval.1 };
                match crate::ops::members::reverse(store, config, &user, entry, &approval, &reason, now) {
                    Ok(Ok(e)) => reply(MembersMsg::Done(text.savings_done(e.id, text.savings_kind(e.kind), &crate::domain::money::format_rupiah(e.balance_after)), member_id)),
                    Ok(Err(f)) => reply(MembersMsg::Failed(super::update::failure_message(&self.state, &f))),
                    Err(e) => failed(e),
                }
            }
            MembersOp::PrintStatement(id) => {
                let day = config.site.zone.business_day(now);
                let start = chrono::NaiveDate::from_ymd_opt(chrono::Datelike::year(&day), 1, 1).unwrap_or(day);
                match crate::ops::members::print_statement(store, config, &user, id, start, day, now) {
                    Ok(_) => Some(Msg::Members(Box::new(MembersMsg::Done(text.members_statement_printed().into(), id)))),
                    Err(e) => failed(e),
                }
            }
            MembersOp::Money { member_id, kind, amount, loan, approval, qris } => {
                let rp = crate::domain::money::format_rupiah;
                let money = match qris {
                    Some(reference) => Money::Qris(reference),
                    None => Money::Cash,
                };
                let approval = approval.map(|(name, pin)| Approval { name, pin });
                let done = match kind {
                    MoneyKind::Wajib | MoneyKind::Sukarela => {
                        let k = if kind == MoneyKind::Wajib { Kind::Wajib } else { Kind::Sukarela };
                        crate::ops::members::deposit(store, config, &user, member_id, k, amount, &money, now)
                            .map(|e| Ok(text.savings_done(e.id, text.savings_kind(k), &rp(e.balance_after))))
                    }
                    MoneyKind::Withdraw => crate::ops::members::withdraw(store, config, &user, member_id, amount, &Money::Cash, approval.as_ref(), now)
                        .map(|r| r.map(|e| text.savings_done(e.id, text.savings_kind(Kind::Sukarela), &rp(e.balance_after)))),
                    MoneyKind::Repay => crate::ops::members::repay_credit(store, config, &user, member_id, amount, &money, now)
                        .map(|c| Ok(format!("{}: {}", text.credit_owed_label(), rp(c.credit_owed)))),
                    MoneyKind::Installment => match loan {
                        Some(number) => crate::ops::loans::pay(store, config, &user, &number, amount, &money, now)
                            .map(|p| Ok(format!("{} {}: {} {}", p.loan.number, rp(p.amount), text.principal_left_label(), rp(p.principal_left)))),
                        None => return reply(MembersMsg::Failed(text.members_no_loan().into())),
                    },
                };
                match done {
                    Ok(Ok(message)) => reply(MembersMsg::Done(message, member_id)),
                    Ok(Err(f)) => reply(MembersMsg::Failed(super::update::failure_message(&self.state, &f))),
                    Err(e) => failed(e),
                }
            }
        }
    }
}
