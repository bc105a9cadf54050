//! The CKG register on paper: one entry per check of a period (who, age group, what was found,
//! referral), at the printer's width, in the site's language.

use super::doc::Document;
use super::docs::{header, local_time};
use super::{JobRef, NewPrintJob};
use crate::config::Site;
use crate::domain::ckg::{age_years, AgeGroup};
use crate::domain::printing::DocKind;
use crate::store::ckg::RegisterRow;
use crate::text::Text;
use chrono::{DateTime, NaiveDate, Utc};

pub fn ckg_register_doc(t: &Text, site: &Site, from: NaiveDate, to: NaiveDate, rows: &[RegisterRow], at: DateTime<Utc>) -> Document {
    let mut d = Document::new(DocKind::CkgRegister);
    header(&mut d, site);
    d.separator();
    d.title(t.doc_ckg_register_title());
    let referred = rows.iter().filter(|r| r.referral).count();
    d.text(t.ckg_register_title(&from.format("%d-%m-%Y").to_string(), &to.format("%d-%m-%Y").to_string(), rows.len(), referred));
    d.text(local_time(at, site.zone));
    for r in rows {
        d.separator();
        let group = AgeGroup::from_code(&r.age_group).map(|g| t.age_group(g)).unwrap_or("");
        d.columns(r.name.clone(), format!("{} {}", r.sex, t.age_years(age_years(r.birth_date, r.business_day))));
        d.columns(format!("{} {}", r.business_day.format("%d-%m"), r.rm_number), group.to_string());
        d.text(t.ckg_register_findings(&r.lines, r.referral));
    }
    d.separator();
    d.cut();
    d
}

/// The register as a job for the printer the site's rule gives CKG registers.
pub fn ckg_register(config: &crate::config::Config, from: NaiveDate, to: NaiveDate, rows: &[RegisterRow], at: DateTime<Utc>) -> NewPrintJob {
    let t = Text::new(config.site.lang);
    super::routed_job(config, &ckg_register_doc(&t, &config.site, from, to, rows, at), JobRef { table: None, id: None })
}
