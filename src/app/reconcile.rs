//! Keeps the loaded datasets in step with the assessment's list when an
//! edit, an undo or a redo changes that list: undoing a dataset's addition
//! closes it, redoing it loads it again, and undoing a change of mapping
//! reads the file again through the old mapping. Only changes between two
//! syncs count, so datasets the analyst opened "for this session only" and
//! datasets that were missing when the assessment opened are left alone.

use super::WorkbenchApp;
use crate::import::ColumnMapping;
use std::path::{Path, PathBuf};

/// The assessment's datasets as last synced: file (resolved) and mapping.
pub(super) type SyncedRefs = Vec<(PathBuf, Option<ColumnMapping>)>;

/// A path as a comparable key: resolved against `dir`, canonical when it
/// exists.
pub(super) fn key(dir: Option<&Path>, p: &Path) -> PathBuf {
    let full = match dir {
        Some(d) if p.is_relative() => d.join(p),
        _ => p.to_path_buf(),
    };
    std::fs::canonicalize(&full).unwrap_or(full)
}

impl WorkbenchApp {
    /// The open assessment's datasets, resolved.
    pub(super) fn doc_refs(&self) -> SyncedRefs {
        let Some(doc) = &self.doc else {
            return Vec::new();
        };
        let dir = doc.path().and_then(Path::parent).map(Path::to_path_buf);
        doc.assessment()
            .datasets
            .iter()
            .map(|d| (key(dir.as_deref(), &d.path), d.mapping.clone()))
            .collect()
    }

    /// The loaded dataset read from `file`, if any.
    fn loaded_index(&self, file: &Path) -> Option<usize> {
        self.session
            .workspace()
            .datasets
            .iter()
            .position(|d| key(None, &d.meta.path) == file)
    }

    /// Brings the loaded datasets in line with what changed in the
    /// assessment's list since the last sync.
    pub(super) fn reconcile_datasets(&mut self) {
        let now = self.doc_refs();
        let before = std::mem::take(&mut self.synced_refs);
        for (file, _) in before
            .iter()
            .filter(|(f, _)| !now.iter().any(|(n, _)| n == f))
        {
            if let Some(i) = self.loaded_index(file) {
                self.session.remove(i);
                self.selected_incident = None;
                self.detail = None;
            }
        }
        for (file, mapping) in &now {
            let previous = before.iter().find(|(f, _)| f == file);
            match (previous, self.loaded_index(file)) {
                // Added back (a redo): load it.
                (None, None) if !self.jobs.iter().any(|j| &j.path == file) => {
                    self.start_load(file.clone(), mapping.clone());
                }
                // Its mapping changed: read it again through the new one.
                (Some((_, old)), Some(i))
                    if old != mapping
                        && self.session.workspace().datasets[i].meta.mapping != *mapping =>
                {
                    self.start_remap(i, mapping.clone(), false);
                }
                _ => {}
            }
        }
        self.synced_refs = now;
    }

    /// Opens the mapping dialog on loaded dataset `i`'s mapping.
    pub(super) fn edit_mapping(&mut self, i: usize) {
        let Some(d) = self.session.workspace().datasets.get(i) else {
            return;
        };
        let (path, mapping) = (d.meta.path.clone(), d.meta.mapping.clone());
        let Some(mapping) = mapping else {
            return;
        };
        match crate::import::preview_file(&path, 40) {
            Ok(p) => {
                self.dialogs.mapping = Some(super::mapping_dialog::MappingDialog::remapping(
                    i,
                    path,
                    p,
                    mapping,
                    super::i18n::tr("mapping.change_reason").to_string(),
                ));
            }
            Err(e) => self.core_error(&e),
        }
    }

    /// Reads loaded dataset `i` again through `mapping`; the result replaces
    /// it in place. `record`: the analyst asked for it (the mapping dialog),
    /// so the new mapping is recorded in the assessment as an edit; a re-read
    /// that follows an undo or a redo records nothing. An earlier re-read of
    /// the same file still running is cancelled: only the newest counts.
    pub(super) fn start_remap(&mut self, i: usize, mapping: Option<ColumnMapping>, record: bool) {
        let Some(d) = self.session.workspace().datasets.get(i) else {
            return;
        };
        let path = d.meta.path.clone();
        let file = key(None, &path);
        for j in self.jobs.iter().filter(|j| j.replace.is_some()) {
            if key(None, &j.path) == file {
                j.cancel();
            }
        }
        if let Some(job) = self.spawn_load(path, mapping) {
            job.replace = Some(i);
            job.record = record;
        }
    }

    /// Takes a re-read dataset in place of the old one (wherever it is now),
    /// and, when the analyst asked for it, records the new mapping in the
    /// assessment as one undoable edit. A result that no longer fits (the
    /// file was closed meanwhile, or an undo changed the mapping again) is
    /// dropped: the data follow the assessment, never the other way round.
    pub(super) fn accept_remap(
        &mut self,
        record: bool,
        r: Result<crate::model::Dataset, crate::import::ImportError>,
    ) {
        let d = match r {
            Ok(d) => d,
            // Replaced by a newer re-read of the same file.
            Err(crate::import::ImportError::Cancelled) => return,
            Err(e) => {
                self.core_error(&e);
                return;
            }
        };
        let file = key(None, &d.meta.path);
        let mapping = d.meta.mapping.clone();
        let Some(i) = self.loaded_index(&file) else {
            return;
        };
        let refs = self.doc_refs();
        let at = refs.iter().position(|(f, _)| *f == file);
        if !record && at.is_some_and(|at| refs[at].1 != mapping) {
            return;
        }
        self.session.replace(i, d);
        let Some(at) = at.filter(|&at| record && refs[at].1 != mapping) else {
            return;
        };
        if let Some(old) = self
            .doc
            .as_ref()
            .and_then(|doc| doc.assessment().datasets.get(at).cloned())
        {
            let new = crate::assessment::DatasetRef { mapping, ..old };
            self.edit(crate::assessment::edit::Edit::ReplaceDataset(at, new));
            // The data already follow the new mapping.
            self.synced_refs = self.doc_refs();
        }
    }
}
