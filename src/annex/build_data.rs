//! Sections built from the data alone: 1 (scope, sources, caveats) and 4
//! (effects on civilians); section 3 is in `build_threats.rs`.

use super::build::Ctx;
use super::disclosure::protect_list;
use super::pattern::KINDS;
use super::{Block, Cell, Table, group_thousands, level_key};
use crate::analysis::Workspace;
use crate::analysis::matrix::for_each_selected;
use crate::assessment::SharingLevel;
use crate::model::dates::from_day_number;
use crate::model::{GeoPrecision, HarmKind, PerpetratorType, SourceFormat, TimePrecision};
use std::collections::BTreeSet;

/// The type's label without its parenthesis, for table headers.
pub(super) fn short_label(t: PerpetratorType) -> &'static str {
    let l = t.label();
    l.split(" (").next().unwrap_or(l)
}

/// Actors named in sexual-violence, abduction or child-rights records
/// (METHODOLOGY §6–7): by the source's kind of harm, and for monitoring
/// logs by any of the record's violation types (an incident of killing and
/// rape is a sexual-violence record too).
pub(super) fn sensitive_actors(ws: &Workspace) -> BTreeSet<String> {
    use crate::model::monitoring::ViolationType as V;
    let mask = V::SexualViolence.bit()
        | V::Abduction.bit()
        | V::Recruitment.bit()
        | V::AttackOnSchool.bit();
    let mut out = BTreeSet::new();
    for d in &ws.datasets {
        let inc = &d.incidents;
        let logs = !inc.monitoring.is_empty();
        for i in 0..inc.len() {
            if matches!(
                inc.harm_kind_at(i),
                HarmKind::SexualViolence | HarmKind::Abduction
            ) || (logs && inc.monitoring.violations_at(i) & mask != 0)
            {
                out.insert(inc.names.get(inc.actor[i]).to_string());
                out.insert(inc.names.get(inc.counterpart[i]).to_string());
            }
        }
    }
    out.remove("");
    out
}

fn file_name(p: &std::path::Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().to_string(),
    )
}

/// Who publishes a kind of source, as the annex names it above `internal`.
pub(super) fn publisher(f: SourceFormat) -> &'static str {
    match f {
        SourceFormat::Acled => "ACLED (Armed Conflict Location & Event Data)",
        SourceFormat::Ucdp => "UCDP (Uppsala Conflict Data Program), Georeferenced Event Dataset",
        _ => "Another source (a monitoring log or table)",
    }
}

/// A source's kind as a reader names it: "UCDP GED (HDX copy)", not the
/// importer's layout string.
fn source_kind(d: &crate::model::Dataset) -> String {
    let kind = match d.meta.format {
        SourceFormat::Acled => "ACLED export",
        SourceFormat::Ucdp => "UCDP GED",
        _ => "Other source (analyst's column mapping)",
    };
    let layout = d.meta.layout.to_ascii_lowercase();
    if layout.contains("hdx") || layout.contains("hxl") {
        format!("{kind} (HDX copy)")
    } else {
        kind.to_string()
    }
}

fn pct(n: u64, d: u64) -> String {
    if d == 0 {
        "0%".into()
    } else {
        format!("{:.0}%", n as f64 * 100.0 / d as f64)
    }
}

/// Section 1.
pub(super) fn scope(ctx: &Ctx) -> Vec<Block> {
    let mut b = Vec::new();
    b.push(Block::Paragraph(match ctx.a {
        Some(a) => {
            // Blank details never leave a gap in the sentence ("after  draws
            // down in ,"): they are named generically.
            let or = |s: &str, d: &str| {
                let t = s.trim();
                if t.is_empty() { d.to_string() } else { t.to_string() }
            };
            format!(
                "This annex sets out the threats to civilians expected to remain after {} draws down{}, who perpetrates them, where, and whether they are rising or falling; it names who takes over each protection task and where no one does. It supports the residual-threat section of the transition plan.",
                or(&a.meta.mission, "the mission"),
                match a.meta.country.trim() {
                    "" => String::new(),
                    c => format!(" in {c}"),
                }
            )
        }
        None => "This data annex sets out civilian harm by perpetrator type and region, with trends, from the datasets listed below. It carries no analyst ratings.".into(),
    }));
    b.push(Block::Paragraph(format!(
        "Period: {}. Trends compare the six months ending on {} with the six months before. Regions are first-level administrative units (admin 1). Counts are civilian-harm events and civilian fatalities as defined in section \"Method and sources\". Sharing level: {}{}.",
        ctx.period(),
        ctx.as_of,
        level_key(ctx.opts.level),
        if ctx.suppress {
            format!("; counts from 1 to {} are shown as <{} and some other cells as x (see the method)", ctx.k - 1, ctx.k)
        } else {
            String::new()
        }
    )));
    b.extend(sources_table(ctx));
    b.push(Block::Heading("Coverage and caveats".into()));
    b.push(Block::Bullets(caveats(ctx)));
    if let Some(a) = ctx.a
        && ctx.opts.level == SharingLevel::Internal
        && !a.meta.notes.trim().is_empty()
    {
        b.push(Block::Heading("Analyst notes (internal only)".into()));
        b.push(Block::Paragraph(a.meta.notes.trim().to_string()));
    }
    b
}

/// The dates of `d` the annex uses: its first to its last row, cut at the
/// as-of date (later rows serve only the back-test).
fn used_span(ctx: &Ctx, d: &crate::model::Dataset) -> Option<(i32, i32)> {
    let as_of = crate::model::dates::day_number(ctx.as_of);
    d.date_span()
        .map(|(a, b)| (a, b.min(as_of)))
        .filter(|(a, b)| a <= b)
}

/// A note under the sources table where a file runs past the as-of date.
fn past_as_of_note(ctx: &Ctx) -> Vec<String> {
    let as_of = crate::model::dates::day_number(ctx.as_of);
    if ctx
        .ws
        .datasets
        .iter()
        .any(|d| d.date_span().is_some_and(|(_, b)| b > as_of))
    {
        vec![format!(
            "Rows read, kept and rejected count whole files as imported. Rows dated after the as-of date ({}) are not used in this annex, except in the back-test marked as hindsight.",
            ctx.as_of
        )]
    } else {
        Vec::new()
    }
}

/// The sources table: above internal, publisher, kind and period (by
/// month), no file names or exact dates (METHODOLOGY §6); at internal, each
/// file with its rows read, kept and rejected. `None` with no dataset.
fn sources_table(ctx: &Ctx) -> Option<Block> {
    let ws = ctx.ws;
    if ctx.suppress {
        let month = |x: Option<i32>| {
            x.and_then(from_day_number)
                .map_or(String::new(), |d| d.format("%Y-%m").to_string())
        };
        let rows: Vec<Vec<Cell>> = ws
            .datasets
            .iter()
            .map(|d| {
                let span = used_span(ctx, d);
                vec![
                    Cell::Text(publisher(d.meta.format).into()),
                    Cell::Text(
                        match d.meta.format {
                            SourceFormat::Acled | SourceFormat::Ucdp => "conflict events",
                            _ => "incidents",
                        }
                        .into(),
                    ),
                    Cell::Text(format!(
                        "{} to {}",
                        month(span.map(|s| s.0)),
                        month(span.map(|s| s.1))
                    )),
                ]
            })
            .collect();
        if !rows.is_empty() {
            return Some(Block::Table(Table::new(
                "sources",
                "Sources: publisher, kind of data and the months they cover",
                &["Publisher", "Kind", "Period"],
                rows,
                vec![],
            )));
        }
    } else {
        let rows: Vec<Vec<Cell>> = ws
            .datasets
            .iter()
            .map(|d| {
                let span = used_span(ctx, d);
                let date = |x: Option<i32>| {
                    x.and_then(from_day_number)
                        .map_or(String::new(), |d| d.to_string())
                };
                vec![
                    Cell::Text(file_name(&d.meta.path)),
                    Cell::Text(source_kind(d)),
                    Cell::Count(d.report.rows_read),
                    Cell::Count(d.report.kept),
                    Cell::Count(d.report.rejected),
                    Cell::Text(date(span.map(|s| s.0))),
                    Cell::Text(date(span.map(|s| s.1))),
                ]
            })
            .collect();
        if !rows.is_empty() {
            return Some(Block::Table(Table::new(
                "sources",
                "Sources: rows read, kept and rejected on import (rows read = kept + rejected)",
                &[
                    "Source file",
                    "Format",
                    "Rows read",
                    "Kept",
                    "Rejected",
                    "First date",
                    "Last date used",
                ],
                rows,
                past_as_of_note(ctx),
            )));
        }
    }
    None
}

/// The coverage and caveats bullets: precision, what the sources leave out,
/// unreadable fatalities, repeats, a monitoring gap stated.
fn caveats(ctx: &Ctx) -> Vec<String> {
    let ws = ctx.ws;
    let mut caveats = Vec::new();
    if ctx.matrix.total.events == 0 {
        caveats.push(format!(
            "No civilian-harm event is recorded in the period ({}) in the loaded data: every count below is 0, which says nothing of whether civilians were harmed. Check the period and the sources.",
            ctx.period()
        ));
    }
    if ctx.matrix.total.events > 0 {
        caveats.push(precision_caveat(ctx));
    }
    caveats.extend([
        "Recorded events are a floor, not a census: reporting thins where access is poor, and falls further when team sites close.".to_string(),
    ]);
    if ws
        .datasets
        .iter()
        .any(|d| d.meta.format == SourceFormat::Acled)
    {
        caveats.push("ACLED does not separate civilian deaths from other fatalities: for ACLED events, civilian fatalities are all fatalities reported for civilian-harm events.".into());
    }
    if ws
        .datasets
        .iter()
        .any(|d| d.meta.format == SourceFormat::Ucdp)
    {
        caveats.push("UCDP GED records only events with at least one death: non-lethal violence (most sexual violence, abductions, looting) is absent from UCDP counts.".into());
    }
    let unknown = ctx.matrix.total.fatalities_unknown;
    if unknown > 0 {
        caveats.push(format!(
            "{} civilian-harm events have an unreadable fatality figure: they count as events, not in fatalities.",
            group_thousands(unknown)
        ));
    }
    if ctx.pattern.as_ref().is_some_and(|p| p.decoupled) {
        caveats.push(format!(
            "The tables cover {} regions: at this sharing level every figure over more than one region (totals across regions, trends by perpetrator type, kinds of harm, the monthly chart, national benchmarks) is withheld (x), so that no small count in one region can be worked out from the others. The figures of each region are given.",
            group_thousands(ctx.matrix.regions.len() as u64)
        ));
    }
    let repeats: u64 = ws.repeats.iter().sum();
    if repeats > 0 {
        caveats.push(format!(
            "{} events appear in more than one file of the same source and are counted once.",
            group_thousands(repeats)
        ));
    }
    if let (Some(a), Some(r)) = (ctx.a, &ctx.review) {
        // The flag as the annex states it (above internal, only where the
        // printed counts decide it).
        let gaps: BTreeSet<&String> = a
            .register
            .iter()
            .zip(&r.entries)
            .filter(|(e, er)| super::build_flags::monitoring_gap_stated(ctx, e, er))
            .flat_map(|(_, er)| &er.regions)
            .collect();
        if !gaps.is_empty() {
            caveats.push(format!(
                "Monitoring gap (threats in {}): every mission base closes in a region of the threat that had 3 or more civilian-harm events in the 12 months to the as-of date; after exit, figures there will depend on others' reporting.",
                gaps.into_iter().cloned().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    caveats
}

/// The precision caveat: events dated only to the month or more coarsely,
/// and placed no better than the first-level region.
fn precision_caveat(ctx: &Ctx) -> String {
    let ws = ctx.ws;
    let (mut harm, mut coarse_time, mut coarse_place) = (0u64, 0u64, 0u64);
    for_each_selected(ws, &ctx.filter, |(d, i), _, _, in_range| {
        let inc = &ws.datasets[d].incidents;
        if !in_range || !inc.civilian_harm[i] {
            return;
        }
        harm += 1;
        if inc.time_precision_at(i) >= TimePrecision::Month {
            coarse_time += 1;
        }
        if inc.geo_precision_at(i) >= GeoPrecision::Admin1 {
            coarse_place += 1;
        }
    });
    if ctx.suppress {
        // Above internal the share would be computed from the total, which
        // the matrix may withhold: counts only, small ones withheld.
        format!(
            "Precision: {} civilian-harm events are dated only to the month or more coarsely; {} are placed no better than the first-level region or country.",
            super::disclosure::single(coarse_time, ctx.k, true).display(),
            super::disclosure::single(coarse_place, ctx.k, true).display(),
        )
    } else {
        format!(
            "Precision: {} of {} civilian-harm events ({}) are dated only to the month or more coarsely; {} ({}) are placed no better than the first-level region or country.",
            group_thousands(coarse_time),
            group_thousands(harm),
            pct(coarse_time, harm),
            group_thousands(coarse_place),
            pct(coarse_place, harm)
        )
    }
}

/// Civilian-harm events and civilian fatalities in the period by kind of
/// harm (the order of `pattern::KINDS`).
pub(super) fn effects_counts(
    ws: &Workspace,
    filter: &crate::analysis::Filter,
) -> ([u64; 4], [u64; 4]) {
    let mut events = [0u64; 4];
    let mut fatalities = [0u64; 4];
    for_each_selected(ws, filter, |(d, i), _, _, in_range| {
        let inc = &ws.datasets[d].incidents;
        if in_range && inc.civilian_harm[i] {
            let kind = inc.harm_kind_at(i);
            if let Some(k) = KINDS.iter().position(|x| *x == kind) {
                events[k] += 1;
                fatalities[k] += u64::from(inc.civilian_fatalities[i]);
            }
        }
    });
    (events, fatalities)
}

/// Printed where no loaded source can record a kind of harm.
const NOT_RECORDED: &str = "not recorded";

/// Section 4.
pub(super) fn effects(ctx: &Ctx) -> Vec<Block> {
    let (events, fatalities) = effects_counts(ctx.ws, &ctx.filter);
    if events.iter().sum::<u64>() == 0 {
        return Vec::new();
    }
    let ((ev, ev_total), (fa, fa_total)) = match &ctx.pattern {
        Some(p) => {
            let cells = |ids: &[usize]| -> (Vec<Cell>, Cell) {
                let n = ids.len().saturating_sub(1);
                (
                    ids[..n].iter().map(|i| p.cell(*i)).collect(),
                    ids.get(n).map_or(Cell::Empty, |i| p.cell(*i)),
                )
            };
            (cells(&p.effects_events), cells(&p.effects_fatalities))
        }
        None => (
            protect_list(&events, ctx.k, false),
            protect_list(&fatalities, ctx.k, false),
        ),
    };
    // A kind no loaded source can record is "not recorded", never 0.
    let recorded = |k: HarmKind| ctx.ws.datasets.iter().any(|d| d.records_harm_kind(k));
    let mut rows: Vec<Vec<Cell>> = KINDS
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let (e, f) = if recorded(*kind) {
                (ev[i].clone(), fa[i].clone())
            } else {
                (
                    Cell::Text(NOT_RECORDED.into()),
                    Cell::Text(NOT_RECORDED.into()),
                )
            };
            vec![Cell::Text(kind.label().into()), e, f]
        })
        .collect();
    rows.push(vec![Cell::Text("Total".into()), ev_total, fa_total]);
    let mut notes = vec!["Kinds of harm are read from the source's event sub-type (ACLED: sexual violence; abduction/forced disappearance; looting/property destruction; everything else counts as attacks and killings).".to_string()];
    let blind: Vec<String> = ctx
        .ws
        .datasets
        .iter()
        .filter(|d| !d.records_harm_kind(HarmKind::SexualViolence))
        .map(|d| match d.meta.format {
            SourceFormat::Ucdp => "UCDP GED (killings only)".to_string(),
            SourceFormat::Acled => "ACLED files without a sub-event type".to_string(),
            _ => "files read without an event-type column".to_string(),
        })
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect();
    if !blind.is_empty() {
        notes.push(format!(
            "Sources that cannot record sexual violence, abduction or looting: {}; their events count as attacks and killings. \"{NOT_RECORDED}\": no loaded source can record that kind of harm, which says nothing of whether it happened; other sources are needed (e.g. MARA/CRSV reporting, protection monitoring).",
            blind.join("; ")
        ));
    }
    if ctx.suppress {
        notes.push("Aggregated over all regions and perpetrator types so that no victim group is identifiable.".into());
    }
    let mut table = Table::new(
        "effects",
        "Civilian-harm events and civilian fatalities by kind of harm",
        &["Kind of harm", "Events", "Civilian fatalities"],
        rows,
        notes,
    )
    .with_totals(1, false);
    if let Some(p) = &ctx.pattern {
        for (col, ids) in [(1, &p.effects_events), (2, &p.effects_fatalities)] {
            for (row, id) in ids.iter().enumerate() {
                // A kind no source can record prints no figure (its count
                // is 0 by construction, and the audit takes it as such).
                if KINDS.get(row).is_some_and(|k| !recorded(*k)) {
                    continue;
                }
                table.figures.push((row, col, *id));
            }
        }
    }
    vec![
        Block::Paragraph(
            "The mix of harm done to civilians in the period, over all regions and perpetrators."
                .into(),
        ),
        Block::Table(table),
    ]
}
