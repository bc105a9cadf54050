//! Backups: a consistent copy of the database made while counters keep working (SQLite's
//! `VACUUM INTO`, one read transaction, so writers are never blocked), written under a temporary
//! name, verified, then renamed; the newest N are kept. Restore refuses a damaged file or one
//! from a newer version, refuses while another process has the database open, and keeps the
//! content it replaces (see [`put_in_place`]).

use super::{self as store, Store, StoreError};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};

#[derive(Debug)]
pub enum BackupError {
    /// The folder is missing, not a folder or not writable (path, why).
    Folder(String, String),
    Full(String),
    Verify(String),
    NotABackup(String),
    Newer { file: String, found: i64, known: i64 },
    Store(StoreError),
    Io(String, String),
    /// Other processes (this many) have the database open: a restore would lose their writes.
    InUse(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub path: PathBuf,
    pub bytes: u64,
    /// Older backups removed to keep N.
    pub removed: usize,
}

const PREFIX: &str = "loket-";

fn is_backup_name(name: &str) -> bool {
    name.starts_with(PREFIX) && name.ends_with(".db")
}

pub fn backup(store: &Store, dir: &Path, keep: usize, now: DateTime<Utc>) -> Result<Made, BackupError> {
    let shown = dir.display().to_string();
    let meta = std::fs::metadata(dir).map_err(|e| BackupError::Folder(shown.clone(), e.to_string()))?;
    if !meta.is_dir() {
        return Err(BackupError::Folder(shown, "not a folder".into()));
    }
    let name = format!("{PREFIX}{}.db", now.format("%Y%m%d-%H%M%S"));
    let final_path = dir.join(&name);
    let partial = dir.join(format!(".{name}.partial"));
    remove_partial(&partial);
    if let Err(e) = store.copy_into(&partial) {
        remove_partial(&partial);
        return Err(match e {
            StoreError::DiskFull => BackupError::Full(shown),
            StoreError::NotWritable(_) => BackupError::Folder(shown, "read-only".into()),
            other => BackupError::Store(other),
        });
    }
    match store::inspect(&partial) {
        Ok(info) if info.intact => {}
        _ => {
            remove_partial(&partial);
            return Err(BackupError::Verify(final_path.display().to_string()));
        }
    }
    // The check opened it: any journal or log beside it goes too.
    for suffix in ["-journal", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
    }
    if let Err(e) = std::fs::rename(&partial, &final_path) {
        remove_partial(&partial);
        return Err(BackupError::Io(final_path.display().to_string(), e.to_string()));
    }
    let bytes = std::fs::metadata(&final_path).map(|m| m.len()).unwrap_or(0);
    // Keep the newest `keep` backups (names sort by time).
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| BackupError::Io(shown.clone(), e.to_string()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| is_backup_name(n))
        .collect();
    names.sort();
    let mut removed = 0;
    while names.len() > keep.max(1) {
        let old = names.remove(0);
        if std::fs::remove_file(dir.join(&old)).is_ok() {
            removed += 1;
        }
    }
    Ok(Made { path: final_path, bytes, removed })
}

/// A backup copied beside the database, checked and brought to this version's schema, waiting
/// to be put in place ([`put_in_place`]); removed if dropped before.
pub struct Staged {
    pub store: Store,
    path: PathBuf,
    done: bool,
}

impl Staged {
    fn remove_files(&self) {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", self.path.display()));
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.done {
            self.remove_files();
        }
    }
}

/// Check `file` (an intact Loket database, not from a newer version) and copy it beside `db`,
/// migrated to this version; nothing of the database is touched yet.
pub fn stage(file: &Path, db: &Path) -> Result<Staged, BackupError> {
    let shown = file.display().to_string();
    let info = store::inspect(file).map_err(|_| BackupError::NotABackup(shown.clone()))?;
    if !info.intact {
        return Err(BackupError::NotABackup(shown));
    }
    if info.version > store::LATEST_VERSION {
        return Err(BackupError::Newer { file: shown, found: info.version, known: store::LATEST_VERSION });
    }
    let dir = db.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let path = dir.join(".loket-restore.partial");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    std::fs::copy(file, &path).map_err(|e| BackupError::Io(path.display().to_string(), e.to_string()))?;
    match Store::open_keyed(&path, store::OpenMode::Existing, &store::secret::key_path(db)) {
        Ok(store) => Ok(Staged { store, path, done: false }),
        Err(e) => {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
            Err(BackupError::Store(e))
        }
    }
}

/// Record in the staged copy who restores it and from where (it becomes the database's history).
pub fn record_restore(staged: &mut Staged, actor: &store::Actor, from: &str, now: DateTime<Utc>) -> Result<(), BackupError> {
    staged.store.write(|tx| store::audit::append(tx, actor, "restore", "meta", None, &format!("restored from {from}"), now)).map_err(BackupError::Store)
}

/// A partial backup and whatever SQLite made beside it (a journal, a log): on any failure
/// nothing of it is left in the backup folder.
fn remove_partial(partial: &Path) {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", partial.display()));
    }
}

/// Put the staged backup in place of the database at `db`, keeping what it replaces as
/// `db.before-restore-TIME`; returns that path (None when there was no database).
///
/// Acknowledged writes are never lost: the database is taken with SQLite's exclusive lock
/// (`locking_mode=EXCLUSIVE`), which no other connection can share, so a counter, board or
/// script that has it open makes the restore refuse ([`BackupError::InUse`], naming how many
/// processes); once the lock is held nobody can read or write until the restore is done. The
/// replaced content is copied out (`VACUUM INTO`) and the backup copied in (SQLite's online
/// backup API) under that lock, so a write is either in the kept copy or lands after, in the
/// restored database. A file that is not a database any more (damaged) is moved aside instead,
/// again only while no other process has it open.
pub fn put_in_place(mut staged: Staged, db: &Path, now: DateTime<Utc>) -> Result<Option<PathBuf>, BackupError> {
    let shown = db.display().to_string();
    let io = |e: std::io::Error| BackupError::Io(shown.clone(), e.to_string());
    // Fold the staged copy's WAL into its file: the copy below reads the file.
    let _ = staged.store.checkpoint();
    let staged_path = staged.path.clone();
    drop(std::mem::replace(&mut staged.store, Store::open_keyed(&staged_path, store::OpenMode::ReadOnly, &store::secret::key_path(db)).map_err(BackupError::Store)?));
    let saved = db.with_extension(format!("db.before-restore-{}", now.format("%Y%m%d-%H%M%S")));
    if !db.exists() {
        std::fs::rename(&staged_path, db).map_err(io)?;
        staged.done = true;
        staged.remove_files();
        return Ok(None);
    }
    let mut live = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .map_err(|e| BackupError::Store(e.into()))?;
    // A short wait lets a kiosk's one-shot command finish; a running counter keeps its lock.
    live.busy_timeout(std::time::Duration::from_secs(2)).map_err(|e| BackupError::Store(e.into()))?;
    live.pragma_update(None, "locking_mode", "EXCLUSIVE").map_err(|e| BackupError::Store(e.into()))?;
    let taken = live.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0));
    match taken.map_err(|e| e.sqlite_error_code()) {
        Ok(_) => {}
        Err(Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)) => {
            return Err(BackupError::InUse(other_holders(db)));
        }
        Err(Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt)) => {
            // Damaged: nothing in it can be copied out; moved aside whole, if nobody has it open.
            drop(live);
            let holders = other_holders(db);
            if holders > 0 {
                return Err(BackupError::InUse(holders));
            }
            std::fs::rename(db, &saved).map_err(io)?;
            for ext in ["db-wal", "db-shm"] {
                let _ = std::fs::remove_file(db.with_extension(ext));
            }
            std::fs::rename(&staged_path, db).map_err(io)?;
            staged.done = true;
            staged.remove_files();
            return Ok(Some(saved));
        }
        Err(_) => return Err(BackupError::Store(store::StoreError::Corrupt(db.to_path_buf()))),
    }
    // The lock is ours: keep the replaced content, then copy the backup in.
    live.execute("VACUUM INTO ?1", [saved.to_string_lossy()]).map_err(|e| BackupError::Io(saved.display().to_string(), e.to_string()))?;
    {
        let source = staged.store.conn();
        let copy = rusqlite::backup::Backup::new(source, &mut live).map_err(|e| BackupError::Store(e.into()))?;
        copy.step(-1).map_err(|e| BackupError::Store(e.into()))?;
    }
    super::open::keep_wal_files(&live);
    drop(live);
    Ok(Some(saved))
}

/// How many other processes hold a lock on the database or its shared-memory file (every
/// connection does, for as long as it is open): read from /proc/locks on Linux.
pub fn other_holders(db: &Path) -> usize {
    use std::os::unix::fs::MetadataExt;
    let inodes: Vec<u64> = [db.to_path_buf(), db.with_extension("db-shm")].iter().filter_map(|p| std::fs::metadata(p).ok()).map(|m| m.ino()).collect();
    let me = std::process::id().to_string();
    let Ok(locks) = std::fs::read_to_string("/proc/locks") else { return 0 };
    let mut pids: Vec<&str> = locks
        .lines()
        .filter_map(|line| {
            let words: Vec<&str> = line.split_whitespace().collect();
            // "1: POSIX  ADVISORY  READ 1234 fe:00:5678 0 EOF" (a blocked waiter has "->" first).
            let at = words.iter().position(|w| w.matches(':').count() == 2)?;
            let inode: u64 = words[at].rsplit(':').next()?.parse().ok()?;
            let pid = *words.get(at - 1)?;
            (inodes.contains(&inode) && pid != me).then_some(pid)
        })
        .collect();
    pids.sort();
    pids.dedup();
    pids.len()
}
