//! Reading a delimited text file on all cores. One thread scans records
//! (quote-aware, so multi-line fields are whole) and hands batches to
//! workers, which validate UTF-8, map rows to incidents and fill a column
//! fragment each; the fragments are joined in file order. Memory stays
//! bounded: UTF-8 files are streamed from disk, never held whole.

use super::fields::{Fields, Header, HxlTag, RowCtx};
use super::sniff::{self, TextEncoding};
use super::{ImportError, ImportOptions, Progress, RowMapper, choose_mapper, finish};
use crate::model::dataset::{DatasetMeta, SourceFormat};
use crate::model::dates::DateOrderVote;
use crate::model::incident::{IncidentColumns, SourcePosition};
use crate::model::report::{ImportReport, IssueCode};
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::{Mutex, mpsc};

/// Records per batch handed to a worker.
const BATCH: usize = 8192;
/// Records read before the date order is decided.
const HEAD_RECORDS: usize = 50_000;
/// Bytes sniffed for encoding, delimiter and layout.
const SAMPLE_BYTES: usize = 64 * 1024;

struct Batch {
    /// Data record number (1-based) of the first record.
    first_record: u64,
    /// Reused record buffers; the first `len` hold this batch.
    records: Vec<csv::ByteRecord>,
    len: usize,
}

/// Whether the last record of a file looks like an unterminated quote ran
/// to the end of the file: one of its fields holds a line break and the
/// record's raw text does not end with a closing quote. Returns its line
/// and record number.
fn last_record_unterminated(records: &[csv::ByteRecord], record_no: u64) -> Option<(u64, u64)> {
    let last = records.last()?;
    let multiline = last
        .iter()
        .position(|f| f.contains(&b'\n') || f.contains(&b'\r'))?;
    // A properly quoted multi-line field is followed by more fields or ends
    // the record; the unterminated one swallows everything, so it is the
    // last field and holds the rest of the file's delimiters too.
    let tail = last.get(last.len() - 1)?;
    let swallowed = multiline == last.len() - 1
        && tail.iter().filter(|&&b| b == b'\n' || b == b'\r').count() >= 1
        && (tail.contains(&b',')
            || tail.contains(&b';')
            || tail.contains(&b'\t')
            || tail.contains(&b'|'));
    swallowed.then(|| (last.position().map_or(0, csv::Position::line), record_no))
}

/// The byte position just past the last record of a batch.
fn rdr_position(batch: &[csv::ByteRecord], n: usize) -> u64 {
    n.checked_sub(1)
        .and_then(|i| batch[i].position())
        .map_or(0, |p| p.byte() + batch[n - 1].as_slice().len() as u64)
}

struct Fragment {
    columns: IncidentColumns,
    report: ImportReport,
}

/// Imports a delimited text file (CSV, TSV, semicolon, pipe).
pub fn import_text(
    path: &Path,
    options: &ImportOptions,
    progress: &Progress,
) -> Result<crate::model::Dataset, ImportError> {
    let io = |e: std::io::Error| ImportError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let mut file = std::fs::File::open(path).map_err(io)?;
    let file_bytes = file.metadata().map_err(io)?.len();
    let mut sample = vec![0u8; SAMPLE_BYTES.min(file_bytes as usize)];
    let mut got = 0;
    while got < sample.len() {
        match file.read(&mut sample[got..]).map_err(io)? {
            0 => break,
            k => got += k,
        }
    }
    sample.truncate(got);
    let whole = got as u64 >= file_bytes;
    let encoding = sniff::encoding(&sample, whole);

    // UTF-8 is streamed from the file; anything else is decoded whole first
    // (such files come from Excel or old tools and are small).
    let (source, sample_text, start): (Box<dyn Read + Send>, String, u64) = match encoding {
        TextEncoding::Utf8 { bom } => {
            let skip = if bom { 3 } else { 0 };
            file.seek(SeekFrom::Start(skip)).map_err(io)?;
            let text = String::from_utf8_lossy(&sample[skip as usize..]).into_owned();
            (
                Box::new(std::io::BufReader::with_capacity(1 << 20, file)),
                text,
                skip,
            )
        }
        other => {
            let mut bytes = Vec::with_capacity(file_bytes as usize);
            file.seek(SeekFrom::Start(0)).map_err(io)?;
            file.read_to_end(&mut bytes).map_err(io)?;
            let text = sniff::decode_all(&bytes, other);
            drop(bytes);
            let sample_text: String = text.chars().take(SAMPLE_BYTES).collect();
            progress
                .bytes_total
                .store(text.len() as u64, Ordering::Relaxed);
            (
                Box::new(std::io::Cursor::new(text.into_bytes())),
                sample_text,
                0,
            )
        }
    };
    if sample_text
        .chars()
        .all(|c| c.is_whitespace() || c == '\u{feff}')
    {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        });
    }
    let nuls = sample_text.chars().filter(|&c| c == '\0').count();
    if nuls * 2 > sample_text.len() {
        return Err(ImportError::NotATable {
            path: path.to_path_buf(),
            reason: "the file is filled with NUL bytes, as a file cut off by a crash often is; it holds no table".to_string(),
        });
    }

    let delimiter = sniff::delimiter(&sample_text);
    let preview = sniff::preview_rows(&sample_text, delimiter, 40);
    let lay = match options.mapping.as_ref().and_then(|m| m.header_row) {
        Some(h) if h >= 1 => {
            let hi = (h - 1) as usize;
            let tags = preview
                .get(hi + 1)
                .filter(|r| super::fields::is_tag_row(r))
                .map(|_| hi + 1);
            sniff::Layout {
                header: Some(hi),
                tags,
                data: tags.map_or(hi + 1, |t| t + 1),
            }
        }
        _ => sniff::layout(&preview, |row| {
            let (h, _) = Header::new(row.to_vec(), vec![]);
            super::acled::recognise(&h) || super::ucdp::recognise(&h)
        }),
    };
    let names = lay
        .header
        .and_then(|h| preview.get(h))
        .cloned()
        .unwrap_or_default();
    let tags: Vec<Option<HxlTag>> = lay
        .tags
        .and_then(|t| preview.get(t))
        .map(|r| r.iter().map(|c| HxlTag::parse(c)).collect())
        .unwrap_or_default();
    if names.iter().all(|n| n.trim().is_empty()) && tags.iter().all(Option::is_none) {
        return Err(ImportError::NotATable {
            path: path.to_path_buf(),
            reason: "no header row was found in the first rows".to_string(),
        });
    }
    let has_tags = lay.tags.is_some();
    let (header, header_problems) = Header::new(names, tags);
    let preview_from_header = preview[lay.header.or(lay.tags).unwrap_or(0)..].to_vec();
    let (mut mapper, format, layout) =
        choose_mapper(&header, has_tags, options, path, &preview_from_header)?;

    let mut report = ImportReport::new(path.display().to_string());
    report.notes.push(format!("recognised as {layout}"));
    report.notes.push(format!(
        "encoding {}, delimiter {}",
        encoding.label(),
        match delimiter {
            b'\t' => "tab".to_string(),
            d => format!("'{}'", d as char),
        }
    ));
    let header_line = lay.header.map_or(0, |h| h + 1);
    if lay.data > 1 || lay.header.is_none() {
        report.notes.push(format!(
            "header at record {}, {}data from record {}",
            header_line,
            lay.tags.map_or(String::new(), |t| format!(
                "HXL tag row at record {}, ",
                t + 1
            )),
            lay.data + 1
        ));
    }
    for (i, code) in header_problems {
        report.push(crate::model::report::Issue {
            severity: crate::model::report::Severity::Warning,
            line: header_line as u64,
            record: 0,
            column: header.display(i),
            code,
            message: format!("column {} of the header: {}", i + 1, code.describe()),
        });
    }

    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(source);
    let mut record = csv::ByteRecord::new();
    // Skip the rows above the data (titles, header, tag row).
    for _ in 0..lay.data {
        match rdr.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(path, &e)),
        }
    }

    // Fills `batch` with up to BATCH records; returns (records read, end of file).
    let mut read_error: Option<String> = None;
    let mut fill =
        |batch: &mut Vec<csv::ByteRecord>, read_error: &mut Option<String>| -> (usize, bool) {
            batch.resize_with(BATCH, csv::ByteRecord::new);
            let mut n = 0;
            while n < BATCH {
                match rdr.read_byte_record(&mut batch[n]) {
                    Ok(true) => n += 1,
                    Ok(false) => return (n, true),
                    Err(e) => {
                        *read_error = Some(csv_error(path, &e).to_string());
                        return (n, true);
                    }
                }
            }
            (n, false)
        };

    // Read the head and decide the date order from it.
    let mut head: Vec<(Vec<csv::ByteRecord>, usize)> = Vec::new();
    let mut eof = false;
    while head.len() * BATCH < HEAD_RECORDS && !eof {
        let mut batch = Vec::with_capacity(BATCH);
        let (n, end) = fill(&mut batch, &mut read_error);
        eof = end;
        head.push((batch, n));
    }
    let mut unterminated: Option<(u64, u64)> = None;
    if eof {
        let total: usize = head.iter().map(|(_, n)| n).sum();
        if let Some((b, n)) = head.iter().rev().find(|(_, n)| *n > 0) {
            unterminated = last_record_unterminated(&b[..*n], total as u64);
        }
    }
    if progress.is_cancelled() {
        return Err(ImportError::Cancelled);
    }
    let date_col = mapper.date_column().unwrap_or(0);
    let date_values = head.iter().flat_map(|(b, n)| b[..*n].iter()).map(|r| {
        r.get(date_col)
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .unwrap_or_default()
    });
    decide_date_order(&mut *mapper, &header, date_values, path)?;
    let mapper: &dyn RowMapper = &*mapper;

    let workers = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(1, 4);
    let (batch_tx, batch_rx) = mpsc::sync_channel::<Batch>(workers * 2);
    let batch_rx = Mutex::new(batch_rx);
    let (done_tx, done_rx) = mpsc::channel::<(u64, Fragment)>();
    let (recycle_tx, recycle_rx) = mpsc::channel::<Vec<csv::ByteRecord>>();
    let header_ref = &header;
    let cancelled = std::thread::scope(|scope| {
        for _ in 0..workers {
            let done_tx = done_tx.clone();
            let recycle_tx = recycle_tx.clone();
            let batch_rx = &batch_rx;
            scope.spawn(move || {
                loop {
                    let next = match batch_rx.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => break,
                    };
                    let Ok(mut batch) = next else { break };
                    let first = batch.first_record;
                    let fragment = convert(&mut batch, mapper, header_ref);
                    let _ = recycle_tx.send(batch.records);
                    if done_tx.send((first, fragment)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        drop(recycle_tx);
        let mut next_record = 1u64;
        let send = |records: Vec<csv::ByteRecord>, len: usize, next_record: &mut u64| -> bool {
            let ok = batch_tx
                .send(Batch {
                    first_record: *next_record,
                    records,
                    len,
                })
                .is_ok();
            *next_record += len as u64;
            progress.rows.fetch_add(len as u64, Ordering::Relaxed);
            ok
        };
        for (batch, n) in head {
            if !send(batch, n, &mut next_record) {
                break;
            }
        }
        while !eof {
            if progress.is_cancelled() {
                drop(batch_tx);
                return true;
            }
            let mut batch = recycle_rx
                .try_recv()
                .unwrap_or_else(|_| Vec::with_capacity(BATCH));
            let (n, end) = fill(&mut batch, &mut read_error);
            eof = end;
            if end {
                unterminated = last_record_unterminated(&batch[..n], next_record + n as u64 - 1);
            }
            progress
                .bytes_done
                .store(start + rdr_position(&batch, n), Ordering::Relaxed);
            if n > 0 && !send(batch, n, &mut next_record) {
                break;
            }
        }
        drop(batch_tx);
        progress.is_cancelled()
    });
    if cancelled {
        return Err(ImportError::Cancelled);
    }
    let mut fragments: Vec<(u64, Fragment)> = done_rx.into_iter().collect();
    fragments.sort_by_key(|(first, _)| *first);
    let mut columns = IncidentColumns::default();
    columns.reserve(fragments.iter().map(|(_, f)| f.columns.len()).sum());
    for (_, f) in fragments {
        columns.append(&f.columns);
        report.absorb(f.report);
    }
    if let Some((line, record_no)) = unterminated {
        report.push(crate::model::report::Issue {
            severity: crate::model::report::Severity::Warning,
            line,
            record: record_no,
            column: String::new(),
            code: IssueCode::UnterminatedQuote,
            message: "a quoted field opened in this record is never closed, so the rest of the file was read into it; check the rows after this line".to_string(),
        });
    }
    if let Some(e) = read_error {
        report.notes.push(format!("reading stopped early: {e}"));
    }
    progress.bytes_done.store(
        progress.bytes_total.load(Ordering::Relaxed),
        Ordering::Relaxed,
    );
    let meta = DatasetMeta {
        path: path.to_path_buf(),
        format,
        layout,
        encoding: encoding.label().to_string(),
        delimiter: Some(delimiter as char),
        sheet: None,
        columns: (0..header.width()).map(|i| header.display(i)).collect(),
        file_bytes,
        byte_base: start,
        first_sheet_row: 0,
        mapping: options
            .mapping
            .clone()
            .filter(|_| format == SourceFormat::Mapped),
    };
    Ok(finish(columns, report, meta))
}

/// Decides the day/month order of the date column from its values (the
/// values win over a source's convention when they are unambiguous), or
/// fails when nothing decides it and the mapping gives no order.
pub(crate) fn decide_date_order(
    mapper: &mut dyn RowMapper,
    header: &Header,
    values: impl Iterator<Item = String>,
    path: &Path,
) -> Result<(), ImportError> {
    let mut vote = DateOrderVote::default();
    let mut example = String::new();
    for v in values {
        let before = vote.ambiguous;
        vote.add(&v);
        if vote.ambiguous > before && example.is_empty() {
            example = v.trim().chars().take(40).collect();
        }
    }
    if let Some(order) = vote.decided() {
        mapper.set_date_order(order);
    } else if vote.needs_order() && mapper.lacks_date_order() {
        return Err(ImportError::AmbiguousDates {
            path: path.to_path_buf(),
            column: mapper
                .date_column()
                .map(|c| header.display(c))
                .unwrap_or_default(),
            example,
        });
    }
    Ok(())
}

fn csv_error(path: &Path, e: &csv::Error) -> ImportError {
    let at = e
        .position()
        .map(|p| format!("line {}: ", p.line()))
        .unwrap_or_default();
    ImportError::NotATable {
        path: path.to_path_buf(),
        reason: format!("{at}{e}"),
    }
}

/// A record as text: valid UTF-8 validated once and read in place, else
/// with invalid fields decoded as Windows-1252 (and named in the returned
/// list of column positions). The record's buffer is moved, not copied;
/// `give_back` returns it for reuse.
fn record_text(
    rec: csv::ByteRecord,
) -> Result<csv::StringRecord, (Vec<String>, Vec<usize>, csv::ByteRecord)> {
    match csv::StringRecord::from_byte_record(rec) {
        Ok(s) => Ok(s),
        Err(e) => {
            let rec = e.into_byte_record();
            let mut bad = Vec::new();
            let fields = rec
                .iter()
                .enumerate()
                .map(|(i, f)| match std::str::from_utf8(f) {
                    Ok(s) => s.to_string(),
                    Err(_) => {
                        bad.push(i);
                        encoding_rs::WINDOWS_1252
                            .decode_without_bom_handling(f)
                            .0
                            .into_owned()
                    }
                })
                .collect();
            Err((fields, bad, rec))
        }
    }
}

fn give_back(
    text: Result<csv::StringRecord, (Vec<String>, Vec<usize>, csv::ByteRecord)>,
) -> csv::ByteRecord {
    match text {
        Ok(s) => s.into_byte_record(),
        Err((_, _, rec)) => rec,
    }
}

fn convert(batch: &mut Batch, mapper: &dyn RowMapper, header: &Header) -> Fragment {
    let mut columns = IncidentColumns::default();
    columns.reserve(batch.len);
    let mut report = ImportReport::default();
    for k in 0..batch.len {
        let rec = std::mem::take(&mut batch.records[k]);
        let pos = rec.position();
        let line = pos.map_or(0, csv::Position::line);
        let byte = pos.map_or(0, csv::Position::byte);
        let record_no = batch.first_record + k as u64;
        let text = record_text(rec);
        let fields: &dyn Fields = match &text {
            Ok(s) => s,
            Err((f, _, _)) => f,
        };
        if sniff::is_blank(fields) {
            report.blank_rows += 1;
            batch.records[k] = give_back(text);
            continue;
        }
        report.rows_read += 1;
        let mut ctx = RowCtx::new(line, record_no, header, &mut report);
        if let Err((_, bad_cols, _)) = &text {
            for &c in bad_cols {
                ctx.warn(
                    Some(c),
                    IssueCode::InvalidUtf8,
                    "the field is not valid UTF-8; it was read as Windows-1252",
                );
            }
        }
        match mapper.map(fields, &mut ctx) {
            Some(draft) if !ctx.is_rejected() => {
                if draft.civilian_fatalities.is_none() {
                    report.fatalities_unknown += 1;
                }
                columns.push(&draft, SourcePosition { line, byte });
                report.kept += 1;
            }
            _ => report.rejected += 1,
        }
        batch.records[k] = give_back(text);
    }
    Fragment { columns, report }
}
