//! The year-end share of surplus (sisa hasil usaha, SHU) for the members' meeting (RAT).
//!
//! Source: DOMAIN.md "Savings and loans" and UU 25/1992 on cooperatives, art. 45 (the surplus is
//! shared in proportion to each member's services to the cooperative, as the bylaws set). The
//! supervisor enters the part of the surplus that goes to the members; the bylaws (settings,
//! `[members.shu]`) split it into the reward for capital (jasa modal, by each member's average
//! savings) and the reward for use (jasa usaha, by each member's purchases in the shop and
//! pharmacy plus the loan interest paid).
//!
//! Rounding, stated: each pool is shared by the largest-remainder method. Every member's share is
//! first rounded down to a whole rupiah; the rupiah left over go one each to the members with the
//! largest fractions (ties: the lower member number first). So every pool adds up exactly to
//! what it shares out. A pool nobody has any weight in (no savings at all) is not shared and is
//! reported as left over.

/// One member's weights for the year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Weights {
    /// Sum of the member's month-end savings balances over the year (12 balances; their sum
    /// shares in the same proportions as their average, with no rounding).
    pub savings: i64,
    /// Shop and pharmacy purchases plus loan interest paid in the year.
    pub use_: i64,
}

/// The bylaws' split of the members' surplus, in basis points (10_000 = 100 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    pub capital_bp: i64,
    pub use_bp: i64,
}

impl Split {
    pub fn is_valid(&self) -> bool {
        self.capital_bp >= 0 && self.use_bp >= 0 && self.capital_bp + self.use_bp == 10_000
    }
}

/// One member's share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Share {
    pub capital: i64,
    pub use_: i64,
}

impl Share {
    pub fn total(&self) -> i64 {
        self.capital + self.use_
    }
}

/// The whole division: a share per member (in the order given), each pool, and what was left
/// over (a pool nobody had any weight in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    pub shares: Vec<Share>,
    pub capital_pool: i64,
    pub use_pool: i64,
    pub left_over: i64,
}

/// Share `pool` by `weights`, largest remainder (see the module's note).
pub fn share_out(pool: i64, weights: &[i64]) -> Vec<i64> {
    let sum: i128 = weights.iter().map(|w| (*w).max(0) as i128).sum();
    if pool <= 0 || sum == 0 {
        return vec![0; weights.len()];
    }
    let mut out = Vec::with_capacity(weights.len());
    let mut rest: Vec<(i128, usize)> = Vec::with_capacity(weights.len());
    let mut given: i64 = 0;
    for (i, w) in weights.iter().enumerate() {
        let x = pool as i128 * (*w).max(0) as i128;
        let whole = (x / sum) as i64;
        out.push(whole);
        given += whole;
        rest.push((x % sum, i));
    }
    // Largest fraction first; a tie goes to the earlier member.
    rest.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, i) in rest.iter().take((pool - given) as usize) {
        out[*i] += 1;
    }
    out
}

/// Divide the members' surplus `amount` (whole rupiah) by the bylaws' split.
pub fn divide(amount: i64, split: Split, members: &[Weights]) -> Division {
    let amount = amount.max(0);
    let capital_pool = (amount as i128 * split.capital_bp as i128 / 10_000) as i64;
    // The use pool takes the rupiah the percentage split leaves (stated: rounding in its favour).
    let use_pool = amount - capital_pool;
    let capital = share_out(capital_pool, &members.iter().map(|m| m.savings).collect::<Vec<_>>());
    let use_ = share_out(use_pool, &members.iter().map(|m| m.use_).collect::<Vec<_>>());
    let shares: Vec<Share> = capital.iter().zip(&use_).map(|(c, u)| Share { capital: *c, use_: *u }).collect();
    let given: i64 = shares.iter().map(Share::total).sum();
    Division { shares, capital_pool, use_pool, left_over: amount - given }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn three_members_share_a_thousand_rupiah() {
        let m = |s, u| Weights { savings: s, use_: u };
        let d = divide(1_000, Split { capital_bp: 4_000, use_bp: 6_000 }, &[m(1, 1), m(1, 1), m(1, 1)]);
        // 400 / 3 = 133 r 1 each: the first member gets the spare rupiah; 600 / 3 = 200.
        assert_eq!(d.shares.iter().map(|s| (s.capital, s.use_)).collect::<Vec<_>>(), vec![(134, 200), (133, 200), (133, 200)]);
        assert_eq!(d.left_over, 0);
    }

    #[test]
    fn nobody_with_savings_leaves_the_capital_pool_over() {
        let d = divide(1_000, Split { capital_bp: 5_000, use_bp: 5_000 }, &[Weights { savings: 0, use_: 10 }]);
        assert_eq!((d.shares[0].capital, d.shares[0].use_, d.left_over), (0, 500, 500));
    }

    proptest! {
        #[test]
        fn the_shares_add_up_to_the_amount_divided(
            amount in 0i64..10_000_000_000,
            capital_bp in 0i64..=10_000,
            members in prop::collection::vec((1i64..1_000_000_000, 0i64..1_000_000_000), 1..200),
        ) {
            let ws: Vec<Weights> = members.iter().map(|(s, u)| Weights { savings: *s, use_: *u }).collect();
            let d = divide(amount, Split { capital_bp, use_bp: 10_000 - capital_bp }, &ws);
            prop_assert_eq!(d.capital_pool + d.use_pool, amount);
            prop_assert_eq!(d.shares.iter().map(|s| s.capital).sum::<i64>(), d.capital_pool);
            let use_sum: i64 = d.shares.iter().map(|s| s.use_).sum();
            let any_use = ws.iter().any(|w| w.use_ > 0);
            prop_assert_eq!(use_sum, if any_use { d.use_pool } else { 0 });
            prop_assert_eq!(d.shares.iter().map(Share::total).sum::<i64>() + d.left_over, amount);
            // Each share is within one rupiah of its exact proportion.
            let sum: i128 = ws.iter().map(|w| w.savings as i128).sum();
            for (s, w) in d.shares.iter().zip(&ws) {
                let exact = d.capital_pool as i128 * w.savings as i128;
                prop_assert!((s.capital as i128 * sum - exact).abs() < sum);
            }
        }
    }
}
