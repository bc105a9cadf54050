//! Big characters for the waiting-room board: a 3x5 pixel font, each pixel two cells wide, so a
//! ticket number reads from across the room. Unknown characters draw as blanks.

use crate::theme::Theme;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::Frame;

pub const HEIGHT: u16 = 5;

fn glyph(c: char) -> [&'static str; 5] {
    match c.to_ascii_uppercase() {
        '0' => ["###", "# #", "# #", "# #", "###"],
        '1' => [" # ", "## ", " # ", " # ", "###"],
        '2' => ["###", "  #", "###", "#  ", "###"],
        '3' => ["###", "  #", "###", "  #", "###"],
        '4' => ["# #", "# #", "###", "  #", "  #"],
        '5' => ["###", "#  ", "###", "  #", "###"],
        '6' => ["###", "#  ", "###", "# #", "###"],
        '7' => ["###", "  #", "  #", "  #", "  #"],
        '8' => ["###", "# #", "###", "# #", "###"],
        '9' => ["###", "# #", "###", "  #", "###"],
        'A' => ["###", "# #", "###", "# #", "# #"],
        'B' => ["## ", "# #", "## ", "# #", "## "],
        'C' => ["###", "#  ", "#  ", "#  ", "###"],
        'D' => ["## ", "# #", "# #", "# #", "## "],
        'E' => ["###", "#  ", "## ", "#  ", "###"],
        'F' => ["###", "#  ", "## ", "#  ", "#  "],
        'G' => ["###", "#  ", "# #", "# #", "###"],
        'H' => ["# #", "# #", "###", "# #", "# #"],
        'I' => ["###", " # ", " # ", " # ", "###"],
        'J' => ["  #", "  #", "  #", "# #", "###"],
        'K' => ["# #", "# #", "## ", "# #", "# #"],
        'L' => ["#  ", "#  ", "#  ", "#  ", "###"],
        'M' => ["# #", "###", "###", "# #", "# #"],
        'N' => ["## ", "# #", "# #", "# #", "# #"],
        'O' => ["###", "# #", "# #", "# #", "###"],
        'P' => ["###", "# #", "###", "#  ", "#  "],
        'Q' => ["###", "# #", "# #", "###", "  #"],
        'R' => ["## ", "# #", "## ", "# #", "# #"],
        'S' => ["###", "#  ", "###", "  #", "###"],
        'T' => ["###", " # ", " # ", " # ", " # "],
        'U' => ["# #", "# #", "# #", "# #", "###"],
        'V' => ["# #", "# #", "# #", "# #", " # "],
        'W' => ["# #", "# #", "###", "###", "# #"],
        'X' => ["# #", "# #", " # ", "# #", "# #"],
        'Y' => ["# #", "# #", "###", " # ", " # "],
        'Z' => ["###", "  #", " # ", "#  ", "###"],
        '-' => ["   ", "   ", "###", "   ", "   "],
        _ => ["   ", "   ", "   ", "   ", "   "],
    }
}

/// The five text rows of `s` in big characters.
pub fn rows(s: &str, theme: &Theme) -> [String; 5] {
    let full = if theme.ascii { "##" } else { "██" };
    let mut out: [String; 5] = Default::default();
    for (i, c) in s.chars().enumerate() {
        let g = glyph(c);
        for (row, line) in out.iter_mut().enumerate() {
            if i > 0 {
                line.push_str("  ");
            }
            for px in g[row].chars() {
                line.push_str(if px == '#' { full } else { "  " });
            }
        }
    }
    out
}

/// Columns that `s` takes in big characters.
pub fn width(s: &str) -> u16 {
    let n = s.chars().count() as u16;
    if n == 0 {
        0
    } else {
        n * 6 + (n - 1) * 2
    }
}

pub fn render(frame: &mut Frame, area: Rect, s: &str, style: Style, theme: &Theme) {
    for (i, row) in rows(s, theme).into_iter().enumerate() {
        let y = area.y + i as u16;
        if y >= area.bottom() {
            break;
        }
        frame.render_widget(Line::styled(row, style), Rect { y, height: 1, ..area });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ticket_number_in_big_ascii() {
        let r = rows("A-1", &Theme::new(true, false));
        assert_eq!(r[0], "######            ##  ");
        assert_eq!(r[2], "######  ######    ##  ");
        assert_eq!(r[0].len() as u16, width("A-1"));
    }
}
