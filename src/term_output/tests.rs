//! Thrifty against ratatui's crossterm backend: the same screen, read back as a terminal does.

use super::Thrifty;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::io::Write;
use std::rc::Rc;

/// A writer whose bytes the test reads back.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The pen a terminal draws with: colours as their SGR parameters, and the attributes on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Pen {
    fg: String,
    bg: String,
    underline: String,
    attrs: BTreeSet<u16>,
}

/// What a terminal shows after reading the bytes: a small VT reader for the sequences the
/// crossterm backend sends (cursor moves, SGR, cursor shown or hidden, printable text).
struct Vt {
    width: u16,
    cells: Vec<(String, Pen)>,
    pen: Pen,
    at: (u16, u16),
    shown: bool,
}

impl Vt {
    fn new(width: u16, height: u16) -> Vt {
        Vt { width, cells: vec![(" ".into(), Pen::default()); (width * height) as usize], pen: Pen::default(), at: (0, 0), shown: true }
    }

    fn sgr(&mut self, params: &str) {
        let p: Vec<u16> = params.split(';').map(|n| n.parse().unwrap_or(0)).collect();
        let mut i = 0;
        while i < p.len() {
            match p[i] {
                0 => self.pen = Pen::default(),
                38 | 48 | 58 => {
                    let n = if p.get(i + 1) == Some(&5) { 3 } else { 5 };
                    let mut value = p[i..(i + n).min(p.len())].iter().map(|v| v.to_string()).collect::<Vec<_>>().join(";");
                    // The 16 named colours as 256-colour indexes are the ANSI codes.
                    if let (true, Some(&c)) = (n == 3 && p[i] != 58, p.get(i + 2)) {
                        if c < 16 {
                            let base = if p[i] == 38 { 30 } else { 40 };
                            value = (if c < 8 { base + c } else { base + 60 + c - 8 }).to_string();
                        }
                    }
                    match p[i] {
                        38 => self.pen.fg = value,
                        48 => self.pen.bg = value,
                        _ => self.pen.underline = value,
                    }
                    i += n - 1;
                }
                39 => self.pen.fg.clear(),
                49 => self.pen.bg.clear(),
                59 => self.pen.underline.clear(),
                22 => {
                    self.pen.attrs.remove(&1);
                    self.pen.attrs.remove(&2);
                }
                n @ 23..=29 => {
                    self.pen.attrs.remove(&(n - 20));
                }
                n @ 30..=37 | n @ 90..=97 => self.pen.fg = n.to_string(),
                n @ 40..=47 | n @ 100..=107 => self.pen.bg = n.to_string(),
                n => {
                    self.pen.attrs.insert(n);
                }
            }
            i += 1;
        }
    }

    fn read(&mut self, bytes: &[u8]) {
        let text = std::str::from_utf8(bytes).unwrap();
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\r' {
                self.at.0 = 0;
                continue;
            }
            if c == '\n' {
                self.at.1 += 1;
                assert!(((self.at.1 + 1) * self.width) as usize <= self.cells.len(), "a line feed on the last row scrolls");
                continue;
            }
            if c != '\u{1b}' {
                let (x, y) = self.at;
                assert!(x < self.width, "printed past the right edge");
                self.cells[(y * self.width + x) as usize] = (c.to_string(), self.pen.clone());
                self.at.0 += 1;
                continue;
            }
            assert_eq!(chars.next(), Some('['));
            let mut params = String::new();
            let end = loop {
                let c = chars.next().unwrap();
                if c.is_ascii_alphabetic() {
                    break c;
                }
                params.push(c);
            };
            match (end, params.as_str()) {
                ('H', p) => {
                    let (row, col) = p.split_once(';').unwrap();
                    self.at = (col.parse::<u16>().unwrap() - 1, row.parse::<u16>().unwrap() - 1);
                }
                ('C', p) => self.at.0 += p.parse::<u16>().unwrap_or(1),
                ('X', p) => {
                    let (x, y) = self.at;
                    for k in 0..p.parse::<u16>().unwrap_or(1).min(self.width - x) {
                        self.cells[(y * self.width + x + k) as usize] = (" ".into(), Pen { attrs: BTreeSet::new(), ..self.pen.clone() });
                    }
                }
                ('m', p) => self.sgr(p),
                ('h', "?25") => self.shown = true,
                ('l', "?25") => self.shown = false,
                (e, p) => panic!("unexpected sequence ESC [{p}{e}"),
            }
        }
    }
}

/// A frame of the test: lines of words in a few styles, and maybe the cursor.
fn frame(f: &mut ratatui::Frame, seed: u64) {
    let words = ["Siti", "Aminah", "Budi", "Santoso", "RM-0000123", "L", "P", "12-03-1980", "46 th", "Sukamaju", "│", "…", "é", ""];
    let styles = [Style::new(), Style::new().fg(Color::Black).bg(Color::White), Style::new().add_modifier(Modifier::BOLD), Style::new().fg(Color::DarkGray)];
    let mut x = seed;
    let mut next = |n: u64| {
        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (x >> 33) % n
    };
    let area = f.area();
    for row in 0..area.height {
        let spans: Vec<Span> = (0..next(8)).map(|_| Span::styled(format!("{} ", words[next(words.len() as u64) as usize]), styles[next(4) as usize])).collect();
        f.render_widget(Line::from(spans), Rect::new(0, row, area.width, 1));
    }
    if next(3) > 0 {
        f.set_cursor_position(Position::new(next(area.width as u64) as u16, next(area.height as u64) as u16));
    }
}

#[test]
fn the_screen_is_the_same_as_with_the_plain_backend_for_fewer_bytes() {
    let (width, height) = (40, 8);
    let options = || TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, width, height)) };
    let (plain_out, thrifty_out) = (Shared::default(), Shared::default());
    let mut plain = Terminal::with_options(CrosstermBackend::new(plain_out.clone()), options()).unwrap();
    let mut thrifty = Terminal::with_options(Thrifty::new(thrifty_out.clone()), options()).unwrap();
    let (mut plain_vt, mut thrifty_vt) = (Vt::new(width, height), Vt::new(width, height));
    let mut seed = 1u64;
    let (mut plain_bytes, mut thrifty_bytes) = (0, 0);
    for n in 0..600u64 {
        // Mostly small changes (a few rows new), sometimes the same frame again.
        if n % 5 != 0 {
            seed = seed.wrapping_add(n % 3);
        }
        plain.draw(|f| frame(f, seed)).unwrap();
        thrifty.draw(|f| frame(f, seed)).unwrap();
        let plain_sent = std::mem::take(&mut *plain_out.0.borrow_mut());
        plain_vt.read(&plain_sent);
        let sent = std::mem::take(&mut *thrifty_out.0.borrow_mut());
        thrifty_vt.read(&sent);
        assert!(sent.len() <= plain_sent.len(), "frame {n}: {} bytes, plainly {}", sent.len(), plain_sent.len());
        (plain_bytes, thrifty_bytes) = (plain_bytes + plain_sent.len(), thrifty_bytes + sent.len());
        assert_eq!(thrifty_vt.cells, plain_vt.cells, "frame {n}: {}", String::from_utf8_lossy(&sent));
        assert_eq!(thrifty_vt.shown, plain_vt.shown, "frame {n}");
        if plain_vt.shown {
            assert_eq!(thrifty_vt.at, plain_vt.at, "frame {n}: the cursor");
        }
    }
    // 138,635 bytes against 198,316 when this was written.
    assert!(thrifty_bytes * 4 < plain_bytes * 3, "{thrifty_bytes} bytes, plainly {plain_bytes}");
}

#[test]
fn typing_sends_the_letter_and_no_cursor_move_after_it() {
    let out = Shared::default();
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, 30, 3)) };
    let mut term = Terminal::with_options(Thrifty::new(out.clone()), options).unwrap();
    let mut vt = Vt::new(30, 3);
    let field = Style::new().fg(Color::Black).bg(Color::White);
    let mut typed = String::new();
    for (n, c) in "siti aminah".chars().enumerate() {
        typed.push(c);
        term.draw(|f| {
            f.render_widget(Line::from(Span::styled(format!("{typed:<20}"), field)), Rect::new(2, 1, 20, 1));
            f.set_cursor_position(Position::new(2 + typed.len() as u16, 1));
        })
        .unwrap();
        let sent = std::mem::take(&mut *out.0.borrow_mut());
        vt.read(&sent);
        assert_eq!(vt.at, (2 + typed.len() as u16, 1), "{typed:?}");
        assert!(vt.shown);
        let text = String::from_utf8_lossy(&sent).replace('\u{1b}', "\\e");
        if n > 0 {
            // The letter in the field's colours and the reset: the cursor already stands
            // there, is shown, and stands after it for the next letter.
            let expected = if c == ' ' { "\\e[C".to_string() } else { format!("\\e[30;107m{c}\\e[0m") };
            assert_eq!(text, expected);
        }
    }
}

#[test]
fn a_run_of_blanks_is_erased_in_place_and_no_further() {
    let out = Shared::default();
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, 30, 2)) };
    let mut term = Terminal::with_options(Thrifty::new(out.clone()), options).unwrap();
    let mut vt = Vt::new(30, 2);
    // The erase ends at the last change, just before "12", which stays.
    for (text, erased) in [("│RM-0000123 Siti Aminah P12  │", false), ("│RM-0000123              12  │", true), ("│RM-0000124 Budi         12  │", false)] {
        term.draw(|f| f.render_widget(Line::raw(text), Rect::new(0, 0, 30, 1))).unwrap();
        let sent = std::mem::take(&mut *out.0.borrow_mut());
        vt.read(&sent);
        let shown: String = vt.cells[..30].iter().map(|(c, _)| c.as_str()).collect();
        assert_eq!(shown, text);
        assert_eq!(String::from_utf8_lossy(&sent).contains('X'), erased, "{}", String::from_utf8_lossy(&sent));
    }
}

#[test]
fn after_a_full_clear_the_cursor_is_moved_again() {
    use ratatui::backend::{Backend, ClearType};
    let out = Shared::default();
    let mut backend = Thrifty::new(out.clone());
    backend.set_cursor_position((3, 1)).unwrap();
    backend.set_cursor_position((3, 1)).unwrap();
    assert_eq!(String::from_utf8_lossy(&std::mem::take(&mut *out.0.borrow_mut())), "\u{1b}[2;4H", "once");
    // ratatui clears on a resize, and the terminal may have moved the cursor then.
    backend.clear_region(ClearType::All).unwrap();
    out.0.borrow_mut().clear();
    backend.set_cursor_position((3, 1)).unwrap();
    assert_eq!(String::from_utf8_lossy(&std::mem::take(&mut *out.0.borrow_mut())), "\u{1b}[2;4H");
}

#[test]
fn after_a_wide_character_the_next_cell_is_reached_by_an_absolute_move() {
    let out = Shared::default();
    let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, 10, 1)) };
    let mut term = Terminal::with_options(Thrifty::new(out.clone()), options).unwrap();
    term.draw(|f| f.render_widget(Line::raw("中a"), Rect::new(0, 0, 10, 1))).unwrap();
    let sent = String::from_utf8_lossy(&std::mem::take(&mut *out.0.borrow_mut())).replace('\u{1b}', "\\e");
    assert!(sent.starts_with("\\e[1;1H中\\e[1;3Ha"), "{sent}");
}
