use super::*;

/// The sample that `loket init` writes names every section of the file (read off the
/// definition of `RawConfig` in mod.rs, so a new section fails here until it is listed).
#[test]
fn the_sample_config_lists_every_section() {
    let me = include_str!("mod.rs");
    let body = &me[me.find("struct RawConfig {").unwrap()..];
    let body = &body[..body.find('}').unwrap()];
    let sections: Vec<&str> = body.lines().skip(1).filter_map(|l| l.trim().split(':').next()).filter(|k| !k.is_empty()).collect();
    assert!(sections.len() >= 12, "{sections:?}");
    for section in sections {
        let listed = [format!("[{section}]"), format!("[[{section}]]")].iter().any(|h| SAMPLE_CONFIG.contains(h.as_str()));
        assert!(listed, "the sample config does not show [{section}]");
    }
}

#[test]
fn sales_section() {
    let c = Config::parse("[sales]\nvat = true\nexpiring_days = 60\n[sales.drugs]\nkeras = \"refused\"\n", "c.toml").unwrap();
    assert!(c.sales.charges_vat);
    assert_eq!(c.sales.expiring_days, 60);
    assert_eq!(c.sales.drug_policy.rule(crate::domain::drug_policy::DrugClass::Keras), crate::domain::drug_policy::Rule::Refused);
    let e = problem("[sales]\nweighed_layout = \"PPII\"\n");
    assert_eq!(e.key, "sales.weighed_layout");
    let e = problem("[sales.drugs]\nkeras = \"sometimes\"\n");
    assert_eq!(e.key, "sales.drugs.keras");
    let e = problem("[sales.drugs]\nvitamin = \"free\"\n");
    assert_eq!((e.key.as_str(), e.problem), ("sales.drugs.vitamin", ConfigProblem::UnknownKey));
    let e = problem("[sales]\nqris_payload = \"000201\"\n");
    assert_eq!(e.key, "sales.qris_payload");
    let c = Config::parse("[sales]\ncash_rounding = 500\ncash_rounding_mode = \"down\"\n", "c.toml").unwrap();
    assert_eq!(c.sales.cash_rounding, crate::domain::payment::CashRounding { step: 500, down: true });
    let e = problem("[sales]\ncash_rounding = 250\n");
    assert_eq!((e.key.as_str(), e.problem), ("sales.cash_rounding", ConfigProblem::NotOneOf { value: "250".into(), allowed: "0 (none), 100, 500, 1000" }));
    let e = problem("[sales]\ncash_rounding_mode = \"up\"\n");
    assert_eq!(e.key, "sales.cash_rounding_mode");
    let e = problem("[sales]\ntax = 1\n");
    assert_eq!((e.key.as_str(), e.problem), ("sales.tax", ConfigProblem::UnknownKey));
}

fn problem(text: &str) -> ConfigError {
    Config::parse(text, "c.toml").unwrap_err()
}

#[test]
fn empty_file_gives_defaults_and_the_sample_is_valid() {
    assert_eq!(Config::parse("", "c.toml").unwrap(), Config::default());
    assert_eq!(Config::parse(SAMPLE_CONFIG, "c.toml").unwrap(), Config::default());
}

#[test]
fn reads_site_values() {
    let c = Config::parse("[site]\nname = \"KDMP Sukamaju\"\ntimezone = \"wita\"\nlanguage = \"en\"\n", "c.toml").unwrap();
    assert_eq!(c.site.name, "KDMP Sukamaju");
    assert_eq!(c.site.zone, Zone::Wita);
    assert_eq!(c.site.lang, Lang::En);
}

#[test]
fn errors_name_the_key() {
    let e = problem("[site]\ntimezone = \"GMT\"\n");
    assert_eq!((e.key.as_str(), e.problem), ("site.timezone", ConfigProblem::BadTimezone("GMT".into())));
    let e = problem("[site]\ncolour = \"red\"\n");
    assert_eq!((e.key.as_str(), e.problem), ("site.colour", ConfigProblem::UnknownKey));
    let e = problem("[kitchen]\n");
    assert_eq!((e.key.as_str(), e.problem), ("kitchen", ConfigProblem::UnknownKey));
    let e = problem("[security]\nmax_pin_attempts = \"five\"\n");
    assert_eq!(e.key, "security.max_pin_attempts");
    assert_eq!(e.problem, ConfigProblem::WrongType { found: "\"five\"".into(), expected: ValueKind::Number });
    let e = problem("[security]\nlockout_minutes = 0\n");
    assert_eq!(e.problem, ConfigProblem::OutOfRange { min: 1, max: 1440 });
    let e = problem("[site\n");
    assert!(matches!(e.problem, ConfigProblem::Syntax(_)));
}

#[test]
fn services_and_counters() {
    let q = Config::default().queue;
    assert_eq!(q.services.iter().map(|s| s.code.as_str()).collect::<Vec<_>>(), ["A", "B", "C", "D"]);
    assert_eq!(q.counters.len(), 3);
    let c = Config::parse(
        "[[services]]\ncode = \"a\"\nname = \"Daftar\"\n[[services]]\ncode = \"K\"\nname = \"KIA\"\ncluster = 2\n\
         [[counters]]\nnumber = 4\nservices = [\"A\", \"k\"]\n[queue]\ncounter = 4\n",
        "c.toml",
    )
    .unwrap();
    assert_eq!(c.queue.this_counter, 4);
    assert_eq!(c.queue.counter(4).unwrap().services, vec!["A", "K"]);
    assert_eq!(c.queue.counter(4).unwrap().name, "Loket 4");
    let e = problem("[[counters]]\nnumber = 1\nservices = [\"Z\"]\n");
    assert_eq!((e.key.as_str(), e.problem), ("counters[0].services", ConfigProblem::UnknownService("Z".into())));
    let e = problem("[queue]\ncounter = 7\n");
    assert_eq!((e.key.as_str(), e.problem), ("queue.counter", ConfigProblem::UnknownCounter(7)));
    let e = problem("[[services]]\ncode = \"AB\"\nname = \"x\"\n");
    assert_eq!(e.problem, ConfigProblem::BadServiceCode("AB".into()));
    assert!(Config::default().with_counter(Some(9)).is_err());
    let c = Config::parse("[queue]\npriority_calls_before_normal = 2\nnormal_max_wait_minutes = 0\n", "c.toml").unwrap();
    assert_eq!(c.queue.rule, crate::domain::queue::OrderingRule { priority_run: 2, normal_max_wait: None });
    let c = Config::parse("[queue]\nnormal_max_wait_minutes = 45\n", "c.toml").unwrap();
    assert_eq!(c.queue.rule.normal_max_wait, Some(chrono::Duration::minutes(45)));
    let e = problem("[queue]\nnormal_per_priority = 3\n");
    assert_eq!((e.key.as_str(), e.problem), ("queue.normal_per_priority", ConfigProblem::Renamed("queue.priority_calls_before_normal")));
    let e = problem("[queue]\npriority_calls_before_normal = 0\n");
    assert_eq!(e.problem, ConfigProblem::OutOfRange { min: 1, max: 20 });
    assert_eq!(Config::default().with_counter(Some(3)).unwrap().queue.this_counter, 3);
}

#[test]
fn printer_section() {
    use printer::{CutMode, QrMode, TransportConfig};
    assert!(!Config::parse("", "c.toml").unwrap().printer.configured());
    let c = Config::parse("[printer]\ntransport = \"tcp\"\nhost = \"127.0.0.1\"\nwidth = 32\nqr = \"image\"\ncut = \"full\"\ndrawer_pin = 5\n", "c.toml").unwrap();
    assert_eq!(c.printer.transport, TransportConfig::Tcp { host: "127.0.0.1".into(), port: 9100 });
    assert_eq!((c.printer.profile.width, c.printer.profile.qr, c.printer.profile.cut, c.printer.profile.drawer_pin), (32, QrMode::Image, CutMode::Full, 5));
    let c = Config::parse("[printer]\ntransport = \"serial\"\npath = \"/dev/ttyS0\"\nbaud = 19200\n", "c.toml").unwrap();
    assert_eq!(c.printer.transport, TransportConfig::Serial { path: "/dev/ttyS0".into(), baud: 19200 });
    let e = problem("[printer]\nwidth = 0\n");
    assert_eq!(e.key, "printer.width");
    let e = problem("[printer]\ntransport = \"tcp\"\n");
    assert_eq!((e.key.as_str(), e.problem), ("printer.host", ConfigProblem::Missing { transport: "tcp".into() }));
    let e = problem("[printer]\ntransport = \"bluetooth\"\n");
    assert_eq!(e.key, "printer.transport");
    let e = problem("[printer]\ndrawer_pin = 3\n");
    assert_eq!(e.key, "printer.drawer_pin");
    let e = problem("[printer]\nbaud = 9600\ntransport = \"serial\"\n");
    assert_eq!(e.key, "printer.path");
    let e = problem("[printer]\npaper = \"80mm\"\n");
    assert_eq!((e.key.as_str(), e.problem), ("printer.paper", ConfigProblem::UnknownKey));
}

#[test]
fn printers_by_role() {
    use crate::domain::printing::DocKind;
    let c = Config::parse(
        "[[printers]]\nname = \"kasir\"\ntransport = \"file\"\npath = \"/tmp/k\"\nwidth = 48\n\
         [[printers]]\nname = \"kios\"\ntransport = \"file\"\npath = \"/tmp/t\"\nwidth = 32\n\
         [printer_for]\nticket = \"kios\"\ndrug_label = \"kios\"\n",
        "c.toml",
    )
    .unwrap();
    // The first printer is the default: every kind the rule does not name goes to it.
    assert_eq!((c.printer.name.as_str(), c.printer.is_default), ("kasir", true));
    assert_eq!(c.printers.iter().map(|p| (p.name.as_str(), p.is_default, p.profile.width)).collect::<Vec<_>>(), [("kios", false, 32)]);
    assert_eq!(c.printer_for(DocKind::Ticket).name, "kios");
    assert_eq!(c.printer_for(DocKind::DrugLabel).name, "kios");
    assert_eq!(c.printer_for(DocKind::Receipt).name, "kasir");
    assert_eq!(c.printer_named("kios").unwrap().profile.width, 32);
    assert!(c.printer_named("dapur").is_none());
    // [printer] stays the default beside named ones, under its own name or "default".
    let c = Config::parse("[printer]\ntransport = \"file\"\npath = \"/tmp/a\"\n[[printers]]\nname = \"kios\"\ntransport = \"file\"\npath = \"/tmp/b\"\n", "c.toml").unwrap();
    assert_eq!((c.printer.name.as_str(), c.all_printers().count()), ("default", 2));
    let e = problem("[printer]\nname = \"kios\"\n[[printers]]\nname = \"kios\"\n");
    assert_eq!((e.key.as_str(), e.problem), ("printers[0].name", ConfigProblem::Duplicate("kios".into())));
    let e = problem("[printer_for]\nreceipt = \"kasir\"\n");
    assert_eq!((e.key.as_str(), e.problem), ("printer_for.receipt", ConfigProblem::UnknownPrinter { name: "kasir".into(), known: String::new() }));
    let e = problem("[[printers]]\nname = \"kios\"\nwidth = 58\n");
    assert_eq!(e.key, "printers[0].width");
}

#[test]
fn business_day_follows_the_site_zone() {
    let t = DateTime::parse_from_rfc3339("2026-11-23T17:30:00Z").unwrap().with_timezone(&Utc);
    assert_eq!(Zone::Wib.business_day(t).to_string(), "2026-11-24");
    let t = DateTime::parse_from_rfc3339("2026-11-23T16:30:00Z").unwrap().with_timezone(&Utc);
    assert_eq!(Zone::Wib.business_day(t).to_string(), "2026-11-23");
    assert_eq!(Zone::Wit.business_day(t).to_string(), "2026-11-24");
}

#[test]
fn clinic_section() {
    let c = Config::parse(
        "[clinic]\npharmacy_service = \"C\"\nfacilities = [{ code = \"PKM1\", name = \"Puskesmas Satu\" }]\n[clinic.drugs.Parasetamol]\nmax_per_day = 8\n[clinic.drugs.isoniazid]\nprogramme = \"TB\"\n",
        "c.toml",
    )
    .unwrap();
    assert_eq!(c.clinic.facility("pkm1").map(|f| f.kind.as_str()), Some("puskesmas"));
    assert_eq!(c.clinic.drug("parasetamol").max_daily_milli, Some(8000));
    assert_eq!(c.clinic.drug("Isoniazid").programme.as_deref(), Some("TB"));
    let e = Config::parse("[clinic]\npharmacy_service = \"Z\"\n", "c.toml").unwrap_err();
    assert_eq!(e.key, "clinic.pharmacy_service");
    let e = Config::parse("[clinic]\nfacilities = [{ code = \"A\", name = \"x\" }, { code = \"a\", name = \"y\" }]\n", "c.toml").unwrap_err();
    assert_eq!(e.key, "clinic.facilities[1].code");
    let e = Config::parse("[clinic.drugs.x]\nmax_per_day = 0\n", "c.toml").unwrap_err();
    assert_eq!(e.key, "clinic.drugs.x.max_per_day");
}
