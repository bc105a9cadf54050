//! The layering rule (ARCHITECTURE.md): lower layers never import upper ones. Each layer may
//! name only the modules listed for it; a forbidden `crate::` path anywhere in its files (tests
//! beside the code included) fails this test with the file and line.

use std::path::{Path, PathBuf};

/// (folder or file under src/, modules it may name besides itself)
const RULES: &[(&str, &[&str])] = &[
    ("domain", &[]),
    ("config", &["domain"]),
    ("store", &["domain", "config"]),
    ("action", &[]),
    ("keymap.rs", &["action"]),
    ("text", &["domain", "config", "store", "action", "keymap"]),
    ("print", &["domain", "config", "store", "text"]),
    ("sync", &["domain", "config", "store", "text"]),
    ("hub", &["domain", "config", "store", "text"]),
    ("voice", &["domain", "config"]),
    ("term_output", &[]),
    ("report.rs", &["domain", "store", "text"]),
    ("ckg_register.rs", &["domain", "store", "text"]),
    ("member_report.rs", &["domain", "store", "text"]),
    ("ops", &["domain", "config", "store", "print", "sync", "text"]),
    ("widgets", &["domain", "config", "store", "text", "theme", "action", "keymap"]),
    ("screens", &["domain", "config", "store", "text", "report", "ckg_register", "member_report", "theme", "action", "keymap", "widgets"]),
];

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_file() {
        out.push(path.to_path_buf());
    } else if let Ok(dir) = std::fs::read_dir(path) {
        for e in dir.flatten() {
            let p = e.path();
            if p.is_dir() || p.extension().is_some_and(|x| x == "rs") {
                rust_files(&p, out);
            }
        }
    }
}

/// Every `crate::NAME` and `super::NAME` that leaves the layer, as (line number, module).
fn crate_paths(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            let after = &rest[i + 7..];
            let name: String = after.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            // `crate::{a, b}` lists several.
            if name.is_empty() && after.starts_with('{') {
                let inner = &after[1..after.find('}').unwrap_or(after.len())];
                for part in inner.split(',') {
                    let m: String = part.trim().chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                    if !m.is_empty() {
                        found.push((n + 1, m));
                    }
                }
            } else if !name.is_empty() {
                found.push((n + 1, name));
            }
            rest = &rest[i + 7..];
        }
    }
    found
}

#[test]
fn no_layer_imports_upward() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut broken = Vec::new();
    for (layer, allowed) in RULES {
        let own = layer.trim_end_matches(".rs");
        let mut files = Vec::new();
        rust_files(&src.join(layer), &mut files);
        assert!(!files.is_empty(), "src/{layer} is missing: update the rules with the layout");
        for f in files {
            let text = std::fs::read_to_string(&f).unwrap();
            for (line, module) in crate_paths(&text) {
                if module != own && !allowed.contains(&module.as_str()) {
                    broken.push(format!("{}:{line}: crate::{module}", f.strip_prefix(&src).unwrap().display()));
                }
            }
        }
    }
    assert!(broken.is_empty(), "imports against the layering rule (ARCHITECTURE.md):\n{}", broken.join("\n"));
}

#[test]
fn only_the_store_speaks_sql() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let outside: Vec<String> = files
        .iter()
        .filter(|f| !f.starts_with(src.join("store")))
        .filter(|f| std::fs::read_to_string(f).unwrap().contains("rusqlite"))
        .map(|f| f.display().to_string())
        .collect();
    assert!(outside.is_empty(), "rusqlite used outside src/store: {outside:?}");
}

#[test]
fn the_checker_sees_what_it_must() {
    let found = crate_paths("use crate::store::Store;\nuse crate::{print, sync::x}; // crate::app\n");
    assert_eq!(found, vec![(1, "store".into()), (2, "print".into()), (2, "sync".into())]);
}
