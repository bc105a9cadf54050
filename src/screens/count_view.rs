//! Drawing the stock count: the sheet (blind for the counter; with the books' figure and the
//! difference for a supervisor), the entry field, the approval form, and after approval the
//! variance list with its value.

use super::count::CountScreen;
use super::{Ctx, ScreenId};
use crate::action::{Action, Scope};
use crate::domain::money::{format_milli, format_rupiah};
use crate::store::counts::CountLine;
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

fn opt_milli(v: Option<i64>) -> String {
    v.map(format_milli).unwrap_or_default()
}

fn row_text(l: &CountLine, full: bool) -> String {
    let batch = l.batch_no.as_deref().unwrap_or("");
    let expiry = l.expiry.map(|e| e.format("%d-%m-%Y").to_string()).unwrap_or_default();
    let head = format!("{} {} {}", fit(&l.name, 26), fit(batch, 9), fit(&expiry, 10));
    if full {
        let value = l.variance_value().map(format_rupiah).unwrap_or_default();
        format!("{head}{:>7}{:>7}{:>12}", opt_milli(l.expected), opt_milli(l.counted), value)
    } else {
        format!("{head}{:>9}", opt_milli(l.counted))
    }
}

pub fn render(frame: &mut Frame, area: Rect, s: &CountScreen, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let supervisor = ctx.role().is_some_and(|r| r.approves());
    let title = match &s.sheet {
        Some(sh) => t.count_title(sh.id, sh.section.as_deref()),
        None => t.screen_title(ScreenId::StockCount).to_string(),
    };
    let block = widgets::boxed(theme, &title);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    let row = |i: u16| Rect { y: inner.y + i, height: 1, ..inner };
    let label = t.count_entry();
    let lw = label.chars().count() as u16 + 1;
    frame.render_widget(Span::styled(label, theme.label()), row(0));
    field::render(frame, Rect { x: inner.x + lw, width: 24, ..row(0) }, &s.input, s.approve.is_none(), false, theme);

    let list_area = Rect { y: inner.y + 2, height: inner.height.saturating_sub(3), ..inner };
    let mut lines = Vec::new();
    if let Some(result) = &s.result {
        lines.push(Line::styled(t.count_variance_title(), theme.title()));
        lines.push(Line::styled(t.count_columns(true), theme.label()));
        let changed: Vec<&CountLine> = result.lines.iter().filter(|l| l.variance().is_some_and(|v| v != 0)).collect();
        for l in changed.iter().take(list_area.height.saturating_sub(3) as usize) {
            lines.push(Line::raw(format!(" {}", row_text(l, true))));
        }
        let total: i64 = changed.iter().filter_map(|l| l.variance_value()).sum();
        lines.push(Line::styled(t.count_variance_total(changed.len(), total), theme.label()));
    } else if let Some(sheet) = &s.sheet {
        lines.push(Line::styled(t.count_columns(supervisor), theme.title()));
        let room = list_area.height.saturating_sub(1) as usize;
        let first = s.selected.saturating_sub(room.saturating_sub(1));
        for (i, l) in sheet.lines.iter().enumerate().skip(first).take(room) {
            let sel = i == s.selected;
            let text = format!("{}{}", if sel { ">" } else { " " }, row_text(l, supervisor));
            lines.push(Line::styled(text, if sel { theme.field_focused() } else { theme.text() }));
        }
    } else if s.loaded {
        lines.push(Line::styled(t.count_start_hint(&ctx.key(Scope::Count, Action::StartCount)), theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), list_area);
    if let Some(sheet) = &s.sheet {
        let done = sheet.lines.iter().filter(|l| l.counted.is_some()).count();
        let note = if supervisor { t.count_progress(done, sheet.lines.len()) } else { format!("{}  {}", t.count_progress(done, sheet.lines.len()), t.count_blind()) };
        frame.render_widget(Paragraph::new(Line::styled(note, theme.dim())), row(inner.height.saturating_sub(1)));
    }
    if let Some(f) = &s.approve {
        let labels: Vec<&str> = if f.with_pin { vec![t.count_supervisor(), t.count_pin(), t.count_reason()] } else { vec![t.count_reason()] };
        let area = centered(area, 64, labels.len() as u16 + 6);
        frame.render_widget(Clear, area);
        let block = widgets::boxed(theme, t.action_help(Action::ApproveCount));
        let inner = block.inner(area).inner(Margin::new(1, 1));
        frame.render_widget(block, area);
        for (i, label) in labels.iter().enumerate() {
            let r = Rect { y: inner.y + i as u16, height: 1, ..inner };
            frame.render_widget(Span::styled(label.to_string(), theme.label()), Rect { width: 20, ..r });
            field::render(frame, Rect { x: r.x + 20, width: 36, ..r }, &f.inputs[i], f.focus == i, f.with_pin && i == 1, theme);
        }
        let msg = match &f.error {
            Some(e) => Line::styled(e.clone(), theme.error()),
            None => Line::styled(t.pick_hint(&ctx.key(Scope::CountApprove, Action::Confirm), &ctx.key(Scope::CountApprove, Action::Cancel)), theme.dim()),
        };
        frame.render_widget(Paragraph::new(msg), Rect { y: inner.y + labels.len() as u16 + 1, height: 1, ..inner });
    }
}
