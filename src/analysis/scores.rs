//! Trends and suggested scores (METHODOLOGY §4), as pure functions of window
//! counts. Thresholds are written in whole numbers of a six-month window so
//! that no rounding can move a figure across a boundary (for example
//! "fewer than 0.5 events a month" is "fewer than 3 events in six months").

use serde::{Deserialize, Serialize};

/// Months in each trend window.
pub const WINDOW_MONTHS: u32 = 6;

/// The direction of civilian harm between the previous and the recent window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Trend {
    New,
    Rising,
    Stable,
    Falling,
    /// A window the data do not cover (METHODOLOGY §4): no trend can be read.
    NoData,
}

impl Trend {
    /// METHODOLOGY §4: `new` (previous 0, recent ≥ 3), `rising` (recent ≥
    /// 1.25 × previous and at least 3 more), `falling` (recent ≤ 0.75 ×
    /// previous and at least 3 fewer), else `stable`.
    pub fn classify(recent: u64, previous: u64) -> Trend {
        if previous == 0 && recent >= 3 {
            Trend::New
        } else if 4 * recent >= 5 * previous && recent >= previous + 3 {
            Trend::Rising
        } else if 4 * recent <= 3 * previous && previous >= recent + 3 {
            Trend::Falling
        } else {
            Trend::Stable
        }
    }

    /// The key used in JSON and files.
    pub fn key(self) -> &'static str {
        match self {
            Trend::New => "new",
            Trend::Rising => "rising",
            Trend::Stable => "stable",
            Trend::Falling => "falling",
            Trend::NoData => "no_data",
        }
    }

    /// The trend's name in a language (`rising`, `en hausse`; `no data`).
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::Lang;
        match (self, lang) {
            (Trend::New, Lang::En) => "new",
            (Trend::Rising, Lang::En) => "rising",
            (Trend::Stable, Lang::En) => "stable",
            (Trend::Falling, Lang::En) => "falling",
            (Trend::NoData, Lang::En) => "no data",
            (Trend::New, Lang::Fr) => "nouveau",
            (Trend::Rising, Lang::Fr) => "en hausse",
            (Trend::Stable, Lang::Fr) => "stable",
            (Trend::Falling, Lang::Fr) => "en baisse",
            (Trend::NoData, Lang::Fr) => "pas de données",
        }
    }

    /// An arrow for tables.
    pub fn arrow(self) -> &'static str {
        match self {
            Trend::New => "★",
            Trend::Rising => "↑",
            Trend::Stable => "→",
            Trend::Falling => "↓",
            Trend::NoData => "∅",
        }
    }
}

/// A risk band (METHODOLOGY §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskBand {
    Low,
    Medium,
    High,
    VeryHigh,
}

impl RiskBand {
    /// 1–4 Low, 5–9 Medium, 10–16 High, 20–25 Very high.
    pub fn of(risk: u8) -> RiskBand {
        match risk {
            0..=4 => RiskBand::Low,
            5..=9 => RiskBand::Medium,
            10..=16 => RiskBand::High,
            _ => RiskBand::VeryHigh,
        }
    }

    /// English label.
    pub fn label(self) -> &'static str {
        self.label_in(crate::i18n::Lang::En)
    }

    /// The band's name in a language.
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        if lang == crate::i18n::Lang::Fr {
            return match self {
                RiskBand::Low => "Faible",
                RiskBand::Medium => "Moyen",
                RiskBand::High => "Élevé",
                RiskBand::VeryHigh => "Très élevé",
            };
        }
        match self {
            RiskBand::Low => "Low",
            RiskBand::Medium => "Medium",
            RiskBand::High => "High",
            RiskBand::VeryHigh => "Very high",
        }
    }

    /// The key used in JSON and files.
    pub fn key(self) -> &'static str {
        match self {
            RiskBand::Low => "low",
            RiskBand::Medium => "medium",
            RiskBand::High => "high",
            RiskBand::VeryHigh => "very_high",
        }
    }
}

/// Suggested likelihood, impact and risk from the recent window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub likelihood: u8,
    pub impact: u8,
    pub risk: u8,
    pub band: RiskBand,
}

/// Likelihood from recent civilian-harm events (six months): per month 0 → 1,
/// < 0.5 → 2, < 2 → 3, < 5 → 4, ≥ 5 → 5.
pub fn likelihood(recent_events: u64) -> u8 {
    match recent_events {
        0 => 1,
        1..=2 => 2,
        3..=11 => 3,
        12..=29 => 4,
        _ => 5,
    }
}

/// Impact from recent civilian fatalities (six months): per month 0 → 1,
/// < 1 → 2, < 5 → 3, < 20 → 4, ≥ 20 → 5; one step higher (max 5) when the
/// window holds sexual-violence or abduction events.
pub fn impact(recent_fatalities: u64, sexual_violence_or_abduction: bool) -> u8 {
    let base = match recent_fatalities {
        0 => 1,
        1..=5 => 2,
        6..=29 => 3,
        30..=119 => 4,
        _ => 5,
    };
    if sexual_violence_or_abduction {
        (base + 1).min(5)
    } else {
        base
    }
}

/// The full suggestion for one threat.
pub fn suggest(
    recent_events: u64,
    recent_fatalities: u64,
    sexual_violence_or_abduction: bool,
) -> Suggestion {
    let likelihood = likelihood(recent_events);
    let impact = impact(recent_fatalities, sexual_violence_or_abduction);
    let risk = likelihood * impact;
    Suggestion {
        likelihood,
        impact,
        risk,
        band: RiskBand::of(risk),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trend_rules() {
        assert_eq!(Trend::classify(3, 0), Trend::New);
        assert_eq!(Trend::classify(2, 0), Trend::Stable);
        assert_eq!(Trend::classify(13, 10), Trend::Rising);
        assert_eq!(Trend::classify(12, 10), Trend::Stable); // < 1.25×
        assert_eq!(Trend::classify(5, 4), Trend::Stable); // 1.25× but only +1
        assert_eq!(Trend::classify(7, 10), Trend::Falling);
        assert_eq!(Trend::classify(8, 10), Trend::Stable); // > 0.75×
        assert_eq!(Trend::classify(0, 3), Trend::Falling);
        assert_eq!(Trend::classify(0, 2), Trend::Stable);
    }

    #[test]
    fn likelihood_boundaries() {
        // events per month: 0, <0.5, <2, <5, >=5
        assert_eq!(likelihood(0), 1);
        assert_eq!(likelihood(2), 2); // 0.33/month
        assert_eq!(likelihood(3), 3); // 0.5/month
        assert_eq!(likelihood(11), 3); // 1.83
        assert_eq!(likelihood(12), 4); // 2.0
        assert_eq!(likelihood(29), 4);
        assert_eq!(likelihood(30), 5); // 5.0
    }

    #[test]
    fn impact_boundaries() {
        assert_eq!(impact(0, false), 1);
        assert_eq!(impact(5, false), 2); // 0.83/month
        assert_eq!(impact(6, false), 3); // 1.0
        assert_eq!(impact(29, false), 3);
        assert_eq!(impact(30, false), 4); // 5.0
        assert_eq!(impact(119, false), 4);
        assert_eq!(impact(120, false), 5); // 20.0
        assert_eq!(impact(0, true), 2);
        assert_eq!(impact(500, true), 5);
    }

    #[test]
    fn risk_bands() {
        let s = suggest(30, 120, false);
        assert_eq!(
            (s.likelihood, s.impact, s.risk, s.band),
            (5, 5, 25, RiskBand::VeryHigh)
        );
        assert_eq!(suggest(3, 6, false).band, RiskBand::Medium); // 3×3
        assert_eq!(suggest(12, 6, false).band, RiskBand::High); // 4×3
        assert_eq!(suggest(0, 0, false).band, RiskBand::Low);
    }
}
