//! Edits: every change to an assessment is data, and applying one returns
//! the edit that undoes it. `History` keeps the undo and redo stacks.

use super::{
    Assessment, Base, Benchmark, DatasetRef, Meta, Reclassification, SharingLevel, ThreatEntry,
};
use serde::{Deserialize, Serialize};

/// One change to an assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    SetMeta(Meta),
    InsertEntry(usize, ThreatEntry),
    RemoveEntry(usize),
    ReplaceEntry(usize, ThreatEntry),
    InsertBase(usize, Base),
    RemoveBase(usize),
    ReplaceBase(usize, Base),
    InsertBenchmark(usize, Benchmark),
    RemoveBenchmark(usize),
    ReplaceBenchmark(usize, Benchmark),
    /// Set (or with `None`, remove) the re-classification of an actor; a new
    /// one goes at position `at` (else where the old one was, else last).
    SetReclassification {
        actor: String,
        value: Option<Reclassification>,
        at: Option<usize>,
    },
    SetSharing(SharingLevel, u32),
    /// Replace the region aliases (merge or split region names).
    SetRegionAliases(Vec<super::RegionAlias>),
    /// Set (or with `None`, remove) the HRDDP record of an actor.
    SetHrddp {
        actor: String,
        value: Option<super::HrddpRecord>,
    },
    /// Change how events are matched across sources (METHODOLOGY §8).
    SetMatching(crate::analysis::matching::MatchSettings),
    /// Replace the workshop's participants (METHODOLOGY §10).
    SetParticipants(Vec<super::Participant>),
    /// Replace the drawdown scenarios (METHODOLOGY §10).
    SetScenarios(Vec<super::scenarios::Scenario>),
    InsertDataset(usize, DatasetRef),
    RemoveDataset(usize),
    /// Relink or re-hash a dataset.
    ReplaceDataset(usize, DatasetRef),
    /// Several edits as one undo step (an import of bases, say): applied in
    /// order, all or none.
    Batch(Vec<Edit>),
}

/// Why an edit could not be applied (it names a position that is not there).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct EditError(pub String);

fn insert<T>(v: &mut Vec<T>, i: usize, x: T, what: &str) -> Result<(), EditError> {
    if i > v.len() {
        return Err(EditError(format!("no {what} position {i}")));
    }
    v.insert(i, x);
    Ok(())
}

fn take<T>(v: &mut Vec<T>, i: usize, what: &str) -> Result<T, EditError> {
    if i >= v.len() {
        return Err(EditError(format!("no {what} number {}", i + 1)));
    }
    Ok(v.remove(i))
}

fn swap<T>(v: &mut [T], i: usize, x: T, what: &str) -> Result<T, EditError> {
    let slot = v
        .get_mut(i)
        .ok_or_else(|| EditError(format!("no {what} number {}", i + 1)))?;
    Ok(std::mem::replace(slot, x))
}

impl Assessment {
    /// Applies an edit; returns the edit that undoes it.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, EditError> {
        Ok(match edit {
            Edit::SetMeta(m) => Edit::SetMeta(std::mem::replace(&mut self.meta, m)),
            Edit::InsertEntry(i, e) => {
                insert(&mut self.register, i, e, "register")?;
                Edit::RemoveEntry(i)
            }
            Edit::RemoveEntry(i) => {
                Edit::InsertEntry(i, take(&mut self.register, i, "register entry")?)
            }
            Edit::ReplaceEntry(i, e) => {
                Edit::ReplaceEntry(i, swap(&mut self.register, i, e, "register entry")?)
            }
            Edit::InsertBase(i, b) => {
                insert(&mut self.footprint, i, b, "base")?;
                Edit::RemoveBase(i)
            }
            Edit::RemoveBase(i) => Edit::InsertBase(i, take(&mut self.footprint, i, "base")?),
            Edit::ReplaceBase(i, b) => {
                Edit::ReplaceBase(i, swap(&mut self.footprint, i, b, "base")?)
            }
            Edit::InsertBenchmark(i, b) => {
                insert(&mut self.benchmarks, i, b, "benchmark")?;
                Edit::RemoveBenchmark(i)
            }
            Edit::RemoveBenchmark(i) => {
                Edit::InsertBenchmark(i, take(&mut self.benchmarks, i, "benchmark")?)
            }
            Edit::ReplaceBenchmark(i, b) => {
                Edit::ReplaceBenchmark(i, swap(&mut self.benchmarks, i, b, "benchmark")?)
            }
            Edit::SetReclassification { actor, value, at } => {
                let pos = self.reclassifications.iter().position(|r| r.actor == actor);
                let old = pos.map(|p| self.reclassifications.remove(p));
                if let Some(mut r) = value {
                    r.actor = actor.clone();
                    let i = at.or(pos).unwrap_or(self.reclassifications.len());
                    self.reclassifications
                        .insert(i.min(self.reclassifications.len()), r);
                }
                Edit::SetReclassification {
                    actor,
                    value: old,
                    at: pos,
                }
            }
            Edit::SetHrddp { actor, value } => {
                let at = self.hrddp.iter().position(|r| r.actor == actor);
                let old = at.map(|i| self.hrddp.remove(i));
                if let Some(mut v) = value {
                    v.actor = actor.clone();
                    self.hrddp.insert(at.unwrap_or(self.hrddp.len()), v);
                }
                Edit::SetHrddp { actor, value: old }
            }
            Edit::SetMatching(m) => {
                Edit::SetMatching(std::mem::replace(&mut self.matching, m.sanitized()))
            }
            Edit::SetRegionAliases(v) => {
                Edit::SetRegionAliases(std::mem::replace(&mut self.region_aliases, v))
            }
            Edit::SetParticipants(v) => {
                Edit::SetParticipants(std::mem::replace(&mut self.participants, v))
            }
            Edit::SetScenarios(v) => Edit::SetScenarios(std::mem::replace(&mut self.scenarios, v)),
            Edit::InsertDataset(i, d) => {
                insert(&mut self.datasets, i, d, "dataset")?;
                Edit::RemoveDataset(i)
            }
            Edit::RemoveDataset(i) => {
                Edit::InsertDataset(i, take(&mut self.datasets, i, "dataset")?)
            }
            Edit::ReplaceDataset(i, d) => {
                Edit::ReplaceDataset(i, swap(&mut self.datasets, i, d, "dataset")?)
            }
            Edit::SetSharing(level, k) => {
                let old = Edit::SetSharing(self.sharing, self.suppression_k);
                self.sharing = level;
                self.suppression_k = k;
                old
            }
            Edit::Batch(edits) => self.apply_batch(edits)?,
        })
    }

    /// Applies edits in order; if one fails, the ones applied are undone
    /// and the document is as it was.
    fn apply_batch(&mut self, edits: Vec<Edit>) -> Result<Edit, EditError> {
        let mut inverses = Vec::with_capacity(edits.len());
        for e in edits {
            match self.apply(e) {
                Ok(inv) => inverses.push(inv),
                Err(err) => {
                    while let Some(inv) = inverses.pop() {
                        // Undoing an edit just applied cannot name a missing position.
                        self.apply(inv)?;
                    }
                    return Err(err);
                }
            }
        }
        inverses.reverse();
        Ok(Edit::Batch(inverses))
    }
}

/// Undo and redo stacks for one document.
#[derive(Debug, Clone, Default)]
pub struct History {
    undo: Vec<Edit>,
    redo: Vec<Edit>,
}

impl History {
    /// Applies `edit` to `doc` and records its inverse; clears redo.
    pub fn apply(&mut self, doc: &mut Assessment, edit: Edit) -> Result<(), EditError> {
        let inverse = doc.apply(edit)?;
        self.undo.push(inverse);
        self.redo.clear();
        Ok(())
    }

    /// Undoes the last edit; `Ok(false)` when there is none. An edit that
    /// cannot be undone stays on the stack and the error is returned.
    pub fn undo(&mut self, doc: &mut Assessment) -> Result<bool, EditError> {
        Self::step(&mut self.undo, &mut self.redo, doc)
    }

    /// Redoes the last undone edit; `Ok(false)` when there is none.
    pub fn redo(&mut self, doc: &mut Assessment) -> Result<bool, EditError> {
        Self::step(&mut self.redo, &mut self.undo, doc)
    }

    fn step(
        from: &mut Vec<Edit>,
        to: &mut Vec<Edit>,
        doc: &mut Assessment,
    ) -> Result<bool, EditError> {
        let Some(e) = from.last().cloned() else {
            return Ok(false);
        };
        let inv = doc.apply(e)?;
        from.pop();
        to.push(inv);
        Ok(true)
    }

    /// Whether there is anything to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is anything to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}
