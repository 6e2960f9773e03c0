//! "Method and sources": the counting rules in plain words with the
//! parameters this annex used (windows and their dates, thresholds, k),
//! written for a reader and not copied from METHODOLOGY.md; then every
//! re-classification and analyst override, the disclosure rules applied
//! to this annex, and each source's required attribution.

use super::build::Ctx;
use super::{Block, level_key};
use crate::analysis::matrix::Windows;
use crate::model::SourceFormat;

/// The counting rules, in plain words, with this annex's dates.
fn rules(ctx: &Ctx) -> Vec<Block> {
    let w = Windows::ending(ctx.as_of);
    let has = |f: SourceFormat| ctx.ws.datasets.iter().any(|d| d.meta.format == f);
    let mut b = Vec::new();
    b.push(Block::Heading("What is counted".into()));
    let mut counted = vec![
        "A civilian-harm event is a recorded event in which civilians were harmed by violence. Each event counts once in its source; a row repeated in a source (the same event identifier) counts once.".to_string(),
    ];
    if has(SourceFormat::Acled) {
        counted.push("ACLED: events ACLED marks as targeting civilians (in older files without that mark: violence against civilians, or an event with civilians as one side). Civilian fatalities are all the fatalities ACLED gives for those events, as ACLED does not separate civilian deaths.".to_string());
    }
    if has(SourceFormat::Ucdp) {
        counted.push("UCDP GED: one-sided violence against civilians, and battles in which civilians died (counted as not attributable to either side). Civilian fatalities are UCDP's civilian deaths.".to_string());
    }
    if ctx
        .ws
        .datasets
        .iter()
        .any(|d| !matches!(d.meta.format, SourceFormat::Acled | SourceFormat::Ucdp))
    {
        counted.push("Other sources: read through a column mapping the analyst made; each value of their perpetrator column was mapped once to a type below.".to_string());
    }
    counted.extend(matching_text(ctx));
    if ctx
        .ws
        .datasets
        .iter()
        .any(|d| !d.incidents.monitoring.is_empty())
    {
        counted.push(format!(
            "Monitoring logs (human-rights and protection records): every record is civilian harm. A violation is one violation type in one incident (an incident of rape and abduction holds two); victims are the people the log counts, one where it leaves the number unspecified. {} Violations and victims are never assumed for ACLED or UCDP events.",
            if ctx.filter.verified_only {
                "Only verified records are counted; unverified and rejected ones are not."
            } else {
                "Verified and unverified records are counted; rejected ones (falsely attributed, or found not to have occurred) never are."
            }
        ));
    }
    counted.push("A fatality figure a source gives as unknown or as a range is not counted as zero: the event counts, its fatalities are reported as unknown.".to_string());
    b.push(Block::Bullets(counted));
    b.push(Block::Heading("Who, and where".into()));
    b.push(Block::Bullets(vec![
        "Each event is attributed to one type of perpetrator from the source's own coding of the actor: state security forces, external or foreign forces, rebel groups, political militias, communal or identity militias, armed groups whose type the source does not give, rioters, protesters, civilians, unidentified armed actors, not attributable (crossfire), and other.".to_string(),
        "ACLED types come from the actor's interaction code. In UCDP data, the government of the country is the state's security forces, another government is external forces, and every other side is an armed group whose type UCDP does not give.".to_string(),
        "The analyst may re-classify an actor (a pro-government militia as state forces, say); each re-classification is listed below with its reason.".to_string(),
        "Regions are first-level administrative units as the source names them; names that differ only in case, accents or a trailing \"State\" are one region. Events the source places in no region are shown as (unknown).".to_string(),
        "The state-perpetrated share is the events (or fatalities) by state security forces divided by all events attributed to an identified perpetrator, that is, leaving out unidentified armed actors and crossfire.".to_string(),
    ]));
    if let (Some(c), Some(_)) = (ctx.opts.country.as_ref(), ctx.filter.regions.as_ref()) {
        b.push(Block::Paragraph(format!(
            "The data span several countries; this annex counts the regions of {c} only."
        )));
    }
    b.push(Block::Heading("Trends".into()));
    b.push(Block::Bullets(vec![
        format!(
            "The recent window is the six months from {} to {} (the as-of date); the previous window, the six months from {} to {}.",
            w.recent.0, w.recent.1, w.previous.0, w.previous.1
        ),
        "Rising: the recent window holds at least a quarter more events than the previous one and at least 3 more. Falling: at least a quarter fewer and at least 3 fewer. New: none before and 3 or more now. Otherwise stable.".to_string(),
        "No data: a window the sources do not cover, because they start after its first day or stop more than 31 days before its last. A region is then never called stable or low for lack of data.".to_string(),
    ]));
    if !ctx.suppress {
        b.push(Block::Heading("Suggested scores".into()));
        b.push(Block::Bullets(vec![
            "Likelihood (1–5) is suggested from civilian-harm events per month in the recent window: none 1, under 0.5 a month 2, under 2 a month 3, under 5 a month 4, 5 or more 5.".to_string(),
            "Impact (1–5) from civilian fatalities per month in the recent window: none 1, under 1 a month 2, under 5 a month 3, under 20 a month 4, 20 or more 5; one step higher where the window holds sexual violence or abductions.".to_string(),
            "Risk is likelihood × impact: 1–4 Low, 5–9 Medium, 10–16 High, 20–25 Very high. The suggestion is a starting point: the analyst's rating and written rationale are what the register states.".to_string(),
        ]));
    }
    if ctx.a.is_some() {
        b.push(Block::Heading("Flags".into()));
        b.push(Block::Bullets(vec![
            "No successor: a residual threat rated High or Very high with a protection tier that no one takes over.".to_string(),
            "Successor is perpetrator: host-state security forces are named to take over a threat that state security forces perpetrate.".to_string(),
            "Security cliff: civilian-harm events within a base's radius (30 km unless set otherwise) in the 12 months after it closed rose against the 12 months before, by the rising rule above. Only data up to the as-of date count: where those 12 months are not over by then, the after-window is shown as not yet observed and no flag is raised.".to_string(),
            "Monitoring gap: a region of the threat had 3 or more civilian-harm events in the 12 months to the as-of date, and every mission base in it closes.".to_string(),
            "Flags are raised only on threats expected to persist after the mission leaves.".to_string(),
        ]));
        b.push(Block::Heading("Benchmarks".into()));
        b.push(Block::Paragraph(format!(
            "Each benchmark is its measure over its window ending on the as-of date ({}), met or not met against its target; insufficient data where the sources do not cover the window. Nothing after the as-of date is used, except in the back-test, which is labelled as hindsight.",
            ctx.as_of
        )));
    }
    b
}

/// Matching across sources (METHODOLOGY §8), where the data hold more
/// than one source family: whether it was on, its parameters and, in the
/// internal version, the match counts (above internal they are left out:
/// with the sources' own totals they would be one more small count).
fn matching_text(ctx: &Ctx) -> Option<String> {
    use crate::analysis::matching::{SourceGroup, family_name, trim_km};
    let ws = ctx.ws;
    let families: std::collections::BTreeSet<String> = (0..ws.datasets.len())
        .filter(|&d| !ws.datasets[d].incidents.is_empty())
        .map(|d| family_name(&ws.datasets, d))
        .collect();
    if families.len() < 2 {
        return None;
    }
    let m = &ws.matches;
    let s = &m.settings;
    if !s.enabled {
        return Some("Events recorded by more than one source were not matched for this annex: an attack that two sources record (ACLED and UCDP, say) is counted once in each, so counts across sources may be higher than the number of attacks.".to_string());
    }
    let order = s
        .priority
        .iter()
        .map(|g| match g {
            SourceGroup::Logs => "a monitoring log or other mapped file",
            SourceGroup::Ucdp => "UCDP",
            SourceGroup::Acled => "ACLED",
        })
        .collect::<Vec<_>>()
        .join(", else ");
    let mut text = format!(
        "Events recorded by more than one source are counted once. Two civilian-harm events from different sources are taken to be one event when their dates are at most {} day{} apart (a source's date range is compared whole), they lie at most {} km apart (or, where either has no coordinates, in the same first-level region and, where both give one, the same second-level region), and their perpetrator types are compatible (the same type; an armed group of unstated type and a rebel group or militia; or an unidentified or unattributed side). Closest pairs in time, then in distance, are taken first, and an event is matched with at most one record of each source. A matched event is counted with the perpetrator type, region and fatalities of the record of {order}; nothing is added across records.",
        s.max_days,
        if s.max_days == 1 { "" } else { "s" },
        trim_km(s.max_km),
    );
    if !s.is_default() {
        text.push_str(" These windows or this order differ from the method's (1 day, 5 km; monitoring logs, then UCDP, then ACLED): the analyst changed them.");
    }
    if ctx.opts.level == crate::assessment::SharingLevel::Internal {
        if m.pairs.is_empty() {
            text.push_str(" No event was found in more than one source.");
        } else {
            let pairs = m
                .pairs
                .iter()
                .map(|((a, b), n)| {
                    format!(
                        "{} and {}: {}",
                        source_name(a),
                        source_name(b),
                        super::group_thousands(*n)
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            text.push_str(&format!(" Events matched, by pair of sources: {pairs} (all dates, before the period is applied)."));
        }
    }
    Some(text)
}

fn source_name(family: &str) -> String {
    match family {
        "acled" => "ACLED".into(),
        "ucdp" => "UCDP".into(),
        other => other.to_string(),
    }
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
        "Every figure in this annex follows the rules below, which can be checked against the source files. They are the workbench's counting rules, stated with the dates and thresholds this annex used.".into(),
    )];
    b.extend(rules(ctx));
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
            b.extend(override_blocks(r));
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

/// The analyst's overrides of the suggested scores (internal only).
fn override_blocks(r: &crate::assessment::review::Review) -> Vec<Block> {
    let mut b = Vec::new();
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
                if e.rationale_missing {
                    " (no rationale written)"
                } else {
                    "; rationale in the register"
                }
            )
        })
        .collect();
    b.push(Block::Heading(
        "Analyst overrides of the suggested scores".into(),
    ));
    let compared = r
        .entries
        .iter()
        .filter(|e| e.analyst.is_some() && e.suggested.is_some())
        .count();
    if compared == 0 {
        b.push(Block::Paragraph(
            "None to compare: no rated threat has a suggestion (the data do not cover its recent window).".into(),
        ));
    } else if overrides.is_empty() {
        b.push(Block::Paragraph(
            "None: every rating equals the suggestion.".into(),
        ));
    } else {
        b.push(Block::Bullets(overrides));
    }
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
            // Above internal the publisher already names the dataset.
            SourceFormat::Ucdp if ctx.suppress => "UCDP Georeferenced Event Dataset (Uppsala Conflict Data Program). Sundberg, Ralph and Erik Melander (2013), \"Introducing the UCDP Georeferenced Event Dataset\", Journal of Peace Research 50(4), and the release article of the GED version used. Licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).".to_string(),
            SourceFormat::Ucdp => format!(
                "{name}: UCDP Georeferenced Event Dataset. Sundberg, Ralph and Erik Melander (2013), \"Introducing the UCDP Georeferenced Event Dataset\", Journal of Peace Research 50(4), and the release article of the GED version used. Licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)."
            ),
            SourceFormat::Acled if ctx.suppress => format!(
                "{name}: Armed Conflict Location & Event Data (ACLED); www.acleddata.com. Access date: not recorded in the file (state it when citing); filters used: period {}, civilian-harm events only. Aggregates only, per ACLED's terms of use.",
                ctx.period()
            ),
            SourceFormat::Acled => format!(
                "{name}: Armed Conflict Location & Event Data (ACLED); www.acleddata.com. Access date: not recorded in the file{}; filters used: period {}, civilian-harm events only. Aggregates only, per ACLED's terms of use.",
                accessed.map_or_else(String::new, |d| format!(
                    " (the copy on this computer is dated {d}; state the date it was downloaded when citing)"
                )),
                ctx.period()
            ),
            _ if ctx.suppress => format!("{name}, mapped by the analyst."),
            _ => format!("{name}: a source read through the analyst's column mapping."),
        });
    }
    sources.push("Admin-1 boundaries on the map: OCHA / national statistics offices via HDX, and Natural Earth (public domain); each publisher's terms travel with the workbench.".into());
    sources
}
