//! Stock operations: receiving a supplier's delivery (every line checked by the stock rules,
//! then one transaction with the receiving slip).

use crate::config::Config;
use crate::domain::stock::{check_line, line_value, LineCheck, StockRefusal};
use crate::print::stock_docs::{receiving_job, ReceivingSlip, SlipLine};
use crate::store::receiving::{receive_in, Delivery};
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
