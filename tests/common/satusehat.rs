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

impl FakeSatusehat {
    pub fn start() -> Option<FakeSatusehat> {
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
