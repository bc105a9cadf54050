//! The `[patients]` and `[ckg]` sections: medical record numbers and the CKG window.

use super::{ConfigError, ConfigProblem};
use serde::Deserialize;

/// Medical record numbers and the CKG window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientSettings {
    /// New record numbers are this prefix and a zero-padded serial: RM-0000001.
    pub rm_prefix: String,
    pub rm_digits: usize,
    pub ckg_window: crate::domain::ckg::Window,
    /// Which published set of adult BMI cut-offs the site follows (`ckg.bmi_cutoffs`): the
    /// Kemenkes P2PTM set or the Asia-Pacific set of the ILP obesity-screening page.
    pub bmi_set: crate::domain::ckg::BmiSet,
}

impl Default for PatientSettings {
    fn default() -> Self {
        PatientSettings {
            rm_prefix: "RM-".into(),
            rm_digits: 7,
            ckg_window: crate::domain::ckg::Window::Birthday { days_after: 30 },
            bmi_set: Default::default(),
        }
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawPatients {
    rm_prefix: Option<String>,
    rm_digits: Option<u32>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawCkg {
    window: Option<String>,
    days_after_birthday: Option<u32>,
    bmi_cutoffs: Option<String>,
}

pub(super) fn patient_settings(p: &RawPatients, c: &RawCkg, err: &dyn Fn(&str, ConfigProblem) -> ConfigError) -> Result<PatientSettings, ConfigError> {
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
    out.bmi_set = match c.bmi_cutoffs.as_deref() {
        None | Some("kemenkes") => crate::domain::ckg::BmiSet::Kemenkes,
        Some("asia-pacific") => crate::domain::ckg::BmiSet::AsiaPacific,
        Some(other) => return Err(err("ckg.bmi_cutoffs", ConfigProblem::NotOneOf { value: other.to_string(), allowed: "kemenkes, asia-pacific" })),
    };
    Ok(out)
}

