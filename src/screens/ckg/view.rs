//! Drawing the CKG form and a saved check (with its change history).

use super::CkgForm;
use crate::action::Action;
use crate::domain::ckg::{follow_up_due, format_value, Evaluation, Finding, Item, Measure, FASTED, FOLLOW_UP_SCREENS};
use crate::screens::Ctx;
use crate::store::ckg::SavedCheck;
use crate::widgets::{self, field};
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

fn class_of(e: &Evaluation, m: Measure) -> Option<String> {
    e.lines.iter().find(|l| l.code == m.code()).and_then(|l| l.class.clone())
}

pub fn render(frame: &mut Frame, area: Rect, form: &CkgForm, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let title = t.ckg_title(&form.patient.name, form.subject.group, form.subject.age);
    let block = widgets::boxed(theme, &title);
    let inner = block.inner(area).inner(Margin::new(1, 0));
    frame.render_widget(block, area);
    if let Some(saved) = &form.result {
        render_result(frame, inner, ctx, saved, form.scroll);
        return;
    }
    let e = form.evaluation(ctx);
    let [hint, list, summary] = Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(2)]).areas(inner);
    let key = |a| ctx.keymap.key_for(crate::action::Scope::Ckg, a).map(|k| k.label()).unwrap_or_default();
    let hint_text = if form.amend.is_some() { t.ckg_amend_hint().to_string() } else { t.ckg_hint(&key(Action::NextField), &key(Action::Save)) };
    frame.render_widget(Line::styled(hint_text, theme.dim()), hint);
    let follow_up = follow_up_due(&e);
    let rows = list.height as usize;
    let first = form.focus.saturating_sub(rows.saturating_sub(1));
    for (row, i) in (first..form.lines()).take(rows).enumerate() {
        let y = list.y + row as u16;
        let line_area = Rect { y, height: 1, ..list };
        let [label, value, note] = Layout::horizontal([Constraint::Length(31), Constraint::Length(9), Constraint::Min(0)]).areas(line_area);
        let focused = i == form.focus;
        let error = form.errors.iter().find(|(l, _)| *l == i).map(|(_, msg)| Span::styled(msg.clone(), theme.error()));
        if i == form.items.len() {
            let Some(a) = &form.amend else { continue };
            frame.render_widget(Span::styled(t.ckg_reason_label(), theme.label()), label);
            let wide = Rect { width: line_area.width.saturating_sub(label.width), ..value };
            field::render(frame, if error.is_some() { value } else { wide }, &a.reason, focused, false, theme);
            if let Some(err) = error {
                frame.render_widget(err, note);
            }
            continue;
        }
        match form.items[i] {
            Item::Measure(m) => {
                frame.render_widget(Span::styled(format!("{} ({})", t.ckg_item(m.code()), m.unit()), theme.label()), label);
                field::render(frame, Rect { width: 8, ..value }, &form.inputs[i], focused, false, theme);
                let note_text = error.unwrap_or_else(|| match m {
                    Measure::Height => Span::raw(e.bmi_x10.map(|b| format!("{} {}", t.ckg_item("bmi"), t.decimal(&format_value(Measure::Weight, b)))).unwrap_or_default()),
                    _ => Span::raw(class_of(&e, m).map(|c| t.ckg_class(&c).to_string()).unwrap_or_default()),
                });
                frame.render_widget(note_text, note);
            }
            Item::Screen(code) => {
                let dim = FOLLOW_UP_SCREENS.contains(&code) && !follow_up;
                frame.render_widget(Span::styled(t.ckg_item(code), if dim { theme.dim() } else { theme.label() }), label);
                let f = form.findings[i];
                let style = match (focused, f) {
                    (true, _) => theme.field_focused(),
                    (false, Finding::Positive) => theme.error(),
                    _ => theme.text(),
                };
                frame.render_widget(Span::styled(format!("{:<8}", t.finding(f)), style), value);
                if focused {
                    frame.set_cursor_position((value.x, value.y));
                }
                if let Some(err) = error {
                    frame.render_widget(err, note);
                }
            }
            Item::Fasted => {
                frame.render_widget(Span::styled(t.ckg_item(FASTED), theme.label()), label);
                let style = if focused { theme.field_focused() } else { theme.text() };
                frame.render_widget(Span::styled(format!("{:<8}", t.yes_no(form.fasted)), style), value);
                if focused {
                    frame.set_cursor_position((value.x, value.y));
                }
                frame.render_widget(error.unwrap_or_else(|| Span::styled(t.ckg_fasted_keys(), theme.dim())), note);
            }
        }
    }
    let bmi_class = e.bmi.map(|b| t.ckg_class(&format!("{b:?}").to_lowercase()).to_string()).unwrap_or_default();
    let verdict = if e.referral { t.ckg_referral() } else { "" };
    frame.render_widget(
        Paragraph::new(vec![
            Line::raw(format!(
                "{} {}",
                e.bmi_x10.map(|b| format!("{} {}", t.ckg_item("bmi"), t.decimal(&format_value(Measure::Weight, b)))).unwrap_or_default(),
                bmi_class
            )),
            Line::styled(verdict, theme.error()),
        ]),
        summary,
    );
}

fn render_result(frame: &mut Frame, area: Rect, ctx: &Ctx, saved: &SavedCheck, scroll: u16) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let key = |a| ctx.keymap.key_for(crate::action::Scope::CkgResult, a).map(|k| k.label()).unwrap_or_default();
    let mut lines = vec![
        Line::styled(t.ckg_result_heading(&saved.business_day.format("%d-%m-%Y").to_string(), saved.version), theme.title()),
        Line::styled(t.ckg_result_keys(&key(Action::Edit), &key(Action::Reprint)), theme.dim()),
    ];
    for l in &saved.lines {
        let value = match (Measure::from_code(&l.code), l.value, l.finding) {
            (Some(m), Some(v), _) => format!("{} {}", t.decimal(&format_value(m, v)), m.unit()),
            (None, Some(v), _) if l.code == FASTED => t.yes_no(v == 1).to_string(),
            (None, Some(v), _) => t.decimal(&format_value(Measure::Weight, v)),
            (_, _, Some(f)) => t.finding(f).to_string(),
            _ => String::new(),
        };
        let class = l.class.as_deref().map(|c| t.ckg_class(c)).unwrap_or("");
        let style = if l.finding == Some(Finding::Positive) { theme.error() } else { theme.text() };
        lines.push(Line::styled(format!("{:<31} {:<12} {class}", t.ckg_item(&l.code), value), style));
    }
    lines.push(if saved.referral { Line::styled(t.ckg_referral(), theme.error()) } else { Line::styled(t.ckg_no_referral(), theme.info()) });
    if !saved.history.is_empty() {
        lines.push(Line::styled(t.ckg_history_title(), theme.title()));
        for h in &saved.history {
            let at = ctx.config.site.zone.local(h.at).format("%d-%m-%Y %H:%M").to_string();
            lines.push(Line::raw(format!("v{} {at} {}: {}", h.version, h.actor, h.reason)));
            // Stored with result codes ("weight 8.4 -> 8.5"); shown with the lines' names.
            let named: Vec<String> = h
                .changes
                .split("; ")
                .map(|c| match c.split_once(' ') {
                    Some((code, rest)) if t.ckg_item(code) != "?" => format!("{} {rest}", t.ckg_item(code)),
                    _ => c.to_string(),
                })
                .collect();
            lines.push(Line::styled(format!("   {}", named.join("; ")), theme.dim()));
        }
    }
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), area);
}
