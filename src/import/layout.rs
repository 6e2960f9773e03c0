//! Where a table's header stands among its first rows, and the header built
//! from it: the one resolution text files (`pipeline.rs`) and workbooks
//! (`excel.rs`) share. A mapping's `header_row` wins (with an HXL tag row
//! taken when one follows it); else the rows are sniffed (`sniff::layout`)
//! with ACLED's and UCDP's names as known headers.

use super::fields::{Header, HxlTag, is_tag_row};
use super::sniff::{self, Layout};
use super::{ImportError, ImportOptions, RowMapper, choose_mapper};
use crate::model::dataset::SourceFormat;
use crate::model::report::{ImportReport, Issue, IssueCode, Severity};
use std::path::Path;

/// The header of a table, resolved from a preview of its first rows.
pub(crate) struct TableHead {
    /// Header, tag and first data rows, as indices into the preview.
    pub(crate) layout: Layout,
    /// The header built from the names (and tags) found.
    pub(crate) header: Header,
    /// Problems with the header's names, by column.
    pub(crate) problems: Vec<(usize, IssueCode)>,
    /// Whether no name and no tag was found: no header at all.
    pub(crate) blank: bool,
}

impl TableHead {
    /// Resolves the header of `preview`, whose first row is row `first_row`
    /// (0-based) of the file or sheet; `header_row` is a mapping's 1-based
    /// header row, if it gives one.
    pub(crate) fn resolve(
        preview: &[Vec<String>],
        header_row: Option<u64>,
        first_row: usize,
    ) -> TableHead {
        let layout = match header_row {
            Some(h) if h >= 1 => given_layout(preview, (h as usize - 1).saturating_sub(first_row)),
            _ => sniff::layout(preview, is_known_header),
        };
        let names = layout
            .header
            .and_then(|h| preview.get(h))
            .cloned()
            .unwrap_or_default();
        let tags: Vec<Option<HxlTag>> = layout
            .tags
            .and_then(|t| preview.get(t))
            .map(|r| r.iter().map(|c| HxlTag::parse(c)).collect())
            .unwrap_or_default();
        let blank = names.iter().all(|n| n.trim().is_empty()) && tags.iter().all(Option::is_none);
        let (header, problems) = Header::new(names, tags);
        TableHead {
            layout,
            header,
            problems,
            blank,
        }
    }

    /// Whether the table has an HXL tag row.
    pub(crate) fn has_tags(&self) -> bool {
        self.layout.tags.is_some()
    }

    /// The index of the first preview row of the table proper (its header,
    /// or its tag row when it has no header).
    pub(crate) fn start(&self) -> usize {
        self.layout.header.or(self.layout.tags).unwrap_or(0)
    }

    /// The mapper the header calls for (see `choose_mapper`), with the
    /// preview from the table's start for an unknown shape's message.
    pub(crate) fn choose_mapper(
        &self,
        preview: &[Vec<String>],
        options: &ImportOptions,
        path: &Path,
    ) -> Result<(Box<dyn RowMapper>, SourceFormat, crate::i18n::Bi), ImportError> {
        // A mapping's header row past the preview names no row: an empty
        // header, not a slice out of range.
        let from_start = preview.get(self.start()..).unwrap_or_default();
        choose_mapper(&self.header, self.has_tags(), options, path, from_start)
    }

    /// Reports each problem with the header's names as a warning on `line`.
    pub(crate) fn report_problems(&self, report: &mut ImportReport, line: u64) {
        for &(i, code) in &self.problems {
            report.push(Issue {
                severity: Severity::Warning,
                line,
                record: 0,
                column: self.header.display(i),
                code,
                message: crate::i18n::both(|lang| {
                    crate::lf!(
                        lang,
                        "column {} of the header: {}",
                        "colonne {} de l'en-tête : {}",
                        i + 1,
                        code.describe_in(lang)
                    )
                }),
            });
        }
    }
}

/// The layout when the header row is given: a tag row right below it is
/// taken as the table's tags.
fn given_layout(preview: &[Vec<String>], header: usize) -> Layout {
    let tags = preview
        .get(header + 1)
        .filter(|r| is_tag_row(r))
        .map(|_| header + 1);
    Layout {
        header: Some(header),
        tags,
        data: tags.map_or(header + 1, |t| t + 1),
    }
}

/// Whether a row holds ACLED's or UCDP's column names.
pub(crate) fn is_known_header(row: &[String]) -> bool {
    let (h, _) = Header::new(row.to_vec(), vec![]);
    super::acled::recognise(&h) || super::ucdp::recognise(&h)
}
