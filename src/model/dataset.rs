//! A dataset: one imported file's incidents, what kind of source it was, and
//! its import report.

use super::incident::IncidentColumns;
use super::report::ImportReport;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The source family a file was recognised as (METHODOLOGY §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    Acled,
    Ucdp,
    Hxl,
    Mapped,
    /// A human-rights or protection monitoring log read by a built-in
    /// profile (METHODOLOGY §7).
    Monitoring,
}

impl SourceFormat {
    /// The key used in `summarize --json`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Acled => "acled",
            Self::Ucdp => "ucdp",
            Self::Hxl => "hxl",
            Self::Mapped => "mapped",
            Self::Monitoring => "monitoring",
        }
    }
}

/// Facts about where a dataset came from.
#[derive(Debug, Clone, Serialize)]
pub struct DatasetMeta {
    pub path: PathBuf,
    pub format: SourceFormat,
    /// The layout within the family, e.g. "ACLED legacy export (numeric inter
    /// codes), HDX copy with HXL row".
    pub layout: crate::i18n::Bi,
    pub encoding: String,
    /// Field delimiter for text files.
    pub delimiter: Option<char>,
    /// Sheet name for workbooks.
    pub sheet: Option<String>,
    /// The sheets read, in order, when there are several with the same
    /// columns (one per year); empty when one sheet is read.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sheets: Vec<String>,
    /// Header names as read (after trimming).
    pub columns: Vec<String>,
    /// Bytes in the file.
    pub file_bytes: u64,
    /// Byte offset in the file where the record offsets start (after a BOM);
    /// for decoded (non-UTF-8) text, offsets refer to the decoded text.
    pub byte_base: u64,
    /// The sheet row (0-based) of the first row read, for workbooks.
    pub first_sheet_row: u32,
    /// The column mapping the file was read through, if any.
    #[serde(skip)]
    pub mapping: Option<super::mapping::ColumnMapping>,
}

impl DatasetMeta {
    /// The file's name without its folder, for messages.
    pub fn display_name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }
}

/// One imported file.
#[derive(Debug, Clone)]
pub struct Dataset {
    pub meta: DatasetMeta,
    pub incidents: IncidentColumns,
    pub report: ImportReport,
    /// Earliest and latest day numbers, computed once.
    span: std::sync::OnceLock<Option<(i32, i32)>>,
}

impl Dataset {
    /// A dataset from its parts.
    pub fn new(meta: DatasetMeta, incidents: IncidentColumns, report: ImportReport) -> Self {
        Dataset {
            meta,
            incidents,
            report,
            span: std::sync::OnceLock::new(),
        }
    }

    /// Whether the source can record this kind of harm at all: UCDP GED
    /// records killings only; ACLED files without a sub-event type (the
    /// oldest exports) and mapped files without an event-type column cannot
    /// tell sexual violence or abduction from other attacks. Where a source
    /// cannot record a kind, its count is "not recorded", never 0.
    pub fn records_harm_kind(&self, kind: super::HarmKind) -> bool {
        if kind == super::HarmKind::Violence {
            return true;
        }
        match self.meta.format {
            SourceFormat::Ucdp => false,
            SourceFormat::Monitoring => true,
            SourceFormat::Acled => self
                .meta
                .columns
                .iter()
                .any(|c| c.eq_ignore_ascii_case("sub_event_type")),
            SourceFormat::Hxl | SourceFormat::Mapped => {
                self.meta.mapping.as_ref().is_some_and(|m| {
                    m.event_type
                        .as_deref()
                        .is_some_and(|c| !c.trim().is_empty())
                        || m.violation_type
                            .as_deref()
                            .is_some_and(|c| !c.trim().is_empty())
                })
            }
        }
    }

    /// The earliest and latest incident day numbers, if any (computed once:
    /// the window asks every frame).
    pub fn date_span(&self) -> Option<(i32, i32)> {
        *self.span.get_or_init(|| {
            let min = self.incidents.date.iter().copied().min()?;
            let max = self.incidents.date.iter().copied().max()?;
            Some((min, max))
        })
    }
}
