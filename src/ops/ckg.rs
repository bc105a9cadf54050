//! The free health check (CKG): finishing a check stores it with every result line, its SATUSEHAT
//! outbox entry (always, even before SATUSEHAT is configured) and its result slip, in one
//! transaction.

use super::print_in;
use crate::config::Config;
use crate::domain::ckg::Evaluation;
use crate::store::{Actor, Result, Store, StoreError};
use chrono::{DateTime, Utc};

/// What the check is about: who, which age group's checklist, since when.
pub struct CheckFacts<'a> {
    pub patient_id: i64,
    pub patient_name: &'a str,
    pub record_no: &'a str,
    /// The queue ticket of this visit, when one is linked.
    pub ticket_id: Option<i64>,
    pub age_group: &'a str,
    pub started: DateTime<Utc>,
    /// The examiner's name as printed on the slip.
    pub examiner: &'a str,
}

/// Store a finished check; returns its id.
pub fn finish_check(store: &mut Store, config: &Config, actor: &Actor, facts: &CheckFacts, eval: &Evaluation, now: DateTime<Utc>) -> Result<i64> {
    let day = config.site.zone.business_day(now);
    store.write(|tx| {
        let id = crate::store::ckg::save_ckg_in(tx, actor, facts.patient_id, facts.ticket_id, facts.age_group, eval, facts.started, day, now)?;
        let fhir = crate::sync::fhir::ckg_facts(id, facts.patient_id, actor.id, eval, facts.started, now, &mut crate::sync::fhir::new_uuid);
        let payload = serde_json::to_string(&fhir).map_err(|e| StoreError::Payload(e.to_string()))?;
        crate::store::outbox::insert_ckg(tx, id, facts.patient_id, &payload, &fhir.encounter_value, now)?;
        print_in(tx, config, now, || {
            vec![crate::print::jobs::ckg_slip(config, id, facts.patient_name, facts.record_no, facts.examiner, eval, now)]
        })?;
        Ok(id)
    })
}
