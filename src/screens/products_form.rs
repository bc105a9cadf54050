//! The products screen's forms: a new product with its drug facts, a dated price change, and an
//! edit of a product's names, section, unit and drug facts. Each is checked here before it goes
//! to the store.

use super::products::*;
use super::{Ctx, Reply};
use crate::action::{Action, Scope};
use crate::domain::drug_policy::{check_facts, DrugClass, DrugFacts};
use crate::domain::stock::StockRefusal;
use crate::domain::money::parse_rupiah;
use crate::domain::patient::parse_date;
use crate::domain::stock::{check_price_change, check_product, over_cap};
use crate::store::products::ProductFields;

impl ProductsScreen {
    pub(super) fn form_action(&mut self, ctx: &Ctx, a: Action) -> Reply<ProductsOp> {
        let t = &ctx.text;
        let product = self.selected_product().cloned();
        let Some(f) = self.form.as_mut() else { return Reply::none() };
        let n = match f.kind {
            FormKind::New if is_drug_form(f) => NEW_FIELDS,
            FormKind::New => P_GENERIC,
            FormKind::Price => 3,
            FormKind::Edit if f.inputs[E_SECTION].value().trim().eq_ignore_ascii_case("obat") => EDIT_FIELDS,
            FormKind::Edit => E_GENERIC,
        };
        // F10 saves from any field: the checks below run as for Enter on the last one.
        let a = if a == Action::Save {
            f.focus = n - 1;
            Action::Confirm
        } else {
            a
        };
        match a {
            Action::Cancel | Action::Back => self.form = None,
            Action::NextField => f.focus = (f.focus + 1) % n,
            Action::PrevField => f.focus = (f.focus + n - 1) % n,
            Action::Confirm if f.focus + 1 < n => f.focus += 1,
            Action::Confirm if f.kind == FormKind::Edit => {
                let v = |i: usize| f.inputs[i].value().trim().to_string();
                let Some(p) = product else { return Reply::none() };
                let section = v(E_SECTION).to_lowercase();
                let drug = section == "obat";
                let generic = Some(v(E_GENERIC)).filter(|g| drug && !g.is_empty());
                if let Err(r) = check_product(&v(E_NAME), p.price, &section, generic.as_deref()) {
                    f.error = Some(t.stock_refusal(&r));
                    return Reply::none();
                }
                let class = match v(E_CLASS) {
                    c if c.is_empty() || !drug => None,
                    c => match DrugClass::parse_typed(&c).filter(|c| matches!(c, DrugClass::Bebas | DrugClass::BebasTerbatas | DrugClass::Keras)) {
                        Some(c) => Some(c),
                        None => {
                            f.error = Some(t.products_bad_class().into());
                            f.focus = E_CLASS;
                            return Reply::none();
                        }
                    },
                };
                let effective = class.or(p.drug.as_ref().map(|d| d.class)).unwrap_or(DrugClass::Keras);
                let facts = match drug_facts(&f.inputs, t, drug, effective, [E_STRENGTH, E_FORM, E_WARNING, E_LABEL, E_KFA]) {
                    Ok(facts) => facts,
                    Err((focus, e)) => return refuse(f, focus, e),
                };
                let fields = ProductFields {
                    barcode: Some(v(E_BARCODE)).filter(|b| !b.is_empty()),
                    name: v(E_NAME),
                    section,
                    unit: Some(v(E_UNIT)).filter(|u| !u.is_empty()).unwrap_or_else(|| "pcs".into()),
                    price: p.price,
                    member_price: p.member_price,
                    generic_name: generic,
                    class,
                    facts,
                };
                return Reply::op(ProductsOp::Edit(p.id, fields));
            }
            Action::Confirm => {
                let v = |i: usize| f.inputs[i].value().trim().to_string();
                let money = |i: usize| if v(i).is_empty() { Some(None) } else { parse_rupiah(&v(i)).map(Some) };
                let (Some(price), Some(member)) = (money(if f.kind == FormKind::New { P_PRICE } else { C_PRICE }), money(if f.kind == FormKind::New { P_MEMBER } else { C_MEMBER })) else {
                    f.error = Some(t.recv_bad_amount().into());
                    return Reply::none();
                };
                let price = price.unwrap_or(0);
                match f.kind {
                    FormKind::Edit => return Reply::none(),
                    FormKind::New => {
                        let section = v(P_SECTION).to_lowercase();
                        let drug = section == "obat";
                        let generic = Some(v(P_GENERIC)).filter(|g| drug && !g.is_empty());
                        if let Err(r) = check_product(&v(P_NAME), price, &section, generic.as_deref()) {
                            f.error = Some(t.stock_refusal(&r));
                            return Reply::none();
                        }
                        let class = if drug && !v(P_CLASS).is_empty() {
                            match DrugClass::parse_typed(&v(P_CLASS)).filter(|c| matches!(c, DrugClass::Bebas | DrugClass::BebasTerbatas | DrugClass::Keras)) {
                                Some(c) => Some(c),
                                None => {
                                    f.error = Some(t.products_bad_class().into());
                                    f.focus = P_CLASS;
                                    return Reply::none();
                                }
                            }
                        } else {
                            None
                        };
                        let facts = match drug_facts(&f.inputs, t, drug, class.unwrap_or(DrugClass::Keras), [P_STRENGTH, P_FORM, P_WARNING, P_LABEL, P_KFA]) {
                            Ok(facts) => facts,
                            Err((focus, e)) => return refuse(f, focus, e),
                        };
                        if let Err(r) = check_price_change(price, member, ctx.today(), ctx.today()) {
                            f.error = Some(t.stock_refusal(&r));
                            return Reply::none();
                        }
                        let barcode = Some(v(P_BARCODE)).filter(|b| !b.is_empty());
                        let unit = Some(v(P_UNIT)).filter(|u| !u.is_empty()).unwrap_or_else(|| "pcs".into());
                        return Reply::op(ProductsOp::Add(ProductFields { barcode, name: v(P_NAME), section, unit, price, member_price: member, generic_name: generic, class, facts }));
                    }
                    FormKind::Price => {
                        let Some(p) = product else { return Reply::none() };
                        // An empty member price keeps the one the product has.
                        let member = member.or(p.member_price);
                        let Some(from) = parse_date(&v(C_FROM)) else {
                            f.error = Some(t.recv_bad_date().into());
                            f.focus = C_FROM;
                            return Reply::none();
                        };
                        if let Err(r) = check_price_change(price, member, from, ctx.today()) {
                            f.error = Some(t.stock_refusal(&r));
                            return Reply::none();
                        }
                        if over_cap(price, p.price_cap) && f.cap_warned != Some(price) {
                            f.cap_warned = Some(price);
                            f.error = Some(t.products_over_cap(p.price_cap.unwrap_or(0), &ctx.key(Scope::ProductForm, Action::Confirm)));
                            return Reply::none();
                        }
                        return Reply::op(ProductsOp::ChangePrice { product_id: p.id, price, member_price: member, from });
                    }
                }
            }
            _ => {}
        }
        Reply::none()
    }

}

/// A drug's facts from the form's fields (strength, form, warning, label, KFA), checked; a
/// refusal names the field for the cursor and the message. None for a product that is no drug.
fn drug_facts(inputs: &[tui_input::Input], t: &crate::text::Text, drug: bool, class: DrugClass, fields: [usize; 5]) -> Result<Option<DrugFacts>, (usize, String)> {
    if !drug {
        return Ok(None);
    }
    let v = |i: usize| inputs[fields[i]].value().trim().to_string();
    check_facts(class, &v(0), &v(1), &v(2), &v(3), &v(4)).map(Some).map_err(|r| {
        let focus = match r {
            StockRefusal::BadLabel | StockRefusal::OralButNotSwallowed(_) => fields[3],
            StockRefusal::BadKfa => fields[4],
            _ => fields[2],
        };
        (focus, t.stock_refusal(&r))
    })
}

/// Show a refusal in the form, the cursor on its field.
fn refuse(f: &mut ProductForm, focus: usize, e: String) -> Reply<ProductsOp> {
    f.focus = focus;
    f.error = Some(e);
    Reply::none()
}
