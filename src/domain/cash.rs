//! Counting the drawer: an amount as typed, or the notes and coins of the rupiah one by one
//! (`100000x2 50000x1 500x3`), for the count that closes a shift.

use crate::domain::money::parse_rupiah;

/// The rupiah notes and coins in circulation, largest first. Bank Indonesia issues notes of
/// Rp1.000, 2.000, 5.000, 10.000, 20.000, 50.000 and 100.000 (emissions 2016 and 2022), the
/// Rp75.000 commemorative note (2020), and coins of Rp50, 100, 200, 500 and 1.000.
pub const DENOMINATIONS: [i64; 12] = [100_000, 75_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100, 50];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CountError {
    /// Not whole rupiah (`1.5000`, `abc`, a negative amount).
    NotAnAmount(String),
    /// `DxN` where D is no rupiah note or coin.
    NotADenomination(String),
}

/// A count: the total, and the denominations when it was counted note by note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Count {
    pub total: i64,
    /// `100000x2,500x3`
    pub denominations: Option<String>,
}

/// Read a count: `230.700`, `230700`, or denominations `100000x2 20.000x1 500x3` (spaces or commas
/// between them). An empty count is zero.
pub fn parse_count(typed: &str) -> Result<Count, CountError> {
    let s = typed.trim();
    if s.is_empty() {
        return Ok(Count { total: 0, denominations: None });
    }
    if !s.contains(['x', 'X']) {
        return match parse_rupiah(s) {
            Some(v) if v >= 0 => Ok(Count { total: v, denominations: None }),
            _ => Err(CountError::NotAnAmount(s.to_string())),
        };
    }
    let mut total: i64 = 0;
    let mut parts = Vec::new();
    for part in s.split([' ', ',']).filter(|p| !p.is_empty()) {
        let Some((d, n)) = part.split_once(['x', 'X']) else { return Err(CountError::NotAnAmount(part.to_string())) };
        let d = match parse_rupiah(d) {
            Some(d) if d > 0 && DENOMINATIONS.contains(&d) => d,
            Some(_) => return Err(CountError::NotADenomination(part.to_string())),
            None => return Err(CountError::NotAnAmount(part.to_string())),
        };
        let n: i64 = match n.parse::<i64>() {
            Ok(v) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && v <= 100_000 => v,
            _ => return Err(CountError::NotAnAmount(part.to_string())),
        };
        total += d * n;
        parts.push(format!("{d}x{n}"));
    }
    Ok(Count { total, denominations: Some(parts.join(",")) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_as_typed() {
        assert_eq!(parse_count("230.700"), Ok(Count { total: 230_700, denominations: None }));
        assert_eq!(parse_count("230700").unwrap().total, 230_700);
        assert_eq!(parse_count("").unwrap().total, 0);
        assert_eq!(parse_count("1.5000"), Err(CountError::NotAnAmount("1.5000".into())));
        assert_eq!(parse_count("-5"), Err(CountError::NotAnAmount("-5".into())));
        let c = parse_count("100000x2, 20.000x1 500x3 200x1").unwrap();
        assert_eq!(c, Count { total: 221_700, denominations: Some("100000x2,20000x1,500x3,200x1".into()) });
        assert_eq!(parse_count("75000x1").unwrap().total, 75_000);
        assert_eq!(parse_count("25000x2"), Err(CountError::NotADenomination("25000x2".into())));
        assert_eq!(parse_count("100000xdua"), Err(CountError::NotAnAmount("100000xdua".into())));
        assert_eq!(parse_count("100000x"), Err(CountError::NotAnAmount("100000x".into())));
    }
}
