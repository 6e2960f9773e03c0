//! One suppression pattern for the whole shared annex (METHODOLOGY §6).
//!
//! Above `internal`, every count the annex prints about civilian harm is a
//! *figure* here, written as a sum of *atoms*: the unknown number of events
//! (or civilian fatalities) of one perpetrator type, in one region, in one
//! stretch of time. The stretches are cut at every date a printed figure
//! starts or ends (the period, the trend windows, the monthly chart,
//! each benchmark's window), so that the events matrix, the trend tables,
//! the kinds of harm, the months of the chart and the benchmark values all
//! speak about the same unknowns, as they do for a reader who sets them side
//! by side. Months are tied to the stretches through one unknown per part of
//! a month in a stretch, and kinds of harm through their total; both ties
//! lose nothing, since any counts that add up right could lie behind them.
//!
//! `Pattern::new` protects each table on its own first (`disclosure.rs`),
//! then audits every `<k` figure against all the others together and
//! withholds further figures, cheapest first, until every `<k` keeps the
//! whole range 1…k−1. The section builders print cells from here, and
//! derive every other number (trend labels, shares, flags, prose) from what
//! is printed, never from the counts behind a withheld cell.

use super::audit::{Fact, System, Terms};
use super::disclosure::{Mark, cell_fact, is_small, protect, protect_list};
use crate::analysis::matrix::for_each_selected;
use crate::analysis::{Filter, RegionLevel, ThreatMatrix, Workspace};
use crate::assessment::review::Review;
use crate::assessment::{Assessment, BenchmarkMetric};
use crate::model::dates::day_number;
use crate::model::{HarmKind, PerpetratorType};
use chrono::{Datelike, Months, NaiveDate};

/// Printed figures in one group share a table (or a chart): the greedy pass
/// prefers withholding more of the same table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Group {
    Events,
    Fatalities,
    Violations,
    Victims,
    TrendTypes,
    TrendRegions,
    Effects,
    Monthly,
    Benchmarks,
}

/// One printed count.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Figure {
    pub value: u64,
    pub mark: Mark,
    /// The atoms it adds up; empty when it cannot be written over them
    /// (then it is its own unknown, tied to nothing).
    pub terms: Terms,
    pub group: Group,
    /// A total of its table (withheld last).
    pub total: bool,
}

/// The months of the monthly chart as figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct MonthlyIds {
    pub labels: Vec<String>,
    pub ids: Vec<usize>,
    pub total: Option<usize>,
}

/// Everything printed about civilian-harm counts above `internal`, with
/// what may be shown of each.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Pattern {
    pub k: u32,
    pub figures: Vec<Figure>,
    /// Ties between atoms (months and kinds of harm to the stretches).
    pub links: Vec<Fact>,
    pub vars: usize,
    /// (R+1)×(C+1) figure ids of the events matrix: regions × types, totals last.
    pub events: Vec<Vec<usize>>,
    pub fatalities: Vec<Vec<usize>>,
    /// The same for violations and victims (monitoring logs, METHODOLOGY
    /// §7); empty when no monitoring log is loaded.
    pub violations: Vec<Vec<usize>>,
    pub victims: Vec<Vec<usize>>,
    /// Per matrix type: recent events, previous events, recent fatalities.
    pub trend_types: Vec<[usize; 3]>,
    /// Per matrix region: the same.
    pub trend_regions: Vec<[usize; 3]>,
    /// Kinds of harm (HarmKind order) then the total: events, fatalities.
    pub effects_events: Vec<usize>,
    pub effects_fatalities: Vec<usize>,
    pub monthly: MonthlyIds,
    /// Per benchmark: its value at the as-of date.
    pub benchmarks: Vec<Option<usize>>,
    /// When the audit must be done by (the document's final audit too).
    pub deadline: Option<std::time::Instant>,
    /// The audit ran out of time: nothing may be shared from it.
    pub over_time: bool,
    /// Unknowns `0..atoms` are the atoms; `atoms..vars` the ties' own
    /// (kinds of harm, parts of months).
    pub atoms: usize,
    stretches: usize,
    regions: usize,
    /// More than `DECOUPLED_REGIONS` regions: every figure over more than
    /// one region is withheld, and the audit is split by region.
    pub decoupled: bool,
}

/// The largest threat matrix (regions × perpetrator types) the audit takes
/// above `internal`; a larger one is refused with a message (filter to
/// fewer regions, or share at `internal`).
pub const MAX_AUDITED_CELLS: usize = 600;

/// The time the audit (the pattern and the document's final audit
/// together) is given; past it the export above internal is refused. The
/// linear programmes of a large table with many small counts grow faster
/// than the table (145 regions × 4 types of scattered counts took a
/// minute).
pub const AUDIT_SECONDS: u64 = 8;

/// `AUDIT_SECONDS`, or `POC_AUDIT_SECONDS` where set; a debug build (the
/// tests') is about ten times slower and is given ten times as long.
pub fn audit_seconds() -> u64 {
    std::env::var("POC_AUDIT_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) {
            AUDIT_SECONDS * 10
        } else {
            AUDIT_SECONDS
        })
}

/// Above this many regions a shared annex withholds every figure over
/// more than one region (`Pattern::decoupled`).
pub const DECOUPLED_REGIONS: usize = 40;

/// How many candidate choices the document pass may weigh (each one is a
/// linear programme or two) before it falls back to withholding whole
/// tables: bounds the time an export can take on any data.
const SOLVE_BUDGET: usize = 1_500;

/// How a candidate for withholding is ranked: not sharing unknowns with
/// the target, not in its table, kind (0 `<k` total, 1 shown, 2 other
/// `<k`), a total, its value; smaller first.
type CandidateKey = (bool, bool, u8, bool, u64);

/// The four kinds of harm of the effects table, in its order.
pub(super) const KINDS: [HarmKind; 4] = [
    HarmKind::Violence,
    HarmKind::SexualViolence,
    HarmKind::Abduction,
    HarmKind::Other,
];

/// Atoms: per measure (0 events, 1 fatalities, and with monitoring logs
/// 2 violations, 3 victims), type row, region column and stretch, a
/// variable and its true value.
struct Atoms {
    measures: usize,
    types: usize,
    regions: usize,
    /// First day of each stretch; the last ends on the as-of date.
    starts: Vec<i32>,
    end: i32,
    var: Vec<usize>,
    value: Vec<u64>,
}

impl Atoms {
    /// The atoms of the pattern: stretches cut at every date a printed
    /// figure starts (the period, the trend windows, the chart, each
    /// benchmark's window), one variable each, and their true values.
    fn build(inp: &Inputs, period_from: i32, sys: &mut System) -> Atoms {
        let m = inp.matrix;
        let (nt, nr) = (m.perpetrators.len(), m.regions.len());
        let day = |d: NaiveDate| day_number(d);
        // Stretch starts.
        let mut starts = vec![
            period_from,
            day(m.windows.recent.0),
            day(m.windows.previous.0),
            day(inp.chart_from),
        ];
        if let Some(a) = inp.a {
            starts.extend(
                a.benchmarks
                    .iter()
                    .map(|b| benchmark_start(inp.as_of, b.window_months)),
            );
        }
        // Month starts inside the chart, so months can be tied to stretches.
        let end = day(inp.as_of);
        starts.retain(|s| *s <= end);
        starts.sort_unstable();
        starts.dedup();
        let nstretch = starts.len().max(1);
        let measures = if monitoring_measures(inp.ws) { 4 } else { 2 };
        let mut atoms = Atoms {
            measures,
            types: nt,
            regions: nr,
            starts,
            end,
            var: Vec::new(),
            value: vec![0; measures * nt * nr * nstretch],
        };
        atoms.var = (0..atoms.value.len()).map(|_| sys.var()).collect();
        atoms.count(inp);
        atoms
    }

    /// What a reader knows of violations beside events: an incident holds
    /// at most one violation of each type, so in every atom
    /// violations ≤ 15 × events (and none where there is no event).
    fn ties(&self) -> Vec<Fact> {
        if self.measures < 4 {
            return Vec::new();
        }
        let most = crate::model::monitoring::ViolationType::ALL.len() as f64;
        let mut out = Vec::new();
        for t in 0..self.types {
            for r in 0..self.regions {
                for s in 0..self.starts.len() {
                    let ev = self.var[self.index(0, t, r, s)];
                    let vi = self.var[self.index(2, t, r, s)];
                    out.push(Fact {
                        terms: vec![(ev, most), (vi, -1.0)],
                        lo: 0.0,
                        hi: f64::INFINITY,
                    });
                }
            }
        }
        out
    }

    /// True values of the atoms: the same loop every count uses.
    fn count(&mut self, inp: &Inputs) {
        let m = inp.matrix;
        let table = inp.ws.regions(RegionLevel::Admin1);
        let place: std::collections::HashMap<&str, usize> = m
            .regions
            .iter()
            .enumerate()
            .map(|(i, r)| (r.as_str(), i))
            .collect();
        let col_of: Vec<Option<usize>> = table
            .names
            .iter()
            .map(|n| place.get(n.as_str()).copied())
            .collect();
        let mut row_of = [None; PerpetratorType::COUNT];
        for (i, t) in m.perpetrators.iter().enumerate() {
            row_of[*t as usize] = Some(i);
        }
        let all = Filter {
            level: RegionLevel::Admin1,
            verified_only: inp.filter.verified_only,
            ..Default::default()
        };
        let monitoring = self.measures == 4;
        for_each_selected(inp.ws, &all, |(d, i), r, t, _| {
            let inc = &inp.ws.datasets[d].incidents;
            if !inc.civilian_harm[i] {
                return;
            }
            let (Some(Some(c)), Some(row), Some(s)) = (
                col_of.get(r as usize),
                row_of[t as usize],
                self.stretch(inc.date[i]),
            ) else {
                return;
            };
            let e = self.index(0, row, *c, s);
            self.value[e] += 1;
            let f = self.index(1, row, *c, s);
            self.value[f] += u64::from(inc.civilian_fatalities[i]);
            if monitoring && !inc.monitoring.is_empty() {
                let v = self.index(2, row, *c, s);
                self.value[v] += u64::from(inc.monitoring.violations_at(i).count_ones());
                let p = self.index(3, row, *c, s);
                self.value[p] += u64::from(inc.monitoring.victims_at(i).0);
            }
        });
    }

    fn index(&self, measure: usize, t: usize, r: usize, s: usize) -> usize {
        ((measure * self.types + t) * self.regions + r) * self.starts.len() + s
    }

    fn stretch(&self, day: i32) -> Option<usize> {
        if day > self.end || self.starts.first().is_none_or(|f| day < *f) {
            return None;
        }
        Some(self.starts.partition_point(|s| *s <= day) - 1)
    }

    /// The stretches inside `[from, to]` (day numbers, inclusive); the
    /// bounds are stretch starts and ends by construction.
    fn stretches(&self, from: i32, to: i32) -> Vec<usize> {
        (0..self.starts.len())
            .filter(|&s| {
                let end = self.starts.get(s + 1).map_or(self.end, |n| n - 1);
                self.starts[s] >= from && end <= to
            })
            .collect()
    }

    fn terms(&self, measure: usize, ts: &[usize], rs: &[usize], ss: &[usize]) -> (Terms, u64) {
        let mut terms = Vec::new();
        let mut total = 0;
        for &t in ts {
            for &r in rs {
                for &s in ss {
                    let i = self.index(measure, t, r, s);
                    terms.push((self.var[i], 1.0));
                    total += self.value[i];
                }
            }
        }
        (terms, total)
    }
}

/// Whether a monitoring log is loaded: its violations and victims are
/// printed, and audited, as matrices of their own.
fn monitoring_measures(ws: &Workspace) -> bool {
    ws.datasets
        .iter()
        .any(|d| !d.incidents.monitoring.is_empty())
}

/// What the pattern is built from.
pub(crate) struct Inputs<'a> {
    pub ws: &'a Workspace,
    pub a: Option<&'a Assessment>,
    pub review: Option<&'a Review>,
    pub filter: &'a Filter,
    pub matrix: &'a ThreatMatrix,
    pub as_of: NaiveDate,
    pub chart_from: NaiveDate,
    pub months: &'a [(String, u64)],
    pub effects: ([u64; 4], [u64; 4]),
    pub k: u32,
    /// When the audit must be done by (`None`: no limit).
    pub deadline: Option<std::time::Instant>,
}

impl Pattern {
    /// Builds and secures the pattern.
    pub fn new(inp: &Inputs) -> Pattern {
        let m = inp.matrix;
        let mut sys = System::new();
        let day = |d: NaiveDate| day_number(d);
        let period_from = inp
            .filter
            .from
            .map(day)
            .or_else(|| inp.ws.earliest_date())
            .unwrap_or_else(|| day(inp.as_of));
        let atoms = Atoms::build(inp, period_from, &mut sys);
        let end = atoms.end;
        let mut p = Pattern {
            k: inp.k,
            figures: Vec::new(),
            links: Vec::new(),
            vars: 0,
            events: Vec::new(),
            fatalities: Vec::new(),
            violations: Vec::new(),
            victims: Vec::new(),
            trend_types: Vec::new(),
            trend_regions: Vec::new(),
            effects_events: Vec::new(),
            effects_fatalities: Vec::new(),
            monthly: MonthlyIds::default(),
            benchmarks: Vec::new(),
            deadline: inp.deadline,
            over_time: false,
            atoms: 0,
            stretches: 1,
            regions: 1,
            decoupled: false,
        };
        let all_t: Vec<usize> = (0..m.perpetrators.len()).collect();
        let all_r: Vec<usize> = (0..m.regions.len()).collect();
        let in_period = atoms.stretches(period_from, end);
        // 1. The matrices, each protected as a table, and what ties
        // violations to events.
        p.add_matrices(&atoms, inp, &in_period);
        p.links.extend(atoms.ties());
        // 2. Trend tables.
        p.add_trends(&atoms, inp);
        // 3. Kinds of harm: one unknown per kind, tied to the period's total.
        p.add_effects(&mut sys, &atoms, inp, &in_period);
        // 4. Months of the chart: parts of months in stretches, tied to them.
        p.monthly = months(&mut p, &mut sys, &atoms, inp, &all_t, &all_r);
        // 5. Benchmark values at the as-of date.
        p.add_benchmarks(&atoms, inp);
        p.vars = sys.vars();
        p.atoms = atoms.value.len();
        p.stretches = atoms.starts.len().max(1);
        p.regions = atoms.regions.max(1);
        if atoms.regions > DECOUPLED_REGIONS {
            // Totals over regions, trends by type, kinds of harm, the
            // monthly chart and national benchmarks tie every region to
            // every other: the audit's programmes would span the whole
            // table, and their cost grows much faster than it (145 regions
            // took a minute). Withheld, they leave each region's figures
            // to be audited on their own, in time linear in the regions.
            p.decoupled = true;
            for i in 0..p.figures.len() {
                if !p.local(&p.figures[i].terms) {
                    p.figures[i].mark = Mark::Hidden;
                }
            }
        }
        let debug = std::env::var_os("POC_DEBUG_PATTERN").is_some();
        let count = |p: &Pattern| p.figures.iter().filter(|f| f.mark == Mark::Hidden).count();
        if debug {
            eprintln!(
                "pattern: {} figures, {} withheld (x) before the document pass",
                p.figures.len(),
                count(&p)
            );
        }
        p.secure();
        if debug {
            eprintln!("pattern: {} withheld (x) after", count(&p));
        }
        p
    }

    /// The events and fatalities matrices, each protected as a table:
    /// (R+1)×(C+1) figures over the period's stretches, totals last.
    fn add_matrices(&mut self, atoms: &Atoms, inp: &Inputs, in_period: &[usize]) {
        let m = inp.matrix;
        let (nt, nr) = (m.perpetrators.len(), m.regions.len());
        let all_t: Vec<usize> = (0..nt).collect();
        let all_r: Vec<usize> = (0..nr).collect();
        let groups = [
            Group::Events,
            Group::Fatalities,
            Group::Violations,
            Group::Victims,
        ];
        for (measure, group) in groups.into_iter().enumerate().take(atoms.measures) {
            let interior: Vec<Vec<u64>> = (0..nr)
                .map(|r| {
                    (0..nt)
                        .map(|t| {
                            let c = &m.cells[t][r];
                            match measure {
                                0 => c.events,
                                1 => c.civilian_fatalities,
                                2 => c.violations,
                                _ => c.victims,
                            }
                        })
                        .collect()
                })
                .collect();
            let prot = protect(&interior, inp.k, true);
            let mut ids = Vec::new();
            for r in 0..=nr {
                let rs = if r < nr { vec![r] } else { all_r.clone() };
                let mut line = Vec::new();
                for t in 0..=nt {
                    let ts = if t < nt { vec![t] } else { all_t.clone() };
                    let (terms, _) = atoms.terms(measure, &ts, &rs, in_period);
                    line.push(self.add(
                        prot.values[r][t],
                        prot.marks[r][t],
                        terms,
                        group,
                        r == nr || t == nt,
                        atoms,
                    ));
                }
                ids.push(line);
            }
            match measure {
                0 => self.events = ids,
                1 => self.fatalities = ids,
                2 => self.violations = ids,
                _ => self.victims = ids,
            }
        }
    }

    /// Trend tables: recent and previous events, recent fatalities, per
    /// type and per region (primary suppression; the document pass adds
    /// what they need together), and the fact that a listed region had
    /// events in the last 12 months.
    fn add_trends(&mut self, atoms: &Atoms, inp: &Inputs) {
        let m = inp.matrix;
        let (nt, nr) = (m.perpetrators.len(), m.regions.len());
        let all_t: Vec<usize> = (0..nt).collect();
        let all_r: Vec<usize> = (0..nr).collect();
        let day = |d: NaiveDate| day_number(d);
        let recent = atoms.stretches(day(m.windows.recent.0), atoms.end);
        let previous = atoms.stretches(day(m.windows.previous.0), day(m.windows.previous.1));
        let trend = |p: &mut Pattern, ts: &[usize], rs: &[usize], group: Group| -> [usize; 3] {
            let mut out = [0; 3];
            for (slot, (measure, window)) in [(0, &recent), (0, &previous), (1, &recent)]
                .into_iter()
                .enumerate()
            {
                let (terms, value) = atoms.terms(measure, ts, rs, window);
                out[slot] = p.add(value, primary(value, inp.k), terms, group, false, atoms);
            }
            out
        };
        self.trend_types = (0..nt)
            .map(|t| trend(self, &[t], &all_r, Group::TrendTypes))
            .collect();
        self.trend_regions = (0..nr)
            .map(|r| trend(self, &all_t, &[r], Group::TrendRegions))
            .collect();
        // The by-region trend table lists the regions with events in the
        // last 12 months: being listed says recent + previous ≥ 1.
        let twelve: Vec<usize> = recent.iter().chain(&previous).copied().collect();
        for r in 0..nr {
            let c = &m.column_totals[r];
            if c.recent_events + c.previous_events > 0 {
                let (terms, _) = atoms.terms(0, &all_t, &[r], &twelve);
                self.links.push(Fact {
                    terms,
                    lo: 1.0,
                    hi: f64::INFINITY,
                });
            }
        }
    }

    /// Kinds of harm, events and fatalities: one unknown per kind, tied to
    /// the period's total over the atoms.
    fn add_effects(&mut self, sys: &mut System, atoms: &Atoms, inp: &Inputs, in_period: &[usize]) {
        let all_t: Vec<usize> = (0..atoms.types).collect();
        let all_r: Vec<usize> = (0..atoms.regions).collect();
        let (ev_kinds, fat_kinds) = inp.effects;
        for (measure, values) in [(0, ev_kinds), (1, fat_kinds)] {
            let (cells, total) = protect_list(&values, inp.k, true);
            let kind_vars: Vec<usize> = (0..KINDS.len()).map(|_| sys.var()).collect();
            let (mut tie, _) = atoms.terms(measure, &all_t, &all_r, in_period);
            for t in &mut tie {
                t.1 = -1.0;
            }
            tie.extend(kind_vars.iter().map(|v| (*v, 1.0)));
            self.links.push(Fact {
                terms: tie,
                lo: 0.0,
                hi: 0.0,
            });
            let mut ids: Vec<usize> = values
                .iter()
                .zip(&cells)
                .zip(&kind_vars)
                .map(|((v, c), var)| {
                    self.add_unchecked(*v, mark_of(c), vec![(*var, 1.0)], Group::Effects, false)
                })
                .collect();
            ids.push(self.add_unchecked(
                values.iter().sum(),
                mark_of(&total),
                kind_vars.iter().map(|v| (*v, 1.0)).collect(),
                Group::Effects,
                true,
            ));
            if measure == 0 {
                self.effects_events = ids;
            } else {
                self.effects_fatalities = ids;
            }
        }
    }

    /// Each benchmark's value at the as-of date, over its window.
    fn add_benchmarks(&mut self, atoms: &Atoms, inp: &Inputs) {
        let (Some(a), Some(rv)) = (inp.a, inp.review) else {
            return;
        };
        let m = inp.matrix;
        self.benchmarks = a
            .benchmarks
            .iter()
            .zip(&rv.benchmarks)
            .map(|(b, br)| {
                // An empty list in a benchmark means all of them.
                let ts = positions(&m.perpetrators, &b.perpetrators);
                let rs = positions(&m.regions, &b.regions);
                let measure = match b.metric {
                    BenchmarkMetric::CivilianHarmEvents => 0,
                    BenchmarkMetric::CivilianFatalities => 1,
                };
                let from = benchmark_start(inp.as_of, b.window_months);
                let ss = atoms.stretches(from, atoms.end);
                let (terms, _) = atoms.terms(measure, &ts, &rs, &ss);
                Some(self.add(
                    br.value,
                    primary(br.value, inp.k),
                    terms,
                    Group::Benchmarks,
                    false,
                    atoms,
                ))
            })
            .collect();
    }

    /// Adds a figure whose terms are checked against the atoms' true
    /// values: a figure the atoms do not add up to (a count the atoms do
    /// not describe) is kept as its own unknown instead.
    fn add(
        &mut self,
        value: u64,
        mark: Mark,
        terms: Terms,
        group: Group,
        total: bool,
        atoms: &Atoms,
    ) -> usize {
        // Atoms are the first unknowns of the system, so a variable is its
        // atom's index.
        let sum: u64 = terms
            .iter()
            .map(|(v, _)| atoms.value.get(*v).copied().unwrap_or(0))
            .sum();
        let terms = if sum == value && !terms.is_empty() {
            terms
        } else {
            Vec::new()
        };
        self.add_unchecked(value, mark, terms, group, total)
    }

    fn add_unchecked(
        &mut self,
        value: u64,
        mark: Mark,
        terms: Terms,
        group: Group,
        total: bool,
    ) -> usize {
        self.figures.push(Figure {
            value,
            mark,
            terms,
            group,
            total,
        });
        self.figures.len() - 1
    }

    /// The region of an atom's unknown; `None` for other unknowns.
    fn region_of(&self, v: usize) -> Option<usize> {
        (v < self.atoms).then(|| (v / self.stretches) % self.regions)
    }

    /// Whether a figure speaks of one region only (or of nothing tied).
    fn local(&self, terms: &Terms) -> bool {
        let mut region = None;
        for (v, _) in terms {
            match (self.region_of(*v), region) {
                (None, _) => return false,
                (Some(r), Some(q)) if r != q => return false,
                (Some(r), _) => region = Some(r),
            }
        }
        true
    }

    /// Whether terms use the ties' own unknowns (kinds, parts of months).
    fn uses_tie_unknowns(&self, terms: &Terms) -> bool {
        terms
            .iter()
            .any(|(v, _)| *v >= self.atoms && *v < self.vars)
    }

    /// The system a reader sees: the ties, and every printed figure
    /// (figures with no terms get an unknown of their own); with or
    /// without the ties that bring in unknowns of their own. Leaving them out is exact for a question over atoms only when
    /// every figure over those unknowns is withheld (no fact holds them
    /// but the tie, which any atoms then satisfy): so only when decoupled.
    fn system_with(&self, all_links: bool) -> (System, Vec<Terms>) {
        let mut s = System::new();
        for _ in 0..self.vars {
            s.var();
        }
        for l in &self.links {
            if !all_links && self.uses_tie_unknowns(&l.terms) {
                continue;
            }
            s.range(l.terms.clone(), l.lo, l.hi);
        }
        let mut terms = Vec::with_capacity(self.figures.len());
        for f in &self.figures {
            let t = if f.terms.is_empty() {
                vec![(s.var(), 1.0)]
            } else {
                f.terms.clone()
            };
            cell_fact(&mut s, t.clone(), f.value, f.mark, self.k);
            terms.push(t);
        }
        (s, terms)
    }

    /// The `<k` figures that do not keep their whole range, with it.
    /// `None` when the deadline passed first.
    pub fn failures(&self) -> Option<Vec<(usize, super::audit::Range)>> {
        // Every count in 1..k−1 that is withheld: a `<k` must keep its
        // whole range, an `x` (a `<k` total over `<k` parts) must not be
        // known exactly.
        let targets: Vec<usize> = (0..self.figures.len())
            .filter(|&i| {
                let f = &self.figures[i];
                f.mark == Mark::Small || (f.mark == Mark::Hidden && is_small(f.value, self.k))
            })
            .collect();
        if !self.decoupled {
            return self.failures_in(&self.system_with(true), &targets);
        }
        let (full, split): (Vec<usize>, Vec<usize>) = targets
            .into_iter()
            .partition(|&i| self.uses_tie_unknowns(&self.figures[i].terms));
        let mut out = self.failures_in(&self.system_with(false), &split)?;
        if !full.is_empty() {
            out.extend(self.failures_in(&self.system_with(true), &full)?);
        }
        out.sort_by_key(|(i, _)| *i);
        Some(out)
    }

    /// `failures` of `targets` in one system.
    fn failures_in(
        &self,
        (s, terms): &(System, Vec<Terms>),
        targets: &[usize],
    ) -> Option<Vec<(usize, super::audit::Range)>> {
        let asked: Vec<(Terms, u64)> = targets
            .iter()
            .filter(|i| self.figures[**i].mark == Mark::Small)
            .map(|i| (terms[*i].clone(), self.figures[*i].value))
            .collect();
        let mut small_short = s.shortfalls_by(&asked, self.k, self.deadline)?.into_iter();
        let short: Vec<u64> = targets
            .iter()
            .map(|i| {
                if self.figures[*i].mark == Mark::Small {
                    small_short.next().unwrap_or(0)
                } else {
                    u64::from(s.range_of(&terms[*i]).is_some_and(|r| r.hi == Some(r.lo)))
                }
            })
            .collect();
        Some(
            targets
                .iter()
                .zip(short)
                .filter(|(_, sh)| *sh > 0)
                .filter_map(|(i, _)| s.range_of(&terms[*i]).map(|r| (*i, r)))
                .collect(),
        )
    }

    /// Withholds further figures until every `<k` figure passes: for a
    /// failing one, the shown figures that share unknowns with it are tried
    /// cheapest first (same table, not a total, not zero, smallest value).
    fn secure(&mut self) {
        // Withholding only widens what a reader can deduce, so a figure
        // that passes stays passed: one sweep over the failures secures
        // them all (the final audit of the document checks it again).
        let mut budget = SOLVE_BUDGET;
        let Some(failures) = self.failures() else {
            self.over_time = true;
            return;
        };
        for (target, r) in failures {
            if std::env::var_os("POC_DEBUG_PATTERN").is_some() {
                let f = &self.figures[target];
                eprintln!(
                    "fail {target} {:?} value {} range {:?} terms {}",
                    f.group,
                    f.value,
                    r,
                    f.terms.len()
                );
            }
            self.secure_one(target, &mut budget);
            if self.late() {
                self.over_time = true;
                return;
            }
        }
    }

    /// Whether the audit's time is up.
    fn late(&self) -> bool {
        self.deadline.is_some_and(|d| std::time::Instant::now() > d)
    }

    fn passes(&self, target: usize) -> bool {
        self.shortfall(target) == 0
    }

    fn secure_one(&mut self, target: usize, budget: &mut usize) {
        while !self.passes(target) {
            if self.late() {
                return;
            }
            if *budget == 0 {
                // Out of time for a careful choice: withhold the rest of
                // the target's own table and those that share unknowns
                // with it (the final audit still decides).
                let mine: std::collections::BTreeSet<usize> =
                    self.figures[target].terms.iter().map(|t| t.0).collect();
                let group = self.figures[target].group;
                for (i, f) in self.figures.iter_mut().enumerate() {
                    if i != target
                        && f.mark == Mark::Shown
                        && (f.group == group || f.terms.iter().any(|t| mine.contains(&t.0)))
                    {
                        f.mark = Mark::Hidden;
                    }
                }
                return;
            }
            let mine: std::collections::BTreeSet<usize> =
                self.figures[target].terms.iter().map(|t| t.0).collect();
            let group = self.figures[target].group;
            // Candidates: its own table first (a withheld count needs a
            // partner in the same table), then figures that share unknowns
            // with it; within them a `<k` total printed as `x`
            // (a `<k` total over `<k` parts caps them; `x` says less), then
            // a shown count withheld, then any other `<k` printed as `x`;
            // not totals; smallest values.
            let mut candidates: Vec<(usize, CandidateKey)> = self
                .figures
                .iter()
                .enumerate()
                .filter(|(i, f)| {
                    *i != target
                        && (f.mark == Mark::Small || (f.mark == Mark::Shown && f.value > 0))
                })
                .map(|(i, f)| {
                    let near = f.terms.iter().any(|t| mine.contains(&t.0));
                    let rank = match (f.mark, f.total) {
                        (Mark::Small, true) => 0,
                        (Mark::Shown, _) => 1,
                        _ => 2,
                    };
                    (i, (f.group != group, !near, rank, f.total, f.value))
                })
                .collect();
            candidates.sort_by_key(|(i, key)| (*key, *i));
            let Some(&(cheapest, _)) = candidates.first() else {
                // Nothing left that could help; the final audit refuses.
                return;
            };
            // The first candidate that gives the target its whole range;
            // failing that, the one that brings it closest; candidates that
            // change nothing are passed over (up to a bound on the work).
            let now = self.shortfall(target);
            let mut best: Option<(u64, usize)> = None;
            for (tried, &(i, _)) in candidates.iter().enumerate() {
                if tried >= 24 && (best.is_some_and(|(b, _)| b < now) || tried >= 64) {
                    break;
                }
                if *budget == 0 {
                    break;
                }
                *budget -= 1;
                let before = self.figures[i].mark;
                self.figures[i].mark = Mark::Hidden;
                let short = self.shortfall(target);
                self.figures[i].mark = before;
                if best.is_none_or(|(b, _)| short < b) {
                    best = Some((short, i));
                }
                if short == 0 {
                    break;
                }
            }
            let chosen = best.filter(|(b, _)| *b < now).map_or(cheapest, |(_, i)| i);
            self.figures[chosen].mark = Mark::Hidden;
        }
    }

    fn shortfall(&self, target: usize) -> u64 {
        let f = &self.figures[target];
        let (s, terms) = self.system_with(!self.decoupled || self.uses_tie_unknowns(&f.terms));
        match f.mark {
            Mark::Small => s.shortfall(&terms[target], f.value, self.k),
            Mark::Hidden if is_small(f.value, self.k) => u64::from(
                s.range_of(&terms[target])
                    .is_some_and(|r| r.hi == Some(r.lo)),
            ),
            _ => 0,
        }
    }

    /// A figure as printed.
    pub fn cell(&self, id: usize) -> super::Cell {
        let f = &self.figures[id];
        match f.mark {
            Mark::Shown => super::Cell::Count(f.value),
            Mark::Small => super::Cell::Small(self.k),
            Mark::Hidden => super::Cell::Hidden,
        }
    }
}

/// The first day of a benchmark's window of `months` ending on `as_of`.
fn benchmark_start(as_of: NaiveDate, months: u32) -> i32 {
    as_of
        .checked_sub_months(Months::new(months))
        .map_or(day_number(as_of), |d| day_number(d.succ_opt().unwrap_or(d)))
}

/// The positions in `all` of the items `chosen` names; every position when
/// `chosen` is empty.
fn positions<T: PartialEq>(all: &[T], chosen: &[T]) -> Vec<usize> {
    (0..all.len())
        .filter(|i| chosen.is_empty() || chosen.contains(&all[*i]))
        .collect()
}

fn primary(v: u64, k: u32) -> Mark {
    if is_small(v, k) {
        Mark::Small
    } else {
        Mark::Shown
    }
}

fn mark_of(c: &super::Cell) -> Mark {
    match c {
        super::Cell::Small(_) => Mark::Small,
        super::Cell::Hidden => Mark::Hidden,
        _ => Mark::Shown,
    }
}

/// The chart's months as figures: each month is the sum of its parts in
/// the stretches it overlaps, and each stretch inside the chart ties the
/// parts of its months to its atoms (months before the first month shown
/// hold no event, so the ties are exact).
fn months(
    p: &mut Pattern,
    sys: &mut System,
    atoms: &Atoms,
    inp: &Inputs,
    all_t: &[usize],
    all_r: &[usize],
) -> MonthlyIds {
    let chart_from = day_number(inp.chart_from);
    let chart = atoms.stretches(chart_from, atoms.end);
    let mut parts_of_stretch: Vec<Terms> = vec![Vec::new(); atoms.starts.len()];
    let mut out = MonthlyIds::default();
    let values: Vec<u64> = inp.months.iter().map(|(_, v)| *v).collect();
    let (cells, total) = protect_list(&values, inp.k, true);
    let mut all_parts = Vec::new();
    for ((label, value), cell) in inp.months.iter().zip(&cells) {
        let first = NaiveDate::parse_from_str(&format!("{label}-01"), "%Y-%m-%d").ok();
        let Some(first) = first else { continue };
        let last = first
            .checked_add_months(Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(first);
        let (a, b) = (
            day_number(first).max(chart_from),
            day_number(last).min(atoms.end),
        );
        let mut terms = Vec::new();
        for &s in &chart {
            let s_end = atoms.starts.get(s + 1).map_or(atoms.end, |n| n - 1);
            if atoms.starts[s] <= b && s_end >= a {
                let v = sys.var();
                parts_of_stretch[s].push((v, 1.0));
                terms.push((v, 1.0));
            }
        }
        all_parts.extend(terms.iter().copied());
        out.labels.push(label.clone());
        out.ids
            .push(p.add_unchecked(*value, mark_of(cell), terms, Group::Monthly, false));
    }
    for &s in &chart {
        let (mut tie, _) = atoms.terms(0, all_t, all_r, &[s]);
        for t in &mut tie {
            t.1 = -1.0;
        }
        tie.extend(parts_of_stretch[s].iter().copied());
        p.links.push(Fact {
            terms: tie,
            lo: 0.0,
            hi: 0.0,
        });
    }
    out.total = Some(p.add_unchecked(
        values.iter().sum(),
        mark_of(&total),
        all_parts,
        Group::Monthly,
        true,
    ));
    out
}

/// The first day of the monthly chart: 36 months to the as-of date's month,
/// or the period's start if later.
pub(super) fn chart_from(as_of: NaiveDate, period_from: Option<NaiveDate>) -> NaiveDate {
    let end = NaiveDate::from_ymd_opt(as_of.year(), as_of.month(), 1).unwrap_or(as_of);
    let start = end.checked_sub_months(Months::new(35)).unwrap_or(end);
    period_from.map_or(start, |f| f.max(start))
}
