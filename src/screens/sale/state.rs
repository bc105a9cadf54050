//! The sale screen's state: the cart and its lines, the mode, the forms; what the store is
//! asked (`SaleOp`) and what it answers (`SaleMsg`); the totals.

use crate::action::Scope;
use crate::config::SalesSettings;
use crate::domain::cart::{self, Method, Priced, TaxCategory, Tender};
use crate::domain::drug_policy::Prescription;
use crate::domain::fefo::BatchStock;
use crate::store::returns::SaleRow;
use crate::domain::discount;
use crate::store::sales::{Adjusted, CommittedSale, Member, Parked};
use crate::store::stock::Product;
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
    /// Today's and recent sales, to pick one for a return or a reprint.
    Sales,
    /// A discount (or, with `price_change`, a new unit price) for a line or the whole sale.
    Discount,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CartLine {
    pub product: Product,
    pub qty_milli: i64,
    pub fixed_amount: Option<i64>,
    pub prescription: Option<Prescription>,
    pub batches: Vec<BatchStock>,
    pub cost: Option<i64>,
    /// A discount or new price on this line, with its reason and approver.
    pub change: Option<Adjusted>,
}

impl CartLine {
    /// The line for pricing; its discount worked out as the store will (member prices when
    /// `member`). A change that no longer fits (the quantity changed since) counts as nothing
    /// here and is refused, with its reason, when the sale is committed.
    pub fn priced(&self, member: bool) -> Priced {
        let mut p = Priced {
            qty_milli: self.qty_milli,
            price: self.product.price,
            member_price: self.product.member_price,
            fixed_amount: self.fixed_amount,
            tax: TaxCategory::parse(&self.product.tax_category).unwrap_or(TaxCategory::Standard),
            discount: 0,
        };
        if let Some(adj) = &self.change {
            let unit = cart::unit_price(&p, member);
            p.discount = discount::line_off(&adj.change, cart::gross_amount(&p, member), self.qty_milli, unit).unwrap_or(0);
        }
        p
    }
}

pub use crate::store::stock::{Found, ScanError};

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
    /// A discount on the whole sale.
    pub discount: Option<Adjusted>,
    /// The payment method being entered (chosen with its key; Enter confirms it).
    pub method: Method,
    /// Cash with change above the limit, waiting for a second Enter.
    pub confirm_cash: Option<Tender>,
    pub hits: Vec<Product>,
    pub parked: Vec<Parked>,
    pub sales: Vec<SaleRow>,
    pub list_selected: usize,
    /// The prescription or void form's fields and the focused one.
    pub form: Vec<Input>,
    pub focus: usize,
    /// A prescription-only drug waiting for its prescription.
    pub pending: Option<Found>,
    /// The prescription's patient as picked from the register, and the records matching what is
    /// typed in the patient field: (id, name, record number).
    pub rx_patient: Option<(i64, String)>,
    pub rx_hits: Vec<(i64, String, String)>,
    pub rx_selected: usize,
    /// The discount form changes a price rather than giving a discount.
    pub price_change: bool,
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
    /// Patients matching what is typed in the prescription's patient field.
    FindPatient(String),
    /// Today's and recent sales.
    ListSales,
    /// Print a sale's receipt again (a copy; the drawer stays shut); the user's last sale.
    Reprint(i64),
    ReprintLast,
    /// Check a supervisor's PIN for a discount or price change (recorded as an approval).
    ApproveDiscount { supervisor: String, pin: String, target: Option<usize>, change: crate::domain::discount::Change, reason: String, off: i64 },
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
    SalesList(Vec<SaleRow>),
    /// A supervisor approved the discount: where it goes and what it is.
    DiscountApproved(Option<usize>, Adjusted),
    /// A copy of the sale's receipt is printing; None: the sale has no stored receipt.
    Reprinted(String, bool),
    /// Patient records for the prescription, for the text they were found with.
    RxPatients(String, Vec<(i64, String, String)>),
}

pub const RX_FIELDS: usize = 6;
/// The prescription form's patient field (a search in the register).
pub const RX_PATIENT: usize = 4;
pub const VOID_FIELDS: usize = 6;
/// The PIN field of the void form and of the discount form (drawn masked).
pub const VOID_PIN: usize = 4;
pub const DISCOUNT_FIELDS: usize = 5;

impl SaleScreen {
    /// The keymap table for the mode shown.
    pub fn scope(&self) -> Scope {
        match self.mode {
            Mode::Cart => Scope::Sale,
            Mode::Search | Mode::Parked | Mode::Sales => Scope::SaleList,
            Mode::Pay => Scope::SalePay,
            Mode::Prescription | Mode::Void | Mode::Discount => Scope::SaleForm,
        }
    }

    /// The cart's totals, member prices applied when a member is attached.
    pub fn total(&self, settings: &SalesSettings) -> cart::Totals {
        let member = self.member.is_some();
        let priced: Vec<Priced> = self.lines.iter().map(|l| l.priced(member)).collect();
        cart::totals_after(&priced, member, settings.charges_vat, self.sale_discount(&priced, member))
    }

    /// What the discount on the whole sale takes off the lines' total.
    pub fn sale_discount(&self, priced: &[Priced], member: bool) -> i64 {
        let goods: i64 = priced.iter().map(|p| cart::amount(p, member)).sum();
        match self.discount.as_ref().map(|d| &d.change) {
            Some(discount::Change::Discount(off)) => discount::off_amount(*off, goods).unwrap_or(0),
            _ => 0,
        }
    }

    /// What is left to pay after the tenders so far.
    pub fn due(&self, settings: &SalesSettings) -> i64 {
        cart::remaining_rounded(self.total(settings).total, &self.tenders, settings.cash_rounding)
    }

    /// What is left to pay in cash: the amount due, rounded as the site rounds cash.
    pub fn cash_due(&self, settings: &SalesSettings) -> i64 {
        settings.cash_rounding.apply(self.due(settings))
    }

    /// The attached member's credit left, if a member is attached.
    pub fn credit_available(&self, settings: &SalesSettings) -> Option<i64> {
        self.member.as_ref().map(|m| m.credit_limit.unwrap_or(settings.member_credit_limit) - m.credit_used)
    }

    /// The entry field's text, trimmed; the field is emptied.
    pub(super) fn take_entry(&mut self) -> String {
        let v = self.entry.value().trim().to_string();
        self.entry = Input::default();
        v
    }
}
