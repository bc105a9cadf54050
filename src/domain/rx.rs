//! E-prescription rules: the quantity handed out, in the unit the product is sold in, from the
//! dose, how often and for how many days; the warnings the examiner sees before sending (a known
//! allergy, the same drug twice, a daily dose above the site's limit for that drug). Doses are
//! milli-units of the drug's form (1 tablet = 1000, 5 ml = 5000), like every quantity in Loket.

/// How the drug is taken (FHIR `dosageInstruction.route`; the label's colour follows the
/// catalog's oral/external mark, `DOMAIN.md`: white oral, blue external).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    Oral,
    Topical,
    Eye,
    Ear,
    Nasal,
    Rectal,
    Vaginal,
}

impl Route {
    pub const ALL: [Route; 7] = [Route::Oral, Route::Topical, Route::Eye, Route::Ear, Route::Nasal, Route::Rectal, Route::Vaginal];

    pub fn code(self) -> &'static str {
        match self {
            Route::Oral => "oral",
            Route::Topical => "topical",
            Route::Eye => "eye",
            Route::Ear => "ear",
            Route::Nasal => "nasal",
            Route::Rectal => "rectal",
            Route::Vaginal => "vaginal",
        }
    }

    pub fn parse(s: &str) -> Option<Route> {
        Route::ALL.into_iter().find(|r| r.code() == s)
    }

    /// SNOMED CT route codes (the FHIR R4 example value set `route-codes`, which SATUSEHAT's
    /// MedicationRequest examples use).
    pub fn snomed(self) -> (&'static str, &'static str) {
        match self {
            Route::Oral => ("26643006", "Oral route"),
            Route::Topical => ("6064005", "Topical route"),
            Route::Eye => ("54485002", "Ophthalmic route"),
            Route::Ear => ("10547007", "Otic route"),
            Route::Nasal => ("46713006", "Nasal route"),
            Route::Rectal => ("37161004", "Rectal route"),
            Route::Vaginal => ("16857009", "Vaginal route"),
        }
    }
}

/// One drug as the examiner writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    /// Milli-units of the form per administration (1 tablet = 1000).
    pub dose_milli: i64,
    pub per_day: i64,
    pub days: i64,
    pub route: Route,
    /// Given after meals (printed on the label: "sesudah makan").
    pub after_meals: bool,
}

/// Why an order cannot be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderError {
    ZeroDose,
    ZeroFrequency,
    ZeroDays,
    /// More than 6 times a day, more days than the site's limit, or 100 pieces a dose: a typing
    /// mistake at a village clinic.
    TooMany,
}

pub const MAX_PER_DAY: i64 = 6;
/// The longest course by default. No rule for a village clinic was found; BPJS's referral-back
/// programme (PRB) hands out 30 days at a time, so 90 catches typing mistakes without getting in
/// the way. A setting (`clinic.max_days`).
pub const MAX_DAYS: i64 = 90;

pub fn check_order(o: &Order, max_days: i64) -> Result<(), OrderError> {
    if o.dose_milli <= 0 {
        return Err(OrderError::ZeroDose);
    }
    if o.per_day <= 0 {
        return Err(OrderError::ZeroFrequency);
    }
    if o.days <= 0 {
        return Err(OrderError::ZeroDays);
    }
    if o.per_day > MAX_PER_DAY || o.days > max_days || o.dose_milli > 100_000 {
        return Err(OrderError::TooMany);
    }
    Ok(())
}

/// The form taken for the whole course, in milli-units of the form.
pub fn course_milli(o: &Order) -> i64 {
    o.dose_milli * o.per_day * o.days
}

/// What is handed out, in milli-units of the unit sold: when one unit holds several pieces (a
/// strip of 10 tablets, a 60 ml bottle) whole units enough for the course; otherwise whole pieces
/// (nobody is handed half a tablet's box, and a course is never cut short by rounding down).
pub fn quantity_sold(o: &Order, pieces_per_unit: Option<i64>) -> i64 {
    let course = course_milli(o);
    let per_unit = pieces_per_unit.filter(|n| *n > 0).unwrap_or(1) * 1000;
    course.div_euclid(per_unit) * 1000 + if course % per_unit == 0 { 0 } else { 1000 }
}

/// What the examiner is told before sending; none of it stops the prescription (the examiner
/// decides), each is recorded with the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// The patient's record names an allergy matching this drug's generic name.
    Allergy(String),
    /// The same generic drug is already on this prescription.
    Duplicate,
    /// The daily dose is above the site's limit for this drug (milli-units a day).
    AboveMax { daily_milli: i64, max_milli: i64 },
}

impl Warning {
    pub fn code(&self) -> String {
        match self {
            Warning::Allergy(a) => format!("allergy:{a}"),
            Warning::Duplicate => "duplicate".into(),
            Warning::AboveMax { daily_milli, max_milli } => format!("above-max:{daily_milli}/{max_milli}"),
        }
    }
}

fn same_drug(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim().to_lowercase(), b.trim().to_lowercase());
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// The warnings for one line: `allergies` are the substances on the patient's record,
/// `earlier` the generic names already on the prescription, `max_daily_milli` the site's limit
/// for this drug (none: no limit).
pub fn warnings(generic: &str, o: &Order, allergies: &[String], earlier: &[String], max_daily_milli: Option<i64>) -> Vec<Warning> {
    let mut out = Vec::new();
    if let Some(a) = allergies.iter().find(|a| same_drug(a, generic)) {
        out.push(Warning::Allergy(a.clone()));
    }
    if earlier.iter().any(|e| same_drug(e, generic)) {
        out.push(Warning::Duplicate);
    }
    let daily = o.dose_milli * o.per_day;
    if let Some(max) = max_daily_milli.filter(|m| daily > *m) {
        out.push(Warning::AboveMax { daily_milli: daily, max_milli: max });
    }
    out
}

/// How much of a prescribed line is still owed after what was handed out.
pub fn still_owed(prescribed_milli: i64, dispensed_milli: i64) -> i64 {
    (prescribed_milli - dispensed_milli).max(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn order(dose: i64, per_day: i64, days: i64) -> Order {
        Order { dose_milli: dose, per_day, days, route: Route::Oral, after_meals: true }
    }

    #[test]
    fn quantity_in_the_unit_sold() {
        // 3 x 1 tablet for 5 days = 15 tablets: 15 pieces, or 2 strips of 10.
        assert_eq!(quantity_sold(&order(1000, 3, 5), None), 15_000);
        assert_eq!(quantity_sold(&order(1000, 3, 5), Some(10)), 2_000);
        // Half a tablet twice a day for 3 days = 3 tablets.
        assert_eq!(quantity_sold(&order(500, 2, 3), None), 3_000);
        // Half a tablet once a day for 3 days = 1.5 tablets: 2 handed out.
        assert_eq!(quantity_sold(&order(500, 1, 3), None), 2_000);
        // Syrup 5 ml 3 x a day for 5 days = 75 ml: 2 bottles of 60 ml.
        assert_eq!(quantity_sold(&order(5000, 3, 5), Some(60)), 2_000);
        assert_eq!(quantity_sold(&order(1000, 1, 30), Some(30)), 1_000);
    }

    #[test]
    fn zero_and_absurd_orders_are_refused() {
        assert_eq!(check_order(&order(0, 3, 5), MAX_DAYS), Err(OrderError::ZeroDose));
        assert_eq!(check_order(&order(1000, 0, 5), MAX_DAYS), Err(OrderError::ZeroFrequency));
        assert_eq!(check_order(&order(1000, 3, 0), MAX_DAYS), Err(OrderError::ZeroDays));
        assert_eq!(check_order(&order(1000, 7, 5), MAX_DAYS), Err(OrderError::TooMany));
        assert_eq!(check_order(&order(1000, 3, 91), MAX_DAYS), Err(OrderError::TooMany));
        assert_eq!(check_order(&order(1000, 3, 5), MAX_DAYS), Ok(()));
    }

    #[test]
    fn warnings_for_allergy_duplicate_and_dose() {
        let o = order(1000, 4, 3);
        let none: Vec<String> = Vec::new();
        assert!(warnings("Amoksisilin", &o, &none, &none, None).is_empty());
        let w = warnings("Amoksisilin", &o, &["amoksisilin".into()], &["Parasetamol".into(), "amoksisilin".into()], Some(3000));
        assert_eq!(w, vec![Warning::Allergy("amoksisilin".into()), Warning::Duplicate, Warning::AboveMax { daily_milli: 4000, max_milli: 3000 }]);
        assert!(warnings("Parasetamol", &order(1000, 3, 3), &none, &none, Some(3000)).is_empty());
    }

    proptest! {
        #[test]
        fn the_course_is_never_cut_short(dose in 1i64..5000, per_day in 1i64..=6, days in 1i64..=90, per_unit in proptest::option::of(1i64..100)) {
            let o = order(dose, per_day, days);
            let q = quantity_sold(&o, per_unit);
            let pieces = q / 1000 * per_unit.unwrap_or(1) * 1000;
            prop_assert!(q % 1000 == 0);
            prop_assert!(pieces >= course_milli(&o));
            prop_assert!(pieces - course_milli(&o) < per_unit.unwrap_or(1) * 1000);
        }
    }
}
