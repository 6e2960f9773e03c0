//! The threat register: one row per threat with the data's suggested scores
//! beside the analyst's, trend, residual flag, successors per tier and the
//! flags the workbench raises; and the flags panel. Every change is an
//! `Edit` sent as a command, so it can be undone.

use super::WorkbenchApp;
use super::commands::AppCommand;
use super::i18n::tr;
use crate::assessment::edit::Edit;
use crate::assessment::{Successor, ThreatEntry, Tier};

const SUCCESSORS: [Successor; 7] = [
    Successor::HostStateAuthorities,
    Successor::HostStateSecurityForces,
    Successor::UnCountryTeam,
    Successor::SpecialPoliticalMission,
    Successor::Ohchr,
    Successor::ProtectionCluster,
    Successor::None,
];

fn score_buttons(
    ui: &mut egui::Ui,
    what: &str,
    id: u32,
    value: Option<u8>,
    suggested: u8,
) -> Option<Option<u8>> {
    let mut out = None;
    ui.horizontal(|ui| {
        for v in 1..=5u8 {
            let chosen = value == Some(v);
            let text = if v == suggested && value.is_none() {
                format!("{v}*")
            } else {
                v.to_string()
            };
            let r = ui.add(egui::Button::selectable(chosen, text));
            r.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!("{what} {v} for entry {id}"),
                )
            });
            if r.on_hover_text(format!("{what} {v} (* = the data's suggestion)"))
                .clicked()
            {
                out = Some(if chosen { None } else { Some(v) });
            }
        }
    });
    out
}

/// Draws the register view.
pub fn register_ui(app: &mut WorkbenchApp, ui: &mut egui::Ui) {
    let generation = app.session.data_generation;
    let mut commands = Vec::new();
    let Some(doc) = app.doc.as_mut() else {
        ui.label(tr("register.none"));
        if ui.button(tr("register.new")).clicked() {
            app.send(AppCommand::NewAssessment);
        }
        return;
    };
    let review = doc.review(&app.session.workspace, generation).clone();
    let app_status = &app.dataset_status;
    let sort = &mut app.register_sort;
    let a = &doc.assessment;
    ui.horizontal(|ui| {
        ui.heading(&a.meta.title);
        if doc.dirty {
            ui.label(egui::RichText::new(tr("register.unsaved")).italics());
        }
    });
    ui.label(format!(
        "{} {} · {} {} · {}",
        tr("register.mission"),
        a.meta.mission,
        tr("register.as_of"),
        a.meta.as_of,
        doc.path
            .as_ref()
            .map_or(tr("register.not_saved").to_string(), |p| p
                .display()
                .to_string())
    ));
    ui.horizontal(|ui| {
        if ui
            .add_enabled(doc.history.can_undo(), egui::Button::new(tr("menu.undo")))
            .clicked()
        {
            commands.push(AppCommand::Undo);
        }
        if ui
            .add_enabled(doc.history.can_redo(), egui::Button::new(tr("menu.redo")))
            .clicked()
        {
            commands.push(AppCommand::Redo);
        }
        if ui.button(tr("register.save")).clicked() {
            commands.push(AppCommand::Save);
        }
    });
    egui::CollapsingHeader::new(format!(
        "{} ({})",
        tr("register.datasets"),
        a.datasets.len()
    ))
    .show(ui, |ui| {
        for (i, d) in a.datasets.iter().enumerate() {
            ui.horizontal(|ui| {
                let status = app_status.get(i).map_or("ok", |s| s.status.as_str());
                ui.label(format!(
                    "{} · {} · SHA-256 {}…",
                    d.path.display(),
                    d.format.key(),
                    d.sha256.get(..12).unwrap_or("")
                ));
                if status != "ok" {
                    ui.colored_label(ui.visuals().error_fg_color, status);
                }
                if ui.small_button(tr("register.relink")).clicked() {
                    commands.push(AppCommand::RelinkDataset(i));
                }
            });
        }
    });
    ui.label(egui::RichText::new(tr("register.hint")).small());
    ui.separator();
    egui::ScrollArea::both().show(ui, |ui| {
        egui::Grid::new("register").striped(true).spacing([10.0, 6.0]).show(ui, |ui| {
            for (k, h) in ["#", "register.threat", "register.suggested", "register.likelihood", "register.impact", "register.risk", "matrix.trend", "register.residual", "register.successors", "register.flags", ""]
                .into_iter()
                .enumerate()
            {
                let sortable = matches!(k, 0 | 1 | 2 | 5 | 6);
                if sortable {
                    let arrow = if sort.0 == k { if sort.1 { " ▼" } else { " ▲" } } else { "" };
                    if ui.button(format!("{}{arrow}", tr(h))).on_hover_text("Sort by this column").clicked() {
                        *sort = if sort.0 == k { (k, !sort.1) } else { (k, k != 0 && k != 1) };
                    }
                } else {
                    ui.strong(tr(h));
                }
            }
            ui.end_row();
            let mut order: Vec<usize> = (0..a.register.len().min(review.entries.len())).collect();
            order.sort_by(|&x, &y| {
                let (ex, ey) = (&a.register[x], &a.register[y]);
                let (rx, ry) = (&review.entries[x], &review.entries[y]);
                let o = match sort.0 {
                    1 => ex.perpetrator.cmp(&ey.perpetrator),
                    2 => rx.suggested.risk.cmp(&ry.suggested.risk),
                    5 => rx.analyst.risk.cmp(&ry.analyst.risk),
                    6 => rx.trend.cmp(&ry.trend),
                    _ => ex.id.cmp(&ey.id),
                };
                let o = o.then(ex.id.cmp(&ey.id));
                if sort.1 { o.reverse() } else { o }
            });
            for i in order {
                let (e, r) = (&a.register[i], &review.entries[i]);
                let replace = |f: &dyn Fn(&mut ThreatEntry)| {
                    let mut n = e.clone();
                    f(&mut n);
                    AppCommand::EditDoc(Edit::ReplaceEntry(i, n))
                };
                ui.label(e.id.to_string());
                ui.vertical(|ui| {
                    ui.set_min_width(230.0);
                    ui.set_max_width(260.0);
                    ui.label(e.perpetrator.label());
                    ui.label(egui::RichText::new(e.regions.join(", ")).small());
                    // The rationale is edited in a buffer and committed as one edit
                    // when the field loses focus, so undo takes back a whole text.
                    let key = egui::Id::unique(("rationale", e.id));
                    let mut text = ui.data(|d| d.get_temp::<String>(key)).unwrap_or_else(|| e.rationale.clone());
                    let label = ui.label(egui::RichText::new(tr("register.rationale")).small());
                    let resp = ui.add(egui::TextEdit::multiline(&mut text).desired_rows(2).desired_width(240.0)).labelled_by(label.id);
                    if resp.has_focus() {
                        ui.data_mut(|d| d.insert_temp(key, text.clone()));
                    }
                    if resp.lost_focus() {
                        ui.data_mut(|d| d.remove::<String>(key));
                        if text != e.rationale {
                            commands.push(replace(&|n| n.rationale = text.clone()));
                        }
                    }
                    if let Some(c) = clearance_ui(ui, ("rationale-cleared", e.id), e.rationale_cleared) {
                        commands.push(replace(&|n| n.rationale_cleared = c));
                    }
                });
                ui.label(format!("{}×{}={} {}", r.suggested.likelihood, r.suggested.impact, r.suggested.risk, r.suggested.band.label()))
                    .on_hover_text(format!(
                        "METHODOLOGY §4 at {}: {} civilian-harm events and {} civilian fatalities in the last 6 months ({} in the 6 before).",
                        review.as_of, r.recent_events, r.recent_fatalities, r.previous_events
                    ));
                if let Some(v) = score_buttons(ui, "Likelihood", e.id, e.likelihood, r.suggested.likelihood) {
                    commands.push(replace(&|n| n.likelihood = v));
                }
                if let Some(v) = score_buttons(ui, "Impact", e.id, e.impact, r.suggested.impact) {
                    commands.push(replace(&|n| n.impact = v));
                }
                ui.strong(format!("{} {}", r.analyst.risk, r.analyst.band.label()));
                ui.label(format!("{} {}", r.trend.arrow(), r.trend.key()));
                let mut residual = e.residual;
                if ui.checkbox(&mut residual, "").on_hover_text(tr("register.residual_hint")).changed() {
                    commands.push(replace(&|n| n.residual = residual));
                }
                ui.vertical(|ui| {
                    for t in Tier::ALL {
                        let current = e.successors.get(&t).cloned();
                        let label = format!("Tier {t:?} successor for entry {}", e.id);
                        let resp = egui::ComboBox::from_id_salt(("succ", e.id, t))
                            .selected_text(format!("{t:?}: {}", current.as_ref().map_or("–".to_string(), Successor::label)))
                            .width(230.0)
                            .show_ui(ui, |ui| {
                                for s in SUCCESSORS.iter() {
                                    if ui.selectable_label(current.as_ref() == Some(s), s.label()).clicked() {
                                        let s = s.clone();
                                        commands.push(replace(&move |n| {
                                            n.successors.insert(t, s.clone());
                                        }));
                                    }
                                }
                                if ui.selectable_label(current.is_none(), "–").clicked() {
                                    commands.push(replace(&|n| {
                                        n.successors.remove(&t);
                                    }));
                                }
                            });
                        resp.response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &label));
                    }
                });
                let flags = r.flags.names();
                ui.vertical(|ui| {
                    ui.set_min_width(190.0);
                    ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
                    if flags.is_empty() {
                        ui.label("–");
                    }
                    for f in flags {
                        ui.colored_label(ui.visuals().warn_fg_color, format!("⚑ {f}"));
                    }
                    if r.rationale_missing {
                        ui.colored_label(ui.visuals().error_fg_color, tr("register.rationale_missing"));
                    }
                });
                if ui.small_button(tr("register.remove")).clicked() {
                    commands.push(AppCommand::EditDoc(Edit::RemoveEntry(i)));
                }
                ui.end_row();
            }
        });
        ui.separator();
        ui.heading(tr("register.flags_panel"));
        let mut any = false;
        for (e, r) in a.register.iter().zip(&review.entries) {
            for f in r.flags.names() {
                any = true;
                ui.label(format!("⚑ #{} {} ({}): {f} — {}", e.id, e.perpetrator.label(), e.regions.join(", "), flag_explanation(f)));
            }
        }
        if !any {
            ui.label(tr("register.no_flags"));
        }
    });
    for c in commands {
        app.send(c);
    }
}

fn flag_explanation(flag: &str) -> &'static str {
    match flag {
        "no successor" => {
            "a residual High or Very high threat has a tier with nobody to take over (METHODOLOGY §5)"
        }
        "successor is perpetrator" => {
            "host-state security forces are named successor for a threat they perpetrate"
        }
        "security cliff" => {
            "civilian harm within a closed base's radius rose in the 12 months after closure"
        }
        "monitoring gap" => "every base in a region with recent civilian harm closes",
        _ => "",
    }
}

/// The widest sharing level a free text may be printed at (METHODOLOGY §6);
/// returns the new choice when the analyst changes it (one undoable edit).
pub fn clearance_ui(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    current: Option<crate::assessment::SharingLevel>,
) -> Option<Option<crate::assessment::SharingLevel>> {
    use crate::assessment::SharingLevel;
    let name = |c: Option<SharingLevel>| match c {
        None | Some(SharingLevel::Internal) => tr("register.internal_only").to_string(),
        Some(l) => crate::annex::level_key(l).to_string(),
    };
    let mut changed = None;
    ui.horizontal(|ui| {
        let label = ui.label(egui::RichText::new(tr("register.cleared")).small());
        let resp = egui::ComboBox::from_id_salt(id)
            .selected_text(name(current))
            .show_ui(ui, |ui| {
                for c in [
                    None,
                    Some(SharingLevel::UnPartners),
                    Some(SharingLevel::HostGovernment),
                    Some(SharingLevel::Public),
                ] {
                    if ui.selectable_label(current == c, name(c)).clicked() && current != c {
                        changed = Some(c);
                    }
                }
            });
        resp.response
            .labelled_by(label.id)
            .on_hover_text(tr("register.cleared_help"));
    });
    changed
}
