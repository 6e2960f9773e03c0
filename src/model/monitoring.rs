//! What a human-rights or protection monitoring log adds to an incident
//! (METHODOLOGY §7): the violation types it holds, its victims and its
//! verification status. Kept in columns of their own that stay empty for
//! conflict-event data, so the ACLED and UCDP path carries nothing extra.

use serde::{Deserialize, Serialize};

mod columns;
pub use columns::MonitoringColumns;

/// The canonical violation types (METHODOLOGY §7), in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ViolationType {
    Killing,
    Maiming,
    SexualViolence,
    Abduction,
    ArbitraryDetention,
    Torture,
    Recruitment,
    AttackOnSchool,
    AttackOnHospital,
    AttackOnCamp,
    DenialOfAccess,
    Displacement,
    Looting,
    Threat,
    Other,
}

impl ViolationType {
    /// Every type, in order (bit `i` of a violation set is `ALL[i]`).
    pub const ALL: [ViolationType; 15] = [
        Self::Killing,
        Self::Maiming,
        Self::SexualViolence,
        Self::Abduction,
        Self::ArbitraryDetention,
        Self::Torture,
        Self::Recruitment,
        Self::AttackOnSchool,
        Self::AttackOnHospital,
        Self::AttackOnCamp,
        Self::DenialOfAccess,
        Self::Displacement,
        Self::Looting,
        Self::Threat,
        Self::Other,
    ];

    /// The canonical key.
    pub fn key(self) -> &'static str {
        match self {
            Self::Killing => "killing",
            Self::Maiming => "maiming",
            Self::SexualViolence => "sexual_violence",
            Self::Abduction => "abduction",
            Self::ArbitraryDetention => "arbitrary_detention",
            Self::Torture => "torture",
            Self::Recruitment => "recruitment",
            Self::AttackOnSchool => "attack_on_school",
            Self::AttackOnHospital => "attack_on_hospital",
            Self::AttackOnCamp => "attack_on_camp",
            Self::DenialOfAccess => "denial_of_access",
            Self::Displacement => "displacement",
            Self::Looting => "looting",
            Self::Threat => "threat",
            Self::Other => "other",
        }
    }

    /// An English label.
    pub fn label(self) -> &'static str {
        self.label_in(crate::i18n::Lang::En)
    }

    /// The label in a language (French: the MRM's terms).
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        if lang == crate::i18n::Lang::Fr {
            return match self {
                Self::Killing => "Meurtre",
                Self::Maiming => "Mutilation (blessure)",
                Self::SexualViolence => "Violences sexuelles",
                Self::Abduction => "Enlèvement",
                Self::ArbitraryDetention => "Détention arbitraire",
                Self::Torture => "Torture",
                Self::Recruitment => "Recrutement et utilisation d'enfants",
                Self::AttackOnSchool => "Attaque contre une école",
                Self::AttackOnHospital => "Attaque contre un hôpital",
                Self::AttackOnCamp => "Attaque contre un camp",
                Self::DenialOfAccess => "Refus d'accès humanitaire",
                Self::Displacement => "Déplacement",
                Self::Looting => "Pillage, destruction de biens",
                Self::Threat => "Menace, intimidation",
                Self::Other => "Autre",
            };
        }
        match self {
            Self::Killing => "Killing",
            Self::Maiming => "Maiming (injury)",
            Self::SexualViolence => "Sexual violence",
            Self::Abduction => "Abduction",
            Self::ArbitraryDetention => "Arbitrary detention",
            Self::Torture => "Torture",
            Self::Recruitment => "Recruitment or use of children",
            Self::AttackOnSchool => "Attack on a school",
            Self::AttackOnHospital => "Attack on a hospital",
            Self::AttackOnCamp => "Attack on a camp",
            Self::DenialOfAccess => "Denial of humanitarian access",
            Self::Displacement => "Displacement",
            Self::Looting => "Looting, property destruction",
            Self::Threat => "Threat, intimidation",
            Self::Other => "Other",
        }
    }

    /// This type's bit in a violation set.
    pub fn bit(self) -> u16 {
        1 << (self as u16)
    }

    /// The types in a violation set, in order.
    pub fn in_set(set: u16) -> impl Iterator<Item = ViolationType> {
        Self::ALL.into_iter().filter(move |t| set & t.bit() != 0)
    }
}

/// The kind of harm a violation set shows, where it shows one: sexual
/// violence first, then abduction (these raise the suggested impact and
/// fall under the disclosure rules, METHODOLOGY §4, §6).
pub fn harm_kind_of(set: u16) -> Option<super::codes::HarmKind> {
    use super::codes::HarmKind;
    if set & ViolationType::SexualViolence.bit() != 0 {
        Some(HarmKind::SexualViolence)
    } else if set & ViolationType::Abduction.bit() != 0 {
        Some(HarmKind::Abduction)
    } else {
        None
    }
}

/// Verification status (METHODOLOGY §7).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Verification {
    Verified,
    /// Reported, pending; also a source without a status column.
    #[default]
    Unverified,
    /// Falsely attributed or did not occur: never counted.
    Rejected,
}

impl Verification {
    pub fn key(self) -> &'static str {
        match self {
            Self::Verified => "verified",
            Self::Unverified => "unverified",
            Self::Rejected => "rejected",
        }
    }

    /// A status from its wording: MRM (`verified`, `unverified`,
    /// `pending`, `falsely attributed`, `rejected`) and IMS+
    /// (`report_pending_verification`, `reported_not_verified`,
    /// `verification_found_that_incident_did_not_occur`).
    pub fn from_wording(v: &str) -> Verification {
        let v = v.trim().to_lowercase().replace('_', " ");
        if v.contains("reject")
            || v.contains("falsely")
            || v.contains("did not occur")
            || v.contains("not occur")
        {
            Self::Rejected
        } else if v.contains("verified")
            && !v.contains("not verified")
            && !v.contains("unverified")
            && !v.contains("pending")
        {
            Self::Verified
        } else {
            Self::Unverified
        }
    }

    fn from_u8(v: u8) -> Verification {
        match v {
            0 => Self::Verified,
            2 => Self::Rejected,
            _ => Self::Unverified,
        }
    }
}

/// The groups a victim count can be broken down into, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VictimGroup {
    Women,
    Men,
    Girls,
    Boys,
    Unknown,
}

impl VictimGroup {
    pub const ALL: [VictimGroup; 5] = [
        Self::Women,
        Self::Men,
        Self::Girls,
        Self::Boys,
        Self::Unknown,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::Women => "women",
            Self::Men => "men",
            Self::Girls => "girls",
            Self::Boys => "boys",
            Self::Unknown => "unknown",
        }
    }

    /// The group a column name or value speaks of (`Girls`, `# of boys`,
    /// `women`, `Female adult`…), or `None`.
    pub fn from_wording(v: &str) -> Option<VictimGroup> {
        let v = v.to_lowercase();
        let has = |w: &str| v.split(|c: char| !c.is_alphanumeric()).any(|x| x == w);
        if has("girls") || has("girl") {
            Some(Self::Girls)
        } else if has("boys") || has("boy") {
            Some(Self::Boys)
        } else if has("women") || has("woman") {
            Some(Self::Women)
        } else if has("men") || has("man") {
            Some(Self::Men)
        } else if has("unknown") || has("unspecified") {
            Some(Self::Unknown)
        } else {
            None
        }
    }
}

/// The people of one incident by group (`VictimGroup` order).
pub type Groups = [u32; 5];

/// The people of one incident per violation type (`ViolationType` order),
/// where the source counts them per type (an outcome-column workbook:
/// `… Killed`, `… Kidnapped`).
pub type TypeVictims = [u32; 15];

/// A monitoring log's part of one incident, as an importer produced it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MonitoringDraft {
    /// The violation types the incident holds (bits of `ViolationType`).
    pub violations: u16,
    /// People harmed; `None` when the source's figure could not be read.
    pub victims: Option<u32>,
    pub verification: Verification,
    /// The victims by group, where the source gives them.
    pub groups: Option<Groups>,
    /// The victims per violation type, where the source counts them so.
    pub by_type: Option<TypeVictims>,
}

/// A violation type suggested from a value's wording (`Rape`, `killed`,
/// `Kidnapping`, `Recruitment and use of children`, …), or `None`.
pub fn suggest_violation(value: &str) -> Option<ViolationType> {
    let v = value.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| v.contains(w));
    Some(if has(&["rape", "sexual", "sgbv", "crsv"]) {
        ViolationType::SexualViolence
    } else if has(&["recruit", "child soldier"]) {
        ViolationType::Recruitment
    } else if has(&["kill", "murder", "execution", "death"]) {
        ViolationType::Killing
    } else if has(&["maim", "injur", "wound"]) {
        ViolationType::Maiming
    } else if has(&["abduct", "kidnap", "disappear"]) {
        ViolationType::Abduction
    } else if has(&["arrest", "detention", "detained"]) {
        ViolationType::ArbitraryDetention
    } else if has(&["tortur", "ill-treat", "ill treat", "cruel"]) {
        ViolationType::Torture
    } else if has(&["school", "education"]) {
        ViolationType::AttackOnSchool
    } else if has(&["hospital", "health", "medical"]) {
        ViolationType::AttackOnHospital
    } else if has(&["camp"]) {
        ViolationType::AttackOnCamp
    } else if has(&["access", "denial"]) {
        ViolationType::DenialOfAccess
    } else if has(&["displace"]) {
        ViolationType::Displacement
    } else if has(&["loot", "destruct", "destroy", "burn", "property"]) {
        ViolationType::Looting
    } else if has(&["threat", "intimidat"]) {
        ViolationType::Threat
    } else {
        return None;
    })
}

/// Splits a cell of several values (`Rape, SexualAssault`; `a|b`; `a; b`)
/// into trimmed, non-empty parts (METHODOLOGY §7).
pub fn split_values(cell: &str) -> impl Iterator<Item = &str> {
    cell.split([',', ';', '|'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_split_on_every_separator_and_sets_hold_each_type_once() {
        let parts: Vec<&str> = split_values(" Rape, SexualAssault ;Abduction|  , ").collect();
        assert_eq!(parts, ["Rape", "SexualAssault", "Abduction"]);
        let set = ViolationType::SexualViolence.bit()
            | ViolationType::SexualViolence.bit()
            | ViolationType::Abduction.bit();
        assert_eq!(set.count_ones(), 2);
        assert_eq!(
            ViolationType::in_set(set).collect::<Vec<_>>(),
            [ViolationType::SexualViolence, ViolationType::Abduction]
        );
    }
}
