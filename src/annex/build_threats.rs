//! Section 3, threats by perpetrator type and region: the events and
//! fatality matrices (protected together with their totals), trends, the
//! state-perpetrated share, and the monthly, heat-map and map figures.

use super::build::Ctx;
use super::build_data::short_label;
use super::charts::{Chart, MapArea, Series};
use super::disclosure::protect;
use super::{Block, Cell, Figure, Table};
use crate::analysis::Filter;
use crate::analysis::scores::Trend;
use crate::analysis::series::monthly;
use crate::model::PerpetratorType;
use crate::model::boundaries::{bundled, match_key};
use crate::model::palette::perpetrator_rgb;
use crate::model::region::region_label;
use crate::{l, lf};

/// A regions × types grid of one measure, as a table: from the pattern
/// above `internal`, every count shown at `internal`.
fn region_table(
    ctx: &Ctx,
    id: &str,
    caption: &str,
    measure: impl Fn(&crate::analysis::matrix::CellCounts) -> u64,
    ids: Option<&Vec<Vec<usize>>>,
) -> (Table, Vec<Vec<Cell>>) {
    let m = &ctx.matrix;
    let interior: Vec<Vec<u64>> = (0..m.regions.len())
        .map(|r| {
            m.perpetrators
                .iter()
                .enumerate()
                .map(|(t, _)| measure(&m.cells[t][r]))
                .collect()
        })
        .collect();
    let p = protect(&interior, ctx.k, false);
    let nr = m.regions.len();
    let nc = m.perpetrators.len();
    let cell = |r: usize, c: usize| match (&ctx.pattern, ids) {
        (Some(pat), Some(ids)) => pat.cell(ids[r][c]),
        _ => p.cell(r, c, ctx.k),
    };
    let mut rows = Vec::new();
    let mut heat = Vec::new();
    let mut withheld = false;
    for r in 0..=nr {
        let name = if r < nr {
            region_label(&m.regions[r], ctx.lang)
        } else {
            "Total".into()
        };
        let mut row = vec![Cell::Text(name)];
        let cells: Vec<Cell> = (0..=nc).map(|c| cell(r, c)).collect();
        withheld |= cells.iter().any(Cell::is_withheld);
        if r < nr {
            heat.push(cells[..nc].to_vec());
        }
        row.extend(cells);
        rows.push(row);
    }
    let mut header = vec![l!(ctx.lang, "Region", "Région")];
    header.extend(m.perpetrators.iter().map(|t| short_label(*t, ctx.lang)));
    header.push("Total");
    let mut notes = Vec::new();
    if ctx.suppress && withheld {
        notes.push(lf!(
            ctx.lang,
            "<{k}: between 1 and {k1}. x: withheld so that no <{k} count can be narrowed down from the other figures of this annex.",
            "<{k} : entre 1 et {k1}. x : masqué pour qu'aucun nombre <{k} ne puisse être déduit des autres chiffres de cette annexe.",
            k = ctx.k,
            k1 = ctx.k - 1
        ));
    }
    let mut table = Table::new(id, caption, &header, rows, notes).with_totals(1, true);
    if let (Some(_), Some(ids)) = (&ctx.pattern, ids) {
        for (r, line) in ids.iter().enumerate() {
            for (c, f) in line.iter().enumerate() {
                table.figures.push((r, c + 1, *f));
            }
        }
    }
    (table, heat)
}

/// Records where a trend table prints its figures (columns 1, 2 and 4).
fn place_trends(table: &mut Table, ids: &[Option<&[usize; 3]>]) {
    for (row, f) in ids.iter().enumerate() {
        if let Some(f) = f {
            for (col, id) in [1, 2, 4].into_iter().zip(f.iter()) {
                table.figures.push((row, col, *id));
            }
        }
    }
}

/// What a printed count tells a reader: its smallest and largest value
/// (`None`: no upper bound).
pub(super) fn printed_range(c: &Cell) -> (u64, Option<u64>) {
    match c {
        Cell::Count(v) => (*v, Some(*v)),
        Cell::Small(k) => (1, Some(u64::from(k.saturating_sub(1)))),
        _ => (0, None),
    }
}

/// A figure derived from printed counts, printed only when the counts as
/// printed decide it (METHODOLOGY §6: a figure derived from withheld cells
/// is withheld too). `f` is evaluated over every value the printed cells
/// allow; an unbounded (`x`) input never decides.
pub(super) fn implied<T: PartialEq + Copy>(inputs: &[&Cell], f: impl Fn(&[u64]) -> T) -> Option<T> {
    let ranges: Vec<(u64, u64)> = inputs
        .iter()
        .map(|c| {
            let (lo, hi) = printed_range(c);
            hi.map(|h| (lo, h))
        })
        .collect::<Option<Vec<_>>>()?;
    let mut values: Vec<u64> = ranges.iter().map(|r| r.0).collect();
    let first = f(&values);
    loop {
        // Next combination (odometer).
        let mut i = 0;
        loop {
            if i == values.len() {
                return Some(first);
            }
            if values[i] < ranges[i].1 {
                values[i] += 1;
                break;
            }
            values[i] = ranges[i].0;
            i += 1;
        }
        if f(&values) != first {
            return None;
        }
    }
}

/// Section 3.
pub(super) fn threats(ctx: &Ctx) -> Vec<Block> {
    let m = &ctx.matrix;
    if m.total.events == 0 {
        return vec![Block::Paragraph(lf!(
            ctx.lang,
            "No civilian-harm event is recorded in the period ({}).",
            "Aucun événement portant atteinte aux civils n'est enregistré sur la période ({}).",
            ctx.period()
        ))];
    }
    let lang = ctx.lang;
    let mut b = Vec::new();
    let (events_table, fat_table, region_totals) = matrix_blocks(ctx, &mut b);
    b.push(Block::Heading(l!(lang, "Trends", "Tendances").into()));
    b.push(Block::Paragraph(lf!(
        lang,
        "Recent: the six months ending {}; previous: the six months before. Rising: recent at least 1.25 × previous and 3 or more events higher; falling: at most 0.75 × previous and 3 or more lower; new: none before and 3 or more now.",
        "Récente : les six mois s'achevant le {} ; précédente : les six mois précédents. En hausse : la période récente compte au moins 1,25 × la précédente et au moins 3 événements de plus ; en baisse : au plus 0,75 × la précédente et au moins 3 de moins ; nouveau : aucun avant et 3 ou plus maintenant.",
        ctx.date(ctx.as_of)
    )));
    b.push(Block::Table(trends_by_type(ctx)));
    b.push(Block::Table(trends_by_region(ctx)));
    b.push(Block::Heading(
        l!(lang, "State-perpetrated share", "Part imputable à l'État").into(),
    ));
    b.push(Block::Table(state_share_table(
        ctx,
        &events_table,
        &fat_table,
    )));
    if ctx.suppress && holds_sensitive_monitoring(ctx.ws) {
        b.push(Block::Paragraph(l!(lang, "The monthly chart is left out at this sharing level: the data hold sexual-violence or child-rights records from a monitoring log, which leave the workbench only by quarter or longer (METHODOLOGY §7).", "Le graphique mensuel est omis à ce niveau de diffusion : les données contiennent des fiches de violences sexuelles ou de droits de l'enfant issues d'un registre de surveillance, qui ne sortent de l'outil que par trimestre ou plus (MÉTHODOLOGIE §7).").into()));
    } else {
        b.push(monthly_figure(ctx));
    }
    b.extend(monitoring_blocks(ctx));
    if let Some(f) = map_figure(ctx, &region_totals) {
        b.push(f);
    }
    b
}

/// Violations and victims by perpetrator type and region, from monitoring
/// logs (METHODOLOGY §7). At `internal` one line per cell with the records
/// whose victim count is unreadable; above it two matrices secured by the
/// document's pattern (admin 1, the whole period), with the state share of
/// violations only where the printed counts decide it.
fn monitoring_blocks(ctx: &Ctx) -> Vec<Block> {
    if ctx.matrix.total.violations == 0 && ctx.matrix.total.victims == 0 {
        return Vec::new();
    }
    let lang = ctx.lang;
    let mut b = vec![Block::Heading(
        l!(
            lang,
            "Violations and victims (monitoring logs)",
            "Violations et victimes (registres de surveillance)"
        )
        .into(),
    )];
    let statuses = if ctx.filter.verified_only {
        l!(
            lang,
            "Verified records only.",
            "Fiches vérifiées uniquement."
        )
    } else {
        l!(
            lang,
            "Verified and unverified records; rejected records never.",
            "Fiches vérifiées et non vérifiées ; jamais les fiches rejetées."
        )
    };
    let basis = lf!(
        lang,
        "Monitoring logs only; ACLED and UCDP events are not counted as violations or victims. A violation is one violation type in one incident; victims are the people the log counts (one where it leaves the number unspecified). {statuses}",
        "Registres de surveillance uniquement ; les événements ACLED et UCDP ne sont comptés ni comme des violations ni comme des victimes. Une violation est un type de violation dans un incident ; les victimes sont les personnes que compte le registre (une quand il ne précise pas le nombre). {statuses}"
    );
    let Some(p) = ctx.pattern.as_ref().filter(|p| !p.violations.is_empty()) else {
        if !ctx.suppress {
            b.push(Block::Table(monitoring_list(ctx, basis)));
            b.push(Block::Table(by_type_table(ctx)));
        }
        return b;
    };
    let (mut viol, _) = region_table(
        ctx,
        "monitoring-violations",
        l!(
            lang,
            "Violations by region and perpetrator type (monitoring logs)",
            "Violations par région et par type d'auteur (registres de surveillance)"
        ),
        |c| c.violations,
        Some(&p.violations),
    );
    let (mut vict, _) = region_table(
        ctx,
        "monitoring-victims",
        l!(
            lang,
            "Victims by region and perpetrator type (monitoring logs)",
            "Victimes par région et par type d'auteur (registres de surveillance)"
        ),
        |c| c.victims,
        Some(&p.victims),
    );
    viol.notes.insert(0, basis.clone());
    vict.notes.insert(0, basis);
    let nr = ctx.matrix.regions.len();
    let printed = share_inputs(ctx, &viol, nr);
    let exact = |c: &Cell| match c {
        Cell::Count(v) => Some(*v),
        _ => None,
    };
    let band = printed.and_then(|(state, attributed)| {
        let s = exact(&state)?;
        let w: u64 = attributed.iter().map(exact).sum::<Option<u64>>()?;
        (w > 0).then(|| ((s as f64 / w as f64 * 10.0).floor() as u8).min(9) * 10)
    });
    b.push(Block::Table(viol));
    b.push(Block::Paragraph(match band {
        Some(lo) => lf!(
            lang,
            "State security forces committed {lo}–{}% of the violations attributed to an identified perpetrator (a 10-point band from the counts above).",
            "Les forces de sécurité de l'État ont commis {lo}–{}\u{202F}% des violations attribuées à un auteur identifié (une tranche de 10 points tirée des nombres ci-dessus).",
            lo + 10
        ),
        None => l!(lang, "The state share of violations is withheld at this sharing level: the counts above do not decide it.", "La part des violations imputable à l'État est masquée à ce niveau de diffusion : les nombres ci-dessus ne la déterminent pas.").into(),
    }));
    b.push(Block::Table(vict));
    b
}

/// Violations by type with the MRM rule's figure, and victims by group
/// (internal only: not part of the disclosure audit).
fn by_type_table(ctx: &Ctx) -> Table {
    use crate::analysis::violations::{ViolationSummary, counts_victims};
    use crate::model::monitoring::VictimGroup;
    let lang = ctx.lang;
    let s = ViolationSummary::compute(ctx.ws, &ctx.filter);
    let rows = s
        .by_type
        .iter()
        .map(|t| {
            vec![
                Cell::Text(t.violation.label_in(lang).to_string()),
                Cell::Count(t.violations),
                Cell::Count(t.victims),
                Cell::Text(
                    if counts_victims(t.violation) {
                        l!(lang, "victims", "victimes")
                    } else {
                        "violations"
                    }
                    .into(),
                ),
                Cell::Count(t.value()),
            ]
        })
        .collect();
    let mut notes = vec![l!(lang, "The MRM rule: victims are counted for killing, maiming, sexual violence, abduction, recruitment and the other violations against people (detention, torture, displacement, threats); violations for attacks on schools, hospitals and camps, denial of access, looting and other. An incident of two types counts under each, so the rows do not add up to the totals. Victims of a type are the source's count for that type where it counts per type, else the incident's.", "La règle du MRM : on compte les victimes pour les meurtres, les mutilations, les violences sexuelles, les enlèvements, le recrutement et les autres violations contre des personnes (détention, torture, déplacement, menaces) ; les violations pour les attaques contre des écoles, des hôpitaux et des camps, le refus d'accès, les pillages et les autres. Un incident de deux types compte sous chacun : les lignes ne s'additionnent pas aux totaux. Les victimes d'un type sont le décompte de la source pour ce type quand elle compte par type, sinon celui de l'incident.").to_string()];
    if s.victims_with_groups > 0 {
        let n = |v: u64| ctx.n(v);
        notes.push(lf!(
            lang,
            "Victims by group, where the source gives one ({} of {} victims): women {}, men {}, girls {}, boys {}, unknown {}.",
            "Victimes par groupe, quand la source le précise ({} des {} victimes) : femmes {}, hommes {}, filles {}, garçons {}, inconnu {}.",
            n(s.victims_with_groups),
            n(s.victims),
            n(s.group(VictimGroup::Women)),
            n(s.group(VictimGroup::Men)),
            n(s.group(VictimGroup::Girls)),
            n(s.group(VictimGroup::Boys)),
            n(s.group(VictimGroup::Unknown)),
        ));
    }
    Table::new(
        "violations-by-type",
        l!(
            lang,
            "Violations by type (monitoring logs, MRM rule)",
            "Violations par type (registres de surveillance, règle du MRM)"
        ),
        &[
            l!(lang, "Violation type", "Type de violation"),
            "Violations",
            l!(lang, "Victims", "Victimes"),
            l!(lang, "MRM counts", "Le MRM compte"),
            l!(lang, "MRM figure", "Chiffre MRM"),
        ],
        rows,
        notes,
    )
}

/// The internal list: one line per cell with violations, its victims and
/// the records whose victim count is unreadable, and the state share.
fn monitoring_list(ctx: &Ctx, basis: String) -> Table {
    let m = &ctx.matrix;
    let lang = ctx.lang;
    let mut rows = Vec::new();
    for (pi, p) in m.perpetrators.iter().enumerate() {
        for (ci, r) in m.regions.iter().enumerate() {
            let c = &m.cells[pi][ci];
            if c.violations == 0 && c.victims == 0 {
                continue;
            }
            rows.push(vec![
                Cell::Text(p.label_in(lang).to_string()),
                Cell::Text(region_label(r, ctx.lang)),
                Cell::Count(c.violations),
                Cell::Count(c.victims),
                Cell::Count(c.victims_unknown),
            ]);
        }
    }
    let (state, attributed) = m.state_violations();
    rows.push(vec![
        Cell::Text("Total".into()),
        Cell::Text(String::new()),
        Cell::Count(m.total.violations),
        Cell::Count(m.total.victims),
        Cell::Count(m.total.victims_unknown),
    ]);
    let mut notes = vec![basis];
    if attributed > 0 {
        notes.push(match lang {
            crate::i18n::Lang::En => format!(
                "State share of violations by an identified perpetrator: {:.0}% ({state} of {attributed}).",
                state as f64 * 100.0 / attributed as f64
            ),
            crate::i18n::Lang::Fr => format!(
                "Part imputable à l'État des violations d'un auteur identifié : {} ({} sur {}).",
                ctx.pct(state as f64 / attributed as f64),
                ctx.n(state),
                ctx.n(attributed)
            ),
        });
    }
    Table::new(
        "monitoring-violations",
        l!(
            lang,
            "Violations and victims by perpetrator type and region",
            "Violations et victimes par type d'auteur et par région"
        ),
        &[
            l!(lang, "Perpetrator type", "Type d'auteur"),
            l!(lang, "Region", "Région"),
            "Violations",
            l!(lang, "Victims", "Victimes"),
            l!(
                lang,
                "Records with an unreadable victim count",
                "Fiches au nombre de victimes illisible"
            ),
        ],
        rows,
        notes,
    )
    .with_totals(1, false)
}

/// Whether a monitoring log holds sexual-violence or child-rights records
/// (recruitment, attacks on schools): above `internal` those leave the
/// workbench only at admin 1 and by quarter or longer (METHODOLOGY §7).
fn holds_sensitive_monitoring(ws: &crate::analysis::Workspace) -> bool {
    use crate::model::monitoring::ViolationType as V;
    let mask = V::SexualViolence.bit() | V::Recruitment.bit() | V::AttackOnSchool.bit();
    ws.datasets.iter().any(|d| {
        d.incidents
            .monitoring
            .violations
            .iter()
            .any(|&v| v & mask != 0)
    })
}

/// The opening sentence, the events matrix, its heat map and the
/// fatalities matrix, pushed onto `b`. Gives both tables as printed and the
/// events' region totals (for the map).
fn matrix_blocks(ctx: &Ctx, b: &mut Vec<Block>) -> (Table, Table, Vec<Cell>) {
    let m = &ctx.matrix;
    let share = &m.state_share_total;
    let (events, heat) = region_table(
        ctx,
        "threat-matrix",
        l!(
            ctx.lang,
            "Civilian-harm events by region and perpetrator type",
            "Événements portant atteinte aux civils par région et par type d'auteur"
        ),
        |c| c.events,
        ctx.pattern.as_ref().map(|p| &p.events),
    );
    let (fat, _) = region_table(
        ctx,
        "fatality-matrix",
        l!(
            ctx.lang,
            "Civilian fatalities by region and perpetrator type",
            "Civils tués par région et par type d'auteur"
        ),
        |c| c.civilian_fatalities,
        ctx.pattern.as_ref().map(|p| &p.fatalities),
    );
    // The grand totals as the tables show them (a withheld total stays withheld).
    let grand = |t: &Table| {
        t.rows
            .last()
            .and_then(|r| r.last())
            .map_or(String::new(), |c| c.display_in(ctx.lang))
    };
    let nr = m.regions.len();
    let (state_sentence, _) = share_cell(
        ctx,
        share.state_events,
        share.attributed_events,
        share_inputs(ctx, &events, nr),
    );
    b.push(Block::Paragraph(lf!(
        ctx.lang,
        "In the period, the sources record {} civilian-harm events and {} civilian fatalities. {}",
        "Sur la période, les sources enregistrent {} événements portant atteinte aux civils et {} civils tués. {}",
        grand(&events),
        grand(&fat),
        state_sentence
    )));
    let cols: Vec<String> = m
        .perpetrators
        .iter()
        .map(|t| short_label(*t, ctx.lang).to_string())
        .collect();
    let region_totals: Vec<Cell> = events.rows[..m.regions.len()]
        .iter()
        .map(|r| r.last().cloned().unwrap_or(Cell::Empty))
        .collect();
    let events_table = events.clone();
    b.push(Block::Table(events));
    if m.regions.len() > super::charts::MAX_HEAT_ROWS {
        // Unreadable as a picture, and costly to draw: the table has it all.
        b.push(Block::Paragraph(lf!(
            ctx.lang,
            "The heat map is left out: {} regions are more than a page can show ({} at most); the table above has every one.",
            "La carte thermique est omise : {} régions, c'est plus qu'une page ne peut en montrer ({} au plus) ; le tableau ci-dessus les contient toutes.",
            m.regions.len(),
            super::charts::MAX_HEAT_ROWS
        )));
    } else {
        b.push(Block::Figure(Figure {
            id: "heat-map".into(),
            caption: l!(
                ctx.lang,
                "Civilian-harm events by region and perpetrator type (darker = more)",
                "Événements portant atteinte aux civils par région et par type d'auteur (plus la teinte est foncée, plus le nombre est élevé)"
            )
            .into(),
            alt: l!(
                ctx.lang,
                "The table above as a heat map.",
                "Le tableau ci-dessus sous forme de carte thermique."
            )
            .into(),
            figures: Vec::new(),
            chart: Chart::Heat {
                rows: m.regions.iter().map(|r| region_label(r, ctx.lang)).collect(),
                cols,
                cells: heat,
                lang: ctx.lang,
            },
        }));
    }
    let fat_table = fat.clone();
    b.push(Block::Table(fat));
    (events_table, fat_table, region_totals)
}

/// One row of a trend table: recent and previous events, the trend they
/// imply as printed, recent fatalities.
fn trend_row(
    ctx: &Ctx,
    name: String,
    c: &crate::analysis::matrix::CellCounts,
    ids: Option<&[usize; 3]>,
) -> Vec<Cell> {
    let cells: [Cell; 3] = match (&ctx.pattern, ids) {
        (Some(p), Some(ids)) => [p.cell(ids[0]), p.cell(ids[1]), p.cell(ids[2])],
        _ => [
            Cell::Count(c.recent_events),
            Cell::Count(c.previous_events),
            Cell::Count(c.recent_fatalities),
        ],
    };
    // A window the data do not cover has no trend, whatever the counts
    // (METHODOLOGY §4); coverage comes from the sources' dates, not the counts.
    let trend = if c.trend() == Trend::NoData {
        Some(Trend::NoData)
    } else {
        implied(&[&cells[0], &cells[1]], |v| Trend::classify(v[0], v[1]))
    };
    let [recent, previous, fatalities] = cells;
    vec![
        Cell::Text(name),
        recent,
        previous,
        match trend {
            Some(t) => Cell::Text(format!("{} {}", t.arrow(), t.label_in(ctx.lang))),
            None => Cell::Hidden,
        },
        fatalities,
    ]
}

/// The header of a trend table, `first` naming its rows.
fn trend_header(first: &'static str, lang: crate::i18n::Lang) -> [&'static str; 5] {
    [
        first,
        l!(lang, "Recent 6 months", "6 derniers mois"),
        l!(lang, "Previous 6 months", "6 mois précédents"),
        l!(lang, "Trend", "Tendance"),
        l!(
            lang,
            "Recent civilian fatalities",
            "Civils tués (période récente)"
        ),
    ]
}

/// The trend table by perpetrator type.
fn trends_by_type(ctx: &Ctx) -> Table {
    let m = &ctx.matrix;
    let type_ids: Vec<Option<&[usize; 3]>> = (0..m.perpetrators.len())
        .map(|i| ctx.pattern.as_ref().map(|p| &p.trend_types[i]))
        .collect();
    let mut by_type = Table::new(
        "trends-by-perpetrator",
        l!(
            ctx.lang,
            "Civilian-harm events by perpetrator type: recent and previous six months",
            "Événements portant atteinte aux civils par type d'auteur : six mois récents et précédents"
        ),
        &trend_header(l!(ctx.lang, "Perpetrator type", "Type d'auteur"), ctx.lang),
        m.perpetrators
            .iter()
            .zip(&m.row_totals)
            .zip(&type_ids)
            .map(|((t, c), ids)| trend_row(ctx, t.label_in(ctx.lang).to_string(), c, *ids))
            .collect(),
        trend_notes(ctx),
    );
    place_trends(&mut by_type, &type_ids);
    by_type
}

/// The trend table by region, listing the regions with events in the last
/// 12 months.
fn trends_by_region(ctx: &Ctx) -> Table {
    let m = &ctx.matrix;
    let shown_regions: Vec<usize> = (0..m.regions.len())
        .filter(|&i| {
            let c = &m.column_totals[i];
            c.recent_events + c.previous_events > 0
        })
        .collect();
    let region_ids: Vec<Option<&[usize; 3]>> = shown_regions
        .iter()
        .map(|&i| ctx.pattern.as_ref().map(|p| &p.trend_regions[i]))
        .collect();
    let mut by_region = Table::new(
        "trends-by-region",
        l!(
            ctx.lang,
            "Civilian-harm events by region with events in the last 12 months: recent and previous six months",
            "Événements portant atteinte aux civils par région ayant connu des événements ces 12 derniers mois : six mois récents et précédents"
        ),
        &trend_header(l!(ctx.lang, "Region", "Région"), ctx.lang),
        shown_regions
            .iter()
            .zip(&region_ids)
            .map(|(&i, ids)| {
                trend_row(
                    ctx,
                    region_label(&m.regions[i], ctx.lang),
                    &m.column_totals[i],
                    *ids,
                )
            })
            .collect(),
        trend_notes(ctx),
    );
    place_trends(&mut by_region, &region_ids);
    by_region
}

/// A share of nothing (0 ÷ 0).
const NO_SHARE: &str = "–";

/// The state-perpetrated share per region and in all, computed from the
/// matrices as printed.
fn state_share_table(ctx: &Ctx, events_table: &Table, fat_table: &Table) -> Table {
    let m = &ctx.matrix;
    let share = &m.state_share_total;
    let nr = m.regions.len();
    let mut rows: Vec<Vec<Cell>> = m
        .regions
        .iter()
        .zip(&m.state_share)
        .enumerate()
        .filter(|(_, (_, s))| s.attributed_events > 0)
        .map(|(i, (r, s))| {
            vec![
                Cell::Text(region_label(r, ctx.lang)),
                share_cell(
                    ctx,
                    s.state_events,
                    s.attributed_events,
                    share_inputs(ctx, events_table, i),
                )
                .1,
                share_cell(
                    ctx,
                    s.state_fatalities,
                    s.attributed_fatalities,
                    share_inputs(ctx, fat_table, i),
                )
                .1,
            ]
        })
        .collect();
    rows.push(vec![
        Cell::Text(l!(ctx.lang, "All regions", "Toutes les régions").into()),
        share_cell(
            ctx,
            share.state_events,
            share.attributed_events,
            share_inputs(ctx, events_table, nr),
        )
        .1,
        share_cell(
            ctx,
            share.state_fatalities,
            share.attributed_fatalities,
            share_inputs(ctx, fat_table, nr),
        )
        .1,
    ]);
    let lang = ctx.lang;
    let mut notes = vec![l!(lang, "Share = events (fatalities) by state security forces ÷ all events (fatalities) attributed to an identified perpetrator, i.e. not unidentified armed actors or crossfire.", "Part = événements (civils tués) imputables aux forces de sécurité de l'État ÷ tous les événements (civils tués) attribués à un auteur identifié, c'est-à-dire hors acteurs armés non identifiés et tirs croisés.").to_string()];
    if rows
        .iter()
        .flatten()
        .any(|c| *c == Cell::Text(NO_SHARE.into()))
    {
        notes.push(lf!(lang, "{NO_SHARE}: nothing to divide by (no civilian fatalities, or no events, attributed to an identified perpetrator there).", "{NO_SHARE} : non calculable (aucun civil tué, ou aucun événement, attribué à un auteur identifié à cet endroit)."));
    }
    if ctx.suppress {
        notes.push(l!(lang, "Shown in 10-point bands, and only where every count it is computed from is printed in the tables above; otherwise x.", "Indiquée par tranches de 10 points, et seulement là où chaque nombre qui sert à la calculer figure dans les tableaux ci-dessus ; sinon x.").into());
    }
    Table::new(
        "state-share",
        l!(
            lang,
            "Share of attributed civilian harm perpetrated by state security forces",
            "Part des atteintes aux civils attribuées qui est imputable aux forces de sécurité de l'État"
        ),
        &[
            l!(lang, "Region", "Région"),
            l!(lang, "Share of events", "Part des événements"),
            l!(lang, "Share of civilian fatalities", "Part des civils tués"),
        ],
        rows,
        notes,
    )
    .with_totals(1, false)
}

/// The printed cells a region's (or, at `r` = the number of regions, the
/// total row's) state share is computed from: the state-forces cell and
/// every attributed type's cell.
fn share_inputs(ctx: &Ctx, table: &Table, r: usize) -> Option<(Cell, Vec<Cell>)> {
    let row = table.rows.get(r)?;
    let m = &ctx.matrix;
    let mut state = None;
    let mut attributed = Vec::new();
    for (i, t) in m.perpetrators.iter().enumerate() {
        let c = row.get(i + 1)?.clone();
        if *t == PerpetratorType::StateForces {
            state = Some(c.clone());
        }
        if t.is_attributed() {
            attributed.push(c);
        }
    }
    Some((state.unwrap_or(Cell::Count(0)), attributed))
}

/// A share as printed, in a sentence and as a cell. Above `internal` it is
/// a 10-point band computed from the printed cells, and only when every
/// one of them is printed exactly.
fn share_cell(
    ctx: &Ctx,
    part: u64,
    whole: u64,
    printed: Option<(Cell, Vec<Cell>)>,
) -> (String, Cell) {
    let lang = ctx.lang;
    let sentence = |share: &str| {
        lf!(
            lang,
            "State security forces are the perpetrator of {share} of the events attributed to an identified perpetrator.",
            "Les forces de sécurité de l'État sont les auteurs de {share} des événements attribués à un auteur identifié."
        )
    };
    let none = || {
        l!(
            lang,
            "No event is attributed to an identified perpetrator.",
            "Aucun événement n'est attribué à un auteur identifié."
        )
        .to_string()
    };
    if !ctx.suppress {
        if whole == 0 {
            return (none(), Cell::Text(NO_SHARE.into()));
        }
        let p = part as f64 / whole as f64;
        return (
            sentence(&lf!(
                lang,
                "{} ({} of {})",
                "{} ({} sur {})",
                ctx.pct(p),
                ctx.n(part),
                ctx.n(whole)
            )),
            Cell::Percent(p),
        );
    }
    let exact = |c: &Cell| match c {
        Cell::Count(v) => Some(*v),
        _ => None,
    };
    let shown = printed.and_then(|(state, attributed)| {
        let s = exact(&state)?;
        let w = attributed.iter().map(exact).sum::<Option<u64>>()?;
        Some((s, w))
    });
    match shown {
        Some((_, 0)) => (none(), Cell::Text(NO_SHARE.into())),
        Some((s, w)) => {
            let p = s as f64 / w as f64;
            let band = ((p * 10.0).floor() as u8).min(9) * 10;
            let c = Cell::PercentBand(band);
            (sentence(&c.display_in(lang)), c)
        }
        None => (l!(lang, "The share perpetrated by state security forces is withheld at this sharing level (it would narrow down withheld counts).", "La part imputable aux forces de sécurité de l'État est masquée à ce niveau de diffusion (elle permettrait de déduire des nombres masqués).").into(), Cell::Hidden),
    }
}

/// Notes under a trend table above `internal`.
fn trend_notes(ctx: &Ctx) -> Vec<String> {
    // Above internal the sources are named by publisher, never by file
    // (METHODOLOGY §6).
    let lang = ctx.lang;
    let mut notes = if ctx.opts.level == crate::assessment::SharingLevel::Internal {
        ctx.matrix.coverage_notes_in(lang, &|d| {
            ctx.matrix
                .dataset_spans
                .get(d)
                .map_or_else(String::new, |(n, _)| n.clone())
        })
    } else {
        ctx.matrix.coverage_notes_in(lang, &|d| {
            ctx.ws
                .datasets
                .get(d)
                .map_or(l!(lang, "a source", "une source"), |ds| {
                    super::build_data::publisher(ds.meta.format, lang)
                })
                .to_string()
        })
    };
    if ctx.suppress {
        notes.push(lf!(
            lang,
            "A trend is printed only where the counts as printed decide it; x: it depends on a withheld count (<{k} or x).",
            "Une tendance n'est indiquée que là où les nombres publiés la déterminent ; x : elle dépend d'un nombre masqué (<{k} ou x).",
            k = ctx.k
        ));
    }
    notes
}

fn monthly_figure(ctx: &Ctx) -> Block {
    let filter = Filter {
        from: Some(ctx.chart_from),
        ..ctx.filter.clone()
    };
    let months = monthly(ctx.ws, &filter);
    let labels: Vec<String> = months
        .iter()
        .map(|m| crate::i18n::month(ctx.lang, &m.month))
        .collect();
    let mut placed = Vec::new();
    let (series, withheld, total) = match &ctx.pattern {
        Some(p) => {
            // Months as the pattern prints them: a withheld month is drawn
            // as a grey marker, never with its height.
            let cells: Vec<Cell> = p.monthly.ids.iter().map(|i| p.cell(*i)).collect();
            let values = cells
                .iter()
                .map(|c| match c {
                    Cell::Count(v) => *v,
                    _ => 0,
                })
                .collect();
            let withheld = cells.iter().map(Cell::is_withheld).collect();
            placed = p.monthly.ids.iter().copied().enumerate().collect();
            if let Some(t) = p.monthly.total {
                placed.push((p.monthly.ids.len(), t));
            }
            (
                vec![Series {
                    label: l!(
                        ctx.lang,
                        "All perpetrator types",
                        "Tous les types d'auteurs"
                    )
                    .into(),
                    rgb: [0, 114, 178],
                    values,
                }],
                withheld,
                p.monthly.total.map_or(Cell::Empty, |i| p.cell(i)),
            )
        }
        None => {
            let series = PerpetratorType::ALL
                .iter()
                .filter(|t| months.iter().any(|m| m.events_by_type[**t as usize] > 0))
                .map(|t| Series {
                    label: short_label(*t, ctx.lang).to_string(),
                    rgb: perpetrator_rgb(*t),
                    values: months
                        .iter()
                        .map(|m| m.events_by_type[*t as usize])
                        .collect(),
                })
                .collect();
            (
                series,
                vec![false; months.len()],
                Cell::Count(months.iter().map(|m| m.events).sum()),
            )
        }
    };
    Block::Figure(Figure {
        id: "monthly".into(),
        caption: lf!(
            ctx.lang,
            "Civilian-harm events per month, {} to {}{}",
            "Événements portant atteinte aux civils par mois, {} à {}{}",
            match ctx.lang {
                crate::i18n::Lang::En => labels.first().cloned().unwrap_or_default(),
                crate::i18n::Lang::Fr =>
                    crate::i18n::fr_de(&labels.first().cloned().unwrap_or_default()),
            },
            labels.last().cloned().unwrap_or_default(),
            if ctx.suppress {
                l!(
                    ctx.lang,
                    " (all perpetrator types; withheld months hatched)",
                    " (tous types d'auteurs ; mois masqués hachurés)"
                )
            } else {
                l!(ctx.lang, ", by perpetrator type", ", par type d'auteur")
            }
        ),
        alt: lf!(
            ctx.lang,
            "{} months; {} civilian-harm events in all.",
            "{} mois ; {} événements portant atteinte aux civils au total.",
            labels.len(),
            total.display_in(ctx.lang)
        ),
        figures: placed,
        chart: Chart::Monthly {
            months: labels,
            series,
            withheld,
            k: ctx.k,
            lang: ctx.lang,
        },
    })
}

/// Where a table region whose name matches no boundary is drawn: the
/// boundary that holds most (at least 60%) of its located civilian-harm
/// events in the period (from up to 200 events), or why it is not drawn.
enum Placed {
    On(usize),
    NoLocatedEvents,
    Spread,
}

fn place_by_events(ctx: &Ctx, regions: &[usize]) -> Vec<(usize, Placed)> {
    if regions.is_empty() {
        return Vec::new();
    }
    let m = &ctx.matrix;
    let table = ctx.ws.regions(ctx.filter.level);
    let wanted: std::collections::HashMap<&str, usize> = regions
        .iter()
        .map(|&r| (m.regions[r].as_str(), r))
        .collect();
    let areas = bundled();
    let mut votes: std::collections::HashMap<usize, (u32, std::collections::HashMap<usize, u32>)> =
        std::collections::HashMap::new();
    crate::analysis::matrix::for_each_selected(ctx.ws, &ctx.filter, |(d, i), rid, _, inside| {
        let inc = &ctx.ws.datasets[d].incidents;
        if !inside || !inc.civilian_harm[i] {
            return;
        }
        let Some(&r) = table
            .names
            .get(rid as usize)
            .and_then(|n| wanted.get(n.as_str()))
        else {
            return;
        };
        let (lat, lon) = (f64::from(inc.latitude[i]), f64::from(inc.longitude[i]));
        if !lat.is_finite() || !lon.is_finite() {
            return;
        }
        let v = votes.entry(r).or_default();
        if v.0 >= 200 {
            return;
        }
        v.0 += 1;
        if let Some(b) = areas.iter().position(|a| a.contains(lon, lat)) {
            *v.1.entry(b).or_default() += 1;
        }
    });
    regions
        .iter()
        .map(|&r| {
            let placed = match votes.remove(&r) {
                None => Placed::NoLocatedEvents,
                Some((n, by)) => match by
                    .into_iter()
                    .max_by_key(|(b, c)| (*c, std::cmp::Reverse(*b)))
                {
                    Some((b, c)) if c * 5 >= n * 3 => Placed::On(b),
                    _ => Placed::Spread,
                },
            };
            (r, placed)
        })
        .collect()
}

/// Which boundary each table region is drawn on (boundary → region), and
/// why each region that is not drawn is not, in words.
type Placement = (
    std::collections::HashMap<usize, usize>,
    Vec<(usize, String)>,
);

fn place_regions(ctx: &Ctx, areas_all: &[crate::model::boundaries::Area]) -> Placement {
    let m = &ctx.matrix;
    // Each boundary a table region is drawn on: by name (spellings
    // folded), else where the region's events lie.
    let mut on: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let keys: std::collections::HashMap<String, usize> = areas_all
        .iter()
        .enumerate()
        .map(|(i, a)| (match_key(&a.name), i))
        .collect();
    let mut unplaced = Vec::new();
    for (r, name) in m.regions.iter().enumerate() {
        match keys.get(&match_key(name.split(" (").next().unwrap_or(name))) {
            Some(&b) if !on.contains_key(&b) => {
                on.insert(b, r);
            }
            _ => unplaced.push(r),
        }
    }
    // Why a region is not on the map, in words.
    let mut why: Vec<(usize, String)> = Vec::new();
    // "(unknown)" has no place to be drawn, whatever its coordinates.
    let (unknown, unplaced): (Vec<usize>, Vec<usize>) = unplaced
        .into_iter()
        .partition(|&r| m.regions[r].starts_with('('));
    for r in unknown {
        why.push((
            r,
            l!(
                ctx.lang,
                "no region is given for these events",
                "aucune région n'est indiquée pour ces événements"
            )
            .to_string(),
        ));
    }
    for (r, placed) in place_by_events(ctx, &unplaced) {
        match placed {
            Placed::On(b) => match on.get(&b) {
                None => {
                    on.insert(b, r);
                }
                Some(&other) => why.push((
                    r,
                    lf!(
                        ctx.lang,
                        "its events lie in the area drawn for {}",
                        "ses événements se situent dans la zone dessinée pour {}",
                        m.regions[other]
                    ),
                )),
            },
            Placed::NoLocatedEvents => {
                why.push((
                    r,
                    l!(
                        ctx.lang,
                        "no boundary of that name, and no event with coordinates",
                        "aucune limite de ce nom, et aucun événement avec des coordonnées"
                    )
                    .to_string(),
                ));
            }
            Placed::Spread => why.push((
                r,
                l!(
                    ctx.lang,
                    "no boundary of that name, and its events are spread over several",
                    "aucune limite de ce nom, et ses événements sont répartis sur plusieurs"
                )
                .to_string(),
            )),
        }
    }
    (on, why)
}

fn map_figure(ctx: &Ctx, totals: &[Cell]) -> Option<Block> {
    let m = &ctx.matrix;
    let areas_all = bundled();
    let (on, why) = place_regions(ctx, areas_all);
    let mut areas: Vec<MapArea> = Vec::new();
    let mut bbox = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    for (b, a) in areas_all.iter().enumerate() {
        if let Some(&r) = on.get(&b) {
            bbox = [
                bbox[0].min(a.bbox[0]),
                bbox[1].min(a.bbox[1]),
                bbox[2].max(a.bbox[2]),
                bbox[3].max(a.bbox[3]),
            ];
            // Named as the tables name it.
            areas.push(MapArea {
                name: region_label(&m.regions[r], ctx.lang),
                rings: a.rings.clone(),
                cell: totals.get(r).cloned().unwrap_or(Cell::Empty),
                neighbour: false,
            });
        }
    }
    if areas.is_empty() {
        return None;
    }
    // Neighbouring boundaries inside the frame, uncoloured: the drawn
    // countries' other regions grey (no harm recorded), other countries
    // white.
    let countries: std::collections::HashSet<usize> =
        on.keys().map(|&b| areas_all[b].country).collect();
    for (b, a) in areas_all.iter().enumerate() {
        if on.contains_key(&b) {
            continue;
        }
        let c = [(a.bbox[0] + a.bbox[2]) / 2.0, (a.bbox[1] + a.bbox[3]) / 2.0];
        if c[0] >= bbox[0] && c[0] <= bbox[2] && c[1] >= bbox[1] && c[1] <= bbox[3] {
            areas.insert(
                0,
                MapArea {
                    name: a.name.clone(),
                    rings: a.rings.clone(),
                    cell: Cell::Empty,
                    neighbour: !countries.contains(&a.country),
                },
            );
        }
    }
    let matched = areas.iter().filter(|a| a.cell != Cell::Empty).count();
    let mut alt = lf!(
        ctx.lang,
        "{matched} of {} regions with civilian harm shown on the bundled admin-1 boundaries.",
        "{matched} des {} régions ayant connu des atteintes aux civils figurent sur les limites admin 1 fournies.",
        m.regions.len()
    );
    let placed: std::collections::HashSet<usize> = on.values().copied().collect();
    // Every region not drawn, by name, with the reason.
    let missing: Vec<String> = (0..m.regions.len())
        .filter(|r| !placed.contains(r))
        .map(|r| {
            let reason = why.iter().find(|(x, _)| *x == r).map_or(
                l!(
                    ctx.lang,
                    "another region of that name is drawn",
                    "une autre région de ce nom est dessinée"
                ),
                |(_, w)| w.as_str(),
            );
            format!("{} ({reason})", region_label(&m.regions[r], ctx.lang))
        })
        .collect();
    if !missing.is_empty() {
        alt.push_str(&lf!(
            ctx.lang,
            " Not on the map: {}. Two names for one region can be merged (Actors view, region names).",
            " Absentes de la carte : {}. Deux noms d'une même région peuvent être fusionnés (vue Acteurs, noms de régions).",
            missing.join(crate::i18n::list_sep(ctx.lang))
        ));
    }
    Some(Block::Figure(Figure {
        id: "map".into(),
        caption: l!(
            ctx.lang,
            "Civilian-harm events by region in the period",
            "Événements portant atteinte aux civils par région sur la période"
        )
        .into(),
        alt,
        figures: Vec::new(),
        chart: Chart::Map {
            areas,
            lang: ctx.lang,
        },
    }))
}
