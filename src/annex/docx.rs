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

fn cell_para(text: &str, size: usize, right: bool, bold: bool, colour: Option<&str>) -> Paragraph {
    let mut run = Run::new().add_text(text).size(size);
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
/// The same on a landscape A4 page.
const LANDSCAPE_TEXT_WIDTH_TWIPS: usize = 16838 - 2 * 1134;
/// A4 in twips.
const A4: (u32, u32) = (11906, 16838);

/// How a table is set: its column widths (twips), whether it needs a
/// landscape page, and its text size (half-points).
struct Fit {
    widths: Vec<usize>,
    landscape: bool,
    size: usize,
}

/// How a table is set. On a portrait page its longest words must fit
/// across the page at 8 pt, else at 7 pt; a table that still would break
/// words ("Kabkabiy-a") needs a landscape page. In a landscape section
/// every table takes the landscape width at 8 pt.
fn fit(t: &Table, landscape_section: bool) -> Fit {
    if !landscape_section {
        for size in [16, 14] {
            let (min, _) = column_needs(t, size);
            if min.iter().sum::<usize>() <= TEXT_WIDTH_TWIPS {
                return Fit {
                    widths: column_widths(t, TEXT_WIDTH_TWIPS, size),
                    landscape: false,
                    size,
                };
            }
        }
    }
    Fit {
        widths: column_widths(t, LANDSCAPE_TEXT_WIDTH_TWIPS, 16),
        landscape: true,
        size: 16,
    }
}

/// Whether a section holds a table that needs a landscape page.
fn needs_landscape(blocks: &[Block]) -> bool {
    blocks
        .iter()
        .any(|b| matches!(b, Block::Table(t) if fit(t, false).landscape))
}

/// Column widths (twips) across `width`: every column at least as wide as
/// its longest word; the room left goes to the columns whose text would
/// wrap, in proportion to how much more they would take.
fn column_widths(t: &Table, width: usize, size: usize) -> Vec<usize> {
    let (min, need) = column_needs(t, size);
    let total_need: usize = need.iter().sum();
    let total_min: usize = min.iter().sum();
    if total_need <= width || total_min >= width {
        let base = if total_need <= width { &need } else { &min };
        let sum = base.iter().sum::<usize>().max(1);
        return base.iter().map(|w| w * width / sum).collect();
    }
    let spare = width - total_min;
    let wants: usize = (total_need - total_min).max(1);
    min.iter()
        .zip(&need)
        .map(|(m, n)| m + (n - m) * spare / wants)
        .collect()
}

/// Per column: the width of its longest word (no word is broken) and the
/// width its longest text would take on one line (up to 48 characters).
fn column_needs(t: &Table, size: usize) -> (Vec<usize>, Vec<usize>) {
    // 8 pt (16 half-points) Arial, average character, in twips; scaled.
    let per_char: usize = 95 * size / 16;
    // Header words are bold, and one broken mid-word ("month/s") reads
    // badly: they get a wider character and one to spare.
    let per_header_char: usize = 112 * size / 16;
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
        let header_word = (words(&t.header[c]).min(16) + 1) * per_header_char;
        min.push((longest_word * per_char).max(header_word) + PAD);
        need.push((longest.min(48).max(longest_word) * per_char).max(header_word) + PAD);
    }
    (min, need)
}

fn table(t: &Table, fit: Fit, lang: crate::i18n::Lang) -> docx_rs::Table {
    let Fit { widths, size, .. } = fit;
    let numeric = t.numeric_columns();
    let width = widths.iter().sum();
    let head = TableRow::new(
        t.header
            .iter()
            .zip(&numeric)
            .zip(&widths)
            .map(|((h, n), w)| {
                TableCell::new()
                    .add_paragraph(cell_para(h, size, *n, true, Some("FFFFFF")).keep_next(true))
                    .shading(Shading::new().fill(BLUE))
                    .width(*w, WidthType::Dxa)
            })
            .collect(),
    )
    // Marks the header row; turned into a repeating header in `write`.
    .cant_split();
    let mut rows = vec![head];
    // A short table is kept on one page (each row kept with the next).
    let keep = t.rows.len() <= 25;
    for (i, r) in t.rows.iter().enumerate() {
        let total = t.is_total_row(i);
        let with_next = keep && i + 1 < t.rows.len();
        rows.push(TableRow::new(
            r.iter()
                .zip(&widths)
                .map(|(c, w)| {
                    let colour = c.is_withheld().then_some("5A5A5A");
                    let tc = TableCell::new()
                        .add_paragraph(
                            cell_para(&c.display_in(lang), size, c.is_numeric(), total, colour)
                                .keep_next(with_next),
                        )
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
        .width(width, WidthType::Dxa)
}

/// The document's bytes.
pub fn write(annex: &Annex) -> std::io::Result<Vec<u8>> {
    let mut doc = start(annex);
    let (mut tables, mut figures) = (0, 0);
    // A section with a table too wide for a portrait page is set on
    // landscape pages, heading and all; a section break is written only
    // where the orientation changes.
    let mut landscape = false;
    for s in &annex.sections {
        let wide = needs_landscape(&s.blocks);
        if wide != landscape {
            doc = doc.add_paragraph(section_break(landscape));
            landscape = wide;
        }
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("{}. {}", s.number, s.title)))
                .style("Heading1")
                .keep_next(true),
        );
        for b in &s.blocks {
            doc = add_block(doc, b, (landscape, annex.lang), &mut tables, &mut figures)?;
        }
    }
    if landscape {
        doc = doc.add_paragraph(section_break(true));
    }
    let mut xml = doc.build();
    // docx-rs has no repeating header rows: the header rows were marked
    // `cantSplit`, and become `tblHeader` here (it writes no other cantSplit).
    // No body row splits across pages either.
    let text = String::from_utf8_lossy(&xml.document)
        .replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />")
        .replace("<w:trPr />", "<w:trPr><w:cantSplit /></w:trPr>");
    xml.document = text.into_bytes();
    properties(&mut xml, annex);
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out).map_err(std::io::Error::other)?;
    Ok(out.into_inner())
}

/// The document properties a records system reads: title, subject,
/// authors, the classification as keywords, and the application
/// (docx-rs writes "unknown" and no title).
fn properties(xml: &mut docx_rs::XMLDocx, annex: &Annex) {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let authors = if annex.control.prepared_by.is_empty() {
        "POC Transition Workbench".to_string()
    } else {
        annex.control.prepared_by.join("; ")
    };
    let core = String::from_utf8_lossy(&xml.doc_props.core)
        .replace(
            "<dc:creator>unknown</dc:creator>",
            &format!(
                "<dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><cp:keywords>{}</cp:keywords>",
                esc(&annex.title),
                esc(&annex.subtitle),
                esc(&authors),
                esc(&annex.classification)
            ),
        )
        .replace(
            "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
            "<cp:lastModifiedBy>POC Transition Workbench</cp:lastModifiedBy>",
        );
    xml.doc_props.core = core.into_bytes();
    let app = String::from_utf8_lossy(&xml.doc_props.app).replace(
        "docPropsVTypes\" />",
        "docPropsVTypes\"><Application>POC Transition Workbench</Application></Properties>",
    );
    xml.doc_props.app = app.into_bytes();
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

/// The page margins of every section.
fn margins() -> PageMargin {
    PageMargin::new()
        .top(1247)
        .bottom(1134)
        .left(1134)
        .right(1134)
        .header(567)
        .footer(567)
}

/// An empty paragraph that ends a section: the pages before it are
/// landscape or portrait A4, with the document's header and footer.
fn section_break(landscape: bool) -> Paragraph {
    let size = if landscape {
        docx_rs::PageSize::new()
            .size(A4.1, A4.0)
            .orient(docx_rs::PageOrientationType::Landscape)
    } else {
        docx_rs::PageSize::new().size(A4.0, A4.1)
    };
    let mut sect = docx_rs::SectionProperty::new()
        .page_size(size)
        .page_margin(margins());
    // The header and footer `start` adds are the first of each.
    sect.header_reference = Some(docx_rs::HeaderReference::new("default", "rIdHeader1"));
    sect.footer_reference = Some(docx_rs::FooterReference::new("default", "rIdFooter1"));
    Paragraph::new().section_property(sect)
}

/// A new document: styles, page, header and footer, then the title,
/// subtitle and header line.
fn start(annex: &Annex) -> Docx {
    // The classification at the foot of every page too, then the
    // document's reference and "page x of y".
    let reference = match annex.control.number.trim() {
        "" => annex.title.clone(),
        n => format!("{} · {n}", annex.title),
    };
    let footer = Footer::new()
        .add_paragraph(classification(annex, 14))
        .add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("{reference} · page ")).size(16))
                .add_page_num(PageNum::new())
                .add_run(
                    Run::new()
                        .add_text(crate::l!(annex.lang, " of ", " sur "))
                        .size(16),
                )
                .add_num_pages(docx_rs::NumPages::new())
                .align(AlignmentType::Center),
        );
    let doc = styles(Docx::new())
        .page_size(A4.0, A4.1)
        .page_margin(margins())
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
    (landscape, lang): (bool, crate::i18n::Lang),
    tables: &mut usize,
    figures: &mut usize,
) -> std::io::Result<Docx> {
    let colon = crate::i18n::colon(lang);
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
                    para(&format!(
                        "{} {tables}{colon} {}",
                        crate::l!(lang, "Table", "Tableau"),
                        t.caption
                    ))
                    .style("Caption")
                    .keep_next(true),
                )
                .add_table(table(t, fit(t, landscape), lang));
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
                            .add_text(format!("Figure {figures}{colon} {}. ", f.caption))
                            .bold()
                            .size(18),
                    )
                    .add_run(Run::new().add_text(&f.alt).size(18)),
            )
        }
    })
}
