//! `poc-workbench hrddp FILE.ron [--json]`: the human rights due diligence
//! screen (METHODOLOGY §9) of an assessment: every state security actor with
//! what the data hold on it over the 24 months to the as-of date, the
//! suggested risk, and the analyst's risk, mitigation and supporting entity.

use crate::analysis::hrddp::{ActorScreen, screen};
use crate::assessment::review::open_datasets;
use crate::i18n::Lang;
use crate::{l, lf};
use serde_json::json;
use std::path::Path;

/// Runs `hrddp`; returns the exit code.
pub fn run(
    path: &Path,
    as_json: bool,
    allow_outside: bool,
    lang: Lang,
    out: &mut dyn std::io::Write,
) -> std::io::Result<i32> {
    let a = match super::review::load_checked(path, allow_outside, lang) {
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
    super::typeset(lang, out, |out| write_text(&a, &rows, lang, out))?;
    Ok(0)
}

/// The screen as text in a language.
fn write_text(
    a: &crate::assessment::Assessment,
    rows: &[ActorScreen],
    lang: Lang,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let record = |s: &ActorScreen| a.hrddp.iter().find(|r| r.actor == s.actor);
    let as_of = crate::i18n::date(lang, a.meta.as_of);
    writeln!(
        out,
        "{} — {}",
        a.meta.title,
        lf!(
            lang,
            "human rights due diligence screen, 24 months to {as_of} (METHODOLOGY §9; internal and UN partners only)",
            "examen au titre de la politique de diligence voulue en matière de droits de l'homme (HRDDP), 24 mois jusqu'au {as_of} (MÉTHODOLOGIE §9 ; usage interne et partenaires des Nations Unies seulement)"
        )
    )?;
    let word = |en: &'static str, fr: &'static str| l!(lang, en, fr);
    for s in rows {
        let r = record(s);
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            if s.actor.is_empty() {
                word("(actor not named)", "(acteur non nommé)")
            } else {
                &s.actor
            }
        )?;
        let violations = s
            .violations
            .iter()
            .map(|(t, n)| match lang {
                Lang::En => format!("{} {n}", t.key()),
                Lang::Fr => format!("{} {n}", t.label_in(lang)),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let violations = if violations.is_empty() {
            word("none recorded", "aucune enregistrée").to_string()
        } else {
            violations
        };
        let (ev, fa, vi) = (s.events, s.civilian_fatalities, s.victims);
        let line = match lang {
            Lang::En => format!(
                "{ev} civilian-harm events, {fa} civilian fatalities, {vi} victims; violations: {violations}"
            ),
            Lang::Fr => {
                use crate::i18n::fr_noun;
                format!(
                    "{ev} {} portant atteinte aux civils, {fa} {}, {vi} {} ; violations : {violations}",
                    fr_noun(ev, "événement", "événements"),
                    fr_noun(fa, "civil tué", "civils tués"),
                    fr_noun(vi, "victime", "victimes")
                )
            }
        };
        writeln!(out, "  {line}")?;
        let regions = if s.regions.is_empty() {
            "–".to_string()
        } else {
            s.regions
                .iter()
                .map(|r| crate::model::region::region_label(r, lang))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let latest = s
            .latest
            .map_or("–".to_string(), |d| crate::i18n::date(lang, d));
        let trend = match lang {
            Lang::En => s.trend.key(),
            Lang::Fr => s.trend.label_in(lang),
        };
        writeln!(
            out,
            "  {}",
            lf!(
                lang,
                "regions: {regions}; latest {latest}; trend {trend}",
                "régions : {regions} ; dernier événement le {latest} ; tendance {trend}"
            )
        )?;
        let risk = |x: crate::analysis::hrddp::HrddpRisk| match lang {
            Lang::En => x.key().to_string(),
            Lang::Fr => crate::i18n::mid_sentence(x.label_in(lang)),
        };
        let (sug, grave) = (risk(s.suggested), s.grave_12_months);
        let analyst = r
            .and_then(|r| r.risk)
            .map_or(word("not recorded", "non consigné").to_string(), risk);
        writeln!(
            out,
            "  {}",
            lf!(
                lang,
                "suggested risk {sug} ({grave} grave events or violations in the last 12 months); analyst: {analyst}",
                "risque suggéré {sug} ({grave} événements graves ou violations au cours des 12 derniers mois) ; analyste : {analyst}"
            )
        )?;
        if let Some(r) = r {
            let c = crate::i18n::colon(lang);
            if !r.mitigation.is_empty() {
                writeln!(
                    out,
                    "  {}{c} {}",
                    word("mitigation", "mesures d'atténuation"),
                    r.mitigation
                )?;
            }
            if !r.supporting_entity.is_empty() {
                writeln!(
                    out,
                    "  {}{c} {}",
                    word("supporting UN entity", "entité des Nations Unies en appui"),
                    r.supporting_entity
                )?;
            }
        }
    }
    Ok(())
}
