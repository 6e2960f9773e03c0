//! Opening files: datasets and assessments with their datasets, on
//! background threads (synchronously only in tests and benchmarks); what a
//! finished load does to the session (recent files, the assessment's
//! dataset list, the mapping dialog for unknown shapes).

use super::i18n::{said, tr, tr_args};
use super::labels::lbl;
use super::session::{LoadJob, OpenFailure, OpenJob, Opened};
use super::{Message, WorkbenchApp, document, example_path, mapping_dialog};
use crate::assessment::review::DatasetState;
use crate::import::{ColumnMapping, ImportError, preview_file};
use std::path::{Path, PathBuf};

impl WorkbenchApp {
    /// Opens files synchronously (tests, screenshots, the frame benchmark):
    /// `.ron` as an assessment, others as datasets.
    pub fn open_files(&mut self, files: &[PathBuf]) {
        for f in files {
            if is_assessment(f) {
                let as_copy = is_example(f);
                let mut job =
                    OpenJob::assessment(f.clone(), as_copy, self.outside_allowed.clone(), || {});
                job.seq = self.next_open(true);
                self.wait_for(job);
                continue;
            }
            let r = crate::import::import_file(f, &Default::default(), &Default::default());
            self.accept_load(f.clone(), r);
        }
    }

    fn wait_for(&mut self, job: OpenJob) {
        loop {
            if let Some(r) = job.poll() {
                self.accept_open(&job, r);
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }

    /// Starts opening an assessment and its datasets in the background
    /// (they replace what is loaded when they arrive). The worked example
    /// opens as an unsaved copy.
    pub(super) fn start_open_assessment(&mut self, path: PathBuf) {
        let as_copy = is_example(&path);
        let ctx = self.repaint.clone();
        let mut job = OpenJob::assessment(path, as_copy, self.outside_allowed.clone(), move || {
            if let Some(c) = &ctx {
                c.request_repaint();
            }
        });
        job.seq = self.next_open(true);
        self.open_jobs.push(job);
    }

    /// Numbers an open request; an assessment makes every earlier one stale.
    fn next_open(&mut self, assessment: bool) -> u64 {
        self.open_seq += 1;
        if assessment {
            self.newest_open = self.open_seq;
        }
        self.open_seq
    }

    /// Reads the open assessment's datasets again, in the background.
    pub(super) fn start_reload_datasets(&mut self) {
        let Some(doc) = &self.doc else { return };
        let base = doc
            .path()
            .or(doc.source_of_copy())
            .map_or_else(|| PathBuf::from("."), std::path::Path::to_path_buf);
        let ctx = self.repaint.clone();
        let allowed = self.outside_allowed.clone();
        let mut job = OpenJob::datasets(doc.assessment().clone(), base, allowed, move || {
            if let Some(c) = &ctx {
                c.request_repaint();
            }
        });
        job.seq = self.next_open(false);
        self.open_jobs.push(job);
    }

    /// Takes a finished `OpenJob` into the window, unless a newer
    /// assessment was asked for meanwhile (then it is dropped, and said so).
    fn accept_open(&mut self, job: &OpenJob, r: Result<Opened, OpenFailure>) {
        if job.seq < self.newest_open {
            self.info(tr_args(
                "load.superseded",
                &[("file", &job.path.display().to_string())],
            ));
            return;
        }
        match r {
            Ok(Opened::Assessment {
                assessment: a,
                workspace,
                statuses,
            }) => {
                let path = job.path.clone();
                self.dialogs.backup_offer = None;
                self.take_statuses(statuses);
                self.session.replace_workspace(workspace);
                self.session.set_as_of(Some(a.meta.as_of));
                self.selected_incident = None;
                self.detail = None;
                let a = *a;
                self.journal_error_shown = false;
                self.dialogs.recovery = None;
                if job.as_copy {
                    self.doc = Some(document::DocState::copy_of(a, path));
                    self.synced_refs = self.doc_refs();
                    return;
                }
                super::command_handling::remember(&mut self.prefs.recent, &path);
                let journal = document::journal_for(&path);
                let found = self.journaling && journal.exists();
                let mut doc = document::DocState::new(a, Some(path.clone()));
                if found {
                    // Until the analyst recovers or discards it, the journal
                    // is left alone: an edit must not overwrite the crash's work.
                    self.dialogs.recovery = Some((path, journal));
                } else {
                    doc.set_journal(self.journaling.then_some(journal));
                }
                self.doc = Some(doc);
                self.synced_refs = self.doc_refs();
            }
            Ok(Opened::Datasets {
                workspace,
                statuses,
            }) => {
                self.take_statuses(statuses);
                self.session.replace_workspace(workspace);
                self.selected_incident = None;
                self.detail = None;
            }
            Err((text, backup)) => {
                self.dialogs.backup_offer = backup;
                self.messages.push(Message::new(true, text));
            }
        }
    }

    fn take_statuses(&mut self, statuses: Vec<crate::assessment::review::DatasetStatus>) {
        for s in statuses.iter().filter(|s| s.status != DatasetState::Ok) {
            // Shown with a Relink button in the register view too.
            self.messages.push(Message::new(
                true,
                tr_args(
                    "load.dataset_state",
                    &[
                        ("file", &s.path.display().to_string()),
                        ("state", lbl(s.status)),
                        ("reason", &said(&s.message)),
                    ],
                ),
            ));
        }
        self.dataset_status = statuses;
    }

    /// Takes the result of a load into the session.
    pub(super) fn accept_load(
        &mut self,
        path: PathBuf,
        r: Result<crate::model::Dataset, ImportError>,
    ) {
        match r {
            Ok(d) => {
                super::command_handling::remember(&mut self.prefs.recent, &path);
                if let Some(doc) = self.doc.as_mut() {
                    let dir = doc.path().and_then(|p| p.parent().map(Path::to_path_buf));
                    let r = crate::assessment::Assessment::dataset_ref(
                        &d.meta.path,
                        d.meta.format,
                        d.meta.mapping.clone(),
                        dir.as_deref(),
                    );
                    // Not added without asking: the analyst may be looking
                    // at another file beside the assessment, not extending it.
                    if !doc
                        .assessment()
                        .datasets
                        .iter()
                        .any(|x| x.sha256 == r.sha256 && !r.sha256.is_empty())
                    {
                        self.dialogs.offer_datasets.push(r);
                    }
                }
                let was_multi = self.session.workspace().multi_country;
                let had_data = !self.session.workspace().datasets.is_empty();
                let ctx = self.repaint.clone();
                self.session.add(d, move || {
                    if let Some(c) = &ctx {
                        c.request_repaint();
                    }
                });
                if had_data && !was_multi && self.session.workspace().multi_country {
                    // Say it: every region name now carries its country.
                    self.info(tr_args(
                        "load.second_country",
                        &[("file", &path.display().to_string())],
                    ));
                }
            }
            Err(ImportError::Cancelled) => self.messages.push(Message::new(
                false,
                format!("{}: {}", path.display(), tr("load.cancelled")),
            )),
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
                        self.dialogs.mapping =
                            Some(mapping_dialog::MappingDialog::new(path, p, said(&e)))
                    }
                    Err(pe) => self.messages.push(Message::said(true, &pe)),
                }
            }
            Err(e) => self.messages.push(Message::said(true, &e)),
        }
    }

    pub(super) fn start_load(&mut self, path: PathBuf, mapping: Option<ColumnMapping>) {
        // A file already open (or being opened) is not read a second time:
        // an id-less log counted twice would double every figure.
        let key = |p: &Path| super::reconcile::key(None, p);
        let wanted = key(&path);
        let open = self
            .session
            .workspace()
            .datasets
            .iter()
            .any(|d| key(&d.meta.path) == wanted);
        let loading = self
            .jobs
            .iter()
            .any(|j| j.replace.is_none() && key(&j.path) == wanted);
        if open || loading {
            self.info(tr_args(
                "load.already_open",
                &[("file", &path.display().to_string())],
            ));
            return;
        }
        self.spawn_load(path, mapping);
    }

    /// Starts reading `path` in the background (no check for a file
    /// already open: a re-read through a new mapping comes here directly).
    pub(super) fn spawn_load(
        &mut self,
        path: PathBuf,
        mapping: Option<ColumnMapping>,
    ) -> Option<&mut LoadJob> {
        let ctx = self.repaint.clone();
        self.jobs.push(LoadJob::start(path, mapping, move || {
            if let Some(c) = &ctx {
                c.request_repaint();
            }
        }));
        self.jobs.last_mut()
    }

    pub(super) fn poll_jobs(&mut self) {
        let ctx = self.repaint.clone();
        self.session.poll_rebuild(move || {
            if let Some(c) = &ctx {
                c.request_repaint();
            }
        });
        let mut i = 0;
        while i < self.open_jobs.len() {
            if let Some(r) = self.open_jobs[i].poll() {
                let job = self.open_jobs.remove(i);
                self.accept_open(&job, r);
            } else {
                i += 1;
            }
        }
        let mut i = 0;
        while i < self.jobs.len() {
            if let Some(r) = self.jobs[i].poll() {
                let job = self.jobs.remove(i);
                match job.replace {
                    Some(_) => self.accept_remap(job.record, r),
                    None => self.accept_load(job.path, r),
                }
            } else {
                i += 1;
            }
        }
    }

    /// Blocks until every running load has finished (tests).
    pub fn wait_for_loads(&mut self) {
        while !self.jobs.is_empty()
            || !self.open_jobs.is_empty()
            || self.session.rebuilding().is_some()
        {
            std::thread::sleep(std::time::Duration::from_millis(5));
            self.poll_jobs();
        }
        if let Some(d) = self.dialogs.mapping.as_mut() {
            d.wait_for_rows();
        }
    }
}

/// Whether a path names an assessment file.
pub(super) fn is_assessment(p: &Path) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

/// Whether a path is the bundled worked example (opened as a copy, so Save
/// never writes into the install folder).
pub(super) fn is_example(p: &Path) -> bool {
    let canon = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    canon(p) == canon(&example_path())
}
