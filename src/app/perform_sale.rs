//! Carrying out the sale screen's operations against the store.

use super::{App, Msg};
use crate::domain::{ean, fefo, weighed};
use crate::screens::sale::{Found, SaleMsg, SaleOp, ScanError};
use crate::store::sales::{NewLine, NewSale, SaleRules};
use crate::store::stock::Product;
use crate::store::{Store, StoreError};

/// A product with its batch stock and last cost, for the screen's checks.
fn with_stock(store: &Store, product: Product, qty_milli: i64, fixed_amount: Option<i64>) -> crate::store::Result<Found> {
    let batches = store.batch_stock(product.id)?;
    let cost = store.last_cost(product.id)?;
    Ok(Found { product, qty_milli, fixed_amount, batches, cost })
}

/// What a scanned code is: a weighed-goods code, a catalog barcode or internal code, or
/// nothing known (a retail code with a wrong check digit says so).
pub(crate) fn scan(store: &Store, code: &str, layout: &weighed::Layout) -> crate::store::Result<Result<Found, ScanError>> {
    if weighed::is_weighed(code) {
        if let Some(w) = weighed::parse(code, layout) {
            if let Some(p) = store.product_by_plu(&w.plu)? {
                let (qty, fixed) = weighed::quantity(&w, p.price);
                return Ok(Ok(with_stock(store, p, qty, fixed)?));
            }
        }
    }
    if let Some(p) = store.product_by_barcode(code)? {
        return Ok(Ok(with_stock(store, p, 1000, None)?));
    }
    if matches!(code.len(), 8 | 12 | 13) && !ean::is_valid(code) {
        return Ok(Err(ScanError::CheckDigit(code.to_string())));
    }
    Ok(Err(ScanError::Unknown(code.to_string())))
}

impl App {
    pub(super) fn perform_sale(&mut self, op: SaleOp) -> Option<Msg> {
        let now = self.state.now;
        let text = self.state.text;
        let user = self.state.session.clone()?;
        let actor = user.actor();
        let fail = |e: StoreError| Msg::Failed(text.store_error(&e));
        let settings = self.state.config.sales.clone();
        let store = &mut self.store;
        let reply = |m: SaleMsg| Msg::Sale(Box::new(m));
        Some(match op {
            SaleOp::Scan(code) => match scan(store, &code, &settings.weighed) {
                Ok(r) => reply(SaleMsg::Found(r)),
                Err(e) => fail(e),
            },
            SaleOp::Add(id) => match store.product(id).and_then(|p| p.map(|p| with_stock(store, p, 1000, None)).transpose()) {
                Ok(Some(f)) => reply(SaleMsg::Found(Ok(f))),
                Ok(None) => reply(SaleMsg::Found(Err(ScanError::Unknown(id.to_string())))),
                Err(e) => fail(e),
            },
            SaleOp::Search(q) => match store.search_products(&q, 50) {
                Ok(hits) => reply(SaleMsg::Hits(hits)),
                Err(e) => fail(e),
            },
            SaleOp::Member(code) => {
                let found = (|| -> crate::store::Result<_> {
                    if let Some(m) = store.member_by_no(&code)? {
                        let patient = match m.patient_id {
                            Some(pid) => store.patient(pid)?.map(|p| (p.id, p.name)),
                            None => None,
                        };
                        return Ok((Some(m), patient));
                    }
                    match store.patient_for_sale(&code)? {
                        Some((id, name, _)) => Ok((store.member_for_patient(&actor, id, now)?, Some((id, name)))),
                        None => Ok((None, None)),
                    }
                })();
                match found {
                    Ok((m, p)) => reply(SaleMsg::Member(m, p)),
                    Err(e) => fail(e),
                }
            }
            SaleOp::Commit => {
                // Every sale belongs to the cashier's open shift (opened on F9).
                let shift_id = match store.open_shift(user.id) {
                    Ok(Some(s)) => s.id,
                    Ok(None) => return Some(reply(SaleMsg::Committed(Box::new(Err(text.sale_needs_shift().to_string()))))),
                    Err(e) => return Some(fail(e)),
                };
                let st = &self.state;
                let sale = NewSale {
                    lines: st
                        .sale
                        .lines
                        .iter()
                        .map(|l| NewLine { product_id: l.product.id, qty_milli: l.qty_milli, fixed_amount: l.fixed_amount, prescription: l.prescription.clone() })
                        .collect(),
                    member_id: st.sale.member.as_ref().map(|m| m.id),
                    patient_id: st.sale.patient.as_ref().map(|p| p.0),
                    tenders: st.sale.tenders.clone(),
                    business_day: st.config.site.zone.business_day(now),
                    shift_id: Some(shift_id),
                };
                let rules = SaleRules {
                    charges_vat: settings.charges_vat,
                    fefo: fefo::Rules { warn_days: settings.expiring_days, block_near_expiry: settings.block_near_expiry, allow_negative: false },
                    credit_limit: settings.member_credit_limit,
                    policy: settings.drug_policy.clone(),
                    pharmacist: user.role == crate::domain::user::Role::Pharmacy,
                };
                let seller = if user.full_name.is_empty() { user.name.clone() } else { user.full_name.clone() };
                let make = |c: &crate::store::sales::CommittedSale| crate::print::sale_jobs::sale_jobs(&st.config.site, &st.config.printer.profile, c, &seller);
                let jobs: Option<&dyn Fn(&crate::store::sales::CommittedSale) -> Vec<crate::print::NewPrintJob>> =
                    if st.config.printer.configured() { Some(&make) } else { None };
                reply(SaleMsg::Committed(Box::new(self.store.commit_sale(&actor, &sale, &rules, now, jobs).map_err(|e| text.store_error(&e)))))
            }
            SaleOp::Park => {
                let st = &self.state;
                let lines: Vec<(i64, i64, Option<i64>)> = st.sale.lines.iter().map(|l| (l.product.id, l.qty_milli, l.fixed_amount)).collect();
                let first = st.sale.lines.first().map(|l| l.product.name.clone()).unwrap_or_default();
                let label = match &st.sale.member {
                    Some(m) => format!("{} - {first}", m.name),
                    None => first,
                };
                match self.store.park_sale(&actor, &label, st.sale.member.as_ref().map(|m| m.id), &lines, now) {
                    Ok(id) => reply(SaleMsg::Parked(id)),
                    Err(e) => fail(e),
                }
            }
            SaleOp::ListParked => match store.parked_sales() {
                Ok(list) => reply(SaleMsg::ParkedList(list)),
                Err(e) => fail(e),
            },
            SaleOp::Resume(id) => {
                let resumed = (|| -> crate::store::Result<_> {
                    let parked = store.resume_parked(&actor, id, now)?;
                    let member = match parked.member_id {
                        Some(m) => store.member(m)?,
                        None => None,
                    };
                    let mut items = Vec::new();
                    for (pid, qty, fixed) in parked.lines {
                        if let Some(p) = store.product(pid)? {
                            items.push(with_stock(store, p, qty, fixed)?);
                        }
                    }
                    Ok((items, member))
                })();
                match resumed {
                    Ok((items, member)) => reply(SaleMsg::Resumed(items, member)),
                    Err(e) => fail(e),
                }
            }
            SaleOp::Void { number, line, supervisor, pin, reason } => {
                let approver = match store.authenticate(&supervisor, &pin, now, &self.state.config.security) {
                    Ok(Ok(u)) => u,
                    Ok(Err(f)) => return Some(Msg::Failed(crate::app::failure_message(&self.state, &f))),
                    Err(e) => return Some(fail(e)),
                };
                // Cash handed back leaves this cashier's drawer: it belongs to their open shift.
                let shift_id = match store.open_shift(user.id) {
                    Ok(s) => s.map(|s| s.id),
                    Err(e) => return Some(fail(e)),
                };
                match store.void_or_return(&actor, &approver, &number, line, &reason, shift_id, now) {
                    Ok(refund) => reply(SaleMsg::Voided { number, refund, whole: line.is_none() }),
                    Err(e) => fail(e),
                }
            }
            SaleOp::PrintQr(amount) => {
                let payload = settings.qris_payload.as_deref()?;
                let Ok(dynamic) = crate::domain::qris::dynamic(payload, amount) else {
                    return Some(Msg::Failed(text.sale_no_qris_payload().into()));
                };
                let job = crate::print::sale_jobs::qris_slip(&self.state.config.site, &self.state.config.printer.profile, &dynamic, amount);
                match store.enqueue_print(&actor, &job, now) {
                    Ok(_) => reply(SaleMsg::QrPrinted(amount)),
                    Err(e) => fail(e),
                }
            }
        })
    }
}
