//! Cells of monitoring logs (METHODOLOGY §7), read the one way every
//! monitoring reader shares: the profile of Insecurity Insight workbooks,
//! the workbench's template and mapped logs.

use super::cells;
use super::fields::guillemets;
use super::fields::{Fields, RowCtx, quote};
use super::numbers::parse_count;
use crate::i18n::Bi;
use crate::model::monitoring::{Groups, VictimGroup, ViolationType, split_values};
use crate::model::report::IssueCode;

/// A count of people: `Ok(None)` when blank, `Err` (warned, the record's
/// victims flagged unknown) when unreadable or negative.
pub(crate) fn people(row: &dyn Fields, col: usize, ctx: &mut RowCtx) -> Result<Option<u32>, ()> {
    let raw = row.field(col).unwrap_or("");
    parse_count(raw).map_err(|_| {
        ctx.warn(
            Some(col),
            IssueCode::VictimsUnreadable,
            Bi::new(
                format!(
                    "{} is not a count of people; the record is kept and its victims flagged unknown",
                    quote(raw)
                ),
                format!(
                    "{} n'est pas un nombre de personnes ; l'enregistrement est conservé, son nombre de victimes marqué comme inconnu",
                    guillemets(raw)
                ),
            ),
        );
    })
}

/// Victims over several count columns: their sum; unknown if one is
/// unreadable; one when all are blank (the number unspecified, §7).
pub(crate) fn victims(
    row: &dyn Fields,
    cols: impl IntoIterator<Item = usize>,
    ctx: &mut RowCtx,
) -> Option<u32> {
    let (mut sum, mut any, mut unknown) = (0u32, false, false);
    for c in cols {
        match people(row, c, ctx) {
            Ok(Some(n)) => {
                any = true;
                sum = sum.saturating_add(n);
            }
            Ok(None) => {}
            Err(()) => unknown = true,
        }
    }
    match (unknown, any) {
        (true, _) => None,
        (false, true) => Some(sum),
        (false, false) => Some(1),
    }
}

/// Victims by group over columns that each count one group: the groups
/// (`None` when every cell is blank or one is unreadable) and their sum as
/// `victims` would give it (one when all are blank, unknown when one is
/// unreadable).
pub(crate) fn victim_groups(
    row: &dyn Fields,
    cols: &[(usize, VictimGroup)],
    ctx: &mut RowCtx,
) -> (Option<u32>, Option<Groups>) {
    let (mut groups, mut any, mut unknown) = (Groups::default(), false, false);
    for &(c, g) in cols {
        match people(row, c, ctx) {
            Ok(Some(n)) => {
                any = true;
                groups[g as usize] = groups[g as usize].saturating_add(n);
            }
            Ok(None) => {}
            Err(()) => unknown = true,
        }
    }
    let total = groups.iter().fold(0u32, |a, b| a.saturating_add(*b));
    match (unknown, any) {
        (true, _) => (None, None),
        (false, true) => (Some(total), Some(groups)),
        (false, false) => (Some(1), None),
    }
}

/// The violation types of a type cell (several split on `,` `;` `|`), each
/// value through `lookup`; a value it does not know is `other`, warned. An
/// empty cell is one `other` violation.
pub(crate) fn violation_set(
    row: &dyn Fields,
    col: Option<usize>,
    lookup: &dyn Fn(&str) -> Option<ViolationType>,
    ctx: &mut RowCtx,
) -> u16 {
    let mut set = 0u16;
    for v in split_values(cells::text(row, col)) {
        match lookup(v) {
            Some(t) => set |= t.bit(),
            None => {
                ctx.warn(
                    col,
                    IssueCode::UnmappedPerpetrator,
                    Bi::new(
                        format!(
                            "{} is not a known violation type; counted as other",
                            quote(v)
                        ),
                        format!(
                            "{} n'est pas un type de violation connu ; compté comme autre",
                            guillemets(v)
                        ),
                    ),
                );
                set |= ViolationType::Other.bit();
            }
        }
    }
    if set == 0 {
        set = ViolationType::Other.bit();
    }
    set
}
