//! The incidents behind a selection, in a virtualised table (only the
//! visible rows are laid out, so a million rows scroll smoothly), sortable by
//! column, with a detail pane showing every field of the source record.

use super::WorkbenchApp;
use super::commands::AppCommand;
use super::i18n::tr;
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
pub fn incidents_ui(app: &mut WorkbenchApp, ui: &mut egui::Ui) {
    let sel = app.selection.clone();
    let level = app.session.filter.level;
    let filter = app.session.filter.clone();
    let generation = app.session.data_generation;
    let key = (sel.clone(), generation, app.incidents_state.sort, filter);
    let stale = app.incidents_state.sorted_for.as_ref() != Some(&key);
    let fresh: Option<Vec<RowRef>> = stale.then(|| app.session.incidents(&sel).to_vec());
    let ws = &app.session.workspace;
    let state = &mut app.incidents_state;
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
    let mut commands = Vec::new();
    ui.horizontal(|ui| {
        let what = match (&sel.perpetrator, &sel.region) {
            (Some(p), Some(r)) => format!("{} × {r}", p.label()),
            (Some(p), None) => p.label().to_string(),
            (None, Some(r)) => r.clone(),
            (None, None) => tr("incidents.all").to_string(),
        };
        ui.strong(format!(
            "{} {} civilian-harm incidents: {what}",
            tr("incidents.showing"),
            state.sorted.len()
        ));
        if sel != Selection::default() && ui.button(tr("incidents.all")).clicked() {
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
    let selected = app.selected_incident;
    egui::Panel::right("incident-detail")
        .resizable(true)
        .default_size(360.0)
        .show(ui, |ui| {
            ui.heading(tr("incidents.detail"));
            egui::ScrollArea::vertical().show(ui, |ui| match (&app.detail, selected) {
                (Some(Ok(fields)), Some(r)) => {
                    let inc = &ws.datasets[r.0].incidents;
                    ui.label(format!(
                        "{} · {} · {}",
                        iso(inc.date[r.1]),
                        ws.perpetrator_of(r).label(),
                        ws.datasets[r.0]
                            .meta
                            .path
                            .file_name()
                            .map(|n| n.to_string_lossy())
                            .unwrap_or_default()
                    ));
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
        });
    let regions = ws.regions(level);
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
        .column(Column::remainder().clip(true))
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
                    if ui.button(format!("{}{arrow}", tr(key))).clicked() {
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
                    ui.label(ws.perpetrator_of(r).label());
                });
                row.col(|ui| {
                    ui.label(inc.names.get(inc.actor[r.1]));
                });
                row.col(|ui| {
                    ui.label(&regions.names[regions.of_row[r.0][r.1] as usize]);
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
    for c in commands {
        app.send(c);
    }
}
