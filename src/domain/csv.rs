//! A small CSV reader and writer (RFC 4180: commas, double quotes, quotes doubled inside) for
//! the catalog import and export; a header row names the columns.

/// Split CSV text into records of fields. Returns the 1-based line where a record starts, or
/// Err(line) for an unterminated quote.
pub fn parse(text: &str) -> Result<Vec<(usize, Vec<String>)>, usize> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut record = Vec::new();
    let mut quoted = false;
    let mut line = 1;
    let mut start = 1;
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => {
                if c == '\n' {
                    line += 1;
                }
                field.push(c);
            }
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                if !(record.len() == 1 && record[0].is_empty()) {
                    out.push((start, std::mem::take(&mut record)));
                }
                record.clear();
                line += 1;
                start = line;
            }
            (false, c) => field.push(c),
        }
    }
    if quoted {
        return Err(start);
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        out.push((start, record));
    }
    Ok(out)
}

/// One field, quoted when it holds a comma, quote or line break.
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn record(fields: &[String]) -> String {
    fields.iter().map(|f| field(f)).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn quotes_and_lines() {
        let r = parse("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\n1,\n").unwrap();
        assert_eq!(r, vec![(1, vec!["a".into(), "b".into()]), (2, vec!["x, y".into(), "say \"hi\"".into()]), (4, vec!["1".into(), "".into()])]);
        assert_eq!(parse("a,\"b\n"), Err(1));
    }

    proptest! {
        #[test]
        fn write_then_read(rows in proptest::collection::vec(proptest::collection::vec("[a-z ,\"\n]{0,8}", 2..5), 1..5)) {
            let rows: Vec<Vec<String>> = rows.into_iter().filter(|r| !(r.len() == 1 && r[0].is_empty())).collect();
            let text: String = rows.iter().map(|r| record(r) + "\n").collect();
            let back: Vec<Vec<String>> = parse(&text).unwrap().into_iter().map(|(_, r)| r).collect();
            prop_assert_eq!(back, rows);
        }
    }
}
