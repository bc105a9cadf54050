//! Stock rules that need no store: what a line of goods received must hold (a quantity, a cost
//! unless it is free goods, a batch and an expiry for drugs, an expiry not past), when an expiry
//! is close enough to ask, and what a delivery's lines add up to against its invoice.

use chrono::NaiveDate;

/// Why a receiving line (or a whole delivery) is refused; nothing is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StockRefusal {
    /// A delivery with no lines.
    Empty,
    /// The supplier or the invoice number is missing.
    NoSupplier,
    NoInvoice,
    /// A quantity of zero or less (the product's name).
    Quantity(String),
    /// A unit cost of zero on a line not marked as free goods.
    ZeroCost(String),
    /// A drug without its batch number or expiry.
    BatchNeeded(String),
    /// An expiry already past (the product, the date).
    Expired(String, NaiveDate),
    /// A barcode another product already has.
    DuplicateBarcode(String),
    /// A product without a name, or with a price of zero.
    ProductName,
    ProductPrice,
    /// A count is already open (finish or resume it first).
    CountOpen,
    /// No count is open, or the count was already closed.
    NoCount,
    /// A product that is not on the count sheet (its name; empty for an unknown code).
    NotInSheet(String),
    /// An approval without its reason.
    NeedReason,
    /// A price change dated before today.
    PriceInPast(NaiveDate),
    /// A member price above the ordinary price.
    MemberPriceAbove,
    /// A warning that is not one of P1-P6.
    BadWarning,
    /// An obat bebas terbatas without its P-warning, or a warning on a drug of another class.
    WarningNeeded,
    WarningNotLimited,
    /// A label that is neither oral (white) nor external (blue).
    BadLabel,
    /// A white (oral) label on a drug whose warning says it is not swallowed (the warning).
    OralButNotSwallowed(String),
    /// A KFA code that is not 92xxxxxx or 93xxxxxx.
    BadKfa,
    /// More than the stock (of the batch) holds: the product, what is there (milli-units).
    AboveStock(String, i64),
}

/// One line as typed, before it is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineCheck<'a> {
    pub name: &'a str,
    pub is_drug: bool,
    pub qty_milli: i64,
    pub unit_cost: i64,
    pub free: bool,
    pub batch_no: Option<&'a str>,
    pub expiry: Option<NaiveDate>,
}

/// The hard rules of a receiving line. An expiry within the warning window is allowed here;
/// the screen asks first ([`expires_soon`]).
pub fn check_line(l: &LineCheck, today: NaiveDate) -> Result<(), StockRefusal> {
    if l.qty_milli <= 0 {
        return Err(StockRefusal::Quantity(l.name.to_string()));
    }
    if l.unit_cost < 0 || (l.unit_cost == 0 && !l.free) {
        return Err(StockRefusal::ZeroCost(l.name.to_string()));
    }
    let batch = l.batch_no.map(str::trim).filter(|b| !b.is_empty());
    if l.is_drug && (batch.is_none() || l.expiry.is_none()) {
        return Err(StockRefusal::BatchNeeded(l.name.to_string()));
    }
    if let Some(e) = l.expiry {
        if e < today {
            return Err(StockRefusal::Expired(l.name.to_string(), e));
        }
    }
    Ok(())
}

/// The sections a product belongs to.
pub const SECTIONS: [&str; 3] = ["sembako", "obat", "lain"];

/// What a new product needs: a name, a price above zero, a known section, and a drug's generic
/// name when it is a drug.
pub fn check_product(name: &str, price: i64, section: &str, generic_name: Option<&str>) -> Result<(), StockRefusal> {
    if name.trim().is_empty() || !SECTIONS.contains(&section) || (section == "obat" && generic_name.is_none_or(|g| g.trim().is_empty())) {
        return Err(StockRefusal::ProductName);
    }
    if price <= 0 {
        return Err(StockRefusal::ProductPrice);
    }
    Ok(())
}

/// A price change: prices above zero, a member price not above the price, and a date from today on.
pub fn check_price_change(price: i64, member_price: Option<i64>, effective_on: NaiveDate, today: NaiveDate) -> Result<(), StockRefusal> {
    if price <= 0 || member_price.is_some_and(|m| m <= 0) {
        return Err(StockRefusal::ProductPrice);
    }
    if member_price.is_some_and(|m| m > price) {
        return Err(StockRefusal::MemberPriceAbove);
    }
    if effective_on < today {
        return Err(StockRefusal::PriceInPast(effective_on));
    }
    Ok(())
}

/// Whether a price goes over its cap (HET), as the till warns.
pub fn over_cap(price: i64, cap: Option<i64>) -> bool {
    cap.is_some_and(|c| price > c)
}

/// What to order of a product, in milli-units: the average daily sales (`sold` over
/// `period_days`) times the lead time plus the safety days, less the stock on hand; never less
/// than zero, and whole pieces for goods sold by the piece (rounded up).
pub fn suggested_order(sold: i64, period_days: i64, lead_days: i64, safety_days: i64, on_hand: i64, by_piece: bool) -> i64 {
    let period = period_days.max(1) as i128;
    let cover = sold.max(0) as i128 * (lead_days + safety_days).max(0) as i128;
    let need = ((cover + period - 1) / period) as i64 - on_hand.max(0);
    if need <= 0 {
        return 0;
    }
    if by_piece {
        (need + 999) / 1000 * 1000
    } else {
        need
    }
}

/// Whether an expiry falls within the warning window (`days` from today, today included).
pub fn expires_soon(expiry: NaiveDate, today: NaiveDate, days: i64) -> bool {
    expiry >= today && (expiry - today).num_days() <= days
}

/// What a line costs: quantity (milli-units) times unit cost, rounded to the rupiah (half up).
pub fn line_value(qty_milli: i64, unit_cost: i64) -> i64 {
    let v = qty_milli as i128 * unit_cost as i128;
    ((v + 500).div_euclid(1000)) as i64
}

/// A delivery's lines against its invoice total: the lines' value and the difference
/// (lines minus invoice), when an invoice total was given.
pub fn against_invoice(lines: impl IntoIterator<Item = (i64, i64)>, invoice_total: Option<i64>) -> (i64, Option<i64>) {
    let total: i64 = lines.into_iter().map(|(q, c)| line_value(q, c)).sum();
    (total, invoice_total.map(|i| total - i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn line<'a>(qty: i64, cost: i64, free: bool, batch: Option<&'a str>, expiry: Option<&str>) -> LineCheck<'a> {
        LineCheck { name: "Parasetamol", is_drug: true, qty_milli: qty, unit_cost: cost, free, batch_no: batch, expiry: expiry.map(d) }
    }

    #[test]
    fn a_line_needs_a_quantity_a_cost_and_for_drugs_a_batch_not_expired() {
        let today = d("2026-12-01");
        assert_eq!(check_line(&line(10_000, 4_250, false, Some("B1"), Some("2027-06-01")), today), Ok(()));
        assert_eq!(check_line(&line(0, 4_250, false, Some("B1"), Some("2027-06-01")), today), Err(StockRefusal::Quantity("Parasetamol".into())));
        assert_eq!(check_line(&line(-1_000, 4_250, false, Some("B1"), Some("2027-06-01")), today), Err(StockRefusal::Quantity("Parasetamol".into())));
        assert_eq!(check_line(&line(1_000, 0, false, Some("B1"), Some("2027-06-01")), today), Err(StockRefusal::ZeroCost("Parasetamol".into())));
        assert_eq!(check_line(&line(1_000, 0, true, Some("B1"), Some("2027-06-01")), today), Ok(()), "free goods");
        assert_eq!(check_line(&line(1_000, 10, false, Some(" "), Some("2027-06-01")), today), Err(StockRefusal::BatchNeeded("Parasetamol".into())));
        assert_eq!(check_line(&line(1_000, 10, false, Some("B1"), None), today), Err(StockRefusal::BatchNeeded("Parasetamol".into())));
        assert_eq!(check_line(&line(1_000, 10, false, Some("B1"), Some("2026-11-30")), today), Err(StockRefusal::Expired("Parasetamol".into(), d("2026-11-30"))));
        assert_eq!(check_line(&line(1_000, 10, false, Some("B1"), Some("2026-12-01")), today), Ok(()), "expiring today is not past");
        let rice = LineCheck { name: "Beras", is_drug: false, qty_milli: 5_000, unit_cost: 12_000, free: false, batch_no: None, expiry: None };
        assert_eq!(check_line(&rice, today), Ok(()));
    }

    #[test]
    fn the_warning_window_and_the_invoice() {
        let today = d("2026-12-01");
        assert!(expires_soon(d("2026-12-31"), today, 30));
        assert!(!expires_soon(d("2027-01-01"), today, 30));
        assert_eq!(line_value(1_500, 3_001), 4_502, "1,5 x Rp3.001 = Rp4.501,5 rounds up");
        assert_eq!(against_invoice([(10_000, 4_250), (2_000, 0)], Some(40_000)), (42_500, Some(2_500)));
        assert_eq!(against_invoice([(10_000, 4_250)], None), (42_500, None));
    }

    #[test]
    fn a_price_change_from_today_on() {
        let today = d("2026-12-01");
        assert_eq!(check_price_change(15_000, Some(14_000), today, today), Ok(()));
        assert_eq!(check_price_change(15_000, None, d("2026-12-15"), today), Ok(()));
        assert_eq!(check_price_change(15_000, None, d("2026-11-30"), today), Err(StockRefusal::PriceInPast(d("2026-11-30"))));
        assert_eq!(check_price_change(0, None, today, today), Err(StockRefusal::ProductPrice));
        assert_eq!(check_price_change(15_000, Some(16_000), today, today), Err(StockRefusal::MemberPriceAbove));
        assert!(over_cap(15_800, Some(15_700)) && !over_cap(15_700, Some(15_700)) && !over_cap(99_000, None));
    }

    #[test]
    fn an_order_covers_the_lead_time_and_the_safety_days() {
        // 30 pieces sold in 30 days: one a day; 7 + 3 days to cover; 4 on hand: order 6.
        assert_eq!(suggested_order(30_000, 30, 7, 3, 4_000, true), 6_000);
        assert_eq!(suggested_order(30_000, 30, 7, 3, 12_000, true), 0, "enough on hand");
        assert_eq!(suggested_order(10_000, 30, 7, 3, 0, true), 4_000, "3,33 pieces round up to 4");
        assert_eq!(suggested_order(10_000, 30, 7, 3, 0, false), 3_334, "weighed goods keep their grams");
        assert_eq!(suggested_order(0, 30, 7, 3, -2_000, true), 0, "nothing sold, nothing suggested");
    }

    proptest! {
        #[test]
        fn an_order_is_never_negative_and_what_it_adds_covers_the_need(sold in 0i64..10_000_000, period in 1i64..365, lead in 0i64..60, safety in 0i64..30, on_hand in -100_000i64..10_000_000, piece: bool) {
            let order = suggested_order(sold, period, lead, safety, on_hand, piece);
            prop_assert!(order >= 0);
            let need = (sold as i128 * (lead + safety) as i128) as f64 / period as f64;
            prop_assert!((on_hand.max(0) + order) as f64 >= need - 1.0);
            if piece { prop_assert_eq!(order % 1000, 0); }
        }

        #[test]
        fn whole_pieces_cost_exactly_their_price(n in 1i64..10_000, cost in 0i64..10_000_000) {
            prop_assert_eq!(line_value(n * 1000, cost), n * cost);
        }
    }
}
