//! The window's chrome: menu bar, view tabs, status bar with load
//! progress, message and recovery banners, and the welcome screen.

use super::commands::{AppCommand, View};
use super::i18n::tr;
use super::{Message, WorkbenchApp, example_path, sample_path};

impl WorkbenchApp {
    pub(super) fn menu_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(tr("menu.file"), |ui| {
                if ui
                    .add(egui::Button::new(tr("menu.open")).shortcut_text("Ctrl+O"))
                    .clicked()
                {
                    self.send(AppCommand::OpenDialog);
                }
                ui.menu_button(tr("menu.recent"), |ui| {
                    if self.prefs.recent.is_empty() {
                        ui.label(tr("menu.no_recent"));
                    }
                    for p in self.prefs.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            self.send(AppCommand::Open(vec![p]));
                        }
                    }
                });
                if ui.button(tr("menu.open_sample")).clicked() {
                    self.send(AppCommand::Open(vec![sample_path()]));
                }
                if ui.button(tr("menu.open_example")).clicked() {
                    self.send(AppCommand::OpenAssessment(example_path()));
                }
                if ui
                    .add_enabled(
                        self.doc.is_some(),
                        egui::Button::new(tr("menu.save")).shortcut_text("Ctrl+S"),
                    )
                    .clicked()
                {
                    self.send(AppCommand::Save);
                }
                if ui
                    .add(egui::Button::new(tr("menu.export")).shortcut_text("Ctrl+E"))
                    .clicked()
                {
                    self.send(AppCommand::ExportDialog);
                }
                if ui.button(tr("register.new")).clicked() {
                    self.send(AppCommand::NewAssessment);
                }
                if ui.button(tr("menu.close_all")).clicked() {
                    self.send(AppCommand::CloseAll);
                }
                ui.separator();
                if ui.button(tr("menu.quit")).clicked() {
                    self.send(AppCommand::Quit);
                }
            });
            ui.menu_button(tr("menu.edit"), |ui| {
                ui.add_enabled(
                    false,
                    egui::Button::new(tr("menu.undo")).shortcut_text("Ctrl+Z"),
                )
                .on_disabled_hover_text(tr("menu.nothing_to_undo"));
                ui.add_enabled(
                    false,
                    egui::Button::new(tr("menu.redo")).shortcut_text("Ctrl+Y"),
                )
                .on_disabled_hover_text(tr("menu.nothing_to_undo"));
                ui.separator();
                if ui.button(tr("menu.copy_report")).clicked() {
                    let text: String = self
                        .session
                        .workspace
                        .datasets
                        .iter()
                        .map(|d| d.report.to_text())
                        .collect();
                    self.send(AppCommand::Copy(text));
                }
                if ui.button(tr("menu.reset_filters")).clicked() {
                    self.send(AppCommand::ResetFilters);
                }
            });
            ui.menu_button(tr("menu.view"), |ui| {
                for (v, key, sc) in [
                    (View::Matrix, "view.matrix", "Ctrl+1"),
                    (View::Incidents, "view.incidents", "Ctrl+2"),
                    (View::Charts, "view.charts", "Ctrl+3"),
                    (View::Map, "view.map", "Ctrl+4"),
                    (View::Report, "view.report", "Ctrl+5"),
                    (View::Register, "view.register", "Ctrl+6"),
                    (View::Followup, "view.followup", "Ctrl+7"),
                ] {
                    if ui
                        .add(egui::Button::selectable(self.view == v, tr(key)).shortcut_text(sc))
                        .clicked()
                    {
                        self.send(AppCommand::SetView(v));
                    }
                }
                ui.separator();
                let mut workshop = self.prefs.workshop;
                if ui.checkbox(&mut workshop, tr("menu.workshop")).clicked() {
                    self.send(AppCommand::ToggleWorkshop);
                }
                let mut dark = self.prefs.dark;
                if ui.checkbox(&mut dark, tr("menu.dark")).clicked() {
                    self.send(AppCommand::SetDark(dark));
                }
            });
            ui.menu_button(tr("menu.help"), |ui| {
                if ui.button(tr("menu.about")).clicked() {
                    self.send(AppCommand::ShowAbout);
                }
            });
        });
    }

    pub(super) fn tabs_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            for (v, key) in [
                (View::Matrix, "view.matrix"),
                (View::Incidents, "view.incidents"),
                (View::Charts, "view.charts"),
                (View::Map, "view.map"),
                (View::Report, "view.report"),
                (View::Register, "view.register"),
                (View::Followup, "view.followup"),
            ] {
                if ui.selectable_label(self.view == v, tr(key)).clicked() {
                    self.send(AppCommand::SetView(v));
                }
            }
        });
    }

    pub(super) fn status_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let jobs: Vec<(String, f32)> = self
                .jobs
                .iter()
                .map(|j| {
                    let name = j
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_default();
                    (name, j.progress.fraction())
                })
                .collect();
            if jobs.is_empty() {
                let ms = self.session.derived().compute_ms;
                let ws = &self.session.workspace;
                ui.label(format!(
                    "{} · {} datasets, {} incidents · {} {:.1} ms · {} {:.1} ms",
                    tr("status.ready"),
                    ws.datasets.len(),
                    ws.incident_count(),
                    tr("status.recompute"),
                    ms,
                    tr("status.frame"),
                    self.last_frame_ms
                ));
            } else {
                for (name, f) in jobs {
                    ui.label(format!("{} {name}", tr("load.loading")));
                    ui.add(
                        egui::ProgressBar::new(f)
                            .desired_width(200.0)
                            .show_percentage(),
                    );
                }
                if ui.button(tr("load.cancel")).clicked() {
                    self.send(AppCommand::CancelLoads);
                }
            }
        });
    }

    pub(super) fn messages_ui(&mut self, ui: &mut egui::Ui) {
        let mut dismiss = None;
        for (i, m) in self.messages.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                let color = if m.error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().text_color()
                };
                if m.error {
                    ui.colored_label(color, format!("{}:", tr("common.error")));
                }
                ui.colored_label(color, &m.text);
                if ui.small_button(tr("common.dismiss")).clicked() {
                    dismiss = Some(i);
                }
            });
        }
        if let Some(i) = dismiss {
            self.messages.remove(i);
        }
    }

    pub(super) fn backup_ui(&mut self, ui: &mut egui::Ui) {
        let Some(bak) = self.backup_offer.clone() else {
            return;
        };
        ui.horizontal(|ui| {
            if ui
                .button(tr("load.open_backup"))
                .on_hover_text(bak.display().to_string())
                .clicked()
            {
                self.backup_offer = None;
                self.send(AppCommand::OpenAssessment(bak));
            }
            if ui.small_button(tr("common.dismiss")).clicked() {
                self.backup_offer = None;
            }
        });
    }

    pub(super) fn recovery_ui(&mut self, ui: &mut egui::Ui) {
        let Some((path, journal)) = self.recovery.clone() else {
            return;
        };
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{}: {}", path.display(), tr("recovery.found")),
            );
            if ui.button(tr("recovery.recover")).clicked() {
                match crate::assessment::file::load(&journal) {
                    Ok(a) => {
                        if let Some(doc) = self.doc.as_mut() {
                            doc.assessment = a;
                            doc.dirty = true;
                            doc.version += 1;
                        }
                    }
                    Err(e) => self.messages.push(Message {
                        error: true,
                        text: e.to_string(),
                    }),
                }
                self.recovery = None;
            }
            if ui.button(tr("recovery.discard")).clicked() {
                let _ = std::fs::remove_file(&journal);
                self.recovery = None;
            }
        });
    }

    pub(super) fn welcome_ui(&mut self, ui: &mut egui::Ui) {
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.heading(tr("welcome.title"));
            ui.add_space(8.0);
            ui.label(tr("welcome.body"));
            ui.add_space(12.0);
            if ui.button(tr("menu.open")).clicked() {
                self.send(AppCommand::OpenDialog);
            }
            if ui.button(tr("menu.open_sample")).clicked() {
                self.send(AppCommand::Open(vec![sample_path()]));
            }
        });
    }
}
