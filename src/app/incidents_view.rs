//! The incidents behind a selection, in a virtualised table (only the
//! visible rows are laid out, so a million rows scroll smoothly), sortable by
//! column, with a detail pane showing every field of the source record.

use super::ViewCtx;
use super::commands::AppCommand;
use super::i18n::{tr, tr_args};
use super::labels::lbl;
use super::session::Selection;
use crate::analysis::workspace::RowRef;
use crate::model::dates::iso;
use egui_extras::{Column, TableBuilder};

/// What a sorted list was made for: selection, data generation, sort, filter.
type SortKey = (
    Selection,
    u64,
    Option<(usize, bool)>,
    crate::analysis::Filter,
);

/// View state: sort column and direction, and the list it applies to.
#[derive(Default)]
pub struct IncidentsState {
    sort: Option<(usize, bool)>,
    sorted: Vec<RowRef>,
    sorted_for: Option<SortKey>,
}

const COLUMNS: [&str; 7] = [
    "incidents.date",
    "incidents.type",
    "incidents.actor",
    "incidents.region",
    "incidents.event",
    "incidents.fatalities",
    "incidents.source",
];

/// Draws the view.
pub fn incidents_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    state: &mut IncidentsState,
    cmds: &mut Vec<AppCommand>,
) {
    sort_rows(ctx, state);
    heading_ui(ui, ctx.selection, state.sorted.len(), cmds);
    egui::Panel::right("incident-detail")
        .resizable(true)
        .default_size(360.0)
        .show(ui, |ui| detail_ui(ui, ctx, cmds));
    egui::ScrollArea::horizontal()
        .id_salt("incidents-h")
        .show(ui, |ui| table_ui(ui, ctx, state, cmds));
}

/// Sorts the selection's incidents when the selection, data, filter or
/// sort changed.
fn sort_rows(ctx: &ViewCtx<'_>, state: &mut IncidentsState) {
    let sel = ctx.selection.clone();
    let level = ctx.filter.level;
    let key = (sel, ctx.generation, state.sort, ctx.filter.clone());
    let stale = state.sorted_for.as_ref() != Some(&key);
    let fresh: Option<Vec<RowRef>> = stale.then(|| ctx.incidents.to_vec());
    let ws = ctx.ws;
    if let Some(rows) = fresh {
        let mut sorted = rows;
        if let Some((col, desc)) = state.sort {
            let regions = ws.regions(level);
            sorted.sort_by(|&a, &b| {
                let (da, db) = (&ws.datasets[a.0].incidents, &ws.datasets[b.0].incidents);
                let o = match col {
                    0 => da.date[a.1].cmp(&db.date[b.1]),
                    1 => ws.perpetrator_of(a).cmp(&ws.perpetrator_of(b)),
                    2 => da.names.get(da.actor[a.1]).cmp(db.names.get(db.actor[b.1])),
                    3 => regions.names[regions.of_row[a.0][a.1] as usize]
                        .cmp(&regions.names[regions.of_row[b.0][b.1] as usize]),
                    4 => da
                        .names
                        .get(da.event_type[a.1])
                        .cmp(db.names.get(db.event_type[b.1])),
                    5 => da.civilian_fatalities[a.1].cmp(&db.civilian_fatalities[b.1]),
                    _ => a.cmp(&b),
                };
                if desc { o.reverse() } else { o }
            });
        }
        state.sorted = sorted;
        state.sorted_for = Some(key);
    }
}

fn heading_ui(ui: &mut egui::Ui, sel: &Selection, n: usize, commands: &mut Vec<AppCommand>) {
    ui.horizontal_wrapped(|ui| {
        let what = match (&sel.perpetrator, &sel.region) {
            (Some(p), Some(r)) => format!("{} × {r}", lbl(*p)),
            (Some(p), None) => lbl(*p).to_string(),
            (None, Some(r)) => r.clone(),
            (None, None) => tr("incidents.all").to_string(),
        };
        ui.strong(tr_args(
            "incidents.heading",
            &[("n", &n.to_string()), ("what", &what)],
        ));
        if *sel != Selection::default() && ui.button(tr("incidents.all")).clicked() {
            commands.push(AppCommand::ShowIncidents(Selection::default()));
        }
        if let (Some(p), Some(r)) = (sel.perpetrator, &sel.region)
            && ui.button(tr("register.add_cell")).clicked()
        {
            commands.push(AppCommand::NewEntry {
                perpetrator: p,
                region: r.clone(),
            });
        }
    });
}

/// The other sources' records of the selected event (METHODOLOGY §8).
fn also_recorded_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, r: RowRef, cmds: &mut Vec<AppCommand>) {
    let ws = ctx.ws;
    let others = ws.matches.others(r);
    if others.is_empty() {
        return;
    }
    let counted = ws
        .counted
        .get(r.0)
        .and_then(|c| c.get(r.1))
        .copied()
        .unwrap_or(true);
    ui.separator();
    ui.strong(if counted {
        tr("incidents.matched_counted")
    } else {
        tr("incidents.matched_not_counted")
    });
    for o in others {
        let d = &ws.datasets[o.0];
        let inc = &d.incidents;
        let source = match d.meta.format {
            crate::model::SourceFormat::Acled => "ACLED".to_string(),
            crate::model::SourceFormat::Ucdp => "UCDP".to_string(),
            _ => d.meta.display_name(),
        };
        let id = inc.event_id.get(o.1);
        let text = tr_args(
            "incidents.also_recorded",
            &[
                ("source", &source),
                ("id", if id.is_empty() { "–" } else { id }),
                ("date", &iso(inc.date[o.1])),
                ("fatalities", &inc.civilian_fatalities[o.1].to_string()),
                ("who", lbl(ws.perpetrator_of(o))),
            ],
        );
        if ui
            .link(text)
            .on_hover_text(tr("incidents.also_recorded_tip"))
            .clicked()
        {
            cmds.push(AppCommand::SelectIncident(o));
        }
    }
}

fn detail_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, cmds: &mut Vec<AppCommand>) {
    let ws = ctx.ws;
    ui.heading(tr("incidents.detail"));
    egui::ScrollArea::vertical().show(ui, |ui| match (ctx.detail, ctx.selected_incident) {
        (Some(Ok(fields)), Some(r)) => {
            let inc = &ws.datasets[r.0].incidents;
            ui.label(format!(
                "{} · {} · {}",
                iso(inc.date[r.1]),
                lbl(ws.perpetrator_of(r)),
                ws.datasets[r.0]
                    .meta
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default()
            ));
            also_recorded_ui(ui, ctx, r, cmds);
            ui.separator();
            ui.strong(tr("incidents.source_fields"));
            egui::Grid::new("detail")
                .striped(true)
                .num_columns(2)
                .show(ui, |ui| {
                    for (k, v) in fields {
                        ui.label(k);
                        ui.add(egui::Label::new(v).wrap());
                        ui.end_row();
                    }
                });
        }
        (Some(Err(e)), _) => {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        _ => {
            ui.label(tr("incidents.select"));
        }
    });
}

fn table_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    state: &mut IncidentsState,
    commands: &mut Vec<AppCommand>,
) {
    let ws = ctx.ws;
    let selected = ctx.selected_incident;
    let regions = ws.regions(ctx.filter.level);
    let text_height = egui::TextStyle::Body.resolve(ui.style()).size + 6.0;
    let mut sort_click = None;
    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
    TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .column(Column::auto().at_least(90.0))
        .column(Column::initial(190.0).clip(true))
        .column(Column::initial(220.0).clip(true))
        .column(Column::initial(160.0).clip(true))
        .column(Column::initial(160.0).clip(true))
        .column(Column::auto().at_least(70.0))
        .column(Column::initial(200.0).clip(true))
        .header(text_height + 4.0, |mut header| {
            for (i, key) in COLUMNS.iter().enumerate() {
                header.col(|ui| {
                    let arrow = match state.sort {
                        Some((c, d)) if c == i => {
                            if d {
                                " ▼"
                            } else {
                                " ▲"
                            }
                        }
                        _ => "",
                    };
                    let b = ui.button(format!("{}{arrow}", tr(key)));
                    if i == 0 {
                        super::focus::mark(ui, super::focus::Anchor::View, &b);
                    }
                    if b.clicked() {
                        sort_click = Some(i);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(text_height, state.sorted.len(), |mut row| {
                let r = state.sorted[row.index()];
                let d = &ws.datasets[r.0];
                let inc = &d.incidents;
                row.set_selected(selected == Some(r));
                row.col(|ui| {
                    ui.label(iso(inc.date[r.1]));
                });
                row.col(|ui| {
                    ui.label(lbl(ws.perpetrator_of(r)));
                });
                row.col(|ui| {
                    ui.label(inc.names.get(inc.actor[r.1]));
                });
                row.col(|ui| {
                    ui.label(crate::model::region::region_label(
                        &regions.names[regions.of_row[r.0][r.1] as usize],
                        super::i18n::language(),
                    ));
                });
                row.col(|ui| {
                    let sub = inc.names.get(inc.sub_event_type[r.1]);
                    let et = inc.names.get(inc.event_type[r.1]);
                    ui.label(if sub.is_empty() {
                        et.to_string()
                    } else {
                        format!("{et}: {sub}")
                    });
                });
                row.col(|ui| {
                    ui.label(if inc.fatalities_unknown[r.1] {
                        "?".to_string()
                    } else {
                        inc.civilian_fatalities[r.1].to_string()
                    });
                });
                row.col(|ui| {
                    ui.label(format!(
                        "{}:{}",
                        d.meta
                            .path
                            .file_name()
                            .map(|n| n.to_string_lossy())
                            .unwrap_or_default(),
                        inc.line[r.1]
                    ));
                });
                if row.response().clicked() {
                    commands.push(AppCommand::SelectIncident(r));
                }
            });
        });
    if let Some(i) = sort_click {
        state.sort = match state.sort {
            Some((c, d)) if c == i => Some((c, !d)),
            _ => Some((i, i == 5)),
        };
    }
}
