//! Carrying out the sale screen's operations against the store.

use super::{App, Msg};
use crate::screens::sale::{SaleMsg, SaleOp, ScanError};
use crate::store::sales::{NewLine, NewSale};
use crate::store::StoreError;

impl App {
    pub(super) fn perform_sale(&mut self, op: SaleOp) -> Option<Msg> {
        let now = self.state.now;
        let text = self.state.text;
        let user = self.state.session.clone()?;
        let actor = user.actor();
        let fail = |e: StoreError| Msg::Failed(text.store_error(&e));
        let config = &self.state.config;
        let store = &mut self.store;
        let reply = |m: SaleMsg| Msg::Sale(Box::new(m));
        Some(match op {
            SaleOp::Scan(code) => match crate::ops::sales::scan(store, config, &code) {
                Ok(r) => reply(SaleMsg::Found(r)),
                Err(e) => fail(e),
            },
            SaleOp::Add(id) => match store.product(id).and_then(|p| p.map(|p| store.found(p, 1000, None)).transpose()) {
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
                let st = &self.state;
                let sale = NewSale {
                    lines: st
                        .sale
                        .lines
                        .iter()
                        .map(|l| NewLine { product_id: l.product.id, qty_milli: l.qty_milli, fixed_amount: l.fixed_amount, prescription: l.prescription.clone(), change: l.change.clone() })
                        .collect(),
                    member_id: st.sale.member.as_ref().map(|m| m.id),
                    patient_id: st.sale.patient.as_ref().map(|p| p.0),
                    tenders: st.sale.tenders.clone(),
                    business_day: config.site.zone.business_day(now),
                    shift_id: None,
                    discount: st.sale.discount.clone(),
                };
                // Every sale belongs to the cashier's open shift (opened on F9).
                let committed = match crate::ops::sales::commit(store, config, &user, &sale, now) {
                    Err(StoreError::NoOpenShift) => Err(text.sale_needs_shift(&self.state.keymap.label_for(crate::action::Scope::Home, crate::action::Action::Shift))),
                    other => other.map_err(|e| text.store_error(&e)),
                };
                reply(SaleMsg::Committed(Box::new(committed)))
            }
            SaleOp::Park => {
                let st = &self.state;
                let lines: Vec<crate::ops::sales::ParkedLine> = st.sale.lines.iter().map(|l| (l.product.id, l.qty_milli, l.fixed_amount)).collect();
                let first = st.sale.lines.first().map(|l| l.product.name.clone()).unwrap_or_default();
                match crate::ops::sales::park(store, &user, &lines, &first, st.sale.member.as_ref(), now) {
                    Ok(id) => reply(SaleMsg::Parked(id)),
                    Err(e) => fail(e),
                }
            }
            SaleOp::ListParked => match store.parked_sales() {
                Ok(list) => reply(SaleMsg::ParkedList(list)),
                Err(e) => fail(e),
            },
            SaleOp::Resume(id) => {
                match crate::ops::sales::resume(store, &user, id, now) {
                    Ok((items, member)) => reply(SaleMsg::Resumed(items, member)),
                    Err(e) => fail(e),
                }
            }
            SaleOp::Void { number, line, supervisor, pin, reason } => {
                let req = crate::ops::sales::VoidRequest { number, line, supervisor, pin, reason };
                match crate::ops::sales::void_or_return(store, config, &user, &req, now) {
                    Ok(Ok(refund)) => reply(SaleMsg::Voided { number: req.number, refund: refund.total, whole: req.line.is_none() }),
                    Ok(Err(f)) => Msg::Failed(crate::app::failure_message(&self.state, &f)),
                    Err(e) => fail(e),
                }
            }
            SaleOp::ApproveDiscount { supervisor, pin, target, change, reason, off } => {
                let what = format!("{} {off}: {reason}", if matches!(change, crate::domain::discount::Change::Price(_)) { "price change" } else { "discount" });
                match crate::ops::sales::approve_discount(store, config, &user, &supervisor, &pin, &what, now) {
                    Ok(Ok(id)) => reply(SaleMsg::DiscountApproved(target, crate::store::sales::Adjusted { change, reason, approved_by: Some(id) })),
                    Ok(Err(f)) => Msg::Failed(crate::app::failure_message(&self.state, &f)),
                    Err(e) => fail(e),
                }
            }
            SaleOp::ListSales => match store.recent_sales(config.site.zone.business_day(now) - chrono::Duration::days(6), 200) {
                Ok(list) => reply(SaleMsg::SalesList(list)),
                Err(e) => fail(e),
            },
            SaleOp::Reprint(id) => {
                let number = self.state.sale.sales.iter().find(|s| s.id == id).map(|s| s.number.clone()).unwrap_or_default();
                match crate::ops::sales::reprint_receipt(store, config, &actor, id, now) {
                    Ok(done) => reply(SaleMsg::Reprinted(number, done.is_some())),
                    Err(e) => fail(e),
                }
            }
            SaleOp::ReprintLast => match store.last_sale_of(user.id) {
                Ok(Some(sale)) => match crate::ops::sales::reprint_receipt(store, config, &actor, sale.id, now) {
                    Ok(done) => reply(SaleMsg::Reprinted(sale.number, done.is_some())),
                    Err(e) => fail(e),
                },
                Ok(None) => Msg::Failed(text.sale_none_recent().into()),
                Err(e) => fail(e),
            },
            SaleOp::FindPatient(text) => {
                let q = crate::domain::search::parse_query(&text);
                match store.search_patients(&q, config.site.zone.business_day(now), 5) {
                    Ok(hits) => reply(SaleMsg::RxPatients(text, hits.into_iter().map(|h| (h.patient.id, h.patient.name, h.patient.rm_number)).collect())),
                    Err(e) => fail(e),
                }
            }
            SaleOp::PrintQr(amount) => match crate::ops::sales::print_qris(store, config, &user, amount, now) {
                Ok(Some(_)) => reply(SaleMsg::QrPrinted(amount)),
                Ok(None) => Msg::Failed(text.sale_no_qris_payload().into()),
                Err(e) => fail(e),
            },
        })
    }
}
