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
use rustc_hash::FxHashSet as HashSet;
use std::collections::{BTreeMap, BTreeSet};

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
    /// Distinct event types, sorted (cached).
    event_types: BTreeSet<String>,
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

    /// Adds a dataset and re-derives the tables.
    pub fn add(&mut self, dataset: Dataset) {
        self.datasets.push(dataset);
        self.rebuild();
    }

    /// Removes dataset `i`.
    pub fn remove(&mut self, i: usize) {
        if i < self.datasets.len() {
            self.datasets.remove(i);
            self.rebuild();
        }
    }

    /// Replaces the actor re-classifications.
    pub fn set_overrides(&mut self, overrides: BTreeMap<String, PerpetratorType>) {
        self.overrides = overrides;
        self.rebuild_overrides();
    }

    /// The files the datasets were read from, in order.
    pub fn source_paths(&self) -> Vec<std::path::PathBuf> {
        self.datasets.iter().map(|d| d.meta.path.clone()).collect()
    }

    /// Total incidents loaded.
    pub fn incident_count(&self) -> usize {
        self.datasets.iter().map(|d| d.incidents.len()).sum()
    }

    /// The region table for a level.
    pub fn regions(&self, level: RegionLevel) -> &RegionTable {
        match level {
            RegionLevel::Admin1 => &self.admin1,
            RegionLevel::Admin2 => &self.admin2,
        }
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

    /// Every distinct perpetrator actor with its source type and count of
    /// civilian-harm events, for the actor register.
    pub fn actors(&self) -> BTreeMap<String, (PerpetratorType, u64)> {
        let mut out: BTreeMap<String, (PerpetratorType, u64)> = BTreeMap::new();
        for (di, d) in self.datasets.iter().enumerate() {
            let inc = &d.incidents;
            for i in 0..inc.len() {
                if !inc.civilian_harm[i] || !self.counted[di][i] {
                    continue;
                }
                let name = inc.names.get(inc.actor[i]);
                let e = out
                    .entry(name.to_string())
                    .or_insert((inc.perpetrator_type_at(i), 0));
                e.1 += 1;
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
        let (admin1, admin2) = std::thread::scope(|scope| {
            let admin2 = scope.spawn(|| {
                super::regions::build(&self.datasets, self.multi_country, RegionLevel::Admin2)
            });
            (
                super::regions::build(&self.datasets, self.multi_country, RegionLevel::Admin1),
                admin2.join(),
            )
        });
        self.admin1 = admin1;
        // A panic while building is a bug: raise it rather than hide it.
        self.admin2 = admin2.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        self.rebuild_overrides();
        self.find_repeats();
        self.event_types = self.collect_event_types();
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

    /// Marks later copies of an event already read from an earlier file (the
    /// same UCDP GED event from its web export and its HDX copy; ACLED events
    /// in two overlapping exports). Ids are compared within a source family.
    fn find_repeats(&mut self) {
        let mut seen: HashSet<(crate::model::SourceFormat, &str)> = HashSet::default();
        let mut counted = Vec::with_capacity(self.datasets.len());
        let mut repeats = Vec::with_capacity(self.datasets.len());
        for (di, d) in self.datasets.iter().enumerate() {
            let inc = &d.incidents;
            let mut mask = vec![true; inc.len()];
            let mut n = 0;
            let same_family = |j: &Dataset| j.meta.format == d.meta.format;
            let earlier = self.datasets[..di].iter().any(same_family);
            let later = self.datasets[di + 1..].iter().any(same_family);
            if !earlier && !later {
                counted.push(mask);
                repeats.push(0);
                continue;
            }
            let fresh: Vec<(crate::model::SourceFormat, &str)> = (0..inc.len())
                .filter_map(|i| {
                    let id = inc.event_id.get(i);
                    if id.is_empty() {
                        return None;
                    }
                    if seen.contains(&(d.meta.format, id)) {
                        mask[i] = false;
                        n += 1;
                        None
                    } else {
                        Some((d.meta.format, id))
                    }
                })
                .collect();
            seen.extend(fresh);
            counted.push(mask);
            repeats.push(n);
        }
        self.counted = counted;
        self.repeats = repeats;
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
