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

use super::codes;
use crate::domain::ckg::{Evaluation, FASTED};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;

pub const NIK_SYSTEM: &str = "https://fhir.kemkes.go.id/id/nik";
pub const UCUM: &str = "http://unitsofmeasure.org";

pub use crate::config::satusehat::encounter_system;

mod resources;
pub use resources::{ckg_bundle, encounter, observation, Context};
pub mod consult;
pub use consult::{consult_bundle, dispense_bundle, ConsultFacts};

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
pub(crate) fn observation_facts(eval: &Evaluation, uuid_for: &mut dyn FnMut(&str) -> String) -> Vec<ObservationFact> {
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

/// The code an Observation of this fact carries (LOINC, or the local screening code).
pub fn observation_code(o: &ObservationFact) -> Option<&'static str> {
    codes::measure(&o.code).map(|m| m.code).or_else(|| codes::screen(&o.code).map(|s| s.code))
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
mod tests;
