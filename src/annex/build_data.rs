//! Sections built from the data alone: 1 (scope, sources, caveats), 3
//! (threats by perpetrator type and region) and 4 (effects on civilians).

use super::build::Ctx;
use super::charts::{Chart, MapArea, Series};
use super::disclosure::{Mark, protect, protect_list, single};
use super::{Block, Cell, Figure, Table, group_thousands, level_key};
use crate::analysis::matrix::for_each_selected;
use crate::analysis::series::monthly;
use crate::analysis::{Filter, Workspace};
use crate::assessment::SharingLevel;
use crate::model::boundaries::{bundled, match_key};
use crate::model::dates::from_day_number;
use crate::model::palette::perpetrator_rgb;
use crate::model::{GeoPrecision, HarmKind, PerpetratorType, SourceFormat, TimePrecision};
use chrono::{Datelike, Months, NaiveDate};
use std::collections::BTreeSet;

/// The type's label without its parenthesis, for table headers.
pub(super) fn short_label(t: PerpetratorType) -> &'static str {
    let l = t.label();
    l.split(" (").next().unwrap_or(l)
}

/// Actors named in sexual-violence or abduction records.
pub(super) fn sensitive_actors(ws: &Workspace) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for d in &ws.datasets {
        let inc = &d.incidents;
        for i in 0..inc.len() {
            if matches!(
                inc.harm_kind_at(i),
                HarmKind::SexualViolence | HarmKind::Abduction
            ) {
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

fn pct(n: u64, d: u64) -> String {
    if d == 0 {
        "0%".into()
    } else {
        format!("{:.0}%", n as f64 * 100.0 / d as f64)
    }
}

/// Section 1.
pub(super) fn scope(ctx: &Ctx) -> Vec<Block> {
    let ws = ctx.ws;
    let mut b = Vec::new();
    b.push(Block::Paragraph(match ctx.a {
        Some(a) => format!(
            "This annex sets out the threats to civilians expected to remain after {} draws down in {}, who perpetrates them, where, and whether they are rising or falling; it names who takes over each protection task and where no one does. It supports the residual-threat section of the transition plan.",
            a.meta.mission, a.meta.country
        ),
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
    let rows: Vec<Vec<Cell>> = ws
        .datasets
        .iter()
        .map(|d| {
            let span = d.date_span();
            let date = |x: Option<i32>| {
                x.and_then(from_day_number)
                    .map_or(String::new(), |d| d.to_string())
            };
            vec![
                Cell::Text(file_name(&d.meta.path)),
                Cell::Text(format!("{} ({})", d.meta.format.key(), d.meta.layout)),
                Cell::Count(d.report.rows_read),
                Cell::Count(d.report.kept),
                Cell::Count(d.report.rejected),
                Cell::Text(date(span.map(|s| s.0))),
                Cell::Text(date(span.map(|s| s.1))),
            ]
        })
        .collect();
    if !rows.is_empty() {
        b.push(Block::Table(Table {
            id: "sources".into(),
            caption:
                "Sources: rows read, kept and rejected on import (rows read = kept + rejected)"
                    .into(),
            header: [
                "Source file",
                "Format",
                "Rows read",
                "Kept",
                "Rejected",
                "First date",
                "Last date",
            ]
            .map(String::from)
            .to_vec(),
            rows,
            total_rows: 0,
            total_column: false,
            notes: vec![],
        }));
    }
    // Coverage and caveats.
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
    let mut caveats = vec![
        format!(
            "Precision: {} of {} civilian-harm events ({}) are dated only to the month or more coarsely; {} ({}) are placed no better than the first-level region or country.",
            group_thousands(coarse_time),
            group_thousands(harm),
            pct(coarse_time, harm),
            group_thousands(coarse_place),
            pct(coarse_place, harm)
        ),
        "Recorded events are a floor, not a census: reporting thins where access is poor, and falls further when team sites close.".to_string(),
    ];
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
    let repeats: u64 = ws.repeats.iter().sum();
    if repeats > 0 {
        caveats.push(format!(
            "{} events appear in more than one file of the same source and are counted once.",
            group_thousands(repeats)
        ));
    }
    if let Some(r) = &ctx.review {
        let gaps: BTreeSet<&String> = r
            .entries
            .iter()
            .filter(|e| e.flags.monitoring_gap)
            .flat_map(|e| &e.regions)
            .collect();
        if !gaps.is_empty() {
            caveats.push(format!(
                "Monitoring gap: every mission base closes in {}, where civilian harm was recorded in the last six months; after exit, these figures will depend on others' reporting.",
                gaps.into_iter().cloned().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    b.push(Block::Heading("Coverage and caveats".into()));
    b.push(Block::Bullets(caveats));
    if let Some(a) = ctx.a
        && ctx.opts.level == SharingLevel::Internal
        && !a.meta.notes.trim().is_empty()
    {
        b.push(Block::Heading("Analyst notes (internal only)".into()));
        b.push(Block::Paragraph(a.meta.notes.trim().to_string()));
    }
    b
}

/// A regions × types grid of one measure, protected, as a table.
fn region_table(
    ctx: &Ctx,
    id: &str,
    caption: &str,
    measure: impl Fn(&crate::analysis::matrix::CellCounts) -> u64,
) -> (Table, Vec<Vec<Cell>>) {
    let m = &ctx.matrix;
    let interior: Vec<Vec<u64>> = (0..m.regions.len())
        .map(|r| {
            m.perpetrators
                .iter()
                .enumerate()
                .map(|(t, _)| measure(&m.cells[t][r]))
                .collect()
        })
        .collect();
    let p = protect(&interior, ctx.k, ctx.suppress);
    let nr = m.regions.len();
    let nc = m.perpetrators.len();
    let mut rows = Vec::new();
    let mut heat = Vec::new();
    for r in 0..=nr {
        let name = if r < nr {
            m.regions[r].clone()
        } else {
            "Total".into()
        };
        let mut row = vec![Cell::Text(name)];
        let cells: Vec<Cell> = (0..=nc).map(|c| p.cell(r, c, ctx.k)).collect();
        if r < nr {
            heat.push(cells[..nc].to_vec());
        }
        row.extend(cells);
        rows.push(row);
    }
    let mut header = vec!["Region".to_string()];
    header.extend(m.perpetrators.iter().map(|t| short_label(*t).to_string()));
    header.push("Total".into());
    let mut notes = Vec::new();
    if ctx.suppress && p.marks.iter().flatten().any(|x| *x != Mark::Shown) {
        notes.push(format!(
            "<{k}: between 1 and {k1}. x: withheld so that a small count cannot be worked out from the totals.",
            k = ctx.k,
            k1 = ctx.k - 1
        ));
    }
    (
        Table {
            id: id.into(),
            caption: caption.into(),
            header,
            rows,
            total_rows: 1,
            total_column: true,
            notes,
        },
        heat,
    )
}

/// Section 3.
pub(super) fn threats(ctx: &Ctx) -> Vec<Block> {
    let m = &ctx.matrix;
    if m.total.events == 0 {
        return vec![Block::Paragraph(format!(
            "No civilian-harm event is recorded in the period ({}).",
            ctx.period()
        ))];
    }
    let mut b = Vec::new();
    let share = &m.state_share_total;
    let (state_sentence, _) = share_cell(ctx, share.state_events, share.attributed_events);
    let (events, heat) = region_table(
        ctx,
        "threat-matrix",
        "Civilian-harm events by region and perpetrator type",
        |c| c.events,
    );
    let (fat, _) = region_table(
        ctx,
        "fatality-matrix",
        "Civilian fatalities by region and perpetrator type",
        |c| c.civilian_fatalities,
    );
    // The grand totals as the tables show them (a withheld total stays withheld).
    let grand = |t: &Table| {
        t.rows
            .last()
            .and_then(|r| r.last())
            .map_or(String::new(), Cell::display)
    };
    b.push(Block::Paragraph(format!(
        "In the period, the sources record {} civilian-harm events and {} civilian fatalities. {}",
        grand(&events),
        grand(&fat),
        state_sentence
    )));
    let cols: Vec<String> = m
        .perpetrators
        .iter()
        .map(|t| short_label(*t).to_string())
        .collect();
    let region_totals: Vec<Cell> = events.rows[..m.regions.len()]
        .iter()
        .map(|r| r.last().cloned().unwrap_or(Cell::Empty))
        .collect();
    b.push(Block::Table(events));
    b.push(Block::Figure(Figure {
        id: "heat-map".into(),
        caption: "Civilian-harm events by region and perpetrator type (darker = more)".into(),
        alt: "The table above as a heat map.".into(),
        chart: Chart::Heat {
            rows: m.regions.clone(),
            cols,
            cells: heat,
        },
    }));
    b.push(Block::Table(fat));
    b.push(Block::Heading("Trends".into()));
    b.push(Block::Paragraph(format!(
        "Recent: the six months ending {}; previous: the six months before. Rising: recent at least 1.25 × previous and 3 or more events higher; falling: at most 0.75 × previous and 3 or more lower; new: none before and 3 or more now.",
        ctx.as_of
    )));
    let trend_row = |name: String, c: &crate::analysis::matrix::CellCounts| {
        vec![
            Cell::Text(name),
            single(c.recent_events, ctx.k, ctx.suppress),
            single(c.previous_events, ctx.k, ctx.suppress),
            Cell::Text(format!("{} {}", c.trend().arrow(), c.trend().key())),
            single(c.recent_fatalities, ctx.k, ctx.suppress),
        ]
    };
    let trend_header = |first: &str| {
        vec![
            first.to_string(),
            "Recent 6 months".into(),
            "Previous 6 months".into(),
            "Trend".into(),
            "Recent civilian fatalities".into(),
        ]
    };
    b.push(Block::Table(Table {
        id: "trends-by-perpetrator".into(),
        caption: "Civilian-harm events by perpetrator type: recent and previous six months".into(),
        header: trend_header("Perpetrator type"),
        rows: m
            .perpetrators
            .iter()
            .zip(&m.row_totals)
            .map(|(t, c)| trend_row(t.label().to_string(), c))
            .collect(),
        total_rows: 0,
        total_column: false,
        notes: vec![],
    }));
    b.push(Block::Table(Table {
        id: "trends-by-region".into(),
        caption: "Civilian-harm events by region with events in the last 12 months: recent and previous six months".into(),
        header: trend_header("Region"),
        rows: m
            .regions
            .iter()
            .zip(&m.column_totals)
            .filter(|(_, c)| c.recent_events + c.previous_events > 0)
            .map(|(r, c)| trend_row(r.clone(), c))
            .collect(),
        total_rows: 0,
        total_column: false,
        notes: vec![],
    }));
    b.push(Block::Heading("State-perpetrated share".into()));
    let mut rows: Vec<Vec<Cell>> = m
        .regions
        .iter()
        .zip(&m.state_share)
        .filter(|(_, s)| s.attributed_events > 0)
        .map(|(r, s)| {
            vec![
                Cell::Text(r.clone()),
                share_cell(ctx, s.state_events, s.attributed_events).1,
                share_cell(ctx, s.state_fatalities, s.attributed_fatalities).1,
            ]
        })
        .collect();
    rows.push(vec![
        Cell::Text("All regions".into()),
        share_cell(ctx, share.state_events, share.attributed_events).1,
        share_cell(ctx, share.state_fatalities, share.attributed_fatalities).1,
    ]);
    let mut notes = vec!["Share = events (fatalities) by state security forces ÷ all events (fatalities) attributed to an identified perpetrator, i.e. not unidentified armed actors or crossfire.".to_string()];
    if ctx.suppress {
        notes.push(format!("Shown in 10-point bands, and only where both the state and the other attributed counts are 0 or at least {}; otherwise x.", ctx.k));
    }
    b.push(Block::Table(Table {
        id: "state-share".into(),
        caption: "Share of attributed civilian harm perpetrated by state security forces".into(),
        header: ["Region", "Share of events", "Share of civilian fatalities"]
            .map(String::from)
            .to_vec(),
        rows,
        total_rows: 1,
        total_column: false,
        notes,
    }));
    b.push(monthly_figure(ctx));
    if let Some(f) = map_figure(ctx, &region_totals) {
        b.push(f);
    }
    b
}

/// A share as printed, in a sentence and as a cell.
fn share_cell(ctx: &Ctx, part: u64, whole: u64) -> (String, Cell) {
    let sentence = |share: &str| {
        format!(
            "State security forces are the perpetrator of {share} of the events attributed to an identified perpetrator."
        )
    };
    if whole == 0 {
        return (
            "No event is attributed to an identified perpetrator.".into(),
            Cell::Empty,
        );
    }
    let p = part as f64 / whole as f64;
    if !ctx.suppress {
        return (
            sentence(&format!(
                "{:.0}% ({} of {})",
                p * 100.0,
                group_thousands(part),
                group_thousands(whole)
            )),
            Cell::Percent(p),
        );
    }
    let ok = |v: u64| v == 0 || v >= u64::from(ctx.k);
    if ok(part) && ok(whole - part) {
        let band = ((p * 10.0).floor() as u8).min(9) * 10;
        let c = Cell::PercentBand(band);
        (sentence(&c.display()), c)
    } else {
        ("The share perpetrated by state security forces is withheld at this sharing level (small counts).".into(), Cell::Hidden)
    }
}

fn monthly_figure(ctx: &Ctx) -> Block {
    let end = NaiveDate::from_ymd_opt(ctx.as_of.year(), ctx.as_of.month(), 1).unwrap_or(ctx.as_of);
    let start = end.checked_sub_months(Months::new(35)).unwrap_or(end);
    let from = ctx.filter.from.map_or(start, |f| f.max(start));
    let filter = Filter {
        from: Some(from),
        ..ctx.filter.clone()
    };
    let months = monthly(ctx.ws, &filter);
    let labels: Vec<String> = months.iter().map(|m| m.month.clone()).collect();
    let (series, withheld) = if ctx.suppress {
        let k = u64::from(ctx.k);
        let values: Vec<u64> = months
            .iter()
            .map(|m| if m.events < k { 0 } else { m.events })
            .collect();
        let withheld: Vec<bool> = months
            .iter()
            .map(|m| m.events >= 1 && m.events < k)
            .collect();
        (
            vec![Series {
                label: "All perpetrator types".into(),
                rgb: [0, 114, 178],
                values,
            }],
            withheld,
        )
    } else {
        let series = PerpetratorType::ALL
            .iter()
            .filter(|t| months.iter().any(|m| m.events_by_type[**t as usize] > 0))
            .map(|t| Series {
                label: short_label(*t).to_string(),
                rgb: perpetrator_rgb(*t),
                values: months
                    .iter()
                    .map(|m| m.events_by_type[*t as usize])
                    .collect(),
            })
            .collect();
        (series, vec![false; months.len()])
    };
    let total: u64 = months.iter().map(|m| m.events).sum();
    Block::Figure(Figure {
        id: "monthly".into(),
        caption: format!(
            "Civilian-harm events per month, {} to {}{}",
            labels.first().cloned().unwrap_or_default(),
            labels.last().cloned().unwrap_or_default(),
            if ctx.suppress {
                " (all perpetrator types; months with fewer than k events greyed)"
            } else {
                ", by perpetrator type"
            }
        ),
        alt: format!(
            "{} months; {} civilian-harm events in all.",
            labels.len(),
            single(total, ctx.k, ctx.suppress).display()
        ),
        chart: Chart::Monthly {
            months: labels,
            series,
            withheld,
            k: ctx.k,
        },
    })
}

fn map_figure(ctx: &Ctx, totals: &[Cell]) -> Option<Block> {
    let m = &ctx.matrix;
    let by_key: std::collections::HashMap<String, &Cell> = m
        .regions
        .iter()
        .zip(totals)
        .map(|(r, c)| (match_key(r.split(" (").next().unwrap_or(r)), c))
        .collect();
    let mut areas: Vec<MapArea> = Vec::new();
    let mut bbox = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for a in bundled() {
        if let Some(c) = by_key.get(&match_key(&a.name)) {
            bbox = [
                bbox[0].min(a.bbox[0]),
                bbox[1].min(a.bbox[1]),
                bbox[2].max(a.bbox[2]),
                bbox[3].max(a.bbox[3]),
            ];
            areas.push(MapArea {
                name: a.name.clone(),
                rings: a.rings.clone(),
                cell: (*c).clone(),
            });
        }
    }
    if areas.is_empty() {
        return None;
    }
    // Neighbouring boundaries inside the frame, uncoloured.
    for a in bundled() {
        if by_key.contains_key(&match_key(&a.name)) {
            continue;
        }
        let c = [(a.bbox[0] + a.bbox[2]) / 2.0, (a.bbox[1] + a.bbox[3]) / 2.0];
        if c[0] >= bbox[0] && c[0] <= bbox[2] && c[1] >= bbox[1] && c[1] <= bbox[3] {
            areas.insert(
                0,
                MapArea {
                    name: a.name.clone(),
                    rings: a.rings.clone(),
                    cell: Cell::Empty,
                },
            );
        }
    }
    let matched = areas.iter().filter(|a| a.cell != Cell::Empty).count();
    Some(Block::Figure(Figure {
        id: "map".into(),
        caption: "Civilian-harm events by region in the period".into(),
        alt: format!(
            "{matched} of {} regions with civilian harm shown on the bundled admin-1 boundaries.",
            m.regions.len()
        ),
        chart: Chart::Map { areas },
    }))
}

/// Section 4.
pub(super) fn effects(ctx: &Ctx) -> Vec<Block> {
    let kinds = [
        HarmKind::Violence,
        HarmKind::SexualViolence,
        HarmKind::Abduction,
        HarmKind::Other,
    ];
    let mut events = [0u64; 4];
    let mut fatalities = [0u64; 4];
    for_each_selected(ctx.ws, &ctx.filter, |(d, i), _, _, in_range| {
        let inc = &ctx.ws.datasets[d].incidents;
        if in_range && inc.civilian_harm[i] {
            let k = inc.harm_kind_at(i) as usize;
            events[k] += 1;
            fatalities[k] += u64::from(inc.civilian_fatalities[i]);
        }
    });
    if events.iter().sum::<u64>() == 0 {
        return Vec::new();
    }
    let (ev, ev_total) = protect_list(&events, ctx.k, ctx.suppress);
    let (fa, fa_total) = protect_list(&fatalities, ctx.k, ctx.suppress);
    let mut rows: Vec<Vec<Cell>> = kinds
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            vec![
                Cell::Text(kind.label().into()),
                ev[i].clone(),
                fa[i].clone(),
            ]
        })
        .collect();
    rows.push(vec![Cell::Text("Total".into()), ev_total, fa_total]);
    let only_lethal = ctx
        .ws
        .datasets
        .iter()
        .all(|d| d.meta.format == SourceFormat::Ucdp);
    let mut notes = vec!["Kinds of harm are read from the source's event sub-type (ACLED: sexual violence; abduction/forced disappearance; looting/property destruction; everything else counts as attacks and killings).".to_string()];
    if only_lethal {
        notes.push("The sources here (UCDP GED) do not record the kind of harm: every event counts as attacks and killings. Sexual violence and abductions need other sources (e.g. ACLED, MARA/CRSV reporting).".into());
    }
    if ctx.suppress {
        notes.push("Aggregated over all regions and perpetrator types so that no victim group is identifiable.".into());
    }
    vec![
        Block::Paragraph(
            "The mix of harm done to civilians in the period, over all regions and perpetrators."
                .into(),
        ),
        Block::Table(Table {
            id: "effects".into(),
            caption: "Civilian-harm events and civilian fatalities by kind of harm".into(),
            header: ["Kind of harm", "Events", "Civilian fatalities"]
                .map(String::from)
                .to_vec(),
            rows,
            total_rows: 1,
            total_column: false,
            notes,
        }),
    ]
}
