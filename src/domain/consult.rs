//! The consultation: who may examine (a health worker with a profession and a licence, SIP), the
//! diagnoses of a visit (from the shipped ICD-10 list, several, exactly one primary) and how the
//! visit ends.

use super::icd10;
use chrono::{DateTime, NaiveDate, Utc};
use crate::domain::ckg::Measure;
use crate::domain::rx::Order;

/// The examiner's profession (each practises under a licence, Surat Izin Praktik: UU 17/2023
/// on Health, art. 263).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profession {
    Doctor,
    Midwife,
    Nurse,
}

impl Profession {
    pub const ALL: [Profession; 3] = [Profession::Doctor, Profession::Midwife, Profession::Nurse];

    pub fn code(self) -> &'static str {
        match self {
            Profession::Doctor => "doctor",
            Profession::Midwife => "midwife",
            Profession::Nurse => "nurse",
        }
    }

    pub fn parse(s: &str) -> Option<Profession> {
        Profession::ALL.into_iter().find(|p| p.code() == s)
    }
}

/// A licence number (SIP) as typed: letters, digits and the separators licences are written
/// with ("503/0123/SIP-D/DPMPTSP/2025"); 3 to 64 characters. Its format is the issuing
/// district's; no national check exists.
pub fn check_licence(sip: &str) -> bool {
    let s = sip.trim();
    (3..=64).contains(&s.chars().count()) && s.chars().all(|c| c.is_ascii_alphanumeric() || "/.-_ ".contains(c))
}

/// How a visit ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    Prescription,
    Referral,
    FollowUp,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [Outcome::Done, Outcome::Prescription, Outcome::Referral, Outcome::FollowUp];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Prescription => "prescription",
            Outcome::Referral => "referral",
            Outcome::FollowUp => "follow_up",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.code() == s)
    }
}

/// A diagnosis as entered: its code, and whether it is the visit's primary one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entered {
    pub code: String,
    pub primary: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiagnosisError {
    None,
    /// Not in the shipped list.
    Unknown(String),
    Twice(String),
    /// Exactly one diagnosis is the primary one.
    Primary(usize),
}

/// Checks the diagnoses and returns them with their list entry, primary first.
pub fn check_diagnoses(list: &[Entered]) -> Result<Vec<(&'static icd10::Diagnosis, bool)>, DiagnosisError> {
    if list.is_empty() {
        return Err(DiagnosisError::None);
    }
    let mut out: Vec<(&'static icd10::Diagnosis, bool)> = Vec::with_capacity(list.len());
    for e in list {
        let d = icd10::find(&e.code).ok_or_else(|| DiagnosisError::Unknown(e.code.trim().to_string()))?;
        if out.iter().any(|(o, _)| o.code == d.code) {
            return Err(DiagnosisError::Twice(d.code.to_string()));
        }
        out.push((d, e.primary));
    }
    let primaries = out.iter().filter(|(_, p)| *p).count();
    if primaries != 1 {
        return Err(DiagnosisError::Primary(primaries));
    }
    out.sort_by_key(|(_, p)| !*p);
    Ok(out)
}

/// The follow-up date must come after the visit.
pub fn check_follow_up(outcome: Outcome, follow_up: Option<NaiveDate>, today: NaiveDate) -> bool {
    match (outcome, follow_up) {
        (Outcome::FollowUp, Some(d)) => d > today,
        (Outcome::FollowUp, None) => false,
        (_, Some(d)) => d > today,
        (_, None) => true,
    }
}

/// One drug as the examiner writes it: the product from the formulary and the order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RxLine {
    pub product_id: i64,
    pub order: Order,
}

/// A referral asked for in the consultation: to which facility, why, what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferralRequest {
    pub facility_code: String,
    pub reason: String,
    pub findings: String,
}

/// Everything the examiner entered for one visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConsultation {
    pub patient_id: i64,
    /// The ticket of the visit, in service B, when opened from the queue.
    pub ticket_id: Option<i64>,
    pub started: DateTime<Utc>,
    pub complaint: String,
    pub history: String,
    pub note: String,
    /// Vital signs, at the CKG's stored scale.
    pub vitals: Vec<(Measure, i64)>,
    pub diagnoses: Vec<Entered>,
    pub outcome: Outcome,
    pub follow_up: Option<NaiveDate>,
    /// Allergies learnt in this visit, added to the record.
    pub allergies: Vec<String>,
    pub prescription: Vec<RxLine>,
    pub referral: Option<ReferralRequest>,
}


#[cfg(test)]
mod tests {
    use super::*;

    fn e(code: &str, primary: bool) -> Entered {
        Entered { code: code.into(), primary }
    }

    #[test]
    fn one_primary_from_the_list() {
        let ok = check_diagnoses(&[e("I10", false), e("j06.9", true)]).unwrap();
        assert_eq!(ok.iter().map(|(d, p)| (d.code, *p)).collect::<Vec<_>>(), vec![("J06.9", true), ("I10", false)]);
        assert_eq!(check_diagnoses(&[]), Err(DiagnosisError::None));
        assert_eq!(check_diagnoses(&[e("X99.9", true)]), Err(DiagnosisError::Unknown("X99.9".into())));
        assert_eq!(check_diagnoses(&[e("I10", true), e("i10", false)]), Err(DiagnosisError::Twice("I10".into())));
        assert_eq!(check_diagnoses(&[e("I10", false)]), Err(DiagnosisError::Primary(0)));
        assert_eq!(check_diagnoses(&[e("I10", true), e("K30", true)]), Err(DiagnosisError::Primary(2)));
    }

    #[test]
    fn licences_and_follow_up_dates() {
        assert!(check_licence("503/0123/SIP-D/DPMPTSP/2025"));
        assert!(!check_licence("ab"));
        assert!(!check_licence("SIP;DROP"));
        let today = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert!(!check_follow_up(Outcome::FollowUp, None, today));
        assert!(!check_follow_up(Outcome::FollowUp, Some(today), today));
        assert!(check_follow_up(Outcome::FollowUp, today.succ_opt(), today));
        assert!(check_follow_up(Outcome::Done, None, today));
    }
}
