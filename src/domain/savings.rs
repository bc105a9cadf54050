//! Members' savings and shop credit: the kinds of savings, the months of simpanan wajib owed,
//! the check on a withdrawal, and a member's shop credit (kasbon) by age.
//!
//! Source: DOMAIN.md "Savings and loans": simpanan pokok once on joining, simpanan wajib monthly
//! at a fixed amount, simpanan sukarela deposited and withdrawn at any time; the amounts are the
//! bylaws' (settings, `[members]`). Pokok and wajib are not withdrawn while one is a member
//! (they are returned on leaving, which is not a counter operation here).

use chrono::{Datelike, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Pokok,
    Wajib,
    Sukarela,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Pokok, Kind::Wajib, Kind::Sukarela];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Pokok => "pokok",
            Kind::Wajib => "wajib",
            Kind::Sukarela => "sukarela",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == s.trim().to_ascii_lowercase())
    }

    /// Only sukarela may be taken out at the counter.
    pub fn withdrawable(self) -> bool {
        self == Kind::Sukarela
    }
}

/// Months of simpanan wajib due from the join month to `day`'s month, both included.
pub fn wajib_months_due(joined: NaiveDate, day: NaiveDate) -> i64 {
    let months = (day.year() as i64 - joined.year() as i64) * 12 + day.month() as i64 - joined.month() as i64 + 1;
    months.max(0)
}

/// Months of wajib still owed: those due less those the deposits cover (whole months of the
/// amount). Never negative: paying ahead is allowed.
pub fn wajib_months_owed(joined: NaiveDate, day: NaiveDate, wajib_paid: i64, monthly: i64) -> i64 {
    if monthly <= 0 {
        return 0;
    }
    (wajib_months_due(joined, day) - wajib_paid / monthly).max(0)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WithdrawError {
    NotPositive,
    /// Pokok and wajib stay while one is a member.
    NotWithdrawable,
    /// More than the balance (the balance).
    AboveBalance(i64),
}

/// A withdrawal of `amount` from a balance of `balance`.
pub fn check_withdrawal(kind: Kind, amount: i64, balance: i64) -> Result<(), WithdrawError> {
    if amount <= 0 {
        return Err(WithdrawError::NotPositive);
    }
    if !kind.withdrawable() {
        return Err(WithdrawError::NotWithdrawable);
    }
    if amount > balance {
        return Err(WithdrawError::AboveBalance(balance));
    }
    Ok(())
}

/// Shop credit still owed, by age: 0-30, 31-60 and over 60 days since the sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Aged {
    pub upto_30: i64,
    pub upto_60: i64,
    pub over_60: i64,
}

impl Aged {
    pub fn total(&self) -> i64 {
        self.upto_30 + self.upto_60 + self.over_60
    }
}

/// Age what is owed: repayments pay the oldest credit first, so what is still owed is the newest
/// credit. `credits` are (sale day, amount) in any order; `repaid` is everything paid back.
pub fn age_credit(credits: &[(NaiveDate, i64)], repaid: i64, day: NaiveDate) -> Aged {
    let mut sorted: Vec<(NaiveDate, i64)> = credits.to_vec();
    sorted.sort();
    let mut left = repaid.max(0);
    let mut out = Aged::default();
    for (at, amount) in sorted {
        let paid = left.min(amount.max(0));
        left -= paid;
        let owed = amount - paid;
        if owed <= 0 {
            continue;
        }
        match (day - at).num_days() {
            d if d <= 30 => out.upto_30 += owed,
            d if d <= 60 => out.upto_60 += owed,
            _ => out.over_60 += owed,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn wajib_owed_counts_the_join_month() {
        assert_eq!(wajib_months_due(d("2026-01-31"), d("2026-01-01")), 1);
        assert_eq!(wajib_months_due(d("2025-11-15"), d("2026-02-01")), 4);
        assert_eq!(wajib_months_owed(d("2025-11-15"), d("2026-02-01"), 20_000, 10_000), 2);
        assert_eq!(wajib_months_owed(d("2025-11-15"), d("2026-02-01"), 90_000, 10_000), 0);
        assert_eq!(wajib_months_due(d("2026-03-01"), d("2026-01-01")), 0);
    }

    #[test]
    fn only_sukarela_is_withdrawn_and_never_above_its_balance() {
        assert_eq!(check_withdrawal(Kind::Sukarela, 50_000, 50_000), Ok(()));
        assert_eq!(check_withdrawal(Kind::Sukarela, 50_001, 50_000), Err(WithdrawError::AboveBalance(50_000)));
        assert_eq!(check_withdrawal(Kind::Wajib, 1, 50_000), Err(WithdrawError::NotWithdrawable));
        assert_eq!(check_withdrawal(Kind::Sukarela, 0, 50_000), Err(WithdrawError::NotPositive));
    }

    #[test]
    fn repayments_clear_the_oldest_credit_first() {
        let credits = [(d("2026-03-01"), 30_000), (d("2026-01-01"), 50_000), (d("2026-02-15"), 20_000)];
        let a = age_credit(&credits, 60_000, d("2026-03-20"));
        // 50.000 of January and 10.000 of February paid; 10.000 (33 days) and 30.000 (19 days) owed.
        assert_eq!(a, Aged { upto_30: 30_000, upto_60: 10_000, over_60: 0 });
    }

    proptest! {
        #[test]
        fn what_is_aged_is_what_is_owed(credits in prop::collection::vec((0i64..400, 1i64..1_000_000), 0..30), repaid in 0i64..10_000_000) {
            let base = d("2025-01-01");
            let c: Vec<_> = credits.iter().map(|(k, a)| (base + chrono::Duration::days(*k), *a)).collect();
            let total: i64 = c.iter().map(|x| x.1).sum();
            let aged = age_credit(&c, repaid, d("2026-03-01"));
            prop_assert_eq!(aged.total(), (total - repaid).max(0));
        }
    }
}
