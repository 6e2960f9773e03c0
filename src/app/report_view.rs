//! The import report of every open dataset: rows read, kept and rejected,
//! the file-level notes, and every warning and rejection with its line and
//! column. Copyable as text.

use super::ViewCtx;
use super::commands::AppCommand;
use super::i18n::{language, num, tr, tr_args};
use crate::model::Severity;
use crate::model::dates::iso;

/// Draws the view.
pub fn report_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, commands: &mut Vec<AppCommand>) {
    let ws = ctx.ws;
    egui::ScrollArea::vertical().show(ui, |ui| {
        if ws.datasets.len() > 1 {
            super::matching_ui::matching_ui(ui, ws, commands);
            ui.add_space(8.0);
        }
        for (i, d) in ws.datasets.iter().enumerate() {
            let r = &d.report;
            ui.group(|ui| {
                ui.horizontal(|ui| {
                    ui.heading(
                        d.meta
                            .path
                            .file_name()
                            .map(|n| n.to_string_lossy().to_string())
                            .unwrap_or_default(),
                    );
                    let copy = ui.button(tr("report.copy"));
                    if i == 0 {
                        super::focus::mark(ui, super::focus::Anchor::View, &copy);
                    }
                    if copy.clicked() {
                        commands.push(AppCommand::Copy(r.to_text_in(language())));
                    }
                    if ui.button(tr("report.remove")).clicked() {
                        commands.push(AppCommand::RemoveDataset(i));
                    }
                    if d.meta.mapping.is_some() && ui.button(tr("mapping.change")).clicked() {
                        commands.push(AppCommand::EditMapping(i));
                    }
                });
                ui.label(d.meta.path.display().to_string());
                let span = d
                    .date_span()
                    .map(|(a, b)| format!("{} – {}", iso(a), iso(b)))
                    .unwrap_or_default();
                ui.label(format!(
                    "{} · {} · {span}",
                    d.meta.format.key().to_uppercase(),
                    d.meta.layout.get(language())
                ));
                ui.strong(tr_args(
                    "report.counts",
                    &[
                        ("rows", &r.rows_read.to_string()),
                        ("kept", &r.kept.to_string()),
                        ("rejected", &r.rejected.to_string()),
                    ],
                ));
                if ws.repeats.get(i).copied().unwrap_or(0) > 0 {
                    ui.label(format!("{} {}", ws.repeats[i], tr("report.repeats")));
                }
                let matched = ws.matches.not_counted.get(i).copied().unwrap_or(0);
                if matched > 0 {
                    ui.label(tr_args("report.matched", &[("n", &matched.to_string())]));
                }
                let differ = ws.repeat_conflicts.get(i).copied().unwrap_or(0);
                if differ > 0 {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("{differ} {}", tr("report.repeats_differ")),
                    );
                }
                for n in &r.notes {
                    ui.label(format!("• {}", n.get(language())));
                }
                for (code, n) in &r.counts {
                    ui.label(format!("{} × {}", num(*n), code.describe_in(language())));
                }
                if !r.issues.is_empty() {
                    egui::CollapsingHeader::new(format!(
                        "{} ({})",
                        tr("report.issues"),
                        r.issues.len()
                    ))
                    .id_salt(("issues", i))
                    .show(ui, |ui| {
                        egui::ScrollArea::vertical()
                            .id_salt(("issues-scroll", i))
                            .max_height(300.0)
                            .show_rows(ui, 18.0, r.issues.len(), |ui, range| {
                                for issue in &r.issues[range] {
                                    let key = match (
                                        issue.severity == Severity::Rejected,
                                        issue.column.is_empty(),
                                    ) {
                                        (true, true) => "report.issue_rejected",
                                        (true, false) => "report.issue_rejected_col",
                                        (false, true) => "report.issue_warning",
                                        (false, false) => "report.issue_warning_col",
                                    };
                                    ui.label(tr_args(
                                        key,
                                        &[
                                            ("line", &issue.line.to_string()),
                                            ("record", &issue.record.to_string()),
                                            ("column", &issue.column),
                                            ("message", issue.message.get(language())),
                                        ],
                                    ));
                                }
                            });
                    });
                }
            });
            ui.add_space(8.0);
        }
    });
}
