//! Section 8, "Method and sources": the counting rules, generated from the
//! bundled METHODOLOGY.md (sections 2–6; section 1, how files are
//! recognised, is for the tool, not the reader), then every
//! re-classification and analyst override, the disclosure rules applied to
//! this annex, and each source's required attribution.

use super::build::Ctx;
use super::{Block, level_key};
use crate::model::SourceFormat;

const METHODOLOGY: &str = include_str!("../../assets/METHODOLOGY.md");

/// Markdown of METHODOLOGY.md into blocks: `## ` headings, paragraphs,
/// bullets (with their continuation lines), tables as bullets of their rows.
pub(super) fn methodology_blocks(md: &str, skip_sections: &[&str]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut para = String::new();
    let mut bullets: Vec<String> = Vec::new();
    // Everything before the first `## ` (the title and preamble) is skipped.
    let mut skipping = true;
    let mut in_table = false;
    let flush = |out: &mut Vec<Block>, para: &mut String, bullets: &mut Vec<String>| {
        if !para.trim().is_empty() {
            out.push(Block::Paragraph(strip_md(para.trim())));
        }
        para.clear();
        if !bullets.is_empty() {
            out.push(Block::Bullets(
                bullets.iter().map(|b| strip_md(b)).collect(),
            ));
        }
        bullets.clear();
    };
    for line in md.lines() {
        let t = line.trim_end();
        if let Some(h) = t.strip_prefix("## ") {
            flush(&mut out, &mut para, &mut bullets);
            skipping = skip_sections.iter().any(|s| h.starts_with(s));
            if !skipping {
                out.push(Block::Heading(format!("Rule {h}")));
            }
            continue;
        }
        if skipping || t.starts_with("# ") {
            continue;
        }
        if !t.starts_with('|') {
            in_table = false;
        }
        if t.trim().is_empty() {
            flush(&mut out, &mut para, &mut bullets);
        } else if let Some(b) = t.trim_start().strip_prefix("- ") {
            if !para.trim().is_empty() {
                out.push(Block::Paragraph(strip_md(para.trim())));
                para.clear();
            }
            bullets.push(b.to_string());
        } else if t.starts_with('|') {
            let cells: Vec<&str> = t.trim_matches('|').split('|').map(str::trim).collect();
            // The first row of a table is its header; the second its rule.
            let first = !in_table;
            in_table = true;
            if first
                || cells
                    .iter()
                    .all(|c| c.chars().all(|ch| ch == '-' || ch == ':'))
            {
                continue;
            }
            bullets.push(cells.join(" — "));
        } else if let Some(last) = bullets.last_mut().filter(|_| line.starts_with("  ")) {
            last.push(' ');
            last.push_str(t.trim());
        } else {
            if !bullets.is_empty() {
                out.push(Block::Bullets(
                    bullets.iter().map(|b| strip_md(b)).collect(),
                ));
                bullets.clear();
            }
            para.push(' ');
            para.push_str(t.trim());
        }
    }
    flush(&mut out, &mut para, &mut bullets);
    out
}

/// Drops Markdown emphasis and code marks.
fn strip_md(s: &str) -> String {
    s.replace("**", "").replace('`', "")
}

/// The region names the analyst merged, if any.
fn alias_blocks(a: &crate::assessment::Assessment) -> Vec<Block> {
    if a.region_aliases.is_empty() {
        return Vec::new();
    }
    vec![
        Block::Heading("Region names merged".into()),
        Block::Paragraph(
            "The analyst counts these region names as one (names that changed over time, or regions split or joined while the data ran); every table and figure follows.".into(),
        ),
        Block::Bullets(
            a.region_aliases
                .iter()
                .map(|r| format!("{} counted as {}", r.from.trim(), r.to.trim()))
                .collect(),
        ),
    ]
}

/// Section 8.
pub(super) fn method(ctx: &Ctx) -> Vec<Block> {
    let mut b = vec![Block::Paragraph(
        "Every figure in this annex follows the counting rules below (the workbench's METHODOLOGY.md) and can be reproduced from them and the source files.".into(),
    )];
    b.extend(methodology_blocks(METHODOLOGY, &["1."]));
    if let Some(a) = ctx.a {
        b.push(Block::Heading("Re-classifications".into()));
        if a.reclassifications.is_empty() {
            b.push(Block::Paragraph(
                "None: every actor keeps the type its source gives.".into(),
            ));
        } else {
            b.push(Block::Bullets(
                a.reclassifications
                    .iter()
                    .map(|r| {
                        let actor = if ctx.names.find(&r.actor).is_some() {
                            "An actor named in sexual-violence or abduction records (name withheld at this sharing level)".to_string()
                        } else {
                            r.actor.trim().to_string()
                        };
                        let reason = super::build_register::free_text(ctx, &r.reason, r.reason_cleared)
                            .unwrap_or_else(|| "reason not cleared for this sharing level".into());
                        format!("{actor} → {}: {reason}", r.to.label())
                    })
                    .collect(),
            ));
        }
        b.extend(alias_blocks(a));
        if let Some(r) = ctx.review.as_ref().filter(|_| !ctx.suppress) {
            let overrides: Vec<String> = r
                .entries
                .iter()
                .filter_map(|e| Some((e, e.analyst?, e.suggested?)))
                .filter(|(_, a, s)| a.likelihood != s.likelihood || a.impact != s.impact)
                .map(|(e, a, s)| {
                    format!(
                        "#{} {}: analyst likelihood {} and impact {} against the suggested {} and {}{}",
                        e.id,
                        e.perpetrator.label(),
                        a.likelihood,
                        a.impact,
                        s.likelihood,
                        s.impact,
                        if e.rationale_missing { " (no rationale written)" } else { "; rationale in the register" }
                    )
                })
                .collect();
            b.push(Block::Heading(
                "Analyst overrides of the suggested scores".into(),
            ));
            if overrides.is_empty() {
                b.push(Block::Paragraph(
                    "None: every rating equals the suggestion.".into(),
                ));
            } else {
                b.push(Block::Bullets(overrides));
            }
        }
    }
    b.push(Block::Heading(
        "Disclosure control applied to this annex".into(),
    ));
    b.push(Block::Paragraph(if ctx.suppress {
        format!(
            "Sharing level {}, k = {}. Counts from 1 to {} are shown as <{}. Every figure this annex prints about civilian harm (the matrices with their totals, the trend tables, the kinds of harm, the months of the chart and the benchmark values) was audited together, as a reader with a linear-programming solver would: for each <{} count, the smallest and largest values it can take given every other printed figure, with every count a whole number ≥ 0 and every <{} count between 1 and {}. Further counts are withheld (x) until each <{} count keeps the whole range 1 to {}; the audit is repeated on the finished document before it is written. Trend labels, state shares (in 10-point bands), flags and benchmark statuses are printed only where the printed counts decide them, else x. Free text (rationales, mitigation, re-classification reasons, benchmark names and monitors) is printed only where the analyst cleared it for this level. There are no coordinates, no event identifiers, no source file names or exact dates, no actor names from sexual-violence or abduction records, and regions are no finer than admin 1. No source rows are included, at any level.",
            level_key(ctx.opts.level),
            ctx.k,
            ctx.k - 1,
            ctx.k,
            ctx.k,
            ctx.k,
            ctx.k - 1,
            ctx.k,
            ctx.k - 1,
        )
    } else {
        "Sharing level internal: counts are exact and unsuppressed; this annex is for the mission only. Even so it holds aggregates only: no source rows, event identifiers or notes.".into()
    }));
    if ctx.suppress {
        let left_sections: Vec<&str> = super::build::SectionId::ALL
            .into_iter()
            .filter(|id| !ctx.content.sections.wants(*id) || !ctx.opts.sections.wants(*id))
            .map(super::build::SectionId::title)
            .collect();
        let left_columns: Vec<&str> = crate::assessment::sharing::RegisterColumn::ALL
            .iter()
            .filter(|c| !ctx.content.has(**c))
            .map(|c| c.label())
            .collect();
        b.push(Block::Heading("Left out at this sharing level".into()));
        b.push(Block::Bullets(vec![
            format!(
                "Sections: {}.",
                if left_sections.is_empty() {
                    "none".to_string()
                } else {
                    left_sections.join("; ")
                }
            ),
            format!(
                "Register columns: {}.",
                if left_columns.is_empty() {
                    "none".to_string()
                } else {
                    left_columns.join("; ")
                }
            ),
            "The analyst's overrides of the suggested scores, and figures after the as-of date (hindsight).".to_string(),
        ]));
    }
    b.push(Block::Heading("Sources and attribution".into()));
    b.push(Block::Bullets(attributions(ctx)));
    b
}

/// Each source's attribution, as section 8 prints it.
pub(super) fn attributions(ctx: &Ctx) -> Vec<String> {
    let mut sources = Vec::new();
    for d in &ctx.ws.datasets {
        // Above internal a source is named by its publisher, never its file
        // name (a file can be named after a person).
        let name = if ctx.suppress {
            super::build_data::publisher(d.meta.format).to_string()
        } else {
            d.meta
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().to_string())
        };
        let accessed = std::fs::metadata(&d.meta.path)
            .and_then(|m| m.modified())
            .ok()
            .map(|t| {
                chrono::DateTime::<chrono::Utc>::from(t)
                    .date_naive()
                    .to_string()
            });
        sources.push(match d.meta.format {
            SourceFormat::Ucdp => format!(
                "{name}: UCDP Georeferenced Event Dataset. Sundberg, Ralph and Erik Melander (2013), \"Introducing the UCDP Georeferenced Event Dataset\", Journal of Peace Research 50(4), and the release article of the GED version used. Licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)."
            ),
            SourceFormat::Acled if ctx.suppress => format!(
                "{name}: Armed Conflict Location & Event Data (ACLED); www.acleddata.com. Filters used: period {}, civilian-harm events only (METHODOLOGY §3). Aggregates only, per ACLED's terms of use.",
                ctx.period()
            ),
            SourceFormat::Acled => format!(
                "{name}: Armed Conflict Location & Event Data (ACLED); www.acleddata.com. Accessed {} (file date); filters used: period {}, civilian-harm events only (METHODOLOGY §3). Aggregates only, per ACLED's terms of use.",
                accessed.unwrap_or_else(|| "on an unknown date".into()),
                ctx.period()
            ),
            _ if ctx.suppress => format!("{name}, mapped by the analyst."),
            _ => format!("{name}: {} source, as named by the analyst.", d.meta.format.key()),
        });
    }
    sources.push("Admin-1 boundaries on the map: OCHA / national statistics offices via HDX, and Natural Earth (public domain); see the workbench's assets/boundaries/ATTRIBUTION.md.".into());
    sources
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methodology_becomes_headings_paragraphs_and_bullets() {
        let blocks = methodology_blocks(METHODOLOGY, &["1."]);
        let headings: Vec<&String> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(h) => Some(h),
                _ => None,
            })
            .collect();
        assert_eq!(headings.len(), 5, "{headings:?}");
        assert!(headings[0].contains("2. Perpetrator types"));
        let text: String = blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph(p) => p.clone(),
                Block::Bullets(v) => v.join("\n"),
                _ => String::new(),
            })
            .collect();
        assert!(text.contains("state_forces — State security forces"));
        assert!(text.contains("1–4 Low, 5–9 Medium"));
        assert!(!text.contains("**"));
        assert!(!text.contains("recognised by"), "section 1 is skipped");
    }
}
