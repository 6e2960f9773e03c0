//! The human rights due diligence section (METHODOLOGY §9): printed at
//! `internal` and `un-partners` only, since it names units. At `internal`
//! it carries what the data hold on each state security actor; at
//! `un-partners` only the analyst's record (risk, mitigating measures,
//! supporting UN entity): its counts, regions and dates would be figures
//! outside the disclosure audit.

use super::build::Ctx;
use super::{Block, Cell, Table};
use crate::analysis::hrddp::screen;
use crate::assessment::SharingLevel;
use crate::{l, lf};

/// The section's blocks; none above `un-partners` or without an assessment.
pub(super) fn hrddp(ctx: &Ctx) -> Vec<Block> {
    let Some(a) = ctx.a else { return Vec::new() };
    if ctx.opts.level > SharingLevel::UnPartners {
        return Vec::new();
    }
    let rows = screen(ctx.ws, ctx.as_of);
    if rows.is_empty() {
        return Vec::new();
    }
    let internal = ctx.opts.level == SharingLevel::Internal;
    let lang = ctx.lang;
    let mut body = Vec::new();
    for s in &rows {
        let rec = a.hrddp.iter().find(|r| r.actor == s.actor);
        let name = if s.actor.is_empty() {
            l!(lang, "(actor not named)", "(acteur non nommé)").to_string()
        } else if ctx.names.find(&s.actor).is_some() {
            // METHODOLOGY §7: names from sexual-violence and child-rights
            // records never leave above internal, this section included.
            l!(
                lang,
                "(a unit named in sexual-violence or child-rights records: name withheld at this sharing level)",
                "(une unité citée dans des fiches de violences sexuelles ou de droits de l'enfant : nom masqué à ce niveau de diffusion)"
            )
            .to_string()
        } else {
            s.actor.clone()
        };
        let mut row = vec![Cell::Text(name)];
        let analyst = rec
            .and_then(|r| r.risk)
            .map_or(l!(lang, "not recorded", "non consigné"), |r| {
                r.label_in(lang)
            });
        if internal {
            let violations = s
                .violations
                .iter()
                .map(|(t, n)| format!("{} {n}", t.label_in(lang)))
                .collect::<Vec<_>>()
                .join(", ");
            row.extend([
                Cell::Text(format!(
                    "{} · {} · {}",
                    ctx.n(s.events),
                    ctx.n(s.civilian_fatalities),
                    ctx.n(s.victims)
                )),
                Cell::Text(if violations.is_empty() {
                    l!(lang, "none recorded", "aucune enregistrée").to_string()
                } else {
                    violations
                }),
                Cell::Text(
                    s.regions
                        .iter()
                        .map(|r| crate::model::region::region_label(r, lang))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                Cell::Text(format!(
                    "{} · {}",
                    s.latest.map_or("–".to_string(), |d| ctx.date(d)),
                    s.trend.label_in(lang)
                )),
                Cell::Text(format!("{} / {analyst}", s.suggested.label_in(lang))),
            ]);
        } else {
            row.push(Cell::Text(analyst.to_string()));
        }
        row.extend([
            Cell::Text(rec.map_or(String::new(), |r| r.mitigation.clone())),
            Cell::Text(rec.map_or(String::new(), |r| r.supporting_entity.clone())),
        ]);
        body.push(row);
    }
    let header = header(lang, internal);
    let intro = intro(ctx, internal);
    vec![
        Block::Paragraph(intro),
        Block::Table(Table::new(
            "hrddp",
            l!(
                lang,
                "Human rights due diligence screen",
                "Examen de diligence voulue en matière de droits de l'homme"
            ),
            &header,
            body,
            Vec::new(),
        )),
    ]
}

/// The table's header at the level.
fn header(lang: crate::i18n::Lang, internal: bool) -> Vec<&'static str> {
    let actor = l!(lang, "State security actor", "Acteur de sécurité de l'État");
    let measures = l!(lang, "Mitigating measures", "Mesures d'atténuation");
    let entity = l!(
        lang,
        "Supporting UN entity",
        "Entité des Nations Unies qui fournit un appui"
    );
    if internal {
        vec![
            actor,
            l!(
                lang,
                "Events · killed · victims (24 months)",
                "Événements · tués · victimes (24 mois)"
            ),
            "Violations",
            l!(lang, "Regions", "Régions"),
            l!(lang, "Latest · trend", "Dernier · tendance"),
            l!(
                lang,
                "Risk: suggested / analyst",
                "Risque : suggéré / selon l'analyste"
            ),
            measures,
            entity,
        ]
    } else {
        vec![
            actor,
            l!(lang, "HRDDP risk", "Risque HRDDP"),
            measures,
            entity,
        ]
    }
}

/// The section's opening paragraph.
fn intro(ctx: &Ctx, internal: bool) -> String {
    let lang = ctx.lang;
    lf!(
        lang,
        "Under the UN Human Rights Due Diligence Policy, support to state security forces needs a risk assessment first. Each actor the data type as state security forces (after the re-classifications listed in the method) is listed with the analyst's risk, the mitigating measures and the UN entity providing support.{} This section names units: it is printed at the internal and UN-partner levels only.",
        "En vertu de la politique de diligence voulue en matière de droits de l'homme (HRDDP), tout appui aux forces de sécurité de l'État exige d'abord une évaluation des risques. Chaque acteur que les données classent parmi les forces de sécurité de l'État (après les reclassements indiqués dans la méthode) figure avec le risque retenu par l'analyste, les mesures d'atténuation et l'entité des Nations Unies qui fournit un appui.{} Cette section désigne nommément des unités ; elle ne figure que dans les versions interne et partenaires des Nations Unies.",
        if internal {
            lf!(
                lang,
                " The figures cover the 24 months to {}; the suggested risk is high with 3 or more events or violations of killing, sexual violence, torture, abduction or recruitment in the last 12 months, medium with any civilian-harm event in the 24 months, else low.",
                " Les chiffres couvrent les 24 mois jusqu'au {} ; le risque suggéré est élevé si au moins trois événements ou violations graves (meurtres, violences sexuelles, torture, enlèvements, recrutement) ont été enregistrés au cours des 12 derniers mois ; moyen si au moins un événement portant atteinte aux civils a été enregistré sur les 24 mois ; faible dans les autres cas.",
                ctx.date(ctx.as_of)
            )
        } else {
            String::new()
        }
    )
}
