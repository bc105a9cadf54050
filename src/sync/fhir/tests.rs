//! The Bundle of a check and of its amendment, built from fixed facts.

use super::*;
use crate::domain::ckg::{evaluate, AgeGroup, BmiSet, Entries, Finding, Measure, Subject};
use chrono::TimeZone;
use serde_json::{json, Value};
use std::collections::HashMap;

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
