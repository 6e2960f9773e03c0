//! Matching across sources (METHODOLOGY §8) in the import report: whether
//! it is on, its two windows, which source's record counts, and what it
//! found. Every change is one command (one undo step with an assessment).

use super::commands::AppCommand;
use super::i18n::{tr, tr_args};
use crate::analysis::Workspace;
use crate::analysis::matching::{MatchSettings, SourceGroup, trim_km};

fn group_label(g: SourceGroup) -> &'static str {
    match g {
        SourceGroup::Logs => tr("matching.group_logs"),
        SourceGroup::Ucdp => tr("matching.group_ucdp"),
        SourceGroup::Acled => tr("matching.group_acled"),
    }
}

/// A family as the analyst knows it: ACLED, UCDP, or the file's name.
fn source_name(family: &str) -> String {
    match family {
        "acled" => "ACLED".into(),
        "ucdp" => "UCDP".into(),
        other => other.to_string(),
    }
}

/// Draws the matching panel.
pub fn matching_ui(ui: &mut egui::Ui, ws: &Workspace, commands: &mut Vec<AppCommand>) {
    let current = ws.matching().clone();
    let m = &ws.matches;
    ui.group(|ui| {
        ui.heading(tr("matching.heading"));
        let mut s = current.clone();
        ui.checkbox(&mut s.enabled, tr("matching.enabled"))
            .on_hover_text(tr("matching.enabled_tip"));
        ui.add_enabled_ui(s.enabled, |ui| {
            ui.horizontal(|ui| {
                ui.label(tr("matching.days"));
                ui.add(egui::DragValue::new(&mut s.max_days).range(0..=31))
                    .on_hover_text(tr("matching.days_tip"));
                ui.label(tr("matching.km"));
                ui.add(
                    egui::DragValue::new(&mut s.max_km)
                        .range(0.0..=100.0)
                        .speed(0.1)
                        .max_decimals(1),
                )
                .on_hover_text(tr("matching.km_tip"));
                if !current.is_default() && ui.button(tr("matching.reset")).clicked() {
                    s = MatchSettings::default();
                }
            });
            ui.horizontal_wrapped(|ui| {
                ui.label(tr("matching.priority"))
                    .on_hover_text(tr("matching.priority_tip"));
                let n = s.priority.len();
                for k in 0..n {
                    ui.label(
                        egui::RichText::new(format!("{}. {}", k + 1, group_label(s.priority[k])))
                            .strong(),
                    );
                    if k + 1 < n
                        && ui
                            .small_button("⇄")
                            .on_hover_text(tr("matching.swap_tip"))
                            .clicked()
                    {
                        s.priority.swap(k, k + 1);
                    }
                }
            });
        });
        if s.sanitized() != current {
            commands.push(AppCommand::SetMatching(s));
        }
        if !current.enabled {
            ui.colored_label(ui.visuals().warn_fg_color, tr("matching.off_warning"));
        } else if m.pairs.is_empty() {
            ui.label(tr("matching.none"));
        } else {
            for ((a, b), n) in &m.pairs {
                ui.label(tr_args(
                    "matching.pair",
                    &[
                        ("a", &source_name(a)),
                        ("b", &source_name(b)),
                        ("n", &n.to_string()),
                    ],
                ));
            }
            ui.label(tr_args(
                "matching.windows",
                &[
                    ("days", &current.max_days.to_string()),
                    ("km", &trim_km(current.max_km)),
                ],
            ));
        }
    });
}
