//! SATUSEHAT figures: the outbox a busy clinic day makes (150 CKG checks), and entries sent per
//! second to the local fake SATUSEHAT (tests/fake_satusehat.py, which validates every Bundle with
//! fhir.resources, so the figure includes that Python validation). Run with
//! `LOKET_FHIR_PYTHON=target/fhir-venv/bin/python cargo bench --bench sync` (.ci/run makes the venv).

#[path = "../tests/common/satusehat.rs"]
mod satusehat;

use chrono::{Duration, TimeZone, Utc};
use loket::domain::ckg::{AgeGroup, Entries, Finding, Measure, Subject};
use loket::domain::patient::PatientFields;
use loket::domain::user::Role;
use loket::store::{Actor, OpenMode, Store};
use loket::sync::client::Client;
use loket::sync::sender::run_once;
use std::time::Instant;

const CHECKS: usize = 150;

fn busy_day(store: &mut Store) {
    let t0 = Utc.with_ymd_and_hms(2026, 11, 23, 1, 0, 0).unwrap();
    store.init_admin("kepala", "Kepala", "2468", t0).unwrap();
    let nurse = store.create_user(&Actor::system("bench"), "bidan", "Bidan Ani", Role::Clerk, "1357", t0).unwrap();
    store.set_practitioner_nik(&Actor::system("bench"), "bidan", "3204124508850999", t0).unwrap();
    for i in 0..CHECKS {
        let fields = PatientFields {
            nik: Some(format!("32041245088{:05}", i + 1)),
            name: format!("Pasien {i}"),
            sex: if i % 2 == 0 { "P" } else { "L" }.into(),
            birth_date: chrono::NaiveDate::from_ymd_opt(1970 + (i % 40) as i32, 1 + (i % 12) as u32, 1 + (i % 28) as u32),
            ..Default::default()
        };
        let p = store.register_patient(&Actor::system("bench"), &fields, "RM-", 7, t0).unwrap().unwrap();
        let entries = Entries {
            measures: [
                (Measure::Weight, 550 + i as i64),
                (Measure::Height, 1560),
                (Measure::Waist, 800),
                (Measure::Systolic, 120 + (i % 40) as i64),
                (Measure::Diastolic, 80),
                (Measure::HeartRate, 76),
                (Measure::Temperature, 365),
                (Measure::Glucose, 100),
                (Measure::Cholesterol, 190),
            ]
            .to_vec(),
            screens: [("tb", Finding::Normal), ("mental", Finding::Normal)].iter().map(|(c, f)| (c.to_string(), *f)).collect(),
            fasted: false,
        };
        let female = i % 2 == 0;
        let at = t0 + Duration::minutes(3 * i as i64);
        loket::ops::ckg::finish_check(
            store,
            &loket::config::Config::default(),
            &Actor::user(nurse, "bidan"),
            &loket::ops::ckg::CheckFacts {
                patient_id: p.id,
                patient_name: &p.name,
                record_no: &p.rm_number,
                ticket_id: None,
                subject: Subject { group: AgeGroup::Adult, age: 46, female },
                started: at - Duration::minutes(8),
                examiner: "bidan",
            },
            &entries,
            at,
        )
        .unwrap();
    }
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.db");
    let mut store = Store::open(&path, OpenMode::Create).unwrap();
    let started = Instant::now();
    busy_day(&mut store);
    let saving = started.elapsed();
    let entries = store.outbox_entries().unwrap();
    let payload: usize = entries.iter().map(|e| e.payload.len() + e.encounter_value.len()).sum();
    println!("busy day: {CHECKS} CKG checks saved in {:.2} s (each with its outbox entry, one transaction)", saving.as_secs_f64());
    println!("outbox: {} entries, {payload} bytes of payload ({} bytes per check)", entries.len(), payload / entries.len().max(1));
    let Some(server) = satusehat::FakeSatusehat::start() else { return };
    let settings = server.settings(satusehat::SECRET, std::time::Duration::from_secs(10));
    let mut client = Client::new(&settings).unwrap();
    let started = Instant::now();
    let round = run_once(&mut store, &mut client, &settings, Utc::now()).unwrap();
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(round.sent, CHECKS, "{round:?}");
    let bundle_bytes: u64 = server.events("bundle").iter().filter_map(|b| b["entries"].as_u64()).sum();
    println!(
        "sent {} entries in {secs:.2} s: {:.1} entries/s to the local fake server (patient lookups included, {bundle_bytes} resources)",
        round.sent,
        round.sent as f64 / secs
    );
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) + std::fs::metadata(path.with_extension("db-wal")).map(|m| m.len()).unwrap_or(0);
    println!("database after the day and the sending: {} KiB", bytes / 1024);
}
