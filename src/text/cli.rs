//! Command-line texts: `loket init`, users, the audit log, backup and restore, demo, and start-up errors.

use super::Text;
use crate::domain::user::{PinError, Role, UserNameError};
use crate::store::AuditBreak;

texts! {
    unexpected_error => "Loket berhenti karena kesalahan internal. Data yang sudah tersimpan aman. Rincian ada di", "Loket stopped on an internal error. Saved data is safe. Details are in";
    prompt_admin_name => "Nama login admin pertama: ", "Login name of the first admin: ";
    prompt_admin_full => "Nama lengkap admin: ", "Admin's full name: ";
    prompt_new_pin => "PIN baru (4-8 angka): ", "New PIN (4-8 digits): ";
    prompt_repeat_pin => "Ulangi PIN: ", "Repeat the PIN: ";
    prompt_site_name => "Nama koperasi/klinik: ", "Name of the cooperative/clinic: ";
    prompt_as_pin => "PIN admin: ", "Admin PIN: ";
    pins_differ => "Kedua PIN tidak sama.", "The two PINs differ.";
    need_admin => "Perintah ini perlu admin: tambahkan --as NAMA_ADMIN.", "This command needs an admin: add --as ADMIN_NAME.";
    need_user => "Perintah ini mengubah data: tambahkan --as NAMA (dan PIN-nya).", "This command changes data: add --as NAME (and that user's PIN).";
    role_may_not_run => "Peran pengguna itu tidak boleh menjalankan perintah ini.", "That user's role may not run this command.";
    simulate_demo_only => "`loket sales simulate` hanya untuk uji coba, pada database demo (`loket demo`); database situs tidak diubah.", "`loket sales simulate` is for tests, on a demo database (`loket demo`); the site database was not changed.";
    not_admin => "Pengguna itu bukan admin.", "That user is not an admin.";
    audit_ok => "Log audit utuh", "Audit log intact";
    users_header => "NAMA            PERAN        STATUS     NAMA LENGKAP", "NAME            ROLE         STATUS     FULL NAME";
    status_active => "aktif", "active";
    status_disabled => "nonaktif", "disabled";
    status_locked => "terkunci", "locked";
    restore_cancelled => "Pemulihan dibatalkan; database tidak diubah.", "Restore cancelled; the database was not changed.";
    terminal_gone => "Terminal terputus; Loket berhenti. Data yang sudah tersimpan aman.", "The terminal went away; Loket stopped. Saved data is safe.";
    no_terminal => "Loket perlu terminal interaktif (jalankan di konsol, tmux atau SSH dengan -t).", "Loket needs an interactive terminal (run it on a console, in tmux, or over SSH with -t).";
}

impl Text {
    pub fn stopped_by_signal(&self, signal: &str) -> String {
        self.choose(
            format!("Loket dihentikan ({signal}). Data yang sudah tersimpan aman."),
            format!("Loket was stopped ({signal}). Saved data is safe."),
        )
    }

    pub fn backup_error(&self, e: &crate::store::backup::BackupError) -> String {
        use crate::store::backup::BackupError::*;
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
            InUse(n) => self.choose(
                format!("Database sedang dipakai {n} proses lain (loket, papan antrean, pengawas); pemulihan dibatalkan agar tidak ada data yang hilang. Tutup semuanya (systemctl stop 'loket-*'), lalu ulangi."),
                format!("The database is in use by {n} other processes (counters, the board, the supervisor); the restore was refused so nothing is lost. Close them all (systemctl stop 'loket-*'), then try again."),
            ),
        }
    }

    pub fn backup_done(&self, path: &str, bytes: u64, removed: usize) -> String {
        let mb = bytes as f64 / 1_048_576.0;
        self.choose(
            format!("Cadangan dibuat dan diperiksa: {path} ({mb:.1} MB); {removed} cadangan lama dihapus."),
            format!("Backup made and verified: {path} ({mb:.1} MB); {removed} old backups removed."),
        )
    }

    pub fn restore_confirm(&self, file: &str, db: &str) -> String {
        self.choose(
            format!("Isi {db} akan diganti dengan cadangan {file} (isi sekarang disimpan di samping). Ketik PULIHKAN untuk melanjutkan: "),
            format!("The content of {db} will be replaced by the backup {file} (the current content is kept beside it). Type RESTORE to go on: "),
        )
    }

    pub fn restore_done(&self, from: &str, db: &str, saved: &str) -> String {
        self.choose(
            format!("{from} dipulihkan ke {db}. Database sebelumnya disimpan di {saved}."),
            format!("{from} restored to {db}. The previous database was kept as {saved}."),
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
            AuditBreak::HeadForged => self.pick(
                "Log audit RUSAK: penanda entri terakhir dipindah (entri di akhir dihapus).",
                "Audit log BROKEN: the marker of the last entry was moved (entries were cut from the end).",
            )
            .into(),
            AuditBreak::KeyedFromForged => self.pick(
                "Log audit RUSAK: penanda awal bagian berkunci hilang atau dipalsukan.",
                "Audit log BROKEN: the marker of where the keyed part starts is missing or forged.",
            )
            .into(),
            AuditBreak::NoSecret => self.pick(
                "Log audit tidak bisa diperiksa oleh akun ini: kunci rahasia situs tidak terbaca (jalankan sebagai pengguna loket).",
                "This account cannot check the audit log: the site secret is not readable (run as the loket user).",
            )
            .into(),
            AuditBreak::AnchorMismatch { seq } => self.choose(
                format!("Log audit RUSAK: entri {seq} tidak cocok dengan yang tercetak; log ditulis ulang."),
                format!("Audit log BROKEN: entry {seq} does not match the printed one; the log was rewritten."),
            ),
        }
    }

    pub fn audit_row_problem(&self, p: &crate::store::audit::RowProblem) -> String {
        use crate::store::audit::RowProblem::*;
        match p {
            Changed { tbl, id, entry } => self.choose(
                format!("{tbl} #{id}: isinya berubah sejak entri audit {entry}, tanpa entri baru."),
                format!("{tbl} #{id}: its content changed since audit entry {entry}, with no new entry."),
            ),
            NoEntry { tbl, id } => self.choose(
                format!("{tbl} #{id}: tidak ada entri audit (ditulis di luar Loket)."),
                format!("{tbl} #{id}: has no audit entry (written outside Loket)."),
            ),
            Gone { tbl, id, entry } => self.choose(
                format!("{tbl} #{id}: sudah tidak ada, padahal tercatat di entri audit {entry}."),
                format!("{tbl} #{id}: is gone, though audit entry {entry} records it."),
            ),
        }
    }

    pub fn audit_rows_broken(&self, n: usize) -> String {
        self.choose(format!("Log audit RUSAK: {n} catatan tidak cocok dengan lognya."), format!("Audit log BROKEN: {n} records do not match the log."))
    }

    pub fn audit_anchor_line(&self, seq: i64, digest: &str) -> String {
        self.choose(format!("Audit: #{seq} {digest}"), format!("Audit: #{seq} {digest}"))
    }

    pub fn bad_anchor(&self) -> &'static str {
        self.pick("--anchor harus berbentuk NOMOR:DIGEST, mis. 1234:0f3a9c...", "--anchor must look like SEQ:DIGEST, e.g. 1234:0f3a9c...")
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
}

impl Text {
    pub fn usage_unknown_command(&self, cmd: &str) -> String {
        self.choose(format!("perintah \"{cmd}\" tidak dikenal."), format!("unknown command \"{cmd}\"."))
    }
    pub fn usage_unknown_argument(&self, arg: &str) -> String {
        self.choose(format!("pilihan \"{arg}\" tidak dikenal di sini."), format!("the option \"{arg}\" is not known here."))
    }
    pub fn usage_missing(&self, arg: &str) -> String {
        self.choose(format!("{arg} harus diisi."), format!("{arg} is required."))
    }
    pub fn usage_bad_value(&self, arg: &str, value: &str) -> String {
        self.choose(format!("{arg}: nilai \"{value}\" tidak bisa dipakai."), format!("{arg}: the value \"{value}\" cannot be used."))
    }
    pub fn usage_choose(&self, valid: &str) -> String {
        self.choose(format!("Pilih: {valid}."), format!("Choose: {valid}."))
    }
    pub fn usage_other(&self) -> &'static str {
        self.pick("perintah tidak bisa dibaca.", "the command line cannot be read.")
    }
    pub fn usage_see_help(&self) -> &'static str {
        self.pick("Lihat: loket --help", "See: loket --help")
    }
}
