//! The `poc-workbench` binary as a user runs it: `summarize --json` has the
//! documented shape and the same figures as the library; bad files give one
//! clear sentence and a non-zero exit, never a panic.

use std::path::Path;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_poc-workbench"))
}

fn sample() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/ucdp-ged-sudan.csv")
}

#[test]
fn summarize_json_has_the_documented_shape() {
    let out = bin()
        .args(["summarize", "--json"])
        .arg(sample())
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let s = &v["sources"][0];
    assert_eq!(s["format"], "ucdp");
    assert_eq!(s["rows_read"], 3822);
    assert_eq!(s["incidents"], 3822);
    assert_eq!(s["rejected"], 0);
    assert_eq!(v["totals"]["events"], 2055);
    assert_eq!(v["totals"]["civilian_fatalities"], 29833);
    let cells = v["cells"].as_array().expect("cells");
    let sum: u64 = cells
        .iter()
        .map(|c| c["events"].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(sum, 2055, "cells add up to the total");
    let nd = cells
        .iter()
        .find(|c| c["perpetrator"] == "state_forces" && c["region"] == "North Darfur")
        .expect("a state-forces cell in North Darfur");
    assert!(nd["events"].as_u64().unwrap_or(0) > 0);
    for c in cells {
        let key = c["perpetrator"].as_str().unwrap_or("");
        assert!(
            poc_workbench::model::PerpetratorType::from_key(key).is_some(),
            "{key}"
        );
    }
}

#[test]
fn summarize_filters_by_date_and_level() {
    let all = bin()
        .args(["summarize", "--json"])
        .arg(sample())
        .output()
        .expect("runs");
    let some = bin()
        .args([
            "summarize",
            "--json",
            "--from",
            "2003-01-01",
            "--to",
            "2004-12-31",
            "--by",
            "admin2",
        ])
        .arg(sample())
        .output()
        .expect("runs");
    let a: serde_json::Value = serde_json::from_slice(&all.stdout).expect("JSON");
    let s: serde_json::Value = serde_json::from_slice(&some.stdout).expect("JSON");
    let (ta, ts) = (
        a["totals"]["events"].as_u64().unwrap_or(0),
        s["totals"]["events"].as_u64().unwrap_or(0),
    );
    assert!(ts > 0 && ts < ta, "{ts} of {ta}");
    assert_eq!(s["level"], "admin2");
    assert_eq!(s["as_of"], "2004-12-31");
    assert!(
        s["cells"][0]["region"]
            .as_str()
            .unwrap_or("")
            .contains(", "),
        "admin2 regions name their admin1"
    );
}

#[test]
fn summarize_text_prints_table_and_report() {
    let out = bin().arg("summarize").arg(sample()).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("State security forces"));
    assert!(text.contains("3822 rows read, 3822 incidents kept, 0 rejected"));
    assert!(text.contains("Total: 2055 civilian-harm events, 29833 civilian fatalities"));
}

#[test]
fn unreadable_files_give_one_sentence_and_exit_1() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, b"").expect("write");
    let out = bin()
        .args(["summarize", "--json"])
        .arg(&empty)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("empty.csv: the file is empty"), "{err}");
    assert!(!err.contains("panicked"));
    let missing = bin()
        .args(["summarize"])
        .arg(dir.path().join("nope.csv"))
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.csv: cannot read the file"));
}

#[test]
fn a_good_and_a_bad_file_still_summarise_the_good_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, b"Date,Region\n2021-01-01,North\n").expect("write");
    let out = bin()
        .args(["summarize", "--json"])
        .arg(sample())
        .arg(&bad)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["totals"]["events"], 2055);
    assert!(v["errors"][0].as_str().unwrap_or("").contains("bad.csv"));
}
