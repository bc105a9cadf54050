//! Products and prices: dated price changes (the rules, then one transaction with the history
//! and the audit entry), applying the changes whose day has come, and shelf labels.

use crate::config::Config;
use crate::domain::stock::check_price_change;
use crate::store::prices::{apply_due_prices_in, change_price_in};
use crate::store::{Actor, Result, Store, StoreError};
use chrono::{DateTime, NaiveDate, Utc};

/// Change a product's price and member price from a date (today or later).
#[allow(clippy::too_many_arguments)]
pub fn change_price(store: &mut Store, config: &Config, actor: &Actor, product_id: i64, price: i64, member_price: Option<i64>, effective_on: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    let today = config.site.zone.business_day(now);
    check_price_change(price, member_price, effective_on, today).map_err(StoreError::Stock)?;
    store.write(|tx| change_price_in(tx, actor, product_id, price, member_price, effective_on, today, now)).map(|_| ())
}

/// Edit a product's barcode, name, section, unit and drug facts: the product rules, then one
/// transaction (a barcode another product has is refused there).
pub fn edit_product(store: &mut Store, actor: &Actor, id: i64, f: &crate::store::products::ProductFields, now: DateTime<Utc>) -> Result<()> {
    // The price is not edited here; the rules see the product's own.
    let price = store.product(id)?.map(|p| p.price).unwrap_or(0);
    crate::domain::stock::check_product(&f.name, price, &f.section, f.generic_name.as_deref()).map_err(StoreError::Stock)?;
    store.write(|tx| crate::store::products::edit_product_in(tx, actor, id, f, now))
}

/// Apply the dated price changes whose day has come (at login and when the products screen
/// opens); nothing is written when none is due.
pub fn apply_due_prices(store: &mut Store, config: &Config, actor: &Actor, now: DateTime<Utc>) -> Result<usize> {
    let today = config.site.zone.business_day(now);
    if !store.prices_due(today)? {
        return Ok(0);
    }
    store.write(|tx| apply_due_prices_in(tx, actor, today, now))
}

/// Print a shelf label for a product on the receipt printer; false when no printer is set up.
pub fn print_shelf_label(store: &mut Store, config: &Config, actor: &Actor, product_id: i64, now: DateTime<Utc>) -> Result<bool> {
    let p = store.product(product_id)?.ok_or(StoreError::Sale(crate::store::sales::Refusal::UnknownProduct))?;
    if !config.printer.configured() {
        return Ok(false);
    }
    store.write(|tx| {
        super::print_in(tx, config, now, || {
            vec![crate::print::stock_docs::shelf_label_job(&config.site, &config.printer.profile, p.id, &p.name, p.price, p.member_price, p.barcode.as_deref())]
        })?;
        crate::store::audit::append(tx, actor, "shelf-label", "products", Some(p.id), &p.name, now)
    })?;
    Ok(true)
}

