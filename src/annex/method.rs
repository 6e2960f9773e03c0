//! "Method and sources": the counting rules in plain words with the
//! parameters this annex used (windows and their dates, thresholds, k),
//! written for a reader and not copied from METHODOLOGY.md; then every
//! re-classification and analyst override, the disclosure rules applied
//! to this annex, and each source's required attribution.

use super::Block;
use super::build::Ctx;
use crate::analysis::matrix::Windows;
use crate::i18n::Lang;
use crate::model::SourceFormat;
use crate::{l, lf};

/// The counting rules, in plain words, with this annex's dates.
fn rules(ctx: &Ctx) -> Vec<Block> {
    let w = Windows::ending(ctx.as_of);
    let has = |f: SourceFormat| ctx.ws.datasets.iter().any(|d| d.meta.format == f);
    let lang = ctx.lang;
    let d = |x: chrono::NaiveDate| ctx.date(x);
    let mut b = Vec::new();
    b.push(Block::Heading(
        l!(lang, "What is counted", "Ce qui est compté").into(),
    ));
    let mut counted = vec![
        l!(lang, "A civilian-harm event is a recorded event in which civilians were harmed by violence. Each event counts once in its source; a row repeated in a source (the same event identifier) counts once.", "Un événement portant atteinte aux civils est un événement enregistré au cours duquel des civils ont subi des violences. Chaque événement compte une fois dans sa source ; une ligne répétée dans une source (même identifiant d'événement) compte une fois.").to_string(),
    ];
    if has(SourceFormat::Acled) {
        counted.push(l!(lang, "ACLED: events ACLED marks as targeting civilians (in older files without that mark: violence against civilians, or an event with civilians as one side). Civilian fatalities are all the fatalities ACLED gives for those events, as ACLED does not separate civilian deaths.", "ACLED : les événements qu'ACLED signale comme ciblant des civils (dans les fichiers plus anciens sans ce marqueur : la violence contre les civils, ou un événement dont l'une des parties est constituée de civils). Les civils tués sont tous les morts qu'ACLED indique pour ces événements, ACLED ne distinguant pas les morts civils.").to_string());
    }
    if has(SourceFormat::Ucdp) {
        counted.push(l!(lang, "UCDP GED: one-sided violence against civilians, and battles in which civilians died (counted as not attributable to either side). Civilian fatalities are UCDP's civilian deaths.", "UCDP GED : la violence unilatérale contre les civils, et les combats au cours desquels des civils sont morts (comptés comme non imputables à l'une ou l'autre partie). Les civils tués sont les morts civils selon l'UCDP.").to_string());
    }
    if ctx
        .ws
        .datasets
        .iter()
        .any(|d| !matches!(d.meta.format, SourceFormat::Acled | SourceFormat::Ucdp))
    {
        counted.push(l!(lang, "Other sources: read through a column mapping the analyst made; each value of their perpetrator column was mapped once to a type below.", "Autres sources : lues au moyen d'une correspondance de colonnes établie par l'analyste ; chaque valeur de leur colonne d'auteur a été associée une fois à l'un des types ci-dessous.").to_string());
    }
    counted.extend(matching_text(ctx));
    if ctx
        .ws
        .datasets
        .iter()
        .any(|d| !d.incidents.monitoring.is_empty())
    {
        counted.push(lf!(
            lang,
            "Monitoring logs (human-rights and protection records): every record is civilian harm. A violation is one violation type in one incident (an incident of rape and abduction holds two); victims are the people the log counts, one where it leaves the number unspecified. {} Violations and victims are never assumed for ACLED or UCDP events.",
            "Registres de surveillance (fiches de droits de l'homme et de protection) : chaque fiche est une atteinte aux civils. Une violation est un type de violation dans un incident (un incident de viol et d'enlèvement en compte deux) ; les victimes sont les personnes que compte le registre, une quand il ne précise pas le nombre. {} Les violations et les victimes ne sont jamais supposées pour les événements ACLED ou UCDP.",
            if ctx.filter.verified_only {
                l!(lang, "Only verified records are counted; unverified and rejected ones are not.", "Seules les fiches vérifiées sont comptées ; les fiches non vérifiées et rejetées ne le sont pas.")
            } else {
                l!(lang, "Verified and unverified records are counted; rejected ones (falsely attributed, or found not to have occurred) never are.", "Les fiches vérifiées et non vérifiées sont comptées ; les fiches rejetées (faussement attribuées, ou faits jugés non survenus) ne le sont jamais.")
            }
        ));
    }
    counted.push(l!(lang, "A fatality figure a source gives as unknown or as a range is not counted as zero: the event counts, its fatalities are reported as unknown.", "Un nombre de morts qu'une source donne comme inconnu ou sous forme de fourchette n'est pas compté comme zéro : l'événement compte, son nombre de morts est signalé comme inconnu.").to_string());
    b.push(Block::Bullets(counted));
    b.push(Block::Heading(
        l!(lang, "Who, and where", "Auteurs et lieux").into(),
    ));
    b.push(Block::Bullets(vec![
        l!(lang, "Each event is attributed to one type of perpetrator from the source's own coding of the actor: state security forces, external or foreign forces, rebel groups, political militias, communal or identity militias, armed groups whose type the source does not give, rioters, protesters, civilians, unidentified armed actors, not attributable (crossfire), and other.", "Chaque événement est attribué à un type d'auteur d'après le codage de l'acteur par la source : forces de sécurité de l'État, forces extérieures ou étrangères, groupes rebelles, milices politiques, milices communautaires ou identitaires, groupes armés dont la source ne précise pas le type, émeutiers, manifestants, civils, acteurs armés non identifiés, non imputable (tirs croisés), et autres.").to_string(),
        l!(lang, "ACLED types come from the actor's interaction code. In UCDP data, the government of the country is the state's security forces, another government is external forces, and every other side is an armed group whose type UCDP does not give.", "Les types ACLED proviennent du code d'interaction de l'acteur. Dans les données UCDP, le gouvernement du pays correspond aux forces de sécurité de l'État, un autre gouvernement aux forces extérieures, et toute autre partie à un groupe armé dont l'UCDP ne précise pas le type.").to_string(),
        l!(lang, "The analyst may re-classify an actor (a pro-government militia as state forces, say); each re-classification is listed below with its reason.", "L'analyste peut reclasser un acteur (par exemple une milice progouvernementale comme forces de l'État) ; chaque reclassement est indiqué ci-dessous avec sa raison.").to_string(),
        l!(lang, "Regions are first-level administrative units as the source names them; names that differ only in case, accents or a trailing \"State\" are one region. Events the source places in no region are shown as (unknown).", "Les régions sont les unités administratives de premier niveau telles que la source les nomme ; des noms qui ne diffèrent que par la casse, les accents ou un « State » final désignent une seule région. Les événements que la source ne place dans aucune région figurent sous (inconnue).").to_string(),
        l!(lang, "The state-perpetrated share is the events (or fatalities) by state security forces divided by all events attributed to an identified perpetrator, that is, leaving out unidentified armed actors and crossfire.", "La part imputable à l'État est le nombre d'événements (ou de civils tués) imputables aux forces de sécurité de l'État divisé par tous les événements attribués à un auteur identifié, c'est-à-dire hors acteurs armés non identifiés et tirs croisés.").to_string(),
    ]));
    if let (Some(c), Some(_)) = (ctx.opts.country.as_ref(), ctx.filter.regions.as_ref()) {
        b.push(Block::Paragraph(lf!(
            lang,
            "The data span several countries; this annex counts the regions of {c} only.",
            "Les données couvrent plusieurs pays ; cette annexe ne compte que les régions du pays suivant : {c}."
        )));
    }
    b.push(Block::Heading(l!(lang, "Trends", "Tendances").into()));
    b.push(Block::Bullets(vec![
        lf!(
            lang,
            "The recent window is the six months from {} to {} (the as-of date); the previous window, the six months from {} to {}.",
            "La période récente couvre les six mois du {} au {} (la date de référence) ; la période précédente, les six mois du {} au {}.",
            d(w.recent.0), d(w.recent.1), d(w.previous.0), d(w.previous.1)
        ),
        l!(lang, "Rising: the recent window holds at least a quarter more events than the previous one and at least 3 more. Falling: at least a quarter fewer and at least 3 fewer. New: none before and 3 or more now. Otherwise stable.", "En hausse : la période récente compte au moins un quart d'événements de plus que la précédente, et au moins 3 de plus. En baisse : au moins un quart de moins, et au moins 3 de moins. Nouveau : aucun avant et 3 ou plus maintenant. Sinon stable.").to_string(),
        l!(lang, "No data: a window the sources do not cover, because they start after its first day or stop more than 31 days before its last. A region is then never called stable or low for lack of data.", "Pas de données : une période que les sources ne couvrent pas, parce qu'elles commencent après son premier jour ou s'arrêtent plus de 31 jours avant son dernier. Une région n'est alors jamais dite stable ou faible faute de données.").to_string(),
    ]));
    if !ctx.suppress {
        b.push(Block::Heading(
            l!(lang, "Suggested scores", "Cotations suggérées").into(),
        ));
        b.push(Block::Bullets(vec![
            l!(lang, "Likelihood (1–5) is suggested from civilian-harm events per month in the recent window: none 1, under 0.5 a month 2, under 2 a month 3, under 5 a month 4, 5 or more 5.", "La probabilité (1–5) est suggérée d'après le nombre mensuel d'événements portant atteinte aux civils sur les 6 derniers mois : aucun événement : 1 ; moins de 0,5 par mois : 2 ; moins de 2 par mois : 3 ; moins de 5 par mois : 4 ; 5 ou plus : 5.").to_string(),
            l!(lang, "Impact (1–5) from civilian fatalities per month in the recent window: none 1, under 1 a month 2, under 5 a month 3, under 20 a month 4, 20 or more 5; one step higher where the window holds sexual violence or abductions.", "L'impact (1–5) d'après le nombre mensuel de civils tués sur les 6 derniers mois : aucun : 1 ; moins de 1 par mois : 2 ; moins de 5 par mois : 3 ; moins de 20 par mois : 4 ; 20 ou plus : 5 ; un point de plus quand la période comporte des violences sexuelles ou des enlèvements.").to_string(),
            l!(lang, "Risk is likelihood × impact: 1–4 Low, 5–9 Medium, 10–16 High, 20–25 Very high. The suggestion is a starting point: the analyst's rating and written rationale are what the register states.", "Le risque est probabilité × impact : 1–4 faible, 5–9 moyen, 10–16 élevé, 20–25 très élevé. La suggestion est un point de départ : ce sont la cotation et la justification écrite de l'analyste que le registre consigne.").to_string(),
        ]));
    }
    if ctx.a.is_some() {
        b.push(Block::Heading(
            l!(lang, "Flags", "Points de vigilance").into(),
        ));
        b.push(Block::Bullets(vec![
            l!(lang, "No successor: a residual threat rated High or Very high with a protection tier that no one takes over.", "Pas de relais : une menace résiduelle cotée élevée ou très élevée avec un niveau de protection que personne ne reprend.").to_string(),
            l!(lang, "Successor is perpetrator: host-state security forces are named to take over a threat that state security forces perpetrate.", "Relais auteur de la menace : les forces de sécurité de l'État hôte sont désignées comme relais pour la protection contre une menace dont les forces de sécurité de l'État sont elles-mêmes les auteurs.").to_string(),
            l!(lang, "Security cliff: civilian-harm events within a base's radius (30 km unless set otherwise) in the 12 months after it closed rose against the 12 months before, by the rising rule above. Only data up to the as-of date count: where those 12 months are not over by then, the after-window is shown as not yet observed and no flag is raised.", "Vide sécuritaire : les événements portant atteinte aux civils dans le rayon d'une base (30 km sauf indication contraire) ont augmenté dans les 12 mois suivant sa fermeture par rapport aux 12 mois précédents, selon la règle de hausse ci-dessus. Seules comptent les données jusqu'à la date de référence : quand ces 12 mois ne sont pas écoulés à cette date, la période postérieure est indiquée comme non encore observée et aucun point de vigilance n'est relevé.").to_string(),
            l!(lang, "Monitoring gap: a region of the threat had 3 or more civilian-harm events in the 12 months to the as-of date, and every mission base in it closes.", "Lacune de surveillance : une région de la menace a connu 3 événements portant atteinte aux civils ou plus dans les 12 mois précédant la date de référence, et toutes les bases de la mission qui s'y trouvent ferment.").to_string(),
            l!(lang, "Flags are raised only on threats expected to persist after the mission leaves.", "Les points de vigilance ne sont relevés que sur les menaces qui devraient persister après le retrait de la mission.").to_string(),
        ]));
        b.push(Block::Heading(l!(lang, "Benchmarks", "Jalons").into()));
        b.push(Block::Paragraph(lf!(
            lang,
            "Each benchmark is its measure over its window ending on the as-of date ({}), met or not met against its target; insufficient data where the sources do not cover the window. Nothing after the as-of date is used, except in the back-test, which is labelled as hindsight.",
            "Chaque jalon est évalué sur sa période de mesure s'achevant à la date de référence ({}) et déclaré atteint ou non atteint au regard de sa cible ; données insuffisantes quand les sources ne couvrent pas la période. Rien de postérieur à la date de référence n'est utilisé, sauf dans la vérification a posteriori, signalée comme a posteriori.",
            d(ctx.as_of)
        )));
    }
    b
}

/// Matching across sources (METHODOLOGY §8), where the data hold more
/// than one source family: whether it was on, its parameters and, in the
/// internal version, the match counts (above internal they are left out:
/// with the sources' own totals they would be one more small count).
fn matching_text(ctx: &Ctx) -> Option<String> {
    use crate::analysis::matching::{SourceGroup, family_name, trim_km};
    let ws = ctx.ws;
    let families: std::collections::BTreeSet<String> = (0..ws.datasets.len())
        .filter(|&d| !ws.datasets[d].incidents.is_empty())
        .map(|d| family_name(&ws.datasets, d))
        .collect();
    if families.len() < 2 {
        return None;
    }
    let lang = ctx.lang;
    let m = &ws.matches;
    let s = &m.settings;
    if !s.enabled {
        return Some(l!(lang, "Events recorded by more than one source were not matched for this annex: an attack that two sources record (ACLED and UCDP, say) is counted once in each, so counts across sources may be higher than the number of attacks.", "Les événements enregistrés par plus d'une source n'ont pas été rapprochés pour cette annexe : une attaque que deux sources enregistrent (ACLED et UCDP, par exemple) est comptée une fois dans chacune, si bien que les nombres toutes sources confondues peuvent dépasser le nombre d'attaques.").to_string());
    }
    let order = s
        .priority
        .iter()
        .map(|g| match g {
            SourceGroup::Logs => l!(
                lang,
                "a monitoring log or other mapped file",
                "un registre de surveillance ou autre fichier mis en correspondance"
            ),
            SourceGroup::Ucdp => "UCDP",
            SourceGroup::Acled => "ACLED",
        })
        .collect::<Vec<_>>()
        .join(l!(lang, ", else ", ", sinon "));
    let mut text = match lang {
        Lang::En => format!(
            "Events recorded by more than one source are counted once. Two civilian-harm events from different sources are taken to be one event when their dates are at most {} day{} apart (a source's date range is compared whole), they lie at most {} km apart (or, where either has no coordinates, in the same first-level region and, where both give one, the same second-level region), and their perpetrator types are compatible (the same type; an armed group of unstated type and a rebel group or militia; or an unidentified or unattributed side). Closest pairs in time, then in distance, are taken first, and an event is matched with at most one record of each source. A matched event is counted with the perpetrator type, region and fatalities of the record of {order}; nothing is added across records.",
            s.max_days,
            if s.max_days == 1 { "" } else { "s" },
            trim_km(s.max_km),
        ),
        Lang::Fr => format!(
            "Les événements enregistrés par plus d'une source ne sont comptés qu'une fois. Deux événements portant atteinte aux civils issus de sources différentes sont considérés comme un seul événement quand leurs dates sont distantes de {} jour{} au plus (la période d'une source est comparée en entier), qu'ils se situent à {} km au plus l'un de l'autre (ou, quand l'un n'a pas de coordonnées, dans la même région de premier niveau et, quand les deux en donnent une, dans la même région de deuxième niveau), et que leurs types d'auteurs sont compatibles (le même type ; un groupe armé de type non précisé et un groupe rebelle ou une milice ; ou une partie non identifiée ou non imputable). Les paires les plus proches dans le temps, puis dans l'espace, sont retenues d'abord, et un événement est rapproché d'au plus une fiche de chaque source. Un événement rapproché est compté avec le type d'auteur, la région et les victimes de la fiche de {order} ; rien n'est additionné entre fiches.",
            s.max_days,
            if s.max_days > 1 { "s" } else { "" },
            crate::i18n::decimal(lang, &trim_km(s.max_km)),
        ),
    };
    if !s.is_default() {
        text.push_str(l!(lang, " These windows or this order differ from the method's (1 day, 5 km; monitoring logs, then UCDP, then ACLED): the analyst changed them.", " Ces périodes ou cet ordre diffèrent de ceux de la méthode (1 jour, 5 km ; registres de surveillance, puis UCDP, puis ACLED) : l'analyste les a modifiés."));
    }
    if ctx.opts.level == crate::assessment::SharingLevel::Internal {
        if m.pairs.is_empty() {
            text.push_str(l!(
                lang,
                " No event was found in more than one source.",
                " Aucun événement n'a été trouvé dans plus d'une source."
            ));
        } else {
            let pairs = m
                .pairs
                .iter()
                .map(|((a, b), n)| {
                    lf!(
                        lang,
                        "{} and {}: {}",
                        "{} et {} : {}",
                        source_name(a),
                        source_name(b),
                        ctx.n(*n)
                    )
                })
                .collect::<Vec<_>>()
                .join(crate::i18n::list_sep(lang));
            text.push_str(&lf!(lang, " Events matched, by pair of sources: {pairs} (all dates, before the period is applied).", " Événements rapprochés, par paire de sources : {pairs} (toutes dates, avant application de la période)."));
        }
    }
    Some(text)
}

fn source_name(family: &str) -> String {
    match family {
        "acled" => "ACLED".into(),
        "ucdp" => "UCDP".into(),
        other => other.to_string(),
    }
}

/// The region names the analyst merged, if any.
fn alias_blocks(a: &crate::assessment::Assessment, lang: Lang) -> Vec<Block> {
    if a.region_aliases.is_empty() {
        return Vec::new();
    }
    vec![
        Block::Heading(l!(lang, "Region names merged", "Noms de régions fusionnés").into()),
        Block::Paragraph(
            l!(lang, "The analyst counts these region names as one (names that changed over time, or regions split or joined while the data ran); every table and figure follows.", "L'analyste compte ces noms de régions comme un seul (noms qui ont changé au fil du temps, ou régions scindées ou réunies pendant la période des données) ; tous les tableaux et figures suivent.").into(),
        ),
        Block::Bullets(
            a.region_aliases
                .iter()
                .map(|r| {
                    lf!(
                        lang,
                        "{} counted as {}",
                        "{} compté comme {}",
                        r.from.trim(),
                        r.to.trim()
                    )
                })
                .collect(),
        ),
    ]
}

/// Section 8.
pub(super) fn method(ctx: &Ctx) -> Vec<Block> {
    let lang = ctx.lang;
    let mut b = vec![Block::Paragraph(
        l!(lang, "Every figure in this annex follows the rules below, which can be checked against the source files. They are the workbench's counting rules, stated with the dates and thresholds this annex used.", "Chaque chiffre de cette annexe suit les règles ci-dessous, vérifiables d'après les fichiers sources. Ce sont les règles de comptage de l'outil, énoncées avec les dates et les seuils utilisés pour cette annexe.").into(),
    )];
    b.extend(rules(ctx));
    if let Some(a) = ctx.a {
        b.push(Block::Heading(
            l!(lang, "Re-classifications", "Reclassements").into(),
        ));
        if a.reclassifications.is_empty() {
            b.push(Block::Paragraph(
                l!(
                    lang,
                    "None: every actor keeps the type its source gives.",
                    "Aucun : chaque acteur garde le type que lui donne sa source."
                )
                .into(),
            ));
        } else {
            b.push(Block::Bullets(
                a.reclassifications
                    .iter()
                    .map(|r| {
                        let actor = if ctx.names.find(&r.actor).is_some() {
                            l!(lang, "An actor named in sexual-violence or abduction records (name withheld at this sharing level)", "Un acteur cité dans des enregistrements de violences sexuelles ou d'enlèvements (nom masqué à ce niveau de diffusion)").to_string()
                        } else {
                            r.actor.trim().to_string()
                        };
                        let reason = super::build_register::free_text(ctx, &r.reason, r.reason_cleared)
                            .unwrap_or_else(|| l!(lang, "reason not cleared for this sharing level", "raison non autorisée pour ce niveau de diffusion").into());
                        lf!(lang, "{actor} → {}: {reason}", "{actor} → {} : {reason}", r.to.label_in(lang))
                    })
                    .collect(),
            ));
        }
        b.extend(alias_blocks(a, lang));
        if let Some(r) = ctx.review.as_ref().filter(|_| !ctx.suppress) {
            b.extend(override_blocks(r, lang));
        }
    }
    b.push(Block::Heading(
        l!(
            lang,
            "Disclosure control applied to this annex",
            "Protection de la confidentialité (secret statistique) appliquée à cette annexe"
        )
        .into(),
    ));
    b.push(Block::Paragraph(if ctx.suppress {
        lf!(
            lang,
            "Sharing level {}, k = {}. Counts from 1 to {} are shown as <{}. Every figure this annex prints about civilian harm (the matrices with their totals, the trend tables, the kinds of harm, the months of the chart and the benchmark values) was audited together, as a reader with a linear-programming solver would: for each <{} count, the smallest and largest values it can take given every other printed figure, with every count a whole number ≥ 0 and every <{} count between 1 and {}. Further counts are withheld (x) until each <{} count keeps the whole range 1 to {}; the audit is repeated on the finished document before it is written. Trend labels, state shares (in 10-point bands), flags and benchmark statuses are printed only where the printed counts decide them, else x. Free text (rationales, mitigation, re-classification reasons, benchmark names and monitors) is printed only where the analyst cleared it for this level. There are no coordinates, no event identifiers, no source file names or exact dates, no actor names from sexual-violence or abduction records, and regions are no finer than admin 1. No source rows are included, at any level.",
            "Niveau de diffusion {}, k = {}. Les nombres de 1 à {} sont affichés <{}. Tous les chiffres que cette annexe publie sur les atteintes aux civils (les matrices avec leurs totaux, les tableaux de tendances, les types d'atteintes, les mois du graphique et les valeurs des jalons) ont été audités ensemble, comme le ferait un lecteur muni d'un solveur de programmation linéaire : pour chaque nombre <{}, la plus petite et la plus grande valeur qu'il peut prendre ont été calculées compte tenu de tous les autres chiffres publiés, chaque nombre étant un entier ≥ 0 et chaque nombre <{} compris entre 1 et {}. D'autres nombres sont masqués (x) jusqu'à ce que chaque nombre <{} conserve toute la plage de 1 à {} ; l'audit est répété sur le document terminé avant son écriture. Les libellés de tendance, les parts de l'État (par tranches de 10 points), les points de vigilance et la situation des jalons ne sont indiqués que là où les nombres publiés les déterminent, sinon x. Le texte libre (justifications, atténuation, raisons de reclassement, noms des jalons et responsables du suivi) ne figure que si l'analyste l'a autorisé pour ce niveau. Il n'y a ni coordonnées, ni identifiants d'événements, ni noms de fichiers sources ou dates exactes, ni noms d'acteurs tirés d'enregistrements de violences sexuelles ou d'enlèvements, et les régions ne sont pas plus fines que l'admin 1. Aucune ligne source n'est incluse, à aucun niveau.",
            super::level_label(ctx.opts.level, lang),
            ctx.k,
            ctx.k - 1,
            ctx.k,
            ctx.k,
            ctx.k,
            ctx.k - 1,
            ctx.k,
            ctx.k - 1,
        )
    } else {
        l!(lang, "Sharing level internal: counts are exact and unsuppressed; this annex is for the mission only. Even so it holds aggregates only: no source rows, event identifiers or notes.", "Niveau de diffusion interne : les nombres sont exacts et non masqués ; cette annexe est réservée à la mission. Elle ne contient néanmoins que des agrégats : ni lignes sources, ni identifiants d'événements, ni notes.").into()
    }));
    if ctx.suppress {
        let left_sections: Vec<&str> = super::build::SectionId::ALL
            .into_iter()
            .filter(|id| !ctx.content.sections.wants(*id) || !ctx.opts.sections.wants(*id))
            .map(|id| id.title_in(lang))
            .collect();
        let left_columns: Vec<&str> = crate::assessment::sharing::RegisterColumn::ALL
            .iter()
            .filter(|c| !ctx.content.has(**c))
            .map(|c| c.label_in(lang))
            .collect();
        let none = l!(lang, "none", "aucune");
        b.push(Block::Heading(
            l!(
                lang,
                "Left out at this sharing level",
                "Omis à ce niveau de diffusion"
            )
            .into(),
        ));
        b.push(Block::Bullets(vec![
            lf!(
                lang,
                "Sections: {}.",
                "Sections : {}.",
                if left_sections.is_empty() {
                    none.to_string()
                } else {
                    left_sections.join(crate::i18n::list_sep(lang))
                }
            ),
            lf!(
                lang,
                "Register columns: {}.",
                "Colonnes du registre : {}.",
                if left_columns.is_empty() {
                    none.to_string()
                } else {
                    left_columns.join(crate::i18n::list_sep(lang))
                }
            ),
            l!(lang, "The analyst's overrides of the suggested scores, and figures after the as-of date (hindsight).", "Les écarts de l'analyste par rapport aux cotations suggérées, et les chiffres postérieurs à la date de référence (a posteriori).").to_string(),
        ]));
    }
    b.push(Block::Heading(
        l!(
            lang,
            "Sources and attribution",
            "Sources et mentions de licence"
        )
        .into(),
    ));
    b.push(Block::Bullets(attributions(ctx)));
    b
}

/// The analyst's overrides of the suggested scores (internal only).
fn override_blocks(r: &crate::assessment::review::Review, lang: Lang) -> Vec<Block> {
    let mut b = Vec::new();
    let overrides: Vec<String> = r
        .entries
        .iter()
        .filter_map(|e| Some((e, e.analyst?, e.suggested?)))
        .filter(|(_, a, s)| a.likelihood != s.likelihood || a.impact != s.impact)
        .map(|(e, a, s)| {
            lf!(
                lang,
                "#{} {}: analyst likelihood {} and impact {} against the suggested {} and {}{}",
                "n° {} {} : probabilité {} et impact {} selon l'analyste, contre {} et {} suggérés{}",
                e.id,
                e.perpetrator.label_in(lang),
                a.likelihood,
                a.impact,
                s.likelihood,
                s.impact,
                if e.rationale_missing {
                    l!(lang, " (no rationale written)", " (aucune justification écrite)")
                } else {
                    l!(lang, "; rationale in the register", " ; justification dans le registre")
                }
            )
        })
        .collect();
    b.push(Block::Heading(
        l!(
            lang,
            "Analyst overrides of the suggested scores",
            "Écarts de l'analyste par rapport aux cotations suggérées"
        )
        .into(),
    ));
    let compared = r
        .entries
        .iter()
        .filter(|e| e.analyst.is_some() && e.suggested.is_some())
        .count();
    if compared == 0 {
        b.push(Block::Paragraph(
            l!(lang, "None to compare: no rated threat has a suggestion (the data do not cover its recent window).", "Rien à comparer : aucune menace cotée n'a de suggestion (les données ne couvrent pas sa période récente).").into(),
        ));
    } else if overrides.is_empty() {
        b.push(Block::Paragraph(
            l!(
                lang,
                "None: every rating equals the suggestion.",
                "Aucun : chaque cotation est égale à la suggestion."
            )
            .into(),
        ));
    } else {
        b.push(Block::Bullets(overrides));
    }
    b
}

/// Each source's attribution, as section 8 prints it.
pub(super) fn attributions(ctx: &Ctx) -> Vec<String> {
    let lang = ctx.lang;
    let mut sources = Vec::new();
    for d in &ctx.ws.datasets {
        // Above internal a source is named by its publisher, never its file
        // name (a file can be named after a person).
        let name = if ctx.suppress {
            super::build_data::publisher(d.meta.format, lang).to_string()
        } else {
            d.meta
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().to_string())
        };
        let accessed = std::fs::metadata(&d.meta.path)
            .and_then(|m| m.modified())
            .ok()
            .map(|t| {
                chrono::DateTime::<chrono::Utc>::from(t)
                    .date_naive()
                    .to_string()
            });
        sources.push(match d.meta.format {
            // Above internal the publisher already names the dataset.
            SourceFormat::Ucdp if ctx.suppress => lf!(lang, "UCDP Georeferenced Event Dataset (Uppsala Conflict Data Program). Sundberg, Ralph and Erik Melander (2013), \"Introducing the UCDP Georeferenced Event Dataset\", Journal of Peace Research 50(4), and the release article of the GED version used. Licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).", "UCDP Georeferenced Event Dataset (Uppsala Conflict Data Program). Sundberg, Ralph et Erik Melander (2013), « Introducing the UCDP Georeferenced Event Dataset », Journal of Peace Research 50(4), et l'article de publication de la version du GED utilisée. Licence CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)."),
            SourceFormat::Ucdp => lf!(
                lang,
                "{name}: UCDP Georeferenced Event Dataset. Sundberg, Ralph and Erik Melander (2013), \"Introducing the UCDP Georeferenced Event Dataset\", Journal of Peace Research 50(4), and the release article of the GED version used. Licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).",
                "{name} : UCDP Georeferenced Event Dataset. Sundberg, Ralph et Erik Melander (2013), « Introducing the UCDP Georeferenced Event Dataset », Journal of Peace Research 50(4), et l'article de publication de la version du GED utilisée. Licence CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)."
            ),
            SourceFormat::Acled if ctx.suppress => lf!(
                lang,
                "{name}: Armed Conflict Location & Event Data (ACLED); www.acleddata.com. Access date: not recorded in the file (state it when citing); filters used: period {}, civilian-harm events only. Aggregates only, per ACLED's terms of use.",
                "{name} : Armed Conflict Location & Event Data (ACLED) ; www.acleddata.com. Date de consultation : non consignée dans le fichier (à indiquer lors de la citation) ; filtres utilisés : période {}, événements portant atteinte aux civils uniquement. Agrégats uniquement, conformément aux conditions d'utilisation d'ACLED.",
                ctx.period()
            ),
            SourceFormat::Acled => lf!(
                lang,
                "{name}: Armed Conflict Location & Event Data (ACLED); www.acleddata.com. Access date: not recorded in the file{}; filters used: period {}, civilian-harm events only. Aggregates only, per ACLED's terms of use.",
                "{name} : Armed Conflict Location & Event Data (ACLED) ; www.acleddata.com. Date de consultation : non consignée dans le fichier{} ; filtres utilisés : période {}, événements portant atteinte aux civils uniquement. Agrégats uniquement, conformément aux conditions d'utilisation d'ACLED.",
                accessed.map_or_else(String::new, |d| lf!(
                    lang,
                    " (the copy on this computer is dated {d}; state the date it was downloaded when citing)",
                    " (la copie sur cet ordinateur est datée du {d} ; indiquez la date de téléchargement lors de la citation)"
                )),
                ctx.period()
            ),
            _ if ctx.suppress => lf!(lang, "{name}, mapped by the analyst.", "{name}, mise en correspondance par l'analyste."),
            _ => lf!(lang, "{name}: a source read through the analyst's column mapping.", "{name} : une source lue au moyen de la correspondance de colonnes de l'analyste."),
        });
    }
    sources.push(l!(lang, "Admin-1 boundaries on the map: OCHA / national statistics offices via HDX, and Natural Earth (public domain); each publisher's terms travel with the workbench.", "Limites admin 1 de la carte : OCHA / instituts nationaux de statistique via HDX, et Natural Earth (domaine public) ; les conditions de chaque éditeur accompagnent l'outil.").into());
    sources
}
