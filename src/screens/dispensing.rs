//! The pharmacy's waiting prescriptions, in the order they were sent, each with its lines and
//! what is still owed. Enter hands out the selected one: every line still owed, as much as is in
//! stock (the rest stays owed and the prescription stays on the list), paid in cash at the exact
//! amount in the pharmacist's shift, with free programme drugs issued beside the sale
//! (`ops::dispense::dispense`). Substitutes are recorded through the same operation.

use super::{Ctx, Reply, ScreenId};
use crate::action::Action;
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DispenseOp {
    Load,
    /// Hand out what is owed of this prescription, as far as stock allows.
    HandOut(i64),
}

#[derive(Debug, Clone)]
pub enum DispenseMsg {
    Loaded(Vec<Prescription>),
    Done(String),
    Failed(String),
}

impl DispensingScreen {
    pub fn action(&mut self, _ctx: &Ctx, a: Action) -> Reply<DispenseOp> {
        match a {
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
            DispenseMsg::Loaded(list) => {
                self.waiting = list;
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
            let row = format!("    {} {} x{}{} - {}", it.generic_name, it.strength, format_milli(it.qty_milli), owed, it.directions);
            lines.push(Line::raw(row.chars().take(width).collect::<String>()));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
