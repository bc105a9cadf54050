//! The footer: the keys of the current screen as bound in the keymap. When they do not all fit
//! the width, the least needed go first (switching user, locking, the other screens, back and
//! quit, then the screen's own last commands), and help always shows: F1 lists everything.

use crate::action::{Action, Scope};
use crate::keymap::Key;
use crate::text::Text;
use crate::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

/// Lower is more important.
fn rank(a: Action) -> u8 {
    match a {
        Action::Logout | Action::Lock => 3,
        Action::Home | Action::Queue | Action::Patients | Action::Sale | Action::Shift | Action::Sync => 2,
        Action::Back | Action::Quit => 1,
        _ => 0,
    }
}

/// The items that fit in `width` columns, in their original order.
pub fn fit(items: &[(Key, Action)], scope: Scope, text: &Text, width: usize) -> Vec<(String, &'static str)> {
    let mut shown: Vec<(String, &'static str, u8, bool)> =
        items.iter().map(|(k, a)| (k.label(), text.action_label_in(scope, *a), rank(*a), *a == Action::Help)).collect();
    let cost = |v: &[(String, &str, u8, bool)]| v.iter().map(|(k, l, _, _)| k.chars().count() + l.chars().count() + 2).sum::<usize>();
    while cost(&shown) > width {
        let worst = shown.iter().filter(|i| !i.3).map(|(_, _, r, _)| *r).max().unwrap_or(0);
        match shown.iter().rposition(|(_, _, r, help)| *r == worst && !help) {
            Some(i) => {
                shown.remove(i);
            }
            None => break,
        }
    }
    shown.into_iter().map(|(k, l, _, _)| (k, l)).collect()
}

pub fn render(frame: &mut Frame, area: Rect, items: &[(Key, Action)], scope: Scope, text: &Text, theme: &Theme) {
    let mut spans = Vec::new();
    for (k, label) in fit(items, scope, text, area.width as usize) {
        spans.push(Span::styled(k, theme.footer_key()));
        spans.push(Span::styled(format!(" {label} "), theme.footer_label()));
    }
    frame.render_widget(Line::from(spans), area);
}
