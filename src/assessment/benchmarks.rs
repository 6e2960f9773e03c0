//! Benchmarks: what the analyst defines (measure, window, threshold,
//! direction, monitor, frequency), and the indicator computed from the data
//! over a window against its threshold and direction; its status (met, not met, insufficient data) and
//! its monthly values for the small trend chart.

use super::SharingLevel;
use crate::analysis::matrix::for_each_selected;
use crate::analysis::{Filter, Workspace};
use crate::i18n::Lang;
use crate::l;
use crate::model::PerpetratorType;
use crate::model::dates::day_number;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// What a benchmark measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BenchmarkMetric {
    CivilianHarmEvents,
    CivilianFatalities,
}

/// Which side of the threshold is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// Met when the value is at most the threshold.
    AtMost,
    /// Met when the value is at least the threshold.
    AtLeast,
}

/// An indicator to watch after exit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmark {
    pub name: String,
    pub metric: BenchmarkMetric,
    /// Empty = all types.
    #[serde(default)]
    pub perpetrators: Vec<PerpetratorType>,
    /// Empty = all regions.
    #[serde(default)]
    pub regions: Vec<String>,
    /// The window ending on the evaluation date.
    pub window_months: u32,
    pub threshold: u64,
    pub direction: Direction,
    /// Core (the mission can influence it) or contextual (it cannot).
    pub core: bool,
    /// Who monitors it after exit.
    #[serde(default)]
    pub monitor: String,
    /// The widest level the benchmark's name and monitor (free text) may be
    /// printed at; below it the annex numbers the benchmark instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_cleared: Option<SharingLevel>,
    /// How often it is to be measured after exit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<Frequency>,
}

/// How often a benchmark is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Frequency {
    Monthly,
    Quarterly,
    SixMonthly,
    Yearly,
}

impl Frequency {
    pub const ALL: [Frequency; 4] = [
        Frequency::Monthly,
        Frequency::Quarterly,
        Frequency::SixMonthly,
        Frequency::Yearly,
    ];

    /// As printed in the annex.
    pub fn label(self) -> &'static str {
        self.label_in(crate::i18n::Lang::En)
    }

    /// As printed in the annex, in a language.
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        if lang == crate::i18n::Lang::Fr {
            return match self {
                Frequency::Monthly => "chaque mois",
                Frequency::Quarterly => "chaque trimestre",
                Frequency::SixMonthly => "chaque semestre",
                Frequency::Yearly => "chaque année",
            };
        }
        match self {
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::SixMonthly => "every six months",
            Frequency::Yearly => "yearly",
        }
    }
}

/// Status of a benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BenchmarkStatus {
    Met,
    NotMet,
    InsufficientData,
}

impl BenchmarkStatus {
    /// The key JSON gives it (`met`, `not_met`, `insufficient_data`).
    pub fn key(self) -> &'static str {
        match self {
            BenchmarkStatus::Met => "met",
            BenchmarkStatus::NotMet => "not_met",
            BenchmarkStatus::InsufficientData => "insufficient_data",
        }
    }

    /// The status in a language.
    pub fn label_in(self, lang: Lang) -> &'static str {
        match self {
            BenchmarkStatus::Met => l!(lang, "met", "atteint"),
            BenchmarkStatus::NotMet => l!(lang, "not met", "non atteint"),
            BenchmarkStatus::InsufficientData => {
                l!(lang, "insufficient data", "données insuffisantes")
            }
        }
    }
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
        self.kind_in(Lang::En)
    }

    /// `core` or `contextual` in a language.
    pub fn kind_in(&self, lang: Lang) -> &'static str {
        if self.core {
            l!(lang, "core", "essentiel")
        } else {
            l!(lang, "contextual", "contextuel")
        }
    }

    /// The status line shown by `review` and the window: value against the
    /// threshold at the as-of date, and at the latest date when given.
    pub fn status_line(&self, later: Option<&BenchmarkReview>) -> String {
        self.status_line_in(later, Lang::En)
    }

    /// The status line in a language. English keeps the words scripts have
    /// always read (`at 2020-12-31: 4 (AtMost 5) → Met`).
    pub fn status_line_in(&self, later: Option<&BenchmarkReview>, lang: Lang) -> String {
        match lang {
            Lang::En => {
                let later = later.map_or(String::new(), |l| {
                    format!("; at {}: {} → {:?}", l.at, l.value, l.status)
                });
                format!(
                    "at {}: {} ({:?} {}) → {:?}{later}",
                    self.at, self.value, self.direction, self.threshold, self.status
                )
            }
            Lang::Fr => {
                let d = |x: NaiveDate| crate::i18n::date(lang, x);
                let n = |v: u64| crate::i18n::count(lang, v);
                let later = later.map_or(String::new(), |l| {
                    format!(
                        " ; au {} : {} → {}",
                        d(l.at),
                        n(l.value),
                        l.status.label_in(lang)
                    )
                });
                let dir = match self.direction {
                    Direction::AtMost => "au plus",
                    Direction::AtLeast => "au moins",
                };
                format!(
                    "au {} : {} ({dir} {}) → {}{later}",
                    d(self.at),
                    n(self.value),
                    n(self.threshold),
                    self.status.label_in(lang)
                )
            }
        }
    }
}

pub(crate) fn window_counts(
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
    // Covered as a trend window is (METHODOLOGY §4): the data start by the
    // window's start and end no more than 31 days before its last day.
    // Spans are the analyst's declared ones where given, so whether a
    // window is covered never depends on rows after it.
    let spans: Vec<(i32, i32)> = (0..ws.datasets.len())
        .filter_map(|d| ws.dataset_span(d))
        .collect();
    let covered = spans
        .iter()
        .map(|s| s.0)
        .min()
        .is_some_and(|e| e <= day_number(start))
        && spans
            .iter()
            .map(|s| s.1)
            .max()
            .is_some_and(|l| l + 31 >= day_number(at));
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
