//! The threat register: one row per threat with the data's suggested scores
//! beside the analyst's, trend, residual flag, successors per tier and the
//! flags the workbench raises; and the flags panel. Every change is an
//! `Edit` sent as a command, so it can be undone.

use super::ViewCtx;
use super::commands::{AppCommand, Purpose};
use super::document::DocState;
use super::i18n::{tr, tr_args};
use super::labels::lbl;
use super::register_entry::{successors_ui, threat_cell_ui};
use crate::assessment::ThreatEntry;
use crate::assessment::edit::Edit;
use crate::assessment::review::{DatasetState, DatasetStatus, EntryReview, Flag, Review};

fn score_buttons(
    ui: &mut egui::Ui,
    what: &str,
    id: u32,
    value: Option<u8>,
    suggested: Option<u8>,
) -> Option<Option<u8>> {
    let mut out = None;
    ui.horizontal(|ui| {
        for v in 1..=5u8 {
            let chosen = value == Some(v);
            let text = if Some(v) == suggested && value.is_none() {
                format!("{v}*")
            } else {
                v.to_string()
            };
            let r = ui.add(egui::Button::selectable(chosen, text));
            r.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    tr_args(
                        "register.score_for",
                        &[
                            ("what", what),
                            ("v", &v.to_string()),
                            ("id", &id.to_string()),
                        ],
                    ),
                )
            });
            if r.on_hover_text(tr_args(
                "register.score_help",
                &[("what", what), ("v", &v.to_string())],
            ))
            .clicked()
            {
                out = Some(if chosen { None } else { Some(v) });
            }
        }
    });
    out
}

/// The register's own state: the sort column and direction.
#[derive(Default)]
pub struct RegisterState {
    sort: (usize, bool),
    /// The details form being edited (applied as one `SetMeta` edit).
    details: Option<super::details_view::DetailsDraft>,
}

/// Draws the register view.
pub fn register_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    state: &mut RegisterState,
    commands: &mut Vec<AppCommand>,
) {
    let (Some(doc), Some(review)) = (ctx.doc, ctx.review) else {
        ui.label(tr("register.none"));
        if ui.button(tr("register.new")).clicked() {
            commands.push(AppCommand::NewAssessment);
        }
        return;
    };
    let a = doc.assessment();
    heading_ui(ui, doc, commands);
    super::details_view::details_ui(ui, a, ctx.ws, &mut state.details, commands);
    datasets_ui(ui, a, ctx.dataset_status, commands);
    super::workshop_ui::participants_ui(ui, a, commands);
    ui.label(egui::RichText::new(tr("register.hint")).small());
    ui.separator();
    egui::ScrollArea::both().show(ui, |ui| {
        egui::Grid::new("register")
            .striped(true)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                header_ui(ui, &mut state.sort);
                for i in order(a, review, state.sort) {
                    entry_ui(
                        ui,
                        (i, &a.register[i], &review.entries[i]),
                        &a.participants,
                        review.as_of,
                        commands,
                    );
                    ui.end_row();
                }
            });
        ui.separator();
        flags_panel_ui(ui, a, review);
    });
}

fn heading_ui(ui: &mut egui::Ui, doc: &DocState, commands: &mut Vec<AppCommand>) {
    let a = doc.assessment();
    ui.horizontal_wrapped(|ui| {
        ui.heading(&a.meta.title);
        if doc.is_dirty() {
            ui.label(egui::RichText::new(tr("register.unsaved")).italics());
        }
    });
    let file = match (doc.path(), doc.source_of_copy()) {
        (Some(p), _) => p.display().to_string(),
        (None, Some(src)) => tr_args("title.copy_of", &[("file", &src.display().to_string())]),
        (None, None) => tr("register.not_saved").to_string(),
    };
    ui.label(format!(
        "{} {} · {} {} · {file}",
        tr("register.mission"),
        a.meta.mission,
        tr("register.as_of"),
        a.meta.as_of,
    ));
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(doc.can_undo(), egui::Button::new(tr("menu.undo")))
            .clicked()
        {
            commands.push(AppCommand::Undo);
        }
        if ui
            .add_enabled(doc.can_redo(), egui::Button::new(tr("menu.redo")))
            .clicked()
        {
            commands.push(AppCommand::Redo);
        }
        let save = ui.button(tr("register.save"));
        super::focus::mark(ui, super::focus::Anchor::View, &save);
        if save.clicked() {
            commands.push(AppCommand::Save);
        }
        if ui.button(tr("menu.save_as")).clicked() {
            commands.push(AppCommand::SaveAs);
        }
    });
}

fn datasets_ui(
    ui: &mut egui::Ui,
    a: &crate::assessment::Assessment,
    statuses: &[DatasetStatus],
    commands: &mut Vec<AppCommand>,
) {
    egui::CollapsingHeader::new(format!(
        "{} ({})",
        tr("register.datasets"),
        a.datasets.len()
    ))
    .default_open(statuses.iter().any(|s| s.status != DatasetState::Ok))
    .show(ui, |ui| {
        for (i, d) in a.datasets.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                let status = statuses.get(i).map_or(DatasetState::Ok, |s| s.status);
                ui.label(format!(
                    "{} · {} · SHA-256 {}…",
                    d.path.display(),
                    d.format.key(),
                    d.sha256.get(..12).unwrap_or("")
                ));
                if status != DatasetState::Ok {
                    ui.colored_label(ui.visuals().error_fg_color, lbl(status));
                }
                if ui.small_button(tr("register.relink")).clicked() {
                    commands.push(AppCommand::Pick(Purpose::Relink(i)));
                }
            });
        }
        if statuses.iter().any(|s| s.status == DatasetState::Outside)
            && ui
                .button(tr("register.read_outside"))
                .on_hover_text(tr("register.read_outside_help"))
                .clicked()
        {
            commands.push(AppCommand::ReadOutside);
        }
    });
}

const HEADERS: [&str; 11] = [
    "register.number",
    "register.threat",
    "register.suggested",
    "register.likelihood",
    "register.impact",
    "register.risk",
    "matrix.trend",
    "register.residual",
    "register.successors",
    "register.flags",
    "register.actions",
];

fn header_ui(ui: &mut egui::Ui, sort: &mut (usize, bool)) {
    for (k, h) in HEADERS.into_iter().enumerate() {
        if matches!(k, 0 | 1 | 2 | 5 | 6) {
            let arrow = match *sort {
                (c, true) if c == k => " ▼",
                (c, false) if c == k => " ▲",
                _ => "",
            };
            if ui
                .button(format!("{}{arrow}", tr(h)))
                .on_hover_text(tr("matrix.sort_help"))
                .clicked()
            {
                *sort = if sort.0 == k {
                    (k, !sort.1)
                } else {
                    (k, k != 0 && k != 1)
                };
            }
        } else {
            ui.strong(tr(h));
        }
    }
    ui.end_row();
}

fn order(a: &crate::assessment::Assessment, review: &Review, sort: (usize, bool)) -> Vec<usize> {
    let mut order: Vec<usize> = (0..a.register.len().min(review.entries.len())).collect();
    order.sort_by(|&x, &y| {
        let (ex, ey) = (&a.register[x], &a.register[y]);
        let (rx, ry) = (&review.entries[x], &review.entries[y]);
        let o = match sort.0 {
            1 => ex.perpetrator.cmp(&ey.perpetrator),
            2 => rx
                .suggested
                .map(|s| s.risk)
                .cmp(&ry.suggested.map(|s| s.risk)),
            5 => rx.analyst.map(|s| s.risk).cmp(&ry.analyst.map(|s| s.risk)),
            6 => rx.trend.cmp(&ry.trend),
            _ => ex.id.cmp(&ey.id),
        };
        let o = o.then(ex.id.cmp(&ey.id));
        if sort.1 { o.reverse() } else { o }
    });
    order
}

/// One register entry as a row of the grid.
fn entry_ui(
    ui: &mut egui::Ui,
    (i, e, r): (usize, &ThreatEntry, &EntryReview),
    participants: &[crate::assessment::Participant],
    as_of: chrono::NaiveDate,
    commands: &mut Vec<AppCommand>,
) {
    // Every change the row's widgets make in this frame goes into one copy
    // and one edit: two edits built from the same old entry (a rationale
    // committed as a score is clicked) would undo each other.
    let mut n = e.clone();
    ui.label(e.id.to_string());
    ui.vertical(|ui| {
        threat_cell_ui(ui, e, &mut n);
        super::workshop_ui::entry_ratings_ui(ui, e, &mut n, participants);
    });
    let help = tr_args(
        "register.suggested_help",
        &[
            ("as_of", &as_of.to_string()),
            ("recent", &r.recent_events.to_string()),
            ("fatalities", &r.recent_fatalities.to_string()),
            ("previous", &r.previous_events.to_string()),
        ],
    );
    ui.vertical(|ui| {
        match r.suggested {
            Some(s) => ui
                .label(format!(
                    "{}×{}={} {}",
                    s.likelihood,
                    s.impact,
                    s.risk,
                    lbl(s.band)
                ))
                .on_hover_text(help),
            None => {
                ui.label("–")
                    .on_hover_text(format!("{}\n{}", tr("register.no_data_help"), help))
            }
        };
        super::workshop_ui::panel_ui(ui, e);
    });
    if let Some(v) = score_buttons(
        ui,
        tr("register.likelihood"),
        e.id,
        e.likelihood,
        r.suggested.map(|s| s.likelihood),
    ) {
        n.likelihood = v;
    }
    if let Some(v) = score_buttons(
        ui,
        tr("register.impact"),
        e.id,
        e.impact,
        r.suggested.map(|s| s.impact),
    ) {
        n.impact = v;
    }
    ui.strong(r.analyst.map_or_else(
        || "–".to_string(),
        |a| format!("{} {}", a.risk, lbl(a.band)),
    ));
    ui.label(format!("{} {}", r.trend.arrow(), lbl(r.trend)));
    let mut residual = e.residual;
    let check = ui.checkbox(&mut residual, "");
    check.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::CheckBox,
            true,
            residual,
            tr_args("register.residual_of", &[("id", &e.id.to_string())]),
        )
    });
    if check.on_hover_text(tr("register.residual_hint")).changed() {
        n.residual = residual;
    }
    ui.vertical(|ui| successors_ui(ui, e, &mut n));
    ui.vertical(|ui| {
        ui.set_min_width(190.0);
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Extend);
        let flags = r.flags.raised();
        if flags.is_empty() {
            ui.label("–");
        }
        for f in flags {
            ui.colored_label(ui.visuals().warn_fg_color, format!("⚑ {}", lbl(f)))
                .on_hover_text(flag_explanation(f));
        }
        if r.rationale_missing {
            ui.colored_label(
                ui.visuals().error_fg_color,
                tr("register.rationale_missing"),
            );
        }
    });
    if ui.small_button(tr("register.remove")).clicked() {
        commands.push(AppCommand::EditDoc(Edit::RemoveEntry(i)));
    } else if n != *e {
        commands.push(AppCommand::EditDoc(Edit::ReplaceEntry(i, n)));
    }
}

fn flags_panel_ui(ui: &mut egui::Ui, a: &crate::assessment::Assessment, review: &Review) {
    ui.heading(tr("register.flags_panel"));
    let mut any = false;
    for (e, r) in a.register.iter().zip(&review.entries) {
        for f in r.flags.raised() {
            any = true;
            let lang = super::i18n::language();
            ui.label(format!(
                "⚑ {}{} {} ({}){} {} — {}",
                crate::l!(lang, "#", "n° "),
                e.id,
                lbl(e.perpetrator),
                e.regions.join(", "),
                crate::i18n::colon(lang),
                lbl(f),
                flag_explanation(f)
            ));
        }
    }
    if !any {
        ui.label(tr("register.no_flags"));
    }
}

fn flag_explanation(flag: Flag) -> &'static str {
    match flag {
        Flag::NoSuccessor => tr("flag.no_successor"),
        Flag::SuccessorIsPerpetrator => tr("flag.successor_is_perpetrator"),
        Flag::SecurityCliff => tr("flag.security_cliff"),
        Flag::MonitoringGap => tr("flag.monitoring_gap"),
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
        Some(l) => lbl(l).to_string(),
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
