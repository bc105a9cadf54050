//! A private PostgreSQL cluster for one test: initdb into a temp dir, the server on a free
//! loopback port with its socket in that dir, stopped when the value is dropped. As root (CI),
//! the cluster belongs to the `postgres` user (the server refuses to run as root). Missing
//! PostgreSQL: the test says so and passes as skipped, except under CI=true, where it fails.

use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Pg {
    pub dir: tempfile::TempDir,
    pub port: u16,
    bin: PathBuf,
    owner: Option<String>,
}

/// The superuser's password in every test cluster.
pub const ADMIN_PASSWORD: &str = "hub-admin-test";

fn bin_dir() -> Option<PathBuf> {
    if let Some(b) = std::env::var_os("LOKET_PG_BIN") {
        return Some(PathBuf::from(b));
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse::<u32>().ok()?, e.path().join("bin"))))
        .filter(|(_, b)| b.join("initdb").exists())
        .collect();
    found.sort();
    found.pop().map(|(_, b)| b)
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

impl Pg {
    /// A started cluster, or None (with a notice) when PostgreSQL is not installed.
    pub fn start() -> Option<Pg> {
        Pg::start_with(false)
    }

    /// A cluster that speaks TLS with a certificate for 127.0.0.1 signed by a CA made here
    /// ([`Pg::ca_file`]).
    pub fn start_tls() -> Option<Pg> {
        Pg::start_with(true)
    }

    /// The CA that signed a TLS cluster's certificate.
    pub fn ca_file(&self) -> PathBuf {
        self.dir.path().join("ca.crt")
    }

    fn start_with(tls: bool) -> Option<Pg> {
        let Some(bin) = bin_dir() else {
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("PostgreSQL is not installed (.ci/run installs the postgresql package); the hub tests cannot run");
            }
            eprintln!("NOTICE: hub test skipped: PostgreSQL is not installed (apt-get install postgresql)");
            return None;
        };
        let dir = tempfile::Builder::new().prefix("loket-pg").tempdir().unwrap();
        let owner = is_root().then(|| "postgres".to_string());
        if owner.is_some() {
            let out = Command::new("id").args(["-u", "postgres"]).output().unwrap();
            let uid: u32 = String::from_utf8_lossy(&out.stdout).trim().parse().expect("a postgres user");
            let out = Command::new("id").args(["-g", "postgres"]).output().unwrap();
            let gid: u32 = String::from_utf8_lossy(&out.stdout).trim().parse().unwrap();
            std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid)).unwrap();
        }
        let pwfile = dir.path().join("pw");
        std::fs::write(&pwfile, ADMIN_PASSWORD).unwrap();
        if let Some(o) = &owner {
            Command::new("chown").arg(o).arg(&pwfile).status().unwrap();
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let pg = Pg { dir, port, bin, owner };
        let data = pg.dir.path().join("data");
        pg.run("initdb", &[
            "-D", data.to_str().unwrap(), "-U", "postgres", "--pwfile", pwfile.to_str().unwrap(),
            "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--no-sync", "--no-instructions",
        ]);
        if tls {
            pg.make_certificates();
            let conf = data.join("postgresql.conf");
            let mut c = std::fs::read_to_string(&conf).unwrap();
            c.push_str("ssl = on\nssl_cert_file = '../server.crt'\nssl_key_file = '../server.key'\n");
            std::fs::write(&conf, c).unwrap();
        }
        pg.resume();
        Some(pg)
    }

    fn make_certificates(&self) {
        let d = self.dir.path();
        let ssl = |args: &[&str]| {
            let out = Command::new("openssl").args(args).current_dir(d).output().expect("openssl");
            assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        };
        ssl(&["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=Loket test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
        ssl(&["req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1"]);
        std::fs::write(d.join("server.ext"), "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n").unwrap();
        ssl(&["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "server.ext"]);
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(d.join("server.key"), std::fs::Permissions::from_mode(0o600)).unwrap();
        if let Some(o) = &self.owner {
            Command::new("chown").arg(o).arg(d.join("server.key")).arg(d.join("server.crt")).status().unwrap();
        }
    }

    fn command(&self, tool: &str) -> Command {
        let exe = self.bin.join(tool);
        match &self.owner {
            Some(o) => {
                let mut c = Command::new("setpriv");
                c.args(["--reuid", o, "--regid", o, "--init-groups"]).arg(exe);
                c
            }
            None => Command::new(exe),
        }
    }

    fn run(&self, tool: &str, args: &[&str]) {
        let out = self.command(tool).args(args).current_dir(self.dir.path()).output().unwrap();
        assert!(out.status.success(), "{tool} failed: {}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    }

    /// Stop the server (it keeps its data; `resume` starts it again).
    pub fn pause(&self) {
        let data = self.dir.path().join("data");
        self.run("pg_ctl", &["-D", data.to_str().unwrap(), "-m", "fast", "-w", "stop"]);
    }

    pub fn resume(&self) {
        let data = self.dir.path().join("data");
        let opts = format!("-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=40 -c shared_buffers=16MB", self.port, self.dir.path().display());
        let log = self.dir.path().join("log");
        self.run("pg_ctl", &["-D", data.to_str().unwrap(), "-o", &opts, "-l", log.to_str().unwrap(), "-w", "start"]);
    }

    /// The address of database `db` (no password in it).
    pub fn url(&self, db: &str) -> String {
        format!("postgresql://127.0.0.1:{}/{db}?sslmode=disable", self.port)
    }

    /// The superuser's address of `db`, password included.
    pub fn admin_url(&self, db: &str) -> String {
        format!("postgresql://postgres:{ADMIN_PASSWORD}@127.0.0.1:{}/{db}?sslmode=disable", self.port)
    }

    /// A new database in the cluster.
    pub fn create_db(&self, name: &str) {
        let mut c = postgres::Client::connect(&self.admin_url("postgres"), postgres::NoTls).unwrap();
        c.batch_execute(&format!("CREATE DATABASE {name}")).unwrap();
    }
}

impl Drop for Pg {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let _ = self.command("pg_ctl").args(["-D", data.to_str().unwrap(), "-m", "immediate", "-w", "stop"]).output();
    }
}

/// A password file readable by its owner only, as the hub commands require.
pub fn password_file(dir: &Path, name: &str, password: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let p = dir.join(name);
    std::fs::write(&p, password).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
    p
}
