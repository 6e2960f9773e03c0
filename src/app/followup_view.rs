//! Footprint, benchmarks and back-test: civilian harm around each base
//! before and after closure, benchmark statuses with a small trend chart,
//! and what happened after the as-of date against what the register said.

use super::WorkbenchApp;
use super::i18n::tr;
use egui_plot::{Line, Plot, PlotPoints};

/// Draws the view.
pub fn followup_ui(app: &mut WorkbenchApp, ui: &mut egui::Ui) {
    let generation = app.session.data_generation;
    let Some(doc) = app.doc.as_mut() else {
        ui.label(tr("register.none"));
        return;
    };
    let r = doc.review(&app.session.workspace, generation).clone();
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading(tr("followup.bases"));
        ui.label(egui::RichText::new(tr("followup.bases_hint")).small());
        egui::Grid::new("bases").striped(true).show(ui, |ui| {
            for h in [
                "followup.base",
                "matrix.region",
                "followup.closed",
                "followup.before",
                "followup.after",
                "",
            ] {
                ui.strong(tr(h));
            }
            ui.end_row();
            for b in &r.bases {
                ui.label(&b.name);
                ui.label(&b.region);
                ui.label(b.closed.map_or("–".to_string(), |d| d.to_string()));
                ui.label(b.before.to_string());
                ui.label(format!(
                    "{}{}",
                    b.after,
                    if b.after_complete { "" } else { " (partial)" }
                ));
                if b.cliff {
                    ui.colored_label(ui.visuals().warn_fg_color, "⚑ security cliff");
                } else {
                    ui.label("");
                }
                ui.end_row();
            }
        });
        ui.separator();
        ui.heading(tr("followup.benchmarks"));
        for (i, b) in r.benchmarks.iter().enumerate() {
            let later = r.benchmarks_latest.iter().find(|l| l.name == b.name);
            ui.group(|ui| {
                ui.strong(format!(
                    "{} [{}]",
                    b.name,
                    if b.core { "core" } else { "contextual" }
                ));
                ui.label(format!(
                    "At {}: {} ({:?} {}) → {:?}{} · monitored by {}",
                    b.at,
                    b.value,
                    b.direction,
                    b.threshold,
                    b.status,
                    later.map_or(String::new(), |l| format!(
                        "; at {}: {} → {:?}",
                        l.at, l.value, l.status
                    )),
                    if b.monitor.is_empty() {
                        "–"
                    } else {
                        &b.monitor
                    }
                ));
                let series = later.unwrap_or(b);
                let pts: PlotPoints = series
                    .monthly
                    .iter()
                    .enumerate()
                    .map(|(k, v)| [k as f64, *v as f64])
                    .collect();
                Plot::new(("benchmark", i))
                    .height(70.0)
                    .show_axes([false, true])
                    .allow_drag(false)
                    .allow_zoom(false)
                    .allow_scroll(false)
                    .show(ui, |p| p.line(Line::new(tr("followup.monthly"), pts)));
            });
        }
        ui.separator();
        ui.heading(tr("followup.backtest"));
        ui.label(egui::RichText::new(tr("followup.backtest_hint")).small());
        egui::Grid::new("backtest").striped(true).show(ui, |ui| {
            for h in [
                "#",
                "register.threat",
                "followup.predicted",
                "followup.m6",
                "followup.m12",
                "followup.m24",
                "followup.verdict",
            ] {
                ui.strong(tr(h));
            }
            ui.end_row();
            for t in &r.backtest {
                ui.label(t.id.to_string());
                ui.label(format!(
                    "{} — {}",
                    t.perpetrator.label(),
                    t.regions.join(", ")
                ));
                ui.label(format!("L{}", t.predicted_likelihood));
                for w in &t.windows {
                    ui.label(format!(
                        "{} ev · {} fat · L{}{}",
                        w.1,
                        w.2,
                        w.3,
                        if w.4 { "" } else { " (partial)" }
                    ));
                }
                ui.strong(&t.verdict);
                ui.end_row();
            }
        });
    });
}
