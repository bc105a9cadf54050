//! Who may be sold which drug class at this outlet. The village-pharmacy default: bebas and
//! bebas terbatas freely (the P1-P6 warning shown), keras only with a recorded prescription and
//! by a pharmacy-role user, OOT, psychotropics and narcotics refused. Each class's rule is a
//! setting (the regulation text for village outlets is unconfirmed).

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DrugClass {
    Bebas,
    BebasTerbatas,
    Keras,
    Oot,
    Psikotropika,
    Narkotika,
}

impl DrugClass {
    pub const ALL: [DrugClass; 6] =
        [DrugClass::Bebas, DrugClass::BebasTerbatas, DrugClass::Keras, DrugClass::Oot, DrugClass::Psikotropika, DrugClass::Narkotika];

    pub fn parse(s: &str) -> Option<DrugClass> {
        DrugClass::ALL.into_iter().find(|c| c.code() == s)
    }

    pub fn code(self) -> &'static str {
        match self {
            DrugClass::Bebas => "bebas",
            DrugClass::BebasTerbatas => "bebas_terbatas",
            DrugClass::Keras => "keras",
            DrugClass::Oot => "oot",
            DrugClass::Psikotropika => "psikotropika",
            DrugClass::Narkotika => "narkotika",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Sold over the counter by any cashier.
    Free,
    /// Needs a recorded prescription (prescriber, date, number) and a pharmacy-role user.
    Prescription,
    Refused,
}

impl Rule {
    pub fn parse(s: &str) -> Option<Rule> {
        match s {
            "free" => Some(Rule::Free),
            "prescription" => Some(Rule::Prescription),
            "refused" => Some(Rule::Refused),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    rules: [Rule; 6],
}

impl Default for Policy {
    fn default() -> Self {
        Policy { rules: [Rule::Free, Rule::Free, Rule::Prescription, Rule::Refused, Rule::Refused, Rule::Refused] }
    }
}

impl Policy {
    pub fn rule(&self, class: DrugClass) -> Rule {
        self.rules[DrugClass::ALL.iter().position(|c| *c == class).unwrap_or(0)]
    }

    pub fn set(&mut self, class: DrugClass, rule: Rule) {
        if let Some(i) = DrugClass::ALL.iter().position(|c| *c == class) {
            self.rules[i] = rule;
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// A pharmacy-role user must sell it.
    NeedsPharmacist,
    /// Allowed once a prescription is recorded.
    NeedsPrescription,
    Refused,
}

pub fn check(policy: &Policy, class: DrugClass, pharmacist: bool, has_prescription: bool) -> Verdict {
    match policy.rule(class) {
        Rule::Free => Verdict::Allowed,
        Rule::Refused => Verdict::Refused,
        Rule::Prescription if !pharmacist => Verdict::NeedsPharmacist,
        Rule::Prescription if !has_prescription => Verdict::NeedsPrescription,
        Rule::Prescription => Verdict::Allowed,
    }
}

/// A recorded prescription: who wrote it, when, and its number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prescription {
    pub prescriber: String,
    /// The prescriber's practice licence number (SIP, Surat Izin Praktik; Permenkes 2052/2011).
    /// No national format for the number is fixed, so it is required but not parsed.
    pub prescriber_sip: String,
    pub written_on: chrono::NaiveDate,
    pub number: String,
    /// The patient record the prescription is for (picked from the register, not typed).
    pub patient_id: i64,
    pub patient: String,
    /// Written out for the label: `3 x sehari 1 tablet sesudah makan`.
    pub directions: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrescriptionError {
    MissingPrescriber,
    MissingSip,
    /// No patient record was picked.
    MissingPatient,
    MissingNumber,
    MissingDirections,
    BadDate,
    /// Dated in the future, or older than the validity (30 days).
    OutOfDate,
}

/// The prescription dialog's fields as typed; the patient as picked from the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RxFields<'a> {
    pub prescriber: &'a str,
    pub sip: &'a str,
    /// DD-MM-YYYY
    pub date: &'a str,
    pub number: &'a str,
    pub patient: Option<(i64, &'a str)>,
    pub directions: &'a str,
}

/// Check the fields of the prescription dialog.
pub fn prescription(f: &RxFields, today: chrono::NaiveDate) -> Result<Prescription, PrescriptionError> {
    if f.prescriber.trim().len() < 3 {
        return Err(PrescriptionError::MissingPrescriber);
    }
    if f.sip.trim().len() < 3 {
        return Err(PrescriptionError::MissingSip);
    }
    if f.number.trim().is_empty() {
        return Err(PrescriptionError::MissingNumber);
    }
    let Some((patient_id, patient)) = f.patient else { return Err(PrescriptionError::MissingPatient) };
    if f.directions.trim().len() < 3 {
        return Err(PrescriptionError::MissingDirections);
    }
    let written_on = chrono::NaiveDate::parse_from_str(f.date.trim(), "%d-%m-%Y").map_err(|_| PrescriptionError::BadDate)?;
    if written_on > today || (today - written_on).num_days() > 30 {
        return Err(PrescriptionError::OutOfDate);
    }
    Ok(Prescription {
        prescriber: f.prescriber.trim().into(),
        prescriber_sip: f.sip.trim().into(),
        written_on,
        number: f.number.trim().into(),
        patient_id,
        patient: patient.trim().into(),
        directions: f.directions.trim().into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn village_default() {
        let p = Policy::default();
        assert_eq!(check(&p, DrugClass::Bebas, false, false), Verdict::Allowed);
        assert_eq!(check(&p, DrugClass::BebasTerbatas, false, false), Verdict::Allowed);
        assert_eq!(check(&p, DrugClass::Keras, false, true), Verdict::NeedsPharmacist);
        assert_eq!(check(&p, DrugClass::Keras, true, false), Verdict::NeedsPrescription);
        assert_eq!(check(&p, DrugClass::Keras, true, true), Verdict::Allowed);
        for c in [DrugClass::Oot, DrugClass::Psikotropika, DrugClass::Narkotika] {
            assert_eq!(check(&p, c, true, true), Verdict::Refused);
        }
    }

    #[test]
    fn overrides() {
        let mut p = Policy::default();
        p.set(DrugClass::Keras, Rule::Refused);
        p.set(DrugClass::Oot, Rule::Prescription);
        assert_eq!(check(&p, DrugClass::Keras, true, true), Verdict::Refused);
        assert_eq!(check(&p, DrugClass::Oot, true, true), Verdict::Allowed);
        assert_eq!(DrugClass::parse("bebas_terbatas"), Some(DrugClass::BebasTerbatas));
        assert_eq!(Rule::parse("never"), None);
    }

    #[test]
    fn prescriptions() {
        let today: chrono::NaiveDate = "2026-11-23".parse().unwrap();
        let ok = RxFields { prescriber: "dr. Andi", sip: "446/12/SIP/2025", date: "20-11-2026", number: "R/123", patient: Some((7, "Ani")), directions: "3 x sehari 1 kapsul" };
        let p = prescription(&ok, today).unwrap();
        assert_eq!((p.written_on.to_string().as_str(), p.patient_id, p.prescriber_sip.as_str()), ("2026-11-20", 7, "446/12/SIP/2025"));
        assert_eq!(prescription(&RxFields { prescriber: "", ..ok }, today), Err(PrescriptionError::MissingPrescriber));
        assert_eq!(prescription(&RxFields { sip: " ", ..ok }, today), Err(PrescriptionError::MissingSip));
        assert_eq!(prescription(&RxFields { patient: None, ..ok }, today), Err(PrescriptionError::MissingPatient));
        assert_eq!(prescription(&RxFields { date: "2026-11-20", ..ok }, today), Err(PrescriptionError::BadDate));
        assert_eq!(prescription(&RxFields { date: "24-11-2026", ..ok }, today), Err(PrescriptionError::OutOfDate));
        assert_eq!(prescription(&RxFields { number: " ", ..ok }, today), Err(PrescriptionError::MissingNumber));
    }
}
