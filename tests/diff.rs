//! What changed since the last draft (issue #20, METHODOLOGY §10): the
//! worked example against a copy with one rating changed, one entry
//! removed and one successor changed lists exactly those.

use poc_workbench::assessment::file::{load, save};
use poc_workbench::assessment::{Successor, Tier};
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_example(dir: &Path) -> PathBuf {
    for f in ["darfur-transition.ron", "ucdp-ged-sudan.csv"] {
        std::fs::copy(root().join("sample-data").join(f), dir.join(f)).expect("copied");
    }
    dir.join("darfur-transition.ron")
}

fn diff_json(old: &Path, new: &Path) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_poc-workbench"))
        .args(["diff", "--json"])
        .arg(old)
        .arg(new)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn diff_lists_exactly_the_rating_the_removed_entry_and_the_successor_changed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = copy_example(dir.path());
    let mut a = load(&old).expect("loads");
    assert!(
        a.register.len() >= 3,
        "the worked example has three entries"
    );
    // One rating changed, one entry removed, one successor changed.
    let rated = a.register[0].id;
    let before = a.register[0].likelihood.expect("rated");
    let after = if before == 1 { 2 } else { before - 1 };
    a.register[0].likelihood = Some(after);
    let removed = a.register.remove(2).id;
    let handed = a.register[1].id;
    let old_successor = a.register[1].successors.get(&Tier::III).cloned();
    a.register[1].successors.insert(Tier::III, Successor::Ohchr);
    assert_ne!(old_successor, Some(Successor::Ohchr));
    let new = dir.path().join("darfur-transition-v2.ron");
    save(&new, &a).expect("saved");

    let v = diff_json(&old, &new);
    assert_eq!(v["added"], serde_json::json!([]));
    let removed_ids: Vec<u64> = v["removed"]
        .as_array()
        .expect("removed")
        .iter()
        .map(|e| e["id"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(removed_ids, [u64::from(removed)]);
    let changed: Vec<(u64, String)> = v["changed"]
        .as_array()
        .expect("changed")
        .iter()
        .map(|c| {
            (
                c["id"].as_u64().unwrap_or(0),
                c["field"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    assert_eq!(
        changed,
        [
            (u64::from(rated), "likelihood".to_string()),
            (u64::from(handed), "successors.III".to_string())
        ],
        "{v:#}"
    );
    let c0 = &v["changed"][0];
    assert_eq!(
        (c0["old"].as_u64(), c0["new"].as_u64()),
        (Some(u64::from(before)), Some(u64::from(after)))
    );
    assert_eq!(v["changed"][1]["new"], serde_json::json!("Ohchr"));
    // The same data: no cell changed. Flags follow from the changes only.
    assert_eq!(v["cells"], serde_json::json!([]));
    for f in v["flags"]["raised"]
        .as_array()
        .into_iter()
        .chain(v["flags"]["cleared"].as_array())
        .flatten()
    {
        let id = f["id"].as_u64().unwrap_or(0);
        assert!(
            [u64::from(rated), u64::from(handed), u64::from(removed)].contains(&id),
            "a flag moved on an entry that did not change: {f}"
        );
    }

    // A draft against itself: nothing.
    let same = diff_json(&old, &old);
    for k in ["added", "removed", "changed", "benchmarks", "cells"] {
        assert_eq!(same[k], serde_json::json!([]), "{k}");
    }
}

#[test]
fn diff_lists_the_cells_whose_counts_changed_with_the_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = copy_example(dir.path());
    // The new draft reads a copy of the data with its last 200 rows gone.
    let text = std::fs::read_to_string(dir.path().join("ucdp-ged-sudan.csv")).expect("reads");
    let lines: Vec<&str> = text.lines().collect();
    let kept = lines[..lines.len() - 200].join("\n") + "\n";
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).expect("dir");
    std::fs::write(sub.join("ucdp-ged-sudan.csv"), kept).expect("written");
    let mut a = load(&old).expect("loads");
    let new = sub.join("darfur-transition.ron");
    a.datasets[0].sha256 = String::new();
    save(&new, &a).expect("saved");
    let v = diff_json(&old, &new);
    let cells = v["cells"].as_array().expect("cells");
    // The removed rows change some cells (or none, if all fell after the
    // as-of date); every listed cell really differs.
    for c in cells {
        assert!(
            c["old_events"] != c["new_events"] || c["old_fatalities"] != c["new_fatalities"],
            "{c}"
        );
    }
    assert_eq!(v["changed"], serde_json::json!([]));
}

/// `export --changes-since OLD.ron`: the annex lists what changed after its
/// document control, in English and French, with free text only said to
/// have changed.
#[test]
fn the_annex_lists_the_changes_since_the_previous_draft() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = copy_example(dir.path());
    let mut a = load(&old).expect("loads");
    let before = a.register[0].likelihood.expect("rated");
    a.register[0].likelihood = Some(if before == 1 { 2 } else { before - 1 });
    a.register[0].rationale = "A new rationale naming an informant".into();
    let removed = a.register.remove(2).id;
    let new = dir.path().join("v2.ron");
    save(&new, &a).expect("saved");
    for (lang, heading, likelihood, gone) in [
        (
            "en",
            "Changes since the previous draft",
            "likelihood",
            "removed",
        ),
        (
            "fr",
            "Changements depuis la version précédente",
            "probabilité",
            "retirée",
        ),
    ] {
        let out = dir.path().join(format!("annex-{lang}.md"));
        let status = Command::new(env!("CARGO_BIN_EXE_poc-workbench"))
            .args([
                "export",
                "--format",
                "md",
                "--sharing",
                "internal",
                "--lang",
                lang,
            ])
            .arg("--assessment")
            .arg(&new)
            .arg("--changes-since")
            .arg(&old)
            .arg("--out")
            .arg(&out)
            .output()
            .expect("runs");
        assert!(
            status.status.success(),
            "{}",
            String::from_utf8_lossy(&status.stderr)
        );
        let md = std::fs::read_to_string(&out).expect("written");
        assert!(md.contains(heading), "{lang}");
        let id = a.register[0].id;
        assert!(
            md.contains(&format!(
                "{id}{} {likelihood} {before} → {}.",
                if lang == "en" { ":" } else { "\u{202F}:" },
                a.register[0].likelihood.expect("rated")
            )),
            "{lang}: {md}"
        );
        assert!(md.contains(&format!("{removed} {gone}")), "{lang}");
        // The section says the rationale changed, not what it now says.
        let section = md
            .split(heading)
            .nth(1)
            .and_then(|rest| rest.split("\n## ").next())
            .expect("the section");
        assert!(
            !section.contains("naming an informant"),
            "{lang}: {section}"
        );
        let word = if lang == "en" {
            "rationale"
        } else {
            "justification"
        };
        assert!(section.contains(word), "{lang}: {section}");
    }
}
