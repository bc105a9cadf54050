//! The `[clinic]` section: where referrals go (the facilities list), which queue services the
//! examination room and the pharmacy are, and the per-drug settings of e-prescriptions (a daily
//! dose limit, a free programme issue). No public source sets these for a village clinic: each
//! site writes its own (README, "Consultation and pharmacy").
//!
//! ```toml
//! [clinic]
//! exam_service = "B"
//! pharmacy_service = "C"
//! max_days = 90              # the longest course a prescription covers
//! facilities = [
//!   { code = "1234567", name = "Puskesmas Kalodran", kind = "puskesmas" },
//!   { code = "3604015", name = "RSUD dr. Dradjat Prawiranegara", kind = "hospital" },
//! ]
//! [clinic.drugs.parasetamol]
//! max_per_day = 8            # tablets (or ml) a day, above it the examiner is warned
//! [clinic.drugs.isoniazid]
//! programme = "TB"           # handed out free, not sold
//! ```

use super::{ConfigError, ConfigProblem};
use serde::Deserialize;
use std::collections::BTreeMap;

/// A facility a referral can go to.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facility {
    /// Its code (the Kemenkes facility code, or the site's own).
    pub code: String,
    pub name: String,
    /// puskesmas, hospital, clinic, lab
    #[serde(default = "default_kind")]
    pub kind: String,
}

fn default_kind() -> String {
    "puskesmas".into()
}

/// What the site sets for one generic drug.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DrugSetting {
    /// Milli-units of the form a day above which the examiner is warned.
    pub max_daily_milli: Option<i64>,
    /// Handed out free for this programme (TB, malaria, ...), not sold.
    pub programme: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClinicSettings {
    pub exam_service: String,
    pub pharmacy_service: String,
    pub facilities: Vec<Facility>,
    /// By generic name, lower case.
    pub drugs: BTreeMap<String, DrugSetting>,
    /// The longest course a prescription may cover, in days.
    pub max_days: i64,
}

impl Default for ClinicSettings {
    fn default() -> Self {
        ClinicSettings {
            exam_service: "B".into(),
            pharmacy_service: "C".into(),
            facilities: vec![Facility { code: "PKM".into(), name: "Puskesmas".into(), kind: "puskesmas".into() }],
            drugs: BTreeMap::new(),
            max_days: crate::domain::rx::MAX_DAYS,
        }
    }
}

impl ClinicSettings {
    pub fn drug(&self, generic: &str) -> DrugSetting {
        self.drugs.get(&generic.trim().to_lowercase()).cloned().unwrap_or_default()
    }

    pub fn facility(&self, code: &str) -> Option<&Facility> {
        self.facilities.iter().find(|f| f.code.eq_ignore_ascii_case(code.trim()))
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDrug {
    max_per_day: Option<u32>,
    programme: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawClinic {
    exam_service: Option<String>,
    pharmacy_service: Option<String>,
    facilities: Option<Vec<Facility>>,
    drugs: BTreeMap<String, RawDrug>,
    max_days: Option<u32>,
}

pub(super) fn clinic_settings(raw: &RawClinic, services: &[String], err: &dyn Fn(&str, ConfigProblem) -> ConfigError) -> Result<ClinicSettings, ConfigError> {
    let mut out = ClinicSettings::default();
    for (key, value, slot) in [("clinic.exam_service", &raw.exam_service, &mut out.exam_service), ("clinic.pharmacy_service", &raw.pharmacy_service, &mut out.pharmacy_service)] {
        if let Some(v) = value {
            if !services.iter().any(|s| s == v) {
                return Err(err(key, ConfigProblem::UnknownService(v.clone())));
            }
            *slot = v.clone();
        }
    }
    if let Some(list) = &raw.facilities {
        if list.is_empty() {
            return Err(err("clinic.facilities", ConfigProblem::Empty));
        }
        for (i, f) in list.iter().enumerate() {
            if f.code.trim().is_empty() || f.name.trim().is_empty() {
                return Err(err(&format!("clinic.facilities[{i}]"), ConfigProblem::Empty));
            }
            if list[..i].iter().any(|g| g.code.eq_ignore_ascii_case(&f.code)) {
                return Err(err(&format!("clinic.facilities[{i}].code"), ConfigProblem::Duplicate(f.code.clone())));
            }
            if !["puskesmas", "hospital", "clinic", "lab"].contains(&f.kind.as_str()) {
                return Err(err(&format!("clinic.facilities[{i}].kind"), ConfigProblem::NotOneOf { value: f.kind.clone(), allowed: "puskesmas, hospital, clinic, lab" }));
            }
        }
        out.facilities = list.clone();
    }
    if let Some(d) = raw.max_days {
        if !(1..=365).contains(&d) {
            return Err(err("clinic.max_days", ConfigProblem::OutOfRange { min: 1, max: 365 }));
        }
        out.max_days = d as i64;
    }
    for (name, d) in &raw.drugs {
        if let Some(0) = d.max_per_day {
            return Err(err(&format!("clinic.drugs.{name}.max_per_day"), ConfigProblem::OutOfRange { min: 1, max: 100_000 }));
        }
        let programme = d.programme.as_ref().map(|p| p.trim().to_string());
        if programme.as_deref() == Some("") {
            return Err(err(&format!("clinic.drugs.{name}.programme"), ConfigProblem::Empty));
        }
        out.drugs.insert(name.trim().to_lowercase(), DrugSetting { max_daily_milli: d.max_per_day.map(|m| m as i64 * 1000), programme });
    }
    Ok(out)
}
