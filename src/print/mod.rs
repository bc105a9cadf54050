//! Printing: one document model (`doc`) laid out for the paper, shown as a text preview and
//! written as ESC/POS bytes (`escpos`); the documents themselves (`docs`); the ways to reach a
//! printer (`transport`); and the spool that sends stored jobs and retries them (`spool`).
//!
//! A job's bytes are stored in the same transaction as what it prints (`store::print_jobs`), and
//! only then sent: a printer that is off or out of paper never loses or holds up a sale.
//!
//! How an aggregate prints (a sale, a ticket call, a shift close), inside its own store method:
//! ```text
//! let job = print::new_job(&docs::receipt(&text, &site, &data), &config.printer.profile,
//!                          JobRef { table: Some("sales".into()), id: Some(sale_id) });
//! self.write(|tx| { /* the sale's rows */ print_jobs::insert_job(tx, &job, now)?; audit::append(..) })
//! ```
//! then `App` wakes the spool (`SpoolHandle::wake`); the status line follows from the database.

pub mod doc;
pub mod docs;
pub mod escpos;
pub mod jobs;
pub mod sale_jobs;
pub mod spool;
pub mod translit;
pub mod transport;

use crate::config::ConfigProblem;
use doc::{DocKind, Document};
use serde::Deserialize;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QrMode {
    /// The printer draws the QR code (`GS ( k`, model 2).
    #[default]
    Native,
    /// We draw it and send a raster image (`GS v 0`), for printers without QR support.
    Image,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CutMode {
    Full,
    #[default]
    Partial,
    /// No cutter: feed past the tear bar.
    None,
}

/// The character table selected at the start of each job (`ESC t`). Text is always sent as ASCII
/// (see `translit`), so this matters only for printers whose power-on table is not ASCII-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CodePage {
    #[default]
    Pc437,
    Pc850,
    Pc858,
    Wpc1252,
}

/// What the paper and the printer can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    /// Characters per line in the normal font: 32 on 58 mm paper, 48 on 80 mm.
    pub width: u16,
    pub qr: QrMode,
    pub cut: CutMode,
    /// The drawer connector pin the cash drawer hangs on: 2 or 5.
    pub drawer_pin: u8,
    pub code_page: CodePage,
}

impl Default for Profile {
    fn default() -> Self {
        Profile { width: 48, qr: QrMode::Native, cut: CutMode::Partial, drawer_pin: 2, code_page: CodePage::Pc437 }
    }
}

/// How the printer is reached.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum TransportConfig {
    /// No printer configured: jobs wait in the spool.
    #[default]
    None,
    /// A device file such as `/dev/usb/lp0` (the kernel's USB printer driver).
    Device(PathBuf),
    /// Raw TCP, usually port 9100.
    Tcp { host: String, port: u16 },
    /// A serial port at a baud rate.
    Serial { path: PathBuf, baud: u32 },
    /// A CUPS queue set up as raw (`lp -d QUEUE -o raw`).
    Cups { queue: String },
    /// Append to a plain file: for tests and for a printer we do not have.
    File(PathBuf),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrinterSettings {
    pub transport: TransportConfig,
    pub profile: Profile,
    /// Ask a two-way printer (TCP) for its paper and cover state before and after each job.
    pub status_check: bool,
    pub timeout: Duration,
}

impl Default for PrinterSettings {
    fn default() -> Self {
        PrinterSettings { transport: TransportConfig::None, profile: Profile::default(), status_check: true, timeout: Duration::from_secs(5) }
    }
}

impl PrinterSettings {
    pub fn configured(&self) -> bool {
        self.transport != TransportConfig::None
    }

    /// A short description for messages: `tcp 192.168.1.50:9100`.
    pub fn describe(&self) -> String {
        match &self.transport {
            TransportConfig::None => "-".into(),
            TransportConfig::Device(p) => format!("device {}", p.display()),
            TransportConfig::Tcp { host, port } => format!("tcp {host}:{port}"),
            TransportConfig::Serial { path, baud } => format!("serial {} {baud}", path.display()),
            TransportConfig::Cups { queue } => format!("cups {queue}"),
            TransportConfig::File(p) => format!("file {}", p.display()),
        }
    }
}

/// The `[printer]` table as written in config.toml.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct RawPrinter {
    transport: Option<String>,
    path: Option<String>,
    host: Option<String>,
    port: Option<i64>,
    baud: Option<i64>,
    queue: Option<String>,
    width: Option<i64>,
    qr: Option<String>,
    cut: Option<String>,
    drawer_pin: Option<i64>,
    code_page: Option<String>,
    status_check: Option<bool>,
    timeout_seconds: Option<i64>,
}

const BAUD_RATES: [i64; 8] = [2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400];

impl RawPrinter {
    /// Check every key; an error names the key (`printer.width`) and what is wrong.
    pub(crate) fn validate(self) -> Result<PrinterSettings, (String, ConfigProblem)> {
        let key = |k: &str| format!("printer.{k}");
        let one_of = |k: &str, v: &str, allowed: &'static str| (key(k), ConfigProblem::NotOneOf { value: v.to_string(), allowed });
        let need = |k: &str, t: &str| (key(k), ConfigProblem::Missing { transport: t.to_string() });
        let mut s = PrinterSettings::default();
        let kind = self.transport.as_deref().unwrap_or("none").to_ascii_lowercase();
        let path = |t: &str| -> Result<PathBuf, (String, ConfigProblem)> {
            match self.path.as_deref().map(str::trim) {
                Some(p) if !p.is_empty() => Ok(PathBuf::from(p)),
                Some(_) => Err((key("path"), ConfigProblem::Empty)),
                None => Err(need("path", t)),
            }
        };
        s.transport = match kind.as_str() {
            "none" => TransportConfig::None,
            "device" => TransportConfig::Device(path("device")?),
            "file" => TransportConfig::File(path("file")?),
            "tcp" => {
                let host = self.host.as_deref().map(str::trim).unwrap_or("");
                if self.host.is_none() {
                    return Err(need("host", "tcp"));
                }
                if host.is_empty() {
                    return Err((key("host"), ConfigProblem::Empty));
                }
                let port = self.port.unwrap_or(9100);
                if !(1..=65535).contains(&port) {
                    return Err((key("port"), ConfigProblem::OutOfRange { min: 1, max: 65535 }));
                }
                TransportConfig::Tcp { host: host.to_string(), port: port as u16 }
            }
            "serial" => {
                let baud = self.baud.unwrap_or(9600);
                if !BAUD_RATES.contains(&baud) {
                    return Err(one_of("baud", &baud.to_string(), "2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400"));
                }
                TransportConfig::Serial { path: path("serial")?, baud: baud as u32 }
            }
            "cups" => match self.queue.as_deref().map(str::trim) {
                Some(q) if !q.is_empty() => TransportConfig::Cups { queue: q.to_string() },
                Some(_) => return Err((key("queue"), ConfigProblem::Empty)),
                None => return Err(need("queue", "cups")),
            },
            other => return Err(one_of("transport", other, "none, device, tcp, serial, cups, file")),
        };
        if let Some(w) = self.width {
            if !(doc::MIN_COLUMNS as i64..=doc::MAX_COLUMNS as i64).contains(&w) {
                return Err((key("width"), ConfigProblem::OutOfRange { min: doc::MIN_COLUMNS as u32, max: doc::MAX_COLUMNS as u32 }));
            }
            s.profile.width = w as u16;
        }
        if let Some(q) = self.qr {
            s.profile.qr = match q.to_ascii_lowercase().as_str() {
                "native" => QrMode::Native,
                "image" => QrMode::Image,
                _ => return Err(one_of("qr", &q, "native, image")),
            };
        }
        if let Some(c) = self.cut {
            s.profile.cut = match c.to_ascii_lowercase().as_str() {
                "full" => CutMode::Full,
                "partial" => CutMode::Partial,
                "none" => CutMode::None,
                _ => return Err(one_of("cut", &c, "full, partial, none")),
            };
        }
        if let Some(p) = self.drawer_pin {
            if p != 2 && p != 5 {
                return Err(one_of("drawer_pin", &p.to_string(), "2, 5"));
            }
            s.profile.drawer_pin = p as u8;
        }
        if let Some(c) = self.code_page {
            s.profile.code_page = match c.to_ascii_lowercase().as_str() {
                "pc437" => CodePage::Pc437,
                "pc850" => CodePage::Pc850,
                "pc858" => CodePage::Pc858,
                "wpc1252" => CodePage::Wpc1252,
                _ => return Err(one_of("code_page", &c, "pc437, pc850, pc858, wpc1252")),
            };
        }
        if let Some(b) = self.status_check {
            s.status_check = b;
        }
        if let Some(t) = self.timeout_seconds {
            if !(1..=120).contains(&t) {
                return Err((key("timeout_seconds"), ConfigProblem::OutOfRange { min: 1, max: 120 }));
            }
            s.timeout = Duration::from_secs(t as u64);
        }
        Ok(s)
    }
}

/// A state of the printer that stops printing, as it reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    PaperOut,
    CoverOpen,
    Offline,
}

impl Fault {
    fn code(self) -> &'static str {
        match self {
            Fault::PaperOut => "paper-out",
            Fault::CoverOpen => "cover-open",
            Fault::Offline => "offline",
        }
    }
}

/// Why a job was not printed. Stored with the job as a short code (`to_code`); shown to people
/// through `Text::print_error`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintError {
    NoPrinter,
    /// The profile's width cannot be laid out.
    Width(u16),
    /// The device or serial port does not exist (unplugged, or a wrong path).
    NotFound(String),
    PermissionDenied(String),
    /// Nothing listens there (the printer is off or the address is wrong).
    Refused(String),
    Timeout(String),
    Unreachable(String),
    /// The connection broke in the middle of the job.
    Disconnected,
    /// The printer did not confirm it had the job.
    NoReply,
    /// The printer reported a fault before the job was sent.
    Fault(Fault),
    /// The printer reported a fault after the job was sent: the printout may be incomplete.
    FaultDuringJob(Fault),
    Cups(String),
    Serial(String),
    /// An EAN-13 whose check digit is wrong.
    Barcode(String),
    Render(String),
    Io(String),
}

impl PrintError {
    /// The short, language-neutral form kept in the database.
    pub fn to_code(&self) -> String {
        match self {
            PrintError::NoPrinter => "no-printer".into(),
            PrintError::Width(w) => format!("width:{w}"),
            PrintError::NotFound(p) => format!("not-found:{p}"),
            PrintError::PermissionDenied(p) => format!("permission:{p}"),
            PrintError::Refused(a) => format!("refused:{a}"),
            PrintError::Timeout(a) => format!("timeout:{a}"),
            PrintError::Unreachable(a) => format!("unreachable:{a}"),
            PrintError::Disconnected => "disconnected".into(),
            PrintError::NoReply => "no-reply".into(),
            PrintError::Fault(f) => format!("fault:{}", f.code()),
            PrintError::FaultDuringJob(f) => format!("fault-during-job:{}", f.code()),
            PrintError::Cups(m) => format!("cups:{m}"),
            PrintError::Serial(m) => format!("serial:{m}"),
            PrintError::Barcode(c) => format!("barcode:{c}"),
            PrintError::Render(m) => format!("render:{m}"),
            PrintError::Io(m) => format!("io:{m}"),
        }
    }

    pub fn from_code(code: &str) -> PrintError {
        let (head, rest) = code.split_once(':').unwrap_or((code, ""));
        let fault = |s: &str| match s {
            "paper-out" => Some(Fault::PaperOut),
            "cover-open" => Some(Fault::CoverOpen),
            "offline" => Some(Fault::Offline),
            _ => None,
        };
        let r = rest.to_string();
        match head {
            "no-printer" => PrintError::NoPrinter,
            "width" => PrintError::Width(rest.parse().unwrap_or(0)),
            "not-found" => PrintError::NotFound(r),
            "permission" => PrintError::PermissionDenied(r),
            "refused" => PrintError::Refused(r),
            "timeout" => PrintError::Timeout(r),
            "unreachable" => PrintError::Unreachable(r),
            "disconnected" => PrintError::Disconnected,
            "no-reply" => PrintError::NoReply,
            "fault" => fault(rest).map(PrintError::Fault).unwrap_or(PrintError::Io(code.into())),
            "fault-during-job" => fault(rest).map(PrintError::FaultDuringJob).unwrap_or(PrintError::Io(code.into())),
            "cups" => PrintError::Cups(r),
            "serial" => PrintError::Serial(r),
            "barcode" => PrintError::Barcode(r),
            "render" => PrintError::Render(r),
            "io" => PrintError::Io(r),
            _ => PrintError::Io(code.into()),
        }
    }

    /// Whether sending the job again may print it twice: the printer had it and then stopped.
    /// Such a job waits for the user (retry, reprint or cancel) instead of being retried.
    pub fn needs_decision(&self) -> bool {
        matches!(self, PrintError::FaultDuringJob(_) | PrintError::Width(_) | PrintError::Barcode(_) | PrintError::Render(_))
    }
}

impl std::fmt::Display for PrintError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_code())
    }
}

/// A document ready for the spool: its bytes and preview for the configured paper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub preview: String,
}

/// Lay out and write a document for a profile.
pub fn render(doc: &Document, profile: &Profile) -> Result<Rendered, PrintError> {
    let laid = doc::layout(doc, profile.width)?;
    let bytes = escpos::to_bytes(&laid, profile)?;
    let preview = doc::preview_lines(&laid, profile.width).join("\n") + "\n";
    Ok(Rendered { bytes, preview })
}

/// What a job belongs to (a sale, a ticket, a shift), so it can be found and reprinted from there.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JobRef {
    pub table: Option<String>,
    pub id: Option<i64>,
}

/// A job to store: made from a document with `new_job`, inserted by the aggregate that prints it,
/// inside its own transaction (`store::print_jobs::insert_job`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPrintJob {
    pub kind: DocKind,
    pub bytes: Vec<u8>,
    pub preview: String,
    /// The document itself, so that a reprint (SALINAN / COPY) or a retry after a settings fix
    /// can render it again.
    pub document: String,
    pub reference: JobRef,
    pub reprint_of: Option<i64>,
    /// Set when the document could not be rendered: the job is stored as failed with this
    /// error, and the sale or ticket it belongs to is committed all the same.
    pub error: Option<PrintError>,
}

/// Render a document into a job. Never fails: a rendering problem (a zero-width profile, a bad
/// barcode) becomes a failed job that says why, kept in the spool for a retry after the fix.
pub fn new_job(doc: &Document, profile: &Profile, reference: JobRef) -> NewPrintJob {
    let document = doc.to_stored();
    match render(doc, profile) {
        Ok(r) => NewPrintJob { kind: doc.kind, bytes: r.bytes, preview: r.preview, document, reference, reprint_of: None, error: None },
        Err(e) => {
            // A preview at the usual width still shows what the job holds.
            let preview = doc::preview(doc, 32).unwrap_or_default();
            NewPrintJob { kind: doc.kind, bytes: Vec::new(), preview, document, reference, reprint_of: None, error: Some(e) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_round_trip() {
        let all = [
            PrintError::NoPrinter,
            PrintError::Width(0),
            PrintError::NotFound("/dev/usb/lp0".into()),
            PrintError::PermissionDenied("/dev/usb/lp0".into()),
            PrintError::Refused("127.0.0.1:9100".into()),
            PrintError::Timeout("10.0.0.1:9100".into()),
            PrintError::Unreachable("x:9100".into()),
            PrintError::Disconnected,
            PrintError::NoReply,
            PrintError::Fault(Fault::PaperOut),
            PrintError::Fault(Fault::CoverOpen),
            PrintError::FaultDuringJob(Fault::Offline),
            PrintError::Cups("lp: not found".into()),
            PrintError::Serial("x".into()),
            PrintError::Barcode("123".into()),
            PrintError::Render("x: y".into()),
            PrintError::Io("broken: pipe".into()),
        ];
        for e in all {
            assert_eq!(PrintError::from_code(&e.to_code()), e);
        }
    }

    #[test]
    fn a_bad_profile_gives_a_failed_job_not_a_panic() {
        let mut d = Document::new(DocKind::TestPage);
        d.text("x");
        let job = new_job(&d, &Profile { width: 0, ..Profile::default() }, JobRef::default());
        assert_eq!(job.error, Some(PrintError::Width(0)));
        assert!(job.bytes.is_empty() && job.preview.contains('x'));
    }
}
