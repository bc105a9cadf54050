//! Dialogs drawn over the screen: the help window listing every binding of the screen beneath,
//! and yes/no confirmations.

use super::patients::PatientsScreen;
use super::queue::QueueScreen;
use super::{Ctx, Modal, ScreenId};
use crate::action::{Action, Scope};
use crate::widgets::{self, centered};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

/// What a dialog may show of the screen beneath it.
pub struct Beneath<'a> {
    pub screen: ScreenId,
    /// The ticket in service, for the transfer dialog.
    pub queue: &'a QueueScreen,
    /// The two records a merge dialog names.
    pub patients: &'a PatientsScreen,
}

/// The lines of the help window for a scope: every binding, then a note on typing.
pub fn help_lines(ctx: &Ctx, scope: Scope) -> Vec<(String, String)> {
    let t = &ctx.text;
    let mut rows: Vec<(String, String)> =
        ctx.keymap.bindings(scope).into_iter().map(|(k, a)| (k.label(), t.action_help_in(scope, a).to_string())).collect();
    if scope.takes_text() {
        rows.push((String::new(), t.help_typing().to_string()));
    }
    if scope == Scope::Queue {
        rows.push((String::new(), t.ordering_rule(&ctx.config.queue.rule)));
    }
    rows
}

fn screen_name(ctx: &Ctx, screen: ScreenId, scope: Scope) -> String {
    let t = &ctx.text;
    match scope {
        Scope::Login => t.login_title().to_string(),
        Scope::Lock => t.lock_title().to_string(),
        _ if ctx.user.is_some() => t.screen_title(screen).to_string(),
        _ => t.app_name().to_string(),
    }
}

pub fn render(frame: &mut Frame, body: Rect, ctx: &Ctx, modal: &Modal, beneath: &Beneath) {
    let t = &ctx.text;
    let theme = ctx.theme;
    match modal {
        Modal::Help { scope, scroll } => {
            let rows = help_lines(ctx, *scope);
            let area = centered(body, 76, rows.len() as u16 + 6);
            frame.render_widget(Clear, area);
            let title = t.help_title(&screen_name(ctx, beneath.screen, *scope));
            let key = |a| ctx.keymap.key_for(Scope::Help, a).map(|k| k.label()).unwrap_or_default();
            let keys = t.help_keys(&key(Action::Back), &key(Action::ScrollUp), &key(Action::ScrollDown));
            let block = widgets::boxed(theme, &title).title_bottom(keys);
            let inner = block.inner(area);
            frame.render_widget(block, area);
            // A description longer than the line continues under itself, not at the box's edge.
            let room = (inner.width as usize).saturating_sub(9);
            let mut lines: Vec<Line> = Vec::new();
            for (k, d) in rows {
                for (i, part) in widgets::wrap_words(&d, room).into_iter().enumerate() {
                    let key = if i == 0 { format!(" {k:>7} ") } else { " ".repeat(9) };
                    lines.push(Line::from(vec![Span::styled(key, theme.key()), Span::raw(part)]));
                }
            }
            let para = Paragraph::new(lines).scroll((*scroll, 0));
            frame.render_widget(para, inner.inner(ratatui::layout::Margin::new(0, 1)));
        }
        Modal::ConfirmQuit | Modal::ConfirmMerge { .. } | Modal::ConfirmDiscardCkg => {
            let question = match modal {
                Modal::ConfirmMerge { remove, .. } => {
                    let p = beneath.patients;
                    let who = |x: &crate::store::patients::Patient| format!("{} ({})", x.name, x.rm_number);
                    let r = p.hits.iter().find(|h| h.patient.id == *remove).map(|h| who(&h.patient)).unwrap_or_default();
                    let k = p.merge_into.as_ref().map(who).unwrap_or_default();
                    t.merge_question(&r, &k)
                }
                Modal::ConfirmDiscardCkg => t.ckg_discard_question().to_string(),
                _ => t.quit_question().to_string(),
            };
            let area = centered(body, 60, 6);
            frame.render_widget(Clear, area);
            let block = widgets::boxed(theme, t.app_name());
            let inner = block.inner(area);
            frame.render_widget(block, area);
            let key = |a| ctx.keymap.key_for(Scope::Confirm, a).map(|k| k.label()).unwrap_or_default();
            let lines = vec![
                Line::raw(""),
                Line::styled(format!(" {question}"), theme.label()),
                Line::styled(format!(" {}", t.quit_keys(&key(Action::Confirm), &key(Action::Cancel))), theme.dim()),
            ];
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Modal::TakeTicket { .. } | Modal::Transfer { .. } => super::queue::render_dialog(frame, body, beneath.queue, ctx, modal),
    }
}
