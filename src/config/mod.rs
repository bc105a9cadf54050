//! Site settings, read from a TOML file: the site's identity, its time zone and language, and the
//! security policy here; each further section in its own file (queue, patients, sales, printer,
//! satusehat). The settings import only the domain.
//!
//! A wrong value stops the program before the terminal enters raw mode, saying
//! `file: key: what is wrong`. A missing file at the default place means "use the defaults".

pub mod members;
pub mod clinic;
pub mod patients;
pub mod printer;
pub mod queue;
pub mod sales;
pub mod sample;
pub mod satusehat;

pub use members::MemberSettings;
pub use clinic::ClinicSettings;
pub use patients::PatientSettings;
pub use printer::PrinterSettings;
pub use queue::{Counter, QueueSettings, Service, VoiceEngine, VoiceSettings};
pub use sales::SalesSettings;
pub use sample::SAMPLE_CONFIG;
pub use satusehat::SatusehatSettings;

use crate::domain::lang::Lang;
use printer::RawPrinter;
use queue::{queue_settings, voice_settings, RawCounter, RawQueue, RawService, RawVoice};
use patients::{patient_settings, RawCkg, RawPatients};
use sales::{sales_settings, RawSales};
use members::{member_settings, RawMembers};
use satusehat::RawSatusehat;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Indonesia's three time zones; the site's zone decides the business day and the clock shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    Wib,
    Wita,
    Wit,
}

impl Zone {
    pub fn parse(s: &str) -> Option<Zone> {
        match s.to_ascii_uppercase().as_str() {
            "WIB" => Some(Zone::Wib),
            "WITA" => Some(Zone::Wita),
            "WIT" => Some(Zone::Wit),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Zone::Wib => "WIB",
            Zone::Wita => "WITA",
            Zone::Wit => "WIT",
        }
    }

    pub fn offset(self) -> FixedOffset {
        let hours = match self {
            Zone::Wib => 7,
            Zone::Wita => 8,
            Zone::Wit => 9,
        };
        FixedOffset::east_opt(hours * 3600).expect("valid offset")
    }

    pub fn local(self, t: DateTime<Utc>) -> DateTime<FixedOffset> {
        t.with_timezone(&self.offset())
    }

    /// A moment as people at the site read it: `01/12/2026 08:15 WIB`.
    pub fn local_text(self, t: DateTime<Utc>) -> String {
        format!("{} {}", self.local(t).format("%d/%m/%Y %H:%M"), self.name())
    }

    /// The business day a moment belongs to, in the site's zone.
    pub fn business_day(self, t: DateTime<Utc>) -> NaiveDate {
        self.local(t).date_naive()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub name: String,
    pub address: String,
    pub zone: Zone,
    pub lang: Lang,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Security {
    /// Wrong PINs in a row before a user is locked out.
    pub max_pin_attempts: u32,
    /// How long a locked-out user waits.
    pub lockout_minutes: u32,
    /// Lock the counter after this many idle minutes (0 = never).
    pub idle_lock_minutes: u32,
}

impl Default for Security {
    fn default() -> Self {
        Security { max_pin_attempts: 5, lockout_minutes: 5, idle_lock_minutes: 15 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub site: Site,
    pub security: Security,
    pub queue: QueueSettings,
    pub voice: VoiceSettings,
    pub patients: PatientSettings,
    /// The default printer (`[printer]`, or the first of `[[printers]]`); the default is none
    /// (nothing is printed).
    pub printer: PrinterSettings,
    /// The other named printers (`[[printers]]`).
    pub printers: Vec<PrinterSettings>,
    /// Which printer prints each kind of document (`[printer_for]`); a kind not listed goes to
    /// the default printer.
    pub printer_for: Vec<(crate::domain::printing::DocKind, String)>,
    /// SATUSEHAT; None until configured (CKG results then wait in the outbox).
    pub satusehat: Option<SatusehatSettings>,
    pub sales: SalesSettings,
    /// Savings, loans and the share of surplus (`[members]`).
    pub members: MemberSettings,
    /// The examination room and the pharmacy (`[clinic]`).
    pub clinic: ClinicSettings,
    /// Where the settings came from (None: built-in defaults).
    pub source: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            site: Site { name: "Koperasi Desa Merah Putih".into(), address: String::new(), zone: Zone::Wib, lang: Lang::Id },
            security: Security::default(),
            queue: QueueSettings::default(),
            voice: VoiceSettings::default(),
            patients: PatientSettings::default(),
            printer: PrinterSettings::default(),
            printers: Vec::new(),
            printer_for: Vec::new(),
            satusehat: None,
            sales: SalesSettings::default(),
            members: MemberSettings::default(),
            clinic: ClinicSettings::default(),
            source: None,
        }
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawSite {
    name: Option<String>,
    address: Option<String>,
    timezone: Option<String>,
    language: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawConfig {
    site: RawSite,
    security: Security,
    services: Option<Vec<RawService>>,
    counters: Option<Vec<RawCounter>>,
    queue: RawQueue,
    voice: RawVoice,
    patients: RawPatients,
    ckg: RawCkg,
    printer: Option<RawPrinter>,
    printers: Option<Vec<RawPrinter>>,
    printer_for: std::collections::BTreeMap<String, String>,
    satusehat: RawSatusehat,
    sales: RawSales,
    members: RawMembers,
    clinic: clinic::RawClinic,
}

/// The kind of value a setting takes (for a sentence about a wrong one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Number,
    Text,
    YesNo,
    List,
    Table,
    Other,
}

impl ValueKind {
    /// From serde's "invalid type: string \"five\", expected u32": the value found, as written,
    /// and the kind expected; the English never reaches the user.
    pub fn from_serde(msg: &str) -> (String, ValueKind) {
        let first = msg.lines().next().unwrap_or("");
        let Some(rest) = first.strip_prefix("invalid type: ") else { return (String::new(), ValueKind::Other) };
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let found = found.split_once(' ').map(|(_, v)| v).unwrap_or(found).to_string();
        let e = expected.to_ascii_lowercase();
        let kind = if ["u8", "u16", "u32", "u64", "i32", "i64", "integer", "number"].iter().any(|k| e.contains(k)) {
            ValueKind::Number
        } else if e.contains("bool") {
            ValueKind::YesNo
        } else if e.contains("str") {
            ValueKind::Text
        } else if e.contains("sequence") || e.contains("array") {
            ValueKind::List
        } else if e.contains("map") || e.contains("struct") || e.contains("table") {
            ValueKind::Table
        } else {
            ValueKind::Other
        };
        (found, kind)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigProblem {
    Unreadable(String),
    Syntax(String),
    UnknownKey,
    /// The value has the wrong type: what was found (as written), and what was expected.
    WrongType { found: String, expected: ValueKind },
    BadTimezone(String),
    BadLanguage(String),
    Empty,
    OutOfRange { min: u32, max: u32 },
    BadServiceCode(String),
    Duplicate(String),
    UnknownService(String),
    UnknownCounter(u32),
    BadVoiceEngine(String),
    BadCkgWindow(String),
    /// A value outside a fixed list (`allowed` names the choices).
    NotOneOf { value: String, allowed: &'static str },
    /// A key the chosen printer transport needs.
    Missing { transport: String },
    /// The SATUSEHAT secret file is readable by group or others.
    SecretExposed { mode: u32, path: String },
    /// A printer name that no `[printer]`/`[[printers]]` has (`known` lists the names).
    UnknownPrinter { name: String, known: String },
    /// A key that was replaced (by the key named), because its meaning changed.
    Renamed(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    pub key: String,
    pub problem: ConfigProblem,
}



impl Config {
    /// Load from `path`. When `required` is false a missing file means the defaults.
    pub fn load(path: &Path, required: bool) -> Result<Config, ConfigError> {
        let file = path.display().to_string();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => return Ok(Config::default()),
            Err(e) => return Err(ConfigError { file, key: String::new(), problem: ConfigProblem::Unreadable(e.to_string()) }),
        };
        let mut cfg = Config::parse(&text, &file)?;
        cfg.source = Some(path.to_path_buf());
        // The SATUSEHAT secret stays in a file only the loket user can read; refuse it otherwise.
        if let Some(s) = &mut cfg.satusehat {
            if s.secret_file.is_relative() {
                if let Some(dir) = path.parent() {
                    s.secret_file = dir.join(&s.secret_file);
                }
            }
            satusehat::check_secret_file(&s.secret_file)
                .map_err(|problem| ConfigError { file: file.clone(), key: "satusehat.secret_file".into(), problem })?;
        }
        Ok(cfg)
    }

    pub fn parse(text: &str, file: &str) -> Result<Config, ConfigError> {
        let err = |key: &str, problem| ConfigError { file: file.to_string(), key: key.to_string(), problem };
        let value: toml::Value = text.parse::<toml::Table>().map(toml::Value::Table).map_err(|e| {
            let line = e.span().map(|s| text[..s.start].lines().count().max(1));
            err("", ConfigProblem::Syntax(match line {
                Some(l) => format!("{} ({l})", e.message().trim()),
                None => e.message().trim().to_string(),
            }))
        })?;
        let raw: RawConfig = serde_path_to_error::deserialize(value).map_err(|e| {
            let key = e.path().to_string();
            let msg = e.into_inner().to_string();
            let msg = msg.trim().to_string();
            if msg.starts_with("unknown field") {
                    let unknown = msg.split('`').nth(1).unwrap_or("");
                let full = if key == "." || key.is_empty() { unknown } else { key.as_str() };
                err(full, ConfigProblem::UnknownKey)
            } else {
                let (found, expected) = ValueKind::from_serde(&msg);
                err(&key, ConfigProblem::WrongType { found, expected })
            }
        })?;
        let mut cfg = Config::default();
        if let Some(name) = raw.site.name {
            if name.trim().is_empty() {
                return Err(err("site.name", ConfigProblem::Empty));
            }
            cfg.site.name = name.trim().to_string();
        }
        if let Some(a) = raw.site.address {
            cfg.site.address = a.trim().to_string();
        }
        if let Some(tz) = raw.site.timezone {
            cfg.site.zone = Zone::parse(&tz).ok_or_else(|| err("site.timezone", ConfigProblem::BadTimezone(tz.clone())))?;
        }
        if let Some(l) = raw.site.language {
            cfg.site.lang = Lang::parse(&l).ok_or_else(|| err("site.language", ConfigProblem::BadLanguage(l.clone())))?;
        }
        let s = &raw.security;
        let range = |key: &str, v: u32, min: u32, max: u32| {
            if (min..=max).contains(&v) {
                Ok(())
            } else {
                Err(err(key, ConfigProblem::OutOfRange { min, max }))
            }
        };
        range("security.max_pin_attempts", s.max_pin_attempts, 1, 20)?;
        range("security.lockout_minutes", s.lockout_minutes, 1, 1440)?;
        range("security.idle_lock_minutes", s.idle_lock_minutes, 0, 1440)?;
        cfg.security = raw.security;
        cfg.queue = queue_settings(raw.services, raw.counters, &raw.queue, &err)?;
        cfg.voice = voice_settings(&raw.voice, &err)?;
        cfg.patients = patient_settings(&raw.patients, &raw.ckg, &err)?;
        (cfg.printer, cfg.printers, cfg.printer_for) = printers(raw.printer, raw.printers, raw.printer_for, &err)?;
        cfg.satusehat = raw.satusehat.validate().map_err(|(key, problem)| err(&key, problem))?;
        cfg.sales = sales_settings(&raw.sales, &err)?;
        cfg.members = member_settings(&raw.members, &err)?;
        let services: Vec<String> = cfg.queue.services.iter().map(|s| s.code.clone()).collect();
        cfg.clinic = clinic::clinic_settings(&raw.clinic, &services, &err)?;
        Ok(cfg)
    }

    /// The printer that prints this kind of document: the one `[printer_for]` names, else the
    /// default printer.
    pub fn printer_for(&self, kind: crate::domain::printing::DocKind) -> &PrinterSettings {
        let named = self.printer_for.iter().find(|(k, _)| *k == kind).map(|(_, n)| n.as_str());
        named.and_then(|n| self.all_printers().find(|p| p.name == n)).unwrap_or(&self.printer)
    }

    /// The printer with this name (the one a stored job names), if the settings have it.
    pub fn printer_named(&self, name: &str) -> Option<&PrinterSettings> {
        self.all_printers().find(|p| p.name == name)
    }

    /// Every printer, the default first.
    pub fn all_printers(&self) -> impl Iterator<Item = &PrinterSettings> {
        std::iter::once(&self.printer).chain(self.printers.iter())
    }

    /// Choose the counter this terminal serves (`--counter`), checking it exists.
    pub fn with_counter(mut self, counter: Option<u32>) -> Result<Config, ConfigError> {
        if let Some(n) = counter {
            if self.queue.counter(n).is_none() {
                let file = self.source.as_ref().map(|p| p.display().to_string()).unwrap_or_else(|| "--counter".into());
                return Err(ConfigError { file, key: "queue.counter".into(), problem: ConfigProblem::UnknownCounter(n) });
            }
            self.queue.this_counter = n;
        }
        Ok(self)
    }
}

type Printers = (PrinterSettings, Vec<PrinterSettings>, Vec<(crate::domain::printing::DocKind, String)>);

/// `[printer]`, `[[printers]]` and `[printer_for]`: the default printer, the other named
/// printers, and the rule (each name it uses must be a printer's).
fn printers(
    single: Option<RawPrinter>,
    named: Option<Vec<RawPrinter>>,
    rule: std::collections::BTreeMap<String, String>,
    err: &dyn Fn(&str, ConfigProblem) -> ConfigError,
) -> Result<Printers, ConfigError> {
    use crate::domain::printing::DocKind;
    let mut all = Vec::new();
    if let Some(p) = single {
        all.push(p.validate("printer").map_err(|(key, problem)| err(&key, problem))?);
    }
    for (i, raw) in named.unwrap_or_default().into_iter().enumerate() {
        let table = format!("printers[{i}]");
        if raw.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
            return Err(err(&format!("{table}.name"), ConfigProblem::Empty));
        }
        let p = raw.validate(&table).map_err(|(key, problem)| err(&key, problem))?;
        if all.iter().any(|q: &PrinterSettings| q.name == p.name) {
            return Err(err(&format!("{table}.name"), ConfigProblem::Duplicate(p.name)));
        }
        all.push(p);
    }
    for (i, p) in all.iter_mut().enumerate() {
        p.is_default = i == 0;
    }
    let mut routes = Vec::new();
    for (key, name) in rule {
        let full = format!("printer_for.{key}");
        let kind = DocKind::parse(&key.replace('_', "-")).ok_or_else(|| err(&full, ConfigProblem::UnknownKey))?;
        let name = name.trim().to_string();
        if !all.iter().any(|p| p.name == name) {
            let known = all.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(", ");
            return Err(err(&full, ConfigProblem::UnknownPrinter { name, known }));
        }
        routes.push((kind, name));
    }
    let mut all = all.into_iter();
    Ok((all.next().unwrap_or_default(), all.collect(), routes))
}

#[cfg(test)]
mod tests;
