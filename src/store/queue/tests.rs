//! The queue on a real database file.

use super::*;
use crate::config::Config;
use crate::store::testutil::temp_store;
use chrono::Duration;

fn setup() -> (tempfile::TempDir, Store, Counter, Actor) {
    let (d, s) = temp_store();
    let counter = Config::default().queue.counter(1).unwrap().clone();
    (d, s, counter, Actor::system("test"))
}

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-23T01:00:00Z").unwrap().with_timezone(&Utc)
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

#[test]
fn numbers_count_per_letter_and_restart_each_day() {
    let (_d, mut s, _, a) = setup();
    assert_eq!(s.take_ticket(&a, "A", None, &OrderingRule::default(), day(), t0()).unwrap().ticket.label(), "A-001");
    assert_eq!(s.take_ticket(&a, "A", None, &OrderingRule::default(), day(), t0()).unwrap().ticket.label(), "A-002");
    assert_eq!(s.take_ticket(&a, "B", None, &OrderingRule::default(), day(), t0()).unwrap().ticket.label(), "B-001");
    let next_day = day().succ_opt().unwrap();
    let t = s.take_ticket(&a, "A", None, &OrderingRule::default(), next_day, t0() + Duration::days(1)).unwrap();
    assert_eq!((t.ticket.label(), t.ahead), ("A-001".into(), 0));
}

#[test]
fn call_skip_recall_transfer_finish() {
    let (_d, mut s, counter, a) = setup();
    for _ in 0..3 {
        s.take_ticket(&a, "A", None, &OrderingRule::default(), day(), t0()).unwrap();
    }
    let c = s.call_next(&a, &counter, &OrderingRule::default(), day(), t0() + Duration::minutes(4)).unwrap().unwrap();
    assert_eq!((c.ticket.label(), c.finished), ("A-001".into(), None));
    let skipped = s.skip_current(&a, 1, day(), t0() + Duration::minutes(5)).unwrap();
    assert_eq!(skipped.label(), "A-001");
    let c = s.call_next(&a, &counter, &OrderingRule::default(), day(), t0() + Duration::minutes(6)).unwrap().unwrap();
    assert_eq!(c.ticket.label(), "A-002");
    // A skipped ticket comes back only when the counter is free.
    assert!(matches!(s.recall(&a, 1, Some(skipped.id), day(), t0()), Err(StoreError::CounterBusy)));
    let moved = s.transfer_current(&a, 1, "B", day(), t0() + Duration::minutes(9)).unwrap();
    assert_eq!((moved.label(), moved.service.as_str(), moved.status), ("A-002".into(), "B", TicketStatus::Waiting));
    let back = s.recall(&a, 1, Some(skipped.id), day(), t0() + Duration::minutes(10)).unwrap();
    assert_eq!((back.label(), back.status), ("A-001".into(), TicketStatus::Called));
    s.finish_current(&a, 1, day(), t0() + Duration::minutes(12)).unwrap();
    assert!(matches!(s.finish_current(&a, 1, day(), t0()), Err(StoreError::NoCurrentTicket)));
    // Counter 2 serves B and now sees A-002 there, with its number kept.
    let c2 = Config::default().queue.counter(2).unwrap().clone();
    let view = s.queue_view(&c2, &OrderingRule::default(), day(), t0()).unwrap();
    assert_eq!(view.waiting.iter().map(|t| t.label()).collect::<Vec<_>>(), ["A-002"]);
    let stats = s.queue_stats(&["A".into(), "B".into()], day()).unwrap();
    assert_eq!((stats[0].taken, stats[0].served, stats[0].skipped, stats[0].waiting), (3, 2, 1, 1));
    assert_eq!(stats[1].waiting, 1);
    assert_eq!(stats[0].wait_seconds, vec![240, 360]);
    assert_eq!(s.verify_audit().unwrap().problem, None);
}

#[test]
fn calling_on_an_empty_queue_says_so_and_keeps_the_current_ticket() {
    let (_d, mut s, counter, a) = setup();
    assert_eq!(s.call_next(&a, &counter, &OrderingRule::default(), day(), t0()).unwrap(), None);
    s.take_ticket(&a, "A", None, &OrderingRule::default(), day(), t0()).unwrap();
    s.call_next(&a, &counter, &OrderingRule::default(), day(), t0()).unwrap().unwrap();
    assert_eq!(s.call_next(&a, &counter, &OrderingRule::default(), day(), t0()).unwrap(), None);
    assert_eq!(s.queue_view(&counter, &OrderingRule::default(), day(), t0()).unwrap().current.unwrap().label(), "A-001");
}

#[test]
fn priority_tickets_go_first_and_every_fourth_call_is_normal() {
    let (_d, mut s, counter, a) = setup();
    let rule = OrderingRule { priority_run: 3, normal_max_wait: None };
    for i in 0..3 {
        s.take_ticket(&a, "A", None, &rule, day(), t0() + Duration::seconds(i)).unwrap();
    }
    for i in 0..5 {
        s.take_ticket(&a, "A", Some(PriorityGroup::Elderly), &rule, day(), t0() + Duration::seconds(10 + i)).unwrap();
    }
    let taken = s.take_ticket(&a, "A", Some(PriorityGroup::Pregnant), &rule, day(), t0() + Duration::seconds(20)).unwrap();
    // Five priority tickets and, after the third of them, one normal ticket.
    assert_eq!(taken.ahead, 6, "a priority ticket waits behind priority tickets and the one normal call due");
    let later = t0() + Duration::minutes(1);
    let listed: Vec<String> = s.queue_view(&counter, &rule, day(), later).unwrap().waiting.iter().map(|t| t.label()).collect();
    let order: Vec<String> = (0..9)
        .map(|i| s.call_next(&a, &counter, &rule, day(), later + Duration::minutes(i)).unwrap().unwrap().ticket.label())
        .collect();
    assert_eq!(order, ["A-004", "A-005", "A-006", "A-001", "A-007", "A-008", "A-009", "A-002", "A-003"]);
    assert_eq!(listed, order, "the waiting list shows the calling order");
}

#[test]
fn the_run_is_shared_by_the_counters_of_a_service() {
    let (_d, mut s, _, a) = setup();
    let rule = OrderingRule { priority_run: 2, normal_max_wait: None };
    let one = Counter { number: 1, name: "Loket 1".into(), services: vec!["A".into()] };
    let two = Counter { number: 2, name: "Loket 2".into(), services: vec!["A".into()] };
    s.take_ticket(&a, "A", None, &rule, day(), t0()).unwrap();
    for i in 1..=3 {
        s.take_ticket(&a, "A", Some(PriorityGroup::Child), &rule, day(), t0() + Duration::seconds(i)).unwrap();
    }
    let call = |s: &mut Store, c: &Counter, m: i64| s.call_next(&a, c, &rule, day(), t0() + Duration::minutes(m)).unwrap().unwrap().ticket.label();
    assert_eq!([call(&mut s, &one, 1), call(&mut s, &two, 2), call(&mut s, &one, 3), call(&mut s, &two, 4)], ["A-002", "A-003", "A-001", "A-004"]);
}

#[test]
fn a_normal_ticket_past_the_wait_limit_goes_next() {
    let (_d, mut s, counter, a) = setup();
    let rule = OrderingRule { priority_run: 3, normal_max_wait: Some(Duration::minutes(30)) };
    s.take_ticket(&a, "A", None, &rule, day(), t0()).unwrap();
    s.take_ticket(&a, "A", Some(PriorityGroup::Disabled), &rule, day(), t0() + Duration::minutes(1)).unwrap();
    let c = s.call_next(&a, &counter, &rule, day(), t0() + Duration::minutes(30)).unwrap().unwrap();
    assert_eq!(c.ticket.label(), "A-001");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    /// Through the store: the number ahead printed on a ticket is the number of calls made
    /// before it, when nobody new arrives.
    #[test]
    fn the_printed_ahead_count_is_kept(
        before in proptest::collection::vec((proptest::bool::ANY, proptest::bool::ANY), 0..16),
        mine in proptest::bool::ANY,
    ) {
        let (_d, mut s, counter, a) = setup();
        let rule = OrderingRule { priority_run: 2, normal_max_wait: Some(Duration::minutes(40)) };
        let mut m = 0;
        // Arrivals and calls interleaved, so the run does not start at zero.
        for &(call, priority) in &before {
            m += 1;
            let at = t0() + Duration::minutes(m);
            if call {
                s.call_next(&a, &counter, &rule, day(), at).unwrap();
            } else {
                s.take_ticket(&a, "A", priority.then_some(PriorityGroup::Elderly), &rule, day(), at).unwrap();
            }
        }
        let at = t0() + Duration::minutes(m + 1);
        let taken = s.take_ticket(&a, "A", mine.then_some(PriorityGroup::Pregnant), &rule, day(), at).unwrap();
        let mut calls = 0;
        loop {
            let c = s.call_next(&a, &counter, &rule, day(), at).unwrap().unwrap();
            if c.ticket.id == taken.ticket.id {
                break;
            }
            calls += 1;
        }
        proptest::prop_assert_eq!(taken.ahead, calls);
    }
}

/// The average service time a new ticket shows comes from the figures kept per day (migration
/// 31) and is the average of the day's events with a service time, as it was read before; a
/// database migrated from before gets the same figures from its events.
#[test]
fn the_average_service_time_is_kept_per_day_and_matches_the_events() {
    let (_d, mut s, counter, a) = setup();
    let rule = OrderingRule::default();
    for _ in 0..4 {
        s.take_ticket(&a, "A", None, &rule, day(), t0()).unwrap();
    }
    let mut at = t0();
    for minutes in [3, 5, 10] {
        at += Duration::minutes(minutes);
        s.call_next(&a, &counter, &rule, day(), at).unwrap().unwrap();
    }
    at += Duration::minutes(7);
    s.finish_current(&a, counter.number, day(), at).unwrap();
    let raw = |s: &Store| -> Option<f64> {
        s.conn()
            .query_row("SELECT avg(service_s) FROM queue_events WHERE business_day = ?1 AND service = 'A' AND service_s IS NOT NULL", [day().to_string()], |r| r.get(0))
            .unwrap()
    };
    let expected = raw(&s).expect("three services ended");
    let t = s.take_ticket(&a, "A", None, &rule, day(), at).unwrap();
    assert_eq!(t.avg_service_seconds, Some(expected.round() as i64));
    // Another service has none yet.
    assert_eq!(s.take_ticket(&a, "B", None, &rule, day(), at).unwrap().avg_service_seconds, None);
    // From before the migration, on a site joined to a hub: the figure taken away and rebuilt
    // from the events, and no past day marked to be sent again.
    s.join_hub(&a, &crate::store::testutil::hub_link(), "k", at).unwrap();
    s.conn().execute_batch("DELETE FROM hub_dirty; DELETE FROM hub_outbox").unwrap();
    let kept: (i64, i64) = s.conn().query_row("SELECT n, amount FROM day_figures WHERE figure = 'q-svc:A'", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    s.conn().execute_batch("DROP TRIGGER day_figures_service_time; DELETE FROM day_figures WHERE figure LIKE 'q-svc:%'; PRAGMA user_version = 30;").unwrap();
    crate::store::migrations::migrate_to(s.conn_mut(), 31).unwrap();
    let rebuilt: (i64, i64) = s.conn().query_row("SELECT n, amount FROM day_figures WHERE figure = 'q-svc:A'", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    assert_eq!(rebuilt, kept);
    let dirty: i64 = s.conn().query_row("SELECT count(*) FROM hub_dirty", [], |r| r.get(0)).unwrap();
    assert_eq!(dirty, 0, "the rebuilt figures mark nothing for the hub");
}
