//! The workspace: the loaded datasets seen as one body of incidents. It owns
//! what is derived across files: the region table (METHODOLOGY §3: names
//! folded for case, accents and punctuation, shown in the most frequent
//! spelling, qualified by country when the data spans several), the
//! analyst's actor re-classifications, and the events that repeat across
//! files (counted once).

use super::filter::{Filter, RegionLevel};
use crate::model::dataset::Dataset;
use crate::model::perpetrator::PerpetratorType;
use crate::model::region::{UNKNOWN_REGION, region_key};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::{BTreeMap, BTreeSet};

/// Regions at one level, and each incident's region.
#[derive(Debug, Clone, Default)]
pub struct RegionTable {
    pub level: RegionLevel,
    /// Display names by region id.
    pub names: Vec<String>,
    /// Per dataset, per incident: region id.
    pub of_row: Vec<Vec<u32>>,
}

impl RegionTable {
    /// The id of a region by its display name.
    pub fn id_of(&self, name: &str) -> Option<u32> {
        self.names.iter().position(|n| n == name).map(|i| i as u32)
    }
}

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
            let admin2 = scope.spawn(|| self.build_regions(RegionLevel::Admin2));
            (self.build_regions(RegionLevel::Admin1), admin2.join())
        });
        self.admin1 = admin1;
        self.admin2 = admin2.unwrap_or_else(|_| self.build_regions(RegionLevel::Admin2));
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

    /// The (country, admin 1, admin 2) name ids that place row `i` at `level`
    /// (country only when the data spans several).
    fn region_combo(
        &self,
        inc: &crate::model::IncidentColumns,
        i: usize,
        level: RegionLevel,
    ) -> (u32, u32, u32) {
        let a2 = if level == RegionLevel::Admin2 {
            inc.admin2[i]
        } else {
            0
        };
        let c = if self.multi_country {
            inc.country[i]
        } else {
            0
        };
        (c, inc.admin1[i], a2)
    }

    fn build_regions(&self, level: RegionLevel) -> RegionTable {
        // Count spellings per key over all incidents.
        let mut spellings: HashMap<String, HashMap<String, u64>> = HashMap::default();
        let mut country_spellings: HashMap<String, HashMap<String, u64>> = HashMap::default();
        // Per dataset: (country id, admin1 id, admin2 id) → key, via counts.
        #[allow(clippy::type_complexity)]
        let mut per_dataset_keys: Vec<(
            Vec<(u32, u32, u32)>,
            HashMap<(u32, u32, u32), String>,
        )> = Vec::new();
        // Per dataset: each row's combination, as an index into its list.
        let mut per_dataset_rows: Vec<Vec<u32>> = Vec::new();
        for d in &self.datasets {
            let inc = &d.incidents;
            let mut index: HashMap<(u32, u32, u32), u32> = HashMap::default();
            let mut combos: Vec<((u32, u32, u32), u64)> = Vec::new();
            // Rows of one place often follow each other: the last
            // combination is checked before the table.
            let mut last: Option<((u32, u32, u32), u32)> = None;
            let rows: Vec<u32> = (0..inc.len())
                .map(|i| {
                    let combo = self.region_combo(inc, i, level);
                    let k = match last {
                        Some((c, k)) if c == combo => k,
                        _ => *index.entry(combo).or_insert_with(|| {
                            combos.push((combo, 0));
                            (combos.len() - 1) as u32
                        }),
                    };
                    last = Some((combo, k));
                    combos[k as usize].1 += 1;
                    k
                })
                .collect();
            per_dataset_rows.push(rows);
            let mut keys = HashMap::default();
            for &((c, a1, a2), n) in &combos {
                let country = inc.names.get(c);
                let admin1 = inc.names.get(a1);
                let admin2 = inc.names.get(a2);
                let ck = region_key(country);
                let k1 = region_key(admin1);
                let k2 = region_key(admin2);
                let key = format!("{ck}\u{1}{k1}\u{1}{k2}");
                if !k1.is_empty() {
                    *spellings
                        .entry(format!("1\u{1}{k1}"))
                        .or_default()
                        .entry(admin1.to_string())
                        .or_insert(0) += n;
                }
                if level == RegionLevel::Admin2 && !k2.is_empty() {
                    *spellings
                        .entry(format!("2\u{1}{k2}"))
                        .or_default()
                        .entry(admin2.to_string())
                        .or_insert(0) += n;
                }
                if !ck.is_empty() {
                    *country_spellings
                        .entry(ck)
                        .or_default()
                        .entry(country.to_string())
                        .or_insert(0) += n;
                }
                keys.insert((c, a1, a2), key);
            }
            per_dataset_keys.push((combos.iter().map(|c| c.0).collect(), keys));
        }
        let best = |m: Option<&HashMap<String, u64>>| -> Option<String> {
            m.and_then(|m| {
                m.iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(s, _)| s.clone())
            })
        };
        let display_of = |key: &str| -> String {
            let mut parts = key.split('\u{1}');
            let ck = parts.next().unwrap_or("");
            let k1 = parts.next().unwrap_or("");
            let k2 = parts.next().unwrap_or("");
            let a1 = if k1.is_empty() {
                UNKNOWN_REGION.to_string()
            } else {
                best(spellings.get(&format!("1\u{1}{k1}")))
                    .unwrap_or_else(|| UNKNOWN_REGION.to_string())
            };
            let mut name = if level == RegionLevel::Admin2 {
                let a2 = if k2.is_empty() {
                    UNKNOWN_REGION.to_string()
                } else {
                    best(spellings.get(&format!("2\u{1}{k2}")))
                        .unwrap_or_else(|| UNKNOWN_REGION.to_string())
                };
                format!("{a2}, {a1}")
            } else {
                a1
            };
            if self.multi_country {
                let c = if ck.is_empty() {
                    "country unknown".to_string()
                } else {
                    best(country_spellings.get(ck)).unwrap_or_default()
                };
                name = format!("{name} ({c})");
            }
            name
        };
        // Assign ids in display-name order, "(unknown)" last.
        let mut all_keys: BTreeSet<String> = BTreeSet::new();
        for (_, keys) in &per_dataset_keys {
            all_keys.extend(keys.values().cloned());
        }
        let mut named: Vec<(String, String)> =
            all_keys.into_iter().map(|k| (display_of(&k), k)).collect();
        named.sort_by(|a, b| {
            let ua = a.0.starts_with(UNKNOWN_REGION);
            let ub = b.0.starts_with(UNKNOWN_REGION);
            ua.cmp(&ub)
                .then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase()))
                .then_with(|| a.0.cmp(&b.0))
        });
        // Two keys may share a display name only if spellings coincide; merge them.
        let mut names: Vec<String> = Vec::new();
        let mut id_of_key: HashMap<String, u32> = HashMap::default();
        for (display, key) in named {
            let id = match names.iter().position(|n| *n == display) {
                Some(i) => i as u32,
                None => {
                    names.push(display);
                    (names.len() - 1) as u32
                }
            };
            id_of_key.insert(key, id);
        }
        let of_row = per_dataset_rows
            .iter()
            .zip(&per_dataset_keys)
            .map(|(rows, (combos, keys))| {
                let ids: Vec<u32> = combos
                    .iter()
                    .map(|combo| {
                        keys.get(combo)
                            .and_then(|k| id_of_key.get(k))
                            .copied()
                            .unwrap_or(0)
                    })
                    .collect();
                rows.iter()
                    .map(|&k| ids.get(k as usize).copied().unwrap_or(0))
                    .collect()
            })
            .collect();
        RegionTable {
            level,
            names,
            of_row,
        }
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
