//! What people do with print jobs: send one again, print a copy, cancel one, print a test page.
//! Rendering happens here (the store keeps the bytes and the document, never renders).

use crate::config::Config;
use crate::domain::printing::PrintError;
use crate::print::doc::{Block, Document};
use crate::print::{render, routed_job};
use crate::store::print_jobs::{self as jobs};
use crate::store::{Actor, Result, Store, StoreError};
use chrono::{DateTime, Utc};

/// Send a waiting job again now. A job that could not be rendered is rendered again first, with
/// the settings in force now; if it still cannot be, it keeps waiting with the reason.
pub fn retry(store: &mut Store, config: &Config, actor: &Actor, id: i64, now: DateTime<Utc>) -> Result<()> {
    store.write(|tx| {
        let job = jobs::stored_job(tx, id, true)?;
        if !job.rendered {
            let doc = Document::from_stored(&job.document).ok_or(StoreError::NoSuchPrintJob(id))?;
            // For the printer the job names (if the settings still have it), else by the rule.
            let printer = job.printer.as_deref().and_then(|n| config.printer_named(n)).unwrap_or_else(|| config.printer_for(doc.kind));
            match render(&doc, &printer.profile) {
                Ok(r) => jobs::set_rendered(tx, id, &r.bytes, &r.preview)?,
                Err(e) => return jobs::retry_unrenderable(tx, actor, id, &e, now),
            }
        }
        jobs::retry_job(tx, actor, id, now)
    })
}

/// Print a job again as a new job whose document says SALINAN / COPY, rendered for the printer
/// in force now. A copy never opens the cash drawer (the kick belongs to the sale, not the
/// paper). Returns the new job's id.
pub fn reprint(store: &mut Store, config: &Config, actor: &Actor, id: i64, now: DateTime<Utc>) -> Result<i64> {
    store.write(|tx| {
        let job = jobs::stored_job(tx, id, false)?;
        let mut doc = Document::from_stored(&job.document).ok_or(StoreError::NoSuchPrintJob(id))?;
        doc.copy = true;
        doc.blocks.retain(|b| !matches!(b, Block::Drawer));
        let mut copy = routed_job(config, &doc, job.reference);
        copy.reprint_of = Some(id);
        let new_id = jobs::insert_job(tx, &copy, now)?;
        jobs::audit_reprint(tx, actor, id, new_id, now)?;
        Ok(new_id)
    })
}

pub fn cancel(store: &mut Store, actor: &Actor, id: i64, now: DateTime<Utc>) -> Result<()> {
    store.cancel_print_job(actor, id, now)
}

/// Store the test page as a job (the caller sends it now and reports what happened): its id,
/// and why it could not be laid out for this printer, if so.
pub fn test_page(store: &mut Store, config: &Config, actor: &Actor, now: DateTime<Utc>) -> Result<(i64, Option<PrintError>)> {
    // Printouts are in the site's language (customers read them), whatever the user's.
    let t = crate::text::Text::new(config.site.lang);
    let printer = config.printer_for(crate::domain::printing::DocKind::TestPage);
    let doc = crate::print::docs::test_page(&t, &config.site, &printer.describe(), printer.profile.width, now);
    let job = routed_job(config, &doc, Default::default());
    Ok((store.enqueue_print(actor, &job, now)?, job.error))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::printing::{DocKind, Fault};
    use crate::print::{new_job, Profile};
    use crate::store::print_jobs::Lane;
    use crate::store::print_jobs::{JobRef, JobStatus};
    use crate::store::{OpenMode, StoreError};

    fn t(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_800_000_000 + secs, 0).unwrap()
    }

    fn temp_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db"), OpenMode::Create).unwrap();
        (dir, store)
    }

    #[test]
    fn fault_mid_job_waits_for_a_person_who_can_retry_cancel_or_reprint() {
        let (_d, mut s) = temp_store();
        let config = Config::default();
        let actor = Actor::system("test");
        let mut d = Document::new(DocKind::Receipt);
        d.big("A-001").push(Block::Drawer).cut();
        let job = new_job(&d, &Profile::default(), JobRef { table: Some("tickets".into()), id: Some(7) });
        let a = s.enqueue_print(&actor, &job, t(0)).unwrap();
        s.claim_print_job("me", &Lane::single(), t(0)).unwrap();
        let err = PrintError::FaultDuringJob(Fault::PaperOut);
        assert_eq!(s.mark_print_failed(a, "me", &err, t(1)).unwrap(), JobStatus::Failed);
        assert_eq!(s.claim_print_job("me", &Lane::single(), t(100)).unwrap(), None, "not retried by itself");
        let copy = reprint(&mut s, &config, &actor, a, t(2)).unwrap();
        let j = s.print_job(copy).unwrap().unwrap();
        assert_eq!((j.reprint_of, j.reference.id, j.status), (Some(a), Some(7), JobStatus::Pending));
        assert!(j.preview.contains("SALINAN / COPY"));
        // ESC p (drawer kick) is in the original, never in the copy.
        let kick = |b: &[u8]| b.windows(2).any(|w| w == [0x1b, b'p']);
        assert!(kick(&s.print_job(a).unwrap().unwrap().bytes));
        assert!(!kick(&j.bytes), "a reprint never opens the cash drawer");
        cancel(&mut s, &actor, a, t(3)).unwrap();
        assert!(matches!(cancel(&mut s, &actor, a, t(3)), Err(StoreError::PrintJobClosed { .. })));
        assert!(matches!(retry(&mut s, &config, &actor, 999, t(3)), Err(StoreError::NoSuchPrintJob(999))));
        assert_eq!(s.verify_audit().unwrap().entries, 3, "queued, reprint and cancel audited");
    }

    #[test]
    fn a_job_that_could_not_be_rendered_is_rendered_on_retry() {
        let (_d, mut s) = temp_store();
        let mut d = Document::new(DocKind::TestPage);
        d.text("halo");
        let bad = new_job(&d, &Profile { width: 0, ..Profile::default() }, JobRef::default());
        let id = s.enqueue_print(&Actor::system("test"), &bad, t(0)).unwrap();
        assert_eq!(s.spool_counts().unwrap().error, Some(PrintError::Width(0)));
        assert_eq!(s.claim_print_job("me", &Lane::single(), t(1)).unwrap(), None);
        retry(&mut s, &Config::default(), &Actor::system("test"), id, t(2)).unwrap();
        let c = s.claim_print_job("me", &Lane::single(), t(3)).unwrap().unwrap();
        assert!(c.bytes.windows(4).any(|w| w == b"halo"));
    }
}
