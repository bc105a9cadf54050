//! Cart pricing: line amounts, member prices, totals with the VAT included in them, quantity
//! checks, price warnings and settling payments (cash with exact change, QRIS, member credit,
//! split, in `payment.rs`). Whole rupiah and milli-unit quantities, integer arithmetic only.

/// VAT on standard-rated goods, in per mille (11 %).
pub const VAT_PERMILLE: i64 = 110;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaxCategory {
    /// Rice, eggs, meat, milk, produce, salt, sugar: no VAT.
    Exempt,
    /// Ordinary goods and outpatient drug sales: 11 % when the site charges VAT.
    Standard,
}

impl TaxCategory {
    pub fn parse(s: &str) -> Option<TaxCategory> {
        match s {
            "exempt" => Some(TaxCategory::Exempt),
            "standard" => Some(TaxCategory::Standard),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            TaxCategory::Exempt => "exempt",
            TaxCategory::Standard => "standard",
        }
    }
}

/// What a cart line needs for pricing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Priced {
    pub qty_milli: i64,
    pub price: i64,
    pub member_price: Option<i64>,
    /// A price-embedded weighed barcode fixes the amount of the line.
    pub fixed_amount: Option<i64>,
    pub tax: TaxCategory,
    /// Taken off the line by a discount or a price change (negative: a price raised).
    pub discount: i64,
}

/// The unit price that applies: the member price for a member's sale when there is one.
pub fn unit_price(p: &Priced, member: bool) -> i64 {
    match (member, p.member_price) {
        (true, Some(mp)) => mp,
        _ => p.price,
    }
}

/// `qty_milli / 1000 * price`, rounded half up to whole rupiah (weighed goods: 1,234 kg x
/// Rp14.900 = Rp18.387). Saturates instead of overflowing.
pub fn line_amount(qty_milli: i64, price: i64) -> i64 {
    let exact = (qty_milli as i128) * (price as i128);
    let rounded = if exact >= 0 { (exact + 500) / 1000 } else { (exact - 500) / 1000 };
    rounded.clamp(i64::MIN as i128, i64::MAX as i128) as i64
}

/// The line's amount before any discount on it.
pub fn gross_amount(p: &Priced, member: bool) -> i64 {
    p.fixed_amount.unwrap_or_else(|| line_amount(p.qty_milli, unit_price(p, member)))
}

/// What the line costs: its amount less its own discount.
pub fn amount(p: &Priced, member: bool) -> i64 {
    gross_amount(p, member) - p.discount
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    pub total: i64,
    /// What a member saves against the normal prices.
    pub member_savings: i64,
    /// VAT included in the total (0 when the site does not charge VAT).
    pub vat: i64,
    /// The taxable amount without the VAT in it.
    pub vat_base: i64,
}

/// Totals of a cart. Prices include VAT; when the site charges VAT, the tax inside the
/// standard-rated lines is `amount x 11/111`, rounded half up, on their sum.
pub fn totals(lines: &[Priced], member: bool, site_charges_vat: bool) -> Totals {
    totals_after(lines, member, site_charges_vat, 0)
}

/// Totals with a discount on the whole sale taken off; the taxable part carries its share of it.
pub fn totals_after(lines: &[Priced], member: bool, site_charges_vat: bool, sale_discount: i64) -> Totals {
    let mut t = Totals::default();
    let mut taxable = 0i64;
    for l in lines {
        let a = amount(l, member);
        t.total = t.total.saturating_add(a);
        t.member_savings = t.member_savings.saturating_add(gross_amount(l, false) - gross_amount(l, member));
        if l.tax == TaxCategory::Standard {
            taxable = taxable.saturating_add(a);
        }
    }
    if sale_discount != 0 && t.total > 0 {
        taxable -= ((taxable as i128 * sale_discount as i128) / t.total as i128) as i64;
        t.total -= sale_discount;
    }
    if site_charges_vat && taxable > 0 {
        let tax = ((taxable as i128 * VAT_PERMILLE as i128 * 2 + (1000 + VAT_PERMILLE) as i128) / (2 * (1000 + VAT_PERMILLE) as i128)) as i64;
        t.vat = tax;
        t.vat_base = taxable - tax;
    }
    t
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QtyError {
    Zero,
    Negative,
    /// More than the absurd limit (1.000 pieces, or 1.000 kg/litre).
    TooLarge,
    /// A fraction of something sold by the piece.
    Fraction,
}

/// The largest quantity one line may hold, in milli-units.
pub const MAX_QTY_MILLI: i64 = 1_000_000;

/// What the line check needs to know of a product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineProduct {
    pub active: bool,
    /// Sold by the piece and not at a fixed (weighed-price) amount: no fractions.
    pub whole_pieces: bool,
    pub drug_class: Option<crate::domain::drug_policy::DrugClass>,
}

/// Why a line cannot be sold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRefusal {
    Inactive,
    Quantity(QtyError),
    /// The drug rule's verdict (a prescription may still make it allowed).
    Drug(crate::domain::drug_policy::DrugClass, crate::domain::drug_policy::Verdict),
    OutOfStock { available: i64, expired: i64 },
}

/// The one check a cart line passes, on the sale screen as it is added and again in the sale's
/// transaction: the product is sold, the quantity is a real one, the drug rule allows it (with
/// the prescription recorded, if any), and the batches hold it, first expiry first out.
#[allow(clippy::too_many_arguments)]
pub fn check_line(
    product: LineProduct,
    qty_milli: i64,
    policy: &crate::domain::drug_policy::Policy,
    pharmacist: bool,
    has_prescription: bool,
    batches: &[crate::domain::fefo::BatchStock],
    want_milli: i64,
    today: chrono::NaiveDate,
    rules: crate::domain::fefo::Rules,
) -> Result<crate::domain::fefo::Picked, LineRefusal> {
    use crate::domain::drug_policy::{check, Verdict};
    if !product.active {
        return Err(LineRefusal::Inactive);
    }
    check_qty(qty_milli, product.whole_pieces).map_err(LineRefusal::Quantity)?;
    if let Some(class) = product.drug_class {
        let verdict = check(policy, class, pharmacist, has_prescription);
        if verdict != Verdict::Allowed {
            return Err(LineRefusal::Drug(class, verdict));
        }
    }
    crate::domain::fefo::pick(batches, want_milli, today, rules).map_err(|crate::domain::fefo::PickError::Short { available, expired }| LineRefusal::OutOfStock { available, expired })
}

pub fn check_qty(qty_milli: i64, by_piece: bool) -> Result<(), QtyError> {
    if qty_milli == 0 {
        Err(QtyError::Zero)
    } else if qty_milli < 0 {
        Err(QtyError::Negative)
    } else if qty_milli > MAX_QTY_MILLI {
        Err(QtyError::TooLarge)
    } else if by_piece && qty_milli % 1000 != 0 {
        Err(QtyError::Fraction)
    } else {
        Ok(())
    }
}

/// Read a quantity typed by the cashier: `3`, `1,5`, `0.25` (kg or litres), into milli-units.
pub fn parse_qty(s: &str) -> Option<i64> {
    let s = s.trim().replace('.', ",");
    let (whole, frac) = match s.split_once(',') {
        Some((w, f)) => (w, f),
        None => (s.as_str(), ""),
    };
    if whole.is_empty() && frac.is_empty() || frac.len() > 3 || whole.len() > 9 {
        return None;
    }
    if !whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let w: i64 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let f: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<3}").parse().ok()? };
    Some(w * 1000 + f)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceWarning {
    /// The unit price is below the last cost paid for the goods.
    BelowCost { cost: i64 },
    /// Above the price cap (HET).
    AboveCap { cap: i64 },
}

pub fn price_warnings(unit_price: i64, cost: Option<i64>, cap: Option<i64>) -> Vec<PriceWarning> {
    let mut w = Vec::new();
    if let Some(cost) = cost.filter(|c| unit_price < *c) {
        w.push(PriceWarning::BelowCost { cost });
    }
    if let Some(cap) = cap.filter(|c| unit_price > *c) {
        w.push(PriceWarning::AboveCap { cap });
    }
    w
}

pub use super::payment::*;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn line(qty: i64, price: i64, member: Option<i64>, tax: TaxCategory) -> Priced {
        Priced { qty_milli: qty, price, member_price: member, fixed_amount: None, tax, discount: 0 }
    }

    #[test]
    fn weighed_amounts_round_half_up() {
        assert_eq!(line_amount(1_234, 14_900), 18_387); // 18.386,6
        assert_eq!(line_amount(500, 15_001), 7_501); // 7.500,5 -> up
        assert_eq!(line_amount(3_000, 3_500), 10_500);
    }

    #[test]
    fn member_prices_and_vat() {
        let lines = [line(2_000, 15_700, Some(15_000), TaxCategory::Standard), line(1_000, 17_500, None, TaxCategory::Exempt)];
        let plain = totals(&lines, false, false);
        assert_eq!((plain.total, plain.vat), (48_900, 0));
        let member = totals(&lines, true, true);
        assert_eq!(member.total, 47_500);
        assert_eq!(member.member_savings, 1_400);
        // 30.000 taxable: 30.000 x 11/111 = 2.972,97 -> 2.973
        assert_eq!((member.vat, member.vat_base), (2_973, 27_027));
    }

    #[test]
    fn quantities() {
        assert_eq!(parse_qty("3"), Some(3_000));
        assert_eq!(parse_qty("1,5"), Some(1_500));
        assert_eq!(parse_qty("0.25"), Some(250));
        assert_eq!(parse_qty("1,2345"), None);
        assert_eq!(parse_qty("abc"), None);
        assert_eq!(parse_qty(""), None);
        assert_eq!(check_qty(0, true), Err(QtyError::Zero));
        assert_eq!(check_qty(1_500, true), Err(QtyError::Fraction));
        assert_eq!(check_qty(1_500, false), Ok(()));
        assert_eq!(check_qty(5_000_000, false), Err(QtyError::TooLarge));
    }

    #[test]
    fn warnings() {
        assert_eq!(price_warnings(10_000, Some(12_000), None), vec![PriceWarning::BelowCost { cost: 12_000 }]);
        assert_eq!(price_warnings(16_000, None, Some(15_700)), vec![PriceWarning::AboveCap { cap: 15_700 }]);
        assert!(price_warnings(15_700, Some(13_000), Some(15_700)).is_empty());
    }

    #[test]
    fn discounts_come_off_the_total_and_the_taxable_part() {
        let mut a = line(2_000, 15_700, None, TaxCategory::Standard);
        a.discount = 3_400;
        let b = line(1_000, 17_500, None, TaxCategory::Exempt);
        let t = totals(&[a.clone(), b.clone()], false, true);
        assert_eq!(t.total, 28_000 + 17_500);
        // 28.000 taxable: 28.000 x 11/111 = 2.774,77 -> 2.775
        assert_eq!(t.vat, 2_775);
        // A whole-sale discount of 4.550 (10 %): the taxable part carries 28.000/45.500 of it.
        let t = totals_after(&[a, b], false, true, 4_550);
        assert_eq!(t.total, 40_950);
        assert_eq!(t.vat + t.vat_base, 25_200, "taxable 28.000 - 2.800");
    }

    proptest! {
        #[test]
        fn vat_is_inside_the_total(amounts in proptest::collection::vec(0i64..2_000_000, 1..20)) {
            let lines: Vec<Priced> = amounts.iter().map(|a| line(1_000, *a, None, TaxCategory::Standard)).collect();
            let t = totals(&lines, false, true);
            prop_assert_eq!(t.vat + t.vat_base, t.total);
            // base x 11 % is within a rupiah of the tax
            prop_assert!((t.vat_base * 110 / 1000 - t.vat).abs() <= 1);
        }
    }
}
