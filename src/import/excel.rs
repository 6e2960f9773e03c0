//! Workbooks (XLSX, XLSM, ODS, legacy XLS), read as streams of rows through
//! `workbook.rs` (guarded, never a whole sheet in memory). Picks the data
//! sheet (the one a mapping names, else one with an HXL row or a known
//! header, skipping hidden and metadata sheets), reads with it every
//! visible sheet with the same columns (a workbook with one sheet per
//! year), fills merged body cells down, skips blank rows, and feeds the
//! rows to the same `RowMapper`s as text files.

use super::fields::{Fields, RowCtx, is_tag_row};
use super::layout::{TableHead, is_known_header};
use super::pipeline::DateEvidence;
use super::workbook::{self, Event, Filled, MAX_FILL_STEPS, Request, SheetInfo};
use super::{ImportError, ImportOptions, Progress, RowMapper, finish};
use crate::bi;
use crate::i18n::Bi;
use crate::model::dataset::{DatasetMeta, SourceFormat};
use crate::model::incident::{IncidentColumns, SourcePosition};
use crate::model::report::ImportReport;
use std::path::Path;
use std::sync::atomic::Ordering;

/// A sheet's first rows, as the preview pass reads them.
pub(crate) struct SheetPreview {
    pub(crate) info: SheetInfo,
    /// 0-based sheet row of `rows[0]` (the first row with a cell).
    pub(crate) first_row: u32,
    pub(crate) rows: Vec<Vec<String>>,
}

fn workbook_error(path: &Path, message: String) -> ImportError {
    ImportError::Workbook {
        path: path.to_path_buf(),
        message: workbook::message_bi(&message),
    }
}

/// The sheets of a workbook with their first `rows` rows (all sheets, or
/// the ones named).
pub(crate) fn preview_sheets(
    path: &Path,
    rows: u32,
    only: Vec<String>,
    progress: &Progress,
) -> Result<Vec<SheetPreview>, ImportError> {
    let mut out: Vec<SheetPreview> = Vec::new();
    let mut infos: Vec<SheetInfo> = Vec::new();
    let request = Request {
        sheets: only,
        max_rows: Some(rows),
        fill_merged: false,
        sorted: false,
    };
    workbook::read(path, &request, &|| progress.is_cancelled(), &mut |ev| {
        match ev {
            Event::Sheets(list) => infos = list.to_vec(),
            Event::Begin(name) => out.push(SheetPreview {
                info: infos
                    .iter()
                    .find(|i| i.name == name)
                    .cloned()
                    .unwrap_or(SheetInfo {
                        name: name.to_string(),
                        hidden: false,
                    }),
                first_row: 0,
                rows: Vec::new(),
            }),
            Event::Row(r, cells) => {
                if let Some(p) = out.last_mut() {
                    if p.rows.is_empty() {
                        p.first_row = r;
                    }
                    p.rows.push(cells.to_vec());
                }
            }
            Event::Restart => {
                if let Some(p) = out.last_mut() {
                    p.rows.clear();
                }
            }
            Event::End(_) => {}
        }
        true
    })
    .map_err(|m| workbook_error(path, m))?;
    if progress.is_cancelled() {
        return Err(ImportError::Cancelled);
    }
    Ok(out)
}

/// Whether a sheet's name says it holds notes, not data.
fn is_metadata(name: &str) -> bool {
    let lname = name.to_lowercase();
    [
        "meta",
        "note",
        "readme",
        "read me",
        "about",
        "codebook",
        "legend",
        "source",
        "lookup",
        "dropdown",
        "drop-down",
    ]
    .iter()
    .any(|w| lname.contains(w))
}

/// How promising a sheet is as the data sheet: (visible, has a known
/// header or tag row, not a metadata sheet, non-blank rows in its preview).
pub(crate) fn sheet_score(s: &SheetPreview) -> (bool, bool, bool, usize) {
    let head = &s.rows[..s.rows.len().min(25)];
    let tagged_or_known = head.iter().any(|r| is_tag_row(r) || is_known_header(r));
    let filled = s
        .rows
        .iter()
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .count();
    (
        !s.info.hidden,
        tagged_or_known,
        !is_metadata(&s.info.name),
        filled,
    )
}

/// The most promising sheet; the first of equals (the sheet an author
/// puts first).
pub(crate) fn best_sheet(sheets: &[SheetPreview]) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, s) in sheets.iter().enumerate() {
        if best.is_none_or(|b| sheet_score(s) > sheet_score(&sheets[b])) {
            best = Some(i);
        }
    }
    best
}

/// A sheet to be read, with its header.
struct Part {
    sheet: usize,
    head: TableHead,
    /// For a sheet whose columns are the main sheet's in another order:
    /// the column of this sheet that holds each of the main sheet's.
    order: Option<Vec<Option<usize>>>,
}

/// Imports the data sheet of a workbook, with the visible sheets that share
/// its columns.
pub fn import_workbook(
    path: &Path,
    options: &ImportOptions,
    progress: &Progress,
) -> Result<crate::model::Dataset, ImportError> {
    let file_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let mapping = options.mapping.as_ref();
    let header_row = mapping.and_then(|m| m.header_row);
    // A mapping's header row further down than the usual 40 rows is read.
    let rows = header_row.map_or(40, |h| {
        u32::try_from(h.saturating_add(2))
            .unwrap_or(u32::MAX)
            .max(40)
    });
    let sheets = preview_sheets(path, rows, Vec::new(), progress)?;
    let wanted = mapping.and_then(|m| m.sheet.clone());
    let main = data_sheet(&sheets, wanted.as_deref(), path)?;
    let first = &sheets[main];
    let head = TableHead::resolve(&first.rows, header_row, first.first_row as usize);
    let (mut mapper, format, layout) = head.choose_mapper(&first.rows, options, path)?;
    let mut parts = vec![Part {
        sheet: main,
        head,
        order: None,
    }];
    let mut same_hidden = Vec::new();
    if wanted.is_none() {
        let (same, hidden) = same_column_sheets(&sheets, main, &parts[0].head);
        parts.extend(same);
        same_hidden = hidden;
    }
    parts.sort_by_key(|p| p.sheet);
    let mut report = start_report(path, &sheets, main, &parts, &layout, &same_hidden);
    if wanted.is_none() {
        report.notes.extend(unread_note(&sheets, &parts));
    }
    let start = report.clone();
    let mut evidence = DateEvidence::default();
    let plan = Plan {
        path,
        sheets: &sheets,
        parts: &parts,
        main,
    };
    let mut pass = map_parts(&plan, &*mapper, &mut report, progress, Some(&mut evidence))?;
    let main_head = plan.main_header();
    if mapper.date_column().is_some() {
        let redo = evidence.changes_order(&*mapper);
        let note = evidence.decide(&mut *mapper, main_head, path)?;
        if redo {
            // The order is known only now: the rows are read again with it.
            report = start;
            pass = map_parts(&plan, &*mapper, &mut report, progress, None)?;
        }
        report.notes.extend(note);
    }
    let names: Vec<String> = parts
        .iter()
        .map(|p| sheets[p.sheet].info.name.clone())
        .collect();
    let meta = DatasetMeta {
        path: path.to_path_buf(),
        format,
        layout,
        encoding: "workbook".to_string(),
        delimiter: None,
        sheet: Some(sheets[main].info.name.clone()),
        sheets: if names.len() > 1 { names } else { Vec::new() },
        columns: (0..main_head.width())
            .map(|i| main_head.display(i))
            .collect(),
        file_bytes,
        byte_base: 0,
        first_sheet_row: sheets[main].first_row,
        mapping: options
            .mapping
            .clone()
            .filter(|_| format == SourceFormat::Mapped),
    };
    Ok(finish(pass, report, meta))
}

/// The visible, non-metadata sheets (other than `main`) whose columns are
/// `head`'s, in any order, read with it; and the hidden ones with those
/// columns, named but not read.
fn same_column_sheets(
    sheets: &[SheetPreview],
    main: usize,
    head: &TableHead,
) -> (Vec<Part>, Vec<String>) {
    let key = |names: &[String]| -> Vec<String> {
        names
            .iter()
            .map(|n| crate::model::region::region_key(n))
            .collect()
    };
    let sorted = |mut k: Vec<String>| {
        k.retain(|n| !n.is_empty());
        k.sort();
        k
    };
    let ours = key(&head.header.names);
    let our_set = sorted(ours.clone());
    let mut same = Vec::new();
    let mut hidden = Vec::new();
    if our_set.is_empty() {
        return (same, hidden);
    }
    for (i, other) in sheets.iter().enumerate() {
        if i == main || is_metadata(&other.info.name) {
            continue;
        }
        let theirs = TableHead::resolve(&other.rows, None, other.first_row as usize);
        let their_keys = key(&theirs.header.names);
        if theirs.layout.header.is_none() || sorted(their_keys.clone()) != our_set {
            continue;
        }
        if other.info.hidden {
            hidden.push(format!("'{}'", other.info.name));
            continue;
        }
        let mut used = vec![false; their_keys.len()];
        let order: Vec<Option<usize>> = ours
            .iter()
            .map(|k| {
                let j = (!k.is_empty())
                    .then(|| (0..their_keys.len()).find(|&j| !used[j] && &their_keys[j] == k))
                    .flatten()?;
                used[j] = true;
                Some(j)
            })
            .collect();
        let in_place = order
            .iter()
            .enumerate()
            .all(|(i, j)| j.is_none_or(|j| j == i));
        same.push(Part {
            sheet: i,
            head: theirs,
            order: (!in_place).then_some(order),
        });
    }
    (same, hidden)
}

/// A sheet read with the data sheet (same columns): its name, its first
/// data row among its rows, and where the data sheet's columns are in it.
pub(crate) struct GroupSheet {
    pub(crate) name: String,
    pub(crate) data: usize,
    pub(crate) order: Option<Vec<Option<usize>>>,
}

/// The visible sheets read with sheet `main` when no sheet is named.
pub(crate) fn same_column_group(sheets: &[SheetPreview], main: usize) -> Vec<GroupSheet> {
    let first = &sheets[main];
    let head = TableHead::resolve(&first.rows, None, first.first_row as usize);
    same_column_sheets(sheets, main, &head)
        .0
        .into_iter()
        .map(|p| GroupSheet {
            name: sheets[p.sheet].info.name.clone(),
            data: p.head.layout.data,
            order: p.order,
        })
        .collect()
}

/// A row in the data sheet's column order.
pub(crate) fn in_order(cells: &[String], order: Option<&[Option<usize>]>) -> Vec<String> {
    match order {
        Some(order) => order
            .iter()
            .map(|j| j.and_then(|j| cells.get(j)).cloned().unwrap_or_default())
            .collect(),
        None => cells.to_vec(),
    }
}

/// The sheet to read: the one the mapping names, else the most promising
/// (`sheet_score`); fails when there is none, or it holds no data.
fn data_sheet(
    sheets: &[SheetPreview],
    wanted: Option<&str>,
    path: &Path,
) -> Result<usize, ImportError> {
    let i = match wanted {
        Some(name) => sheets
            .iter()
            .position(|s| s.info.name.trim().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| ImportError::NotATable {
                path: path.to_path_buf(),
                reason: {
                    let list = sheet_list(sheets.iter().map(|s| &s.info));
                    bi!(
                        "the mapping names sheet '{name}', but the workbook has {list}",
                        "la correspondance nomme la feuille « {name} », mais le classeur a {list}"
                    )
                },
            })?,
        None => best_sheet(sheets).ok_or_else(|| ImportError::NotATable {
            path: path.to_path_buf(),
            reason: bi!(
                "the workbook has no sheets",
                "le classeur n'a aucune feuille"
            ),
        })?,
    };
    if sheets[i]
        .rows
        .iter()
        .all(|r| r.iter().all(|c| c.trim().is_empty()))
    {
        return Err(ImportError::NotATable {
            path: path.to_path_buf(),
            reason: bi!(
                "sheet '{}' holds no data",
                "la feuille « {} » ne contient aucune donnée",
                sheets[i].info.name
            ),
        });
    }
    Ok(i)
}

/// The sheets' names, quoted, for messages.
fn sheet_list<'a>(sheets: impl Iterator<Item = &'a SheetInfo>) -> String {
    sheets
        .map(|s| format!("'{}'", s.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the report says of the sheets: which were read (several when they
/// share their columns) and the hidden ones with data, not read.
fn sheets_note(
    sheets: &[SheetPreview],
    main: usize,
    parts: &[Part],
    same_hidden: &[String],
) -> Vec<Bi> {
    let mut notes = Vec::new();
    let all = sheet_list(sheets.iter().map(|s| &s.info));
    if parts.len() > 1 {
        let read = sheet_list(parts.iter().map(|p| &sheets[p.sheet].info));
        let (n, name) = (sheets.len(), &sheets[main].info.name);
        notes.push(bi!(
            "sheets {read} of {n} ({all}) read as one table: they have the same columns. To read one sheet only, choose it under Sheet in the column mapping (Change mapping… in the window), or name it in a mapping file (sheet: Some(\"{name}\"))",
            "feuilles {read} sur {n} ({all}) lues comme une seule table : elles ont les mêmes colonnes. Pour n'en lire qu'une, choisissez-la sous Feuille dans la correspondance de colonnes (Modifier la correspondance… dans la fenêtre), ou nommez-la dans un fichier de correspondance (sheet: Some(\"{name}\"))"
        ));
    } else {
        let (n, name) = (sheets.len(), &sheets[main].info.name);
        notes.push(bi!(
            "sheet '{name}' of {n} ({all})",
            "feuille « {name} » sur {n} ({all})"
        ));
    }
    let hidden: Vec<String> = sheets
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            *i != main
                && s.info.hidden
                && s.rows
                    .iter()
                    .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
                    .nth(1)
                    .is_some()
        })
        .map(|(_, s)| format!("'{}'", s.info.name))
        .collect();
    if !hidden.is_empty() {
        let same = same_hidden.join(", ");
        let names = hidden.join(", ");
        let one = hidden.len() == 1;
        notes.push(crate::i18n::both(|lang| {
            let with_columns = if same_hidden.is_empty() {
                String::new()
            } else {
                crate::lf!(
                    lang,
                    ", among them {same} with the same columns",
                    ", dont {same} avec les mêmes colonnes"
                )
            };
            match (lang, one) {
                (crate::i18n::Lang::En, _) => format!(
                    "hidden sheet{} {names} not read (a hidden sheet is not the data the workbook shows{with_columns})",
                    if one { "" } else { "s" }
                ),
                (crate::i18n::Lang::Fr, true) => format!(
                    "feuille masquée {names} non lue (une feuille masquée n'est pas la donnée que le classeur montre{with_columns})"
                ),
                (crate::i18n::Lang::Fr, false) => format!(
                    "feuilles masquées {names} non lues (une feuille masquée n'est pas la donnée que le classeur montre{with_columns})"
                ),
            }
        }));
    }
    notes
}

/// The visible data sheets left out because their columns differ: never
/// without a word (a workbook with one sheet per year whose last year
/// gained a column).
fn unread_note(sheets: &[SheetPreview], parts: &[Part]) -> Option<Bi> {
    let unread: Vec<String> = sheets
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            !parts.iter().any(|p| p.sheet == *i)
                && !s.info.hidden
                && !is_metadata(&s.info.name)
                && s.rows
                    .iter()
                    .filter(|r| r.iter().filter(|c| !c.trim().is_empty()).nth(1).is_some())
                    .nth(1)
                    .is_some()
        })
        .map(|(_, s)| format!("'{}'", s.info.name))
        .collect();
    (!unread.is_empty()).then(|| {
        let names = unread.join(", ");
        if unread.len() == 1 {
            bi!(
                "WARNING: sheet {names} holds a table with other columns and was not read. To read one, open the file through a column mapping that names its sheet (sheet: Some(\"…\"))",
                "ATTENTION : la feuille {names} contient une table aux autres colonnes et n'a pas été lue. Pour la lire, ouvrez le fichier par une correspondance de colonnes qui nomme sa feuille (sheet: Some(\"…\"))"
            )
        } else {
            bi!(
                "WARNING: sheets {names} hold a table with other columns and were not read. To read one, open the file through a column mapping that names its sheet (sheet: Some(\"…\"))",
                "ATTENTION : les feuilles {names} contiennent une table aux autres colonnes et n'ont pas été lues. Pour en lire une, ouvrez le fichier par une correspondance de colonnes qui nomme sa feuille (sheet: Some(\"…\"))"
            )
        }
    })
}

/// The report's opening notes: the layout recognised, the sheets read,
/// where the header stands, and the header's problems.
fn start_report(
    path: &Path,
    sheets: &[SheetPreview],
    main: usize,
    parts: &[Part],
    layout: &Bi,
    same_hidden: &[String],
) -> ImportReport {
    let first = &sheets[main];
    let head = &parts
        .iter()
        .find(|p| p.sheet == main)
        .map_or(&parts[0].head, |p| &p.head);
    let lay = &head.layout;
    let mut report = ImportReport::new(path.display().to_string());
    report.notes.push(super::pipeline::recognised_as(layout));
    report
        .notes
        .extend(sheets_note(sheets, main, parts, same_hidden));
    let line = |i: usize| u64::from(first.first_row) + i as u64 + 1;
    if let Some(h) = lay.header {
        report.notes.push(bi!(
            "header at sheet row {}",
            "en-tête à la ligne {} de la feuille",
            line(h)
        ));
    }
    if let Some(t) = lay.tags {
        report.notes.push(bi!(
            "HXL tag row at sheet row {}",
            "ligne de balises HXL à la ligne {} de la feuille",
            line(t)
        ));
    }
    head.report_problems(&mut report, lay.header.map_or(0, line));
    report
}

/// A sheet row as the mappers read it: as wide as the header at least.
struct SheetRow<'a> {
    cells: &'a [String],
    width: usize,
}

impl Fields for SheetRow<'_> {
    fn field(&self, i: usize) -> Option<&str> {
        match self.cells.get(i) {
            Some(c) => Some(c.as_str()),
            None if i < self.width => Some(""),
            None => None,
        }
    }
    fn count(&self) -> usize {
        self.cells.len().max(self.width)
    }
}

/// Where the mapping pass stands.
struct Cursor<'p> {
    part: Option<&'p Part>,
    part_no: usize,
    /// Sheet row of the sheet's first row with a cell.
    first_row: u32,
    record_no: u64,
    rows_seen: u64,
    filled: Filled,
    issues_from: usize,
}

/// What is read: the sheets, the parts among them, the main sheet.
struct Plan<'a> {
    path: &'a Path,
    sheets: &'a [SheetPreview],
    parts: &'a [Part],
    main: usize,
}

impl Plan<'_> {
    /// The main sheet's header, which the mapper was built on and every
    /// part is read under.
    fn main_header(&self) -> &super::fields::Header {
        &self
            .parts
            .iter()
            .find(|p| p.sheet == self.main)
            .map_or(&self.parts[0].head, |p| &p.head)
            .header
    }
}

/// Reads the parts' rows, maps them into incident columns and counts blank,
/// kept and rejected rows in the report; gathers the date column's
/// evidence when asked.
fn map_parts(
    plan: &Plan,
    mapper: &dyn RowMapper,
    report: &mut ImportReport,
    progress: &Progress,
    mut evidence: Option<&mut DateEvidence>,
) -> Result<IncidentColumns, ImportError> {
    let start = report.clone();
    let ev_start = evidence.as_deref().cloned();
    match map_pass(
        plan,
        mapper,
        report,
        progress,
        evidence.as_deref_mut(),
        false,
    )? {
        Some(columns) => Ok(columns),
        None => {
            // A sheet's cells are out of order: read again, sorted.
            *report = start;
            if let (Some(e), Some(s)) = (evidence.as_deref_mut(), ev_start) {
                *e = s;
            }
            map_pass(plan, mapper, report, progress, evidence, true)?.ok_or(ImportError::Cancelled)
        }
    }
}

/// One pass over the parts' rows; `None` when a sheet turned out to be out
/// of order (and `sorted` was not asked).
fn map_pass(
    plan: &Plan,
    mapper: &dyn RowMapper,
    report: &mut ImportReport,
    progress: &Progress,
    mut evidence: Option<&mut DateEvidence>,
    sorted: bool,
) -> Result<Option<IncidentColumns>, ImportError> {
    let (path, sheets, parts) = (plan.path, plan.sheets, plan.parts);
    let main_header = plan.main_header();
    let request = Request {
        sheets: parts
            .iter()
            .map(|p| sheets[p.sheet].info.name.clone())
            .collect(),
        max_rows: None,
        fill_merged: true,
        sorted,
    };
    let mut restarted = false;
    progress.bytes_total.store(0, Ordering::Relaxed);
    let mut columns = IncidentColumns::default();
    let date_column = mapper.date_column();
    let several = parts.len() > 1;
    let mut at = Cursor {
        part: None,
        part_no: 0,
        first_row: 0,
        record_no: 0,
        rows_seen: 0,
        filled: Filled::default(),
        issues_from: 0,
    };
    let result = workbook::read(path, &request, &|| progress.is_cancelled(), &mut |ev| {
        match ev {
            Event::Sheets(_) => {}
            Event::Restart => {
                restarted = true;
                return false;
            }
            Event::Begin(name) => {
                at.part = parts.iter().find(|p| sheets[p.sheet].info.name == name);
                at.first_row = at.part.map_or(0, |p| sheets[p.sheet].first_row);
                at.issues_from = report.issues.len();
                at.part_no += 1;
            }
            Event::End(filled) => {
                at.filled.cells += filled.cells;
                at.filled.cut |= filled.cut;
                at.filled.long += filled.long;
                if several && let Some(p) = at.part {
                    // Which sheet each issue is in, when several are read.
                    let name = &sheets[p.sheet].info.name;
                    for issue in report.issues.iter_mut().skip(at.issues_from) {
                        issue.message = issue.message.prefixed(
                            &format!("sheet '{name}': "),
                            &format!("feuille « {name} » : "),
                        );
                    }
                }
            }
            Event::Row(r, cells) => {
                let Some(part) = at.part else { return true };
                at.rows_seen += 1;
                if at.rows_seen.is_multiple_of(4096) {
                    progress.rows.store(at.rows_seen, Ordering::Relaxed);
                }
                let k = r.saturating_sub(at.first_row) as usize;
                if r < at.first_row || k < part.head.layout.data {
                    return true;
                }
                if super::sniff::is_blank(&SheetRow { cells, width: 0 } as &dyn Fields) {
                    report.blank_rows += 1;
                    return true;
                }
                // A sheet with the columns in another order is read in the
                // main sheet's order, under its header.
                let reordered: Vec<String>;
                let cells: &[String] = match &part.order {
                    Some(order) => {
                        reordered = in_order(cells, Some(order));
                        &reordered
                    }
                    None => cells,
                };
                if let (Some(e), Some(dc)) = (evidence.as_deref_mut(), date_column) {
                    e.add(cells.get(dc).map_or("", String::as_str));
                }
                at.record_no += 1;
                report.rows_read += 1;
                let line = u64::from(r) + 1;
                let mut ctx = RowCtx::new(line, at.record_no, main_header, report);
                // A sheet row ends at its last cell: blank cells after it
                // are blank fields, not a short row.
                let row = SheetRow {
                    cells,
                    width: main_header.width(),
                };
                match mapper.map(&row, &mut ctx) {
                    Some(draft) if !ctx.is_rejected() => {
                        if draft.civilian_fatalities.is_none() {
                            report.fatalities_unknown += 1;
                        }
                        // For a workbook, `byte` holds the sheet's place among
                        // the sheets read (`DatasetMeta::sheets`).
                        let byte = at.part_no.saturating_sub(1) as u64;
                        columns.push(&draft, SourcePosition { line, byte });
                        report.kept += 1;
                    }
                    _ => report.rejected += 1,
                }
            }
        }
        true
    });
    if progress.is_cancelled() {
        return Err(ImportError::Cancelled);
    }
    result.map_err(|m| workbook_error(path, m))?;
    if restarted {
        return Ok(None);
    }
    progress.rows.store(at.rows_seen, Ordering::Relaxed);
    report.notes.extend(filled_notes(at.filled));
    Ok(Some(columns))
}

/// What the notes say of merged regions filled and cells cut.
fn filled_notes(filled: Filled) -> Vec<Bi> {
    let mut notes = Vec::new();
    if filled.cells > 0 {
        notes.push(bi!(
            "{} cells of merged regions filled down from the merged value",
            "{} cellules de zones fusionnées remplies vers le bas avec la valeur fusionnée",
            filled.cells
        ));
    }
    if filled.long > 0 {
        notes.push(bi!(
            "WARNING: {} cells held more text than a spreadsheet cell can ({} characters) and were cut to that length",
            "ATTENTION : {} cellules contenaient plus de texte qu'une cellule de tableur n'en admet ({} caractères) et ont été coupées à cette longueur",
            filled.long,
            workbook::MAX_CELL
        ));
    }
    if filled.cut {
        notes.push(bi!(
            "the sheet has more merged regions than can be filled down ({MAX_FILL_STEPS} cells in all): the rest are read as they are, blank below their first row",
            "la feuille a plus de zones fusionnées qu'il n'est possible d'en remplir ({MAX_FILL_STEPS} cellules en tout) : les autres sont lues telles quelles, vides sous leur première ligne"
        ));
    }
    notes
}
