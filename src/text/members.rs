//! Members, savings, shop credit, loans and the share of surplus, in Bahasa Indonesia and English.

use super::Text;
use crate::domain::arrears::Grade;
use crate::domain::loans::{Method, PayError};
use crate::domain::money::format_rupiah as rp;
use crate::domain::savings::{Kind, WithdrawError};
use crate::store::members::MemberRefusal;

texts! {
    member_no_label => "No. anggota", "Member no.";
    member_name_label => "Nama", "Name";
    member_card_title => "KARTU ANGGOTA", "MEMBER CARD";
    member_joined_label => "Anggota sejak", "Member since";
    savings_deposit_title => "SETORAN SIMPANAN", "SAVINGS DEPOSIT";
    savings_withdrawal_title => "PENARIKAN SIMPANAN", "SAVINGS WITHDRAWAL";
    savings_reversal_title => "KOREKSI SIMPANAN", "SAVINGS CORRECTION";
    savings_kind_label => "Jenis simpanan", "Savings";
    amount_label => "Jumlah", "Amount";
    method_label => "Cara bayar", "Paid by";
    reverses_label => "Membatalkan entri", "Reverses entry";
    approved_by_label => "Disetujui", "Approved by";
    new_balance_label => "Saldo baru", "New balance";
    credit_repay_title => "PEMBAYARAN KASBON", "CREDIT REPAYMENT";
    reference_label => "Referensi", "Reference";
    credit_owed_label => "Sisa kasbon", "Credit owed";
    credit_limit_label => "Batas kasbon", "Credit limit";
    loan_no_label => "No. pinjaman", "Loan no.";
    loan_schedule_title => "JADWAL ANGSURAN", "REPAYMENT SCHEDULE";
    loan_product_label => "Produk", "Product";
    loan_principal_label => "Pokok pinjaman", "Principal";
    loan_rate_label => "Bunga", "Interest";
    loan_admin_fee_label => "Biaya administrasi", "Admin fee";
    loan_handed_over_label => "Diterima tunai", "Handed over";
    principal_short => "pokok", "principal";
    interest_short => "bunga", "interest";
    loan_rounding_note => "Bunga dibulatkan per angsuran ke rupiah terdekat; angsuran terakhir memuat sisa pokok.", "Interest is rounded per installment to the nearest rupiah; the last installment takes the rest of the principal.";
    loan_payment_title => "ANGSURAN PINJAMAN", "LOAN INSTALLMENT";
    late_fee_label => "Denda", "Late fee";
    interest_label => "Bunga", "Interest";
    principal_label => "Pokok", "Principal";
    principal_left_label => "Sisa pokok", "Principal left";
    loan_paid_off => "*** LUNAS ***", "*** PAID OFF ***";
    statement_title => "REKENING ANGGOTA", "MEMBER STATEMENT";
    statement_period => "Periode", "Period";
    opening_label => "Saldo awal", "Opening balance";
    repaid_short => "bayar", "repaid";
    wajib_owed_label => "Wajib tertunggak", "Wajib owed";
    members_title => "Anggota", "Members";
    shu_title => "SHU per anggota", "SHU per member";
    members_search_label => "Cari anggota:", "Find a member:";
    members_hint => "Ketik No. anggota, No. RM, NIK atau nama, lalu Enter.", "Type a member number, record number, NIK or name, then Enter.";
    members_none_found => "Tidak ada anggota yang cocok.", "No member matches.";
    members_pick_first => "Pilih anggota dulu (Enter).", "Choose a member first (Enter).";
    members_no_credit => "Anggota ini tidak punya kasbon.", "This member owes no shop credit.";
    members_no_loan => "Anggota ini tidak punya pinjaman berjalan.", "This member has no active loan.";
    members_last_paid => "Terakhir bayar", "Last paid";
    members_next_due => "Angsuran berikutnya", "Next installment";
    members_recent => "Entri simpanan terakhir:", "Latest savings entries:";
    members_supervisor => "Pengawas", "Supervisor";
    members_qris_reference => "Referensi QRIS", "QRIS reference";
    members_withdraw_cash => "Penarikan dibayar tunai.", "A withdrawal is paid out in cash.";
    members_supervisor_pin => "PIN pengawas", "Supervisor PIN";
    members_form_wajib => "Setor simpanan wajib", "Pay in wajib";
    members_form_sukarela => "Setor simpanan sukarela", "Pay in sukarela";
    members_form_withdraw => "Tarik simpanan sukarela", "Withdraw sukarela";
    members_form_repay => "Bayar kasbon", "Repay shop credit";
    members_form_installment => "Bayar angsuran pinjaman", "Pay a loan installment";
    doc_members_cash => "Simpan pinjam (tunai)", "Savings & loans (cash)";
    members_form_apply => "Ajukan pinjaman", "Apply for a loan";
    members_form_approve => "Persetujuan pinjaman", "Approve loan";
    members_months => "Jangka (bulan)", "Months";
    members_bad_months => "Jangka waktu ditulis dalam bulan, mis. 12.", "Write the tenor in months, e.g. 12.";
    members_form_correct => "Koreksi entri", "Correct entry";
    members_reason => "Alasan", "Reason";
    members_need_reason => "Tulis alasan koreksinya.", "Write the reason for the correction.";
    members_not_a_correction => "Entri koreksi tidak dikoreksi lagi; koreksi entri aslinya.", "A correction is not corrected again; correct the original entry.";
    member_heir_label => "Ahli waris", "Heir";
    members_whole => "Simpanan, kasbon dan pinjaman utuh.", "Savings, credit and loans are whole.";
    members_statement_printed => "Rekening anggota dicetak.", "The member's statement was printed.";
    report_credit_head => "Kasbon per umur (0-30, 31-60, >60 hari), dengan nomor HP:", "Shop credit by age (0-30, 31-60, over 60 days), with phone numbers:";
    report_credit_repaid => "Kasbon dibayar dalam periode", "Credit repaid in the period";
    report_savings_head => "Simpanan: masuk, keluar, saldo akhir", "Savings: in, out, closing balance";
    member_bad_amount => "Jumlah harus angka rupiah lebih dari nol.", "The amount must be rupiah above zero.";
    member_need_approver => "Koreksi perlu pengawas: --approver NAMA (dan PIN-nya).", "A correction needs a supervisor: --approver NAME (and their PIN).";
    member_bad_rate => "Bunga ditulis persen per bulan, paling banyak dua desimal, mis. 1,25.", "Write the rate as percent a month, at most two decimals, e.g. 1.25.";
    report_outstanding_head => "Sisa pokok pinjaman per kolektibilitas", "Principal outstanding by arrears grade";
}

impl Text {
    pub fn member_no_person(&self, code: &str) -> String {
        self.choose(format!("Tidak ada pasien/orang dengan No. RM atau NIK {code}."), format!("No person with record number or NIK {code}."))
    }

    pub fn members_form_hint(&self, enter: &str, esc: &str) -> String {
        self.choose(format!("{enter} = simpan dan cetak slip, {esc} = batal"), format!("{enter} = save and print the slip, {esc} = cancel"))
    }

    pub fn members_money_hint(&self, enter: &str, esc: &str, qris: &str) -> String {
        self.choose(
            format!("Tunai. {enter} = simpan dan cetak slip, {qris} = bayar QRIS, {esc} = batal"),
            format!("Cash. {enter} = save and print the slip, {qris} = pay by QRIS, {esc} = cancel"),
        )
    }

    pub fn members_qris_hint(&self, qris: &str) -> String {
        self.choose(
            format!("QRIS: ketik nomor referensi dari aplikasi setelah lunas, Enter = simpan. {qris} = kembali ke tunai."),
            format!("QRIS: type the reference from the app once paid, Enter = save. {qris} = back to cash."),
        )
    }

    pub fn members_approval_hint(&self, limit: i64) -> String {
        self.choose(
            format!("Di atas {}: pengawas mengetik nama dan PIN-nya.", rp(limit)),
            format!("Above {}: the supervisor types their name and PIN.", rp(limit)),
        )
    }

    pub fn members_no_loan_in(&self, state: &str) -> String {
        self.choose(format!("Tidak ada pinjaman {} untuk anggota ini.", self.loan_status(state)), format!("No {} loan for this member.", self.loan_status(state)))
    }

    pub fn members_disburse_ask(&self, number: &str, cash: i64, key: &str) -> String {
        self.choose(
            format!("Cairkan {number}: {} tunai dari laci? Tekan {key} lagi.", rp(cash)),
            format!("Disburse {number}: {} in cash from the drawer? Press {key} again.", rp(cash)),
        )
    }

    /// A count of months: "2 bulan", "1 month" / "2 months".
    pub fn months_text(&self, n: i64) -> String {
        match self.lang {
            super::Lang::Id => format!("{n} bulan"),
            super::Lang::En if n == 1 => "1 month".into(),
            super::Lang::En => format!("{n} months"),
        }
    }

    pub fn member_card_printed(&self, no: &str) -> String {
        self.choose(format!("Kartu anggota {no} dicetak."), format!("Member card {no} printed."))
    }

    pub fn member_registered(&self, no: &str, name: &str) -> String {
        self.choose(format!("{name} menjadi anggota {no}."), format!("{name} is member {no}."))
    }

    pub fn savings_done(&self, entry: i64, kind: &str, balance: &str) -> String {
        self.choose(format!("Entri #{entry} {kind}: saldo {balance}."), format!("Entry #{entry} {kind}: balance {balance}."))
    }

    pub fn loan_applied(&self, number: &str) -> String {
        self.choose(format!("Pinjaman {number} diajukan; menunggu persetujuan pengawas."), format!("Loan {number} applied for; waiting for a supervisor's approval."))
    }

    pub fn report_members_line(&self, active: i64, new: i64) -> String {
        self.choose(format!("Anggota aktif: {active}; anggota baru dalam periode: {new}"), format!("Active members: {active}; new in the period: {new}"))
    }

    pub fn report_loans_disbursed(&self, n: i64, amount: &str) -> String {
        self.choose(format!("Pinjaman dicairkan: {n}, {amount}"), format!("Loans disbursed: {n}, {amount}"))
    }

    pub fn report_installments(&self, n: i64, amount: &str, fee: &str, interest: &str, principal: &str) -> String {
        self.choose(
            format!("Angsuran diterima: {n}, {amount} (denda {fee}, bunga {interest}, pokok {principal})"),
            format!("Installments received: {n}, {amount} (late fees {fee}, interest {interest}, principal {principal})"),
        )
    }

    pub fn shu_pools(&self, capital: &str, use_: &str) -> String {
        self.choose(format!("Jasa modal {capital}, jasa usaha {use_}"), format!("Reward for capital {capital}, reward for use {use_}"))
    }

    pub fn shu_rounding_note(&self, left: &str) -> String {
        self.choose(
            format!("Pembulatan: tiap bagian dibulatkan ke bawah, sisa rupiah ke pecahan terbesar; tidak terbagi: {left}."),
            format!("Rounding: each share rounded down, the rupiah left go to the largest fractions; not shared: {left}."),
        )
    }

    pub fn savings_kind(&self, k: Kind) -> &'static str {
        match k {
            Kind::Pokok => self.pick("Simpanan pokok", "Share (pokok)"),
            Kind::Wajib => self.pick("Simpanan wajib", "Monthly (wajib)"),
            Kind::Sukarela => self.pick("Simpanan sukarela", "Voluntary (sukarela)"),
        }
    }

    pub fn member_method(&self, m: &str) -> &'static str {
        match m {
            "qris" => "QRIS",
            _ => self.pick("Tunai", "Cash"),
        }
    }

    pub fn rate_text(&self, bp: i64, m: Method) -> String {
        let pct = self.decimal(&format!("{}.{:02}", bp / 100, bp % 100));
        match m {
            Method::Flat => self.choose(format!("{pct}% per bulan, flat"), format!("{pct}% a month, flat")),
            Method::Declining => self.choose(format!("{pct}% per bulan, menurun"), format!("{pct}% a month, declining")),
        }
    }

    pub fn loan_status(&self, s: &str) -> &'static str {
        match s {
            "applied" => self.pick("diajukan", "applied"),
            "approved" => self.pick("disetujui", "approved"),
            "active" => self.pick("berjalan", "active"),
            "paid" => self.pick("lunas", "paid"),
            _ => "?",
        }
    }

    pub fn member_status(&self, s: &str) -> &'static str {
        match s {
            "active" => self.pick("aktif", "active"),
            "resigned" => self.pick("keluar", "resigned"),
            "deceased" => self.pick("meninggal", "deceased"),
            _ => "?",
        }
    }

    pub fn grade(&self, g: Grade) -> &'static str {
        match g {
            Grade::Lancar => self.pick("Lancar", "Current"),
            Grade::Dpk => self.pick("Dalam perhatian khusus", "Special mention"),
            Grade::KurangLancar => self.pick("Kurang lancar", "Substandard"),
            Grade::Diragukan => self.pick("Diragukan", "Doubtful"),
            Grade::Macet => self.pick("Macet", "Loss"),
        }
    }

    pub fn member_refusal(&self, r: &MemberRefusal) -> String {
        use MemberRefusal as R;
        match r {
            R::NoSuchMember(m) => self.choose(format!("Anggota {m} tidak ditemukan."), format!("No member {m}.")),
            R::NotActive(s) => self.choose(
                format!("Anggota ini berstatus {}: tidak ada transaksi baru.", self.member_status(s)),
                format!("This member is {}: no new transactions.", self.member_status(s)),
            ),
            R::AlreadyMember(no) => self.choose(format!("Orang ini sudah anggota ({no})."), format!("This person is a member already ({no}).")),
            R::PokokPaid => self.pick("Simpanan pokok sudah dibayar (sekali saja).", "The simpanan pokok is paid already (once only).").into(),
            R::NoSuchPerson => self.pick("Data orang itu tidak ditemukan.", "No such person record.").into(),
            R::NotPositive => self.pick("Jumlah harus lebih dari nol.", "The amount must be more than zero.").into(),
            R::Withdraw(WithdrawError::AboveBalance(b)) => {
                self.choose(format!("Penarikan melebihi saldo ({}). Tidak ada yang disimpan.", rp(*b)), format!("The withdrawal is above the balance ({}). Nothing was saved.", rp(*b)))
            }
            R::Withdraw(WithdrawError::NotWithdrawable) => {
                self.pick("Simpanan pokok dan wajib tidak bisa ditarik selama masih anggota.", "Pokok and wajib savings cannot be withdrawn while a member.").into()
            }
            R::Withdraw(WithdrawError::NotPositive) => self.pick("Jumlah harus lebih dari nol.", "The amount must be more than zero.").into(),
            R::NeedsApproval(limit) => self.choose(
                format!("Penarikan di atas {} perlu persetujuan pengawas (nama dan PIN).", rp(*limit)),
                format!("A withdrawal above {} needs a supervisor's approval (name and PIN).", rp(*limit)),
            ),
            R::NotSupervisor => self.pick("Hanya pengawas yang boleh menyetujui.", "Only a supervisor may approve.").into(),
            R::NoSuchEntry(id) => self.choose(format!("Entri simpanan #{id} tidak ada atau sudah koreksi."), format!("Savings entry #{id} does not exist or is a correction.")),
            R::AlreadyReversed(id) => self.choose(format!("Entri #{id} sudah dikoreksi."), format!("Entry #{id} was corrected already.")),
            R::RepayTooMuch(owed) => self.choose(
                format!("Pembayaran melebihi sisa kasbon ({}). Tidak ada yang disimpan.", rp(*owed)),
                format!("The payment is above the credit owed ({}). Nothing was saved.", rp(*owed)),
            ),
            R::NeedsReference => self.pick("Pembayaran QRIS perlu nomor referensi.", "A QRIS payment needs its reference.").into(),
            R::UnknownProduct(p) => self.choose(format!("Produk pinjaman \"{p}\" tidak ada di pengaturan."), format!("No loan product \"{p}\" in the settings.")),
            R::AboveProduct(max) => self.choose(format!("Pinjaman melebihi batas produk ({}).", rp(*max)), format!("The loan is above the product's limit ({}).", rp(*max))),
            R::TenorOutside(max) => self.choose(format!("Jangka waktu harus 1 sampai {max} bulan."), format!("The tenor must be 1 to {max} months.")),
            R::RateOutside(bp) => {
                let pct = self.decimal(&format!("{}.{:02}", bp / 100, bp % 100));
                self.choose(format!("Bunga harus 0 sampai {pct}% per bulan (produk)."), format!("The rate must be 0 to {pct}% a month (the product's)."))
            }
            R::NoSuchLoan(n) => self.choose(format!("Pinjaman {n} tidak ditemukan."), format!("No loan {n}.")),
            R::LoanState(s) => self.choose(
                format!("Pinjaman ini {}: langkah itu tidak bisa.", self.loan_status(s)),
                format!("This loan is {}: that step is not possible.", self.loan_status(s)),
            ),
            R::Loan(PayError::PaidOff) => self.pick("Pinjaman ini sudah lunas. Tidak ada yang disimpan.", "This loan is paid off. Nothing was saved.").into(),
            R::Loan(PayError::NotPositive) => self.pick("Jumlah harus lebih dari nol.", "The amount must be more than zero.").into(),
            R::Loan(PayError::TooMuch(max)) => self.choose(
                format!("Melebihi semua yang masih terutang ({}); untuk melunasi gunakan pelunasan.", rp(*max)),
                format!("Above everything still owed ({}); to pay off, use settlement.", rp(*max)),
            ),
            R::YearOpen(y) => self.choose(format!("Tahun buku {y} belum ditutup."), format!("The year {y} is not closed yet.")),
        }
    }
}
