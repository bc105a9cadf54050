//! The command line: parse, load the configuration, and dispatch to the command groups (one file
//! each), which load the keymap and open the store. Every failure before the terminal enters raw
//! mode is one sentence and a non-zero exit.

use crate::config::Config;
use crate::text::{Lang, Text};
use crate::{demo, paths};
use clap::{Parser, Subcommand};
use common::{fail, CliResult, Ctx};
use std::path::PathBuf;

/// Print a line of output for the user or a script. When the reader has gone (`loket report ...
/// | head -1`), the command ends quietly with success: the reader has what it wanted.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::common::write_out(format_args!($($arg)*), true)
    };
}

/// `out!` without the newline.
macro_rules! outp {
    ($($arg:tt)*) => {
        $crate::cli::common::write_out(format_args!($($arg)*), false)
    };
}

mod audit;
mod backup;
mod clinic;
mod common;
#[cfg(feature = "hub")]
mod district;
#[cfg(feature = "hub")]
mod hub;
mod keymap;
mod member_loans;
mod members;
mod printer;
mod queue;
mod report;
mod run;
mod sales;
mod shift;
mod stock;
mod sync;
mod tui;
mod users;

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
    User(users::UserCommand),
    /// Check key bindings
    #[command(subcommand)]
    Keymap(keymap::KeymapCommand),
    /// The audit log
    #[command(subcommand)]
    Audit(audit::AuditCommand),
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
    Queue(queue::QueueCommand),
    /// Referral letters: from a CKG check, their answers (rujuk balik), a patient's list
    #[command(subcommand)]
    Referral(clinic::ReferralCommand),
    /// The waiting-room display: read-only, no login; speaks each call
    Board,
    /// The receipt printer and its spool
    #[command(subcommand)]
    Printer(printer::PrinterCommand),
    /// The supervisor's figures for scripts: a shift, a day or a range of days
    Report {
        #[arg(value_enum)]
        what: report::ReportKind,
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
        format: report::ReportFormat,
        /// Print it on the receipt printer instead (`ckg` only)
        #[arg(long)]
        print: bool,
    },
    /// The supervisor's read-only view (what the SSH account runs): figures, no login, no writes
    Supervisor,
    /// Copy the database consistently while counters keep working, keep the last N, verify each
    Backup {
        dir: PathBuf,
        #[arg(long, default_value_t = 14)]
        keep: usize,
    },
    /// Put a backup back in place of the database (an admin, a typed confirmation; refuses a
    /// damaged or newer backup, and refuses while other processes have the database open)
    Restore {
        file: PathBuf,
        #[command(flatten)]
        admin: users::AsAdmin,
    },
    /// SATUSEHAT: send waiting CKG results now and print a summary (or: status, retry ID)
    Sync {
        #[command(subcommand)]
        cmd: Option<sync::SyncCommand>,
    },
    /// The product catalog as CSV
    #[command(subcommand)]
    Catalog(sales::CatalogCommand),
    /// Goods received, stock reports, expired stock
    #[command(subcommand)]
    Stock(stock::StockCommand),
    /// Sales from the shell: check that every sale is whole
    #[command(subcommand)]
    Sales(sales::SalesCommand),
    /// The cashier's shift: open with a float, X report, close with the count (Z report)
    #[command(subcommand)]
    Shift(shift::ShiftCommand),
    /// Members: join, savings, shop credit, loans, statements, the share of surplus (SHU)
    Member(members::MemberArgs),
    /// The district hub (PostgreSQL): join, send, status; the hub's schema, sites and readers
    #[cfg(feature = "hub")]
    #[command(subcommand)]
    Hub(hub::HubCommand),
    /// The view from above: every site's figures from the hub, read only (or: report)
    #[cfg(feature = "hub")]
    #[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
    District {
        #[command(subcommand)]
        cmd: Option<hub::DistrictCommand>,
        #[command(flatten)]
        login: Option<hub::DistrictLogin>,
    },
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
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
    let mut config = config.with_counter(cli.counter).map_err(|e| fail(2, text.config_error(&e)))?;
    if config.source.is_none() && crate::store::is_demo_file(&cli.db.clone().unwrap_or_else(paths::default_db)) {
        demo::use_demo_site(&mut config);
    }
    let ctx = Ctx { db: cli.db, keymap: cli.keymap, config_path, config, text, ascii: cli.ascii };
    match cli.command {
        None | Some(Command::Run) => run::run(&ctx),
        Some(Command::Demo { seed_only, patients }) => run::demo(ctx, seed_only, patients),
        Some(Command::Init { admin, full_name, pin, site }) => users::init(ctx, admin, full_name, pin, site),
        Some(Command::User(cmd)) => users::user_command(&ctx, cmd),
        Some(Command::Keymap(cmd)) => keymap::keymap_command(&ctx, cmd),
        Some(Command::Ticket { service, priority }) => queue::take_ticket(&ctx, &service, priority.as_deref()),
        Some(Command::Queue(cmd)) => queue::queue_command(&ctx, cmd),
        Some(Command::Referral(cmd)) => clinic::referral_command(&ctx, cmd),
        Some(Command::Board) => queue::board(&ctx),
        Some(Command::Printer(cmd)) => printer::printer_command(&ctx, cmd),
        Some(Command::Report { what: report::ReportKind::Ckg, from, to, print: true, .. }) => report::print_ckg_register(&ctx, from, to),
        Some(Command::Report { what, from, to, shift, format, .. }) => report::report_command(&ctx, what, from, to, shift, format),
        Some(Command::Supervisor) => report::supervisor(&ctx),
        Some(Command::Backup { dir, keep }) => backup::backup(&ctx, &dir, keep),
        Some(Command::Restore { file, admin }) => backup::restore(&ctx, &file, &admin),
        Some(Command::Sync { cmd }) => sync::sync_command(&ctx, cmd),
        Some(Command::Catalog(cmd)) => sales::catalog_command(&ctx, cmd),
        Some(Command::Stock(cmd)) => stock::stock_command(&ctx, cmd),
        Some(Command::Sales(cmd)) => sales::sales_command(&ctx, cmd),
        Some(Command::Shift(cmd)) => shift::shift_command(&ctx, cmd),
        Some(Command::Member(args)) => members::member_command(&ctx, args),
        Some(Command::Audit(cmd)) => audit::audit_command(&ctx, cmd),
        #[cfg(feature = "hub")]
        Some(Command::Hub(cmd)) => hub::hub_command(&ctx, cmd),
        #[cfg(feature = "hub")]
        Some(Command::District { cmd: Some(cmd), .. }) => hub::district_command(&ctx, cmd),
        #[cfg(feature = "hub")]
        Some(Command::District { cmd: None, login }) => hub::district_view(&ctx, login),
    }
}

/// A command line clap could not read, said in the user's language (from `--lang`, `LOKET_LANG`
/// or the settings file, else Indonesian); `--help` and `--version` are printed as clap makes them.
fn usage_error(e: &clap::Error) -> i32 {
    use clap::error::{ContextKind, ErrorKind};
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand) {
        let _ = e.print();
        return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand { 2 } else { 0 };
    }
    let t = Text::new(usage_language());
    let get = |k| e.get(k).map(|v| v.to_string()).unwrap_or_default();
    let what = match e.kind() {
        ErrorKind::InvalidSubcommand => t.usage_unknown_command(&get(ContextKind::InvalidSubcommand)),
        ErrorKind::UnknownArgument => t.usage_unknown_argument(&get(ContextKind::InvalidArg)),
        ErrorKind::MissingRequiredArgument | ErrorKind::MissingSubcommand => t.usage_missing(&get(ContextKind::InvalidArg)),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let valid = get(ContextKind::ValidValue);
            let what = t.usage_bad_value(&get(ContextKind::InvalidArg), &get(ContextKind::InvalidValue));
            if valid.is_empty() { what } else { format!("{what} {}", t.usage_choose(&valid)) }
        }
        ErrorKind::NoEquals | ErrorKind::TooManyValues | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues | ErrorKind::ArgumentConflict => {
            t.usage_bad_value(&get(ContextKind::InvalidArg), &get(ContextKind::InvalidValue))
        }
        _ => t.usage_other().to_string(),
    };
    eprintln!("loket: {what} {}", t.usage_see_help());
    2
}

/// The language for a message given before anything is loaded.
fn usage_language() -> Lang {
    let args: Vec<String> = std::env::args().collect();
    let flag = args.iter().position(|a| a == "--lang").and_then(|i| args.get(i + 1).cloned()).or_else(|| args.iter().find_map(|a| a.strip_prefix("--lang=").map(str::to_string)));
    if let Some(l) = flag.or_else(|| std::env::var("LOKET_LANG").ok()).and_then(|l| Lang::parse(&l)) {
        return l;
    }
    let config = std::env::var_os("LOKET_CONFIG").map(PathBuf::from).unwrap_or_else(paths::default_config);
    Config::load(&config, false).map(|c| c.site.lang).unwrap_or_default()
}
