//! Ratings collected offline (METHODOLOGY §10): File › Export rating
//! sheets… writes one XLSX per participant beside the assessment; File ›
//! Import ratings… reads filled sheets (or a participant's copy of the
//! `.ron`) and shows what they hold and every problem, changing nothing
//! until the analyst takes them (one undoable edit).

use super::WorkbenchApp;
use super::commands::AppCommand;
use super::i18n::{tr, tr_args};
use crate::assessment::rating_sheets::{self, Collected};
use std::path::{Path, PathBuf};

impl WorkbenchApp {
    /// Writes the rating sheets into `rating-sheets/` beside the
    /// assessment (or in the working folder for one not saved yet).
    pub(super) fn export_rating_sheets(&mut self) {
        let Some(doc) = self.doc.as_ref() else {
            self.error(tr("ratings.no_doc").into());
            return;
        };
        let review = doc.cached_review().cloned().unwrap_or_else(|| {
            crate::assessment::review::review(doc.assessment(), self.session.workspace())
        });
        let base = doc
            .path()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        let dir = base.join("rating-sheets");
        match rating_sheets::export(doc.assessment(), &review, &dir, super::i18n::language()) {
            Ok(files) => self.info(tr_args(
                "ratings.written",
                &[
                    ("n", &files.len().to_string()),
                    ("folder", &dir.display().to_string()),
                ],
            )),
            Err(e) => self.core_error(&e),
        }
    }

    /// Reads filled sheets (or copies of the assessment) for the analyst
    /// to look at before taking them.
    pub(super) fn collect_ratings(&mut self, paths: Vec<PathBuf>) {
        let Some(doc) = self.doc.as_ref() else {
            self.error(tr("ratings.no_doc").into());
            return;
        };
        let a = doc.assessment();
        let mut collected = Vec::new();
        for p in paths {
            let is_ron = p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"));
            let read = if is_ron {
                rating_sheets::read_copy(a, &p)
            } else {
                rating_sheets::read_sheet(a, &p).map(|c| vec![c])
            };
            match read {
                Ok(v) => collected.extend(v),
                Err(e) => collected.push(Collected {
                    path: p.clone(),
                    problems: vec![e],
                    foreign: true,
                    ..Default::default()
                }),
            }
        }
        self.dialogs.ratings = Some(collected);
    }

    /// Takes the collected ratings: one undoable edit.
    pub(super) fn apply_ratings(&mut self) {
        let Some(collected) = self.dialogs.ratings.take() else {
            return;
        };
        let Some(doc) = self.doc.as_ref() else { return };
        match rating_sheets::edits(doc.assessment(), &collected) {
            Some(e) => {
                self.edit(e);
                self.sync_as_of();
            }
            None => self.info(tr("ratings.nothing").into()),
        }
    }
}

impl WorkbenchApp {
    /// What changed from an earlier draft to the open assessment
    /// (METHODOLOGY §10), shown in a window.
    pub(super) fn compare_with(&mut self, old: &Path) {
        let Some(doc) = self.doc.as_ref() else {
            self.error(tr("ratings.no_doc").into());
            return;
        };
        let prev = match crate::assessment::file::load(old) {
            Ok(a) => a,
            Err(e) => {
                self.core_error(&e);
                return;
            }
        };
        let (prev_ws, _) = crate::assessment::review::open_datasets(&prev, old);
        let d = crate::assessment::diff::diff(
            &prev,
            &prev_ws,
            doc.assessment(),
            self.session.workspace(),
        );
        self.dialogs.changes = Some((
            old.to_path_buf(),
            crate::assessment::diff::to_text_in(&d, super::i18n::language()),
        ));
    }
}

/// The comparison with an earlier draft; `false` when closed.
pub fn show_changes(ctx: &egui::Context, (old, text): &(PathBuf, String)) -> bool {
    let mut open = true;
    egui::Window::new(tr("changes.title"))
        .open(&mut open)
        .default_size([760.0, 420.0])
        .show(ctx, |ui| {
            ui.label(tr_args(
                "changes.against",
                &[("file", &old.display().to_string())],
            ));
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| {
                for line in text.lines() {
                    ui.monospace(line);
                }
            });
        });
    open
}

/// The dialog: per file, the participant, the ratings found and the
/// problems; Take or Cancel. `false` when closed.
pub fn show(ctx: &egui::Context, collected: &[Collected], cmds: &mut Vec<AppCommand>) -> bool {
    let mut open = true;
    let mut close = false;
    egui::Window::new(tr("ratings.title"))
        .open(&mut open)
        .default_size([720.0, 420.0])
        .show(ctx, |ui| {
            ui.label(tr("ratings.intro"));
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .show(ui, |ui| {
                    for c in collected {
                        let file = c
                            .path
                            .file_name()
                            .map_or_else(String::new, |n| n.to_string_lossy().to_string());
                        ui.strong(tr_args(
                            "ratings.file",
                            &[
                                ("file", &file),
                                ("name", &c.participant.name),
                                ("n", &c.ratings.len().to_string()),
                            ],
                        ));
                        for p in &c.problems {
                            ui.colored_label(ui.visuals().warn_fg_color, super::i18n::said(p));
                        }
                    }
                });
            ui.separator();
            let usable: usize = collected
                .iter()
                .filter(|c| !c.foreign)
                .map(|c| c.ratings.len())
                .sum();
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(usable > 0, egui::Button::new(tr("ratings.take")))
                    .clicked()
                {
                    cmds.push(AppCommand::ApplyRatings);
                }
                if ui.button(tr("common.cancel")).clicked() {
                    close = true;
                }
            });
        });
    open && !close
}
