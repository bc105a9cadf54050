//! FHIR R4 resources of a consultation (README, "SATUSEHAT resources of a consultation"): the
//! Encounter with its diagnoses, a Condition per ICD-10 diagnosis, an Observation per vital sign
//! (the CKG's codes), a MedicationRequest per prescribed drug (KFA code from the catalog) and a
//! ServiceRequest for a referral, in one transaction Bundle; each dispensing later sends its
//! MedicationDispense resources, pointing at the requests by the ids the server gave them.
//! As with the CKG, the facts are fixed at save time (UUIDs, times) and the Bundle is built at
//! send time with the organization and the patient's and examiner's IHS numbers.

use super::resources::{encounter, observation, Context};
use super::{fhir_time, CkgFacts, ObservationFact, UCUM};
use crate::sync::codes::SNOMED;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::HashMap;

pub const ICD10: &str = "http://hl7.org/fhir/sid/icd-10";
pub const KFA: &str = "http://sys-ids.kemkes.go.id/kfa";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConditionFact {
    pub uuid: String,
    pub code: String,
    pub display: String,
    pub primary: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MedicationFact {
    pub uuid: String,
    pub item_id: i64,
    pub kfa: Option<String>,
    pub name: String,
    pub dose_milli: i64,
    pub dose_unit: String,
    pub per_day: i64,
    pub days: i64,
    /// SNOMED CT route (code, display).
    pub route: (String, String),
    pub qty_milli: i64,
    pub unit: String,
    pub directions: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralFact {
    pub uuid: String,
    pub number: String,
    pub facility_code: String,
    pub facility_name: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DispensedFact {
    pub uuid: String,
    /// The MedicationRequest this line answers (its UUID in the consultation's facts).
    pub request_uuid: String,
    pub kfa: Option<String>,
    pub name: String,
    pub qty_milli: i64,
    pub unit: String,
    pub directions: String,
    pub substitute_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DispenseFact {
    pub dispense_id: i64,
    pub at: String,
    pub lines: Vec<DispensedFact>,
}

/// What the outbox keeps of a consultation (or, with `dispense`, of one dispensing of its
/// prescription).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultFacts {
    pub consultation_id: i64,
    pub patient_id: i64,
    pub examiner_id: Option<i64>,
    pub started: String,
    pub finished: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrived: Option<String>,
    pub encounter_uuid: String,
    pub encounter_value: String,
    pub prescription_no: Option<String>,
    pub conditions: Vec<ConditionFact>,
    pub observations: Vec<ObservationFact>,
    pub medications: Vec<MedicationFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub referral: Option<ReferralFact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dispense: Option<DispenseFact>,
}

impl ConsultFacts {
    /// The CKG-shaped view the shared Encounter and Observation builders read.
    fn as_ckg(&self) -> CkgFacts {
        CkgFacts {
            check_id: self.consultation_id,
            patient_id: self.patient_id,
            examiner_id: self.examiner_id,
            started: self.started.clone(),
            finished: self.finished.clone(),
            arrived: self.arrived.clone(),
            encounter_uuid: self.encounter_uuid.clone(),
            encounter_value: self.encounter_value.clone(),
            observations: self.observations.clone(),
            version: 1,
            amends: false,
        }
    }

    /// The UUIDs of the consultation Bundle's resources, in its order (what `server_ids` answer).
    fn uuids(&self) -> Vec<String> {
        let mut out = vec![self.encounter_uuid.clone()];
        out.extend(self.conditions.iter().map(|c| c.uuid.clone()));
        out.extend(self.observations.iter().filter(|o| super::observation_code(o).is_some()).map(|o| o.uuid.clone()));
        out.extend(self.medications.iter().map(|m| m.uuid.clone()));
        out.extend(self.referral.iter().map(|r| r.uuid.clone()));
        out
    }
}

/// The ids the server gave the consultation's resources, by their UUIDs.
pub fn consult_sent_ids(f: &ConsultFacts, server_ids: &[String]) -> HashMap<String, String> {
    f.uuids().into_iter().zip(server_ids.iter().cloned()).collect()
}

fn milli(v: i64) -> Value {
    if v % 1000 == 0 {
        json!(v / 1000)
    } else {
        json!(v as f64 / 1000.0)
    }
}

fn medication(kfa: &Option<String>, name: &str) -> Value {
    match kfa {
        Some(code) => json!({ "coding": [{ "system": KFA, "code": code, "display": name }], "text": name }),
        None => json!({ "text": name }),
    }
}

fn patient(c: &Context) -> Value {
    json!({ "reference": format!("Patient/{}", c.patient_ihs), "display": c.patient_name })
}

fn entry(uuid: &str, kind: &str, resource: Value) -> Value {
    json!({ "fullUrl": format!("urn:uuid:{uuid}"), "resource": resource, "request": { "method": "POST", "url": kind } })
}

/// The consultation's transaction Bundle.
pub fn consult_bundle(f: &ConsultFacts, c: &Context) -> Value {
    let ckg = f.as_ckg();
    let enc_ref = format!("urn:uuid:{}", f.encounter_uuid);
    let finished = fhir_time(&f.finished);
    let mut enc = encounter(&ckg, c);
    enc["identifier"][0]["value"] = json!(f.encounter_value);
    enc["diagnosis"] = Value::Array(
        f.conditions
            .iter()
            .enumerate()
            .map(|(i, d)| {
                json!({
                    "condition": { "reference": format!("urn:uuid:{}", d.uuid), "display": d.display },
                    "use": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/diagnosis-role", "code": "DD", "display": "Discharge diagnosis" }] },
                    "rank": i + 1
                })
            })
            .collect(),
    );
    let mut entries = vec![entry(&f.encounter_uuid, "Encounter", enc)];
    for d in &f.conditions {
        let cond = json!({
            "resourceType": "Condition",
            "clinicalStatus": { "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active", "display": "Active" }] },
            "category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/condition-category", "code": "encounter-diagnosis", "display": "Encounter Diagnosis" }] }],
            "code": { "coding": [{ "system": ICD10, "code": d.code, "display": d.display }], "text": d.display },
            "subject": patient(c),
            "encounter": { "reference": enc_ref },
            "recordedDate": finished
        });
        entries.push(entry(&d.uuid, "Condition", cond));
    }
    for o in &f.observations {
        if let Some(obs) = observation(&ckg, o, c, &enc_ref) {
            entries.push(entry(&o.uuid, "Observation", obs));
        }
    }
    for m in &f.medications {
        let mut req = json!({
            "resourceType": "MedicationRequest",
            "status": "active",
            "intent": "order",
            "category": [{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/medicationrequest-category", "code": "outpatient", "display": "Outpatient" }] }],
            "medicationCodeableConcept": medication(&m.kfa, &m.name),
            "subject": patient(c),
            "encounter": { "reference": enc_ref },
            "authoredOn": finished,
            "requester": { "reference": format!("Practitioner/{}", c.practitioner_ihs), "display": c.practitioner_name },
            "dosageInstruction": [{
                "sequence": 1,
                "text": m.directions,
                "timing": { "repeat": { "frequency": m.per_day, "period": 1, "periodUnit": "d" } },
                "route": { "coding": [{ "system": SNOMED, "code": m.route.0, "display": m.route.1 }] },
                "doseAndRate": [{ "doseQuantity": { "value": milli(m.dose_milli), "unit": m.dose_unit } }]
            }],
            "dispenseRequest": {
                "expectedSupplyDuration": { "value": m.days, "unit": "days", "system": UCUM, "code": "d" },
                "quantity": { "value": milli(m.qty_milli), "unit": m.unit }
            }
        });
        if let Some(no) = &f.prescription_no {
            req["identifier"] = json!([{ "system": format!("http://sys-ids.kemkes.go.id/prescription/{}", c.organization_id), "use": "official", "value": no }]);
        }
        entries.push(entry(&m.uuid, "MedicationRequest", req));
    }
    if let Some(r) = &f.referral {
        let sr = json!({
            "resourceType": "ServiceRequest",
            "identifier": [{ "system": format!("http://sys-ids.kemkes.go.id/servicerequest/{}", c.organization_id), "value": r.number }],
            "status": "active",
            "intent": "order",
            "category": [{ "coding": [{ "system": SNOMED, "code": "3457005", "display": "Patient referral" }] }],
            "code": { "coding": [{ "system": SNOMED, "code": "3457005", "display": "Patient referral" }], "text": format!("Rujukan ke {}", r.facility_name) },
            "subject": patient(c),
            "encounter": { "reference": enc_ref },
            "authoredOn": finished,
            "requester": { "reference": format!("Practitioner/{}", c.practitioner_ihs), "display": c.practitioner_name },
            "performer": [{ "identifier": { "value": r.facility_code }, "display": r.facility_name }],
            "reasonCode": [{ "text": r.reason }],
            "reasonReference": f.conditions.iter().map(|d| json!({ "reference": format!("urn:uuid:{}", d.uuid) })).collect::<Vec<_>>()
        });
        entries.push(entry(&r.uuid, "ServiceRequest", sr));
    }
    json!({ "resourceType": "Bundle", "type": "transaction", "entry": entries })
}

/// A dispensing's Bundle: one MedicationDispense per line, pointing at the Encounter and the
/// MedicationRequests by the ids the server gave them (`sent`, from the consultation's entry).
/// None when the server ids of the consultation are not known yet.
pub fn dispense_bundle(f: &ConsultFacts, c: &Context, sent: &HashMap<String, String>) -> Option<Value> {
    let d = f.dispense.as_ref()?;
    let encounter = sent.get(&f.encounter_uuid)?;
    let mut entries = Vec::new();
    for l in &d.lines {
        let request = sent.get(&l.request_uuid)?;
        let mut md = json!({
            "resourceType": "MedicationDispense",
            "status": "completed",
            "category": { "coding": [{ "system": "http://terminology.hl7.org/fhir/CodeSystem/medicationdispense-category", "code": "outpatient", "display": "Outpatient" }] },
            "medicationCodeableConcept": medication(&l.kfa, &l.name),
            "subject": patient(c),
            "context": { "reference": encounter },
            "performer": [{ "actor": { "reference": format!("Organization/{}", c.organization_id) } }],
            "location": { "reference": format!("Location/{}", c.location_id) },
            "authorizingPrescription": [{ "reference": request }],
            "quantity": { "value": milli(l.qty_milli), "unit": l.unit },
            "whenHandedOver": fhir_time(&d.at),
            "dosageInstruction": [{ "sequence": 1, "text": l.directions }]
        });
        if let Some(reason) = &l.substitute_reason {
            md["substitution"] = json!({ "wasSubstituted": true, "reason": [{ "text": reason }] });
        }
        entries.push(entry(&l.uuid, "MedicationDispense", md));
    }
    Some(json!({ "resourceType": "Bundle", "type": "transaction", "entry": entries }))
}
