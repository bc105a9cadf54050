//! A product on its way onto the cart: the drug rules, the quantity, the stock by batch (FEFO)
//! and the price warnings.

use super::{flash_err, pharmacist, CartLine, Found, Mode, RX_FIELDS};
use crate::app::{Effect, FlashKind, State};
use crate::domain::cart;
use crate::domain::drug_policy::{self, DrugClass, Prescription, Verdict};
use crate::domain::fefo::{self, BatchStock};
use crate::store::stock::Product;
use tui_input::Input;

/// How much of a product the cart holds (other lines than `except`).
fn in_cart(s: &State, product_id: i64, except: Option<usize>) -> i64 {
    s.sale.lines.iter().enumerate().filter(|(i, l)| l.product.id == product_id && Some(*i) != except).map(|(_, l)| l.qty_milli).sum()
}

fn fefo_rules(s: &State, p: &Product) -> fefo::Rules {
    fefo::Rules { warn_days: s.config.sales.expiring_days, block_near_expiry: s.config.sales.block_near_expiry, allow_negative: p.allow_negative }
}

/// Check stock for a quantity of a product on top of what the cart holds; the warnings to show.
pub(super) fn stock_check(s: &State, p: &Product, batches: &[BatchStock], qty: i64, except: Option<usize>) -> Result<Vec<String>, String> {
    let today = s.config.site.zone.business_day(s.now);
    let want = in_cart(s, p.id, except) + qty;
    match fefo::pick(batches, want, today, fefo_rules(s, p)) {
        Ok(picked) => Ok(picked.expiring_soon.map(|d| s.text.sale_expiring_soon(&p.name, &d.format("%d-%m-%Y").to_string())).into_iter().collect()),
        Err(fefo::PickError::Short { available, expired }) => Err(s.text.sale_out_of_stock(&p.name, available - in_cart(s, p.id, except), expired, &p.unit)),
    }
}

/// A product found by a scan or search: the drug rules, quantity and stock, then onto the cart.
pub fn found(s: &mut State, f: Found) -> Vec<Effect> {
    s.sale.last = None;
    let p = &f.product;
    if !p.active {
        let msg = s.text.sale_inactive(&p.name);
        return flash_err(s, msg);
    }
    let mut notes = Vec::new();
    if let Some(d) = &p.drug {
        let class = DrugClass::parse(&d.class).unwrap_or(DrugClass::Narkotika);
        match drug_policy::check(&s.config.sales.drug_policy, class, pharmacist(s), false) {
            Verdict::Allowed => {}
            Verdict::NeedsPrescription => {
                // Ask for the prescription; the line is added when it is recorded.
                s.sale.pending = Some(f);
                s.sale.mode = Mode::Prescription;
                s.sale.form = vec![Input::default(); RX_FIELDS];
                if let Some((_, name)) = &s.sale.patient {
                    s.sale.form[3] = Input::new(name.clone());
                }
                s.sale.focus = 0;
                return vec![];
            }
            v => {
                let msg = s.text.drug_verdict(&p.name, class, v);
                return flash_err(s, msg);
            }
        }
        if let Some(w) = &d.warning {
            notes.push(s.text.drug_warning(w).to_string());
        }
    }
    add_line(s, f, None, notes)
}

pub(super) fn add_line(s: &mut State, f: Found, prescription: Option<Prescription>, mut notes: Vec<String>) -> Vec<Effect> {
    let p = &f.product;
    if let Err(e) = cart::check_qty(f.qty_milli, p.by_piece() && f.fixed_amount.is_none()) {
        let msg = s.text.qty_error(&p.name, e);
        return flash_err(s, msg);
    }
    match stock_check(s, p, &f.batches, f.qty_milli, None) {
        Err(msg) => return flash_err(s, msg),
        Ok(w) => notes.extend(w),
    }
    let price = if s.sale.member.is_some() { p.member_price.unwrap_or(p.price) } else { p.price };
    for w in cart::price_warnings(price, f.cost, p.price_cap) {
        notes.push(s.text.price_warning(&p.name, w));
    }
    // Scanning the same piece again adds one to its line.
    let same = s.sale.lines.iter().position(|l| {
        l.product.id == p.id && l.product.by_piece() && l.fixed_amount.is_none() && f.fixed_amount.is_none() && l.prescription.is_none() && prescription.is_none()
    });
    match same {
        Some(i) => {
            s.sale.lines[i].qty_milli += f.qty_milli;
            s.sale.selected = i;
        }
        None => {
            s.sale.lines.push(CartLine { product: f.product, qty_milli: f.qty_milli, fixed_amount: f.fixed_amount, prescription, batches: f.batches, cost: f.cost });
            s.sale.selected = s.sale.lines.len() - 1;
        }
    }
    if notes.is_empty() {
        if s.flash.as_ref().is_some_and(|f| f.kind == FlashKind::Error) {
            s.flash = None;
        }
    } else {
        s.flash(FlashKind::Info, notes.join(" "));
    }
    vec![]
}
