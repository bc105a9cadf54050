//! The `[[services]]`, `[[counters]]`, `[queue]` and `[voice]` sections: the lines of tickets,
//! the counters that call from them, the ordering rule and the spoken call.

use super::{ConfigError, ConfigProblem};
use serde::Deserialize;
use std::path::PathBuf;

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
pub(super) struct RawService {
    code: String,
    name: String,
    cluster: Option<u8>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCounter {
    number: u32,
    name: Option<String>,
    services: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawQueue {
    counter: Option<u32>,
    priority_calls_before_normal: Option<u32>,
    normal_max_wait_minutes: Option<u32>,
    default_service_minutes: Option<u32>,
    /// Settings of the old (wrong) rule, refused with a pointer to their successors.
    normal_per_priority: Option<toml::Value>,
    priority_max_wait_minutes: Option<toml::Value>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawVoice {
    engine: Option<String>,
    voice: Option<String>,
    clips_dir: Option<PathBuf>,
    wav_dir: Option<PathBuf>,
}

pub(super) fn queue_settings(
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
    // The old keys named a rule that called priority tickets only after normal ones; their
    // numbers mean something else now, so they are not carried over silently.
    if raw.normal_per_priority.is_some() {
        return Err(err("queue.normal_per_priority", ConfigProblem::Renamed("queue.priority_calls_before_normal")));
    }
    if raw.priority_max_wait_minutes.is_some() {
        return Err(err("queue.priority_max_wait_minutes", ConfigProblem::Renamed("queue.normal_max_wait_minutes")));
    }
    if let Some(k) = raw.priority_calls_before_normal {
        if !(1..=20).contains(&k) {
            return Err(err("queue.priority_calls_before_normal", ConfigProblem::OutOfRange { min: 1, max: 20 }));
        }
        q.rule.priority_run = k;
    }
    if let Some(m) = raw.normal_max_wait_minutes {
        // 0 switches the limit off.
        if m > 480 {
            return Err(err("queue.normal_max_wait_minutes", ConfigProblem::OutOfRange { min: 0, max: 480 }));
        }
        q.rule.normal_max_wait = (m > 0).then(|| chrono::Duration::minutes(m as i64));
    }
    if let Some(m) = raw.default_service_minutes {
        if !(1..=120).contains(&m) {
            return Err(err("queue.default_service_minutes", ConfigProblem::OutOfRange { min: 1, max: 120 }));
        }
        q.default_service_minutes = m;
    }
    Ok(q)
}

pub(super) fn voice_settings(raw: &RawVoice, err: &dyn Fn(&str, ConfigProblem) -> ConfigError) -> Result<VoiceSettings, ConfigError> {
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

