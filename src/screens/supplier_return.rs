//! Goods going back to a supplier (damaged, or expired ones picked by hand), opened from the
//! low-stock list: the supplier, the reason (F8 switches damaged / expired), then the lines by
//! scan or name: each product's batch is chosen from those holding stock (the first to expire
//! first) and its quantity typed, never more than the batch holds. F10 sends it back in one
//! operation, which prints the return note for the supplier to sign.

use super::{Ctx, Reply};
use crate::action::Action;
use crate::domain::cart::parse_qty;
use crate::domain::fefo::BatchStock;
use crate::domain::money::format_milli;
use crate::keymap::Key;
use crate::store::stock::Product;
use crate::store::supplier_returns::{ReturnLine, ReturnReason};
use crate::widgets::{self, field};
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;
use tui_input::Input;

pub const SUPPLIER: usize = 0;
pub const SCAN: usize = 1;

/// A line on the return, with what the form shows of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnRow {
    pub name: String,
    pub unit: String,
    pub batch_no: Option<String>,
    pub line: ReturnLine,
}

/// A product scanned: its batches holding stock and the quantity being typed.
#[derive(Debug, Clone)]
pub struct Pending {
    pub product: Product,
    pub batches: Vec<BatchStock>,
    pub batch: usize,
    pub qty: Input,
    pub error: Option<String>,
}

#[derive(Debug, Clone)]
pub struct ReturnForm {
    pub supplier: Input,
    pub scan: Input,
    pub focus: usize,
    pub reason: ReturnReason,
    pub lines: Vec<ReturnRow>,
    pub selected: usize,
    pub pending: Option<Pending>,
    /// Handed in and not yet answered (no second save meanwhile).
    pub saving: bool,
}

impl Default for ReturnForm {
    fn default() -> Self {
        ReturnForm {
            supplier: Input::default(),
            scan: Input::default(),
            focus: SUPPLIER,
            reason: ReturnReason::Damaged,
            lines: Vec::new(),
            selected: 0,
            pending: None,
            saving: false,
        }
    }
}

/// What the form asks of the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReturnOp {
    /// A barcode, PLU or name: the product and its batches.
    Find(String),
    Save { supplier: String, reason: ReturnReason, lines: Vec<ReturnLine> },
}

impl ReturnForm {
    /// What the form does with an action, and whether it stays open.
    pub fn action(&mut self, ctx: &Ctx, a: Action) -> (Reply<ReturnOp>, bool) {
        let t = &ctx.text;
        if let Some(p) = self.pending.as_mut() {
            match a {
                Action::Cancel | Action::Back => self.pending = None,
                Action::ScrollUp if !p.batches.is_empty() => p.batch = (p.batch + p.batches.len() - 1) % p.batches.len(),
                Action::ScrollDown if !p.batches.is_empty() => p.batch = (p.batch + 1) % p.batches.len(),
                Action::Submit | Action::Save => {
                    let held = p.batches.get(p.batch).map(|b| b.on_hand).unwrap_or(0);
                    match parse_qty(p.qty.value().trim()).filter(|q| *q > 0) {
                        None => p.error = Some(t.recv_bad_qty().into()),
                        Some(q) if q > held => p.error = Some(t.return_above_stock(format_milli(held))),
                        Some(q) => {
                            let b = p.batches.get(p.batch).cloned();
                            let row = ReturnRow {
                                name: p.product.name.clone(),
                                unit: p.product.unit.clone(),
                                batch_no: b.as_ref().and_then(|b| b.batch_no.clone()),
                                line: ReturnLine { product_id: p.product.id, batch_id: b.and_then(|b| b.batch_id), qty_milli: q },
                            };
                            self.lines.push(row);
                            self.selected = self.lines.len() - 1;
                            self.pending = None;
                        }
                    }
                }
                _ => {}
            }
            return (Reply::none(), true);
        }
        match a {
            Action::Cancel | Action::Back => return (Reply::none(), false),
            Action::NextField | Action::PrevField => self.focus = if self.focus == SUPPLIER { SCAN } else { SUPPLIER },
            Action::ChangeReason => {
                self.reason = match self.reason {
                    ReturnReason::Damaged => ReturnReason::Expired,
                    ReturnReason::Expired => ReturnReason::Damaged,
                }
            }
            Action::ScrollUp => self.selected = self.selected.saturating_sub(1),
            Action::ScrollDown => self.selected = (self.selected + 1).min(self.lines.len().saturating_sub(1)),
            Action::RemoveLine if !self.lines.is_empty() => {
                self.lines.remove(self.selected.min(self.lines.len() - 1));
                self.selected = self.selected.min(self.lines.len().saturating_sub(1));
            }
            Action::Submit if self.focus == SUPPLIER => self.focus = SCAN,
            Action::Submit => {
                let text = self.scan.value().trim().to_string();
                if text.is_empty() {
                    return (Reply::error(t.recv_scan_first()), true);
                }
                return (Reply::op(ReturnOp::Find(text)), true);
            }
            Action::Save if self.saving => {}
            Action::Save => {
                let supplier = self.supplier.value().trim().to_string();
                if supplier.is_empty() {
                    self.focus = SUPPLIER;
                    return (Reply::error(t.recv_need_supplier()), true);
                }
                if self.lines.is_empty() {
                    self.focus = SCAN;
                    return (Reply::error(t.recv_no_lines()), true);
                }
                self.saving = true;
                let lines = self.lines.iter().map(|r| r.line.clone()).collect();
                return (Reply::op(ReturnOp::Save { supplier, reason: self.reason, lines }), true);
            }
            _ => {}
        }
        (Reply::none(), true)
    }

    /// A product found for the scan: choose its batch (the first to expire, first) and type
    /// the quantity. Batches already on the return count what is left.
    pub fn found(&mut self, ctx: &Ctx, product: Product, mut batches: Vec<BatchStock>) -> Reply<ReturnOp> {
        self.scan = Input::default();
        for b in &mut batches {
            let taken: i64 = self.lines.iter().filter(|r| r.line.product_id == product.id && r.line.batch_id == b.batch_id).map(|r| r.line.qty_milli).sum();
            b.on_hand -= taken;
        }
        batches.retain(|b| b.on_hand > 0);
        if batches.is_empty() {
            return Reply::error(ctx.text.return_no_stock(&product.name));
        }
        batches.sort_by_key(|b| (b.expiry.is_none(), b.expiry));
        self.pending = Some(Pending { product, batches, batch: 0, qty: Input::default(), error: None });
        Reply::note(super::Note::DropError)
    }

    /// Saved or refused.
    pub fn refused(&mut self) {
        self.saving = false;
    }

    pub fn typed(&mut self, key: &Key) {
        let Some(req) = field::edit_request(key) else { return };
        if let Some(p) = self.pending.as_mut() {
            p.error = None;
            field::apply(&mut p.qty, req, |c| c.is_ascii_digit() || c == ',' || c == '.', 12);
            return;
        }
        let input = if self.focus == SUPPLIER { &mut self.supplier } else { &mut self.scan };
        field::apply(input, req, |c| !c.is_control(), 40);
    }

    pub fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let t = &ctx.text;
        let theme = ctx.theme;
        let area = widgets::centered(area, 76, area.height.saturating_sub(2).max(12));
        frame.render_widget(Clear, area);
        let block = widgets::boxed(theme, t.return_title());
        let inner = block.inner(area).inner(Margin::new(1, 0));
        frame.render_widget(block, area);
        let row = |i: u16| Rect { y: inner.y + i, height: 1, ..inner };
        let label = |frame: &mut Frame, i: u16, s: &str| frame.render_widget(Span::styled(s.to_string(), theme.label()), Rect { width: 18, ..row(i) });
        label(frame, 0, t.doc_supplier());
        field::render(frame, Rect { x: inner.x + 18, width: 36, ..row(0) }, &self.supplier, self.focus == SUPPLIER && self.pending.is_none(), false, theme);
        let reason = format!("{}: {} ({})", t.doc_reason(), t.return_reason(self.reason), ctx.key(crate::action::Scope::SupplierReturn, Action::ChangeReason));
        frame.render_widget(Span::styled(reason, theme.text()), Rect { y: inner.y + 1, height: 1, ..inner });
        label(frame, 2, t.recv_scan_label());
        field::render(frame, Rect { x: inner.x + 18, width: 36, ..row(2) }, &self.scan, self.focus == SCAN && self.pending.is_none(), false, theme);
        let mut lines = Vec::new();
        for (i, r) in self.lines.iter().enumerate() {
            let mark = if i == self.selected { ">" } else { " " };
            let text = format!("{mark}{:<36} {:>8} {:<8} {}", r.name.chars().take(36).collect::<String>(), format_milli(r.line.qty_milli), r.unit, r.batch_no.as_deref().unwrap_or(""));
            lines.push(Line::styled(text, if i == self.selected { theme.field_focused() } else { theme.text() }));
        }
        let list_height = inner.height.saturating_sub(6);
        let skip = self.selected.saturating_sub(list_height.saturating_sub(1) as usize);
        frame.render_widget(Paragraph::new(lines.into_iter().skip(skip).collect::<Vec<_>>()), Rect { y: inner.y + 4, height: list_height, ..inner });
        let key = |a: Action| ctx.key(crate::action::Scope::SupplierReturn, a);
        let hint = t.return_hint(&key(Action::Submit), &key(Action::RemoveLine), &key(Action::Save), &key(Action::Cancel));
        frame.render_widget(Paragraph::new(Line::styled(hint, theme.dim())).wrap(ratatui::widgets::Wrap { trim: true }), Rect { y: inner.y + inner.height.saturating_sub(2), height: 2, ..inner });
        if let Some(p) = &self.pending {
            self.render_pending(frame, area, p, ctx);
        }
    }

    fn render_pending(&self, frame: &mut Frame, area: Rect, p: &Pending, ctx: &Ctx) {
        let t = &ctx.text;
        let theme = ctx.theme;
        let shown = p.batches.len().min(6) as u16;
        let area = widgets::centered(area, 64, shown + 8);
        frame.render_widget(Clear, area);
        let block = widgets::boxed(theme, &p.product.name);
        let inner = block.inner(area).inner(Margin::new(1, 0));
        frame.render_widget(block, area);
        let mut lines = Vec::new();
        for (i, b) in p.batches.iter().enumerate().take(6) {
            // An expired batch is one a return is for: marked, not hidden.
            let past = if crate::domain::fefo::is_expired(b.expiry, ctx.today()) { t.expired_mark() } else { "" };
            let expiry = b.expiry.map(|e| format!("ED {} {past}", e.format("%d-%m-%Y"))).unwrap_or_default();
            let mark = if i == p.batch { ">" } else { " " };
            let text = format!("{mark}{:<14} {:<26} {:>8} {}", b.batch_no.as_deref().unwrap_or("-"), expiry, format_milli(b.on_hand), p.product.unit);
            lines.push(Line::styled(text, if i == p.batch { theme.field_focused() } else { theme.text() }));
        }
        frame.render_widget(Paragraph::new(lines), Rect { y: inner.y, height: shown, ..inner });
        let y = inner.y + shown + 1;
        frame.render_widget(Span::styled(t.return_qty_label().to_string(), theme.label()), Rect { x: inner.x, y, width: 18, height: 1 });
        field::render(frame, Rect { x: inner.x + 18, y, width: 14, height: 1 }, &p.qty, true, false, theme);
        let msg = match &p.error {
            Some(e) => Line::styled(e.clone(), theme.error()),
            None => Line::styled(t.pick_hint(&ctx.key(crate::action::Scope::SupplierReturn, Action::Submit), &ctx.key(crate::action::Scope::SupplierReturn, Action::Cancel)), theme.dim()),
        };
        frame.render_widget(Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }), Rect { x: inner.x, y: y + 2, width: inner.width, height: 2 });
    }
}
