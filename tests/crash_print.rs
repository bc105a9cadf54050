//! A print job left unprinted by a crash (claimed by a process that then died) is printed by the
//! next process that serves its printer, in order, instead of waiting out the dead one's lease.

mod common;
use chrono::Utc;
use common::run_loket;
use loket::store::{OpenMode, Store};

#[test]
fn a_ticket_claimed_by_a_process_that_died_is_printed_by_the_next_kiosk_press() {
    let h = tempfile::tempdir().unwrap();
    let out = h.path().join("printer.bin");
    let config = h.path().join("config.toml");
    std::fs::write(&config, format!("[printer]\ntransport = \"file\"\npath = \"{}\"\nwidth = 32\n", out.display())).unwrap();
    let db = h.path().join("site.db").display().to_string();
    let cfg = config.display().to_string();
    let (code, _, err) = run_loket(h.path(), &["init", "--db", &db, "--admin", "kepala", "--pin", "24680", "--config", &cfg], &[]);
    assert_eq!(code, 0, "{err}");
    // A kiosk took ticket A-001 and claimed its job, then died (kill -9) before sending it.
    let mut dead = std::process::Command::new("true").spawn().unwrap();
    let dead_pid = dead.id();
    dead.wait().unwrap();
    {
        let mut store = Store::open(std::path::Path::new(&db), OpenMode::Existing).unwrap();
        let mut cfgv = loket::config::Config::default();
        cfgv.printer.transport = loket::print::TransportConfig::File(out.clone());
        loket::ops::queue::take_ticket(&mut store, &cfgv, &loket::store::Actor::system("kiosk"), "A", None, Utc::now()).unwrap();
        let claimed = store.claim_print_job(&format!("pid{dead_pid}-0"), &loket::store::print_jobs::Lane::single(), Utc::now()).unwrap().expect("the job");
        assert!(claimed.bytes.windows(5).any(|w| w == b"A-001"));
    }
    assert!(!out.exists() || !std::fs::read(&out).unwrap().windows(5).any(|w| w == b"A-001"));
    // The next press prints the dead kiosk's ticket first, then its own.
    let (code, _, err) = run_loket(h.path(), &["ticket", "A", "--db", &db, "--config", &cfg], &[]);
    assert_eq!(code, 0, "{err}");
    let bytes = std::fs::read(&out).unwrap_or_default();
    let first = bytes.windows(5).position(|w| w == b"A-001");
    let second = bytes.windows(5).position(|w| w == b"A-002");
    assert!(first.is_some() && second.is_some(), "both tickets printed: {}", String::from_utf8_lossy(&bytes));
    assert!(first < second, "in order");
}
