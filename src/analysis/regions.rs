//! Regions (METHODOLOGY §3): names folded for case, accents and
//! punctuation into a key, shown in the most frequent spelling, qualified by
//! country when the data spans several; each incident's region at a level.

use super::filter::RegionLevel;
use crate::model::dataset::Dataset;
use crate::model::region::{UNKNOWN_REGION, region_key};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeSet;

/// Regions at one level, and each incident's region.
#[derive(Debug, Clone, Default)]
pub struct RegionTable {
    pub level: RegionLevel,
    /// Display names by region id.
    pub names: Vec<String>,
    /// Per dataset, per incident: region id.
    pub of_row: Vec<Vec<u32>>,
    /// Per region id: its country's key when the data span several
    /// countries, else empty.
    pub country: Vec<String>,
}

impl RegionTable {
    /// The id of a region by its display name.
    pub fn id_of(&self, name: &str) -> Option<u32> {
        self.names.iter().position(|n| n == name).map(|i| i as u32)
    }
}

/// The (country, admin 1, admin 2) name ids that place row `i` at `level`
/// (country only when the data spans several).
fn region_combo(
    inc: &crate::model::IncidentColumns,
    i: usize,
    level: RegionLevel,
    multi_country: bool,
) -> Combo {
    let a2 = if level == RegionLevel::Admin2 {
        inc.admin2[i]
    } else {
        0
    };
    let c = if multi_country { inc.country[i] } else { 0 };
    (c, inc.admin1[i], a2)
}

/// A place at a level: (country, admin 1, admin 2) name ids.
type Combo = (u32, u32, u32);

/// The region table at `level` over all datasets: ids in display-name
/// order, "(unknown)" last.
pub(super) fn build(
    datasets: &[Dataset],
    multi_country: bool,
    level: RegionLevel,
    aliases: &Aliases,
) -> RegionTable {
    let mut spellings = Spellings {
        aliases,
        admin: HashMap::default(),
        country: HashMap::default(),
    };
    // Per dataset: its combinations, and each combination's key.
    let mut per_dataset_keys: Vec<(Vec<Combo>, HashMap<Combo, String>)> = Vec::new();
    // Per dataset: each row's combination, as an index into its list.
    let mut per_dataset_rows: Vec<Vec<u32>> = Vec::new();
    for d in datasets {
        let inc = &d.incidents;
        let (combos, rows) = combos_of(inc, level, multi_country);
        per_dataset_rows.push(rows);
        let keys = spellings.count(inc, &combos, level);
        per_dataset_keys.push((combos.iter().map(|c| c.0).collect(), keys));
    }
    let (names, id_of_key) = assign_ids(&per_dataset_keys, |key| {
        spellings.display(key, level, multi_country)
    });
    let of_row = per_dataset_rows
        .into_iter()
        .zip(&per_dataset_keys)
        .map(|(mut rows, (combos, keys))| {
            let ids: Vec<u32> = combos
                .iter()
                .map(|combo| {
                    keys.get(combo)
                        .and_then(|k| id_of_key.get(k))
                        .copied()
                        .unwrap_or(0)
                })
                .collect();
            // In place: each row's combination becomes its region.
            for k in &mut rows {
                *k = ids.get(*k as usize).copied().unwrap_or(0);
            }
            rows
        })
        .collect();
    let mut country = vec![String::new(); names.len()];
    if multi_country {
        for (key, &id) in &id_of_key {
            if let (Some(c), Some(slot)) = (key.split('\u{1}').next(), country.get_mut(id as usize))
            {
                c.clone_into(slot);
            }
        }
    }
    RegionTable {
        level,
        names,
        of_row,
        country,
    }
}

/// One dataset's combinations at `level` with their row counts, and each
/// row's combination as an index into that list.
fn combos_of(
    inc: &crate::model::IncidentColumns,
    level: RegionLevel,
    multi_country: bool,
) -> (Vec<(Combo, u64)>, Vec<u32>) {
    let mut index: HashMap<Combo, u32> = HashMap::default();
    let mut combos: Vec<(Combo, u64)> = Vec::new();
    // A name at the level asked for mostly belongs to one place: the
    // place last seen with each name id is checked before the table.
    let mut seen: Vec<(Combo, u32)> = vec![((0, 0, 0), u32::MAX); inc.names.len()];
    let rows: Vec<u32> = (0..inc.len())
        .map(|i| {
            let combo = region_combo(inc, i, level, multi_country);
            let name = if level == RegionLevel::Admin2 {
                combo.2
            } else {
                combo.1
            } as usize;
            let k = match seen.get(name) {
                Some(&(c, k)) if c == combo && k != u32::MAX => k,
                _ => {
                    let k = *index.entry(combo).or_insert_with(|| {
                        combos.push((combo, 0));
                        (combos.len() - 1) as u32
                    });
                    if let Some(s) = seen.get_mut(name) {
                        *s = (combo, k);
                    }
                    k
                }
            };
            combos[k as usize].1 += 1;
            k
        })
        .collect();
    (combos, rows)
}

/// The analyst's region aliases at admin 1: the key of a name merged away
/// → the key and the spelling of the name it is merged into.
pub type Aliases = HashMap<String, (String, String)>;

/// The aliases as the workspace takes them, from (from, to) names.
pub fn aliases_of(pairs: &[(String, String)]) -> Aliases {
    pairs
        .iter()
        .filter(|(f, t)| !region_key(f).is_empty() && !region_key(t).is_empty())
        .map(|(f, t)| (region_key(f), (region_key(t), t.trim().to_string())))
        .collect()
}

/// How often each spelling of a name is used, per key, over all incidents.
struct Spellings<'a> {
    /// Names merged by the analyst.
    aliases: &'a Aliases,
    /// Admin names: `1\u{1}key` or `2\u{1}key` → spelling → rows.
    admin: HashMap<String, HashMap<String, u64>>,
    /// Country key → spelling → rows.
    country: HashMap<String, HashMap<String, u64>>,
}

impl Spellings<'_> {
    /// Counts one dataset's spellings; gives each combination's key.
    fn count(
        &mut self,
        inc: &crate::model::IncidentColumns,
        combos: &[(Combo, u64)],
        level: RegionLevel,
    ) -> HashMap<Combo, String> {
        let mut keys = HashMap::default();
        for &((c, a1, a2), n) in combos {
            let country = inc.names.get(c);
            let mut admin1 = inc.names.get(a1);
            let admin2 = inc.names.get(a2);
            let ck = region_key(country);
            let mut k1 = region_key(admin1);
            if let Some((to_key, to)) = self.aliases.get(&k1) {
                k1.clone_from(to_key);
                admin1 = to;
            }
            let k2 = region_key(admin2);
            let key = format!("{ck}\u{1}{k1}\u{1}{k2}");
            if !k1.is_empty() {
                *self
                    .admin
                    .entry(format!("1\u{1}{k1}"))
                    .or_default()
                    .entry(admin1.to_string())
                    .or_insert(0) += n;
            }
            if level == RegionLevel::Admin2 && !k2.is_empty() {
                *self
                    .admin
                    .entry(format!("2\u{1}{k2}"))
                    .or_default()
                    .entry(admin2.to_string())
                    .or_insert(0) += n;
            }
            if !ck.is_empty() {
                *self
                    .country
                    .entry(ck)
                    .or_default()
                    .entry(country.to_string())
                    .or_insert(0) += n;
            }
            keys.insert((c, a1, a2), key);
        }
        keys
    }

    /// The display name of a key: each part in its most frequent spelling.
    fn display(&self, key: &str, level: RegionLevel, multi_country: bool) -> String {
        let best = |m: Option<&HashMap<String, u64>>| -> Option<String> {
            m.and_then(|m| {
                m.iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(s, _)| s.clone())
            })
        };
        let mut parts = key.split('\u{1}');
        let ck = parts.next().unwrap_or("");
        let k1 = parts.next().unwrap_or("");
        let k2 = parts.next().unwrap_or("");
        let a1 = if k1.is_empty() {
            UNKNOWN_REGION.to_string()
        } else {
            best(self.admin.get(&format!("1\u{1}{k1}")))
                .unwrap_or_else(|| UNKNOWN_REGION.to_string())
        };
        let mut name = if level == RegionLevel::Admin2 {
            let a2 = if k2.is_empty() {
                UNKNOWN_REGION.to_string()
            } else {
                best(self.admin.get(&format!("2\u{1}{k2}")))
                    .unwrap_or_else(|| UNKNOWN_REGION.to_string())
            };
            format!("{a2}, {a1}")
        } else {
            a1
        };
        if multi_country {
            let c = if ck.is_empty() {
                "country unknown".to_string()
            } else {
                best(self.country.get(ck)).unwrap_or_default()
            };
            name = format!("{name} ({c})");
        }
        name
    }
}

/// Region ids in display-name order, "(unknown)" last: the display names
/// by id, and each key's id.
fn assign_ids(
    per_dataset_keys: &[(Vec<Combo>, HashMap<Combo, String>)],
    display_of: impl Fn(&str) -> String,
) -> (Vec<String>, HashMap<String, u32>) {
    let mut all_keys: BTreeSet<String> = BTreeSet::new();
    for (_, keys) in per_dataset_keys {
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
    // Linear in the number of names: a hash of the names given ids so far
    // (a search per name made 200,000 names cost half a minute).
    let mut names: Vec<String> = Vec::new();
    let mut id_of_name: HashMap<String, u32> = HashMap::default();
    let mut id_of_key: HashMap<String, u32> = HashMap::default();
    for (display, key) in named {
        let id = match id_of_name.get(&display) {
            Some(&i) => i,
            None => {
                let i = names.len() as u32;
                id_of_name.insert(display.clone(), i);
                names.push(display);
                i
            }
        };
        id_of_key.insert(key, id);
    }
    (names, id_of_key)
}
