//! The outbox loop: claim the oldest due entry, resolve the patient's and examiner's IHS numbers,
//! look for a copy on the server when an earlier send's fate is unknown, POST the Bundle, record
//! the outcome. Network trouble, 429 and 5xx end the round (the others would meet the same) and
//! the entry waits with a growing pause; a 4xx with an OperationOutcome fails the entry with the
//! server's message and the round goes on. Also the background thread inside the app.

use super::client::Client;
use super::fhir::{self, CkgFacts, Context};
use super::{SatusehatSettings, SyncError};
use crate::store::outbox::OutboxEntry;
use crate::store::{Actor, OpenMode, Result, Store};
use chrono::{DateTime, Duration, Utc};
use std::path::PathBuf;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};

/// The pause before try `attempts + 1`: 30 s doubling to at most an hour.
pub fn backoff(attempts: i64) -> Duration {
    let n = attempts.clamp(1, 8) as u32;
    Duration::seconds((30i64 << (n - 1)).min(3600))
}

/// How long SATUSEHAT is not asked again about a NIK it did not know.
pub const PATIENT_RECHECK: Duration = Duration::hours(1);
/// How long nothing is tried after the token endpoint refused the credentials.
pub const CREDENTIALS_PAUSE: Duration = Duration::minutes(15);

/// An entry claimed less than this ago is another sender's; later, it was abandoned mid-send.
pub fn lease(settings: &SatusehatSettings) -> Duration {
    Duration::seconds(2 * settings.timeout.as_secs() as i64 + 30)
}

/// Stored problem codes; `Text::sync_problem` says them in the user's language.
pub mod problem {
    pub const UNKNOWN_PATIENT: &str = "unknown-patient";
    pub const NO_PATIENT_NIK: &str = "no-patient-nik";
    pub const NO_PRACTITIONER_NIK: &str = "no-practitioner-nik";
    pub const UNKNOWN_PRACTITIONER: &str = "unknown-practitioner";
    pub const PAYLOAD: &str = "payload";
    pub const WAITING_ORIGINAL: &str = "waiting-original";
}

/// The stored form of an error: a code, then details.
pub fn error_code(e: &SyncError) -> String {
    match e {
        SyncError::Network(d) => format!("network: {d}"),
        SyncError::Server(s) => format!("server: {s}"),
        SyncError::TooMany(_) => "too-many: 429".into(),
        SyncError::Credentials => "credentials:".into(),
        SyncError::Secret(_) => "secret:".into(),
        SyncError::Roots(_) => "ca-file:".into(),
        SyncError::Rejected { status, message } => format!("rejected: {status} {message}"),
        SyncError::BadAnswer(d) => format!("bad-answer: {d}"),
    }
}

/// What one round did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Round {
    pub sent: usize,
    /// Entries whose earlier send had reached the server (found by the Encounter identifier).
    pub found_on_server: usize,
    pub failed: usize,
    pub waiting_patient: usize,
    /// Why the round ended early; the entries wait.
    pub stopped: Option<SyncError>,
}

enum Outcome {
    Sent(Vec<String>),
    Found(String),
    Failed(String),
    WaitingPatient(String),
    /// Try again later; whether the server may have it; when.
    Later(SyncError, bool, DateTime<Utc>),
    /// An amendment whose first version is not on the server yet: it waits, the round goes on.
    WaitOriginal(DateTime<Utc>),
}

/// Send every due entry, oldest first, until none is left or the network says stop.
pub fn run_once(store: &mut Store, client: &mut Client, settings: &SatusehatSettings, now: DateTime<Utc>) -> Result<Round> {
    let mut round = Round::default();
    if !store.outbox_due(now)? {
        return Ok(round);
    }
    let actor = Actor { id: None, name: "satusehat".into() };
    for _ in 0..100_000 {
        let Some(entry) = store.claim_outbox(lease(settings), now)? else { break };
        match send_entry(store, client, settings, &entry, &actor, now)? {
            Outcome::Sent(ids) => {
                store.outbox_sent(entry.id, &serde_json::to_string(&ids).unwrap_or_default(), now)?;
                round.sent += 1;
            }
            Outcome::Found(id) => {
                let ids = serde_json::to_string(&[format!("Encounter/{id}")]).unwrap_or_default();
                store.outbox_sent(entry.id, &ids, now)?;
                round.sent += 1;
                round.found_on_server += 1;
            }
            Outcome::Failed(msg) => {
                store.outbox_failed(entry.id, &msg, entry.in_doubt)?;
                round.failed += 1;
            }
            Outcome::WaitingPatient(msg) => {
                store.outbox_waiting_patient(entry.id, &msg, entry.in_doubt, now + PATIENT_RECHECK)?;
                round.waiting_patient += 1;
            }
            Outcome::WaitOriginal(next) => {
                store.outbox_retry_later(entry.id, problem::WAITING_ORIGINAL, entry.in_doubt, next)?;
            }
            Outcome::Later(e, in_doubt, next) => {
                store.outbox_retry_later(entry.id, &error_code(&e), in_doubt, next)?;
                store.outbox_pause_due(next)?;
                round.stopped = Some(e);
                break;
            }
        }
    }
    Ok(round)
}

fn send_entry(store: &mut Store, client: &mut Client, settings: &SatusehatSettings, entry: &OutboxEntry, actor: &Actor, now: DateTime<Utc>) -> Result<Outcome> {
    let was_in_doubt = entry.in_doubt;
    // An error before the POST leaves the doubt as it was; after, the server may have it.
    let later = |e: SyncError, in_doubt: bool| {
        let next = match &e {
            SyncError::TooMany(Some(secs)) => now + Duration::seconds((*secs).min(3600) as i64),
            SyncError::Credentials | SyncError::Secret(_) | SyncError::Roots(_) => now + CREDENTIALS_PAUSE,
            _ => now + backoff(entry.attempts + 1),
        };
        Outcome::Later(e, in_doubt, next)
    };
    let before_post = |e: SyncError| match e {
        SyncError::Rejected { .. } | SyncError::BadAnswer(_) => Outcome::Failed(error_code(&e)),
        e => later(e, was_in_doubt),
    };
    // A consultation (or one of its dispensings) shares everything up to the Bundle.
    let consult = if entry.kind == "consultation" {
        match serde_json::from_str::<fhir::ConsultFacts>(&entry.payload) {
            Ok(f) => Some(f),
            Err(_) => return Ok(Outcome::Failed(problem::PAYLOAD.into())),
        }
    } else {
        None
    };
    let facts = match &consult {
        Some(c) => CkgFacts {
            check_id: c.consultation_id,
            patient_id: c.patient_id,
            examiner_id: c.examiner_id,
            started: c.started.clone(),
            finished: c.finished.clone(),
            arrived: c.arrived.clone(),
            encounter_uuid: c.encounter_uuid.clone(),
            encounter_value: c.encounter_value.clone(),
            observations: Vec::new(),
            version: 1,
            amends: false,
        },
        None => match serde_json::from_str::<CkgFacts>(&entry.payload) {
            Ok(f) => f,
            Err(_) => return Ok(Outcome::Failed(problem::PAYLOAD.into())),
        },
    };
    // The examiner, as a SATUSEHAT practitioner.
    let practitioner = match facts.examiner_id {
        Some(id) => store.practitioner(id)?,
        None => None,
    };
    let Some(practitioner) = practitioner else { return Ok(Outcome::Failed(problem::NO_PRACTITIONER_NIK.into())) };
    let practitioner_ihs = match (&practitioner.ihs, &practitioner.nik) {
        (Some(ihs), _) => ihs.clone(),
        (None, None) => return Ok(Outcome::Failed(format!("{}: {}", problem::NO_PRACTITIONER_NIK, practitioner.name))),
        (None, Some(nik)) => match client.find_practitioner(nik) {
            Ok(Some(ihs)) => {
                store.set_practitioner_ihs(practitioner.user_id, &ihs)?;
                ihs
            }
            Ok(None) => return Ok(Outcome::Failed(format!("{}: {}", problem::UNKNOWN_PRACTITIONER, practitioner.name))),
            Err(e) => return Ok(before_post(e)),
        },
    };
    // The patient, by IHS number, looked up by NIK the first time.
    let Some(patient) = store.patient_ids(facts.patient_id)? else { return Ok(Outcome::Failed(problem::PAYLOAD.into())) };
    let patient_ihs = match (&patient.ihs_number, &patient.nik) {
        (Some(ihs), _) => ihs.clone(),
        (None, None) => return Ok(Outcome::WaitingPatient(problem::NO_PATIENT_NIK.into())),
        (None, Some(nik)) => match client.find_patient(nik) {
            Ok(Some(ihs)) => {
                store.set_patient_ihs(actor, facts.patient_id, &ihs, now)?;
                ihs
            }
            Ok(None) => return Ok(Outcome::WaitingPatient(problem::UNKNOWN_PATIENT.into())),
            Err(e) => return Ok(before_post(e)),
        },
    };
    // An amendment updates what the latest sent version created, by the ids the server gave.
    let mut known = std::collections::HashMap::new();
    if facts.amends {
        let Some(sent) = store.sent_before(facts.check_id, entry.id)? else {
            return Ok(Outcome::WaitOriginal(now + backoff(entry.attempts + 1)));
        };
        let ids: Vec<String> = sent.server_ids.as_deref().and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default();
        if let Ok(sent_facts) = serde_json::from_str::<CkgFacts>(&sent.payload) {
            known = fhir::sent_ids(&sent_facts, &ids);
            // Found again after a lost answer: only the Encounter's id is known; its Observations
            // are looked up (by code) so that they are updated, not created twice.
            if let (1, Some(encounter)) = (ids.len(), ids.first()) {
                let on_server = match client.find_observations(encounter) {
                    Ok(list) => list,
                    Err(e) => return Ok(before_post(e)),
                };
                for o in &sent_facts.observations {
                    if let Some((id, _)) = on_server.iter().find(|(_, code)| Some(code.as_str()) == fhir::observation_code(o)) {
                        known.insert(o.uuid.clone(), id.clone());
                    }
                }
            }
        }
    }
    // An earlier send may have arrived: the Encounter identifier finds it. (An amendment is an
    // update of the same resources: sending it again does no harm.)
    let dispensing = consult.as_ref().is_some_and(|c| c.dispense.is_some());
    if was_in_doubt && !facts.amends && !dispensing {
        match client.find_encounter(&settings.encounter_system(), &facts.encounter_value) {
            Ok(Some(id)) => return Ok(Outcome::Found(id)),
            Ok(None) => {}
            Err(e) => return Ok(before_post(e)),
        }
    }
    let ctx = Context {
        organization_id: &settings.organization_id,
        location_id: &settings.location_id,
        patient_ihs: &patient_ihs,
        patient_name: &patient.name,
        practitioner_ihs: &practitioner_ihs,
        practitioner_name: &practitioner.name,
    };
    let bundle = match &consult {
        None => fhir::ckg_bundle(&facts, &ctx, &known),
        Some(c) if c.dispense.is_none() => fhir::consult_bundle(c, &ctx),
        // A dispensing points at the consultation's resources: it waits until they are sent.
        Some(c) => {
            let sent = store.outbox_for_consultation(c.consultation_id)?.filter(|e| e.status == crate::store::outbox::OutboxStatus::Sent);
            let ids: Vec<String> = sent.as_ref().and_then(|e| e.server_ids.as_deref()).and_then(|s| serde_json::from_str(s).ok()).unwrap_or_default();
            let first: Option<fhir::ConsultFacts> = sent.as_ref().and_then(|e| serde_json::from_str(&e.payload).ok());
            let known = first.map(|f| fhir::consult::consult_sent_ids(&f, &ids)).unwrap_or_default();
            match fhir::dispense_bundle(c, &ctx, &known) {
                Some(b) => b,
                None => return Ok(Outcome::WaitOriginal(now + backoff(entry.attempts + 1))),
            }
        }
    };
    Ok(match client.post_bundle(&bundle) {
        Ok(ids) => Outcome::Sent(ids),
        // A definite refusal: nothing was stored.
        Err(e @ SyncError::Rejected { .. }) => Outcome::Failed(error_code(&e)),
        Err(e @ (SyncError::TooMany(_) | SyncError::Credentials | SyncError::Secret(_) | SyncError::Roots(_))) => later(e, was_in_doubt),
        // No answer, a 5xx, or an answer we cannot read: the server may have stored it.
        Err(e) => later(e, true),
    })
}

/// The running sender thread. Dropping the handle stops it.
pub struct SenderHandle {
    wake: Sender<()>,
}

impl SenderHandle {
    /// Look at the outbox now (a check was just saved).
    pub fn wake(&self) {
        let _ = self.wake.send(());
    }
}

/// How often the sender looks at the outbox when nobody wakes it.
const POLL: std::time::Duration = std::time::Duration::from_secs(15);

/// Start the background sender on its own connection to `db`; None when SATUSEHAT is not
/// configured. A round never blocks the counter: it has its own thread and connection, and
/// holds the write lock only for the short updates of one entry.
pub fn start(db: PathBuf, settings: Option<SatusehatSettings>) -> Option<SenderHandle> {
    let settings = settings?;
    let (wake, rx) = mpsc::channel::<()>();
    std::thread::Builder::new()
        .name("loket-satusehat".into())
        .spawn(move || {
            let Ok(mut store) = Store::open(&db, OpenMode::Existing) else { return };
            let mut client = None;
            loop {
                if client.is_none() {
                    client = Client::new(&settings).ok();
                }
                if let Some(c) = client.as_mut() {
                    // A store error (busy past every retry) is tried again at the next poll.
                    if let Ok(round) = run_once(&mut store, c, &settings, Utc::now()) {
                        if matches!(round.stopped, Some(SyncError::Secret(_))) {
                            client = None;
                        }
                    }
                }
                match rx.recv_timeout(POLL) {
                    Ok(()) | Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
        })
        .ok()?;
    Some(SenderHandle { wake })
}
