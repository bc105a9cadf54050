//! The fake SATUSEHAT (tests/fake_satusehat.py) started for a test or a benchmark: a Python
//! process on 127.0.0.1 and a free port, killed when the handle is dropped. It needs the venv
//! with fhir.resources that .ci/run makes (`LOKET_FHIR_PYTHON`); without it a test fails under
//! CI and is skipped with a notice elsewhere.
#![allow(dead_code)]

use loket::sync::SatusehatSettings;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub const ORG: &str = "100026342";
pub const LOCATION: &str = "b017aa54-f1df-4ec2-9d84-8823815d7228";
pub const CLIENT_ID: &str = "loket-test-client";
pub const SECRET: &str = "s3cr3t-not-for-logs";

pub struct FakeSatusehat {
    child: Child,
    pub port: u16,
    pub dir: tempfile::TempDir,
    version: u64,
}

impl Drop for FakeSatusehat {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The venv's Python, or None (after saying why) when the test should be skipped.
pub fn python() -> Option<PathBuf> {
    match std::env::var_os("LOKET_FHIR_PYTHON") {
        Some(p) if Path::new(&p).exists() => Some(PathBuf::from(p)),
        _ if std::env::var("CI").is_ok_and(|v| v == "true") => panic!("LOKET_FHIR_PYTHON is not set: .ci/run makes the fhir.resources venv"),
        _ => {
            eprintln!("notice: skipped, LOKET_FHIR_PYTHON (a Python with fhir.resources==6.1.0, pydantic<2) is not set; see .ci/run");
            None
        }
    }
}

/// A certificate authority and a server certificate for 127.0.0.1 it signed, made with the
/// `openssl` command (.ci/run installs it): (ca.pem, server.pem, server.key) in `dir`. None
/// (after saying why) without the command, except under CI, where that fails.
pub fn make_certificates(dir: &Path, name: &str) -> Option<(PathBuf, PathBuf, PathBuf)> {
    if Command::new("openssl").arg("version").output().is_err() {
        assert!(!std::env::var("CI").is_ok_and(|v| v == "true"), "the openssl command is missing: .ci/run installs it");
        eprintln!("notice: skipped, the openssl command (for the HTTPS test's certificates) is not installed");
        return None;
    }
    let ca = dir.join(format!("{name}-ca.pem"));
    let ca_key = dir.join(format!("{name}-ca.key"));
    let cert = dir.join(format!("{name}-server.pem"));
    let key = dir.join(format!("{name}-server.key"));
    let csr = dir.join(format!("{name}-server.csr"));
    let ext = dir.join(format!("{name}-server.ext"));
    std::fs::write(&ext, "subjectAltName=IP:127.0.0.1\nbasicConstraints=critical,CA:FALSE\nextendedKeyUsage=serverAuth\n").unwrap();
    let openssl = |args: &[&str]| {
        let out = Command::new("openssl").args(args).output().expect("the openssl command (.ci/run installs it)");
        assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    let p = |p: &PathBuf| p.to_str().unwrap().to_string();
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
    let mut a = vec!["req", "-x509"];
    a.extend(ec);
    let (ca_s, ca_key_s, cert_s, key_s, csr_s, ext_s) = (p(&ca), p(&ca_key), p(&cert), p(&key), p(&csr), p(&ext));
    let subject = format!("/CN=Loket test CA {name}");
    a.extend(["-keyout", &ca_key_s, "-out", &ca_s, "-days", "2", "-subj", &subject]);
    a.extend(["-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"]);
    openssl(&a);
    let mut a = vec!["req"];
    a.extend(ec);
    a.extend(["-keyout", &key_s, "-out", &csr_s, "-subj", "/CN=127.0.0.1"]);
    openssl(&a);
    openssl(&["x509", "-req", "-in", &csr_s, "-CA", &ca_s, "-CAkey", &ca_key_s, "-CAcreateserial", "-out", &cert_s, "-days", "2", "-extfile", &ext_s]);
    Some((ca, cert, key))
}

impl FakeSatusehat {
    pub fn start() -> Option<FakeSatusehat> {
        Self::start_with(None)
    }

    /// The server speaking HTTPS with this certificate and key.
    pub fn start_tls(cert: &Path, key: &Path) -> Option<FakeSatusehat> {
        Self::start_with(Some((cert, key)))
    }

    fn start_with(tls: Option<(&Path, &Path)>) -> Option<FakeSatusehat> {
        let python = python()?;
        let dir = tempfile::tempdir().unwrap();
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fake_satusehat.py");
        let control = dir.path().join("control.json");
        std::fs::write(&control, "{}").unwrap();
        let mut child = Command::new(python)
            .arg(script)
            .args(["--control", control.to_str().unwrap()])
            .args(["--record", dir.path().join("record.jsonl").to_str().unwrap()])
            .args(["--org", ORG, "--location", LOCATION, "--client-id", CLIENT_ID, "--secret", SECRET, "--max-seconds", "600"])
            .args(tls.map(|(c, k)| vec![std::ffi::OsStr::new("--tls"), c.as_os_str(), k.as_os_str()]).unwrap_or_default())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the fake SATUSEHAT");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        let port = line.trim().strip_prefix("PORT ").and_then(|p| p.parse().ok()).unwrap_or_else(|| panic!("fake server said {line:?}"));
        Some(FakeSatusehat { child, port, dir, version: 0 })
    }

    /// Settings pointing at this server, with the secret in a 0600 file.
    pub fn settings(&self, secret: &str, timeout: Duration) -> SatusehatSettings {
        use std::os::unix::fs::PermissionsExt;
        let file = self.dir.path().join(format!("secret-{}", secret.len()));
        std::fs::write(&file, format!("{secret}\n")).unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
        SatusehatSettings {
            environment: "custom".into(),
            base_url: format!("http://127.0.0.1:{}", self.port),
            organization_id: ORG.into(),
            location_id: LOCATION.into(),
            client_id: CLIENT_ID.into(),
            secret_file: file,
            timeout,
            ca_file: loket::config::satusehat::DEFAULT_CA_FILE.into(),
        }
    }

    /// Replace the server's behaviour (its scripts start again).
    pub fn control(&mut self, mut c: serde_json::Value) {
        self.version += 1;
        c["version"] = self.version.into();
        let tmp = self.dir.path().join("control.tmp");
        std::fs::write(&tmp, c.to_string()).unwrap();
        std::fs::rename(tmp, self.dir.path().join("control.json")).unwrap();
    }

    /// Everything the server received, in order.
    pub fn record(&self) -> Vec<serde_json::Value> {
        std::fs::read_to_string(self.dir.path().join("record.jsonl"))
            .unwrap_or_default()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    pub fn events(&self, kind: &str) -> Vec<serde_json::Value> {
        self.record().into_iter().filter(|e| e["event"] == kind).collect()
    }
}
