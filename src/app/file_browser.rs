//! The workbench's own file browser, used where the desktop's file dialog
//! is not available (a bare Linux session without a portal, a kiosk
//! laptop): folders to walk, files to pick, a name to type for Save As and
//! export. The choice comes back as `AppCommand::Picked`.

use super::commands::{AppCommand, Purpose};
use super::i18n::{tr, tr_args};
use std::path::{Path, PathBuf};

/// One entry of the folder shown.
#[derive(Debug, Clone)]
pub struct Entry {
    pub name: String,
    pub dir: bool,
}

/// The browser's state.
pub struct FileBrowser {
    pub purpose: Purpose,
    dir: PathBuf,
    entries: Result<Vec<Entry>, String>,
    /// The file name typed or clicked.
    pub name: String,
    /// Save As onto an existing file: asking before replacing it.
    confirm: Option<PathBuf>,
}

impl FileBrowser {
    /// A browser for `purpose`, opened at `dir`, with `name` proposed.
    pub fn new(purpose: Purpose, dir: PathBuf, name: String) -> Self {
        let mut b = FileBrowser {
            purpose,
            dir: PathBuf::new(),
            entries: Ok(Vec::new()),
            name,
            confirm: None,
        };
        b.go(dir);
        b
    }

    /// The folder shown.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The folder's entries (folders first, then files, by name).
    pub fn entries(&self) -> &[Entry] {
        self.entries.as_deref().unwrap_or_default()
    }

    /// Shows folder `dir`.
    pub fn go(&mut self, dir: PathBuf) {
        self.entries = list(&dir);
        self.dir = dir;
    }

    /// The path chosen: the folder and the name.
    pub fn chosen(&self) -> Option<PathBuf> {
        let name = self.name.trim();
        if name.is_empty() {
            return None;
        }
        let p = PathBuf::from(name);
        Some(if p.is_absolute() { p } else { self.dir.join(p) })
    }

    /// Draws the browser; false when it is closed.
    pub fn show(&mut self, ctx: &egui::Context, cmds: &mut Vec<AppCommand>) -> bool {
        let mut open = true;
        let mut close = false;
        let title = if self.purpose.saves() {
            tr("browser.title_save")
        } else {
            tr("browser.title_open")
        };
        egui::Window::new(title)
            .id(egui::Id::unique("file-browser"))
            .open(&mut open)
            .default_size([640.0, 480.0])
            .show(ctx, |ui| {
                ui.label(egui::RichText::new(tr("browser.no_service")).small());
                self.location_ui(ui);
                ui.separator();
                self.entries_ui(ui, cmds);
                ui.separator();
                ui.horizontal(|ui| {
                    let label = ui.label(tr("browser.name"));
                    let r = ui
                        .add(egui::TextEdit::singleline(&mut self.name).desired_width(360.0))
                        .labelled_by(label.id);
                    let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    let can = self.chosen().is_some();
                    if (ui
                        .add_enabled(can, egui::Button::new(tr("browser.choose")))
                        .clicked()
                        || enter)
                        && let Some(p) = self.chosen()
                    {
                        if p.is_dir() && !self.purpose.saves() {
                            self.go(p);
                            self.name.clear();
                        } else if self.purpose == Purpose::SaveAs && p.is_file() {
                            // Ask first (the export asks for its own files).
                            self.confirm = Some(p);
                        } else {
                            cmds.push(AppCommand::Picked(self.purpose.clone(), p));
                            close = true;
                        }
                    }
                    if ui.button(tr("common.cancel")).clicked() {
                        close = true;
                    }
                });
                if let Some(p) = self.confirm.clone() {
                    ui.horizontal_wrapped(|ui| {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            tr_args("browser.exists", &[("file", &p.display().to_string())]),
                        );
                        if ui.button(tr("export.replace")).clicked() {
                            cmds.push(AppCommand::Picked(self.purpose.clone(), p));
                            close = true;
                        }
                        if ui.button(tr("common.cancel")).clicked() {
                            self.confirm = None;
                        }
                    });
                }
            });
        open && !close
    }

    fn location_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            if ui.button(format!("↑ {}", tr("browser.up"))).clicked()
                && let Some(parent) = self.dir.parent().map(Path::to_path_buf)
            {
                self.go(parent);
            }
            ui.label(tr("browser.folder"));
            ui.monospace(self.dir.display().to_string());
        });
        if let Err(e) = &self.entries {
            ui.colored_label(
                ui.visuals().error_fg_color,
                tr_args("browser.unreadable", &[("reason", e)]),
            );
        }
    }

    fn entries_ui(&mut self, ui: &mut egui::Ui, cmds: &mut Vec<AppCommand>) {
        let mut go = None;
        let mut pick = None;
        let entries = self.entries().to_vec();
        ui.label(tr_args(
            "browser.entries",
            &[("n", &entries.len().to_string())],
        ));
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .auto_shrink(false)
            .show(ui, |ui| {
                for e in &entries {
                    let text = if e.dir {
                        format!("▸ {}/", e.name)
                    } else {
                        format!("    {}", e.name)
                    };
                    let r = ui.selectable_label(self.name == e.name, text);
                    if r.clicked() {
                        if e.dir {
                            go = Some(self.dir.join(&e.name));
                        } else {
                            self.name = e.name.clone();
                        }
                    }
                    if r.double_clicked() && !e.dir {
                        if self.purpose == Purpose::SaveAs {
                            self.confirm = Some(self.dir.join(&e.name));
                        } else {
                            pick = Some(self.dir.join(&e.name));
                        }
                    }
                }
            });
        if let Some(d) = go {
            self.go(d);
        }
        if let Some(p) = pick {
            cmds.push(AppCommand::Picked(self.purpose.clone(), p));
        }
    }
}

fn list(dir: &Path) -> Result<Vec<Entry>, String> {
    let rd = std::fs::read_dir(dir).map_err(|e| e.to_string())?;
    let mut v: Vec<Entry> = rd
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            if name.starts_with('.') {
                return None;
            }
            let dir = e.file_type().ok()?.is_dir()
                || (e.file_type().ok()?.is_symlink() && e.path().is_dir());
            Some(Entry { name, dir })
        })
        .collect();
    v.sort_by(|a, b| {
        b.dir
            .cmp(&a.dir)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(v)
}
