//! The district hub seen by people, against a real PostgreSQL server: the district report from
//! the command line as a reader (CSV, JSON, text, by area), the full-screen view at 80x24 and in
//! a real terminal, the sync screen's hub lines, and every `loket hub` command through the binary.

mod common;
#[path = "support/pg.rs"]
#[allow(dead_code)]
mod pg;
#[path = "support/hub_sites.rs"]
mod hub_sites;

use chrono::{Duration, Utc};
use hub_sites::*;
use loket::hub::{admin, report, schema, sender, HubError};
use loket::store::hub_outbox::NewHubLink;
use loket::store::Actor;
use pg::{password_file, Pg};

#[test]
fn the_district_report_from_the_command_line_as_a_reader() {
    let Some(pg) = Pg::start() else { return };
    hub(&pg, "hub");
    let mut a = site(&pg, "hub", "KAL01", true);
    join(&mut a);
    sender::run_once(&mut a.store, Utc::now()).unwrap();
    let mut b = site(&pg, "hub", "KAL02", false);
    join(&mut b);
    tickets(&mut b.store, Utc::now().date_naive(), 4);
    sender::run_once(&mut b.store, Utc::now()).unwrap();
    admin::add_reader(&mut admin_client(&pg, "hub"), "camat", "pw-camat").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pw = password_file(dir.path(), "reader.pass", "pw-camat");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "").unwrap();
    let run = |format: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_loket"))
            .args(["--lang", "en", "district", "report", "range", "--format", format, "--config"])
            .arg(&config)
            .args(["--from", &(Utc::now().date_naive() - Duration::days(60)).to_string(), "--to", &Utc::now().date_naive().to_string()])
            .args(["--url", &pg.url("hub"), "--user", "camat", "--password-file"])
            .arg(&pw)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let csv = run("csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4, "heads, two sites, the total:\n{csv}");
    assert!(lines[0].starts_with("site,name,sales,amount,returns,ckg"));
    assert!(lines[1].starts_with("KAL01,Pustu KAL01,"));
    assert!(lines[2].starts_with("KAL02,Pustu KAL02,0,0,0,0,0,0,800,4,"), "{}", lines[2]);
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert_eq!(json["total"]["queue_taken"].as_i64().unwrap(), json["sites"][0]["queue_taken"].as_i64().unwrap() + 4);
    // A Puskesmas reads its own area: KUKAR holds KUKAR/KALODRAN, KUKAR/KAL is another area.
    admin::add_site(&mut admin_client(&pg, "hub"), "KAL02", "Pustu KAL02", "pw-KAL02", None, Some("KUKAR/KALODRAN")).unwrap();
    let area = |a: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_loket"))
            .args(["--lang", "en", "district", "report", "day", "--format", "csv", "--area", a, "--url", &pg.url("hub"), "--user", "camat", "--config"])
            .arg(&config)
            .arg("--password-file")
            .arg(&pw)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let kukar = area("KUKAR");
    assert_eq!(kukar.lines().count(), 3, "{kukar}");
    assert!(kukar.lines().nth(1).unwrap().starts_with("KAL02,"), "{kukar}");
    assert_eq!(area("KUKAR/KAL").lines().count(), 2, "heads and the total only");
    let text = run("text");
    assert!(text.contains("District figures") && text.contains("TOTAL"), "{text}");
    // The full-screen view draws the same lines at 80x24, and says so when the hub is away.
    let t = loket::text::Text::new(loket::text::Lang::En);
    let today = Utc::now().date_naive();
    let mut view = loket::district::View::default();
    view.loaded(&t, today, report::district(&mut admin_client(&pg, "hub"), today, today, 90, None));
    view.loaded(&t, today, Err(HubError::Network("connection refused".into())));
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    let keymap = loket::keymap::Keymap::defaults();
    term.draw(|f| loket::district::draw(f, &view, &keymap, &t, &loket::theme::Theme::new(false, true))).unwrap();
    let screen: String = (0..24).map(|y| (0..80).map(|x| term.backend().buffer()[(x, y)].symbol().to_string()).collect::<String>() + "\n").collect();
    assert!(screen.contains("KAL02") && screen.contains("TOTAL") && screen.contains("cannot be reached"), "{screen}");
    // `loket hub status` on the site.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_loket"))
        .args(["--lang", "en", "hub", "status", "--config"])
        .arg(&config)
        .arg("--db")
        .arg(b.store.path())
        .output()
        .unwrap();
    let status = String::from_utf8_lossy(&out.stdout);
    assert!(status.contains("Site KAL02 ->") && status.contains("Pending: 0"), "{status}{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn the_sync_screen_shows_the_hub_outbox_and_its_problem() {
    use loket::text::Lang;
    let (_d, mut app) = common::app(Lang::En);
    let link = NewHubLink {
        site_id: "KAL01".into(),
        url: "postgresql://hub.invalid/loket".into(),
        user_name: "loket_site_kal01".into(),
        password_file: "/nonexistent".into(),
        ca_file: None,
        install_id: "i".into(),
    };
    app.store.join_hub(&Actor::system("test"), &link, "k", Utc::now()).unwrap();
    app.store.hub_failed("network: connection refused", Utc::now() + Duration::minutes(1), None, Utc::now()).unwrap();
    let pending = app.store.hub_counts().unwrap().pending;
    common::login(&mut app, "siti", "1111");
    common::send(&mut app, &["f11"]);
    let screen = common::screen_text(&app.state, 80, 24);
    assert!(screen.contains("District hub (site KAL01)"), "{screen}");
    assert!(screen.contains(&format!("Figures pending: {pending}")), "{screen}");
    assert!(screen.contains("The hub cannot be reached"), "{screen}");
}

/// A finished CKG check by the real operation, `i`-th of the day.
#[test]
fn the_district_view_runs_in_a_real_terminal_and_goes_back_a_day() {
    let Some(pg) = Pg::start() else { return };
    hub(&pg, "hub");
    let mut b = site(&pg, "hub", "KAL02", false);
    join(&mut b);
    tickets(&mut b.store, Utc::now().date_naive(), 3);
    sender::run_once(&mut b.store, Utc::now()).unwrap();
    admin::add_reader(&mut admin_client(&pg, "hub"), "camat", "pw-camat").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pw = password_file(dir.path(), "reader.pass", "pw-camat");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "").unwrap();
    let command = format!(
        "{} --lang en --config {} district --url '{}' --user camat --password-file {}",
        common::loket_bin().display(),
        config.display(),
        pg.url("hub"),
        pw.display()
    );
    let t = common::Tmux::start(&command, 80, 24);
    let screen = t.wait_for("KAL02");
    assert!(screen.contains("Figures from the district hub (read-only)"), "{screen}");
    let today = Utc::now().date_naive();
    t.wait_for(&today.format("%d-%m-%Y").to_string());
    t.keys(&["F5"]);
    t.wait_for(&(today - Duration::days(1)).format("%d-%m-%Y").to_string());
    t.keys(&["C-q"]);
    t.wait_for("EXIT=0");
}

#[test]
fn the_hub_commands_from_migrate_to_join_sync_and_unbind() {
    let Some(pg) = Pg::start() else { return };
    pg.create_db("hub");
    let h = tempfile::tempdir().unwrap();
    let home = h.path();
    let p = |name: &str, pw: &str| password_file(home, name, pw).display().to_string();
    let (admin_pw, site_pw) = (p("admin.pass", pg::ADMIN_PASSWORD), p("kal01.pass", "pw-KAL01-cli"));
    let url = pg.url("hub");
    let hub_admin = |args: &[&str]| {
        let mut all = vec!["--lang", "en"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["--url", &url, "--user", "postgres", "--password-file", &admin_pw]);
        common::run_loket(home, &all, &[])
    };
    let (code, out, err) = hub_admin(&["hub", "migrate"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains(&format!("Hub schema: version 0 -> {}", schema::VERSION)), "{out}");
    let (code, out, _) = hub_admin(&["hub", "migrate"]);
    assert_eq!((code, out.contains("already version")), (0, true), "{out}");
    let (code, out, err) = hub_admin(&["hub", "add-site", "KAL01", "--name", "Pustu Kalodran", "--target", "900", "--site-password-file", &site_pw]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Site KAL01 registered; it logs in as loket_site_kal01"), "{out}");
    let (code, _, err) = hub_admin(&["hub", "add-site", "KAL 01", "--site-password-file", &site_pw]);
    assert_eq!(code, 2);
    assert!(err.contains("Site id \"KAL 01\" is not valid"), "{err}");
    // The site: an admin joins it once, then it sends.
    let db = home.join("site.db").display().to_string();
    let (code, _, err) = common::run_loket(home, &["init", "--db", &db, "--admin", "kepala", "--pin", "24680"], &[]);
    assert_eq!(code, 0, "{err}");
    let site = |args: &[&str]| {
        let mut all = vec!["--lang", "en", "--db", &db];
        all.extend_from_slice(args);
        common::run_loket(home, &all, &[])
    };
    let (code, _, err) = site(&["hub", "join", &url, "--site", "KAL01", "--password-file", &site_pw, "--as", "kepala", "--as-pin", "1111"]);
    assert_eq!(code, 1, "a wrong PIN joins nothing: {err}");
    let (code, out, err) = site(&["hub", "join", &url, "--site", "KAL01", "--password-file", &site_pw, "--as", "kepala", "--as-pin", "24680"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Site KAL01 joined the hub"), "{out}");
    let (code, out, err) = site(&["hub", "sync"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("Sent to the hub: "), "{out}");
    let (_, out, _) = site(&["hub", "status"]);
    assert!(out.contains("Site KAL01 -> ") && out.contains("Pending: 0") && out.contains("Last success: "), "{out}");
    assert!(!out.contains("pw-KAL01"), "no password is shown");
    // Another installation claiming the same site is refused, until the hub's admin unbinds it.
    let db2 = home.join("other.db").display().to_string();
    common::run_loket(home, &["init", "--db", &db2, "--admin", "kepala", "--pin", "24680"], &[]);
    let join2 = || common::run_loket(home, &["--lang", "en", "--db", &db2, "hub", "join", &url, "--site", "KAL01", "--password-file", &site_pw, "--as", "kepala", "--as-pin", "24680"], &[]);
    let (code, _, err) = join2();
    assert_eq!(code, 1);
    assert!(err.contains("This site id is already bound to another installation"), "{err}");
    let (code, out, _) = hub_admin(&["hub", "unbind", "KAL01"]);
    assert_eq!((code, out.contains("Site KAL01 released")), (0, true), "{out}");
    let (code, _, err) = join2();
    assert_eq!(code, 0, "{err}");
    // A site that has not joined says how to.
    let db3 = home.join("third.db").display().to_string();
    common::run_loket(home, &["init", "--db", &db3, "--admin", "kepala", "--pin", "24680"], &[]);
    let (code, _, err) = common::run_loket(home, &["--lang", "en", "--db", &db3, "hub", "sync"], &[]);
    assert_eq!(code, 1);
    assert!(err.contains("This site has not joined a hub: `loket hub join URL`."), "{err}");
}

