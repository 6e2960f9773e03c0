//! One threat entry's own fields in the register: rationale and its
//! clearance, successors per tier, and the "Tiers, capacity, mitigation,
//! review date, regions" section. The row collects every change of a frame
//! into one copy of the entry (`n`), sent as one edit by `register_view`.

use super::i18n::{tr, tr_args};
use super::labels::lbl;
use super::register_view::clearance_ui;
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

pub(super) fn threat_cell_ui(ui: &mut egui::Ui, e: &ThreatEntry, n: &mut ThreatEntry) {
    ui.set_min_width(230.0);
    ui.set_max_width(260.0);
    ui.label(lbl(e.perpetrator));
    ui.label(egui::RichText::new(e.regions.join(", ")).small());
    if let Some(text) = committed_text(
        ui,
        ("rationale", e.id),
        "register.rationale",
        &e.rationale,
        2,
    ) {
        n.rationale = text;
    }
    if let Some(c) = clearance_ui(ui, ("rationale-cleared", e.id), e.rationale_cleared) {
        n.rationale_cleared = c;
    }
    egui::CollapsingHeader::new(tr("entry.more"))
        .id_salt(("entry-more", e.id))
        .show(ui, |ui| entry_more_ui(ui, e, n));
}

/// A text field edited in a buffer and committed as one edit when it loses
/// the focus (so undo takes back a whole text); `Some` = the new text.
fn committed_text(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    label_key: &'static str,
    current: &str,
    rows: usize,
) -> Option<String> {
    committed_text_labelled(ui, id, tr(label_key), current, rows)
}

/// `committed_text` with a label already written.
fn committed_text_labelled(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    label: &str,
    current: &str,
    rows: usize,
) -> Option<String> {
    let key = egui::Id::unique(id);
    let mut text = ui
        .data(|d| d.get_temp::<String>(key))
        .unwrap_or_else(|| current.to_string());
    let label = ui.label(egui::RichText::new(label).small());
    let edit = if rows > 1 {
        egui::TextEdit::multiline(&mut text).desired_rows(rows)
    } else {
        egui::TextEdit::singleline(&mut text)
    };
    let resp = ui.add(edit.desired_width(240.0)).labelled_by(label.id);
    if resp.has_focus() {
        ui.data_mut(|d| d.insert_temp(key, text.clone()));
    }
    if resp.lost_focus() {
        ui.data_mut(|d| d.remove::<String>(key));
        if text != current {
            return Some(text);
        }
    }
    None
}

/// A date field (YYYY-MM-DD) committed like `committed_text`: `Some(None)`
/// when emptied, `Some(Some(d))` when a date is typed; a date that does not
/// read is said and not applied.
fn committed_date(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    label: &str,
    current: Option<chrono::NaiveDate>,
) -> Option<Option<chrono::NaiveDate>> {
    let shown = current.map(|d| d.to_string()).unwrap_or_default();
    let text = committed_text_labelled(ui, id, label, &shown, 1)?;
    match chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
        Ok(d) => Some(Some(d)),
        Err(_) if text.trim().is_empty() => Some(None),
        Err(_) => {
            ui.colored_label(ui.visuals().error_fg_color, tr("filters.bad_date"));
            None
        }
    }
}

/// Tiers, successor capacity, mitigation, review date and regions.
fn entry_more_ui(ui: &mut egui::Ui, e: &ThreatEntry, n: &mut ThreatEntry) {
    ui.label(egui::RichText::new(tr("entry.tiers")).small());
    ui.horizontal_wrapped(|ui| {
        for t in Tier::ALL {
            let mut on = e.tiers.contains(&t);
            let r = ui.checkbox(&mut on, format!("{t:?}")).on_hover_text(lbl(t));
            r.widget_info(|| {
                egui::WidgetInfo::selected(
                    egui::Role::CheckBox,
                    true,
                    on,
                    tr_args(
                        "entry.tier_of",
                        &[("tier", &format!("{t:?}")), ("id", &e.id.to_string())],
                    ),
                )
            });
            if r.changed() {
                n.tiers.retain(|x| *x != t);
                if on {
                    n.tiers.push(t);
                    n.tiers.sort();
                }
            }
        }
    });
    let capacity_row = |ui: &mut egui::Ui, label: String, current: Option<u8>| {
        let mut out = None;
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(&label).small());
            for v in [None, Some(1u8), Some(2), Some(3), Some(4), Some(5)] {
                let text = v.map_or("–".to_string(), |v| v.to_string());
                let r = ui.selectable_label(current == v, &text);
                r.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        format!("{label} {text} (#{})", e.id),
                    )
                });
                if r.clicked() {
                    out = Some(v);
                }
            }
        });
        out
    };
    if let Some(v) = capacity_row(ui, tr("entry.capacity").to_string(), e.capacity) {
        n.capacity = v;
    }
    // Each engaged tier's successor rated apart.
    for t in &e.tiers {
        let label = tr_args("entry.tier_capacity", &[("tier", &format!("{t:?}"))]);
        if let Some(v) = capacity_row(ui, label, e.tier_capacity.get(t).copied()) {
            match v {
                Some(v) => n.tier_capacity.insert(*t, v),
                None => n.tier_capacity.remove(t),
            };
        }
    }
    // Each engaged tier's planned handover date.
    for t in &e.tiers {
        let label = tr_args("entry.handover", &[("tier", &format!("{t:?}"))]);
        if let Some(d) = committed_date(
            ui,
            ("handover", e.id, *t),
            &label,
            e.handover.get(t).copied(),
        ) {
            match d {
                Some(d) => n.handover.insert(*t, d),
                None => n.handover.remove(t),
            };
        }
    }
    if let Some(text) = committed_text(
        ui,
        ("mitigation", e.id),
        "entry.mitigation",
        &e.mitigation,
        2,
    ) {
        n.mitigation = text;
    }
    if let Some(c) = clearance_ui(ui, ("mitigation-cleared", e.id), e.mitigation_cleared) {
        n.mitigation_cleared = c;
    }
    if let Some(d) = committed_date(ui, ("review", e.id), tr("entry.review"), e.review_date) {
        n.review_date = d;
    }
    let regions = e.regions.join(", ");
    if let Some(text) = committed_text(ui, ("regions", e.id), "entry.regions", &regions, 1) {
        n.regions = text
            .split([',', ';'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
    }
}

pub(super) fn successors_ui(ui: &mut egui::Ui, e: &ThreatEntry, n: &mut ThreatEntry) {
    for t in Tier::ALL {
        let current = e.successors.get(&t).cloned();
        let label = tr_args(
            "register.successor_of",
            &[("tier", &format!("{t:?}")), ("id", &e.id.to_string())],
        );
        let resp = egui::ComboBox::from_id_salt(("succ", e.id, t))
            .selected_text(format!(
                "{t:?}: {}",
                current
                    .as_ref()
                    .map_or("–".to_string(), super::labels::successor)
            ))
            .width(230.0)
            .show_ui(ui, |ui| {
                for s in &SUCCESSORS {
                    if ui
                        .selectable_label(current.as_ref() == Some(s), super::labels::successor(s))
                        .clicked()
                    {
                        n.successors.insert(t, s.clone());
                    }
                }
                if ui.selectable_label(current.is_none(), "–").clicked() {
                    n.successors.remove(&t);
                }
            });
        resp.response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &label));
    }
}
