//! Perpetrator types (METHODOLOGY §2): the twelve canonical keys, their display
//! labels, and the mappings from each source's own codes (ACLED inter codes and
//! labels, UCDP side names) onto them.

use serde::{Deserialize, Serialize};

/// A canonical perpetrator type, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum PerpetratorType {
    StateForces = 0,
    ExternalForces,
    RebelGroups,
    PoliticalMilitias,
    IdentityMilitias,
    NonStateArmedGroups,
    Rioters,
    Protesters,
    Civilians,
    Unidentified,
    Unattributed,
    Other,
}

impl PerpetratorType {
    /// All types in display order.
    pub const ALL: [PerpetratorType; 12] = [
        Self::StateForces,
        Self::ExternalForces,
        Self::RebelGroups,
        Self::PoliticalMilitias,
        Self::IdentityMilitias,
        Self::NonStateArmedGroups,
        Self::Rioters,
        Self::Protesters,
        Self::Civilians,
        Self::Unidentified,
        Self::Unattributed,
        Self::Other,
    ];

    /// Number of types; sizes the matrix rows.
    pub const COUNT: usize = 12;

    /// The METHODOLOGY §2 key, used in JSON, CSV and the `.ron` file.
    pub fn key(self) -> &'static str {
        match self {
            Self::StateForces => "state_forces",
            Self::ExternalForces => "external_forces",
            Self::RebelGroups => "rebel_groups",
            Self::PoliticalMilitias => "political_militias",
            Self::IdentityMilitias => "identity_militias",
            Self::NonStateArmedGroups => "non_state_armed_groups",
            Self::Rioters => "rioters",
            Self::Protesters => "protesters",
            Self::Civilians => "civilians",
            Self::Unidentified => "unidentified",
            Self::Unattributed => "unattributed",
            Self::Other => "other",
        }
    }

    /// The English display label (METHODOLOGY §2).
    pub fn label(self) -> &'static str {
        self.label_in(crate::i18n::Lang::En)
    }

    /// The display label in a language (French: the terms of the UN's
    /// French reports, docs/glossaire-fr.md).
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        if lang == crate::i18n::Lang::Fr {
            return match self {
                Self::StateForces => "Forces de sécurité de l'État",
                Self::ExternalForces => "Forces extérieures / étrangères",
                Self::RebelGroups => "Groupes rebelles",
                Self::PoliticalMilitias => "Milices politiques",
                Self::IdentityMilitias => "Milices communautaires / identitaires",
                Self::NonStateArmedGroups => {
                    "Groupes armés non étatiques (type non précisé par la source)"
                }
                Self::Rioters => "Émeutiers et foules",
                Self::Protesters => "Manifestants",
                Self::Civilians => "Civils",
                Self::Unidentified => "Acteurs armés non identifiés",
                Self::Unattributed => "Non imputable (tirs croisés)",
                Self::Other => "Autres (criminels, valeurs non classées)",
            };
        }
        match self {
            Self::StateForces => "State security forces",
            Self::ExternalForces => "External / foreign forces",
            Self::RebelGroups => "Rebel groups",
            Self::PoliticalMilitias => "Political militias",
            Self::IdentityMilitias => "Communal / identity militias",
            Self::NonStateArmedGroups => "Non-state armed groups (type not given by source)",
            Self::Rioters => "Rioters and mobs",
            Self::Protesters => "Protesters",
            Self::Civilians => "Civilians",
            Self::Unidentified => "Unidentified armed actors",
            Self::Unattributed => "Not attributable (crossfire)",
            Self::Other => "Other (criminals, unmapped values)",
        }
    }

    /// The type for a matrix row index.
    pub fn from_index(i: usize) -> Option<Self> {
        Self::ALL.get(i).copied()
    }

    /// Parses a METHODOLOGY key (`state_forces`, …).
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.key() == key.trim())
    }

    /// Whether the type counts as "attributed" for the state-perpetrated share
    /// (METHODOLOGY §5): an identified perpetrator, i.e. neither unidentified
    /// armed actors nor crossfire.
    pub fn is_attributed(self) -> bool {
        !matches!(self, Self::Unidentified | Self::Unattributed)
    }
}

/// An ACLED interaction code (`inter1`/`inter2`) read from a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InterCode {
    /// No second actor (`0` or blank).
    None,
    /// Codes 1–8.
    Code(u8),
}

impl InterCode {
    /// Parses a numeric code (`1`…`8`, `0`, `1.0`) or a text label in any of the
    /// variants ACLED, acledR and other tools write. Returns `Err(())` for a value
    /// that is neither.
    #[allow(clippy::result_unit_err)]
    pub fn parse(raw: &str) -> Result<InterCode, ()> {
        let s = super::text::trim(raw);
        if s.is_empty() {
            return Ok(InterCode::None);
        }
        // Fast path: the labels ACLED's own exports write.
        match s {
            "State forces" => return Ok(InterCode::Code(1)),
            "Rebel group" => return Ok(InterCode::Code(2)),
            "Political militia" => return Ok(InterCode::Code(3)),
            "Identity militia" => return Ok(InterCode::Code(4)),
            "Rioters" => return Ok(InterCode::Code(5)),
            "Protesters" => return Ok(InterCode::Code(6)),
            "Civilians" => return Ok(InterCode::Code(7)),
            "External/Other forces" => return Ok(InterCode::Code(8)),
            _ => {}
        }
        let numeric = s.strip_suffix(".0").unwrap_or(s);
        if let Ok(n) = numeric.parse::<u8>() {
            return match n {
                0 => Ok(InterCode::None),
                1..=8 => Ok(InterCode::Code(n)),
                _ => Err(()),
            };
        }
        let norm: String = s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        let norm = norm.strip_suffix('s').unwrap_or(&norm);
        let code = match norm {
            "stateforce" | "state" | "military" | "government" => 1,
            "rebelgroup" | "rebelforce" | "rebel" => 2,
            "politicalmilitia" | "militiagroup" | "militia" => 3,
            "identitymilitia"
            | "communalidentitygroup"
            | "communalidentitymilitia"
            | "communalmilitia"
            | "ethnicmilitia" => 4,
            "rioter" => 5,
            "protester" | "protestor" => 6,
            "civilian" => 7,
            "externalotherforce" | "externalforce" | "otherforce" | "foreignother"
            | "externalother" | "foreignforce" => 8,
            _ => return Err(()),
        };
        Ok(InterCode::Code(code))
    }

    /// Whether this is the Civilians code (7).
    pub fn is_civilians(self) -> bool {
        self == InterCode::Code(7)
    }

    /// The perpetrator type an actor with this code has (METHODOLOGY §2).
    pub fn perpetrator_type(self) -> PerpetratorType {
        match self {
            InterCode::None => PerpetratorType::Unidentified,
            InterCode::Code(1) => PerpetratorType::StateForces,
            InterCode::Code(2) => PerpetratorType::RebelGroups,
            InterCode::Code(3) => PerpetratorType::PoliticalMilitias,
            InterCode::Code(4) => PerpetratorType::IdentityMilitias,
            InterCode::Code(5) => PerpetratorType::Rioters,
            InterCode::Code(6) => PerpetratorType::Protesters,
            InterCode::Code(7) => PerpetratorType::Civilians,
            InterCode::Code(8) => PerpetratorType::ExternalForces,
            InterCode::Code(_) => PerpetratorType::Other,
        }
    }
}

/// Whether an actor name means "unidentified" (METHODOLOGY §2): empty, or
/// starting with `Unidentified`.
pub fn is_unidentified_actor(name: &str) -> bool {
    let t = super::text::trim(name);
    t.is_empty()
        || t.get(..12)
            .is_some_and(|p| p.eq_ignore_ascii_case("unidentified"))
}

/// UCDP rule (METHODOLOGY §2): `Government of X` is state forces when X is the
/// event's country, external forces otherwise; any other side is a non-state
/// armed group.
pub fn ucdp_side_type(side: &str, country: &str) -> PerpetratorType {
    let side = side.trim();
    let prefix = "government of ";
    match side.get(..prefix.len()) {
        Some(p) if p.eq_ignore_ascii_case(prefix) => {
            let x = side[prefix.len()..].trim();
            if x.eq_ignore_ascii_case(country.trim()) {
                PerpetratorType::StateForces
            } else {
                PerpetratorType::ExternalForces
            }
        }
        _ => PerpetratorType::NonStateArmedGroups,
    }
}

/// Suggests a perpetrator type for a free-text value from an analyst's source
/// (HXL files, case logs). Used only as the default in a column mapping; the
/// analyst confirms or changes it, and the import report lists every value
/// that fell through to `other`.
pub fn suggest_type_for_value(value: &str) -> PerpetratorType {
    let raw = value.trim().trim_end_matches([',', ' ']).to_lowercase();
    if let Ok(InterCode::Code(c)) = InterCode::parse(&raw) {
        return InterCode::Code(c).perpetrator_type();
    }
    // Accents and punctuation folded, so "Forces armées" and "forces armees"
    // read alike; words matched whole at their start ("army" in "army's",
    // never "police" inside a longer word's middle).
    let v = format!(" {} ", super::region::region_key(&raw));
    let has = |words: &[&str]| words.iter().any(|w| v.contains(&format!(" {w}")));
    if v.trim().is_empty()
        || has(&[
            "unknown",
            "no information",
            "unidentified",
            "not known",
            "n a ",
            "unclear",
            "inconnu",
            "non identifie",
            "non determine",
            "indetermine",
        ])
    {
        return PerpetratorType::Unidentified;
    }
    if has(&[
        "foreign",
        "external",
        "international force",
        "etranger",
        "force internationale",
        "forces internationales",
        "forces etrangeres",
    ]) {
        PerpetratorType::ExternalForces
    } else if has(&[
        "state actor",
        "host state",
        "state security",
        "state forces",
        "state agent",
        "armed forces",
        "armed force",
        "government",
        "gouvernement",
        "police",
        "army",
        "military",
        "militaire",
        "security forces",
        "soldier",
        "soldat",
        "gendarm",
        "national guard",
        "forces armees",
        "forces de defense",
        "forces de securite",
        "forces de l ordre",
        "armee",
        "garde republicaine",
        "fardc ",
        "faca ",
        "fama ",
        "pnc ",
    ]) {
        PerpetratorType::StateForces
    } else if has(&["opposition", "rebel", "rebelle", "insurg"]) {
        PerpetratorType::RebelGroups
    } else if has(&[
        "communal",
        "ethnic",
        "identity",
        "vigilante",
        "self defen",
        "communautaire",
        "auto defense",
        "autodefense",
        "dozo",
    ]) {
        PerpetratorType::IdentityMilitias
    } else if has(&["militia", "milice", "milicien"]) {
        PerpetratorType::PoliticalMilitias
    } else if has(&[
        "nsa ",
        "non state",
        "armed group",
        "groupe arme",
        "groupes armes",
    ]) {
        PerpetratorType::NonStateArmedGroups
    } else if has(&["mob ", "mobs ", "rioter", "foule ", "emeutier"]) {
        PerpetratorType::Rioters
    } else if has(&["crossfire", "cross fire", "tirs croises"]) {
        PerpetratorType::Unattributed
    } else {
        PerpetratorType::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inter_codes_numeric_and_text() {
        assert_eq!(InterCode::parse("1"), Ok(InterCode::Code(1)));
        assert_eq!(InterCode::parse("7.0"), Ok(InterCode::Code(7)));
        assert_eq!(InterCode::parse("0"), Ok(InterCode::None));
        assert_eq!(InterCode::parse("State forces"), Ok(InterCode::Code(1)));
        assert_eq!(InterCode::parse("Rebel Forces"), Ok(InterCode::Code(2)));
        assert_eq!(InterCode::parse("Militia Groups"), Ok(InterCode::Code(3)));
        assert_eq!(
            InterCode::parse("Communal / Identity Groups"),
            Ok(InterCode::Code(4))
        );
        assert_eq!(
            InterCode::parse("Identity militias"),
            Ok(InterCode::Code(4))
        );
        assert_eq!(InterCode::parse("Foreign / Others"), Ok(InterCode::Code(8)));
        assert_eq!(
            InterCode::parse("External/Other forces"),
            Ok(InterCode::Code(8))
        );
        assert_eq!(InterCode::parse("9"), Err(()));
        assert_eq!(InterCode::parse("Aliens"), Err(()));
    }

    #[test]
    fn ucdp_government_rule() {
        assert_eq!(
            ucdp_side_type("Government of Sudan", "Sudan"),
            PerpetratorType::StateForces
        );
        assert_eq!(
            ucdp_side_type("Government of Chad", "Sudan"),
            PerpetratorType::ExternalForces
        );
        assert_eq!(
            ucdp_side_type("Janjaweed", "Sudan"),
            PerpetratorType::NonStateArmedGroups
        );
    }

    #[test]
    fn unidentified_names() {
        assert!(is_unidentified_actor(""));
        assert!(is_unidentified_actor("Unidentified Armed Group (Mali)"));
        assert!(is_unidentified_actor("UNIDENTIFIED ARMED GROUP"));
        assert!(!is_unidentified_actor("Military Forces of Mali (2013-)"));
    }

    #[test]
    fn keys_round_trip() {
        for t in PerpetratorType::ALL {
            assert_eq!(PerpetratorType::from_key(t.key()), Some(t));
            assert_eq!(PerpetratorType::from_index(t as usize), Some(t));
        }
    }

    /// Wording in English and French suggests a type; words are matched
    /// whole at their start, so "mobile" is not a mob and "Fama" only as a
    /// word.
    #[test]
    fn values_are_suggested_from_their_wording() {
        use PerpetratorType as T;
        for (v, t) in [
            ("Host state", T::StateForces),
            ("Host State security forces", T::StateForces),
            ("Forces armées", T::StateForces),
            ("FORCES ARMEES", T::StateForces),
            ("Police", T::StateForces),
            ("Military", T::StateForces),
            ("Gendarmerie nationale", T::StateForces),
            ("FARDC", T::StateForces),
            ("Groupe armé", T::NonStateArmedGroups),
            ("Milice", T::PoliticalMilitias),
            ("Dozo", T::IdentityMilitias),
            ("Groupe d'autodéfense communautaire", T::IdentityMilitias),
            ("Rebelles", T::RebelGroups),
            ("Inconnu", T::Unidentified),
            ("Hommes armés non identifiés", T::Unidentified),
            ("Unknown", T::Unidentified),
            ("", T::Unidentified),
            ("Mobile clinic staff", T::Other),
            ("Mob", T::Rioters),
            ("Forces étrangères", T::ExternalForces),
            ("1", T::StateForces),
        ] {
            assert_eq!(suggest_type_for_value(v), t, "{v}");
        }
    }
}
