//! The home screen after login: who is logged in, and the screens this role can open, each with
//! the key bound to it in the keymap.

use super::{Ctx, ScreenId};
use crate::action::{Action, Scope};
use crate::widgets;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

const ENTRIES: [(Action, ScreenId); 13] = [
    (Action::Queue, ScreenId::Queue),
    (Action::Patients, ScreenId::Patients),
    (Action::Consult, ScreenId::Consultation),
    (Action::Dispensing, ScreenId::Dispensing),
    (Action::Sale, ScreenId::Sale),
    (Action::Shift, ScreenId::Shift),
    (Action::Sync, ScreenId::Sync),
    (Action::Receiving, ScreenId::Receiving),
    (Action::StockCount, ScreenId::StockCount),
    (Action::Reorder, ScreenId::Reorder),
    (Action::Products, ScreenId::Products),
    (Action::Users, ScreenId::Users),
    (Action::Members, ScreenId::Members),
];

pub fn render(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let Some(user) = ctx.user else { return };
    let block = widgets::boxed(theme, t.screen_title(ScreenId::Home));
    let inner = block.inner(area).inner(ratatui::layout::Margin::new(1, 1));
    frame.render_widget(block, area);
    let shown_name = if user.full_name.is_empty() { &user.name } else { &user.full_name };
    let mut lines = vec![Line::styled(t.welcome(shown_name, user.role), theme.label()), Line::raw(t.home_intro()), Line::raw("")];
    // The screens this role opens, with their keys, in two columns when the width allows (the
    // list outgrew one column at 80x24); the others are named once, on a line of their own.
    let key = |action: Action| ctx.keymap.key_for(Scope::Home, action).map(|k| k.label()).unwrap_or_else(|| "-".into());
    let (mine, mut others): (Vec<_>, Vec<_>) = ENTRIES.iter().partition(|(_, screen)| screen.allowed_for(user.role));
    // The examination room and the pharmacy's list are one role's each: not named to the others.
    others.retain(|(_, screen)| !matches!(screen, ScreenId::Consultation | ScreenId::Dispensing));
    let columns = if inner.width >= 70 { 2 } else { 1 };
    let col_width = (inner.width as usize / columns).max(20);
    let rows = mine.len().div_ceil(columns);
    for r in 0..rows {
        let mut row = Vec::new();
        for c in 0..columns {
            let Some((action, screen)) = mine.get(c * rows + r) else { continue };
            // The key takes 11 columns; the title the rest of its column, less one between.
            let width = col_width.saturating_sub(12);
            let title: String = t.screen_title(*screen).chars().take(width).collect();
            row.push(Span::styled(format!("  {:>7}  ", key(*action)), theme.key()));
            row.push(Span::styled(format!("{title:<width$} "), theme.text()));
        }
        lines.push(Line::from(row));
    }
    if !others.is_empty() {
        lines.push(Line::raw(""));
        let names: Vec<&str> = others.iter().map(|(_, screen)| t.screen_title(*screen)).collect();
        lines.push(Line::from(vec![Span::styled(format!("{} ", t.home_not_yours()), theme.dim()), Span::styled(names.join(", "), theme.disabled())]));
    }
    lines.push(Line::raw(""));
    for action in [Action::Help, Action::Lock, Action::Logout, Action::Quit] {
        if let Some(k) = ctx.keymap.key_for(Scope::Home, action) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:>7}  ", k.label()), theme.key()),
                Span::raw(t.action_help(action)),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false }), inner);
}
