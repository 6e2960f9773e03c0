//! Sections built from the data alone: 1 (scope, sources, caveats) and 4
//! (effects on civilians); section 3 is in `build_threats.rs`.

use super::build::Ctx;
use super::disclosure::protect_list;
use super::pattern::KINDS;
use super::{Block, Cell, Table};
use crate::analysis::Workspace;
use crate::analysis::matrix::for_each_selected;
use crate::assessment::SharingLevel;
use crate::i18n::Lang;
use crate::model::dates::from_day_number;
use crate::model::{GeoPrecision, HarmKind, PerpetratorType, SourceFormat, TimePrecision};
use crate::{l, lf};
use std::collections::BTreeSet;

/// The type's label without its parenthesis, for table headers.
pub(super) fn short_label(t: PerpetratorType, lang: Lang) -> &'static str {
    let l = t.label_in(lang);
    l.split(" (").next().unwrap_or(l)
}

/// Actors named in sexual-violence, abduction or child-rights records
/// (METHODOLOGY §6–7): by the source's kind of harm, and for monitoring
/// logs by any of the record's violation types (an incident of killing and
/// rape is a sexual-violence record too).
pub(super) fn sensitive_actors(ws: &Workspace) -> BTreeSet<String> {
    use crate::model::monitoring::ViolationType as V;
    let mask = V::SexualViolence.bit()
        | V::Abduction.bit()
        | V::Recruitment.bit()
        | V::AttackOnSchool.bit();
    let mut out = BTreeSet::new();
    for d in &ws.datasets {
        let inc = &d.incidents;
        let logs = !inc.monitoring.is_empty();
        for i in 0..inc.len() {
            if matches!(
                inc.harm_kind_at(i),
                HarmKind::SexualViolence | HarmKind::Abduction
            ) || (logs && inc.monitoring.violations_at(i) & mask != 0)
            {
                out.insert(inc.names.get(inc.actor[i]).to_string());
                out.insert(inc.names.get(inc.counterpart[i]).to_string());
            }
        }
    }
    out.remove("");
    out
}

fn file_name(p: &std::path::Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().to_string(),
    )
}

/// Who publishes a kind of source, as the annex names it above `internal`.
pub(super) fn publisher(f: SourceFormat, lang: Lang) -> &'static str {
    match f {
        SourceFormat::Acled => "ACLED (Armed Conflict Location & Event Data)",
        SourceFormat::Ucdp => l!(
            lang,
            "UCDP (Uppsala Conflict Data Program), Georeferenced Event Dataset",
            "UCDP (Uppsala Conflict Data Program), Georeferenced Event Dataset (base de données géoréférencée)"
        ),
        _ => l!(
            lang,
            "Another source (a monitoring log or table)",
            "Autre source (un registre de surveillance ou un tableau)"
        ),
    }
}

/// A source's kind as a reader names it: "UCDP GED (HDX copy)", not the
/// importer's layout string.
fn source_kind(d: &crate::model::Dataset, lang: Lang) -> String {
    let kind = match d.meta.format {
        SourceFormat::Acled => l!(lang, "ACLED export", "Export ACLED"),
        SourceFormat::Ucdp => "UCDP GED",
        _ => l!(
            lang,
            "Other source (analyst's column mapping)",
            "Autre source (correspondance des colonnes de l'analyste)"
        ),
    };
    let layout = d.meta.layout.en().to_ascii_lowercase();
    if layout.contains("hdx") || layout.contains("hxl") {
        lf!(lang, "{kind} (HDX copy)", "{kind} (copie HDX)")
    } else {
        kind.to_string()
    }
}

fn pct(n: u64, d: u64, lang: Lang) -> String {
    if d == 0 {
        crate::i18n::percent(lang, 0.0)
    } else {
        crate::i18n::percent(lang, n as f64 / d as f64)
    }
}

/// Section 1.
pub(super) fn scope(ctx: &Ctx) -> Vec<Block> {
    let lang = ctx.lang;
    let mut b = Vec::new();
    b.push(Block::Paragraph(match ctx.a {
        Some(a) => {
            // Blank details never leave a gap in the sentence ("after  draws
            // down in ,"): they are named generically.
            let or = |s: &str, d: &str| {
                let t = s.trim();
                if t.is_empty() { d.to_string() } else { t.to_string() }
            };
            match lang {
                Lang::En => format!(
                    "This annex sets out the threats to civilians expected to remain after {} draws down{}, who perpetrates them, where, and whether they are rising or falling; it names who takes over each protection task and where no one does. It supports the residual-threat section of the transition plan.",
                    or(&a.meta.mission, "the mission"),
                    match a.meta.country.trim() {
                        "" => String::new(),
                        c => format!(" in {c}"),
                    }
                ),
                Lang::Fr => format!(
                    "La présente annexe expose les menaces contre les civils qui devraient subsister après le retrait de la mission{}{}, leurs auteurs, leur localisation et leur évolution (en hausse ou en baisse) ; elle indique qui reprend chaque tâche de protection et où personne ne le fait. Elle étaye la section du plan de transition consacrée aux menaces résiduelles.",
                    // « de la mission UNAMID »: no elision to get wrong.
                    match a.meta.mission.trim() {
                        "" => String::new(),
                        m => format!(" {m}"),
                    },
                    match a.meta.country.trim() {
                        "" => String::new(),
                        c => format!(" ({c})"),
                    }
                ),
            }
        }
        None => l!(lang, "This data annex sets out civilian harm by perpetrator type and region, with trends, from the datasets listed below. It carries no analyst ratings.", "La présente annexe de données expose les atteintes aux civils par type d'auteur et par région, avec leurs tendances, d'après les jeux de données énumérés ci-dessous. Elle ne contient aucune cotation d'analyste.").into(),
    }));
    b.push(Block::Paragraph(lf!(
        lang,
        "Period: {}. Trends compare the six months ending on {} with the six months before. Regions are first-level administrative units (admin 1). Counts are civilian-harm events and civilian fatalities as defined in section \"Method and sources\". Sharing level: {}{}.",
        "Période : {}. Les tendances comparent les six mois s'achevant le {} aux six mois précédents. Les régions sont les unités administratives de premier niveau (admin 1). Les nombres sont les événements portant atteinte aux civils et les civils tués tels que définis dans la section « Méthode et sources ». Niveau de diffusion : {}{}.",
        ctx.period(),
        ctx.date(ctx.as_of),
        super::level_label(ctx.opts.level, lang),
        if ctx.suppress {
            lf!(lang, "; counts from 1 to {} are shown as <{} and some other cells as x (see the method)", " ; les nombres de 1 à {} sont affichés <{} et certaines autres cellules x (voir la méthode)", ctx.k - 1, ctx.k)
        } else {
            String::new()
        }
    )));
    b.extend(sources_table(ctx));
    b.push(Block::Heading(
        l!(lang, "Coverage and caveats", "Couverture et réserves").into(),
    ));
    b.push(Block::Bullets(caveats(ctx)));
    if let Some(a) = ctx.a
        && ctx.opts.level == SharingLevel::Internal
        && !a.meta.notes.trim().is_empty()
    {
        b.push(Block::Heading(
            l!(
                lang,
                "Analyst notes (internal only)",
                "Notes de l'analyste (usage interne)"
            )
            .into(),
        ));
        b.push(Block::Paragraph(a.meta.notes.trim().to_string()));
    }
    b
}

/// The dates of `d` the annex uses: its first to its last row, cut at the
/// as-of date (later rows serve only the back-test).
fn used_span(ctx: &Ctx, d: &crate::model::Dataset) -> Option<(i32, i32)> {
    let as_of = crate::model::dates::day_number(ctx.as_of);
    d.date_span()
        .map(|(a, b)| (a, b.min(as_of)))
        .filter(|(a, b)| a <= b)
}

/// A note under the sources table where a file runs past the as-of date.
fn past_as_of_note(ctx: &Ctx) -> Vec<String> {
    let as_of = crate::model::dates::day_number(ctx.as_of);
    if ctx
        .ws
        .datasets
        .iter()
        .any(|d| d.date_span().is_some_and(|(_, b)| b > as_of))
    {
        vec![lf!(
            ctx.lang,
            "Rows read, kept and rejected count whole files as imported. Rows dated after the as-of date ({}) are not used in this annex, except in the back-test marked as hindsight.",
            "Les lignes lues, retenues et rejetées portent sur les fichiers entiers tels qu'importés. Les lignes datées après la date de référence ({}) ne sont pas utilisées dans cette annexe, sauf dans la vérification a posteriori, signalée comme telle.",
            ctx.date(ctx.as_of)
        )]
    } else {
        Vec::new()
    }
}

/// The sources table: above internal, publisher, kind and period (by
/// month), no file names or exact dates (METHODOLOGY §6); at internal, each
/// file with its rows read, kept and rejected. `None` with no dataset.
fn sources_table(ctx: &Ctx) -> Option<Block> {
    let ws = ctx.ws;
    let lang = ctx.lang;
    if ctx.suppress {
        let month = |x: Option<i32>| {
            x.and_then(from_day_number).map_or(String::new(), |d| {
                crate::i18n::month(lang, &d.format("%Y-%m").to_string())
            })
        };
        let rows: Vec<Vec<Cell>> = ws
            .datasets
            .iter()
            .map(|d| {
                let span = used_span(ctx, d);
                vec![
                    Cell::Text(publisher(d.meta.format, lang).into()),
                    Cell::Text(
                        match d.meta.format {
                            SourceFormat::Acled | SourceFormat::Ucdp => {
                                l!(lang, "conflict events", "événements de conflit")
                            }
                            _ => "incidents",
                        }
                        .into(),
                    ),
                    Cell::Text({
                        let (from, to) = (month(span.map(|s| s.0)), month(span.map(|s| s.1)));
                        match lang {
                            Lang::En => format!("{from} to {to}"),
                            Lang::Fr => format!("{} à {to}", crate::i18n::fr_de(&from)),
                        }
                    }),
                ]
            })
            .collect();
        if !rows.is_empty() {
            return Some(Block::Table(Table::new(
                "sources",
                l!(
                    lang,
                    "Sources: publisher, kind of data and the months they cover",
                    "Sources : éditeur, nature des données et mois couverts"
                ),
                &[
                    l!(lang, "Publisher", "Éditeur"),
                    l!(lang, "Kind", "Nature"),
                    l!(lang, "Period", "Période"),
                ],
                rows,
                vec![],
            )));
        }
    } else {
        let rows: Vec<Vec<Cell>> = ws
            .datasets
            .iter()
            .map(|d| {
                let span = used_span(ctx, d);
                let date = |x: Option<i32>| {
                    x.and_then(from_day_number)
                        .map_or(String::new(), |d| ctx.date(d))
                };
                vec![
                    Cell::Text(file_name(&d.meta.path)),
                    Cell::Text(source_kind(d, lang)),
                    Cell::Count(d.report.rows_read),
                    Cell::Count(d.report.kept),
                    Cell::Count(d.report.rejected),
                    Cell::Text(date(span.map(|s| s.0))),
                    Cell::Text(date(span.map(|s| s.1))),
                ]
            })
            .collect();
        if !rows.is_empty() {
            return Some(Block::Table(Table::new(
                "sources",
                l!(
                    lang,
                    "Sources: rows read, kept and rejected on import (rows read = kept + rejected)",
                    "Sources : lignes lues, retenues et rejetées à l'importation (lignes lues = retenues + rejetées)"
                ),
                &[
                    l!(lang, "Source file", "Fichier source"),
                    "Format",
                    l!(lang, "Rows read", "Lignes lues"),
                    l!(lang, "Kept", "Retenues"),
                    l!(lang, "Rejected", "Rejetées"),
                    l!(lang, "First date", "Première date"),
                    l!(lang, "Last date used", "Dernière date utilisée"),
                ],
                rows,
                past_as_of_note(ctx),
            )));
        }
    }
    None
}

/// The coverage and caveats bullets: precision, what the sources leave out,
/// unreadable fatalities, repeats, a monitoring gap stated.
fn caveats(ctx: &Ctx) -> Vec<String> {
    let ws = ctx.ws;
    let lang = ctx.lang;
    let mut caveats = Vec::new();
    if ctx.matrix.total.events == 0 {
        caveats.push(lf!(
            lang,
            "No civilian-harm event is recorded in the period ({}) in the loaded data: every count below is 0, which says nothing of whether civilians were harmed. Check the period and the sources.",
            "Aucun événement portant atteinte aux civils n'est enregistré sur la période ({}) dans les données chargées : chaque nombre ci-dessous vaut 0, ce qui ne dit rien de la réalité des atteintes. Vérifiez la période et les sources.",
            ctx.period()
        ));
    }
    if ctx.matrix.total.events > 0 {
        caveats.push(precision_caveat(ctx));
    }
    caveats.extend([
        l!(lang, "Recorded events are a floor, not a census: reporting thins where access is poor, and falls further when team sites close.", "Les événements enregistrés constituent une estimation minimale, et non un recensement exhaustif : les signalements se raréfient là où l'accès est difficile, et plus encore quand les bases d'opérations ferment.").to_string(),
    ]);
    if ws
        .datasets
        .iter()
        .any(|d| d.meta.format == SourceFormat::Acled)
    {
        caveats.push(l!(lang, "ACLED does not separate civilian deaths from other fatalities: for ACLED events, civilian fatalities are all fatalities reported for civilian-harm events.", "ACLED ne distingue pas les morts civils des autres victimes : pour les événements ACLED, les civils tués sont tous les morts signalés lors d'événements portant atteinte aux civils.").into());
    }
    if ws
        .datasets
        .iter()
        .any(|d| d.meta.format == SourceFormat::Ucdp)
    {
        caveats.push(l!(lang, "UCDP GED records only events with at least one death: non-lethal violence (most sexual violence, abductions, looting) is absent from UCDP counts.", "UCDP GED n'enregistre que les événements ayant fait au moins un mort : la violence non létale (la plupart des violences sexuelles, les enlèvements, les pillages) est absente des nombres UCDP.").into());
    }
    let unknown = ctx.matrix.total.fatalities_unknown;
    if unknown > 0 {
        caveats.push(lf!(
            lang,
            "{} civilian-harm events have an unreadable fatality figure: they count as events, not in fatalities.",
            "{} événements portant atteinte aux civils ont un nombre de morts illisible : ils comptent comme événements, pas dans les civils tués.",
            ctx.n(unknown)
        ));
    }
    if ctx.pattern.as_ref().is_some_and(|p| p.decoupled) {
        caveats.push(lf!(
            lang,
            "The tables cover {} regions: at this sharing level every figure over more than one region (totals across regions, trends by perpetrator type, kinds of harm, the monthly chart, national benchmarks) is withheld (x), so that no small count in one region can be worked out from the others. The figures of each region are given.",
            "Les tableaux couvrent {} régions : à ce niveau de diffusion, tout chiffre portant sur plus d'une région (totaux entre régions, tendances par type d'auteur, types d'atteintes, graphique mensuel, jalons nationaux) est masqué (x), pour qu'aucun petit nombre d'une région ne puisse être déduit des autres. Les chiffres de chaque région sont donnés.",
            ctx.n(ctx.matrix.regions.len() as u64)
        ));
    }
    let repeats: u64 = ws.repeats.iter().sum();
    if repeats > 0 {
        caveats.push(lf!(
            lang,
            "{} events appear in more than one file of the same source and are counted once.",
            "{} événements figurent dans plus d'un fichier de la même source et ne sont comptés qu'une fois.",
            ctx.n(repeats)
        ));
    }
    if let (Some(a), Some(r)) = (ctx.a, &ctx.review) {
        // The flag as the annex states it (above internal, only where the
        // printed counts decide it).
        let gaps: BTreeSet<&String> = a
            .register
            .iter()
            .zip(&r.entries)
            .filter(|(e, er)| super::build_flags::monitoring_gap_stated(ctx, e, er))
            .flat_map(|(_, er)| &er.regions)
            .collect();
        if !gaps.is_empty() {
            caveats.push(lf!(
                lang,
                "Monitoring gap (threats in {}): every mission base closes in a region of the threat that had 3 or more civilian-harm events in the 12 months to the as-of date; after exit, figures there will depend on others' reporting.",
                "Lacune de surveillance (menaces – {}) : toutes les bases de la mission ferment dans une région de la menace qui a connu 3 événements portant atteinte aux civils ou plus dans les 12 mois précédant la date de référence ; après le retrait, les chiffres y dépendront des signalements d'autres acteurs.",
                gaps.into_iter().cloned().collect::<Vec<_>>().join(", ")
            ));
        }
    }
    caveats
}

/// The precision caveat: events dated only to the month or more coarsely,
/// and placed no better than the first-level region.
fn precision_caveat(ctx: &Ctx) -> String {
    let ws = ctx.ws;
    let (mut harm, mut coarse_time, mut coarse_place) = (0u64, 0u64, 0u64);
    for_each_selected(ws, &ctx.filter, |(d, i), _, _, in_range| {
        let inc = &ws.datasets[d].incidents;
        if !in_range || !inc.civilian_harm[i] {
            return;
        }
        harm += 1;
        if inc.time_precision_at(i) >= TimePrecision::Month {
            coarse_time += 1;
        }
        if inc.geo_precision_at(i) >= GeoPrecision::Admin1 {
            coarse_place += 1;
        }
    });
    if ctx.suppress {
        // Above internal the share would be computed from the total, which
        // the matrix may withhold: counts only, small ones withheld.
        let (t, p) = (
            super::disclosure::single(coarse_time, ctx.k, true),
            super::disclosure::single(coarse_place, ctx.k, true),
        );
        match ctx.lang {
            Lang::En => format!(
                "Precision: {} civilian-harm events are dated only to the month or more coarsely; {} are placed no better than the first-level region or country.",
                t.display_in(ctx.lang),
                p.display_in(ctx.lang)
            ),
            Lang::Fr => precision_fr(
                (t.display_in(ctx.lang), known(&t)),
                (p.display_in(ctx.lang), known(&p)),
                None,
            ),
        }
    } else {
        match ctx.lang {
            Lang::En => format!(
                "Precision: {} of {} civilian-harm events ({}) are dated only to the month or more coarsely; {} ({}) are placed no better than the first-level region or country.",
                ctx.n(coarse_time),
                ctx.n(harm),
                pct(coarse_time, harm, ctx.lang),
                ctx.n(coarse_place),
                pct(coarse_place, harm, ctx.lang)
            ),
            Lang::Fr => precision_fr(
                (
                    format!(
                        "{} ({})",
                        ctx.n(coarse_time),
                        pct(coarse_time, harm, ctx.lang)
                    ),
                    Some(coarse_time),
                ),
                (
                    format!(
                        "{} ({})",
                        ctx.n(coarse_place),
                        pct(coarse_place, harm, ctx.lang)
                    ),
                    Some(coarse_place),
                ),
                Some(ctx.n(harm)),
            ),
        }
    }
}

/// The count a cell prints, when it prints one.
fn known(c: &Cell) -> Option<u64> {
    match c {
        Cell::Count(n) => Some(*n),
        _ => None,
    }
}

/// The precision sentence in French, agreeing with its counts (« aucun
/// événement … n'est daté », « 1 … n'est daté », « 12 … ne sont datés »);
/// `of`: the total of events, when the counts are printed against it.
fn precision_fr(
    (time, t): (String, Option<u64>),
    (place, p): (String, Option<u64>),
    of: Option<String>,
) -> String {
    let of_all = of.map_or(String::new(), |all| format!(" des {all}"));
    let events = match t {
        Some(0) => format!(
            "aucun{} événement{} portant atteinte aux civils n'est daté",
            of_all,
            if of_all.is_empty() { "" } else { "s" }
        ),
        Some(1) => format!(
            "{time}{of_all} événement{} portant atteinte aux civils n'est daté",
            if of_all.is_empty() { "" } else { "s" }
        ),
        _ => format!("{time}{of_all} événements portant atteinte aux civils ne sont datés"),
    };
    let places = match p {
        Some(0) => "aucun n'est localisé".to_string(),
        Some(1) => format!("{place} n'est localisé"),
        _ => format!("{place} ne sont localisés"),
    };
    format!(
        "Précision : {events} qu'au mois ou moins précisément ; {places} qu'à la région de premier niveau ou au pays."
    )
}

/// Civilian-harm events and civilian fatalities in the period by kind of
/// harm (the order of `pattern::KINDS`).
pub(super) fn effects_counts(
    ws: &Workspace,
    filter: &crate::analysis::Filter,
) -> ([u64; 4], [u64; 4]) {
    let mut events = [0u64; 4];
    let mut fatalities = [0u64; 4];
    for_each_selected(ws, filter, |(d, i), _, _, in_range| {
        let inc = &ws.datasets[d].incidents;
        if in_range && inc.civilian_harm[i] {
            let kind = inc.harm_kind_at(i);
            if let Some(k) = KINDS.iter().position(|x| *x == kind) {
                events[k] += 1;
                fatalities[k] += u64::from(inc.civilian_fatalities[i]);
            }
        }
    });
    (events, fatalities)
}

/// Printed where no loaded source can record a kind of harm.
fn not_recorded(lang: Lang) -> &'static str {
    l!(lang, "not recorded", "non couvert par les sources")
}

/// Section 4.
pub(super) fn effects(ctx: &Ctx) -> Vec<Block> {
    let (events, fatalities) = effects_counts(ctx.ws, &ctx.filter);
    if events.iter().sum::<u64>() == 0 {
        return Vec::new();
    }
    let ((ev, ev_total), (fa, fa_total)) = match &ctx.pattern {
        Some(p) => {
            let cells = |ids: &[usize]| -> (Vec<Cell>, Cell) {
                let n = ids.len().saturating_sub(1);
                (
                    ids[..n].iter().map(|i| p.cell(*i)).collect(),
                    ids.get(n).map_or(Cell::Empty, |i| p.cell(*i)),
                )
            };
            (cells(&p.effects_events), cells(&p.effects_fatalities))
        }
        None => (
            protect_list(&events, ctx.k, false),
            protect_list(&fatalities, ctx.k, false),
        ),
    };
    // A kind no loaded source can record is "not recorded", never 0.
    let lang = ctx.lang;
    let not_rec = not_recorded(lang);
    let recorded = |k: HarmKind| ctx.ws.datasets.iter().any(|d| d.records_harm_kind(k));
    let mut rows: Vec<Vec<Cell>> = KINDS
        .iter()
        .enumerate()
        .map(|(i, kind)| {
            let (e, f) = if recorded(*kind) {
                (ev[i].clone(), fa[i].clone())
            } else {
                (Cell::Text(not_rec.into()), Cell::Text(not_rec.into()))
            };
            vec![Cell::Text(kind.label_in(lang).into()), e, f]
        })
        .collect();
    rows.push(vec![Cell::Text("Total".into()), ev_total, fa_total]);
    let mut notes = vec![l!(lang, "Kinds of harm are read from the source's event sub-type (ACLED: sexual violence; abduction/forced disappearance; looting/property destruction; everything else counts as attacks and killings).", "Les types d'atteintes sont lus dans le sous-type d'événement de la source (ACLED : violences sexuelles ; enlèvement/disparition forcée ; pillage/destruction de biens ; tout le reste compte comme attaques et meurtres).").to_string()];
    let blind: Vec<String> = ctx
        .ws
        .datasets
        .iter()
        .filter(|d| !d.records_harm_kind(HarmKind::SexualViolence))
        .map(|d| match d.meta.format {
            SourceFormat::Ucdp => l!(
                lang,
                "UCDP GED (killings only)",
                "UCDP GED (meurtres uniquement)"
            )
            .to_string(),
            SourceFormat::Acled => l!(
                lang,
                "ACLED files without a sub-event type",
                "fichiers ACLED sans sous-type d'événement"
            )
            .to_string(),
            _ => l!(
                lang,
                "files read without an event-type column",
                "fichiers lus sans colonne de type d'événement"
            )
            .to_string(),
        })
        .collect::<BTreeSet<String>>()
        .into_iter()
        .collect();
    if !blind.is_empty() {
        notes.push(lf!(
            lang,
            "Sources that cannot record sexual violence, abduction or looting: {}; their events count as attacks and killings. \"{not_rec}\": no loaded source can record that kind of harm, which says nothing of whether it happened; other sources are needed (e.g. MARA/CRSV reporting, protection monitoring).",
            "Sources qui ne peuvent pas enregistrer les violences sexuelles, les enlèvements ni les pillages : {} ; leurs événements comptent comme attaques et meurtres. « {not_rec} » : aucune source chargée ne peut enregistrer ce type d'atteinte, ce qui ne dit rien de sa réalité ; d'autres sources sont nécessaires (par exemple les rapports MARA/VSLC, le monitoring de protection).",
            blind.join(crate::i18n::list_sep(lang))
        ));
    }
    if ctx.suppress {
        notes.push(l!(lang, "Aggregated over all regions and perpetrator types so that no victim group is identifiable.", "Agrégé sur toutes les régions et tous les types d'auteurs pour qu'aucun groupe de victimes ne soit identifiable.").into());
    }
    let mut table = Table::new(
        "effects",
        l!(
            lang,
            "Civilian-harm events and civilian fatalities by kind of harm",
            "Événements portant atteinte aux civils et civils tués par type d'atteinte"
        ),
        &[
            l!(lang, "Kind of harm", "Type d'atteinte"),
            l!(lang, "Events", "Événements"),
            l!(lang, "Civilian fatalities", "Civils tués"),
        ],
        rows,
        notes,
    )
    .with_totals(1, false);
    if let Some(p) = &ctx.pattern {
        for (col, ids) in [(1, &p.effects_events), (2, &p.effects_fatalities)] {
            for (row, id) in ids.iter().enumerate() {
                // A kind no source can record prints no figure (its count
                // is 0 by construction, and the audit takes it as such).
                if KINDS.get(row).is_some_and(|k| !recorded(*k)) {
                    continue;
                }
                table.figures.push((row, col, *id));
            }
        }
    }
    vec![
        Block::Paragraph(
            l!(
                lang,
                "The mix of harm done to civilians in the period, over all regions and perpetrators.",
                "La répartition des atteintes subies par les civils sur la période, toutes régions et tous auteurs confondus."
            )
            .into(),
        ),
        Block::Table(table),
    ]
}

#[cfg(test)]
mod tests {
    use super::precision_fr;

    #[test]
    fn the_french_precision_sentence_agrees_with_its_counts() {
        let none = precision_fr(("0".into(), Some(0)), ("0".into(), Some(0)), None);
        assert!(
            none.contains("aucun événement portant atteinte aux civils n'est daté"),
            "{none}"
        );
        assert!(none.contains("aucun n'est localisé"), "{none}");
        let one = precision_fr(("1".into(), Some(1)), ("<5".into(), None), None);
        assert!(
            one.contains("1 événement portant atteinte aux civils n'est daté"),
            "{one}"
        );
        assert!(one.contains("<5 ne sont localisés"), "{one}");
        let of = precision_fr(
            ("12 (3 %)".into(), Some(12)),
            ("0 (0 %)".into(), Some(0)),
            Some("400".into()),
        );
        assert!(
            of.contains("12 (3 %) des 400 événements portant atteinte aux civils ne sont datés"),
            "{of}"
        );
        let none_of = precision_fr(
            ("0".into(), Some(0)),
            ("2".into(), Some(2)),
            Some("400".into()),
        );
        assert!(none_of.contains("aucun des 400 événements"), "{none_of}");
    }
}
