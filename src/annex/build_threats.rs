//! Section 3, threats by perpetrator type and region: the events and
//! fatality matrices (protected together with their totals), trends, the
//! state-perpetrated share, and the monthly, heat-map and map figures.

use super::build::Ctx;
use super::build_data::short_label;
use super::charts::{Chart, MapArea, Series};
use super::disclosure::{Mark, protect, single};
use super::{Block, Cell, Figure, Table, group_thousands};
use crate::analysis::Filter;
use crate::analysis::series::monthly;
use crate::model::PerpetratorType;
use crate::model::boundaries::{bundled, match_key};
use crate::model::palette::perpetrator_rgb;
use chrono::{Datelike, Months, NaiveDate};

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
    let mut header = vec!["Region"];
    header.extend(m.perpetrators.iter().map(|t| short_label(*t)));
    header.push("Total");
    let mut notes = Vec::new();
    if ctx.suppress && p.marks.iter().flatten().any(|x| *x != Mark::Shown) {
        notes.push(format!(
            "<{k}: between 1 and {k1}. x: withheld so that a small count cannot be worked out from the totals.",
            k = ctx.k,
            k1 = ctx.k - 1
        ));
    }
    (
        Table::new(id, caption, &header, rows, notes).with_totals(1, true),
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
    let trend_header = |first: &'static str| {
        [
            first,
            "Recent 6 months",
            "Previous 6 months",
            "Trend",
            "Recent civilian fatalities",
        ]
    };
    b.push(Block::Table(Table::new(
        "trends-by-perpetrator",
        "Civilian-harm events by perpetrator type: recent and previous six months",
        &trend_header("Perpetrator type"),
        m.perpetrators
            .iter()
            .zip(&m.row_totals)
            .map(|(t, c)| trend_row(t.label().to_string(), c))
            .collect(),
        vec![],
    )));
    b.push(Block::Table(Table::new(
        "trends-by-region",
        "Civilian-harm events by region with events in the last 12 months: recent and previous six months",
        &trend_header("Region"),
        m.regions
            .iter()
            .zip(&m.column_totals)
            .filter(|(_, c)| c.recent_events + c.previous_events > 0)
            .map(|(r, c)| trend_row(r.clone(), c))
            .collect(),
        vec![],
    )));
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
    b.push(Block::Table(
        Table::new(
            "state-share",
            "Share of attributed civilian harm perpetrated by state security forces",
            &["Region", "Share of events", "Share of civilian fatalities"],
            rows,
            notes,
        )
        .with_totals(1, false),
    ));
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
