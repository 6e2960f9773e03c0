//! The workbench's own monitoring-log template (FORMATS "The workbench's own
//! log template"; METHODOLOGY §7): an XLSX with a header row, an HXL row,
//! drop-down lists for perpetrator type, violation types and verification
//! status, and a notes sheet explaining each column. `write` makes one;
//! `TemplateMapper` reads a filled one back with no mapping.

use super::cells;
use super::fields::{Fields, Header, RowCtx, quote};
use super::monitoring_cells;
use super::{ImportError, RowMapper};
use crate::model::dates::DateOrder;
use crate::model::incident::{HarmKind, IncidentDraft};
use crate::model::monitoring::{MonitoringDraft, Verification, ViolationType, harm_kind_of};
use crate::model::perpetrator::{PerpetratorType, suggest_type_for_value};
use crate::model::region::clean_admin_name;
use crate::model::report::IssueCode;

/// The template's columns: (header, HXL tag, what the notes sheet says).
pub const COLUMNS: [(&str, &str, &str); 18] = [
    (
        "Incident ID",
        "#event +id",
        "Your own reference for the incident; unique within the log.",
    ),
    (
        "Date",
        "#date +occurred",
        "The day the incident happened (a date cell, or YYYY-MM-DD).",
    ),
    ("Country", "#country +name", "Country name."),
    (
        "Admin 1",
        "#adm1 +name",
        "First-level administrative unit (state, province, region).",
    ),
    (
        "Admin 2",
        "#adm2 +name",
        "Second-level unit (district, territory, locality), if known.",
    ),
    (
        "Latitude",
        "#geo +lat",
        "Decimal degrees, if known; leave blank rather than guess.",
    ),
    ("Longitude", "#geo +lon", "Decimal degrees, if known."),
    (
        "Perpetrator type",
        "#group +perp +type",
        "One of the list (the workbench's perpetrator types).",
    ),
    (
        "Perpetrator name",
        "#group +perp +name",
        "The unit or group as identified. Never leaves the workbench above internal.",
    ),
    (
        "Violation types",
        "#violation +type",
        "One or more of the list, separated by ; (an incident of rape and abduction: sexual_violence; abduction). Each type is one violation.",
    ),
    ("Women", "#affected +f +adult", "Victims: adult women."),
    ("Men", "#affected +m +adult", "Victims: adult men."),
    ("Girls", "#affected +f +children", "Victims: girls."),
    ("Boys", "#affected +m +children", "Victims: boys."),
    (
        "Sex or age unknown",
        "#affected +unknown",
        "Victims whose sex or age is not known. If all five victim columns are blank, one victim is counted (the number is unspecified).",
    ),
    (
        "Killed",
        "#affected +killed",
        "People killed in the incident (civilian fatalities); blank is 0.",
    ),
    (
        "Verification status",
        "#status +verification",
        "verified, unverified (reported, pending) or rejected (falsely attributed, did not occur; never counted).",
    ),
    (
        "Source",
        "#meta +source",
        "Who reported it (type of source, not a person's name).",
    ),
];

/// Rows prepared with drop-down lists.
const ROWS: u32 = 5000;

/// Writes an empty template to bytes.
pub fn write() -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, Format, Workbook};
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let tag = Format::new().set_italic().set_font_color(0x595959);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let log = wb.add_worksheet();
    log.set_name("Log")?;
    for (c, (name, hxl, _)) in COLUMNS.iter().enumerate() {
        let c = c as u16;
        log.write_string_with_format(0, c, *name, &bold)?;
        log.write_string_with_format(1, c, *hxl, &tag)?;
        log.set_column_width(c, if c == 9 || c == 8 { 28 } else { 14 })?;
    }
    log.set_column_format(1, &date)?;
    log.set_freeze_panes(2, 0)?;
    let list = |values: Vec<&str>,
                prompt: &str,
                several: bool|
     -> Result<DataValidation, rust_xlsxwriter::XlsxError> {
        let v = DataValidation::new()
            .allow_list_strings(&values)?
            .set_input_message(prompt)?;
        Ok(if several {
            v.set_error_style(DataValidationErrorStyle::Information)
        } else {
            v
        })
    };
    let perps: Vec<&str> = PerpetratorType::ALL.iter().map(|t| t.key()).collect();
    log.add_data_validation(2, 7, ROWS, 7, &list(perps, "A perpetrator type", false)?)?;
    let violations: Vec<&str> = ViolationType::ALL.iter().map(|t| t.key()).collect();
    log.add_data_validation(
        2,
        9,
        ROWS,
        9,
        &list(violations, "One type, or several separated by ;", true)?,
    )?;
    log.add_data_validation(
        2,
        16,
        ROWS,
        16,
        &list(
            vec!["verified", "unverified", "rejected"],
            "Verification status",
            false,
        )?,
    )?;
    let notes = wb.add_worksheet();
    notes.set_name("Notes")?;
    notes.write_string_with_format(0, 0, "POC Transition Workbench monitoring log", &bold)?;
    notes.write_string(1, 0, "One row per incident (one date, one place). Fill the Log sheet from row 3; row 2 holds HXL tags, keep it. The workbench reads this file back with no mapping (METHODOLOGY §7). Never put names of victims or witnesses in it.")?;
    notes.write_string_with_format(3, 0, "Column", &bold)?;
    notes.write_string_with_format(3, 1, "What goes in it", &bold)?;
    for (i, (name, _, what)) in COLUMNS.iter().enumerate() {
        notes.write_string(4 + i as u32, 0, *name)?;
        notes.write_string(4 + i as u32, 1, *what)?;
    }
    notes.set_column_width(0, 24)?;
    notes.set_column_width(1, 110)?;
    wb.save_to_buffer()
}

/// Writes the template to `path` through a temporary file beside it, so a
/// crash leaves the old file or the new one, never half of one.
pub fn write_file(path: &std::path::Path) -> std::io::Result<()> {
    let bytes = write().map_err(|e| std::io::Error::other(e.to_string()))?;
    let tmp = path.with_extension("xlsx.partial");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// Whether a header is the template's (its perpetrator, violation and
/// verification columns, by name).
pub fn recognise(header: &Header) -> bool {
    [
        "Incident ID",
        "Perpetrator type",
        "Violation types",
        "Verification status",
        "Date",
    ]
    .iter()
    .all(|c| header.has(c))
}

/// A violation type from a key or a label (`sexual_violence`, `Sexual
/// violence`), folded.
pub fn violation_type(v: &str) -> Option<ViolationType> {
    let f: String = v
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    let f = f.trim_matches('_');
    ViolationType::ALL
        .into_iter()
        .find(|t| t.key() == f || t.label().to_lowercase().replace([' ', ','], "_") == f)
}

/// Reads a filled template.
pub struct TemplateMapper {
    cols: Vec<Option<usize>>,
    date_order: DateOrder,
    width: usize,
}

impl TemplateMapper {
    pub fn new(header: &Header, path: &std::path::Path) -> Result<Self, ImportError> {
        let cols: Vec<Option<usize>> = COLUMNS.iter().map(|(n, _, _)| header.find(n)).collect();
        if cols[1].is_none() {
            return Err(ImportError::MissingColumn {
                path: path.to_path_buf(),
                format: "the workbench's monitoring-log template",
                column: "Date".into(),
            });
        }
        Ok(TemplateMapper {
            cols,
            date_order: DateOrder::DayFirst,
            width: header.width(),
        })
    }

    fn col(&self, i: usize) -> Option<usize> {
        self.cols.get(i).copied().flatten()
    }
}

impl RowMapper for TemplateMapper {
    fn date_column(&self) -> Option<usize> {
        self.col(1)
    }

    fn set_date_order(&mut self, order: DateOrder) {
        self.date_order = order;
    }

    fn map<'r>(&self, row: &'r dyn Fields, ctx: &mut RowCtx) -> Option<IncidentDraft<'r>> {
        cells::check_width(row, self.width, ctx);
        let date = cells::date(row, self.col(1)?, Some(self.date_order), ctx)?;
        let perp_raw = cells::text(row, self.col(7));
        let perpetrator = PerpetratorType::from_key(perp_raw.trim())
            .or_else(|| {
                PerpetratorType::ALL
                    .into_iter()
                    .find(|t| t.label().eq_ignore_ascii_case(perp_raw.trim()))
            })
            .unwrap_or_else(|| {
                let t = suggest_type_for_value(perp_raw);
                if t == PerpetratorType::Other && !perp_raw.trim().is_empty() {
                    ctx.warn(
                        self.col(7),
                        IssueCode::UnmappedPerpetrator,
                        crate::i18n::Bi::new(
                            format!(
                                "{} is not a perpetrator type of the list; its type is set to other",
                                quote(perp_raw)
                            ),
                            format!(
                                "{} n'est pas un type d'auteur de la liste ; son type est mis à autre",
                                super::fields::guillemets(perp_raw)
                            ),
                        ),
                    );
                }
                t
            });
        let violations = monitoring_cells::violation_set(row, self.col(9), &violation_type, ctx);
        // Victims: the five columns; all blank is one, unspecified (§7).
        let victims = monitoring_cells::victims(row, (10..=14).filter_map(|i| self.col(i)), ctx);
        let killed = match self.col(15) {
            Some(c) => monitoring_cells::people(row, c, ctx)
                .ok()
                .map(|n| n.unwrap_or(0)),
            None => Some(0),
        };
        let verification = Verification::from_wording(cells::text(row, self.col(16)));
        let harm_kind = harm_kind_of(violations).unwrap_or(HarmKind::Violence);
        let (latitude, longitude) = cells::coordinates(row, self.col(5), self.col(6), ctx);
        let first = ViolationType::in_set(violations)
            .next()
            .unwrap_or(ViolationType::Other);
        Some(IncidentDraft {
            event_id: cells::text(row, self.col(0)).into(),
            date,
            date_end: None,
            time_precision: None,
            geo_precision: None,
            perpetrator_type: Some(perpetrator),
            actor: cells::text(row, self.col(8)).into(),
            counterpart: "".into(),
            country: cells::text(row, self.col(2)).into(),
            admin1: clean_admin_name(cells::text(row, self.col(3))),
            admin2: clean_admin_name(cells::text(row, self.col(4))),
            location: "".into(),
            event_type: first.label().into(),
            sub_event_type: "".into(),
            harm_kind: Some(harm_kind),
            civilian_harm: verification != Verification::Rejected,
            civilian_fatalities: killed,
            total_fatalities: killed,
            latitude,
            longitude,
            monitoring: Some(MonitoringDraft {
                violations,
                victims,
                verification,
                ..Default::default()
            }),
        })
    }
}
