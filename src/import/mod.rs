//! Importers: from a file on disk to a `Dataset`, with an `ImportReport`
//! that accounts for every row.
//!
//! `import_file` sniffs the container (text, XLSX, XLS), the encoding and the
//! delimiter, finds the header and HXL tag rows, recognises the source
//! (ACLED, UCDP GED, HXL, or a column mapping), and streams the rows through
//! the matching `RowMapper` on all cores (`pipeline`). Raw cells become an
//! `IncidentDraft` in exactly one place per format: `acled.rs`, `ucdp.rs`,
//! `mapping.rs`.

pub mod acled;
pub mod bases;
pub mod blocks;
pub mod cells;
pub mod excel;
pub mod fastcsv;
pub mod fields;
pub mod insecurity;
mod join;
mod layout;
pub mod mapping;
mod mapping_check;
mod monitoring_cells;
pub mod numbers;
pub mod pipeline;
mod rows;
pub mod sniff;
pub mod source;
mod stops;
pub mod template;
pub mod ucdp;
pub mod workbook;

use crate::model::dataset::{Dataset, DatasetMeta, SourceFormat};
use crate::model::dates::DateOrder;
use crate::model::incident::IncidentDraft;
use fields::{Fields, Header, RowCtx};
pub use mapping::ColumnMapping;
pub use source::{preview_file, source_record};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Turns one data record into an incident, or rejects it through `ctx`.
pub trait RowMapper: Send + Sync {
    /// The date column, whose day/month order is decided from the data.
    fn date_column(&self) -> Option<usize>;
    /// Fixes the day/month order for numeric dates.
    fn set_date_order(&mut self, order: DateOrder);
    /// Whether numeric dates still have no order (no source convention and no
    /// order in the mapping).
    fn lacks_date_order(&self) -> bool {
        false
    }
    /// The day/month order the analyst fixed (a mapping's `date_order`),
    /// which the values do not override.
    fn fixed_date_order(&self) -> Option<DateOrder> {
        None
    }
    /// Maps one record. `None` means rejected; the reason is in `ctx`.
    fn map<'r>(&self, row: &'r dyn Fields, ctx: &mut RowCtx) -> Option<IncidentDraft<'r>>;
}

/// Shared between a running import and whoever watches it (the GUI's
/// progress bar, the CLI). All fields are atomics: cheap to poll.
#[derive(Debug, Default)]
pub struct Progress {
    /// Bytes of input processed so far.
    pub bytes_done: AtomicU64,
    /// Bytes of input in all (0 until known).
    pub bytes_total: AtomicU64,
    /// Records read so far.
    pub rows: AtomicU64,
    /// Set to ask the import to stop; it then returns `ImportError::Cancelled`.
    pub cancel: AtomicBool,
}

impl Progress {
    /// Whether cancellation was asked for.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The fraction done, 0.0–1.0.
    pub fn fraction(&self) -> f32 {
        let total = self.bytes_total.load(Ordering::Relaxed);
        if total == 0 {
            0.0
        } else {
            (self.bytes_done.load(Ordering::Relaxed) as f64 / total as f64).min(1.0) as f32
        }
    }
}

/// What the caller can tell the importer.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// A column mapping for files that are not ACLED or UCDP.
    pub mapping: Option<ColumnMapping>,
}

/// Why a file could not be imported at all. Each message is one sentence
/// that names the file.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ImportError {
    #[error("{}: cannot read the file: {message}", path.display())]
    Io { path: PathBuf, message: String },
    #[error("{}: the file is empty", path.display())]
    Empty { path: PathBuf },
    #[error("{}: {reason}", path.display())]
    NotATable { path: PathBuf, reason: String },
    #[error(
        "{}: not recognised as ACLED, UCDP GED or an HXL-tagged file with a #date column (columns: {}); describe it with a column mapping (--mapping FILE)",
        path.display(), columns.join(", ")
    )]
    UnknownShape {
        path: PathBuf,
        columns: Vec<String>,
        /// Where the header was found and the first data rows, for the
        /// mapping dialog.
        preview: Vec<Vec<String>>,
    },
    #[error("{}: {format} needs a column '{column}', which the header does not have", path.display())]
    MissingColumn {
        path: PathBuf,
        format: &'static str,
        column: String,
    },
    #[error(
        "{}: every numeric date in column '{column}' could be read as DD/MM or MM/DD (e.g. '{example}'); set date_order in the column mapping",
        path.display()
    )]
    AmbiguousDates {
        path: PathBuf,
        column: String,
        example: String,
    },
    #[error("{}: the column mapping cannot be read: {message}", path.display())]
    Mapping { path: PathBuf, message: String },
    #[error("{}: the workbook cannot be read: {message}", path.display())]
    Workbook { path: PathBuf, message: String },
    #[error("the import was cancelled")]
    Cancelled,
}

impl ImportError {
    /// A stable key for the kind of error (used by the test corpus).
    pub fn kind(&self) -> &'static str {
        match self {
            ImportError::Io { .. } => "io",
            ImportError::Empty { .. } => "empty",
            ImportError::NotATable { .. } => "not_a_table",
            ImportError::UnknownShape { .. } => "unknown_shape",
            ImportError::MissingColumn { .. } => "missing_column",
            ImportError::AmbiguousDates { .. } => "ambiguous_dates",
            ImportError::Mapping { .. } => "mapping",
            ImportError::Workbook { .. } => "workbook",
            ImportError::Cancelled => "cancelled",
        }
    }
}

/// Imports one file. Never panics on its content; every outcome is a
/// `Dataset` with its report, or an `ImportError` naming the file.
pub fn import_file(
    path: &Path,
    options: &ImportOptions,
    progress: &Progress,
) -> Result<Dataset, ImportError> {
    let io = |e: std::io::Error| ImportError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if meta.is_dir() {
        return Err(ImportError::NotATable {
            path: path.to_path_buf(),
            reason: "this is a folder, not a file".to_string(),
        });
    }
    if !meta.is_file() {
        // A device (`/dev/zero`) or a pipe would never end: refused before
        // any read, with the reason (not as "empty").
        return Err(ImportError::NotATable {
            path: path.to_path_buf(),
            reason: "not a regular file (a device or pipe cannot be read as a dataset)".to_string(),
        });
    }
    let len = meta.len();
    progress.bytes_total.store(len, Ordering::Relaxed);
    if progress.is_cancelled() {
        return Err(ImportError::Cancelled);
    }
    if len == 0 {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        });
    }
    let mut head = [0u8; 8];
    let n = {
        use std::io::Read;
        let mut f = std::fs::File::open(path).map_err(io)?;
        let mut n = 0;
        while n < head.len() {
            match f.read(&mut head[n..]).map_err(io)? {
                0 => break,
                k => n += k,
            }
        }
        n
    };
    match sniff::container(&head[..n]) {
        sniff::Container::Zip | sniff::Container::Ole => {
            excel::import_workbook(path, options, progress)
        }
        sniff::Container::Text => pipeline::import_text(path, options, progress),
    }
}

/// Which mapper a header calls for, and the format it gives.
pub(crate) fn choose_mapper(
    header: &Header,
    has_tags: bool,
    options: &ImportOptions,
    path: &Path,
    preview: &[Vec<String>],
) -> Result<(Box<dyn RowMapper>, SourceFormat, String), ImportError> {
    if acled::recognise(header) {
        let m = acled::AcledMapper::new(header, path, has_tags)?;
        let layout = m.layout.clone();
        return Ok((Box::new(m), SourceFormat::Acled, layout));
    }
    if ucdp::recognise(header) {
        let m = ucdp::UcdpMapper::new(header, path, has_tags)?;
        let layout = m.layout.clone();
        return Ok((Box::new(m), SourceFormat::Ucdp, layout));
    }
    // ACLED's HDX aggregated workbooks hold counts per region and month,
    // not events: they cannot give civilian-harm events by perpetrator.
    if ["events", "fatalities", "month", "year"]
        .iter()
        .all(|c| header.has(c))
        && !header.has("event_id_cnty")
    {
        return Err(ImportError::NotATable {
            path: path.to_path_buf(),
            reason: "this is an aggregated table (events and fatalities per region and month, as in ACLED's HDX workbooks), not a list of events; the threat matrix needs event-level data (one row per event with its actors)".to_string(),
        });
    }
    if let Some(mapping) = &options.mapping {
        let m = mapping::MappedMapper::new(mapping, header, path)?;
        let name = if mapping.name.is_empty() {
            "column mapping"
        } else {
            &mapping.name
        };
        return Ok((
            Box::new(m),
            SourceFormat::Mapped,
            format!("table read through '{name}'"),
        ));
    }
    if template::recognise(header) {
        let m = template::TemplateMapper::new(header, path)?;
        return Ok((
            Box::new(m),
            SourceFormat::Monitoring,
            "the workbench's monitoring-log template, read without a mapping (violation types, victims by group, verification status)".to_string(),
        ));
    }
    if insecurity::recognise(header) {
        let m = insecurity::InsecurityInsightMapper::new(header, path)?;
        let layout = m.layout.clone();
        return Ok((Box::new(m), SourceFormat::Monitoring, layout));
    }
    if has_tags && let Some(mapping) = ColumnMapping::hxl_default(header) {
        let m = mapping::MappedMapper::new(&mapping, header, path)?;
        return Ok((
            Box::new(m),
            SourceFormat::Hxl,
            "HXL-tagged table, columns mapped from tags".to_string(),
        ));
    }
    Err(ImportError::UnknownShape {
        path: path.to_path_buf(),
        columns: (0..header.width()).map(|i| header.display(i)).collect(),
        preview: preview.to_vec(),
    })
}

/// Repeated event ids, found as rows are appended. The table holds row
/// numbers only (4 bytes a row) and compares the ids themselves, so two ids
/// with the same hash are never taken for a repeat.
#[derive(Default)]
pub(crate) struct RepeatedIds {
    first: hashbrown::HashTable<u32>,
    /// (repeated row, row of its first reading)
    repeats: Vec<(u32, u32)>,
    scanned: usize,
}

impl RepeatedIds {
    pub(crate) fn with_capacity(rows: usize) -> Self {
        RepeatedIds {
            first: hashbrown::HashTable::with_capacity(rows),
            ..Default::default()
        }
    }

    /// Checks the rows appended to `columns` since the last call.
    pub(crate) fn scan(&mut self, columns: &crate::model::incident::IncidentColumns) {
        use crate::model::text::fx_hash;
        let ids = &columns.event_id;
        for i in self.scanned..columns.len() {
            let id = ids.get(i);
            if id.is_empty() {
                continue;
            }
            match self.first.entry(
                fx_hash(id),
                |&r| ids.get(r as usize) == id,
                |&r| fx_hash(ids.get(r as usize)),
            ) {
                hashbrown::hash_table::Entry::Occupied(o) => {
                    self.repeats.push((i as u32, *o.get()));
                }
                hashbrown::hash_table::Entry::Vacant(v) => {
                    v.insert(i as u32);
                }
            }
        }
        self.scanned = columns.len();
    }

    /// The (repeated row, first row) pairs found, the table freed.
    fn into_repeats(self) -> Vec<(u32, u32)> {
        self.repeats
    }
}

/// Ends an import: rows whose event id was already read are rejected
/// (METHODOLOGY §1: counted once), and the columns shrunk to size.
pub(crate) fn finish(
    columns: crate::model::incident::IncidentColumns,
    report: crate::model::report::ImportReport,
    meta: DatasetMeta,
) -> Dataset {
    let mut ids = RepeatedIds::with_capacity(columns.len());
    ids.scan(&columns);
    finish_scanned(columns, report, meta, ids)
}

/// `finish`, with the repeated ids already found as the rows came in.
pub(crate) fn finish_scanned(
    mut columns: crate::model::incident::IncidentColumns,
    mut report: crate::model::report::ImportReport,
    meta: DatasetMeta,
    mut ids: RepeatedIds,
) -> Dataset {
    ids.scan(&columns);
    let repeats = ids.into_repeats();
    let id_col = match meta.format {
        SourceFormat::Acled => "event_id_cnty",
        SourceFormat::Ucdp => "id",
        _ => "event id",
    };
    if !repeats.is_empty() {
        let mut keep = vec![true; columns.len()];
        let dropped = repeats.len() as u64;
        for &(i, r) in &repeats {
            let (i, r) = (i as usize, r as usize);
            keep[i] = false;
            let line = columns.line[r];
            report.push(crate::model::report::Issue {
                severity: crate::model::report::Severity::Rejected,
                line: u64::from(columns.line[i]),
                record: 0,
                column: id_col.to_string(),
                code: crate::model::report::IssueCode::DuplicateEventId,
                message: format!(
                    "event id {} was already read at line {line}; this copy is not counted",
                    fields::quote(columns.event_id.get(i))
                ),
            });
        }
        columns.retain(&keep);
        report.kept -= dropped;
        report.rejected += dropped;
        report.issues.sort_by_key(|i| i.line);
    }
    columns.shrink_to_fit();
    Dataset::new(meta, columns, report)
}
