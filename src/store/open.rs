//! Opening the database: the file checked before anything is written (a 0-byte or foreign file,
//! a newer schema, damaged pages), the PRAGMAs, the migrations, the site secret; and the full
//! integrity check a long-running counter runs in the background, after which writes stop the
//! moment it fails.

use super::*;

/// Keep the -wal and -shm files when the last writer closes (SQLITE_FCNTL_PERSIST_WAL), so a
/// read-only viewer (the supervisor over SSH, the board) can open the database even though it
/// may not create files in the data directory.
pub(super) fn keep_wal_files(conn: &Connection) {
    const SQLITE_FCNTL_PERSIST_WAL: std::os::raw::c_int = 10;
    let mut on: std::os::raw::c_int = 1;
    // SAFETY: the handle is valid for the connection's lifetime, "main" is a NUL-terminated
    // schema name, and the opcode takes a pointer to an int, as documented for SQLite.
    unsafe {
        rusqlite::ffi::sqlite3_file_control(conn.handle(), c"main".as_ptr(), SQLITE_FCNTL_PERSIST_WAL, &mut on as *mut _ as *mut std::os::raw::c_void);
    }
}

impl Store {
    /// Open the database at `path`, with the site secret beside it ([`secret::key_path`]).
    pub fn open(path: &Path, mode: OpenMode) -> Result<Store> {
        Store::open_keyed(path, mode, &secret::key_path(path))
    }

    /// Open the database at `path` with the site secret in `key` (a restore opens the staged
    /// copy with the site's secret). A writer makes the secret when neither it nor the
    /// database's record of it exists (a new or an older database); a missing or different
    /// secret is refused, since no PIN could be checked.
    pub fn open_keyed(path: &Path, mode: OpenMode, key: &Path) -> Result<Store> {
        Store::open_on(path, mode, key, None)
    }

    /// [`Store::open`] through the SQLite VFS registered as `vfs` (the power-cut tests register
    /// one that loses every write not yet synced).
    pub fn open_with_vfs(path: &Path, mode: OpenMode, vfs: &str) -> Result<Store> {
        Store::open_on(path, mode, &secret::key_path(path), Some(vfs))
    }

    fn open_on(path: &Path, mode: OpenMode, key: &Path, vfs: Option<&str>) -> Result<Store> {
        let mut store = Store::open_unkeyed(path, mode, vfs)?;
        let recorded = store.meta("secret_id")?;
        let secret = match (secret::load(key), mode) {
            (secret::Load::Found(s), _) => Some(s),
            (_, OpenMode::ReadOnly) => None,
            (secret::Load::Unreadable, _) => return Err(StoreError::SecretUnreadable(key.to_path_buf())),
            (secret::Load::Missing, _) if recorded.is_some() => return Err(StoreError::SecretMissing(key.to_path_buf())),
            (secret::Load::Missing, _) => Some(secret::create(key).map_err(|_| StoreError::SecretUnreadable(key.to_path_buf()))?),
        };
        let first = match (&secret, recorded) {
            (Some(s), Some(id)) if id != s.fingerprint() => return Err(StoreError::SecretMismatch(key.to_path_buf())),
            (Some(_), None) => mode != OpenMode::ReadOnly,
            _ => false,
        };
        store.secret = secret;
        if first {
            store.key_audit_log()?;
        }
        Ok(store)
    }

    /// The first time a database meets its secret: record the secret's fingerprint, mark where
    /// the keyed part of the audit log starts, and give every record already there a baseline
    /// entry with its digest (one transaction).
    fn key_audit_log(&mut self) -> Result<()> {
        let Some(secret) = self.secret.clone() else { return Ok(()) };
        let now = Utc::now();
        self.write(|tx| {
            set_meta(tx, "secret_id", &secret.fingerprint())?;
            let next: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM audit", [], |r| r.get(0))?;
            set_meta(tx, "audit_keyed_from", &audit::keyed_from_value(&secret, next))?;
            let actor = Actor::system("baseline");
            for (tbl, id) in audit_rows::unrecorded(tx)? {
                audit::append(tx, &actor, "baseline", tbl, Some(id), "recorded when the audit log was keyed", now)?;
            }
            Ok(())
        })
    }

    /// The site secret, when this process could read it.
    pub(crate) fn secret(&self) -> Option<&secret::Secret> {
        self.secret.as_ref()
    }

    fn open_unkeyed(path: &Path, mode: OpenMode, vfs: Option<&str>) -> Result<Store> {
        let exists = path.exists();
        if path.is_dir() {
            return Err(StoreError::IsFolder(path.to_path_buf()));
        }
        if exists && mode != OpenMode::Create && std::fs::metadata(path).map(|m| m.len()).unwrap_or(1) == 0 {
            // SQLite would take an empty file for a new database and a counter would fill it
            // with tables and no users: a 0-byte file is a failed `init` or a lost file.
            return Err(StoreError::Empty(path.to_path_buf()));
        }
        if exists && mode != OpenMode::ReadOnly && read_only_mount(path) {
            return Err(StoreError::ReadOnlyMount(path.to_path_buf()));
        }
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
                Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) if mode == OpenMode::ReadOnly => {
                    StoreError::Unreadable(path.to_path_buf())
                }
                Some(ErrorCode::ReadOnly) | Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => {
                    StoreError::NotWritable(path.to_path_buf())
                }
                _ => StoreError::from(e),
            }
        };
        let conn = match vfs {
            Some(vfs) => Connection::open_with_flags_and_vfs(path, flags, vfs),
            None => Connection::open_with_flags(path, flags),
        }
        .map_err(classify)?;
        conn.busy_timeout(Duration::from_secs(5)).map_err(classify)?;
        // Every statement of a sale, a ticket or a check stays prepared (with the triggers it
        // fires compiled into it) between operations; rusqlite keeps 16 by default, fewer than
        // one sale's commit uses, so the cache turned over on every sale.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // SQLite's page cache per connection (its default is 2 MiB): the products, levels and
        // indexes a counter touches all day stay in memory rather than being read again.
        conn.pragma_update(None, "cache_size", -PAGE_CACHE_KIB).map_err(classify)?;
        let read_only = mode == OpenMode::ReadOnly;
        // Reading the header first tells a damaged or foreign file apart before anything is written.
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(classify)?;
        let app_id: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0)).map_err(classify)?;
        let has_tables: bool = conn
            .query_row("SELECT count(*) > 0 FROM sqlite_master", [], |r| r.get(0))
            .map_err(classify)?;
        if app_id != APPLICATION_ID && (app_id != 0 || has_tables) {
            return Err(StoreError::NotLoket(path.to_path_buf()));
        }
        // Damaged pages are found before anything is written. A whole check costs a few
        // milliseconds per megabyte: done here up to QUICK_CHECK_AT_OPEN; a bigger database is
        // checked in the background by a running counter (`start_background_check`).
        if exists && std::fs::metadata(path).map(|m| m.len()).unwrap_or(0) <= QUICK_CHECK_AT_OPEN && !quick_check_ok(&conn) {
            return Err(StoreError::Corrupt(path.to_path_buf()));
        }
        if version > LATEST_VERSION {
            return Err(StoreError::TooNew { path: path.to_path_buf(), found: version, known: LATEST_VERSION });
        }
        if !read_only && !has_tables && version == 0 {
            // A new database: small pages, set before anything is written (a page size cannot
            // change in WAL mode). A counter's writes are small rows in a dozen tables and
            // indexes, each a page in the WAL: at 1 KiB a paid three-line sale writes about 20 KB
            // where 4 KiB pages wrote 70-80 KB (README, "Figures"). Databases made before keep
            // their 4 KiB pages.
            conn.pragma_update(None, "page_size", super::PAGE_SIZE).map_err(classify)?;
        }
        if !read_only {
            conn.pragma_update(None, "journal_mode", "WAL").map_err(classify)?;
            conn.pragma_update(None, "synchronous", "FULL").map_err(classify)?;
            // Checkpoints happen when the counter is idle (`checkpoint_idle`) and when a process
            // that is the database's only user ends (`Drop`), not on a cashier's commit; this
            // is the safety net for a process that never idles.
            conn.pragma_update(None, "wal_autocheckpoint", super::WAL_AUTOCHECKPOINT_PAGES).map_err(classify)?;
            keep_wal_files(&conn);
        }
        conn.pragma_update(None, "foreign_keys", "ON").map_err(classify)?;
        // SQLite quietly opens a write-protected file read-only; a counter must know at once.
        if !read_only && conn.is_readonly(c"main").unwrap_or(false) {
            return Err(StoreError::NotWritable(path.to_path_buf()));
        }
        let mut store = Store { conn, path: path.to_path_buf(), read_only, commits: 0, secret: None, damaged: Default::default() };
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


    /// Run the full integrity check (`PRAGMA quick_check` on every page) on a connection of its
    /// own; if it fails, every later write through this store is refused (`StoreError::Corrupt`).
    pub fn start_background_check(&self) -> std::thread::JoinHandle<()> {
        let path = self.path.clone();
        let damaged = std::sync::Arc::clone(&self.damaged);
        std::thread::spawn(move || {
            if let Ok(conn) = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX) {
                if !quick_check_ok(&conn) {
                    damaged.store(true, std::sync::atomic::Ordering::SeqCst);
                }
            }
        })
    }

    /// Whether the background check found damage.
    pub fn is_damaged(&self) -> bool {
        self.damaged.load(std::sync::atomic::Ordering::SeqCst)
    }
}

/// Up to this size the whole database is checked at every open.
const QUICK_CHECK_AT_OPEN: u64 = 16 << 20;

/// Prepared statements kept per connection (a sale's commit alone uses about 20).
const STATEMENT_CACHE: usize = 256;

/// SQLite's page cache per connection, in KiB (a counter has two or three connections).
pub(crate) const PAGE_CACHE_KIB: i64 = 16 * 1024;

/// `PRAGMA quick_check` says "ok"; a busy or otherwise failed check is not damage.
fn quick_check_ok(conn: &Connection) -> bool {
    match conn.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0)) {
        Ok(result) => result == "ok",
        Err(e) => !matches!(e.sqlite_error_code(), Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)),
    }
}

/// Whether the file system holding `path` is mounted read-only.
fn read_only_mount(path: &Path) -> bool {
    rustix::fs::statvfs(path).is_ok_and(|s| s.f_flag.contains(rustix::fs::StatVfsMountFlags::RDONLY))
}
