//! QRIS dynamic QR: the merchant's static EMVCo payload (from the acquirer) turned into a
//! dynamic one for an amount: point of initiation `12` (tag 01), the amount in tag 54, and the
//! CRC16-CCITT (poly 0x1021, initial 0xFFFF) over everything up to and including `6304` in
//! tag 63. A QR the shop made itself proves nothing: the cashier still confirms the payment.

/// CRC16-CCITT-FALSE as EMVCo specifies for tag 63.
pub fn crc16(data: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for b in data {
        crc ^= (*b as u16) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 { (crc << 1) ^ 0x1021 } else { crc << 1 };
        }
    }
    crc
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QrisError {
    /// Not a well-formed TLV string (two-digit tag, two-digit length, value).
    Malformed,
    /// The payload's own CRC does not match.
    BadCrc,
    NotPositive,
}

/// Split a payload into (tag, value) pairs.
pub fn parse_tlv(payload: &str) -> Result<Vec<(String, String)>, QrisError> {
    if !payload.is_ascii() {
        return Err(QrisError::Malformed);
    }
    let mut out = Vec::new();
    let mut rest = payload;
    while !rest.is_empty() {
        if rest.len() < 4 {
            return Err(QrisError::Malformed);
        }
        let tag = &rest[..2];
        let len: usize = rest[2..4].parse().map_err(|_| QrisError::Malformed)?;
        if !tag.bytes().all(|b| b.is_ascii_digit()) || rest.len() < 4 + len {
            return Err(QrisError::Malformed);
        }
        out.push((tag.to_string(), rest[4..4 + len].to_string()));
        rest = &rest[4 + len..];
    }
    Ok(out)
}

/// Check a payload that ends with its CRC (tag 63).
pub fn verify(payload: &str) -> Result<(), QrisError> {
    let fields = parse_tlv(payload)?;
    let Some((tag, crc)) = fields.last() else { return Err(QrisError::Malformed) };
    if tag != "63" || crc.len() != 4 {
        return Err(QrisError::Malformed);
    }
    let body = &payload[..payload.len() - 4]; // ASCII: checked by parse_tlv
    if format!("{:04X}", crc16(body.as_bytes())) != crc.to_uppercase() {
        return Err(QrisError::BadCrc);
    }
    Ok(())
}

/// The dynamic payload for `amount` rupiah, from the merchant's static payload.
pub fn dynamic(static_payload: &str, amount: i64) -> Result<String, QrisError> {
    if amount <= 0 {
        return Err(QrisError::NotPositive);
    }
    let mut fields = parse_tlv(static_payload.trim())?;
    fields.retain(|(t, _)| t != "63" && t != "54");
    match fields.iter_mut().find(|(t, _)| t == "01") {
        Some(f) => f.1 = "12".into(),
        None => fields.insert(1.min(fields.len()), ("01".into(), "12".into())),
    }
    // Tag 54 sits before the country code (58) in tag order.
    let at = fields.iter().position(|(t, _)| t.as_str() > "54").unwrap_or(fields.len());
    fields.insert(at, ("54".into(), amount.to_string()));
    let mut out = String::new();
    for (t, v) in &fields {
        out.push_str(&format!("{t}{:02}{v}", v.len()));
    }
    out.push_str("6304");
    let crc = crc16(out.as_bytes());
    out.push_str(&format!("{crc:04X}"));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn crc_check_value() {
        // The standard check value of CRC-16/CCITT-FALSE.
        assert_eq!(crc16(b"123456789"), 0x29B1);
    }

    const STATIC: &str = "00020101021126630011ID.DANA.WWW011893600915300000000102150000000000000000303UMI51440014ID.CO.QRIS.WWW0215ID10200000000000303UMI5204541153033605802ID5914KDKMP SUKAMAJU6007CIANJUR61054325162070703A01";

    fn with_crc(body: &str) -> String {
        let b = format!("{body}6304");
        format!("{b}{:04X}", crc16(b.as_bytes()))
    }

    #[test]
    fn amount_and_crc() {
        let s = with_crc(STATIC);
        verify(&s).unwrap();
        let d = dynamic(&s, 47_500).unwrap();
        verify(&d).unwrap();
        let f = parse_tlv(&d).unwrap();
        assert!(f.contains(&("01".into(), "12".into())));
        assert!(f.contains(&("54".into(), "47500".into())));
        let tags: Vec<&str> = f.iter().map(|(t, _)| t.as_str()).collect();
        let mut sorted = tags.clone();
        sorted.sort();
        assert_eq!(tags, sorted, "tags stay in order");
        // a changed character breaks the CRC
        let broken = d.replacen("47500", "47600", 1);
        assert_eq!(verify(&broken), Err(QrisError::BadCrc));
        assert_eq!(dynamic("0002", 100), Err(QrisError::Malformed));
        assert_eq!(dynamic(&s, 0), Err(QrisError::NotPositive));
    }

    proptest! {
        #[test]
        fn any_amount_verifies(amount in 1i64..1_000_000_000) {
            let d = dynamic(&with_crc(STATIC), amount).unwrap();
            prop_assert!(verify(&d).is_ok());
        }

        #[test]
        fn garbage_never_panics(s in "\\PC{0,40}") {
            let _ = dynamic(&s, 1000);
            let _ = verify(&s);
        }
    }
}
