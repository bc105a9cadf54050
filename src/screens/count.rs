//! The stock count (stock opname): start a sheet for a section or for everything, then count
//! line by line (type the quantity for the selected line, or scan a product to go to its line).
//! The count is blind: what the books say is not shown to the counter (a supervisor sees it).
//! Each count is saved as typed, so leaving the screen pauses the count and coming back resumes
//! it. F10 asks a supervisor to approve; the differences then go in as adjustments with the
//! reason, and the variance list (product, batch, expected, counted, value) is shown.

use super::{Ctx, Reply};
use crate::action::{Action, Scope};
use crate::domain::cart::parse_qty;
use crate::keymap::Key;
use crate::store::counts::CountSheet;
use crate::widgets::field;
use tui_input::Input;

/// The supervisor's approval form: name and PIN (unless a supervisor is logged in), then the
/// reason, always last.
#[derive(Debug, Clone)]
pub struct ApproveForm {
    pub inputs: Vec<Input>,
    pub focus: usize,
    pub with_pin: bool,
    pub error: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct CountScreen {
    pub sheet: Option<CountSheet>,
    pub loaded: bool,
    pub input: Input,
    pub selected: usize,
    pub approve: Option<ApproveForm>,
    /// The count just approved: its variance list.
    pub result: Option<CountSheet>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Approval {
    /// The supervisor logged in approves.
    Session,
    Pin { name: String, pin: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CountOp {
    Load,
    Start(Option<String>),
    Record { count_id: i64, product_id: i64, batch_id: Option<i64>, counted: i64 },
    Approve { count_id: i64, approval: Approval, reason: String },
}

#[derive(Debug, Clone)]
pub enum CountMsg {
    Loaded(Option<CountSheet>),
    Recorded { product_id: i64, batch_id: Option<i64>, counted: i64 },
    Approved(CountSheet),
    /// Refused or failed (the text in the user's language).
    Refused(String),
}

const SECTIONS: [&str; 3] = ["sembako", "obat", "lain"];

impl CountScreen {
    pub fn scope(&self) -> Scope {
        if self.approve.is_some() {
            Scope::CountApprove
        } else {
            Scope::Count
        }
    }

    pub fn action(&mut self, ctx: &Ctx, a: Action) -> Reply<CountOp> {
        if self.approve.is_some() {
            return self.approve_action(ctx, a);
        }
        let t = &ctx.text;
        match a {
            Action::Back if self.result.is_some() => {
                self.result = None;
                Reply::none()
            }
            Action::Back => Reply::home(),
            Action::ScrollUp | Action::ScrollDown => {
                let n = self.sheet.as_ref().map(|s| s.lines.len()).unwrap_or(0);
                if n > 0 {
                    self.selected = if a == Action::ScrollUp { self.selected.saturating_sub(1) } else { (self.selected + 1).min(n - 1) };
                }
                Reply::none()
            }
            Action::StartCount if self.sheet.is_some() => Reply::error(t.stock_refusal(&crate::domain::stock::StockRefusal::CountOpen)),
            Action::StartCount => {
                let section = self.input.value().trim().to_lowercase();
                if !section.is_empty() && !SECTIONS.contains(&section.as_str()) {
                    return Reply::error(t.count_bad_section());
                }
                self.input = Input::default();
                self.result = None;
                Reply::op(CountOp::Start(Some(section).filter(|s| !s.is_empty())))
            }
            Action::Submit => self.submit(ctx),
            Action::ApproveCount => match &self.sheet {
                None => Reply::error(t.stock_refusal(&crate::domain::stock::StockRefusal::NoCount)),
                Some(s) if s.lines.iter().all(|l| l.counted.is_none()) => Reply::error(t.count_nothing_counted()),
                Some(_) => {
                    let with_pin = !ctx.role().is_some_and(|r| r.approves());
                    let fields = if with_pin { 3 } else { 1 };
                    self.approve = Some(ApproveForm { inputs: vec![Input::default(); fields], focus: 0, with_pin, error: None });
                    Reply::none()
                }
            },
            _ => Reply::none(),
        }
    }

    /// Enter in the entry field: a scanned code or a name (any spelling) goes to its product's
    /// line; a number is the count of the selected line.
    fn submit(&mut self, ctx: &Ctx) -> Reply<CountOp> {
        let t = &ctx.text;
        let Some(sheet) = &self.sheet else { return Reply::error(t.count_start_hint(&ctx.key(Scope::Count, Action::StartCount))) };
        let text = self.input.value().trim().to_string();
        if text.is_empty() {
            return Reply::none();
        }
        let is_code = text.len() >= 6 && text.chars().all(|c| c.is_ascii_digit());
        if is_code {
            self.input = Input::default();
            return match sheet.lines.iter().position(|l| l.barcode.as_deref() == Some(&text) || l.plu.as_deref() == Some(&text)) {
                Some(i) => {
                    self.selected = i;
                    Reply::note(super::Note::DropError)
                }
                None => Reply::error(t.stock_refusal(&crate::domain::stock::StockRefusal::NotInSheet(String::new()))),
            };
        }
        if text.chars().any(char::is_alphabetic) {
            // A name in any spelling: go to the first line of the sheet that holds every word.
            let words = crate::domain::names::product_query(&format!("{text} "));
            let found = sheet.lines.iter().position(|l| {
                let key = crate::domain::names::product_key(&[&l.name]);
                let keys: Vec<&str> = key.split(' ').collect();
                words.iter().all(|w| keys.iter().any(|k| k.starts_with(w.key.as_str())))
            });
            self.input = Input::default();
            return match found {
                Some(i) => {
                    self.selected = i;
                    Reply::note(super::Note::DropError)
                }
                None => Reply::error(t.stock_refusal(&crate::domain::stock::StockRefusal::NotInSheet(String::new()))),
            };
        }
        let Some(qty) = parse_qty(&text).filter(|q| *q >= 0) else { return Reply::error(t.recv_bad_qty()) };
        let Some(line) = sheet.lines.get(self.selected) else { return Reply::none() };
        self.input = Input::default();
        Reply::op(CountOp::Record { count_id: sheet.id, product_id: line.product_id, batch_id: line.batch_id, counted: qty })
    }

    fn approve_action(&mut self, ctx: &Ctx, a: Action) -> Reply<CountOp> {
        let t = &ctx.text;
        let Some(f) = self.approve.as_mut() else { return Reply::none() };
        let n = f.inputs.len();
        match a {
            Action::Cancel | Action::Back => self.approve = None,
            Action::NextField => f.focus = (f.focus + 1) % n,
            Action::PrevField => f.focus = (f.focus + n - 1) % n,
            Action::Confirm if f.focus + 1 < n => f.focus += 1,
            Action::Confirm => {
                let value = |i: usize| f.inputs[i].value().trim().to_string();
                let reason = value(n - 1);
                if reason.is_empty() {
                    f.error = Some(t.stock_refusal(&crate::domain::stock::StockRefusal::NeedReason));
                    return Reply::none();
                }
                let approval = if f.with_pin {
                    if value(0).is_empty() || value(1).is_empty() {
                        f.error = Some(t.count_need_supervisor().into());
                        f.focus = if value(0).is_empty() { 0 } else { 1 };
                        return Reply::none();
                    }
                    Approval::Pin { name: value(0), pin: value(1) }
                } else {
                    Approval::Session
                };
                let Some(sheet) = &self.sheet else { return Reply::none() };
                return Reply::op(CountOp::Approve { count_id: sheet.id, approval, reason });
            }
            _ => {}
        }
        Reply::none()
    }

    pub fn typed(&mut self, key: &Key) {
        let Some(req) = field::edit_request(key) else { return };
        if let Some(f) = self.approve.as_mut() {
            f.error = None;
            let pin = f.with_pin && f.focus == 1;
            field::apply(&mut f.inputs[f.focus], req, |c| if pin { c.is_ascii_digit() } else { !c.is_control() }, 60);
            return;
        }
        field::apply(&mut self.input, req, |c| !c.is_control(), 24);
    }

    pub fn answer(&mut self, ctx: &Ctx, m: CountMsg) -> Reply<CountOp> {
        let t = &ctx.text;
        match m {
            CountMsg::Loaded(sheet) => {
                let same = self.sheet.as_ref().map(|s| s.id) == sheet.as_ref().map(|s| s.id);
                self.sheet = sheet;
                self.loaded = true;
                let n = self.sheet.as_ref().map(|s| s.lines.len()).unwrap_or(0);
                if !same {
                    // Resume where the counting stopped: the first line not counted yet.
                    self.selected = self.sheet.as_ref().and_then(|s| s.lines.iter().position(|l| l.counted.is_none())).unwrap_or(0);
                }
                self.selected = self.selected.min(n.saturating_sub(1));
                Reply::none()
            }
            CountMsg::Recorded { product_id, batch_id, counted } => {
                if let Some(s) = self.sheet.as_mut() {
                    if let Some(i) = s.lines.iter().position(|l| l.product_id == product_id && l.batch_id == batch_id) {
                        s.lines[i].counted = Some(counted);
                        self.selected = (i + 1).min(s.lines.len() - 1);
                    }
                }
                // A supervisor sees the books' figure of the moment: read the sheet again.
                let reload = if ctx.role().is_some_and(|r| r.approves()) { Reply::op(CountOp::Load) } else { Reply::none() };
                Reply::note(super::Note::DropError).then(reload)
            }
            CountMsg::Approved(sheet) => {
                self.approve = None;
                self.sheet = None;
                let adjusted = sheet.lines.iter().filter(|l| l.variance().is_some_and(|v| v != 0)).count();
                let msg = t.count_approved(sheet.id, adjusted);
                self.result = Some(sheet);
                Reply::info(msg)
            }
            CountMsg::Refused(text) => {
                if let Some(f) = self.approve.as_mut() {
                    f.error = Some(text);
                    Reply::none()
                } else {
                    Reply::error(text)
                }
            }
        }
    }
}
