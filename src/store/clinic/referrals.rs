//! Referral letters (surat rujukan), from a consultation or a positive CKG, kept on the card;
//! the answer that comes back (rujuk balik) is a row of its own.

use super::super::audit::{append, Actor};
use super::super::{parse_ts, ts, Result};
use super::{refuse, ClinicRefusal};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewReferral {
    pub patient_id: i64,
    pub consultation_id: Option<i64>,
    pub ckg_check_id: Option<i64>,
    pub facility_code: String,
    pub facility_name: String,
    pub reason: String,
    pub findings: String,
    pub diagnosis: String,
    pub drugs_given: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    pub id: i64,
    pub number: String,
    pub patient_id: i64,
    pub consultation_id: Option<i64>,
    pub ckg_check_id: Option<i64>,
    pub facility_code: String,
    pub facility_name: String,
    pub reason: String,
    pub findings: String,
    pub diagnosis: String,
    pub drugs_given: String,
    pub at: DateTime<Utc>,
    pub user_id: i64,
    /// The answer (rujuk balik): day, text, whether the patient comes back to the clinic.
    pub answer: Option<(NaiveDate, String, bool)>,
}

pub fn save_referral_in(tx: &Transaction, actor: &Actor, r: &NewReferral, day: NaiveDate, now: DateTime<Utc>) -> Result<Referral> {
    if r.reason.trim().is_empty() {
        return refuse(ClinicRefusal::ReasonRequired);
    }
    let n: i64 = tx.query_row("SELECT count(*) + 1 FROM referrals WHERE business_day = ?1", [day.to_string()], |x| x.get(0))?;
    let number = format!("RJ-{}-{n:03}", day.format("%Y%m%d"));
    tx.execute(
        "INSERT INTO referrals(number, patient_id, consultation_id, ckg_check_id, facility_code, facility_name, reason, findings, diagnosis, drugs_given, at, business_day, user_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            number,
            r.patient_id,
            r.consultation_id,
            r.ckg_check_id,
            r.facility_code,
            r.facility_name,
            r.reason.trim(),
            r.findings.trim(),
            r.diagnosis.trim(),
            r.drugs_given.trim(),
            ts(now),
            day.to_string(),
            actor.id
        ],
    )?;
    let id = tx.last_insert_rowid();
    append(tx, actor, "referral-write", "referrals", Some(id), &format!("{number} to {}: patient {}", r.facility_code, r.patient_id), now)?;
    referral(tx, id)?.map(Ok).unwrap_or_else(|| refuse(ClinicRefusal::NoSuchReferral))
}

/// Record the answer to a referral (rujuk balik).
pub fn answer_referral_in(tx: &Transaction, actor: &Actor, referral_id: i64, answered_on: NaiveDate, answer: &str, back_to_clinic: bool, now: DateTime<Utc>) -> Result<()> {
    if answer.trim().is_empty() {
        return refuse(ClinicRefusal::ReasonRequired);
    }
    if referral(tx, referral_id)?.is_none() {
        return refuse(ClinicRefusal::NoSuchReferral);
    }
    tx.execute(
        "INSERT INTO referral_answers(referral_id, answered_on, answer, back_to_clinic, at, user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![referral_id, answered_on.to_string(), answer.trim(), back_to_clinic as i64, ts(now), actor.id],
    )?;
    append(tx, actor, "referral-answer", "referrals", Some(referral_id), &format!("answered {answered_on}"), now)?;
    Ok(())
}

pub(crate) fn referral(conn: &Connection, id: i64) -> Result<Option<Referral>> {
    let r = conn
        .query_row(
            "SELECT id, number, patient_id, consultation_id, ckg_check_id, facility_code, facility_name, reason, findings, diagnosis, drugs_given, at, user_id,
                    (SELECT answered_on FROM referral_answers a WHERE a.referral_id = r.id ORDER BY a.id DESC LIMIT 1),
                    (SELECT answer FROM referral_answers a WHERE a.referral_id = r.id ORDER BY a.id DESC LIMIT 1),
                    (SELECT back_to_clinic FROM referral_answers a WHERE a.referral_id = r.id ORDER BY a.id DESC LIMIT 1)
             FROM referrals r WHERE id = ?1",
            [id],
            |r| {
                let answered: Option<String> = r.get(13)?;
                let answer: Option<String> = r.get(14)?;
                let back: Option<i64> = r.get(15)?;
                Ok(Referral {
                    id: r.get(0)?,
                    number: r.get(1)?,
                    patient_id: r.get(2)?,
                    consultation_id: r.get(3)?,
                    ckg_check_id: r.get(4)?,
                    facility_code: r.get(5)?,
                    facility_name: r.get(6)?,
                    reason: r.get(7)?,
                    findings: r.get(8)?,
                    diagnosis: r.get(9)?,
                    drugs_given: r.get(10)?,
                    at: parse_ts(&r.get::<_, String>(11)?).unwrap_or_default(),
                    user_id: r.get(12)?,
                    answer: match (answered, answer) {
                        (Some(d), Some(a)) => Some((d.parse().unwrap_or_default(), a, back == Some(1))),
                        _ => None,
                    },
                })
            },
        )
        .optional()?;
    Ok(r)
}

impl super::super::Store {
    pub fn referral(&self, id: i64) -> Result<Option<Referral>> {
        referral(self.conn(), id)
    }

    /// A patient's referral letters, newest first.
    pub fn referrals_of(&self, patient_id: i64) -> Result<Vec<Referral>> {
        let ids: Vec<i64> = self
            .conn()
            .prepare_cached("SELECT id FROM referrals WHERE patient_id = ?1 ORDER BY id DESC")?
            .query_map([patient_id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = Vec::new();
        for id in ids {
            out.extend(referral(self.conn(), id)?);
        }
        Ok(out)
    }
}

/// The referral letter written in a consultation, inside a transaction.
pub fn referral_for_consultation_in(tx: &Transaction, consultation_id: i64) -> Result<Option<Referral>> {
    let id: Option<i64> = tx.query_row("SELECT id FROM referrals WHERE consultation_id = ?1 ORDER BY id LIMIT 1", [consultation_id], |r| r.get(0)).optional()?;
    match id {
        Some(id) => referral(tx, id),
        None => Ok(None),
    }
}
