//! SATUSEHAT: the outbox written with each CKG check, and the sender against a fake SATUSEHAT
//! on 127.0.0.1 that validates every Bundle with the FHIR R4 models of fhir.resources and can
//! answer slowly, with 429 or 500, drop the connection, or refuse with an OperationOutcome.
//! Whatever happens, nothing is lost and nothing reaches the server twice.

mod common;
#[path = "common/satusehat.rs"]
mod satusehat;

use chrono::{DateTime, Duration, TimeZone, Utc};
use loket::domain::ckg::{AgeGroup, Entries, Finding, Measure, Subject};
use loket::domain::patient::PatientFields;
use loket::domain::user::Role;
use loket::store::outbox::OutboxStatus;
use loket::store::{Actor, OpenMode, Store};
use loket::sync::client::Client;
use loket::sync::sender::{self, run_once};
use loket::sync::SyncError;
use satusehat::FakeSatusehat;
use serde_json::json;
use std::collections::HashSet;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 2, 15, 0).unwrap()
}

fn nik(i: usize) -> String {
    format!("32041245088{:05}", i + 1)
}

/// A clinic with an examiner (with a practitioner NIK) and `n` finished CKG checks.
fn clinic(n: usize) -> (tempfile::TempDir, Store, Vec<i64>) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("site.db"), OpenMode::Create).unwrap();
    let admin = store.init_admin("kepala", "Kepala", "2468", t0()).unwrap();
    let nurse = store.create_user(&Actor::system("test"), "bidan", "Bidan Ani", Role::Clerk, "1357", t0()).unwrap();
    store.set_practitioner_nik(&Actor::system("test"), "bidan", "3204124508850999", t0()).unwrap();
    let _ = admin;
    let mut checks = Vec::new();
    for i in 0..n {
        checks.push(add_check(&mut store, nurse, i, Some(nik(i))));
    }
    (dir, store, checks)
}

fn add_check(store: &mut Store, examiner: i64, i: usize, nik: Option<String>) -> i64 {
    let fields = PatientFields {
        nik,
        name: format!("Pasien {i}"),
        sex: if i % 2 == 0 { "P" } else { "L" }.into(),
        birth_date: chrono::NaiveDate::from_ymd_opt(1980, 1, 1 + (i % 28) as u32),
        ..Default::default()
    };
    let p = store.register_patient(&Actor::system("test"), &fields, "RM-", 7, t0()).unwrap().unwrap();
    let entries = Entries {
        measures: [
            (Measure::Weight, 600 + i as i64),
            (Measure::Height, 1585),
            (Measure::Waist, 820),
            (Measure::Systolic, 128),
            (Measure::Diastolic, 84),
            (Measure::HeartRate, 76),
            (Measure::Temperature, 366),
            (Measure::Glucose, 104),
            (Measure::Cholesterol, 190),
        ]
        .to_vec(),
        screens: [("tb", Finding::Normal)].iter().map(|(c, f)| (c.to_string(), *f)).collect(),
        fasted: false,
    };
    let female = i % 2 == 0;
    let actor = Actor::user(examiner, "bidan");
    let at = t0() + Duration::minutes(10 * i as i64);
    loket::ops::ckg::finish_check(
        store,
        &loket::config::Config::default(),
        &actor,
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
    .unwrap()
}

fn statuses(store: &Store) -> Vec<OutboxStatus> {
    store.outbox_entries().unwrap().into_iter().map(|e| e.status).collect()
}

/// What reached the server: every Bundle valid, each Encounter stored once.
fn assert_received_once(server: &FakeSatusehat, store: &Store) {
    let bundles = server.events("bundle");
    for b in &bundles {
        assert_eq!(b["valid"], true, "invalid Bundle: {b}");
        assert_ne!(b["duplicate"], true, "sent twice: {b}");
    }
    // Updates (an amended check, PUT) are not new copies.
    let created = |b: &&serde_json::Value| b["methods"].get(0).is_none_or(|m| m == "POST");
    let stored: Vec<&str> = bundles.iter().filter(|b| b["stored"] == true).filter(created).map(|b| b["encounter"].as_str().unwrap()).collect();
    let unique: HashSet<&str> = stored.iter().copied().collect();
    assert_eq!(stored.len(), unique.len(), "an Encounter was stored twice");
    let sent: HashSet<String> =
        store.outbox_entries().unwrap().into_iter().filter(|e| e.status == OutboxStatus::Sent && !e.encounter_value.contains('~')).map(|e| e.encounter_value).collect();
    assert_eq!(sent, unique.iter().map(|s| s.to_string()).collect::<HashSet<_>>(), "the outbox and the server agree");
}

#[test]
fn a_finished_check_is_an_outbox_entry_in_the_same_transaction() {
    let (_d, store, checks) = clinic(2);
    let entries = store.outbox_entries().unwrap();
    assert_eq!(entries.len(), 2);
    let e = store.outbox_for_check(checks[0]).unwrap().unwrap();
    assert_eq!((e.status, e.attempts, e.in_doubt), (OutboxStatus::Pending, 0, false));
    let facts: loket::sync::fhir::CkgFacts = serde_json::from_str(&e.payload).unwrap();
    assert_eq!(facts.check_id, checks[0]);
    assert_eq!(facts.encounter_value, e.encounter_value);
    // Eight measurements with BP as one panel, BMI, and the screening answer: ten.
    assert_eq!(facts.observations.len(), 10);
    assert!(facts.observations.iter().any(|o| o.code == "tb" && o.finding.as_deref() == Some("normal")));
    let c = store.outbox_counts().unwrap();
    assert_eq!((c.pending, c.sent, c.failed), (2, 0, 0));
    assert_eq!(c.oldest_pending, Some(t0()));
}

#[test]
fn secret_file_readable_by_others_is_refused_with_a_clear_message() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let secret = dir.path().join("satusehat.secret");
    std::fs::write(&secret, "abc\n").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
    let cfg = dir.path().join("config.toml");
    std::fs::write(
        &cfg,
        "[satusehat]\nenvironment = \"sandbox\"\norganization_id = \"100026342\"\nlocation_id = \"loc\"\nclient_id = \"id\"\nsecret_file = \"satusehat.secret\"\n",
    )
    .unwrap();
    let e = loket::config::Config::load(&cfg, true).unwrap_err();
    let msg = loket::text::Text::new(loket::text::Lang::En).config_error(&e);
    assert!(msg.contains("satusehat.secret_file: the secret file can be read by other users (mode 644); run: chmod 600"), "{msg}");
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).unwrap();
    let c = loket::config::Config::load(&cfg, true).unwrap().satusehat.unwrap();
    assert_eq!(c.base_url, loket::sync::SANDBOX_BASE);
    assert_eq!(c.secret_file, secret);
    let e = loket::config::Config::parse("[satusehat]\nenvironment = \"staging\"\n", "c.toml").unwrap_err();
    assert_eq!(e.key, "satusehat.environment");
    let e = loket::config::Config::parse("[satusehat]\nenvironment = \"production\"\norganization_id = \"1\"\n", "c.toml").unwrap_err();
    assert_eq!(e.key, "satusehat.location_id");
}

#[test]
fn every_bundle_validates_against_fhir_r4_and_each_check_is_sent_once() {
    let Some(server) = FakeSatusehat::start() else { return };
    let (_d, mut store, checks) = clinic(5);
    let settings = server.settings(satusehat::SECRET, std::time::Duration::from_secs(5));
    let mut client = Client::new(&settings).unwrap();
    let round = run_once(&mut store, &mut client, &settings, t0()).unwrap();
    assert_eq!((round.sent, round.failed, round.stopped.clone()), (5, 0, None), "{round:?}");
    assert_eq!(statuses(&store), vec![OutboxStatus::Sent; 5]);
    assert_received_once(&server, &store);
    // Oldest first, with the ids the server gave back.
    let bundles = server.events("bundle");
    let order: Vec<String> = bundles.iter().map(|b| b["encounter"].as_str().unwrap().to_string()).collect();
    let expected: Vec<String> = checks.iter().map(|c| store.outbox_for_check(*c).unwrap().unwrap().encounter_value).collect();
    assert_eq!(order, expected);
    let e = store.outbox_for_check(checks[0]).unwrap().unwrap();
    let ids: Vec<String> = serde_json::from_str(e.server_ids.as_deref().unwrap()).unwrap();
    assert_eq!(ids.len(), 11);
    assert!(ids[0].starts_with("Encounter/") && ids[1].starts_with("Observation/"));
    // The IHS numbers are kept: no second lookup; one token for the whole round.
    let p = store.patient_ids(1).unwrap().unwrap();
    assert_eq!(p.ihs_number.as_deref(), Some(format!("P{}", &nik(0)[..11]).as_str()));
    assert_eq!(server.events("token").len(), 1);
    assert_eq!(server.events("search").iter().filter(|s| s["resource"] == "Practitioner").count(), 1);
    // Nothing more to do: a second round asks nothing.
    let before = server.record().len();
    run_once(&mut store, &mut client, &settings, t0() + Duration::hours(1)).unwrap();
    assert_eq!(server.record().len(), before);
}

#[test]
fn network_trouble_loses_nothing_and_sends_nothing_twice() {
    let Some(mut server) = FakeSatusehat::start() else { return };
    let (_d, mut store, _) = clinic(6);
    server.control(json!({"post": ["500", "429", "drop", "commit-drop", "ok", "slow", "500"], "search": ["ok", "ok", "drop"], "slow_seconds": 2.5}));
    let settings = server.settings(satusehat::SECRET, std::time::Duration::from_secs(1));
    let mut client = Client::new(&settings).unwrap();
    let mut now = t0();
    let mut rounds = 0;
    let mut found = 0;
    while statuses(&store).iter().any(|s| *s != OutboxStatus::Sent) {
        rounds += 1;
        assert!(rounds < 30, "still not sent after {rounds} rounds: {:?}", store.outbox_entries().unwrap());
        let round = run_once(&mut store, &mut client, &settings, now).unwrap();
        found += round.found_on_server;
        if let Some(e) = &round.stopped {
            assert!(e.is_transient(), "{e:?}");
        }
        // The pause grows; stepping past any lease and backoff.
        now += Duration::hours(2);
    }
    assert_received_once(&server, &store);
    // The committed-then-dropped and the too-slow sends were found by their identifier.
    assert!(found >= 2, "found on server: {found}");
    let entries = store.outbox_entries().unwrap();
    assert!(entries.iter().all(|e| !e.in_doubt && e.last_error.is_none()));
    assert!(entries[0].attempts >= 3, "the first entry met 500, 429 and a drop");
}

#[test]
fn a_crash_between_sending_and_recording_never_duplicates() {
    let Some(server) = FakeSatusehat::start() else { return };
    let (_d, mut store, checks) = clinic(1);
    let settings = server.settings(satusehat::SECRET, std::time::Duration::from_secs(5));
    let mut client = Client::new(&settings).unwrap();
    // A first sender claims the entry, gets the Bundle to the server, and dies before recording.
    let claimed = store.claim_outbox(sender::lease(&settings), t0()).unwrap().unwrap();
    let facts: loket::sync::fhir::CkgFacts = serde_json::from_str(&claimed.payload).unwrap();
    let ctx = loket::sync::fhir::Context {
        organization_id: satusehat::ORG,
        location_id: satusehat::LOCATION,
        patient_ihs: &format!("P{}", &nik(0)[..11]),
        patient_name: "Pasien 0",
        practitioner_ihs: "N32041245088",
        practitioner_name: "Bidan Ani",
    };
    client.post_bundle(&loket::sync::fhir::ckg_bundle(&facts, &ctx, &Default::default())).unwrap();
    // Another sender, while the claim is fresh, leaves it alone.
    let round = run_once(&mut store, &mut client, &settings, t0() + Duration::seconds(5)).unwrap();
    assert_eq!(round, sender::Round::default());
    // After the lease, the next sender looks first, finds it, and records it as sent.
    let round = run_once(&mut store, &mut client, &settings, t0() + Duration::minutes(5)).unwrap();
    assert_eq!((round.sent, round.found_on_server), (1, 1));
    assert_eq!(server.events("bundle").len(), 1);
    assert_received_once(&server, &store);
    assert_eq!(store.outbox_for_check(checks[0]).unwrap().unwrap().status, OutboxStatus::Sent);
}

#[test]
fn a_refused_entry_shows_the_server_message_and_is_sent_after_a_retry() {
    let Some(mut server) = FakeSatusehat::start() else { return };
    let (_d, mut store, _) = clinic(2);
    server.control(json!({"post": ["reject"]}));
    let settings = server.settings(satusehat::SECRET, std::time::Duration::from_secs(5));
    let mut client = Client::new(&settings).unwrap();
    let round = run_once(&mut store, &mut client, &settings, t0()).unwrap();
    // The refusal fails that entry only; the next one goes.
    assert_eq!((round.sent, round.failed), (1, 1));
    let failed = store.outbox_problems(10).unwrap();
    assert_eq!(failed.len(), 1);
    let err = failed[0].last_error.clone().unwrap();
    assert!(err.contains("Encounter.period: the date is in the future"), "{err}");
    let text = loket::text::Text::new(loket::text::Lang::En);
    assert!(text.sync_problem(&err).contains("SATUSEHAT refused (400): Encounter.period"), "{}", text.sync_problem(&err));
    assert_eq!(store.outbox_counts().unwrap().failed, 1);
    // It stays failed until a person sends it again.
    run_once(&mut store, &mut client, &settings, t0() + Duration::days(1)).unwrap();
    assert_eq!(store.outbox_counts().unwrap().failed, 1);
    store.retry_outbox(&Actor::system("test"), failed[0].id, t0()).unwrap();
    let round = run_once(&mut store, &mut client, &settings, t0() + Duration::days(1)).unwrap();
    assert_eq!(round.sent, 1);
    assert_eq!(statuses(&store), vec![OutboxStatus::Sent; 2]);
    assert!(store.retry_outbox(&Actor::system("test"), failed[0].id, t0()).is_err(), "a sent entry is not sent again");
    assert_received_once(&server, &store);
}

#[test]
fn a_nik_satusehat_does_not_know_makes_the_entry_wait() {
    let Some(mut server) = FakeSatusehat::start() else { return };
    let (_d, mut store, _) = clinic(2);
    let nurse = store.user("bidan").unwrap().unwrap().id;
    add_check(&mut store, nurse, 2, None);
    server.control(json!({"unknown_niks": [nik(0)]}));
    let settings = server.settings(satusehat::SECRET, std::time::Duration::from_secs(5));
    let mut client = Client::new(&settings).unwrap();
    let round = run_once(&mut store, &mut client, &settings, t0()).unwrap();
    assert_eq!((round.sent, round.waiting_patient), (1, 2));
    assert_eq!(statuses(&store), [OutboxStatus::WaitingPatient, OutboxStatus::Sent, OutboxStatus::WaitingPatient]);
    let problems = store.outbox_problems(10).unwrap();
    let text = loket::text::Text::new(loket::text::Lang::En);
    let msgs: Vec<String> = problems.iter().map(|e| text.sync_problem(e.last_error.as_deref().unwrap())).collect();
    assert!(msgs.iter().any(|m| m.contains("no NIK")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("does not know the patient's NIK")), "{msgs:?}");
    // SATUSEHAT learns the NIK; after the pause the entry goes.
    server.control(json!({}));
    let round = run_once(&mut store, &mut client, &settings, t0() + Duration::minutes(5)).unwrap();
    assert_eq!(round.sent, 0, "not asked again before the pause");
    let round = run_once(&mut store, &mut client, &settings, t0() + sender::PATIENT_RECHECK + Duration::minutes(1)).unwrap();
    assert_eq!((round.sent, round.waiting_patient), (1, 1));
    assert_received_once(&server, &store);
}

#[test]
fn wrong_credentials_give_one_clear_error_and_no_storm_of_retries() {
    let Some(server) = FakeSatusehat::start() else { return };
    let (_d, mut store, _) = clinic(3);
    let settings = server.settings("wrong-secret", std::time::Duration::from_secs(5));
    let mut client = Client::new(&settings).unwrap();
    let round = run_once(&mut store, &mut client, &settings, t0()).unwrap();
    assert_eq!(round.stopped, Some(SyncError::Credentials));
    assert_eq!(round.sent, 0);
    for m in 1..10 {
        run_once(&mut store, &mut client, &settings, t0() + Duration::minutes(m)).unwrap();
    }
    assert_eq!(server.events("token").len(), 1, "one refused token request, not a storm");
    assert_eq!(statuses(&store), vec![OutboxStatus::Pending; 3]);
    let text = loket::text::Text::new(loket::text::Lang::En);
    let last = store.outbox_counts().unwrap().last_error.unwrap();
    assert!(text.sync_problem(&last).contains("client id or secret"), "{}", text.sync_problem(&last));
    // The secret never reaches the database.
    let dump = format!("{:?}", store.outbox_entries().unwrap());
    assert!(!dump.contains("wrong-secret") && !format!("{client:?}").contains("wrong-secret"));
}

#[test]
fn no_network_leaves_entries_waiting() {
    // A port nobody listens on.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let (dir, mut store, _) = clinic(2);
    let secret = dir.path().join("secret");
    std::fs::write(&secret, "x").unwrap();
    std::fs::set_permissions(&secret, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let settings = loket::sync::SatusehatSettings {
        environment: "custom".into(),
        base_url: format!("http://127.0.0.1:{port}"),
        organization_id: "1".into(),
        location_id: "l".into(),
        client_id: "c".into(),
        secret_file: secret,
        timeout: std::time::Duration::from_secs(1),
        ca_file: loket::config::satusehat::DEFAULT_CA_FILE.into(),
    };
    let mut client = Client::new(&settings).unwrap();
    let round = run_once(&mut store, &mut client, &settings, t0()).unwrap();
    assert!(matches!(round.stopped, Some(SyncError::Network(_))), "{round:?}");
    assert_eq!(statuses(&store), vec![OutboxStatus::Pending; 2]);
    let e = &store.outbox_entries().unwrap()[0];
    assert_eq!(e.next_try_at, Some(t0() + sender::backoff(1)));
    assert!(!e.in_doubt, "the Bundle never left: no doubt");
}

#[test]
fn the_commands_send_show_and_retry() {
    let (dir, store, _) = clinic(3);
    let db = store.path().display().to_string();
    drop(store);
    let home = dir.path();
    // set-nik: an admin's job, with a checked NIK.
    let (code, _, err) = common::run_loket(home, &["user", "set-nik", "bidan", "1234", "--db", &db, "--as", "kepala"], &[("LOKET_AS_PIN", "2468")]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("NIK"), "{err}");
    let (code, out, err) =
        common::run_loket(home, &["user", "set-nik", "bidan", "3204-1245-0885-0998", "--db", &db, "--as", "kepala", "--lang", "en"], &[("LOKET_AS_PIN", "2468")]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Practitioner NIK of bidan saved"), "{out}");
    // Not configured: the status says so, sending explains what to add.
    let (code, out, err) = common::run_loket(home, &["sync", "status", "--db", &db, "--lang", "en"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Pending: 3") && out.contains("Sent: 0") && out.contains("The oldest has waited"), "{out}");
    assert!(out.contains("Automatic sending: off"), "{out}");
    let (code, _, err) = common::run_loket(home, &["sync", "--db", &db, "--lang", "en"], &[]);
    assert_eq!(code, 1);
    assert!(err.contains("SATUSEHAT is not configured"), "{err}");
    let Some(mut server) = FakeSatusehat::start() else { return };
    let settings = server.settings(satusehat::SECRET, std::time::Duration::from_secs(5));
    let config = home.join("config.toml");
    std::fs::write(
        &config,
        format!(
            "[satusehat]\nbase_url = \"{}\"\norganization_id = \"{}\"\nlocation_id = \"{}\"\nclient_id = \"{}\"\nsecret_file = \"{}\"\ntimeout_seconds = 5\n",
            settings.base_url,
            satusehat::ORG,
            satusehat::LOCATION,
            satusehat::CLIENT_ID,
            settings.secret_file.display()
        ),
    )
    .unwrap();
    let cfg = config.display().to_string();
    server.control(json!({"post": ["ok", "reject"]}));
    let (code, out, err) = common::run_loket(home, &["sync", "--db", &db, "--config", &cfg, "--lang", "en"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Sent: 2") && out.contains("failed: 1"), "{out}");
    let (_, out, _) = common::run_loket(home, &["sync", "status", "--db", &db, "--config", &cfg, "--lang", "en"], &[]);
    assert!(out.contains("Pending: 0") && out.contains("Failed: 1") && out.contains("Encounter.period"), "{out}");
    let failed = Store::open(store_path(&db), OpenMode::ReadOnly).unwrap().outbox_problems(5).unwrap()[0].id.to_string();
    // Sending one again needs a clerk or supervisor.
    let (code, _, err) = common::run_loket(home, &["sync", "retry", &failed, "--db", &db, "--config", &cfg, "--lang", "en"], &[]);
    assert_eq!(code, 2, "no user named: {err}");
    assert!(err.contains("--as"), "{err}");
    let bidan = [("LOKET_AS_PIN", "1357")];
    let (code, out, err) = common::run_loket(home, &["sync", "retry", &failed, "--db", &db, "--config", &cfg, "--lang", "en", "--as", "bidan"], &bidan);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("Entry {failed} will be sent again")) && out.contains("Sent: 1"), "{out}");
    let (code, _, err) = common::run_loket(home, &["sync", "retry", &failed, "--db", &db, "--config", &cfg, "--lang", "en", "--as", "bidan"], &bidan);
    assert_eq!(code, 1);
    assert!(err.contains("already accepted"), "{err}");
    let store = Store::open(store_path(&db), OpenMode::ReadOnly).unwrap();
    assert_received_once(&server, &store);
    // The secret is nowhere in the database file.
    let bytes = std::fs::read(store_path(&db)).unwrap();
    assert!(!bytes.windows(satusehat::SECRET.len()).any(|w| w == satusehat::SECRET.as_bytes()));
}

fn store_path(db: &str) -> &std::path::Path {
    std::path::Path::new(db)
}

#[test]
fn the_sync_screen_shows_counts_and_failed_entries_for_clerks_and_supervisors() {
    use loket::text::Lang;
    let (_d, mut app) = common::app(Lang::En);
    // Two checks by the clerk: one waits, one was refused by the server.
    let siti = app.store.user("siti").unwrap().unwrap().id;
    add_check(&mut app.store, siti, 0, Some(nik(0)));
    add_check(&mut app.store, siti, 1, Some(nik(1)));
    let second = app.store.outbox_entries().unwrap()[1].id;
    app.store.outbox_failed(second, "rejected: 400 Observation.code: unknown LOINC", false).unwrap();
    common::login(&mut app, "siti", "1111");
    common::send(&mut app, &["f11"]);
    assert_eq!(app.state.screen, loket::screens::ScreenId::Sync);
    let screen = common::screen_text(&app.state, 100, 30);
    assert!(screen.contains("Pending: 1") && screen.contains("Failed: 1"), "{screen}");
    assert!(screen.contains("Automatic sending: off"), "{screen}");
    assert!(screen.contains("SATUSEHAT refused (400): Observation.code"), "{screen}");
    common::send(&mut app, &["esc", "f12"]);
    // A cashier may not open it; alt-s works as well as F11.
    common::login(&mut app, "budi", "2222");
    common::send(&mut app, &["alt-s"]);
    assert_ne!(app.state.screen, loket::screens::ScreenId::Sync);
    common::send(&mut app, &["f12"]);
    common::login(&mut app, "joko", "4444");
    common::send(&mut app, &["alt-s"]);
    assert_eq!(app.state.screen, loket::screens::ScreenId::Sync);
}

fn entries_with(weight: i64, tb: Finding) -> Entries {
    Entries {
        measures: vec![(Measure::Weight, weight), (Measure::Height, 1585), (Measure::Systolic, 128), (Measure::Diastolic, 84), (Measure::Glucose, 104)],
        screens: vec![("tb".into(), tb), ("smoking".into(), Finding::Normal)],
        fasted: false,
    }
}

#[test]
fn an_amended_check_goes_to_satusehat_as_an_update_of_the_same_resources() {
    let Some(server) = FakeSatusehat::start() else { return };
    let (_d, mut store, checks) = clinic(2);
    let settings = server.settings(satusehat::SECRET, std::time::Duration::from_secs(5));
    let mut client = Client::new(&settings).unwrap();
    let config = loket::config::Config::default();
    let nurse = Actor::user(2, "bidan");
    let subject = Subject { group: AgeGroup::Adult, age: 46, female: true };
    // Check 2 is amended before it was ever sent: its one entry carries the new values.
    loket::ops::ckg::amend_check(&mut store, &config, &nurse, checks[1], &subject, &entries_with(700, Finding::Normal), "salah ketik berat", t0()).unwrap();
    assert_eq!(store.outbox_entries().unwrap().len(), 2, "no second entry for an unsent check");
    run_once(&mut store, &mut client, &settings, t0()).unwrap();
    assert_received_once(&server, &store);
    let first_ids: Vec<String> = serde_json::from_str(store.outbox_for_check(checks[0]).unwrap().unwrap().server_ids.as_deref().unwrap()).unwrap();
    // Check 1 is amended after it was sent: a weight typo and a TB finding, with a reason.
    let saved = loket::ops::ckg::amend_check(&mut store, &config, &nurse, checks[0], &subject, &entries_with(610, Finding::Positive), "TB positif terlewat", t0() + Duration::hours(1)).unwrap();
    assert_eq!(saved.version, 2);
    assert!(saved.referral, "a positive TB screen refers");
    assert_eq!(saved.history.len(), 1);
    assert_eq!(saved.history[0].reason, "TB positif terlewat");
    assert!(saved.history[0].changes.contains("weight 60.0 -> 61.0") && saved.history[0].changes.contains("tb normal -> positive"), "{}", saved.history[0].changes);
    // Nothing changed is refused, and so is a missing reason; nothing is half-saved.
    assert!(loket::ops::ckg::amend_check(&mut store, &config, &nurse, checks[0], &subject, &entries_with(610, Finding::Positive), "lagi", t0()).is_err());
    assert!(loket::ops::ckg::amend_check(&mut store, &config, &nurse, checks[0], &subject, &entries_with(620, Finding::Positive), "  ", t0()).is_err());
    assert_eq!(store.saved_check(checks[0]).unwrap().unwrap().version, 2);
    let round = run_once(&mut store, &mut client, &settings, t0() + Duration::hours(1)).unwrap();
    assert_eq!((round.sent, round.failed), (1, 0), "{round:?}");
    let bundles = server.events("bundle");
    let update = bundles.last().unwrap();
    assert_eq!(update["valid"], true, "{update}");
    let original = store.outbox_for_check(checks[0]).unwrap().unwrap().encounter_value;
    assert_eq!(update["encounter"], original.as_str(), "the same Encounter identifier");
    // The Encounter and every result it had are updated in place; only the smoking answer, new
    // in this version, is created.
    let methods: Vec<&str> = update["methods"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    let codes: Vec<&str> = update["codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap_or("")).collect();
    let created: Vec<&str> = methods.iter().zip(&codes).filter(|(m, _)| **m == "POST").map(|(_, c)| *c).collect();
    assert_eq!(created, ["72166-2"], "{methods:?} {codes:?}");
    let entries = store.outbox_entries().unwrap();
    let amend = entries.iter().rfind(|e| e.ckg_check_id == Some(checks[0])).unwrap();
    let ids: Vec<String> = serde_json::from_str(amend.server_ids.as_deref().unwrap()).unwrap();
    assert_eq!(ids[0], first_ids[0], "the Encounter keeps its id");
    assert_eq!(ids.iter().filter(|i| !first_ids.contains(i)).count(), 1, "{ids:?} {first_ids:?}");
    // The results no longer in the check (heart rate, waist ...) are marked entered-in-error.
    assert!(update["statuses"].as_array().unwrap().iter().any(|s| s == "entered-in-error"));
    assert!(update["statuses"].as_array().unwrap().iter().any(|s| s == "amended"));
    let statuses: Vec<&str> = update["statuses"].as_array().unwrap().iter().map(|s| s.as_str().unwrap_or("")).collect();
    let smoking = codes.iter().position(|c| *c == "72166-2").unwrap();
    assert_eq!(statuses[smoking], "final", "a new result is created as final");
    assert_received_once(&server, &store);
}

#[test]
fn an_amendment_after_a_lost_answer_updates_what_the_server_has_and_creates_no_copies() {
    let Some(mut server) = FakeSatusehat::start() else { return };
    let (_d, mut store, checks) = clinic(1);
    // The server stores the first version, then the connection dies: the entry is in doubt.
    server.control(json!({"version": 2, "post": ["commit-drop"]}));
    let settings = server.settings(satusehat::SECRET, std::time::Duration::from_secs(5));
    let mut client = Client::new(&settings).unwrap();
    run_once(&mut store, &mut client, &settings, t0()).unwrap();
    assert!(store.outbox_for_check(checks[0]).unwrap().unwrap().in_doubt);
    // Amended meanwhile: a new entry, an update of what the server may have.
    let subject = Subject { group: AgeGroup::Adult, age: 46, female: true };
    let config = loket::config::Config::default();
    loket::ops::ckg::amend_check(&mut store, &config, &Actor::user(2, "bidan"), checks[0], &subject, &entries_with(610, Finding::Positive), "TB positif", t0()).unwrap();
    assert_eq!(store.outbox_entries().unwrap().len(), 2);
    let round = run_once(&mut store, &mut client, &settings, t0() + Duration::hours(2)).unwrap();
    assert_eq!((round.sent, round.found_on_server), (2, 1), "{round:?}");
    // The Observations were looked up by the Encounter, and updated in place.
    assert_eq!(server.events("search").iter().filter(|s| s["resource"] == "Observation").count(), 1);
    let update = server.events("bundle").into_iter().last().unwrap();
    assert_eq!(update["valid"], true, "{update}");
    let methods: Vec<&str> = update["methods"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    let codes: Vec<&str> = update["codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap_or("")).collect();
    let created: Vec<&str> = methods.iter().zip(&codes).filter(|(m, _)| **m == "POST").map(|(_, c)| *c).collect();
    assert_eq!(created, ["72166-2"], "only the new smoking answer is created: {methods:?} {codes:?}");
    assert_received_once(&server, &store);
}

/// HTTPS as the real service speaks it: the authorities trusted are those of `[satusehat]
/// ca_file` (the system's bundle unless set). A server whose certificate no trusted authority
/// signed gets nothing (the entries wait), and a missing file is named in the message.
#[test]
fn https_trusts_only_the_authorities_of_the_ca_file() {
    let keys = tempfile::tempdir().unwrap();
    let Some((ca, cert, key)) = satusehat::make_certificates(keys.path(), "site") else { return };
    let (other_ca, _, _) = satusehat::make_certificates(keys.path(), "other").unwrap();
    let Some(server) = FakeSatusehat::start_tls(&cert, &key) else { return };
    let (_d, mut store, _) = clinic(2);
    let mut settings = server.settings(satusehat::SECRET, std::time::Duration::from_secs(5));
    settings.base_url = format!("https://127.0.0.1:{}", server.port);

    // Signed by an authority the site does not trust: refused by TLS, nothing sent, all waiting.
    settings.ca_file = other_ca;
    let mut client = Client::new(&settings).unwrap();
    let round = run_once(&mut store, &mut client, &settings, t0()).unwrap();
    match &round.stopped {
        Some(SyncError::Network(m)) => assert!(m.to_lowercase().contains("certificate"), "{m}"),
        other => panic!("expected a certificate refusal, got {other:?}"),
    }
    assert_eq!(statuses(&store), vec![OutboxStatus::Pending; 2]);
    assert!(server.events("bundle").is_empty(), "nothing reached the server");

    // No such file: a clear message naming the setting.
    settings.ca_file = keys.path().join("missing.pem");
    let e = Client::new(&settings).unwrap_err();
    let msg = e.message(&loket::text::Text::new(loket::text::Lang::En));
    assert!(msg.starts_with("satusehat.ca_file: ") && msg.contains("missing.pem"), "{msg}");

    // The site's authority: both checks go, once each (after the backoff of the refused try).
    settings.ca_file = ca;
    let mut client = Client::new(&settings).unwrap();
    let round = run_once(&mut store, &mut client, &settings, t0() + Duration::hours(2)).unwrap();
    assert_eq!((round.sent, round.stopped.clone()), (2, None), "{round:?}");
    assert_eq!(statuses(&store), vec![OutboxStatus::Sent; 2]);
    assert_received_once(&server, &store);
}
