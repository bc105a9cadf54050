//! First-expiry-first-out: which batches a sale takes stock from. Expired batches are never
//! taken; batches expiring within the warning window are taken (in expiry order) with a warning,
//! or refused when the site blocks them.

use chrono::NaiveDate;

/// A batch with what is on hand of it. `batch_id` None is stock kept without batches (sembako).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchStock {
    pub batch_id: Option<i64>,
    pub batch_no: Option<String>,
    pub expiry: Option<NaiveDate>,
    pub on_hand: i64,
}

/// A batch is expired on its expiry date and after (the date is the last day it is *not* sold:
/// medicine labelled ED 30-11-2026 is not handed out on that day).
pub fn is_expired(expiry: Option<NaiveDate>, today: NaiveDate) -> bool {
    expiry.is_some_and(|e| e <= today)
}

pub fn expires_within(expiry: Option<NaiveDate>, today: NaiveDate, days: i64) -> bool {
    expiry.is_some_and(|e| e > today && (e - today).num_days() <= days)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Take {
    pub batch_id: Option<i64>,
    pub batch_no: Option<String>,
    pub expiry: Option<NaiveDate>,
    pub qty_milli: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picked {
    pub takes: Vec<Take>,
    /// Some stock taken expires within the warning window (the earliest such date).
    pub expiring_soon: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickError {
    /// Not enough sellable stock: this much could be sold; `expired` is held in expired batches.
    Short { available: i64, expired: i64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    pub warn_days: i64,
    /// Refuse batches within the warning window instead of only warning.
    pub block_near_expiry: bool,
    /// The site lets this product go below zero (the shortfall is booked on the last batch).
    pub allow_negative: bool,
}

pub fn pick(batches: &[BatchStock], qty_milli: i64, today: NaiveDate, rules: Rules) -> Result<Picked, PickError> {
    let mut usable: Vec<&BatchStock> = batches
        .iter()
        .filter(|b| !is_expired(b.expiry, today))
        .filter(|b| !(rules.block_near_expiry && expires_within(b.expiry, today, rules.warn_days)))
        .collect();
    // Earliest expiry first; stock without a date last; then the older batch.
    usable.sort_by_key(|b| (b.expiry.is_none(), b.expiry, b.batch_id));
    let expired: i64 = batches.iter().filter(|b| is_expired(b.expiry, today)).map(|b| b.on_hand.max(0)).sum();
    let available: i64 = usable.iter().map(|b| b.on_hand.max(0)).sum();
    let mut left = qty_milli;
    let mut takes = Vec::new();
    let mut soon = None;
    for b in &usable {
        if left == 0 {
            break;
        }
        let n = b.on_hand.max(0).min(left);
        if n > 0 {
            takes.push(Take { batch_id: b.batch_id, batch_no: b.batch_no.clone(), expiry: b.expiry, qty_milli: n });
            left -= n;
            if expires_within(b.expiry, today, rules.warn_days) {
                soon = soon.min(b.expiry).or(b.expiry);
            }
        }
    }
    if left > 0 {
        if !rules.allow_negative {
            return Err(PickError::Short { available, expired });
        }
        // The shortfall goes on the latest usable batch (or unbatched stock when there is none).
        let last = usable.last();
        match takes.iter_mut().find(|t| last.is_some_and(|l| l.batch_id == t.batch_id)) {
            Some(t) => t.qty_milli += left,
            None => takes.push(Take {
                batch_id: last.and_then(|b| b.batch_id),
                batch_no: last.and_then(|b| b.batch_no.clone()),
                expiry: last.and_then(|b| b.expiry),
                qty_milli: left,
            }),
        }
    }
    Ok(Picked { takes, expiring_soon: soon })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn b(id: i64, expiry: Option<&str>, on_hand: i64) -> BatchStock {
        BatchStock { batch_id: Some(id), batch_no: Some(format!("B{id}")), expiry: expiry.map(d), on_hand }
    }

    const RULES: Rules = Rules { warn_days: 30, block_near_expiry: false, allow_negative: false };

    #[test]
    fn earliest_expiry_first_and_never_expired() {
        let today = d("2026-11-23");
        let batches = [b(1, Some("2027-06-01"), 10_000), b(2, Some("2026-12-10"), 3_000), b(3, Some("2026-11-23"), 50_000)];
        let p = pick(&batches, 5_000, today, RULES).unwrap();
        assert_eq!(p.takes.iter().map(|t| (t.batch_id, t.qty_milli)).collect::<Vec<_>>(), vec![(Some(2), 3_000), (Some(1), 2_000)]);
        assert_eq!(p.expiring_soon, Some(d("2026-12-10")));
        assert_eq!(pick(&batches, 14_000, today, RULES), Err(PickError::Short { available: 13_000, expired: 50_000 }));
    }

    #[test]
    fn blocking_near_expiry_and_negative_stock() {
        let today = d("2026-11-23");
        let batches = [b(1, Some("2027-06-01"), 1_000), b(2, Some("2026-12-10"), 3_000)];
        let block = Rules { block_near_expiry: true, ..RULES };
        assert_eq!(pick(&batches, 2_000, today, block), Err(PickError::Short { available: 1_000, expired: 0 }));
        let neg = Rules { allow_negative: true, ..RULES };
        let p = pick(&batches, 6_000, today, neg).unwrap();
        assert_eq!(p.takes.iter().map(|t| (t.batch_id, t.qty_milli)).collect::<Vec<_>>(), vec![(Some(2), 3_000), (Some(1), 3_000)]);
        let none = BatchStock { batch_id: None, batch_no: None, expiry: None, on_hand: 0 };
        let p = pick(&[none], 2_000, today, neg).unwrap();
        assert_eq!(p.takes[0].qty_milli, 2_000);
    }

    proptest! {
        #[test]
        fn takes_add_up_and_skip_expired(stock in proptest::collection::vec((0i64..60, 0i64..5_000), 1..6), qty in 1i64..20_000) {
            let today = d("2026-11-23");
            let batches: Vec<BatchStock> = stock.iter().enumerate()
                .map(|(i, (days, n))| BatchStock { batch_id: Some(i as i64), batch_no: None, expiry: Some(today + chrono::Duration::days(*days - 10)), on_hand: *n })
                .collect();
            match pick(&batches, qty, today, RULES) {
                Ok(p) => {
                    prop_assert_eq!(p.takes.iter().map(|t| t.qty_milli).sum::<i64>(), qty);
                    for t in &p.takes {
                        prop_assert!(!is_expired(t.expiry, today));
                        let b = &batches[t.batch_id.unwrap() as usize];
                        prop_assert!(t.qty_milli <= b.on_hand);
                    }
                    let mut exp: Vec<_> = p.takes.iter().map(|t| t.expiry).collect();
                    let sorted = { let mut s = exp.clone(); s.sort(); s };
                    prop_assert_eq!(std::mem::take(&mut exp), sorted);
                }
                Err(PickError::Short { available, .. }) => prop_assert!(available < qty),
            }
        }
    }
}
