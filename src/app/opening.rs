//! Opening files: datasets (synchronously at start-up and in tests, else on
//! background threads with progress and cancel) and assessments with their
//! datasets; what a finished load does to the session (recent files, the
//! assessment's dataset list, the mapping dialog for unknown shapes).

use super::i18n::tr;
use super::session::LoadJob;
use super::{Message, WorkbenchApp, document, mapping_dialog};
use crate::import::{ColumnMapping, ImportError, preview_file};
use std::path::{Path, PathBuf};

impl WorkbenchApp {
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

    /// Takes the result of a load into the session.
    pub(super) fn accept_load(
        &mut self,
        path: PathBuf,
        r: Result<crate::model::Dataset, ImportError>,
    ) {
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

    pub(super) fn start_load(&mut self, path: PathBuf, mapping: Option<ColumnMapping>) {
        let ctx = self.repaint.clone();
        self.jobs.push(LoadJob::start(path, mapping, move || {
            if let Some(c) = &ctx {
                c.request_repaint();
            }
        }));
    }

    pub(super) fn poll_jobs(&mut self) {
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
}
