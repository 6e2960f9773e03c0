//! One event, several sources (METHODOLOGY §8): civilian-harm events of
//! different source families (ACLED, UCDP, each monitoring log or mapped
//! file) that record the same attack are matched, and each cluster is
//! counted once, as its first member in the priority order.
//!
//! Candidates are found through an index of day buckets × grid cells (and
//! day buckets × admin 1 names for events without coordinates), never by
//! comparing all pairs: each event of the smaller family looks only in the
//! cells within the distance window of its point. The pairs are then taken
//! in the stated order, joining clusters that hold no two events of one
//! family.

use crate::model::dataset::{Dataset, SourceFormat};
use crate::model::perpetrator::PerpetratorType;
use crate::model::region::region_key;
use crate::model::report::Severity;
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::workspace::RowRef;

/// Earth radius for the great-circle distance, km (METHODOLOGY §8).
pub const EARTH_RADIUS_KM: f64 = 6371.0;

/// Days per bucket of the index.
const BUCKET_DAYS: i32 = 4;

/// A group of source families, for the priority order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceGroup {
    /// Monitoring logs and other mapped or HXL-tagged files, in load order.
    Logs,
    Ucdp,
    Acled,
}

impl SourceGroup {
    /// The group of a file of this format.
    pub fn of(format: SourceFormat) -> SourceGroup {
        match format {
            SourceFormat::Acled => SourceGroup::Acled,
            SourceFormat::Ucdp => SourceGroup::Ucdp,
            SourceFormat::Hxl | SourceFormat::Mapped | SourceFormat::Monitoring => {
                SourceGroup::Logs
            }
        }
    }

    /// The key used in files and `summarize --json`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Logs => "logs",
            Self::Ucdp => "ucdp",
            Self::Acled => "acled",
        }
    }

    /// Parses a key (`logs`, `ucdp`, `acled`).
    pub fn parse(s: &str) -> Option<SourceGroup> {
        match s.trim().to_ascii_lowercase().as_str() {
            "logs" | "log" | "mapped" | "other" => Some(Self::Logs),
            "ucdp" => Some(Self::Ucdp),
            "acled" => Some(Self::Acled),
            _ => None,
        }
    }
}

/// The analyst's matching settings, saved in the assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MatchSettings {
    /// Whether events are matched across sources at all.
    pub enabled: bool,
    /// Days apart at most (METHODOLOGY §8: 1).
    pub max_days: u32,
    /// Kilometres apart at most (METHODOLOGY §8: 5).
    pub max_km: f64,
    /// Which member of a cluster counts: the first group here, then load
    /// order within a group.
    pub priority: Vec<SourceGroup>,
}

impl Default for MatchSettings {
    fn default() -> Self {
        MatchSettings {
            enabled: true,
            max_days: 1,
            max_km: 5.0,
            priority: vec![SourceGroup::Logs, SourceGroup::Ucdp, SourceGroup::Acled],
        }
    }
}

impl MatchSettings {
    /// Whether these are the method's defaults (the annex says when not).
    pub fn is_default(&self) -> bool {
        *self == MatchSettings::default()
    }

    /// The settings with values out of range brought into it: days 0–31,
    /// km 0–100, each group once in the priority (missing ones appended in
    /// the default order).
    pub fn sanitized(&self) -> MatchSettings {
        let mut priority: Vec<SourceGroup> = Vec::new();
        for g in self
            .priority
            .iter()
            .chain(MatchSettings::default().priority.iter())
        {
            if !priority.contains(g) {
                priority.push(*g);
            }
        }
        MatchSettings {
            enabled: self.enabled,
            max_days: self.max_days.min(31),
            max_km: if self.max_km.is_finite() {
                self.max_km.clamp(0.0, 100.0)
            } else {
                MatchSettings::default().max_km
            },
            priority,
        }
    }

    /// One line for reports and the annex.
    pub fn describe(&self) -> String {
        self.describe_in(crate::i18n::Lang::En)
    }

    /// The description in a language.
    pub fn describe_in(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        if !self.enabled {
            return crate::l!(lang, "off", "désactivé").to_string();
        }
        let order = self
            .priority
            .iter()
            .map(|g| match g {
                SourceGroup::Logs => crate::l!(
                    lang,
                    "monitoring logs and mapped files",
                    "registres de suivi et fichiers décrits par une correspondance"
                ),
                SourceGroup::Ucdp => "UCDP",
                SourceGroup::Acled => "ACLED",
            })
            .collect::<Vec<_>>()
            .join(crate::l!(lang, ", then ", ", puis "));
        let (d, km) = (self.max_days, trim_km(self.max_km));
        match lang {
            Lang::En => format!(
                "on: at most {d} day{} and {km} km apart, compatible perpetrator types; counted as {order}",
                if d == 1 { "" } else { "s" }
            ),
            Lang::Fr => format!(
                "activé : au plus {d} jour{} et {} km d'écart, types d'auteurs compatibles ; compté comme {order}",
                if d > 1 { "s" } else { "" },
                crate::i18n::decimal(lang, &km)
            ),
        }
    }
}

/// A distance for text: no trailing zeros.
pub fn trim_km(km: f64) -> String {
    let s = format!("{km:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// What matching found.
#[derive(Debug, Clone, Default)]
pub struct Matches {
    /// The settings in force when they were found.
    pub settings: MatchSettings,
    /// Pairs joined, per pair of families (names sorted).
    pub pairs: BTreeMap<(String, String), u64>,
    /// Every cluster of two or more records, the counted one first.
    pub clusters: Vec<Vec<RowRef>>,
    /// The cluster of each matched record.
    pub cluster_of: HashMap<RowRef, u32>,
    /// Per dataset: records not counted because another source's record of
    /// the same event counts.
    pub not_counted: Vec<u64>,
    /// Candidate pairs considered (for the benchmark).
    pub candidates: u64,
    /// Per dataset, per row: a record of a matched event (empty for a
    /// dataset with none).
    flags: Vec<Vec<bool>>,
}

impl Matches {
    /// Pairs joined in all.
    pub fn total(&self) -> u64 {
        self.pairs.values().sum()
    }

    /// The other records of the event `r` is a record of (the counted one
    /// first), or none.
    pub fn others(&self, r: RowRef) -> Vec<RowRef> {
        self.cluster_of
            .get(&r)
            .and_then(|&c| self.clusters.get(c as usize))
            .map(|c| c.iter().copied().filter(|&x| x != r).collect())
            .unwrap_or_default()
    }

    /// Whether row `i` of dataset `d` is a record of a matched event (the
    /// matrix's hot loop asks this).
    #[inline]
    pub fn matched_row(&self, d: usize, i: usize) -> bool {
        self.flags
            .get(d)
            .and_then(|v| v.get(i))
            .copied()
            .unwrap_or(false)
    }

    /// Whether `r` is a record of an event matched across sources.
    pub fn is_matched(&self, r: RowRef) -> bool {
        self.cluster_of.contains_key(&r)
    }
}

/// The family name of dataset `d`: `acled`, `ucdp`, or the file's name
/// (each monitoring log or mapped file is its own family).
pub fn family_name(datasets: &[Dataset], d: usize) -> String {
    match datasets[d].meta.format {
        SourceFormat::Acled => "acled".into(),
        SourceFormat::Ucdp => "ucdp".into(),
        _ => datasets[d].meta.display_name(),
    }
}

fn family_id(datasets: &[Dataset], d: usize) -> u32 {
    match datasets[d].meta.format {
        SourceFormat::Acled => 0,
        SourceFormat::Ucdp => 1,
        _ => 2 + d as u32,
    }
}

/// Whether two perpetrator types may be one event's (METHODOLOGY §8).
pub fn compatible(a: PerpetratorType, b: PerpetratorType) -> bool {
    use PerpetratorType::*;
    let loose = |t| matches!(t, Unidentified | Unattributed);
    let armed = |t| matches!(t, RebelGroups | PoliticalMilitias | IdentityMilitias);
    a == b
        || loose(a)
        || loose(b)
        || (a == NonStateArmedGroups && armed(b))
        || (b == NonStateArmedGroups && armed(a))
}

/// Great-circle distance in km (haversine).
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().min(1.0).asin()
}

/// One candidate event, as matching sees it.
#[derive(Debug, Clone, Copy)]
struct Ev {
    d: u32,
    i: u32,
    fam: u32,
    start: i32,
    end: i32,
    lat: f64,
    lon: f64,
    /// Folded admin 1 / admin 2 name ids; 0 is blank.
    a1: u32,
    a2: u32,
    t: u8,
    /// 1-based data row in its file.
    row: u64,
}

impl Ev {
    fn has_point(&self) -> bool {
        !self.lat.is_nan() && !self.lon.is_nan()
    }
}

/// A candidate pair and its place in the order.
#[derive(Debug, Clone, Copy)]
struct Cand {
    days: u32,
    km: f64,
    /// The event from the earlier-loaded file, and the other.
    early: u32,
    other: u32,
}

/// Inputs per dataset: which rows may be matched and their effective types.
pub struct MatchInput<'a> {
    pub datasets: &'a [Dataset],
    /// Rows still counted after repeats within a family are removed.
    pub counted: &'a [Vec<bool>],
    /// Effective perpetrator type per row.
    pub types: &'a [Vec<u8>],
}

/// Finds the matches and the rows they stop counting (`counted` is set to
/// false for every cluster member but the first in the priority order).
pub fn find(input: &MatchInput<'_>, settings: &MatchSettings) -> (Matches, Vec<Vec<bool>>) {
    let settings = settings.sanitized();
    let datasets = input.datasets;
    let mut counted: Vec<Vec<bool>> = input.counted.to_vec();
    let mut out = Matches {
        settings: settings.clone(),
        not_counted: vec![0; datasets.len()],
        ..Default::default()
    };
    let families: std::collections::BTreeSet<u32> = (0..datasets.len())
        .filter(|&d| !datasets[d].incidents.is_empty())
        .map(|d| family_id(datasets, d))
        .collect();
    if !settings.enabled || families.len() < 2 {
        return (out, counted);
    }
    let events = collect(input);
    // Per family, its events (indices into `events`).
    let mut by_family: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for (k, e) in events.iter().enumerate() {
        by_family.entry(e.fam).or_default().push(k as u32);
    }
    let fams: Vec<u32> = by_family.keys().copied().collect();
    let mut cands: Vec<Cand> = Vec::new();
    for (x, &f) in fams.iter().enumerate() {
        for &g in &fams[x + 1..] {
            let (a, b) = (&by_family[&f], &by_family[&g]);
            // Index the larger family; look up with the smaller.
            let (query, indexed) = if a.len() <= b.len() { (a, b) } else { (b, a) };
            candidates(&events, query, indexed, &settings, &mut cands);
        }
    }
    out.candidates = cands.len() as u64;
    cands.sort_unstable_by(|p, q| {
        let (pe, po) = (&events[p.early as usize], &events[p.other as usize]);
        let (qe, qo) = (&events[q.early as usize], &events[q.other as usize]);
        p.days
            .cmp(&q.days)
            .then(p.km.total_cmp(&q.km))
            .then(pe.row.cmp(&qe.row))
            .then(po.row.cmp(&qo.row))
            .then(pe.d.cmp(&qe.d))
            .then(po.d.cmp(&qo.d))
    });
    let (mut parent, held, pair_counts) = join(&events, &cands);
    // Each cluster counted once, as its first member in the priority order.
    let rank = |e: &Ev| {
        let g = SourceGroup::of(datasets[e.d as usize].meta.format);
        let pos = settings.priority.iter().position(|x| *x == g).unwrap_or(9);
        (pos, e.d)
    };
    let mut members: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for k in 0..events.len() as u32 {
        let r = root(&mut parent, k);
        if held.contains_key(&r) {
            members.entry(r).or_default().push(k);
        }
    }
    for (_, mut m) in members {
        m.sort_by_key(|&k| rank(&events[k as usize]));
        let refs: Vec<RowRef> = m
            .iter()
            .map(|&k| (events[k as usize].d as usize, events[k as usize].i as usize))
            .collect();
        for &(d, i) in &refs[1..] {
            counted[d][i] = false;
            out.not_counted[d] += 1;
        }
        let id = out.clusters.len() as u32;
        for &(d, i) in &refs {
            out.cluster_of.insert((d, i), id);
            if out.flags.len() <= d {
                out.flags.resize(datasets.len(), Vec::new());
            }
            if out.flags[d].is_empty() {
                out.flags[d] = vec![false; datasets[d].incidents.len()];
            }
            out.flags[d][i] = true;
        }
        out.clusters.push(refs);
    }
    // Family names for the report.
    let name_of = |f: u32| -> String {
        (0..datasets.len())
            .find(|&d| family_id(datasets, d) == f)
            .map(|d| family_name(datasets, d))
            .unwrap_or_default()
    };
    for ((f1, f2), n) in pair_counts {
        let (a, b) = (name_of(f1), name_of(f2));
        let key = if a <= b { (a, b) } else { (b, a) };
        *out.pairs.entry(key).or_default() += n;
    }
    (out, counted)
}

/// The root of `x`'s cluster (with path halving).
fn root(parent: &mut [u32], mut x: u32) -> u32 {
    while parent[x as usize] != x {
        let up = parent[parent[x as usize] as usize];
        parent[x as usize] = up;
        x = up;
    }
    x
}

/// Clusters and joined pairs per pair of family ids.
type Joined = (Vec<u32>, HashMap<u32, Vec<u32>>, BTreeMap<(u32, u32), u64>);

/// Takes the pairs in order, joining two clusters when they hold no two
/// events of one family (union-find with the families each cluster holds).
fn join(events: &[Ev], cands: &[Cand]) -> Joined {
    let mut parent: Vec<u32> = (0..events.len() as u32).collect();
    let mut held: HashMap<u32, Vec<u32>> = HashMap::default();
    let mut pair_counts: BTreeMap<(u32, u32), u64> = BTreeMap::new();
    for c in cands {
        let (ra, rb) = (root(&mut parent, c.early), root(&mut parent, c.other));
        if ra == rb {
            continue;
        }
        let fa = held
            .get(&ra)
            .cloned()
            .unwrap_or_else(|| vec![events[ra as usize].fam]);
        let fb = held
            .get(&rb)
            .cloned()
            .unwrap_or_else(|| vec![events[rb as usize].fam]);
        if fa.iter().any(|f| fb.contains(f)) {
            continue;
        }
        parent[rb as usize] = ra;
        held.remove(&rb);
        let mut joined = fa;
        joined.extend(fb);
        held.insert(ra, joined);
        let (f1, f2) = (events[c.early as usize].fam, events[c.other as usize].fam);
        *pair_counts.entry((f1.min(f2), f1.max(f2))).or_default() += 1;
    }
    (parent, held, pair_counts)
}

/// The events matching may join: counted civilian-harm rows.
fn collect(input: &MatchInput<'_>) -> Vec<Ev> {
    let mut keys: HashMap<String, u32> = HashMap::default();
    keys.insert(String::new(), 0);
    let mut events = Vec::new();
    for (d, ds) in input.datasets.iter().enumerate() {
        let inc = &ds.incidents;
        if inc.is_empty() {
            continue;
        }
        // Folded names, once per distinct name.
        let folded: Vec<u32> = inc
            .names
            .iter()
            .map(|(_, s)| {
                let k = region_key(s);
                let n = keys.len() as u32;
                *keys.entry(k).or_insert(n)
            })
            .collect();
        let rows = data_rows(ds);
        let fam = family_id(input.datasets, d);
        for i in 0..inc.len() {
            if !inc.civilian_harm[i] || !input.counted[d][i] {
                continue;
            }
            let (lat, lon) = (inc.latitude[i] as f64, inc.longitude[i] as f64);
            let point = lat.is_finite() && lon.is_finite();
            events.push(Ev {
                d: d as u32,
                i: i as u32,
                fam,
                start: inc.date[i],
                end: inc.date_end_at(i),
                lat: if point { lat } else { f64::NAN },
                lon: if point { lon } else { f64::NAN },
                a1: folded.get(inc.admin1[i] as usize).copied().unwrap_or(0),
                a2: folded.get(inc.admin2[i] as usize).copied().unwrap_or(0),
                t: input.types[d][i],
                row: rows(i),
            });
        }
    }
    events
}

/// The 1-based data row of each kept incident: its place among the kept
/// rows, moved past the rejected rows before it.
fn data_rows(ds: &Dataset) -> impl Fn(usize) -> u64 + '_ {
    let mut rejected: Vec<u64> = ds
        .report
        .issues
        .iter()
        .filter(|x| x.severity == Severity::Rejected && x.record > 0)
        .map(|x| x.record)
        .collect();
    rejected.sort_unstable();
    rejected.dedup();
    // The row of kept incident i is the (i+1)-th record number not rejected.
    let mut rows = Vec::with_capacity(if rejected.is_empty() {
        0
    } else {
        ds.incidents.len()
    });
    if !rejected.is_empty() {
        let mut k = 0;
        for i in 0..ds.incidents.len() as u64 {
            let mut rec = i + 1 + k as u64;
            while k < rejected.len() && rejected[k] <= rec {
                k += 1;
                rec = i + 1 + k as u64;
            }
            rows.push(rec);
        }
    }
    move |i| rows.get(i).copied().unwrap_or(i as u64 + 1)
}

/// Days between two ranges: 0 when they overlap, else between the nearest
/// ends.
fn day_gap(a: &Ev, b: &Ev) -> u32 {
    if a.end < b.start {
        (b.start - a.end) as u32
    } else if b.end < a.start {
        (a.start - b.end) as u32
    } else {
        0
    }
}

fn bucket(day: i32) -> i32 {
    day.div_euclid(BUCKET_DAYS)
}

/// The grid: cells of `cell` degrees, lon wrapping.
struct Grid {
    /// Cell height, degrees of latitude.
    cell: f64,
    /// Cell width, degrees of longitude: 360 / `ncx` exactly, so the
    /// columns tile the globe and wrap at 180° without a sliver column.
    cell_lon: f64,
    ncx: i64,
    ncy: i64,
}

impl Grid {
    fn new(km: f64) -> Grid {
        let cell = (km.max(0.5) / (EARTH_RADIUS_KM.to_radians())).min(30.0);
        let ncx = (360.0 / cell).ceil() as i64;
        Grid {
            cell,
            cell_lon: 360.0 / ncx as f64,
            ncx,
            ncy: (180.0 / cell).ceil() as i64 + 1,
        }
    }
    fn cy(&self, lat: f64) -> i64 {
        (((lat + 90.0) / self.cell).floor() as i64).clamp(0, self.ncy - 1)
    }
    fn cx(&self, lon: f64) -> i64 {
        (((lon + 180.0) / self.cell_lon).floor() as i64).rem_euclid(self.ncx)
    }
    fn key(&self, b: i32, cx: i64, cy: i64) -> u64 {
        ((b as u32 as u64) << 40) ^ ((cy as u64) << 20) ^ (cx as u64)
    }
}

/// Appends the candidate pairs between `query` and `indexed` events.
fn candidates(
    events: &[Ev],
    query: &[u32],
    indexed: &[u32],
    s: &MatchSettings,
    out: &mut Vec<Cand>,
) {
    let days = s.max_days as i32;
    let grid = Grid::new(s.max_km);
    // Each indexed event sits in every bucket its range, widened by the day
    // window, touches: one cell of the grid if it has a point, and its
    // admin 1 name in any case.
    let mut point_entries: Vec<(u64, u32)> = Vec::new();
    let mut name_entries: Vec<(u64, u32)> = Vec::new();
    for &k in indexed {
        let e = &events[k as usize];
        for b in bucket(e.start - days)..=bucket(e.end.saturating_add(days)) {
            if e.has_point() {
                point_entries.push((grid.key(b, grid.cx(e.lon), grid.cy(e.lat)), k));
            }
            if e.a1 != 0 {
                name_entries.push((((b as u32 as u64) << 32) | e.a1 as u64, k));
            }
        }
    }
    let points = Index::new(point_entries);
    let names = Index::new(name_entries);
    let dlat = (s.max_km / EARTH_RADIUS_KM).to_degrees() * 1.0001 + 1e-9;
    let angle = s.max_km / EARTH_RADIUS_KM;
    // A pair found in bucket `b`, kept only in the first bucket the two
    // share (so it is seen once), within the day window and with
    // compatible types.
    let consider = |xk: u32, yk: u32, b: i32, km: f64| -> Option<Cand> {
        let (x, y) = (&events[xk as usize], &events[yk as usize]);
        if b != bucket(x.start).max(bucket(y.start - days)) {
            return None;
        }
        let gap = day_gap(x, y);
        let ty = |t: u8| PerpetratorType::from_index(t as usize).unwrap_or(PerpetratorType::Other);
        if gap > s.max_days || !compatible(ty(x.t), ty(y.t)) {
            return None;
        }
        let (early, other) = if x.d < y.d { (xk, yk) } else { (yk, xk) };
        Some(Cand {
            days: gap,
            km,
            early,
            other,
        })
    };
    for &qk in query {
        let x = &events[qk as usize];
        for b in bucket(x.start)..=bucket(x.end) {
            if x.has_point() {
                let (y0, y1) = (grid.cy(x.lat - dlat), grid.cy(x.lat + dlat));
                let ratio = angle.sin() / x.lat.to_radians().cos().max(1e-12);
                let xs: Vec<i64> = if ratio >= 1.0 {
                    (0..grid.ncx).collect()
                } else {
                    let dlon = ratio.asin().to_degrees() * 1.0001 + 1e-9;
                    let (a, z) = (
                        ((x.lon + 180.0 - dlon) / grid.cell_lon).floor() as i64,
                        ((x.lon + 180.0 + dlon) / grid.cell_lon).floor() as i64,
                    );
                    if z - a + 1 >= grid.ncx {
                        (0..grid.ncx).collect()
                    } else {
                        (a..=z).map(|c| c.rem_euclid(grid.ncx)).collect()
                    }
                };
                for cy in y0..=y1 {
                    for &cx in &xs {
                        for &yk in points.get(grid.key(b, cx, cy)) {
                            let y = &events[yk as usize];
                            let km = haversine_km(x.lat, x.lon, y.lat, y.lon);
                            if km <= s.max_km {
                                out.extend(consider(qk, yk, b, km));
                            }
                        }
                    }
                }
            }
            if x.a1 != 0 {
                for &yk in names.get(((b as u32 as u64) << 32) | x.a1 as u64) {
                    let y = &events[yk as usize];
                    // Two points are compared by distance, not by names.
                    if x.has_point() && y.has_point() {
                        continue;
                    }
                    if x.a2 != 0 && y.a2 != 0 && x.a2 != y.a2 {
                        continue;
                    }
                    out.extend(consider(qk, yk, b, 0.0));
                }
            }
        }
    }
}

/// Entries grouped by key: one sorted array and a map from key to its run.
struct Index {
    entries: Vec<u32>,
    runs: HashMap<u64, (u32, u32)>,
}

impl Index {
    fn new(mut pairs: Vec<(u64, u32)>) -> Index {
        pairs.sort_unstable();
        let mut runs: HashMap<u64, (u32, u32)> = HashMap::default();
        let mut start = 0usize;
        while start < pairs.len() {
            let key = pairs[start].0;
            let mut end = start;
            while end < pairs.len() && pairs[end].0 == key {
                end += 1;
            }
            runs.insert(key, (start as u32, end as u32));
            start = end;
        }
        Index {
            entries: pairs.into_iter().map(|(_, v)| v).collect(),
            runs,
        }
    }

    fn get(&self, key: u64) -> &[u32] {
        self.runs
            .get(&key)
            .map_or(&[][..], |&(a, b)| &self.entries[a as usize..b as usize])
    }
}
