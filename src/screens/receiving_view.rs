//! Drawing the receiving screen: the invoice header, the scan field, the lines with their value
//! against the invoice total, and the line dialog or the search results over them.

use super::receiving::{ReceivingScreen, BATCH, COST, EXPIRY, INVOICE, INVOICE_DATE, INVOICE_TOTAL, QTY, SCAN, SUPPLIER};
use super::{Ctx, ScreenId};
use crate::action::{Action, Scope};
use crate::domain::money::{format_milli, format_rupiah};
use crate::domain::stock::line_value;
use crate::widgets::{self, centered, field};
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

fn fit(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    while out.chars().count() < n {
        out.push(' ');
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn labelled(frame: &mut Frame, row: Rect, x: u16, label: &str, width: u16, input: &tui_input::Input, focused: bool, ctx: &Ctx) {
    let lw = label.chars().count() as u16 + 1;
    frame.render_widget(Span::styled(label.to_string(), ctx.theme.label()), Rect { x: row.x + x, width: lw, ..row });
    field::render(frame, Rect { x: row.x + x + lw, width, ..row }, input, focused, false, ctx.theme);
}

pub fn render(frame: &mut Frame, area: Rect, s: &ReceivingScreen, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let block = widgets::boxed(theme, t.screen_title(ScreenId::Receiving));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let row = |i: u16| Rect { y: inner.y + i, height: 1, ..inner };
    let header_focus = |i: usize| s.form.is_none() && s.focus == i;
    labelled(frame, row(0), 0, t.recv_supplier(), 30, &s.header[SUPPLIER], header_focus(SUPPLIER), ctx);
    labelled(frame, row(0), 44, t.recv_invoice(), 20, &s.header[INVOICE], header_focus(INVOICE), ctx);
    labelled(frame, row(1), 0, t.recv_invoice_date(), 12, &s.header[INVOICE_DATE], header_focus(INVOICE_DATE), ctx);
    labelled(frame, row(1), 44, t.recv_invoice_total(), 14, &s.header[INVOICE_TOTAL], header_focus(INVOICE_TOTAL), ctx);
    let hint = match s.supplier_suggestion() {
        Some(sug) => Line::styled(t.recv_suggestion(sug, &ctx.key(Scope::Receiving, Action::NextField)), theme.dim()),
        None if s.suppliers.is_empty() => Line::raw(""),
        None => Line::styled(format!("{}: {}", t.recv_known_suppliers(), s.suppliers.iter().take(4).cloned().collect::<Vec<_>>().join(", ")), theme.dim()),
    };
    frame.render_widget(Paragraph::new(hint), row(2));
    labelled(frame, row(3), 0, t.recv_scan(), 40, &s.header[SCAN], header_focus(SCAN), ctx);

    let heads = t.recv_columns();
    let head = format!("{:<25}{:>8}{:>10} {:<9} {:<11}{:>11}", heads[0], heads[1], heads[2], heads[3], heads[4], heads[5]);
    frame.render_widget(Paragraph::new(Line::styled(head, theme.title())), row(5));
    let room = inner.height.saturating_sub(8) as usize;
    let first = s.selected.saturating_sub(room.saturating_sub(1));
    let mut lines = Vec::new();
    if s.lines.is_empty() {
        lines.push(Line::styled(t.recv_empty_hint(&ctx.key(Scope::Receiving, Action::Submit), &ctx.key(Scope::Receiving, Action::SearchProduct)), theme.dim()));
    }
    for (i, l) in s.lines.iter().enumerate().skip(first).take(room) {
        let cost = if l.line.free { t.recv_free().to_string() } else { format_rupiah(l.line.unit_cost) };
        let text = format!(
            "{}{:<24}{:>8}{:>10} {:<9} {:<11}{:>11}",
            if i == s.selected { ">" } else { " " },
            fit(&l.product.name, 23),
            format_milli(l.line.qty_milli),
            cost,
            fit(l.line.batch_no.as_deref().unwrap_or(""), 9),
            l.line.expiry.map(|e| e.format("%d-%m-%Y").to_string()).unwrap_or_default(),
            format_rupiah(line_value(l.line.qty_milli, l.line.unit_cost)),
        );
        lines.push(Line::styled(text, if i == s.selected { theme.field_focused() } else { theme.text() }));
    }
    frame.render_widget(Paragraph::new(lines), Rect { y: inner.y + 6, height: room as u16, ..inner });
    let (value, diff) = s.totals();
    let mut sum = vec![Span::styled(t.recv_lines_total(s.lines.len(), value), theme.label())];
    if let Some(d) = diff {
        let style = if d == 0 { theme.dim() } else { theme.error() };
        sum.push(Span::styled(format!("   {}", t.recv_difference(d)), style));
    }
    frame.render_widget(Paragraph::new(Line::from(sum)), row(inner.height.saturating_sub(1)));

    if !s.hits.is_empty() {
        render_hits(frame, area, s, ctx);
    }
    if s.form.is_some() {
        render_form(frame, area, s, ctx);
    }
    if s.new_product.is_some() {
        render_new_product(frame, area, s, ctx);
    }
}

fn render_new_product(frame: &mut Frame, body: Rect, s: &ReceivingScreen, ctx: &Ctx) {
    use super::receiving::{NP_GENERIC, NP_NAME, NP_PRICE, NP_SECTION, NP_UNIT};
    let Some(f) = &s.new_product else { return };
    let t = &ctx.text;
    let theme = ctx.theme;
    let drug = f.inputs[NP_SECTION].value().trim().eq_ignore_ascii_case("obat");
    let mut labels = vec![(NP_NAME, t.np_name()), (NP_SECTION, t.np_section()), (NP_UNIT, t.np_unit()), (NP_PRICE, t.np_price())];
    if drug {
        labels.push((NP_GENERIC, t.np_generic()));
    }
    let area = centered(body, 70, labels.len() as u16 + 7);
    frame.render_widget(Clear, area);
    let block = widgets::boxed(theme, &format!("{} - {}", t.np_title(), f.barcode));
    let inner = block.inner(area).inner(Margin::new(1, 1));
    frame.render_widget(block, area);
    for (row, (i, label)) in labels.iter().enumerate() {
        let r = Rect { y: inner.y + row as u16, height: 1, ..inner };
        frame.render_widget(Span::styled(label.to_string(), theme.label()), Rect { width: 30, ..r });
        field::render(frame, Rect { x: r.x + 30, width: 34, ..r }, &f.inputs[*i], f.focus == *i, false, theme);
    }
    let msg = match &f.error {
        Some(e) => Line::styled(e.clone(), theme.error()),
        None => Line::styled(t.pick_hint(&ctx.key(Scope::ReceiveNewProduct, Action::Confirm), &ctx.key(Scope::ReceiveNewProduct, Action::Cancel)), theme.dim()),
    };
    let y = inner.y + labels.len() as u16 + 1;
    frame.render_widget(Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }), Rect { y, height: 2, ..inner });
}

fn render_hits(frame: &mut Frame, body: Rect, s: &ReceivingScreen, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let area = centered(body, 72, (s.hits.len() as u16 + 4).min(body.height.saturating_sub(2)));
    frame.render_widget(Clear, area);
    let block = widgets::boxed(theme, &t.sale_search_title(s.hits.len(), &ctx.key(Scope::Receiving, Action::Submit)));
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let room = inner.height as usize;
    let first = s.hit.saturating_sub(room.saturating_sub(1));
    let lines: Vec<Line> = s
        .hits
        .iter()
        .enumerate()
        .skip(first)
        .take(room)
        .map(|(i, p)| {
            let generic = p.drug.as_ref().map(|d| d.generic_name.as_str()).unwrap_or("");
            let text = format!("{} {} {:<22} {}", if i == s.hit { ">" } else { " " }, fit(&p.name, 28), fit(generic, 22), p.barcode.clone().unwrap_or_default());
            Line::styled(text, if i == s.hit { theme.field_focused() } else { theme.text() })
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_form(frame: &mut Frame, body: Rect, s: &ReceivingScreen, ctx: &Ctx) {
    let Some(f) = &s.form else { return };
    let t = &ctx.text;
    let theme = ctx.theme;
    let drug = f.product.drug.is_some();
    let labels: Vec<(usize, &str)> = if drug {
        vec![(QTY, t.recv_qty()), (COST, t.recv_cost()), (BATCH, t.recv_batch()), (EXPIRY, t.recv_expiry())]
    } else {
        vec![(QTY, t.recv_qty()), (COST, t.recv_cost())]
    };
    let area = centered(body, 64, labels.len() as u16 + 7);
    frame.render_widget(Clear, area);
    let block = widgets::boxed(theme, &f.product.name);
    let inner = block.inner(area).inner(Margin::new(1, 1));
    frame.render_widget(block, area);
    for (row, (i, label)) in labels.iter().enumerate() {
        let r = Rect { y: inner.y + row as u16, height: 1, ..inner };
        frame.render_widget(Span::styled(label.to_string(), theme.label()), Rect { width: 26, ..r });
        field::render(frame, Rect { x: r.x + 26, width: 20, ..r }, &f.inputs[*i], f.focus == *i, false, theme);
    }
    let y = inner.y + labels.len() as u16;
    let free = if f.free { t.recv_free_on() } else { t.recv_free_off() };
    frame.render_widget(
        Line::styled(format!("{} ({})", free, ctx.key(Scope::ReceiveLine, Action::FreeGoods)), if f.free { theme.label() } else { theme.dim() }),
        Rect { y, height: 1, ..inner },
    );
    let msg = match &f.error {
        Some(e) => Line::styled(e.clone(), theme.error()),
        None => Line::styled(t.pick_hint(&ctx.key(Scope::ReceiveLine, Action::Confirm), &ctx.key(Scope::ReceiveLine, Action::Cancel)), theme.dim()),
    };
    frame.render_widget(Paragraph::new(msg).wrap(ratatui::widgets::Wrap { trim: true }), Rect { y: y + 2, height: 2, ..inner });
}
