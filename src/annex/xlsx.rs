//! The annex as an XLSX workbook: an "About" sheet with the classification
//! line, then one sheet per table (header row bold and frozen, counts as
//! numbers, shares as percentages, withheld cells as text), then the
//! annex's text (key judgements, caveats, method) on its own sheet. Text a
//! spreadsheet would read as a formula carries Excel's quote prefix.
//! Printed, every sheet is A4, one page wide (landscape where the table is
//! wide), its header row repeated, with the classification at the head
//! and "page x of y" at the foot.

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
        .set_align(FormatAlign::Top)
        .set_bold()
        .set_background_color(Color::RGB(0xEEF3F9));
    let withheld = Format::new()
        .set_italic()
        .set_align(FormatAlign::Right)
        .set_align(FormatAlign::Top);
    let percent = Format::new()
        .set_num_format("0%")
        .set_align(FormatAlign::Top);
    let page_header = format!("&C&\"-,Bold\"{}", annex.classification.replace('&', "&&"));
    let lang = annex.lang;
    let page_footer = format!(
        "&L{}&RPage &P {} &N",
        annex
            .title
            .replace('&', "&&")
            .chars()
            .take(120)
            .collect::<String>(),
        crate::l!(lang, "of", "sur")
    );
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    // Text in a table cell stands a little off a number to its left.
    let text_cell = wrap.clone().set_indent(1);
    {
        let ws = wb.add_worksheet();
        ws.set_name(crate::l!(lang, "About", "À propos"))?;
        ws.set_header(&page_header);
        ws.set_footer(&page_footer);
        ws.set_paper_size(9); // A4
        ws.set_print_fit_to_pages(1, 0);
        ws.write_string_with_format(0, 0, &annex.classification, &bold)?;
        ws.write_string_with_format(2, 0, &annex.title, &bold)?;
        ws.write_string(3, 0, &annex.subtitle)?;
        ws.write_string(4, 0, header_line(annex))?;
        ws.write_string_with_format(6, 0, crate::l!(lang, "Sheet", "Feuille"), &head)?;
        ws.write_string_with_format(6, 1, crate::l!(lang, "Table", "Tableau"), &head)?;
        for (i, t) in annex.tables().enumerate() {
            ws.write_string(7 + i as u32, 0, sheet_name(&t.id))?;
            ws.write_string(7 + i as u32, 1, &t.caption)?;
        }
        let mut row = 7 + annex.tables().count() as u32;
        ws.write_string(row, 0, text_sheet_name(lang))?;
        ws.write_string(
            row,
            1,
            crate::l!(
                lang,
                "Key judgements, coverage and caveats, and the method, as text",
                "Principales conclusions, couverture et réserves, et méthode, en texte"
            ),
        )?;
        row += 2;
        ws.write_string_with_format(row, 0, "Sources", &bold)?;
        for a in &annex.attributions {
            row += 1;
            ws.write_string_with_format(row, 1, a, &wrap)?;
            ws.set_row_height(row, 15.0 * lines(a, 86) as f64)?;
        }
        ws.set_column_width(0, 24)?;
        ws.set_column_width(1, 90)?;
    }
    // Numbers at the top of their rows, level with wrapped text.
    let formats = Formats {
        head,
        quoted,
        total,
        withheld,
        percent,
        wrap: text_cell,
        lang,
    };
    for t in annex.tables() {
        table_sheet(&mut wb, t, &formats, &page_header)?;
    }
    text_sheet(&mut wb, annex, &page_header, &page_footer)?;
    wb.save_to_buffer()
}

/// The cell formats of the table sheets.
struct Formats {
    head: Format,
    quoted: Format,
    total: Format,
    withheld: Format,
    percent: Format,
    wrap: Format,
    lang: crate::i18n::Lang,
}

/// One table on its own sheet.
fn table_sheet(
    wb: &mut Workbook,
    t: &super::Table,
    f: &Formats,
    page_header: &str,
) -> Result<(), XlsxError> {
    let Formats {
        head,
        quoted,
        total,
        withheld,
        percent,
        wrap,
        ..
    } = f;
    let top = Format::new().set_align(FormatAlign::Top);
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(&t.id))?;
    // The classification at the head; the caption (cut to fit) and the
    // page number at the foot, apart, so neither overprints the other.
    ws.set_header(page_header);
    let caption: String = t.caption.chars().take(60).collect();
    let more = if t.caption.chars().count() > 60 {
        "…"
    } else {
        ""
    };
    ws.set_footer(format!(
        "&C{}{more}&RPage &P {} &N",
        caption.replace('&', "&&"),
        crate::l!(f.lang, "of", "sur")
    ));
    ws.set_paper_size(9); // A4
    // One page wide, as many long as it takes; wide tables turn the page.
    ws.set_print_fit_to_pages(1, 0);
    if t.header.len() > 6 {
        ws.set_landscape();
    }
    ws.set_repeat_rows(0, 0)?;
    // Column widths from the text (a cell never runs into the next),
    // long text wrapped in rows as tall as it needs.
    let widths: Vec<usize> = (0..t.header.len())
        .map(|c| {
            t.rows
                .iter()
                .filter_map(|r| r.get(c))
                .map(|x| x.display().chars().count())
                .chain(t.header[c].split_whitespace().map(|w| w.chars().count()))
                .max()
                .unwrap_or(4)
                .clamp(6, 26)
                + 2
        })
        .collect();
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w as f64)?;
    }
    for (c, h) in t.header.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, head)?;
    }
    let head_lines = t
        .header
        .iter()
        .zip(&widths)
        .map(|(h, w)| lines(h, w - 2))
        .max()
        .unwrap_or(1);
    ws.set_row_height(0, 15.0 * head_lines as f64)?;
    for (i, r) in t.rows.iter().enumerate() {
        let row = (i + 1) as u32;
        let is_total = t.is_total_row(i);
        let tall = r
            .iter()
            .zip(&widths)
            .map(|(c, w)| lines(&c.display(), w - 2))
            .max()
            .unwrap_or(1);
        if tall > 1 {
            ws.set_row_height(row, 15.0 * tall as f64)?;
        }
        for (c, cell) in r.iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Count(n) if is_total => ws
                    .write_number_with_format(row, col, *n as f64, total)
                    .map(|_| ())?,
                Cell::Count(n) => ws
                    .write_number_with_format(row, col, *n as f64, &top)
                    .map(|_| ())?,
                Cell::Decimal(v, _) => ws
                    .write_number_with_format(row, col, *v, &top)
                    .map(|_| ())?,
                Cell::Percent(p) => ws
                    .write_number_with_format(row, col, *p, percent)
                    .map(|_| ())?,
                Cell::Small(_) | Cell::Hidden => ws
                    .write_string_with_format(row, col, cell.display_in(f.lang), withheld)
                    .map(|_| ())?,
                Cell::Text(s) if needs_formula_escape(s) => ws
                    .write_string_with_format(row, col, s, quoted)
                    .map(|_| ())?,
                Cell::Text(s) if is_total => ws
                    .write_string_with_format(row, col, s, total)
                    .map(|_| ())?,
                Cell::Empty => {}
                other => ws
                    .write_string_with_format(row, col, other.display_in(f.lang), wrap)
                    .map(|_| ())?,
            }
        }
    }
    // Notes span the table's width, wrapped, so they neither run off
    // the page nor shrink it.
    let span: usize = widths.iter().sum();
    let last = (t.header.len().max(1) - 1) as u16;
    for (note_row, n) in (t.rows.len() as u32 + 2..).zip(&t.notes) {
        let f = if needs_formula_escape(n) {
            wrap.clone().set_quote_prefix()
        } else {
            wrap.clone()
        };
        if last > 0 {
            ws.merge_range(note_row, 0, note_row, last, n, &f)?;
        } else {
            ws.write_string_with_format(note_row, 0, n, &f)?;
        }
        ws.set_row_height(
            note_row,
            15.0 * lines(n, span.saturating_sub(4).max(10)) as f64,
        )?;
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The sheet that holds the annex's text: every section's headings,
/// paragraphs and bullets in reading order (the tables are on their own
/// sheets, named where they stand).
fn text_sheet_name(lang: crate::i18n::Lang) -> &'static str {
    crate::l!(lang, "Text and method", "Texte et méthode")
}

fn text_sheet(
    wb: &mut Workbook,
    annex: &Annex,
    page_header: &str,
    page_footer: &str,
) -> Result<(), XlsxError> {
    let ws = wb.add_worksheet();
    ws.set_name(text_sheet_name(annex.lang))?;
    ws.set_header(page_header);
    ws.set_footer(page_footer);
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_column_width(0, 72)?;
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let h1 = Format::new().set_bold().set_font_size(13);
    let h2 = Format::new().set_bold();
    let mut row = 0u32;
    let mut put = |ws: &mut rust_xlsxwriter::Worksheet, text: &str, f: &Format| {
        let r = row;
        row += 1;
        // Free text is written as text, never as a formula.
        let f = if needs_formula_escape(text) {
            f.clone().set_quote_prefix()
        } else {
            f.clone()
        };
        // Wrapped text gets the rows' height it needs (no reader
        // recomputes it): about 68 characters to a line at this width.
        let lines = text
            .lines()
            .map(|l| l.chars().count().div_ceil(68).max(1))
            .sum::<usize>()
            .max(1);
        if lines > 1 {
            ws.set_row_height(r, 15.0 * lines as f64)?;
        }
        ws.write_string_with_format(r, 0, text, &f).map(|_| ())
    };
    put(ws, &annex.classification, &h2)?;
    put(ws, &annex.title, &h1)?;
    put(ws, &annex.subtitle, &wrap)?;
    for s in &annex.sections {
        put(ws, "", &wrap)?;
        put(ws, &format!("{}. {}", s.number, s.title), &h1)?;
        for b in &s.blocks {
            match b {
                super::Block::Heading(h) => put(ws, h, &h2)?,
                super::Block::Paragraph(p) => put(ws, p, &wrap)?,
                super::Block::Bullets(v) => {
                    for x in v {
                        put(ws, &format!("• {x}"), &wrap)?;
                    }
                }
                super::Block::Table(t) => {
                    put(
                        ws,
                        &crate::lf!(
                            annex.lang,
                            "[Table: {}, sheet {}]",
                            "[Tableau : {}, feuille {}]",
                            t.caption,
                            sheet_name(&t.id)
                        ),
                        &wrap,
                    )?;
                    for n in &t.notes {
                        put(ws, n, &wrap)?;
                    }
                }
                super::Block::Figure(f) => put(
                    ws,
                    &format!(
                        "[Figure{} {}. {}]",
                        crate::i18n::colon(annex.lang),
                        f.caption,
                        f.alt
                    ),
                    &wrap,
                )?,
            }
        }
    }
    Ok(())
}

/// How many lines `text` takes in a column of `width` characters.
fn lines(text: &str, width: usize) -> usize {
    text.lines()
        .map(|l| l.chars().count().div_ceil(width.max(1)).max(1))
        .sum::<usize>()
        .max(1)
}

/// A sheet name from a table id: at most 31 characters, none of `[]:*?/\`.
pub fn sheet_name(id: &str) -> String {
    id.chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}
