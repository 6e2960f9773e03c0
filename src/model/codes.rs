//! Source codes on one scale for all sources: how precisely an incident is
//! dated (`TimePrecision`) and placed (`GeoPrecision`), and what kind of harm
//! it did (`HarmKind`). Stored as one byte per incident.

use serde::{Deserialize, Serialize};

/// How precisely an incident's date is known, on one scale for all sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[repr(u8)]
pub enum TimePrecision {
    Day = 1,
    Week = 2,
    Month = 3,
    Year = 4,
    Unknown = 5,
}

impl TimePrecision {
    /// ACLED `time_precision`: 1 day, 2 week, 3 month.
    pub fn from_acled(code: &str) -> Self {
        match strip_point_zeros(super::text::trim(code)) {
            "1" => Self::Day,
            "2" => Self::Week,
            "3" => Self::Month,
            _ => Self::Unknown,
        }
    }

    /// UCDP `date_prec`: 1 day, 2 up to six days, 3 week, 4 month, 5 year.
    pub fn from_ucdp(code: &str) -> Self {
        match strip_point_zeros(super::text::trim(code)) {
            "1" => Self::Day,
            "2" | "3" => Self::Week,
            "4" => Self::Month,
            "5" => Self::Year,
            _ => Self::Unknown,
        }
    }

    pub(crate) fn from_u8(v: u8) -> Self {
        match v {
            1 => Self::Day,
            2 => Self::Week,
            3 => Self::Month,
            4 => Self::Year,
            _ => Self::Unknown,
        }
    }

    /// Short English label.
    pub fn label(self) -> &'static str {
        self.label_in(crate::i18n::Lang::En)
    }

    /// Short label in a language.
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Self::Day => crate::l!(lang, "day", "jour"),
            Self::Week => crate::l!(lang, "week", "semaine"),
            Self::Month => crate::l!(lang, "month", "mois"),
            Self::Year => crate::l!(lang, "year", "année"),
            Self::Unknown => crate::l!(lang, "unknown", "inconnue"),
        }
    }
}

/// How precisely an incident's place is known, on one scale for all sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[repr(u8)]
pub enum GeoPrecision {
    /// The exact place or town.
    Point = 1,
    /// Near a town, or part of a region.
    Near = 2,
    /// Only the second-level admin unit.
    Admin2 = 3,
    /// Only the first-level admin unit or a larger region.
    Admin1 = 4,
    /// Only the country (or water/air space).
    Country = 5,
    Unknown = 6,
}

impl GeoPrecision {
    /// ACLED `geo_precision`: 1 town, 2 near a town / part of a region, 3 larger
    /// region (placed at admin-1 level here).
    pub fn from_acled(code: &str) -> Self {
        match strip_point_zeros(super::text::trim(code)) {
            "1" => Self::Point,
            "2" => Self::Near,
            "3" => Self::Admin1,
            _ => Self::Unknown,
        }
    }

    /// UCDP `where_prec`: 1 exact, 2 near, 3 admin2, 4 admin1, 5 larger than
    /// admin1, 6 country, 7 water or air.
    pub fn from_ucdp(code: &str) -> Self {
        match strip_point_zeros(super::text::trim(code)) {
            "1" => Self::Point,
            "2" => Self::Near,
            "3" => Self::Admin2,
            "4" | "5" => Self::Admin1,
            "6" | "7" => Self::Country,
            _ => Self::Unknown,
        }
    }

    pub(crate) fn from_u8(v: u8) -> Self {
        match v {
            1 => Self::Point,
            2 => Self::Near,
            3 => Self::Admin2,
            4 => Self::Admin1,
            5 => Self::Country,
            _ => Self::Unknown,
        }
    }

    /// Short English label.
    pub fn label(self) -> &'static str {
        self.label_in(crate::i18n::Lang::En)
    }

    /// Short label in a language.
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        match self {
            Self::Point => crate::l!(lang, "exact place", "lieu exact"),
            Self::Near => crate::l!(lang, "near a place", "près d'un lieu"),
            Self::Admin2 => "admin 2",
            Self::Admin1 => crate::l!(lang, "admin 1 or larger", "admin 1 ou plus large"),
            Self::Country => crate::l!(lang, "country", "pays"),
            Self::Unknown => crate::l!(lang, "unknown", "inconnue"),
        }
    }
}

/// What kind of harm an event did, where the source says (used for the impact
/// step-up of METHODOLOGY §4 and the "effects on civilians" mix).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[repr(u8)]
pub enum HarmKind {
    /// Attacks, killings, shelling: the default.
    Violence = 0,
    SexualViolence = 1,
    Abduction = 2,
    /// Looting, destruction, arrests and the like.
    Other = 3,
}

impl HarmKind {
    pub(crate) fn from_u8(v: u8) -> Self {
        match v {
            1 => Self::SexualViolence,
            2 => Self::Abduction,
            3 => Self::Other,
            _ => Self::Violence,
        }
    }

    /// ACLED's own sub-event types (codebook 2024), as the general rule
    /// below reads them (a test holds the two together).
    fn acled_sub_event_type(s: &str) -> Option<Self> {
        Some(match s {
            "Sexual violence" => Self::SexualViolence,
            "Abduction/forced disappearance" => Self::Abduction,
            "Arrests" | "Looting/property destruction" => Self::Other,
            ""
            | "Attack"
            | "Armed clash"
            | "Government regains territory"
            | "Non-state actor overtakes territory"
            | "Chemical weapon"
            | "Air/drone strike"
            | "Suicide bomb"
            | "Shelling/artillery/missile attack"
            | "Remote explosive/landmine/IED"
            | "Grenade"
            | "Peaceful protest"
            | "Protest with intervention"
            | "Excessive force against protesters"
            | "Violent demonstration"
            | "Mob violence"
            | "Agreement"
            | "Change to group/activity"
            | "Disrupted weapons use"
            | "Headquarters or base established"
            | "Non-violent transfer of territory"
            | "Other" => Self::Violence,
            _ => return None,
        })
    }

    /// Classifies ACLED's `sub_event_type` (or an analyst's event-type value).
    pub fn from_sub_event_type(s: &str) -> Self {
        // Fast path: ACLED's own sub-event types.
        Self::acled_sub_event_type(s).unwrap_or_else(|| Self::by_keywords(s))
    }

    /// The general rule: by keywords, case-insensitive.
    fn by_keywords(s: &str) -> Self {
        let has = |needle| super::text::contains_lowercase(s, needle);
        if has("sexual") {
            Self::SexualViolence
        } else if has("abduction") || has("kidnap") || has("disappear") {
            Self::Abduction
        } else if has("looting") || has("destruction") || has("arrest") {
            Self::Other
        } else {
            Self::Violence
        }
    }

    /// Short English label.
    pub fn label(self) -> &'static str {
        self.label_in(crate::i18n::Lang::En)
    }

    /// Short label in a language.
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        if lang == crate::i18n::Lang::Fr {
            return match self {
                Self::Violence => "Attaques et meurtres",
                Self::SexualViolence => "Violences sexuelles",
                Self::Abduction => "Enlèvements / disparitions forcées",
                Self::Other => "Pillages, destructions et autres",
            };
        }
        match self {
            Self::Violence => "Attacks and killings",
            Self::SexualViolence => "Sexual violence",
            Self::Abduction => "Abduction / forced disappearance",
            Self::Other => "Looting, destruction and other",
        }
    }
}

/// `1.0` → `1` (as `trim_end_matches(".0")`, without building a searcher
/// for every cell).
fn strip_point_zeros(mut s: &str) -> &str {
    while let Some(rest) = s.strip_suffix(".0") {
        s = rest;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acled_sub_event_types_read_as_the_keyword_rule() {
        // ACLED codebook (2024) sub-event types.
        let all = [
            "Armed clash",
            "Government regains territory",
            "Non-state actor overtakes territory",
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
            "Sexual violence",
            "Attack",
            "Abduction/forced disappearance",
            "Peaceful protest",
            "Protest with intervention",
            "Excessive force against protesters",
            "Violent demonstration",
            "Mob violence",
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
            "",
        ];
        for s in all {
            assert_eq!(
                HarmKind::acled_sub_event_type(s),
                Some(HarmKind::by_keywords(s)),
                "{s:?}"
            );
        }
        assert_eq!(
            HarmKind::from_sub_event_type("Kidnapping of aid workers"),
            HarmKind::Abduction
        );
    }
}
