//! Stock texts: the receiving screen, its slip, and the stock rules' refusals.

use super::{Lang, Text};
use crate::domain::money::format_rupiah;
use crate::domain::stock::StockRefusal;

texts! {
    recv_supplier => "Pemasok", "Supplier";
    recv_invoice => "No. faktur", "Invoice no.";
    recv_invoice_date => "Tgl faktur", "Invoice date";
    recv_invoice_total => "Total faktur", "Invoice total";
    recv_known_suppliers => "Pemasok terakhir", "Recent suppliers";
    recv_scan => "Scan/cari", "Scan/search";
    recv_free => "bonus", "free";
    recv_qty => "Jumlah", "Quantity";
    recv_cost => "Harga beli satuan (Rp)", "Unit cost (Rp)";
    recv_batch => "No. batch", "Batch no.";
    recv_expiry => "Kedaluwarsa (hh-bb-tttt)", "Expiry (dd-mm-yyyy)";
    recv_free_on => "Barang bonus (gratis): ya", "Free goods: yes";
    recv_free_off => "Barang bonus (gratis): tidak", "Free goods: no";
    np_name => "Nama barang", "Product name";
    np_section => "Bagian (sembako/obat/lain)", "Section (sembako/obat/lain)";
    np_unit => "Satuan (pcs, kg, strip)", "Unit (pcs, kg, strip)";
    np_price => "Harga jual (Rp)", "Price (Rp)";
    np_generic => "Nama generik (obat keras)", "Generic name (prescription drug)";
    np_title => "Barang baru", "New product";
    products_search => "Cari barang", "Find a product";
    products_edit_title => "Ubah barang", "Edit the product";
    products_hint => "Ketik nama, nama generik atau barcode (ejaan apa pun).", "Type a name, generic name or barcode (any spelling).";
    products_history => "Riwayat harga: berlaku, lama -> baru (anggota), oleh, kapan", "Price history: from, old -> new (member), by, when";
    products_pending => "(menunggu)", "(waiting)";
    products_barcode => "Barcode (boleh kosong)", "Barcode (may be empty)";
    products_member_price => "Harga anggota (kosong = tetap)", "Member price (empty = as now)";
    products_member_new => "Harga anggota (boleh kosong)", "Member price (may be empty)";
    products_generic => "Nama generik", "Generic name";
    products_class => "Golongan (bebas/terbatas/keras)", "Class (bebas/terbatas/keras)";
    products_strength => "Kekuatan (mis. 500 mg)", "Strength (e.g. 500 mg)";
    products_dosage_form => "Bentuk (tablet, sirup)", "Form (tablet, syrup)";
    products_warning => "Peringatan (P1-P6)", "Warning (P1-P6)";
    products_etiket => "Etiket (oral/luar)", "Label (oral/external)";
    products_kfa => "Kode KFA", "KFA code";
    products_from => "Berlaku mulai (hh-bb-tttt)", "From (dd-mm-yyyy)";
    products_pick_first => "Pilih barang dulu (cari lalu panah).", "Pick a product first (search, then the arrows).";
    products_bad_class => "Golongan tidak dikenal; tulis bebas, terbatas (bebas terbatas) atau keras.", "Unknown class; write bebas, terbatas (bebas terbatas) or keras.";
    recv_scan_first => "Scan barcode atau ketik nama barang dulu.", "Scan a barcode or type a product name first.";
    recv_need_supplier => "Isi nama pemasok.", "Fill in the supplier.";
    recv_need_invoice => "Isi nomor faktur.", "Fill in the invoice number.";
    recv_bad_date => "Tanggal tidak dikenali; tulis hh-bb-tttt (misalnya 01-12-2026).", "Date not recognised; write dd-mm-yyyy (e.g. 01-12-2026).";
    recv_bad_amount => "Jumlah uang tidak dikenali; tulis angka rupiah (misalnya 150.000).", "Amount not recognised; write whole rupiah (e.g. 150.000).";
    recv_bad_qty => "Jumlah tidak dikenali; tulis angka (1,5 = satu setengah).", "Quantity not recognised; write a number (1,5 = one and a half).";
    recv_no_lines => "Belum ada barang diterima; scan atau cari barang.", "No goods received yet; scan or search for a product.";
    recv_no_hits => "Tidak ada barang dengan nama itu.", "No product by that name.";
    doc_receiving_title => "BUKTI PENERIMAAN BARANG", "GOODS RECEIVED";
    doc_supplier => "Pemasok", "Supplier";
    doc_invoice => "Faktur", "Invoice";
    doc_invoice_date => "Tgl faktur", "Invoice date";
    doc_invoice_total => "Total faktur", "Invoice total";
    doc_lines_value => "Nilai barang", "Goods value";
    doc_received_by => "Diterima oleh", "Received by";
    doc_supplier_return_title => "RETUR KE PEMASOK", "RETURN TO SUPPLIER";
    doc_returned_by => "Dikembalikan oleh", "Returned by";
    doc_supplier_signs => "Diterima pemasok", "Received for the supplier";
    return_title => "Retur ke pemasok", "Return to supplier";
    return_qty_label => "Jumlah", "Quantity";
    recv_scan_label => "Scan/cari", "Scan/search";
    doc_difference => "Selisih", "Difference";
    doc_member_price => "Harga anggota", "Member price";
    doc_purchase_order => "PESANAN PEMBELIAN", "PURCHASE ORDER";
    reorder_none => "Tidak ada stok yang menipis.", "No stock is running low.";
    doc_no_supplier => "(pemasok belum tercatat)", "(no supplier recorded)";
    count_entry => "Jumlah/scan", "Count/scan";
    count_bad_section => "Bagian tidak dikenal; ketik sembako, obat, lain, atau kosongkan untuk semua.", "Unknown section; type sembako, obat, lain, or leave it empty for all.";
    count_nothing_counted => "Belum ada yang dihitung.", "Nothing has been counted yet.";
    count_need_supervisor => "Isi nama dan PIN pengawas.", "Fill in the supervisor's name and PIN.";
    count_supervisor => "Pengawas", "Supervisor";
    count_pin => "PIN", "PIN";
    count_reason => "Alasan", "Reason";
    count_blind => "Hitung buta: stok buku tidak ditampilkan.", "Blind count: the book stock is not shown.";
    count_variance_title => "Selisih stok opname (sudah disesuaikan)", "Count differences (adjusted)";
}

impl Text {
    pub fn reorder_columns(&self) -> [&'static str; 6] {
        match self.lang {
            Lang::Id => ["Barang", "Stok", "Per hari", "Saran", "Satuan", "Pemasok (hari)"],
            Lang::En => ["Product", "On hand", "Per day", "Order", "Unit", "Supplier (days)"],
        }
    }

    pub fn reorder_settings(&self, days: i64, safety: i64) -> String {
        self.choose(
            format!("Saran = jual rata-rata {days} hari x (tenggang pemasok + {safety} hari) - stok"),
            format!("Order = average sales of {days} days x (supplier lead time + {safety} days) - stock"),
        )
    }

    pub fn return_expired_ask(&self, n: usize, key: &str) -> String {
        if n == 0 {
            return self.pick("Tidak ada batch kedaluwarsa dengan pemasok tercatat.", "No expired batch with a recorded supplier.").into();
        }
        self.choose(format!("{n} batch kedaluwarsa akan dikembalikan ke pemasoknya. Tekan {key} lagi."), format!("{n} expired batches go back to their suppliers. Press {key} again."))
    }

    pub fn return_expired_done(&self, returns: usize, lines: usize) -> String {
        self.choose(format!("{lines} batch dikembalikan ({returns} retur ke pemasok)."), format!("{lines} batches sent back ({returns} supplier returns)."))
    }

    pub fn reorder_printed(&self, n: usize) -> String {
        if n == 0 {
            return self.pick("Tidak ada pesanan dicetak (tidak ada saran, atau printer belum diatur).", "No order printed (nothing to order, or no printer set up).").into();
        }
        self.choose(format!("{n} pesanan pembelian dicetak."), format!("{n} purchase orders are printing."))
    }

    pub fn products_columns(&self) -> [&'static str; 5] {
        match self.lang {
            Lang::Id => ["Barang", "Harga", "Anggota", "HET", "Barcode"],
            Lang::En => ["Product", "Price", "Member", "Cap (HET)", "Barcode"],
        }
    }

    pub fn products_over_cap(&self, cap: i64, key: &str) -> String {
        self.choose(
            format!("Harga di atas HET {}. Tekan {key} lagi bila tetap disimpan.", format_rupiah(cap)),
            format!("The price is above the cap (HET) {}. Press {key} again to save it anyway.", format_rupiah(cap)),
        )
    }

    pub fn products_saved(&self, name: &str) -> String {
        self.choose(format!("{name} disimpan."), format!("{name} saved."))
    }

    pub fn products_price_set(&self, from: chrono::NaiveDate, today: chrono::NaiveDate) -> String {
        if from <= today {
            self.pick("Harga baru berlaku sekarang.", "The new price applies now.").into()
        } else {
            self.choose(format!("Harga baru berlaku mulai {}.", from.format("%d-%m-%Y")), format!("The new price applies from {}.", from.format("%d-%m-%Y")))
        }
    }

    pub fn products_label(&self, printed: bool) -> &'static str {
        if printed {
            self.pick("Label rak dicetak.", "The shelf label is printing.")
        } else {
            self.pick("Printer belum diatur; label tidak dicetak.", "No printer is set up; the label was not printed.")
        }
    }

    /// Column heads of the receiving lines.
    pub fn recv_columns(&self) -> [&'static str; 6] {
        match self.lang {
            Lang::Id => ["Barang", "Jumlah", "Harga", "Batch", "Kedaluwarsa", "Nilai"],
            Lang::En => ["Product", "Qty", "Cost", "Batch", "Expiry", "Value"],
        }
    }

    pub fn recv_suggestion(&self, supplier: &str, key: &str) -> String {
        self.choose(format!("{key}: {supplier}"), format!("{key}: {supplier}"))
    }

    pub fn recv_empty_hint(&self, enter: &str, search: &str) -> String {
        self.choose(
            format!("Scan barcode lalu {enter}, atau ketik nama lalu {search}/{enter}."),
            format!("Scan a barcode then {enter}, or type a name then {search}/{enter}."),
        )
    }

    pub fn recv_lines_total(&self, n: usize, value: i64) -> String {
        self.choose(format!("{n} baris, nilai {}", format_rupiah(value)), format!("{n} lines, value {}", format_rupiah(value)))
    }

    /// Lines minus invoice.
    pub fn recv_difference(&self, d: i64) -> String {
        if d == 0 {
            return self.pick("sama dengan faktur", "matches the invoice").into();
        }
        self.choose(format!("selisih dengan faktur {}", format_rupiah(d)), format!("differs from the invoice by {}", format_rupiah(d)))
    }

    pub fn recv_total_differs(&self, value: i64, d: i64, key: &str) -> String {
        self.choose(
            format!("Nilai barang {} beda {} dari total faktur. Periksa, atau tekan {key} lagi untuk tetap menyimpan.", format_rupiah(value), format_rupiah(d)),
            format!("The goods' value {} differs by {} from the invoice total. Check it, or press {key} again to save anyway.", format_rupiah(value), format_rupiah(d)),
        )
    }

    pub fn recv_expires_soon(&self, days: i64, key: &str) -> String {
        self.choose(
            format!("Kedaluwarsa dalam {days} hari. Tekan {key} lagi bila tetap diterima."),
            format!("Expires in {days} days. Press {key} again to accept it anyway."),
        )
    }

    pub fn recv_inactive(&self, name: &str) -> String {
        self.choose(format!("{name} tidak aktif di katalog."), format!("{name} is not active in the catalog."))
    }

    pub fn recv_unknown(&self, code: &str) -> String {
        self.choose(
            format!("Barcode {code} belum ada di katalog: isi data barang baru."),
            format!("Barcode {code} is not in the catalog: fill in the new product."),
        )
    }

    pub fn recv_saved(&self, id: i64, lines: usize, value: i64) -> String {
        self.choose(
            format!("Penerimaan #{id} disimpan: {lines} baris, nilai {}. Bukti penerimaan dicetak.", format_rupiah(value)),
            format!("Receiving #{id} saved: {lines} lines, value {}. The receiving slip is printing.", format_rupiah(value)),
        )
    }

    pub fn stock_refusal(&self, r: &StockRefusal) -> String {
        match r {
            StockRefusal::Empty => self.recv_no_lines().into(),
            StockRefusal::NoSupplier => self.recv_need_supplier().into(),
            StockRefusal::NoInvoice => self.recv_need_invoice().into(),
            StockRefusal::Quantity(n) => self.choose(format!("{n}: jumlah harus lebih dari nol."), format!("{n}: the quantity must be more than zero.")),
            StockRefusal::ZeroCost(n) => self.choose(
                format!("{n}: harga beli nol hanya untuk barang bonus (tandai bonus dulu)."),
                format!("{n}: a cost of zero is only for free goods (mark it as free first)."),
            ),
            StockRefusal::BatchNeeded(n) => {
                self.choose(format!("{n}: obat perlu nomor batch dan tanggal kedaluwarsa."), format!("{n}: a drug needs its batch number and expiry date."))
            }
            StockRefusal::Expired(n, d) => self.choose(
                format!("{n}: kedaluwarsa {} sudah lewat; barang kedaluwarsa tidak diterima.", d.format("%d-%m-%Y")),
                format!("{n}: the expiry {} is past; expired goods are not received.", d.format("%d-%m-%Y")),
            ),
            StockRefusal::DuplicateBarcode(c) => self.choose(format!("Barcode {c} sudah dipakai barang lain."), format!("Barcode {c} belongs to another product.")),
            StockRefusal::ProductName => self.pick("Barang perlu nama.", "A product needs a name.").into(),
            StockRefusal::ProductPrice => self.pick("Harga jual harus lebih dari nol.", "The price must be more than zero.").into(),
            StockRefusal::CountOpen => self.pick("Masih ada stok opname yang terbuka; lanjutkan atau selesaikan dulu.", "A stock count is still open; resume or finish it first.").into(),
            StockRefusal::NoCount => self.pick("Tidak ada stok opname yang terbuka.", "No stock count is open.").into(),
            StockRefusal::NotInSheet(n) if n.is_empty() => self.pick("Barang itu tidak ada di lembar hitung ini.", "That product is not on this count sheet.").into(),
            StockRefusal::NotInSheet(n) => self.choose(format!("{n} tidak ada di lembar hitung ini."), format!("{n} is not on this count sheet.")),
            StockRefusal::PriceInPast(d) => self.choose(
                format!("Tanggal berlaku {} sudah lewat; perubahan harga berlaku mulai hari ini atau nanti.", d.format("%d-%m-%Y")),
                format!("The date {} is past; a price change takes effect from today or later.", d.format("%d-%m-%Y")),
            ),
            StockRefusal::MemberPriceAbove => self.pick("Harga anggota tidak boleh di atas harga biasa.", "The member price may not be above the ordinary price.").into(),
            StockRefusal::NeedReason => self.pick("Isi alasan penyesuaian.", "Fill in the reason for the adjustment.").into(),
            StockRefusal::BadWarning => self.pick("Peringatan diisi P1 sampai P6, atau dikosongkan.", "The warning is P1 to P6, or left empty.").into(),
            StockRefusal::WarningNeeded => {
                self.pick("Obat bebas terbatas perlu tanda peringatannya (P1-P6).", "An obat bebas terbatas needs its warning sign (P1-P6).").into()
            }
            StockRefusal::WarningNotLimited => {
                self.pick("Peringatan P1-P6 hanya untuk obat bebas terbatas.", "The P1-P6 warnings are for obat bebas terbatas only.").into()
            }
            StockRefusal::BadLabel => self.pick("Etiket diisi oral (putih) atau luar (biru).", "The label is oral (white) or external (blue).").into(),
            StockRefusal::OralButNotSwallowed(w) => self.choose(
                format!("Peringatan {w}: obat ini tidak ditelan, etiketnya luar (biru)."),
                format!("Warning {w}: this drug is not swallowed; its label is external (blue)."),
            ),
            StockRefusal::AboveStock(n, held) => self.choose(
                format!("{n}: stok (batch ini) hanya {}.", crate::domain::money::format_milli(*held)),
                format!("{n}: the stock (of this batch) is only {}.", crate::domain::money::format_milli(*held)),
            ),
            StockRefusal::BadKfa => self.pick(
                "Kode KFA 8 angka: 92... untuk produk generik, 93... untuk produk jadi.",
                "A KFA code has 8 digits: 92... for a generic product, 93... for an actual product.",
            )
            .into(),
        }
    }
}

impl Text {
    /// Why goods go back to the supplier, as the slip and the screen say it.
    pub fn return_reason(&self, r: crate::store::supplier_returns::ReturnReason) -> &'static str {
        match r {
            crate::store::supplier_returns::ReturnReason::Expired => self.pick("kedaluwarsa", "expired"),
            crate::store::supplier_returns::ReturnReason::Damaged => self.pick("rusak", "damaged"),
        }
    }

    pub fn returned(&self, id: i64, lines: usize) -> String {
        self.choose(format!("Retur #{id} ke pemasok tersimpan: {lines} baris."), format!("Return #{id} to the supplier saved: {lines} lines."))
    }

    pub fn return_bad_line(&self, line: &str) -> String {
        self.choose(
            format!("Baris {line:?} tidak terbaca: tulis BARCODE:JUMLAH atau BARCODE:JUMLAH:BATCH."),
            format!("Line {line:?} is not readable: write BARCODE:QTY or BARCODE:QTY:BATCH."),
        )
    }

    pub fn return_name_batch(&self, product: &str, batches: &str) -> String {
        self.choose(format!("{product} punya beberapa batch: sebutkan batchnya ({batches})."), format!("{product} has several batches: name the batch ({batches})."))
    }

    pub fn return_unknown_batch(&self, product: &str, batch: &str) -> String {
        self.choose(format!("{product} tidak punya batch {batch} dengan stok."), format!("{product} has no batch {batch} holding stock."))
    }

    pub fn return_above_stock(&self, held: String) -> String {
        self.choose(format!("Lebih dari stok batch ini ({held})."), format!("More than this batch holds ({held})."))
    }

    pub fn return_no_stock(&self, product: &str) -> String {
        self.choose(format!("{product}: tidak ada stok untuk dikembalikan."), format!("{product}: no stock left to send back."))
    }

    pub fn return_hint(&self, submit: &str, remove: &str, save: &str, cancel: &str) -> String {
        self.choose(
            format!("Scan atau ketik nama lalu {submit}; {remove} hapus baris; {save} kirim retur dan cetak nota; {cancel} batal."),
            format!("Scan or type a name, then {submit}; {remove} removes a line; {save} sends it back and prints the note; {cancel} cancels."),
        )
    }

    pub fn return_bad_reason(&self) -> &'static str {
        self.pick("Alasan retur: damaged (rusak) atau expired (kedaluwarsa).", "The reason is damaged or expired.")
    }

    pub fn count_title(&self, id: i64, section: Option<&str>) -> String {
        let what = section.unwrap_or(self.pick("semua barang", "all products"));
        self.choose(format!("Stok opname #{id} - {what}"), format!("Stock count #{id} - {what}"))
    }

    pub fn count_start_hint(&self, key: &str) -> String {
        self.choose(
            format!("Tidak ada opname terbuka. Ketik bagian (sembako, obat, lain; kosong = semua) lalu {key}."),
            format!("No count is open. Type a section (sembako, obat, lain; empty = all) then {key}."),
        )
    }

    /// The sheet's column heads; `full` with the books' figure and the difference's value.
    pub fn count_columns(&self, full: bool) -> String {
        let (name, batch, expiry, book, counted, value) = match self.lang {
            Lang::Id => ("Barang", "Batch", "Kedaluwarsa", "Buku", "Hitung", "Selisih Rp"),
            Lang::En => ("Product", "Batch", "Expiry", "Book", "Count", "Diff. Rp"),
        };
        let head = format!(" {:<26} {:<9} {:<10}", name, batch, expiry);
        if full {
            format!("{head}{book:>7}{counted:>7}{value:>12}")
        } else {
            format!("{head}{counted:>9}")
        }
    }

    pub fn count_progress(&self, done: usize, all: usize) -> String {
        self.choose(format!("{done} dari {all} baris dihitung."), format!("{done} of {all} lines counted."))
    }

    pub fn count_variance_total(&self, n: usize, value: i64) -> String {
        self.choose(format!("{n} baris berselisih, nilai {}", format_rupiah(value)), format!("{n} lines differ, value {}", format_rupiah(value)))
    }

    pub fn count_approved(&self, id: i64, adjusted: usize) -> String {
        self.choose(
            format!("Stok opname #{id} disetujui: {adjusted} penyesuaian dicatat."),
            format!("Stock count #{id} approved: {adjusted} adjustments recorded."),
        )
    }
}
