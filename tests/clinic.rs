//! The examination room and the pharmacy on a real store: who may examine, the diagnoses from
//! the shipped list, the prescription's quantities, warnings and stock, the ticket sent on to the
//! pharmacy, dispensing (first expiry first, partial, substitution, more than prescribed, free
//! programme drugs), referral letters and their answers, the supervisor's figures, and the audit
//! log intact after all of it. Each refusal leaves nothing behind.

mod common;
use common::*;
use loket::config::Config;
use loket::domain::cart::{Method, Tender};
use loket::domain::ckg::Measure;
use loket::domain::consult::{Entered, Outcome};
use loket::domain::rx::{Order, Route, Warning};
use loket::ops::consult::{finish_consultation, NewConsultation, ReferralRequest, RxLine};
use loket::store::clinic::dispense::HandOut;
use loket::store::clinic::ClinicRefusal;
use loket::store::{Store, StoreError};
use loket::store::users::User;

fn user(store: &Store, name: &str) -> User {
    store.user(name).unwrap().unwrap()
}

fn product(store: &Store, name: &str) -> i64 {
    store.catalog().unwrap().into_iter().find(|p| p.name == name).unwrap_or_else(|| panic!("{name}")).id
}

fn order(dose: i64, per_day: i64, days: i64) -> Order {
    Order { dose_milli: dose, per_day, days, route: Route::Oral, after_meals: true }
}

fn config() -> Config {
    let mut c = demo_config();
    c.printer.transport = loket::print::TransportConfig::File("/dev/null".into());
    c.clinic.facilities = vec![
        loket::config::clinic::Facility { code: "PKM01".into(), name: "Puskesmas Sukamaju".into(), kind: "puskesmas".into() },
        loket::config::clinic::Facility { code: "RSUD".into(), name: "RSUD Kabupaten".into(), kind: "hospital".into() },
    ];
    c
}

/// A consultation of patient 1 for a cold, with paracetamol.
fn visit(store: &Store, ticket: Option<i64>) -> NewConsultation {
    NewConsultation {
        patient_id: 1,
        ticket_id: ticket,
        started: fixed_now() - chrono::Duration::minutes(10),
        complaint: "Demam dan batuk 3 hari".into(),
        history: "Tidak ada riwayat penyakit berat".into(),
        note: "Tenggorokan merah".into(),
        vitals: vec![(Measure::Systolic, 118), (Measure::Diastolic, 76), (Measure::Temperature, 381), (Measure::HeartRate, 88)],
        diagnoses: vec![Entered { code: "J06.9".into(), primary: true }],
        outcome: Outcome::Prescription,
        follow_up: None,
        allergies: vec![],
        prescription: vec![RxLine { product_id: product(store, "Parasetamol 500 mg"), order: order(1000, 3, 5) }],
        referral: None,
    }
}

fn clinic_refusal(e: StoreError) -> ClinicRefusal {
    match e {
        StoreError::Clinic(r) => r,
        other => panic!("expected a clinic refusal, got {other:?}"),
    }
}

fn counts(store: &Store) -> (usize, usize, usize) {
    let outbox = store.outbox_entries().unwrap().len();
    let waiting = store.waiting_prescriptions(100).unwrap().len();
    let audit = store.recent_audit(100_000).unwrap().len();
    (outbox, waiting, audit)
}

#[test]
fn only_an_examiner_with_a_licence_opens_a_consultation() {
    let (_d, mut store) = demo_store();
    let cfg = config();
    let before = counts(&store);
    let siti = user(&store, "siti");
    let c = visit(&store, None);
    assert_eq!(clinic_refusal(finish_consultation(&mut store, &cfg, &siti, &c, fixed_now()).unwrap_err()), ClinicRefusal::NotExaminer);
    // An examiner without a profession and licence on record is refused too.
    let admin = user(&store, "admin");
    loket::ops::users::change(&mut store, &admin, &loket::domain::user::UserChange::Add { name: "nur".into(), full_name: "Nur".into(), role: loket::domain::user::Role::Examiner, pin: "7777".into() }, fixed_now())
        .unwrap()
        .unwrap();
    let nur = user(&store, "nur");
    assert_eq!(clinic_refusal(finish_consultation(&mut store, &cfg, &nur, &c, fixed_now()).unwrap_err()), ClinicRefusal::NotExaminer);
    assert_eq!(counts(&store).0, before.0);
    assert_eq!(counts(&store).1, before.1);
    // Once the admin records her as a midwife with a licence she may.
    loket::ops::referrals::set_health_worker(&mut store, &admin, "nur", loket::domain::consult::Profession::Midwife, "446/12/SIPB/2026", fixed_now()).unwrap();
    finish_consultation(&mut store, &cfg, &nur, &c, fixed_now()).unwrap();
    assert_eq!(store.examiner(nur.id).unwrap().unwrap().licence_no, "446/12/SIPB/2026");
}

#[test]
fn bad_input_is_refused_with_nothing_saved() {
    let (_d, mut store) = demo_store();
    let cfg = config();
    let dewi = user(&store, "dewi");
    let before = counts(&store);
    let mut c = visit(&store, None);
    c.diagnoses = vec![Entered { code: "X99.9".into(), primary: true }];
    assert!(matches!(clinic_refusal(finish_consultation(&mut store, &cfg, &dewi, &c, fixed_now()).unwrap_err()), ClinicRefusal::Diagnosis(_)));
    let mut c = visit(&store, None);
    c.prescription[0].order.dose_milli = 0;
    assert!(matches!(clinic_refusal(finish_consultation(&mut store, &cfg, &dewi, &c, fixed_now()).unwrap_err()), ClinicRefusal::Order { line: 1, .. }));
    let mut c = visit(&store, None);
    c.prescription[0].order.days = 0;
    assert!(matches!(clinic_refusal(finish_consultation(&mut store, &cfg, &dewi, &c, fixed_now()).unwrap_err()), ClinicRefusal::Order { line: 1, .. }));
    let mut c = visit(&store, None);
    c.complaint = "  ".into();
    assert_eq!(clinic_refusal(finish_consultation(&mut store, &cfg, &dewi, &c, fixed_now()).unwrap_err()), ClinicRefusal::NoComplaint);
    let mut c = visit(&store, None);
    c.vitals = vec![(Measure::Temperature, 600)];
    assert!(matches!(clinic_refusal(finish_consultation(&mut store, &cfg, &dewi, &c, fixed_now()).unwrap_err()), ClinicRefusal::Vitals(_)));
    // Far more than is in stock: refused, naming what is there.
    let mut c = visit(&store, None);
    c.prescription[0].order = order(2000, 6, 90);
    match clinic_refusal(finish_consultation(&mut store, &cfg, &dewi, &c, fixed_now()).unwrap_err()) {
        ClinicRefusal::OutOfStock { wanted, available, .. } => assert!(wanted > available, "{wanted} {available}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(counts(&store), before, "nothing written, not even an audit entry");
    // The messages are sentences in the user's language.
    let t = loket::text::Text::new(loket::text::Lang::Id);
    let msg = t.clinic_refusal(&ClinicRefusal::Diagnosis(loket::domain::consult::DiagnosisError::Unknown("X99.9".into())));
    assert!(msg.contains("X99.9") && msg.contains("ICD-10"), "{msg}");
}

#[test]
fn the_check_before_sending_shows_quantity_directions_warnings_and_alternatives() {
    let (_d, mut store) = demo_store();
    let mut cfg = config();
    cfg.clinic.drugs.insert("parasetamol".into(), loket::config::clinic::DrugSetting { max_daily_milli: Some(3000), programme: None });
    let para = product(&store, "Parasetamol 500 mg");
    let lines = vec![RxLine { product_id: para, order: order(1000, 4, 5) }, RxLine { product_id: para, order: order(1000, 3, 3) }];
    let admin = user(&store, "admin");
    let _ = admin;
    store.write(|tx| loket::store::clinic::add_allergy_in(tx, &loket::store::Actor::system("t"), 1, "parasetamol", fixed_now())).unwrap();
    let checks = loket::ops::consult::check_prescription(&store, &cfg, 1, &lines, &[], fixed_now().date_naive()).unwrap();
    // 4 x 1 tablet for 5 days = 20 tablets = 2 strips of 10.
    assert_eq!(checks[0].qty_milli, 2_000);
    assert_eq!(checks[0].unit, "strip");
    assert_eq!(checks[0].directions, "4 x sehari 1 tablet sesudah makan");
    assert!(checks[0].warnings.contains(&Warning::Allergy("parasetamol".into())));
    assert!(checks[0].warnings.contains(&Warning::AboveMax { daily_milli: 4000, max_milli: 3000 }));
    assert!(checks[1].warnings.contains(&Warning::Duplicate));
    assert!(checks.iter().all(|c| c.problem.is_none()));
}

#[test]
fn a_consultation_sends_its_prescription_and_ticket_to_the_pharmacy_in_one_transaction() {
    let (_d, mut store) = demo_store();
    let cfg = config();
    let dewi = user(&store, "dewi");
    let actor = dewi.actor();
    let taken = loket::ops::queue::take_ticket(&mut store, &cfg, &actor, "B", None, fixed_now() - chrono::Duration::minutes(30)).unwrap();
    let c = visit(&store, Some(taken.ticket.id));
    let done = finish_consultation(&mut store, &cfg, &dewi, &c, fixed_now()).unwrap();
    let (rx_id, number) = done.prescription.clone().unwrap();
    assert!(number.starts_with("R-"), "{number}");
    assert_eq!(done.ticket.as_deref(), Some("B-001"));
    let t = store.ticket(taken.ticket.id).unwrap();
    assert_eq!(t.service, "C", "the ticket waits at the pharmacy");
    let waiting = store.waiting_prescriptions(10).unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(waiting[0].items[0].qty_milli, 2_000, "15 tablets: 2 strips");
    assert_eq!(waiting[0].items[0].directions, "3 x sehari 1 tablet sesudah makan");
    // The visit, the slip and the SATUSEHAT entry, all of it.
    let saved = store.consultation(done.consultation_id).unwrap().unwrap();
    assert_eq!(saved.diagnoses, vec![("J06.9".to_string(), "Infeksi saluran pernapasan atas akut (ISPA)".to_string(), true)]);
    assert!(saved.vitals.iter().any(|l| l.code == "systolic" && l.class.as_deref() == Some("normal")));
    assert_eq!(store.print_jobs_for("e_prescriptions", rx_id).unwrap().len(), 1);
    let entry = store.outbox_for_consultation(done.consultation_id).unwrap().unwrap();
    let facts: loket::sync::fhir::ConsultFacts = serde_json::from_str(&entry.payload).unwrap();
    assert_eq!(facts.conditions.len(), 1);
    assert_eq!(facts.medications.len(), 1);
    assert_eq!(facts.medications[0].kfa.as_deref(), Some("93001001"));
    assert!(store.verify_audit().unwrap().is_intact());
}

fn pharmacy_with_shift(store: &mut Store) -> User {
    let rina = user(store, "rina");
    store.open_shift_with_float(&rina.actor(), 100_000, fixed_now().date_naive(), fixed_now()).unwrap();
    rina
}

#[test]
fn dispensing_partly_picks_first_expiry_first_and_keeps_the_rest_owed() {
    let (_d, mut store) = demo_store();
    let cfg = config();
    let dewi = user(&store, "dewi");
    let c = visit(&store, None);
    let done = finish_consultation(&mut store, &cfg, &dewi, &c, fixed_now()).unwrap();
    let (rx_id, _) = done.prescription.unwrap();
    let rx = store.prescription(rx_id).unwrap().unwrap();
    let item = &rx.items[0];
    let rina = pharmacy_with_shift(&mut store);
    let cash = |n| vec![Tender { method: Method::Cash, amount: n, reference: None }];
    // Only the pharmacy dispenses.
    let budi = user(&store, "budi");
    let line = |qty| vec![HandOut { item_id: item.id, product_id: item.product_id, qty_milli: qty, substitute_reason: None }];
    assert_eq!(clinic_refusal(loket::ops::dispense::dispense(&mut store, &cfg, &budi, rx_id, &line(1000), &cash(5000), fixed_now()).unwrap_err()), ClinicRefusal::NotPharmacy);
    // More than prescribed: refused.
    let r = loket::ops::dispense::dispense(&mut store, &cfg, &rina, rx_id, &line(3000), &cash(20_000), fixed_now()).unwrap_err();
    assert_eq!(clinic_refusal(r), ClinicRefusal::MoreThanPrescribed { drug: "Parasetamol".into(), owed: 2000 });
    // One strip now; the batches before.
    let batches = store.batch_stock(item.product_id).unwrap();
    let d = loket::ops::dispense::dispense(&mut store, &cfg, &rina, rx_id, &line(1000), &cash(5000), fixed_now()).unwrap();
    let sale = d.sale.as_ref().expect("a sale");
    assert_eq!(sale.total, 5000);
    let take = &sale.lines[0].takes[0];
    let today = fixed_now().date_naive();
    let first = batches.iter().filter(|b| b.on_hand > 0 && !loket::domain::fefo::is_expired(b.expiry, today)).min_by_key(|b| b.expiry).unwrap();
    assert_eq!(take.batch_id, first.batch_id, "first expiry first, expired never");
    assert_eq!(d.prescription.items[0].owed(), 1000, "one strip still owed");
    assert!(store.waiting_prescriptions(10).unwrap()[0].partly_given());
    // The label comes from the prescription's directions.
    let jobs = store.print_jobs_for("sales", sale.id).unwrap();
    assert_eq!(jobs.len(), 2, "receipt and label");
    let text = &jobs[1].preview;
    // Printed double width: one space between letters.
    assert!(text.split_whitespace().collect::<String>().contains("3xsehari1tabletsesudahmakan"), "{text}");
    assert!(text.contains("OBAT DALAM"), "a white label for an oral drug: {text}");
    // The rest: nothing waits any more.
    loket::ops::dispense::dispense(&mut store, &cfg, &rina, rx_id, &line(1000), &cash(5000), fixed_now()).unwrap();
    assert!(store.waiting_prescriptions(10).unwrap().is_empty());
    assert!(store.verify_audit().unwrap().is_intact());
}

#[test]
fn a_substitute_needs_its_reason_and_programme_drugs_are_free() {
    let (_d, mut store) = demo_store();
    let mut cfg = config();
    cfg.clinic.drugs.insert("amlodipin".into(), loket::config::clinic::DrugSetting { max_daily_milli: None, programme: Some("PTM".into()) });
    let dewi = user(&store, "dewi");
    let mut c = visit(&store, None);
    c.diagnoses.push(Entered { code: "I10".into(), primary: false });
    c.prescription.push(RxLine { product_id: product(&store, "Amlodipin 5 mg"), order: order(1000, 1, 10) });
    let done = finish_consultation(&mut store, &cfg, &dewi, &c, fixed_now()).unwrap();
    let (rx_id, _) = done.prescription.unwrap();
    let rx = store.prescription(rx_id).unwrap().unwrap();
    let rina = pharmacy_with_shift(&mut store);
    let ibu = product(&store, "Ibuprofen 200 mg");
    let sub = |reason: Option<&str>| {
        vec![
            HandOut { item_id: rx.items[0].id, product_id: ibu, qty_milli: 2000, substitute_reason: reason.map(str::to_string) },
            HandOut { item_id: rx.items[1].id, product_id: rx.items[1].product_id, qty_milli: 1000, substitute_reason: None },
        ]
    };
    let cash = vec![Tender { method: Method::Cash, amount: 20_000, reference: None }];
    let before = counts(&store);
    let r = loket::ops::dispense::dispense(&mut store, &cfg, &rina, rx_id, &sub(None), &cash, fixed_now()).unwrap_err();
    assert_eq!(clinic_refusal(r), ClinicRefusal::SubstituteReason("Parasetamol".into()));
    assert_eq!(counts(&store), before);
    let amlo_before: i64 = store.batch_stock(rx.items[1].product_id).unwrap().iter().map(|b| b.on_hand).sum();
    let d = loket::ops::dispense::dispense(&mut store, &cfg, &rina, rx_id, &sub(Some("stok parasetamol habis di rak")), &cash, fixed_now()).unwrap();
    let sale = d.sale.unwrap();
    assert_eq!(sale.lines.len(), 1, "only the paid drug is sold");
    assert_eq!(sale.total, 12_000);
    assert_eq!(d.free.len(), 1);
    assert_eq!(d.free[0].programme, "PTM");
    let amlo_after: i64 = store.batch_stock(rx.items[1].product_id).unwrap().iter().map(|b| b.on_hand).sum();
    assert_eq!(amlo_before - amlo_after, 1000, "the free issue moved stock");
    assert!(store.verify_audit().unwrap().is_intact());
    // Its MedicationDispense entry waits in the outbox beside the consultation's.
    assert_eq!(store.outbox_entries().unwrap().iter().filter(|e| e.kind == "consultation").count(), 2);
}

#[test]
fn referral_letters_from_a_consultation_and_their_answer() {
    let (_d, mut store) = demo_store();
    let cfg = config();
    let dewi = user(&store, "dewi");
    let mut c = visit(&store, None);
    c.outcome = Outcome::Referral;
    c.prescription.clear();
    c.referral = Some(ReferralRequest { facility_code: "XX".into(), reason: "Curiga pneumonia".into(), findings: "Ronki basah".into() });
    assert_eq!(clinic_refusal(finish_consultation(&mut store, &cfg, &dewi, &c, fixed_now()).unwrap_err()), ClinicRefusal::UnknownFacility("XX".into()));
    c.referral.as_mut().unwrap().facility_code = "rsud".into();
    let done = finish_consultation(&mut store, &cfg, &dewi, &c, fixed_now()).unwrap();
    let r = done.referral.unwrap();
    assert_eq!(r.facility_name, "RSUD Kabupaten");
    assert!(r.diagnosis.contains("J06.9"));
    let jobs = store.print_jobs_for("referrals", r.id).unwrap();
    let text = &jobs[0].preview;
    assert!(text.contains("SURAT RUJUKAN") && text.contains("Curiga pneumonia") && text.contains("SIP 503/0042"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 48), "{text}");
    loket::ops::referrals::answer(&mut store, &dewi, r.id, fixed_now().date_naive(), "Pneumonia, diobati, kontrol di klinik desa", true, fixed_now()).unwrap();
    let back = store.referral(r.id).unwrap().unwrap().answer.unwrap();
    assert!(back.2, "back to the clinic");
    let ctx = store.patient_context(1, fixed_now()).unwrap();
    assert_eq!(ctx.referrals.len(), 1);
    assert!(ctx.referrals[0].3, "answered");
    assert!(store.verify_audit().unwrap().is_intact());
}

#[test]
fn figures_for_the_supervisor() {
    let (_d, mut store) = demo_store();
    let cfg = config();
    let dewi = user(&store, "dewi");
    for (i, code) in ["J06.9", "J06.9", "I10", "K30"].iter().enumerate() {
        let mut c = visit(&store, None);
        c.patient_id = i as i64 + 1;
        c.diagnoses = vec![Entered { code: code.to_string(), primary: true }];
        finish_consultation(&mut store, &cfg, &dewi, &c, fixed_now()).unwrap();
    }
    let day = fixed_now().date_naive();
    let f = store.clinic_figures(day, day).unwrap();
    assert_eq!(f.visits, 4);
    assert_eq!(f.top_diagnoses[0], ("J06.9".into(), "Infeksi saluran pernapasan atas akut (ISPA)".into(), 2));
    assert_eq!(f.prescriptions, 4);
    assert_eq!(f.dispensed, 0);
}

#[test]
fn a_positive_ckg_gets_its_referral_letter_with_the_findings() {
    use loket::domain::ckg::{AgeGroup, Entries, Finding, Subject};
    let (_d, mut store) = demo_store();
    let cfg = config();
    let p = store.patient(2).unwrap().unwrap();
    let entries = Entries { measures: vec![(Measure::Systolic, 165), (Measure::Diastolic, 100)], screens: vec![("tb".into(), Finding::Positive)], fasted: false };
    let facts = loket::ops::ckg::CheckFacts {
        patient_id: p.id,
        patient_name: &p.name,
        record_no: &p.rm_number,
        ticket_id: None,
        subject: Subject { group: AgeGroup::Adult, age: 50, female: true },
        started: fixed_now(),
        examiner: "siti",
    };
    let siti = user(&store, "siti");
    let check = loket::ops::ckg::finish_check(&mut store, &cfg, &siti.actor(), &facts, &entries, fixed_now()).unwrap();
    let budi = user(&store, "budi");
    assert_eq!(clinic_refusal(loket::ops::referrals::refer_from_ckg(&mut store, &cfg, &budi, check, "PKM01", "TB", fixed_now()).unwrap_err()), ClinicRefusal::NotExaminer);
    assert!(matches!(loket::ops::referrals::refer_from_ckg(&mut store, &cfg, &siti, 999, "PKM01", "TB", fixed_now()), Err(StoreError::Ckg(_))));
    let r = loket::ops::referrals::refer_from_ckg(&mut store, &cfg, &siti, check, "PKM01", "Skrining TB positif, TD tinggi", fixed_now()).unwrap();
    assert_eq!(r.ckg_check_id, Some(check));
    assert!(r.findings.contains("TB") || r.findings.to_lowercase().contains("tb"), "{}", r.findings);
    assert_eq!(store.referrals_of(p.id).unwrap().len(), 1);
    assert_eq!(store.print_jobs_for("referrals", r.id).unwrap().len(), 1);
    assert!(store.verify_audit().unwrap().is_intact());
}
