//! A consultation as stored: anamnesis, vital signs (the CKG's result lines), diagnoses (one
//! primary), note and outcome; and the patient's context the examiner sees when opening one.

use super::super::audit::{append, Actor};
use super::super::{parse_ts, ts, Result};
use crate::domain::ckg::ResultLine;
use crate::domain::consult::Outcome;
use crate::domain::icd10::Diagnosis;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// What is written for one visit (already checked by `ops::clinic`).
pub struct ConsultationRow<'a> {
    pub patient_id: i64,
    pub ticket_id: Option<i64>,
    pub examiner_id: i64,
    pub day: NaiveDate,
    pub started: DateTime<Utc>,
    pub complaint: &'a str,
    pub history: &'a str,
    pub note: &'a str,
    pub outcome: Outcome,
    pub follow_up: Option<NaiveDate>,
    pub vitals: &'a [ResultLine],
    /// Primary first.
    pub diagnoses: &'a [(&'static Diagnosis, bool)],
}

pub fn save_consultation_in(tx: &Transaction, actor: &Actor, c: &ConsultationRow, now: DateTime<Utc>) -> Result<i64> {
    tx.execute(
        "INSERT INTO consultations(patient_id, ticket_id, examiner_id, business_day, started_at, finished_at, complaint, history, note, outcome, follow_up_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            c.patient_id,
            c.ticket_id,
            c.examiner_id,
            c.day.to_string(),
            ts(c.started),
            ts(now),
            c.complaint.trim(),
            c.history.trim(),
            c.note.trim(),
            c.outcome.code(),
            c.follow_up.map(|d| d.to_string())
        ],
    )?;
    let id = tx.last_insert_rowid();
    let mut st = tx.prepare_cached("INSERT INTO consultation_vitals(consultation_id, code, value, class) VALUES (?1, ?2, ?3, ?4)")?;
    for l in c.vitals {
        st.execute(params![id, l.code, l.value, l.class])?;
    }
    let mut st = tx.prepare_cached("INSERT INTO consultation_diagnoses(consultation_id, rank, code, name, is_primary) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for (i, (d, primary)) in c.diagnoses.iter().enumerate() {
        st.execute(params![id, i as i64 + 1, d.code, d.name_id, *primary as i64])?;
    }
    let codes: Vec<&str> = c.diagnoses.iter().map(|(d, _)| d.code).collect();
    append(tx, actor, "consultation-finish", "consultations", Some(id), &format!("patient {}, {}, {}", c.patient_id, codes.join(" "), c.outcome.code()), now)?;
    Ok(id)
}

/// A stored consultation, as the card and the referral letter read it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedConsultation {
    pub id: i64,
    pub patient_id: i64,
    pub ticket_id: Option<i64>,
    pub examiner_id: i64,
    pub business_day: NaiveDate,
    pub started: DateTime<Utc>,
    pub finished: DateTime<Utc>,
    pub complaint: String,
    pub history: String,
    pub note: String,
    pub outcome: Outcome,
    pub follow_up: Option<NaiveDate>,
    pub vitals: Vec<ResultLine>,
    /// (code, name, primary), primary first.
    pub diagnoses: Vec<(String, String, bool)>,
}

pub(crate) fn saved(conn: &Connection, id: i64) -> Result<Option<SavedConsultation>> {
    let head = conn
        .query_row(
            "SELECT patient_id, ticket_id, examiner_id, business_day, started_at, finished_at, complaint, history, note, outcome, follow_up_on FROM consultations WHERE id = ?1",
            [id],
            |r| {
                Ok(SavedConsultation {
                    id,
                    patient_id: r.get(0)?,
                    ticket_id: r.get(1)?,
                    examiner_id: r.get(2)?,
                    business_day: r.get::<_, String>(3)?.parse().unwrap_or_default(),
                    started: parse_ts(&r.get::<_, String>(4)?).unwrap_or_default(),
                    finished: parse_ts(&r.get::<_, String>(5)?).unwrap_or_default(),
                    complaint: r.get(6)?,
                    history: r.get(7)?,
                    note: r.get(8)?,
                    outcome: Outcome::parse(&r.get::<_, String>(9)?).unwrap_or(Outcome::Done),
                    follow_up: r.get::<_, Option<String>>(10)?.and_then(|d| d.parse().ok()),
                    vitals: Vec::new(),
                    diagnoses: Vec::new(),
                })
            },
        )
        .optional()?;
    let Some(mut c) = head else { return Ok(None) };
    let mut st = conn.prepare_cached("SELECT code, value, class FROM consultation_vitals WHERE consultation_id = ?1 ORDER BY rowid")?;
    c.vitals = st
        .query_map([id], |r| Ok(ResultLine { code: r.get(0)?, value: r.get(1)?, finding: None, class: r.get(2)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut st = conn.prepare_cached("SELECT code, name, is_primary FROM consultation_diagnoses WHERE consultation_id = ?1 ORDER BY rank")?;
    c.diagnoses = st.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, i64>(2)? != 0)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(c))
}

pub fn saved_in(tx: &Transaction, id: i64) -> Result<Option<SavedConsultation>> {
    saved(tx, id)
}

/// What the examiner sees of the patient on opening a consultation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PatientContext {
    pub allergies: Vec<String>,
    /// Lasting conditions diagnosed here before: (code, name).
    pub chronic: Vec<(String, String)>,
    /// The latest CKG: its day, whether it referred, its lines.
    pub last_ckg: Option<(NaiveDate, bool, Vec<ResultLine>)>,
    /// Recent referral letters: (day, facility, reason, answered).
    pub referrals: Vec<(NaiveDate, String, String, bool)>,
    /// Drugs bought or handed out in the last 90 days: (day, name, quantity in milli-units).
    pub recent_drugs: Vec<(NaiveDate, String, i64)>,
}

pub(crate) fn context(conn: &Connection, patient_id: i64, now: DateTime<Utc>) -> Result<PatientContext> {
    let mut out = PatientContext { allergies: super::allergies(conn, patient_id)?, ..Default::default() };
    let mut st = conn.prepare_cached(
        "SELECT DISTINCT d.code, d.name FROM consultation_diagnoses d JOIN consultations c ON c.id = d.consultation_id WHERE c.patient_id = ?1 ORDER BY d.code",
    )?;
    let codes = st.query_map([patient_id], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?.collect::<rusqlite::Result<Vec<_>>>()?;
    out.chronic = codes.into_iter().filter(|(c, _)| crate::domain::icd10::find(c).is_some_and(|d| d.chronic)).collect();
    let ckg: Option<(i64, String, i64)> = conn
        .query_row("SELECT id, business_day, referral FROM ckg_checks WHERE patient_id = ?1 ORDER BY business_day DESC, id DESC LIMIT 1", [patient_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    if let Some((id, day, referral)) = ckg {
        let lines = crate::store::ckg::lines_for(conn, id)?;
        out.last_ckg = Some((day.parse().unwrap_or_default(), referral != 0, lines));
    }
    let mut st = conn.prepare_cached(
        "SELECT r.business_day, r.facility_name, r.reason, EXISTS (SELECT 1 FROM referral_answers a WHERE a.referral_id = r.id)
         FROM referrals r WHERE r.patient_id = ?1 ORDER BY r.id DESC LIMIT 5",
    )?;
    out.referrals = st
        .query_map([patient_id], |r| Ok((r.get::<_, String>(0)?.parse().unwrap_or_default(), r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let since = ts(now - Duration::days(90));
    let mut st = conn.prepare_cached(
        "SELECT s.business_day, l.name, l.qty_milli - l.returned_milli FROM sale_lines l JOIN sales s ON s.id = l.sale_id
         JOIN drugs d ON d.product_id = l.product_id
         WHERE s.patient_id = ?1 AND s.at >= ?2 AND s.status = 'paid'
         UNION ALL
         SELECT x.business_day, p.name, dl.qty_milli FROM dispense_lines dl JOIN dispenses x ON x.id = dl.dispense_id
         JOIN e_prescriptions e ON e.id = x.prescription_id JOIN products p ON p.id = dl.product_id
         WHERE e.patient_id = ?1 AND x.at >= ?2 AND dl.programme IS NOT NULL
         ORDER BY 1 DESC LIMIT 10",
    )?;
    out.recent_drugs = st
        .query_map(params![patient_id, since], |r| Ok((r.get::<_, String>(0)?.parse().unwrap_or_default(), r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(out)
}

impl super::super::Store {
    pub fn consultation(&self, id: i64) -> Result<Option<SavedConsultation>> {
        saved(self.conn(), id)
    }

    /// The patient's context on opening a consultation.
    pub fn patient_context(&self, patient_id: i64, now: DateTime<Utc>) -> Result<PatientContext> {
        context(self.conn(), patient_id, now)
    }

    /// A patient's consultations, newest first: (id, day, primary diagnosis code).
    pub fn consultations_of(&self, patient_id: i64) -> Result<Vec<(i64, NaiveDate, String)>> {
        let mut st = self.conn().prepare_cached(
            "SELECT c.id, c.business_day, coalesce((SELECT code FROM consultation_diagnoses d WHERE d.consultation_id = c.id AND d.is_primary = 1), '')
             FROM consultations c WHERE c.patient_id = ?1 ORDER BY c.id DESC",
        )?;
        let rows = st.query_map([patient_id], |r| Ok((r.get(0)?, r.get::<_, String>(1)?.parse().unwrap_or_default(), r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

impl super::super::Store {
    /// A patient by record number or NIK (as the examiner types it).
    pub fn patient_by_rm_or_nik(&self, s: &str) -> Result<Option<crate::store::patients::Patient>> {
        let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
        let id: Option<i64> = self
            .conn()
            .query_row(
                "SELECT id FROM patients WHERE merged_into IS NULL AND (rm_number = ?1 COLLATE NOCASE OR nik = ?2) LIMIT 1",
                params![s.trim(), digits],
                |r| r.get(0),
            )
            .optional()?;
        match id {
            Some(id) => self.patient(id),
            None => Ok(None),
        }
    }

    /// Drugs of the formulary: (product id, name, generic name, external use).
    pub fn formulary(&self) -> Result<Vec<(i64, String, String, bool)>> {
        let mut st = self.conn().prepare_cached(
            "SELECT p.id, p.name, d.generic_name, d.label = 'external' FROM products p JOIN drugs d ON d.product_id = p.id WHERE p.active = 1 ORDER BY p.name",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

impl super::super::Store {
    /// The patient linked to a queue ticket, if any.
    pub fn ticket_patient(&self, ticket_id: i64) -> Result<Option<i64>> {
        Ok(self.conn().query_row("SELECT patient_id FROM tickets WHERE id = ?1", [ticket_id], |r| r.get(0)).optional()?.flatten())
    }
}
