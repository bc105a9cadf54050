//! The supervisor over SSH: a real OpenSSH server on 127.0.0.1 with the packaged sshd snippet,
//! a key login as the supervisor account in a real terminal, the day's summary read from the
//! screen, and proof that nothing can be written.

mod common;
use common::{loket_bin, run_loket, Tmux};
use std::net::TcpListener;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

const USER: &str = "loketsup";

fn ready() -> bool {
    let root = Command::new("id").arg("-u").output().map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0").unwrap_or(false);
    let ok = root && Path::new("/usr/sbin/sshd").exists() && Command::new("ssh").arg("-V").output().is_ok();
    if !ok && std::env::var_os("CI").is_some() {
        panic!("the SSH test needs root and openssh-server (.ci/run installs it)");
    }
    if !ok {
        eprintln!("SSH test skipped: needs root, /usr/sbin/sshd and ssh");
    }
    ok
}

fn sh(cmd: &str) {
    let status = Command::new("sh").arg("-c").arg(cmd).status().unwrap();
    assert!(status.success(), "{cmd}");
}

/// The test's supervisor account: made if missing, removed (with its home) when dropped if the
/// test made it, so no user is left behind on the host.
struct Account {
    made: bool,
}

impl Account {
    fn make() -> Account {
        let exists = Command::new("id").arg(USER).output().map(|o| o.status.success()).unwrap_or(false);
        if !exists {
            sh(&format!("useradd -m -s /bin/sh {USER}"));
        }
        Account { made: !exists }
    }
}

impl Drop for Account {
    fn drop(&mut self) {
        if self.made {
            let _ = Command::new("userdel").args(["-r", USER]).output();
        }
    }
}

struct Sshd(Child);

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn ssh_args(key: &Path, port: u16) -> Vec<String> {
    [
        "-i", &key.display().to_string(), "-p", &port.to_string(), "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
        "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[test]
fn a_supervisor_reads_the_day_over_ssh_and_cannot_write() {
    if !ready() {
        return;
    }
    // The account is made for this test and removed after it, whatever happens.
    let _account = Account::make();
    // A locked account (useradd's default "!") may not log in even with a key; "*" has no password and is not locked.
    sh(&format!("usermod -p '*' {USER}"));
    sh("mkdir -p /run/sshd && chmod 755 /run/sshd");
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
    let db = d.join("loket.db");
    let cfg = d.join("site.toml");
    std::fs::write(&cfg, "[site]\nname = \"KDKMP Sukamaju\"\n").unwrap();
    let args = |extra: &[&str]| -> Vec<String> {
        let mut v: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
        v.extend(["--db".to_string(), db.display().to_string(), "--config".to_string(), cfg.display().to_string()]);
        v
    };
    let run = |extra: &[&str]| {
        let a = args(extra);
        let refs: Vec<&str> = a.iter().map(String::as_str).collect();
        let (code, out, err) = run_loket(d, &refs, &[]);
        assert_eq!(code, 0, "{extra:?}: {err}");
        out
    };
    run(&["demo", "--seed-only", "--patients", "5"]);
    run(&["ticket", "A"]);
    run(&["ticket", "A"]);
    run(&["queue", "call", "--counter", "1"]);
    for f in ["loket.db", "loket.db-wal", "loket.db-shm"] {
        let p = d.join(f);
        if p.exists() {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
    }
    let before = std::fs::read(&db).unwrap();
    let before_wal = std::fs::read(d.join("loket.db-wal")).unwrap_or_default();

    // Keys, and the packaged sshd snippet pointed at this build and this database.
    sh(&format!("ssh-keygen -q -t ed25519 -N '' -f {0}/hostkey && ssh-keygen -q -t ed25519 -N '' -f {0}/client", d.display()));
    std::fs::copy(d.join("client.pub"), d.join("authorized_keys")).unwrap();
    std::fs::set_permissions(d.join("authorized_keys"), std::fs::Permissions::from_mode(0o644)).unwrap();
    // The build folder may be 0700 (a CI's home): the account runs a copy of the binary from the
    // test's own folder instead.
    let bin = d.join("loket");
    std::fs::copy(loket_bin(), &bin).unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    let snippet = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("packaging/sshd/loket-supervisor.conf"))
        .unwrap()
        .replace("loket-supervisor", USER)
        .replace("/usr/bin/loket supervisor --db /var/lib/loket/loket.db", &format!("{} supervisor --db {} --config {}", bin.display(), db.display(), cfg.display()));
    let port = free_port();
    let config = format!(
        "Port {port}\nListenAddress 127.0.0.1\nHostKey {0}/hostkey\nPidFile {0}/sshd.pid\nAuthorizedKeysFile {0}/authorized_keys\n\
         StrictModes no\nUsePAM no\nKbdInteractiveAuthentication no\nPermitRootLogin no\nAllowUsers {USER}\n{snippet}",
        d.display()
    );
    std::fs::write(d.join("sshd_config"), config).unwrap();
    let _sshd = Sshd(Command::new("/usr/sbin/sshd").args(["-D", "-e", "-f"]).arg(d.join("sshd_config")).spawn().unwrap());
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "sshd did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let key = d.join("client");
    let ssh = ssh_args(&key, port);

    // A real terminal: the supervisor view, read-only, with the day's figures.
    let t = Tmux::start(&format!("ssh -tt {} {USER}@127.0.0.1", ssh.join(" ")), 100, 30);
    let screen = t.wait_for("Pengawas (hanya baca)");
    // Over SSH a frame can arrive in pieces: wait for its last part (the stock alerts).
    let screen = if screen.contains("KEDALUWARSA") { screen } else { t.wait_for("KEDALUWARSA") };
    assert!(screen.contains("KDKMP Sukamaju"), "{screen}");
    assert!(screen.lines().any(|l| l.contains("   A        2 ")), "two tickets taken today: {screen}");
    assert!(screen.contains("KEDALUWARSA"), "stock alerts: {screen}");
    // Keys move between days but nothing is written.
    t.keys(&["F5"]);
    t.keys(&["F6"]);
    t.keys(&["C-q"]);
    t.wait_for("EXIT=");
    // The script form: CSV of the day, through the same forced command.
    let out = Command::new("ssh").args(&ssh).arg(format!("{USER}@127.0.0.1")).args(["report", "day", "--format", "csv"]).output().unwrap();
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(csv.starts_with("Periode\nDari,Sampai\n") && csv.contains("\nAntrean\nLayanan,Diambil,") && csv.contains("\nA,2,"), "{csv}");
    // Anything else, a shell included, is refused.
    let out = Command::new("ssh").args(&ssh).arg(format!("{USER}@127.0.0.1")).arg("sh -c 'echo hi > /tmp/loket-ssh-wrote'").output().unwrap();
    assert!(!out.status.success());
    assert!(!Path::new("/tmp/loket-ssh-wrote").exists());
    assert_eq!(std::fs::read(&db).unwrap(), before, "the database file is untouched");
    assert_eq!(std::fs::read(d.join("loket.db-wal")).unwrap_or_default(), before_wal, "nothing was written to the WAL either");
}
