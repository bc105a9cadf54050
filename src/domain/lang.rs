//! The languages of the interface: Bahasa Indonesia first, English second.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "id" | "id_id" | "indonesia" => Some(Lang::Id),
            "en" | "en_us" | "en_gb" | "english" => Some(Lang::En),
            _ => None,
        }
    }
}
