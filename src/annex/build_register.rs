//! Sections built from the analyst's assessment: 2 (footprint), 5 (the
//! register), 6 (flags) and 7 (benchmarks). Each is empty, and so left out,
//! for a data-only annex or when the assessment has nothing in it.

use super::build::Ctx;
use super::disclosure::single;
use super::{Block, Cell, Table};
use crate::assessment::benchmarks::BenchmarkStatus;
use crate::assessment::{BenchmarkMetric, Direction, SharingLevel, Successor, ThreatEntry};

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// The threat's name: type, and the actor group where it may be named.
fn threat_name(ctx: &Ctx, e: &ThreatEntry) -> String {
    match &e.actor_group {
        Some(g) if !g.trim().is_empty() => {
            if ctx.suppress && ctx.sensitive_actors.contains(g.trim()) {
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
                date(b.closed),
                Cell::Decimal(b.radius_km, 0),
                if b.closed.is_some() {
                    single(br.before, ctx.k, ctx.suppress)
                } else {
                    Cell::Empty
                },
                if b.closed.is_some() {
                    single(br.after, ctx.k, ctx.suppress)
                } else {
                    Cell::Empty
                },
                text(match (b.closed, br.cliff, br.after_complete) {
                    (None, _, _) => "open",
                    (Some(_), true, _) => "yes",
                    (Some(_), false, true) => "no",
                    (Some(_), false, false) => "no (data incomplete)",
                }),
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
    if !internal {
        notes.push("Base coordinates are not given at this sharing level.".into());
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

fn successors_text(e: &ThreatEntry) -> String {
    if e.successors.is_empty() {
        return "—".into();
    }
    e.successors
        .iter()
        .map(|(t, s)| format!("{t:?}: {}", s.label()))
        .collect::<Vec<_>>()
        .join("; ")
}

fn gap_text(e: &ThreatEntry) -> String {
    if !e.residual {
        return "—".into();
    }
    let tiers: Vec<_> = if e.tiers.is_empty() {
        e.successors.keys().copied().collect()
    } else {
        e.tiers.clone()
    };
    let gaps: Vec<String> = tiers
        .iter()
        .filter(|t| e.successors.get(t).is_none_or(|s| *s == Successor::None))
        .map(|t| format!("Tier {t:?}: no successor"))
        .collect();
    if e.successors.is_empty() && e.tiers.is_empty() {
        "no successor named".into()
    } else if gaps.is_empty() {
        "—".into()
    } else {
        gaps.join("; ")
    }
}

/// Section 5.
pub(super) fn register(ctx: &Ctx) -> Vec<Block> {
    let (Some(a), Some(r)) = (ctx.a, &ctx.review) else {
        return Vec::new();
    };
    if a.register.is_empty() {
        return Vec::new();
    }
    let residual = a.register.iter().filter(|e| e.residual).count();
    let mut blocks = vec![Block::Paragraph(format!(
        "{} threats are assessed, {} of them expected to persist after the mission leaves (residual). Likelihood and impact are the analyst's ratings (1–5); the suggestion computed from the last six months (METHODOLOGY §4) is shown beside them. Risk = likelihood × impact: 1–4 Low, 5–9 Medium, 10–16 High, 20–25 Very high.",
        a.register.len(),
        residual
    ))];
    let ratings = a
        .register
        .iter()
        .zip(&r.entries)
        .map(|(e, er)| {
            vec![
                text(format!("{}", e.id)),
                text(threat_name(ctx, e)),
                text(e.regions.join(", ")),
                Cell::Count(u64::from(er.analyst.likelihood)),
                Cell::Count(u64::from(er.analyst.impact)),
                text(format!("{} {}", er.analyst.risk, er.analyst.band.label())),
                text(format!(
                    "{}×{}",
                    er.suggested.likelihood, er.suggested.impact
                )),
                text(format!("{} {}", er.trend.arrow(), er.trend.key())),
                text(if e.residual { "yes" } else { "no" }),
            ]
        })
        .collect();
    blocks.push(Block::Table(Table::new(
        "register",
        "Residual-threat register: ratings",
        &[
            "#",
            "Threat",
            "Regions",
            "Likelihood",
            "Impact",
            "Risk",
            "Suggested L×I",
            "Trend",
            "Residual",
        ],
        ratings,
        vec![],
    )));
    let handover = a
        .register
        .iter()
        .map(|e| {
            vec![
                text(format!("{}", e.id)),
                text(
                    e.tiers
                        .iter()
                        .map(|t| format!("{t:?}"))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                text(successors_text(e)),
                e.capacity
                    .map_or(Cell::Empty, |c| Cell::Count(u64::from(c))),
                text(gap_text(e)),
                text(e.mitigation.clone()),
                text(e.review_date.map_or(String::new(), |d| d.to_string())),
            ]
        })
        .collect();
    blocks.push(Block::Table(Table::new(
        "handover",
        "Residual-threat register: tiers, successors and gaps",
        &["#", "Tiers", "Successor by tier", "Capacity (1–5)", "Gap", "Mitigation", "Review by"],
        handover,
        vec!["Tiers: I dialogue and engagement; II physical protection; III protective environment. Capacity of the successor: 1 none … 5 full.".into()],
    )));
    let rationales: Vec<String> = a
        .register
        .iter()
        .filter(|e| !e.rationale.trim().is_empty())
        .map(|e| format!("#{}: {}", e.id, e.rationale.trim()))
        .collect();
    if !rationales.is_empty() {
        blocks.push(Block::Heading("Rationale".into()));
        blocks.push(Block::Bullets(rationales));
    }
    blocks
}

/// Section 6.
pub(super) fn flags(ctx: &Ctx) -> Vec<Block> {
    let (Some(a), Some(r)) = (ctx.a, &ctx.review) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    for (e, er) in a.register.iter().zip(&r.entries) {
        let f = er.flags;
        let items = [
            (
                f.no_successor,
                "No successor",
                "A residual High or Very high threat with no one named to take over a tier it engages.",
            ),
            (
                f.successor_is_perpetrator,
                "Successor is perpetrator",
                "Host-state security forces are named successor for a threat they perpetrate.",
            ),
            (
                f.security_cliff,
                "Security cliff",
                "A base in the threat's regions closes, and civilian harm within its radius rose in the 12 months after.",
            ),
            (
                f.monitoring_gap,
                "Monitoring gap",
                "Every base in one of the threat's regions closes while civilian harm continues there.",
            ),
        ];
        for (on, name, why) in items {
            if on {
                rows.push(vec![
                    text(format!("{}", e.id)),
                    text(threat_name(ctx, e)),
                    text(e.regions.join(", ")),
                    text(name),
                    text(why),
                ]);
            }
        }
    }
    if rows.is_empty() {
        return Vec::new();
    }
    vec![
        Block::Paragraph(format!(
            "The workbench raises {} flags on the register (METHODOLOGY §5); each needs an answer in the transition plan.",
            rows.len()
        )),
        Block::Table(Table::new(
            "flags",
            "Flags raised on the register",
            &["#", "Threat", "Regions", "Flag", "What it means"],
            rows,
            vec![],
        )),
    ]
}

fn status(s: BenchmarkStatus) -> &'static str {
    match s {
        BenchmarkStatus::Met => "met",
        BenchmarkStatus::NotMet => "not met",
        BenchmarkStatus::InsufficientData => "insufficient data",
    }
}

/// Section 7.
pub(super) fn benchmarks(ctx: &Ctx) -> Vec<Block> {
    let (Some(a), Some(r)) = (ctx.a, &ctx.review) else {
        return Vec::new();
    };
    if a.benchmarks.is_empty() {
        return Vec::new();
    }
    let rows = a
        .benchmarks
        .iter()
        .zip(&r.benchmarks)
        .map(|(b, br)| {
            let later = r.benchmark_later(br);
            let measure = format!(
                "{} by {} in {} over {} months",
                match b.metric {
                    BenchmarkMetric::CivilianHarmEvents => "civilian-harm events",
                    BenchmarkMetric::CivilianFatalities => "civilian fatalities",
                },
                if b.perpetrators.is_empty() {
                    "all perpetrators".to_string()
                } else {
                    b.perpetrators
                        .iter()
                        .map(|t| t.label())
                        .collect::<Vec<_>>()
                        .join(", ")
                },
                if b.regions.is_empty() {
                    "all regions".to_string()
                } else {
                    b.regions.join(", ")
                },
                b.window_months
            );
            vec![
                text(b.name.clone()),
                text(br.kind()),
                text(measure),
                text(format!(
                    "{} {}",
                    match b.direction {
                        Direction::AtMost => "at most",
                        Direction::AtLeast => "at least",
                    },
                    b.threshold
                )),
                text(if b.monitor.trim().is_empty() {
                    "—".to_string()
                } else {
                    b.monitor.clone()
                }),
                single(br.value, ctx.k, ctx.suppress),
                text(status(br.status)),
                later.map_or(Cell::Empty, |l| single(l.value, ctx.k, ctx.suppress)),
                text(later.map_or(String::new(), |l| {
                    format!("{} (at {})", status(l.status), l.at)
                })),
            ]
        })
        .collect();
    vec![
        Block::Paragraph(format!(
            "Indicators to watch after exit. Core benchmarks measure what the mission and its successors can influence; contextual ones what they cannot. Values are evaluated over each window ending on the as-of date ({}){}.",
            r.as_of,
            if r.benchmarks_latest.is_empty() {
                String::new()
            } else {
                " and on the last date in the data".into()
            }
        )),
        Block::Table(Table::new(
            "benchmarks",
            "Benchmarks and indicators",
            &[
                "Benchmark",
                "Kind",
                "Measure",
                "Threshold",
                "Monitored by",
                "Value at as-of",
                "Status at as-of",
                "Latest value",
                "Latest status",
            ],
            rows,
            vec![],
        )),
    ]
}
