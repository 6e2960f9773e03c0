//! The human rights due diligence screen (METHODOLOGY §9): every state
//! security actor (type `state_forces` after re-classification) with what
//! the data hold on it over the 24 months to the as-of date, and a
//! suggested HRDDP risk.

use super::filter::Filter;
use super::matrix::{Windows, for_each_selected};
use super::scores::Trend;
use super::workspace::Workspace;
use crate::model::dates::{day_number, from_day_number};
use crate::model::incident::HarmKind;
use crate::model::monitoring::ViolationType;
use crate::model::perpetrator::PerpetratorType;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// HRDDP risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HrddpRisk {
    Low,
    Medium,
    High,
}

impl HrddpRisk {
    pub const ALL: [HrddpRisk; 3] = [Self::Low, Self::Medium, Self::High];

    pub fn key(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }

    pub fn label(self) -> &'static str {
        self.label_in(crate::i18n::Lang::En)
    }

    /// The risk's name in a language.
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        if lang == crate::i18n::Lang::Fr {
            return match self {
                Self::Low => "Faible",
                Self::Medium => "Moyen",
                Self::High => "Élevé",
            };
        }
        match self {
            Self::Low => "Low",
            Self::Medium => "Medium",
            Self::High => "High",
        }
    }
}

/// The grave violations whose count decides `high` (METHODOLOGY §9).
const GRAVE: [ViolationType; 5] = [
    ViolationType::Killing,
    ViolationType::SexualViolence,
    ViolationType::Torture,
    ViolationType::Abduction,
    ViolationType::Recruitment,
];

/// What the data hold on one state security actor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorScreen {
    /// The actor's name as the sources write it.
    pub actor: String,
    /// Civilian-harm events in the 24 months.
    pub events: u64,
    /// Violations by type in the 24 months (monitoring logs).
    pub violations: BTreeMap<ViolationType, u64>,
    pub victims: u64,
    pub civilian_fatalities: u64,
    /// Regions (admin 1) of its events in the 24 months.
    pub regions: Vec<String>,
    /// The latest date of any of its events (up to the as-of date).
    pub latest: Option<NaiveDate>,
    /// Events in the last 6 months against the 6 before (§4).
    pub trend: Trend,
    /// Events or violations of killing, sexual violence, torture,
    /// abduction or recruitment in the last 12 months.
    pub grave_12_months: u64,
    pub suggested: HrddpRisk,
}

/// The screen as of `as_of`, one entry per state security actor (every
/// actor the data ever type as such), highest suggested risk first, then
/// by name.
pub fn screen(ws: &Workspace, as_of: NaiveDate) -> Vec<ActorScreen> {
    let back = |m: u32| {
        as_of
            .checked_sub_months(Months::new(m))
            .map_or(i32::MIN, day_number)
    };
    let (start24, start12) = (back(24), back(12));
    let w = Windows::ending(as_of);
    let (recent0, previous0) = (day_number(w.recent.0), day_number(w.previous.0));
    let end = day_number(as_of);
    let table = ws.regions(super::filter::RegionLevel::Admin1);
    #[derive(Default)]
    struct Acc {
        events: u64,
        violations: BTreeMap<ViolationType, u64>,
        victims: u64,
        fatalities: u64,
        regions: BTreeSet<String>,
        latest: Option<i32>,
        recent: u64,
        previous: u64,
        grave: u64,
    }
    let mut by_actor: BTreeMap<String, Acc> = BTreeMap::new();
    let grave_mask = GRAVE.iter().fold(0u16, |m, t| m | t.bit());
    for_each_selected(ws, &Filter::default(), |(d, i), r, t, _| {
        if t != PerpetratorType::StateForces {
            return;
        }
        let inc = &ws.datasets[d].incidents;
        let name = inc.names.get(inc.actor[i]).trim();
        let acc = by_actor.entry(name.to_string()).or_default();
        let day = inc.date[i];
        if !inc.civilian_harm[i] || day > end {
            return;
        }
        acc.latest = acc.latest.max(Some(day));
        if day <= start24 {
            return;
        }
        acc.events += 1;
        acc.fatalities += u64::from(inc.civilian_fatalities[i]);
        if let Some(n) = table.names.get(r as usize) {
            acc.regions.insert(n.clone());
        }
        let set = inc.monitoring.violations_at(i);
        for v in ViolationType::in_set(set) {
            *acc.violations.entry(v).or_default() += 1;
        }
        acc.victims += u64::from(inc.monitoring.victims_at(i).0);
        if day >= recent0 {
            acc.recent += 1;
        } else if day >= previous0 {
            acc.previous += 1;
        }
        if day > start12 {
            acc.grave += if inc.monitoring.is_empty() {
                // A conflict event: a killing if civilians died, else its
                // kind (sexual violence, abduction).
                u64::from(
                    inc.civilian_fatalities[i] > 0
                        || matches!(
                            inc.harm_kind_at(i),
                            HarmKind::SexualViolence | HarmKind::Abduction
                        ),
                )
            } else {
                u64::from((set & grave_mask).count_ones())
            };
        }
    });
    let mut out: Vec<ActorScreen> = by_actor
        .into_iter()
        .map(|(actor, a)| {
            let suggested = if a.grave >= 3 {
                HrddpRisk::High
            } else if a.events > 0 {
                HrddpRisk::Medium
            } else {
                HrddpRisk::Low
            };
            ActorScreen {
                actor,
                events: a.events,
                violations: a.violations,
                victims: a.victims,
                civilian_fatalities: a.fatalities,
                regions: a.regions.into_iter().collect(),
                latest: a.latest.and_then(from_day_number),
                trend: Trend::classify(a.recent, a.previous),
                grave_12_months: a.grave,
                suggested,
            }
        })
        .collect();
    out.sort_by(|a, b| b.suggested.cmp(&a.suggested).then(a.actor.cmp(&b.actor)));
    out
}
