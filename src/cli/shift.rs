//! `loket shift open|x|close`: the cashier's shift from the shell (a second till, a script at
//! closing time), through the same operations as the F9 screen.

use super::common::{authenticate_as, fail, open_store, store_fail, CliResult, Ctx};
use crate::domain::money::parse_rupiah;
use crate::store::OpenMode;
use chrono::Utc;
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub enum ShiftCommand {
    /// Open the cashier's shift with the float in the drawer
    Open {
        /// The float, in rupiah (150.000 or 150000)
        #[arg(long)]
        float: String,
        #[command(flatten)]
        who: As,
    },
    /// Print the X report of the open shift: a cashier's own is blind (counts and non-cash totals
    /// only); a supervisor names the cashier with --cashier and sees every figure
    X {
        /// The cashier whose open shift a supervisor reports on
        #[arg(long)]
        cashier: Option<String>,
        #[command(flatten)]
        who: As,
    },
    /// Close the open shift with the counted cash (and the non-cash total); prints the Z report
    Close {
        /// Cash counted in the drawer, in rupiah, or note by note: "100000x2 50000x1 500x3"
        #[arg(long)]
        counted: String,
        /// Non-cash total the cashier reports (QRIS slips), in rupiah
        #[arg(long, default_value = "0")]
        noncash: String,
        #[command(flatten)]
        who: As,
    },
}

/// The cashier whose shift it is.
#[derive(clap::Args, Debug)]
pub struct As {
    #[arg(long = "as")]
    as_user: String,
    /// That user's PIN (or LOKET_AS_PIN)
    #[arg(long, env = "LOKET_AS_PIN", hide_env_values = true)]
    as_pin: Option<String>,
}

pub(super) fn shift_command(ctx: &Ctx, cmd: ShiftCommand) -> CliResult {
    let text = &ctx.text;
    let amount = |s: &str| parse_rupiah(s).filter(|v| *v >= 0).ok_or_else(|| fail(2, text.shift_bad_amount()));
    let count = |s: &str| crate::domain::cash::parse_count(s).map_err(|e| fail(2, &format!("{} {}", text.shift_bad_amount(), text.count_error(&e))));
    let mut store = open_store(ctx, OpenMode::Existing)?;
    let who = match &cmd {
        ShiftCommand::Open { who, .. } | ShiftCommand::X { who, .. } | ShiftCommand::Close { who, .. } => who,
    };
    let supervisor_x = matches!(&cmd, ShiftCommand::X { cashier: Some(_), .. });
    let user = match authenticate_as(ctx, &mut store, &who.as_user, who.as_pin.as_deref())? {
        Ok(u) if supervisor_x && !u.role.approves() => return Err(fail(1, text.x_for_supervisors())),
        Ok(u) if supervisor_x || crate::domain::user::ScreenId::Shift.allowed_for(u.role) => u,
        Ok(_) => return Err(fail(1, text.role_may_not_shift())),
        Err(_) => return Err(fail(1, text.bad_credentials())),
    };
    let now = Utc::now();
    let message = match cmd {
        ShiftCommand::Open { float, .. } => {
            crate::ops::shifts::open(&mut store, &ctx.config, &user.actor(), amount(&float)?, now).map_err(store_fail(text))?;
            text.shift_opened_ok()
        }
        ShiftCommand::X { cashier, .. } => {
            let of = match cashier {
                Some(name) => store.user(&name).map_err(store_fail(text))?.ok_or_else(|| fail(1, text.no_such_user(&name)))?.id,
                None => user.id,
            };
            crate::ops::shifts::x_report_for(&mut store, &ctx.config, &user, of, now).map_err(store_fail(text))?;
            text.shift_x_ok()
        }
        ShiftCommand::Close { counted, noncash, .. } => {
            let counted = count(&counted)?;
            crate::ops::shifts::close(&mut store, &ctx.config, &user, counted.total, amount(&noncash)?, counted.denominations.as_deref(), now).map_err(store_fail(text))?;
            text.shift_closed_ok()
        }
    };
    out!("{message}");
    Ok(())
}
