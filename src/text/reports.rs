//! Shift and report texts: opening and closing a shift, cash, the supervisor view and `loket report`.

use super::{Lang, Text};

texts! {
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
    shift_none_open => "Belum ada shift terbuka.", "No shift is open.";
    shift_open_prompt => "Modal awal (Rp):", "Opening float (Rp):";
    shift_amount_prompt => "Jumlah (Rp):", "Amount (Rp):";
    shift_reason_prompt => "Alasan:", "Reason:";
    shift_count_prompt => "Uang tunai dihitung (Rp):", "Cash counted (Rp):";
    shift_noncash_prompt => "QRIS menurut slip (Rp):", "QRIS by the slips (Rp):";
    shift_blind_note => "Hitung uang di laci. Jumlah seharusnya hanya dilihat pengawas.", "Count the cash in the drawer. The expected amount is for the supervisor only.";
    shift_bad_amount => "Jumlah harus angka rupiah 0 atau lebih.", "The amount must be whole rupiah, 0 or more.";
    shift_need_reason => "Isi alasannya.", "Give the reason.";
    shift_closed_ok => "Shift ditutup. Laporan Z tersimpan.", "Shift closed. The Z report is stored.";
    shift_opened_ok => "Shift dibuka.", "Shift opened.";
    role_may_not_shift => "Shift hanya untuk kasir dan apotek (pengawas melihat laporannya).", "Shifts are for cashiers and pharmacy staff (supervisors see the reports).";
    shift_cash_ok => "Kas tercatat.", "Cash recorded.";
    shift_x_ok => "Laporan X dicetak.", "X report printed.";
    shift_sale_open => "Selesaikan atau parkir penjualan yang sedang berjalan sebelum menutup shift.", "Finish or park the sale in progress before closing the shift.";
    supervisor_only_report => "Akun ini hanya membuka tampilan pengawas atau `report ...`.", "This account opens the supervisor view or `report ...` only.";
    supervisor_title => "Pengawas (hanya baca)", "Supervisor (read-only)";
}

impl Text {
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
}

impl Text {
    pub fn supervisor_hint(&self, prev: &str, next: &str, export: &str) -> String {
        self.choose(
            format!("{prev} hari sebelumnya, {next} hari berikutnya, {export} ekspor CSV. Hanya baca."),
            format!("{prev} previous day, {next} next day, {export} export CSV. Read-only."),
        )
    }

    pub fn sale_needs_shift(&self, shift: &str) -> String {
        self.choose(format!("Buka shift dulu ({shift}) sebelum menjual."), format!("Open a shift first ({shift}) before selling."))
    }
}

/// The parts of a CSV export of the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvPart {
    Period,
    Queue,
    Ckg,
    Sales,
    Sections,
    Methods,
    Cashiers,
    Discounts,
    Returns,
    Shifts,
    Stock,
}

impl Text {
    /// A CSV part's title and column names.
    pub fn csv_part(&self, part: CsvPart) -> (&'static str, &'static [&'static str]) {
        use CsvPart::*;
        match (self.lang, part) {
            (Lang::Id, Period) => ("Periode", &["Dari", "Sampai"]),
            (Lang::En, Period) => ("Period", &["From", "To"]),
            (Lang::Id, Queue) => ("Antrean", &["Layanan", "Diambil", "Dilayani", "Dilewati", "Rata-rata tunggu (menit)", "Tunggu p90 (menit)"]),
            (Lang::En, Queue) => ("Queue", &["Service", "Taken", "Served", "Skipped", "Average wait (minutes)", "90th percentile wait (minutes)"]),
            (Lang::Id, Ckg) => ("CKG", &["Pemeriksaan", "Rujukan"]),
            (Lang::En, Ckg) => ("CKG", &["Checks", "Referrals"]),
            (Lang::Id, Sales) => ("Penjualan", &["Jumlah penjualan", "Total (Rp)", "Retur (Rp)", "Pembulatan tunai (Rp)"]),
            (Lang::En, Sales) => ("Sales", &["Sales", "Total (Rp)", "Returned (Rp)", "Cash rounding (Rp)"]),
            (Lang::Id, Sections) => ("Penjualan per bagian", &["Bagian", "Jumlah (Rp)"]),
            (Lang::En, Sections) => ("Sales by section", &["Section", "Amount (Rp)"]),
            (Lang::Id, Methods) => ("Pembayaran per cara", &["Cara", "Jumlah bersih (Rp)"]),
            (Lang::En, Methods) => ("Payments by method", &["Method", "Net amount (Rp)"]),
            (Lang::Id, Cashiers) => ("Penjualan per kasir", &["Kasir", "Penjualan", "Jumlah (Rp)"]),
            (Lang::En, Cashiers) => ("Sales by cashier", &["Cashier", "Sales", "Amount (Rp)"]),
            (Lang::Id, Discounts) => ("Diskon per kasir", &["Kasir", "Diskon", "Jumlah (Rp)"]),
            (Lang::En, Discounts) => ("Discounts by cashier", &["Cashier", "Discounts", "Amount (Rp)"]),
            (Lang::Id, Returns) => ("Pembatalan dan retur", &["Jenis", "Nota", "Jumlah (Rp)", "Kasir", "Disetujui", "Alasan"]),
            (Lang::En, Returns) => ("Voids and returns", &["Kind", "Receipt", "Amount (Rp)", "Cashier", "Approved by", "Reason"]),
            (Lang::Id, Shifts) => (
                "Shift",
                &["Z", "Kasir", "Hari", "Modal (Rp)", "Kas seharusnya (Rp)", "Kas dihitung (Rp)", "Selisih (Rp)", "QRIS tercatat (Rp)", "QRIS dilaporkan (Rp)"],
            ),
            (Lang::En, Shifts) => (
                "Shifts",
                &["Z", "Cashier", "Day", "Float (Rp)", "Expected cash (Rp)", "Counted cash (Rp)", "Difference (Rp)", "QRIS recorded (Rp)", "QRIS reported (Rp)"],
            ),
            (Lang::Id, Stock) => ("Stok", &["Keadaan", "Barang", "Batch", "Kedaluwarsa", "Stok (x1000)"]),
            (Lang::En, Stock) => ("Stock", &["State", "Product", "Batch", "Expiry", "On hand (x1000)"]),
        }
    }
}
