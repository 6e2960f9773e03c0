//! What the data says about an assessment, computed, never stored: each
//! register entry's suggested scores and trend (METHODOLOGY §4), the flags
//! of METHODOLOGY §5, civilian harm around each base before and after its
//! closure, benchmark statuses, and the back-test of the assessment against
//! what happened after its as-of date. The footprint (`footprint.rs`),
//! benchmarks (`benchmarks.rs`) and datasets (`datasets.rs`) parts live in
//! their own files and are re-exported here.

use super::{Assessment, Base, Successor, ThreatEntry, Tier};
use crate::analysis::matrix::CellCounts;
use crate::analysis::scores::{RiskBand, Trend};
use crate::analysis::{Filter, RegionLevel, ThreatMatrix, Workspace};
use crate::model::PerpetratorType;
use crate::model::dates::from_day_number;
use chrono::{Months, NaiveDate};
use serde::Serialize;
use std::collections::BTreeSet;

use super::benchmarks::window_counts;
pub use super::benchmarks::{BenchmarkReview, BenchmarkStatus, benchmark_review};
pub use super::datasets::{DatasetState, DatasetStatus, open_datasets, regular_file, sha256_file};
pub use super::footprint::{BaseReview, base_review, distance_km};

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

/// One flag of METHODOLOGY §5: the one list the window, the CLI and the
/// annex name flags from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Flag {
    NoSuccessor,
    SuccessorIsPerpetrator,
    SecurityCliff,
    MonitoringGap,
}

impl Flag {
    /// Every flag, in the order they are listed.
    pub const ALL: [Flag; 4] = [
        Flag::NoSuccessor,
        Flag::SuccessorIsPerpetrator,
        Flag::SecurityCliff,
        Flag::MonitoringGap,
    ];

    /// The flag's name as printed (CLI, annex, register).
    pub fn label(self) -> &'static str {
        self.label_in(crate::i18n::Lang::En)
    }

    /// The flag's name in a language.
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        if lang == crate::i18n::Lang::Fr {
            return match self {
                Flag::NoSuccessor => "pas de relais",
                Flag::SuccessorIsPerpetrator => "relais auteur de la menace",
                Flag::SecurityCliff => "vide sécuritaire",
                Flag::MonitoringGap => "lacune de surveillance",
            };
        }
        match self {
            Flag::NoSuccessor => "no successor",
            Flag::SuccessorIsPerpetrator => "successor is perpetrator",
            Flag::SecurityCliff => "security cliff",
            Flag::MonitoringGap => "monitoring gap",
        }
    }

    /// A stable key (translation keys, JSON).
    pub fn key(self) -> &'static str {
        match self {
            Flag::NoSuccessor => "no-successor",
            Flag::SuccessorIsPerpetrator => "successor-is-perpetrator",
            Flag::SecurityCliff => "security-cliff",
            Flag::MonitoringGap => "monitoring-gap",
        }
    }
}

impl Flags {
    /// Whether `f` is raised.
    pub fn has(&self, f: Flag) -> bool {
        match f {
            Flag::NoSuccessor => self.no_successor,
            Flag::SuccessorIsPerpetrator => self.successor_is_perpetrator,
            Flag::SecurityCliff => self.security_cliff,
            Flag::MonitoringGap => self.monitoring_gap,
        }
    }

    /// The raised flags, in `Flag::ALL` order.
    pub fn raised(&self) -> Vec<Flag> {
        Flag::ALL.into_iter().filter(|f| self.has(*f)).collect()
    }

    /// Names of the raised flags.
    pub fn names(&self) -> Vec<&'static str> {
        self.raised().into_iter().map(Flag::label).collect()
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
    /// "L3×I3=9 (Medium)", or "–" for no scores (a window the data do not
    /// cover).
    pub fn text(s: Option<Scores>) -> String {
        s.map_or_else(
            || "–".to_string(),
            |s| {
                format!(
                    "L{}×I{}={} ({})",
                    s.likelihood,
                    s.impact,
                    s.risk,
                    s.band.label()
                )
            },
        )
    }

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
    /// None where the recent window is not covered (METHODOLOGY §4).
    pub suggested: Option<Scores>,
    /// The analyst's scores (suggestion where the analyst left one unset);
    /// none where a score is unset and there is no suggestion.
    pub analyst: Option<Scores>,
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
    /// The analyst's likelihood; none where there is none to test.
    pub predicted_likelihood: Option<u8>,
    pub residual: bool,
    /// (months after as-of, events, civilian fatalities, observed likelihood, data complete).
    pub windows: Vec<(u32, u64, u64, u8, bool)>,
    /// For the 12-month window: `right` (within one step), `under-estimated`,
    /// `over-estimated`, or `incomplete data`.
    pub verdict: String,
}

/// A back-test verdict (the review's English words, kept as keys in JSON)
/// in a language.
pub fn verdict_label(v: &str, lang: crate::i18n::Lang) -> &str {
    if lang == crate::i18n::Lang::En {
        return v;
    }
    match v {
        "incomplete data" => "données incomplètes",
        "no rating" => "pas de cotation",
        "right" => "juste",
        "under-estimated" => "sous-estimée",
        "over-estimated" => "surestimée",
        other => other,
    }
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

/// The monitoring-gap test on a region's counts in the recent and previous
/// windows: civilian harm continues there (the annex applies the same rule
/// to the counts it prints).
pub fn harm_continues(recent: u64, previous: u64) -> bool {
    // METHODOLOGY §5: 3 or more civilian-harm events in the 12 months to
    // the as-of date.
    recent + previous >= 3
}

/// Reviews the whole assessment against the workspace.
pub fn review(a: &Assessment, ws: &Workspace) -> Review {
    // Region names as the loaded data names them (another country's
    // dataset adds "(Country)" to every name).
    let resolved = super::regions::resolve_regions(a, ws);
    let a: &Assessment = &resolved;
    let as_of = a.meta.as_of;
    let bases: Vec<BaseReview> = a
        .footprint
        .iter()
        .map(|b| base_review(ws, b, as_of))
        .collect();
    // Regions with recent civilian harm (all perpetrators).
    let recent_regions: BTreeSet<String> = {
        let m = ThreatMatrix::compute(ws, &Filter::default(), Some(as_of));
        m.regions
            .iter()
            .zip(&m.column_totals)
            .filter(|(_, t)| harm_continues(t.recent_events, t.previous_events))
            .map(|(r, _)| r.clone())
            .collect()
    };
    let entries = a
        .register
        .iter()
        .map(|e| entry_review(a, ws, e, &bases, &recent_regions))
        .collect::<Vec<_>>();
    let latest = ws.latest_date().and_then(from_day_number);
    let backtest = a
        .register
        .iter()
        .map(|e| backtest_row(ws, e, as_of, latest))
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

/// One register entry reviewed: the suggested and the analyst's scores,
/// the trend and counts behind them, and the flags it raises.
fn entry_review(
    a: &Assessment,
    ws: &Workspace,
    e: &ThreatEntry,
    bases: &[BaseReview],
    recent_regions: &BTreeSet<String>,
) -> EntryReview {
    let as_of = a.meta.as_of;
    let c = entry_counts(ws, e, as_of);
    let s = c.suggestion();
    let suggested = s.map(|s| Scores::of(s.likelihood, s.impact));
    let analyst = match (
        e.likelihood.or(s.map(|s| s.likelihood)),
        e.impact.or(s.map(|s| s.impact)),
    ) {
        (Some(l), Some(i)) => Some(Scores::of(l, i)),
        _ => None,
    };
    let differs =
        analyst.map(|a| (a.likelihood, a.impact)) != suggested.map(|s| (s.likelihood, s.impact));
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
        no_successor: e.residual && analyst.is_some_and(|a| a.band >= RiskBand::High) && all_none,
        // Flags are raised on residual entries only (METHODOLOGY §5).
        successor_is_perpetrator: e.residual
            && e.perpetrator == PerpetratorType::StateForces
            && e.successors
                .values()
                .any(|s| *s == Successor::HostStateSecurityForces),
        security_cliff: e.residual
            && a.footprint
                .iter()
                .zip(bases)
                .any(|(b, r)| regions.contains(&b.region) && r.cliff),
        monitoring_gap: e.residual
            && e.regions.iter().any(|region| {
                let here: Vec<&Base> = a.footprint.iter().filter(|b| &b.region == region).collect();
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
}

/// How one entry's likelihood held up over the 6, 12 and 24 months after
/// the as-of date (`latest`: the last date in the data).
fn backtest_row(
    ws: &Workspace,
    e: &ThreatEntry,
    as_of: NaiveDate,
    latest: Option<NaiveDate>,
) -> BacktestRow {
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
    // The analyst's own rating only: a suggestion standing in for an unset
    // one is not a prediction to test (METHODOLOGY §5, `not rated`).
    let predicted = e.likelihood;
    let (_, _, _, observed, complete) = windows[1];
    let verdict = match predicted {
        _ if !complete => "incomplete data",
        None => "no rating",
        Some(p) if observed.abs_diff(p) <= 1 => "right",
        Some(p) if observed > p => "under-estimated",
        Some(_) => "over-estimated",
    }
    .to_string();
    BacktestRow {
        id: e.id,
        perpetrator: e.perpetrator,
        regions: e.regions.clone(),
        predicted_likelihood: predicted,
        residual: e.residual,
        windows,
        verdict,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
