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

pub mod cash_docs;
pub mod clinic_docs;
pub mod doc;
pub mod docs;
pub mod escpos;
pub mod jobs;
pub mod member_docs;
pub mod register;
pub mod sale_jobs;
pub mod spool;
pub mod stock_docs;
pub mod translit;
pub mod transport;

pub use crate::config::printer::{CodePage, CutMode, PrinterSettings, Profile, QrMode, TransportConfig};
pub use crate::domain::printing::{Fault, PrintError};
pub use crate::store::print_jobs::{JobRef, NewPrintJob};
use doc::Document;

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

/// Render a document into a job. Never fails: a rendering problem (a zero-width profile, a bad
/// barcode) becomes a failed job that says why, kept in the spool for a retry after the fix.
pub fn new_job(doc: &Document, profile: &Profile, reference: JobRef) -> NewPrintJob {
    let document = doc.to_stored();
    match render(doc, profile) {
        Ok(r) => NewPrintJob { kind: doc.kind, bytes: r.bytes, preview: r.preview, document, reference, reprint_of: None, printer: None, error: None },
        Err(e) => {
            // A preview at the usual width still shows what the job holds.
            let preview = doc::preview(doc, 32).unwrap_or_default();
            NewPrintJob { kind: doc.kind, bytes: Vec::new(), preview, document, reference, reprint_of: None, printer: None, error: Some(e) }
        }
    }
}

/// Render a document for the printer the site's `[printer_for]` rule gives its kind (the
/// default printer when none), into a job that names that printer: its spool sends it.
pub fn routed_job(config: &crate::config::Config, doc: &Document, reference: JobRef) -> NewPrintJob {
    let printer = config.printer_for(doc.kind);
    let mut job = new_job(doc, &printer.profile, reference);
    job.printer = Some(printer.name.clone());
    job
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
        let mut d = Document::new(doc::DocKind::TestPage);
        d.text("x");
        let job = new_job(&d, &Profile { width: 0, ..Profile::default() }, JobRef::default());
        assert_eq!(job.error, Some(PrintError::Width(0)));
        assert!(job.bytes.is_empty() && job.preview.contains('x'));
    }
}
