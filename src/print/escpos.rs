//! A laid-out document as ESC/POS bytes, written with the `escpos` crate into memory.
//!
//! Four traps of escpos 0.20, each seen through an independent decoder (tests/print.rs):
//! - `cash_drawer()` sends `ESC p m` without the two pulse times; the printer then takes the
//!   next two bytes as those times and swallows them. We send all five bytes ourselves.
//! - `qrcode()` asks for QR model 1, which phones no longer read; we ask for model 2.
//! - `ean13()` does not check the check digit; we check it and send the 12-digit body, so the
//!   printer computes the digit itself and a wrong code is never printed as if it were right.
//! - `partial_cut()` sends `GS V 65 1`, which is a full cut (DOMAIN.md, Printing: Epson's GS V
//!   takes 65 for a full and 66 for a partial cut after feeding). We send the cut bytes ourselves.

use super::doc::{aligned, BarcodeKind, Laid};
use super::{CodePage, CutMode, PrintError, Profile, QrMode};
use escpos::driver::Driver;
use escpos::printer::Printer;
use escpos::printer_options::PrinterOptions;
use escpos::utils::{
    BarcodeFont, BarcodeHeight, BarcodeOption, BarcodePosition, BarcodeWidth, JustifyMode, PageCode, Protocol, QRCodeCorrectionLevel,
    QRCodeModel, QRCodeOption,
};
use std::cell::RefCell;
use std::rc::Rc;

/// An escpos driver that keeps the bytes: the spool stores them, a transport sends them later.
#[derive(Clone, Default)]
struct Memory(Rc<RefCell<Vec<u8>>>);

impl Driver for Memory {
    fn name(&self) -> String {
        "memory".into()
    }
    fn write(&self, data: &[u8]) -> escpos::errors::Result<()> {
        self.0.borrow_mut().extend_from_slice(data);
        Ok(())
    }
    fn read(&self, _buf: &mut [u8]) -> escpos::errors::Result<usize> {
        Ok(0)
    }
    fn flush(&self) -> escpos::errors::Result<()> {
        Ok(())
    }
}

const ESC: u8 = 0x1b;
const GS: u8 = 0x1d;

/// Epson `GS V m n` (ESC/POS command reference, "GS V: select cut mode and cut paper"; DOMAIN.md,
/// Printing): m = 65 feeds to the cutting position plus n motion units, then cuts fully; m = 66
/// does the same with a partial cut (one point left uncut). n = 0: just to the cutter. (m = 0/48
/// and 1/49 cut without feeding, which would cut through the last printed lines.)
pub const CUT_FULL: [u8; 4] = [GS, b'V', 65, 0];
pub const CUT_PARTIAL: [u8; 4] = [GS, b'V', 66, 0];

/// `ESC p m t1 t2`: pulse on for t1 x 2 ms, off for t2 x 2 ms (the drawer's solenoid needs ~50 ms).
pub fn drawer_kick(pin: u8) -> [u8; 5] {
    [ESC, b'p', if pin == 5 { 1 } else { 0 }, 25, 250]
}

fn page_code(c: CodePage) -> PageCode {
    match c {
        CodePage::Pc437 => PageCode::PC437,
        CodePage::Pc850 => PageCode::PC850,
        CodePage::Pc858 => PageCode::PC858,
        CodePage::Wpc1252 => PageCode::WPC1252,
    }
}

fn err(e: escpos::errors::PrinterError) -> PrintError {
    PrintError::Render(e.to_string())
}

/// A QR code as a raster bit image (`GS v 0`), for printers without native QR.
fn qr_raster(data: &str, module_dots: usize) -> Result<Vec<u8>, PrintError> {
    use qrcodegen::{QrCode, QrCodeEcc};
    let qr = QrCode::encode_text(data, QrCodeEcc::Medium).map_err(|_| PrintError::Render("QR data too long".into()))?;
    let quiet = 2;
    let modules = qr.size() as usize + 2 * quiet;
    let dots = modules * module_dots;
    let width_bytes = dots.div_ceil(8);
    let mut out = Vec::with_capacity(8 + width_bytes * dots);
    out.extend_from_slice(&[GS, b'v', b'0', 0, (width_bytes & 0xff) as u8, (width_bytes >> 8) as u8, (dots & 0xff) as u8, (dots >> 8) as u8]);
    for y in 0..dots {
        let my = (y / module_dots) as i32 - quiet as i32;
        let mut row = vec![0u8; width_bytes];
        for x in 0..dots {
            let mx = (x / module_dots) as i32 - quiet as i32;
            if qr.get_module(mx, my) {
                row[x / 8] |= 0x80 >> (x % 8);
            }
        }
        out.extend_from_slice(&row);
    }
    Ok(out)
}

/// The bytes for a laid-out document on a printer with this profile.
pub fn to_bytes(laid: &[Laid], profile: &Profile) -> Result<Vec<u8>, PrintError> {
    let memory = Memory::default();
    let options = PrinterOptions::new(Some(page_code(profile.code_page)), None, profile.width.min(255) as u8);
    let mut p = Printer::new(memory.clone(), Protocol::default(), Some(options));
    p.init().map_err(err)?;
    let (mut bold, mut double) = (false, false);
    let cols = profile.width as usize;
    for piece in laid {
        match piece {
            Laid::Line { text, align, bold: b, double: d } => {
                if *b != bold {
                    p.bold(*b).map_err(err)?;
                    bold = *b;
                }
                if *d != double {
                    if *d {
                        p.size(2, 2).map_err(err)?;
                    } else {
                        p.reset_size().map_err(err)?;
                    }
                    double = *d;
                }
                let cols = if *d { cols / 2 } else { cols };
                let line = aligned(text, *align, cols);
                // Text, then LF (escpos's `writeln` feeds with `ESC d 1`, three bytes a line).
                p.write(line.trim_end()).map_err(err)?.custom(b"\n").map_err(err)?;
            }
            Laid::Qr(data) => {
                p.justify(JustifyMode::CENTER).map_err(err)?;
                match profile.qr {
                    QrMode::Native => {
                        // Size 6 dots a module on 80 mm paper, 5 on 58 mm: about 3 cm, easy to scan.
                        let size = if cols >= 42 { 6 } else { 5 };
                        p.qrcode_option(data, QRCodeOption::new(QRCodeModel::Model2, size, QRCodeCorrectionLevel::M)).map_err(err)?;
                    }
                    QrMode::Image => {
                        let raster = qr_raster(data, if cols >= 42 { 6 } else { 5 })?;
                        p.custom(&raster).map_err(err)?;
                    }
                }
                p.justify(JustifyMode::LEFT).map_err(err)?;
            }
            Laid::Barcode(BarcodeKind::Ean13, code) => {
                if code.len() != 13 || !crate::domain::ean::is_valid(code) {
                    return Err(PrintError::Barcode(code.clone()));
                }
                p.justify(JustifyMode::CENTER).map_err(err)?;
                let option = BarcodeOption::new(BarcodeWidth::M, BarcodeHeight::M, BarcodeFont::A, BarcodePosition::Below);
                p.ean13_option(&code[..12], option).map_err(err)?;
                p.justify(JustifyMode::LEFT).map_err(err)?;
            }
            Laid::Feed(n) => {
                if *n > 0 {
                    p.feeds(*n).map_err(err)?;
                }
            }
            Laid::Cut => match profile.cut {
                CutMode::Full => {
                    p.custom(&CUT_FULL).map_err(err)?;
                }
                CutMode::Partial => {
                    p.custom(&CUT_PARTIAL).map_err(err)?;
                }
                // No cutter: feed the printout past the tear bar.
                CutMode::None => {
                    p.feeds(4).map_err(err)?;
                }
            },
            Laid::Drawer => {
                p.custom(&drawer_kick(profile.drawer_pin)).map_err(err)?;
            }
        }
    }
    p.print().map_err(err)?;
    drop(p);
    let bytes = memory.0.borrow().clone();
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::print::doc::{layout, Document, DocKind, Block};

    fn bytes(doc: &Document, profile: &Profile) -> Vec<u8> {
        to_bytes(&layout(doc, profile.width).unwrap(), profile).unwrap()
    }

    fn find(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn the_three_escpos_traps_are_avoided() {
        let profile = Profile::default();
        let mut d = Document::new(DocKind::TestPage);
        d.push(Block::Drawer).qr("R-1").push(Block::Barcode { kind: BarcodeKind::Ean13, data: "8992388101016".into() });
        let b = bytes(&d, &profile);
        assert!(find(&b, &[ESC, b'p', 0, 25, 250]), "five-byte drawer kick");
        assert!(find(&b, &[GS, b'(', b'k', 4, 0, 49, 65, 50, 0]), "QR model 2");
        assert!(find(&b, b"899238810101\0"), "EAN-13 body without the check digit");
        d.push(Block::Barcode { kind: BarcodeKind::Ean13, data: "8992388101017".into() });
        assert_eq!(to_bytes(&layout(&d, 48).unwrap(), &profile), Err(PrintError::Barcode("8992388101017".into())));
    }

    #[test]
    fn starts_with_init_and_selects_the_code_page() {
        let profile = Profile { code_page: CodePage::Pc858, ..Profile::default() };
        let mut d = Document::new(DocKind::TestPage);
        d.text("halo");
        let b = bytes(&d, &profile);
        assert!(b.starts_with(&[ESC, b'@', ESC, b't', 19]), "{b:?}");
        assert!(find(&b, b"halo\n"));
    }

    #[test]
    fn qr_as_an_image_is_a_raster() {
        let profile = Profile { qr: QrMode::Image, ..Profile::default() };
        let mut d = Document::new(DocKind::TestPage);
        d.qr("R-1");
        let b = bytes(&d, &profile);
        assert!(find(&b, &[GS, b'v', b'0', 0]));
        assert!(!find(&b, &[GS, b'(', b'k']));
    }

    /// Every `GS V` command in the bytes, with its arguments (function 65/66 take a feed byte).
    fn cuts(b: &[u8]) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        let mut i = 0;
        while i + 2 < b.len() {
            if b[i] == GS && b[i + 1] == b'V' {
                let m = b[i + 2];
                let len = if m == 65 || m == 66 { 4 } else { 3 };
                out.push(b[i..(i + len).min(b.len())].to_vec());
                i += len;
            } else {
                i += 1;
            }
        }
        out
    }

    #[test]
    fn each_cut_setting_sends_its_documented_bytes() {
        let mut d = Document::new(DocKind::TestPage);
        d.text("halo").cut();
        let with = |cut| bytes(&d, &Profile { cut, ..Profile::default() });
        // Epson GS V: function 65 = feed to the cutter then full cut, 66 = feed then partial cut.
        assert_eq!(cuts(&with(CutMode::Full)), vec![vec![GS, b'V', 65, 0]]);
        assert_eq!(cuts(&with(CutMode::Partial)), vec![vec![GS, b'V', 66, 0]]);
        let none = with(CutMode::None);
        assert_eq!(cuts(&none), Vec::<Vec<u8>>::new(), "no cutter: no cut command");
        assert!(find(&none, &[ESC, b'd', 4]), "no cutter: the paper is fed past the tear bar");
    }
}
