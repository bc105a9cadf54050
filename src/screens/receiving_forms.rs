//! The receiving screen's two dialogs: a line (quantity, cost, batch, expiry, free goods, with
//! the stock rules and the question about a close expiry) and the short new-product form for an
//! unknown barcode.

use super::receiving::{Line, ReceivingOp, ReceivingScreen, BATCH, COST, EXPIRY, NP_GENERIC, NP_NAME, NP_PRICE, NP_SECTION, NP_UNIT, QTY, SCAN};
use super::{Ctx, Reply};
use crate::action::Action;
use crate::domain::cart::parse_qty;
use crate::domain::money::parse_rupiah;
use crate::domain::patient::parse_date;
use crate::domain::stock::{check_line, expires_soon, LineCheck};
use crate::store::products::ProductFields;
use crate::store::receiving::ReceiveLine;

impl ReceivingScreen {
    pub(super) fn form_action(&mut self, ctx: &Ctx, a: Action) -> Reply<ReceivingOp> {
        let t = &ctx.text;
        let Some(f) = self.form.as_mut() else { return Reply::none() };
        let fields = if f.product.drug.is_some() { 4 } else { 2 };
        match a {
            Action::Cancel | Action::Back => self.form = None,
            Action::NextField => f.focus = (f.focus + 1) % fields,
            Action::PrevField => f.focus = (f.focus + fields - 1) % fields,
            Action::FreeGoods => {
                f.free = !f.free;
                f.error = None;
            }
            Action::Confirm if f.focus + 1 < fields => f.focus += 1,
            Action::Confirm => {
                let value = |i: usize| f.inputs[i].value().trim().to_string();
                let Some(qty) = parse_qty(&value(QTY)) else {
                    f.error = Some(t.recv_bad_qty().into());
                    f.focus = QTY;
                    return Reply::none();
                };
                let cost = if value(COST).is_empty() && f.free { Some(0) } else { parse_rupiah(&value(COST)) };
                let Some(cost) = cost else {
                    f.error = Some(t.recv_bad_amount().into());
                    f.focus = COST;
                    return Reply::none();
                };
                let expiry_text = value(EXPIRY);
                let expiry = if expiry_text.is_empty() { None } else { parse_date(&expiry_text) };
                if !expiry_text.is_empty() && expiry.is_none() {
                    f.error = Some(t.recv_bad_date().into());
                    f.focus = EXPIRY;
                    return Reply::none();
                }
                let batch = value(BATCH);
                let is_drug = f.product.drug.is_some();
                let check = LineCheck {
                    name: &f.product.name,
                    is_drug,
                    qty_milli: qty,
                    unit_cost: cost,
                    free: f.free,
                    batch_no: Some(batch.as_str()).filter(|b| !b.is_empty()),
                    expiry,
                };
                let today = ctx.today();
                if let Err(r) = check_line(&check, today) {
                    f.error = Some(t.stock_refusal(&r));
                    return Reply::none();
                }
                if let Some(e) = expiry.filter(|e| expires_soon(*e, today, ctx.config.sales.expiring_days)) {
                    if f.warned != Some(e) {
                        f.warned = Some(e);
                        f.error = Some(t.recv_expires_soon((e - today).num_days(), &ctx.key(crate::action::Scope::ReceiveLine, Action::Confirm)));
                        return Reply::none();
                    }
                }
                let line = ReceiveLine {
                    product_id: f.product.id,
                    batch_no: (is_drug && !batch.is_empty()).then_some(batch),
                    expiry: if is_drug { expiry } else { None },
                    qty_milli: qty,
                    unit_cost: cost,
                    free: f.free,
                };
                let product = f.product.clone();
                self.form = None;
                self.lines.push(Line { product, line });
                self.selected = self.lines.len() - 1;
                self.total_warned = None;
                self.focus = SCAN;
            }
            _ => {}
        }
        Reply::none()
    }

    pub(super) fn new_product_action(&mut self, ctx: &Ctx, a: Action) -> Reply<ReceivingOp> {
        let t = &ctx.text;
        let Some(f) = self.new_product.as_mut() else { return Reply::none() };
        let drug = f.inputs[NP_SECTION].value().trim().eq_ignore_ascii_case("obat");
        let fields = if drug { 5 } else { 4 };
        match a {
            Action::Cancel | Action::Back => self.new_product = None,
            Action::NextField => f.focus = (f.focus + 1) % fields,
            Action::PrevField => f.focus = (f.focus + fields - 1) % fields,
            Action::Confirm if f.focus + 1 < fields => f.focus += 1,
            Action::Confirm => {
                let value = |i: usize| f.inputs[i].value().trim().to_string();
                let Some(price) = parse_rupiah(&value(NP_PRICE)) else {
                    f.error = Some(t.recv_bad_amount().into());
                    f.focus = NP_PRICE;
                    return Reply::none();
                };
                let section = value(NP_SECTION).to_lowercase();
                let generic = Some(value(NP_GENERIC)).filter(|g| drug && !g.is_empty());
                if let Err(r) = crate::domain::stock::check_product(&value(NP_NAME), price, &section, generic.as_deref()) {
                    f.error = Some(t.stock_refusal(&r));
                    return Reply::none();
                }
                let unit = Some(value(NP_UNIT)).filter(|u| !u.is_empty()).unwrap_or_else(|| "pcs".into());
                return Reply::op(ReceivingOp::AddProduct(ProductFields {
                    barcode: Some(f.barcode.clone()),
                    name: value(NP_NAME),
                    section,
                    unit,
                    price,
                    member_price: None,
                    generic_name: generic,
                    class: None,
                    facts: None,
                }));
            }
            _ => {}
        }
        Reply::none()
    }
}
