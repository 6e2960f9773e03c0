//! What the data says about an assessment, computed, never stored: each
//! register entry's suggested scores and trend (METHODOLOGY §4), the flags
//! of METHODOLOGY §5, civilian harm around each base before and after its
//! closure, benchmark statuses, and the back-test of the assessment against
//! what happened after its as-of date.

use super::{
    Assessment, Base, Benchmark, BenchmarkMetric, Direction, Successor, ThreatEntry, Tier,
};
use crate::analysis::matrix::{CellCounts, for_each_selected};
use crate::analysis::scores::{RiskBand, Trend};
use crate::analysis::{Filter, RegionLevel, ThreatMatrix, Workspace};
use crate::import::{ImportOptions, Progress, import_file};
use crate::model::PerpetratorType;
use crate::model::dates::{day_number, from_day_number};
use chrono::{Months, NaiveDate};
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Flags the workbench raises on a register entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Flags {
    /// A residual High or Very high threat with no successor.
    pub no_successor: bool,
    /// Host-state security forces named successor for a state-forces threat.
    pub successor_is_perpetrator: bool,
    /// A base in the threat's regions closed and civilian harm within its
    /// radius rose in the 12 months after.
    pub security_cliff: bool,
    /// A region of the threat with recent civilian harm whose every base closes.
    pub monitoring_gap: bool,
}

impl Flags {
    /// Names of the raised flags.
    pub fn names(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        if self.no_successor {
            v.push("no successor");
        }
        if self.successor_is_perpetrator {
            v.push("successor is perpetrator");
        }
        if self.security_cliff {
            v.push("security cliff");
        }
        if self.monitoring_gap {
            v.push("monitoring gap");
        }
        v
    }
}

/// Scores as (likelihood, impact, risk, band).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Scores {
    pub likelihood: u8,
    pub impact: u8,
    pub risk: u8,
    pub band: RiskBand,
}

impl Scores {
    fn of(l: u8, i: u8) -> Scores {
        let risk = l * i;
        Scores {
            likelihood: l,
            impact: i,
            risk,
            band: RiskBand::of(risk),
        }
    }
}

/// One register entry under review.
#[derive(Debug, Clone, Serialize)]
pub struct EntryReview {
    pub id: u32,
    pub perpetrator: PerpetratorType,
    pub regions: Vec<String>,
    pub suggested: Scores,
    /// The analyst's scores (suggestion where the analyst left one unset).
    pub analyst: Scores,
    pub trend: Trend,
    pub recent_events: u64,
    pub previous_events: u64,
    pub recent_fatalities: u64,
    pub residual: bool,
    pub successors: Vec<(Tier, Successor)>,
    pub capacity: Option<u8>,
    pub flags: Flags,
    /// The analyst's scores differ from the suggestion and no rationale is written.
    pub rationale_missing: bool,
}

/// Civilian harm around one base.
#[derive(Debug, Clone, Serialize)]
pub struct BaseReview {
    pub name: String,
    pub region: String,
    pub closed: Option<NaiveDate>,
    /// Civilian-harm events within the radius in the 12 months before closure.
    pub before: u64,
    /// … and in the 12 months after.
    pub after: u64,
    /// Whether the data covers the whole 12 months after closure.
    pub after_complete: bool,
    pub cliff: bool,
}

/// Status of a benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BenchmarkStatus {
    Met,
    NotMet,
    InsufficientData,
}

/// One benchmark evaluated at a date.
#[derive(Debug, Clone, Serialize)]
pub struct BenchmarkReview {
    pub name: String,
    pub core: bool,
    pub monitor: String,
    pub threshold: u64,
    pub direction: Direction,
    /// The evaluation date (end of the window).
    pub at: NaiveDate,
    pub value: u64,
    pub status: BenchmarkStatus,
    /// Monthly values over the 24 months up to `at`, for the small chart.
    pub monthly: Vec<u64>,
}

impl BenchmarkReview {
    /// `core` or `contextual`.
    pub fn kind(&self) -> &'static str {
        if self.core { "core" } else { "contextual" }
    }

    /// The status line shown by `review` and the window: value against the
    /// threshold at the as-of date, and at the latest date when given.
    pub fn status_line(&self, later: Option<&BenchmarkReview>) -> String {
        let later = later.map_or(String::new(), |l| {
            format!("; at {}: {} → {:?}", l.at, l.value, l.status)
        });
        format!(
            "at {}: {} ({:?} {}) → {:?}{later}",
            self.at, self.value, self.direction, self.threshold, self.status
        )
    }
}

impl Review {
    /// The same benchmark evaluated at the latest date, if there is one.
    pub fn benchmark_later(&self, b: &BenchmarkReview) -> Option<&BenchmarkReview> {
        self.benchmarks_latest.iter().find(|l| l.name == b.name)
    }
}

/// What happened after the as-of date to one entry's threat.
#[derive(Debug, Clone, Serialize)]
pub struct BacktestRow {
    pub id: u32,
    pub perpetrator: PerpetratorType,
    pub regions: Vec<String>,
    pub predicted_likelihood: u8,
    pub residual: bool,
    /// (months after as-of, events, civilian fatalities, observed likelihood, data complete).
    pub windows: Vec<(u32, u64, u64, u8, bool)>,
    /// For the 12-month window: `right` (within one step), `under-estimated`,
    /// `over-estimated`, or `incomplete data`.
    pub verdict: String,
}

/// A dataset of the assessment as found on disk.
#[derive(Debug, Clone, Serialize)]
pub struct DatasetStatus {
    pub path: PathBuf,
    /// `ok`, `missing`, `changed` (hash differs) or `unreadable`.
    pub status: String,
    pub message: String,
}

/// The whole review.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub as_of: NaiveDate,
    pub entries: Vec<EntryReview>,
    pub bases: Vec<BaseReview>,
    pub benchmarks: Vec<BenchmarkReview>,
    /// The same benchmarks at the latest date in the data (after exit).
    pub benchmarks_latest: Vec<BenchmarkReview>,
    pub backtest: Vec<BacktestRow>,
}

/// SHA-256 of a file, lower-case hex.
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    use sha2::{Digest, Sha256};
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    std::io::copy(&mut f, &mut h)?;
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Loads the assessment's datasets (paths relative to `assessment_path`'s
/// folder), checking each one's hash. Re-classifications are applied.
pub fn open_datasets(a: &Assessment, assessment_path: &Path) -> (Workspace, Vec<DatasetStatus>) {
    let base = assessment_path.parent().unwrap_or(Path::new("."));
    let mut datasets = Vec::new();
    let mut statuses = Vec::new();
    for d in &a.datasets {
        let p = if d.path.is_absolute() {
            d.path.clone()
        } else {
            base.join(&d.path)
        };
        let (status, message) = match sha256_file(&p) {
            Err(e) => ("missing", format!("{}: {e}", p.display())),
            Ok(h) if !d.sha256.is_empty() && h != d.sha256 => (
                "changed",
                format!(
                    "{}: the file changed since it was added (SHA-256 {h}, recorded {})",
                    p.display(),
                    d.sha256
                ),
            ),
            Ok(_) => ("ok", String::new()),
        };
        let (status, message) = if status == "missing" {
            (status, message)
        } else {
            match import_file(
                &p,
                &ImportOptions {
                    mapping: d.mapping.clone(),
                },
                &Progress::default(),
            ) {
                Ok(ds) => {
                    datasets.push(ds);
                    (status, message)
                }
                Err(e) => ("unreadable", e.to_string()),
            }
        };
        statuses.push(DatasetStatus {
            path: d.path.clone(),
            status: status.to_string(),
            message,
        });
    }
    let mut ws = Workspace::new(datasets);
    ws.set_overrides(a.overrides());
    (ws, statuses)
}

fn entry_filter(e: &ThreatEntry) -> Filter {
    Filter {
        perpetrators: Some([e.perpetrator].into()),
        regions: if e.regions.is_empty() {
            None
        } else {
            Some(e.regions.iter().cloned().collect())
        },
        level: RegionLevel::Admin1,
        ..Default::default()
    }
}

fn entry_counts(ws: &Workspace, e: &ThreatEntry, as_of: NaiveDate) -> CellCounts {
    ThreatMatrix::compute(ws, &entry_filter(e), Some(as_of)).total
}

/// Great-circle distance in km.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

/// Civilian-harm events (all perpetrators) within a base's radius, in the 12
/// months before and after its closure.
pub fn base_review(ws: &Workspace, b: &Base) -> BaseReview {
    let (mut before, mut after) = (0u64, 0u64);
    let closed = b.closed;
    let latest = ws.latest_date();
    let mut after_complete = false;
    if let Some(c) = closed {
        let start = c
            .checked_sub_months(Months::new(12))
            .map_or(i32::MIN, day_number);
        let end = c
            .checked_add_months(Months::new(12))
            .map_or(i32::MAX, day_number);
        let cd = day_number(c);
        after_complete = latest.is_some_and(|l| l >= end);
        for_each_selected(ws, &Filter::default(), |(d, i), _, _, _| {
            let inc = &ws.datasets[d].incidents;
            if !inc.civilian_harm[i] || inc.latitude[i].is_nan() {
                return;
            }
            let day = inc.date[i];
            if day < start || day > end {
                return;
            }
            if distance_km(
                b.latitude,
                b.longitude,
                f64::from(inc.latitude[i]),
                f64::from(inc.longitude[i]),
            ) > b.radius_km
            {
                return;
            }
            if day < cd {
                before += 1;
            } else if day > cd {
                after += 1;
            }
        });
    }
    BaseReview {
        name: b.name.clone(),
        region: b.region.clone(),
        closed,
        before,
        after,
        after_complete,
        cliff: closed.is_some() && after > before,
    }
}

/// Observed likelihood for `events` over `months` (the METHODOLOGY §4
/// thresholds as monthly rates).
pub fn likelihood_for_rate(events: u64, months: u64) -> u8 {
    let m = months.max(1);
    if events == 0 {
        1
    } else if events * 2 < m {
        2
    } else if events < 2 * m {
        3
    } else if events < 5 * m {
        4
    } else {
        5
    }
}

fn window_counts(
    ws: &Workspace,
    filter: &Filter,
    from_excl: NaiveDate,
    to_incl: NaiveDate,
) -> (u64, u64) {
    let (a, b) = (day_number(from_excl), day_number(to_incl));
    let (mut ev, mut fat) = (0, 0);
    for_each_selected(ws, filter, |(d, i), _, _, _| {
        let inc = &ws.datasets[d].incidents;
        let day = inc.date[i];
        if inc.civilian_harm[i] && day > a && day <= b {
            ev += 1;
            fat += u64::from(inc.civilian_fatalities[i]);
        }
    });
    (ev, fat)
}

/// Evaluates a benchmark for the window ending at `at`.
pub fn benchmark_review(ws: &Workspace, b: &Benchmark, at: NaiveDate) -> BenchmarkReview {
    let filter = Filter {
        perpetrators: if b.perpetrators.is_empty() {
            None
        } else {
            Some(b.perpetrators.iter().copied().collect())
        },
        regions: if b.regions.is_empty() {
            None
        } else {
            Some(b.regions.iter().cloned().collect())
        },
        ..Default::default()
    };
    let start = at
        .checked_sub_months(Months::new(b.window_months))
        .unwrap_or(at);
    let (ev, fat) = window_counts(ws, &filter, start, at);
    let value = match b.metric {
        BenchmarkMetric::CivilianHarmEvents => ev,
        BenchmarkMetric::CivilianFatalities => fat,
    };
    let covered = ws.earliest_date().is_some_and(|e| e <= day_number(start))
        && ws.latest_date().is_some_and(|l| l >= day_number(at));
    let status = if !covered {
        BenchmarkStatus::InsufficientData
    } else if match b.direction {
        Direction::AtMost => value <= b.threshold,
        Direction::AtLeast => value >= b.threshold,
    } {
        BenchmarkStatus::Met
    } else {
        BenchmarkStatus::NotMet
    };
    let monthly = (0..24u32)
        .rev()
        .map(|k| {
            let end = at.checked_sub_months(Months::new(k)).unwrap_or(at);
            let s = end.checked_sub_months(Months::new(1)).unwrap_or(end);
            let (e, f) = window_counts(ws, &filter, s, end);
            match b.metric {
                BenchmarkMetric::CivilianHarmEvents => e,
                BenchmarkMetric::CivilianFatalities => f,
            }
        })
        .collect();
    BenchmarkReview {
        name: b.name.clone(),
        core: b.core,
        monitor: b.monitor.clone(),
        threshold: b.threshold,
        direction: b.direction,
        at,
        value,
        status,
        monthly,
    }
}

/// Reviews the whole assessment against the workspace.
pub fn review(a: &Assessment, ws: &Workspace) -> Review {
    let as_of = a.meta.as_of;
    let bases: Vec<BaseReview> = a.footprint.iter().map(|b| base_review(ws, b)).collect();
    // Regions with recent civilian harm (all perpetrators).
    let recent_regions: BTreeSet<String> = {
        let m = ThreatMatrix::compute(ws, &Filter::default(), Some(as_of));
        m.regions
            .iter()
            .zip(&m.column_totals)
            .filter(|(_, t)| t.recent_events > 0)
            .map(|(r, _)| r.clone())
            .collect()
    };
    let entries = a
        .register
        .iter()
        .map(|e| {
            let c = entry_counts(ws, e, as_of);
            let s = c.suggestion();
            let suggested = Scores::of(s.likelihood, s.impact);
            let analyst = Scores::of(
                e.likelihood.unwrap_or(s.likelihood),
                e.impact.unwrap_or(s.impact),
            );
            let differs =
                analyst.likelihood != suggested.likelihood || analyst.impact != suggested.impact;
            // A tier the threat engages with no successor named (or "none");
            // with no tiers given, no successor at all.
            let lacks = |t: &Tier| e.successors.get(t).is_none_or(|s| *s == Successor::None);
            let all_none = if e.tiers.is_empty() {
                e.successors.values().all(|s| *s == Successor::None)
            } else {
                e.tiers.iter().any(lacks)
            };
            let regions: BTreeSet<&String> = e.regions.iter().collect();
            let flags = Flags {
                no_successor: e.residual && analyst.band >= RiskBand::High && all_none,
                successor_is_perpetrator: e.perpetrator == PerpetratorType::StateForces
                    && e.successors
                        .values()
                        .any(|s| *s == Successor::HostStateSecurityForces),
                security_cliff: a
                    .footprint
                    .iter()
                    .zip(&bases)
                    .any(|(b, r)| regions.contains(&b.region) && r.cliff),
                monitoring_gap: e.regions.iter().any(|region| {
                    let here: Vec<&Base> =
                        a.footprint.iter().filter(|b| &b.region == region).collect();
                    !here.is_empty()
                        && here.iter().all(|b| b.closed.is_some())
                        && recent_regions.contains(region)
                }),
            };
            EntryReview {
                id: e.id,
                perpetrator: e.perpetrator,
                regions: e.regions.clone(),
                suggested,
                analyst,
                trend: c.trend(),
                recent_events: c.recent_events,
                previous_events: c.previous_events,
                recent_fatalities: c.recent_fatalities,
                residual: e.residual,
                successors: e.successors.iter().map(|(t, s)| (*t, s.clone())).collect(),
                capacity: e.capacity,
                flags,
                rationale_missing: differs && e.rationale.trim().is_empty(),
            }
        })
        .collect::<Vec<_>>();
    let latest = ws.latest_date().and_then(from_day_number);
    let backtest = a
        .register
        .iter()
        .zip(&entries)
        .map(|(e, r)| {
            let filter = entry_filter(e);
            let windows: Vec<(u32, u64, u64, u8, bool)> = [6u32, 12, 24]
                .iter()
                .map(|&n| {
                    let end = as_of.checked_add_months(Months::new(n)).unwrap_or(as_of);
                    let (ev, fat) = window_counts(ws, &filter, as_of, end);
                    (
                        n,
                        ev,
                        fat,
                        likelihood_for_rate(ev, u64::from(n)),
                        latest.is_some_and(|l| l >= end),
                    )
                })
                .collect();
            let predicted = r.analyst.likelihood;
            let (_, _, _, observed, complete) = windows[1];
            let verdict = if !complete {
                "incomplete data".to_string()
            } else if observed.abs_diff(predicted) <= 1 {
                "right".to_string()
            } else if observed > predicted {
                "under-estimated".to_string()
            } else {
                "over-estimated".to_string()
            };
            BacktestRow {
                id: e.id,
                perpetrator: e.perpetrator,
                regions: e.regions.clone(),
                predicted_likelihood: predicted,
                residual: e.residual,
                windows,
                verdict,
            }
        })
        .collect();
    let benchmarks = a
        .benchmarks
        .iter()
        .map(|b| benchmark_review(ws, b, as_of))
        .collect();
    let benchmarks_latest = match latest {
        Some(l) if l > as_of => a
            .benchmarks
            .iter()
            .map(|b| benchmark_review(ws, b, l))
            .collect(),
        _ => Vec::new(),
    };
    Review {
        as_of,
        entries,
        bases,
        benchmarks,
        benchmarks_latest,
        backtest,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        // El Fasher to Nyala is about 200 km.
        let d = distance_km(13.6333, 25.35, 12.05, 24.8833);
        assert!((180.0..220.0).contains(&d), "{d}");
        assert!(distance_km(1.0, 1.0, 1.0, 1.0) < 1e-9);
    }

    #[test]
    fn observed_likelihood_uses_monthly_rates() {
        assert_eq!(likelihood_for_rate(0, 12), 1);
        assert_eq!(likelihood_for_rate(5, 12), 2); // 0.42 a month
        assert_eq!(likelihood_for_rate(6, 12), 3); // 0.5
        assert_eq!(likelihood_for_rate(24, 12), 4); // 2.0
        assert_eq!(likelihood_for_rate(60, 12), 5); // 5.0
        for e in 0..40 {
            assert_eq!(
                likelihood_for_rate(e, 6),
                crate::analysis::scores::likelihood(e)
            );
        }
    }
}
