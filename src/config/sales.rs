//! The `[sales]` section: VAT, expiry, weighed barcodes, member credit, QRIS and the drug rules.

use super::{ConfigError, ConfigProblem};
use serde::Deserialize;

/// The sale counter: VAT, expiry, weighed barcodes, member credit, QRIS and the drug rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SalesSettings {
    /// The site charges VAT (turnover above Rp4,8 miliar a year); prices include it.
    pub charges_vat: bool,
    /// Batches expiring within this many days warn (and are refused with `block_near_expiry`).
    pub expiring_days: i64,
    pub block_near_expiry: bool,
    pub weighed: crate::domain::weighed::Layout,
    /// Member credit limit unless a member has their own.
    pub member_credit_limit: i64,
    /// The merchant's static QRIS payload; with it a dynamic QR with the amount can be shown.
    pub qris_payload: Option<String>,
    pub drug_policy: crate::domain::drug_policy::Policy,
    /// Low stock below this many units when a product has no reorder level.
    pub low_stock_units: i64,
    /// Change above this (and above the bill) is confirmed a second time.
    pub change_confirm_above: i64,
    /// Cash rounding (none by default); QRIS and member credit stay exact.
    pub cash_rounding: crate::domain::payment::CashRounding,
    /// Who may give discounts and change prices, and when a supervisor approves.
    pub discounts: crate::domain::discount::DiscountRules,
    /// Reordering: average daily sales over this many days, times the supplier's lead time plus
    /// the safety days, less the stock on hand.
    pub reorder_days: i64,
    pub lead_time_days: i64,
    pub safety_days: i64,
    /// Lead times of particular suppliers (days), by the name used when receiving.
    pub lead_times: std::collections::BTreeMap<String, i64>,
}

impl SalesSettings {
    /// A supplier's lead time in days (the default when none is set for it).
    pub fn lead_time(&self, supplier: Option<&str>) -> i64 {
        supplier.and_then(|s| self.lead_times.get(s).copied()).unwrap_or(self.lead_time_days)
    }
}

impl Default for SalesSettings {
    fn default() -> Self {
        SalesSettings {
            charges_vat: false,
            expiring_days: 30,
            block_near_expiry: false,
            weighed: crate::domain::weighed::Layout::default(),
            member_credit_limit: 500_000,
            qris_payload: None,
            drug_policy: crate::domain::drug_policy::Policy::default(),
            low_stock_units: 5,
            change_confirm_above: 100_000,
            cash_rounding: crate::domain::payment::CashRounding::NONE,
            discounts: crate::domain::discount::DiscountRules::default(),
            reorder_days: 30,
            lead_time_days: 7,
            safety_days: 3,
            lead_times: Default::default(),
        }
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawSales {
    vat: Option<bool>,
    expiring_days: Option<u32>,
    block_near_expiry: Option<bool>,
    weighed_layout: Option<String>,
    weighed_value: Option<String>,
    member_credit_limit: Option<i64>,
    qris_payload: Option<String>,
    low_stock_units: Option<u32>,
    change_confirm_above: Option<i64>,
    cash_rounding: Option<i64>,
    cash_rounding_mode: Option<String>,
    discount_roles: Option<Vec<String>>,
    price_change_roles: Option<Vec<String>>,
    discount_approval_above: Option<i64>,
    reorder_days: Option<u32>,
    lead_time_days: Option<u32>,
    safety_days: Option<u32>,
    lead_times: std::collections::BTreeMap<String, u32>,
    drugs: std::collections::BTreeMap<String, String>,
}

pub(super) fn sales_settings(raw: &RawSales, err: &dyn Fn(&str, ConfigProblem) -> ConfigError) -> Result<SalesSettings, ConfigError> {
    use crate::domain::{drug_policy, weighed};
    let mut out = SalesSettings::default();
    out.charges_vat = raw.vat.unwrap_or(false);
    out.block_near_expiry = raw.block_near_expiry.unwrap_or(false);
    if let Some(d) = raw.expiring_days {
        if d > 730 {
            return Err(err("sales.expiring_days", ConfigProblem::OutOfRange { min: 0, max: 730 }));
        }
        out.expiring_days = d as i64;
    }
    if let Some(n) = raw.low_stock_units {
        if n > 100_000 {
            return Err(err("sales.low_stock_units", ConfigProblem::OutOfRange { min: 0, max: 100_000 }));
        }
        out.low_stock_units = n as i64;
    }
    for (key, value, min, target) in [
        ("sales.reorder_days", raw.reorder_days, 1, &mut out.reorder_days),
        ("sales.lead_time_days", raw.lead_time_days, 0, &mut out.lead_time_days),
        ("sales.safety_days", raw.safety_days, 0, &mut out.safety_days),
    ] {
        if let Some(v) = value {
            if !(min..=365).contains(&v) {
                return Err(err(key, ConfigProblem::OutOfRange { min, max: 365 }));
            }
            *target = v as i64;
        }
    }
    for (supplier, days) in &raw.lead_times {
        if *days > 365 {
            return Err(err(&format!("sales.lead_times.{supplier}"), ConfigProblem::OutOfRange { min: 0, max: 365 }));
        }
        out.lead_times.insert(supplier.clone(), *days as i64);
    }
    let embedded = match raw.weighed_value.as_deref() {
        None | Some("weight") => weighed::Embedded::Weight,
        Some("price") => weighed::Embedded::Price,
        Some(other) => return Err(err("sales.weighed_value", ConfigProblem::NotOneOf { value: other.into(), allowed: "weight, price" })),
    };
    let pattern = raw.weighed_layout.clone().unwrap_or_else(|| weighed::Layout::default().pattern().to_string());
    out.weighed = weighed::Layout::new(&pattern, embedded)
        .map_err(|_| err("sales.weighed_layout", ConfigProblem::NotOneOf { value: pattern.clone(), allowed: "13 of P I V X C, e.g. PPIIIIIVVVVVC" }))?;
    if let Some(limit) = raw.member_credit_limit {
        if !(0..=1_000_000_000).contains(&limit) {
            return Err(err("sales.member_credit_limit", ConfigProblem::OutOfRange { min: 0, max: 1_000_000_000 }));
        }
        out.member_credit_limit = limit;
    }
    if let Some(p) = raw.qris_payload.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        if crate::domain::qris::verify(p).is_err() {
            return Err(err("sales.qris_payload", ConfigProblem::NotOneOf { value: p.chars().take(20).collect(), allowed: "an EMVCo QRIS payload ending in a valid CRC (tag 63)" }));
        }
        out.qris_payload = Some(p.to_string());
    }
    if let Some(limit) = raw.change_confirm_above {
        if !(0..=100_000_000).contains(&limit) {
            return Err(err("sales.change_confirm_above", ConfigProblem::OutOfRange { min: 0, max: 100_000_000 }));
        }
        out.change_confirm_above = limit;
    }
    if let Some(step) = raw.cash_rounding {
        if !crate::domain::payment::CashRounding::STEPS.contains(&step) {
            return Err(err("sales.cash_rounding", ConfigProblem::NotOneOf { value: step.to_string(), allowed: "0 (none), 100, 500, 1000" }));
        }
        out.cash_rounding.step = step;
    }
    match raw.cash_rounding_mode.as_deref() {
        None | Some("nearest") => {}
        Some("down") => out.cash_rounding.down = true,
        Some(other) => return Err(err("sales.cash_rounding_mode", ConfigProblem::NotOneOf { value: other.into(), allowed: "nearest, down" })),
    }
    let roles = |key: &str, list: &[String]| -> Result<Vec<crate::domain::user::Role>, ConfigError> {
        list.iter()
            .map(|r| r.parse().map_err(|_| err(key, ConfigProblem::NotOneOf { value: r.clone(), allowed: "clerk, cashier, pharmacy, supervisor, admin" })))
            .collect()
    };
    if let Some(list) = &raw.discount_roles {
        out.discounts.discount_roles = roles("sales.discount_roles", list)?;
    }
    if let Some(list) = &raw.price_change_roles {
        out.discounts.price_roles = roles("sales.price_change_roles", list)?;
    }
    if let Some(limit) = raw.discount_approval_above {
        if !(0..=100_000_000).contains(&limit) {
            return Err(err("sales.discount_approval_above", ConfigProblem::OutOfRange { min: 0, max: 100_000_000 }));
        }
        out.discounts.approval_above = limit;
    }
    for (class, rule) in &raw.drugs {
        let key = format!("sales.drugs.{class}");
        let c = drug_policy::DrugClass::parse(class).ok_or_else(|| err(&key, ConfigProblem::UnknownKey))?;
        let r = drug_policy::Rule::parse(rule)
            .ok_or_else(|| err(&key, ConfigProblem::NotOneOf { value: rule.clone(), allowed: "free, prescription, refused" }))?;
        out.drug_policy.set(c, r);
    }
    Ok(out)
}

