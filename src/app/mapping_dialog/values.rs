//! The mapping dialog's value lists: every row of the file, read in the
//! background, and the perpetrator column's distinct values with their
//! counts, each mapped to a type (suggested from its wording).

use super::MappingDialog;
use crate::app::i18n::{tr, tr_args};
use crate::app::labels::lbl;
use crate::import::fields::is_tag_row;
use crate::import::mapping::{check_mapping, normalise_value};
use crate::import::workbook::SheetInfo;
use crate::model::PerpetratorType;
use crate::model::perpetrator::suggest_type_for_value;

/// Every row of the file (header first) and whether the file went on past
/// them, or why it could not be read.
pub(super) type TableRead = Result<(Vec<Vec<String>>, bool, Vec<SheetInfo>), String>;

/// Every row of the file, read in the background for the value lists and
/// the live check (the preview holds only the first rows).
pub(super) enum Rows {
    Reading(std::sync::mpsc::Receiver<TableRead>),
    Ready {
        rows: Vec<Vec<String>>,
        /// The file went on past what was read.
        truncated: bool,
    },
    Failed(String),
}

impl MappingDialog {
    /// Waits until every row of the file is read (for tests and scripts).
    pub fn wait_for_rows(&mut self) {
        while matches!(self.rows, Rows::Reading(_)) {
            std::thread::sleep(std::time::Duration::from_millis(5));
            self.poll_rows();
        }
    }

    /// Takes the background read's result when it has come.
    pub(super) fn poll_rows(&mut self) {
        let Rows::Reading(rx) = &self.rows else {
            return;
        };
        let next = match rx.try_recv() {
            Ok(Ok((rows, truncated, sheets))) => {
                self.sheets = sheets;
                Rows::Ready { rows, truncated }
            }
            Ok(Err(e)) => Rows::Failed(e),
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Rows::Failed(tr("mapping.read_failed").to_string())
            }
        };
        self.rows = next;
        self.values = None;
        self.check = check_mapping(&self.mapping, self.all_rows());
    }

    /// Every row read (header first), or the preview until they are read.
    pub(super) fn all_rows(&self) -> &[Vec<String>] {
        match &self.rows {
            Rows::Ready { rows, .. } if !rows.is_empty() => rows,
            _ => &self.preview,
        }
    }

    /// The distinct values of a column over every row read, most frequent
    /// first, with their row counts.
    pub(super) fn distinct_values(&mut self, column: &str) -> Vec<(String, u64)> {
        if let Some((c, v)) = &self.values
            && c == column
        {
            return v.clone();
        }
        let Some(i) = self.columns.iter().position(|c| c == column) else {
            return Vec::new();
        };
        let rows = self.all_rows();
        let skip = if rows.get(1).is_some_and(|r| is_tag_row(r)) {
            2
        } else {
            1
        };
        let mut counts: std::collections::BTreeMap<String, u64> = std::collections::BTreeMap::new();
        for r in rows.iter().skip(skip) {
            let v = r
                .get(i)
                .map(|s| s.trim().trim_end_matches([',', ' ']))
                .unwrap_or("");
            if !v.is_empty() {
                *counts.entry(v.to_string()).or_insert(0) += 1;
            }
        }
        let mut v: Vec<(String, u64)> = counts.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        self.values = Some((column.to_string(), v.clone()));
        v
    }

    /// The perpetrator column's values over every row, with their counts,
    /// and the type each maps to (the suggestion from its wording until the
    /// analyst picks one). Every value shown is written into the mapping.
    pub(super) fn values_ui(&mut self, ui: &mut egui::Ui) -> bool {
        let mut changed = false;
        let Some(pcol) = self.mapping.perpetrator.clone() else {
            return false;
        };
        let values = self.distinct_values(&pcol);
        if values.is_empty() {
            return false;
        }
        let reading = matches!(self.rows, Rows::Reading(_));
        let heading = tr_args(
            "mapping.values_counted",
            &[
                ("n", &values.len().to_string()),
                ("rows", &values.iter().map(|v| v.1).sum::<u64>().to_string()),
            ],
        );
        egui::CollapsingHeader::new(heading)
            .id_salt("mapping-values")
            .default_open(true)
            .show(ui, |ui| {
                if reading {
                    ui.label(
                        egui::RichText::new(tr("mapping.reading_rows"))
                            .small()
                            .weak(),
                    );
                }
                egui::ScrollArea::vertical()
                    .id_salt("mapping-values-scroll")
                    .max_height(220.0)
                    .show(ui, |ui| {
                        egui::Grid::new("values").num_columns(2).show(ui, |ui| {
                            for (v, n) in &values {
                                changed |= self.value_row(ui, v, *n);
                                ui.end_row();
                            }
                        });
                    });
            });
        changed
    }

    /// One value of the perpetrator column: its count and its type.
    pub(super) fn value_row(&mut self, ui: &mut egui::Ui, v: &str, n: u64) -> bool {
        let key = normalise_value(v);
        let listed = self
            .mapping
            .perpetrator_values
            .iter()
            .find(|(k, _)| normalise_value(k) == key)
            .map(|(_, t)| *t);
        let current = listed.unwrap_or_else(|| suggest_type_for_value(v));
        let mut chosen = current;
        let label = tr_args("mapping.value_rows", &[("value", v), ("n", &n.to_string())]);
        ui.label(&label);
        egui::ComboBox::new(("value", v), "")
            .selected_text(lbl(chosen))
            .show_ui(ui, |ui| {
                for t in PerpetratorType::ALL {
                    ui.selectable_value(&mut chosen, t, lbl(t));
                }
            })
            .response
            .widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::ComboBox,
                    true,
                    format!("{v}: {}", lbl(chosen)),
                )
            });
        if listed.is_none() || chosen != current {
            self.mapping
                .perpetrator_values
                .insert(v.to_string(), chosen);
        }
        chosen != current
    }
}
