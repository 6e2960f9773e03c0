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
    /// A workspace being derived on a background thread after a large
    /// load (regions, repeats, matching across sources); the window shows
    /// the current one meanwhile.
    rebuild: Option<Rebuild>,
}

/// Loads that leave this many incidents or more are derived in the
/// background, so the window stays responsive while events are matched.
const BACKGROUND_INCIDENTS: usize = 200_000;

/// A background derivation of the workspace.
struct Rebuild {
    rx: mpsc::Receiver<Workspace>,
    started: Instant,
    /// Datasets loaded meanwhile, added when it ends.
    queued: Vec<Dataset>,
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
        self.finish_rebuild();
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

    /// Adds a loaded dataset. Beside other data, and large, it is derived
    /// on a background thread (`repaint` is called when it is ready; see
    /// `poll_rebuild`); else at once.
    pub fn add(&mut self, d: Dataset, repaint: impl Fn() + Send + 'static) {
        if let Some(r) = self.rebuild.as_mut() {
            r.queued.push(d);
            return;
        }
        let total = self.workspace.incident_count() + d.incidents.len();
        if self.workspace.datasets.is_empty() || total < BACKGROUND_INCIDENTS {
            self.workspace.add(d);
            self.data_generation += 1;
            return;
        }
        let mut datasets = self.workspace.datasets.clone();
        datasets.push(d);
        self.start_rebuild(datasets, repaint);
    }

    fn start_rebuild(&mut self, datasets: Vec<Dataset>, repaint: impl Fn() + Send + 'static) {
        let settings = self.workspace.settings();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let ws = Workspace::with_settings(datasets, settings);
            if tx.send(ws).is_ok() {
                repaint();
            }
        });
        self.rebuild = Some(Rebuild {
            rx,
            started: Instant::now(),
            queued: Vec::new(),
        });
    }

    /// Seconds since a background derivation started, while one runs.
    pub fn rebuilding(&self) -> Option<f32> {
        self.rebuild
            .as_ref()
            .map(|r| r.started.elapsed().as_secs_f32())
    }

    /// Takes a finished background derivation in (with any setting changed
    /// meanwhile); returns whether one was.
    pub fn poll_rebuild(&mut self, repaint: impl Fn() + Send + 'static) -> bool {
        let Some(r) = self.rebuild.as_ref() else {
            return false;
        };
        let ws = match r.rx.try_recv() {
            Ok(ws) => ws,
            Err(mpsc::TryRecvError::Empty) => return false,
            // The thread panicked: a bug; the data stay as they were.
            Err(mpsc::TryRecvError::Disconnected) => {
                self.rebuild = None;
                return false;
            }
        };
        let queued = self.rebuild.take().map(|r| r.queued).unwrap_or_default();
        let settings = self.workspace.settings();
        self.workspace = ws;
        self.workspace.apply_settings(settings);
        self.data_generation += 1;
        if !queued.is_empty() {
            let mut datasets = self.workspace.datasets.clone();
            datasets.extend(queued);
            self.start_rebuild(datasets, repaint);
        }
        true
    }

    /// Waits for a background derivation to end (before a change that
    /// must apply to its result).
    fn finish_rebuild(&mut self) {
        while self.rebuild.is_some() {
            if !self.poll_rebuild(|| {}) && self.rebuild.is_some() {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        }
    }

    /// Puts `d` in place of dataset `i` (read again through a new mapping).
    pub fn replace(&mut self, i: usize, d: Dataset) {
        self.finish_rebuild();
        self.workspace.replace(i, d);
        self.data_generation += 1;
    }

    /// Closes dataset `i`.
    pub fn remove(&mut self, i: usize) {
        self.finish_rebuild();
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
                        reason: super::i18n::tr_bi("load.importer_bug"),
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
                reason: super::i18n::tr_bi("load.importer_bug"),
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
            let a = crate::assessment::file::load(&file).map_err(|e| {
                (
                    e.text_in(super::i18n::language()),
                    e.backup().map(std::path::Path::to_path_buf),
                )
            })?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::matching::MatchSettings;
    use crate::import::{ImportOptions, Progress, import_file};

    fn load(text: &str, name: &str, dir: &std::path::Path) -> Dataset {
        let p = dir.join(name);
        std::fs::write(&p, text).expect("temp file");
        import_file(&p, &ImportOptions::default(), &Progress::default()).expect("loads")
    }

    /// A load derived in the background takes the settings changed while
    /// it ran, and a load queued meanwhile is added after it.
    #[test]
    fn a_background_derivation_keeps_settings_changed_meanwhile_and_queued_loads() {
        let dir = tempfile::tempdir().expect("temp dir");
        let acled = load(
            "event_id_cnty,event_date,event_type,actor1,inter1,civilian_targeting,country,admin1,latitude,longitude,fatalities\n\
             SDN1,2022-03-10,Violence against civilians,Unidentified Armed Group (Sudan),3,Civilian targeting,Sudan,North Darfur,14.2,24.66,2\n",
            "a.csv",
            dir.path(),
        );
        let ucdp = load(
            "id,country,adm_1,latitude,longitude,date_start,date_end,type_of_violence,side_a,deaths_civilians\n\
             7,Sudan,North Darfur state,14.2,24.66,2022-03-10,2022-03-10,3,RSF,5\n",
            "u.csv",
            dir.path(),
        );
        let mut s = Session::default();
        s.add(acled, || {});
        let generation = s.data_generation();
        let datasets = {
            let mut v = s.workspace().datasets.clone();
            v.push(ucdp.clone());
            v
        };
        s.start_rebuild(datasets, || {});
        assert!(s.rebuilding().is_some());
        // Meanwhile: matching switched off, and another file loaded.
        s.set_matching(MatchSettings {
            enabled: false,
            ..MatchSettings::default()
        });
        s.add(ucdp, || {});
        while s.rebuilding().is_some() {
            s.poll_rebuild(|| {});
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        assert!(s.data_generation() > generation);
        let ws = s.workspace();
        assert_eq!(ws.datasets.len(), 3, "the queued load is in");
        assert!(!ws.matching().enabled, "the change made meanwhile holds");
        assert_eq!(ws.matches.total(), 0);
    }
}
