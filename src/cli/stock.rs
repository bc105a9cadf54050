//! `loket stock receive|report|writeoff|return`: stock from the shell, for the storekeeper and
//! scripts.

use super::common::{authenticate_as, fail, open_store, store_fail, CliResult, Ctx};
use super::users::{authorise_role, AsUser};
use crate::domain::money::format_milli;
use crate::store::stock::ReceiveLine;
use crate::store::OpenMode;
use chrono::Utc;
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub(super) enum StockCommand {
    /// Record goods received: each LINE is BARCODE:QTY:UNIT_COST[:BATCH:EXPIRY(YYYY-MM-DD)]
    Receive {
        #[arg(long)]
        supplier: String,
        #[arg(long)]
        invoice: String,
        /// The user receiving (cashier, pharmacy or admin)
        #[arg(long = "as")]
        as_user: String,
        /// That user's PIN (or LOKET_AS_PIN)
        #[arg(long, env = "LOKET_AS_PIN", hide_env_values = true)]
        as_pin: Option<String>,
        #[arg(required = true)]
        lines: Vec<String>,
    },
    /// Stock reports: onhand, low, expiring, or card BARCODE (every movement with the balance)
    Report { kind: String, barcode: Option<String> },
    /// Write off every expired batch still holding stock (pharmacy or admin)
    Writeoff {
        #[command(flatten)]
        by: AsUser,
    },
    /// Send goods back to a supplier: each LINE is BARCODE:QTY or BARCODE:QTY:BATCH; prints the
    /// return note (cashier, pharmacy, supervisor or admin)
    Return {
        #[arg(long)]
        supplier: String,
        /// damaged or expired
        #[arg(long, default_value = "damaged")]
        reason: String,
        #[command(flatten)]
        by: AsUser,
        #[arg(required = true)]
        lines: Vec<String>,
    },
}

pub(super) fn stock_command(ctx: &Ctx, cmd: StockCommand) -> CliResult {
    let (config, text) = (&ctx.config, &ctx.text);
    let now = Utc::now();
    let today = config.site.zone.business_day(now);
    let err = store_fail(text);
    match cmd {
        StockCommand::Receive { supplier, invoice, as_user, as_pin, lines } => {
            let mut store = open_store(ctx, OpenMode::Existing)?;
            let user = match authenticate_as(ctx, &mut store, &as_user, as_pin.as_deref())? {
                Ok(u) if u.role != crate::domain::user::Role::Clerk => u,
                Ok(_) => return Err(fail(1, text.receive_role())),
                Err(_) => return Err(fail(1, text.bad_credentials())),
            };
            let mut parsed = Vec::new();
            for l in &lines {
                let parts: Vec<&str> = l.split(':').collect();
                let bad = || fail(2, text.receive_bad_line(l));
                if parts.len() != 3 && parts.len() != 5 {
                    return Err(bad());
                }
                let product = store.product_by_barcode(parts[0]).map_err(err)?.ok_or_else(|| fail(2, text.sale_unknown_code(parts[0])))?;
                let qty = crate::domain::cart::parse_qty(parts[1]).filter(|q| *q > 0).ok_or_else(bad)?;
                // Free goods (a supplier's bonus) are written `bonus` or `free` for the cost.
                let free = matches!(parts[2].to_lowercase().as_str(), "bonus" | "free");
                let cost = if free { 0 } else { crate::domain::money::parse_rupiah(parts[2]).filter(|c| *c >= 0).ok_or_else(bad)? };
                let (batch_no, expiry) = if parts.len() == 5 {
                    (Some(parts[3].to_string()), Some(parts[4].parse().map_err(|_| bad())?))
                } else {
                    (None, None)
                };
                parsed.push(ReceiveLine { product_id: product.id, batch_no, expiry, qty_milli: qty, unit_cost: cost, free });
            }
            let delivery = crate::store::receiving::Delivery { supplier, invoice_no: invoice, invoice_date: None, invoice_total: None, lines: parsed };
            let got = crate::ops::stock::receive(&mut store, config, &user.actor(), &delivery, now).map_err(err)?;
            out!("{}", text.received(got.id, got.lines));
            Ok(())
        }
        StockCommand::Report { kind, barcode } => {
            let store = open_store(ctx, OpenMode::ReadOnly)?;
            match (kind.as_str(), barcode) {
                ("onhand" | "low", _) => {
                    let rows = if kind == "low" { store.low_stock(config.sales.low_stock_units * 1000).map_err(err)? } else { store.stock_on_hand_all().map_err(err)? };
                    for r in rows {
                        out!("{:<14} {:<40} {:>12} {}", r.product.barcode.clone().unwrap_or_default(), r.product.name, format_milli(r.on_hand), r.product.unit);
                    }
                }
                ("expiring", _) => {
                    for e in store.expiring(today, config.sales.expiring_days).map_err(err)? {
                        let mark = if e.expiry <= today { text.expired_mark() } else { "" };
                        out!("{} {:<36} {:<12} {:>8} {mark}", e.expiry.format("%d-%m-%Y"), e.product, e.batch_no, format_milli(e.on_hand));
                    }
                }
                ("card", Some(code)) => {
                    let p = store.product_by_barcode(&code).map_err(err)?.ok_or_else(|| fail(2, text.sale_unknown_code(&code)))?;
                    out!("{} ({})", p.name, p.unit);
                    for r in store.stock_card(p.id).map_err(err)? {
                        let when = config.site.zone.local(r.at).format("%d-%m-%Y %H:%M");
                        out!("{when} {:<10} {:>10} {:>10} {:<12} {} {}", text.movement_kind(&r.kind), format_milli(r.qty_milli), format_milli(r.balance), r.batch_no.unwrap_or_default(), r.reference, r.user);
                    }
                }
                _ => return Err(fail(2, text.report_kinds())),
            }
            Ok(())
        }
        StockCommand::Return { supplier, reason, by, lines } => {
            use crate::store::supplier_returns::{ReturnLine, ReturnReason};
            let reason = match reason.as_str() {
                "damaged" | "rusak" => ReturnReason::Damaged,
                "expired" | "kedaluwarsa" => ReturnReason::Expired,
                _ => return Err(fail(2, text.return_bad_reason())),
            };
            let mut store = open_store(ctx, OpenMode::Existing)?;
            use crate::domain::user::Role;
            let actor = authorise_role(ctx, &mut store, &by, &[Role::Cashier, Role::Pharmacy, Role::Supervisor])?;
            let mut parsed = Vec::new();
            for l in &lines {
                let parts: Vec<&str> = l.split(':').collect();
                let bad = || fail(2, text.return_bad_line(l));
                if parts.len() != 2 && parts.len() != 3 {
                    return Err(bad());
                }
                let product = store.product_by_barcode(parts[0]).map_err(err)?.ok_or_else(|| fail(2, text.sale_unknown_code(parts[0])))?;
                let qty = crate::domain::cart::parse_qty(parts[1]).filter(|q| *q > 0).ok_or_else(bad)?;
                // The batch: the one named, or the only one holding stock; none for goods kept
                // without batches.
                let held: Vec<_> = store.batch_stock(product.id).map_err(err)?.into_iter().filter(|b| b.on_hand > 0).collect();
                let batch_id = match (parts.get(2), held.as_slice()) {
                    (Some(name), _) => held.iter().find(|b| b.batch_no.as_deref() == Some(*name)).map(|b| b.batch_id).ok_or_else(|| fail(2, text.return_unknown_batch(&product.name, name)))?,
                    (None, [only]) => only.batch_id,
                    (None, []) => None,
                    (None, many) => {
                        let names: Vec<&str> = many.iter().filter_map(|b| b.batch_no.as_deref()).collect();
                        return Err(fail(2, text.return_name_batch(&product.name, &names.join(", "))));
                    }
                };
                parsed.push(ReturnLine { product_id: product.id, batch_id, qty_milli: qty });
            }
            let id = crate::ops::stock::return_to_supplier(&mut store, config, &actor, &supplier, reason, &parsed, now).map_err(err)?;
            out!("{}", text.returned(id, parsed.len()));
            Ok(())
        }
        StockCommand::Writeoff { by } => {
            let mut store = open_store(ctx, OpenMode::Existing)?;
            let actor = authorise_role(ctx, &mut store, &by, &[crate::domain::user::Role::Pharmacy])?;
            let n = store.write_off_expired(&actor, today, now).map_err(err)?;
            out!("{}", text.written_off(n));
            Ok(())
        }
    }
}

