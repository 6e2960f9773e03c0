//! The annex as Markdown: headings, pipe tables (numbers right-aligned),
//! figures as their caption and the same figures in words.

use super::{Annex, Block, level_key};
use std::fmt::Write;

fn esc(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Writes the annex.
pub fn write(annex: &Annex) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "> **{}**\n", annex.classification);
    let _ = writeln!(o, "# {}\n", annex.title);
    let _ = writeln!(o, "*{}*\n", annex.subtitle);
    let _ = writeln!(o, "{}\n", header_line(annex));
    let (mut tables, mut figures) = (0, 0);
    for s in &annex.sections {
        let _ = writeln!(o, "## {}. {}\n", s.number, s.title);
        for b in &s.blocks {
            match b {
                Block::Heading(h) => {
                    let _ = writeln!(o, "### {h}\n");
                }
                Block::Paragraph(p) => {
                    let _ = writeln!(o, "{p}\n");
                }
                Block::Bullets(v) => {
                    for x in v {
                        let _ = writeln!(o, "- {x}");
                    }
                    o.push('\n');
                }
                Block::Table(t) => {
                    tables += 1;
                    let _ = writeln!(o, "**Table {tables}: {}**\n", t.caption);
                    let _ = writeln!(
                        o,
                        "| {} |",
                        t.header
                            .iter()
                            .map(|h| esc(h))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    );
                    let numeric = t.numeric_columns();
                    let _ = writeln!(
                        o,
                        "|{}|",
                        numeric
                            .iter()
                            .map(|n| if *n { "---:" } else { "---" })
                            .collect::<Vec<_>>()
                            .join("|")
                    );
                    for (i, r) in t.rows.iter().enumerate() {
                        let total = t.is_total_row(i);
                        let cells: Vec<String> = r
                            .iter()
                            .map(|c| {
                                let d = esc(&c.display());
                                if total && !d.is_empty() {
                                    format!("**{d}**")
                                } else {
                                    d
                                }
                            })
                            .collect();
                        let _ = writeln!(o, "| {} |", cells.join(" | "));
                    }
                    o.push('\n');
                    for n in &t.notes {
                        let _ = writeln!(o, "*{n}*\n");
                    }
                }
                Block::Figure(f) => {
                    figures += 1;
                    let _ = writeln!(o, "*Figure {figures}: {}.* {}\n", f.caption, f.alt);
                }
            }
        }
    }
    let _ = writeln!(o, "---\n\n> **{}**", annex.classification);
    o
}

/// Generation date, level, k and recipients in one line.
pub fn header_line(annex: &Annex) -> String {
    let mut s = format!(
        "Generated {} by the POC Transition Workbench · sharing level {}",
        annex.generated,
        level_key(annex.level)
    );
    if annex.level != crate::assessment::SharingLevel::Internal {
        let _ = write!(s, " · k = {}", annex.k);
    }
    if !annex.recipients.is_empty() {
        let _ = write!(s, " · recipients: {}", annex.recipients.join(", "));
    }
    s
}
