//! Products, drugs, batches and stock movements. This module holds what the foundation needs
//! (demo seeding, counts, stock on hand as the sum of movements); the sales issue builds on it.

use super::audit::{append, Actor};
use super::{ts, Result, Store};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDrug {
    pub generic_name: String,
    pub strength: String,
    pub form: String,
    /// bebas, bebas_terbatas, keras, oot, psikotropika, narkotika
    pub class: &'static str,
    pub warning: Option<&'static str>,
    /// oral or external
    pub label: &'static str,
    pub kfa_code: Option<String>,
    pub pieces_per_unit: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProduct {
    pub barcode: Option<String>,
    pub name: String,
    /// sembako, obat, lain
    pub section: &'static str,
    pub unit: &'static str,
    /// piece, weight, volume
    pub sold_by: &'static str,
    pub price: i64,
    pub member_price: Option<i64>,
    pub tax_category: &'static str,
    pub price_cap: Option<i64>,
    pub drug: Option<NewDrug>,
}

/// Goods received: one line of a supplier's delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReceipt {
    /// Index into the products passed alongside.
    pub product: usize,
    pub batch_no: Option<String>,
    pub expiry: Option<NaiveDate>,
    pub qty_milli: i64,
    pub unit_cost: i64,
    /// Supplier and invoice number.
    pub reference: String,
    pub at: DateTime<Utc>,
}

impl Store {
    pub fn product_count(&self) -> Result<i64> {
        Ok(self.conn().query_row("SELECT count(*) FROM products", [], |r| r.get(0))?)
    }

    /// Stock on hand of a product in milli-units: the sum of its movements.
    pub fn stock_on_hand(&self, product_id: i64) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT coalesce(sum(qty_milli), 0) FROM stock_movements WHERE product_id = ?1", [product_id], |r| r.get(0))?)
    }

    pub fn product_id_by_barcode(&self, barcode: &str) -> Result<Option<i64>> {
        use rusqlite::OptionalExtension;
        Ok(self.conn().query_row("SELECT id FROM products WHERE barcode = ?1", [barcode], |r| r.get(0)).optional()?)
    }

    /// Insert a catalog with its received stock in one transaction (demo seeding).
    pub fn seed_catalog(&mut self, actor: &Actor, products: &[NewProduct], receipts: &[NewReceipt], now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            let mut ids = Vec::with_capacity(products.len());
            for p in products {
                tx.execute(
                    "INSERT INTO products(barcode, name, section, unit, sold_by, price, member_price, tax_category, price_cap, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    params![p.barcode, p.name, p.section, p.unit, p.sold_by, p.price, p.member_price, p.tax_category, p.price_cap, ts(now)],
                )?;
                let id = tx.last_insert_rowid();
                if let Some(d) = &p.drug {
                    tx.execute(
                        "INSERT INTO drugs(product_id, generic_name, strength, form, class, warning, label, kfa_code, pieces_per_unit)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                        params![id, d.generic_name, d.strength, d.form, d.class, d.warning, d.label, d.kfa_code, d.pieces_per_unit],
                    )?;
                }
                super::product_search::index_product_in(tx, id)?;
                ids.push(id);
            }
            for r in receipts {
                let product_id = ids[r.product];
                let batch_id = match &r.batch_no {
                    Some(b) => {
                        tx.execute(
                            "INSERT INTO batches(product_id, batch_no, expiry) VALUES (?1, ?2, ?3)",
                            params![product_id, b, r.expiry.map(|d| d.to_string())],
                        )?;
                        Some(tx.last_insert_rowid())
                    }
                    None => None,
                };
                tx.execute(
                    "INSERT INTO stock_movements(product_id, batch_id, kind, qty_milli, unit_cost, reference, at, user_id)
                     VALUES (?1, ?2, 'receipt', ?3, ?4, ?5, ?6, ?7)",
                    params![product_id, batch_id, r.qty_milli, r.unit_cost, r.reference, ts(r.at), actor.id],
                )?;
                let movement = tx.last_insert_rowid();
                append(tx, actor, "seed", "stock_movements", Some(movement), "opening stock", now)?;
            }
            append(
                tx,
                actor,
                "seed",
                "products",
                None,
                &format!("{} demo products, {} stock receipts", products.len(), receipts.len()),
                now,
            )
        })
    }
}
