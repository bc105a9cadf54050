//! `loket catalog import|export`, `loket stock receive|report|writeoff` and `loket sales
//! simulate`: the catalog and stock from the shell, for the admin, the storekeeper and scripts.

use super::common::{authenticate_as, fail, open_store, store_fail, CliResult, Ctx};
use super::users::{authorise_role, AsUser};
use crate::domain::csv;
use crate::domain::money::{format_milli, format_rupiah};
use crate::store::stock::{Drug, Product, ReceiveLine};
use crate::store::OpenMode;
use crate::text::Text;
use chrono::Utc;
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub(super) enum CatalogCommand {
    /// Add or update products from a CSV file (header row with the column names of `export`)
    Import {
        file: PathBuf,
        #[command(flatten)]
        admin: AsUser,
    },
    /// Write the whole catalog as CSV to standard output
    Export,
}

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
}

#[derive(Subcommand, Debug)]
pub(super) enum SalesCommand {
    /// Commit COUNT cash sales of random in-stock sembako as the first cashier (load and crash
    /// tests; a demo database only, hidden from the help)
    #[command(hide = true)]
    Simulate {
        #[arg(long, default_value_t = 100)]
        count: u64,
    },
    /// Check that every sale is whole (lines, payments, stock movements)
    Check,
}

const COLUMNS: [&str; 20] = [
    "barcode", "plu", "name", "section", "unit", "sold_by", "price", "member_price", "tax_category", "price_cap", "allow_negative",
    "reorder_level", "generic_name", "strength", "form", "class", "warning", "label", "kfa_code", "pieces_per_unit",
];

/// A line to standard output; a closed pipe (`| head`) just ends the listing.

fn opt(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

/// One CSV record into a catalog row, or `column: what is wrong`.
fn catalog_row(get: &dyn Fn(&str) -> String, text: &Text) -> Result<Product, String> {
    let money = |col: &str, required: bool| -> Result<Option<i64>, String> {
        let v = get(col);
        if v.trim().is_empty() {
            return if required { Err(format!("{col}: {}", text.csv_missing())) } else { Ok(None) };
        }
        crate::domain::money::parse_rupiah(&v).filter(|n| *n >= 0).map(Some).ok_or_else(|| format!("{col}: {}", text.csv_bad_value(&v)))
    };
    let one_of = |col: &str, allowed: &[&str], default: &str| -> Result<String, String> {
        let v = opt(&get(col)).unwrap_or_else(|| default.to_string());
        if allowed.contains(&v.as_str()) {
            Ok(v)
        } else {
            Err(format!("{col}: {} ({})", text.csv_bad_value(&v), allowed.join(", ")))
        }
    };
    let name = opt(&get("name")).ok_or_else(|| format!("name: {}", text.csv_missing()))?;
    let barcode = opt(&get("barcode"));
    if let Some(b) = &barcode {
        if matches!(b.len(), 8 | 12 | 13) && b.bytes().all(|c| c.is_ascii_digit()) && !crate::domain::ean::is_valid(b) {
            return Err(format!("barcode: {}", text.sale_bad_check_digit(b)));
        }
    }
    let generic = opt(&get("generic_name"));
    let drug = match generic {
        Some(generic_name) => Some(Drug {
            generic_name,
            strength: get("strength").trim().to_string(),
            form: get("form").trim().to_string(),
            class: crate::domain::drug_policy::DrugClass::parse(&one_of("class", &["bebas", "bebas_terbatas", "keras", "oot", "psikotropika", "narkotika"], "")?).unwrap_or(crate::domain::drug_policy::DrugClass::Narkotika),
            warning: match opt(&get("warning")) {
                Some(w) => Some(one_of("warning", &["P1", "P2", "P3", "P4", "P5", "P6"], "")?).filter(|_| !w.is_empty()),
                None => None,
            },
            label: one_of("label", &["oral", "external"], "oral")?,
            kfa_code: opt(&get("kfa_code")),
            pieces_per_unit: match opt(&get("pieces_per_unit")) {
                Some(v) => Some(v.parse::<i64>().ok().filter(|n| (1..=10_000).contains(n)).ok_or_else(|| format!("pieces_per_unit: {}", text.csv_bad_value(&v)))?),
                None => None,
            },
        }),
        None => None,
    };
    Ok(Product {
        id: 0,
        active: true,
        barcode,
        plu: opt(&get("plu")),
        name,
        section: one_of("section", &["sembako", "obat", "lain"], if drug.is_some() { "obat" } else { "sembako" })?,
        unit: opt(&get("unit")).unwrap_or_else(|| "pcs".into()),
        sold_by: one_of("sold_by", &["piece", "weight", "volume"], "piece")?,
        price: money("price", true)?.unwrap_or(0),
        member_price: money("member_price", false)?,
        tax_category: one_of("tax_category", &["standard", "exempt"], "standard")?,
        price_cap: money("price_cap", false)?,
        allow_negative: one_of("allow_negative", &["0", "1", "yes", "no", "true", "false"], "0").map(|v| matches!(v.as_str(), "1" | "yes" | "true"))?,
        reorder_level: match opt(&get("reorder_level")) {
            Some(v) => Some(crate::domain::cart::parse_qty(&v).ok_or_else(|| format!("reorder_level: {}", text.csv_bad_value(&v)))?),
            None => None,
        },
        drug,
    })
}

pub(super) fn catalog_command(ctx: &Ctx, cmd: CatalogCommand) -> CliResult {
    let text = &ctx.text;
    match cmd {
        CatalogCommand::Import { file, admin } => {
            let name = file.display().to_string();
            let content = std::fs::read_to_string(&file).map_err(|e| fail(1, format!("{name}: {e}")))?;
            let records = csv::parse(&content).map_err(|line| fail(2, format!("{name}:{line}: {}", text.csv_unterminated())))?;
            let Some(((_, header), body)) = records.split_first() else { return Err(fail(2, format!("{name}: {}", text.csv_empty()))) };
            let header: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
            if let Some(unknown) = header.iter().find(|h| !COLUMNS.contains(&h.as_str())) {
                return Err(fail(2, format!("{name}:1: {unknown}: {}", text.csv_unknown_column())));
            }
            let mut rows = Vec::new();
            for (line, rec) in body {
                let get = |col: &str| header.iter().position(|h| h == col).and_then(|i| rec.get(i)).cloned().unwrap_or_default();
                rows.push(catalog_row(&get, text).map_err(|e| fail(2, format!("{name}:{line}: {e}")))?);
            }
            let mut store = open_store(ctx, OpenMode::Existing)?;
            let actor = authorise_role(ctx, &mut store, &admin, &[])?;
            let (added, updated) = store.import_catalog(&actor, &rows, Utc::now()).map_err(store_fail(text))?;
            out!("{}", text.catalog_imported(added, updated));
            Ok(())
        }
        CatalogCommand::Export => {
            let store = open_store(ctx, OpenMode::ReadOnly)?;
            let products = store.catalog().map_err(store_fail(text))?;
            out!("{}", COLUMNS.join(","));
            let o = |v: &Option<String>| v.clone().unwrap_or_default();
            let n = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
            for p in products {
                let d = p.drug.clone();
                let fields = vec![
                    o(&p.barcode),
                    o(&p.plu),
                    p.name.clone(),
                    p.section.clone(),
                    p.unit.clone(),
                    p.sold_by.clone(),
                    p.price.to_string(),
                    n(p.member_price),
                    p.tax_category.clone(),
                    n(p.price_cap),
                    (p.allow_negative as i64).to_string(),
                    p.reorder_level.map(format_milli).unwrap_or_default(),
                    d.as_ref().map(|d| d.generic_name.clone()).unwrap_or_default(),
                    d.as_ref().map(|d| d.strength.clone()).unwrap_or_default(),
                    d.as_ref().map(|d| d.form.clone()).unwrap_or_default(),
                    d.as_ref().map(|d| d.class.code().to_string()).unwrap_or_default(),
                    d.as_ref().and_then(|d| d.warning.clone()).unwrap_or_default(),
                    d.as_ref().map(|d| d.label.clone()).unwrap_or_default(),
                    d.as_ref().and_then(|d| d.kfa_code.clone()).unwrap_or_default(),
                    n(d.as_ref().and_then(|d| d.pieces_per_unit)),
                ];
                out!("{}", csv::record(&fields));
            }
            Ok(())
        }
    }
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
        StockCommand::Writeoff { by } => {
            let mut store = open_store(ctx, OpenMode::Existing)?;
            let actor = authorise_role(ctx, &mut store, &by, &[crate::domain::user::Role::Pharmacy])?;
            let n = store.write_off_expired(&actor, today, now).map_err(err)?;
            out!("{}", text.written_off(n));
            Ok(())
        }
    }
}

pub(super) fn sales_command(ctx: &Ctx, cmd: SalesCommand) -> CliResult {
    let (config, text) = (&ctx.config, &ctx.text);
    let err = store_fail(text);
    match cmd {
        SalesCommand::Simulate { count } => {
            use crate::domain::cart::{Method, Tender};
            use crate::store::sales::{NewLine, NewSale};
            let mut store = open_store(ctx, OpenMode::Existing)?;
            // Real sales in a cashier's name: never on a site's database.
            if !store.is_demo().map_err(err)? {
                return Err(fail(1, text.simulate_demo_only()));
            }
            let cashier = store
                .users()
                .map_err(err)?
                .into_iter()
                .find(|u| u.role == crate::domain::user::Role::Cashier && !u.disabled)
                .ok_or_else(|| fail(1, text.refusal(&crate::store::sales::Refusal::NoCashier)))?;
            let products: Vec<i64> = store.catalog().map_err(err)?.into_iter().filter(|p| p.drug.is_none() && p.by_piece()).map(|p| p.id).collect();
            // The sales belong to the cashier's shift, as at the till (one is opened if none is).
            if store.open_shift(cashier.id).map_err(err)?.is_none() {
                crate::ops::shifts::open(&mut store, config, &cashier.actor(), 0, Utc::now()).map_err(err)?;
            }
            let mut seed = std::process::id() as u64;
            let mut done = 0;
            for _ in 0..count {
                seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                let lines: Vec<NewLine> = (0..1 + (seed >> 60) % 4)
                    .map(|k| NewLine { product_id: products[((seed >> (8 * k)) % products.len().max(1) as u64) as usize], qty_milli: 1000, fixed_amount: None, prescription: None, change: None })
                    .collect();
                let now = Utc::now();
                let sale = NewSale { lines, member_id: None, patient_id: None, tenders: vec![Tender { method: Method::Cash, amount: 1_000_000, reference: None }], business_day: config.site.zone.business_day(now), shift_id: None, discount: None };
                match crate::ops::sales::commit(&mut store, config, &cashier, &sale, now) {
                    Ok(s) => {
                        done += 1;
                        out!("{} {}", s.number, format_rupiah(s.total));
                    }
                    Err(crate::store::StoreError::Sale(_)) => {} // out of stock: that sale is refused whole
                    Err(e) => return Err(err(e)),
                }
            }
            eprintln!("{}", text.simulated(done));
            Ok(())
        }
        SalesCommand::Check => {
            let store = open_store(ctx, OpenMode::ReadOnly)?;
            let problems = store.check_sales().map_err(err)?;
            if problems.is_empty() {
                out!("{}", text.sales_whole(store.sale_count().map_err(err)?));
                Ok(())
            } else {
                Err(fail(1, problems.join("\n")))
            }
        }
    }
}
