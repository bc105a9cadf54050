//! Who has which check when: age groups, the yearly window, and each group's checklist.

use super::values::Measure;
use chrono::{Datelike, NaiveDate};

/// The guide's age groups. Sources (mlengse/ilp-docs): `docs/PKG/01-pkg-ultah/00-pkg-bbl`
/// (newborn), `01-pkg-balita-as` (1-6 years), `02-pkg-dewasa/*` (18-59), `03-pkg-lansia.mdx`
/// (60+); 7-17 are checked at school each school year (the PKG school programme).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgeGroup {
    /// The first 28 days; the check itself is done at about 2 days old, after 24 hours
    /// (`00-pkg-bbl`).
    Newborn,
    /// 29 days to 11 months: no birthday check in the guide (growth is followed at the Posyandu).
    Infant,
    /// 1 to 6 years (`01-pkg-balita-as`).
    Child,
    /// 7 to 17 years: the school check, once per school year.
    School,
    /// 18 to 59 years (`02-pkg-dewasa/*`).
    Adult,
    /// 60 and older: the adult set plus the elderly screen SKILAS (`03-pkg-lansia.mdx`).
    Elderly,
}

impl AgeGroup {
    pub const ALL: [AgeGroup; 6] = [AgeGroup::Newborn, AgeGroup::Infant, AgeGroup::Child, AgeGroup::School, AgeGroup::Adult, AgeGroup::Elderly];

    pub fn code(self) -> &'static str {
        match self {
            AgeGroup::Newborn => "newborn",
            AgeGroup::Infant => "infant",
            AgeGroup::Child => "child",
            AgeGroup::School => "school",
            AgeGroup::Adult => "adult",
            AgeGroup::Elderly => "elderly",
        }
    }

    pub fn from_code(code: &str) -> Option<AgeGroup> {
        AgeGroup::ALL.into_iter().find(|g| g.code() == code)
    }

    /// 18 and older: adult cut-offs apply.
    pub fn adult(self) -> bool {
        matches!(self, AgeGroup::Adult | AgeGroup::Elderly)
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
        0 => AgeGroup::Infant,
        1..=6 => AgeGroup::Child,
        7..=17 => AgeGroup::School,
        18..=59 => AgeGroup::Adult,
        _ => AgeGroup::Elderly,
    }
}

/// Who is checked: the age group, whole years and sex, as the rules need them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject {
    pub group: AgeGroup,
    pub age: i32,
    pub female: bool,
}

impl Subject {
    pub fn of(birth: NaiveDate, female: bool, on: NaiveDate) -> Subject {
        Subject { group: age_group(birth, on), age: age_years(birth, on), female }
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
    /// Not a CKG age (infants 1-11 months); the first check is from this day.
    NotCovered { from: NaiveDate },
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

/// Whether the check is due today for this person: the newborn check from 24 hours old
/// through day 28 (`00-pkg-bbl`); none for infants 1-11 months; ages 7-17 once per school year
/// (from 1 July, the Indonesian school year); everyone else by the site's window.
pub fn due(window: Window, birth: NaiveDate, today: NaiveDate, last_check: Option<NaiveDate>) -> Eligibility {
    match age_group(birth, today) {
        AgeGroup::Newborn => match last_check.filter(|d| *d >= birth) {
            Some(on) => Eligibility::Done { on },
            None if today <= birth => Eligibility::NotYet { from: birth + chrono::Duration::days(1) },
            None => Eligibility::Due { until: birth + chrono::Duration::days(28) },
        },
        AgeGroup::Infant => Eligibility::NotCovered { from: birthday_in(birth, birth.year() + 1) },
        AgeGroup::School => {
            let start = school_year_start(today);
            match last_check.filter(|d| *d >= start) {
                Some(on) => Eligibility::Done { on },
                None => Eligibility::Due { until: NaiveDate::from_ymd_opt(start.year() + 1, 6, 30).expect("valid") },
            }
        }
        _ => eligibility(window, birth, today, last_check),
    }
}

/// The first day of the school year containing `day` (1 July).
pub fn school_year_start(day: NaiveDate) -> NaiveDate {
    let year = if day.month() >= 7 { day.year() } else { day.year() - 1 };
    NaiveDate::from_ymd_opt(year, 7, 1).expect("valid")
}

/// One line of the checklist: a measurement to enter, whether the person fasted before the
/// glucose test, or a screening with a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Measure(Measure),
    /// Asked right after the glucose: the finger-prick is done whatever the fasting state, so it
    /// is recorded (default: not fasted).
    Fasted,
    Screen(&'static str),
}

/// Screenings shown only for hypertensive or diabetic people from 40 (`02-pkg-dewasa/*`).
pub const FOLLOW_UP_SCREENS: [&str; 3] = ["lipids", "ecg", "kidney"];

/// The checklist for a person's age group, age and sex.
pub fn checklist(group: AgeGroup, age: i32, female: bool) -> Vec<Item> {
    use Item::{Fasted, Measure as M, Screen as S};
    use Measure::*;
    match group {
        // docs/PKG/01-pkg-ultah/00-pkg-bbl: the five newborn screenings, and the weight.
        AgeGroup::Newborn => vec![M(Weight), S("shk"), S("g6pd"), S("hak"), S("pjb_kritis"), S("atresia_bilier")],
        // No birthday check for infants 1-11 months (the guide starts again at 1 year).
        AgeGroup::Infant => vec![],
        // docs/PKG/01-pkg-ultah/01-pkg-balita-as: growth (weight, height, head circumference),
        // development, TB, ears, eyes, teeth; thalassemia and blood glucose from 2 years.
        AgeGroup::Child => {
            let mut v = vec![M(Weight), M(Height), M(Head), S("development"), S("tb"), S("ears"), S("eyes"), S("teeth")];
            if age >= 2 {
                v.extend([S("thalassemia"), M(Glucose), Fasted]);
            }
            v
        }
        // The school check (7-17). Blood pressure is recorded, not classified with adult cut-offs.
        AgeGroup::School => vec![M(Weight), M(Height), M(Systolic), M(Diastolic), S("teeth"), S("eyes"), S("ears"), S("tb"), S("mental")],
        // docs/PKG/01-pkg-ultah/02-pkg-dewasa/*, docs/PKG/01-pkg-ultah/03-pkg-lansia.mdx.
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
                Fasted,
                S("teeth"),
                S("eyes"),
                S("ears"),
                S("tb"),
                S("mental"),
            ];
            if age >= 40 {
                v.push(S("copd"));
            }
            // Breast and cervical cancer: women from 30.
            if female && age >= 30 {
                v.push(S("breast"));
                v.push(S("cervical"));
            }
            // Lung and colorectal cancer risk: men from 45 (02-pkg-dewasa).
            if !female && age >= 45 {
                v.extend([S("lung_risk"), S("colorectal_risk")]);
            }
            v.push(S("hepatitis"));
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
        assert_eq!(age_group(d(2026, 10, 26), today), AgeGroup::Newborn, "28 days");
        assert_eq!(age_group(d(2026, 10, 25), today), AgeGroup::Infant, "29 days");
        assert_eq!(age_group(d(2025, 11, 24), today), AgeGroup::Infant, "11 months");
        assert_eq!(age_group(d(2025, 11, 23), today), AgeGroup::Child, "1 year");
        assert_eq!(age_group(d(2019, 11, 24), today), AgeGroup::Child, "6 until tomorrow");
        assert_eq!(age_group(d(2019, 11, 23), today), AgeGroup::School);
        assert_eq!(age_group(d(2008, 11, 24), today), AgeGroup::School, "17 until tomorrow");
        assert_eq!(age_group(d(2008, 11, 23), today), AgeGroup::Adult);
        assert_eq!(age_group(d(1966, 11, 24), today), AgeGroup::Adult, "59 until tomorrow");
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
    fn newborns_infants_and_school_children_have_their_own_windows() {
        let w = Window::Birthday { days_after: 30 };
        let birth = d(2026, 11, 20);
        assert_eq!(due(w, birth, d(2026, 11, 20), None), Eligibility::NotYet { from: d(2026, 11, 21) }, "before 24 hours");
        assert_eq!(due(w, birth, d(2026, 11, 22), None), Eligibility::Due { until: d(2026, 12, 18) }, "at about 2 days");
        assert_eq!(due(w, birth, d(2026, 11, 25), Some(d(2026, 11, 22))), Eligibility::Done { on: d(2026, 11, 22) });
        assert_eq!(due(w, d(2026, 6, 1), d(2026, 11, 23), None), Eligibility::NotCovered { from: d(2027, 6, 1) }, "an infant");
        // 7-17: once per school year (July to June), whatever the birthday.
        let pupil = d(2015, 3, 3);
        assert_eq!(due(w, pupil, d(2026, 11, 23), None), Eligibility::Due { until: d(2027, 6, 30) });
        assert_eq!(due(w, pupil, d(2026, 11, 23), Some(d(2026, 7, 1))), Eligibility::Done { on: d(2026, 7, 1) });
        assert_eq!(due(w, pupil, d(2026, 11, 23), Some(d(2026, 6, 30))), Eligibility::Due { until: d(2027, 6, 30) }, "last school year");
        assert_eq!(due(w, pupil, d(2027, 2, 1), Some(d(2026, 9, 1))), Eligibility::Done { on: d(2026, 9, 1) });
        // Adults follow the site's window.
        assert_eq!(due(w, d(1985, 11, 10), d(2026, 11, 23), None), Eligibility::Due { until: d(2026, 12, 10) });
    }

    #[test]
    fn each_age_group_has_the_guides_checklist() {
        use Item::{Fasted, Measure as M, Screen as S};
        // Newborn (00-pkg-bbl).
        assert_eq!(checklist(AgeGroup::Newborn, 0, false), vec![M(Measure::Weight), S("shk"), S("g6pd"), S("hak"), S("pjb_kritis"), S("atresia_bilier")]);
        // Infants 1-11 months: none.
        assert!(checklist(AgeGroup::Infant, 0, true).is_empty());
        // 1-6 (01-pkg-balita-as): head circumference; thalassemia and glucose from 2.
        let one = checklist(AgeGroup::Child, 1, false);
        assert!(one.contains(&M(Measure::Head)) && one.contains(&S("development")));
        assert!(!one.contains(&S("thalassemia")) && !one.contains(&M(Measure::Glucose)));
        let two = checklist(AgeGroup::Child, 2, false);
        assert!(two.contains(&S("thalassemia")) && two.contains(&M(Measure::Glucose)) && two.contains(&Fasted));
        // School 7-17: blood pressure recorded, no adult screenings.
        let pupil = checklist(AgeGroup::School, 12, true);
        assert!(pupil.contains(&M(Measure::Systolic)) && !pupil.contains(&S("smoking")) && !pupil.contains(&M(Measure::Head)));
        // Adults: sex and age.
        let man = checklist(AgeGroup::Adult, 35, false);
        let woman = checklist(AgeGroup::Adult, 35, true);
        assert!(!man.contains(&S("breast")) && woman.contains(&S("cervical")));
        assert!(!checklist(AgeGroup::Adult, 29, true).contains(&S("cervical")), "women from 30");
        assert!(!man.contains(&S("copd")) && !checklist(AgeGroup::Adult, 39, false).contains(&S("copd")));
        assert!(checklist(AgeGroup::Adult, 40, false).contains(&S("copd")));
        // Lung and colorectal cancer risk: men from 45.
        assert!(!checklist(AgeGroup::Adult, 44, false).contains(&S("lung_risk")));
        assert!(checklist(AgeGroup::Adult, 45, false).contains(&S("lung_risk")) && checklist(AgeGroup::Adult, 45, false).contains(&S("colorectal_risk")));
        assert!(!checklist(AgeGroup::Adult, 50, true).contains(&S("lung_risk")));
        assert_eq!(man.len(), 15, "14 to enter plus the fasting question; BMI computed");
        assert_eq!(checklist(AgeGroup::Adult, 45, true).len(), 21);
        assert_eq!(checklist(AgeGroup::Adult, 45, false).len(), 21);
        // 60+: SKILAS.
        let elder = checklist(AgeGroup::Elderly, 70, true);
        assert!(elder.contains(&S("skilas_mobility")) && elder.contains(&S("skilas_depression")));
        assert!(!checklist(AgeGroup::Adult, 59, true).contains(&S("skilas_mobility")));
    }
}
