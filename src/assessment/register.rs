//! The threat register's entries: a perpetrator type in some regions, the
//! analyst's ratings and rationale, the POC tiers it engages and who takes
//! each over (METHODOLOGY §5).

use super::SharingLevel;
use crate::model::PerpetratorType;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// POC tiers (METHODOLOGY §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Tier {
    /// I: dialogue and engagement.
    I,
    /// II: physical protection.
    II,
    /// III: a protective environment.
    III,
}

impl Tier {
    /// All tiers.
    pub const ALL: [Tier; 3] = [Tier::I, Tier::II, Tier::III];

    /// Label with its meaning.
    pub fn label(self) -> &'static str {
        self.label_in(crate::i18n::Lang::En)
    }

    /// Label with its meaning in a language (French: the DPO policy's
    /// names of the three tiers).
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        if lang == crate::i18n::Lang::Fr {
            return match self {
                Tier::I => "Niveau I (protection par le dialogue et l'engagement)",
                Tier::II => "Niveau II (protection physique)",
                Tier::III => "Niveau III (instauration d'un environnement protecteur)",
            };
        }
        match self {
            Tier::I => "Tier I (dialogue and engagement)",
            Tier::II => "Tier II (physical protection)",
            Tier::III => "Tier III (protective environment)",
        }
    }
}

/// Who takes over a protection task after the mission leaves.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Successor {
    /// Host-state civilian authorities (justice, local government).
    HostStateAuthorities,
    /// Host-state security forces (army, police).
    HostStateSecurityForces,
    UnCountryTeam,
    SpecialPoliticalMission,
    Ohchr,
    ProtectionCluster,
    Other(String),
    /// Nobody.
    None,
}

impl Successor {
    /// Short label.
    pub fn label(&self) -> String {
        self.label_in(crate::i18n::Lang::En)
    }

    /// Short label in a language (`Other: …` keeps the analyst's words).
    pub fn label_in(&self, lang: crate::i18n::Lang) -> String {
        if lang == crate::i18n::Lang::Fr {
            return match self {
                Successor::HostStateAuthorities => "Autorités civiles de l'État hôte".into(),
                Successor::HostStateSecurityForces => "Forces de sécurité de l'État hôte".into(),
                Successor::UnCountryTeam => "Équipe de pays des Nations Unies".into(),
                Successor::SpecialPoliticalMission => "Mission politique spéciale".into(),
                Successor::Ohchr => "HCDH".into(),
                Successor::ProtectionCluster => "Cluster protection".into(),
                Successor::Other(s) => format!("Autre\u{a0}: {s}"),
                Successor::None => "Personne".into(),
            };
        }
        match self {
            Successor::HostStateAuthorities => "Host-state authorities".into(),
            Successor::HostStateSecurityForces => "Host-state security forces".into(),
            Successor::UnCountryTeam => "UN country team".into(),
            Successor::SpecialPoliticalMission => "Special political mission".into(),
            Successor::Ohchr => "OHCHR".into(),
            Successor::ProtectionCluster => "Protection cluster".into(),
            Successor::Other(s) => format!("Other: {s}"),
            Successor::None => "None".into(),
        }
    }

    /// The key used in JSON.
    pub fn key(&self) -> String {
        match self {
            Successor::HostStateAuthorities => "host_state_authorities".into(),
            Successor::HostStateSecurityForces => "host_state_security_forces".into(),
            Successor::UnCountryTeam => "un_country_team".into(),
            Successor::SpecialPoliticalMission => "special_political_mission".into(),
            Successor::Ohchr => "ohchr".into(),
            Successor::ProtectionCluster => "protection_cluster".into(),
            Successor::Other(_) => "other".into(),
            Successor::None => "none".into(),
        }
    }
}

/// One threat in the register.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreatEntry {
    /// Stable within the file.
    pub id: u32,
    pub perpetrator: PerpetratorType,
    /// A named actor group the entry is about, if narrower than the type.
    #[serde(default)]
    pub actor_group: Option<String>,
    /// Region names as the matrix shows them (admin 1).
    pub regions: Vec<String>,
    /// The analyst's likelihood (1–5); `None` = accept the suggestion.
    #[serde(default)]
    pub likelihood: Option<u8>,
    /// The analyst's impact (1–5); `None` = accept the suggestion.
    #[serde(default)]
    pub impact: Option<u8>,
    /// Required when the analyst's values differ from the suggestion.
    #[serde(default)]
    pub rationale: String,
    /// The widest level the rationale may be printed at (free text stays
    /// `internal` unless cleared, METHODOLOGY §6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rationale_cleared: Option<SharingLevel>,
    #[serde(default)]
    pub tiers: Vec<Tier>,
    /// Expected to persist after the mission leaves.
    #[serde(default)]
    pub residual: bool,
    /// For a residual entry: who takes over, per tier.
    #[serde(default)]
    pub successors: BTreeMap<Tier, Successor>,
    /// The successor's capacity, 1 (none) to 5 (full).
    #[serde(default)]
    pub capacity: Option<u8>,
    /// The capacity of each tier's successor, 1 (none) to 5 (full), where
    /// the analyst rates them apart.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub tier_capacity: BTreeMap<Tier, u8>,
    #[serde(default)]
    pub mitigation: String,
    /// The widest level the mitigation may be printed at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mitigation_cleared: Option<SharingLevel>,
    #[serde(default)]
    pub review_date: Option<NaiveDate>,
    /// The planned date of handover to each tier's successor.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub handover: BTreeMap<Tier, NaiveDate>,
    /// Workshop participants' own ratings (METHODOLOGY §10); the agreed
    /// rating is the analyst's (`likelihood`, `impact`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ratings: Vec<ParticipantRating>,
    /// Dissents recorded against the agreed rating.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dissents: Vec<Dissent>,
}

/// One participant's rating of an entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParticipantRating {
    /// The participant's name, as in the assessment's list.
    pub participant: String,
    #[serde(default)]
    pub likelihood: Option<u8>,
    #[serde(default)]
    pub impact: Option<u8>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

/// A participant's dissent from the agreed rating, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dissent {
    pub participant: String,
    pub reason: String,
}

/// The participants' ratings of one entry on one scale: median (halves
/// where the count is even), lowest and highest, and how many rated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub median: f64,
    pub min: u8,
    pub max: u8,
    pub n: usize,
}

impl Spread {
    fn of(mut v: Vec<u8>) -> Option<Spread> {
        if v.is_empty() {
            return None;
        }
        v.sort_unstable();
        let n = v.len();
        let median = if n % 2 == 1 {
            f64::from(v[n / 2])
        } else {
            (f64::from(v[n / 2 - 1]) + f64::from(v[n / 2])) / 2.0
        };
        Some(Spread {
            median,
            min: v[0],
            max: v[n - 1],
            n,
        })
    }

    /// The range (highest − lowest).
    pub fn range(&self) -> u8 {
        self.max - self.min
    }

    /// "3.5 (2–5)": the median, then the lowest and highest; "–" for none.
    pub fn text(s: Option<Spread>, lang: crate::i18n::Lang) -> String {
        s.map_or_else(
            || "–".to_string(),
            |s| {
                let m = if s.median.fract() == 0.0 {
                    format!("{}", s.median as u8)
                } else {
                    crate::i18n::decimal(lang, &format!("{:.1}", s.median))
                };
                format!("{m} ({}–{})", s.min, s.max)
            },
        )
    }
}

/// The panel's view of an entry (METHODOLOGY §10).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Panel {
    pub likelihood: Option<Spread>,
    pub impact: Option<Spread>,
}

impl Panel {
    /// Contested: a range of 2 or more on either scale.
    pub fn contested(&self) -> bool {
        [self.likelihood, self.impact]
            .iter()
            .flatten()
            .any(|s| s.range() >= 2)
    }
}

impl ThreatEntry {
    /// A new entry for a perpetrator type in some regions, analyst values unset.
    pub fn new(id: u32, perpetrator: PerpetratorType, regions: Vec<String>) -> Self {
        ThreatEntry {
            id,
            perpetrator,
            actor_group: None,
            regions,
            likelihood: None,
            impact: None,
            rationale: String::new(),
            rationale_cleared: None,
            tiers: Vec::new(),
            residual: false,
            successors: BTreeMap::new(),
            capacity: None,
            tier_capacity: BTreeMap::new(),
            mitigation: String::new(),
            mitigation_cleared: None,
            review_date: None,
            handover: BTreeMap::new(),
            ratings: Vec::new(),
            dissents: Vec::new(),
        }
    }

    /// The participants' ratings as a panel; `None` when nobody rated.
    pub fn panel(&self) -> Option<Panel> {
        let l = Spread::of(self.ratings.iter().filter_map(|r| r.likelihood).collect());
        let i = Spread::of(self.ratings.iter().filter_map(|r| r.impact).collect());
        (l.is_some() || i.is_some()).then_some(Panel {
            likelihood: l,
            impact: i,
        })
    }

    /// Whether the panel's ratings are contested (METHODOLOGY §10).
    pub fn contested(&self) -> bool {
        self.panel().is_some_and(|p| p.contested())
    }

    /// A participant's rating of this entry.
    pub fn rating_of(&self, participant: &str) -> Option<&ParticipantRating> {
        self.ratings.iter().find(|r| r.participant == participant)
    }
}
