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
    let mut body = Vec::new();
    for s in &rows {
        let rec = a.hrddp.iter().find(|r| r.actor == s.actor);
        let name = if s.actor.is_empty() {
            "(actor not named)".to_string()
        } else {
            s.actor.clone()
        };
        let mut row = vec![Cell::Text(name)];
        let analyst = rec
            .and_then(|r| r.risk)
            .map_or("not recorded", |r| r.label());
        if internal {
            let violations = s
                .violations
                .iter()
                .map(|(t, n)| format!("{} {n}", t.label()))
                .collect::<Vec<_>>()
                .join(", ");
            row.extend([
                Cell::Text(format!(
                    "{} · {} · {}",
                    s.events, s.civilian_fatalities, s.victims
                )),
                Cell::Text(if violations.is_empty() {
                    "none recorded".to_string()
                } else {
                    violations
                }),
                Cell::Text(s.regions.join(", ")),
                Cell::Text(format!(
                    "{} · {}",
                    s.latest.map_or("–".to_string(), |d| d.to_string()),
                    s.trend.key().replace('_', " ")
                )),
                Cell::Text(format!("{} / {analyst}", s.suggested.label())),
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
    let header: Vec<&str> = if internal {
        vec![
            "State security actor",
            "Events · killed · victims (24 months)",
            "Violations",
            "Regions",
            "Latest · trend",
            "Risk: suggested / analyst",
            "Mitigating measures",
            "Supporting UN entity",
        ]
    } else {
        vec![
            "State security actor",
            "HRDDP risk",
            "Mitigating measures",
            "Supporting UN entity",
        ]
    };
    let intro = format!(
        "Under the UN Human Rights Due Diligence Policy, support to state security forces needs a risk assessment first. Each actor the data type as state security forces (after the re-classifications listed in the method) is listed with the analyst's risk, the mitigating measures and the UN entity providing support.{} This section names units: it is printed at the internal and UN-partner levels only.",
        if internal {
            format!(
                " The figures cover the 24 months to {}; the suggested risk is high with 3 or more events or violations of killing, sexual violence, torture, abduction or recruitment in the last 12 months, medium with any civilian-harm event in the 24 months, else low.",
                ctx.as_of
            )
        } else {
            String::new()
        }
    );
    vec![
        Block::Paragraph(intro),
        Block::Table(Table::new(
            "hrddp",
            "Human rights due diligence screen",
            &header,
            body,
            Vec::new(),
        )),
    ]
}
