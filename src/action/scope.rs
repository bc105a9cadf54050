//! The keymap tables (scopes): the global one, one per screen, one per kind of dialog, and the
//! actions each offers.

use super::Action;

/// A keymap table: the global one, one per screen, and one per kind of dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    Global,
    Login,
    Lock,
    Home,
    Queue,
    Patients,
    Sale,
    Shift,
    Help,
    Confirm,
    Pick,
    PatientCard,
    PatientForm,
    Ckg,
    /// A saved CKG check, shown from the card.
    CkgResult,
    Birthdays,
    Reports,
    Entry,
    SalePay,
    SaleList,
    SaleForm,
    Receiving,
    ReceiveLine,
    /// The short form for a product an unknown barcode named, inside the receiving screen.
    ReceiveNewProduct,
    Count,
    CountApprove,
    Users,
    UserForm,
    Products,
    ProductForm,
    Reorder,
    /// The form sending goods back to a supplier, inside the low-stock list.
    SupplierReturn,
    Members,
    MemberForm,
    /// The consultation form.
    Consult,
    /// The pharmacy's waiting prescriptions.
    Dispensing,
    /// Handing out one line of a prescription.
    DispenseForm,
}


/// Navigation plus a screen's own commands.
macro_rules! with_navigation {
    ($($extra:ident),*) => {
        &[
            Action::Help, Action::Home, Action::Queue, Action::Patients, Action::Sale, Action::Shift, Action::Sync, Action::Receiving, Action::StockCount, Action::Users, Action::Products, Action::Reorder, Action::Members, Action::Consult, Action::Dispensing,
            Action::Quit, Action::Back, Action::Lock, Action::Logout, $(Action::$extra),*
        ]
    };
}

/// Help, the screens, quit, back, lock, logout: what every screen after login offers.
const NAVIGATION: &[Action] = with_navigation!();

/// Patient search: typing goes to the search box.
const PATIENTS: &[Action] = with_navigation!(NewPatient, Birthdays, Submit, ScrollUp, ScrollDown);
const PATIENT_CARD: &[Action] = with_navigation!(Edit, StartCkg, LinkTicket, Merge);
/// The patient form and the CKG form.
const FORM: &[Action] = with_navigation!(Save, NextField, PrevField);
/// A saved check: amend it, reprint its slip.
const CKG_RESULT: &[Action] = with_navigation!(Edit, Reprint, Refer, ScrollUp, ScrollDown);
const BIRTHDAYS: &[Action] = with_navigation!(Submit, ScrollUp, ScrollDown);
/// The cashier's shift screen.
const SHIFT: &[Action] = with_navigation!(OpenShift, CashIn, CashOut, XReport, CloseShift);
/// The supervisor's figures (also the read-only view over SSH).
const REPORTS: &[Action] = with_navigation!(PrevDay, NextDay, Export, XReport, ScrollUp, ScrollDown);
/// The sale screen (F4): typing goes to the scan/entry field; a scanner types digits then Enter.
const SALE: &[Action] =
    with_navigation!(Submit, SearchProduct, SetQuantity, RemoveLine, AttachMember, Pay, ParkSale, ResumeSale, VoidSale, ReprintLast, Discount, ChangePrice, ScrollUp, ScrollDown);
/// Paying: a method key chooses the method; the entry field takes the amount tendered or the QRIS
/// reference; Enter confirms the chosen method.
const SALE_PAY: &[Action] = with_navigation!(Submit, PayCash, PayQris, PayCredit, ShowQr);
/// The prescription and void forms; in the prescription's patient field the list of matching
/// records scrolls.
const SALE_FORM: &[Action] = with_navigation!(Save, NextField, PrevField, ScrollUp, ScrollDown);
/// Product search results, parked sales, and the recent sales (a return or a reprint).
const SALE_LIST: &[Action] = with_navigation!(Submit, Reprint, ScrollUp, ScrollDown);

/// Goods received (receiving screen): typing goes to the focused field; a scanner types digits
/// then Enter into the scan field.
const RECEIVING: &[Action] = with_navigation!(Submit, NextField, PrevField, SearchProduct, RemoveLine, Save, ScrollUp, ScrollDown);
/// One line of a delivery: quantity, cost, batch, expiry, free goods.
const RECEIVE_LINE: &[Action] = &[Action::Confirm, Action::Cancel, Action::NextField, Action::PrevField, Action::FreeGoods];
/// The new-product form opened by an unknown barcode: its fields, nothing of a delivery line.
const RECEIVE_NEW_PRODUCT: &[Action] = &[Action::Confirm, Action::Cancel, Action::NextField, Action::PrevField];

/// The stock count: typing a quantity or scanning a code into the entry field.
const COUNT: &[Action] = with_navigation!(Submit, StartCount, ApproveCount, ScrollUp, ScrollDown);
/// The supervisor's approval of a count: name, PIN and reason.
const COUNT_APPROVE: &[Action] = &[Action::Confirm, Action::Cancel, Action::NextField, Action::PrevField];

/// The users screen (admin).
const USERS: &[Action] = with_navigation!(AddUser, ResetPin, SetRole, SetNik, ToggleUser, ScrollUp, ScrollDown);
const USER_FORM: &[Action] = &[Action::Confirm, Action::Cancel, Action::NextField, Action::PrevField];

/// Products and prices (supervisor, admin): typing searches.
const PRODUCTS: &[Action] = with_navigation!(AddProduct, ChangePrice, EditProduct, ShelfLabel, ScrollUp, ScrollDown);
/// Enter moves to the next field (and saves on the last); F10 saves from any field.
const PRODUCT_FORM: &[Action] = &[Action::Confirm, Action::Cancel, Action::NextField, Action::PrevField, Action::Save];

/// The low-stock list with the suggested orders.
const REORDER: &[Action] = with_navigation!(PrintOrders, ReturnExpired, ReturnGoods, ScrollUp, ScrollDown);
/// Goods back to a supplier: the supplier and scan fields, the lines, the reason, save.
const SUPPLIER_RETURN: &[Action] = &[Action::Submit, Action::Cancel, Action::NextField, Action::PrevField, Action::ScrollUp, Action::ScrollDown, Action::RemoveLine, Action::ChangeReason, Action::Save];

/// Members: typing goes to the search line; the money keys open a small form.
const MEMBERS: &[Action] = with_navigation!(Submit, DepositWajib, DepositSukarela, WithdrawSavings, RepayCredit, PayInstallment, PrintStatement, ShowStatement, RegisterMember, ApplyLoan, ApproveLoan, DisburseLoan, CorrectEntry, ScrollUp, ScrollDown);
const MEMBER_FORM: &[Action] = &[Action::Confirm, Action::Cancel, Action::NextField, Action::PrevField, Action::PayQris];

/// The consultation form: typing goes to the focused field; F10 checks, then sends.
const CONSULT: &[Action] = with_navigation!(Save, NextField, PrevField);
/// The waiting prescriptions: Enter hands out the selected one.
const DISPENSING: &[Action] = with_navigation!(Submit, HandOutLine, ScrollUp, ScrollDown);

/// The counter screen: navigation plus the queue's own commands.
const QUEUE: &[Action] = with_navigation!(CallNext, Recall, Skip, Transfer, Finish, TakeTicket, ScrollUp, ScrollDown);

impl Scope {
    pub const ALL: [Scope; 37] = [
        Scope::Global,
        Scope::Login,
        Scope::Lock,
        Scope::Home,
        Scope::Queue,
        Scope::Patients,
        Scope::Sale,
        Scope::Shift,
        Scope::Help,
        Scope::Confirm,
        Scope::Pick,
        Scope::PatientCard,
        Scope::PatientForm,
        Scope::Ckg,
        Scope::CkgResult,
        Scope::Birthdays,
        Scope::Reports,
        Scope::Entry,
        Scope::SalePay,
        Scope::SaleList,
        Scope::SaleForm,
        Scope::Receiving,
        Scope::ReceiveLine,
        Scope::ReceiveNewProduct,
        Scope::Count,
        Scope::CountApprove,
        Scope::Users,
        Scope::UserForm,
        Scope::Products,
        Scope::ProductForm,
        Scope::Reorder,
        Scope::SupplierReturn,
        Scope::Members,
        Scope::MemberForm,
        Scope::Consult,
        Scope::Dispensing,
        Scope::DispenseForm,
    ];

    /// The table name in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Scope::Global => "global",
            Scope::Login => "login",
            Scope::Lock => "lock",
            Scope::Home => "home",
            Scope::Queue => "queue",
            Scope::Patients => "patients",
            Scope::Sale => "sale",
            Scope::Shift => "shift",
            Scope::Help => "help",
            Scope::Confirm => "confirm",
            Scope::Pick => "pick",
            Scope::PatientCard => "patient-card",
            Scope::PatientForm => "patient-form",
            Scope::Ckg => "ckg",
            Scope::CkgResult => "ckg-result",
            Scope::Birthdays => "birthdays",
            Scope::Reports => "reports",
            Scope::Entry => "entry",
            Scope::SalePay => "sale-pay",
            Scope::SaleList => "sale-list",
            Scope::SaleForm => "sale-form",
            Scope::Receiving => "receiving",
            Scope::ReceiveLine => "receive-line",
            Scope::ReceiveNewProduct => "receive-new-product",
            Scope::Count => "count",
            Scope::CountApprove => "count-approve",
            Scope::Users => "users",
            Scope::UserForm => "user-form",
            Scope::Products => "products",
            Scope::ProductForm => "product-form",
            Scope::Reorder => "reorder",
            Scope::SupplierReturn => "supplier-return",
            Scope::Members => "members",
            Scope::MemberForm => "member-form",
            Scope::Consult => "consult",
            Scope::Dispensing => "dispensing",
            Scope::DispenseForm => "dispense-form",
        }
    }

    pub fn from_name(name: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The actions that mean something in this table.
    pub fn allowed(self) -> &'static [Action] {
        match self {
            Scope::Shift => SHIFT,
            Scope::Reports => REPORTS,
            Scope::Entry => &[Action::Confirm, Action::Cancel, Action::NextField, Action::PrevField],
            Scope::Global | Scope::Home => NAVIGATION,
            Scope::Sale => SALE,
            Scope::SalePay => SALE_PAY,
            Scope::SaleList => SALE_LIST,
            Scope::SaleForm => SALE_FORM,
            Scope::Receiving => RECEIVING,
            Scope::ReceiveLine => RECEIVE_LINE,
            Scope::ReceiveNewProduct => RECEIVE_NEW_PRODUCT,
            Scope::Count => COUNT,
            Scope::CountApprove => COUNT_APPROVE,
            Scope::Users => USERS,
            Scope::UserForm => USER_FORM,
            Scope::Products => PRODUCTS,
            Scope::ProductForm => PRODUCT_FORM,
            Scope::Reorder => REORDER,
            Scope::SupplierReturn => SUPPLIER_RETURN,
            Scope::Members => MEMBERS,
            Scope::MemberForm => MEMBER_FORM,
            Scope::Consult => CONSULT,
            Scope::Dispensing => DISPENSING,
            Scope::DispenseForm => &[Action::Confirm, Action::Cancel, Action::NextField, Action::PrevField],
            Scope::Patients => PATIENTS,
            Scope::PatientCard => PATIENT_CARD,
            Scope::PatientForm | Scope::Ckg => FORM,
            Scope::CkgResult => CKG_RESULT,
            Scope::Birthdays => BIRTHDAYS,
            Scope::Queue => QUEUE,
            Scope::Login => &[Action::Submit, Action::NextField, Action::PrevField, Action::Help, Action::Quit],
            Scope::Lock => &[Action::Submit, Action::Logout, Action::Help, Action::Quit],
            Scope::Help => &[Action::Back, Action::ScrollUp, Action::ScrollDown],
            Scope::Confirm => &[Action::Confirm, Action::Cancel],
            Scope::Pick => &[Action::Confirm, Action::Cancel, Action::ScrollUp, Action::ScrollDown],
        }
    }

    /// Screens where typed characters go into a text field, so a plain character may not be bound.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Scope::Login
                | Scope::Lock
                | Scope::Pick
                | Scope::Patients
                | Scope::PatientForm
                | Scope::Ckg
                | Scope::Entry
                | Scope::Sale
                | Scope::SalePay
                | Scope::SaleForm
                | Scope::Receiving
                | Scope::ReceiveLine
                | Scope::ReceiveNewProduct
                | Scope::Count
                | Scope::CountApprove
                | Scope::UserForm
                | Scope::Products
                | Scope::ProductForm
                | Scope::SupplierReturn
                | Scope::Members
                | Scope::MemberForm
                | Scope::Consult
                | Scope::DispenseForm
        )
    }

    /// Dialogs see only their own table; screens fall back to the global table, and the screens
    /// before login only to the global actions they allow.
    pub fn falls_back_to_global(self) -> bool {
        !matches!(self, Scope::Global | Scope::Help | Scope::Confirm | Scope::Pick | Scope::Entry | Scope::ReceiveLine | Scope::ReceiveNewProduct | Scope::SupplierReturn | Scope::CountApprove | Scope::UserForm | Scope::ProductForm | Scope::MemberForm | Scope::DispenseForm)
    }
}
