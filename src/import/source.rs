//! Reading back what the importers do not keep: one incident's full source
//! record (notes included) for the detail pane, and the first rows of a file
//! for the column-mapping dialog. Free text stays on disk until shown.

use super::ImportError;
use super::excel::{best_sheet, preview_sheets};

use super::fields::is_tag_row;
use super::sniff::{self, Container, TextEncoding};
use super::workbook::{self, Event, Request};
use crate::model::dataset::DatasetMeta;
use crate::model::incident::SourcePosition;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

fn io_err(path: &Path, e: std::io::Error) -> ImportError {
    ImportError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// The source record of one incident, as (column name, value) pairs.
pub fn source_record(
    meta: &DatasetMeta,
    pos: SourcePosition,
) -> Result<Vec<(String, String)>, ImportError> {
    let path = &meta.path;
    let values: Vec<String> = if let Some(main) = &meta.sheet {
        // For a workbook, `byte` is the sheet's place among the sheets read.
        let sheet_name = meta.sheets.get(pos.byte as usize).unwrap_or(main);
        let wanted = pos.line.saturating_sub(1);
        let mut found: Option<Vec<String>> = None;
        let mut seen = false;
        let request = Request {
            sheets: vec![sheet_name.clone()],
            max_rows: None,
            fill_merged: true,
            sorted: false,
        };
        workbook::read(path, &request, &|| false, &mut |ev| match ev {
            Event::Begin(_) => {
                seen = true;
                true
            }
            Event::Row(r, cells) if u64::from(r) == wanted => {
                found = Some(cells.to_vec());
                false
            }
            Event::Row(r, _) => u64::from(r) < wanted,
            Event::Restart => {
                // Out of order: the sheet comes again, sorted.
                found = None;
                true
            }
            _ => true,
        })
        .map_err(|message| ImportError::Workbook {
            path: path.clone(),
            message: workbook::message_bi(&message),
        })?;
        if !seen {
            return Err(ImportError::NotATable {
                path: path.clone(),
                reason: crate::bi!(
                    "sheet '{sheet_name}' is no longer in the workbook",
                    "la feuille « {sheet_name} » n'est plus dans le classeur"
                ),
            });
        }
        found.unwrap_or_default()
    } else {
        let delimiter = meta.delimiter.map_or(b',', |c| c as u8);
        let mut file = std::fs::File::open(path).map_err(|e| io_err(path, e))?;
        let utf8 = meta.encoding.starts_with("UTF-8");
        let text_from = |bytes: Vec<u8>| -> Vec<String> {
            let mut rdr = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .from_reader(bytes.as_slice());
            let mut rec = csv::ByteRecord::new();
            match rdr.read_byte_record(&mut rec) {
                Ok(true) => rec
                    .iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect(),
                _ => Vec::new(),
            }
        };
        if utf8 {
            file.seek(SeekFrom::Start(meta.byte_base + pos.byte))
                .map_err(|e| io_err(path, e))?;
            // A record is rarely longer than 1 MiB; read up to that.
            let mut buf = Vec::new();
            file.take(1 << 20)
                .read_to_end(&mut buf)
                .map_err(|e| io_err(path, e))?;
            text_from(buf)
        } else {
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).map_err(|e| io_err(path, e))?;
            let enc = sniff::encoding(&bytes[..bytes.len().min(65536)], true);
            let text = sniff::decode_all(&bytes, enc);
            let from = (pos.byte as usize).min(text.len());
            text_from(text.as_bytes()[from..].to_vec())
        }
    };
    Ok(values
        .into_iter()
        .enumerate()
        .map(|(i, v)| {
            (
                meta.columns
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| format!("column {}", i + 1)),
                v,
            )
        })
        .collect())
}

/// The first rows of a file from its header on (header first, then an HXL
/// row if any, then data), for the mapping dialog. At most `max` rows.
pub fn preview_file(path: &Path, max: usize) -> Result<Vec<Vec<String>>, ImportError> {
    read_table(path, max, 256 * 1024, None).map(|(rows, _)| rows)
}

/// `preview_file` of one sheet of a workbook (`None`: the data sheet).
pub fn preview_sheet(
    path: &Path,
    max: usize,
    sheet: Option<&str>,
) -> Result<Vec<Vec<String>>, ImportError> {
    read_table(path, max, 256 * 1024, sheet).map(|(rows, _)| rows)
}

/// The sheets of a workbook, in order (none for a text file).
pub fn workbook_sheets(path: &Path) -> Result<Vec<super::workbook::SheetInfo>, ImportError> {
    let mut head = [0u8; 8];
    let n = std::fs::File::open(path)
        .and_then(|mut f| f.read(&mut head))
        .map_err(|e| io_err(path, e))?;
    if sniff::container(&head[..n]) == Container::Text {
        return Ok(Vec::new());
    }
    let sheets = preview_sheets(path, 0, Vec::new(), &super::Progress::default())?;
    Ok(sheets.into_iter().map(|s| s.info).collect())
}

/// Bytes of a text file read for the mapping dialog's value lists.
pub const TABLE_BYTES: usize = 64 * 1024 * 1024;

/// Every row of a file from its header on, as `preview_file` gives them,
/// for the mapping dialog's value lists and live check. Text files are read
/// up to `TABLE_BYTES`; the flag says whether the file went on past that.
pub fn table_file(path: &Path) -> Result<(Vec<Vec<String>>, bool), ImportError> {
    read_table(path, usize::MAX - 25, TABLE_BYTES, None)
}

/// `table_file` of one sheet of a workbook (`None`: the data sheet).
pub fn table_sheet(
    path: &Path,
    sheet: Option<&str>,
) -> Result<(Vec<Vec<String>>, bool), ImportError> {
    read_table(path, usize::MAX - 25, TABLE_BYTES, sheet)
}

/// The rows of a file from its header on, at most `max` rows and (for
/// text) `cap` bytes; the flag says whether text was cut at `cap`.
fn read_table(
    path: &Path,
    max: usize,
    cap: usize,
    sheet: Option<&str>,
) -> Result<(Vec<Vec<String>>, bool), ImportError> {
    let mut head = Vec::new();
    std::fs::File::open(path)
        .map_err(|e| io_err(path, e))?
        .take(cap as u64 + 1)
        .read_to_end(&mut head)
        .map_err(|e| io_err(path, e))?;
    if head.is_empty() {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        });
    }
    let mut truncated = false;
    let rows = match sniff::container(&head) {
        Container::Zip | Container::Ole => {
            let progress = super::Progress::default();
            let want = u32::try_from(max.saturating_add(25)).unwrap_or(u32::MAX);
            if let Some(name) = sheet {
                let rows = preview_sheets(path, want, vec![name.to_string()], &progress)?
                    .pop()
                    .ok_or_else(|| ImportError::NotATable {
                        path: path.to_path_buf(),
                        reason: crate::bi!(
                            "the workbook has no sheet '{name}'",
                            "le classeur n'a pas de feuille « {name} »"
                        ),
                    })?
                    .rows;
                return Ok((table_from(rows, max), false));
            }
            let sheets = preview_sheets(path, want.min(40), Vec::new(), &progress)?;
            let best = best_sheet(&sheets).ok_or_else(|| ImportError::NotATable {
                path: path.to_path_buf(),
                reason: crate::bi!(
                    "the workbook has no sheets",
                    "le classeur n'a aucune feuille"
                ),
            })?;
            if want > 40 {
                // The whole table: the data sheet, then the rows of the
                // sheets read with it (same columns), as the import reads them.
                let name = sheets[best].info.name.clone();
                let group = super::excel::same_column_group(&sheets, best);
                let mut rows = preview_sheets(path, want, vec![name], &progress)?
                    .pop()
                    .map(|s| s.rows)
                    .unwrap_or_default();
                for g in group {
                    let more = preview_sheets(path, want, vec![g.name], &progress)?
                        .pop()
                        .map(|s| s.rows)
                        .unwrap_or_default();
                    rows.extend(
                        more.iter()
                            .skip(g.data)
                            .map(|r| super::excel::in_order(r, g.order.as_deref())),
                    );
                }
                rows
            } else {
                sheets
                    .into_iter()
                    .nth(best)
                    .map(|s| s.rows)
                    .unwrap_or_default()
            }
        }
        Container::Text => {
            let whole = head.len() <= cap;
            if !whole {
                // Cut at the last line end: no half record.
                head.truncate(cap);
                if let Some(nl) = head.iter().rposition(|&b| b == b'\n') {
                    head.truncate(nl + 1);
                }
                truncated = true;
            }
            let text = match sniff::encoding(&head, whole) {
                TextEncoding::Utf8 { bom } => {
                    String::from_utf8_lossy(&head[if bom { 3 } else { 0 }..]).into_owned()
                }
                other => sniff::decode_all(&head, other),
            };
            let d = sniff::delimiter(&text);
            sniff::preview_rows(&text, d, max + 25)
        }
    };
    Ok((table_from(rows, max), truncated))
}

/// The rows from the header on (at most `max`); tags above no header are
/// used as names.
fn table_from(rows: Vec<Vec<String>>, max: usize) -> Vec<Vec<String>> {
    let lay = sniff::layout(&rows, |_| false);
    let from = lay.header.or(lay.tags).unwrap_or(0);
    let mut out: Vec<Vec<String>> = rows.into_iter().skip(from).take(max).collect();
    if out.first().is_some_and(|r| is_tag_row(r)) {
        // No header above the tags: use the tags as names.
        let tags = out[0].clone();
        out.insert(0, tags);
    }
    out
}
