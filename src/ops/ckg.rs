//! The free health check (CKG): finishing a check stores it with every result line, its SATUSEHAT
//! outbox entry (always, even before SATUSEHAT is configured) and its result slip, in one
//! transaction. Amending a check keeps the earlier version in its history and sends the change as
//! an update of the same resources. Values impossible for the person's age are refused here, so
//! neither front end can store them.

use super::print_in;
use crate::config::Config;
use crate::domain::ckg::{evaluate, impossible_values, Entries, Evaluation, Subject};
use crate::store::ckg::{CkgRefusal, SavedCheck};
use crate::store::{Actor, Result, Store, StoreError, Tx};
use crate::sync::fhir::{self, CkgFacts};
use chrono::{DateTime, Utc};

/// What the check is about: who, their age group and sex, since when.
pub struct CheckFacts<'a> {
    pub patient_id: i64,
    pub patient_name: &'a str,
    pub record_no: &'a str,
    /// The queue ticket of this visit, when one is linked.
    pub ticket_id: Option<i64>,
    pub subject: Subject,
    pub started: DateTime<Utc>,
    /// The examiner's name as printed on the slip.
    pub examiner: &'a str,
}

fn refuse_impossible(subject: &Subject, entries: &Entries) -> Result<()> {
    let bad = impossible_values(&entries.measures, subject.group);
    if bad.is_empty() {
        Ok(())
    } else {
        Err(StoreError::Ckg(CkgRefusal::Impossible(bad)))
    }
}

/// Store a finished check; returns its id.
pub fn finish_check(store: &mut Store, config: &Config, actor: &Actor, facts: &CheckFacts, entries: &Entries, now: DateTime<Utc>) -> Result<i64> {
    refuse_impossible(&facts.subject, entries)?;
    let eval = evaluate(&facts.subject, entries, config.patients.bmi_set);
    let day = config.site.zone.business_day(now);
    store.write(|tx| {
        let group = facts.subject.group.code();
        let id = crate::store::ckg::save_ckg_in(tx, actor, facts.patient_id, facts.ticket_id, group, &eval, facts.started, day, now)?;
        // The person arrived when they took their ticket (the Encounter's "arrived" period).
        let arrived = match facts.ticket_id {
            Some(t) => crate::store::ckg::ticket_times_in(tx, t)?.map(|(taken, _)| taken),
            None => None,
        };
        let fhir = fhir::ckg_facts(id, facts.patient_id, actor.id, &eval, facts.started, now, arrived, &mut fhir::new_uuid);
        let payload = serde_json::to_string(&fhir).map_err(|e| StoreError::Payload(e.to_string()))?;
        crate::store::outbox::insert_ckg(tx, id, facts.patient_id, &payload, &fhir.encounter_value, now)?;
        print_in(tx, config, now, || {
            vec![crate::print::jobs::ckg_slip(config, id, facts.patient_name, facts.record_no, facts.examiner, &eval, now)]
        })?;
        Ok(id)
    })
}

/// Amend a saved check with a reason: the new values replace the old (kept in the history), and
/// SATUSEHAT gets the change: an entry not yet sent is rewritten, one already sent (or perhaps
/// sent) is followed by an update of the same resources. Returns the check as now stored.
#[allow(clippy::too_many_arguments)]
pub fn amend_check(
    store: &mut Store,
    config: &Config,
    actor: &Actor,
    check_id: i64,
    subject: &Subject,
    entries: &Entries,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<SavedCheck> {
    refuse_impossible(subject, entries)?;
    if reason.trim().is_empty() {
        return Err(StoreError::Ckg(CkgRefusal::ReasonRequired));
    }
    let eval = evaluate(subject, entries, config.patients.bmi_set);
    store.write(|tx| {
        let version = crate::store::ckg::amend_ckg_in(tx, actor, check_id, &eval, reason, now)?;
        queue_amendment(tx, check_id, &eval, version, now)?;
        crate::store::ckg::saved_check_in(tx, check_id)?.ok_or(StoreError::Ckg(CkgRefusal::NoSuchCheck(check_id)))
    })
}

fn queue_amendment(tx: &Tx, check_id: i64, eval: &Evaluation, version: i64, now: DateTime<Utc>) -> Result<()> {
    let Some(latest) = crate::store::outbox::latest_for_check_in(tx, check_id)? else {
        return Ok(());
    };
    let prev: CkgFacts = serde_json::from_str(&latest.payload).map_err(|e| StoreError::Payload(e.to_string()))?;
    let unsent = latest.status != crate::store::outbox::OutboxStatus::Sent && !latest.in_doubt;
    let facts = fhir::amended_facts(&prev, eval, version, if unsent { prev.amends } else { true }, &mut fhir::new_uuid);
    let payload = serde_json::to_string(&facts).map_err(|e| StoreError::Payload(e.to_string()))?;
    if unsent && crate::store::outbox::rewrite_unsent_in(tx, latest.id, &payload)? {
        return Ok(());
    }
    // The outbox column is unique per entry; the Encounter keeps its identifier in the payload.
    let entry_value = format!("{}~v{version}", facts.encounter_value);
    crate::store::outbox::insert_ckg(tx, check_id, latest.patient_id.unwrap_or_default(), &payload, &entry_value, now)?;
    Ok(())
}

/// Print the result slip of a saved check again (its current version).
#[allow(clippy::too_many_arguments)]
pub fn reprint_slip(
    store: &mut Store,
    config: &Config,
    actor: &Actor,
    check_id: i64,
    patient_name: &str,
    record_no: &str,
    examiner: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    store.write(|tx| {
        let saved = crate::store::ckg::saved_check_in(tx, check_id)?.ok_or(StoreError::Ckg(CkgRefusal::NoSuchCheck(check_id)))?;
        let eval = Evaluation { lines: saved.lines.clone(), referral: saved.referral, ..Default::default() };
        print_in(tx, config, now, || {
            vec![crate::print::jobs::ckg_slip(config, check_id, patient_name, record_no, examiner, &eval, saved.finished)]
        })?;
        crate::store::audit::append(tx, actor, "ckg-reprint", "ckg_checks", Some(check_id), &format!("version {}", saved.version), now)?;
        Ok(())
    })
}

/// Print the CKG register of the days from..=to; returns how many checks it lists (nothing is
/// stored without a printer).
pub fn print_register(store: &mut Store, config: &Config, actor: &Actor, from: chrono::NaiveDate, to: chrono::NaiveDate, now: DateTime<Utc>) -> Result<usize> {
    store.write(|tx| {
        let rows = crate::store::ckg::ckg_register_in(tx, from, to)?;
        print_in(tx, config, now, || vec![crate::print::register::ckg_register(config, from, to, &rows, now)])?;
        crate::store::audit::append(tx, actor, "ckg-register-print", "ckg_checks", None, &format!("{from}..{to}: {} checks", rows.len()), now)?;
        Ok(rows.len())
    })
}
