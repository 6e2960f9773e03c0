//! An adversary against the disclosure control of the residual-threat annex
//! (METHODOLOGY §6), written independently of the suppression code: it reads
//! only what an exported Markdown annex prints (and, for random tables, the
//! marks returned by the public `protect` function).
//!
//! The attack is the audit §6 describes. Every figure printed becomes a fact:
//! a shown count is a constant, a `<k` cell a real variable in [1, k−1], an
//! `x` cell a real variable in [0, ∞). Facts are linear constraints: row and
//! column sums of every table with totals; cross-table identities a careful
//! reader would use (matrix grand totals against the "by kind of harm" table,
//! trend tables summed by perpetrator type and by region agreeing, each
//! perpetrator type's and region's recent + previous events at most its total
//! in the matrix); the convex trend labels (`new`, `rising`, `falling`);
//! state-share bands `a–b%`; and totals printed in prose. For each `<k` cell
//! the linear programme (relaxation, solved with `microlp`) is minimised and
//! maximised; the bounds are rounded inward, and the cell passes only when
//! its range is still the whole 1…k−1. Trend labels, which are not convex
//! (`stable`), are also attacked by brute force over the small integer range
//! of each withheld count beside them.
//!
//! Documents: the Darfur worked example at several sharing levels and k, and a
//! data-only annex for each CSV/XLSX file under `../shared/data` that the CLI
//! accepts. Random tables: a few thousand tables through `protect`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use microlp::{ComparisonOp, OptimizationDirection, Problem};
use poc_workbench::annex::disclosure::{Mark, protect};

// ───────────────────────────── the linear programme ─────────────────────────────

#[derive(Clone, Copy, Debug, PartialEq)]
enum Term {
    Const(f64),
    Var(usize),
}

/// A linear expression: Σ coeff·var + constant.
#[derive(Clone, Debug, Default)]
struct Expr {
    terms: Vec<(usize, f64)>,
    constant: f64,
}

impl Expr {
    fn plus(mut self, t: Term, c: f64) -> Expr {
        match t {
            Term::Const(v) => self.constant += c * v,
            Term::Var(i) => self.terms.push((i, c)),
        }
        self
    }

    fn sum(terms: &[Term]) -> Expr {
        terms.iter().fold(Expr::default(), |e, &t| e.plus(t, 1.0))
    }

    fn minus(mut self, other: &Expr) -> Expr {
        self.terms.extend(other.terms.iter().map(|&(v, c)| (v, -c)));
        self.constant -= other.constant;
        self
    }
}

#[derive(Clone, Copy, Debug)]
enum Rel {
    Eq,
    Le,
    Ge,
}

/// A `<k` cell whose range is audited.
struct Audited {
    var: usize,
    k: u32,
    what: String,
}

/// Variables with bounds and constraints `Σ c·x (rel) rhs`, each with the
/// fact it comes from.
#[derive(Default)]
struct Model {
    bounds: Vec<(f64, f64)>,
    constraints: Vec<Constraint>,
    audited: Vec<Audited>,
    /// Constraints among printed constants alone that do not hold.
    contradictions: Vec<String>,
}

struct Constraint {
    terms: Vec<(usize, f64)>,
    rel: Rel,
    rhs: f64,
    why: String,
}

impl Model {
    fn var(&mut self, lo: f64, hi: f64) -> usize {
        self.bounds.push((lo, hi));
        self.bounds.len() - 1
    }

    /// Adds `e (rel) 0`.
    fn constrain(&mut self, e: Expr, rel: Rel, why: &str) {
        self.push(e.terms, rel, -e.constant, why);
    }

    /// Adds `Σ terms (rel) rhs`, merging repeated variables; a constraint
    /// left without variables is checked instead.
    fn push(&mut self, terms: Vec<(usize, f64)>, rel: Rel, rhs: f64, why: &str) {
        let mut merged: Vec<(usize, f64)> = Vec::new();
        for (v, c) in terms {
            match merged.iter_mut().find(|(w, _)| *w == v) {
                Some(m) => m.1 += c,
                None => merged.push((v, c)),
            }
        }
        merged.retain(|&(_, c)| c.abs() > 1e-12);
        if merged.is_empty() {
            let holds = match rel {
                Rel::Eq => rhs.abs() < 1e-9,
                Rel::Le => 0.0 <= rhs + 1e-9,
                Rel::Ge => 0.0 >= rhs - 1e-9,
            };
            if !holds {
                self.contradictions.push(why.to_string());
            }
            return;
        }
        self.constraints.push(Constraint {
            terms: merged,
            rel,
            rhs,
            why: why.to_string(),
        });
    }

    /// The optimum of `Σ w·x` (`objective`) over the relaxation with the
    /// constraints `keep` selects, and the values of all variables there.
    fn solve(
        &self,
        objective: &[(usize, f64)],
        dir: OptimizationDirection,
        keep: &[bool],
    ) -> Result<(f64, Vec<f64>), String> {
        let mut weights = vec![0.0; self.bounds.len()];
        for &(v, w) in objective {
            weights[v] += w;
        }
        let mut p = Problem::new(dir);
        let vars: Vec<microlp::Variable> = self
            .bounds
            .iter()
            .zip(&weights)
            .map(|(&(lo, hi), &w)| p.add_var(w, (lo, hi)))
            .collect();
        for (c, _) in self.constraints.iter().zip(keep).filter(|(_, k)| **k) {
            let t: Vec<(microlp::Variable, f64)> =
                c.terms.iter().map(|&(v, x)| (vars[v], x)).collect();
            let op = match c.rel {
                Rel::Eq => ComparisonOp::Eq,
                Rel::Le => ComparisonOp::Le,
                Rel::Ge => ComparisonOp::Ge,
            };
            p.add_constraint(t.as_slice(), op, c.rhs);
        }
        let outcome = p.solve().map_err(|e| format!("{e:?}"))?;
        let solution = outcome.into_solution().map_err(|e| format!("{e:?}"))?;
        let values = vars.iter().map(|&v| solution.var_value(v)).collect();
        Ok((solution.objective(), values))
    }

    /// A smallest set of facts that cannot all hold (a deletion filter), to
    /// say why the programme has no answer.
    fn conflict(&self) -> Vec<String> {
        let mut keep = vec![true; self.constraints.len()];
        let min = OptimizationDirection::Minimize;
        for i in 0..keep.len() {
            keep[i] = false;
            if self.solve(&[], min, &keep).is_ok() {
                keep[i] = true;
            }
        }
        let mut why: Vec<String> = self
            .constraints
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .map(|(c, _)| c.why.clone())
            .collect();
        why.dedup();
        why
    }

    /// The same feasible set, smaller: an equation in one variable fixes
    /// it, and `a = b` merges two variables. Returns the smaller model and,
    /// for each variable of this one, its variable there or its fixed value.
    fn reduced(&self) -> (Model, Vec<Result<usize, f64>>) {
        fn find(parent: &mut [usize], mut v: usize) -> usize {
            while parent[v] != v {
                parent[v] = parent[parent[v]];
                v = parent[v];
            }
            v
        }
        let n = self.bounds.len();
        let mut parent: Vec<usize> = (0..n).collect();
        let mut bounds = self.bounds.clone();
        let mut fixed: Vec<Option<f64>> = vec![None; n];
        let mut live = vec![true; self.constraints.len()];
        let mut out = Model {
            contradictions: self.contradictions.clone(),
            ..Model::default()
        };
        // The equation's variables (representatives, not fixed) and rhs.
        let normal = |c: &Constraint, parent: &mut [usize], fixed: &[Option<f64>]| {
            let mut rhs = c.rhs;
            let mut terms: Vec<(usize, f64)> = Vec::new();
            for &(v, x) in &c.terms {
                let r = find(parent, v);
                match fixed[r] {
                    Some(val) => rhs -= x * val,
                    None => match terms.iter_mut().find(|(w, _)| *w == r) {
                        Some(t) => t.1 += x,
                        None => terms.push((r, x)),
                    },
                }
            }
            terms.retain(|&(_, x)| x.abs() > 1e-12);
            (terms, rhs)
        };
        let mut changed = true;
        while changed {
            changed = false;
            for (c, alive) in self.constraints.iter().zip(live.iter_mut()) {
                if !*alive || !matches!(c.rel, Rel::Eq) {
                    continue;
                }
                let (terms, rhs) = normal(c, &mut parent, &fixed);
                match terms.as_slice() {
                    [] => {
                        if rhs.abs() > 1e-9 {
                            out.contradictions.push(c.why.clone());
                        }
                        *alive = false;
                        changed = true;
                    }
                    &[(v, x)] => {
                        let val = rhs / x;
                        let (lo, hi) = bounds[v];
                        if val >= lo - 1e-9 && val <= hi + 1e-9 {
                            fixed[v] = Some(val);
                            *alive = false;
                            changed = true;
                        }
                    }
                    &[(a, x), (b, y)] if (x + y).abs() < 1e-12 && rhs.abs() < 1e-12 => {
                        let lo = bounds[a].0.max(bounds[b].0);
                        let hi = bounds[a].1.min(bounds[b].1);
                        if lo <= hi + 1e-9 {
                            parent[b] = a;
                            bounds[a] = (lo, hi);
                            *alive = false;
                            changed = true;
                        }
                    }
                    _ => {}
                }
            }
        }
        let mut index: Vec<Option<usize>> = vec![None; n];
        let mut map = Vec::with_capacity(n);
        for v in 0..n {
            let r = find(&mut parent, v);
            map.push(match fixed[r] {
                Some(val) => Err(val),
                None => Ok(*index[r].get_or_insert_with(|| out.var(bounds[r].0, bounds[r].1))),
            });
        }
        for (c, alive) in self.constraints.iter().zip(&live) {
            if *alive {
                let (terms, rhs) = normal(c, &mut parent, &fixed);
                let terms = terms
                    .into_iter()
                    .map(|(r, x)| (index[r].expect("a live variable has an index"), x))
                    .collect();
                out.push(terms, c.rel, rhs, &c.why);
            }
        }
        (out, map)
    }

    /// The model split into independent parts: for each variable its part
    /// and its index there.
    fn split(&self) -> (Vec<Model>, Vec<(usize, usize)>) {
        let n = self.bounds.len();
        let mut parent: Vec<usize> = (0..n).collect();
        fn root(parent: &mut [usize], mut v: usize) -> usize {
            while parent[v] != v {
                parent[v] = parent[parent[v]];
                v = parent[v];
            }
            v
        }
        for c in &self.constraints {
            let a = root(&mut parent, c.terms[0].0);
            for &(v, _) in &c.terms[1..] {
                let b = root(&mut parent, v);
                parent[b] = a;
            }
        }
        let mut part_of_root: HashMap<usize, usize> = HashMap::new();
        let mut parts: Vec<Model> = Vec::new();
        let mut place = Vec::with_capacity(n);
        for v in 0..n {
            let r = root(&mut parent, v);
            let p = *part_of_root.entry(r).or_insert_with(|| {
                parts.push(Model::default());
                parts.len() - 1
            });
            let local = parts[p].var(self.bounds[v].0, self.bounds[v].1);
            place.push((p, local));
        }
        for c in &self.constraints {
            let p = place[c.terms[0].0].0;
            let terms = c.terms.iter().map(|&(v, x)| (place[v].1, x)).collect();
            parts[p].push(terms, c.rel, c.rhs, &c.why);
        }
        (parts, place)
    }

    /// The [low, high] range over the relaxation of each target (variable,
    /// k − 1), exact where it is not the whole 1…k−1.
    ///
    /// A target passes a side as soon as some feasible point puts it at 1
    /// (or k − 1), so the points found on the way, and solves of all targets
    /// not yet passed together, spare most programmes; a target not passed
    /// that way is minimised (maximised) alone, which gives its exact bound.
    fn ranges(&self, targets: &[(usize, f64)]) -> Result<Vec<[f64; 2]>, String> {
        let all = vec![true; self.constraints.len()];
        let mut range: Vec<[Option<f64>; 2]> = vec![[None, None]; targets.len()];
        let learn = |values: &[f64], range: &mut Vec<[Option<f64>; 2]>| {
            for (&(v, top), r) in targets.iter().zip(range.iter_mut()) {
                if r[0].is_none() && values[v] <= 1.0 + 1e-6 {
                    r[0] = Some(1.0);
                }
                if r[1].is_none() && values[v] >= top - 1e-6 {
                    r[1] = Some(top);
                }
            }
        };
        let (min, max) = (
            OptimizationDirection::Minimize,
            OptimizationDirection::Maximize,
        );
        // All targets not yet passed on a side together, while that passes more.
        for (side, dir) in [(0, min), (1, max)] {
            loop {
                let open: Vec<(usize, f64)> = targets
                    .iter()
                    .zip(&range)
                    .filter(|(_, r)| r[side].is_none())
                    .map(|(&(v, top), _)| (v, if side == 0 { 1.0 } else { 1.0 / top }))
                    .collect();
                if open.is_empty() {
                    break;
                }
                let before = range.iter().filter(|r| r[side].is_some()).count();
                let (_, values) = self.solve(&open, dir, &all)?;
                learn(&values, &mut range);
                if range.iter().filter(|r| r[side].is_some()).count() == before {
                    break;
                }
            }
        }
        for (i, &(v, _)) in targets.iter().enumerate() {
            for (side, dir) in [(0, min), (1, max)] {
                if range[i][side].is_none() {
                    let (bound, values) = self.solve(&[(v, 1.0)], dir, &all)?;
                    range[i][side] = Some(bound);
                    learn(&values, &mut range);
                }
            }
        }
        Ok(range
            .into_iter()
            .map(|[lo, hi]| [lo.unwrap_or(f64::NAN), hi.unwrap_or(f64::NAN)])
            .collect())
    }

    /// Attacks every `<k` cell: pushes a message per cell whose range is
    /// not the whole 1…k−1. Returns how many cells were attacked.
    fn audit(&self, doc: &str, failures: &mut Vec<String>) -> usize {
        let (reduced, map) = self.reduced();
        for c in &reduced.contradictions {
            failures.push(format!("{doc}: printed figures contradict: {c}"));
        }
        let (parts, place) = reduced.split();
        let mut range: Vec<Option<[f64; 2]>> = vec![None; self.audited.len()];
        let mut targets: Vec<Vec<(usize, usize, f64)>> = vec![Vec::new(); parts.len()];
        for (i, a) in self.audited.iter().enumerate() {
            match map[a.var] {
                Err(val) => range[i] = Some([val, val]),
                Ok(v) => targets[place[v].0].push((i, place[v].1, f64::from(a.k - 1))),
            }
        }
        for (part, wanted) in parts.iter().zip(&targets) {
            if wanted.is_empty() {
                continue;
            }
            let t: Vec<(usize, f64)> = wanted.iter().map(|&(_, v, top)| (v, top)).collect();
            match part.ranges(&t) {
                Ok(found) => {
                    for (&(i, _, _), r) in wanted.iter().zip(found) {
                        range[i] = Some(r);
                    }
                }
                Err(e) => failures.push(format!(
                    "{doc}: the linear programme has no answer ({e}): these printed facts \
                     contradict each other (or the model misreads them): {}",
                    part.conflict().join("; ")
                )),
            }
        }
        let mut attacked = 0;
        for (a, r) in self.audited.iter().zip(&range) {
            let Some([lo, hi]) = *r else { continue };
            attacked += 1;
            let lo = (lo - 1e-6).ceil();
            let hi = (hi + 1e-6).floor();
            let top = f64::from(a.k - 1);
            if !(lo <= 1.0 && hi >= top) {
                failures.push(format!(
                    "{doc}: {}: <{} can only be {lo}..={hi} (must stay 1..={top})",
                    a.what, a.k
                ));
            }
        }
        attacked
    }
}

// ───────────────────────────── the Markdown annex ─────────────────────────────

#[derive(Clone, Debug, PartialEq)]
enum Cell {
    Empty,
    Num(u64),
    Small(u32),
    Hidden,
    Band(f64, f64),
    Text,
}

fn strip_bold(s: &str) -> &str {
    let mut s = s.trim();
    while s.len() >= 4 && s.starts_with("**") && s.ends_with("**") {
        s = s[2..s.len() - 2].trim();
    }
    s
}

fn parse_count(s: &str) -> Option<u64> {
    if s.is_empty()
        || s.starts_with(',')
        || s.ends_with(',')
        || !s.chars().all(|c| c.is_ascii_digit() || c == ',')
    {
        return None;
    }
    s.replace(',', "").parse().ok()
}

fn parse_band(s: &str) -> Option<(f64, f64)> {
    let s = s.strip_suffix('%')?;
    let (a, b) = s.split_once('–').or_else(|| s.split_once('-'))?;
    let a: f64 = a.trim().trim_end_matches('%').parse().ok()?;
    let b: f64 = b.trim().parse().ok()?;
    (a <= b).then_some((a, b))
}

fn parse_cell(raw: &str) -> Cell {
    let s = strip_bold(raw);
    if s.is_empty() || s == "—" || s == "–" || s == "-" {
        return Cell::Empty;
    }
    if s.eq_ignore_ascii_case("x") {
        return Cell::Hidden;
    }
    if let Some(k) = s
        .strip_prefix('<')
        .and_then(|r| r.trim().parse::<u32>().ok())
        && k >= 2
    {
        return Cell::Small(k);
    }
    if let Some(v) = parse_count(s) {
        return Cell::Num(v);
    }
    if let Some((a, b)) = parse_band(s) {
        return Cell::Band(a, b);
    }
    Cell::Text
}

struct Table {
    /// "Table 3: Civilian-harm events by …", for messages.
    title: String,
    /// The caption alone, lower case, for finding tables.
    caption: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    fn cell(&self, r: usize, c: usize) -> Cell {
        self.rows
            .get(r)
            .and_then(|row| row.get(c))
            .map_or(Cell::Empty, |s| parse_cell(s))
    }

    fn label(&self, r: usize) -> String {
        self.rows
            .get(r)
            .and_then(|row| row.first())
            .map_or(String::new(), |s| strip_bold(s).to_string())
    }

    fn head(&self, c: usize) -> String {
        self.header
            .get(c)
            .map_or(String::new(), |s| strip_bold(s).to_string())
    }

    /// The first column whose lower-case header satisfies `pred`.
    fn col(&self, pred: impl Fn(&str) -> bool) -> Option<usize> {
        (1..self.header.len()).find(|&c| pred(&self.head(c).to_lowercase()))
    }

    fn describe(&self, r: usize, c: usize) -> String {
        format!(
            "{} | row \"{}\" | column \"{}\"",
            self.title,
            self.label(r),
            self.head(c)
        )
    }

    fn has_withheld(&self) -> bool {
        (0..self.rows.len()).any(|r| {
            (1..self.header.len()).any(|c| matches!(self.cell(r, c), Cell::Small(_) | Cell::Hidden))
        })
    }

    /// Columns of counts: every cell a count, `<k`, `x` or nothing, and not
    /// all nothing.
    fn count_cols(&self) -> Vec<usize> {
        (1..self.header.len())
            .filter(|&c| {
                let cells: Vec<Cell> = (0..self.rows.len()).map(|r| self.cell(r, c)).collect();
                cells.iter().all(|x| {
                    matches!(
                        x,
                        Cell::Empty | Cell::Num(_) | Cell::Small(_) | Cell::Hidden
                    )
                }) && cells.iter().any(|x| *x != Cell::Empty)
            })
            .collect()
    }

    fn total_row(&self) -> Option<usize> {
        let last = self.rows.len().checked_sub(1)?;
        let l = self.label(last).to_lowercase();
        (last >= 1 && (l == "total" || l == "all regions")).then_some(last)
    }

    fn total_col(&self) -> Option<usize> {
        let last = self.header.len().checked_sub(1)?;
        (last >= 2 && self.head(last).eq_ignore_ascii_case("total")).then_some(last)
    }

    /// The data rows (not the total row).
    fn body_rows(&self) -> std::ops::Range<usize> {
        0..self.total_row().unwrap_or(self.rows.len())
    }

    /// The body row whose label names the same thing as `label`.
    fn row_named(&self, label: &str) -> Option<usize> {
        let labels: Vec<(usize, String)> = self.body_rows().map(|r| (r, self.label(r))).collect();
        named(&labels, label)
    }

    /// The column whose header names the same thing as `label`.
    fn col_named(&self, label: &str) -> Option<usize> {
        let heads: Vec<(usize, String)> =
            (1..self.header.len()).map(|c| (c, self.head(c))).collect();
        named(&heads, label)
    }
}

/// The entry naming the same region or perpetrator type as `label`: equal
/// ignoring case, else the only one equal once parenthesised notes are
/// dropped ("Not attributable (crossfire)" and "Not attributable").
fn named(entries: &[(usize, String)], label: &str) -> Option<usize> {
    let l = label.trim().to_lowercase();
    if let Some((i, _)) = entries.iter().find(|(_, e)| e.trim().to_lowercase() == l) {
        return Some(*i);
    }
    let loose: Vec<usize> = entries
        .iter()
        .filter(|(_, e)| same_name(e, label))
        .map(|(i, _)| *i)
        .collect();
    (loose.len() == 1).then(|| loose[0])
}

/// Labels equal ignoring case, or once parenthesised notes are dropped.
fn same_name(a: &str, b: &str) -> bool {
    fn short(s: &str) -> String {
        let mut out = String::new();
        let mut depth = 0;
        for ch in s.chars() {
            match ch {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ if depth == 0 => out.push(ch),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }
    let (a, b) = (a.trim().to_lowercase(), b.trim().to_lowercase());
    a == b || {
        let (sa, sb) = (short(&a), short(&b));
        !sa.is_empty() && sa == sb
    }
}

struct Doc {
    tables: Vec<Table>,
    prose: Vec<String>,
}

fn split_row(line: &str) -> Vec<String> {
    let l = line.trim().replace("\\|", "\u{1}");
    let l = l.strip_prefix('|').unwrap_or(&l);
    let l = l.strip_suffix('|').unwrap_or(l);
    l.split('|')
        .map(|s| s.replace('\u{1}', "|").trim().to_string())
        .collect()
}

fn parse_doc(md: &str) -> Doc {
    let lines: Vec<&str> = md.lines().collect();
    let mut tables = Vec::new();
    let mut prose = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let l = lines[i].trim();
        let caption = l
            .strip_prefix("**Table ")
            .and_then(|rest| rest.split_once("**"))
            .map(|(inner, _)| format!("Table {inner}"));
        if let Some(title) = caption {
            let mut j = i + 1;
            while j < lines.len() && lines[j].trim().is_empty() {
                j += 1;
            }
            let mut block = Vec::new();
            while j < lines.len() && lines[j].trim_start().starts_with('|') {
                block.push(lines[j]);
                j += 1;
            }
            let separator = |s: &str| s.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
            if block.len() >= 2 && separator(block[1]) {
                let caption = title
                    .split_once(':')
                    .map_or(title.as_str(), |(_, c)| c)
                    .trim()
                    .to_lowercase();
                tables.push(Table {
                    title: title.clone(),
                    caption,
                    header: split_row(block[0]),
                    rows: block[2..].iter().map(|r| split_row(r)).collect(),
                });
            }
            i = j.max(i + 1);
            continue;
        }
        if !l.starts_with('|') && !l.is_empty() {
            prose.push(l.replace('*', ""));
        }
        i += 1;
    }
    Doc { tables, prose }
}

// ───────────────────────────── trend labels (§4) ─────────────────────────────

#[derive(Clone, Copy, Debug, PartialEq)]
enum Trend {
    New,
    Rising,
    Falling,
    Stable,
}

fn trend_of(r: i64, p: i64) -> Trend {
    if p == 0 && r >= 3 {
        Trend::New
    } else if 4 * r >= 5 * p && r - p >= 3 {
        Trend::Rising
    } else if 4 * r <= 3 * p && p - r >= 3 {
        Trend::Falling
    } else {
        Trend::Stable
    }
}

fn parse_trend(s: &str) -> Option<Trend> {
    let s = s.to_lowercase();
    if s.contains("no data") {
        None
    } else if s.contains("rising") {
        Some(Trend::Rising)
    } else if s.contains("falling") {
        Some(Trend::Falling)
    } else if s.contains("new") {
        Some(Trend::New)
    } else if s.contains("stable") {
        Some(Trend::Stable)
    } else {
        None
    }
}

/// The whole-number values a printed count can take, for the brute force.
fn int_range(c: &Cell) -> Option<(i64, i64)> {
    match c {
        Cell::Num(v) => Some((*v as i64, *v as i64)),
        Cell::Empty => Some((0, 0)),
        Cell::Small(k) => Some((1, i64::from(*k) - 1)),
        Cell::Hidden => Some((0, 1000)),
        _ => None,
    }
}

// ───────────────────────────── one document, one LP ─────────────────────────────

#[derive(Default)]
struct Stats {
    documents: usize,
    tables: usize,
    cells: usize,
}

/// Whether a table is a trend table (recent and previous columns).
fn is_trends(t: &Table) -> bool {
    t.col(|h| h.starts_with("recent") && !h.contains("fatalit"))
        .is_some()
        && t.col(|h| h.starts_with("previous")).is_some()
}

/// A trend table's columns: recent events, previous events, recent
/// fatalities.
fn trend_cols(t: &Table) -> [Option<usize>; 3] {
    [
        t.col(|h| h.starts_with("recent") && !h.contains("fatalit")),
        t.col(|h| h.starts_with("previous") && !h.contains("fatalit")),
        t.col(|h| h.contains("recent") && h.contains("fatalit")),
    ]
}

struct DocModel<'a> {
    doc: &'a Doc,
    model: Model,
    terms: HashMap<(usize, usize, usize), Option<Term>>,
    failures: Vec<String>,
}

impl DocModel<'_> {
    /// The LP term of a printed cell (created once per cell).
    fn term(&mut self, t: usize, r: usize, c: usize) -> Option<Term> {
        if let Some(x) = self.terms.get(&(t, r, c)) {
            return *x;
        }
        let doc = self.doc;
        let table = &doc.tables[t];
        let x = match table.cell(r, c) {
            Cell::Num(v) => Some(Term::Const(v as f64)),
            Cell::Empty => Some(Term::Const(0.0)),
            Cell::Small(k) => {
                let v = self.model.var(1.0, f64::from(k - 1));
                self.model.audited.push(Audited {
                    var: v,
                    k,
                    what: table.describe(r, c),
                });
                Some(Term::Var(v))
            }
            Cell::Hidden => Some(Term::Var(self.model.var(0.0, f64::INFINITY))),
            Cell::Band(..) | Cell::Text => None,
        };
        self.terms.insert((t, r, c), x);
        x
    }

    /// Σ of the cells, or None if one is not a count.
    fn sum(&mut self, cells: &[(usize, usize, usize)]) -> Option<Expr> {
        let mut terms = Vec::new();
        for &(t, r, c) in cells {
            terms.push(self.term(t, r, c)?);
        }
        Some(Expr::sum(&terms))
    }

    fn find(&self, pred: impl Fn(&Table) -> bool) -> Option<usize> {
        self.doc.tables.iter().position(pred)
    }

    /// (a) Row and column sums of a table with totals.
    fn sums(&mut self, t: usize) -> bool {
        let doc = self.doc;
        let table = &doc.tables[t];
        let (total_row, total_col) = (table.total_row(), table.total_col());
        if (total_row.is_none() && total_col.is_none()) || !table.has_withheld() {
            return false;
        }
        let counts = table.count_cols();
        if counts.is_empty() {
            return false;
        }
        let total_col = total_col.filter(|c| counts.contains(c));
        let inner: Vec<usize> = counts
            .iter()
            .copied()
            .filter(|&c| Some(c) != total_col)
            .collect();
        let n_rows = table.rows.len();
        let body: Vec<usize> = table.body_rows().collect();
        let title = table.title.clone();
        if let Some(tc) = total_col {
            for r in 0..n_rows {
                let cells: Vec<_> = inner.iter().map(|&c| (t, r, c)).collect();
                if let (Some(e), Some(total)) = (self.sum(&cells), self.term(t, r, tc)) {
                    let why = format!("{title}: row \"{}\" adds up to its total", table.label(r));
                    self.model.constrain(e.plus(total, -1.0), Rel::Eq, &why);
                }
            }
        }
        if let Some(tr) = total_row {
            for &c in &counts {
                let cells: Vec<_> = body.iter().map(|&r| (t, r, c)).collect();
                if let (Some(e), Some(total)) = (self.sum(&cells), self.term(t, tr, c)) {
                    let why = format!("{title}: column \"{}\" adds up to its total", table.head(c));
                    self.model.constrain(e.plus(total, -1.0), Rel::Eq, &why);
                }
            }
        }
        true
    }

    /// The total cell of a matrix: its row `r` (None: the total row) in the
    /// Total column, or its column `c` in the total row.
    fn total_of(&mut self, t: usize, r: Option<usize>, c: Option<usize>) -> Option<Term> {
        let doc = self.doc;
        let table = &doc.tables[t];
        let r = match r {
            Some(r) => r,
            None => table.total_row()?,
        };
        let c = match c {
            Some(c) => c,
            None => table.total_col()?,
        };
        self.term(t, r, c)
    }

    fn equal(&mut self, a: Option<Term>, b: Option<Term>, why: &str) {
        if let (Some(a), Some(b)) = (a, b) {
            let e = Expr::default().plus(a, 1.0).plus(b, -1.0);
            self.model.constrain(e, Rel::Eq, why);
        }
    }

    fn at_most(&mut self, small: Expr, big: Option<Term>, why: &str) {
        if let Some(b) = big {
            self.model.constrain(small.plus(b, -1.0), Rel::Le, why);
        }
    }

    /// (b) Cross-table facts, (c) trend labels, (d) share bands, (e) prose.
    fn cross_tables(&mut self) {
        let events = self.find(|t| {
            t.caption
                .contains("civilian-harm events by region and perpetrator type")
        });
        let fatal = self.find(|t| {
            t.caption
                .contains("civilian fatalities by region and perpetrator type")
        });
        let kinds = self.find(|t| t.caption.contains("by kind of harm"));
        self.kind_totals(events, fatal, kinds);
        self.trend_tables(events, fatal);
        self.share_bands(events, fatal);
        self.prose_totals(events, fatal);
    }

    /// Matrix grand totals against the "by kind of harm" totals.
    fn kind_totals(&mut self, events: Option<usize>, fatal: Option<usize>, kinds: Option<usize>) {
        let doc = self.doc;
        if let Some(k) = kinds {
            let kt = &doc.tables[k];
            let ev_col = kt.col(|h| h.starts_with("events"));
            let fa_col = kt.col(|h| h.contains("fatalit"));
            if let Some(e) = events {
                let a = self.total_of(e, None, None);
                let b = ev_col.and_then(|c| self.total_of(k, None, Some(c)));
                self.equal(a, b, "events matrix total = events by kind of harm total");
            }
            if let Some(f) = fatal {
                let a = self.total_of(f, None, None);
                let b = fa_col.and_then(|c| self.total_of(k, None, Some(c)));
                self.equal(
                    a,
                    b,
                    "fatality matrix total = fatalities by kind of harm total",
                );
            }
        }
    }

    /// Trend tables: by type and by region add up alike; each row bounded
    /// by the matrices and fitting its trend label.
    fn trend_tables(&mut self, events: Option<usize>, fatal: Option<usize>) {
        let doc = self.doc;
        let by_type = self.find(|t| is_trends(t) && t.caption.contains("by perpetrator type"));
        let by_region = self.find(|t| is_trends(t) && t.caption.contains("by region"));
        let long_period = period_covers_a_year(doc);
        if let (Some(a), Some(b)) = (by_type, by_region) {
            let (ca, cb) = (trend_cols(&doc.tables[a]), trend_cols(&doc.tables[b]));
            for (x, y) in ca.into_iter().zip(cb) {
                if let (Some(x), Some(y)) = (x, y) {
                    let ra: Vec<_> = doc.tables[a].body_rows().map(|r| (a, r, x)).collect();
                    let rb: Vec<_> = doc.tables[b].body_rows().map(|r| (b, r, y)).collect();
                    if let (Some(sa), Some(sb)) = (self.sum(&ra), self.sum(&rb)) {
                        let why = format!(
                            "\"{}\" summed by perpetrator type = summed by region",
                            doc.tables[a].head(x)
                        );
                        self.model.constrain(sa.minus(&sb), Rel::Eq, &why);
                    }
                }
            }
        }
        for (trends, by_region) in [(by_type, false), (by_region, true)] {
            let Some(t) = trends else { continue };
            self.trend_table(t, by_region, events, fatal, long_period);
        }
    }

    /// One trend table's rows: a listed region has events, the windows are
    /// bounded by the matrix totals, and each row fits its trend label.
    fn trend_table(
        &mut self,
        t: usize,
        by_region: bool,
        events: Option<usize>,
        fatal: Option<usize>,
        long_period: bool,
    ) {
        let doc = self.doc;
        let table = &doc.tables[t];
        let [rc, pc, fc] = trend_cols(table);
        let (Some(rc), Some(pc)) = (rc, pc) else {
            return;
        };
        let lists_active = table.caption.contains("last 12 months");
        for row in table.body_rows() {
            let label = table.label(row);
            let (Some(r), Some(p)) = (self.term(t, row, rc), self.term(t, row, pc)) else {
                continue;
            };
            let both = Expr::default().plus(r, 1.0).plus(p, 1.0);
            if by_region && lists_active {
                let why = format!("{}: \"{label}\" is listed, so has events", table.title);
                self.model
                    .constrain(both.clone().plus(Term::Const(1.0), -1.0), Rel::Ge, &why);
            }
            if long_period {
                // The matrix total bounds the two six-month windows.
                for (m, what) in [(events, "events"), (fatal, "fatalities")] {
                    let Some(m) = m else { continue };
                    let mt = &doc.tables[m];
                    let small = if what == "events" {
                        both.clone()
                    } else {
                        match fc.and_then(|c| self.term(t, row, c)) {
                            Some(f) => Expr::default().plus(f, 1.0),
                            None => continue,
                        }
                    };
                    let big = if by_region {
                        mt.row_named(&label)
                            .and_then(|mr| self.total_of(m, Some(mr), None))
                    } else {
                        mt.col_named(&label)
                            .and_then(|mc| self.total_of(m, None, Some(mc)))
                    };
                    let why = format!(
                        "{}: \"{label}\" has no more recent {what} than in the whole period",
                        table.title
                    );
                    self.at_most(small, big, &why);
                }
            }
            self.trend_label(t, row, (r, p), (rc, pc));
        }
    }

    /// (c) A row's trend label: the convex labels as constraints, and
    /// every label by brute force over the printed ranges.
    fn trend_label(
        &mut self,
        t: usize,
        row: usize,
        (r, p): (Term, Term),
        (rc, pc): (usize, usize),
    ) {
        let doc = self.doc;
        let table = &doc.tables[t];
        let label = table.label(row);
        // (c) The convex trend labels as constraints.
        let tc = table.col(|h| h == "trend");
        let Some(trend) = tc.and_then(|c| {
            table
                .rows
                .get(row)
                .and_then(|cells| cells.get(c))
                .and_then(|s| parse_trend(s))
        }) else {
            return;
        };
        let why = format!("{}: \"{label}\" fits its trend label", table.title);
        let rp = |cr: f64, cp: f64, k: f64| {
            Expr::default()
                .plus(r, cr)
                .plus(p, cp)
                .plus(Term::Const(k), 1.0)
        };
        match trend {
            Trend::New => {
                self.model.constrain(rp(0.0, 1.0, 0.0), Rel::Eq, &why);
                self.model.constrain(rp(1.0, 0.0, -3.0), Rel::Ge, &why);
            }
            Trend::Rising => {
                self.model.constrain(rp(4.0, -5.0, 0.0), Rel::Ge, &why);
                self.model.constrain(rp(1.0, -1.0, -3.0), Rel::Ge, &why);
                self.model.constrain(rp(0.0, 1.0, -1.0), Rel::Ge, &why);
            }
            Trend::Falling => {
                self.model.constrain(rp(4.0, -3.0, 0.0), Rel::Le, &why);
                self.model.constrain(rp(-1.0, 1.0, -3.0), Rel::Ge, &why);
            }
            Trend::Stable => {}
        }
        // ... and by brute force, for `stable` too.
        let (cr, cp) = (table.cell(row, rc), table.cell(row, pc));
        let (Some(rr), Some(pr)) = (int_range(&cr), int_range(&cp)) else {
            return;
        };
        for (mine, other, col, recent) in [(&cr, pr, rc, true), (&cp, rr, pc, false)] {
            let Cell::Small(k) = mine else { continue };
            let allowed: Vec<i64> = (1..i64::from(*k))
                .filter(|&v| {
                    (other.0..=other.1).any(|w| {
                        let (r, p) = if recent { (v, w) } else { (w, v) };
                        trend_of(r, p) == trend
                    })
                })
                .collect();
            if allowed.len() as i64 != i64::from(*k) - 1 {
                self.failures.push(format!(
                    "{}: the trend label {:?} leaves <{k} only {:?} (must stay 1..={})",
                    table.describe(row, col),
                    table.rows[row]
                        .get(tc.unwrap_or(0))
                        .map_or("", |s| s.as_str()),
                    allowed,
                    k - 1
                ));
            }
        }
    }

    /// (d) State-share bands, per region and in prose for all regions.
    fn share_bands(&mut self, events: Option<usize>, fatal: Option<usize>) {
        let doc = self.doc;
        let shares = self
            .find(|t| t.caption.contains("share") && t.caption.contains("state security forces"));
        if let Some(s) = shares {
            let st = &doc.tables[s];
            for (m, col) in [
                (events, st.col(|h| h.contains("event"))),
                (fatal, st.col(|h| h.contains("fatalit"))),
            ] {
                let (Some(m), Some(col)) = (m, col) else {
                    continue;
                };
                for row in 0..st.rows.len() {
                    let Cell::Band(a, b) = st.cell(row, col) else {
                        continue;
                    };
                    let label = st.label(row);
                    let l = label.to_lowercase();
                    let mrow = if l == "all regions" || l == "total" {
                        doc.tables[m].total_row()
                    } else {
                        doc.tables[m].row_named(&label)
                    };
                    let why = format!("{}: band {a}–{b}%", st.describe(row, col));
                    if let Some(mrow) = mrow {
                        self.band(m, mrow, a, b, &why);
                    }
                }
            }
        }
        let mut prose_bands = Vec::new();
        for line in &doc.prose {
            for clause in clauses(line) {
                let lc = clause.to_lowercase();
                if !lc.contains("state security forces") || !lc.contains("attributed") {
                    continue;
                }
                for word in clause.split_whitespace() {
                    let w = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '%');
                    if let Some((a, b)) = parse_band(w) {
                        let m = if lc.contains("fatalities attributed") {
                            fatal
                        } else {
                            events
                        };
                        prose_bands.push((m, a, b, clause.to_string()));
                    }
                }
            }
        }
        for (m, a, b, clause) in prose_bands {
            if let Some(m) = m
                && let Some(tr) = doc.tables[m].total_row()
            {
                self.band(m, tr, a, b, &format!("prose \"{clause}\""));
            }
        }
    }

    /// (e) Totals printed in prose.
    fn prose_totals(&mut self, events: Option<usize>, fatal: Option<usize>) {
        let doc = self.doc;
        let mut printed = Vec::new();
        let stated = period(doc);
        for line in doc.prose.iter().filter(|l| spans_period(l, stated)) {
            for clause in clauses(line) {
                printed.extend(whole_period_totals(clause));
            }
        }
        for (n, fatalities, clause) in printed {
            let Some(m) = (if fatalities { fatal } else { events }) else {
                continue;
            };
            let mt = &doc.tables[m];
            let (Some(tr), Some(tc)) = (mt.total_row(), mt.total_col()) else {
                continue;
            };
            match mt.cell(tr, tc) {
                Cell::Num(v) if v == n => {}
                Cell::Num(v) => self.failures.push(format!(
                    "prose \"{clause}\" prints {n}, but {} prints the total as {v}",
                    mt.title
                )),
                Cell::Small(_) | Cell::Hidden => {
                    self.failures.push(format!(
                        "prose prints a withheld total: \"{clause}\" prints {n} where {} withholds it",
                        mt.describe(tr, tc)
                    ));
                    let total = self.term(m, tr, tc);
                    self.equal(total, Some(Term::Const(n as f64)), "prose total");
                }
                _ => {}
            }
        }
    }

    /// a·attributed ≤ 100·state ≤ b·attributed for one row of a matrix.
    fn band(&mut self, m: usize, row: usize, a: f64, b: f64, why: &str) {
        let doc = self.doc;
        let mt = &doc.tables[m];
        let state = mt.col(|h| h.starts_with("state security forces"));
        let unident = mt.col(|h| h.starts_with("unidentified"));
        let unattr = mt.col(|h| h.starts_with("not attributable"));
        let Some(total) = self.total_of(m, Some(row), None) else {
            return;
        };
        let state = match state {
            Some(c) => match self.term(m, row, c) {
                Some(t) => t,
                None => return,
            },
            None => Term::Const(0.0),
        };
        let mut attributed = Expr::default().plus(total, 1.0);
        for c in [unident, unattr].into_iter().flatten() {
            match self.term(m, row, c) {
                Some(t) => attributed = attributed.plus(t, -1.0),
                None => return,
            }
        }
        let mut lo = Expr::default().plus(state, -100.0);
        let mut hi = Expr::default().plus(state, 100.0);
        for &(v, c) in &attributed.terms {
            lo.terms.push((v, a * c));
            hi.terms.push((v, -b * c));
        }
        lo.constant += a * attributed.constant;
        hi.constant -= b * attributed.constant;
        self.model.constrain(lo, Rel::Le, why);
        self.model.constrain(hi, Rel::Le, why);
    }
}

/// Sentences and `;`-clauses of a prose line.
fn clauses(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let end =
            b == b';' || (b == b'.' && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()));
        if end {
            out.push(line[start..i].trim());
            start = i + 1;
        }
    }
    out.push(line[start..].trim());
    out.retain(|c| !c.is_empty());
    out
}

/// Numbers a clause prints as the whole period's civilian-harm events
/// (false) or civilian fatalities (true): "the sources record N
/// civilian-harm events and M civilian fatalities", "N civilian-harm events
/// in all", "… of N civilian-harm events". Clauses about a window or a subset
/// are left out.
fn whole_period_totals(clause: &str) -> Vec<(u64, bool, String)> {
    let lc = clause.to_lowercase();
    let windowed = [
        "six months",
        "6 months",
        "12 months",
        "twelve months",
        "last ",
        "recent",
        "previous",
        "before",
        "after",
        "unreadable",
        "per month",
    ]
    .iter()
    .any(|w| lc.contains(w));
    if windowed {
        return Vec::new();
    }
    let whole = lc.contains("in the period") || lc.contains("in all") || lc.contains("record");
    let words: Vec<&str> = clause.split_whitespace().collect();
    let mut out = Vec::new();
    for i in 1..words.len().saturating_sub(1) {
        let pair = format!(
            "{} {}",
            words[i].to_lowercase(),
            words[i + 1]
                .to_lowercase()
                .trim_end_matches(|c: char| !c.is_alphanumeric())
        );
        let fatalities = match pair.as_str() {
            "civilian-harm events" => false,
            "civilian fatalities" => true,
            _ => continue,
        };
        let Some(n) = parse_count(words[i - 1]) else {
            continue;
        };
        let of = i >= 2 && words[i - 2].eq_ignore_ascii_case("of");
        if whole || of {
            out.push((n, fatalities, clause.to_string()));
        }
    }
    out
}

type Date = (i32, u32, u32);

/// A `YYYY-MM-DD` (or, with `day` false, `YYYY-MM`) date at the start of `s`.
fn date_at(s: &str, day: bool) -> Option<Date> {
    let n = if day { 10 } else { 7 };
    let head = s.get(..n)?;
    if s[n..].starts_with(|c: char| c.is_ascii_digit() || c == '-') {
        return None;
    }
    let mut it = head.split('-');
    let y = it.next().filter(|y| y.len() == 4)?.parse().ok()?;
    let m = it.next().filter(|m| m.len() == 2)?.parse().ok()?;
    let d = if day {
        it.next().filter(|d| d.len() == 2)?.parse().ok()?
    } else {
        1
    };
    Some((y, m, d))
}

/// The period the annex states ("period 2018-01-01 to 2020-12-31").
fn period(doc: &Doc) -> Option<(Date, Date)> {
    for line in &doc.prose {
        let lc = line.to_lowercase();
        for (i, _) in lc.match_indices("period") {
            let rest = &lc[i..];
            let Some(j) = rest.find(|c: char| c.is_ascii_digit()) else {
                continue;
            };
            let rest = &rest[j..];
            if let Some(from) = date_at(rest, true)
                && let Some(to) = rest[10..]
                    .strip_prefix(" to ")
                    .and_then(|r| date_at(r, true))
            {
                return Some((from, to));
            }
        }
    }
    None
}

/// Whether the printed period starts at least 12 months before it ends (so
/// both six-month windows lie inside it); true when no period is printed.
fn period_covers_a_year(doc: &Doc) -> bool {
    period(doc).is_none_or(|(from, to)| from <= (to.0 - 1, to.1, to.2))
}

/// Whether every month range a line prints ("per month, 2017-08 to
/// 2020-07") spans the whole period: a chart of the last 36 months of a
/// longer period counts fewer events than the period holds.
fn spans_period(line: &str, period: Option<(Date, Date)>) -> bool {
    let Some((from, to)) = period else {
        return true;
    };
    line.match_indices(" to ").all(|(i, _)| {
        let first = i.checked_sub(7).and_then(|s| line.get(s..i));
        let second = line.get(i + 4..);
        match (
            first.and_then(|f| date_at(f, false)),
            second.and_then(|s| date_at(s, false)),
        ) {
            (Some(a), Some(b)) => (a.0, a.1) <= (from.0, from.1) && (b.0, b.1) >= (to.0, to.1),
            _ => true,
        }
    })
}

/// Attacks one Markdown annex; pushes failures, counts what was attacked.
fn attack_document(name: &str, md: &str, stats: &mut Stats, failures: &mut Vec<String>) {
    let doc = parse_doc(md);
    let mut dm = DocModel {
        doc: &doc,
        model: Model::default(),
        terms: HashMap::new(),
        failures: Vec::new(),
    };
    for t in 0..doc.tables.len() {
        if dm.sums(t) {
            stats.tables += 1;
        }
    }
    dm.cross_tables();
    for f in dm.failures.drain(..) {
        failures.push(format!("{name}: {f}"));
    }
    stats.cells += dm.model.audit(name, failures);
    stats.documents += 1;
}

// ───────────────────────────── running the CLI ─────────────────────────────

fn export(args: &[&str], cwd: &Path) -> Result<String, String> {
    let out = cwd.join("annex.md");
    // A stale annex from an earlier call must not be read as this one's.
    if out.exists() {
        std::fs::remove_file(&out).map_err(|e| e.to_string())?;
    }
    let status = Command::new(env!("CARGO_BIN_EXE_poc-workbench"))
        .arg("export")
        .args(args)
        .args(["--format", "md", "--date", "2026-01-15", "--out"])
        .arg(&out)
        .current_dir(cwd)
        .output()
        .expect("the CLI runs");
    if !status.status.success() {
        return Err(String::from_utf8_lossy(&status.stderr).trim().to_string());
    }
    std::fs::read_to_string(&out).map_err(|e| format!("no annex written: {e}"))
}

fn report(what: &str, stats: &Stats, failures: &[String], started: Instant) {
    println!(
        "{what}: {} annexes, {} tables with totals, {} <k cells attacked in {:.1} s; {} failures",
        stats.documents,
        stats.tables,
        stats.cells,
        started.elapsed().as_secs_f64(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} disclosure failures ({what}):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn darfur_annexes_survive_the_interval_attack() {
    let started = Instant::now();
    let crate_root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    for f in ["darfur-transition.ron", "ucdp-ged-sudan.csv"] {
        std::fs::copy(crate_root.join("sample-data").join(f), dir.path().join(f))
            .expect("copy sample data");
    }
    let mut stats = Stats::default();
    let mut failures = Vec::new();
    for (sharing, k) in [
        ("public", "3"),
        ("public", "5"),
        ("public", "10"),
        ("host-government", "5"),
        ("un-partners", "5"),
    ] {
        let name = format!("darfur {sharing} k={k}");
        let args = [
            "--assessment",
            "darfur-transition.ron",
            "--sharing",
            sharing,
            "--k",
            k,
        ];
        match export(&args, dir.path()) {
            Ok(md) => attack_document(&name, &md, &mut stats, &mut failures),
            Err(e) => failures.push(format!("{name}: the export was refused: {e}")),
        }
    }
    report("Darfur annexes", &stats, &failures, started);
}

fn data_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            data_files(&p, out);
        } else if let Some(ext) = p.extension().and_then(|x| x.to_str())
            && (ext.eq_ignore_ascii_case("csv") || ext.eq_ignore_ascii_case("xlsx"))
        {
            out.push(p);
        }
    }
}

/// The debug build's XLSX reader takes about 20 s on a 3 MB workbook.
const LARGEST_XLSX: u64 = 1 << 20;

#[test]
fn shared_data_annexes_survive_the_interval_attack() {
    let started = Instant::now();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    if !data.is_dir() {
        println!("skipped: ../shared/data not present");
        return;
    }
    let mut files = Vec::new();
    data_files(&data, &mut files);
    files.sort();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut stats = Stats::default();
    let mut failures = Vec::new();
    for f in &files {
        let name = f.strip_prefix(&data).unwrap_or(f).display().to_string();
        let size = std::fs::metadata(f).map_or(0, |m| m.len());
        let xlsx = f
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("xlsx"));
        if xlsx && size > LARGEST_XLSX {
            println!("skipped {name}: XLSX over 1 MB (slow to read in a debug build)");
            continue;
        }
        let path = f.to_string_lossy();
        match export(&["--data", &path, "--sharing", "public"], dir.path()) {
            Ok(md) => attack_document(&name, &md, &mut stats, &mut failures),
            Err(_) => println!("skipped {name}: the CLI does not accept it"),
        }
    }
    report("shared data annexes", &stats, &failures, started);
}

// ───────────────────────────── random tables through `protect` ─────────────────────────────

/// splitmix64: a small deterministic generator of our own.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn show(values: &[Vec<u64>], marks: &[Vec<Mark>], k: u32) -> String {
    values
        .iter()
        .zip(marks)
        .map(|(vr, mr)| {
            vr.iter()
                .zip(mr)
                .map(|(v, m)| match m {
                    Mark::Shown => format!("{v:>5}"),
                    Mark::Small => format!("{:>5}", format!("<{k}({v})")),
                    Mark::Hidden => format!("{:>5}", format!("x({v})")),
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(" / ")
}

#[test]
fn protect_survives_the_interval_attack_on_random_tables() {
    const TABLES: usize = 3000;
    let started = Instant::now();
    let mut rng = Rng(0x5EED_1A7E_2026_0115);
    let mut failures = Vec::new();
    let mut bad_tables = 0;
    let mut cells = 0;
    for n in 0..TABLES {
        let rows = 1 + rng.below(7) as usize;
        let cols = 1 + rng.below(6) as usize;
        let k = 3 + rng.below(8) as u32;
        let zeros = 20 + rng.below(50);
        let smalls = 20 + rng.below(40);
        let table: Vec<Vec<u64>> = (0..rows)
            .map(|_| {
                (0..cols)
                    .map(|_| {
                        let d = rng.below(100);
                        if d < zeros {
                            0
                        } else if d < (zeros + smalls).min(97) {
                            1 + rng.below(u64::from(k) - 1)
                        } else if rng.below(4) > 0 {
                            u64::from(k) + rng.below(3 * u64::from(k))
                        } else {
                            rng.below(1000)
                        }
                    })
                    .collect()
            })
            .collect();
        let p = protect(&table, k, true);
        let name = format!("random table #{n} ({rows}×{cols}, k={k})");
        assert_eq!(p.values.len(), rows + 1, "{name}: rows of values");
        assert_eq!(p.marks.len(), rows + 1, "{name}: rows of marks");
        let mut table_failures = Vec::new();
        let mut model = Model::default();
        let mut terms: Vec<Vec<Term>> = Vec::with_capacity(rows + 1);
        for (i, (vr, mr)) in p.values.iter().zip(&p.marks).enumerate() {
            assert_eq!(vr.len(), cols + 1, "{name}: columns of values");
            assert_eq!(mr.len(), cols + 1, "{name}: columns of marks");
            let mut row = Vec::with_capacity(cols + 1);
            for (j, (&v, mark)) in vr.iter().zip(mr).enumerate() {
                let small = (1..u64::from(k)).contains(&v);
                row.push(match mark {
                    Mark::Shown if small => {
                        table_failures.push(format!("cell ({i},{j}) = {v} is shown"));
                        Term::Const(v as f64)
                    }
                    Mark::Shown => Term::Const(v as f64),
                    Mark::Small => {
                        if !small {
                            table_failures.push(format!(
                                "cell ({i},{j}) = {v} is marked <{k} but is not between 1 and {}",
                                k - 1
                            ));
                        }
                        let var = model.var(1.0, f64::from(k - 1));
                        model.audited.push(Audited {
                            var,
                            k,
                            what: format!("cell ({i},{j}) = {v}"),
                        });
                        Term::Var(var)
                    }
                    Mark::Hidden => Term::Var(model.var(0.0, f64::INFINITY)),
                });
            }
            terms.push(row);
        }
        for (i, row) in terms.iter().enumerate() {
            let e = Expr::sum(&row[..cols]).plus(row[cols], -1.0);
            model.constrain(e, Rel::Eq, &format!("row {i}"));
        }
        for j in 0..=cols {
            let col: Vec<Term> = terms[..rows].iter().map(|r| r[j]).collect();
            let e = Expr::sum(&col).plus(terms[rows][j], -1.0);
            model.constrain(e, Rel::Eq, &format!("column {j}"));
        }
        cells += model.audit("", &mut table_failures);
        if !table_failures.is_empty() {
            bad_tables += 1;
            let shape = show(&p.values, &p.marks, k);
            for f in table_failures {
                failures.push(format!("{name} [{shape}]: {}", f.trim_start_matches(": ")));
            }
        }
    }
    println!(
        "random tables: {TABLES} tables, {cells} <k cells attacked in {:.1} s; \
         {} failures in {bad_tables} tables",
        started.elapsed().as_secs_f64(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} disclosure failures in {bad_tables} of {TABLES} random tables (first 40):\n{}",
        failures.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Issue #16 (7): a public annex of 145 regions of scattered small counts.
/// Past `DECOUPLED_REGIONS` every figure over more than one region is
/// withheld and the audit is split by region (it took a minute before);
/// the annex must still keep every `<k` cell's whole range.
#[test]
fn an_annex_of_many_regions_survives_the_interval_attack() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path().join("scattered.csv");
    let mut text = String::from(
        "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp\n",
    );
    let actors = [
        ("Military Forces of Sudan (2019-)", "State forces"),
        ("Rapid Support Forces", "Political militia"),
        ("Unidentified Armed Group (Sudan)", "Rebel group"),
        ("Arab Ethnic Militia (Sudan)", "Identity militia"),
    ];
    let mut rng = Rng(7);
    for i in 0..4000 {
        let (a, t) = actors[rng.below(4) as usize];
        let region = rng.below(145);
        let (y, m, d, f) = (
            2021 + rng.below(2),
            1 + rng.below(12),
            1 + rng.below(27),
            rng.below(4),
        );
        text.push_str(&format!(
            "SDN{i},{y}-{m:02}-{d:02},{y},1,Political violence,Violence against civilians,Attack,{a},,{t},Civilians (Sudan),,Civilians,x,Civilians targeted,729,Northern Africa,Sudan,Region {region},D{region},,Place,12.0,24.0,1,src,National,n,{f},,1\n"
        ));
    }
    std::fs::write(&data, text).expect("write");
    let path = data.to_string_lossy();
    let md = export(&["--data", &path, "--sharing", "public"], dir.path()).expect("exported");
    assert!(
        md.contains("The tables cover 145 regions"),
        "the annex says why totals are withheld"
    );
    let mut stats = Stats::default();
    let mut failures = Vec::new();
    attack_document("145 regions", &md, &mut stats, &mut failures);
    report("many-region annex", &stats, &failures, started);
}

/// A monitoring log's public annex (one country of a global CRSV file):
/// the violations and victims matrices join the events and fatalities
/// ones in the document the adversary reads.
#[test]
fn monitoring_log_annexes_survive_the_interval_attack() {
    let started = Instant::now();
    let f = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../shared/data/insecurity-insight-protection/2020-2023-conflict-related-sexual-violence-crsv-incident-data.xlsx",
    );
    if !f.is_file() {
        println!("skipped: the CRSV workbook is not present");
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let mut stats = Stats::default();
    let mut failures = Vec::new();
    let path = f.to_string_lossy();
    for country in ["DRC", "Sudan"] {
        let md = export(
            &["--data", &path, "--country", country, "--sharing", "public"],
            dir.path(),
        )
        .unwrap_or_else(|e| panic!("{country}: {e}"));
        assert!(
            md.contains("Violations by region and perpetrator type"),
            "{country}"
        );
        attack_document(&format!("CRSV {country}"), &md, &mut stats, &mut failures);
    }
    report("monitoring-log annexes", &stats, &failures, started);
}
