//! Joining the workers' column fragments in file order as they finish. The
//! join runs on a thread of its own while the file is read and parsed,
//! instead of after the parse, and repeated event ids are looked for as rows
//! arrive. An emptied fragment goes back to the workers with its strings, so
//! its buffers are reused and only the strings new since its last block are
//! looked up here.

use super::RepeatedIds;
use super::rows::{Done, Fragment};
use crate::model::incident::IncidentColumns;
use crate::model::report::{ImportReport, Issue, IssueCode, Severity};
use std::collections::BTreeMap;
use std::sync::mpsc;

pub(super) struct Joiner {
    columns: IncidentColumns,
    report: ImportReport,
    ids: RepeatedIds,
    /// Finished blocks waiting for an earlier one.
    pending: BTreeMap<u64, Done>,
    next: u64,
    /// Data records of the blocks joined so far (blocks number theirs from 1).
    records_before: u64,
    unterminated: Option<(u64, u64)>,
    /// Per fragment slot: its string ids → ids in `columns`.
    name_maps: Vec<Vec<u32>>,
    pool: mpsc::Sender<Fragment>,
}

impl Joiner {
    /// A joiner whose columns have room for about `rows` rows; emptied
    /// fragments are sent to `pool`.
    pub(super) fn new(report: ImportReport, rows: usize, pool: mpsc::Sender<Fragment>) -> Self {
        let mut columns = IncidentColumns::default();
        columns.reserve(rows);
        Joiner {
            columns,
            report,
            ids: RepeatedIds::with_capacity(rows),
            pending: BTreeMap::new(),
            next: 0,
            records_before: 0,
            unterminated: None,
            name_maps: Vec::new(),
            pool,
        }
    }

    /// Takes a finished block; joins it and any blocks it was holding up.
    pub(super) fn add(&mut self, done: Done) {
        self.pending.insert(done.seq, done);
        while let Some(d) = self.pending.remove(&self.next) {
            self.join(d);
            self.next += 1;
        }
    }

    fn join(&mut self, done: Done) {
        let Done {
            fragment: mut f,
            records,
            unterminated,
            ..
        } = done;
        let mut report = std::mem::take(&mut f.report);
        for i in &mut report.issues {
            i.record += self.records_before;
        }
        // Only the file's last record can hold an unclosed quote.
        self.unterminated = unterminated.map(|(line, r)| (line, r + self.records_before));
        self.records_before += records;
        if self.name_maps.len() <= f.slot {
            self.name_maps.resize_with(f.slot + 1, Vec::new);
        }
        self.columns
            .append_with(&f.columns, &mut self.name_maps[f.slot]);
        self.ids.scan(&self.columns);
        self.report.absorb(report);
        f.columns.clear_rows();
        // The workers may all have stopped (the last blocks): nothing to do.
        self.pool.send(f).ok();
    }

    /// Blocks received but not joined (an earlier block never came: only
    /// after a cancel or a worker's failure).
    pub(super) fn waiting(&self) -> usize {
        self.pending.len()
    }

    /// The joined rows, the report and the repeated ids found.
    pub(super) fn finish(mut self) -> (IncidentColumns, ImportReport, RepeatedIds) {
        if let Some((line, record_no)) = self.unterminated {
            self.report.push(Issue {
                severity: Severity::Warning,
                line,
                record: record_no,
                column: String::new(),
                code: IssueCode::UnterminatedQuote,
                message: crate::bi!(
                    "a quoted field opened in this record is never closed, so the rest of the file was read into it; check the rows after this line",
                    "un champ entre guillemets ouvert dans cet enregistrement n'est jamais fermé : la suite du fichier y a été lue ; vérifiez les lignes qui suivent"
                ),
            });
        }
        (self.columns, self.report, self.ids)
    }
}
