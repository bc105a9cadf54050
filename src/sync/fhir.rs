//! FHIR R4 resources for a finished CKG check: a transaction Bundle of one Encounter and one
//! Observation per measurement, with `urn:uuid` references between them.
//!
//! Two steps, because some of what the Bundle needs is unknown when the check is saved:
//! [`ckg_facts`] records the check (values, times, fixed UUIDs) in the outbox row at save time;
//! [`ckg_bundle`] turns those facts plus the send-time context (organization, location, the
//! patient's and the examiner's IHS numbers) into the Bundle. The same facts always give the same
//! Bundle, so a re-send carries the same Encounter identifier.

use crate::domain::ckg::Evaluation;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

pub const NIK_SYSTEM: &str = "https://fhir.kemkes.go.id/id/nik";
pub const LOINC: &str = "http://loinc.org";
pub const UCUM: &str = "http://unitsofmeasure.org";

pub use crate::config::satusehat::encounter_system;

/// What the outbox keeps about a check: enough to build its Bundle at any later time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CkgFacts {
    pub check_id: i64,
    pub patient_id: i64,
    pub examiner_id: Option<i64>,
    /// UTC, RFC 3339.
    pub started: String,
    pub finished: String,
    pub encounter_uuid: String,
    /// The Encounter identifier value (unique per entry; finds a copy the server already has).
    pub encounter_value: String,
    pub observations: Vec<ObservationFact>,
}

/// One Observation: a measure code (`weight`, `bmi`, `bp` ...) and its stored values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObservationFact {
    pub uuid: String,
    pub code: String,
    /// The value at its stored scale (tenths for decimals); for `bp` the systolic.
    pub value: i64,
    /// For `bp`: the diastolic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value2: Option<i64>,
}

/// A measure's LOINC code and name, UCUM unit, stored decimals, and whether it is a lab value.
struct Loinc {
    code: &'static str,
    display: &'static str,
    unit: &'static str,
    decimals: u32,
    laboratory: bool,
}

fn loinc(code: &str) -> Option<Loinc> {
    let l = |code, display, unit, decimals, laboratory| Some(Loinc { code, display, unit, decimals, laboratory });
    match code {
        "weight" => l("29463-7", "Body weight", "kg", 1, false),
        "height" => l("8302-2", "Body height", "cm", 1, false),
        "waist" => l("8280-0", "Waist Circumference at umbilicus by Tape measure", "cm", 1, false),
        "bmi" => l("39156-5", "Body mass index (BMI) [Ratio]", "kg/m2", 1, false),
        "heart_rate" => l("8867-4", "Heart rate", "/min", 0, false),
        "temperature" => l("8310-5", "Body temperature", "Cel", 1, false),
        // Glucose and cholesterol are laboratory values (category laboratory), not vital signs.
        "glucose" => l("2339-0", "Glucose [Mass/volume] in Blood", "mg/dL", 0, true),
        "cholesterol" => l("2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", "mg/dL", 0, true),
        "bp" => l("85354-9", "Blood pressure panel with all children optional", "mm[Hg]", 0, false),
        _ => None,
    }
}

/// A random (version 4) UUID from the operating system's generator.
pub fn new_uuid() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut b = [0u8; 16];
    OsRng.fill_bytes(&mut b);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
}

/// The facts of a finished check, with fresh UUIDs. Screenings (findings without a value) are
/// not sent: SATUSEHAT gets the measurements.
pub fn ckg_facts(
    check_id: i64,
    patient_id: i64,
    examiner_id: Option<i64>,
    eval: &Evaluation,
    started: DateTime<Utc>,
    finished: DateTime<Utc>,
    uuid: &mut dyn FnMut() -> String,
) -> CkgFacts {
    let value = |code: &str| eval.lines.iter().find(|l| l.code == code).and_then(|l| l.value);
    let mut observations = Vec::new();
    for line in &eval.lines {
        let Some(v) = line.value else { continue };
        match line.code.as_str() {
            "systolic" | "diastolic" => {}
            code if loinc(code).is_some() => observations.push(ObservationFact { uuid: uuid(), code: code.to_string(), value: v, value2: None }),
            _ => {}
        }
    }
    if let (Some(s), Some(d)) = (value("systolic"), value("diastolic")) {
        observations.push(ObservationFact { uuid: uuid(), code: "bp".into(), value: s, value2: Some(d) });
    }
    let encounter_uuid = uuid();
    CkgFacts {
        check_id,
        patient_id,
        examiner_id,
        started: utc(started),
        finished: utc(finished),
        encounter_value: format!("CKG-{check_id}-{}", &encounter_uuid[..8]),
        encounter_uuid,
        observations,
    }
}

/// FHIR dateTime in UTC with an explicit `+00:00`, as SATUSEHAT asks.
pub fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S+00:00").to_string()
}

/// Re-format a stored RFC 3339 time as [`utc`] (stored facts are already in that form).
fn fhir_time(s: &str) -> String {
    crate::store::parse_ts(s).map(utc).unwrap_or_else(|| s.to_string())
}

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

fn coding(code: &str, display: &str) -> Value {
    json!({ "coding": [{ "system": LOINC, "code": code, "display": display }] })
}

pub fn encounter(f: &CkgFacts, c: &Context) -> Value {
    let (start, end) = (fhir_time(&f.started), fhir_time(&f.finished));
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
        "period": { "start": start, "end": end },
        "location": [{ "location": { "reference": format!("Location/{}", c.location_id) } }],
        "statusHistory": [
            { "status": "arrived", "period": { "start": start, "end": start } },
            { "status": "in-progress", "period": { "start": start, "end": end } },
            { "status": "finished", "period": { "start": end, "end": end } }
        ],
        "serviceProvider": { "reference": format!("Organization/{}", c.organization_id) }
    })
}

pub fn observation(f: &CkgFacts, o: &ObservationFact, c: &Context) -> Option<Value> {
    let l = loinc(&o.code)?;
    let category = if l.laboratory { ("laboratory", "Laboratory") } else { ("vital-signs", "Vital Signs") };
    let mut obs = json!({
        "resourceType": "Observation",
        "status": "final",
        "category": [{ "coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": category.0,
            "display": category.1
        }] }],
        "code": coding(l.code, l.display),
        "subject": { "reference": format!("Patient/{}", c.patient_ihs), "display": c.patient_name },
        "performer": [{ "reference": format!("Practitioner/{}", c.practitioner_ihs) }],
        "encounter": { "reference": format!("urn:uuid:{}", f.encounter_uuid) },
        "effectiveDateTime": fhir_time(&f.finished),
        "issued": fhir_time(&f.finished)
    });
    match o.code.as_str() {
        "bp" => {
            obs["component"] = json!([
                { "code": coding("8480-6", "Systolic blood pressure"), "valueQuantity": quantity(o.value, 0, l.unit) },
                { "code": coding("8462-4", "Diastolic blood pressure"), "valueQuantity": quantity(o.value2?, 0, l.unit) }
            ]);
        }
        _ => obs["valueQuantity"] = quantity(o.value, l.decimals, l.unit),
    }
    Some(obs)
}

/// The transaction Bundle: the Encounter first, then its Observations.
pub fn ckg_bundle(f: &CkgFacts, c: &Context) -> Value {
    let mut entries = vec![json!({
        "fullUrl": format!("urn:uuid:{}", f.encounter_uuid),
        "resource": encounter(f, c),
        "request": { "method": "POST", "url": "Encounter" }
    })];
    for o in &f.observations {
        if let Some(obs) = observation(f, o, c) {
            entries.push(json!({
                "fullUrl": format!("urn:uuid:{}", o.uuid),
                "resource": obs,
                "request": { "method": "POST", "url": "Observation" }
            }));
        }
    }
    json!({ "resourceType": "Bundle", "type": "transaction", "entry": entries })
}

/// The server's message in an OperationOutcome: each issue's diagnostics or details text.
pub fn outcome_message(body: &str) -> Option<String> {
    let v: Value = serde_json::from_str(body).ok()?;
    if v["resourceType"] != "OperationOutcome" {
        return None;
    }
    let parts: Vec<String> = v["issue"]
        .as_array()?
        .iter()
        .filter_map(|i| {
            i["diagnostics"].as_str().or_else(|| i["details"]["text"].as_str()).or_else(|| i["code"].as_str()).map(str::to_string)
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// The ids a transaction-response Bundle gives back: `Encounter/abc`, `Observation/def` ...
pub fn response_ids(body: &Value) -> Option<Vec<String>> {
    if body["resourceType"] != "Bundle" {
        return None;
    }
    let mut ids = Vec::new();
    for e in body["entry"].as_array()? {
        let r = &e["response"];
        if let Some(loc) = r["location"].as_str() {
            // "Encounter/abc/_history/1" or a full URL ending in it.
            let parts: Vec<&str> = loc.split('/').collect();
            let at = parts.iter().rposition(|p| *p == "_history").unwrap_or(parts.len());
            if at >= 2 {
                ids.push(format!("{}/{}", parts[at - 2], parts[at - 1]));
                continue;
            }
        }
        match (r["resourceType"].as_str(), r["resourceID"].as_str()) {
            (Some(t), Some(id)) => ids.push(format!("{t}/{id}")),
            _ => return None,
        }
    }
    Some(ids)
}

/// The id of the first resource in a searchset Bundle, if any.
pub fn first_search_id(body: &Value) -> Option<String> {
    body["entry"].as_array()?.iter().find_map(|e| e["resource"]["id"].as_str().map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ckg::{evaluate, AgeGroup, Measure};
    use chrono::TimeZone;

    fn facts() -> CkgFacts {
        let eval = evaluate(
            &[(Measure::Weight, 655), (Measure::Height, 1603), (Measure::Systolic, 150), (Measure::Diastolic, 95), (Measure::Temperature, 366)],
            &[("tb", crate::domain::ckg::Finding::Normal)],
            AgeGroup::Adult,
            45,
            false,
        );
        let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 2, 15, 0).unwrap();
        let mut n = 0;
        ckg_facts(7, 3, Some(2), &eval, t0, t0 + chrono::Duration::minutes(9), &mut || {
            n += 1;
            format!("00000000-0000-4000-8000-{n:012}")
        })
    }

    fn ctx() -> Context<'static> {
        Context { organization_id: "100026342", location_id: "loc-1", patient_ihs: "P02478375538", patient_name: "Siti", practitioner_ihs: "N10000001", practitioner_name: "Bidan Ani" }
    }

    #[test]
    fn the_bundle_has_an_encounter_and_one_observation_per_measurement() {
        let f = facts();
        assert!(uuid_like(&new_uuid()));
        let b = ckg_bundle(&f, &ctx());
        let entries = b["entry"].as_array().unwrap();
        // weight, height, temperature, bmi, bp panel
        assert_eq!(entries.len(), 6);
        let enc = &entries[0]["resource"];
        assert_eq!(enc["class"]["code"], "AMB");
        assert_eq!(enc["identifier"][0]["system"], "http://sys-ids.kemkes.go.id/encounter/100026342");
        assert_eq!(enc["period"]["start"], "2026-11-23T02:15:00+00:00");
        let statuses: Vec<&str> = enc["statusHistory"].as_array().unwrap().iter().map(|s| s["status"].as_str().unwrap()).collect();
        assert_eq!(statuses, ["arrived", "in-progress", "finished"]);
        let weight = entries.iter().find(|e| e["resource"]["code"]["coding"][0]["code"] == "29463-7").unwrap();
        assert_eq!(weight["resource"]["valueQuantity"]["value"], json!(65.5));
        assert_eq!(weight["resource"]["encounter"]["reference"], entries[0]["fullUrl"]);
        let bp = entries.iter().find(|e| e["resource"]["code"]["coding"][0]["code"] == "85354-9").unwrap();
        assert_eq!(bp["resource"]["component"][1]["valueQuantity"]["value"], json!(95));
        assert_eq!(bp["resource"]["component"][0]["valueQuantity"]["code"], "mm[Hg]");
        let bmi = entries.iter().find(|e| e["resource"]["code"]["coding"][0]["code"] == "39156-5").unwrap();
        assert_eq!(bmi["resource"]["valueQuantity"]["value"], json!(25.5));
        // The same facts give the same Bundle.
        assert_eq!(ckg_bundle(&f, &ctx()), b);
    }

    fn uuid_like(s: &str) -> bool {
        s.len() == 36 && s.as_bytes()[14] == b'4' && s.chars().filter(|c| *c == '-').count() == 4
    }

    #[test]
    fn server_answers_are_read() {
        let oo = r#"{"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"invalid","details":{"text":"Patient not found"}}]}"#;
        assert_eq!(outcome_message(oo).as_deref(), Some("Patient not found"));
        assert_eq!(outcome_message("<html>"), None);
        let resp = json!({"resourceType":"Bundle","type":"transaction-response","entry":[
            {"response":{"status":"201 Created","location":"Encounter/abc/_history/1"}},
            {"response":{"status":"201 Created","resourceType":"Observation","resourceID":"def"}}]});
        assert_eq!(response_ids(&resp).unwrap(), ["Encounter/abc", "Observation/def"]);
        assert_eq!(first_search_id(&json!({"entry":[{"resource":{"id":"P1"}}]})).as_deref(), Some("P1"));
        assert_eq!(first_search_id(&json!({"total":0})), None);
    }
}
