//! Name normalisation for finding people as they are written at a village counter: case, titles
//! (H., Hj., dr., Bpk., Ibu, ...) and common spelling variants (Muhammad/Muhamad/Mohammad/Moh.,
//! Nur/Noor, Siti/Sitti, the old spelling dj/j, tj/c, oe/u, ...) do not matter.

/// Titles and honorifics dropped from a name (after removing dots), unless they are all there is.
const TITLES: &[&str] = &[
    "h", "hj", "haji", "hajjah", "dr", "drg", "dra", "drs", "bpk", "bapak", "pak", "ibu", "bu", "ny", "nyonya", "tn", "tuan",
    "nn", "nona", "sdr", "sdri", "saudara", "saudari", "an", "by", "bayi", "ir", "prof", "apt", "ns", "bidan", "bd", "kh",
    "ust", "ustadz", "ustadzah", "spd", "skm", "skom", "se", "sh", "st", "amd", "ssos", "spdi", "mpd", "mm", "sked",
];

/// Spelling variants that name the same person, after the other rules ran: canonical first.
const VARIANTS: &[(&str, &[&str])] = &[
    ("muhamad", &["mohamad", "muhamed", "mohamed", "moh", "muh", "mhd", "md", "mukhamad", "mokhamad", "mamad"]),
    ("ahmad", &["akhmad", "amad"]),
    ("nur", &["nor", "nurul"]),
    ("abdul", &["abd", "abdu"]),
];

/// One word: lower case, letters only, old spelling made new, doubled letters made single, and
/// known variants mapped to one form.
pub fn normalize_word(word: &str) -> String {
    let mut w: String = word.chars().flat_map(|c| c.to_lowercase()).filter(|c| c.is_alphabetic() && !c.is_uppercase()).collect();
    // Repeat until nothing changes: one rewrite can make another pattern appear ("cch" -> "ch").
    let mut collapsed = loop {
        let before = w.clone();
        for (old, new) in [("oe", "u"), ("dj", "j"), ("tj", "c"), ("sj", "sy"), ("nj", "ny"), ("ch", "h"), ("kh", "h")] {
            w = w.replace(old, new);
        }
        let mut c2 = String::with_capacity(w.len());
        for c in w.chars() {
            if !c2.ends_with(c) {
                c2.push(c);
            }
        }
        w = c2;
        if w == before {
            break w;
        }
    };
    for (canonical, others) in VARIANTS {
        if others.contains(&collapsed.as_str()) {
            collapsed = canonical.to_string();
        }
    }
    collapsed
}

fn is_title(word: &str) -> bool {
    let bare: String = word.chars().filter(|c| c.is_alphabetic()).flat_map(|c| c.to_lowercase()).collect();
    TITLES.contains(&bare.as_str())
}

/// A full name as a search key: the normalised words in order, titles left out.
pub fn normalize_name(name: &str) -> String {
    // "H.Ahmad" and "S.Pd." are written without spaces too: split on dots and commas as well.
    // A degree such as "S.Pd." is one title; "H.Ahmad" is a title and a name.
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .flat_map(|chunk| if is_title(chunk) { vec![chunk] } else { chunk.split('.').collect() })
        .filter(|w| !w.is_empty())
        .collect();
    let normal: Vec<String> = words.iter().map(|w| normalize_word(w)).filter(|w| !w.is_empty()).collect();
    let kept: Vec<String> = words
        .iter()
        .map(|w| (is_title(w), normalize_word(w)))
        .filter(|(title, n)| !title && !n.is_empty() && !is_title(n))
        .map(|(_, n)| n)
        .collect();
    if kept.is_empty() { normal } else { kept }.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn titles_and_variants_do_not_matter() {
        assert_eq!(normalize_name("H. Muhammad Yusuf, S.Pd."), "muhamad yusuf");
        assert_eq!(normalize_name("Moh. Yusuf"), "muhamad yusuf");
        assert_eq!(normalize_name("MOCHAMMAD YUSUF"), "muhamad yusuf");
        assert_eq!(normalize_name("Hj. Sitti Noor Aisyah"), "siti nur aisyah");
        assert_eq!(normalize_name("Ibu Siti Nur Aisyah"), "siti nur aisyah");
        assert_eq!(normalize_name("Djoko Soesilo"), "joko susilo");
        assert_eq!(normalize_name("Tjahjo"), normalize_name("Cahyo").replace('y', "j"));
        assert_eq!(normalize_name("Achmad"), "ahmad");
        assert_eq!(normalize_name("dr. Andi"), "andi");
        // A name that is only a title is kept as it is.
        assert_eq!(normalize_name("Ibu"), "ibu");
    }

    proptest! {
        #[test]
        fn normalising_twice_changes_nothing(s in "[A-Za-z .,']{0,40}") {
            let once = normalize_name(&s);
            prop_assert_eq!(normalize_name(&once), once.clone());
        }

        #[test]
        fn case_and_spacing_do_not_matter(s in "[A-Za-z]{1,12}( [A-Za-z]{1,12}){0,3}") {
            let spaced = s.replace(' ', "   ");
            prop_assert_eq!(normalize_name(&s.to_uppercase()), normalize_name(&s.to_lowercase()));
            prop_assert_eq!(normalize_name(&spaced), normalize_name(&s));
        }

        #[test]
        fn output_is_lowercase_letters_and_single_spaces(s in "\\PC{0,40}") {
            let n = normalize_name(&s);
            prop_assert!(!n.contains("  ") && !n.starts_with(' ') && !n.ends_with(' '));
            prop_assert!(n.chars().all(|c| c == ' ' || (c.is_alphabetic() && !c.is_uppercase())));
        }
    }
}
