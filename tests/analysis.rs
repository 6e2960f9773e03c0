//! The analysis core on small hand-made data: filters change totals as they
//! should, cell drill-down lists exactly the cell's incidents, analyst
//! re-classifications move events between rows, and trends and suggested
//! scores follow METHODOLOGY §4 on the counts the matrix holds.

use chrono::NaiveDate;
use poc_workbench::analysis::{
    Filter, RegionLevel, ThreatMatrix, Trend, Workspace, cell_incidents,
};
use poc_workbench::import::{ImportOptions, Progress, import_file};
use poc_workbench::model::PerpetratorType;
use std::collections::BTreeMap;

const HEADER: &str = "event_id_cnty,event_date,event_type,sub_event_type,actor1,inter1,actor2,inter2,civilian_targeting,country,admin1,admin2,latitude,longitude,geo_precision,time_precision,fatalities,notes";

/// Writes a small ACLED-layout file: (date, actor1, inter1, admin1, fatalities, sub-event).
fn workspace(rows: &[(&str, &str, &str, &str, u32, &str)]) -> Workspace {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("events.csv");
    let mut text = format!("{HEADER}\n");
    for (i, (date, actor, inter, admin1, fat, sub)) in rows.iter().enumerate() {
        text.push_str(&format!(
            "T{i},{date},Violence against civilians,{sub},{actor},{inter},Civilians (Testland),Civilians,Civilians targeted,Testland,{admin1},D{i},12.0,-3.0,1,1,{fat},n\n"
        ));
    }
    std::fs::write(&path, text).expect("write");
    let d = import_file(&path, &ImportOptions::default(), &Progress::default()).expect("imports");
    Workspace::new(vec![d])
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

#[test]
fn filters_change_the_totals() {
    let ws = workspace(&[
        (
            "2020-01-10",
            "Army of Testland",
            "State forces",
            "North",
            2,
            "Attack",
        ),
        (
            "2020-06-10",
            "Army of Testland",
            "State forces",
            "South",
            1,
            "Attack",
        ),
        ("2020-09-10", "Front", "Rebel group", "North", 5, "Attack"),
        (
            "2020-12-10",
            "Unidentified Armed Group",
            "Political militia",
            "North",
            0,
            "Abduction/forced disappearance",
        ),
    ]);
    let all = ThreatMatrix::compute(&ws, &Filter::default(), None);
    assert_eq!((all.total.events, all.total.civilian_fatalities), (4, 8));
    let dated = Filter {
        from: Some(date("2020-06-01")),
        ..Default::default()
    };
    assert_eq!(ThreatMatrix::compute(&ws, &dated, None).total.events, 3);
    let north = Filter {
        regions: Some(["North".to_string()].into()),
        ..Default::default()
    };
    let m = ThreatMatrix::compute(&ws, &north, None);
    assert_eq!(
        (m.total.events, m.regions.clone()),
        (3, vec!["North".to_string()])
    );
    let state = Filter {
        perpetrators: Some([PerpetratorType::StateForces].into()),
        ..Default::default()
    };
    assert_eq!(
        ThreatMatrix::compute(&ws, &state, None)
            .total
            .civilian_fatalities,
        3
    );
    // "Unidentified…" actors are unidentified whatever their inter code.
    assert!(
        all.cell(PerpetratorType::Unidentified, "North")
            .is_some_and(|c| c.events == 1)
    );
    assert!(
        all.perpetrators
            .iter()
            .all(|p| *p != PerpetratorType::PoliticalMilitias)
    );
}

#[test]
fn cell_drill_down_lists_exactly_the_cell() {
    let ws = workspace(&[
        (
            "2020-01-10",
            "Army of Testland",
            "State forces",
            "North",
            2,
            "Attack",
        ),
        (
            "2020-02-10",
            "Army of Testland",
            "State forces",
            "North",
            1,
            "Attack",
        ),
        (
            "2020-03-10",
            "Army of Testland",
            "State forces",
            "South",
            1,
            "Attack",
        ),
        ("2020-04-10", "Front", "Rebel group", "North", 5, "Attack"),
    ]);
    let f = Filter::default();
    let rows = cell_incidents(&ws, &f, Some(PerpetratorType::StateForces), Some("North"));
    assert_eq!(rows.len(), 2);
    let m = ThreatMatrix::compute(&ws, &f, None);
    let cell = m.cell(PerpetratorType::StateForces, "North").expect("cell");
    assert_eq!(rows.len() as u64, cell.events);
    let fat: u64 = rows
        .iter()
        .map(|&(d, i)| u64::from(ws.datasets[d].incidents.civilian_fatalities[i]))
        .sum();
    assert_eq!(fat, cell.civilian_fatalities);
}

#[test]
fn reclassifying_an_actor_moves_its_events() {
    let mut ws = workspace(&[
        (
            "2020-01-10",
            "Pro-government Militia",
            "Political militia",
            "North",
            2,
            "Attack",
        ),
        (
            "2020-02-10",
            "Army of Testland",
            "State forces",
            "North",
            1,
            "Attack",
        ),
    ]);
    let before = ThreatMatrix::compute(&ws, &Filter::default(), None);
    assert_eq!(before.row_totals[0].events, 1);
    ws.set_overrides(BTreeMap::from([(
        "Pro-government Militia".to_string(),
        PerpetratorType::StateForces,
    )]));
    let after = ThreatMatrix::compute(&ws, &Filter::default(), None);
    assert_eq!(after.perpetrators, vec![PerpetratorType::StateForces]);
    assert_eq!(after.total.events, 2);
    assert_eq!(after.state_share_total.events_share(), Some(1.0));
}

#[test]
fn trends_and_suggestions_follow_the_windows() {
    // As of 2020-12-31: recent window 2020-07-01…12-31, previous 2020-01-01…06-30.
    let mut rows = Vec::new();
    for m in 1..=6 {
        rows.push((format!("2020-{m:02}-15"), 1));
    }
    for m in 7..=12 {
        for _ in 0..3 {
            rows.push((format!("2020-{m:02}-15"), 2));
        }
    }
    rows.push(("2020-06-30".to_string(), 0)); // last day of the previous window
    rows.push(("2020-07-01".to_string(), 0)); // first day of the recent window
    rows.push(("2021-01-01".to_string(), 0)); // after the as-of date
    rows.push(("2019-12-01".to_string(), 0)); // before both: the data cover them
    let owned: Vec<(&str, &str, &str, &str, u32, &str)> = rows
        .iter()
        .map(|(d, f)| {
            (
                d.as_str(),
                "Army of Testland",
                "State forces",
                "North",
                *f,
                "Attack",
            )
        })
        .collect();
    let ws = workspace(&owned);
    let m = ThreatMatrix::compute(&ws, &Filter::default(), Some(date("2020-12-31")));
    let c = m.cell(PerpetratorType::StateForces, "North").expect("cell");
    assert_eq!((c.previous_events, c.recent_events), (7, 19));
    assert_eq!(c.recent_fatalities, 36);
    assert_eq!(c.trend(), Trend::Rising);
    let s = c.suggestion().expect("covered");
    // 19 events / 6 = 3.2 a month → 4; 36 deaths / 6 = 6 a month → 4.
    assert_eq!((s.likelihood, s.impact, s.risk), (4, 4, 16));
    assert_eq!(m.windows.recent.0, date("2020-07-01"));
}

#[test]
fn admin2_level_splits_regions() {
    let ws = workspace(&[
        (
            "2020-01-10",
            "Army of Testland",
            "State forces",
            "North",
            2,
            "Attack",
        ),
        (
            "2020-02-10",
            "Army of Testland",
            "State forces",
            "North",
            1,
            "Attack",
        ),
    ]);
    let f = Filter {
        level: RegionLevel::Admin2,
        ..Default::default()
    };
    let m = ThreatMatrix::compute(&ws, &f, None);
    assert_eq!(
        m.regions,
        vec!["D0, North".to_string(), "D1, North".to_string()]
    );
}

/// A cancel during a large import stops it: every reading, parsing and
/// joining thread ends and the import reports `Cancelled`, not a dataset.
#[test]
fn a_cancel_during_a_large_import_stops_every_thread() {
    use std::sync::atomic::Ordering;
    let dir = tempfile::tempdir().expect("tempdir");
    let big = dir.path().join("big.csv");
    poc_workbench::cli::bench::write_acled_like(&big, 200_000, 11).expect("generate");
    let progress = Progress::default();
    let result = std::thread::scope(|s| {
        let import = s.spawn(|| import_file(&big, &ImportOptions::default(), &progress));
        let started = std::time::Instant::now();
        while progress.rows.load(Ordering::Relaxed) == 0 && !import.is_finished() {
            assert!(started.elapsed().as_secs() < 60, "no row was ever read");
            std::thread::yield_now();
        }
        progress.cancel.store(true, Ordering::Relaxed);
        import.join().expect("the import thread ends")
    });
    match result {
        Err(poc_workbench::import::ImportError::Cancelled) => {}
        Err(e) => panic!("expected a cancel, got {e}"),
        Ok(d) => panic!("expected a cancel, got {} rows", d.incidents.len()),
    }
    assert!(progress.rows.load(Ordering::Relaxed) < 200_000);
}

/// Rows of one actor in one region on these dates, in an ACLED-layout file
/// of country `country`.
fn dated_rows<'a>(
    dates: &'a [&'a str],
    region: &'a str,
) -> Vec<(&'a str, &'a str, &'a str, &'a str, u32, &'a str)> {
    dates
        .iter()
        .map(|d| (*d, "Army of Testland", "State forces", region, 1, "Attack"))
        .collect()
}

/// METHODOLOGY §4 coverage at its boundaries: a window is covered when the
/// data start by its first day and end no more than 31 days before its
/// last. As of 2020-12-31: recent 2020-07-01…12-31, previous 2020-01-01…06-30.
#[test]
fn coverage_decides_no_data_at_its_boundaries() {
    let as_of = Some(date("2020-12-31"));
    let cell = |dates: &[&str]| {
        let ws = workspace(&dated_rows(dates, "North"));
        let m = ThreatMatrix::compute(&ws, &Filter::default(), as_of);
        *m.cell(PerpetratorType::StateForces, "North").expect("cell")
    };
    // Ends 31 days before the as-of date: covered.
    let c = cell(&["2020-01-01", "2020-03-01", "2020-08-01", "2020-11-30"]);
    assert_eq!(c.trend(), Trend::Stable);
    assert!(c.suggestion().is_some());
    // Ends 32 days before: the recent window has no data and no suggestion
    // (not likelihood 1), whatever the counts.
    let c = cell(&["2020-01-01", "2020-03-01", "2020-08-01", "2020-11-29"]);
    assert!(c.recent_uncovered && !c.previous_uncovered);
    assert_eq!(c.trend(), Trend::NoData);
    assert_eq!(c.suggestion(), None);
    // Starts a day after the previous window begins: no trend, but the
    // recent window's suggestion stands.
    let c = cell(&["2020-01-02", "2020-03-01", "2020-08-01", "2020-12-31"]);
    assert!(!c.recent_uncovered && c.previous_uncovered);
    assert_eq!(c.trend(), Trend::NoData);
    let s = c.suggestion().expect("the recent window is covered");
    assert_eq!(s.likelihood, 2); // 2 events in six months
    // A declared span covers what the rows alone do not.
    let mut ws = workspace(&dated_rows(
        &["2020-01-02", "2020-08-01", "2020-11-20"],
        "North",
    ));
    let day = |s: &str| poc_workbench::model::dates::day_number(date(s));
    ws.set_declared_spans(vec![Some((day("2019-01-01"), day("2020-12-31")))]);
    let m = ThreatMatrix::compute(&ws, &Filter::default(), as_of);
    let c = m.cell(PerpetratorType::StateForces, "North").expect("cell");
    assert_eq!(c.trend(), Trend::Stable);
    assert!(m.coverage_notes().is_empty());
}

/// A region's coverage is that of the datasets with rows in its country:
/// a second country's later data do not cover the first's regions, and the
/// totals over both say `no data`.
#[test]
fn another_countrys_data_do_not_cover_a_region() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, country: &str, admin1: &str, dates: &[&str]| {
        let path = dir.path().join(name);
        let mut text = format!("{HEADER}\n");
        for (i, d) in dates.iter().enumerate() {
            text.push_str(&format!(
                "{name}{i},{d},Violence against civilians,Attack,Army,State forces,Civilians,Civilians,Civilians targeted,{country},{admin1},D{i},12.0,-3.0,1,1,1,n\n"
            ));
        }
        std::fs::write(&path, text).expect("write");
        import_file(&path, &ImportOptions::default(), &Progress::default()).expect("imports")
    };
    let early = write(
        "early.csv",
        "Westland",
        "Coast",
        &["2019-01-01", "2020-05-01", "2020-07-31"],
    );
    let late = write(
        "late.csv",
        "Eastland",
        "Hills",
        &["2019-01-01", "2020-05-01", "2021-12-31"],
    );
    let ws = Workspace::new(vec![early, late]);
    let m = ThreatMatrix::compute(&ws, &Filter::default(), None);
    assert_eq!(m.windows.as_of, date("2021-12-31"));
    let coast = m
        .cell(PerpetratorType::StateForces, "Coast (Westland)")
        .expect("coast");
    let hills = m
        .cell(PerpetratorType::StateForces, "Hills (Eastland)")
        .expect("hills");
    assert_eq!(coast.trend(), Trend::NoData);
    assert_eq!(coast.suggestion(), None);
    assert_eq!(hills.trend(), Trend::Stable);
    assert!(hills.suggestion().is_some());
    assert_eq!(m.row_totals[0].trend(), Trend::NoData);
    let notes = m.coverage_notes();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].contains("Coast (Westland)")
            && notes[0].contains("early.csv 2019-01-01 – 2020-07-31"),
        "{notes:?}"
    );
    assert!(!notes[0].contains("Hills"), "{notes:?}");
}

/// A date column with day-first and month-first evidence is read by the
/// majority, and the import report says so (it used to follow the majority
/// without a word); the minority rows are rejected, each named.
#[test]
fn a_date_column_with_evidence_both_ways_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("log.csv");
    std::fs::write(
        &path,
        "Date,Province,Perpetrator\n25/03/2020,North,Army\n26/03/2020,North,Army\n14/04/2020,South,Army\n03/27/2020,South,Army\n",
    )
    .expect("write");
    let mapping = poc_workbench::import::ColumnMapping {
        date: "Date".into(),
        admin1: Some("Province".into()),
        perpetrator: Some("Perpetrator".into()),
        ..Default::default()
    };
    let d = import_file(
        &path,
        &ImportOptions {
            mapping: Some(mapping),
        },
        &Progress::default(),
    )
    .expect("imports");
    assert_eq!(
        (d.report.rows_read, d.report.kept, d.report.rejected),
        (4, 3, 1)
    );
    let note = d
        .report
        .notes
        .iter()
        .find(|n| n.contains("day-first") && n.contains("month-first"))
        .unwrap_or_else(|| panic!("no note in {:?}", d.report.notes));
    assert!(
        note.contains("'03/27/2020'") && note.contains("3 values"),
        "{note}"
    );
    assert!(
        note.contains("read as day-first (DD/MM) (the majority)"),
        "{note}"
    );
    // A mapping that fixes the order is followed, and the note says so.
    let fixed = poc_workbench::import::ColumnMapping {
        date: "Date".into(),
        date_order: Some(poc_workbench::model::dates::DateOrder::MonthFirst),
        ..Default::default()
    };
    let d = import_file(
        &path,
        &ImportOptions {
            mapping: Some(fixed),
        },
        &Progress::default(),
    )
    .expect("imports");
    assert_eq!((d.report.kept, d.report.rejected), (1, 3));
    let notes = d.report.notes_text(poc_workbench::i18n::Lang::En);
    assert!(
        notes.contains("read as month-first (MM/DD) (the column mapping's order)"),
        "{notes}"
    );
}

/// Issue #16 (4): a mapping's header row below the first 40 rows is read
/// (it used to find "no header row"), in a CSV file.
#[test]
fn a_mapping_header_row_past_the_first_40_rows_is_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("log.csv");
    let mut text = String::new();
    for i in 0..50 {
        text.push_str(&format!("Note line {i},,\n"));
    }
    text.push_str("Date,Province,Perpetrator\n2020-03-25,North,Army\n2020-03-26,South,Police\n");
    std::fs::write(&path, text).expect("write");
    let mapping = poc_workbench::import::ColumnMapping {
        date: "Date".into(),
        admin1: Some("Province".into()),
        perpetrator: Some("Perpetrator".into()),
        header_row: Some(51),
        ..Default::default()
    };
    let d = import_file(
        &path,
        &ImportOptions {
            mapping: Some(mapping.clone()),
        },
        &Progress::default(),
    )
    .expect("imports");
    assert_eq!((d.report.rows_read, d.report.kept), (2, 2));
    // A header row past the end of the file says so.
    let far = poc_workbench::import::ColumnMapping {
        header_row: Some(5000),
        ..mapping
    };
    let e = import_file(
        &path,
        &ImportOptions { mapping: Some(far) },
        &Progress::default(),
    )
    .expect_err("no such row")
    .to_string();
    assert!(e.contains("header_row 5000"), "{e}");
}

/// Issue #16 (15, leaks): the same file named twice is read once (an
/// id-less log counted twice doubled every figure), and a rejected 100 KB
/// date cell is quoted in 40 characters, not in full.
#[test]
fn a_file_named_twice_is_read_once_and_long_cells_are_quoted_short() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("log.csv");
    let long = "9".repeat(100_000);
    std::fs::write(
        &path,
        format!("Date,Province,Perpetrator\n2020-03-25,North,Army\n{long},South,Army\n"),
    )
    .expect("write");
    let mapping = dir.path().join("m.ron");
    std::fs::write(
        &mapping,
        "(date: \"Date\", admin1: Some(\"Province\"), perpetrator: Some(\"Perpetrator\"))",
    )
    .expect("write");
    let (ws, errors) = poc_workbench::cli::load_all(
        &[path.clone(), dir.path().join(".").join("log.csv")],
        Some(&mapping),
    )
    .expect("loads");
    assert!(errors.is_empty());
    assert_eq!(ws.datasets.len(), 1, "read once");
    let r = &ws.datasets[0].report;
    assert_eq!((r.rows_read, r.kept, r.rejected), (2, 1, 1));
    use poc_workbench::i18n::Lang;
    let longest = r
        .issues
        .iter()
        .flat_map(|i| Lang::ALL.map(|l| i.message.get(l).len()))
        .max()
        .unwrap_or(0);
    assert!(longest < 300, "a message of {longest} bytes");
}

/// Issue #16 (17): a coordinate that is there but not a number (NaN, inf,
/// degrees) is warned about; the event is kept without a point.
#[test]
fn unreadable_coordinates_are_warned_about() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("events.csv");
    let mut text = format!("{HEADER}\n");
    for (i, (lat, lon)) in [
        ("NaN", "-3.0"),
        ("12.0", "inf"),
        ("12°N", "3"),
        ("12.0", "-3.0"),
    ]
    .iter()
    .enumerate()
    {
        text.push_str(&format!(
            "T{i},2020-01-10,Violence against civilians,Attack,Army,State forces,Civilians,Civilians,Civilians targeted,Testland,North,D,{lat},{lon},1,1,0,n\n"
        ));
    }
    std::fs::write(&path, text).expect("write");
    let d = import_file(&path, &ImportOptions::default(), &Progress::default()).expect("imports");
    assert_eq!(d.report.kept, 4);
    assert_eq!(
        d.report
            .counts
            .get(&poc_workbench::model::IssueCode::CoordinatesUnreadable)
            .copied(),
        Some(3)
    );
    assert_eq!(
        d.incidents.latitude.iter().filter(|v| v.is_nan()).count(),
        3
    );
}

/// Issue #16 (1): one non-empty cell in a workbook's far corner
/// (`XFD1048576`) no longer makes the sheet a dense range of 17 billion
/// cells: the sheet is read cell by cell, and the table beside it imports.
#[test]
fn a_cell_in_the_far_corner_of_a_workbook_costs_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("far.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["Date", "Province", "Perpetrator"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    for r in 1..=3u32 {
        ws.write_string(r, 0, format!("2020-03-2{r}"))
            .expect("write");
        ws.write_string(r, 1, "North").expect("write");
        ws.write_string(r, 2, "Army").expect("write");
    }
    ws.write_string(1_048_575, 16_383, "a stray note")
        .expect("write");
    ws.write_string(0, 16_383, "another").expect("write");
    wb.save(&path).expect("save");
    let mapping = poc_workbench::import::ColumnMapping {
        date: "Date".into(),
        admin1: Some("Province".into()),
        perpetrator: Some("Perpetrator".into()),
        ..Default::default()
    };
    let started = std::time::Instant::now();
    let d = import_file(
        &path,
        &ImportOptions {
            mapping: Some(mapping),
        },
        &Progress::default(),
    )
    .expect("imports");
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    assert_eq!(d.report.kept, 3);
    // The stray note is a row of its own, rejected with its reason (no
    // date), not dropped.
    assert_eq!(d.report.rejected, 1);
    assert_eq!(d.report.rows_read, 4);
}

/// Issue #16 (13): a hidden sheet is never taken for the data sheet, and
/// the visible sheets with the same columns as the one read (one sheet per
/// year) are read with it as one table, the choice said in the report and
/// changed by a mapping that names one sheet.
#[test]
fn hidden_sheets_are_passed_over_and_sheets_per_year_are_read_together() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("years.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let mut sheet = |name: &str, rows: u32, hidden: bool, bad_row: bool| {
        let ws = wb.add_worksheet();
        ws.set_name(name).expect("name");
        for (c, h) in ["Date", "Province", "Perpetrator"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).expect("write");
        }
        for r in 1..=rows {
            ws.write_string(r, 0, format!("{name}-03-{r:02}"))
                .expect("write");
            ws.write_string(r, 1, "North").expect("write");
            ws.write_string(r, 2, "Army").expect("write");
        }
        if bad_row {
            ws.write_string(rows + 1, 0, "someday").expect("write");
            ws.write_string(rows + 1, 1, "North").expect("write");
        }
        if hidden {
            ws.set_hidden(true);
        }
    };
    sheet("2021", 5, false, false);
    sheet("2022", 3, false, true);
    sheet("2019", 50, true, false);
    wb.save(&path).expect("save");
    let mapping = poc_workbench::import::ColumnMapping {
        date: "Date".into(),
        admin1: Some("Province".into()),
        perpetrator: Some("Perpetrator".into()),
        ..Default::default()
    };
    let read = |mapping: &poc_workbench::import::ColumnMapping| {
        import_file(
            &path,
            &ImportOptions {
                mapping: Some(mapping.clone()),
            },
            &Progress::default(),
        )
        .expect("imports")
    };
    let d = read(&mapping);
    assert_eq!(
        d.meta.sheet.as_deref(),
        Some("2021"),
        "the hidden sheet is not read"
    );
    assert_eq!(d.meta.sheets, vec!["2021".to_string(), "2022".to_string()]);
    assert_eq!((d.report.kept, d.report.rejected), (8, 1));
    assert!(d.report.balances());
    let notes = d.report.notes_text(poc_workbench::i18n::Lang::En);
    assert!(
        notes.contains("sheets '2021', '2022' of 3 ('2021', '2022', '2019') read as one table"),
        "{notes}"
    );
    assert!(notes.contains("hidden sheet '2019' not read"), "{notes}");
    // The rejected row says which sheet it is in, and its row there.
    let bad = &d.report.issues[0];
    assert_eq!(bad.line, 5, "{bad:?}");
    assert!(bad.message.en().starts_with("sheet '2022': "), "{bad:?}");
    assert!(
        bad.message
            .get(poc_workbench::i18n::Lang::Fr)
            .starts_with("feuille « 2022 » : "),
        "{bad:?}"
    );
    // Every event keeps its dates: both years are in.
    let years: std::collections::BTreeSet<String> = d
        .incidents
        .date
        .iter()
        .map(|x| poc_workbench::model::dates::iso(*x)[..4].to_string())
        .collect();
    assert_eq!(years, ["2021".to_string(), "2022".to_string()].into());
    // An incident's source record is read from its own sheet.
    let last = d.incidents.len() - 1;
    let pos = poc_workbench::model::incident::SourcePosition {
        line: u64::from(d.incidents.line[last]),
        byte: d.incidents.byte[last],
    };
    let rec = poc_workbench::import::source::source_record(&d.meta, pos).expect("record");
    assert_eq!(rec[0], ("Date".to_string(), "2022-03-03".to_string()));
    // A mapping that names a sheet reads that one only.
    let one = read(&poc_workbench::import::ColumnMapping {
        sheet: Some("2022".into()),
        ..mapping.clone()
    });
    assert_eq!((one.report.kept, one.report.rejected), (3, 1));
    assert!(one.meta.sheets.is_empty());
}

/// A filter to a type with no events in a region whose data stop early
/// (a register entry's counts) is "no data", not "stable, 1×1": the
/// region's coverage reaches the totals even without a column (found in
/// review of this session's change).
#[test]
fn an_empty_selection_in_an_uncovered_region_is_no_data() {
    let ws = workspace(&[
        ("2019-01-01", "Front", "Rebel group", "Alpha", 1, "Attack"),
        ("2020-03-31", "Front", "Rebel group", "Alpha", 1, "Attack"),
    ]);
    let f = Filter {
        perpetrators: Some([PerpetratorType::StateForces].into()),
        regions: Some(["Alpha".to_string()].into()),
        ..Default::default()
    };
    let m = ThreatMatrix::compute(&ws, &f, Some(date("2020-12-31")));
    assert_eq!(m.total.events, 0);
    assert_eq!(m.total.trend(), Trend::NoData);
    assert_eq!(m.total.suggestion(), None);
}

/// Issue #16 (15): two ACLED exports with the same event ids and different
/// data (a later export corrects the fatalities) give the same totals in
/// whichever order they are opened: the copy in the file whose data reach
/// the latest date counts, and the copies that differ are counted and
/// said.
#[test]
fn repeated_ids_with_other_data_count_the_newer_export_whatever_the_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, rows: &[(&str, &str, u32)]| {
        let path = dir.path().join(name);
        let mut text = format!("{HEADER}\n");
        for (id, date, fat) in rows {
            text.push_str(&format!(
                "{id},{date},Violence against civilians,Attack,Army,State forces,Civilians,Civilians,Civilians targeted,Testland,North,D,12.0,-3.0,1,1,{fat},n\n"
            ));
        }
        std::fs::write(&path, text).expect("write");
        import_file(&path, &ImportOptions::default(), &Progress::default()).expect("imports")
    };
    let old = write(
        "export-march.csv",
        &[
            ("T1", "2020-01-10", 1),
            ("T2", "2020-01-11", 1),
            ("T3", "2020-01-12", 1),
        ],
    );
    let new = write(
        "export-june.csv",
        &[
            ("T1", "2020-01-10", 5),
            ("T2", "2020-01-11", 1),
            ("T3", "2020-01-12", 5),
            ("T4", "2020-05-30", 2),
        ],
    );
    let totals = |ds: Vec<poc_workbench::model::Dataset>| {
        let ws = Workspace::new(ds);
        let m = ThreatMatrix::compute(&ws, &Filter::default(), None);
        (
            m.total.events,
            m.total.civilian_fatalities,
            ws.repeats.clone(),
            ws.repeat_conflicts.clone(),
        )
    };
    let (e1, f1, r1, c1) = totals(vec![old.clone(), new.clone()]);
    let (e2, f2, r2, c2) = totals(vec![new, old]);
    assert_eq!(
        (e1, f1),
        (4, 5 + 1 + 5 + 2),
        "the June export's copies count"
    );
    assert_eq!((e1, f1), (e2, f2), "whatever the order");
    // The March file's three copies are the repeats; two of them differ.
    assert_eq!((r1, c1), (vec![3, 0], vec![2, 0]));
    assert_eq!((r2, c2), (vec![0, 3], vec![0, 2]));
}
