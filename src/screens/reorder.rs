//! The low-stock list: each product at or below its level, or whose stock will not last the
//! supplier's lead time plus the safety days, with the daily sales and the suggested order, by
//! supplier; F8 prints a purchase order per supplier.

use super::{Ctx, Reply, ScreenId};
use crate::action::Action;
use crate::domain::money::format_milli;
use super::supplier_return::{ReturnForm, ReturnOp};
use crate::domain::fefo::BatchStock;
use crate::keymap::Key;
use crate::store::reorder::ReorderLine;
use crate::store::stock::Product;
use crate::widgets;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui::Frame;

#[derive(Debug, Clone, Default)]
pub struct ReorderScreen {
    pub lines: Vec<ReorderLine>,
    pub loaded: bool,
    pub scroll: usize,
    /// Expired batches with a recorded supplier, and whether sending them back was asked once.
    pub expired: usize,
    pub return_asked: bool,
    /// Goods being sent back to a supplier by hand (F7).
    pub goods: Option<ReturnForm>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReorderOp {
    Load,
    Print,
    ReturnExpired,
    Goods(ReturnOp),
}

#[derive(Debug, Clone)]
pub enum ReorderMsg {
    /// The list, and how many expired batches could go back to their suppliers.
    Loaded(Vec<ReorderLine>, usize),
    Returned(String),
    Printed(String),
    Failed(String),
    /// The product scanned in the return form, with its batches.
    GoodsFound(Box<Product>, Vec<BatchStock>),
    /// Sent back (the message), or refused (the message; the form keeps everything).
    GoodsReturned(String),
    GoodsRefused(String),
}

fn goods(r: Reply<ReturnOp>) -> Reply<ReorderOp> {
    Reply { ops: r.ops.into_iter().map(ReorderOp::Goods).collect(), note: r.note, modal: r.modal, home: r.home }
}

impl ReorderScreen {
    pub fn scope(&self) -> crate::action::Scope {
        if self.goods.is_some() {
            crate::action::Scope::SupplierReturn
        } else {
            crate::action::Scope::Reorder
        }
    }

    /// A key no binding claimed: into the return form's focused field.
    pub fn typed(&mut self, key: &Key) {
        if let Some(f) = self.goods.as_mut() {
            f.typed(key);
        }
    }

    pub fn action(&mut self, ctx: &Ctx, a: Action) -> Reply<ReorderOp> {
        if let Some(f) = self.goods.as_mut() {
            let (reply, open) = f.action(ctx, a);
            if !open {
                self.goods = None;
            }
            return goods(reply);
        }
        let asked = std::mem::take(&mut self.return_asked);
        match a {
            Action::ReturnGoods => {
                self.goods = Some(ReturnForm::default());
                Reply::none()
            }
            Action::ReturnExpired if asked && self.expired > 0 => Reply::op(ReorderOp::ReturnExpired),
            Action::ReturnExpired => {
                self.return_asked = self.expired > 0;
                Reply::info(ctx.text.return_expired_ask(self.expired, &ctx.key(crate::action::Scope::Reorder, Action::ReturnExpired)))
            }
            Action::Back => Reply::home(),
            Action::ScrollUp => {
                self.scroll = self.scroll.saturating_sub(1);
                Reply::none()
            }
            Action::ScrollDown => {
                self.scroll = (self.scroll + 1).min(self.lines.len().saturating_sub(1));
                Reply::none()
            }
            Action::PrintOrders => Reply::op(ReorderOp::Print),
            _ => Reply::none(),
        }
    }

    pub fn answer(&mut self, ctx: &Ctx, m: ReorderMsg) -> Reply<ReorderOp> {
        match m {
            ReorderMsg::GoodsFound(product, batches) => match self.goods.as_mut() {
                Some(f) => goods(f.found(ctx, *product, batches)),
                None => Reply::none(),
            },
            ReorderMsg::GoodsReturned(text) => {
                self.goods = None;
                Reply::info(text).then(Reply::op(ReorderOp::Load))
            }
            ReorderMsg::GoodsRefused(text) => {
                if let Some(f) = self.goods.as_mut() {
                    f.refused();
                }
                Reply::error(text)
            }
            ReorderMsg::Loaded(lines, expired) => {
                self.lines = lines;
                self.expired = expired;
                self.loaded = true;
                self.scroll = self.scroll.min(self.lines.len().saturating_sub(1));
                Reply::none()
            }
            ReorderMsg::Printed(text) => Reply::info(text),
            ReorderMsg::Returned(text) => Reply::info(text).then(Reply::op(ReorderOp::Load)),
            ReorderMsg::Failed(text) => Reply::error(text),
        }
    }
}

fn fit(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    while out.chars().count() < n {
        out.push(' ');
    }
    out
}

pub fn render(frame: &mut Frame, area: Rect, s: &ReorderScreen, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let block = widgets::boxed(theme, t.screen_title(ScreenId::Reorder));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let h = t.reorder_columns();
    let mut lines = vec![
        Line::styled(t.reorder_settings(ctx.config.sales.reorder_days, ctx.config.sales.safety_days), theme.dim()),
        Line::styled(format!(" {:<24} {:>8} {:>8} {:>8} {:<7} {}", h[0], h[1], h[2], h[3], h[4], h[5]), theme.title()),
    ];
    if s.loaded && s.lines.is_empty() {
        lines.push(Line::styled(t.reorder_none(), theme.dim()));
    }
    for l in s.lines.iter().skip(s.scroll).take(inner.height.saturating_sub(2) as usize) {
        lines.push(Line::raw(format!(
            " {} {:>8} {:>8} {:>8} {} {} ({})",
            fit(&l.name, 24),
            format_milli(l.on_hand),
            format_milli(l.daily),
            format_milli(l.suggested),
            fit(&l.unit, 7),
            l.supplier.as_deref().unwrap_or("-"),
            l.lead_days
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(f) = &s.goods {
        f.render(frame, area, ctx);
    }
}
