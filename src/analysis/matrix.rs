//! The threat matrix (METHODOLOGY §3–5): civilian-harm events and civilian
//! fatalities by perpetrator type × region, with row and column totals, the
//! recent/previous windows behind each trend and suggestion, and the
//! state-perpetrated share. Computed in one pass over the column store; the
//! views only lay out the result.

use super::filter::{Filter, RegionLevel};
use super::scores::{Suggestion, Trend, WINDOW_MONTHS, suggest};
use super::workspace::{RowRef, Workspace};
use crate::model::dates::{day_number, from_day_number};
use crate::model::incident::HarmKind;
use crate::model::perpetrator::PerpetratorType;
use chrono::{Months, NaiveDate};
use serde::Serialize;

/// Counts for one perpetrator type × region (or a total).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct CellCounts {
    /// Civilian-harm events in the filter.
    pub events: u64,
    /// Civilian fatalities in the filter (unknown figures count as 0 here).
    pub civilian_fatalities: u64,
    /// Events whose fatalities are unknown.
    pub fatalities_unknown: u64,
    /// Events in the recent window (as-of − 6 months, as-of].
    pub recent_events: u64,
    /// Events in the previous window (as-of − 12 months, as-of − 6 months].
    pub previous_events: u64,
    /// Civilian fatalities in the recent window.
    pub recent_fatalities: u64,
    /// Sexual-violence or abduction events in the recent window.
    pub recent_sv_abduction: u64,
    /// Violations in the filter (monitoring logs only, METHODOLOGY §7).
    #[serde(skip_serializing_if = "is_zero")]
    pub violations: u64,
    /// Victims in the filter (monitoring logs only).
    #[serde(skip_serializing_if = "is_zero")]
    pub victims: u64,
    /// Monitoring records whose victim count could not be read.
    #[serde(skip_serializing_if = "is_zero")]
    pub victims_unknown: u64,
    /// Events in the filter that another source records too (each counted
    /// once, METHODOLOGY §8). Shown in the window only.
    #[serde(skip)]
    pub matched: u64,
    /// The data stop before the recent window ends (or start after it
    /// begins) in this cell's region, or in one of the regions of a total
    /// (METHODOLOGY §4 coverage).
    pub recent_uncovered: bool,
    /// The same for the previous window.
    pub previous_uncovered: bool,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl CellCounts {
    fn add(&mut self, o: &CellCounts) {
        self.violations += o.violations;
        self.victims += o.victims;
        self.victims_unknown += o.victims_unknown;
        self.events += o.events;
        self.civilian_fatalities += o.civilian_fatalities;
        self.fatalities_unknown += o.fatalities_unknown;
        self.recent_events += o.recent_events;
        self.previous_events += o.previous_events;
        self.recent_fatalities += o.recent_fatalities;
        self.recent_sv_abduction += o.recent_sv_abduction;
        self.matched += o.matched;
        self.recent_uncovered |= o.recent_uncovered;
        self.previous_uncovered |= o.previous_uncovered;
    }

    /// The trend between the two windows: `no data` where either window is
    /// not covered (METHODOLOGY §4).
    pub fn trend(&self) -> Trend {
        if self.recent_uncovered || self.previous_uncovered {
            Trend::NoData
        } else {
            Trend::classify(self.recent_events, self.previous_events)
        }
    }

    /// The suggested likelihood, impact and risk; none where the recent
    /// window is not covered (METHODOLOGY §4: `–`, not 1).
    pub fn suggestion(&self) -> Option<Suggestion> {
        (!self.recent_uncovered).then(|| {
            suggest(
                self.recent_events,
                self.recent_fatalities,
                self.recent_sv_abduction > 0,
            )
        })
    }
}

/// The two trend windows, as inclusive day-number ranges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Windows {
    pub as_of: NaiveDate,
    /// First and last day of the recent window.
    pub recent: (NaiveDate, NaiveDate),
    /// First and last day of the previous window.
    pub previous: (NaiveDate, NaiveDate),
}

impl Windows {
    /// METHODOLOGY §4: recent = (as_of − 6 months, as_of], previous =
    /// (as_of − 12 months, as_of − 6 months].
    pub fn ending(as_of: NaiveDate) -> Windows {
        let six = as_of
            .checked_sub_months(Months::new(WINDOW_MONTHS))
            .unwrap_or(as_of);
        let twelve = as_of
            .checked_sub_months(Months::new(2 * WINDOW_MONTHS))
            .unwrap_or(six);
        let next = |d: NaiveDate| d.succ_opt().unwrap_or(d);
        Windows {
            as_of,
            recent: (next(six), as_of),
            previous: (next(twelve), six),
        }
    }

    /// Whether `cov` covers the recent and the previous window: it starts on
    /// or before the window's first day and ends no more than 31 days before
    /// its last (METHODOLOGY §4).
    pub fn covered_by(&self, cov: &Coverage) -> (bool, bool) {
        let Some((first, last)) = cov.span else {
            return (false, false);
        };
        let covers =
            |(a, b): (NaiveDate, NaiveDate)| first <= day_number(a) && last + 31 >= day_number(b);
        (covers(self.recent), covers(self.previous))
    }

    fn days(&self) -> (i32, i32, i32) {
        (
            day_number(self.previous.0),
            day_number(self.recent.0),
            day_number(self.as_of),
        )
    }
}

/// The matrix for one filter.
#[derive(Debug, Clone, Serialize)]
pub struct ThreatMatrix {
    pub level: RegionLevel,
    /// Column labels: regions with at least one civilian-harm event in the
    /// filter, in alphabetical order ("(unknown)" last).
    pub regions: Vec<String>,
    /// Row labels: perpetrator types with at least one event, display order.
    pub perpetrators: Vec<PerpetratorType>,
    /// `cells[row][col]`, rows and columns as above.
    pub cells: Vec<Vec<CellCounts>>,
    pub row_totals: Vec<CellCounts>,
    pub column_totals: Vec<CellCounts>,
    pub total: CellCounts,
    /// Per column: state-forces events and fatalities, and attributed events
    /// and fatalities (all but unidentified and crossfire).
    pub state_share: Vec<StateShare>,
    pub state_share_total: StateShare,
    pub windows: Windows,
    /// Incidents the filter let through (all kinds, not only civilian harm).
    pub incidents_in_filter: u64,
    /// Per column: the region's coverage (METHODOLOGY §4).
    pub coverage: Vec<Coverage>,
    /// Per dataset: its file name and the span it covers, for saying which
    /// dataset stops early.
    pub dataset_spans: Vec<(String, Option<(i32, i32)>)>,
}

/// The dates the data cover in one region (METHODOLOGY §4): from the
/// earliest first row to the latest last row of the datasets with rows in
/// the region's country.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// First and last day numbers; none when no dataset covers the region.
    pub span: Option<(i32, i32)>,
    /// The datasets behind the span (indexes into the workspace).
    pub datasets: Vec<usize>,
}

/// The numbers behind a state-perpetrated share.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StateShare {
    pub state_events: u64,
    pub attributed_events: u64,
    pub state_fatalities: u64,
    pub attributed_fatalities: u64,
}

impl StateShare {
    /// State share of attributed events, 0–1; `None` with no attributed events.
    pub fn events_share(&self) -> Option<f64> {
        (self.attributed_events > 0)
            .then(|| self.state_events as f64 / self.attributed_events as f64)
    }

    /// State share of attributed civilian fatalities, 0–1.
    pub fn fatalities_share(&self) -> Option<f64> {
        (self.attributed_fatalities > 0)
            .then(|| self.state_fatalities as f64 / self.attributed_fatalities as f64)
    }
}

/// The as-of date: the given one, else the filter's end date, else the
/// latest incident in the data.
pub fn resolve_as_of(ws: &Workspace, filter: &Filter, as_of: Option<NaiveDate>) -> NaiveDate {
    as_of
        .or(filter.to)
        .or_else(|| ws.latest_date().and_then(from_day_number))
        .unwrap_or_default()
}

/// Calls `f` for every counted incident that passes the filter's
/// non-date conditions, with its row, region id, perpetrator type and whether
/// it is inside the date range. This is the one loop every count uses.
pub fn for_each_selected(
    ws: &Workspace,
    filter: &Filter,
    f: impl FnMut(RowRef, u32, PerpetratorType, bool),
) {
    for_each_selected_part(ws, filter, (0, 1), f);
}

/// `for_each_selected` over part `k` of `n` of every dataset's rows (for
/// splitting one pass across threads).
pub fn for_each_selected_part(
    ws: &Workspace,
    filter: &Filter,
    (k, n): (usize, usize),
    mut f: impl FnMut(RowRef, u32, PerpetratorType, bool),
) {
    let table = ws.regions(filter.level);
    let region_ok: Option<Vec<bool>> = filter
        .regions
        .as_ref()
        .map(|set| table.names.iter().map(|n| set.contains(n)).collect());
    let perp_ok: Option<[bool; PerpetratorType::COUNT]> = filter.perpetrators.as_ref().map(|set| {
        let mut a = [false; PerpetratorType::COUNT];
        for t in set {
            a[*t as usize] = true;
        }
        a
    });
    let event_masks = ws.event_type_mask(filter);
    let (from, to) = (
        filter.from.map_or(i32::MIN, day_number),
        filter.to.map_or(i32::MAX, day_number),
    );
    let violation_mask = filter.violation_mask();
    let max_time = filter.min_time_precision.map_or(u8::MAX, |p| p as u8);
    let max_geo = filter.min_geo_precision.map_or(u8::MAX, |p| p as u8);
    for (d, ds) in ws.datasets.iter().enumerate() {
        let inc = &ds.incidents;
        let regions = &table.of_row[d];
        let counted = &ws.counted[d];
        let types = ws.effective_types(d);
        let ev_mask = event_masks[d].as_deref();
        let chunk = inc.len().div_ceil(n.max(1));
        let rows = (k * chunk).min(inc.len())..((k + 1) * chunk).min(inc.len());
        for i in rows {
            if !counted[i] || inc.time_precision[i] > max_time || inc.geo_precision[i] > max_geo {
                continue;
            }
            if (filter.verified_only || violation_mask.is_some())
                && !monitoring_ok(&inc.monitoring, i, filter.verified_only, violation_mask)
            {
                continue;
            }
            let r = regions[i];
            if let Some(ok) = &region_ok
                && !ok[r as usize]
            {
                continue;
            }
            if let Some(m) = ev_mask
                && !m[inc.event_type[i] as usize]
            {
                continue;
            }
            let t = types[i];
            if let Some(ok) = &perp_ok
                && !ok[t as usize]
            {
                continue;
            }
            let t = PerpetratorType::from_index(t as usize).unwrap_or(PerpetratorType::Other);
            let day = inc.date[i];
            f((d, i), r, t, day >= from && day <= to);
        }
    }
}

/// Whether a row passes the monitoring conditions of a filter: verified
/// only, and the violation types asked for (a row of conflict-event data
/// has none, so it passes only the first).
fn monitoring_ok(
    m: &crate::model::monitoring::MonitoringColumns,
    i: usize,
    verified_only: bool,
    mask: Option<u16>,
) -> bool {
    use crate::model::monitoring::Verification;
    if m.is_empty() {
        return mask.is_none();
    }
    (!verified_only || m.verification_at(i) == Verification::Verified)
        && mask.is_none_or(|k| m.violations_at(i) & k != 0)
}

impl ThreatMatrix {
    /// Computes the matrix. `as_of` anchors the trend windows (see
    /// `resolve_as_of`); the windows look at incidents outside the filter's
    /// date range too, since a trend needs the year before the as-of date.
    pub fn compute(ws: &Workspace, filter: &Filter, as_of: Option<NaiveDate>) -> ThreatMatrix {
        let table = ws.regions(filter.level);
        let nreg = table.names.len();
        let windows = Windows::ending(resolve_as_of(ws, filter, as_of));
        let Counts {
            mut grid,
            shares,
            incidents_in_filter,
        } = Counts::count(ws, filter, nreg, &windows);
        let coverage = ws.coverage(filter.level);
        for (r, cov) in coverage.iter().enumerate().take(nreg) {
            let (recent, previous) = windows.covered_by(cov);
            for t in 0..PerpetratorType::COUNT {
                let c = &mut grid[t * nreg + r];
                c.recent_uncovered = !recent;
                c.previous_uncovered = !previous;
            }
        }
        // Keep rows and columns that have events in the filter or in the windows.
        let active = |c: &CellCounts| c.events > 0 || c.recent_events > 0 || c.previous_events > 0;
        let cols: Vec<usize> = (0..nreg)
            .filter(|&r| (0..PerpetratorType::COUNT).any(|t| grid[t * nreg + r].events > 0))
            .collect();
        let rows: Vec<usize> = (0..PerpetratorType::COUNT)
            .filter(|&t| cols.iter().any(|&r| active(&grid[t * nreg + r])))
            .collect();
        let cells: Vec<Vec<CellCounts>> = rows
            .iter()
            .map(|&t| cols.iter().map(|&r| grid[t * nreg + r]).collect())
            .collect();
        let mut row_totals = vec![CellCounts::default(); rows.len()];
        let mut column_totals = vec![CellCounts::default(); cols.len()];
        let mut total = CellCounts::default();
        for (ri, row) in cells.iter().enumerate() {
            for (ci, c) in row.iter().enumerate() {
                row_totals[ri].add(c);
                column_totals[ci].add(c);
                total.add(c);
            }
        }
        // The regions the filter asks for carry their coverage into the
        // totals even where they have no events: an entry of a type with no
        // events in a region whose data stop early is "no data", not
        // "stable, 1×1" (METHODOLOGY §4).
        if let Some(set) = &filter.regions {
            for (r, cov) in coverage.iter().enumerate().take(nreg) {
                if !set.contains(&table.names[r]) {
                    continue;
                }
                let (recent, previous) = windows.covered_by(cov);
                for t in row_totals.iter_mut().chain(std::iter::once(&mut total)) {
                    t.recent_uncovered |= !recent;
                    t.previous_uncovered |= !previous;
                }
            }
        }
        let state_share: Vec<StateShare> = cols.iter().map(|&r| shares[r]).collect();
        let mut state_share_total = StateShare::default();
        for s in &state_share {
            state_share_total.add(s);
        }
        ThreatMatrix {
            level: filter.level,
            regions: cols.iter().map(|&r| table.names[r].clone()).collect(),
            perpetrators: rows
                .iter()
                .filter_map(|&t| PerpetratorType::from_index(t))
                .collect(),
            cells,
            row_totals,
            column_totals,
            total,
            state_share,
            state_share_total,
            windows,
            incidents_in_filter,
            coverage: cols
                .iter()
                .map(|&r| coverage.get(r).cloned().unwrap_or_default())
                .collect(),
            dataset_spans: (0..ws.datasets.len())
                .map(|d| (ws.datasets[d].meta.display_name(), ws.dataset_span(d)))
                .collect(),
        }
    }

    /// The datasets behind column `c`'s coverage, as "name (first – last)",
    /// and the coverage's first and last day.
    pub fn coverage_text(&self, c: usize) -> (String, Option<(NaiveDate, NaiveDate)>) {
        self.coverage_text_named(c, &|d| {
            self.dataset_spans
                .get(d)
                .map_or_else(String::new, |(n, _)| n.clone())
        })
    }

    /// `coverage_text` with each dataset named by `name` (its index in the
    /// workspace): above `internal` the annex names publishers, never files
    /// (METHODOLOGY §6).
    pub fn coverage_text_named(
        &self,
        c: usize,
        name: &dyn Fn(usize) -> String,
    ) -> (String, Option<(NaiveDate, NaiveDate)>) {
        let Some(cov) = self.coverage.get(c) else {
            return (String::new(), None);
        };
        let day = |d: i32| from_day_number(d).map_or_else(String::new, |d| d.to_string());
        let names: Vec<String> = cov
            .datasets
            .iter()
            .filter_map(|&d| self.dataset_spans.get(d).map(|(_, span)| (name(d), span)))
            .map(|(name, span)| match span {
                Some((a, b)) => format!("{name} {} – {}", day(*a), day(*b)),
                None => name,
            })
            .collect();
        let span = cov
            .span
            .and_then(|(a, b)| Some((from_day_number(a)?, from_day_number(b)?)));
        (names.join("; "), span)
    }

    /// Which regions' data do not cover a trend window, and the datasets that
    /// stop early (METHODOLOGY §4), one note per group of regions with the same
    /// data.
    pub fn coverage_notes(&self) -> Vec<String> {
        self.coverage_notes_named(&|d| {
            self.dataset_spans
                .get(d)
                .map_or_else(String::new, |(n, _)| n.clone())
        })
    }

    /// `coverage_notes` with each dataset named by `name`.
    pub fn coverage_notes_named(&self, name: &dyn Fn(usize) -> String) -> Vec<String> {
        self.coverage_notes_in(crate::i18n::Lang::En, name)
    }

    /// `coverage_notes_named` in a language.
    pub fn coverage_notes_in(
        &self,
        lang: crate::i18n::Lang,
        name: &dyn Fn(usize) -> String,
    ) -> Vec<String> {
        use crate::{l, lf};
        let m = self;
        let mut groups: std::collections::BTreeMap<String, (Vec<&str>, bool)> =
            std::collections::BTreeMap::new();
        for (r, t) in m.column_totals.iter().enumerate() {
            if !(t.recent_uncovered || t.previous_uncovered) {
                continue;
            }
            let (sources, span) = m.coverage_text_named(r, name);
            let key = match span {
                Some((a, b)) => {
                    let (a, b) = (crate::i18n::date(lang, a), crate::i18n::date(lang, b));
                    lf!(lang, "{a} – {b} ({sources})", "du {a} au {b} ({sources})")
                }
                None => l!(lang, "no dataset", "aucun jeu de données").to_string(),
            };
            let g = groups.entry(key).or_default();
            g.0.push(&m.regions[r]);
            g.1 |= t.recent_uncovered;
        }
        groups
            .into_iter()
            .map(|(data, (regions, recent))| {
                let what = if recent {
                    lf!(
                        lang,
                        "the recent window ({} – {}): no trend and no suggested likelihood or impact",
                        "la période récente (du {} au {}) : pas de tendance ni de probabilité ou d'impact suggérés",
                        crate::i18n::date(lang, m.windows.recent.0),
                        crate::i18n::date(lang, m.windows.recent.1)
                    )
                } else {
                    lf!(
                        lang,
                        "the previous window ({} – {}): no trend; the suggestions from the recent window stand",
                        "la période précédente (du {} au {}) : pas de tendance ; les suggestions tirées de la période récente restent valables",
                        crate::i18n::date(lang, m.windows.previous.0),
                        crate::i18n::date(lang, m.windows.previous.1)
                    )
                };
                lf!(
                    lang,
                    "∅ no data in {}: the data there cover {data}, which does not cover {what}.",
                    "∅ pas de données – {} : les données y couvrent {data}, ce qui ne couvre pas {what}.",
                    regions.join(", ")
                )
            })
            .collect()
    }

    /// State-forces violations and all violations of an identified
    /// perpetrator (METHODOLOGY §7: the state share of violations).
    pub fn state_violations(&self) -> (u64, u64) {
        self.perpetrators
            .iter()
            .zip(&self.row_totals)
            .fold((0, 0), |(s, a), (p, t)| {
                (
                    s + if *p == PerpetratorType::StateForces {
                        t.violations
                    } else {
                        0
                    },
                    a + if p.is_attributed() { t.violations } else { 0 },
                )
            })
    }

    /// The counts of one cell by labels.
    pub fn cell(&self, perpetrator: PerpetratorType, region: &str) -> Option<&CellCounts> {
        let r = self.perpetrators.iter().position(|&p| p == perpetrator)?;
        let c = self.regions.iter().position(|n| n == region)?;
        self.cells.get(r).and_then(|row| row.get(c))
    }
}

impl StateShare {
    fn add(&mut self, o: &StateShare) {
        self.state_events += o.state_events;
        self.attributed_events += o.attributed_events;
        self.state_fatalities += o.state_fatalities;
        self.attributed_fatalities += o.attributed_fatalities;
    }
}

/// The counts of every perpetrator type × region (all regions of the
/// level, type-major), before empty rows and columns are dropped.
struct Counts {
    grid: Vec<CellCounts>,
    shares: Vec<StateShare>,
    incidents_in_filter: u64,
}

impl Counts {
    fn new(nreg: usize) -> Counts {
        Counts {
            grid: vec![CellCounts::default(); PerpetratorType::COUNT * nreg.max(1)],
            shares: vec![StateShare::default(); nreg.max(1)],
            incidents_in_filter: 0,
        }
    }

    /// One pass over the rows, split across the cores for large data.
    fn count(ws: &Workspace, filter: &Filter, nreg: usize, windows: &Windows) -> Counts {
        let threads = if ws.incident_count() >= 200_000 {
            std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .clamp(1, 4)
        } else {
            1
        };
        let pass = |part| Counts::count_part(ws, filter, part, nreg, windows);
        let parts: Vec<Counts> = if threads == 1 {
            vec![pass((0, 1))]
        } else {
            std::thread::scope(|s| {
                let handles: Vec<_> = (0..threads)
                    .map(|k| s.spawn(move || pass((k, threads))))
                    .collect();
                join_all(handles)
            })
        };
        let mut out = Counts::new(nreg);
        for part in parts {
            for (a, b) in out.grid.iter_mut().zip(&part.grid) {
                a.add(b);
            }
            for (a, b) in out.shares.iter_mut().zip(&part.shares) {
                a.add(b);
            }
            out.incidents_in_filter += part.incidents_in_filter;
        }
        out
    }

    /// The counts over one part of the rows (`part` = (k, of n)).
    fn count_part(
        ws: &Workspace,
        filter: &Filter,
        part: (usize, usize),
        nreg: usize,
        windows: &Windows,
    ) -> Counts {
        let (prev_start, recent_start, as_of_day) = windows.days();
        let mut out = Counts::new(nreg);
        let any_matched = !ws.matches.clusters.is_empty();
        let violation_mask = filter.violation_mask().unwrap_or(u16::MAX);
        for_each_selected_part(ws, filter, part, |(d, i), r, t, in_range| {
            let inc = &ws.datasets[d].incidents;
            if in_range {
                out.incidents_in_filter += 1;
            }
            if !inc.civilian_harm[i] {
                return;
            }
            let fat = u64::from(inc.civilian_fatalities[i]);
            let cell = &mut out.grid[t as usize * nreg + r as usize];
            if in_range {
                cell.events += 1;
                cell.civilian_fatalities += fat;
                cell.fatalities_unknown += u64::from(inc.fatalities_unknown[i]);
                if any_matched {
                    cell.matched += u64::from(ws.matches.matched_row(d, i));
                }
                if !inc.monitoring.is_empty() {
                    let set = inc.monitoring.violations_at(i) & violation_mask;
                    cell.violations += u64::from(set.count_ones());
                    let (victims, unknown) = inc.monitoring.victims_at(i);
                    cell.victims += u64::from(victims);
                    cell.victims_unknown += u64::from(unknown);
                }
                if t.is_attributed() {
                    let s = &mut out.shares[r as usize];
                    s.attributed_events += 1;
                    s.attributed_fatalities += fat;
                    if t == PerpetratorType::StateForces {
                        s.state_events += 1;
                        s.state_fatalities += fat;
                    }
                }
            }
            let day = inc.date[i];
            if day >= recent_start && day <= as_of_day {
                cell.recent_events += 1;
                cell.recent_fatalities += fat;
                if matches!(
                    inc.harm_kind_at(i),
                    HarmKind::SexualViolence | HarmKind::Abduction
                ) {
                    cell.recent_sv_abduction += 1;
                }
            } else if day >= prev_start && day < recent_start {
                cell.previous_events += 1;
            }
        });
        out
    }
}

/// Joins scoped workers in order. A worker that panicked re-raises its
/// panic here: dropping its part would leave the matrix under-counted
/// without a word.
fn join_all<T>(handles: Vec<std::thread::ScopedJoinHandle<'_, T>>) -> Vec<T> {
    handles
        .into_iter()
        .map(|h| {
            h.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
        .collect()
}

/// The civilian-harm incidents behind a cell (or a whole row or column when
/// one side is `None`), in file order: what a click on the matrix lists.
pub fn cell_incidents(
    ws: &Workspace,
    filter: &Filter,
    perpetrator: Option<PerpetratorType>,
    region: Option<&str>,
) -> Vec<RowRef> {
    let region_id = region.map(|n| ws.regions(filter.level).id_of(n));
    let mut out = Vec::new();
    for_each_selected(ws, filter, |(d, i), r, t, in_range| {
        if in_range
            && ws.datasets[d].incidents.civilian_harm[i]
            && perpetrator.is_none_or(|p| p == t)
            && region_id.is_none_or(|id| id == Some(r))
        {
            out.push((d, i));
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_all_keeps_order() {
        let got = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4).map(|k| s.spawn(move || k * 10)).collect();
            join_all(handles)
        });
        assert_eq!(got, vec![0, 10, 20, 30]);
    }

    #[test]
    fn join_all_reraises_a_worker_panic() {
        let caught = std::panic::catch_unwind(|| {
            std::thread::scope(|s| {
                let handles: Vec<_> = (0..3)
                    .map(|k| {
                        s.spawn(move || {
                            assert!(k != 1, "worker {k} failed");
                            k
                        })
                    })
                    .collect();
                join_all(handles)
            })
        });
        let panic = caught.expect_err("a worker's panic must reach the caller");
        let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
        assert!(message.contains("worker 1 failed"), "{message}");
    }

    #[test]
    fn windows_match_methodology_example() {
        let w = Windows::ending(NaiveDate::from_ymd_opt(2020, 12, 31).unwrap());
        assert_eq!(w.recent.0, NaiveDate::from_ymd_opt(2020, 7, 1).unwrap());
        assert_eq!(w.recent.1, NaiveDate::from_ymd_opt(2020, 12, 31).unwrap());
        assert_eq!(w.previous.0, NaiveDate::from_ymd_opt(2020, 1, 1).unwrap());
        assert_eq!(w.previous.1, NaiveDate::from_ymd_opt(2020, 6, 30).unwrap());
    }
}
