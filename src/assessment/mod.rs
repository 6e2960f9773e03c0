//! The analyst's assessment: the document behind the residual-threat annex
//! (METHODOLOGY §4–5). Plain data, saved as human-readable RON with a
//! `format_version` (`file.rs`); changed only through `Edit`s, each of which
//! returns its inverse, so undo and redo work across the session (`edit.rs`).
//! What the data says about it (suggestions, flags, footprint, benchmarks,
//! back-test) is computed in `review.rs`, never stored.

pub mod benchmarks;
pub mod datasets;
pub mod diff;
pub mod edit;
pub mod file;
pub mod footprint;
pub mod rating_sheets;
pub mod regions;
mod register;
pub mod review;
pub mod scenarios;
pub mod sharing;

use crate::analysis::Filter;
use crate::import::ColumnMapping;
use crate::model::{PerpetratorType, SourceFormat};

// Plain data read by `import::bases`, so it lives in the model.
pub use crate::model::base::Base;
pub use benchmarks::{Benchmark, BenchmarkMetric, Direction, Frequency};
use chrono::NaiveDate;
pub use register::{Dissent, Panel, ParticipantRating, Spread, Successor, ThreatEntry, Tier};
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
    /// Verified monitoring-log records only (METHODOLOGY §7).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub verified_only: bool,
    /// The annex's language (English when absent).
    #[serde(default, skip_serializing_if = "crate::i18n::is_english")]
    pub lang: crate::i18n::Lang,
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

/// The analyst's HRDDP record for one state security actor (METHODOLOGY
/// §9): the risk they judge, the mitigating measures and the UN entity
/// providing support.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct HrddpRecord {
    /// The actor's name as the sources write it.
    pub actor: String,
    pub risk: Option<crate::analysis::hrddp::HrddpRisk>,
    pub mitigation: String,
    /// The UN entity providing (or asked to provide) the support.
    pub supporting_entity: String,
}

/// A workshop participant: a name and an entity (a mission component or
/// a member of the UN country team).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participant {
    pub name: String,
    #[serde(default)]
    pub entity: String,
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
    /// The analyst's human rights due diligence record per state security
    /// actor (METHODOLOGY §9).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hrddp: Vec<HrddpRecord>,
    /// The joint workshop's participants (METHODOLOGY §10).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub participants: Vec<Participant>,
    /// Drawdown scenarios beside the footprint's own plan (METHODOLOGY §10).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scenarios: Vec<scenarios::Scenario>,
    /// How events recorded by several sources are matched and counted once
    /// (METHODOLOGY §8); written only where it differs from the method.
    #[serde(
        default,
        skip_serializing_if = "crate::analysis::matching::MatchSettings::is_default"
    )]
    pub matching: crate::analysis::matching::MatchSettings,
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
            matching: Default::default(),
            hrddp: Vec::new(),
            participants: Vec::new(),
            scenarios: Vec::new(),
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
