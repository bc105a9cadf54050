//! The `[printer]` section, or several named `[[printers]]`, and the `[printer_for]` rule that
//! sends each kind of document to one of them: how each printer is reached and what its paper and
//! mechanism can do. The printing layer (`print`) uses these values; they live here so that the
//! settings import nothing above the domain.

use super::ConfigProblem;
use serde::Deserialize;
use std::path::PathBuf;
use std::time::Duration;

/// The narrowest and widest lines a document is laid out in (a double-size line still holds 8
/// characters at the narrowest).
pub const MIN_COLUMNS: u16 = 16;
pub const MAX_COLUMNS: u16 = 64;

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

/// The name of the printer of a `[printer]` section that gives none.
pub const DEFAULT_PRINTER: &str = "default";

/// The paper widths a printer may have: 32 characters on 58 mm paper, 48 on 80 mm.
pub const PAPER_COLUMNS: [u16; 2] = [32, 48];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrinterSettings {
    /// The printer's name: what the `[printer_for]` rule and each print job name it by.
    pub name: String,
    /// The site's default printer (`[printer]`, or the first of `[[printers]]`): documents no rule
    /// names go to it, and so do jobs stored before printers had names.
    pub is_default: bool,
    pub transport: TransportConfig,
    pub profile: Profile,
    /// Ask a two-way printer (TCP) for its paper and cover state before and after each job.
    pub status_check: bool,
    pub timeout: Duration,
}

impl Default for PrinterSettings {
    fn default() -> Self {
        PrinterSettings {
            name: DEFAULT_PRINTER.into(),
            is_default: true,
            transport: TransportConfig::None,
            profile: Profile::default(),
            status_check: true,
            timeout: Duration::from_secs(5),
        }
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

/// The `[printer]` table, or one of `[[printers]]`, as written in config.toml.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct RawPrinter {
    pub(crate) name: Option<String>,
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
    /// Check every key; an error names the key (`printer.width`, `printers[1].width`: `table`
    /// is the part before the dot) and what is wrong.
    pub(crate) fn validate(self, table: &str) -> Result<PrinterSettings, (String, ConfigProblem)> {
        let key = |k: &str| format!("{table}.{k}");
        let one_of = |k: &str, v: &str, allowed: &'static str| (key(k), ConfigProblem::NotOneOf { value: v.to_string(), allowed });
        let need = |k: &str, t: &str| (key(k), ConfigProblem::Missing { transport: t.to_string() });
        let mut s = PrinterSettings::default();
        if let Some(n) = &self.name {
            if n.trim().is_empty() {
                return Err((key("name"), ConfigProblem::Empty));
            }
            s.name = n.trim().to_string();
        }
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
            // Thermal receipt paper is 58 mm (32 characters) or 80 mm (48): DOMAIN.md, "Who uses it".
            if !PAPER_COLUMNS.iter().any(|&c| c as i64 == w) {
                return Err(one_of("width", &w.to_string(), "32 (58 mm), 48 (80 mm)"));
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

