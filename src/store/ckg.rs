//! Finished CKG checks and their results, stored in one transaction so that they can be sent to
//! SATUSEHAT later; amendments (with the replaced lines, who, when and why); the register of
//! checks the Puskesmas asks for.

use super::audit::{append, Actor};
use super::{parse_ts, ts, Result, Store, StoreError};
use crate::domain::ckg::{format_value, Evaluation, Finding, Measure, Range, ResultLine};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// Why a check or an amendment was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CkgRefusal {
    /// Values impossible for the person's age, with their plausible range.
    Impossible(Vec<(Measure, Range)>),
    /// An amendment needs a reason.
    ReasonRequired,
    NoSuchCheck(i64),
    /// The amendment changes nothing.
    NothingChanged,
}

/// One earlier version of a check, as the history shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckVersion {
    /// The version this amendment made (2 for the first amendment).
    pub version: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub reason: String,
    /// "weight 80.0 -> 8.0; tb normal -> positive".
    pub changes: String,
}

/// A stored check as the card, the result view and an amendment read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedCheck {
    pub id: i64,
    pub patient_id: i64,
    pub business_day: NaiveDate,
    pub started: DateTime<Utc>,
    pub finished: DateTime<Utc>,
    pub age_group: String,
    pub referral: bool,
    pub version: i64,
    pub ticket_id: Option<i64>,
    pub lines: Vec<ResultLine>,
    /// Amendments, oldest first.
    pub history: Vec<CheckVersion>,
}

/// One line of the CKG register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterRow {
    pub check_id: i64,
    pub business_day: NaiveDate,
    pub rm_number: String,
    pub nik: Option<String>,
    pub name: String,
    pub sex: String,
    pub birth_date: NaiveDate,
    pub age_group: String,
    pub version: i64,
    pub referral: bool,
    pub lines: Vec<ResultLine>,
}

pub(crate) fn lines_for(conn: &Connection, check_id: i64) -> Result<Vec<ResultLine>> {
    lines_of(conn, check_id)
}

fn lines_of(conn: &Connection, check_id: i64) -> Result<Vec<ResultLine>> {
    let mut stmt = conn.prepare_cached("SELECT code, value, finding, class FROM ckg_results WHERE check_id = ?1 ORDER BY rowid")?;
    let rows = stmt.query_map([check_id], |r| {
        let finding: String = r.get(2)?;
        Ok(ResultLine { code: r.get(0)?, value: r.get(1)?, finding: Finding::from_code(&finding), class: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn saved_check(conn: &Connection, id: i64) -> Result<Option<SavedCheck>> {
    let head = conn
        .query_row(
            "SELECT patient_id, business_day, started_at, finished_at, age_group, referral, version, ticket_id FROM ckg_checks WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, i64>(5)?,
                    r.get::<_, i64>(6)?,
                    r.get::<_, Option<i64>>(7)?,
                ))
            },
        )
        .optional()?;
    let Some((patient_id, day, started, finished, age_group, referral, version, ticket_id)) = head else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached("SELECT version, at, actor, reason, changes FROM ckg_history WHERE check_id = ?1 ORDER BY version")?;
    let history = stmt
        .query_map([id], |r| {
            let at: String = r.get(1)?;
            Ok(CheckVersion { version: r.get(0)?, at: parse_ts(&at).unwrap_or_default(), actor: r.get(2)?, reason: r.get(3)?, changes: r.get(4)? })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(SavedCheck {
        id,
        patient_id,
        business_day: day.parse().unwrap_or_default(),
        started: parse_ts(&started).unwrap_or_default(),
        finished: parse_ts(&finished).unwrap_or_default(),
        age_group,
        referral: referral != 0,
        version,
        ticket_id,
        lines: lines_of(conn, id)?,
        history,
    }))
}

impl Store {
    /// Store a finished check with every result line; returns its id. (The counter goes through
    /// `ops::ckg::finish_check`, which adds the SATUSEHAT outbox entry and the result slip.)
    #[allow(clippy::too_many_arguments)]
    pub fn save_ckg(
        &mut self,
        actor: &Actor,
        patient_id: i64,
        ticket_id: Option<i64>,
        age_group: &str,
        eval: &Evaluation,
        started: DateTime<Utc>,
        day: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        self.write(|tx| save_ckg_in(tx, actor, patient_id, ticket_id, age_group, eval, started, day, now))
    }

    /// The day of a patient's latest check.
    pub fn last_ckg(&self, patient_id: i64) -> Result<Option<NaiveDate>> {
        let day: Option<String> =
            self.conn().query_row("SELECT max(business_day) FROM ckg_checks WHERE patient_id = ?1", [patient_id], |r| r.get(0)).optional()?.flatten();
        Ok(day.and_then(|d| d.parse().ok()))
    }

    /// The id of a patient's latest check.
    pub fn latest_ckg_id(&self, patient_id: i64) -> Result<Option<i64>> {
        Ok(self
            .conn()
            .query_row("SELECT id FROM ckg_checks WHERE patient_id = ?1 ORDER BY business_day DESC, id DESC LIMIT 1", [patient_id], |r| r.get(0))
            .optional()?)
    }

    /// A stored check with its current lines and its amendments.
    pub fn saved_check(&self, id: i64) -> Result<Option<SavedCheck>> {
        saved_check(self.conn(), id)
    }

    /// Results of a check: (code, value, finding, class).
    pub fn ckg_results(&self, check_id: i64) -> Result<Vec<(String, Option<i64>, String, Option<String>)>> {
        let mut stmt = self.conn().prepare_cached("SELECT code, value, finding, class FROM ckg_results WHERE check_id = ?1 ORDER BY rowid")?;
        let rows = stmt.query_map([check_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The register: every check of the days from..=to, oldest first, with its current lines.
    pub fn ckg_register(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<RegisterRow>> {
        register(self.conn(), from, to)
    }
}

/// The register, inside a transaction (an operation that prints it).
pub fn ckg_register_in(tx: &Transaction, from: NaiveDate, to: NaiveDate) -> Result<Vec<RegisterRow>> {
    register(tx, from, to)
}

fn register(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<Vec<RegisterRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.business_day, p.rm_number, p.nik, p.name, p.sex, p.birth_date, c.age_group, c.version, c.referral
         FROM ckg_checks c JOIN patients p ON p.id = c.patient_id
         WHERE c.business_day BETWEEN ?1 AND ?2 ORDER BY c.business_day, c.finished_at, c.id",
    )?;
    let heads = stmt
        .query_map([from.to_string(), to.to_string()], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, i64>(8)?,
                r.get::<_, i64>(9)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::with_capacity(heads.len());
    for (id, day, rm, nik, name, sex, birth, group, version, referral) in heads {
        out.push(RegisterRow {
            check_id: id,
            business_day: day.parse().unwrap_or_default(),
            rm_number: rm,
            nik,
            name,
            sex,
            birth_date: birth.parse().unwrap_or_default(),
            age_group: group,
            version,
            referral: referral != 0,
            lines: lines_of(conn, id)?,
        });
    }
    Ok(out)
}

/// Store a finished check with every result line; returns its id. (The counter goes through
/// `ops::ckg::finish_check`, which adds the SATUSEHAT outbox entry and the result slip.)
#[allow(clippy::too_many_arguments)]
pub fn save_ckg_in(
    tx: &Transaction,
    actor: &Actor,
    patient_id: i64,
    ticket_id: Option<i64>,
    age_group: &str,
    eval: &Evaluation,
    started: DateTime<Utc>,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<i64> {
    tx.execute(
        "INSERT INTO ckg_checks(patient_id, business_day, started_at, finished_at, examiner_id, age_group, referral, ticket_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![patient_id, day.to_string(), ts(started), ts(now), actor.id, age_group, eval.referral as i64, ticket_id],
    )?;
    let id = tx.last_insert_rowid();
    insert_lines(tx, id, &eval.lines)?;
    let summary = format!("patient {patient_id}, {} results, referral {}", eval.lines.len(), eval.referral);
    append(tx, actor, "ckg-finish", "ckg_checks", Some(id), &summary, now)?;
    Ok(id)
}

fn insert_lines(tx: &Transaction, id: i64, lines: &[ResultLine]) -> Result<()> {
    let mut stmt = tx.prepare_cached("INSERT INTO ckg_results(check_id, code, value, finding, class) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for l in lines {
        let finding = l.finding.map(|f| f.code()).unwrap_or("measured");
        stmt.execute(params![id, l.code, l.value, finding, l.class])?;
    }
    Ok(())
}

/// A check as stored, inside a transaction.
pub fn saved_check_in(tx: &Transaction, id: i64) -> Result<Option<SavedCheck>> {
    saved_check(tx, id)
}

fn line_text(l: &ResultLine) -> String {
    match (Measure::from_code(&l.code), l.value, l.finding) {
        (Some(m), Some(v), _) => format_value(m, v),
        (None, Some(v), _) if l.code == "bmi" => format_value(Measure::Weight, v),
        (None, Some(v), _) => v.to_string(),
        (_, _, Some(f)) => f.code().to_string(),
        _ => "-".into(),
    }
}

/// What an amendment changes, line by line: "weight 80.0 -> 8.0; tb normal -> positive".
pub fn changes(old: &[ResultLine], new: &[ResultLine]) -> String {
    let mut out = Vec::new();
    for n in new {
        match old.iter().find(|o| o.code == n.code) {
            Some(o) if o.value == n.value && o.finding == n.finding => {}
            Some(o) => out.push(format!("{} {} -> {}", n.code, line_text(o), line_text(n))),
            None => out.push(format!("{} - -> {}", n.code, line_text(n))),
        }
    }
    for o in old.iter().filter(|o| !new.iter().any(|n| n.code == o.code)) {
        out.push(format!("{} {} -> -", o.code, line_text(o)));
    }
    out.join("; ")
}

/// Replace a check's lines with an amended evaluation, keeping the replaced lines, who, when and
/// why in its history; returns the new version number.
pub fn amend_ckg_in(tx: &Transaction, actor: &Actor, check_id: i64, eval: &Evaluation, reason: &str, now: DateTime<Utc>) -> Result<i64> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StoreError::Ckg(CkgRefusal::ReasonRequired));
    }
    let Some(old) = saved_check(tx, check_id)? else {
        return Err(StoreError::Ckg(CkgRefusal::NoSuchCheck(check_id)));
    };
    let changed = changes(&old.lines, &eval.lines);
    if changed.is_empty() {
        return Err(StoreError::Ckg(CkgRefusal::NothingChanged));
    }
    let previous: Vec<serde_json::Value> =
        old.lines.iter().map(|l| serde_json::json!({ "code": l.code, "value": l.value, "finding": l.finding.map(|f| f.code()), "class": l.class })).collect();
    let version = old.version + 1;
    tx.execute(
        "INSERT INTO ckg_history(check_id, version, at, user_id, actor, reason, changes, previous) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![check_id, version, ts(now), actor.id, actor.name, reason, changed, serde_json::Value::Array(previous).to_string()],
    )?;
    tx.execute("DELETE FROM ckg_results WHERE check_id = ?1", [check_id])?;
    insert_lines(tx, check_id, &eval.lines)?;
    tx.execute("UPDATE ckg_checks SET referral = ?2, version = ?3 WHERE id = ?1", params![check_id, eval.referral as i64, version])?;
    append(tx, actor, "ckg-amend", "ckg_checks", Some(check_id), &format!("version {version}: {reason}; {changed}"), now)?;
    Ok(version)
}

/// When a ticket was taken, and when it was called (if it was).
pub type TicketTimes = (DateTime<Utc>, Option<DateTime<Utc>>);

/// When the person of a ticket arrived (took the ticket) and was called, for the Encounter.
pub fn ticket_times_in(tx: &Transaction, ticket_id: i64) -> Result<Option<TicketTimes>> {
    let row: Option<(String, Option<String>)> =
        tx.query_row("SELECT taken_at, called_at FROM tickets WHERE id = ?1", [ticket_id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
    Ok(row.and_then(|(taken, called)| Some((parse_ts(&taken)?, called.as_deref().and_then(parse_ts)))))
}
