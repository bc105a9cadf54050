//! Finished CKG checks and their results, stored in one transaction so that they can be sent to
//! SATUSEHAT later.

use super::audit::{append, Actor};
use super::{ts, Result, Store};
use crate::domain::ckg::Evaluation;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Transaction};

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
        let day: Option<String> = self
            .conn()
            .query_row("SELECT max(business_day) FROM ckg_checks WHERE patient_id = ?1", [patient_id], |r| r.get(0))
            .optional()?
            .flatten();
        Ok(day.and_then(|d| d.parse().ok()))
    }

    /// Results of a check: (code, value, finding, class).
    pub fn ckg_results(&self, check_id: i64) -> Result<Vec<(String, Option<i64>, String, Option<String>)>> {
        let mut stmt = self.conn().prepare_cached("SELECT code, value, finding, class FROM ckg_results WHERE check_id = ?1 ORDER BY rowid")?;
        let rows = stmt.query_map([check_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// Store a finished check with every result line; returns its id. (The counter goes through
/// `ops::ckg::finish_check`, which adds the SATUSEHAT outbox entry and the result slip.)
#[allow(clippy::too_many_arguments)]
#[allow(clippy::too_many_arguments)]
pub fn save_ckg_in(tx: &Transaction, actor: &Actor, patient_id: i64, ticket_id: Option<i64>, age_group: &str, eval: &Evaluation, started: DateTime<Utc>, day: NaiveDate, now: DateTime<Utc>) -> Result<i64> {
    tx.execute(
        "INSERT INTO ckg_checks(patient_id, business_day, started_at, finished_at, examiner_id, age_group, referral, ticket_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![patient_id, day.to_string(), ts(started), ts(now), actor.id, age_group, eval.referral as i64, ticket_id],
    )?;
    let id = tx.last_insert_rowid();
    let mut stmt = tx.prepare_cached("INSERT INTO ckg_results(check_id, code, value, finding, class) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for l in &eval.lines {
        let finding = l.finding.map(|f| f.code()).unwrap_or("measured");
        stmt.execute(params![id, l.code, l.value, finding, l.class])?;
    }
    let summary = format!("patient {patient_id}, {} results, referral {}", eval.lines.len(), eval.referral);
    append(tx, actor, "ckg-finish", "ckg_checks", Some(id), &summary, now)?;
    Ok(id)
}
