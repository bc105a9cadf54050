//! A QR code drawn in the terminal with half-block characters (two modules a cell, dark on
//! light, with a quiet zone), so a buyer can scan a dynamic QRIS code off the screen. A QRIS
//! payload needs about 49x25 cells: it is drawn on terminals from about 100x30 up, and on smaller
//! ones (and in ASCII mode) only the printed slip carries it.

use crate::theme::Theme;
use qrcodegen::{QrCode, QrCodeEcc};
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

const QUIET: i32 = 2;

/// The rows of text for a payload, or None when it cannot be encoded.
pub fn rows(payload: &str) -> Option<Vec<String>> {
    let qr = QrCode::encode_text(payload, QrCodeEcc::Low).ok()?;
    let n = qr.size();
    let dark = |x: i32, y: i32| x >= 0 && y >= 0 && x < n && y < n && qr.get_module(x, y);
    let mut out = Vec::new();
    let mut y = -QUIET;
    while y < n + QUIET {
        let line: String = (-QUIET..n + QUIET)
            .map(|x| match (dark(x, y), dark(x, y + 1)) {
                (true, true) => '█',
                (true, false) => '▀',
                (false, true) => '▄',
                (false, false) => ' ',
            })
            .collect();
        out.push(line);
        y += 2;
    }
    Some(out)
}

/// Size in cells (width, height) of the drawn code.
pub fn size(payload: &str) -> Option<(u16, u16)> {
    let r = rows(payload)?;
    Some((r.first().map(|l| l.chars().count()).unwrap_or(0) as u16, r.len() as u16))
}

/// Draw the code at the right of `area`. Returns false where it does not fit or the terminal
/// draws ASCII only (the printed slip carries the code then).
pub fn render(frame: &mut Frame, area: Rect, payload: &str, theme: &Theme) -> bool {
    let Some(lines) = rows(payload) else { return false };
    let (w, h) = (lines[0].chars().count() as u16, lines.len() as u16);
    if theme.ascii || w > area.width || h > area.height {
        return false;
    }
    let target = Rect { x: area.right() - w, y: area.y + (area.height - h) / 2, width: w, height: h };
    frame.render_widget(Clear, target);
    let style = Style::new().fg(Color::Black).bg(Color::White);
    frame.render_widget(Paragraph::new(lines.into_iter().map(|l| Line::styled(l, style)).collect::<Vec<_>>()), target);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_qris_payload_fits_a_counter_monitor() {
        let payload = "00020101021226570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW0215ID10200176114730303UMI5204549953033605405157005802ID5914KDKMP SUKAMAJU6007CIANJUR61054325362070703A0163046C5A";
        let (w, h) = size(payload).unwrap();
        assert!(w <= 60 && h <= 30, "{w}x{h} fits a 100x40 terminal (at 80x24 the code is printed only)");
        let r = rows(payload).unwrap();
        assert!(r.iter().all(|l| l.chars().count() == w as usize));
        assert!(r[0].trim().is_empty(), "quiet zone on top");
    }
}
