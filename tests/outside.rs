//! Issue #16 (leaks): an assessment whose dataset paths lead out of its
//! folder (`../../etc/passwd`, or any absolute path) has those files shown
//! to the analyst and not read until they say so, in the CLI and the core
//! the window uses (the window's own test is in `gui.rs`).

use poc_workbench::assessment::datasets::{DatasetState, open_datasets_checked, outside_folder};
use poc_workbench::assessment::file::{load, save};
use std::path::{Path, PathBuf};
use std::process::Command;

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(name)
}

/// The worked example in `dir/case/`, its data in `dir/data/`, the
/// assessment naming it as `../data/ucdp-ged-sudan.csv`.
fn example_with_data_outside(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir.join("case")).expect("mkdir");
    std::fs::create_dir_all(dir.join("data")).expect("mkdir");
    std::fs::copy(
        sample("ucdp-ged-sudan.csv"),
        dir.join("data/ucdp-ged-sudan.csv"),
    )
    .expect("copy");
    let ron = dir.join("case/darfur.ron");
    let mut a = load(&sample("darfur-transition.ron")).expect("load");
    a.datasets[0].path = PathBuf::from("../data/ucdp-ged-sudan.csv");
    save(&ron, &a).expect("save");
    ron
}

fn run(args: &[&str]) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_poc-workbench"))
        .args(args)
        .output()
        .expect("runs");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn datasets_outside_the_folder_are_named_and_not_read_until_allowed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ron = example_with_data_outside(dir.path());
    let r = ron.to_str().expect("utf8");
    let a = load(&ron).expect("load");
    let outside = outside_folder(&a, &ron);
    assert_eq!(outside.len(), 1);
    // The core: listed, not read.
    let (ws, statuses) = open_datasets_checked(&a, &ron, &|_| false);
    assert!(ws.datasets.is_empty(), "nothing read");
    assert_eq!(statuses[0].status, DatasetState::Outside);
    assert!(statuses[0].message.contains("ucdp-ged-sudan.csv"));
    let (ws, statuses) = open_datasets_checked(&a, &ron, &|p| p == outside[0]);
    assert_eq!(ws.datasets.len(), 1);
    assert_eq!(statuses[0].status, DatasetState::Ok);
    // The CLI: refused with the path named, then read when allowed.
    let (code, out, err) = run(&["review", r]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("outside its folder") && err.contains("ucdp-ged-sudan.csv"),
        "{err}"
    );
    assert!(err.contains("--allow-outside"));
    assert!(out.is_empty(), "nothing of the file shown: {out}");
    let (code, out, err) = run(&["review", "--allow-outside", r]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("note: reading"), "{err}");
    assert!(out.contains("State security forces"));
    let md = dir.path().join("case/annex.md");
    let m = md.to_str().expect("utf8");
    let export = [
        "export",
        "--assessment",
        r,
        "--format",
        "md",
        "--sharing",
        "internal",
        "--out",
        m,
    ];
    let (code, _, err) = run(&export);
    assert_eq!(code, 2, "{err}");
    assert!(!md.exists());
    let mut allowed = export.to_vec();
    allowed.push("--allow-outside");
    let (code, _, err) = run(&allowed);
    assert_eq!(code, 0, "{err}");
    assert!(md.exists());
}

#[cfg(unix)]
#[test]
fn a_path_climbing_to_a_system_file_is_never_read_or_quoted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ron = dir.path().join("a.ron");
    let mut a = load(&sample("darfur-transition.ron")).expect("load");
    let depth = dir.path().components().count();
    a.datasets[0].path = PathBuf::from("../".repeat(depth) + "etc/passwd");
    save(&ron, &a).expect("save");
    let (code, out, err) = run(&["review", ron.to_str().expect("utf8")]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("etc/passwd"), "the path is named: {err}");
    assert!(
        !err.contains("root:") && !out.contains("root:"),
        "no line of it shown"
    );
}
