//! What each figure sent to the district hub holds, one payload function per kind. Adding a kind
//! is one trigger in a migration that notes its key in `hub_dirty` and one arm of [`payload_in`]
//! (the clinic's and the members' money came this way: `hub_figures_clinic`, `hub_figures_money`,
//! migration 29). Nothing here names a person: counts and
//! totals, product and batch facts, and member ids only as [`pseudonym_in`].

use super::Result;
use rusqlite::{OptionalExtension, Transaction};
use serde_json::{json, Map, Value};

/// The snapshot for one key of one kind, with the day it belongs to; None when there is nothing
/// to say (an open shift, a product gone). One arm per kind.
pub fn payload_in(tx: &Transaction, kind: &str, key: &str) -> Result<Option<(String, Value)>> {
    match kind {
        "day" => day_payload(tx, key).map(|p| Some((key.to_string(), p))),
        "ckg" => ckg_payload(tx, key).map(|p| Some((key.to_string(), p))),
        "clinic" => super::hub_figures_clinic::clinic_payload(tx, key).map(|p| Some((key.to_string(), p))),
        "money" => super::hub_figures_money::money_payload(tx, key).map(|p| Some((key.to_string(), p))),
        "stock" => stock_payload(tx, key),
        "shift" => shift_payload(tx, key),
        _ => Ok(None),
    }
}

/// A day's sales (count and total), the items returned, totals by section and by payment method
/// (net of refunds: returns and voids included), and per queue service the tickets taken, served and skipped with
/// the waits. From `day_figures` (migration 12); the per-cashier figures stay on the site.
fn day_payload(tx: &Transaction, day: &str) -> Result<Value> {
    let mut st = tx.prepare_cached("SELECT figure, n, amount FROM day_figures WHERE business_day = ?1 ORDER BY figure")?;
    let mut rows = st.query([day])?;
    let (mut sections, mut methods, mut queue) = (Map::new(), Map::new(), Map::new());
    let (mut sales_n, mut sales_amount) = (0i64, 0i64);
    while let Some(r) = rows.next()? {
        let (figure, n, amount): (String, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
        let (name, arg) = figure.split_once(':').unwrap_or((figure.as_str(), ""));
        let mut q = |service: &str, field: &str, v: Value| {
            let e = queue.entry(service.to_string()).or_insert_with(|| json!({}));
            e[field] = v;
        };
        match name {
            "sales" => (sales_n, sales_amount) = (n, amount),
            "section" => {
                sections.insert(arg.to_string(), json!({"n": n, "amount": amount}));
            }
            "method" => {
                methods.insert(arg.to_string(), json!({"n": n, "amount": amount}));
            }
            "q-taken" => q(arg, "taken", json!(n)),
            "q-served" => q(arg, "served", json!(n)),
            "q-skipped" => q(arg, "skipped", json!(n)),
            "q-wait" => {
                q(arg, "waits", json!(n));
                q(arg, "wait_s", json!(amount));
            }
            _ => {}
        }
    }
    // Items given back from the day's paid sales (a whole sale given back is a void, already
    // out of the total), as the supervisor's figures count them.
    let (returns_n, returns_amount): (i64, i64) = tx.query_row(
        "SELECT count(*), coalesce(sum(r.amount), 0) FROM sale_returns r JOIN sales s ON s.id = r.sale_id
         WHERE s.business_day = ?1 AND r.whole_sale = 0 AND s.status = 'paid'",
        [day],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    // The services added up, which the hub stores as columns without reading each service.
    let total = |field: &str| queue.values().map(|q| q[field].as_i64().unwrap_or(0)).sum::<i64>();
    let totals = json!({"queue_taken": total("taken"), "queue_served": total("served"), "waits": total("waits"), "wait_s": total("wait_s")});
    Ok(json!({
        "sales": {"n": sales_n, "amount": sales_amount}, "returns": {"n": returns_n, "amount": returns_amount},
        "sections": sections, "methods": methods, "queue": queue, "totals": totals,
    }))
}

/// A day's CKG checks by age group and referral, and the results by age group, item and result
/// class: counts only, never a person.
fn ckg_payload(tx: &Transaction, day: &str) -> Result<Value> {
    let mut checks = Map::new();
    let mut st = tx.prepare_cached("SELECT age_group, sum(referral = 0), sum(referral = 1) FROM ckg_checks WHERE business_day = ?1 GROUP BY 1 ORDER BY 1")?;
    let mut rows = st.query([day])?;
    while let Some(r) = rows.next()? {
        let (group, plain, referred): (String, i64, i64) = (r.get(0)?, r.get(1)?, r.get(2)?);
        checks.insert(group, json!({"checks": plain + referred, "referred": referred}));
    }
    let mut classes = Vec::new();
    let mut st = tx.prepare_cached(
        "SELECT c.age_group, r.code, coalesce(r.class, ''), count(*) FROM ckg_results r JOIN ckg_checks c ON c.id = r.check_id
         WHERE c.business_day = ?1 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
    )?;
    let mut rows = st.query([day])?;
    while let Some(r) = rows.next()? {
        let (group, code, class, n): (String, String, String, i64) = (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        classes.push(json!({"group": group, "item": code, "class": class, "n": n}));
    }
    let total = |field: &str| checks.values().map(|g| g[field].as_i64().unwrap_or(0)).sum::<i64>();
    let totals = json!({"checks": total("checks"), "referred": total("referred")});
    Ok(json!({"groups": checks, "results": classes, "totals": totals}))
}

/// A product's stock on hand and its batches with stock and an expiry date.
fn stock_payload(tx: &Transaction, key: &str) -> Result<Option<(String, Value)>> {
    let Ok(product_id) = key.parse::<i64>() else { return Ok(None) };
    let product: Option<(Option<String>, String, String, String)> = tx
        .query_row("SELECT barcode, name, section, unit FROM products WHERE id = ?1", [product_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((barcode, name, section, unit)) = product else { return Ok(None) };
    let on_hand: i64 = tx.query_row("SELECT coalesce(sum(qty_milli), 0) FROM stock_levels WHERE product_id = ?1", [product_id], |r| r.get(0))?;
    let mut st = tx.prepare_cached(
        "SELECT b.batch_no, b.expiry, l.qty_milli FROM stock_levels l JOIN batches b ON b.id = l.batch_key
         WHERE l.product_id = ?1 AND l.qty_milli > 0 AND b.expiry IS NOT NULL ORDER BY b.expiry, b.batch_no",
    )?;
    let batches: Vec<Value> = st
        .query_map([product_id], |r| Ok(json!({"batch": r.get::<_, String>(0)?, "expiry": r.get::<_, String>(1)?, "qty_milli": r.get::<_, i64>(2)?})))?
        .collect::<rusqlite::Result<_>>()?;
    let today: String = tx.query_row("SELECT date('now')", [], |r| r.get(0))?;
    let payload = json!({
        "product": barcode.unwrap_or_else(|| format!("id:{product_id}")),
        "name": name, "section": section, "unit": unit, "on_hand_milli": on_hand, "batches": batches,
    });
    Ok(Some((today, payload)))
}

/// A closed shift: its day, Z number, the cash expected and counted, and the difference.
fn shift_payload(tx: &Transaction, key: &str) -> Result<Option<(String, Value)>> {
    let Ok(shift_id) = key.parse::<i64>() else { return Ok(None) };
    type ShiftRow = (String, Option<String>, Option<i64>, Option<i64>, Option<i64>, Option<i64>, i64);
    let row: Option<ShiftRow> = tx
        .query_row(
            "SELECT business_day, closed_at, z_number, expected_cash, counted_cash, counted_noncash, opening_float FROM shifts WHERE id = ?1",
            [shift_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
        )
        .optional()?;
    let Some((day, Some(_closed), z, expected, counted, noncash, float)) = row else { return Ok(None) };
    let difference = match (expected, counted) {
        (Some(e), Some(c)) => Some(c - e),
        _ => None,
    };
    let payload = json!({
        "shift": shift_id, "z": z, "opening_float": float, "expected_cash": expected,
        "counted_cash": counted, "counted_noncash": noncash, "difference": difference,
    });
    Ok(Some((day, payload)))
}

/// A member's id as the hub sees it: a keyed digest with this site's pseudonym key, the same for
/// the same member on this site and unlinkable across sites. For the members and loans figures.
pub fn pseudonym_in(tx: &Transaction, member_id: i64) -> Result<Option<String>> {
    let key: Option<String> = tx.query_row("SELECT pseudonym_key FROM hub_link", [], |r| r.get(0)).optional()?;
    Ok(key.map(|k| {
        use blake2::digest::{FixedOutput, KeyInit, Update};
        let mut m = <blake2::Blake2sMac256 as KeyInit>::new_from_slice(k.as_bytes()).expect("any key length up to 32");
        m.update(&member_id.to_le_bytes());
        m.finalize_fixed().iter().take(12).map(|b| format!("{b:02x}")).collect()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Actor;
    use chrono::Utc;

    use crate::store::testutil::hub_link as link;

    #[test]
    fn a_pseudonym_is_stable_on_a_site_and_differs_across_sites() {
        let (_d, mut s) = crate::store::testutil::temp_store();
        s.join_hub(&Actor::system("test"), &link(), "key-one", Utc::now()).unwrap();
        let a = s.write(|tx| pseudonym_in(tx, 7)).unwrap().unwrap();
        assert_eq!(a, s.write(|tx| pseudonym_in(tx, 7)).unwrap().unwrap());
        let (_d2, mut t) = crate::store::testutil::temp_store();
        t.join_hub(&Actor::system("test"), &link(), "key-two", Utc::now()).unwrap();
        assert_ne!(a, t.write(|tx| pseudonym_in(tx, 7)).unwrap().unwrap());
        assert_ne!(a, s.write(|tx| pseudonym_in(tx, 8)).unwrap().unwrap());
    }
}
