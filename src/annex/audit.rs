//! The disclosure audit (METHODOLOGY §6), as a reader with a linear-programme
//! solver would run it.
//!
//! Every figure a document prints is a *fact* about unknown whole numbers ≥ 0
//! (the counts behind it): a shown count fixes a sum of them, a `<k` cell
//! bounds one between 1 and k−1, a withheld `x` says only that it is ≥ 0, and
//! tables add their totals as equations. For each `<k` cell the audit asks
//! the solver for the smallest and the largest value the cell can take
//! consistent with all of the facts, rounds both inwards to whole numbers,
//! and passes the cell only when that range is still the whole 1…k−1.
//!
//! The LP relaxation is what statistical offices audit with; for a table and
//! its totals the constraint matrix is a network matrix, so its bounds are
//! the whole-number bounds too. Each question is solved on the connected
//! part of the system that the cell belongs to, after the variables that
//! shown cells fix (a shown 0 fixes every count under it) are taken out:
//! the tables of an annex are sparse, and most of them fall away.
//!
//! `disclosure.rs` uses this to choose what to withhold; `build.rs` runs it
//! once more over the finished document before any writer sees a number.

use microlp::{ComparisonOp, OptimizationDirection, Problem};

/// A linear expression: (variable, coefficient) pairs.
pub type Terms = Vec<(usize, f64)>;

/// `lo ≤ Σ terms ≤ hi` (an equation when `lo == hi`).
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub terms: Terms,
    pub lo: f64,
    pub hi: f64,
}

/// Unknown whole numbers ≥ 0 and what a document says about them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct System {
    vars: usize,
    facts: Vec<Fact>,
}

/// A cell's range as the audit finds it: whole numbers, `hi` `None` when
/// nothing bounds it above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    pub lo: u64,
    pub hi: Option<u64>,
}

impl Range {
    /// Whether a `<k` cell keeps the whole range 1…k−1.
    pub fn protects(&self, k: u32) -> bool {
        let top = u64::from(k.saturating_sub(1));
        self.lo <= 1 && self.hi.is_none_or(|h| h >= top)
    }

    /// As printed in a refusal: `2…4`, `3…∞`.
    pub fn display(&self) -> String {
        match self.hi {
            Some(h) if h == self.lo => format!("exactly {h}"),
            Some(h) => format!("{}…{h}", self.lo),
            None => format!("{}…∞", self.lo),
        }
    }
}

impl System {
    /// An empty system.
    pub fn new() -> System {
        System::default()
    }

    /// A new unknown count (≥ 0).
    pub fn var(&mut self) -> usize {
        self.vars += 1;
        self.vars - 1
    }

    /// How many unknowns there are.
    pub fn vars(&self) -> usize {
        self.vars
    }

    /// The facts, in the order they were added.
    pub fn facts(&self) -> &[Fact] {
        &self.facts
    }

    /// `Σ terms = value`.
    pub fn equal(&mut self, terms: Terms, value: f64) {
        self.range(terms, value, value);
    }

    /// `lo ≤ Σ terms ≤ hi`.
    pub fn range(&mut self, terms: Terms, lo: f64, hi: f64) {
        if !terms.is_empty() {
            self.facts.push(Fact { terms, lo, hi });
        }
    }

    /// The whole-number range of `target` over every assignment of the
    /// unknowns consistent with the facts; `None` when the facts contradict
    /// each other (no assignment at all), which a true document never does.
    pub fn range_of(&self, target: &[(usize, f64)]) -> Option<Range> {
        let pre = Presolved::new(self);
        pre.range_of(self, target)
    }

    /// The ranges of several targets, sharing one presolve.
    pub fn ranges_of(&self, targets: &[Terms]) -> Vec<Option<Range>> {
        let pre = Presolved::new(self);
        targets.iter().map(|t| pre.range_of(self, t)).collect()
    }

    /// How far a `<k` target whose true value is `value` is from keeping
    /// its whole range 1…k−1 (0: it keeps it). The true value is always
    /// possible, so a target at 1 needs no lower bound and one at k−1 no
    /// upper bound: only the other question goes to the solver.
    pub fn shortfall(&self, target: &[(usize, f64)], value: u64, k: u32) -> u64 {
        Presolved::new(self).shortfall(self, target, value, k)
    }

    /// `shortfall` for many targets, shared presolve, on two threads.
    pub fn shortfalls(&self, targets: &[(Terms, u64)], k: u32) -> Vec<u64> {
        self.shortfalls_by(targets, k, None).unwrap_or_default()
    }

    /// `shortfalls`, given up (`None`) once `deadline` has passed: the
    /// programmes of a large, intricate table can take minutes.
    pub fn shortfalls_by(
        &self,
        targets: &[(Terms, u64)],
        k: u32,
        deadline: Option<std::time::Instant>,
    ) -> Option<Vec<u64>> {
        let pre = Presolved::new(self);
        let late = || deadline.is_some_and(|d| std::time::Instant::now() > d);
        let run = |part: &[(Terms, u64)]| -> Option<Vec<u64>> {
            let mut out = Vec::with_capacity(part.len());
            for (t, v) in part {
                if late() {
                    return None;
                }
                out.push(pre.shortfall(self, t, *v, k));
            }
            Some(out)
        };
        if targets.len() < 8 {
            return run(targets);
        }
        let half = targets.len() / 2;
        let (a, b) = targets.split_at(half);
        let run = &run;
        std::thread::scope(|scope| {
            let other = std::thread::Builder::new()
                .name("disclosure-audit".into())
                .spawn_scoped(scope, move || run(b));
            let mut out = run(a)?;
            match other.map(|h| h.join()) {
                Ok(Ok(rest)) => out.extend(rest?),
                // No thread to be had: the same work here. A panic in the
                // solver is a bug: raise it.
                Ok(Err(panic)) => std::panic::resume_unwind(panic),
                Err(_) => out.extend(run(b)?),
            }
            Some(out)
        })
    }
}

/// What every question on one system shares: the unknowns the facts fix on
/// their own, and which unknowns are tied together.
struct Presolved {
    /// Fixed values (a shown count of one unknown, or a shown 0 over many).
    fixed: Vec<Option<f64>>,
    /// Union–find parent over unknowns tied by a fact of two or more free ones.
    parent: Vec<usize>,
}

fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

impl Presolved {
    fn new(sys: &System) -> Presolved {
        let mut fixed = vec![None; sys.vars];
        // Repeat: a fact whose free unknowns all have positive coefficients
        // and whose upper end is reached by the fixed ones fixes them at 0;
        // a fact with one free unknown and equal ends fixes it.
        loop {
            let mut changed = false;
            for f in &sys.facts {
                let mut rest = 0.0;
                let mut free: Vec<(usize, f64)> = Vec::new();
                for &(v, c) in &f.terms {
                    match fixed[v] {
                        Some(x) => rest += c * x,
                        None => free.push((v, c)),
                    }
                }
                if free.is_empty() {
                    continue;
                }
                if free.len() == 1 && (f.hi - f.lo).abs() < 1e-9 {
                    let (v, c) = free[0];
                    fixed[v] = Some((f.lo - rest) / c);
                    changed = true;
                } else if free.iter().all(|(_, c)| *c > 0.0) && (f.hi - rest).abs() < 1e-9 {
                    for (v, _) in free {
                        fixed[v] = Some(0.0);
                    }
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        let mut parent: Vec<usize> = (0..sys.vars).collect();
        for f in &sys.facts {
            let mut first = None;
            for &(v, _) in &f.terms {
                if fixed[v].is_some() {
                    continue;
                }
                match first {
                    None => first = Some(v),
                    Some(u) => {
                        let (a, b) = (find(&mut parent, u), find(&mut parent, v));
                        if a != b {
                            parent[a] = b;
                        }
                    }
                }
            }
        }
        Presolved { fixed, parent }
    }

    fn shortfall(&self, sys: &System, target: &[(usize, f64)], value: u64, k: u32) -> u64 {
        let top = u64::from(k.saturating_sub(1));
        let need_lo = value > 1;
        let need_hi = value < top;
        if !need_lo && !need_hi {
            return 0;
        }
        match self.bounds(sys, target, need_lo, need_hi) {
            Some((lo, hi)) => {
                lo.map_or(0, |l| l.saturating_sub(1))
                    + hi.map_or(0, |h| h.map_or(0, |h| top.saturating_sub(h)))
            }
            None => 0,
        }
    }

    fn range_of(&self, sys: &System, target: &[(usize, f64)]) -> Option<Range> {
        let (lo, hi) = self.bounds(sys, target, true, true)?;
        Some(Range {
            lo: lo.unwrap_or(0),
            hi: hi.flatten(),
        })
    }

    /// The whole-number bounds of `target` asked for (`None` where not
    /// asked; an inner `None` upper bound is unbounded); `None` overall when
    /// the facts contradict each other.
    #[allow(clippy::type_complexity)]
    fn bounds(
        &self,
        sys: &System,
        target: &[(usize, f64)],
        want_lo: bool,
        want_hi: bool,
    ) -> Option<(Option<u64>, Option<Option<u64>>)> {
        let mut parent = self.parent.clone();
        let mut constant = 0.0;
        let mut roots: Vec<usize> = Vec::new();
        let mut free_target: Terms = Vec::new();
        for &(v, c) in target {
            match self.fixed[v] {
                Some(x) => constant += c * x,
                None => {
                    roots.push(find(&mut parent, v));
                    free_target.push((v, c));
                }
            }
        }
        if free_target.is_empty() {
            let v = round_lo(constant);
            return Some((want_lo.then_some(v), want_hi.then_some(Some(v))));
        }
        roots.sort_unstable();
        roots.dedup();
        // The unknowns and facts of the target's part of the system.
        let mut index: Vec<Option<usize>> = vec![None; sys.vars];
        let mut members = 0usize;
        for (v, slot) in index.iter_mut().enumerate() {
            if self.fixed[v].is_none() && roots.binary_search(&find(&mut parent, v)).is_ok() {
                *slot = Some(members);
                members += 1;
            }
        }
        let solve = |direction: OptimizationDirection| -> Result<Option<f64>, ()> {
            let mut p = Problem::new(direction);
            let mut obj = vec![0.0; members];
            for &(v, c) in &free_target {
                if let Some(i) = index[v] {
                    obj[i] += c;
                }
            }
            let vars: Vec<microlp::Variable> = obj
                .iter()
                .map(|c| p.add_var(*c, (0.0, f64::INFINITY)))
                .collect();
            for f in &sys.facts {
                let mut rest = 0.0;
                let mut expr: Vec<(microlp::Variable, f64)> = Vec::new();
                for &(v, c) in &f.terms {
                    match (self.fixed[v], index[v]) {
                        (Some(x), _) => rest += c * x,
                        (None, Some(i)) => expr.push((vars[i], c)),
                        (None, None) => {}
                    }
                }
                if expr.is_empty() {
                    continue;
                }
                if (f.hi - f.lo).abs() < 1e-9 {
                    p.add_constraint(expr.as_slice(), ComparisonOp::Eq, f.lo - rest);
                } else {
                    if f.lo.is_finite() {
                        p.add_constraint(expr.as_slice(), ComparisonOp::Ge, f.lo - rest);
                    }
                    if f.hi.is_finite() {
                        p.add_constraint(expr.as_slice(), ComparisonOp::Le, f.hi - rest);
                    }
                }
            }
            match p.solve() {
                Ok(outcome) => match outcome.into_solution() {
                    Ok(s) => Ok(Some(s.objective())),
                    Err(_) => Err(()),
                },
                Err(microlp::Error::Unbounded) => Ok(None),
                Err(_) => Err(()),
            }
        };
        let lo = if want_lo {
            Some(
                solve(OptimizationDirection::Minimize)
                    .ok()?
                    .map_or(0, |x| round_lo(x + constant)),
            )
        } else {
            None
        };
        let hi = if want_hi {
            Some(
                solve(OptimizationDirection::Maximize)
                    .ok()?
                    .map(|x| round_hi(x + constant)),
            )
        } else {
            None
        };
        Some((lo, hi))
    }
}

/// The smallest whole number at or above `x` (allowing for round-off).
fn round_lo(x: f64) -> u64 {
    let v = (x - 1e-6).ceil();
    if v <= 0.0 { 0 } else { v as u64 }
}

/// The largest whole number at or below `x` (allowing for round-off).
fn round_hi(x: f64) -> u64 {
    let v = (x + 1e-6).floor();
    if v <= 0.0 { 0 } else { v as u64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 2×2 table with totals, as a reader sees it.
    fn table(cells: [[Option<(f64, f64)>; 3]; 3]) -> (System, Vec<Vec<usize>>) {
        let mut s = System::new();
        let v: Vec<Vec<usize>> = (0..3).map(|_| (0..3).map(|_| s.var()).collect()).collect();
        for i in 0..3 {
            s.equal(vec![(v[i][0], 1.0), (v[i][1], 1.0), (v[i][2], -1.0)], 0.0);
            s.equal(vec![(v[0][i], 1.0), (v[1][i], 1.0), (v[2][i], -1.0)], 0.0);
            for j in 0..3 {
                if let Some((lo, hi)) = cells[i][j] {
                    s.range(vec![(v[i][j], 1.0)], lo, hi);
                }
            }
        }
        (s, v)
    }

    #[test]
    fn a_lone_small_cell_beside_its_total_is_exact() {
        // <5 | 10 | =13: the small cell is 3.
        let x = None;
        let (s, v) = table([
            [Some((1.0, 4.0)), Some((10.0, 10.0)), Some((13.0, 13.0))],
            [x, x, x],
            [x, x, x],
        ]);
        let r = s.range_of(&[(v[0][0], 1.0)]).expect("feasible");
        assert_eq!(r, Range { lo: 3, hi: Some(3) });
        assert!(!r.protects(5));
    }

    #[test]
    fn bounds_on_small_cells_narrow_what_equations_leave_free() {
        // Row 0: <5 and x with a row total of 6; column 0 total 7; row 1
        // column 0 is <5. Cell (0,0) = 6 − x ≤ 4, and (1,0) = 7 − (0,0) ≤ 4
        // forces (0,0) ≥ 3: the range 3…4 is narrower than 1…4.
        let x = None;
        let (s, v) = table([
            [Some((1.0, 4.0)), x, Some((6.0, 6.0))],
            [Some((1.0, 4.0)), x, x],
            [Some((7.0, 7.0)), x, x],
        ]);
        let r = s.range_of(&[(v[0][0], 1.0)]).expect("feasible");
        assert_eq!(r, Range { lo: 3, hi: Some(4) });
        assert!(!r.protects(5));
        assert_eq!(r.display(), "3…4");
    }

    #[test]
    fn a_cell_with_room_both_ways_passes() {
        let x = None;
        let (s, v) = table([
            [Some((1.0, 4.0)), x, Some((30.0, 30.0))],
            [x, x, Some((40.0, 40.0))],
            [Some((12.0, 12.0)), Some((58.0, 58.0)), Some((70.0, 70.0))],
        ]);
        let r = s.range_of(&[(v[0][0], 1.0)]).expect("feasible");
        assert!(r.protects(5), "{r:?}");
        // A shown zero fixes everything under it.
        let mut s2 = System::new();
        let (a, b) = (s2.var(), s2.var());
        s2.equal(vec![(a, 1.0), (b, 1.0)], 0.0);
        assert_eq!(s2.range_of(&[(a, 1.0)]), Some(Range { lo: 0, hi: Some(0) }));
        // Nothing above: unbounded.
        let mut s3 = System::new();
        let c = s3.var();
        s3.range(vec![(c, 1.0)], 2.0, f64::INFINITY);
        assert_eq!(s3.range_of(&[(c, 1.0)]), Some(Range { lo: 2, hi: None }));
    }
}
