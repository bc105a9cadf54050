//! One spelling key for names as they are written at a village counter, people and products
//! alike: case, titles (H., Hj., dr., Bpk., Ibu, ...), doubled letters, the old spelling
//! (oe/u, dj/j, tj/c, nj/ny, sj/sy, and j written for y: Wahju = Wahyu, Tjahjo = Cahyo), a final
//! y or i (Dedy = Dedi), common variants (Muhammad/Moh., Nur/Noor, ...) and the international
//! spelling of drugs (c/k/s, ph/f, x/ks, y/i, th/t, a final e: Paracetamol = Parasetamol,
//! Amoxicillin = Amoksisilin, Chlorpheniramine = Klorfeniramin) do not matter.
//!
//! The key is for finding, not for showing: it merges more than a person would (j, y and i are
//! one letter in it, so Joko and Yoko meet), which a candidate list with a birth year or a
//! barcode beside each name resolves at a glance.

/// Titles and honorifics dropped from a name (after removing dots), unless they are all there is.
const TITLES: &[&str] = &[
    "h", "hj", "haji", "hajjah", "dr", "drg", "dra", "drs", "bpk", "bapak", "pak", "ibu", "bu", "ny", "nyonya", "tn", "tuan",
    "nn", "nona", "sdr", "sdri", "saudara", "saudari", "an", "by", "bayi", "ir", "prof", "apt", "ns", "bidan", "bd", "kh",
    "ust", "ustadz", "ustadzah", "spd", "skm", "skom", "se", "sh", "st", "amd", "ssos", "spdi", "mpd", "mm", "sked",
];

/// Spelling variants that name the same person, as typed: canonical first. They are compared
/// after the spelling rules, so each is written here as people write it.
const VARIANTS: &[(&str, &[&str])] = &[
    ("muhamad", &["mohamad", "muhamed", "mohamed", "moh", "muh", "mhd", "md", "mukhamad", "mokhamad", "mamad"]),
    ("ahmad", &["akhmad", "amad"]),
    ("nur", &["nor", "nurul"]),
    ("abdul", &["abd", "abdu"]),
];

/// Letter pairs rewritten before anything else, in this order: old spelling made new, and the
/// international spelling of drugs made Indonesian.
const PAIRS: &[(&str, &str)] = &[
    ("oe", "u"),
    ("dj", "j"),
    ("tj", "c"),
    ("sj", "sy"),
    ("nj", "ny"),
    ("ph", "f"),
    ("ch", "h"),
    ("kh", "h"),
    ("th", "t"),
    ("dh", "d"),
    ("x", "ks"),
    ("q", "k"),
];

fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 's',
        other => other,
    }
}

/// Lower case letters only, accents folded.
fn letters(word: &str) -> String {
    word.chars().flat_map(|c| c.to_lowercase()).map(fold_accent).filter(|c| c.is_alphabetic() && !c.is_uppercase()).collect()
}

fn collapse_doubles(w: &str) -> String {
    let mut out = String::with_capacity(w.len());
    for c in w.chars() {
        if !out.ends_with(c) {
            out.push(c);
        }
    }
    out
}

/// The rules, repeated until nothing changes (one rewrite can make another pattern appear).
fn spell(w: &str) -> String {
    let mut w = w.to_string();
    loop {
        let before = w.clone();
        w = collapse_doubles(&w);
        for (old, new) in PAIRS {
            if w.contains(old) {
                w = w.replace(old, new);
            }
        }
        // A word never starts with h and a consonant in Indonesian: "chlor" was "klor".
        if w.starts_with("hl") || w.starts_with("hr") {
            w.replace_range(0..1, "k");
        }
        // c is s before e, i and y (Latin: "paracetamol", "cetirizine"), k elsewhere.
        if w.contains('c') {
            let chars: Vec<char> = w.chars().collect();
            w = chars
                .iter()
                .enumerate()
                .map(|(i, &c)| if c == 'c' { if matches!(chars.get(i + 1), Some('e' | 'i' | 'y')) { 's' } else { 'k' } } else { c })
                .collect();
        }
        // j in the old spelling is y, and y is i ("Wahju", "Surjadi", "Dedy", "pyridoxine").
        w = w.replace(['j', 'y'], "i");
        // A final e after a consonant is how other languages write what Indonesian drops
        // ("amlodipine", "chloride"): only in words long enough for it to be a suffix.
        if w.chars().count() >= 6 && w.ends_with('e') && !w[..w.len() - 1].ends_with(['a', 'i', 'u', 'e', 'o']) {
            w.pop();
        }
        if w == before {
            return w;
        }
    }
}

/// One word's spelling key: lower case, letters only, the spelling rules applied. A single
/// letter stays as it is: "Vitamin C" is not vitamin K.
pub fn spell_word(word: &str) -> String {
    let w = letters(word);
    if w.chars().count() <= 1 {
        return w;
    }
    spell(&w)
}

/// One word of a person's name: its spelling key, known variants mapped to one form.
pub fn normalize_word(word: &str) -> String {
    let key = spell_word(word);
    for (canonical, others) in VARIANTS {
        if others.iter().any(|o| spell(o) == key) {
            return spell(canonical);
        }
    }
    key
}

/// The key of a word still being typed, such that it is a prefix of the key of the word once
/// finished: what every way of going on (none, one or two more letters of those that change
/// how a letter before them is spelled: "ch", "dj", "oe", "ce", a final e, ...) has in common.
/// Variants are not applied (they are whole words). One letter whose sound waits on the next
/// ("c": k or s) gives nothing yet.
pub fn normalize_prefix(word: &str) -> String {
    let w = letters(word);
    let Some(last) = w.chars().last() else { return String::new() };
    let next = ['a', 'e', 'i', 'h', 'j', 'l', 'r', last];
    let mut common: Option<String> = None;
    let mut keep = |key: String| {
        common = Some(match common.take() {
            None => key,
            Some(c) => {
                let n = c.chars().zip(key.chars()).take_while(|(a, b)| a == b).count();
                c.chars().take(n).collect()
            }
        });
    };
    if w.chars().count() > 1 {
        keep(spell(&w));
    }
    for a in next {
        keep(spell(&format!("{w}{a}")));
        for b in next {
            keep(spell(&format!("{w}{a}{b}")));
        }
    }
    common.unwrap_or_default()
}

fn is_title(word: &str) -> bool {
    let bare: String = word.chars().filter(|c| c.is_alphabetic()).flat_map(|c| c.to_lowercase()).collect();
    TITLES.contains(&bare.as_str())
}

/// The words of a name, titles left out unless they are all there is.
fn name_words(name: &str) -> Vec<&str> {
    // "H.Ahmad" and "S.Pd." are written without spaces too: split on dots and commas as well.
    // A degree such as "S.Pd." is one title; "H.Ahmad" is a title and a name.
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .flat_map(|chunk| if is_title(chunk) { vec![chunk] } else { chunk.split('.').collect() })
        .filter(|w| !w.is_empty() && !letters(w).is_empty())
        .collect();
    let kept: Vec<&str> = words.iter().copied().filter(|w| !is_title(w) && !is_title(&normalize_word(w))).collect();
    if kept.is_empty() {
        words
    } else {
        kept
    }
}

/// A full name as a search key: the normalised words in order, titles left out.
pub fn normalize_name(name: &str) -> String {
    let once = |n: &str| name_words(n).iter().map(|w| normalize_word(w)).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    // A name made only of titles keeps them ("H MM"); keyed, a title may no longer read as one
    // ("mm" is "m"), so key the key again until it stays (a key must key to itself).
    let mut key = once(name);
    for _ in 0..4 {
        let next = once(&key);
        if next == key {
            break;
        }
        key = next;
    }
    key
}

/// A name as typed into a search box: like [`normalize_name`], except that the last word, when
/// it is still being typed (`complete` false), is keyed as a prefix ([`normalize_prefix`]).
pub fn normalize_name_typed(name: &str, complete: bool) -> String {
    let words = name_words(name);
    let n = words.len();
    words
        .iter()
        .enumerate()
        .map(|(i, w)| if i + 1 == n && !complete { normalize_prefix(w) } else { normalize_word(w) })
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a product name, generic name or query: runs of letters (spelling-keyed) and
/// runs of digits (as they are), so "Vitamin C 50mg" is `vitamin c 50 mg`.
fn product_tokens(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut digits = false;
    for (i, c) in text.char_indices() {
        let kind = if c.is_ascii_digit() { Some(true) } else if c.is_alphabetic() { Some(false) } else { None };
        match (start, kind) {
            (Some(s), Some(k)) if k == digits => {
                let _ = s;
            }
            (Some(s), _) => {
                out.push((&text[s..i], digits));
                start = kind.map(|_| i);
                digits = kind.unwrap_or(false);
            }
            (None, Some(k)) => {
                start = Some(i);
                digits = k;
            }
            (None, None) => {}
        }
    }
    if let Some(s) = start {
        out.push((&text[s..], digits));
    }
    out
}

/// A product's search key from its name and other names (the generic name of a drug).
pub fn product_key(names: &[&str]) -> String {
    names
        .iter()
        .flat_map(|n| product_tokens(n))
        .map(|(t, digits)| if digits { t.to_string() } else { spell_word(t) })
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// One word of a product query: its key, and whether it is still being typed (a prefix).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    pub key: String,
    pub prefix: bool,
}

/// What a product search box holds, as index words: every finished word whole, the last one a
/// prefix unless a space follows it. A word whose prefix key is empty is left out.
pub fn product_query(text: &str) -> Vec<QueryWord> {
    let complete = text.ends_with(|c: char| !c.is_alphanumeric());
    let tokens = product_tokens(text);
    let n = tokens.len();
    tokens
        .into_iter()
        .enumerate()
        .map(|(i, (t, digits))| {
            let typing = i + 1 == n && !complete;
            let key = if digits { t.to_string() } else if typing { normalize_prefix(t) } else { spell_word(t) };
            QueryWord { key, prefix: typing }
        })
        .filter(|w| !w.key.is_empty())
        .take(6)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn titles_and_variants_do_not_matter() {
        assert_eq!(normalize_name("H. Muhammad Yusuf, S.Pd."), normalize_name("muhamad yusuf"));
        assert_eq!(normalize_name("Moh. Yusuf"), normalize_name("Muhamad Jusuf"));
        assert_eq!(normalize_name("MOCHAMMAD YUSUF"), normalize_name("Muhammad Yusuf"));
        assert_eq!(normalize_name("Hj. Sitti Noor Aisyah"), normalize_name("Siti Nur Aisyah"));
        assert_eq!(normalize_name("Ibu Siti Nur Aisyah"), normalize_name("Siti Nur Aisyah"));
        assert_eq!(normalize_name("Achmad"), normalize_name("Ahmad"));
        assert_eq!(normalize_name("dr. Andi"), "andi");
        // A name that is only a title is kept as it is.
        assert_eq!(normalize_name("Ibu"), "ibu");
    }

    #[test]
    fn the_old_spelling_is_the_new_one() {
        let same = |a: &str, b: &str| assert_eq!(normalize_name(a), normalize_name(b), "{a} = {b}");
        same("Djoko Soesilo", "Joko Susilo");
        same("Wahju", "Wahyu");
        same("Surjadi", "Suryadi");
        same("Tjahjo", "Cahyo");
        same("Tjitra", "Citra");
        same("Djojohadikusumo", "Joyohadikusumo");
        same("Sjarifuddin", "Syarifudin");
        same("Soenarjo", "Sunaryo");
        same("Njoman", "Nyoman");
        same("Dedy", "Dedi");
        same("Rudy Hartono", "Rudi Hartono");
        same("Ramadhan", "Ramadan");
        same("Sofyan", "Sofian");
        assert_ne!(normalize_name("Dedi"), normalize_name("Dodi"));
        assert_ne!(normalize_name("Budi"), normalize_name("Bude"));
    }

    #[test]
    fn drugs_by_any_spelling() {
        let same = |a: &str, b: &str| assert_eq!(product_key(&[a]), product_key(&[b]), "{a} = {b}");
        same("paracetamol", "Parasetamol");
        same("amoxicillin", "Amoksisilin");
        same("chlorpheniramine", "Klorfeniramin");
        same("Amlodipine", "Amlodipin");
        same("Cetirizine", "Setirizin");
        same("Pyridoxine", "Piridoksin");
        same("Dextromethorphan", "Dekstrometorfan");
        same("Ethambutol", "Etambutol");
        same("Vitamin C 50mg", "vitamin c 50 mg");
        assert_ne!(product_key(&["Vitamin C"]), product_key(&["Vitamin K"]), "a single letter is kept");
        assert_eq!(product_key(&["Povidon Iodin 10% 30 ml"]), "povidon iodin 10 30 ml");
    }

    #[test]
    fn a_query_is_whole_words_and_the_one_being_typed() {
        let q = product_query("vitamin c ");
        assert_eq!(q, vec![QueryWord { key: "vitamin".into(), prefix: false }, QueryWord { key: "c".into(), prefix: false }]);
        assert_eq!(product_query("vitamin c"), vec![QueryWord { key: "vitamin".into(), prefix: false }], "c alone could be k or s yet");
        let q = product_query("parac");
        assert_eq!(q, vec![QueryWord { key: "para".into(), prefix: true }], "c waits for the next letter");
        assert_eq!(product_query("amoxicillin ")[0], QueryWord { key: product_key(&["Amoksisilin"]), prefix: false });
        assert!(product_query("  ").is_empty());
    }

    /// A modern-spelling word: consonant-vowel syllables.
    fn modern_word() -> impl Strategy<Value = String> {
        let cons = prop::sample::select(vec!["b", "c", "d", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "w", "y", "ny", "sy"]);
        let vowel = prop::sample::select(vec!["a", "i", "u", "e", "o"]);
        prop::collection::vec((cons, vowel), 1..5).prop_map(|s| s.into_iter().map(|(c, v)| format!("{c}{v}")).collect())
    }

    /// The same word as written before 1972: j for y, dj for j, tj for c, nj, sj, oe for u.
    fn old_spelling(modern: &str) -> String {
        let mut out = String::new();
        let chars: Vec<char> = modern.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let next = chars.get(i + 1).copied();
            match (chars[i], next) {
                ('n', Some('y')) => { out.push_str("nj"); i += 1; }
                ('s', Some('y')) => { out.push_str("sj"); i += 1; }
                ('y', _) => out.push('j'),
                ('j', _) => out.push_str("dj"),
                ('c', _) => out.push_str("tj"),
                ('u', _) => out.push_str("oe"),
                (c, _) => out.push(c),
            }
            i += 1;
        }
        out
    }

    proptest! {
        #[test]
        fn normalising_twice_changes_nothing(s in "[A-Za-z .,']{0,40}") {
            let once = normalize_name(&s);
            prop_assert_eq!(normalize_name(&once), once.clone());
            let key = product_key(&[&s]);
            prop_assert_eq!(product_key(&[&key]), key.clone());
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

        #[test]
        fn an_old_spelling_finds_the_new_one(w in modern_word()) {
            let old = old_spelling(&w);
            prop_assert_eq!(spell_word(&old), spell_word(&w), "{} / {}", old, w);
        }

        #[test]
        fn doubled_letters_do_not_matter(w in modern_word(), at in 0usize..20) {
            let i = at % w.len();
            let doubled = format!("{}{}", &w[..=i], &w[i..]);
            prop_assert_eq!(spell_word(&doubled), spell_word(&w), "{}", doubled);
        }

        #[test]
        fn a_word_being_typed_finds_the_word(w in modern_word(), cut in 1usize..20) {
            for word in [w.clone(), old_spelling(&w)] {
                let typed = &word[..cut.min(word.len())];
                let (p, full) = (normalize_prefix(typed), spell_word(&word));
                prop_assert!(full.starts_with(&p), "{} -> {} is not a prefix of {} -> {}", typed, p, word, full);
            }
        }
    }
}
