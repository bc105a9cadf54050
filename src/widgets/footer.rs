//! The footer: the keys of the current screen as bound in the keymap, cut to the width.

use crate::action::Scope;
use crate::keymap::Keymap;
use crate::text::Text;
use crate::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::Frame;

pub fn render(frame: &mut Frame, area: Rect, keymap: &Keymap, scope: Scope, text: &Text, theme: &Theme) {
    let mut spans = Vec::new();
    let mut used = 0usize;
    for (key, action) in keymap.footer(scope) {
        let k = key.label();
        let label = text.action_label(action);
        let need = k.chars().count() + label.chars().count() + 2;
        if used + need > area.width as usize {
            break;
        }
        spans.push(Span::styled(k, theme.footer_key()));
        spans.push(Span::styled(format!(" {label} "), theme.footer_label()));
        used += need;
    }
    frame.render_widget(Line::from(spans), area);
}
