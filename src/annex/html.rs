//! The annex as one self-contained, printable HTML file: inline CSS, inline
//! SVG charts, no scripts, no external resources. The classification line
//! heads the page and repeats on every printed page.

use super::markdown::header_line;
use super::{Annex, Block, charts};

/// Escapes text for HTML.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

const CSS: &str = "
body { font-family: 'DejaVu Sans', 'Segoe UI', Arial, sans-serif; font-size: 10.5pt; color: #1a1a1a; max-width: 46em; margin: 0 auto; padding: 3.5em 1em 2em; line-height: 1.4; }
.classification { position: fixed; left: 0; right: 0; top: 0; text-align: center; font-weight: bold; font-size: 9pt; padding: .35em; background: #fff; border-bottom: 2px solid #b00020; color: #b00020; letter-spacing: .02em; }
.classification.bottom { position: static; border-top: 2px solid #b00020; border-bottom: 0; margin-top: 2em; }
h1 { font-size: 18pt; color: #003a70; margin-bottom: .1em; }
h2 { font-size: 13.5pt; color: #003a70; border-bottom: 1px solid #9fb7d3; padding-bottom: .15em; margin-top: 1.6em; page-break-after: avoid; }
h3 { font-size: 11pt; color: #003a70; margin-bottom: .3em; page-break-after: avoid; }
.subtitle { font-style: italic; color: #444; margin-top: 0; }
.meta { font-size: 9pt; color: #555; }
table { border-collapse: collapse; margin: .4em 0 .3em; font-size: 9pt; page-break-inside: auto; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: .3em; }
th { background: #003a70; color: #fff; font-weight: bold; text-align: left; padding: .25em .45em; vertical-align: bottom; }
td { border-bottom: 1px solid #d5dde8; padding: .2em .45em; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.total td { font-weight: bold; border-top: 1.5px solid #003a70; background: #eef3f9; }
td.withheld { color: #6b6b6b; font-style: italic; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
.note { font-size: 8.5pt; color: #444; margin: 0 0 .8em; }
figure { margin: .8em 0; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 9pt; font-weight: bold; }
figcaption span { font-weight: normal; color: #444; }
";

/// Page set-up for printing: A4, the classification line in the top margin
/// of every page and the page number at the bottom (CSS page-margin boxes),
/// instead of the on-screen banner, which would cover repeated table heads.
fn print_css(classification: &str) -> String {
    let quoted = classification.replace('\\', "\\\\").replace('"', "\\\"");
    format!(
        "\n@page {{ size: A4; margin: 22mm 18mm 20mm 18mm;\n  @top-center {{ content: \"{quoted}\"; color: #b00020; font: bold 9pt 'DejaVu Sans', Arial, sans-serif; }}\n  @bottom-center {{ content: \"page \" counter(page); font: 8pt 'DejaVu Sans', Arial, sans-serif; color: #555; }} }}\n@media print {{ .classification {{ display: none; }} body {{ padding-top: 0; max-width: none; }} }}"
    )
}

/// Writes the annex; fails only if a chart cannot be drawn.
pub fn write(annex: &Annex) -> Result<String, String> {
    let mut o = String::new();
    o.push_str(&format!("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{}{CSS}</style>\n</head>\n<body>\n",
        annex.lang.key(),
        esc(&annex.title),
        print_css(&annex.classification)
    ));
    o.push_str(&format!(
        "<div class=\"classification\">{}</div>\n",
        esc(&annex.classification)
    ));
    o.push_str(&format!("<h1>{}</h1>\n", esc(&annex.title)));
    o.push_str(&format!(
        "<p class=\"subtitle\">{}</p>\n",
        esc(&annex.subtitle)
    ));
    o.push_str(&format!(
        "<p class=\"meta\">{}</p>\n",
        esc(&header_line(annex))
    ));
    let (mut tables, mut figures) = (0, 0);
    for s in &annex.sections {
        o.push_str(&format!(
            "<section id=\"{}\">\n<h2>{}. {}</h2>\n",
            s.id,
            s.number,
            esc(&s.title)
        ));
        for b in &s.blocks {
            match b {
                Block::Heading(h) => {
                    o.push_str(&format!("<h3>{}</h3>\n", esc(h)));
                }
                Block::Paragraph(p) => {
                    o.push_str(&format!("<p>{}</p>\n", esc(p)));
                }
                Block::Bullets(v) => {
                    o.push_str("<ul>\n");
                    for x in v {
                        o.push_str(&format!("<li>{}</li>\n", esc(x)));
                    }
                    o.push_str("</ul>\n");
                }
                Block::Table(t) => {
                    tables += 1;
                    let numeric = t.numeric_columns();
                    o.push_str(&format!("<table id=\"{}\">\n<caption>{} {tables}{} {}</caption>\n<thead><tr>{}</tr></thead>\n<tbody>\n",
                        esc(&t.id),
                        crate::l!(annex.lang, "Table", "Tableau"),
                        crate::i18n::colon(annex.lang),
                        esc(&t.caption),
                        t.header
                            .iter()
                            .zip(&numeric)
                            .map(|(h, n)| format!(
                                "<th{}>{}</th>",
                                if *n { " class=\"num\"" } else { "" },
                                esc(h)
                            ))
                            .collect::<String>()
                    ));
                    for (i, r) in t.rows.iter().enumerate() {
                        let total = t.is_total_row(i);
                        o.push_str(&format!(
                            "<tr{}>",
                            if total { " class=\"total\"" } else { "" }
                        ));
                        for c in r {
                            let class = match (c.is_numeric(), c.is_withheld()) {
                                (true, true) => " class=\"num withheld\"",
                                (true, false) => " class=\"num\"",
                                _ => "",
                            };
                            o.push_str(&format!(
                                "<td{class}>{}</td>",
                                esc(&c.display_in(annex.lang))
                            ));
                        }
                        o.push_str("</tr>\n");
                    }
                    o.push_str("</tbody>\n</table>\n");
                    for n in &t.notes {
                        o.push_str(&format!("<p class=\"note\">{}</p>\n", esc(n)));
                    }
                }
                Block::Figure(f) => {
                    figures += 1;
                    let svg = charts::svg(&f.chart)?;
                    let svg = svg.trim_start_matches(|c| c != '<');
                    let svg = svg.find("<svg").map_or(svg, |i| &svg[i..]);
                    o.push_str(&format!("<figure id=\"{}\" role=\"img\" aria-label=\"{}\">\n{}\n<figcaption>Figure {figures}{} {} <span>{}</span></figcaption>\n</figure>\n",
                        esc(&f.id),
                        esc(&f.alt),
                        svg,
                        crate::i18n::colon(annex.lang),
                        esc(&f.caption),
                        esc(&f.alt)
                    ));
                }
            }
        }
        o.push_str("</section>\n");
    }
    o.push_str(&format!(
        "<div class=\"classification bottom\">{}</div>\n</body>\n</html>\n",
        esc(&annex.classification)
    ));
    Ok(o)
}
