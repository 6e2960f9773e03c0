//! Monthly series of civilian-harm events and civilian fatalities by
//! perpetrator type, for the charts and the annex.

use super::filter::Filter;
use super::matrix::for_each_selected;
use super::workspace::Workspace;
use crate::model::dates::from_day_number;
use crate::model::perpetrator::PerpetratorType;
use chrono::Datelike;
use serde::Serialize;

/// One month's counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MonthCounts {
    /// `YYYY-MM`.
    pub month: String,
    /// Events by perpetrator type (indexed by `PerpetratorType as usize`).
    pub events_by_type: Vec<u64>,
    pub events: u64,
    pub civilian_fatalities: u64,
    /// Violations and victims in monitoring logs (METHODOLOGY §7).
    #[serde(skip_serializing_if = "is_zero")]
    pub violations: u64,
    #[serde(skip_serializing_if = "is_zero")]
    pub victims: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// Civilian harm month by month, every month from the first to the last
/// event in the filter (months with none are zero, not missing).
pub fn monthly(ws: &Workspace, filter: &Filter) -> Vec<MonthCounts> {
    let mut by_month: std::collections::BTreeMap<i32, MonthCounts> =
        std::collections::BTreeMap::new();
    let mask = filter.violation_mask().unwrap_or(u16::MAX);
    for_each_selected(ws, filter, |(d, i), _r, t, in_range| {
        let inc = &ws.datasets[d].incidents;
        if !in_range || !inc.civilian_harm[i] {
            return;
        }
        let Some(date) = from_day_number(inc.date[i]) else {
            return;
        };
        let key = date.year() * 12 + date.month0() as i32;
        let m = by_month.entry(key).or_insert_with(|| MonthCounts {
            month: String::new(),
            events_by_type: vec![0; PerpetratorType::COUNT],
            ..Default::default()
        });
        m.events += 1;
        m.events_by_type[t as usize] += 1;
        m.civilian_fatalities += u64::from(inc.civilian_fatalities[i]);
        if !inc.monitoring.is_empty() {
            m.violations += u64::from((inc.monitoring.violations_at(i) & mask).count_ones());
            m.victims += u64::from(inc.monitoring.victims_at(i).0);
        }
    });
    let (Some(&first), Some(&last)) = (by_month.keys().next(), by_month.keys().next_back()) else {
        return Vec::new();
    };
    (first..=last)
        .map(|k| {
            let mut m = by_month.remove(&k).unwrap_or_else(|| MonthCounts {
                events_by_type: vec![0; PerpetratorType::COUNT],
                ..Default::default()
            });
            m.month = format!("{:04}-{:02}", k.div_euclid(12), k.rem_euclid(12) + 1);
            m
        })
        .collect()
}
