//! Goods received (penerimaan barang): the supplier (picked from those used before, or typed),
//! the invoice number, date and total, then the lines by scan or search, each with its
//! quantity, unit cost, batch and expiry (drugs), or marked as free goods. The lines' value is
//! shown against the invoice total; F10 saves the whole delivery in one operation, which also
//! prints the receiving slip. Drawing is in `receiving_view.rs`.

use super::{Ctx, Reply};
use crate::action::Action;
use crate::domain::money::parse_rupiah;
use crate::domain::patient::parse_date;
use crate::domain::stock::against_invoice;
use crate::keymap::Key;
use crate::store::receiving::{Delivery, ReceiveLine};
use crate::store::products::ProductFields;
use crate::store::stock::{Found, Product};
use crate::widgets::field;
use chrono::NaiveDate;
use tui_input::Input;

/// The header's fields, in order.
pub const SUPPLIER: usize = 0;
pub const INVOICE: usize = 1;
pub const INVOICE_DATE: usize = 2;
pub const INVOICE_TOTAL: usize = 3;
/// The scan field comes after the header.
pub const SCAN: usize = 4;

/// The line dialog's fields.
pub const QTY: usize = 0;
pub const COST: usize = 1;
pub const BATCH: usize = 2;
pub const EXPIRY: usize = 3;

/// A line being typed for a product that was scanned or picked.
#[derive(Debug, Clone)]
pub struct LineForm {
    pub product: Product,
    pub inputs: [Input; 4],
    pub focus: usize,
    pub free: bool,
    pub error: Option<String>,
    /// The expiry the user was warned about (close to today); Enter again accepts it.
    pub warned: Option<NaiveDate>,
}

/// The new-product form's fields (an unknown barcode was scanned).
pub const NP_NAME: usize = 0;
pub const NP_SECTION: usize = 1;
pub const NP_UNIT: usize = 2;
pub const NP_PRICE: usize = 3;
pub const NP_GENERIC: usize = 4;

/// A short form for a product the catalog does not have yet, opened by its scanned barcode.
#[derive(Debug, Clone)]
pub struct NewProductForm {
    pub barcode: String,
    pub inputs: [Input; 5],
    pub focus: usize,
    pub error: Option<String>,
}

/// A line ready to be saved, with what the screen shows of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub product: Product,
    pub line: ReceiveLine,
}

#[derive(Debug, Clone, Default)]
pub struct ReceivingScreen {
    pub header: [Input; 5],
    pub focus: usize,
    pub lines: Vec<Line>,
    pub selected: usize,
    pub suppliers: Vec<String>,
    /// Search results for the words typed in the scan field, and the one chosen.
    pub hits: Vec<Product>,
    pub hit: usize,
    pub form: Option<LineForm>,
    pub new_product: Option<NewProductForm>,
    /// The invoice total that differs from the lines and was shown; F10 again saves.
    pub total_warned: Option<i64>,
    /// The delivery handed in and not yet answered (no second save meanwhile).
    pub saving: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceivingOp {
    /// The suppliers used before.
    Load,
    Scan(String),
    Search(String),
    Save(Delivery),
    AddProduct(ProductFields),
}

/// The store's answers.
#[derive(Debug, Clone)]
pub enum ReceivingMsg {
    Suppliers(Vec<String>),
    Found(Box<Found>),
    /// A code the catalog does not have: the new-product form opens for it.
    Unknown(String),
    /// A retail code with a wrong check digit (a misread): scan again.
    Misread(String),
    Hits(Vec<Product>),
    /// Saved: the receiving's id, lines and value.
    Saved { id: i64, lines: usize, value: i64 },
    /// Refused or failed; the text is in the user's language. The screen keeps everything.
    Refused(String),
}

impl ReceivingScreen {
    pub fn scope(&self) -> crate::action::Scope {
        if self.new_product.is_some() {
            crate::action::Scope::ReceiveNewProduct
        } else if self.form.is_some() {
            crate::action::Scope::ReceiveLine
        } else {
            crate::action::Scope::Receiving
        }
    }

    /// The supplier known before that the typed text starts (case aside), if any.
    pub fn supplier_suggestion(&self) -> Option<&str> {
        let typed = self.header[SUPPLIER].value().trim().to_lowercase();
        if typed.is_empty() {
            return None;
        }
        self.suppliers.iter().map(String::as_str).find(|s| s.to_lowercase().starts_with(&typed) && s.to_lowercase() != typed)
    }

    /// The lines' value, and the difference from the invoice total when one was typed.
    pub fn totals(&self) -> (i64, Option<i64>) {
        let invoice = parse_rupiah(self.header[INVOICE_TOTAL].value()).filter(|_| !self.header[INVOICE_TOTAL].value().trim().is_empty());
        against_invoice(self.lines.iter().map(|l| (l.line.qty_milli, l.line.unit_cost)), invoice)
    }

    fn move_focus(&mut self, forward: bool) {
        if self.focus == SUPPLIER && forward {
            if let Some(s) = self.supplier_suggestion().map(str::to_string) {
                self.header[SUPPLIER] = Input::new(s);
            }
        }
        self.focus = if forward { (self.focus + 1) % self.header.len() } else { (self.focus + self.header.len() - 1) % self.header.len() };
    }

    pub fn action(&mut self, ctx: &Ctx, a: Action) -> Reply<ReceivingOp> {
        if self.new_product.is_some() {
            return self.new_product_action(ctx, a);
        }
        if self.form.is_some() {
            return self.form_action(ctx, a);
        }
        let t = &ctx.text;
        match a {
            Action::Back if !self.hits.is_empty() => {
                self.hits.clear();
                Reply::none()
            }
            Action::Back => Reply::home(),
            Action::NextField | Action::PrevField => {
                self.move_focus(a == Action::NextField);
                Reply::none()
            }
            Action::ScrollUp | Action::ScrollDown if !self.hits.is_empty() => {
                let n = self.hits.len();
                self.hit = if a == Action::ScrollUp { (self.hit + n - 1) % n } else { (self.hit + 1) % n };
                Reply::none()
            }
            Action::ScrollUp | Action::ScrollDown if !self.lines.is_empty() => {
                let n = self.lines.len();
                self.selected = if a == Action::ScrollUp { self.selected.saturating_sub(1) } else { (self.selected + 1).min(n - 1) };
                Reply::none()
            }
            Action::Submit if !self.hits.is_empty() => {
                let p = self.hits[self.hit].clone();
                self.hits.clear();
                self.header[SCAN] = Input::default();
                // The last cost comes with a scan; a picked product asks the store the same way.
                match p.barcode.clone().or(p.plu.clone()) {
                    Some(code) => Reply::op(ReceivingOp::Scan(code)),
                    None => {
                        self.open_form(p, None);
                        Reply::none()
                    }
                }
            }
            Action::Submit if self.focus != SCAN => {
                self.move_focus(true);
                Reply::none()
            }
            Action::Submit | Action::SearchProduct => {
                let text = self.header[SCAN].value().trim().to_string();
                self.focus = SCAN;
                if text.is_empty() {
                    return Reply::error(t.recv_scan_first());
                }
                if a == Action::Submit && text.chars().all(|c| c.is_ascii_digit()) {
                    Reply::op(ReceivingOp::Scan(text))
                } else {
                    Reply::op(ReceivingOp::Search(text))
                }
            }
            Action::RemoveLine if !self.lines.is_empty() => {
                self.lines.remove(self.selected.min(self.lines.len() - 1));
                self.selected = self.selected.min(self.lines.len().saturating_sub(1));
                self.total_warned = None;
                Reply::none()
            }
            Action::Save => self.save(ctx),
            _ => Reply::none(),
        }
    }

    fn save(&mut self, ctx: &Ctx) -> Reply<ReceivingOp> {
        let t = &ctx.text;
        if self.saving {
            return Reply::none();
        }
        let supplier = self.header[SUPPLIER].value().trim().to_string();
        let invoice = self.header[INVOICE].value().trim().to_string();
        let (date_text, total_text) = (self.header[INVOICE_DATE].value().trim(), self.header[INVOICE_TOTAL].value().trim());
        let problem = if supplier.is_empty() {
            Some((SUPPLIER, t.recv_need_supplier()))
        } else if invoice.is_empty() {
            Some((INVOICE, t.recv_need_invoice()))
        } else if !date_text.is_empty() && parse_date(date_text).is_none() {
            Some((INVOICE_DATE, t.recv_bad_date()))
        } else if !total_text.is_empty() && parse_rupiah(total_text).is_none() {
            Some((INVOICE_TOTAL, t.recv_bad_amount()))
        } else if self.lines.is_empty() {
            Some((SCAN, t.recv_no_lines()))
        } else {
            None
        };
        if let Some((focus, msg)) = problem {
            self.focus = focus;
            return Reply::error(msg);
        }
        let (value, diff) = self.totals();
        if let Some(d) = diff.filter(|d| *d != 0) {
            if self.total_warned != Some(d) {
                self.total_warned = Some(d);
                return Reply::error(t.recv_total_differs(value, d, &ctx.key(crate::action::Scope::Receiving, Action::Save)));
            }
        }
        self.saving = true;
        Reply::op(ReceivingOp::Save(Delivery {
            supplier,
            invoice_no: invoice,
            invoice_date: parse_date(date_text),
            invoice_total: parse_rupiah(total_text).filter(|_| !total_text.is_empty()),
            lines: self.lines.iter().map(|l| l.line.clone()).collect(),
        }))
    }

    pub(super) fn open_form(&mut self, product: Product, cost: Option<i64>) {
        let mut inputs: [Input; 4] = Default::default();
        if let Some(c) = cost {
            inputs[COST] = Input::new(c.to_string());
        }
        self.form = Some(LineForm { product, inputs, focus: QTY, free: false, error: None, warned: None });
    }

    /// A key no binding claimed: into the focused field.
    pub fn typed(&mut self, key: &Key) {
        let Some(req) = field::edit_request(key) else { return };
        if let Some(f) = self.new_product.as_mut() {
            f.error = None;
            let price = f.focus == NP_PRICE;
            field::apply(&mut f.inputs[f.focus], req, |c| if price { c.is_ascii_digit() || c == '.' } else { !c.is_control() }, 40);
            return;
        }
        if let Some(f) = self.form.as_mut() {
            f.error = None;
            let accept = |c: char| match f.focus {
                QTY => c.is_ascii_digit() || c == ',' || c == '.',
                COST => c.is_ascii_digit() || c == '.',
                EXPIRY => c.is_ascii_digit() || c == '-' || c == '/',
                _ => !c.is_control(),
            };
            field::apply(&mut f.inputs[f.focus], req, accept, 24);
            return;
        }
        let focus = self.focus;
        let accept = |c: char| match focus {
            INVOICE_DATE => c.is_ascii_digit() || c == '-' || c == '/',
            INVOICE_TOTAL => c.is_ascii_digit() || c == '.',
            _ => !c.is_control(),
        };
        field::apply(&mut self.header[focus], req, accept, 40);
        if focus == SCAN {
            self.hits.clear();
        }
        if focus == INVOICE_TOTAL {
            self.total_warned = None;
        }
    }

    /// The store's answer to an operation.
    pub fn answer(&mut self, ctx: &Ctx, m: ReceivingMsg) -> Reply<ReceivingOp> {
        let t = &ctx.text;
        match m {
            ReceivingMsg::Suppliers(list) => {
                self.suppliers = list;
                Reply::none()
            }
            ReceivingMsg::Found(found) => {
                self.new_product = None;
                self.header[SCAN] = Input::default();
                self.hits.clear();
                if !found.product.active {
                    return Reply::error(t.recv_inactive(&found.product.name));
                }
                self.open_form(found.product, found.cost);
                Reply::note(super::Note::DropError)
            }
            ReceivingMsg::Unknown(code) => {
                self.header[SCAN] = Input::default();
                let mut inputs: [Input; 5] = Default::default();
                inputs[NP_SECTION] = Input::new("lain".into());
                self.new_product = Some(NewProductForm { barcode: code.clone(), inputs, focus: NP_NAME, error: None });
                Reply::info(t.recv_unknown(&code))
            }
            ReceivingMsg::Misread(code) => Reply::error(t.sale_bad_check_digit(&code)),
            ReceivingMsg::Hits(list) if list.is_empty() => Reply::error(t.recv_no_hits()),
            ReceivingMsg::Hits(list) => {
                self.hits = list;
                self.hit = 0;
                Reply::note(super::Note::DropError)
            }
            ReceivingMsg::Saved { id, lines, value } => {
                let suppliers = std::mem::take(&mut self.suppliers);
                *self = ReceivingScreen { suppliers, ..Default::default() };
                Reply::info(t.recv_saved(id, lines, value)).then(Reply::op(ReceivingOp::Load))
            }
            ReceivingMsg::Refused(text) => {
                self.saving = false;
                match self.new_product.as_mut() {
                    Some(f) => {
                        f.error = Some(text);
                        Reply::none()
                    }
                    None => Reply::error(text),
                }
            }
        }
    }
}
