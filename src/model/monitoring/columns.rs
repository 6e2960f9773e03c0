//! The monitoring columns of a dataset: one entry per incident for a
//! monitoring log (violation set, victims, verification, and where the
//! source gives them victims by group and per type), none for
//! conflict-event data, so the ACLED and UCDP path carries nothing extra.

use super::{Groups, MonitoringDraft, TypeVictims, Verification, ViolationType};

/// The monitoring columns of a dataset: empty for conflict-event data, else
/// one entry per incident.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MonitoringColumns {
    pub violations: Vec<u16>,
    pub victims: Vec<u32>,
    pub victims_unknown: Vec<bool>,
    pub verification: Vec<u8>,
    /// Victims by group: empty unless some row of the dataset has them
    /// (then one entry per row, all 0 for a row without).
    pub groups: Vec<Groups>,
    /// Victims per violation type: empty unless some row has them.
    pub by_type: Vec<TypeVictims>,
}

/// Pushes `x` at row `i` of a column kept only when some row has a value.
fn push_sparse<T: Copy + Default>(v: &mut Vec<T>, i: usize, x: Option<T>) {
    if x.is_none() && v.is_empty() {
        return;
    }
    v.resize(i, T::default());
    v.push(x.unwrap_or_default());
}

/// Keeps the entries of `v` whose `pick` is true.
fn filter<T: Copy>(v: &mut Vec<T>, pick: &dyn Fn(usize) -> bool) {
    let mut i = 0;
    v.retain(|_| {
        let k = pick(i);
        i += 1;
        k
    });
}

impl MonitoringColumns {
    /// Whether the dataset holds monitoring data at all.
    pub fn is_empty(&self) -> bool {
        self.violations.is_empty()
    }

    fn len(&self) -> usize {
        self.violations.len()
    }

    /// Pads with empty entries (no violation, 0 victims, unverified) up to
    /// `n` rows.
    pub fn pad_to(&mut self, n: usize) {
        if self.len() < n {
            self.violations.resize(n, 0);
            self.victims.resize(n, 0);
            self.victims_unknown.resize(n, false);
            self.verification.resize(n, Verification::Unverified as u8);
        }
        if !self.groups.is_empty() && self.groups.len() < n {
            self.groups.resize(n, Groups::default());
        }
        if !self.by_type.is_empty() && self.by_type.len() < n {
            self.by_type.resize(n, TypeVictims::default());
        }
    }

    /// Sets row `i` (padding up to it first).
    pub fn push_at(&mut self, i: usize, m: &MonitoringDraft) {
        self.pad_to(i);
        self.violations.push(m.violations);
        self.victims.push(m.victims.unwrap_or(0));
        self.victims_unknown.push(m.victims.is_none());
        self.verification.push(m.verification as u8);
        push_sparse(&mut self.groups, i, m.groups);
        push_sparse(&mut self.by_type, i, m.by_type);
    }

    /// Appends `other`'s rows, which follow `base` rows of this dataset.
    pub fn append_at(&mut self, base: usize, other: &MonitoringColumns, other_rows: usize) {
        if other.is_empty() {
            return;
        }
        self.pad_to(base);
        self.violations.extend_from_slice(&other.violations);
        self.victims.extend_from_slice(&other.victims);
        self.victims_unknown
            .extend_from_slice(&other.victims_unknown);
        self.verification.extend_from_slice(&other.verification);
        if !other.groups.is_empty() {
            self.groups.resize(base, Groups::default());
            self.groups.extend_from_slice(&other.groups);
        }
        if !other.by_type.is_empty() {
            self.by_type.resize(base, TypeVictims::default());
            self.by_type.extend_from_slice(&other.by_type);
        }
        self.pad_to(base + other_rows);
    }

    /// Keeps the rows whose `keep` entry is true.
    pub fn retain(&mut self, keep: &[bool]) {
        if self.is_empty() {
            return;
        }
        self.pad_to(keep.len());
        let pick = |i: usize| keep.get(i).copied().unwrap_or(true);
        filter(&mut self.groups, &pick);
        filter(&mut self.by_type, &pick);
        filter(&mut self.violations, &pick);
        filter(&mut self.victims, &pick);
        filter(&mut self.victims_unknown, &pick);
        filter(&mut self.verification, &pick);
    }

    pub fn clear(&mut self) {
        self.violations.clear();
        self.victims.clear();
        self.victims_unknown.clear();
        self.verification.clear();
        self.groups.clear();
        self.by_type.clear();
    }

    pub fn shrink_to_fit(&mut self) {
        self.violations.shrink_to_fit();
        self.victims.shrink_to_fit();
        self.victims_unknown.shrink_to_fit();
        self.verification.shrink_to_fit();
        self.groups.shrink_to_fit();
        self.by_type.shrink_to_fit();
    }

    /// The victims of row `i` by group, where the source gives them.
    pub fn groups_at(&self, i: usize) -> Option<Groups> {
        self.groups
            .get(i)
            .copied()
            .filter(|g| g.iter().any(|x| *x > 0))
    }

    /// The victims of row `i` under violation type `t` (METHODOLOGY §7,
    /// the MRM rule): the source's own count for that type where it counts
    /// per type, else the incident's victims (one person harmed in two
    /// ways is a victim of each violation).
    pub fn victims_of_type(&self, i: usize, t: ViolationType) -> u32 {
        match self.by_type.get(i).filter(|b| b.iter().any(|x| *x > 0)) {
            Some(b) => b[t as usize],
            None => self.victims.get(i).copied().unwrap_or(0),
        }
    }

    /// The violation set of row `i` (0 for a row without one).
    #[inline]
    pub fn violations_at(&self, i: usize) -> u16 {
        self.violations.get(i).copied().unwrap_or(0)
    }

    /// Victims of row `i`, and whether the figure is unknown.
    #[inline]
    pub fn victims_at(&self, i: usize) -> (u32, bool) {
        (
            self.victims.get(i).copied().unwrap_or(0),
            self.victims_unknown.get(i).copied().unwrap_or(false),
        )
    }

    /// Verification status of row `i`.
    pub fn verification_at(&self, i: usize) -> Verification {
        Verification::from_u8(
            self.verification
                .get(i)
                .copied()
                .unwrap_or(Verification::Unverified as u8),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_appended_without_monitoring_data_are_padded() {
        let mut c = MonitoringColumns::default();
        let m = MonitoringDraft {
            violations: ViolationType::Killing.bit(),
            victims: None,
            verification: Verification::Verified,
            ..Default::default()
        };
        c.push_at(2, &m);
        assert_eq!(c.violations, [0, 0, 1]);
        assert_eq!(c.victims_at(2), (0, true));
        assert_eq!(c.verification_at(0), Verification::Unverified);
        assert_eq!(c.verification_at(2), Verification::Verified);
        c.retain(&[true, false, true]);
        assert_eq!(c.violations, [0, 1]);
    }
}
