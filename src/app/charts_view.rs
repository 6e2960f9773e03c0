//! Charts (egui_plot): civilian-harm events per month stacked by perpetrator
//! type, civilian fatalities per month, and the regions with the most
//! events. Hover for values, drag to pan, scroll to zoom, "Reset view".

use super::ViewCtx;
use super::i18n::tr;
use super::labels::lbl;
use super::theme::perpetrator_color;
use crate::model::PerpetratorType;
use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoints};

/// The charts' state: a reset asked for, applied at the next frame.
#[derive(Default)]
pub struct ChartsState {
    reset: bool,
}

/// Draws the view.
pub fn charts_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, state: &mut ChartsState) {
    let reset = std::mem::take(&mut state.reset);
    let reset_button = ui.button(tr("charts.reset"));
    super::focus::mark(ui, super::focus::Anchor::View, &reset_button);
    if reset_button.clicked() {
        state.reset = true;
    }
    let months = ctx.monthly;
    let Some(d) = ctx.derived else { return };
    // Headroom above the tallest month keeps the legend off the bars.
    let tallest = months
        .iter()
        .map(|m| m.events_by_type.iter().sum::<u64>())
        .max()
        .unwrap_or(0) as f64;
    let labels: Vec<String> = months.iter().map(|m| m.month.clone()).collect();
    let fmt_labels = labels.clone();
    let x_fmt = move |mark: egui_plot::GridMark, _r: &std::ops::RangeInclusive<f64>| {
        let i = mark.value.round();
        if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
            fmt_labels.get(i as usize).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    let h = (ui.available_height() / 3.0 - 30.0).max(150.0);
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.strong(tr("charts.monthly"));
        let mut plot = Plot::new("monthly")
            .height(h)
            .legend(Legend::default().position(egui_plot::Corner::LeftTop))
            .include_y(0.0)
            .include_y(tallest * 1.45 + 1.0)
            .x_axis_formatter(x_fmt.clone());
        if reset {
            plot = plot.reset();
        }
        plot.show(ui, |p| {
            let mut charts: Vec<BarChart> = Vec::new();
            for t in PerpetratorType::ALL {
                let bars: Vec<Bar> = months
                    .iter()
                    .enumerate()
                    .map(|(i, m)| {
                        Bar::new(i as f64, m.events_by_type[t as usize] as f64).width(0.9)
                    })
                    .collect();
                if bars.iter().all(|b| b.value == 0.0) {
                    continue;
                }
                let mut c = BarChart::new(lbl(t), bars).color(perpetrator_color(t));
                let below: Vec<&BarChart> = charts.iter().collect();
                if !below.is_empty() {
                    c = c.stack_on(&below);
                }
                charts.push(c);
            }
            for c in charts {
                p.bar_chart(c);
            }
        });
        fatalities_chart(ui, months, h, reset, x_fmt.clone());
        violations_chart(ui, months, h, reset, x_fmt);
        ui.strong(tr("charts.regions"));
        let m = &d.matrix;
        let mut top: Vec<(String, u64)> = m
            .regions
            .iter()
            .cloned()
            .zip(m.column_totals.iter().map(|t| t.events))
            .collect();
        top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        top.truncate(15);
        top.reverse();
        let names: Vec<String> = top.iter().map(|t| t.0.clone()).collect();
        let mut plot =
            Plot::new("regions")
                .height(h.max(260.0))
                .y_axis_formatter(move |mark, _r| {
                    let i = mark.value.round();
                    if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                        names.get(i as usize).cloned().unwrap_or_default()
                    } else {
                        String::new()
                    }
                });
        if reset {
            plot = plot.reset();
        }
        plot.show(ui, |p| {
            let bars: Vec<Bar> = top
                .iter()
                .enumerate()
                .map(|(i, (_, n))| Bar::new(i as f64, *n as f64).width(0.7))
                .collect();
            p.bar_chart(BarChart::new(tr("matrix.events"), bars).horizontal());
            for (i, (name, n)) in top.iter().enumerate() {
                p.text(
                    egui_plot::Text::new(
                        name,
                        egui_plot::PlotPoint::new(*n as f64, i as f64),
                        format!("  {name} ({n})"),
                    )
                    .anchor(egui::Align2::LEFT_CENTER),
                );
            }
        });
    });
}

/// Violations and victims per month (monitoring logs only), when a log is
/// loaded.
fn violations_chart(
    ui: &mut egui::Ui,
    months: &[crate::analysis::series::MonthCounts],
    h: f32,
    reset: bool,
    x_fmt: impl Fn(egui_plot::GridMark, &std::ops::RangeInclusive<f64>) -> String + 'static,
) {
    if !months.iter().any(|m| m.violations > 0) {
        return;
    }
    ui.strong(tr("charts.violations"))
        .on_hover_text(tr("matrix.monitoring_only"));
    let mut plot = Plot::new("violations")
        .height(h)
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .include_y(0.0)
        .x_axis_formatter(x_fmt);
    if reset {
        plot = plot.reset();
    }
    plot.show(ui, |p| {
        let series = |f: fn(&crate::analysis::series::MonthCounts) -> u64| -> PlotPoints {
            months
                .iter()
                .enumerate()
                .map(|(i, m)| [i as f64, f(m) as f64])
                .collect()
        };
        p.line(Line::new(tr("matrix.violations"), series(|m| m.violations)));
        p.line(Line::new(tr("matrix.victims"), series(|m| m.victims)));
    });
}

/// Civilian fatalities per month.
fn fatalities_chart(
    ui: &mut egui::Ui,
    months: &[crate::analysis::series::MonthCounts],
    h: f32,
    reset: bool,
    x_fmt: impl Fn(egui_plot::GridMark, &std::ops::RangeInclusive<f64>) -> String + 'static,
) {
    ui.strong(tr("charts.fatalities"));
    // Counts start at 0: an axis that starts higher exaggerates change.
    let mut plot = Plot::new("fatalities")
        .height(h)
        .include_y(0.0)
        .x_axis_formatter(x_fmt);
    if reset {
        plot = plot.reset();
    }
    plot.show(ui, |p| {
        let pts: PlotPoints = months
            .iter()
            .enumerate()
            .map(|(i, m)| [i as f64, m.civilian_fatalities as f64])
            .collect();
        p.line(Line::new(tr("matrix.fatalities"), pts));
    });
}
