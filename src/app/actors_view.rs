//! The actor register (Ctrl+8): every actor name in the data with the type
//! its source gives, its civilian-harm events, and the analyst's
//! re-classification (METHODOLOGY §2: RSF, Wagner / Africa Corps, Dozo and
//! other pro-government militias need one). A re-classification is one
//! undoable edit, with a reason; the events it moves are shown, and one that
//! matches no actor in the data is flagged.

use super::ViewCtx;
use super::commands::AppCommand;
use super::i18n::{tr, tr_args};
use super::labels::lbl;
use crate::assessment::Reclassification;
use crate::assessment::edit::Edit;
use crate::model::PerpetratorType;
use egui_extras::{Column, TableBuilder};
use std::collections::HashMap;

/// One actor of the data.
#[derive(Debug, Clone)]
pub struct ActorRow {
    pub name: String,
    /// The type the source gives most often for this actor.
    pub source_type: PerpetratorType,
    /// Civilian-harm events (repeats across files counted once).
    pub events: u64,
}

/// The view's state: the actor list (rebuilt when the data change) and the search.
#[derive(Default)]
pub struct ActorsState {
    rows: Vec<ActorRow>,
    rows_for: Option<u64>,
    search: String,
    aliases: super::regions_ui::AliasForm,
}

/// Every actor of the workspace, most civilian-harm events first.
pub fn actor_rows(ws: &crate::analysis::Workspace) -> Vec<ActorRow> {
    // Per actor: its types where it is the one blamed (rows the source
    // leaves "not attributable" name an actor that is not the perpetrator:
    // UCDP's battles with civilian deaths), and the civilian-harm events a
    // re-classification would move (the same rows, repeats counted once).
    let unattributed = PerpetratorType::Unattributed as u8;
    let mut by_name: HashMap<&str, ([u64; PerpetratorType::COUNT], u64)> = HashMap::new();
    for (di, d) in ws.datasets.iter().enumerate() {
        let inc = &d.incidents;
        for i in 0..inc.actor.len() {
            let name = inc.names.get(inc.actor[i]);
            if name.is_empty() {
                continue;
            }
            let e = by_name.entry(name).or_default();
            let stored = inc.perpetrator_type[i];
            if let Some(t) = e.0.get_mut(stored as usize) {
                *t += 1;
            }
            if stored != unattributed && inc.civilian_harm[i] && ws.counted[di][i] {
                e.1 += 1;
            }
        }
    }
    let mut rows: Vec<ActorRow> = by_name
        .into_iter()
        .map(|(name, (types, events))| {
            // The type the source gives it as a perpetrator; "not
            // attributable" only for an actor never given another.
            let most = (0..PerpetratorType::COUNT)
                .max_by_key(|&t| {
                    (
                        t != unattributed as usize && types[t] > 0,
                        types[t],
                        std::cmp::Reverse(t),
                    )
                })
                .and_then(PerpetratorType::from_index)
                .unwrap_or(PerpetratorType::Other);
            ActorRow {
                name: name.to_string(),
                source_type: most,
                events,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.events.cmp(&a.events).then_with(|| a.name.cmp(&b.name)));
    rows
}

/// Draws the view.
pub fn actors_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    state: &mut ActorsState,
    cmds: &mut Vec<AppCommand>,
) {
    if state.rows_for != Some(ctx.generation) {
        state.rows = actor_rows(ctx.ws);
        state.rows_for = Some(ctx.generation);
    }
    let Some(doc) = ctx.doc else {
        ui.label(tr("actors.no_assessment"));
        if ui.button(tr("register.new")).clicked() {
            cmds.push(AppCommand::NewAssessment);
        }
        return;
    };
    let a = doc.assessment();
    super::regions_ui::aliases_ui(
        ui,
        &ctx.ws.regions(crate::analysis::RegionLevel::Admin1).names,
        a,
        &mut state.aliases,
        cmds,
    );
    ui.separator();
    ui.label(egui::RichText::new(tr("actors.hint")).small());
    // A re-classification that matches no actor of the data does nothing: say so.
    for r in &a.reclassifications {
        if !state.rows.iter().any(|x| x.name == r.actor) {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                tr_args("actors.matches_nothing", &[("actor", &r.actor)]),
            );
        }
    }
    ui.horizontal(|ui| {
        let l = ui.label(tr("actors.search"));
        let search = ui
            .add(egui::TextEdit::singleline(&mut state.search).desired_width(320.0))
            .labelled_by(l.id);
        super::focus::mark(ui, super::focus::Anchor::View, &search);
    });
    let needle = state.search.to_lowercase();
    let shown: Vec<&ActorRow> = state
        .rows
        .iter()
        .filter(|r| needle.is_empty() || r.name.to_lowercase().contains(&needle))
        .collect();
    ui.label(tr_args("actors.count", &[("n", &shown.len().to_string())]));
    let current: HashMap<&str, &Reclassification> = a
        .reclassifications
        .iter()
        .map(|r| (r.actor.as_str(), r))
        .collect();
    let row_h = egui::TextStyle::Button.resolve(ui.style()).size + 10.0;
    egui::ScrollArea::horizontal()
        .id_salt("actors-h")
        .show(ui, |ui| {
            TableBuilder::new(ui)
                .striped(true)
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::initial(320.0).clip(true))
                .column(Column::initial(220.0).clip(true))
                .column(Column::initial(90.0))
                .column(Column::initial(260.0))
                .column(Column::initial(300.0).clip(true))
                .header(row_h, |mut h| {
                    for key in [
                        "actors.actor",
                        "actors.source_type",
                        "actors.events",
                        "actors.reclassified",
                        "actors.reason",
                    ] {
                        h.col(|ui| {
                            ui.strong(tr(key));
                        });
                    }
                })
                .body(|body| {
                    body.rows(row_h, shown.len(), |mut row| {
                        let r = shown[row.index()];
                        actor_row_ui(&mut row, r, current.get(r.name.as_str()).copied(), cmds);
                    });
                });
        });
}

fn actor_row_ui(
    row: &mut egui_extras::TableRow<'_, '_>,
    r: &ActorRow,
    current: Option<&Reclassification>,
    cmds: &mut Vec<AppCommand>,
) {
    row.col(|ui| {
        ui.label(&r.name);
    });
    row.col(|ui| {
        ui.label(lbl(r.source_type));
    });
    row.col(|ui| {
        ui.label(r.events.to_string());
    });
    let set = |value: Option<Reclassification>| {
        AppCommand::EditDoc(Edit::SetReclassification {
            actor: r.name.clone(),
            value,
            at: None,
        })
    };
    row.col(|ui| {
        let shown = current.map_or("–".to_string(), |c| {
            tr_args(
                "actors.moved",
                &[("type", lbl(c.to)), ("n", &r.events.to_string())],
            )
        });
        let combo = egui::ComboBox::from_id_salt(("reclass", &r.name))
            .selected_text(shown)
            .width(250.0)
            .show_ui(ui, |ui| {
                if ui.selectable_label(current.is_none(), "–").clicked() && current.is_some() {
                    cmds.push(set(None));
                }
                for t in PerpetratorType::ALL {
                    let chosen = current.is_some_and(|c| c.to == t);
                    if ui.selectable_label(chosen, lbl(t)).clicked() && !chosen {
                        cmds.push(set(Some(Reclassification {
                            actor: r.name.clone(),
                            to: t,
                            reason: current.map(|c| c.reason.clone()).unwrap_or_default(),
                            reason_cleared: current.and_then(|c| c.reason_cleared),
                        })));
                    }
                }
            });
        let label = tr_args("actors.reclassify", &[("actor", &r.name)]);
        combo
            .response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &label));
    });
    row.col(|ui| {
        let Some(c) = current else { return };
        let key = egui::Id::unique(("reclass-reason", &r.name));
        let mut text = ui
            .data(|d| d.get_temp::<String>(key))
            .unwrap_or_else(|| c.reason.clone());
        let resp = ui.add(
            egui::TextEdit::singleline(&mut text)
                .hint_text(tr("actors.reason_hint"))
                .desired_width(290.0),
        );
        // Named for screen readers (the column header is not its label).
        let name = tr_args("actors.reason_of", &[("actor", &r.name)]);
        ui.ctx()
            .accesskit_node_builder(resp.id, |b| b.set_label(name));
        if resp.has_focus() {
            ui.data_mut(|d| d.insert_temp(key, text.clone()));
        }
        if resp.lost_focus() {
            ui.data_mut(|d| d.remove::<String>(key));
            if text != c.reason {
                let mut n = c.clone();
                n.reason = text;
                cmds.push(set(Some(n)));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// UCDP names the government as side A of battles with civilian deaths,
    /// which the source leaves "not attributable": the actor register shows
    /// the type it has as a perpetrator (state forces), and counts only the
    /// events a re-classification would move.
    #[test]
    fn an_actor_shows_its_type_as_a_perpetrator() {
        let d = crate::import::import_file(
            &crate::app::sample_path(),
            &crate::import::ImportOptions::default(),
            &crate::import::Progress::default(),
        )
        .expect("the sample reads");
        let ws = crate::analysis::Workspace::new(vec![d]);
        let rows = actor_rows(&ws);
        let gov = rows
            .iter()
            .find(|r| r.name == "Government of Sudan")
            .expect("listed");
        assert_eq!(gov.source_type, PerpetratorType::StateForces);
        let f = crate::analysis::Filter {
            perpetrators: Some([PerpetratorType::StateForces].into()),
            ..Default::default()
        };
        let m = crate::analysis::ThreatMatrix::compute(&ws, &f, None);
        // Every state-forces event of the sample is the government's.
        assert_eq!(gov.events, m.total.events);
    }
}
