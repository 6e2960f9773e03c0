//! Workbooks (XLSX, XLSM, ODS, legacy XLS) through `calamine`. Picks the data
//! sheet (the one a mapping names, else one with an HXL row or a known
//! header, skipping metadata sheets), fills merged body cells down, skips
//! blank rows (a used range of a million empty rows costs nothing), and feeds
//! the rows to the same `RowMapper`s as text files.

use super::fields::{Fields, RowCtx, is_tag_row};
use super::layout::{TableHead, is_known_header};
use super::sniff::{self, Container};
use super::{ImportError, ImportOptions, Progress, RowMapper, finish};
use crate::model::dataset::{DatasetMeta, SourceFormat};
use crate::model::incident::{IncidentColumns, SourcePosition};
use crate::model::report::ImportReport;
use calamine::{Data, Dimensions, Range, Reader};
use std::path::Path;
use std::sync::atomic::Ordering;

/// A sheet read into rows of text.
pub(crate) struct SheetRows {
    pub(crate) name: String,
    /// 0-based sheet row of `rows[0]`.
    pub(crate) first_row: u32,
    pub(crate) rows: Vec<Vec<String>>,
    merged_filled: Filled,
    /// Hidden in the workbook (a working copy or an old version, not the
    /// data the author shows).
    pub(crate) hidden: bool,
}

fn cell_text(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                f.to_string()
            }
        }
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(d) if !dt.is_duration() => d.format("%Y-%m-%d").to_string(),
            _ => dt.as_f64().to_string(),
        },
        Data::Error(e) => format!("#{e:?}"),
    }
}

fn rows_of(range: &Range<Data>, merged: &[Dimensions]) -> (u32, Vec<Vec<String>>, Filled) {
    let first_row = range.start().map_or(0, |(r, _)| r);
    let first_col = range.start().map_or(0, |(_, c)| c);
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(range.height());
    // Leading empty columns before the range still count as positions.
    for r in range.rows() {
        let mut row = vec![String::new(); first_col as usize];
        row.extend(r.iter().map(cell_text));
        rows.push(row);
    }
    let filled = fill_merged(&mut rows, first_row, merged);
    (first_row, rows, filled)
}

/// Bytes of cell text (and row padding) one workbook may hold once read:
/// beyond it the file is refused, not read until memory runs out.
const WORKBOOK_BUDGET: usize = 1536 * 1024 * 1024;

/// An XLSX sheet read cell by cell, never as a dense range: one stray cell
/// in a far corner (`XFD1048576`) would make the range rows × columns
/// (billions of cells). Each row is as long as its own last cell; the text
/// and padding are counted against `WORKBOOK_BUDGET`.
fn xlsx_rows<RS: std::io::Read + std::io::Seek>(
    wb: &mut calamine::Xlsx<RS>,
    name: &str,
    merged: &[Dimensions],
    spent: &mut usize,
) -> Result<(u32, Vec<Vec<String>>, Filled), String> {
    let mut reader = match wb.worksheet_cells_reader(name) {
        Ok(r) => r,
        // A chart sheet has no cells.
        Err(calamine::XlsxError::NotAWorksheet(_)) => {
            return Ok((0, Vec::new(), Filled::default()));
        }
        Err(e) => return Err(e.to_string()),
    };
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(|e| e.to_string())? {
        let text = cell_text(&Data::from(cell.get_value().clone()));
        if text.is_empty() {
            continue;
        }
        let (r, c) = cell.get_position();
        *spent += text.len() + std::mem::size_of::<String>();
        if *spent > WORKBOOK_BUDGET {
            return Err(over_budget());
        }
        cells.push((r, c, text));
    }
    let Some(first_row) = cells.iter().map(|c| c.0).min() else {
        return Ok((0, Vec::new(), Filled::default()));
    };
    let last_row = cells.iter().map(|c| c.0).max().unwrap_or(first_row);
    let height = (last_row - first_row) as usize + 1;
    *spent += height * std::mem::size_of::<Vec<String>>();
    if *spent > WORKBOOK_BUDGET {
        return Err(over_budget());
    }
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); height];
    for (r, c, text) in cells {
        let row = &mut rows[(r - first_row) as usize];
        let c = c as usize;
        if row.len() <= c {
            *spent += (c + 1 - row.len()) * std::mem::size_of::<String>();
            if *spent > WORKBOOK_BUDGET {
                return Err(over_budget());
            }
            row.resize(c + 1, String::new());
        }
        row[c] = text;
    }
    let filled = fill_merged(&mut rows, first_row, merged);
    Ok((first_row, rows, filled))
}

fn over_budget() -> String {
    format!(
        "the workbook's cells hold more than {} MB of text once read (a cell repeated thousands of times, or cells scattered over a huge range); save the data sheet as CSV, or remove the stray cells",
        WORKBOOK_BUDGET / (1024 * 1024)
    )
}

/// Cells a sheet's merged regions may fill down, in all.
const MAX_FILL_STEPS: usize = 20_000_000;

/// What filling merged regions did: cells filled, and whether it stopped
/// at `MAX_FILL_STEPS`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Filled {
    cells: usize,
    cut: bool,
}

/// Fills merged regions down their first column only: a value merged over
/// several rows belongs to each of them, while a title or a group header
/// merged across columns must not become several header cells. Returns the
/// cells filled.
fn fill_merged(rows: &mut [Vec<String>], first_row: u32, merged: &[Dimensions]) -> Filled {
    let mut filled = 0;
    // Linear at most in a fixed number of steps: millions of overlapping
    // merged regions once took most of a minute. Past the budget the rest
    // are left as they are, and the report says so.
    let mut steps: usize = 0;
    for m in merged {
        steps += (m.end.0.saturating_sub(m.start.0) as usize).min(10_000) + 1;
        if steps > MAX_FILL_STEPS {
            return Filled {
                cells: filled,
                cut: true,
            };
        }
        let (r0, c0) = m.start;
        let (r1, _) = m.end;
        let Some(value) = rows
            .get((r0.saturating_sub(first_row)) as usize)
            .and_then(|row| row.get(c0 as usize))
            .cloned()
        else {
            continue;
        };
        if value.is_empty() || r1.saturating_sub(r0) > 10_000 {
            continue;
        }
        for r in r0 + 1..=r1 {
            let Some(row) = rows.get_mut((r.saturating_sub(first_row)) as usize) else {
                continue;
            };
            let c = c0 as usize;
            if row.len() <= c {
                row.resize(c + 1, String::new());
            }
            if row[c].is_empty() {
                row[c] = value.clone();
                filled += 1;
            }
        }
    }
    Filled {
        cells: filled,
        cut: false,
    }
}

fn workbook_error(path: &Path, e: impl std::fmt::Display, container: Container) -> ImportError {
    let hint = match container {
        Container::Ole => {
            " (if this is an .xlsx file, it may be password-protected: save an unprotected copy)"
        }
        _ => "",
    };
    ImportError::Workbook {
        path: path.to_path_buf(),
        message: format!("{e}{hint}"),
    }
}

/// The names of a workbook's hidden sheets.
fn hidden_sheets<RS: std::io::Read + std::io::Seek, R: Reader<RS>>(wb: &R) -> Vec<String> {
    wb.sheets_metadata()
        .iter()
        .filter(|m| m.visible != calamine::SheetVisible::Visible)
        .map(|m| m.name.clone())
        .collect()
}

pub(crate) fn read_sheets(path: &Path) -> Result<Vec<SheetRows>, ImportError> {
    let mut head = [0u8; 8];
    {
        use std::io::Read;
        let mut f = std::fs::File::open(path).map_err(|e| ImportError::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        // A short file leaves the rest of `head` zero: sniffing then finds no
        // container and says so; a read error is reported, not sniffed past.
        f.read(&mut head).map_err(|e| ImportError::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
    }
    let container = sniff::container(&head);
    let mut out = Vec::new();
    match container {
        Container::Ole => {
            let mut wb: calamine::Xls<_> =
                calamine::open_workbook(path).map_err(|e| workbook_error(path, e, container))?;
            let hidden = hidden_sheets(&wb);
            for name in wb.sheet_names() {
                let merged = wb.merge_cells_by_sheet_name(&name).unwrap_or_default();
                let range = wb
                    .worksheet_range(&name)
                    .map_err(|e| workbook_error(path, e, container))?;
                let (first_row, rows, merged_filled) = rows_of(&range, &merged);
                out.push(SheetRows {
                    hidden: hidden.contains(&name),
                    name,
                    first_row,
                    rows,
                    merged_filled,
                });
            }
        }
        _ => match calamine::open_workbook::<calamine::Xlsx<_>, _>(path) {
            Ok(mut wb) => {
                let mut spent = 0;
                let hidden = hidden_sheets(&wb);
                for name in wb.sheet_names() {
                    let merged = wb.merge_cells_by_sheet_name(&name).unwrap_or_default();
                    let (first_row, rows, merged_filled) =
                        xlsx_rows(&mut wb, &name, &merged, &mut spent)
                            .map_err(|e| workbook_error(path, e, container))?;
                    out.push(SheetRows {
                        hidden: hidden.contains(&name),
                        name,
                        first_row,
                        rows,
                        merged_filled,
                    });
                }
            }
            Err(xlsx_err) => {
                let mut wb: calamine::Ods<_> = calamine::open_workbook(path)
                    .map_err(|_| workbook_error(path, xlsx_err, container))?;
                let hidden = hidden_sheets(&wb);
                for name in wb.sheet_names() {
                    let range = wb
                        .worksheet_range(&name)
                        .map_err(|e| workbook_error(path, e, container))?;
                    let (first_row, rows, merged_filled) = rows_of(&range, &[]);
                    out.push(SheetRows {
                        hidden: hidden.contains(&name),
                        name,
                        first_row,
                        rows,
                        merged_filled,
                    });
                }
            }
        },
    }
    Ok(out)
}

/// How promising a sheet is as the data sheet: (visible, has a known
/// header or tag row, not a metadata sheet, number of non-blank rows).
pub(crate) fn sheet_score(s: &SheetRows) -> (bool, bool, bool, usize) {
    let lname = s.name.to_lowercase();
    let metadata = [
        "meta", "note", "readme", "read me", "about", "codebook", "legend", "source",
    ]
    .iter()
    .any(|w| lname.contains(w));
    let preview = &s.rows[..s.rows.len().min(25)];
    let tagged_or_known = preview.iter().any(|r| is_tag_row(r) || is_known_header(r));
    let filled = s
        .rows
        .iter()
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .count();
    (!s.hidden, tagged_or_known, !metadata, filled)
}

/// Imports the data sheet of a workbook.
pub fn import_workbook(
    path: &Path,
    options: &ImportOptions,
    progress: &Progress,
) -> Result<crate::model::Dataset, ImportError> {
    let file_bytes = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let sheets = read_sheets(path)?;
    if progress.is_cancelled() {
        return Err(ImportError::Cancelled);
    }
    let wanted = options.mapping.as_ref().and_then(|m| m.sheet.clone());
    let sheet = data_sheet(&sheets, wanted.as_deref(), path)?;
    let header_row = options.mapping.as_ref().and_then(|m| m.header_row);
    // A mapping's header row further down than the usual 40 rows is read.
    let rows = header_row.map_or(40, |h| {
        usize::try_from(h)
            .unwrap_or(usize::MAX)
            .saturating_sub(sheet.first_row as usize)
            .saturating_add(2)
            .max(40)
    });
    let preview: Vec<Vec<String>> = sheet.rows.iter().take(rows).cloned().collect();
    let head = TableHead::resolve(&preview, header_row, sheet.first_row as usize);
    let (mut mapper, format, layout) = head.choose_mapper(&preview, options, path)?;
    let header = &head.header;
    let data = sheet.rows.get(head.layout.data..).unwrap_or(&[]);
    let order_note = match mapper.date_column() {
        Some(dc) => super::pipeline::decide_date_order(
            &mut *mapper,
            header,
            data.iter().map(|r| r.get(dc).cloned().unwrap_or_default()),
            path,
        )?,
        None => None,
    };
    let mut report = start_report(path, &sheets, sheet, &head, &layout);
    report.notes.extend(order_note);
    let columns = map_rows(sheet, &head, &*mapper, &mut report, progress)?;
    let meta = DatasetMeta {
        path: path.to_path_buf(),
        format,
        layout,
        encoding: "workbook".to_string(),
        delimiter: None,
        sheet: Some(sheet.name.clone()),
        columns: (0..header.width()).map(|i| header.display(i)).collect(),
        file_bytes,
        byte_base: 0,
        first_sheet_row: sheet.first_row,
        mapping: options
            .mapping
            .clone()
            .filter(|_| format == SourceFormat::Mapped),
    };
    Ok(finish(columns, report, meta))
}

/// The sheet to read: the one the mapping names, else the most promising
/// (`sheet_score`); fails when there is none, or it holds no data.
fn data_sheet<'s>(
    sheets: &'s [SheetRows],
    wanted: Option<&str>,
    path: &Path,
) -> Result<&'s SheetRows, ImportError> {
    let sheet = match wanted {
        Some(name) => sheets
            .iter()
            .find(|s| s.name.trim().eq_ignore_ascii_case(name.trim()))
            .ok_or_else(|| ImportError::NotATable {
                path: path.to_path_buf(),
                reason: format!(
                    "the mapping names sheet '{name}', but the workbook has {}",
                    sheet_list(sheets)
                ),
            })?,
        None => sheets
            .iter()
            .max_by_key(|s| sheet_score(s))
            .ok_or_else(|| ImportError::NotATable {
                path: path.to_path_buf(),
                reason: "the workbook has no sheets".to_string(),
            })?,
    };
    if sheet
        .rows
        .iter()
        .all(|r| r.iter().all(|c| c.trim().is_empty()))
    {
        return Err(ImportError::NotATable {
            path: path.to_path_buf(),
            reason: format!("sheet '{}' holds no data", sheet.name),
        });
    }
    Ok(sheet)
}

/// The sheets' names, quoted, for messages.
fn sheet_list(sheets: &[SheetRows]) -> String {
    sheets
        .iter()
        .map(|s| format!("'{}'", s.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What the report says of the sheets not read: the ones with the same
/// columns as the one read (a workbook with one sheet per year), which would
/// otherwise be left out without a word, and the hidden ones with data.
fn other_sheets_note(sheets: &[SheetRows], sheet: &SheetRows, head: &TableHead) -> Vec<String> {
    let key = |names: &[String]| -> Vec<String> {
        names
            .iter()
            .map(|n| crate::model::region::region_key(n))
            .filter(|n| !n.is_empty())
            .collect()
    };
    let ours = key(&head.header.names);
    let mut same = Vec::new();
    let mut hidden = Vec::new();
    for other in sheets.iter().filter(|o| o.name != sheet.name) {
        let has_data = other
            .rows
            .iter()
            .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
            .nth(1)
            .is_some();
        if !has_data {
            continue;
        }
        let preview: Vec<Vec<String>> = other.rows.iter().take(40).cloned().collect();
        let theirs = TableHead::resolve(&preview, None, other.first_row as usize);
        if other.hidden {
            hidden.push(format!("'{}'", other.name));
        } else if !ours.is_empty() && key(&theirs.header.names) == ours {
            same.push(format!("'{}'", other.name));
        }
    }
    let mut notes = Vec::new();
    if !same.is_empty() {
        notes.push(format!(
            "WARNING: sheet{} {} ha{} the same columns as '{}' and {} not read: only '{}' is counted. Open each through a column mapping that names its sheet (sheet: Some(\"…\")), or put the rows in one sheet",
            if same.len() == 1 { "" } else { "s" },
            same.join(", "),
            if same.len() == 1 { "s" } else { "ve" },
            sheet.name,
            if same.len() == 1 { "was" } else { "were" },
            sheet.name
        ));
    }
    if !hidden.is_empty() {
        notes.push(format!(
            "hidden sheet{} {} not read (a hidden sheet is not the data the workbook shows)",
            if hidden.len() == 1 { "" } else { "s" },
            hidden.join(", ")
        ));
    }
    notes
}

/// The sheet row (1-based) of row `i` of a sheet's rows.
fn line_of(sheet: &SheetRows, i: usize) -> u64 {
    u64::from(sheet.first_row) + i as u64 + 1
}

/// The report's opening notes: the layout recognised, the sheet read, where
/// the header stands, merged cells filled, and the header's problems.
fn start_report(
    path: &Path,
    sheets: &[SheetRows],
    sheet: &SheetRows,
    head: &TableHead,
    layout: &str,
) -> ImportReport {
    let lay = &head.layout;
    let mut report = ImportReport::new(path.display().to_string());
    report.notes.push(format!("recognised as {layout}"));
    report.notes.push(format!(
        "sheet '{}' of {} ({})",
        sheet.name,
        sheets.len(),
        sheet_list(sheets)
    ));
    if let Some(h) = lay.header {
        report
            .notes
            .push(format!("header at sheet row {}", line_of(sheet, h)));
    }
    report.notes.extend(other_sheets_note(sheets, sheet, head));
    if let Some(t) = lay.tags {
        report
            .notes
            .push(format!("HXL tag row at sheet row {}", line_of(sheet, t)));
    }
    let filled = sheet.merged_filled.cells;
    if filled > 0 {
        report.notes.push(format!(
            "{filled} cells of merged regions filled down from the merged value"
        ));
    }
    if sheet.merged_filled.cut {
        report.notes.push(format!(
            "the sheet has more merged regions than can be filled down ({MAX_FILL_STEPS} cells in all): the rest are read as they are, blank below their first row"
        ));
    }
    head.report_problems(&mut report, lay.header.map_or(0, |h| line_of(sheet, h)));
    report
}

/// Maps the sheet's data rows into incident columns, counting blank, kept
/// and rejected rows in the report.
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

fn map_rows(
    sheet: &SheetRows,
    head: &TableHead,
    mapper: &dyn RowMapper,
    report: &mut ImportReport,
    progress: &Progress,
) -> Result<IncidentColumns, ImportError> {
    let first_data = head.layout.data;
    let data = sheet.rows.get(first_data..).unwrap_or(&[]);
    progress
        .bytes_total
        .store(data.len() as u64, Ordering::Relaxed);
    let mut columns = IncidentColumns::default();
    let mut record_no = 0u64;
    for (k, row) in data.iter().enumerate() {
        if k % 4096 == 0 {
            if progress.is_cancelled() {
                return Err(ImportError::Cancelled);
            }
            progress.bytes_done.store(k as u64, Ordering::Relaxed);
            progress.rows.store(k as u64, Ordering::Relaxed);
        }
        if sniff::is_blank(row as &dyn Fields) {
            report.blank_rows += 1;
            continue;
        }
        record_no += 1;
        report.rows_read += 1;
        let line = line_of(sheet, first_data + k);
        let mut ctx = RowCtx::new(line, record_no, &head.header, report);
        // A sheet row ends at its last cell: blank cells after it are
        // blank fields, not a short row.
        let row = SheetRow {
            cells: row,
            width: head.header.width(),
        };
        match mapper.map(&row, &mut ctx) {
            Some(draft) if !ctx.is_rejected() => {
                if draft.civilian_fatalities.is_none() {
                    report.fatalities_unknown += 1;
                }
                columns.push(&draft, SourcePosition { line, byte: 0 });
                report.kept += 1;
            }
            _ => report.rejected += 1,
        }
    }
    progress
        .bytes_done
        .store(data.len() as u64, Ordering::Relaxed);
    Ok(columns)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Millions of overlapping merged regions (issue #16, 7) are filled
    /// within a fixed budget, and the cut is reported, not hidden.
    #[test]
    fn overlapping_merged_regions_stop_at_the_budget() {
        let mut rows = vec![vec!["a".to_string()]; 20];
        let merged: Vec<Dimensions> = (0..3_000_000)
            .map(|_| Dimensions {
                start: (0, 0),
                end: (50_000, 0),
            })
            .collect();
        let started = std::time::Instant::now();
        let f = fill_merged(&mut rows, 0, &merged);
        assert!(f.cut);
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
        let mut rows = vec![
            vec!["a".to_string()],
            vec![String::new()],
            vec![String::new()],
        ];
        let f = fill_merged(
            &mut rows,
            0,
            &[Dimensions {
                start: (0, 0),
                end: (2, 0),
            }],
        );
        assert!(!f.cut);
        assert_eq!(f.cells, 2);
        assert_eq!(rows[2][0], "a");
    }
}
