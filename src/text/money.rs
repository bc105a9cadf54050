//! Money at the counter: choosing and confirming a payment method, large change, cash rounding,
//! the shift count and its confirmation, the list of recent sales, refund slips and discounts,
//! in Bahasa Indonesia and English.

use super::Text;
use crate::domain::cart::{Method, ReferenceError};
use crate::domain::money::format_rupiah as rp;

texts! {
    sale_rounding_label => "Pembulatan tunai", "Cash rounding";
    x_for_supervisors => "Laporan X kasir lain hanya untuk pengawas.", "Another cashier's X report is for supervisors only.";
    shift_count_hint => "Hitung uang di laci; boleh per pecahan: 100000x2 50000x1 500x3.", "Count the cash in the drawer; by denomination if you like: 100000x2 50000x1 500x3.";
    doc_qris_reported => "QRIS dilaporkan", "QRIS reported";
    doc_qris_recorded => "QRIS tercatat", "QRIS recorded";
    doc_qris_difference => "Selisih QRIS", "QRIS difference";
    doc_void_title => "PEMBATALAN PENJUALAN", "SALE VOIDED";
    doc_return_title => "BUKTI RETUR", "RETURN SLIP";
    doc_approved_by => "Disetujui", "Approved by";
    doc_refund_total => "Dikembalikan", "Refunded";
    doc_reason => "Alasan", "Reason";
    doc_signature_customer => "Tanda tangan pelanggan", "Customer's signature";
    sale_status_voided => "DIBATALKAN", "VOIDED";
    sale_park_discount => "Penjualan dengan diskon tidak bisa ditahan: selesaikan dulu, atau hapus barisnya.", "A sale with a discount cannot be parked: finish it first, or remove the line.";
    read_only_view => "Tampilan ini hanya-baca: cetak laporan X dari loket (F9, F8) atau `loket shift x --cashier`.", "This view is read-only: print X reports at a counter (F9, F8) or with `loket shift x --cashier`.";
    sale_none_recent => "Belum ada penjualan minggu ini.", "No sales this week yet.";
    discount_hint => "Di atas batas, atau tanpa hak memberi diskon, perlu PIN pengawas.", "Above the limit, or without the right to give it, a supervisor's PIN is needed.";
    doc_voids_count => "Batal/retur", "Voids/returns";
    doc_cash_in_count => "Kas masuk (kali)", "Cash in (times)";
    doc_cash_out_count => "Kas keluar (kali)", "Cash out (times)";
    doc_x_blind_note => "Laporan sementara kasir: uang tunai dihitung saat tutup shift.", "Cashier's interim report: cash is counted at closing.";
}

impl Text {
    /// The entry field's label while paying: it names the method being entered.
    pub fn sale_pay_prompt(&self, m: Method) -> &'static str {
        match m {
            Method::Cash => self.pick("TUNAI, uang diterima:", "CASH, amount tendered:"),
            Method::Qris => self.pick("QRIS, no. referensi:", "QRIS, reference:"),
            Method::MemberCredit => self.pick("KREDIT ANGGOTA, Enter:", "MEMBER CREDIT, Enter:"),
        }
    }
    pub fn sale_confirm_change(&self, tendered: i64, change: i64) -> String {
        self.choose(
            format!("Diterima {} berarti kembalian {}. Benar? Enter lagi = ya, atau ketik jumlah lain.", rp(tendered), rp(change)),
            format!("{} tendered means {} change. Right? Enter again = yes, or type another amount.", rp(tendered), rp(change)),
        )
    }
    pub fn qris_reference_error(&self, e: ReferenceError) -> &'static str {
        match e {
            ReferenceError::Empty => self.pick(
                "Ketik nomor referensi QRIS dari aplikasi/EDC setelah pembayaran terlihat berhasil.",
                "Type the QRIS reference from the app or terminal once the payment shows as paid.",
            ),
            ReferenceError::TooShort => self.pick("Nomor referensi QRIS terlalu pendek (minimal 4 karakter).", "The QRIS reference is too short (at least 4 characters)."),
            ReferenceError::LooksLikeAmount => self.pick(
                "Itu seperti jumlah uang, bukan nomor referensi QRIS. Untuk tunai, pilih Tunai dulu.",
                "That looks like an amount, not a QRIS reference. For cash, choose Cash first.",
            ),
        }
    }
    /// The status line while the user's shift is open.
    pub fn status_shift(&self, id: i64, since: &str) -> String {
        self.choose(format!("Shift #{id} sejak {since}"), format!("Shift #{id} since {since}"))
    }
    pub fn shift_close_confirm(&self, counted: i64, noncash: i64) -> String {
        self.choose(
            format!("Tunai {}, QRIS {}: tutup? Enter = ya, Esc = ubah", rp(counted), rp(noncash)),
            format!("Cash {}, QRIS {}: close? Enter = yes, Esc = change", rp(counted), rp(noncash)),
        )
    }
    pub fn count_error(&self, e: &crate::domain::cash::CountError) -> String {
        use crate::domain::cash::CountError;
        match e {
            CountError::NotAnAmount(s) => self.choose(
                format!("\"{s}\" bukan jumlah rupiah (contoh: 230.700, atau per pecahan 100000x2 50000x1)."),
                format!("\"{s}\" is not whole rupiah (e.g. 230.700, or by denomination 100000x2 50000x1)."),
            ),
            CountError::NotADenomination(s) => self.choose(
                format!("\"{s}\": tidak ada uang kertas atau logam rupiah sebesar itu."),
                format!("\"{s}\": there is no rupiah note or coin of that value."),
            ),
        }
    }
    pub fn report_qris_check(&self, reported: &str, recorded: &str, diff: &str) -> String {
        self.choose(
            format!("QRIS: dilaporkan {reported}, tercatat {recorded}, selisih {diff}"),
            format!("QRIS: reported {reported}, recorded {recorded}, difference {diff}"),
        )
    }
    pub fn rx_patient_linked(&self, name: &str) -> String {
        self.choose(format!("Pasien: {name} (rekam medis terhubung)"), format!("Patient: {name} (record linked)"))
    }
    pub fn sale_reprinted(&self, number: &str) -> String {
        self.choose(format!("Salinan struk {number} dicetak (laci tidak dibuka)."), format!("A copy of receipt {number} is printing (the drawer stays shut)."))
    }
    pub fn sale_no_receipt(&self, number: &str) -> String {
        self.choose(
            format!("Struk {number} tidak tersimpan (dijual tanpa printer)."),
            format!("Receipt {number} was not stored (sold with no printer set up)."),
        )
    }
    pub fn sale_recent_title(&self) -> &'static str {
        self.pick("Penjualan hari ini dan terakhir (Enter = batal/retur, F8 = cetak ulang)", "Today's and recent sales (Enter = void/return, F8 = reprint)")
    }
    pub fn discount_error(&self, name: &str, e: crate::domain::discount::DiscountError) -> String {
        use crate::domain::discount::DiscountError;
        let what = if name.is_empty() { String::new() } else { format!("{name}: ") };
        match e {
            DiscountError::Unreadable => self.choose(
                format!("{what}ketik diskon sebagai persen (10%) atau rupiah (5.000)."),
                format!("{what}type the discount as a percent (10%) or in rupiah (5.000)."),
            ),
            DiscountError::Zero => self.choose(format!("{what}diskon atau harga harus lebih dari nol."), format!("{what}the discount or price must be more than zero.")),
            DiscountError::AbovePrice { price } => self.choose(
                format!("{what}diskon tidak boleh melebihi harganya ({}).", rp(price)),
                format!("{what}a discount may not exceed the price ({}).", rp(price)),
            ),
            DiscountError::MissingReason => self.choose(format!("{what}isi alasan diskon atau perubahan harga."), format!("{what}give the reason for the discount or price change.")),
        }
    }
    pub fn discount_needs_approval(&self, name: &str) -> String {
        let what = if name.is_empty() { String::new() } else { format!("{name}: ") };
        self.choose(
            format!("{what}diskon ini perlu persetujuan pengawas: isi nama dan PIN pengawas."),
            format!("{what}this discount needs a supervisor's approval: give the supervisor's name and PIN."),
        )
    }
    pub fn report_discounts(&self, cashier: &str, n: i64, amount: &str) -> String {
        self.choose(format!("Diskon oleh {cashier}: {n} kali, {amount}"), format!("Discounts by {cashier}: {n}, {amount}"))
    }
    pub fn discount_line_hint(&self, n: usize) -> String {
        self.choose(
            format!("Baris: nomor 1 sampai {n} (kosong = diskon untuk seluruh penjualan)."),
            format!("Line: a number from 1 to {n} (empty = a discount on the whole sale)."),
        )
    }
    pub fn discount_given(&self, name: &str, total: i64) -> String {
        match name.is_empty() {
            true => self.choose(format!("Diskon penjualan dicatat; total sekarang {}.", rp(total)), format!("Sale discount recorded; the total is now {}.", rp(total))),
            false => self.choose(format!("{name}: diskon/harga dicatat; total sekarang {}.", rp(total)), format!("{name}: discount/price recorded; the total is now {}.", rp(total))),
        }
    }
    pub fn discount_title(&self, price_change: bool) -> &'static str {
        if price_change {
            self.pick("Ubah harga (dengan alasan)", "Change the price (with a reason)")
        } else {
            self.pick("Diskon (dengan alasan)", "Discount (with a reason)")
        }
    }
    pub fn discount_fields(&self, price_change: bool) -> [&'static str; 5] {
        match (self.lang, price_change) {
            (crate::domain::lang::Lang::Id, false) => ["Baris (kosong = semua)", "Diskon (10% atau 5.000)", "Alasan", "Nama pengawas (jika perlu)", "PIN pengawas"],
            (crate::domain::lang::Lang::Id, true) => ["Baris", "Harga satuan baru (Rp)", "Alasan", "Nama pengawas (jika perlu)", "PIN pengawas"],
            (crate::domain::lang::Lang::En, false) => ["Line (empty = all)", "Discount (10% or 5.000)", "Reason", "Supervisor (if needed)", "Supervisor's PIN"],
            (crate::domain::lang::Lang::En, true) => ["Line", "New unit price (Rp)", "Reason", "Supervisor (if needed)", "Supervisor's PIN"],
        }
    }
    pub fn line_discounts(&self, amount: i64) -> String {
        self.choose(format!("Diskon baris (%) {}", rp(-amount)), format!("Line discounts (%) {}", rp(-amount)))
    }
    pub fn sale_discount_line(&self, amount: i64) -> String {
        self.choose(format!("Diskon penjualan {}", rp(-amount)), format!("Sale discount {}", rp(-amount)))
    }
    pub fn x_reports_printed(&self, n: usize) -> String {
        match n {
            0 => self.pick("Tidak ada shift terbuka hari ini.", "No shift is open today.").to_string(),
            n => self.choose(format!("Laporan X lengkap dicetak untuk {n} shift terbuka."), format!("Full X reports printed for {n} open shifts.")),
        }
    }
    pub fn no_such_user(&self, name: &str) -> String {
        self.choose(format!("Tidak ada pengguna {name}."), format!("There is no user {name}."))
    }
    pub fn sale_cash_rounded(&self, amount: i64) -> String {
        self.choose(format!("Tunai dibulatkan {}", rp(amount)), format!("Cash, rounded {}", rp(amount)))
    }
}
