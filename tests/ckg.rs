//! The free health check as a nurse types it, through the real app and a real store: plausibility
//! by age, the form's keys, glucose and the fasting question, a saved check opened again from the
//! card and amended with a reason, and the register.

mod common;
use common::*;
use loket::domain::ckg::{AgeGroup, Entries, Finding, Measure, Subject};
use loket::screens::patients::Mode;
use loket::store::{Actor, StoreError};
use loket::text::Lang;

fn to_patients(app: &mut loket::app::App) {
    login(app, "siti", "1111");
    send(app, &["f3"]);
}

/// Register someone and open their CKG form (F7 on the card).
fn register_and_start(app: &mut loket::app::App, name: &str, sex: &str, birth: &str) {
    send(app, &["f5"]);
    for v in ["", name, sex, birth] {
        if !v.is_empty() {
            send(app, &[v]);
        }
        send(app, &["tab"]);
    }
    send(app, &["f10", "f7"]);
}

fn form(app: &loket::app::App) -> &loket::screens::ckg::CkgForm {
    app.state.patients.ckg.as_ref().expect("a CKG form")
}

#[test]
fn impossible_values_for_a_one_year_old_are_refused_with_their_range_and_nothing_is_saved() {
    let (_d, mut app) = app(Lang::Id);
    set_printer(&mut app, true);
    to_patients(&mut app);
    // The baby: one year old, 80 kg and 74 cm.
    register_and_start(&mut app, "Bayu Pratama", "L", "20-11-2025");
    assert_eq!(form(&app).subject.group, AgeGroup::Child);
    assert!(form(&app).items.contains(&loket::domain::ckg::Item::Measure(Measure::Head)), "head circumference for 1-6");
    send(&mut app, &["80", "tab", "74", "tab", "46", "f10"]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("di luar 4-50 kg untuk umur ini"), "{screen}");
    // Nothing classified from the impossible weight: no BMI while it stands.
    assert!(!screen.contains("IMT 146"), "{screen}");
    send(&mut app, &["f10", "f10"]);
    assert!(form(&app).result.is_none(), "refused however often F10 is pressed");
    assert!(app.store.outbox_entries().unwrap().is_empty());
    // F10 put the cursor on the weight. Corrected to 8,0 kg: saved (after confirming the
    // unfinished screenings).
    assert_eq!(form(&app).focus, 0);
    send(&mut app, &["ctrl-u", "8,0", "f10", "f10"]);
    let saved = form(&app).result.clone().expect("saved");
    assert!(saved.lines.iter().any(|l| l.code == "weight" && l.value == Some(80)));
    assert_eq!(app.store.outbox_entries().unwrap().len(), 1);
    assert_eq!(app.store.print_jobs_for("ckg_checks", saved.id).unwrap().len(), 1);
}

#[test]
fn the_operation_itself_refuses_impossible_values_whoever_calls_it() {
    let (_d, mut store) = demo_store();
    let p = store.search_patients(&loket::domain::search::parse_query("a"), fixed_now().date_naive(), 1).unwrap()[0].patient.clone();
    let subject = Subject { group: AgeGroup::Child, age: 1, female: false };
    let entries = Entries { measures: vec![(Measure::Weight, 800), (Measure::Height, 740)], ..Default::default() };
    let facts = loket::ops::ckg::CheckFacts {
        patient_id: p.id,
        patient_name: &p.name,
        record_no: &p.rm_number,
        ticket_id: None,
        subject,
        started: fixed_now(),
        examiner: "x",
    };
    let before = store.outbox_entries().unwrap().len();
    let e = loket::ops::ckg::finish_check(&mut store, &demo_config(), &Actor::system("t"), &facts, &entries, fixed_now()).unwrap_err();
    assert!(matches!(e, StoreError::Ckg(loket::store::ckg::CkgRefusal::Impossible(ref v)) if v.len() == 1 && v[0].0 == Measure::Weight), "{e:?}");
    let msg = loket::text::Text::new(Lang::Id).store_error(&e);
    assert_eq!(msg, "Tidak disimpan: Berat badan di luar 4-50 kg untuk umur ini.");
    assert_eq!(store.outbox_entries().unwrap().len(), before, "nothing half-saved");
}

#[test]
fn infants_have_no_birthday_check_and_a_birth_date_130_years_ago_is_refused() {
    let (_d, mut app) = app(Lang::Id);
    to_patients(&mut app);
    register_and_start(&mut app, "Putri Ayu", "P", "01-02-2026");
    assert_eq!(app.state.patients.mode, Mode::Card);
    assert!(app.state.flash.as_ref().unwrap().text.starts_with("Bayi 1-11 bulan bukan sasaran CKG"));
    send(&mut app, &["esc", "f5"]);
    for v in ["", "Mbah Karto", "L", "01-01-1896"] {
        if !v.is_empty() {
            send(&mut app, &[v]);
        }
        send(&mut app, &["tab"]);
    }
    send(&mut app, &["f10"]);
    assert_eq!(app.state.patients.mode, Mode::Form);
    assert!(screen_text(&app.state, 80, 24).contains("lebih dari 125 tahun"));
}

#[test]
fn the_form_moves_only_on_enter_or_tab_and_names_what_a_line_cannot_take() {
    let (_d, mut app) = app(Lang::Id);
    to_patients(&mut app);
    // A man of 45: smoking, activity, weight, height, waist, systolic, diastolic, glucose, fasted...
    register_and_start(&mut app, "Bambang Sutrisno", "L", "16-11-1981");
    // A choice stays where it is until Enter or Tab.
    send(&mut app, &["p"]);
    assert_eq!(form(&app).focus, 0);
    assert_eq!(form(&app).findings[0], Finding::Positive);
    // "-" takes it back to "not done"; a key the line cannot take is named beside it.
    send(&mut app, &["-"]);
    assert_eq!(form(&app).findings[0], Finding::NotDone);
    send(&mut app, &["q"]);
    assert!(screen_text(&app.state, 80, 24).contains("tekan n normal, p positif, - belum"));
    send(&mut app, &["p", "enter", "n", "tab"]);
    assert_eq!(form(&app).focus, 2, "Enter and Tab both move on");
    // A letter in a number line is refused, and said so; a comma and a point read the same.
    send(&mut app, &["4", "o"]);
    assert_eq!(form(&app).inputs[2].value(), "4");
    assert!(screen_text(&app.state, 80, 24).contains("hanya angka, koma atau titik"));
    send(&mut app, &["8,5", "tab", "165.0", "tab", "90", "tab", "130", "tab", "1200"]);
    assert_eq!(form(&app).measures().iter().find(|(m, _)| *m == Measure::Weight), Some(&(Measure::Weight, 485)));
    // A diastolic of 1200 is not classified while typing: it is out of range, as F10 would say.
    let screen = screen_text(&app.state, 80, 24);
    assert!(!screen.contains("hipertensi derajat 2"), "{screen}");
    send(&mut app, &["f10"]);
    assert!(screen_text(&app.state, 80, 24).contains("di luar 20-200 mmHg untuk umur ini"));
    send(&mut app, &["ctrl-u", "85"]);
    assert!(screen_text(&app.state, 80, 24).contains("pra-hipertensi"));
    // Esc on a changed form asks; "n" keeps the form, "y" discards it.
    send(&mut app, &["esc"]);
    assert!(screen_text(&app.state, 80, 24).contains("Buang isian CKG yang belum disimpan?"));
    send(&mut app, &["n"]);
    assert_eq!(app.state.patients.mode, Mode::Ckg);
    assert_eq!(form(&app).inputs[6].value(), "85");
    send(&mut app, &["esc", "y"]);
    assert_eq!(app.state.patients.mode, Mode::Card);
    assert!(app.store.outbox_entries().unwrap().iter().all(|e| e.patient_id != Some(app.state.patients.card.as_ref().unwrap().patient.id)));
}

#[test]
fn an_unfinished_checklist_lists_what_is_missing_and_needs_a_second_save() {
    let (_d, mut app) = app(Lang::En);
    to_patients(&mut app);
    register_and_start(&mut app, "Ani Kartini", "P", "20-11-1990");
    send(&mut app, &["n", "tab", "n", "tab", "60", "f10"]);
    let flash = app.state.flash.as_ref().unwrap().text.clone();
    assert_eq!(flash, "Not filled in: Height, Waist +11. F10 again: save anyway.");
    assert_eq!(form(&app).focus, 3, "the first missing line");
    assert!(form(&app).result.is_none());
    send(&mut app, &["f10"]);
    assert!(form(&app).result.is_some());
}

#[test]
fn glucose_is_read_by_whether_the_person_fasted() {
    let (_d, mut app) = app(Lang::Id);
    to_patients(&mut app);
    register_and_start(&mut app, "Bambang Sutrisno", "L", "16-11-1981");
    // To the glucose line (the 8th) and type a finger-prick of 132.
    for _ in 0..7 {
        send(&mut app, &["tab"]);
    }
    send(&mut app, &["132"]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("Puasa sebelum cek gula?        tidak"), "{screen}");
    assert!(screen.contains("132      normal"), "random 132 is normal: {screen}");
    assert!(!screen.contains("RUJUK"), "{screen}");
    send(&mut app, &["tab", "y"]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("kisaran diabetes") && screen.contains("RUJUK"), "fasting 132 is the diabetes range: {screen}");
    send(&mut app, &["f10", "f10"]);
    let saved = form(&app).result.clone().expect("saved");
    assert!(saved.referral);
    assert!(saved.lines.iter().any(|l| l.code == "fasted" && l.value == Some(1)));
    let e = app.store.outbox_for_check(saved.id).unwrap().unwrap();
    assert!(e.payload.contains("\"glucose_fasting\""), "{}", e.payload);
}

#[test]
fn a_saved_check_opens_from_the_card_and_is_amended_with_a_reason() {
    let (_d, mut app) = app(Lang::Id);
    set_printer(&mut app, true);
    to_patients(&mut app);
    register_and_start(&mut app, "Rahayu Lestari", "P", "20-11-1990");
    send(&mut app, &["n", "tab", "n", "tab", "80", "tab", "155", "f10", "f10"]);
    let first = form(&app).result.clone().expect("saved");
    send(&mut app, &["esc"]);
    assert_eq!(app.state.patients.mode, Mode::Card);
    // F7 again shows the saved check, with its keys.
    send(&mut app, &["f7"]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("Hasil CKG 23-11-2026") && screen.contains("F6: ubah dengan alasan"), "{screen}");
    insta::assert_snapshot!("ckg_saved_check_80x24", render(&app.state, 80, 24).backend());
    // Amend: the form opens with the saved values; a reason is required.
    send(&mut app, &["f6"]);
    assert_eq!(form(&app).inputs[2].value(), "80,0");
    send(&mut app, &["tab", "tab", "ctrl-u", "60", "f10"]);
    assert!(screen_text(&app.state, 80, 24).contains("alasan perubahan wajib diisi"));
    assert_eq!(form(&app).focus, form(&app).items.len(), "on the reason line");
    send(&mut app, &["salah ketik berat", "f10", "f10"]);
    let amended = form(&app).result.clone().expect("amended");
    assert_eq!((amended.id, amended.version), (first.id, 2));
    assert_eq!(app.state.flash.as_ref().unwrap().text, "Hasil CKG diubah (versi 2).");
    assert!(amended.lines.iter().any(|l| l.code == "weight" && l.value == Some(600)));
    assert_eq!(amended.history[0].actor, "siti");
    assert!(amended.history[0].changes.contains("weight 80.0 -> 60.0"), "{}", amended.history[0].changes);
    let screen = screen_text(&app.state, 80, 40);
    assert!(screen.contains("Riwayat perubahan") && screen.contains("salah ketik berat"), "{screen}");
    // The audit log has it, and the slip can be printed again.
    send(&mut app, &["f8"]);
    assert_eq!(app.state.flash.as_ref().unwrap().text, "Slip CKG dikirim ke printer.");
    let jobs = app.store.print_jobs_for("ckg_checks", first.id).unwrap();
    assert_eq!(jobs.len(), 2);
    assert!(jobs[1].preview.contains("60,0 kg"), "{}", jobs[1].preview);
    // One outbox entry still (it was never sent), now with the amended weight.
    let entries = app.store.outbox_entries().unwrap();
    let mine: Vec<_> = entries.iter().filter(|e| e.ckg_check_id == Some(first.id)).collect();
    assert_eq!(mine.len(), 1);
    assert!(mine[0].payload.contains("\"value\":600"), "{}", mine[0].payload);
}

#[test]
fn the_register_lists_each_check_of_the_period_as_csv_text_and_on_the_supervisors_screen() {
    let (dir, mut app) = app(Lang::Id);
    to_patients(&mut app);
    register_and_start(&mut app, "Bambang Sutrisno", "L", "16-11-1981");
    send(&mut app, &["p", "tab", "n", "tab", "80", "tab", "165", "tab", "95", "tab", "150", "tab", "95", "tab", "132", "f10", "f10"]);
    assert!(form(&app).result.as_ref().unwrap().referral);
    send(&mut app, &["esc", "esc"]);
    register_and_start(&mut app, "Bayu Pratama", "L", "20-11-2025");
    send(&mut app, &["8,0", "tab", "74", "tab", "46", "f10", "f10"]);
    assert!(form(&app).result.is_some());
    let db = dir.path().join("demo.db");
    let db = db.to_str().unwrap();
    let (code, out, err) = run_loket(dir.path(), &["--db", db, "report", "ckg", "--from", "2026-11-23", "--to", "2026-11-23", "--format", "csv"], &[]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], loket::ckg_register::COLUMNS.join(","));
    assert_eq!(lines.len(), 3, "{out}");
    let col = |line: &str, name: &str| -> String {
        let i = loket::ckg_register::COLUMNS.iter().position(|c| *c == name).unwrap();
        loket::domain::csv::parse(&format!("{line}\n")).unwrap()[0].1[i].clone()
    };
    assert_eq!(col(lines[1], "name"), "Bambang Sutrisno");
    assert_eq!((col(lines[1], "age"), col(lines[1], "age_group")), ("45".into(), "adult".into()));
    assert_eq!((col(lines[1], "systolic"), col(lines[1], "bp_class")), ("150".into(), "stage1".into()));
    assert_eq!((col(lines[1], "glucose_mg_dl"), col(lines[1], "fasted"), col(lines[1], "glucose_class")), ("132".into(), "no".into(), "normal".into()));
    assert_eq!((col(lines[1], "positive"), col(lines[1], "referral")), ("smoking".into(), "yes".into()));
    assert_eq!((col(lines[2], "weight_kg"), col(lines[2], "head_cm"), col(lines[2], "age_group")), ("8.0".into(), "46.0".into(), "child".into()));
    assert_eq!(col(lines[2], "bp_class"), "", "no blood pressure class for a child");
    // Another period has none.
    let (_, out, _) = run_loket(dir.path(), &["--db", db, "report", "ckg", "--from", "2026-10-01", "--to", "2026-10-31", "--format", "csv"], &[]);
    assert_eq!(out.lines().count(), 1);
    // As text, for the screen or a printout.
    let (_, out, _) = run_loket(dir.path(), &["--db", db, "report", "ckg", "--from", "2026-11-23", "--format", "text"], &[]);
    assert!(out.starts_with("Register CKG 2026-11-23: 2 pemeriksaan, 1 dirujuk"), "{out}");
    assert!(out.contains("RUJUK: IMT obesitas, Tekanan darah hipertensi derajat 1"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= 80), "{out}");
    // On paper: one entry per check, at the printer's width, through the operation.
    app.state.config.printer.transport = loket::print::TransportConfig::File(std::path::PathBuf::from("/dev/null"));
    let day = fixed_now().date_naive();
    let n = loket::ops::ckg::print_register(&mut app.store, &app.state.config, &Actor::system("t"), day, day, fixed_now()).unwrap();
    assert_eq!(n, 2);
    let job = app.store.recent_print_jobs(1).unwrap().remove(0);
    assert_eq!(job.kind, Some(loket::domain::printing::DocKind::CkgRegister));
    assert!(job.preview.contains("REGISTER CEK KESEHATAN GRATIS") && job.preview.contains("Bambang Sutrisno"), "{}", job.preview);
    assert!(job.preview.contains("RUJUK: IMT obesitas"), "{}", job.preview);
    let width = app.state.config.printer.profile.width;
    assert!(job.preview.lines().all(|l| l.chars().count() <= width as usize), "{}", job.preview);
    // The supervisor's day view carries it too.
    send(&mut app, &["f12"]);
    login(&mut app, "joko", "4444");
    send(&mut app, &["f9"]);
    let screen = screen_text(&app.state, 100, 80);
    assert!(screen.contains("Register CKG 2026-11-23: 2 pemeriksaan, 1 dirujuk"), "{screen}");
}

#[test]
fn the_encounter_arrives_when_the_person_took_their_ticket() {
    let (_d, mut store) = demo_store();
    let config = demo_config();
    let actor = Actor::system("t");
    let taken_at = fixed_now() - chrono::Duration::minutes(40);
    let ticket = loket::ops::queue::take_ticket(&mut store, &config, &actor, "B", None, taken_at).unwrap().ticket;
    let p = store.search_patients(&loket::domain::search::parse_query("a"), fixed_now().date_naive(), 1).unwrap()[0].patient.clone();
    let subject = Subject::of(p.birth_date, p.sex == "P", fixed_now().date_naive());
    let facts = loket::ops::ckg::CheckFacts {
        patient_id: p.id,
        patient_name: &p.name,
        record_no: &p.rm_number,
        ticket_id: Some(ticket.id),
        subject,
        started: fixed_now() - chrono::Duration::minutes(10),
        examiner: "x",
    };
    let entries = Entries { measures: vec![(Measure::Temperature, 366)], ..Default::default() };
    let id = loket::ops::ckg::finish_check(&mut store, &config, &actor, &facts, &entries, fixed_now()).unwrap();
    let e = store.outbox_for_check(id).unwrap().unwrap();
    let f: loket::sync::fhir::CkgFacts = serde_json::from_str(&e.payload).unwrap();
    assert_eq!(f.arrived.as_deref(), Some("2026-11-23T01:35:00+00:00"));
    let ctx = loket::sync::fhir::Context { organization_id: "1", location_id: "l", patient_ihs: "P1", patient_name: "x", practitioner_ihs: "N1", practitioner_name: "y" };
    let enc = loket::sync::fhir::encounter(&f, &ctx);
    assert_eq!(enc["statusHistory"][0]["period"]["start"], "2026-11-23T01:35:00+00:00");
    assert_eq!(enc["statusHistory"][0]["period"]["end"], "2026-11-23T02:05:00+00:00");
    assert_eq!(enc["statusHistory"][2]["period"]["start"], "2026-11-23T02:15:00+00:00");
}

#[test]
fn the_bmi_cut_offs_are_a_setting_and_a_wrong_value_names_the_choices() {
    let c = loket::config::Config::parse("[ckg]\nbmi_cutoffs = \"asia-pacific\"\n", "c.toml").unwrap();
    assert_eq!(c.patients.bmi_set, loket::domain::ckg::BmiSet::AsiaPacific);
    assert_eq!(loket::config::Config::default().patients.bmi_set, loket::domain::ckg::BmiSet::Kemenkes);
    let e = loket::config::Config::parse("[ckg]\nbmi_cutoffs = \"who\"\n", "c.toml").unwrap_err();
    assert_eq!(e.key, "ckg.bmi_cutoffs");
    assert!(loket::text::Text::new(Lang::En).config_error(&e).contains("kemenkes, asia-pacific"));
    // With the Asia-Pacific set a BMI of 24 is overweight; with the Kemenkes set it is normal.
    let who = Subject { group: AgeGroup::Adult, age: 40, female: true };
    let entries = Entries { measures: vec![(Measure::Weight, 600), (Measure::Height, 1580)], ..Default::default() };
    let ap = loket::domain::ckg::evaluate(&who, &entries, c.patients.bmi_set);
    let k = loket::domain::ckg::evaluate(&who, &entries, Default::default());
    assert_eq!((ap.bmi_x10, ap.bmi, k.bmi), (Some(240), Some(loket::domain::ckg::BmiClass::Overweight), Some(loket::domain::ckg::BmiClass::Normal)));
}
