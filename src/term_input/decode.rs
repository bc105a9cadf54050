//! The terminal's bytes turned into key events: our own decoder, in place of crossterm's reader.
//!
//! Why our own: crossterm 0.29's parser (its `bracketed-paste` feature is on through ratatui and
//! cannot be turned off from here) takes `ESC [200~` as the start of a paste and swallows every
//! byte after it until `ESC [201~`: a start marker without its end (a broken terminal, a cut SSH
//! line, a stray byte sequence) left the counter deaf to every key. Here a paste marker only
//! switches a mode: what is pasted arrives as typed characters (a NIK or a barcode pasted into a
//! field works as if typed), its line breaks and control keys are dropped (a pasted text must not
//! press Enter on a sale), and the mode ends at `ESC [201~` or when the input goes quiet
//! ([`Decoder::end_paste`], called by the reader after a short idle time).
//!
//! The events are crossterm's own types, so the keymap and the screens are unchanged. The keys
//! decoded are those a counter's keyboard sends through xterm, tmux, the Linux console and
//! PuTTY: characters (UTF-8), Enter, Tab, Shift+Tab, Backspace, Esc, Ctrl+letter, Alt+key,
//! arrows, Home/End/Insert/Delete/PageUp/PageDown and F1-F12 with their modifiers. Anything else
//! (mouse reports, focus, device answers, unknown sequences, broken UTF-8) is dropped whole, never
//! half-typed.

use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

const ESC: u8 = 0x1B;
/// The longest escape sequence kept waiting for its end; a longer one is garbage and dropped.
const MAX_SEQUENCE: usize = 64;

/// One terminal's input state: bytes not yet decoded and whether a paste is under way.
#[derive(Debug, Default)]
pub struct Decoder {
    buf: Vec<u8>,
    start: usize,
    in_paste: bool,
}

/// What a complete sequence means.
enum Token {
    Key(KeyEvent),
    PasteStart,
    PasteEnd,
}

/// What the front of the buffer holds.
enum Step {
    /// A key or a paste marker, and the bytes it took.
    Event(Token, usize),
    /// Bytes that make no event (dropped).
    Skip(usize),
    /// The start of a sequence whose end has not arrived yet.
    Incomplete,
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// Bytes read from the terminal.
    pub fn feed(&mut self, bytes: &[u8]) {
        self.buf.drain(..self.start);
        self.start = 0;
        self.buf.extend_from_slice(bytes);
    }

    /// Whether bytes are waiting (a sequence not yet complete).
    pub fn has_pending(&self) -> bool {
        self.start < self.buf.len()
    }

    /// Whether a paste is under way.
    pub fn in_paste(&self) -> bool {
        self.in_paste
    }

    /// The input went quiet in the middle of a paste: the paste is over.
    pub fn end_paste(&mut self) {
        self.in_paste = false;
    }

    /// The next event. With `idle` (no more bytes came within the wait for the rest of a
    /// sequence), what is left is settled: a lone ESC is the Esc key, an unfinished sequence is
    /// dropped.
    pub fn next(&mut self, idle: bool) -> Option<Event> {
        loop {
            let rest = &self.buf[self.start..];
            if rest.is_empty() {
                return None;
            }
            match step(rest) {
                Step::Event(ev, n) => {
                    self.start += n;
                    if let Some(k) = self.filter(ev) {
                        return Some(Event::Key(k));
                    }
                }
                Step::Skip(n) => self.start += n,
                Step::Incomplete if !idle && rest.len() < MAX_SEQUENCE => return None,
                Step::Incomplete => {
                    // Nothing more came: an ESC that starts no finished sequence was the Esc key
                    // (what follows it is read as typed), a broken UTF-8 lead byte is dropped.
                    let first = rest[0];
                    self.start += 1;
                    if first == ESC {
                        if let Some(k) = self.filter(key(KeyCode::Esc, KeyModifiers::NONE)) {
                            return Some(Event::Key(k));
                        }
                    }
                }
            }
        }
    }

    /// Paste markers switch the mode; inside a paste only characters pass.
    fn filter(&mut self, token: Token) -> Option<KeyEvent> {
        match token {
            Token::PasteStart => {
                self.in_paste = true;
                None
            }
            Token::PasteEnd => {
                self.in_paste = false;
                None
            }
            Token::Key(k) if self.in_paste => match k.code {
                KeyCode::Char(_) if !k.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => Some(k),
                _ => None,
            },
            Token::Key(k) => Some(k),
        }
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Token {
    Token::Key(KeyEvent::new(code, modifiers))
}

/// Decode the front of `b` (not empty).
fn step(b: &[u8]) -> Step {
    match b[0] {
        ESC => escape(b),
        b'\r' | b'\n' => Step::Event(key(KeyCode::Enter, KeyModifiers::NONE), 1),
        b'\t' => Step::Event(key(KeyCode::Tab, KeyModifiers::NONE), 1),
        0x7F | 0x08 => Step::Event(key(KeyCode::Backspace, KeyModifiers::NONE), 1),
        0 => Step::Event(key(KeyCode::Char(' '), KeyModifiers::CONTROL), 1),
        c @ 0x01..=0x1A => Step::Event(key(KeyCode::Char((c - 1 + b'a') as char), KeyModifiers::CONTROL), 1),
        c @ 0x1C..=0x1F => Step::Event(key(KeyCode::Char((c - 0x1C + b'4') as char), KeyModifiers::CONTROL), 1),
        _ => utf8(b),
    }
}

/// A character in UTF-8; an uppercase letter carries Shift, as crossterm reports it.
fn utf8(b: &[u8]) -> Step {
    let len = match b[0] {
        0x00..=0x7F => 1,
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return Step::Skip(1),
    };
    if b.len() < len {
        // Continuation bytes must follow; a byte that cannot continue ends the wait at once.
        if b[1..].iter().any(|&c| c & 0xC0 != 0x80) {
            return Step::Skip(1);
        }
        return Step::Incomplete;
    }
    match std::str::from_utf8(&b[..len]) {
        Ok(s) => {
            let c = s.chars().next().unwrap_or(' ');
            let m = if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
            Step::Event(key(KeyCode::Char(c), m), len)
        }
        Err(_) => Step::Skip(1),
    }
}

/// What follows an ESC: SS3 (`ESC O x`), CSI (`ESC [ ...`), Alt+key, or a lone Esc.
fn escape(b: &[u8]) -> Step {
    let Some(&second) = b.get(1) else { return Step::Incomplete };
    match second {
        b'[' => csi(b),
        b'O' => match b.get(2) {
            None => Step::Incomplete,
            Some(&c) => match final_key(c) {
                Some(code) => Step::Event(key(code, KeyModifiers::NONE), 3),
                None => Step::Skip(3),
            },
        },
        // ESC ESC: the first is the Esc key (the second starts whatever follows).
        ESC => Step::Event(key(KeyCode::Esc, KeyModifiers::NONE), 1),
        _ => match step(&b[1..]) {
            Step::Event(Token::Key(mut k), n) => {
                k.modifiers |= KeyModifiers::ALT;
                Step::Event(Token::Key(k), n + 1)
            }
            Step::Event(_, n) | Step::Skip(n) => Step::Skip(n + 1),
            Step::Incomplete => Step::Incomplete,
        },
    }
}

/// The key named by a final byte of `ESC [ ... x` or `ESC O x`.
fn final_key(c: u8) -> Option<KeyCode> {
    Some(match c {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'P' => KeyCode::F(1),
        b'Q' => KeyCode::F(2),
        b'R' => KeyCode::F(3),
        b'S' => KeyCode::F(4),
        _ => return None,
    })
}

/// `ESC [` parameters (digits, `;`, `:`, `<`, `?` ...), then one final byte 0x40-0x7E.
fn csi(b: &[u8]) -> Step {
    // The Linux console's F1-F5: ESC [ [ A..E.
    if b.get(2) == Some(&b'[') {
        return match b.get(3) {
            None => Step::Incomplete,
            Some(&c @ b'A'..=b'E') => Step::Event(key(KeyCode::F(1 + c - b'A'), KeyModifiers::NONE), 4),
            Some(_) => Step::Skip(4),
        };
    }
    let Some(end) = b[2..].iter().position(|&c| (0x40..=0x7E).contains(&c)) else {
        // Only parameter and intermediate bytes may come before the final one.
        return match b[2..].iter().position(|&c| !(0x20..=0x3F).contains(&c)) {
            Some(i) => Step::Skip(2 + i),
            None => Step::Incomplete,
        };
    };
    let len = 2 + end + 1;
    let params = &b[2..2 + end];
    let fin = b[2 + end];
    let mut nums = params.split(|&c| c == b';').map(|p| {
        // "5:1" (kitty's modifier:event) keeps its first number.
        let p = p.split(|&c| c == b':').next().unwrap_or(&[]);
        std::str::from_utf8(p).ok().and_then(|s| s.parse::<u16>().ok())
    });
    let first = nums.next().flatten();
    let mods = modifiers(nums.next().flatten());
    let code = match fin {
        b'~' => match first {
            Some(200) => return Step::Event(Token::PasteStart, len),
            Some(201) => return Step::Event(Token::PasteEnd, len),
            Some(1 | 7) => KeyCode::Home,
            Some(2) => KeyCode::Insert,
            Some(3) => KeyCode::Delete,
            Some(4 | 8) => KeyCode::End,
            Some(5) => KeyCode::PageUp,
            Some(6) => KeyCode::PageDown,
            Some(n @ 11..=15) => KeyCode::F((n - 10) as u8),
            Some(n @ 17..=21) => KeyCode::F((n - 11) as u8),
            Some(n @ 23..=24) => KeyCode::F((n - 12) as u8),
            _ => return Step::Skip(len),
        },
        b'Z' => return Step::Event(key(KeyCode::BackTab, KeyModifiers::SHIFT), len),
        // Private sequences (mouse, device answers) are not keys.
        _ if params.first().is_some_and(|p| matches!(p, b'<' | b'?' | b'>' | b'=')) => return Step::Skip(len),
        c => match final_key(c) {
            Some(code) => code,
            None => return Step::Skip(len),
        },
    };
    Step::Event(key(code, mods), len)
}

/// xterm's modifier parameter: 1 + (shift 1, alt 2, ctrl 4).
fn modifiers(p: Option<u16>) -> KeyModifiers {
    let m = p.unwrap_or(1).saturating_sub(1);
    let mut out = KeyModifiers::NONE;
    if m & 1 != 0 {
        out |= KeyModifiers::SHIFT;
    }
    if m & 2 != 0 {
        out |= KeyModifiers::ALT;
    }
    if m & 4 != 0 {
        out |= KeyModifiers::CONTROL;
    }
    out
}

#[cfg(test)]
mod tests;
