//! Patient and CKG (free health check) texts: search, the patient form, field errors and the checklist.

use super::Text;
use crate::domain::nik::NikError;

texts! {
    search_hint => "Cari NIK/BPJS/RM/telepon/nama, + tgl lahir, tahun atau umur (\"siti 1985\")", "Find NIK/BPJS/record/phone/name, + birth date, year or age (\"siti 1985\")";
    form_new_title => "Pasien baru", "New patient";
    form_edit_title => "Ubah data pasien", "Edit patient";
    rm_auto => "(otomatis)", "(automatic)";
    merge_supervisor_only => "Hanya pengawas yang boleh menggabungkan data pasien.", "Only a supervisor may merge patient records.";
    ckg_outside_window => "Di luar jendela CKG orang ini; pastikan sesuai aturan Puskesmas.", "Outside this person's CKG window; make sure the Puskesmas allows it.";
    ckg_referral => "RUJUK ke Puskesmas: ada temuan positif.", "REFER to the Puskesmas: positive findings.";
    ckg_no_referral => "Tidak perlu rujukan.", "No referral needed.";
    ckg_result_title => "Hasil CKG", "CKG result";
    card_visits => "Kunjungan", "Visits";
    card_checks => "CKG", "CKG";
    card_purchases => "Belanja", "Purchases";
    card_history => "Riwayat perubahan", "Change history";
    birthdays_none => "Tidak ada yang berulang tahun.", "No birthdays.";
}

impl Text {
    pub fn patient_field(&self, f: crate::domain::patient::Field) -> &'static str {
        use crate::domain::patient::Field::*;
        match f {
            Nik => "NIK",
            Name => self.pick("Nama", "Name"),
            Sex => self.pick("L/P", "Sex L/P"),
            Birth => self.pick("Tgl lahir", "Birth date"),
            Village => self.pick("Desa/Kel.", "Village"),
            RtRw => "RT/RW",
            Address => self.pick("Alamat", "Address"),
            Phone => self.pick("Telepon", "Phone"),
            Kk => self.pick("No. KK", "Family no."),
            Bpjs => self.pick("No. BPJS", "BPJS no."),
            Rm => self.pick("No. RM", "Record no."),
            Member => self.pick("No. anggota", "Member no."),
        }
    }

    pub fn field_error(&self, e: &crate::domain::patient::FieldError) -> String {
        use crate::domain::patient::FieldError::*;
        match e {
            Required => self.pick("wajib diisi", "required").into(),
            Nik(n) => self.nik_error(n),
            BirthNotNik { nik_day, nik_month } => self.choose(
                format!("tidak sesuai NIK ({nik_day:02}-{nik_month:02})"),
                format!("differs from the NIK ({nik_day:02}-{nik_month:02})"),
            ),
            SexNotNik => self.pick("tidak sesuai NIK", "differs from the NIK").into(),
            BadDate => self.pick("tanggal salah; tulis dd-mm-yyyy", "not a date; write dd-mm-yyyy").into(),
            FutureBirth => self.pick("tanggal lahir di masa depan", "birth date in the future").into(),
            TooOld => self.pick("lebih dari 125 tahun", "more than 125 years ago").into(),
            SexCode => self.pick("tulis L atau P", "write L or P").into(),
            Digits { want, got } => self.choose(format!("harus {want} angka (ada {got})"), format!("must be {want} digits (has {got})")),
            NotDigits => self.pick("hanya angka", "digits only").into(),
            Phone => self.pick("nomor telepon salah (08... atau +62...)", "not a phone number (08... or +62...)").into(),
            RtRw => self.pick("tulis RT/RW, mis. 001/002", "write RT/RW, e.g. 001/002").into(),
            TooLong(n) => self.choose(format!("paling panjang {n} huruf"), format!("at most {n} characters")),
            Taken { name, rm } => self.choose(format!("sudah dipakai {name} ({rm})"), format!("already used by {name} ({rm})")),
        }
    }

    pub fn results_count(&self, n: usize) -> String {
        self.choose(format!("{n} hasil"), if n == 1 { "1 result".into() } else { format!("{n} results") })
    }

    pub fn merge_pick(&self, name: &str, rm: &str, open: &str) -> String {
        self.choose(
            format!("Gabung ke {name} ({rm}): cari data kedua, pilih, lalu {open}."),
            format!("Merge into {name} ({rm}): find the other record, select it, press {open}."),
        )
    }

    pub fn merge_question(&self, remove: &str, keep: &str) -> String {
        self.choose(format!("Gabungkan {remove} ke {keep}?"), format!("Merge {remove} into {keep}?"))
    }

    pub fn patient_saved(&self, rm: &str) -> String {
        self.choose(format!("Tersimpan: {rm}."), format!("Saved: {rm}."))
    }

    pub fn patient_merged(&self, keep: &str) -> String {
        self.choose(format!("Data digabung ke {keep}."), format!("Records merged into {keep}."))
    }

    pub fn ticket_linked(&self, ticket: &str) -> String {
        self.choose(format!("Tiket {ticket} ditautkan ke pasien ini."), format!("Ticket {ticket} linked to this patient."))
    }

    pub fn age_years(&self, years: i32) -> String {
        self.choose(format!("{years} th"), format!("{years} y"))
    }

    pub fn ckg_state(&self, e: &crate::domain::ckg::Eligibility) -> String {
        use crate::domain::ckg::Eligibility::*;
        let d = |d: &chrono::NaiveDate| d.format("%d-%m-%Y").to_string();
        match e {
            Due { until } => self.choose(format!("CKG: berhak sampai {}", d(until)), format!("CKG: due until {}", d(until))),
            Done { on } => self.choose(format!("CKG: sudah {}", d(on)), format!("CKG: done {}", d(on))),
            NotYet { from } => self.choose(format!("CKG: mulai {}", d(from)), format!("CKG: from {}", d(from))),
            Missed { next } => self.choose(format!("CKG: terlewat, berikutnya {}", d(next)), format!("CKG: missed, next {}", d(next))),
        }
    }

    pub fn ckg_title(&self, name: &str, group: crate::domain::ckg::AgeGroup, age: i32) -> String {
        use crate::domain::ckg::AgeGroup::*;
        let g = match group {
            Newborn => self.pick("bayi baru lahir", "newborn"),
            Child => self.pick("balita/anak", "young child"),
            School => self.pick("usia sekolah", "school age"),
            Adult => self.pick("dewasa", "adult"),
            Elderly => self.pick("lansia", "elderly"),
        };
        self.choose(format!("CKG: {name}, {age} th, {g}"), format!("CKG: {name}, {age} y, {g}"))
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

    pub fn value_impossible(&self) -> &'static str {
        self.pick("tidak mungkin; periksa lagi", "impossible; check again")
    }

    pub fn value_unusual(&self, save: &str) -> String {
        self.choose(format!("tidak biasa; {save} lagi bila benar"), format!("unusual; {save} again if right"))
    }

    pub fn value_unreadable(&self) -> &'static str {
        self.pick("bukan angka", "not a number")
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

    pub fn ckg_already(&self, on: &str) -> String {
        self.choose(format!("CKG tahun ini sudah dilakukan ({on})."), format!("This year's CKG is already done ({on})."))
    }

    pub fn ckg_saved(&self, referral: bool) -> String {
        match referral {
            true => self.pick("CKG tersimpan. RUJUK ke Puskesmas.", "CKG saved. REFER to the Puskesmas.").into(),
            false => self.pick("CKG tersimpan.", "CKG saved.").into(),
        }
    }

    pub fn birthdays_title(&self, from: &str, to: &str, n: i64) -> String {
        self.choose(format!("Ulang tahun {from} s.d. {to}: {n} orang"), format!("Birthdays {from} to {to}: {n} people"))
    }

    pub fn nik_error(&self, e: &NikError) -> String {
        match e {
            NikError::Length(n) => self.choose(format!("NIK harus 16 angka (ada {n})."), format!("A NIK has 16 digits (this has {n}).")),
            NikError::NotDigits => self.pick("NIK hanya boleh berisi angka.", "A NIK may hold digits only.").into(),
            NikError::UnknownProvince(p) => self.choose(format!("Kode provinsi {p:02} tidak dikenal."), format!("Province code {p:02} is unknown.")),
            NikError::ImpossibleDate { day, month } => self.choose(
                format!("Tanggal lahir dalam NIK tidak mungkin ({day:02}-{month:02})."),
                format!("The birth date in the NIK is impossible ({day:02}-{month:02})."),
            ),
            NikError::SerialZero => self.pick("Nomor urut NIK tidak boleh 0000.", "The NIK serial may not be 0000.").into(),
        }
    }
}

impl Text {
    pub fn no_results(&self, new_patient: &str) -> String {
        self.choose(format!("Tidak ditemukan. {new_patient} untuk mendaftarkan pasien baru."), format!("Not found. {new_patient} registers a new patient."))
    }

    pub fn form_hint(&self, next: &str, save: &str, cancel: &str) -> String {
        self.choose(
            format!("{next}: kolom berikut. {save}: simpan bila semua benar. {cancel}: batal."),
            format!("{next}: next field. {save}: save when all is valid. {cancel}: cancel."),
        )
    }

    pub fn similar_warning(&self, save: &str) -> String {
        self.choose(
            format!("Ada data dengan nama mirip dan tanggal lahir sama. Periksa; {save} lagi untuk tetap menyimpan."),
            format!("A record with a similar name and the same birth date exists. Check it; {save} again saves anyway."),
        )
    }

    pub fn ckg_hint(&self, save: &str) -> String {
        self.choose(
            format!("Ukuran: ketik angka. Pemeriksaan: n normal, p positif, - tidak. {save} selesai."),
            format!("Measures: type numbers. Screenings: n normal, p positive, - not done. {save} ends."),
        )
    }
}

impl Text {
    /// A change-history entry's field, kept as a code in the database, worded for the reader.
    pub fn history_field(&self, code: &str) -> &'static str {
        use crate::domain::patient::Field::*;
        match code {
            "registered" => self.pick("didaftarkan", "registered"),
            "merged_from" => self.pick("digabung dari", "merged from"),
            "merged_into" => self.pick("digabung ke", "merged into"),
            "nik" => self.patient_field(Nik),
            "bpjs" => self.patient_field(Bpjs),
            "rm_number" => self.patient_field(Rm),
            "name" => self.patient_field(Name),
            "sex" => self.patient_field(Sex),
            "birth_date" => self.patient_field(Birth),
            "village" => self.patient_field(Village),
            "rt_rw" => self.patient_field(RtRw),
            "address" => self.patient_field(Address),
            "phone" => self.patient_field(Phone),
            "kk" => self.patient_field(Kk),
            "member_no" => self.patient_field(Member),
            _ => self.pick("lainnya", "other"),
        }
    }

    /// Sex as stored (L/P), written out.
    pub fn sex(&self, code: &str) -> &'static str {
        match code {
            "L" => self.pick("laki-laki", "male"),
            "P" => self.pick("perempuan", "female"),
            _ => "-",
        }
    }

    /// Sex in one letter for a list: L/P in Indonesian, M/F in English.
    pub fn sex_short(&self, code: &str) -> &'static str {
        match code {
            "L" => self.pick("L", "M"),
            "P" => self.pick("P", "F"),
            _ => "-",
        }
    }

    /// Beside a CKG check that ended in a referral.
    pub fn referred_mark(&self) -> &'static str {
        self.pick("(rujuk)", "(referred)")
    }
}
