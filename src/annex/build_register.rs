//! Sections built from the analyst's assessment: 2 (footprint) and 5 (the
//! register); 6 (flags) and 7 (benchmarks) are in `build_flags.rs`. Each is empty, and so left out,
//! for a data-only annex or when the assessment has nothing in it.

use super::build::Ctx;
use super::build::SectionId;
use super::build_threats::implied;
use super::disclosure::single;
use super::{Block, Cell, Table};
use crate::assessment::footprint::cliff_rule;
use crate::assessment::review::Review;
use crate::assessment::sharing::RegisterColumn;
use crate::assessment::{Assessment, SharingLevel, Successor, ThreatEntry};
use crate::i18n::Lang;
use crate::{l, lf};

pub(super) fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// The threat's name: type, and the actor group where it may be named.
pub(super) fn threat_name(ctx: &Ctx, e: &ThreatEntry) -> String {
    match &e.actor_group {
        Some(g) if !g.trim().is_empty() => {
            let t = e.perpetrator.label_in(ctx.lang);
            if ctx.names.find(g).is_some() {
                lf!(
                    ctx.lang,
                    "{t} (group not named at this sharing level)",
                    "{t} (groupe non nommé à ce niveau de diffusion)"
                )
            } else {
                lf!(ctx.lang, "{t}: {}", "{t} : {}", g.trim())
            }
        }
        _ => e.perpetrator.label_in(ctx.lang).to_string(),
    }
}

/// A free text as the annex prints it: at `internal` always; above, only
/// when the analyst cleared it for this level (METHODOLOGY §6), else
/// `None`. Cleared text is printed as written: the final screen refuses the
/// export if it holds a listed name.
pub(super) fn free_text(ctx: &Ctx, text: &str, cleared: Option<SharingLevel>) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return Some(String::new());
    }
    ctx.opts.level.allows(cleared).then(|| t.to_string())
}

/// Shown in place of a free text that is not cleared for this level.
pub(super) fn not_cleared(lang: Lang) -> &'static str {
    l!(
        lang,
        "(not cleared for this sharing level)",
        "(non autorisé pour ce niveau de diffusion)"
    )
}

/// The footprint table's before/after cells, as printed.
fn base_cells(ctx: &Ctx, closed: bool, before: u64, after: u64) -> (Cell, Cell) {
    if closed {
        (
            single(before, ctx.k, ctx.suppress),
            single(after, ctx.k, ctx.suppress),
        )
    } else {
        (Cell::Empty, Cell::Empty)
    }
}

/// Whether a base's cliff is decided by its printed counts (`None`: it
/// depends on a withheld one).
pub(super) fn base_cliff(ctx: &Ctx, closed: bool, before: u64, after: u64) -> Option<bool> {
    if !closed {
        return Some(false);
    }
    let (b, a) = base_cells(ctx, closed, before, after);
    implied(&[&b, &a], |v| cliff_rule(v[0], v[1]))
}

/// Section 2.
pub(super) fn footprint(ctx: &Ctx) -> Vec<Block> {
    let (Some(a), Some(r)) = (ctx.a, &ctx.review) else {
        return Vec::new();
    };
    if a.footprint.is_empty() {
        return Vec::new();
    }
    let closing = a.footprint.iter().filter(|b| b.closed.is_some()).count();
    let last = a.footprint.iter().filter_map(|b| b.closed).max();
    let lang = ctx.lang;
    let mut blocks = vec![Block::Paragraph(lf!(
        lang,
        "The mission has {} bases in this assessment; {} close{}. Civilian-harm events (all perpetrators) within each base's radius are compared for the 12 months before and after its closure; a rise is a security cliff (section \"Flags\").",
        "La mission compte {} bases dans cette évaluation ; {} ferment{}. Les événements portant atteinte aux civils (tous auteurs) dans le rayon de chaque base sont comparés sur les 12 mois avant et après sa fermeture ; une hausse signale un vide sécuritaire (section « Points de vigilance »).",
        a.footprint.len(),
        closing,
        last.map_or(String::new(), |d| lf!(
            lang,
            ", the last on {}",
            ", la dernière le {}",
            ctx.date(d)
        ))
    ))];
    let internal = ctx.opts.level == SharingLevel::Internal;
    let mut header = vec![
        "Base",
        l!(lang, "Region", "Région"),
        l!(lang, "Opened", "Ouverte"),
        l!(lang, "Closed", "Fermée"),
        l!(lang, "Radius (km)", "Rayon (km)"),
        l!(lang, "Events 12 months before", "Événements 12 mois avant"),
        l!(lang, "Events 12 months after", "Événements 12 mois après"),
        l!(lang, "Security cliff", "Vide sécuritaire"),
    ];
    if internal {
        header.extend(["Latitude", "Longitude"]);
    }
    let rows = a
        .footprint
        .iter()
        .zip(&r.bases)
        .map(|(b, br)| {
            let date =
                |d: Option<chrono::NaiveDate>| text(d.map_or("—".to_string(), |d| ctx.date(d)));
            let mut row = vec![
                text(format!(
                    "{}{}",
                    b.name,
                    if b.illustrative { " †" } else { "" }
                )),
                text(b.region.clone()),
                date(b.opened),
                match b.closed {
                    Some(c) if c > ctx.as_of => {
                        text(lf!(lang, "{} (planned)", "{} (prévue)", ctx.date(c)))
                    }
                    other => date(other),
                },
                Cell::Decimal(b.radius_km, 0),
                base_cells(ctx, b.closed.is_some(), br.before, br.after).0,
                // An after-window not over by the as-of date is not yet
                // observed (METHODOLOGY §5): no count, no flag.
                if b.closed.is_some() && !br.after_complete {
                    text(l!(lang, "not yet observed", "pas encore observé"))
                } else {
                    base_cells(ctx, b.closed.is_some(), br.before, br.after).1
                },
                match (
                    b.closed,
                    base_cliff(
                        ctx,
                        b.closed.is_some() && br.after_complete,
                        br.before,
                        br.after,
                    ),
                    br.after_complete,
                ) {
                    (None, _, _) => text(l!(lang, "open", "ouverte")),
                    (Some(_), _, false) => text(l!(lang, "not yet observed", "pas encore observé")),
                    (Some(_), None, _) => Cell::Hidden,
                    (Some(_), Some(true), _) => text(l!(lang, "yes", "oui")),
                    (Some(_), Some(false), true) => text(l!(lang, "no", "non")),
                },
            ];
            if internal {
                row.push(Cell::Decimal(b.latitude, 4));
                row.push(Cell::Decimal(b.longitude, 4));
            }
            row
        })
        .collect();
    let notes = footprint_notes(ctx, a, internal);
    blocks.push(Block::Table(Table::new(
        "footprint",
        l!(
            lang,
            "Mission bases and civilian harm around them before and after closure",
            "Bases de la mission et atteintes aux civils alentour avant et après leur fermeture"
        ),
        &header,
        rows,
        notes,
    )));
    blocks.extend(scenario_blocks(ctx, a));
    blocks
}

/// The notes under the footprint table.
fn footprint_notes(ctx: &Ctx, a: &Assessment, internal: bool) -> Vec<String> {
    let lang = ctx.lang;
    let mut notes = Vec::new();
    if a.footprint.iter().any(|b| b.illustrative) {
        notes.push(
            l!(
                lang,
                "† Illustrative site or date (worked example), not the mission's record.",
                "† Site ou date à titre d'illustration (exemple commenté), et non relevé de la mission."
            )
            .into(),
        );
    }
    if a.footprint
        .iter()
        .any(|b| b.closed.is_some_and(|c| c > ctx.as_of))
    {
        notes.push(lf!(lang, "Planned: a closure after the as-of date. For such a base the 12 months before are the 12 months to the as-of date ({}), the data's last known months; the months after are not yet observed.", "Prévue : une fermeture après la date de référence. Pour une telle base, les 12 mois avant sont les 12 mois jusqu'à la date de référence ({}), les derniers mois connus des données ; les mois après ne sont pas encore observés.", ctx.date(ctx.as_of)));
    }
    if !internal {
        notes.push(l!(lang, "Base coordinates are not given at this sharing level. A cliff is printed only where the counts as printed decide it (x: it depends on a withheld count).", "Les coordonnées des bases ne sont pas données à ce niveau de diffusion. Un vide sécuritaire n'est indiqué que là où les nombres publiés le déterminent (x : il dépend d'un nombre masqué).").into());
    }
    notes
}

/// The drawdown scenarios compared quarter by quarter (METHODOLOGY §10):
/// bases open and closing per scenario; at `internal` also the harm of the
/// last 12 months near what closes and the regions left with a monitoring
/// gap (counts and the gaps they decide are not part of the disclosure
/// audit, so they stay internal).
fn scenario_blocks(ctx: &Ctx, a: &Assessment) -> Vec<Block> {
    if a.scenarios.is_empty() {
        return Vec::new();
    }
    let lang = ctx.lang;
    let internal = ctx.opts.level == SharingLevel::Internal;
    let plan = l!(lang, "Current plan", "Plan actuel");
    let c = crate::assessment::scenarios::compare(a, ctx.ws, plan, 8);
    let mut header = vec![l!(lang, "Quarter", "Trimestre").to_string()];
    // Scenario names are the analyst's free text: above internal they are
    // numbered instead (METHODOLOGY §6).
    header.extend(c.scenarios.iter().enumerate().map(|(i, name)| {
        if internal || i == 0 {
            name.clone()
        } else {
            lf!(lang, "Scenario {i}", "Scénario {i}")
        }
    }));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let rows = c
        .quarters
        .iter()
        .map(|q| {
            let mut row = vec![text(q.quarter.clone())];
            for f in &q.scenarios {
                let mut s = lf!(lang, "{} open", "{} ouvertes", f.open);
                if !f.closing.is_empty() {
                    s.push_str(&if internal {
                        lf!(
                            lang,
                            "; closing: {} ({} events nearby)",
                            " ; fermeture : {} ({} événements à proximité)",
                            f.closing.join(", "),
                            ctx.n(f.harm_near_closing)
                        )
                    } else {
                        lf!(
                            lang,
                            "; closing: {}",
                            " ; fermeture : {}",
                            f.closing.join(", ")
                        )
                    });
                }
                if internal && !f.gap_regions.is_empty() {
                    s.push_str(&lf!(
                        lang,
                        "; monitoring gap: {}",
                        " ; lacune de surveillance : {}",
                        f.gap_regions.join(", ")
                    ));
                }
                row.push(text(s));
            }
            row
        })
        .collect();
    let mut notes = vec![l!(lang, "Bases open at the end of each quarter after the as-of date, and the bases each scenario closes in it. The current plan is the footprint above.", "Bases ouvertes à la fin de chaque trimestre après la date de référence, et bases que chaque scénario y ferme. Le plan actuel est l'empreinte ci-dessus.").to_string()];
    notes.push(if internal {
        l!(lang, "Events nearby: civilian-harm events of the 12 months to the as-of date within the radius of the bases closing that quarter (history, not a forecast). Monitoring gap: a region with 3 or more such events in those 12 months whose bases have all closed (METHODOLOGY §5).", "Événements à proximité : événements portant atteinte aux civils des 12 mois précédant la date de référence dans le rayon des bases qui ferment ce trimestre (l'historique, pas une prévision). Lacune de surveillance : une région ayant connu 3 événements de ce type ou plus sur ces 12 mois et dont toutes les bases ont fermé (MÉTHODOLOGIE §5).").to_string()
    } else {
        l!(lang, "The harm near each closing and the monitoring gaps are counts outside this annex's disclosure audit: they are in the internal version only.", "Les atteintes à proximité de chaque fermeture et les lacunes de surveillance sont des nombres hors de l'audit de confidentialité de cette annexe : elles ne figurent que dans la version interne.").to_string()
    });
    vec![
        Block::Heading(l!(lang, "Drawdown scenarios", "Scénarios de retrait").into()),
        Block::Table(Table::new(
            "scenarios",
            l!(
                lang,
                "Drawdown scenarios compared, quarter by quarter",
                "Scénarios de retrait comparés, trimestre par trimestre"
            ),
            &header,
            rows,
            notes,
        )),
    ]
}

/// A rating as printed: the analyst's, or `not rated` (METHODOLOGY §5:
/// never the suggestion in the analyst's columns).
fn rating(v: Option<u8>, lang: Lang) -> Cell {
    v.map_or_else(
        || text(l!(lang, "not rated", "non coté")),
        |x| Cell::Count(u64::from(x)),
    )
}

/// Section 5.
pub(super) fn register(ctx: &Ctx) -> Vec<Block> {
    let (Some(a), Some(r)) = (ctx.a, &ctx.review) else {
        return Vec::new();
    };
    if a.register.is_empty() {
        return Vec::new();
    }
    let mut blocks = vec![
        Block::Paragraph(register_intro(ctx, a)),
        Block::Table(ratings_table(ctx, a, r)),
    ];
    blocks.extend(handover_table(ctx, a).map(Block::Table));
    blocks.extend(workshop_blocks(ctx, a));
    blocks.extend(rationale_blocks(ctx, a));
    blocks
}

/// The workshop's ratings (METHODOLOGY §10): per entry the participants
/// rated, their median and range, contested or not, and the dissents — at
/// `internal` and `un-partners` only (participants are named); a dissent's
/// reason is free text and is printed at `internal` only.
fn workshop_blocks(ctx: &Ctx, a: &Assessment) -> Vec<Block> {
    let lang = ctx.lang;
    if ctx.opts.level > SharingLevel::UnPartners || a.register.iter().all(|e| e.panel().is_none()) {
        return Vec::new();
    }
    let spread = |s| crate::assessment::Spread::text(s, lang);
    let internal = ctx.opts.level == SharingLevel::Internal;
    let who = |name: &str| {
        a.participants
            .iter()
            .find(|p| p.name == name)
            .filter(|p| !p.entity.trim().is_empty())
            .map_or_else(
                || name.to_string(),
                |p| format!("{} ({})", p.name, p.entity),
            )
    };
    let rows: Vec<Vec<Cell>> = a
        .register
        .iter()
        .filter_map(|e| Some((e, e.panel()?)))
        .map(|(e, p)| {
            let dissents = e
                .dissents
                .iter()
                .map(|d| {
                    if internal {
                        format!("{}: {}", who(&d.participant), d.reason)
                    } else {
                        who(&d.participant)
                    }
                })
                .collect::<Vec<_>>()
                .join(crate::i18n::list_sep(lang));
            vec![
                text(format!("{}", e.id)),
                text(threat_name(ctx, e)),
                Cell::Count(e.ratings.len() as u64),
                text(spread(p.likelihood)),
                text(spread(p.impact)),
                text(if p.contested() {
                    l!(lang, "yes", "oui")
                } else {
                    l!(lang, "no", "non")
                }),
                text(dissents),
            ]
        })
        .collect();
    let mut notes = vec![l!(lang, "Median of the participants' ratings, with the lowest and highest in brackets. Contested: a range of 2 or more on likelihood or impact. The agreed rating is the analyst's (above).", "Médiane des cotations des participants, avec la plus basse et la plus haute entre parenthèses. Contestée : une étendue de 2 ou plus en probabilité ou en impact. La cotation retenue est celle de l'analyste (ci-dessus).").to_string()];
    if !internal {
        notes.push(l!(lang, "Dissenting participants are named; their reasons are printed in the internal version only.", "Les participants en désaccord sont nommés ; leurs raisons ne figurent que dans la version interne.").to_string());
    }
    vec![
        Block::Heading(l!(lang, "Workshop ratings", "Cotations de l'atelier").into()),
        Block::Table(Table::new(
            "workshop-ratings",
            l!(
                lang,
                "Participants' ratings of the register's threats",
                "Cotations des menaces du registre par les participants"
            ),
            &[
                l!(lang, "#", "n°"),
                l!(lang, "Threat", "Menace"),
                l!(lang, "Participants who rated", "Participants ayant coté"),
                l!(
                    lang,
                    "Likelihood: median (range)",
                    "Probabilité : médiane (étendue)"
                ),
                l!(lang, "Impact: median (range)", "Impact : médiane (étendue)"),
                l!(lang, "Contested", "Contestée"),
                l!(lang, "Dissents", "Opinions divergentes"),
            ],
            rows,
            notes,
        )),
    ]
}

/// The register's opening paragraph: threats assessed, residual, rated.
fn register_intro(ctx: &Ctx, a: &Assessment) -> String {
    let has = |c: RegisterColumn| ctx.content.has(c);
    let residual = a.register.iter().filter(|e| e.residual).count();
    let unrated = a
        .register
        .iter()
        .filter(|e| e.likelihood.is_none() || e.impact.is_none())
        .count();
    let lang = ctx.lang;
    let mut intro = lf!(
        lang,
        "{} threats are assessed, {} of them expected to persist after the mission leaves (residual). Likelihood and impact are the analyst's ratings (1–5){}. Risk = likelihood × impact: 1–4 Low, 5–9 Medium, 10–16 High, 20–25 Very high.",
        "Au total, {} menaces sont évaluées, dont {} devraient persister après le retrait de la mission (résiduelles). La probabilité et l'impact sont les cotations de l'analyste (1–5){}. Risque = probabilité × impact : 1–4 faible, 5–9 moyen, 10–16 élevé, 20–25 très élevé.",
        a.register.len(),
        residual,
        if has(RegisterColumn::Suggested) {
            l!(
                lang,
                "; the suggestion computed from the last six months (see \"Method and sources\") is shown beside them",
                " ; la suggestion calculée sur les six derniers mois (voir « Méthode et sources ») figure à côté"
            )
        } else {
            ""
        }
    );
    if unrated > 0 {
        intro.push_str(&match (lang, unrated) {
            (Lang::En, 1) => " 1 of them is not rated yet by the analyst.".to_string(),
            (Lang::En, n) => format!(" {n} of them are not rated yet by the analyst."),
            (Lang::Fr, 1) => " L'une d'elles n'est pas encore cotée par l'analyste.".to_string(),
            (Lang::Fr, n) => {
                format!(" {n} d'entre elles ne sont pas encore cotées par l'analyste.")
            }
        });
    }
    intro
}

/// The ratings table, with the columns that go at this level.
fn ratings_table(ctx: &Ctx, a: &Assessment, r: &Review) -> Table {
    let has = |c: RegisterColumn| ctx.content.has(c);
    // Ratings table: the columns that go at this level.
    let lang = ctx.lang;
    let mut header = vec![
        l!(lang, "#", "n°"),
        l!(lang, "Threat", "Menace"),
        l!(lang, "Regions", "Régions"),
    ];
    let rating_cols = [
        RegisterColumn::Likelihood,
        RegisterColumn::Impact,
        RegisterColumn::Risk,
        RegisterColumn::Suggested,
        RegisterColumn::Trend,
        RegisterColumn::Residual,
    ];
    header.extend(
        rating_cols
            .iter()
            .filter(|c| has(**c))
            .map(|c| c.label_in(lang)),
    );
    let ratings = a
        .register
        .iter()
        .zip(&r.entries)
        .map(|(e, er)| {
            let mut row = vec![
                text(format!("{}", e.id)),
                text(threat_name(ctx, e)),
                text(e.regions.join(", ")),
            ];
            let rated = e.likelihood.is_some() && e.impact.is_some();
            for c in rating_cols.iter().filter(|c| has(**c)) {
                row.push(match c {
                    RegisterColumn::Likelihood => rating(e.likelihood, lang),
                    RegisterColumn::Impact => rating(e.impact, lang),
                    RegisterColumn::Risk if rated => text(er.analyst.map_or_else(
                        || l!(lang, "not rated", "non coté").to_string(),
                        |a| format!("{} {}", a.risk, a.band.label_in(lang)),
                    )),
                    RegisterColumn::Risk => text(l!(lang, "not rated", "non coté")),
                    RegisterColumn::Suggested => text(er.suggested.map_or_else(
                        || l!(lang, "– (no data)", "– (pas de données)").to_string(),
                        |s| format!("{}×{}", s.likelihood, s.impact),
                    )),
                    RegisterColumn::Trend => {
                        text(format!("{} {}", er.trend.arrow(), er.trend.label_in(lang)))
                    }
                    _ => text(if e.residual {
                        l!(lang, "yes", "oui")
                    } else {
                        l!(lang, "no", "non")
                    }),
                });
            }
            row
        })
        .collect();
    Table::new(
        "register",
        l!(
            lang,
            "Residual-threat register: ratings",
            "Registre des menaces résiduelles : cotations"
        ),
        &header,
        ratings,
        vec![],
    )
}

fn tiers_note(lang: Lang) -> &'static str {
    l!(
        lang,
        "Tiers: I dialogue and engagement; II physical protection; III protective environment.",
        "Niveaux : I protection par le dialogue et l'engagement ; II protection physique ; III instauration d'un environnement protecteur."
    )
}

/// The register's second table (tiers, mitigation, review date), with the
/// columns that go at this level; `None` when none does.
fn handover_table(ctx: &Ctx, a: &Assessment) -> Option<Table> {
    let has = |c: RegisterColumn| ctx.content.has(c);
    // Successors, capacity and gaps per tier: the handover section.
    let hand_cols = [
        RegisterColumn::Tiers,
        RegisterColumn::Mitigation,
        RegisterColumn::ReviewBy,
    ];
    if !hand_cols.iter().any(|c| has(*c)) {
        return None;
    }
    let lang = ctx.lang;
    let mut header = vec![l!(lang, "#", "n°")];
    header.extend(
        hand_cols
            .iter()
            .filter(|c| has(**c))
            .map(|c| c.label_in(lang)),
    );
    let handover = a
        .register
        .iter()
        .map(|e| {
            let mut row = vec![text(format!("{}", e.id))];
            for c in hand_cols.iter().filter(|c| has(**c)) {
                row.push(match c {
                    RegisterColumn::Tiers => text(
                        e.tiers
                            .iter()
                            .map(|t| format!("{t:?}"))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                    RegisterColumn::Mitigation => text(
                        free_text(ctx, &e.mitigation, e.mitigation_cleared)
                            .unwrap_or_else(|| not_cleared(lang).into()),
                    ),
                    _ => text(e.review_date.map_or(String::new(), |d| ctx.date(d))),
                });
            }
            row
        })
        .collect();
    let mut notes = Vec::new();
    if has(RegisterColumn::Tiers) {
        notes.push(tiers_note(lang).to_string());
    }
    let named: Vec<&str> = hand_cols
        .iter()
        .filter(|c| has(**c))
        .map(|c| match c {
            RegisterColumn::Tiers => l!(lang, "tiers", "niveaux"),
            RegisterColumn::Mitigation => l!(lang, "mitigation", "atténuation"),
            _ => l!(lang, "review date", "date de révision"),
        })
        .collect();
    let caption = lf!(
        lang,
        "Residual-threat register: {}",
        "Registre des menaces résiduelles : {}",
        named.join(", ")
    );
    Some(Table::new("mitigation", &caption, &header, handover, notes))
}

/// The analysts' rationales cleared for this level, and how many were
/// left out.
fn rationale_blocks(ctx: &Ctx, a: &Assessment) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut withheld = 0;
    let rationales: Vec<String> = a
        .register
        .iter()
        .filter(|e| !e.rationale.trim().is_empty())
        .filter_map(
            |e| match free_text(ctx, &e.rationale, e.rationale_cleared) {
                Some(t) => Some(lf!(ctx.lang, "#{}: {t}", "n° {} : {t}", e.id)),
                None => {
                    withheld += 1;
                    None
                }
            },
        )
        .collect();
    if !rationales.is_empty() || withheld > 0 {
        blocks.push(Block::Heading(
            l!(ctx.lang, "Rationale", "Justification").into(),
        ));
    }
    if !rationales.is_empty() {
        blocks.push(Block::Bullets(rationales));
    }
    if withheld > 0 {
        blocks.push(Block::Paragraph(match (ctx.lang, withheld) {
            (Lang::En, 1) => {
                "1 analyst rationale is not cleared for this sharing level and left out.".into()
            }
            (Lang::En, n) => format!(
                "{n} analyst rationales are not cleared for this sharing level and left out."
            ),
            (Lang::Fr, 1) => "Une justification de l'analyste n'est pas autorisée pour ce niveau de diffusion et est omise.".into(),
            (Lang::Fr, n) => format!("{n} justifications de l'analyste ne sont pas autorisées pour ce niveau de diffusion et sont omises."),
        }));
    }
    blocks
}

/// The handover section: per residual threat and per protection tier, the
/// successor, its capacity for that tier, the planned handover date and
/// the gap, with the columns that go at this level.
pub(super) fn handover(ctx: &Ctx) -> Vec<Block> {
    let Some(a) = ctx.a else {
        return Vec::new();
    };
    let has = |c: RegisterColumn| ctx.content.has(c);
    if !has(RegisterColumn::Successors) {
        return Vec::new();
    }
    let lang = ctx.lang;
    let mut header = vec![
        l!(lang, "#", "n°"),
        l!(lang, "Threat", "Menace"),
        l!(lang, "Tier", "Niveau"),
        l!(lang, "Successor", "Relais"),
    ];
    if has(RegisterColumn::Capacity) {
        header.push(l!(lang, "Capacity (1 to 5)", "Capacité (1 à 5)"));
    }
    header.push(l!(lang, "Planned handover", "Transfert prévu"));
    if has(RegisterColumn::Gap) {
        header.push(l!(lang, "Gap", "Lacune"));
    }
    let mut rows = Vec::new();
    for e in a.register.iter().filter(|e| e.residual) {
        let tiers: Vec<crate::assessment::Tier> = if e.tiers.is_empty() {
            e.successors.keys().copied().collect()
        } else {
            e.tiers.clone()
        };
        if tiers.is_empty() {
            let mut row = vec![
                text(format!("{}", e.id)),
                text(threat_name(ctx, e)),
                text("—"),
                text(l!(lang, "none named", "aucun désigné")),
            ];
            if has(RegisterColumn::Capacity) {
                row.push(Cell::Empty);
            }
            row.push(text("—"));
            if has(RegisterColumn::Gap) {
                row.push(text(l!(
                    lang,
                    "no tier or successor named",
                    "aucun niveau ni relais désigné"
                )));
            }
            rows.push(row);
            continue;
        }
        for t in tiers {
            let successor = e.successors.get(&t).filter(|s| **s != Successor::None);
            let capacity = e.tier_capacity.get(&t).copied().or(e.capacity);
            let mut row = vec![
                text(format!("{}", e.id)),
                text(threat_name(ctx, e)),
                text(format!("{t:?}")),
                text(successor.map_or_else(
                    || l!(lang, "none", "aucun").to_string(),
                    |s| successor_name(ctx, s),
                )),
            ];
            if has(RegisterColumn::Capacity) {
                row.push(match (successor, capacity) {
                    (Some(_), Some(c)) => Cell::Count(u64::from(c)),
                    _ => Cell::Empty,
                });
            }
            row.push(text(e.handover.get(&t).map_or_else(
                || l!(lang, "not set", "non fixé").to_string(),
                |d| ctx.date(*d),
            )));
            if has(RegisterColumn::Gap) {
                row.push(text(tier_gap(e, successor, capacity, lang)));
            }
            rows.push(row);
        }
    }
    if rows.is_empty() {
        return vec![Block::Paragraph(
            l!(
                lang,
                "No threat is expected to persist after the mission leaves: there is nothing to hand over.",
                "Aucune menace ne devrait persister après le retrait de la mission : il n'y a rien à transférer."
            )
            .to_string(),
        )];
    }
    let mut notes = vec![tiers_note(lang).to_string()];
    if has(RegisterColumn::Capacity) {
        notes.push(
            l!(
                lang,
                "Capacity of the successor for that tier: 1 none … 5 full (the analyst's rating).",
                "Capacité du relais pour ce niveau : 1 nulle … 5 complète (cotation de l'analyste)."
            )
            .to_string(),
        );
    }
    if has(RegisterColumn::Gap) {
        notes.push(l!(lang, "Gap: no successor; a successor rated 2 or lower; or host-state security forces taking over a threat they perpetrate.", "Lacune : pas de relais ; un relais coté 2 ou moins ; ou les forces de sécurité de l'État hôte désignées comme relais pour la protection contre une menace dont elles sont elles-mêmes les auteurs.").to_string());
    }
    vec![
        Block::Paragraph(
            l!(
                lang,
                "Who takes over each protection task of the residual threats, tier by tier, and where no one does.",
                "Qui reprend chaque tâche de protection face aux menaces résiduelles, niveau par niveau, et où personne ne le fait."
            )
            .to_string(),
        ),
        Block::Table(Table::new(
            "handover",
            SectionId::Handover.title_in(lang),
            &header,
            rows,
            notes,
        )),
    ]
}

/// A successor's name as printed: an "other" successor is typed by the
/// analyst and screened.
fn successor_name(ctx: &Ctx, s: &Successor) -> String {
    match s {
        Successor::Other(x) if ctx.names.find(x).is_some() => l!(
            ctx.lang,
            "Other (not named at this sharing level)",
            "Autre (non nommé à ce niveau de diffusion)"
        )
        .to_string(),
        _ => s.label_in(ctx.lang),
    }
}

/// The gap of one tier's handover.
fn tier_gap(
    e: &ThreatEntry,
    successor: Option<&Successor>,
    capacity: Option<u8>,
    lang: Lang,
) -> String {
    match successor {
        None => l!(lang, "no successor", "pas de relais").to_string(),
        Some(Successor::HostStateSecurityForces)
            if e.perpetrator == crate::model::perpetrator::PerpetratorType::StateForces =>
        {
            l!(
                lang,
                "successor is the perpetrator",
                "le relais est l'auteur de la menace"
            )
            .to_string()
        }
        Some(_) => match capacity {
            Some(c) if c <= 2 => lf!(lang, "weak capacity ({c})", "capacité faible ({c})"),
            _ => "—".to_string(),
        },
    }
}
