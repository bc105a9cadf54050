//! The examination room and the pharmacy: refusals, the directions written out for labels, the
//! prescription slip, the referral letter and the supervisor's figures.

use super::Text;
use crate::domain::consult::{DiagnosisError, Outcome, Profession};
use crate::domain::money::format_milli;
use crate::domain::rx::{Order, OrderError, Route, Warning};
use crate::store::clinic::ClinicRefusal;

texts! {
    doc_rx_title => "RESEP", "PRESCRIPTION";
    doc_referral_title => "SURAT RUJUKAN", "REFERRAL LETTER";
    doc_referral_to => "Kepada", "To";
    doc_referral_reason => "Alasan", "Reason";
    doc_referral_findings => "Temuan", "Findings";
    doc_referral_diagnosis => "Diagnosis", "Diagnosis";
    doc_referral_drugs => "Obat diberikan", "Drugs given";
    doc_referral_sign => "Pemeriksa", "Examiner";
    doc_rm => "No. RM", "Record no.";
    doc_ticket_no => "No. antrean", "Ticket";
    doc_qty => "Jumlah", "Quantity";
    doc_prescriber => "Penulis resep", "Prescriber";
    doc_sip => "SIP", "Licence";
    doc_free_programme => "Gratis, program", "Free, programme";
    clinic_none => "-", "-";
    clinic_figures_title => "Ruang periksa", "Examination room";
    clinic_visits => "Kunjungan", "Visits";
    clinic_top_diagnoses => "10 diagnosis terbanyak", "Top 10 diagnoses";
    clinic_prescriptions => "Resep ditulis", "Prescriptions written";
    clinic_dispensed => "Resep diserahkan lengkap", "Prescriptions handed out in full";
    clinic_referrals_by_facility => "Rujukan per faskes", "Referrals by facility";
    consult_no_patient => "Isi No. RM atau NIK pasien dulu.", "Enter the patient's record number or NIK first.";
    consult_bad_date => "Tanggal kontrol ditulis dd-mm-yyyy.", "Write the follow-up date as dd-mm-yyyy.";
    consult_type_patient => "Ketik No. RM atau NIK pasien, lalu Tab.", "Type the patient's record number or NIK, then Tab.";
    consult_years => "th", "y";
    consult_allergy_short => "ALERGI", "ALLERGY";
    consult_chronic => "Kronis", "Chronic";
    consult_no_allergy => "tidak tercatat", "none on record";
    consult_referred => "Rujuk", "Referred";
    consult_recent_drugs => "Obat 90 hari", "Drugs, 90 days";
    consult_no_recent_drugs => "Tidak ada obat dalam 90 hari.", "No drugs in the last 90 days.";
    consult_diagnosis_hint => "Kode ICD-10 dipisah spasi; yang pertama diagnosis utama. Ketik nama untuk mencari.", "ICD-10 codes separated by spaces; the first is the primary. Type a name to search.";
    consult_drug_hint => "nama dosis kali-sehari hari, mis.: parasetamol 1 3 5 (dosis 0,5 = setengah)", "name dose times-a-day days, e.g.: parasetamol 1 3 5 (dose 0,5 = half)";
    consult_outcome_hint => "s selesai, r resep, rujuk, k kontrol (kosong: dari isian)", "s done, r prescription, rujuk referral, k follow-up (empty: from the form)";
    dispense_none => "Tidak ada resep menunggu.", "No prescriptions waiting.";
    dispense_owed => "sisa", "owed";
    dispense_bad_line => "Nomor baris resep tidak ada.", "No such line on the prescription.";
    dispense_bad_qty => "Jumlah tidak terbaca (mis. 1 atau 0,5).", "The quantity does not read (e.g. 1 or 0,5).";
    dispense_form_title => "Serahkan satu obat", "Hand out one line";
    dispense_form_hint => "Pengganti kosong: obat resep. Jumlah kosong: semua sisa.", "No substitute: the prescribed drug. No quantity: all that is owed.";
    clinic_wait => "Menunggu di apotek (menit): median / terlama", "Waiting at the pharmacy (minutes): median / longest";
}

impl Text {
    pub fn profession(&self, p: Profession) -> &'static str {
        match p {
            Profession::Doctor => self.pick("Dokter", "Doctor"),
            Profession::Midwife => self.pick("Bidan", "Midwife"),
            Profession::Nurse => self.pick("Perawat", "Nurse"),
        }
    }

    pub fn outcome(&self, o: Outcome) -> &'static str {
        match o {
            Outcome::Done => self.pick("Selesai", "Done"),
            Outcome::Prescription => self.pick("Resep", "Prescription"),
            Outcome::Referral => self.pick("Rujuk", "Referral"),
            Outcome::FollowUp => self.pick("Kontrol", "Follow-up"),
        }
    }

    /// The unit of one dose, from the catalog's form ("tablet", "sirup" -> ml).
    fn dose_unit(&self, form: &str) -> &'static str {
        let f = form.to_lowercase();
        if f.contains("sirup") || f.contains("suspensi") || f.contains("syrup") || f.contains("drop") || f.contains("tetes") {
            "ml"
        } else if f.contains("kapsul") || f.contains("capsule") {
            self.pick("kapsul", "capsule")
        } else if f.contains("salep") || f.contains("krim") || f.contains("cream") || f.contains("ointment") || f.contains("gel") {
            self.pick("oles", "application")
        } else {
            self.pick("tablet", "tablet")
        }
    }

    /// The directions as the label writes them: "3 x sehari 1 tablet sesudah makan".
    pub fn directions(&self, o: &Order, form: &str) -> String {
        let unit = self.dose_unit(form);
        let dose = format_milli(o.dose_milli);
        let meal = match (o.route, o.after_meals) {
            (Route::Oral, true) => self.pick(" sesudah makan", " after meals"),
            (Route::Oral, false) => self.pick(" sebelum makan", " before meals"),
            _ => "",
        };
        let route = match o.route {
            Route::Oral => "",
            Route::Topical => self.pick(", obat luar", ", external use"),
            Route::Eye => self.pick(", di mata", ", in the eye"),
            Route::Ear => self.pick(", di telinga", ", in the ear"),
            Route::Nasal => self.pick(", di hidung", ", in the nose"),
            Route::Rectal => self.pick(", lewat dubur", ", rectal"),
            Route::Vaginal => self.pick(", lewat vagina", ", vaginal"),
        };
        self.choose(format!("{} x sehari {dose} {unit}{meal}{route}", o.per_day), format!("{} x a day {dose} {unit}{meal}{route}", o.per_day))
    }

    pub fn rx_warning(&self, w: &Warning) -> String {
        match w {
            Warning::Allergy(a) => self.choose(format!("ALERGI: pasien alergi {a}"), format!("ALLERGY: the patient is allergic to {a}")),
            Warning::Duplicate => self.pick("obat yang sama sudah ada di resep ini", "the same drug is already on this prescription").into(),
            Warning::AboveMax { daily_milli, max_milli } => self.choose(
                format!("dosis {} sehari melebihi batas {}", format_milli(*daily_milli), format_milli(*max_milli)),
                format!("daily dose {} above the limit {}", format_milli(*daily_milli), format_milli(*max_milli)),
            ),
        }
    }

    fn order_error(&self, e: OrderError) -> &'static str {
        match e {
            OrderError::ZeroDose => self.pick("dosis harus lebih dari nol", "the dose must be more than zero"),
            OrderError::ZeroFrequency => self.pick("berapa kali sehari harus lebih dari nol", "times a day must be more than zero"),
            OrderError::ZeroDays => self.pick("lama hari harus lebih dari nol", "the days must be more than zero"),
            OrderError::TooMany => self.pick("paling banyak 6 x sehari, 100 per dosis, dan batas hari clinic.max_days", "at most 6 times a day, 100 a dose, and the clinic.max_days limit"),
        }
    }

    pub fn clinic_refusal(&self, r: &ClinicRefusal) -> String {
        use ClinicRefusal::*;
        match r {
            NotExaminer => self.pick(
                "Hanya pemeriksa (dokter, bidan, perawat) dengan SIP tercatat yang membuka pemeriksaan.",
                "Only an examiner (doctor, midwife, nurse) with a licence on record opens a consultation.",
            )
            .into(),
            NotPharmacy => self.pick("Hanya petugas farmasi yang menyerahkan obat resep.", "Only the pharmacy hands out prescriptions.").into(),
            NoComplaint => self.pick("Tidak disimpan: keluhan utama wajib diisi.", "Not saved: the main complaint is required.").into(),
            Diagnosis(DiagnosisError::None) => self.pick("Tidak disimpan: isi minimal satu diagnosis.", "Not saved: enter at least one diagnosis.").into(),
            Diagnosis(DiagnosisError::Unknown(c)) => self.choose(
                format!("Tidak disimpan: kode {c} tidak ada di daftar ICD-10; cari dengan kode atau nama."),
                format!("Not saved: code {c} is not in the ICD-10 list; search by code or name."),
            ),
            Diagnosis(DiagnosisError::Twice(c)) => self.choose(format!("Tidak disimpan: diagnosis {c} tertulis dua kali."), format!("Not saved: diagnosis {c} is entered twice.")),
            Diagnosis(DiagnosisError::Primary(_)) => {
                self.pick("Tidak disimpan: tandai tepat satu diagnosis utama.", "Not saved: mark exactly one primary diagnosis.").into()
            }
            Vitals(list) => {
                let parts: Vec<String> = list.iter().map(|(m, r)| format!("{} {}", self.ckg_item(m.code()), self.ckg_range(*m, r, false))).collect();
                self.choose(format!("Tidak disimpan: {}.", parts.join("; ")), format!("Not saved: {}.", parts.join("; ")))
            }
            FollowUpDate => self.pick("Tidak disimpan: tanggal kontrol harus sesudah hari ini.", "Not saved: the follow-up date must be after today.").into(),
            PrescriptionOutcome => self.pick(
                "Tidak disimpan: hasil 'resep' perlu obat, dan obat perlu hasil 'resep'.",
                "Not saved: the outcome 'prescription' needs drugs, and drugs need that outcome.",
            )
            .into(),
            Order { line, drug, error } => self.choose(
                format!("Tidak disimpan: resep baris {line} ({drug}): {}.", self.order_error(*error)),
                format!("Not saved: prescription line {line} ({drug}): {}.", self.order_error(*error)),
            ),
            NotADrug(name) => self.choose(format!("{name} bukan obat di katalog."), format!("{name} is not a drug in the catalog.")),
            OutOfStock { drug, wanted, available, instead } => {
                let alt = if instead.is_empty() { self.pick("tidak ada pengganti", "no alternative").to_string() } else { instead.join(", ") };
                self.choose(
                    format!("Stok {drug} kurang: perlu {}, ada {}. Bisa diganti: {alt}.", format_milli(*wanted), format_milli(*available)),
                    format!("Not enough {drug}: {} needed, {} in stock. Instead: {alt}.", format_milli(*wanted), format_milli(*available)),
                )
            }
            NoSuchPrescription => self.pick("Resep tidak ditemukan.", "No such prescription.").into(),
            NoSuchPatient => self.pick("Pasien tidak ditemukan.", "No such patient.").into(),
            NoSuchConsultation => self.pick("Pemeriksaan tidak ditemukan.", "No such consultation.").into(),
            NoSuchReferral => self.pick("Rujukan tidak ditemukan.", "No such referral.").into(),
            MoreThanPrescribed { drug, owed } => self.choose(
                format!("Tidak diserahkan: {drug} melebihi resep; sisa yang boleh {}.", format_milli(*owed)),
                format!("Not handed out: {drug} is more than prescribed; {} is still owed.", format_milli(*owed)),
            ),
            SubstituteReason(drug) => self.choose(format!("Pengganti {drug} perlu alasan."), format!("A substitute for {drug} needs a reason.")),
            NothingToDispense => self.pick("Tidak ada obat yang diserahkan.", "Nothing to hand out.").into(),
            UnknownFacility(code) => self.choose(format!("Faskes {code} tidak ada di pengaturan [clinic]."), format!("Facility {code} is not in the [clinic] settings.")),
            ReasonRequired => self.pick("Alasan wajib diisi.", "A reason is required.").into(),
            BadLicence => self.pick("Nomor SIP tidak terbaca (3-64 huruf, angka, / . -).", "The licence number is unreadable (3-64 letters, digits, / . -).").into(),
        }
    }
}


impl Text {
    /// The consultation form's labels, by the field's place in the form (`screens::consult::FIELDS`).
    pub fn consult_field(&self, i: usize) -> &'static str {
        const ID: [&str; 17] = [
            "No. RM/NIK", "Keluhan", "Riwayat", "Alergi baru", "TD sistol", "TD diastol", "Nadi", "Suhu", "Berat kg", "Diagnosis", "Obat 1", "Obat 2", "Obat 3", "Hasil",
            "Rujuk ke", "Catatan", "Kontrol",
        ];
        const EN: [&str; 17] = [
            "Record/NIK", "Complaint", "History", "New allergy", "BP systolic", "BP diastolic", "Pulse", "Temperature", "Weight kg", "Diagnoses", "Drug 1", "Drug 2", "Drug 3",
            "Outcome", "Refer to", "Note", "Follow-up",
        ];
        let i = i.min(16);
        self.pick(ID[i], EN[i])
    }

    pub fn consult_bad_value(&self, field: &str) -> String {
        self.choose(format!("{field}: angka tidak terbaca."), format!("{field}: the number does not read."))
    }

    pub fn consult_bad_drug(&self, n: usize) -> String {
        self.choose(
            format!("Obat {n}: tulis nama, dosis, kali sehari, hari (mis. parasetamol 1 3 5); nama harus ada di katalog."),
            format!("Drug {n}: write name, dose, times a day, days (e.g. parasetamol 1 3 5); the name must be in the catalog."),
        )
    }

    pub fn consult_patient_not_found(&self, what: &str) -> String {
        self.choose(format!("Pasien {what} tidak ditemukan."), format!("No patient {what}."))
    }

    pub fn consult_confirm_warnings(&self, key: &str) -> String {
        self.choose(format!("Periksa peringatan resep; tekan {key} lagi untuk mengirim."), format!("Check the prescription's warnings; press {key} again to send."))
    }

    pub fn consult_save_hint(&self, key: &str) -> String {
        self.choose(format!("{key}: periksa resep, {key} lagi: kirim. Tab: isian berikut."), format!("{key}: check the prescription, {key} again: send. Tab: next field."))
    }

    /// What a finished consultation stored: the prescription's number, the ticket sent to the
    /// pharmacy, the referral letter (number, facility).
    pub fn consult_finished(&self, prescription: Option<&str>, ticket: Option<&str>, referral: Option<(&str, &str)>) -> String {
        let mut parts = vec![self.pick("Pemeriksaan disimpan", "Consultation saved").to_string()];
        if let Some(no) = prescription {
            parts.push(self.choose(format!("resep {no} ke apotek"), format!("prescription {no} sent to the pharmacy")));
        }
        if let Some(t) = ticket {
            parts.push(self.choose(format!("antrean {t} pindah ke apotek"), format!("ticket {t} moved to the pharmacy")));
        }
        if let Some((number, facility)) = referral {
            parts.push(self.choose(format!("surat rujukan {number} ke {facility}"), format!("referral {number} to {facility}")));
        }
        parts.join("; ") + "."
    }

    pub fn dispensed(&self, d: &crate::store::clinic::dispense::Dispensed) -> String {
        let owed = d.prescription.items.iter().filter(|i| i.owed() > 0).count();
        let sale = d.sale.as_ref().map(|s| format!(" {} {}", s.number, crate::domain::money::format_rupiah(s.total))).unwrap_or_default();
        match owed {
            0 => self.choose(format!("Resep {} diserahkan lengkap.{sale}", d.prescription.number), format!("Prescription {} handed out in full.{sale}", d.prescription.number)),
            n => self.choose(format!("Resep {} diserahkan sebagian; {n} obat masih terutang.{sale}", d.prescription.number), format!("Prescription {} partly handed out; {n} drugs still owed.{sale}", d.prescription.number)),
        }
    }
}


impl Text {
    /// The examination room's figures as text lines (`loket report clinic`).
    pub fn clinic_figures_lines(&self, from: &str, to: &str, f: &crate::store::clinic::figures::ClinicFigures) -> Vec<String> {
        let mut out = vec![format!("{} {from}..{to}", self.clinic_figures_title()), format!("{}: {}", self.clinic_visits(), f.visits), String::new()];
        out.push(self.clinic_top_diagnoses().to_string());
        for (code, name, n) in &f.top_diagnoses {
            out.push(format!("  {code:<6} {n:>5}  {name}"));
        }
        out.push(String::new());
        out.push(format!("{}: {}", self.clinic_prescriptions(), f.prescriptions));
        out.push(format!("{}: {}", self.clinic_dispensed(), f.dispensed));
        let m = |v: Option<i64>| v.map(|x| x.to_string()).unwrap_or_else(|| "-".into());
        out.push(format!("{}: {} / {}", self.clinic_wait(), m(f.wait_median_min), m(f.wait_max_min)));
        out.push(String::new());
        out.push(self.clinic_referrals_by_facility().to_string());
        for (name, n) in &f.referrals {
            out.push(format!("  {n:>5}  {name}"));
        }
        out
    }
}

impl Text {
    pub fn dispense_bad_drug(&self, name: &str) -> String {
        self.choose(format!("{name}: tidak ada di katalog obat."), format!("{name}: not in the drug catalog."))
    }

    pub fn dispense_form_field(&self, i: usize) -> &'static str {
        match i {
            0 => self.pick("Baris resep", "Line"),
            1 => self.pick("Ganti dengan", "Substitute"),
            2 => self.pick("Jumlah", "Quantity"),
            _ => self.pick("Alasan ganti", "Reason"),
        }
    }

    pub fn referral_written(&self, number: &str, facility: &str) -> String {
        self.choose(format!("Surat rujukan {number} ke {facility} dicetak dan disimpan di kartu."), format!("Referral letter {number} to {facility} printed and kept on the card."))
    }

    pub fn bad_profession(&self, p: &str) -> String {
        self.choose(format!("{p}: profesi ditulis doctor, midwife atau nurse."), format!("{p}: the profession is doctor, midwife or nurse."))
    }

    pub fn licence_set(&self, name: &str, p: Profession) -> String {
        self.choose(format!("{name}: {} dengan SIP tercatat.", self.profession(p)), format!("{name}: {} with licence recorded.", self.profession(p)))
    }
}
