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

/// Split text into lines of at most `width` columns at spaces (a word longer than a line is cut).
pub fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        while word.chars().count() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(head);
        }
        let needed = if line.is_empty() { word.chars().count() } else { line.chars().count() + 1 + word.chars().count() };
        if needed > width && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// How many lines a text takes when wrapped at word boundaries to `width` columns.
pub fn wrapped_lines(text: &str, width: usize) -> u16 {
    let width = width.max(1);
    let mut lines = 1u16;
    let mut used = 0usize;
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if used == 0 {
            used = w;
        } else if used + 1 + w <= width {
            used += 1 + w;
        } else {
            lines += 1;
            used = w;
        }
        while used > width {
            lines += 1;
            used -= width;
        }
    }
    lines
}
