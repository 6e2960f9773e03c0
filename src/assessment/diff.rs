//! What changed between two drafts of an assessment (METHODOLOGY §10):
//! entries matched by id — added, removed, and each field that changed
//! (ratings, successors per tier, residual, regions, texts); flags raised
//! and cleared; benchmark statuses; and the threat-matrix cells whose
//! counts changed when the data did. `poc-workbench diff OLD.ron NEW.ron`
//! and the window's comparison use it.

use super::Assessment;
use super::benchmarks::BenchmarkStatus;
use super::review::{Flag, review};
use crate::analysis::{Filter, RegionLevel, ThreatMatrix, Workspace};
use crate::i18n::Lang;
use crate::l;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// One entry as listed when added or removed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryLine {
    pub id: u32,
    pub perpetrator: String,
    pub regions: Vec<String>,
}

/// One field of one entry that changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub id: u32,
    /// `likelihood`, `impact`, `residual`, `rationale`, `successors.II`, …
    pub field: String,
    pub old: Value,
    pub new: Value,
}

/// A flag of an entry raised or cleared.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlagLine {
    pub id: u32,
    pub flag: String,
}

/// Flags raised and cleared between the drafts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FlagChanges {
    pub raised: Vec<FlagLine>,
    pub cleared: Vec<FlagLine>,
}

/// A benchmark whose status, value or presence changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchmarkChange {
    pub name: String,
    /// `null` when the benchmark is new.
    pub old_status: Option<BenchmarkStatus>,
    /// `null` when the benchmark was removed.
    pub new_status: Option<BenchmarkStatus>,
    pub old_value: Option<u64>,
    pub new_value: Option<u64>,
}

/// A matrix cell (perpetrator type × admin-1 region, the period to the
/// as-of date) whose counts differ.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CellChange {
    pub perpetrator: String,
    pub region: String,
    pub old_events: u64,
    pub new_events: u64,
    pub old_fatalities: u64,
    pub new_fatalities: u64,
}

/// Everything that changed.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Diff {
    pub added: Vec<EntryLine>,
    pub removed: Vec<EntryLine>,
    pub changed: Vec<FieldChange>,
    pub flags: FlagChanges,
    pub benchmarks: Vec<BenchmarkChange>,
    pub cells: Vec<CellChange>,
}

impl Diff {
    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.flags.raised.is_empty()
            && self.flags.cleared.is_empty()
            && self.benchmarks.is_empty()
            && self.cells.is_empty()
    }
}

fn line(e: &super::ThreatEntry) -> EntryLine {
    EntryLine {
        id: e.id,
        perpetrator: e.perpetrator.key().to_string(),
        regions: e.regions.clone(),
    }
}

/// The fields of an entry as JSON, maps flattened one level
/// (`successors.II`), so that a change names the tier it is in.
fn fields(e: &super::ThreatEntry) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    let Ok(Value::Object(map)) = serde_json::to_value(e) else {
        return out;
    };
    for (k, v) in map {
        if k == "id" {
            continue;
        }
        match v {
            Value::Object(inner) => {
                for (ik, iv) in inner {
                    out.insert(format!("{k}.{ik}"), iv);
                }
            }
            other => {
                out.insert(k, other);
            }
        }
    }
    out
}

/// The field-by-field changes of entries present in both drafts.
fn changed_fields(old: &Assessment, new: &Assessment) -> Vec<FieldChange> {
    let mut out = Vec::new();
    for n in &new.register {
        let Some(o) = old.register.iter().find(|o| o.id == n.id) else {
            continue;
        };
        let (fo, fn_) = (fields(o), fields(n));
        let keys: std::collections::BTreeSet<&String> = fo.keys().chain(fn_.keys()).collect();
        for k in keys {
            let (a, b) = (
                fo.get(k).cloned().unwrap_or(Value::Null),
                fn_.get(k).cloned().unwrap_or(Value::Null),
            );
            if a != b {
                out.push(FieldChange {
                    id: n.id,
                    field: k.clone(),
                    old: a,
                    new: b,
                });
            }
        }
    }
    out
}

/// Flags per entry id, as `review` raises them.
fn flags_of(a: &Assessment, ws: &Workspace) -> BTreeMap<u32, Vec<&'static str>> {
    review(a, ws)
        .entries
        .iter()
        .map(|e| {
            (
                e.id,
                e.flags.raised().into_iter().map(|f| f.key()).collect(),
            )
        })
        .collect()
}

fn flag_changes(old: &BTreeMap<u32, Vec<&str>>, new: &BTreeMap<u32, Vec<&str>>) -> FlagChanges {
    let mut out = FlagChanges::default();
    let none = Vec::new();
    let ids: std::collections::BTreeSet<&u32> = old.keys().chain(new.keys()).collect();
    for id in ids {
        let (o, n) = (old.get(id).unwrap_or(&none), new.get(id).unwrap_or(&none));
        for f in n.iter().filter(|f| !o.contains(f)) {
            out.raised.push(FlagLine {
                id: *id,
                flag: (*f).to_string(),
            });
        }
        for f in o.iter().filter(|f| !n.contains(f)) {
            out.cleared.push(FlagLine {
                id: *id,
                flag: (*f).to_string(),
            });
        }
    }
    out
}

/// Benchmarks matched by name: status or value changed, added, removed.
fn benchmark_changes(
    old: &Assessment,
    old_ws: &Workspace,
    new: &Assessment,
    new_ws: &Workspace,
) -> Vec<BenchmarkChange> {
    let of = |a: &Assessment, ws: &Workspace| -> BTreeMap<String, (BenchmarkStatus, u64)> {
        review(a, ws)
            .benchmarks
            .iter()
            .map(|b| (b.name.clone(), (b.status, b.value)))
            .collect()
    };
    let (o, n) = (of(old, old_ws), of(new, new_ws));
    let names: std::collections::BTreeSet<&String> = o.keys().chain(n.keys()).collect();
    names
        .into_iter()
        .filter_map(|name| {
            let (a, b) = (o.get(name), n.get(name));
            (a != b).then(|| BenchmarkChange {
                name: name.clone(),
                old_status: a.map(|x| x.0),
                new_status: b.map(|x| x.0),
                old_value: a.map(|x| x.1),
                new_value: b.map(|x| x.1),
            })
        })
        .collect()
}

/// Matrix cells (admin 1, from the first record to each draft's as-of
/// date) whose events or civilian fatalities differ.
fn cell_changes(
    old: &Assessment,
    old_ws: &Workspace,
    new: &Assessment,
    new_ws: &Workspace,
) -> Vec<CellChange> {
    let cells = |a: &Assessment, ws: &Workspace| -> BTreeMap<(String, String), (u64, u64)> {
        let filter = Filter {
            to: Some(a.meta.as_of),
            level: RegionLevel::Admin1,
            ..Default::default()
        };
        let m = ThreatMatrix::compute(ws, &filter, Some(a.meta.as_of));
        let mut out = BTreeMap::new();
        for (pi, p) in m.perpetrators.iter().enumerate() {
            for (ri, r) in m.regions.iter().enumerate() {
                let c = &m.cells[pi][ri];
                if c.events > 0 || c.civilian_fatalities > 0 {
                    out.insert(
                        (p.key().to_string(), r.clone()),
                        (c.events, c.civilian_fatalities),
                    );
                }
            }
        }
        out
    };
    let (o, n) = (cells(old, old_ws), cells(new, new_ws));
    let keys: std::collections::BTreeSet<&(String, String)> = o.keys().chain(n.keys()).collect();
    keys.into_iter()
        .filter_map(|k| {
            let (a, b) = (
                o.get(k).copied().unwrap_or((0, 0)),
                n.get(k).copied().unwrap_or((0, 0)),
            );
            (a != b).then(|| CellChange {
                perpetrator: k.0.clone(),
                region: k.1.clone(),
                old_events: a.0,
                new_events: b.0,
                old_fatalities: a.1,
                new_fatalities: b.1,
            })
        })
        .collect()
}

/// What changed from `old` (read with its datasets `old_ws`) to `new`.
pub fn diff(old: &Assessment, old_ws: &Workspace, new: &Assessment, new_ws: &Workspace) -> Diff {
    let added = new
        .register
        .iter()
        .filter(|n| !old.register.iter().any(|o| o.id == n.id))
        .map(line)
        .collect();
    let removed = old
        .register
        .iter()
        .filter(|o| !new.register.iter().any(|n| n.id == o.id))
        .map(line)
        .collect();
    Diff {
        added,
        removed,
        changed: changed_fields(old, new),
        flags: flag_changes(&flags_of(old, old_ws), &flags_of(new, new_ws)),
        benchmarks: benchmark_changes(old, old_ws, new, new_ws),
        cells: cell_changes(old, old_ws, new, new_ws),
    }
}

/// The diff as text, a line per change.
pub fn to_text(d: &Diff) -> String {
    to_text_in(d, Lang::En)
}

/// The diff as text in a language: English keeps the keys scripts read;
/// French names perpetrator types, flags and statuses in its own words
/// (field names are the assessment file's, as written there).
pub fn to_text_in(d: &Diff, lang: Lang) -> String {
    let perp = |k: &str| match (lang, crate::model::PerpetratorType::from_key(k)) {
        (Lang::Fr, Some(p)) => p.label_in(lang).to_string(),
        _ => k.to_string(),
    };
    let flag = |k: &str| match (lang, Flag::ALL.iter().find(|f| f.key() == k)) {
        (Lang::Fr, Some(f)) => f.label_in(lang).to_string(),
        _ => k.to_string(),
    };
    let status = |k: Option<BenchmarkStatus>| match (lang, k) {
        (_, None) => "(absent)",
        (Lang::En, Some(k)) => k.key(),
        (Lang::Fr, Some(k)) => k.label_in(lang),
    };
    let mut out = String::new();
    if d.is_empty() {
        out.push_str(l!(lang, "No change.\n", "Aucun changement.\n"));
        return out;
    }
    let (added, removed, changed, fl, bm, cell) = match lang {
        Lang::En => (
            "added  ",
            "removed",
            "changed",
            "flag     ",
            "benchmark",
            "cell     ",
        ),
        Lang::Fr => (
            "ajoutée",
            "retirée",
            "modifiée",
            "vigilance",
            "jalon    ",
            "cellule  ",
        ),
    };
    let in_ = l!(lang, "in", "dans");
    for (what, entries) in [(added, &d.added), (removed, &d.removed)] {
        for e in entries {
            out.push_str(&format!(
                "{what}   #{} {} {in_} {}\n",
                e.id,
                perp(&e.perpetrator),
                e.regions.join(", ")
            ));
        }
    }
    let c = crate::i18n::colon(lang);
    for ch in &d.changed {
        out.push_str(&format!(
            "{changed}   #{} {}{c} {} → {}\n",
            ch.id, ch.field, ch.old, ch.new
        ));
    }
    let (raised, cleared) = l!(lang, ("raised", "cleared"), ("déclenchée", "levée"));
    for f in &d.flags.raised {
        out.push_str(&format!("{fl} #{} {} {raised}\n", f.id, flag(&f.flag)));
    }
    for f in &d.flags.cleared {
        out.push_str(&format!("{fl} #{} {} {cleared}\n", f.id, flag(&f.flag)));
    }
    for b in &d.benchmarks {
        out.push_str(&format!(
            "{bm} {}{c} {} → {}\n",
            b.name,
            status(b.old_status),
            status(b.new_status)
        ));
    }
    for ch in &d.cells {
        let region = crate::model::region::region_label(&ch.region, lang);
        out.push_str(&match lang {
            Lang::En => format!(
                "{cell} {} × {region}: events {} → {}, civilian fatalities {} → {}\n",
                ch.perpetrator, ch.old_events, ch.new_events, ch.old_fatalities, ch.new_fatalities
            ),
            Lang::Fr => format!(
                "{cell} {} × {region} : événements {} → {}, civils tués {} → {}\n",
                perp(&ch.perpetrator),
                ch.old_events,
                ch.new_events,
                ch.old_fatalities,
                ch.new_fatalities
            ),
        });
    }
    out
}
