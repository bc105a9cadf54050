//! Reading what a clerk types into the patient search box: identifiers (NIK, BPJS, phone, record
//! number), a name, and optionally a birth date ("15-08-1985"), a birth year ("1985") or an age
//! ("45th").

use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchQuery {
    /// Digits typed alone (spaces, dots, dashes and a leading + ignored): NIK, BPJS, phone, RM.
    pub digits: Option<String>,
    /// A record number such as "RM-000123".
    pub rm: Option<String>,
    pub name: Option<String>,
    pub born_on: Option<NaiveDate>,
    pub born_in: Option<i32>,
    pub age: Option<i32>,
    /// Whether the name's last word is finished (something was typed after it): then every
    /// word is searched whole; otherwise the last one is still being typed and is a prefix.
    pub name_complete: bool,
}

impl SearchQuery {
    pub fn is_empty(&self) -> bool {
        *self == SearchQuery::default()
    }
}

/// The least a search needs before it runs: one letter matches a good part of any village (at
/// a million patients a list the clerk cannot use, and the screen redrawn for nothing), so the
/// screen asks for one more instead.
pub const MIN_CHARS: usize = 2;

/// Whether the typed text is too short to search (fewer than [`MIN_CHARS`] characters, spaces
/// not counted; nothing typed at all is not "too short").
pub fn too_short(text: &str) -> bool {
    let n = text.chars().filter(|c| !c.is_whitespace()).count();
    n > 0 && n < MIN_CHARS
}

fn parse_date(t: &str) -> Option<NaiveDate> {
    ["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y"].iter().find_map(|f| NaiveDate::parse_from_str(t, f).ok())
}

fn parse_age(t: &str) -> Option<i32> {
    let lower = t.to_lowercase();
    let digits: String = lower.chars().take_while(|c| c.is_ascii_digit()).collect();
    let rest = &lower[digits.len()..];
    if digits.is_empty() || digits.len() > 3 || !matches!(rest, "th" | "thn" | "tahun" | "y" | "yr" | "yrs") {
        return None;
    }
    digits.parse().ok()
}

pub fn parse_query(text: &str) -> SearchQuery {
    let ends_with_space = text.ends_with(char::is_whitespace);
    let text = text.trim();
    let mut q = SearchQuery::default();
    if text.is_empty() {
        return q;
    }
    let only_number = text.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '+')) && text.chars().any(|c| c.is_ascii_digit());
    if only_number && parse_date(text).is_none() {
        q.digits = Some(text.chars().filter(|c| c.is_ascii_digit()).collect());
        return q;
    }
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let mut name = Vec::new();
    let mut last_name_token = None;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        let next_is_years = tokens.get(i + 1).is_some_and(|n| matches!(n.to_lowercase().as_str(), "th" | "thn" | "tahun"));
        if t.to_uppercase().starts_with("RM") && t.chars().any(|c| c.is_ascii_digit()) {
            q.rm = Some(t.to_uppercase());
        } else if let Some(d) = parse_date(t) {
            q.born_on = Some(d);
        } else if let Some(a) = parse_age(t) {
            q.age = Some(a);
        } else if next_is_years && t.chars().all(|c| c.is_ascii_digit()) && t.len() <= 3 {
            q.age = t.parse().ok();
            i += 1;
        } else if t.len() == 4 && t.chars().all(|c| c.is_ascii_digit()) {
            let y: i32 = t.parse().unwrap_or(0);
            if (1900..=2100).contains(&y) {
                q.born_in = Some(y);
            }
        } else if t.chars().any(|c| c.is_alphabetic()) {
            name.push(t);
            last_name_token = Some(i);
        }
        i += 1;
    }
    if !name.is_empty() {
        q.name = Some(name.join(" "));
        q.name_complete = ends_with_space || last_name_token.is_some_and(|i| i + 1 < tokens.len());
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_character_is_too_short_to_search_two_are_not() {
        for t in ["s", " s ", "3", "S"] {
            assert!(too_short(t), "{t:?}");
        }
        for t in ["", "   ", "si", "32", "s i"] {
            assert!(!too_short(t), "{t:?}");
        }
    }

    #[test]
    fn a_name_word_is_finished_once_something_follows_it() {
        assert!(!parse_query("siti amin").name_complete, "the last word is still being typed");
        assert!(parse_query("siti aminah ").name_complete);
        assert!(parse_query("budi santoso 1980").name_complete);
        assert!(parse_query("budi santoso 19").name_complete, "digits after the name finish it");
    }

    #[test]
    fn reads_what_clerks_type() {
        assert_eq!(parse_query("3204 1245 0885 0003").digits.as_deref(), Some("3204124508850003"));
        assert_eq!(parse_query("+62 812-3456").digits.as_deref(), Some("628123456"));
        assert_eq!(parse_query("rm-000123").rm.as_deref(), Some("RM-000123"));
        let q = parse_query("siti aminah 05-08-1985");
        assert_eq!((q.name.as_deref(), q.born_on), (Some("siti aminah"), NaiveDate::from_ymd_opt(1985, 8, 5)));
        let q = parse_query("budi 1980");
        assert_eq!((q.name.as_deref(), q.born_in), (Some("budi"), Some(1980)));
        assert_eq!(parse_query("budi 45th").age, Some(45));
        assert_eq!(parse_query("budi 45 tahun").age, Some(45));
        assert_eq!(parse_query("05-08-1985").born_on, NaiveDate::from_ymd_opt(1985, 8, 5));
        assert!(parse_query("   ").is_empty());
    }
}
