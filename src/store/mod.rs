//! The store: the only module that touches SQL. One SQLite file per site, shared by every
//! `loket` process (counters, board, supervisor) in WAL mode.
//!
//! Writes go through [`Store::write`]: one user operation is one `BEGIN IMMEDIATE` transaction,
//! retried while another counter holds the write lock, and it records its audit entry inside the
//! same transaction.

pub mod audit;
mod audit_rows;
pub mod backup;
pub mod catalog;
pub mod counts;
pub mod ckg;
pub mod loans;
pub mod member_figures;
pub mod members;
pub mod clinic;
mod migrations;
pub mod patient_search;
mod open;
pub mod patients;
pub mod queue;
pub mod reorder;
pub mod receiving;
pub mod reports;
pub mod returns;
pub mod sale_commit;
pub mod shifts;
mod shift_figures;
pub mod prices;
pub mod print_jobs;
pub mod product_search;
pub mod products;
pub mod outbox;
pub mod hub_figures;
pub mod hub_figures_clinic;
pub mod hub_figures_money;
pub mod hub_outbox;
pub mod sales;
pub mod secret;
pub mod stock;
pub mod supplier_returns;
pub mod user_admin;
pub mod users;

pub use audit::{Actor, AuditBreak, AuditReport};
pub use migrations::LATEST_VERSION;
/// The transaction an operation runs in (`Store::write`); only `store` runs SQL on it.
pub use rusqlite::Transaction as Tx;

use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `PRAGMA application_id` of a Loket database ("LKT1"), so another program's SQLite file is
/// recognised as not ours.
pub const APPLICATION_ID: i32 = 0x4C4B_5431;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenMode {
    /// Create the file if it does not exist (init, demo).
    Create,
    /// The file must exist (running a counter).
    Existing,
    /// Read-only: the supervisor's view, the board.
    ReadOnly,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database not found: {0}")]
    Missing(PathBuf),
    #[error("folder does not exist: {0}")]
    NoFolder(PathBuf),
    #[error("database cannot be written: {0}")]
    NotWritable(PathBuf),
    #[error("database cannot be read: {0}")]
    Unreadable(PathBuf),
    /// Damaged pages (or a damaged header): restore the latest backup.
    #[error("not a Loket database or damaged: {0}")]
    Corrupt(PathBuf),
    /// Another program's SQLite database.
    #[error("not a Loket database: {0}")]
    NotLoket(PathBuf),
    /// A 0-byte file (a failed `init`, a lost file).
    #[error("empty file: {0}")]
    Empty(PathBuf),
    /// `--db` names a folder.
    #[error("a folder, not a database file: {0}")]
    IsFolder(PathBuf),
    /// The file system holding the database is mounted read-only.
    #[error("read-only file system: {0}")]
    ReadOnlyMount(PathBuf),
    #[error("database schema {found} is newer than this program ({known})")]
    TooNew { path: PathBuf, found: i64, known: i64 },
    /// The site secret file beside the database is missing while the database expects one.
    #[error("the site secret is missing: {0}")]
    SecretMissing(PathBuf),
    /// The site secret file is not the one this database was made with.
    #[error("the site secret does not belong to this database: {0}")]
    SecretMismatch(PathBuf),
    /// The site secret file exists but this account cannot read it (or it is not a secret).
    #[error("the site secret cannot be read: {0}")]
    SecretUnreadable(PathBuf),
    #[error("database is busy")]
    Busy,
    #[error("user already exists: {0}")]
    UserExists(String),
    #[error("no such user: {0}")]
    NoSuchUser(String),
    #[error("the last active admin cannot be disabled")]
    LastAdmin,
    #[error("database is already set up")]
    AlreadyInitialised,
    #[error("no ticket in service at this counter")]
    NoCurrentTicket,
    #[error("the counter is serving another ticket")]
    CounterBusy,
    #[error("no such ticket")]
    NoSuchTicket,
    #[error("no such patient")]
    NoSuchPatient,
    #[error("the disk is full")]
    DiskFull,
    #[error("a shift is already open")]
    ShiftAlreadyOpen,
    #[error("no open shift")]
    NoOpenShift,
    #[error("sqlite: {0}")]
    Sql(rusqlite::Error),
    #[error("no such print job: {0}")]
    NoSuchPrintJob(i64),
    #[error("print job {id} is {status}")]
    PrintJobClosed { id: i64, status: &'static str },
    #[error("no such outbox entry: {0}")]
    NoSuchOutboxEntry(i64),
    #[error("outbox entry {0} was already sent")]
    OutboxAlreadySent(i64),
    #[error("outbox payload: {0}")]
    Payload(String),
    /// A sale, void, return or receiving refused by the rules; nothing was saved.
    #[error("refused: {0:?}")]
    Sale(sales::Refusal),
    /// A health check or its amendment refused by the rules; nothing was saved.
    #[error("refused: {0:?}")]
    Ckg(ckg::CkgRefusal),
    /// Goods received, a count or a product refused by the stock rules; nothing was saved.
    #[error("refused: {0:?}")]
    Stock(crate::domain::stock::StockRefusal),
    /// A savings, credit or loan operation refused by the rules; nothing was saved.
    #[error("refused: {0:?}")]
    Member(members::MemberRefusal),
    /// A consultation, prescription, dispensing or referral refused by the rules; nothing was saved.
    #[error("refused: {0:?}")]
    Clinic(clinic::ClinicRefusal),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::Busy,
            _ => StoreError::Sql(e),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    /// Transactions this connection committed: with `data_version` (other connections' commits)
    /// it tells cheaply whether anything changed since a figure was last read.
    commits: u64,
    /// The site secret ([`secret`]); a read-only viewer that may not read it has none.
    secret: Option<secret::Secret>,
    /// Set by the background integrity check when it fails: writes are refused from then on.
    damaged: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

/// WAL pages after which a commit checkpoints by itself (SQLite's default is 1,000, which landed
/// a checkpoint on every 20-30th sale).
const WAL_AUTOCHECKPOINT_PAGES: i64 = 10_000;

/// The page size of a new database (bytes).
pub const PAGE_SIZE: i64 = 1024;

/// Timestamps are stored as UTC RFC 3339 text with milliseconds, which sorts as time.
pub fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn parse_ts(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&Utc))
}

impl Store {
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Changes whenever another connection commits: a cheap way to notice other counters' work.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// A number that changes whenever any connection, this one included, committed: this
    /// connection's commits plus `PRAGMA data_version`.
    pub fn change_mark(&self) -> Result<(u64, i64)> {
        Ok((self.commits, self.data_version()?))
    }

    pub fn journal_mode(&self) -> Result<String> {
        Ok(self.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?)
    }

    /// Run one user operation as one `BEGIN IMMEDIATE` transaction. While another counter holds
    /// the write lock past the busy timeout, try again (a busy database is never a failure).
    pub fn write<T>(&mut self, mut op: impl FnMut(&Transaction) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(StoreError::NotWritable(self.path.clone()));
        }
        if self.is_damaged() {
            return Err(StoreError::Corrupt(self.path.clone()));
        }
        let _keyed = audit::WriterSecret::set(self.secret.clone());
        let mut attempt = 0;
        loop {
            let result = (|| {
                let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let value = op(&tx)?;
                // The district hub's figures for what this operation changed, in its transaction.
                hub_outbox::flush_in(&tx)?;
                tx.commit()?;
                Ok(value)
            })();
            match result {
                Ok(_) => {
                    self.commits += 1;
                    return result;
                }
                Err(StoreError::Busy) if attempt < 50 => {
                    attempt += 1;
                    std::thread::sleep(Duration::from_millis(20 + 10 * attempt));
                }
                other => return other,
            }
        }
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    pub fn meta(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    pub fn is_demo(&self) -> Result<bool> {
        Ok(self.meta("demo")?.as_deref() == Some("1"))
    }
}

impl Drop for Store {
    /// A writer that ends leaves the WAL empty when it was the database's only user (the next
    /// open then reads nothing from it); with other processes reading, this gives up at once.
    fn drop(&mut self) {
        if !self.read_only {
            let _ = self.conn.busy_timeout(Duration::from_millis(20));
            let _ = self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
    }
}

pub(crate) fn set_meta(tx: &Transaction, key: &str, value: &str) -> Result<()> {
    tx.prepare_cached("INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")?.execute([key, value])?;
    Ok(())
}

#[cfg(test)]
pub(crate) mod testutil {
    use super::*;

    pub fn temp_store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("t.db"), OpenMode::Create).unwrap();
        (dir, store)
    }

    /// A hub link for the store's hub tests (no hub is reached).
    pub fn hub_link() -> hub_outbox::NewHubLink {
        hub_outbox::NewHubLink {
            site_id: "KAL01".into(),
            url: "postgresql://127.0.0.1:5432/hub".into(),
            user_name: "loket_site_kal01".into(),
            password_file: "/nonexistent".into(),
            ca_file: None,
            install_id: "i1".into(),
        }
    }
}

/// What a database file holds, checked without changing it (for backups and restores).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileInfo {
    pub version: i64,
    /// A Loket database that passes `PRAGMA integrity_check`.
    pub intact: bool,
}

/// Whether a file is a Loket demo database, read without opening it for work (no migration, no
/// lock held): commands on the demo then use the demo's site name, as the app does.
pub fn is_demo_file(path: &Path) -> bool {
    let Ok(conn) = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX) else { return false };
    conn.query_row("SELECT value FROM meta WHERE key = 'demo'", [], |r| r.get::<_, String>(0)).is_ok_and(|v| v == "1")
}

pub fn inspect(path: &Path) -> Result<FileInfo> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    Ok(FileInfo { version, intact: app_id == APPLICATION_ID && check == "ok" })
}

impl Store {
    /// A consistent copy of the whole database into a new file (one read transaction: writers
    /// carry on).
    pub fn copy_into(&self, target: &Path) -> Result<()> {
        let target_s = target.to_string_lossy().to_string();
        self.conn.execute("VACUUM INTO ?1", [target_s]).map(|_| ()).map_err(|e| match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::CannotOpen) | Some(ErrorCode::ReadOnly) | Some(ErrorCode::PermissionDenied) => StoreError::NotWritable(target.to_path_buf()),
            _ => StoreError::from(e),
        })
    }

    /// Fold the write-ahead log into the database file.
    pub fn checkpoint(&self) -> Result<()> {
        self.conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }

    /// Copy what the WAL holds into the database without waiting for anyone (the counter calls
    /// this when idle, so the cashier's commit never pays for a checkpoint). Returns the WAL's
    /// length in pages.
    pub fn checkpoint_idle(&self) -> Result<i64> {
        if self.read_only {
            return Ok(0);
        }
        Ok(self.conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get::<_, i64>(1))?)
    }

    /// Mark this database as a demo: the login screen then shows the demo users and PINs.
    pub fn mark_demo(&mut self, actor: &Actor, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            set_meta(tx, "demo", "1")?;
            audit::append(tx, actor, "demo", "meta", None, "demo database", now)
        })
    }
}
