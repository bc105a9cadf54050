//! CKG (free health check) texts: the form, its checklist lines and classes, the result and its
//! amendments, the register.

use super::Text;
use crate::domain::ckg::{AgeGroup, Eligibility};
use crate::store::ckg::CkgRefusal;

texts! {
    ckg_outside_window => "Di luar jendela CKG orang ini; pastikan sesuai aturan Puskesmas.", "Outside this person's CKG window; make sure the Puskesmas allows it.";
    ckg_referral => "RUJUK ke Puskesmas: ada temuan positif.", "REFER to the Puskesmas: positive findings.";
    ckg_no_referral => "Tidak perlu rujukan.", "No referral needed.";
    ckg_reason_required => "alasan perubahan wajib diisi", "a reason for the change is required";
    ckg_reason_label => "Alasan perubahan", "Reason for the change";
    ckg_fix_first => "Perbaiki isian yang ditandai dulu.", "Fix the marked lines first.";
    ckg_confirm_unusual => "Ada nilai tidak biasa untuk umur ini. Periksa; simpan lagi bila benar.", "Some values are unusual for this age. Check them; save again if right.";
    ckg_screen_keys => "tekan n normal, p positif, - belum", "press n normal, p positive, - not done";
    ckg_fasted_keys => "y ya, t tidak", "y yes, t no";
    ckg_amend_hint => "Ubah hasil CKG: perbaiki nilai, isi alasan di baris terakhir, lalu simpan.", "Amend the CKG result: correct the values, give the reason on the last line, then save.";
    ckg_history_title => "Riwayat perubahan", "Change history";
    ckg_not_covered_now => "Bayi 1-11 bulan bukan sasaran CKG ulang tahun; pantau tumbuh kembang di Posyandu.", "Infants of 1-11 months have no birthday CKG; growth is followed at the Posyandu.";
    ckg_discard_question => "Buang isian CKG yang belum disimpan?", "Discard the unsaved CKG entries?";
    ckg_no_printer => "Tidak ada printer terpasang; slip tidak dicetak.", "No printer set up; the slip was not printed.";
    ckg_reprinted => "Slip CKG dikirim ke printer.", "CKG slip sent to the printer.";
    ckg_register_refer => "RUJUK: ", "REFER: ";
    doc_ckg_register_title => "REGISTER CEK KESEHATAN GRATIS", "FREE HEALTH CHECK REGISTER";
    ckg_register_printed => "Register CKG dikirim ke printer.", "CKG register sent to the printer.";
    ckg_register_nothing => "tidak ada temuan", "no findings";
}

impl Text {
    pub fn ckg_hint(&self, next: &str, save: &str) -> String {
        self.choose(
            format!("{next} berikut; {save} simpan; n normal, p positif, - belum; desimal: koma"),
            format!("{next} next; {save} save; n normal, p positive, - not done; decimals: 48.5"),
        )
    }

    pub fn ckg_state(&self, e: &Eligibility) -> String {
        use Eligibility::*;
        let d = |d: &chrono::NaiveDate| d.format("%d-%m-%Y").to_string();
        match e {
            Due { until } => self.choose(format!("CKG: berhak sampai {}", d(until)), format!("CKG: due until {}", d(until))),
            Done { on } => self.choose(format!("CKG: sudah {}", d(on)), format!("CKG: done {}", d(on))),
            NotYet { from } => self.choose(format!("CKG: mulai {}", d(from)), format!("CKG: from {}", d(from))),
            Missed { next } => self.choose(format!("CKG: terlewat, berikutnya {}", d(next)), format!("CKG: missed, next {}", d(next))),
            NotCovered { from } => self.choose(format!("CKG: bukan sasaran, mulai {}", d(from)), format!("CKG: not covered, from {}", d(from))),
        }
    }

    pub fn age_group(&self, group: AgeGroup) -> &'static str {
        use AgeGroup::*;
        match group {
            Newborn => self.pick("bayi baru lahir", "newborn"),
            Infant => self.pick("bayi", "infant"),
            Child => self.pick("balita/anak", "young child"),
            School => self.pick("usia sekolah", "school age"),
            Adult => self.pick("dewasa", "adult"),
            Elderly => self.pick("lansia", "elderly"),
        }
    }

    pub fn ckg_title(&self, name: &str, group: AgeGroup, age: i32) -> String {
        let g = self.age_group(group);
        self.choose(format!("CKG: {name}, {age} th, {g}"), format!("CKG: {name}, {age} y, {g}"))
    }

    pub fn yes_no(&self, yes: bool) -> &'static str {
        if yes {
            self.pick("ya", "yes")
        } else {
            self.pick("tidak", "no")
        }
    }

    /// The label of a checklist line.
    pub fn ckg_item(&self, code: &str) -> &'static str {
        let (id, en) = match code {
            "weight" => ("Berat badan", "Weight"),
            "height" => ("Tinggi badan", "Height"),
            "waist" => ("Lingkar perut", "Waist"),
            "systolic" => ("Tekanan darah sistolik", "Systolic pressure"),
            "diastolic" => ("Tekanan darah diastolik", "Diastolic pressure"),
            "heart_rate" => ("Denyut nadi", "Heart rate"),
            "temperature" => ("Suhu", "Temperature"),
            "glucose" => ("Gula darah", "Blood glucose"),
            "cholesterol" => ("Kolesterol total", "Total cholesterol"),
            "bmi" => ("IMT", "BMI"),
            "bp" => ("Tekanan darah", "Blood pressure"),
            "head" => ("Lingkar kepala", "Head circumference"),
            "fasted" => ("Puasa sebelum cek gula?", "Fasted before glucose?"),
            "shk" => ("Hipotiroid kongenital (SHK)", "Congenital hypothyroidism"),
            "g6pd" => ("Defisiensi G6PD", "G6PD deficiency"),
            "hak" => ("Hiperplasia adrenal kongenital", "Congenital adrenal hyperplasia"),
            "pjb_kritis" => ("Penyakit jantung bawaan kritis", "Critical heart defect"),
            "atresia_bilier" => ("Atresia bilier", "Biliary atresia"),
            "development" => ("Perkembangan", "Development"),
            "tb" => ("Skrining TBC", "TB questionnaire"),
            "ears" => ("Telinga/pendengaran", "Ears/hearing"),
            "eyes" => ("Mata/penglihatan", "Eyes/vision"),
            "teeth" => ("Gigi", "Teeth"),
            "thalassemia" => ("Talasemia", "Thalassemia"),
            "mental" => ("Kesehatan jiwa", "Mental health"),
            "smoking" => ("Merokok", "Smoking"),
            "activity" => ("Aktivitas fisik kurang", "Low physical activity"),
            "copd" => ("PPOK (PUMA)", "COPD questionnaire"),
            "breast" => ("Kanker payudara", "Breast cancer"),
            "cervical" => ("Kanker leher rahim", "Cervical cancer"),
            "lung_risk" => ("Risiko kanker paru", "Lung cancer risk"),
            "colorectal_risk" => ("Risiko kanker usus", "Colorectal cancer risk"),
            "hepatitis" => ("Hepatitis", "Hepatitis"),
            "lipids" => ("Profil lemak (bila HT/DM)", "Lipids (if HT/DM)"),
            "ecg" => ("EKG (bila HT/DM)", "ECG (if HT/DM)"),
            "kidney" => ("Fungsi ginjal (bila HT/DM)", "Kidney function (if HT/DM)"),
            "skilas_cognition" => ("SKILAS: kognitif", "SKILAS: cognition"),
            "skilas_mobility" => ("SKILAS: mobilitas", "SKILAS: mobility"),
            "skilas_nutrition" => ("SKILAS: gizi", "SKILAS: nutrition"),
            "skilas_vision" => ("SKILAS: penglihatan", "SKILAS: vision"),
            "skilas_hearing" => ("SKILAS: pendengaran", "SKILAS: hearing"),
            "skilas_depression" => ("SKILAS: depresi", "SKILAS: depression"),
            _ => ("?", "?"),
        };
        self.pick(id, en)
    }

    pub fn finding(&self, f: crate::domain::ckg::Finding) -> &'static str {
        use crate::domain::ckg::Finding::*;
        match f {
            NotDone => self.pick("belum", "not done"),
            Normal => self.pick("normal", "normal"),
            Positive => self.pick("POSITIF", "POSITIVE"),
        }
    }

    pub fn diastolic_above(&self) -> &'static str {
        self.pick("harus lebih rendah dari sistolik", "must be below the systolic")
    }

    /// The class of a result, for the form and the slip.
    pub fn ckg_class(&self, class: &str) -> &'static str {
        let (id, en) = match class {
            "underweight" => ("kurus", "underweight"),
            "normal" => ("normal", "normal"),
            "overweight" => ("berat berlebih", "overweight"),
            "obese" => ("obesitas", "obese"),
            "obese2" => ("obesitas II", "obese II"),
            "prehypertension" => ("pra-hipertensi", "pre-hypertension"),
            "stage1" => ("hipertensi derajat 1", "hypertension stage 1"),
            "stage2" => ("hipertensi derajat 2", "hypertension stage 2"),
            "prediabetes" => ("pra-diabetes", "prediabetes"),
            "diabetes" => ("kisaran diabetes", "diabetes range"),
            "central_obesity" => ("obesitas sentral", "central obesity"),
            _ => ("", ""),
        };
        self.pick(id, en)
    }


    pub fn ckg_saved(&self, referral: bool) -> String {
        match referral {
            true => self.pick("CKG tersimpan. RUJUK ke Puskesmas.", "CKG saved. REFER to the Puskesmas.").into(),
            false => self.pick("CKG tersimpan.", "CKG saved.").into(),
        }
    }

    /// A plausible range as the form and the refusal name it: "di luar 4-50 kg untuk umur ini",
    /// "tidak biasa (biasa 7-30 kg)"; decimals with a comma, ",0" left out.
    pub fn ckg_range(&self, m: crate::domain::ckg::Measure, r: &crate::domain::ckg::Range, usual: bool) -> String {
        let show = |v| {
            let s = crate::domain::ckg::format_value(m, v);
            self.decimal(s.strip_suffix(".0").unwrap_or(&s))
        };
        if usual {
            self.value_unusual(&show(r.usual_min), &show(r.usual_max), m.unit())
        } else {
            self.value_impossible(&show(r.min), &show(r.max), m.unit())
        }
    }

    pub fn value_impossible(&self, lo: &str, hi: &str, unit: &str) -> String {
        self.choose(format!("di luar {lo}-{hi} {unit} untuk umur ini"), format!("outside {lo}-{hi} {unit} for this age"))
    }

    pub fn value_unusual(&self, lo: &str, hi: &str, unit: &str) -> String {
        self.choose(format!("tidak biasa (biasa {lo}-{hi} {unit})"), format!("unusual (usually {lo}-{hi} {unit})"))
    }

    pub fn value_unreadable(&self, decimals: u32) -> &'static str {
        match decimals {
            0 => self.pick("bukan angka bulat", "not a whole number"),
            _ => self.pick("bukan angka (satu desimal)", "not a number (one decimal)"),
        }
    }

    pub fn ckg_numbers_only(&self, decimals: u32) -> &'static str {
        match decimals {
            0 => self.pick("hanya angka", "digits only"),
            _ => self.pick("hanya angka, koma atau titik", "digits, comma or point only"),
        }
    }

    /// The lines left empty (the first two by name, so that the message fits 80 columns) and the
    /// key that saves anyway.
    pub fn ckg_unfinished(&self, names: &[String], save: &str) -> String {
        let mut list = names.iter().take(2).cloned().collect::<Vec<_>>().join(", ");
        if names.len() > 2 {
            list.push_str(&format!(" +{}", names.len() - 2));
        }
        self.choose(format!("Belum diisi: {list}. {save} lagi: tetap simpan."), format!("Not filled in: {list}. {save} again: save anyway."))
    }

    /// What a check found, for the register: the classes that are not normal and the positive
    /// screenings, after "REFER:" when referred.
    pub fn ckg_register_findings(&self, lines: &[crate::domain::ckg::ResultLine], referral: bool) -> String {
        use crate::domain::ckg::Finding;
        let class = |code: &str| lines.iter().find(|l| l.code == code).and_then(|l| l.class.clone()).filter(|c| c != "normal");
        let mut found: Vec<String> = Vec::new();
        for (code, label) in [("bmi", "bmi"), ("systolic", "bp"), ("glucose", "glucose"), ("waist", "waist")] {
            if let Some(c) = class(code) {
                found.push(format!("{} {}", self.ckg_item(label), self.ckg_class(&c)));
            }
        }
        found.extend(lines.iter().filter(|l| l.finding == Some(Finding::Positive)).map(|l| format!("{} {}", self.ckg_item(&l.code), self.finding(Finding::Positive))));
        let verdict = if referral { self.ckg_register_refer() } else { "" };
        let found = if found.is_empty() { self.ckg_register_nothing().to_string() } else { found.join(", ") };
        format!("{verdict}{found}")
    }

    pub fn ckg_register_title(&self, from: &str, to: &str, n: usize, referred: usize) -> String {
        let period = if from == to { from.to_string() } else { format!("{from} s.d. {to}") };
        let period_en = if from == to { from.to_string() } else { format!("{from} to {to}") };
        self.choose(format!("Register CKG {period}: {n} pemeriksaan, {referred} dirujuk"), format!("CKG register {period_en}: {n} checks, {referred} referred"))
    }

    pub fn ckg_amended(&self, version: i64) -> String {
        self.choose(format!("Hasil CKG diubah (versi {version})."), format!("CKG result amended (version {version})."))
    }

    pub fn ckg_result_heading(&self, day: &str, version: i64) -> String {
        match version {
            1 => self.choose(format!("Hasil CKG {day}"), format!("CKG result {day}")),
            v => self.choose(format!("Hasil CKG {day} (versi {v})"), format!("CKG result {day} (version {v})")),
        }
    }

    pub fn ckg_result_keys(&self, edit: &str, reprint: &str) -> String {
        self.choose(format!("{edit}: ubah dengan alasan   {reprint}: cetak ulang slip"), format!("{edit}: amend with a reason   {reprint}: reprint the slip"))
    }

    pub fn ckg_refusal(&self, r: &CkgRefusal) -> String {
        match r {
            CkgRefusal::Impossible(list) => {
                let parts: Vec<String> = list
                    .iter()
                    .map(|(m, r)| format!("{} {}", self.ckg_item(m.code()), self.ckg_range(*m, r, false)))
                    .collect();
                self.choose(format!("Tidak disimpan: {}.", parts.join("; ")), format!("Not saved: {}.", parts.join("; ")))
            }
            CkgRefusal::ReasonRequired => self.pick("Tidak disimpan: alasan perubahan wajib diisi.", "Not saved: a reason for the change is required.").into(),
            CkgRefusal::NoSuchCheck(id) => self.choose(format!("CKG {id} tidak ada."), format!("No CKG {id}.")),
            CkgRefusal::NothingChanged => self.pick("Tidak ada yang berubah.", "Nothing changed.").into(),
        }
    }
}
