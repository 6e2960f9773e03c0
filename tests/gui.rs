//! The window, driven through its accessibility tree with egui_kittest (no
//! display, no GPU): the matrix shows the same totals as `summarize`, filters
//! change them, a cell click lists exactly that cell's incidents, an unknown
//! file opens the mapping dialog, and a cancelled load changes nothing.
#![cfg(feature = "gui")]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use poc_workbench::analysis::{Filter, ThreatMatrix, Workspace};
use poc_workbench::app::commands::{AppCommand, View};
use poc_workbench::app::session::Selection;
use poc_workbench::app::{WorkbenchApp, sample_path};
use poc_workbench::import::{ImportOptions, Progress, import_file};
use poc_workbench::model::PerpetratorType;

fn harness(app: WorkbenchApp) -> Harness<'static, WorkbenchApp> {
    Harness::builder()
        .with_size([1500.0, 1000.0])
        .build_ui_state(|ui, app: &mut WorkbenchApp| app.show(ui), app)
}

fn shown_total(h: &Harness<'_, WorkbenchApp>) -> u64 {
    let node = h.get_by_label_contains("Total civilian-harm events: ");
    let label = node
        .accesskit_node()
        .label()
        .or_else(|| node.value())
        .unwrap_or_default();
    label
        .rsplit(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(u64::MAX)
}

/// The totals `summarize` computes for the sample, from the core directly.
fn summarize_totals() -> (u64, u64) {
    let d = import_file(
        &sample_path(),
        &ImportOptions::default(),
        &Progress::default(),
    )
    .expect("sample loads");
    let m = ThreatMatrix::compute(&Workspace::new(vec![d]), &Filter::default(), None);
    (m.total.events, m.total.civilian_fatalities)
}

#[test]
fn matrix_total_equals_summarize() {
    let mut h = harness(WorkbenchApp::with_files(&[sample_path()]));
    h.run();
    let (events, fatalities) = summarize_totals();
    assert_eq!(events, 2055);
    assert_eq!(shown_total(&h), events);
    h.get_by_label(&format!("Total civilian fatalities: {fatalities}"));
}

#[test]
fn choosing_a_region_or_a_date_range_changes_the_totals() {
    let mut h = harness(WorkbenchApp::with_files(&[sample_path()]));
    h.run();
    let all = shown_total(&h);
    // The region list is virtualised: search for the region (as Ctrl+F does), then untick it.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    h.get_all_by_role(egui::Role::TextInput)
        .find(|n| n.is_focused())
        .expect("Ctrl+F focuses the region search")
        .type_text("north darfur");
    h.run();
    h.get_by_role_and_label(egui::Role::CheckBox, "North Darfur")
        .click();
    h.run();
    let without = shown_total(&h);
    assert!(without < all, "unticking North Darfur: {without} vs {all}");
    let nd = h
        .state()
        .session()
        .cached_derived()
        .expect("computed")
        .matrix
        .clone();
    assert!(!nd.regions.contains(&"North Darfur".to_string()));

    let mut h = harness(WorkbenchApp::with_files(&[sample_path()]));
    h.run();
    h.get_by_label("Last 12 months").click();
    h.run();
    let recent = shown_total(&h);
    assert!(
        recent < all && recent > 0,
        "last 12 months: {recent} of {all}"
    );
    let f = &h.state().session().filter();
    assert_eq!(f.to.map(|d| d.to_string()), Some("2023-12-31".to_string()));
    assert_eq!(
        f.from.map(|d| d.to_string()),
        Some("2023-01-01".to_string())
    );
}

#[test]
fn clicking_a_cell_lists_exactly_that_cells_incidents() {
    let mut h = harness(WorkbenchApp::with_files(&[sample_path()]));
    h.run();
    let expected = h
        .state()
        .session()
        .cached_derived()
        .expect("computed")
        .matrix
        .cell(PerpetratorType::StateForces, "North Darfur")
        .expect("a state-forces cell in North Darfur")
        .events;
    h.get_by_label_contains("State security forces × North Darfur: ")
        .click();
    h.run();
    let app = h.state_mut();
    assert_eq!(app.view(), View::Incidents);
    assert_eq!(
        *app.selection(),
        Selection {
            perpetrator: Some(PerpetratorType::StateForces),
            region: Some("North Darfur".into())
        }
    );
    let rows = app.session().cached_incidents().to_vec();
    assert_eq!(rows.len() as u64, expected);
    let ws = app.session().workspace();
    let regions = ws.regions(app.session().filter().level);
    for &r in &rows {
        assert_eq!(ws.perpetrator_of(r), PerpetratorType::StateForces);
        assert_eq!(
            regions.names[regions.of_row[r.0][r.1] as usize],
            "North Darfur"
        );
        assert!(ws.datasets[r.0].incidents.civilian_harm[r.1]);
    }
    h.get_by_label_contains(&format!("Showing {expected} civilian-harm incidents"));
}

#[test]
fn an_unknown_csv_opens_the_mapping_dialog() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("case-log.csv");
    std::fs::write(&f, "Incident date,Province,Perpetrator,Killed\n14/02/2021,North,Army,2\n15/02/2021,South,Unknown,0\n").expect("write");
    let mut h = harness(WorkbenchApp::with_files(std::slice::from_ref(&f)));
    h.run();
    assert!(h.state().mapping_dialog_open());
    h.get_by_label_contains("Column mapping — case-log.csv");
    // The suggested mapping already reads the dates; import it.
    h.get_by_label("Import with this mapping").click();
    h.run_steps(2);
    h.state_mut().wait_for_loads();
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.session().workspace().datasets.len(), 1);
    assert_eq!(app.session().workspace().datasets[0].report.kept, 2);
}

/// Issue #16 (13): a workbook with one sheet per year. The mapping dialog
/// offers the sheet to read: by default the data sheet with every visible
/// sheet of the same columns (both years counted), or one sheet chosen.
#[test]
fn the_mapping_dialog_reads_every_year_sheet_or_the_one_chosen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("case-log.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (year, rows) in [("2020", 3u32), ("2021", 2)] {
        let ws = wb.add_worksheet();
        ws.set_name(year).expect("name");
        for (c, h) in ["Incident date", "Province", "Perpetrator", "Killed"]
            .iter()
            .enumerate()
        {
            ws.write_string(0, c as u16, *h).expect("write");
        }
        for r in 1..=rows {
            ws.write_string(r, 0, format!("{year}-02-1{r}"))
                .expect("write");
            ws.write_string(r, 1, "North").expect("write");
            ws.write_string(r, 2, "Army").expect("write");
            ws.write_number(r, 3, 1.0).expect("write");
        }
    }
    wb.save(&f).expect("save");
    let import = |choose: Option<&str>| {
        let mut h = harness(WorkbenchApp::with_files(std::slice::from_ref(&f)));
        h.run();
        assert!(h.state().mapping_dialog_open());
        h.state_mut().wait_for_loads();
        h.run();
        // The sheet picker, on "the data sheet with its same-column sheets".
        let combo = h.get_by_label("Sheet");
        assert_eq!(
            combo.accesskit_node().value().as_deref(),
            Some("The data sheet, with every visible sheet that has its columns")
        );
        // The live check counts the rows the import will read.
        let rows = if choose.is_some() { "2 of 2" } else { "5 of 5" };
        if let Some(name) = choose {
            combo.click();
            h.run();
            h.get_by_label(name).click();
            h.run();
            h.state_mut().wait_for_loads();
            h.run();
        }
        let check = h.state().mapping_check_text().unwrap_or_default();
        assert!(check.contains(rows), "{check}");
        h.get_by_label("Import with this mapping").click();
        h.run_steps(2);
        h.state_mut().wait_for_loads();
        h.run_steps(3);
        let app = h.state();
        let ws = app.session().workspace();
        assert_eq!(ws.datasets.len(), 1, "{:?}", app.messages_text());
        let d = &ws.datasets[0];
        (
            d.report.kept,
            d.meta.sheet.clone(),
            d.report.notes_text(poc_workbench::i18n::Lang::En),
        )
    };
    let (kept, _, notes) = import(None);
    assert_eq!(kept, 5, "{notes}");
    assert!(notes.contains("sheets '2020', '2021' of 2"), "{notes}");
    let (kept, sheet, notes) = import(Some("2021"));
    assert_eq!((kept, sheet.as_deref()), (2, Some("2021")), "{notes}");
}

/// An incident log in the Aid Worker Security Database's shape: the date
/// in Year / Month / Day columns (a blank day in one row), and perpetrator
/// values that first appear after the preview's rows.
fn year_month_day_log(dir: &std::path::Path) -> std::path::PathBuf {
    let f = dir.join("aid-worker-log.csv");
    let mut text = String::from(
        "Incident ID,Year,Month,Day,Country,Region,District,Actor type,Total killed\n",
    );
    for i in 0..70 {
        let actor = match i {
            0..=44 if i % 3 == 0 => "Unknown",
            0..=44 if i % 3 == 1 => "Non-state armed group: National",
            0..=44 => "Criminal",
            45..=56 => "Host state",
            57..=59 => "Janjaweed",
            _ => "Unknown",
        };
        let day = if i == 7 {
            String::new()
        } else {
            format!("{}", 1 + i % 28)
        };
        text.push_str(&format!(
            "AW{i},{},{},{day},Sudan,North Darfur,El Fasher,{actor},{}\n",
            2019 + i / 30,
            if i % 2 == 0 {
                "March".to_string()
            } else {
                format!("{}", 1 + i % 12)
            },
            i % 3
        ));
    }
    std::fs::write(&f, text).expect("write");
    f
}

/// METHODOLOGY §1 and issue #13: a log with year/month/day columns and
/// perpetrator values beyond the first rows is imported through the
/// mapping dialog with every value mapped: the dialog suggests the date
/// columns, lists the values of every row with their counts, suggests
/// "Host state" as state forces from its wording, and the analyst maps
/// "Janjaweed" by hand.
#[test]
fn a_year_month_day_log_imports_with_every_value_mapped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = year_month_day_log(dir.path());
    let mut h = harness(WorkbenchApp::with_files(std::slice::from_ref(&f)));
    h.run();
    assert!(h.state().mapping_dialog_open());
    h.state_mut().wait_for_loads();
    h.run();
    // The date from three columns, suggested from their names.
    // (the year, month and day pickers are shown only in that mode).
    h.get_by_label("Year (required)");
    h.get_by_label("Day (a blank day dates the row on the 1st)");
    // Values past the preview, with their counts over every row.
    h.get_by_label("Host state (12 rows)");
    h.get_by_label("Janjaweed (3 rows)");
    h.get_by_label("Host state: State security forces");
    h.get_by_label("Janjaweed: Other (criminals, unmapped values)")
        .click();
    h.run();
    h.get_all_by_label("Political militias")
        .last()
        .expect("the option is listed")
        .click();
    h.run();
    h.get_by_label("Janjaweed: Political militias");
    let import = h.get_by_label("Import with this mapping");
    assert!(
        !import.accesskit_node().is_disabled(),
        "{:?}",
        h.state().mapping_check_text()
    );
    import.click();
    h.run_steps(2);
    assert!(!h.state().mapping_dialog_open(), "the import started");
    h.state_mut().wait_for_loads();
    h.run_steps(3);
    let app = h.state();
    let ws = app.session().workspace();
    assert_eq!(ws.datasets.len(), 1, "{:?}", app.messages_text());
    let d = &ws.datasets[0];
    let count = |c| d.report.counts.get(&c).copied().unwrap_or(0);
    assert_eq!(
        (d.report.rows_read, d.report.kept, d.report.rejected),
        (70, 70, 0)
    );
    assert_eq!(
        count(poc_workbench::model::IssueCode::UnmappedPerpetrator),
        0,
        "every value is mapped"
    );
    assert_eq!(count(poc_workbench::model::IssueCode::DateDayBlank), 1);
    let of = |t: PerpetratorType| {
        (0..d.incidents.len())
            .filter(|&i| d.incidents.perpetrator_type_at(i) == t)
            .count()
    };
    assert_eq!(of(PerpetratorType::StateForces), 12);
    assert_eq!(of(PerpetratorType::PoliticalMilitias), 3);
    let mapping = d.meta.mapping.as_ref().expect("read through a mapping");
    for v in [
        "Unknown",
        "Non-state armed group: National",
        "Criminal",
        "Host state",
        "Janjaweed",
    ] {
        assert!(
            mapping.perpetrator_values.contains_key(v),
            "{v} is in the mapping"
        );
    }
    // Row AW1: 2019, month 2, day 2.
    let first_feb = (0..d.incidents.len())
        .find(|&i| d.incidents.event_id.get(i) == "AW1")
        .expect("AW1");
    assert_eq!(
        poc_workbench::model::dates::from_day_number(d.incidents.date[first_feb]),
        chrono::NaiveDate::from_ymd_opt(2019, 2, 2)
    );
}

#[test]
fn a_cancelled_load_leaves_the_previous_state_intact() {
    let dir = tempfile::tempdir().expect("tempdir");
    let big = dir.path().join("big.csv");
    poc_workbench::cli::bench::write_acled_like(&big, 150_000, 7).expect("generate");
    let mut h = harness(WorkbenchApp::with_files(&[sample_path()]));
    h.run();
    let before = shown_total(&h);
    h.state_mut().send(AppCommand::Open(vec![big]));
    h.step();
    h.step();
    h.get_by_label("Cancel").click();
    h.step();
    h.state_mut().wait_for_loads();
    h.run();
    let app = h.state();
    assert_eq!(app.session().workspace().datasets.len(), 1);
    assert!(
        app.messages().iter().any(|m| m.text.contains("cancelled")),
        "{:?}",
        app.messages()
    );
    assert_eq!(shown_total(&h), before);
}

#[test]
fn every_view_draws_with_the_worked_example() {
    let mut h = harness(WorkbenchApp::with_files(&[
        poc_workbench::app::example_path(),
    ]));
    h.run();
    for v in View::ALL {
        h.state_mut().send(AppCommand::SetView(v));
        h.run();
        assert_eq!(h.state().view(), v);
        // Each view shows something of its own.
        let marker = match v {
            View::Matrix => "Total civilian-harm events: ",
            View::Incidents => "civilian-harm incidents",
            View::Charts => "Reset view",
            View::Map => "Reset map",
            View::Report => "rows read",
            View::Register => "Flags",
            View::Followup => "Back-test",
            View::Actors => "Type given by the source",
            View::Hrddp => "Human rights due diligence screen",
            View::Help => "Your first assessment",
        };
        assert!(
            h.query_all_by_label_contains(marker).next().is_some(),
            "{v:?} shows '{marker}'"
        );
    }
    h.state_mut().send(AppCommand::SetView(View::Report));
    h.run();
    h.get_by_label_contains("3822 rows read");
}

/// Every real file in ../shared/data opens in the window: as a dataset with
/// its import report, or in the mapping dialog, or as one readable error.
#[test]
fn every_shared_file_opens_as_report_dialog_or_message() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if !root.exists() {
        eprintln!("skipped: {} is not present", root.display());
        return;
    }
    let mut files = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("readable").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if ["csv", "tsv", "ssv", "xlsx", "xls"].contains(
                &p.extension()
                    .and_then(|x| x.to_str())
                    .unwrap_or("")
                    .to_lowercase()
                    .as_str(),
            ) {
                files.push(p);
            }
        }
    }
    files.sort();
    let (mut reports, mut dialogs) = (0, 0);
    for f in &files {
        let mut h = harness(WorkbenchApp::with_files(std::slice::from_ref(f)));
        h.state_mut().send(AppCommand::SetView(View::Report));
        h.run();
        let app = h.state();
        let loaded = app.session().workspace().datasets.len() == 1;
        let dialog = app.mapping_dialog_open();
        assert!(
            loaded || dialog || !app.messages().is_empty(),
            "{}: nothing shown",
            f.display()
        );
        if loaded {
            reports += 1;
            assert_eq!(h.state().view(), View::Report, "{}", f.display());
            h.get_by_label_contains("rows read");
        }
        if dialog {
            dialogs += 1;
            h.get_by_label_contains("Column mapping — ");
            h.get_by_label("Import with this mapping");
        }
    }
    eprintln!(
        "{} files: {reports} import reports, {dialogs} mapping dialogs",
        files.len()
    );
    assert!(
        reports >= 8 && dialogs >= 3,
        "{reports} reports, {dialogs} dialogs"
    );
}

#[test]
fn the_worked_example_opens_with_its_register() {
    let mut h = harness(WorkbenchApp::with_files(&[
        poc_workbench::app::example_path(),
    ]));
    h.run();
    let app = h.state();
    assert!(app.messages().is_empty(), "{:?}", app.messages());
    let doc = app.doc().expect("the assessment is open");
    assert_eq!(doc.assessment().register.len(), 3);
    assert_eq!(
        app.session().as_of().map(|d| d.to_string()),
        Some("2020-12-31".to_string())
    );
}

#[test]
fn a_register_entry_is_created_from_a_cell_rated_and_undone() {
    let mut h = harness(WorkbenchApp::with_files(&[
        poc_workbench::app::example_path(),
    ]));
    h.run();
    let before = h.state().doc().expect("doc").assessment().clone();
    // Right-click a cell, then "Add to threat register".
    h.get_by_label_contains("State security forces × Khartoum: ")
        .click_secondary();
    h.run();
    h.get_by_label("Add to threat register").click();
    h.run();
    let app = h.state();
    assert_eq!(app.view(), View::Register);
    let doc = app.doc().expect("doc");
    assert_eq!(doc.assessment().register.len(), 4);
    let new = doc.assessment().register.last().expect("entry");
    assert_eq!(
        (new.perpetrator, new.regions.clone()),
        (PerpetratorType::StateForces, vec!["Khartoum".to_string()])
    );
    let id = new.id;
    // Rate it: likelihood 5.
    h.get_by_label(&format!("Likelihood 5 for entry {id}"))
        .click();
    h.run();
    assert_eq!(
        h.state().doc().expect("doc").assessment().register[3].likelihood,
        Some(5)
    );
    // Undo twice (rating, then creation) restores the document.
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(
        h.state().doc().expect("doc").assessment().register[3].likelihood,
        None
    );
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(*h.state().doc().expect("doc").assessment(), before);
}

#[test]
fn naming_state_forces_successor_raises_the_successor_is_perpetrator_flag() {
    let mut h = harness(WorkbenchApp::with_files(&[
        poc_workbench::app::example_path(),
    ]));
    h.run();
    h.state_mut().send(AppCommand::NewEntry {
        perpetrator: PerpetratorType::StateForces,
        region: "Khartoum".into(),
    });
    h.run();
    let id = h.state().doc().expect("doc").assessment().register[3].id;
    let flag_count = |h: &Harness<'_, WorkbenchApp>| {
        h.get_all_by_label_contains("successor is perpetrator")
            .count()
    };
    let before = flag_count(&h);
    h.get_by_label(&format!("Tier II successor for entry {id}"))
        .click();
    h.run();
    h.get_all_by_label("Host-state security forces")
        .last()
        .expect("option")
        .click();
    h.run();
    let doc = h.state().doc().expect("doc");
    assert_eq!(
        doc.assessment().register[3]
            .successors
            .get(&poc_workbench::assessment::Tier::II),
        Some(&poc_workbench::assessment::Successor::HostStateSecurityForces)
    );
    // Flags are raised on residual entries only (METHODOLOGY §5).
    assert_eq!(flag_count(&h), before, "not residual: no flag yet");
    h.get_by_label(&format!("Residual threat (entry {id})"))
        .click();
    h.run();
    assert!(flag_count(&h) > before, "the flag appears on the new entry");
}

#[test]
fn a_damaged_assessment_is_reported_and_its_backup_offered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = std::fs::read_to_string(poc_workbench::app::example_path()).expect("example");
    let p = dir.path().join("damaged.ron");
    std::fs::write(&p, &good[..good.len() / 3]).expect("write");
    std::fs::write(poc_workbench::assessment::file::backup_path(&p), &good).expect("bak");
    let mut h = harness(WorkbenchApp::with_files(std::slice::from_ref(&p)));
    h.run();
    assert!(h.state().doc().is_none());
    assert!(
        h.state()
            .messages()
            .iter()
            .any(|m| m.error && m.text.contains("damaged.ron") && m.text.contains("line "))
    );
    h.get_by_label("Open the backup").click();
    h.step();
    // The backup opens in the background, like any assessment.
    h.state_mut().wait_for_loads();
    h.run();
    let app = h.state();
    assert_eq!(app.doc().map(|d| d.assessment().register.len()), Some(3));
    assert_eq!(
        std::fs::read_to_string(&p).expect("read").len(),
        good.len() / 3,
        "the damaged file is kept"
    );
}

#[test]
fn a_new_assessment_records_its_datasets_and_saves_as_through_the_file_browser() {
    let mut h = harness(WorkbenchApp::with_files(&[sample_path()]));
    h.run();
    h.state_mut().send(AppCommand::NewAssessment);
    h.run();
    h.state_mut().send(AppCommand::NewEntry {
        perpetrator: PerpetratorType::StateForces,
        region: "North Darfur".into(),
    });
    h.run();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("new.ron");
    {
        let doc = h.state().doc().expect("doc");
        assert_eq!(doc.assessment().datasets.len(), 1);
        assert_eq!(
            doc.assessment().datasets[0].sha256,
            "37948ba7d56c6acfae421291e4ef8c7d05f710cadfc5e8eeb65aa531441650f6"
        );
        assert!(doc.is_dirty());
        assert!(doc.path().is_none());
    }
    // Ctrl+S on a document without a file is Save As; with no desktop file
    // dialog in the test, the workbench's own browser opens.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    let browser = h
        .state_mut()
        .file_browser_mut()
        .expect("the file browser opens");
    browser.go(dir.path().to_path_buf());
    browser.name = "new.ron".into();
    h.run();
    h.get_by_label("Choose").click();
    h.run();
    let app = h.state();
    let doc = app.doc().expect("doc");
    assert!(!doc.is_dirty(), "{:?}", app.messages());
    assert_eq!(doc.path(), Some(path.as_path()));
    let back = poc_workbench::assessment::file::load(&path).expect("loads");
    assert_eq!(&back, doc.assessment());
    assert_eq!(back.register.len(), 1);
    assert!(app.title().starts_with("new.ron"), "{}", app.title());
}

/// The worked example and its dataset copied into `dir`; the copy's path.
fn copy_example(dir: &std::path::Path) -> std::path::PathBuf {
    for f in ["darfur-transition.ron", "ucdp-ged-sudan.csv"] {
        std::fs::copy(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("sample-data")
                .join(f),
            dir.join(f),
        )
        .expect("copy");
    }
    dir.join("darfur-transition.ron")
}

#[test]
fn the_export_dialog_previews_withheld_cells_and_writes_and_records_the_annex() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ron = copy_example(dir.path());
    let mut h = harness(WorkbenchApp::with_files(std::slice::from_ref(&ron)));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    assert!(
        h.state_mut().export_dialog_mut().is_some(),
        "Ctrl+E opens the dialog"
    );
    // Choose the public level: the preview shows withheld cells.
    h.get_by_label("public").click();
    h.run();
    h.run();
    assert!(
        h.query_all_by_label("<5").count() > 5,
        "withheld cells in the preview"
    );
    // The classification heads the preview (and is in document control).
    assert!(
        h.query_all_by_label_contains("PUBLIC: small counts withheld")
            .count()
            >= 1
    );
    let out = dir.path().join("annex.html");
    set_export(&mut h, poc_workbench::annex::Format::Html, &out);
    h.get_by_label("Export").click();
    h.run();
    let app = h.state_mut();
    assert!(app.export_dialog_mut().is_none(), "closed after writing");
    let html = std::fs::read_to_string(&out).expect("the annex is written");
    assert!(html.contains("PUBLIC: small counts withheld") && html.contains("<svg"));
    let doc = app.doc().expect("doc");
    let rec = doc.assessment().exports.last().expect("recorded");
    assert_eq!(rec.level, poc_workbench::assessment::SharingLevel::Public);
    assert!(doc.is_dirty(), "the record waits for the analyst's Save");
    // Writing over the dataset is refused, in the dialog.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    h.state_mut().export_dialog_mut().expect("dialog").path =
        dir.path().join("ucdp-ged-sudan.csv").display().to_string();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    let err = h
        .state_mut()
        .export_dialog_mut()
        .and_then(|d| d.error.clone());
    assert!(err.is_some_and(|e| e.contains("refusing")));
}

fn set_export(
    h: &mut Harness<'_, WorkbenchApp>,
    f: poc_workbench::annex::Format,
    out: &std::path::Path,
) {
    let d = h.state_mut().export_dialog_mut().expect("dialog");
    d.format = f;
    d.path = out.display().to_string();
    h.run();
}

/// The reviewer's case: an analyst changes a rating, exports, and the
/// assessment file on disk is exactly what it was (an export never saves
/// other unsaved edits); the export record and the edit are saved together
/// by the analyst's own Save.
#[test]
fn an_export_does_not_save_unsaved_edits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ron = copy_example(dir.path());
    let on_disk = std::fs::read(&ron).expect("read");
    let mut h = harness(WorkbenchApp::with_files(std::slice::from_ref(&ron)));
    h.run();
    h.state_mut().send(AppCommand::SetView(View::Register));
    h.run();
    let id = h.state().doc().expect("doc").assessment().register[0].id;
    let old = h.state().doc().expect("doc").assessment().register[0].likelihood;
    let new = if old == Some(5) { 4 } else { 5 };
    h.get_by_label(&format!("Likelihood {new} for entry {id}"))
        .click();
    h.run();
    assert!(h.state().doc().expect("doc").is_dirty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    set_export(
        &mut h,
        poc_workbench::annex::Format::Markdown,
        &dir.path().join("annex.md"),
    );
    h.get_by_label("Export").click();
    h.run();
    assert!(dir.path().join("annex.md").exists());
    assert_eq!(
        std::fs::read(&ron).expect("read"),
        on_disk,
        "the export did not save the edit"
    );
    let doc = h.state().doc().expect("doc");
    assert!(doc.is_dirty());
    assert_eq!(
        doc.assessment().exports.len(),
        1 + poc_workbench::assessment::file::load(&ron)
            .expect("loads")
            .exports
            .len()
    );
    // Save keeps both.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    let back = poc_workbench::assessment::file::load(&ron).expect("loads");
    assert_eq!(back.register[0].likelihood, Some(new));
    assert_eq!(&back, h.state().doc().expect("doc").assessment());
}

/// A file the export did not write is replaced only when the analyst says
/// so; the annex an earlier export wrote, unchanged, is replaced without asking.
#[test]
fn the_export_asks_before_replacing_a_file_it_did_not_write() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ron = copy_example(dir.path());
    let theirs = dir.path().join("notes.md");
    std::fs::write(&theirs, "a colleague's notes\n").expect("write");
    let mut h = harness(WorkbenchApp::with_files(std::slice::from_ref(&ron)));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    set_export(&mut h, poc_workbench::annex::Format::Markdown, &theirs);
    h.get_by_label("Export").click();
    h.run();
    assert_eq!(
        std::fs::read_to_string(&theirs).expect("read"),
        "a colleague's notes\n"
    );
    h.get_by_label_contains("was not written by this assessment's exports");
    h.get_by_label("Replace").click();
    h.run();
    assert!(
        std::fs::read_to_string(&theirs)
            .expect("read")
            .contains("Residual")
    );
    // Now it is the export's own file: a second export replaces it without asking.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    set_export(&mut h, poc_workbench::annex::Format::Markdown, &theirs);
    h.get_by_label("Export").click();
    h.run();
    assert!(
        h.state_mut().export_dialog_mut().is_none(),
        "written without asking"
    );
    assert_eq!(h.state().doc().expect("doc").assessment().exports.len(), 2);
}

/// The worked example opens as a copy: the title says so, and Save goes to
/// Save As, never into the install's sample-data folder.
#[test]
fn the_worked_example_opens_as_a_copy_and_save_asks_where() {
    let example = poc_workbench::app::example_path();
    let before = std::fs::read(&example).expect("read");
    let mut h = harness(WorkbenchApp::with_files(std::slice::from_ref(&example)));
    h.run();
    let title = h.state().title();
    assert!(title.contains("copy of the worked example"), "{title}");
    assert!(h.state().doc().expect("doc").path().is_none());
    let mut meta = h.state().doc().expect("doc").assessment().meta.clone();
    meta.notes.push_str(" edited");
    h.state_mut().send(AppCommand::EditDoc(
        poc_workbench::assessment::edit::Edit::SetMeta(meta),
    ));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(
        h.state_mut().file_browser_mut().is_some(),
        "Save asks where"
    );
    assert_eq!(
        std::fs::read(&example).expect("read"),
        before,
        "the example is untouched"
    );
}

/// Ctrl+B hides and shows the filter panel; F1 opens the guide, rendered
/// (headings and list items, not Markdown source).
#[test]
fn the_filter_panel_hides_and_the_guide_renders() {
    let mut h = harness(WorkbenchApp::with_files(&[sample_path()]));
    h.run();
    assert!(h.query_by_label("Last 12 months").is_some());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::B);
    h.run();
    assert!(!h.state().filters_open());
    assert!(
        h.query_by_label("Last 12 months").is_none(),
        "the panel is hidden"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::B);
    h.run();
    assert!(h.query_by_label("Last 12 months").is_some());
    h.key_press(egui::Key::F1);
    h.run();
    assert_eq!(h.state().view(), View::Help);
    h.get_by_label_contains("Your first assessment, step by step");
    assert!(
        h.query_all_by_label_contains("## ").next().is_none()
            && h.query_all_by_label_contains("**").next().is_none(),
        "Markdown is rendered, not shown raw"
    );
}

/// A narrow window (1024×700, and 1280×720 with the workshop scale) keeps
/// every matrix column reachable: the share column starts beyond the right
/// edge, and scrolling sideways over the table brings it into view.
#[test]
fn the_matrix_scrolls_sideways_on_a_small_screen() {
    let mut scrolled = 0;
    for (size, workshop) in [([1024.0f32, 700.0f32], false), ([1280.0, 720.0], true)] {
        let mut h = Harness::builder().with_size(size).build_ui_state(
            |ui, app: &mut WorkbenchApp| app.show(ui),
            WorkbenchApp::with_files(&[sample_path()]),
        );
        h.run();
        if workshop {
            h.key_press(egui::Key::F11);
            h.run();
        }
        h.run();
        let right = |h: &Harness<'_, WorkbenchApp>| {
            // The metric's radio button has the same name: the header is the last.
            let n = h
                .get_all_by_label("State-perpetrated share")
                .last()
                .expect("header");
            n.accesskit_node().bounding_box().map_or(f64::MAX, |b| b.x1)
        };
        let before = right(&h);
        let width = f64::from(size[0]);
        if before <= width {
            continue; // everything fits at this size
        }
        scrolled += 1;
        let over = h
            .get_by_label("Total")
            .accesskit_node()
            .bounding_box()
            .expect("box");
        h.event(egui::Event::PointerMoved(egui::pos2(
            (width * 0.6) as f32,
            over.y0 as f32 + 40.0,
        )));
        for _ in 0..20 {
            h.event(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(-200.0, 0.0),
                modifiers: egui::Modifiers::NONE,
                phase: egui::TouchPhase::Move,
                source: egui::MouseWheelSource::Unknown,
            });
            // step, not run: the hovered cell's tooltip keeps asking for frames.
            h.step();
        }
        h.step();
        let after = right(&h);
        assert!(
            after < before && after <= width,
            "{size:?}: the share column moved from {before} to {after}"
        );
    }
    assert_eq!(
        scrolled, 2,
        "at both sizes the table is wider than the window"
    );
}

#[test]
fn saving_to_a_full_disk_tells_the_analyst_and_keeps_the_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=4m", "tmpfs"])
        .arg(dir.path())
        .output()
        .is_ok_and(|o| o.status.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here (needs root)");
        return;
    }
    struct Unmount<'a>(&'a std::path::Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            if let Err(e) = std::process::Command::new("umount").arg(self.0).status() {
                eprintln!("umount {}: {e}", self.0.display());
            }
        }
    }
    let _guard = Unmount(dir.path());
    let ron = copy_example(dir.path());
    let before = std::fs::read(&ron).expect("read");
    let mut h = harness(WorkbenchApp::with_files(std::slice::from_ref(&ron)));
    h.run();
    // Fill the disk, then change the document and press Ctrl+S.
    {
        use std::io::Write;
        let mut f = std::fs::File::create(dir.path().join("filler")).expect("filler");
        let block = vec![0u8; 4096];
        while f.write_all(&block).is_ok() {}
    }
    let mut meta = h.state().doc().expect("doc").assessment().meta.clone();
    meta.notes = "x".repeat(50_000);
    h.state_mut().send(AppCommand::EditDoc(
        poc_workbench::assessment::edit::Edit::SetMeta(meta),
    ));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    let app = h.state();
    let msg = app.messages().last().expect("a message");
    assert!(msg.error, "{}", msg.text);
    assert!(
        msg.text.contains("The disk is full") && msg.text.contains("previous file is unchanged"),
        "{}",
        msg.text
    );
    assert!(app.doc().expect("doc").is_dirty(), "still unsaved");
    assert_eq!(std::fs::read(&ron).expect("read"), before);
}

/// Ctrl+1 puts the keyboard focus on the matrix's first cell; F6 moves it
/// to the next panel (the filters' region search), Shift+F6 back.
#[test]
fn the_keyboard_jumps_to_the_matrix_and_between_panels() {
    let mut h = harness(WorkbenchApp::with_files(&[sample_path()]));
    h.run();
    let focused = |h: &Harness<'_, WorkbenchApp>| {
        h.query_all(egui_kittest::kittest::by())
            .find(|n| n.is_focused())
            .map(|n| {
                let a = n.accesskit_node();
                (a.role(), a.label().unwrap_or_default().to_string())
            })
    };
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num1);
    h.run();
    let (role, label) = focused(&h).expect("something has the focus");
    assert_eq!(role, egui::accesskit::Role::Button, "{label}");
    assert!(
        label.contains(" × "),
        "a matrix cell has the focus: {label}"
    );
    h.key_press(egui::Key::F6);
    h.run();
    let (role, _) = focused(&h).expect("focus");
    assert_eq!(
        role,
        egui::accesskit::Role::TextInput,
        "F6 goes on to the region search"
    );
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F6);
    h.run();
    let (_, label) = focused(&h).expect("focus");
    assert!(
        label.contains(" × "),
        "Shift+F6 comes back to the matrix: {label}"
    );
}

/// An assessment whose dataset is a FIFO (or a device) opens in the
/// background and reports the dataset as missing, instead of reading
/// forever on the window's thread.
#[test]
fn an_assessment_whose_dataset_is_a_pipe_opens_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ron = copy_example(dir.path());
    let fifo = dir.path().join("pipe.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("skipped: mkfifo is not available here");
        return;
    }
    let text = std::fs::read_to_string(&ron).expect("read");
    std::fs::write(&ron, text.replace("\"ucdp-ged-sudan.csv\"", "\"pipe.csv\"")).expect("write");
    let mut h = harness(WorkbenchApp::empty());
    h.state_mut().send(AppCommand::OpenAssessment(ron.clone()));
    h.step();
    let started = std::time::Instant::now();
    h.state_mut().wait_for_loads();
    assert!(started.elapsed().as_secs() < 20, "the open finished");
    h.run();
    let app = h.state();
    assert!(app.doc().is_some(), "the assessment itself opens");
    assert!(
        app.messages().iter().any(|m| m.error
            && m.text.contains("pipe.csv")
            && m.text.contains("not a regular file")),
        "{:?}",
        app.messages()
    );
}

/// Opening another assessment (here the worked example) while the open one
/// has unsaved changes asks first; Cancel keeps the work, Discard goes on.
#[test]
fn replacing_a_document_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ron = copy_example(dir.path());
    let mut h = harness(WorkbenchApp::with_files(std::slice::from_ref(&ron)));
    h.run();
    let mut meta = h.state().doc().expect("doc").assessment().meta.clone();
    meta.title = "Edited, not saved".into();
    h.state_mut().send(AppCommand::EditDoc(
        poc_workbench::assessment::edit::Edit::SetMeta(meta),
    ));
    h.run();
    h.state_mut().send(AppCommand::OpenExample);
    h.run();
    h.state_mut().wait_for_loads();
    h.run();
    assert_eq!(
        h.state().doc().expect("doc").assessment().meta.title,
        "Edited, not saved",
        "nothing replaced before the analyst answers"
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Discard the changes and go on").is_none());
    h.state_mut().send(AppCommand::OpenExample);
    h.run();
    h.get_by_label("Discard the changes and go on").click();
    h.step();
    h.state_mut().wait_for_loads();
    h.run();
    let doc = h.state().doc().expect("doc");
    assert!(doc.source_of_copy().is_some(), "the example is open now");
    assert!(!doc.is_dirty());
}

fn type_into(h: &mut Harness<'_, WorkbenchApp>, label: &str, text: &str) {
    h.get_by_role_and_label(egui::Role::TextInput, label)
        .click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(egui::Role::TextInput, label)
        .type_text(text);
    h.run();
}

/// Title, mission, country and as-of date are edited in the window and
/// applied as one undoable edit; the trend windows follow the new as-of date.
#[test]
fn the_assessment_details_are_edited_in_the_window() {
    let mut h = harness(WorkbenchApp::with_files(&[sample_path()]));
    h.run();
    h.state_mut().send(AppCommand::NewAssessment);
    h.state_mut().send(AppCommand::SetView(View::Register));
    h.run();
    h.get_by_label_contains("Assessment details").click();
    h.run();
    type_into(&mut h, "Title", "Darfur after UNAMID");
    type_into(&mut h, "Mission", "UNAMID");
    type_into(&mut h, "Country", "Sudan");
    type_into(&mut h, "As of (YYYY-MM-DD)", "2020-12-31");
    h.get_by_label("Apply").click();
    h.run();
    let meta = h.state().doc().expect("doc").assessment().meta.clone();
    assert_eq!(
        (
            meta.title.as_str(),
            meta.mission.as_str(),
            meta.country.as_str()
        ),
        ("Darfur after UNAMID", "UNAMID", "Sudan")
    );
    assert_eq!(meta.as_of.to_string(), "2020-12-31");
    assert_eq!(
        h.state().session().as_of().map(|d| d.to_string()),
        Some("2020-12-31".into()),
        "the trend windows follow"
    );
    h.state_mut().send(AppCommand::Undo);
    h.run();
    let meta = h.state().doc().expect("doc").assessment().meta.clone();
    assert_eq!(
        meta.title, "New assessment",
        "one undo takes back the whole form"
    );
    assert_eq!(meta.as_of.to_string(), "2023-12-31");
}

/// Issue #15: the annex's document control and key judgements, a tier's
/// planned handover date and a benchmark's measuring frequency are edited
/// in the window, each as one undoable edit, and reach the annex.
#[test]
fn document_control_key_judgements_handover_and_frequency_are_edited_in_the_window() {
    let mut h = Harness::builder()
        .with_size([1600.0, 2200.0])
        .build_ui_state(
            |ui, app: &mut WorkbenchApp| app.show(ui),
            WorkbenchApp::with_files(&[poc_workbench::app::example_path()]),
        );
    h.run();
    h.state_mut().wait_for_loads();
    h.state_mut().send(AppCommand::SetView(View::Register));
    h.run();
    h.get_by_label_contains("Assessment details").click();
    h.run();
    type_into(&mut h, "Document number", "UNAMID/POC/2020/017");
    type_into(&mut h, "Version", "2.1");
    type_into(
        &mut h,
        "Cleared by (name, function)",
        "Head of the POC Unit",
    );
    h.get_by_label("Fill from the register").click();
    h.run();
    h.get_by_label("Apply").click();
    h.run();
    let meta = h.state().doc().expect("doc").assessment().meta.clone();
    assert_eq!(meta.document_number, "UNAMID/POC/2020/017");
    assert_eq!(meta.version, "2.1");
    assert_eq!(meta.cleared_by, "Head of the POC Unit");
    assert_eq!(meta.key_judgements.len(), 2, "{:?}", meta.key_judgements);
    assert!(meta.key_judgements[0].starts_with("Non-state armed groups"));
    // The planned handover of entry #1's tier I.
    h.get_all_by_label("Tiers, capacity, mitigation, review date, regions")
        .next()
        .expect("entry #1")
        .click();
    h.run();
    type_into(&mut h, "Tier I planned handover (YYYY-MM-DD)", "2021-06-30");
    h.key_press(egui::Key::Tab);
    h.run();
    let e = h.state().doc().expect("doc").assessment().register[0].clone();
    assert_eq!(
        e.handover
            .get(&poc_workbench::assessment::Tier::I)
            .map(|d| d.to_string()),
        Some("2021-06-30".into())
    );
    // The first benchmark measured quarterly.
    h.state_mut().send(AppCommand::SetView(View::Followup));
    h.run();
    h.get_all_by_label("Measured")
        .next()
        .expect("combo")
        .click();
    h.run();
    // (The example measures it quarterly.)
    h.get_by_label("monthly").click();
    h.run();
    let b = h.state().doc().expect("doc").assessment().benchmarks[0].clone();
    assert_eq!(
        b.frequency,
        Some(poc_workbench::assessment::Frequency::Monthly)
    );
    // Each was one edit: three undos take back the frequency, the date and
    // the details, in that order.
    h.state_mut().send(AppCommand::Undo);
    h.run();
    assert_eq!(
        h.state().doc().expect("doc").assessment().benchmarks[0].frequency,
        Some(poc_workbench::assessment::Frequency::Quarterly)
    );
    h.state_mut().send(AppCommand::Undo);
    h.run();
    let handover = &h.state().doc().expect("doc").assessment().register[0].handover;
    assert!(!handover.contains_key(&poc_workbench::assessment::Tier::I));
    h.state_mut().send(AppCommand::Undo);
    h.run();
    let meta = &h.state().doc().expect("doc").assessment().meta;
    assert_eq!(
        meta.document_number, "EXAMPLE/POC/2020/01",
        "the example's own"
    );
    assert!(meta.key_judgements.is_empty());
}

/// Issue #16: an assessment naming a dataset outside its folder opens with
/// that file listed and not read; one click reads it.
#[test]
fn a_dataset_outside_the_assessments_folder_is_read_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("case")).expect("mkdir");
    std::fs::create_dir_all(dir.path().join("data")).expect("mkdir");
    std::fs::copy(sample_path(), dir.path().join("data/ucdp-ged-sudan.csv")).expect("copy");
    let ron = dir.path().join("case/darfur.ron");
    let mut a =
        poc_workbench::assessment::file::load(&poc_workbench::app::example_path()).expect("load");
    a.datasets[0].path = std::path::PathBuf::from("../data/ucdp-ged-sudan.csv");
    poc_workbench::assessment::file::save(&ron, &a).expect("save");
    let mut h = harness(WorkbenchApp::with_files(std::slice::from_ref(&ron)));
    h.run();
    h.state_mut().wait_for_loads();
    h.state_mut().send(AppCommand::SetView(View::Register));
    h.run();
    assert!(h.state().doc().is_some(), "the assessment opened");
    assert_eq!(
        h.state().session().workspace().datasets.len(),
        0,
        "not read"
    );
    assert!(
        h.query_all_by_label_contains("outside the assessment's folder")
            .count()
            >= 1
    );
    // The datasets list opens by itself when one was not read.
    h.get_by_label("Read the files outside the assessment's folder")
        .click();
    h.step();
    h.state_mut().wait_for_loads();
    h.run();
    assert_eq!(
        h.state().session().workspace().datasets.len(),
        1,
        "read when asked"
    );
}

/// "Last 6 months" counts back from the assessment's as-of date, not from
/// the latest data (the worked example: as of 2020-12-31, data to 2023).
#[test]
fn last_six_months_counts_back_from_the_as_of_date() {
    let mut h = harness(WorkbenchApp::with_files(&[
        poc_workbench::app::example_path(),
    ]));
    h.run();
    h.get_by_label("Last 6 months").click();
    h.run();
    let f = h.state().session().filter().clone();
    assert_eq!(f.to.map(|d| d.to_string()), Some("2020-12-31".into()));
    assert_eq!(f.from.map(|d| d.to_string()), Some("2020-07-01".into()));
}

/// The share view shows each type's share of a region's attributed events,
/// not the event counts.
#[test]
fn the_share_view_shows_shares() {
    let mut h = harness(WorkbenchApp::with_files(&[sample_path()]));
    h.run();
    let m = h
        .state()
        .session()
        .cached_derived()
        .expect("matrix")
        .matrix
        .clone();
    let r = m
        .regions
        .iter()
        .position(|x| x == "North Darfur")
        .expect("region");
    let pi = m
        .perpetrators
        .iter()
        .position(|p| *p == PerpetratorType::StateForces)
        .expect("state forces");
    let expected = 100.0 * m.cells[pi][r].events as f64 / m.state_share[r].attributed_events as f64;
    h.get_by_role_and_label(egui::Role::RadioButton, "State-perpetrated share")
        .click();
    h.run();
    let text = format!("State security forces × North Darfur: {expected:.0}%");
    h.get_by_label(&text);
}

/// An entry's tiers, capacity and regions are edited in the window; the
/// changes of one frame are one edit.
#[test]
fn an_entrys_tiers_capacity_and_regions_are_edited_in_the_window() {
    let mut h = harness(WorkbenchApp::with_files(&[
        poc_workbench::app::example_path(),
    ]));
    h.run();
    h.state_mut().send(AppCommand::SetView(View::Register));
    h.run();
    let before = h.state().doc().expect("doc").assessment().register[0].clone();
    h.get_all_by_label("Tiers, capacity, mitigation, review date, regions")
        .next()
        .expect("the first entry's details")
        .click();
    h.run();
    h.get_by_label(&format!("Tier III engaged by entry {}", before.id))
        .click();
    h.run();
    let after = h.state().doc().expect("doc").assessment().register[0].clone();
    assert_ne!(
        after.tiers.contains(&poc_workbench::assessment::Tier::III),
        before.tiers.contains(&poc_workbench::assessment::Tier::III),
        "Tier III toggled"
    );
    let capacity = if before.capacity == Some(4) { "5" } else { "4" };
    h.get_by_label(&format!(
        "Successor's capacity (1 none – 5 full) {capacity} (#{})",
        before.id
    ))
    .click();
    h.run();
    type_into(
        &mut h,
        "Regions (comma-separated, as the matrix names them)",
        "North Darfur, West Darfur",
    );
    // Leave the field: the text is committed.
    h.key_press(egui::Key::Tab);
    h.run();
    let after = h.state().doc().expect("doc").assessment().register[0].clone();
    assert_eq!(
        after.capacity.map(|c| c.to_string()).as_deref(),
        Some(capacity)
    );
    assert_eq!(
        after.regions,
        vec!["North Darfur".to_string(), "West Darfur".to_string()]
    );
    for _ in 0..3 {
        h.state_mut().send(AppCommand::Undo);
        h.run();
    }
    assert_eq!(
        h.state().doc().expect("doc").assessment().register[0],
        before,
        "three edits, three undos"
    );
}

/// An actor re-classified in the actor register moves its civilian-harm
/// events to the new type in the matrix; undo moves them back.
#[test]
fn an_actor_is_reclassified_and_the_matrix_follows() {
    let mut h = harness(WorkbenchApp::with_files(&[
        poc_workbench::app::example_path(),
    ]));
    h.run();
    let column = |h: &Harness<'_, WorkbenchApp>, t: PerpetratorType| {
        let m = &h.state().session().cached_derived().expect("matrix").matrix;
        m.perpetrators
            .iter()
            .position(|p| *p == t)
            .map_or(0, |i| m.row_totals[i].events)
    };
    let rebels_before = column(&h, PerpetratorType::RebelGroups);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num8);
    h.run();
    type_into(&mut h, "Search actors", "Janjaweed");
    h.get_by_label("Re-classify Janjaweed").click();
    h.run();
    h.get_all_by_label("Rebel groups")
        .last()
        .expect("option")
        .click();
    h.run();
    let doc = h.state().doc().expect("doc");
    let r = doc
        .assessment()
        .reclassifications
        .iter()
        .find(|r| r.actor == "Janjaweed")
        .expect("recorded");
    assert_eq!(r.to, PerpetratorType::RebelGroups);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num1);
    h.run();
    let moved = column(&h, PerpetratorType::RebelGroups) - rebels_before;
    assert!(moved > 0, "Janjaweed's events now count as rebel groups");
    h.state_mut().send(AppCommand::Undo);
    h.run();
    assert_eq!(column(&h, PerpetratorType::RebelGroups), rebels_before);
}

/// A dataset opened while an assessment is open is offered to it, not
/// added silently; "This session only" leaves the assessment as it was.
#[test]
fn a_dataset_opened_beside_an_assessment_is_offered_not_added() {
    let other = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus/dates/acled_all_ambiguous_uses_day_first.csv");
    let mut h = harness(WorkbenchApp::with_files(&[
        poc_workbench::app::example_path(),
    ]));
    h.run();
    let before = h.state().doc().expect("doc").assessment().datasets.len();
    h.state_mut().send(AppCommand::Open(vec![other.clone()]));
    h.step();
    h.state_mut().wait_for_loads();
    h.run();
    assert_eq!(
        h.state().doc().expect("doc").assessment().datasets.len(),
        before,
        "not added silently"
    );
    assert!(!h.state().doc().expect("doc").is_dirty());
    h.get_by_label("Add to the assessment").click();
    h.run();
    assert_eq!(
        h.state().doc().expect("doc").assessment().datasets.len(),
        before + 1
    );
    h.state_mut().send(AppCommand::Undo);
    h.run();
    assert_eq!(
        h.state().doc().expect("doc").assessment().datasets.len(),
        before,
        "one undo"
    );
}

/// Issue #13: undo and redo keep the loaded data in step with the
/// assessment. A log added to the open assessment is closed by undoing the
/// addition and loaded again by redoing it; a change of its mapping is one
/// undoable edit, and undoing it reads the file again through the old one.
#[test]
fn undo_and_redo_keep_the_loaded_datasets_in_step_with_the_assessment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ron = copy_example(dir.path());
    let log = year_month_day_log(dir.path());
    let mut h = harness(WorkbenchApp::with_files(std::slice::from_ref(&ron)));
    h.run();
    h.state_mut().wait_for_loads();
    h.run();
    let n_refs =
        |h: &Harness<'_, WorkbenchApp>| h.state().doc().expect("doc").assessment().datasets.len();
    let loaded = |h: &Harness<'_, WorkbenchApp>| h.state().session().workspace().datasets.len();
    assert_eq!((n_refs(&h), loaded(&h)), (1, 1));
    // Open the log (its mapping dialog, as suggested) and add it.
    h.state_mut().send(AppCommand::Open(vec![log.clone()]));
    h.run();
    h.state_mut().wait_for_loads();
    h.run();
    h.get_by_label("Import with this mapping").click();
    h.run_steps(2);
    h.state_mut().wait_for_loads();
    h.run_steps(2);
    h.state_mut().send(AppCommand::AnswerOffer(0, true));
    h.run();
    assert_eq!((n_refs(&h), loaded(&h)), (2, 2));
    // Undo the addition: the log is closed too.
    h.state_mut().send(AppCommand::Undo);
    h.run();
    assert_eq!((n_refs(&h), loaded(&h)), (1, 1));
    // Redo: it is loaded again, through its recorded mapping.
    h.state_mut().send(AppCommand::Redo);
    h.run();
    h.state_mut().wait_for_loads();
    h.run();
    assert_eq!((n_refs(&h), loaded(&h)), (2, 2));
    let state_rows = |h: &Harness<'_, WorkbenchApp>| {
        let d = &h.state().session().workspace().datasets[1];
        (0..d.incidents.len())
            .filter(|&i| d.incidents.perpetrator_type_at(i) == PerpetratorType::StateForces)
            .count()
    };
    assert_eq!(state_rows(&h), 12);
    // Change the mapping: "Criminal" rows become state forces (a made-up
    // correction, to see the figures move), re-applied as one edit.
    let mut m = h.state().session().workspace().datasets[1]
        .meta
        .mapping
        .clone()
        .expect("mapped");
    m.perpetrator_values
        .insert("Criminal".into(), PerpetratorType::StateForces);
    h.state_mut().send(AppCommand::Remap(1, m.clone()));
    h.run();
    h.state_mut().wait_for_loads();
    h.run();
    assert_eq!(state_rows(&h), 12 + 15);
    let recorded = |h: &Harness<'_, WorkbenchApp>| {
        h.state().doc().expect("doc").assessment().datasets[1]
            .mapping
            .clone()
    };
    assert_eq!(recorded(&h), Some(m));
    // Undo the change: the file is read again through the old mapping.
    h.state_mut().send(AppCommand::Undo);
    h.run();
    h.state_mut().wait_for_loads();
    h.run();
    assert_eq!(state_rows(&h), 12);
    assert_eq!(loaded(&h), 2);
    assert_eq!(
        recorded(&h).and_then(|m| m.perpetrator_values.get("Criminal").copied()),
        Some(PerpetratorType::Other)
    );
}

/// Types into the `n`th multi-line field labelled `label` and leaves it.
fn type_into_nth(h: &mut Harness<'_, WorkbenchApp>, label: &str, n: usize, text: &str) {
    h.get_all_by_role_and_label(egui::Role::MultilineTextInput, label)
        .nth(n)
        .expect("the field")
        .click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_all_by_role_and_label(egui::Role::MultilineTextInput, label)
        .nth(n)
        .expect("the field")
        .type_text(text);
    h.run();
    // Leave the field: the text is committed as one edit.
    h.key_press(egui::Key::Tab);
    h.run();
}

/// Chooses `option` in the combo box labelled `combo`.
fn choose(h: &mut Harness<'_, WorkbenchApp>, combo: &str, option: &str) {
    h.get_by_label(combo).click();
    h.run();
    // A long list scrolls: bring the option into view first.
    h.get_all_by_label(option)
        .last()
        .expect("the option is listed")
        .scroll_to_me();
    h.run();
    h.get_all_by_label(option)
        .last()
        .expect("the option is listed")
        .click();
    h.run();
}

/// One entry's "Tiers, capacity, mitigation…" section as the analyst fills it.
struct EntryForm {
    id: u32,
    tiers: &'static [&'static str],
    capacities: &'static [(&'static str, &'static str)],
    mitigation: &'static str,
    review: &'static str,
    regions: &'static str,
}

const ENTRY_FORMS: [EntryForm; 3] = [
    EntryForm {
        id: 1,
        tiers: &["I", "II"],
        capacities: &[("I", "3"), ("II", "2")],
        mitigation: "UNCT human-rights monitoring.",
        review: "2021-06-30",
        regions: "North Darfur, Central Darfur, South Darfur",
    },
    EntryForm {
        id: 2,
        tiers: &["II", "III"],
        capacities: &[("II", "1"), ("III", "2")],
        mitigation: "Early-warning network with the protection cluster.",
        review: "2021-03-31",
        regions: "West Darfur, North Darfur",
    },
    EntryForm {
        id: 3,
        tiers: &["II"],
        capacities: &[],
        mitigation: "Expected to decline with the peace agreement.",
        review: "",
        regions: "Central Darfur",
    },
];

/// Title, mission, country, as-of date and authors, applied.
fn fill_details(h: &mut Harness<'_, WorkbenchApp>) {
    h.get_by_label_contains("Assessment details").click();
    h.run();
    type_into(
        h,
        "Title",
        "Darfur: residual threats to civilians after UNAMID",
    );
    type_into(h, "Mission", "UNAMID");
    type_into(h, "Country", "Sudan");
    type_into(h, "As of (YYYY-MM-DD)", "2020-12-31");
    type_into(
        h,
        "Authors (comma-separated)",
        "Example analyst, Second analyst",
    );
    h.get_by_label("Apply").click();
    h.run();
    h.get_by_label_contains("Assessment details").click();
    h.run();
}

/// Three threats, each added from its matrix cell, then rated.
fn add_and_rate_entries(h: &mut Harness<'_, WorkbenchApp>) {
    for (p, region) in [
        ("State security forces", "North Darfur"),
        (
            "Non-state armed groups (type not given by source)",
            "West Darfur",
        ),
        ("Not attributable (crossfire)", "Central Darfur"),
    ] {
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num1);
        h.run();
        h.get_by_label_contains(&format!("{p} × {region}: "))
            .click_secondary();
        h.run();
        h.get_by_label("Add to threat register").click();
        h.run();
    }
    for (id, l, i) in [(1, 4, 3), (2, 4, 4)] {
        h.get_by_label(&format!("Likelihood {l} for entry {id}"))
            .click();
        h.run();
        h.get_by_label(&format!("Impact {i} for entry {id}"))
            .click();
        h.run();
        h.get_by_label(&format!("Residual threat (entry {id})"))
            .click();
        h.run();
    }
    type_into_nth(
        h,
        "Rationale",
        0,
        "Most frequent recorded perpetrator; reporting falls as team sites close.",
    );
    type_into_nth(
        h,
        "Rationale",
        1,
        "Capacity for mass-casualty attacks around displacement sites.",
    );
    choose(h, "Tier I successor for entry 1", "UN country team");
    choose(
        h,
        "Tier II successor for entry 1",
        "Host-state security forces",
    );
    choose(h, "Tier II successor for entry 2", "None");
    choose(h, "Tier III successor for entry 2", "Protection cluster");
}

/// Tiers, capacity, mitigation, review date and regions: one entry's
/// section open at a time.
fn fill_entry_sections(h: &mut Harness<'_, WorkbenchApp>) {
    let more = "Tiers, capacity, mitigation, review date, regions";
    for (n, f) in ENTRY_FORMS.iter().enumerate() {
        let id = f.id;
        h.get_all_by_label(more).nth(n).expect("section").click();
        h.run();
        for t in f.tiers {
            h.get_by_label(&format!("Tier {t} engaged by entry {id}"))
                .click();
            h.run();
        }
        for (t, c) in f.capacities {
            h.get_by_label(&format!("Tier {t} successor capacity {c} (#{id})"))
                .click();
            h.run();
        }
        if id == 1 {
            h.get_by_label(&format!("Successor's capacity (1 none – 5 full) 2 (#{id})"))
                .click();
            h.run();
        }
        type_into_nth(h, "Mitigation", 0, f.mitigation);
        if !f.review.is_empty() {
            type_into(h, "Review by (YYYY-MM-DD)", f.review);
            h.key_press(egui::Key::Tab);
            h.run();
        }
        type_into(
            h,
            "Regions (comma-separated, as the matrix names them)",
            f.regions,
        );
        h.key_press(egui::Key::Tab);
        h.run();
        h.get_all_by_label(more).nth(n).expect("section").click();
        h.run();
    }
}

/// A re-classification with its reason, and a region alias.
fn reclassify_and_merge(h: &mut Harness<'_, WorkbenchApp>) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num8);
    h.run();
    type_into(h, "Search actors", "Janjaweed");
    choose(h, "Re-classify Janjaweed", "Political militias");
    type_into(
        h,
        "Reason for re-classifying Janjaweed",
        "Pro-government militia (METHODOLOGY §2)",
    );
    h.key_press(egui::Key::Tab);
    h.run();
    h.get_by_label("Region names merged (0)").click();
    h.run();
    choose(h, "Count the region", "Northern Darfur");
    type_into(h, "as", "North Darfur");
    h.get_by_label("Merge").click();
    h.run();
}

/// The same assessment, written by hand.
fn by_hand(dataset: &std::path::Path) -> String {
    let sha = poc_workbench::assessment::review::sha256_file(dataset).expect("hash");
    format!(
        r#"(
    format_version: 1,
    meta: (
        title: "Darfur: residual threats to civilians after UNAMID",
        mission: "UNAMID",
        country: "Sudan",
        as_of: "2020-12-31",
        authors: ["Example analyst", "Second analyst"],
        notes: "",
    ),
    datasets: [(path: {path:?}, sha256: "{sha}", format: ucdp)],
    reclassifications: [
        (actor: "Janjaweed", to: political_militias, reason: "Pro-government militia (METHODOLOGY §2)"),
    ],
    region_aliases: [(from: "Northern Darfur", to: "North Darfur")],
    register: [
        (
            id: 1,
            perpetrator: state_forces,
            regions: ["North Darfur", "Central Darfur", "South Darfur"],
            likelihood: Some(4),
            impact: Some(3),
            rationale: "Most frequent recorded perpetrator; reporting falls as team sites close.",
            tiers: [I, II],
            residual: true,
            successors: {{ I: UnCountryTeam, II: HostStateSecurityForces }},
            capacity: Some(2),
            tier_capacity: {{ I: 3, II: 2 }},
            mitigation: "UNCT human-rights monitoring.",
            review_date: Some("2021-06-30"),
        ),
        (
            id: 2,
            perpetrator: non_state_armed_groups,
            regions: ["West Darfur", "North Darfur"],
            likelihood: Some(4),
            impact: Some(4),
            rationale: "Capacity for mass-casualty attacks around displacement sites.",
            tiers: [II, III],
            residual: true,
            successors: {{ II: None, III: ProtectionCluster }},
            tier_capacity: {{ II: 1, III: 2 }},
            mitigation: "Early-warning network with the protection cluster.",
            review_date: Some("2021-03-31"),
        ),
        (
            id: 3,
            perpetrator: unattributed,
            regions: ["Central Darfur"],
            tiers: [II],
            mitigation: "Expected to decline with the peace agreement.",
        ),
    ],
    sharing: Internal,
    suppression_k: 5,
)"#,
        path = dataset.display().to_string(),
    )
}

/// Issue #13's must-show: the worked example's assessment built from a
/// blank one entirely through the window (details, three entries with
/// ratings, tiers, successors, capacity per tier, mitigation, review date
/// and regions, a re-classification with its reason, a region alias), saved,
/// equals the same assessment written by hand.
#[test]
fn an_assessment_is_built_from_blank_in_the_window_and_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Tall enough for every matrix row to be drawn.
    let mut h = Harness::builder()
        .with_size([1600.0, 2200.0])
        .build_ui_state(
            |ui, app: &mut WorkbenchApp| app.show(ui),
            WorkbenchApp::with_files(&[sample_path()]),
        );
    h.run();
    h.state_mut().wait_for_loads();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num6);
    h.run();
    h.get_by_label("New assessment").click();
    h.run();
    fill_details(&mut h);
    add_and_rate_entries(&mut h);
    fill_entry_sections(&mut h);
    reclassify_and_merge(&mut h);
    let saved = dir.path().join("built.ron");
    h.state_mut().send(AppCommand::Picked(
        poc_workbench::app::commands::Purpose::SaveAs,
        saved.clone(),
    ));
    h.run();
    let hand = dir.path().join("by-hand.ron");
    std::fs::write(&hand, by_hand(&sample_path())).expect("write");
    let expected =
        poc_workbench::assessment::file::load(&hand).expect("the hand-written file reads");
    let built = poc_workbench::assessment::file::load(&saved).expect("the saved file reads");
    assert_eq!(built, expected);
}

/// An ACLED-shaped file recording again the first UCDP event of the sample
/// that has a point: the same day and place, an unidentified perpetrator.
fn acled_copy_of_a_sample_event(dir: &std::path::Path) -> (std::path::PathBuf, u32) {
    let d = import_file(
        &sample_path(),
        &ImportOptions::default(),
        &Progress::default(),
    )
    .expect("sample loads");
    let inc = &d.incidents;
    let i = (0..inc.len())
        .find(|&i| inc.civilian_harm[i] && inc.latitude[i].is_finite() && inc.date[i] > 737_000)
        .expect("a civilian-harm event with a point");
    let date = poc_workbench::model::dates::iso(inc.date[i]);
    let text = format!(
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,inter1,actor2,inter2,civilian_targeting,country,admin1,admin2,location,latitude,longitude,fatalities\n\
         SDN1,{date},Violence against civilians,Attack,Unidentified Armed Group (Sudan),3,Civilians (Sudan),7,Civilian targeting,Sudan,{a1},,Somewhere,{lat},{lon},2\n",
        a1 = inc.names.get(inc.admin1[i]),
        lat = inc.latitude[i],
        lon = inc.longitude[i],
    );
    let p = dir.join("acled-copy.csv");
    std::fs::write(&p, text).expect("temp file");
    (p, inc.civilian_fatalities[i])
}

#[test]
fn an_event_recorded_by_two_sources_counts_once_and_matching_is_switched_off_and_undone() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (acled, _) = acled_copy_of_a_sample_event(dir.path());
    let mut h = harness(WorkbenchApp::with_files(&[
        poc_workbench::app::example_path(),
        acled,
    ]));
    h.run();
    h.state_mut().wait_for_loads();
    h.run();
    let (alone, _) = summarize_totals();
    let ws = h.state().session().workspace();
    assert_eq!(ws.datasets.len(), 2);
    assert_eq!(ws.matches.total(), 1, "the ACLED row is the sample's event");
    assert_eq!(shown_total(&h), alone, "counted once");
    h.state_mut().send(AppCommand::SetView(View::Report));
    h.run();
    h.get_by_label_contains("ACLED + UCDP: 1 event recorded by both");
    h.get_by_label("Match events across sources and count each once")
        .click();
    h.run();
    let doc = h.state().doc().expect("the example is open");
    assert!(
        !doc.assessment().matching.enabled,
        "saved in the assessment"
    );
    assert_eq!(h.state().session().workspace().matches.total(), 0);
    h.get_by_label_contains("Matching is off");
    h.state_mut().send(AppCommand::SetView(View::Matrix));
    h.run();
    assert_eq!(shown_total(&h), alone + 1, "matching off: counted twice");
    h.state_mut().send(AppCommand::Undo);
    h.run();
    assert!(h.state().doc().expect("doc").assessment().matching.enabled);
    assert_eq!(shown_total(&h), alone);
}

#[test]
fn the_hrddp_screen_lists_state_actors_and_records_a_risk_undoably() {
    let mut h = harness(WorkbenchApp::with_files(&[
        poc_workbench::app::example_path(),
    ]));
    h.run();
    h.state_mut().send(AppCommand::SetView(View::Hrddp));
    h.run();
    h.get_by_label("Government of Sudan");
    // The analyst's risk: not recorded, then High.
    h.get_by_label("Analyst's HRDDP risk for Government of Sudan")
        .click();
    h.run();
    let highs = h.get_all_by_label("High").collect::<Vec<_>>();
    highs.last().expect("the High choice").click();
    h.run();
    let record = |h: &Harness<'_, WorkbenchApp>| {
        h.state()
            .doc()
            .expect("doc")
            .assessment()
            .hrddp
            .iter()
            .find(|r| r.actor == "Government of Sudan")
            .and_then(|r| r.risk)
    };
    assert_eq!(
        record(&h),
        Some(poc_workbench::analysis::hrddp::HrddpRisk::High)
    );
    h.state_mut().send(AppCommand::Undo);
    h.run();
    assert_eq!(record(&h), None);
}

#[test]
fn file_new_monitoring_log_writes_the_template_which_then_opens_as_a_log() {
    let mut h = harness(WorkbenchApp::with_files(&[sample_path()]));
    h.run();
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("New monitoring log…").click();
    h.run();
    let dir = tempfile::tempdir().expect("tempdir");
    let browser = h
        .state_mut()
        .file_browser_mut()
        .expect("the file browser opens");
    browser.go(dir.path().to_path_buf());
    browser.name = "log.xlsx".into();
    h.run();
    h.get_by_label("Choose").click();
    h.run();
    let path = dir.path().join("log.xlsx");
    assert!(path.exists(), "{:?}", h.state().messages());
    h.state_mut().send(AppCommand::Open(vec![path]));
    h.run();
    h.state_mut().wait_for_loads();
    h.run();
    let ws = h.state().session().workspace();
    let log = ws.datasets.last().expect("the log is open");
    assert_eq!(
        log.meta.format,
        poc_workbench::model::SourceFormat::Monitoring
    );
    assert_eq!(log.report.rows_read, 0);
}

#[test]
fn the_mapping_dialog_reads_a_monitoring_log_with_violations_victims_and_status() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("hr-log.csv");
    std::fs::write(
        &f,
        "Incident date,Province,Perpetrator,Acts,Killed,Persons harmed,Status\n\
         2024-02-01,Ituri,Army,Killing; Rape,2,3,verified\n\
         2024-02-03,Ituri,Militia,Kidnapping,0,1,pending\n\
         2024-02-05,Ituri,Army,Looting,0,,rejected\n",
    )
    .expect("written");
    let mut h = harness(WorkbenchApp::with_files(std::slice::from_ref(&f)));
    h.run();
    assert!(h.state().mapping_dialog_open());
    h.state_mut().wait_for_loads();
    h.run();
    h.get_by_label("Monitoring log: violations, victims, verification (optional)")
        .click();
    h.run();
    h.get_by_label("Violation types").click();
    h.run();
    // The combo's option (a button), not the victim checkbox of that name.
    let option = |h: &Harness<'_, WorkbenchApp>, name: &str| {
        h.get_all_by_label(name)
            .find(|n| n.accesskit_node().role() == egui::accesskit::Role::Button)
            .expect("the column is listed")
            .click();
    };
    option(&h, "Acts");
    h.run();
    h.get_by_label("Verification status").click();
    h.run();
    option(&h, "Status");
    h.run();
    h.get_all_by_label("Persons harmed")
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::CheckBox)
        .expect("the victim checkbox")
        .click();
    h.run();
    h.get_by_label("Import with this mapping").click();
    h.run_steps(2);
    h.state_mut().wait_for_loads();
    h.run_steps(3);
    let ws = h.state().session().workspace();
    assert_eq!(ws.datasets.len(), 1, "{:?}", h.state().messages_text());
    let m = ThreatMatrix::compute(ws, &Filter::default(), None);
    // The rejected looting never counts; Killing; Rape is two violations.
    assert_eq!(
        (m.total.events, m.total.violations, m.total.victims),
        (2, 3, 4),
        "{:?}",
        ws.datasets[0].meta.mapping
    );
}

#[test]
fn the_charts_show_violations_and_victims_when_a_log_is_loaded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("log.csv");
    std::fs::write(
        &f,
        "SiND ID,Date,Country,Admin 1,Actor Type,Actor Name,People Killed,People Kidnapped\n\
         1,2020-10-01,Sudan,North Darfur,Host Government: Military,SAF,2,1\n\
         2,2020-11-02,Sudan,North Darfur,NSA,SLA,1,\n",
    )
    .expect("written");
    let mut h = harness(WorkbenchApp::with_files(&[sample_path(), f]));
    h.run();
    h.state_mut().wait_for_loads();
    h.state_mut().send(AppCommand::SetView(View::Charts));
    h.run();
    h.get_by_label("Violations and victims per month (monitoring logs)");
}

/// The window in French (issue #19): switched from View › Langue, every
/// main view and the export dialog speak French, numbers are in French form,
/// and the figures are the English ones.
#[test]
fn the_window_speaks_french_with_the_same_figures() {
    use poc_workbench::app::i18n::{Lang, language};
    let mut h = harness(WorkbenchApp::with_files(&[
        poc_workbench::app::example_path(),
    ]));
    h.run();
    let english = shown_total(&h);
    // The analyst's path: View › Français.
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Français").click();
    h.run();
    assert_eq!(language(), Lang::Fr);
    assert_eq!(
        h.state().prefs_language(),
        Lang::Fr,
        "remembered in the preferences"
    );
    // The same total, written the French way (a narrow no-break space).
    let node = h.get_by_label_contains("Total des événements portant atteinte aux civils");
    let label = node
        .accesskit_node()
        .label()
        .or_else(|| node.value())
        .unwrap_or_default();
    let digits: String = label
        .rsplit(':')
        .next()
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    assert_eq!(digits.parse::<u64>().ok(), Some(english), "{label}");
    if english >= 1000 {
        assert!(label.contains('\u{202F}'), "{label}");
    }
    for v in View::ALL {
        h.state_mut().send(AppCommand::SetView(v));
        h.run();
        let marker = match v {
            View::Matrix => "Matrice des menaces",
            View::Incidents => "incidents portant atteinte aux civils",
            View::Charts => "Réinitialiser la vue",
            View::Map => "Réinitialiser la carte",
            View::Report => "lignes lues",
            View::Register => "Registre des menaces",
            View::Followup => "Vérification a posteriori",
            View::Actors => "Type donné par la source",
            View::Hrddp => "diligence voulue",
            View::Help => "Votre première évaluation, pas à pas",
        };
        assert!(
            h.query_all_by_label_contains(marker).next().is_some(),
            "{v:?} shows '{marker}'"
        );
        // No English tab name is left.
        assert!(
            h.query_all_by_label("Threat matrix").next().is_none(),
            "{v:?}: an English tab"
        );
    }
    h.state_mut().send(AppCommand::ExportDialog);
    h.run();
    h.get_by_label_contains("Exporter l'annexe sur les menaces résiduelles");
    h.get_by_label("Niveau de diffusion");
    // The preview is the French annex (the dialog starts in the window's language).
    assert!(
        h.query_all_by_label_contains("Contrôle du document")
            .next()
            .is_some()
    );
    // Back to English for the rest of this thread.
    h.state_mut().send(AppCommand::SetLanguage(Lang::En));
    h.run();
    assert_eq!(language(), Lang::En);
}

/// Joint workshops (issue #20, METHODOLOGY §10): two participants rate an
/// entry in the register; the spread of 3 marks it contested; a dissent
/// is recorded, then undone.
#[test]
fn participants_rate_an_entry_it_is_marked_contested_and_a_dissent_is_recorded_and_undone() {
    use poc_workbench::assessment::Participant;
    use poc_workbench::assessment::edit::Edit;
    let mut h = harness(WorkbenchApp::with_files(&[
        poc_workbench::app::example_path(),
    ]));
    h.run();
    h.state_mut().send(AppCommand::SetView(View::Register));
    h.run();
    // The participants, added in the register's workshop section.
    h.get_by_label("Workshop participants (0)").click();
    h.run();
    for (name, entity) in [("Amina", "OHCHR"), ("Ben", "JMAC")] {
        type_into(&mut h, "Name", name);
        type_into(
            &mut h,
            "Entity (mission component or UN country team member)",
            entity,
        );
        h.get_by_label("Add participant").click();
        h.run();
    }
    let doc = |h: &Harness<'_, WorkbenchApp>| h.state().doc().expect("doc").assessment().clone();
    assert_eq!(
        doc(&h).participants,
        vec![
            Participant {
                name: "Amina".into(),
                entity: "OHCHR".into()
            },
            Participant {
                name: "Ben".into(),
                entity: "JMAC".into()
            }
        ]
    );
    let id = doc(&h).register[0].id;
    // Each participant's likelihood for the first entry: 1 and 4.
    h.query_all_by_label("Participants' ratings (0 of 2)")
        .next()
        .expect("the first entry's ratings")
        .click();
    h.run();
    h.get_by_label(&format!("Likelihood by Amina for entry {id}: 1"))
        .click();
    h.run();
    h.get_by_label(&format!("Likelihood by Ben for entry {id}: 4"))
        .click();
    h.run();
    let e = doc(&h).register[0].clone();
    assert_eq!(e.ratings.len(), 2);
    let p = e.panel().expect("a panel");
    assert_eq!(
        p.likelihood.map(|s| (s.median, s.min, s.max)),
        Some((2.5, 1, 4))
    );
    assert!(e.contested());
    h.get_by_label(&format!("Entry {id} is contested"));
    // A dissent from the agreed rating, recorded and undone.
    type_into(
        &mut h,
        &format!("Reason for a dissent on entry {id}"),
        "Reporting from rural areas is thinner than the data show",
    );
    h.get_by_label(&format!("Record a dissent on entry {id}"))
        .click();
    h.run();
    let dissents = doc(&h).register[0].dissents.clone();
    assert_eq!(dissents.len(), 1);
    assert_eq!(dissents[0].participant, "Amina");
    h.get_by_label("Undo").click();
    h.run();
    assert!(doc(&h).register[0].dissents.is_empty());
    assert_eq!(
        doc(&h).register[0].ratings.len(),
        2,
        "only the dissent undone"
    );
    // The participant list is one edit too.
    h.state_mut()
        .send(AppCommand::EditDoc(Edit::SetParticipants(Vec::new())));
    h.run();
    assert!(doc(&h).participants.is_empty());
}

/// Puts `value` in `cell` of the first sheet of an XLSX, as a partner's
/// spreadsheet program would save it: a number, or text (inline).
fn fill_cell(path: &std::path::Path, cell: &str, value: &str) {
    use std::io::{Read, Write};
    let bytes = std::fs::read(path).expect("reads");
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).expect("a part");
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("inflates");
        parts.push((f.name().expect("a name").to_string(), data));
    }
    let (_, sheet) = parts
        .iter_mut()
        .find(|(n, _)| n == "xl/worksheets/sheet1.xml")
        .expect("the sheet");
    let xml = String::from_utf8(std::mem::take(sheet)).expect("utf-8");
    let open = format!("<c r=\"{cell}\"");
    let at = xml
        .find(&open)
        .unwrap_or_else(|| panic!("{cell} is in the sheet"));
    let end = at + xml[at..].find('>').expect("a tag") + 1;
    let tag = &xml[at..end];
    let style = tag
        .split("s=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .map_or(String::new(), |s| format!(" s=\"{s}\""));
    let filled = if value.parse::<f64>().is_ok() {
        format!("<c r=\"{cell}\"{style}><v>{value}</v></c>")
    } else {
        format!("<c r=\"{cell}\"{style} t=\"inlineStr\"><is><t>{value}</t></is></c>")
    };
    // A blank cell is `<c …/>`; a filled one runs to `</c>`.
    let close = if tag.ends_with("/>") {
        end
    } else {
        end + xml[end..].find("</c>").expect("closed") + 4
    };
    *sheet = format!("{}{}{}", &xml[..at], filled, &xml[close..]).into_bytes();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in parts {
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("a part");
        out.write_all(&data).expect("written");
    }
    let bytes = out.finish().expect("zipped").into_inner();
    std::fs::write(path, bytes).expect("saved");
}

/// Ratings collected offline (issue #20): rating sheets exported for two
/// participants, filled as partners would, imported — problems said,
/// nothing changed until taken — then taken as one undoable edit.
#[test]
fn rating_sheets_are_exported_filled_and_imported_as_one_undoable_edit() {
    use poc_workbench::assessment::Participant;
    use poc_workbench::assessment::edit::Edit;
    let dir = tempfile::tempdir().expect("temp dir");
    for f in ["darfur-transition.ron", "ucdp-ged-sudan.csv"] {
        std::fs::copy(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("sample-data")
                .join(f),
            dir.path().join(f),
        )
        .expect("copied");
    }
    let mut h = harness(WorkbenchApp::with_files(&[dir
        .path()
        .join("darfur-transition.ron")]));
    h.run();
    let participants = vec![
        Participant {
            name: "Amina".into(),
            entity: "OHCHR".into(),
        },
        Participant {
            name: "Ben".into(),
            entity: "JMAC".into(),
        },
    ];
    h.state_mut()
        .send(AppCommand::EditDoc(Edit::SetParticipants(participants)));
    h.run();
    h.state_mut().send(AppCommand::ExportRatingSheets);
    h.run();
    let sheets = dir.path().join("rating-sheets");
    let amina = sheets.join("ratings-Amina.xlsx");
    let ben = sheets.join("ratings-Ben.xlsx");
    assert!(
        amina.is_file() && ben.is_file(),
        "{:?}",
        h.state().messages_text()
    );
    let doc = |h: &Harness<'_, WorkbenchApp>| h.state().doc().expect("doc").assessment().clone();
    let before = doc(&h);
    let first = before.register[0].id;
    // The partners fill their sheets: row 9 is the first entry.
    fill_cell(&amina, "F9", "5");
    fill_cell(&amina, "G9", "2");
    fill_cell(&amina, "H9", "Rural reporting has collapsed");
    fill_cell(&amina, "F10", "7");
    fill_cell(&ben, "F9", "1");
    // A sheet of another assessment: its key no longer matches.
    let other = sheets.join("other.xlsx");
    std::fs::copy(&ben, &other).expect("copied");
    fill_cell(&other, "B5", "0123456789abcdef");
    h.state_mut().send(AppCommand::CollectRatings(vec![
        amina.clone(),
        ben.clone(),
        other.clone(),
    ]));
    h.run();
    // What they hold, and what cannot be taken; nothing changed yet.
    h.get_by_label_contains("'7' is not a rating from 1 to 5");
    h.get_by_label_contains("belongs to another assessment");
    assert_eq!(doc(&h), before);
    h.get_by_label("Take these ratings").click();
    h.run();
    let e = doc(&h).register[0].clone();
    assert_eq!(e.id, first);
    let a = e.rating_of("Amina").expect("Amina's rating");
    assert_eq!((a.likelihood, a.impact), (Some(5), Some(2)));
    assert_eq!(a.comment, "Rural reporting has collapsed");
    assert_eq!(e.rating_of("Ben").and_then(|b| b.likelihood), Some(1));
    assert!(e.contested(), "1 and 5");
    assert!(
        doc(&h).register[1].rating_of("Amina").is_none(),
        "the value 7 was left out"
    );
    // One undo takes every rating back.
    h.state_mut().send(AppCommand::Undo);
    h.run();
    assert_eq!(doc(&h).register, before.register);
}

/// Drawdown scenarios (issue #20, METHODOLOGY §10): two scenarios made in
/// the footprint view (one from the plan, one shifted by three months and
/// with a base kept open) and compared quarter by quarter.
#[test]
fn two_drawdown_scenarios_are_made_and_compared() {
    use poc_workbench::assessment::scenarios::compare;
    // A tall window: the scenarios sit below the bases and benchmarks, and
    // a click lands only on what is on screen.
    let mut h = Harness::builder()
        .with_size([1500.0, 3200.0])
        .build_ui_state(
            |ui, app: &mut WorkbenchApp| app.show(ui),
            WorkbenchApp::with_files(&[poc_workbench::app::example_path()]),
        );
    h.run();
    h.state_mut().send(AppCommand::SetView(View::Followup));
    h.run();
    h.get_by_label("New scenario from the current plan").click();
    h.run();
    h.get_by_label("New scenario from the current plan").click();
    h.run();
    h.get_by_label("Shift the dates of Scenario 2").click();
    h.run();
    h.get_by_label("Nyala stays in Scenario 2").click();
    h.run();
    let a = h.state().doc().expect("doc").assessment().clone();
    assert_eq!(a.scenarios.len(), 2);
    // The comparison is shown, one column per scenario.
    h.get_by_label("Scenarios compared, quarter by quarter");
    for name in ["Current plan", "Scenario 1", "Scenario 2"] {
        assert!(h.query_all_by_label(name).next().is_some(), "column {name}");
    }
    let c = compare(&a, h.state().session().workspace(), "Current plan", 8);
    assert_eq!(c.scenarios, ["Current plan", "Scenario 1", "Scenario 2"]);
    let q1 = &c.quarters[0];
    assert_eq!(q1.quarter, "2021 Q1");
    // The plan closes El Geneina in 2021 Q1; shifted by three months, Ed
    // Daein (closed on the as-of date in the plan) closes then instead,
    // El Geneina in Q2, and Nyala never closes.
    assert_eq!(q1.scenarios[0].closing, ["El Geneina"]);
    assert_eq!(q1.scenarios[1], q1.scenarios[0], "a copy of the plan");
    assert_eq!(q1.scenarios[2].closing, ["Ed Daein"]);
    let q3 = &c.quarters[2];
    assert!(q3.scenarios[2].closing.len() >= 3, "{:?}", q3.scenarios[2]);
    let end = c.quarters.last().expect("quarters");
    assert_eq!(end.scenarios[0].open, 0, "the plan closes every base");
    assert_eq!(end.scenarios[2].open, 1, "Nyala stays");
    assert!(
        end.scenarios[0]
            .gap_regions
            .contains(&"South Darfur".to_string())
    );
    assert!(
        !end.scenarios[2]
            .gap_regions
            .contains(&"South Darfur".to_string())
    );
    // The map can show a scenario at a quarter's end.
    h.state_mut().send(AppCommand::SetView(View::Map));
    h.run();
    h.get_by_role_and_label(egui::Role::ComboBox, "Bases as in")
        .click();
    h.run();
    h.get_by_label("Scenario 2").click();
    h.run();
    h.get_by_role_and_label(egui::Role::ComboBox, "at").click();
    h.run();
    h.get_by_label("2021 Q3").click();
    h.run();
    h.state_mut().send(AppCommand::SetView(View::Followup));
    h.run();
    // Presentation mode gives the comparison a slide after the threats.
    h.state_mut().send(AppCommand::Present);
    for _ in 0..a.register.len() {
        h.state_mut().send(AppCommand::Slide(1));
    }
    h.run();
    h.get_by_label_contains(&format!(
        "Slide {} of {}",
        a.register.len() + 1,
        a.register.len() + 2
    ));
    h.get_by_label("Scenarios compared, quarter by quarter");
    h.state_mut().send(AppCommand::Present);
    h.run();
    // Every change was one edit: four undos take them all back.
    for _ in 0..4 {
        h.state_mut().send(AppCommand::Undo);
        h.run();
    }
    assert!(
        h.state()
            .doc()
            .expect("doc")
            .assessment()
            .scenarios
            .is_empty()
    );
}

/// Presentation mode (issue #20): F5 shows the first threat full screen,
/// the arrow keys move through the threats to the summary, Escape leaves.
#[test]
fn presentation_mode_shows_a_threat_a_slide_and_the_arrows_move() {
    let mut h = Harness::builder()
        .with_size([1280.0, 720.0])
        .build_ui_state(
            |ui, app: &mut WorkbenchApp| app.show(ui),
            WorkbenchApp::with_files(&[poc_workbench::app::example_path()]),
        );
    h.run();
    let a = h.state().doc().expect("doc").assessment().clone();
    h.key_press(egui::Key::F5);
    h.run();
    assert_eq!(h.state().presenting(), Some(0));
    // The first threat: its title, the agreed rating, successors, flags;
    // no menu and no filter panel.
    h.get_by_label_contains(&format!("#{}  State security forces", a.register[0].id));
    h.get_by_label_contains("Agreed rating: ");
    h.get_by_label_contains("Slide 1 of 4");
    assert!(
        h.query_all_by_label("File").next().is_none(),
        "the menu is hidden"
    );
    h.key_press(egui::Key::ArrowRight);
    h.run();
    h.get_by_label_contains("Slide 2 of 4");
    h.key_press(egui::Key::ArrowRight);
    h.key_press(egui::Key::ArrowRight);
    h.key_press(egui::Key::ArrowRight);
    h.run();
    h.get_by_label("Summary");
    assert_eq!(h.state().presenting(), Some(3), "the last slide holds");
    h.key_press(egui::Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().presenting(), Some(2));
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().presenting(), None);
    h.get_by_label("File");
}

/// What changed since an earlier draft (issue #20), in the window: the
/// analyst rates a threat differently and compares with the saved draft.
#[test]
fn the_window_compares_the_assessment_with_an_earlier_draft() {
    let dir = tempfile::tempdir().expect("temp dir");
    for f in ["darfur-transition.ron", "ucdp-ged-sudan.csv"] {
        std::fs::copy(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("sample-data")
                .join(f),
            dir.path().join(f),
        )
        .expect("copied");
    }
    let old = dir.path().join("darfur-transition.ron");
    let mut h = harness(WorkbenchApp::with_files(std::slice::from_ref(&old)));
    h.run();
    h.state_mut().send(AppCommand::SetView(View::Register));
    h.run();
    let id = h.state().doc().expect("doc").assessment().register[0].id;
    h.get_by_label(&format!("Likelihood 2 for entry {id}"))
        .click();
    h.run();
    h.state_mut().send(AppCommand::CompareWith(old));
    h.run();
    h.get_by_label("Changes since an earlier draft");
    h.get_by_label_contains(&format!("changed   #{id} likelihood: "));
    assert!(h.query_all_by_label_contains("→ 2").next().is_some());
}

/// Issue #19: what the core writes for the analyst — the import report's
/// notes, warnings and rejections, and an import error in the message bar —
/// reads in French when the window is in French, including what was said
/// before the switch.
#[test]
fn the_import_report_and_an_import_error_read_in_french() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = dir.path().join("acled.csv");
    std::fs::write(
        &csv,
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,inter1,actor2,inter2,civilian_targeting,country,admin1,fatalities\n\
         T1,2020-01-10,Violence against civilians,Attack,Army,State forces,Civilians,Civilians,Civilians targeted,Testland,North,2\n\
         T2,2020-02-31,Violence against civilians,Attack,Army,State forces,Civilians,Civilians,Civilians targeted,Testland,North,1\n\
         T3,2020-01-12,Violence against civilians,Attack,Army,State forces,Civilians,Civilians,Civilians targeted,Testland,North,many\n",
    )
    .expect("write");
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "").expect("write");
    let mut h = harness(WorkbenchApp::with_files(&[csv.clone(), empty.clone()]));
    h.state_mut().wait_for_loads();
    h.run();
    // The empty file's refusal, said in English before the switch.
    let messages = h.state().messages_text();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("empty.csv") && m.contains("the file is empty")),
        "{messages:?}"
    );
    h.get_by_label("View").click();
    h.run();
    h.get_by_label("Français").click();
    h.run();
    h.state_mut().send(AppCommand::SetView(View::Report));
    h.run();
    h.get_by_label_contains("Avertissements et rejets").click();
    h.run();
    for french in [
        "3 lignes lues · 2 incidents retenus · 1 ligne rejetée",
        "reconnu comme exportation ACLED",
        "« 2020-02-31 » n'existe pas (jour ou mois hors limites)",
        "« many » n'est pas un nombre ; l'événement est conservé",
    ] {
        assert!(
            h.query_all_by_label_contains(french).next().is_some(),
            "the report shows '{french}'"
        );
    }
    for english in ["recognised as", "does not exist", "is not a number"] {
        assert!(
            h.query_all_by_label_contains(english).next().is_none(),
            "no English left: '{english}'"
        );
    }
    // The refusal said before the switch now reads in French, naming the
    // file.
    let messages = h.state().messages_text();
    assert!(
        messages
            .iter()
            .any(|m| m.contains("empty.csv") && m.contains("le fichier est vide")),
        "{messages:?}"
    );
    assert!(
        h.query_all_by_label_contains("le fichier est vide")
            .next()
            .is_some(),
        "shown in the message bar"
    );
}
