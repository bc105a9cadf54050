//! `loket init` (the database and its first admin) and the `loket user` commands (add, list,
//! reset-pin, set-nik, disable): the users, managed from the shell by an admin.

use super::common::{authenticate_as, fail, open_store, prompt_line, prompt_secret, store_fail, CliResult, Ctx, Fail};
use crate::config::SAMPLE_CONFIG;
use crate::domain::user::{check_pin, check_user_name, Role};
use crate::paths;
use crate::store::users::AuthFailure;
use crate::store::{Actor, OpenMode, Store};
use crate::text::Text;
use chrono::Utc;
use clap::{Args, Subcommand};
use std::io::IsTerminal;

#[derive(Args, Debug)]
pub(super) struct AsAdmin {
    /// The admin doing this
    #[arg(long = "as")]
    pub as_user: Option<String>,
    /// That admin's PIN (or LOKET_AS_PIN; asked for when missing)
    #[arg(long, env = "LOKET_AS_PIN", hide_env_values = true)]
    pub as_pin: Option<String>,
}

#[derive(Subcommand, Debug)]
pub(super) enum UserCommand {
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
    /// Record an examiner's profession (doctor, midwife, nurse) and licence number (SIP)
    SetLicence {
        name: String,
        #[arg(long)]
        profession: String,
        #[arg(long)]
        sip: String,
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

pub(super) fn init(mut ctx: Ctx, admin: Option<String>, full_name: Option<String>, pin: Option<String>, site: Option<String>) -> CliResult {
    let (text, config_path) = (&ctx.text, ctx.config_path.as_path());
    // Without --db: loket.db in the data directory, made if missing.
    let db = ctx
        .db
        .get_or_insert_with(|| {
            let _ = std::fs::create_dir_all(paths::data_dir());
            paths::default_db()
        })
        .clone();
    // The database first: a folder that cannot be written is said before any question, and a
    // database that init made is removed again if init fails (no 0-byte file left behind).
    let existed = db.exists();
    let remove_made = || {
        if !existed {
            for f in [db.clone(), db.with_extension("db-wal"), db.with_extension("db-shm"), crate::store::secret::key_path(&db)] {
                let _ = std::fs::remove_file(f);
            }
        }
    };
    let mut store = open_store(&ctx, OpenMode::Create).inspect_err(|_| remove_made())?;
    if store.user_count().map_err(store_fail(text))? > 0 {
        return Err(store_fail(text)(crate::store::StoreError::AlreadyInitialised));
    }
    let asked = (|| -> Result<(String, String, Option<String>), Fail> {
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
        store.init_admin(&admin, &full_name, &pin, Utc::now()).map_err(store_fail(text))?;
        Ok((admin, full_name, site))
    })();
    let (admin, _full_name, site) = match asked {
        Ok(v) => v,
        Err(f) => {
            drop(store);
            remove_made();
            return Err(f);
        }
    };
    out!("{}", text.init_done(&admin, &db.display().to_string()));
    if let Some(site) = site {
        if !config_path.exists() {
            let quoted = toml::Value::String(site).to_string();
            let body = SAMPLE_CONFIG.replace("name = \"Koperasi Desa Merah Putih\"", &format!("name = {quoted}"));
            if let Some(dir) = config_path.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            std::fs::write(config_path, body).map_err(|e| fail(1, format!("{}: {e}", config_path.display())))?;
            out!("{}", text.config_written(&config_path.display().to_string()));
        }
    }
    Ok(())
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

/// Who runs a command that changes data (an admin or the role the command names).
#[derive(Args, Debug)]
pub(super) struct AsUser {
    /// The user doing this
    #[arg(long = "as")]
    pub as_user: Option<String>,
    /// That user's PIN (or LOKET_AS_PIN; asked for when missing)
    #[arg(long, env = "LOKET_AS_PIN", hide_env_values = true)]
    pub as_pin: Option<String>,
}

/// Check that `--as NAME` with its PIN is an active user with one of `roles` (admin always
/// may); counts towards the lockout of the name typed.
pub(super) fn authorise_role(ctx: &Ctx, store: &mut Store, who: &AsUser, roles: &[Role]) -> Result<Actor, Fail> {
    let text = &ctx.text;
    let name = who.as_user.as_deref().ok_or_else(|| fail(2, text.need_user()))?;
    match authenticate_as(ctx, store, name, who.as_pin.as_deref())? {
        Ok(user) if user.role == Role::Admin || roles.contains(&user.role) => Ok(user.actor()),
        Ok(_) => Err(fail(1, text.role_may_not_run())),
        Err(AuthFailure::BadCredentials) => Err(fail(1, text.bad_credentials())),
        Err(AuthFailure::Locked { until }) => Err(fail(1, text.locked_out(((until - Utc::now()).num_seconds().max(1) + 59) / 60))),
    }
}

/// Check that `--as NAME` with its PIN is an active admin; counts towards that admin's lockout.
pub(super) fn authorise_admin(ctx: &Ctx, store: &mut Store, who: &AsAdmin) -> Result<Actor, Fail> {
    let text = &ctx.text;
    let name = who.as_user.as_deref().ok_or_else(|| fail(2, text.need_admin()))?;
    match authenticate_as(ctx, store, name, who.as_pin.as_deref())? {
        Ok(user) if user.role == Role::Admin => Ok(user.actor()),
        Ok(_) => Err(fail(1, text.not_admin())),
        Err(AuthFailure::BadCredentials) => Err(fail(1, text.bad_credentials())),
        Err(AuthFailure::Locked { until }) => Err(fail(1, text.locked_out(((until - Utc::now()).num_seconds().max(1) + 59) / 60))),
    }
}

pub(super) fn user_command(ctx: &Ctx, cmd: UserCommand) -> CliResult {
    let text = &ctx.text;
    let store_err = store_fail(text);
    let mut store = open_store(ctx, OpenMode::Existing)?;
    let now = Utc::now();
    match cmd {
        UserCommand::List => {
            out!("{}", text.users_header());
            for u in store.users().map_err(store_err)? {
                let status = if u.disabled {
                    text.status_disabled()
                } else if u.is_locked(now) {
                    text.status_locked()
                } else {
                    text.status_active()
                };
                out!("{:<15} {:<12} {:<10} {}", u.name, text.role(u.role), status, u.full_name);
            }
            Ok(())
        }
        UserCommand::Add { name, role, full_name, pin, admin } => {
            check_user_name(&name).map_err(|e| fail(2, text.user_name_error(e)))?;
            let actor = authorise_admin(ctx, &mut store, &admin)?;
            let pin = new_pin(pin, text)?;
            store.create_user(&actor, &name, full_name.as_deref().unwrap_or(""), role, &pin, now).map_err(store_err)?;
            out!("{}", text.user_added(&name, role));
            Ok(())
        }
        UserCommand::ResetPin { name, pin, admin } => {
            let actor = authorise_admin(ctx, &mut store, &admin)?;
            if store.user(&name).map_err(store_err)?.is_none() {
                return Err(store_err(crate::store::StoreError::NoSuchUser(name)));
            }
            let pin = new_pin(pin, text)?;
            store.reset_pin(&actor, &name, &pin, now).map_err(store_err)?;
            out!("{}", text.pin_was_reset(&name));
            Ok(())
        }
        UserCommand::SetNik { name, nik, admin } => {
            let nik = crate::domain::nik::Nik::parse(&nik).map_err(|e| fail(2, text.nik_error(&e)))?;
            let actor = authorise_admin(ctx, &mut store, &admin)?;
            store.set_practitioner_nik(&actor, &name, nik.as_str(), now).map_err(store_err)?;
            out!("{}", text.practitioner_nik_set(&name));
            Ok(())
        }
        UserCommand::SetLicence { name, profession, sip, admin } => {
            let p = crate::domain::consult::Profession::parse(profession.trim()).ok_or_else(|| fail(2, text.bad_profession(&profession)))?;
            let actor = authorise_admin(ctx, &mut store, &admin)?;
            store.set_health_worker(&actor, &name, p, &sip, now).map_err(store_err)?;
            out!("{}", text.licence_set(&name, p));
            Ok(())
        }
        UserCommand::Disable { name, enable, admin } => {
            let actor = authorise_admin(ctx, &mut store, &admin)?;
            store.set_user_disabled(&actor, &name, !enable, now).map_err(store_err)?;
            out!("{}", text.user_disabled(&name, !enable));
            Ok(())
        }
    }
}
