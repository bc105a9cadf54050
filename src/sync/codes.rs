//! The codes Loket sends to SATUSEHAT for each CKG result (the table in README.md, "SATUSEHAT
//! codes"). No public FHIR profile for the CKG screenings was found: a code from a public
//! terminology (LOINC, SNOMED CT) is used where one fits; the rest use Loket's own code system
//! [`LOCAL`], marked `public: false`, until the Ministry publishes its own.

pub const LOINC: &str = "http://loinc.org";
pub const SNOMED: &str = "http://snomed.info/sct";
/// Loket's own codes for screenings with no public code found.
pub const LOCAL: &str = "urn:loket:ckg-screening";

/// A measurement's LOINC code and name, UCUM unit, stored decimals, and whether it is a lab value.
pub struct MeasureCode {
    pub code: &'static str,
    pub display: &'static str,
    pub unit: &'static str,
    pub decimals: u32,
    pub laboratory: bool,
}

pub fn measure(code: &str) -> Option<MeasureCode> {
    let l = |code, display, unit, decimals, laboratory| Some(MeasureCode { code, display, unit, decimals, laboratory });
    match code {
        "weight" => l("29463-7", "Body weight", "kg", 1, false),
        "height" => l("8302-2", "Body height", "cm", 1, false),
        "head" => l("9843-4", "Head Occipital-frontal circumference", "cm", 1, false),
        "waist" => l("8280-0", "Waist Circumference at umbilicus by Tape measure", "cm", 1, false),
        "bmi" => l("39156-5", "Body mass index (BMI) [Ratio]", "kg/m2", 1, false),
        "heart_rate" => l("8867-4", "Heart rate", "/min", 0, false),
        "temperature" => l("8310-5", "Body temperature", "Cel", 1, false),
        // Glucose and cholesterol are laboratory values (category laboratory), not vital signs.
        // The finger-prick is random unless the person fasted: two LOINC codes.
        "glucose" => l("2339-0", "Glucose [Mass/volume] in Blood", "mg/dL", 0, true),
        "glucose_fasting" => l("1556-0", "Fasting glucose [Mass/volume] in Capillary blood", "mg/dL", 0, true),
        "cholesterol" => l("2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", "mg/dL", 0, true),
        "bp" => l("85354-9", "Blood pressure panel with all children optional", "mm[Hg]", 0, false),
        _ => None,
    }
}

/// A screening's code, its Observation category, and whether the code is from a public source.
pub struct ScreenCode {
    pub system: &'static str,
    pub code: &'static str,
    pub display: &'static str,
    /// observation-category: survey (questionnaire), exam, laboratory.
    pub category: &'static str,
    pub public: bool,
}

pub fn screen(code: &str) -> Option<ScreenCode> {
    let local = |c: &'static str, display, category| Some(ScreenCode { system: LOCAL, code: c, display, category, public: false });
    match code {
        "smoking" => Some(ScreenCode { system: LOINC, code: "72166-2", display: "Tobacco smoking status", category: "social-history", public: true }),
        "shk" => local("shk", "Congenital hypothyroidism screening", "laboratory"),
        "g6pd" => local("g6pd", "G6PD deficiency screening", "laboratory"),
        "hak" => local("hak", "Congenital adrenal hyperplasia screening", "laboratory"),
        "pjb_kritis" => local("pjb_kritis", "Critical congenital heart disease screening", "exam"),
        "atresia_bilier" => local("atresia_bilier", "Biliary atresia screening (stool colour)", "exam"),
        "development" => local("development", "Child development screening", "survey"),
        "tb" => local("tb", "Tuberculosis symptom screening", "survey"),
        "ears" => local("ears", "Ear and hearing screening", "exam"),
        "eyes" => local("eyes", "Eye and vision screening", "exam"),
        "teeth" => local("teeth", "Dental screening", "exam"),
        "thalassemia" => local("thalassemia", "Thalassemia screening", "laboratory"),
        "mental" => local("mental", "Mental health screening", "survey"),
        "activity" => local("activity", "Insufficient physical activity", "survey"),
        "copd" => local("copd", "COPD screening questionnaire (PUMA)", "survey"),
        "breast" => local("breast", "Breast cancer screening (clinical breast examination)", "exam"),
        "cervical" => local("cervical", "Cervical cancer screening", "exam"),
        "lung_risk" => local("lung_risk", "Lung cancer risk assessment", "survey"),
        "colorectal_risk" => local("colorectal_risk", "Colorectal cancer risk assessment", "survey"),
        "hepatitis" => local("hepatitis", "Hepatitis B and C screening", "laboratory"),
        "lipids" => local("lipids", "Lipid profile", "laboratory"),
        "ecg" => local("ecg", "Electrocardiogram", "procedure"),
        "kidney" => local("kidney", "Kidney function", "laboratory"),
        "skilas_cognition" => local("skilas_cognition", "SKILAS elderly screen: cognition", "survey"),
        "skilas_mobility" => local("skilas_mobility", "SKILAS elderly screen: mobility", "survey"),
        "skilas_nutrition" => local("skilas_nutrition", "SKILAS elderly screen: nutrition", "survey"),
        "skilas_vision" => local("skilas_vision", "SKILAS elderly screen: vision", "survey"),
        "skilas_hearing" => local("skilas_hearing", "SKILAS elderly screen: hearing", "survey"),
        "skilas_depression" => local("skilas_depression", "SKILAS elderly screen: depression", "survey"),
        _ => None,
    }
}

/// The answer to a screening, as SNOMED CT: positive or negative (for smoking: smoker or not).
pub fn finding_answer(screen: &str, positive: bool) -> (&'static str, &'static str) {
    match (screen, positive) {
        ("smoking", true) => ("77176002", "Smoker"),
        ("smoking", false) => ("8392000", "Non-smoker"),
        (_, true) => ("10828004", "Positive"),
        (_, false) => ("260385009", "Negative"),
    }
}
