//! NIK (Nomor Induk Kependudukan), the 16-digit national ID: `PPKKCC DDMMYY SSSS`.
//!
//! There is no check digit. A NIK is valid when it has 16 digits, a known province code, a real
//! date (women have 40 added to the day) and a serial other than 0000. The century is not in the
//! number, so only sex, day and month are derived; the clerk confirms the birth year.

use std::fmt;

/// Province codes in use, old Papua codes included (DOMAIN.md).
pub const PROVINCE_CODES: &[u8] = &[
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64,
    65, 71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    /// The code stored in the database and used on Indonesian forms: L (laki-laki), P (perempuan).
    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "L",
            Sex::Female => "P",
        }
    }
}

/// A valid NIK, stored as its 16 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Nik(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NikError {
    /// Not 16 digits once spaces, dots and dashes are removed (holds the digit count).
    Length(usize),
    /// A character other than a digit, space, dot or dash.
    NotDigits,
    UnknownProvince(u8),
    /// Day (after removing the 40 for women) or month is not a real date.
    ImpossibleDate { day: u8, month: u8 },
    SerialZero,
}

impl Nik {
    /// Parse a NIK typed or scanned by a person: spaces, dots and dashes are ignored.
    pub fn parse(input: &str) -> Result<Nik, NikError> {
        let mut digits = String::with_capacity(16);
        for c in input.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '.' | '-' => {}
                _ => return Err(NikError::NotDigits),
            }
        }
        if digits.len() != 16 {
            return Err(NikError::Length(digits.len()));
        }
        let b = digits.as_bytes();
        let two = |i: usize| (b[i] - b'0') * 10 + (b[i + 1] - b'0');
        let province = two(0);
        if !PROVINCE_CODES.contains(&province) {
            return Err(NikError::UnknownProvince(province));
        }
        let raw_day = two(6);
        let month = two(8);
        let day = if raw_day > 40 { raw_day - 40 } else { raw_day };
        // Any year: 29 February is possible (the century is unknown, so a leap year may apply).
        let day_field_ok = (1..=31).contains(&raw_day) || (41..=71).contains(&raw_day);
        if !day_field_ok || !(1..=12).contains(&month) || day > days_in_month_any_year(month) {
            return Err(NikError::ImpossibleDate { day: raw_day, month });
        }
        if &digits[12..] == "0000" {
            return Err(NikError::SerialZero);
        }
        Ok(Nik(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn two(&self, i: usize) -> u8 {
        let b = self.0.as_bytes();
        (b[i] - b'0') * 10 + (b[i + 1] - b'0')
    }

    pub fn province(&self) -> u8 {
        self.two(0)
    }

    pub fn sex(&self) -> Sex {
        if self.two(6) > 40 {
            Sex::Female
        } else {
            Sex::Male
        }
    }

    pub fn birth_day(&self) -> u8 {
        let d = self.two(6);
        if d > 40 {
            d - 40
        } else {
            d
        }
    }

    pub fn birth_month(&self) -> u8 {
        self.two(8)
    }

    /// The two-digit year; the century must be confirmed with the person.
    pub fn birth_year_2(&self) -> u8 {
        self.two(10)
    }

    /// Build a NIK from its parts (used by the demo seeder and tests).
    pub fn from_parts(province: u8, regency: u8, district: u8, day: u8, month: u8, yy: u8, female: bool, serial: u16) -> Result<Nik, NikError> {
        let d = if female { day + 40 } else { day };
        Nik::parse(&format!("{province:02}{regency:02}{district:02}{d:02}{month:02}{yy:02}{serial:04}"))
    }
}

impl fmt::Display for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn days_in_month_any_year(month: u8) -> u8 {
    match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn accepts_a_woman_born_on_the_29th_of_february() {
        let nik = Nik::parse("3204 1269 0292 0001").unwrap();
        assert_eq!(nik.as_str(), "3204126902920001");
        assert_eq!(nik.sex(), Sex::Female);
        assert_eq!((nik.birth_day(), nik.birth_month(), nik.birth_year_2()), (29, 2, 92));
    }

    #[test]
    fn accepts_separators() {
        assert_eq!(Nik::parse("32.04.12-150885.0003").unwrap().as_str(), "3204121508850003");
    }

    #[test]
    fn refuses_each_kind_of_error() {
        assert_eq!(Nik::parse("320412150885000"), Err(NikError::Length(15)));
        assert_eq!(Nik::parse("32041215088500031"), Err(NikError::Length(17)));
        assert_eq!(Nik::parse("32041215088500a3"), Err(NikError::NotDigits));
        assert_eq!(Nik::parse("2004121508850003"), Err(NikError::UnknownProvince(20)));
        assert_eq!(Nik::parse("3204123208850003"), Err(NikError::ImpossibleDate { day: 32, month: 8 }));
        assert_eq!(Nik::parse("3204120013850003"), Err(NikError::ImpossibleDate { day: 0, month: 13 }));
        assert_eq!(Nik::parse("3204127202850003"), Err(NikError::ImpossibleDate { day: 72, month: 2 }));
        assert_eq!(Nik::parse("3204123104850003"), Err(NikError::ImpossibleDate { day: 31, month: 4 }));
        assert_eq!(Nik::parse("3204124000850003"), Err(NikError::ImpossibleDate { day: 40, month: 0 }));
        assert_eq!(Nik::parse("3204121508850000"), Err(NikError::SerialZero));
    }

    fn real_date() -> impl Strategy<Value = (u8, u8)> {
        (1u8..=12).prop_flat_map(|m| (1u8..=days_in_month_any_year(m), Just(m)))
    }

    proptest! {
        #[test]
        fn every_valid_nik_round_trips(p in proptest::sample::select(PROVINCE_CODES), k in 0u8..100, c in 0u8..100,
                                       (d, m) in real_date(), yy in 0u8..100, female: bool, serial in 1u16..10000) {
            let nik = Nik::from_parts(p, k, c, d, m, yy, female, serial).unwrap();
            prop_assert_eq!(nik.birth_day(), d);
            prop_assert_eq!(nik.birth_month(), m);
            prop_assert_eq!(nik.birth_year_2(), yy);
            prop_assert_eq!(nik.sex() == Sex::Female, female);
            prop_assert_eq!(nik.province(), p);
            // Re-parsing the stored form, with separators, gives the same NIK.
            let spaced = format!("{} {} {}", &nik.as_str()[..6], &nik.as_str()[6..12], &nik.as_str()[12..]);
            prop_assert_eq!(Nik::parse(&spaced).unwrap(), nik);
        }

        #[test]
        fn parse_never_panics_and_accepts_only_16_digits(s in "[0-9 .a-]{0,24}") {
            if let Ok(nik) = Nik::parse(&s) {
                prop_assert_eq!(nik.as_str().len(), 16);
                prop_assert!(nik.as_str().bytes().all(|b| b.is_ascii_digit()));
                prop_assert!(&nik.as_str()[12..] != "0000");
            }
        }
    }
}
