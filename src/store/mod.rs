//! The store: the only module that touches SQL. One SQLite file per site, shared by every
//! `loket` process (counters, board, supervisor) in WAL mode.
//!
//! Writes go through [`Store::write`]: one user operation is one `BEGIN IMMEDIATE` transaction,
//! retried while another counter holds the write lock, and it records its audit entry inside the
//! same transaction.

pub mod audit;
pub mod catalog;
pub mod ckg;
mod migrations;
pub mod patients;
pub mod queue;
pub mod print_jobs;
pub mod sales;
pub mod stock;
pub mod users;

pub use audit::{Actor, AuditBreak, AuditReport};
pub use migrations::LATEST_VERSION;

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
    #[error("not a Loket database or damaged: {0}")]
    Corrupt(PathBuf),
    #[error("database schema {found} is newer than this program ({known})")]
    TooNew { path: PathBuf, found: i64, known: i64 },
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
    #[error("sqlite: {0}")]
    Sql(rusqlite::Error),
    #[error("no such print job: {0}")]
    NoSuchPrintJob(i64),
    #[error("print job {id} is {status}")]
    PrintJobClosed { id: i64, status: &'static str },
    /// A sale, void, return or receiving refused by the rules; nothing was saved.
    #[error("refused: {0:?}")]
    Sale(sales::Refusal),
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
}

/// Timestamps are stored as UTC RFC 3339 text with milliseconds, which sorts as time.
pub fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub fn parse_ts(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&Utc))
}

impl Store {
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store> {
        let exists = path.exists();
        if !exists {
            match mode {
                OpenMode::Existing | OpenMode::ReadOnly => return Err(StoreError::Missing(path.to_path_buf())),
                OpenMode::Create => {
                    let parent = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
                    if !parent.is_dir() {
                        return Err(StoreError::NoFolder(parent.to_path_buf()));
                    }
                }
            }
        }
        let flags = match mode {
            OpenMode::Create => OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
            OpenMode::Existing => OpenFlags::SQLITE_OPEN_READ_WRITE,
            OpenMode::ReadOnly => OpenFlags::SQLITE_OPEN_READ_ONLY,
        } | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let classify = |e: rusqlite::Error| -> StoreError {
            match e.sqlite_error_code() {
                Some(ErrorCode::NotADatabase) => StoreError::Corrupt(path.to_path_buf()),
                Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt(path.to_path_buf()),
                Some(ErrorCode::ReadOnly) | Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => {
                    StoreError::NotWritable(path.to_path_buf())
                }
                _ => StoreError::from(e),
            }
        };
        let conn = Connection::open_with_flags(path, flags).map_err(classify)?;
        conn.busy_timeout(Duration::from_secs(5)).map_err(classify)?;
        let read_only = mode == OpenMode::ReadOnly;
        // Reading the header first tells a damaged or foreign file apart before anything is written.
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(classify)?;
        let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(classify)?;
        let has_tables: bool = conn
            .query_row("SELECT count(*) > 0 FROM sqlite_master", [], |r| r.get(0))
            .map_err(classify)?;
        if app_id != APPLICATION_ID && (app_id != 0 || has_tables) {
            return Err(StoreError::Corrupt(path.to_path_buf()));
        }
        if version > LATEST_VERSION {
            return Err(StoreError::TooNew { path: path.to_path_buf(), found: version, known: LATEST_VERSION });
        }
        if !read_only {
            conn.pragma_update(None, "journal_mode", "WAL").map_err(classify)?;
            conn.pragma_update(None, "synchronous", "FULL").map_err(classify)?;
        }
        conn.pragma_update(None, "foreign_keys", "ON").map_err(classify)?;
        let mut store = Store { conn, path: path.to_path_buf(), read_only };
        if read_only {
            if version < LATEST_VERSION {
                // A read-only viewer cannot migrate; the counters will when they next start.
                return Err(StoreError::NotWritable(path.to_path_buf()));
            }
        } else {
            migrations::migrate(&mut store.conn).map_err(classify)?;
        }
        Ok(store)
    }

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

    pub fn journal_mode(&self) -> Result<String> {
        Ok(self.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?)
    }

    /// Run one user operation as one `BEGIN IMMEDIATE` transaction. While another counter holds
    /// the write lock past the busy timeout, try again (a busy database is never a failure).
    pub fn write<T>(&mut self, mut op: impl FnMut(&Transaction) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(StoreError::NotWritable(self.path.clone()));
        }
        let mut attempt = 0;
        loop {
            let result = (|| {
                let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let value = op(&tx)?;
                tx.commit()?;
                Ok(value)
            })();
            match result {
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

pub(crate) fn set_meta(tx: &Transaction, key: &str, value: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
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
}

impl Store {
    /// Mark this database as a demo: the login screen then shows the demo users and PINs.
    pub fn mark_demo(&mut self, actor: &Actor, now: DateTime<Utc>) -> Result<()> {
        self.write(|tx| {
            set_meta(tx, "demo", "1")?;
            audit::append(tx, actor, "demo", "meta", None, "demo database", now)
        })
    }
}
