//! `poc-workbench review FILE.ron [--json]`: the register with suggested and
//! analyst scores, trends, successors and raised flags; the bases; benchmark
//! statuses; and the back-test against what the data shows after the as-of
//! date.

use crate::assessment::file::load;
use crate::assessment::review::{DatasetStatus, Review, Scores, open_datasets, review};
use crate::i18n::Lang;
use crate::{l, lf};
use serde_json::json;
use std::path::Path;

/// Refuses an assessment whose datasets lie outside its folder unless the
/// analyst allowed them: names each one first (an assessment from
/// someone else could name any file on this computer). `Some`: the exit
/// code.
pub fn refuse_outside(
    a: &crate::assessment::Assessment,
    path: &Path,
    allow: bool,
    lang: Lang,
) -> Option<i32> {
    let outside = crate::assessment::datasets::outside_folder(a, path);
    if outside.is_empty() || allow {
        for p in &outside {
            let p = p.display();
            eprintln!(
                "{}",
                lf!(
                    lang,
                    "note: reading {p}, outside the assessment's folder",
                    "note : lecture de {p}, hors du dossier de l'évaluation"
                )
            );
        }
        return None;
    }
    let f = path.display();
    eprintln!(
        "{}",
        lf!(
            lang,
            "error: {f} names datasets outside its folder; none was read:",
            "erreur : {f} nomme des jeux de données hors de son dossier ; aucun n'a été lu :"
        )
    );
    for p in &outside {
        eprintln!("  {}", p.display());
    }
    eprintln!(
        "{}",
        l!(
            lang,
            "give --allow-outside to read them",
            "ajoutez --allow-outside pour les lire"
        )
    );
    Some(2)
}

/// "error: …" in a language, for the command line's standard error.
pub fn error_line(lang: Lang, message: &str) -> String {
    lf!(lang, "error: {message}", "erreur : {message}")
}

/// Loads the assessment at `path` for a command, refusing datasets outside
/// its folder unless allowed; `Err`: the exit code, the reason printed.
pub fn load_checked(
    path: &Path,
    allow_outside: bool,
    lang: Lang,
) -> Result<crate::assessment::Assessment, i32> {
    let a = load(path).map_err(|e| {
        eprintln!("{}", error_line(lang, &e.text_in(lang)));
        1
    })?;
    match refuse_outside(&a, path, allow_outside, lang) {
        Some(code) => Err(code),
        None => Ok(a),
    }
}

/// Runs `review`; returns the exit code.
pub fn run(
    path: &Path,
    as_json: bool,
    allow_outside: bool,
    lang: Lang,
    out: &mut dyn std::io::Write,
) -> std::io::Result<i32> {
    let a = match load_checked(path, allow_outside, lang) {
        Ok(a) => a,
        Err(code) => return Ok(code),
    };
    let (ws, datasets) = open_datasets(&a, path);
    let r = review(&a, &ws);
    if as_json {
        write_json(out, &r, &datasets)?;
        return Ok(0);
    }
    super::typeset(lang, out, |out| write_text(&a, &r, &datasets, lang, out))?;
    Ok(0)
}

/// The review as text in a language.
fn write_text(
    a: &crate::assessment::Assessment,
    r: &Review,
    datasets: &[DatasetStatus],
    lang: Lang,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let as_of = crate::i18n::date(lang, r.as_of);
    writeln!(
        out,
        "{} — {}",
        a.meta.title,
        lf!(lang, "as of {as_of}", "au {as_of}")
    )?;
    for d in datasets {
        let state = match lang {
            Lang::En => d.status.as_str(),
            Lang::Fr => d.status.label_in(lang),
        };
        let line = format!(
            "{} {}{} {state} {}",
            l!(lang, "dataset", "jeu de données"),
            d.path.display(),
            crate::i18n::colon(lang),
            d.message.get(lang)
        );
        // English as it has always been printed (scripts read it).
        writeln!(out, "{}", l!(lang, line.as_str(), line.trim_end()))?;
    }
    write_register(out, r, lang)?;
    write_bases(out, r, lang)?;
    write_benchmarks(out, r, lang)?;
    write_backtest(out, r, lang)
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
fn write_register(out: &mut dyn std::io::Write, r: &Review, lang: Lang) -> std::io::Result<()> {
    writeln!(
        out,
        "\n{}",
        l!(lang, "Threat register", "Registre des menaces")
    )?;
    let scores = |s: Option<Scores>| match (lang, s) {
        (Lang::En, _) => Scores::text(s),
        (Lang::Fr, None) => "–".to_string(),
        (Lang::Fr, Some(s)) => format!(
            "P{}×I{}={} ({})",
            s.likelihood,
            s.impact,
            s.risk,
            crate::i18n::mid_sentence(s.band.label_in(lang))
        ),
    };
    for e in &r.entries {
        let missing = if e.rationale_missing {
            l!(lang, "; RATIONALE MISSING", " ; JUSTIFICATION MANQUANTE")
        } else {
            ""
        };
        let (trend, recent, previous) = (
            match lang {
                Lang::En => e.trend.key(),
                Lang::Fr => e.trend.label_in(lang),
            },
            e.recent_events,
            e.previous_events,
        );
        let (sug, ana) = (scores(e.suggested), scores(e.analyst));
        let recent_w = crate::i18n::fr_noun(recent, "événement récent", "événements récents");
        let previous_w = crate::i18n::fr_noun(previous, "précédent", "précédents");
        writeln!(
            out,
            "{}{} {} {} {}\n   {}",
            l!(lang, "#", "n° "),
            e.id,
            e.perpetrator.label_in(lang),
            l!(lang, "in", "dans"),
            e.regions.join(", "),
            lf!(
                lang,
                "suggested {sug}, analyst {ana}; trend {trend} ({recent} recent vs {previous} previous events){missing}",
                "suggéré {sug}, analyste {ana} ; tendance {trend} ({recent} {recent_w} contre {previous} {previous_w}){missing}"
            )
        )?;
        let c = crate::i18n::colon(lang);
        let succ: Vec<String> = e
            .successors
            .iter()
            .map(|(t, s)| match lang {
                Lang::En => format!("{t:?}: {}", s.label()),
                Lang::Fr => format!(
                    "{}{c} {}",
                    crate::i18n::mid_sentence(t.label_in(lang)),
                    crate::i18n::mid_sentence(&s.label_in(lang))
                ),
            })
            .collect();
        let residual = match (lang, e.residual) {
            (Lang::En, true) => "yes",
            (Lang::En, false) => "no",
            (Lang::Fr, true) => "oui",
            (Lang::Fr, false) => "non",
        };
        let successors = if succ.is_empty() {
            l!(lang, "none named", "aucun nommé").to_string()
        } else {
            succ.join(", ")
        };
        let capacity = e.capacity.map_or("–".to_string(), |c| c.to_string());
        writeln!(
            out,
            "   {}",
            lf!(
                lang,
                "residual: {residual}; successors: {successors}; capacity {capacity}",
                "résiduelle : {residual} ; relais : {successors} ; capacité {capacity}"
            )
        )?;
        let flags: Vec<&str> = e
            .flags
            .raised()
            .into_iter()
            .map(|f| f.label_in(lang))
            .collect();
        if !flags.is_empty() {
            writeln!(
                out,
                "   {}{c} {}",
                l!(lang, "FLAGS", "POINTS DE VIGILANCE"),
                flags.join(", ")
            )?;
        }
    }
    Ok(())
}

/// Each base's events before and after closure, and its cliff.
fn write_bases(out: &mut dyn std::io::Write, r: &Review, lang: Lang) -> std::io::Result<()> {
    writeln!(
        out,
        "\n{}",
        l!(
            lang,
            "Bases: civilian-harm events within the radius, 12 months before / after closure",
            "Bases : événements portant atteinte aux civils dans le rayon, 12 mois avant / après la fermeture"
        )
    )?;
    for b in &r.bases {
        let closed = b
            .closed
            .map_or("–".to_string(), |d| crate::i18n::date(lang, d));
        // METHODOLOGY §5: an after-window not over by the as-of date is
        // not yet observed; an open base has none.
        let after = match (b.closed, b.after_complete) {
            (None, _) => "–".to_string(),
            (Some(_), false) => l!(lang, "not yet observed", "pas encore observé").to_string(),
            (Some(_), true) => b.after.to_string(),
        };
        let cliff = if b.cliff {
            l!(lang, "  SECURITY CLIFF", "  VIDE SÉCURITAIRE")
        } else {
            ""
        };
        writeln!(
            out,
            "   {} ({}), {} {closed}{} {} / {after}{cliff}",
            b.name,
            b.region,
            match (lang, b.closed) {
                (Lang::Fr, Some(c)) if c > r.as_of => "fermeture prévue le",
                _ => l!(lang, "closed", "fermée le"),
            },
            crate::i18n::colon(lang),
            b.before,
        )?;
    }
    Ok(())
}

/// Each benchmark's status at the as-of date (and later).
fn write_benchmarks(out: &mut dyn std::io::Write, r: &Review, lang: Lang) -> std::io::Result<()> {
    let at = crate::i18n::date(lang, r.as_of);
    writeln!(
        out,
        "\n{}",
        lf!(lang, "Benchmarks (at {at})", "Jalons (au {at})")
    )?;
    for b in &r.benchmarks {
        writeln!(
            out,
            "   [{}] {}{} {}",
            b.kind_in(lang),
            b.name,
            crate::i18n::colon(lang),
            b.status_line_in(r.benchmark_later(b), lang)
        )?;
    }
    Ok(())
}

/// The back-test: each entry's predicted likelihood against what followed.
fn write_backtest(out: &mut dyn std::io::Write, r: &Review, lang: Lang) -> std::io::Result<()> {
    writeln!(
        out,
        "\n{}",
        l!(
            lang,
            "Back-test: predicted likelihood against what followed (events, fatalities, observed likelihood)",
            "Vérification a posteriori : probabilité prévue comparée aux données observées ensuite (événements, morts, probabilité observée)"
        )
    )?;
    let l_ = l!(lang, "L", "P");
    for t in &r.backtest {
        let w: Vec<String> = t
            .windows
            .iter()
            .map(|(m, ev, fat, obs, complete)| {
                let dead = crate::i18n::fr_noun(*fat, "mort", "morts");
                let partial = if *complete {
                    ""
                } else {
                    l!(lang, " (incomplete)", " (incomplet)")
                };
                lf!(
                    lang,
                    "{m} months: {ev} ev, {fat} fat, L{obs}{partial}",
                    "{m} mois : {ev} év., {fat} {dead}, P{obs}{partial}"
                )
            })
            .collect();
        let perp = match lang {
            Lang::En => t.perpetrator.key(),
            Lang::Fr => t.perpetrator.label_in(lang),
        };
        writeln!(
            out,
            "   {}{} {perp} {} {}{} {} → {}",
            l!(lang, "#", "n° "),
            t.id,
            l!(lang, "predicted", "probabilité prévue :"),
            t.predicted_likelihood
                .map_or_else(|| "–".to_string(), |l| format!("{l_}{l}")),
            crate::i18n::colon(lang),
            w.join(crate::i18n::list_sep(lang)),
            crate::assessment::review::verdict_label(&t.verdict, lang)
        )?;
    }
    Ok(())
}
