//! The human rights due diligence screen (METHODOLOGY §9): one row per state
//! security actor with what the data hold over the 24 months to the as-of
//! date and the suggested risk; the analyst records the risk, mitigating
//! measures and the supporting UN entity (each change one undoable edit).

use super::ViewCtx;
use super::commands::AppCommand;
use super::i18n::{tr, tr_args};
use super::labels::lbl;
use crate::analysis::hrddp::{ActorScreen, HrddpRisk, screen};
use crate::assessment::HrddpRecord;
use crate::assessment::edit::Edit;
use std::collections::HashMap;

/// The view's own state: the screen, cached, and text being typed.
#[derive(Default)]
pub struct HrddpState {
    rows: Vec<ActorScreen>,
    rows_for: Option<(u64, chrono::NaiveDate)>,
    /// Per actor: (mitigation, supporting entity) as typed, until the field
    /// loses focus.
    typing: HashMap<String, (String, String)>,
}

/// Draws the view.
pub fn hrddp_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    state: &mut HrddpState,
    cmds: &mut Vec<AppCommand>,
) {
    let as_of = ctx
        .as_of
        .or_else(|| {
            ctx.ws
                .latest_date()
                .and_then(crate::model::dates::from_day_number)
        })
        .unwrap_or_default();
    if state.rows_for != Some((ctx.generation, as_of)) {
        state.rows = screen(ctx.ws, as_of);
        state.rows_for = Some((ctx.generation, as_of));
    }
    ui.heading(tr("hrddp.heading"));
    ui.label(tr_args("hrddp.intro", &[("as_of", &as_of.to_string())]));
    let doc = ctx.doc.map(super::document::DocState::assessment);
    if doc.is_none() {
        ui.colored_label(ui.visuals().warn_fg_color, tr("hrddp.no_doc"));
    }
    if state.rows.is_empty() {
        ui.label(tr("hrddp.none"));
        return;
    }
    egui::ScrollArea::both().show(ui, |ui| {
        egui::Grid::new("hrddp-grid")
            .striped(true)
            .num_columns(8)
            .min_col_width(60.0)
            .show(ui, |ui| {
                // The decision first, so it shows on a projector's width;
                // the evidence follows (the grid scrolls sideways).
                for key in [
                    "hrddp.actor",
                    "hrddp.suggested",
                    "hrddp.risk",
                    "hrddp.measures",
                    "hrddp.events",
                    "hrddp.violations",
                    "hrddp.regions",
                    "hrddp.latest",
                ] {
                    ui.strong(tr(key));
                }
                ui.end_row();
                for s in &state.rows {
                    row_ui(ui, s, doc, &mut state.typing, cmds);
                    ui.end_row();
                }
            });
    });
}

fn row_ui(
    ui: &mut egui::Ui,
    s: &ActorScreen,
    doc: Option<&crate::assessment::Assessment>,
    typing: &mut HashMap<String, (String, String)>,
    cmds: &mut Vec<AppCommand>,
) {
    let name = if s.actor.is_empty() {
        tr("hrddp.unnamed").to_string()
    } else {
        s.actor.clone()
    };
    ui.scope(|ui| {
        ui.set_min_width(170.0);
        ui.add(egui::Label::new(egui::RichText::new(&name).strong()).wrap());
    });
    ui.label(risk_label(Some(s.suggested)))
        .on_hover_text(tr_args(
            "hrddp.suggested_tip",
            &[("grave", &s.grave_12_months.to_string())],
        ));
    let record = doc.and_then(|a| a.hrddp.iter().find(|r| r.actor == s.actor));
    if doc.is_some() {
        record_ui(ui, s, &name, record, typing, cmds);
    } else {
        ui.label("–");
        ui.label("–");
    }
    ui.label(tr_args(
        "hrddp.counts",
        &[
            ("events", &s.events.to_string()),
            ("fatalities", &s.civilian_fatalities.to_string()),
            ("victims", &s.victims.to_string()),
            ("trend", lbl(s.trend)),
        ],
    ));
    let violations = s
        .violations
        .iter()
        .map(|(t, n)| format!("{} {n}", lbl(*t)))
        .collect::<Vec<_>>()
        .join(", ");
    ui.add(
        egui::Label::new(if violations.is_empty() {
            tr("hrddp.no_violations").to_string()
        } else {
            violations
        })
        .wrap(),
    );
    // Four regions at most on the row; all of them on hover.
    let shown = if s.regions.len() > 4 {
        tr_args(
            "hrddp.regions_more",
            &[
                ("first", &s.regions[..4].join(", ")),
                ("n", &(s.regions.len() - 4).to_string()),
            ],
        )
    } else {
        s.regions.join(", ")
    };
    ui.scope(|ui| {
        ui.set_min_width(200.0);
        ui.add(egui::Label::new(shown).wrap())
            .on_hover_text(s.regions.join(", "));
    });
    ui.label(s.latest.map_or("–".to_string(), |d| d.to_string()));
}

/// The analyst's record of one actor: risk, mitigation, supporting entity.
fn record_ui(
    ui: &mut egui::Ui,
    s: &ActorScreen,
    name: &str,
    record: Option<&HrddpRecord>,
    typing: &mut HashMap<String, (String, String)>,
    cmds: &mut Vec<AppCommand>,
) {
    let current = record.cloned().unwrap_or_else(|| HrddpRecord {
        actor: s.actor.clone(),
        ..Default::default()
    });
    let mut risk = current.risk;
    let combo = egui::ComboBox::from_id_salt(("hrddp-risk", &s.actor))
        .selected_text(risk_label(risk))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut risk, None, risk_label(None));
            for r in HrddpRisk::ALL {
                ui.selectable_value(&mut risk, Some(r), risk_label(Some(r)));
            }
        });
    let label = tr_args("hrddp.risk_of", &[("actor", name)]);
    combo
        .response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &label));
    if risk != current.risk {
        cmds.push(AppCommand::EditDoc(Edit::SetHrddp {
            actor: s.actor.clone(),
            value: Some(HrddpRecord {
                risk,
                ..current.clone()
            }),
        }));
    }
    ui.vertical(|ui| {
        let buf = typing.entry(s.actor.clone()).or_insert_with(|| {
            (
                current.mitigation.clone(),
                current.supporting_entity.clone(),
            )
        });
        let m = ui.add(
            egui::TextEdit::multiline(&mut buf.0)
                .desired_rows(2)
                .desired_width(260.0)
                .hint_text(tr("hrddp.mitigation_hint")),
        );
        let e = ui.add(
            egui::TextEdit::singleline(&mut buf.1)
                .desired_width(260.0)
                .hint_text(tr("hrddp.entity_hint")),
        );
        let done = (m.lost_focus() || e.lost_focus())
            && (buf.0 != current.mitigation || buf.1 != current.supporting_entity);
        if done {
            cmds.push(AppCommand::EditDoc(Edit::SetHrddp {
                actor: s.actor.clone(),
                value: Some(HrddpRecord {
                    mitigation: buf.0.clone(),
                    supporting_entity: buf.1.clone(),
                    ..current.clone()
                }),
            }));
        } else if !m.has_focus() && !e.has_focus() {
            // Undo and redo show through.
            *buf = (
                current.mitigation.clone(),
                current.supporting_entity.clone(),
            );
        }
    });
}

fn risk_label(r: Option<HrddpRisk>) -> &'static str {
    match r {
        None => tr("hrddp.not_recorded"),
        Some(HrddpRisk::Low) => tr("hrddp.low"),
        Some(HrddpRisk::Medium) => tr("hrddp.medium"),
        Some(HrddpRisk::High) => tr("hrddp.high"),
    }
}
