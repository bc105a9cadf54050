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
    /// More than the 13 characters tag 54 may hold.
    TooLarge,
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

/// Tags a dynamic payload must not carry over from the static one: the amount (54, replaced) and
/// the tip or convenience-fee prompts 55 (indicator), 56 (fixed fee), 57 (percentage fee). Passing
/// a fee to the buyer is prohibited, and a tip prompt would let the buyer change the amount
/// (DOMAIN.md, Money: "must drop tags 55/56/57 (tip or fee prompts), set tag 01 to 12 and add
/// tag 54"; EMVCo MPM specification, tags 54-57; qriskit's `to_dynamic` drops the same set).
const TRANSACTION_TAGS: [&str; 4] = ["54", "55", "56", "57"];

/// The dynamic payload for `amount` rupiah, from the merchant's static payload: tags 54-57
/// dropped, point of initiation 01 set to `12`, the amount added as tag 54 in tag order, every
/// other tag (the merchant account templates 26-51 first) kept in its place, and a fresh CRC.
/// A static payload whose own CRC is missing or wrong is refused: recomputing it would hide a
/// damaged payload.
pub fn dynamic(static_payload: &str, amount: i64) -> Result<String, QrisError> {
    if amount <= 0 {
        return Err(QrisError::NotPositive);
    }
    if amount > 9_999_999_999_999 {
        return Err(QrisError::TooLarge);
    }
    let static_payload = static_payload.trim();
    verify(static_payload)?;
    let mut fields = parse_tlv(static_payload)?;
    fields.retain(|(t, _)| t != "63" && !TRANSACTION_TAGS.contains(&t.as_str()));
    match fields.iter_mut().find(|(t, _)| t == "01") {
        Some(f) => f.1 = "12".into(),
        None => insert_in_order(&mut fields, "01", "12".into()),
    }
    insert_in_order(&mut fields, "54", amount.to_string());
    let mut out = String::new();
    for (t, v) in &fields {
        out.push_str(&format!("{t}{:02}{v}", v.len()));
    }
    out.push_str("6304");
    let crc = crc16(out.as_bytes());
    out.push_str(&format!("{crc:04X}"));
    Ok(out)
}

/// Insert a root tag before the first higher tag (00, the payload format, stays first).
fn insert_in_order(fields: &mut Vec<(String, String)>, tag: &str, value: String) {
    let at = fields.iter().position(|(t, _)| t != "00" && t.as_str() > tag).unwrap_or(fields.len());
    fields.insert(at, (tag.to_string(), value));
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
        assert_eq!(dynamic(&s, 10_000_000_000_000), Err(QrisError::TooLarge));
    }

    /// A static payload as some acquirers issue it: a tip prompt (55 = 01), a fixed fee (56) and a
    /// percentage fee (57), and even a leftover amount (54).
    const STATIC_WITH_TIPS: &str = "00020101021126630011ID.DANA.WWW011893600915300000000102150000000000000000303UMI51440014ID.CO.QRIS.WWW0215ID10200000000000303UMI5204541153033605404100055020156035005702155802ID5914KDKMP SUKAMAJU6007CIANJUR61054325162070703A01";

    #[test]
    fn a_dynamic_qr_drops_tip_and_fee_prompts_and_any_old_amount() {
        let s = with_crc(STATIC_WITH_TIPS);
        verify(&s).unwrap();
        let d = dynamic(&s, 47_500).unwrap();
        verify(&d).unwrap();
        let f = parse_tlv(&d).unwrap();
        let tags: Vec<&str> = f.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(tags, ["00", "01", "26", "51", "52", "53", "54", "58", "59", "60", "61", "62", "63"]);
        let value = |tag: &str| f.iter().find(|(t, _)| t == tag).map(|(_, v)| v.as_str());
        assert_eq!((value("01"), value("54")), (Some("12"), Some("47500")));
        // The merchant account templates are kept as they were, in their order.
        let orig = parse_tlv(&s).unwrap();
        let accounts = |f: &[(String, String)]| f.iter().filter(|(t, _)| ("26".."52").contains(&t.as_str())).cloned().collect::<Vec<_>>();
        assert_eq!(accounts(&f), accounts(&orig));
        // What qriskit's to_dynamic makes of the same payload (checked with qriskit 0.2.0).
        assert_eq!(d, QRISKIT_47500);
    }

    const QRISKIT_47500: &str = "00020101021226630011ID.DANA.WWW011893600915300000000102150000000000000000303UMI51440014ID.CO.QRIS.WWW0215ID10200000000000303UMI5204541153033605405475005802ID5914KDKMP SUKAMAJU6007CIANJUR61054325162070703A01630474D7";

    #[test]
    fn a_static_payload_with_a_broken_crc_is_refused() {
        let s = with_crc(STATIC);
        let broken = s.replacen("CIANJUR", "CIANJUX", 1);
        assert_eq!(dynamic(&broken, 1000), Err(QrisError::BadCrc));
        assert_eq!(dynamic(STATIC, 1000), Err(QrisError::Malformed), "no CRC at all");
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
