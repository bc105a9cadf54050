//! The examination room and the pharmacy behind it: health workers (profession and licence),
//! allergies on the patient's record, consultations with their vital signs and diagnoses
//! (`consult.rs`), e-prescriptions (`rx.rs`), dispensing (`dispense.rs`), referral letters and
//! their answers (`referrals.rs`), the supervisor's figures (`figures.rs`). Each writer works
//! inside the caller's transaction (`ops::clinic` opens it) and appends its audit entry.

pub mod consult;
pub mod dispense;
pub mod figures;
pub mod referrals;
pub mod rx;

use super::audit::{append, Actor};
use super::{ts, Result, StoreError};
use crate::domain::ckg::{Measure, Range};
use crate::domain::consult::{DiagnosisError, Profession};
use crate::domain::rx::OrderError;
use crate::domain::user::Role;
use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};

/// Why a consultation, prescription, dispensing or referral was refused; nothing was saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClinicRefusal {
    /// Only an examiner with a profession and licence opens a consultation.
    NotExaminer,
    /// Only the pharmacy dispenses.
    NotPharmacy,
    NoComplaint,
    Diagnosis(DiagnosisError),
    /// Values impossible for the person's age (the CKG's ranges).
    Vitals(Vec<(Measure, Range)>),
    FollowUpDate,
    /// The outcome says prescription but no drug was written (or drugs without that outcome).
    PrescriptionOutcome,
    /// Line n (from 1) of the prescription.
    Order { line: usize, drug: String, error: OrderError },
    NotADrug(String),
    /// Not enough sellable stock; `instead` names products of the same generic drug in stock.
    OutOfStock { drug: String, wanted: i64, available: i64, instead: Vec<String> },
    NoSuchPrescription,
    NoSuchPatient,
    NoSuchConsultation,
    NoSuchReferral,
    /// More than is still owed on this line.
    MoreThanPrescribed { drug: String, owed: i64 },
    /// A substitute needs a reason.
    SubstituteReason(String),
    NothingToDispense,
    UnknownFacility(String),
    ReasonRequired,
    BadLicence,
}

/// What the examiner sees of one line before sending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineCheck {
    pub product_id: i64,
    pub name: String,
    pub generic: String,
    pub strength: String,
    /// In milli-units of the unit sold.
    pub qty_milli: i64,
    pub unit: String,
    pub directions: String,
    pub warnings: Vec<crate::domain::rx::Warning>,
    /// Sellable stock now.
    pub available: i64,
    /// Products of the same generic drug in stock: (id, name, stock).
    pub instead: Vec<(i64, String, i64)>,
    /// Why the line cannot be sent as it is.
    pub problem: Option<ClinicRefusal>,
}

pub(crate) fn refuse<T>(r: ClinicRefusal) -> Result<T> {
    Err(StoreError::Clinic(r))
}

/// An examiner as the consultation, the slip and SATUSEHAT name them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Examiner {
    pub user_id: i64,
    pub name: String,
    pub profession: Profession,
    pub licence_no: String,
    pub nik: Option<String>,
}

fn examiner(conn: &Connection, user_id: i64) -> Result<Option<Examiner>> {
    let row = conn
        .query_row(
            "SELECT u.name, u.full_name, u.role, u.disabled, u.practitioner_nik, h.profession, h.licence_no
             FROM users u JOIN health_workers h ON h.user_id = u.id
             WHERE u.id = ?1 ORDER BY h.id DESC LIMIT 1",
            [user_id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ))
            },
        )
        .optional()?;
    Ok(row.and_then(|(name, full, role, disabled, nik, profession, licence_no)| {
        (role == Role::Examiner.code() && disabled == 0).then_some(())?;
        Some(Examiner { user_id, name: if full.is_empty() { name } else { full }, profession: Profession::parse(&profession)?, licence_no, nik })
    }))
}

/// The examiner behind a user, inside a transaction: None unless the user has the examiner role,
/// is enabled and has a profession and licence on record.
pub fn examiner_in(tx: &Transaction, user_id: i64) -> Result<Option<Examiner>> {
    examiner(tx, user_id)
}

/// Record a user's profession and licence (an admin's job): a new row, the latest counts.
pub fn set_health_worker_in(tx: &Transaction, actor: &Actor, user_id: i64, profession: Profession, licence_no: &str, now: DateTime<Utc>) -> Result<i64> {
    if !crate::domain::consult::check_licence(licence_no) {
        return refuse(ClinicRefusal::BadLicence);
    }
    tx.execute(
        "INSERT INTO health_workers(user_id, profession, licence_no, at, set_by) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![user_id, profession.code(), licence_no.trim(), ts(now), actor.id],
    )?;
    let id = tx.last_insert_rowid();
    append(tx, actor, "health-worker-set", "health_workers", Some(id), &format!("user {user_id}: {} {}", profession.code(), licence_no.trim()), now)?;
    Ok(id)
}

/// Add an allergy to the patient's record (within the caller's transaction).
pub fn add_allergy_in(tx: &Transaction, actor: &Actor, patient_id: i64, substance: &str, now: DateTime<Utc>) -> Result<()> {
    let s = substance.trim();
    if s.is_empty() {
        return Ok(());
    }
    let known: bool = tx.query_row(
        "SELECT count(*) > 0 FROM patient_allergies WHERE patient_id = ?1 AND lower(substance) = lower(?2) AND removed = 0",
        params![patient_id, s],
        |r| r.get(0),
    )?;
    if !known {
        tx.execute("INSERT INTO patient_allergies(patient_id, substance, at, user_id) VALUES (?1, ?2, ?3, ?4)", params![patient_id, s, ts(now), actor.id])?;
        append(tx, actor, "allergy-add", "patient_allergies", Some(tx.last_insert_rowid()), &format!("patient {patient_id}: {s}"), now)?;
    }
    Ok(())
}

pub(crate) fn allergies(conn: &Connection, patient_id: i64) -> Result<Vec<String>> {
    let mut st = conn.prepare_cached(
        "SELECT substance FROM patient_allergies a WHERE patient_id = ?1 AND removed = 0
         AND NOT EXISTS (SELECT 1 FROM patient_allergies b WHERE b.patient_id = a.patient_id AND lower(b.substance) = lower(a.substance) AND b.removed = 1 AND b.id > a.id)
         ORDER BY id",
    )?;
    let rows = st.query_map([patient_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
}

impl super::Store {
    /// The examiner behind a user (None: not an examiner, or no licence on record).
    pub fn examiner(&self, user_id: i64) -> Result<Option<Examiner>> {
        examiner(self.conn(), user_id)
    }

    /// The allergies on a patient's record.
    pub fn allergies(&self, patient_id: i64) -> Result<Vec<String>> {
        allergies(self.conn(), patient_id)
    }

    pub fn set_health_worker(&mut self, actor: &Actor, name: &str, profession: Profession, licence_no: &str, now: DateTime<Utc>) -> Result<()> {
        let user = self.user(name)?.ok_or_else(|| StoreError::NoSuchUser(name.to_string()))?;
        self.write(|tx| set_health_worker_in(tx, actor, user.id, profession, licence_no, now).map(|_| ()))
    }
}

#[cfg(test)]
mod tests {
    /// Migration 24 widened two CHECK lists in place: the new values are accepted, others still
    /// refused, and the database is whole.
    #[test]
    fn the_widened_checks_accept_the_new_values_only() {
        let (_d, store) = crate::store::testutil::temp_store();
        let c = store.conn();
        let add = |role: &str| c.execute("INSERT INTO users(name, role, pin_hash, created_at) VALUES (?1, ?1, 'x', '2026-01-01T00:00:00Z')", [role]);
        assert!(add("examiner").is_ok());
        assert!(add("dukun").is_err());
        let outbox = |kind: &str| c.execute("INSERT INTO outbox(kind, payload, encounter_value, created_at) VALUES (?1, '{}', ?1, '2026-01-01T00:00:00Z')", [kind]);
        assert!(outbox("consultation").is_ok());
        assert!(outbox("invoice").is_err());
        let ok: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(ok, "ok");
    }
}
