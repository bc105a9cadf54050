//! Sales at the counter: a scan, committing a paid sale with its receipt and drug labels, a void
//! or return approved by a supervisor's PIN in the same transaction, parking and resuming.

use super::print_in;
use crate::config::Config;
use crate::domain::fefo;
use crate::domain::user::Role;
use crate::store::returns::Refund;
use crate::store::sales::{CommittedSale, Member, NewSale, Refusal, SaleRules};
use crate::store::stock::{Found, ScanError};
use crate::store::users::{record_pin_check, AuthFailure, User};
use crate::store::{Actor, Result, Store, StoreError};
use chrono::{DateTime, Utc};

/// The rules a sale is checked with, from the site's settings and the seller's role.
pub fn rules(config: &Config, seller: &User) -> SaleRules {
    let s = &config.sales;
    SaleRules {
        charges_vat: s.charges_vat,
        fefo: fefo::Rules { warn_days: s.expiring_days, block_near_expiry: s.block_near_expiry, allow_negative: false },
        credit_limit: s.member_credit_limit,
        policy: s.drug_policy.clone(),
        pharmacist: seller.role == Role::Pharmacy,
        rounding: s.cash_rounding,
        discounts: s.discounts.clone(),
        seller_role: seller.role,
    }
}

/// What a scanned code is (see `Store::scan`).
pub fn scan(store: &Store, config: &Config, code: &str) -> Result<std::result::Result<Found, ScanError>> {
    store.scan(code, &config.sales.weighed)
}

/// Commit a paid sale in the seller's open shift; the receipt and drug labels are stored in the
/// same transaction. `sale.shift_id` is filled here.
pub fn commit(store: &mut Store, config: &Config, seller: &User, sale: &NewSale, now: DateTime<Utc>) -> Result<CommittedSale> {
    let shift = store.open_shift(seller.id)?.ok_or(StoreError::NoOpenShift)?;
    let sale = NewSale { shift_id: Some(shift.id), ..sale.clone() };
    let rules = rules(config, seller);
    let actor = seller.actor();
    let name = if seller.full_name.is_empty() { seller.name.clone() } else { seller.full_name.clone() };
    store.write(|tx| {
        let committed = crate::store::sale_commit::commit_sale_in(tx, &actor, &sale, &rules, now)?;
        print_in(tx, config, now, || crate::print::sale_jobs::sale_jobs(config, &committed, &name))?;
        Ok(committed)
    })
}

/// What a void or return asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoidRequest {
    pub number: String,
    /// A return of part of one line: (line number, quantity in milli-units); None voids the sale.
    pub line: Option<(i64, i64)>,
    pub supervisor: String,
    pub pin: String,
    pub reason: String,
}

/// Void a sale or return part of a line. The supervisor's PIN is checked and recorded ("approve")
/// in the same transaction as the void, whose audit entry names the approver, and the refund slip
/// for the customer is stored with it. A wrong PIN is counted towards the approver's lockout and
/// nothing else is written.
pub fn void_or_return(store: &mut Store, config: &Config, cashier: &User, req: &VoidRequest, now: DateTime<Utc>) -> Result<std::result::Result<Refund, AuthFailure>> {
    let check = store.check_pin(&req.supervisor, &req.pin, now)?;
    // Cash handed back leaves this cashier's drawer: it belongs to their open shift.
    let shift_id = store.open_shift(cashier.id)?.map(|s| s.id);
    let actor = cashier.actor();
    let security = &config.security;
    let outcome = store.write(|tx| {
        let approver = match record_pin_check(tx, &check, "approve", security, now)? {
            Ok(u) => u,
            Err(f) => return Ok(Err(f)),
        };
        if !approver.role.approves() {
            return Ok(Ok(Err(Refusal::NotSupervisor)));
        }
        let refund = crate::store::returns::void_or_return_in(tx, &actor, &approver, &req.number, req.line, &req.reason, shift_id, now)?;
        print_in(tx, config, now, || vec![crate::print::jobs::refund_slip(config, &refund)])?;
        Ok(Ok(Ok(refund)))
    })?;
    match outcome {
        Err(f) => Ok(Err(f)),
        Ok(Err(refusal)) => Err(StoreError::Sale(refusal)),
        Ok(Ok(refund)) => Ok(Ok(refund)),
    }
}

/// Print a dynamic QRIS code for the amount due (when the site's static payload is set).
pub fn print_qris(store: &mut Store, config: &Config, cashier: &User, amount: i64, now: DateTime<Utc>) -> Result<Option<i64>> {
    let Some(payload) = config.sales.qris_payload.as_deref() else { return Ok(None) };
    let Ok(dynamic) = crate::domain::qris::dynamic(payload, amount) else { return Ok(None) };
    let job = crate::print::sale_jobs::qris_slip(config, &dynamic, amount);
    store.enqueue_print(&cashier.actor(), &job, now).map(Some)
}

/// A cart line to park: (product id, quantity in milli-units, fixed amount of a weighed code).
pub type ParkedLine = (i64, i64, Option<i64>);

/// Park a sale in progress (the customer fetches something): its lines and member, named by the
/// member and the first product so the cashier finds it again.
pub fn park(store: &mut Store, cashier: &User, lines: &[ParkedLine], first_product: &str, member: Option<&Member>, now: DateTime<Utc>) -> Result<i64> {
    let label = match member {
        Some(m) => format!("{} - {first_product}", m.name),
        None => first_product.to_string(),
    };
    store.park_sale(&cashier.actor(), &label, member.map(|m| m.id), lines, now)
}

/// Take a parked sale back: its products as they are now (price, stock) and its member.
pub fn resume(store: &mut Store, cashier: &User, id: i64, now: DateTime<Utc>) -> Result<(Vec<Found>, Option<Member>)> {
    let parked = store.resume_parked(&cashier.actor(), id, now)?;
    let member = match parked.member_id {
        Some(m) => store.member(m)?,
        None => None,
    };
    let mut items = Vec::new();
    for (pid, qty, fixed) in parked.lines {
        if let Some(p) = store.product(pid)? {
            items.push(store.found(p, qty, fixed)?);
        }
    }
    Ok((items, member))
}

/// Print a sale's receipt again as a copy (SALINAN, never opening the drawer). None when the sale
/// has no stored receipt (it was sold with no printer configured).
pub fn reprint_receipt(store: &mut Store, config: &Config, actor: &Actor, sale_id: i64, now: DateTime<Utc>) -> Result<Option<i64>> {
    let original = store
        .print_jobs_for("sales", sale_id)?
        .into_iter()
        .find(|j| j.kind == Some(crate::domain::printing::DocKind::Receipt) && j.reprint_of.is_none());
    match original {
        Some(job) => super::printing::reprint(store, config, actor, job.id, now).map(Some),
        None => Ok(None),
    }
}

/// A supervisor approves a discount or price change at the counter: the PIN is checked and the
/// approval recorded (with what it is for) in one transaction; a wrong PIN counts towards the
/// supervisor's lockout. The sale that carries the discount records the approver when it is
/// committed. Returns the approver's user id.
pub fn approve_discount(store: &mut Store, config: &Config, cashier: &User, supervisor: &str, pin: &str, what: &str, now: DateTime<Utc>) -> Result<std::result::Result<i64, AuthFailure>> {
    let check = store.check_pin(supervisor, pin, now)?;
    let actor = cashier.actor();
    let security = &config.security;
    let outcome = store.write(|tx| {
        let approver = match record_pin_check(tx, &check, "approve", security, now)? {
            Ok(u) => u,
            Err(f) => return Ok(Err(f)),
        };
        if !approver.role.approves() {
            return Ok(Ok(Err(Refusal::NotSupervisor)));
        }
        crate::store::audit::append(tx, &actor, "approve-discount", "users", Some(approver.id), &format!("{what} approved by {}", approver.name), now)?;
        Ok(Ok(Ok(approver.id)))
    })?;
    match outcome {
        Err(f) => Ok(Err(f)),
        Ok(Err(refusal)) => Err(StoreError::Sale(refusal)),
        Ok(Ok(id)) => Ok(Ok(id)),
    }
}
