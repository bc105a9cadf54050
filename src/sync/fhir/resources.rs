//! The FHIR R4 resources of a check: the Encounter, one Observation per result, and the
//! transaction Bundle that carries them (POST to create, PUT to update what the server has).

use super::{fhir_time, CkgFacts, ObservationFact, UCUM};
use crate::domain::ckg::Finding;
use crate::sync::codes::{self, LOINC};
use serde_json::{json, Value};
use std::collections::HashMap;

use crate::config::satusehat::encounter_system;

/// What the Bundle needs besides the facts, known at send time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context<'a> {
    pub organization_id: &'a str,
    pub location_id: &'a str,
    pub patient_ihs: &'a str,
    pub patient_name: &'a str,
    pub practitioner_ihs: &'a str,
    pub practitioner_name: &'a str,
}

fn quantity(value: i64, decimals: u32, unit: &str) -> Value {
    let v = if decimals == 0 { json!(value) } else { json!(value as f64 / 10f64.powi(decimals as i32)) };
    json!({ "value": v, "unit": unit, "system": UCUM, "code": unit })
}

fn coding(system: &str, code: &str, display: &str) -> Value {
    json!({ "coding": [{ "system": system, "code": code, "display": display }], "text": display })
}

pub fn encounter(f: &CkgFacts, c: &Context) -> Value {
    let (start, end) = (fhir_time(&f.started), fhir_time(&f.finished));
    // Arrived: from the ticket to the start of the check (no ticket: the check's start).
    let arrived = f.arrived.as_deref().map(fhir_time).unwrap_or_else(|| start.clone());
    json!({
        "resourceType": "Encounter",
        "identifier": [{ "system": encounter_system(c.organization_id), "value": f.encounter_value }],
        "status": "finished",
        "class": { "system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB", "display": "ambulatory" },
        "subject": { "reference": format!("Patient/{}", c.patient_ihs), "display": c.patient_name },
        "participant": [{
            "type": [{ "coding": [{
                "system": "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                "code": "ATND",
                "display": "attender"
            }] }],
            "individual": { "reference": format!("Practitioner/{}", c.practitioner_ihs), "display": c.practitioner_name }
        }],
        "period": { "start": arrived, "end": end },
        "location": [{ "location": { "reference": format!("Location/{}", c.location_id) } }],
        "statusHistory": [
            { "status": "arrived", "period": { "start": arrived, "end": start } },
            { "status": "in-progress", "period": { "start": start, "end": end } },
            { "status": "finished", "period": { "start": end, "end": end } }
        ],
        "serviceProvider": { "reference": format!("Organization/{}", c.organization_id) }
    })
}

fn category(code: &str) -> Value {
    let display = match code {
        "vital-signs" => "Vital Signs",
        "laboratory" => "Laboratory",
        "survey" => "Survey",
        "exam" => "Exam",
        "procedure" => "Procedure",
        "social-history" => "Social History",
        _ => code,
    };
    json!([{ "coding": [{ "system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": code, "display": display }] }])
}

/// One Observation; `encounter_ref` is the Encounter's fullUrl or, in an update, its id.
pub fn observation(f: &CkgFacts, o: &ObservationFact, c: &Context, encounter_ref: &str) -> Option<Value> {
    let (cat, code) = if let Some(m) = codes::measure(&o.code) {
        (if m.laboratory { "laboratory" } else { "vital-signs" }, coding(LOINC, m.code, m.display))
    } else {
        let s = codes::screen(&o.code)?;
        (s.category, coding(s.system, s.code, s.display))
    };
    let mut obs = json!({
        "resourceType": "Observation",
        "status": if o.withdrawn { "entered-in-error" } else if f.version > 1 { "amended" } else { "final" },
        "category": category(cat),
        "code": code,
        "subject": { "reference": format!("Patient/{}", c.patient_ihs), "display": c.patient_name },
        "performer": [{ "reference": format!("Practitioner/{}", c.practitioner_ihs) }],
        "encounter": { "reference": encounter_ref },
        "effectiveDateTime": fhir_time(&f.finished),
        "issued": fhir_time(&f.finished)
    });
    if let Some(finding) = &o.finding {
        match Finding::from_code(finding) {
            Some(Finding::NotDone) | None => {
                obs["dataAbsentReason"] = json!({ "coding": [{
                    "system": "http://terminology.hl7.org/CodeSystem/data-absent-reason",
                    "code": "not-performed",
                    "display": "Not Performed"
                }] });
            }
            Some(f) => {
                let (code, display) = codes::finding_answer(&o.code, f == Finding::Positive);
                obs["valueCodeableConcept"] = coding(codes::SNOMED, code, display);
            }
        }
        return Some(obs);
    }
    let m = codes::measure(&o.code)?;
    match o.code.as_str() {
        "bp" => {
            obs["component"] = json!([
                { "code": coding(LOINC, "8480-6", "Systolic blood pressure"), "valueQuantity": quantity(o.value, 0, m.unit) },
                { "code": coding(LOINC, "8462-4", "Diastolic blood pressure"), "valueQuantity": quantity(o.value2?, 0, m.unit) }
            ]);
        }
        _ => obs["valueQuantity"] = quantity(o.value, m.decimals, m.unit),
    }
    Some(obs)
}

/// The transaction Bundle: the Encounter first, then its Observations. `server_ids` maps the
/// UUIDs of an earlier version to the ids the server gave them (`Encounter/abc`): those resources
/// are updated in place (PUT), the others created (POST).
pub fn ckg_bundle(f: &CkgFacts, c: &Context, server_ids: &HashMap<String, String>) -> Value {
    let entry = |uuid: &str, kind: &str, mut resource: Value| {
        let request = match server_ids.get(uuid) {
            Some(path) => {
                resource["id"] = json!(path.rsplit('/').next().unwrap_or_default());
                json!({ "method": "PUT", "url": path })
            }
            None => {
                // A result new in an amendment is created as final; "amended" is for updates.
                if resource["status"] == "amended" {
                    resource["status"] = json!("final");
                }
                json!({ "method": "POST", "url": kind })
            }
        };
        json!({ "fullUrl": format!("urn:uuid:{uuid}"), "resource": resource, "request": request })
    };
    let encounter_ref = server_ids.get(&f.encounter_uuid).cloned().unwrap_or_else(|| format!("urn:uuid:{}", f.encounter_uuid));
    let mut entries = vec![entry(&f.encounter_uuid, "Encounter", encounter(f, c))];
    for o in &f.observations {
        // A withdrawn result the server never had is left out.
        if o.withdrawn && !server_ids.contains_key(&o.uuid) {
            continue;
        }
        if let Some(obs) = observation(f, o, c, &encounter_ref) {
            entries.push(entry(&o.uuid, "Observation", obs));
        }
    }
    json!({ "resourceType": "Bundle", "type": "transaction", "entry": entries })
}

