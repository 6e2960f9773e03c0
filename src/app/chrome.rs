//! The window's chrome: menu bar, view tabs, status bar with load
//! progress, message, recovery and backup banners, the quit question and
//! the welcome screen. Like the views, it only queues commands.

use super::commands::{AppCommand, Purpose, View};
use super::i18n::{tr, tr_args};
use super::{Dialogs, Message, WorkbenchApp, document, sample_path};

impl WorkbenchApp {
    pub(super) fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let sc = |s: egui::KeyboardShortcut| ctx.format_shortcut(&s);
        let cmds = &mut self.commands;
        let has_doc = self.doc.is_some();
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(tr("menu.file"), |ui| {
                let has_participants = self
                    .doc
                    .as_ref()
                    .is_some_and(|d| !d.assessment().participants.is_empty());
                file_menu(
                    ui,
                    &self.prefs.recent,
                    (has_doc, has_participants),
                    &sc,
                    cmds,
                );
            });
            ui.menu_button(tr("menu.edit"), |ui| {
                let doc = self.doc.as_ref();
                let undo = doc.is_some_and(document::DocState::can_undo);
                let redo = doc.is_some_and(document::DocState::can_redo);
                let z = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Z);
                let y = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::Y);
                if ui
                    .add_enabled(
                        undo,
                        egui::Button::new(tr("menu.undo")).shortcut_text(sc(z)),
                    )
                    .on_disabled_hover_text(tr("menu.nothing_to_undo"))
                    .clicked()
                {
                    cmds.push(AppCommand::Undo);
                }
                if ui
                    .add_enabled(
                        redo,
                        egui::Button::new(tr("menu.redo")).shortcut_text(sc(y)),
                    )
                    .on_disabled_hover_text(tr("menu.nothing_to_redo"))
                    .clicked()
                {
                    cmds.push(AppCommand::Redo);
                }
                ui.separator();
                if ui.button(tr("menu.copy_report")).clicked() {
                    let text: String = self
                        .session
                        .workspace()
                        .datasets
                        .iter()
                        .map(|d| d.report.to_text_in(super::i18n::language()))
                        .collect();
                    cmds.push(AppCommand::Copy(text));
                }
                if ui.button(tr("menu.reset_filters")).clicked() {
                    cmds.push(AppCommand::ResetFilters);
                }
            });
            ui.menu_button(tr("menu.view"), |ui| {
                for v in View::ALL {
                    if ui
                        .add(
                            egui::Button::selectable(self.view == v, tr(v.label_key()))
                                .shortcut_text(sc(v.shortcut())),
                        )
                        .clicked()
                    {
                        cmds.push(AppCommand::SetView(v));
                    }
                }
                ui.separator();
                let b = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::B);
                let mut filters = self.prefs.filters_open;
                if ui
                    .checkbox(&mut filters, tr("menu.filters"))
                    .on_hover_text(sc(b))
                    .clicked()
                {
                    cmds.push(AppCommand::ToggleFilters);
                }
                let mut workshop = self.prefs.workshop;
                if ui.checkbox(&mut workshop, tr("menu.workshop")).clicked() {
                    cmds.push(AppCommand::ToggleWorkshop);
                }
                if ui
                    .add_enabled(has_doc, egui::Button::new(tr("menu.present")))
                    .on_hover_text(tr("menu.present_tip"))
                    .clicked()
                {
                    cmds.push(AppCommand::Present);
                }
                let mut dark = self.prefs.dark;
                if ui.checkbox(&mut dark, tr("menu.dark")).clicked() {
                    cmds.push(AppCommand::SetDark(dark));
                }
                ui.separator();
                ui.label(tr("menu.language"));
                for l in super::i18n::Lang::ALL {
                    if ui.radio(self.prefs.language == l, l.name()).clicked() {
                        cmds.push(AppCommand::SetLanguage(l));
                    }
                }
            });
            ui.menu_button(tr("menu.help"), |ui| {
                if ui
                    .add(
                        egui::Button::new(tr("view.help")).shortcut_text(sc(View::Help.shortcut())),
                    )
                    .clicked()
                {
                    cmds.push(AppCommand::SetView(View::Help));
                }
                if ui.button(tr("menu.about")).clicked() {
                    cmds.push(AppCommand::ShowAbout);
                }
            });
        });
    }

    pub(super) fn status_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            if let Some(secs) = self.session.rebuilding() {
                ui.spinner();
                ui.label(tr_args("load.deriving", &[("secs", &format!("{secs:.0}"))]))
                    .on_hover_text(tr("load.deriving_tip"));
                // The spinner turns while the thread works.
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(250));
            }
            if self.jobs.is_empty() && self.open_jobs.is_empty() {
                let ms = self.session.cached_derived().map_or(0.0, |d| d.compute_ms);
                let ws = self.session.workspace();
                ui.label(tr_args(
                    "status.line",
                    &[
                        ("datasets", &ws.datasets.len().to_string()),
                        ("incidents", &ws.incident_count().to_string()),
                        ("recompute", &format!("{ms:.1}")),
                        ("frame", &format!("{:.1}", self.last_frame_ms)),
                    ],
                ));
                return;
            }
            for j in &self.open_jobs {
                ui.spinner();
                ui.label(tr_args("load.opening", &[("file", &short(&j.path))]));
            }
            for j in &self.jobs {
                ui.label(tr_args("load.loading", &[("file", &short(&j.path))]));
                ui.add(
                    egui::ProgressBar::new(j.progress.fraction())
                        .desired_width(200.0)
                        .show_percentage(),
                );
            }
            if !self.jobs.is_empty() && ui.button(tr("load.cancel")).clicked() {
                self.commands.push(AppCommand::CancelLoads);
            }
        });
    }
}

fn short(p: &std::path::Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

fn file_menu(
    ui: &mut egui::Ui,
    recent: &[std::path::PathBuf],
    (has_doc, has_participants): (bool, bool),
    sc: &dyn Fn(egui::KeyboardShortcut) -> String,
    cmds: &mut Vec<AppCommand>,
) {
    use egui::{Key, KeyboardShortcut as K, Modifiers as M};
    if ui
        .add(egui::Button::new(tr("menu.open")).shortcut_text(sc(K::new(M::COMMAND, Key::O))))
        .clicked()
    {
        cmds.push(AppCommand::Pick(Purpose::Open));
    }
    ui.menu_button(tr("menu.recent"), |ui| {
        if recent.is_empty() {
            ui.label(tr("menu.no_recent"));
        }
        for p in recent {
            if ui.button(p.display().to_string()).clicked() {
                cmds.push(AppCommand::Open(vec![p.clone()]));
            }
        }
    });
    if ui.button(tr("menu.open_sample")).clicked() {
        cmds.push(AppCommand::Open(vec![sample_path()]));
    }
    if ui.button(tr("menu.open_example")).clicked() {
        cmds.push(AppCommand::OpenExample);
    }
    ui.separator();
    if ui
        .add_enabled(
            has_doc,
            egui::Button::new(tr("menu.save")).shortcut_text(sc(K::new(M::COMMAND, Key::S))),
        )
        .clicked()
    {
        cmds.push(AppCommand::Save);
    }
    if ui
        .add_enabled(
            has_doc,
            egui::Button::new(tr("menu.save_as"))
                .shortcut_text(sc(K::new(M::COMMAND | M::SHIFT, Key::S))),
        )
        .clicked()
    {
        cmds.push(AppCommand::SaveAs);
    }
    if ui
        .add(egui::Button::new(tr("menu.export")).shortcut_text(sc(K::new(M::COMMAND, Key::E))))
        .clicked()
    {
        cmds.push(AppCommand::ExportDialog);
    }
    if ui.button(tr("register.new")).clicked() {
        cmds.push(AppCommand::NewAssessment);
    }
    if ui
        .add_enabled(
            has_participants,
            egui::Button::new(tr("menu.export_ratings")),
        )
        .on_hover_text(tr("menu.export_ratings_tip"))
        .on_disabled_hover_text(tr("menu.export_ratings_tip"))
        .clicked()
    {
        cmds.push(AppCommand::ExportRatingSheets);
    }
    if ui
        .add_enabled(has_doc, egui::Button::new(tr("menu.import_ratings")))
        .on_hover_text(tr("menu.import_ratings_tip"))
        .clicked()
    {
        cmds.push(AppCommand::Pick(Purpose::ImportRatings));
    }
    if ui
        .add_enabled(has_doc, egui::Button::new(tr("menu.compare_draft")))
        .on_hover_text(tr("menu.compare_draft_tip"))
        .clicked()
    {
        cmds.push(AppCommand::Pick(Purpose::CompareDraft));
    }
    if ui
        .button(tr("menu.new_log"))
        .on_hover_text(tr("menu.new_log_tip"))
        .clicked()
    {
        cmds.push(AppCommand::Pick(Purpose::TemplatePath));
    }
    if ui.button(tr("menu.close_all")).clicked() {
        cmds.push(AppCommand::CloseAll);
    }
    ui.separator();
    if ui.button(tr("menu.quit")).clicked() {
        cmds.push(AppCommand::Quit);
    }
}

/// The view tabs, from `View::ALL`.
pub(super) fn tabs_ui(ui: &mut egui::Ui, current: View, cmds: &mut Vec<AppCommand>) {
    let strip = ui.horizontal_wrapped(|ui| {
        for v in View::ALL {
            let r = ui.selectable_label(current == v, tr(v.label_key()));
            if current == v {
                super::focus::mark(ui, super::focus::Anchor::Tabs, &r);
            }
            let r = r.on_hover_text(ui.ctx().format_shortcut(&v.shortcut()));
            if r.clicked() {
                cmds.push(AppCommand::SetView(v));
            }
        }
    });
    super::focus::mark_area(ui.ctx(), super::focus::Anchor::Tabs, strip.response.rect);
}

/// Messages and the recovery-journal banner.
pub(super) fn banners_ui(
    ui: &mut egui::Ui,
    messages: &[Message],
    dialogs: &Dialogs,
    cmds: &mut Vec<AppCommand>,
) {
    for (i, m) in messages.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let color = if m.error {
                ui.visuals().error_fg_color
            } else {
                ui.visuals().text_color()
            };
            if m.error {
                ui.colored_label(color, format!("{}:", tr("common.error")));
            }
            ui.colored_label(color, m.shown(super::i18n::language()));
            if ui.small_button(tr("common.dismiss")).clicked() {
                cmds.push(AppCommand::Dismiss(i));
            }
        });
    }
    if let Some((path, _)) = &dialogs.recovery {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{}: {}", path.display(), tr("recovery.found")),
            );
            if ui.button(tr("recovery.recover")).clicked() {
                cmds.push(AppCommand::RecoverJournal);
            }
            if ui.button(tr("recovery.discard")).clicked() {
                cmds.push(AppCommand::DiscardJournal);
            }
        });
    }
}

/// Datasets loaded while an assessment is open: add each to it, or keep it
/// out (it stays loaded, for a look, without changing the assessment).
pub(super) fn offers_ui(
    ui: &mut egui::Ui,
    offers: &[crate::assessment::DatasetRef],
    cmds: &mut Vec<AppCommand>,
) {
    for (i, d) in offers.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(tr_args(
                "offer.question",
                &[("file", &d.path.display().to_string())],
            ));
            if ui.button(tr("offer.add")).clicked() {
                cmds.push(AppCommand::AnswerOffer(i, true));
            }
            if ui.button(tr("offer.keep_out")).clicked() {
                cmds.push(AppCommand::AnswerOffer(i, false));
            }
        });
    }
}

/// The offer to open a damaged assessment's backup.
pub(super) fn backup_ui(ui: &mut egui::Ui, bak: &std::path::Path, cmds: &mut Vec<AppCommand>) {
    ui.horizontal(|ui| {
        if ui
            .button(tr("load.open_backup"))
            .on_hover_text(bak.display().to_string())
            .clicked()
        {
            cmds.push(AppCommand::OpenAssessment(bak.to_path_buf()));
        }
    });
}

/// Asking whether to save before quitting.
pub(super) fn quit_ui(ctx: &egui::Context, open: &mut bool, cmds: &mut Vec<AppCommand>) {
    egui::Window::new(tr("quit.title"))
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label(tr("quit.body"));
            ui.horizontal(|ui| {
                if ui.button(tr("quit.save")).clicked() {
                    cmds.push(AppCommand::Save);
                }
                if ui.button(tr("quit.discard")).clicked() {
                    cmds.push(AppCommand::QuitDiscarding);
                }
                if ui.button(tr("common.cancel")).clicked() {
                    *open = false;
                }
            });
        });
}

/// Asking before a document with unsaved changes is replaced (another
/// assessment opened, the example, a new assessment).
pub(super) fn replace_ui(
    ctx: &egui::Context,
    pending: &mut Option<AppCommand>,
    cmds: &mut Vec<AppCommand>,
) {
    egui::Window::new(tr("quit.title"))
        .id(egui::Id::unique("confirm-replace"))
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label(tr("replace.body"));
            ui.horizontal(|ui| {
                if ui.button(tr("replace.discard")).clicked() {
                    cmds.push(AppCommand::ConfirmReplace);
                }
                if ui.button(tr("common.cancel")).clicked() {
                    *pending = None;
                }
            });
        });
}

/// What an empty window shows.
pub(super) fn welcome_ui(ui: &mut egui::Ui, cmds: &mut Vec<AppCommand>) {
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        ui.heading(tr("welcome.title"));
        ui.add_space(8.0);
        ui.label(tr("welcome.body"));
        ui.add_space(12.0);
        if ui.button(tr("menu.open")).clicked() {
            cmds.push(AppCommand::Pick(Purpose::Open));
        }
        if ui.button(tr("menu.open_example")).clicked() {
            cmds.push(AppCommand::OpenExample);
        }
        if ui.button(tr("menu.open_sample")).clicked() {
            cmds.push(AppCommand::Open(vec![sample_path()]));
        }
        if ui.button(tr("welcome.guide")).clicked() {
            cmds.push(AppCommand::SetView(View::Help));
        }
    });
}
