//! The sale screen's keys: the entry field, the cart, paying, the prescription and void forms.

use super::cart::{add_line, stock_check};
use super::{credit_available, due, flash_err, take_entry, Mode, SaleOp, VOID_FIELDS, VOID_PIN};
use crate::action::Action;
use crate::app::{Effect, FlashKind, State};
use crate::domain::cart::{self, Method, Tender};
use crate::domain::drug_policy;
use crate::domain::money::parse_rupiah;
use crate::keymap::Key;
use crate::widgets::field;
use tui_input::Input;

/// An action on the sale screen (navigation elsewhere is handled by the app).
pub fn action(s: &mut State, a: Action) -> Vec<Effect> {
    match (s.sale.mode, a) {
        (Mode::Cart, Action::Submit) => {
            let text = take_entry(s);
            if text.is_empty() {
                vec![]
            } else if text.bytes().all(|b| b.is_ascii_digit()) {
                vec![Effect::Sale(SaleOp::Scan(text))]
            } else {
                vec![Effect::Sale(SaleOp::Search(text))]
            }
        }
        (Mode::Cart, Action::SearchProduct) => {
            let text = take_entry(s);
            if text.chars().count() < 2 {
                let msg = s.text.sale_search_hint().to_string();
                return flash_err(s, msg);
            }
            vec![Effect::Sale(SaleOp::Search(text))]
        }
        (Mode::Cart, Action::SetQuantity) => set_quantity(s),
        (Mode::Cart, Action::RemoveLine) => {
            if s.sale.selected < s.sale.lines.len() {
                let l = s.sale.lines.remove(s.sale.selected);
                s.sale.selected = s.sale.selected.min(s.sale.lines.len().saturating_sub(1));
                let msg = s.text.sale_line_removed(&l.product.name);
                s.flash(FlashKind::Info, msg);
            }
            vec![]
        }
        (Mode::Cart, Action::AttachMember) => {
            let text = take_entry(s);
            if text.is_empty() {
                if s.sale.member.take().is_some() | s.sale.patient.take().is_some() {
                    let msg = s.text.sale_member_removed().to_string();
                    s.flash(FlashKind::Info, msg);
                } else {
                    let msg = s.text.sale_member_hint().to_string();
                    s.flash(FlashKind::Error, msg);
                }
                return vec![];
            }
            vec![Effect::Sale(SaleOp::Member(text))]
        }
        (Mode::Cart, Action::Pay) => {
            if s.sale.lines.is_empty() {
                let msg = s.text.sale_empty().to_string();
                return flash_err(s, msg);
            }
            s.sale.mode = Mode::Pay;
            s.sale.tenders.clear();
            s.sale.entry = Input::default();
            s.sale.qr_shown = None;
            vec![]
        }
        (Mode::Cart, Action::ParkSale) => {
            if s.sale.lines.is_empty() {
                let msg = s.text.sale_empty().to_string();
                return flash_err(s, msg);
            }
            vec![Effect::Sale(SaleOp::Park)]
        }
        (Mode::Cart, Action::ResumeSale) => {
            if !s.sale.lines.is_empty() {
                let msg = s.text.sale_park_first().to_string();
                return flash_err(s, msg);
            }
            vec![Effect::Sale(SaleOp::ListParked)]
        }
        (Mode::Cart, Action::VoidSale) => {
            s.sale.mode = Mode::Void;
            s.sale.form = vec![Input::default(); VOID_FIELDS];
            if let Some(last) = &s.sale.last {
                s.sale.form[0] = Input::new(last.number.clone());
            }
            s.sale.focus = 0;
            vec![]
        }
        (Mode::Cart, Action::ScrollUp) => {
            s.sale.selected = s.sale.selected.saturating_sub(1);
            vec![]
        }
        (Mode::Cart, Action::ScrollDown) => {
            s.sale.selected = (s.sale.selected + 1).min(s.sale.lines.len().saturating_sub(1));
            vec![]
        }
        (Mode::Search | Mode::Parked, Action::ScrollUp) => {
            s.sale.list_selected = s.sale.list_selected.saturating_sub(1);
            vec![]
        }
        (Mode::Search | Mode::Parked, Action::ScrollDown) => {
            let n = if s.sale.mode == Mode::Search { s.sale.hits.len() } else { s.sale.parked.len() };
            s.sale.list_selected = (s.sale.list_selected + 1).min(n.saturating_sub(1));
            vec![]
        }
        (Mode::Search, Action::Submit) => {
            s.sale.mode = Mode::Cart;
            match s.sale.hits.get(s.sale.list_selected) {
                Some(p) => vec![Effect::Sale(SaleOp::Add(p.id))],
                None => vec![],
            }
        }
        (Mode::Parked, Action::Submit) => {
            s.sale.mode = Mode::Cart;
            match s.sale.parked.get(s.sale.list_selected) {
                Some(p) => vec![Effect::Sale(SaleOp::Resume(p.id))],
                None => vec![],
            }
        }
        (Mode::Pay, Action::PayCash) => {
            let text = take_entry(s);
            let due = due(s);
            let amount = if text.is_empty() { Some(due) } else { parse_rupiah(&text) };
            // A barcode scanned into the cash field is not money handed over: no drawer holds
            // Rp10 juta more than the bill.
            match amount {
                Some(a) if a > 0 && a <= due + 10_000_000 => tender(s, Tender { method: Method::Cash, amount: a, reference: None }),
                _ => {
                    let msg = s.text.sale_bad_amount(&text);
                    flash_err(s, msg)
                }
            }
        }
        (Mode::Pay, Action::PayQris) => {
            let reference = take_entry(s);
            if reference.len() < 4 {
                let msg = s.text.sale_qris_reference().to_string();
                return flash_err(s, msg);
            }
            let due = due(s);
            tender(s, Tender { method: Method::Qris, amount: due, reference: Some(reference) })
        }
        (Mode::Pay, Action::PayCredit) => {
            let Some(avail) = credit_available(s) else {
                let msg = s.text.sale_credit_needs_member().to_string();
                return flash_err(s, msg);
            };
            let amount = due(s).min(avail);
            if amount <= 0 {
                let msg = s.text.sale_credit_used_up(avail.max(0));
                return flash_err(s, msg);
            }
            tender(s, Tender { method: Method::MemberCredit, amount, reference: None })
        }
        (Mode::Pay, Action::ShowQr) => {
            if s.config.sales.qris_payload.is_none() {
                let msg = s.text.sale_no_qris_payload().to_string();
                return flash_err(s, msg);
            }
            vec![Effect::Sale(SaleOp::PrintQr(due(s)))]
        }
        (Mode::Prescription | Mode::Void, Action::NextField | Action::PrevField) => {
            let n = s.sale.form.len().max(1);
            s.sale.focus = if a == Action::NextField { (s.sale.focus + 1) % n } else { (s.sale.focus + n - 1) % n };
            vec![]
        }
        (Mode::Prescription, Action::Save) => save_prescription(s),
        (Mode::Void, Action::Save) => submit_void(s),
        (Mode::Cart, Action::Back) => {
            s.screen = crate::screens::ScreenId::Home;
            vec![]
        }
        (_, Action::Back) => {
            // Leaving payment undoes the tenders typed so far; nothing was saved.
            s.sale.tenders.clear();
            s.sale.pending = None;
            s.sale.mode = Mode::Cart;
            vec![]
        }
        _ => vec![],
    }
}

/// A typed key that no binding claimed: into the entry field or the focused form field.
pub fn typed(s: &mut State, key: &Key) -> Vec<Effect> {
    let Some(req) = field::edit_request(key) else { return vec![] };
    match s.sale.mode {
        Mode::Prescription | Mode::Void => {
            let i = s.sale.focus.min(s.sale.form.len().saturating_sub(1));
            if let Some(input) = s.sale.form.get_mut(i) {
                field::apply(input, req, |c| !c.is_control(), 60);
            }
        }
        _ => field::apply(&mut s.sale.entry, req, |c| !c.is_control(), 60),
    }
    vec![]
}

fn tender(s: &mut State, t: Tender) -> Vec<Effect> {
    s.sale.tenders.push(t);
    if due(s) <= 0 {
        vec![Effect::Sale(SaleOp::Commit)]
    } else {
        let msg = s.text.sale_still_due(due(s));
        s.flash(FlashKind::Info, msg);
        vec![]
    }
}

fn set_quantity(s: &mut State) -> Vec<Effect> {
    let text = take_entry(s);
    let Some(line) = s.sale.lines.get(s.sale.selected).cloned() else {
        let msg = s.text.sale_empty().to_string();
        return flash_err(s, msg);
    };
    let Some(qty) = cart::parse_qty(&text) else {
        let msg = s.text.sale_qty_hint(&text);
        return flash_err(s, msg);
    };
    if let Err(e) = cart::check_qty(qty, line.product.by_piece()) {
        let msg = s.text.qty_error(&line.product.name, e);
        return flash_err(s, msg);
    }
    match stock_check(s, &line.product, &line.batches, qty, Some(s.sale.selected)) {
        Err(msg) => flash_err(s, msg),
        Ok(_) => {
            let i = s.sale.selected;
            s.sale.lines[i].qty_milli = qty;
            s.sale.lines[i].fixed_amount = None;
            vec![]
        }
    }
}

fn save_prescription(s: &mut State) -> Vec<Effect> {
    let today = s.config.site.zone.business_day(s.now);
    let v: Vec<String> = s.sale.form.iter().map(|i| i.value().to_string()).collect();
    let get = |i: usize| v.get(i).map(String::as_str).unwrap_or("");
    match drug_policy::prescription(get(0), get(1), get(2), get(3), get(4), today) {
        Err(e) => {
            let msg = s.text.prescription_error(e).to_string();
            flash_err(s, msg)
        }
        Ok(rx) => {
            s.sale.mode = Mode::Cart;
            let Some(f) = s.sale.pending.take() else { return vec![] };
            add_line(s, f, Some(rx), vec![])
        }
    }
}

fn submit_void(s: &mut State) -> Vec<Effect> {
    let v: Vec<String> = s.sale.form.iter().map(|i| i.value().trim().to_string()).collect();
    let get = |i: usize| v.get(i).cloned().unwrap_or_default();
    let (number, line, qty, supervisor, pin, reason) = (get(0), get(1), get(2), get(3), get(4), get(5));
    if number.is_empty() || supervisor.is_empty() || pin.is_empty() || reason.chars().count() < 3 {
        let msg = s.text.void_fields_missing().to_string();
        return flash_err(s, msg);
    }
    let line = if line.is_empty() {
        None
    } else {
        match (line.parse::<i64>(), cart::parse_qty(&qty)) {
            (Ok(n), Some(q)) if n > 0 && q > 0 => Some((n, q)),
            _ => {
                let msg = s.text.void_line_hint().to_string();
                return flash_err(s, msg);
            }
        }
    };
    // The PIN leaves the form at once.
    if let Some(p) = s.sale.form.get_mut(VOID_PIN) {
        *p = Input::default();
    }
    vec![Effect::Sale(SaleOp::Void { number, line, supervisor, pin, reason })]
}
