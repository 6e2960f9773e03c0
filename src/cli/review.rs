//! `poc-workbench review FILE.ron [--json]`: the register with suggested and
//! analyst scores, trends, successors and raised flags; the bases; benchmark
//! statuses; and the back-test against what the data shows after the as-of
//! date.

use crate::assessment::file::load;
use crate::assessment::review::{DatasetStatus, Review, Scores, open_datasets, review};
use serde_json::json;
use std::path::Path;

/// Refuses an assessment whose datasets lie outside its folder unless the
/// analyst allowed them: names each one first (an assessment from
/// someone else could name any file on this computer). `Some`: the exit
/// code.
pub fn refuse_outside(a: &crate::assessment::Assessment, path: &Path, allow: bool) -> Option<i32> {
    let outside = crate::assessment::datasets::outside_folder(a, path);
    if outside.is_empty() || allow {
        for p in &outside {
            eprintln!(
                "note: reading {}, outside the assessment's folder",
                p.display()
            );
        }
        return None;
    }
    eprintln!(
        "error: {} names datasets outside its folder; none was read:",
        path.display()
    );
    for p in &outside {
        eprintln!("  {}", p.display());
    }
    eprintln!("give --allow-outside to read them");
    Some(2)
}

/// Loads the assessment at `path` for a command, refusing datasets outside
/// its folder unless allowed; `Err`: the exit code, the reason printed.
pub fn load_checked(
    path: &Path,
    allow_outside: bool,
) -> Result<crate::assessment::Assessment, i32> {
    let a = load(path).map_err(|e| {
        eprintln!("error: {e}");
        1
    })?;
    match refuse_outside(&a, path, allow_outside) {
        Some(code) => Err(code),
        None => Ok(a),
    }
}

/// Runs `review`; returns the exit code.
pub fn run(
    path: &Path,
    as_json: bool,
    allow_outside: bool,
    out: &mut dyn std::io::Write,
) -> std::io::Result<i32> {
    let a = match load_checked(path, allow_outside) {
        Ok(a) => a,
        Err(code) => return Ok(code),
    };
    let (ws, datasets) = open_datasets(&a, path);
    let r = review(&a, &ws);
    if as_json {
        write_json(out, &r, &datasets)?;
        return Ok(0);
    }
    writeln!(out, "{} — as of {}", a.meta.title, r.as_of)?;
    for d in &datasets {
        writeln!(
            out,
            "dataset {}: {} {}",
            d.path.display(),
            d.status,
            d.message
        )?;
    }
    write_register(out, &r)?;
    write_bases(out, &r)?;
    write_benchmarks(out, &r)?;
    write_backtest(out, &r)?;
    Ok(0)
}

/// The whole review as pretty JSON.
fn write_json(
    out: &mut dyn std::io::Write,
    r: &Review,
    datasets: &[DatasetStatus],
) -> std::io::Result<()> {
    let entries: Vec<_> = r
        .entries
        .iter()
        .map(|e| {
            json!({
                "id": e.id,
                "perpetrator": e.perpetrator.key(),
                "regions": e.regions,
                "suggested": e.suggested.map(|s| json!({"likelihood": s.likelihood, "impact": s.impact, "risk": s.risk, "band": s.band.key()})),
                "analyst": e.analyst.map(|s| json!({"likelihood": s.likelihood, "impact": s.impact, "risk": s.risk, "band": s.band.key()})),
                "trend": e.trend.key(),
                "recent_events": e.recent_events,
                "previous_events": e.previous_events,
                "recent_fatalities": e.recent_fatalities,
                "residual": e.residual,
                "successors": e.successors.iter().map(|(t, s)| (format!("{t:?}"), serde_json::Value::String(s.key()))).collect::<serde_json::Map<_, _>>(),
                "capacity": e.capacity,
                "flags": e.flags,
                "rationale_missing": e.rationale_missing,
            })
        })
        .collect();
    let v = json!({
        "as_of": r.as_of.to_string(),
        "datasets": datasets,
        "entries": entries,
        "bases": r.bases,
        "benchmarks": r.benchmarks,
        "benchmarks_latest": r.benchmarks_latest,
        "backtest": r.backtest,
    });
    writeln!(
        out,
        "{}",
        serde_json::to_string_pretty(&v).unwrap_or_default()
    )?;
    Ok(())
}

/// The register: scores, trend, successors and flags of each entry.
fn write_register(out: &mut dyn std::io::Write, r: &Review) -> std::io::Result<()> {
    writeln!(out, "\nThreat register")?;
    for e in &r.entries {
        writeln!(
            out,
            "#{} {} in {}\n   suggested {}, analyst {}; trend {} ({} recent vs {} previous events){}",
            e.id,
            e.perpetrator.label(),
            e.regions.join(", "),
            Scores::text(e.suggested),
            Scores::text(e.analyst),
            e.trend.key(),
            e.recent_events,
            e.previous_events,
            if e.rationale_missing {
                "; RATIONALE MISSING"
            } else {
                ""
            }
        )?;
        let succ: Vec<String> = e
            .successors
            .iter()
            .map(|(t, s)| format!("{t:?}: {}", s.label()))
            .collect();
        writeln!(
            out,
            "   residual: {}; successors: {}; capacity {}",
            if e.residual { "yes" } else { "no" },
            if succ.is_empty() {
                "none named".to_string()
            } else {
                succ.join(", ")
            },
            e.capacity.map_or("–".to_string(), |c| c.to_string())
        )?;
        let flags = e.flags.names();
        if !flags.is_empty() {
            writeln!(out, "   FLAGS: {}", flags.join(", "))?;
        }
    }
    Ok(())
}

/// Each base's events before and after closure, and its cliff.
fn write_bases(out: &mut dyn std::io::Write, r: &Review) -> std::io::Result<()> {
    writeln!(
        out,
        "\nBases: civilian-harm events within the radius, 12 months before / after closure"
    )?;
    for b in &r.bases {
        writeln!(
            out,
            "   {} ({}), closed {}: {} / {}{}",
            b.name,
            b.region,
            b.closed.map_or("–".to_string(), |d| d.to_string()),
            b.before,
            // METHODOLOGY §5: an after-window not over by the as-of date is
            // not yet observed; an open base has none.
            match (b.closed, b.after_complete) {
                (None, _) => "–".to_string(),
                (Some(_), false) => "not yet observed".to_string(),
                (Some(_), true) => b.after.to_string(),
            },
            if b.cliff { "  SECURITY CLIFF" } else { "" }
        )?;
    }
    Ok(())
}

/// Each benchmark's status at the as-of date (and later).
fn write_benchmarks(out: &mut dyn std::io::Write, r: &Review) -> std::io::Result<()> {
    writeln!(out, "\nBenchmarks (at {})", r.as_of)?;
    for b in &r.benchmarks {
        writeln!(
            out,
            "   [{}] {}: {}",
            b.kind(),
            b.name,
            b.status_line(r.benchmark_later(b))
        )?;
    }
    Ok(())
}

/// The back-test: each entry's predicted likelihood against what followed.
fn write_backtest(out: &mut dyn std::io::Write, r: &Review) -> std::io::Result<()> {
    writeln!(
        out,
        "\nBack-test: predicted likelihood against what followed (events, fatalities, observed likelihood)"
    )?;
    for t in &r.backtest {
        let w: Vec<String> = t
            .windows
            .iter()
            .map(|(m, ev, fat, obs, complete)| {
                format!(
                    "{m} months: {ev} ev, {fat} fat, L{obs}{}",
                    if *complete { "" } else { " (incomplete)" }
                )
            })
            .collect();
        writeln!(
            out,
            "   #{} {} predicted {}: {} → {}",
            t.id,
            t.perpetrator.key(),
            t.predicted_likelihood
                .map_or_else(|| "–".to_string(), |l| format!("L{l}")),
            w.join("; "),
            t.verdict
        )?;
    }
    Ok(())
}
