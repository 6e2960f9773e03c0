//! The bad-input corpus (tests/corpus, written by scripts/make_corpus.py):
//! every case is imported under a 5 s limit and checked against its
//! `.expect.toml`: the outcome, the row accounting (read = kept + rejected),
//! the named warnings and rejections with their line, record and column, and
//! the figures where the case states them. No case may panic or hang.

use poc_workbench::analysis::{Filter, ThreatMatrix, Workspace};
use poc_workbench::import::{ColumnMapping, ImportError, ImportOptions, Progress, import_file};
use poc_workbench::model::{Dataset, Severity};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Deserialize)]
struct ExpectedIssue {
    line: u64,
    record: Option<u64>,
    column: Option<String>,
    code: String,
}

#[derive(Debug, Deserialize)]
struct Expect {
    file: String,
    outcome: String,
    error_kind: Option<String>,
    mapping: Option<String>,
    rows_read: Option<u64>,
    rows_kept: Option<u64>,
    rows_rejected: Option<u64>,
    blank_rows: Option<u64>,
    #[serde(default)]
    warnings: Vec<String>,
    #[serde(default)]
    issues: Vec<ExpectedIssue>,
    events: Option<u64>,
    civilian_fatalities: Option<u64>,
    fatalities_unknown: Option<u64>,
    regions: Option<Vec<String>>,
    perpetrators: Option<Vec<String>>,
    date_span: Option<[String; 2]>,
    with_points: Option<usize>,
    /// A note of the import report that must be there (several sheets
    /// read, cells cut, merged cells filled).
    note_contains: Option<String>,
    /// Words no note of the import report may hold.
    note_absent: Option<String>,
    /// Words a refusal's message must hold.
    message_contains: Option<String>,
}

fn cases() -> Vec<(PathBuf, Expect)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut out = Vec::new();
    for cat in std::fs::read_dir(&root).expect("tests/corpus exists") {
        let cat = cat.expect("dir entry").path();
        for f in std::fs::read_dir(&cat).expect("category dir") {
            let p = f.expect("entry").path();
            if p.to_string_lossy().ends_with(".expect.toml") {
                let text = std::fs::read_to_string(&p).expect("readable");
                let e: Expect =
                    toml::from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", p.display()));
                out.push((cat.clone(), e));
            }
        }
    }
    out.sort_by(|a, b| (&a.0, &a.1.file).cmp(&(&b.0, &b.1.file)));
    out
}

fn key<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Runs one import on its own thread: a panic or a run over 5 s is a failure.
fn import_guarded(
    path: PathBuf,
    mapping: Option<PathBuf>,
) -> Result<Result<Dataset, ImportError>, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let result = std::panic::catch_unwind(|| {
            let mapping = match mapping {
                Some(m) => match ColumnMapping::load(&m) {
                    Ok(m) => Some(m),
                    Err(e) => return Err(e),
                },
                None => None,
            };
            import_file(&path, &ImportOptions { mapping }, &Progress::default())
        });
        // The test may have timed out and stopped listening: then nobody reads it.
        tx.send(result).ok();
    });
    match rx.recv_timeout(Duration::from_secs(5)) {
        Ok(Ok(r)) => Ok(r),
        Ok(Err(_)) => Err("panicked".to_string()),
        Err(_) => Err("took more than 5 s".to_string()),
    }
}

fn check(dir: &Path, e: &Expect) -> Vec<String> {
    let mut problems = Vec::new();
    let path = dir.join(&e.file);
    let mapping = e.mapping.as_ref().map(|m| dir.join(m));
    let result = match import_guarded(path.clone(), mapping) {
        Ok(r) => r,
        Err(why) => return vec![why],
    };
    match (e.outcome.as_str(), result) {
        ("reject", Err(err)) => check_refusal(e, &err, &mut problems),
        ("reject", Ok(d)) => problems.push(format!(
            "expected a refusal, got {} incidents",
            d.incidents.len()
        )),
        (_, Err(err)) => problems.push(format!("expected {}, got error: {err}", e.outcome)),
        (outcome, Ok(d)) => {
            check_report(e, outcome, &d, &mut problems);
            check_figures(e, d, &mut problems);
        }
    }
    problems
}

/// A refusal: the error kind expected, and a message naming the file.
fn check_refusal(e: &Expect, err: &ImportError, problems: &mut Vec<String>) {
    if e.error_kind.as_deref() != Some(err.kind()) {
        problems.push(format!(
            "error kind {} ≠ expected {:?}: {err}",
            err.kind(),
            e.error_kind
        ));
    }
    let msg = err.to_string();
    if let Some(words) = &e.message_contains
        && !msg.contains(words.as_str())
    {
        problems.push(format!("the refusal does not say '{words}': {msg}"));
    }
    let names_file = msg.contains(&e.file) || e.mapping.as_ref().is_some_and(|m| msg.contains(m));
    if !names_file {
        problems.push(format!("error does not name the file: {msg}"));
    }
}

/// The import report: row accounting, the outcome's issues, the named
/// warnings and issues, and what a rejection must say.
fn check_report(e: &Expect, outcome: &str, d: &Dataset, problems: &mut Vec<String>) {
    let r = &d.report;
    if let Some(words) = &e.note_contains
        && !r.notes.iter().any(|n| n.contains(words.as_str()))
    {
        problems.push(format!("no note says '{words}': {:?}", r.notes));
    }
    if let Some(words) = &e.note_absent
        && let Some(n) = r.notes.iter().find(|n| n.contains(words.as_str()))
    {
        problems.push(format!("a note says '{words}': {n}"));
    }
    if !r.balances() {
        problems.push(format!(
            "rows read {} ≠ kept {} + rejected {}",
            r.rows_read, r.kept, r.rejected
        ));
    }
    if r.kept as usize != d.incidents.len() {
        problems.push(format!(
            "report kept {} but store holds {}",
            r.kept,
            d.incidents.len()
        ));
    }
    for (name, want, got) in [
        ("rows_read", e.rows_read, r.rows_read),
        ("rows_kept", e.rows_kept, r.kept),
        ("rows_rejected", e.rows_rejected, r.rejected),
        ("blank_rows", e.blank_rows, r.blank_rows),
    ] {
        if let Some(w) = want
            && w != got
        {
            problems.push(format!("{name} {got} ≠ expected {w}"));
        }
    }
    let any_issue = !r.counts.is_empty();
    match outcome {
        "accept" if any_issue => problems.push(format!(
            "expected a clean import, got issues: {:?}",
            r.counts
        )),
        "accept_with_warnings" if !any_issue => {
            problems.push("expected warnings or rejections, got none".into())
        }
        _ => {}
    }
    let codes: BTreeSet<String> = r.counts.keys().map(key).collect();
    for w in &e.warnings {
        if !codes.contains(w) {
            problems.push(format!("missing warning {w}; have {codes:?}"));
        }
    }
    for want in &e.issues {
        let found = r.issues.iter().any(|i| {
            i.line == want.line
                && key(&i.code) == want.code
                && want.record.is_none_or(|rec| rec == i.record)
                && want.column.as_ref().is_none_or(|c| *c == i.column)
        });
        if !found {
            problems.push(format!(
                "missing issue {want:?}; have {:?}",
                r.issues
                    .iter()
                    .map(|i| (i.line, i.record, &i.column, key(&i.code)))
                    .collect::<Vec<_>>()
            ));
        }
    }
    for i in &r.issues {
        if i.severity == Severity::Rejected
            && (i.line == 0 || i.column.is_empty() || i.message.is_empty())
        {
            problems.push(format!("a rejection does not name line and column: {i:?}"));
        }
        if i.message.contains("Synthetic test event") || i.message.contains("Fake Person") {
            problems.push(format!("a message quotes a free-text field: {}", i.message));
        }
    }
}

/// The figures the case states: matrix totals, regions, perpetrators, date
/// span, incidents with coordinates.
fn check_figures(e: &Expect, d: Dataset, problems: &mut Vec<String>) {
    let ws = Workspace::new(vec![d]);
    let m = ThreatMatrix::compute(&ws, &Filter::default(), None);
    for (name, want, got) in [
        ("events", e.events, m.total.events),
        (
            "civilian_fatalities",
            e.civilian_fatalities,
            m.total.civilian_fatalities,
        ),
        (
            "fatalities_unknown",
            e.fatalities_unknown,
            m.total.fatalities_unknown,
        ),
    ] {
        if let Some(w) = want
            && w != got
        {
            problems.push(format!("{name} {got} ≠ expected {w}"));
        }
    }
    if let Some(want) = &e.regions {
        let got: BTreeSet<&String> = m.regions.iter().collect();
        let want: BTreeSet<&String> = want.iter().collect();
        if got != want {
            problems.push(format!("regions {got:?} ≠ expected {want:?}"));
        }
    }
    if let Some(want) = &e.perpetrators {
        let got: BTreeSet<String> = m.perpetrators.iter().map(|p| p.key().to_string()).collect();
        let want: BTreeSet<String> = want.iter().cloned().collect();
        if got != want {
            problems.push(format!("perpetrators {got:?} ≠ expected {want:?}"));
        }
    }
    let d = &ws.datasets[0];
    if let Some([from, to]) = &e.date_span {
        let got = d.date_span().map(|(a, b)| {
            [
                poc_workbench::model::dates::iso(a),
                poc_workbench::model::dates::iso(b),
            ]
        });
        if got.as_ref() != Some(&[from.clone(), to.clone()]) {
            problems.push(format!("date span {got:?} ≠ expected [{from}, {to}]"));
        }
    }
    if let Some(want) = e.with_points {
        let got = d.incidents.latitude.iter().filter(|v| !v.is_nan()).count();
        if got != want {
            problems.push(format!(
                "{got} incidents with coordinates ≠ expected {want}"
            ));
        }
    }
}

#[test]
fn corpus_cases_meet_their_expectations() {
    // Workbooks are read as the program reads them: in a child process.
    poc_workbench::import::workbook::use_reader_process(PathBuf::from(env!(
        "CARGO_BIN_EXE_poc-workbench"
    )));
    let cases = cases();
    assert!(
        cases.len() >= 60,
        "the corpus holds {} cases, fewer than 60",
        cases.len()
    );
    let mut failures = Vec::new();
    for (dir, e) in &cases {
        let problems = check(dir, e);
        if !problems.is_empty() {
            failures.push(format!(
                "{}/{}:\n    {}",
                dir.file_name()
                    .map(|n| n.to_string_lossy().to_string())
                    .unwrap_or_default(),
                e.file,
                problems.join("\n    ")
            ));
        }
    }
    println!(
        "corpus: {} cases, {} passed, {} failed",
        cases.len(),
        cases.len() - failures.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} corpus cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
