//! The row-level border: a record's fields by index, the column index built
//! from a header (by name, never by position), HXL tags, and the context that
//! collects a row's warnings and rejections with file, line, record and column.

use crate::i18n::Bi;
use crate::model::report::{ImportReport, Issue, IssueCode, Severity};
use std::collections::HashMap;

/// A record's fields, whatever file it came from.
pub trait Fields {
    /// Field `i`, or `None` past the end of a short row.
    fn field(&self, i: usize) -> Option<&str>;
    /// Number of fields in the record.
    fn count(&self) -> usize;
}

impl Fields for csv::StringRecord {
    fn field(&self, i: usize) -> Option<&str> {
        self.get(i)
    }
    fn count(&self) -> usize {
        self.len()
    }
}

impl Fields for Vec<String> {
    fn field(&self, i: usize) -> Option<&str> {
        self.get(i).map(String::as_str)
    }
    fn count(&self) -> usize {
        self.len()
    }
}

/// Normalises a header cell for matching: trimmed, lower-case, inner white
/// space folded, BOM and invisible characters removed.
pub fn header_key(name: &str) -> String {
    name.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The header of a table: column names by position, and the reverse look-up.
#[derive(Debug, Clone, Default)]
pub struct Header {
    /// Names as written (trimmed).
    pub names: Vec<String>,
    /// HXL tags by position, when the file has a tag row.
    pub tags: Vec<Option<HxlTag>>,
    by_key: HashMap<String, usize>,
}

impl Header {
    /// Builds the index. A name seen twice maps to its first column; the
    /// duplicates and blanks are returned as (position, code) for the report.
    pub fn new(names: Vec<String>, tags: Vec<Option<HxlTag>>) -> (Header, Vec<(usize, IssueCode)>) {
        let mut by_key = HashMap::new();
        let mut problems = Vec::new();
        let names: Vec<String> = names.into_iter().map(|n| n.trim().to_string()).collect();
        for (i, n) in names.iter().enumerate() {
            let k = header_key(n);
            if k.is_empty() {
                if tags.get(i).is_none_or(Option::is_none) {
                    problems.push((i, IssueCode::BlankHeader));
                }
                continue;
            }
            if let std::collections::hash_map::Entry::Vacant(e) = by_key.entry(k) {
                e.insert(i);
            } else {
                problems.push((i, IssueCode::DuplicateHeader));
            }
        }
        (
            Header {
                names,
                tags,
                by_key,
            },
            problems,
        )
    }

    /// The position of the first column named `name` (case-insensitive).
    pub fn find(&self, name: &str) -> Option<usize> {
        self.by_key.get(&header_key(name)).copied()
    }

    /// The first of several alternative names that is present.
    pub fn find_any(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| self.find(n))
    }

    /// Whether a column of that name exists.
    pub fn has(&self, name: &str) -> bool {
        self.find(name).is_some()
    }

    /// The best column for an HXL tag pattern such as `#affected+killed`: the
    /// column whose tag has that hashtag and all those attributes, with the
    /// fewest extra attributes (first one on a tie).
    pub fn find_tag(&self, pattern: &str) -> Option<usize> {
        let want = HxlTag::parse(pattern)?;
        self.tags
            .iter()
            .enumerate()
            .filter_map(|(i, t)| t.as_ref().map(|t| (i, t)))
            .filter(|(_, t)| {
                t.hashtag == want.hashtag
                    && want.attributes.iter().all(|a| t.attributes.contains(a))
            })
            .min_by_key(|(i, t)| (t.attributes.len() - want.attributes.len(), *i))
            .map(|(i, _)| i)
    }

    /// Resolves a column reference from a mapping: an HXL tag pattern when it
    /// starts with `#`, else a header name.
    pub fn resolve(&self, reference: &str) -> Option<usize> {
        if reference.trim_start().starts_with('#') {
            self.find_tag(reference)
        } else {
            self.find(reference)
        }
    }

    /// The display name of column `i`: its header, else its tag, else `column N`.
    pub fn display(&self, i: usize) -> String {
        match self.names.get(i) {
            Some(n) if !n.is_empty() => n.clone(),
            _ => match self.tags.get(i) {
                Some(Some(t)) => t.to_string(),
                _ => format!("column {}", i + 1),
            },
        }
    }

    /// Number of columns (the longer of names and tags).
    pub fn width(&self) -> usize {
        self.names.len().max(self.tags.len())
    }
}

/// An HXL hashtag with its attributes, e.g. `#affected +killed`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HxlTag {
    /// Lower-case hashtag without `#`.
    pub hashtag: String,
    /// Lower-case attributes without `+`, in the order written.
    pub attributes: Vec<String>,
}

impl HxlTag {
    /// Parses `#tag +attr+attr` (spaces allowed, any case). `None` when the
    /// cell does not start with `#` or the hashtag is empty.
    pub fn parse(cell: &str) -> Option<HxlTag> {
        let t = cell.trim();
        let rest = t.strip_prefix('#')?;
        let mut parts = rest.split('+').map(|p| p.trim().to_lowercase());
        let hashtag = parts
            .next()
            .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_alphanumeric() || c == '_'))?;
        let attributes = parts.filter(|a| !a.is_empty()).collect();
        Some(HxlTag {
            hashtag,
            attributes,
        })
    }
}

impl std::fmt::Display for HxlTag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.hashtag)?;
        for a in &self.attributes {
            write!(f, "+{a}")?;
        }
        Ok(())
    }
}

/// Whether a row is an HXL tag row: at least one non-empty cell, and at least
/// half of the non-empty cells are hashtags (the HXL project's own "fuzzy"
/// files drop the `#` on some tags).
pub fn is_tag_row(cells: &[String]) -> bool {
    let non_empty: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
    let tagged = non_empty
        .iter()
        .filter(|c| HxlTag::parse(c).is_some())
        .count();
    tagged >= 1 && tagged * 2 >= non_empty.len()
}

/// Where a row is, and the batch-local report its issues go to.
pub struct RowCtx<'a> {
    pub line: u64,
    pub record: u64,
    pub header: &'a Header,
    pub report: &'a mut ImportReport,
    rejected: bool,
}

impl<'a> RowCtx<'a> {
    /// A context for one record.
    pub fn new(line: u64, record: u64, header: &'a Header, report: &'a mut ImportReport) -> Self {
        RowCtx {
            line,
            record,
            header,
            report,
            rejected: false,
        }
    }

    fn push(&mut self, severity: Severity, column: Option<usize>, code: IssueCode, message: Bi) {
        let column = column.map(|c| self.header.display(c)).unwrap_or_default();
        self.report.push(Issue {
            severity,
            line: self.line,
            record: self.record,
            column,
            code,
            message,
        });
    }

    /// Records a warning; the row is kept.
    pub fn warn(&mut self, column: Option<usize>, code: IssueCode, message: Bi) {
        self.push(Severity::Warning, column, code, message);
    }

    /// Records the reason the row is rejected.
    pub fn reject(&mut self, column: Option<usize>, code: IssueCode, message: Bi) {
        self.rejected = true;
        self.push(Severity::Rejected, column, code, message);
    }

    /// Whether `reject` was called.
    pub fn is_rejected(&self) -> bool {
        self.rejected
    }
}

/// Quotes a short cell value for a message, cut to 40 characters so that a
/// misplaced free-text field never lands whole in a report.
pub fn quote(value: &str) -> String {
    format!("'{}'", crate::model::text::clip(value.trim()))
}

/// `quote` in French typography: « value ».
pub fn guillemets(value: &str) -> String {
    format!("« {} »", crate::model::text::clip(value.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_parse_with_spaces() {
        let t = HxlTag::parse("#affected +healthworker +killed").unwrap();
        assert_eq!(t.hashtag, "affected");
        assert_eq!(t.attributes, vec!["healthworker", "killed"]);
        assert!(HxlTag::parse("affected+killed").is_none());
        assert!(HxlTag::parse("#").is_none());
    }

    #[test]
    fn tag_matching_prefers_fewest_extras() {
        let tags = [
            "#affected+healthworker+killed",
            "#affected+killed",
            "#adm1+name",
        ]
        .iter()
        .map(|s| HxlTag::parse(s))
        .collect();
        let (h, _) = Header::new(vec![String::new(); 3], tags);
        assert_eq!(h.find_tag("#affected+killed"), Some(1));
        assert_eq!(h.find_tag("#adm1"), Some(2));
        assert_eq!(h.find_tag("#date"), None);
    }

    #[test]
    fn header_lookup_is_case_and_space_insensitive() {
        let (h, problems) = Header::new(
            vec![
                "EVENT_DATE".into(),
                "Perpetrator ".into(),
                "x".into(),
                "X".into(),
                "".into(),
            ],
            vec![],
        );
        assert_eq!(h.find("event_date"), Some(0));
        assert_eq!(h.find("perpetrator"), Some(1));
        assert_eq!(h.find("x"), Some(2));
        assert_eq!(
            problems,
            vec![(3, IssueCode::DuplicateHeader), (4, IssueCode::BlankHeader)]
        );
    }
}
