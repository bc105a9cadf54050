//! The free health check (Cek Kesehatan Gratis): who is due, the checklist for an age and sex,
//! the plausible range of each measurement, and the Indonesian cut-offs that classify results.
//! CKG is screening: a positive finding means referral, not treatment.

use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgeGroup {
    /// The first 28 days.
    Newborn,
    /// 29 days to 6 years.
    Child,
    /// 7 to 17 years (the school check; its list is a site matter, unconfirmed here).
    School,
    Adult,
    /// 60 and older: the adult set plus the elderly screen SKILAS.
    Elderly,
}

impl AgeGroup {
    pub fn code(self) -> &'static str {
        match self {
            AgeGroup::Newborn => "newborn",
            AgeGroup::Child => "child",
            AgeGroup::School => "school",
            AgeGroup::Adult => "adult",
            AgeGroup::Elderly => "elderly",
        }
    }
}

/// Whole years from birth to a day.
pub fn age_years(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

pub fn age_group(birth: NaiveDate, on: NaiveDate) -> AgeGroup {
    let days = (on - birth).num_days();
    match age_years(birth, on) {
        _ if days <= 28 => AgeGroup::Newborn,
        0..=6 => AgeGroup::Child,
        7..=17 => AgeGroup::School,
        18..=59 => AgeGroup::Adult,
        _ => AgeGroup::Elderly,
    }
}

/// When a person may have the yearly check (a site setting).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    /// From the birthday to N days after it (the original rule: 30).
    Birthday { days_after: u32 },
    /// Any time in the calendar year (allowed since March 2025).
    CalendarYear,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Eligibility {
    Due { until: NaiveDate },
    Done { on: NaiveDate },
    NotYet { from: NaiveDate },
    /// This year's window has passed without a check.
    Missed { next: NaiveDate },
}

/// The birthday in a year (29 February falls on 28 February in other years).
pub fn birthday_in(birth: NaiveDate, year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, birth.month(), birth.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, 2, 28))
        .expect("a valid date")
}

pub fn eligibility(window: Window, birth: NaiveDate, today: NaiveDate, last_check: Option<NaiveDate>) -> Eligibility {
    match window {
        Window::CalendarYear => match last_check.filter(|d| d.year() == today.year()) {
            Some(on) => Eligibility::Done { on },
            None => Eligibility::Due { until: NaiveDate::from_ymd_opt(today.year(), 12, 31).expect("valid") },
        },
        Window::Birthday { days_after } => {
            // The window that contains today, or the latest one that started before it.
            let mut start = birthday_in(birth, today.year());
            if start > today {
                let last_year = birthday_in(birth, today.year() - 1);
                if today <= last_year + chrono::Duration::days(days_after as i64) {
                    start = last_year;
                } else {
                    return match last_check.filter(|d| *d >= last_year) {
                        Some(on) => Eligibility::Done { on },
                        None => Eligibility::NotYet { from: start },
                    };
                }
            }
            let end = start + chrono::Duration::days(days_after as i64);
            if let Some(on) = last_check.filter(|d| *d >= start) {
                return Eligibility::Done { on };
            }
            if today <= end {
                Eligibility::Due { until: end }
            } else {
                Eligibility::Missed { next: birthday_in(birth, start.year() + 1) }
            }
        }
    }
}

/// A measurement, with its unit and the scale it is stored at (tenths for decimals).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    Weight,
    Height,
    Waist,
    Systolic,
    Diastolic,
    HeartRate,
    Temperature,
    Glucose,
    Cholesterol,
}

impl Measure {
    pub const ALL: [Measure; 9] = [
        Measure::Weight,
        Measure::Height,
        Measure::Waist,
        Measure::Systolic,
        Measure::Diastolic,
        Measure::HeartRate,
        Measure::Temperature,
        Measure::Glucose,
        Measure::Cholesterol,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Measure::Weight => "weight",
            Measure::Height => "height",
            Measure::Waist => "waist",
            Measure::Systolic => "systolic",
            Measure::Diastolic => "diastolic",
            Measure::HeartRate => "heart_rate",
            Measure::Temperature => "temperature",
            Measure::Glucose => "glucose",
            Measure::Cholesterol => "cholesterol",
        }
    }

    pub fn from_code(code: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.code() == code)
    }

    pub fn unit(self) -> &'static str {
        match self {
            Measure::Weight => "kg",
            Measure::Height | Measure::Waist => "cm",
            Measure::Systolic | Measure::Diastolic => "mmHg",
            Measure::HeartRate => "/min",
            Measure::Temperature => "C",
            Measure::Glucose | Measure::Cholesterol => "mg/dL",
        }
    }

    /// Stored value = shown value x 10^decimals.
    pub fn decimals(self) -> u32 {
        match self {
            Measure::Weight | Measure::Height | Measure::Waist | Measure::Temperature => 1,
            _ => 0,
        }
    }

    /// (impossible below, impossible above, unusual below, unusual above), stored scale.
    fn ranges(self) -> (i64, i64, i64, i64) {
        match self {
            Measure::Weight => (5, 3000, 300, 1500),
            Measure::Height => (300, 2500, 1000, 2000),
            Measure::Waist => (300, 2500, 500, 1500),
            Measure::Systolic => (50, 300, 80, 200),
            Measure::Diastolic => (20, 200, 40, 130),
            Measure::HeartRate => (20, 250, 40, 150),
            Measure::Temperature => (300, 450, 350, 395),
            Measure::Glucose => (10, 1000, 50, 400),
            Measure::Cholesterol => (50, 1000, 100, 400),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueCheck {
    Ok,
    /// Possible, but unusual: ask the clerk to confirm.
    Unusual,
    Impossible,
}

/// For children only the impossible limits apply (their usual values differ from adults').
pub fn check_value(m: Measure, stored: i64, adult: bool) -> ValueCheck {
    let (lo, hi, ulo, uhi) = m.ranges();
    if stored < lo || stored > hi {
        ValueCheck::Impossible
    } else if adult && (stored < ulo || stored > uhi) {
        ValueCheck::Unusual
    } else {
        ValueCheck::Ok
    }
}

/// Parse what the clerk typed ("65,5" or "65.5" kg) into the stored scale.
pub fn parse_value(m: Measure, typed: &str) -> Option<i64> {
    let t = typed.trim().replace(',', ".");
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) || whole.len() > 6 {
        return None;
    }
    let d = m.decimals() as usize;
    if frac.len() > d {
        return None;
    }
    let frac = format!("{frac:0<d$}");
    format!("{whole}{frac}").parse().ok()
}

/// Show a stored value with its decimals: 655 kg/10 -> "65.5".
pub fn format_value(m: Measure, stored: i64) -> String {
    match m.decimals() {
        0 => stored.to_string(),
        _ => format!("{}.{}", stored / 10, (stored % 10).abs()),
    }
}

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

/// One line of the checklist: a measurement to enter, or a screening with a yes/no finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Measure(Measure),
    Screen(&'static str),
}

/// Screenings shown only for hypertensive or diabetic people from 40.
pub const FOLLOW_UP_SCREENS: [&str; 3] = ["lipids", "ecg", "kidney"];

/// The checklist for a person's age group, age and sex (DOMAIN.md).
pub fn checklist(group: AgeGroup, age: i32, female: bool) -> Vec<Item> {
    use Item::{Measure as M, Screen as S};
    use Measure::*;
    match group {
        AgeGroup::Newborn => vec![M(Weight), S("shk"), S("g6pd"), S("hak"), S("pjb_kritis"), S("atresia_bilier")],
        AgeGroup::Child => {
            let mut v = vec![M(Weight), M(Height), S("development"), S("tb"), S("ears"), S("eyes"), S("teeth")];
            if age >= 2 {
                v.push(S("thalassemia"));
                v.push(M(Glucose));
            }
            v
        }
        AgeGroup::School => vec![M(Weight), M(Height), M(Systolic), M(Diastolic), S("teeth"), S("eyes"), S("ears"), S("tb"), S("mental")],
        AgeGroup::Adult | AgeGroup::Elderly => {
            let mut v = vec![
                S("smoking"),
                S("activity"),
                M(Weight),
                M(Height),
                M(Waist),
                M(Systolic),
                M(Diastolic),
                M(Glucose),
                S("teeth"),
                S("eyes"),
                S("ears"),
                S("tb"),
                S("mental"),
            ];
            if age >= 40 {
                v.push(S("copd"));
            }
            if female && age >= 30 {
                v.push(S("breast"));
                v.push(S("cervical"));
            }
            v.extend([S("lung_risk"), S("colorectal_risk"), S("hepatitis")]);
            if age >= 40 {
                v.extend(FOLLOW_UP_SCREENS.iter().map(|c| S(c)));
            }
            if group == AgeGroup::Elderly {
                v.extend(["skilas_cognition", "skilas_mobility", "skilas_nutrition", "skilas_vision", "skilas_hearing", "skilas_depression"].map(S));
            }
            v
        }
    }
}

/// Glucose is measured fasting from 40 (DOMAIN.md).
pub fn glucose_fasting(group: AgeGroup, age: i32) -> bool {
    matches!(group, AgeGroup::Adult | AgeGroup::Elderly) && age >= 40
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
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

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

    #[test]
    fn age_groups() {
        let today = d(2026, 11, 23);
        assert_eq!(age_group(d(2026, 11, 1), today), AgeGroup::Newborn);
        assert_eq!(age_group(d(2026, 10, 1), today), AgeGroup::Child);
        assert_eq!(age_group(d(2010, 1, 1), today), AgeGroup::School);
        assert_eq!(age_group(d(2008, 11, 24), today), AgeGroup::School, "17 until tomorrow");
        assert_eq!(age_group(d(2008, 11, 23), today), AgeGroup::Adult);
        assert_eq!(age_group(d(1966, 11, 23), today), AgeGroup::Elderly);
    }

    #[test]
    fn birthday_window() {
        let w = Window::Birthday { days_after: 30 };
        let birth = d(1985, 11, 10);
        assert_eq!(eligibility(w, birth, d(2026, 11, 23), None), Eligibility::Due { until: d(2026, 12, 10) });
        assert_eq!(eligibility(w, birth, d(2026, 11, 23), Some(d(2026, 11, 12))), Eligibility::Done { on: d(2026, 11, 12) });
        assert_eq!(eligibility(w, birth, d(2026, 11, 23), Some(d(2025, 11, 12))), Eligibility::Due { until: d(2026, 12, 10) });
        assert_eq!(eligibility(w, birth, d(2026, 11, 1), None), Eligibility::NotYet { from: d(2026, 11, 10) });
        assert_eq!(eligibility(w, birth, d(2026, 12, 20), None), Eligibility::Missed { next: d(2027, 11, 10) });
        // A window that crosses the new year.
        let birth = d(1990, 12, 20);
        assert_eq!(eligibility(w, birth, d(2027, 1, 5), None), Eligibility::Due { until: d(2027, 1, 19) });
        // 29 February.
        assert_eq!(birthday_in(d(2000, 2, 29), 2026), d(2026, 2, 28));
        let y = Window::CalendarYear;
        assert_eq!(eligibility(y, birth, d(2026, 3, 1), Some(d(2025, 12, 30))), Eligibility::Due { until: d(2026, 12, 31) });
        assert_eq!(eligibility(y, birth, d(2026, 3, 1), Some(d(2026, 1, 2))), Eligibility::Done { on: d(2026, 1, 2) });
    }

    #[test]
    fn checklists_follow_age_and_sex() {
        let man = checklist(AgeGroup::Adult, 35, false);
        let woman = checklist(AgeGroup::Adult, 35, true);
        assert!(!man.contains(&Item::Screen("breast")) && woman.contains(&Item::Screen("cervical")));
        assert!(!man.contains(&Item::Screen("copd")));
        assert!(checklist(AgeGroup::Adult, 45, false).contains(&Item::Screen("copd")));
        assert_eq!(man.len(), 16, "16 to enter, BMI computed; a woman of 45 has 22 with COPD, cancers and follow-ups");
        assert_eq!(checklist(AgeGroup::Adult, 45, true).len(), 22);
        let elder = checklist(AgeGroup::Elderly, 70, true);
        assert!(elder.contains(&Item::Screen("skilas_mobility")));
        assert!(checklist(AgeGroup::Newborn, 0, false).contains(&Item::Screen("g6pd")));
        assert!(!checklist(AgeGroup::Child, 1, false).contains(&Item::Screen("thalassemia")));
        assert!(checklist(AgeGroup::Child, 3, false).contains(&Item::Measure(Measure::Glucose)));
    }

    #[test]
    fn values_ranges_and_cut_offs() {
        assert_eq!(parse_value(Measure::Weight, "65,5"), Some(655));
        assert_eq!(parse_value(Measure::Weight, "65"), Some(650));
        assert_eq!(parse_value(Measure::Systolic, "120"), Some(120));
        assert_eq!(parse_value(Measure::Systolic, "12.5"), None);
        assert_eq!(parse_value(Measure::Weight, "6x"), None);
        assert_eq!(format_value(Measure::Temperature, 368), "36.8");
        assert_eq!(check_value(Measure::Systolic, 1200, true), ValueCheck::Impossible);
        assert_eq!(check_value(Measure::Systolic, 230, true), ValueCheck::Unusual);
        assert_eq!(check_value(Measure::Systolic, 130, true), ValueCheck::Ok);
        assert_eq!(bmi_x10(700, 1700), Some(242));
        assert_eq!(classify_bmi(184), BmiClass::Underweight);
        assert_eq!(classify_bmi(250), BmiClass::Normal);
        assert_eq!(classify_bmi(251), BmiClass::Overweight);
        assert_eq!(classify_bmi(271), BmiClass::Obese);
        assert_eq!(classify_bp(118, 78), BpClass::Normal);
        assert_eq!(classify_bp(118, 92), BpClass::Stage1);
        assert_eq!(classify_bp(165, 85), BpClass::Stage2);
        assert_eq!(classify_glucose(110, true), GlucoseClass::Prediabetes);
        assert_eq!(classify_glucose(110, false), GlucoseClass::Normal);
        assert_eq!(classify_glucose(200, false), GlucoseClass::Diabetes);
        assert!(central_obesity(850, true) && !central_obesity(850, false));
    }
}
