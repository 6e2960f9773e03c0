//! The export dialog (File → Export annex…, Ctrl+E): format, sharing level
//! and k, sections, recipients, the path (typed, or chosen through a file
//! dialog), and a preview of the annex as it will be written, with withheld
//! cells visible. The annex is built by the same `annex::build` the command
//! line uses; Write sends a command, and the handler writes the file
//! atomically, never over a source file, and asks before replacing a file
//! this assessment's exports did not write. The export is recorded in the
//! document without saving the analyst's other edits.

use super::ViewCtx;
use super::commands::{AppCommand, Purpose};
use super::document::DocState;
use super::i18n::{said, tr, tr_args};
use super::labels::lbl;
use crate::annex::build::SectionId;
use crate::annex::{Annex, AnnexOptions, Block, Cell, Format, Sections, build, export, level_key};
use crate::assessment::{ExportRecord, SharingLevel};
use std::path::PathBuf;

/// The dialog's state.
pub struct ExportDialog {
    pub format: Format,
    pub level: SharingLevel,
    pub k: u32,
    pub sections: Sections,
    pub recipients: String,
    pub path: String,
    /// Count verified monitoring-log records only (METHODOLOGY §7): the
    /// window's filter when the dialog opens.
    pub verified_only: bool,
    /// The country the annex covers when the data span several (default:
    /// the assessment's; `None`: every country).
    pub country: Option<String>,
    /// The annex's language (default: the window's).
    pub lang: crate::i18n::Lang,
    /// The preview and the options it was built with.
    preview: Option<(AnnexOptions, Annex)>,
    /// The document version and data generation the preview was built from:
    /// an edit, an undo or a load while the dialog is open rebuilds it.
    preview_for: (u64, u64),
    /// What the export would warn about or refuse (`period_check`), worked
    /// out with the preview, not every frame.
    warnings: Result<Vec<crate::i18n::Bi>, crate::i18n::Bi>,
    pub error: Option<String>,
    /// Asking whether to replace this file, which the workbench did not write.
    pub ask_replace: Option<PathBuf>,
}

/// What Write did.
pub enum Outcome {
    /// Written: the record to keep and the message to show.
    Written(ExportRecord, String),
    /// The file exists and was not written by an export: ask first.
    AskReplace,
}

impl ExportDialog {
    /// Defaults from the assessment (its level and k), beside its file.
    pub fn new(doc: Option<&DocState>) -> Self {
        let (level, k, dir, stem) = match doc {
            Some(d) => (
                d.assessment().sharing,
                d.assessment().suppression_k.max(crate::annex::MIN_K),
                d.path().and_then(|p| p.parent().map(PathBuf::from)),
                // The file's name, or the name of what it is a copy of.
                d.path()
                    .or(d.source_of_copy())
                    .and_then(|p| p.file_stem())
                    .map_or("assessment".to_string(), |s| {
                        s.to_string_lossy().to_string()
                    }),
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
            verified_only: false,
            country: doc
                .map(|d| d.assessment().meta.country.trim().to_string())
                .filter(|c| !c.is_empty()),
            lang: super::i18n::language(),
            preview: None,
            preview_for: (0, 0),
            warnings: Ok(Vec::new()),
            error: None,
            ask_replace: None,
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
            verified_only: self.verified_only,
            country: self.country.clone(),
            lang: self.lang,
            changes: None,
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
pub fn show(
    ctx: &egui::Context,
    vctx: &ViewCtx<'_>,
    dialog: &mut ExportDialog,
    cmds: &mut Vec<AppCommand>,
) -> bool {
    let mut open = true;
    let mut close = false;
    egui::Window::new(tr("export.title"))
        .open(&mut open)
        .default_size([980.0, 680.0])
        .min_width(600.0)
        .resizable(true)
        .show(ctx, |ui| {
            let before = (dialog.format, dialog.level);
            egui::ScrollArea::horizontal()
                .id_salt("export-options-h")
                .show(ui, |ui| options_ui(ui, vctx, dialog, cmds));
            if before != (dialog.format, dialog.level) {
                dialog.retarget_path();
                dialog.ask_replace = None;
            }
            close = actions_ui(ui, dialog, cmds);
            ui.separator();
            // The preview, rebuilt when an option changes.
            let opts = dialog.options();
            let built_from = (vctx.doc.map_or(0, DocState::version), vctx.generation);
            let stale = dialog.preview_for != built_from
                || dialog.preview.as_ref().is_none_or(|(o, _)| {
                    (
                        o.level,
                        o.k,
                        o.sections,
                        &o.recipients,
                        o.verified_only,
                        &o.country,
                        o.lang,
                    ) != (
                        opts.level,
                        opts.k,
                        opts.sections,
                        &opts.recipients,
                        opts.verified_only,
                        &opts.country,
                        opts.lang,
                    )
                });
            if stale {
                dialog.preview_for = built_from;
                let a = vctx.doc.map(DocState::assessment);
                dialog.warnings = crate::annex::build::period_check(a, vctx.ws, &opts);
                let annex = build(a, vctx.ws, &opts);
                dialog.preview = Some((opts, annex));
            }
            if let Some((_, annex)) = &dialog.preview {
                // The same checks the export runs: a refusal shows before
                // the analyst presses Write.
                if let Err(e) = crate::annex::screen::check(annex) {
                    ui.colored_label(egui::Color32::from_rgb(176, 0, 32), said(&e));
                }
                // The same warnings the command line prints (an uncleared
                // annex going out, a period with no data).
                match &dialog.warnings {
                    Ok(warnings) => {
                        for w in warnings {
                            ui.colored_label(ui.visuals().warn_fg_color, said(w));
                        }
                    }
                    Err(e) => {
                        ui.colored_label(egui::Color32::from_rgb(176, 0, 32), said(e));
                    }
                }
                egui::ScrollArea::both()
                    .auto_shrink(false)
                    .show(ui, |ui| preview_ui(ui, annex));
            }
        });
    open && !close
}

/// The country of the annex, for data that span several (a global
/// monitoring log): the disclosure audit takes one country's regions.
fn country_ui(ui: &mut egui::Ui, vctx: &ViewCtx<'_>, dialog: &mut ExportDialog) {
    let label = tr("export.country");
    ui.label(label);
    let all = tr("export.all_countries");
    let response = egui::ComboBox::from_id_salt("export-country")
        .selected_text(dialog.country.as_deref().unwrap_or(all))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut dialog.country, None, all);
            for c in vctx.ws.countries() {
                let v = Some(c.clone());
                ui.selectable_value(&mut dialog.country, v, c);
            }
        })
        .response
        .on_hover_text(tr("export.country_help"));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, label));
}

fn options_ui(
    ui: &mut egui::Ui,
    vctx: &ViewCtx<'_>,
    dialog: &mut ExportDialog,
    cmds: &mut Vec<AppCommand>,
) {
    egui::Grid::new("export-options")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("");
            ui.horizontal(|ui| {
                egui::ComboBox::new("export-format", tr("export.format"))
                    .selected_text(lbl(dialog.format))
                    .show_ui(ui, |ui| {
                        for f in Format::ALL {
                            ui.selectable_value(&mut dialog.format, f, lbl(f));
                        }
                    });
                ui.separator();
                ui.label(tr("export.language"));
                for l in crate::i18n::Lang::ALL {
                    ui.selectable_value(&mut dialog.lang, l, l.name());
                }
            });
            ui.end_row();
            ui.label(tr("export.level"));
            ui.horizontal(|ui| {
                for l in SharingLevel::ALL {
                    ui.selectable_value(&mut dialog.level, l, lbl(l));
                }
                ui.label(tr("export.k"));
                ui.add(egui::DragValue::new(&mut dialog.k).range(crate::annex::MIN_K..=50))
                    .on_hover_text(tr("export.k_help"));
            });
            ui.end_row();
            if vctx
                .ws
                .datasets
                .iter()
                .any(|d| !d.incidents.monitoring.is_empty())
            {
                ui.label(tr("filters.monitoring"));
                ui.checkbox(&mut dialog.verified_only, tr("filters.verified_only"))
                    .on_hover_text(tr("filters.verified_only_tip"));
                ui.end_row();
            }
            if vctx.ws.multi_country {
                country_ui(ui, vctx, dialog);
                ui.end_row();
            }
            ui.label(tr("export.sections"));
            sections_ui(ui, vctx, dialog);
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
                let r = ui
                    .add(egui::TextEdit::singleline(&mut dialog.path).desired_width(420.0))
                    .labelled_by(label.id);
                if r.changed() {
                    dialog.ask_replace = None;
                }
                if ui.button(tr("export.choose")).clicked() {
                    cmds.push(AppCommand::Pick(Purpose::ExportPath));
                }
            });
            ui.end_row();
        });
}

fn sections_ui(ui: &mut egui::Ui, vctx: &ViewCtx<'_>, dialog: &mut ExportDialog) {
    // Four to a row where they fit, else two (a small laptop).
    let per_row = if ui.available_width() < 900.0 { 2 } else { 4 };
    egui::Grid::new("export-sections")
        .num_columns(per_row)
        .show(ui, |ui| {
            // What goes at this level (METHODOLOGY §6, per audience): a section
            // left out is shown, greyed.
            let content = crate::annex::audience::Content::for_level(
                vctx.doc.map(DocState::assessment),
                dialog.level,
            );
            for (i, id) in SectionId::ALL.into_iter().enumerate() {
                let goes = content.sections.wants(id);
                ui.add_enabled(
                    goes,
                    egui::Checkbox::new(
                        dialog.sections.flag_mut(id),
                        format!("{}. {}", i + 1, lbl(id)),
                    ),
                )
                .on_disabled_hover_text(tr("export.left_out_help"));
                if i % per_row == per_row - 1 {
                    ui.end_row();
                }
            }
        });
}

/// Write, Cancel, the replace question and the last error; true = close.
fn actions_ui(ui: &mut egui::Ui, dialog: &mut ExportDialog, cmds: &mut Vec<AppCommand>) -> bool {
    let mut close = false;
    if let Some(p) = dialog.ask_replace.clone() {
        ui.horizontal_wrapped(|ui| {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                tr_args("export.exists", &[("file", &p.display().to_string())]),
            );
            if ui.button(tr("export.replace")).clicked() {
                cmds.push(AppCommand::Export { replace: true });
            }
            if ui.button(tr("common.cancel")).clicked() {
                dialog.ask_replace = None;
            }
        });
    }
    ui.horizontal_wrapped(|ui| {
        if ui
            .add(egui::Button::new(
                egui::RichText::new(tr("export.write")).strong(),
            ))
            .clicked()
        {
            cmds.push(AppCommand::Export { replace: false });
        }
        if ui.button(tr("common.cancel")).clicked() {
            close = true;
        }
        if let Some(e) = &dialog.error {
            ui.colored_label(egui::Color32::from_rgb(176, 0, 32), e);
        }
    });
    close
}

/// Writes the dialog's annex (called by the command handler, not while
/// drawing). `recorded` are the assessment's earlier exports: a file one
/// of them wrote, unchanged since, is replaced without asking; any other
/// existing file needs `replace`.
pub fn write(
    dialog: &mut ExportDialog,
    protected: &[PathBuf],
    recorded: &[ExportRecord],
    replace: bool,
) -> Result<Outcome, String> {
    let path = PathBuf::from(dialog.path.trim());
    if dialog.path.trim().is_empty() {
        return Err(tr("export.no_path").into());
    }
    let Some((_, annex)) = &dialog.preview else {
        return Err(tr("export.nothing").into());
    };
    // A dataset or the assessment itself is refused outright, never asked about.
    if protected
        .iter()
        .any(|p| crate::annex::export::same_file(p, &path))
    {
        return Err(said(&crate::annex::ExportError::WouldOverwriteSource(path)));
    }
    // "Replace" answers the question about this path only.
    let replace = replace && dialog.ask_replace.as_deref() == Some(path.as_path());
    if path.exists() && !replace && !crate::annex::export::written_by_export(&path, recorded) {
        dialog.ask_replace = Some(path);
        return Ok(Outcome::AskReplace);
    }
    dialog.ask_replace = None;
    let record = export(annex, dialog.format, &path, protected).map_err(|e| said(&e))?;
    let text = tr_args(
        "export.written",
        &[
            ("file", &record.path.display().to_string()),
            ("format", dialog.format.key()),
            ("level", lbl(record.level)),
        ],
    );
    Ok(Outcome::Written(record, text))
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
                        egui::RichText::new(tr_args(
                            "export.table_caption",
                            &[("n", &n_table.to_string()), ("caption", &t.caption)],
                        ))
                        .strong(),
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
                        egui::RichText::new(tr_args(
                            "export.figure",
                            &[("caption", &f.caption), ("alt", &f.alt)],
                        ))
                        .italics(),
                    );
                }
            }
        }
    }
}
