//! ACLED event exports, all four shapes (METHODOLOGY §1, FORMATS.md): current
//! (text inter labels, `civilian_targeting`), legacy (numeric inter, `data_id`,
//! `iso3`), very old upper-case files (`ALLY_ACTOR_1`, `DD/MM/YYYY`) and HDX
//! copies with an HXL row. Turns one record into an incident per §2–3.

use super::cells;
use super::fields::guillemets;
use super::fields::{Fields, Header, RowCtx, quote};
use super::{ImportError, RowMapper};
use crate::i18n::Bi;
use crate::model::dates::DateOrder;
use crate::model::incident::{GeoPrecision, HarmKind, IncidentDraft, TimePrecision};
use crate::model::perpetrator::{InterCode, PerpetratorType, is_unidentified_actor};
use crate::model::region::clean_admin_name;
use crate::model::report::IssueCode;

/// Whether a header is ACLED's: `event_id_cnty` and `inter1`.
pub fn recognise(header: &Header) -> bool {
    header.has("event_id_cnty") && header.has("inter1")
}

/// Column positions of an ACLED file.
pub struct AcledMapper {
    event_id: Option<usize>,
    date: usize,
    time_precision: Option<usize>,
    event_type: usize,
    sub_event_type: Option<usize>,
    actor1: usize,
    inter1: usize,
    actor2: Option<usize>,
    inter2: Option<usize>,
    civilian_targeting: Option<usize>,
    country: Option<usize>,
    admin1: usize,
    admin2: Option<usize>,
    location: Option<usize>,
    latitude: Option<usize>,
    longitude: Option<usize>,
    geo_precision: Option<usize>,
    fatalities: usize,
    width: usize,
    date_order: DateOrder,
    /// A description of the shape, for the report.
    pub layout: Bi,
}

impl AcledMapper {
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
                    format: "ACLED",
                    column: names[0].to_string(),
                })
        };
        let civilian_targeting = header.find("civilian_targeting");
        let mut layout = if civilian_targeting.is_some() {
            crate::bi!("ACLED current export", "exportation ACLED actuelle")
        } else if header.has("ally_actor_1") {
            crate::bi!(
                "ACLED very old upper-case export (2017 and before)",
                "très ancienne exportation ACLED en majuscules (2017 et avant)"
            )
        } else {
            crate::bi!(
                "ACLED legacy export (to 2022, no civilian_targeting)",
                "ancienne exportation ACLED (jusqu'en 2022, sans civilian_targeting)"
            )
        };
        if has_tag_row {
            layout = layout.suffixed(
                ", HDX copy with HXL tag row",
                ", copie HDX avec ligne de balises HXL",
            );
        }
        Ok(AcledMapper {
            event_id: header.find("event_id_cnty"),
            date: need(&["event_date"])?,
            time_precision: header.find("time_precision"),
            event_type: need(&["event_type"])?,
            sub_event_type: header.find("sub_event_type"),
            actor1: need(&["actor1"])?,
            inter1: need(&["inter1"])?,
            actor2: header.find("actor2"),
            inter2: header.find("inter2"),
            civilian_targeting,
            country: header.find("country"),
            admin1: need(&["admin1"])?,
            admin2: header.find("admin2"),
            location: header.find("location"),
            latitude: header.find("latitude"),
            longitude: header.find("longitude"),
            geo_precision: header.find("geo_precision"),
            fatalities: need(&["fatalities"])?,
            width: header.width(),
            date_order: DateOrder::DayFirst,
            layout,
        })
    }

    fn inter(&self, row: &dyn Fields, col: Option<usize>, ctx: &mut RowCtx) -> InterCode {
        let raw = cells::text(row, col);
        InterCode::parse(raw).unwrap_or_else(|()| {
            ctx.warn(
                col,
                IssueCode::UnknownInterCode,
                Bi::new(
                    format!(
                        "{} is not an ACLED inter code or label; the actor's type is set to other",
                        quote(raw)
                    ),
                    format!(
                        "{} n'est ni un code inter ACLED ni son libellé ; le type de l'acteur est mis à autre",
                        guillemets(raw)
                    ),
                ),
            );
            InterCode::Code(99)
        })
    }
}

impl RowMapper for AcledMapper {
    fn date_column(&self) -> Option<usize> {
        Some(self.date)
    }

    fn set_date_order(&mut self, order: DateOrder) {
        self.date_order = order;
    }

    fn map<'r>(&self, row: &'r dyn Fields, ctx: &mut RowCtx) -> Option<IncidentDraft<'r>> {
        cells::check_width(row, self.width, ctx);
        let date = cells::date(row, self.date, Some(self.date_order), ctx)?;
        let inter1 = self.inter(row, Some(self.inter1), ctx);
        let inter2 = if self.inter2.is_some() {
            self.inter(row, self.inter2, ctx)
        } else {
            InterCode::None
        };
        let event_type = cells::text(row, Some(self.event_type));
        let civilian_harm = match self.civilian_targeting {
            Some(c) => !cells::text(row, Some(c)).is_empty(),
            None => {
                event_type.eq_ignore_ascii_case("violence against civilians")
                    || inter1.is_civilians()
                    || inter2.is_civilians()
            }
        };
        // Perpetrator: actor1, unless actor1 is civilians and actor2 is not.
        let (actor_col, inter, other_col) = if inter1.is_civilians() && !inter2.is_civilians() {
            (self.actor2, inter2, Some(self.actor1))
        } else {
            (Some(self.actor1), inter1, self.actor2)
        };
        let actor = cells::text(row, actor_col);
        let perpetrator_type = if is_unidentified_actor(actor) {
            PerpetratorType::Unidentified
        } else {
            inter.perpetrator_type()
        };
        let fatalities = cells::count(row, Some(self.fatalities), ctx);
        let (latitude, longitude) = cells::coordinates(row, self.latitude, self.longitude, ctx);
        let sub_event_type = cells::text(row, self.sub_event_type);
        Some(IncidentDraft {
            event_id: cells::text(row, self.event_id).into(),
            date,
            date_end: None,
            time_precision: Some(TimePrecision::from_acled(cells::text(
                row,
                self.time_precision,
            ))),
            geo_precision: Some(GeoPrecision::from_acled(cells::text(
                row,
                self.geo_precision,
            ))),
            perpetrator_type: Some(perpetrator_type),
            actor: actor.into(),
            counterpart: cells::text(row, other_col).into(),
            country: cells::text(row, self.country).into(),
            admin1: clean_admin_name(cells::text(row, Some(self.admin1))),
            admin2: clean_admin_name(cells::text(row, self.admin2)),
            location: cells::text(row, self.location).into(),
            event_type: event_type.into(),
            sub_event_type: sub_event_type.into(),
            harm_kind: Some(HarmKind::from_sub_event_type(sub_event_type)),
            civilian_harm,
            civilian_fatalities: fatalities,
            total_fatalities: fatalities,
            latitude,
            longitude,
            monitoring: None,
        })
    }
}
