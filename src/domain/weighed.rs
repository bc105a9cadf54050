//! Weighed-goods EAN-13 codes printed by a shop scale: prefix 20-29, an item code (PLU) and the
//! weight or the price inside. Scales differ, so the layout is a setting: a 13-character pattern
//! of `P` (prefix), `I` (item code), `V` (value), `X` (ignored, e.g. a price check digit) and
//! `C` (the EAN check digit), e.g. `PPIIIIIVVVVVC` (the default).

use super::ean;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Embedded {
    /// The value is the weight in grams (or volume in millilitres).
    Weight,
    /// The value is the price of the item in rupiah.
    Price,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pattern: String,
    pub embedded: Embedded,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LayoutError {
    Length,
    BadChar(char),
    /// The pattern needs P, I, V and C, with C last.
    Missing,
}

impl Layout {
    pub fn new(pattern: &str, embedded: Embedded) -> Result<Layout, LayoutError> {
        if pattern.chars().count() != 13 {
            return Err(LayoutError::Length);
        }
        if let Some(c) = pattern.chars().find(|c| !"PIVXC".contains(*c)) {
            return Err(LayoutError::BadChar(c));
        }
        if !pattern.starts_with('P') || !pattern.ends_with('C') || !pattern.contains('I') || !pattern.contains('V') || pattern.matches('C').count() != 1 {
            return Err(LayoutError::Missing);
        }
        Ok(Layout { pattern: pattern.to_string(), embedded })
    }

    pub fn pattern(&self) -> &str {
        &self.pattern
    }
}

impl Default for Layout {
    fn default() -> Self {
        Layout { pattern: "PPIIIIIVVVVVC".into(), embedded: Embedded::Weight }
    }
}

/// What a weighed code holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weighed {
    /// The prefix and item code together (`2000002`): the product's PLU in the catalog.
    pub plu: String,
    pub value: i64,
    pub embedded: Embedded,
}

/// True when the code is in the weighed-goods range (EAN-13 starting with 2).
pub fn is_weighed(code: &str) -> bool {
    code.len() == 13 && code.starts_with('2') && code.bytes().all(|b| b.is_ascii_digit())
}

/// Read a weighed code; None when it is not one or its check digit is wrong.
pub fn parse(code: &str, layout: &Layout) -> Option<Weighed> {
    if !is_weighed(code) || !ean::is_valid(code) {
        return None;
    }
    let mut plu = String::new();
    let mut value = String::new();
    for (c, d) in layout.pattern.chars().zip(code.chars()) {
        match c {
            'P' | 'I' => plu.push(d),
            'V' => value.push(d),
            _ => {}
        }
    }
    Some(Weighed { plu, value: value.parse().ok()?, embedded: layout.embedded })
}

/// Make a weighed code (the demo's scale, tests): prefix+item must fill the P and I places.
pub fn make(plu: &str, value: i64, layout: &Layout) -> Option<String> {
    let mut plu_digits = plu.chars();
    let v_len = layout.pattern.matches('V').count();
    let v = format!("{value:0v_len$}");
    if v.len() != v_len {
        return None;
    }
    let mut v_digits = v.chars();
    let mut body = String::new();
    for c in layout.pattern.chars().take(12) {
        body.push(match c {
            'P' | 'I' => plu_digits.next()?,
            'V' => v_digits.next()?,
            _ => '0',
        });
    }
    ean::with_check_digit(&body)
}

/// The quantity a weighed code stands for, in milli-units, and any fixed amount. For a
/// price-embedded code the quantity is the price divided by the unit price (rounded) and the
/// line costs exactly the printed price.
pub fn quantity(w: &Weighed, unit_price: i64) -> (i64, Option<i64>) {
    match w.embedded {
        Embedded::Weight => (w.value, None),
        Embedded::Price if unit_price > 0 => ((w.value * 1000 + unit_price / 2) / unit_price, Some(w.value)),
        Embedded::Price => (0, Some(w.value)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn weight_inside() {
        let l = Layout::default();
        let code = make("2000002", 1_250, &l).unwrap();
        assert_eq!(code.len(), 13);
        let w = parse(&code, &l).unwrap();
        assert_eq!((w.plu.as_str(), w.value), ("2000002", 1_250));
        assert_eq!(quantity(&w, 14_900), (1_250, None));
        // a wrong check digit is not read
        let mut bad = code.clone().into_bytes();
        bad[12] = b'0' + (bad[12] - b'0' + 1) % 10;
        assert_eq!(parse(&String::from_utf8(bad).unwrap(), &l), None);
        assert_eq!(parse("8992388101016", &l), None);
    }

    #[test]
    fn price_inside_with_a_price_check_digit() {
        let l = Layout::new("PPIIIIXVVVVVC", Embedded::Price).unwrap();
        let code = make("210005", 18_625, &l).unwrap();
        let w = parse(&code, &l).unwrap();
        assert_eq!((w.plu.as_str(), w.value), ("210005", 18_625));
        assert_eq!(quantity(&w, 14_900), (1_250, Some(18_625)));
    }

    #[test]
    fn bad_layouts() {
        assert_eq!(Layout::new("PPIIII", Embedded::Weight), Err(LayoutError::Length));
        assert_eq!(Layout::new("PPIIIIIVVVVVZ", Embedded::Weight), Err(LayoutError::BadChar('Z')));
        assert_eq!(Layout::new("PPIIIIIIIIIIC", Embedded::Weight), Err(LayoutError::Missing));
    }

    proptest! {
        #[test]
        fn make_then_parse(item in "2[0-9]{6}", grams in 0i64..100_000) {
            let l = Layout::default();
            let code = make(&item, grams, &l).unwrap();
            let w = parse(&code, &l).unwrap();
            prop_assert_eq!(w.plu, item);
            prop_assert_eq!(w.value, grams);
        }

        #[test]
        fn never_panics(code in "[0-9]{0,15}") {
            let _ = parse(&code, &Layout::default());
        }
    }
}
