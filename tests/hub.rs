//! The district hub against a real PostgreSQL server (a private cluster per test, see
//! tests/support/pg.rs): the hub's migrations from every earlier version, a resend that doubles
//! nothing, a week offline caught up, two sites at once, a site refused when it writes another
//! site's rows, each bad input with its message (wrong password, a site id bound to another
//! installation, a clock far off, no hub at all), TLS, the CKG counts without a person in them,
//! a consultation, its referral and a loan installment in the district report without a person
//! in them, and the counter's background sender. The commands and views are in tests/hub_views.rs.

#[path = "support/pg.rs"]
mod pg;
#[path = "support/hub_sites.rs"]
mod hub_sites;

use chrono::{Duration, NaiveDate, Utc};
use hub_sites::*;
use loket::config::Config;
use loket::hub::conn::{connect, Target};
use loket::hub::{admin, report, schema, sender, HubError};
use loket::store::{Actor, Store};
use pg::Pg;

#[test]
fn the_hub_migrates_from_every_earlier_schema_version_and_keeps_what_was_sent() {
    let Some(pg) = Pg::start() else { return };
    for from in 0..schema::VERSION {
        let db = format!("hub_from_{from}");
        pg.create_db(&db);
        let mut c = admin_client(&pg, &db);
        assert_eq!(schema::migrate_to(&mut c, from).unwrap(), (0, from));
        assert_eq!(schema::version(&mut c).unwrap(), from);
        if from >= 1 {
            // A figure that arrived under the old schema.
            // Registered as the Loket of that schema did (roles are the cluster's: one per round).
            c.batch_execute(&format!(
                "CREATE ROLE loket_site_old{from} LOGIN PASSWORD 'pw-OLD{from}' IN ROLE loket_site;
                 INSERT INTO loket_hub.sites(site_id, role_name) VALUES ('OLD{from}', 'loket_site_old{from}');
                 SELECT loket_hub.ensure_month('2026-03-01');
                 INSERT INTO loket_hub.figures(site_id, seq, kind, key, day, payload, recorded_at)
                 VALUES ('OLD{from}', 1, 'day', '2026-03-02', '2026-03-02', '{{\"sales\": {{\"n\": 1, \"amount\": 100}}}}', now()),
                        ('OLD{from}', 2, 'day', '2026-03-02', '2026-03-02', '{{\"sales\": {{\"n\": 2, \"amount\": 250}}, \"queue\": {{\"A\": {{\"taken\": 4}}, \"B\": {{\"taken\": 1}}}}}}', now())"
            ))
            .unwrap();
        }
        // A site at this Loket refuses the old hub with its version in the message.
        let mut s = site(&pg, &db, &format!("OLD{from}"), false);
        if from >= 1 {
            match sender::join(&mut s.store, &Actor::system("test"), &s.link, Utc::now()) {
                Err(HubError::OldSchema { found, needed }) => assert_eq!((found, needed), (from, schema::VERSION)),
                other => panic!("expected the old schema to be named, got {other:?}"),
            }
        }
        assert_eq!(schema::migrate_to(&mut c, schema::VERSION).unwrap(), (from, schema::VERSION));
        // Again: nothing to do.
        assert_eq!(schema::migrate_to(&mut c, schema::VERSION).unwrap(), (schema::VERSION, schema::VERSION));
        if from >= 1 {
            let amount: String = c.query_one("SELECT payload->'sales'->>'amount' FROM loket_hub.day_latest WHERE site_id = $1", &[&format!("OLD{from}")]).unwrap().get(0);
            assert_eq!(amount, "250", "the latest figure of schema 1 is read into schema 2");
            // Sent before sites added up their services: the hub adds them up (schema 3).
            let row = c.query_one("SELECT sales_amount, queue_taken FROM loket_hub.day_latest WHERE site_id = $1", &[&format!("OLD{from}")]).unwrap();
            assert_eq!((row.get::<_, i64>(0), row.get::<_, i64>(1)), (250, 5));
            join(&mut s);
        }
    }
}

#[test]
fn a_resend_after_a_lost_answer_doubles_nothing() {
    let Some(pg) = Pg::start() else { return };
    hub(&pg, "hub");
    let mut s = site(&pg, "hub", "KAL01", true);
    let queued = join(&mut s);
    assert!(queued > 0, "the demo's history and stock are queued at join");
    // The hub commits a batch but its answer is lost: the site never marks it sent.
    let link = s.store.hub_link().unwrap().unwrap();
    let mut c = sender::connect_link(&link).unwrap();
    let batch = s.store.hub_pending(50).unwrap();
    sender::send_batch(&mut c, "KAL01", &batch).unwrap();
    let after_first = hub_rows(&pg, "hub", "KAL01");
    assert_eq!(after_first, batch.len() as i64);
    // The next round sends everything again, oldest first, the first 50 included.
    let round = sender::run_once(&mut s.store, Utc::now()).unwrap();
    assert_eq!(round.stopped, None);
    assert_eq!(round.sent, queued);
    assert_eq!(hub_rows(&pg, "hub", "KAL01"), queued as i64, "every figure is on the hub once");
    assert_eq!(s.store.hub_counts().unwrap().pending, 0);
    // Sending again changes nothing either.
    sender::send_batch(&mut c, "KAL01", &batch).unwrap();
    assert_eq!(hub_rows(&pg, "hub", "KAL01"), queued as i64);
    // The district's sales total is the site's own.
    let (from, to) = (Utc::now().date_naive() - Duration::days(60), Utc::now().date_naive() + Duration::days(1));
    let local = s.store.summary(from, to, to, 30).unwrap();
    let r = report::district(&mut admin_client(&pg, "hub"), from, to, 30, None).unwrap();
    assert_eq!(r.total.sales_amount, local.sales.total, "district total = the site's total");
    assert_eq!(r.total.returns_amount, local.sales.returned);
    assert!(!r.expiring.is_empty() || local.stock_alerts.is_empty());
}

#[test]
fn a_site_offline_for_a_week_catches_up_and_nothing_is_lost() {
    let Some(pg) = Pg::start() else { return };
    hub(&pg, "hub");
    let mut s = site(&pg, "hub", "KAL01", false);
    join(&mut s);
    sender::run_once(&mut s.store, Utc::now()).unwrap();
    pg.pause();
    let today = Utc::now().date_naive();
    let mut expected = Vec::new();
    for d in (0..7).rev() {
        let day = today - Duration::days(d);
        tickets(&mut s.store, day, 3 + d as usize);
        expected.push((day.to_string(), 3 + d));
        // The background sender's rounds meet no hub: the figures wait, the pause grows.
        let round = sender::run_once(&mut s.store, Utc::now()).unwrap();
        assert!(round.paused || matches!(round.stopped, Some(HubError::Network(_))), "{round:?}");
    }
    let link = s.store.hub_link().unwrap().unwrap();
    assert!(link.next_try_at.is_some() && link.last_error.as_deref().unwrap_or("").starts_with("network"));
    let pending = s.store.hub_counts().unwrap().pending;
    // One figure per day waits (a newer one replaces the older unsent one of its day).
    assert!(pending >= 7, "each day's figures wait: {pending}");
    pg.resume();
    // Still pausing: a round before the pause ends tries nothing.
    assert!(sender::run_once(&mut s.store, Utc::now()).unwrap().paused);
    s.store.hub_due_now().unwrap();
    let round = sender::run_once(&mut s.store, Utc::now()).unwrap();
    assert_eq!((round.sent as i64, round.stopped), (pending, None));
    assert_eq!(hub_taken(&pg, "hub", "KAL01"), expected);
}

#[test]
fn two_sites_sending_at_once_each_land_whole() {
    let Some(pg) = Pg::start() else { return };
    hub(&pg, "hub");
    let today = Utc::now().date_naive();
    let workers: Vec<_> = ["KAL01", "KAL02"]
        .into_iter()
        .map(|id| {
            let mut s = site(&pg, "hub", id, false);
            join(&mut s);
            std::thread::spawn(move || {
                for i in 0..40 {
                    tickets(&mut s.store, today - Duration::days(i % 5), 1);
                    sender::run_once(&mut s.store, Utc::now()).unwrap();
                }
                s.store.hub_due_now().unwrap();
                let round = sender::run_once(&mut s.store, Utc::now()).unwrap();
                assert_eq!(round.stopped, None);
                assert_eq!(s.store.hub_counts().unwrap().pending, 0);
                s
            })
        })
        .collect();
    let sites: Vec<Site> = workers.into_iter().map(|w| w.join().unwrap()).collect();
    for s in &sites {
        let taken: i64 = hub_taken(&pg, "hub", &s.link.site_id).iter().map(|(_, n)| n).sum();
        assert_eq!(taken, 40, "{}", s.link.site_id);
        assert_eq!(hub_rows(&pg, "hub", &s.link.site_id), s.store.hub_counts().unwrap().sent);
    }
}

#[test]
fn a_site_writing_another_sites_rows_is_refused_by_the_server() {
    let Some(pg) = Pg::start() else { return };
    hub(&pg, "hub");
    let mut s = site(&pg, "hub", "KAL01", false);
    join(&mut s);
    tickets(&mut s.store, Utc::now().date_naive(), 2);
    let link = s.store.hub_link().unwrap().unwrap();
    let mut c = sender::connect_link(&link).unwrap();
    let batch = s.store.hub_pending(10).unwrap();
    match sender::send_batch(&mut c, "KAL02", &batch) {
        Err(HubError::Refused(m)) => assert!(m.contains("row-level security"), "{m}"),
        other => panic!("another site's rows were not refused: {other:?}"),
    }
    assert_eq!(hub_rows(&pg, "hub", "KAL02"), 0);
    // Nor may a site read the district's figures, or change the sites.
    assert!(c.query("SELECT * FROM loket_hub.figures", &[]).is_err());
    assert!(c.execute("UPDATE loket_hub.sites SET name = 'x'", &[]).is_err());
    // A supervisor reads everything and writes nothing.
    admin::add_reader(&mut admin_client(&pg, "hub"), "camat", "pw-camat").unwrap();
    let mut r = connect(&Target { url: &pg.url("hub"), user: Some("camat"), password: Some("pw-camat"), ca_file: None }).unwrap();
    sender::run_once(&mut s.store, Utc::now()).unwrap();
    let n: i64 = r.query_one("SELECT count(*) FROM loket_hub.figures", &[]).unwrap().get(0);
    assert!(n > 0);
    assert!(r.execute("DELETE FROM loket_hub.figures", &[]).is_err());
    assert!(sender::send_batch(&mut r, "KAL01", &batch).is_err());
}

#[test]
fn bad_input_each_gets_its_message_and_nothing_is_lost_or_sent_twice() {
    let Some(pg) = Pg::start() else { return };
    hub(&pg, "hub");
    let t = loket::text::Text::new(loket::text::Lang::En);
    // A wrong password.
    let mut s = site(&pg, "hub", "KAL01", false);
    std::fs::write(&s.link.password_file, "wrong").unwrap();
    let e = sender::join(&mut s.store, &Actor::system("test"), &s.link, Utc::now()).unwrap_err();
    assert_eq!(e, HubError::Credentials);
    assert!(e.message(&t).contains("refused the user name or password"));
    assert!(s.store.hub_link().unwrap().is_none(), "a refused join records nothing");
    std::fs::write(&s.link.password_file, "pw-KAL01").unwrap();
    join(&mut s);
    // A password file others can read.
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&s.link.password_file, std::fs::Permissions::from_mode(0o644)).unwrap();
        let round = sender::run_once(&mut s.store, Utc::now()).unwrap();
        assert!(matches!(round.stopped, Some(HubError::Secret(_))));
        std::fs::set_permissions(&s.link.password_file, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    // The same site id from another installation.
    let mut other = site(&pg, "hub", "KAL01", false);
    let e = sender::join(&mut other.store, &Actor::system("test"), &other.link, Utc::now()).unwrap_err();
    assert!(matches!(e, HubError::BoundElsewhere(_)), "{e:?}");
    assert!(e.message(&t).contains("already bound to another installation"));
    // A clock a day ahead: nothing is sent, the figures wait.
    tickets(&mut s.store, Utc::now().date_naive(), 2);
    s.store.hub_due_now().unwrap();
    let before = s.store.hub_counts().unwrap();
    let round = sender::run_once(&mut s.store, Utc::now() + Duration::days(1)).unwrap();
    match &round.stopped {
        Some(e @ HubError::ClockOff(skew)) => {
            assert!((86_000..87_000).contains(skew), "{skew}");
            assert!(e.message(&t).contains("24 h 0 min off"), "{}", e.message(&t));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s.store.hub_counts().unwrap(), before);
    assert_eq!(hub_rows(&pg, "hub", "KAL01"), 0);
    // With the clock right, everything goes once.
    s.store.hub_due_now().unwrap();
    let round = sender::run_once(&mut s.store, Utc::now()).unwrap();
    assert_eq!((round.sent as i64, round.stopped), (before.pending, None));
    // No hub at this address: a network problem, tried later.
    let e = connect(&Target { url: "postgresql://127.0.0.1:1/hub?sslmode=disable", user: Some("x"), password: Some("y"), ca_file: None }).err().unwrap();
    assert!(matches!(e, HubError::Network(_)), "{e:?}");
    assert!(e.message(&t).contains("cannot be reached"));
    // The hub was never migrated.
    pg.create_db("empty");
    let e = connect(&Target { url: &pg.admin_url("empty"), ..Default::default() })
        .and_then(|mut c| sender::hello(&mut c, "x", Utc::now()))
        .unwrap_err();
    assert_eq!(e, HubError::OldSchema { found: 0, needed: schema::VERSION });
}

fn ckg_check(store: &mut Store, examiner: i64, i: usize, referral_bp: bool) -> (String, String) {
    use loket::domain::ckg::{AgeGroup, Entries, Finding, Measure, Subject};
    let nik = format!("32041245088{:05}", i + 1);
    let fields = loket::domain::patient::PatientFields {
        nik: Some(nik.clone()),
        name: format!("Siti Rahmawati {i}"),
        sex: "P".into(),
        birth_date: NaiveDate::from_ymd_opt(1980, 1, 1 + (i % 28) as u32),
        ..Default::default()
    };
    let p = store.register_patient(&Actor::system("test"), &fields, "RM-", 7, Utc::now()).unwrap().unwrap();
    let systolic = if referral_bp { 190 } else { 118 };
    let entries = Entries {
        measures: vec![(Measure::Weight, 600), (Measure::Height, 1585), (Measure::Systolic, systolic), (Measure::Diastolic, 80), (Measure::Glucose, 104)],
        screens: vec![("tb".into(), Finding::Normal)],
        fasted: false,
    };
    let now = Utc::now();
    loket::ops::ckg::finish_check(
        store,
        &Config::default(),
        &Actor::user(examiner, "bidan"),
        &loket::ops::ckg::CheckFacts {
            patient_id: p.id,
            patient_name: &p.name,
            record_no: &p.rm_number,
            ticket_id: None,
            subject: Subject { group: AgeGroup::Adult, age: 46, female: true },
            started: now - Duration::minutes(8),
            examiner: "bidan",
        },
        &entries,
        now,
    )
    .unwrap();
    (p.name, nik)
}

#[test]
fn ckg_counts_reach_the_hub_and_no_name_or_nik_leaves_the_site() {
    let Some(pg) = Pg::start() else { return };
    hub(&pg, "hub");
    let mut s = site(&pg, "hub", "KAL01", true);
    join(&mut s);
    let nurse = s.store.create_user(&Actor::system("test"), "bidan", "Bidan Ani", loket::domain::user::Role::Clerk, "1357", Utc::now()).unwrap();
    let people: Vec<(String, String)> = (0..4).map(|i| ckg_check(&mut s.store, nurse, i, i == 3)).collect();
    let round = sender::run_once(&mut s.store, Utc::now()).unwrap();
    assert_eq!(round.stopped, None);
    let today = Utc::now().date_naive();
    let r = report::district(&mut admin_client(&pg, "hub"), today, today, 30, None).unwrap();
    let kal = &r.sites[0];
    assert_eq!((kal.ckg_checks, kal.ckg_year, kal.target_population), (4, 4, Some(1200)));
    assert!(kal.ckg_referred >= 1, "the high blood pressure is referred: {kal:?}");
    // Everything the hub received, searched for each person's name and NIK.
    let all: Vec<String> = admin_client(&pg, "hub")
        .query("SELECT payload::text FROM loket_hub.figures", &[])
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert!(!all.is_empty());
    for (name, nik) in &people {
        assert!(!all.iter().any(|p| p.contains(name.as_str()) || p.contains(nik.as_str())), "{name} or {nik} left the site");
    }
    assert!(!all.iter().any(|p| p.contains("KMP-")), "no member number leaves the site");
}

#[test]
fn a_new_months_partition_made_by_many_sites_at_once_is_made_once() {
    let Some(pg) = Pg::start() else { return };
    hub(&pg, "hub");
    // (Found by benches/hub.rs: the catalog lookup may not see another session's new partition.)
    const THREADS: usize = 8;
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(THREADS));
    let workers: Vec<_> = (0..THREADS)
        .map(|_| {
            let url = pg.admin_url("hub");
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let mut c = connect(&Target { url: &url, ..Default::default() }).unwrap();
                for m in 0..12 {
                    let month = format!("2031-{:02}-01", m + 1);
                    barrier.wait();
                    c.execute("SELECT loket_hub.ensure_month($1::text::date)", &[&month]).unwrap();
                }
            })
        })
        .collect();
    for w in workers {
        w.join().unwrap();
    }
    let n: i64 = admin_client(&pg, "hub").query_one("SELECT count(*) FROM pg_class WHERE relkind = 'r' AND relname LIKE 'figures_2031%'", &[]).unwrap().get(0);
    assert_eq!(n, 12);
}

#[test]
fn the_counters_background_sender_sends_without_being_asked() {
    let Some(pg) = Pg::start() else { return };
    hub(&pg, "hub");
    let mut s = site(&pg, "hub", "KAL01", false);
    join(&mut s);
    tickets(&mut s.store, Utc::now().date_naive(), 2);
    assert!(s.store.hub_counts().unwrap().pending > 0);
    // The thread the counter app starts: its first round runs at once, on its own connection.
    let handle = sender::start(s.store.path().to_path_buf()).expect("a joined site starts its sender");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while s.store.hub_counts().unwrap().pending > 0 {
        assert!(std::time::Instant::now() < deadline, "the background sender sent nothing");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(hub_taken(&pg, "hub", "KAL01").iter().map(|(_, n)| n).sum::<i64>(), 2);
    drop(handle);
    // A site that joined no hub starts no sender.
    let other = site(&pg, "hub", "KAL02", false);
    assert!(sender::start(other.store.path().to_path_buf()).is_none());
}

#[test]
fn the_hub_is_reached_over_tls_checked_against_its_ca() {
    let Some(pg) = Pg::start_tls() else { return };
    let url = format!("postgresql://postgres:{}@127.0.0.1:{}/postgres?sslmode=require", pg::ADMIN_PASSWORD, pg.port);
    let ca = pg.ca_file();
    let mut c = connect(&Target { url: &url, ca_file: Some(&ca), ..Default::default() }).unwrap();
    let ssl: bool = c.query_one("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", &[]).unwrap().get(0);
    assert!(ssl, "the connection is encrypted");
    // Against the public roots the test CA is unknown: refused, and said as a connection problem.
    match connect(&Target { url: &url, ..Default::default() }) {
        Err(HubError::Network(m)) => assert!(m.to_lowercase().contains("tls") || m.to_lowercase().contains("certificate"), "{m}"),
        Err(e) => panic!("{e:?}"),
        Ok(_) => panic!("a certificate from an unknown CA was accepted"),
    }
}

#[test]
fn a_site_restored_from_an_older_backup_numbers_its_figures_after_the_hubs() {
    let Some(pg) = Pg::start() else { return };
    hub(&pg, "hub");
    let mut s = site(&pg, "hub", "KAL01", false);
    join(&mut s);
    let today = Utc::now().date_naive();
    tickets(&mut s.store, today, 1);
    sender::run_once(&mut s.store, Utc::now()).unwrap();
    // The backup of this moment, with its site secret beside it.
    let backup = s._dir.path().join("backup.db");
    s.store.copy_into(&backup).unwrap();
    std::fs::copy(loket::store::secret::key_path(s.store.path()), loket::store::secret::key_path(&backup)).unwrap();
    // More work, sent: the hub now has numbers the backup never used.
    for d in 0..=2 {
        tickets(&mut s.store, today - Duration::days(d), 2);
    }
    sender::run_once(&mut s.store, Utc::now()).unwrap();
    // The backup goes back in place; today's work goes on from it.
    let mut restored = Store::open(&backup, loket::store::OpenMode::Existing).unwrap();
    tickets(&mut restored, today, 1);
    let round = sender::run_once(&mut restored, Utc::now()).unwrap();
    assert_eq!((round.sent, round.stopped), (1, None));
    let taken = hub_taken(&pg, "hub", "KAL01");
    // The restored file's today (1 + 1) replaces the lost one's (1 + 2): neither dropped as a
    // number the hub had nor outranked by the lost one's higher numbers.
    assert_eq!(taken.last(), Some(&(today.to_string(), 2)), "{taken:?}");
    assert_eq!(taken.len(), 3);
}

/// A person registered on the site: (name, NIK, record number, birth date as stored).
fn person(store: &mut Store, i: usize, born: NaiveDate) -> (i64, [String; 4]) {
    let nik = format!("64020512077{:05}", i + 1);
    let fields = loket::domain::patient::PatientFields {
        nik: Some(nik.clone()),
        name: format!("Yohanes Pranata {i}"),
        sex: "L".into(),
        birth_date: Some(born),
        ..Default::default()
    };
    let p = store.register_patient(&Actor::system("test"), &fields, "RM-", 7, Utc::now()).unwrap().unwrap();
    (p.id, [p.name, nik, p.rm_number, born.to_string()])
}

/// What a site's day holds that the people must not be found by: a consultation with a referral
/// and a member's loan with its first installment. Their private words and the payment.
struct ClinicAndLoan {
    private: Vec<String>,
    paid: loket::store::loans::Paid,
}

fn clinic_and_loan(s: &mut Site) -> ClinicAndLoan {
    use loket::domain::consult::{Entered, Outcome, ReferralRequest};
    use loket::ops::consult::{finish_consultation, NewConsultation};
    use loket::ops::members::Approval;
    use loket::store::members::Money;
    let config = Config::default();
    let now = Utc::now();
    // An elderly patient seen by the doctor for a long cough, referred to the Puskesmas.
    let (patient, private) = person(&mut s.store, 0, NaiveDate::from_ymd_opt(1950, 3, 14).unwrap());
    let dewi = s.store.user("dewi").unwrap().unwrap();
    let visit = NewConsultation {
        patient_id: patient,
        ticket_id: None,
        started: now - Duration::minutes(10),
        complaint: "Batuk berdahak dua minggu".into(),
        history: "Perokok berat".into(),
        note: "Ronki kanan bawah".into(),
        vitals: vec![],
        diagnoses: vec![Entered { code: "J06.9".into(), primary: true }],
        outcome: Outcome::Referral,
        follow_up: None,
        allergies: vec![],
        prescription: vec![],
        referral: Some(ReferralRequest { facility_code: "PKM".into(), reason: "Curiga TB paru".into(), findings: "Ronki".into() }),
    };
    finish_consultation(&mut s.store, &config, &dewi, &visit, now).unwrap();
    // Another person joins as a member (pokok), borrows, and pays the first installment.
    let (member_person, member_private) = person(&mut s.store, 1, NaiveDate::from_ymd_opt(1988, 7, 2).unwrap());
    let budi = s.store.user("budi").unwrap().unwrap();
    loket::ops::shifts::open(&mut s.store, &config, &budi.actor(), 2_000_000, now).unwrap();
    let (card, _) = loket::ops::members::register(&mut s.store, &config, &budi, member_person, "Maria", "istri", &Money::Cash, now).unwrap();
    let loan = loket::ops::loans::apply(&mut s.store, &config, &budi, card.id, "Pinjaman Umum", 1_000_000, 3, None, now).unwrap();
    loket::ops::loans::approve(&mut s.store, &config, &budi, &loan.number, Some(&Approval { name: "joko".into(), pin: "4444".into() }), now).unwrap().unwrap();
    loket::ops::loans::disburse(&mut s.store, &config, &budi, &loan.number, now).unwrap();
    let paid = loket::ops::loans::pay(&mut s.store, &config, &budi, &loan.number, 50_000, &Money::Cash, now).unwrap();
    assert!(paid.split.total().principal > 0);
    let said = ["Batuk berdahak", "Perokok", "Ronki", "Curiga TB", "Maria", card.member_no.as_str(), loan.number.as_str()];
    let private = private.iter().chain(member_private.iter()).map(String::as_str).chain(said).map(String::from).collect();
    ClinicAndLoan { private, paid }
}

/// Everything the hub received.
fn hub_payloads(pg: &Pg) -> Vec<String> {
    admin_client(pg, "hub").query("SELECT payload::text FROM loket_hub.figures", &[]).unwrap().iter().map(|row| row.get(0)).collect()
}

#[test]
fn a_consultation_and_a_loan_installment_reach_the_district_report_and_no_person_leaves_the_site() {
    let Some(pg) = Pg::start() else { return };
    hub(&pg, "hub");
    let mut s = site(&pg, "hub", "KAL01", true);
    join(&mut s);
    let ClinicAndLoan { private, paid } = clinic_and_loan(&mut s);
    let round = sender::run_once(&mut s.store, Utc::now()).unwrap();
    assert_eq!(round.stopped, None);

    let today = Utc::now().date_naive();
    let r = report::district(&mut admin_client(&pg, "hub"), today - Duration::days(1), today + Duration::days(1), 30, None).unwrap();
    let kal = &r.sites[0];
    assert_eq!((kal.consultations, kal.clinic_referrals), (1, 1), "{kal:?}");
    assert_eq!(r.consultation_groups.iter().map(|g| (g.group.as_str(), g.n)).collect::<Vec<_>>(), vec![("elderly", 1)]);
    assert_eq!(r.referrals.len(), 1);
    assert_eq!((r.referrals[0].facility.as_str(), r.referrals[0].from_consultation, r.referrals[0].total), ("PKM", 1, 1));
    assert_eq!((kal.loans_disbursed, kal.installments), (1_000_000, 50_000), "{kal:?}");
    assert_eq!(kal.outstanding, paid.principal_left);
    assert_eq!(kal.overdue, 0);
    assert!(kal.savings_in >= 100_000 && kal.savings_balance == kal.savings_in - kal.savings_out, "{kal:?}");
    assert_eq!((r.total.installments, r.total.outstanding, r.total.consultations), (50_000, kal.outstanding, 1));
    // Later, unpaid: the same loan graded as of a day 130 days on (its first installment, due a
    // month after the disbursement, about 100 days overdue: kurang lancar, over 90).
    let later = (today + Duration::days(130)).to_string();
    let p = s.store.write(|tx| loket::store::hub_figures_money::money_payload(tx, &later)).unwrap();
    assert_eq!(p["outstanding"]["kurang_lancar"]["principal"].as_i64(), Some(paid.principal_left), "{p}");
    assert_eq!(p["totals"]["overdue"].as_i64(), Some(paid.principal_left));
    assert_eq!(p["installments"]["n"].as_i64(), Some(0), "that day's flows are that day's");
    // 130 days on, a ticket is the day's first figure: the day's money goes with it, graded.
    tickets(&mut s.store, today + Duration::days(130), 1);
    assert_eq!(sender::run_once(&mut s.store, Utc::now()).unwrap().stopped, None);
    let r2 = report::district(&mut admin_client(&pg, "hub"), today + Duration::days(130), today + Duration::days(130), 30, None).unwrap();
    assert_eq!((r2.sites[0].outstanding, r2.sites[0].overdue, r2.sites[0].installments), (paid.principal_left, paid.principal_left, 0), "{:?}", r2.sites[0]);
    // The district's text shows them within 76 columns.
    let t = loket::text::Text::new(loket::text::Lang::En);
    let lines = loket::hub::report_text::lines(&t, &r);
    assert!(lines.iter().all(|l| l.chars().count() <= 76), "{lines:#?}");
    assert!(lines.iter().any(|l| l.starts_with("KAL01") && l.contains("50.000") && l.contains("1.000.000")), "{lines:#?}");
    assert!(lines.iter().any(|l| l.contains("elderly 1")), "{lines:#?}");

    // Everything the hub received, searched for the people, their record and what was said.
    let all = hub_payloads(&pg);
    assert!(all.iter().any(|p| p.contains(r#""chapters": {"J": 1}"#)), "the day's diagnoses are counted by chapter (jsonb as the hub stores it)");
    assert!(!all.iter().any(|p| p.contains("J06.9")), "the diagnosis code itself stays on the site");
    for private in &private {
        assert!(!all.iter().any(|p| p.contains(private)), "{private} left the site");
    }
}

#[test]
fn a_site_joining_after_its_clinic_and_loans_began_sends_those_days_too() {
    let Some(pg) = Pg::start() else { return };
    hub(&pg, "hub");
    let mut s = site(&pg, "hub", "KAL02", true);
    let ClinicAndLoan { private, paid } = clinic_and_loan(&mut s);
    join(&mut s);
    assert_eq!(sender::run_once(&mut s.store, Utc::now()).unwrap().stopped, None);
    let today = Utc::now().date_naive();
    let r = report::district(&mut admin_client(&pg, "hub"), today - Duration::days(1), today + Duration::days(1), 30, Some("")).unwrap();
    let kal = r.sites.iter().find(|x| x.site_id == "KAL02").unwrap();
    assert_eq!((kal.consultations, kal.clinic_referrals, kal.installments, kal.outstanding), (1, 1, 50_000, paid.principal_left), "{kal:?}");
    let all = hub_payloads(&pg);
    for private in &private {
        assert!(!all.iter().any(|p| p.contains(private.as_str())), "{private} left the site");
    }
}
