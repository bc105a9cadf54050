//! Money at the counter: choosing and confirming a payment method, large change, cash rounding,
//! the shift count and its confirmation, the list of recent sales, refund slips and discounts,
//! in Bahasa Indonesia and English.

use super::Text;
use crate::domain::cart::{Method, ReferenceError};
use crate::domain::money::format_rupiah as rp;

texts! {
    sale_rounding_label => "Pembulatan tunai", "Cash rounding";
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
    pub fn sale_cash_rounded(&self, amount: i64) -> String {
        self.choose(format!("Tunai dibulatkan {}", rp(amount)), format!("Cash, rounded {}", rp(amount)))
    }
}
