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
        }
    }
}
