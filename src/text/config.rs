//! Settings texts: problems in config.toml and in a keymap file.

use super::Text;
use crate::config::ConfigProblem;
use crate::keymap::KeymapProblem;

texts! {
    keymap_ok => "Keymap benar", "Keymap is valid";
}

impl Text {
    pub fn config_problem(&self, p: &ConfigProblem) -> String {
        match p {
            ConfigProblem::Unreadable(e) => self.choose(format!("tidak bisa dibaca ({e})"), format!("cannot be read ({e})")),
            ConfigProblem::Syntax(e) => self.choose(format!("penulisan TOML salah: {e}"), format!("TOML syntax error: {e}")),
            ConfigProblem::UnknownKey => self.pick("kunci tidak dikenal", "unknown key").into(),
            ConfigProblem::WrongType { found, expected } => {
                use crate::config::ValueKind::*;
                let (id, en) = match expected {
                    Number => ("bukan angka; tulis angka tanpa tanda kutip", "is not a number; write a number without quotes"),
                    Text => ("bukan teks; tulis di antara tanda kutip", "is not text; write it between quotes"),
                    YesNo => ("bukan true atau false", "is not true or false"),
                    List => ("bukan daftar; tulis [ ... ]", "is not a list; write [ ... ]"),
                    Table => ("bukan tabel", "is not a table"),
                    Other => ("tidak sah untuk setelan ini", "is not valid for this setting"),
                };
                let found = if found.is_empty() { self.pick("nilai ini", "this value").to_string() } else { found.clone() };
                self.choose(format!("{found} {id}"), format!("{found} {en}"))
            }
            ConfigProblem::BadTimezone(v) => self.choose(
                format!("\"{v}\" bukan zona waktu; pakai WIB, WITA atau WIT"),
                format!("\"{v}\" is not a time zone; use WIB, WITA or WIT"),
            ),
            ConfigProblem::BadLanguage(v) => self.choose(
                format!("\"{v}\" bukan bahasa; pakai id atau en"),
                format!("\"{v}\" is not a language; use id or en"),
            ),
            ConfigProblem::Empty => self.pick("tidak boleh kosong", "may not be empty").into(),
            ConfigProblem::OutOfRange { min, max } => {
                self.choose(format!("harus antara {min} dan {max}"), format!("must be between {min} and {max}"))
            }
            ConfigProblem::BadServiceCode(c) => self.choose(
                format!("kode layanan \"{c}\" harus satu huruf A-Z"),
                format!("service code \"{c}\" must be one letter A-Z"),
            ),
            ConfigProblem::Duplicate(v) => self.choose(format!("\"{v}\" sudah dipakai"), format!("\"{v}\" is used twice")),
            ConfigProblem::UnknownService(c) => {
                self.choose(format!("layanan \"{c}\" tidak dikenal"), format!("unknown service \"{c}\""))
            }
            ConfigProblem::UnknownCounter(n) => {
                self.choose(format!("loket {n} tidak ada di [[counters]]"), format!("counter {n} is not in [[counters]]"))
            }
            ConfigProblem::BadCkgWindow(v) => self.choose(
                format!("\"{v}\" bukan aturan CKG; pakai birthday atau year"),
                format!("\"{v}\" is not a CKG window; use birthday or year"),
            ),
            ConfigProblem::BadVoiceEngine(v) => self.choose(
                format!("\"{v}\" bukan mesin suara; pakai espeak, clips atau off"),
                format!("\"{v}\" is not a voice engine; use espeak, clips or off"),
            ),
            ConfigProblem::NotOneOf { value, allowed } => self.choose(
                format!("\"{value}\" tidak dikenal; pilih salah satu: {allowed}"),
                format!("\"{value}\" is not known; choose one of: {allowed}"),
            ),
            ConfigProblem::Missing { transport } => {
                self.choose(format!("wajib diisi untuk transport {transport}"), format!("required for transport {transport}"))
            }
            ConfigProblem::UnknownPrinter { name, known } => {
                let known = if known.is_empty() { "-" } else { known.as_str() };
                self.choose(
                    format!("tidak ada printer bernama \"{name}\" (printer yang ada: {known})"),
                    format!("there is no printer named \"{name}\" (the printers: {known})"),
                )
            }
            ConfigProblem::Renamed(to) => self.choose(
                format!("pengaturan ini diganti {to} (artinya berubah); lihat README"),
                format!("this setting was replaced by {to} (its meaning changed); see the README"),
            ),
            ConfigProblem::SecretExposed { mode, path } => self.choose(
                format!("berkas rahasia bisa dibaca pengguna lain (mode {mode:03o}); jalankan: chmod 600 {path}"),
                format!("the secret file can be read by other users (mode {mode:03o}); run: chmod 600 {path}"),
            ),
        }
    }

    pub fn keymap_problem(&self, p: &KeymapProblem) -> String {
        match p {
            KeymapProblem::Missing => self.pick("file itu tidak ada", "that file does not exist").into(),
            KeymapProblem::Unreadable => self.pick("file itu tidak bisa dibaca oleh akun ini", "this account cannot read that file").into(),
            KeymapProblem::Syntax(e) => self.choose(format!("penulisan TOML salah: {e}"), format!("TOML syntax error: {e}")),
            KeymapProblem::UnknownTable => self.pick("tabel tidak dikenal", "unknown table").into(),
            KeymapProblem::NotATable => self.pick("harus berupa tabel [nama]", "must be a [table]").into(),
            KeymapProblem::UnknownKey => self.pick("nama tombol tidak dikenal", "unknown key name").into(),
            KeymapProblem::NotAString => self.pick("nilai harus nama aksi dalam tanda kutip", "the value must be an action name in quotes").into(),
            KeymapProblem::UnknownAction(a) => self.choose(format!("aksi \"{a}\" tidak dikenal"), format!("unknown action \"{a}\"")),
            KeymapProblem::ActionNotHere(a) => {
                self.choose(format!("aksi \"{a}\" tidak berlaku di tabel ini"), format!("action \"{a}\" does not apply in this table"))
            }
            KeymapProblem::Conflict(other) => self.choose(
                format!("bentrok: tombol yang sama dengan \"{other}\""),
                format!("conflict: the same key as \"{other}\""),
            ),
            KeymapProblem::TypingKey => self.pick(
                "huruf biasa di layar isian harus masuk ke kolom; pakai ctrl- atau tombol fungsi",
                "a plain character on an input screen must reach the field; use ctrl- or a function key",
            )
            .into(),
        }
    }
}

impl Text {
    /// `file: key: what is wrong`, in the user's language.
    pub fn config_error(&self, e: &crate::config::ConfigError) -> String {
        let what = self.config_problem(&e.problem);
        if e.key.is_empty() {
            format!("{}: {}", e.file, what)
        } else {
            format!("{}: {}: {}", e.file, e.key, what)
        }
    }

    /// `file: table: key: what is wrong`, in the user's language.
    pub fn keymap_error(&self, e: &crate::keymap::KeymapError) -> String {
        let what = self.keymap_problem(&e.problem);
        match (e.table.is_empty(), e.key.is_empty()) {
            (true, _) => format!("{}: {}", e.file, what),
            (false, true) => format!("{}: {}: {}", e.file, e.table, what),
            (false, false) => format!("{}: {}: {}: {}", e.file, e.table, e.key, what),
        }
    }
}

#[cfg(test)]
mod error_tests {
    use super::*;
    use crate::config::Config;
    use crate::domain::lang::Lang;

    fn config_problem(text: &str) -> String {
        Text::new(Lang::En).config_error(&Config::parse(text, "c.toml").unwrap_err())
    }

    #[test]
    fn config_and_keymap_errors_name_file_key_and_problem() {
        assert_eq!(config_problem("[site]\ntimezone = \"GMT\"\n"), "c.toml: site.timezone: \"GMT\" is not a time zone; use WIB, WITA or WIT");
        assert_eq!(config_problem("[[counters]]\nnumber = 1\nservices = [\"Z\"]\n"), "c.toml: counters[0].services: unknown service \"Z\"");
        assert_eq!(config_problem("[printer]\ncut = \"half\"\n"), "c.toml: printer.cut: \"half\" is not known; choose one of: full, partial, none");
        let e = crate::keymap::Keymap::defaults().merge_str("[global]\nf2 = \"fly\"\n", "k.toml").unwrap_err();
        assert_eq!(Text::new(Lang::En).keymap_error(&e), "k.toml: global: f2: unknown action \"fly\"");
    }
}
