//! The residual-threat annex: a document that knows no format.
//!
//! `build::build` makes an [`Annex`] from the assessment and the data in one
//! pass; disclosure control (`disclosure.rs`, METHODOLOGY §6) runs inside it,
//! on every table and chart, before any writer sees a number. The writers
//! (`markdown`, `html`, `docx`, `xlsx`, `csv`) are sinks of the model: they
//! lay out what they are given and never count, round or suppress anything
//! themselves, so the five formats always carry the same figures.

pub mod audience;
pub mod audit;
pub mod build;
mod build_data;
mod build_flags;
mod build_front;
mod build_hrddp;
mod build_register;
mod build_threats;
pub mod charts;
pub mod csv_out;
pub mod disclosure;
pub mod docx;
pub mod export;
mod final_audit;
pub mod folder;
pub mod html;
pub mod markdown;
mod method;
mod pattern;
pub mod screen;
pub(crate) mod typography;
pub mod xlsx;

use crate::assessment::SharingLevel;
use chrono::NaiveDate;

pub use build::{AnnexOptions, Sections, build};
pub use build_front::generated_key_judgements;
pub use export::{ExportError, Format, export};

/// The smallest suppression threshold: with k = 2 every `<2` is exactly 1
/// (METHODOLOGY §6: at least 3).
pub const MIN_K: u32 = 3;

/// The whole annex.
#[derive(Debug, Clone, PartialEq)]
pub struct Annex {
    pub title: String,
    /// Mission, country and period in one line.
    pub subtitle: String,
    /// The line printed at the top of every page (and of every file).
    pub classification: String,
    pub level: SharingLevel,
    /// Suppression threshold: counts 1..k−1 are withheld above `internal`.
    pub k: u32,
    pub generated: NaiveDate,
    /// The period: its first day (none: from the first record) and its
    /// last day, the as-of date.
    pub from: Option<NaiveDate>,
    pub as_of: NaiveDate,
    pub recipients: Vec<String>,
    /// Verified monitoring-log records only (METHODOLOGY §7).
    pub verified_only: bool,
    /// The language it is written in.
    pub lang: crate::i18n::Lang,
    /// Document number, version and who prepared and cleared it.
    pub control: Control,
    pub sections: Vec<Section>,
    /// Each source's required attribution (also in section 8), repeated in
    /// formats that have no section 8 of their own (the CSV README, the
    /// XLSX "About" sheet).
    pub attributions: Vec<String>,
    /// Above `internal`: the counts behind every printed figure and what
    /// may be shown of each (METHODOLOGY §6), for the final audit.
    pub(crate) pattern: Option<pattern::Pattern>,
    /// Above `internal`: names that must not appear anywhere in it.
    pub(crate) names: screen::Names,
}

/// Document control, from the assessment's metadata (empty for a data
/// annex).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Control {
    pub number: String,
    pub version: String,
    pub prepared_by: Vec<String>,
    pub cleared_by: String,
}

/// A numbered section.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Stable id, e.g. `threats`.
    pub id: &'static str,
    pub number: usize,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// What a section holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A sub-heading.
    Heading(String),
    Paragraph(String),
    Bullets(Vec<String>),
    Table(Table),
    Figure(Figure),
}

/// A table: a header row, body rows and, at the end, `total_rows` rows of totals.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Stable id, also the CSV file name and the XLSX sheet name: `threat-matrix`.
    pub id: String,
    pub caption: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// How many of the last rows are totals.
    pub total_rows: usize,
    /// Whether the last column is a total.
    pub total_column: bool,
    /// Notes printed under the table.
    pub notes: Vec<String>,
    /// Above `internal`: (row, column, figure) for every cell that prints a
    /// figure of the disclosure pattern, so the final audit reads the
    /// document as printed.
    pub figures: Vec<(usize, usize, usize)>,
}

impl Table {
    /// A table with no totals.
    pub fn new(
        id: &str,
        caption: &str,
        header: &[&str],
        rows: Vec<Vec<Cell>>,
        notes: Vec<String>,
    ) -> Table {
        Table {
            id: id.into(),
            caption: caption.into(),
            header: header.iter().map(|h| h.to_string()).collect(),
            rows,
            total_rows: 0,
            total_column: false,
            notes,
            figures: Vec::new(),
        }
    }

    /// The same table whose last `rows` rows (and last column, when
    /// `column`) are totals.
    pub fn with_totals(mut self, rows: usize, column: bool) -> Table {
        self.total_rows = rows;
        self.total_column = column;
        self
    }

    /// Which columns hold numbers (right-aligned by every writer).
    pub fn numeric_columns(&self) -> Vec<bool> {
        (0..self.header.len())
            .map(|c| {
                self.rows
                    .iter()
                    .any(|r| r.get(c).is_some_and(Cell::is_numeric))
            })
            .collect()
    }

    /// Whether row `i` is a total row.
    pub fn is_total_row(&self, i: usize) -> bool {
        i + self.total_rows >= self.rows.len()
    }
}

/// One table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Count(u64),
    /// A count withheld because it is between 1 and k−1: shown `<k`.
    Small(u32),
    /// A count withheld so that a small one cannot be worked out from the
    /// totals: shown `x`.
    Hidden,
    /// A share, 0..=1, shown as a whole percent.
    Percent(f64),
    /// A share shown as a 10-point band (above `internal`).
    PercentBand(u8),
    /// A measurement (coordinates, radii) with its decimals.
    Decimal(f64, usize),
    /// Nothing to show.
    Empty,
}

impl Cell {
    /// The cell as printed.
    pub fn display(&self) -> String {
        self.display_in(crate::i18n::Lang::En)
    }

    /// The cell as an annex in `lang` prints it (`29 833`, `69 %`, `2,5`).
    pub fn display_in(&self, lang: crate::i18n::Lang) -> String {
        let pct = crate::i18n::percent_sign(lang);
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Count(n) => crate::i18n::count(lang, *n),
            Cell::Small(k) => format!("<{k}"),
            Cell::Hidden => "x".into(),
            Cell::Percent(p) => format!("{:.0}{pct}", p * 100.0),
            Cell::PercentBand(b) => format!("{}–{}{pct}", b, b.saturating_add(10).min(100)),
            Cell::Decimal(v, d) => crate::i18n::decimal(lang, &format!("{v:.d$}")),
            Cell::Empty => String::new(),
        }
    }

    /// Numbers are right-aligned.
    pub fn is_numeric(&self) -> bool {
        !matches!(self, Cell::Text(_) | Cell::Empty)
    }

    /// Whether the cell is withheld.
    pub fn is_withheld(&self) -> bool {
        matches!(self, Cell::Small(_) | Cell::Hidden)
    }
}

/// Whether a text cell would be read as a formula by a spreadsheet (starts
/// with `=`, `+`, `-`, `@`, a tab or a carriage return) and is not simply a
/// number such as `-12.5`.
pub fn needs_formula_escape(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.trim().parse::<f64>().is_err()
}

/// `1234567` → `1,234,567`.
pub fn group_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A chart with its caption.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub id: String,
    pub caption: String,
    pub chart: charts::Chart,
    /// The same figures as words, for screen readers and plain-text formats.
    pub alt: String,
    /// Above `internal`: (month index, figure) for the bars of a monthly
    /// chart (see `Table::figures`).
    pub figures: Vec<(usize, usize)>,
}

impl Annex {
    /// Every table, in order.
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.sections.iter().flat_map(|s| {
            s.blocks.iter().filter_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
        })
    }

    /// Every figure, in order.
    pub fn figures(&self) -> impl Iterator<Item = &Figure> {
        self.sections.iter().flat_map(|s| {
            s.blocks.iter().filter_map(|b| match b {
                Block::Figure(f) => Some(f),
                _ => None,
            })
        })
    }

    /// A table by id.
    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables().find(|t| t.id == id)
    }
}

/// The line printed at the top of every page, by level.
pub fn classification_line(level: SharingLevel) -> &'static str {
    classification_in(level, crate::i18n::Lang::En)
}

/// The classification line in a language.
pub fn classification_in(level: SharingLevel, lang: crate::i18n::Lang) -> &'static str {
    if lang == crate::i18n::Lang::Fr {
        return match level {
            SharingLevel::Internal => {
                "ONU – USAGE INTERNE\u{202F}: réservé à la mission, ne pas diffuser (chiffres non masqués)"
            }
            SharingLevel::UnPartners => {
                "ONU – DIFFUSION RESTREINTE\u{202F}: pour les partenaires des Nations Unies\u{202F}; ne pas transmettre hors du système des Nations Unies"
            }
            SharingLevel::HostGovernment => {
                "COMMUNIQUÉ AU GOUVERNEMENT HÔTE\u{202F}: petits nombres masqués"
            }
            SharingLevel::Public => "PUBLIC\u{202F}: petits nombres masqués",
        };
    }
    match level {
        SharingLevel::Internal => {
            "UN INTERNAL: mission use only, not for distribution (unsuppressed figures)"
        }
        SharingLevel::UnPartners => {
            "UN RESTRICTED: for UN partners; do not forward outside the UN system"
        }
        SharingLevel::HostGovernment => "SHARED WITH THE HOST GOVERNMENT: small counts withheld",
        SharingLevel::Public => "PUBLIC: small counts withheld",
    }
}

/// `internal`, `un-partners`, `host-government`, `public`.
pub fn level_key(level: SharingLevel) -> &'static str {
    match level {
        SharingLevel::Internal => "internal",
        SharingLevel::UnPartners => "un-partners",
        SharingLevel::HostGovernment => "host-government",
        SharingLevel::Public => "public",
    }
}

/// The level's name in a language (`un-partners`; `partenaires des Nations Unies`).
pub fn level_label(level: SharingLevel, lang: crate::i18n::Lang) -> &'static str {
    match lang {
        crate::i18n::Lang::En => level_key(level),
        crate::i18n::Lang::Fr => match level {
            SharingLevel::Internal => "interne",
            SharingLevel::UnPartners => "partenaires des Nations Unies",
            SharingLevel::HostGovernment => "gouvernement hôte",
            SharingLevel::Public => "public",
        },
    }
}

/// The level for a key (as `level_key` writes it).
pub fn parse_level(s: &str) -> Option<SharingLevel> {
    match s.trim().to_ascii_lowercase().replace('_', "-").as_str() {
        "internal" => Some(SharingLevel::Internal),
        "un-partners" | "unpartners" => Some(SharingLevel::UnPartners),
        "host-government" | "hostgovernment" => Some(SharingLevel::HostGovernment),
        "public" => Some(SharingLevel::Public),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_print_as_the_annex_shows_them() {
        assert_eq!(Cell::Count(1_234_567).display(), "1,234,567");
        assert_eq!(Cell::Count(999).display(), "999");
        assert_eq!(Cell::Small(5).display(), "<5");
        assert_eq!(Cell::Hidden.display(), "x");
        assert_eq!(Cell::Percent(0.425).display(), "42%");
        assert_eq!(Cell::PercentBand(40).display(), "40–50%");
        for l in [
            SharingLevel::Internal,
            SharingLevel::UnPartners,
            SharingLevel::HostGovernment,
            SharingLevel::Public,
        ] {
            assert_eq!(parse_level(level_key(l)), Some(l));
        }
    }
}
