//! Settling a sale: the payment methods, tenders, exact change, the checks on a QRIS reference
//! and on large change. Whole rupiah, integer arithmetic only. (Re-exported by `cart`.)

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Method {
    #[default]
    Cash,
    Qris,
    MemberCredit,
}

impl Method {
    pub fn code(self) -> &'static str {
        match self {
            Method::Cash => "cash",
            Method::Qris => "qris",
            Method::MemberCredit => "member_credit",
        }
    }

    pub fn parse(s: &str) -> Option<Method> {
        match s {
            "cash" => Some(Method::Cash),
            "qris" => Some(Method::Qris),
            "member_credit" => Some(Method::MemberCredit),
            _ => None,
        }
    }
}

/// One payment as tendered: for cash, what the buyer handed over (it may exceed what is due).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tender {
    pub method: Method,
    pub amount: i64,
    pub reference: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayError {
    /// The payments do not reach the total: this much is still due.
    Short { due: i64 },
    /// A non-cash payment larger than what was due (there is no change for QRIS or credit).
    OverNonCash,
    /// A payment of zero or less.
    NotPositive,
    /// QRIS needs the reference of the payment the cashier saw confirmed.
    MissingReference,
    /// Member credit needs a member, within the available credit.
    NoMember,
    OverCredit { available: i64 },
}

/// A settled sale: what each payment counts for (cash counted net of change) and the change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settlement {
    /// (tender, the amount that counts towards the total)
    pub applied: Vec<(Tender, i64)>,
    pub change: i64,
    /// Added to the total by cash rounding (negative when rounded down); its own line of the sale.
    pub rounding: i64,
}

/// How much is still due after these tenders (negative: change owed).
pub fn remaining(total: i64, tenders: &[Tender]) -> i64 {
    remaining_rounded(total, tenders, CashRounding::NONE)
}

/// How much is still due after these tenders when cash is rounded, as `settle_rounded` counts
/// them: cash of at least the rounded amount due finishes the sale (negative: change owed).
pub fn remaining_rounded(total: i64, tenders: &[Tender], rounding: CashRounding) -> i64 {
    let mut due = total;
    for t in tenders {
        if t.method == Method::Cash && due > 0 {
            let cash_due = rounding.apply(due);
            if t.amount >= cash_due {
                due = cash_due - t.amount;
                continue;
            }
        }
        due -= t.amount;
    }
    due
}

/// How cash is rounded: to a step of Rp100, Rp500 or Rp1.000 (or not at all), to the nearest
/// step (half up) or down. Prices such as Rp205.391 cannot be paid in coins that exist (Bank
/// Indonesia issues no coin below Rp50, and Rp50 coins are rarely seen); giving sweets instead of
/// change is illegal and any rounding must be an explicit line (DOMAIN.md, "Money, tax,
/// payments"). No rule on the direction was found, so the step and direction are settings
/// (`sales.cash_rounding`, `sales.cash_rounding_mode`, README.md). QRIS and member credit are
/// never rounded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CashRounding {
    /// 0: none; else 100, 500 or 1000.
    pub step: i64,
    pub down: bool,
}

impl CashRounding {
    pub const NONE: CashRounding = CashRounding { step: 0, down: false };
    /// The steps a site may choose.
    pub const STEPS: [i64; 4] = [0, 100, 500, 1000];

    /// What a buyer pays in cash for `due`. Rounding never turns something owed into nothing
    /// (Rp30 due stays Rp30 rather than Rp0).
    pub fn apply(self, due: i64) -> i64 {
        if self.step <= 1 || due <= 0 {
            return due;
        }
        let rounded = if self.down { due / self.step * self.step } else { (due + self.step / 2) / self.step * self.step };
        if rounded <= 0 {
            due
        } else {
            rounded
        }
    }
}

/// Check a set of tenders against the total. `credit_available` is None without a member.
pub fn settle(total: i64, tenders: &[Tender], credit_available: Option<i64>) -> Result<Settlement, PayError> {
    settle_rounded(total, tenders, credit_available, CashRounding::NONE)
}

/// Check a set of tenders against the total, rounding the cash that finishes the sale: a cash
/// tender of at least the rounded amount due pays it, and the difference is the sale's rounding.
pub fn settle_rounded(total: i64, tenders: &[Tender], credit_available: Option<i64>, rounding: CashRounding) -> Result<Settlement, PayError> {
    let mut due = total;
    let mut applied = Vec::new();
    let mut credit = 0;
    let mut change = 0;
    let mut rounded = 0;
    for t in tenders {
        if t.amount <= 0 {
            return Err(PayError::NotPositive);
        }
        match t.method {
            Method::Qris if t.reference.as_deref().is_none_or(|r| r.trim().is_empty()) => return Err(PayError::MissingReference),
            Method::MemberCredit => {
                let Some(avail) = credit_available else { return Err(PayError::NoMember) };
                credit += t.amount;
                if credit > avail {
                    return Err(PayError::OverCredit { available: avail });
                }
            }
            _ => {}
        }
        if t.method == Method::Cash && due > 0 {
            let cash_due = rounding.apply(due);
            if t.amount >= cash_due {
                rounded += cash_due - due;
                change += t.amount - cash_due;
                due = 0;
                applied.push((t.clone(), cash_due));
                continue;
            }
        }
        let counts = t.amount.min(due.max(0));
        if t.amount > counts {
            if t.method != Method::Cash {
                return Err(PayError::OverNonCash);
            }
            change += t.amount - counts;
        }
        due -= counts;
        applied.push((t.clone(), counts));
    }
    if due > 0 {
        return Err(PayError::Short { due });
    }
    Ok(Settlement { applied, change, rounding: rounded })
}

/// Why a typed QRIS reference is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReferenceError {
    Empty,
    /// Fewer than 4 characters: no wallet or terminal prints so short a reference.
    TooShort,
    /// `Rp...`, a number grouped with dots (`50.000`), a round amount (`50000`) or exactly the
    /// amount due: the cashier typed money where the reference belongs.
    LooksLikeAmount,
}

/// Check the reference of a QRIS payment as the cashier typed it. A QR the shop printed itself
/// does not prove payment: the cashier confirms it and records the reference (DOMAIN.md,
/// "QRIS"), so a reference that reads like money is refused rather than stored.
pub fn check_qris_reference(typed: &str, due: i64) -> Result<String, ReferenceError> {
    let r = typed.trim();
    if r.is_empty() {
        return Err(ReferenceError::Empty);
    }
    let lower = r.to_ascii_lowercase();
    let digits_only = r.bytes().all(|b| b.is_ascii_digit());
    let grouped = r.contains('.') && crate::domain::money::parse_rupiah(r).is_some();
    let round = digits_only && r.len() <= 8 && r.ends_with("000");
    let is_due = digits_only && r.parse::<i64>().ok() == Some(due);
    if lower.starts_with("rp") || grouped || round || is_due {
        return Err(ReferenceError::LooksLikeAmount);
    }
    if r.chars().count() < 4 {
        return Err(ReferenceError::TooShort);
    }
    Ok(r.to_string())
}

/// Change this large is asked about a second time: above the site's limit and more than the
/// bill itself (a reference or a barcode typed into the cash field gives such change).
pub fn change_needs_confirmation(change: i64, bill: i64, limit: i64) -> bool {
    change > limit && change > bill
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cash(a: i64) -> Tender {
        Tender { method: Method::Cash, amount: a, reference: None }
    }

    #[test]
    fn settling() {
        let s = settle(47_500, &[cash(50_000)], None).unwrap();
        assert_eq!(s.change, 2_500);
        assert_eq!(settle(47_500, &[cash(40_000)], None), Err(PayError::Short { due: 7_500 }));
        let q = Tender { method: Method::Qris, amount: 7_500, reference: Some("QR123".into()) };
        let s = settle(47_500, &[cash(40_000), q.clone()], None).unwrap();
        assert_eq!(s.change, 0);
        let noref = Tender { reference: None, ..q.clone() };
        assert_eq!(settle(7_500, &[noref], None), Err(PayError::MissingReference));
        let over = Tender { amount: 9_000, ..q };
        assert_eq!(settle(7_500, &[over], None), Err(PayError::OverNonCash));
        let credit = Tender { method: Method::MemberCredit, amount: 7_500, reference: None };
        assert_eq!(settle(7_500, std::slice::from_ref(&credit), None), Err(PayError::NoMember));
        assert_eq!(settle(7_500, std::slice::from_ref(&credit), Some(5_000)), Err(PayError::OverCredit { available: 5_000 }));
        assert!(settle(7_500, &[credit], Some(10_000)).is_ok());
    }

    #[test]
    fn qris_references_that_read_like_money_are_refused() {
        assert_eq!(check_qris_reference("123456", 3_000), Ok("123456".into()));
        assert_eq!(check_qris_reference(" QR-778812 ", 3_000), Ok("QR-778812".into()));
        assert_eq!(check_qris_reference("202611230915001234", 3_000), Ok("202611230915001234".into()));
        assert_eq!(check_qris_reference("", 3_000), Err(ReferenceError::Empty));
        assert_eq!(check_qris_reference("12", 3_000), Err(ReferenceError::TooShort));
        assert_eq!(check_qris_reference("Rp3.000", 3_000), Err(ReferenceError::LooksLikeAmount));
        assert_eq!(check_qris_reference("50.000", 3_000), Err(ReferenceError::LooksLikeAmount));
        assert_eq!(check_qris_reference("50000", 3_000), Err(ReferenceError::LooksLikeAmount));
        assert_eq!(check_qris_reference("3000", 3_000), Err(ReferenceError::LooksLikeAmount));
        assert_eq!(check_qris_reference("3500", 3_500), Err(ReferenceError::LooksLikeAmount));
    }

    #[test]
    fn large_change_is_confirmed() {
        assert!(change_needs_confirmation(120_456, 3_000, 100_000));
        assert!(!change_needs_confirmation(97_000, 3_000, 100_000), "a Rp100.000 note for a small bill");
        assert!(!change_needs_confirmation(150_000, 350_000, 100_000), "less than the bill");
    }

    #[test]
    fn cash_rounding_is_its_own_amount_and_only_for_cash() {
        let to100 = CashRounding { step: 100, down: false };
        assert_eq!(to100.apply(205_391), 205_400);
        assert_eq!(to100.apply(205_350), 205_400, "half up");
        assert_eq!(to100.apply(205_349), 205_300);
        assert_eq!(CashRounding { step: 500, down: true }.apply(205_391), 205_000);
        assert_eq!(CashRounding { step: 1000, down: false }.apply(205_391), 205_000);
        assert_eq!(to100.apply(30), 30, "never rounded to nothing");
        assert_eq!(CashRounding::NONE.apply(205_391), 205_391);
        let s = settle_rounded(205_391, &[cash(210_000)], None, to100).unwrap();
        assert_eq!((s.rounding, s.change, s.applied[0].1), (9, 4_600, 205_400));
        // Part in QRIS, exact; the cash rest is rounded.
        let q = Tender { method: Method::Qris, amount: 100_000, reference: Some("QR1".into()) };
        let s = settle_rounded(205_391, &[q.clone(), cash(105_400)], None, to100).unwrap();
        assert_eq!((s.rounding, s.change), (9, 0));
        // QRIS for the whole amount stays exact.
        let q = Tender { amount: 205_391, ..q };
        assert_eq!(settle_rounded(205_391, &[q], None, to100).unwrap().rounding, 0);
        assert_eq!(remaining_rounded(205_391, &[cash(210_000)], to100), -4_600);
        assert_eq!(remaining_rounded(205_391, &[cash(205_000)], to100), 391);
        // Cash short of the rounded amount is a part payment.
        assert_eq!(settle_rounded(205_391, &[cash(205_000)], None, to100), Err(PayError::Short { due: 391 }));
    }

    proptest! {
        #[test]
        fn rounding_is_within_one_step(due in 1i64..10_000_000, step in proptest::sample::select(vec![100i64, 500, 1000]), down: bool) {
            let r = CashRounding { step, down };
            let paid = r.apply(due);
            prop_assert!(paid % step == 0 || paid == due);
            prop_assert!((paid - due).abs() < step);
            if down { prop_assert!(paid <= due) }
        }

        #[test]
        fn change_is_exact(total in 0i64..10_000_000, parts in proptest::collection::vec(1i64..5_000_000, 1..4)) {
            let tenders: Vec<Tender> = parts.iter().map(|a| cash(*a)).collect();
            let paid: i64 = parts.iter().sum();
            match settle(total, &tenders, None) {
                Ok(s) => {
                    prop_assert!(paid >= total);
                    let counted: i64 = s.applied.iter().map(|(_, c)| c).sum();
                    prop_assert_eq!(counted, total);
                    prop_assert_eq!(s.change, paid - total);
                }
                Err(PayError::Short { due }) => prop_assert_eq!(due, total - paid),
                Err(e) => prop_assert!(false, "{e:?}"),
            }
        }
    }
}
