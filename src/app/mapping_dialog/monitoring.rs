//! The monitoring-log part of the mapping dialog (METHODOLOGY §7).

use super::super::i18n::tr;
use super::MappingDialog;

impl MappingDialog {
    /// A monitoring log's columns (METHODOLOGY §7): violation types,
    /// victims (summed) and verification status. Values of the type and
    /// status columns are read by their wording; a `.ron` mapping can list
    /// them.
    pub(super) fn monitoring_ui(
        ui: &mut egui::Ui,
        m: &mut crate::import::ColumnMapping,
        cols: &[String],
    ) -> bool {
        let mut changed = false;
        egui::CollapsingHeader::new(tr("mapping.monitoring"))
            .id_salt("mapping-monitoring")
            .default_open(m.is_monitoring())
            .show(ui, |ui| {
                ui.label(egui::RichText::new(tr("mapping.monitoring_hint")).small());
                egui::Grid::new("mapping-monitoring-grid")
                    .num_columns(1)
                    .show(ui, |ui| {
                        changed |= Self::column_combo(
                            ui,
                            tr("mapping.violation_type"),
                            cols,
                            &mut m.violation_type,
                        );
                        changed |= Self::column_combo(
                            ui,
                            tr("mapping.verification"),
                            cols,
                            &mut m.verification,
                        );
                    });
                ui.label(tr("mapping.victims"));
                ui.horizontal_wrapped(|ui| {
                    for c in cols {
                        let mut on = m.victims.contains(c);
                        if ui.checkbox(&mut on, c).changed() {
                            changed = true;
                            if on {
                                m.victims.push(c.clone());
                            } else {
                                m.victims.retain(|x| x != c);
                            }
                        }
                    }
                });
            });
        changed
    }
}
