//! The workbench window (feature `gui`): eframe app, menus, panels and
//! views over the same core as the CLI. `WorkbenchApp::show` lays out one
//! frame and queues `AppCommand`s; `handle` applies them afterwards.

mod about;
mod charts_view;
mod chrome;
mod command_handling;
pub mod commands;
pub mod document;
pub mod export_dialog;
mod filters;
mod followup_view;
mod frame_bench;
pub mod i18n;
mod incidents_view;
mod map_view;
mod mapping_dialog;
mod matrix_view;
mod opening;
mod register_view;
mod report_view;
pub mod session;
pub mod theme;

use crate::analysis::Workspace;
use crate::analysis::workspace::RowRef;
use commands::{AppCommand, View};
use i18n::tr;
use session::{LoadJob, Selection, Session};
use std::path::PathBuf;

/// The bundled sample dataset.
pub fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data/ucdp-ged-sudan.csv")
}

/// The worked example assessment, opened when no file is given.
pub fn example_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data/darfur-transition.ron")
}

/// Preferences kept in eframe storage, and nothing else is kept there.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub recent: Vec<PathBuf>,
    pub dark: bool,
    pub workshop: bool,
}

const PREFS_KEY: &str = "poc-workbench-prefs";

/// A message shown at the top of the window until dismissed.
#[derive(Debug, Clone)]
pub struct Message {
    pub error: bool,
    pub text: String,
}

/// Matrix metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    Events,
    Fatalities,
    StateShare,
}

/// The application.
pub struct WorkbenchApp {
    pub session: Session,
    /// The open assessment, if any.
    pub doc: Option<document::DocState>,
    /// Asking whether to save before quitting.
    pub confirm_quit: bool,
    quit_confirmed: bool,
    /// Write recovery journals (the real window; off in tests).
    pub journaling: bool,
    /// A journal found for the opened assessment: (assessment, journal).
    pub recovery: Option<(PathBuf, PathBuf)>,
    /// A backup offered after a damaged assessment failed to open.
    pub backup_offer: Option<PathBuf>,
    /// The add-base and add-benchmark forms.
    pub followup_forms: followup_view::Forms,
    /// Register sort: (column, descending).
    pub register_sort: (usize, bool),
    /// How the assessment's datasets were found on disk when it opened.
    pub dataset_status: Vec<crate::assessment::review::DatasetStatus>,
    pub jobs: Vec<LoadJob>,
    pub view: View,
    pub metric: Metric,
    pub selection: Selection,
    pub selected_incident: Option<RowRef>,
    pub detail: Option<Result<Vec<(String, String)>, String>>,
    pub mapping_dialog: Option<mapping_dialog::MappingDialog>,
    /// The export dialog, when open.
    pub export_dialog: Option<export_dialog::ExportDialog>,
    /// A frame with data has been drawn (for the cold-start measurement).
    drawn_with_data: bool,
    pub messages: Vec<Message>,
    pub prefs: Prefs,
    pub show_about: bool,
    pub region_search: String,
    pub focus_search: bool,
    pub chart_reset: bool,
    pub last_frame_ms: f32,
    titled_for: Option<u64>,
    matrix_state: matrix_view::MatrixState,
    incidents_state: incidents_view::IncidentsState,
    map_state: map_view::MapState,
    commands: Vec<AppCommand>,
    repaint: Option<egui::Context>,
}

impl WorkbenchApp {
    /// An app with nothing loaded.
    pub fn empty() -> Self {
        WorkbenchApp {
            session: Session::new(Workspace::default()),
            doc: None,
            confirm_quit: false,
            quit_confirmed: false,
            journaling: false,
            recovery: None,
            backup_offer: None,
            dataset_status: Vec::new(),
            register_sort: (0, false),
            followup_forms: Default::default(),
            jobs: Vec::new(),
            view: View::Matrix,
            metric: Metric::Events,
            selection: Selection::default(),
            selected_incident: None,
            detail: None,
            export_dialog: None,
            drawn_with_data: false,
            mapping_dialog: None,
            messages: Vec::new(),
            prefs: Prefs::default(),
            show_about: false,
            region_search: String::new(),
            focus_search: false,
            chart_reset: false,
            last_frame_ms: 0.0,
            titled_for: None,
            matrix_state: Default::default(),
            incidents_state: Default::default(),
            map_state: Default::default(),
            commands: Vec::new(),
            repaint: None,
        }
    }

    /// An app with `files` loaded synchronously (tests, screenshots, the CLI
    /// start-up). Failures become messages; unknown shapes open the mapping
    /// dialog.
    pub fn with_files(files: &[PathBuf]) -> Self {
        let mut app = Self::empty();
        app.open_files(files);
        app
    }

    /// Queues a command (views call this while drawing).
    pub fn send(&mut self, c: AppCommand) {
        self.commands.push(c);
    }

    /// Lays out one frame into `ui` (the whole window).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let started = std::time::Instant::now();
        let ctx = ui.ctx().clone();
        if self.repaint.is_none() {
            self.repaint = Some(ctx.clone());
            theme::install_fonts(&ctx);
        }
        self.poll_jobs();
        if self.titled_for != Some(self.session.data_generation) {
            let paths = self.session.workspace.source_paths();
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title_for(&paths)));
            self.titled_for = Some(self.session.data_generation);
        }
        self.shortcuts(&ctx);
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        let has_data = !self.session.workspace.datasets.is_empty();
        if has_data {
            egui::Panel::left("filters")
                .resizable(true)
                .default_size(270.0)
                .show(ui, |ui| filters::filters_ui(self, ui));
        }
        egui::CentralPanel::default().show(ui, |ui| {
            self.messages_ui(ui);
            self.recovery_ui(ui);
            self.backup_ui(ui);
            if !has_data {
                self.welcome_ui(ui);
                return;
            }
            self.tabs_ui(ui);
            ui.separator();
            match self.view {
                View::Matrix => matrix_view::matrix_ui(self, ui),
                View::Incidents => incidents_view::incidents_ui(self, ui),
                View::Charts => charts_view::charts_ui(self, ui),
                View::Map => map_view::map_ui(self, ui),
                View::Report => report_view::report_ui(self, ui),
                View::Register => register_view::register_ui(self, ui),
                View::Followup => followup_view::followup_ui(self, ui),
            }
        });
        if let Some(mut dialog) = self.mapping_dialog.take() {
            let keep = dialog.show(&ctx, &mut self.commands);
            if keep {
                self.mapping_dialog = Some(dialog);
            }
        }
        if let Some(mut dialog) = self.export_dialog.take()
            && export_dialog::show(self, &ctx, &mut dialog)
        {
            self.export_dialog = Some(dialog);
        }
        if self.confirm_quit {
            egui::Window::new(tr("quit.title"))
                .collapsible(false)
                .resizable(false)
                .show(&ctx, |ui| {
                    ui.label(tr("quit.body"));
                    ui.horizontal(|ui| {
                        if ui.button(tr("quit.save")).clicked() {
                            self.commands.push(AppCommand::Save);
                        }
                        if ui.button(tr("quit.discard")).clicked() {
                            self.quit_confirmed = true;
                            self.confirm_quit = false;
                            self.commands.push(AppCommand::Quit);
                        }
                        if ui.button(tr("common.cancel")).clicked() {
                            self.confirm_quit = false;
                        }
                    });
                });
        }
        if let Some(doc) = self.doc.as_mut() {
            doc.maybe_journal();
        }
        if self.show_about {
            let mut open = true;
            about::about_window(&ctx, &mut open);
            self.show_about = open;
        }
        self.handle(&ctx);
        if !self.jobs.is_empty() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        self.last_frame_ms = started.elapsed().as_secs_f32() * 1000.0;
    }
}

/// Set by `run`: when the process started, for the cold-start measurement
/// (`POC_WORKBENCH_EXIT_AFTER_FIRST_FRAME=1`, used by scripts/cold-start.sh).
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

impl eframe::App for WorkbenchApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
        // Cold-start measurement: report the first frame that shows the
        // sample's matrix, then close.
        // (The frame after the load finished, so the matrix is on screen.)
        if let Some(t0) = STARTED.get()
            && std::env::var_os("POC_WORKBENCH_EXIT_AFTER_FIRST_FRAME").is_some()
            && self.jobs.is_empty()
            && !self.session.workspace.datasets.is_empty()
            && std::mem::replace(&mut self.drawn_with_data, true)
        {
            println!(
                "first frame with the sample's matrix after {:.0} ms",
                t0.elapsed().as_secs_f64() * 1000.0
            );
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}

pub use frame_bench::measure_frames;

/// Opens the window on `files`, or on the bundled sample when none is given.
pub fn run(files: Vec<PathBuf>) -> Result<(), String> {
    let _ = STARTED.set(std::time::Instant::now());
    let files = if files.is_empty() {
        vec![example_path()]
    } else {
        files
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title_for(&files))
            .with_inner_size([1400.0, 900.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "poc-workbench",
        options,
        Box::new(move |cc| {
            let mut app = WorkbenchApp::empty();
            app.journaling = true;
            app.open_files(&files);
            if let Some(storage) = cc.storage {
                app.prefs = eframe::get_value(storage, PREFS_KEY).unwrap_or_default();
            }
            cc.egui_ctx.set_theme(if app.prefs.dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            if app.prefs.workshop {
                cc.egui_ctx.set_zoom_factor(theme::WORKSHOP_ZOOM);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| e.to_string())
}

/// The window title: the product and the dataset(s) open.
pub fn title_for(files: &[PathBuf]) -> String {
    let names: Vec<String> = files
        .iter()
        .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().to_string()))
        .collect();
    if names.is_empty() {
        tr("app.title").to_string()
    } else {
        format!("{} — {}", names.join(", "), tr("app.title"))
    }
}
