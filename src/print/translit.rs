//! Characters a thermal printer lacks, spelled with the ASCII it has: `kg/m²` -> `kg/m2`,
//! `37,5°C` -> `37,5C`, `≥` -> `>=`, `µg` -> `ug`, `é` -> `e`. Everything printed (and its preview)
//! goes through here first, so the preview shows exactly what the paper will.

/// The ASCII spelling of one character, or None when it is ASCII already.
fn ascii_for(c: char) -> Option<&'static str> {
    if c.is_ascii() {
        return None;
    }
    Some(match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'Æ' => "AE",
        'æ' => "ae",
        'Ç' | 'Ć' | 'Č' => "C",
        'ç' | 'ć' | 'č' => "c",
        'Ð' | 'Ď' => "D",
        'ð' | 'ď' => "d",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => "E",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => "e",
        'Ğ' => "G",
        'ğ' => "g",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => "I",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => "i",
        'Ł' => "L",
        'ł' => "l",
        'Ñ' | 'Ń' | 'Ň' => "N",
        'ñ' | 'ń' | 'ň' => "n",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => "O",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => "o",
        'Œ' => "OE",
        'œ' => "oe",
        'Ř' => "R",
        'ř' => "r",
        'Ś' | 'Š' | 'Ş' => "S",
        'ś' | 'š' | 'ş' => "s",
        'ß' => "ss",
        'Ť' => "T",
        'ť' => "t",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => "U",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => "u",
        'Ý' | 'Ÿ' => "Y",
        'ý' | 'ÿ' => "y",
        'Ź' | 'Ż' | 'Ž' => "Z",
        'ź' | 'ż' | 'ž' => "z",
        '¹' => "1",
        '²' => "2",
        '³' => "3",
        '°' | 'º' => "deg",
        'µ' | 'μ' => "u",
        '≥' => ">=",
        '≤' => "<=",
        '≠' => "!=",
        '±' => "+/-",
        '×' => "x",
        '÷' => "/",
        '½' => "1/2",
        '¼' => "1/4",
        '¾' => "3/4",
        '‰' => "o/oo",
        '€' => "EUR",
        '£' => "GBP",
        '¢' => "c",
        '©' => "(c)",
        '®' => "(R)",
        '™' => "TM",
        '‘' | '’' | '‚' | '′' | '´' => "'",
        '“' | '”' | '„' | '″' | '«' | '»' => "\"",
        '–' | '—' | '−' | '‐' | '‑' => "-",
        '…' => "...",
        '•' | '·' | '∙' => "*",
        '→' => "->",
        '←' => "<-",
        '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2009}' => " ",
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' => "",
        // Combining accents (text typed as "e" + U+0301): the letter stays, the accent goes.
        '\u{300}'..='\u{36f}' => "",
        _ => "?",
    })
}

/// The text as the printer will print it: ASCII only, control characters removed (a stray ESC
/// in a name must never reach the printer as a command), tabs and newlines as spaces.
pub fn to_printable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // "37,5°C" reads best as "37,5C"; a lone degree sign as "deg".
            '°' | 'º' if matches!(chars.peek(), Some('C' | 'F')) => {}
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_ascii_control() => {}
            c => match ascii_for(c) {
                None => out.push(c),
                Some(a) => out.push_str(a),
            },
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn what_printers_lack() {
        assert_eq!(to_printable("IMT 24,2 kg/m²"), "IMT 24,2 kg/m2");
        assert_eq!(to_printable("Suhu 37,5°C"), "Suhu 37,5C");
        assert_eq!(to_printable("sudut 90°"), "sudut 90deg");
        assert_eq!(to_printable("Vit B12 500 µg"), "Vit B12 500 ug");
        assert_eq!(to_printable("GDS ≥ 200"), "GDS >= 200");
        assert_eq!(to_printable("Café Señora Zoë"), "Cafe Senora Zoe");
        assert_eq!(to_printable("Jose\u{301}"), "Jose");
        assert_eq!(to_printable("a\x1bpb\tc"), "apb c");
        assert_eq!(to_printable("伊"), "?");
    }

    proptest! {
        #[test]
        fn output_is_printable_ascii(s in any::<String>()) {
            let p = to_printable(&s);
            prop_assert!(p.bytes().all(|b| (0x20..0x7f).contains(&b)), "{:?}", p);
        }
    }
}
