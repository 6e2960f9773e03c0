//! Joint workshops in the register (METHODOLOGY §10): the participants
//! (name, entity), each participant's likelihood, impact and comment per
//! entry, the panel's median and range beside the suggestion with
//! contested entries marked, and dissents from the agreed rating. Every
//! change is one undoable edit: the participant list through
//! `Edit::SetParticipants`, an entry's ratings and dissents through the
//! row's one `ReplaceEntry`.

use super::commands::AppCommand;
use super::i18n::{tr, tr_args};
use crate::assessment::edit::Edit;
use crate::assessment::{Assessment, Dissent, Participant, ParticipantRating, Spread, ThreatEntry};

/// A participant as shown: "Name (entity)".
fn who(p: &Participant) -> String {
    if p.entity.trim().is_empty() {
        p.name.clone()
    } else {
        format!("{} ({})", p.name, p.entity)
    }
}

/// A text field kept in the frame's memory until used.
fn draft(ui: &mut egui::Ui, key: &str, hint: &str, width: f32) -> (String, egui::Response) {
    let id = egui::Id::unique(("workshop-draft", key.to_string()));
    let mut text = ui.data(|d| d.get_temp::<String>(id)).unwrap_or_default();
    let resp = ui.add(
        egui::TextEdit::singleline(&mut text)
            .hint_text(hint)
            .desired_width(width),
    );
    ui.data_mut(|d| d.insert_temp(id, text.clone()));
    (text, resp)
}

fn clear_draft(ui: &mut egui::Ui, key: &str) {
    let id = egui::Id::unique(("workshop-draft", key.to_string()));
    ui.data_mut(|d| d.remove::<String>(id));
}

/// The participant list: each with Remove, and a form to add one.
pub(super) fn participants_ui(ui: &mut egui::Ui, a: &Assessment, cmds: &mut Vec<AppCommand>) {
    egui::CollapsingHeader::new(tr_args(
        "workshop.participants",
        &[("n", &a.participants.len().to_string())],
    ))
    .id_salt("workshop-participants")
    .show(ui, |ui| {
        ui.label(egui::RichText::new(tr("workshop.participants_hint")).small());
        for (i, p) in a.participants.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(who(p));
                let remove = ui
                    .small_button(tr("register.remove"))
                    .on_hover_text(tr("workshop.remove_help"));
                remove.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        tr_args("workshop.remove_of", &[("name", &p.name)]),
                    )
                });
                if remove.clicked() {
                    let mut v = a.participants.clone();
                    v.remove(i);
                    cmds.push(AppCommand::EditDoc(Edit::SetParticipants(v)));
                }
            });
        }
        ui.horizontal(|ui| {
            let (name, name_resp) = draft(ui, "name", tr("workshop.name"), 160.0);
            name_resp.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, tr("workshop.name"))
            });
            let (entity, entity_resp) = draft(ui, "entity", tr("workshop.entity"), 200.0);
            entity_resp.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::TextInput, true, tr("workshop.entity"))
            });
            let name = name.trim().to_string();
            let taken = a.participants.iter().any(|p| p.name == name);
            let add = ui.add_enabled(
                !name.is_empty() && !taken,
                egui::Button::new(tr("workshop.add")),
            );
            if add.clicked() {
                let mut v = a.participants.clone();
                v.push(Participant {
                    name,
                    entity: entity.trim().to_string(),
                });
                cmds.push(AppCommand::EditDoc(Edit::SetParticipants(v)));
                clear_draft(ui, "name");
                clear_draft(ui, "entity");
            }
        });
    });
}

/// 1–5 buttons for one participant's score; `Some` = the new value.
fn score_row(ui: &mut egui::Ui, label: &str, value: Option<u8>) -> Option<Option<u8>> {
    let mut out = None;
    ui.horizontal(|ui| {
        for v in 1..=5u8 {
            let chosen = value == Some(v);
            let r = ui.add(egui::Button::selectable(chosen, v.to_string()).small());
            let name = tr_args(
                "workshop.score_of",
                &[("what", label), ("v", &v.to_string())],
            );
            r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
            if r.clicked() {
                out = Some(if chosen { None } else { Some(v) });
            }
        }
    });
    out
}

/// The entry's participants' ratings and dissents, changed in `n`.
pub(super) fn entry_ratings_ui(
    ui: &mut egui::Ui,
    e: &ThreatEntry,
    n: &mut ThreatEntry,
    participants: &[Participant],
) {
    if participants.is_empty() {
        return;
    }
    let rated = e
        .ratings
        .iter()
        .filter(|r| r.likelihood.is_some() || r.impact.is_some())
        .count();
    egui::CollapsingHeader::new(tr_args(
        "workshop.ratings",
        &[
            ("rated", &rated.to_string()),
            ("n", &participants.len().to_string()),
        ],
    ))
    .id_salt(("workshop-ratings", e.id))
    .show(ui, |ui| {
        for p in participants {
            let current = e.rating_of(&p.name).cloned().unwrap_or(ParticipantRating {
                participant: p.name.clone(),
                likelihood: None,
                impact: None,
                comment: String::new(),
            });
            ui.label(egui::RichText::new(who(p)).strong());
            let mut next = current.clone();
            let l = tr_args(
                "workshop.likelihood_by",
                &[("name", &p.name), ("id", &e.id.to_string())],
            );
            if let Some(v) = score_row(ui, &l, current.likelihood) {
                next.likelihood = v;
            }
            let i = tr_args(
                "workshop.impact_by",
                &[("name", &p.name), ("id", &e.id.to_string())],
            );
            if let Some(v) = score_row(ui, &i, current.impact) {
                next.impact = v;
            }
            if next != current {
                set_rating(n, next);
            }
        }
        dissents_ui(ui, e, n, participants);
    });
}

/// Puts a participant's rating in `n` (removing an empty one).
fn set_rating(n: &mut ThreatEntry, r: ParticipantRating) {
    let empty = r.likelihood.is_none() && r.impact.is_none() && r.comment.trim().is_empty();
    match n
        .ratings
        .iter()
        .position(|x| x.participant == r.participant)
    {
        Some(i) if empty => {
            n.ratings.remove(i);
        }
        Some(i) => n.ratings[i] = r,
        None if !empty => n.ratings.push(r),
        None => {}
    }
}

/// The dissents recorded on an entry, and a form to record one.
fn dissents_ui(
    ui: &mut egui::Ui,
    e: &ThreatEntry,
    n: &mut ThreatEntry,
    participants: &[Participant],
) {
    ui.separator();
    ui.label(egui::RichText::new(tr("workshop.dissents")).small());
    for (i, d) in e.dissents.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{}: {}", d.participant, d.reason));
            if ui.small_button(tr("register.remove")).clicked() {
                n.dissents.remove(i.min(n.dissents.len().saturating_sub(1)));
            }
        });
    }
    let key = format!("dissent-who-{}", e.id);
    let id = egui::Id::unique(("workshop-draft", key.clone()));
    let mut chosen: String = ui
        .data(|d| d.get_temp::<String>(id))
        .unwrap_or_else(|| participants[0].name.clone());
    let label = tr_args("workshop.dissent_of", &[("id", &e.id.to_string())]);
    let resp = egui::ComboBox::from_id_salt(("dissent-who", e.id))
        .selected_text(chosen.clone())
        .show_ui(ui, |ui| {
            for p in participants {
                ui.selectable_value(&mut chosen, p.name.clone(), who(p));
            }
        })
        .response;
    resp.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &label));
    ui.data_mut(|d| d.insert_temp(id, chosen.clone()));
    let reason_key = format!("dissent-reason-{}", e.id);
    let (reason, reason_resp) = draft(ui, &reason_key, tr("workshop.reason"), 240.0);
    let reason_label = tr_args("workshop.reason_of", &[("id", &e.id.to_string())]);
    reason_resp
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, &reason_label));
    let record = ui.add_enabled(
        !reason.trim().is_empty(),
        egui::Button::new(tr("workshop.record_dissent")),
    );
    let record_label = tr_args("workshop.record_of", &[("id", &e.id.to_string())]);
    record.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &record_label));
    if record.clicked() {
        n.dissents.push(Dissent {
            participant: chosen,
            reason: reason.trim().to_string(),
        });
        clear_draft(ui, &reason_key);
    }
}

fn spread_text(s: Option<Spread>) -> String {
    Spread::text(s, super::i18n::language())
}

/// The panel line under the suggestion: medians and ranges, and whether
/// the entry is contested.
pub(super) fn panel_ui(ui: &mut egui::Ui, e: &ThreatEntry) {
    let Some(p) = e.panel() else { return };
    let text = tr_args(
        "workshop.panel",
        &[
            ("likelihood", &spread_text(p.likelihood)),
            ("impact", &spread_text(p.impact)),
        ],
    );
    ui.label(egui::RichText::new(text).small())
        .on_hover_text(tr("workshop.panel_help"));
    if p.contested() {
        let marker = ui.colored_label(ui.visuals().warn_fg_color, tr("workshop.contested"));
        let name = tr_args("workshop.contested_of", &[("id", &e.id.to_string())]);
        marker.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &name));
        marker.on_hover_text(tr("workshop.contested_help"));
    }
    if !e.dissents.is_empty() {
        ui.label(
            egui::RichText::new(tr_args(
                "workshop.dissent_count",
                &[("n", &e.dissents.len().to_string())],
            ))
            .small(),
        );
    }
}
