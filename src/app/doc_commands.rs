//! The open assessment's commands: edits, undo and redo, new entries and
//! assessments, relinking and importing bases, recovering the journal,
//! saving and exporting. Dispatched from `command_handling.rs`.

use super::command_handling::remember;
use super::commands::{AppCommand, Purpose, View};
use super::i18n::{tr, tr_args};
use super::labels::lbl;
use super::{WorkbenchApp, document, export_dialog};
use crate::assessment::edit::Edit;
use std::path::PathBuf;

impl WorkbenchApp {
    pub(super) fn handle_doc(&mut self, c: AppCommand) {
        match c {
            AppCommand::NewEntry {
                perpetrator,
                region,
            } => self.new_entry(perpetrator, region),
            AppCommand::EditDoc(e) => {
                self.edit(e);
                self.sync_as_of();
            }
            AppCommand::SetMatching(m) => {
                // With an assessment open the change is one undoable edit,
                // saved with it; without one it holds for this session.
                if self.doc.is_some() {
                    self.edit(Edit::SetMatching(m));
                    self.sync_as_of();
                } else {
                    self.session.set_matching(m);
                }
            }
            AppCommand::Undo | AppCommand::Redo => {
                let undo = matches!(c, AppCommand::Undo);
                if let Some(doc) = self.doc.as_mut() {
                    let r = if undo { doc.undo() } else { doc.redo() };
                    if let Err(e) = r {
                        let key = if undo {
                            "edit.undo_failed"
                        } else {
                            "edit.redo_failed"
                        };
                        self.error(tr_args(key, &[("reason", &e.to_string())]));
                    }
                }
                self.sync_as_of();
            }
            AppCommand::ExportRatingSheets => self.export_rating_sheets(),
            AppCommand::CollectRatings(paths) => self.collect_ratings(paths),
            AppCommand::ApplyRatings => self.apply_ratings(),
            AppCommand::CompareWith(p) => self.compare_with(&p),
            AppCommand::Save => self.save(),
            AppCommand::SaveAs if self.doc.is_some() => self.pick(Purpose::SaveAs),
            AppCommand::SaveAs => self.error(tr("save.no_document").into()),
            AppCommand::NewAssessment => self.new_assessment(),
            AppCommand::RecoverJournal => self.recover_journal(),
            AppCommand::DiscardJournal => {
                let Some((_, journal)) = self.dialogs.recovery.take() else {
                    return;
                };
                // From now on this document's unsaved work goes to the journal.
                if let Some(doc) = self.doc.as_mut() {
                    doc.set_journal(self.journaling.then(|| journal.clone()));
                }
                if let Err(e) = document::remove_if_there(&journal) {
                    self.error(tr_args(
                        "recovery.not_deleted",
                        &[
                            ("file", &journal.display().to_string()),
                            ("reason", &e.to_string()),
                        ],
                    ));
                }
            }
            AppCommand::ExportDialog => {
                if self.session.workspace().datasets.is_empty() {
                    self.error(tr("export.no_data").into());
                } else {
                    let mut d = export_dialog::ExportDialog::new(self.doc.as_ref());
                    d.verified_only = self.session.filter().verified_only;
                    self.dialogs.export = Some(d);
                }
            }
            AppCommand::Export { replace } => self.export(replace),
            // Handled in `handle_one` and `handle_window` (listed, not `_`,
            // so a new command cannot fall through unhandled).
            AppCommand::Open(_)
            | AppCommand::Pick(_)
            | AppCommand::Picked(..)
            | AppCommand::OpenWithMapping(..)
            | AppCommand::EditMapping(_)
            | AppCommand::Remap(..)
            | AppCommand::CancelLoads
            | AppCommand::ReadOutside
            | AppCommand::RemoveDataset(_)
            | AppCommand::CloseAll
            | AppCommand::ShowIncidents(_)
            | AppCommand::SelectIncident(_)
            | AppCommand::SetView(_)
            | AppCommand::SetMetric(_)
            | AppCommand::SetFilter(_)
            | AppCommand::FilterToRegion(_)
            | AppCommand::ResetFilters
            | AppCommand::ToggleFilters
            | AppCommand::FocusPanel(..)
            | AppCommand::ToggleWorkshop
            | AppCommand::Present
            | AppCommand::Slide(_)
            | AppCommand::SetDark(_)
            | AppCommand::SetLanguage(_)
            | AppCommand::Copy(_)
            | AppCommand::SaveProfile(_)
            | AppCommand::ShowAbout
            | AppCommand::Dismiss(_)
            | AppCommand::Quit
            | AppCommand::QuitDiscarding
            | AppCommand::ConfirmReplace
            | AppCommand::AnswerOffer(..)
            | AppCommand::OpenAssessment(_)
            | AppCommand::OpenExample => {}
        }
    }

    /// The trend windows follow the assessment's as-of date, and the counts
    /// its re-classifications (after any edit, undo or redo).
    pub(super) fn sync_as_of(&mut self) {
        if let Some(doc) = &self.doc {
            self.session.set_as_of(Some(doc.assessment().meta.as_of));
            self.session.set_matching(doc.assessment().matching.clone());
            self.session.set_overrides(doc.assessment().overrides());
            self.session.set_region_aliases(doc.assessment().aliases());
        }
        self.reconcile_datasets();
    }

    pub(super) fn edit(&mut self, e: Edit) {
        if let Some(doc) = self.doc.as_mut()
            && let Err(err) = doc.apply(e)
        {
            self.error(tr_args("edit.failed", &[("reason", &err.to_string())]));
        }
        // Whatever edited the list of datasets, the loaded ones follow.
        self.reconcile_datasets();
    }

    pub(super) fn new_entry(&mut self, perpetrator: crate::model::PerpetratorType, region: String) {
        if self.doc.is_none() {
            self.new_assessment();
        }
        let Some(doc) = self.doc.as_mut() else { return };
        let entry = crate::assessment::ThreatEntry::new(
            doc.assessment().next_entry_id(),
            perpetrator,
            vec![region.clone()],
        );
        let at = doc.assessment().register.len();
        match doc.apply(Edit::InsertEntry(at, entry)) {
            Ok(()) => {
                self.info(format!(
                    "{}: {} × {region}",
                    tr("register.added"),
                    lbl(perpetrator)
                ));
                self.view = View::Register;
            }
            Err(e) => self.error(tr_args("register.not_added", &[("reason", &e.to_string())])),
        }
    }

    pub(super) fn recover_journal(&mut self) {
        let Some((path, journal)) = self.dialogs.recovery.take() else {
            return;
        };
        // Only into the document the journal belongs to.
        let Some(doc) = self
            .doc
            .as_mut()
            .filter(|d| d.path() == Some(path.as_path()))
        else {
            self.error(tr_args(
                "recovery.other_document",
                &[("file", &path.display().to_string())],
            ));
            return;
        };
        match crate::assessment::file::load(&journal) {
            Ok(a) => {
                doc.recover(a);
                doc.set_journal(self.journaling.then_some(journal));
                self.info(tr("recovery.done").into());
            }
            Err(e) => self.core_error(&e),
        }
    }

    pub(super) fn relink(&mut self, i: usize, file: &std::path::Path) {
        let Some(doc) = self.doc.as_mut() else { return };
        let Some(old) = doc.assessment().datasets.get(i).cloned() else {
            return;
        };
        let dir = doc
            .path()
            .and_then(|p| p.parent().map(std::path::Path::to_path_buf));
        let new = crate::assessment::Assessment::dataset_ref(
            file,
            old.format,
            old.mapping.clone(),
            dir.as_deref(),
        );
        match doc.apply(Edit::ReplaceDataset(i, new)) {
            // Read the data again from the relinked files, in the background.
            Ok(()) => self.start_reload_datasets(),
            Err(e) => self.error(tr_args(
                "register.not_relinked",
                &[("reason", &e.to_string())],
            )),
        }
    }

    pub(super) fn import_bases(&mut self, file: &std::path::Path) {
        let Some(doc) = self.doc.as_mut() else { return };
        match crate::import::bases::read_bases(file) {
            Ok(read) => {
                let n = read.bases.len();
                let at = doc.assessment().footprint.len();
                // One undo step for the whole file.
                let batch = read
                    .bases
                    .into_iter()
                    .enumerate()
                    .map(|(j, b)| Edit::InsertBase(at + j, b))
                    .collect();
                let file_name = file.display().to_string();
                match doc.apply(Edit::Batch(batch)) {
                    Ok(()) => self.info(tr_args(
                        "bases.imported",
                        &[("n", &n.to_string()), ("file", &file_name)],
                    )),
                    Err(e) => {
                        self.error(tr_args("bases.none_added", &[("reason", &e.to_string())]))
                    }
                }
                // Every row is accounted for: the ones not added are named.
                if !read.rejected.is_empty() {
                    self.error(format!(
                        "{}\n{}",
                        tr_args(
                            "bases.rows_rejected",
                            &[
                                ("n", &read.rejected.len().to_string()),
                                ("file", &file_name)
                            ]
                        ),
                        lines(&read.rejected)
                    ));
                }
            }
            Err(errors) => self.error(lines(&errors)),
        }
    }

    pub(super) fn new_assessment(&mut self) {
        let as_of = self
            .session
            .workspace()
            .latest_date()
            .and_then(crate::model::dates::from_day_number)
            .unwrap_or_default();
        let mut a = crate::assessment::Assessment::new(crate::assessment::Meta::new(
            tr("register.new_title"),
            "",
            "",
            as_of,
        ));
        a.datasets = self
            .session
            .workspace()
            .datasets
            .iter()
            .map(|d| {
                crate::assessment::Assessment::dataset_ref(
                    &d.meta.path,
                    d.meta.format,
                    d.meta.mapping.clone(),
                    None,
                )
            })
            .collect();
        self.session.set_as_of(Some(as_of));
        self.doc = Some(document::DocState::new(a, None));
        self.synced_refs = self.doc_refs();
        self.dialogs.recovery = None;
        self.journal_error_shown = false;
    }

    /// Save: to the document's file, or Save As when it has none (a new
    /// assessment, or a copy of the worked example).
    pub(super) fn save(&mut self) {
        let Some(doc) = self.doc.as_ref() else {
            self.error(tr("save.no_document").into());
            return;
        };
        match doc.path() {
            Some(p) => {
                let p = p.to_path_buf();
                self.save_to(p);
            }
            None => self.pick(Purpose::SaveAs),
        }
    }

    pub(super) fn save_to(&mut self, path: PathBuf) {
        let sources = self.session.workspace().source_paths();
        if sources
            .iter()
            .any(|s| crate::annex::export::same_file(s, &path))
        {
            self.error(tr_args(
                "save.over_dataset",
                &[("file", &path.display().to_string())],
            ));
            return;
        }
        let Some(doc) = self.doc.as_mut() else { return };
        match doc.save(Some(path)) {
            Ok(p) => {
                // Unsaved work from now on goes to this file's journal.
                doc.set_journal(self.journaling.then(|| document::journal_for(&p)));
                remember(&mut self.prefs.recent, &p);
                self.info(tr_args("save.saved", &[("file", &p.display().to_string())]));
                // "Save and quit": quit once the save has gone through.
                if self.dialogs.confirm_quit {
                    self.dialogs.quit_confirmed = true;
                    if let Some(ctx) = &self.repaint {
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                }
            }
            Err(e) => self.error(e),
        }
    }

    pub(super) fn export(&mut self, replace: bool) {
        let Some(dialog) = self.dialogs.export.as_mut() else {
            return;
        };
        let mut protected = self.session.workspace().source_paths();
        protected.extend(
            self.doc
                .as_ref()
                .and_then(|d| d.path())
                .map(std::path::Path::to_path_buf),
        );
        let recorded = self
            .doc
            .as_ref()
            .map(|d| d.assessment().exports.as_slice())
            .unwrap_or_default();
        match export_dialog::write(dialog, &protected, recorded, replace) {
            Ok(export_dialog::Outcome::Written(record, text)) => {
                self.dialogs.export = None;
                let text = match self.doc.as_mut() {
                    Some(doc) => {
                        doc.record_export(record);
                        format!("{text} {}", tr("export.recorded"))
                    }
                    None => text,
                };
                self.info(text);
            }
            Ok(export_dialog::Outcome::AskReplace) => {}
            Err(e) => dialog.error = Some(e),
        }
    }
}

/// Messages the core wrote, a line each, in the window's language.
fn lines(messages: &[crate::i18n::Bi]) -> String {
    let lang = super::i18n::language();
    let v: Vec<&str> = messages.iter().map(|m| m.get(lang)).collect();
    v.join("\n")
}
