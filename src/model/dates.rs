//! Dates: the day number stored per incident, and the parser for every date
//! form of METHODOLOGY §1 (ISO, `DD Month YYYY` in English or French,
//! `DD/MM/YYYY`, `MM/DD/YYYY [HH:MM:SS]`, `D-Mon-YY`, Excel serials).
//!
//! Day and month are never swapped silently: a numeric date whose order the
//! caller has not fixed, and that could be read both ways, is an error
//! (`DateError::Ambiguous`); `date_vote::DateOrderVote` decides a column's
//! order from its values, the way METHODOLOGY §1 asks.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Days since 0001-01-01 (which is day 1), as stored in `IncidentColumns::date`.
pub fn day_number(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

/// The date of a stored day number.
pub fn from_day_number(n: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(n)
}

/// Formats a stored day number as ISO `YYYY-MM-DD`.
pub fn iso(n: i32) -> String {
    from_day_number(n).map_or_else(|| "?".to_string(), |d| d.format("%Y-%m-%d").to_string())
}

/// The order of day and month in a numeric date such as `03/04/2020`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateOrder {
    /// `DD/MM/YYYY`
    DayFirst,
    /// `MM/DD/YYYY`
    MonthFirst,
}

/// The two Excel date systems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ExcelEpoch {
    /// Serial 1 = 1900-01-01 (with Lotus's phantom 1900-02-29 as serial 60).
    #[default]
    E1900,
    /// Serial 0 = 1904-01-01 (old Mac workbooks).
    E1904,
}

/// Why a date cell could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("the date is blank")]
    Blank,
    #[error("'{}' is not a date in any known form", crate::model::text::clip(.0))]
    Unreadable(String),
    #[error("'{}' could be DD/MM or MM/DD; the column's order is not known", crate::model::text::clip(.0))]
    Ambiguous(String),
    #[error("'{}' does not exist (day or month out of range)", crate::model::text::clip(.0))]
    Invalid(String),
    #[error("'{}' has a year outside 1900–2100", crate::model::text::clip(.0))]
    YearOutOfRange(String),
    #[error("'{}' gives only a year, not a date", crate::model::text::clip(.0))]
    YearOnly(String),
    #[error("Excel serial {} is not a calendar date", crate::model::text::clip(.0))]
    BadSerial(String),
}

impl DateError {
    /// The reason in both languages (`Display` is the English one).
    pub fn bi(&self) -> crate::i18n::Bi {
        use crate::i18n::Bi;
        let g = |v: &str| format!("« {} »", crate::model::text::clip(v));
        match self {
            DateError::Blank => Bi::new(self.to_string(), "la date est vide"),
            DateError::Unreadable(v) => Bi::new(
                self.to_string(),
                format!("{} n'est une date sous aucune forme connue", g(v)),
            ),
            DateError::Ambiguous(v) => Bi::new(
                self.to_string(),
                format!(
                    "{} peut se lire JJ/MM ou MM/JJ ; l'ordre de la colonne n'est pas connu",
                    g(v)
                ),
            ),
            DateError::Invalid(v) => Bi::new(
                self.to_string(),
                format!("{} n'existe pas (jour ou mois hors limites)", g(v)),
            ),
            DateError::YearOutOfRange(v) => Bi::new(
                self.to_string(),
                format!("{} a une année hors de 1900–2100", g(v)),
            ),
            DateError::YearOnly(v) => Bi::new(
                self.to_string(),
                format!("{} ne donne qu'une année, pas une date", g(v)),
            ),
            DateError::BadSerial(v) => Bi::new(
                self.to_string(),
                format!(
                    "le numéro de série Excel {} n'est pas une date du calendrier",
                    crate::model::text::clip(v)
                ),
            ),
        }
    }
}

mod parse;
pub use parse::{excel_serial, numeric_day_month, parse_date};
