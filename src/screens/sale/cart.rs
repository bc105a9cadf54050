//! A product on its way onto the cart: the drug rules, the quantity, the stock by batch (FEFO)
//! and the price warnings.

use super::{pharmacist, CartLine, Found, Mode, SaleOp, SaleScreen, RX_FIELDS, RX_PATIENT};
use crate::config::SalesSettings;
use crate::domain::cart::{self, LineRefusal};
use crate::domain::drug_policy::{Prescription, Verdict};
use crate::domain::fefo::{self, BatchStock};
use crate::screens::{Ctx, Note, Reply};
use crate::store::stock::Product;
use tui_input::Input;

fn fefo_rules(settings: &SalesSettings, p: &Product) -> fefo::Rules {
    fefo::Rules { warn_days: settings.expiring_days, block_near_expiry: settings.block_near_expiry, allow_negative: p.allow_negative }
}

impl SaleScreen {
    /// How much of a product the cart holds (other lines than `except`).
    fn in_cart(&self, product_id: i64, except: Option<usize>) -> i64 {
        self.lines.iter().enumerate().filter(|(i, l)| l.product.id == product_id && Some(*i) != except).map(|(_, l)| l.qty_milli).sum()
    }

    /// Check stock for a quantity of a product on top of what the cart holds; the warnings to show.
    pub(super) fn stock_check(&self, ctx: &Ctx, p: &Product, batches: &[BatchStock], qty: i64, except: Option<usize>) -> Result<Vec<String>, String> {
        let t = &ctx.text;
        let want = self.in_cart(p.id, except) + qty;
        match fefo::pick(batches, want, ctx.today(), fefo_rules(&ctx.config.sales, p)) {
            Ok(picked) => Ok(picked.expiring_soon.map(|d| t.sale_expiring_soon(&p.name, &d.format("%d-%m-%Y").to_string())).into_iter().collect()),
            Err(fefo::PickError::Short { available, expired }) => Err(t.sale_out_of_stock(&p.name, available - self.in_cart(p.id, except), expired, &p.unit)),
        }
    }

    /// A product found by a scan or search: the line check (`domain::cart::check_line`, the same
    /// one the sale's transaction runs), a prescription when the drug rule asks for one, then onto
    /// the cart.
    pub fn found(&mut self, ctx: &Ctx, f: Found) -> Reply<SaleOp> {
        self.last = None;
        match self.check(ctx, &f, false) {
            Err(LineRefusal::Drug(_, Verdict::NeedsPrescription)) => {
                // Ask for the prescription; the line is added when it is recorded.
                self.pending = Some(f);
                self.mode = Mode::Prescription;
                self.form = vec![Input::default(); RX_FIELDS];
                self.rx_hits.clear();
                self.rx_patient = self.patient.clone();
                if let Some((_, name)) = &self.patient {
                    self.form[RX_PATIENT] = Input::new(name.clone());
                }
                self.focus = 0;
                Reply::none()
            }
            Err(e) => Reply::error(self.refusal_text(ctx, &f.product, e)),
            Ok(_) => {
                let notes = f.product.drug.as_ref().and_then(|d| d.warning.as_ref()).map(|w| ctx.text.drug_warning(w).to_string()).into_iter().collect();
                self.add_line(ctx, f, None, notes)
            }
        }
    }

    /// The line check for a product found, on top of what the cart already holds of it.
    fn check(&self, ctx: &Ctx, f: &Found, has_prescription: bool) -> Result<fefo::Picked, LineRefusal> {
        let p = &f.product;
        let want = self.in_cart(p.id, None) + f.qty_milli;
        let s = &ctx.config.sales;
        cart::check_line(p.line_facts(f.fixed_amount), f.qty_milli, &s.drug_policy, pharmacist(ctx), has_prescription, &f.batches, want, ctx.today(), fefo_rules(s, p))
    }

    fn refusal_text(&self, ctx: &Ctx, p: &Product, e: LineRefusal) -> String {
        let t = &ctx.text;
        match e {
            LineRefusal::Inactive => t.sale_inactive(&p.name),
            LineRefusal::Quantity(q) => t.qty_error(&p.name, q),
            LineRefusal::Drug(class, v) => t.drug_verdict(&p.name, class, v),
            LineRefusal::OutOfStock { available, expired } => t.sale_out_of_stock(&p.name, available - self.in_cart(p.id, None), expired, &p.unit),
        }
    }

    pub(super) fn add_line(&mut self, ctx: &Ctx, f: Found, prescription: Option<Prescription>, mut notes: Vec<String>) -> Reply<SaleOp> {
        let p = &f.product;
        match self.check(ctx, &f, prescription.is_some()) {
            Err(e) => return Reply::error(self.refusal_text(ctx, p, e)),
            Ok(picked) => notes.extend(picked.expiring_soon.map(|d| ctx.text.sale_expiring_soon(&p.name, &d.format("%d-%m-%Y").to_string()))),
        }
        let price = if self.member.is_some() { p.member_price.unwrap_or(p.price) } else { p.price };
        for w in cart::price_warnings(price, f.cost, p.price_cap) {
            notes.push(ctx.text.price_warning(&p.name, w));
        }
        // Scanning the same piece again adds one to its line.
        let same = self.lines.iter().position(|l| {
            l.product.id == p.id && l.product.by_piece() && l.fixed_amount.is_none() && f.fixed_amount.is_none() && l.prescription.is_none() && prescription.is_none()
        });
        match same {
            Some(i) => {
                self.lines[i].qty_milli += f.qty_milli;
                self.selected = i;
            }
            None => {
                self.lines.push(CartLine { product: f.product, qty_milli: f.qty_milli, fixed_amount: f.fixed_amount, prescription, batches: f.batches, cost: f.cost, change: None });
                self.selected = self.lines.len() - 1;
            }
        }
        if notes.is_empty() {
            // A good scan takes down the error a bad one left.
            Reply::note(Note::DropError)
        } else {
            Reply::info(notes.join(" "))
        }
    }
}
