//! Per-audience content an assessment can choose (METHODOLOGY §6): the
//! register columns that can be left out, and an assessment's own list of
//! sections and columns for a sharing level. The built-in defaults and how
//! they apply live with the annex (`annex/audience.rs`).

use super::SharingLevel;
use serde::{Deserialize, Serialize};

/// A column of the register tables that can be left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegisterColumn {
    Likelihood,
    Impact,
    Risk,
    Suggested,
    Trend,
    Residual,
    Tiers,
    Successors,
    Capacity,
    Gap,
    Mitigation,
    ReviewBy,
}

impl RegisterColumn {
    /// Every column, in the order the tables print them.
    pub const ALL: [RegisterColumn; 12] = [
        RegisterColumn::Likelihood,
        RegisterColumn::Impact,
        RegisterColumn::Risk,
        RegisterColumn::Suggested,
        RegisterColumn::Trend,
        RegisterColumn::Residual,
        RegisterColumn::Tiers,
        RegisterColumn::Successors,
        RegisterColumn::Capacity,
        RegisterColumn::Gap,
        RegisterColumn::Mitigation,
        RegisterColumn::ReviewBy,
    ];

    /// The column's header.
    pub fn label(self) -> &'static str {
        self.label_in(crate::i18n::Lang::En)
    }

    /// The column's header in a language.
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        if lang == crate::i18n::Lang::Fr {
            return match self {
                RegisterColumn::Likelihood => "Probabilité",
                RegisterColumn::Impact => "Impact",
                RegisterColumn::Risk => "Risque",
                RegisterColumn::Suggested => "P×I suggéré",
                RegisterColumn::Trend => "Tendance",
                RegisterColumn::Residual => "Résiduelle",
                RegisterColumn::Tiers => "Niveaux",
                RegisterColumn::Successors => "Relais par niveau",
                RegisterColumn::Capacity => "Capacité (1–5)",
                RegisterColumn::Gap => "Lacune",
                RegisterColumn::Mitigation => "Atténuation",
                RegisterColumn::ReviewBy => "À réviser avant le",
            };
        }
        match self {
            RegisterColumn::Likelihood => "Likelihood",
            RegisterColumn::Impact => "Impact",
            RegisterColumn::Risk => "Risk",
            RegisterColumn::Suggested => "Suggested L×I",
            RegisterColumn::Trend => "Trend",
            RegisterColumn::Residual => "Residual",
            RegisterColumn::Tiers => "Tiers",
            RegisterColumn::Successors => "Successor by tier",
            RegisterColumn::Capacity => "Capacity (1–5)",
            RegisterColumn::Gap => "Gap",
            RegisterColumn::Mitigation => "Mitigation",
            RegisterColumn::ReviewBy => "Review by",
        }
    }

    /// Whether the column is computed from counts (so cannot go above
    /// `internal`, where the counts behind it are not printed).
    pub fn from_counts(self) -> bool {
        matches!(self, RegisterColumn::Suggested | RegisterColumn::Trend)
    }
}

/// An assessment's own choice of content for one level (replaces the
/// default for that level).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Audience {
    pub level: SharingLevel,
    /// Section ids that go (`SectionId::key`; unknown ids are ignored).
    pub sections: Vec<String>,
    /// Register columns that go.
    pub columns: Vec<RegisterColumn>,
}
