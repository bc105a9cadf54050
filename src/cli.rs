//! The command line: parse, load the configuration and keymap and open the store (every failure
//! here is one sentence and a non-zero exit, before the terminal enters raw mode), then dispatch.

use crate::app::{App, State};
use crate::config::{Config, SAMPLE_CONFIG};
use crate::domain::user::{check_pin, check_user_name, Role};
use crate::keymap::{Keymap, DEFAULT_KEYMAP_NAME};
use crate::store::users::AuthFailure;
use crate::store::{Actor, OpenMode, Store};
use crate::text::{Lang, Text};
use crate::theme::Theme;
use crate::{demo, paths};
use chrono::Utc;
use clap::{Args, Parser, Subcommand};
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

mod sales;

#[derive(Parser, Debug)]
#[command(name = "loket", version, about = "Loket: the counter of a village cooperative clinic and shop")]
pub struct Cli {
    /// The database file [default: loket.db in the user's data directory]
    #[arg(long, env = "LOKET_DB", global = true)]
    db: Option<PathBuf>,
    /// The site settings file [default: config.toml in the user's config directory]
    #[arg(long, env = "LOKET_CONFIG", global = true)]
    config: Option<PathBuf>,
    /// A keymap file overriding the shipped keys [default: keymap.toml in the config directory]
    #[arg(long, env = "LOKET_KEYMAP", global = true)]
    keymap: Option<PathBuf>,
    /// Language of the interface: id (Bahasa Indonesia) or en
    #[arg(long, env = "LOKET_LANG", global = true)]
    lang: Option<String>,
    /// Draw with ASCII characters only (automatic on the Linux console)
    #[arg(long, global = true)]
    ascii: bool,
    /// The counter (loket) this terminal serves [default: queue.counter in the config]
    #[arg(long, env = "LOKET_COUNTER", global = true)]
    counter: Option<u32>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the counter (the default)
    Run,
    /// Create (or reuse) a demo database with realistic data, then run the counter on it
    Demo {
        /// Only seed the database, do not start the app
        #[arg(long)]
        seed_only: bool,
        /// How many demo patients to create
        #[arg(long, default_value_t = demo::DEFAULT_PATIENTS)]
        patients: u64,
    },
    /// Create the database and its first admin (asks for what the flags do not give)
    Init {
        #[arg(long)]
        admin: Option<String>,
        #[arg(long)]
        full_name: Option<String>,
        /// The admin's PIN (or LOKET_PIN; asked for when missing)
        #[arg(long, env = "LOKET_PIN", hide_env_values = true)]
        pin: Option<String>,
        /// The site name, written into a new config file
        #[arg(long)]
        site: Option<String>,
    },
    /// Manage users
    #[command(subcommand)]
    User(UserCommand),
    /// Check key bindings
    #[command(subcommand)]
    Keymap(KeymapCommand),
    /// The audit log
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Take a queue ticket (for a kiosk button): prints the ticket
    Ticket {
        /// The service letter, e.g. A
        service: String,
        /// lansia, ibu-hamil, disabilitas or anak
        #[arg(long)]
        priority: Option<String>,
    },
    /// Queue commands for scripts and call buttons
    #[command(subcommand)]
    Queue(QueueCommand),
    /// The waiting-room display: read-only, no login; speaks each call
    Board,
    /// The receipt printer and its spool
    #[command(subcommand)]
    Printer(PrinterCommand),
    /// The supervisor's figures for scripts: a shift, a day or a range of days
    Report {
        #[arg(value_enum)]
        what: ReportKind,
        /// The day (day) or the first day (range), yyyy-mm-dd [default: today]
        #[arg(long)]
        from: Option<String>,
        /// The last day of a range, yyyy-mm-dd
        #[arg(long)]
        to: Option<String>,
        /// The shift (for `shift`) [default: the latest]
        #[arg(long)]
        shift: Option<i64>,
        #[arg(long, value_enum, default_value = "text")]
        format: ReportFormat,
    },
    /// The supervisor's read-only view (what the SSH account runs): figures, no login, no writes
    Supervisor,
    /// Copy the database consistently while counters keep working, keep the last N, verify each
    Backup {
        dir: PathBuf,
        #[arg(long, default_value_t = 14)]
        keep: usize,
    },
    /// Put a backup back in place of the database (refuses a damaged or newer one)
    Restore { file: PathBuf },
    /// SATUSEHAT: send waiting CKG results now and print a summary (or: status, retry ID)
    Sync {
        #[command(subcommand)]
        cmd: Option<SyncCommand>,
    },
    /// The product catalog as CSV
    #[command(subcommand)]
    Catalog(sales::CatalogCommand),
    /// Goods received, stock reports, expired stock
    #[command(subcommand)]
    Stock(sales::StockCommand),
    /// Sales from the shell: simulate (load and crash tests), check
    #[command(subcommand)]
    Sales(sales::SalesCommand),
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ReportKind {
    Shift,
    Day,
    Range,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ReportFormat {
    Text,
    Csv,
    Json,
}

#[derive(Subcommand, Debug)]
enum SyncCommand {
    /// Pending, sent and failed counts, the oldest waiting entry, and the entries that need a fix
    Status,
    /// Send a failed (or waiting) entry again after fixing its problem
    Retry { id: i64 },
}

#[derive(Subcommand, Debug)]
enum QueueCommand {
    /// Call the next ticket to this counter (--counter) and print it
    Call,
    /// Today's figures per service
    Stats,
}

#[derive(Args, Debug)]
struct AsAdmin {
    /// The admin doing this
    #[arg(long = "as")]
    as_user: Option<String>,
    /// That admin's PIN (or LOKET_AS_PIN; asked for when missing)
    #[arg(long, env = "LOKET_AS_PIN", hide_env_values = true)]
    as_pin: Option<String>,
}

#[derive(Subcommand, Debug)]
enum UserCommand {
    /// Add a user
    Add {
        name: String,
        #[arg(long, value_enum)]
        role: Role,
        #[arg(long)]
        full_name: Option<String>,
        /// The new user's PIN (or LOKET_NEW_PIN; asked for when missing)
        #[arg(long, env = "LOKET_NEW_PIN", hide_env_values = true)]
        pin: Option<String>,
        #[command(flatten)]
        admin: AsAdmin,
    },
    /// List users
    List,
    /// Give a user a new PIN and lift a lockout
    ResetPin {
        name: String,
        #[arg(long, env = "LOKET_NEW_PIN", hide_env_values = true)]
        pin: Option<String>,
        #[command(flatten)]
        admin: AsAdmin,
    },
    /// Record the practitioner NIK of a user who examines (sent to SATUSEHAT with CKG results)
    SetNik {
        name: String,
        nik: String,
        #[command(flatten)]
        admin: AsAdmin,
    },
    /// Disable a user (or enable again with --enable)
    Disable {
        name: String,
        #[arg(long)]
        enable: bool,
        #[command(flatten)]
        admin: AsAdmin,
    },
}

#[derive(Subcommand, Debug)]
enum KeymapCommand {
    /// Check a keymap file (default: the user's keymap.toml) merged over the shipped keys
    Check { file: Option<PathBuf> },
}

#[derive(Subcommand, Debug)]
enum PrinterCommand {
    /// Print the test page on the configured printer and say what happened
    Test,
    /// List print jobs still waiting (or the latest ones with --all)
    Queue {
        #[arg(long)]
        all: bool,
    },
    /// Show what a job prints
    Show { id: i64 },
    /// Send a waiting job again now
    Retry { id: i64 },
    /// Give up on a waiting job
    Cancel { id: i64 },
    /// Print a job again; the copy says SALINAN / COPY
    Reprint { id: i64 },
}

#[derive(Subcommand, Debug)]
enum AuditCommand {
    /// Walk the hash chain and report any altered or missing entry
    Verify,
}

/// A failure reported as one sentence; `code` is the exit status.
struct Fail {
    code: i32,
    message: String,
}

fn fail(code: i32, message: impl Into<String>) -> Fail {
    Fail { code, message: message.into() }
}

type CliResult = Result<(), Fail>;

pub fn main() -> i32 {
    let cli = Cli::parse();
    let flag_lang = match cli.lang.as_deref().map(|l| (l, Lang::parse(l))) {
        Some((_, Some(l))) => Some(l),
        Some((raw, None)) => {
            let t = Text::new(Lang::Id);
            eprintln!("loket: --lang: {}", t.config_problem(&crate::config::ConfigProblem::BadLanguage(raw.to_string())));
            return 2;
        }
        None => None,
    };
    match run(cli, flag_lang) {
        Ok(()) => 0,
        Err(f) => {
            eprintln!("loket: {}", f.message);
            f.code
        }
    }
}

fn run(cli: Cli, flag_lang: Option<Lang>) -> CliResult {
    let early = Text::new(flag_lang.unwrap_or_default());
    let config_path = cli.config.clone().unwrap_or_else(paths::default_config);
    let config = Config::load(&config_path, cli.config.is_some()).map_err(|e| fail(2, early.config_error(&e)))?;
    let text = Text::new(flag_lang.unwrap_or(config.site.lang));
    let config = config.with_counter(cli.counter).map_err(|e| fail(2, text.config_error(&e)))?;
    match cli.command {
        None | Some(Command::Run) => {
            let keymap = load_keymap(&cli.keymap, &text)?;
            let db = cli.db.clone().unwrap_or_else(paths::default_db);
            let store = Store::open(&db, OpenMode::Existing).map_err(|e| fail(1, text.store_error(&e)))?;
            run_terminal(store, config, keymap, text, cli.ascii)
        }
        Some(Command::Demo { seed_only, patients }) => {
            let keymap = load_keymap(&cli.keymap, &text)?;
            let db = cli.db.clone().unwrap_or_else(|| {
                let _ = std::fs::create_dir_all(paths::data_dir());
                paths::demo_db()
            });
            let mut store = Store::open(&db, OpenMode::Create).map_err(|e| fail(1, text.store_error(&e)))?;
            let seeded = demo::seed(&mut store, patients, Utc::now()).map_err(|e| fail(1, text.store_error(&e)))?;
            if seed_only {
                println!("{}", text.demo_ready(seeded.users, seeded.patients, seeded.products, &db.display().to_string()));
                return Ok(());
            }
            let mut config = config;
            if config.source.is_none() {
                config.site.name = "KDKMP Sukamaju (DEMO)".into();
                config.site.address = "Desa Sukamaju, Kec. Cibeber, Kab. Cianjur".into();
            }
            run_terminal(store, config, keymap, text, cli.ascii)
        }
        Some(Command::Init { admin, full_name, pin, site }) => init(cli.db, &config_path, admin, full_name, pin, site, &text),
        Some(Command::User(cmd)) => user_command(cli.db, cmd, &config, &text),
        Some(Command::Keymap(KeymapCommand::Check { file })) => {
            let file = file.or(cli.keymap).or_else(|| Some(paths::default_keymap()).filter(|p| p.exists()));
            Keymap::load(file.as_deref()).map_err(|e| fail(2, text.keymap_error(&e)))?;
            let name = file.map(|f| f.display().to_string()).unwrap_or_else(|| DEFAULT_KEYMAP_NAME.to_string());
            println!("{}: {name}", text.keymap_ok());
            Ok(())
        }
        Some(Command::Ticket { service, priority }) => {
            let db = cli.db.unwrap_or_else(paths::default_db);
            take_ticket(&db, &config, &service, priority.as_deref(), &text)
        }
        Some(Command::Queue(cmd)) => {
            let db = cli.db.unwrap_or_else(paths::default_db);
            queue_command(&db, &config, cmd, &text)
        }
        Some(Command::Board) => {
            let keymap = load_keymap(&cli.keymap, &text)?;
            let db = cli.db.unwrap_or_else(paths::default_db);
            let store = Store::open(&db, OpenMode::ReadOnly).map_err(|e| fail(1, text.store_error(&e)))?;
            if !std::io::stdout().is_terminal() {
                return Err(fail(1, text.no_terminal()));
            }
            let theme = Theme::detect(cli.ascii);
            let state = crate::board::BoardState::new(&config, text, theme, Utc::now());
            let announcer = crate::voice::Announcer::start(config.voice.clone(), paths::log_file());
            install_panic_hook(text);
            let mut terminal = ratatui::try_init().map_err(|e| fail(1, e.to_string()))?;
            let result = crate::board::run(&mut terminal, &store, state, &keymap, &announcer);
            ratatui::restore();
            result.map_err(|e| fail(1, e.to_string()))
        }
        Some(Command::Printer(cmd)) => printer_command(cli.db, cmd, &config, &text),
        Some(Command::Report { what, from, to, shift, format }) => {
            let db = cli.db.unwrap_or_else(paths::default_db);
            report_command(&db, &config, what, from, to, shift, format, &text)
        }
        Some(Command::Supervisor) => {
            let db = cli.db.unwrap_or_else(paths::default_db);
            // Over SSH with ForceCommand, `ssh supervisor@host report day --format csv` still works.
            if let Ok(original) = std::env::var("SSH_ORIGINAL_COMMAND") {
                let words: Vec<&str> = original.split_whitespace().collect();
                if words.first() == Some(&"report") {
                    let mut args = vec!["loket", "--db"];
                    let db_s = db.display().to_string();
                    args.push(&db_s);
                    args.extend(words.iter().copied());
                    let sub = Cli::try_parse_from(args).map_err(|e| fail(2, e.to_string()))?;
                    if let Some(Command::Report { what, from, to, shift, format }) = sub.command {
                        return report_command(&db, &config, what, from, to, shift, format, &text);
                    }
                }
                if !original.trim().is_empty() {
                    return Err(fail(2, text.supervisor_only_report()));
                }
            }
            let keymap = load_keymap(&cli.keymap, &text)?;
            let store = Store::open(&db, OpenMode::ReadOnly).map_err(|e| fail(1, text.store_error(&e)))?;
            if !std::io::stdout().is_terminal() {
                return Err(fail(1, text.no_terminal()));
            }
            install_panic_hook(text);
            let theme = Theme::detect(cli.ascii);
            let mut terminal = ratatui::try_init().map_err(|e| fail(1, e.to_string()))?;
            let result = crate::supervisor::run(&mut terminal, store, &config, &keymap, text, theme);
            ratatui::restore();
            result.map_err(|e| fail(1, e.to_string()))
        }
        Some(Command::Backup { dir, keep }) => {
            let db = cli.db.unwrap_or_else(paths::default_db);
            let store = Store::open(&db, OpenMode::ReadOnly).map_err(|e| fail(1, text.store_error(&e)))?;
            let made = crate::store::backup::backup(&store, &dir, keep, Utc::now()).map_err(|e| fail(1, text.backup_error(&e)))?;
            println!("{}", text.backup_done(&made.path.display().to_string(), made.bytes, made.removed));
            Ok(())
        }
        Some(Command::Restore { file }) => {
            let db = cli.db.unwrap_or_else(paths::default_db);
            let saved = crate::store::backup::restore(&file, &db, Utc::now()).map_err(|e| fail(1, text.backup_error(&e)))?;
            println!("{}", text.restore_done(&file.display().to_string(), &db.display().to_string(), &saved.display().to_string()));
            Ok(())
        }
        Some(Command::Sync { cmd }) => sync_command(cli.db, cmd, &config, &text),
        Some(Command::Catalog(cmd)) => sales::catalog_command(&cli.db.unwrap_or_else(paths::default_db), cmd, &text),
        Some(Command::Stock(cmd)) => sales::stock_command(&cli.db.unwrap_or_else(paths::default_db), &config, cmd, &text),
        Some(Command::Sales(cmd)) => sales::sales_command(&cli.db.unwrap_or_else(paths::default_db), &config, cmd, &text),
        Some(Command::Audit(AuditCommand::Verify)) => {
            let db = cli.db.unwrap_or_else(paths::default_db);
            let store = Store::open(&db, OpenMode::ReadOnly).map_err(|e| fail(1, text.store_error(&e)))?;
            let report = store.verify_audit().map_err(|e| fail(1, text.store_error(&e)))?;
            match report.problem {
                None => {
                    println!("{}", text.audit_entries(report.entries));
                    Ok(())
                }
                Some(b) => Err(fail(1, text.audit_break(&b))),
            }
        }
    }
}

/// The shipped keymap, merged with the user's file: the one named, or keymap.toml in the config
/// directory when it exists.
fn load_keymap(explicit: &Option<PathBuf>, text: &Text) -> Result<Keymap, Fail> {
    let file = explicit.clone().or_else(|| Some(paths::default_keymap()).filter(|p| p.exists()));
    Keymap::load(file.as_deref()).map_err(|e| fail(2, text.keymap_error(&e)))
}

fn run_terminal(store: Store, config: Config, keymap: Keymap, text: Text, force_ascii: bool) -> CliResult {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err(fail(1, text.no_terminal()));
    }
    let demo = store.is_demo().unwrap_or(false);
    let theme = Theme::detect(force_ascii);
    let state = State::new(&config, keymap, theme, text, demo, Utc::now());
    let db = store.path().to_path_buf();
    let mut app = App::new(state, store);
    app.spool = crate::print::spool::start(db.clone(), config.printer.clone());
    app.sender = crate::sync::sender::start(db, config.satusehat.clone());
    install_panic_hook(text);
    let mut terminal = ratatui::try_init().map_err(|e| fail(1, e.to_string()))?;
    let result = app.run(&mut terminal, crate::app::Probe::from_env());
    ratatui::restore();
    result.map_err(|e| fail(1, e.to_string()))
}

/// On a panic: the terminal is restored (ratatui's hook, installed after this one, runs first),
/// the details go to the log file, and the user sees one sentence in their language.
fn install_panic_hook(text: Text) {
    std::panic::set_hook(Box::new(move |info| {
        let log = paths::log_file();
        let _ = std::fs::create_dir_all(paths::data_dir());
        if let Ok(mut f) = std::fs::OpenOptions::new().create(true).append(true).open(&log) {
            let _ = writeln!(f, "{} panic: {info}\n{}", Utc::now().to_rfc3339(), std::backtrace::Backtrace::force_capture());
        }
        eprintln!("\nloket: {} {}", text.unexpected_error(), log.display());
    }));
}

fn prompt_line(prompt: &str) -> Result<String, Fail> {
    eprint!("{prompt}");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| fail(1, e.to_string()))?;
    Ok(line.trim().to_string())
}

/// Read a PIN without echoing it when typed at a terminal.
fn prompt_secret(prompt: &str) -> Result<String, Fail> {
    if !std::io::stdin().is_terminal() {
        return prompt_line(prompt);
    }
    use ratatui::crossterm::event::{read, Event, KeyCode, KeyEventKind, KeyModifiers};
    use ratatui::crossterm::terminal::{disable_raw_mode, enable_raw_mode};
    struct RawGuard;
    impl Drop for RawGuard {
        fn drop(&mut self) {
            let _ = disable_raw_mode();
        }
    }
    eprint!("{prompt}");
    let _ = std::io::stderr().flush();
    enable_raw_mode().map_err(|e| fail(1, e.to_string()))?;
    let guard = RawGuard;
    let mut secret = String::new();
    loop {
        match read().map_err(|e| fail(1, e.to_string()))? {
            Event::Key(k) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Enter => break,
                KeyCode::Backspace => {
                    secret.pop();
                }
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    drop(guard);
                    eprintln!();
                    return Err(fail(130, "^C"));
                }
                KeyCode::Char(c) => secret.push(c),
                _ => {}
            },
            _ => {}
        }
    }
    drop(guard);
    eprintln!();
    Ok(secret)
}

/// A new PIN: from the flag or environment, or asked twice.
fn new_pin(given: Option<String>, text: &Text) -> Result<String, Fail> {
    let pin = match given {
        Some(p) => p,
        None => {
            let a = prompt_secret(text.prompt_new_pin())?;
            check_pin(&a).map_err(|e| fail(2, text.pin_error(e)))?;
            let b = prompt_secret(text.prompt_repeat_pin())?;
            if a != b {
                return Err(fail(2, text.pins_differ()));
            }
            a
        }
    };
    check_pin(&pin).map_err(|e| fail(2, text.pin_error(e)))?;
    Ok(pin)
}

fn init(db: Option<PathBuf>, config_path: &Path, admin: Option<String>, full_name: Option<String>, pin: Option<String>, site: Option<String>, text: &Text) -> CliResult {
    let db = db.unwrap_or_else(|| {
        let _ = std::fs::create_dir_all(paths::data_dir());
        paths::default_db()
    });
    let admin = match admin {
        Some(a) => a,
        None => prompt_line(text.prompt_admin_name())?,
    };
    check_user_name(&admin).map_err(|e| fail(2, text.user_name_error(e)))?;
    let full_name = match full_name {
        Some(f) => f,
        None if std::io::stdin().is_terminal() => prompt_line(text.prompt_admin_full())?,
        None => String::new(),
    };
    let site = match site {
        Some(s) => Some(s),
        None if std::io::stdin().is_terminal() && !config_path.exists() => Some(prompt_line(text.prompt_site_name())?).filter(|s| !s.is_empty()),
        None => None,
    };
    let pin = new_pin(pin, text)?;
    let mut store = Store::open(&db, OpenMode::Create).map_err(|e| fail(1, text.store_error(&e)))?;
    store.init_admin(&admin, &full_name, &pin, Utc::now()).map_err(|e| fail(1, text.store_error(&e)))?;
    println!("{}", text.init_done(&admin, &db.display().to_string()));
    if let Some(site) = site {
        if !config_path.exists() {
            let quoted = toml::Value::String(site).to_string();
            let body = SAMPLE_CONFIG.replace("name = \"Koperasi Desa Merah Putih\"", &format!("name = {quoted}"));
            if let Some(dir) = config_path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            std::fs::write(config_path, body).map_err(|e| fail(1, format!("{}: {e}", config_path.display())))?;
            println!("{}", text.config_written(&config_path.display().to_string()));
        }
    }
    Ok(())
}

/// Check that `--as NAME` with its PIN is an active admin; counts towards that admin's lockout.
fn authorise_admin(store: &mut Store, who: &AsAdmin, config: &Config, text: &Text) -> Result<Actor, Fail> {
    let name = who.as_user.clone().ok_or_else(|| fail(2, text.need_admin()))?;
    let pin = match &who.as_pin {
        Some(p) => p.clone(),
        None => prompt_secret(text.prompt_as_pin())?,
    };
    match store.authenticate(&name, &pin, Utc::now(), &config.security).map_err(|e| fail(1, text.store_error(&e)))? {
        Ok(user) if user.role == Role::Admin => Ok(user.actor()),
        Ok(_) => Err(fail(1, text.not_admin())),
        Err(AuthFailure::BadCredentials) => Err(fail(1, text.bad_credentials())),
        Err(AuthFailure::Locked { until }) => Err(fail(1, text.locked_out(((until - Utc::now()).num_seconds().max(1) + 59) / 60))),
    }
}

fn user_command(db: Option<PathBuf>, cmd: UserCommand, config: &Config, text: &Text) -> CliResult {
    let db = db.unwrap_or_else(paths::default_db);
    let store_err = |e: crate::store::StoreError| fail(1, text.store_error(&e));
    let mut store = Store::open(&db, OpenMode::Existing).map_err(store_err)?;
    let now = Utc::now();
    match cmd {
        UserCommand::List => {
            println!("{}", text.users_header());
            for u in store.users().map_err(store_err)? {
                let status = if u.disabled {
                    text.status_disabled()
                } else if u.is_locked(now) {
                    text.status_locked()
                } else {
                    text.status_active()
                };
                println!("{:<15} {:<12} {:<10} {}", u.name, text.role(u.role), status, u.full_name);
            }
            Ok(())
        }
        UserCommand::Add { name, role, full_name, pin, admin } => {
            check_user_name(&name).map_err(|e| fail(2, text.user_name_error(e)))?;
            let actor = authorise_admin(&mut store, &admin, config, text)?;
            let pin = new_pin(pin, text)?;
            store.create_user(&actor, &name, full_name.as_deref().unwrap_or(""), role, &pin, now).map_err(store_err)?;
            println!("{}", text.user_added(&name, role));
            Ok(())
        }
        UserCommand::ResetPin { name, pin, admin } => {
            let actor = authorise_admin(&mut store, &admin, config, text)?;
            if store.user(&name).map_err(store_err)?.is_none() {
                return Err(store_err(crate::store::StoreError::NoSuchUser(name)));
            }
            let pin = new_pin(pin, text)?;
            store.reset_pin(&actor, &name, &pin, now).map_err(store_err)?;
            println!("{}", text.pin_was_reset(&name));
            Ok(())
        }
        UserCommand::SetNik { name, nik, admin } => {
            let nik = crate::domain::nik::Nik::parse(&nik).map_err(|e| fail(2, text.nik_error(&e)))?;
            let actor = authorise_admin(&mut store, &admin, config, text)?;
            store.set_practitioner_nik(&actor, &name, nik.as_str(), now).map_err(store_err)?;
            println!("{}", text.practitioner_nik_set(&name));
            Ok(())
        }
        UserCommand::Disable { name, enable, admin } => {
            let actor = authorise_admin(&mut store, &admin, config, text)?;
            store.set_user_disabled(&actor, &name, !enable, now).map_err(store_err)?;
            println!("{}", text.user_disabled(&name, !enable));
            Ok(())
        }
    }
}

fn take_ticket(db: &Path, config: &Config, service: &str, priority: Option<&str>, text: &Text) -> CliResult {
    use crate::domain::queue::PriorityGroup;
    let sv = config.queue.service(service).ok_or_else(|| fail(2, text.unknown_service(service)))?;
    let priority = match priority {
        Some(p) => Some(PriorityGroup::parse(p).ok_or_else(|| fail(2, text.unknown_priority(p)))?),
        None => None,
    };
    let mut store = Store::open(db, OpenMode::Existing).map_err(|e| fail(1, text.store_error(&e)))?;
    let now = Utc::now();
    let taken = crate::ops::queue::take_ticket(&mut store, config, &Actor::system("kiosk"), &sv.code, priority, now).map_err(|e| fail(1, text.store_error(&e)))?;
    let minutes = taken.wait_minutes;
    // A kiosk button has no counter app running beside it: send the ticket to the printer now.
    if config.printer.configured() {
        let jobs = store.print_jobs_for("tickets", taken.ticket.id).map_err(|e| fail(1, text.store_error(&e)))?;
        for j in jobs {
            if let Err(e) = crate::print::spool::send_now(&mut store, &config.printer, j.id, now).map_err(|e| fail(1, text.store_error(&e)))? {
                eprintln!("loket: {} {}", text.print_error(&e), text.print_left_waiting(j.id));
            }
        }
    }
    let local = config.site.zone.local(now);
    let when = format!("{} {}", local.format("%d/%m/%Y %H:%M"), config.site.zone.name());
    let prio = taken.ticket.priority.map(|p| text.priority_group(p));
    print!("{}", text.ticket_preview(&config.site.name, &taken.ticket.label(), &sv.name, prio, &when, taken.ahead, minutes));
    Ok(())
}

fn queue_command(db: &Path, config: &Config, cmd: QueueCommand, text: &Text) -> CliResult {
    let now = Utc::now();
    let day = config.site.zone.business_day(now);
    match cmd {
        QueueCommand::Call => {
            let mut store = Store::open(db, OpenMode::Existing).map_err(|e| fail(1, text.store_error(&e)))?;
            let counter = config.queue.counter(config.queue.this_counter).ok_or_else(|| fail(2, text.unknown_service("?")))?;
            let actor = Actor::system(&format!("counter-{}", counter.number));
            match crate::ops::queue::call_next(&mut store, config, counter, &actor, now).map_err(|e| fail(1, text.store_error(&e)))? {
                Some(c) => {
                    println!("{}", text.calling(&c.ticket.label(), &counter.name));
                    Ok(())
                }
                None => Err(fail(3, text.queue_empty())),
            }
        }
        QueueCommand::Stats => {
            use crate::domain::queue::mean_and_p90;
            let store = Store::open(db, OpenMode::ReadOnly).map_err(|e| fail(1, text.store_error(&e)))?;
            let codes: Vec<String> = config.queue.services.iter().map(|s| s.code.clone()).collect();
            let stats = store.queue_stats(&codes, day).map_err(|e| fail(1, text.store_error(&e)))?;
            let cols = text.stats_columns();
            println!("{:<20}{:>6}{:>7}{:>6}{:>6}{:>14}{:>14}", cols[0], cols[1], cols[2], cols[3], cols[4], cols[5], cols[6]);
            for st in stats {
                let name = config.queue.service(&st.service).map(|s| s.name.clone()).unwrap_or_default();
                let m = |v: &[i64]| {
                    let mut v = v.to_vec();
                    mean_and_p90(&mut v).map(|(a, p)| format!("{}/{}", (a + 30) / 60, (p + 30) / 60)).unwrap_or_else(|| "-".into())
                };
                println!(
                    "{:<20}{:>6}{:>7}{:>6}{:>6}{:>14}{:>14}",
                    format!("{} {name}", st.service),
                    st.taken,
                    st.served,
                    st.skipped,
                    st.waiting,
                    m(&st.wait_seconds),
                    m(&st.service_seconds)
                );
            }
            Ok(())
        }
    }
}

fn printer_command(db: Option<PathBuf>, cmd: PrinterCommand, config: &Config, text: &Text) -> CliResult {
    use crate::print::{docs, spool};
    let db = db.unwrap_or_else(paths::default_db);
    let store_err = |e: crate::store::StoreError| fail(1, text.store_error(&e));
    let mut store = Store::open(&db, OpenMode::Existing).map_err(store_err)?;
    let now = Utc::now();
    let actor = Actor::system("printer");
    let settings = &config.printer;
    match cmd {
        PrinterCommand::Test => {
            let (id, error) = crate::ops::printing::test_page(&mut store, config, &actor, now).map_err(store_err)?;
            if !settings.configured() {
                return Err(fail(1, format!("{} {}", text.printer_not_configured(), text.print_left_waiting(id))));
            }
            if let Some(e) = &error {
                return Err(fail(1, format!("{} {}", text.print_error(e), text.print_left_waiting(id))));
            }
            match spool::send_now(&mut store, settings, id, now).map_err(store_err)? {
                Ok(()) => {
                    println!("{}", text.print_sent(id, &settings.describe()));
                    Ok(())
                }
                Err(e) => Err(fail(1, format!("{} {}", text.print_error(&e), text.print_left_waiting(id)))),
            }
        }
        PrinterCommand::Queue { all } => {
            let jobs = if all { store.recent_print_jobs(50) } else { store.waiting_print_jobs() }.map_err(store_err)?;
            if jobs.is_empty() {
                println!("{}", text.print_no_jobs());
                return Ok(());
            }
            println!("{}", text.print_jobs_header());
            for j in jobs {
                let kind = j.kind.map(|k| text.doc_kind(k)).unwrap_or("?");
                let created = docs::local_time(j.created_at, config.site.zone);
                let error = j.last_error.as_ref().map(|e| text.print_error_short(e)).unwrap_or("");
                println!("{:<5} {:<11} {:<10} {:<5} {:<17} {}", j.id, kind, text.job_status(j.status), j.attempts, created, error);
            }
            Ok(())
        }
        PrinterCommand::Show { id } => {
            let job = store.print_job(id).map_err(store_err)?.ok_or_else(|| store_err(crate::store::StoreError::NoSuchPrintJob(id)))?;
            print!("{}", job.preview);
            if let Some(e) = &job.last_error {
                println!("{}", text.print_error(e));
            }
            Ok(())
        }
        PrinterCommand::Retry { id } => {
            crate::ops::printing::retry(&mut store, config, &actor, id, now).map_err(store_err)?;
            if !settings.configured() {
                println!("{}", text.print_retried(id));
                return Ok(());
            }
            match spool::send_now(&mut store, settings, id, now).map_err(store_err)? {
                Ok(()) => {
                    println!("{}", text.print_sent(id, &settings.describe()));
                    Ok(())
                }
                Err(e) => Err(fail(1, format!("{} {}", text.print_error(&e), text.print_left_waiting(id)))),
            }
        }
        PrinterCommand::Cancel { id } => {
            crate::ops::printing::cancel(&mut store, &actor, id, now).map_err(store_err)?;
            println!("{}", text.print_cancelled(id));
            Ok(())
        }
        PrinterCommand::Reprint { id } => {
            let new_id = crate::ops::printing::reprint(&mut store, config, &actor, id, now).map_err(store_err)?;
            println!("{}", text.print_reprinted(id, new_id));
            if settings.configured() {
                if let Err(e) = spool::send_now(&mut store, settings, new_id, now).map_err(store_err)? {
                    return Err(fail(1, format!("{} {}", text.print_error(&e), text.print_left_waiting(new_id))));
                }
                println!("{}", text.print_sent(new_id, &settings.describe()));
            }
            Ok(())
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn report_command(db: &Path, config: &Config, what: ReportKind, from: Option<String>, to: Option<String>, shift: Option<i64>, format: ReportFormat, text: &Text) -> CliResult {
    let now = Utc::now();
    let today = config.site.zone.business_day(now);
    let date = |s: Option<String>| -> Result<Option<chrono::NaiveDate>, Fail> {
        match s {
            None => Ok(None),
            Some(s) => s.parse().map(Some).map_err(|_| fail(2, format!("{s}: {}", text.report_bad_date()))),
        }
    };
    let (from, to) = (date(from)?, date(to)?);
    let mut store = Store::open(db, OpenMode::ReadOnly).map_err(|e| fail(1, text.store_error(&e)))?;
    let (a, b) = match what {
        ReportKind::Day => (from.unwrap_or(today), from.unwrap_or(today)),
        ReportKind::Range => match (from, to) {
            (Some(a), Some(b)) if b < a => return Err(fail(2, text.report_bad_range())),
            (Some(a), Some(b)) => (a, b),
            _ => return Err(fail(2, text.report_need_range())),
        },
        ReportKind::Shift => {
            let sh = match shift {
                Some(id) => store.shift(id),
                None => store.shifts_between(chrono::NaiveDate::MIN, today).map(|v| v.into_iter().last()),
            }
            .map_err(|e| fail(1, text.store_error(&e)))?
            .ok_or_else(|| fail(1, text.shift_none_open()))?;
            (sh.business_day, sh.business_day)
        }
    };
    let mut summary = store.summary(a, b, today, 30).map_err(|e| fail(1, text.store_error(&e)))?;
    if what == ReportKind::Shift {
        let id = shift.or_else(|| summary.shifts.last().map(|s| s.id));
        summary.shifts.retain(|s| Some(s.id) == id);
    }
    match format {
        ReportFormat::Text => println!("{}", crate::report::text_lines(text, &summary).join("\n")),
        ReportFormat::Csv => print!("{}", crate::report::csv(&summary)),
        ReportFormat::Json => println!("{}", crate::report::json(&summary)),
    }
    Ok(())
}

fn sync_command(db: Option<PathBuf>, cmd: Option<SyncCommand>, config: &Config, text: &Text) -> CliResult {
    use crate::sync::{client::Client, sender};
    let db = db.unwrap_or_else(paths::default_db);
    let store_err = |e: crate::store::StoreError| fail(1, text.store_error(&e));
    let now = Utc::now();
    let send = |store: &mut Store| -> CliResult {
        let Some(settings) = &config.satusehat else { return Err(fail(1, text.sync_not_configured())) };
        // A person is waiting: nothing pauses between tries now.
        store.outbox_all_due_now().map_err(store_err)?;
        let mut client = Client::new(settings).map_err(|e| fail(2, e.message(&text)))?;
        let round = sender::run_once(store, &mut client, settings, Utc::now()).map_err(store_err)?;
        println!("{}", text.sync_round(round.sent, round.found_on_server, round.failed, round.waiting_patient));
        match round.stopped {
            Some(e) => Err(fail(1, e.message(&text))),
            None => Ok(()),
        }
    };
    match cmd {
        None => {
            let mut store = Store::open(&db, OpenMode::Existing).map_err(store_err)?;
            send(&mut store)
        }
        Some(SyncCommand::Retry { id }) => {
            let mut store = Store::open(&db, OpenMode::Existing).map_err(store_err)?;
            store.retry_outbox(&Actor::system("sync"), id, now).map_err(store_err)?;
            println!("{}", text.sync_retried(id));
            if config.satusehat.is_some() {
                send(&mut store)?;
            }
            Ok(())
        }
        Some(SyncCommand::Status) => {
            let store = Store::open(&db, OpenMode::ReadOnly).map_err(store_err)?;
            let c = store.outbox_counts().map_err(store_err)?;
            println!("{}", text.sync_counts(c.pending, c.waiting_patient, c.sent, c.failed));
            match c.oldest_pending {
                Some(t) => println!("{}", text.sync_oldest((now - t).num_minutes().max(0))),
                None => println!("{}", text.sync_nothing_waiting()),
            }
            match &config.satusehat {
                Some(s) => println!("{}", text.sync_on_line(&s.environment)),
                None => println!("{}", text.sync_off_line()),
            }
            if let Some(e) = &c.last_error {
                println!("{}", text.sync_problem(e));
            }
            let problems = store.outbox_problems(50).map_err(store_err)?;
            if !problems.is_empty() {
                println!("{}", text.sync_problems_header());
                for e in problems {
                    let created = crate::print::docs::local_time(e.created_at, config.site.zone);
                    let problem = e.last_error.as_deref().map(|p| text.sync_problem(p)).unwrap_or_default();
                    println!("{:<5} {:<16} {:<5} {:<17} {}", e.id, text.sync_status_name(e.status), e.attempts, created, problem);
                }
            }
            Ok(())
        }
    }
}
