//! FHIR R4 resources for a finished CKG check: a transaction Bundle of one Encounter and one
//! Observation per measurement and per screening answer, with `urn:uuid` references between them.
//!
//! Two steps, because some of what the Bundle needs is unknown when the check is saved:
//! [`ckg_facts`] records the check (values, times, fixed UUIDs) in the outbox row at save time;
//! [`ckg_bundle`] turns those facts plus the send-time context (organization, location, the
//! patient's and the examiner's IHS numbers) into the Bundle. The same facts always give the same
//! Bundle, so a re-send carries the same Encounter identifier. An amendment keeps the Encounter's
//! identifier and every UUID ([`amended_facts`]); once the first version is on the server, the
//! amendment's Bundle updates (PUT) the resources it created, by the ids the server gave.

use super::codes::{self, LOINC};
use crate::domain::ckg::{Evaluation, Finding, FASTED};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::HashMap;

pub const NIK_SYSTEM: &str = "https://fhir.kemkes.go.id/id/nik";
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
    /// When the person arrived: the linked queue ticket's time; None without a ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrived: Option<String>,
    pub encounter_uuid: String,
    /// The Encounter identifier value (unique per check; finds a copy the server already has).
    pub encounter_value: String,
    pub observations: Vec<ObservationFact>,
    /// 1 for the check as first saved; each amendment adds one.
    #[serde(default = "first_version")]
    pub version: i64,
    /// Sent as an update of what an earlier entry of the same check created.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub amends: bool,
}

fn first_version() -> i64 {
    1
}

/// One Observation: a measure code (`weight`, `bmi`, `bp`, `glucose_fasting` ...) and its
/// stored values, or a screening (`tb`, `smoking` ...) and its finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObservationFact {
    pub uuid: String,
    pub code: String,
    /// The value at its stored scale (tenths for decimals); for `bp` the systolic; 0 for a screening.
    #[serde(default)]
    pub value: i64,
    /// For `bp`: the diastolic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value2: Option<i64>,
    /// For a screening: `normal`, `positive` or `not_done`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finding: Option<String>,
    /// In an amendment: a result that is no longer part of the check (sent as entered-in-error).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub withdrawn: bool,
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

/// The Observations of an evaluation: each measurement (blood pressure as one panel; glucose
/// under the code of its fasting state), BMI, and each screening answer. `uuid_for` gives the
/// UUID of a code (a fresh one, or the one an earlier version used).
fn observation_facts(eval: &Evaluation, uuid_for: &mut dyn FnMut(&str) -> String) -> Vec<ObservationFact> {
    let value = |code: &str| eval.lines.iter().find(|l| l.code == code).and_then(|l| l.value);
    let fasted = value(FASTED) == Some(1);
    let mut observations = Vec::new();
    let mut fact = |code: &str, value: i64, value2: Option<i64>, finding: Option<String>| ObservationFact {
        uuid: uuid_for(code),
        code: code.to_string(),
        value,
        value2,
        finding,
        withdrawn: false,
    };
    for line in &eval.lines {
        match (line.code.as_str(), line.value, line.finding) {
            ("systolic" | "diastolic" | FASTED, _, _) => {}
            ("glucose", Some(v), _) => observations.push(fact(if fasted { "glucose_fasting" } else { "glucose" }, v, None, None)),
            (code, Some(v), _) if codes::measure(code).is_some() => observations.push(fact(code, v, None, None)),
            (code, None, Some(f)) if codes::screen(code).is_some() => observations.push(fact(code, 0, None, Some(f.code().to_string()))),
            _ => {}
        }
    }
    if let (Some(s), Some(d)) = (value("systolic"), value("diastolic")) {
        observations.push(fact("bp", s, Some(d), None));
    }
    observations
}

/// The facts of a finished check, with fresh UUIDs. `arrived` is when the person took their
/// queue ticket, if one is linked.
#[allow(clippy::too_many_arguments)]
pub fn ckg_facts(
    check_id: i64,
    patient_id: i64,
    examiner_id: Option<i64>,
    eval: &Evaluation,
    started: DateTime<Utc>,
    finished: DateTime<Utc>,
    arrived: Option<DateTime<Utc>>,
    uuid: &mut dyn FnMut() -> String,
) -> CkgFacts {
    let observations = observation_facts(eval, &mut |_| uuid());
    let encounter_uuid = uuid();
    CkgFacts {
        check_id,
        patient_id,
        examiner_id,
        started: utc(started),
        finished: utc(finished),
        arrived: arrived.filter(|a| *a <= started).map(utc),
        encounter_value: format!("CKG-{check_id}-{}", &encounter_uuid[..8]),
        encounter_uuid,
        observations,
        version: 1,
        amends: false,
    }
}

/// The facts of an amended check: the same Encounter identifier and UUIDs as `prev` for the
/// same results, fresh UUIDs for new ones. With `on_server` (the earlier version has reached
/// SATUSEHAT) results no longer present are kept as withdrawn, and the facts are an update.
pub fn amended_facts(prev: &CkgFacts, eval: &Evaluation, version: i64, on_server: bool, uuid: &mut dyn FnMut() -> String) -> CkgFacts {
    let mut observations = observation_facts(eval, &mut |code| {
        let same = |o: &&ObservationFact| o.code == code || (code.starts_with("glucose") && o.code.starts_with("glucose"));
        prev.observations.iter().find(same).map(|o| o.uuid.clone()).unwrap_or_else(&mut *uuid)
    });
    if on_server {
        let gone: Vec<ObservationFact> = prev
            .observations
            .iter()
            .filter(|o| !observations.iter().any(|n| n.uuid == o.uuid))
            .map(|o| ObservationFact { withdrawn: true, ..o.clone() })
            .collect();
        observations.extend(gone);
    }
    CkgFacts { observations, version, amends: on_server, ..prev.clone() }
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
            None => json!({ "method": "POST", "url": kind }),
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

/// The UUIDs of the resources a sent Bundle carried, in its order, with the ids the server gave
/// back (`server_ids` as stored with the entry).
pub fn sent_ids(f: &CkgFacts, server_ids: &[String]) -> HashMap<String, String> {
    let mut uuids = vec![f.encounter_uuid.clone()];
    uuids.extend(f.observations.iter().filter(|o| codes::measure(&o.code).is_some() || codes::screen(&o.code).is_some()).map(|o| o.uuid.clone()));
    uuids.into_iter().zip(server_ids.iter().cloned()).collect()
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
    use crate::domain::ckg::{evaluate, AgeGroup, BmiSet, Entries, Finding, Measure, Subject};
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 2, 15, 0).unwrap()
    }

    fn eval(weight: i64, glucose: i64, fasted: bool, tb: Finding) -> Evaluation {
        let measures = vec![
            (Measure::Weight, weight),
            (Measure::Height, 1603),
            (Measure::Systolic, 150),
            (Measure::Diastolic, 95),
            (Measure::Temperature, 366),
            (Measure::Glucose, glucose),
        ];
        let screens = vec![("tb".to_string(), tb), ("smoking".to_string(), Finding::Positive), ("mental".to_string(), Finding::NotDone)];
        evaluate(&Subject { group: AgeGroup::Adult, age: 45, female: false }, &Entries { measures, screens, fasted }, BmiSet::Kemenkes)
    }

    fn counter() -> impl FnMut() -> String {
        let mut n = 0;
        move || {
            n += 1;
            format!("00000000-0000-4000-8000-{n:012}")
        }
    }

    fn facts() -> CkgFacts {
        let arrived = t0() - chrono::Duration::minutes(20);
        ckg_facts(7, 3, Some(2), &eval(655, 132, false, Finding::Normal), t0(), t0() + chrono::Duration::minutes(9), Some(arrived), &mut counter())
    }

    fn ctx() -> Context<'static> {
        Context { organization_id: "100026342", location_id: "loc-1", patient_ihs: "P02478375538", patient_name: "Siti", practitioner_ihs: "N10000001", practitioner_name: "Bidan Ani" }
    }

    fn by_code<'a>(entries: &'a [Value], code: &str) -> &'a Value {
        entries.iter().find(|e| e["resource"]["code"]["coding"][0]["code"] == code).unwrap_or_else(|| panic!("no {code}"))
    }

    #[test]
    fn the_bundle_has_an_encounter_and_one_observation_per_result() {
        let f = facts();
        assert!(uuid_like(&new_uuid()));
        let b = ckg_bundle(&f, &ctx(), &HashMap::new());
        let entries = b["entry"].as_array().unwrap();
        // weight, height, temperature, glucose, bmi, tb, smoking, mental, bp panel
        assert_eq!(entries.len(), 10);
        let enc = &entries[0]["resource"];
        assert_eq!(enc["class"]["code"], "AMB");
        assert_eq!(enc["identifier"][0]["system"], "http://sys-ids.kemkes.go.id/encounter/100026342");
        // The person arrived with their ticket, 20 minutes before the check started.
        assert_eq!(enc["period"]["start"], "2026-11-23T01:55:00+00:00");
        assert_eq!(enc["statusHistory"][0]["period"], json!({ "start": "2026-11-23T01:55:00+00:00", "end": "2026-11-23T02:15:00+00:00" }));
        assert_eq!(enc["statusHistory"][1]["period"]["start"], "2026-11-23T02:15:00+00:00");
        let statuses: Vec<&str> = enc["statusHistory"].as_array().unwrap().iter().map(|s| s["status"].as_str().unwrap()).collect();
        assert_eq!(statuses, ["arrived", "in-progress", "finished"]);
        let weight = by_code(entries, "29463-7");
        assert_eq!(weight["resource"]["valueQuantity"]["value"], json!(65.5));
        assert_eq!(weight["resource"]["encounter"]["reference"], entries[0]["fullUrl"]);
        let bp = by_code(entries, "85354-9");
        assert_eq!(bp["resource"]["component"][1]["valueQuantity"]["value"], json!(95));
        assert_eq!(bp["resource"]["component"][0]["valueQuantity"]["code"], "mm[Hg]");
        assert_eq!(by_code(entries, "39156-5")["resource"]["valueQuantity"]["value"], json!(25.5));
        // Not fasted: the random glucose code.
        assert_eq!(by_code(entries, "2339-0")["resource"]["valueQuantity"]["value"], json!(132));
        // Screenings: a coded answer, or "not performed".
        let smoking = by_code(entries, "72166-2");
        assert_eq!(smoking["resource"]["valueCodeableConcept"]["coding"][0]["code"], "77176002");
        assert_eq!(smoking["resource"]["category"][0]["coding"][0]["code"], "social-history");
        let tb = by_code(entries, "tb");
        assert_eq!(tb["resource"]["code"]["coding"][0]["system"], codes::LOCAL);
        assert_eq!(tb["resource"]["valueCodeableConcept"]["coding"][0]["code"], "260385009");
        assert_eq!(by_code(entries, "mental")["resource"]["dataAbsentReason"]["coding"][0]["code"], "not-performed");
        // The same facts give the same Bundle.
        assert_eq!(ckg_bundle(&f, &ctx(), &HashMap::new()), b);
        // A fasted reading goes under the fasting code.
        let fasted = ckg_facts(8, 3, Some(2), &eval(655, 132, true, Finding::Normal), t0(), t0(), None, &mut counter());
        let b = ckg_bundle(&fasted, &ctx(), &HashMap::new());
        assert_eq!(by_code(b["entry"].as_array().unwrap(), "1556-0")["resource"]["valueQuantity"]["value"], json!(132));
        // Without a ticket the arrival is the start of the check.
        assert_eq!(b["entry"][0]["resource"]["statusHistory"][0]["period"]["end"], "2026-11-23T02:15:00+00:00");
    }

    #[test]
    fn an_amendment_updates_the_same_resources() {
        let first = facts();
        // The server took the first version: one id per entry, in order.
        let ids: Vec<String> = std::iter::once("Encounter/e1".to_string()).chain((0..first.observations.len()).map(|i| format!("Observation/o{i}"))).collect();
        let known = sent_ids(&first, &ids);
        assert_eq!(known[&first.encounter_uuid], "Encounter/e1");
        // Weight corrected, glucose now fasted, TB positive.
        let mut fresh = || "00000000-0000-4000-8000-999999999999".to_string();
        let second = amended_facts(&first, &eval(605, 132, true, Finding::Positive), 2, true, &mut fresh);
        assert_eq!((second.encounter_value.as_str(), second.encounter_uuid.as_str()), (first.encounter_value.as_str(), first.encounter_uuid.as_str()));
        assert!(second.amends && second.version == 2);
        let weight_uuid = |f: &CkgFacts| f.observations.iter().find(|o| o.code == "weight").unwrap().uuid.clone();
        assert_eq!(weight_uuid(&first), weight_uuid(&second), "the same Observation");
        let b = ckg_bundle(&second, &ctx(), &known);
        let entries = b["entry"].as_array().unwrap();
        assert_eq!(entries[0]["request"], json!({ "method": "PUT", "url": "Encounter/e1" }));
        assert_eq!(entries[0]["resource"]["id"], "e1");
        let weight = by_code(entries, "29463-7");
        assert_eq!(weight["request"]["method"], "PUT");
        assert_eq!(weight["resource"]["status"], "amended");
        assert_eq!(weight["resource"]["valueQuantity"]["value"], json!(60.5));
        assert_eq!(weight["resource"]["encounter"]["reference"], "Encounter/e1");
        // The glucose Observation keeps its id and now carries the fasting code.
        let glucose = by_code(entries, "1556-0");
        assert_eq!(glucose["request"]["method"], "PUT");
        assert_eq!(by_code(entries, "tb")["resource"]["valueCodeableConcept"]["coding"][0]["code"], "10828004");
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
