//! Products as the counter sells them, with their drug facts: reading them (by id, barcode, PLU,
//! a scanned code), the catalog export and import, and the PLU of weighed goods. Searching by
//! name is in `product_search`; stock is in `stock`.

use super::audit::{append, Actor};
use super::{ts, Result, Store};
use crate::domain::fefo::BatchStock;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Row};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drug {
    pub generic_name: String,
    pub strength: String,
    pub form: String,
    /// Parsed once here, where rows are read; an unknown class reads as narkotika, the
    /// strictest (never sold at a village counter).
    pub class: crate::domain::drug_policy::DrugClass,
    pub warning: Option<String>,
    /// oral or external
    pub label: String,
    pub kfa_code: Option<String>,
    /// Pieces in one unit sold (10 kapsul in a strip), when the catalog knows it.
    pub pieces_per_unit: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Product {
    pub id: i64,
    pub barcode: Option<String>,
    pub plu: Option<String>,
    pub name: String,
    pub section: String,
    pub unit: String,
    pub sold_by: String,
    pub price: i64,
    pub member_price: Option<i64>,
    pub tax_category: String,
    pub price_cap: Option<i64>,
    pub allow_negative: bool,
    pub active: bool,
    pub reorder_level: Option<i64>,
    pub drug: Option<Drug>,
}

impl Product {
    /// What the line check (`domain::cart::check_line`) needs to know of this product.
    pub fn line_facts(&self, fixed_amount: Option<i64>) -> crate::domain::cart::LineProduct {
        crate::domain::cart::LineProduct { active: self.active, whole_pieces: self.by_piece() && fixed_amount.is_none(), drug_class: self.drug.as_ref().map(|d| d.class) }
    }

    pub fn by_piece(&self) -> bool {
        self.sold_by == "piece"
    }
}

/// The columns `product_row` reads; a query that selects more reads them from `PRODUCT_COLUMN_COUNT`.
pub(crate) const PRODUCT_COLUMN_COUNT: usize = 22;
pub(crate) const PRODUCT_COLUMNS: &str = "p.id, p.barcode, p.plu, p.name, p.section, p.unit, p.sold_by, p.price, p.member_price, p.tax_category,
     p.price_cap, p.allow_negative, p.active, p.reorder_level, d.generic_name, d.strength, d.form, d.class, d.warning, d.label, d.kfa_code, d.pieces_per_unit";

pub(crate) fn product_row(r: &Row) -> rusqlite::Result<Product> {
    let generic: Option<String> = r.get(14)?;
    let drug = match generic {
        Some(generic_name) => Some(Drug {
            generic_name,
            strength: r.get(15)?,
            form: r.get(16)?,
            class: crate::domain::drug_policy::DrugClass::parse(&r.get::<_, String>(17)?).unwrap_or(crate::domain::drug_policy::DrugClass::Narkotika),
            warning: r.get(18)?,
            label: r.get(19)?,
            kfa_code: r.get(20)?,
            pieces_per_unit: r.get(21)?,
        }),
        None => None,
    };
    Ok(Product {
        id: r.get(0)?,
        barcode: r.get(1)?,
        plu: r.get(2)?,
        name: r.get(3)?,
        section: r.get(4)?,
        unit: r.get(5)?,
        sold_by: r.get(6)?,
        price: r.get(7)?,
        member_price: r.get(8)?,
        tax_category: r.get(9)?,
        price_cap: r.get(10)?,
        allow_negative: r.get::<_, i64>(11)? != 0,
        active: r.get::<_, i64>(12)? != 0,
        reorder_level: r.get(13)?,
        drug,
    })
}

fn product_where(conn: &Connection, cond: &str, arg: &dyn rusqlite::ToSql) -> Result<Option<Product>> {
    let sql = format!("SELECT {PRODUCT_COLUMNS} FROM products p LEFT JOIN drugs d ON d.product_id = p.id WHERE {cond}");
    Ok(conn.prepare_cached(&sql)?.query_row([arg], product_row).optional()?)
}

pub(crate) fn product_by_id(conn: &Connection, id: i64) -> Result<Option<Product>> {
    product_where(conn, "p.id = ?1", &id)
}

impl Store {
    pub fn product(&self, id: i64) -> Result<Option<Product>> {
        product_by_id(self.conn(), id)
    }

    pub fn product_by_barcode(&self, code: &str) -> Result<Option<Product>> {
        product_where(self.conn(), "p.barcode = ?1", &code)
    }

    pub fn product_by_plu(&self, plu: &str) -> Result<Option<Product>> {
        product_where(self.conn(), "p.plu = ?1", &plu)
    }

    /// Give a product the PLU a shop scale prints into weighed-goods codes.
    pub fn set_plu(&mut self, actor: &Actor, product_id: i64, plu: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE products SET plu = ?2 WHERE id = ?1", params![product_id, plu])?;
            append(tx, actor, "plu", "products", Some(product_id), plu, now)
        })
    }

    /// Every product for export, with its drug facts.
    pub fn catalog(&self) -> Result<Vec<Product>> {
        let sql = format!("SELECT {PRODUCT_COLUMNS} FROM products p LEFT JOIN drugs d ON d.product_id = p.id ORDER BY p.id");
        let mut st = self.conn().prepare(&sql)?;
        let rows = st.query_map([], product_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Insert or update products by barcode (or PLU, or name when neither), in one transaction.
    /// The rows' `id` is not used (products are matched as said) and `active` is kept as it is
    /// for products already there. Returns (added, updated).
    pub fn import_catalog(&mut self, actor: &Actor, rows: &[Product], now: DateTime<Utc>) -> Result<(usize, usize)> {
        self.write(|tx| {
            let (mut added, mut updated) = (0, 0);
            for r in rows {
                let existing: Option<i64> = if let Some(b) = &r.barcode {
                    tx.query_row("SELECT id FROM products WHERE barcode = ?1", [b], |x| x.get(0)).optional()?
                } else if let Some(p) = &r.plu {
                    tx.query_row("SELECT id FROM products WHERE plu = ?1", [p], |x| x.get(0)).optional()?
                } else {
                    tx.query_row("SELECT id FROM products WHERE name = ?1 AND barcode IS NULL", [&r.name], |x| x.get(0)).optional()?
                };
                let id = match existing {
                    Some(id) => {
                        tx.execute(
                            "UPDATE products SET barcode = ?2, plu = ?3, name = ?4, section = ?5, unit = ?6, sold_by = ?7, price = ?8, member_price = ?9,
                             tax_category = ?10, price_cap = ?11, allow_negative = ?12, reorder_level = ?13 WHERE id = ?1",
                            params![id, r.barcode, r.plu, r.name, r.section, r.unit, r.sold_by, r.price, r.member_price, r.tax_category, r.price_cap, r.allow_negative as i64, r.reorder_level],
                        )?;
                        updated += 1;
                        id
                    }
                    None => {
                        tx.execute(
                            "INSERT INTO products(barcode, plu, name, section, unit, sold_by, price, member_price, tax_category, price_cap, allow_negative, reorder_level, created_at)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                            params![r.barcode, r.plu, r.name, r.section, r.unit, r.sold_by, r.price, r.member_price, r.tax_category, r.price_cap, r.allow_negative as i64, r.reorder_level, ts(now)],
                        )?;
                        added += 1;
                        tx.last_insert_rowid()
                    }
                };
                if let Some(d) = &r.drug {
                    tx.execute(
                        "INSERT INTO drugs(product_id, generic_name, strength, form, class, warning, label, kfa_code, pieces_per_unit) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                         ON CONFLICT(product_id) DO UPDATE SET generic_name = excluded.generic_name, strength = excluded.strength, form = excluded.form,
                         class = excluded.class, warning = excluded.warning, label = excluded.label, kfa_code = excluded.kfa_code, pieces_per_unit = excluded.pieces_per_unit",
                        params![id, d.generic_name, d.strength, d.form, d.class.code(), d.warning, d.label, d.kfa_code, d.pieces_per_unit],
                    )?;
                }
                super::product_search::index_product_in(tx, id)?;
            }
            append(tx, actor, "import", "products", None, &format!("catalog import: {added} added, {updated} updated"), now)?;
            Ok((added, updated))
        })
    }
}

/// A product found by a scan or a search, with what the sale screen's checks need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub product: Product,
    pub qty_milli: i64,
    pub fixed_amount: Option<i64>,
    pub batches: Vec<BatchStock>,
    pub cost: Option<i64>,
}

/// Why a scanned code found nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanError {
    Unknown(String),
    /// A retail code whose check digit is wrong (a misread).
    CheckDigit(String),
}

impl Store {
    /// A product with its batch stock and last cost, for the sale screen's checks.
    pub fn found(&self, product: Product, qty_milli: i64, fixed_amount: Option<i64>) -> Result<Found> {
        let batches = self.batch_stock(product.id)?;
        let cost = self.last_cost(product.id)?;
        Ok(Found { product, qty_milli, fixed_amount, batches, cost })
    }

    /// What a scanned code is: a weighed-goods code, a catalog barcode or internal code, or
    /// nothing known (a retail code with a wrong check digit says so).
    pub fn scan(&self, code: &str, layout: &crate::domain::weighed::Layout) -> Result<std::result::Result<Found, ScanError>> {
        use crate::domain::{ean, weighed};
        if weighed::is_weighed(code) {
            if let Some(w) = weighed::parse(code, layout) {
                if let Some(p) = self.product_by_plu(&w.plu)? {
                    let (qty, fixed) = weighed::quantity(&w, p.price);
                    return Ok(Ok(self.found(p, qty, fixed)?));
                }
            }
        }
        if let Some(p) = self.product_by_barcode(code)? {
            return Ok(Ok(self.found(p, 1000, None)?));
        }
        if matches!(code.len(), 8 | 12 | 13) && !ean::is_valid(code) {
            return Ok(Err(ScanError::CheckDigit(code.to_string())));
        }
        Ok(Err(ScanError::Unknown(code.to_string())))
    }
}

/// A product added at the counter (the receiving screen's short form, the products screen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductFields {
    pub barcode: Option<String>,
    pub name: String,
    /// sembako, obat, lain
    pub section: String,
    pub unit: String,
    pub price: i64,
    pub member_price: Option<i64>,
    /// For a drug: its generic name and class.
    pub generic_name: Option<String>,
    pub class: Option<crate::domain::drug_policy::DrugClass>,
    /// For a drug: strength, form, warning, label and KFA code, checked
    /// ([`crate::domain::drug_policy::check_facts`]); None keeps what the product has.
    pub facts: Option<crate::domain::drug_policy::DrugFacts>,
}

/// Add a product (and its drug facts), index its names, and record it; a barcode another
/// product has is refused.
pub fn add_product_in(tx: &super::Tx, actor: &Actor, f: &ProductFields, now: DateTime<Utc>) -> Result<i64> {
    use crate::domain::stock::StockRefusal;
    if let Some(b) = &f.barcode {
        let taken: Option<i64> = tx.query_row("SELECT id FROM products WHERE barcode = ?1 OR plu = ?1", [b], |r| r.get(0)).optional()?;
        if taken.is_some() {
            return Err(super::StoreError::Stock(StockRefusal::DuplicateBarcode(b.clone())));
        }
    }
    tx.execute(
        "INSERT INTO products(barcode, name, section, unit, sold_by, price, member_price, created_at) VALUES (?1, ?2, ?3, ?4, 'piece', ?5, ?6, ?7)",
        params![f.barcode, f.name.trim(), f.section, f.unit, f.price, f.member_price, ts(now)],
    )?;
    let id = tx.last_insert_rowid();
    if f.section == "obat" {
        let class = f.class.unwrap_or(crate::domain::drug_policy::DrugClass::Keras);
        tx.execute(
            "INSERT INTO drugs(product_id, generic_name, class) VALUES (?1, ?2, ?3)",
            params![id, f.generic_name.as_deref().unwrap_or("").trim(), class.code()],
        )?;
        if let Some(facts) = &f.facts {
            set_facts_in(tx, id, facts)?;
        }
    }
    super::product_search::index_product_in(tx, id)?;
    append(tx, actor, "add", "products", Some(id), &format!("{} ({})", f.name.trim(), f.barcode.as_deref().unwrap_or("-")), now)?;
    Ok(id)
}

/// A drug's strength, form, warning, label and KFA code (checked by the caller).
fn set_facts_in(tx: &super::Tx, id: i64, d: &crate::domain::drug_policy::DrugFacts) -> Result<()> {
    tx.execute(
        "UPDATE drugs SET strength = ?2, form = ?3, warning = ?4, label = ?5, kfa_code = ?6 WHERE product_id = ?1",
        params![id, d.strength, d.form, d.warning, d.label, d.kfa_code],
    )?;
    Ok(())
}

/// Change a product's barcode, name, section, unit and drug facts (its prices change through
/// `prices::change_price_in`, dated, with their history). A barcode another product has is
/// refused; the names are indexed again.
pub fn edit_product_in(tx: &super::Tx, actor: &Actor, id: i64, f: &ProductFields, now: DateTime<Utc>) -> Result<()> {
    use crate::domain::stock::StockRefusal;
    let before = product_by_id(tx, id)?.ok_or(super::StoreError::Sale(super::sales::Refusal::UnknownProduct))?;
    if let Some(b) = &f.barcode {
        let taken: Option<i64> = tx.query_row("SELECT id FROM products WHERE (barcode = ?1 OR plu = ?1) AND id <> ?2", params![b, id], |r| r.get(0)).optional()?;
        if taken.is_some() {
            return Err(super::StoreError::Stock(StockRefusal::DuplicateBarcode(b.clone())));
        }
    }
    tx.execute(
        "UPDATE products SET barcode = ?2, name = ?3, section = ?4, unit = ?5 WHERE id = ?1",
        params![id, f.barcode, f.name.trim(), f.section, f.unit],
    )?;
    if f.section == "obat" || before.drug.is_some() {
        let class = f.class.or(before.drug.as_ref().map(|d| d.class)).unwrap_or(crate::domain::drug_policy::DrugClass::Keras);
        let generic = f.generic_name.clone().or(before.drug.as_ref().map(|d| d.generic_name.clone())).unwrap_or_default();
        tx.execute(
            "INSERT INTO drugs(product_id, generic_name, class) VALUES (?1, ?2, ?3)
             ON CONFLICT(product_id) DO UPDATE SET generic_name = excluded.generic_name, class = excluded.class",
            params![id, generic.trim(), class.code()],
        )?;
        if let Some(facts) = &f.facts {
            set_facts_in(tx, id, facts)?;
        }
    }
    super::product_search::index_product_in(tx, id)?;
    let mut summary = format!("{} -> {} ({} -> {})", before.name, f.name.trim(), before.barcode.as_deref().unwrap_or("-"), f.barcode.as_deref().unwrap_or("-"));
    if let Some(d) = &f.facts {
        summary.push_str(&format!("; {} {} {} {} KFA {}", d.strength, d.form, d.warning.as_deref().unwrap_or("-"), d.label, d.kfa_code.as_deref().unwrap_or("-")));
    }
    append(tx, actor, "edit", "products", Some(id), &summary, now)
}
