//! The district hub: `loket hub`, its problems in words, and `loket district report`.

use super::Text;

impl Text {
    /// A stored hub problem (`code: details`, see `hub::HubError::code`) in words.
    pub fn hub_problem(&self, stored: &str) -> String {
        let (code, detail) = stored.split_once(':').map(|(c, d)| (c, d.trim())).unwrap_or((stored, ""));
        match code {
            "bad-url" => self.choose(format!("Alamat hub tidak bisa dibaca: {detail}"), format!("The hub's address cannot be read: {detail}")),
            "network" => self.choose(
                format!("Hub tidak terjangkau ({detail}); angka menunggu dan dicoba lagi nanti."),
                format!("The hub cannot be reached ({detail}); the figures wait and are tried again later."),
            ),
            "credentials" => self
                .pick(
                    "Hub menolak nama pengguna atau kata sandi; periksa berkas kata sandi hub.",
                    "The hub refused the user name or password; check the hub password file.",
                )
                .into(),
            "secret" => self.pick("Berkas kata sandi hub tidak bisa dipakai (chmod 600).", "The hub password file cannot be used (chmod 600).").into(),
            "old-schema" => {
                let (found, needed) = detail.split_once(' ').unwrap_or((detail, ""));
                self.choose(
                    format!("Hub memakai skema {found}, Loket ini butuh {needed}: admin hub menjalankan `loket hub migrate`. Angka menunggu."),
                    format!("The hub runs schema {found}, this Loket needs {needed}: the hub's admin runs `loket hub migrate`. The figures wait."),
                )
            }
            "newer-schema" => {
                let (found, known) = detail.split_once(' ').unwrap_or((detail, ""));
                self.choose(
                    format!("Skema hub ({found}) lebih baru dari Loket ini ({known}); perbarui Loket."),
                    format!("The hub's schema ({found}) is newer than this Loket ({known}); update Loket."),
                )
            }
            "unknown-site" => self.pick("Hub tidak mengenal situs untuk pengguna ini; minta admin hub mendaftarkannya.", "The hub knows no site for this user; ask the hub's admin to register it.").into(),
            "bound" => self.choose(
                format!("ID situs ini sudah dipakai oleh instalasi lain ({detail}); tidak ada yang dikirim. Admin hub bisa melepasnya."),
                format!("This site id is already bound to another installation ({detail}); nothing was sent. The hub's admin can release it."),
            ),
            "clock" => {
                let s: i64 = detail.parse().unwrap_or(0);
                let (h, m) = (s.abs() / 3600, s.abs() % 3600 / 60);
                self.choose(
                    format!("Jam komputer ini selisih {h} jam {m} menit dengan hub; perbaiki jamnya. Angka menunggu."),
                    format!("This computer's clock is {h} h {m} min off the hub's; fix the clock. The figures wait."),
                )
            }
            "not-joined" => self.pick("Situs ini belum tergabung ke hub: `loket hub join URL`.", "This site has not joined a hub: `loket hub join URL`.").into(),
            "refused" => self.choose(format!("Hub menolak: {detail}"), format!("The hub refused: {detail}")),
            _ => stored.to_string(),
        }
    }

    pub fn hub_secret_problem(&self, problem: &str) -> String {
        self.choose(format!("Berkas kata sandi hub: {problem}"), format!("Hub password file: {problem}"))
    }

    pub fn hub_joined(&self, site: &str, queued: usize) -> String {
        self.choose(
            format!("Situs {site} tergabung ke hub; {queued} angka menunggu dikirim."),
            format!("Site {site} joined the hub; {queued} figures wait to be sent."),
        )
    }

    pub fn hub_sent(&self, sent: usize) -> String {
        self.choose(format!("Terkirim ke hub: {sent} angka."), format!("Sent to the hub: {sent} figures."))
    }

    pub fn hub_paused(&self) -> &'static str {
        self.pick("Pengiriman ke hub sedang jeda setelah gangguan.", "Sending to the hub is pausing after a problem.")
    }

    pub fn hub_status(&self, site: &str, url: &str, pending: i64, sent: i64) -> String {
        self.choose(
            format!("Situs {site} -> {url}\nMenunggu: {pending}   Terkirim: {sent}"),
            format!("Site {site} -> {url}\nPending: {pending}   Sent: {sent}"),
        )
    }

    pub fn hub_status_title(&self, site: &str) -> String {
        self.choose(format!("Hub kabupaten (situs {site})"), format!("District hub (site {site})"))
    }

    pub fn hub_screen_counts(&self, pending: i64, sent: i64) -> String {
        self.choose(format!("Angka menunggu: {pending}   Terkirim: {sent}"), format!("Figures pending: {pending}   Sent: {sent}"))
    }

    pub fn hub_last_ok(&self, when: Option<&str>) -> String {
        match when {
            Some(w) => self.choose(format!("Terakhir berhasil: {w}"), format!("Last success: {w}")),
            None => self.pick("Belum pernah berhasil mengirim.", "Never sent yet.").into(),
        }
    }

    pub fn hub_next_try(&self, when: &str) -> String {
        self.choose(format!("Dicoba lagi: {when}"), format!("Next try: {when}"))
    }

    pub fn hub_migrated(&self, from: i32, to: i32) -> String {
        if from == to {
            self.choose(format!("Skema hub sudah versi {to}."), format!("The hub's schema is already version {to}."))
        } else {
            self.choose(format!("Skema hub: versi {from} -> {to}."), format!("Hub schema: version {from} -> {to}."))
        }
    }

    pub fn hub_site_added(&self, site: &str, role: &str) -> String {
        self.choose(format!("Situs {site} terdaftar; masuk sebagai {role}."), format!("Site {site} registered; it logs in as {role}."))
    }

    pub fn hub_reader_added(&self, name: &str) -> String {
        self.choose(format!("{name} bisa membaca angka semua situs (hanya baca)."), format!("{name} may read every site's figures (read only)."))
    }

    pub fn hub_unbound(&self, site: &str) -> String {
        self.choose(format!("Situs {site} dilepas; instalasi berikutnya yang bergabung memakainya."), format!("Site {site} released; the next installation to join takes it."))
    }

    pub fn hub_bad_site_id(&self, site: &str) -> String {
        self.choose(
            format!("ID situs {site:?} tidak sah: huruf, angka, '-' dan '_', paling banyak 32."),
            format!("Site id {site:?} is not valid: letters, digits, '-' and '_', at most 32."),
        )
    }

    pub fn hub_bad_day(&self, value: &str) -> String {
        self.choose(format!("Tanggal {value:?} tidak sah (yyyy-mm-dd)."), format!("Date {value:?} is not valid (yyyy-mm-dd)."))
    }

    /// The district report's column heads: site, name, sales, amount, returns, CKG, referred, CKG
    /// this year, target, queue taken, served, mean wait (min), shifts, shift difference, last seen.
    /// Then consultations, referral letters, savings in, savings out, savings balances, loans
    /// disbursed, installments received, principal outstanding, of which overdue.
    pub fn district_heads(&self) -> [&'static str; 24] {
        match self.lang {
            super::Lang::Id => [
                "situs", "nama", "penjualan", "nilai", "retur", "ckg", "dirujuk", "ckg_tahun_ini", "sasaran", "antrean", "dilayani", "tunggu_menit", "shift", "selisih_kas",
                "pemeriksaan", "surat_rujukan", "simpanan_masuk", "simpanan_keluar", "saldo_simpanan", "pinjaman_cair", "angsuran_diterima", "sisa_pokok", "tunggakan_pokok",
                "terakhir_lapor",
            ],
            super::Lang::En => [
                "site", "name", "sales", "amount", "returns", "ckg", "referred", "ckg_this_year", "target", "queue", "served", "wait_min", "shifts", "cash_difference",
                "consultations", "referral_letters", "savings_in", "savings_out", "savings_balance", "loans_disbursed", "installments", "principal_outstanding", "principal_overdue",
                "last_seen",
            ],
        }
    }

    /// The text table's short heads: site, sales, amount, CKG, referred, CKG this year/target,
    /// queue tickets, mean wait (minutes), cash difference of the shifts.
    pub fn district_text_heads(&self) -> [&'static str; 9] {
        match self.lang {
            super::Lang::Id => ["situs", "jual", "nilai", "ckg", "rujuk", "ckg/sasaran", "antrean", "tunggu", "selisih"],
            super::Lang::En => ["site", "sales", "amount", "ckg", "refer", "ckg/target", "queue", "wait", "cash diff"],
        }
    }

    /// The second table's short heads: site, consultations, referral letters, savings balances,
    /// loans disbursed, installments received, principal outstanding, of which overdue.
    pub fn district_money_heads(&self) -> [&'static str; 8] {
        match self.lang {
            super::Lang::Id => ["situs", "klinik", "rujuk", "simpanan", "pinjaman", "angsuran", "sisa pokok", "tunggak"],
            super::Lang::En => ["site", "visits", "refer", "savings", "loans", "instalment", "outstanding", "overdue"],
        }
    }

    pub fn district_consultation_groups(&self, groups: &str) -> String {
        self.choose(format!("Pemeriksaan menurut kelompok umur: {groups}"), format!("Consultations by age group: {groups}"))
    }

    pub fn district_referrals_head(&self) -> &'static str {
        self.pick("Rujukan menurut faskes (kode, nama, jumlah, dari CKG, dari pemeriksaan):", "Referrals by facility (code, name, total, from CKG, from consultations):")
    }

    pub fn district_title(&self, from: &str, to: &str) -> String {
        if from == to {
            self.choose(format!("Angka kabupaten/kecamatan, {from}"), format!("District figures, {from}"))
        } else {
            self.choose(format!("Angka kabupaten/kecamatan, {from} s.d. {to}"), format!("District figures, {from} to {to}"))
        }
    }

    pub fn district_view_title(&self) -> &'static str {
        self.pick("Angka dari hub kabupaten (hanya baca)", "Figures from the district hub (read-only)")
    }

    pub fn district_total(&self) -> &'static str {
        self.pick("JUMLAH", "TOTAL")
    }

    pub fn district_silent(&self, sites: &str) -> String {
        self.choose(format!("Tidak melapor lebih dari sehari: {sites}"), format!("Not reported for more than a day: {sites}"))
    }

    pub fn district_expiring_head(&self) -> &'static str {
        self.pick("Stok yang segera kedaluwarsa (situs, produk, batch, tanggal, jumlah):", "Stock about to expire (site, product, batch, date, quantity):")
    }

    pub fn district_nothing_expiring(&self) -> &'static str {
        self.pick("Tidak ada stok yang segera kedaluwarsa.", "No stock about to expire.")
    }
}
