//! A one-line text field on top of tui-input: editing keys, and drawing with the cursor.

use crate::keymap::Key;
use crate::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::layout::{Position, Rect};
use ratatui::text::Span;
use ratatui::Frame;
use tui_input::{Input, InputRequest};

/// The editing request for a key that no binding claimed, if it edits text.
pub fn edit_request(key: &Key) -> Option<InputRequest> {
    let ctrl = key.mods.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('u') if ctrl => InputRequest::DeleteLine,
        KeyCode::Char('w') if ctrl => InputRequest::DeletePrevWord,
        KeyCode::Char(c) if key.is_typing() => InputRequest::InsertChar(c),
        KeyCode::Backspace => InputRequest::DeletePrevChar,
        KeyCode::Delete => InputRequest::DeleteNextChar,
        KeyCode::Left => InputRequest::GoToPrevChar,
        KeyCode::Right => InputRequest::GoToNextChar,
        KeyCode::Home => InputRequest::GoToStart,
        KeyCode::End => InputRequest::GoToEnd,
        _ => return None,
    })
}

/// Apply an edit, keeping only characters `accept` allows and at most `max` characters.
pub fn apply(input: &mut Input, req: InputRequest, accept: impl Fn(char) -> bool, max: usize) {
    if let InputRequest::InsertChar(c) = req {
        if !accept(c) || input.value().chars().count() >= max {
            return;
        }
    }
    input.handle(req);
}

/// Draw a field; a masked field shows one mask character per typed character.
pub fn render(frame: &mut Frame, area: Rect, input: &Input, focused: bool, masked: bool, theme: &Theme) {
    let width = area.width.max(1) as usize;
    let scroll = input.visual_scroll(width.saturating_sub(1));
    let shown: String = if masked {
        std::iter::repeat_n(theme.mask(), input.value().chars().count()).skip(scroll).take(width).collect()
    } else {
        input.value().chars().skip(scroll).take(width).collect()
    };
    let style = if focused { theme.field_focused() } else { theme.field() };
    let padded = format!("{shown:<width$}");
    frame.render_widget(Span::styled(padded, style), area);
    if focused {
        let x = area.x + (input.visual_cursor().saturating_sub(scroll)) as u16;
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
    }
}

/// A dialog's fields one per row from the top of `inner`: the label in 22 columns, the field in
/// 30 beside it; `masked(i)` hides what row `i` holds (PINs).
pub fn render_rows(frame: &mut Frame, inner: Rect, labels: &[&str], inputs: &[Input], focus: usize, masked: impl Fn(usize) -> bool, theme: &Theme) {
    for (i, (label, input)) in labels.iter().zip(inputs).enumerate() {
        let r = Rect { y: inner.y + i as u16, height: 1, ..inner };
        frame.render_widget(Span::styled(label.to_string(), theme.label()), Rect { width: 22, ..r });
        render(frame, Rect { x: r.x + 22, width: 30, ..r }, input, focus == i, masked(i), theme);
    }
}
