//! The open assessment in the window: the document, its undo history, where
//! it is saved, whether it has unsaved changes, its recovery journal, and
//! its review (recomputed when the document or the data change).

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
    pub assessment: Assessment,
    pub path: Option<PathBuf>,
    pub history: History,
    pub dirty: bool,
    /// Bumped on every change.
    pub version: u64,
    review: Option<Review>,
    review_for: Option<(u64, u64)>,
    last_journal: Option<Instant>,
    /// Where the recovery journal goes; `None` = no journal (tests).
    pub journal: Option<PathBuf>,
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
    super::mapping_dialog::profiles_dir()
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
            history: History::default(),
            dirty: false,
            version: 0,
            review: None,
            review_for: None,
            last_journal: None,
            journal: None,
        }
    }

    /// Applies an edit through the history.
    pub fn apply(&mut self, e: Edit) -> Result<(), EditError> {
        self.history.apply(&mut self.assessment, e)?;
        self.changed();
        Ok(())
    }

    /// Undoes the last edit.
    pub fn undo(&mut self) -> bool {
        let done = self.history.undo(&mut self.assessment);
        if done {
            self.changed();
        }
        done
    }

    /// Redoes the last undone edit.
    pub fn redo(&mut self) -> bool {
        let done = self.history.redo(&mut self.assessment);
        if done {
            self.changed();
        }
        done
    }

    fn changed(&mut self) {
        self.dirty = true;
        self.version += 1;
    }

    /// The review for the current document and data.
    pub fn review(&mut self, ws: &Workspace, data_generation: u64) -> &Review {
        let key = (self.version, data_generation);
        if self.review_for != Some(key) || self.review.is_none() {
            self.review = Some(review(&self.assessment, ws));
            self.review_for = Some(key);
        }
        self.review
            .get_or_insert_with(|| review(&Assessment::new(self.assessment.meta.clone()), ws))
    }

    /// Saves atomically to `path` (or the current path).
    pub fn save(&mut self, path: Option<PathBuf>) -> Result<PathBuf, String> {
        let path = path.or_else(|| self.path.clone()).ok_or("no file chosen")?;
        file::save(&path, &self.assessment).map_err(|e| {
            let hint = if e.kind() == std::io::ErrorKind::StorageFull {
                " The disk is full: free some space, or save to another drive."
            } else {
                ""
            };
            format!(
                "{}: could not save: {e}; the previous file is unchanged.{hint}",
                path.display()
            )
        })?;
        if let Some(j) = &self.journal {
            let _ = std::fs::remove_file(j);
            let _ = std::fs::remove_file(file::backup_path(j));
        }
        self.path = Some(path.clone());
        self.dirty = false;
        Ok(path)
    }

    /// Writes the recovery journal if there are unsaved changes and the last
    /// one is older than `JOURNAL_EVERY`.
    pub fn maybe_journal(&mut self) {
        let Some(journal) = &self.journal else { return };
        if !self.dirty
            || self
                .last_journal
                .is_some_and(|t| t.elapsed() < JOURNAL_EVERY)
        {
            return;
        }
        if let Some(dir) = journal.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = file::write_atomic(journal, file::to_text(&self.assessment).as_bytes());
        self.last_journal = Some(Instant::now());
    }
}
