//! The cut-offs that classify results, and the evaluation of a whole check (referral or not).
//! Sources (mlengse/ilp-docs): `docs/PKG/01-pkg-ultah/02-pkg-dewasa/*` and
//! `03-pkg-lansia.mdx` for the adult measurements and their follow-up, the ILP screening pages
//! under `docs/ILP/` for blood pressure (from 15 years) and obesity (Asia-Pacific BMI).

use super::groups::Subject;
use super::values::Measure;

/// BMI x10 from weight (kg x10) and height (cm x10), rounded.
pub fn bmi_x10(weight_x10: i64, height_x10: i64) -> Option<i64> {
    if height_x10 <= 0 || weight_x10 <= 0 {
        return None;
    }
    let num = weight_x10 * 1_000_000;
    let den = height_x10 * height_x10;
    Some((num + den / 2) / den)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BmiClass {
    Underweight,
    Normal,
    Overweight,
    Obese,
    /// Asia-Pacific obese II (>= 30); the Kemenkes set has one obese class.
    Obese2,
}

/// The two published sets of adult BMI cut-offs; which one a site follows is a setting
/// (`ckg.bmi_cutoffs`, README), because the sources disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BmiSet {
    /// Kemenkes P2PTM: < 18.5 underweight, 18.5-25.0 normal, > 25.0-27.0 overweight, > 27.0 obese.
    #[default]
    Kemenkes,
    /// Asia-Pacific (the ILP obesity-screening page under `docs/ILP/`): < 18.5, 18.5-22.9
    /// normal, 23-24.9 overweight, 25-29.9 obese I, >= 30 obese II.
    AsiaPacific,
}

pub fn classify_bmi(bmi_x10: i64, set: BmiSet) -> BmiClass {
    match set {
        BmiSet::Kemenkes => match bmi_x10 {
            i64::MIN..=184 => BmiClass::Underweight,
            185..=250 => BmiClass::Normal,
            251..=270 => BmiClass::Overweight,
            _ => BmiClass::Obese,
        },
        BmiSet::AsiaPacific => match bmi_x10 {
            i64::MIN..=184 => BmiClass::Underweight,
            185..=229 => BmiClass::Normal,
            230..=249 => BmiClass::Overweight,
            250..=299 => BmiClass::Obese,
            _ => BmiClass::Obese2,
        },
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BpClass {
    Normal,
    PreHypertension,
    Stage1,
    Stage2,
}

/// Adult cut-offs (18 and older only): the higher class of the two readings decides.
/// Children's and teenagers' blood pressure is read by percentiles for age, sex and height, which
/// the guide does not tabulate: below 18 it is recorded, not classified (see [`evaluate`]).
pub fn classify_bp(systolic: i64, diastolic: i64) -> BpClass {
    let s = match systolic {
        i64::MIN..=119 => BpClass::Normal,
        120..=139 => BpClass::PreHypertension,
        140..=159 => BpClass::Stage1,
        _ => BpClass::Stage2,
    };
    let d = match diastolic {
        i64::MIN..=79 => BpClass::Normal,
        80..=89 => BpClass::PreHypertension,
        90..=99 => BpClass::Stage1,
        _ => BpClass::Stage2,
    };
    s.max(d)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlucoseClass {
    Normal,
    Prediabetes,
    Diabetes,
}

/// The guide's glucose test is a finger-prick whose fasting state varies, so the reading is
/// classified by what the person says: fasting < 100, 100-125, >= 126 mg/dL; random (not
/// fasted) < 140, 140-199, >= 200 mg/dL (`02-pkg-dewasa/*`).
pub fn classify_glucose(mg_dl: i64, fasting: bool) -> GlucoseClass {
    let (pre, dm) = if fasting { (100, 126) } else { (140, 200) };
    if mg_dl >= dm {
        GlucoseClass::Diabetes
    } else if mg_dl >= pre {
        GlucoseClass::Prediabetes
    } else {
        GlucoseClass::Normal
    }
}

/// Central obesity: waist over 90 cm for men, over 80 cm for women (Asian cut-offs).
pub fn central_obesity(waist_x10: i64, female: bool) -> bool {
    waist_x10 > if female { 800 } else { 900 }
}

/// A screening's finding as the examiner records it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finding {
    NotDone,
    Normal,
    Positive,
}

impl Finding {
    pub fn code(self) -> &'static str {
        match self {
            Finding::NotDone => "not_done",
            Finding::Normal => "normal",
            Finding::Positive => "positive",
        }
    }

    pub fn from_code(code: &str) -> Option<Finding> {
        [Finding::NotDone, Finding::Normal, Finding::Positive].into_iter().find(|f| f.code() == code)
    }
}

/// The result line that records whether the person fasted before the glucose test (1 or 0).
pub const FASTED: &str = "fasted";

/// One stored result line: a measurement (value at its stored scale) or a screening finding,
/// with its class where a cut-off applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultLine {
    pub code: String,
    pub value: Option<i64>,
    pub finding: Option<Finding>,
    pub class: Option<String>,
}

/// What the slip says and what is stored.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Evaluation {
    pub lines: Vec<ResultLine>,
    pub bmi_x10: Option<i64>,
    pub bmi: Option<BmiClass>,
    pub bp: Option<BpClass>,
    pub glucose: Option<GlucoseClass>,
    /// Whether the person had fasted before the glucose test (None without a glucose value).
    pub fasted: Option<bool>,
    pub central_obesity: Option<bool>,
    /// Screenings found positive.
    pub positives: Vec<String>,
    /// A positive finding: refer to the Puskesmas (CKG screens, it does not treat).
    pub referral: bool,
}

/// What was entered for one check.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Entries {
    pub measures: Vec<(Measure, i64)>,
    pub screens: Vec<(String, Finding)>,
    /// Asked with the glucose; "no" unless the person says they fasted.
    pub fasted: bool,
}

impl Entries {
    /// The entries back from stored result lines (an amendment starts from them).
    pub fn from_lines(lines: &[ResultLine]) -> Entries {
        let mut e = Entries::default();
        for l in lines {
            match (Measure::from_code(&l.code), l.value, l.finding) {
                (Some(m), Some(v), _) => e.measures.push((m, v)),
                (None, Some(v), _) if l.code == FASTED => e.fasted = v == 1,
                (_, _, Some(f)) => e.screens.push((l.code.clone(), f)),
                _ => {}
            }
        }
        e
    }
}

fn class_code<T: std::fmt::Debug>(c: T) -> String {
    format!("{c:?}").to_lowercase()
}

/// Classify the entered values: BMI (adults, by the site's set), blood pressure (adults only),
/// glucose by the fasting state, waist (adults); any positive screening, hypertension stage 1 or
/// more, or a glucose in the diabetes range means referral.
pub fn evaluate(who: &Subject, entries: &Entries, bmi_set: BmiSet) -> Evaluation {
    let measures = &entries.measures;
    let get = |m: Measure| measures.iter().find(|(k, _)| *k == m).map(|(_, v)| *v);
    let adult = who.group.adult();
    let mut e = Evaluation::default();
    if let (Some(w), Some(h)) = (get(Measure::Weight), get(Measure::Height)) {
        e.bmi_x10 = bmi_x10(w, h);
        // Children's BMI is read against growth charts for age, not these cut-offs.
        if adult {
            e.bmi = e.bmi_x10.map(|b| classify_bmi(b, bmi_set));
        }
    }
    if let (Some(s), Some(d), true) = (get(Measure::Systolic), get(Measure::Diastolic), adult) {
        e.bp = Some(classify_bp(s, d));
    }
    if let Some(g) = get(Measure::Glucose) {
        e.fasted = Some(entries.fasted);
        e.glucose = Some(classify_glucose(g, entries.fasted));
    }
    if adult {
        e.central_obesity = get(Measure::Waist).map(|w| central_obesity(w, who.female));
    }
    for (m, v) in measures {
        let class = match m {
            Measure::Systolic | Measure::Diastolic => e.bp.map(class_code),
            Measure::Glucose => e.glucose.map(class_code),
            Measure::Waist => e.central_obesity.map(|c| if c { "central_obesity".into() } else { "normal".into() }),
            _ => None,
        };
        e.lines.push(ResultLine { code: m.code().into(), value: Some(*v), finding: None, class });
        if *m == Measure::Glucose {
            e.lines.push(ResultLine { code: FASTED.into(), value: Some(entries.fasted as i64), finding: None, class: None });
        }
    }
    if let Some(b) = e.bmi_x10 {
        e.lines.push(ResultLine { code: "bmi".into(), value: Some(b), finding: None, class: e.bmi.map(class_code) });
    }
    for (code, f) in &entries.screens {
        if *f == Finding::Positive {
            e.positives.push(code.to_string());
        }
        e.lines.push(ResultLine { code: code.to_string(), value: None, finding: Some(*f), class: None });
    }
    e.referral = !e.positives.is_empty() || follow_up_due(&e);
    e
}

/// Hypertension stage 1 or more, or the diabetes range: referral, and the follow-up screenings
/// (lipids, ECG, kidney) apply.
pub fn follow_up_due(e: &Evaluation) -> bool {
    e.bp.is_some_and(|b| b >= BpClass::Stage1) || e.glucose == Some(GlucoseClass::Diabetes)
}

#[cfg(test)]
mod tests {
    use crate::domain::ckg::*;

    fn adult(age: i32, female: bool) -> Subject {
        Subject { group: if age >= 60 { AgeGroup::Elderly } else { AgeGroup::Adult }, age, female }
    }

    fn entries(m: &[(Measure, i64)], s: &[(&str, Finding)], fasted: bool) -> Entries {
        Entries { measures: m.to_vec(), screens: s.iter().map(|(c, f)| (c.to_string(), *f)).collect(), fasted }
    }

    #[test]
    fn evaluation_classifies_and_refers() {
        let m = [(Measure::Weight, 800), (Measure::Height, 1650), (Measure::Waist, 950), (Measure::Systolic, 150), (Measure::Diastolic, 85), (Measure::Glucose, 110)];
        let e = evaluate(&adult(45, false), &entries(&m, &[("tb", Finding::Normal), ("mental", Finding::NotDone)], true), BmiSet::Kemenkes);
        assert_eq!(e.bmi_x10, Some(294));
        assert_eq!(e.bmi, Some(BmiClass::Obese));
        assert_eq!(e.bp, Some(BpClass::Stage1));
        assert_eq!(e.glucose, Some(GlucoseClass::Prediabetes), "fasted");
        assert_eq!(e.central_obesity, Some(true));
        assert!(e.referral, "hypertension stage 1 is referred");
        assert!(e.lines.iter().any(|l| l.code == FASTED && l.value == Some(1)));
        let ok = evaluate(&adult(30, true), &entries(&[(Measure::Systolic, 110), (Measure::Diastolic, 70)], &[("tb", Finding::Normal)], false), BmiSet::Kemenkes);
        assert!(!ok.referral);
        let pos = evaluate(&adult(70, true), &entries(&[], &[("skilas_vision", Finding::Positive)], false), BmiSet::Kemenkes);
        assert!(pos.referral && pos.positives == vec!["skilas_vision".to_string()]);
        assert!(e.lines.iter().any(|l| l.code == "bmi" && l.class.as_deref() == Some("obese")));
        // Back from the stored lines, the same entries.
        let back = Entries::from_lines(&e.lines);
        assert!(back.fasted && back.measures.contains(&(Measure::Glucose, 110)) && back.screens.len() == 2);
    }

    #[test]
    fn random_glucose_of_132_at_45_is_not_the_diabetes_range() {
        // The issue: a random 132 mg/dL referred a 45-year-old because it was read as fasting.
        let e = evaluate(&adult(45, false), &entries(&[(Measure::Glucose, 132)], &[], false), BmiSet::Kemenkes);
        assert_eq!((e.glucose, e.fasted, e.referral), (Some(GlucoseClass::Normal), Some(false), false));
        let e = evaluate(&adult(45, false), &entries(&[(Measure::Glucose, 132)], &[], true), BmiSet::Kemenkes);
        assert_eq!((e.glucose, e.referral), (Some(GlucoseClass::Diabetes), true));
    }

    #[test]
    fn glucose_cut_offs_on_both_sides() {
        for (v, fasting, class) in [
            (99, true, GlucoseClass::Normal),
            (100, true, GlucoseClass::Prediabetes),
            (125, true, GlucoseClass::Prediabetes),
            (126, true, GlucoseClass::Diabetes),
            (139, false, GlucoseClass::Normal),
            (140, false, GlucoseClass::Prediabetes),
            (199, false, GlucoseClass::Prediabetes),
            (200, false, GlucoseClass::Diabetes),
        ] {
            assert_eq!(classify_glucose(v, fasting), class, "{v} fasting={fasting}");
        }
    }

    #[test]
    fn blood_pressure_cut_offs_on_both_sides() {
        for (s, d, class) in [
            (119, 79, BpClass::Normal),
            (120, 79, BpClass::PreHypertension),
            (119, 80, BpClass::PreHypertension),
            (139, 89, BpClass::PreHypertension),
            (140, 89, BpClass::Stage1),
            (139, 90, BpClass::Stage1),
            (159, 99, BpClass::Stage1),
            (160, 99, BpClass::Stage2),
            (159, 100, BpClass::Stage2),
        ] {
            assert_eq!(classify_bp(s, d), class, "{s}/{d}");
        }
    }

    #[test]
    fn childrens_blood_pressure_is_recorded_not_classified() {
        let teen = Subject { group: AgeGroup::School, age: 16, female: false };
        let e = evaluate(&teen, &entries(&[(Measure::Systolic, 150), (Measure::Diastolic, 95)], &[], false), BmiSet::Kemenkes);
        assert_eq!(e.bp, None);
        assert!(!e.referral);
        assert!(e.lines.iter().any(|l| l.code == "systolic" && l.value == Some(150) && l.class.is_none()));
        let eighteen = Subject { group: AgeGroup::Adult, age: 18, female: false };
        assert_eq!(evaluate(&eighteen, &entries(&[(Measure::Systolic, 150), (Measure::Diastolic, 95)], &[], false), BmiSet::Kemenkes).bp, Some(BpClass::Stage1));
    }

    #[test]
    fn bmi_cut_offs_of_both_sets_on_both_sides() {
        use BmiClass::*;
        for (b, k) in [(184, Underweight), (185, Normal), (250, Normal), (251, Overweight), (270, Overweight), (271, Obese)] {
            assert_eq!(classify_bmi(b, BmiSet::Kemenkes), k, "Kemenkes {b}");
        }
        for (b, k) in [(184, Underweight), (185, Normal), (229, Normal), (230, Overweight), (249, Overweight), (250, Obese), (299, Obese), (300, Obese2)] {
            assert_eq!(classify_bmi(b, BmiSet::AsiaPacific), k, "Asia-Pacific {b}");
        }
        assert_eq!(bmi_x10(700, 1700), Some(242));
        assert!(central_obesity(801, true) && !central_obesity(800, true));
        assert!(central_obesity(901, false) && !central_obesity(900, false));
    }
}
