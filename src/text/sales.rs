//! Sales, stock and catalog texts, in Bahasa Indonesia and English (part of the catalog in
//! `src/text/`, kept in its own file because the sale counter has many).

use super::{Lang, Text};
use crate::action::Action;
use crate::domain::cart::{Method, PriceWarning, QtyError};
use crate::domain::drug_policy::{DrugClass, PrescriptionError, Verdict};
use crate::domain::money::{format_milli, format_rupiah as rp};
use crate::store::sales::Refusal;

impl Text {
    pub(super) fn sale_action_label(&self, a: Action) -> &'static str {
        match a {
            Action::SearchProduct => self.pick("Cari", "Search"),
            Action::SetQuantity => self.pick("Jumlah", "Qty"),
            Action::RemoveLine => self.pick("Hapus", "Remove"),
            Action::AttachMember => self.pick("Anggota", "Member"),
            Action::Pay => self.pick("Bayar", "Pay"),
            Action::ParkSale => self.pick("Tahan", "Park"),
            Action::ResumeSale => self.pick("Lanjut", "Resume"),
            Action::VoidSale => self.pick("Batal/Retur", "Void/Return"),
            Action::PayCash => self.pick("Tunai", "Cash"),
            Action::PayQris => self.pick("QRIS", "QRIS"),
            Action::PayCredit => self.pick("Kredit", "Credit"),
            Action::ShowQr => self.pick("Cetak QR", "Print QR"),
            Action::Reprint => self.pick("Cetak ulang", "Reprint"),
            Action::ReprintLast => self.pick("Cetak ulang", "Reprint"),
            Action::Discount => self.pick("Diskon", "Discount"),
            Action::ChangePrice => self.pick("Ubah harga", "Change price"),
            _ => "",
        }
    }

    pub(super) fn sale_action_help(&self, a: Action) -> &'static str {
        match a {
            Action::SearchProduct => self.pick("Cari barang dengan nama yang diketik", "Search products by the name typed"),
            Action::SetQuantity => self.pick("Ubah jumlah baris terpilih menjadi angka yang diketik (mis. 2 atau 1,5 kg)", "Set the selected line's quantity to the number typed (e.g. 2 or 1.5 kg)"),
            Action::RemoveLine => self.pick("Hapus baris terpilih", "Remove the selected line"),
            Action::AttachMember => self.pick("Pasang anggota/pasien (No. anggota, No. RM atau NIK yang diketik); kosong = lepas", "Attach a member or patient (member no., record no. or NIK typed); empty = detach"),
            Action::Pay => self.pick("Bayar", "Pay"),
            Action::ParkSale => self.pick("Tahan penjualan ini, layani pembeli lain", "Park this sale and serve someone else"),
            Action::ResumeSale => self.pick("Lanjutkan penjualan yang ditahan", "Resume a parked sale"),
            Action::VoidSale => self.pick("Penjualan hari ini dan terakhir: pilih untuk batal/retur (PIN pengawas dan alasan) atau cetak ulang", "Today's and recent sales: pick one to void or return (supervisor PIN and reason) or to reprint"),
            Action::PayCash => self.pick("Pilih tunai: ketik uang diterima lalu Enter (kosong = uang pas)", "Choose cash: type the amount handed over, then Enter (empty = exact)"),
            Action::PayQris => self.pick("Pilih QRIS: ketik nomor referensi setelah pembayaran terlihat berhasil, lalu Enter", "Choose QRIS: type the reference once the payment shows as paid, then Enter"),
            Action::PayCredit => self.pick("Pilih kredit anggota: Enter membayar sisa tagihan sampai batas kredit", "Choose member credit: Enter pays the amount due, up to the credit limit"),
            Action::ShowQr => self.pick("Cetak QR QRIS dinamis dengan jumlah tagihan", "Print a dynamic QRIS code with the amount due"),
            Action::Reprint => self.pick("Cetak ulang struk penjualan terpilih (SALINAN, laci tidak dibuka)", "Reprint the selected sale's receipt (COPY, the drawer stays shut)"),
            Action::ReprintLast => self.pick("Cetak ulang struk terakhir (SALINAN, laci tidak dibuka)", "Reprint the last receipt (COPY, the drawer stays shut)"),
            Action::Discount => self.pick("Diskon untuk baris terpilih atau seluruh penjualan (persen atau rupiah, dengan alasan)", "A discount on the selected line or the whole sale (percent or rupiah, with a reason)"),
            Action::ChangePrice => self.pick("Ubah harga satuan baris terpilih (dengan alasan)", "Change the selected line's unit price (with a reason)"),
            _ => "",
        }
    }

    pub fn refusal(&self, r: &Refusal) -> String {
        match r {
            Refusal::Empty => self.sale_empty().into(),
            Refusal::NoCashier => self.pick("Penjualan perlu kasir yang sudah masuk.", "A sale needs a logged-in cashier.").into(),
            Refusal::UnknownProduct => self.pick("Barang itu tidak ada di katalog.", "That product is not in the catalog.").into(),
            Refusal::Inactive(n) => self.sale_inactive(n),
            Refusal::Quantity(n, e) => self.qty_error(n, *e),
            Refusal::OutOfStock { name, available, expired } => self.sale_out_of_stock(name, *available, *expired, ""),
            Refusal::Drug { name, class, verdict } => self.drug_verdict(name, *class, *verdict),
            Refusal::Payment(e) => self.pay_error(e),
            Refusal::NoSuchSale(n) => self.choose(format!("Tidak ada penjualan {n}."), format!("There is no sale {n}.")),
            Refusal::AlreadyVoided(n) => self.choose(format!("Penjualan {n} sudah dibatalkan."), format!("Sale {n} is already void.")),
            Refusal::NotSupervisor => self.pick("Yang menyetujui harus pengawas.", "The approver must be a supervisor.").into(),
            Refusal::ReturnTooMuch { name, left } => self.choose(
                format!("Retur {name}: paling banyak {} yang belum diretur.", format_milli(*left)),
                format!("Return of {name}: at most {} not yet returned.", format_milli(*left)),
            ),
            Refusal::BatchNeeded(n) => self.choose(format!("{n}: obat perlu nomor batch dan tanggal kedaluwarsa."), format!("{n}: a drug needs a batch number and an expiry date.")),
            Refusal::Discount(name, e) => self.discount_error(name, *e),
            Refusal::NeedsApproval(name) => self.discount_needs_approval(name),
            Refusal::NoSuchParked => self.pick("Penjualan yang ditahan itu sudah dilanjutkan di loket lain.", "That parked sale was already resumed at another counter.").into(),
        }
    }

    pub fn pay_error(&self, e: &crate::domain::cart::PayError) -> String {
        use crate::domain::cart::PayError::*;
        match e {
            Short { due } => self.choose(format!("Pembayaran kurang {}.", rp(*due)), format!("Payment is {} short.", rp(*due))),
            OverNonCash => self.pick("QRIS atau kredit tidak boleh melebihi tagihan.", "QRIS or credit may not exceed the amount due.").into(),
            NotPositive => self.pick("Jumlah bayar harus lebih dari nol.", "A payment must be more than zero.").into(),
            MissingReference => self.sale_qris_reference().into(),
            NoMember => self.sale_credit_needs_member().into(),
            OverCredit { available } => self.sale_credit_used_up(*available),
        }
    }

    pub fn sale_search_hint(&self) -> &'static str {
        self.pick("Ketik minimal 2 huruf nama barang, lalu cari.", "Type at least 2 letters of a product name, then search.")
    }
    pub fn sale_line_removed(&self, name: &str) -> String {
        self.choose(format!("{name} dihapus dari keranjang."), format!("{name} removed from the cart."))
    }
    pub fn sale_member_removed(&self) -> &'static str {
        self.pick("Anggota dilepas; harga biasa berlaku.", "Member detached; normal prices apply.")
    }
    pub fn sale_member_hint(&self) -> &'static str {
        self.pick("Ketik No. anggota, No. RM atau NIK dulu.", "Type a member number, record number or NIK first.")
    }
    pub fn sale_empty(&self) -> &'static str {
        self.pick("Keranjang kosong: pindai barang dulu.", "The cart is empty: scan something first.")
    }
    pub fn sale_park_first(&self) -> &'static str {
        self.pick("Tahan atau selesaikan penjualan ini dulu.", "Park or finish this sale first.")
    }
    pub fn sale_bad_amount(&self, typed: &str) -> String {
        self.choose(format!("\"{typed}\" bukan jumlah uang (contoh: 50000 atau 50.000)."), format!("\"{typed}\" is not an amount (e.g. 50000 or 50.000)."))
    }
    pub fn sale_qris_reference(&self) -> &'static str {
        self.pick(
            "Ketik nomor referensi QRIS dari aplikasi/EDC setelah pembayaran terlihat berhasil.",
            "Type the QRIS reference from the app or terminal once the payment shows as paid.",
        )
    }
    pub fn sale_credit_needs_member(&self) -> &'static str {
        self.pick("Kredit hanya untuk anggota: pasang anggota dulu.", "Credit is for members only: attach a member first.")
    }
    pub fn sale_credit_used_up(&self, available: i64) -> String {
        self.choose(format!("Sisa kredit anggota {}.", rp(available)), format!("Member credit left: {}.", rp(available)))
    }
    pub fn sale_no_qris_payload(&self) -> &'static str {
        self.pick("QRIS dinamis belum diatur (sales.qris_payload); pakai stiker QRIS.", "Dynamic QRIS is not set up (sales.qris_payload); use the QRIS sticker.")
    }
    pub fn sale_still_due(&self, due: i64) -> String {
        self.choose(format!("Masih kurang {}: bayar sisanya.", rp(due)), format!("{} still due: pay the rest.", rp(due)))
    }
    pub fn sale_expiring_soon(&self, name: &str, date: &str) -> String {
        self.choose(format!("Perhatian: {name} kedaluwarsa {date}."), format!("Note: {name} expires {date}."))
    }
    pub fn sale_out_of_stock(&self, name: &str, available: i64, expired: i64, unit: &str) -> String {
        let exp_id = if expired > 0 { format!(" ({} kedaluwarsa, tidak dijual)", format_milli(expired)) } else { String::new() };
        let exp_en = if expired > 0 { format!(" ({} expired, not sold)", format_milli(expired)) } else { String::new() };
        let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
        self.choose(
            format!("Stok {name} tidak cukup: tersedia {}{unit}{exp_id}.", format_milli(available.max(0))),
            format!("Not enough {name} in stock: {}{unit} available{exp_en}.", format_milli(available.max(0))),
        )
    }
    pub fn sale_qty_hint(&self, typed: &str) -> String {
        self.choose(
            format!("\"{typed}\" bukan jumlah: ketik misalnya 3 atau 1,5 lalu tekan tombol Jumlah."),
            format!("\"{typed}\" is not a quantity: type e.g. 3 or 1,5 then press the Qty key."),
        )
    }
    pub fn qty_error(&self, name: &str, e: QtyError) -> String {
        match e {
            QtyError::Zero => self.choose(format!("{name}: jumlah tidak boleh nol."), format!("{name}: the quantity cannot be zero.")),
            QtyError::Negative => self.choose(format!("{name}: jumlah tidak boleh negatif (pakai retur)."), format!("{name}: the quantity cannot be negative (use a return).")),
            QtyError::TooLarge => self.choose(format!("{name}: jumlah terlalu besar (maks. 1.000)."), format!("{name}: the quantity is too large (max. 1,000).")),
            QtyError::Fraction => self.choose(format!("{name} dijual per buah: jumlah harus bulat."), format!("{name} is sold by the piece: whole numbers only.")),
        }
    }
    pub fn sale_inactive(&self, name: &str) -> String {
        self.choose(format!("{name} tidak dijual lagi (diblokir di katalog)."), format!("{name} is no longer sold (blocked in the catalog)."))
    }
    pub fn drug_class(&self, c: DrugClass) -> &'static str {
        match c {
            DrugClass::Bebas => self.pick("obat bebas", "OTC drug"),
            DrugClass::BebasTerbatas => self.pick("obat bebas terbatas", "limited OTC drug"),
            DrugClass::Keras => self.pick("obat keras", "prescription drug"),
            DrugClass::Oot => self.pick("obat-obat tertentu (OOT)", "OOT drug"),
            DrugClass::Psikotropika => self.pick("psikotropika", "psychotropic"),
            DrugClass::Narkotika => self.pick("narkotika", "narcotic"),
        }
    }
    pub fn drug_verdict(&self, name: &str, class: DrugClass, v: Verdict) -> String {
        match v {
            Verdict::Allowed => String::new(),
            Verdict::NeedsPharmacist => self.choose(
                format!("{name} hanya boleh dijual petugas farmasi dengan resep."),
                format!("{name} may only be sold by pharmacy staff, on a prescription."),
            ),
            Verdict::NeedsPrescription => self.choose(format!("{name} perlu resep yang dicatat."), format!("{name} needs a recorded prescription.")),
            Verdict::Refused => self.choose(
                format!("{name} ({}) tidak boleh dijual di loket ini.", self.drug_class(class)),
                format!("{name} ({}) may not be sold at this outlet.", self.drug_class(class)),
            ),
        }
    }
    /// The warning of obat bebas terbatas (P1-P6).
    pub fn drug_warning(&self, code: &str) -> &'static str {
        match code {
            "P1" => self.pick("P1 Awas! Obat Keras. Bacalah aturan memakainya.", "P1 Caution! Strong medicine. Read the instructions."),
            "P2" => self.pick("P2 Awas! Obat Keras. Hanya untuk kumur, jangan ditelan.", "P2 Caution! Strong medicine. Gargle only, do not swallow."),
            "P3" => self.pick("P3 Awas! Obat Keras. Hanya untuk bagian luar dari badan.", "P3 Caution! Strong medicine. External use only."),
            "P4" => self.pick("P4 Awas! Obat Keras. Hanya untuk dibakar.", "P4 Caution! Strong medicine. For burning only."),
            "P5" => self.pick("P5 Awas! Obat Keras. Tidak boleh ditelan.", "P5 Caution! Strong medicine. Do not swallow."),
            "P6" => self.pick("P6 Awas! Obat Keras. Obat wasir, jangan ditelan.", "P6 Caution! Strong medicine. Haemorrhoid medicine, do not swallow."),
            _ => "",
        }
    }
    pub fn price_warning(&self, name: &str, w: PriceWarning) -> String {
        match w {
            PriceWarning::BelowCost { cost } => self.choose(format!("Perhatian: harga {name} di bawah modal {}.", rp(cost)), format!("Note: {name} is priced below its cost {}.", rp(cost))),
            PriceWarning::AboveCap { cap } => self.choose(format!("Perhatian: harga {name} di atas HET {}.", rp(cap)), format!("Note: {name} is priced above its cap {}.", rp(cap))),
        }
    }
    pub fn prescription_error(&self, e: PrescriptionError) -> &'static str {
        match e {
            PrescriptionError::MissingPrescriber => self.pick("Isi nama penulis resep.", "Type the prescriber's name."),
            PrescriptionError::MissingSip => self.pick("Isi nomor SIP (surat izin praktik) penulis resep.", "Type the prescriber's licence number (SIP)."),
            PrescriptionError::MissingPatient => self.pick("Pilih pasien dari daftar: ketik nama, No. RM atau NIK.", "Pick the patient from the list: type a name, record number or NIK."),
            PrescriptionError::MissingNumber => self.pick("Isi nomor resep.", "Type the prescription number."),
            PrescriptionError::MissingDirections => self.pick("Isi aturan pakai (contoh: 3 x sehari 1 tablet sesudah makan).", "Type the directions (e.g. 3 x sehari 1 tablet sesudah makan)."),
            PrescriptionError::BadDate => self.pick("Tanggal resep: HH-BB-TTTT.", "Prescription date: DD-MM-YYYY."),
            PrescriptionError::OutOfDate => self.pick("Tanggal resep di masa depan atau lebih dari 30 hari lalu.", "The prescription is dated in the future or over 30 days ago."),
        }
    }
    pub fn void_fields_missing(&self) -> &'static str {
        self.pick("Isi nomor penjualan, nama dan PIN pengawas, dan alasan.", "Fill in the sale number, the supervisor's name and PIN, and a reason.")
    }
    pub fn void_line_hint(&self) -> &'static str {
        self.pick("Retur: isi nomor baris dan jumlah (kosongkan baris untuk membatalkan seluruh penjualan).", "Return: give the line number and quantity (leave the line empty to void the whole sale).")
    }
    pub fn sale_unknown_code(&self, code: &str) -> String {
        self.choose(
            format!("Barcode {code} tidak dikenal. Ketik nama untuk mencari, atau tambahkan barang lewat `loket catalog import`."),
            format!("Unknown barcode {code}. Type a name to search, or add the product with `loket catalog import`."),
        )
    }
    pub fn sale_bad_check_digit(&self, code: &str) -> String {
        self.choose(format!("Barcode {code} salah baca (digit cek tidak cocok): pindai lagi."), format!("Barcode {code} misread (wrong check digit): scan again."))
    }
    pub fn sale_no_hits(&self) -> &'static str {
        self.pick("Tidak ada barang dengan nama itu.", "No product by that name.")
    }
    pub fn sale_no_member(&self) -> &'static str {
        self.pick("Anggota atau pasien tidak ditemukan.", "No such member or patient.")
    }
    pub fn sale_member_attached(&self, name: &str, member: bool) -> String {
        match member {
            true => self.choose(format!("Anggota {name}: harga anggota berlaku."), format!("Member {name}: member prices apply.")),
            false => self.choose(format!("Pasien {name} (bukan anggota)."), format!("Patient {name} (not a member).")),
        }
    }
    pub fn sale_done(&self, number: &str, total: i64, change: i64, printed: bool) -> String {
        let (pi, pe) = if printed { (" Struk dicetak.", " Receipt printing.") } else { ("", "") };
        self.choose(
            format!("Penjualan {number} lunas {}. Kembalian {}.{pi}", rp(total), rp(change)),
            format!("Sale {number} paid {}. Change {}.{pe}", rp(total), rp(change)),
        )
    }
    pub fn sale_parked(&self, id: i64) -> String {
        self.choose(format!("Penjualan ditahan (no. {id}); lanjutkan kapan saja."), format!("Sale parked (no. {id}); resume it any time."))
    }
    pub fn sale_none_parked(&self) -> &'static str {
        self.pick("Tidak ada penjualan yang ditahan.", "No parked sales.")
    }
    pub fn sale_voided(&self, number: &str, refund: i64, whole: bool) -> String {
        match whole {
            true => self.choose(format!("Penjualan {number} dibatalkan; kembalikan {}.", rp(refund)), format!("Sale {number} voided; refund {}.", rp(refund))),
            false => self.choose(format!("Retur dari {number} dicatat; kembalikan {}.", rp(refund)), format!("Return from {number} recorded; refund {}.", rp(refund))),
        }
    }
    pub fn sale_member_label(&self) -> &'static str {
        self.pick("Anggota", "Member")
    }
    pub fn sale_entry_prompt(&self) -> &'static str {
        self.pick("Pindai/ketik:", "Scan/type:")
    }
    pub fn sale_search_title(&self, n: usize, add: &str) -> String {
        self.choose(format!("{n} barang ditemukan ({add} = tambahkan)"), format!("{n} products found ({add} = add)"))
    }
    pub fn sale_parked_title(&self, resume: &str) -> String {
        self.choose(format!("Penjualan yang ditahan ({resume} = lanjutkan)"), format!("Parked sales ({resume} = resume)"))
    }
    pub fn sale_lines_count(&self, n: usize) -> String {
        self.choose(format!("{n} baris"), if n == 1 { "1 line".into() } else { format!("{n} lines") })
    }
    pub fn rx_title(&self, name: &str) -> String {
        self.choose(format!("Resep untuk {name}"), format!("Prescription for {name}"))
    }
    pub fn rx_fields(&self) -> [&'static str; 6] {
        match self.lang {
            Lang::Id => ["Penulis resep (dokter)", "No. SIP penulis resep", "Tanggal resep (HH-BB-TTTT)", "Nomor resep", "Pasien (cari nama/RM/NIK)", "Aturan pakai"],
            Lang::En => ["Prescriber (doctor)", "Prescriber's licence (SIP)", "Date (DD-MM-YYYY)", "Prescription number", "Patient (search name/RM/NIK)", "Directions"],
        }
    }
    pub fn rx_hint(&self) -> &'static str {
        self.pick("Simpan menambahkan obat ke keranjang; etiket dicetak setelah lunas.", "Save adds the drug to the cart; its label prints after payment.")
    }
    pub fn void_title(&self) -> &'static str {
        self.pick("Batal atau retur (perlu pengawas)", "Void or return (needs a supervisor)")
    }
    pub fn void_fields(&self) -> [&'static str; 6] {
        match self.lang {
            Lang::Id => ["Nomor penjualan", "Baris (kosong = semua)", "Jumlah retur", "Nama pengawas", "PIN pengawas", "Alasan"],
            Lang::En => ["Sale number", "Line (empty = all)", "Quantity returned", "Supervisor's name", "Supervisor's PIN", "Reason"],
        }
    }
    pub fn void_hint(&self) -> &'static str {
        self.pick("Stok kembali ke batch asalnya; penjualan asli tetap tersimpan, ditandai.", "Stock goes back to its batch; the original sale stays, marked.")
    }
    pub fn sale_col_item(&self) -> &'static str {
        self.pick("Barang", "Item")
    }
    pub fn sale_col_qty(&self) -> &'static str {
        self.pick("Jml", "Qty")
    }
    pub fn sale_col_price(&self) -> &'static str {
        self.pick("Harga", "Price")
    }
    pub fn sale_col_amount(&self) -> &'static str {
        self.pick("Jumlah", "Amount")
    }
    pub fn sale_last(&self, number: &str, total: i64, change: i64) -> String {
        self.choose(
            format!("Terakhir: {number} {}, kembalian {}.", rp(total), rp(change)),
            format!("Last: {number} {}, change {}.", rp(total), rp(change)),
        )
    }
    pub fn sale_start_hint(&self) -> &'static str {
        self.pick("Pindai barcode, atau ketik nama barang lalu Enter.", "Scan a barcode, or type a product name and press Enter.")
    }
    pub fn sale_items(&self, n: usize) -> String {
        self.choose(format!("{n} baris"), if n == 1 { "1 line".into() } else { format!("{n} lines") })
    }
    pub fn sale_savings(&self, amount: i64) -> String {
        self.choose(format!("Hemat anggota {}", rp(amount)), format!("Member saves {}", rp(amount)))
    }
    pub fn sale_vat_line(&self, vat: i64) -> String {
        self.choose(format!("Termasuk PPN 11% {}", rp(vat)), format!("Incl. VAT 11% {}", rp(vat)))
    }
    pub fn method_name(&self, m: Method) -> &'static str {
        match m {
            Method::Cash => self.doc_pay_cash(),
            Method::Qris => self.doc_pay_qris(),
            Method::MemberCredit => self.doc_pay_member_credit(),
        }
    }
    pub fn sale_total(&self) -> &'static str {
        self.pick("TOTAL", "TOTAL")
    }
    pub fn sale_due(&self) -> &'static str {
        self.pick("Sisa tagihan", "Due")
    }
    pub fn sale_member_credit(&self, owed: i64, limit: i64) -> String {
        self.choose(format!("Kasbon {} / batas {}", rp(owed), rp(limit)), format!("Credit {} / limit {}", rp(owed), rp(limit)))
    }
    pub fn sale_member_last_paid(&self, day: &str, amount: i64) -> String {
        self.choose(format!("Terakhir bayar {day} {}", rp(amount)), format!("Last paid {day} {}", rp(amount)))
    }
    pub fn sale_credit_left(&self, avail: i64) -> String {
        self.choose(format!("Sisa kredit {}", rp(avail)), format!("Credit left {}", rp(avail)))
    }
    pub fn sale_qr_printed(&self, amount: i64) -> String {
        self.choose(format!("QR {} dicetak", rp(amount)), format!("QR for {} printed", rp(amount)))
    }
    pub fn label_shake(&self) -> &'static str {
        self.pick("Kocok dahulu", "Shake well")
    }
    pub fn qris_slip_title(&self) -> &'static str {
        self.pick("Bayar dengan QRIS", "Pay with QRIS")
    }
    pub fn qris_slip_note(&self) -> &'static str {
        self.pick("Tunjukkan bukti bayar ke kasir.", "Show the payment confirmation to the cashier.")
    }
}

impl Text {
    pub fn csv_missing(&self) -> &'static str {
        self.pick("wajib diisi", "is required")
    }
    pub fn csv_bad_value(&self, v: &str) -> String {
        self.choose(format!("nilai tidak sah \"{v}\""), format!("invalid value \"{v}\""))
    }
    pub fn csv_unterminated(&self) -> &'static str {
        self.pick("tanda kutip tidak ditutup", "unterminated quote")
    }
    pub fn csv_empty(&self) -> &'static str {
        self.pick("file kosong (perlu baris judul kolom)", "empty file (a header row is needed)")
    }
    pub fn csv_unknown_column(&self) -> &'static str {
        self.pick("kolom tidak dikenal (lihat `loket catalog export`)", "unknown column (see `loket catalog export`)")
    }
    pub fn catalog_imported(&self, added: usize, updated: usize) -> String {
        self.choose(format!("Katalog: {added} barang ditambahkan, {updated} diperbarui."), format!("Catalog: {added} products added, {updated} updated."))
    }
    pub fn receive_role(&self) -> &'static str {
        self.pick("Penerimaan barang oleh kasir, farmasi, pengawas atau admin.", "Goods are received by a cashier, pharmacy, supervisor or admin.")
    }
    pub fn receive_bad_line(&self, l: &str) -> String {
        self.choose(
            format!("Baris \"{l}\" tidak sah: BARCODE:JUMLAH:HARGA_POKOK|bonus[:BATCH:KEDALUWARSA(TTTT-BB-HH)]."),
            format!("Line \"{l}\" is invalid: BARCODE:QTY:UNIT_COST|free[:BATCH:EXPIRY(YYYY-MM-DD)]."),
        )
    }
    pub fn received(&self, id: i64, lines: usize) -> String {
        self.choose(format!("Penerimaan {id} dicatat: {lines} baris."), format!("Receiving {id} recorded: {lines} lines."))
    }
    pub fn expired_mark(&self) -> &'static str {
        self.pick("KEDALUWARSA", "EXPIRED")
    }
    pub fn report_kinds(&self) -> &'static str {
        self.pick("Laporan: onhand, low, expiring, atau card BARCODE.", "Reports: onhand, low, expiring, or card BARCODE.")
    }
    pub fn written_off(&self, n: usize) -> String {
        self.choose(format!("{n} batch kedaluwarsa dihapusbukukan."), format!("{n} expired batches written off."))
    }
    pub fn simulated(&self, n: u64) -> String {
        self.choose(format!("{n} penjualan dicatat."), format!("{n} sales committed."))
    }
    pub fn sales_whole(&self, n: i64) -> String {
        self.choose(format!("{n} penjualan, semuanya utuh."), format!("{n} sales, all whole."))
    }
}

impl Text {
    /// A stock movement's kind, kept as a code, worded for the stock card.
    pub fn movement_kind(&self, code: &str) -> &'static str {
        match code {
            "receipt" => self.pick("terima", "received"),
            "sale" => self.pick("jual", "sold"),
            "return" => self.pick("retur", "returned"),
            "adjustment" => self.pick("koreksi", "adjusted"),
            "writeoff" => self.pick("dihapus", "written off"),
            "supplier-return" => self.pick("retur pemasok", "to supplier"),
            _ => self.pick("lainnya", "other"),
        }
    }
}
