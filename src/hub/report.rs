//! The district's figures from the hub (`loket district report`): per site and in total, sales,
//! CKG checks against the target population, referrals, queue waits, shift differences, stock
//! about to expire across sites, and the sites that have not reported for more than a day. Read
//! with a supervisor's read-only role; the sums are made by the server, one query per figure.

use super::HubError;
use chrono::NaiveDate;
use postgres::Client;
use serde::Serialize;

/// A site that has not said hello for longer than this is listed as silent.
pub const SILENT_AFTER_HOURS: i64 = 24;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct SiteFigures {
    pub site_id: String,
    pub name: String,
    pub sales_n: i64,
    pub sales_amount: i64,
    /// Items given back from paid sales (not in `sales_amount`).
    pub returns_amount: i64,
    pub ckg_checks: i64,
    pub ckg_referred: i64,
    /// Checks since 1 January of the range's last day, against the target population.
    pub ckg_year: i64,
    pub target_population: Option<i64>,
    pub queue_taken: i64,
    pub queue_served: i64,
    pub waits: i64,
    pub wait_s: i64,
    pub shifts: i64,
    pub shift_difference: i64,
    /// Consultations and referral letters (from CKG checks and from consultations) in the range.
    pub consultations: i64,
    pub clinic_referrals: i64,
    /// Members' savings paid in and taken out in the range, loans disbursed (principal) and
    /// installments received (late fees, interest and principal).
    pub savings_in: i64,
    pub savings_out: i64,
    pub loans_disbursed: i64,
    pub installments: i64,
    /// At the end of the site's latest day with members' money up to the range's end: the
    /// savings balances, the loans' principal outstanding, and the part of it overdue.
    pub savings_balance: i64,
    pub outstanding: i64,
    pub overdue: i64,
    pub last_seen: Option<String>,
    pub silent: bool,
}

impl SiteFigures {
    /// The mean wait in whole minutes, when anyone was called.
    pub fn mean_wait_min(&self) -> Option<i64> {
        (self.waits > 0).then(|| (self.wait_s / self.waits + 30) / 60)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExpiringBatch {
    pub site_id: String,
    pub product: String,
    pub name: String,
    pub batch: String,
    pub expiry: String,
    pub qty_milli: i64,
    pub unit: String,
}

/// Referral letters to one facility across the sites, by where they came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacilityReferrals {
    pub facility: String,
    pub name: String,
    pub from_ckg: i64,
    pub from_consultation: i64,
    pub total: i64,
}

/// Consultations of one age group (`domain::ckg::AgeGroup` codes) across the sites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupCount {
    pub group: String,
    pub n: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DistrictReport {
    /// yyyy-mm-dd
    pub from: String,
    pub to: String,
    pub sites: Vec<SiteFigures>,
    pub total: SiteFigures,
    pub expiring: Vec<ExpiringBatch>,
    /// Most letters first, at most [`MAX_FACILITIES`].
    pub referrals: Vec<FacilityReferrals>,
    pub consultation_groups: Vec<GroupCount>,
}

/// How many facilities the report names.
pub const MAX_FACILITIES: i64 = 20;

fn sum(rows: &mut [SiteFigures], total: &mut SiteFigures, f: impl Fn(&mut SiteFigures) -> &mut i64) {
    *f(total) = rows.iter_mut().map(|r| *f(r)).sum();
}

/// The district's figures for `from..=to`; batches expiring within `expiry_days` of `to`. With
/// `area`, only the sites in that area or below it ('KUKAR' holds 'KUKAR/KALODRAN').
pub fn district(client: &mut Client, from: NaiveDate, to: NaiveDate, expiry_days: i64, area: Option<&str>) -> Result<DistrictReport, HubError> {
    let area = area.unwrap_or("").trim_end_matches('/').to_string();
    let (f, t) = (from.to_string(), to.to_string());
    let year = format!("{}-01-01", to.format("%Y"));
    let mut sites: Vec<SiteFigures> = client
        .query(
            "SELECT site_id, name, target_population::bigint, to_char(last_seen AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI'),
                    last_seen IS NULL OR last_seen < now() - make_interval(hours => $1::int)
             FROM loket_hub.sites WHERE $2 = '' OR area = $2 OR area LIKE $2 || '/%' ORDER BY site_id",
            &[&(SILENT_AFTER_HOURS as i32), &area],
        )?
        .iter()
        .map(|r| SiteFigures { site_id: r.get(0), name: r.get(1), target_population: r.get(2), last_seen: r.get(3), silent: r.get(4), ..Default::default() })
        .collect();
    let ids: Vec<String> = sites.iter().map(|s| s.site_id.clone()).collect();
    let at = |site: &str| sites.iter().position(|s| s.site_id == site);
    let mut add: Vec<(usize, [i64; 4], u8)> = Vec::new();
    let range = "day BETWEEN $1::text::date AND $2::text::date";
    // One pass over the range's day figures; the CKG checks of the year so far in a second.
    for r in client.query(
        &format!("SELECT site_id, sum(sales_n)::bigint, sum(sales_amount)::bigint, sum(returns_amount)::bigint,
                         sum(queue_taken)::bigint, sum(queue_served)::bigint, sum(waits)::bigint, sum(wait_s)::bigint,
                         sum(ckg_checks)::bigint, sum(ckg_referred)::bigint,
                         count(*) FILTER (WHERE kind = 'shift'), sum(shift_difference)::bigint
                  FROM loket_hub.day_latest WHERE kind IN ('day', 'ckg', 'shift') AND {range} AND site_id = ANY($3) GROUP BY 1"),
        &[&f, &t, &ids],
    )? {
        if let Some(i) = at(r.get(0)) {
            let g = |k| r.get::<_, Option<i64>>(k).unwrap_or(0);
            add.push((i, [g(1), g(2), g(3), 0], 0));
            add.push((i, [g(4), g(5), g(6), g(7)], 1));
            add.push((i, [g(8), g(9), 0, 0], 2));
            add.push((i, [g(10), g(11), 0, 0], 3));
        }
    }
    for r in client.query(
        "SELECT site_id, sum(ckg_checks)::bigint FROM loket_hub.day_latest
         WHERE kind = 'ckg' AND day BETWEEN $1::text::date AND $2::text::date AND site_id = ANY($3) GROUP BY 1",
        &[&year, &t, &ids],
    )? {
        if let Some(i) = at(r.get(0)) {
            add.push((i, [r.get::<_, Option<i64>>(1).unwrap_or(0), 0, 0, 0], 4));
        }
    }
    for (i, v, what) in add {
        let s = &mut sites[i];
        match what {
            0 => (s.sales_n, s.sales_amount, s.returns_amount) = (v[0], v[1], v[2]),
            1 => (s.queue_taken, s.queue_served, s.waits, s.wait_s) = (v[0], v[1], v[2], v[3]),
            2 => (s.ckg_checks, s.ckg_referred) = (v[0], v[1]),
            3 => (s.shifts, s.shift_difference) = (v[0], v[1]),
            _ => s.ckg_year = v[0],
        }
    }
    let until = (to + chrono::Duration::days(expiry_days)).to_string();
    let expiring = client
        .query(
            "SELECT l.site_id, l.payload->>'product', l.payload->>'name', b->>'batch', b->>'expiry', (b->>'qty_milli')::bigint, coalesce(l.payload->>'unit', '')
             FROM loket_hub.stock_latest l, jsonb_array_elements(l.payload->'batches') b
             WHERE l.earliest_expiry <= $1 AND b->>'expiry' <= $1 AND l.site_id = ANY($2)
             ORDER BY b->>'expiry', l.site_id, l.payload->>'product' LIMIT 500",
            &[&until, &ids],
        )?
        .iter()
        .map(|r| ExpiringBatch { site_id: r.get(0), product: r.get(1), name: r.get(2), batch: r.get(3), expiry: r.get(4), qty_milli: r.get(5), unit: r.get(6) })
        .collect();
    clinic_and_money(client, &f, &t, &ids, &mut sites)?;
    let (referrals, consultation_groups) = facilities_and_groups(client, &f, &t, &ids)?;
    let mut total = SiteFigures::default();
    sum(&mut sites, &mut total, |s| &mut s.sales_n);
    sum(&mut sites, &mut total, |s| &mut s.sales_amount);
    sum(&mut sites, &mut total, |s| &mut s.returns_amount);
    sum(&mut sites, &mut total, |s| &mut s.ckg_checks);
    sum(&mut sites, &mut total, |s| &mut s.ckg_referred);
    sum(&mut sites, &mut total, |s| &mut s.ckg_year);
    sum(&mut sites, &mut total, |s| &mut s.queue_taken);
    sum(&mut sites, &mut total, |s| &mut s.queue_served);
    sum(&mut sites, &mut total, |s| &mut s.waits);
    sum(&mut sites, &mut total, |s| &mut s.wait_s);
    sum(&mut sites, &mut total, |s| &mut s.shifts);
    sum(&mut sites, &mut total, |s| &mut s.shift_difference);
    sum(&mut sites, &mut total, |s| &mut s.consultations);
    sum(&mut sites, &mut total, |s| &mut s.clinic_referrals);
    sum(&mut sites, &mut total, |s| &mut s.savings_in);
    sum(&mut sites, &mut total, |s| &mut s.savings_out);
    sum(&mut sites, &mut total, |s| &mut s.loans_disbursed);
    sum(&mut sites, &mut total, |s| &mut s.installments);
    sum(&mut sites, &mut total, |s| &mut s.savings_balance);
    sum(&mut sites, &mut total, |s| &mut s.outstanding);
    sum(&mut sites, &mut total, |s| &mut s.overdue);
    total.target_population = sites.iter().filter_map(|s| s.target_population).reduce(|a, b| a + b);
    total.site_id = "*".into();
    Ok(DistrictReport { from: f, to: t, sites, total, expiring, referrals, consultation_groups })
}

/// The clinic's and the members' flows summed over the range; the balances and the outstanding
/// principal of each site's latest 'money' day up to the range's end (a day without members'
/// money changed none of them).
fn clinic_and_money(client: &mut Client, f: &str, t: &str, ids: &[String], sites: &mut [SiteFigures]) -> Result<(), HubError> {
    let at = |sites: &[SiteFigures], site: &str| sites.iter().position(|s| s.site_id == site);
    for r in client.query(
        "SELECT site_id, sum(consultations)::bigint, sum(clinic_referrals)::bigint, sum(savings_in)::bigint, sum(savings_out)::bigint,
                sum(loans_disbursed)::bigint, sum(installments)::bigint
         FROM loket_hub.day_latest WHERE kind IN ('clinic', 'money') AND day BETWEEN $1::text::date AND $2::text::date AND site_id = ANY($3) GROUP BY 1",
        &[&f, &t, &ids],
    )? {
        if let Some(i) = at(sites, r.get(0)) {
            let g = |k| r.get::<_, Option<i64>>(k).unwrap_or(0);
            let s = &mut sites[i];
            (s.consultations, s.clinic_referrals, s.savings_in, s.savings_out, s.loans_disbursed, s.installments) = (g(1), g(2), g(3), g(4), g(5), g(6));
        }
    }
    for r in client.query(
        "SELECT DISTINCT ON (site_id) site_id, savings_balance, outstanding, overdue FROM loket_hub.day_latest
         WHERE kind = 'money' AND day <= $1::text::date AND site_id = ANY($2) ORDER BY site_id, day DESC",
        &[&t, &ids],
    )? {
        if let Some(i) = at(sites, r.get(0)) {
            let s = &mut sites[i];
            (s.savings_balance, s.outstanding, s.overdue) = (r.get(1), r.get(2), r.get(3));
        }
    }
    Ok(())
}

/// The referral letters of the range by facility across the sites, and the consultations by age group.
fn facilities_and_groups(client: &mut Client, f: &str, t: &str, ids: &[String]) -> Result<(Vec<FacilityReferrals>, Vec<GroupCount>), HubError> {
    let range = "kind = 'clinic' AND day BETWEEN $1::text::date AND $2::text::date AND site_id = ANY($3)";
    let referrals = client
        .query(
            &format!("SELECT r->>'facility', max(r->>'name'),
                        coalesce(sum((r->>'n')::bigint) FILTER (WHERE r->>'from' = 'ckg'), 0)::bigint,
                        coalesce(sum((r->>'n')::bigint) FILTER (WHERE r->>'from' = 'consultation'), 0)::bigint,
                        sum((r->>'n')::bigint)::bigint AS n
                      FROM loket_hub.day_latest, jsonb_array_elements(coalesce(payload->'referrals', '[]'::jsonb)) r
                      WHERE {range} GROUP BY 1 ORDER BY n DESC, 1 LIMIT $4"),
            &[&f, &t, &ids, &MAX_FACILITIES],
        )?
        .iter()
        .map(|r| FacilityReferrals { facility: r.get(0), name: r.get(1), from_ckg: r.get(2), from_consultation: r.get(3), total: r.get(4) })
        .collect();
    let groups = client
        .query(
            &format!("SELECT g.key, sum((g.value->>'n')::bigint)::bigint FROM loket_hub.day_latest, jsonb_each(coalesce(payload->'groups', '{{}}'::jsonb)) g
                      WHERE {range} GROUP BY 1 ORDER BY 1"),
            &[&f, &t, &ids],
        )?
        .iter()
        .map(|r| GroupCount { group: r.get(0), n: r.get(1) })
        .collect();
    Ok((referrals, groups))
}
