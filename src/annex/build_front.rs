//! The annex's front matter: document control (number, version, date,
//! classification, who prepared and cleared it) and the key judgements a
//! planner reads first — the residual threats that matter most, in plain
//! sentences from the register, or as the analyst rewrote them.

use super::build::Ctx;
use super::build_register::{free_text, threat_name};
use super::{Block, Cell, Table};
use crate::analysis::scores::{RiskBand, Trend};
use crate::assessment::review::{EntryReview, Flag};
use crate::assessment::sharing::RegisterColumn;
use crate::assessment::{Successor, ThreatEntry};
use crate::{l, lf};

/// How many threats the generated key judgements name.
const KEY_THREATS: usize = 5;

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// Document control: one table of what a records officer and a reader
/// need to identify the document and who answers for it.
pub(super) fn control(ctx: &Ctx) -> Vec<Block> {
    let Some(a) = ctx.a else {
        return Vec::new();
    };
    let or_dash = |s: &str| {
        if s.trim().is_empty() {
            "—".to_string()
        } else {
            s.trim().to_string()
        }
    };
    let lang = ctx.lang;
    let recipients = if ctx.opts.recipients.is_empty() {
        l!(lang, "as the classification allows", "selon le classement").to_string()
    } else {
        ctx.opts.recipients.join(crate::i18n::list_sep(ctx.lang))
    };
    let rows = vec![
        vec![text("Document"), text(a.meta.title.clone())],
        vec![
            text(l!(lang, "Document number", "Numéro du document")),
            text(or_dash(&a.meta.document_number)),
        ],
        vec![text("Version"), text(or_dash(&a.meta.version))],
        vec![text("Date"), text(ctx.date(ctx.opts.generated))],
        vec![
            text(l!(lang, "Classification", "Classement")),
            text(super::classification_in(ctx.opts.level, lang)),
        ],
        vec![
            text(l!(lang, "Mission and country", "Mission et pays")),
            text(format!("{} · {}", a.meta.mission, a.meta.country)),
        ],
        vec![
            text(l!(
                lang,
                "Period and as-of date",
                "Période et date de référence"
            )),
            text(lf!(
                lang,
                "{} (as of {})",
                "{} (au {})",
                ctx.period(),
                ctx.date(ctx.as_of)
            )),
        ],
        vec![
            text(l!(lang, "Prepared by", "Établi par")),
            text(or_dash(
                &a.meta.authors.join(crate::i18n::list_sep(ctx.lang)),
            )),
        ],
        vec![
            text(l!(lang, "Cleared by", "Approuvé par")),
            text(if a.meta.cleared_by.trim().is_empty() {
                l!(lang, "not yet cleared", "pas encore approuvé").to_string()
            } else {
                a.meta.cleared_by.trim().to_string()
            }),
        ],
        vec![
            text(l!(lang, "Distribution", "Diffusion")),
            text(recipients),
        ],
    ];
    vec![Block::Table(Table::new(
        "document-control",
        l!(lang, "Document control", "Contrôle du document"),
        &[l!(lang, "Item", "Élément"), l!(lang, "Entry", "Mention")],
        rows,
        Vec::new(),
    ))]
}

/// A changed field as the annex names it, and whether its values are
/// printed (free text is only said to have changed).
fn field_name(field: &str, lang: crate::i18n::Lang) -> (String, bool) {
    match field {
        "likelihood" => (l!(lang, "likelihood", "probabilité").to_string(), true),
        "impact" => ("impact".to_string(), true),
        "residual" => (l!(lang, "residual", "résiduelle").to_string(), true),
        "tiers" => (l!(lang, "tiers", "niveaux").to_string(), true),
        "regions" => (l!(lang, "regions", "régions").to_string(), true),
        f if f.starts_with("successors.") => (
            lf!(lang, "successor, tier {}", "relais, niveau {}", &f[11..]),
            true,
        ),
        "ratings" => (
            l!(lang, "participants' ratings", "cotations des participants").to_string(),
            false,
        ),
        "rationale" => (l!(lang, "rationale", "justification").to_string(), false),
        "mitigation" => (l!(lang, "mitigation", "atténuation").to_string(), false),
        "actor_group" => (
            l!(lang, "actor group", "groupe d'acteurs").to_string(),
            false,
        ),
        "dissents" => (
            l!(lang, "dissents", "opinions divergentes").to_string(),
            false,
        ),
        "review_date" => (
            l!(lang, "review date", "date de révision").to_string(),
            true,
        ),
        "capacity" => (l!(lang, "capacity", "capacité").to_string(), true),
        f if f.starts_with("handover.") => (
            lf!(lang, "handover, tier {}", "transfert, niveau {}", &f[9..]),
            true,
        ),
        f if f.starts_with("tier_capacity.") => (
            lf!(lang, "capacity, tier {}", "capacité, niveau {}", &f[14..]),
            true,
        ),
        f if f.ends_with("_cleared") => (
            l!(lang, "clearance of a text", "autorisation d'un texte").to_string(),
            false,
        ),
        other => (other.replace('_', " "), false),
    }
}

/// What changed since the previous draft (METHODOLOGY §10), when the
/// export was given one: entries added and removed, ratings, residual,
/// tiers and successors changed (free text only said to have changed),
/// and at `internal` the flags raised and cleared and the matrix cells
/// whose counts changed with the data.
pub(super) fn changes(ctx: &Ctx) -> Vec<Block> {
    let Some(d) = ctx.opts.changes.as_ref() else {
        return Vec::new();
    };
    let lang = ctx.lang;
    let mut items: Vec<String> = Vec::new();
    let name = |p: &str| {
        crate::model::PerpetratorType::from_key(p)
            .map_or_else(|| p.to_string(), |t| t.label_in(lang).to_string())
    };
    for e in &d.added {
        items.push(lf!(
            lang,
            "Threat #{} added: {} in {}.",
            "Menace n° {} ajoutée : {} – {}.",
            e.id,
            name(&e.perpetrator),
            e.regions.join(", ")
        ));
    }
    for e in &d.removed {
        items.push(lf!(
            lang,
            "Threat #{} removed: {} in {}.",
            "Menace n° {} retirée : {} – {}.",
            e.id,
            name(&e.perpetrator),
            e.regions.join(", ")
        ));
    }
    let value = |v: &serde_json::Value| match v {
        serde_json::Value::Null => "–".to_string(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    for c in &d.changed {
        let (field, shown) = field_name(&c.field, lang);
        items.push(if shown {
            lf!(
                lang,
                "Threat #{}: {field} {} → {}.",
                "Menace n° {} : {field} {} → {}.",
                c.id,
                value(&c.old),
                value(&c.new)
            )
        } else {
            lf!(
                lang,
                "Threat #{}: {field} changed.",
                "Menace n° {} : {field} modifié.",
                c.id
            )
        });
    }
    let flag = |k: &str| {
        Flag::ALL
            .into_iter()
            .find(|f| f.key() == k)
            .map_or_else(|| k.to_string(), |f| f.label_in(lang).to_string())
    };
    if !ctx.suppress {
        for f in &d.flags.raised {
            items.push(lf!(
                lang,
                "Threat #{}: flag \"{}\" raised.",
                "Menace n° {} : point de vigilance « {} » relevé.",
                f.id,
                flag(&f.flag)
            ));
        }
        for f in &d.flags.cleared {
            items.push(lf!(
                lang,
                "Threat #{}: flag \"{}\" cleared.",
                "Menace n° {} : point de vigilance « {} » levé.",
                f.id,
                flag(&f.flag)
            ));
        }
        if !d.cells.is_empty() {
            items.push(lf!(
                lang,
                "{} cells of the threat matrix changed with the data.",
                "{} cellules de la matrice des menaces ont changé avec les données.",
                d.cells.len()
            ));
        }
    }
    if items.is_empty() {
        items.push(l!(lang, "No change.", "Aucun changement.").to_string());
    }
    vec![
        Block::Heading(
            l!(
                lang,
                "Changes since the previous draft",
                "Changements depuis la version précédente"
            )
            .into(),
        ),
        Block::Bullets(items),
    ]
}

/// The key judgements: the analyst's own where written and cleared for
/// this level, else generated from the register.
pub(super) fn key_judgements(ctx: &Ctx) -> Vec<Block> {
    let (Some(a), Some(r)) = (ctx.a, &ctx.review) else {
        return Vec::new();
    };
    let written: Vec<String> = a
        .meta
        .key_judgements
        .iter()
        .filter(|k| !k.trim().is_empty())
        .cloned()
        .collect();
    if !written.is_empty() {
        let cleared: Option<Vec<String>> = written
            .iter()
            .map(|k| free_text(ctx, k, a.meta.key_judgements_cleared))
            .collect();
        if let Some(items) = cleared {
            return vec![
                Block::Paragraph(
                    l!(
                        ctx.lang,
                        "The analyst's key judgements, from the register below.",
                        "Les principales conclusions de l'analyste, tirées du registre ci-dessous."
                    )
                    .to_string(),
                ),
                Block::Bullets(items),
            ];
        }
    }
    let residual: Vec<(&ThreatEntry, &EntryReview)> = a
        .register
        .iter()
        .zip(&r.entries)
        .filter(|(e, _)| e.residual)
        .collect();
    if residual.is_empty() {
        if a.register.is_empty() {
            return Vec::new();
        }
        return vec![Block::Paragraph(
            l!(
                ctx.lang,
                "The analyst expects none of the threats assessed to persist after the mission leaves.",
                "L'analyste ne s'attend à ce qu'aucune des menaces évaluées persiste après le retrait de la mission."
            )
            .to_string(),
        )];
    }
    let mut ranked = residual.clone();
    // Highest analyst risk first; unrated last; then register order.
    ranked.sort_by_key(|(e, _)| std::cmp::Reverse(analyst_risk(e).unwrap_or(0)));
    let high = residual
        .iter()
        .filter(|(e, _)| analyst_risk(e).is_some_and(|x| RiskBand::of(x) >= RiskBand::High))
        .count();
    let gaps = residual
        .iter()
        .filter(|(e, _)| !uncovered_tiers(e).is_empty())
        .count();
    let lang = ctx.lang;
    let mut opening = lf!(
        lang,
        "{} of the {} threats assessed are expected to persist after the mission leaves; {} of them rated High or Very high by the analyst",
        "Sur les {1} menaces évaluées, {0} devraient persister après le retrait de la mission ; {2} présentent, selon l'analyste, un risque élevé ou très élevé",
        residual.len(),
        a.register.len(),
        high
    );
    if ctx.content.has(RegisterColumn::Gap) || ctx.content.has(RegisterColumn::Successors) {
        opening.push_str(&match (lang, gaps) {
            (crate::i18n::Lang::En, _) => {
                format!(", and {gaps} with a protection tier no one is named to take over")
            }
            (crate::i18n::Lang::Fr, 0 | 1) => format!(
                ", et {gaps} a un niveau de protection dont personne n'est désigné pour prendre le relais"
            ),
            (crate::i18n::Lang::Fr, _) => format!(
                ", et {gaps} ont un niveau de protection dont personne n'est désigné pour prendre le relais"
            ),
        });
    }
    let shown = ranked.len().min(KEY_THREATS);
    opening.push_str(&match (lang, shown) {
        (crate::i18n::Lang::En, 1) => ". The one that matters most:".to_string(),
        (crate::i18n::Lang::En, n) => format!(". The {n} that matter most:"),
        (crate::i18n::Lang::Fr, 1) => ". La plus importante :".to_string(),
        (crate::i18n::Lang::Fr, n) => format!(". Les {n} plus importantes :"),
    });
    let items = ranked
        .iter()
        .take(KEY_THREATS)
        .map(|(e, er)| judgement(ctx, e, er))
        .collect();
    let mut blocks = vec![Block::Paragraph(opening), Block::Bullets(items)];
    if !ctx.suppress {
        blocks.push(Block::Paragraph(
            l!(
                lang,
                "Generated from the register (ratings, successors and flags); the analyst can replace these with their own judgements in the assessment.",
                "Générées à partir du registre (cotations, relais et points de vigilance) ; l'analyste peut les remplacer par ses propres conclusions dans l'évaluation."
            )
            .to_string(),
        ));
    }
    blocks
}

/// The analyst's risk, where both ratings are set.
fn analyst_risk(e: &ThreatEntry) -> Option<u8> {
    Some(e.likelihood? * e.impact?)
}

/// The tiers an entry engages with no successor named.
fn uncovered_tiers(e: &ThreatEntry) -> Vec<crate::assessment::Tier> {
    let tiers: Vec<_> = if e.tiers.is_empty() {
        e.successors.keys().copied().collect()
    } else {
        e.tiers.clone()
    };
    tiers
        .into_iter()
        .filter(|t| e.successors.get(t).is_none_or(|s| *s == Successor::None))
        .collect()
}

fn trend_words(t: Trend, lang: crate::i18n::Lang) -> &'static str {
    match (t, lang) {
        (Trend::New, crate::i18n::Lang::En) => "newly recorded in the last six months",
        (Trend::NoData, crate::i18n::Lang::En) => {
            "with no trend (the data do not cover the last months)"
        }
        (Trend::New, crate::i18n::Lang::Fr) => "nouvellement enregistrée ces six derniers mois",
        (Trend::NoData, crate::i18n::Lang::Fr) => {
            "sans tendance (les données ne couvrent pas les derniers mois)"
        }
        (t, lang) => t.label_in(lang),
    }
}

/// One threat in a sentence: who, where, the analyst's risk, its trend
/// (where the level shows trends), who takes over and the flags.
fn judgement(ctx: &Ctx, e: &ThreatEntry, er: &EntryReview) -> String {
    let has = |c: RegisterColumn| ctx.content.has(c);
    let lang = ctx.lang;
    let regions = match e.regions.len() {
        0 => l!(lang, "all regions", "toutes les régions").to_string(),
        1 => e.regions[0].clone(),
        n => lf!(
            lang,
            "{} and {}",
            "{} et {}",
            e.regions[..n - 1].join(", "),
            e.regions[n - 1]
        ),
    };
    let mut s = lf!(
        lang,
        "{} in {regions}: ",
        "{} – {regions} : ",
        threat_name(ctx, e)
    );
    match analyst_risk(e) {
        Some(x) if has(RegisterColumn::Risk) => {
            s.push_str(&lf!(
                lang,
                "{} risk ({x})",
                "risque {} ({x})",
                if lang == crate::i18n::Lang::Fr {
                    RiskBand::of(x).label_in(lang).to_lowercase()
                } else {
                    RiskBand::of(x).label().to_string()
                }
            ));
        }
        Some(_) => s.push_str(l!(lang, "rated by the analyst", "cotée par l'analyste")),
        None => s.push_str(l!(
            lang,
            "not yet rated by the analyst",
            "pas encore cotée par l'analyste"
        )),
    }
    if has(RegisterColumn::Trend) {
        s.push_str(&format!(", {}", trend_words(er.trend, lang)));
    }
    if has(RegisterColumn::Successors) && !e.successors.is_empty() {
        let named: Vec<String> = e
            .successors
            .iter()
            .filter(|(_, s)| **s != Successor::None)
            .map(|(t, s)| {
                let who = match (s, lang) {
                    (Successor::Other(x), _) if ctx.names.find(x).is_some() => l!(
                        lang,
                        "another actor (not named at this sharing level)",
                        "un autre acteur (non nommé à ce niveau de diffusion)"
                    )
                    .to_string(),
                    (Successor::Other(x), _) => x.trim().to_string(),
                    (Successor::UnCountryTeam, crate::i18n::Lang::En) => {
                        "the UN country team".to_string()
                    }
                    (Successor::Ohchr, crate::i18n::Lang::En) => "OHCHR".to_string(),
                    (_, crate::i18n::Lang::En) => s.label().to_lowercase(),
                    (_, crate::i18n::Lang::Fr) => crate::i18n::mid_sentence(&s.label_in(lang)),
                };
                lf!(lang, "tier {t:?} to {who}", "niveau {t:?}, {who}")
            })
            .collect();
        if !named.is_empty() {
            s.push_str(&lf!(
                lang,
                "; handed over: {}",
                " ; relais : {}",
                named.join(", ")
            ));
        }
    }
    let uncovered = uncovered_tiers(e);
    if (has(RegisterColumn::Gap) || has(RegisterColumn::Successors)) && !uncovered.is_empty() {
        let tiers = uncovered
            .iter()
            .map(|t| format!("{t:?}"))
            .collect::<Vec<_>>()
            .join(l!(lang, " or ", " ou "));
        s.push_str(&lf!(
            lang,
            "; no one takes over tier {tiers}",
            " ; personne ne prend le relais au niveau {tiers}"
        ));
    }
    // Above internal only the flags that come from ratings and successors,
    // not from counts, and only where the flags section goes.
    let flags: Vec<&str> = if ctx.content.sections.wants(super::build::SectionId::Flags) {
        er.flags
            .raised()
            .into_iter()
            .filter(|f| {
                !ctx.suppress || matches!(f, Flag::NoSuccessor | Flag::SuccessorIsPerpetrator)
            })
            .map(|f| f.label_in(lang))
            .collect()
    } else {
        Vec::new()
    };
    if !flags.is_empty() {
        s.push_str(&lf!(
            lang,
            " (flags: {})",
            " (points de vigilance : {})",
            flags.join(", ")
        ));
    }
    s.push('.');
    s
}

/// The key judgements the annex would generate for this assessment at
/// `internal` (for the window's "Fill from the register"): the opening
/// sentence, then one item per threat.
pub fn generated_key_judgements(
    a: &crate::assessment::Assessment,
    ws: &crate::analysis::Workspace,
    today: chrono::NaiveDate,
) -> Vec<String> {
    let mut a = a.clone();
    a.meta.key_judgements.clear();
    let mut opts = super::AnnexOptions::for_assessment(&a, today);
    opts.level = crate::assessment::SharingLevel::Internal;
    opts.sections = super::Sections::of([super::build::SectionId::KeyJudgements]);
    let annex = super::build(Some(&a), ws, &opts);
    annex
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Bullets(v) => Some(v.clone()),
            _ => None,
        })
        .flatten()
        .collect()
}
