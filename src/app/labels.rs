//! The core's names as the window shows them, through the translation
//! layer: perpetrator types, flags, trends, risk bands, sharing levels,
//! sections, formats, dataset states and tiers. Each value has a Fluent
//! message `kind-key` in `assets/i18n/en.ftl` (a test checks every one);
//! the English name is the fallback, so a gap shows in English, not as a key.

use crate::analysis::scores::{RiskBand, Trend};
use crate::annex::Format;
use crate::annex::build::SectionId;
use crate::assessment::review::{DatasetState, Flag};
use crate::assessment::{SharingLevel, Tier};
use crate::model::{GeoPrecision, PerpetratorType, TimePrecision};

/// A core value with a name the window shows.
pub trait Labelled: Copy {
    /// The message group (`perpetrator`, `flag`, …).
    const KIND: &'static str;
    /// The value's stable key (as in files and JSON).
    fn key(self) -> &'static str;
    /// The English name (the core's own label).
    fn english(self) -> &'static str;
    /// Every value, for the completeness test.
    fn all() -> Vec<Self>;
}

/// The code key of a value's message (`kind.key`, `-` written `_`).
pub fn message_key<T: Labelled>(x: T) -> String {
    format!("{}.{}", T::KIND, x.key().replace('-', "_"))
}

/// A successor's name in the window's language (`Other: …` keeps the
/// analyst's words).
pub fn successor(s: &crate::assessment::Successor) -> String {
    use crate::assessment::Successor;
    let name = |key: &str| super::i18n::lookup(&format!("successor.{key}"));
    match s {
        Successor::Other(text) => format!("{}: {text}", name("other").unwrap_or("Other")),
        _ => name(&s.key()).map_or_else(|| s.label(), str::to_string),
    }
}

/// The value's name in the window's language.
pub fn lbl<T: Labelled>(x: T) -> &'static str {
    super::i18n::lookup(&message_key(x)).unwrap_or_else(|| x.english())
}

macro_rules! labelled {
    ($t:ty, $kind:literal, $key:expr, $english:expr, $all:expr) => {
        impl Labelled for $t {
            const KIND: &'static str = $kind;
            fn key(self) -> &'static str {
                $key(self)
            }
            fn english(self) -> &'static str {
                $english(self)
            }
            fn all() -> Vec<Self> {
                $all.to_vec()
            }
        }
    };
}

labelled!(
    PerpetratorType,
    "perpetrator",
    PerpetratorType::key,
    PerpetratorType::label,
    PerpetratorType::ALL
);
labelled!(Flag, "flag_name", Flag::key, Flag::label, Flag::ALL);
labelled!(
    Trend,
    "trend",
    Trend::key,
    Trend::key,
    [
        Trend::New,
        Trend::Rising,
        Trend::Stable,
        Trend::Falling,
        Trend::NoData,
    ]
);
labelled!(
    RiskBand,
    "band",
    RiskBand::key,
    RiskBand::label,
    [
        RiskBand::Low,
        RiskBand::Medium,
        RiskBand::High,
        RiskBand::VeryHigh
    ]
);
labelled!(
    SharingLevel,
    "level",
    crate::annex::level_key,
    crate::annex::level_key,
    SharingLevel::ALL
);
labelled!(
    SectionId,
    "section",
    SectionId::key,
    SectionId::title,
    SectionId::ALL
);
labelled!(Format, "format", Format::key, Format::label, Format::ALL);
labelled!(
    DatasetState,
    "dataset_state",
    DatasetState::as_str,
    DatasetState::as_str,
    [
        DatasetState::Ok,
        DatasetState::Missing,
        DatasetState::Changed,
        DatasetState::Unreadable,
        DatasetState::Outside
    ]
);
labelled!(Tier, "tier", tier_key, Tier::label, Tier::ALL);
labelled!(
    crate::model::monitoring::ViolationType,
    "violation",
    crate::model::monitoring::ViolationType::key,
    crate::model::monitoring::ViolationType::label,
    crate::model::monitoring::ViolationType::ALL
);

labelled!(
    TimePrecision,
    "time_precision",
    time_key,
    TimePrecision::label,
    [
        TimePrecision::Day,
        TimePrecision::Week,
        TimePrecision::Month,
        TimePrecision::Year,
        TimePrecision::Unknown
    ]
);
labelled!(
    GeoPrecision,
    "geo_precision",
    geo_key,
    GeoPrecision::label,
    [
        GeoPrecision::Point,
        GeoPrecision::Near,
        GeoPrecision::Admin2,
        GeoPrecision::Admin1,
        GeoPrecision::Country,
        GeoPrecision::Unknown
    ]
);

fn time_key(t: TimePrecision) -> &'static str {
    match t {
        TimePrecision::Day => "day",
        TimePrecision::Week => "week",
        TimePrecision::Month => "month",
        TimePrecision::Year => "year",
        TimePrecision::Unknown => "unknown",
    }
}

fn geo_key(g: GeoPrecision) -> &'static str {
    match g {
        GeoPrecision::Point => "point",
        GeoPrecision::Near => "near",
        GeoPrecision::Admin2 => "admin2",
        GeoPrecision::Admin1 => "admin1",
        GeoPrecision::Country => "country",
        GeoPrecision::Unknown => "unknown",
    }
}

fn tier_key(t: Tier) -> &'static str {
    match t {
        Tier::I => "i",
        Tier::II => "ii",
        Tier::III => "iii",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn missing<T: Labelled>(out: &mut Vec<String>) {
        for x in T::all() {
            if super::super::i18n::lookup(&message_key(x)).is_none() {
                out.push(format!(
                    "{} = {}",
                    message_key(x).replace('.', "-"),
                    x.english()
                ));
            }
        }
    }

    #[test]
    fn every_core_name_has_a_message() {
        let mut out = Vec::new();
        missing::<PerpetratorType>(&mut out);
        missing::<Flag>(&mut out);
        missing::<Trend>(&mut out);
        missing::<RiskBand>(&mut out);
        missing::<SharingLevel>(&mut out);
        missing::<SectionId>(&mut out);
        missing::<Format>(&mut out);
        missing::<DatasetState>(&mut out);
        missing::<Tier>(&mut out);
        missing::<TimePrecision>(&mut out);
        missing::<GeoPrecision>(&mut out);
        assert!(
            out.is_empty(),
            "add to assets/i18n/en.ftl:\n{}",
            out.join("\n")
        );
    }

    #[test]
    fn names_come_from_the_message_file() {
        assert_eq!(
            lbl(PerpetratorType::StateForces),
            PerpetratorType::StateForces.label()
        );
        assert_eq!(lbl(RiskBand::VeryHigh), "Very high");
    }
}
