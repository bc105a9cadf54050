//! `loket hub ...` (a site and its hub) and `loket district report` (the view from above), with
//! the PostgreSQL client of the cargo feature `hub`.

use super::common::{fail, open_store, store_fail, CliResult, Ctx, Fail};
use super::report::ReportFormat;
use super::users::{authorise_admin, AsAdmin};
use crate::hub::conn::{connect, without_password, Target};
use crate::hub::{admin, report, schema, sender, valid_site_id, HubError};
use crate::store::hub_outbox::NewHubLink;
use crate::store::OpenMode;
use chrono::{NaiveDate, Utc};
use clap::{Args, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};

/// How a command reaches the hub as its administrator or a reader.
#[derive(Args, Debug)]
pub(super) struct HubLogin {
    /// The hub, e.g. postgresql://hub.example:5432/loket (a password in it is used, never kept)
    #[arg(long, env = "LOKET_HUB_URL")]
    url: String,
    /// The user to log in as [default: the one in the address]
    #[arg(long, env = "LOKET_HUB_USER")]
    user: Option<String>,
    /// A file (mode 600) holding that user's password
    #[arg(long, env = "LOKET_HUB_PASSWORD_FILE")]
    password_file: Option<PathBuf>,
    /// The hub's CA certificate (PEM), when it is not signed by a public CA
    #[arg(long, env = "LOKET_HUB_CA_FILE")]
    ca_file: Option<PathBuf>,
}

/// The full-screen view's login (as [`HubLogin`]; one level, which `Option` needs) and the
/// sites it shows.
#[derive(Args, Debug)]
pub(super) struct DistrictLogin {
    /// The hub, e.g. postgresql://hub.example:5432/loket
    #[arg(long, env = "LOKET_HUB_URL")]
    url: String,
    #[arg(long, env = "LOKET_HUB_USER")]
    user: Option<String>,
    #[arg(long, env = "LOKET_HUB_PASSWORD_FILE")]
    password_file: Option<PathBuf>,
    #[arg(long, env = "LOKET_HUB_CA_FILE")]
    ca_file: Option<PathBuf>,
    /// Only the sites of this area and below it (KUKAR, KUKAR/KALODRAN)
    #[arg(long, env = "LOKET_HUB_AREA")]
    area: Option<String>,
}

#[derive(Subcommand, Debug)]
pub(super) enum HubCommand {
    /// Bind this site to its hub (once), then send what the site knows
    Join {
        url: String,
        /// This site's id at the hub
        #[arg(long)]
        site: String,
        /// A file (mode 600) holding the site's hub password
        #[arg(long)]
        password_file: PathBuf,
        /// The user to log in as [default: loket_site_<site>]
        #[arg(long)]
        user: Option<String>,
        #[arg(long)]
        ca_file: Option<PathBuf>,
        #[command(flatten)]
        admin: AsAdmin,
    },
    /// Send the waiting figures now
    Sync,
    /// What waits, what was sent, the last problem
    Status,
    /// Bring the hub's schema up to date (the hub's administrator)
    Migrate {
        #[command(flatten)]
        login: HubLogin,
        /// Stop at this schema version [default: the latest]
        #[arg(long)]
        to: Option<i32>,
    },
    /// Register a site at the hub, or change its password, name and target population
    AddSite {
        site: String,
        #[command(flatten)]
        login: HubLogin,
        /// A file (mode 600) holding the password the site will use
        #[arg(long)]
        site_password_file: PathBuf,
        #[arg(long, default_value = "")]
        name: String,
        /// The people the site serves, for the CKG figures
        #[arg(long)]
        target: Option<i32>,
        /// Where the site belongs, from the top: KUKAR/KALODRAN
        #[arg(long)]
        area: Option<String>,
    },
    /// Let a site id be joined by a new installation
    Unbind {
        site: String,
        #[command(flatten)]
        login: HubLogin,
    },
    /// A read-only login for a supervisor
    AddReader {
        name: String,
        #[command(flatten)]
        login: HubLogin,
        /// A file (mode 600) holding the reader's password
        #[arg(long)]
        reader_password_file: PathBuf,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub(super) enum DistrictSpan {
    Day,
    Range,
}

#[derive(Subcommand, Debug)]
pub(super) enum DistrictCommand {
    /// The district's figures for a day or a range of days
    Report {
        #[arg(value_enum)]
        span: DistrictSpan,
        /// The day (day) or the first day (range), yyyy-mm-dd [default: today]
        #[arg(long)]
        from: Option<String>,
        /// The last day of a range [default: today]
        #[arg(long)]
        to: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: ReportFormat,
        /// Batches expiring within this many days of the last day are listed
        #[arg(long, default_value_t = 90)]
        expiry_days: i64,
        /// Only the sites of this area and below it (KUKAR, KUKAR/KALODRAN)
        #[arg(long)]
        area: Option<String>,
        #[command(flatten)]
        login: HubLogin,
    },
}

fn hub_fail(ctx: &Ctx) -> impl Fn(HubError) -> Fail + '_ {
    move |e| fail(1, e.message(&ctx.text))
}

fn login(ctx: &Ctx, l: &HubLogin) -> Result<postgres::Client, Fail> {
    let password = match &l.password_file {
        Some(p) => Some(sender::read_password(p).map_err(hub_fail(ctx))?),
        None => None,
    };
    connect(&Target { url: &l.url, user: l.user.as_deref(), password: password.as_deref(), ca_file: l.ca_file.as_deref() }).map_err(hub_fail(ctx))
}

pub(super) fn hub_command(ctx: &Ctx, cmd: HubCommand) -> CliResult {
    let text = &ctx.text;
    let now = Utc::now();
    match cmd {
        HubCommand::Join { url, site, password_file, user, ca_file, admin } => {
            if !valid_site_id(&site) {
                return Err(fail(2, text.hub_bad_site_id(&site)));
            }
            let mut store = open_store(ctx, OpenMode::Existing)?;
            let actor = authorise_admin(ctx, &mut store, &admin)?;
            let install_id = match store.hub_install_id().map_err(store_fail(text))? {
                Some(id) => id,
                None => sender::random_hex(16).map_err(hub_fail(ctx))?,
            };
            let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()).display().to_string();
            let link = NewHubLink {
                site_id: site.clone(),
                url: without_password(&url),
                user_name: user.unwrap_or_else(|| crate::hub::site_role(&site)),
                password_file: abs(&password_file),
                ca_file: ca_file.as_deref().map(abs),
                install_id,
            };
            let queued = sender::join(&mut store, &actor, &link, now).map_err(hub_fail(ctx))?;
            out!("{}", text.hub_joined(&site, queued));
            Ok(())
        }
        HubCommand::Sync => {
            let mut store = open_store(ctx, OpenMode::Existing)?;
            // A person is waiting: no pause.
            store.hub_due_now().map_err(store_fail(text))?;
            let round = sender::run_once(&mut store, Utc::now()).map_err(store_fail(text))?;
            out!("{}", text.hub_sent(round.sent));
            match round.stopped {
                Some(e) => Err(fail(1, e.message(text))),
                None => Ok(()),
            }
        }
        HubCommand::Status => {
            let store = open_store(ctx, OpenMode::ReadOnly)?;
            let Some(link) = store.hub_link().map_err(store_fail(text))? else {
                return Err(fail(1, HubError::NotJoined.message(text)));
            };
            let c = store.hub_counts().map_err(store_fail(text))?;
            let local = |t| crate::print::docs::local_time(t, ctx.config.site.zone);
            out!("{}", text.hub_status(&link.site_id, &link.url, c.pending, c.sent));
            out!("{}", text.hub_last_ok(link.last_ok_at.map(local).as_deref()));
            if let Some(e) = &link.last_error {
                out!("{}", text.hub_problem(e));
                if let Some(t) = link.next_try_at {
                    out!("{}", text.hub_next_try(&local(t)));
                }
            }
            Ok(())
        }
        HubCommand::Migrate { login: l, to } => {
            let mut client = login(ctx, &l)?;
            let (from, to) = schema::migrate_to(&mut client, to.unwrap_or(schema::VERSION)).map_err(hub_fail(ctx))?;
            out!("{}", text.hub_migrated(from, to));
            Ok(())
        }
        HubCommand::AddSite { site, login: l, site_password_file, name, target, area } => {
            if !valid_site_id(&site) {
                return Err(fail(2, text.hub_bad_site_id(&site)));
            }
            let password = sender::read_password(&site_password_file).map_err(hub_fail(ctx))?;
            let mut client = login(ctx, &l)?;
            let role = admin::add_site(&mut client, &site, &name, &password, target, area.as_deref()).map_err(hub_fail(ctx))?;
            out!("{}", text.hub_site_added(&site, &role));
            Ok(())
        }
        HubCommand::Unbind { site, login: l } => {
            let mut client = login(ctx, &l)?;
            admin::unbind_site(&mut client, &site).map_err(hub_fail(ctx))?;
            out!("{}", text.hub_unbound(&site));
            Ok(())
        }
        HubCommand::AddReader { name, login: l, reader_password_file } => {
            let password = sender::read_password(&reader_password_file).map_err(hub_fail(ctx))?;
            let mut client = login(ctx, &l)?;
            admin::add_reader(&mut client, &name, &password).map_err(hub_fail(ctx))?;
            out!("{}", text.hub_reader_added(&name));
            Ok(())
        }
    }
}

/// `loket district`: the full-screen view, reconnecting when the hub was out of reach.
pub(super) fn district_view(ctx: &Ctx, d: Option<DistrictLogin>) -> CliResult {
    let text = ctx.text;
    let Some(DistrictLogin { url, user, password_file, ca_file, area }) = d else { return Err(fail(2, text.usage_missing("--url"))) };
    let l = HubLogin { url, user, password_file, ca_file };
    let keymap = super::common::load_keymap(&ctx.keymap, &text)?;
    let zone = ctx.config.site.zone;
    let mut client: Option<postgres::Client> = None;
    let load = move |day: NaiveDate| {
        if client.as_mut().is_none_or(|c| c.is_closed()) {
            let password = match &l.password_file {
                Some(p) => Some(sender::read_password(p)?),
                None => None,
            };
            client = Some(connect(&Target { url: &l.url, user: l.user.as_deref(), password: password.as_deref(), ca_file: l.ca_file.as_deref() })?);
        }
        let c = client.as_mut().expect("connected above");
        let r = report::district(c, day, day, 90, area.as_deref());
        if matches!(r, Err(HubError::Network(_))) {
            client = None;
        }
        r
    };
    let today = move || zone.business_day(Utc::now());
    super::tui::run_tui(ctx, super::tui::Needs::Output, |theme| (theme, load), |terminal, input, (theme, load)| {
        crate::district::run(terminal, input, load, today, &keymap, text, *theme)
    })
}

pub(super) fn district_command(ctx: &Ctx, cmd: DistrictCommand) -> CliResult {
    let text = &ctx.text;
    let DistrictCommand::Report { span, from, to, format, expiry_days, area, login: l } = cmd;
    let today = ctx.config.site.zone.business_day(Utc::now());
    let day = |s: Option<String>| -> Result<NaiveDate, Fail> {
        match s {
            None => Ok(today),
            Some(v) => NaiveDate::parse_from_str(&v, "%Y-%m-%d").map_err(|_| fail(2, text.hub_bad_day(&v))),
        }
    };
    let from = day(from)?;
    let to = match span {
        DistrictSpan::Day => from,
        DistrictSpan::Range => day(to)?,
    };
    let mut client = login(ctx, &l)?;
    let r = report::district(&mut client, from, to, expiry_days, area.as_deref()).map_err(hub_fail(ctx))?;
    super::district::print(text, &r, format);
    Ok(())
}
