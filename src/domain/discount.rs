//! Discounts and price changes at the counter: on one line or on the whole sale, as a percent or
//! an amount, or a new unit price for a line; always with a reason. Who may give them, and above
//! what amount a supervisor's PIN is needed, are the site's settings. The anchor is Odoo/OCA
//! `pos_access_right`, which keeps separate rights for giving a discount, changing a price and
//! refunding. Whole rupiah, integer arithmetic.

use crate::domain::user::Role;

/// What the cashier typed: `10%`, `12,5%`, `5.000`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Off {
    /// Basis points: 1000 = 10 %.
    Percent(i64),
    Amount(i64),
}

/// A change to a line or to the whole sale, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Discount(Off),
    /// A new unit price for the line (a price change).
    Price(i64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscountError {
    /// Not a percent or an amount.
    Unreadable,
    Zero,
    /// More than the amount it is taken from (or more than 100 %).
    AbovePrice { price: i64 },
    MissingReason,
}

/// Read `10%`, `12,5%`, `5.000`, `5000` (a discount) or, for a price change, an amount.
pub fn parse_off(typed: &str) -> Result<Off, DiscountError> {
    let s = typed.trim();
    if let Some(p) = s.strip_suffix('%') {
        let p = p.trim().replace('.', ",");
        let (whole, frac) = p.split_once(',').unwrap_or((&p, ""));
        if whole.is_empty() || frac.len() > 2 || !whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) || whole.len() > 3 {
            return Err(DiscountError::Unreadable);
        }
        let bp = whole.parse::<i64>().map_err(|_| DiscountError::Unreadable)? * 100 + format!("{frac:0<2}").parse::<i64>().unwrap_or(0);
        return if bp == 0 { Err(DiscountError::Zero) } else { Ok(Off::Percent(bp)) };
    }
    match crate::domain::money::parse_rupiah(s) {
        Some(0) => Err(DiscountError::Zero),
        Some(a) if a > 0 => Ok(Off::Amount(a)),
        _ => Err(DiscountError::Unreadable),
    }
}

/// The discount in rupiah taken from `base` (a percent rounded half up), never more than `base`.
pub fn off_amount(off: Off, base: i64) -> Result<i64, DiscountError> {
    let d = match off {
        Off::Percent(bp) => ((base as i128 * bp as i128 * 2 + 10_000) / 20_000) as i64,
        Off::Amount(a) => a,
    };
    match off {
        Off::Percent(bp) if bp > 10_000 => Err(DiscountError::AbovePrice { price: base }),
        _ if d > base => Err(DiscountError::AbovePrice { price: base }),
        _ if d <= 0 => Err(DiscountError::Zero),
        _ => Ok(d),
    }
}

/// What a change to a line takes off it: a discount on its amount, or a lower unit price times
/// the quantity (a higher price takes nothing off, and needs no approval).
pub fn line_off(change: &Change, line_amount: i64, qty_milli: i64, unit_price: i64) -> Result<i64, DiscountError> {
    match change {
        Change::Discount(off) => off_amount(*off, line_amount),
        Change::Price(p) if *p <= 0 => Err(DiscountError::Zero),
        Change::Price(p) => Ok(crate::domain::cart::line_amount(qty_milli, unit_price - p)),
    }
}

/// Who may give discounts and change prices, and above what amount a supervisor approves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscountRules {
    pub discount_roles: Vec<Role>,
    pub price_roles: Vec<Role>,
    /// A discount (or price cut) above this many rupiah needs a supervisor's PIN.
    pub approval_above: i64,
}

impl Default for DiscountRules {
    fn default() -> Self {
        // Cashiers may give small discounts; price changes and anything above Rp10.000 take a
        // supervisor's PIN (settings: sales.discount_roles, price_change_roles, discount_approval_above).
        DiscountRules { discount_roles: vec![Role::Cashier, Role::Pharmacy], price_roles: vec![], approval_above: 10_000 }
    }
}

impl DiscountRules {
    /// Whether this much off, by this role, needs a supervisor's PIN. A role without the right may
    /// still give it with a supervisor's approval; a supervisor approves their own.
    pub fn needs_approval(&self, change: &Change, role: Role, off: i64) -> bool {
        if role.approves() || off <= 0 {
            return false;
        }
        let roles = match change {
            Change::Discount(_) => &self.discount_roles,
            Change::Price(_) => &self.price_roles,
        };
        !roles.contains(&role) || off > self.approval_above
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_discounts() {
        assert_eq!(parse_off("10%"), Ok(Off::Percent(1000)));
        assert_eq!(parse_off("12,5%"), Ok(Off::Percent(1250)));
        assert_eq!(parse_off("5.000"), Ok(Off::Amount(5000)));
        assert_eq!(parse_off("0%"), Err(DiscountError::Zero));
        assert_eq!(parse_off("abc"), Err(DiscountError::Unreadable));
        assert_eq!(parse_off("1.5000"), Err(DiscountError::Unreadable));
        assert_eq!(off_amount(Off::Percent(1000), 15_700), Ok(1_570));
        assert_eq!(off_amount(Off::Percent(1250), 14_915), Ok(1_864)); // 1.864,375
        assert_eq!(off_amount(Off::Amount(20_000), 15_700), Err(DiscountError::AbovePrice { price: 15_700 }));
        assert_eq!(off_amount(Off::Percent(10_100), 15_700), Err(DiscountError::AbovePrice { price: 15_700 }));
        assert_eq!(line_off(&Change::Price(14_000), 31_400, 2_000, 15_700), Ok(3_400));
        assert_eq!(line_off(&Change::Price(16_000), 31_400, 2_000, 15_700), Ok(-600));
    }

    #[test]
    fn who_approves() {
        let r = DiscountRules { discount_roles: vec![Role::Cashier], price_roles: vec![], approval_above: 10_000 };
        let d = Change::Discount(Off::Amount(1));
        assert!(!r.needs_approval(&d, Role::Cashier, 10_000));
        assert!(r.needs_approval(&d, Role::Cashier, 10_001));
        assert!(r.needs_approval(&d, Role::Pharmacy, 1), "no right: a supervisor approves");
        assert!(r.needs_approval(&Change::Price(1), Role::Cashier, 1));
        assert!(!r.needs_approval(&Change::Price(1), Role::Cashier, -600), "a higher price takes nothing off");
        assert!(!r.needs_approval(&d, Role::Supervisor, 1_000_000));
    }
}
