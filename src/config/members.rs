//! The `[members]` section: the savings amounts of the bylaws (AD/ART), who must approve a
//! withdrawal, the loan products, the arrears thresholds and the SHU split. The bylaws decide
//! these, not a regulation (DOMAIN.md "Savings and loans"), so every one is a setting.
//!
//! ```toml
//! [members]
//! pokok = 100000                 # simpanan pokok, once on joining
//! wajib = 20000                  # simpanan wajib, each month
//! withdrawal_approval_above = 1000000
//! number_prefix = "A"            # member numbers A-000001
//! [members.arrears]              # days overdue that start each grade
//! kurang_lancar = 90
//! diragukan = 180
//! macet = 270
//! [members.shu]                  # the members' surplus: reward for capital / for use, percent
//! capital_percent = 40
//! use_percent = 60
//! [[members.loans]]
//! name = "Pinjaman Umum"
//! rate_percent_month = "1.5"     # per month, up to two decimals
//! method = "flat"                # or "declining"
//! max_tenor_months = 24
//! max_amount = 10000000
//! admin_fee = 25000
//! late_fee_per_day = 1000        # or late_fee_per_installment
//! ```

use super::{ConfigError, ConfigProblem};
use crate::domain::arrears::Thresholds;
use crate::domain::loans::{LateFee, Method};
use crate::domain::shu::Split;
use serde::Deserialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoanProduct {
    pub name: String,
    /// Interest per month in basis points (150 = 1,5 %).
    pub rate_bp: i64,
    pub method: Method,
    pub max_tenor_months: u32,
    pub max_amount: i64,
    pub admin_fee: i64,
    pub late_fee: LateFee,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberSettings {
    pub pokok: i64,
    pub wajib: i64,
    /// A sukarela withdrawal above this needs a supervisor's PIN.
    pub withdrawal_approval_above: i64,
    pub number_prefix: String,
    pub arrears: Thresholds,
    pub shu: Split,
    pub loans: Vec<LoanProduct>,
}

impl Default for MemberSettings {
    fn default() -> Self {
        MemberSettings {
            pokok: 100_000,
            wajib: 20_000,
            withdrawal_approval_above: 1_000_000,
            number_prefix: "A".into(),
            arrears: Thresholds::default(),
            shu: Split { capital_bp: 4_000, use_bp: 6_000 },
            loans: vec![LoanProduct {
                name: "Pinjaman Umum".into(),
                rate_bp: 150,
                method: Method::Flat,
                max_tenor_months: 24,
                max_amount: 10_000_000,
                admin_fee: 25_000,
                late_fee: LateFee::PerDay(1_000),
            }],
        }
    }
}

impl MemberSettings {
    pub fn product(&self, name: &str) -> Option<&LoanProduct> {
        self.loans.iter().find(|p| p.name.eq_ignore_ascii_case(name.trim()))
    }
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawMembers {
    pokok: Option<i64>,
    wajib: Option<i64>,
    withdrawal_approval_above: Option<i64>,
    number_prefix: Option<String>,
    arrears: Option<RawArrears>,
    shu: Option<RawShu>,
    loans: Option<Vec<RawLoan>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawArrears {
    kurang_lancar: i64,
    diragukan: i64,
    macet: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawShu {
    capital_percent: i64,
    use_percent: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLoan {
    name: String,
    rate_percent_month: String,
    method: String,
    max_tenor_months: u32,
    max_amount: i64,
    #[serde(default)]
    admin_fee: i64,
    late_fee_per_day: Option<i64>,
    late_fee_per_installment: Option<i64>,
}

/// "1.5" or "1,5" percent -> 150 basis points; at most two decimals, 0..=10 %.
pub fn parse_rate(s: &str) -> Option<i64> {
    let s = s.trim().replace(',', ".");
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if whole.is_empty() || frac.len() > 2 || !whole.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let bp = whole.parse::<i64>().ok()? * 100 + format!("{frac:0<2}").parse::<i64>().ok()?;
    (bp <= 1_000).then_some(bp)
}

const MONEY_MAX: i64 = 10_000_000_000;

pub(super) fn member_settings(raw: &RawMembers, err: &dyn Fn(&str, ConfigProblem) -> ConfigError) -> Result<MemberSettings, ConfigError> {
    let mut out = MemberSettings::default();
    let money = |key: &str, v: i64| if (0..=MONEY_MAX).contains(&v) { Ok(v) } else { Err(err(key, ConfigProblem::OutOfRange { min: 0, max: u32::MAX })) };
    if let Some(v) = raw.pokok {
        out.pokok = money("members.pokok", v)?;
    }
    if let Some(v) = raw.wajib {
        out.wajib = money("members.wajib", v)?;
    }
    if let Some(v) = raw.withdrawal_approval_above {
        out.withdrawal_approval_above = money("members.withdrawal_approval_above", v)?;
    }
    if let Some(p) = &raw.number_prefix {
        if p.len() > 4 || !p.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(err("members.number_prefix", ConfigProblem::NotOneOf { value: p.clone(), allowed: "up to 4 letters or digits" }));
        }
        out.number_prefix = p.clone();
    }
    if let Some(a) = &raw.arrears {
        let t = Thresholds { kurang_lancar: a.kurang_lancar, diragukan: a.diragukan, macet: a.macet };
        if !t.is_valid() || t.macet > 3_650 {
            return Err(err("members.arrears", ConfigProblem::NotOneOf { value: format!("{}/{}/{}", a.kurang_lancar, a.diragukan, a.macet), allowed: "0 < kurang_lancar < diragukan < macet <= 3650" }));
        }
        out.arrears = t;
    }
    if let Some(s) = &raw.shu {
        let split = Split { capital_bp: s.capital_percent * 100, use_bp: s.use_percent * 100 };
        if !split.is_valid() {
            return Err(err("members.shu", ConfigProblem::NotOneOf { value: format!("{} + {}", s.capital_percent, s.use_percent), allowed: "capital_percent + use_percent = 100" }));
        }
        out.shu = split;
    }
    if let Some(loans) = &raw.loans {
        out.loans.clear();
        for (i, l) in loans.iter().enumerate() {
            let key = |k: &str| format!("members.loans[{i}].{k}");
            if l.name.trim().is_empty() {
                return Err(err(&key("name"), ConfigProblem::Empty));
            }
            if out.product(&l.name).is_some() {
                return Err(err(&key("name"), ConfigProblem::Duplicate(l.name.clone())));
            }
            let rate_bp = parse_rate(&l.rate_percent_month).ok_or_else(|| err(&key("rate_percent_month"), ConfigProblem::NotOneOf { value: l.rate_percent_month.clone(), allowed: "0 to 10, at most two decimals, e.g. \"1.5\"" }))?;
            let method = Method::parse(&l.method).ok_or_else(|| err(&key("method"), ConfigProblem::NotOneOf { value: l.method.clone(), allowed: "flat, declining" }))?;
            if !(1..=120).contains(&l.max_tenor_months) {
                return Err(err(&key("max_tenor_months"), ConfigProblem::OutOfRange { min: 1, max: 120 }));
            }
            let max_amount = money(&key("max_amount"), l.max_amount)?;
            let admin_fee = money(&key("admin_fee"), l.admin_fee)?;
            let late_fee = match (l.late_fee_per_day, l.late_fee_per_installment) {
                (None, None) => LateFee::None,
                (Some(d), None) => LateFee::PerDay(money(&key("late_fee_per_day"), d)?),
                (None, Some(f)) => LateFee::PerInstallment(money(&key("late_fee_per_installment"), f)?),
                (Some(_), Some(_)) => return Err(err(&key("late_fee_per_installment"), ConfigProblem::Duplicate("late_fee_per_day".into()))),
            };
            out.loans.push(LoanProduct { name: l.name.trim().into(), rate_bp, method, max_tenor_months: l.max_tenor_months, max_amount, admin_fee, late_fee });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    #[test]
    fn rates_are_read_as_basis_points() {
        assert_eq!(parse_rate("1.5"), Some(150));
        assert_eq!(parse_rate("1,25"), Some(125));
        assert_eq!(parse_rate("2"), Some(200));
        assert_eq!(parse_rate("10.01"), None);
        assert_eq!(parse_rate("1.255"), None);
        assert_eq!(parse_rate("x"), None);
    }

    #[test]
    fn the_section_is_read_and_checked() {
        let c = Config::parse(
            "[members]\npokok = 50000\n[members.shu]\ncapital_percent = 30\nuse_percent = 70\n[[members.loans]]\nname = \"Mikro\"\nrate_percent_month = \"2\"\nmethod = \"declining\"\nmax_tenor_months = 12\nmax_amount = 5000000\nlate_fee_per_installment = 5000\n",
            "c.toml",
        )
        .unwrap();
        assert_eq!(c.members.pokok, 50_000);
        assert_eq!(c.members.shu, Split { capital_bp: 3_000, use_bp: 7_000 });
        let p = c.members.product("mikro").unwrap();
        assert_eq!((p.rate_bp, p.method, p.late_fee), (200, Method::Declining, LateFee::PerInstallment(5_000)));
        let bad = Config::parse("[members.shu]\ncapital_percent = 30\nuse_percent = 60\n", "c.toml").unwrap_err();
        assert_eq!(bad.key, "members.shu");
        let bad = Config::parse("[members.arrears]\nkurang_lancar = 90\ndiragukan = 80\nmacet = 270\n", "c.toml").unwrap_err();
        assert_eq!(bad.key, "members.arrears");
    }
}
