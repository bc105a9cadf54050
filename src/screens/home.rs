//! The home screen after login: who is logged in, and the screens this role can open, each with
//! the key bound to it in the keymap.

use super::{Ctx, ScreenId};
use crate::action::{Action, Scope};
use crate::widgets;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

const ENTRIES: [(Action, ScreenId); 12] = [
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
];

pub fn render(frame: &mut Frame, area: Rect, ctx: &Ctx) {
    let t = &ctx.text;
    let theme = ctx.theme;
    let Some(user) = ctx.user else { return };
    let block = widgets::boxed(theme, t.screen_title(ScreenId::Home));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let shown_name = if user.full_name.is_empty() { &user.name } else { &user.full_name };
    // One line per screen fits 80x24 with the welcome and the intro together above it.
    let mut lines = vec![Line::styled(t.welcome(shown_name, user.role), theme.label()), Line::raw(t.home_intro()), Line::raw("")];
    let shown = ENTRIES.iter().filter(|(_, s)| s.allowed_for(user.role) || !matches!(s, ScreenId::Consultation | ScreenId::Dispensing)).count();
    let crowded = 3 + shown + 4 > inner.height.saturating_sub(2) as usize;
    for (action, screen) in ENTRIES {
        let key = ctx.keymap.key_for(Scope::Home, action).map(|k| k.label()).unwrap_or_else(|| "-".into());
        let allowed = screen.allowed_for(user.role);
        // The examination room and the pharmacy list are one role's each: shown only to it; and
        // when the list does not fit (80x24), screens of other roles go first.
        if !allowed && (matches!(screen, ScreenId::Consultation | ScreenId::Dispensing) || crowded) {
            continue;
        }
        let style = if allowed { theme.text() } else { theme.disabled() };
        let mut row = vec![
            Span::styled(format!("  {key:>7}  "), theme.key()),
            Span::styled(t.screen_title(screen).to_string(), style),
        ];
        if !allowed {
            row.push(Span::styled(format!("  ({})", t.not_for_role()), theme.dim()));
        }
        lines.push(Line::from(row));
    }
    // The blank line before the session keys goes when the screen is too short for it (80x24).
    let room = inner.height.saturating_sub(2) as usize;
    if lines.len() + 5 <= room {
        lines.push(Line::raw(""));
    }
    for action in [Action::Help, Action::Lock, Action::Logout, Action::Quit] {
        if let Some(k) = ctx.keymap.key_for(Scope::Home, action) {
            lines.push(Line::from(vec![
                Span::styled(format!("  {:>7}  ", k.label()), theme.key()),
                Span::raw(t.action_help(action)),
            ]));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner.inner(ratatui::layout::Margin::new(1, 1)));
}
