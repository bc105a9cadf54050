//! The document model every printout is made of, its layout on paper of a given width, and the
//! text preview shown on screen. The ESC/POS writer (`escpos.rs`) prints the same layout, so the
//! preview and the paper say the same thing, character for character.

use super::translit::to_printable;
use super::PrintError;
pub use crate::domain::printing::DocKind;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BarcodeKind {
    Ean13,
}


/// One piece of a printout, top to bottom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "t", rename_all = "kebab-case")]
pub enum Block {
    /// Running text: wraps at word boundaries.
    Text { text: String, align: Align, bold: bool, double: bool },
    /// A label on the left (wraps) and a value kept flush right on its first line: amounts. When
    /// the room beside the value is narrower than the label's longest word, the label stands on
    /// its own line and the value follows flush right.
    Columns { left: String, right: String, bold: bool },
    /// A full-width rule: `-----` or, when `heavy`, `=====`.
    Separator { heavy: bool },
    Qr { data: String },
    Barcode { kind: BarcodeKind, data: String },
    Feed { lines: u8 },
    Cut,
    /// Open the cash drawer.
    Drawer,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub kind: DocKind,
    /// A reprint: the printout says SALINAN / COPY at the top and bottom.
    #[serde(default)]
    pub copy: bool,
    pub blocks: Vec<Block>,
}

impl Document {
    pub fn new(kind: DocKind) -> Document {
        Document { kind, copy: false, blocks: Vec::new() }
    }

    pub fn push(&mut self, b: Block) -> &mut Self {
        self.blocks.push(b);
        self
    }

    pub fn text(&mut self, text: impl Into<String>) -> &mut Self {
        self.push(Block::Text { text: text.into(), align: Align::Left, bold: false, double: false })
    }

    pub fn styled(&mut self, text: impl Into<String>, align: Align, bold: bool, double: bool) -> &mut Self {
        self.push(Block::Text { text: text.into(), align, bold, double })
    }

    pub fn center(&mut self, text: impl Into<String>) -> &mut Self {
        self.styled(text, Align::Center, false, false)
    }

    pub fn title(&mut self, text: impl Into<String>) -> &mut Self {
        self.styled(text, Align::Center, true, false)
    }

    pub fn big(&mut self, text: impl Into<String>) -> &mut Self {
        self.styled(text, Align::Center, true, true)
    }

    pub fn columns(&mut self, left: impl Into<String>, right: impl Into<String>) -> &mut Self {
        self.push(Block::Columns { left: left.into(), right: right.into(), bold: false })
    }

    pub fn columns_bold(&mut self, left: impl Into<String>, right: impl Into<String>) -> &mut Self {
        self.push(Block::Columns { left: left.into(), right: right.into(), bold: true })
    }

    pub fn separator(&mut self) -> &mut Self {
        self.push(Block::Separator { heavy: false })
    }

    pub fn heavy_separator(&mut self) -> &mut Self {
        self.push(Block::Separator { heavy: true })
    }

    pub fn qr(&mut self, data: impl Into<String>) -> &mut Self {
        self.push(Block::Qr { data: data.into() })
    }

    pub fn feed(&mut self, lines: u8) -> &mut Self {
        self.push(Block::Feed { lines })
    }

    pub fn cut(&mut self) -> &mut Self {
        self.push(Block::Cut)
    }

    /// Stored with the job so that a reprint or a retry after a settings fix can lay it out again.
    pub fn to_stored(&self) -> String {
        toml::to_string(self).unwrap_or_default()
    }

    pub fn from_stored(s: &str) -> Option<Document> {
        toml::from_str(s).ok()
    }
}

/// A laid-out piece: text already transliterated, wrapped and cut to the paper's width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Laid {
    /// One printed line. `text` fits `cols` (half the paper's columns when `double`); `align`
    /// says where it sits in them.
    Line { text: String, align: Align, bold: bool, double: bool },
    Qr(String),
    Barcode(BarcodeKind, String),
    Feed(u8),
    Cut,
    Drawer,
}

pub use crate::config::printer::{MAX_COLUMNS, MIN_COLUMNS};

/// Split text into lines of at most `width` characters at spaces; a word longer than a line is
/// broken. The text is printable ASCII here, so a byte is a column.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word = word;
        while word.len() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let (head, tail) = word.split_at(width);
            lines.push(head.to_string());
            word = tail;
        }
        if word.is_empty() {
            continue;
        }
        if line.is_empty() {
            line.push_str(word);
        } else if line.len() + 1 + word.len() <= width {
            line.push(' ');
            line.push_str(word);
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn copy_banner(lines: &mut Vec<Laid>, width: usize) {
    let banner = "*** SALINAN / COPY ***";
    for text in wrap(banner, width) {
        lines.push(Laid::Line { text, align: Align::Center, bold: true, double: false });
    }
}

/// Lay a document out on paper `width` columns wide.
pub fn layout(doc: &Document, width: u16) -> Result<Vec<Laid>, PrintError> {
    if !(MIN_COLUMNS..=MAX_COLUMNS).contains(&width) {
        return Err(PrintError::Width(width));
    }
    let w = width as usize;
    let mut out = Vec::with_capacity(doc.blocks.len() + 8);
    if doc.copy {
        copy_banner(&mut out, w);
    }
    for block in &doc.blocks {
        match block {
            Block::Text { text, align, bold, double } => {
                let cols = if *double { w / 2 } else { w };
                for line in wrap(&to_printable(text), cols) {
                    out.push(Laid::Line { text: line, align: *align, bold: *bold, double: *double });
                }
            }
            Block::Columns { left, right, bold } => {
                let (left, right) = (to_printable(left), to_printable(right));
                let right = right.trim().to_string();
                // The label shares its first line with the value only if the room beside the
                // value holds the label's longest word; otherwise the label gets its own line(s)
                // and the value follows flush right (a 58 mm CKG slip would else print
                // "Tekanan darah sistolik" two letters a line).
                let longest = left.split(' ').map(str::len).max().unwrap_or(0);
                if right.is_empty() || right.len() + 2 > w || w - right.len() - 1 < longest {
                    for line in wrap(&left, w) {
                        out.push(Laid::Line { text: line, align: Align::Left, bold: *bold, double: false });
                    }
                    if !right.is_empty() {
                        for line in wrap(&right, w) {
                            out.push(Laid::Line { text: line, align: Align::Right, bold: *bold, double: false });
                        }
                    }
                    continue;
                }
                let room = w - right.len() - 1;
                for (i, line) in wrap(&left, room).into_iter().enumerate() {
                    let text = if i == 0 { format!("{line:<width$}{right}", width = w - right.len()) } else { line };
                    out.push(Laid::Line { text, align: Align::Left, bold: *bold, double: false });
                }
            }
            Block::Separator { heavy } => {
                let c = if *heavy { "=" } else { "-" };
                out.push(Laid::Line { text: c.repeat(w), align: Align::Left, bold: false, double: false });
            }
            Block::Qr { data } => out.push(Laid::Qr(data.clone())),
            Block::Barcode { kind, data } => out.push(Laid::Barcode(*kind, data.clone())),
            Block::Feed { lines } => out.push(Laid::Feed(*lines)),
            Block::Cut => {
                if doc.copy {
                    copy_banner(&mut out, w);
                }
                out.push(Laid::Cut)
            }
            Block::Drawer => out.push(Laid::Drawer),
        }
    }
    Ok(out)
}

/// Place `text` in `cols` columns.
pub fn aligned(text: &str, align: Align, cols: usize) -> String {
    let pad = cols.saturating_sub(text.len());
    match align {
        Align::Left => text.to_string(),
        Align::Right => format!("{}{text}", " ".repeat(pad)),
        Align::Center => format!("{}{text}", " ".repeat(pad / 2)),
    }
}

/// The text preview: what the paper will say, as lines of at most `width` characters. A
/// double-size line is shown spread over the full width; codes are shown by their content.
pub fn preview_lines(laid: &[Laid], width: u16) -> Vec<String> {
    let w = width as usize;
    let mut out = Vec::new();
    for piece in laid {
        match piece {
            Laid::Line { text, align, double, .. } => {
                let text = if *double { text.chars().flat_map(|c| [c, ' ']).collect::<String>().trim_end().to_string() } else { text.clone() };
                out.push(aligned(&text, *align, w));
            }
            Laid::Qr(data) => out.push(aligned(&format!("[QR {}]", to_printable(data)), Align::Center, w)),
            Laid::Barcode(BarcodeKind::Ean13, data) => out.push(aligned(&format!("[EAN-13 {data}]"), Align::Center, w)),
            Laid::Feed(n) => out.extend(std::iter::repeat_n(String::new(), *n as usize)),
            Laid::Cut => out.push("- ".repeat(w / 2).trim_end().to_string()),
            Laid::Drawer => {}
        }
    }
    out
}

/// The preview as one string.
pub fn preview(doc: &Document, width: u16) -> Result<String, PrintError> {
    let laid = layout(doc, width)?;
    Ok(preview_lines(&laid, width).join("\n") + "\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn wraps_at_words_and_breaks_long_ones() {
        assert_eq!(wrap("Beras Premium Cap Ayam Jago", 12), vec!["Beras", "Premium Cap", "Ayam Jago"]);
        assert_eq!(wrap("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 10), vec!["ABCDEFGHIJ", "KLMNOPQRST", "UVWXYZ"]);
        assert_eq!(wrap("", 10), vec![""]);
    }

    #[test]
    fn amounts_stay_right_aligned_when_names_wrap() {
        let mut d = Document::new(DocKind::Receipt);
        d.columns("Minyak Goreng Minyakita Pouch 1 Liter Kemasan Ekonomis", "Rp15.700");
        let lines = preview_lines(&layout(&d, 32).unwrap(), 32);
        assert_eq!(lines[0], "Minyak Goreng Minyakita Rp15.700");
        assert!(lines[1..].iter().all(|l| l.len() <= 23));
        let lines = preview_lines(&layout(&d, 48).unwrap(), 48);
        assert!(lines[0].ends_with(" Rp15.700") && lines[0].len() == 48);
    }

    #[test]
    fn a_label_too_long_beside_its_value_gets_its_own_line() {
        let mut d = Document::new(DocKind::CkgSlip);
        d.columns("Tekanan darah sistolik", "165 mmHg HIPERTENSI DERAJAT 2");
        let lines = preview_lines(&layout(&d, 32).unwrap(), 32);
        assert_eq!(lines, ["Tekanan darah sistolik", "   165 mmHg HIPERTENSI DERAJAT 2"]);
        // At 48 columns the label wraps beside the value, each word whole.
        let lines = preview_lines(&layout(&d, 48).unwrap(), 48);
        assert_eq!(lines, ["Tekanan darah      165 mmHg HIPERTENSI DERAJAT 2", "sistolik"]);
    }

    #[test]
    fn a_zero_width_profile_is_an_error_not_a_panic() {
        let mut d = Document::new(DocKind::TestPage);
        d.text("x");
        assert_eq!(layout(&d, 0), Err(PrintError::Width(0)));
        assert_eq!(layout(&d, 200), Err(PrintError::Width(200)));
    }

    #[test]
    fn a_reprint_says_copy_and_the_document_survives_storage() {
        let mut d = Document::new(DocKind::Ticket);
        d.big("A-007").qr("A-007").cut();
        let mut copy = Document::from_stored(&d.to_stored()).unwrap();
        assert_eq!(copy, d);
        copy.copy = true;
        let p = preview(&copy, 32).unwrap();
        assert!(p.starts_with("     *** SALINAN / COPY ***"), "{p}");
        assert_eq!(p.matches("SALINAN / COPY").count(), 2, "{p}");
    }

    proptest! {
        #[test]
        fn nothing_is_wider_than_the_paper(
            words in proptest::collection::vec("[a-zA-Z0-9éµ²°≥]{0,40}", 0..12),
            right in "[A-Za-z0-9.]{0,60}",
            width in prop_oneof![Just(32u16), Just(48u16), 16u16..64],
        ) {
            let text = words.join(" ");
            let mut d = Document::new(DocKind::Receipt);
            d.text(text.clone()).big(text.clone()).columns(text.clone(), right.clone()).styled(text.clone(), Align::Right, false, false);
            for piece in layout(&d, width).unwrap() {
                if let Laid::Line { text, double, .. } = piece {
                    let cols = if double { width as usize / 2 } else { width as usize };
                    prop_assert!(text.len() <= cols, "{:?} over {}", text, cols);
                    prop_assert!(text.is_ascii());
                }
            }
        }
    }
}
