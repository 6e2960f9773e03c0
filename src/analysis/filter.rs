//! The filter every view and export applies: dates, perpetrator types,
//! regions, event categories, minimum time and geo precision, and the region
//! level. Serialisable, so an assessment can save it.

use crate::model::incident::{GeoPrecision, TimePrecision};
use crate::model::perpetrator::PerpetratorType;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Which admin level the matrix's columns are.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum RegionLevel {
    #[default]
    Admin1,
    Admin2,
}

impl RegionLevel {
    /// The key used on the command line and in JSON.
    pub fn key(self) -> &'static str {
        match self {
            RegionLevel::Admin1 => "admin1",
            RegionLevel::Admin2 => "admin2",
        }
    }
}

/// A selection of incidents. `None` in a set field means "all".
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(default)]
pub struct Filter {
    /// First day included.
    pub from: Option<NaiveDate>,
    /// Last day included.
    pub to: Option<NaiveDate>,
    pub perpetrators: Option<BTreeSet<PerpetratorType>>,
    /// Region display names (at `level`).
    pub regions: Option<BTreeSet<String>>,
    /// Source event types (`Violence against civilians`, `One-sided violence`, …).
    pub event_types: Option<BTreeSet<String>>,
    /// Keep incidents dated at least this precisely (`Week` keeps day and week).
    pub min_time_precision: Option<TimePrecision>,
    /// Keep incidents placed at least this precisely.
    pub min_geo_precision: Option<GeoPrecision>,
    pub level: RegionLevel,
    /// Monitoring logs: count verified records only (METHODOLOGY §7; by
    /// default verified and unverified both count, rejected never).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub verified_only: bool,
    /// Monitoring logs: only these violation types (rows without violation
    /// types, such as conflict events, are then left out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub violation_types: Option<BTreeSet<crate::model::monitoring::ViolationType>>,
}

impl Filter {
    /// Whether a date (day number) is inside the date range.
    pub fn date_ok(&self, day: i32) -> bool {
        self.from
            .is_none_or(|f| day >= crate::model::dates::day_number(f))
            && self
                .to
                .is_none_or(|t| day <= crate::model::dates::day_number(t))
    }

    /// The violation types asked for, as a bit set (`None`: every type).
    pub fn violation_mask(&self) -> Option<u16> {
        self.violation_types
            .as_ref()
            .map(|set| set.iter().fold(0u16, |m, t| m | t.bit()))
    }

    /// A one-line English description, for tooltips, reports and the annex.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        match (self.from, self.to) {
            (Some(f), Some(t)) => parts.push(format!("{f} to {t}")),
            (Some(f), None) => parts.push(format!("from {f}")),
            (None, Some(t)) => parts.push(format!("to {t}")),
            (None, None) => parts.push("all dates".to_string()),
        }
        if let Some(p) = &self.perpetrators {
            parts.push(format!(
                "perpetrators: {}",
                p.iter().map(|t| t.key()).collect::<Vec<_>>().join(", ")
            ));
        }
        if let Some(r) = &self.regions {
            parts.push(format!(
                "regions: {}",
                r.iter().cloned().collect::<Vec<_>>().join(", ")
            ));
        }
        if let Some(e) = &self.event_types {
            parts.push(format!(
                "event types: {}",
                e.iter().cloned().collect::<Vec<_>>().join(", ")
            ));
        }
        if self.verified_only {
            parts.push("monitoring logs: verified records only".to_string());
        }
        if let Some(v) = &self.violation_types {
            parts.push(format!(
                "violation types: {}",
                v.iter().map(|t| t.key()).collect::<Vec<_>>().join(", ")
            ));
        }
        if let Some(t) = self.min_time_precision {
            parts.push(format!("dated to the {} or better", t.label()));
        }
        if let Some(g) = self.min_geo_precision {
            parts.push(format!("placed to {} or better", g.label()));
        }
        parts.push(format!("regions at {}", self.level.key()));
        parts.join("; ")
    }
}
