//! End-to-end in tmux at 80x24: a ticket for the examination room, the doctor calls it and
//! examines, the prescription goes to the pharmacy with the ticket, the pharmacist hands it out
//! and takes the money, and SATUSEHAT's outbox holds the consultation and the dispensing.

mod common;
#[path = "common/satusehat.rs"]
mod satusehat;
use common::{loket_bin, run_loket, Tmux};

/// Wait until `needle` has left the screen (an Escape must land before the next key).
fn wait_gone(t: &Tmux, needle: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while t.screen().contains(needle) {
        assert!(std::time::Instant::now() < deadline, "{needle:?} stayed on screen");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn ticket_consultation_prescription_pharmacy_sale_and_outbox() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let db_s = db.display().to_string();
    let (code, _, err) = run_loket(dir.path(), &["demo", "--db", &db_s, "--patients", "20", "--seed-only"], &[]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run_loket(dir.path(), &["--db", &db_s, "ticket", "B"], &[]);
    assert_eq!(code, 0, "{out}{err}");
    // The doctor's practitioner NIK, which SATUSEHAT needs.
    let (code, out, err) = run_loket(dir.path(), &["--db", &db_s, "user", "set-nik", "dewi", "3204124508850999", "--as", "admin", "--as-pin", "1234"], &[]);
    assert_eq!(code, 0, "{out}{err}");
    // Counter 2 calls service B (the examination room).
    let t = Tmux::start(&format!("HOME={} {} --db {db_s} --counter 2", dir.path().display(), loket_bin().display()), 80, 24);
    t.wait_for("Database demo: pengguna dan PIN");
    t.keys(&["dewi", "Enter", "5555", "Enter"]);
    t.wait_for("Selamat datang, dr. Dewi Lestari (Pemeriksa).");
    t.keys(&["F2"]);
    t.wait_for("Sedang dilayani");
    t.keys(&["F5"]);
    t.wait_for("B-001");
    t.keys(&["Escape"]);
    t.wait_for("Pilih layar dengan tombol fungsi");
    t.keys(&["k"]);
    t.wait_for("No. antrean B-001.");
    t.keys(&["RM-0000001", "Tab"]);
    t.wait_for("Tidak ada obat dalam 90 hari.");
    for (v, tab) in [("Demam dan batuk 3 hari", 3), ("118", 1), ("76", 1), ("88", 1), ("38,1", 2), ("J06.9", 1), ("parasetamol 1 3 5", 1)] {
        t.keys(&[v]);
        for _ in 0..tab {
            t.keys(&["Tab"]);
        }
    }
    t.keys(&["F10"]);
    let s = t.wait_for("Pemeriksaan disimpan");
    assert!(s.contains("B-001"), "{s}");
    t.keys(&["F12"]);
    t.wait_for("Database demo: pengguna dan PIN");
    t.keys(&["rina", "Enter", "3333", "Enter"]);
    t.wait_for("Selamat datang, apt. Rina Wulandari (Farmasi).");
    t.keys(&["F9", "F5", "100000", "Enter"]);
    t.wait_for("Shift dibuka.");
    t.keys(&["Escape"]);
    wait_gone(&t, "Shift dibuka.");
    t.wait_for("Pilih layar dengan tombol fungsi");
    t.keys(&["d"]);
    let s = t.wait_for("3 x sehari 1 tablet sesudah makan");
    assert!(s.contains("B-001") && s.contains("Parasetamol 500 mg x2 strip"), "{s}");
    t.keys(&["Enter"]);
    t.wait_for("diserahkan lengkap");
    t.wait_for("Tidak ada resep menunggu.");
    t.keys(&["C-q"]);
    t.wait_for("Keluar dari Loket?");
    t.keys(&["y"]);
    t.wait_for("EXIT=0");
    // SATUSEHAT: the consultation and its dispensing wait in the outbox (sent by the sender, as
    // tests/sync_clinic.rs shows against the fake server).
    let (code, out, err) = run_loket(dir.path(), &["--db", &db_s, "sync", "status"], &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Menunggu: 2 "), "{out}");
    // And they reach SATUSEHAT (the fake server validates every resource with fhir.resources).
    if let Some(server) = satusehat::FakeSatusehat::start() {
        let st = server.settings(satusehat::SECRET, std::time::Duration::from_secs(5));
        let cfg = dir.path().join("config.toml");
        std::fs::write(
            &cfg,
            format!(
                "[satusehat]\nbase_url = \"{}\"\norganization_id = \"{}\"\nlocation_id = \"{}\"\nclient_id = \"{}\"\nsecret_file = \"{}\"\n",
                st.base_url,
                st.organization_id,
                st.location_id,
                st.client_id,
                st.secret_file.display()
            ),
        )
        .unwrap();
        let cfg_s = cfg.display().to_string();
        let (code, out, err) = run_loket(dir.path(), &["--config", &cfg_s, "--db", &db_s, "sync"], &[]);
        assert_eq!(code, 0, "{out}{err}");
        let bundles = server.events("bundle");
        assert_eq!(bundles.len(), 2, "{out}{err}");
        assert!(bundles.iter().all(|b| b["valid"] == true && b["stored"] == true), "{bundles:?}");
    }
    let (code, out, _) = run_loket(dir.path(), &["--db", &db_s, "report", "clinic", "--format", "json"], &[]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["visits"], 1);
    assert_eq!(v["dispensed_in_full"], 1);
    assert_eq!(v["top_diagnoses"][0]["code"], "J06.9");
}
