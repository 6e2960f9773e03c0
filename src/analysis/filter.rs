//! The filter every view and export applies: dates, perpetrator types,
//! regions, event categories, minimum time and geo precision, and the region
//! level. Serialisable, so an assessment can save it.

use crate::i18n::Lang;
use crate::model::incident::{GeoPrecision, TimePrecision};
use crate::model::perpetrator::PerpetratorType;
use crate::{l, lf};
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

    /// A one-line English description, for tooltips and reports.
    pub fn describe(&self) -> String {
        self.describe_in(Lang::En)
    }

    /// The description in a language.
    pub fn describe_in(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        let d = |x: chrono::NaiveDate| crate::i18n::date(lang, x);
        parts.push(match (self.from, self.to) {
            (Some(f), Some(t)) => lf!(lang, "{} to {}", "du {} au {}", d(f), d(t)),
            (Some(f), None) => lf!(lang, "from {}", "à partir du {}", d(f)),
            (None, Some(t)) => lf!(lang, "to {}", "jusqu'au {}", d(t)),
            (None, None) => l!(lang, "all dates", "toutes les dates").to_string(),
        });
        let c = crate::i18n::colon(lang);
        if let Some(p) = &self.perpetrators {
            let v: Vec<&str> = p.iter().map(|t| t.key()).collect();
            parts.push(format!(
                "{}{c} {}",
                l!(lang, "perpetrators", "auteurs"),
                v.join(", ")
            ));
        }
        if let Some(r) = &self.regions {
            let v: Vec<&str> = r.iter().map(String::as_str).collect();
            parts.push(format!(
                "{}{c} {}",
                l!(lang, "regions", "régions"),
                v.join(", ")
            ));
        }
        if let Some(e) = &self.event_types {
            let v: Vec<&str> = e.iter().map(String::as_str).collect();
            parts.push(format!(
                "{}{c} {}",
                l!(lang, "event types", "types d'événements"),
                v.join(", ")
            ));
        }
        if self.verified_only {
            parts.push(
                l!(
                    lang,
                    "monitoring logs: verified records only",
                    "registres de suivi : enregistrements vérifiés seulement"
                )
                .to_string(),
            );
        }
        if let Some(v) = &self.violation_types {
            let v: Vec<&str> = v.iter().map(|t| t.key()).collect();
            parts.push(format!(
                "{}{c} {}",
                l!(lang, "violation types", "types de violations"),
                v.join(", ")
            ));
        }
        if let Some(t) = self.min_time_precision {
            let t = t.label_in(lang);
            parts.push(lf!(
                lang,
                "dated to the {t} or better",
                "datés au {t} ou mieux"
            ));
        }
        if let Some(g) = self.min_geo_precision {
            let g = g.label_in(lang);
            parts.push(lf!(
                lang,
                "placed to {g} or better",
                "localisés à {g} ou mieux"
            ));
        }
        let k = self.level.key();
        parts.push(lf!(lang, "regions at {k}", "régions au niveau {k}"));
        parts.join(l!(lang, "; ", " ; "))
    }
}
