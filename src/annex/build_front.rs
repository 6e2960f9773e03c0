//! The annex's front matter: document control (number, version, date,
//! classification, who prepared and cleared it) and the key judgements a
//! planner reads first — the residual threats that matter most, in plain
//! sentences from the register, or as the analyst rewrote them.

use super::build::Ctx;
use super::build_register::{free_text, threat_name};
use super::{Block, Cell, Table};
use crate::analysis::scores::{RiskBand, Trend};
use crate::assessment::review::{EntryReview, Flag};
use crate::assessment::sharing::RegisterColumn;
use crate::assessment::{Successor, ThreatEntry};

/// How many threats the generated key judgements name.
const KEY_THREATS: usize = 5;

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// Document control: one table of what a records officer and a reader
/// need to identify the document and who answers for it.
pub(super) fn control(ctx: &Ctx) -> Vec<Block> {
    let Some(a) = ctx.a else {
        return Vec::new();
    };
    let or_dash = |s: &str| {
        if s.trim().is_empty() {
            "—".to_string()
        } else {
            s.trim().to_string()
        }
    };
    let recipients = if ctx.opts.recipients.is_empty() {
        "as the classification allows".to_string()
    } else {
        ctx.opts.recipients.join("; ")
    };
    let rows = vec![
        vec![text("Document"), text(a.meta.title.clone())],
        vec![
            text("Document number"),
            text(or_dash(&a.meta.document_number)),
        ],
        vec![text("Version"), text(or_dash(&a.meta.version))],
        vec![text("Date"), text(ctx.opts.generated.to_string())],
        vec![
            text("Classification"),
            text(super::classification_line(ctx.opts.level)),
        ],
        vec![
            text("Mission and country"),
            text(format!("{} · {}", a.meta.mission, a.meta.country)),
        ],
        vec![
            text("Period and as-of date"),
            text(format!("{} (as of {})", ctx.period(), ctx.as_of)),
        ],
        vec![
            text("Prepared by"),
            text(or_dash(&a.meta.authors.join("; "))),
        ],
        vec![
            text("Cleared by"),
            text(if a.meta.cleared_by.trim().is_empty() {
                "not yet cleared".to_string()
            } else {
                a.meta.cleared_by.trim().to_string()
            }),
        ],
        vec![text("Distribution"), text(recipients)],
    ];
    vec![Block::Table(Table::new(
        "document-control",
        "Document control",
        &["Item", "Entry"],
        rows,
        Vec::new(),
    ))]
}

/// The key judgements: the analyst's own where written and cleared for
/// this level, else generated from the register.
pub(super) fn key_judgements(ctx: &Ctx) -> Vec<Block> {
    let (Some(a), Some(r)) = (ctx.a, &ctx.review) else {
        return Vec::new();
    };
    let written: Vec<String> = a
        .meta
        .key_judgements
        .iter()
        .filter(|k| !k.trim().is_empty())
        .cloned()
        .collect();
    if !written.is_empty() {
        let cleared: Option<Vec<String>> = written
            .iter()
            .map(|k| free_text(ctx, k, a.meta.key_judgements_cleared))
            .collect();
        if let Some(items) = cleared {
            return vec![
                Block::Paragraph(
                    "The analyst's key judgements, from the register below.".to_string(),
                ),
                Block::Bullets(items),
            ];
        }
    }
    let residual: Vec<(&ThreatEntry, &EntryReview)> = a
        .register
        .iter()
        .zip(&r.entries)
        .filter(|(e, _)| e.residual)
        .collect();
    if residual.is_empty() {
        if a.register.is_empty() {
            return Vec::new();
        }
        return vec![Block::Paragraph(
            "The analyst expects none of the threats assessed to persist after the mission leaves."
                .to_string(),
        )];
    }
    let mut ranked = residual.clone();
    // Highest analyst risk first; unrated last; then register order.
    ranked.sort_by_key(|(e, _)| std::cmp::Reverse(analyst_risk(e).unwrap_or(0)));
    let high = residual
        .iter()
        .filter(|(e, _)| analyst_risk(e).is_some_and(|x| RiskBand::of(x) >= RiskBand::High))
        .count();
    let gaps = residual
        .iter()
        .filter(|(e, _)| !uncovered_tiers(e).is_empty())
        .count();
    let mut opening = format!(
        "{} of the {} threats assessed are expected to persist after the mission leaves; {} of them rated High or Very high by the analyst",
        residual.len(),
        a.register.len(),
        high
    );
    if ctx.content.has(RegisterColumn::Gap) || ctx.content.has(RegisterColumn::Successors) {
        opening.push_str(&format!(
            ", and {gaps} with a protection tier no one is named to take over"
        ));
    }
    opening.push_str(&format!(
        ". The {} that matter most:",
        if ranked.len().min(KEY_THREATS) == 1 {
            "one".to_string()
        } else {
            format!("{}", ranked.len().min(KEY_THREATS))
        }
    ));
    let items = ranked
        .iter()
        .take(KEY_THREATS)
        .map(|(e, er)| judgement(ctx, e, er))
        .collect();
    let mut blocks = vec![Block::Paragraph(opening), Block::Bullets(items)];
    if !ctx.suppress {
        blocks.push(Block::Paragraph(
            "Generated from the register (ratings, successors and flags); the analyst can replace these with their own judgements in the assessment."
                .to_string(),
        ));
    }
    blocks
}

/// The analyst's risk, where both ratings are set.
fn analyst_risk(e: &ThreatEntry) -> Option<u8> {
    Some(e.likelihood? * e.impact?)
}

/// The tiers an entry engages with no successor named.
fn uncovered_tiers(e: &ThreatEntry) -> Vec<crate::assessment::Tier> {
    let tiers: Vec<_> = if e.tiers.is_empty() {
        e.successors.keys().copied().collect()
    } else {
        e.tiers.clone()
    };
    tiers
        .into_iter()
        .filter(|t| e.successors.get(t).is_none_or(|s| *s == Successor::None))
        .collect()
}

fn trend_words(t: Trend) -> &'static str {
    match t {
        Trend::New => "newly recorded in the last six months",
        Trend::Rising => "rising",
        Trend::Stable => "stable",
        Trend::Falling => "falling",
        Trend::NoData => "with no trend (the data do not cover the last months)",
    }
}

/// One threat in a sentence: who, where, the analyst's risk, its trend
/// (where the level shows trends), who takes over and the flags.
fn judgement(ctx: &Ctx, e: &ThreatEntry, er: &EntryReview) -> String {
    let has = |c: RegisterColumn| ctx.content.has(c);
    let regions = match e.regions.len() {
        0 => "all regions".to_string(),
        1 => e.regions[0].clone(),
        n => format!("{} and {}", e.regions[..n - 1].join(", "), e.regions[n - 1]),
    };
    let mut s = format!("{} in {regions}: ", threat_name(ctx, e));
    match analyst_risk(e) {
        Some(x) if has(RegisterColumn::Risk) => {
            s.push_str(&format!("{} risk ({x})", RiskBand::of(x).label()));
        }
        Some(_) => s.push_str("rated by the analyst"),
        None => s.push_str("not yet rated by the analyst"),
    }
    if has(RegisterColumn::Trend) {
        s.push_str(&format!(", {}", trend_words(er.trend)));
    }
    if has(RegisterColumn::Successors) && !e.successors.is_empty() {
        let named: Vec<String> = e
            .successors
            .iter()
            .filter(|(_, s)| **s != Successor::None)
            .map(|(t, s)| {
                let who = match s {
                    Successor::Other(x) if ctx.names.find(x).is_some() => {
                        "another actor (not named at this sharing level)".to_string()
                    }
                    Successor::Other(x) => x.trim().to_string(),
                    Successor::UnCountryTeam => "the UN country team".to_string(),
                    Successor::Ohchr => "OHCHR".to_string(),
                    _ => s.label().to_lowercase(),
                };
                format!("tier {t:?} to {who}")
            })
            .collect();
        if !named.is_empty() {
            s.push_str(&format!("; handed over: {}", named.join(", ")));
        }
    }
    let uncovered = uncovered_tiers(e);
    if (has(RegisterColumn::Gap) || has(RegisterColumn::Successors)) && !uncovered.is_empty() {
        s.push_str(&format!(
            "; no one takes over tier {}",
            uncovered
                .iter()
                .map(|t| format!("{t:?}"))
                .collect::<Vec<_>>()
                .join(" or ")
        ));
    }
    // Above internal only the flags that come from ratings and successors,
    // not from counts, and only where the flags section goes.
    let flags: Vec<&str> = if ctx.content.sections.wants(super::build::SectionId::Flags) {
        er.flags
            .raised()
            .into_iter()
            .filter(|f| {
                !ctx.suppress || matches!(f, Flag::NoSuccessor | Flag::SuccessorIsPerpetrator)
            })
            .map(Flag::label)
            .collect()
    } else {
        Vec::new()
    };
    if !flags.is_empty() {
        s.push_str(&format!(" (flags: {})", flags.join(", ")));
    }
    s.push('.');
    s
}

/// The key judgements the annex would generate for this assessment at
/// `internal` (for the window's "Fill from the register"): the opening
/// sentence, then one item per threat.
pub fn generated_key_judgements(
    a: &crate::assessment::Assessment,
    ws: &crate::analysis::Workspace,
    today: chrono::NaiveDate,
) -> Vec<String> {
    let mut a = a.clone();
    a.meta.key_judgements.clear();
    let mut opts = super::AnnexOptions::for_assessment(&a, today);
    opts.level = crate::assessment::SharingLevel::Internal;
    opts.sections = super::Sections::of([super::build::SectionId::KeyJudgements]);
    let annex = super::build(Some(&a), ws, &opts);
    annex
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Bullets(v) => Some(v.clone()),
            _ => None,
        })
        .flatten()
        .collect()
}
