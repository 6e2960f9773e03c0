//! Presentation mode (F5) for joint workshops on a projector: full screen,
//! one threat a slide — its title and regions, the heat of its matrix row,
//! its monthly sparkline, the suggestion, each participant's rating as
//! dots beside the agreed rating, successors per tier and flags — then a
//! summary slide. Arrow keys (or Page Up/Down, Space) move; Escape or F5
//! leaves. Text is at least 24 px at 1280×720, and nothing is told by
//! colour alone (flags carry a mark and a word, dots a position).

use super::WorkbenchApp;
use super::i18n::{num, tr, tr_args};
use super::labels::lbl;
use crate::analysis::{Filter, RegionLevel, Workspace};
use crate::assessment::review::{EntryReview, Review};
use crate::assessment::{Assessment, ThreatEntry, Tier};
use egui::{Color32, RichText};

/// The smallest text on a slide, in points (24 px at 1280×720).
const SMALL: f32 = 24.0;

impl WorkbenchApp {
    /// The number of slides: one per register entry, the scenario
    /// comparison where there are scenarios, then the summary.
    pub(super) fn slide_count(&self) -> usize {
        self.doc.as_ref().map_or(1, |d| {
            let a = d.assessment();
            a.register.len() + usize::from(!a.scenarios.is_empty()) + 1
        })
    }

    /// Draws the current slide over the whole window.
    pub(super) fn presentation_ui(&mut self, ui: &mut egui::Ui, slide: usize) {
        let ws = self.session.workspace();
        let generation = self.session.data_generation();
        egui::CentralPanel::default().show(ui, |ui| {
            let Some(doc) = self.doc.as_ref() else {
                ui.label(RichText::new(tr("present.no_doc")).size(SMALL * 1.3));
                return;
            };
            let a = doc.assessment();
            // The figures of a slide are worked out once per data, document
            // and slide, not every frame.
            let key = (generation, doc.version(), slide);
            let Some(review) = doc.cached_review() else {
                ui.label(RichText::new(tr("present.no_doc")).size(SMALL * 1.3));
                return;
            };
            let scenarios = usize::from(!a.scenarios.is_empty());
            let n = a.register.len() + scenarios + 1;
            let slide = slide.min(n - 1);
            footer(ui, slide, n);
            match (a.register.get(slide), review.entries.get(slide)) {
                (Some(e), Some(r)) => {
                    let f = cached(ui, key, || slide_figures(ws, a, e));
                    entry_slide(ui, a, (e, r), &f);
                }
                _ if scenarios == 1 && slide == a.register.len() => {
                    let c = cached(ui, key, || {
                        crate::assessment::scenarios::compare(a, ws, tr("scenarios.current"), 4)
                    });
                    scenario_slide(ui, &c);
                }
                _ => summary_slide(ui, a, review),
            }
        });
    }
}

/// `make()` once per key (data generation, document version, slide), kept
/// in egui's memory between frames.
fn cached<T: Clone + Send + Sync + 'static>(
    ui: &egui::Ui,
    key: (u64, u64, usize),
    make: impl FnOnce() -> T,
) -> T {
    let id = egui::Id::unique(("slide-figures", std::any::type_name::<T>()));
    if let Some((k, v)) = ui.data(|d| d.get_temp::<((u64, u64, usize), T)>(id))
        && k == key
    {
        return v;
    }
    let v = make();
    ui.data_mut(|d| d.insert_temp(id, (key, v.clone())));
    v
}

/// What a threat's slide shows from the data: civilian-harm events of its
/// type per region over the 12 months to the as-of date, and per month
/// over the 24 months to it.
#[derive(Clone)]
struct SlideFigures {
    heat: Vec<(String, u64)>,
    months: Vec<u64>,
}

fn slide_figures(ws: &Workspace, a: &Assessment, e: &ThreatEntry) -> SlideFigures {
    use chrono::Datelike;
    let as_of = a.meta.as_of;
    let regions = (!e.regions.is_empty()).then(|| e.regions.iter().cloned().collect());
    let f = Filter {
        from: as_of
            .checked_sub_months(chrono::Months::new(12))
            .and_then(|d| d.succ_opt()),
        to: Some(as_of),
        level: RegionLevel::Admin1,
        perpetrators: Some([e.perpetrator].into()),
        regions: regions.clone(),
        ..Default::default()
    };
    let m = crate::analysis::ThreatMatrix::compute(ws, &f, Some(as_of));
    let heat = e
        .regions
        .iter()
        .map(|r| (r.clone(), m.cell(e.perpetrator, r).map_or(0, |c| c.events)))
        .collect();
    let first = as_of
        .with_day(1)
        .and_then(|d| d.checked_sub_months(chrono::Months::new(23)))
        .unwrap_or(as_of);
    let f = Filter {
        from: Some(first),
        ..f
    };
    let by: std::collections::HashMap<String, u64> = crate::analysis::series::monthly(ws, &f)
        .into_iter()
        .map(|m| (m.month, m.events))
        .collect();
    let months = (0..24)
        .map(|i| {
            let d = first
                .checked_add_months(chrono::Months::new(i))
                .unwrap_or(first);
            by.get(&d.format("%Y-%m").to_string()).copied().unwrap_or(0)
        })
        .collect();
    SlideFigures { heat, months }
}

fn footer(ui: &mut egui::Ui, slide: usize, n: usize) {
    egui::Panel::bottom("slide-footer")
        .show_separator_line(false)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(tr_args(
                        "present.position",
                        &[("i", &(slide + 1).to_string()), ("n", &n.to_string())],
                    ))
                    .size(SMALL),
                );
                ui.label(RichText::new(tr("present.keys")).size(SMALL).weak());
            });
        });
}

/// A threat's name: its type and actor group.
fn title(e: &ThreatEntry) -> String {
    match &e.actor_group {
        Some(g) if !g.trim().is_empty() => format!("{}: {}", lbl(e.perpetrator), g.trim()),
        _ => lbl(e.perpetrator).to_string(),
    }
}

fn entry_slide(
    ui: &mut egui::Ui,
    a: &Assessment,
    (e, r): (&ThreatEntry, &EntryReview),
    f: &SlideFigures,
) {
    ui.label(
        RichText::new(format!("#{}  {}", e.id, title(e)))
            .size(SMALL * 1.7)
            .strong(),
    );
    ui.label(RichText::new(e.regions.join(" · ")).size(SMALL));
    ui.add_space(8.0);
    heat_row(ui, &f.heat);
    ui.add_space(8.0);
    ui.columns(2, |cols| {
        sparkline(&mut cols[0], &f.months);
        ratings(&mut cols[1], a, e, r);
    });
    ui.add_space(8.0);
    ui.columns(2, |cols| {
        successors(&mut cols[0], e);
        flags(&mut cols[1], r);
    });
}

/// The entry's regions as heat cells of its matrix row (civilian-harm
/// events of its type in the 12 months to the as-of date).
fn heat_row(ui: &mut egui::Ui, counts: &[(String, u64)]) {
    let max = counts.iter().map(|c| c.1).max().unwrap_or(0).max(1) as f32;
    ui.label(RichText::new(tr("present.heat")).size(SMALL).weak());
    ui.horizontal_wrapped(|ui| {
        for (region, n) in counts {
            let (fill, text) = super::theme::heat(*n as f32 / max);
            egui::Frame::new()
                .fill(fill)
                .inner_margin(egui::Margin::symmetric(12, 6))
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.label(
                        RichText::new(format!("{region}  {}", num(*n)))
                            .size(SMALL)
                            .color(text),
                    );
                });
        }
    });
}

/// Civilian-harm events of the entry's type and regions per month, over
/// the 24 months to the as-of date.
fn sparkline(ui: &mut egui::Ui, months: &[u64]) {
    let total: u64 = months.iter().sum();
    ui.label(
        RichText::new(tr_args("present.monthly", &[("n", &total.to_string())]))
            .size(SMALL)
            .weak(),
    );
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(ui.available_width().min(560.0), 110.0),
        egui::Sense::hover(),
    );
    let p = ui.painter_at(rect);
    let max = months.iter().copied().max().unwrap_or(0).max(1) as f32;
    let w = rect.width() / months.len() as f32;
    let ink = ui.visuals().strong_text_color();
    for (i, v) in months.iter().enumerate() {
        let h = (*v as f32 / max) * (rect.height() - 4.0);
        let x = rect.left() + i as f32 * w;
        p.rect_filled(
            egui::Rect::from_min_max(
                egui::pos2(x + 1.0, rect.bottom() - h),
                egui::pos2(x + w - 1.0, rect.bottom()),
            ),
            0.0,
            ink,
        );
    }
    p.line_segment(
        [rect.left_bottom(), rect.right_bottom()],
        egui::Stroke::new(1.0, ink),
    );
}

/// Suggestion, agreed rating, and each participant's rating as a dot on
/// a 1–5 scale (the agreed rating ringed).
fn ratings(ui: &mut egui::Ui, a: &Assessment, e: &ThreatEntry, r: &EntryReview) {
    let scores = |s: Option<crate::assessment::review::Scores>| {
        s.map_or_else(
            || "–".to_string(),
            |s| format!("{}×{} = {} {}", s.likelihood, s.impact, s.risk, lbl(s.band)),
        )
    };
    ui.label(
        RichText::new(tr_args("present.suggested", &[("s", &scores(r.suggested))])).size(SMALL),
    );
    let agreed = match (e.likelihood, e.impact) {
        (Some(_), Some(_)) => scores(r.analyst),
        _ => tr("present.not_rated").to_string(),
    };
    ui.label(
        RichText::new(tr_args("present.agreed", &[("s", &agreed)]))
            .size(SMALL * 1.2)
            .strong(),
    );
    if e.ratings.is_empty() {
        return;
    }
    let _ = a;
    for (label, agreed, values) in [
        (
            tr("register.likelihood"),
            e.likelihood,
            e.ratings
                .iter()
                .filter_map(|r| r.likelihood)
                .collect::<Vec<_>>(),
        ),
        (
            tr("register.impact"),
            e.impact,
            e.ratings
                .iter()
                .filter_map(|r| r.impact)
                .collect::<Vec<_>>(),
        ),
    ] {
        ui.horizontal(|ui| {
            ui.add_sized(
                [170.0, 30.0],
                egui::Label::new(RichText::new(label).size(SMALL)),
            );
            dots(ui, agreed, &values);
        });
    }
    if e.contested() {
        ui.label(
            RichText::new(tr("workshop.contested"))
                .size(SMALL)
                .strong()
                .color(ui.visuals().warn_fg_color),
        );
    }
}

/// A 1–5 axis with one dot per rating, stacked, and the agreed value ringed.
fn dots(ui: &mut egui::Ui, agreed: Option<u8>, values: &[u8]) {
    let height = 34.0 + 10.0 * values.len() as f32;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(320.0, height), egui::Sense::hover());
    let p = ui.painter_at(rect);
    let ink = ui.visuals().strong_text_color();
    let x = |v: u8| rect.left() + 20.0 + (f32::from(v) - 1.0) * 70.0;
    let base = rect.bottom() - 22.0;
    p.line_segment(
        [egui::pos2(x(1), base), egui::pos2(x(5), base)],
        egui::Stroke::new(1.5, ink),
    );
    for v in 1..=5u8 {
        p.text(
            egui::pos2(x(v), rect.bottom() - 10.0),
            egui::Align2::CENTER_CENTER,
            v.to_string(),
            egui::FontId::proportional(SMALL * 0.75),
            ink,
        );
    }
    let mut stack = [0usize; 6];
    for v in values {
        let k = usize::from(*v).min(5);
        let y = base - 8.0 - stack[k] as f32 * 10.0;
        stack[k] += 1;
        p.circle_filled(egui::pos2(x(*v), y), 5.0, ink);
    }
    if let Some(a) = agreed {
        p.circle_stroke(
            egui::pos2(x(a), base),
            9.0,
            egui::Stroke::new(3.0, Color32::from_rgb(0, 90, 160)),
        );
    }
}

fn successors(ui: &mut egui::Ui, e: &ThreatEntry) {
    ui.label(RichText::new(tr("register.successors")).size(SMALL).weak());
    for t in Tier::ALL {
        let who = e
            .successors
            .get(&t)
            .map_or_else(|| "—".to_string(), super::labels::successor);
        ui.label(RichText::new(format!("{t:?}  {who}")).size(SMALL));
    }
}

fn flags(ui: &mut egui::Ui, r: &EntryReview) {
    ui.label(RichText::new(tr("register.flags")).size(SMALL).weak());
    let raised = r.flags.raised();
    if raised.is_empty() {
        ui.label(RichText::new(tr("register.no_flags")).size(SMALL));
    }
    for f in raised {
        ui.label(
            RichText::new(format!("⚑ {}", lbl(f)))
                .size(SMALL)
                .strong()
                .color(ui.visuals().warn_fg_color),
        );
    }
}

/// The drawdown scenarios compared over the first four quarters after the
/// as-of date: bases open, closing (with the harm near them) and gaps.
fn scenario_slide(ui: &mut egui::Ui, c: &crate::assessment::scenarios::Comparison) {
    ui.label(
        RichText::new(tr("scenarios.compare"))
            .size(SMALL * 1.5)
            .strong(),
    );
    egui::Grid::new("scenario-slide")
        .spacing([28.0, 10.0])
        .show(ui, |ui| {
            ui.label(RichText::new(tr("scenarios.quarter")).size(SMALL).strong());
            for name in &c.scenarios {
                ui.label(RichText::new(name).size(SMALL).strong());
            }
            ui.end_row();
            for q in &c.quarters {
                ui.label(RichText::new(&q.quarter).size(SMALL));
                for f in &q.scenarios {
                    ui.vertical(|ui| {
                        ui.set_max_width(360.0);
                        ui.label(
                            RichText::new(tr_args(
                                "scenarios.open_n",
                                &[("n", &f.open.to_string())],
                            ))
                            .size(SMALL),
                        );
                        if !f.gap_regions.is_empty() {
                            ui.label(
                                RichText::new(format!(
                                    "⚑ {}",
                                    tr_args(
                                        "scenarios.gap",
                                        &[("regions", &f.gap_regions.join(", "))],
                                    )
                                ))
                                .size(SMALL)
                                .color(ui.visuals().warn_fg_color),
                            );
                        }
                    });
                }
                ui.end_row();
            }
        });
}

/// The last slide: residual threats, contested ones, flags raised.
fn summary_slide(ui: &mut egui::Ui, a: &Assessment, review: &Review) {
    ui.label(
        RichText::new(tr("present.summary"))
            .size(SMALL * 1.7)
            .strong(),
    );
    let residual = a.register.iter().filter(|e| e.residual).count();
    let contested = a.register.iter().filter(|e| e.contested()).count();
    let flags: usize = review.entries.iter().map(|e| e.flags.raised().len()).sum();
    for line in [
        tr_args(
            "present.summary_residual",
            &[
                ("residual", &residual.to_string()),
                ("n", &a.register.len().to_string()),
            ],
        ),
        tr_args(
            "present.summary_contested",
            &[("n", &contested.to_string())],
        ),
        tr_args("present.summary_flags", &[("n", &flags.to_string())]),
    ] {
        ui.label(RichText::new(line).size(SMALL * 1.2));
    }
}
