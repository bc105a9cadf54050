//! Login, lock, home, help and footer texts: screen titles, roles, key labels and the status line.

use super::Text;
use crate::action::Action;
use crate::domain::user::Role;
use crate::domain::user::ScreenId;

texts! {
    app_name => "Loket", "Loket";
    field_name => "Nama", "Name";
    field_pin => "PIN", "PIN";
    login_title => "Masuk", "Log in";
    bad_credentials => "Nama atau PIN salah.", "Wrong name or PIN.";
    name_missing => "Isi nama pengguna dulu.", "Type your user name first.";
    pin_missing => "Isi PIN dulu.", "Type your PIN first.";
    demo_title => "Database demo: pengguna dan PIN", "Demo database: users and PINs";
    lock_title => "Layar terkunci", "Screen locked";
    lock_hint => "Masukkan PIN untuk membuka.", "Type your PIN to unlock.";
    not_logged_in => "belum masuk", "not logged in";
    shift_unknown => "Shift: -", "Shift: -";
    home_intro => "Pilih layar dengan tombol fungsi:", "Choose a screen with the function keys:";
    quit_question => "Keluar dari Loket?", "Quit Loket?";
    help_everywhere => "Tombol lain di layar ini", "Other keys on this screen";
    help_typing => "Huruf dan angka masuk ke kolom isian.", "Letters and digits go into the input field.";
    at_home => "Anda di beranda.", "You are on the home screen.";
    logged_out => "Anda sudah keluar. Pengguna berikutnya silakan masuk.", "Logged out. Next user, please log in.";
    locked_idle => "Layar dikunci karena tidak dipakai.", "Screen locked after being idle.";
    not_for_role => "bukan untuk peran Anda", "not for your role";
    home_not_yours => "Bukan untuk peran Anda:", "Not for your role:";
    yes => "Ya", "Yes";
    no => "Tidak", "No";
}

impl Text {
    pub fn role(&self, role: Role) -> &'static str {
        match role {
            Role::Clerk => self.pick("Petugas", "Clerk"),
            Role::Cashier => self.pick("Kasir", "Cashier"),
            Role::Pharmacy => self.pick("Farmasi", "Pharmacy"),
            Role::Supervisor => self.pick("Pengawas", "Supervisor"),
            Role::Examiner => self.pick("Pemeriksa", "Examiner"),
            Role::Admin => self.pick("Admin", "Admin"),
        }
    }

    pub fn screen_title(&self, s: ScreenId) -> &'static str {
        match s {
            ScreenId::Home => self.pick("Beranda", "Home"),
            ScreenId::Queue => self.pick("Antrean", "Queue"),
            ScreenId::Patients => self.pick("Pasien & CKG", "Patients & CKG"),
            ScreenId::Sale => self.pick("Penjualan", "Sale"),
            ScreenId::Shift => self.pick("Shift & Laporan", "Shift & reports"),
            ScreenId::Sync => self.pick("Kiriman SATUSEHAT", "SATUSEHAT sync"),
            ScreenId::Receiving => self.pick("Penerimaan barang", "Goods received"),
            ScreenId::StockCount => self.pick("Stok opname", "Stock count"),
            ScreenId::Users => self.pick("Pengguna", "Users"),
            ScreenId::Products => self.pick("Barang & harga", "Products & prices"),
            ScreenId::Reorder => self.pick("Stok menipis & pesanan", "Low stock & orders"),
            ScreenId::Members => self.pick("Anggota & simpan pinjam", "Members, savings & loans"),
            ScreenId::Consultation => self.pick("Ruang periksa", "Examination room"),
            ScreenId::Dispensing => self.pick("Resep menunggu", "Waiting prescriptions"),
        }
    }

    /// The footer label of an action on a given screen: Enter logs in on the login screen, unlocks
    /// on the lock screen, adds on the sale screen and opens from lists.
    pub fn action_label_in(&self, scope: crate::action::Scope, a: Action) -> &'static str {
        use crate::action::Scope;
        match (scope, a) {
            (Scope::Lock, Action::Submit) => self.pick("Buka", "Unlock"),
            (Scope::Sale, Action::Submit) => self.pick("Tambah", "Add"),
            (Scope::SalePay, Action::Submit) => self.pick("Konfirmasi", "Confirm"),
            (Scope::Patients | Scope::Birthdays, Action::Submit) => self.pick("Buka", "Open"),
            (Scope::Dispensing, Action::Submit) => self.pick("Serahkan", "Hand out"),
            (Scope::SaleList, Action::Submit) => self.pick("Pilih", "Choose"),
            // In a choosing dialog the footer says what its hint says ("Enter = pilih").
            (Scope::Pick, Action::Confirm) => self.pick("Pilih", "Choose"),
            (Scope::Entry, Action::Confirm) => self.pick("Simpan", "Save"),
            (Scope::Entry, Action::Cancel) => self.pick("Batal", "Cancel"),
            (Scope::Pick, Action::Cancel) => self.pick("Batal", "Cancel"),
            (Scope::CkgResult, Action::Edit) => self.pick("Ubah hasil", "Amend"),
            (Scope::ReceiveLine | Scope::ReceiveNewProduct | Scope::CountApprove | Scope::UserForm | Scope::ProductForm, Action::Confirm) => self.pick("Lanjut", "Next"),
            (Scope::ReceiveLine | Scope::ReceiveNewProduct | Scope::CountApprove | Scope::UserForm | Scope::ProductForm, Action::Cancel) => self.pick("Batal", "Cancel"),
            (Scope::Count, Action::Submit) => self.pick("Catat", "Record"),
            (Scope::Receiving | Scope::SupplierReturn, Action::Submit) => self.pick("Tambah", "Add"),
            (Scope::SupplierReturn, Action::Cancel) => self.pick("Batal", "Cancel"),
            (Scope::Members, Action::Submit) => self.pick("Cari/Buka", "Find/Open"),
            (Scope::MemberForm, Action::Confirm) => self.pick("Simpan", "Save"),
            (Scope::MemberForm, Action::Cancel) => self.pick("Batal", "Cancel"),
            _ => self.action_label(a),
        }
    }

    /// The short label in the footer.
    pub fn action_label(&self, a: Action) -> &'static str {
        match a {
            Action::Help => self.pick("Bantuan", "Help"),
            Action::Home => self.pick("Beranda", "Home"),
            Action::Queue => self.pick("Antrean", "Queue"),
            Action::Patients => self.pick("Pasien", "Patients"),
            Action::Sale => self.pick("Jual", "Sale"),
            Action::Shift => self.pick("Shift", "Shift"),
            Action::Sync => self.pick("Kirim", "Sync"),
            Action::Quit => self.pick("Keluar", "Quit"),
            Action::Back => self.pick("Kembali", "Back"),
            Action::Lock => self.pick("Kunci", "Lock"),
            Action::Logout => self.pick("Ganti", "Switch"),
            Action::Submit => self.pick("Masuk", "OK"),
            Action::NextField => self.pick("Kolom", "Field"),
            Action::PrevField => self.pick("Kolom", "Field"),
            Action::Confirm => self.pick("Ya", "Yes"),
            Action::Cancel => self.pick("Tidak", "No"),
            Action::ScrollUp => self.pick("Naik", "Up"),
            Action::ScrollDown => self.pick("Turun", "Down"),
            Action::CallNext => self.pick("Panggil", "Call"),
            Action::Recall => self.pick("Ulang", "Recall"),
            Action::Skip => self.pick("Lewati", "Skip"),
            Action::Transfer => self.pick("Alihkan", "Transfer"),
            Action::Finish => self.pick("Selesai", "Finish"),
            Action::TakeTicket => self.pick("Tiket", "Ticket"),
            Action::NewPatient => self.pick("Baru", "New"),
            Action::Birthdays => self.pick("Ultah", "Birthdays"),
            Action::Edit => self.pick("Ubah", "Edit"),
            Action::StartCkg => self.pick("CKG", "CKG"),
            Action::LinkTicket => self.pick("Tautkan", "Link"),
            Action::Merge => self.pick("Gabung", "Merge"),
            Action::Save => self.pick("Simpan", "Save"),
            Action::PrevDay => self.pick("Kemarin", "Prev day"),
            Action::NextDay => self.pick("Besok", "Next day"),
            Action::Export => self.pick("CSV", "CSV"),
            Action::OpenShift => self.pick("Buka", "Open"),
            Action::CashIn => self.pick("Kas+", "Cash in"),
            Action::CashOut => self.pick("Kas-", "Cash out"),
            Action::XReport => self.pick("X", "X"),
            Action::CloseShift => self.pick("Tutup", "Close"),
            Action::Reprint => self.pick("Cetak ulang", "Reprint"),
            Action::Receiving => self.pick("Terima", "Receive"),
            Action::FreeGoods => self.pick("Bonus", "Free"),
            Action::StockCount => self.pick("Opname", "Count"),
            Action::StartCount => self.pick("Mulai", "Start"),
            Action::ApproveCount => self.pick("Setujui", "Approve"),
            Action::Users => self.pick("Pengguna", "Users"),
            Action::AddUser => self.pick("Tambah", "Add"),
            Action::ResetPin => self.pick("PIN", "PIN"),
            Action::SetRole => self.pick("Peran", "Role"),
            Action::SetNik => self.pick("NIK", "NIK"),
            Action::ToggleUser => self.pick("Aktif/Nonaktif", "Enable/Disable"),
            Action::Products => self.pick("Barang", "Products"),
            Action::AddProduct => self.pick("Baru", "New"),
            Action::ChangePrice => self.pick("Harga", "Price"),
            Action::ShelfLabel => self.pick("Label", "Label"),
            Action::Reorder => self.pick("Pesan", "Reorder"),
            Action::Consult => self.pick("Periksa", "Examine"),
            Action::Dispensing => self.pick("Resep", "Prescriptions"),
            Action::HandOutLine => self.pick("Satu obat", "One line"),
            Action::Refer => self.pick("Rujuk", "Refer"),
            Action::PrintOrders => self.pick("Cetak PO", "Print POs"),
            Action::ReturnGoods => self.pick("Retur", "Return"),
            Action::ChangeReason => self.pick("Alasan", "Reason"),
            Action::EditProduct => self.pick("Ubah", "Edit"),
            Action::ReturnExpired => self.pick("Retur ED", "Return expired"),
            Action::Members => self.pick("Anggota", "Members"),
            Action::DepositWajib => self.pick("Wajib", "Wajib"),
            Action::DepositSukarela => self.pick("Setor", "Deposit"),
            Action::WithdrawSavings => self.pick("Tarik", "Withdraw"),
            Action::RepayCredit => self.pick("Bayar kasbon", "Repay credit"),
            Action::PayInstallment => self.pick("Angsuran", "Installment"),
            Action::PrintStatement => self.pick("Cetak rekening", "Print statement"),
            Action::ShowStatement => self.pick("Rekening", "Statement"),
            Action::RegisterMember => self.pick("Anggota baru", "New member"),
            Action::ApplyLoan => self.pick("Ajukan pinjaman", "Apply for a loan"),
            Action::ApproveLoan => self.pick("Setujui", "Approve"),
            Action::DisburseLoan => self.pick("Cairkan", "Disburse"),
            Action::CorrectEntry => self.pick("Koreksi", "Correct"),
            a => self.sale_action_label(a),
        }
    }

    /// The help sentence as a screen means it (amending a saved check is not editing the patient).
    pub fn action_help_in(&self, scope: crate::action::Scope, a: Action) -> &'static str {
        match (scope, a) {
            (crate::action::Scope::CkgResult, Action::Edit) => {
                self.pick("Ubah hasil CKG ini dengan alasan (versi lama disimpan)", "Amend this CKG result with a reason (the earlier version is kept)")
            }
            _ => self.action_help(a),
        }
    }

    /// The sentence in the help window.
    pub fn action_help(&self, a: Action) -> &'static str {
        match a {
            Action::Help => self.pick("Bantuan: semua tombol layar ini", "Help: every key on this screen"),
            Action::Home => self.pick("Ke beranda", "Go to the home screen"),
            Action::Queue => self.pick("Layar antrean", "Queue screen"),
            Action::Patients => self.pick("Layar pasien dan CKG", "Patients and CKG screen"),
            Action::Sale => self.pick("Layar penjualan", "Sale screen"),
            Action::Shift => self.pick("Shift dan laporan", "Shift and reports"),
            Action::Sync => self.pick("Kiriman SATUSEHAT: menunggu, terkirim, gagal", "SATUSEHAT sync: pending, sent, failed"),
            Action::Quit => self.pick("Keluar dari Loket (dengan konfirmasi)", "Quit Loket (asks first)"),
            Action::Back => self.pick("Kembali atau tutup", "Back or close"),
            Action::Lock => self.pick("Kunci layar; buka lagi dengan PIN", "Lock the screen; unlock with your PIN"),
            Action::Logout => self.pick("Keluar akun dan ganti pengguna", "Log out and switch user"),
            Action::Submit => self.pick("Kirim isian", "Submit"),
            Action::NextField => self.pick("Kolom berikutnya", "Next field"),
            Action::PrevField => self.pick("Kolom sebelumnya", "Previous field"),
            Action::Confirm => self.pick("Ya, lanjutkan", "Yes, go ahead"),
            Action::Cancel => self.pick("Tidak, batalkan", "No, cancel"),
            Action::ScrollUp => self.pick("Gulir ke atas", "Scroll up"),
            Action::ScrollDown => self.pick("Gulir ke bawah", "Scroll down"),
            Action::CallNext => self.pick("Panggil berikutnya (yang sedang dilayani jadi selesai)", "Call the next ticket (the one in service is finished)"),
            Action::Recall => self.pick(
                "Panggil ulang tiket ini, atau tiket terlewat yang dipilih",
                "Call this ticket again, or the selected skipped ticket",
            ),
            Action::Skip => self.pick("Lewati: tidak datang (bisa dipanggil ulang hari ini)", "Skip: did not come (can be recalled today)"),
            Action::Transfer => self.pick("Alihkan ke layanan lain (nomor tetap sama)", "Transfer to another service (the number stays)"),
            Action::Finish => self.pick("Selesai melayani tiket ini", "Finish serving this ticket"),
            Action::TakeTicket => self.pick("Ambil tiket baru untuk pengunjung", "Take a new ticket for a visitor"),
            Action::NewPatient => self.pick("Daftarkan pasien baru", "Register a new patient"),
            Action::Birthdays => self.pick("Daftar ulang tahun: siapa berhak CKG", "Birthday list: who is due for CKG"),
            Action::Edit => self.pick("Ubah data pasien (riwayat perubahan disimpan)", "Edit the patient (changes are kept in the history)"),
            Action::Reprint => self.pick("Cetak ulang slip CKG yang ditampilkan", "Print the CKG slip shown again"),
            Action::StartCkg => self.pick("Mulai Cek Kesehatan Gratis", "Start the free health check"),
            Action::LinkTicket => self.pick("Tautkan ke tiket yang sedang dilayani di loket ini", "Link to the ticket in service at this counter"),
            Action::Merge => self.pick("Gabungkan dengan data lain orang yang sama (pengawas)", "Merge with another record of the same person (supervisor)"),
            Action::Save => self.pick("Simpan", "Save"),
            Action::PrevDay => self.pick("Hari sebelumnya", "Previous day"),
            Action::NextDay => self.pick("Hari berikutnya", "Next day"),
            Action::Export => self.pick("Ekspor ringkasan sebagai CSV", "Export the summary as CSV"),
            Action::OpenShift => self.pick("Buka shift dengan modal awal", "Open a shift with a float"),
            Action::CashIn => self.pick("Kas masuk (dengan alasan)", "Cash in (with a reason)"),
            Action::CashOut => self.pick("Kas keluar (dengan alasan)", "Cash out (with a reason)"),
            Action::XReport => self.pick("Cetak laporan X (shift tetap terbuka)", "Print an X report (the shift stays open)"),
            Action::CloseShift => self.pick("Tutup shift: hitung buta dan laporan Z", "Close the shift: blind count and Z report"),
            Action::Receiving => self.pick("Penerimaan barang dari pemasok", "Goods received from a supplier"),
            Action::FreeGoods => self.pick("Tandai baris ini barang bonus (harga beli nol)", "Mark this line as free goods (cost zero)"),
            Action::StockCount => self.pick("Stok opname: hitung stok per rak atau semua", "Stock count: count a section or everything"),
            Action::StartCount => self.pick("Mulai lembar hitung (bagian yang diketik, kosong = semua)", "Start a count sheet (the section typed, empty = all)"),
            Action::ApproveCount => self.pick("Selesai: pengawas menyetujui selisih dengan alasan", "Finish: a supervisor approves the differences with a reason"),
            Action::Users => self.pick("Pengguna: tambah, PIN, peran, NIK tenaga kesehatan", "Users: add, PIN, role, practitioner NIK"),
            Action::AddUser => self.pick("Tambah pengguna", "Add a user"),
            Action::ResetPin => self.pick("Atur ulang PIN pengguna terpilih", "Reset the selected user's PIN"),
            Action::SetRole => self.pick("Ubah peran pengguna terpilih", "Change the selected user's role"),
            Action::SetNik => self.pick("NIK tenaga kesehatan (untuk SATUSEHAT)", "Practitioner NIK (for SATUSEHAT)"),
            Action::ToggleUser => self.pick("Nonaktifkan atau aktifkan pengguna terpilih", "Disable or enable the selected user"),
            Action::Products => self.pick("Barang dan harga: tambah, harga berlaku mulai tanggal, label rak", "Products and prices: add, prices from a date, shelf labels"),
            Action::AddProduct => self.pick("Tambah barang baru", "Add a new product"),
            Action::ChangePrice => self.pick("Ubah harga dan harga anggota mulai tanggal tertentu", "Change the price and member price from a date"),
            Action::ShelfLabel => self.pick("Cetak label rak barang terpilih", "Print a shelf label for the selected product"),
            Action::Reorder => self.pick("Stok menipis dengan saran pesanan", "Low stock with suggested orders"),
            Action::Consult => self.pick("Ruang periksa: anamnesis, diagnosis, resep, rujukan", "Examination room: history, diagnosis, prescription, referral"),
            Action::Dispensing => self.pick("Resep menunggu: serahkan obat", "Waiting prescriptions: hand out the drugs"),
            Action::HandOutLine => self.pick("Serahkan satu obat: jumlah sendiri atau pengganti dengan alasan", "Hand out one line: its own quantity, or a substitute with a reason"),
            Action::Refer => self.pick("Tulis dan cetak surat rujukan hasil CKG ini", "Write and print this CKG result's referral letter"),
            Action::PrintOrders => self.pick("Cetak pesanan pembelian per pemasok", "Print a purchase order per supplier"),
            Action::ReturnGoods => self.pick("Kembalikan barang ke pemasok (rusak atau kedaluwarsa)", "Send goods back to a supplier (damaged or expired)"),
            Action::ChangeReason => self.pick("Ganti alasan retur: rusak / kedaluwarsa", "Switch the reason: damaged / expired"),
            Action::EditProduct => self.pick("Ubah barcode, nama, bagian, satuan dan data obat", "Edit the barcode, name, section, unit and drug facts"),
            Action::ReturnExpired => self.pick("Kembalikan batch kedaluwarsa ke pemasoknya (tekan dua kali)", "Send the expired batches back to their suppliers (press twice)"),
            Action::Members => self.pick("Anggota: simpanan, kasbon, angsuran pinjaman", "Members: savings, shop credit, loan installments"),
            Action::DepositWajib => self.pick("Setor simpanan wajib (tunai)", "Pay in simpanan wajib (cash)"),
            Action::DepositSukarela => self.pick("Setor simpanan sukarela (tunai)", "Pay in simpanan sukarela (cash)"),
            Action::WithdrawSavings => self.pick("Tarik simpanan sukarela (anggota sendiri; di atas batas perlu PIN pengawas)", "Withdraw sukarela (the member in person; above the limit a supervisor's PIN)"),
            Action::RepayCredit => self.pick("Bayar kasbon toko (sebagian atau lunas, tunai)", "Repay shop credit (part or all, cash)"),
            Action::PayInstallment => self.pick("Bayar angsuran pinjaman (denda, bunga, lalu pokok)", "Pay a loan installment (late fee, interest, then principal)"),
            Action::PrintStatement => self.pick("Cetak rekening anggota tahun ini", "Print the member's statement for this year"),
            Action::ShowStatement => self.pick("Tampilkan rekening anggota tahun ini (simpanan, kasbon, pinjaman)", "Show the member's statement for this year (savings, credit, loans)"),
            Action::RegisterMember => self.pick("Jadikan anggota: ketik No. RM atau NIK orangnya dulu (simpanan pokok dibayar tunai)", "Make a member: type the person's record number or NIK first (the simpanan pokok is paid in cash)"),
            Action::ApplyLoan => self.pick("Ajukan pinjaman untuk anggota ini (jumlah, bulan, produk)", "Apply for a loan for this member (amount, months, product)"),
            Action::ApproveLoan => self.pick("Pengawas menyetujui pinjaman yang diajukan (nama dan PIN)", "A supervisor approves the loan applied for (name and PIN)"),
            Action::DisburseLoan => self.pick("Cairkan pinjaman yang disetujui dari kas shift (tekan dua kali); jadwal angsuran dicetak", "Disburse the approved loan from the shift's cash (press twice); the schedule prints"),
            Action::CorrectEntry => self.pick("Koreksi entri simpanan terpilih (Naik/Turun): entri pembalik dengan alasan, disetujui pengawas", "Correct the chosen savings entry (Up/Down): a reversing entry with a reason, approved by a supervisor"),
            a => self.sale_action_help(a),
        }
    }

    pub fn weekday(&self, n: u32) -> &'static str {
        const ID: [&str; 7] = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"];
        const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let i = (n % 7) as usize;
        self.pick(ID[i], EN[i])
    }

    pub fn welcome(&self, name: &str, role: Role) -> String {
        self.choose(format!("Selamat datang, {name} ({}).", self.role(role)), format!("Welcome, {name} ({}).", self.role(role)))
    }

    pub fn locked_by(&self, name: &str) -> String {
        self.choose(format!("Dikunci oleh {name}."), format!("Locked by {name}."))
    }

    pub fn locked_out(&self, minutes: i64) -> String {
        self.choose(
            format!("Terlalu banyak PIN salah. Coba lagi dalam {minutes} menit, atau minta admin mengatur ulang PIN."),
            format!("Too many wrong PINs. Try again in {minutes} minutes, or ask an admin to reset the PIN."),
        )
    }

    pub fn help_keys(&self, back: &str, up: &str, down: &str) -> String {
        self.choose(format!(" {back} kembali, {up}/{down} gulir "), format!(" {back} back, {up}/{down} scroll "))
    }

    pub fn help_title(&self, screen: &str) -> String {
        self.choose(format!("Bantuan: {screen}"), format!("Help: {screen}"))
    }

    pub fn quit_keys(&self, yes: &str, no: &str) -> String {
        self.choose(format!("{yes} = ya, {no} = tidak"), format!("{yes} = yes, {no} = no"))
    }

    pub fn press_to_quit(&self, key: &str) -> String {
        self.choose(format!("Tekan {key} untuk keluar."), format!("Press {key} to quit."))
    }

    pub fn too_small(&self, w: u16, h: u16) -> String {
        self.choose(
            format!("Terminal terlalu kecil ({w}x{h}). Perbesar ke minimal 80x24."),
            format!("The terminal is too small ({w}x{h}). Make it at least 80x24."),
        )
    }

    pub fn demo_user_line(&self, name: &str, pin: &str, role: Role) -> String {
        format!("{name:<7} PIN {pin:<5} {}", self.role(role))
    }

    pub fn role_may_not(&self, role: Role, screen: ScreenId) -> String {
        self.choose(
            format!("{} tidak boleh membuka layar {}.", self.role(role), self.screen_title(screen)),
            format!("A {} may not open the {} screen.", self.role(role).to_lowercase(), self.screen_title(screen)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Lang;

    #[test]
    fn every_action_has_a_label_and_help_in_both_languages() {
        for lang in [Lang::Id, Lang::En] {
            let t = Text::new(lang);
            for a in Action::ALL {
                assert!(!t.action_label(a).is_empty() && !t.action_help(a).is_empty());
            }
        }
    }
}

impl Text {
    pub fn login_hint(&self, submit: &str) -> String {
        self.choose(format!("Ketik nama dan PIN, lalu tekan {submit}."), format!("Type your name and PIN, then press {submit}."))
    }
}
