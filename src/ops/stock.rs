//! Stock operations: receiving a supplier's delivery (every line checked by the stock rules,
//! then one transaction with the receiving slip), and the stock count: start a sheet, save each
//! line's count, and the supervisor's approval that turns the differences into adjustments.

use crate::config::Config;
use crate::domain::stock::{check_line, line_value, LineCheck, StockRefusal};
use crate::print::stock_docs::{receiving_job, return_job, ReceivingSlip, ReturnSlip, ReturnSlipLine, SlipLine};
use crate::store::counts::{approve_count_in, record_count_in, start_count_in, CountSheet};
use crate::store::receiving::{receive_in, Delivery};
use crate::store::users::{record_pin_check, AuthFailure, User};
use crate::store::{Actor, Result, Store, StoreError};
use chrono::{DateTime, Utc};

/// What a saved delivery was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Received {
    pub id: i64,
    pub lines: usize,
    pub value: i64,
}

/// Receive a delivery: the supplier and invoice are needed, every line must pass the stock
/// rules (a quantity, a cost unless free goods, batch and expiry for drugs, not expired), then
/// the receiving, its movements, the audit entry and the receiving slip are one transaction.
pub fn receive(store: &mut Store, config: &Config, actor: &Actor, d: &Delivery, now: DateTime<Utc>) -> Result<Received> {
    let refuse = |r| Err(StoreError::Stock(r));
    if d.supplier.trim().is_empty() {
        return refuse(StockRefusal::NoSupplier);
    }
    if d.invoice_no.trim().is_empty() {
        return refuse(StockRefusal::NoInvoice);
    }
    if d.lines.is_empty() {
        return refuse(StockRefusal::Empty);
    }
    let today = config.site.zone.business_day(now);
    let mut slip_lines = Vec::with_capacity(d.lines.len());
    for l in &d.lines {
        let product = store.product(l.product_id)?.ok_or(StoreError::Sale(crate::store::sales::Refusal::UnknownProduct))?;
        let check = LineCheck {
            name: &product.name,
            is_drug: product.drug.is_some(),
            qty_milli: l.qty_milli,
            unit_cost: l.unit_cost,
            free: l.free,
            batch_no: l.batch_no.as_deref(),
            expiry: l.expiry,
        };
        if let Err(r) = check_line(&check, today) {
            return refuse(r);
        }
        slip_lines.push(SlipLine {
            name: product.name.clone(),
            qty_milli: l.qty_milli,
            unit_cost: l.unit_cost,
            free: l.free,
            batch_no: l.batch_no.clone(),
            expiry: l.expiry,
        });
    }
    let value = d.lines.iter().map(|l| line_value(l.qty_milli, l.unit_cost)).sum();
    store.write(|tx| {
        let id = receive_in(tx, actor, d, now)?;
        super::print_in(tx, config, now, || {
            let slip = ReceivingSlip {
                id,
                supplier: d.supplier.clone(),
                invoice_no: d.invoice_no.clone(),
                invoice_date: d.invoice_date,
                invoice_total: d.invoice_total,
                received_by: actor.name.clone(),
                time: now,
                lines: slip_lines.clone(),
            };
            vec![receiving_job(&config.site, &config.printer.profile, &slip)]
        })?;
        Ok(Received { id, lines: d.lines.len(), value })
    })
}

/// Start a count sheet for a section (`sembako`, `obat`, `lain`) or for every product.
pub fn start_count(store: &mut Store, actor: &Actor, section: Option<&str>, now: DateTime<Utc>) -> Result<CountSheet> {
    let id = store.write(|tx| start_count_in(tx, actor, section, now))?;
    store.count_sheet(id)?.ok_or(StoreError::Stock(StockRefusal::NoCount))
}

/// Save one line's count (a product, and its batch when it has batches).
pub fn record_count(store: &mut Store, actor: &Actor, count_id: i64, product_id: i64, batch_id: Option<i64>, counted: i64, now: DateTime<Utc>) -> Result<()> {
    store.write(|tx| record_count_in(tx, actor, count_id, product_id, batch_id, counted, now))
}

/// Who approves a count: the supervisor logged in, or a supervisor's name and PIN typed at the
/// counter's screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Approver {
    Session(User),
    Pin { name: String, pin: String },
}

/// Approve the open count: the differences go in as adjustments with the reason, in the same
/// transaction as the PIN check (a wrong PIN counts towards the lockout and writes nothing else).
pub fn approve_count(
    store: &mut Store,
    config: &Config,
    counter: &Actor,
    approver: &Approver,
    count_id: i64,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<std::result::Result<CountSheet, AuthFailure>> {
    let check = match approver {
        Approver::Pin { name, pin } => Some(store.check_pin(name, pin, now)?),
        Approver::Session(_) => None,
    };
    let security = &config.security;
    store.write(|tx| {
        let user = match (&check, approver) {
            (Some(check), _) => match record_pin_check(tx, check, "approve", security, now)? {
                Ok(u) => u,
                Err(f) => return Ok(Err(f)),
            },
            (None, Approver::Session(u)) => u.clone(),
            (None, Approver::Pin { .. }) => return Ok(Err(AuthFailure::BadCredentials)),
        };
        if !user.role.approves() {
            return Err(StoreError::Sale(crate::store::sales::Refusal::NotSupervisor));
        }
        Ok(Ok(approve_count_in(tx, counter, &user.actor(), count_id, reason, now)?))
    })
}

/// Add a product at the counter: the product rules, then one transaction (a duplicate barcode is
/// refused there). Returns it as a scan finds it, for the receiving line that follows.
pub fn add_product(store: &mut Store, actor: &Actor, f: &crate::store::products::ProductFields, now: DateTime<Utc>) -> Result<crate::store::stock::Found> {
    crate::domain::stock::check_product(&f.name, f.price, &f.section, f.generic_name.as_deref()).map_err(StoreError::Stock)?;
    let id = store.write(|tx| crate::store::products::add_product_in(tx, actor, f, now))?;
    let product = store.product(id)?.ok_or(StoreError::Sale(crate::store::sales::Refusal::UnknownProduct))?;
    store.found(product, 1000, None)
}

pub use crate::store::reorder::ReorderLine;

/// The low-stock list: products at or below their reorder level, or whose stock will not cover
/// the supplier's lead time plus the safety days at the average daily sales; by supplier, then
/// name. The settings are `sales.reorder_days`, `lead_time_days` (or `lead_times`), `safety_days`.
pub fn reorder_list(store: &Store, config: &Config, now: DateTime<Utc>) -> Result<Vec<ReorderLine>> {
    let s = &config.sales;
    let rows = store.reorder_rows(now - chrono::Duration::days(s.reorder_days))?;
    let mut out: Vec<ReorderLine> = rows
        .into_iter()
        .filter_map(|r| {
            let lead = s.lead_time(r.supplier.as_deref());
            let level = r.product.reorder_level.unwrap_or(s.low_stock_units * 1000);
            let mut suggested = crate::domain::stock::suggested_order(r.sold, s.reorder_days, lead, s.safety_days, r.on_hand, r.product.by_piece());
            if suggested == 0 && r.on_hand <= level && r.sold > 0 {
                // At the reorder level with sales: at least back above it.
                suggested = crate::domain::stock::suggested_order(level + 1 - r.on_hand.max(0), 1, 1, 0, 0, r.product.by_piece());
            }
            (suggested > 0 || r.on_hand <= level).then(|| ReorderLine {
                product_id: r.product.id,
                name: r.product.name.clone(),
                unit: r.product.unit.clone(),
                on_hand: r.on_hand,
                daily: r.sold / s.reorder_days.max(1),
                suggested,
                supplier: r.supplier,
                lead_days: lead,
            })
        })
        .collect();
    out.sort_by(|a, b| a.supplier.is_none().cmp(&b.supplier.is_none()).then(a.supplier.cmp(&b.supplier)).then(a.name.cmp(&b.name)));
    Ok(out)
}

/// Print a purchase order per supplier for the suggested quantities; returns how many orders
/// (none without a printer).
pub fn print_purchase_orders(store: &mut Store, config: &Config, actor: &Actor, now: DateTime<Utc>) -> Result<usize> {
    let list = reorder_list(store, config, now)?;
    let mut by_supplier: Vec<(Option<String>, Vec<ReorderLine>)> = Vec::new();
    for l in list.into_iter().filter(|l| l.suggested > 0) {
        match by_supplier.iter_mut().find(|(s, _)| *s == l.supplier) {
            Some((_, v)) => v.push(l),
            None => by_supplier.push((l.supplier.clone(), vec![l])),
        }
    }
    if by_supplier.is_empty() || !config.printer.configured() {
        return Ok(0);
    }
    let n = by_supplier.len();
    store.write(|tx| {
        super::print_in(tx, config, now, || {
            by_supplier
                .iter()
                .map(|(s, lines)| {
                    let rows: Vec<(String, i64, String)> = lines.iter().map(|l| (l.name.clone(), l.suggested, l.unit.clone())).collect();
                    crate::print::stock_docs::purchase_order_job(&config.site, &config.printer.profile, s.as_deref(), &rows, now)
                })
                .collect()
        })?;
        crate::store::audit::append(tx, actor, "purchase-order", "products", None, &format!("{n} purchase orders"), now)
    })?;
    Ok(n)
}

/// Send goods back to a supplier: every line a positive quantity within the batch's stock, then
/// one transaction (the return, its movements, the audit entry, the return note).
pub fn return_to_supplier(
    store: &mut Store,
    config: &Config,
    actor: &Actor,
    supplier: &str,
    reason: crate::store::supplier_returns::ReturnReason,
    lines: &[crate::store::supplier_returns::ReturnLine],
    now: DateTime<Utc>,
) -> Result<i64> {
    if supplier.trim().is_empty() {
        return Err(StoreError::Stock(StockRefusal::NoSupplier));
    }
    let slip_lines = return_slip_lines(store, lines)?;
    store.write(|tx| {
        let id = crate::store::supplier_returns::return_to_supplier_in(tx, actor, supplier.trim(), reason, lines, now)?;
        print_return(tx, config, actor, id, supplier.trim(), reason, &slip_lines, now)?;
        Ok(id)
    })
}

/// What the return note shows of each line: the product's name and unit, the batch and expiry.
fn return_slip_lines(store: &Store, lines: &[crate::store::supplier_returns::ReturnLine]) -> Result<Vec<ReturnSlipLine>> {
    let mut out = Vec::with_capacity(lines.len());
    for l in lines {
        let product = store.product(l.product_id)?.ok_or(StoreError::Sale(crate::store::sales::Refusal::UnknownProduct))?;
        let batch = store.batch_stock(l.product_id)?.into_iter().find(|b| b.batch_id == l.batch_id && l.batch_id.is_some());
        out.push(ReturnSlipLine {
            name: product.name,
            unit: product.unit,
            qty_milli: l.qty_milli,
            batch_no: batch.as_ref().and_then(|b| b.batch_no.clone()),
            expiry: batch.and_then(|b| b.expiry),
        });
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
fn print_return(
    tx: &crate::store::Tx,
    config: &Config,
    actor: &Actor,
    id: i64,
    supplier: &str,
    reason: crate::store::supplier_returns::ReturnReason,
    lines: &[ReturnSlipLine],
    now: DateTime<Utc>,
) -> Result<()> {
    super::print_in(tx, config, now, || {
        let slip = ReturnSlip { id, supplier: supplier.to_string(), reason, returned_by: actor.name.clone(), time: now, lines: lines.to_vec() };
        vec![return_job(&config.site, &config.printer.profile, &slip)]
    })
}

/// Send every expired batch still holding stock back to the supplier it came from, one return
/// per supplier, all in one transaction; batches with no recorded supplier stay (write them off).
/// Returns (returns, lines).
pub fn return_expired(store: &mut Store, config: &Config, actor: &Actor, now: DateTime<Utc>) -> Result<(usize, usize)> {
    use crate::store::supplier_returns::{return_to_supplier_in, ReturnLine, ReturnReason};
    let today = config.site.zone.business_day(now);
    let mut by_supplier: Vec<(String, Vec<ReturnLine>)> = Vec::new();
    for b in store.expired_batches(today)? {
        let Some(s) = b.supplier else { continue };
        let line = ReturnLine { product_id: b.product_id, batch_id: Some(b.batch_id), qty_milli: b.on_hand };
        match by_supplier.iter_mut().find(|(x, _)| *x == s) {
            Some((_, v)) => v.push(line),
            None => by_supplier.push((s, vec![line])),
        }
    }
    if by_supplier.is_empty() {
        return Ok((0, 0));
    }
    let lines = by_supplier.iter().map(|(_, v)| v.len()).sum();
    let mut slips = Vec::with_capacity(by_supplier.len());
    for (_, v) in &by_supplier {
        slips.push(return_slip_lines(store, v)?);
    }
    store.write(|tx| {
        for ((s, v), slip) in by_supplier.iter().zip(&slips) {
            let id = return_to_supplier_in(tx, actor, s, ReturnReason::Expired, v, now)?;
            print_return(tx, config, actor, id, s, ReturnReason::Expired, slip, now)?;
        }
        Ok(())
    })?;
    Ok((by_supplier.len(), lines))
}
