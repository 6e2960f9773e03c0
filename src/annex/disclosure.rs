//! Disclosure control (METHODOLOGY §6): small counts are withheld above
//! `internal`, and enough other cells with them that none can be worked out
//! from the totals printed beside them.
//!
//! A table with its row totals, column totals and grand total is a grid of
//! (R+1)×(C+1) numbers tied by one equation per row and per column. Read the
//! grid as a bipartite graph, rows and columns as nodes and each withheld
//! cell as an edge between its row and its column: after flipping the signs
//! of the totals every equation says "the withheld cells of this line add up
//! to a known number". The values the equations leave free are exactly the
//! cycles of that graph, so a withheld cell can be worked out if and only if
//! its edge is on no cycle, a *bridge*. Primary suppression withholds the
//! counts 1..k−1; complementary suppression then closes every bridge with
//! the cheapest rectangle of extra cells (small non-zero counts first, then
//! totals, zeros last), and repeats until no bridge is left.

use super::Cell;

/// How a grid cell is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Shown,
    /// A count in 1..k−1.
    Small,
    /// Withheld to protect a small count.
    Hidden,
}

/// A table of counts with its totals and what may be shown of each.
#[derive(Debug, Clone, PartialEq)]
pub struct Protected {
    /// (R+1)×(C+1): the interior, the row totals in the last column, the
    /// column totals in the last row, the grand total in the corner.
    pub values: Vec<Vec<u64>>,
    pub marks: Vec<Vec<Mark>>,
}

impl Protected {
    /// The cell as the annex prints it.
    pub fn cell(&self, r: usize, c: usize, k: u32) -> Cell {
        match self.marks[r][c] {
            Mark::Shown => Cell::Count(self.values[r][c]),
            Mark::Small => Cell::Small(k),
            Mark::Hidden => Cell::Hidden,
        }
    }
}

/// Whether a count is withheld on its own: 1..k−1.
pub fn is_small(v: u64, k: u32) -> bool {
    v >= 1 && v < u64::from(k)
}

/// A count on its own (no totals beside it), with primary suppression when
/// `suppress`.
pub fn single(v: u64, k: u32, suppress: bool) -> Cell {
    if suppress && is_small(v, k) {
        Cell::Small(k)
    } else {
        Cell::Count(v)
    }
}

/// Adds totals to `interior` (R rows × C columns) and marks what may be
/// shown. With `suppress` false every cell is shown (level `internal`).
pub fn protect(interior: &[Vec<u64>], k: u32, suppress: bool) -> Protected {
    let r = interior.len();
    let c = interior.first().map_or(0, Vec::len);
    let mut values = vec![vec![0u64; c + 1]; r + 1];
    for (i, row) in interior.iter().enumerate() {
        for (j, v) in row.iter().enumerate().take(c) {
            values[i][j] = *v;
            values[i][c] += v;
            values[r][j] += v;
            values[r][c] += v;
        }
    }
    let mut marks = vec![vec![Mark::Shown; c + 1]; r + 1];
    if suppress {
        for (i, row) in values.iter().enumerate() {
            for (j, v) in row.iter().enumerate() {
                if is_small(*v, k) {
                    marks[i][j] = Mark::Small;
                }
            }
        }
        close_bridges(&values, &mut marks);
    }
    Protected { values, marks }
}

/// Cost of withholding one more cell: the count itself for an interior
/// cell, more for a total, most for a zero (a withheld zero protects little:
/// its lower bound is known).
fn cost(values: &[Vec<u64>], marks: &[Vec<Mark>], i: usize, j: usize) -> u64 {
    if marks[i][j] != Mark::Shown {
        return 0;
    }
    let last_r = values.len() - 1;
    let last_c = values[0].len() - 1;
    let v = values[i][j];
    let base = if v == 0 { 1 << 40 } else { v };
    if i == last_r || j == last_c {
        base.saturating_add(1 << 20)
    } else {
        base
    }
}

fn close_bridges(values: &[Vec<u64>], marks: &mut [Vec<Mark>]) {
    let rows = values.len();
    let cols = values.first().map_or(0, Vec::len);
    if rows < 2 || cols < 2 {
        return;
    }
    // Each pass withholds at least one more cell, so this ends.
    while let Some((r, c)) = bridges(marks).first().copied() {
        let mut best: Option<(u64, usize, usize)> = None;
        for r2 in (0..rows).filter(|&x| x != r) {
            for c2 in (0..cols).filter(|&x| x != c) {
                let total = cost(values, marks, r, c2)
                    .saturating_add(cost(values, marks, r2, c2))
                    .saturating_add(cost(values, marks, r2, c));
                if best.is_none_or(|(b, _, _)| total < b) {
                    best = Some((total, r2, c2));
                }
            }
        }
        let Some((_, r2, c2)) = best else { return };
        for (i, j) in [(r, c2), (r2, c2), (r2, c)] {
            if marks[i][j] == Mark::Shown {
                marks[i][j] = Mark::Hidden;
            }
        }
    }
}

/// The withheld cells that are bridges of the row–column graph, i.e. the
/// ones the totals give away.
pub fn bridges(marks: &[Vec<Mark>]) -> Vec<(usize, usize)> {
    let rows = marks.len();
    let cols = marks.first().map_or(0, Vec::len);
    let n = rows + cols;
    // Adjacency: node, edge id.
    let mut adj: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    let mut edges = Vec::new();
    for (i, row) in marks.iter().enumerate() {
        for (j, m) in row.iter().enumerate() {
            if *m != Mark::Shown {
                let id = edges.len();
                edges.push((i, j));
                adj[i].push((rows + j, id));
                adj[rows + j].push((i, id));
            }
        }
    }
    // Iterative Tarjan low-link.
    let mut disc = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut time = 0;
    let mut out = Vec::new();
    for start in 0..n {
        if disc[start] != usize::MAX {
            continue;
        }
        // (node, parent edge, next adjacency index)
        let mut stack: Vec<(usize, usize, usize)> = vec![(start, usize::MAX, 0)];
        disc[start] = time;
        low[start] = time;
        time += 1;
        while let Some(&mut (u, pe, ref mut idx)) = stack.last_mut() {
            if *idx < adj[u].len() {
                let (v, e) = adj[u][*idx];
                *idx += 1;
                if e == pe {
                    continue;
                }
                if disc[v] == usize::MAX {
                    disc[v] = time;
                    low[v] = time;
                    time += 1;
                    stack.push((v, e, 0));
                } else {
                    low[u] = low[u].min(disc[v]);
                }
            } else {
                stack.pop();
                if let Some(&(p, _, _)) = stack.last() {
                    low[p] = low[p].min(low[u]);
                    if low[u] > disc[p] {
                        out.push(edges[pe]);
                    }
                }
            }
        }
    }
    out.sort_unstable();
    out
}

/// A list of counts with their total (no columns): withholds 1..k−1, then a
/// second count (or the total) where the total would give one away.
pub fn protect_list(values: &[u64], k: u32, suppress: bool) -> (Vec<Cell>, Cell) {
    let total: u64 = values.iter().sum();
    if !suppress {
        return (
            values.iter().map(|v| Cell::Count(*v)).collect(),
            Cell::Count(total),
        );
    }
    let mut marks: Vec<Mark> = values
        .iter()
        .map(|v| {
            if is_small(*v, k) {
                Mark::Small
            } else {
                Mark::Shown
            }
        })
        .collect();
    let mut total_mark = if is_small(total, k) {
        Mark::Small
    } else {
        Mark::Shown
    };
    let withheld = marks.iter().filter(|m| **m != Mark::Shown).count();
    if withheld == 1 && total_mark == Mark::Shown {
        let next = values
            .iter()
            .enumerate()
            .filter(|(i, v)| marks[*i] == Mark::Shown && **v > 0)
            .min_by_key(|(_, v)| **v)
            .map(|(i, _)| i);
        match next {
            Some(i) => marks[i] = Mark::Hidden,
            None => total_mark = Mark::Hidden,
        }
    }
    let show = |v: u64, m: Mark| match m {
        Mark::Shown => Cell::Count(v),
        Mark::Small => Cell::Small(k),
        Mark::Hidden => Cell::Hidden,
    };
    (
        values
            .iter()
            .zip(&marks)
            .map(|(v, m)| show(*v, *m))
            .collect(),
        show(total, total_mark),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lone_small_cell_is_paired_in_its_row_and_column() {
        let p = protect(&[vec![3, 10, 20], vec![12, 15, 40]], 5, true);
        assert_eq!(p.marks[0][0], Mark::Small);
        // Rectangle through the cheapest cells: (0,1)=10, (1,0)=12, (1,1)=15.
        assert_eq!(p.marks[0][1], Mark::Hidden);
        assert_eq!(p.marks[1][0], Mark::Hidden);
        assert_eq!(p.marks[1][1], Mark::Hidden);
        assert!(bridges(&p.marks).is_empty());
        assert_eq!(p.values[2][3], 100);
    }

    #[test]
    fn nothing_is_withheld_without_small_counts_or_at_internal() {
        let p = protect(&[vec![5, 10], vec![0, 7]], 5, true);
        assert!(p.marks.iter().flatten().all(|m| *m == Mark::Shown));
        let p = protect(&[vec![1, 10], vec![2, 7]], 5, false);
        assert!(p.marks.iter().flatten().all(|m| *m == Mark::Shown));
    }

    #[test]
    fn a_list_with_one_small_count_withholds_the_next_smallest() {
        let (cells, total) = protect_list(&[2, 40, 9, 0], 5, true);
        assert_eq!(
            cells,
            vec![
                Cell::Small(5),
                Cell::Count(40),
                Cell::Hidden,
                Cell::Count(0)
            ]
        );
        assert_eq!(total, Cell::Count(51));
        let (cells, total) = protect_list(&[2, 0], 5, true);
        assert_eq!(cells[0], Cell::Small(5));
        assert_eq!(total, Cell::Small(5));
        let (cells, total) = protect_list(&[3, 0, 40], 5, true);
        assert_eq!(cells[2], Cell::Hidden);
        assert_eq!(total, Cell::Count(43));
    }
}
