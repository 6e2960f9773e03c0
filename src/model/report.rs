//! The import report: what happened to every row of a file. Rows read =
//! incidents kept + rows rejected, always; each warning or rejection names the
//! file, physical line, record number, column and reason. Messages quote only
//! the short value that failed (a date, a number), never a free-text field.

use crate::i18n::{Bi, Lang, plain_count};
use crate::l;
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
        self.describe_in(Lang::En)
    }

    /// A short description in `lang`.
    pub fn describe_in(self, lang: Lang) -> &'static str {
        match self {
            Self::DateBlank => l!(lang, "date is blank", "date vide"),
            Self::DateUnreadable => l!(lang, "date could not be read", "date illisible"),
            Self::DateAmbiguous => l!(
                lang,
                "date could be day/month or month/day",
                "date lisible en jour/mois ou en mois/jour"
            ),
            Self::DateInvalid => l!(lang, "date does not exist", "date inexistante"),
            Self::DateOutOfRange => l!(lang, "date outside 1900–2100", "date hors de 1900–2100"),
            Self::DateYearOnly => l!(lang, "date gives only a year", "date réduite à une année"),
            Self::DateInFuture => l!(
                lang,
                "date after the day of import (a typo?)",
                "date postérieure au jour de l'importation (une faute de frappe ?)"
            ),
            Self::CoordinatesUnreadable => l!(
                lang,
                "coordinate not a number (kept without a point)",
                "coordonnée non numérique (conservé sans point)"
            ),
            Self::DateDayBlank => l!(
                lang,
                "day blank (dated the 1st, month precision)",
                "jour vide (daté du 1er, précision au mois)"
            ),
            Self::FatalitiesUnreadable => l!(
                lang,
                "fatalities not a number (kept, flagged unknown)",
                "nombre de morts non numérique (conservé, marqué inconnu)"
            ),
            Self::FatalitiesNegative => l!(
                lang,
                "negative fatalities (kept, flagged unknown)",
                "nombre de morts négatif (conservé, marqué inconnu)"
            ),
            Self::FatalitiesOutlier => l!(
                lang,
                "very large fatality figure (kept, check it)",
                "nombre de morts très élevé (conservé, à vérifier)"
            ),
            Self::ShortRow => l!(
                lang,
                "row has fewer fields than the header",
                "ligne plus courte que l'en-tête"
            ),
            Self::LongRow => l!(
                lang,
                "row has more fields than the header",
                "ligne plus longue que l'en-tête"
            ),
            Self::InvalidUtf8 => l!(
                lang,
                "invalid UTF-8 read as Windows-1252",
                "UTF-8 invalide lu comme Windows-1252"
            ),
            Self::UnknownInterCode => l!(
                lang,
                "unknown ACLED inter code (type set to other)",
                "code inter ACLED inconnu (type mis à autre)"
            ),
            Self::UnknownViolenceType => l!(
                lang,
                "unknown UCDP type_of_violence",
                "type_of_violence UCDP inconnu"
            ),
            Self::CoordinatesOutOfRange => l!(
                lang,
                "coordinates out of range (dropped)",
                "coordonnées hors limites (écartées)"
            ),
            Self::CoordinatesZero => l!(
                lang,
                "coordinates 0,0 (dropped)",
                "coordonnées 0,0 (écartées)"
            ),
            Self::UnmappedPerpetrator => l!(
                lang,
                "perpetrator value not mapped (type set to other)",
                "valeur d'auteur non reconnue (type mis à autre)"
            ),
            Self::DuplicateEventId => l!(
                lang,
                "event id seen before in this file",
                "identifiant d'événement déjà vu dans ce fichier"
            ),
            Self::DuplicateHeader => l!(
                lang,
                "duplicate column name (first one used)",
                "nom de colonne en double (la première est utilisée)"
            ),
            Self::BlankHeader => l!(lang, "blank column name", "nom de colonne vide"),
            Self::UnterminatedQuote => l!(
                lang,
                "a quote opened in the last record is never closed",
                "un guillemet ouvert dans le dernier enregistrement n'est jamais fermé"
            ),
            Self::VictimsUnreadable => l!(
                lang,
                "victim count not a number (kept, flagged unknown)",
                "nombre de victimes non numérique (conservé, marqué inconnu)"
            ),
            Self::TextRepaired => l!(
                lang,
                "text repaired (UTF-8 read as Latin-1 upstream)",
                "texte réparé (UTF-8 lu comme Latin-1 en amont)"
            ),
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
    /// A sentence saying what is wrong, quoting at most the short failing
    /// value, in both languages.
    pub message: Bi,
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
    pub notes: Vec<Bi>,
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
        self.to_text_in(Lang::En)
    }

    /// The counts line: rows read, kept, rejected (and blank rows skipped).
    pub fn counts_line(&self, lang: Lang) -> String {
        let c = |n: u64| plain_count(lang, n);
        let mut out = match lang {
            Lang::En => format!(
                "{}: {} rows read, {} incidents kept, {} rejected",
                self.file,
                c(self.rows_read),
                c(self.kept),
                c(self.rejected)
            ),
            Lang::Fr => {
                let (r, k, j) = (self.rows_read, self.kept, self.rejected);
                format!(
                    "{}\u{202F}: {} ligne{s} lue{s}, {} incident{t} retenu{t}, {} ligne{u} rejetée{u}",
                    self.file,
                    c(r),
                    c(k),
                    c(j),
                    s = plural_s(r),
                    t = plural_s(k),
                    u = plural_s(j)
                )
            }
        };
        if self.blank_rows > 0 {
            let b = self.blank_rows;
            out.push_str(&match lang {
                Lang::En => format!(", {} blank rows skipped", c(b)),
                Lang::Fr => format!(", {} ligne{s} vide{s} ignorée{s}", c(b), s = plural_s(b)),
            });
        }
        out
    }

    /// The notes, a line each, in `lang`.
    pub fn notes_text(&self, lang: Lang) -> String {
        let lines: Vec<&str> = self.notes.iter().map(|n| n.get(lang)).collect();
        lines.join("\n")
    }

    /// The report as plain text in `lang`.
    pub fn to_text_in(&self, lang: Lang) -> String {
        let mut out = self.counts_line(lang);
        out.push('\n');
        let colon = crate::i18n::colon(lang);
        for n in &self.notes {
            out.push_str(&format!("  note{colon} {}\n", n.get(lang)));
        }
        for (code, n) in &self.counts {
            out.push_str(&format!(
                "  {} × {}\n",
                plain_count(lang, *n),
                code.describe_in(lang)
            ));
        }
        for i in &self.issues {
            out.push_str(&format!("  {}\n", i.line_in(&self.file, lang)));
        }
        let total: u64 = self.counts.values().sum();
        if total as usize > self.issues.len() {
            let more = total - self.issues.len() as u64;
            out.push_str(&match lang {
                Lang::En => format!(
                    "  … {} more issues counted above but not listed\n",
                    plain_count(lang, more)
                ),
                Lang::Fr => format!(
                    "  … {} autre{s} problème{s} compté{s} ci-dessus mais non listé{s}\n",
                    plain_count(lang, more),
                    s = plural_s(more)
                ),
            });
        }
        out
    }
}

/// French plural `s` (0 and 1 are singular in French).
fn plural_s(n: u64) -> &'static str {
    if n > 1 { "s" } else { "" }
}

impl Issue {
    /// `file:line (record n, column 'c'): rejected: reason`, in `lang`.
    pub fn line_in(&self, file: &str, lang: Lang) -> String {
        let sev = match (self.severity, lang) {
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Rejected, Lang::En) => "rejected",
            (Severity::Warning, Lang::Fr) => "avertissement",
            (Severity::Rejected, Lang::Fr) => "ligne rejetée",
        };
        let col = if self.column.is_empty() {
            String::new()
        } else {
            match lang {
                Lang::En => format!(", column '{}'", self.column),
                Lang::Fr => format!(", colonne « {} »", self.column),
            }
        };
        let record = l!(lang, "record", "enregistrement");
        let c = crate::i18n::colon(lang);
        format!(
            "{file}:{} ({record} {}{col}){c} {sev}{c} {}",
            self.line,
            self.record,
            self.message.get(lang)
        )
    }
}
