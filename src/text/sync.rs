//! SATUSEHAT texts: the outbox, its problems in words, and `loket sync`.

use super::Text;

impl Text {
    /// A stored outbox problem (`code: details`, see `sync::sender::error_code`) in words.
    pub fn sync_problem(&self, stored: &str) -> String {
        let (code, detail) = stored.split_once(':').map(|(c, d)| (c, d.trim())).unwrap_or((stored, ""));
        match code {
            "network" => self.choose(format!("Tidak tersambung ke SATUSEHAT ({detail}); dicoba lagi nanti."), format!("No connection to SATUSEHAT ({detail}); tried again later.")),
            "server" => self.choose(format!("Server SATUSEHAT sedang bermasalah (HTTP {detail}); dicoba lagi nanti."), format!("The SATUSEHAT server has a problem (HTTP {detail}); tried again later.")),
            "too-many" => self.pick("SATUSEHAT meminta jeda (HTTP 429); dicoba lagi nanti.", "SATUSEHAT asked for a pause (HTTP 429); tried again later.").into(),
            "credentials" => self.pick(
                "SATUSEHAT menolak client id atau secret; periksa [satusehat] dan berkas secret.",
                "SATUSEHAT refused the client id or secret; check [satusehat] and the secret file.",
            )
            .into(),
            "ca-file" => self.pick(
                "Berkas otoritas sertifikat HTTPS tidak bisa dibaca; pasang paket ca-certificates atau periksa [satusehat] ca_file.",
                "The HTTPS certificate authority file cannot be read; install the ca-certificates package or check [satusehat] ca_file.",
            )
            .into(),
            "secret" => self.pick("Berkas secret SATUSEHAT tidak bisa dipakai; periksa isinya dan izinnya (chmod 600).", "The SATUSEHAT secret file cannot be used; check its content and mode (chmod 600).").into(),
            "rejected" => {
                let (status, message) = detail.split_once(' ').unwrap_or((detail, ""));
                self.choose(format!("SATUSEHAT menolak ({status}): {message}"), format!("SATUSEHAT refused ({status}): {message}"))
            }
            "bad-answer" => self.choose(format!("Jawaban SATUSEHAT tidak dimengerti: {detail}"), format!("SATUSEHAT's answer was not understood: {detail}")),
            "unknown-patient" => self.pick(
                "SATUSEHAT belum mengenal NIK pasien; menunggu (periksa NIK, atau pasien perlu didaftarkan di SATUSEHAT).",
                "SATUSEHAT does not know the patient's NIK; waiting (check the NIK, or the patient must be registered in SATUSEHAT).",
            )
            .into(),
            "waiting-original" => self.pick(
                "Perubahan CKG menunggu versi pertamanya terkirim ke SATUSEHAT.",
                "A CKG amendment waits until its first version has reached SATUSEHAT.",
            )
            .into(),
            "no-patient-nik" => self.pick("Pasien belum punya NIK; isi NIK di data pasien, lalu kirim ulang.", "The patient has no NIK; add it to the patient's record, then retry.").into(),
            "no-practitioner-nik" => self.choose(
                format!("Pemeriksa {detail} belum punya NIK tenaga kesehatan: `loket user set-nik NAMA NIK`, lalu `loket sync retry`."),
                format!("Examiner {detail} has no practitioner NIK: `loket user set-nik NAME NIK`, then `loket sync retry`."),
            ),
            "unknown-practitioner" => self.choose(
                format!("SATUSEHAT tidak mengenal NIK pemeriksa {detail}; periksa dengan `loket user set-nik`."),
                format!("SATUSEHAT does not know examiner {detail}'s NIK; check it with `loket user set-nik`."),
            ),
            "payload" => self.pick("Data kiriman rusak.", "The entry's data is damaged.").into(),
            _ => stored.to_string(),
        }
    }

    pub fn sync_not_configured(&self) -> &'static str {
        self.pick(
            "SATUSEHAT belum diatur: tambahkan bagian [satusehat] di config.toml (lihat README). Hasil CKG tetap tersimpan dan menunggu.",
            "SATUSEHAT is not configured: add a [satusehat] section to config.toml (see the README). CKG results are kept and wait.",
        )
    }

    pub fn sync_title(&self) -> &'static str {
        self.pick("Kiriman SATUSEHAT", "SATUSEHAT sync")
    }

    /// `loket sync status` and the screen: counts and the age of the oldest waiting entry.
    pub fn sync_counts(&self, pending: i64, waiting_patient: i64, sent: i64, failed: i64) -> String {
        self.choose(
            format!("Menunggu: {pending}   Menunggu pasien: {waiting_patient}   Terkirim: {sent}   Gagal: {failed}"),
            format!("Pending: {pending}   Waiting for patient: {waiting_patient}   Sent: {sent}   Failed: {failed}"),
        )
    }

    pub fn sync_oldest(&self, minutes: i64) -> String {
        let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
        let age = match (d, h) {
            (0, 0) => format!("{m} {}", self.pick("menit", "min")),
            (0, _) => format!("{h} {} {m} {}", self.pick("jam", "h"), self.pick("menit", "min")),
            _ => format!("{d} {} {h} {}", self.pick("hari", "d"), self.pick("jam", "h")),
        };
        self.choose(format!("Yang tertua menunggu sejak {age} lalu."), format!("The oldest has waited {age}."))
    }

    pub fn sync_nothing_waiting(&self) -> &'static str {
        self.pick("Tidak ada yang menunggu dikirim.", "Nothing is waiting to be sent.")
    }

    pub fn sync_problems_header(&self) -> &'static str {
        self.pick("NO    STATUS           COBA  DIBUAT            MASALAH", "ID    STATUS           TRIES CREATED           PROBLEM")
    }

    pub fn sync_status_name(&self, s: crate::store::outbox::OutboxStatus) -> &'static str {
        use crate::store::outbox::OutboxStatus::*;
        match s {
            Pending => self.pick("menunggu", "pending"),
            Sent => self.pick("terkirim", "sent"),
            Failed => self.pick("gagal", "failed"),
            WaitingPatient => self.pick("tunggu pasien", "wait patient"),
        }
    }

    /// `loket sync`: what one round did.
    pub fn sync_round(&self, sent: usize, found: usize, failed: usize, waiting_patient: usize) -> String {
        self.choose(
            format!("Terkirim: {sent} (sudah ada di server: {found}), gagal: {failed}, menunggu pasien: {waiting_patient}."),
            format!("Sent: {sent} (already on the server: {found}), failed: {failed}, waiting for patient: {waiting_patient}."),
        )
    }

    pub fn sync_retried(&self, id: i64) -> String {
        self.choose(format!("Kiriman {id} akan dikirim lagi."), format!("Entry {id} will be sent again."))
    }

    pub fn practitioner_nik_set(&self, name: &str) -> String {
        self.choose(format!("NIK tenaga kesehatan {name} disimpan."), format!("Practitioner NIK of {name} saved."))
    }

    pub fn sync_screen_hint(&self) -> &'static str {
        self.pick(
            "Perbaiki masalahnya (NIK pasien, NIK pemeriksa), lalu `loket sync retry NO`. Data tidak hilang.",
            "Fix the problem (patient NIK, examiner NIK), then `loket sync retry ID`. No data is lost.",
        )
    }

    pub fn sync_off_line(&self) -> &'static str {
        self.pick("Pengiriman otomatis: mati (belum diatur)", "Automatic sending: off (not configured)")
    }

    pub fn sync_on_line(&self, environment: &str) -> String {
        self.choose(format!("Pengiriman otomatis: aktif ({environment})"), format!("Automatic sending: on ({environment})"))
    }
}
