//! A laid-out document as ESC/POS bytes, written here command by command (Epson's ESC/POS
//! command reference; each command's bytes are named below).
//!
//! This replaced the `escpos` crate (0.20): four of its commands had to be bypassed already
//! (`cash_drawer()` sent `ESC p m` without its two pulse times, `qrcode()` asked for QR model 1,
//! `ean13()` did not check the check digit, `partial_cut()` sent a full cut), its code-page
//! encoder sent PC858's soft hyphen for '-', and it brought `encoding_rs`, a megabyte of
//! encoding tables, for text that Loket always sends as ASCII (see `translit`). The bytes of the
//! commands kept are the same as the crate's, checked in the tests against its output.

use super::doc::{aligned, BarcodeKind, Laid};
use super::{CodePage, CutMode, PrintError, Profile, QrMode};

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

/// `ESC t n`: the character code table (Epson's numbers: PC437 0, PC850 2, WPC1252 16, PC858 19).
fn code_table(c: CodePage) -> u8 {
    match c {
        CodePage::Pc437 => 0,
        CodePage::Pc850 => 2,
        CodePage::Wpc1252 => 16,
        CodePage::Pc858 => 19,
    }
}

/// `GS ( k` with its two length bytes, for the QR code functions (function 165 "cn = 49").
fn qr_function(out: &mut Vec<u8>, body: &[u8]) {
    let n = body.len();
    out.extend_from_slice(&[GS, b'(', b'k', (n & 0xff) as u8, (n >> 8) as u8]);
    out.extend_from_slice(body);
}

/// A QR code printed by the printer: model 2 (`49 65 50 0`), module size, error correction M
/// (`49 69 49`), the data stored (`49 80 48`), then printed (`49 81 48`).
fn native_qr(out: &mut Vec<u8>, data: &str, module: u8) -> Result<(), PrintError> {
    if data.len() + 3 > u16::MAX as usize {
        return Err(PrintError::Render("QR data too long".into()));
    }
    qr_function(out, &[49, 65, 50, 0]);
    qr_function(out, &[49, 67, module.min(15)]);
    qr_function(out, &[49, 69, 49]);
    let mut store = vec![49, 80, 48];
    store.extend_from_slice(data.as_bytes());
    qr_function(out, &store);
    qr_function(out, &[49, 81, 48]);
    Ok(())
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

/// An EAN-13 under its bars: module width 3 (`GS w`), height 153 dots (`GS h`), font A (`GS f`),
/// digits below (`GS H 2`), system 2 (`GS k 2`) with the 12-digit body and NUL: the printer adds
/// the check digit, so a wrong one is never printed as if it were right.
fn ean13(out: &mut Vec<u8>, code: &str) -> Result<(), PrintError> {
    if code.len() != 13 || !crate::domain::ean::is_valid(code) {
        return Err(PrintError::Barcode(code.to_string()));
    }
    out.extend_from_slice(&[GS, b'w', 3, GS, b'h', 153, GS, b'f', 0, GS, b'H', 2, GS, b'k', 2]);
    out.extend_from_slice(&code.as_bytes()[..12]);
    out.push(0);
    Ok(())
}

/// Only printable ASCII reaches the printer (the layout transliterated everything else).
fn ascii(text: &str) -> impl Iterator<Item = u8> + '_ {
    text.chars().map(|c| if c.is_ascii() && !c.is_ascii_control() { c as u8 } else { b'?' })
}

/// The bytes for a laid-out document on a printer with this profile.
pub fn to_bytes(laid: &[Laid], profile: &Profile) -> Result<Vec<u8>, PrintError> {
    let mut out = Vec::with_capacity(1024);
    // `ESC @` initialise, `ESC t n` the code table.
    out.extend_from_slice(&[ESC, b'@', ESC, b't', code_table(profile.code_page)]);
    let (mut bold, mut double) = (false, false);
    let cols = profile.width as usize;
    let feed = |out: &mut Vec<u8>, n: u8| out.extend_from_slice(&[ESC, b'd', n]);
    for piece in laid {
        match piece {
            Laid::Line { text, align, bold: b, double: d } => {
                if *b != bold {
                    // `ESC E n`: emphasis on or off.
                    out.extend_from_slice(&[ESC, b'E', *b as u8]);
                    bold = *b;
                }
                if *d != double {
                    // `GS ! n`: width and height multipliers less one, in the two nibbles.
                    out.extend_from_slice(&[GS, b'!', if *d { 0x11 } else { 0x00 }]);
                    double = *d;
                }
                let cols = if *d { cols / 2 } else { cols };
                let line = aligned(text, *align, cols);
                out.extend(ascii(line.trim_end()));
                out.push(b'\n');
            }
            Laid::Qr(data) => {
                // `ESC a 1` centre, then back to `ESC a 0` left.
                out.extend_from_slice(&[ESC, b'a', 1]);
                // 6 dots a module on 80 mm paper, 5 on 58 mm: about 3 cm, easy to scan.
                let module = if cols >= 42 { 6 } else { 5 };
                match profile.qr {
                    QrMode::Native => native_qr(&mut out, data, module)?,
                    QrMode::Image => out.extend_from_slice(&qr_raster(data, module as usize)?),
                }
                out.extend_from_slice(&[ESC, b'a', 0]);
            }
            Laid::Barcode(BarcodeKind::Ean13, code) => {
                out.extend_from_slice(&[ESC, b'a', 1]);
                ean13(&mut out, code)?;
                out.extend_from_slice(&[ESC, b'a', 0]);
            }
            Laid::Feed(n) => {
                if *n > 0 {
                    feed(&mut out, *n);
                }
            }
            Laid::Cut => match profile.cut {
                CutMode::Full => out.extend_from_slice(&CUT_FULL),
                CutMode::Partial => out.extend_from_slice(&CUT_PARTIAL),
                // No cutter: feed the printout past the tear bar.
                CutMode::None => feed(&mut out, 4),
            },
            Laid::Drawer => out.extend_from_slice(&drawer_kick(profile.drawer_pin)),
        }
    }
    Ok(out)
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

    /// A document with every kind of piece, for the byte-for-byte check.
    pub(super) fn every_piece() -> Document {
        let mut d = Document::new(DocKind::Receipt);
        d.title("KDKMP Sukamaju").text("Jl. Raya 1").separator();
        d.push(Block::Columns { left: "Minyakita 1 L".into(), right: "Rp15.700".into(), bold: true });
        d.big("A-001").feed(2).qr("00020101021226").push(Block::Barcode { kind: BarcodeKind::Ean13, data: "8992388101016".into() });
        d.push(Block::Drawer).cut();
        d
    }

    /// The bytes the `escpos` crate wrote for `every_piece` before this writer replaced it.
    const ESCPOS_CRATE_48_NATIVE_PARTIAL: &str = "1b401b74001b450120202020202020202020202020202020204b444b4d502053756b616d616a750a1b45004a6c2e205261796120310a2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d0a1b45014d696e79616b6974612031204c202020202020202020202020202020202020202020202020202020527031352e3730300a1d2111202020202020202020412d3030310a1b64021b61011d286b0400314132001d286b03003143061d286b03003145311d286b110031503030303032303130313032313232361d286b03003151301b61001b61011d77031d68991d66001d48021d6b02383939323338383130313031001b61001b700019fa1d564200";
    const ESCPOS_CRATE_32_IMAGE_FULL: &str = "1b401b74001b45012020202020202020204b444b4d502053756b616d616a750a1b45004a6c2e205261796120310a2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d2d0a1b45014d696e79616b6974612031204c2020202020202020202020527031352e3730300a1d21112020202020412d3030310a1b64021b61011d76300010007d0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000003ffffffff83fff8000ffffffffe000003ffffffff83fff8000ffffffffe000003ffffffff83fff8000ffffffffe000003ffffffff83fff8000ffffffffe000003ffffffff83fff8000ffffffffe000003e000000f801ff8000f8000003e000003e000000f801ff8000f8000003e000003e000000f801ff8000f8000003e000003e000000f801ff8000f8000003e000003e000000f801ff8000f8000003e000003e0fffe0f8000003e0f83fff83e000003e0fffe0f8000003e0f83fff83e000003e0fffe0f8000003e0f83fff83e000003e0fffe0f8000003e0f83fff83e000003e0fffe0f8000003e0f83fff83e000003e0fffe0f83ff07c00f83fff83e000003e0fffe0f83ff07c00f83fff83e000003e0fffe0f83ff07c00f83fff83e000003e0fffe0f83ff07c00f83fff83e000003e0fffe0f83ff07c00f83fff83e000003e0fffe0f801fffc00f83fff83e000003e0fffe0f801fffc00f83fff83e000003e0fffe0f801fffc00f83fff83e000003e0fffe0f801fffc00f83fff83e000003e0fffe0f801fffc00f83fff83e000003e000000f801ff83e0f8000003e000003e000000f801ff83e0f8000003e000003e000000f801ff83e0f8000003e000003e000000f801ff83e0f8000003e000003e000000f801ff83e0f8000003e000003ffffffff83e0f83e0ffffffffe000003ffffffff83e0f83e0ffffffffe000003ffffffff83e0f83e0ffffffffe000003ffffffff83e0f83e0ffffffffe000003ffffffff83e0f83e0ffffffffe00000000000000001f07fe000000000000000000000000001f07fe000000000000000000000000001f07fe000000000000000000000000001f07fe000000000000000000000000001f07fe000000000000000000f83fff83fff801f0001f003e00000000f83fff83fff801f0001f003e00000000f83fff83fff801f0001f003e00000000f83fff83fff801f0001f003e00000000f83fff83fff801f0001f003e0000001f003e00001f003e0ffc1f07c00000001f003e00001f003e0ffc1f07c00000001f003e00001f003e0ffc1f07c00000001f003e00001f003e0ffc1f07c00000001f003e00001f003e0ffc1f07c0000003ffffc00f83ffffc1f003ff003e000003ffffc00f83ffffc1f003ff003e000003ffffc00f83ffffc1f003ff003e000003ffffc00f83ffffc1f003ff003e000003ffffc00f83ffffc1f003ff003e000003ff07c1f07c1f0001fffc1f07c0000003ff07c1f07c1f0001fffc1f07c0000003ff07c1f07c1f0001fffc1f07c0000003ff07c1f07c1f0001fffc1f07c0000003ff07c1f07c1f0001fffc1f07c0000003e0003fff801fffc1f003e0003e000003e0003fff801fffc1f003e0003e000003e0003fff801fffc1f003e0003e000003e0003fff801fffc1f003e0003e000003e0003fff801fffc1f003e0003e0000000000000003fff83e007c0007c00000000000000003fff83e007c0007c00000000000000003fff83e007c0007c00000000000000003fff83e007c0007c00000000000000003fff83e007c0007c0000003ffffffff801f00000f83e0f800000003ffffffff801f00000f83e0f800000003ffffffff801f00000f83e0f800000003ffffffff801f00000f83e0f800000003ffffffff801f00000f83e0f800000003e000000f83e0f8000f801f003e000003e000000f83e0f8000f801f003e000003e000000f83e0f8000f801f003e000003e000000f83e0f8000f801f003e000003e000000f83e0f8000f801f003e000003e0fffe0f83fffffe007c00f83e000003e0fffe0f83fffffe007c00f83e000003e0fffe0f83fffffe007c00f83e000003e0fffe0f83fffffe007c00f83e000003e0fffe0f83fffffe007c00f83e000003e0fffe0f801ff800007c1fffc0000003e0fffe0f801ff800007c1fffc0000003e0fffe0f801ff800007c1fffc0000003e0fffe0f801ff800007c1fffc0000003e0fffe0f801ff800007c1fffc0000003e0fffe0f83e0f83ff003e0003e000003e0fffe0f83e0f83ff003e0003e000003e0fffe0f83e0f83ff003e0003e000003e0fffe0f83e0f83ff003e0003e000003e0fffe0f83e0f83ff003e0003e000003e000000f801fffc1f0001f0000000003e000000f801fffc1f0001f0000000003e000000f801fffc1f0001f0000000003e000000f801fffc1f0001f0000000003e000000f801fffc1f0001f0000000003ffffffff801f0001f07fff003e000003ffffffff801f0001f07fff003e000003ffffffff801f0001f07fff003e000003ffffffff801f0001f07fff003e000003ffffffff801f0001f07fff003e000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001b61001b61011d77031d68991d66001d48021d6b02383939323338383130313031001b61001b700019fa1d564100";

    #[test]
    fn the_bytes_are_the_escpos_crates_for_every_kind_of_piece() {
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
        let p48 = Profile { width: 48, qr: QrMode::Native, cut: CutMode::Partial, ..Profile::default() };
        assert_eq!(hex(&bytes(&every_piece(), &p48)), ESCPOS_CRATE_48_NATIVE_PARTIAL);
        let p32 = Profile { width: 32, qr: QrMode::Image, cut: CutMode::Full, ..Profile::default() };
        assert_eq!(hex(&bytes(&every_piece(), &p32)), ESCPOS_CRATE_32_IMAGE_FULL);
    }

    #[test]
    #[ignore = "prints the bytes of every_piece (how the constants above were made)"]
    fn print_golden() {
        for (w, qr, cut, cp) in [(48, QrMode::Native, CutMode::Partial, CodePage::Pc437), (32, QrMode::Image, CutMode::Full, CodePage::Pc437), (48, QrMode::Native, CutMode::None, CodePage::Wpc1252)] {
            let profile = Profile { width: w, qr, cut, code_page: cp, ..Profile::default() };
            let b = bytes(&every_piece(), &profile);
            let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
            println!("GOLDEN {w} {hex}");
        }
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
