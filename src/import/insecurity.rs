//! Insecurity Insight incident workbooks (FORMATS "Protection and
//! human-rights monitoring logs"; METHODOLOGY §7), read without a mapping.
//! Columns are found by name, loosely (case, punctuation and spacing
//! folded; several names per field, since releases rename them), and by
//! HXL tag only where no name matches (the tags have typos and sit on the
//! wrong columns). The report says which column was taken for what.
//!
//! Two shapes: sexual-violence files (a type column and a victims column:
//! each incident one `sexual_violence` violation, victims blank = 1) and
//! files with outcome columns (`… Killed`, `… Kidnapped`, `… Arrested`,
//! `… Injured`, `… Targeted with CRSV`: one violation per type with a
//! column above 0, victims their sum). Files that break an outcome down by
//! group in many columns (the health-care workbooks) are not taken here:
//! summing a total with its breakdown would count people twice.

use super::cells;
use super::fields::guillemets;
use super::fields::{Fields, Header, RowCtx, quote};
use super::{ImportError, RowMapper};
use crate::i18n::Bi;
use crate::model::dates::DateOrder;
use crate::model::incident::{HarmKind, IncidentDraft};
use crate::model::monitoring::{
    Groups, MonitoringDraft, TypeVictims, Verification, VictimGroup, ViolationType, harm_kind_of,
};
use crate::model::perpetrator::PerpetratorType;
use crate::model::region::clean_admin_name;
use crate::model::report::IssueCode;
use std::borrow::Cow;

/// A header name folded for loose matching: lower case, every run of
/// non-alphanumeric characters one space.
fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        } else {
            space = true;
        }
    }
    out
}

/// The outcome a column counts, from its folded name.
fn outcome(folded: &str) -> Option<ViolationType> {
    if folded.starts_with("sexual violence affecting")
        || folded.ends_with("targeted with crsv")
        || folded.ends_with("sexually assaulted")
    {
        return Some(ViolationType::SexualViolence);
    }
    let last = folded.rsplit(' ').next()?;
    // FORMATS names killed, injured, kidnapped and arrested; a release
    // that renames them (`… Abducted`, `… Wounded`, `… Detained`) reads
    // the same.
    match last {
        "killed" => Some(ViolationType::Killing),
        "injured" | "wounded" => Some(ViolationType::Maiming),
        "kidnapped" | "abducted" => Some(ViolationType::Abduction),
        "arrested" | "detained" => Some(ViolationType::ArbitraryDetention),
        "tortured" => Some(ViolationType::Torture),
        _ => None,
    }
}

/// The columns of one file, found by name.
struct Columns {
    folded: Vec<String>,
}

impl Columns {
    fn new(header: &Header) -> Columns {
        Columns {
            folded: header.names.iter().map(|n| fold(n)).collect(),
        }
    }

    /// The first column whose folded name is one of `names`.
    fn named(&self, names: &[&str]) -> Option<usize> {
        names
            .iter()
            .find_map(|n| self.folded.iter().position(|f| f == n))
    }

    fn id(&self) -> Option<usize> {
        self.named(&["sind event id", "sind id", "sind event code", "event id"])
    }
}

/// Whether a header is an Insecurity Insight incident table this reader
/// counts: a SiND id (or an event description with a country ISO code), a
/// date, and either a sexual-violence type and victims column or outcome
/// columns without a per-group breakdown.
pub fn recognise(header: &Header) -> bool {
    let c = Columns::new(header);
    let id = c
        .folded
        .iter()
        .any(|f| f.starts_with("sind ") && (f.ends_with(" id") || f.ends_with(" code")));
    let described =
        c.named(&["event description"]).is_some() && c.named(&["country iso"]).is_some();
    (id || described) && date_column(header, &c).is_some() && shape(&c).is_some()
}

fn date_column(header: &Header, c: &Columns) -> Option<usize> {
    c.named(&["date", "incident date", "date of incident", "event date"])
        .or_else(|| header.find_tag("#date"))
}

/// Which of the two shapes, with its columns.
enum Shape {
    /// (type column, victims column, deaths column)
    SexualViolence(usize, Option<usize>, Option<usize>),
    /// (column, the outcome it counts)
    Outcomes(Vec<(usize, ViolationType)>),
}

fn shape(c: &Columns) -> Option<Shape> {
    let sv_type = c.named(&[
        "type of sv",
        "sv type",
        "type of sexual violence",
        "crsv type",
        "type",
    ]);
    let victims = c.named(&[
        "number of reported victims",
        "reported victims",
        "number of victims",
        "victims",
    ]);
    if let Some(t) = sv_type
        && victims.is_some()
    {
        let deaths = c.named(&[
            "reported deaths following the sexual violence",
            "deaths following the sexual violence",
            "reported deaths",
        ]);
        return Some(Shape::SexualViolence(t, victims, deaths));
    }
    let mut outcomes: Vec<(usize, ViolationType)> = Vec::new();
    for (i, f) in c.folded.iter().enumerate() {
        if let Some(t) = outcome(f)
            && !outcomes.iter().any(|(j, _)| c.folded[*j] == *f)
        {
            outcomes.push((i, t));
        }
    }
    let most = ViolationType::ALL
        .iter()
        .map(|t| outcomes.iter().filter(|(_, u)| u == t).count())
        .max()
        .unwrap_or(0);
    (!outcomes.is_empty() && most <= 2).then_some(Shape::Outcomes(outcomes))
}

/// The perpetrator type of an Insecurity Insight type value (FORMATS).
pub fn perpetrator_type(value: &str) -> PerpetratorType {
    let v = value.trim().trim_end_matches([',', ' ']).to_lowercase();
    let v = v.trim();
    if v.contains("host government")
        || v.contains("armed forces of government")
        || v.contains("government or self-declared government")
        || v.contains("government/self-declared government")
        || v == "police"
        || v == "military"
    {
        PerpetratorType::StateForces
    } else if v.starts_with("foreign force") {
        PerpetratorType::ExternalForces
    } else if v == "nsa" || v == "milcombatant" {
        PerpetratorType::NonStateArmedGroups
    } else if v == "vigilante" {
        PerpetratorType::PoliticalMilitias
    } else if v == "protestors" {
        PerpetratorType::Protesters
    } else if [
        "civilian",
        "community member",
        "camp resident",
        "patient or family",
    ]
    .contains(&v)
    {
        PerpetratorType::Civilians
    } else if v.is_empty() || v == "no information" || v == "unknown" {
        PerpetratorType::Unidentified
    } else {
        PerpetratorType::Other
    }
}

/// Text written as UTF-8, read as Latin-1 and saved again (`MÃ©naka`),
/// put back (`Ménaka`); `None` when the text is not of that kind.
pub fn repair_mojibake(s: &str) -> Option<String> {
    if !s.contains(['Ã', 'Â']) || s.chars().any(|c| c as u32 > 0xFF) {
        return None;
    }
    let bytes: Vec<u8> = s.chars().map(|c| c as u32 as u8).collect();
    String::from_utf8(bytes).ok().filter(|r| r != s)
}

/// The mapper.
pub struct InsecurityInsightMapper {
    date: usize,
    date_order: DateOrder,
    id: Option<usize>,
    country: Option<usize>,
    admin1: Option<usize>,
    latitude: Option<usize>,
    longitude: Option<usize>,
    perpetrator: Option<usize>,
    name: Option<usize>,
    verification: Option<usize>,
    /// The victims' sex and age columns, for the victims by group.
    sex: Option<usize>,
    age: Option<usize>,
    shape: Shape,
    width: usize,
    /// What was recognised and which column was taken for what.
    pub layout: Bi,
}

impl InsecurityInsightMapper {
    pub fn new(header: &Header, path: &std::path::Path) -> Result<Self, ImportError> {
        let c = Columns::new(header);
        let missing = |what: &str| ImportError::MissingColumn {
            path: path.to_path_buf(),
            format: "Insecurity Insight incident data",
            column: what.to_string(),
        };
        let date = date_column(header, &c).ok_or_else(|| missing("Date"))?;
        let shape = shape(&c).ok_or_else(|| missing("a victims or outcome column"))?;
        let tag = |p: &str| header.find_tag(p);
        let m = InsecurityInsightMapper {
            date,
            date_order: DateOrder::DayFirst,
            id: c.id(),
            country: c
                .named(&["country", "country name"])
                .or_else(|| tag("#country")),
            admin1: c
                .named(&[
                    "admin 1",
                    "admin1",
                    "adm1",
                    "admin 1 name",
                    "province",
                    "state",
                ])
                .or_else(|| tag("#adm1")),
            latitude: c
                .named(&["latitude", "lat"])
                .or_else(|| tag("#geo+lat"))
                .or_else(|| tag("#geo+lac")),
            longitude: c
                .named(&["longitude", "lon", "long"])
                .or_else(|| tag("#geo+lon")),
            perpetrator: c.named(&[
                "reported perpetrator",
                "actor type",
                "perpetrator type",
                "reported perpetrator type",
                "type of perpetrator",
                "perpetrator",
            ]),
            name: c.named(&[
                "perpetrator group name",
                "reported perpetrator name",
                "actor name",
                "perpetrator name",
                "name of perpetrator",
            ]),
            verification: c.named(&["verification status", "verification", "verified"]),
            sex: c.named(&[
                "survivor or victim sex",
                "survivor sex",
                "victim sex",
                "sex",
            ]),
            age: c.named(&[
                "adult or minor",
                "survivor or victim minor",
                "survivor or victim age",
                "age group",
            ]),
            shape,
            width: header.width(),
            layout: Bi::default(),
        };
        let layout = m.describe(header);
        Ok(InsecurityInsightMapper { layout, ..m })
    }

    /// "Insecurity Insight incident data (…); columns: date 'Date', …", in
    /// both languages.
    fn describe(&self, header: &Header) -> Bi {
        crate::i18n::both(|lang| self.describe_in(header, lang))
    }

    fn describe_in(&self, header: &Header, lang: crate::i18n::Lang) -> String {
        use crate::{l, lf};
        let none = l!(lang, "none", "aucune");
        let name = |c: Option<usize>| {
            c.map_or(none.to_string(), |c| match lang {
                crate::i18n::Lang::En => format!("'{}'", header.display(c)),
                crate::i18n::Lang::Fr => format!("« {} »", header.display(c)),
            })
        };
        let kind = match &self.shape {
            Shape::SexualViolence(t, v, d) => {
                let (t, v, d) = (name(Some(*t)), name(*v), name(*d));
                lf!(
                    lang,
                    "sexual violence: one violation an incident; type {t}, victims {v} (blank = 1), deaths {d}",
                    "violences sexuelles : une violation par incident ; type {t}, victimes {v} (vide = 1), morts {d}"
                )
            }
            Shape::Outcomes(cols) => {
                let cols = cols
                    .iter()
                    .map(|(c, t)| format!("{} = {}", name(Some(*c)), t.key()))
                    .collect::<Vec<_>>()
                    .join(", ");
                lf!(
                    lang,
                    "outcome columns: {cols}",
                    "colonnes de bilan : {cols}"
                )
            }
        };
        let verification = self.verification.map_or(
            l!(lang, "none (all unverified)", "aucune (tout non vérifié)").to_string(),
            |c| name(Some(c)),
        );
        let (date, id, country, admin1, lat, lon, perp, pname, sex, age) = (
            name(Some(self.date)),
            name(self.id),
            name(self.country),
            name(self.admin1),
            name(self.latitude),
            name(self.longitude),
            name(self.perpetrator),
            name(self.name),
            name(self.sex),
            name(self.age),
        );
        lf!(
            lang,
            "Insecurity Insight incident data, read without a mapping ({kind}); columns: date {date}, event id {id}, country {country}, admin 1 {admin1}, latitude {lat}, longitude {lon}, perpetrator type {perp}, perpetrator name {pname}, verification {verification}, victims' sex {sex} and age {age} (the victims are women, men, girls or boys where both name one group, else of unknown group)",
            "données d'incidents d'Insecurity Insight, lues sans correspondance ({kind}) ; colonnes : date {date}, identifiant {id}, pays {country}, admin 1 {admin1}, latitude {lat}, longitude {lon}, type d'auteur {perp}, nom de l'auteur {pname}, vérification {verification}, sexe des victimes {sex} et âge {age} (les victimes sont des femmes, des hommes, des filles ou des garçons là où les deux désignent un seul groupe, sinon de groupe inconnu)"
        )
    }

    /// The group every victim of the row belongs to: one where the sex and
    /// age cells each name exactly one (`Female` and `Minor`: girls), else
    /// unknown (`Female, Male`, `Unclear`, `No Information`).
    fn group(&self, row: &dyn Fields) -> Option<VictimGroup> {
        let (s, a) = (self.sex?, self.age?);
        let one = |c: usize| -> Option<String> {
            let mut vals: Vec<String> = cells::text(row, Some(c))
                .split(',')
                .map(|v| v.trim().to_lowercase())
                .filter(|v| !v.is_empty())
                .collect();
            vals.sort();
            vals.dedup();
            (vals.len() == 1).then(|| vals.remove(0))
        };
        Some(match (one(s).as_deref(), one(a).as_deref()) {
            (Some("female"), Some("adult")) => VictimGroup::Women,
            (Some("male"), Some("adult")) => VictimGroup::Men,
            (Some("female"), Some("minor")) => VictimGroup::Girls,
            (Some("male"), Some("minor")) => VictimGroup::Boys,
            _ => VictimGroup::Unknown,
        })
    }

    /// A count cell: blank gives `blank`; unreadable is unknown (warned).
    fn count(row: &dyn Fields, col: usize, blank: u32, ctx: &mut RowCtx) -> Option<u32> {
        super::monitoring_cells::people(row, col, ctx)
            .ok()
            .map(|n| n.unwrap_or(blank))
    }

    fn text<'r>(&self, row: &'r dyn Fields, col: Option<usize>, ctx: &mut RowCtx) -> Cow<'r, str> {
        let t = cells::text(row, col);
        match repair_mojibake(t) {
            Some(fixed) => {
                ctx.warn(
                    col,
                    IssueCode::TextRepaired,
                    Bi::new(
                        format!(
                            "{} was UTF-8 read as Latin-1 upstream; read as {}",
                            quote(t),
                            quote(&fixed)
                        ),
                        format!(
                            "{} était de l'UTF-8 lu comme Latin-1 en amont ; lu comme {}",
                            guillemets(t),
                            guillemets(&fixed)
                        ),
                    ),
                );
                Cow::Owned(fixed)
            }
            None => Cow::Borrowed(t),
        }
    }
}

impl RowMapper for InsecurityInsightMapper {
    fn date_column(&self) -> Option<usize> {
        Some(self.date)
    }

    fn set_date_order(&mut self, order: DateOrder) {
        self.date_order = order;
    }

    fn map<'r>(&self, row: &'r dyn Fields, ctx: &mut RowCtx) -> Option<IncidentDraft<'r>> {
        cells::check_width(row, self.width, ctx);
        let date = cells::date(row, self.date, Some(self.date_order), ctx)?;
        let mut by_type = None;
        let (violations, victims, fatalities, event_type) = match &self.shape {
            Shape::SexualViolence(_, v, d) => {
                let victims = v.map_or(Some(1), |c| Self::count(row, c, 1, ctx));
                let deaths = d.map_or(Some(0), |c| Self::count(row, c, 0, ctx));
                (
                    ViolationType::SexualViolence.bit(),
                    victims,
                    deaths,
                    "Sexual violence",
                )
            }
            Shape::Outcomes(cols) => {
                let (mut set, mut victims, mut killed) = (0u16, Some(0u32), Some(0u32));
                let mut per_type = TypeVictims::default();
                for &(c, t) in cols {
                    let n = Self::count(row, c, 0, ctx);
                    if n.is_some_and(|n| n > 0) {
                        set |= t.bit();
                    }
                    let slot = &mut per_type[t as usize];
                    *slot = slot.saturating_add(n.unwrap_or(0));
                    victims = victims.zip(n).map(|(a, b)| a.saturating_add(b));
                    if t == ViolationType::Killing {
                        killed = killed.zip(n).map(|(a, b)| a.saturating_add(b));
                    }
                }
                if set == 0 {
                    set = ViolationType::Other.bit();
                }
                by_type = Some(per_type);
                let first = ViolationType::in_set(set)
                    .next()
                    .unwrap_or(ViolationType::Other);
                (set, victims, killed, first.label())
            }
        };
        let verification = Verification::from_wording(cells::text(row, self.verification));
        let perpetrator_raw = cells::text(row, self.perpetrator);
        let harm_kind = harm_kind_of(violations).unwrap_or(HarmKind::Violence);
        let (latitude, longitude) = cells::coordinates(row, self.latitude, self.longitude, ctx);
        let admin1 = self.text(row, self.admin1, ctx);
        Some(IncidentDraft {
            event_id: cells::text(row, self.id).trim_end_matches(".0").into(),
            date,
            date_end: None,
            time_precision: None,
            geo_precision: None,
            perpetrator_type: Some(perpetrator_type(perpetrator_raw)),
            actor: self.text(row, self.name, ctx),
            counterpart: "".into(),
            country: self.text(row, self.country, ctx),
            admin1: Cow::Owned(clean_admin_name(&admin1).into_owned()),
            admin2: "".into(),
            location: "".into(),
            event_type: event_type.into(),
            sub_event_type: "".into(),
            harm_kind: Some(harm_kind),
            // Every violation in a monitoring log is civilian harm; a
            // rejected record is never counted (METHODOLOGY §7).
            civilian_harm: verification != Verification::Rejected,
            civilian_fatalities: fatalities,
            total_fatalities: fatalities,
            latitude,
            longitude,
            monitoring: Some(MonitoringDraft {
                violations,
                victims,
                verification,
                groups: victims.zip(self.group(row)).map(|(n, g)| {
                    let mut groups = Groups::default();
                    groups[g as usize] = n;
                    groups
                }),
                by_type,
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_follow_the_formats_list() {
        for (v, t) in [
            ("Host Government: Military", PerpetratorType::StateForces),
            ("Police", PerpetratorType::StateForces),
            (
                "Armed Forces of Government or Self-Declared Government",
                PerpetratorType::StateForces,
            ),
            ("Foreign Forces - Military", PerpetratorType::ExternalForces),
            ("NSA", PerpetratorType::NonStateArmedGroups),
            ("Vigilante", PerpetratorType::PoliticalMilitias),
            ("Camp Resident", PerpetratorType::Civilians),
            ("No Information", PerpetratorType::Unidentified),
            ("", PerpetratorType::Unidentified),
            ("Criminal", PerpetratorType::Other),
            ("Multiple", PerpetratorType::Other),
        ] {
            assert_eq!(perpetrator_type(v), t, "{v}");
        }
    }

    #[test]
    fn mojibake_is_put_back_and_clean_text_left_alone() {
        assert_eq!(repair_mojibake("MÃ©naka").as_deref(), Some("Ménaka"));
        assert_eq!(repair_mojibake("Ménaka"), None);
        assert_eq!(repair_mojibake("Kidal"), None);
    }

    #[test]
    fn outcome_columns_are_typed_by_their_last_word() {
        assert_eq!(
            outcome(&fold(
                "People Associated with Protection Programme Kidnapped"
            )),
            Some(ViolationType::Abduction)
        );
        assert_eq!(
            outcome(&fold(
                "People Associated with Protection Programme Targeted with CRSV"
            )),
            Some(ViolationType::SexualViolence)
        );
        assert_eq!(
            outcome(&fold("Number of Attacks on Camps Reporting Destruction")),
            None
        );
    }
}
