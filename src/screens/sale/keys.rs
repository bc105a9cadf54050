//! The sale screen's keys: the entry field, the cart, paying, the prescription and void forms.

use super::{Mode, SaleOp, SaleScreen, RX_PATIENT, VOID_FIELDS, VOID_PIN};
use crate::action::Action;
use crate::domain::cart::{self, Method, Tender};
use crate::domain::drug_policy;
use crate::domain::money::parse_rupiah;
use crate::keymap::Key;
use crate::screens::{Ctx, Note, Reply};
use crate::widgets::field;
use tui_input::Input;

impl SaleScreen {
    /// An action on the sale screen (navigation elsewhere is handled by the app).
    pub fn action(&mut self, ctx: &Ctx, a: Action) -> Reply<SaleOp> {
        match (self.mode, a) {
            (Mode::Cart, Action::Submit) => {
                let text = self.take_entry();
                if text.is_empty() {
                    Reply::none()
                } else if text.bytes().all(|b| b.is_ascii_digit()) {
                    Reply::op(SaleOp::Scan(text))
                } else {
                    Reply::op(SaleOp::Search(text))
                }
            }
            (Mode::Cart, Action::SearchProduct) => {
                let text = self.take_entry();
                if text.chars().count() < 2 {
                    return Reply::error(ctx.text.sale_search_hint());
                }
                Reply::op(SaleOp::Search(text))
            }
            (Mode::Cart, Action::SetQuantity) => self.set_quantity(ctx),
            (Mode::Cart, Action::RemoveLine) => {
                if self.selected < self.lines.len() {
                    let l = self.lines.remove(self.selected);
                    self.selected = self.selected.min(self.lines.len().saturating_sub(1));
                    return Reply::info(ctx.text.sale_line_removed(&l.product.name));
                }
                Reply::none()
            }
            (Mode::Cart, Action::AttachMember) => {
                let text = self.take_entry();
                if text.is_empty() {
                    return if self.member.take().is_some() | self.patient.take().is_some() {
                        Reply::info(ctx.text.sale_member_removed())
                    } else {
                        Reply::error(ctx.text.sale_member_hint())
                    };
                }
                Reply::op(SaleOp::Member(text))
            }
            (Mode::Cart, Action::Pay) => {
                if self.lines.is_empty() {
                    return Reply::error(ctx.text.sale_empty());
                }
                self.mode = Mode::Pay;
                self.method = Method::Cash;
                self.confirm_cash = None;
                self.tenders.clear();
                self.entry = Input::default();
                self.qr_shown = None;
                Reply::none()
            }
            (Mode::Cart, Action::ParkSale) => {
                if self.lines.is_empty() {
                    return Reply::error(ctx.text.sale_empty());
                }
                // A parked cart keeps products and quantities only: a discount would be lost quietly.
                if self.discount.is_some() || self.lines.iter().any(|l| l.change.is_some()) {
                    return Reply::error(ctx.text.sale_park_discount());
                }
                Reply::op(SaleOp::Park)
            }
            (Mode::Cart, Action::ResumeSale) => {
                if !self.lines.is_empty() {
                    return Reply::error(ctx.text.sale_park_first());
                }
                Reply::op(SaleOp::ListParked)
            }
            // A return starts from the list of today's and recent sales, never a number from memory.
            (Mode::Cart, Action::VoidSale) => Reply::op(SaleOp::ListSales),
            (Mode::Cart, Action::ReprintLast) => Reply::op(SaleOp::ReprintLast),
            (Mode::Sales, Action::Submit) => {
                let Some(sale) = self.sales.get(self.list_selected) else { return Reply::none() };
                self.mode = Mode::Void;
                self.form = vec![Input::default(); VOID_FIELDS];
                self.form[0] = Input::new(sale.number.clone());
                // The number is picked; the line (empty = the whole sale) comes next.
                self.focus = 1;
                Reply::none()
            }
            (Mode::Sales, Action::Reprint) => match self.sales.get(self.list_selected) {
                Some(sale) => Reply::op(SaleOp::Reprint(sale.id)),
                None => Reply::none(),
            },
            (Mode::Cart, Action::ScrollUp) => {
                self.selected = self.selected.saturating_sub(1);
                Reply::none()
            }
            (Mode::Cart, Action::ScrollDown) => {
                self.selected = (self.selected + 1).min(self.lines.len().saturating_sub(1));
                Reply::none()
            }
            (Mode::Search | Mode::Parked | Mode::Sales, Action::ScrollUp) => {
                self.list_selected = self.list_selected.saturating_sub(1);
                Reply::none()
            }
            (Mode::Search | Mode::Parked | Mode::Sales, Action::ScrollDown) => {
                let n = match self.mode {
                    Mode::Search => self.hits.len(),
                    Mode::Parked => self.parked.len(),
                    _ => self.sales.len(),
                };
                self.list_selected = (self.list_selected + 1).min(n.saturating_sub(1));
                Reply::none()
            }
            (Mode::Search, Action::Submit) => {
                self.mode = Mode::Cart;
                match self.hits.get(self.list_selected) {
                    Some(p) => Reply::op(SaleOp::Add(p.id)),
                    None => Reply::none(),
                }
            }
            (Mode::Parked, Action::Submit) => {
                self.mode = Mode::Cart;
                match self.parked.get(self.list_selected) {
                    Some(p) => Reply::op(SaleOp::Resume(p.id)),
                    None => Reply::none(),
                }
            }
            // A method key chooses what the entry field holds; the method stays chosen, and Enter
            // confirms that method and no other (a QRIS reference never becomes cash).
            (Mode::Pay, Action::PayCash) => self.choose_method(ctx, Method::Cash),
            (Mode::Pay, Action::PayQris) => self.choose_method(ctx, Method::Qris),
            (Mode::Pay, Action::PayCredit) => self.choose_method(ctx, Method::MemberCredit),
            (Mode::Pay, Action::Submit) => self.confirm_payment(ctx),
            (Mode::Pay, Action::ShowQr) => {
                if ctx.config.sales.qris_payload.is_none() {
                    return Reply::error(ctx.text.sale_no_qris_payload());
                }
                Reply::op(SaleOp::PrintQr(self.due(&ctx.config.sales)))
            }
            (Mode::Prescription, Action::ScrollUp | Action::ScrollDown) => {
                let n = self.rx_hits.len();
                self.rx_selected = if a == Action::ScrollUp { self.rx_selected.saturating_sub(1) } else { (self.rx_selected + 1).min(n.saturating_sub(1)) };
                Reply::none()
            }
            // Leaving the patient field picks the highlighted record.
            (Mode::Prescription, Action::NextField | Action::PrevField) if self.focus == RX_PATIENT && self.rx_patient.is_none() && !self.rx_hits.is_empty() => {
                let (id, name, _) = self.rx_hits[self.rx_selected.min(self.rx_hits.len() - 1)].clone();
                self.form[RX_PATIENT] = Input::new(name.clone());
                self.rx_patient = Some((id, name));
                self.rx_hits.clear();
                let n = self.form.len().max(1);
                self.focus = if a == Action::NextField { (self.focus + 1) % n } else { (self.focus + n - 1) % n };
                Reply::none()
            }
            (Mode::Prescription | Mode::Void | Mode::Discount, Action::NextField | Action::PrevField) => {
                let n = self.form.len().max(1);
                self.focus = if a == Action::NextField { (self.focus + 1) % n } else { (self.focus + n - 1) % n };
                Reply::none()
            }
            (Mode::Prescription, Action::Save) => self.save_prescription(ctx),
            (Mode::Void, Action::Save) => self.submit_void(ctx),
            (Mode::Cart, Action::Discount) => self.open_discount(ctx, false),
            (Mode::Cart, Action::ChangePrice) => self.open_discount(ctx, true),
            (Mode::Discount, Action::Save) => self.submit_discount(ctx),
            (Mode::Cart, Action::Back) => Reply::home(),
            (_, Action::Back) => {
                // Leaving payment undoes the tenders typed so far; nothing was saved.
                self.tenders.clear();
                self.confirm_cash = None;
                self.pending = None;
                self.mode = Mode::Cart;
                Reply::none()
            }
            _ => Reply::none(),
        }
    }

    /// A typed key that no binding claimed: into the entry field or the focused form field. Typing
    /// in the prescription's patient field searches the register.
    pub fn typed(&mut self, key: &Key) -> Reply<SaleOp> {
        let Some(req) = field::edit_request(key) else { return Reply::none() };
        match self.mode {
            Mode::Prescription | Mode::Void | Mode::Discount => {
                let i = self.focus.min(self.form.len().saturating_sub(1));
                if let Some(input) = self.form.get_mut(i) {
                    field::apply(input, req, |c| !c.is_control(), 60);
                }
                if self.mode == Mode::Prescription && i == RX_PATIENT {
                    self.rx_patient = None;
                    let text = self.form[i].value().trim().to_string();
                    if text.chars().count() >= 2 {
                        return Reply::op(SaleOp::FindPatient(text));
                    }
                    self.rx_hits.clear();
                }
                Reply::none()
            }
            _ => {
                field::apply(&mut self.entry, req, |c| !c.is_control(), 60);
                Reply::none()
            }
        }
    }

    fn choose_method(&mut self, ctx: &Ctx, m: Method) -> Reply<SaleOp> {
        if m == Method::MemberCredit && self.member.is_none() {
            return Reply::error(ctx.text.sale_credit_needs_member());
        }
        self.method = m;
        self.confirm_cash = None;
        Reply::note(Note::Clear)
    }

    /// Enter while paying: the chosen method with what the entry field holds.
    fn confirm_payment(&mut self, ctx: &Ctx) -> Reply<SaleOp> {
        let settings = &ctx.config.sales;
        let text = self.take_entry();
        let due = self.due(settings);
        match self.method {
            Method::Cash => {
                if let (true, Some(t)) = (text.is_empty(), self.confirm_cash.take()) {
                    return self.tender(ctx, t);
                }
                self.confirm_cash = None;
                let cash_due = settings.cash_rounding.apply(due);
                let amount = if text.is_empty() { Some(cash_due) } else { parse_rupiah(&text) };
                // A barcode scanned into the cash field is not money handed over: no drawer holds
                // Rp10 juta more than the bill.
                match amount {
                    Some(a) if a > 0 && a <= due + 10_000_000 => {
                        let tender = Tender { method: Method::Cash, amount: a, reference: None };
                        let change = a - cash_due;
                        if cart::change_needs_confirmation(change, self.total(settings).total, settings.change_confirm_above) {
                            self.confirm_cash = Some(tender);
                            return Reply::error(ctx.text.sale_confirm_change(a, change));
                        }
                        self.tender(ctx, tender)
                    }
                    _ => Reply::error(ctx.text.sale_bad_amount(&text)),
                }
            }
            Method::Qris => match cart::check_qris_reference(&text, due) {
                Ok(reference) => self.tender(ctx, Tender { method: Method::Qris, amount: due, reference: Some(reference) }),
                Err(e) => Reply::error(ctx.text.qris_reference_error(e)),
            },
            Method::MemberCredit => {
                let Some(avail) = self.credit_available(settings) else {
                    return Reply::error(ctx.text.sale_credit_needs_member());
                };
                let amount = due.min(avail);
                if amount <= 0 {
                    return Reply::error(ctx.text.sale_credit_used_up(avail.max(0)));
                }
                self.tender(ctx, Tender { method: Method::MemberCredit, amount, reference: None })
            }
        }
    }

    fn tender(&mut self, ctx: &Ctx, t: Tender) -> Reply<SaleOp> {
        self.tenders.push(t);
        let due = self.due(&ctx.config.sales);
        if due <= 0 {
            Reply::op(SaleOp::Commit)
        } else {
            Reply::info(ctx.text.sale_still_due(due))
        }
    }

    fn set_quantity(&mut self, ctx: &Ctx) -> Reply<SaleOp> {
        let text = self.take_entry();
        let Some(line) = self.lines.get(self.selected).cloned() else {
            return Reply::error(ctx.text.sale_empty());
        };
        let Some(qty) = cart::parse_qty(&text) else {
            return Reply::error(ctx.text.sale_qty_hint(&text));
        };
        if let Err(e) = cart::check_qty(qty, line.product.by_piece()) {
            return Reply::error(ctx.text.qty_error(&line.product.name, e));
        }
        match self.stock_check(ctx, &line.product, &line.batches, qty, Some(self.selected)) {
            Err(msg) => Reply::error(msg),
            Ok(_) => {
                let i = self.selected;
                self.lines[i].qty_milli = qty;
                self.lines[i].fixed_amount = None;
                Reply::none()
            }
        }
    }

    fn save_prescription(&mut self, ctx: &Ctx) -> Reply<SaleOp> {
        let today = ctx.today();
        let v: Vec<String> = self.form.iter().map(|i| i.value().to_string()).collect();
        let get = |i: usize| v.get(i).map(String::as_str).unwrap_or("");
        let fields = drug_policy::RxFields {
            prescriber: get(0),
            sip: get(1),
            date: get(2),
            number: get(3),
            patient: self.rx_patient.as_ref().map(|(id, name)| (*id, name.as_str())),
            directions: get(5),
        };
        match drug_policy::prescription(&fields, today) {
            Err(e) => Reply::error(ctx.text.prescription_error(e)),
            Ok(rx) => {
                self.mode = Mode::Cart;
                // The sale is the prescription's patient's.
                if self.patient.is_none() {
                    self.patient = Some((rx.patient_id, rx.patient.clone()));
                }
                let Some(f) = self.pending.take() else { return Reply::none() };
                self.add_line(ctx, f, Some(rx), Vec::new())
            }
        }
    }

    fn submit_void(&mut self, ctx: &Ctx) -> Reply<SaleOp> {
        let v: Vec<String> = self.form.iter().map(|i| i.value().trim().to_string()).collect();
        let get = |i: usize| v.get(i).cloned().unwrap_or_default();
        let (number, line, qty, supervisor, pin, reason) = (get(0), get(1), get(2), get(3), get(4), get(5));
        if number.is_empty() || supervisor.is_empty() || pin.is_empty() || reason.chars().count() < 3 {
            return Reply::error(ctx.text.void_fields_missing());
        }
        let line = if line.is_empty() {
            None
        } else {
            match (line.parse::<i64>(), cart::parse_qty(&qty)) {
                (Ok(n), Some(q)) if n > 0 && q > 0 => Some((n, q)),
                _ => return Reply::error(ctx.text.void_line_hint()),
            }
        };
        // The PIN leaves the form at once.
        if let Some(p) = self.form.get_mut(VOID_PIN) {
            *p = Input::default();
        }
        Reply::op(SaleOp::Void { number, line, supervisor, pin, reason })
    }
}
