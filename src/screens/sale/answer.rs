//! The store's answers to the sale screen's operations.

use super::cart::found;
use super::{flash_err, LastSale, Mode, SaleMsg, SaleScreen, ScanError};
use crate::app::{Effect, FlashKind, State};

/// What the store answered.
pub fn answer(s: &mut State, msg: SaleMsg) -> Vec<Effect> {
    match msg {
        SaleMsg::Found(Ok(f)) => found(s, f),
        SaleMsg::Found(Err(e)) => {
            let msg = match e {
                ScanError::Unknown(code) => s.text.sale_unknown_code(&code),
                ScanError::CheckDigit(code) => s.text.sale_bad_check_digit(&code),
            };
            flash_err(s, msg)
        }
        SaleMsg::Hits(hits) => {
            if hits.is_empty() {
                let msg = s.text.sale_no_hits().to_string();
                return flash_err(s, msg);
            }
            s.sale.hits = hits;
            s.sale.list_selected = 0;
            s.sale.mode = Mode::Search;
            vec![]
        }
        SaleMsg::Member(member, patient) => {
            match (&member, &patient) {
                (None, None) => {
                    let msg = s.text.sale_no_member().to_string();
                    s.flash(FlashKind::Error, msg);
                }
                _ => {
                    let name = member.as_ref().map(|m| format!("{} {}", m.member_no, m.name)).or(patient.as_ref().map(|p| p.1.clone())).unwrap_or_default();
                    let msg = s.text.sale_member_attached(&name, member.is_some());
                    s.flash(FlashKind::Info, msg);
                    s.sale.member = member;
                    s.sale.patient = patient;
                }
            }
            vec![]
        }
        SaleMsg::Committed(result) => match *result {
            Ok(sale) => {
                let msg = s.text.sale_done(&sale.number, sale.total, sale.change, s.config.printer.configured());
                s.sale = SaleScreen { last: Some(LastSale { number: sale.number, total: sale.total, change: sale.change }), ..SaleScreen::default() };
                s.flash(FlashKind::Info, msg);
                vec![]
            }
            Err(msg) => {
                // Nothing was saved: the tenders are undone, the cart stays and is shown again.
                s.sale.tenders.clear();
                s.sale.mode = Mode::Cart;
                flash_err(s, msg)
            }
        },
        SaleMsg::Parked(id) => {
            s.sale = SaleScreen::default();
            let msg = s.text.sale_parked(id);
            s.flash(FlashKind::Info, msg);
            vec![]
        }
        SaleMsg::ParkedList(list) => {
            if list.is_empty() {
                let msg = s.text.sale_none_parked().to_string();
                return flash_err(s, msg);
            }
            s.sale.parked = list;
            s.sale.list_selected = 0;
            s.sale.mode = Mode::Parked;
            vec![]
        }
        SaleMsg::Resumed(items, member) => {
            s.sale.member = member;
            for f in items {
                found(s, f);
            }
            vec![]
        }
        SaleMsg::Voided { number, refund, whole } => {
            s.sale.mode = Mode::Cart;
            s.sale.form.clear();
            let msg = s.text.sale_voided(&number, refund, whole);
            s.flash(FlashKind::Info, msg);
            vec![]
        }
        SaleMsg::QrPrinted(amount) => {
            s.sale.qr_shown = Some(amount);
            vec![]
        }
    }
}
