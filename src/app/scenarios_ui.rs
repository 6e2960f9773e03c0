//! Drawdown scenarios in the footprint view (METHODOLOGY §10): several
//! closure schedules beside the footprint's own plan — new from the plan,
//! copied, shifted by months, a base's date changed or marked as staying —
//! each change one undoable `Edit::SetScenarios`; and the comparison, one
//! column per scenario and one row per quarter after the as-of date.

use super::commands::AppCommand;
use super::i18n::{date, num, tr, tr_args};
use super::view_ctx::ViewCtx;
use crate::assessment::Assessment;
use crate::assessment::edit::Edit;
use crate::assessment::scenarios::{Closure, Comparison, Scenario, compare};

fn push(cmds: &mut Vec<AppCommand>, v: Vec<Scenario>) {
    cmds.push(AppCommand::EditDoc(Edit::SetScenarios(v)));
}

/// The scenarios and their comparison.
pub(super) fn scenarios_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    a: &Assessment,
    cmds: &mut Vec<AppCommand>,
) {
    ui.heading(tr("scenarios.heading"));
    ui.label(egui::RichText::new(tr("scenarios.hint")).small());
    if a.footprint.is_empty() {
        ui.label(tr("scenarios.no_bases"));
        return;
    }
    if ui.button(tr("scenarios.new")).clicked() {
        let mut v = a.scenarios.clone();
        let name = tr_args("scenarios.name_n", &[("n", &(v.len() + 1).to_string())]);
        v.push(Scenario::current("").shifted(&name, &a.footprint, 0));
        push(cmds, v);
    }
    for (i, s) in a.scenarios.iter().enumerate() {
        egui::CollapsingHeader::new(s.name.clone())
            .id_salt(("scenario", i))
            .default_open(true)
            .show(ui, |ui| scenario_ui(ui, a, i, s, cmds));
    }
    if !a.scenarios.is_empty() {
        ui.add_space(6.0);
        comparison_ui(ui, ctx, a);
    }
}

fn scenario_ui(
    ui: &mut egui::Ui,
    a: &Assessment,
    i: usize,
    s: &Scenario,
    cmds: &mut Vec<AppCommand>,
) {
    ui.horizontal(|ui| {
        if ui.button(tr("scenarios.copy")).clicked() {
            let mut v = a.scenarios.clone();
            let mut c = s.clone();
            c.name = tr_args("scenarios.copy_of", &[("name", &s.name)]);
            v.insert(i + 1, c);
            push(cmds, v);
        }
        let key = egui::Id::unique(("scenario-shift", i));
        let mut months: i32 = ui.data(|d| d.get_temp(key)).unwrap_or(3);
        let label = ui.label(tr("scenarios.shift_by"));
        ui.add(egui::DragValue::new(&mut months).range(-60..=60))
            .labelled_by(label.id);
        ui.data_mut(|d| d.insert_temp(key, months));
        let shift = ui.button(tr("scenarios.shift"));
        let name = tr_args("scenarios.shift_of", &[("name", &s.name)]);
        shift.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
        if shift.clicked() && months != 0 {
            let mut v = a.scenarios.clone();
            v[i] = s.shifted(&s.name, &a.footprint, months);
            push(cmds, v);
        }
        if ui.button(tr("register.remove")).clicked() {
            let mut v = a.scenarios.clone();
            v.remove(i);
            push(cmds, v);
        }
    });
    egui::Grid::new(("scenario-bases", i))
        .striped(true)
        .show(ui, |ui| {
            ui.strong(tr("followup.base"));
            ui.strong(tr("scenarios.plan"));
            ui.strong(tr("scenarios.this"));
            ui.strong(tr("scenarios.stays"));
            ui.end_row();
            for b in &a.footprint {
                ui.label(&b.name);
                ui.label(
                    b.closed
                        .map_or_else(|| tr("scenarios.open").to_string(), date),
                );
                let current = s.closure_of(b);
                ui.label(
                    current.map_or_else(|| tr("scenarios.open").to_string(), |d| d.to_string()),
                );
                let mut stays = current.is_none();
                let check = ui.checkbox(&mut stays, "");
                let name = tr_args(
                    "scenarios.stays_of",
                    &[("base", &b.name), ("name", &s.name)],
                );
                check.widget_info(|| {
                    egui::WidgetInfo::selected(egui::Role::CheckBox, true, stays, &name)
                });
                if check.changed() {
                    let mut v = a.scenarios.clone();
                    let c = if stays {
                        Closure::Stays
                    } else {
                        Closure::On(b.closed.unwrap_or(a.meta.as_of))
                    };
                    v[i].closures.insert(b.name.clone(), c);
                    push(cmds, v);
                }
                ui.end_row();
            }
        });
}

/// One column per scenario (the footprint's plan first), one row per
/// quarter after the as-of date; computed once per change.
fn comparison_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, a: &Assessment) {
    ui.strong(tr("scenarios.compare"));
    ui.label(egui::RichText::new(tr("scenarios.compare_hint")).small());
    type Cached = (u64, u64, Comparison);
    let id = egui::Id::unique("scenario-comparison");
    let version = ctx.doc.map_or(0, super::document::DocState::version);
    let cached: Option<Cached> = ui.data(|d| d.get_temp(id));
    let c = match cached {
        Some((g, v, c)) if g == ctx.generation && v == version => c,
        _ => {
            let c = compare(a, ctx.ws, tr("scenarios.current"), 8);
            ui.data_mut(|d| d.insert_temp(id, (ctx.generation, version, c.clone())));
            c
        }
    };
    egui::Grid::new("scenario-comparison-grid")
        .striped(true)
        .min_col_width(70.0)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            ui.strong(tr("scenarios.quarter"));
            for name in &c.scenarios {
                ui.strong(name);
            }
            ui.end_row();
            for q in &c.quarters {
                ui.label(&q.quarter);
                for f in &q.scenarios {
                    ui.vertical(|ui| {
                        ui.set_min_width(260.0);
                        ui.set_max_width(320.0);
                        ui.label(tr_args("scenarios.open_n", &[("n", &f.open.to_string())]));
                        if !f.closing.is_empty() {
                            ui.label(tr_args(
                                "scenarios.closing",
                                &[
                                    ("bases", &f.closing.join(", ")),
                                    ("harm", &num(f.harm_near_closing)),
                                ],
                            ));
                        }
                        if !f.gap_regions.is_empty() {
                            ui.colored_label(
                                ui.visuals().warn_fg_color,
                                tr_args("scenarios.gap", &[("regions", &f.gap_regions.join(", "))]),
                            );
                        }
                    });
                }
                ui.end_row();
            }
        });
}
