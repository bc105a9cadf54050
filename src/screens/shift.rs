//! The cashier's shift (F9): open with a float, cash in and out with a reason, print an X report,
//! and close with a blind count (the expected cash is not shown here).

use super::{Ctx, Reply};
use crate::action::{Action, Scope};
use crate::domain::money::format_rupiah;
use crate::keymap::Key;
use crate::store::shifts::{CashTotals, Shift};
use crate::widgets::{self, centered, field};
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;
use tui_input::Input;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Open,
    CashIn,
    CashOut,
    Close,
}

/// A small dialog asking for an amount and a reason, or the count.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: EntryKind,
    pub inputs: Vec<Input>,
    pub focus: usize,
    pub error: Option<String>,
    /// Closing: the count read from the fields, waiting for a second Enter.
    pub confirm: Option<ShiftOp>,
}

#[derive(Debug, Clone, Default)]
pub struct ShiftScreen {
    pub shift: Option<(Shift, CashTotals)>,
    pub loaded: bool,
    pub entry: Option<Entry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShiftOp {
    Load,
    Open(i64),
    Cash { cash_in: bool, amount: i64, reason: String },
    XReport,
    /// The counted cash, the non-cash total the cashier reports, and the notes and coins when
    /// counted one by one.
    Close { counted: i64, noncash: i64, denominations: Option<String> },
}

/// Whole rupiah typed by a person: "150.000", "150000" or "Rp150.000".
pub fn parse_rupiah(s: &str) -> Option<i64> {
    // One rupiah reader for the whole counter: dots must group by three ("1.5000" is refused).
    crate::domain::money::parse_rupiah(s).filter(|v| *v >= 0)
}

impl ShiftScreen {
    fn open_entry(&mut self, kind: EntryKind) {
        let fields = match kind {
            EntryKind::Open => 1,
            _ => 2,
        };
        self.entry = Some(Entry { kind, inputs: vec![Input::default(); fields], focus: 0, error: None, confirm: None });
    }

    /// A shift key; `sale_open` says a sale is in progress on the sale screen (a shift does not
    /// close over it).
    pub fn action(&mut self, ctx: &Ctx, a: Action, sale_open: bool) -> Reply<ShiftOp> {
        let want_open = match a {
            Action::OpenShift => false,
            Action::CashIn | Action::CashOut | Action::CloseShift | Action::XReport => true,
            _ => return Reply::none(),
        };
        if self.shift.is_some() != want_open {
            let t = &ctx.text;
            return Reply::error(if want_open { t.shift_none_open().to_string() } else { t.store_error(&crate::store::StoreError::ShiftAlreadyOpen) });
        }
        match a {
            Action::OpenShift => self.open_entry(EntryKind::Open),
            Action::CashIn => self.open_entry(EntryKind::CashIn),
            Action::CashOut => self.open_entry(EntryKind::CashOut),
            Action::CloseShift if sale_open => return Reply::error(ctx.text.shift_sale_open()),
            Action::CloseShift => self.open_entry(EntryKind::Close),
            Action::XReport => return Reply::op(ShiftOp::XReport),
            _ => {}
        }
        Reply::none()
    }

    /// Keys while the entry dialog is open.
    pub fn entry_key(&mut self, ctx: &Ctx, a: Option<Action>, key: &Key) -> Reply<ShiftOp> {
        let t = &ctx.text;
        let Some(e) = self.entry.as_mut() else { return Reply::none() };
        match a {
            // Esc on the closing question goes back to the count; otherwise it leaves the dialog.
            Some(Action::Cancel) if e.confirm.is_some() => {
                e.confirm = None;
                Reply::none()
            }
            Some(Action::Cancel) => {
                self.entry = None;
                Reply::none()
            }
            Some(Action::Confirm) if e.confirm.is_some() => {
                let op = e.confirm.take();
                self.entry = None;
                op.map(Reply::op).unwrap_or_else(Reply::none)
            }
            Some(Action::NextField) | Some(Action::PrevField) => {
                e.focus = (e.focus + 1) % e.inputs.len();
                Reply::none()
            }
            Some(Action::Confirm) if e.kind == EntryKind::Close => {
                // The count is asked about once more, with the amounts read, before it is final.
                let second = e.inputs.get(1).map(|i| i.value().trim().to_string()).unwrap_or_default();
                match (crate::domain::cash::parse_count(e.inputs[0].value()), parse_rupiah(if second.is_empty() { "0" } else { &second })) {
                    (Ok(count), Some(noncash)) => {
                        e.error = None;
                        e.confirm = Some(ShiftOp::Close { counted: count.total, noncash, denominations: count.denominations });
                    }
                    (Err(err), _) => e.error = Some(t.count_error(&err)),
                    (_, None) => e.error = Some(t.shift_bad_amount().to_string()),
                }
                Reply::none()
            }
            Some(Action::Confirm) => {
                let amount = parse_rupiah(e.inputs[0].value());
                let second = e.inputs.get(1).map(|i| i.value().trim().to_string()).unwrap_or_default();
                let op = match (e.kind, amount) {
                    (_, None) => Err(t.shift_bad_amount()),
                    (EntryKind::Open, Some(a)) => Ok(ShiftOp::Open(a)),
                    (EntryKind::CashIn | EntryKind::CashOut, Some(0)) => Err(t.shift_bad_amount()),
                    (EntryKind::CashIn | EntryKind::CashOut, Some(_)) if second.is_empty() => Err(t.shift_need_reason()),
                    (EntryKind::CashIn, Some(a)) => Ok(ShiftOp::Cash { cash_in: true, amount: a, reason: second }),
                    (EntryKind::CashOut, Some(a)) => Ok(ShiftOp::Cash { cash_in: false, amount: a, reason: second }),
                    (EntryKind::Close, _) => unreachable!("the count is read above"),
                };
                match op {
                    Ok(op) => {
                        self.entry = None;
                        Reply::op(op)
                    }
                    Err(msg) => {
                        e.error = Some(msg.to_string());
                        Reply::none()
                    }
                }
            }
            _ => {
                if let Some(req) = field::edit_request(key) {
                    e.error = None;
                    e.confirm = None;
                    let reason = e.kind != EntryKind::Close && e.focus == 1;
                    // The count may be typed note by note: 100000x2 50000x1.
                    let count = e.kind == EntryKind::Close && e.focus == 0;
                    let ok = |c: char| if reason { !c.is_control() } else { c.is_ascii_digit() || c == '.' || count && matches!(c, 'x' | 'X' | ' ' | ',') };
                    field::apply(&mut e.inputs[e.focus], req, ok, 60);
                }
                Reply::none()
            }
        }
    }
}

pub fn render(frame: &mut Frame, area: Rect, screen: &ShiftScreen, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let block = widgets::boxed(theme, t.screen_title(super::ScreenId::Shift));
    let inner = block.inner(area).inner(Margin::new(1, 1));
    frame.render_widget(block, area);
    let mut lines = Vec::new();
    match &screen.shift {
        None => lines.push(Line::styled(t.shift_none_open(), theme.label())),
        Some((sh, totals)) => {
            let opened = ctx.config.site.zone.local(sh.opened_at).format("%d-%m-%Y %H:%M").to_string();
            lines.push(Line::styled(t.shift_status(&format!("#{}", sh.id), &opened, &format_rupiah(sh.opening_float)), theme.label()));
            lines.push(Line::raw(""));
            lines.push(Line::raw(format!("{:<14}{:>14}", t.doc_cash_in(), format_rupiah(totals.cash_in))));
            lines.push(Line::raw(format!("{:<14}{:>14}", t.doc_cash_out(), format_rupiah(totals.cash_out))));
            lines.push(Line::raw(""));
            lines.push(Line::styled(t.shift_blind_note(), theme.dim()));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(e) = &screen.entry {
        render_entry(frame, area, ctx, e);
    }
}

fn render_entry(frame: &mut Frame, body: Rect, ctx: &Ctx, e: &Entry) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let (title, labels): (&str, Vec<&str>) = match e.kind {
        EntryKind::Open => (t.action_help(Action::OpenShift), vec![t.shift_open_prompt()]),
        EntryKind::CashIn => (t.action_help(Action::CashIn), vec![t.shift_amount_prompt(), t.shift_reason_prompt()]),
        EntryKind::CashOut => (t.action_help(Action::CashOut), vec![t.shift_amount_prompt(), t.shift_reason_prompt()]),
        EntryKind::Close => (t.action_help(Action::CloseShift), vec![t.shift_count_prompt(), t.shift_noncash_prompt()]),
    };
    let area = centered(body, 70, labels.len() as u16 + 6);
    frame.render_widget(Clear, area);
    let block = widgets::boxed(theme, title);
    let inner = block.inner(area).inner(Margin::new(1, 1));
    frame.render_widget(block, area);
    for (i, label) in labels.iter().enumerate() {
        let row = Rect { y: inner.y + i as u16, height: 1, ..inner };
        frame.render_widget(Span::styled(label.to_string(), theme.label()), Rect { width: 28, ..row });
        field::render(frame, Rect { x: row.x + 28, width: inner.width.saturating_sub(28), ..row }, &e.inputs[i], e.focus == i, false, theme);
    }
    let y = inner.y + labels.len() as u16 + 1;
    let msg = match (&e.error, &e.confirm) {
        (Some(err), _) => Line::styled(err.clone(), theme.error()),
        (None, Some(ShiftOp::Close { counted, noncash, .. })) => Line::styled(t.shift_close_confirm(*counted, *noncash), theme.info()),
        (None, _) if e.kind == EntryKind::Close => Line::styled(t.shift_count_hint(), theme.dim()),
        (None, _) => Line::styled(t.entry_hint(&ctx.key(Scope::Entry, Action::Confirm), &ctx.key(Scope::Entry, Action::Cancel)), theme.dim()),
    };
    frame.render_widget(msg, Rect { y, height: 1, ..inner });
}

#[cfg(test)]
mod tests {
    use super::parse_rupiah;

    #[test]
    fn rupiah_as_typed() {
        assert_eq!(parse_rupiah("150.000"), Some(150_000));
        assert_eq!(parse_rupiah("Rp150.000"), Some(150_000));
        assert_eq!(parse_rupiah("0"), Some(0));
        assert_eq!(parse_rupiah("-5"), None);
        assert_eq!(parse_rupiah("1,5"), None);
        assert_eq!(parse_rupiah("1.5000"), None, "a blind count typed with a stray dot is refused, as at the till");
        assert_eq!(parse_rupiah(""), None);
    }
}
