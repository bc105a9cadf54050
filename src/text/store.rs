//! Database texts: store errors in words, with what to do about them.

use super::Text;
use crate::store::StoreError;

impl Text {
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
                format!("{} bukan database Loket atau rusak: pemeriksaan menemukan bagian yang rusak, dan tidak ada yang ditulis ke dalamnya. Pulihkan cadangan terbaru: `loket restore /var/lib/loket/backups/loket-TERBARU.db --as ADMIN` (lihat `ls -t /var/lib/loket/backups`).", p.display()),
                format!("{} is not a Loket database or is damaged: the check found damaged parts, and nothing was written to it. Restore the latest backup: `loket restore /var/lib/loket/backups/loket-NEWEST.db --as ADMIN` (see `ls -t /var/lib/loket/backups`).", p.display()),
            ),
            StoreError::NotLoket(p) => self.choose(
                format!("{} bukan database Loket atau rusak: itu database program lain. Untuk database Loket baru: `loket init --db FILE_BARU`.", p.display()),
                format!("{} is not a Loket database or is damaged: it belongs to another program. For a new Loket database: `loket init --db NEW_FILE`.", p.display()),
            ),
            StoreError::Empty(p) => self.choose(
                format!("{} kosong (0 byte), bukan database Loket (mungkin `loket init` yang gagal). Buat database dengan `loket init --db {}` setelah memindahkan file itu, atau pulihkan cadangan.", p.display(), p.display()),
                format!("{} is empty (0 bytes), not a Loket database (perhaps a failed `loket init`). Create the database with `loket init --db {}` after moving that file away, or restore a backup.", p.display(), p.display()),
            ),
            StoreError::IsFolder(p) => self.choose(
                format!("{} adalah folder, bukan file database. Beri nama file di dalamnya, mis. --db {}/loket.db.", p.display(), p.display()),
                format!("{} is a folder, not a database file. Name a file inside it, e.g. --db {}/loket.db.", p.display(), p.display()),
            ),
            StoreError::ReadOnlyMount(p) => self.choose(
                format!("Disk tempat {} dipasang hanya-baca (read-only); izin file tidak bisa menolong. Pasang ulang dengan izin tulis (mis. `mount -o remount,rw`) atau pakai disk lain.", p.display()),
                format!("The disk holding {} is mounted read-only; file permissions cannot help. Mount it again writable (e.g. `mount -o remount,rw`) or use another disk.", p.display()),
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
            StoreError::SecretMissing(p) => self.choose(
                format!("Kunci rahasia situs {} hilang; tanpa kunci itu PIN dan log audit tidak bisa diperiksa. Kembalikan file itu dari cadangan kuncinya (lihat README).", p.display()),
                format!("The site secret {} is missing; without it no PIN and no audit entry can be checked. Put the file back from its own backup (see the README).", p.display()),
            ),
            StoreError::SecretMismatch(p) => self.choose(
                format!("Kunci rahasia situs {} bukan milik database ini. Kembalikan kunci yang benar dari cadangannya.", p.display()),
                format!("The site secret {} does not belong to this database. Put the right one back from its backup.", p.display()),
            ),
            StoreError::SecretUnreadable(p) => self.choose(
                format!("Kunci rahasia situs {} tidak bisa dibaca atau dibuat oleh akun ini (jalankan sebagai pengguna loket).", p.display()),
                format!("The site secret {} cannot be read or made by this account (run as the loket user).", p.display()),
            ),
            StoreError::Busy => self.pick(
                "Database sedang sibuk dipakai loket lain; coba lagi.",
                "The database is busy with another counter; try again.",
            )
            .into(),
            StoreError::UserExists(n) => self.choose(format!("Pengguna {n} sudah ada."), format!("User {n} already exists.")),
            StoreError::NoSuchUser(n) => self.choose(format!("Pengguna {n} tidak ada."), format!("There is no user {n}.")),
            StoreError::LastAdmin => self.pick(
                "Admin aktif terakhir tidak bisa dinonaktifkan atau diganti perannya.",
                "The last active admin cannot be disabled or given another role.",
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
            StoreError::Ckg(r) => self.ckg_refusal(r),
            StoreError::Stock(r) => self.stock_refusal(r),
            StoreError::Member(r) => self.member_refusal(r),
            StoreError::Clinic(r) => self.clinic_refusal(r),
        }
    }
}
