//! `loket catalog import|export` and `loket sales simulate|check`: the catalog from the shell,
//! for the admin and scripts (stock is in `stock.rs`).

use super::common::{fail, open_store, store_fail, CliResult, Ctx};
use super::users::{authorise_role, AsUser};
use crate::domain::csv;
use crate::domain::money::{format_milli, format_rupiah};
use crate::store::stock::{Drug, Product};
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
