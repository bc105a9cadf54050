//! The store's answers to the sale screen's operations.

use super::{LastSale, Mode, SaleMsg, SaleOp, SaleScreen, ScanError};
use crate::screens::{Ctx, Reply};

impl SaleScreen {
    /// What the store answered.
    pub fn answer(&mut self, ctx: &Ctx, msg: SaleMsg) -> Reply<SaleOp> {
        let t = &ctx.text;
        match msg {
            SaleMsg::Found(Ok(f)) => self.found(ctx, f),
            SaleMsg::Found(Err(e)) => Reply::error(match e {
                ScanError::Unknown(code) => t.sale_unknown_code(&code),
                ScanError::CheckDigit(code) => t.sale_bad_check_digit(&code),
            }),
            SaleMsg::Hits(hits) => {
                if hits.is_empty() {
                    return Reply::error(t.sale_no_hits());
                }
                self.hits = hits;
                self.list_selected = 0;
                self.mode = Mode::Search;
                Reply::none()
            }
            SaleMsg::Member(member, patient) => match (&member, &patient) {
                (None, None) => Reply::error(t.sale_no_member()),
                _ => {
                    let name = member.as_ref().map(|m| format!("{} {}", m.member_no, m.name)).or(patient.as_ref().map(|p| p.1.clone())).unwrap_or_default();
                    let msg = t.sale_member_attached(&name, member.is_some());
                    self.member = member;
                    self.patient = patient;
                    Reply::info(msg)
                }
            },
            SaleMsg::Committed(result) => match *result {
                Ok(sale) => {
                    let msg = t.sale_done(&sale.number, sale.total, sale.change, ctx.config.printer.configured());
                    *self = SaleScreen { last: Some(LastSale { number: sale.number, total: sale.total, change: sale.change }), ..SaleScreen::default() };
                    Reply::info(msg)
                }
                Err(msg) => {
                    // Nothing was saved: the tenders are undone, the cart stays and is shown again.
                    self.tenders.clear();
                    self.mode = Mode::Cart;
                    Reply::error(msg)
                }
            },
            SaleMsg::Parked(id) => {
                *self = SaleScreen::default();
                Reply::info(t.sale_parked(id))
            }
            SaleMsg::ParkedList(list) => {
                if list.is_empty() {
                    return Reply::error(t.sale_none_parked());
                }
                self.parked = list;
                self.list_selected = 0;
                self.mode = Mode::Parked;
                Reply::none()
            }
            SaleMsg::Resumed(items, member) => {
                self.member = member;
                // The "parked" message is no longer true.
                let mut reply = Reply::note(crate::screens::Note::Clear);
                for f in items {
                    reply = reply.then(self.found(ctx, f));
                }
                reply
            }
            SaleMsg::Voided { number, refund, whole } => {
                self.mode = Mode::Cart;
                self.form.clear();
                Reply::info(t.sale_voided(&number, refund, whole))
            }
            SaleMsg::DiscountApproved(target, adj) => self.apply_discount(ctx, target, adj),
            SaleMsg::SalesList(list) => {
                if list.is_empty() {
                    return Reply::error(t.sale_none_recent());
                }
                self.sales = list;
                self.list_selected = 0;
                self.mode = Mode::Sales;
                Reply::none()
            }
            SaleMsg::Reprinted(number, true) => Reply::info(t.sale_reprinted(&number)),
            SaleMsg::Reprinted(number, false) => Reply::error(t.sale_no_receipt(&number)),
            SaleMsg::RxPatients(text, hits) => {
                // An answer for text no longer in the field is dropped.
                if self.mode == Mode::Prescription && self.form.get(super::RX_PATIENT).is_some_and(|i| i.value().trim() == text) {
                    self.rx_hits = hits;
                    self.rx_selected = 0;
                }
                Reply::none()
            }
            SaleMsg::QrPrinted(amount) => {
                self.qr_shown = Some(amount);
                Reply::none()
            }
        }
    }
}
