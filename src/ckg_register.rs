//! The CKG register the Puskesmas asks for: one line per check of a day or a month (identity, age
//! group, results, referral), as text (the screen, `loket report ckg --format text`, a printout)
//! and as CSV (`--format csv`, for the spreadsheet the Puskesmas keys into ASIK). The lines come
//! from `Store::ckg_register`; this module only lays them out.

use crate::domain::ckg::{age_years, format_value, AgeGroup, Finding, Measure, FASTED};

/// Words into lines of at most `width` characters (a printout at 80 columns).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let last = lines.last_mut().expect("one line");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            lines.push(word.to_string());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
}
use crate::store::ckg::RegisterRow;
use crate::text::Text;

/// The CSV columns, in order (stable names for scripts and spreadsheets).
pub const COLUMNS: [&str; 25] = [
    "day", "check_id", "version", "rm_number", "nik", "name", "sex", "birth_date", "age", "age_group", "weight_kg", "height_cm", "head_cm",
    "waist_cm", "bmi", "bmi_class", "systolic", "diastolic", "bp_class", "glucose_mg_dl", "fasted", "glucose_class", "positive", "not_done",
    "referral",
];

fn value(r: &RegisterRow, code: &str) -> String {
    let line = r.lines.iter().find(|l| l.code == code);
    match (line.and_then(|l| l.value), Measure::from_code(code)) {
        (Some(v), Some(m)) => format_value(m, v),
        (Some(v), None) if code == "bmi" => format_value(Measure::Weight, v),
        (Some(v), None) => v.to_string(),
        (None, _) => String::new(),
    }
}

fn class(r: &RegisterRow, code: &str) -> String {
    r.lines.iter().find(|l| l.code == code).and_then(|l| l.class.clone()).unwrap_or_default()
}

fn findings(r: &RegisterRow, f: Finding) -> Vec<String> {
    r.lines.iter().filter(|l| l.finding == Some(f)).map(|l| l.code.clone()).collect()
}

/// One register line as CSV cells (codes, not words: a spreadsheet filters on them).
pub fn cells(r: &RegisterRow) -> Vec<String> {
    let fasted = r.lines.iter().find(|l| l.code == FASTED).and_then(|l| l.value).map(|v| if v == 1 { "yes" } else { "no" }.to_string());
    vec![
        r.business_day.to_string(),
        r.check_id.to_string(),
        r.version.to_string(),
        r.rm_number.clone(),
        r.nik.clone().unwrap_or_default(),
        r.name.clone(),
        r.sex.clone(),
        r.birth_date.to_string(),
        age_years(r.birth_date, r.business_day).to_string(),
        r.age_group.clone(),
        value(r, "weight"),
        value(r, "height"),
        value(r, "head"),
        value(r, "waist"),
        value(r, "bmi"),
        class(r, "bmi"),
        value(r, "systolic"),
        value(r, "diastolic"),
        class(r, "systolic"),
        value(r, "glucose"),
        fasted.unwrap_or_default(),
        class(r, "glucose"),
        findings(r, Finding::Positive).join(";"),
        findings(r, Finding::NotDone).join(";"),
        if r.referral { "yes" } else { "no" }.into(),
    ]
}

pub fn csv(rows: &[RegisterRow]) -> String {
    let mut out = crate::domain::csv::record(&COLUMNS.map(String::from)) + "\n";
    for r in rows {
        out.push_str(&crate::domain::csv::record(&cells(r)));
        out.push('\n');
    }
    out
}

/// The register as lines of text at 80 columns, in the user's language: who, then what was
/// found (the classes that are not normal and the positive screenings) and the referral.
pub fn text_lines(t: &Text, from: &str, to: &str, rows: &[RegisterRow]) -> Vec<String> {
    let mut out = vec![t.ckg_register_title(from, to, rows.len(), rows.iter().filter(|r| r.referral).count()), String::new()];
    if rows.is_empty() {
        out.push(format!("  {}", t.report_none()));
        return out;
    }
    for r in rows {
        let group = AgeGroup::from_code(&r.age_group).map(|g| t.age_group(g)).unwrap_or("");
        let age = age_years(r.birth_date, r.business_day);
        let name: String = r.name.chars().take(24).collect();
        out.push(format!("{} {:<11} {:<24} {} {:>3} {}", r.business_day.format("%d-%m"), r.rm_number, name, r.sex, age, group));
        out.extend(wrap(&t.ckg_register_findings(&r.lines, r.referral), 74).into_iter().map(|l| format!("      {l}")));
    }
    out
}
