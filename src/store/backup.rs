//! Backups: a consistent copy of the database made while counters keep working (SQLite's
//! `VACUUM INTO`, one read transaction, so writers are never blocked), written under a temporary
//! name, verified, then renamed; the newest N are kept. Restore refuses a damaged file or one
//! from a newer version, and keeps the database it replaces.

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
    let _ = std::fs::remove_file(&partial);
    if let Err(e) = store.copy_into(&partial) {
        let _ = std::fs::remove_file(&partial);
        return Err(match e {
            StoreError::DiskFull => BackupError::Full(shown),
            StoreError::NotWritable(_) => BackupError::Folder(shown, "read-only".into()),
            other => BackupError::Store(other),
        });
    }
    match store::inspect(&partial) {
        Ok(info) if info.intact => {}
        _ => {
            let _ = std::fs::remove_file(&partial);
            return Err(BackupError::Verify(final_path.display().to_string()));
        }
    }
    std::fs::rename(&partial, &final_path).map_err(|e| BackupError::Io(final_path.display().to_string(), e.to_string()))?;
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

/// Put `file` in place of the database at `db`; the replaced database is kept beside it.
pub fn restore(file: &Path, db: &Path, now: DateTime<Utc>) -> Result<PathBuf, BackupError> {
    let shown = file.display().to_string();
    let info = store::inspect(file).map_err(|_| BackupError::NotABackup(shown.clone()))?;
    if !info.intact {
        return Err(BackupError::NotABackup(shown));
    }
    if info.version > store::LATEST_VERSION {
        return Err(BackupError::Newer { file: shown, found: info.version, known: store::LATEST_VERSION });
    }
    let dir = db.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let incoming = dir.join(".loket-restore.partial");
    std::fs::copy(file, &incoming).map_err(|e| BackupError::Io(incoming.display().to_string(), e.to_string()))?;
    let saved = db.with_extension(format!("db.before-restore-{}", now.format("%Y%m%d-%H%M%S")));
    if db.exists() {
        // Fold the WAL into the old file first, so the kept copy is whole.
        if let Ok(old) = Store::open(db, store::OpenMode::Existing) {
            let _ = old.checkpoint();
        }
        std::fs::rename(db, &saved).map_err(|e| BackupError::Io(db.display().to_string(), e.to_string()))?;
        for ext in ["db-wal", "db-shm"] {
            let _ = std::fs::remove_file(db.with_extension(ext));
        }
    }
    std::fs::rename(&incoming, db).map_err(|e| BackupError::Io(db.display().to_string(), e.to_string()))?;
    Ok(saved)
}
