//! `poc-workbench summarize`: the threat matrix and import reports of one or
//! more files, as a readable table or as JSON.

use super::load_all;
use crate::analysis::{Filter, RegionLevel, ThreatMatrix};
use chrono::NaiveDate;
use serde_json::{Value, json};
use std::path::PathBuf;

/// Options of `summarize`.
#[derive(Debug, Clone)]
pub struct SummarizeArgs {
    pub files: Vec<PathBuf>,
    pub json: bool,
    pub level: RegionLevel,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub mapping: Option<PathBuf>,
    /// How events are matched across sources (METHODOLOGY §8).
    pub matching: crate::analysis::matching::MatchSettings,
    /// The figure the text table leads with and JSON's `value` gives.
    pub measure: Measure,
    /// Monitoring logs: verified records only (METHODOLOGY §7).
    pub verified_only: bool,
}

/// What a cell counts (METHODOLOGY §7: violations and victims come from
/// monitoring logs only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Measure {
    #[default]
    Events,
    Fatalities,
    Violations,
    Victims,
}

impl Measure {
    /// Parses `events`, `fatalities`, `violations`, `victims`.
    pub fn parse(s: &str) -> Option<Measure> {
        match s.trim().to_ascii_lowercase().as_str() {
            "events" => Some(Self::Events),
            "fatalities" => Some(Self::Fatalities),
            "violations" => Some(Self::Violations),
            "victims" => Some(Self::Victims),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Self::Events => "events",
            Self::Fatalities => "fatalities",
            Self::Violations => "violations",
            Self::Victims => "victims",
        }
    }

    /// The measure's value in a cell.
    pub fn of(self, c: &crate::analysis::matrix::CellCounts) -> u64 {
        match self {
            Self::Events => c.events,
            Self::Fatalities => c.civilian_fatalities,
            Self::Violations => c.violations,
            Self::Victims => c.victims,
        }
    }
}

/// Runs `summarize`, writing to `out`. Returns the process exit code: 0, or 1
/// when some file could not be read (the others are still summarised).
pub fn run(args: &SummarizeArgs, out: &mut dyn std::io::Write) -> std::io::Result<i32> {
    let (mut ws, errors) = match load_all(&args.files, args.mapping.as_deref()) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(2);
        }
    };
    if ws.datasets.is_empty() && !errors.is_empty() {
        for e in &errors {
            eprintln!("error: {e}");
        }
        return Ok(1);
    }
    ws.set_matching(args.matching.clone());
    let filter = Filter {
        from: args.from,
        to: args.to,
        level: args.level,
        verified_only: args.verified_only,
        ..Default::default()
    };
    let m = ThreatMatrix::compute(&ws, &filter, None);
    if args.json {
        let mut v = to_json(&ws, &m, &errors);
        with_measure(&mut v, &m, args.measure, args.verified_only);
        with_violation_types(&mut v, &ws, &filter);
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        )?;
    } else {
        write_text(&ws, &m, &filter, args.measure, out)?;
    }
    for e in &errors {
        eprintln!("error: {e}");
    }
    Ok(if errors.is_empty() { 0 } else { 1 })
}

/// A day number as an ISO date.
fn day(d: i32) -> String {
    crate::model::dates::from_day_number(d).map_or_else(String::new, |d| d.to_string())
}

/// Adds the measure asked for: `measure`, each cell's `value`, and the
/// verification statuses counted.
fn with_measure(v: &mut Value, m: &ThreatMatrix, measure: Measure, verified_only: bool) {
    v["measure"] = json!(measure.key());
    v["verification"] = json!(if verified_only {
        "verified only"
    } else {
        "verified and unverified (rejected never counted)"
    });
    if let Some(cells) = v["cells"].as_array_mut() {
        for c in cells {
            let value = match measure {
                Measure::Events => c["events"].clone(),
                Measure::Fatalities => c["civilian_fatalities"].clone(),
                Measure::Violations => c["violations"].clone(),
                Measure::Victims => c["victims"].clone(),
            };
            c["value"] = value;
        }
    }
    v["totals"]["value"] = json!(measure.of(&m.total));
}

/// Monitoring logs by violation type with the MRM rule's figure, and the
/// victims by group (METHODOLOGY §7): `by_violation_type`,
/// `victims_by_group`. Nothing when no monitoring log is loaded.
pub fn with_violation_types(v: &mut Value, ws: &crate::analysis::Workspace, filter: &Filter) {
    use crate::analysis::violations::{ViolationSummary, counts_victims};
    use crate::model::monitoring::VictimGroup;
    if ws
        .datasets
        .iter()
        .all(|d| d.incidents.monitoring.is_empty())
    {
        return;
    }
    let s = ViolationSummary::compute(ws, filter);
    v["by_violation_type"] = s
        .by_type
        .iter()
        .map(|t| {
            json!({
                "type": t.violation.key(),
                "violations": t.violations,
                "victims": t.victims,
                "victims_unknown": t.victims_unknown,
                "mrm_counts": if counts_victims(t.violation) { "victims" } else { "violations" },
                "mrm_value": t.value(),
            })
        })
        .collect();
    let mut groups = serde_json::Map::new();
    for g in VictimGroup::ALL {
        groups.insert(g.key().into(), json!(s.group(g)));
    }
    groups.insert(
        "victims_with_breakdown".into(),
        json!(s.victims_with_groups),
    );
    groups.insert("victims".into(), json!(s.victims));
    v["victims_by_group"] = Value::Object(groups);
}

/// The JSON document of `summarize --json`.
pub fn to_json(
    ws: &crate::analysis::Workspace,
    m: &ThreatMatrix,
    errors: &[crate::import::ImportError],
) -> Value {
    let sources: Vec<Value> = ws
        .datasets
        .iter()
        .enumerate()
        .map(|(i, d)| {
            json!({
                "path": d.meta.path.display().to_string(),
                "format": d.meta.format.key(),
                "layout": d.meta.layout,
                "rows_read": d.report.rows_read,
                "incidents": d.incidents.len(),
                "rejected": d.report.rejected,
                "warnings": d.report.warning_count(),
                "blank_rows": d.report.blank_rows,
                "fatalities_unknown": d.report.fatalities_unknown,
                "repeats_not_counted": ws.repeats.get(i).copied().unwrap_or(0),
                "repeats_with_other_data": ws.repeat_conflicts.get(i).copied().unwrap_or(0),
                "family": crate::analysis::matching::family_name(&ws.datasets, i),
                "matched_not_counted": ws.matches.not_counted.get(i).copied().unwrap_or(0),
                "span": ws.dataset_span(i).map(|(a, b)| [day(a), day(b)]),
            })
        })
        .collect();
    let mut cells = Vec::new();
    for (ri, p) in m.perpetrators.iter().enumerate() {
        for (ci, r) in m.regions.iter().enumerate() {
            let c = &m.cells[ri][ci];
            if c.events == 0 {
                continue;
            }
            let s = c.suggestion();
            cells.push(json!({
                "perpetrator": p.key(),
                "region": r,
                "events": c.events,
                "civilian_fatalities": c.civilian_fatalities,
                "fatalities_unknown": c.fatalities_unknown,
                "violations": c.violations,
                "victims": c.victims,
                "victims_unknown": c.victims_unknown,
                "recent_events": c.recent_events,
                "previous_events": c.previous_events,
                "recent_fatalities": c.recent_fatalities,
                "trend": c.trend().key(),
                "covered": {"recent": !c.recent_uncovered, "previous": !c.previous_uncovered},
                "suggested": s.map(|s| json!({"likelihood": s.likelihood, "impact": s.impact, "risk": s.risk, "band": s.band.key()})),
            }));
        }
    }
    let share = |s: &crate::analysis::matrix::StateShare| {
        json!({
            "state_events": s.state_events,
            "attributed_events": s.attributed_events,
            "events_share": s.events_share(),
            "state_fatalities": s.state_fatalities,
            "attributed_fatalities": s.attributed_fatalities,
            "fatalities_share": s.fatalities_share(),
        })
    };
    let ms = &ws.matches.settings;
    let (state_violations, attributed_violations) =
        m.perpetrators
            .iter()
            .zip(&m.row_totals)
            .fold((0u64, 0u64), |(s, a), (p, t)| {
                (
                    s + if *p == crate::model::PerpetratorType::StateForces {
                        t.violations
                    } else {
                        0
                    },
                    a + if p.is_attributed() { t.violations } else { 0 },
                )
            });
    json!({
        "state_share_of_violations": {
            "state_violations": state_violations,
            "attributed_violations": attributed_violations,
            "share": (attributed_violations > 0).then(|| state_violations as f64 / attributed_violations as f64),
        },
        "sources": sources,
        "matching": {
            "enabled": ms.enabled,
            "max_days": ms.max_days,
            "max_km": ms.max_km,
            "priority": ms.priority.iter().map(|g| g.key()).collect::<Vec<_>>(),
        },
        "matches": ws.matches.pairs.iter().map(|((a, b), n)| json!({
            "families": [a, b], "count": n,
        })).collect::<Vec<_>>(),
        "matches_total": ws.matches.total(),
        "matched_events": ws.matches.clusters.len(),
        "errors": errors.iter().map(ToString::to_string).collect::<Vec<_>>(),
        "level": m.level.key(),
        "as_of": m.windows.as_of.to_string(),
        "recent_window": [m.windows.recent.0.to_string(), m.windows.recent.1.to_string()],
        "previous_window": [m.windows.previous.0.to_string(), m.windows.previous.1.to_string()],
        "cells": cells,
        "by_perpetrator": m.perpetrators.iter().zip(&m.row_totals).map(|(p, t)| json!({
            "perpetrator": p.key(), "events": t.events, "civilian_fatalities": t.civilian_fatalities,
            "violations": t.violations, "victims": t.victims,
            "trend": t.trend().key(),
        })).collect::<Vec<_>>(),
        "by_region": m.regions.iter().zip(&m.column_totals).zip(&m.state_share).zip(&m.coverage).map(|(((r, t), s), cov)| json!({
            "region": r, "events": t.events, "civilian_fatalities": t.civilian_fatalities,
            "violations": t.violations, "victims": t.victims,
            "trend": t.trend().key(), "state_share": share(s),
            "coverage": cov.span.map(|(a, b)| [day(a), day(b)]),
            "coverage_sources": cov.datasets,
        })).collect::<Vec<_>>(),
        "state_share": share(&m.state_share_total),
        "totals": {
            "events": m.total.events,
            "civilian_fatalities": m.total.civilian_fatalities,
            "fatalities_unknown": m.total.fatalities_unknown,
            "violations": m.total.violations,
            "victims": m.total.victims,
            "victims_unknown": m.total.victims_unknown,
        },
    })
}

fn write_text(
    ws: &crate::analysis::Workspace,
    m: &ThreatMatrix,
    filter: &Filter,
    measure: Measure,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    if matches!(measure, Measure::Violations | Measure::Victims) {
        return write_monitoring_text(ws, m, filter, measure, out);
    }
    writeln!(
        out,
        "Civilian harm by perpetrator type × region ({})",
        filter.describe()
    )?;
    writeln!(
        out,
        "Trend windows: recent {} – {}, previous {} – {} (as of {})",
        m.windows.recent.0,
        m.windows.recent.1,
        m.windows.previous.0,
        m.windows.previous.1,
        m.windows.as_of
    )?;
    for note in m.coverage_notes() {
        writeln!(out, "{note}")?;
    }
    writeln!(out)?;
    let rw = region_width(m);
    writeln!(
        out,
        "{:<36} {:<rw$} {:>8} {:>11} {:>7}  {:<8} suggested L×I=R",
        "perpetrator", "region", "events", "fatalities", "recent", "trend"
    )?;
    for (ri, p) in m.perpetrators.iter().enumerate() {
        for (ci, r) in m.regions.iter().enumerate() {
            let c = &m.cells[ri][ci];
            if c.events == 0 {
                continue;
            }
            let s = c.suggestion();
            writeln!(
                out,
                "{:<36} {:<rw$} {:>8} {:>11} {:>7}  {:<8} {}",
                p.label(),
                r,
                c.events,
                c.civilian_fatalities,
                c.recent_events,
                c.trend().key(),
                s.map_or_else(
                    || "–".to_string(),
                    |s| format!(
                        "{}×{}={} {}",
                        s.likelihood,
                        s.impact,
                        s.risk,
                        s.band.label()
                    )
                )
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "By perpetrator type:")?;
    for (p, t) in m.perpetrators.iter().zip(&m.row_totals) {
        writeln!(
            out,
            "  {:<50} {:>8} events {:>9} fatalities  {}",
            p.label(),
            t.events,
            t.civilian_fatalities,
            t.trend().key()
        )?;
    }
    writeln!(out, "By region:")?;
    for ((r, t), s) in m.regions.iter().zip(&m.column_totals).zip(&m.state_share) {
        let share = s
            .events_share()
            .map_or("–".to_string(), |x| format!("{:.0}%", x * 100.0));
        writeln!(
            out,
            "  {:<50} {:>8} events {:>9} fatalities  state share {share}",
            r, t.events, t.civilian_fatalities
        )?;
    }
    let share = m
        .state_share_total
        .events_share()
        .map_or("–".to_string(), |x| format!("{:.1}%", x * 100.0));
    writeln!(
        out,
        "Total: {} civilian-harm events, {} civilian fatalities ({} events with unknown fatalities); state-perpetrated share of attributed events {share}",
        m.total.events, m.total.civilian_fatalities, m.total.fatalities_unknown
    )?;
    writeln!(out)?;
    write_reports(ws, out)
}

/// The width of the region column of the text tables.
fn region_width(m: &ThreatMatrix) -> usize {
    m.regions
        .iter()
        .map(|r| r.chars().count())
        .max()
        .unwrap_or(6)
        .max(6)
}

/// The matrix by violations or victims (monitoring logs only).
fn write_monitoring_text(
    ws: &crate::analysis::Workspace,
    m: &ThreatMatrix,
    filter: &Filter,
    measure: Measure,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{} by perpetrator type × region ({}; monitoring logs only, {})",
        if measure == Measure::Victims {
            "Victims"
        } else {
            "Violations"
        },
        filter.describe(),
        if filter.verified_only {
            "verified records only"
        } else {
            "verified and unverified records, rejected never"
        }
    )?;
    let rw = region_width(m);
    writeln!(
        out,
        "{:<36} {:<rw$} {:>10} {:>8} {:>15} {:>8}",
        "perpetrator", "region", "violations", "victims", "victims unknown", "events"
    )?;
    for (ri, p) in m.perpetrators.iter().enumerate() {
        for (ci, r) in m.regions.iter().enumerate() {
            let c = &m.cells[ri][ci];
            if measure.of(c) == 0 && c.violations == 0 {
                continue;
            }
            writeln!(
                out,
                "{:<36} {:<rw$} {:>10} {:>8} {:>15} {:>8}",
                p.label(),
                r,
                c.violations,
                c.victims,
                c.victims_unknown,
                c.events
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "By perpetrator type:")?;
    for (p, t) in m.perpetrators.iter().zip(&m.row_totals) {
        if t.violations == 0 {
            continue;
        }
        writeln!(
            out,
            "  {:<50} {:>8} violations {:>8} victims",
            p.label(),
            t.violations,
            t.victims
        )?;
    }
    let t = &m.total;
    writeln!(
        out,
        "Total: {} violations, {} victims ({} records with an unreadable victim count), {} incidents",
        t.violations, t.victims, t.victims_unknown, t.events
    )?;
    let (state, attributed) =
        m.perpetrators
            .iter()
            .zip(&m.row_totals)
            .fold((0u64, 0u64), |(s, a), (p, t)| {
                (
                    s + if *p == crate::model::PerpetratorType::StateForces {
                        t.violations
                    } else {
                        0
                    },
                    a + if p.is_attributed() { t.violations } else { 0 },
                )
            });
    if attributed > 0 {
        writeln!(
            out,
            "State share of attributed violations (METHODOLOGY §7): {:.1}% ({state} of {attributed})",
            state as f64 * 100.0 / attributed as f64
        )?;
    }
    writeln!(out)?;
    write_reports(ws, out)
}

/// Matching and the import reports, after the matrix.
fn write_reports(
    ws: &crate::analysis::Workspace,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    if ws.datasets.len() > 1 {
        writeln!(
            out,
            "Matching across sources (METHODOLOGY §8): {}",
            ws.matches.settings.describe()
        )?;
        for ((a, b), n) in &ws.matches.pairs {
            writeln!(out, "  {a} + {b}: {n} matches")?;
        }
        if ws.matches.settings.enabled && ws.matches.pairs.is_empty() {
            writeln!(out, "  no matches")?;
        }
        writeln!(out)?;
    }
    writeln!(out, "Import reports:")?;
    for (i, d) in ws.datasets.iter().enumerate() {
        write!(out, "{}", d.report.to_text())?;
        if ws.repeats[i] > 0 {
            writeln!(
                out,
                "  note: {} events repeat another file's and are counted once, from the file whose data reach the latest date",
                ws.repeats[i]
            )?;
        }
        if ws.matches.not_counted.get(i).copied().unwrap_or(0) > 0 {
            writeln!(
                out,
                "  note: {} events are also recorded by another source and are counted once, as that source's record",
                ws.matches.not_counted[i]
            )?;
        }
        if ws.repeat_conflicts[i] > 0 {
            writeln!(
                out,
                "  WARNING: {} of them differ from the copy counted (date, civilian fatalities, perpetrator type or admin 1): the other file's copy is counted",
                ws.repeat_conflicts[i]
            )?;
        }
    }
    Ok(())
}
