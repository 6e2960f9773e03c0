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

use crate::bi;
use crate::i18n::{Bi, Lang};
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
/// that names the file, in both languages (`text_in`); `Display` is the
/// English one.
#[derive(Debug, Clone)]
pub enum ImportError {
    /// The operating system's own message (in the system's language).
    Io {
        path: PathBuf,
        message: String,
    },
    Empty {
        path: PathBuf,
    },
    NotATable {
        path: PathBuf,
        reason: Bi,
    },
    UnknownShape {
        path: PathBuf,
        columns: Vec<String>,
        /// Where the header was found and the first data rows, for the
        /// mapping dialog.
        preview: Vec<Vec<String>>,
    },
    MissingColumn {
        path: PathBuf,
        format: &'static str,
        column: String,
    },
    AmbiguousDates {
        path: PathBuf,
        column: String,
        example: String,
    },
    Mapping {
        path: PathBuf,
        message: Bi,
    },
    /// The workbook reader's message (ours in both languages; a spreadsheet
    /// library's own words as it wrote them).
    Workbook {
        path: PathBuf,
        message: Bi,
    },
    Cancelled,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text_in(Lang::En))
    }
}

impl std::error::Error for ImportError {}

impl crate::i18n::Localized for ImportError {
    fn text_in(&self, lang: Lang) -> String {
        ImportError::text_in(self, lang)
    }
}

impl ImportError {
    /// The file the error is about.
    pub fn path(&self) -> Option<&Path> {
        match self {
            ImportError::Io { path, .. }
            | ImportError::Empty { path }
            | ImportError::NotATable { path, .. }
            | ImportError::UnknownShape { path, .. }
            | ImportError::MissingColumn { path, .. }
            | ImportError::AmbiguousDates { path, .. }
            | ImportError::Mapping { path, .. }
            | ImportError::Workbook { path, .. } => Some(path),
            ImportError::Cancelled => None,
        }
    }

    /// The message in `lang`: the file, then why.
    pub fn text_in(&self, lang: Lang) -> String {
        match self.path() {
            Some(p) => format!(
                "{}{} {}",
                p.display(),
                crate::i18n::colon(lang),
                self.reason().get(lang)
            ),
            None => self.reason().get(lang).to_string(),
        }
    }

    /// Why, without the file's name.
    pub fn reason(&self) -> Bi {
        match self {
            ImportError::Io { message, .. } => Bi::new(
                format!("cannot read the file: {message}"),
                format!("impossible de lire le fichier : {message}"),
            ),
            ImportError::Empty { .. } => bi!("the file is empty", "le fichier est vide"),
            ImportError::NotATable { reason, .. } => reason.clone(),
            ImportError::UnknownShape { columns, .. } => {
                let en = columns.join(", ");
                let fr: Vec<String> = columns.iter().map(|c| format!("« {c} »")).collect();
                let fr = fr.join(", ");
                Bi::new(
                    format!(
                        "not recognised as ACLED, UCDP GED or an HXL-tagged file with a #date column (columns: {en}); describe it with a column mapping (--mapping FILE)"
                    ),
                    format!(
                        "non reconnu comme ACLED, UCDP GED ou un fichier balisé HXL avec une colonne #date (colonnes : {fr}) ; décrivez-le par une correspondance de colonnes (--mapping FICHIER)"
                    ),
                )
            }
            ImportError::MissingColumn { format, column, .. } => {
                let fr_format = match *format {
                    "the column mapping" => "la correspondance de colonnes",
                    "Insecurity Insight incident data" => {
                        "Les données d'incidents d'Insecurity Insight"
                    }
                    other => other,
                };
                bi!(
                    "{format} needs a column '{column}', which the header does not have",
                    "{fr_format} exige une colonne « {column} », que l'en-tête n'a pas"
                )
            }
            ImportError::AmbiguousDates {
                column, example, ..
            } => bi!(
                "every numeric date in column '{column}' could be read as DD/MM or MM/DD (e.g. '{example}'); set date_order in the column mapping",
                "chaque date numérique de la colonne « {column} » peut se lire JJ/MM ou MM/JJ (par exemple « {example} ») ; indiquez date_order dans la correspondance de colonnes"
            ),
            ImportError::Mapping { message, .. } => message.prefixed(
                "the column mapping cannot be read: ",
                "la correspondance de colonnes est illisible : ",
            ),
            ImportError::Workbook { message, .. } => message.prefixed(
                "the workbook cannot be read: ",
                "le classeur est illisible : ",
            ),
            ImportError::Cancelled => {
                bi!("the import was cancelled", "l'importation a été annulée")
            }
        }
    }

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
            reason: bi!(
                "this is a folder, not a file",
                "c'est un dossier, pas un fichier"
            ),
        });
    }
    if !meta.is_file() {
        // A device (`/dev/zero`) or a pipe would never end: refused before
        // any read, with the reason (not as "empty").
        return Err(ImportError::NotATable {
            path: path.to_path_buf(),
            reason: bi!(
                "not a regular file (a device or pipe cannot be read as a dataset)",
                "pas un fichier ordinaire (un périphérique ou un tube ne se lit pas comme un jeu de données)"
            ),
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
) -> Result<(Box<dyn RowMapper>, SourceFormat, Bi), ImportError> {
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
            reason: bi!(
                "this is an aggregated table (events and fatalities per region and month, as in ACLED's HDX workbooks), not a list of events; the threat matrix needs event-level data (one row per event with its actors)",
                "c'est un tableau agrégé (événements et morts par région et par mois, comme dans les classeurs ACLED de HDX), pas une liste d'événements ; la matrice des menaces exige des données par événement (une ligne par événement avec ses acteurs)"
            ),
        });
    }
    if let Some(mapping) = &options.mapping {
        let m = mapping::MappedMapper::new(mapping, header, path)?;
        let layout = if mapping.name.is_empty() {
            bi!(
                "table read through 'column mapping'",
                "table lue par une correspondance de colonnes"
            )
        } else {
            let name = &mapping.name;
            bi!("table read through '{name}'", "table lue par « {name} »")
        };
        return Ok((Box::new(m), SourceFormat::Mapped, layout));
    }
    if template::recognise(header) {
        let m = template::TemplateMapper::new(header, path)?;
        return Ok((
            Box::new(m),
            SourceFormat::Monitoring,
            bi!(
                "the workbench's monitoring-log template, read without a mapping (violation types, victims by group, verification status)",
                "le modèle de registre de suivi de l'atelier, lu sans correspondance (types de violations, victimes par groupe, statut de vérification)"
            ),
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
            bi!(
                "HXL-tagged table, columns mapped from tags",
                "table balisée HXL, colonnes reconnues par leurs balises"
            ),
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
                message: crate::i18n::Bi::new(
                    format!(
                        "event id {} was already read at line {line}; this copy is not counted",
                        fields::quote(columns.event_id.get(i))
                    ),
                    format!(
                        "l'identifiant d'événement {} a déjà été lu à la ligne {line} ; cette copie n'est pas comptée",
                        fields::guillemets(columns.event_id.get(i))
                    ),
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
