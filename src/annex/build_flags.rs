//! Sections 6 (flags) and 7 (benchmarks), from the assessment and its
//! review. Above `internal`, a flag or a status computed from counts is
//! stated only where the counts as printed decide it (METHODOLOGY §6).

use super::Block;
use super::Cell;
use super::Table;
use super::build::Ctx;
use super::build_register::{base_cliff, not_cleared, text, threat_name};
use super::build_threats::implied;
use super::disclosure::single;
use crate::assessment::benchmarks::BenchmarkStatus;
use crate::assessment::review::{BenchmarkReview, Review, harm_continues};
use crate::assessment::{Benchmark, BenchmarkMetric, Direction, ThreatEntry};
use crate::i18n::Lang;
use crate::{l, lf};

/// A flag as the annex can state it: on, off, or not decided by the counts
/// it prints (above `internal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FlagState {
    On,
    Off,
    Withheld,
}

fn state(x: Option<bool>) -> FlagState {
    match x {
        Some(true) => FlagState::On,
        Some(false) => FlagState::Off,
        None => FlagState::Withheld,
    }
}

/// The flags of one entry as printed. At `internal` they are the review's;
/// above, the ones computed from counts are re-derived from the printed
/// counts (METHODOLOGY §6) and withheld where those do not decide them.
fn entry_flags(
    ctx: &Ctx,
    e: &ThreatEntry,
    er: &crate::assessment::review::EntryReview,
) -> [FlagState; 4] {
    let f = er.flags;
    let plain = |b: bool| if b { FlagState::On } else { FlagState::Off };
    let (Some(a), Some(r), true) = (ctx.a, &ctx.review, ctx.suppress) else {
        return [
            plain(f.no_successor),
            plain(f.successor_is_perpetrator),
            plain(f.security_cliff),
            plain(f.monitoring_gap),
        ];
    };
    // Flags are raised on residual entries only (METHODOLOGY §5).
    if !e.residual {
        return [FlagState::Off; 4];
    }
    // No successor: from the analyst's ratings only (an unrated entry's
    // suggestion comes from counts the annex does not print).
    let rated = e.likelihood.is_some() && e.impact.is_some();
    let no_successor = if rated || !f.no_successor && !e.residual {
        plain(f.no_successor)
    } else {
        FlagState::Withheld
    };
    // Security cliff: any base in the threat's regions whose printed counts
    // decide a cliff.
    let mut cliff = Some(false);
    for (b, br) in a.footprint.iter().zip(&r.bases) {
        if !e.regions.contains(&b.region) {
            continue;
        }
        match base_cliff(
            ctx,
            b.closed.is_some() && br.after_complete,
            br.before,
            br.after,
        ) {
            Some(true) => {
                cliff = Some(true);
                break;
            }
            Some(false) => {}
            None => cliff = None,
        }
    }
    // Monitoring gap: a region whose bases all close, with harm there
    // decided by the printed trend counts.
    let m = &ctx.matrix;
    let mut gap = Some(false);
    if let Some(p) = &ctx.pattern {
        for region in &e.regions {
            let here: Vec<_> = a.footprint.iter().filter(|b| &b.region == region).collect();
            if here.is_empty() || !here.iter().all(|b| b.closed.is_some()) {
                continue;
            }
            let decided = match m.regions.iter().position(|x| x == region) {
                Some(i) => {
                    let ids = p.trend_regions[i];
                    implied(&[&p.cell(ids[0]), &p.cell(ids[1])], |v| {
                        harm_continues(v[0], v[1])
                    })
                }
                None => Some(false),
            };
            match decided {
                Some(true) => {
                    gap = Some(true);
                    break;
                }
                Some(false) => {}
                None => gap = None,
            }
        }
    }
    [
        no_successor,
        plain(f.successor_is_perpetrator),
        state(cliff),
        state(gap),
    ]
}

/// Whether the annex states a monitoring gap for an entry.
pub(super) fn monitoring_gap_stated(
    ctx: &Ctx,
    e: &ThreatEntry,
    er: &crate::assessment::review::EntryReview,
) -> bool {
    entry_flags(ctx, e, er)[3] == FlagState::On
}

/// Section 6.
pub(super) fn flags(ctx: &Ctx) -> Vec<Block> {
    let (Some(a), Some(r)) = (ctx.a, &ctx.review) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    let (mut on, mut withheld) = (0, 0);
    for (e, er) in a.register.iter().zip(&r.entries) {
        let states = entry_flags(ctx, e, er);
        let lang = ctx.lang;
        let items = [
            (
                l!(lang, "No successor", "Pas de relais"),
                l!(
                    lang,
                    "A residual High or Very high threat with no one named to take over a tier it engages.",
                    "Une menace résiduelle élevée ou très élevée sans qu'aucun relais soit désigné pour l'un des niveaux concernés."
                ),
            ),
            (
                l!(
                    lang,
                    "Successor is perpetrator",
                    "Relais auteur de la menace"
                ),
                l!(
                    lang,
                    "Host-state security forces are named successor for a threat they perpetrate.",
                    "Les forces de sécurité de l'État hôte sont désignées comme relais d'une menace dont elles sont les auteurs."
                ),
            ),
            (
                l!(lang, "Security cliff", "Vide sécuritaire"),
                l!(
                    lang,
                    "A base in the threat's regions closes, and civilian harm within its radius rose in the 12 months after.",
                    "Une base des régions de la menace ferme, et les atteintes aux civils dans son rayon ont augmenté dans les 12 mois suivants."
                ),
            ),
            (
                l!(lang, "Monitoring gap", "Lacune de surveillance"),
                l!(
                    lang,
                    "Every base in one of the threat's regions closes while civilian harm continues there.",
                    "Toutes les bases de l'une des régions de la menace ferment alors que les atteintes aux civils s'y poursuivent."
                ),
            ),
        ];
        for (st, (name, why)) in states.into_iter().zip(items) {
            let why = match st {
                FlagState::Off => continue,
                FlagState::On => {
                    on += 1;
                    why.to_string()
                }
                FlagState::Withheld => {
                    withheld += 1;
                    l!(lang, "Withheld at this sharing level: whether it is raised depends on counts the annex withholds.", "Masquée à ce niveau de diffusion : son déclenchement dépend de nombres que l'annexe masque.").to_string()
                }
            };
            rows.push(vec![
                text(format!("{}", e.id)),
                text(threat_name(ctx, e)),
                text(e.regions.join(", ")),
                text(name),
                text(why),
            ]);
        }
    }
    if rows.is_empty() {
        return Vec::new();
    }
    let lang = ctx.lang;
    let mut intro = match lang {
        Lang::En => format!(
            "The workbench raises {on} flag{} on the register (rules in \"Method and sources\"); each needs an answer in the transition plan.",
            if on == 1 { "" } else { "s" }
        ),
        Lang::Fr => format!(
            "L'outil relève {on} point{} de vigilance sur le registre (règles dans « Méthode et sources ») ; chacun appelle une réponse dans le plan de transition.",
            if on > 1 { "s" } else { "" }
        ),
    };
    if withheld > 0 {
        intro.push_str(&match lang {
            Lang::En => format!(
                " {withheld} more {} not stated at this sharing level.",
                if withheld == 1 { "is" } else { "are" }
            ),
            Lang::Fr => format!(
                " {withheld} autre{} n'{} pas indiquée{} à ce niveau de diffusion.",
                if withheld > 1 { "s" } else { "" },
                if withheld > 1 { "sont" } else { "est" },
                if withheld > 1 { "s" } else { "" }
            ),
        });
    }
    vec![
        Block::Paragraph(intro),
        Block::Table(Table::new(
            "flags",
            l!(
                lang,
                "Flags raised on the register",
                "Points de vigilance relevés sur le registre"
            ),
            &[
                l!(lang, "#", "n°"),
                l!(lang, "Threat", "Menace"),
                l!(lang, "Regions", "Régions"),
                l!(lang, "Flag", "Point de vigilance"),
                l!(lang, "What it means", "Signification"),
            ],
            rows,
            vec![],
        )),
    ]
}

fn status(s: BenchmarkStatus, lang: Lang) -> &'static str {
    s.label_in(lang)
}

/// A back-test verdict (the review's English words) in a language.
fn verdict(v: &str, lang: Lang) -> String {
    crate::assessment::review::verdict_label(v, lang).to_string()
}

/// Section 7.
pub(super) fn benchmarks(ctx: &Ctx) -> Vec<Block> {
    let (Some(a), Some(r)) = (ctx.a, &ctx.review) else {
        return Vec::new();
    };
    if a.benchmarks.is_empty() {
        return Vec::new();
    }
    // After the as-of date is hindsight: internal only, and apart, under
    // its own heading (METHODOLOGY §5: the back-test).
    let hindsight = !ctx.suppress && !r.benchmarks_latest.is_empty();
    // The baseline (the same window a year earlier) is a count no other
    // table ties down: internal only, like every unaudited figure.
    let baseline_at = (!ctx.suppress)
        .then(|| r.as_of.checked_sub_months(chrono::Months::new(12)))
        .flatten();
    let lang = ctx.lang;
    let mut placed = Vec::new();
    let rows = a
        .benchmarks
        .iter()
        .zip(&r.benchmarks)
        .enumerate()
        .map(|(i, (b, br))| {
            let mut row = benchmark_row(ctx, i, b, br, &mut placed);
            if let Some(at) = baseline_at {
                let base = crate::assessment::benchmarks::benchmark_review(ctx.ws, b, at);
                row.insert(
                    4,
                    if base.status == BenchmarkStatus::InsufficientData {
                        text(l!(lang, "no data", "pas de données"))
                    } else {
                        Cell::Count(base.value)
                    },
                );
            }
            row
        })
        .collect();
    let mut header = vec![
        l!(lang, "Benchmark", "Jalon"),
        l!(lang, "Kind", "Nature"),
        l!(lang, "Measure", "Mesure"),
        l!(lang, "Target", "Cible"),
        l!(lang, "Monitored by", "Suivi par"),
        l!(lang, "Measured", "Fréquence de mesure"),
        l!(lang, "Value at as-of", "Valeur à la date de référence"),
        l!(lang, "Status at as-of", "Situation à la date de référence"),
    ];
    if baseline_at.is_some() {
        header.insert(4, l!(lang, "Baseline", "Valeur de départ"));
    }
    // Placed figures sit one column further right past the baseline.
    if baseline_at.is_some() {
        for f in &mut placed {
            f.1 += 1;
        }
    }
    let mut notes = Vec::new();
    if let Some(at) = baseline_at {
        notes.push(lf!(lang, "Baseline: the same measure over the window ending on {}, a year before the as-of date. Measured: how often the monitor is to measure it after exit.", "Valeur de départ : la même mesure sur la période s'achevant le {}, un an avant la date de référence. Fréquence de mesure : la fréquence à laquelle le responsable du suivi doit la mesurer après le retrait.", ctx.date(at)));
    }
    if ctx.suppress {
        notes.push(l!(lang, "A status is printed only where the value as printed decides it (x: it depends on a withheld count). Benchmark names and monitors are free text, printed only where the analyst cleared them for this level.", "Une situation n'est indiquée que là où la valeur publiée la détermine (x : elle dépend d'un nombre masqué). Les noms des jalons et des responsables du suivi sont du texte libre, publié seulement si l'analyste l'a autorisé pour ce niveau.").to_string());
    }
    let mut table = Table::new(
        "benchmarks",
        l!(lang, "Benchmarks and indicators", "Jalons et indicateurs"),
        &header,
        rows,
        notes,
    );
    table.figures = placed;
    let mut blocks = vec![
        Block::Paragraph(lf!(
            lang,
            "Indicators to watch after exit. Core benchmarks measure what the mission and its successors can influence; contextual ones what they cannot. Values are evaluated over each window ending on the as-of date ({}).",
            "Indicateurs à suivre après le retrait. Les jalons essentiels mesurent ce sur quoi la mission et ses relais peuvent agir ; les jalons contextuels, ce sur quoi ils n'ont pas prise. Les valeurs sont évaluées sur chaque période s'achevant à la date de référence ({}).",
            ctx.date(r.as_of),
        )),
        Block::Table(table),
    ];
    if hindsight {
        blocks.extend(hindsight_blocks(ctx, a, r));
    }
    blocks
}

/// Internal only: what the data after the as-of date show, apart from
/// everything else and labelled as hindsight (METHODOLOGY §5).
fn hindsight_blocks(ctx: &Ctx, a: &crate::assessment::Assessment, r: &Review) -> Vec<Block> {
    let lang = ctx.lang;
    let rows: Vec<Vec<Cell>> = a
        .benchmarks
        .iter()
        .zip(&r.benchmarks)
        .filter_map(|(b, br)| {
            let later = r.benchmark_later(br)?;
            Some(vec![
                text(b.name.clone()),
                Cell::Count(br.value),
                text(status(br.status, lang)),
                text(ctx.date(later.at)),
                Cell::Count(later.value),
                text(status(later.status, lang)),
            ])
        })
        .collect();
    let mut blocks = vec![
        Block::Heading(lf!(
            lang,
            "Back-test: hindsight after {}",
            "Vérification a posteriori : après le {}",
            ctx.date(r.as_of)
        )),
        Block::Paragraph(lf!(
            lang,
            "The loaded data run past the as-of date. What they show later was not known on {}: it tests the assessment, and nothing above uses it.",
            "Les données chargées vont au-delà de la date de référence. Ce qu'elles montrent ensuite n'était pas connu le {} : cela met l'évaluation à l'épreuve, et rien de ce qui précède ne l'utilise.",
            ctx.date(r.as_of)
        )),
    ];
    if !rows.is_empty() {
        blocks.push(Block::Table(Table::new(
            "benchmarks-hindsight",
            l!(
                lang,
                "Benchmarks at the as-of date and at the last date in the data (hindsight)",
                "Jalons à la date de référence et à la dernière date des données (a posteriori)"
            ),
            &[
                l!(lang, "Benchmark", "Jalon"),
                l!(lang, "Value at as-of", "Valeur à la date de référence"),
                l!(lang, "Status at as-of", "Situation à la date de référence"),
                l!(lang, "Last date", "Dernière date"),
                l!(lang, "Value then", "Valeur à cette date"),
                l!(lang, "Status then", "Situation à cette date"),
            ],
            rows,
            Vec::new(),
        )));
    }
    let tested: Vec<Vec<Cell>> = r
        .backtest
        .iter()
        .filter_map(|t| {
            let &(months, events, fatalities, observed, complete) =
                t.windows.iter().find(|w| w.0 == 12)?;
            Some(vec![
                text(format!("#{}", t.id)),
                text(t.perpetrator.label_in(lang).to_string()),
                t.predicted_likelihood.map_or_else(
                    || text(l!(lang, "not rated", "non coté")),
                    |l| Cell::Count(u64::from(l)),
                ),
                Cell::Count(events),
                Cell::Count(fatalities),
                Cell::Count(u64::from(observed)),
                text(if complete {
                    verdict(&t.verdict, lang)
                } else {
                    lf!(
                        lang,
                        "{} ({months} months not all in the data)",
                        "{} ({months} mois pas tous dans les données)",
                        verdict(&t.verdict, lang)
                    )
                }),
            ])
        })
        .collect();
    if !tested.is_empty() {
        blocks.push(Block::Table(Table::new(
            "register-hindsight",
            l!(lang, "Register back-test: the analyst's likelihood against the 12 months after the as-of date (hindsight)", "Vérification a posteriori du registre : la probabilité de l'analyste face aux 12 mois suivant la date de référence (a posteriori)"),
            &[
                l!(lang, "#", "n°"),
                l!(lang, "Threat", "Menace"),
                l!(lang, "Analyst likelihood", "Probabilité selon l'analyste"),
                l!(lang, "Events, 12 months after", "Événements, 12 mois après"),
                l!(lang, "Civilian fatalities", "Civils tués"),
                l!(lang, "Likelihood observed", "Probabilité observée"),
                "Verdict",
            ],
            tested,
            vec![l!(lang, "Observed likelihood: the suggestion rule (see \"Method and sources\") applied to the 12 months after the as-of date. Right: within one step of the analyst's likelihood.", "Probabilité observée : la règle de suggestion (voir « Méthode et sources ») appliquée aux 12 mois suivant la date de référence. Juste : à un point près de la probabilité de l'analyste.").to_string()],
        )));
    }
    blocks
}

/// What a benchmark measures, in words: metric, perpetrators, regions and
/// window.
fn benchmark_measure(b: &Benchmark, lang: Lang) -> String {
    lf!(
        lang,
        "{} by {} in {} over {} months",
        "{} – auteurs : {} – régions : {} – sur {} mois",
        match b.metric {
            BenchmarkMetric::CivilianHarmEvents => l!(
                lang,
                "civilian-harm events",
                "événements portant atteinte aux civils"
            ),
            BenchmarkMetric::CivilianFatalities => l!(lang, "civilian fatalities", "civils tués"),
        },
        if b.perpetrators.is_empty() {
            l!(lang, "all perpetrators", "tous les auteurs").to_string()
        } else {
            b.perpetrators
                .iter()
                .map(|t| match lang {
                    Lang::En => t.label_in(lang).to_string(),
                    Lang::Fr => crate::i18n::mid_sentence(t.label_in(lang)),
                })
                .collect::<Vec<_>>()
                .join(", ")
        },
        if b.regions.is_empty() {
            l!(lang, "all regions", "toutes les régions").to_string()
        } else {
            b.regions.join(", ")
        },
        b.window_months
    )
}

/// One benchmark's row: name and monitor as cleared for the level, the
/// value at the as-of date (a pattern figure, placed, when there is one),
/// the status that value decides, and the latest value and status when
/// shown.
fn benchmark_row(
    ctx: &Ctx,
    i: usize,
    b: &Benchmark,
    br: &BenchmarkReview,
    placed: &mut Vec<(usize, usize, usize)>,
) -> Vec<Cell> {
    let lang = ctx.lang;
    let measure = benchmark_measure(b, lang);
    let cleared = ctx.opts.level.allows(b.text_cleared);
    let name = if cleared {
        b.name.clone()
    } else {
        lf!(lang, "Benchmark {}", "Jalon {}", i + 1)
    };
    let monitor = if b.monitor.trim().is_empty() {
        "—".to_string()
    } else if cleared {
        b.monitor.clone()
    } else {
        not_cleared(ctx.lang).to_string()
    };
    let value = match ctx
        .pattern
        .as_ref()
        .filter(|_| br.status != BenchmarkStatus::InsufficientData)
        .and_then(|p| {
            p.benchmarks
                .get(i)
                .copied()
                .flatten()
                .map(|id| (id, p.cell(id)))
        }) {
        Some((id, c)) => {
            placed.push((i, 6, id));
            c
        }
        // No value where the data do not cover the window.
        None if br.status == BenchmarkStatus::InsufficientData => text("–"),
        None => single(br.value, ctx.k, ctx.suppress),
    };
    // The status as the printed value decides it.
    let st = match br.status {
        BenchmarkStatus::InsufficientData => Some(status(br.status, lang)),
        _ => implied(&[&value], |v| {
            let met = match b.direction {
                Direction::AtMost => v[0] <= b.threshold,
                Direction::AtLeast => v[0] >= b.threshold,
            };
            if met {
                l!(lang, "met", "atteint")
            } else {
                l!(lang, "not met", "non atteint")
            }
        }),
    };
    vec![
        text(name),
        text(if br.core {
            l!(lang, "core", "essentiel")
        } else {
            l!(lang, "contextual", "contextuel")
        }),
        text(measure),
        text(format!(
            "{} {}",
            match b.direction {
                Direction::AtMost => l!(lang, "at most", "au plus"),
                Direction::AtLeast => l!(lang, "at least", "au moins"),
            },
            b.threshold
        )),
        text(monitor),
        text(
            b.frequency
                .map_or(l!(lang, "not set", "non définie"), |f| f.label_in(lang)),
        ),
        value,
        st.map_or(Cell::Hidden, text),
    ]
}
