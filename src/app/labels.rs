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
    /// The core's own name in a language, for the kinds the core names
    /// (one source for the window, the annex and the command line);
    /// `None`: the window's message file names it.
    fn in_lang(self, _lang: crate::i18n::Lang) -> Option<&'static str> {
        None
    }
}

/// The code key of a value's message (`kind.key`, `-` written `_`).
pub fn message_key<T: Labelled>(x: T) -> String {
    format!("{}.{}", T::KIND, x.key().replace('-', "_"))
}

/// A successor's name in the window's language (`Other: …` keeps the
/// analyst's words).
pub fn successor(s: &crate::assessment::Successor) -> String {
    s.label_in(super::i18n::language())
}

/// The value's name in the window's language.
pub fn lbl<T: Labelled>(x: T) -> &'static str {
    x.in_lang(super::i18n::language())
        .or_else(|| super::i18n::lookup(&message_key(x)))
        .unwrap_or_else(|| x.english())
}

macro_rules! labelled {
    ($t:ty, $kind:literal, $key:expr, $english:expr, $all:expr $(, core $in_lang:expr)? $(,)?) => {
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
            $(
                fn in_lang(self, lang: crate::i18n::Lang) -> Option<&'static str> {
                    Some($in_lang(self, lang))
                }
            )?
        }
    };
}

labelled!(
    PerpetratorType,
    "perpetrator",
    PerpetratorType::key,
    PerpetratorType::label,
    PerpetratorType::ALL,
    core PerpetratorType::label_in
);
labelled!(Flag, "flag_name", Flag::key, Flag::label, Flag::ALL,
    core Flag::label_in
);
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
    ],
    core Trend::label_in
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
    ],
    core RiskBand::label_in
);
labelled!(
    SharingLevel,
    "level",
    crate::annex::level_key,
    crate::annex::level_key,
    SharingLevel::ALL,
    core crate::annex::level_label
);
labelled!(
    SectionId,
    "section",
    SectionId::key,
    SectionId::title,
    SectionId::ALL,
    core SectionId::title_in
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
    ],
    core DatasetState::label_in
);
labelled!(Tier, "tier", tier_key, Tier::label, Tier::ALL,
    core Tier::label_in
);
labelled!(
    crate::model::monitoring::ViolationType,
    "violation",
    crate::model::monitoring::ViolationType::key,
    crate::model::monitoring::ViolationType::label,
    crate::model::monitoring::ViolationType::ALL,
    core crate::model::monitoring::ViolationType::label_in
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
        // The core names perpetrator types, flags, trends, bands, levels,
        // sections, tiers, violation types and dataset states itself, in
        // both languages.
        missing::<Format>(&mut out);
        missing::<TimePrecision>(&mut out);
        missing::<GeoPrecision>(&mut out);
        assert!(
            out.is_empty(),
            "add to assets/i18n/en.ftl:\n{}",
            out.join("\n")
        );
    }

    #[test]
    fn core_names_come_from_the_core_in_the_windows_language() {
        assert_eq!(
            lbl(PerpetratorType::StateForces),
            PerpetratorType::StateForces.label()
        );
        assert_eq!(lbl(RiskBand::VeryHigh), "Very high");
        assert_eq!(
            PerpetratorType::StateForces.in_lang(crate::i18n::Lang::Fr),
            Some("Forces de sécurité de l'État")
        );
    }
}
