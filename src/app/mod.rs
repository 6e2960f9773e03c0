//! The workbench window (feature `gui`). For now a first window: it opens on
//! the given files (or the bundled Darfur sample) and shows the threat
//! matrix totals from the same core as `summarize`.

use crate::analysis::{Filter, ThreatMatrix, Workspace};
use crate::import::{ImportOptions, Progress, import_file};
use std::path::PathBuf;

/// The bundled sample opened when no file is given.
pub fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data/ucdp-ged-sudan.csv")
}

/// The application state.
pub struct WorkbenchApp {
    workspace: Workspace,
    matrix: ThreatMatrix,
    errors: Vec<String>,
}

impl WorkbenchApp {
    /// Loads `files` (or the sample) and computes the first matrix.
    pub fn new(files: Vec<PathBuf>) -> Self {
        let files = if files.is_empty() {
            vec![sample_path()]
        } else {
            files
        };
        let mut datasets = Vec::new();
        let mut errors = Vec::new();
        for f in &files {
            match import_file(f, &ImportOptions::default(), &Progress::default()) {
                Ok(d) => datasets.push(d),
                Err(e) => errors.push(e.to_string()),
            }
        }
        let workspace = Workspace::new(datasets);
        let matrix = ThreatMatrix::compute(&workspace, &Filter::default(), None);
        WorkbenchApp {
            workspace,
            matrix,
            errors,
        }
    }
}

impl eframe::App for WorkbenchApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("POC Transition Workbench");
            for d in &self.workspace.datasets {
                ui.label(d.report.to_text());
            }
            for e in &self.errors {
                ui.colored_label(egui::Color32::RED, e);
            }
            ui.label(format!(
                "{} civilian-harm events, {} civilian fatalities",
                self.matrix.total.events, self.matrix.total.civilian_fatalities
            ));
        });
    }
}

/// Opens the window.
pub fn run(files: Vec<PathBuf>) -> Result<(), String> {
    let options = eframe::NativeOptions::default();
    eframe::run_native(
        "POC Transition Workbench",
        options,
        Box::new(|_cc| Ok(Box::new(WorkbenchApp::new(files)))),
    )
    .map_err(|e| e.to_string())
}
