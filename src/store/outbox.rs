//! The SATUSEHAT outbox: one row per finished CKG check, consultation and dispensing, written in
//! its operation's transaction and walked by `sync::sender`. Rows are never deleted; a sent row
//! keeps the ids the server gave.
//!
//! Claiming a row for sending sets `in_doubt` and `last_attempt_at` in one write; only a
//! definite answer clears `in_doubt`. A row in doubt whose claim is recent belongs to another
//! sender (another counter's thread); an older one is a sender that died mid-send, and is looked
//! up on the server (by its Encounter identifier) before being sent again.

use super::audit::{append, Actor};
use super::{parse_ts, ts, Result, Store, StoreError};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, OptionalExtension, Row, Transaction};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxStatus {
    Pending,
    Sent,
    Failed,
    /// SATUSEHAT does not know the patient's NIK (or the patient has none): the entry waits.
    WaitingPatient,
}

impl OutboxStatus {
    pub fn code(self) -> &'static str {
        match self {
            OutboxStatus::Pending => "pending",
            OutboxStatus::Sent => "sent",
            OutboxStatus::Failed => "failed",
            OutboxStatus::WaitingPatient => "waiting-patient",
        }
    }

    fn parse(s: &str) -> OutboxStatus {
        match s {
            "sent" => OutboxStatus::Sent,
            "failed" => OutboxStatus::Failed,
            "waiting-patient" => OutboxStatus::WaitingPatient,
            _ => OutboxStatus::Pending,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    pub id: i64,
    pub kind: String,
    pub ckg_check_id: Option<i64>,
    pub patient_id: Option<i64>,
    pub payload: String,
    pub encounter_value: String,
    pub status: OutboxStatus,
    pub attempts: i64,
    /// A previous send may have reached the server: look before sending again.
    pub in_doubt: bool,
    pub next_try_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub server_ids: Option<String>,
    pub created_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// The outbox at a glance, for the screen and `loket sync status`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OutboxCounts {
    pub pending: i64,
    pub waiting_patient: i64,
    pub sent: i64,
    pub failed: i64,
    pub oldest_pending: Option<DateTime<Utc>>,
    /// The latest error of an entry still pending (why the queue is stuck), if any.
    pub last_error: Option<String>,
}

const COLUMNS: &str = "id, kind, ckg_check_id, patient_id, payload, encounter_value, status, attempts, in_doubt, next_try_at, last_error, server_ids, created_at, sent_at";

fn entry_from_row(r: &Row) -> rusqlite::Result<OutboxEntry> {
    let status: String = r.get(6)?;
    let created: String = r.get(12)?;
    Ok(OutboxEntry {
        id: r.get(0)?,
        kind: r.get(1)?,
        ckg_check_id: r.get(2)?,
        patient_id: r.get(3)?,
        payload: r.get(4)?,
        encounter_value: r.get(5)?,
        status: OutboxStatus::parse(&status),
        attempts: r.get(7)?,
        in_doubt: r.get::<_, i64>(8)? != 0,
        next_try_at: r.get::<_, Option<String>>(9)?.as_deref().and_then(parse_ts),
        last_error: r.get(10)?,
        server_ids: r.get(11)?,
        created_at: parse_ts(&created).unwrap_or_default(),
        sent_at: r.get::<_, Option<String>>(13)?.as_deref().and_then(parse_ts),
    })
}

/// Add a CKG entry inside the caller's transaction (the check's own).
pub fn insert_ckg(tx: &Transaction, check_id: i64, patient_id: i64, payload: &str, encounter_value: &str, now: DateTime<Utc>) -> Result<i64> {
    tx.execute(
        "INSERT INTO outbox(kind, ckg_check_id, patient_id, payload, encounter_value, created_at) VALUES ('ckg', ?1, ?2, ?3, ?4, ?5)",
        params![check_id, patient_id, payload, encounter_value, ts(now)],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Add a consultation's entry (or one of its dispensings) inside the caller's transaction.
pub fn insert_consultation(tx: &Transaction, consultation_id: i64, patient_id: i64, payload: &str, entry_value: &str, now: DateTime<Utc>) -> Result<i64> {
    tx.execute(
        "INSERT INTO outbox(kind, consultation_id, patient_id, payload, encounter_value, created_at) VALUES ('consultation', ?1, ?2, ?3, ?4, ?5)",
        params![consultation_id, patient_id, payload, entry_value, ts(now)],
    )?;
    Ok(tx.last_insert_rowid())
}

/// A consultation's own entry (not one of its dispensings, whose values carry `~D`).
fn consultation_entry(conn: &rusqlite::Connection, consultation_id: i64) -> Result<Option<OutboxEntry>> {
    let sql = format!("SELECT {COLUMNS} FROM outbox WHERE kind = 'consultation' AND consultation_id = ?1 AND instr(encounter_value, '~') = 0 ORDER BY id LIMIT 1");
    Ok(conn.query_row(&sql, [consultation_id], entry_from_row).optional()?)
}

/// A consultation's own entry, inside the caller's transaction.
pub fn consultation_entry_in(tx: &Transaction, consultation_id: i64) -> Result<Option<OutboxEntry>> {
    consultation_entry(tx, consultation_id)
}

/// The newest entry of a check, inside the caller's transaction (an amendment looks at it).
pub fn latest_for_check_in(tx: &Transaction, check_id: i64) -> Result<Option<OutboxEntry>> {
    Ok(tx.query_row(&format!("SELECT {COLUMNS} FROM outbox WHERE ckg_check_id = ?1 ORDER BY id DESC LIMIT 1"), [check_id], entry_from_row).optional()?)
}

/// Put an amended check's facts in place of an entry that has not reached the server (not sent,
/// not in doubt): it goes out once, as the amended version. A failed entry is tried again.
pub fn rewrite_unsent_in(tx: &Transaction, id: i64, payload: &str) -> Result<bool> {
    let n = tx.execute(
        "UPDATE outbox SET payload = ?2, status = CASE status WHEN 'failed' THEN 'pending' ELSE status END, next_try_at = NULL
         WHERE id = ?1 AND status <> 'sent' AND in_doubt = 0",
        params![id, payload],
    )?;
    Ok(n == 1)
}

/// A patient's NIK, IHS number and name, as the sender needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientIds {
    pub nik: Option<String>,
    pub ihs_number: Option<String>,
    pub name: String,
}

/// An examiner as SATUSEHAT knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Practitioner {
    pub user_id: i64,
    pub name: String,
    pub nik: Option<String>,
    pub ihs: Option<String>,
}

impl Store {
    pub fn outbox_counts(&self) -> Result<OutboxCounts> {
        let mut c = OutboxCounts::default();
        let mut stmt = self.conn().prepare_cached("SELECT status, count(*), min(created_at) FROM outbox GROUP BY status")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (status, n, oldest): (String, i64, Option<String>) = (r.get(0)?, r.get(1)?, r.get(2)?);
            match OutboxStatus::parse(&status) {
                OutboxStatus::Pending => {
                    c.pending = n;
                    c.oldest_pending = oldest.as_deref().and_then(parse_ts);
                }
                OutboxStatus::WaitingPatient => c.waiting_patient = n,
                OutboxStatus::Sent => c.sent = n,
                OutboxStatus::Failed => c.failed = n,
            }
        }
        c.last_error = self
            .conn()
            .query_row(
                "SELECT last_error FROM outbox WHERE status = 'pending' AND last_error IS NOT NULL ORDER BY last_attempt_at DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(c)
    }

    pub fn outbox_entry(&self, id: i64) -> Result<Option<OutboxEntry>> {
        Ok(self.conn().query_row(&format!("SELECT {COLUMNS} FROM outbox WHERE id = ?1"), [id], entry_from_row).optional()?)
    }

    /// A consultation's own entry (the one its dispensings wait for).
    pub fn outbox_for_consultation(&self, consultation_id: i64) -> Result<Option<OutboxEntry>> {
        consultation_entry(self.conn(), consultation_id)
    }

    pub fn outbox_for_check(&self, check_id: i64) -> Result<Option<OutboxEntry>> {
        Ok(self
            .conn()
            .query_row(&format!("SELECT {COLUMNS} FROM outbox WHERE ckg_check_id = ?1"), [check_id], entry_from_row)
            .optional()?)
    }

    /// The latest entry of a check that the server has, older than `before` (an amendment is
    /// sent as an update of the resources it created).
    pub fn sent_before(&self, check_id: i64, before: i64) -> Result<Option<OutboxEntry>> {
        Ok(self
            .conn()
            .query_row(
                &format!("SELECT {COLUMNS} FROM outbox WHERE ckg_check_id = ?1 AND id < ?2 AND status = 'sent' ORDER BY id DESC LIMIT 1"),
                [check_id, before],
                entry_from_row,
            )
            .optional()?)
    }

    /// Entries that need a person: failed ones and those waiting for the patient, newest first.
    pub fn outbox_problems(&self, limit: usize) -> Result<Vec<OutboxEntry>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {COLUMNS} FROM outbox WHERE status IN ('failed','waiting-patient') ORDER BY id DESC LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit as i64], entry_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every entry, oldest first (tests and reports).
    pub fn outbox_entries(&self) -> Result<Vec<OutboxEntry>> {
        let mut stmt = self.conn().prepare(&format!("SELECT {COLUMNS} FROM outbox ORDER BY id"))?;
        let rows = stmt.query_map([], entry_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Whether anything is due now, read-only (an idle sender never takes the write lock).
    pub fn outbox_due(&self, now: DateTime<Utc>) -> Result<bool> {
        Ok(self.conn().query_row(
            "SELECT count(*) > 0 FROM outbox WHERE status IN ('pending','waiting-patient') AND (next_try_at IS NULL OR next_try_at <= ?1)",
            [ts(now)],
            |r| r.get(0),
        )?)
    }

    /// Take the oldest due entry for sending: counts the attempt and marks it in doubt. An entry
    /// another sender claimed less than `lease` ago is left alone. The returned entry's
    /// `in_doubt` is the value from before this claim.
    pub fn claim_outbox(&mut self, lease: Duration, now: DateTime<Utc>) -> Result<Option<OutboxEntry>> {
        self.write(|tx| {
            let entry = tx
                .query_row(
                    &format!(
                        "SELECT {COLUMNS} FROM outbox WHERE status IN ('pending','waiting-patient')
                         AND (next_try_at IS NULL OR next_try_at <= ?1)
                         AND NOT (in_doubt = 1 AND last_attempt_at > ?2)
                         ORDER BY id LIMIT 1"
                    ),
                    params![ts(now), ts(now - lease)],
                    entry_from_row,
                )
                .optional()?;
            if let Some(e) = &entry {
                tx.execute(
                    "UPDATE outbox SET attempts = attempts + 1, in_doubt = 1, last_attempt_at = ?2 WHERE id = ?1",
                    params![e.id, ts(now)],
                )?;
            }
            Ok(entry)
        })
    }

    /// The server has it: keep the ids it gave back.
    pub fn outbox_sent(&mut self, id: i64, server_ids: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE outbox SET status = 'sent', in_doubt = 0, server_ids = ?2, sent_at = ?3, last_error = NULL, next_try_at = NULL WHERE id = ?1",
                params![id, server_ids, ts(now)],
            )?;
            Ok(())
        })
    }

    /// Try again at `next_try`. `in_doubt`: the server may have it (no definite answer came).
    pub fn outbox_retry_later(&mut self, id: i64, error: &str, in_doubt: bool, next_try: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE outbox SET status = 'pending', in_doubt = ?2, last_error = ?3, next_try_at = ?4 WHERE id = ?1",
                params![id, in_doubt as i64, error, ts(next_try)],
            )?;
            Ok(())
        })
    }

    /// A definite refusal: the entry waits for a person (`loket sync retry` after a fix).
    /// `in_doubt` stays set when an earlier send's fate is still unknown.
    pub fn outbox_failed(&mut self, id: i64, error: &str, in_doubt: bool) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE outbox SET status = 'failed', in_doubt = ?3, last_error = ?2, next_try_at = NULL WHERE id = ?1",
                params![id, error, in_doubt as i64],
            )?;
            Ok(())
        })
    }

    /// SATUSEHAT does not know the patient: look again at `next_try`.
    pub fn outbox_waiting_patient(&mut self, id: i64, error: &str, in_doubt: bool, next_try: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            tx.execute(
                "UPDATE outbox SET status = 'waiting-patient', in_doubt = ?2, last_error = ?3, next_try_at = ?4 WHERE id = ?1",
                params![id, in_doubt as i64, error, ts(next_try)],
            )?;
            Ok(())
        })
    }

    /// The network or the credentials stopped a round: every other due entry waits as long, so
    /// the next rounds do not knock again one entry at a time.
    pub fn outbox_pause_due(&mut self, until: DateTime<Utc>) -> Result<usize> {
        self.write(|tx| {
            Ok(tx.execute(
                "UPDATE outbox SET next_try_at = ?1 WHERE status IN ('pending','waiting-patient') AND (next_try_at IS NULL OR next_try_at < ?1)",
                [ts(until)],
            )?)
        })
    }

    /// Someone is waiting (`loket sync`): every waiting entry is due now.
    pub fn outbox_all_due_now(&mut self) -> Result<usize> {
        self.write(|tx| {
            Ok(tx.execute("UPDATE outbox SET next_try_at = NULL WHERE status IN ('pending','waiting-patient') AND next_try_at IS NOT NULL", [])?)
        })
    }

    /// Send a failed (or waiting) entry again after a fix; a sent entry stays sent.
    pub fn retry_outbox(&mut self, actor: &Actor, id: i64, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            let status: Option<String> = tx.query_row("SELECT status FROM outbox WHERE id = ?1", [id], |r| r.get(0)).optional()?;
            match status.as_deref().map(OutboxStatus::parse) {
                None => return Err(StoreError::NoSuchOutboxEntry(id)),
                Some(OutboxStatus::Sent) => return Err(StoreError::OutboxAlreadySent(id)),
                Some(_) => {}
            }
            tx.execute("UPDATE outbox SET status = 'pending', next_try_at = NULL WHERE id = ?1", [id])?;
            append(tx, actor, "sync-retry", "outbox", Some(id), &format!("entry {id} sent again"), now)
        })
    }

    pub fn patient_ids(&self, patient_id: i64) -> Result<Option<PatientIds>> {
        Ok(self
            .conn()
            .query_row("SELECT nik, ihs_number, name FROM patients WHERE id = ?1", [patient_id], |r| {
                Ok(PatientIds { nik: r.get(0)?, ihs_number: r.get(1)?, name: r.get(2)? })
            })
            .optional()?)
    }

    /// Keep the IHS number SATUSEHAT gave for a patient's NIK.
    pub fn set_patient_ihs(&mut self, actor: &Actor, patient_id: i64, ihs: &str, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            let old: Option<String> = tx.query_row("SELECT ihs_number FROM patients WHERE id = ?1", [patient_id], |r| r.get(0))?;
            if old.as_deref() == Some(ihs) {
                return Ok(());
            }
            tx.execute("UPDATE patients SET ihs_number = ?2 WHERE id = ?1", params![patient_id, ihs])?;
            tx.execute(
                "INSERT INTO patient_history(patient_id, at, user_id, actor, field, old_value, new_value) VALUES (?1, ?2, ?3, ?4, 'ihs_number', ?5, ?6)",
                params![patient_id, ts(now), actor.id, actor.name, old, ihs],
            )?;
            append(tx, actor, "patient-ihs", "patients", Some(patient_id), ihs, now)
        })
    }

    pub fn practitioner(&self, user_id: i64) -> Result<Option<Practitioner>> {
        Ok(self
            .conn()
            .query_row("SELECT id, name, full_name, practitioner_nik, practitioner_ihs FROM users WHERE id = ?1", [user_id], |r| {
                let (name, full): (String, String) = (r.get(1)?, r.get(2)?);
                Ok(Practitioner { user_id: r.get(0)?, name: if full.is_empty() { name } else { full }, nik: r.get(3)?, ihs: r.get(4)? })
            })
            .optional()?)
    }

    /// Record the NIK of a user who examines (an admin's job); the IHS id is looked up again.
    pub fn set_practitioner_nik(&mut self, actor: &Actor, name: &str, nik: &str, now: DateTime<Utc>) -> Result<()> {
        let user = self.user(name)?.ok_or_else(|| StoreError::NoSuchUser(name.to_string()))?;
        self.write(|tx| {
            tx.execute("UPDATE users SET practitioner_nik = ?2, practitioner_ihs = NULL WHERE id = ?1", params![user.id, nik])?;
            append(tx, actor, "user-set-nik", "users", Some(user.id), &user.name, now)
        })
    }

    pub fn set_practitioner_ihs(&mut self, user_id: i64, ihs: &str) -> Result<()> {
        self.write(|tx| {
            tx.execute("UPDATE users SET practitioner_ihs = ?2 WHERE id = ?1", params![user_id, ihs])?;
            Ok(())
        })
    }
}
