//! The supervisor's figures for a day or a range of days: queue statistics, CKG checks, shifts
//! with their cash differences, and stock alerts. One read transaction, so the figures agree.

use super::{Result, Store};
use crate::domain::queue::mean_and_p90;
use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueLine {
    pub service: String,
    pub taken: i64,
    pub served: i64,
    pub skipped: i64,
    pub avg_wait_min: Option<i64>,
    pub p90_wait_min: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShiftLine {
    pub id: i64,
    pub cashier: String,
    pub day: String,
    pub opening_float: i64,
    pub expected_cash: Option<i64>,
    pub counted_cash: Option<i64>,
    pub difference: Option<i64>,
    pub z_number: Option<i64>,
    /// QRIS payments recorded in the shift (net of refunds), the total the cashier reported at
    /// closing, and reported minus recorded: for the supervisor's eyes.
    pub qris_recorded: i64,
    pub qris_reported: Option<i64>,
    pub qris_difference: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StockAlert {
    pub product: String,
    pub batch: Option<String>,
    pub expiry: Option<String>,
    pub on_hand_milli: i64,
    /// "expired", "expiring" or "out"
    pub kind: String,
}

/// A void (the whole sale) or a return (some items), with who approved it and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReturnLine {
    pub sale: String,
    pub whole: bool,
    pub amount: i64,
    pub cashier: String,
    pub approved_by: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct SalesFigures {
    /// Paid sales (voided ones are left out) and their total.
    pub count: i64,
    pub total: i64,
    /// Items given back from paid sales.
    pub returned: i64,
    /// (section, amount): sembako, obat, lain.
    pub by_section: Vec<(String, i64)>,
    /// (method, amount net of refunds): cash, qris, member_credit.
    pub by_method: Vec<(String, i64)>,
    /// (cashier, sales, amount).
    pub by_cashier: Vec<(String, i64, i64)>,
    pub returns: Vec<ReturnLine>,
    /// Cash rounding in paid sales (its own line of each sale; negative: rounded down overall).
    pub rounding: i64,
    /// Discounts and price cuts given, by cashier: (cashier, how many, amount).
    pub discounts_by_cashier: Vec<(String, i64, i64)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Summary {
    pub from: String,
    pub to: String,
    pub queue: Vec<QueueLine>,
    pub ckg_checks: i64,
    pub ckg_referrals: i64,
    pub shifts: Vec<ShiftLine>,
    pub stock_alerts: Vec<StockAlert>,
    pub sales: SalesFigures,
}

/// Every discount given in a paid sale: on a line (a price raised is not one) or on the whole
/// sale, with the seller, the business day and the shift.
pub(super) const DISCOUNTS: &str = "SELECT s.user_id AS uid, s.business_day AS day, s.shift_id AS shift, l.discount AS d
       FROM sale_lines l JOIN sales s ON s.id = l.sale_id WHERE s.status = 'paid' AND l.discount > 0
     UNION ALL
     SELECT s.user_id, s.business_day, s.shift_id, -a.amount
       FROM sale_adjustments a JOIN sales s ON s.id = a.sale_id WHERE s.status = 'paid' AND a.kind = 'discount'";

impl Store {
    /// The figures for the days from..=to; `expiry_warn_days` decides what "expiring" means.
    /// Queue and sales figures come from the per-day figures kept by trigger (`day_figures`).
    pub fn summary(&mut self, from: NaiveDate, to: NaiveDate, today: NaiveDate, expiry_warn_days: i64) -> Result<Summary> {
        self.summary_with(from, to, today, expiry_warn_days, true)
    }

    /// The same figures counted from the rows themselves: what `check_figures` compares with, and
    /// the benchmark's raw figure.
    pub fn summary_from_rows(&mut self, from: NaiveDate, to: NaiveDate, today: NaiveDate, expiry_warn_days: i64) -> Result<Summary> {
        self.summary_with(from, to, today, expiry_warn_days, false)
    }

    /// Days whose kept figures differ from their rows (empty when all agree).
    pub fn check_figures(&mut self, from: NaiveDate, to: NaiveDate) -> Result<Vec<String>> {
        let mut out = Vec::new();
        let mut day = from;
        while day <= to {
            let kept = self.summary_with(day, day, day, 0, true)?;
            let rows = self.summary_with(day, day, day, 0, false)?;
            let (k, r) = (&kept.sales, &rows.sales);
            if (&kept.queue, &k.count, &k.total, &k.by_section, &k.by_method, &k.by_cashier, &k.rounding, &k.discounts_by_cashier, &k.returned)
                != (&rows.queue, &r.count, &r.total, &r.by_section, &r.by_method, &r.by_cashier, &r.rounding, &r.discounts_by_cashier, &r.returned)
            {
                out.push(day.to_string());
            }
            day = day.succ_opt().unwrap_or(day);
            if day == NaiveDate::MAX {
                break;
            }
        }
        Ok(out)
    }

    fn summary_with(&mut self, from: NaiveDate, to: NaiveDate, today: NaiveDate, expiry_warn_days: i64, kept: bool) -> Result<Summary> {
        let tx = self.conn_mut().transaction()?;
        let (f, t) = (from.to_string(), to.to_string());
        let mut out = Summary { from: f.clone(), to: t.clone(), ..Default::default() };
        if kept {
            kept_figures(&tx, &f, &t, &mut out)?;
        }
        if !kept {
            // Counts per service and kind, then the waits of the calls: both read from the index.
            let mut acc: Vec<(String, i64, i64, i64, Vec<i64>)> = Vec::new();
            let slot = |acc: &mut Vec<(String, i64, i64, i64, Vec<i64>)>, service: String| match acc.iter().position(|a| a.0 == service) {
                Some(i) => i,
                None => {
                    acc.push((service, 0, 0, 0, vec![]));
                    acc.len() - 1
                }
            };
            // Streamed from the covering index and counted here: no sort over a year of rows.
            let mut stmt = tx.prepare_cached("SELECT service, kind FROM queue_events WHERE business_day BETWEEN ?1 AND ?2")?;
            let mut rows = stmt.query(params![f, t])?;
            while let Some(r) = rows.next()? {
                let column = match r.get_ref(1)?.as_str().unwrap_or("") {
                    "taken" => 1,
                    "skipped" => 3,
                    "finished" | "transferred" => 2,
                    _ => continue,
                };
                let service = r.get_ref(0)?.as_str().unwrap_or("");
                let i = match acc.iter().position(|a| a.0 == service) {
                    Some(i) => i,
                    None => slot(&mut acc, service.to_string()),
                };
                match column {
                    1 => acc[i].1 += 1,
                    2 => acc[i].2 += 1,
                    _ => acc[i].3 += 1,
                }
            }
            let mut stmt = tx.prepare_cached(
                "SELECT service, wait_s FROM queue_events WHERE business_day BETWEEN ?1 AND ?2 AND kind = 'called' AND wait_s IS NOT NULL",
            )?;
            let mut rows = stmt.query(params![f, t])?;
            while let Some(r) = rows.next()? {
                let i = slot(&mut acc, r.get(0)?);
                acc[i].4.push(r.get(1)?);
            }
            acc.sort_by(|a, b| a.0.cmp(&b.0));
            for (service, taken, served, skipped, mut waits) in acc {
                let stats = mean_and_p90(&mut waits);
                out.queue.push(QueueLine {
                    service,
                    taken,
                    served,
                    skipped,
                    avg_wait_min: stats.map(|(m, _)| (m + 30) / 60),
                    p90_wait_min: stats.map(|(_, p)| (p + 30) / 60),
                });
            }
        }
        (out.ckg_checks, out.ckg_referrals) = tx.query_row(
            "SELECT count(*), coalesce(sum(referral), 0) FROM ckg_checks WHERE business_day BETWEEN ?1 AND ?2",
            params![f, t],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT s.id, u.name, s.business_day, s.opening_float, s.expected_cash, s.counted_cash, s.z_number, s.counted_noncash,
                        (SELECT coalesce(sum(CASE WHEN y.kind = 'refund' THEN -y.amount ELSE y.amount END), 0) FROM payments y WHERE y.shift_id = s.id AND y.method = 'qris')
                        + {}
                 FROM shifts s JOIN users u ON u.id = s.user_id WHERE s.business_day BETWEEN ?1 AND ?2 ORDER BY s.id",
                super::members::SHIFT_MEMBER_QRIS
            ))?;
            let rows = stmt.query_map(params![f, t], |r| {
                let expected: Option<i64> = r.get(4)?;
                let counted: Option<i64> = r.get(5)?;
                let qris_reported: Option<i64> = r.get(7)?;
                let qris_recorded: i64 = r.get(8)?;
                Ok(ShiftLine {
                    qris_recorded,
                    qris_reported,
                    qris_difference: qris_reported.map(|q| q - qris_recorded),
                    id: r.get(0)?,
                    cashier: r.get(1)?,
                    day: r.get(2)?,
                    opening_float: r.get(3)?,
                    expected_cash: expected,
                    counted_cash: counted,
                    difference: counted.zip(expected).map(|(c, e)| c - e),
                    z_number: r.get(6)?,
                })
            })?;
            out.shifts = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        }
        {
            let soon = (today + chrono::Duration::days(expiry_warn_days)).to_string();
            let mut stmt = tx.prepare_cached(
                "SELECT p.name, b.batch_no, b.expiry, l.qty_milli
                 FROM batches b JOIN products p ON p.id = b.product_id JOIN stock_levels l ON l.product_id = b.product_id AND l.batch_key = b.id
                 WHERE b.expiry IS NOT NULL AND b.expiry <= ?1 AND l.qty_milli > 0 ORDER BY b.expiry LIMIT 200",
            )?;
            let today_s = today.to_string();
            let rows = stmt.query_map([&soon], |r| {
                let expiry: Option<String> = r.get(2)?;
                let kind = if expiry.as_deref().is_some_and(|e| e < today_s.as_str()) { "expired" } else { "expiring" };
                Ok(StockAlert { product: r.get(0)?, batch: r.get(1)?, expiry, on_hand_milli: r.get(3)?, kind: kind.into() })
            })?;
            out.stock_alerts = rows.collect::<rusqlite::Result<Vec<_>>>()?;
            let mut stmt = tx.prepare_cached(
                "SELECT p.name, coalesce((SELECT sum(l.qty_milli) FROM stock_levels l WHERE l.product_id = p.id), 0) AS on_hand
                 FROM products p WHERE p.active = 1 AND on_hand <= 0 ORDER BY p.name LIMIT 200",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(StockAlert { product: r.get(0)?, batch: None, expiry: None, on_hand_milli: r.get(1)?, kind: "out".into() })
            })?;
            out.stock_alerts.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
        }
        if !kept {
            let sales = &mut out.sales;
            (sales.count, sales.total) = tx.query_row(
                "SELECT count(*), coalesce(sum(total), 0) FROM sales WHERE business_day BETWEEN ?1 AND ?2 AND status = 'paid'",
                params![f, t],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            // Lines, payments and sales are streamed from covering indexes and added up here.
            let mut section_of: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
            let mut stmt = tx.prepare_cached("SELECT id, section FROM products")?;
            for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
                let (id, section) = row?;
                section_of.insert(id, section);
            }
            let mut by_section: std::collections::BTreeMap<String, i64> = Default::default();
            let mut stmt = tx.prepare_cached(
                "SELECT l.product_id, l.amount FROM sales s JOIN sale_lines l ON l.sale_id = s.id
                 WHERE s.business_day BETWEEN ?1 AND ?2 AND s.status = 'paid'",
            )?;
            let mut rows = stmt.query(params![f, t])?;
            while let Some(r) = rows.next()? {
                let section = section_of.get(&r.get::<_, i64>(0)?).map(String::as_str).unwrap_or("lain");
                *by_section.entry(section.to_string()).or_default() += r.get::<_, i64>(1)?;
            }
            sales.by_section = by_section.into_iter().collect();
            let mut by_method: std::collections::BTreeMap<String, i64> = Default::default();
            let mut stmt = tx.prepare_cached(
                "SELECT y.method, y.kind, y.amount FROM sales s JOIN payments y ON y.sale_id = s.id WHERE s.business_day BETWEEN ?1 AND ?2",
            )?;
            let mut rows = stmt.query(params![f, t])?;
            while let Some(r) = rows.next()? {
                let amount: i64 = r.get(2)?;
                let signed = if r.get_ref(1)?.as_str().unwrap_or("") == "refund" { -amount } else { amount };
                *by_method.entry(r.get(0)?).or_default() += signed;
            }
            sales.by_method = by_method.into_iter().collect();
            let mut name_of: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
            let mut stmt = tx.prepare_cached("SELECT id, name FROM users")?;
            for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
                let (id, name) = row?;
                name_of.insert(id, name);
            }
            let mut by_cashier: std::collections::BTreeMap<String, (i64, i64)> = Default::default();
            let mut stmt = tx.prepare_cached("SELECT user_id, total FROM sales WHERE business_day BETWEEN ?1 AND ?2 AND status = 'paid'")?;
            let mut rows = stmt.query(params![f, t])?;
            while let Some(r) = rows.next()? {
                let name = name_of.get(&r.get::<_, i64>(0)?).cloned().unwrap_or_default();
                let e = by_cashier.entry(name).or_default();
                e.0 += 1;
                e.1 += r.get::<_, i64>(1)?;
            }
            sales.by_cashier = by_cashier.into_iter().map(|(n, (c, t))| (n, c, t)).collect();
        }
        if !kept {
            let sales = &mut out.sales;
            sales.rounding = tx.query_row(
                "SELECT coalesce(sum(a.amount), 0) FROM sale_adjustments a JOIN sales s ON s.id = a.sale_id
                 WHERE s.business_day BETWEEN ?1 AND ?2 AND s.status = 'paid' AND a.kind = 'rounding'",
                params![f, t],
                |r| r.get(0),
            )?;
            {
                let mut stmt = tx.prepare_cached(&format!(
                    "SELECT u.name, count(*), sum(x.d) FROM ({DISCOUNTS}) x JOIN users u ON u.id = x.uid
                     WHERE x.day BETWEEN ?1 AND ?2 GROUP BY u.name ORDER BY u.name"
                ))?;
                let rows = stmt.query_map(params![f, t], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
                sales.discounts_by_cashier = rows.collect::<rusqlite::Result<Vec<_>>>()?;
            }
            sales.returned = tx.query_row(
                "SELECT coalesce(sum(r.amount), 0) FROM sale_returns r JOIN sales s ON s.id = r.sale_id
                 WHERE s.business_day BETWEEN ?1 AND ?2 AND r.whole_sale = 0 AND s.status = 'paid'",
                params![f, t],
                |r| r.get(0),
            )?;
        }
        {
            let sales = &mut out.sales;
            let mut stmt = tx.prepare_cached(
                "SELECT s.number, r.whole_sale, r.amount, u.name, a.name, r.reason FROM sale_returns r JOIN sales s ON s.id = r.sale_id
                 JOIN users u ON u.id = r.user_id JOIN users a ON a.id = r.approved_by
                 WHERE substr(r.at, 1, 10) BETWEEN ?1 AND ?2 OR s.business_day BETWEEN ?1 AND ?2 ORDER BY r.id",
            )?;
            let rows = stmt.query_map(params![f, t], |r| {
                Ok(ReturnLine {
                    sale: r.get(0)?,
                    whole: r.get::<_, i64>(1)? != 0,
                    amount: r.get(2)?,
                    cashier: r.get(3)?,
                    approved_by: r.get(4)?,
                    reason: r.get(5)?,
                })
            })?;
            sales.returns = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        }
        tx.finish()?;
        Ok(out)
    }
}

/// Queue and sales figures from `day_figures`: a row per day and figure, added up here.
fn kept_figures(tx: &rusqlite::Transaction, from: &str, to: &str, out: &mut Summary) -> Result<()> {
    use std::collections::BTreeMap;
    let mut queue: BTreeMap<String, (i64, i64, i64, i64, i64, BTreeMap<i64, i64>)> = BTreeMap::new();
    let mut by_section: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_method: BTreeMap<String, i64> = BTreeMap::new();
    let mut by_cashier_id: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
    let mut discounts_by_id: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
    let mut stmt = tx.prepare_cached("SELECT figure, n, amount FROM day_figures WHERE business_day BETWEEN ?1 AND ?2")?;
    let mut rows = stmt.query(params![from, to])?;
    while let Some(r) = rows.next()? {
        let figure = r.get_ref(0)?.as_str().unwrap_or("");
        let (n, amount): (i64, i64) = (r.get(1)?, r.get(2)?);
        let (kind, rest) = figure.split_once(':').unwrap_or((figure, ""));
        match kind {
            "sales" => {
                out.sales.count += n;
                out.sales.total += amount;
            }
            "section" => *by_section.entry(rest.to_string()).or_default() += amount,
            "method" => *by_method.entry(rest.to_string()).or_default() += amount,
            "cashier" => {
                let e = by_cashier_id.entry(rest.parse().unwrap_or(0)).or_default();
                e.0 += n;
                e.1 += amount;
            }
            "rounding" => out.sales.rounding += amount,
            "returned" => out.sales.returned += amount,
            "discount" => {
                let e = discounts_by_id.entry(rest.parse().unwrap_or(0)).or_default();
                e.0 += n;
                e.1 += amount;
            }
            "q-taken" | "q-served" | "q-skipped" | "q-wait" => {
                let q = queue.entry(rest.to_string()).or_default();
                match kind {
                    "q-taken" => q.0 += n,
                    "q-served" => q.1 += n,
                    "q-skipped" => q.2 += n,
                    _ => {
                        q.3 += n;
                        q.4 += amount;
                    }
                }
            }
            "q-waitm" => {
                let (service, minutes) = rest.rsplit_once(':').unwrap_or((rest, "0"));
                *queue.entry(service.to_string()).or_default().5.entry(minutes.parse().unwrap_or(0)).or_default() += n;
            }
            _ => {}
        }
    }
    // Sections and methods whose figures add up to nothing (a sale and its void) are left out, as
    // the rows would leave them out.
    out.sales.by_section = by_section.into_iter().filter(|(_, v)| *v != 0).collect();
    out.sales.by_method = by_method.into_iter().collect();
    let mut names: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for (id, (n, amount)) in by_cashier_id.into_iter().filter(|(_, (n, _))| *n != 0) {
        let name: String = tx.query_row("SELECT name FROM users WHERE id = ?1", [id], |r| r.get(0)).unwrap_or_default();
        let e = names.entry(name).or_default();
        e.0 += n;
        e.1 += amount;
    }
    out.sales.by_cashier = names.into_iter().map(|(name, (n, amount))| (name, n, amount)).collect();
    let mut names: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for (id, (n, amount)) in discounts_by_id.into_iter().filter(|(_, (n, _))| *n != 0) {
        let name: String = tx.query_row("SELECT name FROM users WHERE id = ?1", [id], |r| r.get(0)).unwrap_or_default();
        let e = names.entry(name).or_default();
        e.0 += n;
        e.1 += amount;
    }
    out.sales.discounts_by_cashier = names.into_iter().map(|(name, (n, amount))| (name, n, amount)).collect();
    for (service, (taken, served, skipped, calls, wait_sum, minutes)) in queue {
        // The 90th percentile (nearest rank) of the waits in rounded minutes, as
        // `domain::queue::mean_and_p90` gives it from the seconds.
        let p90 = (calls > 0).then(|| {
            let rank = ((calls as f64) * 0.9).ceil() as i64;
            let mut seen = 0;
            minutes.iter().find(|(_, n)| {
                seen += **n;
                seen >= rank.max(1)
            }).map(|(m, _)| *m).unwrap_or(0)
        });
        out.queue.push(QueueLine {
            service,
            taken,
            served,
            skipped,
            avg_wait_min: (calls > 0).then(|| (wait_sum / calls + 30) / 60),
            p90_wait_min: p90,
        });
    }
    Ok(())
}
