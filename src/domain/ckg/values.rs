//! Measurements: their units and stored scale, reading what the clerk typed, and plausibility
//! by age. The guide gives no plausibility ranges; these are Loket's guard rails against typing
//! mistakes, set wide around the WHO growth standards' extremes for children and the adult
//! values seen in practice (README: "Plausibility ranges"). Outside the outer range a value is
//! refused; outside the inner, usual range it needs a second confirmation.

use super::groups::AgeGroup;

/// A measurement, with its unit and the scale it is stored at (tenths for decimals).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Measure {
    Weight,
    Height,
    /// Head circumference (small children, `01-pkg-balita-as`).
    Head,
    Waist,
    Systolic,
    Diastolic,
    HeartRate,
    Temperature,
    Glucose,
    Cholesterol,
}

impl Measure {
    pub const ALL: [Measure; 10] = [
        Measure::Weight,
        Measure::Height,
        Measure::Head,
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
            Measure::Head => "head",
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
            Measure::Height | Measure::Head | Measure::Waist => "cm",
            Measure::Systolic | Measure::Diastolic => "mmHg",
            Measure::HeartRate => "/min",
            Measure::Temperature => "C",
            Measure::Glucose | Measure::Cholesterol => "mg/dL",
        }
    }

    /// Stored value = shown value x 10^decimals.
    pub fn decimals(self) -> u32 {
        match self {
            Measure::Weight | Measure::Height | Measure::Head | Measure::Waist | Measure::Temperature => 1,
            _ => 0,
        }
    }
}

/// The plausible values of a measurement for an age group, at the stored scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// Below or above these the value is refused.
    pub min: i64,
    pub max: i64,
    /// Outside these (but inside min..max) it needs a second confirmation.
    pub usual_min: i64,
    pub usual_max: i64,
}

/// The ranges by age group. Children's figures sit beyond -5/+5 SD of the WHO growth
/// standards (weight, length/height, head circumference for age) for the refusal and around
/// -3/+3 SD for "unusual"; they only catch typing mistakes, they classify nothing.
pub fn range(m: Measure, group: AgeGroup) -> Range {
    use AgeGroup::*;
    let r = |min, max, usual_min, usual_max| Range { min, max, usual_min, usual_max };
    match (m, group) {
        (Measure::Weight, Newborn) => r(4, 80, 20, 50),
        (Measure::Weight, Infant) => r(10, 200, 25, 130),
        (Measure::Weight, Child) => r(40, 500, 70, 300),
        (Measure::Weight, School) => r(100, 2000, 150, 1000),
        (Measure::Weight, Adult | Elderly) => r(200, 3000, 300, 1500),
        (Measure::Height, Newborn) => r(300, 650, 440, 560),
        (Measure::Height, Infant) => r(350, 900, 450, 800),
        (Measure::Height, Child) => r(500, 1500, 650, 1250),
        (Measure::Height, School) => r(800, 2100, 1050, 1900),
        (Measure::Height, Adult | Elderly) => r(500, 2500, 1300, 2000),
        (Measure::Head, Newborn) => r(250, 450, 310, 380),
        (Measure::Head, Infant) => r(280, 550, 340, 480),
        (Measure::Head, Child) => r(350, 600, 440, 540),
        (Measure::Head, _) => r(400, 700, 500, 600),
        (Measure::Waist, Adult | Elderly) => r(300, 2500, 500, 1500),
        (Measure::Waist, _) => r(200, 1500, 350, 1000),
        (Measure::Systolic, Adult | Elderly) => r(50, 300, 80, 200),
        (Measure::Systolic, _) => r(40, 250, 70, 140),
        (Measure::Diastolic, Adult | Elderly) => r(20, 200, 40, 130),
        (Measure::Diastolic, _) => r(20, 150, 35, 95),
        (Measure::HeartRate, Newborn | Infant) => r(60, 250, 90, 180),
        (Measure::HeartRate, Child) => r(50, 220, 70, 150),
        (Measure::HeartRate, _) => r(20, 250, 40, 150),
        (Measure::Temperature, _) => r(300, 450, 350, 395),
        (Measure::Glucose, Adult | Elderly) => r(10, 1000, 50, 400),
        (Measure::Glucose, _) => r(10, 1000, 50, 250),
        (Measure::Cholesterol, _) => r(50, 1000, 100, 400),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueCheck {
    Ok,
    /// Possible, but unusual at this age: ask the clerk to confirm.
    Unusual(Range),
    /// Impossible at this age: refused.
    Impossible(Range),
}

pub fn check_value(m: Measure, stored: i64, group: AgeGroup) -> ValueCheck {
    let r = range(m, group);
    if stored < r.min || stored > r.max {
        ValueCheck::Impossible(r)
    } else if stored < r.usual_min || stored > r.usual_max {
        ValueCheck::Unusual(r)
    } else {
        ValueCheck::Ok
    }
}

/// The measurements that are impossible for the age group (what an operation refuses).
pub fn impossible_values(measures: &[(Measure, i64)], group: AgeGroup) -> Vec<(Measure, Range)> {
    measures
        .iter()
        .filter_map(|(m, v)| match check_value(*m, *v, group) {
            ValueCheck::Impossible(r) => Some((*m, r)),
            _ => None,
        })
        .collect()
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
    fn values_are_read_with_a_comma_or_a_point() {
        assert_eq!(parse_value(Measure::Weight, "48,5"), Some(485));
        assert_eq!(parse_value(Measure::Weight, "48.5"), Some(485));
        assert_eq!(parse_value(Measure::Weight, "65"), Some(650));
        assert_eq!(parse_value(Measure::Systolic, "120"), Some(120));
        assert_eq!(parse_value(Measure::Systolic, "12.5"), None);
        assert_eq!(parse_value(Measure::Weight, "6x"), None);
        assert_eq!(format_value(Measure::Temperature, 368), "36.8");
    }

    #[test]
    fn plausibility_depends_on_age() {
        use AgeGroup::*;
        // The issue: 80 kg for a one-year-old was saved. Impossible for a child, fine for an adult.
        assert!(matches!(check_value(Measure::Weight, 800, Child), ValueCheck::Impossible(r) if r.max == 500));
        assert!(matches!(check_value(Measure::Weight, 800, Infant), ValueCheck::Impossible(_)));
        assert_eq!(check_value(Measure::Weight, 800, Adult), ValueCheck::Ok);
        assert_eq!(check_value(Measure::Height, 740, Child), ValueCheck::Ok);
        // Both sides of each boundary, for each group.
        for m in Measure::ALL {
            for g in [Newborn, Infant, Child, School, Adult, Elderly] {
                let r = range(m, g);
                assert!(r.min <= r.usual_min && r.usual_min < r.usual_max && r.usual_max <= r.max, "{m:?} {g:?}");
                assert!(matches!(check_value(m, r.min - 1, g), ValueCheck::Impossible(_)), "{m:?} {g:?} below");
                assert!(matches!(check_value(m, r.max + 1, g), ValueCheck::Impossible(_)), "{m:?} {g:?} above");
                assert_eq!(check_value(m, r.usual_min, g), ValueCheck::Ok);
                assert_eq!(check_value(m, r.usual_max, g), ValueCheck::Ok);
                if r.usual_min > r.min {
                    assert!(matches!(check_value(m, r.usual_min - 1, g), ValueCheck::Unusual(_)), "{m:?} {g:?} unusual low");
                }
                if r.usual_max < r.max {
                    assert!(matches!(check_value(m, r.usual_max + 1, g), ValueCheck::Unusual(_)), "{m:?} {g:?} unusual high");
                }
            }
        }
        // A diastolic of 1200 is impossible at every age.
        assert!(matches!(check_value(Measure::Diastolic, 1200, Adult), ValueCheck::Impossible(_)));
        assert_eq!(impossible_values(&[(Measure::Weight, 800), (Measure::Height, 740)], Child).len(), 1);
    }
}
