//! Writing the terminal for the full-screen views with fewer bytes for the same screen (issue 20:
//! a clerk on a slow SSH link or a serial console pays for every byte). ratatui sends only the
//! cells that changed, but each run of changed cells starts with a cursor move of 6 to 8 bytes:
//! when a new list of patients shares spaces and letters with the old one, its changes come in
//! runs of one or two cells and the moves cost more than the letters. [`Thrifty`] wraps a backend
//! (ratatui's crossterm backend) and keeps what the terminal shows: the unchanged cells of a short
//! gap between two changes on a row are sent again when they cost fewer bytes than the move, so
//! the run goes on. It also leaves out a cursor move to where the cursor already is and showing
//! or hiding a cursor that already is so, and sends nothing for a frame without changes.
//! The screen drawn is the same cell for cell (the tests read the bytes back as a terminal does).

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::{Position, Rect, Size};

/// The terminal of the full-screen views: standard output through [`Thrifty`].
pub type Screen = ratatui::Terminal<Thrifty<ratatui::backend::CrosstermBackend<std::io::Stdout>>>;

/// The full-screen views' terminal over standard output, which [`ratatui::try_init`] has put in
/// raw mode and the alternate screen.
pub fn screen() -> std::io::Result<Screen> {
    ratatui::Terminal::new(Thrifty::new(ratatui::backend::CrosstermBackend::new(std::io::stdout())))
}

/// A backend that sends fewer bytes for the same frames as the backend it wraps.
#[derive(Debug)]
pub struct Thrifty<B> {
    inner: B,
    /// What the terminal shows, as far as this backend drew it; `None` when not known (after a
    /// partial clear with the cursor somewhere unknown, or lines appended), until a full clear.
    screen: Option<Buffer>,
    /// Where the terminal's cursor is, when known.
    cursor: Option<Position>,
    /// Whether the cursor is shown, when known.
    shown: Option<bool>,
}

impl<B: Backend> Thrifty<B> {
    /// Wrap a backend whose terminal is blank (a new alternate screen), as ratatui assumes.
    pub fn new(inner: B) -> Thrifty<B> {
        Thrifty { inner, screen: Some(Buffer::empty(Rect::ZERO)), cursor: None, shown: None }
    }

    pub fn inner(&self) -> &B {
        &self.inner
    }
}

/// Whether a cell is one column wide for certain, so that sending it again leaves the cursor one
/// column on: a single character from ASCII, Latin, box drawing and block elements (what the
/// screens draw), never a wide or combining character.
fn narrow(cell: &Cell) -> bool {
    let mut chars = cell.symbol().chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if cell.diff_option == CellDiffOption::None => matches!(c, ' '..='~' | '\u{a1}'..='\u{2ff}' | '\u{2010}'..='\u{2027}' | '\u{2500}'..='\u{259f}') && c != '\u{ad}',
        _ => false,
    }
}

/// The bytes of a cursor move to column `x`, row `y` (`ESC [ row ; column H`, counted from 1).
fn move_cost(x: u16, y: u16) -> usize {
    let digits = |n: u32| n.to_string().len();
    4 + digits(y as u32 + 1) + digits(x as u32 + 1)
}

/// `screen` made at least `width` x `height`, what it holds kept in place (new cells blank).
fn cover(screen: &mut Buffer, width: u16, height: u16) {
    if screen.area.width >= width && screen.area.height >= height {
        return;
    }
    let mut bigger = Buffer::empty(Rect::new(0, 0, width.max(screen.area.width), height.max(screen.area.height)));
    for y in 0..screen.area.height {
        for x in 0..screen.area.width {
            bigger[(x, y)] = screen[(x, y)].clone();
        }
    }
    *screen = bigger;
}

/// The cells to send for `changes` (in the order ratatui gives them, row by row), with the
/// unchanged cells of `screen` (already updated) that fill a gap on a row more cheaply than a
/// cursor move: all one column wide and in the style the last cell left the terminal in.
fn with_gaps_filled<'a>(changes: &[(u16, u16, &'a Cell)], screen: &'a Buffer) -> Vec<(u16, u16, &'a Cell)> {
    let mut out = Vec::with_capacity(changes.len());
    let mut previous: Option<(u16, u16, &Cell)> = None;
    for &(x, y, cell) in changes {
        if let Some((px, py, prev)) = previous {
            if py == y && x > px + 1 && narrow(prev) {
                let gap: Vec<&Cell> = (px + 1..x).map(|gx| &screen[(gx, y)]).collect();
                let bytes: usize = gap.iter().map(|c| c.symbol().len()).sum();
                if bytes < move_cost(x, y) && gap.iter().all(|c| narrow(c) && c.style() == prev.style()) {
                    out.extend(gap.into_iter().enumerate().map(|(i, c)| (px + 1 + i as u16, y, c)));
                }
            }
        }
        out.push((x, y, cell));
        previous = Some((x, y, cell));
    }
    out
}

impl<B: Backend> Backend for Thrifty<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let changes: Vec<(u16, u16, &Cell)> = content.collect();
        let Some((lx, ly, last)) = changes.last().copied() else { return Ok(()) };
        let Some(screen) = self.screen.as_mut() else {
            self.cursor = None;
            return self.inner.draw(changes.into_iter());
        };
        let (width, height) = changes.iter().fold((0, 0), |(w, h), &(x, y, _)| (w.max(x + 1), h.max(y + 1)));
        cover(screen, width, height);
        for &(x, y, cell) in &changes {
            screen[(x, y)] = cell.clone();
        }
        let sent = with_gaps_filled(&changes, screen);
        let screen_width = screen.area.width;
        self.inner.draw(sent.into_iter())?;
        // After the last cell the cursor stands just right of it (unknown at the right edge,
        // where terminals differ, and after a wide character).
        self.cursor = (narrow(last) && lx + 1 < screen_width).then_some(Position::new(lx + 1, ly));
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.screen = None;
        self.cursor = None;
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        if self.shown != Some(false) {
            self.inner.hide_cursor()?;
            self.shown = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        if self.shown != Some(true) {
            self.inner.show_cursor()?;
            self.shown = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        let at = self.inner.get_cursor_position()?;
        self.cursor = Some(at);
        Ok(at)
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        let position = position.into();
        if self.cursor != Some(position) {
            self.inner.set_cursor_position(position)?;
            self.cursor = Some(position);
        }
        Ok(())
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()?;
        self.screen = Some(Buffer::empty(Rect::ZERO));
        Ok(())
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)?;
        let blank = |x: u16, y: u16, at: Position| match clear_type {
            ClearType::All => true,
            ClearType::AfterCursor => y > at.y || (y == at.y && x >= at.x),
            ClearType::BeforeCursor => y < at.y || (y == at.y && x <= at.x),
            ClearType::CurrentLine => y == at.y,
            ClearType::UntilNewLine => y == at.y && x >= at.x,
        };
        if clear_type == ClearType::All {
            self.screen = Some(Buffer::empty(Rect::ZERO));
        } else if let (Some(at), Some(screen)) = (self.cursor, self.screen.as_mut()) {
            let area = screen.area;
            for y in 0..area.height {
                for x in 0..area.width {
                    if blank(x, y, at) {
                        screen[(x, y)].reset();
                    }
                }
            }
        } else {
            self.screen = None;
        }
        Ok(())
    }

    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.inner.flush()
    }
}


#[cfg(test)]
mod tests {
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
                        let value = p[i..(i + n).min(p.len())].iter().map(|v| v.to_string()).collect::<Vec<_>>().join(";");
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
        let mut thrifty = Terminal::with_options(Thrifty::new(CrosstermBackend::new(thrifty_out.clone())), options()).unwrap();
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
        assert!(thrifty_bytes < plain_bytes, "{thrifty_bytes} bytes, plainly {plain_bytes}");
    }

    #[test]
    fn typing_sends_the_letter_and_no_cursor_move_after_it() {
        let out = Shared::default();
        let options = TerminalOptions { viewport: Viewport::Fixed(Rect::new(0, 0, 30, 3)) };
        let mut term = Terminal::with_options(Thrifty::new(CrosstermBackend::new(out.clone())), options).unwrap();
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
                // The move to the letter, its colours, the letter and the colours reset: no
                // cursor shown again, no move to where the cursor already stands.
                assert!(!text.contains("?25h") && text.matches('H').count() == 1, "{text}");
            }
        }
    }
}
