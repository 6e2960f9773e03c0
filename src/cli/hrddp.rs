//! `poc-workbench hrddp FILE.ron [--json]`: the human rights due diligence
//! screen (METHODOLOGY §9) of an assessment: every state security actor with
//! what the data hold on it over the 24 months to the as-of date, the
//! suggested risk, and the analyst's risk, mitigation and supporting entity.

use crate::analysis::hrddp::{ActorScreen, screen};
use crate::assessment::review::open_datasets;
use serde_json::json;
use std::path::Path;

/// Runs `hrddp`; returns the exit code.
pub fn run(
    path: &Path,
    as_json: bool,
    allow_outside: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<i32> {
    let a = match super::review::load_checked(path, allow_outside) {
        Ok(a) => a,
        Err(code) => return Ok(code),
    };
    let (ws, _) = open_datasets(&a, path);
    let as_of = a.meta.as_of;
    let rows = screen(&ws, as_of);
    let record = |s: &ActorScreen| a.hrddp.iter().find(|r| r.actor == s.actor);
    if as_json {
        let actors: Vec<_> = rows
            .iter()
            .map(|s| {
                let r = record(s);
                json!({
                    "actor": s.actor,
                    "events": s.events,
                    "violations": s.violations.iter().map(|(t, n)| (t.key().to_string(), json!(n))).collect::<serde_json::Map<_, _>>(),
                    "victims": s.victims,
                    "civilian_fatalities": s.civilian_fatalities,
                    "regions": s.regions,
                    "latest": s.latest.map(|d| d.to_string()),
                    "trend": s.trend.key(),
                    "grave_12_months": s.grave_12_months,
                    "suggested_risk": s.suggested.key(),
                    "risk": r.and_then(|r| r.risk).map(|x| x.key()),
                    "mitigation": r.map(|r| r.mitigation.as_str()),
                    "supporting_entity": r.map(|r| r.supporting_entity.as_str()),
                })
            })
            .collect();
        let v = json!({
            "as_of": as_of.to_string(),
            "window_months": 24,
            "actors": actors,
        });
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&v).unwrap_or_default()
        )?;
        return Ok(0);
    }
    writeln!(
        out,
        "{} — human rights due diligence screen, 24 months to {} (METHODOLOGY §9; internal and UN partners only)",
        a.meta.title, as_of
    )?;
    for s in &rows {
        let r = record(s);
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            if s.actor.is_empty() {
                "(actor not named)"
            } else {
                &s.actor
            }
        )?;
        let violations = s
            .violations
            .iter()
            .map(|(t, n)| format!("{} {n}", t.key()))
            .collect::<Vec<_>>()
            .join(", ");
        writeln!(
            out,
            "  {} civilian-harm events, {} civilian fatalities, {} victims; violations: {}",
            s.events,
            s.civilian_fatalities,
            s.victims,
            if violations.is_empty() {
                "none recorded"
            } else {
                &violations
            }
        )?;
        writeln!(
            out,
            "  regions: {}; latest {}; trend {}",
            if s.regions.is_empty() {
                "–".to_string()
            } else {
                s.regions.join(", ")
            },
            s.latest.map_or("–".to_string(), |d| d.to_string()),
            s.trend.key()
        )?;
        writeln!(
            out,
            "  suggested risk {} ({} grave events or violations in the last 12 months); analyst: {}",
            s.suggested.key(),
            s.grave_12_months,
            r.and_then(|r| r.risk).map_or("not recorded", |x| x.key())
        )?;
        if let Some(r) = r {
            if !r.mitigation.is_empty() {
                writeln!(out, "  mitigation: {}", r.mitigation)?;
            }
            if !r.supporting_entity.is_empty() {
                writeln!(out, "  supporting UN entity: {}", r.supporting_entity)?;
            }
        }
    }
    Ok(0)
}
