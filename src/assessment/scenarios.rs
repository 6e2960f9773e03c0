//! Drawdown scenarios (METHODOLOGY §10): several schedules of base
//! closures beside the footprint's own plan, and their comparison quarter
//! by quarter after the as-of date — bases open, regions with a monitoring
//! gap (§5) at the quarter's end, and the civilian-harm events of the 12
//! months to the as-of date within the radius of the bases closing that
//! quarter. No forecast: the figures are the historical harm near what
//! closes, per scenario.

use super::Assessment;
use super::Base;
use super::footprint::distance_km;
use crate::analysis::matrix::for_each_selected;
use crate::analysis::{Filter, RegionLevel, ThreatMatrix, Workspace};
use crate::model::dates::day_number;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A base's closure in a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Closure {
    /// Closes on this date.
    On(NaiveDate),
    /// Stays open.
    Stays,
}

/// A schedule of closures; a base it does not name keeps the footprint's
/// own date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    pub name: String,
    /// By base name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub closures: BTreeMap<String, Closure>,
}

impl Scenario {
    /// When `b` closes in this scenario (`None`: it stays open).
    pub fn closure_of(&self, b: &Base) -> Option<NaiveDate> {
        match self.closures.get(&b.name) {
            Some(Closure::On(d)) => Some(*d),
            Some(Closure::Stays) => None,
            None => b.closed,
        }
    }

    /// A copy named `name` with every closure moved by `months` (a base
    /// that stays, stays).
    pub fn shifted(&self, name: &str, footprint: &[Base], months: i32) -> Scenario {
        let mut closures = BTreeMap::new();
        for b in footprint {
            let c = match self.closure_of(b) {
                Some(d) => {
                    let moved = if months >= 0 {
                        d.checked_add_months(Months::new(months.unsigned_abs()))
                    } else {
                        d.checked_sub_months(Months::new(months.unsigned_abs()))
                    };
                    Closure::On(moved.unwrap_or(d))
                }
                None => Closure::Stays,
            };
            closures.insert(b.name.clone(), c);
        }
        Scenario {
            name: name.to_string(),
            closures,
        }
    }

    /// The footprint's own plan as a scenario.
    pub fn current(name: &str) -> Scenario {
        Scenario {
            name: name.to_string(),
            closures: BTreeMap::new(),
        }
    }
}

/// One scenario in one quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuarterFigures {
    /// Bases open at the quarter's end.
    pub open: usize,
    /// Regions with a monitoring gap at the quarter's end.
    pub gap_regions: Vec<String>,
    /// Bases that close during the quarter.
    pub closing: Vec<String>,
    /// Civilian-harm events of the 12 months to the as-of date within the
    /// radius of the bases closing that quarter (each event once).
    pub harm_near_closing: u64,
}

/// One quarter after the as-of date, every scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuarterRow {
    /// `2021 Q1`.
    pub quarter: String,
    pub end: NaiveDate,
    pub scenarios: Vec<QuarterFigures>,
}

/// The comparison: the footprint's own plan first, then each scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comparison {
    pub scenarios: Vec<String>,
    pub quarters: Vec<QuarterRow>,
}

/// The quarters after `as_of`: (label, first day, last day).
fn quarters(as_of: NaiveDate, n: usize) -> Vec<(String, NaiveDate, NaiveDate)> {
    let start = as_of.succ_opt().unwrap_or(as_of);
    let q0 = (start.month0() / 3) * 3 + 1;
    let mut first = NaiveDate::from_ymd_opt(start.year(), q0, 1).unwrap_or(start);
    let mut out = Vec::new();
    for _ in 0..n {
        let next = first.checked_add_months(Months::new(3)).unwrap_or(first);
        let last = next.pred_opt().unwrap_or(next);
        out.push((
            format!("{} Q{}", first.year(), first.month0() / 3 + 1),
            first,
            last,
        ));
        first = next;
    }
    out
}

/// The quarters after `as_of` as (label, last day), for a chooser.
pub fn quarter_ends(as_of: NaiveDate, n: usize) -> Vec<(String, NaiveDate)> {
    quarters(as_of, n)
        .into_iter()
        .map(|(l, _, last)| (l, last))
        .collect()
}

/// Per base, the civilian-harm events (row references) within its radius
/// in the 12 months to the as-of date.
fn harm_near(ws: &Workspace, bases: &[Base], as_of: NaiveDate) -> Vec<Vec<(usize, usize)>> {
    let from = as_of
        .checked_sub_months(Months::new(12))
        .map_or(i32::MIN, day_number);
    let to = day_number(as_of);
    let mut out = vec![Vec::new(); bases.len()];
    for_each_selected(ws, &Filter::default(), |(d, i), _, _, _| {
        let inc = &ws.datasets[d].incidents;
        if !inc.civilian_harm[i] || inc.latitude[i].is_nan() {
            return;
        }
        let day = inc.date[i];
        if day <= from || day > to {
            return;
        }
        let (lat, lon) = (f64::from(inc.latitude[i]), f64::from(inc.longitude[i]));
        for (k, b) in bases.iter().enumerate() {
            if distance_km(b.latitude, b.longitude, lat, lon) <= b.radius_km {
                out[k].push((d, i));
            }
        }
    });
    out
}

/// Regions with 3 or more civilian-harm events in the 12 months to the
/// as-of date (the harm a monitoring gap needs, METHODOLOGY §5).
fn harmed_regions(ws: &Workspace, as_of: NaiveDate) -> Vec<String> {
    let m = ThreatMatrix::compute(
        ws,
        &Filter {
            level: RegionLevel::Admin1,
            ..Default::default()
        },
        Some(as_of),
    );
    m.regions
        .iter()
        .zip(&m.column_totals)
        .filter(|(_, c)| c.recent_events + c.previous_events >= 3)
        .map(|(r, _)| r.clone())
        .collect()
}

/// Compares the footprint's plan (named `current`) and every scenario over
/// `n` quarters after the as-of date.
pub fn compare(a: &Assessment, ws: &Workspace, current: &str, n: usize) -> Comparison {
    let as_of = a.meta.as_of;
    let bases = &a.footprint;
    let near = harm_near(ws, bases, as_of);
    let harmed = harmed_regions(ws, as_of);
    let mut all = vec![Scenario::current(current)];
    all.extend(a.scenarios.iter().cloned());
    let qs = quarters(as_of, n);
    let rows = qs
        .iter()
        .map(|(label, first, last)| QuarterRow {
            quarter: label.clone(),
            end: *last,
            scenarios: all
                .iter()
                .map(|s| figures(s, bases, &near, &harmed, (*first, *last)))
                .collect(),
        })
        .collect();
    Comparison {
        scenarios: all.into_iter().map(|s| s.name).collect(),
        quarters: rows,
    }
}

fn figures(
    s: &Scenario,
    bases: &[Base],
    near: &[Vec<(usize, usize)>],
    harmed: &[String],
    (first, last): (NaiveDate, NaiveDate),
) -> QuarterFigures {
    let closes = |b: &Base| s.closure_of(b);
    let open = bases
        .iter()
        .filter(|b| b.opened.is_none_or(|o| o <= last) && closes(b).is_none_or(|c| c > last))
        .count();
    let closing: Vec<usize> = (0..bases.len())
        .filter(|&k| closes(&bases[k]).is_some_and(|c| c >= first && c <= last))
        .collect();
    let mut events: Vec<(usize, usize)> = closing.iter().flat_map(|&k| near[k].clone()).collect();
    events.sort_unstable();
    events.dedup();
    let mut gap_regions: Vec<String> = harmed
        .iter()
        .filter(|r| {
            let here: Vec<&Base> = bases.iter().filter(|b| &&b.region == r).collect();
            !here.is_empty() && here.iter().all(|b| closes(b).is_some_and(|c| c <= last))
        })
        .cloned()
        .collect();
    gap_regions.sort();
    QuarterFigures {
        open,
        gap_regions,
        closing: closing.iter().map(|&k| bases[k].name.clone()).collect(),
        harm_near_closing: events.len() as u64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_start_after_the_as_of_date() {
        let q = quarters(NaiveDate::from_ymd_opt(2020, 12, 31).expect("date"), 3);
        assert_eq!(q[0].0, "2021 Q1");
        assert_eq!(q[0].2, NaiveDate::from_ymd_opt(2021, 3, 31).expect("date"));
        assert_eq!(q[2].0, "2021 Q3");
        let q = quarters(NaiveDate::from_ymd_opt(2021, 2, 10).expect("date"), 1);
        assert_eq!(
            (q[0].0.as_str(), q[0].1),
            (
                "2021 Q1",
                NaiveDate::from_ymd_opt(2021, 1, 1).expect("date")
            )
        );
    }
}
