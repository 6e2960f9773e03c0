//! Issue #19: every message the core writes for the analyst — an import
//! report's notes, warnings and rejections, an import's refusal, an
//! assessment file's error, an export's refusal and warnings, and the
//! command line's text output — exists in French, with no English left
//! outside the file's name, the values it quotes and the sources' own
//! words. Run over the bad-input corpus (every kind of problem the
//! importers know) and over the real files of `../shared/data`.

use poc_workbench::i18n::{Bi, Lang};
use poc_workbench::import::{ColumnMapping, ImportOptions, Progress, import_file};
use std::path::{Path, PathBuf};
use std::process::Command;

/// English words that never belong in a French sentence of ours.
const ENGLISH: &[&str] = &[
    " the ",
    " is ",
    " was ",
    " were ",
    " not ",
    " and ",
    " with ",
    " of ",
    " row ",
    " rows ",
    " column ",
    " file ",
    " kept",
    " rejected",
    " could ",
    " does ",
    " has ",
    " have ",
    " read ",
    " sheet ",
    " header ",
    " events ",
    " from ",
    " warning",
    " error",
    " fatalities",
    " blank",
    " it ",
    " there ",
    " which ",
    " into ",
];

/// Removes what is not ours to translate: the file's path, and quoted
/// values (« … », "…", '…' after a space or at the start).
fn ours(text: &str, path: &str) -> String {
    // A mapping file's syntax (`sheet: Some("…")`) is code, not English.
    let mut t = text.replace(path, " ").replace("sheet: Some(", " ");
    let mut out = String::new();
    let mut depth_g = false;
    let mut in_dq = false;
    let mut in_sq = false;
    let mut prev = ' ';
    for c in t.drain(..) {
        match c {
            '«' => depth_g = true,
            '»' => depth_g = false,
            '"' if !depth_g => in_dq = !in_dq,
            // A quote after a space opens a value; an apostrophe inside a
            // French word (l'en-tête) does not.
            '\'' if !depth_g && !in_dq && (in_sq || !prev.is_alphabetic()) => in_sq = !in_sq,
            _ if depth_g || in_dq || in_sq => {}
            _ => out.push(c),
        }
        prev = c;
    }
    out
}

fn english_words(text: &str, path: &str) -> Vec<&'static str> {
    let low = format!(" {} ", ours(text, path).to_lowercase())
        .replace([',', ';', ':', '.', '(', ')', '\n'], " ");
    ENGLISH
        .iter()
        .copied()
        .filter(|w| low.contains(w))
        .collect()
}

fn check(what: &str, m: &Bi, path: &str, problems: &mut Vec<String>) {
    let fr = m.get(Lang::Fr);
    if fr.trim().is_empty() {
        problems.push(format!("{what}: no French text for {:?}", m.en()));
        return;
    }
    let left = english_words(fr, path);
    if !left.is_empty() {
        problems.push(format!("{what}: English {left:?} in {fr:?}"));
    }
}

/// The corpus's files with their mapping, and every data file of
/// `../shared/data` below 30 MB.
fn files() -> Vec<(PathBuf, Option<PathBuf>)> {
    let mut out = Vec::new();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    for cat in std::fs::read_dir(&corpus).expect("tests/corpus") {
        let cat = cat.expect("entry").path();
        for f in std::fs::read_dir(&cat).expect("category") {
            let p = f.expect("entry").path();
            let name = p.to_string_lossy().to_string();
            if !name.ends_with(".expect.toml") {
                continue;
            }
            let text = std::fs::read_to_string(&p).expect("readable");
            let v: toml::Value = toml::from_str(&text).expect("toml");
            let file = cat.join(v["file"].as_str().expect("file"));
            let mapping = v
                .get("mapping")
                .and_then(|m| m.as_str())
                .map(|m| cat.join(m));
            out.push((file, mapping));
        }
    }
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if shared.is_dir() {
        let mut stack = vec![shared];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let ext = p
                    .extension()
                    .map(|x| x.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                let small = p.metadata().is_ok_and(|m| m.len() < 30_000_000);
                if small && ["csv", "xlsx", "xls", "tsv", "txt"].contains(&ext.as_str()) {
                    out.push((p, None));
                }
            }
        }
    } else {
        eprintln!("../shared/data is missing: only the corpus is checked");
    }
    out.sort();
    out
}

#[test]
fn every_import_message_of_the_corpus_and_the_real_files_reads_in_french() {
    let mut problems = Vec::new();
    let mut seen = (0usize, 0usize, 0usize);
    for (file, mapping) in files() {
        let path = file.display().to_string();
        let mapping = match mapping.as_deref().map(ColumnMapping::load).transpose() {
            Ok(m) => m,
            Err(e) => {
                check("mapping error", &e.reason(), &path, &mut problems);
                continue;
            }
        };
        match import_file(&file, &ImportOptions { mapping }, &Progress::default()) {
            Ok(d) => {
                let r = &d.report;
                for n in &r.notes {
                    seen.0 += 1;
                    check(&format!("{path}: note"), n, &path, &mut problems);
                }
                for i in &r.issues {
                    seen.1 += 1;
                    check(
                        &format!("{path}:{}", i.line),
                        &i.message,
                        &path,
                        &mut problems,
                    );
                }
                check("layout", &d.meta.layout, &path, &mut problems);
                let text = r.to_text_in(Lang::Fr);
                let left = english_words(&text, &path);
                if !left.is_empty() {
                    problems.push(format!("{path}: the report's text holds {left:?}"));
                }
                for code in r.counts.keys() {
                    let left = english_words(code.describe_in(Lang::Fr), &path);
                    if !left.is_empty() {
                        problems.push(format!("{code:?}: {left:?}"));
                    }
                }
            }
            Err(e) => {
                seen.2 += 1;
                let fr = e.text_in(Lang::Fr);
                assert!(fr.contains(&path), "names the file: {fr}");
                check(
                    &format!("{path}: refusal"),
                    &e.reason(),
                    &path,
                    &mut problems,
                );
            }
        }
    }
    assert!(
        seen.0 > 50 && seen.1 > 50 && seen.2 > 5,
        "the corpus exercises notes, issues and refusals: {seen:?}"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// An assessment file that cannot be opened says why in French.
#[test]
fn an_assessment_file_error_reads_in_french() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cases: [(&str, &[u8], &str); 3] = [
        ("empty.ron", b"", "le fichier est vide"),
        ("nul.ron", &[0u8; 64], "octets NUL"),
        (
            "bad.ron",
            b"(format_version: 1, meta: (title: ",
            "ligne 1, colonne",
        ),
    ];
    for (name, bytes, french) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).expect("write");
        let e = poc_workbench::assessment::file::load(&p).expect_err("refused");
        let fr = e.text_in(Lang::Fr);
        assert!(fr.contains(french), "{fr}");
        assert!(fr.contains(name), "names the file: {fr}");
        let path = p.display().to_string();
        // The RON reader's own words (a syntax error) stay as it wrote them.
        if name != "bad.ron" {
            let left = english_words(&fr, &path);
            assert!(left.is_empty(), "{left:?} in {fr}");
        }
        assert_ne!(fr, e.to_string(), "English stays English: {e}");
    }
}

fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_poc-workbench"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// `summarize --lang fr` prints the same figures as English, in French.
#[test]
fn summarize_in_french_prints_the_same_figures() {
    let sample = poc_workbench::app::sample_path();
    let s = sample.to_string_lossy().to_string();
    let (ok_en, en, _) = run(&["summarize", &s]);
    let (ok_fr, typeset, err) = run(&["summarize", "--lang", "fr", &s]);
    assert!(ok_en && ok_fr, "{err}");
    // French typography: a narrow no-break space before the colon.
    assert!(typeset.contains("Par type d'auteur\u{202F}:"), "{typeset}");
    let fr = typeset.replace('\u{202F}', " ");
    let total = |text: &str, prefix: &str| {
        text.lines()
            .find(|l| l.starts_with(prefix))
            .map(|l| digits(l.split(['(', ';']).next().unwrap_or("")))
            .unwrap_or_default()
    };
    let (te, tf) = (total(&en, "Total:"), total(&fr, "Total :"));
    assert!(!te.is_empty(), "{en}");
    assert_eq!(te, tf, "the same totals");
    // Every matrix row: the same counts (digits only, the grouping aside).
    let rows = |text: &str| -> Vec<String> {
        text.lines()
            .skip_while(|l| !l.starts_with("perpetrator") && !l.starts_with("auteur"))
            .skip(1)
            .take_while(|l| !l.trim().is_empty())
            .map(|l| {
                l.split_whitespace()
                    .filter(|w| w.chars().all(|c| c.is_ascii_digit() || c == '\u{202F}'))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    };
    let (re, rf) = (rows(&en), rows(&fr));
    assert!(re.len() > 10, "{en}");
    assert_eq!(re.len(), rf.len());
    for (a, b) in re.iter().zip(&rf) {
        assert_eq!(digits(a), digits(b));
    }
    for french in [
        "Atteintes aux civils par type d'auteur × région",
        "Par type d'auteur :",
        "Rapports d'importation :",
        "lignes lues",
        "reconnu comme",
    ] {
        assert!(fr.contains(french), "'{french}' in\n{fr}");
    }
    let left = english_words(&fr, &s);
    assert!(left.is_empty(), "{left:?}");
}

/// `review`, `hrddp` and `diff` in French: the worked example, with no
/// English left outside names and the analyst's text.
#[test]
fn review_hrddp_and_diff_speak_french() {
    let dir = tempfile::tempdir().expect("tempdir");
    let example = poc_workbench::app::example_path();
    // A copy with its dataset: the repository's example is never touched.
    let a = dir.path().join("darfur-transition.ron");
    std::fs::copy(&example, &a).expect("copy");
    std::fs::copy(
        poc_workbench::app::sample_path(),
        dir.path().join("ucdp-ged-sudan.csv"),
    )
    .expect("copy the data");
    let s = a.to_string_lossy().to_string();
    let (ok, review, err) = run(&["review", "--lang", "fr", &s]);
    assert!(ok, "{err}");
    for french in [
        "Registre des menaces",
        "Jalons (au",
        "Vérification a posteriori",
    ] {
        assert!(review.contains(french), "'{french}' in\n{review}");
    }
    assert!(!review.contains("Threat register"));
    let (ok, hrddp, err) = run(&["hrddp", "--lang", "fr", &s]);
    assert!(ok, "{err}");
    assert!(hrddp.contains("diligence voulue"), "{hrddp}");
    assert!(hrddp.contains("risque suggéré"), "{hrddp}");
    let (ok, diff, err) = run(&["diff", "--lang", "fr", &s, &s]);
    assert!(ok, "{err}");
    assert_eq!(diff.trim(), "Aucun changement.");
    // An error in French: a file that is not there.
    let missing = dir.path().join("absent.ron");
    let (ok, _, err) = run(&["review", "--lang", "fr", &missing.to_string_lossy()]);
    assert!(!ok);
    assert!(err.starts_with("erreur : "), "{err}");
    assert!(err.contains("impossible de lire le fichier"), "{err}");
}
