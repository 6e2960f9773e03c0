//! What the matrix says about its figures: how a cell was computed (its
//! tooltip), why a cell has no trend, and the monitoring logs' violations
//! and victims in all.

use super::super::i18n::{tr, tr_args};
use super::super::labels::lbl;
use super::super::{Metric, ViewCtx};
use crate::analysis::matrix::{CellCounts, ThreatMatrix};
use crate::model::PerpetratorType;

pub(super) fn how_computed(
    m: &ThreatMatrix,
    p: Option<PerpetratorType>,
    region: Option<usize>,
    c: &CellCounts,
) -> String {
    let who = p.map_or(tr("matrix.all_types").to_string(), |p| lbl(p).to_string());
    let place = region
        .and_then(|r| m.regions.get(r))
        .map_or(tr("matrix.all_regions"), String::as_str);
    let mut out = tr_args(
        "matrix.how",
        &[
            ("who", &who),
            ("place", place),
            ("events", &c.events.to_string()),
            ("fatalities", &c.civilian_fatalities.to_string()),
            ("unknown", &c.fatalities_unknown.to_string()),
            ("recent", &c.recent_events.to_string()),
            ("recent_from", &crate::app::i18n::date(m.windows.recent.0)),
            ("recent_to", &crate::app::i18n::date(m.windows.recent.1)),
            ("previous", &c.previous_events.to_string()),
            (
                "previous_from",
                &crate::app::i18n::date(m.windows.previous.0),
            ),
            ("previous_to", &crate::app::i18n::date(m.windows.previous.1)),
            ("trend", lbl(c.trend())),
        ],
    );
    if let Some(s) = c.suggestion() {
        out.push('\n');
        out.push_str(&tr_args(
            "matrix.how_suggested",
            &[
                ("likelihood", &s.likelihood.to_string()),
                ("impact", &s.impact.to_string()),
                ("risk", &s.risk.to_string()),
                ("band", lbl(s.band)),
            ],
        ));
    }
    if c.violations > 0 {
        out.push('\n');
        out.push_str(&tr_args(
            "matrix.how_violations",
            &[
                ("violations", &c.violations.to_string()),
                ("victims", &c.victims.to_string()),
                ("unknown", &c.victims_unknown.to_string()),
            ],
        ));
    }
    if c.matched > 0 {
        out.push('\n');
        out.push_str(&tr_args(
            "matrix.how_matched",
            &[("n", &c.matched.to_string())],
        ));
    }
    if c.recent_uncovered || c.previous_uncovered {
        out.push('\n');
        out.push_str(&no_data_text(m, region, c));
    }
    out
}

/// Why a cell (or a total) has no trend or no suggestion: the dates its
/// region's data cover and the datasets behind them (METHODOLOGY §4).
fn no_data_text(m: &ThreatMatrix, region: Option<usize>, c: &CellCounts) -> String {
    let Some(r) = region else {
        return tr("matrix.no_data_total").to_string();
    };
    let (sources, span) = m.coverage_text(r);
    let (from, to) = span.map_or_else(
        || (tr("matrix.no_coverage").to_string(), String::new()),
        |(a, b)| (crate::app::i18n::date(a), crate::app::i18n::date(b)),
    );
    let (key, window) = if c.recent_uncovered {
        ("matrix.no_data_recent", m.windows.recent)
    } else {
        ("matrix.no_data_previous", m.windows.previous)
    };
    tr_args(
        key,
        &[
            ("from", &from),
            ("to", &to),
            ("sources", &sources),
            ("window_from", &crate::app::i18n::date(window.0)),
            ("window_to", &crate::app::i18n::date(window.1)),
        ],
    )
}

/// Whether a monitoring log is loaded (violations and victims to show).
pub(super) fn monitoring(ctx: &ViewCtx<'_>) -> bool {
    ctx.ws
        .datasets
        .iter()
        .any(|d| !d.incidents.monitoring.is_empty())
}

/// Violations and victims in all, and the state share of violations
/// (METHODOLOGY §7), with what they leave out.
pub(super) fn monitoring_totals_ui(ui: &mut egui::Ui, m: &ThreatMatrix, metric: Metric) {
    let (state, attributed) = m.state_violations();
    let share = if attributed > 0 {
        crate::app::i18n::pct(state as f64 / attributed as f64)
    } else {
        "–".to_string()
    };
    ui.horizontal_wrapped(|ui| {
        ui.strong(tr_args(
            "matrix.total_violations",
            &[
                ("violations", &m.total.violations.to_string()),
                ("victims", &m.total.victims.to_string()),
                ("unknown", &m.total.victims_unknown.to_string()),
                ("share", &share),
            ],
        ))
        .on_hover_text(tr("matrix.violations_help"));
    });
    if matches!(metric, Metric::Violations | Metric::Victims) {
        ui.label(egui::RichText::new(tr("matrix.monitoring_only")).small());
    }
}

/// Monitoring logs by violation type with the figure the MRM rule reports
/// (victims for violations against people, violations for attacks and
/// denial of access), and the victims by group where the sources give them.
/// Worked out once per data generation and filter, not every frame.
pub(super) fn by_type_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>) {
    use crate::analysis::violations::{ViolationSummary, counts_victims};
    use crate::model::monitoring::VictimGroup;
    type Cached = (u64, crate::analysis::Filter, ViolationSummary);
    let id = egui::Id::unique("violation-summary");
    let cached: Option<Cached> = ui.data(|d| d.get_temp(id));
    let s = match cached {
        Some((g, f, s)) if g == ctx.generation && f == *ctx.filter => s,
        _ => {
            let s = ViolationSummary::compute(ctx.ws, ctx.filter);
            ui.data_mut(|d| d.insert_temp(id, (ctx.generation, ctx.filter.clone(), s.clone())));
            s
        }
    };
    egui::CollapsingHeader::new(tr("matrix.by_type"))
        .id_salt("by-violation-type")
        .show(ui, |ui| {
            ui.label(egui::RichText::new(tr("matrix.by_type_help")).small());
            egui::Grid::new("by-type-grid")
                .striped(true)
                .show(ui, |ui| {
                    ui.strong(tr("matrix.by_type_type"));
                    ui.strong(tr("matrix.violations"));
                    ui.strong(tr("matrix.victims"));
                    ui.strong(tr("matrix.by_type_mrm"));
                    ui.end_row();
                    for t in &s.by_type {
                        ui.label(crate::app::labels::lbl(t.violation));
                        ui.label(t.violations.to_string());
                        ui.label(t.victims.to_string());
                        let unit = if counts_victims(t.violation) {
                            tr("matrix.by_type_victims")
                        } else {
                            tr("matrix.by_type_violations")
                        };
                        ui.label(format!("{} {unit}", crate::app::i18n::num(t.value())));
                        ui.end_row();
                    }
                });
            if s.victims_with_groups > 0 {
                let g = |v: VictimGroup| s.group(v).to_string();
                ui.label(tr_args(
                    "matrix.by_group",
                    &[
                        ("women", &g(VictimGroup::Women)),
                        ("men", &g(VictimGroup::Men)),
                        ("girls", &g(VictimGroup::Girls)),
                        ("boys", &g(VictimGroup::Boys)),
                        ("unknown", &g(VictimGroup::Unknown)),
                        ("with", &s.victims_with_groups.to_string()),
                        ("victims", &s.victims.to_string()),
                    ],
                ));
            }
        });
}
