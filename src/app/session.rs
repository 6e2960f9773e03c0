//! What the window knows: the loaded workspace, the filter, and the figures
//! derived from them, cached and recomputed only when the filter or the data
//! change ("compute, then draw"). Loads run on background threads.

use crate::analysis::matrix::cell_incidents;
use crate::analysis::series::{MonthCounts, monthly};
use crate::analysis::workspace::RowRef;
use crate::analysis::{Filter, ThreatMatrix, Workspace};
use crate::import::{ColumnMapping, ImportError, ImportOptions, Progress, import_file};
use crate::model::{Dataset, PerpetratorType};
use std::path::PathBuf;
use std::sync::{Arc, mpsc};
use std::time::Instant;

/// Figures for the current filter.
pub struct Derived {
    pub matrix: ThreatMatrix,
    /// How long the recompute took, in milliseconds.
    pub compute_ms: f32,
}

/// What a matrix was computed for: filter, data generation, as-of date.
type MatrixKey = (Filter, u64, Option<chrono::NaiveDate>);

/// How many recent matrices are kept.
const RECENT_MATRICES: usize = 8;

/// Which incidents the incidents view lists.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    pub perpetrator: Option<PerpetratorType>,
    pub region: Option<String>,
}

/// The loaded data and the cached figures. The workspace, the filter and
/// the generation change only through the methods here, so a cache cannot
/// outlive what it was computed from.
#[derive(Default)]
pub struct Session {
    workspace: Workspace,
    filter: Filter,
    /// The assessment's as-of date, anchoring the trend windows.
    as_of: Option<chrono::NaiveDate>,
    /// Bumped whenever the datasets change.
    data_generation: u64,
    derived: Option<Derived>,
    derived_for: Option<MatrixKey>,
    /// Matrices of recent filters, oldest first.
    recent: Vec<(MatrixKey, ThreatMatrix)>,
    monthly: Vec<MonthCounts>,
    monthly_for: Option<(Filter, u64)>,
    incidents: Vec<RowRef>,
    incidents_for: Option<(Filter, u64, Selection)>,
}

impl Session {
    /// A session over a workspace.
    pub fn new(workspace: Workspace) -> Self {
        Session {
            workspace,
            ..Default::default()
        }
    }

    /// The loaded datasets.
    pub fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    /// The filter the figures are computed for.
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Bumped whenever the datasets change.
    pub fn data_generation(&self) -> u64 {
        self.data_generation
    }

    /// The as-of date anchoring the trend windows.
    pub fn as_of(&self) -> Option<chrono::NaiveDate> {
        self.as_of
    }

    /// Sets the filter.
    pub fn set_filter(&mut self, f: Filter) {
        self.filter = f;
    }

    /// Sets the as-of date.
    pub fn set_as_of(&mut self, d: Option<chrono::NaiveDate>) {
        self.as_of = d;
    }

    /// Applies the assessment's re-classifications (every cached figure is
    /// recomputed); nothing happens when they are the ones in force.
    pub fn set_overrides(
        &mut self,
        overrides: std::collections::BTreeMap<String, crate::model::PerpetratorType>,
    ) {
        if self.workspace.overrides != overrides {
            self.workspace.set_overrides(overrides);
            self.data_generation += 1;
        }
    }

    /// Applies the matching settings (METHODOLOGY §8); nothing happens when
    /// they are the ones in force.
    pub fn set_matching(&mut self, settings: crate::analysis::matching::MatchSettings) {
        if *self.workspace.matching() != settings.sanitized() {
            self.workspace.set_matching(settings);
            self.data_generation += 1;
        }
    }

    /// Applies the assessment's region aliases; nothing happens when they are
    /// the ones in force.
    pub fn set_region_aliases(&mut self, aliases: Vec<(String, String)>) {
        if self.workspace.region_aliases != aliases {
            self.workspace.set_region_aliases(aliases);
            self.data_generation += 1;
        }
    }

    /// Replaces every dataset (an assessment opened, datasets relinked).
    pub fn replace_workspace(&mut self, ws: Workspace) {
        self.workspace = ws;
        self.data_generation += 1;
    }

    /// Brings every figure a frame needs up to date before drawing: the
    /// matrix always (the status bar shows its time), the incident list of
    /// `sel` when there is one (the incidents view and the map), the monthly
    /// series when `monthly` (the charts). Nothing is computed for a view
    /// that is not shown: a filter change on the matrix costs the matrix.
    pub fn refresh(&mut self, sel: Option<&Selection>, monthly: bool) {
        self.derived();
        if let Some(sel) = sel {
            self.refresh_incidents(sel);
        }
        if monthly {
            self.monthly();
        }
    }

    /// The matrix last computed (call `refresh` first).
    pub fn cached_derived(&self) -> Option<&Derived> {
        self.derived.as_ref()
    }

    /// The monthly series last computed.
    pub fn cached_monthly(&self) -> &[MonthCounts] {
        &self.monthly
    }

    /// Adds a loaded dataset.
    pub fn add(&mut self, d: Dataset) {
        self.workspace.add(d);
        self.data_generation += 1;
    }

    /// Puts `d` in place of dataset `i` (read again through a new mapping).
    pub fn replace(&mut self, i: usize, d: Dataset) {
        self.workspace.replace(i, d);
        self.data_generation += 1;
    }

    /// Closes dataset `i`.
    pub fn remove(&mut self, i: usize) {
        self.workspace.remove(i);
        self.data_generation += 1;
    }

    /// The figures for the current filter, recomputed if stale.
    pub fn derived(&mut self) -> &Derived {
        let key = (self.filter.clone(), self.data_generation, self.as_of);
        if self.derived_for.as_ref() != Some(&key) || self.derived.is_none() {
            let t = Instant::now();
            // Going back to a recent filter (reset, undoing a tick) costs nothing.
            let cached = self
                .recent
                .iter()
                .position(|(k, _)| *k == key)
                .map(|i| self.recent.remove(i).1);
            let matrix = cached.unwrap_or_else(|| {
                ThreatMatrix::compute(&self.workspace, &self.filter, self.as_of)
            });
            if let (Some(old), Some(old_key)) = (self.derived.take(), self.derived_for.take())
                && old_key.1 == self.data_generation
            {
                self.recent.push((old_key, old.matrix));
                if self.recent.len() > RECENT_MATRICES {
                    self.recent.remove(0);
                }
            }
            self.derived = Some(Derived {
                matrix,
                compute_ms: t.elapsed().as_secs_f32() * 1000.0,
            });
            self.derived_for = Some(key);
        }
        self.derived.get_or_insert_with(|| Derived {
            matrix: ThreatMatrix::compute(&Workspace::default(), &Filter::default(), None),
            compute_ms: 0.0,
        })
    }

    /// The monthly series for the current filter (only the charts need it).
    pub fn monthly(&mut self) -> &[MonthCounts] {
        let key = (self.filter.clone(), self.data_generation);
        if self.monthly_for.as_ref() != Some(&key) {
            self.monthly = monthly(&self.workspace, &self.filter);
            self.monthly_for = Some(key);
        }
        &self.monthly
    }

    /// The civilian-harm incidents of a selection under the current filter.
    pub fn incidents(&mut self, sel: &Selection) -> &[RowRef] {
        self.refresh_incidents(sel);
        &self.incidents
    }

    /// Brings the cached incident list up to date for `sel`; read it with
    /// `cached_incidents` alongside other borrows of the session.
    pub fn refresh_incidents(&mut self, sel: &Selection) {
        let key = (self.filter.clone(), self.data_generation, sel.clone());
        if self.incidents_for.as_ref() != Some(&key) {
            self.incidents = cell_incidents(
                &self.workspace,
                &self.filter,
                sel.perpetrator,
                sel.region.as_deref(),
            );
            self.incidents_for = Some(key);
        }
    }

    /// The incident list last refreshed.
    pub fn cached_incidents(&self) -> &[RowRef] {
        &self.incidents
    }
}

/// A file loading on a background thread.
pub struct LoadJob {
    pub path: PathBuf,
    /// The loaded dataset this load re-reads (a changed mapping), if any.
    pub replace: Option<usize>,
    /// For a re-read: whether the analyst asked for it (its mapping is then
    /// recorded in the assessment).
    pub record: bool,
    pub progress: Arc<Progress>,
    pub started: Instant,
    rx: mpsc::Receiver<Result<Dataset, ImportError>>,
}

impl LoadJob {
    /// Starts loading `path`; `repaint` is called when it finishes.
    pub fn start(
        path: PathBuf,
        mapping: Option<ColumnMapping>,
        repaint: impl Fn() + Send + 'static,
    ) -> LoadJob {
        let progress = Arc::new(Progress::default());
        let (tx, rx) = mpsc::channel();
        let p = Arc::clone(&progress);
        let file = path.clone();
        std::thread::spawn(move || {
            let r = std::panic::catch_unwind(|| import_file(&file, &ImportOptions { mapping }, &p))
                .unwrap_or_else(|_| {
                    Err(ImportError::NotATable {
                        path: file.clone(),
                        reason: super::i18n::tr("load.importer_bug").to_string(),
                    })
                });
            // The window may have closed meanwhile; then nobody waits.
            if tx.send(r).is_ok() {
                repaint();
            }
        });
        LoadJob {
            path,
            replace: None,
            record: false,
            progress,
            started: Instant::now(),
            rx,
        }
    }

    /// The result, once there is one (a thread that ended without one is
    /// reported, not waited for).
    pub fn poll(&self) -> Option<Result<Dataset, ImportError>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err(ImportError::NotATable {
                path: self.path.clone(),
                reason: super::i18n::tr("load.importer_bug").to_string(),
            })),
        }
    }

    /// Asks the load to stop.
    pub fn cancel(&self) {
        self.progress
            .cancel
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// What an `OpenJob` brings back.
pub enum Opened {
    /// An assessment and its datasets.
    Assessment {
        assessment: Box<crate::assessment::Assessment>,
        workspace: Workspace,
        statuses: Vec<crate::assessment::review::DatasetStatus>,
    },
    /// The open assessment's datasets, read again (after a relink).
    Datasets {
        workspace: Workspace,
        statuses: Vec<crate::assessment::review::DatasetStatus>,
    },
}

/// Why an `OpenJob` failed: the message, and a backup to offer.
pub type OpenFailure = (String, Option<PathBuf>);

/// An assessment (or the open assessment's datasets) loading on a
/// background thread, so a slow or hanging file never freezes the window.
pub struct OpenJob {
    pub path: PathBuf,
    /// Open as an unsaved copy (the worked example).
    pub as_copy: bool,
    /// Order of the request: a result older than the newest assessment
    /// opened is not applied (see `WorkbenchApp::accept_open`).
    pub seq: u64,
    pub started: Instant,
    rx: mpsc::Receiver<Result<Opened, OpenFailure>>,
}

impl OpenJob {
    /// Opens the assessment at `path` and its datasets.
    /// A dataset outside the assessment's folder is read only if it is in
    /// `allowed` (resolved paths); the others are listed, not read.
    pub fn assessment(
        path: PathBuf,
        as_copy: bool,
        allowed: Vec<PathBuf>,
        repaint: impl Fn() + Send + 'static,
    ) -> Self {
        let file = path.clone();
        Self::spawn(path, as_copy, repaint, move || {
            let a = crate::assessment::file::load(&file)
                .map_err(|e| (e.to_string(), e.backup().map(std::path::Path::to_path_buf)))?;
            let (workspace, statuses) =
                crate::assessment::datasets::open_datasets_checked(&a, &file, &|p| {
                    allowed.iter().any(|x| x == p)
                });
            Ok(Opened::Assessment {
                assessment: Box::new(a),
                workspace,
                statuses,
            })
        })
    }

    /// Reads the datasets of `a` (saved at, or beside, `path`) again.
    pub fn datasets(
        a: crate::assessment::Assessment,
        path: PathBuf,
        allowed: Vec<PathBuf>,
        repaint: impl Fn() + Send + 'static,
    ) -> Self {
        let file = path.clone();
        Self::spawn(path, false, repaint, move || {
            let (workspace, statuses) =
                crate::assessment::datasets::open_datasets_checked(&a, &file, &|p| {
                    allowed.iter().any(|x| x == p)
                });
            Ok(Opened::Datasets {
                workspace,
                statuses,
            })
        })
    }

    fn spawn(
        path: PathBuf,
        as_copy: bool,
        repaint: impl Fn() + Send + 'static,
        work: impl FnOnce() -> Result<Opened, OpenFailure> + Send + 'static,
    ) -> Self {
        let (tx, rx) = mpsc::channel();
        let shown = path.clone();
        std::thread::spawn(move || {
            let r =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|_| {
                    Err((
                        super::i18n::tr_args(
                            "load.open_bug",
                            &[("file", &shown.display().to_string())],
                        ),
                        None,
                    ))
                });
            // The window may have closed meanwhile; then nobody waits.
            if tx.send(r).is_ok() {
                repaint();
            }
        });
        OpenJob {
            path,
            as_copy,
            seq: 0,
            started: Instant::now(),
            rx,
        }
    }

    /// The result, once there is one (a thread that ended without one is
    /// reported, not waited for).
    pub fn poll(&self) -> Option<Result<Opened, OpenFailure>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => Some(Err((
                super::i18n::tr_args(
                    "load.open_bug",
                    &[("file", &self.path.display().to_string())],
                ),
                None,
            ))),
        }
    }
}
