//! Column mappings for any other table (METHODOLOGY §1): a small RON file the
//! analyst writes once per source layout and reuses. Column references are
//! header names (case-insensitive) or HXL tag patterns (`#adm1+name`).
//! HXL-tagged files get a mapping built from their tags by `hxl_default`.
//!
//! ```ron
//! (
//!     name: "SHCC Sudan 2021",
//!     date: "Date",
//!     date_order: Some(DayFirst),
//!     admin1: Some("Admin 1"),
//!     perpetrator: Some("Perpetrator"),
//!     perpetrator_values: { "State Actor": state_forces, "Opposition Group": rebel_groups },
//!     fatalities: Some("Total Killed"),
//! )
//! ```

use super::cells;
use super::fields::guillemets;
use super::fields::{Fields, Header, RowCtx, quote};
use super::{ImportError, RowMapper};
use crate::i18n::Bi;
use crate::model::dates::{DateOrder, day_number, parse_date};
use crate::model::incident::{HarmKind, IncidentDraft};
use crate::model::monitoring::{MonitoringDraft, Verification, VictimGroup, ViolationType};
use crate::model::perpetrator::{PerpetratorType, suggest_type_for_value};
use crate::model::region::clean_admin_name;
use crate::model::report::IssueCode;
use std::collections::BTreeMap;
use std::path::Path;

pub use crate::model::mapping::{CivilianHarmRule, ColumnMapping};

// The data type lives in `model::mapping`; reading one from a file and
// building one from a header are import's work, so they stay here.
impl ColumnMapping {
    /// Reads a mapping from a `.ron` file.
    pub fn load(path: &Path) -> Result<ColumnMapping, ImportError> {
        // A mapping is a few KB: a device, a pipe or a huge file is refused
        // before it is read.
        let bytes = crate::model::text::read_limited(path, 4 * 1024 * 1024).map_err(|e| {
            ImportError::Io {
                path: path.to_path_buf(),
                message: e.to_string(),
            }
        })?;
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        let text = String::from_utf8(body.to_vec()).map_err(|_| ImportError::Mapping {
            path: path.to_path_buf(),
            message: crate::bi!(
                "not UTF-8 text (save the file as UTF-8)",
                "pas du texte UTF-8 (enregistrez le fichier en UTF-8)"
            ),
        })?;
        ron::from_str(&text).map_err(|e| ImportError::Mapping {
            path: path.to_path_buf(),
            message: crate::bi!(
                "line {}, column {}: {}",
                "ligne {}, colonne {} : {}",
                e.span.start.line,
                e.span.start.col,
                e.code
            ),
        })
    }

    /// A mapping built from a file's HXL tags (`#date`, `#adm1+name`,
    /// `#group+name+first`, `#affected+killed`, `#geo+lat`, `#geo+lon`, …).
    /// `None` when no date tag is present.
    pub fn hxl_default(header: &Header) -> Option<ColumnMapping> {
        let first = |patterns: &[&str]| {
            patterns
                .iter()
                .find(|p| header.find_tag(p).is_some())
                .map(|p| p.to_string())
        };
        let date = first(&["#date+occurred", "#date+start", "#date+reported", "#date"])?;
        let date_end = (date == "#date+start")
            .then(|| first(&["#date+end"]))
            .flatten();
        Some(ColumnMapping {
            name: "HXL tags".to_string(),
            date,
            date_end,
            event_id: first(&["#event+code", "#event+id"]),
            country: first(&["#country+name", "#country"]),
            admin1: first(&["#adm1+name", "#adm1"]),
            admin2: first(&["#adm2+name", "#adm2"]),
            location: first(&["#loc+name", "#loc"]),
            latitude: first(&["#geo+lat"]),
            longitude: first(&["#geo+lon"]),
            perpetrator: first(&[
                "#group+perp",
                "#group+name+first",
                "#group+first",
                "#group+name",
            ]),
            actor: None,
            fatalities: first(&["#affected+killed", "#affected+dead"]),
            event_type: first(&["#event+type", "#event"]),
            ..Default::default()
        })
    }

    /// A mapping suggested from header names alone, for the mapping dialog.
    pub fn suggest(header: &Header) -> ColumnMapping {
        let pick = |words: &[&str]| -> Option<String> {
            header
                .names
                .iter()
                .find(|n| {
                    let k = n.to_lowercase();
                    words.iter().any(|w| k.contains(w))
                })
                .cloned()
        };
        if let Some(m) = ColumnMapping::hxl_default(header) {
            return m;
        }
        let date = pick(&["date", "when", "cuándo", "quand"]).unwrap_or_default();
        // No date column: year, month and day columns, named exactly so.
        let named = |words: &[&str]| -> Option<String> {
            header
                .names
                .iter()
                .find(|n| words.contains(&crate::model::region::region_key(n).as_str()))
                .cloned()
        };
        let date_parts = if date.is_empty() {
            match (
                named(&["year", "annee", "ano", "yr"]),
                named(&["month", "mois", "mes"]),
            ) {
                (Some(year), Some(month)) => Some(crate::model::mapping::DateParts {
                    year,
                    month,
                    day: named(&["day", "jour", "dia"]),
                }),
                _ => None,
            }
        } else {
            None
        };
        ColumnMapping {
            name: "suggested".to_string(),
            date,
            date_parts,
            admin1: pick(&[
                "admin 1",
                "admin1",
                "adm1",
                "state",
                "province",
                "region",
                "governorate",
            ]),
            admin2: pick(&[
                "admin 2", "admin2", "adm2", "district", "locality", "county",
            ]),
            country: pick(&["country", "pays"]),
            perpetrator: pick(&["perpetrator", "auteur", "actor type"]),
            fatalities: pick(&["killed", "fatalit", "deaths", "morts"]),
            latitude: pick(&["latitude", "lat"]),
            longitude: pick(&["longitude", "lon", "lng"]),
            event_type: pick(&["event type", "type of event", "incident type"]),
            event_id: pick(&[
                "incident id",
                "event id",
                "event_id",
                "case id",
                "incident number",
                "incident code",
            ]),
            ..Default::default()
        }
    }
}

/// Where a mapped row's date comes from.
#[derive(Debug, Clone, Copy)]
enum DateSource {
    Column(usize),
    /// Year, month and day columns.
    Parts(usize, usize, Option<usize>),
}

/// Column positions resolved from a mapping.
pub struct MappedMapper {
    date: DateSource,
    date_order: Option<DateOrder>,
    /// The order the mapping itself gives, if any.
    fixed_order: Option<DateOrder>,
    date_end: Option<usize>,
    event_id: Option<usize>,
    country: Option<usize>,
    admin1: Option<usize>,
    admin2: Option<usize>,
    location: Option<usize>,
    latitude: Option<usize>,
    longitude: Option<usize>,
    perpetrator: Option<usize>,
    actor: Option<usize>,
    fatalities: Option<usize>,
    event_type: Option<usize>,
    harm_column: Option<usize>,
    harm_values: Vec<String>,
    values: BTreeMap<String, PerpetratorType>,
    default_perpetrator: PerpetratorType,
    width: usize,
    /// Monitoring-log columns, when the mapping has any (METHODOLOGY §7).
    monitoring: Option<MonitoringColumns>,
}

/// The monitoring-log part of a mapping, resolved.
struct MonitoringColumns {
    violation_type: Option<usize>,
    violation_values: BTreeMap<String, ViolationType>,
    /// Victim columns that count everyone (a total): summed.
    victims: Vec<usize>,
    /// Victim columns that count one group (`Girls`, `Boys`…): the
    /// breakdown, and the total when no column counts everyone.
    groups: Vec<(usize, VictimGroup)>,
    verification: Option<usize>,
    verification_values: BTreeMap<String, Verification>,
}

impl MappedMapper {
    /// Resolves every reference of `mapping` against `header`; a reference
    /// that names no column is an error naming it.
    pub fn new(mapping: &ColumnMapping, header: &Header, path: &Path) -> Result<Self, ImportError> {
        let resolve = |r: &Option<String>| -> Result<Option<usize>, ImportError> {
            match r {
                None => Ok(None),
                Some(s) if s.trim().is_empty() => Ok(None),
                Some(s) => header
                    .resolve(s)
                    .map(Some)
                    .ok_or_else(|| ImportError::MissingColumn {
                        path: path.to_path_buf(),
                        format: "the column mapping",
                        column: s.clone(),
                    }),
            }
        };
        let required = |r: &str, what: &str| {
            resolve(&Some(r.to_string()))?.ok_or_else(|| ImportError::MissingColumn {
                path: path.to_path_buf(),
                format: "the column mapping",
                column: format!("({what})"),
            })
        };
        let date = match &mapping.date_parts {
            Some(p) => DateSource::Parts(
                required(&p.year, "year")?,
                required(&p.month, "month")?,
                resolve(&p.day)?,
            ),
            None => DateSource::Column(required(&mapping.date, "date")?),
        };
        let (harm_column, harm_values) = match &mapping.civilian_harm {
            CivilianHarmRule::AllRows => (None, Vec::new()),
            CivilianHarmRule::NonBlank(c) => (resolve(&Some(c.clone()))?, Vec::new()),
            CivilianHarmRule::OneOf(c, v) => (
                resolve(&Some(c.clone()))?,
                v.iter().map(|s| s.trim().to_lowercase()).collect(),
            ),
        };
        Ok(MappedMapper {
            date,
            date_order: mapping.date_order,
            fixed_order: mapping.date_order,
            date_end: resolve(&mapping.date_end)?,
            event_id: resolve(&mapping.event_id)?,
            country: resolve(&mapping.country)?,
            admin1: resolve(&mapping.admin1)?,
            admin2: resolve(&mapping.admin2)?,
            location: resolve(&mapping.location)?,
            latitude: resolve(&mapping.latitude)?,
            longitude: resolve(&mapping.longitude)?,
            perpetrator: resolve(&mapping.perpetrator)?,
            actor: resolve(&mapping.actor)?,
            fatalities: resolve(&mapping.fatalities)?,
            event_type: resolve(&mapping.event_type)?,
            harm_column,
            harm_values,
            values: mapping
                .perpetrator_values
                .iter()
                .map(|(k, v)| (normalise_value(k), *v))
                .collect(),
            default_perpetrator: mapping
                .default_perpetrator
                .unwrap_or(PerpetratorType::Unidentified),
            width: header.width(),
            monitoring: if mapping.is_monitoring() {
                Some(MonitoringColumns {
                    violation_type: resolve(&mapping.violation_type)?,
                    violation_values: mapping
                        .violation_values
                        .iter()
                        .map(|(k, v)| (normalise_value(k), *v))
                        .collect(),
                    victims: victim_columns(&mapping.victims, &resolve, header, false)?
                        .into_iter()
                        .map(|(c, _)| c)
                        .collect(),
                    groups: victim_columns(&mapping.victims, &resolve, header, true)?,
                    verification: resolve(&mapping.verification)?,
                    verification_values: mapping
                        .verification_values
                        .iter()
                        .map(|(k, v)| (normalise_value(k), *v))
                        .collect(),
                })
            } else {
                None
            },
        })
    }
}

/// The form under which perpetrator values are compared: trimmed of spaces
/// and trailing commas (SHCC writes `"Opposition Group, "`), lower-case.
pub fn normalise_value(v: &str) -> String {
    v.trim()
        .trim_end_matches([',', ';', ' '])
        .trim()
        .to_lowercase()
}

impl RowMapper for MappedMapper {
    fn date_column(&self) -> Option<usize> {
        match self.date {
            DateSource::Column(c) => Some(c),
            DateSource::Parts(..) => None,
        }
    }

    fn set_date_order(&mut self, order: DateOrder) {
        if self.date_order.is_none() {
            self.date_order = Some(order);
        }
    }

    fn fixed_date_order(&self) -> Option<DateOrder> {
        self.fixed_order
    }

    fn lacks_date_order(&self) -> bool {
        matches!(self.date, DateSource::Column(_)) && self.date_order.is_none()
    }

    fn map<'r>(&self, row: &'r dyn Fields, ctx: &mut RowCtx) -> Option<IncidentDraft<'r>> {
        cells::check_width(row, self.width, ctx);
        let (date, time_precision) = match self.date {
            DateSource::Column(c) => (cells::date(row, c, self.date_order, ctx)?, None),
            DateSource::Parts(y, m, d) => {
                let (date, p) = cells::date_from_parts(row, (y, m, d), ctx)?;
                (date, Some(p))
            }
        };
        let perpetrator_raw = cells::text(row, self.perpetrator);
        let perpetrator_type = match self.perpetrator {
            None => self.default_perpetrator,
            Some(_) => match self.values.get(&normalise_value(perpetrator_raw)) {
                Some(t) => *t,
                None => {
                    let t = suggest_type_for_value(perpetrator_raw);
                    if t == PerpetratorType::Other {
                        ctx.warn(
                            self.perpetrator,
                            IssueCode::UnmappedPerpetrator,
                            Bi::new(
                                format!("{} is not in the mapping's value list; its type is set to other", quote(perpetrator_raw)),
                                format!("{} n'est pas dans la liste de valeurs de la correspondance ; son type est mis à autre", guillemets(perpetrator_raw)),
                            ),
                        );
                    }
                    t
                }
            },
        };
        let civilian_harm = match self.harm_column {
            None => true,
            Some(c) if self.harm_values.is_empty() => !cells::text(row, Some(c)).is_empty(),
            Some(c) => {
                let v = cells::text(row, Some(c)).to_lowercase();
                self.harm_values.contains(&v)
            }
        };
        let fatalities = cells::count(row, self.fatalities, ctx);
        let (latitude, longitude) = cells::coordinates(row, self.latitude, self.longitude, ctx);
        let event_type = cells::text(row, self.event_type);
        let actor = if self.actor.is_some() {
            cells::text(row, self.actor)
        } else {
            perpetrator_raw.trim_end_matches([',', ' '])
        };
        let monitoring = self.monitoring.as_ref().map(|m| m.read(row, ctx));
        // A monitoring record: rejected ones never count, and its violation
        // types say whether it is sexual violence or an abduction (§7).
        let (civilian_harm, harm_kind) = match &monitoring {
            Some(m) => (
                civilian_harm && m.verification != Verification::Rejected,
                crate::model::monitoring::harm_kind_of(m.violations)
                    .unwrap_or_else(|| HarmKind::from_sub_event_type(event_type)),
            ),
            None => (civilian_harm, HarmKind::from_sub_event_type(event_type)),
        };
        Some(IncidentDraft {
            event_id: cells::text(row, self.event_id).into(),
            date,
            date_end: self.date_end.and_then(|c| {
                let order = self.date_order.or(self.fixed_order);
                parse_date(cells::text(row, Some(c)), order)
                    .ok()
                    .map(day_number)
                    .filter(|&e| e > date)
            }),
            time_precision,
            geo_precision: None,
            perpetrator_type: Some(perpetrator_type),
            actor: actor.into(),
            counterpart: "".into(),
            country: cells::text(row, self.country).into(),
            admin1: clean_admin_name(cells::text(row, self.admin1)),
            admin2: clean_admin_name(cells::text(row, self.admin2)),
            location: cells::text(row, self.location).into(),
            event_type: event_type.into(),
            sub_event_type: "".into(),
            harm_kind: Some(harm_kind),
            civilian_harm,
            civilian_fatalities: fatalities,
            total_fatalities: fatalities,
            latitude,
            longitude,
            monitoring,
        })
    }
}

impl MonitoringColumns {
    /// The violations, victims and status of one row.
    fn read(&self, row: &dyn Fields, ctx: &mut RowCtx) -> MonitoringDraft {
        let lookup = |v: &str| {
            self.violation_values
                .get(&normalise_value(v))
                .copied()
                .or_else(|| super::template::violation_type(v))
                .or_else(|| crate::model::monitoring::suggest_violation(v))
        };
        let violations =
            super::monitoring_cells::violation_set(row, self.violation_type, &lookup, ctx);
        let (victims, groups) = if self.groups.is_empty() {
            (
                super::monitoring_cells::victims(row, self.victims.iter().copied(), ctx),
                None,
            )
        } else if self.victims.is_empty() {
            super::monitoring_cells::victim_groups(row, &self.groups, ctx)
        } else {
            // A total beside its breakdown: the total counts, the
            // breakdown is kept (summing both would count people twice).
            let total = super::monitoring_cells::victims(row, self.victims.iter().copied(), ctx);
            (
                total,
                super::monitoring_cells::victim_groups(row, &self.groups, ctx).1,
            )
        };
        let status = cells::text(row, self.verification);
        let verification = self
            .verification_values
            .get(&normalise_value(status))
            .copied()
            .unwrap_or_else(|| Verification::from_wording(status));
        MonitoringDraft {
            violations,
            victims,
            verification,
            groups,
            by_type: None,
        }
    }
}

/// The mapping's victim columns that name a group (`grouped`), with it, or
/// those that do not (totals): a column's group is read from its name
/// (`Girls`, `# boys`, `Women killed`).
/// Resolves a mapped column name to its index.
type Resolve<'a> = dyn Fn(&Option<String>) -> Result<Option<usize>, ImportError> + 'a;

fn victim_columns(
    names: &[String],
    resolve: &Resolve<'_>,
    header: &Header,
    grouped: bool,
) -> Result<Vec<(usize, VictimGroup)>, ImportError> {
    let mut out = Vec::new();
    for n in names {
        let Some(c) = resolve(&Some(n.clone()))? else {
            continue;
        };
        match (VictimGroup::from_wording(&header.display(c)), grouped) {
            (Some(g), true) => out.push((c, g)),
            (None, false) => out.push((c, VictimGroup::Unknown)),
            _ => {}
        }
    }
    Ok(out)
}

pub use super::mapping_check::{MappingCheck, check_mapping};
