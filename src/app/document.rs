//! The open assessment in the window: the document, its undo history, where
//! it is saved, whether it has unsaved changes, its recovery journal, and
//! its review (recomputed when the document or the data change). The
//! document changes only through `apply`, `undo`, `redo`, `recover` and
//! `record_export`, so the dirty flag and the version cannot drift.

use super::i18n::{tr, tr_args};
use crate::analysis::Workspace;
use crate::assessment::Assessment;
use crate::assessment::edit::{Edit, EditError, History};
use crate::assessment::file;
use crate::assessment::review::{Review, review};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How often the recovery journal is written while there are unsaved changes.
pub const JOURNAL_EVERY: Duration = Duration::from_secs(30);

/// The open assessment.
pub struct DocState {
    assessment: Assessment,
    /// Where Save writes; `None` until the analyst chooses (a new
    /// assessment, or the worked example opened as a copy).
    path: Option<PathBuf>,
    /// Where the document was read from, when Save must not go there
    /// (the worked example in the install folder).
    copy_of: Option<PathBuf>,
    history: History,
    dirty: bool,
    /// Bumped on every change.
    version: u64,
    review: Option<Review>,
    review_for: Option<(u64, u64)>,
    last_journal: Option<Instant>,
    /// Where the recovery journal goes; `None` = no journal (tests).
    journal: Option<PathBuf>,
}

/// The recovery journal of an assessment file, kept in the workbench's data
/// folder (not beside the file, which may be read-only or shared).
pub fn journal_for(path: &std::path::Path) -> PathBuf {
    use sha2::{Digest, Sha256};
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let h = Sha256::digest(abs.to_string_lossy().as_bytes());
    let tag: String = h.iter().take(6).map(|b| format!("{b:02x}")).collect();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    super::mapping_profiles::profiles_dir()
        .parent()
        .map(|d| d.join("journals"))
        .unwrap_or_else(std::env::temp_dir)
        .join(format!("{stem}-{tag}.ron"))
}

impl DocState {
    /// Wraps a loaded (or new) assessment.
    pub fn new(assessment: Assessment, path: Option<PathBuf>) -> Self {
        DocState {
            assessment,
            path,
            copy_of: None,
            history: History::default(),
            dirty: false,
            version: 0,
            review: None,
            review_for: None,
            last_journal: None,
            journal: None,
        }
    }

    /// A copy of a file that Save must not write to (the worked example):
    /// no path, so the first Save asks where.
    pub fn copy_of(assessment: Assessment, source: PathBuf) -> Self {
        let mut d = DocState::new(assessment, None);
        d.copy_of = Some(source);
        d
    }

    /// The document (read-only; change it through `apply`).
    pub fn assessment(&self) -> &Assessment {
        &self.assessment
    }

    /// Where Save writes, if chosen.
    pub fn path(&self) -> Option<&std::path::Path> {
        self.path.as_deref()
    }

    /// The file this document is an unsaved copy of, if any.
    pub fn source_of_copy(&self) -> Option<&std::path::Path> {
        self.copy_of.as_deref()
    }

    /// Whether there are unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Bumped on every change.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Whether Undo / Redo would do something.
    pub fn can_undo(&self) -> bool {
        self.history.can_undo()
    }

    /// See `can_undo`.
    pub fn can_redo(&self) -> bool {
        self.history.can_redo()
    }

    /// Deletes the recovery journal (the analyst quits without saving: the
    /// changes are discarded on purpose, so the next start offers nothing).
    pub fn discard_journal(&mut self) -> Result<(), String> {
        let Some(j) = self.journal.take() else {
            return Ok(());
        };
        for f in [file::backup_path(&j), j.clone()] {
            remove_if_there(&f).map_err(|e| {
                tr_args(
                    "recovery.not_deleted",
                    &[
                        ("file", &f.display().to_string()),
                        ("reason", &e.to_string()),
                    ],
                )
            })?;
        }
        Ok(())
    }

    /// Keeps the recovery journal at `path` (the real window only).
    pub fn set_journal(&mut self, path: Option<PathBuf>) {
        self.journal = path;
    }

    /// Applies an edit through the history.
    pub fn apply(&mut self, e: Edit) -> Result<(), EditError> {
        self.history.apply(&mut self.assessment, e)?;
        self.changed();
        Ok(())
    }

    /// Undoes the last edit; `Ok(false)` when there is none. A failed undo
    /// keeps the edit and reports why.
    pub fn undo(&mut self) -> Result<bool, EditError> {
        let done = self.history.undo(&mut self.assessment)?;
        if done {
            self.changed();
        }
        Ok(done)
    }

    /// Redoes the last undone edit.
    pub fn redo(&mut self) -> Result<bool, EditError> {
        let done = self.history.redo(&mut self.assessment)?;
        if done {
            self.changed();
        }
        Ok(done)
    }

    /// Replaces the document with one recovered from the journal: unsaved,
    /// and the history starts again (the journal has no undo steps).
    pub fn recover(&mut self, a: Assessment) {
        self.assessment = a;
        self.history = History::default();
        self.changed();
    }

    /// Records an export in the document. It is not saved here: the record
    /// goes to disk with the analyst's next Save, with their other edits.
    pub fn record_export(&mut self, record: crate::assessment::ExportRecord) {
        self.assessment.exports.push(record);
        self.changed();
    }

    fn changed(&mut self) {
        self.dirty = true;
        self.version += 1;
    }

    /// Brings the review up to date with the document and the data.
    pub fn refresh_review(&mut self, ws: &Workspace, data_generation: u64) {
        let key = (self.version, data_generation);
        if self.review_for != Some(key) || self.review.is_none() {
            self.review = Some(review(&self.assessment, ws));
            self.review_for = Some(key);
        }
    }

    /// The review last refreshed.
    pub fn cached_review(&self) -> Option<&Review> {
        self.review.as_ref()
    }

    /// The review for the current document and data.
    pub fn review(&mut self, ws: &Workspace, data_generation: u64) -> &Review {
        self.refresh_review(ws, data_generation);
        self.review
            .get_or_insert_with(|| review(&Assessment::new(self.assessment.meta.clone()), ws))
    }

    /// Saves atomically to `path` (or the current path).
    pub fn save(&mut self, path: Option<PathBuf>) -> Result<PathBuf, String> {
        let path = path
            .or_else(|| self.path.clone())
            .ok_or(tr("save.no_file"))?;
        // Saved into another folder (Save As, or a copy of the worked
        // example): dataset paths relative to the old folder are rewritten
        // so they still name the same files.
        let old_dir = self
            .path
            .as_deref()
            .or(self.copy_of.as_deref())
            .and_then(std::path::Path::parent)
            .map(std::path::Path::to_path_buf);
        let rebased = rebase_datasets(&self.assessment, old_dir.as_deref(), path.parent());
        if let Some(a) = rebased {
            self.assessment = a;
        }
        // Saving the file it was opened from: exports another process
        // recorded there meanwhile are kept. Saved elsewhere, nothing is
        // taken from whatever file was there.
        let saved = if self.path.as_deref() == Some(path.as_path()) {
            file::save_keeping_exports(&path, &mut self.assessment)
        } else {
            file::save(&path, &self.assessment)
        };
        saved.map_err(|e| {
            let key = if e.kind() == std::io::ErrorKind::StorageFull {
                "save.failed_full"
            } else {
                "save.failed"
            };
            tr_args(
                key,
                &[
                    ("file", &path.display().to_string()),
                    ("reason", &e.to_string()),
                ],
            )
        })?;
        self.path = Some(path.clone());
        self.copy_of = None;
        self.dirty = false;
        // The journal is only for unsaved work: the save holds it now.
        if let Some(j) = &self.journal {
            for stale in [j.clone(), file::backup_path(j)] {
                remove_if_there(&stale).map_err(|e| {
                    tr_args(
                        "save.journal_left",
                        &[
                            ("file", &path.display().to_string()),
                            ("journal", &stale.display().to_string()),
                            ("reason", &e.to_string()),
                        ],
                    )
                })?;
            }
        }
        Ok(path)
    }

    /// Writes the recovery journal if there are unsaved changes and the last
    /// one is older than `JOURNAL_EVERY`; an error says why the journal
    /// could not be written (the window shows it once).
    pub fn maybe_journal(&mut self) -> Result<(), String> {
        let Some(journal) = &self.journal else {
            return Ok(());
        };
        if !self.dirty
            || self
                .last_journal
                .is_some_and(|t| t.elapsed() < JOURNAL_EVERY)
        {
            return Ok(());
        }
        self.last_journal = Some(Instant::now());
        if let Some(dir) = journal.parent() {
            std::fs::create_dir_all(dir).map_err(|e| journal_error(journal, &e))?;
        }
        file::write_atomic(journal, file::to_text(&self.assessment).as_bytes())
            .map_err(|e| journal_error(journal, &e))
    }
}

fn journal_error(journal: &std::path::Path, e: &std::io::Error) -> String {
    tr_args(
        "recovery.not_written",
        &[
            ("file", &journal.display().to_string()),
            ("reason", &e.to_string()),
        ],
    )
}

/// Removes a file; a file that is not there is not an error.
pub fn remove_if_there(p: &std::path::Path) -> std::io::Result<()> {
    match std::fs::remove_file(p) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}

/// The assessment with its dataset paths rewritten from `old_dir` to
/// `new_dir` (relative where the file lies below the new folder, else
/// absolute); `None` when no path changes.
fn rebase_datasets(
    a: &Assessment,
    old_dir: Option<&std::path::Path>,
    new_dir: Option<&std::path::Path>,
) -> Option<Assessment> {
    let canon = |p: &std::path::Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    let new_dir = new_dir.map(|d| {
        if d.as_os_str().is_empty() {
            canon(std::path::Path::new("."))
        } else {
            canon(d)
        }
    });
    if old_dir.map(canon) == new_dir {
        // Saved where it was: every path still names its file.
        return None;
    }
    let mut out = a.clone();
    let mut changed = false;
    for d in &mut out.datasets {
        let full = match old_dir {
            Some(dir) if d.path.is_relative() => canon(&dir.join(&d.path)),
            _ if d.path.is_relative() => continue,
            _ => d.path.clone(),
        };
        let new = new_dir
            .as_deref()
            .and_then(|nd| full.strip_prefix(nd).ok())
            .map_or_else(|| full.clone(), std::path::Path::to_path_buf);
        if new != d.path {
            d.path = new;
            changed = true;
        }
    }
    changed.then_some(out)
}
