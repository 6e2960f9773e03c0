//! The audit of METHODOLOGY §6 on the finished annex, before any writer
//! runs: every figure of the pattern is read back as the document prints it
//! (table cells and chart bars), and every withheld count below k is
//! audited against all of them (`pattern.rs` builds the pattern, `audit.rs`
//! solves). `screen.rs` calls it.

use super::disclosure::Mark;
use super::pattern::{MAX_AUDITED_CELLS, audit_seconds};
use crate::bi;
use crate::i18n::Bi;

/// Where a figure is printed, for a refusal that names it.
fn place(annex: &super::Annex, fig: usize) -> Bi {
    for t in annex.tables() {
        if let Some((r, c, _)) = t.figures.iter().find(|(_, _, f)| *f == fig) {
            let row = t
                .rows
                .get(*r)
                .and_then(|x| x.first())
                .map_or(String::new(), super::Cell::display);
            let col = t.header.get(*c).cloned().unwrap_or_default();
            let cap = &t.caption;
            return bi!(
                "table \"{cap}\", row \"{row}\", column \"{col}\"",
                "tableau « {cap} », ligne « {row} », colonne « {col} »"
            );
        }
    }
    for f in annex.figures() {
        if let Some((i, _)) = f.figures.iter().find(|(_, x)| *x == fig) {
            let (cap, bar) = (&f.caption, i + 1);
            return bi!(
                "figure \"{cap}\", bar {bar}",
                "figure « {cap} », barre {bar}"
            );
        }
    }
    bi!("figure {fig} (not printed)", "figure {fig} (non imprimée)")
}

/// The audit of METHODOLOGY §6 on the finished document, before any writer
/// runs: every figure as the document prints it (tables and chart bars;
/// figures the document leaves out count as the pattern has them), every
/// `<k` cell's range over all of them. Also refuses a count printed where
/// the pattern withholds it, or a number that is not the count behind it.
pub fn audit_annex(annex: &super::Annex) -> Result<(), Vec<Bi>> {
    if annex.level == crate::assessment::SharingLevel::Internal {
        return Ok(());
    }
    let too_much = || {
        vec![bi!(
            "the threat matrix is too large or too intricate for the disclosure audit above internal (at most {MAX_AUDITED_CELLS} region × perpetrator-type cells, audited within {} s): filter to fewer regions (one country, or admin 1 instead of admin 2) or share it at internal",
            "la matrice des menaces est trop grande ou trop complexe pour l'audit de confidentialité au-delà du niveau interne (au plus {MAX_AUDITED_CELLS} cellules région × type d'auteur, auditées en {} s) : filtrez sur moins de régions (un pays, ou l'admin 1 au lieu de l'admin 2) ou diffusez-la au niveau interne",
            audit_seconds()
        )]
    };
    let Some(p) = annex.pattern.as_ref().filter(|p| !p.over_time) else {
        return Err(too_much());
    };
    let mut printed = p.clone();
    let mut errors = Vec::new();
    let mut read = |fig: usize, mark: Option<Mark>, value: Option<u64>, errors: &mut Vec<Bi>| {
        let Some(f) = printed.figures.get_mut(fig) else {
            return;
        };
        match (mark, value) {
            (Some(Mark::Shown), Some(v)) if v != f.value => {
                errors.push(place(annex, fig).suffixed(
                    &format!(": prints {v}, not the count behind it"),
                    &format!(" : imprime {v}, et non le nombre qui est derrière"),
                ))
            }
            (Some(m), _) => {
                if m == Mark::Shown && f.mark != Mark::Shown {
                    errors.push(place(annex, fig).suffixed(
                        ": prints a count that the pattern withholds",
                        " : imprime un nombre que le schéma de masquage retient",
                    ));
                }
                f.mark = m;
            }
            (None, _) => {
                errors.push(place(annex, fig).suffixed(": not a count", " : pas un nombre"))
            }
        }
    };
    for t in annex.tables() {
        for &(r, c, fig) in &t.figures {
            let cell = t.rows.get(r).and_then(|x| x.get(c));
            let (mark, value) = match cell {
                Some(super::Cell::Count(v)) => (Some(Mark::Shown), Some(*v)),
                Some(super::Cell::Small(_)) => (Some(Mark::Small), None),
                Some(super::Cell::Hidden) => (Some(Mark::Hidden), None),
                _ => (None, None),
            };
            read(fig, mark, value, &mut errors);
        }
    }
    for f in annex.figures() {
        if let super::charts::Chart::Monthly {
            series, withheld, ..
        } = &f.chart
        {
            for &(i, fig) in &f.figures {
                if i >= withheld.len() {
                    continue;
                }
                let value: u64 = series
                    .iter()
                    .map(|s| s.values.get(i).copied().unwrap_or(0))
                    .sum();
                if withheld[i] {
                    // A greyed bar says "withheld", no more.
                    let m = p.figures[fig].mark;
                    read(
                        fig,
                        Some(if m == Mark::Small { m } else { Mark::Hidden }),
                        None,
                        &mut errors,
                    );
                } else {
                    read(fig, Some(Mark::Shown), Some(value), &mut errors);
                }
            }
        }
    }
    let Some(failures) = printed.failures() else {
        return Err(too_much());
    };
    for (fig, range) in failures {
        let (r, k) = (range.display(), p.k);
        errors.push(place(annex, fig).suffixed(
            &format!(": a count below {k} could be narrowed to {r} from the other figures (METHODOLOGY §6)"),
            &format!(" : un nombre inférieur à {k} pourrait être ramené à {r} à partir des autres chiffres (MÉTHODOLOGIE §6)"),
        ));
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}
