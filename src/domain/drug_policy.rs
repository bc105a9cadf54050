//! Who may be sold which drug class at this outlet. The village-pharmacy default: bebas and
//! bebas terbatas freely (the P1-P6 warning shown), keras only with a recorded prescription and
//! by a pharmacy-role user, OOT, psychotropics and narcotics refused. Each class's rule is a
//! setting (the regulation text for village outlets is unconfirmed).

use super::stock::StockRefusal;

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

    /// A class as a person types it: its code, or "terbatas" / "bebas terbatas" for
    /// bebas_terbatas, case aside.
    pub fn parse_typed(s: &str) -> Option<DrugClass> {
        match s.trim().to_lowercase().replace(' ', "_").as_str() {
            "terbatas" => Some(DrugClass::BebasTerbatas),
            code => DrugClass::parse(code),
        }
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

/// A drug's facts as typed on the products screen, checked and put in their stored form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DrugFacts {
    /// "500 mg", "60 ml": free text, as the package says.
    pub strength: String,
    /// "tablet", "sirup": free text.
    pub form: String,
    /// P1-P6, only on obat bebas terbatas.
    pub warning: Option<String>,
    /// "oral" (white label) or "external" (blue label).
    pub label: String,
    /// The KFA product code.
    pub kfa_code: Option<String>,
}

/// Check the facts typed for a drug of `class`.
///
/// - The P-warnings P1-P6 belong to *obat bebas terbatas* and every such drug carries one
///   (SK Menkes No. 6355/Dirjen/SK/69 on the warning signs; DOMAIN.md "Drugs").
/// - The dispensing label is white for oral use and blue for external use (DOMAIN.md, etiket). A
///   warning that says the drug is not swallowed (P2 gargle, P3 external, P4 burn, P5 do not
///   swallow, P6 haemorrhoid) makes the label external when none is typed, and refuses "oral".
/// - KFA codes: 92xxxxxx for a generic product, 93xxxxxx for an actual product (the KFA code
///   system, DOMAIN.md "SATUSEHAT").
pub fn check_facts(class: DrugClass, strength: &str, form: &str, warning: &str, label: &str, kfa: &str) -> Result<DrugFacts, StockRefusal> {
    let warning = warning.trim().to_uppercase();
    let warning = match warning.as_str() {
        "" => None,
        "P1" | "P2" | "P3" | "P4" | "P5" | "P6" => Some(warning),
        _ => return Err(StockRefusal::BadWarning),
    };
    match (&warning, class) {
        (None, DrugClass::BebasTerbatas) => return Err(StockRefusal::WarningNeeded),
        (Some(_), c) if c != DrugClass::BebasTerbatas => return Err(StockRefusal::WarningNotLimited),
        _ => {}
    }
    let not_swallowed = warning.as_deref().is_some_and(|w| w != "P1");
    let label = match label.trim().to_lowercase().as_str() {
        "" if not_swallowed => "external",
        "" | "oral" | "putih" | "dalam" => "oral",
        "external" | "luar" | "biru" => "external",
        _ => return Err(StockRefusal::BadLabel),
    };
    if label == "oral" && not_swallowed {
        return Err(StockRefusal::OralButNotSwallowed(warning.clone().unwrap_or_default()));
    }
    let kfa = kfa.trim();
    let kfa_code = match kfa {
        "" => None,
        k if k.len() == 8 && k.bytes().all(|b| b.is_ascii_digit()) && (k.starts_with("92") || k.starts_with("93")) => Some(k.to_string()),
        _ => return Err(StockRefusal::BadKfa),
    };
    Ok(DrugFacts { strength: strength.trim().to_string(), form: form.trim().to_string(), warning, label: label.to_string(), kfa_code })
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
    fn drug_facts_follow_the_class_and_the_warning() {
        use DrugClass::*;
        let ok = check_facts(BebasTerbatas, " 500 mg ", "tablet", "p1", "", "93001019").unwrap();
        assert_eq!((ok.strength.as_str(), ok.warning.as_deref(), ok.label.as_str(), ok.kfa_code.as_deref()), ("500 mg", Some("P1"), "oral", Some("93001019")));
        // P3 (external only): the label follows, and "oral" is refused.
        assert_eq!(check_facts(BebasTerbatas, "", "salep", "P3", "", "").unwrap().label, "external");
        assert_eq!(check_facts(BebasTerbatas, "", "salep", "P3", "oral", ""), Err(StockRefusal::OralButNotSwallowed("P3".into())));
        assert_eq!(check_facts(BebasTerbatas, "", "", "", "", ""), Err(StockRefusal::WarningNeeded));
        assert_eq!(check_facts(Keras, "", "", "P1", "", ""), Err(StockRefusal::WarningNotLimited));
        assert_eq!(check_facts(Bebas, "", "", "P7", "", ""), Err(StockRefusal::BadWarning));
        assert_eq!(check_facts(Bebas, "", "", "", "biru", "").unwrap().label, "external");
        assert_eq!(check_facts(Bebas, "", "", "", "mata", ""), Err(StockRefusal::BadLabel));
        for bad in ["9300101", "91001019", "93a01019", "930010199"] {
            assert_eq!(check_facts(Bebas, "", "", "", "", bad), Err(StockRefusal::BadKfa), "{bad}");
        }
        assert_eq!(check_facts(Keras, "", "", "", "", "92000123").unwrap().kfa_code.as_deref(), Some("92000123"));
    }

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
