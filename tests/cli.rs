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

#[test]
fn hrddp_json_lists_the_state_actors_of_the_worked_example_with_the_analysts_record() {
    let dir = tempfile::tempdir().expect("temp dir");
    // The example with a risk recorded for the government.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let mut a = poc_workbench::assessment::file::load(&src.join("darfur-transition.ron"))
        .expect("example loads");
    a.hrddp.push(poc_workbench::assessment::HrddpRecord {
        actor: "Government of Sudan".into(),
        risk: Some(poc_workbench::analysis::hrddp::HrddpRisk::High),
        mitigation: "Support to police only, with monthly reporting".into(),
        supporting_entity: "UNDP".into(),
    });
    std::fs::copy(
        src.join("ucdp-ged-sudan.csv"),
        dir.path().join("ucdp-ged-sudan.csv"),
    )
    .expect("copy");
    let file = dir.path().join("a.ron");
    poc_workbench::assessment::file::save(&file, &a).expect("saved");
    let out = bin()
        .args(["hrddp", "--json"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["as_of"], "2020-12-31");
    let actors = v["actors"].as_array().expect("actors");
    let gov = actors
        .iter()
        .find(|x| x["actor"] == "Government of Sudan")
        .expect("the government is listed");
    assert_eq!(gov["suggested_risk"], "high");
    assert_eq!(gov["risk"], "high");
    assert_eq!(gov["supporting_entity"], "UNDP");
    assert!(gov["events"].as_u64().unwrap_or(0) > 0);
    // Only state security actors.
    assert!(actors.iter().all(|x| x["actor"] != "SLM/A"));
}
