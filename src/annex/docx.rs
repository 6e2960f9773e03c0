//! The annex as a Word document (docx-rs): A4, real "Heading 1/2" styles
//! (docx-rs has none built in), the classification line in the page header,
//! page numbers in the footer, tables with a shaded header row that repeats
//! on every page, bold total rows, and the charts as embedded PNGs.

use super::markdown::header_line;
use super::{Annex, Block, Cell, Table, charts};
use docx_rs::{
    AlignmentType, Docx, Footer, Header, LineSpacing, PageMargin, PageNum, Paragraph, Pic, Run,
    RunFonts, Shading, Style, StyleType, TableCell, TableRow, WidthType,
};

const BLUE: &str = "003A70";
const RED: &str = "B00020";
/// Text width of an A4 page with 2 cm margins, in EMU (17 cm).
const TEXT_WIDTH_EMU: u32 = 17 * 360_000;

fn styles(doc: Docx) -> Docx {
    doc.add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .size(36)
            .bold()
            .color(BLUE),
    )
    .add_style(
        Style::new("Heading1", StyleType::Paragraph)
            .name("heading 1")
            .based_on("Normal")
            .next("Normal")
            .size(28)
            .bold()
            .color(BLUE)
            .line_spacing(LineSpacing::new().before(280).after(100))
            .outline_lvl(0),
    )
    .add_style(
        Style::new("Heading2", StyleType::Paragraph)
            .name("heading 2")
            .based_on("Normal")
            .next("Normal")
            .size(23)
            .bold()
            .color(BLUE)
            .line_spacing(LineSpacing::new().before(200).after(60))
            .outline_lvl(1),
    )
    .add_style(
        Style::new("Caption", StyleType::Paragraph)
            .name("caption")
            .based_on("Normal")
            .size(18)
            .bold()
            .line_spacing(LineSpacing::new().before(160).after(60)),
    )
}

fn para(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(Run::new().add_text(text))
        .line_spacing(LineSpacing::new().after(100))
}

fn cell_para(text: &str, right: bool, bold: bool, colour: Option<&str>) -> Paragraph {
    let mut run = Run::new().add_text(text).size(16);
    if bold {
        run = run.bold();
    }
    if let Some(c) = colour {
        run = run.color(c);
    }
    let p = Paragraph::new()
        .add_run(run)
        .line_spacing(LineSpacing::new().before(0).after(0));
    if right {
        p.align(AlignmentType::Right)
    } else {
        p
    }
}

/// Text width of an A4 page with 2 cm margins, in twentieths of a point.
const TEXT_WIDTH_TWIPS: usize = 9638;

/// Column widths (twips): every column at least as wide as its longest
/// word; the room left goes to the columns whose text would wrap, in
/// proportion to how much more they would take.
fn column_widths(t: &Table) -> Vec<usize> {
    const PER_CHAR: usize = 95; // 8 pt Arial, average character, in twips
    // Header words are bold, and one broken mid-word ("month/s") reads
    // badly: they get a wider character and one to spare.
    const PER_HEADER_CHAR: usize = 112;
    const PAD: usize = 230; // cell margins
    let words = |s: &str| {
        s.split_whitespace()
            .map(|w| w.chars().count())
            .max()
            .unwrap_or(1)
    };
    let (mut min, mut need) = (Vec::new(), Vec::new());
    for c in 0..t.header.len() {
        let cells: Vec<String> = t
            .rows
            .iter()
            .filter_map(|r| r.get(c))
            .map(Cell::display)
            .collect();
        let longest_word = cells
            .iter()
            .map(|x| words(x))
            .chain([words(&t.header[c])])
            .max()
            .unwrap_or(1)
            .min(16);
        let longest = cells
            .iter()
            .map(|x| x.chars().count())
            .max()
            .unwrap_or(0)
            .max(words(&t.header[c]));
        let header_word = (words(&t.header[c]).min(16) + 1) * PER_HEADER_CHAR;
        min.push((longest_word * PER_CHAR).max(header_word) + PAD);
        need.push((longest.min(48).max(longest_word) * PER_CHAR).max(header_word) + PAD);
    }
    let total_need: usize = need.iter().sum();
    let total_min: usize = min.iter().sum();
    if total_need <= TEXT_WIDTH_TWIPS || total_min >= TEXT_WIDTH_TWIPS {
        let sum = if total_need <= TEXT_WIDTH_TWIPS {
            total_need
        } else {
            total_min
        }
        .max(1);
        let base = if total_need <= TEXT_WIDTH_TWIPS {
            &need
        } else {
            &min
        };
        return base.iter().map(|w| w * TEXT_WIDTH_TWIPS / sum).collect();
    }
    let spare = TEXT_WIDTH_TWIPS - total_min;
    let wants: usize = (total_need - total_min).max(1);
    min.iter()
        .zip(&need)
        .map(|(m, n)| m + (n - m) * spare / wants)
        .collect()
}

fn table(t: &Table) -> docx_rs::Table {
    let numeric = t.numeric_columns();
    let widths = column_widths(t);
    let head = TableRow::new(
        t.header
            .iter()
            .zip(&numeric)
            .zip(&widths)
            .map(|((h, n), w)| {
                TableCell::new()
                    .add_paragraph(cell_para(h, *n, true, Some("FFFFFF")))
                    .shading(Shading::new().fill(BLUE))
                    .width(*w, WidthType::Dxa)
            })
            .collect(),
    )
    // Marks the header row; turned into a repeating header in `write`.
    .cant_split();
    let mut rows = vec![head];
    for (i, r) in t.rows.iter().enumerate() {
        let total = t.is_total_row(i);
        rows.push(TableRow::new(
            r.iter()
                .zip(&widths)
                .map(|(c, w)| {
                    let colour = c.is_withheld().then_some("5A5A5A");
                    let tc = TableCell::new()
                        .add_paragraph(cell_para(&c.display(), c.is_numeric(), total, colour))
                        .width(*w, WidthType::Dxa);
                    if total {
                        tc.shading(Shading::new().fill("EEF3F9"))
                    } else {
                        tc
                    }
                })
                .collect(),
        ));
    }
    docx_rs::Table::new(rows)
        .set_grid(widths)
        .layout(docx_rs::TableLayoutType::Fixed)
        .width(TEXT_WIDTH_TWIPS, WidthType::Dxa)
}

/// The document's bytes.
pub fn write(annex: &Annex) -> std::io::Result<Vec<u8>> {
    let mut doc = start(annex);
    let (mut tables, mut figures) = (0, 0);
    for s in &annex.sections {
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("{}. {}", s.number, s.title)))
                .style("Heading1")
                .keep_next(true),
        );
        for b in &s.blocks {
            doc = add_block(doc, b, &mut tables, &mut figures)?;
        }
    }
    doc = doc.add_paragraph(classification(annex, 18));
    let mut xml = doc.build();
    // docx-rs has no repeating header rows: the header rows were marked
    // `cantSplit`, and become `tblHeader` here (it writes no other cantSplit).
    let text = String::from_utf8_lossy(&xml.document)
        .replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />");
    xml.document = text.into_bytes();
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(std::io::Error::other)?;
    Ok(out.into_inner())
}

/// The classification line, centred in red, at `size` half-points.
fn classification(annex: &Annex, size: usize) -> Paragraph {
    Paragraph::new()
        .add_run(
            Run::new()
                .add_text(&annex.classification)
                .bold()
                .size(size)
                .color(RED),
        )
        .align(AlignmentType::Center)
}

/// A new document: styles, page, header and footer, then the title,
/// subtitle and header line.
fn start(annex: &Annex) -> Docx {
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .add_run(
                Run::new()
                    .add_text(format!("{} · page ", annex.title))
                    .size(16),
            )
            .add_page_num(PageNum::new())
            .align(AlignmentType::Center),
    );
    let doc = styles(Docx::new())
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1247)
                .bottom(1134)
                .left(1134)
                .right(1134)
                .header(567)
                .footer(567),
        )
        .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
        .default_size(20)
        .header(Header::new().add_paragraph(classification(annex, 16)))
        .footer(footer)
        .created_at(&format!("{}T00:00:00Z", annex.generated))
        .updated_at(&format!("{}T00:00:00Z", annex.generated));
    doc.add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_text(&annex.title))
            .style("Title"),
    )
    .add_paragraph(Paragraph::new().add_run(Run::new().add_text(&annex.subtitle).italic()))
    .add_paragraph(
        Paragraph::new().add_run(
            Run::new()
                .add_text(header_line(annex))
                .size(16)
                .color("555555"),
        ),
    )
}

/// Adds one block; tables and figures are numbered from the counters.
fn add_block(
    doc: Docx,
    b: &Block,
    tables: &mut usize,
    figures: &mut usize,
) -> std::io::Result<Docx> {
    Ok(match b {
        Block::Heading(h) => doc.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(h))
                .style("Heading2")
                .keep_next(true),
        ),
        Block::Paragraph(p) => doc.add_paragraph(para(p)),
        Block::Bullets(v) => v.iter().fold(doc, |d, x| {
            d.add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text(format!("•\u{a0}{x}")))
                    .indent(
                        Some(360),
                        Some(docx_rs::SpecialIndentType::Hanging(200)),
                        None,
                        None,
                    ),
            )
        }),
        Block::Table(t) => {
            *tables += 1;
            let mut d = doc
                .add_paragraph(
                    para(&format!("Table {tables}: {}", t.caption))
                        .style("Caption")
                        .keep_next(true),
                )
                .add_table(table(t));
            for n in &t.notes {
                d = d.add_paragraph(
                    Paragraph::new().add_run(Run::new().add_text(n).size(16).italic()),
                );
            }
            d.add_paragraph(Paragraph::new())
        }
        Block::Figure(f) => {
            *figures += 1;
            let (png, (w, h)) = charts::png(&f.chart).map_err(std::io::Error::other)?;
            let emu_h = (u64::from(TEXT_WIDTH_EMU) * u64::from(h) / u64::from(w.max(1))) as u32;
            let pic = Pic::new_with_dimensions(png, w, h).size(TEXT_WIDTH_EMU, emu_h);
            doc.add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_image(pic))
                    .keep_next(true),
            )
            .add_paragraph(
                Paragraph::new()
                    .add_run(
                        Run::new()
                            .add_text(format!("Figure {figures}: {}. ", f.caption))
                            .bold()
                            .size(18),
                    )
                    .add_run(Run::new().add_text(&f.alt).size(18)),
            )
        }
    })
}
