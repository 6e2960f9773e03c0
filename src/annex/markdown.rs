//! The annex as Markdown: headings, pipe tables (numbers right-aligned),
//! figures as their caption and the same figures in words.

use super::{Annex, Block};

/// A table cell: pipes escaped, on one line, and HTML escaped.
fn esc(s: &str) -> String {
    text(s).replace('|', "\\|").replace('\n', " ")
}

/// Text from the data or the analyst, as Markdown that renders it as
/// written: a `<` that would open an HTML tag, comment or declaration
/// (`<script>`, `</b>`, `<!--`) and an `&` that would start an entity become
/// entities, so no raw HTML reaches a Markdown renderer; `<5` stays `<5`.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        match c {
            '<' if next
                .is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, '/' | '!' | '?')) =>
            {
                out.push_str("&lt;");
            }
            '&' if next.is_some_and(|n| n.is_ascii_alphanumeric() || n == '#') => {
                out.push_str("&amp;");
            }
            _ => out.push(c),
        }
    }
    out
}

/// Writes the annex.
pub fn write(annex: &Annex) -> String {
    let mut o = String::new();
    o.push_str(&format!("> **{}**\n\n", annex.classification));
    o.push_str(&format!("# {}\n\n", text(&annex.title)));
    o.push_str(&format!("*{}*\n\n", text(&annex.subtitle)));
    o.push_str(&format!("{}\n\n", header_line(annex)));
    let (mut tables, mut figures) = (0, 0);
    for s in &annex.sections {
        o.push_str(&format!("## {}. {}\n\n", s.number, text(&s.title)));
        for b in &s.blocks {
            match b {
                Block::Heading(h) => {
                    o.push_str(&format!("### {}\n\n", text(h)));
                }
                Block::Paragraph(p) => {
                    o.push_str(&format!("{}\n\n", text(p)));
                }
                Block::Bullets(v) => {
                    for x in v {
                        o.push_str(&format!("- {}\n", text(x)));
                    }
                    o.push('\n');
                }
                Block::Table(t) => {
                    tables += 1;
                    o.push_str(&format!(
                        "**{} {tables}{} {}**\n\n",
                        crate::l!(annex.lang, "Table", "Tableau"),
                        crate::i18n::colon(annex.lang),
                        text(&t.caption)
                    ));
                    o.push_str(&format!(
                        "| {} |\n",
                        t.header
                            .iter()
                            .map(|h| esc(h))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    ));
                    let numeric = t.numeric_columns();
                    o.push_str(&format!(
                        "|{}|\n",
                        numeric
                            .iter()
                            .map(|n| if *n { "---:" } else { "---" })
                            .collect::<Vec<_>>()
                            .join("|")
                    ));
                    for (i, r) in t.rows.iter().enumerate() {
                        let total = t.is_total_row(i);
                        let cells: Vec<String> = r
                            .iter()
                            .map(|c| {
                                let d = esc(&c.display_in(annex.lang));
                                if total && !d.is_empty() {
                                    format!("**{d}**")
                                } else {
                                    d
                                }
                            })
                            .collect();
                        o.push_str(&format!("| {} |\n", cells.join(" | ")));
                    }
                    o.push('\n');
                    for n in &t.notes {
                        o.push_str(&format!("*{}*\n\n", text(n)));
                    }
                }
                Block::Figure(f) => {
                    figures += 1;
                    o.push_str(&format!(
                        "*Figure {figures}{} {}.* {}\n\n",
                        crate::i18n::colon(annex.lang),
                        text(&f.caption),
                        text(&f.alt)
                    ));
                }
            }
        }
    }
    o.push_str(&format!("---\n\n> **{}**\n", annex.classification));
    o
}

/// Generation date, level, k and recipients in one line.
pub fn header_line(annex: &Annex) -> String {
    let lang = annex.lang;
    let mut s = crate::lf!(
        lang,
        "Generated {} by the POC Transition Workbench · sharing level {}",
        "Établi le {} avec le POC Transition Workbench · niveau de diffusion {}",
        crate::i18n::date(lang, annex.generated),
        super::level_label(annex.level, lang)
    );
    if annex.level != crate::assessment::SharingLevel::Internal {
        s.push_str(&format!(" · k = {}", annex.k));
    }
    if !annex.recipients.is_empty() {
        s.push_str(&crate::lf!(
            lang,
            " · recipients: {}",
            " · destinataires : {}",
            text(&annex.recipients.join(", "))
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn html_in_text_is_escaped_but_small_counts_are_not() {
        assert_eq!(
            text("<script>alert(1)</script>"),
            "&lt;script>alert(1)&lt;/script>"
        );
        assert_eq!(text("<!-- x -->"), "&lt;!-- x -->");
        assert_eq!(text("a &amp; b &#60;"), "a &amp;amp; b &amp;#60;");
        assert_eq!(text("<5 and x"), "<5 and x");
        assert_eq!(text("A & B"), "A & B");
    }
}
