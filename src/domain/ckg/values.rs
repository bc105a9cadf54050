//! Measurements: their units and stored scale, reading what the clerk typed, and plausibility.

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


#[cfg(test)]
mod tests {
    use crate::domain::ckg::*;

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
