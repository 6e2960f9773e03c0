//! The threat matrix as a heat table: one row per region, one column per
//! perpetrator type, with totals, trend arrows and the state-perpetrated
//! share. Sort by any column; hover a cell for how it was computed; click it
//! to list its incidents.

use super::commands::AppCommand;
use super::i18n::{tr, tr_args};
use super::labels::lbl;
use super::session::Selection;
use super::theme::heat;
use super::{Metric, ViewCtx};
use crate::analysis::matrix::{CellCounts, StateShare, ThreatMatrix};
use crate::model::PerpetratorType;
use egui_extras::{Column, TableBuilder};

mod notes;
use notes::{how_computed, monitoring, monitoring_totals_ui};

/// View state: the sort column (None = region name) and direction.
#[derive(Default)]
pub struct MatrixState {
    pub sort: Option<SortKey>,
    pub descending: bool,
}

/// A sortable column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Perpetrator(usize),
    Total,
    Share,
}

fn value(c: &CellCounts, metric: Metric) -> f64 {
    match metric {
        Metric::Events | Metric::StateShare => c.events as f64,
        Metric::Fatalities => c.civilian_fatalities as f64,
        Metric::Violations => c.violations as f64,
        Metric::Victims => c.victims as f64,
    }
}

/// In the share view, a type's share of a region's attributed civilian-harm
/// events (METHODOLOGY §5); `None` for the types that are not attributed
/// (unidentified, crossfire) and for a region with no attributed event.
fn share_of(m: &ThreatMatrix, pi: usize, r: usize) -> Option<f64> {
    let p = m.perpetrators[pi];
    let all = m.state_share[r].attributed_events;
    (p.is_attributed() && all > 0).then(|| m.cells[pi][r].events as f64 / all as f64)
}

/// What a cell shows and is coloured and sorted by: the count, or in the
/// share view the share (0–1).
fn cell_value(m: &ThreatMatrix, metric: Metric, pi: usize, r: usize) -> Option<f64> {
    match metric {
        Metric::StateShare => share_of(m, pi, r),
        _ => Some(value(&m.cells[pi][r], metric)),
    }
}

fn share_text(s: &StateShare) -> String {
    s.events_share().map_or("–".to_string(), super::i18n::pct)
}

/// Draws the view.
pub fn matrix_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    state: &mut MatrixState,
    cmds: &mut Vec<AppCommand>,
) {
    let metric = ctx.metric;
    ui.horizontal_wrapped(|ui| {
        ui.label(tr("matrix.metric"));
        let mut chosen = metric;
        ui.radio_value(&mut chosen, Metric::Events, tr("matrix.events"));
        ui.radio_value(&mut chosen, Metric::Fatalities, tr("matrix.fatalities"));
        ui.radio_value(&mut chosen, Metric::StateShare, tr("matrix.share"));
        if monitoring(ctx) {
            ui.radio_value(&mut chosen, Metric::Violations, tr("matrix.violations"))
                .on_hover_text(tr("matrix.monitoring_only"));
            ui.radio_value(&mut chosen, Metric::Victims, tr("matrix.victims"))
                .on_hover_text(tr("matrix.monitoring_only"));
        }
        if chosen != metric {
            cmds.push(AppCommand::SetMetric(chosen));
        }
    });
    let Some(derived) = ctx.derived else { return };
    let m = &derived.matrix;
    totals_ui(ui, m);
    if monitoring(ctx) {
        monitoring_totals_ui(ui, m, metric);
        notes::by_type_ui(ui, ctx);
    }
    let uncovered = m
        .column_totals
        .iter()
        .filter(|t| t.recent_uncovered || t.previous_uncovered)
        .count();
    if uncovered > 0 {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            tr_args("matrix.no_data_banner", &[("n", &uncovered.to_string())]),
        )
        // The notes are built only while hovered, not every frame.
        .on_hover_ui(|ui| {
            let name = |d: usize| {
                m.dataset_spans
                    .get(d)
                    .map_or_else(String::new, |(n, _)| n.clone())
            };
            ui.label(
                m.coverage_notes_in(super::i18n::language(), &name)
                    .join("\n"),
            );
        });
    }
    if metric == Metric::StateShare {
        ui.label(egui::RichText::new(tr("matrix.share_view_help")).small());
    }
    if m.regions.is_empty() {
        ui.label(tr("matrix.empty"));
        return;
    }
    // Every column stays reachable on a small screen: the table scrolls sideways.
    egui::ScrollArea::horizontal()
        .id_salt("matrix-h")
        .show(ui, |ui| table_ui(ui, m, metric, state, cmds));
}

fn totals_ui(ui: &mut egui::Ui, m: &ThreatMatrix) {
    ui.horizontal_wrapped(|ui| {
        use super::i18n::{lv, num};
        ui.strong(lv(tr("matrix.total_events"), &num(m.total.events)));
        ui.separator();
        ui.strong(lv(
            tr("matrix.total_fatalities"),
            &num(m.total.civilian_fatalities),
        ));
        ui.separator();
        ui.label(lv(tr("matrix.share"), &share_text(&m.state_share_total)));
    });
    ui.label(
        egui::RichText::new(format!(
            "{} {}",
            tr("matrix.legend"),
            tr("matrix.click_hint")
        ))
        .small(),
    );
}

/// The region order under the current sort.
fn row_order(m: &ThreatMatrix, metric: Metric, state: &MatrixState) -> Vec<usize> {
    let mut order: Vec<usize> = (0..m.regions.len()).collect();
    let key_of = |r: usize| -> f64 {
        match state.sort {
            None => 0.0,
            Some(SortKey::Perpetrator(p)) => cell_value(m, metric, p, r).unwrap_or(-1.0),
            Some(SortKey::Total) => value(&m.column_totals[r], metric),
            Some(SortKey::Share) => m.state_share[r].events_share().unwrap_or(-1.0),
        }
    };
    if state.sort.is_some() {
        order.sort_by(|&a, &b| key_of(a).total_cmp(&key_of(b)).then(a.cmp(&b)));
    }
    if state.descending {
        order.reverse();
    }
    order
}

fn header_button(ui: &mut egui::Ui, text: &str, key: Option<SortKey>, state: &mut MatrixState) {
    let arrow = if state.sort == key {
        if state.descending { " ▼" } else { " ▲" }
    } else {
        ""
    };
    if ui
        .button(format!("{text}{arrow}"))
        .on_hover_text(format!("{text}\n{}", tr("matrix.sort_help")))
        .clicked()
    {
        if state.sort == key {
            state.descending = !state.descending;
        } else {
            state.sort = key;
            state.descending = key.is_some();
        }
    }
}

fn table_ui(
    ui: &mut egui::Ui,
    m: &ThreatMatrix,
    metric: Metric,
    state: &mut MatrixState,
    commands: &mut Vec<AppCommand>,
) {
    let order = row_order(m, metric, state);
    let max = if metric == Metric::StateShare {
        1.0
    } else {
        m.cells
            .iter()
            .flat_map(|row| row.iter().map(|c| value(c, metric)))
            .fold(0.0, f64::max)
            .max(1.0)
    };
    let row_h = egui::TextStyle::Button.resolve(ui.style()).size + 10.0;
    let mut table = TableBuilder::new(ui)
        .striped(true)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(190.0).clip(true));
    for _ in &m.perpetrators {
        table = table.column(Column::initial(112.0).clip(true));
    }
    table = table
        .column(Column::initial(80.0))
        .column(Column::initial(90.0).at_least(80.0));
    table
        // Three lines: the perpetrator types' names are long, in French
        // more than in English.
        .header(row_h + 24.0, |mut header| {
            header.col(|ui| header_button(ui, tr("matrix.region"), None, state));
            for (pi, p) in m.perpetrators.iter().enumerate() {
                header.col(|ui| {
                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
                    header_button(ui, lbl(*p), Some(SortKey::Perpetrator(pi)), state);
                });
            }
            header.col(|ui| header_button(ui, tr("matrix.total"), Some(SortKey::Total), state));
            header.col(|ui| header_button(ui, tr("matrix.share"), Some(SortKey::Share), state));
        })
        .body(|body| {
            // Regions in sort order, then one row of totals; only visible rows are laid out.
            body.rows(row_h, order.len() + 1, |mut row| {
                let k = row.index();
                match order.get(k) {
                    Some(&r) => region_row(&mut row, m, metric, (r, k == 0), max, commands),
                    None => totals_row(&mut row, m, metric, commands),
                }
            });
        });
}

fn totals_row(
    row: &mut egui_extras::TableRow<'_, '_>,
    m: &ThreatMatrix,
    metric: Metric,
    commands: &mut Vec<AppCommand>,
) {
    row.col(|ui| {
        ui.strong(tr("matrix.total"));
    });
    for (pi, p) in m.perpetrators.iter().enumerate() {
        row.col(|ui| {
            let t = &m.row_totals[pi];
            if ui
                .button(format!("{} {}", value(t, metric), t.trend().arrow()))
                .on_hover_ui(|ui| {
                    ui.label(how_computed(m, Some(*p), None, t));
                })
                .clicked()
            {
                commands.push(AppCommand::ShowIncidents(Selection {
                    perpetrator: Some(*p),
                    region: None,
                }));
            }
        });
    }
    row.col(|ui| {
        ui.strong(format!("{}", value(&m.total, metric)));
    });
    row.col(|ui| {
        ui.strong(share_text(&m.state_share_total));
    });
}

fn region_row(
    row: &mut egui_extras::TableRow<'_, '_>,
    m: &ThreatMatrix,
    metric: Metric,
    (r, first): (usize, bool),
    max: f64,
    commands: &mut Vec<AppCommand>,
) {
    let region = &m.regions[r];
    row.col(|ui| {
        if ui
            .link(crate::model::region::region_label(
                region,
                super::i18n::language(),
            ))
            .on_hover_text(tr("matrix.click_hint"))
            .clicked()
        {
            commands.push(AppCommand::ShowIncidents(Selection {
                perpetrator: None,
                region: Some(region.clone()),
            }));
        }
    });
    for (pi, p) in m.perpetrators.iter().enumerate() {
        row.col(|ui| {
            let resp = cell_ui(ui, m, metric, (pi, *p), r, max, commands);
            // The first cell is where Ctrl+1 and F6 land.
            if first && pi == 0 {
                super::focus::mark(ui, super::focus::Anchor::View, &resp);
            }
        });
    }
    row.col(|ui| {
        let t = &m.column_totals[r];
        ui.strong(format!("{} {}", value(t, metric), t.trend().arrow()))
            .on_hover_ui(|ui| {
                ui.label(how_computed(m, None, Some(r), t));
            });
    });
    row.col(|ui| {
        let s = &m.state_share[r];
        ui.label(share_text(s)).on_hover_text(tr_args(
            "matrix.share_help",
            &[
                ("state", &s.state_events.to_string()),
                ("attributed", &s.attributed_events.to_string()),
                ("state_fatalities", &s.state_fatalities.to_string()),
                (
                    "attributed_fatalities",
                    &s.attributed_fatalities.to_string(),
                ),
            ],
        ));
    });
}

/// One heat cell: click lists its incidents, right-click adds it to the
/// register, hover says how it was computed.
fn cell_ui(
    ui: &mut egui::Ui,
    m: &ThreatMatrix,
    metric: Metric,
    (pi, p): (usize, PerpetratorType),
    r: usize,
    max: f64,
    commands: &mut Vec<AppCommand>,
) -> egui::Response {
    let region = &m.regions[r];
    let c = &m.cells[pi][r];
    let shown = cell_value(m, metric, pi, r);
    let (fill, text_color) = heat((shown.unwrap_or(0.0) / max) as f32);
    let text = match (metric, shown) {
        _ if c.events == 0 => "·".to_string(),
        (Metric::Violations | Metric::Victims, Some(0.0)) => "·".to_string(),
        (Metric::StateShare, Some(s)) => super::i18n::pct(s),
        (Metric::StateShare, None) => format!("({})", super::i18n::num(c.events)),
        (_, Some(v)) => format!("{} {}", super::i18n::num(v as u64), c.trend().arrow()),
        (_, None) => String::new(),
    };
    let label = format!("{} × {}: {}", lbl(p), region, text);
    let resp = ui.add(
        egui::Button::new(egui::RichText::new(text).color(text_color))
            .fill(fill)
            .min_size(egui::vec2(90.0, 0.0)),
    );
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
    let resp = resp.on_hover_ui(|ui| {
        ui.label(how_computed(m, Some(p), Some(r), c));
    });
    resp.context_menu(|ui| {
        if ui.button(tr("register.add_cell")).clicked() {
            commands.push(AppCommand::NewEntry {
                perpetrator: p,
                region: region.clone(),
            });
            ui.close();
        }
    });
    if resp.clicked() && c.events > 0 {
        commands.push(AppCommand::ShowIncidents(Selection {
            perpetrator: Some(p),
            region: Some(region.clone()),
        }));
    }
    resp
}
