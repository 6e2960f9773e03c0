//! The importers and the matrix on the real files in ../shared/data (CI has
//! them read-only; where they are missing each test says so and passes).
//! Totals are the ones the data-core issue states; cells are checked one by
//! one against scripts/reference_summarize.py, an independent reading of
//! METHODOLOGY §2–3.

mod common;
use common::shared;
use poc_workbench::analysis::{Filter, ThreatMatrix, Workspace};
use poc_workbench::cli::summarize::to_json;
use poc_workbench::import::{ColumnMapping, ImportOptions, Progress, import_file};
use poc_workbench::model::Dataset;
use std::collections::BTreeMap;
use std::path::Path;

/// (rows read, kept, rejected) of an import.
fn rows(d: &Dataset) -> (u64, u64, u64) {
    (d.report.rows_read, d.report.kept, d.report.rejected)
}

fn load(p: &Path) -> Dataset {
    import_file(p, &ImportOptions::default(), &Progress::default())
        .unwrap_or_else(|e| panic!("{e}"))
}

/// (perpetrator, region) → (events, civilian fatalities).
type Cells = BTreeMap<(String, String), (u64, u64)>;

/// The cells of a `summarize --json`-shaped document.
fn cells_of(v: &serde_json::Value) -> Cells {
    let Some(cells) = v["cells"].as_array() else {
        return Cells::new();
    };
    cells
        .iter()
        .map(|c| {
            let text = |k: &str| c[k].as_str().unwrap_or("").to_string();
            let num = |k: &str| c[k].as_u64().unwrap_or(0);
            (
                (text("perpetrator"), text("region")),
                (num("events"), num("civilian_fatalities")),
            )
        })
        .collect()
}

fn cells(ws: &Workspace) -> (Cells, (u64, u64)) {
    let v = to_json(
        ws,
        &ThreatMatrix::compute(ws, &Filter::default(), None),
        &[],
    );
    let out = cells_of(&v);
    let t = &v["totals"];
    (
        out,
        (
            t["events"].as_u64().unwrap_or(0),
            t["civilian_fatalities"].as_u64().unwrap_or(0),
        ),
    )
}

/// Cells from the independent Python reading, or `None` without python3.
fn reference_cells(files: &[&Path]) -> Option<Cells> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/reference_summarize.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .args(files)
        .output()
        .ok()?;
    if !out.status.success() {
        eprintln!(
            "reference script failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        return None;
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).ok()?;
    Some(cells_of(&v))
}

fn check_against_reference(files: &[&Path], totals: (u64, u64)) {
    let ws = Workspace::new(files.iter().map(|f| load(f)).collect());
    for d in &ws.datasets {
        assert!(d.report.balances(), "{}", d.report.to_text());
    }
    let (got, got_totals) = cells(&ws);
    assert_eq!(got_totals, totals);
    match reference_cells(files) {
        Some(want) => assert_eq!(got, want, "cells differ from the reference reading"),
        None => eprintln!("python3 not available: cells checked by totals only"),
    }
}

#[test]
fn ucdp_hdx_copy_matches_methodology() {
    let Some(f) = shared("ucdp-ged-sudan-hdx/conflict_data_sdn.csv") else {
        return;
    };
    check_against_reference(&[&f], (2055, 29833));
    let d = load(&f);
    assert_eq!(rows(&d), (3822, 3822, 0));
    assert!(d.meta.layout.contains("HXL"), "{}", d.meta.layout);
    assert!(
        d.meta
            .layout
            .get(poc_workbench::i18n::Lang::Fr)
            .contains("HXL"),
        "{:?}",
        d.meta.layout
    );
}

#[test]
fn ucdp_web_export_matches_methodology() {
    let Some(f) = shared("ucdp-gedevents-sudan-export/gedevents-2025-01-04.csv") else {
        return;
    };
    check_against_reference(&[&f], (2055, 29833));
    let d = load(&f);
    assert_eq!(rows(&d), (3822, 3822, 0));
    // 47 header names over 48 fields: the trailing comma is not a warning.
    assert!(d.report.counts.is_empty(), "{}", d.report.to_text());
}

#[test]
fn acled_mali_matches_methodology() {
    let Some(f) = shared("acled-mali-hdx/conflict_data_mli.csv") else {
        return;
    };
    check_against_reference(&[&f], (1502, 3292));
    let d = load(&f);
    assert_eq!(rows(&d), (3990, 3990, 0));
}

#[test]
fn two_countries_are_summed_with_qualified_regions() {
    let (Some(a), Some(b)) = (
        shared("ucdp-ged-sudan-hdx/conflict_data_sdn.csv"),
        shared("acled-mali-hdx/conflict_data_mli.csv"),
    ) else {
        return;
    };
    check_against_reference(&[&a, &b], (2055 + 1502, 29833 + 3292));
    let ws = Workspace::new(vec![load(&a), load(&b)]);
    let (got, _) = cells(&ws);
    assert!(got.keys().any(|(_, r)| r == "Mopti (Mali)"));
    assert!(got.keys().any(|(_, r)| r == "North Darfur (Sudan)"));
}

/// Both UCDP shapes hold the same 3,822 events; 1,820 of the export's dates
/// could be read either way round. Every event must get the same date from
/// both files, and loading both counts each event once.
#[test]
fn ucdp_export_dates_are_never_swapped() {
    let (Some(a), Some(b)) = (
        shared("ucdp-ged-sudan-hdx/conflict_data_sdn.csv"),
        shared("ucdp-gedevents-sudan-export/gedevents-2025-01-04.csv"),
    ) else {
        return;
    };
    let (hdx, export) = (load(&a), load(&b));
    let by_id = |d: &Dataset| -> BTreeMap<String, i32> {
        (0..d.incidents.len())
            .map(|i| (d.incidents.event_id.get(i).to_string(), d.incidents.date[i]))
            .collect()
    };
    let (x, y) = (by_id(&hdx), by_id(&export));
    assert_eq!(x.len(), 3822);
    assert_eq!(x, y);
    let ws = Workspace::new(vec![hdx, export]);
    assert_eq!(ws.repeats, vec![0, 3822]);
    assert_eq!(cells(&ws).1, (2055, 29833));
}

#[test]
fn shcc_excel_logs_import_with_their_mappings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/mappings");
    for (year, mapping, rows) in [
        (2021, Some("shcc-sudan-2021.ron"), 52),
        (2022, None, 53),
        (2023, Some("shcc-sudan-2023.ron"), 257),
    ] {
        let Some(f) = shared(&format!(
            "shcc-sudan-healthcare-xlsx/{year}-sdn-shcc-health-care-data.xlsx"
        )) else {
            return;
        };
        let mapping =
            mapping.map(|m| ColumnMapping::load(&root.join(m)).unwrap_or_else(|e| panic!("{e}")));
        let d = import_file(&f, &ImportOptions { mapping }, &Progress::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(d.report.rows_read, rows, "{year}: {}", d.report.to_text());
        assert!(d.report.balances());
        assert_eq!(d.report.kept, rows, "{year}: {}", d.report.to_text());
        // The 2021 workbook declares ~1M rows of used range; none is a row.
        assert!(d.meta.sheet.as_deref().is_some_and(|s| !s.contains("Meta")));
    }
}

#[test]
fn the_2023_health_care_workbook_reads_without_a_mapping() {
    // Once a mapping was needed; it is an Insecurity Insight incident table
    // with one column per outcome, read by the built-in profile (#17).
    let Some(f) = shared("shcc-sudan-healthcare-xlsx/2023-sdn-shcc-health-care-data.xlsx") else {
        return;
    };
    let d = import_file(&f, &ImportOptions::default(), &Progress::default())
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        d.meta.format,
        poc_workbench::model::SourceFormat::Monitoring
    );
    assert_eq!((d.report.rows_read, d.report.kept), (257, 257));
    let report = d.report.to_text();
    assert!(
        report.contains("perpetrator type 'Reported Perpetrator'"),
        "{report}"
    );
    assert!(
        report.contains("'Health Workers Killed' = killing"),
        "{report}"
    );
}

#[test]
fn every_shared_file_gives_a_report_or_a_clear_error() {
    let Some(root) = shared("") else { return };
    let mut seen = 0;
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("readable") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let ext = p
                .extension()
                .and_then(|e| e.to_str())
                .unwrap_or("")
                .to_lowercase();
            if !["csv", "tsv", "ssv", "xlsx", "xls"].contains(&ext.as_str()) {
                continue;
            }
            seen += 1;
            let r = std::panic::catch_unwind(|| {
                import_file(&p, &ImportOptions::default(), &Progress::default())
            });
            match r {
                Err(_) => panic!("{} panicked", p.display()),
                Ok(Ok(d)) => assert!(d.report.balances(), "{}", d.report.to_text()),
                Ok(Err(e)) => {
                    let msg = e.to_string();
                    assert!(
                        msg.contains(&*p.file_name().expect("name").to_string_lossy()),
                        "{msg}"
                    );
                }
            }
        }
    }
    assert!(seen >= 15, "only {seen} files found");
}

#[test]
fn hxl_test_inputs_read_as_the_hxl_project_means() {
    let Some(dir) = shared("hxl-libhxl-test-inputs") else {
        return;
    };
    // The same four rows in five containers and two encodings: one dated row.
    for f in [
        "input-valid.csv",
        "input-valid.tsv",
        "input-valid.ssv",
        "input-valid-latin1.csv",
        "input-valid.xlsx",
        "input-valid.xls",
    ] {
        let d = load(&dir.join(f));
        assert_eq!(rows(&d), (4, 1, 3), "{f}: {}", d.report.to_text());
        assert_eq!(
            d.incidents.names.get(d.incidents.admin1[0]),
            "Los Santos",
            "{f}"
        );
    }
    // The tagged sheet is the second of two.
    let d = load(&dir.join("input-quality.xlsx"));
    assert_eq!(d.meta.sheet.as_deref(), Some("input-quality-hxl"));
    // A "tag row" without any '#' is not one: the file needs a mapping.
    let e = import_file(
        &dir.join("input-invalid.csv"),
        &ImportOptions::default(),
        &Progress::default(),
    )
    .expect_err("untagged");
    assert_eq!(e.kind(), "unknown_shape");
}

/// METHODOLOGY §4 coverage on real files: ACLED Mali ends 2020-07-31; with
/// UCDP Sudan loaded beside it the as-of date is Sudan's last day, and every
/// Mali cell reads `no data` with no suggestion (not "stable, 1×1 Low"),
/// while the Sudan cells keep their trends. Mali alone as of 2020-12-31
/// says the same.
#[test]
fn mali_with_sudan_shows_no_data_for_mali_after_july_2020() {
    let (Some(mali), Some(sudan)) = (
        shared("acled-mali-hdx/conflict_data_mli.csv"),
        shared("ucdp-ged-sudan-hdx/conflict_data_sdn.csv"),
    ) else {
        return;
    };
    let ws = Workspace::new(vec![load(&mali), load(&sudan)]);
    let m = ThreatMatrix::compute(&ws, &Filter::default(), None);
    let v = to_json(&ws, &m, &[]);
    let mut mali_cells = 0;
    let mut sudan_trends = 0;
    for c in v["cells"].as_array().expect("cells") {
        let region = c["region"].as_str().unwrap_or("");
        if region.ends_with("(Mali)") {
            mali_cells += 1;
            assert_eq!(c["trend"], "no_data", "{c}");
            assert!(c["suggested"].is_null(), "{c}");
            assert_eq!(c["covered"]["recent"], false, "{c}");
        } else if c["trend"] != "no_data" {
            sudan_trends += 1;
        }
    }
    assert!(mali_cells > 50, "{mali_cells} Mali cells");
    assert!(sudan_trends > 50, "{sudan_trends} Sudan cells with a trend");
    let spans: Vec<&serde_json::Value> = v["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .map(|s| &s["span"])
        .collect();
    assert_eq!(
        spans[0][1], "2020-07-31",
        "Mali's span ends on its last row"
    );
    // Mali alone, as of 2020-12-31.
    let ws = Workspace::new(vec![load(&mali)]);
    let m = ThreatMatrix::compute(
        &ws,
        &Filter::default(),
        chrono::NaiveDate::from_ymd_opt(2020, 12, 31),
    );
    assert!(m.cells.iter().flatten().filter(|c| c.events > 0).all(|c| {
        c.trend() == poc_workbench::analysis::Trend::NoData && c.suggestion().is_none()
    }));
    assert!(!m.coverage_notes().is_empty());
}
