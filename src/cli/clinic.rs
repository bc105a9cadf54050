//! `loket referral ...`: a referral letter for a CKG check with positive findings, the answer
//! that comes back (rujuk balik), and a patient's letters. Consultations and dispensing are done
//! on their screens; these are the pieces a clerk also does from the shell.

use super::common::{fail, open_store, store_fail, CliResult, Ctx};
use super::users::{authorise_role, AsUser};
use crate::domain::user::Role;
use crate::store::OpenMode;
use chrono::Utc;
use clap::Subcommand;

#[derive(Subcommand, Debug)]
pub(super) enum ReferralCommand {
    /// Write and print a referral letter for a CKG check (to a facility of [clinic] facilities)
    FromCkg {
        check: i64,
        #[arg(long)]
        to: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        who: AsUser,
    },
    /// Record the answer to a referral letter (rujuk balik)
    Answer {
        referral: i64,
        #[arg(long)]
        text: String,
        /// The patient is sent back to the clinic for follow-up
        #[arg(long)]
        back: bool,
        /// The day of the answer, YYYY-MM-DD [default: today]
        #[arg(long)]
        date: Option<String>,
        #[command(flatten)]
        who: AsUser,
    },
    /// A patient's referral letters (by record number or NIK)
    List { patient: String },
}

pub(super) fn referral_command(ctx: &Ctx, cmd: ReferralCommand) -> CliResult {
    let text = &ctx.text;
    let now = Utc::now();
    let mut store = open_store(ctx, OpenMode::Existing)?;
    let user_of = |store: &mut crate::store::Store, who: &AsUser| -> Result<crate::store::users::User, super::common::Fail> {
        let actor = authorise_role(ctx, store, who, &[Role::Examiner, Role::Clerk])?;
        store.user(&actor.name).map_err(store_fail(text))?.ok_or_else(|| fail(1, text.role_may_not_run()))
    };
    match cmd {
        ReferralCommand::FromCkg { check, to, reason, who } => {
            let user = user_of(&mut store, &who)?;
            let r = crate::ops::referrals::refer_from_ckg(&mut store, &ctx.config, &user, check, &to, &reason, now).map_err(store_fail(text))?;
            out!("{} {} {}", r.number, r.facility_name, r.findings);
        }
        ReferralCommand::Answer { referral, text: answer, back, date, who } => {
            let user = user_of(&mut store, &who)?;
            let day = match date {
                Some(d) => d.parse().map_err(|_| fail(2, format!("{d}: {}", text.report_bad_date())))?,
                None => ctx.config.site.zone.business_day(now),
            };
            crate::ops::referrals::answer(&mut store, &user, referral, day, &answer, back, now).map_err(store_fail(text))?;
            out!("{referral}: {day} {answer}");
        }
        ReferralCommand::List { patient } => {
            let p = store.patient_by_rm_or_nik(&patient).map_err(store_fail(text))?.ok_or_else(|| fail(1, text.consult_patient_not_found(&patient)))?;
            for r in store.referrals_of(p.id).map_err(store_fail(text))? {
                let answer = r.answer.map(|(d, a, back)| format!(" | {d} {a}{}", if back { " (<-)" } else { "" })).unwrap_or_default();
                out!("{} {} {} {}{answer}", r.number, r.at.format("%Y-%m-%d"), r.facility_name, r.reason);
            }
        }
    }
    Ok(())
}
