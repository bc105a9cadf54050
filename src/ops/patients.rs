//! People at the counter: registering and editing a patient record (identifiers unique, a
//! similar record warns first), merging two records of one person, linking the ticket in
//! service to the patient.

use crate::config::Config;
use crate::domain::patient::PatientFields;
use crate::store::patients::{Patient, Taken};
use crate::store::{Actor, Result, Store};
use chrono::{DateTime, Utc};

/// What saving a patient form came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    Saved(Patient),
    /// An identifier (NIK, BPJS, record or member number) belongs to someone else.
    Taken(Taken),
    /// Records with the same name and birth date exist; saving again with `force` goes ahead.
    Similar(Vec<Patient>),
}

/// Register a new patient (`edit` None) or save an edit, checking identifiers first and, for a
/// new registration, warning about similar records unless `force`.
pub fn save(store: &mut Store, config: &Config, actor: &Actor, fields: &PatientFields, edit: Option<i64>, force: bool, now: DateTime<Utc>) -> Result<Saved> {
    // A taken identifier is an error beside its field, before any similarity warning.
    if let Some(t) = store.identifier_taken(fields, edit)? {
        return Ok(Saved::Taken(t));
    }
    // Similar records warn when registering; an edit of a known record does not.
    if !force && edit.is_none() {
        if let Some(birth) = fields.birth_date {
            let similar = store.similar_patients(&fields.name, birth, edit)?;
            if !similar.is_empty() {
                return Ok(Saved::Similar(similar));
            }
        }
    }
    let p = &config.patients;
    let result = match edit {
        Some(id) => store.update_patient(actor, id, fields, now)?,
        None => store.register_patient(actor, fields, &p.rm_prefix, p.rm_digits, now)?,
    };
    Ok(match result {
        Ok(patient) => Saved::Saved(patient),
        Err(taken) => Saved::Taken(taken),
    })
}

/// Merge `remove` into `keep` (a supervisor's decision, confirmed on screen).
pub fn merge(store: &mut Store, actor: &Actor, keep: i64, remove: i64, now: DateTime<Utc>) -> Result<()> {
    store.merge_patients(actor, keep, remove, now)
}

/// Link the ticket in service at this terminal's counter to the patient; returns its label.
pub fn link_ticket(store: &mut Store, config: &Config, actor: &Actor, patient: i64, now: DateTime<Utc>) -> Result<Option<String>> {
    let Some(counter) = super::queue::this_counter(config) else { return Ok(None) };
    let Some(ticket) = super::queue::view(store, config, counter, now)?.current else { return Ok(None) };
    store.link_ticket(actor, ticket.id, patient, now)?;
    Ok(Some(ticket.label()))
}

/// The ticket in service at this counter, if it is this patient's visit (a CKG check links it).
pub fn visit_ticket(store: &Store, config: &Config, patient_name: &str, now: DateTime<Utc>) -> Option<i64> {
    let counter = super::queue::this_counter(config)?;
    super::queue::view(store, config, counter, now).ok()?.current.filter(|t| t.patient_name.as_deref() == Some(patient_name)).map(|t| t.id)
}

