//! The validated vocabulary of the workbench: perpetrator types, regions,
//! dates, and the column store of incidents that every analysis reads.

pub mod base;
pub mod boundaries;
pub mod codes;
pub mod dataset;
pub mod date_vote;
pub mod dates;
pub mod incident;
pub mod interner;
pub mod mapping;
pub mod monitoring;
pub mod palette;
pub mod perpetrator;
pub mod region;
pub mod report;
pub mod str_column;
pub mod text;

pub use dataset::{Dataset, SourceFormat};
pub use incident::{GeoPrecision, HarmKind, IncidentColumns, IncidentDraft, TimePrecision};
pub use perpetrator::PerpetratorType;
pub use report::{ImportReport, Issue, IssueCode, Severity};
