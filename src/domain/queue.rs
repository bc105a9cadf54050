//! Queue rules: ticket labels, which waiting ticket a counter calls next, the spoken sentence,
//! and waiting-time statistics. Pure: time and data come in as arguments.

use chrono::{DateTime, Duration, Utc};

/// Priority groups that the law says must be served first (DOMAIN.md, Queues).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PriorityGroup {
    Elderly,
    Pregnant,
    Disabled,
    Child,
}

impl PriorityGroup {
    pub const ALL: [PriorityGroup; 4] = [PriorityGroup::Elderly, PriorityGroup::Pregnant, PriorityGroup::Disabled, PriorityGroup::Child];

    /// The code stored and typed on the command line.
    pub fn code(self) -> &'static str {
        match self {
            PriorityGroup::Elderly => "lansia",
            PriorityGroup::Pregnant => "ibu-hamil",
            PriorityGroup::Disabled => "disabilitas",
            PriorityGroup::Child => "anak",
        }
    }

    pub fn parse(s: &str) -> Option<PriorityGroup> {
        let s = s.trim().to_lowercase().replace(['_', ' '], "-");
        PriorityGroup::ALL.into_iter().find(|g| g.code() == s)
    }
}

/// "A-007": the service letter and the day's number, three digits.
pub fn ticket_label(prefix: &str, number: i64) -> String {
    format!("{prefix}-{number:03}")
}

/// The ordering rule (a site setting). Priority service is a legal duty for the disabled, the
/// elderly, pregnant women and children (UU 25/2009 on public services, art. 29 "pelayanan
/// khusus"; UU 8/2016 on disability; DOMAIN.md, Queues): a priority ticket is called before
/// every normal ticket and never waits behind a normal ticket that came after it, except where
/// the normal line would starve:
/// - after `priority_run` priority calls in a row while normal tickets waited, the normal ticket
///   waiting longest is called;
/// - a normal ticket that has waited `normal_max_wait` or longer goes next (None: no such limit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderingRule {
    pub priority_run: u32,
    pub normal_max_wait: Option<Duration>,
}

impl Default for OrderingRule {
    fn default() -> Self {
        OrderingRule { priority_run: 3, normal_max_wait: Some(Duration::minutes(60)) }
    }
}

/// A waiting ticket as the ordering rule sees it: its line and when it joined the service's line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Waiting {
    pub priority: bool,
    pub queued_at: DateTime<Utc>,
}

/// The calling order of the waiting tickets: indices into `waiting`, first called first, if
/// nobody new arrives and the calls are made as of `now`. `priority_run` is the number of
/// priority calls made in a row while normal tickets waited (see [`extends_priority_run`]).
/// Tickets of one line keep the order they queued in (ties: their order in `waiting`).
///
/// This is the one place the order is decided: the number printed as "ahead" on a ticket, its
/// wait estimate, the counter's waiting list and the call itself all take it from here.
pub fn calling_order(rule: &OrderingRule, waiting: &[Waiting], priority_run: u32, now: DateTime<Utc>) -> Vec<usize> {
    let line = |priority: bool| {
        let mut v: Vec<usize> = (0..waiting.len()).filter(|&i| waiting[i].priority == priority).collect();
        v.sort_by_key(|&i| (waiting[i].queued_at, i));
        v.into_iter().peekable()
    };
    let (mut normal, mut priority) = (line(false), line(true));
    let mut run = priority_run;
    let mut order = Vec::with_capacity(waiting.len());
    loop {
        let next = match (normal.peek().copied(), priority.peek().copied()) {
            (None, None) => break,
            (Some(_), None) => normal.next(),
            (None, Some(_)) => priority.next(),
            (Some(n), Some(_)) => {
                let overdue = rule.normal_max_wait.is_some_and(|max| now - waiting[n].queued_at >= max);
                if overdue || run >= rule.priority_run {
                    normal.next()
                } else {
                    priority.next()
                }
            }
        };
        let i = next.expect("a line with a ticket");
        let normal_waits = normal.peek().is_some();
        run = if extends_priority_run(waiting[i].priority, normal_waits) { run + 1 } else { 0 };
        order.push(i);
    }
    order
}

/// Whether a call lengthens the run of priority calls that counts toward calling a normal
/// ticket: a priority call while a normal ticket waits does; a normal call, or a priority call
/// with nobody in the normal line, ends the run.
pub fn extends_priority_run(called_priority: bool, normal_waits: bool) -> bool {
    called_priority && normal_waits
}

const DIGITS: [&str; 10] = ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"];

/// A whole number in Indonesian words (0 to 999), as a counter number is read out.
pub fn number_words(n: u32) -> String {
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10 => "sepuluh".into(),
        11 => "sebelas".into(),
        12..=19 => format!("{} belas", DIGITS[(n - 10) as usize]),
        20..=99 => {
            let tens = format!("{} puluh", DIGITS[(n / 10) as usize]);
            if n % 10 == 0 {
                tens
            } else {
                format!("{tens} {}", DIGITS[(n % 10) as usize])
            }
        }
        100..=999 => {
            let hundreds = if n / 100 == 1 { "seratus".to_string() } else { format!("{} ratus", DIGITS[(n / 100) as usize]) };
            if n % 100 == 0 {
                hundreds
            } else {
                format!("{hundreds} {}", number_words(n % 100))
            }
        }
        _ => n.to_string(),
    }
}

/// The spoken call: the ticket's digits read one by one, as in
/// "Nomor antrean A nol nol tujuh, silakan ke loket dua".
pub fn call_sentence(prefix: &str, number: i64, counter: u32) -> String {
    let digits: Vec<&str> = format!("{number:03}").bytes().map(|b| DIGITS[(b - b'0') as usize]).collect();
    format!("Nomor antrean {prefix} {}, silakan ke loket {}", digits.join(" "), number_words(counter))
}

/// The clip names for a call, for sites that use recorded clips instead of speech synthesis:
/// `nomor-antrean`, the letter, each digit, `silakan-ke-loket`, the counter's number words.
pub fn call_clips(prefix: &str, number: i64, counter: u32) -> Vec<String> {
    let mut clips = vec!["nomor-antrean".to_string(), prefix.to_lowercase()];
    clips.extend(format!("{number:03}").bytes().map(|b| DIGITS[(b - b'0') as usize].to_string()));
    clips.push("silakan-ke-loket".into());
    clips.extend(number_words(counter).split(' ').map(str::to_string));
    clips
}

/// Average and 90th percentile (nearest rank) of durations in seconds.
pub fn mean_and_p90(values: &mut [i64]) -> Option<(i64, i64)> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mean = values.iter().sum::<i64>() / values.len() as i64;
    let rank = ((values.len() as f64) * 0.9).ceil() as usize;
    Some((mean, values[rank.clamp(1, values.len()) - 1]))
}

/// Estimated wait in minutes: the tickets ahead times today's average service time, shared by
/// the counters serving the service.
pub fn estimated_wait_minutes(ahead: i64, avg_service_seconds: i64, counters: i64) -> i64 {
    let total = ahead * avg_service_seconds / counters.max(1);
    (total + 59) / 60
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn t(min: i64) -> DateTime<Utc> {
        DateTime::<Utc>::from_timestamp(1_790_000_000, 0).unwrap() + Duration::minutes(min)
    }

    #[test]
    fn the_sentence_of_the_domain_brief() {
        assert_eq!(call_sentence("A", 7, 2), "Nomor antrean A nol nol tujuh, silakan ke loket dua");
        assert_eq!(call_sentence("B", 120, 11), "Nomor antrean B satu dua nol, silakan ke loket sebelas");
        assert_eq!(call_clips("C", 45, 3), vec!["nomor-antrean", "c", "nol", "empat", "lima", "silakan-ke-loket", "tiga"]);
    }

    #[test]
    fn number_words_read_naturally() {
        assert_eq!(number_words(0), "nol");
        assert_eq!(number_words(10), "sepuluh");
        assert_eq!(number_words(17), "tujuh belas");
        assert_eq!(number_words(20), "dua puluh");
        assert_eq!(number_words(21), "dua puluh satu");
        assert_eq!(number_words(100), "seratus");
        assert_eq!(number_words(305), "tiga ratus lima");
    }

    fn w(priority: bool, min: i64) -> Waiting {
        Waiting { priority, queued_at: t(min) }
    }

    #[test]
    fn a_priority_ticket_goes_before_every_normal_ticket() {
        let rule = OrderingRule::default();
        // Issue #13: A-001 normal, A-002 lansia, A-003..A-005 normal.
        let waiting = [w(false, 0), w(true, 1), w(false, 2), w(false, 3), w(false, 4)];
        assert_eq!(calling_order(&rule, &waiting, 0, t(5)), [1, 0, 2, 3, 4]);
    }

    #[test]
    fn after_k_priority_calls_in_a_row_the_longest_waiting_normal_ticket_goes() {
        let rule = OrderingRule { priority_run: 3, normal_max_wait: None };
        let waiting = [w(false, 0), w(false, 1), w(true, 2), w(true, 3), w(true, 4), w(true, 5), w(true, 6)];
        assert_eq!(calling_order(&rule, &waiting, 0, t(7)), [2, 3, 4, 0, 5, 6, 1]);
        // Two priority calls were already made while normal tickets waited: one more, then normal.
        assert_eq!(calling_order(&rule, &waiting, 2, t(7))[..3], [2, 0, 3]);
        // Priority calls with nobody in the normal line do not count.
        let only_priority = [w(true, 0), w(true, 1), w(true, 2), w(true, 3), w(false, 9)];
        assert_eq!(calling_order(&rule, &only_priority, 0, t(10)), [0, 1, 2, 4, 3]);
    }

    #[test]
    fn a_normal_ticket_waiting_too_long_goes_next() {
        let rule = OrderingRule { priority_run: 3, normal_max_wait: Some(Duration::minutes(30)) };
        let waiting = [w(false, 0), w(true, 25), w(false, 26)];
        assert_eq!(calling_order(&rule, &waiting, 0, t(29)), [1, 0, 2]);
        assert_eq!(calling_order(&rule, &waiting, 0, t(30)), [0, 1, 2]);
        assert_eq!(calling_order(&rule, &[], 0, t(30)), Vec::<usize>::new());
    }

    /// One call of a simulated day: its line, whether each line had tickets waiting just before
    /// it, and the priority run just before it.
    #[derive(Debug, Clone, Copy)]
    struct Call {
        ticket: usize,
        priority: bool,
        normal_waited: bool,
        priority_waited: bool,
        run_before: u32,
        at: DateTime<Utc>,
    }

    /// A day at one counter: arrivals (priority or not) and calls interleaved, a minute apart,
    /// the run kept the way the store keeps it.
    fn simulate(rule: &OrderingRule, events: &[(bool, bool)]) -> (Vec<Waiting>, Vec<Call>) {
        let mut all = Vec::new();
        let mut waiting: Vec<usize> = Vec::new();
        let mut calls = Vec::new();
        let mut run = 0;
        for (minute, &(arrive, priority)) in events.iter().enumerate() {
            let now = t(minute as i64);
            if arrive {
                all.push(Waiting { priority, queued_at: now });
                waiting.push(all.len() - 1);
            } else if !waiting.is_empty() {
                let normal_waited = waiting.iter().any(|&i| !all[i].priority);
                let priority_waited = waiting.iter().any(|&i| all[i].priority);
                let view: Vec<Waiting> = waiting.iter().map(|&i| all[i]).collect();
                let first = calling_order(rule, &view, run, now)[0];
                let ticket = waiting.remove(first);
                let normal_waits = waiting.iter().any(|&i| !all[i].priority);
                calls.push(Call { ticket, priority: all[ticket].priority, normal_waited, priority_waited, run_before: run, at: now });
                run = if extends_priority_run(all[ticket].priority, normal_waits) { run + 1 } else { 0 };
            }
        }
        (all, calls)
    }

    proptest! {
        /// No ticket is ever overtaken by a later ticket of its own line.
        #[test]
        fn no_ticket_is_overtaken_within_its_line(
            k in 1u32..6, max in prop::option::of(1i64..40),
            events in prop::collection::vec((any::<bool>(), any::<bool>()), 0..120),
        ) {
            let rule = OrderingRule { priority_run: k, normal_max_wait: max.map(Duration::minutes) };
            let (all, calls) = simulate(&rule, &events);
            for line in [true, false] {
                let mine: Vec<usize> = calls.iter().map(|c| c.ticket).filter(|&i| all[i].priority == line).collect();
                prop_assert!(mine.windows(2).all(|p| p[0] < p[1]), "{:?}", mine);
            }
        }

        /// Neither line starves: while normal tickets wait, at most k priority calls come in a
        /// row; and a normal ticket is called while priority tickets wait only after such a run
        /// (or when it has waited too long).
        #[test]
        fn neither_line_starves(
            k in 1u32..6, max in prop::option::of(1i64..40),
            events in prop::collection::vec((any::<bool>(), any::<bool>()), 0..160),
        ) {
            let rule = OrderingRule { priority_run: k, normal_max_wait: max.map(Duration::minutes) };
            let (all, calls) = simulate(&rule, &events);
            let mut in_a_row = 0;
            for (n, c) in calls.iter().enumerate() {
                if c.priority && c.normal_waited {
                    in_a_row += 1;
                    prop_assert!(in_a_row <= k, "call {}: {} priority calls in a row", n, in_a_row);
                } else {
                    in_a_row = 0;
                }
                if !c.priority && c.priority_waited {
                    let overdue = max.is_some_and(|m| c.at - all[c.ticket].queued_at >= Duration::minutes(m));
                    prop_assert!(c.run_before >= k || overdue, "call {}: a normal ticket went before priority", n);
                }
            }
        }

        /// The number ahead of a ticket when it is taken equals the calls made before it, when
        /// nobody new arrives.
        #[test]
        fn ahead_equals_the_calls_before_it(
            k in 1u32..6, max in prop::option::of(1i64..40), run in 0u32..6,
            line in prop::collection::vec((any::<bool>(), 0i64..60), 0..40), mine in any::<bool>(),
        ) {
            let rule = OrderingRule { priority_run: k, normal_max_wait: max.map(Duration::minutes) };
            let now = t(60);
            let mut waiting: Vec<Waiting> = line.iter().map(|&(p, m)| w(p, m)).collect();
            waiting.sort_by_key(|x| x.queued_at);
            waiting.push(Waiting { priority: mine, queued_at: now });
            let me = waiting.len() - 1;
            let ahead = calling_order(&rule, &waiting, run, now).iter().position(|&i| i == me).unwrap();
            // Call one at a time, as the counter does, re-reading the order each time.
            let mut left: Vec<usize> = (0..waiting.len()).collect();
            let mut run = run;
            let mut calls = 0;
            loop {
                let view: Vec<Waiting> = left.iter().map(|&i| waiting[i]).collect();
                let first = left.remove(calling_order(&rule, &view, run, now)[0]);
                if first == me {
                    break;
                }
                let normal_waits = left.iter().any(|&i| !waiting[i].priority);
                run = if extends_priority_run(waiting[first].priority, normal_waits) { run + 1 } else { 0 };
                calls += 1;
            }
            prop_assert_eq!(ahead, calls);
        }
    }

    #[test]
    fn statistics_and_estimates() {
        let mut v = vec![60, 120, 180, 240, 300, 360, 420, 480, 540, 600];
        assert_eq!(mean_and_p90(&mut v), Some((330, 540)));
        assert_eq!(mean_and_p90(&mut []), None);
        assert_eq!(estimated_wait_minutes(4, 300, 2), 10);
        assert_eq!(estimated_wait_minutes(0, 300, 1), 0);
        assert_eq!(estimated_wait_minutes(1, 61, 1), 2);
    }

    #[test]
    fn priority_groups_parse_from_what_a_clerk_types() {
        assert_eq!(PriorityGroup::parse("Ibu Hamil"), Some(PriorityGroup::Pregnant));
        assert_eq!(PriorityGroup::parse("lansia"), Some(PriorityGroup::Elderly));
        assert_eq!(PriorityGroup::parse("vip"), None);
        assert_eq!(ticket_label("A", 7), "A-007");
    }
}
