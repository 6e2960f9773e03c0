//! The workbench window (feature `gui`): eframe app, menus, panels and
//! views over the same core as the CLI. `WorkbenchApp::show` brings the
//! cached figures up to date, lays out one frame (views read a `ViewCtx`
//! and queue `AppCommand`s) and then `handle` applies the commands: the
//! one place where the document, the session and the disk change.

mod about;
mod accessors;
mod actors_view;
mod charts_view;
mod chrome;
mod command_handling;
pub mod commands;
mod details_view;
mod doc_commands;
pub mod document;
pub mod export_dialog;
pub mod file_browser;
pub mod filters;
mod focus;
mod followup_view;
mod frame_bench;
mod help_view;
mod hrddp_view;
pub mod i18n;
mod incidents_view;
pub mod labels;
mod map_view;
mod mapping_dialog;
mod mapping_profiles;
pub mod markdown_view;
mod matching_ui;
mod matrix_view;
mod opening;
mod picking;
mod presentation;
mod ratings_dialog;
mod reconcile;
mod regions_ui;
mod register_entry;
mod register_view;
mod report_view;
mod scenarios_ui;
pub mod session;
mod shortcuts;
mod state;
pub mod theme;
mod view_ctx;
mod workshop_ui;

use crate::analysis::Workspace;
use crate::analysis::workspace::RowRef;
pub use commands::Metric;
use commands::{AppCommand, View};
use i18n::tr;
use session::{LoadJob, OpenJob, Selection, Session};
use std::path::PathBuf;
pub use view_ctx::ViewCtx;

/// The bundled sample dataset.
pub fn sample_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data/ucdp-ged-sudan.csv")
}

/// The worked example assessment, opened (as a copy) when no file is given.
pub fn example_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data/darfur-transition.ron")
}

use state::{Dialogs, PREFS_KEY, ViewStates};
pub use state::{Message, Prefs};

/// The application.
pub struct WorkbenchApp {
    session: Session,
    /// The open assessment, if any.
    doc: Option<document::DocState>,
    /// Write recovery journals (the real window; off in tests).
    journaling: bool,
    /// The journal error was shown (it is shown once, not every 30 s).
    journal_error_shown: bool,
    /// Use the desktop's file dialog (off in tests: the workbench's own).
    native_dialogs: bool,
    /// How the assessment's datasets were found on disk when it opened.
    dataset_status: Vec<crate::assessment::review::DatasetStatus>,
    /// Datasets outside their assessment's folder the analyst chose to read
    /// (resolved paths), for this session.
    outside_allowed: Vec<PathBuf>,
    jobs: Vec<LoadJob>,
    open_jobs: Vec<OpenJob>,
    /// Numbers open requests; `newest_open` is the last assessment asked for.
    open_seq: u64,
    newest_open: u64,
    view: View,
    metric: commands::Metric,
    selection: Selection,
    selected_incident: Option<RowRef>,
    detail: Option<Result<Vec<(String, String)>, String>>,
    views: ViewStates,
    dialogs: Dialogs,
    /// A frame with data has been drawn (for the cold-start measurement).
    drawn_with_data: bool,
    messages: Vec<Message>,
    prefs: Prefs,
    /// Presentation mode (F5): the slide shown.
    presenting: Option<usize>,
    last_frame_ms: f32,
    titled_for: Option<(u64, bool, bool)>,
    /// A panel to move the focus to once it has been drawn (F6, Ctrl+1 …),
    /// and the direction to go on in if it is not shown.
    pending_focus: Option<(focus::Anchor, bool)>,
    /// Commands to queue after the draw of a later frame: (frames to
    /// wait, command). Ctrl+S while typing waits for the field to commit.
    after_draw: Vec<(u8, AppCommand)>,
    commands: Vec<AppCommand>,
    repaint: Option<egui::Context>,
    /// The assessment's datasets as last synced with the loaded ones.
    synced_refs: reconcile::SyncedRefs,
}

impl WorkbenchApp {
    /// An app with nothing loaded.
    pub fn empty() -> Self {
        // The window's thread speaks the preferences' language (English
        // until they are read).
        i18n::set_language(i18n::Lang::En);
        WorkbenchApp {
            session: Session::new(Workspace::default()),
            doc: None,
            journaling: false,
            journal_error_shown: false,
            native_dialogs: false,
            dataset_status: Vec::new(),
            outside_allowed: Vec::new(),
            jobs: Vec::new(),
            open_jobs: Vec::new(),
            open_seq: 0,
            newest_open: 0,
            view: View::Matrix,
            metric: commands::Metric::Events,
            selection: Selection::default(),
            selected_incident: None,
            detail: None,
            views: ViewStates::default(),
            dialogs: Dialogs::default(),
            drawn_with_data: false,
            messages: Vec::new(),
            prefs: Prefs::default(),
            presenting: None,
            last_frame_ms: 0.0,
            titled_for: None,
            pending_focus: None,
            after_draw: Vec::new(),
            commands: Vec::new(),
            repaint: None,
            synced_refs: Vec::new(),
        }
    }

    /// An app with `files` loaded synchronously (tests, screenshots, the
    /// frame benchmark). Failures become messages; unknown shapes open the
    /// mapping dialog. The worked example opens as a copy.
    pub fn with_files(files: &[PathBuf]) -> Self {
        let mut app = Self::empty();
        app.open_files(files);
        app
    }

    /// Lays out one frame into `ui` (the whole window), then applies the
    /// commands the frame queued.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let started = std::time::Instant::now();
        let ctx = ui.ctx().clone();
        if self.repaint.is_none() {
            self.repaint = Some(ctx.clone());
            theme::install_fonts(&ctx);
            theme::install_focus_style(&ctx);
        }
        self.poll_jobs();
        self.set_title(&ctx);
        self.shortcuts(&ctx);
        // Compute, then draw: every figure the frame shows is brought up to
        // date here, and the views only read it.
        let sel = match self.view {
            View::Map => Some(Selection::default()),
            View::Incidents => Some(self.selection.clone()),
            _ => None,
        };
        self.session
            .refresh(sel.as_ref(), self.view == View::Charts);
        if let Some(doc) = self.doc.as_mut()
            && (matches!(self.view, View::Register | View::Followup | View::Map)
                || self.presenting.is_some())
        {
            doc.refresh_review(self.session.workspace(), self.session.data_generation());
        }
        self.draw(ui, &ctx);
        if let Some((a, back)) = self.pending_focus.take() {
            // A panel that is not shown (no data, filters hidden, a view
            // without controls) is passed over in the same direction.
            let mut next = a;
            for _ in 0..focus::Anchor::ALL.len() {
                if focus::focus(&ctx, next) {
                    break;
                }
                next = next.step(back);
            }
        }
        for (wait, c) in std::mem::take(&mut self.after_draw) {
            if wait == 0 {
                self.commands.push(c);
            } else {
                self.after_draw.push((wait - 1, c));
            }
        }
        if !self.after_draw.is_empty() {
            ctx.request_repaint();
        }
        if self.journaling && self.doc.as_ref().is_some_and(document::DocState::is_dirty) {
            // Wake up for the next journal write even if nothing happens.
            ctx.request_repaint_after(document::JOURNAL_EVERY);
        }
        if let Some(doc) = self.doc.as_mut()
            && let Err(e) = doc.maybe_journal()
            && !std::mem::replace(&mut self.journal_error_shown, true)
        {
            self.messages.push(Message::new(true, e));
        }
        self.handle(&ctx);
        if !self.jobs.is_empty() || !self.open_jobs.is_empty() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        self.last_frame_ms = started.elapsed().as_secs_f32() * 1000.0;
    }

    fn set_title(&mut self, ctx: &egui::Context) {
        let dirty = self.doc.as_ref().is_some_and(document::DocState::is_dirty);
        let copy = self
            .doc
            .as_ref()
            .is_some_and(|d| d.source_of_copy().is_some());
        let key = (
            self.session.data_generation() + self.doc.as_ref().map_or(0, |d| d.version() << 32),
            dirty,
            copy,
        );
        if self.titled_for != Some(key) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(self.title()));
            self.titled_for = Some(key);
        }
    }

    /// The window title: the assessment (marked when unsaved, or when it is
    /// a copy of the worked example), else the datasets, and the product.
    pub fn title(&self) -> String {
        if let Some(doc) = &self.doc {
            let name = match (doc.path(), doc.source_of_copy()) {
                (Some(p), _) => file_name(p),
                (None, Some(src)) => i18n::tr_args("title.copy_of", &[("file", &file_name(src))]),
                (None, None) => tr("title.untitled").to_string(),
            };
            let star = if doc.is_dirty() { "• " } else { "" };
            return format!("{star}{name} — {}", tr("app.title"));
        }
        title_for(&self.session.workspace().source_paths())
    }

    fn draw(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        if let Some(slide) = self.presenting {
            self.presentation_ui(ui, slide);
            return;
        }
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        let has_data = !self.session.workspace().datasets.is_empty();
        let WorkbenchApp {
            session,
            doc,
            views,
            commands,
            ..
        } = self;
        let vctx = ViewCtx::new(
            session,
            doc.as_ref(),
            &self.dataset_status,
            &self.selection,
            self.selected_incident,
            self.detail.as_ref(),
            self.metric,
        );
        if has_data && self.prefs.filters_open {
            let panel = egui::Panel::left("filters")
                .resizable(true)
                .default_size(270.0)
                .show(ui, |ui| {
                    filters::filters_ui(ui, &vctx, &mut views.filters, commands)
                });
            focus::mark_area(ctx, focus::Anchor::Filters, panel.response.rect);
        } else {
            focus::clear_area(ctx, focus::Anchor::Filters);
        }
        egui::CentralPanel::default().show(ui, |ui| {
            chrome::banners_ui(ui, &self.messages, &self.dialogs, commands);
            if let Some(bak) = &self.dialogs.backup_offer {
                chrome::backup_ui(ui, bak, commands);
            }
            chrome::offers_ui(ui, &self.dialogs.offer_datasets, commands);
            if !has_data && self.view != View::Help && doc.is_none() {
                chrome::welcome_ui(ui, commands);
                return;
            }
            // An assessment whose datasets are not read (missing, or
            // outside its folder and not yet allowed) opens on its register,
            // where they are listed with what to do.
            let view = if !has_data && !matches!(self.view, View::Help) {
                View::Register
            } else {
                self.view
            };
            chrome::tabs_ui(ui, view, commands);
            ui.separator();
            Self::view_ui(view, ui, &vctx, views, commands);
        });
        if let Some(dialog) = self.dialogs.mapping.as_mut()
            && !dialog.show(ctx, commands)
        {
            self.dialogs.mapping = None;
        }
        if let Some(dialog) = self.dialogs.export.as_mut()
            && !export_dialog::show(ctx, &vctx, dialog, commands)
        {
            self.dialogs.export = None;
        }
        if let Some(browser) = self.dialogs.browser.as_mut()
            && !browser.show(ctx, commands)
        {
            self.dialogs.browser = None;
        }
        if let Some(collected) = self.dialogs.ratings.as_ref()
            && !ratings_dialog::show(ctx, collected, commands)
        {
            self.dialogs.ratings = None;
        }
        if let Some(changes) = self.dialogs.changes.as_ref()
            && !ratings_dialog::show_changes(ctx, changes)
        {
            self.dialogs.changes = None;
        }
        if self.dialogs.confirm_quit {
            chrome::quit_ui(ctx, &mut self.dialogs.confirm_quit, commands);
        }
        if self.dialogs.confirm_replace.is_some() {
            chrome::replace_ui(ctx, &mut self.dialogs.confirm_replace, commands);
        }
        if self.dialogs.about {
            about::about_window(ctx, &mut self.dialogs.about);
        }
    }

    /// Draws one view of the central panel: the one dispatch from `View`.
    fn view_ui(
        view: View,
        ui: &mut egui::Ui,
        ctx: &ViewCtx<'_>,
        views: &mut ViewStates,
        cmds: &mut Vec<AppCommand>,
    ) {
        match view {
            View::Matrix => matrix_view::matrix_ui(ui, ctx, &mut views.matrix, cmds),
            View::Incidents => incidents_view::incidents_ui(ui, ctx, &mut views.incidents, cmds),
            View::Charts => charts_view::charts_ui(ui, ctx, &mut views.charts),
            View::Map => map_view::map_ui(ui, ctx, &mut views.map, cmds),
            View::Report => report_view::report_ui(ui, ctx, cmds),
            View::Register => register_view::register_ui(ui, ctx, &mut views.register, cmds),
            View::Followup => followup_view::followup_ui(ui, ctx, &mut views.followup, cmds),
            View::Actors => actors_view::actors_ui(ui, ctx, &mut views.actors, cmds),
            View::Hrddp => hrddp_view::hrddp_ui(ui, ctx, &mut views.hrddp, cmds),
            View::Help => help_view::help_ui(ui, &mut views.help),
        }
    }
}

fn file_name(p: &std::path::Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().to_string(),
    )
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
            && self.open_jobs.is_empty()
            && !self.session.workspace().datasets.is_empty()
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

mod launch;
pub use launch::{run, title_for};
