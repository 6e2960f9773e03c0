//! Command handling: every `AppCommand` queued while drawing is applied
//! here, after the frame is laid out; keyboard shortcuts and dropped files
//! become commands too. The one place where the session, the open
//! assessment and the disk change.

use super::commands::{AppCommand, View};
use super::i18n::tr;
use super::session::LoadJob;
use super::{Message, WorkbenchApp, document, mapping_dialog, theme};
use crate::analysis::Filter;

impl WorkbenchApp {
    /// Applies the queued commands.
    pub fn handle(&mut self, ctx: &egui::Context) {
        if !self.commands.is_empty() {
            // The frame just drawn predates these changes: draw another.
            ctx.request_repaint();
        }
        for c in std::mem::take(&mut self.commands) {
            match c {
                AppCommand::Open(paths) => {
                    for p in paths {
                        self.start_load(p, None);
                    }
                }
                AppCommand::OpenDialog => {
                    if let Some(paths) = rfd::FileDialog::new()
                        .add_filter(
                            "Tables",
                            &["csv", "tsv", "txt", "ssv", "xlsx", "xlsm", "xls", "ods"],
                        )
                        .add_filter("All files", &["*"])
                        .pick_files()
                    {
                        self.send(AppCommand::Open(paths));
                    }
                }
                AppCommand::OpenWithMapping(p, m) => {
                    self.mapping_dialog = None;
                    self.start_load(p, Some(m));
                }
                AppCommand::CancelLoads => self.jobs.iter().for_each(LoadJob::cancel),
                AppCommand::RemoveDataset(i) => {
                    self.session.remove(i);
                    self.selected_incident = None;
                    self.detail = None;
                }
                AppCommand::CloseAll => {
                    while !self.session.workspace.datasets.is_empty() {
                        self.session.remove(0);
                    }
                    self.selected_incident = None;
                    self.detail = None;
                }
                AppCommand::ShowIncidents(sel) => {
                    self.selection = sel;
                    self.selected_incident = None;
                    self.detail = None;
                    self.view = View::Incidents;
                }
                AppCommand::SelectIncident(r) => {
                    self.selected_incident = Some(r);
                    let d = &self.session.workspace.datasets[r.0];
                    let pos = crate::model::incident::SourcePosition {
                        line: u64::from(d.incidents.line[r.1]),
                        byte: d.incidents.byte[r.1],
                    };
                    self.detail =
                        Some(crate::import::source_record(&d.meta, pos).map_err(|e| e.to_string()));
                }
                AppCommand::SetView(v) => self.view = v,
                AppCommand::ToggleWorkshop => {
                    self.prefs.workshop = !self.prefs.workshop;
                    ctx.set_zoom_factor(if self.prefs.workshop {
                        theme::WORKSHOP_ZOOM
                    } else {
                        1.0
                    });
                }
                AppCommand::SetDark(dark) => {
                    self.prefs.dark = dark;
                    ctx.set_theme(if dark {
                        egui::Theme::Dark
                    } else {
                        egui::Theme::Light
                    });
                }
                AppCommand::Copy(text) => ctx.copy_text(text),
                AppCommand::FilterToRegion(r) => {
                    self.session.filter.regions = Some([r].into());
                }
                AppCommand::ResetFilters => {
                    let level = self.session.filter.level;
                    self.session.filter = Filter {
                        level,
                        ..Default::default()
                    };
                }
                AppCommand::SaveProfile(m) => match mapping_dialog::save_profile(&m) {
                    Ok(p) => self.messages.push(Message {
                        error: false,
                        text: format!("{}: {}", tr("mapping.saved"), p.display()),
                    }),
                    Err(e) => self.messages.push(Message {
                        error: true,
                        text: e,
                    }),
                },
                AppCommand::ShowAbout => self.show_about = true,
                AppCommand::Quit => {
                    if self.doc.as_ref().is_some_and(|d| d.dirty) && !self.quit_confirmed {
                        self.confirm_quit = true;
                    } else {
                        self.quit_confirmed = true;
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                }
                AppCommand::NewEntry {
                    perpetrator,
                    region,
                } => {
                    if self.doc.is_none() {
                        self.new_assessment();
                    }
                    if let Some(doc) = self.doc.as_mut() {
                        let entry = crate::assessment::ThreatEntry::new(
                            doc.assessment.next_entry_id(),
                            perpetrator,
                            vec![region.clone()],
                        );
                        let at = doc.assessment.register.len();
                        if doc
                            .apply(crate::assessment::edit::Edit::InsertEntry(at, entry))
                            .is_ok()
                        {
                            self.messages.push(Message {
                                error: false,
                                text: format!(
                                    "{}: {} × {region}",
                                    tr("register.added"),
                                    perpetrator.label()
                                ),
                            });
                            self.view = View::Register;
                        }
                    }
                }
                AppCommand::EditDoc(e) => {
                    if let Some(doc) = self.doc.as_mut()
                        && let Err(err) = doc.apply(e)
                    {
                        self.messages.push(Message {
                            error: true,
                            text: err.to_string(),
                        });
                    }
                }
                AppCommand::Undo => {
                    if let Some(doc) = self.doc.as_mut() {
                        doc.undo();
                    }
                }
                AppCommand::Redo => {
                    if let Some(doc) = self.doc.as_mut() {
                        doc.redo();
                    }
                }
                AppCommand::Save => self.save(ctx),
                AppCommand::NewAssessment => self.new_assessment(),
                AppCommand::OpenAssessment(p) => self.open_assessment(p),
                AppCommand::RelinkDataset(i) => self.relink(i),
                AppCommand::ImportBases => self.import_bases(),
                AppCommand::ExportDialog => {
                    if self.session.workspace.datasets.is_empty() {
                        self.messages.push(Message {
                            error: true,
                            text: tr("export.no_data").into(),
                        });
                    } else {
                        self.export_dialog = Some(super::export_dialog::ExportDialog::new(self));
                    }
                }
            }
        }
    }

    fn relink(&mut self, i: usize) {
        let Some(doc) = self.doc.as_mut() else { return };
        let Some(old) = doc.assessment.datasets.get(i).cloned() else {
            return;
        };
        let Some(file) = rfd::FileDialog::new()
            .set_title("Relink dataset")
            .pick_file()
        else {
            self.messages.push(Message {
                error: false,
                text: "Not relinked: no file was chosen.".into(),
            });
            return;
        };
        let dir = doc
            .path
            .as_ref()
            .and_then(|p| p.parent().map(std::path::Path::to_path_buf));
        let new = crate::assessment::Assessment::dataset_ref(
            &file,
            old.format,
            old.mapping.clone(),
            dir.as_deref(),
        );
        if doc
            .apply(crate::assessment::edit::Edit::ReplaceDataset(i, new))
            .is_ok()
        {
            // Reload the data from the relinked files.
            let (ws, statuses) = crate::assessment::review::open_datasets(
                &doc.assessment,
                doc.path.as_deref().unwrap_or(std::path::Path::new(".")),
            );
            self.dataset_status = statuses;
            self.session.workspace = ws;
            self.session.data_generation += 1;
        }
    }

    fn import_bases(&mut self) {
        let Some(doc) = self.doc.as_mut() else { return };
        let Some(file) = rfd::FileDialog::new()
            .add_filter("CSV", &["csv", "tsv", "txt"])
            .pick_file()
        else {
            self.messages.push(Message {
                error: false,
                text: "No file was chosen.".into(),
            });
            return;
        };
        match crate::assessment::footprint::read_bases(&file) {
            Ok(bases) => {
                let n = bases.len();
                for b in bases {
                    let at = doc.assessment.footprint.len();
                    let _ = doc.apply(crate::assessment::edit::Edit::InsertBase(at, b));
                }
                self.messages.push(Message {
                    error: false,
                    text: format!("{n} bases imported from {}", file.display()),
                });
            }
            Err(errors) => self.messages.push(Message {
                error: true,
                text: errors.join("\n"),
            }),
        }
    }

    pub(super) fn new_assessment(&mut self) {
        let as_of = self
            .session
            .workspace
            .latest_date()
            .and_then(crate::model::dates::from_day_number)
            .unwrap_or_default();
        let a = crate::assessment::Assessment::new(crate::assessment::Meta {
            title: "New assessment".into(),
            mission: String::new(),
            country: String::new(),
            as_of,
            authors: Vec::new(),
            notes: String::new(),
        });
        let mut a = a;
        a.datasets = self
            .session
            .workspace
            .datasets
            .iter()
            .map(|d| {
                crate::assessment::Assessment::dataset_ref(
                    &d.meta.path,
                    d.meta.format,
                    d.meta.mapping.clone(),
                    None,
                )
            })
            .collect();
        self.session.as_of = Some(as_of);
        self.doc = Some(document::DocState::new(a, None));
    }

    pub(super) fn save(&mut self, ctx: &egui::Context) {
        let Some(doc) = self.doc.as_mut() else { return };
        let path = match &doc.path {
            Some(p) => Some(p.clone()),
            None => rfd::FileDialog::new()
                .add_filter("Assessment", &["ron"])
                .set_file_name("assessment.ron")
                .save_file(),
        };
        let Some(path) = path else {
            self.messages.push(Message {
                error: false,
                text: "Not saved: no file was chosen.".into(),
            });
            return;
        };
        match doc.save(Some(path)) {
            Ok(p) => {
                self.messages.push(Message {
                    error: false,
                    text: format!("Saved {}", p.display()),
                });
                if self.confirm_quit {
                    self.quit_confirmed = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Err(e) => self.messages.push(Message {
                error: true,
                text: e,
            }),
        }
    }

    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let open = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
        let save = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
        let undo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
        let redo = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
        let redo2 = KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        let find = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
        let export = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
        let views = [
            (Key::Num1, View::Matrix),
            (Key::Num2, View::Incidents),
            (Key::Num3, View::Charts),
            (Key::Num4, View::Map),
            (Key::Num5, View::Report),
            (Key::Num6, View::Register),
            (Key::Num7, View::Followup),
        ];
        let mut ask_first = false;
        ctx.input_mut(|i| {
            if i.consume_shortcut(&open) {
                self.commands.push(AppCommand::OpenDialog);
            }
            if i.consume_shortcut(&save) {
                self.commands.push(AppCommand::Save);
            }
            if i.consume_shortcut(&redo2) || i.consume_shortcut(&redo) {
                self.commands.push(AppCommand::Redo);
            }
            if i.consume_shortcut(&undo) {
                self.commands.push(AppCommand::Undo);
            }
            if i.consume_shortcut(&export) {
                self.commands.push(AppCommand::ExportDialog);
            }
            if i.consume_shortcut(&find) {
                self.focus_search = true;
            }
            if i.consume_key(Modifiers::NONE, Key::F11) {
                self.commands.push(AppCommand::ToggleWorkshop);
            }
            for (k, v) in views {
                if i.consume_key(Modifiers::COMMAND, k) {
                    self.commands.push(AppCommand::SetView(v));
                }
            }
            for f in &i.raw.dropped_files {
                let p = f.path().to_path_buf();
                if p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")) {
                    self.commands.push(AppCommand::OpenAssessment(p));
                } else {
                    self.commands.push(AppCommand::Open(vec![p]));
                }
            }
            if i.viewport().close_requested()
                && self.doc.as_ref().is_some_and(|d| d.dirty)
                && !self.quit_confirmed
            {
                self.confirm_quit = true;
                ask_first = true;
            }
        });
        if ask_first {
            // Keep the window open until the analyst decides.
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        }
    }
}
