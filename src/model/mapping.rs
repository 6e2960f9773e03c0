//! A column mapping as data: which columns of a table hold the incident
//! fields, and how its perpetrator values and civilian-harm rows are read
//! (METHODOLOGY §1). Reading one from a `.ron` file and resolving it against
//! a header is import's work (`import::mapping`); a dataset keeps the
//! mapping it was read through, so the type lives here.

use super::dates::DateOrder;
use super::perpetrator::PerpetratorType;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Which rows of a mapped source are civilian-harm events.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum CivilianHarmRule {
    /// Every row (incident logs of attacks on civilians, health care, aid).
    #[default]
    AllRows,
    /// Rows where this column is not blank.
    NonBlank(String),
    /// Rows where this column holds one of these values (case-insensitive).
    OneOf(String, Vec<String>),
}

/// A date kept in separate year, month and day columns (the Aid Worker
/// Security Database and many case logs).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(default)]
pub struct DateParts {
    pub year: String,
    /// Month as a number (1–12) or a name (English or French, full or
    /// abbreviated).
    pub month: String,
    /// Day of the month; a blank day dates the row on the 1st, at month
    /// precision, with a warning. None: every row at month precision.
    pub day: Option<String>,
}

/// A reusable mapping from a table's columns to the incident fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(default)]
pub struct ColumnMapping {
    /// A name for the profile ("SHCC Sudan 2021").
    pub name: String,
    /// The sheet to read in a workbook; the best one is picked when unset.
    pub sheet: Option<String>,
    /// The 1-based line (sheet row) of the header; detected when unset.
    pub header_row: Option<u64>,
    /// The date column (required unless `date_parts` is given).
    pub date: String,
    /// The date from year, month and day columns instead of one column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_parts: Option<DateParts>,
    /// The last day of an event's date range, where the source gives one
    /// (compared whole when events are matched across sources, METHODOLOGY
    /// §8; read in the date column's order).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_end: Option<String>,
    /// How to read `A/B/YYYY` dates in that column when they are ambiguous.
    pub date_order: Option<DateOrder>,
    pub event_id: Option<String>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub admin2: Option<String>,
    pub location: Option<String>,
    pub latitude: Option<String>,
    pub longitude: Option<String>,
    /// The column holding the perpetrator type or category.
    pub perpetrator: Option<String>,
    /// The column holding the perpetrator's name, if separate.
    pub actor: Option<String>,
    /// Civilian fatalities.
    pub fatalities: Option<String>,
    pub event_type: Option<String>,
    /// Values of the perpetrator column → type. Values not listed are
    /// suggested from their wording and reported.
    pub perpetrator_values: BTreeMap<String, PerpetratorType>,
    /// The type when there is no perpetrator column.
    pub default_perpetrator: Option<PerpetratorType>,
    pub civilian_harm: CivilianHarmRule,
    /// Monitoring logs (METHODOLOGY §7): the column of violation types; a
    /// cell may hold several, split on `,` `;` `|`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub violation_type: Option<String>,
    /// Values of the violation-type column → type. Values not listed are
    /// read by the type's key or name, else counted as `other` and reported.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub violation_values: BTreeMap<String, super::monitoring::ViolationType>,
    /// Victim-count columns (women, men, girls, boys, unknown; or one
    /// total), summed. All blank: one victim, the number unspecified.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub victims: Vec<String>,
    /// The verification-status column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verification: Option<String>,
    /// Values of the verification column → status. Values not listed are
    /// read by their wording (MRM and IMS+ statuses included), else
    /// `unverified`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub verification_values: BTreeMap<String, super::monitoring::Verification>,
}

impl ColumnMapping {
    /// Whether the mapping says where the date is.
    pub fn has_date(&self) -> bool {
        match &self.date_parts {
            Some(p) => !p.year.trim().is_empty() && !p.month.trim().is_empty(),
            None => !self.date.trim().is_empty(),
        }
    }

    /// Whether the mapping reads a monitoring log (violations, victims or
    /// verification): its rows then carry violations and victims.
    pub fn is_monitoring(&self) -> bool {
        self.violation_type
            .as_deref()
            .is_some_and(|c| !c.trim().is_empty())
            || !self.victims.is_empty()
            || self
                .verification
                .as_deref()
                .is_some_and(|c| !c.trim().is_empty())
    }

    /// The mapping as pretty RON, for saving a profile.
    pub fn to_ron(&self) -> String {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default()).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapping_round_trips_through_ron() {
        let m = ColumnMapping {
            name: "x".into(),
            date: "Date".into(),
            perpetrator_values: [("Army".to_string(), PerpetratorType::StateForces)].into(),
            ..Default::default()
        };
        let back: ColumnMapping = ron::from_str(&m.to_ron()).unwrap();
        assert_eq!(back, m);
    }
}
