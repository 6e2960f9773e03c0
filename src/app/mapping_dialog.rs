//! The column-mapping dialog for a file of unknown shape: the first rows,
//! a mapping suggested from the header names and HXL tags, a live check of
//! what the mapping makes of those rows ("2 dates could not be read, e.g.
//! row 14: …"), saved profiles, and "Import with this mapping".

use super::commands::AppCommand;
use super::i18n::tr;
use super::labels::lbl;
use crate::import::ColumnMapping;
use crate::import::fields::{Header, HxlTag, is_tag_row};
use crate::import::mapping::{MappingCheck, check_mapping, normalise_value};
use crate::model::PerpetratorType;
use crate::model::dates::DateOrder;
use crate::model::perpetrator::suggest_type_for_value;
use std::path::PathBuf;

/// Where mapping profiles are kept.
pub fn profiles_dir() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("poc-workbench").join("mappings")
}

/// Saves a profile as `<name>.ron` in `profiles_dir`, atomically.
pub fn save_profile(m: &ColumnMapping) -> Result<PathBuf, String> {
    let dir = profiles_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let stem: String = m
        .name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = dir.join(format!(
        "{}.ron",
        if stem.is_empty() {
            "mapping".to_string()
        } else {
            stem
        }
    ));
    let tmp = path.with_extension("ron.tmp");
    std::fs::write(&tmp, m.to_ron()).map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, &path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// The saved profiles, and why any profile file could not be read (shown
/// in the dialog: a broken profile is not skipped without a word).
fn load_profiles() -> (Vec<(String, ColumnMapping)>, Vec<String>) {
    let mut out = Vec::new();
    let mut broken = Vec::new();
    // No folder yet: no profile saved yet.
    if let Ok(rd) = std::fs::read_dir(profiles_dir()) {
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_none_or(|x| x != "ron") {
                continue;
            }
            match ColumnMapping::load(&p) {
                Ok(m) => out.push((
                    p.file_stem()
                        .map(|s| s.to_string_lossy().to_string())
                        .unwrap_or_default(),
                    m,
                )),
                Err(e) => broken.push(e.to_string()),
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    (out, broken)
}

/// The dialog's state.
pub struct MappingDialog {
    pub path: PathBuf,
    pub preview: Vec<Vec<String>>,
    pub mapping: ColumnMapping,
    pub check: MappingCheck,
    pub reason: String,
    columns: Vec<String>,
    profiles: Vec<(String, ColumnMapping)>,
    /// Profile files that could not be read, and why.
    broken_profiles: Vec<String>,
}

impl MappingDialog {
    /// A dialog for `path`, with its preview (header first) and why it opened.
    pub fn new(path: PathBuf, preview: Vec<Vec<String>>, reason: String) -> Self {
        let names = preview.first().cloned().unwrap_or_default();
        let tags: Vec<Option<HxlTag>> = match preview.get(1) {
            Some(r) if is_tag_row(r) => r.iter().map(|c| HxlTag::parse(c)).collect(),
            _ => Vec::new(),
        };
        let (header, _) = Header::new(names, tags);
        let columns = (0..header.width()).map(|i| header.display(i)).collect();
        let mut mapping = ColumnMapping::suggest(&header);
        mapping.name = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let check = check_mapping(&mapping, &preview);
        let (profiles, broken_profiles) = load_profiles();
        MappingDialog {
            path,
            preview,
            mapping,
            check,
            reason,
            columns,
            profiles,
            broken_profiles,
        }
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

    fn distinct_values(&self, column: &str) -> Vec<String> {
        let Some(i) = self.columns.iter().position(|c| c == column) else {
            return Vec::new();
        };
        let skip = if self.preview.get(1).is_some_and(|r| is_tag_row(r)) {
            2
        } else {
            1
        };
        let mut v: Vec<String> = self
            .preview
            .iter()
            .skip(skip)
            .filter_map(|r| r.get(i))
            .map(|s| s.trim().trim_end_matches([',', ' ']).to_string())
            .filter(|s| !s.is_empty())
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// Shows the dialog; returns false once it is closed. Commands go to `out`.
    pub fn show(&mut self, ctx: &egui::Context, out: &mut Vec<AppCommand>) -> bool {
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
                if !self.profiles.is_empty() {
                    ui.horizontal_wrapped(|ui| {
                        ui.label(tr("mapping.profile"));
                        for (name, m) in &self.profiles {
                            if ui.button(name).clicked() {
                                self.mapping = m.clone();
                            }
                        }
                    });
                }
                let mut changed = self.columns_ui(ui);
                changed |= self.values_ui(ui);
                if changed {
                    self.check = check_mapping(&self.mapping, &self.preview);
                }
                ui.separator();
                self.check_ui(ui);
                ui.separator();
                keep = self.actions_ui(ui, out);
            });
        keep
    }

    /// Which column holds what; true when something changed.
    fn columns_ui(&mut self, ui: &mut egui::Ui) -> bool {
        let mut changed = false;
        let cols = self.columns.clone();
        egui::Grid::new("mapping-grid")
            .num_columns(1)
            .show(ui, |ui| {
                let mut date = Some(self.mapping.date.clone()).filter(|d| !d.is_empty());
                egui::ComboBox::new("date", tr("mapping.date"))
                    .selected_text(
                        date.clone()
                            .unwrap_or_else(|| tr("mapping.none").to_string()),
                    )
                    .width(240.0)
                    .show_ui(ui, |ui| {
                        for c in &cols {
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
                ] {
                    changed |= Self::column_combo(ui, tr(key), &cols, slot);
                }
            });
        changed
    }

    /// The perpetrator column's values and the type each maps to.
    fn values_ui(&mut self, ui: &mut egui::Ui) -> bool {
        let mut changed = false;
        let Some(pcol) = self.mapping.perpetrator.clone() else {
            return false;
        };
        let values = self.distinct_values(&pcol);
        if values.is_empty() {
            return false;
        }
        ui.collapsing(tr("mapping.values"), |ui| {
            egui::Grid::new("values").num_columns(1).show(ui, |ui| {
                for v in values {
                    let key = normalise_value(&v);
                    let current = self
                        .mapping
                        .perpetrator_values
                        .iter()
                        .find(|(k, _)| normalise_value(k) == key)
                        .map(|(_, t)| *t)
                        .unwrap_or_else(|| suggest_type_for_value(&v));
                    let mut chosen = current;
                    egui::ComboBox::new(("value", &v), &v)
                        .selected_text(lbl(chosen))
                        .show_ui(ui, |ui| {
                            for t in PerpetratorType::ALL {
                                ui.selectable_value(&mut chosen, t, lbl(t));
                            }
                        });
                    if chosen != current || !self.mapping.perpetrator_values.contains_key(&v) {
                        self.mapping.perpetrator_values.insert(v.clone(), chosen);
                        changed |= chosen != current;
                    }
                    ui.end_row();
                }
            });
        });
        changed
    }

    fn check_ui(&self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.strong(tr("mapping.check"));
            let color = if self.check.error.is_some() || self.check.date_errors > 0 {
                ui.visuals().warn_fg_color
            } else {
                ui.visuals().text_color()
            };
            ui.colored_label(color, self.check.summary());
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
            let ok = self.check.error.is_none() && !self.mapping.date.is_empty();
            if ui
                .add_enabled(ok, egui::Button::new(tr("mapping.import")))
                .clicked()
            {
                out.push(AppCommand::OpenWithMapping(
                    self.path.clone(),
                    self.mapping.clone(),
                ));
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
