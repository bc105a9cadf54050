//! Power cuts: a test VFS (after SQLite's own crash tests) that keeps every write in memory until
//! the file is synced and, at a chosen write or sync, cuts the power: every write not yet synced
//! is lost and the files fail from then on. Sales, tickets and CKG saves run over it from a fresh
//! copy of a database, with the cut at a different point each run; afterwards the database,
//! opened normally, must pass `integrity_check`, hold every operation that was acknowledged
//! (whole), and keep stock and the audit log consistent.
//!
//! A truncate is applied at once (as if synced): SQLite truncates only the WAL after a
//! checkpoint that has itself synced, so this hides no loss the test is after.

mod common;
use chrono::{Duration, Utc};
use loket::domain::ckg::{AgeGroup, Entries, Finding, Measure, Subject};
use loket::domain::patient::PatientFields;
use loket::store::sales::{NewLine, NewSale, SaleRules};
use loket::store::{Actor, OpenMode, Store};
use rusqlite::ffi;
use std::ffi::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::Once;

// ---- the VFS ---------------------------------------------------------------------------------

/// Writes and syncs left before the cut; negative: no cut armed.
static LEFT: AtomicI64 = AtomicI64::new(-1);
/// The power is off: every file operation fails until the test re-arms.
static CUT: AtomicBool = AtomicBool::new(false);
/// A disk that acknowledges syncs without writing (the check's own control: it must fail then).
static LYING: AtomicBool = AtomicBool::new(false);

fn tick() -> bool {
    if CUT.load(Ordering::SeqCst) {
        return false;
    }
    let left = LEFT.fetch_sub(1, Ordering::SeqCst);
    if left == 0 {
        CUT.store(true, Ordering::SeqCst);
        return false;
    }
    true
}

#[repr(C)]
struct CrashFile {
    base: ffi::sqlite3_file,
    real: *mut ffi::sqlite3_file,
    /// Writes since the last sync, in order: lost at a cut.
    pending: *mut Vec<(i64, Vec<u8>)>,
}

static mut DEFAULT_VFS: *mut ffi::sqlite3_vfs = std::ptr::null_mut();
static mut METHODS: std::mem::MaybeUninit<ffi::sqlite3_io_methods> = std::mem::MaybeUninit::uninit();

unsafe fn parts(f: *mut ffi::sqlite3_file) -> (*mut ffi::sqlite3_file, &'static mut Vec<(i64, Vec<u8>)>) {
    let c = f as *mut CrashFile;
    ((*c).real, &mut *(*c).pending)
}

unsafe fn real_methods(real: *mut ffi::sqlite3_file) -> &'static ffi::sqlite3_io_methods {
    &*(*real).pMethods
}

unsafe fn real_size(real: *mut ffi::sqlite3_file) -> i64 {
    let mut size: ffi::sqlite3_int64 = 0;
    (real_methods(real).xFileSize.unwrap())(real, &mut size);
    size
}

unsafe extern "C" fn x_close(f: *mut ffi::sqlite3_file) -> c_int {
    let c = f as *mut CrashFile;
    let real = (*c).real;
    let rc = (real_methods(real).xClose.unwrap())(real);
    drop(Box::from_raw((*c).pending));
    ffi::sqlite3_free(real as *mut c_void);
    rc
}

unsafe extern "C" fn x_read(f: *mut ffi::sqlite3_file, buf: *mut c_void, amt: c_int, off: ffi::sqlite3_int64) -> c_int {
    if CUT.load(Ordering::SeqCst) {
        return ffi::SQLITE_IOERR_READ;
    }
    let (real, pending) = parts(f);
    let rc = (real_methods(real).xRead.unwrap())(real, buf, amt, off);
    if rc != ffi::SQLITE_OK && rc != ffi::SQLITE_IOERR_SHORT_READ {
        return rc;
    }
    let out = std::slice::from_raw_parts_mut(buf as *mut u8, amt as usize);
    let mut end = real_size(real);
    for (at, data) in pending.iter() {
        let (a, b) = (*at, *at + data.len() as i64);
        end = end.max(b);
        let (lo, hi) = (a.max(off), b.min(off + amt as i64));
        if lo < hi {
            out[(lo - off) as usize..(hi - off) as usize].copy_from_slice(&data[(lo - a) as usize..(hi - a) as usize]);
        }
    }
    if off + amt as i64 <= end {
        ffi::SQLITE_OK
    } else {
        ffi::SQLITE_IOERR_SHORT_READ
    }
}

unsafe extern "C" fn x_write(f: *mut ffi::sqlite3_file, buf: *const c_void, amt: c_int, off: ffi::sqlite3_int64) -> c_int {
    if !tick() {
        return ffi::SQLITE_IOERR_WRITE;
    }
    let (_, pending) = parts(f);
    pending.push((off, std::slice::from_raw_parts(buf as *const u8, amt as usize).to_vec()));
    ffi::SQLITE_OK
}

unsafe fn flush(f: *mut ffi::sqlite3_file) -> c_int {
    let (real, pending) = parts(f);
    for (at, data) in pending.drain(..) {
        let rc = (real_methods(real).xWrite.unwrap())(real, data.as_ptr() as *const c_void, data.len() as c_int, at);
        if rc != ffi::SQLITE_OK {
            return rc;
        }
    }
    ffi::SQLITE_OK
}

unsafe extern "C" fn x_sync(f: *mut ffi::sqlite3_file, flags: c_int) -> c_int {
    if !tick() {
        return ffi::SQLITE_IOERR_FSYNC;
    }
    if LYING.load(Ordering::SeqCst) {
        return ffi::SQLITE_OK;
    }
    let rc = flush(f);
    if rc != ffi::SQLITE_OK {
        return rc;
    }
    let (real, _) = parts(f);
    (real_methods(real).xSync.unwrap())(real, flags)
}

unsafe extern "C" fn x_truncate(f: *mut ffi::sqlite3_file, size: ffi::sqlite3_int64) -> c_int {
    if CUT.load(Ordering::SeqCst) {
        return ffi::SQLITE_IOERR_TRUNCATE;
    }
    let rc = flush(f);
    if rc != ffi::SQLITE_OK {
        return rc;
    }
    let (real, _) = parts(f);
    (real_methods(real).xTruncate.unwrap())(real, size)
}

unsafe extern "C" fn x_file_size(f: *mut ffi::sqlite3_file, size: *mut ffi::sqlite3_int64) -> c_int {
    let (real, pending) = parts(f);
    let rc = (real_methods(real).xFileSize.unwrap())(real, size);
    for (at, data) in pending.iter() {
        *size = (*size).max(*at + data.len() as i64);
    }
    rc
}

macro_rules! delegate {
    ($name:ident, $field:ident, ($($arg:ident: $ty:ty),*)) => {
        unsafe extern "C" fn $name(f: *mut ffi::sqlite3_file $(, $arg: $ty)*) -> c_int {
            let (real, _) = parts(f);
            (real_methods(real).$field.unwrap())(real $(, $arg)*)
        }
    };
}
delegate!(x_lock, xLock, (l: c_int));
delegate!(x_unlock, xUnlock, (l: c_int));
delegate!(x_check_reserved, xCheckReservedLock, (out: *mut c_int));
delegate!(x_file_control, xFileControl, (op: c_int, arg: *mut c_void));
delegate!(x_sector_size, xSectorSize, ());
delegate!(x_device, xDeviceCharacteristics, ());
delegate!(x_shm_map, xShmMap, (region: c_int, size: c_int, extend: c_int, out: *mut *mut c_void));
delegate!(x_shm_lock, xShmLock, (offset: c_int, n: c_int, flags: c_int));
delegate!(x_shm_unmap, xShmUnmap, (delete: c_int));

unsafe extern "C" fn x_shm_barrier(f: *mut ffi::sqlite3_file) {
    let (real, _) = parts(f);
    (real_methods(real).xShmBarrier.unwrap())(real)
}

unsafe extern "C" fn x_open(vfs: *mut ffi::sqlite3_vfs, name: ffi::sqlite3_filename, f: *mut ffi::sqlite3_file, flags: c_int, out_flags: *mut c_int) -> c_int {
    let _ = vfs;
    let default = DEFAULT_VFS;
    let c = f as *mut CrashFile;
    (*c).base.pMethods = std::ptr::null();
    let real = ffi::sqlite3_malloc((*default).szOsFile) as *mut ffi::sqlite3_file;
    std::ptr::write_bytes(real as *mut u8, 0, (*default).szOsFile as usize);
    let rc = ((*default).xOpen.unwrap())(default, name, real, flags, out_flags);
    if rc != ffi::SQLITE_OK || (*real).pMethods.is_null() {
        ffi::sqlite3_free(real as *mut c_void);
        return if rc == ffi::SQLITE_OK { ffi::SQLITE_CANTOPEN } else { rc };
    }
    (*c).real = real;
    (*c).pending = Box::into_raw(Box::new(Vec::new()));
    (*c).base.pMethods = (&raw const METHODS) as *const ffi::sqlite3_io_methods;
    ffi::SQLITE_OK
}

fn register() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| unsafe {
        DEFAULT_VFS = ffi::sqlite3_vfs_find(std::ptr::null());
        let mut m: ffi::sqlite3_io_methods = std::mem::zeroed();
        m.iVersion = 2;
        m.xClose = Some(x_close);
        m.xRead = Some(x_read);
        m.xWrite = Some(x_write);
        m.xTruncate = Some(x_truncate);
        m.xSync = Some(x_sync);
        m.xFileSize = Some(x_file_size);
        m.xLock = Some(x_lock);
        m.xUnlock = Some(x_unlock);
        m.xCheckReservedLock = Some(x_check_reserved);
        m.xFileControl = Some(x_file_control);
        m.xSectorSize = Some(x_sector_size);
        m.xDeviceCharacteristics = Some(x_device);
        m.xShmMap = Some(x_shm_map);
        m.xShmLock = Some(x_shm_lock);
        m.xShmBarrier = Some(x_shm_barrier);
        m.xShmUnmap = Some(x_shm_unmap);
        (&raw mut METHODS).write(std::mem::MaybeUninit::new(m));
        let mut vfs: ffi::sqlite3_vfs = std::ptr::read(DEFAULT_VFS);
        vfs.iVersion = 2;
        vfs.szOsFile = std::mem::size_of::<CrashFile>() as c_int;
        vfs.zName = c"powercut".as_ptr() as *const c_char;
        vfs.pNext = std::ptr::null_mut();
        vfs.xOpen = Some(x_open);
        let vfs = Box::into_raw(Box::new(vfs));
        assert_eq!(ffi::sqlite3_vfs_register(vfs, 0), ffi::SQLITE_OK);
    });
}

// ---- the workload ----------------------------------------------------------------------------

/// What the operations acknowledged before the cut.
#[derive(Default)]
struct Acked {
    sales: Vec<(String, i64)>,
    tickets: Vec<i64>,
    checks: Vec<i64>,
}

fn run_until_cut(db: &std::path::Path, products: &[i64], acked: &mut Acked) {
    let Ok(mut store) = Store::open_with_vfs(db, OpenMode::Existing, "powercut") else { return };
    let config = loket::config::Config::default();
    let cashier = store.users().unwrap().into_iter().find(|u| u.name == "budi").unwrap();
    let rules = SaleRules {
        charges_vat: false,
        fefo: loket::domain::fefo::Rules { warn_days: 30, block_near_expiry: false, allow_negative: false },
        credit_limit: 0,
        policy: config.sales.drug_policy.clone(),
        pharmacist: false,
        rounding: Default::default(),
        discounts: Default::default(),
        seller_role: loket::domain::user::Role::Cashier,
    };
    for i in 0..12usize {
        let now = Utc::now();
        match i % 3 {
            0 => {
                let lines = (0..1 + i % 3).map(|k| NewLine { product_id: products[(i + k) % products.len()], qty_milli: 1000, fixed_amount: None, prescription: None, change: None }).collect();
                let sale = NewSale {
                    lines,
                    member_id: None,
                    patient_id: None,
                    tenders: vec![loket::domain::cart::Tender { method: loket::domain::cart::Method::Cash, amount: 1_000_000, reference: None }],
                    business_day: now.date_naive(),
                    shift_id: None,
                    discount: None,
                };
                match store.commit_sale(&cashier.actor(), &sale, &rules, now) {
                    Ok(s) => acked.sales.push((s.number, s.total)),
                    Err(loket::store::StoreError::Sale(_)) => {}
                    Err(_) => return,
                }
            }
            1 => match loket::ops::queue::take_ticket(&mut store, &config, &Actor::system("kiosk"), "A", None, now) {
                Ok(t) => acked.tickets.push(t.ticket.id),
                Err(_) => return,
            },
            _ => {
                let fields = PatientFields { name: format!("Pasien {i}"), sex: "P".into(), birth_date: chrono::NaiveDate::from_ymd_opt(1980, 1, 1 + i as u32), ..Default::default() };
                let Ok(Ok(p)) = store.register_patient(&Actor::system("t"), &fields, "RM-", 7, now) else { return };
                let entries = Entries {
                    measures: vec![(Measure::Weight, 600), (Measure::Height, 1585), (Measure::Systolic, 128), (Measure::Diastolic, 84)],
                    screens: [("tb".to_string(), Finding::Normal)].into_iter().collect(),
                    fasted: false,
                };
                let subject = Subject { group: AgeGroup::Adult, age: 46, female: true };
                let facts = loket::ops::ckg::CheckFacts { patient_id: p.id, patient_name: &p.name, record_no: &p.rm_number, ticket_id: None, subject, started: now - Duration::minutes(8), examiner: "bidan" };
                match loket::ops::ckg::finish_check(&mut store, &config, &Actor::user(cashier.id, "bidan"), &facts, &entries, now) {
                    Ok(id) => acked.checks.push(id),
                    Err(_) => return,
                }
            }
        }
    }
}

/// Runs `runs` cut runs; returns (runs cut mid-work, operations acknowledged as sales, tickets,
/// CKG checks, problems).
fn cut_runs(runs: i64) -> (i64, [usize; 3], Vec<String>) {
    register();
    let base_dir = tempfile::tempdir().unwrap();
    let base = base_dir.path().join("base.db");
    let products: Vec<i64> = {
        let mut store = Store::open(&base, OpenMode::Create).unwrap();
        loket::demo::seed(&mut store, 5, Utc::now()).unwrap();
        store.checkpoint().unwrap();
        store.catalog().unwrap().into_iter().filter(|p| p.drug.is_none() && p.by_piece()).map(|p| p.id).collect()
    };
    let key = loket::store::secret::key_path(&base);
    let (mut cut_runs, mut acked_total, mut failures) = (0, [0usize; 3], Vec::new());
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for run in 0..runs {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("site.db");
        std::fs::copy(&base, &db).unwrap();
        std::fs::copy(&key, loket::store::secret::key_path(&db)).unwrap();
        // The cut falls somewhere in the first ~150 writes and syncs of the run.
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        LEFT.store((seed >> 33) as i64 % 150, Ordering::SeqCst);
        CUT.store(false, Ordering::SeqCst);
        let mut acked = Acked::default();
        run_until_cut(&db, &products, &mut acked);
        if CUT.load(Ordering::SeqCst) {
            cut_runs += 1;
        }
        LEFT.store(-1, Ordering::SeqCst);
        CUT.store(false, Ordering::SeqCst);
        // The power is back: open normally, as the next boot would.
        let _ = std::fs::remove_file(db.with_extension("db-shm"));
        let problems = check_after(&db, &acked);
        acked_total[0] += acked.sales.len();
        acked_total[1] += acked.tickets.len();
        acked_total[2] += acked.checks.len();
        if !problems.is_empty() {
            failures.push(format!("run {run}: {problems:?}"));
        }
    }
    (cut_runs, acked_total, failures)
}

// Both tests drive the one VFS (its cut is process-wide): they run one after the other.
static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn a_thousand_power_cuts_lose_nothing_acknowledged() {
    let _one = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let runs: i64 = std::env::var("LOKET_POWERCUTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1000);
    let (cut, acked, failures) = cut_runs(runs);
    eprintln!(
        "power cuts: {runs} runs, {cut} cut mid-work, acknowledged before the cut: {} sales, {} tickets, {} CKG checks; {} runs with a problem",
        acked[0],
        acked[1],
        acked[2],
        failures.len()
    );
    assert!(acked.iter().all(|n| *n > 0), "every kind of operation was acknowledged before some cut: {acked:?}");
    assert!(cut >= runs * 9 / 10, "most runs were cut mid-work ({cut} of {runs})");
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn the_check_catches_a_disk_that_lies_about_syncing() {
    let _one = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    LYING.store(true, Ordering::SeqCst);
    let (_, _, failures) = cut_runs(40);
    LYING.store(false, Ordering::SeqCst);
    assert!(!failures.is_empty(), "acknowledged work lost by a lying disk must be noticed");
}

fn check_after(db: &std::path::Path, acked: &Acked) -> Vec<String> {
    let mut problems = Vec::new();
    let store = match Store::open(db, OpenMode::Existing) {
        Ok(s) => s,
        Err(e) => return vec![format!("open: {e}")],
    };
    let c = rusqlite::Connection::open(db).unwrap();
    let integrity: String = c.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    if integrity != "ok" {
        problems.push(format!("integrity: {integrity}"));
    }
    for (number, total) in &acked.sales {
        let found: Option<i64> = c.query_row("SELECT total FROM sales WHERE number = ?1", [number], |r| r.get(0)).ok();
        if found != Some(*total) {
            problems.push(format!("sale {number} acknowledged, found {found:?}"));
        }
    }
    for id in &acked.tickets {
        if c.query_row("SELECT 1 FROM tickets WHERE id = ?1", [id], |r| r.get::<_, i64>(0)).is_err() {
            problems.push(format!("ticket {id} acknowledged, missing"));
        }
    }
    for id in &acked.checks {
        if c.query_row("SELECT 1 FROM ckg_checks WHERE id = ?1", [id], |r| r.get::<_, i64>(0)).is_err() {
            problems.push(format!("CKG check {id} acknowledged, missing"));
        }
    }
    match store.check_sales() {
        Ok(p) if p.is_empty() => {}
        Ok(p) => problems.push(format!("sales check: {p:?}")),
        Err(e) => problems.push(format!("sales check: {e}")),
    }
    match store.verify_audit() {
        Ok(r) if r.is_intact() => {}
        Ok(r) => problems.push(format!("audit: {:?}", r.problems())),
        Err(e) => problems.push(format!("audit: {e}")),
    }
    problems
}
