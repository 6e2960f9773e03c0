//! The analyst's assessment: the document behind the residual-threat annex
//! (METHODOLOGY §4–5). Plain data, saved as human-readable RON with a
//! `format_version` (`file.rs`); changed only through `Edit`s, each of which
//! returns its inverse, so undo and redo work across the session (`edit.rs`).
//! What the data says about it (suggestions, flags, footprint, benchmarks,
//! back-test) is computed in `review.rs`, never stored.

pub mod benchmarks;
pub mod datasets;
pub mod edit;
pub mod file;
pub mod footprint;
pub mod regions;
pub mod review;
pub mod sharing;

use crate::analysis::Filter;
use crate::import::ColumnMapping;
use crate::model::{PerpetratorType, SourceFormat};

// Plain data read by `import::bases`, so it lives in the model.
pub use crate::model::base::Base;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The version this build writes. Older or newer files are refused with a
/// message (there is no older format yet to migrate from).
pub const FORMAT_VERSION: u32 = 1;

/// A dataset the assessment is built on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetRef {
    /// Relative to the assessment file's folder when it lies below it.
    pub path: PathBuf,
    /// SHA-256 of the file when it was added, lower-case hex.
    pub sha256: String,
    pub format: SourceFormat,
    #[serde(default)]
    pub mapping: Option<ColumnMapping>,
    /// The dates the analyst declares the dataset covers, where they differ
    /// from its first and last rows (METHODOLOGY §4: an export cut at a
    /// date with no event that day, a log kept since before its first case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covers: Option<(NaiveDate, NaiveDate)>,
}

/// An analyst's re-classification of an actor (METHODOLOGY §2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reclassification {
    pub actor: String,
    pub to: PerpetratorType,
    pub reason: String,
    /// The widest level the reason may be printed at (free text stays
    /// `internal` unless cleared, METHODOLOGY §6).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason_cleared: Option<SharingLevel>,
}

/// Two admin-1 region names counted as one: rows named `from` (case,
/// accents and punctuation aside) count in `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionAlias {
    pub from: String,
    pub to: String,
}

/// A named filter the analyst keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedFilter {
    pub name: String,
    pub filter: Filter,
}

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

/// What a benchmark measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BenchmarkMetric {
    CivilianHarmEvents,
    CivilianFatalities,
}

/// Which side of the threshold is good.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// Met when the value is at most the threshold.
    AtMost,
    /// Met when the value is at least the threshold.
    AtLeast,
}

/// An indicator to watch after exit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmark {
    pub name: String,
    pub metric: BenchmarkMetric,
    /// Empty = all types.
    #[serde(default)]
    pub perpetrators: Vec<PerpetratorType>,
    /// Empty = all regions.
    #[serde(default)]
    pub regions: Vec<String>,
    /// The window ending on the evaluation date.
    pub window_months: u32,
    pub threshold: u64,
    pub direction: Direction,
    /// Core (the mission can influence it) or contextual (it cannot).
    pub core: bool,
    /// Who monitors it after exit.
    #[serde(default)]
    pub monitor: String,
    /// The widest level the benchmark's name and monitor (free text) may be
    /// printed at; below it the annex numbers the benchmark instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_cleared: Option<SharingLevel>,
    /// How often it is to be measured after exit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frequency: Option<Frequency>,
}

/// How often a benchmark is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Frequency {
    Monthly,
    Quarterly,
    SixMonthly,
    Yearly,
}

impl Frequency {
    pub const ALL: [Frequency; 4] = [
        Frequency::Monthly,
        Frequency::Quarterly,
        Frequency::SixMonthly,
        Frequency::Yearly,
    ];

    /// As printed in the annex.
    pub fn label(self) -> &'static str {
        match self {
            Frequency::Monthly => "monthly",
            Frequency::Quarterly => "quarterly",
            Frequency::SixMonthly => "every six months",
            Frequency::Yearly => "yearly",
        }
    }
}

/// How widely an export may travel (METHODOLOGY §6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SharingLevel {
    Internal,
    UnPartners,
    HostGovernment,
    Public,
}

impl SharingLevel {
    /// All levels, narrowest first.
    pub const ALL: [SharingLevel; 4] = [
        SharingLevel::Internal,
        SharingLevel::UnPartners,
        SharingLevel::HostGovernment,
        SharingLevel::Public,
    ];

    /// Whether a free text cleared up to `cleared` may be printed at this
    /// level: always at `internal`, above it only up to its clearance.
    pub fn allows(self, cleared: Option<SharingLevel>) -> bool {
        self == SharingLevel::Internal || cleared.is_some_and(|c| self <= c)
    }
}

/// A record of one export (filled by the annex writers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportRecord {
    pub path: PathBuf,
    pub format: String,
    pub level: SharingLevel,
    pub date: NaiveDate,
    #[serde(default)]
    pub recipients: Vec<String>,
    pub sha256: String,
    /// The k of disclosure control (above `internal`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub k: Option<u32>,
    /// The period the annex covers: first and last day (the as-of date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<(Option<NaiveDate>, NaiveDate)>,
}

/// Title, mission, country, as-of date and authors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub title: String,
    pub mission: String,
    pub country: String,
    pub as_of: NaiveDate,
    #[serde(default)]
    pub authors: Vec<String>,
    /// Free notes for the analyst (never exported above `internal`).
    #[serde(default)]
    pub notes: String,
    /// Document control: the annex's document number and version.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub document_number: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub version: String,
    /// Who cleared the annex (name and function), for the clearance block.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub cleared_by: String,
    /// The key judgements as the analyst wrote them, one per item; empty:
    /// the annex generates them from the register.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_judgements: Vec<String>,
    /// The widest level the written key judgements may be printed at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_judgements_cleared: Option<SharingLevel>,
}

impl Meta {
    /// Metadata with the given title, mission, country and as-of date, the
    /// rest empty.
    pub fn new(title: &str, mission: &str, country: &str, as_of: NaiveDate) -> Meta {
        Meta {
            title: title.to_string(),
            mission: mission.to_string(),
            country: country.to_string(),
            as_of,
            authors: Vec::new(),
            notes: String::new(),
            document_number: String::new(),
            version: String::new(),
            cleared_by: String::new(),
            key_judgements: Vec::new(),
            key_judgements_cleared: None,
        }
    }
}

/// The whole document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    pub format_version: u32,
    pub meta: Meta,
    #[serde(default)]
    pub datasets: Vec<DatasetRef>,
    #[serde(default)]
    pub reclassifications: Vec<Reclassification>,
    /// Region names the analyst merges into one (admin 1): a name that
    /// changed over time, or regions split or joined since the data began.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub region_aliases: Vec<RegionAlias>,
    #[serde(default)]
    pub saved_filters: Vec<SavedFilter>,
    #[serde(default)]
    pub register: Vec<ThreatEntry>,
    #[serde(default)]
    pub footprint: Vec<Base>,
    #[serde(default)]
    pub benchmarks: Vec<Benchmark>,
    pub sharing: SharingLevel,
    /// Counts from 1 to k−1 are suppressed above `internal`.
    pub suppression_k: u32,
    #[serde(default)]
    pub exports: Vec<ExportRecord>,
    /// The assessment's own content per sharing level (default: the
    /// annex's built-in choice, `annex::audience`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audiences: Vec<sharing::Audience>,
    /// The `//` comment lines at the top of the file (the analyst's own
    /// notes), kept as written and put back on save: RON has no place for
    /// them in the document itself.
    #[serde(skip)]
    pub header_comment: String,
}

impl Assessment {
    /// An empty assessment.
    pub fn new(meta: Meta) -> Self {
        Assessment {
            header_comment: String::new(),
            format_version: FORMAT_VERSION,
            meta,
            datasets: Vec::new(),
            reclassifications: Vec::new(),
            region_aliases: Vec::new(),
            saved_filters: Vec::new(),
            register: Vec::new(),
            footprint: Vec::new(),
            benchmarks: Vec::new(),
            sharing: SharingLevel::Internal,
            suppression_k: 5,
            exports: Vec::new(),
            audiences: Vec::new(),
        }
    }

    /// The next free register id.
    pub fn next_entry_id(&self) -> u32 {
        self.register
            .iter()
            .map(|e| e.id)
            .max()
            .map_or(1, |m| m + 1)
    }

    /// A dataset reference for a file, with its hash; the path is made
    /// relative to `assessment_dir` when the file lies below it.
    pub fn dataset_ref(
        file: &std::path::Path,
        format: SourceFormat,
        mapping: Option<ColumnMapping>,
        assessment_dir: Option<&std::path::Path>,
    ) -> DatasetRef {
        let sha256 = review::sha256_file(file).unwrap_or_default();
        let path = assessment_dir
            .and_then(|d| file.strip_prefix(d).ok())
            .map_or_else(|| file.to_path_buf(), std::path::Path::to_path_buf);
        DatasetRef {
            path,
            sha256,
            format,
            mapping,
            covers: None,
        }
    }

    /// Region aliases as the workspace takes them: (from, to).
    pub fn aliases(&self) -> Vec<(String, String)> {
        self.region_aliases
            .iter()
            .map(|r| (r.from.clone(), r.to.clone()))
            .collect()
    }

    /// Re-classifications as the workspace takes them.
    pub fn overrides(&self) -> BTreeMap<String, PerpetratorType> {
        self.reclassifications
            .iter()
            .map(|r| (r.actor.clone(), r.to))
            .collect()
    }
}
