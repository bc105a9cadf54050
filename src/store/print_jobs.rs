//! The print spool's table. A job is inserted by the aggregate that prints it, inside that
//! aggregate's transaction (`insert_job`), so a sale and its receipt commit together. The spool
//! then claims jobs one at a time, oldest first, with a lease (several `loket` processes share the
//! database and must not print a job twice), and marks each sent or failed.
//!
//! Statuses: `pending` (waiting to be sent; retried with a growing pause), `sent`, `failed` (needs a
//! person: the printout may be incomplete, or the job could not be rendered) and `cancelled`.
//! Sending and failing are device events and are not audited; what people do (retry, cancel,
//! reprint, a test page) is.

use super::audit::{append, Actor};
use super::{parse_ts, ts, Result, Store, StoreError};
use crate::domain::printing::{DocKind, PrintError, PrinterStatus};
use std::path::Path;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension, Row, Transaction};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobStatus {
    Pending,
    Sent,
    Failed,
    Cancelled,
}

impl JobStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            JobStatus::Pending => "pending",
            JobStatus::Sent => "sent",
            JobStatus::Failed => "failed",
            JobStatus::Cancelled => "cancelled",
        }
    }

    fn parse(s: &str) -> JobStatus {
        match s {
            "sent" => JobStatus::Sent,
            "failed" => JobStatus::Failed,
            "cancelled" => JobStatus::Cancelled,
            _ => JobStatus::Pending,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintJob {
    pub id: i64,
    pub kind: Option<DocKind>,
    pub created_at: DateTime<Utc>,
    pub status: JobStatus,
    pub attempts: i64,
    pub last_error: Option<PrintError>,
    pub sent_at: Option<DateTime<Utc>>,
    pub reprint_of: Option<i64>,
    pub reference: JobRef,
    /// The printer that prints it (None: stored before printers had names; the default prints it).
    pub printer: Option<String>,
    pub preview: String,
    pub bytes: Vec<u8>,
}

/// What a job belongs to (a sale, a ticket, a shift), so it can be found and reprinted from there.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JobRef {
    pub table: Option<String>,
    pub id: Option<i64>,
}

/// A job to store: made from a document with `new_job`, inserted by the operation that prints it,
/// inside its own transaction (`insert_job`).
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
    /// The printer that prints it (set by the operation from the site's `[printer_for]` rule;
    /// None: the default printer).
    pub printer: Option<String>,
    /// Set when the document could not be rendered: the job is stored as failed with this
    /// error, and the sale or ticket it belongs to is committed all the same.
    pub error: Option<PrintError>,
}

/// A job handed to the spool to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedJob {
    pub id: i64,
    pub bytes: Vec<u8>,
}

/// The spool at a glance, for the status line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SpoolCounts {
    pub pending: i64,
    pub failed: i64,
    /// The error of the oldest waiting job that has one.
    pub error: Option<PrintError>,
}

impl SpoolCounts {
    /// What the status line says about this spool.
    pub fn status(&self, configured: bool) -> PrinterStatus {
        PrinterStatus::from_counts(configured, self.pending, self.failed, self.error.as_ref())
    }
}

/// How long the spool waits before trying a job again after its `attempts`-th failure.
pub fn backoff(attempts: i64) -> Duration {
    let secs = 2i64.saturating_mul(1i64 << (attempts.clamp(1, 6) - 1));
    Duration::seconds(secs.min(60))
}

/// Which jobs one printer's spool sends: those naming the printer, and, for the default
/// printer, those naming none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lane {
    pub printer: String,
    pub is_default: bool,
}

impl Lane {
    /// The only printer of a site that has one (and the jobs that name none).
    pub fn single() -> Lane {
        Lane { printer: crate::config::printer::DEFAULT_PRINTER.into(), is_default: true }
    }
}

/// A lease long enough for a slow printer, short enough that a crashed counter's job is soon
/// taken over by another.
pub const LEASE_SECONDS: i64 = 60;

/// Insert a job inside the caller's transaction (a sale, a ticket call, a shift close).
pub fn insert_job(tx: &Transaction, job: &NewPrintJob, now: DateTime<Utc>) -> Result<i64> {
    let (status, error) = match &job.error {
        Some(e) => ("failed", Some(e.to_code())),
        None => ("pending", None),
    };
    tx.execute(
        "INSERT INTO print_jobs(kind, created_at, bytes, preview, document, status, last_error, reprint_of, ref_table, ref_id, printer)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            job.kind.as_str(),
            ts(now),
            job.bytes,
            job.preview,
            job.document,
            status,
            error,
            job.reprint_of,
            job.reference.table,
            job.reference.id,
            job.printer
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

const JOB_COLUMNS: &str = "id, kind, created_at, status, attempts, last_error, sent_at, reprint_of, ref_table, ref_id, preview, printer";

fn job_from_row(r: &Row, with_bytes: bool) -> rusqlite::Result<PrintJob> {
    Ok(PrintJob {
        id: r.get(0)?,
        kind: DocKind::parse(&r.get::<_, String>(1)?),
        created_at: parse_ts(&r.get::<_, String>(2)?).unwrap_or_default(),
        status: JobStatus::parse(&r.get::<_, String>(3)?),
        attempts: r.get(4)?,
        last_error: r.get::<_, Option<String>>(5)?.map(|c| PrintError::from_code(&c)),
        sent_at: r.get::<_, Option<String>>(6)?.as_deref().and_then(parse_ts),
        reprint_of: r.get(7)?,
        reference: JobRef { table: r.get(8)?, id: r.get(9)? },
        preview: r.get(10)?,
        printer: r.get(11)?,
        bytes: if with_bytes { r.get(12)? } else { Vec::new() },
    })
}

impl Store {
    /// One job with its bytes.
    pub fn print_job(&self, id: i64) -> Result<Option<PrintJob>> {
        let sql = format!("SELECT {JOB_COLUMNS}, bytes FROM print_jobs WHERE id = ?1");
        Ok(self.conn().query_row(&sql, [id], |r| job_from_row(r, true)).optional()?)
    }

    /// The newest jobs first, without their bytes.
    pub fn recent_print_jobs(&self, limit: usize) -> Result<Vec<PrintJob>> {
        let sql = format!("SELECT {JOB_COLUMNS} FROM print_jobs ORDER BY id DESC LIMIT ?1");
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map([limit as i64], |r| job_from_row(r, false))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Jobs not printed yet (pending and failed), oldest first.
    pub fn waiting_print_jobs(&self) -> Result<Vec<PrintJob>> {
        let sql = format!("SELECT {JOB_COLUMNS} FROM print_jobs WHERE status IN ('pending','failed') ORDER BY id");
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map([], |r| job_from_row(r, false))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The jobs printed for one thing (a sale, a ticket), oldest first.
    pub fn print_jobs_for(&self, table: &str, id: i64) -> Result<Vec<PrintJob>> {
        let sql = format!("SELECT {JOB_COLUMNS} FROM print_jobs WHERE ref_table = ?1 AND ref_id = ?2 ORDER BY id");
        let mut stmt = self.conn().prepare(&sql)?;
        let rows = stmt.query_map(params![table, id], |r| job_from_row(r, false))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn spool_counts(&self) -> Result<SpoolCounts> {
        let (pending, failed): (i64, i64) = self.conn().query_row(
            "SELECT coalesce(sum(status = 'pending'), 0), coalesce(sum(status = 'failed'), 0)
             FROM print_jobs WHERE status IN ('pending','failed')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let error: Option<String> = self
            .conn()
            .query_row(
                "SELECT last_error FROM print_jobs WHERE status IN ('pending','failed') AND last_error IS NOT NULL
                 ORDER BY status = 'failed' DESC, id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(SpoolCounts { pending, failed, error: error.map(|c| PrintError::from_code(&c)) })
    }

    /// A job of its own (a test page), audited.
    pub fn enqueue_print(&mut self, actor: &Actor, job: &NewPrintJob, now: DateTime<Utc>) -> Result<i64> {
        self.write(|tx| {
            let id = insert_job(tx, job, now)?;
            append(tx, actor, "print", "print_jobs", Some(id), &format!("{} queued", job.kind.as_str()), now)?;
            Ok(id)
        })
    }

    /// A person asked to print now: pending jobs stop pausing between tries.
    pub fn print_jobs_due_now(&mut self) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE print_jobs SET next_try_at = NULL WHERE status = 'pending' AND next_try_at IS NOT NULL", [])?;
            Ok(())
        })
    }

    /// Take the oldest pending job of this printer if it is due and no living process holds it.
    /// Each printer's spool takes only its own jobs; the default printer also takes the jobs
    /// stored before printers had names.
    pub fn claim_print_job(&mut self, owner: &str, lane: &Lane, now: DateTime<Utc>) -> Result<Option<ClaimedJob>> {
        let now_s = ts(now);
        let until = ts(now + Duration::seconds(LEASE_SECONDS));
        self.write(|tx| {
            let next: Option<(i64, Option<String>, Option<String>, Option<String>)> = tx
                .query_row(
                    "SELECT id, next_try_at, lease_until, lease_owner FROM print_jobs
                     WHERE status = 'pending' AND (printer = ?1 OR (?2 AND printer IS NULL)) ORDER BY id LIMIT 1",
                    params![lane.printer, lane.is_default],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            // Strictly in order on each printer: tickets must come out in the order they were called.
            let Some((id, next_try, lease, lease_owner)) = next else { return Ok(None) };
            // A lease held by a process that died (a crash between claim and send) is void: the
            // next process serving the printer sends the job instead of waiting out the lease.
            let held = lease.is_some_and(|l| l > now_s) && lease_owner.as_deref().is_none_or(|o| o == owner || owner_alive(o));
            if next_try.is_some_and(|t| t > now_s) || held {
                return Ok(None);
            }
            tx.execute("UPDATE print_jobs SET lease_owner = ?2, lease_until = ?3 WHERE id = ?1", params![id, owner, until])?;
            let bytes: Vec<u8> = tx.query_row("SELECT bytes FROM print_jobs WHERE id = ?1", [id], |r| r.get(0))?;
            Ok(Some(ClaimedJob { id, bytes }))
        })
    }

    pub fn mark_print_sent(&mut self, id: i64, owner: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE print_jobs SET status = 'sent', sent_at = ?3, attempts = attempts + 1, last_attempt_at = ?3,
                 last_error = NULL, next_try_at = NULL, lease_owner = NULL, lease_until = NULL
                 WHERE id = ?1 AND lease_owner = ?2 AND status = 'pending'",
                params![id, owner, ts(now)],
            )?;
            Ok(())
        })
    }

    /// Record a failed attempt: the job waits and is tried again after a pause, or, when sending
    /// it again could print it twice, waits for a person.
    pub fn mark_print_failed(&mut self, id: i64, owner: &str, error: &PrintError, now: DateTime<Utc>) -> Result<JobStatus> {
        self.write(|tx| {
            let attempts: Option<i64> = tx
                .query_row("SELECT attempts FROM print_jobs WHERE id = ?1 AND lease_owner = ?2 AND status = 'pending'", params![id, owner], |r| {
                    r.get(0)
                })
                .optional()?;
            let Some(attempts) = attempts else { return Ok(JobStatus::Pending) };
            let attempts = attempts + 1;
            let status = if error.needs_decision() { JobStatus::Failed } else { JobStatus::Pending };
            tx.execute(
                "UPDATE print_jobs SET status = ?2, attempts = ?3, last_error = ?4, last_attempt_at = ?5, next_try_at = ?6,
                 lease_owner = NULL, lease_until = NULL WHERE id = ?1",
                params![id, status.as_str(), attempts, error.to_code(), ts(now), ts(now + backoff(attempts))],
            )?;
            Ok(status)
        })
    }

    /// Give up on a waiting job (what came out of the printer is enough, or it is not wanted).
    pub fn cancel_print_job(&mut self, actor: &Actor, id: i64, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            stored_job(tx, id, true)?;
            tx.execute("UPDATE print_jobs SET status = 'cancelled', lease_owner = NULL, lease_until = NULL WHERE id = ?1", [id])?;
            append(tx, actor, "print-cancel", "print_jobs", Some(id), "cancelled", now)
        })
    }
}

/// A stored job as a retry or reprint needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredJob {
    pub status: JobStatus,
    /// The document, to render again (`Document::from_stored`).
    pub document: String,
    /// Whether the job has bytes (a job that could not be rendered has none).
    pub rendered: bool,
    pub reference: JobRef,
    /// The printer the job names (None: the default printer).
    pub printer: Option<String>,
}

/// Load a job inside a transaction; a job that is sent or cancelled is refused when `open_only`.
pub fn stored_job(tx: &Transaction, id: i64, open_only: bool) -> Result<StoredJob> {
    let job = tx
        .query_row("SELECT status, document, length(bytes) > 0, ref_table, ref_id, printer FROM print_jobs WHERE id = ?1", [id], |r| {
            Ok(StoredJob {
                status: JobStatus::parse(&r.get::<_, String>(0)?),
                document: r.get(1)?,
                rendered: r.get(2)?,
                reference: JobRef { table: r.get(3)?, id: r.get(4)? },
                printer: r.get(5)?,
            })
        })
        .optional()?
        .ok_or(StoreError::NoSuchPrintJob(id))?;
    if open_only && !matches!(job.status, JobStatus::Pending | JobStatus::Failed) {
        return Err(StoreError::PrintJobClosed { id, status: job.status.as_str() });
    }
    Ok(job)
}

/// Send a waiting job again now (the caller re-rendered it first when it had no bytes).
pub fn retry_job(tx: &Transaction, actor: &Actor, id: i64, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "UPDATE print_jobs SET status = 'pending', next_try_at = NULL, lease_owner = NULL, lease_until = NULL WHERE id = ?1",
        [id],
    )?;
    append(tx, actor, "print-retry", "print_jobs", Some(id), "sent again", now)
}

/// A job that still cannot be rendered keeps waiting with the reason.
pub fn retry_unrenderable(tx: &Transaction, actor: &Actor, id: i64, error: &PrintError, now: DateTime<Utc>) -> Result<()> {
    tx.execute("UPDATE print_jobs SET last_error = ?2 WHERE id = ?1", params![id, error.to_code()])?;
    append(tx, actor, "print-retry", "print_jobs", Some(id), &format!("cannot render: {}", error.to_code()), now)
}

/// New bytes for a job that could not be rendered before.
pub fn set_rendered(tx: &Transaction, id: i64, bytes: &[u8], preview: &str) -> Result<()> {
    tx.execute("UPDATE print_jobs SET bytes = ?2, preview = ?3 WHERE id = ?1", params![id, bytes, preview])?;
    Ok(())
}

/// Record a reprint (the copy is inserted with `insert_job`).
pub fn audit_reprint(tx: &Transaction, actor: &Actor, original: i64, copy: i64, now: DateTime<Utc>) -> Result<()> {
    append(tx, actor, "print-reprint", "print_jobs", Some(copy), &format!("copy of job {original}"), now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::testutil::temp_store;

    /// A job as the printing layer would make it (the bytes are what the printer gets).
    pub(crate) fn job(text: &str) -> NewPrintJob {
        NewPrintJob {
            kind: DocKind::Ticket,
            bytes: format!("{text}\n").into_bytes(),
            preview: format!("{text}\n"),
            document: String::new(),
            reference: JobRef { table: Some("tickets".into()), id: Some(7) },
            reprint_of: None,
            printer: None,
            error: None,
        }
    }

    fn t(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + secs, 0).unwrap()
    }

    #[test]
    fn jobs_go_out_in_order_and_failures_wait_then_retry() {
        let (_d, mut s) = temp_store();
        let a = s.write(|tx| insert_job(tx, &job("A-001"), t(0))).unwrap();
        let b = s.write(|tx| insert_job(tx, &job("A-002"), t(0))).unwrap();
        let c = s.claim_print_job("me", &Lane::single(), t(1)).unwrap().unwrap();
        assert_eq!(c.id, a);
        assert_eq!(s.claim_print_job("other", &Lane::single(), t(1)).unwrap(), None, "leased, and b waits behind a");
        assert_eq!(s.mark_print_failed(a, "me", &PrintError::Refused("x".into()), t(2)).unwrap(), JobStatus::Pending);
        assert_eq!(s.claim_print_job("me", &Lane::single(), t(3)).unwrap(), None, "pausing before the next try");
        let counts = s.spool_counts().unwrap();
        assert_eq!((counts.pending, counts.failed, counts.error), (2, 0, Some(PrintError::Refused("x".into()))));
        assert_eq!(s.claim_print_job("me", &Lane::single(), t(4)).unwrap().unwrap().id, a);
        s.mark_print_sent(a, "me", t(4)).unwrap();
        assert_eq!(s.claim_print_job("me", &Lane::single(), t(4)).unwrap().unwrap().id, b);
        let j = s.print_job(a).unwrap().unwrap();
        assert_eq!((j.status, j.attempts, j.last_error), (JobStatus::Sent, 2, None));
        assert!(!j.bytes.is_empty() && j.preview.contains("A-001"));
    }

    #[test]
    fn a_lease_expires_when_a_counter_dies_mid_job() {
        let (_d, mut s) = temp_store();
        let a = s.write(|tx| insert_job(tx, &job("A-001"), t(0))).unwrap();
        assert!(s.claim_print_job("crashed", &Lane::single(), t(0)).unwrap().is_some());
        assert_eq!(s.claim_print_job("me", &Lane::single(), t(30)).unwrap(), None);
        assert_eq!(s.claim_print_job("me", &Lane::single(), t(LEASE_SECONDS + 1)).unwrap().unwrap().id, a);
        s.mark_print_sent(a, "crashed", t(62)).unwrap();
        assert_eq!(s.print_job(a).unwrap().unwrap().status, JobStatus::Pending, "a stale owner cannot mark it");
    }
}

/// Whether the process named in a lease (`pid{N}-...`, see `print::spool::owner_name`) still
/// runs on this machine; an owner of another shape is taken to be alive.
fn owner_alive(owner: &str) -> bool {
    let pid = owner.strip_prefix("pid").and_then(|rest| rest.split('-').next()).and_then(|p| p.parse::<u32>().ok());
    match pid {
        Some(pid) => match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            // A zombie has died too.
            Ok(stat) => !stat.rsplit(')').next().unwrap_or("").trim_start().starts_with('Z'),
            Err(_) => !Path::new("/proc/self").exists(),
        },
        None => true,
    }
}
