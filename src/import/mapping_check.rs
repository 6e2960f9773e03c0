//! The mapping dialog's live check: what a `ColumnMapping` makes of the
//! first rows of a file (rows kept, dates that could not be read, with the
//! first one's row), before anything is imported.

use super::RowMapper;
use super::fields::{Fields, Header, RowCtx};
use super::mapping::{ColumnMapping, MappedMapper};
use crate::i18n::{Bi, Lang};
use crate::model::report::IssueCode;
use crate::{l, lf};
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
    pub first_date_error: Option<(u64, Bi)>,
    /// Rows whose fatalities would be flagged unknown.
    pub fatalities_unknown: u64,
    /// Perpetrator values neither listed nor recognised from their wording.
    pub unmapped_values: Vec<String>,
    /// A problem with the mapping itself (a column that is not there).
    pub error: Option<Bi>,
    /// The day/month order the date column's values decide, when the
    /// mapping leaves it to them, and the values that decide it.
    pub decided_order: Option<(crate::model::dates::DateOrder, u64)>,
}

impl MappingCheck {
    /// One line for the dialog, e.g. "23 dates could not be read, e.g. row 14: '31/02/2020' …".
    pub fn summary(&self) -> String {
        self.summary_in(Lang::En)
    }

    /// The line in `lang`.
    pub fn summary_in(&self, lang: Lang) -> String {
        if let Some(e) = &self.error {
            return e.get(lang).to_string();
        }
        let (kept, rows) = (self.kept, self.rows);
        let mut parts = vec![lf!(
            lang,
            "{kept} of {rows} rows would be kept",
            "{kept} lignes sur {rows} seraient gardées"
        )];
        if let Some((order, n)) = self.decided_order {
            use crate::model::dates::DateOrder;
            let o = match order {
                DateOrder::DayFirst => l!(lang, "day-first (DD/MM)", "jour d'abord (JJ/MM)"),
                DateOrder::MonthFirst => l!(lang, "month-first (MM/DD)", "mois d'abord (MM/JJ)"),
            };
            parts.push(lf!(
                lang,
                "dates read as {o} ({n} values can only be read that way)",
                "dates lues {o} ({n} valeurs ne se lisent que de cette façon)"
            ));
        }
        if let Some((row, msg)) = &self.first_date_error {
            let (n, msg) = (self.date_errors, msg.get(lang));
            parts.push(lf!(
                lang,
                "{n} dates could not be read, e.g. row {row}: {msg}",
                "{n} dates illisibles, par exemple ligne {row} : {msg}"
            ));
        }
        if self.fatalities_unknown > 0 {
            let n = self.fatalities_unknown;
            parts.push(lf!(
                lang,
                "{n} fatality figures unreadable or blank",
                "{n} nombres de morts illisibles ou vides"
            ));
        }
        if !self.unmapped_values.is_empty() {
            let v = self.unmapped_values.join(", ");
            parts.push(lf!(
                lang,
                "perpetrator values set to other: {v}",
                "valeurs d'auteur mises à autre : {v}"
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
            error: Some(crate::bi!(
                "the file shows no rows",
                "le fichier ne montre aucune ligne"
            )),
            ..Default::default()
        };
    };
    let (tags, data_from) = match preview.get(1) {
        Some(r) if is_tag_row(r) => (r.iter().map(|c| HxlTag::parse(c)).collect(), 2),
        _ => (Vec::new(), 1),
    };
    let (header, _) = Header::new(names.clone(), tags);
    let mut mapper = match MappedMapper::new(mapping, &header, Path::new("preview")) {
        Ok(m) => m,
        Err(e) => {
            return MappingCheck {
                error: Some(e.reason()),
                ..Default::default()
            };
        }
    };
    let mut check = MappingCheck::default();
    // As the import does: the values decide the day/month order when the
    // mapping gives none.
    if let Some(dc) = mapper.date_column()
        && mapping.date_order.is_none()
    {
        let mut vote = crate::model::date_vote::DateOrderVote::default();
        for row in preview.iter().skip(data_from) {
            vote.add(row.get(dc).map_or("", String::as_str));
        }
        if let Some(order) = vote.decided() {
            mapper.set_date_order(order);
            let n = match order {
                crate::model::dates::DateOrder::DayFirst => vote.day_first,
                crate::model::dates::DateOrder::MonthFirst => vote.month_first,
            };
            check.decided_order = Some((order, n));
        }
    }
    let mut report = crate::model::report::ImportReport::default();
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
                let v = issue
                    .message
                    .en()
                    .split('\'')
                    .nth(1)
                    .unwrap_or("")
                    .to_string();
                if !check.unmapped_values.contains(&v) {
                    check.unmapped_values.push(v);
                }
            }
            _ => {}
        }
    }
    // Values the analyst left (or put) under "other" are named too: the
    // dialog writes every value it shows into the mapping.
    for (v, t) in &mapping.perpetrator_values {
        if *t == crate::model::PerpetratorType::Other && !check.unmapped_values.contains(v) {
            check.unmapped_values.push(v.clone());
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
            c.error.as_ref().is_some_and(|e| e.contains("'Date'")),
            "{:?}",
            c.error
        );
    }

    /// The live check decides the day/month order from the values as the
    /// import does, and says so (it used to say "order not known").
    #[test]
    fn check_decides_the_order_from_the_values() {
        let preview = rows(&[
            &["When", "Where"],
            &["03/04/2020", "A"],
            &["25/03/2020", "B"],
            &["05/06/2020", "C"],
        ]);
        let m = ColumnMapping {
            date: "When".into(),
            admin1: Some("Where".into()),
            ..Default::default()
        };
        let c = check_mapping(&m, &preview);
        assert_eq!(c.decided_order, Some((DateOrder::DayFirst, 1)));
        assert_eq!((c.rows, c.kept, c.date_errors), (3, 3, 0));
        assert!(c.summary().contains("day-first"), "{}", c.summary());
    }

    /// Dates from year, month and day columns: month names in English or
    /// French, a blank day at month precision, an impossible day rejected.
    #[test]
    fn check_reads_dates_from_year_month_day_columns() {
        let preview = rows(&[
            &["Year", "Month", "Day"],
            &["2020", "3", "14"],
            &["2020", "mars", ""],
            &["2021", "February", "30"],
            &["2021.0", "Feb.", "2.0"],
        ]);
        let m = ColumnMapping {
            date_parts: Some(crate::model::mapping::DateParts {
                year: "Year".into(),
                month: "Month".into(),
                day: Some("Day".into()),
            }),
            ..Default::default()
        };
        let c = check_mapping(&m, &preview);
        assert_eq!(
            (c.rows, c.kept, c.date_errors),
            (4, 3, 1),
            "{}",
            c.summary()
        );
        assert!(
            c.first_date_error
                .as_ref()
                .is_some_and(|e| e.0 == 4 && e.1.contains("2021-02-30"))
        );
    }
}
