//! Every user-visible string of the window goes through the translation
//! layer (`src/app/i18n.rs`, Fluent files in `assets/i18n`): this test reads
//! the window's source and fails on a string literal that reads as text
//! (two words or more once `{…}` placeholders are taken out), and on a
//! translation key the code uses that the English file does not define.

use std::path::Path;

fn app_sources() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app");
    // The window's modules and their child modules (`mapping_dialog/…`).
    let files = |d: &Path| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(d)
            .expect("src/app")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect()
    };
    let mut v: Vec<(String, String)> = files(&dir)
        .into_iter()
        .flat_map(|p| if p.is_dir() { files(&p) } else { vec![p] })
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .filter(|p| p.file_name().is_some_and(|n| n != "i18n.rs"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read");
            (
                p.file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default(),
                text,
            )
        })
        .collect();
    v.sort();
    v
}

/// The string literals of a line (no raw strings in the window's code).
fn literals(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = line.chars().peekable();
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        if c == '"' && prev != '\'' {
            let mut s = String::new();
            let mut esc = false;
            for d in chars.by_ref() {
                if esc {
                    s.push(d);
                    esc = false;
                } else if d == '\\' {
                    esc = true;
                } else if d == '"' {
                    break;
                } else {
                    s.push(d);
                }
            }
            out.push(s);
        }
        prev = c;
    }
    out
}

/// Text without its `{…}` placeholders reads as words.
fn reads_as_text(s: &str) -> bool {
    let mut bare = String::new();
    let mut depth: u32 = 0;
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    let words = bare
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    words >= 2
}

#[test]
fn no_text_literal_in_the_window_code() {
    let mut found = Vec::new();
    for (file, text) in app_sources() {
        let mut prev = "";
        for (n, line) in text.lines().enumerate() {
            let t = line.trim_start();
            let in_print = prev.contains("println!(");
            prev = t;
            if t.starts_with("//") || t.starts_with("#[") {
                continue;
            }
            if t.starts_with("#[cfg(test)]") || t.starts_with("mod tests") {
                break;
            }
            // Programmer-facing: panics that cannot happen, debug output.
            // (and what the benchmarks print on the command line).
            if t.contains("expect(")
                || t.contains("debug_assert")
                || t.contains("eprintln!")
                || t.contains("println!")
                || in_print
            {
                continue;
            }
            for lit in literals(line) {
                if reads_as_text(&lit) {
                    found.push(format!("src/app/{file}:{}: \"{lit}\"", n + 1));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "text literals in the window code (put them in assets/i18n/en.ftl and use tr/tr_args):\n{}",
        found.join("\n")
    );
}

#[test]
fn every_key_the_window_uses_is_defined() {
    let ftl =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/i18n/en.ftl"))
            .expect("en.ftl");
    let ids: std::collections::HashSet<String> = ftl
        .lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_string()))
        .collect();
    let mut missing = Vec::new();
    for (file, text) in app_sources() {
        for (n, line) in text.lines().enumerate() {
            for lit in literals(line) {
                let looks_like_key = lit
                    .split('.')
                    .all(|p| p.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
                    && lit.contains('.')
                    && lit.chars().all(|c| {
                        c.is_ascii_lowercase() || c == '.' || c == '_' || c.is_ascii_digit()
                    })
                    && lit.split('.').count() == 2
                    && !lit.ends_with(".md")
                    && !lit.ends_with(".ron")
                    && !lit.ends_with(".csv")
                    && !lit.ends_with(".tmp");
                if looks_like_key && !ids.contains(&lit.replace('.', "-")) {
                    missing.push(format!("src/app/{file}:{}: {lit}", n + 1));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys not in en.ftl:\n{}",
        missing.join("\n")
    );
}

#[test]
fn the_scanner_finds_what_it_should() {
    assert!(reads_as_text("Sort by this column"));
    assert!(reads_as_text("{n} bases imported from {file}"));
    assert!(!reads_as_text("{} × {}: {}"));
    assert!(!reads_as_text("export-options"));
    assert!(!reads_as_text("matrix.total"));
    assert_eq!(literals(r#"ui.label("a b", "c\"d")"#), vec!["a b", "c\"d"]);
}
