//! Patients and the free health check, driven through the real app with a real store.

mod common;
use common::*;
use loket::screens::patients::Mode;
use loket::text::Lang;

fn to_patients(app: &mut loket::app::App, user: &str, pin: &str) {
    login(app, user, pin);
    send(app, &["f3"]);
}

/// Type into the focused field, then move on with Tab.
fn fill(app: &mut loket::app::App, values: &[&str]) {
    for v in values {
        if !v.is_empty() {
            send(app, &[v]);
        }
        send(app, &["tab"]);
    }
}

#[test]
fn register_with_field_errors_then_find_by_name_variant_nik_and_phone() {
    let (_d, mut app) = app(Lang::Id);
    to_patients(&mut app, "siti", "1111");
    send(&mut app, &["f5"]);
    assert_eq!(app.state.patients.mode, Mode::Form);
    // NIK of a man born 15-08-1985; leaving the field fills sex and day-month.
    fill(&mut app, &["3204121508850007"]);
    let f = &app.state.patients.form;
    assert_eq!((f.inputs[2].value(), f.inputs[3].value()), ("L", "15-08-"));
    // Name empty, the year missing, a short BPJS number: every error beside its field.
    send(&mut app, &["tab", "tab", "f10"]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("wajib diisi"), "{screen}");
    assert!(screen.contains("tanggal salah"), "{screen}");
    insta::assert_snapshot!("patient_form_errors_80x24", render(&app.state, 80, 24).backend());
    // Fill it properly: focus went to the first error (the name).
    send(&mut app, &["H. Moch. Yusuf", "tab", "tab", "end", "1985", "tab", "Sukamaju", "tab", "3/5", "tab", "Kp. Cibodas 12", "tab", "+62 812 1111 2222", "tab", "tab", "00012345"]);
    send(&mut app, &["f10"]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("harus 13 angka (ada 8)"), "{screen}");
    send(&mut app, &["ctrl-u", "0001234567891", "f10"]);
    assert_eq!(app.state.patients.mode, Mode::Card, "{:?}", app.state.patients.form.errors);
    let card = app.state.patients.card.clone().unwrap();
    assert_eq!(card.patient.name, "H. Moch. Yusuf");
    assert_eq!(card.patient.phone.as_deref(), Some("081211112222"));
    assert_eq!(card.patient.rt_rw, "003/005");
    assert!(card.patient.rm_number.starts_with("RM-"));
    // The card's history is worded, not the stored codes; sex is written out.
    let screen = screen_text(&app.state, 100, 40);
    assert!(screen.contains("didaftarkan") && !screen.contains("registered"), "{screen}");
    assert!(screen.contains("laki-laki"), "{screen}");
    // Back to search: a spelling variant, the NIK prefix and the phone all find him.
    send(&mut app, &["esc"]);
    for q in ["muhammad yus", "3204121508", "0812111", "mohamad yusuf 1985"] {
        send(&mut app, &["ctrl-u", q]);
        let names: Vec<String> = app.state.patients.hits.iter().map(|h| h.patient.name.clone()).collect();
        assert!(names.contains(&"H. Moch. Yusuf".to_string()), "{q}: {names:?}");
    }
    // One letter is not searched (a good part of the village would match): the screen asks
    // for one more, says nothing of "not found", and the second letter searches.
    send(&mut app, &["ctrl-u", "y"]);
    assert!(app.state.patients.hits.is_empty());
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("Ketik paling sedikit 2 huruf atau angka") && !screen.contains("Tidak ditemukan"), "{screen}");
    send(&mut app, &["u"]);
    assert!(app.state.patients.hits.iter().any(|h| h.patient.name == "H. Moch. Yusuf"), "two characters search");
    // At 80 columns the village shows whole (the NIK column gives way), not as one letter.
    let screen = screen_text(&app.state, 80, 24);
    let row = screen.lines().find(|l| l.contains("H. Moch. Yusuf")).unwrap();
    assert!(row.contains("Sukamaju"), "{row}");
}

#[test]
fn the_same_nik_twice_is_refused_and_a_similar_record_warns() {
    let (_d, mut app) = app(Lang::En);
    to_patients(&mut app, "siti", "1111");
    send(&mut app, &["f5"]);
    fill(&mut app, &["3204124508850003", "Siti Aminah", "", "1985"]);
    // The year was typed after the prefilled day-month.
    assert_eq!(app.state.patients.form.inputs[3].value(), "05-08-1985");
    send(&mut app, &["f10"]);
    assert_eq!(app.state.patients.mode, Mode::Card);
    send(&mut app, &["esc", "f5"]);
    fill(&mut app, &["3204124508850003", "Siti Aminah", "", "1985"]);
    send(&mut app, &["f10"]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("already used by Siti Aminah"), "{screen}");
    // Without the NIK, the same name and birth date warns first, and saves on a second F10.
    send(&mut app, &["esc", "f5"]);
    fill(&mut app, &["", "Sitti Aminah", "P", "05-08-1985"]);
    send(&mut app, &["f10"]);
    assert_eq!(app.state.patients.form.similar.len(), 1);
    assert_eq!(app.state.patients.mode, Mode::Form);
    send(&mut app, &["f10"]);
    assert_eq!(app.state.patients.mode, Mode::Card);
}

#[test]
fn edits_keep_history_and_only_a_supervisor_merges() {
    let (_d, mut app) = app(Lang::Id);
    to_patients(&mut app, "joko", "4444");
    for name in ["Tuti Rahayu", "Tuti Rahayu"] {
        send(&mut app, &["f5"]);
        fill(&mut app, &["", name, "P", "01-02-1970"]);
        send(&mut app, &["f10", "f10", "esc"]);
    }
    send(&mut app, &["tuti", "enter"]);
    let second = app.state.patients.card.clone().unwrap().patient;
    // Edit the phone: the card's history shows the change.
    send(&mut app, &["f6"]);
    for _ in 0..7 {
        send(&mut app, &["tab"]);
    }
    send(&mut app, &["081299998888", "f10"]);
    let card = app.state.patients.card.clone().unwrap();
    assert_eq!(card.facts.history[0].field, "phone");
    assert_eq!(card.facts.history[0].new_value.as_deref(), Some("081299998888"));
    // Merge the first record into this one.
    send(&mut app, &["f11", "tuti", "down", "up"]);
    let other = app.state.patients.hits.iter().position(|h| h.patient.id != second.id).unwrap();
    for _ in 0..other {
        send(&mut app, &["down"]);
    }
    send(&mut app, &["enter"]);
    assert!(screen_text(&app.state, 80, 24).contains("Gabungkan Tuti Rahayu"));
    send(&mut app, &["y"]);
    assert_eq!(app.state.patients.card.as_ref().unwrap().patient.id, second.id);
    send(&mut app, &["esc", "ctrl-u", "tuti"]);
    assert_eq!(app.state.patients.hits.len(), 1, "the merged record no longer shows");
    // A clerk may not merge.
    send(&mut app, &["f12"]);
    to_patients(&mut app, "siti", "1111");
    send(&mut app, &["tuti", "enter", "f11"]);
    assert_eq!(app.state.flash.as_ref().unwrap().text, "Hanya pengawas yang boleh menggabungkan data pasien.");
}

#[test]
fn a_ckg_check_refuses_impossible_values_confirms_unusual_ones_and_refers() {
    let (_d, mut app) = app(Lang::Id);
    to_patients(&mut app, "siti", "1111");
    send(&mut app, &["f5"]);
    // A man of 45 whose birthday was last week: due for CKG.
    fill(&mut app, &["", "Bambang Sutrisno", "L", "16-11-1981"]);
    send(&mut app, &["f10", "f7"]);
    assert_eq!(app.state.patients.mode, Mode::Ckg);
    let items = app.state.patients.ckg.as_ref().unwrap().items.clone();
    assert!(items.contains(&loket::domain::ckg::Item::Screen("copd")), "COPD from 40");
    // smoking: positive; activity: normal; weight 80; height 165; waist 95; systolic 1200 (impossible).
    // Every line is left with Tab: nothing moves by itself.
    send(&mut app, &["p", "tab", "n", "tab", "80", "tab", "165", "tab", "95", "tab", "1200", "tab", "85", "tab", "110", "f10"]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("di luar 50-300 mmHg untuk umur ini"), "{screen}");
    assert!(app.state.patients.ckg.as_ref().unwrap().result.is_none());
    // 230 is possible but unusual: the first F10 asks, the second goes on.
    send(&mut app, &["ctrl-u", "230", "f10"]);
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("tidak biasa (biasa 80-200 mmHg)"), "{screen}");
    insta::assert_snapshot!("ckg_form_80x24", render(&app.state, 80, 24).backend());
    send(&mut app, &["f10"]);
    // The screenings not done are listed; a second F10 saves without them.
    let flash = app.state.flash.as_ref().unwrap().text.clone();
    assert_eq!(flash, "Belum diisi: Gigi, Mata/penglihatan +10. F10 lagi: tetap simpan.");
    assert!(app.state.patients.ckg.as_ref().unwrap().result.is_none());
    send(&mut app, &["f10"]);
    let saved = app.state.patients.ckg.as_ref().unwrap().result.clone().expect("saved");
    assert!(saved.lines.iter().any(|l| l.code == "bmi" && l.value == Some(294)));
    assert!(saved.referral);
    assert!(saved.lines.iter().any(|l| l.code == "smoking" && l.finding == Some(loket::domain::ckg::Finding::Positive)));
    let screen = screen_text(&app.state, 80, 40);
    assert!(screen.contains("RUJUK ke Puskesmas"), "{screen}");
    // The card now shows the check; F7 shows the saved check again instead of refusing.
    send(&mut app, &["esc"]);
    app.handle(loket::app::Msg::DataChanged);
    send(&mut app, &["esc", "bambang sutrisno 1981", "enter"]);
    assert_eq!(app.state.patients.card.as_ref().unwrap().facts.checks.len(), 1);
    send(&mut app, &["f7"]);
    let shown = app.state.patients.ckg.as_ref().unwrap().result.clone().expect("the saved check is shown");
    assert_eq!(shown.id, saved.id);
    assert!(screen_text(&app.state, 80, 24).contains("Hasil CKG 23-11-2026"));
}

#[test]
fn birthday_list_and_linking_the_ticket_in_service() {
    let (_d, mut app) = app(Lang::Id);
    to_patients(&mut app, "siti", "1111");
    send(&mut app, &["f5"]);
    fill(&mut app, &["", "Ani Kartini", "P", "25-11-1990"]);
    send(&mut app, &["f10", "esc", "f8"]);
    assert_eq!(app.state.patients.mode, Mode::Birthdays);
    assert!(app.state.patients.birthdays.0.iter().any(|p| p.name == "Ani Kartini"));
    // Take and call a ticket at counter 1, then link it from the card.
    send(&mut app, &["f2", "t", "enter", "f5", "f3"]);
    send(&mut app, &["esc", "ctrl-u", "ani kart", "enter", "f8"]);
    assert_eq!(app.state.flash.as_ref().unwrap().text, "Tiket A-001 ditautkan ke pasien ini.");
    let visits = &app.state.patients.card.as_ref().unwrap().facts.visits;
    assert_eq!(visits[0].1, "A-001");
}

#[test]
fn the_ckg_result_slip_is_stored_with_the_check() {
    let (_d, mut app) = app(Lang::En);
    set_printer(&mut app, true);
    to_patients(&mut app, "siti", "1111");
    send(&mut app, &["f5"]);
    fill(&mut app, &["", "Rahayu Lestari", "P", "20-11-1990"]);
    send(&mut app, &["f10", "f7", "n", "tab", "n", "tab", "60", "tab", "155", "tab", "78", "tab", "120", "tab", "80", "tab", "95", "f10", "f10"]);
    let id = app.state.patients.ckg.as_ref().unwrap().result.clone().expect("saved").id;
    let jobs = app.store.print_jobs_for("ckg_checks", id).unwrap();
    assert_eq!(jobs.len(), 1);
    // Printouts are in the site's language (Indonesian here), whatever the user's.
    let p = &jobs[0].preview;
    assert!(p.contains("Rahayu Lestari") && p.contains("Berat badan") && p.contains("60,0 kg"), "{p}");
    assert!(p.contains("IMT") && p.contains("25,0"), "{p}");
    // Closing the result shows the card with today's check, without reopening it.
    send(&mut app, &["esc"]);
    let screen = screen_text(&app.state, 100, 40);
    assert!(screen.contains("CKG: done"), "{screen}");
}

/// In English the card, the list and the counts are English: sex, the change history, "1 result".
#[test]
fn the_card_and_the_list_speak_english_in_english() {
    let (_d, mut app) = app(Lang::En);
    to_patients(&mut app, "siti", "1111");
    send(&mut app, &["f5"]);
    fill(&mut app, &["3204125508850007"]);
    send(&mut app, &["Dewi Kartika", "tab", "tab", "end", "1985", "tab", "Sukamaju", "tab", "3/5", "tab", "Kp. Cibodas 12", "tab", "081299990000", "f10"]);
    assert_eq!(app.state.patients.mode, Mode::Card, "{:?}", app.state.patients.form.errors);
    let screen = screen_text(&app.state, 100, 40);
    assert!(screen.contains("female") && screen.contains("registered"), "{screen}");
    send(&mut app, &["esc", "ctrl-u", "dewi kartika"]);
    let screen = screen_text(&app.state, 100, 40);
    assert!(screen.contains("1 result") && !screen.contains("1 results"), "{screen}");
    assert!(screen.contains(" F 15-08-1985"), "sex as F, not P: {screen}");
}
