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

/// The ordering rule (a site setting): after `normal_per_priority` normal calls in a row a waiting
/// priority ticket goes next, and one waiting `priority_max_wait` or longer goes next at once.
/// Priority tickets skip the normal line, but the normal line is never starved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderingRule {
    pub normal_per_priority: u32,
    pub priority_max_wait: Duration,
}

impl Default for OrderingRule {
    fn default() -> Self {
        OrderingRule { normal_per_priority: 3, priority_max_wait: Duration::minutes(15) }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Normal,
    Priority,
}

/// Which line a counter calls from, given how many normal calls it made since its last priority
/// call and when the oldest ticket of each line started waiting.
pub fn choose(
    rule: &OrderingRule,
    normal_since_priority: u32,
    oldest_normal: Option<DateTime<Utc>>,
    oldest_priority: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Option<Pick> {
    match (oldest_normal, oldest_priority) {
        (None, None) => None,
        (Some(_), None) => Some(Pick::Normal),
        (None, Some(_)) => Some(Pick::Priority),
        (Some(_), Some(p)) => {
            if now - p >= rule.priority_max_wait || normal_since_priority >= rule.normal_per_priority {
                Some(Pick::Priority)
            } else {
                Some(Pick::Normal)
            }
        }
    }
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

    #[test]
    fn ordering_alternates_three_normal_to_one_priority() {
        let rule = OrderingRule::default();
        let now = t(10);
        let both = |n| choose(&rule, n, Some(t(0)), Some(t(9)), now);
        assert_eq!(both(0), Some(Pick::Normal));
        assert_eq!(both(2), Some(Pick::Normal));
        assert_eq!(both(3), Some(Pick::Priority));
        // Only one line waiting: call it.
        assert_eq!(choose(&rule, 0, None, Some(t(9)), now), Some(Pick::Priority));
        assert_eq!(choose(&rule, 9, Some(t(0)), None, now), Some(Pick::Normal));
        assert_eq!(choose(&rule, 0, None, None, now), None);
        // A priority ticket waiting 15 minutes goes next at once.
        assert_eq!(choose(&rule, 0, Some(t(0)), Some(t(-5)), now), Some(Pick::Priority));
    }

    proptest! {
        /// Simulate a counter with both lines always full: out of every k+1 calls exactly one is
        /// priority, so neither line starves.
        #[test]
        fn neither_line_starves(k in 1u32..8, calls in 10usize..200) {
            let rule = OrderingRule { normal_per_priority: k, priority_max_wait: Duration::hours(10) };
            let mut since = 0;
            let (mut normal, mut priority) = (0usize, 0usize);
            for _ in 0..calls {
                match choose(&rule, since, Some(t(0)), Some(t(1)), t(2)).unwrap() {
                    Pick::Normal => { normal += 1; since += 1; }
                    Pick::Priority => { priority += 1; since = 0; }
                }
            }
            let period = k as usize + 1;
            prop_assert!(priority >= calls / period);
            prop_assert!(priority <= calls / period + 1);
            prop_assert!(normal >= calls - calls / period - 1);
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
