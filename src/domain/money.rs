//! Rupiah and quantities as people read them: `Rp15.000` (dot thousands, no decimals), and
//! milli-unit quantities with a decimal comma (`1,5`). Money is whole rupiah in `i64`.

/// Digits of a non-negative number grouped by three with dots: 1234567 -> "1.234.567".
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// The official spelling: `Rp15.000`, `-Rp2.500` for a negative amount (a refund or a shortfall).
pub fn format_rupiah(amount: i64) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    format!("{sign}Rp{}", group(amount.unsigned_abs()))
}

/// A plain grouped number without the currency: `15.000`.
pub fn format_number(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}", group(n.unsigned_abs()))
}

/// Read what a cashier or a file gives: `Rp15.000`, `15.000`, `15000`, `Rp 15.000`, `-Rp2.500`.
/// Dots must group by three; a decimal part is refused (there are no cents).
pub fn parse_rupiah(s: &str) -> Option<i64> {
    let s = s.trim();
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s),
    };
    let s = s.strip_prefix("Rp").or_else(|| s.strip_prefix("rp")).unwrap_or(s).trim_start();
    if s.is_empty() {
        return None;
    }
    let groups: Vec<&str> = s.split('.').collect();
    if groups.len() > 1 {
        let first_ok = (1..=3).contains(&groups[0].len());
        if !first_ok || groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
    }
    let digits: String = groups.concat();
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: i64 = digits.parse().ok()?;
    Some(if neg { -v } else { v })
}

/// A quantity in milli-units with a decimal comma and no trailing zeros: 2000 -> "2",
/// 1500 -> "1,5", 250 -> "0,25", 1234567 -> "1.234,567".
pub fn format_milli(milli: i64) -> String {
    let sign = if milli < 0 { "-" } else { "" };
    let m = milli.unsigned_abs();
    let whole = group(m / 1000);
    let frac = m % 1000;
    if frac == 0 {
        format!("{sign}{whole}")
    } else {
        let f = format!("{frac:03}");
        format!("{sign}{whole},{}", f.trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn official_spelling() {
        assert_eq!(format_rupiah(0), "Rp0");
        assert_eq!(format_rupiah(500), "Rp500");
        assert_eq!(format_rupiah(15_000), "Rp15.000");
        assert_eq!(format_rupiah(15_700), "Rp15.700");
        assert_eq!(format_rupiah(1_234_567), "Rp1.234.567");
        assert_eq!(format_rupiah(-2_500), "-Rp2.500");
        assert_eq!(format_rupiah(i64::MIN), "-Rp9.223.372.036.854.775.808");
        assert_eq!(format_number(100_000), "100.000");
    }

    #[test]
    fn parsing() {
        assert_eq!(parse_rupiah("Rp15.000"), Some(15_000));
        assert_eq!(parse_rupiah("Rp 15.000"), Some(15_000));
        assert_eq!(parse_rupiah("15000"), Some(15_000));
        assert_eq!(parse_rupiah("-Rp2.500"), Some(-2_500));
        assert_eq!(parse_rupiah("15.00"), None);
        assert_eq!(parse_rupiah("1.5000"), None);
        assert_eq!(parse_rupiah("15,000"), None);
        assert_eq!(parse_rupiah("Rp"), None);
        assert_eq!(parse_rupiah(""), None);
        assert_eq!(parse_rupiah("99999999999999999999"), None);
    }

    #[test]
    fn quantities() {
        assert_eq!(format_milli(2000), "2");
        assert_eq!(format_milli(1500), "1,5");
        assert_eq!(format_milli(250), "0,25");
        assert_eq!(format_milli(5), "0,005");
        assert_eq!(format_milli(1_234_567), "1.234,567");
        assert_eq!(format_milli(-500), "-0,5");
    }

    proptest! {
        #[test]
        fn format_then_parse_round_trips(n in any::<i64>().prop_filter("not MIN", |n| *n != i64::MIN)) {
            prop_assert_eq!(parse_rupiah(&format_rupiah(n)), Some(n));
            prop_assert_eq!(parse_rupiah(&format_number(n)), Some(n));
        }

        #[test]
        fn groups_are_three_digits(n in 0i64..i64::MAX) {
            let s = format_rupiah(n);
            let body = s.strip_prefix("Rp").unwrap();
            let groups: Vec<&str> = body.split('.').collect();
            prop_assert!((1..=3).contains(&groups[0].len()) && !groups[0].starts_with('0') || n == 0 && body == "0");
            prop_assert!(groups[1..].iter().all(|g| g.len() == 3));
        }
    }
}
