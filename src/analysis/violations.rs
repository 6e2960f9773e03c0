//! Monitoring logs by violation type (METHODOLOGY §7): per type, its
//! violations and its victims, and the figure the MRM rule reports — the
//! victims for violations against people, the violations for attacks on
//! places and denial of access — with the victims by group where the
//! sources give them.

use super::matrix::for_each_selected;
use super::{Filter, Workspace};
use crate::model::monitoring::{VictimGroup, ViolationType};

/// Whether the MRM rule counts a type's victims (else its violations).
/// METHODOLOGY §7 names killing, maiming, recruitment, sexual violence and
/// abduction (victims) and attacks on schools or hospitals, military use
/// and denial of access (violations); the other violations against people
/// (detention, torture, displacement, threats) are counted as victims too,
/// and attacks on camps, looting and other as violations.
pub fn counts_victims(t: ViolationType) -> bool {
    use ViolationType as V;
    matches!(
        t,
        V::Killing
            | V::Maiming
            | V::SexualViolence
            | V::Abduction
            | V::Recruitment
            | V::ArbitraryDetention
            | V::Torture
            | V::Displacement
            | V::Threat
    )
}

/// One violation type's counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeCounts {
    pub violation: ViolationType,
    /// Incidents holding this type (one violation each).
    pub violations: u64,
    /// Their victims: the source's count for this type where it counts per
    /// type, else the incident's victims.
    pub victims: u64,
    /// Incidents of this type whose victim count is unreadable.
    pub victims_unknown: u64,
}

impl TypeCounts {
    /// The figure the MRM rule reports for the type.
    pub fn value(&self) -> u64 {
        if counts_victims(self.violation) {
            self.victims
        } else {
            self.violations
        }
    }
}

/// Violations by type and victims by group over the filter's period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ViolationSummary {
    /// Types with at least one violation, in `ViolationType` order.
    pub by_type: Vec<TypeCounts>,
    /// Victims by group (`VictimGroup` order), over the incidents whose
    /// source gives a breakdown.
    pub groups: [u64; 5],
    /// Victims of the incidents with a breakdown, and of all incidents.
    pub victims_with_groups: u64,
    pub victims: u64,
}

impl ViolationSummary {
    /// Over the monitoring-log incidents the filter selects in its period
    /// (rejected records never; verified only and violation types as the
    /// filter says).
    pub fn compute(ws: &Workspace, filter: &Filter) -> ViolationSummary {
        let mask = filter.violation_mask().unwrap_or(u16::MAX);
        let mut types = [(0u64, 0u64, 0u64); 15];
        let mut out = ViolationSummary::default();
        for_each_selected(ws, filter, |(d, i), _, _, in_range| {
            let inc = &ws.datasets[d].incidents;
            let m = &inc.monitoring;
            if !in_range || m.is_empty() || !inc.civilian_harm[i] {
                return;
            }
            let (victims, unknown) = m.victims_at(i);
            out.victims += u64::from(victims);
            if let Some(g) = m.groups_at(i) {
                for (slot, n) in out.groups.iter_mut().zip(g) {
                    *slot += u64::from(n);
                }
                out.victims_with_groups += u64::from(victims);
            }
            for t in ViolationType::in_set(m.violations_at(i) & mask) {
                let e = &mut types[t as usize];
                e.0 += 1;
                e.1 += u64::from(m.victims_of_type(i, t));
                e.2 += u64::from(unknown);
            }
        });
        out.by_type = ViolationType::ALL
            .iter()
            .zip(types)
            .filter(|(_, c)| c.0 > 0)
            .map(|(t, c)| TypeCounts {
                violation: *t,
                violations: c.0,
                victims: c.1,
                victims_unknown: c.2,
            })
            .collect();
        out
    }

    /// The victims of one group.
    pub fn group(&self, g: VictimGroup) -> u64 {
        self.groups[g as usize]
    }
}
