//! UCDP GED files (METHODOLOGY §1, FORMATS.md): the 42- and 49-column
//! releases, HDX copies with an HXL row, and the web-explorer export (47
//! header names over 48 fields, `best_est`, `MM/DD/YYYY HH:MM:SS`).
//! One-sided violence is civilian harm by `side_a`; a state-based or
//! non-state event with civilian deaths is civilian harm by `unattributed`.

use super::cells;
use super::fields::{Fields, Header, RowCtx, quote};
use super::numbers::parse_count;
use super::{ImportError, RowMapper};
use crate::model::dates::{DateOrder, day_number, parse_date};
use crate::model::incident::{GeoPrecision, HarmKind, IncidentDraft, TimePrecision};
use crate::model::perpetrator::{PerpetratorType, ucdp_side_type};
use crate::model::region::clean_admin_name;
use crate::model::report::IssueCode;

/// Whether a header is UCDP GED's: `type_of_violence`, `side_a`, `deaths_civilians`.
pub fn recognise(header: &Header) -> bool {
    header.has("type_of_violence") && header.has("side_a") && header.has("deaths_civilians")
}

/// Column positions of a UCDP GED file.
pub struct UcdpMapper {
    id: Option<usize>,
    type_of_violence: usize,
    side_a: usize,
    side_b: Option<usize>,
    country: Option<usize>,
    adm_1: Option<usize>,
    adm_2: Option<usize>,
    location: Option<usize>,
    latitude: Option<usize>,
    longitude: Option<usize>,
    where_prec: Option<usize>,
    date_prec: Option<usize>,
    date_start: usize,
    date_end: Option<usize>,
    deaths_civilians: usize,
    best: Option<usize>,
    width: usize,
    date_order: DateOrder,
    /// A description of the shape, for the report.
    pub layout: crate::i18n::Bi,
}

impl UcdpMapper {
    /// Resolves the columns by name; fails naming the first missing one.
    pub fn new(
        header: &Header,
        path: &std::path::Path,
        has_tag_row: bool,
    ) -> Result<Self, ImportError> {
        let need = |names: &[&str]| {
            header
                .find_any(names)
                .ok_or_else(|| ImportError::MissingColumn {
                    path: path.to_path_buf(),
                    format: "UCDP GED",
                    column: names[0].to_string(),
                })
        };
        let mut layout = if header.has("best_est") {
            crate::bi!(
                "UCDP GED web-explorer export",
                "exportation de l'explorateur web UCDP GED"
            )
        } else if header.has("relid") {
            crate::bi!(
                "UCDP GED release ({} columns)",
                "version UCDP GED ({} colonnes)",
                header.width()
            )
        } else {
            crate::bi!(
                "UCDP GED 19.1-style release (42 columns)",
                "version UCDP GED de type 19.1 (42 colonnes)"
            )
        };
        if has_tag_row {
            layout = layout.suffixed(
                ", HDX copy with HXL tag row",
                ", copie HDX avec ligne de balises HXL",
            );
        }
        Ok(UcdpMapper {
            id: header.find("id"),
            type_of_violence: need(&["type_of_violence"])?,
            side_a: need(&["side_a"])?,
            side_b: header.find("side_b"),
            country: header.find("country"),
            adm_1: header.find("adm_1"),
            adm_2: header.find("adm_2"),
            location: header.find_any(&["where_coordinates", "where_description"]),
            latitude: header.find("latitude"),
            longitude: header.find("longitude"),
            where_prec: header.find("where_prec"),
            date_prec: header.find("date_prec"),
            date_start: need(&["date_start"])?,
            date_end: header.find("date_end"),
            deaths_civilians: need(&["deaths_civilians"])?,
            best: header.find_any(&["best", "best_est"]),
            width: header.width(),
            date_order: DateOrder::MonthFirst,
            layout,
        })
    }
}

impl RowMapper for UcdpMapper {
    fn date_column(&self) -> Option<usize> {
        Some(self.date_start)
    }

    fn set_date_order(&mut self, order: DateOrder) {
        self.date_order = order;
    }

    fn map<'r>(&self, row: &'r dyn Fields, ctx: &mut RowCtx) -> Option<IncidentDraft<'r>> {
        cells::check_width(row, self.width, ctx);
        let date = cells::date(row, self.date_start, Some(self.date_order), ctx)?;
        let tov_raw = cells::text(row, Some(self.type_of_violence));
        let tov = tov_raw.trim_end_matches(".0");
        let event_type = match tov {
            "1" => "State-based violence",
            "2" => "Non-state violence",
            "3" => "One-sided violence",
            _ => {
                ctx.warn(
                    Some(self.type_of_violence),
                    IssueCode::UnknownViolenceType,
                    crate::i18n::Bi::new(
                        format!(
                            "{} is not 1, 2 or 3; the event is kept but not counted as civilian harm",
                            quote(tov_raw)
                        ),
                        format!(
                            "{} n'est ni 1, ni 2, ni 3 ; l'événement est conservé mais pas compté comme atteinte aux civils",
                            super::fields::guillemets(tov_raw)
                        ),
                    ),
                );
                ""
            }
        };
        let civilian_deaths = cells::count(row, Some(self.deaths_civilians), ctx);
        let country = cells::text(row, self.country);
        let side_a = cells::text(row, Some(self.side_a));
        let (civilian_harm, perpetrator_type) = match tov {
            "3" => (true, ucdp_side_type(side_a, country)),
            "1" | "2" => (
                civilian_deaths.is_some_and(|n| n > 0),
                PerpetratorType::Unattributed,
            ),
            _ => (false, PerpetratorType::Other),
        };
        let best = self
            .best
            .and_then(|c| parse_count(cells::text(row, Some(c))).ok().flatten());
        let (latitude, longitude) = cells::coordinates(row, self.latitude, self.longitude, ctx);
        Some(IncidentDraft {
            event_id: cells::text(row, self.id).into(),
            date,
            // The range only widens matching across sources (METHODOLOGY
            // §8); an unreadable end leaves the event one day long.
            date_end: self
                .date_end
                .and_then(|c| parse_date(cells::text(row, Some(c)), Some(self.date_order)).ok())
                .map(day_number)
                .filter(|&e| e > date),
            time_precision: Some(TimePrecision::from_ucdp(cells::text(row, self.date_prec))),
            geo_precision: Some(GeoPrecision::from_ucdp(cells::text(row, self.where_prec))),
            perpetrator_type: Some(perpetrator_type),
            actor: side_a.into(),
            counterpart: cells::text(row, self.side_b).into(),
            country: country.into(),
            admin1: clean_admin_name(cells::text(row, self.adm_1)),
            admin2: clean_admin_name(cells::text(row, self.adm_2)),
            location: cells::text(row, self.location).into(),
            event_type: event_type.into(),
            sub_event_type: "".into(),
            harm_kind: Some(HarmKind::Violence),
            civilian_harm,
            civilian_fatalities: civilian_deaths,
            total_fatalities: best,
            latitude,
            longitude,
            monitoring: None,
        })
    }
}

/// An event type as the window shows it: UCDP's three types of violence
/// (which the file gives as codes 1–3, named here) in the language; any
/// other source's category as the source writes it.
pub fn event_type_label(t: &str, lang: crate::i18n::Lang) -> &str {
    use crate::i18n::Lang;
    match (lang, t) {
        (Lang::Fr, "State-based violence") => "violence impliquant un État",
        (Lang::Fr, "Non-state violence") => "violence non étatique",
        (Lang::Fr, "One-sided violence") => "violence unilatérale",
        _ => t,
    }
}
