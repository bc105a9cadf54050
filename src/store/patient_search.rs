//! Finding people as the clerk types: identifiers by exact value or prefix, names through the
//! full-text index (finished words whole, the word being typed as a prefix, the birth year
//! inside the index), and the birthdays of the coming days.

use super::patients::{patient_from_row, Hit, MatchKind, Patient, SearchQuery, COLUMNS};
use super::{Result, Store};
use crate::domain::names::normalize_name_typed;
use chrono::{Datelike, NaiveDate};
use rusqlite::params;

/// The FTS5 query for a normalised name: every finished word whole (`"siti"`), the word still
/// being typed as a prefix (`"amin"*`), and the birth years allowed as their own tokens. A whole
/// word reads one posting list; a prefix merges every word that starts so, which for common
/// names is what made search grow with the village.
/// Words of one to three letters stay prefixes even when finished: the index keeps those
/// prefixes ready (`prefix='1 2 3'`), so they cost one posting list too. With `whole` false every
/// word is a prefix (the fallback for a shortened word).
fn fts_query(name_key: &str, complete: bool, birth: Option<(NaiveDate, NaiveDate)>, whole: bool) -> Option<String> {
    let words: Vec<&str> = name_key.split(' ').filter(|w| !w.is_empty()).collect();
    let n = words.len();
    // One birth year: a finished word is searched joined to it ("budi1985"), a few people.
    let year = birth.filter(|(from, to)| from.year() == to.year()).map(|(from, _)| from.year());
    let mut joined = false;
    let mut term = |i: usize, w: &str| {
        let finished = i + 1 < n || complete;
        if whole && finished && w.chars().count() > 3 {
            match year {
                Some(y) => {
                    joined = true;
                    format!("\"{w}{y}\"")
                }
                None => format!("\"{w}\""),
            }
        } else {
            format!("\"{w}\"*")
        }
    };
    let mut terms: Vec<String> = words.iter().enumerate().map(|(i, w)| term(i, w)).collect();
    if terms.is_empty() {
        return None;
    }
    if joined {
        return Some(terms.join(" AND "));
    }
    if let Some((from, to)) = birth {
        let years: Vec<String> = (from.year()..=to.year()).take(3).map(|y| format!("\"y{y}\"")).collect();
        if to.year() - from.year() < 3 {
            terms.push(format!("({})", years.join(" OR ")));
        }
    }
    Some(terms.join(" AND "))
}

impl Store {
    /// Search as you type. Identifiers match exactly or by prefix (NIK, BPJS, phone, record
    /// number); names through the normalised index; exact identifier matches come first.
    pub fn search_patients(&self, q: &SearchQuery, today: NaiveDate, limit: usize) -> Result<Vec<Hit>> {
        let mut hits: Vec<Hit> = Vec::new();
        let conn = self.conn();
        let mut push = |p: Patient, m: MatchKind, hits: &mut Vec<Hit>| {
            if p.merged_into.is_none() && !hits.iter().any(|h| h.patient.id == p.id) {
                hits.push(Hit { patient: p, matched: m });
            }
        };
        let by_prefix = |column: &str, value: &str, hits: &mut Vec<Hit>, push: &mut dyn FnMut(Patient, MatchKind, &mut Vec<Hit>)| -> Result<()> {
            let upper = format!("{value}\u{10FFFF}");
            let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM patients WHERE {column} >= ?1 AND {column} < ?2 ORDER BY {column} LIMIT ?3"))?;
            let rows = stmt.query_map(params![value, upper, limit as i64], patient_from_row)?;
            for p in rows {
                let p = p?;
                let exact = match column {
                    "nik" => p.nik.as_deref() == Some(value),
                    "bpjs" => p.bpjs.as_deref() == Some(value),
                    "phone" => p.phone.as_deref() == Some(value),
                    _ => p.rm_number == value,
                };
                push(p, if exact { MatchKind::ExactId } else { MatchKind::IdPrefix }, hits);
            }
            Ok(())
        };
        if let Some(d) = &q.digits {
            let phone = if let Some(rest) = d.strip_prefix("62") { format!("0{rest}") } else { d.clone() };
            for (column, value) in [("nik", d.as_str()), ("bpjs", d.as_str()), ("phone", phone.as_str()), ("rm_number", d.as_str())] {
                by_prefix(column, value, &mut hits, &mut push)?;
            }
        }
        if let Some(rm) = &q.rm {
            by_prefix("rm_number", rm, &mut hits, &mut push)?;
        }
        let birth_range = match (q.born_on, q.born_in, q.age) {
            (Some(d), _, _) => Some((d, d)),
            (None, Some(y), _) => NaiveDate::from_ymd_opt(y, 1, 1).zip(NaiveDate::from_ymd_opt(y, 12, 31)),
            (None, None, Some(a)) => {
                // Born between (today - a - 1 years, today - a years].
                let to = crate::domain::ckg::birthday_in(today, chrono::Datelike::year(&today) - a);
                let from = crate::domain::ckg::birthday_in(today, chrono::Datelike::year(&today) - a - 1) + chrono::Duration::days(1);
                Some((from, to))
            }
            _ => None,
        };
        if let Some(key) = q.name.as_deref().map(|n| normalize_name_typed(n, q.name_complete)).filter(|k| !k.trim().is_empty()) {
            let (from, to) = birth_range.map(|(a, b)| (a.to_string(), b.to_string())).unwrap_or(("0000".into(), "9999".into()));
            let mut stmt = conn.prepare_cached(&format!(
                "SELECT {} FROM patient_names f JOIN patients p ON p.id = f.rowid
                 WHERE patient_names MATCH ?1 AND p.birth_date BETWEEN ?2 AND ?3 AND p.merged_into IS NULL LIMIT ?4",
                COLUMNS.split(", ").map(|c| format!("p.{c}")).collect::<Vec<_>>().join(", ")
            ))?;
            // Whole words first (fast for common names); when that finds nobody, the clerk may
            // have typed a shortened first word ("muham ali"): every word as a prefix then.
            for whole in [true, false] {
                let Some(match_expr) = fts_query(&key, q.name_complete, birth_range, whole) else { break };
                let before = hits.len();
                for p in stmt.query_map(params![match_expr, from, to, limit as i64], patient_from_row)? {
                    push(p?, MatchKind::Name, &mut hits);
                }
                if hits.len() > before {
                    break;
                }
            }
        } else if q.digits.is_none() && q.rm.is_none() {
            if let Some((from, to)) = birth_range {
                let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM patients WHERE birth_date BETWEEN ?1 AND ?2 AND merged_into IS NULL LIMIT ?3"))?;
                for p in stmt.query_map(params![from.to_string(), to.to_string(), limit as i64], patient_from_row)? {
                    push(p?, MatchKind::Name, &mut hits);
                }
            }
        }
        hits.sort_by(|a, b| a.matched.cmp(&b.matched).then_with(|| a.patient.name.cmp(&b.patient.name)));
        hits.truncate(limit);
        Ok(hits)
    }

    /// Patients whose birthday falls between two days of the year (inclusive), for the CKG
    /// birthday list; at most `limit`, and the full count.
    pub fn birthdays_between(&self, from: NaiveDate, to: NaiveDate, limit: usize) -> Result<(Vec<Patient>, i64)> {
        let md = |d: NaiveDate| d.format("%m-%d").to_string();
        let (a, b) = (md(from), md(to));
        // A range over the new year is two ranges.
        let (cond, args) = if a <= b {
            ("substr(birth_date, 6, 5) BETWEEN ?1 AND ?2", (a, b))
        } else {
            ("(substr(birth_date, 6, 5) >= ?1 OR substr(birth_date, 6, 5) <= ?2)", (a, b))
        };
        let conn = self.conn();
        let count: i64 = conn.query_row(&format!("SELECT count(*) FROM patients WHERE {cond} AND merged_into IS NULL"), params![args.0, args.1], |r| r.get(0))?;
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM patients WHERE {cond} AND merged_into IS NULL ORDER BY substr(birth_date, 6, 5), name LIMIT ?3"
        ))?;
        let rows = stmt.query_map(params![args.0, args.1, limit as i64], patient_from_row)?;
        Ok((rows.collect::<rusqlite::Result<Vec<_>>>()?, count))
    }

}

#[cfg(test)]
mod tests {
    use super::fts_query;

    #[test]
    fn finished_words_are_whole_and_the_year_is_a_token() {
        let d = |s: &str| s.parse().unwrap();
        assert_eq!(fts_query("siti amin", false, None, true).unwrap(), "\"siti\" AND \"amin\"*");
        assert_eq!(fts_query("sit ami", false, None, true).unwrap(), "\"sit\"* AND \"ami\"*", "short words use the prefix index");
        // One year: finished words joined to it (the few of that name born then).
        assert_eq!(fts_query("budi santoso", true, Some((d("1980-01-01"), d("1980-12-31"))), true).unwrap(), "\"budi1980\" AND \"santoso1980\"");
        assert_eq!(fts_query("budi sant", false, Some((d("1980-01-01"), d("1980-12-31"))), true).unwrap(), "\"budi1980\" AND \"sant\"*");
        assert_eq!(fts_query("sri", true, Some((d("1980-01-01"), d("1980-12-31"))), true).unwrap(), "\"sri\"* AND (\"y1980\")", "a short word stays a prefix with the year token");
        assert_eq!(fts_query("budi", false, Some((d("1979-12-02"), d("1980-12-01"))), true).unwrap(), "\"budi\"* AND (\"y1979\" OR \"y1980\")");
        assert_eq!(fts_query("muham ali", false, None, false).unwrap(), "\"muham\"* AND \"ali\"*", "the fallback");
        assert_eq!(fts_query("", false, None, true), None);
    }
}
