//! Footprint, benchmarks and back-test: civilian harm around each base
//! before and after closure, benchmark statuses with a small trend chart,
//! and what happened after the as-of date against what the register said.

use super::ViewCtx;
use super::commands::{AppCommand, Purpose};
use super::i18n::{language, tr, tr_args};
use super::labels::lbl;
use crate::assessment::edit::Edit;
use crate::assessment::review::{Flag, Review};
use crate::assessment::{Base, Benchmark, BenchmarkMetric, Direction};
use crate::model::PerpetratorType;
use egui_plot::{Line, Plot, PlotPoints};

/// The "add a base" and "add a benchmark" forms (view state).
pub struct Forms {
    base: (String, String, String, String, String, String),
    bench: Benchmark,
    bench_type: Option<PerpetratorType>,
    bench_region: Option<String>,
}

impl Default for Forms {
    fn default() -> Self {
        Forms {
            base: (
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                "30".into(),
            ),
            bench: Benchmark {
                name: String::new(),
                metric: BenchmarkMetric::CivilianHarmEvents,
                perpetrators: Vec::new(),
                regions: Vec::new(),
                window_months: 6,
                threshold: 5,
                direction: Direction::AtMost,
                core: true,
                monitor: String::new(),
                text_cleared: None,
                frequency: None,
            },
            bench_type: None,
            bench_region: None,
        }
    }
}

fn field(ui: &mut egui::Ui, label: &str, text: &mut String, width: f32) -> egui::Response {
    let l = ui.label(label);
    ui.add(egui::TextEdit::singleline(text).desired_width(width))
        .labelled_by(l.id)
}

/// Draws the view.
pub fn followup_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    forms: &mut Forms,
    commands: &mut Vec<AppCommand>,
) {
    let (Some(doc), Some(r)) = (ctx.doc, ctx.review) else {
        ui.label(tr("register.none"));
        return;
    };
    let a = doc.assessment();
    let regions = &ctx.ws.regions(crate::analysis::RegionLevel::Admin1).names;
    egui::ScrollArea::both().show(ui, |ui| {
        bases_ui(ui, r, a.footprint.len(), commands);
        base_form_ui(ui, &mut forms.base, a.footprint.len(), commands);
        ui.separator();
        benchmarks_ui(ui, r, a, commands);
        benchmark_form_ui(ui, forms, regions, a.benchmarks.len(), commands);
        ui.separator();
        super::scenarios_ui::scenarios_ui(ui, ctx, a, commands);
        ui.separator();
        backtest_ui(ui, r);
    });
}

fn bases_ui(ui: &mut egui::Ui, r: &Review, n_bases: usize, commands: &mut Vec<AppCommand>) {
    ui.heading(tr("followup.bases"));
    ui.label(egui::RichText::new(tr("followup.bases_hint")).small());
    egui::Grid::new("bases").striped(true).show(ui, |ui| {
        for h in [
            "followup.base",
            "matrix.region",
            "followup.closed",
            "followup.before",
            "followup.after",
            "register.flags",
            "register.actions",
        ] {
            ui.strong(tr(h));
        }
        ui.end_row();
        for (i, b) in r.bases.iter().enumerate() {
            ui.label(&b.name);
            ui.label(&b.region);
            ui.label(b.closed.map_or("–".to_string(), |d| d.to_string()));
            ui.label(b.before.to_string());
            // METHODOLOGY §5: an after-window not over by the as-of date is
            // not yet observed; an open base has none.
            ui.label(match (b.closed, b.after_complete) {
                (None, _) => "–".to_string(),
                (Some(_), false) => tr("followup.not_yet_observed").to_string(),
                (Some(_), true) => b.after.to_string(),
            });
            if b.cliff {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("⚑ {}", lbl(Flag::SecurityCliff)),
                );
            } else {
                ui.label("");
            }
            if i < n_bases && ui.small_button(tr("register.remove")).clicked() {
                commands.push(AppCommand::EditDoc(Edit::RemoveBase(i)));
            }
            ui.end_row();
        }
    });
}

type BaseForm = (String, String, String, String, String, String);

fn base_form_ui(
    ui: &mut egui::Ui,
    f: &mut BaseForm,
    n_bases: usize,
    commands: &mut Vec<AppCommand>,
) {
    ui.horizontal_wrapped(|ui| {
        let name = field(ui, tr("followup.name"), &mut f.0, 120.0);
        super::focus::mark(ui, super::focus::Anchor::View, &name);
        field(ui, tr("followup.lat"), &mut f.1, 60.0);
        field(ui, tr("followup.lon"), &mut f.2, 60.0);
        field(ui, tr("matrix.region"), &mut f.3, 110.0);
        field(ui, tr("followup.closed"), &mut f.4, 90.0);
        field(ui, tr("followup.radius"), &mut f.5, 40.0);
        let lat =
            crate::import::numbers::parse_coordinate(&f.1).filter(|v| (-90.0..=90.0).contains(v));
        let lon =
            crate::import::numbers::parse_coordinate(&f.2).filter(|v| (-180.0..=180.0).contains(v));
        let closed = crate::model::dates::parse_date(&f.4, None).ok();
        let ok = !f.0.trim().is_empty()
            && lat.is_some()
            && lon.is_some()
            && (f.4.trim().is_empty() || closed.is_some());
        if ui
            .add_enabled(ok, egui::Button::new(tr("followup.add_base")))
            .clicked()
        {
            commands.push(AppCommand::EditDoc(Edit::InsertBase(
                n_bases,
                Base {
                    name: f.0.trim().to_string(),
                    latitude: lat.unwrap_or_default(),
                    longitude: lon.unwrap_or_default(),
                    region: f.3.trim().to_string(),
                    opened: None,
                    closed,
                    radius_km: f
                        .5
                        .trim()
                        .parse()
                        .ok()
                        .filter(|v: &f64| *v > 0.0)
                        .unwrap_or(30.0),
                    illustrative: false,
                },
            )));
            *f = Forms::default().base;
        }
        if ui.button(tr("followup.import")).clicked() {
            commands.push(AppCommand::Pick(Purpose::ImportBases));
        }
    });
}

fn benchmarks_ui(
    ui: &mut egui::Ui,
    r: &Review,
    a: &crate::assessment::Assessment,
    commands: &mut Vec<AppCommand>,
) {
    let n_bench = a.benchmarks.len();
    ui.heading(tr("followup.benchmarks"));
    for (i, b) in r.benchmarks.iter().enumerate() {
        let later = r.benchmark_later(b);
        ui.group(|ui| {
            ui.strong(format!("{} [{}]", b.name, b.kind_in(language())));
            let monitor = if b.monitor.is_empty() {
                "–"
            } else {
                &b.monitor
            };
            ui.label(tr_args(
                "followup.monitored_by",
                &[
                    ("status", &b.status_line_in(later, language())),
                    ("monitor", monitor),
                ],
            ));
            let series = later.unwrap_or(b);
            let pts: PlotPoints = series
                .monthly
                .iter()
                .enumerate()
                .map(|(k, v)| [k as f64, *v as f64])
                .collect();
            Plot::new(("benchmark", i))
                .height(70.0)
                .show_axes([false, true])
                .allow_drag(false)
                .allow_zoom(false)
                .allow_scroll(false)
                .show(ui, |p| p.line(Line::new(tr("followup.monthly"), pts)));
            if let Some(bench) = a.benchmarks.get(i)
                && let Some(f) = frequency_ui(ui, ("bench-frequency", i), bench.frequency)
            {
                let mut n = bench.clone();
                n.frequency = f;
                commands.push(AppCommand::EditDoc(Edit::ReplaceBenchmark(i, n)));
            }
            if let Some(bench) = a.benchmarks.get(i)
                && let Some(c) =
                    super::register_view::clearance_ui(ui, ("bench-cleared", i), bench.text_cleared)
            {
                let mut n = bench.clone();
                n.text_cleared = c;
                commands.push(AppCommand::EditDoc(Edit::ReplaceBenchmark(i, n)));
            }
            if i < n_bench && ui.small_button(tr("register.remove")).clicked() {
                commands.push(AppCommand::EditDoc(Edit::RemoveBenchmark(i)));
            }
        });
    }
}

/// How often a benchmark is measured after exit; `Some` = changed.
fn frequency_ui(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    current: Option<crate::assessment::Frequency>,
) -> Option<Option<crate::assessment::Frequency>> {
    use crate::assessment::Frequency;
    let name = |f: Option<Frequency>| match f {
        None => tr("followup.frequency_unset"),
        Some(Frequency::Monthly) => tr("followup.frequency_monthly"),
        Some(Frequency::Quarterly) => tr("followup.frequency_quarterly"),
        Some(Frequency::SixMonthly) => tr("followup.frequency_six_monthly"),
        Some(Frequency::Yearly) => tr("followup.frequency_yearly"),
    };
    let mut changed = None;
    let label = ui.label(egui::RichText::new(tr("followup.frequency")).small());
    egui::ComboBox::from_id_salt(id)
        .selected_text(name(current))
        .show_ui(ui, |ui| {
            for f in std::iter::once(None).chain(Frequency::ALL.map(Some)) {
                if ui.selectable_label(current == f, name(f)).clicked() && current != f {
                    changed = Some(f);
                }
            }
        })
        .response
        .labelled_by(label.id);
    changed
}

fn benchmark_form_ui(
    ui: &mut egui::Ui,
    forms: &mut Forms,
    regions: &[String],
    n_bench: usize,
    commands: &mut Vec<AppCommand>,
) {
    ui.horizontal_wrapped(|ui| {
        let b = &mut forms.bench;
        field(ui, tr("followup.name"), &mut b.name, 200.0);
        egui::ComboBox::new("bench-metric", "")
            .selected_text(match b.metric {
                BenchmarkMetric::CivilianHarmEvents => tr("matrix.events"),
                BenchmarkMetric::CivilianFatalities => tr("matrix.fatalities"),
            })
            .show_ui(ui, |ui| {
                ui.selectable_value(
                    &mut b.metric,
                    BenchmarkMetric::CivilianHarmEvents,
                    tr("matrix.events"),
                );
                ui.selectable_value(
                    &mut b.metric,
                    BenchmarkMetric::CivilianFatalities,
                    tr("matrix.fatalities"),
                );
            })
            .response
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::ComboBox, true, tr("followup.bench_metric"))
            });
        egui::ComboBox::new("bench-type", "")
            .selected_text(forms.bench_type.map_or(tr("followup.all"), lbl))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut forms.bench_type, None, tr("followup.all"));
                for t in PerpetratorType::ALL {
                    ui.selectable_value(&mut forms.bench_type, Some(t), lbl(t));
                }
            })
            .response
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::ComboBox, true, tr("followup.bench_type"))
            });
        egui::ComboBox::new("bench-region", "")
            .selected_text(
                forms
                    .bench_region
                    .clone()
                    .unwrap_or_else(|| tr("followup.all").to_string()),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut forms.bench_region, None, tr("followup.all"));
                for r in regions {
                    ui.selectable_value(&mut forms.bench_region, Some(r.clone()), r);
                }
            })
            .response
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::ComboBox, true, tr("followup.bench_region"))
            });
        let l = ui.label(tr("followup.window"));
        ui.add(egui::DragValue::new(&mut b.window_months).range(1..=36))
            .labelled_by(l.id);
        let l = ui.label(tr("followup.threshold"));
        ui.add(egui::DragValue::new(&mut b.threshold))
            .labelled_by(l.id);
        ui.radio_value(&mut b.direction, Direction::AtMost, tr("followup.at_most"));
        ui.radio_value(
            &mut b.direction,
            Direction::AtLeast,
            tr("followup.at_least"),
        );
        ui.checkbox(&mut b.core, tr("followup.core"));
        field(ui, tr("followup.monitor"), &mut b.monitor, 140.0);
        if let Some(f) = frequency_ui(ui, "bench-form-frequency", b.frequency) {
            b.frequency = f;
        }
        if ui
            .add_enabled(
                !b.name.trim().is_empty(),
                egui::Button::new(tr("followup.add_benchmark")),
            )
            .clicked()
        {
            let mut new = b.clone();
            new.perpetrators = forms.bench_type.into_iter().collect();
            new.regions = forms.bench_region.clone().into_iter().collect();
            commands.push(AppCommand::EditDoc(Edit::InsertBenchmark(n_bench, new)));
            *forms = Forms::default();
        }
    });
}

fn backtest_ui(ui: &mut egui::Ui, r: &Review) {
    ui.heading(tr("followup.backtest"));
    ui.label(egui::RichText::new(tr("followup.backtest_hint")).small());
    egui::Grid::new("backtest").striped(true).show(ui, |ui| {
        for h in [
            "register.number",
            "register.threat",
            "followup.predicted",
            "followup.m6",
            "followup.m12",
            "followup.m24",
            "followup.verdict",
        ] {
            ui.strong(tr(h));
        }
        ui.end_row();
        for t in &r.backtest {
            ui.label(t.id.to_string());
            ui.label(format!("{} — {}", lbl(t.perpetrator), t.regions.join(", ")));
            ui.label(
                t.predicted_likelihood
                    .map_or_else(|| "–".to_string(), |l| format!("L{l}")),
            );
            for w in &t.windows {
                ui.label(tr_args(
                    if w.4 {
                        "followup.window_counts"
                    } else {
                        "followup.window_counts_partial"
                    },
                    &[
                        ("events", &w.1.to_string()),
                        ("fatalities", &w.2.to_string()),
                        ("likelihood", &w.3.to_string()),
                    ],
                ));
            }
            ui.strong(crate::assessment::review::verdict_label(
                &t.verdict,
                language(),
            ));
            ui.end_row();
        }
    });
}
