//! The column-mapping dialog for a file of unknown shape: the first rows,
//! a mapping suggested from the header names and HXL tags, a live check of
//! what the mapping makes of those rows ("2 dates could not be read, e.g.
//! row 14: …"), saved profiles, and "Import with this mapping".

use super::commands::AppCommand;
use super::i18n::{tr, tr_args};
use super::mapping_profiles::{Profile, bundled_profiles, load_profiles};
use crate::import::ColumnMapping;
use crate::import::mapping::{MappingCheck, check_mapping};
use crate::model::dates::DateOrder;
use std::path::PathBuf;

mod monitoring;
mod sheets;
mod values;
use sheets::{header_of, read_rows};
use values::Rows;

/// The dialog's state.
pub struct MappingDialog {
    pub path: PathBuf,
    pub preview: Vec<Vec<String>>,
    pub mapping: ColumnMapping,
    pub check: MappingCheck,
    pub reason: String,
    columns: Vec<String>,
    /// Profiles whose columns all exist in this file.
    profiles: Vec<Profile>,
    /// Saved or bundled profiles left out because the file lacks a column
    /// they name.
    other_profiles: usize,
    /// Profile files that could not be read, and why.
    broken_profiles: Vec<String>,
    rows: Rows,
    /// The perpetrator column's values over every row, with their counts
    /// (cached per column).
    values: Option<(String, Vec<(String, u64)>)>,
    /// The loaded dataset this dialog changes the mapping of, if any.
    pub remap: Option<usize>,
    /// A workbook's sheets (read with the rows; empty for a text file).
    pub sheets: Vec<crate::import::workbook::SheetInfo>,
}

impl MappingDialog {
    /// A dialog for `path`, with its preview (header first) and why it opened.
    pub fn new(path: PathBuf, preview: Vec<Vec<String>>, reason: String) -> Self {
        let (header, columns) = header_of(&preview);
        let mut mapping = ColumnMapping::suggest(&header);
        mapping.name = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let check = check_mapping(&mapping, &preview);
        let (saved, broken_profiles) = load_profiles();
        // A profile is offered only when every column it names is here.
        let head: Vec<Vec<String>> = preview.iter().take(2).cloned().collect();
        let (profiles, other): (Vec<Profile>, Vec<Profile>) = bundled_profiles()
            .into_iter()
            .chain(saved.into_iter().map(|(name, mapping)| Profile {
                name,
                mapping,
                bundled: false,
            }))
            .partition(|p| check_mapping(&p.mapping, &head).error.is_none());
        let rows = read_rows(&path, None);
        MappingDialog {
            path,
            preview,
            mapping,
            check,
            reason,
            columns,
            profiles,
            other_profiles: other.len(),
            broken_profiles,
            rows,
            values: None,
            remap: None,
            sheets: Vec::new(),
        }
    }

    /// A dialog that changes the mapping of loaded dataset `index`.
    pub fn remapping(
        index: usize,
        path: PathBuf,
        preview: Vec<Vec<String>>,
        mapping: ColumnMapping,
        reason: String,
    ) -> Self {
        let mut d = MappingDialog::new(path, preview, reason);
        d.check = check_mapping(&mapping, &d.preview);
        let sheet = mapping.sheet.clone();
        d.mapping = mapping;
        d.remap = Some(index);
        if sheet.is_some() {
            d.choose_sheet(sheet);
        }
        d
    }

    fn column_combo(
        ui: &mut egui::Ui,
        label: &str,
        columns: &[String],
        value: &mut Option<String>,
    ) -> bool {
        let mut changed = false;
        egui::ComboBox::new(label, label)
            .selected_text(
                value
                    .clone()
                    .unwrap_or_else(|| tr("mapping.none").to_string()),
            )
            .width(240.0)
            .show_ui(ui, |ui| {
                changed |= ui
                    .selectable_value(value, None, tr("mapping.none"))
                    .changed();
                for c in columns {
                    changed |= ui.selectable_value(value, Some(c.clone()), c).changed();
                }
            });
        ui.end_row();
        changed
    }

    /// Shows the dialog; returns false once it is closed. Commands go to `out`.
    pub fn show(&mut self, ctx: &egui::Context, out: &mut Vec<AppCommand>) -> bool {
        self.poll_rows();
        if matches!(self.rows, Rows::Reading(_)) {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
        let mut keep = true;
        let title = format!(
            "{} — {}",
            tr("mapping.title"),
            self.path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default()
        );
        egui::Window::new(title)
            .id(egui::Id::unique("mapping-dialog"))
            .default_size([760.0, 620.0])
            .show(ctx, |ui| {
                ui.label(tr("mapping.why"));
                ui.label(egui::RichText::new(&self.reason).small().weak());
                for b in &self.broken_profiles {
                    ui.colored_label(ui.visuals().warn_fg_color, b);
                }
                self.profiles_ui(ui);
                self.sheet_ui(ui);
                // The form scrolls; the check and the buttons stay in view.
                let form_height = (ui.ctx().content_rect().height() - 330.0).max(160.0);
                let mut changed = false;
                egui::ScrollArea::vertical()
                    .id_salt("mapping-form")
                    .max_height(form_height)
                    .show(ui, |ui| {
                        changed |= self.columns_ui(ui);
                        changed |= self.values_ui(ui);
                    });
                if changed {
                    self.check = check_mapping(&self.mapping, self.all_rows());
                }
                ui.separator();
                self.check_ui(ui);
                ui.separator();
                keep = self.actions_ui(ui, out);
            });
        keep
    }

    /// The profiles that fit this file (bundled ones marked), and how many
    /// others do not.
    fn profiles_ui(&mut self, ui: &mut egui::Ui) {
        if self.profiles.is_empty() && self.other_profiles == 0 {
            return;
        }
        let mut chosen = None;
        ui.horizontal_wrapped(|ui| {
            ui.label(tr("mapping.profile"));
            for (i, p) in self.profiles.iter().enumerate() {
                let name = if p.bundled {
                    format!("{} ({})", p.name, tr("mapping.bundled"))
                } else {
                    p.name.clone()
                };
                if ui.button(name).clicked() {
                    chosen = Some(i);
                }
            }
            if self.other_profiles > 0 {
                ui.label(
                    egui::RichText::new(tr_args(
                        "mapping.other_profiles",
                        &[("n", &self.other_profiles.to_string())],
                    ))
                    .small()
                    .weak(),
                );
            }
        });
        if let Some(i) = chosen {
            self.mapping = self.profiles[i].mapping.clone();
            self.check = check_mapping(&self.mapping, self.all_rows());
        }
    }

    /// Which column holds what; true when something changed.
    fn columns_ui(&mut self, ui: &mut egui::Ui) -> bool {
        let mut changed = false;
        let cols = self.columns.clone();
        ui.horizontal(|ui| {
            let mut parts = self.mapping.date_parts.is_some();
            changed |= ui
                .radio_value(&mut parts, false, tr("mapping.date_one_column"))
                .changed();
            changed |= ui
                .radio_value(&mut parts, true, tr("mapping.date_parts"))
                .changed();
            if parts && self.mapping.date_parts.is_none() {
                self.mapping.date_parts = Some(crate::model::mapping::DateParts::default());
            } else if !parts {
                self.mapping.date_parts = None;
            }
        });
        egui::Grid::new("mapping-grid")
            .num_columns(1)
            .show(ui, |ui| {
                if let Some(p) = self.mapping.date_parts.as_mut() {
                    for (key, slot) in [
                        ("mapping.year", &mut p.year),
                        ("mapping.month", &mut p.month),
                    ] {
                        let mut v = Some(slot.clone()).filter(|d| !d.is_empty());
                        changed |= Self::column_combo(ui, tr(key), &cols, &mut v);
                        *slot = v.unwrap_or_default();
                    }
                    changed |= Self::column_combo(ui, tr("mapping.day"), &cols, &mut p.day);
                } else {
                    changed |= self.date_column_ui(ui, &cols);
                }
                let m = &mut self.mapping;
                for (key, slot) in [
                    ("mapping.admin1", &mut m.admin1),
                    ("mapping.admin2", &mut m.admin2),
                    ("mapping.country", &mut m.country),
                    ("mapping.perpetrator", &mut m.perpetrator),
                    ("mapping.actor", &mut m.actor),
                    ("mapping.fatalities", &mut m.fatalities),
                    ("mapping.latitude", &mut m.latitude),
                    ("mapping.longitude", &mut m.longitude),
                    ("mapping.event_type", &mut m.event_type),
                    ("mapping.event_id", &mut m.event_id),
                    ("mapping.date_end", &mut m.date_end),
                ] {
                    changed |= Self::column_combo(ui, tr(key), &cols, slot);
                }
            });
        changed |= Self::monitoring_ui(ui, &mut self.mapping, &cols);
        changed
    }

    /// The one date column and its day/month order.
    fn date_column_ui(&mut self, ui: &mut egui::Ui, cols: &[String]) -> bool {
        let mut changed = false;
        let mut date = Some(self.mapping.date.clone()).filter(|d| !d.is_empty());
        egui::ComboBox::new("date", tr("mapping.date"))
            .selected_text(
                date.clone()
                    .unwrap_or_else(|| tr("mapping.none").to_string()),
            )
            .width(240.0)
            .show_ui(ui, |ui| {
                for c in cols {
                    changed |= ui.selectable_value(&mut date, Some(c.clone()), c).changed();
                }
            });
        self.mapping.date = date.unwrap_or_default();
        ui.end_row();
        ui.horizontal(|ui| {
            ui.label(tr("mapping.date_order"));
            for (v, key) in [
                (None, "mapping.auto"),
                (Some(DateOrder::DayFirst), "mapping.day_first"),
                (Some(DateOrder::MonthFirst), "mapping.month_first"),
            ] {
                changed |= ui
                    .radio_value(&mut self.mapping.date_order, v, tr(key))
                    .changed();
            }
        });
        ui.end_row();
        changed
    }

    fn check_ui(&self, ui: &mut egui::Ui) {
        match &self.rows {
            Rows::Reading(_) => {
                ui.label(
                    egui::RichText::new(tr("mapping.reading_rows"))
                        .small()
                        .weak(),
                );
            }
            Rows::Ready {
                truncated: true, ..
            } => {
                ui.colored_label(ui.visuals().warn_fg_color, tr("mapping.rows_truncated"));
            }
            Rows::Failed(e) => {
                ui.colored_label(ui.visuals().warn_fg_color, e);
            }
            Rows::Ready { .. } => {}
        }
        ui.horizontal_wrapped(|ui| {
            ui.strong(tr("mapping.check"));
            let color = if self.check.error.is_some() || self.check.date_errors > 0 {
                ui.visuals().warn_fg_color
            } else {
                ui.visuals().text_color()
            };
            ui.colored_label(color, self.check.summary_in(super::i18n::language()));
        });
        ui.collapsing(tr("mapping.preview"), |ui| {
            egui::ScrollArea::both().max_height(180.0).show(ui, |ui| {
                egui::Grid::new("preview").striped(true).show(ui, |ui| {
                    for row in self.preview.iter().take(12) {
                        for c in row.iter().take(12) {
                            ui.label(c.chars().take(30).collect::<String>());
                        }
                        ui.end_row();
                    }
                });
            });
        });
    }

    /// Import, save the profile, cancel; false once the dialog closes.
    fn actions_ui(&mut self, ui: &mut egui::Ui, out: &mut Vec<AppCommand>) -> bool {
        let mut keep = true;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label(tr("mapping.profile_name"));
            ui.text_edit_singleline(&mut self.mapping.name)
                .labelled_by(label.id);
            let ok = self.check.error.is_none() && self.mapping.has_date();
            let label = if self.remap.is_some() {
                tr("mapping.reapply")
            } else {
                tr("mapping.import")
            };
            if ui.add_enabled(ok, egui::Button::new(label)).clicked() {
                out.push(match self.remap {
                    Some(i) => AppCommand::Remap(i, self.mapping.clone()),
                    None => AppCommand::OpenWithMapping(self.path.clone(), self.mapping.clone()),
                });
                keep = false;
            }
            if ui.button(tr("mapping.save")).clicked() {
                out.push(AppCommand::SaveProfile(self.mapping.clone()));
            }
            if ui.button(tr("mapping.cancel")).clicked() {
                keep = false;
            }
        });
        keep
    }
}
