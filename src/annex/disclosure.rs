//! Disclosure control (METHODOLOGY §6): small counts are withheld above
//! `internal`, and enough other cells with them that no reader can narrow
//! one down from what is printed beside it.
//!
//! A table with its row totals, column totals and grand total is a grid of
//! (R+1)×(C+1) numbers tied by one equation per row and per column. Primary
//! suppression withholds the counts 1..k−1 (printed `<k`). A reader who
//! knows that every `<k` cell is between 1 and k−1 and every cell is ≥ 0
//! can still solve for the smallest and largest value of each withheld cell
//! (`audit.rs`); complementary suppression therefore withholds, for each
//! `<k` cell whose range comes out narrower than 1…k−1, the cheapest
//! rectangle of further cells (printed `x`) that gives it back its whole
//! range: fewest new cells, then no zeros, then no totals, then the
//! smallest values. Each choice is checked with the same audit.

use super::Cell;
use super::audit::{Range, System, Terms};

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
        complete(&values, &mut marks, k);
    }
    Protected { values, marks }
}

/// The table as a reader with a solver sees it: one unknown per grid cell,
/// one equation per row and per column, shown cells fixed, `<k` cells
/// between 1 and k−1, withheld cells only ≥ 0.
fn grid_system(values: &[Vec<u64>], marks: &[Vec<Mark>], k: u32) -> (System, Vec<Vec<usize>>) {
    let mut s = System::new();
    let rows = values.len();
    let cols = values.first().map_or(0, Vec::len);
    let vars: Vec<Vec<usize>> = (0..rows)
        .map(|_| (0..cols).map(|_| s.var()).collect())
        .collect();
    for (i, line) in vars.iter().enumerate() {
        let mut t: Terms = line[..cols - 1].iter().map(|v| (*v, 1.0)).collect();
        t.push((line[cols - 1], -1.0));
        s.equal(t, 0.0);
        for (j, v) in line.iter().enumerate() {
            cell_fact(&mut s, vec![(*v, 1.0)], values[i][j], marks[i][j], k);
        }
    }
    let (body, total_row) = vars.split_at(rows - 1);
    for (j, total) in total_row[0].iter().enumerate() {
        let mut t: Terms = body.iter().map(|line| (line[j], 1.0)).collect();
        t.push((*total, -1.0));
        s.equal(t, 0.0);
    }
    (s, vars)
}

/// What a printed cell tells the reader about the count behind it.
pub(super) fn cell_fact(s: &mut System, terms: Terms, value: u64, mark: Mark, k: u32) {
    match mark {
        Mark::Shown => s.equal(terms, value as f64),
        Mark::Small => s.range(terms, 1.0, f64::from(k) - 1.0),
        Mark::Hidden => {}
    }
}

/// What withholding `cells` costs, as a key to sort by: no zeros first (a
/// zero cannot go down, so a rectangle through one gives no room one way),
/// then totals last (a reader needs them most, and they are the largest
/// numbers), then the fewest new cells, then the smallest values.
fn cost(
    values: &[Vec<u64>],
    marks: &[Vec<Mark>],
    cells: &[(usize, usize)],
) -> (usize, usize, usize, u64) {
    let last_r = values.len() - 1;
    let last_c = values[0].len() - 1;
    let new: Vec<&(usize, usize)> = cells
        .iter()
        .filter(|(i, j)| marks[*i][*j] == Mark::Shown)
        .collect();
    (
        cells.iter().filter(|(i, j)| values[*i][*j] == 0).count(),
        new.iter()
            .filter(|(i, j)| *i == last_r || *j == last_c)
            .count(),
        new.len(),
        new.iter().map(|(i, j)| values[*i][*j]).sum(),
    )
}

/// Three more cells that close a rectangle through a withheld one.
type Rect = [(usize, usize); 3];
/// A rectangle's cost key (see `cost`).
type Cost = (usize, usize, usize, u64);

/// How many rectangles are tried, cheapest first, before the cheapest one
/// is taken anyway and the search goes on from there.
const TRIES: usize = 24;

/// Withholds more cells until every `<k` cell of the grid passes the audit.
/// For a failing cell, the rectangles through it (the cell, one more in its
/// row, one in its column and the one that closes them) are tried cheapest
/// first; the first that gives the cell its whole range is kept. Withholding
/// a cell only widens what a reader can deduce, so a cell that passed stays
/// passed and the loop ends (at worst with every cell withheld).
fn complete(values: &[Vec<u64>], marks: &mut [Vec<Mark>], k: u32) {
    let rows = values.len();
    let cols = values.first().map_or(0, Vec::len);
    if rows < 2 || cols < 2 {
        return;
    }
    let smalls: Vec<(usize, usize)> = (0..rows)
        .flat_map(|i| (0..cols).map(move |j| (i, j)))
        .filter(|&(i, j)| marks[i][j] == Mark::Small)
        .collect();
    for (r, c) in smalls {
        loop {
            let (s, vars) = grid_system(values, marks, k);
            if need(&s, vars[r][c], values[r][c], marks[r][c], k) == 0 {
                break;
            }
            // A `<k` total in the cell's row or column caps it (a total of
            // `<k` parts is small itself): printed as `x` instead it says
            // less, and costs no new withheld cell. Tried first.
            let last_r = rows - 1;
            let last_c = cols - 1;
            let mut downgraded = false;
            for (i, j) in [(r, last_c), (last_r, c), (last_r, last_c)] {
                if (i, j) != (r, c) && marks[i][j] == Mark::Small {
                    marks[i][j] = Mark::Hidden;
                    downgraded = true;
                }
            }
            if downgraded {
                continue;
            }
            let mut rects: Vec<(Rect, Cost)> = Vec::new();
            for r2 in (0..rows).filter(|&x| x != r) {
                for c2 in (0..cols).filter(|&x| x != c) {
                    let cells = [(r, c2), (r2, c2), (r2, c)];
                    let key = cost(values, marks, &cells);
                    if key.2 > 0 || cells.iter().any(|(i, j)| marks[*i][*j] == Mark::Small) {
                        rects.push((cells, key));
                    }
                }
            }
            rects.sort_by_key(|(cells, key)| (*key, *cells));
            let Some((cheapest, _)) = rects.first().copied() else {
                break;
            };
            // The first rectangle (cheapest first) that gives the cell its
            // whole range; failing that, the one that brings it closest;
            // rectangles that change nothing are passed over.
            let now = {
                let (s, vars) = grid_system(values, marks, k);
                need(&s, vars[r][c], values[r][c], marks[r][c], k)
            };
            let mut best: Option<(u64, Rect)> = None;
            for (tried, (cells, _)) in rects.iter().enumerate() {
                if tried >= TRIES && best.is_some_and(|(b, _)| b < now) {
                    break;
                }
                let saved: Vec<Mark> = cells.iter().map(|(i, j)| marks[*i][*j]).collect();
                for (i, j) in cells {
                    marks[*i][*j] = Mark::Hidden;
                }
                let (s, vars) = grid_system(values, marks, k);
                let short = need(&s, vars[r][c], values[r][c], marks[r][c], k);
                for ((i, j), m) in cells.iter().zip(saved) {
                    marks[*i][*j] = m;
                }
                if best.is_none_or(|(b, _)| short < b) {
                    best = Some((short, *cells));
                }
                if short == 0 {
                    break;
                }
            }
            let chosen = best
                .filter(|(b, _)| *b < now)
                .map_or(cheapest, |(_, cells)| cells);
            for (i, j) in chosen {
                marks[i][j] = Mark::Hidden;
            }
        }
    }
}

/// What a count in 1..k−1 still needs: printed `<k`, its whole range
/// 1…k−1 (the shortfall); printed `x` (a `<k` total over `<k` parts),
/// not to be known exactly (1 when it is). 0: it is protected.
pub(super) fn need(s: &System, var: usize, value: u64, mark: Mark, k: u32) -> u64 {
    match mark {
        Mark::Small => shortfall(s, var, k),
        Mark::Hidden if is_small(value, k) => u64::from(
            s.range_of(&[(var, 1.0)])
                .is_some_and(|r| r.hi == Some(r.lo)),
        ),
        _ => 0,
    }
}

/// How far the `<k` cell behind `var` is from its whole range 1…k−1 (0 when
/// it has it).
pub(super) fn shortfall(s: &System, var: usize, k: u32) -> u64 {
    s.range_of(&[(var, 1.0)]).map_or(0, |r| {
        r.lo.saturating_sub(1)
            + r.hi
                .map_or(0, |h| u64::from(k.saturating_sub(1)).saturating_sub(h))
    })
}

/// The `<k` cells of a protected grid whose audited range is narrower than
/// 1…k−1, with that range (empty when the grid passes).
pub fn audit_grid(p: &Protected, k: u32) -> Vec<((usize, usize), Range)> {
    let (s, vars) = grid_system(&p.values, &p.marks, k);
    let mut out = Vec::new();
    for (i, row) in p.marks.iter().enumerate() {
        for (j, m) in row.iter().enumerate() {
            if need(&s, vars[i][j], p.values[i][j], *m, k) > 0
                && let Some(r) = s.range_of(&[(vars[i][j], 1.0)])
            {
                out.push(((i, j), r));
            }
        }
    }
    out
}

/// A list of counts with their total (no columns): withholds 1..k−1, then
/// the cheapest other counts (or the total) until every `<k` count passes
/// the audit.
pub fn protect_list(values: &[u64], k: u32, suppress: bool) -> (Vec<Cell>, Cell) {
    let total: u64 = values.iter().sum();
    if !suppress {
        return (
            values.iter().map(|v| Cell::Count(*v)).collect(),
            Cell::Count(total),
        );
    }
    if values.is_empty() {
        // Nothing to protect: a total of nothing is 0.
        return (Vec::new(), Cell::Count(0));
    }
    // A list is a grid of one column whose row totals are the counts
    // themselves: protect it as such and read back the first column.
    let interior: Vec<Vec<u64>> = values.iter().map(|v| vec![*v]).collect();
    let p = protect(&interior, k, true);
    let n = values.len();
    // The grid's row totals repeat the counts; a count is withheld when
    // either copy is, so the list shows no more than the grid does.
    let mark = |i: usize| {
        let (a, b) = (p.marks[i][0], p.marks[i][1]);
        if a == Mark::Small || b == Mark::Small {
            Mark::Small
        } else if a == Mark::Hidden || b == Mark::Hidden {
            Mark::Hidden
        } else {
            Mark::Shown
        }
    };
    let show = |v: u64, m: Mark| match m {
        Mark::Shown => Cell::Count(v),
        Mark::Small => Cell::Small(k),
        Mark::Hidden => Cell::Hidden,
    };
    let total_mark = mark(n);
    (
        (0..n).map(|i| show(values[i], mark(i))).collect(),
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
        assert!(audit_grid(&p, 5).is_empty());
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

    #[test]
    fn a_small_total_over_small_parts_is_printed_x_so_both_keep_their_range() {
        // Row 0: 2 and 1, total 3: a `<5` total would cap each part at 3.
        let p = protect(&[vec![2, 1, 0], vec![30, 12, 40]], 5, true);
        assert_eq!(p.marks[0][3], Mark::Hidden);
        assert!(audit_grid(&p, 5).is_empty(), "{:?}", p.marks);
    }

    #[test]
    fn every_small_cell_of_random_tables_keeps_its_whole_range() {
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for _ in 0..300 {
            let (r, c) = (1 + next(5) as usize, 1 + next(5) as usize);
            let k = 3 + next(6) as u32;
            let t: Vec<Vec<u64>> = (0..r)
                .map(|_| {
                    (0..c)
                        .map(|_| match next(4) {
                            0 => 0,
                            1 => next(u64::from(k)),
                            _ => next(60),
                        })
                        .collect()
                })
                .collect();
            let p = protect(&t, k, true);
            assert!(audit_grid(&p, k).is_empty(), "{t:?} k={k}: {:?}", p.marks);
        }
    }
}
