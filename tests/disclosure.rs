//! Disclosure control (METHODOLOGY §6) under attack: for many random tables,
//! no shown count is between 1 and k−1, and no withheld cell can be worked
//! out from the totals. The attack is exact linear algebra over the
//! rationals, written here independently of the suppression code (which
//! reasons about bridges of a graph instead).

mod common;
use common::Lcg;
use poc_workbench::annex::disclosure::{Mark, protect};

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 { a.abs() } else { gcd(b, a % b) }
}

/// Which withheld cells of the (R+1)×(C+1) grid the row and column
/// equations determine: exact elimination over the rationals (an attack
/// written independently of the suppression code).
fn recoverable(marks: &[Vec<Mark>]) -> Vec<(usize, usize)> {
    let rows = marks.len();
    let cols = marks[0].len();
    let unknowns: Vec<(usize, usize)> = (0..rows)
        .flat_map(|i| (0..cols).map(move |j| (i, j)))
        .filter(|&(i, j)| marks[i][j] != Mark::Shown)
        .collect();
    let index = |i: usize, j: usize| unknowns.iter().position(|&u| u == (i, j));
    let mut eqs: Vec<Vec<i128>> = Vec::new();
    for i in 0..rows {
        // Row i: its cells minus its total.
        let mut e = vec![0i128; unknowns.len()];
        for j in 0..cols {
            if let Some(x) = index(i, j) {
                e[x] += if j == cols - 1 { -1 } else { 1 };
            }
        }
        eqs.push(e);
    }
    for j in 0..cols {
        let mut e = vec![0i128; unknowns.len()];
        for i in 0..rows {
            if let Some(x) = index(i, j) {
                e[x] += if i == rows - 1 { -1 } else { 1 };
            }
        }
        eqs.push(e);
    }
    // Row-reduce.
    let mut basis: Vec<(usize, Vec<i128>)> = Vec::new();
    for mut e in eqs {
        for (p, b) in &basis {
            if e[*p] != 0 {
                let (f, g) = (b[*p], e[*p]);
                for (x, y) in e.iter_mut().zip(b) {
                    *x = *x * f - y * g;
                }
            }
        }
        let g = e.iter().fold(0, |a, &x| gcd(a, x));
        if g == 0 {
            continue;
        }
        for x in e.iter_mut() {
            *x /= g;
        }
        let p = e.iter().position(|&x| x != 0).expect("non-zero");
        // Keep the basis reduced at the new pivot.
        for (_, b) in basis.iter_mut() {
            if b[p] != 0 {
                let (f, g2) = (e[p], b[p]);
                for (x, y) in b.iter_mut().zip(&e) {
                    *x = *x * f - y * g2;
                }
                let g3 = b.iter().fold(0, |a, &x| gcd(a, x));
                if g3 > 1 {
                    for x in b.iter_mut() {
                        *x /= g3;
                    }
                }
            }
        }
        basis.push((p, e));
    }
    unknowns
        .iter()
        .enumerate()
        .filter(|(x, _)| {
            let mut v = vec![0i128; unknowns.len()];
            v[*x] = 1;
            for (p, b) in &basis {
                if v[*p] != 0 {
                    let (f, g) = (b[*p], v[*p]);
                    for (a, c) in v.iter_mut().zip(b) {
                        *a = *a * f - c * g;
                    }
                    let g = v.iter().fold(0, |a, &x| gcd(a, x));
                    if g > 1 {
                        for a in v.iter_mut() {
                            *a /= g;
                        }
                    }
                }
            }
            v.iter().all(|&a| a == 0)
        })
        .map(|(_, u)| *u)
        .collect()
}

#[test]
fn the_attack_finds_a_lone_withheld_cell() {
    // The checker itself must be able to fail: one withheld cell in a row
    // with a shown total is recoverable; a rectangle of four is not.
    let mut marks = vec![vec![Mark::Shown; 3]; 3];
    marks[0][0] = Mark::Small;
    assert_eq!(recoverable(&marks), vec![(0, 0)]);
    marks[0][1] = Mark::Hidden;
    marks[1][0] = Mark::Hidden;
    marks[1][1] = Mark::Hidden;
    assert!(recoverable(&marks).is_empty());
}

#[test]
fn no_small_count_is_shown_and_none_can_be_recovered_from_the_totals() {
    let mut rng = Lcg(7);
    let mut withheld_total = 0;
    for case in 0..1500 {
        let r = 1 + rng.below(7) as usize;
        let c = 1 + rng.below(6) as usize;
        // k is at least 3 (METHODOLOGY §6).
        let k = 3 + rng.below(4) as u32;
        let interior: Vec<Vec<u64>> = (0..r)
            .map(|_| {
                (0..c)
                    .map(|_| match rng.below(10) {
                        0..=3 => 0,
                        4..=6 => 1 + rng.below(u64::from(k)),
                        _ => rng.below(200),
                    })
                    .collect()
            })
            .collect();
        let p = protect(&interior, k, true);
        for (i, row) in p.values.iter().enumerate() {
            for (j, v) in row.iter().enumerate() {
                if p.marks[i][j] == Mark::Shown {
                    assert!(
                        !(1..u64::from(k)).contains(v),
                        "case {case}: shown {v} < k={k} at ({i},{j}) in {interior:?}"
                    );
                }
            }
        }
        // A withheld count in 1..k−1 (printed `<k`, or `x` where a `<k`
        // total over `<k` parts is printed `x`) is never exactly known. An
        // `x` that only protects others may be (METHODOLOGY §6 does not
        // audit its range).
        let leaks: Vec<(usize, usize)> = recoverable(&p.marks)
            .into_iter()
            .filter(|&(i, j)| (1..u64::from(k)).contains(&p.values[i][j]))
            .collect();
        assert!(
            leaks.is_empty(),
            "case {case}: {leaks:?} recoverable in {interior:?} k={k} marks {:?}",
            p.marks
        );
        withheld_total += p
            .marks
            .iter()
            .flatten()
            .filter(|m| **m != Mark::Shown)
            .count();
        // Totals are the sums.
        assert_eq!(p.values[r][c], interior.iter().flatten().sum::<u64>());
    }
    assert!(
        withheld_total > 1000,
        "the generator makes small counts: {withheld_total}"
    );
}
