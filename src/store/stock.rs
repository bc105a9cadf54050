//! Products as the counter sells them, batch stock, goods received, adjustments and write-offs,
//! and the stock reports (on hand, low, expiring soon, the stock card). Stock on hand is always
//! the sum of movements.

use super::audit::{append, Actor};
use super::{ts, Result, Store, StoreError};
use crate::domain::fefo::BatchStock;
use chrono::{DateTime, NaiveDate, Utc};
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

/// Stock of a product by batch (unbatched stock as batch None), from its movements.
pub(crate) fn batch_stock(conn: &Connection, product_id: i64) -> Result<Vec<BatchStock>> {
    let mut st = conn.prepare_cached(
        "SELECT m.batch_id, b.batch_no, b.expiry, sum(m.qty_milli) FROM stock_movements m LEFT JOIN batches b ON b.id = m.batch_id
         WHERE m.product_id = ?1 GROUP BY m.batch_id",
    )?;
    let rows = st.query_map([product_id], |r| {
        let expiry: Option<String> = r.get(2)?;
        Ok(BatchStock { batch_id: r.get(0)?, batch_no: r.get(1)?, expiry: expiry.and_then(|e| e.parse().ok()), on_hand: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn last_cost(conn: &Connection, product_id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT unit_cost FROM stock_movements WHERE product_id = ?1 AND kind = 'receipt' AND unit_cost IS NOT NULL ORDER BY id DESC LIMIT 1")?
        .query_row([product_id], |r| r.get(0))
        .optional()?)
}

/// One line of goods received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiveLine {
    pub product_id: i64,
    pub batch_no: Option<String>,
    pub expiry: Option<NaiveDate>,
    pub qty_milli: i64,
    pub unit_cost: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardRow {
    pub at: DateTime<Utc>,
    pub kind: String,
    pub qty_milli: i64,
    pub balance: i64,
    pub batch_no: Option<String>,
    pub reference: String,
    pub user: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OnHand {
    pub product: Product,
    pub on_hand: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expiring {
    pub product: String,
    pub batch_no: String,
    pub expiry: NaiveDate,
    pub on_hand: i64,
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

    /// Products whose name contains every word typed (or whose barcode starts with it).
    pub fn search_products(&self, text: &str, limit: usize) -> Result<Vec<Product>> {
        let words: Vec<String> = text.split_whitespace().take(4).map(|w| format!("%{}%", w.replace(['%', '_'], ""))).collect();
        if words.is_empty() {
            return Ok(vec![]);
        }
        let mut cond: Vec<String> = (1..=words.len()).map(|i| format!("p.name LIKE ?{i}")).collect();
        cond.push("p.active = 1".into());
        let sql = format!(
            "SELECT {PRODUCT_COLUMNS} FROM products p LEFT JOIN drugs d ON d.product_id = p.id WHERE {} ORDER BY p.name LIMIT {limit}",
            cond.join(" AND ")
        );
        let mut st = self.conn().prepare_cached(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(words.iter()), product_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn batch_stock(&self, product_id: i64) -> Result<Vec<BatchStock>> {
        batch_stock(self.conn(), product_id)
    }

    pub fn last_cost(&self, product_id: i64) -> Result<Option<i64>> {
        last_cost(self.conn(), product_id)
    }

    /// Goods received from a supplier: one receiving with its invoice, a movement per line.
    pub fn receive(&mut self, actor: &Actor, supplier: &str, invoice: &str, lines: &[ReceiveLine], now: DateTime<Utc>) -> Result<i64> {
        self.write(|tx| {
            tx.execute("INSERT INTO receivings(supplier, invoice_no, at, user_id) VALUES (?1, ?2, ?3, ?4)", params![supplier, invoice, ts(now), actor.id])?;
            let id = tx.last_insert_rowid();
            for l in lines {
                let product = product_by_id(tx, l.product_id)?.ok_or(StoreError::Sale(super::sales::Refusal::UnknownProduct))?;
                if l.qty_milli <= 0 {
                    return Err(StoreError::Sale(super::sales::Refusal::Quantity(product.name, crate::domain::cart::QtyError::Zero)));
                }
                if product.drug.is_some() && (l.batch_no.is_none() || l.expiry.is_none()) {
                    return Err(StoreError::Sale(super::sales::Refusal::BatchNeeded(product.name)));
                }
                let batch_id = match &l.batch_no {
                    Some(b) => {
                        tx.execute(
                            "INSERT INTO batches(product_id, batch_no, expiry) VALUES (?1, ?2, ?3) ON CONFLICT(product_id, batch_no) DO NOTHING",
                            params![l.product_id, b, l.expiry.map(|d| d.to_string())],
                        )?;
                        Some(tx.query_row("SELECT id FROM batches WHERE product_id = ?1 AND batch_no = ?2", params![l.product_id, b], |r| r.get::<_, i64>(0))?)
                    }
                    None => None,
                };
                tx.execute(
                    "INSERT INTO stock_movements(product_id, batch_id, kind, qty_milli, unit_cost, reference, at, user_id, receiving_id)
                     VALUES (?1, ?2, 'receipt', ?3, ?4, ?5, ?6, ?7, ?8)",
                    params![l.product_id, batch_id, l.qty_milli, l.unit_cost, format!("{supplier} / {invoice}"), ts(now), actor.id, id],
                )?;
            }
            append(tx, actor, "receive", "receivings", Some(id), &format!("{supplier} {invoice}: {} lines", lines.len()), now)?;
            Ok(id)
        })
    }

    /// A counted correction (positive or negative) with its reason.
    pub fn adjust_stock(&mut self, actor: &Actor, product_id: i64, batch_id: Option<i64>, qty_milli: i64, reason: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO stock_movements(product_id, batch_id, kind, qty_milli, reason, at, user_id) VALUES (?1, ?2, 'adjustment', ?3, ?4, ?5, ?6)",
                params![product_id, batch_id, qty_milli, reason, ts(now), actor.id],
            )?;
            let id = tx.last_insert_rowid();
            append(tx, actor, "adjust", "stock_movements", Some(id), &format!("product {product_id}: {qty_milli} ({reason})"), now)
        })
    }

    /// Write off every expired batch still holding stock; returns how many batches.
    pub fn write_off_expired(&mut self, actor: &Actor, today: NaiveDate, now: DateTime<Utc>) -> Result<usize> {
        self.write(|tx| {
            let mut st = tx.prepare(
                "SELECT m.product_id, m.batch_id, sum(m.qty_milli) FROM stock_movements m JOIN batches b ON b.id = m.batch_id
                 WHERE b.expiry IS NOT NULL AND b.expiry <= ?1 GROUP BY m.batch_id HAVING sum(m.qty_milli) > 0",
            )?;
            let rows: Vec<(i64, i64, i64)> = st.query_map([today.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<rusqlite::Result<_>>()?;
            for (p, b, q) in &rows {
                tx.execute(
                    "INSERT INTO stock_movements(product_id, batch_id, kind, qty_milli, reason, at, user_id) VALUES (?1, ?2, 'writeoff', ?3, 'expired', ?4, ?5)",
                    params![p, b, -q, ts(now), actor.id],
                )?;
                let movement = tx.last_insert_rowid();
                append(tx, actor, "writeoff", "stock_movements", Some(movement), &format!("product {p} batch {b}: {} expired", -q), now)?;
            }
            Ok(rows.len())
        })
    }

    pub fn stock_on_hand_all(&self) -> Result<Vec<OnHand>> {
        let sql = format!(
            "SELECT {PRODUCT_COLUMNS}, coalesce((SELECT sum(qty_milli) FROM stock_movements m WHERE m.product_id = p.id), 0)
             FROM products p LEFT JOIN drugs d ON d.product_id = p.id WHERE p.active = 1 ORDER BY p.section, p.name"
        );
        let mut st = self.conn().prepare(&sql)?;
        let rows = st.query_map([], |r| Ok(OnHand { product: product_row(r)?, on_hand: r.get(PRODUCT_COLUMN_COUNT)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Products at or below their reorder level (default: `default_level` milli-units).
    pub fn low_stock(&self, default_level: i64) -> Result<Vec<OnHand>> {
        Ok(self.stock_on_hand_all()?.into_iter().filter(|o| o.on_hand <= o.product.reorder_level.unwrap_or(default_level)).collect())
    }

    /// Batches with stock that expire within `days` (expired ones included, first).
    pub fn expiring(&self, today: NaiveDate, days: i64) -> Result<Vec<Expiring>> {
        let until = today + chrono::Duration::days(days);
        let mut st = self.conn().prepare(
            "SELECT p.name, b.batch_no, b.expiry, sum(m.qty_milli) FROM batches b JOIN products p ON p.id = b.product_id
             JOIN stock_movements m ON m.batch_id = b.id WHERE b.expiry IS NOT NULL AND b.expiry <= ?1
             GROUP BY b.id HAVING sum(m.qty_milli) > 0 ORDER BY b.expiry, p.name",
        )?;
        let rows = st.query_map([until.to_string()], |r| {
            let e: String = r.get(2)?;
            Ok(Expiring { product: r.get(0)?, batch_no: r.get(1)?, expiry: e.parse().unwrap_or(today), on_hand: r.get(3)? })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every movement of a product, oldest first, with the running balance.
    pub fn stock_card(&self, product_id: i64) -> Result<Vec<CardRow>> {
        let mut st = self.conn().prepare(
            "SELECT m.at, m.kind, m.qty_milli, b.batch_no, coalesce(s.number, m.reference, m.reason, ''), coalesce(u.name, '')
             FROM stock_movements m LEFT JOIN batches b ON b.id = m.batch_id LEFT JOIN sales s ON s.id = m.sale_id
             LEFT JOIN users u ON u.id = m.user_id WHERE m.product_id = ?1 ORDER BY m.id",
        )?;
        let mut balance = 0;
        let rows = st.query_map([product_id], |r| {
            let at: String = r.get(0)?;
            Ok((at, r.get::<_, String>(1)?, r.get::<_, i64>(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (at, kind, qty, batch_no, reference, user) = row?;
            balance += qty;
            out.push(CardRow { at: super::parse_ts(&at).unwrap_or_default(), kind, qty_milli: qty, balance, batch_no, reference, user });
        }
        Ok(out)
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
