//! Writing the terminal for the full-screen views with fewer bytes for the same screen (issue 20:
//! a clerk on a slow SSH link or a serial console pays for every byte). ratatui hands a backend
//! only the cells that changed; its crossterm backend then starts each run of them with an
//! absolute cursor move (6 to 8 bytes), writes colours as 256-colour indexes, resets every
//! attribute after each frame and shows the cursor and moves it again each frame. When a new list
//! of patients shares spaces and letters with the old one its changes come in runs of one or two
//! cells, and those moves cost more than the letters; a letter typed into the search cost 55
//! bytes (14 here).
//!
//! [`Thrifty`] is a backend that keeps what the terminal shows and where its cursor is, and for
//! each change takes the cheapest way there: nothing when the cursor already stands there, the
//! unchanged cells in between sent again when they are fewer bytes, a move right on the row
//! (`ESC [ n C`) maybe after a carriage return (and line feed, to the next row), or the absolute
//! move. A run of blanks is erased in place (`ESC [ n X`). Colours are the 16 ANSI colours' own
//! codes, one SGR sequence per change of style, a reset only when the frame leaves a style set,
//! and the cursor is shown, hidden or moved only when that changes something. The screen is the
//! same cell for cell as with ratatui's crossterm backend (the tests read both backends' bytes
//! back as a terminal does); only VT100/ECMA-48 sequences that every terminal emulator and the
//! Linux console know are sent. `cargo bench --bench terminal` measures it.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::crossterm::{cursor, queue, terminal};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};

/// The terminal of the full-screen views: standard output through [`Thrifty`].
pub type Screen = ratatui::Terminal<Thrifty<io::Stdout>>;

/// The full-screen views' terminal over standard output, which [`ratatui::try_init`] has put in
/// raw mode and the alternate screen.
pub fn screen() -> io::Result<Screen> {
    ratatui::Terminal::new(Thrifty::new(io::stdout()))
}

/// The style the terminal draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    const DEFAULT: Pen = Pen { fg: Color::Reset, bg: Color::Reset, underline: Color::Reset, modifier: Modifier::empty() };

    fn of(cell: &Cell) -> Pen {
        Pen { fg: cell.fg, bg: cell.bg, underline: cell.underline_color, modifier: cell.modifier }
    }
}

/// A backend over a terminal's writer that sends fewer bytes for the same frames than ratatui's
/// crossterm backend.
#[derive(Debug)]
pub struct Thrifty<W: Write> {
    out: W,
    /// What the terminal shows, as far as this backend drew it; `None` when not known (after a
    /// partial clear with the cursor somewhere unknown, or lines appended), until a full clear.
    screen: Option<Buffer>,
    /// Where the terminal's cursor is, when known.
    cursor: Option<Position>,
    /// Whether the cursor is shown, when known.
    shown: Option<bool>,
}

impl<W: Write> Thrifty<W> {
    /// Draw on a terminal that is blank (a new alternate screen), as ratatui assumes.
    pub fn new(out: W) -> Thrifty<W> {
        Thrifty { out, screen: Some(Buffer::empty(Rect::ZERO)), cursor: None, shown: None }
    }

    /// Move the cursor to `to` the cheapest way: from where it stands, or from the start of its
    /// row (carriage return) or of the next row (carriage return and line feed, never from the
    /// last row, so the screen does not scroll), the rest of the way along the row by writing
    /// the cells in between again or a move right; else the absolute move.
    fn go(&mut self, to: Position, pen: Pen) -> io::Result<()> {
        if self.cursor == Some(to) {
            return Ok(());
        }
        let mut best = (4 + digits(to.y + 1) + digits(to.x + 1), Vec::new(), Along::Absolute);
        if let Some(at) = self.cursor {
            let mut consider = |prefix: &[u8], from: u16| {
                if let Some((cost, along)) = self.along(to.y, from, to.x, pen) {
                    if prefix.len() + cost < best.0 {
                        best = (prefix.len() + cost, prefix.to_vec(), along);
                    }
                }
            };
            if at.y == to.y && at.x < to.x {
                consider(b"", at.x);
            }
            if at.y == to.y {
                consider(b"\r", 0);
            }
            if at.y + 1 == to.y {
                consider(b"\r\n", 0);
            }
        }
        let (_, prefix, along) = best;
        self.out.write_all(&prefix)?;
        match along {
            Along::Absolute => write!(self.out, "\x1b[{};{}H", to.y + 1, to.x + 1)?,
            Along::There => {}
            Along::Cells(text) => self.out.write_all(text.as_bytes())?,
            Along::Right(1) => self.out.write_all(b"\x1b[C")?,
            Along::Right(n) => write!(self.out, "\x1b[{n}C")?,
        }
        self.cursor = Some(to);
        Ok(())
    }

    /// The cheapest way along row `y` from column `from` to `to` (not left of it), and its bytes:
    /// the cells in between written again when the terminal shows them in the pen's style, or a
    /// move right.
    fn along(&self, y: u16, from: u16, to: u16, pen: Pen) -> Option<(usize, Along)> {
        if from > to {
            return None;
        }
        if from == to {
            return Some((0, Along::There));
        }
        let n = to - from;
        let right = (if n == 1 { 3 } else { 3 + digits(n) }, Along::Right(n));
        let cells = self.screen.as_ref().and_then(|screen| {
            let cells: Vec<&Cell> = (from..to).map(|x| screen.cell((x, y))).collect::<Option<_>>()?;
            cells.iter().all(|c| narrow(c) && Pen::of(c) == pen).then(|| cells.iter().map(|c| c.symbol()).collect::<String>())
        });
        Some(match cells {
            Some(text) if text.len() < right.0 => (text.len(), Along::Cells(text)),
            _ => right,
        })
    }

    /// Change the terminal's style from `from` to `to` in one SGR sequence: what changed, or a
    /// reset and what `to` sets, whichever is shorter (a reset is needed to take attributes off).
    fn restyle(&mut self, from: Pen, to: Pen) -> io::Result<()> {
        let codes = |from: Pen, mut codes: Vec<String>| {
            for (m, code) in MODIFIERS {
                if to.modifier.contains(m) && !from.modifier.contains(m) {
                    codes.push(code.to_string());
                }
            }
            for (a, b, layer) in [(from.fg, to.fg, Layer::Fg), (from.bg, to.bg, Layer::Bg), (from.underline, to.underline, Layer::Underline)] {
                if a != b {
                    codes.push(color(b, layer));
                }
            }
            codes.join(";")
        };
        let reset = codes(Pen::DEFAULT, vec!["0".into()]);
        let sgr = if (from.modifier - to.modifier).is_empty() {
            let changed = codes(from, Vec::new());
            if changed.len() <= reset.len() { changed } else { reset }
        } else {
            reset
        };
        if !sgr.is_empty() {
            write!(self.out, "\x1b[{sgr}m")?;
        }
        Ok(())
    }
}

/// The shortest run of blank cells erased in place rather than written: the erase (5 bytes) and
/// a move past the run (4 or 5) cost less than this many spaces.
const ERASE_FROM: usize = 11;

/// How [`Thrifty::go`] goes along a row.
enum Along {
    Absolute,
    There,
    Cells(String),
    Right(u16),
}

const MODIFIERS: [(Modifier, u8); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

#[derive(Clone, Copy)]
enum Layer {
    Fg,
    Bg,
    Underline,
}

/// The SGR parameters of a colour: the ANSI codes for the 16 named colours (30-37 and 90-97 for
/// the foreground, 40-47 and 100-107 for the background), 256-colour and RGB forms otherwise.
fn color(c: Color, layer: Layer) -> String {
    let named = match c {
        Color::Black => Some(0),
        Color::Red => Some(1),
        Color::Green => Some(2),
        Color::Yellow => Some(3),
        Color::Blue => Some(4),
        Color::Magenta => Some(5),
        Color::Cyan => Some(6),
        Color::Gray => Some(7),
        Color::DarkGray => Some(8),
        Color::LightRed => Some(9),
        Color::LightGreen => Some(10),
        Color::LightYellow => Some(11),
        Color::LightBlue => Some(12),
        Color::LightMagenta => Some(13),
        Color::LightCyan => Some(14),
        Color::White => Some(15),
        _ => None,
    };
    let (reset, base, extended) = match layer {
        Layer::Fg => (39, 30, 38),
        Layer::Bg => (49, 40, 48),
        Layer::Underline => (59, 0, 58),
    };
    match (c, named) {
        (Color::Reset, _) => reset.to_string(),
        (_, Some(n)) if !matches!(layer, Layer::Underline) => (if n < 8 { base + n } else { base + 60 + n - 8 }).to_string(),
        (_, Some(n)) => format!("{extended};5;{n}"),
        (Color::Indexed(n), _) => format!("{extended};5;{n}"),
        (Color::Rgb(r, g, b), _) => format!("{extended};2;{r};{g};{b}"),
        _ => reset.to_string(),
    }
}

fn digits(n: u16) -> usize {
    n.to_string().len()
}

/// Whether a cell is one column wide for certain, so that writing it again leaves the cursor one
/// column on: a single character from ASCII, Latin, general punctuation, box drawing and block
/// elements (what the screens draw), never a wide or combining character.
fn narrow(cell: &Cell) -> bool {
    let mut chars = cell.symbol().chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) if cell.diff_option == CellDiffOption::None => {
            matches!(c, ' '..='~' | '\u{a1}'..='\u{2ff}' | '\u{2010}'..='\u{2027}' | '\u{2500}'..='\u{259f}') && c != '\u{ad}'
        }
        _ => false,
    }
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

impl<W: Write> Backend for Thrifty<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let changes: Vec<(u16, u16, &Cell)> = content.collect();
        if changes.is_empty() {
            return Ok(());
        }
        // The terminal's cells before the changes are what the gaps are filled from: a gap lies
        // between changes, so its cells are not changed by this frame.
        if let Some(screen) = self.screen.as_mut() {
            let (width, height) = changes.iter().fold((0, 0), |(w, h), &(x, y, _)| (w.max(x + 1), h.max(y + 1)));
            cover(screen, width, height);
        }
        let mut pen = Pen::DEFAULT;
        let mut i = 0;
        while i < changes.len() {
            let (x, y, cell) = changes[i];
            // A run of blank cells in the default style (a list grown shorter, a message gone)
            // is erased in place (`ESC [ n X`, which leaves the cursor where it is) when that
            // and the move past it are shorter than writing the spaces.
            // The run goes over unchanged blank cells too, and ends with the last change in it.
            let blank = |c: &Cell| c.symbol() == " " && Pen::of(c) == Pen::DEFAULT && c.diff_option == CellDiffOption::None;
            let (mut run, mut taken) = (0, 0);
            if blank(cell) {
                let (mut col, mut j) = (x, i);
                loop {
                    let new = match changes.get(j) {
                        Some(&(cx, cy, c)) if cx == col && cy == y => {
                            j += 1;
                            Some(c)
                        }
                        _ => self.screen.as_ref().and_then(|s| s.cell((col, y))).filter(|_| j > i),
                    };
                    if !new.is_some_and(blank) {
                        break;
                    }
                    col += 1;
                    if j - i > taken {
                        (run, taken) = ((col - x) as usize, j - i);
                    }
                }
            }
            if run >= ERASE_FROM {
                self.go(Position::new(x, y), pen)?;
                if pen != Pen::DEFAULT {
                    self.restyle(pen, Pen::DEFAULT)?;
                    pen = Pen::DEFAULT;
                }
                write!(self.out, "\x1b[{run}X")?;
                if let Some(screen) = self.screen.as_mut() {
                    for k in 0..run as u16 {
                        screen[(x + k, y)].reset();
                    }
                }
                i += taken;
                continue;
            }
            self.go(Position::new(x, y), pen)?;
            let style = Pen::of(cell);
            if style != pen {
                self.restyle(pen, style)?;
                pen = style;
            }
            self.out.write_all(cell.symbol().as_bytes())?;
            if let Some(screen) = self.screen.as_mut() {
                screen[(x, y)] = cell.clone();
            }
            // After the cell the cursor stands right of it; unknown at the right edge (terminals
            // differ there), when the screen's width is not known, and after a wide or combined
            // character (a terminal's idea of its width may not be ratatui's).
            let next = x + 1;
            self.cursor = self.screen.as_ref().filter(|s| narrow(cell) && next < s.area.width).map(|_| Position::new(next, y));
            i += 1;
        }
        if pen != Pen::DEFAULT {
            self.out.write_all(b"\x1b[0m")?;
        }
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.screen = None;
        self.cursor = None;
        for _ in 0..n {
            self.out.write_all(b"\n")?;
        }
        self.out.flush()
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.shown != Some(false) {
            queue!(self.out, cursor::Hide)?;
            self.shown = Some(false);
        }
        self.out.flush()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.shown != Some(true) {
            queue!(self.out, cursor::Show)?;
            self.shown = Some(true);
        }
        self.out.flush()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        let (x, y) = cursor::position()?;
        self.cursor = Some(Position::new(x, y));
        Ok(Position::new(x, y))
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.go(position.into(), Pen::DEFAULT)?;
        self.out.flush()
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let what = match clear_type {
            ClearType::All => terminal::ClearType::All,
            ClearType::AfterCursor => terminal::ClearType::FromCursorDown,
            ClearType::BeforeCursor => terminal::ClearType::FromCursorUp,
            ClearType::CurrentLine => terminal::ClearType::CurrentLine,
            ClearType::UntilNewLine => terminal::ClearType::UntilNewLine,
        };
        queue!(self.out, terminal::Clear(what))?;
        let blank = |x: u16, y: u16, at: Position| match clear_type {
            ClearType::All => true,
            ClearType::AfterCursor => y > at.y || (y == at.y && x >= at.x),
            ClearType::BeforeCursor => y < at.y || (y == at.y && x <= at.x),
            ClearType::CurrentLine => y == at.y,
            ClearType::UntilNewLine => y == at.y && x >= at.x,
        };
        if clear_type == ClearType::All {
            // A full clear is how ratatui meets a resize, after which the terminal may have
            // moved the cursor (a smaller window clamps it): it is asked or moved to again.
            self.screen = Some(Buffer::empty(Rect::ZERO));
            self.cursor = None;
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
        self.out.flush()
    }

    fn size(&self) -> io::Result<Size> {
        let (width, height) = terminal::size()?;
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let terminal::WindowSize { columns, rows, width, height } = terminal::window_size()?;
        Ok(WindowSize { columns_rows: Size { width: columns, height: rows }, pixels: Size { width, height } })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests;
