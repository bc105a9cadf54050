//! Printing texts: the printed documents, the printer's status and print errors.

use super::Text;
use crate::domain::printing::{DocKind, Fault, PrintError, PrinterStatus};
use crate::store::print_jobs::JobStatus;

texts! {
    printer_unset => "Printer: -", "Printer: -";
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
    doc_audit => "Audit", "Audit";
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
    print_jobs_header => "NO    JENIS       STATUS     COBA  DIBUAT               PRINTER    KESALAHAN", "ID    KIND        STATUS     TRIES CREATED              PRINTER    ERROR";
    print_no_jobs => "Tidak ada pekerjaan cetak.", "No print jobs.";
    printer_not_configured => "Belum ada printer di pengaturan: tambahkan bagian [printer] di config.toml (lihat README).", "No printer is configured: add a [printer] section to config.toml (see the README).";
}

impl Text {
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
            DocKind::CkgRegister => self.pick("register CKG", "CKG register"),
            DocKind::ReceivingSlip => self.pick("bukti terima", "receiving slip"),
            DocKind::ReturnSlip => self.pick("nota retur", "return note"),
            DocKind::ShelfLabel => self.pick("label rak", "shelf label"),
            DocKind::PurchaseOrder => self.pick("pesanan pembelian", "purchase order"),
            DocKind::Prescription => self.pick("resep", "prescription"),
            DocKind::Referral => self.pick("surat rujukan", "referral letter"),
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
            format!("Pekerjaan {id} tetap menunggu di antrean cetak (`loket printer retry {id} --as NAMA`, `reprint`, `cancel`)."),
            format!("Job {id} stays in the print spool (`loket printer retry {id} --as NAME`, `reprint`, `cancel`)."),
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
