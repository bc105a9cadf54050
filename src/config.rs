//! Site settings, read from a TOML file: the site's identity, its time zone and language, and the
//! security policy. Later sections (services, printer, tax, CKG, drug policy) are added here.
//!
//! A wrong value stops the program before the terminal enters raw mode, saying
//! `file: key: what is wrong`. A missing file at the default place means "use the defaults".

use crate::print::{PrinterSettings, RawPrinter};
use crate::text::{Lang, Text};
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
    /// The receipt printer; the default is none (jobs wait in the spool).
    pub printer: PrinterSettings,
    /// SATUSEHAT; None until configured (CKG results then wait in the outbox).
    pub satusehat: Option<crate::sync::SatusehatSettings>,
    pub sales: SalesSettings,
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
            satusehat: None,
            sales: SalesSettings::default(),
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
    printer: RawPrinter,
    satusehat: crate::sync::RawSatusehat,
    sales: RawSales,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigProblem {
    Unreadable(String),
    Syntax(String),
    UnknownKey,
    /// The value has the wrong type (serde's description).
    WrongType(String),
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
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    pub key: String,
    pub problem: ConfigProblem,
}

impl ConfigError {
    /// `file: key: what is wrong`, in the user's language.
    pub fn message(&self, t: &Text) -> String {
        let what = t.config_problem(&self.problem);
        if self.key.is_empty() {
            format!("{}: {}", self.file, what)
        } else {
            format!("{}: {}: {}", self.file, self.key, what)
        }
    }
}

pub const SAMPLE_CONFIG: &str = r#"# Loket site settings. Every key is optional; these are the defaults.

[site]
name = "Koperasi Desa Merah Putih"
address = ""
# WIB (UTC+7), WITA (UTC+8) or WIT (UTC+9): the clock shown and the business day.
timezone = "WIB"
# id (Bahasa Indonesia) or en (English).
language = "id"

[security]
# Wrong PINs in a row before a user is locked out, and for how many minutes.
max_pin_attempts = 5
lockout_minutes = 5
# Lock an idle counter after this many minutes (0 = never).
idle_lock_minutes = 15

# The receipt printer (none until configured; print jobs then wait in the spool).
# [printer]
# transport = "device"     # none, device, tcp, serial, cups or file
# path = "/dev/usb/lp0"    # device, serial and file
# host = "192.168.1.50"    # tcp
# port = 9100              # tcp
# baud = 9600              # serial
# queue = "struk"          # cups (a raw queue)
# width = 48               # characters per line: 32 on 58 mm paper, 48 on 80 mm
# qr = "native"            # native, or image for printers without QR support
# cut = "partial"          # full, partial or none
# drawer_pin = 2           # 2 or 5
# code_page = "pc437"      # pc437, pc850, pc858 or wpc1252
# status_check = true      # tcp: ask for paper and cover state around each job
# timeout_seconds = 5

# SATUSEHAT, the national health-data platform (none until configured; CKG results wait).
# [satusehat]
# environment = "sandbox"          # sandbox or production (or base_url = "https://...")
# organization_id = "100000000"
# location_id = "ef011065-38c9-46f8-9c35-d1fe68966a3e"
# client_id = "..."
# secret_file = "/etc/loket/satusehat.secret"   # chmod 600, owned by the loket user
# timeout_seconds = 20
"#;

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
            crate::sync::check_secret_file(&s.secret_file)
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
                err(&key, ConfigProblem::WrongType(msg))
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
        cfg.printer = raw.printer.validate().map_err(|(key, problem)| err(&key, problem))?;
        cfg.satusehat = raw.satusehat.validate().map_err(|(key, problem)| err(&key, problem))?;
        cfg.sales = sales_settings(&raw.sales, &err)?;
        Ok(cfg)
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

/// A service with its own line of tickets: a letter prefix, a name, an ILP cluster (1-5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub code: String,
    pub name: String,
    pub cluster: Option<u8>,
}

/// A counter (loket) and the services it calls from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counter {
    pub number: u32,
    pub name: String,
    pub services: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueSettings {
    pub services: Vec<Service>,
    pub counters: Vec<Counter>,
    /// The counter this terminal is.
    pub this_counter: u32,
    pub rule: crate::domain::queue::OrderingRule,
    /// The estimate used before any ticket has been served today.
    pub default_service_minutes: u32,
}

impl QueueSettings {
    pub fn service(&self, code: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.code.eq_ignore_ascii_case(code))
    }

    pub fn counter(&self, number: u32) -> Option<&Counter> {
        self.counters.iter().find(|c| c.number == number)
    }

    /// How many counters call from a service.
    pub fn counters_serving(&self, code: &str) -> i64 {
        self.counters.iter().filter(|c| c.services.iter().any(|s| s == code)).count() as i64
    }
}

fn service(code: &str, name: &str, cluster: Option<u8>) -> Service {
    Service { code: code.into(), name: name.into(), cluster }
}

fn counter(number: u32, services: &[&str]) -> Counter {
    Counter { number, name: format!("Loket {number}"), services: services.iter().map(|s| s.to_string()).collect() }
}

impl Default for QueueSettings {
    fn default() -> Self {
        QueueSettings {
            services: vec![
                service("A", "Pendaftaran", Some(1)),
                service("B", "Pemeriksaan/CKG", Some(3)),
                service("C", "Apotek", Some(5)),
                service("D", "Kasir/Sembako", None),
            ],
            counters: vec![counter(1, &["A"]), counter(2, &["B"]), counter(3, &["C", "D"])],
            this_counter: 1,
            rule: crate::domain::queue::OrderingRule::default(),
            default_service_minutes: 5,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoiceEngine {
    Espeak,
    Clips,
    Off,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoiceSettings {
    pub engine: VoiceEngine,
    /// The espeak-ng voice.
    pub voice: String,
    /// Recorded clips: nomor-antrean.wav, a.wav..z.wav, nol.wav..sembilan.wav, silakan-ke-loket.wav, ...
    pub clips_dir: Option<PathBuf>,
    /// Write each call as a WAV file here instead of playing it.
    pub wav_dir: Option<PathBuf>,
}

impl Default for VoiceSettings {
    fn default() -> Self {
        VoiceSettings { engine: VoiceEngine::Espeak, voice: "id".into(), clips_dir: None, wav_dir: None }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    code: String,
    name: String,
    cluster: Option<u8>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCounter {
    number: u32,
    name: Option<String>,
    services: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawQueue {
    counter: Option<u32>,
    normal_per_priority: Option<u32>,
    priority_max_wait_minutes: Option<u32>,
    default_service_minutes: Option<u32>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawVoice {
    engine: Option<String>,
    voice: Option<String>,
    clips_dir: Option<PathBuf>,
    wav_dir: Option<PathBuf>,
}

fn queue_settings(
    services: Option<Vec<RawService>>,
    counters: Option<Vec<RawCounter>>,
    raw: &RawQueue,
    err: &dyn Fn(&str, ConfigProblem) -> ConfigError,
) -> Result<QueueSettings, ConfigError> {
    let mut q = QueueSettings::default();
    if let Some(list) = services {
        q.services.clear();
        for (i, s) in list.into_iter().enumerate() {
            let code = s.code.trim().to_uppercase();
            if code.len() != 1 || !code.chars().all(|c| c.is_ascii_uppercase()) {
                return Err(err(&format!("services[{i}].code"), ConfigProblem::BadServiceCode(s.code)));
            }
            if q.service(&code).is_some() {
                return Err(err(&format!("services[{i}].code"), ConfigProblem::Duplicate(code)));
            }
            if s.name.trim().is_empty() {
                return Err(err(&format!("services[{i}].name"), ConfigProblem::Empty));
            }
            if let Some(c) = s.cluster.filter(|c| !(1..=5).contains(c)) {
                let _ = c;
                return Err(err(&format!("services[{i}].cluster"), ConfigProblem::OutOfRange { min: 1, max: 5 }));
            }
            q.services.push(Service { code, name: s.name.trim().to_string(), cluster: s.cluster });
        }
        if q.services.is_empty() {
            return Err(err("services", ConfigProblem::Empty));
        }
    }
    if let Some(list) = counters {
        q.counters.clear();
        for (i, c) in list.into_iter().enumerate() {
            if !(1..=99).contains(&c.number) {
                return Err(err(&format!("counters[{i}].number"), ConfigProblem::OutOfRange { min: 1, max: 99 }));
            }
            if q.counter(c.number).is_some() {
                return Err(err(&format!("counters[{i}].number"), ConfigProblem::Duplicate(c.number.to_string())));
            }
            if c.services.is_empty() {
                return Err(err(&format!("counters[{i}].services"), ConfigProblem::Empty));
            }
            let mut codes = Vec::new();
            for code in &c.services {
                match q.service(code) {
                    Some(s) => codes.push(s.code.clone()),
                    None => return Err(err(&format!("counters[{i}].services"), ConfigProblem::UnknownService(code.clone()))),
                }
            }
            let name = c.name.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| format!("Loket {}", c.number));
            q.counters.push(Counter { number: c.number, name, services: codes });
        }
        if q.counters.is_empty() {
            return Err(err("counters", ConfigProblem::Empty));
        }
    } else {
        // The default counters only name the default services; keep those that still exist.
        for c in &mut q.counters {
            c.services.retain(|code| q.services.iter().any(|s| &s.code == code));
        }
        let all: Vec<String> = q.services.iter().map(|s| s.code.clone()).collect();
        q.counters.retain(|c| !c.services.is_empty());
        if q.counters.is_empty() {
            q.counters.push(Counter { number: 1, name: "Loket 1".into(), services: all });
        }
    }
    q.this_counter = q.counters[0].number;
    if let Some(n) = raw.counter {
        if q.counter(n).is_none() {
            return Err(err("queue.counter", ConfigProblem::UnknownCounter(n)));
        }
        q.this_counter = n;
    }
    if let Some(k) = raw.normal_per_priority {
        if !(1..=20).contains(&k) {
            return Err(err("queue.normal_per_priority", ConfigProblem::OutOfRange { min: 1, max: 20 }));
        }
        q.rule.normal_per_priority = k;
    }
    if let Some(m) = raw.priority_max_wait_minutes {
        if !(1..=240).contains(&m) {
            return Err(err("queue.priority_max_wait_minutes", ConfigProblem::OutOfRange { min: 1, max: 240 }));
        }
        q.rule.priority_max_wait = chrono::Duration::minutes(m as i64);
    }
    if let Some(m) = raw.default_service_minutes {
        if !(1..=120).contains(&m) {
            return Err(err("queue.default_service_minutes", ConfigProblem::OutOfRange { min: 1, max: 120 }));
        }
        q.default_service_minutes = m;
    }
    Ok(q)
}

fn voice_settings(raw: &RawVoice, err: &dyn Fn(&str, ConfigProblem) -> ConfigError) -> Result<VoiceSettings, ConfigError> {
    let mut v = VoiceSettings::default();
    if let Some(e) = &raw.engine {
        v.engine = match e.to_lowercase().as_str() {
            "espeak" | "espeak-ng" => VoiceEngine::Espeak,
            "clips" => VoiceEngine::Clips,
            "off" | "none" => VoiceEngine::Off,
            _ => return Err(err("voice.engine", ConfigProblem::BadVoiceEngine(e.clone()))),
        };
    }
    if let Some(voice) = &raw.voice {
        v.voice = voice.clone();
    }
    v.clips_dir = raw.clips_dir.clone();
    v.wav_dir = raw.wav_dir.clone();
    if v.engine == VoiceEngine::Clips && v.clips_dir.is_none() {
        return Err(err("voice.clips_dir", ConfigProblem::Empty));
    }
    Ok(v)
}

/// Medical record numbers and the CKG window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientSettings {
    /// New record numbers are this prefix and a zero-padded serial: RM-0000001.
    pub rm_prefix: String,
    pub rm_digits: usize,
    pub ckg_window: crate::domain::ckg::Window,
}

impl Default for PatientSettings {
    fn default() -> Self {
        PatientSettings { rm_prefix: "RM-".into(), rm_digits: 7, ckg_window: crate::domain::ckg::Window::Birthday { days_after: 30 } }
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawPatients {
    rm_prefix: Option<String>,
    rm_digits: Option<u32>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawCkg {
    window: Option<String>,
    days_after_birthday: Option<u32>,
}

fn patient_settings(p: &RawPatients, c: &RawCkg, err: &dyn Fn(&str, ConfigProblem) -> ConfigError) -> Result<PatientSettings, ConfigError> {
    let mut out = PatientSettings::default();
    if let Some(prefix) = &p.rm_prefix {
        if prefix.chars().count() > 10 || prefix.chars().any(|c| c.is_whitespace()) {
            return Err(err("patients.rm_prefix", ConfigProblem::OutOfRange { min: 0, max: 10 }));
        }
        out.rm_prefix = prefix.clone();
    }
    if let Some(d) = p.rm_digits {
        if !(3..=12).contains(&d) {
            return Err(err("patients.rm_digits", ConfigProblem::OutOfRange { min: 3, max: 12 }));
        }
        out.rm_digits = d as usize;
    }
    let days = c.days_after_birthday.unwrap_or(30);
    if !(0..=365).contains(&days) {
        return Err(err("ckg.days_after_birthday", ConfigProblem::OutOfRange { min: 0, max: 365 }));
    }
    out.ckg_window = match c.window.as_deref() {
        None | Some("birthday") => crate::domain::ckg::Window::Birthday { days_after: days },
        Some("year") => crate::domain::ckg::Window::CalendarYear,
        Some(other) => return Err(err("ckg.window", ConfigProblem::BadCkgWindow(other.to_string()))),
    };
    Ok(out)
}

/// The sale counter: VAT, expiry, weighed barcodes, member credit, QRIS and the drug rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalesSettings {
    /// The site charges VAT (turnover above Rp4,8 miliar a year); prices include it.
    pub charges_vat: bool,
    /// Batches expiring within this many days warn (and are refused with `block_near_expiry`).
    pub expiring_days: i64,
    pub block_near_expiry: bool,
    pub weighed: crate::domain::weighed::Layout,
    /// Member credit limit unless a member has their own.
    pub member_credit_limit: i64,
    /// The merchant's static QRIS payload; with it a dynamic QR with the amount can be shown.
    pub qris_payload: Option<String>,
    pub drug_policy: crate::domain::drug_policy::Policy,
    /// Low stock below this many units when a product has no reorder level.
    pub low_stock_units: i64,
}

impl Default for SalesSettings {
    fn default() -> Self {
        SalesSettings {
            charges_vat: false,
            expiring_days: 30,
            block_near_expiry: false,
            weighed: crate::domain::weighed::Layout::default(),
            member_credit_limit: 500_000,
            qris_payload: None,
            drug_policy: crate::domain::drug_policy::Policy::default(),
            low_stock_units: 5,
        }
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawSales {
    vat: Option<bool>,
    expiring_days: Option<u32>,
    block_near_expiry: Option<bool>,
    weighed_layout: Option<String>,
    weighed_value: Option<String>,
    member_credit_limit: Option<i64>,
    qris_payload: Option<String>,
    low_stock_units: Option<u32>,
    drugs: std::collections::BTreeMap<String, String>,
}

fn sales_settings(raw: &RawSales, err: &dyn Fn(&str, ConfigProblem) -> ConfigError) -> Result<SalesSettings, ConfigError> {
    use crate::domain::{drug_policy, weighed};
    let mut out = SalesSettings::default();
    out.charges_vat = raw.vat.unwrap_or(false);
    out.block_near_expiry = raw.block_near_expiry.unwrap_or(false);
    if let Some(d) = raw.expiring_days {
        if d > 730 {
            return Err(err("sales.expiring_days", ConfigProblem::OutOfRange { min: 0, max: 730 }));
        }
        out.expiring_days = d as i64;
    }
    if let Some(n) = raw.low_stock_units {
        if n > 100_000 {
            return Err(err("sales.low_stock_units", ConfigProblem::OutOfRange { min: 0, max: 100_000 }));
        }
        out.low_stock_units = n as i64;
    }
    let embedded = match raw.weighed_value.as_deref() {
        None | Some("weight") => weighed::Embedded::Weight,
        Some("price") => weighed::Embedded::Price,
        Some(other) => return Err(err("sales.weighed_value", ConfigProblem::NotOneOf { value: other.into(), allowed: "weight, price" })),
    };
    let pattern = raw.weighed_layout.clone().unwrap_or_else(|| weighed::Layout::default().pattern().to_string());
    out.weighed = weighed::Layout::new(&pattern, embedded)
        .map_err(|_| err("sales.weighed_layout", ConfigProblem::NotOneOf { value: pattern.clone(), allowed: "13 of P I V X C, e.g. PPIIIIIVVVVVC" }))?;
    if let Some(limit) = raw.member_credit_limit {
        if !(0..=1_000_000_000).contains(&limit) {
            return Err(err("sales.member_credit_limit", ConfigProblem::OutOfRange { min: 0, max: 1_000_000_000 }));
        }
        out.member_credit_limit = limit;
    }
    if let Some(p) = raw.qris_payload.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        if crate::domain::qris::verify(p).is_err() {
            return Err(err("sales.qris_payload", ConfigProblem::NotOneOf { value: p.chars().take(20).collect(), allowed: "an EMVCo QRIS payload ending in a valid CRC (tag 63)" }));
        }
        out.qris_payload = Some(p.to_string());
    }
    for (class, rule) in &raw.drugs {
        let key = format!("sales.drugs.{class}");
        let c = drug_policy::DrugClass::parse(class).ok_or_else(|| err(&key, ConfigProblem::UnknownKey))?;
        let r = drug_policy::Rule::parse(rule)
            .ok_or_else(|| err(&key, ConfigProblem::NotOneOf { value: rule.clone(), allowed: "free, prescription, refused" }))?;
        out.drug_policy.set(c, r);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sales_section() {
        let c = Config::parse("[sales]\nvat = true\nexpiring_days = 60\n[sales.drugs]\nkeras = \"refused\"\n", "c.toml").unwrap();
        assert!(c.sales.charges_vat);
        assert_eq!(c.sales.expiring_days, 60);
        assert_eq!(c.sales.drug_policy.rule(crate::domain::drug_policy::DrugClass::Keras), crate::domain::drug_policy::Rule::Refused);
        let e = problem("[sales]\nweighed_layout = \"PPII\"\n");
        assert_eq!(e.key, "sales.weighed_layout");
        let e = problem("[sales.drugs]\nkeras = \"sometimes\"\n");
        assert_eq!(e.key, "sales.drugs.keras");
        let e = problem("[sales.drugs]\nvitamin = \"free\"\n");
        assert_eq!((e.key.as_str(), e.problem), ("sales.drugs.vitamin", ConfigProblem::UnknownKey));
        let e = problem("[sales]\nqris_payload = \"000201\"\n");
        assert_eq!(e.key, "sales.qris_payload");
        let e = problem("[sales]\ntax = 1\n");
        assert_eq!((e.key.as_str(), e.problem), ("sales.tax", ConfigProblem::UnknownKey));
    }

    fn problem(text: &str) -> ConfigError {
        Config::parse(text, "c.toml").unwrap_err()
    }

    #[test]
    fn empty_file_gives_defaults_and_the_sample_is_valid() {
        assert_eq!(Config::parse("", "c.toml").unwrap(), Config::default());
        assert_eq!(Config::parse(SAMPLE_CONFIG, "c.toml").unwrap(), Config::default());
    }

    #[test]
    fn reads_site_values() {
        let c = Config::parse("[site]\nname = \"KDMP Sukamaju\"\ntimezone = \"wita\"\nlanguage = \"en\"\n", "c.toml").unwrap();
        assert_eq!(c.site.name, "KDMP Sukamaju");
        assert_eq!(c.site.zone, Zone::Wita);
        assert_eq!(c.site.lang, Lang::En);
    }

    #[test]
    fn errors_name_the_key() {
        let e = problem("[site]\ntimezone = \"GMT\"\n");
        assert_eq!((e.key.as_str(), e.problem), ("site.timezone", ConfigProblem::BadTimezone("GMT".into())));
        let e = problem("[site]\ncolour = \"red\"\n");
        assert_eq!((e.key.as_str(), e.problem), ("site.colour", ConfigProblem::UnknownKey));
        let e = problem("[kitchen]\n");
        assert_eq!((e.key.as_str(), e.problem), ("kitchen", ConfigProblem::UnknownKey));
        let e = problem("[security]\nmax_pin_attempts = \"five\"\n");
        assert_eq!(e.key, "security.max_pin_attempts");
        assert!(matches!(e.problem, ConfigProblem::WrongType(_)));
        let e = problem("[security]\nlockout_minutes = 0\n");
        assert_eq!(e.problem, ConfigProblem::OutOfRange { min: 1, max: 1440 });
        let e = problem("[site\n");
        assert!(matches!(e.problem, ConfigProblem::Syntax(_)));
        let t = Text::new(Lang::En);
        assert_eq!(
            problem("[site]\ntimezone = \"GMT\"\n").message(&t),
            "c.toml: site.timezone: \"GMT\" is not a time zone; use WIB, WITA or WIT"
        );
    }

    #[test]
    fn services_and_counters() {
        let q = Config::default().queue;
        assert_eq!(q.services.iter().map(|s| s.code.as_str()).collect::<Vec<_>>(), ["A", "B", "C", "D"]);
        assert_eq!(q.counters.len(), 3);
        let c = Config::parse(
            "[[services]]\ncode = \"a\"\nname = \"Daftar\"\n[[services]]\ncode = \"K\"\nname = \"KIA\"\ncluster = 2\n\
             [[counters]]\nnumber = 4\nservices = [\"A\", \"k\"]\n[queue]\ncounter = 4\n",
            "c.toml",
        )
        .unwrap();
        assert_eq!(c.queue.this_counter, 4);
        assert_eq!(c.queue.counter(4).unwrap().services, vec!["A", "K"]);
        assert_eq!(c.queue.counter(4).unwrap().name, "Loket 4");
        let e = problem("[[counters]]\nnumber = 1\nservices = [\"Z\"]\n");
        assert_eq!((e.key.as_str(), e.problem), ("counters[0].services", ConfigProblem::UnknownService("Z".into())));
        let e = problem("[queue]\ncounter = 7\n");
        assert_eq!((e.key.as_str(), e.problem), ("queue.counter", ConfigProblem::UnknownCounter(7)));
        let e = problem("[[services]]\ncode = \"AB\"\nname = \"x\"\n");
        assert_eq!(e.problem, ConfigProblem::BadServiceCode("AB".into()));
        let t = Text::new(Lang::En);
        assert_eq!(
            problem("[[counters]]\nnumber = 1\nservices = [\"Z\"]\n").message(&t),
            "c.toml: counters[0].services: unknown service \"Z\""
        );
        assert!(Config::default().with_counter(Some(9)).is_err());
        assert_eq!(Config::default().with_counter(Some(3)).unwrap().queue.this_counter, 3);
    }

    #[test]
    fn printer_section() {
        use crate::print::{CutMode, QrMode, TransportConfig};
        assert!(!Config::parse("", "c.toml").unwrap().printer.configured());
        let c = Config::parse("[printer]\ntransport = \"tcp\"\nhost = \"127.0.0.1\"\nwidth = 32\nqr = \"image\"\ncut = \"full\"\ndrawer_pin = 5\n", "c.toml").unwrap();
        assert_eq!(c.printer.transport, TransportConfig::Tcp { host: "127.0.0.1".into(), port: 9100 });
        assert_eq!((c.printer.profile.width, c.printer.profile.qr, c.printer.profile.cut, c.printer.profile.drawer_pin), (32, QrMode::Image, CutMode::Full, 5));
        let c = Config::parse("[printer]\ntransport = \"serial\"\npath = \"/dev/ttyS0\"\nbaud = 19200\n", "c.toml").unwrap();
        assert_eq!(c.printer.transport, TransportConfig::Serial { path: "/dev/ttyS0".into(), baud: 19200 });
        let e = problem("[printer]\nwidth = 0\n");
        assert_eq!((e.key.as_str(), e.problem), ("printer.width", ConfigProblem::OutOfRange { min: 16, max: 64 }));
        let e = problem("[printer]\ntransport = \"tcp\"\n");
        assert_eq!((e.key.as_str(), e.problem), ("printer.host", ConfigProblem::Missing { transport: "tcp".into() }));
        let e = problem("[printer]\ntransport = \"bluetooth\"\n");
        assert_eq!(e.key, "printer.transport");
        let e = problem("[printer]\ndrawer_pin = 3\n");
        assert_eq!(e.key, "printer.drawer_pin");
        let e = problem("[printer]\nbaud = 9600\ntransport = \"serial\"\n");
        assert_eq!(e.key, "printer.path");
        let e = problem("[printer]\npaper = \"80mm\"\n");
        assert_eq!((e.key.as_str(), e.problem), ("printer.paper", ConfigProblem::UnknownKey));
        let t = Text::new(Lang::En);
        assert_eq!(
            problem("[printer]\ncut = \"half\"\n").message(&t),
            "c.toml: printer.cut: \"half\" is not known; choose one of: full, partial, none"
        );
    }

    #[test]
    fn business_day_follows_the_site_zone() {
        let t = DateTime::parse_from_rfc3339("2026-11-23T17:30:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(Zone::Wib.business_day(t).to_string(), "2026-11-24");
        let t = DateTime::parse_from_rfc3339("2026-11-23T16:30:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(Zone::Wib.business_day(t).to_string(), "2026-11-23");
        assert_eq!(Zone::Wit.business_day(t).to_string(), "2026-11-24");
    }
}
