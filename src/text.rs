//! Every user-facing string, in Bahasa Indonesia (the default) and English. Code asks this
//! catalog for text; no screen, command or error message writes its own words.

use crate::action::Action;
use crate::config::ConfigProblem;
use crate::domain::nik::NikError;
use crate::domain::user::{PinError, Role, UserNameError};
use crate::keymap::KeymapProblem;
use crate::print::doc::DocKind;
use crate::print::spool::PrinterStatus;
use crate::print::{Fault, PrintError};
use crate::store::print_jobs::JobStatus;
use crate::screens::ScreenId;
use crate::store::{AuditBreak, StoreError};

// Sales, stock and catalog texts (src/text/sales.rs).
mod sales;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "id" | "id_id" | "indonesia" => Some(Lang::Id),
            "en" | "en_us" | "en_gb" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}

/// The catalog, for one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Text {
    pub lang: Lang,
}

macro_rules! texts {
    ($($name:ident => $id:literal, $en:literal;)*) => {
        impl Text {
            $(pub fn $name(&self) -> &'static str { self.pick($id, $en) })*
        }
        #[cfg(test)]
        pub(crate) const ALL_FIXED: &[(&str, &str)] = &[$(($id, $en)),*];
    };
}

texts! {
    app_name => "Loket", "Loket";
    field_name => "Nama", "Name";
    field_pin => "PIN", "PIN";
    login_title => "Masuk", "Log in";
    login_hint => "Ketik nama dan PIN, lalu tekan Enter.", "Type your name and PIN, then press Enter.";
    bad_credentials => "Nama atau PIN salah.", "Wrong name or PIN.";
    name_missing => "Isi nama pengguna dulu.", "Type your user name first.";
    pin_missing => "Isi PIN dulu.", "Type your PIN first.";
    demo_title => "Database demo: pengguna dan PIN", "Demo database: users and PINs";
    lock_title => "Layar terkunci", "Screen locked";
    lock_hint => "Masukkan PIN untuk membuka.", "Type your PIN to unlock.";
    not_logged_in => "belum masuk", "not logged in";
    shift_unknown => "Shift: -", "Shift: -";
    printer_unset => "Printer: -", "Printer: -";
    home_intro => "Pilih layar dengan tombol fungsi:", "Choose a screen with the function keys:";
    quit_question => "Keluar dari Loket?", "Quit Loket?";
    help_everywhere => "Tombol lain di layar ini", "Other keys on this screen";
    help_typing => "Huruf dan angka masuk ke kolom isian.", "Letters and digits go into the input field.";
    at_home => "Anda di beranda.", "You are on the home screen.";
    logged_out => "Anda sudah keluar. Pengguna berikutnya silakan masuk.", "Logged out. Next user, please log in.";
    locked_idle => "Layar dikunci karena tidak dipakai.", "Screen locked after being idle.";
    not_for_role => "bukan untuk peran Anda", "not for your role";
    yes => "Ya", "Yes";
    no => "Tidak", "No";
    unexpected_error => "Loket berhenti karena kesalahan internal. Data yang sudah tersimpan aman. Rincian ada di", "Loket stopped on an internal error. Saved data is safe. Details are in";
    prompt_admin_name => "Nama login admin pertama: ", "Login name of the first admin: ";
    prompt_admin_full => "Nama lengkap admin: ", "Admin's full name: ";
    prompt_new_pin => "PIN baru (4-8 angka): ", "New PIN (4-8 digits): ";
    prompt_repeat_pin => "Ulangi PIN: ", "Repeat the PIN: ";
    prompt_site_name => "Nama koperasi/klinik: ", "Name of the cooperative/clinic: ";
    prompt_as_pin => "PIN admin: ", "Admin PIN: ";
    pins_differ => "Kedua PIN tidak sama.", "The two PINs differ.";
    need_admin => "Perintah ini perlu admin: tambahkan --as NAMA_ADMIN.", "This command needs an admin: add --as ADMIN_NAME.";
    not_admin => "Pengguna itu bukan admin.", "That user is not an admin.";
    audit_ok => "Log audit utuh", "Audit log intact";
    users_header => "NAMA            PERAN        STATUS     NAMA LENGKAP", "NAME            ROLE         STATUS     FULL NAME";
    status_active => "aktif", "active";
    status_disabled => "nonaktif", "disabled";
    status_locked => "terkunci", "locked";
    keymap_ok => "Keymap benar", "Keymap is valid";
    nothing_in_service => "Belum ada tiket yang dilayani; panggil dulu.", "No ticket in service; call one first.";
    queue_empty => "Antrean kosong: tidak ada yang menunggu.", "The queue is empty: nobody is waiting.";
    minutes_short => "mnt", "min";
    in_service => "Sedang dilayani", "In service";
    none_in_service => "belum ada", "none";
    nobody_waiting => "tidak ada yang menunggu", "nobody is waiting";
    choose_service => "Layanan (huruf atau panah):", "Service (letter or arrows):";
    choose_priority => "Prioritas (angka):", "Priority (digit):";
    no_priority => "tidak", "none";
    take_ticket_title => "Ambil tiket", "Take a ticket";
    transfer_title => "Alihkan ke layanan", "Transfer to service";
    pick_hint => "Enter = pilih, Esc = batal", "Enter = choose, Esc = cancel";
    board_title => "Antrean", "Queue";
    board_recent => "Panggilan terakhir", "Recent calls";
    board_none => "Belum ada panggilan", "No calls yet";
    search_hint => "Cari NIK/BPJS/RM/telepon/nama, + tgl lahir, tahun atau umur (\"siti 1985\")", "Find NIK/BPJS/record/phone/name, + birth date, year or age (\"siti 1985\")";
    no_results => "Tidak ditemukan. F5 untuk mendaftarkan pasien baru.", "Not found. F5 registers a new patient.";
    form_new_title => "Pasien baru", "New patient";
    form_edit_title => "Ubah data pasien", "Edit patient";
    form_hint => "Tab/Enter: kolom berikut. F10: simpan bila semua benar. Esc: batal.", "Tab/Enter: next field. F10: save when all is valid. Esc: cancel.";
    rm_auto => "(otomatis)", "(automatic)";
    similar_warning => "Ada data dengan nama mirip dan tanggal lahir sama. Periksa; F10 lagi untuk tetap menyimpan.", "A record with a similar name and the same birth date exists. Check it; F10 again saves anyway.";
    merge_supervisor_only => "Hanya pengawas yang boleh menggabungkan data pasien.", "Only a supervisor may merge patient records.";
    ckg_hint => "Ukuran: ketik angka. Pemeriksaan: n normal, p positif, - tidak. F10 selesai.", "Measures: type numbers. Screenings: n normal, p positive, - not done. F10 ends.";
    ckg_outside_window => "Di luar jendela CKG orang ini; pastikan sesuai aturan Puskesmas.", "Outside this person's CKG window; make sure the Puskesmas allows it.";
    ckg_referral => "RUJUK ke Puskesmas: ada temuan positif.", "REFER to the Puskesmas: positive findings.";
    ckg_no_referral => "Tidak perlu rujukan.", "No referral needed.";
    ckg_result_title => "Hasil CKG", "CKG result";
    card_visits => "Kunjungan", "Visits";
    card_checks => "CKG", "CKG";
    card_purchases => "Belanja", "Purchases";
    card_history => "Riwayat perubahan", "Change history";
    birthdays_none => "Tidak ada yang berulang tahun.", "No birthdays.";
    report_queue_head => "Antrean (waktu tunggu dalam menit)", "Queue (waiting times in minutes)";
    report_shifts_head => "Shift", "Shifts";
    report_none => "(tidak ada)", "(none)";
    report_open => "buka", "open";
    report_expired => "KEDALUWARSA", "EXPIRED";
    report_expiring => "segera ED", "expiring";
    report_out => "habis", "out";
    report_bad_range => "Tanggal akhir lebih awal dari tanggal mulai.", "The end date is before the start date.";
    report_bad_date => "Tanggal salah; tulis yyyy-mm-dd.", "Not a date; write yyyy-mm-dd.";
    report_need_range => "Rentang perlu --from dan --to.", "A range needs --from and --to.";
    supervisor_hint => "F5 hari sebelumnya, F6 hari berikutnya, F7 ekspor CSV. Hanya baca.", "F5 previous day, F6 next day, F7 export CSV. Read-only.";
    shift_none_open => "Belum ada shift terbuka.", "No shift is open.";
    shift_open_prompt => "Modal awal (Rp):", "Opening float (Rp):";
    shift_amount_prompt => "Jumlah (Rp):", "Amount (Rp):";
    shift_reason_prompt => "Alasan:", "Reason:";
    shift_count_prompt => "Uang tunai dihitung (Rp):", "Cash counted (Rp):";
    shift_noncash_prompt => "Non-tunai (QRIS dll., Rp):", "Non-cash (QRIS etc., Rp):";
    shift_blind_note => "Hitung uang di laci. Jumlah seharusnya hanya dilihat pengawas.", "Count the cash in the drawer. The expected amount is for the supervisor only.";
    shift_bad_amount => "Jumlah harus angka rupiah 0 atau lebih.", "The amount must be whole rupiah, 0 or more.";
    shift_need_reason => "Isi alasannya.", "Give the reason.";
    shift_closed_ok => "Shift ditutup. Laporan Z tersimpan.", "Shift closed. The Z report is stored.";
    shift_opened_ok => "Shift dibuka.", "Shift opened.";
    shift_cash_ok => "Kas tercatat.", "Cash recorded.";
    shift_x_ok => "Laporan X dicetak.", "X report printed.";
    sale_needs_shift => "Buka shift dulu (F9) sebelum menjual.", "Open a shift first (F9) before selling.";
    shift_sale_open => "Selesaikan atau parkir penjualan yang sedang berjalan sebelum menutup shift.", "Finish or park the sale in progress before closing the shift.";
    supervisor_only_report => "Akun ini hanya membuka tampilan pengawas atau `report ...`.", "This account opens the supervisor view or `report ...` only.";
    supervisor_title => "Pengawas (hanya baca)", "Supervisor (read-only)";
    no_terminal => "Loket perlu terminal interaktif (jalankan di konsol, tmux atau SSH dengan -t).", "Loket needs an interactive terminal (run it on a console, in tmux, or over SSH with -t).";
    printer_ready => "Printer: siap", "Printer: ready";
    doc_receipt_no => "No. Struk", "Receipt no.";
    doc_cashier => "Kasir", "Cashier";
    doc_time => "Waktu", "Time";
    doc_member => "Anggota", "Member";
    doc_subtotal => "Subtotal", "Subtotal";
    doc_discount => "Diskon", "Discount";
    doc_total => "TOTAL", "TOTAL";
    doc_change => "Kembali", "Change";
    doc_tax_base => "DPP", "Tax base";
    doc_thanks => "Terima kasih atas kunjungan Anda", "Thank you for your visit";
    doc_pay_cash => "Tunai", "Cash";
    doc_pay_qris => "QRIS", "QRIS";
    doc_pay_transfer => "Transfer", "Transfer";
    doc_pay_member_credit => "Kredit anggota", "Member credit";
    doc_queue_number => "NOMOR ANTREAN", "QUEUE NUMBER";
    doc_priority => "PRIORITAS", "PRIORITY";
    doc_ticket_keep => "Simpan tiket ini. Nomor Anda akan dipanggil.", "Keep this ticket. Your number will be called.";
    doc_ckg_title => "HASIL CEK KESEHATAN GRATIS", "FREE HEALTH CHECK RESULTS";
    doc_patient => "Nama", "Name";
    doc_record_no => "No. RM", "Record no.";
    doc_date => "Tanggal", "Date";
    doc_findings => "Temuan", "Findings";
    doc_advice => "Saran", "Advice";
    doc_examiner => "Pemeriksa", "Examiner";
    doc_ckg_note => "Bawa slip ini saat kontrol berikutnya.", "Bring this slip to your next visit.";
    doc_label_oral => "OBAT DALAM", "INTERNAL USE";
    doc_label_external => "OBAT LUAR - JANGAN DIMINUM", "EXTERNAL USE - DO NOT SWALLOW";
    doc_expiry => "Kedaluwarsa", "Expiry";
    doc_batch => "Batch", "Batch";
    doc_pharmacist => "Petugas", "Dispensed by";
    doc_x_report => "LAPORAN X", "X REPORT";
    doc_z_report => "LAPORAN Z - TUTUP SHIFT", "Z REPORT - SHIFT CLOSE";
    doc_x_note => "Laporan sementara; shift masih buka.", "Interim report; the shift stays open.";
    doc_shift => "Shift", "Shift";
    doc_opened => "Buka", "Opened";
    doc_closed => "Tutup", "Closed";
    doc_sales_count => "Jumlah transaksi", "Sales";
    doc_gross => "Penjualan kotor", "Gross sales";
    doc_voids => "Pembatalan", "Voids";
    doc_net => "Penjualan bersih", "Net sales";
    doc_by_method => "Per cara bayar", "By payment method";
    doc_float => "Modal awal", "Opening float";
    doc_cash_in => "Kas masuk", "Cash in";
    doc_cash_out => "Kas keluar", "Cash out";
    doc_cash_expected => "Kas seharusnya", "Expected cash";
    doc_cash_counted => "Kas dihitung", "Counted cash";
    doc_cash_difference => "Selisih", "Difference";
    doc_signature_cashier => "Tanda tangan kasir", "Cashier's signature";
    doc_signature_supervisor => "Tanda tangan pengawas", "Supervisor's signature";
    doc_test_title => "HALAMAN UJI PRINTER", "PRINTER TEST PAGE";
    doc_test_connection => "Sambungan", "Connection";
    doc_test_width => "Lebar", "Width";
    doc_test_columns => "kolom", "columns";
    doc_test_codes => "Jika QR dan barcode di bawah terbaca, printer siap dipakai.", "If the QR code and barcode below scan, the printer is ready.";
    doc_test_styles => "Tebal, besar, rata kanan:", "Bold, double size, right-aligned:";
    doc_test_translit => "Huruf yang tidak ada di printer:", "Characters the printer lacks:";
    print_jobs_header => "NO    JENIS       STATUS     COBA  DIBUAT            KESALAHAN", "ID    KIND        STATUS     TRIES CREATED           ERROR";
    print_no_jobs => "Tidak ada pekerjaan cetak.", "No print jobs.";
    printer_not_configured => "Belum ada printer di pengaturan: tambahkan bagian [printer] di config.toml (lihat README).", "No printer is configured: add a [printer] section to config.toml (see the README).";
}

impl Text {
    pub fn new(lang: Lang) -> Text {
        Text { lang }
    }

    fn pick(&self, id: &'static str, en: &'static str) -> &'static str {
        match self.lang {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    fn choose(&self, id: String, en: String) -> String {
        match self.lang {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    pub fn role(&self, role: Role) -> &'static str {
        match role {
            Role::Clerk => self.pick("Petugas", "Clerk"),
            Role::Cashier => self.pick("Kasir", "Cashier"),
            Role::Pharmacy => self.pick("Farmasi", "Pharmacy"),
            Role::Supervisor => self.pick("Pengawas", "Supervisor"),
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
        }
    }

    /// The footer label of an action on a given screen: Enter logs in on the login screen, unlocks
    /// on the lock screen, adds on the sale screen and opens from lists.
    pub fn action_label_in(&self, scope: crate::action::Scope, a: Action) -> &'static str {
        use crate::action::Scope;
        match (scope, a) {
            (Scope::Lock, Action::Submit) => self.pick("Buka", "Unlock"),
            (Scope::Sale, Action::Submit) => self.pick("Tambah", "Add"),
            (Scope::Patients | Scope::Birthdays | Scope::SaleList, Action::Submit) => self.pick("Buka", "Open"),
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
            a => self.sale_action_label(a),
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
            a => self.sale_action_help(a),
        }
    }

    pub fn weekday(&self, n: u32) -> &'static str {
        const ID: [&str; 7] = ["Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"];
        const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        let i = (n % 7) as usize;
        self.pick(ID[i], EN[i])
    }

    /// Column heads of today's queue figures (times in minutes, average/90th percentile).
    pub fn stats_columns(&self) -> [&'static str; 7] {
        match self.lang {
            Lang::Id => ["Hari ini", "Ambil", "Layani", "Lewat", "Antre", "Tunggu r/p90", "Layan r/p90"],
            Lang::En => ["Today", "Taken", "Served", "Skip", "Wait", "Wait a/p90", "Serve a/p90"],
        }
    }

    pub fn unknown_service(&self, code: &str) -> String {
        self.choose(format!("Layanan \"{code}\" tidak ada di pengaturan."), format!("There is no service \"{code}\" in the settings."))
    }

    pub fn unknown_priority(&self, p: &str) -> String {
        self.choose(
            format!("Kelompok prioritas \"{p}\" tidak dikenal; pakai lansia, ibu-hamil, disabilitas atau anak."),
            format!("Unknown priority group \"{p}\"; use lansia, ibu-hamil, disabilitas or anak."),
        )
    }

    /// The queue ticket as text (the printed ticket's content).
    #[allow(clippy::too_many_arguments)]
    pub fn ticket_preview(&self, site: &str, label: &str, service: &str, priority: Option<&str>, when: &str, ahead: i64, minutes: i64) -> String {
        let prio = priority.map(|p| format!("{}: {p}\n", self.pick("Prioritas", "Priority"))).unwrap_or_default();
        self.choose(
            format!("{site}\nNomor antrean\n{label}\n{service}\n{prio}{when}\nDi depan Anda: {ahead} orang\nPerkiraan tunggu: {minutes} menit\n"),
            format!("{site}\nQueue number\n{label}\n{service}\n{prio}{when}\nAhead of you: {ahead}\nEstimated wait: {minutes} minutes\n"),
        )
    }

    pub fn patient_field(&self, f: crate::domain::patient::Field) -> &'static str {
        use crate::domain::patient::Field::*;
        match f {
            Nik => "NIK",
            Name => self.pick("Nama", "Name"),
            Sex => self.pick("L/P", "Sex L/P"),
            Birth => self.pick("Tgl lahir", "Birth date"),
            Village => self.pick("Desa/Kel.", "Village"),
            RtRw => "RT/RW",
            Address => self.pick("Alamat", "Address"),
            Phone => self.pick("Telepon", "Phone"),
            Kk => self.pick("No. KK", "Family no."),
            Bpjs => self.pick("No. BPJS", "BPJS no."),
            Rm => self.pick("No. RM", "Record no."),
            Member => self.pick("No. anggota", "Member no."),
        }
    }

    pub fn field_error(&self, e: &crate::domain::patient::FieldError) -> String {
        use crate::domain::patient::FieldError::*;
        match e {
            Required => self.pick("wajib diisi", "required").into(),
            Nik(n) => self.nik_error(n),
            BirthNotNik { nik_day, nik_month } => self.choose(
                format!("tidak sesuai NIK ({nik_day:02}-{nik_month:02})"),
                format!("differs from the NIK ({nik_day:02}-{nik_month:02})"),
            ),
            SexNotNik => self.pick("tidak sesuai NIK", "differs from the NIK").into(),
            BadDate => self.pick("tanggal salah; tulis dd-mm-yyyy", "not a date; write dd-mm-yyyy").into(),
            FutureBirth => self.pick("tanggal lahir di masa depan", "birth date in the future").into(),
            TooOld => self.pick("lebih dari 125 tahun", "more than 125 years ago").into(),
            SexCode => self.pick("tulis L atau P", "write L or P").into(),
            Digits { want, got } => self.choose(format!("harus {want} angka (ada {got})"), format!("must be {want} digits (has {got})")),
            NotDigits => self.pick("hanya angka", "digits only").into(),
            Phone => self.pick("nomor telepon salah (08... atau +62...)", "not a phone number (08... or +62...)").into(),
            RtRw => self.pick("tulis RT/RW, mis. 001/002", "write RT/RW, e.g. 001/002").into(),
            TooLong(n) => self.choose(format!("paling panjang {n} huruf"), format!("at most {n} characters")),
            Taken { name, rm } => self.choose(format!("sudah dipakai {name} ({rm})"), format!("already used by {name} ({rm})")),
        }
    }

    pub fn results_count(&self, n: usize) -> String {
        self.choose(format!("{n} hasil"), format!("{n} results"))
    }

    pub fn merge_pick(&self, name: &str, rm: &str) -> String {
        self.choose(
            format!("Gabung ke {name} ({rm}): cari data kedua, pilih, lalu Enter."),
            format!("Merge into {name} ({rm}): find the other record, select it, press Enter."),
        )
    }

    pub fn merge_question(&self, remove: &str, keep: &str) -> String {
        self.choose(format!("Gabungkan {remove} ke {keep}?"), format!("Merge {remove} into {keep}?"))
    }

    pub fn patient_saved(&self, rm: &str) -> String {
        self.choose(format!("Tersimpan: {rm}."), format!("Saved: {rm}."))
    }

    pub fn patient_merged(&self, keep: &str) -> String {
        self.choose(format!("Data digabung ke {keep}."), format!("Records merged into {keep}."))
    }

    pub fn ticket_linked(&self, ticket: &str) -> String {
        self.choose(format!("Tiket {ticket} ditautkan ke pasien ini."), format!("Ticket {ticket} linked to this patient."))
    }

    pub fn age_years(&self, years: i32) -> String {
        self.choose(format!("{years} th"), format!("{years} y"))
    }

    pub fn ckg_state(&self, e: &crate::domain::ckg::Eligibility) -> String {
        use crate::domain::ckg::Eligibility::*;
        let d = |d: &chrono::NaiveDate| d.format("%d-%m-%Y").to_string();
        match e {
            Due { until } => self.choose(format!("CKG: berhak sampai {}", d(until)), format!("CKG: due until {}", d(until))),
            Done { on } => self.choose(format!("CKG: sudah {}", d(on)), format!("CKG: done {}", d(on))),
            NotYet { from } => self.choose(format!("CKG: mulai {}", d(from)), format!("CKG: from {}", d(from))),
            Missed { next } => self.choose(format!("CKG: terlewat, berikutnya {}", d(next)), format!("CKG: missed, next {}", d(next))),
        }
    }

    pub fn ckg_title(&self, name: &str, group: crate::domain::ckg::AgeGroup, age: i32) -> String {
        use crate::domain::ckg::AgeGroup::*;
        let g = match group {
            Newborn => self.pick("bayi baru lahir", "newborn"),
            Child => self.pick("balita/anak", "young child"),
            School => self.pick("usia sekolah", "school age"),
            Adult => self.pick("dewasa", "adult"),
            Elderly => self.pick("lansia", "elderly"),
        };
        self.choose(format!("CKG: {name}, {age} th, {g}"), format!("CKG: {name}, {age} y, {g}"))
    }

    /// The label of a checklist line.
    pub fn ckg_item(&self, code: &str) -> &'static str {
        let (id, en) = match code {
            "weight" => ("Berat badan", "Weight"),
            "height" => ("Tinggi badan", "Height"),
            "waist" => ("Lingkar perut", "Waist"),
            "systolic" => ("Tekanan darah sistolik", "Systolic pressure"),
            "diastolic" => ("Tekanan darah diastolik", "Diastolic pressure"),
            "heart_rate" => ("Denyut nadi", "Heart rate"),
            "temperature" => ("Suhu", "Temperature"),
            "glucose" => ("Gula darah", "Blood glucose"),
            "cholesterol" => ("Kolesterol total", "Total cholesterol"),
            "bmi" => ("IMT", "BMI"),
            "shk" => ("Hipotiroid kongenital (SHK)", "Congenital hypothyroidism"),
            "g6pd" => ("Defisiensi G6PD", "G6PD deficiency"),
            "hak" => ("Hiperplasia adrenal kongenital", "Congenital adrenal hyperplasia"),
            "pjb_kritis" => ("Penyakit jantung bawaan kritis", "Critical heart defect"),
            "atresia_bilier" => ("Atresia bilier", "Biliary atresia"),
            "development" => ("Perkembangan", "Development"),
            "tb" => ("Skrining TBC", "TB questionnaire"),
            "ears" => ("Telinga/pendengaran", "Ears/hearing"),
            "eyes" => ("Mata/penglihatan", "Eyes/vision"),
            "teeth" => ("Gigi", "Teeth"),
            "thalassemia" => ("Talasemia", "Thalassemia"),
            "mental" => ("Kesehatan jiwa", "Mental health"),
            "smoking" => ("Merokok", "Smoking"),
            "activity" => ("Aktivitas fisik kurang", "Low physical activity"),
            "copd" => ("PPOK (PUMA)", "COPD questionnaire"),
            "breast" => ("Kanker payudara", "Breast cancer"),
            "cervical" => ("Kanker leher rahim", "Cervical cancer"),
            "lung_risk" => ("Risiko kanker paru", "Lung cancer risk"),
            "colorectal_risk" => ("Risiko kanker usus", "Colorectal cancer risk"),
            "hepatitis" => ("Hepatitis", "Hepatitis"),
            "lipids" => ("Profil lemak (bila HT/DM)", "Lipids (if HT/DM)"),
            "ecg" => ("EKG (bila HT/DM)", "ECG (if HT/DM)"),
            "kidney" => ("Fungsi ginjal (bila HT/DM)", "Kidney function (if HT/DM)"),
            "skilas_cognition" => ("SKILAS: kognitif", "SKILAS: cognition"),
            "skilas_mobility" => ("SKILAS: mobilitas", "SKILAS: mobility"),
            "skilas_nutrition" => ("SKILAS: gizi", "SKILAS: nutrition"),
            "skilas_vision" => ("SKILAS: penglihatan", "SKILAS: vision"),
            "skilas_hearing" => ("SKILAS: pendengaran", "SKILAS: hearing"),
            "skilas_depression" => ("SKILAS: depresi", "SKILAS: depression"),
            _ => ("?", "?"),
        };
        self.pick(id, en)
    }

    pub fn finding(&self, f: crate::domain::ckg::Finding) -> &'static str {
        use crate::domain::ckg::Finding::*;
        match f {
            NotDone => self.pick("belum", "not done"),
            Normal => self.pick("normal", "normal"),
            Positive => self.pick("POSITIF", "POSITIVE"),
        }
    }

    pub fn value_impossible(&self) -> &'static str {
        self.pick("tidak mungkin; periksa lagi", "impossible; check again")
    }

    pub fn value_unusual(&self) -> &'static str {
        self.pick("tidak biasa; F10 lagi bila benar", "unusual; F10 again if right")
    }

    pub fn value_unreadable(&self) -> &'static str {
        self.pick("bukan angka", "not a number")
    }

    pub fn diastolic_above(&self) -> &'static str {
        self.pick("harus lebih rendah dari sistolik", "must be below the systolic")
    }

    /// The class of a result, for the form and the slip.
    pub fn ckg_class(&self, class: &str) -> &'static str {
        let (id, en) = match class {
            "underweight" => ("kurus", "underweight"),
            "normal" => ("normal", "normal"),
            "overweight" => ("berat berlebih", "overweight"),
            "obese" => ("obesitas", "obese"),
            "prehypertension" => ("pra-hipertensi", "pre-hypertension"),
            "stage1" => ("hipertensi derajat 1", "hypertension stage 1"),
            "stage2" => ("hipertensi derajat 2", "hypertension stage 2"),
            "prediabetes" => ("pra-diabetes", "prediabetes"),
            "diabetes" => ("kisaran diabetes", "diabetes range"),
            "central_obesity" => ("obesitas sentral", "central obesity"),
            _ => ("", ""),
        };
        self.pick(id, en)
    }

    pub fn ckg_already(&self, on: &str) -> String {
        self.choose(format!("CKG tahun ini sudah dilakukan ({on})."), format!("This year's CKG is already done ({on})."))
    }

    pub fn ckg_saved(&self, referral: bool) -> String {
        match referral {
            true => self.pick("CKG tersimpan. RUJUK ke Puskesmas.", "CKG saved. REFER to the Puskesmas.").into(),
            false => self.pick("CKG tersimpan.", "CKG saved.").into(),
        }
    }

    pub fn birthdays_title(&self, from: &str, to: &str, n: i64) -> String {
        self.choose(format!("Ulang tahun {from} s.d. {to}: {n} orang"), format!("Birthdays {from} to {to}: {n} people"))
    }

    pub fn report_queue_cols(&self) -> [&'static str; 6] {
        match self.lang {
            Lang::Id => ["", "Ambil", "Layani", "Lewat", "Tunggu", "p90"],
            Lang::En => ["", "Taken", "Served", "Skip", "Wait", "p90"],
        }
    }

    pub fn report_shift_cols(&self) -> [&'static str; 7] {
        match self.lang {
            Lang::Id => ["Z", "Kasir", "Hari", "Modal", "Seharusnya", "Dihitung", "Selisih"],
            Lang::En => ["Z", "Cashier", "Day", "Float", "Expected", "Counted", "Difference"],
        }
    }

    pub fn report_sales(&self, n: i64, total: &str, returned: &str) -> String {
        self.choose(
            format!("Penjualan: {n} transaksi, {total}; barang dikembalikan {returned}"),
            format!("Sales: {n} sales, {total}; items returned {returned}"),
        )
    }

    pub fn report_section(&self, section: &str) -> &'static str {
        match section {
            "sembako" => self.pick("  bagian sembako", "  section sembako"),
            "obat" => self.pick("  bagian obat", "  section drugs"),
            _ => self.pick("  bagian lain-lain", "  section other"),
        }
    }

    pub fn report_method(&self, method: &str) -> &'static str {
        match method {
            "cash" => self.pick("  tunai", "  cash"),
            "qris" => self.pick("  QRIS", "  QRIS"),
            _ => self.pick("  kredit anggota", "  member credit"),
        }
    }

    pub fn report_void(&self) -> &'static str {
        self.pick("BATAL", "VOID")
    }

    pub fn report_return(&self) -> &'static str {
        self.pick("RETUR", "RETURN")
    }

    pub fn report_period(&self, from: &str, to: &str) -> String {
        if from == to {
            self.choose(format!("Ringkasan {from}"), format!("Summary {from}"))
        } else {
            self.choose(format!("Ringkasan {from} s.d. {to}"), format!("Summary {from} to {to}"))
        }
    }

    pub fn report_ckg(&self, checks: i64, referrals: i64) -> String {
        self.choose(format!("CKG: {checks} pemeriksaan, {referrals} dirujuk"), format!("CKG: {checks} checks, {referrals} referred"))
    }

    pub fn report_stock_head(&self, n: usize) -> String {
        self.choose(format!("Peringatan stok ({n})"), format!("Stock alerts ({n})"))
    }

    pub fn report_exported(&self, path: &str) -> String {
        self.choose(format!("Diekspor ke {path}"), format!("Exported to {path}"))
    }

    pub fn shift_status(&self, z: &str, opened: &str, float: &str) -> String {
        self.choose(format!("Shift {z} dibuka {opened}, modal {float}"), format!("Shift {z} opened {opened}, float {float}"))
    }

    pub fn backup_error(&self, e: &crate::backup::BackupError) -> String {
        use crate::backup::BackupError::*;
        match e {
            Folder(p, why) => self.choose(
                format!("Folder cadangan {p} tidak bisa dipakai ({why}). Periksa flashdisk dan izin tulis."),
                format!("The backup folder {p} cannot be used ({why}). Check the USB stick and write permission."),
            ),
            Full(p) => self.choose(
                format!("Tempat di {p} tidak cukup untuk cadangan; cadangan lama tetap ada."),
                format!("Not enough space in {p} for the backup; the older backups are kept."),
            ),
            Verify(p) => self.choose(format!("Cadangan {p} gagal diperiksa dan dibuang."), format!("The backup {p} failed its check and was removed.")),
            NotABackup(p) => self.choose(
                format!("{p} bukan cadangan Loket yang utuh; database tidak diubah."),
                format!("{p} is not an intact Loket backup; the database was not changed."),
            ),
            Newer { file, found, known } => self.choose(
                format!("{file} dibuat versi Loket yang lebih baru (skema {found}, versi ini sampai {known}); database tidak diubah."),
                format!("{file} comes from a newer Loket (schema {found}, this version knows up to {known}); the database was not changed."),
            ),
            Store(e) => self.store_error(e),
            Io(p, why) => self.choose(format!("{p}: {why}"), format!("{p}: {why}")),
        }
    }

    pub fn backup_done(&self, path: &str, bytes: u64, removed: usize) -> String {
        let mb = bytes as f64 / 1_048_576.0;
        self.choose(
            format!("Cadangan dibuat dan diperiksa: {path} ({mb:.1} MB); {removed} cadangan lama dihapus."),
            format!("Backup made and verified: {path} ({mb:.1} MB); {removed} old backups removed."),
        )
    }

    pub fn restore_done(&self, from: &str, db: &str, saved: &str) -> String {
        self.choose(
            format!("{from} dipulihkan ke {db}. Database sebelumnya disimpan di {saved}."),
            format!("{from} restored to {db}. The previous database was kept as {saved}."),
        )
    }

    pub fn priority_group(&self, g: crate::domain::queue::PriorityGroup) -> &'static str {
        use crate::domain::queue::PriorityGroup::*;
        match g {
            Elderly => self.pick("lansia", "elderly"),
            Pregnant => self.pick("ibu hamil", "pregnant"),
            Disabled => self.pick("disabilitas", "disabled"),
            Child => self.pick("anak", "child"),
        }
    }

    pub fn calling(&self, ticket: &str, counter: &str) -> String {
        self.choose(format!("Memanggil {ticket} ke {counter}."), format!("Calling {ticket} to {counter}."))
    }

    pub fn called_after_finishing(&self, ticket: &str, counter: &str, finished: &str) -> String {
        self.choose(
            format!("{finished} selesai. Memanggil {ticket} ke {counter}."),
            format!("{finished} finished. Calling {ticket} to {counter}."),
        )
    }

    pub fn recalling(&self, ticket: &str) -> String {
        self.choose(format!("Memanggil ulang {ticket}."), format!("Calling {ticket} again."))
    }

    pub fn skipped(&self, ticket: &str) -> String {
        self.choose(
            format!("{ticket} dilewati; bisa dipanggil ulang hari ini."),
            format!("{ticket} skipped; it can be recalled today."),
        )
    }

    pub fn finished(&self, ticket: &str) -> String {
        self.choose(format!("{ticket} selesai."), format!("{ticket} finished."))
    }

    pub fn transferred(&self, ticket: &str, code: &str, name: &str) -> String {
        self.choose(format!("{ticket} dialihkan ke {code} {name}."), format!("{ticket} transferred to {code} {name}."))
    }

    pub fn ticket_taken(&self, ticket: &str, priority: Option<&str>, ahead: i64, minutes: i64) -> String {
        let p = priority.map(|p| format!(" ({p})")).unwrap_or_default();
        self.choose(
            format!("Tiket {ticket}{p}: {ahead} orang di depan, perkiraan {minutes} menit."),
            format!("Ticket {ticket}{p}: {ahead} ahead, about {minutes} minutes."),
        )
    }

    pub fn called_at(&self, h: u32, m: u32, waited: i64) -> String {
        self.choose(format!("  dipanggil {h:02}:{m:02} ({waited} mnt lalu)"), format!("  called {h:02}:{m:02} ({waited} min ago)"))
    }

    pub fn ticket_patient(&self, name: Option<&str>) -> String {
        let n = name.unwrap_or("-");
        self.choose(format!("  pasien: {n}"), format!("  patient: {n}"))
    }

    pub fn skipped_today(&self, n: usize) -> String {
        self.choose(format!("Terlewat hari ini ({n})"), format!("Skipped today ({n})"))
    }

    pub fn waiting_count(&self, n: usize) -> String {
        self.choose(format!("Menunggu ({n})"), format!("Waiting ({n})"))
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

    /// The ordering rule in words, for the counter screen's help.
    pub fn ordering_rule(&self, every: u32, max_wait_minutes: i64) -> String {
        self.choose(
            format!("Urutan: tiket prioritas dipanggil setelah {every} panggilan biasa (bila keduanya menunggu), atau langsung bila sudah menunggu {max_wait_minutes} menit."),
            format!("Order: a priority ticket is called after {every} normal calls (when both wait), or at once after waiting {max_wait_minutes} minutes."),
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

    pub fn database_line(&self, path: &str) -> String {
        self.choose(format!("Database: {path}"), format!("Database: {path}"))
    }

    pub fn demo_ready(&self, users: usize, patients: u64, products: usize, path: &str) -> String {
        self.choose(
            format!("Demo siap di {path}: {users} pengguna, {patients} pasien, {products} produk ditambahkan."),
            format!("Demo ready at {path}: added {users} users, {patients} patients, {products} products."),
        )
    }

    pub fn init_done(&self, admin: &str, path: &str) -> String {
        self.choose(
            format!("Database dibuat di {path}; admin pertama: {admin}."),
            format!("Database created at {path}; first admin: {admin}."),
        )
    }

    pub fn config_written(&self, path: &str) -> String {
        self.choose(format!("Pengaturan contoh ditulis ke {path}."), format!("Sample settings written to {path}."))
    }

    pub fn user_added(&self, name: &str, role: Role) -> String {
        self.choose(format!("Pengguna {name} ({}) ditambahkan.", self.role(role)), format!("User {name} ({}) added.", self.role(role)))
    }

    pub fn pin_was_reset(&self, name: &str) -> String {
        self.choose(format!("PIN {name} diatur ulang; kunci dibuka."), format!("{name}'s PIN reset; lockout lifted."))
    }

    pub fn user_disabled(&self, name: &str, disabled: bool) -> String {
        match disabled {
            true => self.choose(format!("Pengguna {name} dinonaktifkan."), format!("User {name} disabled.")),
            false => self.choose(format!("Pengguna {name} diaktifkan lagi."), format!("User {name} enabled again.")),
        }
    }

    pub fn audit_entries(&self, n: i64) -> String {
        self.choose(format!("{}: {n} entri, rantai hash cocok.", self.audit_ok()), format!("{}: {n} entries, hash chain matches.", self.audit_ok()))
    }

    pub fn audit_break(&self, b: &AuditBreak) -> String {
        match b {
            AuditBreak::Altered(id) => self.choose(
                format!("Log audit RUSAK: entri {id} telah diubah."),
                format!("Audit log BROKEN: entry {id} was altered."),
            ),
            AuditBreak::Gap(id) => self.choose(
                format!("Log audit RUSAK: entri sebelum {id} hilang atau diubah urutannya."),
                format!("Audit log BROKEN: entries before {id} were removed or reordered."),
            ),
            AuditBreak::Truncated { expected_last, found_last } => self.choose(
                format!("Log audit RUSAK: entri terakhir seharusnya {expected_last}, yang ada {found_last}: entri di akhir dihapus."),
                format!("Audit log BROKEN: the last entry should be {expected_last} but is {found_last}: entries were cut from the end."),
            ),
        }
    }

    pub fn pin_error(&self, e: PinError) -> &'static str {
        match e {
            PinError::NotDigits => self.pick("PIN hanya boleh berisi angka.", "A PIN may hold digits only."),
            PinError::Length => self.pick("PIN harus 4 sampai 8 angka.", "A PIN must be 4 to 8 digits."),
        }
    }

    pub fn user_name_error(&self, e: UserNameError) -> &'static str {
        match e {
            UserNameError::Empty => self.pick("Nama login kosong.", "The login name is empty."),
            UserNameError::TooLong => self.pick("Nama login paling panjang 32 huruf.", "A login name has at most 32 characters."),
            UserNameError::BadChar => self.pick(
                "Nama login hanya boleh huruf, angka, titik, tanda hubung dan garis bawah.",
                "A login name may hold letters, digits, dot, dash and underscore only.",
            ),
        }
    }

    pub fn nik_error(&self, e: &NikError) -> String {
        match e {
            NikError::Length(n) => self.choose(format!("NIK harus 16 angka (ada {n})."), format!("A NIK has 16 digits (this has {n}).")),
            NikError::NotDigits => self.pick("NIK hanya boleh berisi angka.", "A NIK may hold digits only.").into(),
            NikError::UnknownProvince(p) => self.choose(format!("Kode provinsi {p:02} tidak dikenal."), format!("Province code {p:02} is unknown.")),
            NikError::ImpossibleDate { day, month } => self.choose(
                format!("Tanggal lahir dalam NIK tidak mungkin ({day:02}-{month:02})."),
                format!("The birth date in the NIK is impossible ({day:02}-{month:02})."),
            ),
            NikError::SerialZero => self.pick("Nomor urut NIK tidak boleh 0000.", "The NIK serial may not be 0000.").into(),
        }
    }

    pub fn config_problem(&self, p: &ConfigProblem) -> String {
        match p {
            ConfigProblem::Unreadable(e) => self.choose(format!("tidak bisa dibaca ({e})"), format!("cannot be read ({e})")),
            ConfigProblem::Syntax(e) => self.choose(format!("penulisan TOML salah: {e}"), format!("TOML syntax error: {e}")),
            ConfigProblem::UnknownKey => self.pick("kunci tidak dikenal", "unknown key").into(),
            ConfigProblem::WrongType(e) => self.choose(format!("nilai tidak sah: {e}"), format!("invalid value: {e}")),
            ConfigProblem::BadTimezone(v) => self.choose(
                format!("\"{v}\" bukan zona waktu; pakai WIB, WITA atau WIT"),
                format!("\"{v}\" is not a time zone; use WIB, WITA or WIT"),
            ),
            ConfigProblem::BadLanguage(v) => self.choose(
                format!("\"{v}\" bukan bahasa; pakai id atau en"),
                format!("\"{v}\" is not a language; use id or en"),
            ),
            ConfigProblem::Empty => self.pick("tidak boleh kosong", "may not be empty").into(),
            ConfigProblem::OutOfRange { min, max } => {
                self.choose(format!("harus antara {min} dan {max}"), format!("must be between {min} and {max}"))
            }
            ConfigProblem::BadServiceCode(c) => self.choose(
                format!("kode layanan \"{c}\" harus satu huruf A-Z"),
                format!("service code \"{c}\" must be one letter A-Z"),
            ),
            ConfigProblem::Duplicate(v) => self.choose(format!("\"{v}\" sudah dipakai"), format!("\"{v}\" is used twice")),
            ConfigProblem::UnknownService(c) => {
                self.choose(format!("layanan \"{c}\" tidak dikenal"), format!("unknown service \"{c}\""))
            }
            ConfigProblem::UnknownCounter(n) => {
                self.choose(format!("loket {n} tidak ada di [[counters]]"), format!("counter {n} is not in [[counters]]"))
            }
            ConfigProblem::BadCkgWindow(v) => self.choose(
                format!("\"{v}\" bukan aturan CKG; pakai birthday atau year"),
                format!("\"{v}\" is not a CKG window; use birthday or year"),
            ),
            ConfigProblem::BadVoiceEngine(v) => self.choose(
                format!("\"{v}\" bukan mesin suara; pakai espeak, clips atau off"),
                format!("\"{v}\" is not a voice engine; use espeak, clips or off"),
            ),
            ConfigProblem::NotOneOf { value, allowed } => self.choose(
                format!("\"{value}\" tidak dikenal; pilih salah satu: {allowed}"),
                format!("\"{value}\" is not known; choose one of: {allowed}"),
            ),
            ConfigProblem::Missing { transport } => {
                self.choose(format!("wajib diisi untuk transport {transport}"), format!("required for transport {transport}"))
            }
            ConfigProblem::SecretExposed { mode, path } => self.choose(
                format!("berkas rahasia bisa dibaca pengguna lain (mode {mode:03o}); jalankan: chmod 600 {path}"),
                format!("the secret file can be read by other users (mode {mode:03o}); run: chmod 600 {path}"),
            ),
        }
    }

    pub fn keymap_problem(&self, p: &KeymapProblem) -> String {
        match p {
            KeymapProblem::Syntax(e) => self.choose(format!("penulisan TOML salah: {e}"), format!("TOML syntax error: {e}")),
            KeymapProblem::UnknownTable => self.pick("tabel tidak dikenal", "unknown table").into(),
            KeymapProblem::NotATable => self.pick("harus berupa tabel [nama]", "must be a [table]").into(),
            KeymapProblem::UnknownKey => self.pick("nama tombol tidak dikenal", "unknown key name").into(),
            KeymapProblem::NotAString => self.pick("nilai harus nama aksi dalam tanda kutip", "the value must be an action name in quotes").into(),
            KeymapProblem::UnknownAction(a) => self.choose(format!("aksi \"{a}\" tidak dikenal"), format!("unknown action \"{a}\"")),
            KeymapProblem::ActionNotHere(a) => {
                self.choose(format!("aksi \"{a}\" tidak berlaku di tabel ini"), format!("action \"{a}\" does not apply in this table"))
            }
            KeymapProblem::Conflict(other) => self.choose(
                format!("bentrok: tombol yang sama dengan \"{other}\""),
                format!("conflict: the same key as \"{other}\""),
            ),
            KeymapProblem::TypingKey => self.pick(
                "huruf biasa di layar isian harus masuk ke kolom; pakai ctrl- atau tombol fungsi",
                "a plain character on an input screen must reach the field; use ctrl- or a function key",
            )
            .into(),
        }
    }

    pub fn store_error(&self, e: &StoreError) -> String {
        match e {
            StoreError::Missing(p) => self.choose(
                format!("Database {} belum ada. Buat dengan `loket init` atau coba `loket demo`.", p.display()),
                format!("Database {} does not exist. Create it with `loket init`, or try `loket demo`.", p.display()),
            ),
            StoreError::NoFolder(p) => {
                self.choose(format!("Folder {} tidak ada.", p.display()), format!("The folder {} does not exist.", p.display()))
            }
            StoreError::NotWritable(p) => self.choose(
                format!("Database {} tidak bisa ditulis (periksa izin file dan folder).", p.display()),
                format!("Database {} cannot be written (check the file and folder permissions).", p.display()),
            ),
            StoreError::Unreadable(p) => self.choose(
                format!("Database {} tidak bisa dibaca oleh akun ini (periksa grup dan izin file).", p.display()),
                format!("Database {} cannot be read by this account (check the group and file permissions).", p.display()),
            ),
            StoreError::Corrupt(p) => self.choose(
                format!("{} bukan database Loket atau rusak. Pulihkan dari cadangan.", p.display()),
                format!("{} is not a Loket database or is damaged. Restore it from a backup.", p.display()),
            ),
            StoreError::TooNew { path, found, known } => self.choose(
                format!(
                    "Database {} dibuat oleh versi Loket yang lebih baru (skema {found}, versi ini sampai {known}). Perbarui Loket.",
                    path.display()
                ),
                format!(
                    "Database {} was written by a newer Loket (schema {found}, this version knows up to {known}). Update Loket.",
                    path.display()
                ),
            ),
            StoreError::Busy => self.pick(
                "Database sedang sibuk dipakai loket lain; coba lagi.",
                "The database is busy with another counter; try again.",
            )
            .into(),
            StoreError::UserExists(n) => self.choose(format!("Pengguna {n} sudah ada."), format!("User {n} already exists.")),
            StoreError::NoSuchUser(n) => self.choose(format!("Pengguna {n} tidak ada."), format!("There is no user {n}.")),
            StoreError::LastAdmin => self.pick(
                "Admin aktif terakhir tidak bisa dinonaktifkan.",
                "The last active admin cannot be disabled.",
            )
            .into(),
            StoreError::AlreadyInitialised => self.pick(
                "Database ini sudah disiapkan; tambah pengguna dengan `loket user add`.",
                "This database is already set up; add users with `loket user add`.",
            )
            .into(),
            StoreError::NoCurrentTicket => {
                self.pick("Tidak ada tiket yang sedang dilayani di loket ini.", "No ticket is being served at this counter.").into()
            }
            StoreError::CounterBusy => self.pick(
                "Loket ini masih melayani tiket lain; selesaikan, lewati atau alihkan dulu.",
                "This counter is still serving another ticket; finish, skip or transfer it first.",
            )
            .into(),
            StoreError::DiskFull => self.pick("Disk penuh.", "The disk is full.").into(),
            StoreError::ShiftAlreadyOpen => self.pick("Anda sudah punya shift yang terbuka.", "You already have an open shift.").into(),
            StoreError::NoOpenShift => self.pick("Belum ada shift terbuka; buka shift dulu.", "No open shift; open one first.").into(),
            StoreError::NoSuchPatient => self.pick("Pasien itu tidak ada (atau sudah digabung).", "No such patient (or already merged).").into(),
            StoreError::NoSuchTicket => self.pick("Tiket itu tidak bisa dipanggil lagi.", "That ticket cannot be called again.").into(),
            StoreError::Sql(e) => self.choose(format!("Kesalahan database: {e}"), format!("Database error: {e}")),
            StoreError::NoSuchPrintJob(id) => self.choose(format!("Tidak ada pekerjaan cetak {id}."), format!("There is no print job {id}.")),
            StoreError::PrintJobClosed { id, status } => self.choose(
                format!("Pekerjaan cetak {id} sudah selesai ({status}); pakai reprint untuk salinan."),
                format!("Print job {id} is already done ({status}); use reprint for a copy."),
            ),
            StoreError::NoSuchOutboxEntry(id) => self.choose(format!("Tidak ada kiriman SATUSEHAT nomor {id}."), format!("There is no SATUSEHAT entry {id}.")),
            StoreError::OutboxAlreadySent(id) => self.choose(
                format!("Kiriman {id} sudah diterima SATUSEHAT; tidak dikirim lagi."),
                format!("Entry {id} was already accepted by SATUSEHAT; it is not sent again."),
            ),
            StoreError::Payload(e) => self.choose(format!("Data kiriman SATUSEHAT rusak: {e}"), format!("SATUSEHAT entry data is damaged: {e}")),
            StoreError::Sale(r) => self.refusal(r),
        }
    }

    // --- printing ---------------------------------------------------------------------------

    /// The printer's part of the status line.
    pub fn printer_status(&self, st: &PrinterStatus) -> String {
        match st {
            PrinterStatus::NotConfigured => self.printer_unset().into(),
            PrinterStatus::Ready => self.printer_ready().into(),
            PrinterStatus::Waiting(n) => self.choose(format!("Printer: {n} menunggu"), format!("Printer: {n} waiting")),
            PrinterStatus::Error { waiting, error } => {
                let what = self.print_error_short(error);
                self.choose(format!("Printer: {what} ({waiting} menunggu)"), format!("Printer: {what} ({waiting} waiting)"))
            }
        }
    }

    /// A few words for the status line.
    pub fn print_error_short(&self, e: &PrintError) -> &'static str {
        match e {
            PrintError::NoPrinter => self.pick("tidak ada", "none"),
            PrintError::Fault(Fault::PaperOut) | PrintError::FaultDuringJob(Fault::PaperOut) => self.pick("kertas habis", "out of paper"),
            PrintError::Fault(Fault::CoverOpen) | PrintError::FaultDuringJob(Fault::CoverOpen) => self.pick("tutup terbuka", "cover open"),
            PrintError::Fault(Fault::Offline) | PrintError::FaultDuringJob(Fault::Offline) => self.pick("offline", "offline"),
            PrintError::NotFound(_) | PrintError::Refused(_) | PrintError::Timeout(_) | PrintError::Unreachable(_) => {
                self.pick("tidak terhubung", "not connected")
            }
            PrintError::Disconnected | PrintError::NoReply => self.pick("terputus", "cut off"),
            PrintError::Width(_) | PrintError::Barcode(_) | PrintError::Render(_) => self.pick("cetakan salah", "bad printout"),
            PrintError::PermissionDenied(_) | PrintError::Cups(_) | PrintError::Serial(_) | PrintError::Io(_) => self.pick("galat", "error"),
        }
    }

    /// A whole sentence: what is wrong and what to check.
    pub fn print_error(&self, e: &PrintError) -> String {
        let fault = |f: &Fault| match f {
            Fault::PaperOut => self.pick("kertas habis", "out of paper"),
            Fault::CoverOpen => self.pick("tutupnya terbuka", "its cover is open"),
            Fault::Offline => self.pick("sedang offline", "offline"),
        };
        match e {
            PrintError::NoPrinter => self.printer_not_configured().into(),
            PrintError::Width(w) => self.choose(
                format!("Lebar kertas {w} kolom tidak bisa dipakai; atur printer.width ke 32 (58 mm) atau 48 (80 mm)."),
                format!("A paper width of {w} columns cannot be used; set printer.width to 32 (58 mm) or 48 (80 mm)."),
            ),
            PrintError::NotFound(p) => self.choose(
                format!("Printer {p} tidak ditemukan: periksa kabel USB dan daya printer, atau path di pengaturan."),
                format!("Printer {p} not found: check the USB cable and the printer's power, or the path in the settings."),
            ),
            PrintError::PermissionDenied(p) => self.choose(
                format!("Tidak boleh menulis ke {p}: tambahkan pengguna ini ke grup lp."),
                format!("Not allowed to write to {p}: add this user to the lp group."),
            ),
            PrintError::Refused(a) => self.choose(
                format!("Printer di {a} menolak sambungan: apakah printer menyala dan alamatnya benar?"),
                format!("The printer at {a} refused the connection: is it switched on, and is the address right?"),
            ),
            PrintError::Timeout(a) | PrintError::Unreachable(a) => self.choose(
                format!("Printer di {a} tidak terjangkau: periksa kabel jaringan dan alamatnya."),
                format!("The printer at {a} cannot be reached: check the network cable and the address."),
            ),
            PrintError::Disconnected => self.pick(
                "Sambungan ke printer terputus di tengah pencetakan; pekerjaan akan dikirim ulang.",
                "The connection to the printer broke during printing; the job will be sent again.",
            )
            .into(),
            PrintError::NoReply => self.pick(
                "Printer tidak menjawab permintaan status; pekerjaan akan dikirim ulang (atau matikan printer.status_check).",
                "The printer did not answer the status request; the job will be sent again (or turn printer.status_check off).",
            )
            .into(),
            PrintError::Fault(f) => self.choose(
                format!("Printer {}; pekerjaan menunggu dan dicetak setelah diperbaiki.", fault(f)),
                format!("The printer is {}; the job waits and prints once that is fixed.", fault(f)),
            ),
            PrintError::FaultDuringJob(f) => self.choose(
                format!("Printer {} saat mencetak; hasilnya mungkin tidak lengkap. Periksa, lalu cetak ulang atau batalkan.", fault(f)),
                format!("The printer went {} while printing; the printout may be incomplete. Check it, then retry or cancel.", fault(f)),
            ),
            PrintError::Cups(m) => self.choose(format!("CUPS menolak pekerjaan: {m}"), format!("CUPS refused the job: {m}")),
            PrintError::Serial(m) => self.choose(format!("Port serial tidak bisa dipakai: {m}"), format!("The serial port cannot be used: {m}")),
            PrintError::Barcode(c) => self.choose(
                format!("Barcode {c} salah (digit periksa tidak cocok); tidak dicetak."),
                format!("Barcode {c} is wrong (its check digit does not match); not printed."),
            ),
            PrintError::Render(m) => self.choose(format!("Cetakan tidak bisa dibuat: {m}"), format!("The printout cannot be made: {m}")),
            PrintError::Io(m) => self.choose(format!("Kesalahan printer: {m}"), format!("Printer error: {m}")),
        }
    }

    pub fn job_status(&self, s: JobStatus) -> &'static str {
        match s {
            JobStatus::Pending => self.pick("menunggu", "waiting"),
            JobStatus::Sent => self.pick("tercetak", "printed"),
            JobStatus::Failed => self.pick("gagal", "failed"),
            JobStatus::Cancelled => self.pick("batal", "cancelled"),
        }
    }

    pub fn doc_kind(&self, k: DocKind) -> &'static str {
        match k {
            DocKind::Receipt => self.pick("struk", "receipt"),
            DocKind::Ticket => self.pick("tiket", "ticket"),
            DocKind::CkgSlip => self.pick("slip CKG", "CKG slip"),
            DocKind::DrugLabel => self.pick("etiket", "drug label"),
            DocKind::ShiftX => self.pick("laporan X", "X report"),
            DocKind::ShiftZ => self.pick("laporan Z", "Z report"),
            DocKind::TestPage => self.pick("uji", "test page"),
        }
    }

    pub fn doc_ahead(&self, n: u32) -> String {
        self.choose(format!("{n} orang di depan Anda"), format!("{n} ahead of you"))
    }

    pub fn doc_wait(&self, minutes: u32) -> String {
        self.choose(format!("Perkiraan tunggu {minutes} menit"), format!("Estimated wait {minutes} minutes"))
    }

    /// `rate_permille`: 110 is 11 %.
    pub fn doc_vat(&self, rate_permille: i64) -> String {
        let rate = crate::domain::money::format_milli(rate_permille * 100);
        self.choose(format!("PPN {rate}%"), format!("VAT {rate}%"))
    }

    pub fn doc_vat_included(&self, rate_permille: i64) -> String {
        let rate = crate::domain::money::format_milli(rate_permille * 100);
        self.choose(format!("Harga sudah termasuk PPN {rate}%"), format!("Prices include {rate}% VAT"))
    }

    pub fn print_sent(&self, id: i64, printer: &str) -> String {
        self.choose(format!("Pekerjaan {id} terkirim ke printer ({printer})."), format!("Job {id} sent to the printer ({printer})."))
    }

    pub fn print_left_waiting(&self, id: i64) -> String {
        self.choose(
            format!("Pekerjaan {id} tetap menunggu di antrean cetak (`loket printer retry {id}`, `reprint`, `cancel`)."),
            format!("Job {id} stays in the print spool (`loket printer retry {id}`, `reprint`, `cancel`)."),
        )
    }

    pub fn print_retried(&self, id: i64) -> String {
        self.choose(format!("Pekerjaan {id} akan dikirim lagi."), format!("Job {id} will be sent again."))
    }

    pub fn print_cancelled(&self, id: i64) -> String {
        self.choose(format!("Pekerjaan {id} dibatalkan."), format!("Job {id} cancelled."))
    }

    pub fn print_reprinted(&self, id: i64, new_id: i64) -> String {
        self.choose(format!("Salinan pekerjaan {id} dibuat sebagai pekerjaan {new_id}."), format!("A copy of job {id} was queued as job {new_id}."))
    }
}

// --- SATUSEHAT ---------------------------------------------------------------------------------
impl Text {
    /// A stored outbox problem (`code: details`, see `sync::sender::error_code`) in words.
    pub fn sync_problem(&self, stored: &str) -> String {
        let (code, detail) = stored.split_once(':').map(|(c, d)| (c, d.trim())).unwrap_or((stored, ""));
        match code {
            "network" => self.choose(format!("Tidak tersambung ke SATUSEHAT ({detail}); dicoba lagi nanti."), format!("No connection to SATUSEHAT ({detail}); tried again later.")),
            "server" => self.choose(format!("Server SATUSEHAT sedang bermasalah (HTTP {detail}); dicoba lagi nanti."), format!("The SATUSEHAT server has a problem (HTTP {detail}); tried again later.")),
            "too-many" => self.pick("SATUSEHAT meminta jeda (HTTP 429); dicoba lagi nanti.", "SATUSEHAT asked for a pause (HTTP 429); tried again later.").into(),
            "credentials" => self.pick(
                "SATUSEHAT menolak client id atau secret; periksa [satusehat] dan berkas secret.",
                "SATUSEHAT refused the client id or secret; check [satusehat] and the secret file.",
            )
            .into(),
            "secret" => self.pick("Berkas secret SATUSEHAT tidak bisa dipakai; periksa isinya dan izinnya (chmod 600).", "The SATUSEHAT secret file cannot be used; check its content and mode (chmod 600).").into(),
            "rejected" => {
                let (status, message) = detail.split_once(' ').unwrap_or((detail, ""));
                self.choose(format!("SATUSEHAT menolak ({status}): {message}"), format!("SATUSEHAT refused ({status}): {message}"))
            }
            "bad-answer" => self.choose(format!("Jawaban SATUSEHAT tidak dimengerti: {detail}"), format!("SATUSEHAT's answer was not understood: {detail}")),
            "unknown-patient" => self.pick(
                "SATUSEHAT belum mengenal NIK pasien; menunggu (periksa NIK, atau pasien perlu didaftarkan di SATUSEHAT).",
                "SATUSEHAT does not know the patient's NIK; waiting (check the NIK, or the patient must be registered in SATUSEHAT).",
            )
            .into(),
            "no-patient-nik" => self.pick("Pasien belum punya NIK; isi NIK di data pasien, lalu kirim ulang.", "The patient has no NIK; add it to the patient's record, then retry.").into(),
            "no-practitioner-nik" => self.choose(
                format!("Pemeriksa {detail} belum punya NIK tenaga kesehatan: `loket user set-nik NAMA NIK`, lalu `loket sync retry`."),
                format!("Examiner {detail} has no practitioner NIK: `loket user set-nik NAME NIK`, then `loket sync retry`."),
            ),
            "unknown-practitioner" => self.choose(
                format!("SATUSEHAT tidak mengenal NIK pemeriksa {detail}; periksa dengan `loket user set-nik`."),
                format!("SATUSEHAT does not know examiner {detail}'s NIK; check it with `loket user set-nik`."),
            ),
            "payload" => self.pick("Data kiriman rusak.", "The entry's data is damaged.").into(),
            _ => stored.to_string(),
        }
    }

    pub fn sync_not_configured(&self) -> &'static str {
        self.pick(
            "SATUSEHAT belum diatur: tambahkan bagian [satusehat] di config.toml (lihat README). Hasil CKG tetap tersimpan dan menunggu.",
            "SATUSEHAT is not configured: add a [satusehat] section to config.toml (see the README). CKG results are kept and wait.",
        )
    }

    pub fn sync_title(&self) -> &'static str {
        self.pick("Kiriman SATUSEHAT", "SATUSEHAT sync")
    }

    /// `loket sync status` and the screen: counts and the age of the oldest waiting entry.
    pub fn sync_counts(&self, pending: i64, waiting_patient: i64, sent: i64, failed: i64) -> String {
        self.choose(
            format!("Menunggu: {pending}   Menunggu pasien: {waiting_patient}   Terkirim: {sent}   Gagal: {failed}"),
            format!("Pending: {pending}   Waiting for patient: {waiting_patient}   Sent: {sent}   Failed: {failed}"),
        )
    }

    pub fn sync_oldest(&self, minutes: i64) -> String {
        let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
        let age = match (d, h) {
            (0, 0) => format!("{m} {}", self.pick("menit", "min")),
            (0, _) => format!("{h} {} {m} {}", self.pick("jam", "h"), self.pick("menit", "min")),
            _ => format!("{d} {} {h} {}", self.pick("hari", "d"), self.pick("jam", "h")),
        };
        self.choose(format!("Yang tertua menunggu sejak {age} lalu."), format!("The oldest has waited {age}."))
    }

    pub fn sync_nothing_waiting(&self) -> &'static str {
        self.pick("Tidak ada yang menunggu dikirim.", "Nothing is waiting to be sent.")
    }

    pub fn sync_problems_header(&self) -> &'static str {
        self.pick("NO    STATUS           COBA  DIBUAT            MASALAH", "ID    STATUS           TRIES CREATED           PROBLEM")
    }

    pub fn sync_status_name(&self, s: crate::store::outbox::OutboxStatus) -> &'static str {
        use crate::store::outbox::OutboxStatus::*;
        match s {
            Pending => self.pick("menunggu", "pending"),
            Sent => self.pick("terkirim", "sent"),
            Failed => self.pick("gagal", "failed"),
            WaitingPatient => self.pick("tunggu pasien", "wait patient"),
        }
    }

    /// `loket sync`: what one round did.
    pub fn sync_round(&self, sent: usize, found: usize, failed: usize, waiting_patient: usize) -> String {
        self.choose(
            format!("Terkirim: {sent} (sudah ada di server: {found}), gagal: {failed}, menunggu pasien: {waiting_patient}."),
            format!("Sent: {sent} (already on the server: {found}), failed: {failed}, waiting for patient: {waiting_patient}."),
        )
    }

    pub fn sync_error(&self, e: &crate::sync::SyncError) -> String {
        match e {
            crate::sync::SyncError::Secret(p) => format!("satusehat.secret_file: {}", self.config_problem(p)),
            other => self.sync_problem(&crate::sync::sender::error_code(other)),
        }
    }

    pub fn sync_retried(&self, id: i64) -> String {
        self.choose(format!("Kiriman {id} akan dikirim lagi."), format!("Entry {id} will be sent again."))
    }

    pub fn practitioner_nik_set(&self, name: &str) -> String {
        self.choose(format!("NIK tenaga kesehatan {name} disimpan."), format!("Practitioner NIK of {name} saved."))
    }

    pub fn sync_screen_hint(&self) -> &'static str {
        self.pick(
            "Perbaiki masalahnya (NIK pasien, NIK pemeriksa), lalu `loket sync retry NO`. Data tidak hilang.",
            "Fix the problem (patient NIK, examiner NIK), then `loket sync retry ID`. No data is lost.",
        )
    }

    pub fn sync_off_line(&self) -> &'static str {
        self.pick("Pengiriman otomatis: mati (belum diatur)", "Automatic sending: off (not configured)")
    }

    pub fn sync_on_line(&self, environment: &str) -> String {
        self.choose(format!("Pengiriman otomatis: aktif ({environment})"), format!("Automatic sending: on ({environment})"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fixed_text_has_both_languages() {
        for (id, en) in ALL_FIXED {
            assert!(!id.trim().is_empty() && !en.trim().is_empty(), "{id} / {en}");
        }
    }

    #[test]
    fn indonesian_is_the_default() {
        assert_eq!(Lang::default(), Lang::Id);
        assert_eq!(Text::new(Lang::default()).bad_credentials(), "Nama atau PIN salah.");
    }

    #[test]
    fn every_action_has_a_label_and_help_in_both_languages() {
        for lang in [Lang::Id, Lang::En] {
            let t = Text::new(lang);
            for a in Action::ALL {
                assert!(!t.action_label(a).is_empty() && !t.action_help(a).is_empty());
            }
        }
    }

    #[test]
    fn catalog_is_plain_ascii_for_the_linux_console() {
        for (id, en) in ALL_FIXED {
            assert!(id.is_ascii() && en.is_ascii(), "{id}");
        }
    }
}
