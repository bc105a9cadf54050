//! Products and prices (supervisor, admin): find a product by any spelling as you type; add a
//! product with its drug facts; change its price and member price from a date (the price cap,
//! HET, warns as at the till; the history shows who changed what, when, old and new); print a
//! shelf label. Drawing is in `products_view.rs`.

use super::{Ctx, Reply};
use crate::action::{Action, Scope};
use crate::keymap::Key;
use crate::store::prices::PriceChange;
use crate::store::products::ProductFields;
use crate::store::stock::Product;
use crate::widgets::field;
use chrono::NaiveDate;
use tui_input::Input;

/// The new product's fields, in order (from the generic name on only for a drug).
pub const NEW_FIELDS: usize = 13;
pub const P_BARCODE: usize = 0;
pub const P_NAME: usize = 1;
pub const P_SECTION: usize = 2;
pub const P_UNIT: usize = 3;
pub const P_PRICE: usize = 4;
pub const P_MEMBER: usize = 5;
pub const P_GENERIC: usize = 6;
pub const P_CLASS: usize = 7;
pub const P_STRENGTH: usize = 8;
pub const P_FORM: usize = 9;
pub const P_WARNING: usize = 10;
pub const P_LABEL: usize = 11;
pub const P_KFA: usize = 12;

/// The price form's fields.
pub const C_PRICE: usize = 0;
pub const C_MEMBER: usize = 1;
pub const C_FROM: usize = 2;

/// The edit form's fields (the price changes through its own form, dated).
pub const E_BARCODE: usize = 0;
pub const E_NAME: usize = 1;
pub const E_SECTION: usize = 2;
pub const E_UNIT: usize = 3;
pub const E_GENERIC: usize = 4;
pub const E_CLASS: usize = 5;
pub const E_STRENGTH: usize = 6;
pub const E_FORM: usize = 7;
pub const E_WARNING: usize = 8;
pub const E_LABEL: usize = 9;
pub const E_KFA: usize = 10;
pub const EDIT_FIELDS: usize = 11;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    New,
    Price,
    Edit,
}

#[derive(Debug, Clone)]
pub struct ProductForm {
    pub kind: FormKind,
    pub inputs: Vec<Input>,
    pub focus: usize,
    pub error: Option<String>,
    /// The price over the cap that was warned about; Enter again saves it.
    pub cap_warned: Option<i64>,
}

#[derive(Debug, Clone, Default)]
pub struct ProductsScreen {
    pub search: Input,
    pub hits: Vec<Product>,
    pub selected: usize,
    pub history: Vec<PriceChange>,
    pub form: Option<ProductForm>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProductsOp {
    /// Apply the dated price changes whose day has come.
    ApplyDue,
    Search(String),
    History(i64),
    Add(ProductFields),
    Edit(i64, ProductFields),
    ChangePrice { product_id: i64, price: i64, member_price: Option<i64>, from: NaiveDate },
    Label(i64),
}

#[derive(Debug, Clone)]
pub enum ProductsMsg {
    Hits(String, Vec<Product>),
    History(i64, Vec<PriceChange>),
    /// Done (the message); the search runs again to show the change.
    Done(String),
    Refused(String),
}

pub(super) fn is_drug_form(f: &ProductForm) -> bool {
    f.inputs[P_SECTION].value().trim().eq_ignore_ascii_case("obat")
}

impl ProductsScreen {
    pub fn scope(&self) -> Scope {
        if self.form.is_some() {
            Scope::ProductForm
        } else {
            Scope::Products
        }
    }

    /// What to read again when the screen opens.
    pub fn reload(&self) -> Vec<ProductsOp> {
        let mut ops = vec![ProductsOp::ApplyDue];
        if !self.search.value().trim().is_empty() {
            ops.push(ProductsOp::Search(self.search.value().to_string()));
        }
        ops
    }

    pub fn selected_product(&self) -> Option<&Product> {
        self.hits.get(self.selected)
    }

    fn select(&mut self, i: usize) -> Reply<ProductsOp> {
        self.selected = i;
        self.history.clear();
        match self.hits.get(i) {
            Some(p) => Reply::op(ProductsOp::History(p.id)),
            None => Reply::none(),
        }
    }

    pub fn action(&mut self, ctx: &Ctx, a: Action) -> Reply<ProductsOp> {
        if self.form.is_some() {
            return self.form_action(ctx, a);
        }
        let t = &ctx.text;
        match a {
            Action::Back => Reply::home(),
            Action::ScrollUp if self.selected > 0 => self.select(self.selected - 1),
            Action::ScrollDown if self.selected + 1 < self.hits.len() => self.select(self.selected + 1),
            Action::AddProduct => {
                let mut inputs = vec![Input::default(); NEW_FIELDS];
                inputs[P_SECTION] = Input::new("sembako".into());
                inputs[P_UNIT] = Input::new("pcs".into());
                self.form = Some(ProductForm { kind: FormKind::New, inputs, focus: P_BARCODE, error: None, cap_warned: None });
                Reply::none()
            }
            Action::ChangePrice => match self.selected_product() {
                Some(_) => {
                    let mut inputs = vec![Input::default(); 3];
                    inputs[C_FROM] = Input::new(ctx.today().format("%d-%m-%Y").to_string());
                    self.form = Some(ProductForm { kind: FormKind::Price, inputs, focus: C_PRICE, error: None, cap_warned: None });
                    Reply::none()
                }
                None => Reply::error(t.products_pick_first()),
            },
            Action::EditProduct => match self.selected_product() {
                Some(p) => {
                    let mut inputs = vec![Input::default(); EDIT_FIELDS];
                    inputs[E_BARCODE] = Input::new(p.barcode.clone().unwrap_or_default());
                    inputs[E_NAME] = Input::new(p.name.clone());
                    inputs[E_SECTION] = Input::new(p.section.clone());
                    inputs[E_UNIT] = Input::new(p.unit.clone());
                    if let Some(d) = &p.drug {
                        inputs[E_GENERIC] = Input::new(d.generic_name.clone());
                        inputs[E_CLASS] = Input::new(d.class.code().to_string());
                        inputs[E_STRENGTH] = Input::new(d.strength.clone());
                        inputs[E_FORM] = Input::new(d.form.clone());
                        inputs[E_WARNING] = Input::new(d.warning.clone().unwrap_or_default());
                        inputs[E_LABEL] = Input::new(d.label.clone());
                        inputs[E_KFA] = Input::new(d.kfa_code.clone().unwrap_or_default());
                    }
                    self.form = Some(ProductForm { kind: FormKind::Edit, inputs, focus: E_NAME, error: None, cap_warned: None });
                    Reply::none()
                }
                None => Reply::error(t.products_pick_first()),
            },
            Action::ShelfLabel => match self.selected_product() {
                Some(p) => Reply::op(ProductsOp::Label(p.id)),
                None => Reply::error(t.products_pick_first()),
            },
            _ => Reply::none(),
        }
    }

    /// A key no binding claimed: into the form, or into the search box (which searches).
    pub fn typed(&mut self, key: &Key) -> Reply<ProductsOp> {
        let Some(req) = field::edit_request(key) else { return Reply::none() };
        if let Some(f) = self.form.as_mut() {
            f.error = None;
            let money = matches!((f.kind, f.focus), (FormKind::New, P_PRICE | P_MEMBER) | (FormKind::Price, C_PRICE | C_MEMBER));
            field::apply(&mut f.inputs[f.focus], req, |c| if money { c.is_ascii_digit() || c == '.' } else { !c.is_control() }, 48);
            return Reply::none();
        }
        let before = self.search.value().to_string();
        field::apply(&mut self.search, req, |c| !c.is_control(), 40);
        if self.search.value() == before {
            return Reply::none();
        }
        if self.search.value().trim().is_empty() {
            self.hits.clear();
            self.history.clear();
            return Reply::none();
        }
        Reply::op(ProductsOp::Search(self.search.value().to_string()))
    }

    pub fn answer(&mut self, _ctx: &Ctx, m: ProductsMsg) -> Reply<ProductsOp> {
        match m {
            // An answer for text no longer in the box is dropped.
            ProductsMsg::Hits(text, _) if text != self.search.value() => Reply::none(),
            ProductsMsg::Hits(_, hits) => {
                let keep = self.selected_product().map(|p| p.id);
                self.hits = hits;
                let i = keep.and_then(|id| self.hits.iter().position(|p| p.id == id)).unwrap_or(0);
                self.select(i)
            }
            ProductsMsg::History(id, list) => {
                if self.selected_product().map(|p| p.id) == Some(id) {
                    self.history = list;
                }
                Reply::none()
            }
            ProductsMsg::Done(text) => {
                self.form = None;
                let again = if self.search.value().trim().is_empty() { Reply::none() } else { Reply::op(ProductsOp::Search(self.search.value().to_string())) };
                Reply::info(text).then(again)
            }
            ProductsMsg::Refused(text) => match self.form.as_mut() {
                Some(f) => {
                    f.error = Some(text);
                    Reply::none()
                }
                None => Reply::error(text),
            },
        }
    }
}
