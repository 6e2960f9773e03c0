//! The sheets of a workbook in the mapping dialog: every row of the sheet
//! read in the background, the header of a preview, and reading the file
//! again as another sheet.

use super::super::i18n::{tr, tr_args};
use super::MappingDialog;
use super::values::Rows;
use crate::import::fields::{Header, HxlTag, is_tag_row};
use crate::import::mapping::check_mapping;

/// Every row of `path` (of `sheet`, else the data sheet) and the workbook's
/// sheets, read in the background.
pub(super) fn read_rows(path: &std::path::Path, sheet: Option<String>) -> Rows {
    let (tx, rx) = std::sync::mpsc::channel();
    let file = path.to_path_buf();
    std::thread::spawn(move || {
        let read = crate::import::source::table_sheet(&file, sheet.as_deref()).and_then(
            |(rows, truncated)| {
                let sheets = crate::import::source::workbook_sheets(&file)?;
                Ok((rows, truncated, sheets))
            },
        );
        // The dialog may be closed by now: then nobody is told.
        tx.send(read.map_err(|e| crate::app::i18n::said(&e))).ok();
    });
    Rows::Reading(rx)
}

/// The header of a preview (names, then tags if the next row holds them)
/// and its columns as shown.
pub(super) fn header_of(preview: &[Vec<String>]) -> (Header, Vec<String>) {
    let names = preview.first().cloned().unwrap_or_default();
    let tags: Vec<Option<HxlTag>> = match preview.get(1) {
        Some(r) if is_tag_row(r) => r.iter().map(|c| HxlTag::parse(c)).collect(),
        _ => Vec::new(),
    };
    let (header, _) = Header::new(names, tags);
    let columns = (0..header.width()).map(|i| header.display(i)).collect();
    (header, columns)
}

impl MappingDialog {
    /// Reads the file again as the sheet chosen (`None`: the data sheet with
    /// the sheets that share its columns), keeping the columns chosen that
    /// the new header has.
    pub fn choose_sheet(&mut self, sheet: Option<String>) {
        self.mapping.sheet = sheet.clone();
        match crate::import::source::preview_sheet(&self.path, 40, sheet.as_deref()) {
            Ok(preview) => {
                self.columns = header_of(&preview).1;
                self.preview = preview;
            }
            Err(e) => self.rows = Rows::Failed(crate::app::i18n::said(&e)),
        }
        let keep = |c: &mut Option<String>, cols: &[String]| {
            if c.as_ref().is_some_and(|c| !cols.contains(c)) {
                *c = None;
            }
        };
        let cols = self.columns.clone();
        let m = &mut self.mapping;
        for slot in [
            &mut m.admin1,
            &mut m.admin2,
            &mut m.country,
            &mut m.perpetrator,
            &mut m.actor,
            &mut m.fatalities,
            &mut m.latitude,
            &mut m.longitude,
            &mut m.event_type,
            &mut m.event_id,
            &mut m.date_end,
            &mut m.violation_type,
            &mut m.verification,
        ] {
            keep(slot, &cols);
        }
        m.victims.retain(|c| cols.contains(c));
        if !cols.contains(&m.date) {
            m.date.clear();
        }
        let sheets = std::mem::take(&mut self.sheets);
        self.rows = read_rows(&self.path, sheet);
        self.sheets = sheets;
        self.values = None;
        self.check = check_mapping(&self.mapping, &self.preview);
    }

    /// The sheet to read, for a workbook of several sheets.
    pub(super) fn sheet_ui(&mut self, ui: &mut egui::Ui) {
        if self.sheets.len() < 2 {
            return;
        }
        let all = tr("mapping.sheet_all").to_string();
        let mut chosen = self.mapping.sheet.clone();
        ui.horizontal(|ui| {
            egui::ComboBox::new("mapping-sheet", tr("mapping.sheet"))
                .selected_text(chosen.clone().unwrap_or_else(|| all.clone()))
                .width(320.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut chosen, None, &all);
                    for s in &self.sheets {
                        let label = if s.hidden {
                            tr_args("mapping.sheet_hidden", &[("sheet", &s.name)])
                        } else {
                            s.name.clone()
                        };
                        ui.selectable_value(&mut chosen, Some(s.name.clone()), label);
                    }
                })
                .response
                .on_hover_text(tr("mapping.sheet_tip"));
        });
        if chosen != self.mapping.sheet {
            self.choose_sheet(chosen);
        }
    }
}
