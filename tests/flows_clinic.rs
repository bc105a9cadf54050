//! The examination room and the pharmacy through the real app and a real store: the doctor
//! calls the ticket, opens the consultation (the ticket's patient comes with it), types the
//! visit and a prescription, F10 checks and sends it; the pharmacist sees it waiting and hands
//! it out with Enter; a clerk may not open the consultation.

mod common;
use common::*;
use loket::store::Actor;
use loket::text::Lang;

#[test]
fn ticket_to_consultation_to_pharmacy() {
    let (_d, mut app) = app(Lang::Id);
    set_printer(&mut app, true);
    // This terminal is the examination room's counter (2 calls service B).
    app.state.config.queue.this_counter = 2;
    let cfg = app.state.config.clone();
    let taken = loket::ops::queue::take_ticket(&mut app.store, &cfg, &Actor::system("kiosk"), "B", None, fixed_now()).unwrap();
    app.store.link_ticket(&Actor::system("clerk"), taken.ticket.id, 1, fixed_now()).unwrap();
    let rm = app.store.patient(1).unwrap().unwrap().rm_number;

    // A clerk may not open it.
    login(&mut app, "siti", "1111");
    send(&mut app, &["k"]);
    assert!(flash(&app).contains("Ruang periksa"), "{}", flash(&app));
    send(&mut app, &["f12"]);

    login(&mut app, "dewi", "5555");
    send(&mut app, &["f2", "f5", "esc", "k"]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("Ruang periksa") && screen.contains(&rm) && screen.contains("[B-001]"), "{screen}");
    assert_eq!(app.state.consult.focus, 1, "the patient came with the ticket");
    // Complaint, history, no new allergy, BP, pulse, temperature, no weight, the diagnosis.
    send(&mut app, &["Demam dan batuk 3 hari", "tab", "tab", "tab", "118", "tab", "76", "tab", "88", "tab", "38,1", "tab", "tab", "j06"]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("J06.9") && screen.contains("ISPA"), "the list is searched as the code is typed: {screen}");
    send(&mut app, &["ctrl-u", "J06.9", "tab", "parasetamol 1 3 5", "tab"]);
    send(&mut app, &["f10"]);
    let msg = flash(&app);
    assert!(msg.contains("Pemeriksaan disimpan") && msg.contains("resep R-") && msg.contains("B-001"), "{msg}");
    assert_eq!(app.store.ticket(taken.ticket.id).unwrap().service, "C");
    // Bad input: a code not in the list, nothing saved.
    send(&mut app, &["ctrl-u", &rm, "tab", "Kontrol", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "X99.9", "f10"]);
    assert!(flash(&app).contains("X99.9"), "{}", flash(&app));
    assert_eq!(app.store.waiting_prescriptions(10).unwrap().len(), 1);
    send(&mut app, &["f12"]);

    login_with_shift(&mut app, "rina", "3333");
    send(&mut app, &["esc", "d"]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("Resep menunggu") && screen.contains("Parasetamol 500 mg x2 strip") && screen.contains("3 x sehari 1 tablet"), "{screen}");
    send(&mut app, &["enter"]);
    let msg = flash(&app);
    assert!(msg.contains("diserahkan lengkap"), "{msg}");
    assert!(app.store.waiting_prescriptions(10).unwrap().is_empty());
    assert!(screen_text(&app.state, 80, 24).contains("Tidak ada resep menunggu"));
    assert!(app.store.verify_audit().unwrap().is_intact());
}

#[test]
fn the_consultation_opens_from_the_patient_card() {
    let (_d, mut app) = app(Lang::Id);
    let p = app.store.patient(1).unwrap().unwrap();
    login(&mut app, "dewi", "5555");
    send(&mut app, &["f3", &p.name, "enter"]);
    assert!(app.state.patients.card.is_some(), "the card is open");
    send(&mut app, &["f5"]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("Ruang periksa") && screen.contains(&p.rm_number) && screen.contains("ALERGI: tidak tercatat"), "{screen}");
    assert_eq!(app.state.consult.patient.as_ref().map(|x| x.id), Some(1));
}

#[test]
fn the_supervisor_sees_the_examination_rooms_figures() {
    let (_d, mut app) = app(Lang::Id);
    let cfg = app.state.config.clone();
    let dewi = app.store.user("dewi").unwrap().unwrap();
    let c = loket::domain::consult::NewConsultation {
        patient_id: 1,
        ticket_id: None,
        started: fixed_now(),
        complaint: "Batuk".into(),
        history: String::new(),
        note: String::new(),
        vitals: vec![],
        diagnoses: vec![loket::domain::consult::Entered { code: "J06.9".into(), primary: true }],
        outcome: loket::domain::consult::Outcome::Done,
        follow_up: None,
        allergies: vec![],
        prescription: vec![],
        referral: None,
    };
    loket::ops::consult::finish_consultation(&mut app.store, &cfg, &dewi, &c, fixed_now()).unwrap();
    login(&mut app, "joko", "4444");
    send(&mut app, &["f9"]);
    for _ in 0..20 {
        if screen_text(&app.state, 120, 40).contains("10 diagnosis terbanyak") {
            break;
        }
        send(&mut app, &["down"]);
    }
    let screen = screen_text(&app.state, 120, 40);
    assert!(screen.contains("Ruang periksa") && screen.contains("J06.9") && screen.contains("Kunjungan: 1"), "{screen}");
}

#[test]
fn the_pharmacist_hands_out_one_line_with_a_substitute_and_its_reason() {
    let (_d, mut app) = app(Lang::Id);
    let cfg = app.state.config.clone();
    let dewi = app.store.user("dewi").unwrap().unwrap();
    let para = app.store.catalog().unwrap().into_iter().find(|p| p.name == "Parasetamol 500 mg").unwrap().id;
    let c = loket::domain::consult::NewConsultation {
        patient_id: 1,
        ticket_id: None,
        started: fixed_now(),
        complaint: "Demam".into(),
        history: String::new(),
        note: String::new(),
        vitals: vec![],
        diagnoses: vec![loket::domain::consult::Entered { code: "R50.9".into(), primary: true }],
        outcome: loket::domain::consult::Outcome::Prescription,
        follow_up: None,
        allergies: vec![],
        prescription: vec![loket::domain::consult::RxLine {
            product_id: para,
            order: loket::domain::rx::Order { dose_milli: 1000, per_day: 3, days: 5, route: loket::domain::rx::Route::Oral, after_meals: true },
        }],
        referral: None,
    };
    loket::ops::consult::finish_consultation(&mut app.store, &cfg, &dewi, &c, fixed_now()).unwrap();
    login_with_shift(&mut app, "rina", "3333");
    send(&mut app, &["esc", "d", "f7"]);
    assert!(screen_text(&app.state, 80, 24).contains("Serahkan satu obat"));
    // A substitute without its reason: refused, nothing handed out.
    send(&mut app, &["ibuprofen", "enter", "1", "enter", "enter"]);
    assert!(flash(&app).contains("Pengganti Parasetamol perlu alasan"), "{}", flash(&app));
    assert!(!app.store.waiting_prescriptions(10).unwrap()[0].partly_given());
    send(&mut app, &["f7", "ibuprofen", "enter", "1", "enter", "stok parasetamol habis di rak", "enter"]);
    assert!(flash(&app).contains("diserahkan sebagian"), "{}", flash(&app));
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("(sisa 1)"), "the rest is owed and shown: {screen}");
    assert!(app.store.verify_audit().unwrap().is_intact());
}

#[test]
fn the_next_consultation_picks_up_the_next_ticket() {
    let (_d, mut app) = app(Lang::Id);
    app.state.config.queue.this_counter = 2;
    let cfg = app.state.config.clone();
    for p in [1, 2] {
        let t = loket::ops::queue::take_ticket(&mut app.store, &cfg, &Actor::system("kiosk"), "B", None, fixed_now()).unwrap();
        app.store.link_ticket(&Actor::system("clerk"), t.ticket.id, p, fixed_now()).unwrap();
    }
    login(&mut app, "dewi", "5555");
    send(&mut app, &["f2", "f5", "esc", "k"]);
    assert!(screen_text(&app.state, 80, 24).contains("[B-001]"));
    send(&mut app, &["Batuk", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "J06.9", "f10"]);
    assert!(flash(&app).contains("Pemeriksaan disimpan"), "{}", flash(&app));
    // The next ticket, then the consultation again: the new ticket and its patient.
    send(&mut app, &["f2", "f10", "f5", "esc", "k"]);
    let screen = screen_text(&app.state, 80, 24);
    let rm2 = app.store.patient(2).unwrap().unwrap().rm_number;
    assert!(screen.contains("[B-002]") && screen.contains(&rm2), "{screen}");
}

#[test]
fn snapshot_of_the_consultation_with_its_checked_prescription() {
    let (_d, mut app) = app(Lang::Id);
    let p = app.store.patient(1).unwrap().unwrap();
    app.store.write(|tx| loket::store::clinic::add_allergy_in(tx, &Actor::system("t"), 1, "amoksisilin", fixed_now())).unwrap();
    login(&mut app, "dewi", "5555");
    send(&mut app, &["k", &p.rm_number, "tab", "Demam dan batuk 3 hari", "tab", "Sejak Jumat", "tab", "tab", "118", "tab", "76", "tab", "88", "tab", "38,1", "tab", "tab"]);
    send(&mut app, &["J06.9", "tab", "amoksisilin 1 3 5", "tab", "parasetamol 1 3 3", "tab", "f10"]);
    assert!(app.state.consult.confirm, "the allergy warning asks for a second F10");
    insta::assert_snapshot!("consultation_checked_80x24", render(&app.state, 80, 24).backend());
}

#[test]
fn a_positive_ckg_is_referred_with_one_key() {
    let (_d, mut app) = app(Lang::Id);
    set_printer(&mut app, true);
    login(&mut app, "siti", "1111");
    send(&mut app, &["f3", "f5"]);
    for v in ["", "Bambang Sutrisno", "L", "16-11-1981"] {
        if !v.is_empty() {
            send(&mut app, &[v]);
        }
        send(&mut app, &["tab"]);
    }
    send(&mut app, &["f10", "f7"]);
    send(&mut app, &["p", "tab", "n", "tab", "80", "tab", "165", "tab", "95", "tab", "150", "tab", "95", "tab", "132", "f10", "f10"]);
    let saved = app.state.patients.ckg.as_ref().and_then(|f| f.result.clone()).expect("saved");
    assert!(saved.referral);
    send(&mut app, &["f7"]);
    let msg = flash(&app);
    assert!(msg.contains("Surat rujukan RJ-") && msg.contains("Puskesmas"), "{msg}");
    let letters = app.store.referrals_of(saved.patient_id).unwrap();
    assert_eq!(letters.len(), 1);
    assert_eq!(letters[0].ckg_check_id, Some(saved.id));
    let jobs = app.store.print_jobs_for("referrals", letters[0].id).unwrap();
    assert!(jobs[0].preview.contains("SURAT RUJUKAN"), "{}", jobs[0].preview);
}
