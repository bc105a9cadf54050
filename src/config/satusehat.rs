//! The `[satusehat]` section: where SATUSEHAT is, which organization and location this site is,
//! and the file that keeps the client secret (never the secret itself).

use super::ConfigProblem;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const SANDBOX_BASE: &str = "https://api-satusehat-stg.dto.kemkes.go.id";
pub const PRODUCTION_BASE: &str = "https://api-satusehat.kemkes.go.id";
/// The certificate authorities HTTPS trusts, unless a setting names another file: the bundle of
/// Debian's `ca-certificates` package (the Debian package depends on it), kept current by apt
/// rather than frozen into the binary on the day it was built.
pub const DEFAULT_CA_FILE: &str = "/etc/ssl/certs/ca-certificates.crt";

/// The `[satusehat]` settings. The client secret itself is never held here: only the file that
/// keeps it, read when a client starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SatusehatSettings {
    /// "sandbox", "production" or "custom" (an explicit base_url).
    pub environment: String,
    /// Without a trailing slash: `{base}/oauth2/v1/accesstoken`, `{base}/fhir-r4/v1`.
    pub base_url: String,
    pub organization_id: String,
    pub location_id: String,
    pub client_id: String,
    pub secret_file: PathBuf,
    pub timeout: Duration,
    /// The PEM file of certificate authorities trusted for HTTPS ([`DEFAULT_CA_FILE`]).
    pub ca_file: PathBuf,
}

impl SatusehatSettings {
    pub fn fhir_base(&self) -> String {
        format!("{}/fhir-r4/v1", self.base_url)
    }

    pub fn encounter_system(&self) -> String {
        encounter_system(&self.organization_id)
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct RawSatusehat {
    environment: Option<String>,
    base_url: Option<String>,
    organization_id: Option<String>,
    location_id: Option<String>,
    client_id: Option<String>,
    secret_file: Option<PathBuf>,
    timeout_seconds: Option<u32>,
    ca_file: Option<PathBuf>,
}

impl RawSatusehat {
    /// None when the section is absent (sync not configured: entries wait in the outbox).
    pub(crate) fn validate(self) -> Result<Option<SatusehatSettings>, (String, ConfigProblem)> {
        let key = |k: &str| format!("satusehat.{k}");
        let nothing = self.environment.is_none()
            && self.base_url.is_none()
            && self.organization_id.is_none()
            && self.location_id.is_none()
            && self.client_id.is_none()
            && self.secret_file.is_none()
            && self.timeout_seconds.is_none()
            && self.ca_file.is_none();
        if nothing {
            return Ok(None);
        }
        let environment = self.environment.as_deref().map(str::trim).map(str::to_ascii_lowercase);
        let base_url = match (environment.as_deref(), self.base_url.as_deref().map(str::trim)) {
            (_, Some(url)) => {
                if !(url.starts_with("https://") || url.starts_with("http://")) || url.len() < 10 {
                    return Err((key("base_url"), ConfigProblem::NotOneOf { value: url.to_string(), allowed: "https://..." }));
                }
                url.trim_end_matches('/').to_string()
            }
            (Some("sandbox"), None) => SANDBOX_BASE.to_string(),
            (Some("production"), None) => PRODUCTION_BASE.to_string(),
            (Some(other), None) => {
                return Err((key("environment"), ConfigProblem::NotOneOf { value: other.to_string(), allowed: "sandbox, production" }))
            }
            (None, None) => return Err((key("environment"), ConfigProblem::Empty)),
        };
        let environment = match environment.as_deref() {
            Some(e @ ("sandbox" | "production")) => e.to_string(),
            Some(other) if self.base_url.is_some() => {
                return Err((key("environment"), ConfigProblem::NotOneOf { value: other.to_string(), allowed: "sandbox, production" }))
            }
            _ => "custom".to_string(),
        };
        let required = |k: &str, v: &Option<String>| -> Result<String, (String, ConfigProblem)> {
            match v.as_deref().map(str::trim) {
                Some(s) if !s.is_empty() && !s.chars().any(char::is_whitespace) => Ok(s.to_string()),
                Some(s) if !s.is_empty() => Err((key(k), ConfigProblem::NotOneOf { value: s.to_string(), allowed: "an id without spaces" })),
                _ => Err((key(k), ConfigProblem::Empty)),
            }
        };
        let organization_id = required("organization_id", &self.organization_id)?;
        let location_id = required("location_id", &self.location_id)?;
        let client_id = required("client_id", &self.client_id)?;
        let secret_file = match self.secret_file {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => return Err((key("secret_file"), ConfigProblem::Empty)),
        };
        let timeout = self.timeout_seconds.unwrap_or(20);
        if !(1..=300).contains(&timeout) {
            return Err((key("timeout_seconds"), ConfigProblem::OutOfRange { min: 1, max: 300 }));
        }
        Ok(Some(SatusehatSettings {
            environment,
            base_url,
            organization_id,
            location_id,
            client_id,
            secret_file,
            timeout: Duration::from_secs(timeout as u64),
            ca_file: match self.ca_file {
                Some(p) if p.as_os_str().is_empty() => return Err((key("ca_file"), ConfigProblem::Empty)),
                Some(p) => p,
                None => PathBuf::from(DEFAULT_CA_FILE),
            },
        }))
    }
}

/// The Encounter identifier system of an organization (DOMAIN.md, SATUSEHAT; as SIMRS Khanza's
/// ApiSatuSehat.java sends it).
pub fn encounter_system(organization_id: &str) -> String {
    format!("http://sys-ids.kemkes.go.id/encounter/{organization_id}")
}

/// The secret file must be readable by the loket user only (mode 0600 or 0400).
pub fn check_secret_file(path: &Path) -> Result<(), ConfigProblem> {
    use std::os::unix::fs::PermissionsExt;
    let meta = std::fs::metadata(path).map_err(|e| ConfigProblem::Unreadable(e.to_string()))?;
    if !meta.is_file() {
        return Err(ConfigProblem::Unreadable(path.display().to_string()));
    }
    let mode = meta.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(ConfigProblem::SecretExposed { mode, path: path.display().to_string() });
    }
    Ok(())
}

/// Read the client secret (first line, trimmed), checking the file's mode first.
pub fn read_secret(path: &Path) -> Result<String, ConfigProblem> {
    check_secret_file(path)?;
    let text = std::fs::read_to_string(path).map_err(|e| ConfigProblem::Unreadable(e.to_string()))?;
    let secret = text.lines().next().unwrap_or("").trim().to_string();
    if secret.is_empty() {
        return Err(ConfigProblem::Empty);
    }
    Ok(secret)
}

