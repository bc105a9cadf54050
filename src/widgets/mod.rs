//! Render-only pieces shared by screens: the footer, the status line, text fields, boxes.

pub mod big_text;
pub mod qr;
pub mod field;
pub mod footer;
pub mod status;

use crate::theme::Theme;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::widgets::{Block, Borders};

/// A rectangle of at most `width` x `height`, centred in `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))]).flex(Flex::Center).areas(area);
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))]).flex(Flex::Center).areas(h);
    v
}

/// A bordered box with a title, in the theme's border set.
pub fn boxed(theme: &Theme, title: &str) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border_set())
        .border_style(theme.border())
        .title(format!(" {title} "))
        .title_style(theme.title())
}
