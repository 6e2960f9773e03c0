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
    let nd = h.state_mut().session.derived().matrix.clone();
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
    let f = &h.state().session.filter;
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
        .state_mut()
        .session
        .derived()
        .matrix
        .cell(PerpetratorType::StateForces, "North Darfur")
        .expect("a state-forces cell in North Darfur")
        .events;
    h.get_by_label_contains("State security forces × North Darfur: ")
        .click();
    h.run();
    let app = h.state_mut();
    assert_eq!(app.view, View::Incidents);
    assert_eq!(
        app.selection,
        Selection {
            perpetrator: Some(PerpetratorType::StateForces),
            region: Some("North Darfur".into())
        }
    );
    let sel = app.selection.clone();
    let rows = app.session.incidents(&sel).to_vec();
    assert_eq!(rows.len() as u64, expected);
    let ws = &app.session.workspace;
    let regions = ws.regions(app.session.filter.level);
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
    assert!(h.state().mapping_dialog.is_some());
    h.get_by_label_contains("Column mapping — case-log.csv");
    // The suggested mapping already reads the dates; import it.
    h.get_by_label("Import with this mapping").click();
    h.run_steps(2);
    h.state_mut().wait_for_loads();
    h.run_steps(3);
    let app = h.state();
    assert_eq!(app.session.workspace.datasets.len(), 1);
    assert_eq!(app.session.workspace.datasets[0].report.kept, 2);
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
    assert_eq!(app.session.workspace.datasets.len(), 1);
    assert!(
        app.messages.iter().any(|m| m.text.contains("cancelled")),
        "{:?}",
        app.messages
    );
    assert_eq!(shown_total(&h), before);
}

#[test]
fn every_view_draws_on_the_sample() {
    let mut h = harness(WorkbenchApp::with_files(&[sample_path()]));
    h.run();
    for v in [
        View::Incidents,
        View::Charts,
        View::Map,
        View::Matrix,
        View::Report,
    ] {
        h.state_mut().send(AppCommand::SetView(v));
        h.run();
    }
    assert_eq!(h.state().view, View::Report);
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
        let loaded = app.session.workspace.datasets.len() == 1;
        let dialog = app.mapping_dialog.is_some();
        assert!(
            loaded || dialog || !app.messages.is_empty(),
            "{}: nothing shown",
            f.display()
        );
        if loaded {
            reports += 1;
            assert_eq!(h.state().view, View::Report, "{}", f.display());
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
    assert!(app.messages.is_empty(), "{:?}", app.messages);
    let doc = app.doc.as_ref().expect("the assessment is open");
    assert_eq!(doc.assessment.register.len(), 3);
    assert_eq!(
        app.session.as_of.map(|d| d.to_string()),
        Some("2020-12-31".to_string())
    );
}

#[test]
fn a_register_entry_is_created_from_a_cell_rated_and_undone() {
    let mut h = harness(WorkbenchApp::with_files(&[
        poc_workbench::app::example_path(),
    ]));
    h.run();
    let before = h.state().doc.as_ref().expect("doc").assessment.clone();
    // Right-click a cell, then "Add to threat register".
    h.get_by_label_contains("State security forces × Khartoum: ")
        .click_secondary();
    h.run();
    h.get_by_label("Add to threat register").click();
    h.run();
    let app = h.state();
    assert_eq!(app.view, View::Register);
    let doc = app.doc.as_ref().expect("doc");
    assert_eq!(doc.assessment.register.len(), 4);
    let new = doc.assessment.register.last().expect("entry");
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
        h.state().doc.as_ref().expect("doc").assessment.register[3].likelihood,
        Some(5)
    );
    // Undo twice (rating, then creation) restores the document.
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(
        h.state().doc.as_ref().expect("doc").assessment.register[3].likelihood,
        None
    );
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(h.state().doc.as_ref().expect("doc").assessment, before);
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
    let id = h.state().doc.as_ref().expect("doc").assessment.register[3].id;
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
    let doc = h.state().doc.as_ref().expect("doc");
    assert_eq!(
        doc.assessment.register[3]
            .successors
            .get(&poc_workbench::assessment::Tier::II),
        Some(&poc_workbench::assessment::Successor::HostStateSecurityForces)
    );
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
    assert!(h.state().doc.is_none());
    assert!(
        h.state()
            .messages
            .iter()
            .any(|m| m.error && m.text.contains("damaged.ron") && m.text.contains("line "))
    );
    h.get_by_label("Open the backup").click();
    h.run();
    let app = h.state();
    assert_eq!(
        app.doc.as_ref().map(|d| d.assessment.register.len()),
        Some(3)
    );
    assert_eq!(
        std::fs::read_to_string(&p).expect("read").len(),
        good.len() / 3,
        "the damaged file is kept"
    );
}

#[test]
fn a_new_assessment_records_its_datasets_and_saves_atomically() {
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
    let doc = h.state_mut().doc.as_mut().expect("doc");
    assert_eq!(doc.assessment.datasets.len(), 1);
    assert_eq!(
        doc.assessment.datasets[0].sha256,
        "37948ba7d56c6acfae421291e4ef8c7d05f710cadfc5e8eeb65aa531441650f6"
    );
    assert!(doc.dirty);
    doc.save(Some(path.clone())).expect("saves");
    assert!(!doc.dirty);
    let back = poc_workbench::assessment::file::load(&path).expect("loads");
    assert_eq!(back, doc.assessment);
    assert_eq!(back.register.len(), 1);
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
    assert!(h.state().export_dialog.is_some(), "Ctrl+E opens the dialog");
    // Choose the public level: the preview shows withheld cells.
    h.get_by_label("public").click();
    h.run();
    h.run();
    assert!(
        h.query_all_by_label("<5").count() > 5,
        "withheld cells in the preview"
    );
    h.get_by_label_contains("PUBLIC: small counts withheld");
    let out = dir.path().join("annex.html");
    h.state_mut().export_dialog.as_mut().expect("dialog").format =
        poc_workbench::annex::Format::Html;
    h.state_mut().export_dialog.as_mut().expect("dialog").path = out.display().to_string();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    let app = h.state();
    assert!(app.export_dialog.is_none(), "closed after writing");
    let html = std::fs::read_to_string(&out).expect("the annex is written");
    assert!(html.contains("PUBLIC: small counts withheld") && html.contains("<svg"));
    let doc = app.doc.as_ref().expect("doc");
    let rec = doc.assessment.exports.last().expect("recorded");
    assert_eq!(rec.level, poc_workbench::assessment::SharingLevel::Public);
    assert!(!doc.dirty, "the record is saved");
    let on_disk = poc_workbench::assessment::file::load(&ron).expect("loads");
    assert_eq!(on_disk.exports.len(), doc.assessment.exports.len());
    // Writing over the dataset is refused, in the dialog.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    h.state_mut().export_dialog.as_mut().expect("dialog").path =
        dir.path().join("ucdp-ged-sudan.csv").display().to_string();
    h.run();
    h.get_by_label("Export").click();
    h.run();
    let err = h
        .state()
        .export_dialog
        .as_ref()
        .and_then(|d| d.error.clone());
    assert!(err.is_some_and(|e| e.contains("refusing")));
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
            let _ = std::process::Command::new("umount").arg(self.0).status();
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
    let mut meta = h.state().doc.as_ref().expect("doc").assessment.meta.clone();
    meta.notes = "x".repeat(50_000);
    h.state_mut().send(AppCommand::EditDoc(
        poc_workbench::assessment::edit::Edit::SetMeta(meta),
    ));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    let app = h.state();
    let msg = app.messages.last().expect("a message");
    assert!(msg.error, "{}", msg.text);
    assert!(
        msg.text.contains("The disk is full") && msg.text.contains("previous file is unchanged"),
        "{}",
        msg.text
    );
    assert!(app.doc.as_ref().expect("doc").dirty, "still unsaved");
    assert_eq!(std::fs::read(&ron).expect("read"), before);
}
