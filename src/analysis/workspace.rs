//! The workspace: the loaded datasets seen as one body of incidents. It owns
//! what is derived across files: the region table (METHODOLOGY §3: names
//! folded for case, accents and punctuation, shown in the most frequent
//! spelling, qualified by country when the data spans several), the
//! analyst's actor re-classifications, and the events that repeat across
//! files (counted once).

use super::filter::{Filter, RegionLevel};
use crate::model::dataset::Dataset;
use crate::model::perpetrator::PerpetratorType;
use crate::model::region::region_key;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::{BTreeMap, BTreeSet};

use super::matching::{MatchInput, MatchSettings, Matches};
use super::matrix::Coverage;
pub use super::regions::RegionTable;

/// All loaded datasets, with what is derived across them.
#[derive(Debug, Default)]
pub struct Workspace {
    pub datasets: Vec<Dataset>,
    /// Analyst re-classifications: actor name → type.
    pub overrides: BTreeMap<String, PerpetratorType>,
    /// Whether incidents span more than one country.
    pub multi_country: bool,
    admin1: RegionTable,
    admin2: RegionTable,
    /// Per dataset, per incident: the effective perpetrator type (the
    /// analyst's re-classification of the actor, else the source's).
    effective_type: Vec<Vec<u8>>,
    /// Per dataset, per incident: false for a repeat of an event already
    /// counted from an earlier file.
    pub counted: Vec<Vec<bool>>,
    /// Number of incidents not counted as repeats, per dataset.
    pub repeats: Vec<u64>,
    /// Of those, the ones whose data differ from the copy counted (date,
    /// civilian fatalities, perpetrator type or admin 1), per dataset.
    pub repeat_conflicts: Vec<u64>,
    /// Distinct event types, sorted (cached).
    event_types: BTreeSet<String>,
    /// Per level, per region id: the dates the data cover there.
    coverage: [Vec<Coverage>; 2],
    /// The analyst's region aliases (from, to), admin 1.
    pub region_aliases: Vec<(String, String)>,
    /// Per dataset: the span the analyst declares it covers, where it
    /// differs from its first and last rows (METHODOLOGY §4).
    declared_spans: Vec<Option<(i32, i32)>>,
    /// How events recorded by several sources are matched (METHODOLOGY §8).
    matching: MatchSettings,
    /// What matching found.
    pub matches: Matches,
}

/// What the analyst sets on a workspace, to carry to one re-derived from
/// other datasets (a large load is derived on a background thread).
#[derive(Debug, Clone, Default)]
pub struct WorkspaceSettings {
    pub overrides: BTreeMap<String, PerpetratorType>,
    pub region_aliases: Vec<(String, String)>,
    pub declared_spans: Vec<Option<(i32, i32)>>,
    pub matching: MatchSettings,
}

/// A reference to one incident: (dataset index, row index).
pub type RowRef = (usize, usize);

impl Workspace {
    /// A workspace over these datasets.
    pub fn new(datasets: Vec<Dataset>) -> Workspace {
        let mut w = Workspace {
            datasets,
            ..Default::default()
        };
        w.rebuild();
        w
    }

    /// A workspace over these datasets with these settings, derived once.
    pub fn with_settings(datasets: Vec<Dataset>, settings: WorkspaceSettings) -> Workspace {
        let mut w = Workspace {
            datasets,
            overrides: settings.overrides,
            region_aliases: settings.region_aliases,
            declared_spans: settings.declared_spans,
            matching: settings.matching.sanitized(),
            ..Default::default()
        };
        w.rebuild();
        w
    }

    /// The analyst's settings in force.
    pub fn settings(&self) -> WorkspaceSettings {
        WorkspaceSettings {
            overrides: self.overrides.clone(),
            region_aliases: self.region_aliases.clone(),
            declared_spans: self.declared_spans.clone(),
            matching: self.matching.clone(),
        }
    }

    /// Puts these settings in force, re-deriving only what they change.
    pub fn apply_settings(&mut self, s: WorkspaceSettings) {
        self.set_region_aliases(s.region_aliases);
        if self.overrides != s.overrides {
            self.set_overrides(s.overrides);
        }
        if self.declared_spans != s.declared_spans {
            self.set_declared_spans(s.declared_spans);
        }
        self.set_matching(s.matching);
    }

    /// Adds a dataset and re-derives the tables.
    pub fn add(&mut self, dataset: Dataset) {
        self.datasets.push(dataset);
        self.rebuild();
    }

    /// Puts `dataset` in place of dataset `i` and re-derives the tables.
    pub fn replace(&mut self, i: usize, dataset: Dataset) {
        if let Some(slot) = self.datasets.get_mut(i) {
            *slot = dataset;
            self.rebuild();
        }
    }

    /// Removes dataset `i`.
    pub fn remove(&mut self, i: usize) {
        if i < self.datasets.len() {
            self.datasets.remove(i);
            if i < self.declared_spans.len() {
                self.declared_spans.remove(i);
            }
            self.rebuild();
        }
    }

    /// Replaces the region aliases (names merged into one), re-deriving the
    /// region tables when they change.
    pub fn set_region_aliases(&mut self, aliases: Vec<(String, String)>) {
        if self.region_aliases != aliases {
            self.region_aliases = aliases;
            self.rebuild();
        }
    }

    /// Replaces the actor re-classifications (types decide which events
    /// may be matched across sources, so matching runs again).
    pub fn set_overrides(&mut self, overrides: BTreeMap<String, PerpetratorType>) {
        self.overrides = overrides;
        self.rebuild_overrides();
        self.find_repeats();
        self.find_matches();
    }

    /// The matching settings in force.
    pub fn matching(&self) -> &MatchSettings {
        &self.matching
    }

    /// Changes how events are matched across sources, matching again when
    /// they change.
    pub fn set_matching(&mut self, settings: MatchSettings) {
        let settings = settings.sanitized();
        if self.matching != settings {
            self.matching = settings;
            self.find_repeats();
            self.find_matches();
        }
    }

    /// The files the datasets were read from, in order.
    pub fn source_paths(&self) -> Vec<std::path::PathBuf> {
        self.datasets.iter().map(|d| d.meta.path.clone()).collect()
    }

    /// Total incidents loaded.
    pub fn incident_count(&self) -> usize {
        self.datasets.iter().map(|d| d.incidents.len()).sum()
    }

    /// The countries the data name, as first spelt, sorted (blank left out).
    pub fn countries(&self) -> Vec<String> {
        let mut seen: std::collections::BTreeMap<String, String> = Default::default();
        for d in &self.datasets {
            for id in used_ids(&d.incidents.country, d.incidents.names.len()) {
                let name = d.incidents.names.get(id).trim();
                let k = region_key(name);
                if !k.is_empty() {
                    seen.entry(k).or_insert_with(|| name.to_string());
                }
            }
        }
        let mut out: Vec<String> = seen.into_values().collect();
        out.sort();
        out
    }

    /// The region table for a level.
    pub fn regions(&self, level: RegionLevel) -> &RegionTable {
        match level {
            RegionLevel::Admin1 => &self.admin1,
            RegionLevel::Admin2 => &self.admin2,
        }
    }

    /// Per region id at `level`: the dates the data cover there (METHODOLOGY
    /// §4).
    pub fn coverage(&self, level: RegionLevel) -> &[Coverage] {
        &self.coverage[level as usize]
    }

    /// The dates dataset `d` covers: the span the analyst declares, else
    /// its first to its last row.
    pub fn dataset_span(&self, d: usize) -> Option<(i32, i32)> {
        self.declared_spans
            .get(d)
            .copied()
            .flatten()
            .or_else(|| self.datasets.get(d).and_then(Dataset::date_span))
    }

    /// Declares the spans the datasets cover (by dataset index; `None`:
    /// first to last row), and re-derives coverage.
    pub fn set_declared_spans(&mut self, spans: Vec<Option<(i32, i32)>>) {
        self.declared_spans = spans;
        self.rebuild_coverage();
    }

    /// The latest incident date (day number) in the data.
    pub fn latest_date(&self) -> Option<i32> {
        self.datasets
            .iter()
            .filter_map(|d| d.date_span().map(|s| s.1))
            .max()
    }

    /// The earliest incident date (day number) in the data.
    pub fn earliest_date(&self) -> Option<i32> {
        self.datasets
            .iter()
            .filter_map(|d| d.date_span().map(|s| s.0))
            .min()
    }

    /// The effective perpetrator type of an incident: the analyst's
    /// re-classification of its actor, else the source's. Crossfire stays
    /// crossfire: it has no actor to re-classify.
    #[inline]
    pub fn perpetrator_of(&self, (d, i): RowRef) -> PerpetratorType {
        PerpetratorType::from_index(self.effective_type[d][i] as usize)
            .unwrap_or(PerpetratorType::Other)
    }

    /// The effective type column of dataset `d` (see `perpetrator_of`).
    pub(crate) fn effective_types(&self, d: usize) -> &[u8] {
        &self.effective_type[d]
    }

    /// Every distinct event type, sorted.
    pub fn event_types(&self) -> &BTreeSet<String> {
        &self.event_types
    }

    fn collect_event_types(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for d in &self.datasets {
            for id in used_ids(&d.incidents.event_type, d.incidents.names.len()) {
                let s = d.incidents.names.get(id);
                if !s.is_empty() {
                    out.insert(s.to_string());
                }
            }
        }
        out
    }

    /// Per-dataset tables the filter needs: allowed event-type ids.
    pub(crate) fn event_type_mask(&self, filter: &Filter) -> Vec<Option<Vec<bool>>> {
        self.datasets
            .iter()
            .map(|d| {
                filter.event_types.as_ref().map(|allowed| {
                    d.incidents
                        .names
                        .iter()
                        .map(|(_, s)| allowed.contains(s))
                        .collect()
                })
            })
            .collect()
    }

    fn rebuild(&mut self) {
        let mut countries = HashSet::default();
        for d in &self.datasets {
            for id in used_ids(&d.incidents.country, d.incidents.names.len()) {
                let k = region_key(d.incidents.names.get(id));
                if !k.is_empty() {
                    countries.insert(k);
                }
            }
        }
        self.multi_country = countries.len() > 1;
        // The two levels are independent: one is built on a second core.
        let aliases = super::regions::aliases_of(&self.region_aliases);
        let (admin1, admin2) = std::thread::scope(|scope| {
            let admin2 = scope.spawn(|| {
                super::regions::build(
                    &self.datasets,
                    self.multi_country,
                    RegionLevel::Admin2,
                    &aliases,
                )
            });
            (
                super::regions::build(
                    &self.datasets,
                    self.multi_country,
                    RegionLevel::Admin1,
                    &aliases,
                ),
                admin2.join(),
            )
        });
        self.admin1 = admin1;
        // A panic while building is a bug: raise it rather than hide it.
        self.admin2 = admin2.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        self.rebuild_overrides();
        self.find_repeats();
        self.find_matches();
        self.event_types = self.collect_event_types();
        self.declared_spans.resize(self.datasets.len(), None);
        self.rebuild_coverage();
    }

    /// Each region's coverage: the hull of the spans of the datasets with
    /// rows in its country (every dataset when the data hold one country).
    fn rebuild_coverage(&mut self) {
        let countries: Vec<HashSet<String>> = self
            .datasets
            .iter()
            .map(|d| {
                used_ids(&d.incidents.country, d.incidents.names.len())
                    .into_iter()
                    .map(|id| region_key(d.incidents.names.get(id)))
                    .collect()
            })
            .collect();
        let spans: Vec<Option<(i32, i32)>> = (0..self.datasets.len())
            .map(|d| self.dataset_span(d))
            .collect();
        let of = |country: &str| -> Coverage {
            let datasets: Vec<usize> = (0..self.datasets.len())
                .filter(|&d| !self.multi_country || countries[d].contains(country))
                .filter(|&d| spans[d].is_some())
                .collect();
            let span = datasets
                .iter()
                .filter_map(|&d| spans[d])
                .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)));
            Coverage { span, datasets }
        };
        let mut by_country: std::collections::HashMap<String, Coverage> =
            std::collections::HashMap::new();
        let mut per_level = |table: &RegionTable| -> Vec<Coverage> {
            (0..table.names.len())
                .map(|r| {
                    let c = table.country.get(r).map_or("", String::as_str);
                    by_country
                        .entry(c.to_string())
                        .or_insert_with(|| of(c))
                        .clone()
                })
                .collect()
        };
        let admin1 = per_level(&self.admin1);
        let admin2 = per_level(&self.admin2);
        self.coverage = [admin1, admin2];
    }

    fn rebuild_overrides(&mut self) {
        let unattributed = PerpetratorType::Unattributed as u8;
        self.effective_type = self
            .datasets
            .iter()
            .map(|d| {
                let inc = &d.incidents;
                let by_actor: Vec<u8> = inc
                    .names
                    .iter()
                    .map(|(_, s)| self.overrides.get(s).map_or(u8::MAX, |t| *t as u8))
                    .collect();
                inc.perpetrator_type
                    .iter()
                    .zip(&inc.actor)
                    .map(|(&stored, &actor)| {
                        let o = by_actor[actor as usize];
                        if stored == unattributed || o == u8::MAX {
                            stored
                        } else {
                            o
                        }
                    })
                    .collect()
            })
            .collect();
    }

    /// Marks the copies of an event read from more than one file (the same
    /// UCDP GED event from its web export and its HDX copy; ACLED events in
    /// two overlapping exports). Ids are compared within a source family.
    /// Which copy counts does not depend on the order the files were
    /// opened in: the copy in the file whose data reach the latest date
    /// (the newer export, with the source's corrections) counts, then the
    /// larger file, then the first path in name order. A copy whose data
    /// differ from the counted one is counted in `repeat_conflicts`.
    fn find_repeats(&mut self) {
        let n = self.datasets.len();
        let mut counted: Vec<Vec<bool>> = self
            .datasets
            .iter()
            .map(|d| vec![true; d.incidents.len()])
            .collect();
        let mut repeats = vec![0u64; n];
        let mut conflicts = vec![0u64; n];
        let family_size = |f: crate::model::SourceFormat| {
            self.datasets.iter().filter(|d| d.meta.format == f).count()
        };
        let last_date = |d: &Dataset| d.incidents.date.iter().copied().max().unwrap_or(i32::MIN);
        let mut order: Vec<usize> = (0..n)
            .filter(|&i| family_size(self.datasets[i].meta.format) > 1)
            .collect();
        order.sort_by(|&a, &b| {
            let (da, db) = (&self.datasets[a], &self.datasets[b]);
            last_date(db)
                .cmp(&last_date(da))
                .then(db.meta.file_bytes.cmp(&da.meta.file_bytes))
                .then(da.meta.path.cmp(&db.meta.path))
                .then(a.cmp(&b))
        });
        let mut seen: HashMap<(crate::model::SourceFormat, &str), RowRef> = HashMap::default();
        for &di in &order {
            let d = &self.datasets[di];
            let inc = &d.incidents;
            let mut fresh: Vec<((crate::model::SourceFormat, &str), RowRef)> = Vec::new();
            for (i, count) in counted[di].iter_mut().enumerate() {
                let id = inc.event_id.get(i);
                if id.is_empty() {
                    continue;
                }
                match seen.get(&(d.meta.format, id)) {
                    Some(&(kd, ki)) => {
                        *count = false;
                        repeats[di] += 1;
                        if !self.same_event((kd, ki), (di, i)) {
                            conflicts[di] += 1;
                        }
                    }
                    None => fresh.push(((d.meta.format, id), (di, i))),
                }
            }
            seen.extend(fresh);
        }
        self.counted = counted;
        self.repeats = repeats;
        self.repeat_conflicts = conflicts;
    }

    /// Matches civilian-harm events across source families (METHODOLOGY
    /// §8) among the rows `find_repeats` left counted, and stops counting
    /// every record of a matched event but the first in the priority order.
    fn find_matches(&mut self) {
        let input = MatchInput {
            datasets: &self.datasets,
            counted: &self.counted,
            types: &self.effective_type,
        };
        let (matches, counted) = super::matching::find(&input, &self.matching);
        self.matches = matches;
        self.counted = counted;
    }

    /// Whether two copies of an event say the same: date, civilian
    /// fatalities, perpetrator type and admin 1 name.
    fn same_event(&self, a: RowRef, b: RowRef) -> bool {
        let (x, y) = (&self.datasets[a.0].incidents, &self.datasets[b.0].incidents);
        fn name(c: &crate::model::incident::IncidentColumns, i: usize) -> &str {
            c.names.get(c.admin1[i])
        }
        x.date[a.1] == y.date[b.1]
            && x.civilian_fatalities[a.1] == y.civilian_fatalities[b.1]
            && x.fatalities_unknown[a.1] == y.fatalities_unknown[b.1]
            && x.perpetrator_type[a.1] == y.perpetrator_type[b.1]
            && name(x, a.1) == name(y, b.1)
    }
}

/// The distinct ids in a column of string ids below `n`, in id order.
fn used_ids(column: &[u32], n: usize) -> Vec<u32> {
    let mut used = vec![false; n];
    for &id in column {
        if let Some(u) = used.get_mut(id as usize) {
            *u = true;
        }
    }
    (0..n as u32).filter(|&id| used[id as usize]).collect()
}
