//! The SATUSEHAT outbox entries of the examination room, written inside the operation's own
//! transaction from what it has just stored: a consultation's facts (Encounter, Conditions,
//! Observations, MedicationRequests, ServiceRequest), and each dispensing's MedicationDispense
//! facts, which go out once the consultation's resources have their server ids.

use crate::domain::ckg::Evaluation;
use crate::domain::rx::Route;
use crate::store::clinic::consult::saved_in;
use crate::store::clinic::referrals::referral_for_consultation_in;
use crate::store::clinic::rx::prescription_for_consultation_in;
use crate::store::products::product_by_id;
use crate::store::{Result, StoreError, Tx};
use crate::sync::fhir::consult::{ConditionFact, ConsultFacts, DispenseFact, DispensedFact, MedicationFact, ReferralFact};
use crate::sync::fhir::{new_uuid, observation_facts, utc};
use chrono::{DateTime, Utc};

fn payload(f: &ConsultFacts) -> Result<String> {
    serde_json::to_string(f).map_err(|e| StoreError::Payload(e.to_string()))
}

/// The unit of one dose as FHIR gets it (the catalog's form).
fn dose_unit(form: &str) -> String {
    let f = form.to_lowercase();
    if f.contains("sirup") || f.contains("suspensi") || f.contains("tetes") { "mL".into() } else if f.is_empty() { "tablet".into() } else { f }
}

/// The consultation's facts as stored in its transaction.
pub(crate) fn consult_facts(tx: &Tx, consultation_id: i64) -> Result<ConsultFacts> {
    let c = saved_in(tx, consultation_id)?.ok_or(StoreError::Clinic(crate::store::clinic::ClinicRefusal::NoSuchConsultation))?;
    let arrived = match c.ticket_id {
        Some(t) => crate::store::ckg::ticket_times_in(tx, t)?.map(|(taken, _)| taken).filter(|a| *a <= c.started),
        None => None,
    };
    let eval = Evaluation { lines: c.vitals.clone(), ..Default::default() };
    let observations = observation_facts(&eval, &mut |_| new_uuid());
    let conditions = c.diagnoses.iter().map(|(code, name, primary)| {
        let display = crate::domain::icd10::find(code).map(|d| d.name_en.to_string()).unwrap_or_else(|| name.clone());
        ConditionFact { uuid: new_uuid(), code: code.clone(), display, primary: *primary }
    });
    let rx = prescription_for_consultation_in(tx, consultation_id)?;
    let mut medications = Vec::new();
    if let Some(rx) = &rx {
        for i in &rx.items {
            let product = product_by_id(tx, i.product_id)?;
            let drug = product.as_ref().and_then(|p| p.drug.clone());
            let route = Route::snomed(i.order.route);
            medications.push(MedicationFact {
                uuid: new_uuid(),
                item_id: i.id,
                kfa: drug.as_ref().and_then(|d| d.kfa_code.clone()),
                name: format!("{} {}", i.generic_name, i.strength).trim().to_string(),
                dose_milli: i.order.dose_milli,
                dose_unit: dose_unit(drug.as_ref().map(|d| d.form.as_str()).unwrap_or("")),
                per_day: i.order.per_day,
                days: i.order.days,
                route: (route.0.into(), route.1.into()),
                qty_milli: i.qty_milli,
                unit: product.map(|p| p.unit).unwrap_or_default(),
                directions: i.directions.clone(),
            });
        }
    }
    let referral = referral_for_consultation_in(tx, consultation_id)?.map(|r| ReferralFact {
        uuid: new_uuid(),
        number: r.number,
        facility_code: r.facility_code,
        facility_name: r.facility_name,
        reason: r.reason,
    });
    let encounter_uuid = new_uuid();
    Ok(ConsultFacts {
        consultation_id,
        patient_id: c.patient_id,
        examiner_id: Some(c.examiner_id),
        started: utc(c.started),
        finished: utc(c.finished),
        arrived: arrived.map(utc),
        encounter_value: format!("KONS-{consultation_id}-{}", &encounter_uuid[..8]),
        encounter_uuid,
        prescription_no: rx.map(|r| r.number),
        conditions: conditions.collect(),
        observations,
        medications,
        referral,
        dispense: None,
    })
}

/// Queue a finished consultation for SATUSEHAT.
pub(crate) fn queue_consultation(tx: &Tx, consultation_id: i64, now: DateTime<Utc>) -> Result<()> {
    let f = consult_facts(tx, consultation_id)?;
    crate::store::outbox::insert_consultation(tx, consultation_id, f.patient_id, &payload(&f)?, &f.encounter_value, now)?;
    Ok(())
}

/// Queue a dispensing: the consultation's facts (as its entry holds them, so the UUIDs match)
/// with the lines handed out.
pub(crate) fn queue_dispense(tx: &Tx, consultation_id: i64, dispense: &crate::store::clinic::dispense::Dispensed, now: DateTime<Utc>) -> Result<()> {
    let Some(first) = crate::store::outbox::consultation_entry_in(tx, consultation_id)? else { return Ok(()) };
    let mut f: ConsultFacts = serde_json::from_str(&first.payload).map_err(|e| StoreError::Payload(e.to_string()))?;
    let rx = &dispense.prescription;
    let mut lines = Vec::new();
    for l in crate::store::clinic::dispense::lines_in(tx, dispense.id)? {
        let Some(req) = f.medications.iter().find(|m| m.item_id == l.item_id) else { continue };
        let product = product_by_id(tx, l.product_id)?;
        let drug = product.as_ref().and_then(|p| p.drug.clone());
        let item = rx.items.iter().find(|i| i.id == l.item_id);
        lines.push(DispensedFact {
            uuid: new_uuid(),
            request_uuid: req.uuid.clone(),
            kfa: drug.as_ref().and_then(|d| d.kfa_code.clone()),
            name: drug.map(|d| format!("{} {}", d.generic_name, d.strength).trim().to_string()).unwrap_or_default(),
            qty_milli: l.qty_milli,
            unit: product.map(|p| p.unit).unwrap_or_default(),
            directions: item.map(|i| i.directions.clone()).unwrap_or_default(),
            substitute_reason: l.substitute_reason,
        });
    }
    f.dispense = Some(DispenseFact { dispense_id: dispense.id, at: utc(now), lines });
    let value = format!("{}~D{}", f.encounter_value, dispense.id);
    crate::store::outbox::insert_consultation(tx, consultation_id, f.patient_id, &payload(&f)?, &value, now)?;
    Ok(())
}
