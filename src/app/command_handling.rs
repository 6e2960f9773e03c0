//! Command handling: every `AppCommand` queued while drawing is applied
//! here, after the frame is laid out; keyboard shortcuts and dropped files
//! become commands too. The one place where the session, the open
//! assessment and the disk change, and where every failure becomes a
//! message the analyst sees.

use super::commands::{AppCommand, View};
use super::i18n::tr;
use super::opening::is_assessment;
use super::session::LoadJob;
use super::{Message, WorkbenchApp, document, theme};
use crate::analysis::Filter;
use crate::assessment::edit::Edit;
use std::path::PathBuf;

impl WorkbenchApp {
    /// Applies the queued commands.
    pub fn handle(&mut self, ctx: &egui::Context) {
        if !self.commands.is_empty() {
            // The frame just drawn predates these changes: draw another.
            ctx.request_repaint();
        }
        // A command may queue others (Save asks for a path): loop until done.
        let mut rounds = 0;
        while !self.commands.is_empty() && rounds < 8 {
            rounds += 1;
            for c in std::mem::take(&mut self.commands) {
                self.handle_one(ctx, c);
            }
        }
    }

    /// A command that replaces the document waits while the document has
    /// unsaved changes, until the analyst discards them or cancels.
    fn would_lose_work(&mut self, c: &AppCommand) -> bool {
        let replaces = match c {
            AppCommand::Open(paths) => paths.iter().any(|p| is_assessment(p)),
            AppCommand::OpenAssessment(_) | AppCommand::OpenExample | AppCommand::NewAssessment => {
                true
            }
            _ => false,
        };
        if !replaces || !self.doc.as_ref().is_some_and(document::DocState::is_dirty) {
            return false;
        }
        if std::mem::take(&mut self.dialogs.replace_confirmed) {
            return false;
        }
        self.dialogs.confirm_replace = Some(c.clone());
        true
    }

    fn handle_one(&mut self, ctx: &egui::Context, c: AppCommand) {
        if self.would_lose_work(&c) {
            return;
        }
        match c {
            AppCommand::ConfirmReplace => {
                if let Some(pending) = self.dialogs.confirm_replace.take() {
                    self.dialogs.replace_confirmed = true;
                    self.send(pending);
                }
            }
            AppCommand::Open(paths) => {
                for p in paths {
                    if is_assessment(&p) {
                        self.start_open_assessment(p);
                    } else {
                        self.start_load(p, None);
                    }
                }
            }
            AppCommand::OpenAssessment(p) => self.start_open_assessment(p),
            AppCommand::OpenExample => self.start_open_assessment(super::example_path()),
            AppCommand::Pick(purpose) => self.pick(purpose),
            AppCommand::Picked(purpose, path) => self.picked(purpose, path),
            AppCommand::OpenWithMapping(p, m) => {
                self.dialogs.mapping = None;
                self.start_load(p, Some(m));
            }
            AppCommand::EditMapping(i) => self.edit_mapping(i),
            AppCommand::Remap(i, m) => {
                self.dialogs.mapping = None;
                self.start_remap(i, Some(m), true);
            }
            AppCommand::ReadOutside => {
                // The paths the analyst saw in the datasets list.
                if let Some(base) = self
                    .doc
                    .as_ref()
                    .and_then(|d| d.path().or(d.source_of_copy()))
                {
                    let base = base.to_path_buf();
                    for s in &self.dataset_status {
                        if s.status == crate::assessment::review::DatasetState::Outside {
                            self.outside_allowed
                                .push(crate::assessment::datasets::resolve(&base, &s.path));
                        }
                    }
                }
                self.start_reload_datasets();
            }
            AppCommand::CancelLoads => self.jobs.iter().for_each(LoadJob::cancel),
            AppCommand::RemoveDataset(i) => {
                self.session.remove(i);
                self.selected_incident = None;
                self.detail = None;
            }
            AppCommand::CloseAll => {
                while !self.session.workspace().datasets.is_empty() {
                    self.session.remove(0);
                }
                self.selected_incident = None;
                self.detail = None;
            }
            AppCommand::ShowIncidents(sel) => {
                self.selection = sel;
                self.selected_incident = None;
                self.detail = None;
                self.view = View::Incidents;
            }
            AppCommand::SelectIncident(r) => self.select_incident(r),
            AppCommand::SetView(v) => self.view = v,
            AppCommand::SetMetric(m) => self.metric = m,
            AppCommand::SetFilter(f) => self.session.set_filter(f),
            AppCommand::FilterToRegion(r) => {
                let mut f = self.session.filter().clone();
                f.regions = Some([r].into());
                self.session.set_filter(f);
            }
            AppCommand::ResetFilters => {
                let level = self.session.filter().level;
                self.session.set_filter(Filter {
                    level,
                    ..Default::default()
                });
            }
            AppCommand::ToggleFilters => self.prefs.filters_open = !self.prefs.filters_open,
            AppCommand::FocusPanel(a, back) => self.pending_focus = Some((a, back)),
            AppCommand::AnswerOffer(i, add) => {
                if i < self.dialogs.offer_datasets.len() {
                    let d = self.dialogs.offer_datasets.remove(i);
                    if add && let Some(doc) = self.doc.as_ref() {
                        let at = doc.assessment().datasets.len();
                        self.edit(Edit::InsertDataset(at, d));
                    }
                }
            }
            AppCommand::Dismiss(i) => {
                if i < self.messages.len() {
                    self.messages.remove(i);
                }
            }
            c => self.handle_window(ctx, c),
        }
    }

    fn handle_window(&mut self, ctx: &egui::Context, c: AppCommand) {
        match c {
            AppCommand::Present => {
                self.presenting = match self.presenting {
                    Some(_) => None,
                    None => Some(0),
                };
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.presenting.is_some()));
            }
            AppCommand::Slide(d) => {
                if let Some(s) = self.presenting {
                    let last = self.slide_count().saturating_sub(1);
                    self.presenting = Some(s.saturating_add_signed(d as isize).min(last));
                }
            }
            AppCommand::ToggleWorkshop => {
                self.prefs.workshop = !self.prefs.workshop;
                let zoom = if self.prefs.workshop {
                    theme::WORKSHOP_ZOOM
                } else {
                    1.0
                };
                // On a projector-sized window the enlarged filter panel would
                // take half the width: hide it (Ctrl+B brings it back).
                let width = ctx.content_rect().width() * ctx.zoom_factor() / zoom;
                if self.prefs.workshop && width < theme::NARROW_POINTS {
                    self.prefs.filters_open = false;
                }
                ctx.set_zoom_factor(zoom);
            }
            AppCommand::SetLanguage(l) => {
                self.prefs.language = l;
                super::i18n::set_language(l);
            }
            AppCommand::SetDark(dark) => {
                self.prefs.dark = dark;
                ctx.set_theme(if dark {
                    egui::Theme::Dark
                } else {
                    egui::Theme::Light
                });
            }
            AppCommand::Copy(text) => ctx.copy_text(text),
            AppCommand::SaveProfile(m) => match super::mapping_profiles::save_profile(&m) {
                Ok(p) => self.info(format!("{}: {}", tr("mapping.saved"), p.display())),
                Err(e) => self.error(e),
            },
            AppCommand::ShowAbout => self.dialogs.about = true,
            AppCommand::Quit => {
                if self.doc.as_ref().is_some_and(document::DocState::is_dirty)
                    && !self.dialogs.quit_confirmed
                {
                    self.dialogs.confirm_quit = true;
                } else {
                    self.dialogs.quit_confirmed = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            AppCommand::QuitDiscarding => {
                if let Some(doc) = self.doc.as_mut()
                    && let Err(e) = doc.discard_journal()
                {
                    self.error(e);
                }
                self.dialogs.quit_confirmed = true;
                self.dialogs.confirm_quit = false;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            c => self.handle_doc(c),
        }
    }

    pub(super) fn info(&mut self, text: String) {
        self.messages.push(Message::new(false, text));
    }

    pub(super) fn error(&mut self, text: String) {
        self.messages.push(Message::new(true, text));
    }

    /// An error the core wrote, kept in both languages.
    pub(super) fn core_error(&mut self, m: &dyn crate::i18n::Localized) {
        self.messages.push(Message::said(true, m));
    }

    fn select_incident(&mut self, r: crate::analysis::workspace::RowRef) {
        self.selected_incident = Some(r);
        let Some(d) = self.session.workspace().datasets.get(r.0) else {
            return;
        };
        let pos = crate::model::incident::SourcePosition {
            line: u64::from(d.incidents.line[r.1]),
            byte: d.incidents.byte[r.1],
        };
        self.detail =
            Some(crate::import::source_record(&d.meta, pos).map_err(|e| super::i18n::said(&e)));
    }
}

/// Puts `p` first in the recent files, ten at most.
pub(super) fn remember(recent: &mut Vec<PathBuf>, p: &std::path::Path) {
    recent.retain(|x| x != p);
    recent.insert(0, p.to_path_buf());
    recent.truncate(10);
}
