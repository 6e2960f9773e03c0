//! The workers' side of reading delimited text: a block of whole records is
//! split (`fastcsv.rs`), each record checked for UTF-8 once (invalid fields
//! read as Windows-1252 and reported), mapped to an incident and appended to
//! the block's column fragment, with the row accounting of the report.

use super::RowMapper;
use super::fields::{Fields, Header, RowCtx};
use super::sniff;
use crate::model::incident::{IncidentColumns, SourcePosition};
use crate::model::report::{ImportReport, IssueCode};

/// A block of whole records for a worker.
pub(super) struct Block {
    /// Order in the file.
    pub(super) seq: u64,
    pub(super) data: Vec<u8>,
    /// Byte offset of the block in the stream, and line feeds before it.
    pub(super) byte_offset: u64,
    pub(super) line_offset: u64,
    /// Records at the start of the block that are not data (title rows,
    /// header, HXL tag row).
    pub(super) skip: usize,
}

/// A worker's result for one block.
pub(super) struct Done {
    pub(super) seq: u64,
    pub(super) fragment: Fragment,
    /// Data records in the block (blank ones included).
    pub(super) records: u64,
    /// The block's last record has a quote that is never closed: its line
    /// and its record number within the block.
    pub(super) unterminated: Option<(u64, u64)>,
}

/// A worker's rows for one block. Fragments are reused from block to block
/// and keep their interned strings; `slot` tells them apart.
pub(super) struct Fragment {
    pub(super) columns: IncidentColumns,
    pub(super) report: ImportReport,
    pub(super) slot: usize,
}

impl Fragment {
    pub(super) fn new(slot: usize) -> Self {
        Fragment {
            columns: IncidentColumns::default(),
            report: ImportReport::default(),
            slot,
        }
    }
}

/// Fields of a record that is not valid UTF-8: each invalid field is read
/// as Windows-1252, and its position returned.
fn decode_fields(rec: &super::fastcsv::Split, data: &[u8]) -> (Vec<String>, Vec<usize>) {
    let mut bad = Vec::new();
    let fields = (0..rec.len())
        .map(|i| {
            let f = rec.bytes(data, i).unwrap_or_default();
            match std::str::from_utf8(&f) {
                Ok(s) => s.to_string(),
                Err(_) => {
                    bad.push(i);
                    encoding_rs::WINDOWS_1252
                        .decode_without_bom_handling(&f)
                        .0
                        .into_owned()
                }
            }
        })
        .collect();
    (fields, bad)
}

/// Splits and maps one block into `fragment` (empty, or emptied by the join).
pub(super) fn convert_block(
    block: &Block,
    mut fragment: Fragment,
    delimiter: u8,
    mapper: &dyn RowMapper,
    header: &Header,
    rec: &mut super::fastcsv::Split,
) -> Done {
    let data = &block.data;
    let mut sp = super::fastcsv::Splitter::new(data, delimiter);
    let mut skip = block.skip;
    let mut k = 0u64;
    let mut last_open = None;
    while sp.next_record(rec) {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        k += 1;
        let line = block.line_offset + rec.line;
        let byte = block.byte_offset + rec.start as u64;
        last_open = rec.unterminated.then_some((line, k));
        if let Some(text) = super::fastcsv::TextRecord::new(rec, data) {
            convert_row(&text, &[], (line, byte, k), mapper, header, &mut fragment);
        } else {
            let (fields, bad) = decode_fields(rec, data);
            convert_row(
                &fields,
                &bad,
                (line, byte, k),
                mapper,
                header,
                &mut fragment,
            );
        }
    }
    Done {
        seq: block.seq,
        fragment,
        records: k,
        unterminated: last_open,
    }
}

/// Maps one record (line, byte offset, record number) into the fragment.
fn convert_row(
    fields: &dyn Fields,
    bad_cols: &[usize],
    (line, byte, record_no): (u64, u64, u64),
    mapper: &dyn RowMapper,
    header: &Header,
    out: &mut Fragment,
) {
    let report = &mut out.report;
    if sniff::is_blank(fields) {
        report.blank_rows += 1;
        return;
    }
    report.rows_read += 1;
    let mut ctx = RowCtx::new(line, record_no, header, report);
    for &c in bad_cols {
        ctx.warn(
            Some(c),
            IssueCode::InvalidUtf8,
            crate::bi!(
                "the field is not valid UTF-8; it was read as Windows-1252",
                "le champ n'est pas de l'UTF-8 valide ; il a été lu comme Windows-1252"
            ),
        );
    }
    match mapper.map(fields, &mut ctx) {
        Some(draft) if !ctx.is_rejected() => {
            if draft.civilian_fatalities.is_none() {
                report.fatalities_unknown += 1;
            }
            out.columns.push(&draft, SourcePosition { line, byte });
            report.kept += 1;
        }
        _ => report.rejected += 1,
    }
}
