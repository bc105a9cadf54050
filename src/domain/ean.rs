//! EAN-13 / EAN-8 / UPC-A check digits (GS1 mod-10), for barcodes scanned at the counter.

/// The GS1 check digit for the digits before it.
pub fn check_digit(body: &str) -> Option<u8> {
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // From the right, the digits next to the check digit weigh 3, then 1, alternately.
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| (b - b'0') as u32 * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    Some(((10 - sum % 10) % 10) as u8)
}

/// Append the check digit to a 12-digit (EAN-13) or 7-digit (EAN-8) body.
pub fn with_check_digit(body: &str) -> Option<String> {
    check_digit(body).map(|d| format!("{body}{d}"))
}

/// True for an 8, 12 or 13 digit code whose last digit is its check digit.
pub fn is_valid(code: &str) -> bool {
    matches!(code.len(), 8 | 12 | 13)
        && code.bytes().all(|b| b.is_ascii_digit())
        && check_digit(&code[..code.len() - 1]) == Some(code.as_bytes()[code.len() - 1] - b'0')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_codes() {
        assert!(is_valid("8992388101016")); // EAN-13 with the Indonesian 899 prefix
        assert!(is_valid("4006381333931"));
        assert!(is_valid("96385074")); // EAN-8
        assert!(is_valid("036000291452")); // UPC-A
        assert!(!is_valid("4006381333932"));
        assert!(!is_valid("40063813339"));
        assert_eq!(with_check_digit("899238810101").as_deref(), Some("8992388101016"));
    }

    proptest! {
        #[test]
        fn appended_digit_validates_and_any_single_change_is_caught(body in "[0-9]{12}", pos in 0usize..13, delta in 1u8..10) {
            let code = with_check_digit(&body).unwrap();
            prop_assert!(is_valid(&code));
            let mut bytes = code.into_bytes();
            bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
            prop_assert!(!is_valid(&String::from_utf8(bytes).unwrap()));
        }
    }
}
