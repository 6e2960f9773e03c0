//! The export dialog (File → Export annex…, Ctrl+E): format, sharing level
//! and k, sections, recipients, the path (typed, or chosen through the
//! native dialog), and a preview of the annex as it will be written, with
//! withheld cells visible. The annex is built by the same `annex::build` the
//! command line uses; the file is written atomically and never over a
//! source file; the export is recorded in the assessment and saved.

use super::i18n::tr;
use super::{Message, WorkbenchApp};
use crate::annex::{Annex, AnnexOptions, Block, Cell, Format, Sections, build, export, level_key};
use crate::assessment::SharingLevel;
use std::path::PathBuf;

/// The dialog's state.
pub struct ExportDialog {
    pub format: Format,
    pub level: SharingLevel,
    pub k: u32,
    pub sections: Sections,
    pub recipients: String,
    pub path: String,
    /// The preview and the options it was built with.
    preview: Option<(AnnexOptions, Annex)>,
    pub error: Option<String>,
}

impl ExportDialog {
    /// Defaults from the assessment (its level and k), beside its file.
    pub fn new(app: &WorkbenchApp) -> Self {
        let (level, k, dir, stem) = match &app.doc {
            Some(d) => (
                d.assessment.sharing,
                d.assessment.suppression_k.max(crate::annex::MIN_K),
                d.path.as_ref().and_then(|p| p.parent().map(PathBuf::from)),
                d.path
                    .as_ref()
                    .and_then(|p| p.file_stem())
                    .map_or("annex".to_string(), |s| s.to_string_lossy().to_string()),
            ),
            None => (SharingLevel::UnPartners, 5, None, "data".to_string()),
        };
        let dir = dir.unwrap_or_else(|| std::env::current_dir().unwrap_or_default());
        let mut d = ExportDialog {
            format: Format::Docx,
            level,
            k,
            sections: Sections::default(),
            recipients: String::new(),
            path: String::new(),
            preview: None,
            error: None,
        };
        d.path = dir
            .join(format!(
                "{stem}-annex-{}.{}",
                level_key(level),
                d.format.key()
            ))
            .display()
            .to_string();
        d
    }

    fn options(&self) -> AnnexOptions {
        AnnexOptions {
            level: self.level,
            k: self.k.max(crate::annex::MIN_K),
            sections: self.sections,
            recipients: self
                .recipients
                .split([',', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            generated: chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
                .date_naive(),
            from: None,
            to: None,
        }
    }

    /// Keeps the file name's extension and level in step with the choices.
    fn retarget_path(&mut self) {
        let p = PathBuf::from(&self.path);
        let Some(stem) = p.file_stem().map(|s| s.to_string_lossy().to_string()) else {
            return;
        };
        let mut stem = stem;
        for l in ["internal", "un-partners", "host-government", "public"] {
            if let Some(s) = stem.strip_suffix(&format!("-{l}")) {
                stem = format!("{s}-{}", level_key(self.level));
                break;
            }
        }
        let name = if self.format == Format::Csv {
            stem
        } else {
            format!("{stem}.{}", self.format.key())
        };
        self.path = p.with_file_name(name).display().to_string();
    }
}

/// Draws the dialog; returns false when it is closed.
pub fn show(app: &mut WorkbenchApp, ctx: &egui::Context, dialog: &mut ExportDialog) -> bool {
    let mut open = true;
    let mut do_export = false;
    let mut close = false;
    egui::Window::new(tr("export.title"))
        .open(&mut open)
        .default_size([980.0, 680.0])
        .min_width(900.0)
        .resizable(true)
        .show(ctx, |ui| {
            let before = (dialog.format, dialog.level);
            egui::Grid::new("export-options")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label("");
                    egui::ComboBox::new("export-format", tr("export.format"))
                        .selected_text(dialog.format.label())
                        .show_ui(ui, |ui| {
                            for f in Format::ALL {
                                ui.selectable_value(&mut dialog.format, f, f.label());
                            }
                        });
                    ui.end_row();
                    ui.label(tr("export.level"));
                    ui.horizontal(|ui| {
                        for l in [
                            SharingLevel::Internal,
                            SharingLevel::UnPartners,
                            SharingLevel::HostGovernment,
                            SharingLevel::Public,
                        ] {
                            ui.selectable_value(&mut dialog.level, l, level_key(l));
                        }
                        ui.label("k");
                        ui.add(egui::DragValue::new(&mut dialog.k).range(crate::annex::MIN_K..=50))
                            .on_hover_text(tr("export.k_help"));
                    });
                    ui.end_row();
                    ui.label(tr("export.sections"));
                    egui::Grid::new("export-sections")
                        .num_columns(4)
                        .show(ui, |ui| {
                            // What goes at this level (METHODOLOGY §6, per
                            // audience): a section left out is shown, greyed.
                            let content = crate::annex::audience::Content::for_level(
                                app.doc.as_ref().map(|d| &d.assessment),
                                dialog.level,
                            );
                            for (i, (_, title)) in Sections::ALL.iter().enumerate() {
                                let goes = content.sections.0[i];
                                ui.add_enabled(
                                    goes,
                                    egui::Checkbox::new(
                                        &mut dialog.sections.0[i],
                                        format!("{}. {title}", i + 1),
                                    ),
                                )
                                .on_disabled_hover_text(tr("export.left_out_help"));
                                if i % 4 == 3 {
                                    ui.end_row();
                                }
                            }
                        });
                    ui.end_row();
                    let label = ui.label(tr("export.recipients"));
                    ui.add(
                        egui::TextEdit::singleline(&mut dialog.recipients)
                            .hint_text(tr("export.recipients_hint"))
                            .desired_width(420.0),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label(tr("export.path"));
                    ui.horizontal(|ui| {
                        ui.add(egui::TextEdit::singleline(&mut dialog.path).desired_width(420.0))
                            .labelled_by(label.id);
                        if ui.button(tr("export.choose")).clicked() {
                            let p = PathBuf::from(&dialog.path);
                            let mut fd = rfd::FileDialog::new();
                            if let Some(dir) = p.parent() {
                                fd = fd.set_directory(dir);
                            }
                            let picked = if dialog.format == Format::Csv {
                                fd.pick_folder()
                            } else {
                                fd.set_file_name(
                                    p.file_name()
                                        .map_or(String::new(), |n| n.to_string_lossy().to_string()),
                                )
                                .save_file()
                            };
                            if let Some(p) = picked {
                                dialog.path = p.display().to_string();
                            }
                        }
                    });
                    ui.end_row();
                });
            if before != (dialog.format, dialog.level) {
                dialog.retarget_path();
            }
            ui.horizontal(|ui| {
                if ui
                    .add(egui::Button::new(
                        egui::RichText::new(tr("export.write")).strong(),
                    ))
                    .clicked()
                {
                    do_export = true;
                }
                if ui.button(tr("common.cancel")).clicked() {
                    close = true;
                }
                if let Some(e) = &dialog.error {
                    ui.colored_label(egui::Color32::from_rgb(176, 0, 32), e);
                }
            });
            ui.separator();
            // The preview, rebuilt when an option changes.
            let opts = dialog.options();
            let stale = dialog.preview.as_ref().is_none_or(|(o, _)| {
                (o.level, o.k, o.sections, &o.recipients)
                    != (opts.level, opts.k, opts.sections, &opts.recipients)
            });
            if stale {
                let a = app.doc.as_ref().map(|d| &d.assessment);
                let annex = build(a, &app.session.workspace, &opts);
                dialog.preview = Some((opts, annex));
            }
            if let Some((_, annex)) = &dialog.preview {
                // The same checks the export runs: a refusal shows before
                // the analyst presses Write.
                if let Err(e) = crate::annex::screen::check(annex) {
                    ui.colored_label(egui::Color32::from_rgb(176, 0, 32), e);
                }
                egui::ScrollArea::vertical()
                    .auto_shrink(false)
                    .show(ui, |ui| preview_ui(ui, annex));
            }
        });
    if do_export {
        match write(app, dialog) {
            Ok(text) => {
                app.messages.push(Message { error: false, text });
                return false;
            }
            Err(e) => dialog.error = Some(e),
        }
    }
    open && !close
}

fn write(app: &mut WorkbenchApp, dialog: &ExportDialog) -> Result<String, String> {
    let path = PathBuf::from(dialog.path.trim());
    if dialog.path.trim().is_empty() {
        return Err(tr("export.no_path").into());
    }
    let Some((_, annex)) = &dialog.preview else {
        return Err("nothing to export".into());
    };
    let mut protected = app.session.workspace.source_paths();
    if let Some(p) = app.doc.as_ref().and_then(|d| d.path.clone()) {
        protected.push(p);
    }
    let record = export(annex, dialog.format, &path, &protected).map_err(|e| e.to_string())?;
    let mut text = format!(
        "Annex written to {} ({}, {}).",
        record.path.display(),
        dialog.format.key(),
        level_key(record.level)
    );
    if let Some(doc) = app.doc.as_mut() {
        doc.assessment.exports.push(record);
        doc.dirty = true;
        doc.version += 1;
        if let Some(p) = doc.path.clone() {
            match crate::assessment::file::save(&p, &doc.assessment) {
                Ok(()) => {
                    doc.dirty = false;
                    text.push_str(" Recorded in the assessment.");
                }
                Err(e) => text.push_str(&format!(" Not recorded: {e}")),
            }
        }
    }
    Ok(text)
}

/// The annex as the reader will see it, withheld cells in grey italics.
pub fn preview_ui(ui: &mut egui::Ui, annex: &Annex) {
    ui.colored_label(
        egui::Color32::from_rgb(176, 0, 32),
        egui::RichText::new(&annex.classification).strong(),
    );
    ui.heading(&annex.title);
    ui.label(egui::RichText::new(&annex.subtitle).italics());
    let mut n_table = 0;
    for s in &annex.sections {
        ui.add_space(8.0);
        ui.label(
            egui::RichText::new(format!("{}. {}", s.number, s.title))
                .heading()
                .strong(),
        );
        for b in &s.blocks {
            match b {
                Block::Heading(h) => {
                    ui.label(egui::RichText::new(h).strong());
                }
                Block::Paragraph(p) => {
                    ui.label(p);
                }
                Block::Bullets(v) => {
                    for x in v {
                        ui.label(format!("• {x}"));
                    }
                }
                Block::Table(t) => {
                    n_table += 1;
                    ui.label(
                        egui::RichText::new(format!("Table {n_table}: {}", t.caption)).strong(),
                    );
                    egui::ScrollArea::horizontal()
                        .id_salt(&t.id)
                        .show(ui, |ui| {
                            egui::Grid::new(&t.id).striped(true).show(ui, |ui| {
                                for h in &t.header {
                                    ui.label(egui::RichText::new(h).strong());
                                }
                                ui.end_row();
                                for r in &t.rows {
                                    for c in r {
                                        let text = egui::RichText::new(c.display());
                                        let text = if c.is_withheld() {
                                            text.italics().color(egui::Color32::GRAY)
                                        } else {
                                            text
                                        };
                                        let resp = ui.label(text);
                                        if matches!(c, Cell::Small(_)) {
                                            resp.on_hover_text(tr("export.small_help"));
                                        } else if matches!(c, Cell::Hidden) {
                                            resp.on_hover_text(tr("export.hidden_help"));
                                        }
                                    }
                                    ui.end_row();
                                }
                            });
                        });
                    for note in &t.notes {
                        ui.label(egui::RichText::new(note).small().italics());
                    }
                }
                Block::Figure(f) => {
                    ui.label(
                        egui::RichText::new(format!("[Figure: {}] {}", f.caption, f.alt)).italics(),
                    );
                }
            }
        }
    }
}
