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
    let s = c.suggestion();
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
