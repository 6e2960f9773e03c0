//! Sections built from the analyst's assessment: 2 (footprint) and 5 (the
//! register); 6 (flags) and 7 (benchmarks) are in `build_flags.rs`. Each is empty, and so left out,
//! for a data-only annex or when the assessment has nothing in it.

use super::build::Ctx;
use super::build_threats::implied;
use super::disclosure::single;
use super::{Block, Cell, Table};
use crate::assessment::footprint::cliff_rule;
use crate::assessment::review::Review;
use crate::assessment::sharing::RegisterColumn;
use crate::assessment::{Assessment, SharingLevel, Successor, ThreatEntry};

pub(super) fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// The threat's name: type, and the actor group where it may be named.
pub(super) fn threat_name(ctx: &Ctx, e: &ThreatEntry) -> String {
    match &e.actor_group {
        Some(g) if !g.trim().is_empty() => {
            if ctx.names.find(g).is_some() {
                format!(
                    "{} (group not named at this sharing level)",
                    e.perpetrator.label()
                )
            } else {
                format!("{}: {}", e.perpetrator.label(), g.trim())
            }
        }
        _ => e.perpetrator.label().to_string(),
    }
}

/// A free text as the annex prints it: at `internal` always; above, only
/// when the analyst cleared it for this level (METHODOLOGY §6), else
/// `None`. Cleared text is printed as written: the final screen refuses the
/// export if it holds a listed name.
pub(super) fn free_text(ctx: &Ctx, text: &str, cleared: Option<SharingLevel>) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return Some(String::new());
    }
    ctx.opts.level.allows(cleared).then(|| t.to_string())
}

/// Shown in place of a free text that is not cleared for this level.
pub(super) const NOT_CLEARED: &str = "(not cleared for this sharing level)";

/// The footprint table's before/after cells, as printed.
fn base_cells(ctx: &Ctx, closed: bool, before: u64, after: u64) -> (Cell, Cell) {
    if closed {
        (
            single(before, ctx.k, ctx.suppress),
            single(after, ctx.k, ctx.suppress),
        )
    } else {
        (Cell::Empty, Cell::Empty)
    }
}

/// Whether a base's cliff is decided by its printed counts (`None`: it
/// depends on a withheld one).
pub(super) fn base_cliff(ctx: &Ctx, closed: bool, before: u64, after: u64) -> Option<bool> {
    if !closed {
        return Some(false);
    }
    let (b, a) = base_cells(ctx, closed, before, after);
    implied(&[&b, &a], |v| cliff_rule(v[0], v[1]))
}

/// Section 2.
pub(super) fn footprint(ctx: &Ctx) -> Vec<Block> {
    let (Some(a), Some(r)) = (ctx.a, &ctx.review) else {
        return Vec::new();
    };
    if a.footprint.is_empty() {
        return Vec::new();
    }
    let closing = a.footprint.iter().filter(|b| b.closed.is_some()).count();
    let last = a.footprint.iter().filter_map(|b| b.closed).max();
    let mut blocks = vec![Block::Paragraph(format!(
        "The mission has {} bases in this assessment; {} close{}. Civilian-harm events (all perpetrators) within each base's radius are compared for the 12 months before and after its closure; a rise is a security cliff (section \"Flags\").",
        a.footprint.len(),
        closing,
        last.map_or(String::new(), |d| format!(", the last on {d}"))
    ))];
    let internal = ctx.opts.level == SharingLevel::Internal;
    let mut header = vec![
        "Base",
        "Region",
        "Opened",
        "Closed",
        "Radius (km)",
        "Events 12 months before",
        "Events 12 months after",
        "Security cliff",
    ];
    if internal {
        header.extend(["Latitude", "Longitude"]);
    }
    let rows = a
        .footprint
        .iter()
        .zip(&r.bases)
        .map(|(b, br)| {
            let date =
                |d: Option<chrono::NaiveDate>| text(d.map_or("—".to_string(), |d| d.to_string()));
            let mut row = vec![
                text(format!(
                    "{}{}",
                    b.name,
                    if b.illustrative { " †" } else { "" }
                )),
                text(b.region.clone()),
                date(b.opened),
                match b.closed {
                    Some(c) if c > ctx.as_of => text(format!("{c} (planned)")),
                    other => date(other),
                },
                Cell::Decimal(b.radius_km, 0),
                base_cells(ctx, b.closed.is_some(), br.before, br.after).0,
                // An after-window not over by the as-of date is not yet
                // observed (METHODOLOGY §5): no count, no flag.
                if b.closed.is_some() && !br.after_complete {
                    text("not yet observed")
                } else {
                    base_cells(ctx, b.closed.is_some(), br.before, br.after).1
                },
                match (
                    b.closed,
                    base_cliff(
                        ctx,
                        b.closed.is_some() && br.after_complete,
                        br.before,
                        br.after,
                    ),
                    br.after_complete,
                ) {
                    (None, _, _) => text("open"),
                    (Some(_), _, false) => text("not yet observed"),
                    (Some(_), None, _) => Cell::Hidden,
                    (Some(_), Some(true), _) => text("yes"),
                    (Some(_), Some(false), true) => text("no"),
                },
            ];
            if internal {
                row.push(Cell::Decimal(b.latitude, 4));
                row.push(Cell::Decimal(b.longitude, 4));
            }
            row
        })
        .collect();
    let mut notes = Vec::new();
    if a.footprint.iter().any(|b| b.illustrative) {
        notes
            .push("† Illustrative site or date (worked example), not the mission's record.".into());
    }
    if a.footprint
        .iter()
        .any(|b| b.closed.is_some_and(|c| c > ctx.as_of))
    {
        notes.push(format!("Planned: a closure after the as-of date. For such a base the 12 months before are the 12 months to the as-of date ({}), the data's last known months; the months after are not yet observed.", ctx.as_of));
    }
    if !internal {
        notes.push("Base coordinates are not given at this sharing level. A cliff is printed only where the counts as printed decide it (x: it depends on a withheld count).".into());
    }
    blocks.push(Block::Table(Table::new(
        "footprint",
        "Mission bases and civilian harm around them before and after closure",
        &header,
        rows,
        notes,
    )));
    blocks
}

/// A rating as printed: the analyst's, or `not rated` (METHODOLOGY §5:
/// never the suggestion in the analyst's columns).
fn rating(v: Option<u8>) -> Cell {
    v.map_or_else(|| text("not rated"), |x| Cell::Count(u64::from(x)))
}

/// Section 5.
pub(super) fn register(ctx: &Ctx) -> Vec<Block> {
    let (Some(a), Some(r)) = (ctx.a, &ctx.review) else {
        return Vec::new();
    };
    if a.register.is_empty() {
        return Vec::new();
    }
    let mut blocks = vec![
        Block::Paragraph(register_intro(ctx, a)),
        Block::Table(ratings_table(ctx, a, r)),
    ];
    blocks.extend(handover_table(ctx, a).map(Block::Table));
    blocks.extend(rationale_blocks(ctx, a));
    blocks
}

/// The register's opening paragraph: threats assessed, residual, rated.
fn register_intro(ctx: &Ctx, a: &Assessment) -> String {
    let has = |c: RegisterColumn| ctx.content.has(c);
    let residual = a.register.iter().filter(|e| e.residual).count();
    let unrated = a
        .register
        .iter()
        .filter(|e| e.likelihood.is_none() || e.impact.is_none())
        .count();
    let mut intro = format!(
        "{} threats are assessed, {} of them expected to persist after the mission leaves (residual). Likelihood and impact are the analyst's ratings (1–5){}. Risk = likelihood × impact: 1–4 Low, 5–9 Medium, 10–16 High, 20–25 Very high.",
        a.register.len(),
        residual,
        if has(RegisterColumn::Suggested) {
            "; the suggestion computed from the last six months (see \"Method and sources\") is shown beside them"
        } else {
            ""
        }
    );
    if unrated > 0 {
        intro.push_str(&format!(
            " {unrated} of them {} not rated yet by the analyst.",
            if unrated == 1 { "is" } else { "are" }
        ));
    }
    intro
}

/// The ratings table, with the columns that go at this level.
fn ratings_table(ctx: &Ctx, a: &Assessment, r: &Review) -> Table {
    let has = |c: RegisterColumn| ctx.content.has(c);
    // Ratings table: the columns that go at this level.
    let mut header = vec!["#", "Threat", "Regions"];
    let rating_cols = [
        RegisterColumn::Likelihood,
        RegisterColumn::Impact,
        RegisterColumn::Risk,
        RegisterColumn::Suggested,
        RegisterColumn::Trend,
        RegisterColumn::Residual,
    ];
    header.extend(rating_cols.iter().filter(|c| has(**c)).map(|c| c.label()));
    let ratings = a
        .register
        .iter()
        .zip(&r.entries)
        .map(|(e, er)| {
            let mut row = vec![
                text(format!("{}", e.id)),
                text(threat_name(ctx, e)),
                text(e.regions.join(", ")),
            ];
            let rated = e.likelihood.is_some() && e.impact.is_some();
            for c in rating_cols.iter().filter(|c| has(**c)) {
                row.push(match c {
                    RegisterColumn::Likelihood => rating(e.likelihood),
                    RegisterColumn::Impact => rating(e.impact),
                    RegisterColumn::Risk if rated => text(er.analyst.map_or_else(
                        || "not rated".to_string(),
                        |a| format!("{} {}", a.risk, a.band.label()),
                    )),
                    RegisterColumn::Risk => text("not rated"),
                    RegisterColumn::Suggested => text(er.suggested.map_or_else(
                        || "– (no data)".to_string(),
                        |s| format!("{}×{}", s.likelihood, s.impact),
                    )),
                    RegisterColumn::Trend => text(format!(
                        "{} {}",
                        er.trend.arrow(),
                        er.trend.key().replace('_', " ")
                    )),
                    _ => text(if e.residual { "yes" } else { "no" }),
                });
            }
            row
        })
        .collect();
    Table::new(
        "register",
        "Residual-threat register: ratings",
        &header,
        ratings,
        vec![],
    )
}

const TIERS_NOTE: &str =
    "Tiers: I dialogue and engagement; II physical protection; III protective environment.";

/// The register's second table (tiers, mitigation, review date), with the
/// columns that go at this level; `None` when none does.
fn handover_table(ctx: &Ctx, a: &Assessment) -> Option<Table> {
    let has = |c: RegisterColumn| ctx.content.has(c);
    // Successors, capacity and gaps per tier: the handover section.
    let hand_cols = [
        RegisterColumn::Tiers,
        RegisterColumn::Mitigation,
        RegisterColumn::ReviewBy,
    ];
    if !hand_cols.iter().any(|c| has(*c)) {
        return None;
    }
    let mut header = vec!["#"];
    header.extend(hand_cols.iter().filter(|c| has(**c)).map(|c| c.label()));
    let handover = a
        .register
        .iter()
        .map(|e| {
            let mut row = vec![text(format!("{}", e.id))];
            for c in hand_cols.iter().filter(|c| has(**c)) {
                row.push(match c {
                    RegisterColumn::Tiers => text(
                        e.tiers
                            .iter()
                            .map(|t| format!("{t:?}"))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                    RegisterColumn::Mitigation => text(
                        free_text(ctx, &e.mitigation, e.mitigation_cleared)
                            .unwrap_or_else(|| NOT_CLEARED.into()),
                    ),
                    _ => text(e.review_date.map_or(String::new(), |d| d.to_string())),
                });
            }
            row
        })
        .collect();
    let mut notes = Vec::new();
    if has(RegisterColumn::Tiers) {
        notes.push(TIERS_NOTE.to_string());
    }
    let named: Vec<&str> = hand_cols
        .iter()
        .filter(|c| has(**c))
        .map(|c| match c {
            RegisterColumn::Tiers => "tiers",
            RegisterColumn::Mitigation => "mitigation",
            _ => "review date",
        })
        .collect();
    let caption = format!("Residual-threat register: {}", named.join(", "));
    Some(Table::new("mitigation", &caption, &header, handover, notes))
}

/// The analysts' rationales cleared for this level, and how many were
/// left out.
fn rationale_blocks(ctx: &Ctx, a: &Assessment) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut withheld = 0;
    let rationales: Vec<String> = a
        .register
        .iter()
        .filter(|e| !e.rationale.trim().is_empty())
        .filter_map(
            |e| match free_text(ctx, &e.rationale, e.rationale_cleared) {
                Some(t) => Some(format!("#{}: {t}", e.id)),
                None => {
                    withheld += 1;
                    None
                }
            },
        )
        .collect();
    if !rationales.is_empty() || withheld > 0 {
        blocks.push(Block::Heading("Rationale".into()));
    }
    if !rationales.is_empty() {
        blocks.push(Block::Bullets(rationales));
    }
    if withheld > 0 {
        blocks.push(Block::Paragraph(format!(
            "{withheld} analyst rationale{} not cleared for this sharing level and left out.",
            if withheld == 1 { " is" } else { "s are" }
        )));
    }
    blocks
}

/// The handover section: per residual threat and per protection tier, the
/// successor, its capacity for that tier, the planned handover date and
/// the gap, with the columns that go at this level.
pub(super) fn handover(ctx: &Ctx) -> Vec<Block> {
    let Some(a) = ctx.a else {
        return Vec::new();
    };
    let has = |c: RegisterColumn| ctx.content.has(c);
    if !has(RegisterColumn::Successors) {
        return Vec::new();
    }
    let mut header = vec!["#", "Threat", "Tier", "Successor"];
    if has(RegisterColumn::Capacity) {
        header.push("Capacity (1 to 5)");
    }
    header.push("Planned handover");
    if has(RegisterColumn::Gap) {
        header.push("Gap");
    }
    let mut rows = Vec::new();
    for e in a.register.iter().filter(|e| e.residual) {
        let tiers: Vec<crate::assessment::Tier> = if e.tiers.is_empty() {
            e.successors.keys().copied().collect()
        } else {
            e.tiers.clone()
        };
        if tiers.is_empty() {
            let mut row = vec![
                text(format!("{}", e.id)),
                text(threat_name(ctx, e)),
                text("—"),
                text("none named"),
            ];
            if has(RegisterColumn::Capacity) {
                row.push(Cell::Empty);
            }
            row.push(text("—"));
            if has(RegisterColumn::Gap) {
                row.push(text("no tier or successor named"));
            }
            rows.push(row);
            continue;
        }
        for t in tiers {
            let successor = e.successors.get(&t).filter(|s| **s != Successor::None);
            let capacity = e.tier_capacity.get(&t).copied().or(e.capacity);
            let mut row = vec![
                text(format!("{}", e.id)),
                text(threat_name(ctx, e)),
                text(format!("{t:?}")),
                text(successor.map_or_else(|| "none".to_string(), |s| successor_name(ctx, s))),
            ];
            if has(RegisterColumn::Capacity) {
                row.push(match (successor, capacity) {
                    (Some(_), Some(c)) => Cell::Count(u64::from(c)),
                    _ => Cell::Empty,
                });
            }
            row.push(text(
                e.handover
                    .get(&t)
                    .map_or_else(|| "not set".to_string(), |d| d.to_string()),
            ));
            if has(RegisterColumn::Gap) {
                row.push(text(tier_gap(e, successor, capacity)));
            }
            rows.push(row);
        }
    }
    if rows.is_empty() {
        return vec![Block::Paragraph(
            "No threat is expected to persist after the mission leaves: there is nothing to hand over."
                .to_string(),
        )];
    }
    let mut notes = vec![TIERS_NOTE.to_string()];
    if has(RegisterColumn::Capacity) {
        notes.push(
            "Capacity of the successor for that tier: 1 none … 5 full (the analyst's rating)."
                .to_string(),
        );
    }
    if has(RegisterColumn::Gap) {
        notes.push("Gap: no successor; a successor rated 2 or lower; or host-state security forces taking over a threat they perpetrate.".to_string());
    }
    vec![
        Block::Paragraph(
            "Who takes over each protection task of the residual threats, tier by tier, and where no one does."
                .to_string(),
        ),
        Block::Table(Table::new(
            "handover",
            "Handover by protection tier",
            &header,
            rows,
            notes,
        )),
    ]
}

/// A successor's name as printed: an "other" successor is typed by the
/// analyst and screened.
fn successor_name(ctx: &Ctx, s: &Successor) -> String {
    match s {
        Successor::Other(x) if ctx.names.find(x).is_some() => {
            "Other (not named at this sharing level)".to_string()
        }
        _ => s.label(),
    }
}

/// The gap of one tier's handover.
fn tier_gap(e: &ThreatEntry, successor: Option<&Successor>, capacity: Option<u8>) -> String {
    match successor {
        None => "no successor".to_string(),
        Some(Successor::HostStateSecurityForces)
            if e.perpetrator == crate::model::perpetrator::PerpetratorType::StateForces =>
        {
            "successor is the perpetrator".to_string()
        }
        Some(_) => match capacity {
            Some(c) if c <= 2 => format!("weak capacity ({c})"),
            _ => "—".to_string(),
        },
    }
}
