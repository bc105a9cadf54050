//! Committing a paid sale: every line priced and checked against the store as it is now (drug
//! rules, stock by batch first-expiry-first-out, discounts against the site's rules), then the
//! sale, its lines, adjustments, stock movements, payments and audit entry, inside the caller's
//! transaction (`ops::sales::commit` adds the receipt and labels to it).

use super::audit::{append, Actor};
use super::sales::{member_by, next_number, refuse, Adjusted, CommittedSale, NewSale, Refusal, SaleRules, SoldLine};
use super::stock::{batch_stock, product_by_id};
use super::{ts, Result, StoreError};
use crate::domain::cart::{self, Priced, TaxCategory};
use crate::domain::discount::{self, Change, DiscountError};
use crate::domain::fefo;
use chrono::{DateTime, Utc};
use rusqlite::{params, Transaction};

/// Check and write a paid sale, whole, inside the caller's transaction: any refusal rolls
/// everything back.
pub fn commit_sale_in(tx: &Transaction, actor: &Actor, sale: &NewSale, rules: &SaleRules, now: DateTime<Utc>) -> Result<CommittedSale> {
    let Some(user_id) = actor.id else { return refuse(Refusal::NoCashier) };
    if sale.lines.is_empty() {
        return refuse(Refusal::Empty);
    }
    let today = sale.business_day;
    let member = match sale.member_id {
        Some(id) => member_by(tx, "m.id = ?1", &id)?,
        None => None,
    };
    // Price and check every line against the store as it is now.
    let mut sold = Vec::with_capacity(sale.lines.len());
    let mut priced = Vec::with_capacity(sale.lines.len());
    for (i, l) in sale.lines.iter().enumerate() {
        let Some(product) = product_by_id(tx, l.product_id)? else { return refuse(Refusal::UnknownProduct) };
        let batches = batch_stock(tx, product.id)?;
        let fefo_rules = fefo::Rules { allow_negative: product.allow_negative, ..rules.fefo };
        let facts = product.line_facts(l.fixed_amount);
        let checked = cart::check_line(facts, l.qty_milli, &rules.policy, rules.pharmacist, l.prescription.is_some(), &batches, l.qty_milli, today, fefo_rules);
        let picked = match checked {
            Ok(p) => p,
            Err(cart::LineRefusal::Inactive) => return refuse(Refusal::Inactive(product.name)),
            Err(cart::LineRefusal::Quantity(e)) => return refuse(Refusal::Quantity(product.name, e)),
            Err(cart::LineRefusal::Drug(class, verdict)) => return refuse(Refusal::Drug { name: product.name, class, verdict }),
            Err(cart::LineRefusal::OutOfStock { available, expired }) => return refuse(Refusal::OutOfStock { name: product.name, available, expired }),
        };
        let mut p = Priced {
            qty_milli: l.qty_milli,
            price: product.price,
            member_price: product.member_price,
            fixed_amount: l.fixed_amount,
            tax: TaxCategory::parse(&product.tax_category).unwrap_or(TaxCategory::Standard),
            discount: 0,
        };
        let unit_price = cart::unit_price(&p, member.is_some());
        if let Some(adj) = &l.change {
            p.discount = check_adjusted(adj, &product.name, rules, |c| discount::line_off(c, cart::gross_amount(&p, member.is_some()), l.qty_milli, unit_price))?;
        }
        let amount = cart::amount(&p, member.is_some());
        let line_discount = p.discount;
        priced.push(p);
        sold.push(SoldLine { line_no: i as i64 + 1, product, qty_milli: l.qty_milli, unit_price, amount, discount: line_discount, takes: picked.takes, prescription: l.prescription.clone() });
    }
    let goods: i64 = priced.iter().map(|p| cart::amount(p, member.is_some())).sum();
    let sale_discount = match &sale.discount {
        Some(adj) if matches!(adj.change, Change::Discount(_)) => check_adjusted(adj, "", rules, |c| match c {
            Change::Discount(off) => discount::off_amount(*off, goods),
            Change::Price(_) => Err(DiscountError::Unreadable),
        })?,
        Some(_) => return refuse(Refusal::Discount(String::new(), DiscountError::Unreadable)),
        None => 0,
    };
    let totals = cart::totals_after(&priced, member.is_some(), rules.charges_vat, sale_discount);
    let credit_available = member.as_ref().map(|m| m.credit_limit.unwrap_or(rules.credit_limit) - m.credit_used);
    let settlement = cart::settle_rounded(totals.total, &sale.tenders, credit_available, rules.rounding).map_err(|e| StoreError::Sale(Refusal::Payment(e)))?;
    let total = totals.total + settlement.rounding;
    let number = next_number(tx, today)?;
    tx.prepare_cached(
        "INSERT INTO sales(number, business_day, at, user_id, shift_id, member_id, patient_id, total, vat, change_given, line_count)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![number, today.to_string(), ts(now), user_id, sale.shift_id, member.as_ref().map(|m| m.id), sale.patient_id, total, totals.vat, settlement.change, sold.len() as i64])?;
    let sale_id = tx.last_insert_rowid();
    if settlement.rounding != 0 {
        tx.prepare_cached("INSERT INTO sale_adjustments(sale_id, kind, amount, shift_id) VALUES (?1, 'rounding', ?2, ?3)")?
            .execute(params![sale_id, settlement.rounding, sale.shift_id])?;
    }
    if let (Some(adj), true) = (&sale.discount, sale_discount != 0) {
        tx.prepare_cached("INSERT INTO sale_adjustments(sale_id, kind, amount, reason, approved_by, shift_id) VALUES (?1, 'discount', ?2, ?3, ?4, ?5)")?
            .execute(params![sale_id, -sale_discount, adj.reason.trim(), adj.approved_by, sale.shift_id])?;
    }
    for (l, new) in sold.iter().zip(&sale.lines) {
        let change = new.change.as_ref();
        let prescription_id = match &l.prescription {
            Some(rx) => {
                tx.prepare_cached(
                    "INSERT INTO prescriptions(prescriber, written_on, number, patient_name, directions, patient_id, recorded_at, user_id, prescriber_sip)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )?
                .execute(params![rx.prescriber, rx.written_on.to_string(), rx.number, rx.patient, rx.directions, rx.patient_id, ts(now), user_id, rx.prescriber_sip])?;
                Some(tx.last_insert_rowid())
            }
            None => None,
        };
        tx.prepare_cached(
            "INSERT INTO sale_lines(sale_id, line_no, product_id, name, qty_milli, unit_price, amount, tax_category, member_price, prescription_id,
                                    discount, discount_reason, discount_approved_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            sale_id,
            l.line_no,
            l.product.id,
            l.product.name,
            l.qty_milli,
            l.unit_price,
            l.amount,
            l.product.tax_category,
            (member.is_some() && l.product.member_price.is_some()) as i64,
            prescription_id,
            l.discount,
            change.map(|c| c.reason.trim().to_string()),
            change.and_then(|c| c.approved_by)
        ])?;
        let line_id = tx.last_insert_rowid();
        for t in &l.takes {
            tx.prepare_cached(
                "INSERT INTO stock_movements(product_id, batch_id, kind, qty_milli, at, user_id, sale_id, sale_line_id, shift_id)
                 VALUES (?1, ?2, 'sale', ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![l.product.id, t.batch_id, -t.qty_milli, ts(now), user_id, sale_id, line_id, sale.shift_id])?;
        }
    }
    for (t, counts) in &settlement.applied {
        tx.prepare_cached(
            "INSERT INTO payments(sale_id, method, amount, tendered, reference, at, user_id, shift_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![sale_id, t.method.code(), counts, t.amount, t.reference, ts(now), user_id, sale.shift_id])?;
    }
    append(tx, actor, "sell", "sales", Some(sale_id), &format!("{number}: {} lines, total {total}", sold.len()), now)?;
    let committed = CommittedSale {
        id: sale_id,
        number,
        at: now,
        cashier: actor.name.clone(),
        lines: sold,
        total,
        rounding: settlement.rounding,
        discount: sale_discount,
        vat: totals.vat,
        vat_base: totals.vat_base,
        change: settlement.change,
        payments: settlement.applied,
        member,
    };
    Ok(committed)
}

/// Check a discount or price change against the rules: readable, with a reason, not above what it
/// is taken from, and approved where the rules ask for it. Returns what it takes off.
fn check_adjusted(adj: &Adjusted, name: &str, rules: &SaleRules, off: impl Fn(&Change) -> std::result::Result<i64, DiscountError>) -> Result<i64> {
    if adj.reason.trim().chars().count() < 3 {
        return refuse(Refusal::Discount(name.to_string(), DiscountError::MissingReason));
    }
    let off = off(&adj.change).map_err(|e| StoreError::Sale(Refusal::Discount(name.to_string(), e)))?;
    if adj.approved_by.is_none() && rules.discounts.needs_approval(&adj.change, rules.seller_role, off) {
        return refuse(Refusal::NeedsApproval(name.to_string()));
    }
    Ok(off)
}
