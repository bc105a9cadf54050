//! The cut-offs that classify results, and the evaluation of a whole check (referral or not).

use super::groups::{glucose_fasting, AgeGroup};
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
}

/// Kemenkes adult cut-offs: < 18.5, 18.5-25.0, > 25.0-27.0, > 27.0.
pub fn classify_bmi(bmi_x10: i64) -> BmiClass {
    match bmi_x10 {
        i64::MIN..=184 => BmiClass::Underweight,
        185..=250 => BmiClass::Normal,
        251..=270 => BmiClass::Overweight,
        _ => BmiClass::Obese,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum BpClass {
    Normal,
    PreHypertension,
    Stage1,
    Stage2,
}

/// The higher class of the two readings decides.
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

/// Fasting: < 100, 100-125, >= 126 mg/dL; random: < 140, 140-199, >= 200 mg/dL.
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
}

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
    pub central_obesity: Option<bool>,
    /// Screenings found positive.
    pub positives: Vec<String>,
    /// A positive finding: refer to the Puskesmas (CKG screens, it does not treat).
    pub referral: bool,
}

fn class_code<T: std::fmt::Debug>(c: T) -> String {
    format!("{c:?}").to_lowercase()
}

/// Classify the entered values: BMI from weight and height, blood pressure, glucose (fasting
/// from 40), waist; any positive screening or hypertension/diabetes range means referral.
pub fn evaluate(measures: &[(Measure, i64)], screens: &[(&str, Finding)], group: AgeGroup, age: i32, female: bool) -> Evaluation {
    let get = |m: Measure| measures.iter().find(|(k, _)| *k == m).map(|(_, v)| *v);
    let adult = matches!(group, AgeGroup::Adult | AgeGroup::Elderly);
    let mut e = Evaluation::default();
    if let (Some(w), Some(h)) = (get(Measure::Weight), get(Measure::Height)) {
        e.bmi_x10 = bmi_x10(w, h);
        if adult {
            e.bmi = e.bmi_x10.map(classify_bmi);
        }
    }
    if let (Some(s), Some(d)) = (get(Measure::Systolic), get(Measure::Diastolic)) {
        e.bp = Some(classify_bp(s, d));
    }
    if let Some(g) = get(Measure::Glucose) {
        e.glucose = Some(classify_glucose(g, glucose_fasting(group, age)));
    }
    if adult {
        e.central_obesity = get(Measure::Waist).map(|w| central_obesity(w, female));
    }
    for (m, v) in measures {
        let class = match m {
            Measure::Systolic | Measure::Diastolic => e.bp.map(class_code),
            Measure::Glucose => e.glucose.map(class_code),
            Measure::Waist => e.central_obesity.map(|c| if c { "central_obesity".into() } else { "normal".into() }),
            _ => None,
        };
        e.lines.push(ResultLine { code: m.code().into(), value: Some(*v), finding: None, class });
    }
    if let Some(b) = e.bmi_x10 {
        e.lines.push(ResultLine { code: "bmi".into(), value: Some(b), finding: None, class: e.bmi.map(class_code) });
    }
    for (code, f) in screens {
        if *f == Finding::Positive {
            e.positives.push(code.to_string());
        }
        e.lines.push(ResultLine { code: code.to_string(), value: None, finding: Some(*f), class: None });
    }
    e.referral = !e.positives.is_empty()
        || e.bp.is_some_and(|b| b >= BpClass::Stage1)
        || e.glucose == Some(GlucoseClass::Diabetes);
    e
}


#[cfg(test)]
mod tests {
    use crate::domain::ckg::*;

    #[test]
    fn evaluation_classifies_and_refers() {
        let m = [(Measure::Weight, 800), (Measure::Height, 1650), (Measure::Waist, 950), (Measure::Systolic, 150), (Measure::Diastolic, 85), (Measure::Glucose, 110)];
        let e = evaluate(&m, &[("tb", Finding::Normal), ("mental", Finding::NotDone)], AgeGroup::Adult, 45, false);
        assert_eq!(e.bmi_x10, Some(294));
        assert_eq!(e.bmi, Some(BmiClass::Obese));
        assert_eq!(e.bp, Some(BpClass::Stage1));
        assert_eq!(e.glucose, Some(GlucoseClass::Prediabetes), "fasting from 40");
        assert_eq!(e.central_obesity, Some(true));
        assert!(e.referral, "hypertension stage 1 is referred");
        let ok = evaluate(&[(Measure::Systolic, 110), (Measure::Diastolic, 70)], &[("tb", Finding::Normal)], AgeGroup::Adult, 30, true);
        assert!(!ok.referral);
        let pos = evaluate(&[], &[("skilas_vision", Finding::Positive)], AgeGroup::Elderly, 70, true);
        assert!(pos.referral && pos.positives == vec!["skilas_vision".to_string()]);
        assert!(e.lines.iter().any(|l| l.code == "bmi" && l.class.as_deref() == Some("obese")));
    }

}
