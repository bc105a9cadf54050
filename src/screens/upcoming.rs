//! Screens whose work lands in later versions (queue, patients, sale, shift): they say what they
//! will hold, and show no made-up data.

use super::ScreenId;
use crate::app::State;
use crate::widgets;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui::Frame;

pub fn render(frame: &mut Frame, area: Rect, state: &State, screen: ScreenId) {
    let t = &state.text;
    let block = widgets::boxed(&state.theme, t.screen_title(screen));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines = vec![Line::styled(t.not_yet(), state.theme.label()), Line::raw("")];
    for item in t.screen_plan(screen) {
        lines.push(Line::raw(format!("  {} {item}", state.theme.bullet())));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner.inner(ratatui::layout::Margin::new(1, 1)));
}
