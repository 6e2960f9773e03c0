//! The import report: what happened to every row of a file. Rows read =
//! incidents kept + rows rejected, always; each warning or rejection names the
//! file, physical line, record number, column and reason. Messages quote only
//! the short value that failed (a date, a number), never a free-text field.

use serde::Serialize;
use std::collections::BTreeMap;

/// How many issues are listed one by one; beyond that they are only counted.
pub const MAX_LISTED_ISSUES: usize = 10_000;

/// Whether an issue cost the row or only a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Warning,
    Rejected,
}

/// What went wrong, as a stable machine-readable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueCode {
    DateBlank,
    DateUnreadable,
    DateAmbiguous,
    DateInvalid,
    DateOutOfRange,
    DateYearOnly,
    DateInFuture,
    DateDayBlank,
    FatalitiesUnreadable,
    FatalitiesNegative,
    FatalitiesOutlier,
    ShortRow,
    LongRow,
    InvalidUtf8,
    UnknownInterCode,
    UnknownViolenceType,
    CoordinatesOutOfRange,
    CoordinatesZero,
    CoordinatesUnreadable,
    UnmappedPerpetrator,
    DuplicateEventId,
    DuplicateHeader,
    BlankHeader,
    UnterminatedQuote,
    VictimsUnreadable,
    TextRepaired,
}

impl IssueCode {
    /// A short English description, for the report's summary lines.
    pub fn describe(self) -> &'static str {
        match self {
            Self::DateBlank => "date is blank",
            Self::DateUnreadable => "date could not be read",
            Self::DateAmbiguous => "date could be day/month or month/day",
            Self::DateInvalid => "date does not exist",
            Self::DateOutOfRange => "date outside 1900–2100",
            Self::DateYearOnly => "date gives only a year",
            Self::DateInFuture => "date after the day of import (a typo?)",
            Self::CoordinatesUnreadable => "coordinate not a number (kept without a point)",
            Self::DateDayBlank => "day blank (dated the 1st, month precision)",
            Self::FatalitiesUnreadable => "fatalities not a number (kept, flagged unknown)",
            Self::FatalitiesNegative => "negative fatalities (kept, flagged unknown)",
            Self::FatalitiesOutlier => "very large fatality figure (kept, check it)",
            Self::ShortRow => "row has fewer fields than the header",
            Self::LongRow => "row has more fields than the header",
            Self::InvalidUtf8 => "invalid UTF-8 read as Windows-1252",
            Self::UnknownInterCode => "unknown ACLED inter code (type set to other)",
            Self::UnknownViolenceType => "unknown UCDP type_of_violence",
            Self::CoordinatesOutOfRange => "coordinates out of range (dropped)",
            Self::CoordinatesZero => "coordinates 0,0 (dropped)",
            Self::UnmappedPerpetrator => "perpetrator value not mapped (type set to other)",
            Self::DuplicateEventId => "event id seen before in this file",
            Self::DuplicateHeader => "duplicate column name (first one used)",
            Self::BlankHeader => "blank column name",
            Self::UnterminatedQuote => "a quote opened in the last record is never closed",
            Self::VictimsUnreadable => "victim count not a number (kept, flagged unknown)",
            Self::TextRepaired => "text repaired (UTF-8 read as Latin-1 upstream)",
        }
    }
}

/// One warning or rejection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub severity: Severity,
    /// 1-based physical line of the record (sheet row for Excel); 0 for the file.
    pub line: u64,
    /// 1-based data record number (the header is record 0).
    pub record: u64,
    /// The column's header name, or `""` when the issue is about the row.
    pub column: String,
    pub code: IssueCode,
    /// A sentence saying what is wrong, quoting at most the short failing value.
    pub message: String,
}

/// Everything an import did, for the analyst to see.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    /// The file as the analyst named it.
    pub file: String,
    /// Data records read (blank rows excluded).
    pub rows_read: u64,
    /// Incidents kept.
    pub kept: u64,
    /// Rows rejected, each listed (up to `MAX_LISTED_ISSUES`) with its reason.
    pub rejected: u64,
    /// Entirely blank rows skipped (for example an Excel used range that runs
    /// a million rows past the data).
    pub blank_rows: u64,
    /// Facts about the file as a whole: encoding, delimiter, header line,
    /// tag row, detected layout.
    pub notes: Vec<String>,
    /// Listed warnings and rejections, in file order.
    pub issues: Vec<Issue>,
    /// Warnings and rejections by code, all of them (listed or not).
    pub counts: BTreeMap<IssueCode, u64>,
    /// Rows with fatalities flagged unknown.
    pub fatalities_unknown: u64,
}

impl ImportReport {
    /// A new empty report for `file`.
    pub fn new(file: impl Into<String>) -> Self {
        ImportReport {
            file: file.into(),
            ..Default::default()
        }
    }

    /// Records an issue.
    pub fn push(&mut self, issue: Issue) {
        *self.counts.entry(issue.code).or_insert(0) += 1;
        if self.issues.len() < MAX_LISTED_ISSUES {
            self.issues.push(issue);
        }
    }

    /// Adds the issues and counts of a part of the same file, read separately.
    pub fn absorb(&mut self, part: ImportReport) {
        self.rows_read += part.rows_read;
        self.kept += part.kept;
        self.rejected += part.rejected;
        self.blank_rows += part.blank_rows;
        self.fatalities_unknown += part.fatalities_unknown;
        for (code, n) in part.counts {
            *self.counts.entry(code).or_insert(0) += n;
        }
        let room = MAX_LISTED_ISSUES.saturating_sub(self.issues.len());
        self.issues.extend(part.issues.into_iter().take(room));
    }

    /// Number of warnings (issues that did not cost the row).
    pub fn warning_count(&self) -> u64 {
        self.issues_of(Severity::Warning)
    }

    fn issues_of(&self, severity: Severity) -> u64 {
        // Counts by code include all issues; split by severity via the listed
        // ones scaled to the totals is not exact, so count listed directly when
        // nothing was cut, else fall back to the code totals.
        if self.counts.values().sum::<u64>() as usize == self.issues.len() {
            self.issues
                .iter()
                .filter(|i| i.severity == severity)
                .count() as u64
        } else {
            match severity {
                Severity::Rejected => self.rejected,
                Severity::Warning => self
                    .counts
                    .values()
                    .sum::<u64>()
                    .saturating_sub(self.rejected),
            }
        }
    }

    /// Whether rows read equals kept plus rejected (always true for a report
    /// the importers produced; asserted by tests).
    pub fn balances(&self) -> bool {
        self.rows_read == self.kept + self.rejected
    }

    /// The report as plain text: the counts line, the notes, a summary by
    /// reason, then every listed issue. This is what `summarize` prints and
    /// what the GUI's "Copy" button puts on the clipboard.
    pub fn to_text(&self) -> String {
        let mut out = format!(
            "{}: {} rows read, {} incidents kept, {} rejected",
            self.file, self.rows_read, self.kept, self.rejected
        );
        if self.blank_rows > 0 {
            out.push_str(&format!(", {} blank rows skipped", self.blank_rows));
        }
        out.push('\n');
        for n in &self.notes {
            out.push_str(&format!("  note: {n}\n"));
        }
        for (code, n) in &self.counts {
            out.push_str(&format!("  {n} × {}\n", code.describe()));
        }
        for i in &self.issues {
            let sev = match i.severity {
                Severity::Warning => "warning",
                Severity::Rejected => "rejected",
            };
            let col = if i.column.is_empty() {
                String::new()
            } else {
                format!(", column '{}'", i.column)
            };
            out.push_str(&format!(
                "  {}:{} (record {}{}): {}: {}\n",
                self.file, i.line, i.record, col, sev, i.message
            ));
        }
        let total: u64 = self.counts.values().sum();
        if total as usize > self.issues.len() {
            out.push_str(&format!(
                "  … {} more issues counted above but not listed\n",
                total as usize - self.issues.len()
            ));
        }
        out
    }
}
