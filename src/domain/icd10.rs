//! The ICD-10 diagnoses a village clinic records, shipped with Loket (`data/icd10_fktp.tsv`):
//! the 144 diseases a general practitioner at a primary-care facility treats to completion
//! (KMK No. HK.02.02/MENKES/514/2015, the list BPJS uses for non-specialist referrals) and other
//! diagnoses common in Puskesmas monthly reports (LB1). Found by code (its start) or by words of
//! its name in either language.

use std::sync::OnceLock;

/// Where a diagnosis of the list comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The KMK's 144 diseases.
    Kmk,
    /// Common in the LB1 report, outside the 144.
    Lb1,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnosis {
    pub code: &'static str,
    pub name_id: &'static str,
    pub name_en: &'static str,
    pub source: Source,
    /// A lasting condition, shown on the patient card.
    pub chronic: bool,
}

const DATA: &str = include_str!("data/icd10_fktp.tsv");

fn parse(data: &'static str) -> Vec<Diagnosis> {
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut f = l.split('\t');
            let code = f.next()?;
            let name_id = f.next()?;
            let name_en = f.next()?;
            let source = if f.next()? == "kmk" { Source::Kmk } else { Source::Lb1 };
            let chronic = f.next()? == "1";
            Some(Diagnosis { code, name_id, name_en, source, chronic })
        })
        .collect()
}

/// The whole list, in the file's order.
pub fn all() -> &'static [Diagnosis] {
    static LIST: OnceLock<Vec<Diagnosis>> = OnceLock::new();
    LIST.get_or_init(|| parse(DATA))
}

/// Codes are written with or without the dot and in any case: "j06.9", "J069".
fn code_key(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_uppercase()
}

/// The diagnosis with exactly this code.
pub fn find(code: &str) -> Option<&'static Diagnosis> {
    let key = code_key(code);
    if key.is_empty() {
        return None;
    }
    all().iter().find(|d| code_key(d.code) == key)
}

/// Diagnoses whose code starts with the query, or whose name (either language) holds every word
/// of it; codes first. At most `limit`.
pub fn search(query: &str, limit: usize) -> Vec<&'static Diagnosis> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    let key = code_key(&q);
    let words: Vec<&str> = q.split_whitespace().collect();
    let looks_like_code = q.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) && q.chars().skip(1).take(2).all(|c| c.is_ascii_digit()) && q.len() >= 2;
    let mut by_code: Vec<&Diagnosis> = Vec::new();
    if looks_like_code {
        by_code = all().iter().filter(|d| code_key(d.code).starts_with(&key)).collect();
    }
    let by_name: Vec<&Diagnosis> = all()
        .iter()
        .filter(|d| {
            let hay = format!("{} {}", d.name_id, d.name_en).to_lowercase();
            !by_code.contains(d) && words.iter().all(|w| hay.contains(w))
        })
        .collect();
    by_code.into_iter().chain(by_name).take(limit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_holds_the_144_and_no_code_twice() {
        let kmk = all().iter().filter(|d| d.source == Source::Kmk).count();
        assert!(kmk >= 140, "{kmk} KMK diagnoses");
        let mut codes: Vec<&str> = all().iter().map(|d| d.code).collect();
        codes.sort();
        let n = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), n, "a code listed twice");
        // Every code is a WHO ICD-10 code shape: letter, two digits, optional .digit.
        for d in all() {
            let b = d.code.as_bytes();
            assert!(b[0].is_ascii_uppercase() && b[1].is_ascii_digit() && b[2].is_ascii_digit(), "{}", d.code);
            assert!(d.code.len() == 3 || (d.code.len() == 5 && b[3] == b'.' && b[4].is_ascii_digit()), "{}", d.code);
        }
    }

    #[test]
    fn found_by_code_with_or_without_the_dot() {
        assert_eq!(find("j06.9").map(|d| d.name_en), Some("Acute upper respiratory infection, unspecified"));
        assert_eq!(find("J069").map(|d| d.code), Some("J06.9"));
        assert_eq!(find("I10").map(|d| d.chronic), Some(true));
        assert!(find("Z99.9").is_none());
        assert!(find("").is_none());
    }

    #[test]
    fn searched_by_code_start_or_name_words() {
        let by_code: Vec<&str> = search("B35", 20).iter().map(|d| d.code).collect();
        assert!(by_code.len() >= 7 && by_code.iter().all(|c| c.starts_with("B35")), "{by_code:?}");
        let by_name: Vec<&str> = search("hipertensi", 10).iter().map(|d| d.code).collect();
        assert!(by_name.contains(&"I10"), "{by_name:?}");
        let english: Vec<&str> = search("typhoid", 10).iter().map(|d| d.code).collect();
        assert_eq!(english, vec!["A01.0"]);
        let two_words: Vec<&str> = search("tinea ped", 10).iter().map(|d| d.code).collect();
        assert_eq!(two_words, vec!["B35.3"]);
        assert!(search("  ", 10).is_empty());
        assert_eq!(search("a", 3).len(), 3);
    }
}
