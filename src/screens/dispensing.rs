//! The pharmacy's waiting prescriptions, in the order they were sent, each with its lines and
//! what is still owed. Enter hands out the selected one: every line still owed, as much as is in
//! stock (the rest stays owed and the prescription stays on the list), paid in cash at the exact
//! amount in the pharmacist's shift, with free programme drugs issued beside the sale
//! (`ops::dispense::dispense`). F7 hands out one line: a quantity of its own (the rest stays
//! owed), or a substitute from the formulary with its reason.

use super::{Ctx, Reply, ScreenId};
use crate::action::{Action, Scope};
use crate::keymap::Key;
use crate::store::clinic::dispense::HandOut;
use crate::widgets::field;
use tui_input::Input;
use crate::domain::money::format_milli;
use crate::store::clinic::rx::Prescription;
use crate::widgets;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

#[derive(Debug, Clone, Default)]
pub struct DispensingScreen {
    pub waiting: Vec<Prescription>,
    pub selected: usize,
    pub loaded: bool,
    /// The formulary: (product id, name, generic, external use), for substitutes.
    pub drugs: Vec<(i64, String, String, bool)>,
    /// One line being handed out: line number, substitute, quantity, reason.
    pub form: Option<(Vec<Input>, usize)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DispenseOp {
    Load,
    /// Hand out what is owed of this prescription, as far as stock allows.
    HandOut(i64),
    /// Hand out these lines of a prescription (paid in cash at the exact amount).
    HandOutLines(i64, Vec<HandOut>),
}

#[derive(Debug, Clone)]
pub enum DispenseMsg {
    Loaded(Vec<Prescription>, Vec<(i64, String, String, bool)>),
    Done(String),
    Failed(String),
}

impl DispensingScreen {
    pub fn scope(&self) -> Scope {
        if self.form.is_some() {
            Scope::DispenseForm
        } else {
            Scope::Dispensing
        }
    }

    pub fn typed(&mut self, key: &Key) {
        if let (Some((inputs, focus)), Some(req)) = (self.form.as_mut(), field::edit_request(key)) {
            field::apply(&mut inputs[*focus], req, |_| true, 60);
        }
    }

    /// The line the form describes, or why it does not read.
    fn form_line(&self, ctx: &Ctx) -> Result<(i64, HandOut), String> {
        let t = &ctx.text;
        let (Some((inputs, _)), Some(rx)) = (&self.form, self.waiting.get(self.selected)) else { return Err(String::new()) };
        let v = |i: usize| inputs[i].value().trim().to_string();
        let item = v(0).parse::<i64>().ok().and_then(|n| rx.items.iter().find(|i| i.line_no == n)).ok_or_else(|| t.dispense_bad_line().to_string())?;
        let product_id = if v(1).is_empty() {
            item.product_id
        } else {
            let q = v(1).to_lowercase();
            self.drugs.iter().find(|(_, n, g, _)| n.to_lowercase().starts_with(&q) || g.to_lowercase().starts_with(&q)).map(|d| d.0).ok_or_else(|| t.dispense_bad_drug(&v(1)))?
        };
        let qty = if v(2).is_empty() { Some(item.owed()) } else { crate::domain::cart::parse_qty(&v(2)) }.filter(|q| *q > 0).ok_or_else(|| t.dispense_bad_qty().to_string())?;
        let reason = Some(v(3)).filter(|r| !r.is_empty());
        Ok((rx.id, HandOut { item_id: item.id, product_id, qty_milli: qty, substitute_reason: reason }))
    }

    pub fn action(&mut self, ctx: &Ctx, a: Action) -> Reply<DispenseOp> {
        if let Some((inputs, focus)) = self.form.as_mut() {
            let n = inputs.len();
            match a {
                Action::Cancel | Action::Back => self.form = None,
                Action::NextField => *focus = (*focus + 1) % n,
                Action::PrevField => *focus = (*focus + n - 1) % n,
                Action::Confirm if *focus + 1 < n => *focus += 1,
                Action::Confirm => match self.form_line(ctx) {
                    Ok((rx, line)) => {
                        self.form = None;
                        return Reply::op(DispenseOp::HandOutLines(rx, vec![line]));
                    }
                    Err(e) => return Reply::error(e),
                },
                _ => {}
            }
            return Reply::none();
        }
        match a {
            Action::HandOutLine if !self.waiting.is_empty() => {
                self.form = Some((vec![Input::new("1".into()), Input::default(), Input::default(), Input::default()], 1));
                Reply::none()
            }
            Action::Back => Reply::home(),
            Action::ScrollUp => {
                self.selected = self.selected.saturating_sub(1);
                Reply::none()
            }
            Action::ScrollDown => {
                self.selected = (self.selected + 1).min(self.waiting.len().saturating_sub(1));
                Reply::none()
            }
            Action::Submit => match self.waiting.get(self.selected) {
                Some(p) => Reply::op(DispenseOp::HandOut(p.id)),
                None => Reply::none(),
            },
            _ => Reply::none(),
        }
    }

    pub fn answer(&mut self, m: DispenseMsg) -> Reply<DispenseOp> {
        match m {
            DispenseMsg::Loaded(list, drugs) => {
                self.waiting = list;
                self.drugs = drugs;
                self.loaded = true;
                self.selected = self.selected.min(self.waiting.len().saturating_sub(1));
                Reply::none()
            }
            DispenseMsg::Done(text) => Reply::info(text).then(Reply::op(DispenseOp::Load)),
            DispenseMsg::Failed(text) => Reply::error(text).then(Reply::op(DispenseOp::Load)),
        }
    }
}

pub fn render(frame: &mut Frame, area: Rect, s: &DispensingScreen, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let block = widgets::boxed(theme, t.screen_title(ScreenId::Dispensing));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let mut lines = Vec::new();
    if s.loaded && s.waiting.is_empty() {
        lines.push(Line::styled(t.dispense_none(), theme.dim()));
    }
    for (i, p) in s.waiting.iter().enumerate() {
        let mark = if i == s.selected { ">" } else { " " };
        let ticket = p.ticket_label.clone().unwrap_or_else(|| "-".into());
        let head = format!("{mark} {} {} {} ({}) {}", p.number, ticket, p.patient_name, p.rm_number, p.prescriber);
        lines.push(Line::styled(head.chars().take(width).collect::<String>(), if i == s.selected { theme.title() } else { theme.text() }));
        for it in &p.items {
            let owed = if it.dispensed_milli > 0 { format!(" ({} {})", t.dispense_owed(), format_milli(it.owed())) } else { String::new() };
            let row = format!("    {}. {} {} x{} {}{} - {}", it.line_no, it.generic_name, it.strength, format_milli(it.qty_milli), it.unit, owed, it.directions);
            lines.push(Line::raw(row.chars().take(width).collect::<String>()));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some((inputs, focus)) = &s.form {
        let area = widgets::centered(area, 64, 8);
        frame.render_widget(ratatui::widgets::Clear, area);
        let block = widgets::boxed(theme, t.dispense_form_title());
        let inner = block.inner(area).inner(Margin::new(1, 0));
        frame.render_widget(block, area);
        for (i, input) in inputs.iter().enumerate() {
            let y = inner.y + i as u16;
            if y >= inner.bottom() {
                break;
            }
            let label = format!("{:<16}", t.dispense_form_field(i));
            frame.render_widget(ratatui::text::Span::styled(label, theme.label()), Rect { x: inner.x, y, width: 16, height: 1 });
            field::render(frame, Rect { x: inner.x + 16, y, width: inner.width.saturating_sub(16), height: 1 }, input, i == *focus, false, theme);
        }
        let hint_y = inner.y + inputs.len() as u16 + 1;
        if hint_y < inner.bottom() {
            frame.render_widget(Line::styled(t.dispense_form_hint(), theme.dim()), Rect { x: inner.x, y: hint_y, width: inner.width, height: 1 });
        }
    }
}
