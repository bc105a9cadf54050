//! Queues: several counter processes calling at once, the counter screen driven by keys, the
//! waiting-room board in a real terminal, and the spoken call.

mod common;
use chrono::Utc;
use common::*;
use loket::config::{Config, VoiceEngine, VoiceSettings};
use loket::store::{Actor, OpenMode, Store};
use loket::text::Lang;
use loket::voice::{wav, Announcement, Announcer};
use std::collections::HashSet;
use std::process::Command;

const FOUR_COUNTERS: &str = "[[counters]]\nnumber = 1\nservices = [\"A\"]\n[[counters]]\nnumber = 2\nservices = [\"A\"]\n\
[[counters]]\nnumber = 3\nservices = [\"A\"]\n[[counters]]\nnumber = 4\nservices = [\"A\", \"B\"]\n";

#[test]
fn four_counter_processes_calling_at_once_never_share_or_lose_a_ticket() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    let cfg = dir.path().join("site.toml");
    std::fs::write(&cfg, FOUR_COUNTERS).unwrap();
    let config = Config::load(&cfg, true).unwrap();
    let day = config.site.zone.business_day(Utc::now());
    {
        let mut store = Store::open(&db, OpenMode::Create).unwrap();
        for _ in 0..100 {
            store.take_ticket(&Actor::system("test"), "A", None, &config.queue.rule, day, Utc::now()).unwrap();
        }
    }
    // Each thread is one counter: a separate `loket queue call` process per call, all at once.
    let workers: Vec<_> = (1..=4)
        .map(|counter| {
            let (db, cfg) = (db.clone(), cfg.clone());
            std::thread::spawn(move || {
                let mut called = Vec::new();
                loop {
                    let out = Command::new(loket_bin())
                        .args(["queue", "call", "--counter", &counter.to_string(), "--lang", "en"])
                        .arg("--db")
                        .arg(&db)
                        .arg("--config")
                        .arg(&cfg)
                        .output()
                        .unwrap();
                    match out.status.code() {
                        Some(0) => called.push(String::from_utf8_lossy(&out.stdout).trim().to_string()),
                        Some(3) => return called, // the queue is empty
                        other => panic!("call failed {other:?}: {}", String::from_utf8_lossy(&out.stderr)),
                    }
                }
            })
        })
        .collect();
    let mut labels = Vec::new();
    for w in workers {
        labels.extend(w.join().unwrap());
    }
    let tickets: Vec<String> = labels.iter().map(|l| l.split_whitespace().nth(1).unwrap().to_string()).collect();
    let unique: HashSet<&String> = tickets.iter().collect();
    assert_eq!(tickets.len(), 100, "every ticket called once: {labels:?}");
    assert_eq!(unique.len(), 100, "no ticket called twice");
    let store = Store::open(&db, OpenMode::Existing).unwrap();
    let stats = store.queue_stats(&["A".into()], day).unwrap();
    assert_eq!((stats[0].taken, stats[0].waiting), (100, 0));
    assert_eq!(store.verify_audit().unwrap().problems(), None);
}

#[test]
fn the_counter_screen_takes_calls_skips_recalls_transfers_and_finishes() {
    let (_d, mut app) = app(Lang::Id);
    login(&mut app, "siti", "1111");
    send(&mut app, &["f2", "f5"]);
    assert_eq!(app.state.flash.as_ref().unwrap().text, "Antrean kosong: tidak ada yang menunggu.");
    // Two tickets for A (the second for an elderly person) and one for B.
    send(&mut app, &["t", "enter", "t", "1", "enter", "t", "b", "enter"]);
    assert_eq!(app.state.flash.as_ref().unwrap().text, "Tiket B-001: 0 orang di depan, perkiraan 0 menit.");
    assert_eq!(app.state.queue.view.waiting.len(), 2, "counter 1 serves A only");
    send(&mut app, &["f5"]);
    assert_eq!(app.state.flash.as_ref().unwrap().text, "Memanggil A-002 ke Loket 1.", "the elderly person goes first");
    send(&mut app, &["f7"]);
    assert_eq!(app.state.queue.view.skipped.len(), 1);
    send(&mut app, &["f5"]);
    assert_eq!(app.state.queue.view.current.as_ref().unwrap().label(), "A-001");
    send(&mut app, &["t", "enter"]);
    insta::assert_snapshot!("queue_counter_80x24", render(&app.state, 80, 24).backend());
    send(&mut app, &["f8", "c", "enter"]);
    assert_eq!(app.state.flash.as_ref().unwrap().text, "A-001 dialihkan ke C Apotek.");
    // With the counter free, F6 brings back the skipped ticket.
    send(&mut app, &["f6"]);
    assert_eq!(app.state.queue.view.current.as_ref().unwrap().label(), "A-002");
    send(&mut app, &["f10"]);
    assert_eq!(app.state.flash.as_ref().unwrap().text, "A-002 selesai.");
    send(&mut app, &["f10"]);
    assert_eq!(app.state.flash.as_ref().unwrap().text, "Tidak ada tiket yang sedang dilayani di loket ini.");
    let screen = screen_text(&app.state, 80, 24);
    assert!(screen.contains("A Pendaftaran         3      2     1     1"), "{screen}");
}

#[test]
fn the_counter_screen_shows_other_counters_work() {
    let (dir, mut app) = app(Lang::En);
    login(&mut app, "siti", "1111");
    send(&mut app, &["f2"]);
    assert!(app.state.queue.view.waiting.is_empty());
    let mut other = Store::open(&dir.path().join("demo.db"), OpenMode::Existing).unwrap();
    let day = app.state.config.site.zone.business_day(app.state.now);
    other.take_ticket(&Actor::system("kiosk"), "A", None, &Default::default(), day, app.state.now).unwrap();
    app.handle(loket::app::Msg::DataChanged);
    assert_eq!(app.state.queue.view.waiting.iter().map(|t| t.label()).collect::<Vec<_>>(), ["A-001"]);
}

#[test]
fn help_explains_the_ordering_rule() {
    let (_d, mut app) = app(Lang::Id);
    login(&mut app, "siti", "1111");
    send(&mut app, &["f2", "f1"]);
    let screen = screen_text(&app.state, 100, 40);
    assert!(screen.contains("setelah 3 panggilan prioritas"), "{screen}");
}

fn espeak_available() -> bool {
    let ok = Command::new("espeak-ng").arg("--version").output().is_ok();
    if !ok && std::env::var_os("CI").is_some() {
        panic!("espeak-ng is not installed; .ci/run installs it");
    }
    if !ok {
        eprintln!("espeak-ng not installed: voice audio test skipped");
    }
    ok
}

#[test]
fn calls_are_spoken_one_after_another_by_espeak() {
    if !espeak_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let settings = VoiceSettings { engine: VoiceEngine::Espeak, voice: "id".into(), clips_dir: None, wav_dir: Some(dir.path().into()) };
    let a = Announcer::start(settings, dir.path().join("log"));
    a.announce(Announcement::for_call("A", 7, 2, 1));
    a.announce(Announcement::for_call("B", 12, 1, 2));
    a.finish();
    for name in ["call-00000001.wav", "call-00000002.wav"] {
        let bytes = std::fs::read(dir.path().join(name)).unwrap();
        // espeak-ng writes 22,050 Hz 16-bit mono: more than a second of sound per call.
        assert!(wav::data_len(&bytes) > 44_100, "{name}: {} bytes of audio", wav::data_len(&bytes));
        let peak = bytes[44..].chunks(2).map(|c| i16::from_le_bytes([c[0], c.get(1).copied().unwrap_or(0)]).unsigned_abs()).max().unwrap();
        assert!(peak > 1000, "{name} is not silent");
    }
}

#[test]
fn recorded_clips_are_joined_in_the_spoken_order() {
    let dir = tempfile::tempdir().unwrap();
    let clips = dir.path().join("clips");
    std::fs::create_dir_all(&clips).unwrap();
    let names = ["nomor-antrean", "a", "nol", "tujuh", "silakan-ke-loket", "dua"];
    for (i, n) in names.iter().enumerate() {
        std::fs::write(clips.join(format!("{n}.wav")), wav::pcm16(8000, &[i as i16; 4])).unwrap();
    }
    let out = dir.path().join("out");
    let settings = VoiceSettings { engine: VoiceEngine::Clips, voice: "id".into(), clips_dir: Some(clips), wav_dir: Some(out.clone()) };
    loket::voice::play(&settings, &Announcement::for_call("A", 7, 2, 5)).unwrap();
    let joined = std::fs::read(out.join("call-00000005.wav")).unwrap();
    // nomor-antrean a nol nol tujuh silakan-ke-loket dua
    let expect: Vec<i16> = [0, 1, 2, 2, 3, 4, 5].iter().flat_map(|&i| [i as i16; 4]).collect();
    assert_eq!(joined, wav::pcm16(8000, &expect));
    // A missing clip is reported, not played half.
    let settings = VoiceSettings { engine: VoiceEngine::Clips, voice: "id".into(), clips_dir: Some(dir.path().join("none")), wav_dir: Some(out) };
    assert!(loket::voice::play(&settings, &Announcement::for_call("A", 7, 2, 6)).is_err());
}

#[test]
fn no_audio_program_is_a_log_line_not_a_failure() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("loket.log");
    let settings = VoiceSettings { engine: VoiceEngine::Clips, voice: "id".into(), clips_dir: Some(dir.path().join("missing")), wav_dir: None };
    let a = Announcer::start(settings, log.clone());
    a.announce(Announcement::for_call("C", 3, 1, 9));
    a.finish();
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("voice: Nomor antrean C nol nol tiga, silakan ke loket satu"), "{text}");
}

#[test]
fn the_board_shows_calls_within_a_second_and_speaks_them() {
    if !espeak_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    let wavs = dir.path().join("wav");
    let cfg = dir.path().join("site.toml");
    std::fs::write(&cfg, format!("[site]\nname = \"KDKMP Sukamaju\"\n[voice]\nwav_dir = \"{}\"\n", wavs.display())).unwrap();
    let (code, _, err) = run_loket(dir.path(), &["demo", "--seed-only", "--patients", "3", "--db", db.to_str().unwrap()], &[]);
    assert_eq!(code, 0, "{err}");
    let bin = loket_bin();
    let board = Tmux::start(&format!("HOME={} {} board --db {} --config {}", dir.path().display(), bin.display(), db.display(), cfg.display()), 100, 30);
    board.wait_for("KDKMP Sukamaju - Antrean");
    board.wait_for("Belum ada panggilan");
    let args = ["--db", db.to_str().unwrap(), "--config", cfg.to_str().unwrap()];
    let (code, out, _) = run_loket(dir.path(), &[&["ticket", "B"][..], &args].concat(), &[]);
    assert_eq!(code, 0);
    assert!(out.contains("B-001") && out.contains("Pemeriksaan/CKG"), "{out}");
    let (code, _, err) = run_loket(dir.path(), &[&["queue", "call", "--counter", "2"][..], &args].concat(), &[]);
    assert_eq!(code, 0, "{err}");
    let screen = board.wait_for("B-001");
    assert!(screen.contains("Loket 2"), "{screen}");
    assert!(!screen.to_lowercase().contains("siti"), "no names on the board");
    // The call is spoken (written as a WAV here).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let found = std::fs::read_dir(&wavs).map(|d| d.count()).unwrap_or(0);
        if found == 1 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "no WAV written");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // The board opens the database read-only: it cannot write, and quits on Ctrl-Q.
    board.keys(&["C-q"]);
    board.wait_for("EXIT=0");
}

#[test]
fn a_kiosk_ticket_is_printed_with_its_number_and_wait() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    let out = dir.path().join("printer.bin");
    let cfg = dir.path().join("site.toml");
    std::fs::write(&cfg, format!("[site]\nname = \"KDKMP Sukamaju\"\n[printer]\ntransport = \"file\"\npath = \"{}\"\n", out.display())).unwrap();
    run_loket(dir.path(), &["demo", "--seed-only", "--patients", "1", "--db", db.to_str().unwrap()], &[]);
    let args = ["--db", db.to_str().unwrap(), "--config", cfg.to_str().unwrap()];
    let (code, _, err) = run_loket(dir.path(), &[&["ticket", "C", "--priority", "lansia"][..], &args].concat(), &[]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&out).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("C-001") && text.contains("Apotek") && text.contains("PRIORITAS"), "{text}");
    let store = Store::open(&db, OpenMode::Existing).unwrap();
    let jobs = store.recent_print_jobs(5).unwrap();
    assert_eq!(jobs.len(), 1);
    assert!(jobs[0].preview.replace(' ', "").contains("C-001"), "{}", jobs[0].preview);
}

#[test]
fn a_ticket_taken_at_the_counter_is_stored_with_its_print_job() {
    let (_d, mut app) = app(Lang::Id);
    set_printer(&mut app, true);
    login(&mut app, "siti", "1111");
    send(&mut app, &["f2", "t", "b", "enter"]);
    let jobs = app.store.recent_print_jobs(5).unwrap();
    assert_eq!(jobs.len(), 1);
    let p = &jobs[0].preview;
    assert!(p.replace(' ', "").contains("B-001") && p.contains("Pemeriksaan/CKG") && p.contains("Perkiraan tunggu"), "{p}");
}

/// Issue #13: a priority ticket taken after A-001 promised "Di depan Anda: 0 orang" but was
/// called only after, which came after it.
#[test]
fn a_priority_ticket_is_called_before_later_normal_tickets_as_its_printout_promised() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("q.db");
    let cfg = dir.path().join("site.toml");
    std::fs::write(&cfg, "[site]\nname = \"KDKMP Sukamaju\"\n").unwrap();
    let (code, _, err) = run_loket(dir.path(), &["demo", "--seed-only", "--patients", "1", "--db", db.to_str().unwrap()], &[]);
    assert_eq!(code, 0, "{err}");
    let args = ["--db", db.to_str().unwrap(), "--config", cfg.to_str().unwrap()];
    let take = |extra: &[&str]| {
        let (code, out, err) = run_loket(dir.path(), &[&["ticket", "A"][..], extra, &args].concat(), &[]);
        assert_eq!(code, 0, "{err}");
        out
    };
    take(&[]);
    let priority = take(&["--priority", "lansia"]);
    assert!(priority.contains("A-002") && priority.contains("Di depan Anda: 0 orang"), "{priority}");
    for _ in 0..3 {
        take(&[]);
    }
    let mut order = Vec::new();
    loop {
        let (code, out, err) = run_loket(dir.path(), &[&["queue", "call", "--counter", "1", "--lang", "en"][..], &args].concat(), &[]);
        match code {
            0 => order.push(out.split_whitespace().nth(1).unwrap().to_string()),
            3 => break,
            _ => panic!("{err}"),
        }
    }
    assert_eq!(order, ["A-002", "A-001", "A-003", "A-004", "A-005"]);
}
