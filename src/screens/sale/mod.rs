//! The sale screen (F4): scan or type into the entry field, the cart with exact rupiah totals,
//! member prices, drug rules, paying (cash with change, QRIS with its reference, member credit,
//! split), parking and resuming, and voids/returns approved by a supervisor. The store is asked
//! through effects (`SaleOp`), answered with `SaleMsg`; drawing is in `view.rs`.

pub(crate) mod view;

pub use view::render;

use crate::action::{Action, Scope};
use crate::app::{Effect, FlashKind, State};
use crate::domain::cart::{self, Method, Priced, TaxCategory, Tender};
use crate::domain::drug_policy::{self, DrugClass, Prescription, Verdict};
use crate::domain::fefo::{self, BatchStock};
use crate::domain::money::parse_rupiah;
use crate::domain::user::Role;
use crate::keymap::Key;
use crate::store::sales::{CommittedSale, Member, Parked};
use crate::store::stock::Product;
use crate::widgets::field;
use tui_input::Input;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Cart,
    Search,
    Parked,
    Pay,
    Prescription,
    Void,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartLine {
    pub product: Product,
    pub qty_milli: i64,
    pub fixed_amount: Option<i64>,
    pub prescription: Option<Prescription>,
    pub batches: Vec<BatchStock>,
    pub cost: Option<i64>,
}

impl CartLine {
    pub fn priced(&self) -> Priced {
        Priced {
            qty_milli: self.qty_milli,
            price: self.product.price,
            member_price: self.product.member_price,
            fixed_amount: self.fixed_amount,
            tax: TaxCategory::parse(&self.product.tax_category).unwrap_or(TaxCategory::Standard),
        }
    }
}

/// A product found by a scan or a search, with what the checks need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub product: Product,
    pub qty_milli: i64,
    pub fixed_amount: Option<i64>,
    pub batches: Vec<BatchStock>,
    pub cost: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanError {
    Unknown(String),
    CheckDigit(String),
}

/// The last finished sale, shown until the next one starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastSale {
    pub number: String,
    pub total: i64,
    pub change: i64,
}

#[derive(Debug, Clone, Default)]
pub struct SaleScreen {
    pub mode: Mode,
    pub entry: Input,
    pub lines: Vec<CartLine>,
    pub selected: usize,
    pub member: Option<Member>,
    pub patient: Option<(i64, String)>,
    pub tenders: Vec<Tender>,
    pub hits: Vec<Product>,
    pub parked: Vec<Parked>,
    pub list_selected: usize,
    /// The prescription or void form's fields and the focused one.
    pub form: Vec<Input>,
    pub focus: usize,
    /// A prescription-only drug waiting for its prescription.
    pub pending: Option<Found>,
    pub last: Option<LastSale>,
    /// A dynamic QRIS payload printed for the amount due.
    pub qr_shown: Option<i64>,
}

/// A sale operation the app carries out against the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaleOp {
    Scan(String),
    Add(i64),
    Search(String),
    Member(String),
    Commit,
    Park,
    ListParked,
    Resume(i64),
    Void { number: String, line: Option<(i64, i64)>, supervisor: String, pin: String, reason: String },
    PrintQr(i64),
}

/// What the store answered.
#[derive(Debug, Clone)]
pub enum SaleMsg {
    Found(Result<Found, ScanError>),
    Hits(Vec<Product>),
    Member(Option<Member>, Option<(i64, String)>),
    /// The sale, or why it was refused (in the user's language); nothing was saved then.
    Committed(Box<Result<CommittedSale, String>>),
    Parked(i64),
    ParkedList(Vec<Parked>),
    Resumed(Vec<Found>, Option<Member>),
    Voided { number: String, refund: i64, whole: bool },
    QrPrinted(i64),
}

pub const RX_FIELDS: usize = 5;
pub const VOID_FIELDS: usize = 6;
/// The PIN field of the void form (drawn masked).
pub const VOID_PIN: usize = 4;

pub fn scope(s: &State) -> Scope {
    match s.sale.mode {
        Mode::Cart => Scope::Sale,
        Mode::Search | Mode::Parked => Scope::SaleList,
        Mode::Pay => Scope::SalePay,
        Mode::Prescription | Mode::Void => Scope::SaleForm,
    }
}

pub fn total(s: &State) -> cart::Totals {
    let priced: Vec<Priced> = s.sale.lines.iter().map(CartLine::priced).collect();
    cart::totals(&priced, s.sale.member.is_some(), s.config.sales.charges_vat)
}

pub fn due(s: &State) -> i64 {
    cart::remaining(total(s).total, &s.sale.tenders)
}

pub fn credit_available(s: &State) -> Option<i64> {
    s.sale.member.as_ref().map(|m| m.credit_limit.unwrap_or(s.config.sales.member_credit_limit) - m.credit_used)
}

fn flash_err(s: &mut State, msg: String) -> Vec<Effect> {
    s.flash(FlashKind::Error, msg);
    vec![]
}

fn take_entry(s: &mut State) -> String {
    let v = s.sale.entry.value().trim().to_string();
    s.sale.entry = Input::default();
    v
}

fn pharmacist(s: &State) -> bool {
    s.session.as_ref().is_some_and(|u| u.role == Role::Pharmacy)
}

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

/// How much of a product the cart holds (other lines than `except`).
fn in_cart(s: &State, product_id: i64, except: Option<usize>) -> i64 {
    s.sale.lines.iter().enumerate().filter(|(i, l)| l.product.id == product_id && Some(*i) != except).map(|(_, l)| l.qty_milli).sum()
}

fn fefo_rules(s: &State, p: &Product) -> fefo::Rules {
    fefo::Rules { warn_days: s.config.sales.expiring_days, block_near_expiry: s.config.sales.block_near_expiry, allow_negative: p.allow_negative }
}

/// Check stock for a quantity of a product on top of what the cart holds; the warnings to show.
fn stock_check(s: &State, p: &Product, batches: &[BatchStock], qty: i64, except: Option<usize>) -> Result<Vec<String>, String> {
    let today = s.config.site.zone.business_day(s.now);
    let want = in_cart(s, p.id, except) + qty;
    match fefo::pick(batches, want, today, fefo_rules(s, p)) {
        Ok(picked) => Ok(picked.expiring_soon.map(|d| s.text.sale_expiring_soon(&p.name, &d.format("%d-%m-%Y").to_string())).into_iter().collect()),
        Err(fefo::PickError::Short { available, expired }) => Err(s.text.sale_out_of_stock(&p.name, available - in_cart(s, p.id, except), expired, &p.unit)),
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

/// A product found by a scan or search: the drug rules, quantity and stock, then onto the cart.
pub fn found(s: &mut State, f: Found) -> Vec<Effect> {
    s.sale.last = None;
    let p = &f.product;
    if !p.active {
        let msg = s.text.sale_inactive(&p.name);
        return flash_err(s, msg);
    }
    let mut notes = Vec::new();
    if let Some(d) = &p.drug {
        let class = DrugClass::parse(&d.class).unwrap_or(DrugClass::Narkotika);
        match drug_policy::check(&s.config.sales.drug_policy, class, pharmacist(s), false) {
            Verdict::Allowed => {}
            Verdict::NeedsPrescription => {
                // Ask for the prescription; the line is added when it is recorded.
                s.sale.pending = Some(f);
                s.sale.mode = Mode::Prescription;
                s.sale.form = vec![Input::default(); RX_FIELDS];
                if let Some((_, name)) = &s.sale.patient {
                    s.sale.form[3] = Input::new(name.clone());
                }
                s.sale.focus = 0;
                return vec![];
            }
            v => {
                let msg = s.text.drug_verdict(&p.name, class, v);
                return flash_err(s, msg);
            }
        }
        if let Some(w) = &d.warning {
            notes.push(s.text.drug_warning(w).to_string());
        }
    }
    add_line(s, f, None, notes)
}

fn add_line(s: &mut State, f: Found, prescription: Option<Prescription>, mut notes: Vec<String>) -> Vec<Effect> {
    let p = &f.product;
    if let Err(e) = cart::check_qty(f.qty_milli, p.by_piece() && f.fixed_amount.is_none()) {
        let msg = s.text.qty_error(&p.name, e);
        return flash_err(s, msg);
    }
    match stock_check(s, p, &f.batches, f.qty_milli, None) {
        Err(msg) => return flash_err(s, msg),
        Ok(w) => notes.extend(w),
    }
    let price = if s.sale.member.is_some() { p.member_price.unwrap_or(p.price) } else { p.price };
    for w in cart::price_warnings(price, f.cost, p.price_cap) {
        notes.push(s.text.price_warning(&p.name, w));
    }
    // Scanning the same piece again adds one to its line.
    let same = s.sale.lines.iter().position(|l| {
        l.product.id == p.id && l.product.by_piece() && l.fixed_amount.is_none() && f.fixed_amount.is_none() && l.prescription.is_none() && prescription.is_none()
    });
    match same {
        Some(i) => {
            s.sale.lines[i].qty_milli += f.qty_milli;
            s.sale.selected = i;
        }
        None => {
            s.sale.lines.push(CartLine { product: f.product, qty_milli: f.qty_milli, fixed_amount: f.fixed_amount, prescription, batches: f.batches, cost: f.cost });
            s.sale.selected = s.sale.lines.len() - 1;
        }
    }
    if notes.is_empty() {
        if s.flash.as_ref().is_some_and(|f| f.kind == FlashKind::Error) {
            s.flash = None;
        }
    } else {
        s.flash(FlashKind::Info, notes.join(" "));
    }
    vec![]
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
