//! Loans of the savings-and-loan unit (unit simpan pinjam): the schedule of a loan, how a payment
//! is split over what is owed, what settles a loan early, and the days a loan is overdue (its
//! grade is `arrears.rs`).
//!
//! Sources: DOMAIN.md "Savings and loans" (interest per month, flat on the original principal or
//! declining on what is still owed; payments go to fees, then interest, then principal). The
//! order of application follows Apache Fineract's default "penalties, fees, interest, principal"
//! per installment, oldest installment first. The rounding is ours and stated in the README:
//! - every amount is whole rupiah;
//! - an installment's interest is rounded on its own, to the nearest rupiah with halves up;
//! - the principal is cut into equal whole-rupiah parts (rounded down) and the last installment
//!   takes what is left, so the principal of a schedule adds up to the loan exactly.
//!
//! The schedule, the slip and the statement all read the stored schedule, so they cannot differ.

use chrono::{Months, NaiveDate};

/// How a product charges interest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// On the original principal every month (bunga flat).
    Flat,
    /// On the principal still owed at the start of each month (bunga menurun, equal principal).
    Declining,
}

impl Method {
    pub fn code(self) -> &'static str {
        match self {
            Method::Flat => "flat",
            Method::Declining => "declining",
        }
    }

    pub fn parse(s: &str) -> Option<Method> {
        match s.trim().to_ascii_lowercase().as_str() {
            "flat" => Some(Method::Flat),
            "declining" | "menurun" => Some(Method::Declining),
            _ => None,
        }
    }
}

/// How a late installment is charged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LateFee {
    None,
    /// This many rupiah for every day an installment is overdue.
    PerDay(i64),
    /// This many rupiah once, when an installment is overdue.
    PerInstallment(i64),
}

impl LateFee {
    /// The fee for an installment overdue by `days` (0 or less: not late).
    pub fn for_days(self, days: i64) -> i64 {
        if days <= 0 {
            return 0;
        }
        match self {
            LateFee::None => 0,
            LateFee::PerDay(f) => f.saturating_mul(days),
            LateFee::PerInstallment(f) => f,
        }
    }
}

/// What a loan is asked for, checked against its product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms {
    pub principal: i64,
    /// Interest per month in basis points of the principal (150 = 1,5 % a month).
    pub rate_bp: i64,
    pub tenor_months: u32,
    pub method: Method,
}

/// One line of a schedule: due date, principal, interest, and the principal still owed after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Installment {
    pub no: u32,
    pub due: NaiveDate,
    pub principal: i64,
    pub interest: i64,
    pub remaining: i64,
}

impl Installment {
    pub fn total(&self) -> i64 {
        self.principal + self.interest
    }
}

/// `amount * bp / 10_000` rounded to the nearest rupiah, halves up (amounts are never negative).
pub fn interest_of(amount: i64, rate_bp: i64) -> i64 {
    let x = amount as i128 * rate_bp as i128;
    ((x + 5_000) / 10_000) as i64
}

/// The due date of installment `no` (1-based): the same day `no` months after disbursement, or
/// the month's last day when it has fewer days (31 Jan -> 28/29 Feb).
pub fn due_date(disbursed: NaiveDate, no: u32) -> NaiveDate {
    disbursed.checked_add_months(Months::new(no)).unwrap_or(disbursed)
}

/// The schedule of a loan disbursed on `disbursed`. Principal: equal whole-rupiah parts rounded
/// down, the last takes the rest. Interest: flat on the original principal, or declining on the
/// principal owed before each installment; each rounded on its own, halves up.
pub fn schedule(t: &Terms, disbursed: NaiveDate) -> Vec<Installment> {
    let n = t.tenor_months.max(1) as i64;
    let part = t.principal / n;
    let mut owed = t.principal;
    let mut out = Vec::with_capacity(n as usize);
    for no in 1..=n {
        let principal = if no == n { owed } else { part };
        let base = match t.method {
            Method::Flat => t.principal,
            Method::Declining => owed,
        };
        let interest = interest_of(base, t.rate_bp);
        owed -= principal;
        out.push(Installment { no: no as u32, due: due_date(disbursed, no as u32), principal, interest, remaining: owed });
    }
    out
}

/// What is still owed on one installment and what has been paid towards it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Owed {
    pub late_fee: i64,
    pub interest: i64,
    pub principal: i64,
}

impl Owed {
    pub fn total(&self) -> i64 {
        self.late_fee + self.interest + self.principal
    }
}

/// An installment as it stands: its schedule line and what was paid towards it so far.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub line: Installment,
    pub paid: Owed,
}

impl Standing {
    pub fn is_paid(&self) -> bool {
        self.paid.principal >= self.line.principal && self.paid.interest >= self.line.interest
    }

    /// Days overdue on `day` while not fully paid.
    pub fn days_late(&self, day: NaiveDate) -> i64 {
        if self.is_paid() {
            0
        } else {
            (day - self.line.due).num_days().max(0)
        }
    }

    /// What is owed on `day`: the late fee assessed so far less what was paid of it, and the rest
    /// of the interest and principal.
    pub fn owed(&self, day: NaiveDate, fee: LateFee) -> Owed {
        Owed {
            late_fee: (fee.for_days(self.days_late(day)) - self.paid.late_fee).max(0),
            interest: (self.line.interest - self.paid.interest).max(0),
            principal: (self.line.principal - self.paid.principal).max(0),
        }
    }
}

/// How a payment was applied: per installment, what went to its late fee, interest and principal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Split {
    pub parts: Vec<(u32, Owed)>,
}

impl Split {
    pub fn total(&self) -> Owed {
        self.parts.iter().fold(Owed::default(), |a, (_, o)| Owed {
            late_fee: a.late_fee + o.late_fee,
            interest: a.interest + o.interest,
            principal: a.principal + o.principal,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayError {
    NotPositive,
    /// Nothing is owed: the loan is paid off.
    PaidOff,
    /// More than everything still owed (the most that may be paid).
    TooMuch(i64),
}

/// Everything still owed on `day`: every installment's late fee, interest and principal.
pub fn total_owed(standing: &[Standing], day: NaiveDate, fee: LateFee) -> i64 {
    standing.iter().map(|s| s.owed(day, fee).total()).sum()
}

/// Split `amount` over the installments oldest first, each in the order late fee, interest,
/// principal (DOMAIN.md; Fineract's default order). A payment above everything still owed is
/// refused (early settlement is `settlement`).
pub fn apply(standing: &[Standing], amount: i64, day: NaiveDate, fee: LateFee) -> Result<Split, PayError> {
    if amount <= 0 {
        return Err(PayError::NotPositive);
    }
    let owed = total_owed(standing, day, fee);
    if owed == 0 {
        return Err(PayError::PaidOff);
    }
    if amount > owed {
        return Err(PayError::TooMuch(owed));
    }
    let mut left = amount;
    let mut split = Split::default();
    for s in standing {
        if left == 0 {
            break;
        }
        let o = s.owed(day, fee);
        let late_fee = left.min(o.late_fee);
        left -= late_fee;
        let interest = left.min(o.interest);
        left -= interest;
        let principal = left.min(o.principal);
        left -= principal;
        let part = Owed { late_fee, interest, principal };
        if part.total() > 0 {
            split.parts.push((s.line.no, part));
        }
    }
    Ok(split)
}

/// What settles a loan early on `day`: every late fee assessed, the interest of installments
/// already due, and all the principal still owed; the interest of installments not yet due is
/// not charged.
pub fn settlement(standing: &[Standing], day: NaiveDate, fee: LateFee) -> Split {
    let mut split = Split::default();
    for s in standing {
        let o = s.owed(day, fee);
        let interest = if s.line.due <= day { o.interest } else { 0 };
        let part = Owed { late_fee: o.late_fee, interest, principal: o.principal };
        if part.total() > 0 {
            split.parts.push((s.line.no, part));
        }
    }
    split
}

/// Days overdue of a loan on `day`: from the due date of its oldest installment not fully paid.
pub fn days_overdue(standing: &[Standing], day: NaiveDate) -> i64 {
    standing.iter().map(|s| s.days_late(day)).max().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn standing(sched: &[Installment]) -> Vec<Standing> {
        sched.iter().map(|l| Standing { line: l.clone(), paid: Owed::default() }).collect()
    }

    fn pay(st: &mut [Standing], split: &Split) {
        for (no, o) in &split.parts {
            let s = st.iter_mut().find(|s| s.line.no == *no).unwrap();
            s.paid.late_fee += o.late_fee;
            s.paid.interest += o.interest;
            s.paid.principal += o.principal;
        }
    }

    #[test]
    fn a_flat_loan_of_one_million_over_three_months() {
        let t = Terms { principal: 1_000_000, rate_bp: 150, tenor_months: 3, method: Method::Flat };
        let s = schedule(&t, d("2026-01-31"));
        let rows: Vec<_> = s.iter().map(|i| (i.due.to_string(), i.principal, i.interest, i.remaining)).collect();
        assert_eq!(
            rows,
            vec![
                ("2026-02-28".to_string(), 333_333, 15_000, 666_667),
                ("2026-03-31".to_string(), 333_333, 15_000, 333_334),
                ("2026-04-30".to_string(), 333_334, 15_000, 0),
            ]
        );
    }

    #[test]
    fn declining_interest_is_on_what_is_still_owed() {
        let t = Terms { principal: 1_000_000, rate_bp: 150, tenor_months: 3, method: Method::Declining };
        let s = schedule(&t, d("2026-01-10"));
        let interest: Vec<_> = s.iter().map(|i| i.interest).collect();
        // 1.5 % of 1.000.000, of 666.667 (10.000,005 -> 10.000) and of 333.334 (5.000,01 -> 5.000).
        assert_eq!(interest, vec![15_000, 10_000, 5_000]);
        assert_eq!(interest_of(333_333, 150), 5_000);
        assert_eq!(interest_of(100, 50), 1); // 0,5 rounds up
        assert_eq!(interest_of(100, 49), 0);
    }

    #[test]
    fn a_payment_goes_to_the_late_fee_then_interest_then_principal() {
        let t = Terms { principal: 300_000, rate_bp: 200, tenor_months: 3, method: Method::Flat };
        let st = standing(&schedule(&t, d("2026-01-01")));
        // Installment 1 (100.000 + 6.000) due 1 Feb, paid 11 Feb: 10 days at Rp1.000.
        let split = apply(&st, 20_000, d("2026-02-11"), LateFee::PerDay(1_000)).unwrap();
        assert_eq!(split.parts, vec![(1, Owed { late_fee: 10_000, interest: 6_000, principal: 4_000 })]);
        assert_eq!(apply(&st, 0, d("2026-02-11"), LateFee::None), Err(PayError::NotPositive));
        assert_eq!(apply(&st, 318_001, d("2026-01-02"), LateFee::None), Err(PayError::TooMuch(318_000)));
    }

    #[test]
    fn a_paid_off_loan_takes_no_more() {
        let t = Terms { principal: 200_000, rate_bp: 100, tenor_months: 2, method: Method::Flat };
        let mut st = standing(&schedule(&t, d("2026-01-01")));
        let split = apply(&st, 204_000, d("2026-01-15"), LateFee::PerInstallment(5_000)).unwrap();
        pay(&mut st, &split);
        assert_eq!(apply(&st, 1, d("2026-05-15"), LateFee::PerInstallment(5_000)), Err(PayError::PaidOff));
        assert_eq!(days_overdue(&st, d("2027-01-01")), 0);
    }

    #[test]
    fn early_settlement_charges_no_future_interest() {
        let t = Terms { principal: 300_000, rate_bp: 200, tenor_months: 3, method: Method::Flat };
        let st = standing(&schedule(&t, d("2026-01-01")));
        let s = settlement(&st, d("2026-02-05"), LateFee::PerInstallment(2_500));
        let total = s.total();
        assert_eq!((total.late_fee, total.interest, total.principal), (2_500, 6_000, 300_000));
    }

    fn terms() -> impl Strategy<Value = Terms> {
        (1i64..2_000_000_000, 0i64..1_000, 1u32..=120, prop::bool::ANY).prop_map(|(principal, rate_bp, tenor_months, flat)| Terms {
            principal,
            rate_bp,
            tenor_months,
            method: if flat { Method::Flat } else { Method::Declining },
        })
    }

    proptest! {
        #[test]
        fn a_schedules_principal_adds_up_to_the_loan(t in terms()) {
            let s = schedule(&t, d("2026-03-31"));
            prop_assert_eq!(s.len() as u32, t.tenor_months);
            prop_assert_eq!(s.iter().map(|i| i.principal).sum::<i64>(), t.principal);
            prop_assert_eq!(s.last().unwrap().remaining, 0);
            prop_assert!(s.iter().all(|i| i.principal >= 0 && i.interest >= 0));
            prop_assert!(s.windows(2).all(|w| w[0].due < w[1].due));
        }

        #[test]
        fn declining_interest_is_computed_on_what_is_still_owed(t in terms()) {
            let t = Terms { method: Method::Declining, ..t };
            let s = schedule(&t, d("2026-01-15"));
            let mut owed = t.principal;
            for i in &s {
                prop_assert_eq!(i.interest, interest_of(owed, t.rate_bp));
                owed -= i.principal;
                prop_assert_eq!(i.remaining, owed);
            }
        }

        /// Payments in any split: every rupiah received is accounted for as fee, interest or
        /// principal, and once everything is paid the principal paid is the loan.
        #[test]
        fn installments_paid_in_any_split_account_for_every_rupiah(
            t in terms().prop_map(|t| Terms { principal: t.principal % 50_000_000 + 1, ..t }),
            cuts in prop::collection::vec((1i64..5_000_000, 0i64..60), 1..40),
            per_day in prop::bool::ANY,
        ) {
            let fee = if per_day { LateFee::PerDay(500) } else { LateFee::PerInstallment(10_000) };
            let start = d("2026-01-01");
            let mut st = standing(&schedule(&t, start));
            let mut day = start;
            let mut received = 0i64;
            for (amount, step) in cuts {
                day += chrono::Duration::days(step);
                let owed = total_owed(&st, day, fee);
                if owed == 0 { break; }
                let amount = amount.min(owed);
                let split = apply(&st, amount, day, fee).unwrap();
                prop_assert_eq!(split.total().total(), amount);
                pay(&mut st, &split);
                received += amount;
            }
            let paid = st.iter().fold(0, |a, s| a + s.paid.total());
            prop_assert_eq!(paid, received);
            prop_assert!(st.iter().all(|s| s.paid.principal <= s.line.principal && s.paid.interest <= s.line.interest));
            // Settle what is left: the principal paid is then the loan.
            let rest = settlement(&st, day, fee);
            pay(&mut st, &rest);
            prop_assert_eq!(st.iter().map(|s| s.paid.principal).sum::<i64>(), t.principal);
        }
    }
}
