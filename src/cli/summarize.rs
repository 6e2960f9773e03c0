//! `poc-workbench summarize`: the threat matrix and import reports of one or
//! more files, as a readable table or as JSON.

use super::load_all;
use super::review::error_line;
use crate::analysis::{Filter, RegionLevel, ThreatMatrix};
use crate::i18n::{Lang, fr_noun, percent_with, plain_count};
use crate::model::region::region_label;
use crate::{l, lf};
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
    /// The language of the text output and messages (JSON keys stay English).
    pub lang: Lang,
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
            eprintln!("{}", error_line(args.lang, &e.text_in(args.lang)));
            return Ok(2);
        }
    };
    if ws.datasets.is_empty() && !errors.is_empty() {
        for e in &errors {
            eprintln!("{}", error_line(args.lang, &e.text_in(args.lang)));
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
        super::typeset(args.lang, out, |out| {
            write_text(&ws, &m, &filter, (args.measure, args.lang), out)
        })?;
    }
    for e in &errors {
        eprintln!("{}", error_line(args.lang, &e.text_in(args.lang)));
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

/// A trend as the text table writes it: its key in English (as scripts
/// read it), its label in French.
fn trend_word(t: crate::analysis::scores::Trend, lang: Lang) -> &'static str {
    match lang {
        Lang::En => t.key(),
        Lang::Fr => t.label_in(lang),
    }
}

fn write_text(
    ws: &crate::analysis::Workspace,
    m: &ThreatMatrix,
    filter: &Filter,
    (measure, lang): (Measure, Lang),
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    if matches!(measure, Measure::Violations | Measure::Victims) {
        return write_monitoring_text(ws, m, filter, (measure, lang), out);
    }
    let w = &m.windows;
    let d = |x: chrono::NaiveDate| crate::i18n::date(lang, x);
    writeln!(
        out,
        "{}",
        lf!(
            lang,
            "Civilian harm by perpetrator type × region ({})",
            "Atteintes aux civils par type d'auteur × région ({})",
            filter.describe_in(lang)
        )
    )?;
    writeln!(
        out,
        "{}",
        lf!(
            lang,
            "Trend windows: recent {} – {}, previous {} – {} (as of {})",
            "Périodes de tendance : récente du {} au {}, précédente du {} au {} (au {})",
            d(w.recent.0),
            d(w.recent.1),
            d(w.previous.0),
            d(w.previous.1),
            d(w.as_of)
        )
    )?;
    let name = |i: usize| {
        m.dataset_spans
            .get(i)
            .map_or_else(String::new, |(n, _)| n.clone())
    };
    for note in m.coverage_notes_in(lang, &name) {
        writeln!(out, "{note}")?;
    }
    writeln!(out)?;
    let rw = region_width(m);
    // The English widths are the ones scripts have always read.
    let (ew, tw) = l!(lang, (8, 8), (10, 10));
    let head = match lang {
        Lang::En => [
            "perpetrator",
            "region",
            "events",
            "fatalities",
            "recent",
            "trend",
            "suggested L×I=R",
        ],
        Lang::Fr => [
            "auteur",
            "région",
            "événements",
            "civils tués",
            "récents",
            "tendance",
            "P×I=R suggéré",
        ],
    };
    writeln!(
        out,
        "{:<36} {:<rw$} {:>ew$} {:>11} {:>7}  {:<tw$} {}",
        head[0], head[1], head[2], head[3], head[4], head[5], head[6]
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
                "{:<36} {:<rw$} {:>ew$} {:>11} {:>7}  {:<tw$} {}",
                p.label_in(lang),
                region_label(r, lang),
                plain_count(lang, c.events),
                plain_count(lang, c.civilian_fatalities),
                plain_count(lang, c.recent_events),
                trend_word(c.trend(), lang),
                s.map_or_else(
                    || "–".to_string(),
                    |s| format!(
                        "{}×{}={} {}",
                        s.likelihood,
                        s.impact,
                        s.risk,
                        s.band.label_in(lang)
                    )
                )
            )?;
        }
    }
    writeln!(out)?;
    write_totals(m, lang, out)?;
    writeln!(out)?;
    write_reports(ws, lang, out)
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
    (measure, lang): (Measure, Lang),
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let what = match measure {
        Measure::Victims => l!(lang, "Victims", "Victimes"),
        _ => l!(lang, "Violations", "Violations"),
    };
    let which = if filter.verified_only {
        l!(
            lang,
            "verified records only",
            "enregistrements vérifiés seulement"
        )
    } else {
        l!(
            lang,
            "verified and unverified records, rejected never",
            "enregistrements vérifiés et non vérifiés, jamais les rejetés"
        )
    };
    writeln!(
        out,
        "{}",
        lf!(
            lang,
            "{what} by perpetrator type × region ({}; monitoring logs only, {which})",
            "{what} par type d'auteur × région ({} ; registres de suivi seulement, {which})",
            filter.describe_in(lang)
        )
    )?;
    let rw = region_width(m);
    let (uw, ew) = l!(lang, (15, 8), (18, 9));
    let head = match lang {
        Lang::En => [
            "perpetrator",
            "region",
            "violations",
            "victims",
            "victims unknown",
            "events",
        ],
        Lang::Fr => [
            "auteur",
            "région",
            "violations",
            "victimes",
            "victimes inconnues",
            "incidents",
        ],
    };
    writeln!(
        out,
        "{:<36} {:<rw$} {:>10} {:>8} {:>uw$} {:>ew$}",
        head[0], head[1], head[2], head[3], head[4], head[5]
    )?;
    for (ri, p) in m.perpetrators.iter().enumerate() {
        for (ci, r) in m.regions.iter().enumerate() {
            let c = &m.cells[ri][ci];
            if measure.of(c) == 0 && c.violations == 0 {
                continue;
            }
            writeln!(
                out,
                "{:<36} {:<rw$} {:>10} {:>8} {:>uw$} {:>ew$}",
                p.label_in(lang),
                region_label(r, lang),
                plain_count(lang, c.violations),
                plain_count(lang, c.victims),
                plain_count(lang, c.victims_unknown),
                plain_count(lang, c.events)
            )?;
        }
    }
    writeln!(out)?;
    write_monitoring_totals(m, lang, out)?;
    writeln!(out)?;
    write_reports(ws, lang, out)
}

/// The totals by perpetrator type and by region, and the grand total.
/// A total's events and civilian fatalities in aligned columns
/// (`     131 events       266 fatalities`).
fn events_and_fatalities(t: &crate::analysis::matrix::CellCounts, lang: Lang) -> String {
    let (ev, fa) = (
        plain_count(lang, t.events),
        plain_count(lang, t.civilian_fatalities),
    );
    match lang {
        Lang::En => format!("{ev:>8} events {fa:>9} fatalities"),
        Lang::Fr => format!(
            "{ev:>8} {:<10} {fa:>9} {:<11}",
            fr_noun(t.events, "événement", "événements"),
            fr_noun(t.civilian_fatalities, "civil tué", "civils tués")
        ),
    }
}

fn write_totals(m: &ThreatMatrix, lang: Lang, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{}",
        l!(lang, "By perpetrator type:", "Par type d'auteur :")
    )?;
    for (p, t) in m.perpetrators.iter().zip(&m.row_totals) {
        let tr = trend_word(t.trend(), lang);
        let counts = events_and_fatalities(t, lang);
        writeln!(out, "  {:<50} {counts}  {tr}", p.label_in(lang))?;
    }
    writeln!(out, "{}", l!(lang, "By region:", "Par région :"))?;
    for ((r, t), s) in m.regions.iter().zip(&m.column_totals).zip(&m.state_share) {
        let share = s
            .events_share()
            .map_or("–".to_string(), |x| percent_with(lang, x, 0));
        let counts = events_and_fatalities(t, lang);
        let state = l!(lang, "state share", "part de l'État");
        writeln!(
            out,
            "  {:<50} {counts}  {state} {share}",
            region_label(r, lang)
        )?;
    }
    let share = m
        .state_share_total
        .events_share()
        .map_or("–".to_string(), |x| percent_with(lang, x, 1));
    let t = &m.total;
    let (ev, fa, unk) = (
        plain_count(lang, t.events),
        plain_count(lang, t.civilian_fatalities),
        plain_count(lang, t.fatalities_unknown),
    );
    let line = match lang {
        Lang::En => format!(
            "Total: {ev} civilian-harm events, {fa} civilian fatalities ({unk} events with unknown fatalities); state-perpetrated share of attributed events {share}"
        ),
        Lang::Fr => format!(
            "Total : {ev} {} portant atteinte aux civils, {fa} {} ({unk} {} au nombre de morts inconnu) ; part imputable à l'État des événements attribués {share}",
            fr_noun(t.events, "événement", "événements"),
            fr_noun(t.civilian_fatalities, "civil tué", "civils tués"),
            fr_noun(t.fatalities_unknown, "événement", "événements")
        ),
    };
    writeln!(out, "{line}")?;
    Ok(())
}

/// Violations and victims by perpetrator type, the total and the state's
/// share of attributed violations.
fn write_monitoring_totals(
    m: &ThreatMatrix,
    lang: Lang,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{}",
        l!(lang, "By perpetrator type:", "Par type d'auteur :")
    )?;
    for (p, t) in m.perpetrators.iter().zip(&m.row_totals) {
        if t.violations == 0 {
            continue;
        }
        let (v, vi) = (
            plain_count(lang, t.violations),
            plain_count(lang, t.victims),
        );
        let line = match lang {
            Lang::En => format!("{v:>8} violations {vi:>8} victims"),
            Lang::Fr => format!(
                "{v:>8} {:<10} {vi:>8} {}",
                fr_noun(t.violations, "violation", "violations"),
                fr_noun(t.victims, "victime", "victimes")
            ),
        };
        writeln!(out, "  {:<50} {line}", p.label_in(lang))?;
    }
    let t = &m.total;
    let (v, vi, vu, ev) = (
        plain_count(lang, t.violations),
        plain_count(lang, t.victims),
        plain_count(lang, t.victims_unknown),
        plain_count(lang, t.events),
    );
    writeln!(
        out,
        "{}",
        lf!(
            lang,
            "Total: {v} violations, {vi} victims ({vu} records with an unreadable victim count), {ev} incidents",
            "Total : {v} violations, {vi} victimes ({vu} enregistrements au nombre de victimes illisible), {ev} incidents"
        )
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
        let share = percent_with(lang, state as f64 / attributed as f64, 1);
        let (s, a) = (plain_count(lang, state), plain_count(lang, attributed));
        writeln!(
            out,
            "{}",
            lf!(
                lang,
                "State share of attributed violations (METHODOLOGY §7): {share} ({s} of {a})",
                "Part de l'État dans les violations attribuées (MÉTHODOLOGIE §7) : {share} ({s} sur {a})"
            )
        )?;
    }
    Ok(())
}

/// Matching and the import reports, after the matrix.
fn write_reports(
    ws: &crate::analysis::Workspace,
    lang: Lang,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    if ws.datasets.len() > 1 {
        writeln!(
            out,
            "{}",
            lf!(
                lang,
                "Matching across sources (METHODOLOGY §8): {}",
                "Rapprochement entre sources (MÉTHODOLOGIE §8) : {}",
                ws.matches.settings.describe_in(lang)
            )
        )?;
        for ((a, b), k) in &ws.matches.pairs {
            let k = plain_count(lang, *k);
            writeln!(
                out,
                "  {}",
                lf!(
                    lang,
                    "{a} + {b}: {k} matches",
                    "{a} + {b} : {k} rapprochements"
                )
            )?;
        }
        if ws.matches.settings.enabled && ws.matches.pairs.is_empty() {
            writeln!(out, "  {}", l!(lang, "no matches", "aucun rapprochement"))?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "{}",
        l!(lang, "Import reports:", "Rapports d'importation :")
    )?;
    for (i, d) in ws.datasets.iter().enumerate() {
        write!(out, "{}", d.report.to_text_in(lang))?;
        if ws.repeats[i] > 0 {
            let k = plain_count(lang, ws.repeats[i]);
            writeln!(
                out,
                "  {}",
                lf!(
                    lang,
                    "note: {k} events repeat another file's and are counted once, from the file whose data reach the latest date",
                    "note : {k} événements répètent ceux d'un autre fichier et sont comptés une fois, depuis le fichier dont les données vont le plus loin"
                )
            )?;
        }
        let matched = ws.matches.not_counted.get(i).copied().unwrap_or(0);
        if matched > 0 {
            let k = plain_count(lang, matched);
            writeln!(
                out,
                "  {}",
                lf!(
                    lang,
                    "note: {k} events are also recorded by another source and are counted once, as that source's record",
                    "note : {k} événements sont aussi enregistrés par une autre source et sont comptés une fois, comme l'enregistrement de cette source"
                )
            )?;
        }
        if ws.repeat_conflicts[i] > 0 {
            let k = plain_count(lang, ws.repeat_conflicts[i]);
            writeln!(
                out,
                "  {}",
                lf!(
                    lang,
                    "WARNING: {k} of them differ from the copy counted (date, civilian fatalities, perpetrator type or admin 1): the other file's copy is counted",
                    "ATTENTION : {k} d'entre eux diffèrent de la copie comptée (date, civils tués, type d'auteur ou admin 1) : la copie de l'autre fichier est comptée"
                )
            )?;
        }
    }
    Ok(())
}
