//! The annex's period and its inputs (issue #15, items 1 and 9): nothing
//! after the as-of date outside the back-test, a period that ends before it
//! starts refused, data with no dated row refused, an empty period warned,
//! an unrelated file never silently replaced, and the export record holding
//! an absolute path, k and the period.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_poc-workbench"))
}

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(name)
}

/// The Darfur example in a temporary folder; `truncate`: keep only the
/// UCDP rows whose event ends on or before that day (the data as they
/// stood on the as-of date).
fn darfur(truncate: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        sample("darfur-transition.ron"),
        dir.path().join("darfur-transition.ron"),
    )
    .expect("copy");
    let csv = dir.path().join("ucdp-ged-sudan.csv");
    match truncate {
        None => {
            std::fs::copy(sample("ucdp-ged-sudan.csv"), &csv).expect("copy");
        }
        Some(last) => {
            let mut r = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_path(sample("ucdp-ged-sudan.csv"))
                .expect("read");
            let mut w = csv::Writer::from_path(&csv).expect("write");
            let mut end = None;
            for (i, rec) in r.records().enumerate() {
                let rec = rec.expect("record");
                if i == 0 {
                    end = rec.iter().position(|h| h == "date_end");
                }
                let keep =
                    i < 2 || end.is_some_and(|e| rec.get(e).is_some_and(|d| &d[..10] <= last));
                if keep {
                    w.write_record(&rec).expect("write");
                }
            }
            w.flush().expect("flush");
        }
    }
    let ron = dir.path().join("darfur-transition.ron");
    if let Some(last) = truncate {
        // As an analyst would have declared it then: the source covers
        // the days up to the as-of date (METHODOLOGY §4, coverage).
        let mut a = poc_workbench::assessment::file::load(&ron).expect("load");
        a.datasets[0].covers = Some((
            "1989-01-01".parse().expect("date"),
            last.parse().expect("date"),
        ));
        poc_workbench::assessment::file::save(&ron, &a).expect("save");
    }
    (dir, ron)
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = bin().args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

/// `export --assessment RON --format F --sharing L --out OUT EXTRA...`.
fn export(
    ron: &Path,
    format: &str,
    level: &str,
    out: &Path,
    extra: &[&str],
) -> (i32, String, String) {
    let mut args = vec!["export", "--assessment", s(ron), "--format", format];
    args.extend(["--sharing", level, "--out", s(out)]);
    args.extend(extra);
    run(&args)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("utf8")
}

/// The Markdown annex without what may legitimately differ between the
/// whole data and the data as they stood on the as-of date: the sources
/// table (rows read, last date) and the back-test.
fn before_hindsight(md: &str) -> String {
    let mut out = Vec::new();
    let mut in_backtest = false;
    for line in md.lines() {
        if line.starts_with("### Back-test") {
            in_backtest = true;
        } else if line.starts_with("## ") || line.starts_with("---") {
            in_backtest = false;
        }
        // The sources row counts the whole file as imported (rows read =
        // kept + rejected), and its note says the file runs on.
        if in_backtest
            || line.is_empty()
            || line.starts_with("| ucdp-ged-sudan.csv")
            || line.starts_with("*Rows read, kept and rejected count whole files")
        {
            continue;
        }
        out.push(line);
    }
    out.join("\n")
}

#[test]
fn nothing_after_the_as_of_date_reaches_the_annex_outside_the_back_test() {
    // The worked example is as of 2020-12-31; its data run to 2023 and
    // its bases close in 2021. Also an as-of before the first closures.
    for to in ["2020-12-31", "2020-03-31"] {
        let (_d1, whole) = darfur(None);
        let (_d2, cut) = darfur(Some(to));
        let mut texts = Vec::new();
        for ron in [&whole, &cut] {
            let out = ron.with_file_name("annex.md");
            let (code, _, err) = export(
                ron,
                "md",
                "internal",
                &out,
                &["--to", to, "--date", "2026-01-01"],
            );
            assert_eq!(code, 0, "{err}");
            texts.push(std::fs::read_to_string(&out).expect("annex"));
        }
        assert!(
            texts[0].contains("### Back-test"),
            "the whole data run past {to}: the annex has a back-test"
        );
        assert!(!texts[1].contains("### Back-test"));
        // The sources row's last date is the last one used, not the file's.
        let row = texts[0]
            .lines()
            .find(|l| l.starts_with("| ucdp-ged-sudan.csv"))
            .expect("sources row");
        let last_used = row.trim_end_matches(" |").rsplit("| ").next().unwrap_or("");
        assert!(last_used <= to, "{row}");
        let (a, b) = (before_hindsight(&texts[0]), before_hindsight(&texts[1]));
        let diff: Vec<(&str, &str)> = a
            .lines()
            .zip(b.lines())
            .filter(|(x, y)| x != y)
            .take(5)
            .collect();
        assert!(
            a == b,
            "as of {to}, the annex changes when data after that date are removed: {diff:#?}"
        );
    }
}

#[test]
fn a_period_that_ends_before_it_starts_is_refused_and_nothing_is_written() {
    let (_d, ron) = darfur(None);
    let before = std::fs::read(&ron).expect("ron");
    let out = ron.with_file_name("annex.md");
    let (code, _, err) = export(
        &ron,
        "md",
        "internal",
        &out,
        &["--from", "2021-01-01", "--to", "2020-01-01"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--from 2021-01-01 is after --to 2020-01-01"),
        "{err}"
    );
    assert!(!out.exists());
    assert_eq!(
        std::fs::read(&ron).expect("ron"),
        before,
        "nothing recorded"
    );
    // The same through the assessment's as-of date (no --to).
    let (code, _, err) = export(&ron, "md", "internal", &out, &["--from", "2022-01-01"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("after its last day"), "{err}");
    assert!(!out.exists());
}

#[test]
fn data_with_no_dated_row_have_no_as_of_date_until_one_is_given() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(sample("ucdp-ged-sudan.csv")).expect("csv");
    let header_only = dir.path().join("ucdp-header-only.csv");
    std::fs::write(
        &header_only,
        text.lines().take(2).collect::<Vec<_>>().join("\n") + "\n",
    )
    .expect("write");
    let out = dir.path().join("annex.md");
    let args = [
        "export",
        "--data",
        s(&header_only),
        "--format",
        "md",
        "--sharing",
        "internal",
        "--out",
        s(&out),
    ];
    let (code, _, err) = run(&args);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("no dated record") && err.contains("--to"),
        "{err}"
    );
    assert!(!out.exists());
    let mut with_to = args.to_vec();
    with_to.extend(["--to", "2020-12-31"]);
    let (code, _, err) = run(&with_to);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning: no civilian-harm event"), "{err}");
    let md = std::fs::read_to_string(&out).expect("annex");
    assert!(md.contains("As of 2020-12-31"), "{md}");
    assert!(md.contains("No civilian-harm event is recorded in the period"));
}

#[test]
fn a_period_with_no_data_is_warned_in_the_terminal_and_the_annex() {
    let (_d, ron) = darfur(None);
    let out = ron.with_file_name("annex.md");
    let (code, _, err) = export(
        &ron,
        "md",
        "internal",
        &out,
        &["--from", "1950-01-01", "--to", "1960-01-01"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(
            "warning: no civilian-harm event is recorded in the period 1950-01-01 to 1960-01-01"
        ),
        "{err}"
    );
    let md = std::fs::read_to_string(&out).expect("annex");
    assert!(
        md.contains("No civilian-harm event is recorded in the period (1950-01-01 to 1960-01-01)")
    );
    // The worked example's data run to 2023: in the normal period, no warning.
    let (code, _, err) = export(&ron, "md", "internal", &out, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn an_unrelated_file_is_replaced_only_when_asked_and_the_record_is_complete() {
    let (dir, ron) = darfur(None);
    let out = dir.path().join("notes.md");
    std::fs::write(&out, "my own notes\n").expect("write");
    let base = |extra: &[&str]| {
        let mut v = vec![
            "export".to_string(),
            "--assessment".into(),
            "darfur-transition.ron".into(),
            "--format".into(),
            "md".into(),
            "--sharing".into(),
            "public".into(),
            "--k".into(),
            "7".into(),
            "--out".into(),
            "notes.md".into(),
            "--from".into(),
            "2019-01-01".into(),
        ];
        v.extend(extra.iter().map(|x| x.to_string()));
        let o = bin()
            .current_dir(dir.path())
            .args(&v)
            .output()
            .expect("runs");
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stderr).to_string(),
        )
    };
    let (code, err) = base(&[]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--replace"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&out).expect("kept"),
        "my own notes\n"
    );
    let (code, err) = base(&["--replace"]);
    assert_eq!(code, Some(0), "{err}");
    // Written by this export and recorded: replaced again without asking.
    let (code, err) = base(&[]);
    assert_eq!(code, Some(0), "{err}");
    let a = poc_workbench::assessment::file::load(&ron).expect("load");
    let r = a.exports.last().expect("a record");
    assert!(r.path.is_absolute(), "{:?}", r.path);
    assert!(r.path.ends_with("notes.md"));
    assert_eq!(r.k, Some(7));
    assert_eq!(
        r.period,
        Some((Some("2019-01-01".parse().expect("date")), a.meta.as_of))
    );
    // Changed by hand since: no longer what the export wrote.
    std::fs::write(&out, "edited\n").expect("write");
    let (code, err) = base(&[]);
    assert_eq!(code, Some(2), "{err}");
}

/// Issue #16 (data loss, 11): exports started together on one assessment
/// each keep their record, and exports to one CSV folder take turns and
/// leave one whole version with nothing beside it.
#[test]
fn concurrent_exports_each_keep_their_record_and_folders_stay_whole() {
    let (dir, ron) = darfur(None);
    let children: Vec<std::process::Child> = (0..6)
        .map(|i| {
            let (format, out) = if i < 4 {
                ("md", dir.path().join(format!("annex-{i}.md")))
            } else {
                ("csv", dir.path().join("annex-csv"))
            };
            bin()
                .args(["export", "--sharing", "internal", "--format", format])
                .arg("--assessment")
                .arg(&ron)
                .arg("--out")
                .arg(&out)
                .arg("--recipient")
                .arg(format!("reader {i}"))
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn")
        })
        .collect();
    for c in children {
        let o = c.wait_with_output().expect("wait");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let a = poc_workbench::assessment::file::load(&ron).expect("load");
    let mut who: Vec<String> = a
        .exports
        .iter()
        .flat_map(|r| r.recipients.clone())
        .collect();
    who.sort();
    assert_eq!(
        who,
        (0..6).map(|i| format!("reader {i}")).collect::<Vec<_>>(),
        "every export recorded"
    );
    let sums = std::fs::read_to_string(dir.path().join("annex-csv").join("SHA256SUMS"))
        .expect("the folder is whole");
    assert!(sums.lines().count() > 5);
    let beside: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("annex-csv") || n.ends_with(".lock"))
        .collect();
    assert_eq!(beside, ["annex-csv"], "no temporary folder left");
}

/// The helper's review found every shared level crashing on a period with
/// no event, and a short `--from` silently turning the trend tables into
/// part-window trends.
#[test]
fn an_empty_period_exports_at_every_level_and_a_period_cutting_the_trend_windows_is_refused() {
    let (_d, ron) = darfur(None);
    for level in ["internal", "un-partners", "host-government", "public"] {
        for format in ["md", "docx"] {
            let out = ron.with_file_name(format!("empty-{level}.{format}"));
            let (code, _, err) = export(
                &ron,
                format,
                level,
                &out,
                &["--from", "1950-01-01", "--to", "1960-01-01"],
            );
            assert_eq!(code, 0, "{level} {format}: {err}");
            assert!(err.contains("no civilian-harm event"), "{err}");
        }
    }
    let out = ron.with_file_name("short.md");
    let (code, _, err) = export(
        &ron,
        "md",
        "internal",
        &out,
        &["--from", "2020-10-01", "--to", "2020-12-31"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("start it on 2020-01-01 or earlier"), "{err}");
    assert!(!out.exists());
    // Planned closures are marked, and the before-window explained.
    let (code, _, err) = export(&ron, "md", "internal", &out, &[]);
    assert_eq!(code, 0, "{err}");
    let md = std::fs::read_to_string(&out).expect("annex");
    assert!(
        md.contains("| 2021-06-30 (planned) |"),
        "a closure after the as-of date"
    );
    assert!(md.contains("the 12 months before are the 12 months to the as-of date (2020-12-31)"));
}
