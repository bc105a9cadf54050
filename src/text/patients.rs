//! Patient texts: search, the patient form, field errors, the card.

use super::Text;
use crate::domain::nik::NikError;

texts! {
    search_hint => "Cari NIK/BPJS/RM/telepon/nama, + tgl lahir, tahun atau umur (\"siti 1985\")", "Find NIK/BPJS/record/phone/name, + birth date, year or age (\"siti 1985\")";
    form_new_title => "Pasien baru", "New patient";
    form_edit_title => "Ubah data pasien", "Edit patient";
    rm_auto => "(otomatis)", "(automatic)";
    merge_supervisor_only => "Hanya pengawas yang boleh menggabungkan data pasien.", "Only a supervisor may merge patient records.";
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
    pub fn search_type_more(&self, min: usize) -> String {
        self.choose(format!("Ketik paling sedikit {min} huruf atau angka untuk mencari."), format!("Type at least {min} letters or digits to search."))
    }

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
