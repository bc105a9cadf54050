//! What a printout is and why one was not printed: plain values shared by the store (which keeps
//! them as short codes), the printing layer and the text catalog (which words them).

use serde::{Deserialize, Serialize};

/// What a printout is; stored with each job.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocKind {
    Receipt,
    Ticket,
    CkgSlip,
    DrugLabel,
    ShiftX,
    ShiftZ,
    TestPage,
    /// The CKG register of a period, for the Puskesmas.
    CkgRegister,
    ReceivingSlip,
    ShelfLabel,
    PurchaseOrder,
    /// Goods sent back to a supplier (expired or damaged), signed by both sides.
    ReturnSlip,
    /// An e-prescription slip (the patient's copy).
    Prescription,
    /// A referral letter (surat rujukan).
    Referral,
}

impl DocKind {
    pub const ALL: [DocKind; 14] = [
        DocKind::Receipt,
        DocKind::Ticket,
        DocKind::CkgSlip,
        DocKind::DrugLabel,
        DocKind::ShiftX,
        DocKind::ShiftZ,
        DocKind::TestPage,
        DocKind::CkgRegister,
        DocKind::ReceivingSlip,
        DocKind::ShelfLabel,
        DocKind::PurchaseOrder,
        DocKind::ReturnSlip,
        DocKind::Prescription,
        DocKind::Referral,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Receipt => "receipt",
            DocKind::Ticket => "ticket",
            DocKind::CkgSlip => "ckg-slip",
            DocKind::DrugLabel => "drug-label",
            DocKind::ShiftX => "shift-x",
            DocKind::ShiftZ => "shift-z",
            DocKind::TestPage => "test-page",
            DocKind::CkgRegister => "ckg-register",
            DocKind::ReceivingSlip => "receiving-slip",
            DocKind::ShelfLabel => "shelf-label",
            DocKind::PurchaseOrder => "purchase-order",
            DocKind::ReturnSlip => "return-slip",
            DocKind::Prescription => "prescription",
            DocKind::Referral => "referral",
        }
    }

    pub fn parse(s: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.as_str() == s)
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

/// What the status line says about printing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum PrinterStatus {
    /// No `[printer]` configured (jobs still wait in the spool for one).
    #[default]
    NotConfigured,
    Ready,
    /// Jobs on their way, nothing wrong so far.
    Waiting(i64),
    /// Jobs waiting because of this problem.
    Error { waiting: i64, error: PrintError },
}

impl PrinterStatus {
    pub fn from_counts(configured: bool, pending: i64, failed: i64, error: Option<&PrintError>) -> PrinterStatus {
        let waiting = pending + failed;
        match (error, waiting) {
            _ if !configured => PrinterStatus::NotConfigured,
            (_, 0) => PrinterStatus::Ready,
            (Some(e), n) => PrinterStatus::Error { waiting: n, error: e.clone() },
            (None, n) => PrinterStatus::Waiting(n),
        }
    }
}

