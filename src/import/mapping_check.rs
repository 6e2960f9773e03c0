//! The mapping dialog's live check: what a `ColumnMapping` makes of the
//! first rows of a file (rows kept, dates that could not be read, with the
//! first one's row), before anything is imported.

use super::RowMapper;
use super::fields::{Fields, Header, RowCtx};
use super::mapping::{ColumnMapping, MappedMapper};
use crate::model::report::IssueCode;
use std::path::Path;

/// What a mapping makes of a preview: the mapping dialog's live check.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MappingCheck {
    /// Data rows checked.
    pub rows: u64,
    /// Rows that would be kept.
    pub kept: u64,
    /// Rows whose date could not be read.
    pub date_errors: u64,
    /// The first of them: (row number in the preview, 1 = header; message).
    pub first_date_error: Option<(u64, String)>,
    /// Rows whose fatalities would be flagged unknown.
    pub fatalities_unknown: u64,
    /// Perpetrator values neither listed nor recognised from their wording.
    pub unmapped_values: Vec<String>,
    /// A problem with the mapping itself (a column that is not there).
    pub error: Option<String>,
}

impl MappingCheck {
    /// One line for the dialog, e.g. "23 dates could not be read, e.g. row 14: '31/02/2020' …".
    pub fn summary(&self) -> String {
        if let Some(e) = &self.error {
            return e.clone();
        }
        let mut parts = vec![format!("{} of {} rows would be kept", self.kept, self.rows)];
        if let Some((row, msg)) = &self.first_date_error {
            parts.push(format!(
                "{} dates could not be read, e.g. row {row}: {msg}",
                self.date_errors
            ));
        }
        if self.fatalities_unknown > 0 {
            parts.push(format!(
                "{} fatality figures unreadable or blank",
                self.fatalities_unknown
            ));
        }
        if !self.unmapped_values.is_empty() {
            parts.push(format!(
                "perpetrator values set to other: {}",
                self.unmapped_values.join(", ")
            ));
        }
        parts.join("; ")
    }
}

/// Runs `mapping` over a preview (header row first, then an optional HXL
/// row, then data) without importing anything.
pub fn check_mapping(mapping: &ColumnMapping, preview: &[Vec<String>]) -> MappingCheck {
    use super::fields::{HxlTag, is_tag_row};
    let Some(names) = preview.first() else {
        return MappingCheck {
            error: Some("the file shows no rows".to_string()),
            ..Default::default()
        };
    };
    let (tags, data_from) = match preview.get(1) {
        Some(r) if is_tag_row(r) => (r.iter().map(|c| HxlTag::parse(c)).collect(), 2),
        _ => (Vec::new(), 1),
    };
    let (header, _) = Header::new(names.clone(), tags);
    let mapper = match MappedMapper::new(mapping, &header, Path::new("preview")) {
        Ok(m) => m,
        Err(e) => {
            return MappingCheck {
                error: Some(e.to_string().trim_start_matches("preview: ").to_string()),
                ..Default::default()
            };
        }
    };
    let mut report = crate::model::report::ImportReport::default();
    let mut check = MappingCheck::default();
    for (i, row) in preview.iter().enumerate().skip(data_from) {
        if super::sniff::is_blank(row as &dyn Fields) {
            continue;
        }
        check.rows += 1;
        let mut ctx = RowCtx::new(i as u64 + 1, check.rows, &header, &mut report);
        if mapper.map(row, &mut ctx).is_some() && !ctx.is_rejected() {
            check.kept += 1;
        }
    }
    for issue in &report.issues {
        match issue.code {
            IssueCode::DateBlank
            | IssueCode::DateUnreadable
            | IssueCode::DateAmbiguous
            | IssueCode::DateInvalid
            | IssueCode::DateOutOfRange
            | IssueCode::DateYearOnly
            | IssueCode::DateInFuture => {
                check.date_errors += 1;
                if check.first_date_error.is_none() {
                    check.first_date_error = Some((issue.line, issue.message.clone()));
                }
            }
            IssueCode::FatalitiesUnreadable | IssueCode::FatalitiesNegative => {
                check.fatalities_unknown += 1
            }
            IssueCode::UnmappedPerpetrator => {
                let v = issue.message.split('\'').nth(1).unwrap_or("").to_string();
                if !check.unmapped_values.contains(&v) {
                    check.unmapped_values.push(v);
                }
            }
            _ => {}
        }
    }
    check
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::dates::DateOrder;

    fn rows(v: &[&[&str]]) -> Vec<Vec<String>> {
        v.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn check_reports_bad_dates_with_their_row() {
        let preview = rows(&[
            &["When", "Where"],
            &["2020-01-01", "A"],
            &["31/02/2020", "B"],
            &["2020-02-01", "C"],
        ]);
        let m = ColumnMapping {
            date: "When".into(),
            date_order: Some(DateOrder::DayFirst),
            admin1: Some("Where".into()),
            ..Default::default()
        };
        let c = check_mapping(&m, &preview);
        assert_eq!((c.rows, c.kept, c.date_errors), (3, 2, 1));
        assert_eq!(c.first_date_error.as_ref().map(|e| e.0), Some(3));
        assert!(
            c.summary()
                .contains("1 dates could not be read, e.g. row 3"),
            "{}",
            c.summary()
        );
    }

    #[test]
    fn check_names_a_missing_column() {
        let preview = rows(&[&["When"], &["2020-01-01"]]);
        let m = ColumnMapping {
            date: "Date".into(),
            ..Default::default()
        };
        let c = check_mapping(&m, &preview);
        assert!(
            c.error.as_deref().is_some_and(|e| e.contains("'Date'")),
            "{:?}",
            c.error
        );
    }
}
