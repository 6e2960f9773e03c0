//! What goes into the annex for each audience (METHODOLOGY §6, "Per
//! audience"): which sections and which register columns each sharing level
//! carries. The defaults below are a UN planner's: partners in the UN system
//! see the whole register; the host government does not see the flags (the
//! UN's own planning gaps), the successor capacities or the mission's
//! mitigation plans; the public sees the data sections, the register's
//! ratings and successors, and the benchmarks, but not the footprint (base
//! sites and closure dates). Above `internal`, the suggested scores and
//! per-threat trends always go: they come from counts the annex does not
//! print. An assessment can set its own content per level (`audiences` in
//! the `.ron`); the method section lists what was left out.

use super::build::{SectionId, Sections};
use crate::assessment::sharing::RegisterColumn;
use crate::assessment::{Assessment, SharingLevel};

/// What goes into the annex at one level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    pub sections: Sections,
    pub columns: Vec<RegisterColumn>,
}

impl Content {
    /// The built-in content for a level.
    pub fn default_for(level: SharingLevel) -> Content {
        use RegisterColumn as C;
        use SectionId as S;
        let columns = |leave_out: &[C]| {
            C::ALL
                .iter()
                .copied()
                .filter(|c| !leave_out.contains(c))
                .collect()
        };
        match level {
            SharingLevel::Internal => Content {
                sections: Sections::default(),
                columns: C::ALL.to_vec(),
            },
            SharingLevel::UnPartners => Content {
                sections: Sections::default(),
                columns: columns(&[C::Suggested, C::Trend]),
            },
            SharingLevel::HostGovernment => Content {
                sections: Sections::of([
                    S::Control,
                    S::KeyJudgements,
                    S::Scope,
                    S::Footprint,
                    S::Threats,
                    S::Effects,
                    S::Register,
                    S::Handover,
                    S::Benchmarks,
                    S::Method,
                ]),
                columns: columns(&[C::Suggested, C::Trend, C::Capacity, C::Mitigation]),
            },
            SharingLevel::Public => Content {
                sections: Sections::of([
                    S::Control,
                    S::KeyJudgements,
                    S::Scope,
                    S::Threats,
                    S::Effects,
                    S::Register,
                    S::Handover,
                    S::Benchmarks,
                    S::Method,
                ]),
                columns: columns(&[
                    C::Suggested,
                    C::Trend,
                    C::Capacity,
                    C::Gap,
                    C::Mitigation,
                    C::ReviewBy,
                ]),
            },
        }
    }

    /// The content for a level: the assessment's own choice if it has one,
    /// else the default. Columns computed from counts never go above
    /// `internal`, whatever is chosen.
    pub fn for_level(a: Option<&Assessment>, level: SharingLevel) -> Content {
        let mut c = match a.and_then(|a| a.audiences.iter().find(|x| x.level == level)) {
            Some(x) => {
                // Unknown keys in the file are ignored (a later version's section).
                let s = Sections::of(x.sections.iter().filter_map(|k| SectionId::from_key(k)));
                Content {
                    sections: s,
                    columns: x.columns.clone(),
                }
            }
            None => Content::default_for(level),
        };
        if level != SharingLevel::Internal {
            c.columns.retain(|x| !x.from_counts());
        }
        c
    }

    /// Whether a register column goes.
    pub fn has(&self, c: RegisterColumn) -> bool {
        self.columns.contains(&c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audiences_narrow_as_the_level_widens_and_counts_columns_stay_internal() {
        let count = |l| {
            let c = Content::default_for(l);
            (c.sections.count(), c.columns.len())
        };
        let levels = SharingLevel::ALL.map(count);
        for w in levels.windows(2) {
            assert!(w[1].0 <= w[0].0 && w[1].1 <= w[0].1, "{levels:?}");
        }
        assert!(levels[3].0 < levels[1].0 && levels[3].1 < levels[1].1);
        for l in SharingLevel::ALL {
            let c = Content::for_level(None, l);
            assert_eq!(
                c.has(RegisterColumn::Suggested),
                l == SharingLevel::Internal
            );
        }
    }
}
