//! The patient form's rules: each field checked on its own, and against the NIK, so every error
//! can be shown beside its field. Nothing is saved until the whole form is valid.

use super::nik::{Nik, NikError, Sex};
use chrono::{Datelike, NaiveDate};

/// The editable facts of a patient once valid.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PatientFields {
    pub nik: Option<String>,
    pub bpjs: Option<String>,
    /// None: generate the next medical record number.
    pub rm_number: Option<String>,
    pub name: String,
    /// "L" or "P".
    pub sex: String,
    pub birth_date: Option<NaiveDate>,
    pub village: String,
    pub rt_rw: String,
    pub address: String,
    pub phone: Option<String>,
    pub kk: Option<String>,
    pub member_no: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Nik,
    Name,
    Sex,
    Birth,
    Village,
    RtRw,
    Address,
    Phone,
    Kk,
    Bpjs,
    Rm,
    Member,
}

impl Field {
    pub const ALL: [Field; 12] = [
        Field::Nik,
        Field::Name,
        Field::Sex,
        Field::Birth,
        Field::Village,
        Field::RtRw,
        Field::Address,
        Field::Phone,
        Field::Kk,
        Field::Bpjs,
        Field::Rm,
        Field::Member,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldError {
    Required,
    Nik(NikError),
    /// The birth day/month typed differ from the NIK's.
    BirthNotNik { nik_day: u8, nik_month: u8 },
    SexNotNik,
    BadDate,
    FutureBirth,
    TooOld,
    SexCode,
    Digits { want: usize, got: usize },
    NotDigits,
    Phone,
    RtRw,
    TooLong(usize),
    /// The identifier belongs to another patient (their name and record number).
    Taken { name: String, rm: String },
}

/// The form's raw text, field by field.
pub type RawForm = [(Field, String); 12];

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn digits_only(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, ' ' | '.' | '-')).collect()
}

fn exact_digits(s: &str, want: usize) -> Result<Option<String>, FieldError> {
    let Some(v) = opt(s) else { return Ok(None) };
    let d = digits_only(&v);
    if !d.chars().all(|c| c.is_ascii_digit()) {
        return Err(FieldError::NotDigits);
    }
    if d.len() != want {
        return Err(FieldError::Digits { want, got: d.len() });
    }
    Ok(Some(d))
}

/// Parse a typed date: 15-08-1985, 15/08/1985 or 1985-08-15.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    ["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y"].iter().find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

/// A phone number as stored: digits, starting 0 (a +62 or 62 prefix becomes 0).
pub fn normalize_phone(s: &str) -> Option<String> {
    let d: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    let d = if let Some(rest) = d.strip_prefix("62") { format!("0{rest}") } else { d };
    (d.starts_with('0') && (9..=14).contains(&d.len()) && !s.chars().any(|c| c.is_alphabetic())).then_some(d)
}

fn value(raw: &RawForm, f: Field) -> &str {
    raw.iter().find(|(k, _)| *k == f).map(|(_, v)| v.as_str()).unwrap_or("")
}

/// What a valid NIK fills in: sex and "DD-MM-" of the birth date (the year is the person's to say).
pub fn prefill_from_nik(nik: &str) -> Option<(&'static str, String)> {
    let n = Nik::parse(nik).ok()?;
    let sex = match n.sex() {
        Sex::Male => "L",
        Sex::Female => "P",
    };
    Some((sex, format!("{:02}-{:02}-", n.birth_day(), n.birth_month())))
}

/// Check every field; either the values to save or every error, field by field.
pub fn validate(raw: &RawForm, today: NaiveDate) -> Result<PatientFields, Vec<(Field, FieldError)>> {
    let mut errors = Vec::new();
    let mut out = PatientFields::default();
    let nik = match opt(value(raw, Field::Nik)) {
        None => None,
        Some(v) => match Nik::parse(&v) {
            Ok(n) => Some(n),
            Err(e) => {
                errors.push((Field::Nik, FieldError::Nik(e)));
                None
            }
        },
    };
    out.nik = nik.as_ref().map(|n| n.as_str().to_string());
    match opt(value(raw, Field::Name)) {
        None => errors.push((Field::Name, FieldError::Required)),
        Some(n) if n.chars().count() > 80 => errors.push((Field::Name, FieldError::TooLong(80))),
        Some(n) => out.name = n.split_whitespace().collect::<Vec<_>>().join(" "),
    }
    match value(raw, Field::Sex).trim().to_uppercase().as_str() {
        "" => errors.push((Field::Sex, FieldError::Required)),
        s @ ("L" | "P") => {
            out.sex = s.to_string();
            let female = s == "P";
            if nik.as_ref().is_some_and(|n| (n.sex() == Sex::Female) != female) {
                errors.push((Field::Sex, FieldError::SexNotNik));
            }
        }
        _ => errors.push((Field::Sex, FieldError::SexCode)),
    }
    match opt(value(raw, Field::Birth)) {
        None => errors.push((Field::Birth, FieldError::Required)),
        Some(b) => match parse_date(&b) {
            None => errors.push((Field::Birth, FieldError::BadDate)),
            Some(d) if d > today => errors.push((Field::Birth, FieldError::FutureBirth)),
            Some(d) if today.year() - d.year() > 125 => errors.push((Field::Birth, FieldError::TooOld)),
            Some(d) => {
                if let Some(n) = &nik {
                    if (n.birth_day() as u32, n.birth_month() as u32) != (d.day(), d.month()) || n.birth_year_2() as i32 != d.year() % 100 {
                        errors.push((Field::Birth, FieldError::BirthNotNik { nik_day: n.birth_day(), nik_month: n.birth_month() }));
                    }
                }
                out.birth_date = Some(d);
            }
        },
    }
    out.village = value(raw, Field::Village).trim().to_string();
    out.address = value(raw, Field::Address).trim().to_string();
    if let Some(rt) = opt(value(raw, Field::RtRw)) {
        let parts: Vec<&str> = rt.split('/').map(str::trim).collect();
        match parts.as_slice() {
            [a, b] if !a.is_empty() && !b.is_empty() && a.len() <= 3 && b.len() <= 3 && a.chars().chain(b.chars()).all(|c| c.is_ascii_digit()) => {
                out.rt_rw = format!("{a:0>3}/{b:0>3}");
            }
            _ => errors.push((Field::RtRw, FieldError::RtRw)),
        }
    }
    if let Some(p) = opt(value(raw, Field::Phone)) {
        match normalize_phone(&p) {
            Some(n) => out.phone = Some(n),
            None => errors.push((Field::Phone, FieldError::Phone)),
        }
    }
    match exact_digits(value(raw, Field::Kk), 16) {
        Ok(v) => out.kk = v,
        Err(e) => errors.push((Field::Kk, e)),
    }
    match exact_digits(value(raw, Field::Bpjs), 13) {
        Ok(v) => out.bpjs = v,
        Err(e) => errors.push((Field::Bpjs, e)),
    }
    out.rm_number = opt(value(raw, Field::Rm)).map(|r| r.to_uppercase());
    out.member_no = opt(value(raw, Field::Member)).map(|m| m.to_uppercase());
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(Field, &str)]) -> RawForm {
        Field::ALL.map(|f| (f, pairs.iter().find(|(k, _)| *k == f).map(|(_, v)| v.to_string()).unwrap_or_default()))
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn errors(pairs: &[(Field, &str)]) -> Vec<(Field, FieldError)> {
        validate(&form(pairs), today()).unwrap_err()
    }

    #[test]
    fn a_valid_form_with_a_nik() {
        let f = validate(
            &form(&[
                (Field::Nik, "3204124508850003"),
                (Field::Name, " Siti   Aminah "),
                (Field::Sex, "p"),
                (Field::Birth, "05-08-1985"),
                (Field::RtRw, "1/12"),
                (Field::Phone, "+62 812-3456-7890"),
                (Field::Bpjs, "0001234567890"),
            ]),
            today(),
        )
        .unwrap();
        assert_eq!(f.name, "Siti Aminah");
        assert_eq!(f.rt_rw, "001/012");
        assert_eq!(f.phone.as_deref(), Some("081234567890"));
        assert_eq!(f.bpjs.as_deref(), Some("0001234567890"), "leading zeros kept");
        assert_eq!(prefill_from_nik("3204124508850003"), Some(("P", "05-08-".to_string())));
    }

    #[test]
    fn each_mistake_gets_its_own_message() {
        assert!(errors(&[]).contains(&(Field::Name, FieldError::Required)));
        assert!(errors(&[(Field::Nik, "32041245088500")]).contains(&(Field::Nik, FieldError::Nik(NikError::Length(14)))));
        assert!(errors(&[(Field::Nik, "3204127308850003")]).iter().any(|(f, e)| *f == Field::Nik && matches!(e, FieldError::Nik(NikError::ImpossibleDate { .. }))));
        assert!(errors(&[(Field::Bpjs, "123456789012")]).contains(&(Field::Bpjs, FieldError::Digits { want: 13, got: 12 })));
        assert!(errors(&[(Field::Birth, "01-01-2027")]).contains(&(Field::Birth, FieldError::FutureBirth)));
        assert!(errors(&[(Field::Birth, "31-02-1990")]).contains(&(Field::Birth, FieldError::BadDate)));
        let e = errors(&[(Field::Nik, "3204124508850003"), (Field::Birth, "06-08-1985"), (Field::Sex, "L")]);
        assert!(e.contains(&(Field::Birth, FieldError::BirthNotNik { nik_day: 5, nik_month: 8 })));
        assert!(e.contains(&(Field::Sex, FieldError::SexNotNik)));
        assert!(errors(&[(Field::Phone, "12ab")]).contains(&(Field::Phone, FieldError::Phone)));
        assert!(errors(&[(Field::RtRw, "1-2")]).contains(&(Field::RtRw, FieldError::RtRw)));
        assert!(errors(&[(Field::Sex, "X")]).contains(&(Field::Sex, FieldError::SexCode)));
    }
}
