//! The workbench window (feature `gui`): eframe app, menus, panels and
//! views over the same core as the CLI. `WorkbenchApp::show` lays out one
//! frame and queues `AppCommand`s; `handle` applies them afterwards.

mod about;
mod charts_view;
mod chrome;
mod command_handling;
pub mod commands;
pub mod document;
mod filters;
mod followup_view;
pub mod i18n;
mod incidents_view;
mod map_view;
mod mapping_dialog;
mod matrix_view;
mod register_view;
mod report_view;
pub mod session;
pub mod theme;

use crate::analysis::workspace::RowRef;
use crate::analysis::{Filter, Workspace};
use crate::import::{ColumnMapping, ImportError, preview_file};
use commands::{AppCommand, View};
use i18n::tr;
use session::{LoadJob, Selection, Session};
use std::path::{Path, PathBuf};

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

    /// Opens files synchronously: `.ron` as an assessment, others as datasets.
    pub fn open_files(&mut self, files: &[PathBuf]) {
        let app = self;
        for f in files {
            if f.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")) {
                app.open_assessment(f.clone());
                continue;
            }
            let r = crate::import::import_file(f, &Default::default(), &Default::default());
            app.accept_load(f.clone(), r);
        }
    }

    /// Opens an assessment and its datasets (replacing what is loaded).
    pub fn open_assessment(&mut self, path: PathBuf) {
        match crate::assessment::file::load(&path) {
            Ok(a) => {
                let (ws, statuses) = crate::assessment::review::open_datasets(&a, &path);
                for s in statuses.iter().filter(|s| s.status != "ok") {
                    // Shown with a Relink button in the register view too.
                    self.messages.push(Message {
                        error: true,
                        text: format!(
                            "dataset {} is {}: {}",
                            s.path.display(),
                            s.status,
                            s.message
                        ),
                    });
                }
                self.dataset_status = statuses;
                self.session.workspace = ws;
                self.session.data_generation += 1;
                self.session.as_of = Some(a.meta.as_of);
                self.prefs.recent.retain(|p| p != &path);
                self.prefs.recent.insert(0, path.clone());
                let journal = document::journal_for(&path);
                self.recovery =
                    (self.journaling && journal.exists()).then(|| (path.clone(), journal.clone()));
                let mut doc = document::DocState::new(a, Some(path));
                doc.journal = self.journaling.then_some(journal);
                self.doc = Some(doc);
            }
            Err(e) => {
                self.backup_offer = e.backup().map(Path::to_path_buf);
                self.messages.push(Message {
                    error: true,
                    text: e.to_string(),
                });
            }
        }
    }

    /// Queues a command (views call this while drawing).
    pub fn send(&mut self, c: AppCommand) {
        self.commands.push(c);
    }

    /// Takes the result of a load into the session.
    fn accept_load(&mut self, path: PathBuf, r: Result<crate::model::Dataset, ImportError>) {
        match r {
            Ok(d) => {
                self.prefs.recent.retain(|p| p != &path);
                self.prefs.recent.insert(0, path);
                self.prefs.recent.truncate(10);
                if let Some(doc) = self.doc.as_mut() {
                    let dir = doc
                        .path
                        .as_ref()
                        .and_then(|p| p.parent().map(Path::to_path_buf));
                    let r = crate::assessment::Assessment::dataset_ref(
                        &d.meta.path,
                        d.meta.format,
                        d.meta.mapping.clone(),
                        dir.as_deref(),
                    );
                    if !doc
                        .assessment
                        .datasets
                        .iter()
                        .any(|x| x.sha256 == r.sha256 && !r.sha256.is_empty())
                    {
                        let at = doc.assessment.datasets.len();
                        let _ = doc.apply(crate::assessment::edit::Edit::InsertDataset(at, r));
                    }
                }
                self.session.add(d);
            }
            Err(ImportError::Cancelled) => self.messages.push(Message {
                error: false,
                text: format!("{}: {}", path.display(), tr("load.cancelled")),
            }),
            Err(
                e @ (ImportError::UnknownShape { .. }
                | ImportError::AmbiguousDates { .. }
                | ImportError::MissingColumn { .. }),
            ) => {
                let preview = match &e {
                    ImportError::UnknownShape { preview, .. } if !preview.is_empty() => {
                        Ok(preview.clone())
                    }
                    _ => preview_file(&path, 40),
                };
                match preview {
                    Ok(p) => {
                        self.mapping_dialog =
                            Some(mapping_dialog::MappingDialog::new(path, p, e.to_string()))
                    }
                    Err(pe) => self.messages.push(Message {
                        error: true,
                        text: pe.to_string(),
                    }),
                }
            }
            Err(e) => self.messages.push(Message {
                error: true,
                text: e.to_string(),
            }),
        }
    }

    fn start_load(&mut self, path: PathBuf, mapping: Option<ColumnMapping>) {
        let ctx = self.repaint.clone();
        self.jobs.push(LoadJob::start(path, mapping, move || {
            if let Some(c) = &ctx {
                c.request_repaint();
            }
        }));
    }

    fn poll_jobs(&mut self) {
        let mut i = 0;
        while i < self.jobs.len() {
            if let Some(r) = self.jobs[i].poll() {
                let job = self.jobs.remove(i);
                self.accept_load(job.path, r);
            } else {
                i += 1;
            }
        }
    }

    /// Blocks until every running load has finished (tests).
    pub fn wait_for_loads(&mut self) {
        while !self.jobs.is_empty() {
            std::thread::sleep(std::time::Duration::from_millis(5));
            self.poll_jobs();
        }
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
            let paths: Vec<PathBuf> = self
                .session
                .workspace
                .datasets
                .iter()
                .map(|d| d.meta.path.clone())
                .collect();
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

impl eframe::App for WorkbenchApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }
}

/// Opens the window on `files`, or on the bundled sample when none is given.
pub fn run(files: Vec<PathBuf>) -> Result<(), String> {
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

/// Frame times of the window laid out headless (layout and tessellation, no
/// GPU) on `files`: (idle frame, worst frame after a filter change, incidents
/// view frame), in milliseconds. Used by `poc-workbench bench --frames`.
pub fn measure_frames(files: &[PathBuf]) -> (f32, f32, f32) {
    use std::time::Instant;
    let ctx = egui::Context::default();
    let mut app = WorkbenchApp::with_files(files);
    let input = || egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
        ..Default::default()
    };
    let frame = |app: &mut WorkbenchApp| {
        let t = Instant::now();
        let out = ctx.run_ui(input(), |ui| app.show(ui));
        let _ = ctx.tessellate(out.shapes, out.pixels_per_point);
        t.elapsed().as_secs_f32() * 1000.0
    };
    for _ in 0..5 {
        frame(&mut app);
    }
    let mut idle: Vec<f32> = (0..20).map(|_| frame(&mut app)).collect();
    idle.sort_by(f32::total_cmp);
    let latest = app
        .session
        .workspace
        .latest_date()
        .and_then(crate::model::dates::from_day_number);
    type FilterChange = Box<dyn Fn(&mut Filter)>;
    let changes: Vec<FilterChange> = vec![
        Box::new(|f: &mut Filter| {
            f.perpetrators = Some([crate::model::PerpetratorType::StateForces].into())
        }),
        Box::new(move |f: &mut Filter| {
            f.from = latest.and_then(|d| d.checked_sub_months(chrono::Months::new(12)))
        }),
        Box::new(|f: &mut Filter| f.level = crate::analysis::RegionLevel::Admin2),
        Box::new(|f: &mut Filter| *f = Filter::default()),
        // A new filter over every row (not in the recent-matrix cache).
        Box::new(|f: &mut Filter| {
            f.perpetrators = Some(
                crate::model::PerpetratorType::ALL
                    .into_iter()
                    .filter(|t| *t != crate::model::PerpetratorType::Protesters)
                    .collect(),
            )
        }),
    ];
    let mut worst_change = 0.0f32;
    for change in &changes {
        change(&mut app.session.filter);
        let t = Instant::now();
        let _ = app.session.derived();
        let derive_ms = t.elapsed().as_secs_f32() * 1000.0;
        let ms = frame(&mut app) + derive_ms;
        if std::env::var_os("POC_BENCH_VERBOSE").is_some() {
            let again = frame(&mut app);
            eprintln!(
                "  of which matrix recompute {derive_ms:.1} ms; the next frame {again:.1} ms"
            );
        }
        if std::env::var_os("POC_BENCH_VERBOSE").is_some() {
            eprintln!(
                "filter change: {ms:.1} ms ({})",
                app.session.filter.describe()
            );
        }
        worst_change = worst_change.max(ms);
    }
    app.view = View::Incidents;
    frame(&mut app);
    let mut inc: Vec<f32> = (0..10).map(|_| frame(&mut app)).collect();
    inc.sort_by(f32::total_cmp);
    (idle[idle.len() / 2], worst_change, inc[inc.len() / 2])
}
