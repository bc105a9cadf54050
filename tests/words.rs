//! Every screen and dialog at 80x24, in both languages, read as a person reads it: no text cut
//! mid-word at a border, no word of the other language, one number style per language
//! (Indonesian `27,1`, English `27.1`). The screens are reached with the keys a user presses, on
//! the demo database.

mod common;
use common::*;
use loket::text::Lang;

/// Words that belong to one language and would be out of place on the other's screens (chrome,
/// not data: product and place names are Indonesian in both).
const ENGLISH_ONLY: &[&str] = &["the", "press", "results", "result", "registered", "receipt", "please", "choose", "cancel", "save", "saved", "found", "waiting", "printed"];
const INDONESIAN_ONLY: &[&str] = &["dan", "yang", "untuk", "tidak", "sudah", "belum", "silakan", "tekan", "simpan", "rujuk", "pilih", "batal", "cari", "ketik", "lalu"];

fn words(line: &str) -> impl Iterator<Item = String> + '_ {
    line.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase())
}

/// What is wrong on one screen, as sentences naming the line.
fn problems(screen: &str, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    let foreign = if lang == Lang::Id { ENGLISH_ONLY } else { INDONESIAN_ONLY };
    for (n, line) in screen.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        // Text running into a box's right border, or off the screen's last column, was cut.
        let w = chars.len();
        // (also with the box's one-column inner margin between the text and the border)
        let cut_at_border = w >= 4
            && matches!(chars[w - 1], '│' | '|')
            && ((chars[w - 2].is_alphanumeric() && chars[w - 3].is_alphanumeric()) || (chars[w - 2] == ' ' && chars[w - 3].is_alphabetic() && chars[w - 4].is_alphabetic()));
        let cut_at_edge = w >= 2 && chars[w - 1].is_alphanumeric() && chars[w - 2].is_alphanumeric() && n + 1 != screen.lines().count();
        if cut_at_border || cut_at_edge {
            out.push(format!("line {n} ends mid-word: {line}"));
        }
        for word in words(line) {
            if foreign.contains(&word.as_str()) {
                out.push(format!("line {n} has \"{word}\" of the other language: {line}"));
            }
        }
        // Dates as people read them (dd-mm-yyyy), not as stored.
        if chars.windows(10).any(|w| w[..4].iter().all(char::is_ascii_digit) && w[4] == '-' && w[7] == '-' && w[5..7].iter().all(char::is_ascii_digit)) {
            out.push(format!("line {n} has a stored-style date (yyyy-mm-dd): {line}"));
        }
        // A hint naming a key that is not bound ("- = choose").
        if line.contains(" - = ") || line.contains("│ - = ") {
            out.push(format!("line {n} names an unbound key: {line}"));
        }
        // A decimal written with the other language's mark: one or two digits after it.
        let (wrong, _) = if lang == Lang::Id { ('.', ',') } else { (',', '.') };
        for (i, c) in chars.iter().enumerate() {
            if *c == wrong && i > 0 && chars[i - 1].is_ascii_digit() {
                let after: String = chars[i + 1..].iter().take_while(|c| c.is_ascii_digit()).collect();
                let next = chars.get(i + 1 + after.len());
                if (1..=2).contains(&after.len()) && !next.is_some_and(|c| c.is_ascii_digit()) && !matches!(next, Some(':')) {
                    out.push(format!("line {n} writes a decimal with '{wrong}': {line}"));
                    break;
                }
            }
        }
    }
    out
}

/// The screens a user reaches, each as (name, keys from the login screen).
fn journeys() -> Vec<(&'static str, &'static str, &'static str, Vec<&'static str>)> {
    vec![
        ("login", "", "", vec![]),
        ("home", "siti", "1111", vec![]),
        ("queue", "siti", "1111", vec!["f2"]),
        ("take ticket", "siti", "1111", vec!["f2", "t"]),
        ("queue help", "siti", "1111", vec!["f2", "f1"]),
        ("patients", "siti", "1111", vec!["f3", "s", "i", "t", "i"]),
        ("patient form", "siti", "1111", vec!["f3", "f5"]),
        ("patient form errors", "siti", "1111", vec!["f3", "f5", "f10"]),
        // A NIK whose birth date cannot be: the longest field message (cut at 80 columns once).
        ("patient form bad nik", "siti", "1111", vec!["f3", "f5", "3", "2", "0", "1", "0", "1", "9", "9", "1", "3", "9", "9", "0", "0", "0", "1", "f10"]),
        ("birthdays", "siti", "1111", vec!["f3", "f8"]),
        ("sync", "siti", "1111", vec!["f11"]),
        ("sale", "budi", "2222", vec!["f4"]),
        ("patient card", "siti", "1111", vec!["f3", "s", "i", "t", "i", "enter"]),
        ("ckg form", "siti", "1111", vec!["f3", "s", "i", "t", "i", "enter", "f7"]),
        ("sale cart", "budi+shift", "2222", vec!["f4", "8", "9", "9", "1", "0", "0", "0", "0", "0", "0", "0", "7", "2", "enter"]),
        ("sale pay", "budi+shift", "2222", vec!["f4", "8", "9", "9", "1", "0", "0", "0", "0", "0", "0", "0", "7", "2", "enter", "f10"]),
        ("sale help", "budi+shift", "2222", vec!["f4", "f1"]),
        ("shift", "budi", "2222", vec!["f9"]),
        ("shift open", "budi", "2222", vec!["f9", "f5"]),
        ("figures", "joko", "4444", vec!["f9"]),
        ("quit", "joko", "4444", vec!["ctrl-q"]),
        // Lock, then F12: the next user's login screen says who left (cut at 80 columns once).
        ("logged out", "siti", "1111", vec!["ctrl-l", "f12"]),
    ]
}

fn sweep(lang: Lang) -> Vec<String> {
    let mut all = Vec::new();
    for (name, user, pin, keys) in journeys() {
        let (_d, mut app) = app(lang);
        match user.strip_suffix("+shift") {
            Some(user) => login_with_shift(&mut app, user, pin),
            None if !user.is_empty() => login(&mut app, user, pin),
            None => {}
        }
        send(&mut app, &keys);
        let screen = screen_text(&app.state, 80, 24);
        if std::env::var("LOKET_SHOW").is_ok_and(|v| v == name) {
            eprintln!("{screen}");
        }
        all.extend(problems(&screen, lang).into_iter().map(|p| format!("{name} ({lang:?}): {p}")));
    }
    all
}

#[test]
fn every_screen_reads_right_in_indonesian() {
    let found = sweep(Lang::Id);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn every_screen_reads_right_in_english() {
    let found = sweep(Lang::En);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_checker_sees_cut_words_foreign_words_and_wrong_decimals() {
    let p = problems("│ Tanggal lahir dalam NIK tidak mungk│\n│ IMT 27.1 normal   │\nlast", Lang::Id);
    assert!(p.iter().any(|p| p.contains("mid-word")), "{p:?}");
    assert!(p.iter().any(|p| p.contains("decimal")), "{p:?}");
    assert!(problems("│ Press Enter to save       │\nx", Lang::Id).iter().any(|p| p.contains("\"press\"")));
    assert!(problems("│ Rp15.000  10:30  1.500 kg │\nx", Lang::Id).iter().all(|p| !p.contains("decimal")), "thousands and times are fine");
    assert!(problems("│ Summary 2026-11-23        │\nx", Lang::En).iter().any(|p| p.contains("yyyy-mm-dd")));
    assert!(problems("│ - = choose, - = cancel    │\nx", Lang::En).iter().any(|p| p.contains("unbound")));
}

/// Messages in a box wrap inside it: the sentence is there whole, words joined across the lines.
#[test]
fn the_login_and_form_messages_are_whole_at_80x24() {
    let whole = |name: &str, user: &str, pin: &str, keys: &[&str], sentence: &str| {
        let (_d, mut app) = app(Lang::Id);
        login(&mut app, user, pin);
        send(&mut app, keys);
        let screen = screen_text(&app.state, 80, 24);
        let joined = screen.lines().map(|l| l.trim_matches(|c: char| c == '│' || c == ' ')).collect::<Vec<_>>().join(" ");
        let joined = joined.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(joined.contains(sentence), "{name}: \"{sentence}\" not whole:\n{screen}");
    };
    whole("logged out", "siti", "1111", &["ctrl-l", "f12"], "Anda sudah keluar. Pengguna berikutnya silakan masuk.");
    let nik = ["f3", "f5", "3", "2", "0", "1", "0", "1", "9", "9", "1", "3", "9", "9", "0", "0", "0", "1", "f10"];
    whole("bad nik", "siti", "1111", &nik, "Tanggal lahir dalam NIK tidak mungkin (99-13).");
}
