//! The annex as an XLSX workbook: an "About" sheet with the classification
//! line, then one sheet per table (header row bold and frozen, counts as
//! numbers, shares as percentages, withheld cells as text). Text a
//! spreadsheet would read as a formula carries Excel's quote prefix. The
//! classification line is also the printed page header of every sheet.

use super::markdown::header_line;
use super::{Annex, Cell, needs_formula_escape};
use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook, XlsxError};

/// The workbook's bytes.
pub fn write(annex: &Annex) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_font_color(Color::White)
        .set_background_color(Color::RGB(0x003A70))
        .set_text_wrap();
    let quoted = Format::new().set_quote_prefix();
    let total = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xEEF3F9));
    let withheld = Format::new().set_italic().set_align(FormatAlign::Right);
    let percent = Format::new().set_num_format("0%");
    let page_header = format!("&C&\"-,Bold\"{}", annex.classification.replace('&', "&&"));
    {
        let ws = wb.add_worksheet();
        ws.set_name("About")?;
        ws.set_header(&page_header);
        ws.write_string_with_format(0, 0, &annex.classification, &bold)?;
        ws.write_string_with_format(2, 0, &annex.title, &bold)?;
        ws.write_string(3, 0, &annex.subtitle)?;
        ws.write_string(4, 0, header_line(annex))?;
        ws.write_string_with_format(6, 0, "Sheet", &head)?;
        ws.write_string_with_format(6, 1, "Table", &head)?;
        for (i, t) in annex.tables().enumerate() {
            ws.write_string(7 + i as u32, 0, sheet_name(&t.id))?;
            ws.write_string(7 + i as u32, 1, &t.caption)?;
        }
        let mut row = 8 + annex.tables().count() as u32;
        ws.write_string_with_format(row, 0, "Sources", &bold)?;
        for a in &annex.attributions {
            row += 1;
            ws.write_string(row, 0, a)?;
        }
        ws.set_column_width(0, 24)?;
        ws.set_column_width(1, 70)?;
    }
    for t in annex.tables() {
        let ws = wb.add_worksheet();
        ws.set_name(sheet_name(&t.id))?;
        ws.set_header(&page_header);
        ws.set_paper_size(9); // A4
        for (c, h) in t.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &head)?;
        }
        for (i, r) in t.rows.iter().enumerate() {
            let row = (i + 1) as u32;
            let is_total = t.is_total_row(i);
            for (c, cell) in r.iter().enumerate() {
                let col = c as u16;
                match cell {
                    Cell::Count(n) if is_total => ws
                        .write_number_with_format(row, col, *n as f64, &total)
                        .map(|_| ())?,
                    Cell::Count(n) => ws.write_number(row, col, *n as f64).map(|_| ())?,
                    Cell::Decimal(v, _) => ws.write_number(row, col, *v).map(|_| ())?,
                    Cell::Percent(p) => ws
                        .write_number_with_format(row, col, *p, &percent)
                        .map(|_| ())?,
                    Cell::Small(_) | Cell::Hidden => ws
                        .write_string_with_format(row, col, cell.display(), &withheld)
                        .map(|_| ())?,
                    Cell::Text(s) if needs_formula_escape(s) => ws
                        .write_string_with_format(row, col, s, &quoted)
                        .map(|_| ())?,
                    Cell::Text(s) if is_total => ws
                        .write_string_with_format(row, col, s, &total)
                        .map(|_| ())?,
                    Cell::Empty => {}
                    other => ws.write_string(row, col, other.display()).map(|_| ())?,
                }
            }
        }
        for (note_row, n) in (t.rows.len() as u32 + 2..).zip(&t.notes) {
            ws.write_string(note_row, 0, n)?;
        }
        ws.set_freeze_panes(1, 0)?;
        ws.set_autofit_max_width(320);
        ws.autofit();
    }
    wb.save_to_buffer()
}

/// A sheet name from a table id: at most 31 characters, none of `[]:*?/\`.
pub fn sheet_name(id: &str) -> String {
    id.chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}
