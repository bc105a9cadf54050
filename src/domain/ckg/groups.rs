//! Who has which check when: age groups, the yearly window, and each group's checklist.

use super::values::Measure;
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


#[cfg(test)]
mod tests {
    use crate::domain::ckg::*;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
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

}
