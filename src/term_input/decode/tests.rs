use super::*;
use proptest::prelude::*;

fn keys(bytes: &[u8]) -> Vec<KeyEvent> {
    let mut d = Decoder::new();
    d.feed(bytes);
    let mut out = Vec::new();
    while let Some(ev) = d.next(true) {
        if let Event::Key(k) = ev {
            out.push(k);
        }
    }
    out
}

fn k(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn typed(s: &str) -> Vec<KeyEvent> {
    s.chars()
        .map(|c| KeyEvent::new(KeyCode::Char(c), if c.is_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE }))
        .collect()
}

#[test]
fn the_keys_a_counter_sends() {
    assert_eq!(keys(b"ab\r"), [typed("ab"), vec![k(KeyCode::Enter)]].concat());
    assert_eq!(keys(b"\x1bOP\x1b[15~\x1b[24~"), vec![k(KeyCode::F(1)), k(KeyCode::F(5)), k(KeyCode::F(12))]);
    assert_eq!(keys(b"\x1b[A\x1bOB\x1b[5~\x1b[6~\x1b[3~"), vec![k(KeyCode::Up), k(KeyCode::Down), k(KeyCode::PageUp), k(KeyCode::PageDown), k(KeyCode::Delete)]);
    assert_eq!(keys(b"\x1b[Z"), vec![KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)]);
    assert_eq!(keys(b"\x11\x7f\t"), vec![KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL), k(KeyCode::Backspace), k(KeyCode::Tab)]);
    assert_eq!(keys(b"\x1bs"), vec![KeyEvent::new(KeyCode::Char('s'), KeyModifiers::ALT)]);
    assert_eq!(keys(b"\x1b[1;5C"), vec![KeyEvent::new(KeyCode::Right, KeyModifiers::CONTROL)]);
    assert_eq!(keys(b"\x1b[[B"), vec![k(KeyCode::F(2))]);
    assert_eq!(keys("Rp é".as_bytes()), typed("Rp é"));
}

#[test]
fn esc_alone_and_esc_esc_are_esc_keys() {
    assert_eq!(keys(b"\x1b"), vec![k(KeyCode::Esc)]);
    assert_eq!(keys(b"\x1b\x1b"), vec![k(KeyCode::Esc), k(KeyCode::Esc)]);
    // Esc then an arrow, in one read: both keys (crossterm took ESC ESC [A for one Esc).
    assert_eq!(keys(b"\x1b\x1b[A"), vec![k(KeyCode::Esc), k(KeyCode::Up)]);
}

#[test]
fn a_lone_esc_waits_for_the_rest_of_its_sequence_until_idle() {
    let mut d = Decoder::new();
    d.feed(b"\x1b");
    assert_eq!(d.next(false), None, "an ESC may start a sequence");
    assert!(d.has_pending());
    d.feed(b"[B");
    assert_eq!(d.next(false), Some(Event::Key(k(KeyCode::Down))));
    assert!(!d.has_pending());
}

#[test]
fn an_unterminated_paste_does_not_swallow_the_keys_after_it() {
    // ESC [200~ with no end: what follows is typed; the line break in it is dropped.
    let mut d = Decoder::new();
    d.feed(b"\x1b[200~3201\r");
    let mut got = Vec::new();
    while let Some(Event::Key(key)) = d.next(false) {
        got.push(key);
    }
    assert_eq!(got, typed("3201"), "pasted text arrives as typed, without its Enter");
    assert!(d.in_paste());
    // The input went quiet: the paste is over, and Enter is a key again.
    d.end_paste();
    d.feed(b"\r");
    assert_eq!(d.next(false), Some(Event::Key(k(KeyCode::Enter))));
}

#[test]
fn a_terminated_paste_is_typed_and_ends_at_its_marker() {
    assert_eq!(keys(b"\x1b[200~12\x1b[A\n34\x1b[201~\r"), [typed("1234"), vec![k(KeyCode::Enter)]].concat());
}

#[test]
fn what_is_not_a_key_is_dropped_whole() {
    // An SGR mouse report, a focus report, a cursor answer, a stray 0xff, then a key.
    assert_eq!(keys(b"\x1b[<0;3;4M\x1b[I\x1b[?1;2c\xffa"), typed("a"));
    // A broken UTF-8 sequence does not eat the key after it.
    assert_eq!(keys(b"\xc3a"), typed("a"));
}

proptest! {
    /// Any bytes at all: no panic, and every byte is settled once the input goes quiet (nothing
    /// stays waiting, so no key after garbage is ever withheld).
    #[test]
    fn any_bytes_settle(bytes in proptest::collection::vec(any::<u8>(), 0..200), tail in "[a-z0-9]{1,8}") {
        let mut d = Decoder::new();
        d.feed(&bytes);
        while d.next(true).is_some() {}
        prop_assert!(!d.has_pending());
        d.end_paste();
        d.feed(tail.as_bytes());
        let mut got = Vec::new();
        while let Some(Event::Key(key)) = d.next(true) {
            got.push(key);
        }
        prop_assert_eq!(got, typed(&tail));
    }

    /// Split anywhere, the same bytes give the same keys.
    #[test]
    fn chunking_does_not_matter(split in 0usize..40) {
        let bytes: &[u8] = b"\x1bOP12\x1b[15~\x1b[1;5Ab\xc3\xa9\x1b[Z\r\x1bs";
        let split = split.min(bytes.len());
        let mut d = Decoder::new();
        d.feed(&bytes[..split]);
        let mut got = Vec::new();
        while let Some(ev) = d.next(false) { got.push(ev); }
        d.feed(&bytes[split..]);
        while let Some(ev) = d.next(true) { got.push(ev); }
        let whole: Vec<Event> = keys(bytes).into_iter().map(Event::Key).collect();
        prop_assert_eq!(got, whole);
    }
}
