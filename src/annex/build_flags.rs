//! Sections 6 (flags) and 7 (benchmarks), from the assessment and its
//! review. Above `internal`, a flag or a status computed from counts is
//! stated only where the counts as printed decide it (METHODOLOGY §6).

use super::Block;
use super::Cell;
use super::Table;
use super::build::Ctx;
use super::build_register::{base_cliff, not_cleared, text, threat_name};
use super::build_threats::implied;
use super::disclosure::single;
use crate::assessment::benchmarks::BenchmarkStatus;
use crate::assessment::review::{BenchmarkReview, Review, harm_continues};
use crate::assessment::{Benchmark, BenchmarkMetric, Direction, ThreatEntry};

/// A flag as the annex can state it: on, off, or not decided by the counts
/// it prints (above `internal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FlagState {
    On,
    Off,
    Withheld,
}

fn state(x: Option<bool>) -> FlagState {
    match x {
        Some(true) => FlagState::On,
        Some(false) => FlagState::Off,
        None => FlagState::Withheld,
    }
}

/// The flags of one entry as printed. At `internal` they are the review's;
/// above, the ones computed from counts are re-derived from the printed
/// counts (METHODOLOGY §6) and withheld where those do not decide them.
fn entry_flags(
    ctx: &Ctx,
    e: &ThreatEntry,
    er: &crate::assessment::review::EntryReview,
) -> [FlagState; 4] {
    let f = er.flags;
    let plain = |b: bool| if b { FlagState::On } else { FlagState::Off };
    let (Some(a), Some(r), true) = (ctx.a, &ctx.review, ctx.suppress) else {
        return [
            plain(f.no_successor),
            plain(f.successor_is_perpetrator),
            plain(f.security_cliff),
            plain(f.monitoring_gap),
        ];
    };
    // Flags are raised on residual entries only (METHODOLOGY §5).
    if !e.residual {
        return [FlagState::Off; 4];
    }
    // No successor: from the analyst's ratings only (an unrated entry's
    // suggestion comes from counts the annex does not print).
    let rated = e.likelihood.is_some() && e.impact.is_some();
    let no_successor = if rated || !f.no_successor && !e.residual {
        plain(f.no_successor)
    } else {
        FlagState::Withheld
    };
    // Security cliff: any base in the threat's regions whose printed counts
    // decide a cliff.
    let mut cliff = Some(false);
    for (b, br) in a.footprint.iter().zip(&r.bases) {
        if !e.regions.contains(&b.region) {
            continue;
        }
        match base_cliff(
            ctx,
            b.closed.is_some() && br.after_complete,
            br.before,
            br.after,
        ) {
            Some(true) => {
                cliff = Some(true);
                break;
            }
            Some(false) => {}
            None => cliff = None,
        }
    }
    // Monitoring gap: a region whose bases all close, with harm there
    // decided by the printed trend counts.
    let m = &ctx.matrix;
    let mut gap = Some(false);
    if let Some(p) = &ctx.pattern {
        for region in &e.regions {
            let here: Vec<_> = a.footprint.iter().filter(|b| &b.region == region).collect();
            if here.is_empty() || !here.iter().all(|b| b.closed.is_some()) {
                continue;
            }
            let decided = match m.regions.iter().position(|x| x == region) {
                Some(i) => {
                    let ids = p.trend_regions[i];
                    implied(&[&p.cell(ids[0]), &p.cell(ids[1])], |v| {
                        harm_continues(v[0], v[1])
                    })
                }
                None => Some(false),
            };
            match decided {
                Some(true) => {
                    gap = Some(true);
                    break;
                }
                Some(false) => {}
                None => gap = None,
            }
        }
    }
    [
        no_successor,
        plain(f.successor_is_perpetrator),
        state(cliff),
        state(gap),
    ]
}

/// Whether the annex states a monitoring gap for an entry.
pub(super) fn monitoring_gap_stated(
    ctx: &Ctx,
    e: &ThreatEntry,
    er: &crate::assessment::review::EntryReview,
) -> bool {
    entry_flags(ctx, e, er)[3] == FlagState::On
}

/// Section 6.
pub(super) fn flags(ctx: &Ctx) -> Vec<Block> {
    let (Some(a), Some(r)) = (ctx.a, &ctx.review) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    let (mut on, mut withheld) = (0, 0);
    for (e, er) in a.register.iter().zip(&r.entries) {
        let states = entry_flags(ctx, e, er);
        let items = [
            (
                "No successor",
                "A residual High or Very high threat with no one named to take over a tier it engages.",
            ),
            (
                "Successor is perpetrator",
                "Host-state security forces are named successor for a threat they perpetrate.",
            ),
            (
                "Security cliff",
                "A base in the threat's regions closes, and civilian harm within its radius rose in the 12 months after.",
            ),
            (
                "Monitoring gap",
                "Every base in one of the threat's regions closes while civilian harm continues there.",
            ),
        ];
        for (st, (name, why)) in states.into_iter().zip(items) {
            let why = match st {
                FlagState::Off => continue,
                FlagState::On => {
                    on += 1;
                    why.to_string()
                }
                FlagState::Withheld => {
                    withheld += 1;
                    "Withheld at this sharing level: whether it is raised depends on counts the annex withholds.".to_string()
                }
            };
            rows.push(vec![
                text(format!("{}", e.id)),
                text(threat_name(ctx, e)),
                text(e.regions.join(", ")),
                text(name),
                text(why),
            ]);
        }
    }
    if rows.is_empty() {
        return Vec::new();
    }
    let mut intro = format!(
        "The workbench raises {on} flag{} on the register (rules in \"Method and sources\"); each needs an answer in the transition plan.",
        if on == 1 { "" } else { "s" }
    );
    if withheld > 0 {
        intro.push_str(&format!(
            " {withheld} more {} not stated at this sharing level.",
            if withheld == 1 { "is" } else { "are" }
        ));
    }
    vec![
        Block::Paragraph(intro),
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
    // After the as-of date is hindsight: internal only, and apart, under
    // its own heading (METHODOLOGY §5: the back-test).
    let hindsight = !ctx.suppress && !r.benchmarks_latest.is_empty();
    // The baseline (the same window a year earlier) is a count no other
    // table ties down: internal only, like every unaudited figure.
    let baseline_at = (!ctx.suppress)
        .then(|| r.as_of.checked_sub_months(chrono::Months::new(12)))
        .flatten();
    let mut placed = Vec::new();
    let rows = a
        .benchmarks
        .iter()
        .zip(&r.benchmarks)
        .enumerate()
        .map(|(i, (b, br))| {
            let mut row = benchmark_row(ctx, i, b, br, &mut placed);
            if let Some(at) = baseline_at {
                let base = crate::assessment::benchmarks::benchmark_review(ctx.ws, b, at);
                row.insert(
                    4,
                    if base.status == BenchmarkStatus::InsufficientData {
                        text("no data")
                    } else {
                        Cell::Count(base.value)
                    },
                );
            }
            row
        })
        .collect();
    let mut header = vec![
        "Benchmark",
        "Kind",
        "Measure",
        "Target",
        "Monitored by",
        "Measured",
        "Value at as-of",
        "Status at as-of",
    ];
    if baseline_at.is_some() {
        header.insert(4, "Baseline");
    }
    // Placed figures sit one column further right past the baseline.
    if baseline_at.is_some() {
        for f in &mut placed {
            f.1 += 1;
        }
    }
    let mut notes = Vec::new();
    if let Some(at) = baseline_at {
        notes.push(format!("Baseline: the same measure over the window ending on {at}, a year before the as-of date. Measured: how often the monitor is to measure it after exit."));
    }
    if ctx.suppress {
        notes.push("A status is printed only where the value as printed decides it (x: it depends on a withheld count). Benchmark names and monitors are free text, printed only where the analyst cleared them for this level.".to_string());
    }
    let mut table = Table::new(
        "benchmarks",
        "Benchmarks and indicators",
        &header,
        rows,
        notes,
    );
    table.figures = placed;
    let mut blocks = vec![
        Block::Paragraph(format!(
            "Indicators to watch after exit. Core benchmarks measure what the mission and its successors can influence; contextual ones what they cannot. Values are evaluated over each window ending on the as-of date ({}).",
            r.as_of,
        )),
        Block::Table(table),
    ];
    if hindsight {
        blocks.extend(hindsight_blocks(a, r));
    }
    blocks
}

/// Internal only: what the data after the as-of date show, apart from
/// everything else and labelled as hindsight (METHODOLOGY §5).
fn hindsight_blocks(a: &crate::assessment::Assessment, r: &Review) -> Vec<Block> {
    let rows: Vec<Vec<Cell>> = a
        .benchmarks
        .iter()
        .zip(&r.benchmarks)
        .filter_map(|(b, br)| {
            let later = r.benchmark_later(br)?;
            Some(vec![
                text(b.name.clone()),
                Cell::Count(br.value),
                text(status(br.status)),
                text(later.at.to_string()),
                Cell::Count(later.value),
                text(status(later.status)),
            ])
        })
        .collect();
    let mut blocks = vec![
        Block::Heading(format!("Back-test: hindsight after {}", r.as_of)),
        Block::Paragraph(format!(
            "The loaded data run past the as-of date. What they show later was not known on {}: it tests the assessment, and nothing above uses it.",
            r.as_of
        )),
    ];
    if !rows.is_empty() {
        blocks.push(Block::Table(Table::new(
            "benchmarks-hindsight",
            "Benchmarks at the as-of date and at the last date in the data (hindsight)",
            &[
                "Benchmark",
                "Value at as-of",
                "Status at as-of",
                "Last date",
                "Value then",
                "Status then",
            ],
            rows,
            Vec::new(),
        )));
    }
    let tested: Vec<Vec<Cell>> = r
        .backtest
        .iter()
        .filter_map(|t| {
            let &(months, events, fatalities, observed, complete) =
                t.windows.iter().find(|w| w.0 == 12)?;
            Some(vec![
                text(format!("#{}", t.id)),
                text(t.perpetrator.label().to_string()),
                t.predicted_likelihood.map_or_else(
                    || text("not rated".to_string()),
                    |l| Cell::Count(u64::from(l)),
                ),
                Cell::Count(events),
                Cell::Count(fatalities),
                Cell::Count(u64::from(observed)),
                text(if complete {
                    t.verdict.clone()
                } else {
                    format!("{} ({months} months not all in the data)", t.verdict)
                }),
            ])
        })
        .collect();
    if !tested.is_empty() {
        blocks.push(Block::Table(Table::new(
            "register-hindsight",
            "Register back-test: the analyst's likelihood against the 12 months after the as-of date (hindsight)",
            &[
                "#",
                "Threat",
                "Analyst likelihood",
                "Events, 12 months after",
                "Civilian fatalities",
                "Likelihood observed",
                "Verdict",
            ],
            tested,
            vec!["Observed likelihood: the suggestion rule (see \"Method and sources\") applied to the 12 months after the as-of date. Right: within one step of the analyst's likelihood.".to_string()],
        )));
    }
    blocks
}

/// What a benchmark measures, in words: metric, perpetrators, regions and
/// window.
fn benchmark_measure(b: &Benchmark) -> String {
    format!(
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
    )
}

/// One benchmark's row: name and monitor as cleared for the level, the
/// value at the as-of date (a pattern figure, placed, when there is one),
/// the status that value decides, and the latest value and status when
/// shown.
fn benchmark_row(
    ctx: &Ctx,
    i: usize,
    b: &Benchmark,
    br: &BenchmarkReview,
    placed: &mut Vec<(usize, usize, usize)>,
) -> Vec<Cell> {
    let measure = benchmark_measure(b);
    let cleared = ctx.opts.level.allows(b.text_cleared);
    let name = if cleared {
        b.name.clone()
    } else {
        format!("Benchmark {}", i + 1)
    };
    let monitor = if b.monitor.trim().is_empty() {
        "—".to_string()
    } else if cleared {
        b.monitor.clone()
    } else {
        not_cleared(ctx.lang).to_string()
    };
    let value = match ctx
        .pattern
        .as_ref()
        .filter(|_| br.status != BenchmarkStatus::InsufficientData)
        .and_then(|p| {
            p.benchmarks
                .get(i)
                .copied()
                .flatten()
                .map(|id| (id, p.cell(id)))
        }) {
        Some((id, c)) => {
            placed.push((i, 6, id));
            c
        }
        // No value where the data do not cover the window.
        None if br.status == BenchmarkStatus::InsufficientData => text("–"),
        None => single(br.value, ctx.k, ctx.suppress),
    };
    // The status as the printed value decides it.
    let st = match br.status {
        BenchmarkStatus::InsufficientData => Some(status(br.status)),
        _ => implied(&[&value], |v| {
            let met = match b.direction {
                Direction::AtMost => v[0] <= b.threshold,
                Direction::AtLeast => v[0] >= b.threshold,
            };
            if met { "met" } else { "not met" }
        }),
    };
    vec![
        text(name),
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
        text(monitor),
        text(
            b.frequency
                .map_or("not set", crate::assessment::Frequency::label),
        ),
        value,
        st.map_or(Cell::Hidden, text),
    ]
}
