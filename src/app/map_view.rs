//! The offline map: admin-1 boundaries bundled in `assets/boundaries` and
//! the filtered civilian-harm incidents at their coordinates, coloured by
//! perpetrator type and sized by civilian fatalities. Drag to pan, scroll to
//! zoom; hovering a region shows its counts; clicking it filters to it;
//! regions with events are labelled with the name the tables use. No
//! network, no tiles.

use super::ViewCtx;
use super::commands::AppCommand;
use super::i18n::{tr, tr_args};
use super::labels::lbl;
use super::theme::perpetrator_color;
use crate::model::boundaries::{Area, bundled, match_key};
use egui::{Color32, Pos2, Sense, Shape, Stroke};
use std::collections::HashMap;

/// View state: the boundaries in use and the viewport.
#[derive(Default)]
pub struct MapState {
    all_areas: Option<Vec<Area>>,
    areas: Vec<Area>,
    areas_for: Option<u64>,
    /// Centre (lon, lat) and pixels per degree of latitude.
    view: Option<(f64, f64, f64)>,
    /// The bases as a drawdown scenario has them (`None`: the footprint's
    /// plan) at the end of a quarter after the as-of date (`None`: the
    /// as-of date) (METHODOLOGY §10).
    scenario: Option<usize>,
    quarter: Option<usize>,
    data_bbox: Option<[f64; 4]>,
}

fn bbox_of(ws: &crate::analysis::Workspace) -> Option<[f64; 4]> {
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    let mut any = false;
    for d in &ws.datasets {
        for (lat, lon) in d.incidents.latitude.iter().zip(&d.incidents.longitude) {
            if lat.is_nan() || lon.is_nan() {
                continue;
            }
            any = true;
            let (la, lo) = (f64::from(*lat), f64::from(*lon));
            b = [b[0].min(lo), b[1].min(la), b[2].max(lo), b[3].max(la)];
        }
    }
    any.then_some(b)
}

/// Keeps the boundaries in step with the data.
fn update_areas(ctx: &ViewCtx<'_>, state: &mut MapState) {
    if state.areas_for == Some(ctx.generation) {
        return;
    }
    let bbox = bbox_of(ctx.ws);
    let all = state.all_areas.get_or_insert_with(|| bundled().to_vec());
    state.areas = match bbox {
        Some(b) => all
            .iter()
            .filter(|a| {
                a.bbox[0] <= b[2] && a.bbox[2] >= b[0] && a.bbox[1] <= b[3] && a.bbox[3] >= b[1]
            })
            .cloned()
            .collect(),
        None => Vec::new(),
    };
    state.data_bbox = bbox;
    state.areas_for = Some(ctx.generation);
    state.view = None;
}

/// Region counts by boundary-matching key: (name in the tables, events, fatalities).
type Counts = HashMap<String, (String, u64, u64)>;

/// The projection of one frame: centre, scale and the rectangle drawn in.
struct Projection {
    clon: f64,
    clat: f64,
    scale: f64,
    coslat: f64,
    rect: egui::Rect,
}

impl Projection {
    fn project(&self, lon: f64, lat: f64) -> Pos2 {
        Pos2::new(
            self.rect.center().x + ((lon - self.clon) * self.coslat * self.scale) as f32,
            self.rect.center().y - ((lat - self.clat) * self.scale) as f32,
        )
    }

    fn unproject(&self, p: Pos2) -> (f64, f64) {
        (
            self.clon + f64::from(p.x - self.rect.center().x) / (self.coslat * self.scale),
            self.clat - f64::from(p.y - self.rect.center().y) / self.scale,
        )
    }
}

/// Draws the view.
pub fn map_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    state: &mut MapState,
    cmds: &mut Vec<AppCommand>,
) {
    update_areas(ctx, state);
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(tr("map.hint")).small());
        let reset = ui.button(tr("map.reset"));
        super::focus::mark(ui, super::focus::Anchor::View, &reset);
        if reset.clicked() {
            state.view = None;
        }
    });
    if let Some(doc) = ctx.doc
        && !doc.assessment().footprint.is_empty()
    {
        scenario_choice_ui(ui, doc.assessment(), state);
    }
    if state.areas.is_empty() {
        ui.label(tr("map.no_boundaries"));
    }
    let counts: Counts = ctx.derived.map_or_else(HashMap::new, |d| {
        let m = &d.matrix;
        m.regions
            .iter()
            .zip(&m.column_totals)
            .map(|(r, t)| {
                let bare = r.split(" (").next().unwrap_or(r);
                (
                    match_key(bare),
                    (r.clone(), t.events, t.civilian_fatalities),
                )
            })
            .collect()
    });
    let (resp, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
    let Some(proj) = viewport(ui, &resp, state) else {
        return;
    };
    let painter = painter.with_clip_rect(proj.rect);
    painter.rect_filled(proj.rect, 0.0, ui.visuals().extreme_bg_color);
    let hover_area = resp.hover_pos().and_then(|p| {
        let (lon, lat) = proj.unproject(p);
        state.areas.iter().position(|a| a.contains(lon, lat))
    });
    draw_areas(ui, &painter, &proj, &state.areas, hover_area, &counts);
    let step = (ctx.incidents.len() / 100_000).max(1);
    draw_incidents(&painter, &proj, ctx, step);
    draw_bases(ui, &painter, &proj, ctx, (state.scenario, state.quarter));
    draw_legend(ui, &painter, &proj, ctx, step);
    if let Some(i) = hover_area {
        let a = &state.areas[i];
        let info = counts.get(&match_key(&a.name));
        let text = match info {
            Some((name, ev, fat)) => tr_args(
                "map.region_counts",
                &[
                    ("name", name),
                    ("events", &ev.to_string()),
                    ("fatalities", &fat.to_string()),
                ],
            ),
            None => tr_args("map.region_none", &[("name", &a.name)]),
        };
        resp.clone().on_hover_text_at_pointer(text);
        if resp.clicked()
            && let Some((name, _, _)) = info
        {
            cmds.push(AppCommand::FilterToRegion(name.clone()));
        }
    }
}

/// Pans and zooms; `None` when there is nothing to show.
fn viewport(ui: &egui::Ui, resp: &egui::Response, state: &mut MapState) -> Option<Projection> {
    let rect = resp.rect;
    let b = state
        .data_bbox
        .or_else(|| state.areas.first().map(|a| a.bbox))?;
    let (mut clon, mut clat, mut scale) = state.view.unwrap_or_else(|| {
        let (w, h) = ((b[2] - b[0]).max(0.5), (b[3] - b[1]).max(0.5));
        let s = (f64::from(rect.width()) / w).min(f64::from(rect.height()) / h) * 0.9;
        ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0, s)
    });
    let coslat = clat.to_radians().cos().max(0.2);
    if resp.dragged() {
        let d = resp.drag_delta();
        clon -= f64::from(d.x) / (scale * coslat);
        clat += f64::from(d.y) / scale;
    }
    if resp.hovered() {
        let scroll = ui.input(|i| i.smooth_scroll_delta.y);
        if scroll != 0.0 {
            scale *= (f64::from(scroll) * 0.003).exp();
        }
    }
    state.view = Some((clon, clat, scale));
    Some(Projection {
        clon,
        clat,
        scale,
        coslat,
        rect,
    })
}

fn draw_areas(
    ui: &egui::Ui,
    painter: &egui::Painter,
    proj: &Projection,
    areas: &[Area],
    hover_area: Option<usize>,
    counts: &Counts,
) {
    let line = ui.visuals().weak_text_color();
    for (i, a) in areas.iter().enumerate() {
        let stroke = if Some(i) == hover_area {
            Stroke::new(2.5, ui.visuals().selection.stroke.color)
        } else {
            Stroke::new(0.8, line)
        };
        // Each ring as separate segments, skipping points less than a pixel
        // apart: joined paths grow miter spikes at near-reversals.
        for ring in &a.rings {
            let mut last: Option<Pos2> = None;
            let mut segments = Vec::new();
            for p in ring {
                let q = proj.project(p[0], p[1]);
                match last {
                    Some(l) if l.distance(q) < 1.0 => continue,
                    Some(l) => segments.push(Shape::line_segment([l, q], stroke)),
                    None => {}
                }
                last = Some(q);
            }
            painter.extend(segments);
        }
    }
    // Labels: regions with events, named as in the tables, where the area
    // is large enough on screen to hold its name.
    for a in areas {
        let Some((name, _, _)) = counts.get(&match_key(&a.name)) else {
            continue;
        };
        let lo = proj.project(a.bbox[0], a.bbox[1]);
        let hi = proj.project(a.bbox[2], a.bbox[3]);
        if (hi.x - lo.x).abs() < 50.0 {
            continue;
        }
        let c = proj.project((a.bbox[0] + a.bbox[2]) / 2.0, (a.bbox[1] + a.bbox[3]) / 2.0);
        painter.text(
            c,
            egui::Align2::CENTER_CENTER,
            name,
            egui::FontId::proportional(12.0),
            ui.visuals().strong_text_color(),
        );
    }
}

/// Incidents, at most ~100k drawn (every `step`-th beyond that).
fn draw_incidents(painter: &egui::Painter, proj: &Projection, ctx: &ViewCtx<'_>, step: usize) {
    let ws = ctx.ws;
    for &(d, i) in ctx.incidents.iter().step_by(step) {
        let inc = &ws.datasets[d].incidents;
        let (lat, lon) = (inc.latitude[i], inc.longitude[i]);
        if lat.is_nan() || lon.is_nan() {
            continue;
        }
        let p = proj.project(f64::from(lon), f64::from(lat));
        if !proj.rect.contains(p) {
            continue;
        }
        let r = 2.0 + (inc.civilian_fatalities[i] as f32).sqrt().min(10.0);
        let c = perpetrator_color(ws.perpetrator_of((d, i)));
        painter.circle(
            p,
            r,
            c.gamma_multiply(0.6),
            Stroke::new(0.5, Color32::from_black_alpha(120)),
        );
    }
}

/// The quarters after the as-of date the map can show (their last days).
const MAP_QUARTERS: usize = 8;

/// The bases as the footprint's plan or a scenario has them, at the as-of
/// date or a quarter's end.
fn scenario_choice_ui(ui: &mut egui::Ui, a: &crate::assessment::Assessment, state: &mut MapState) {
    let quarters = crate::assessment::scenarios::quarter_ends(a.meta.as_of, MAP_QUARTERS);
    ui.horizontal_wrapped(|ui| {
        let plan = tr("scenarios.current");
        let name = |i: Option<usize>| {
            i.and_then(|i| a.scenarios.get(i))
                .map_or(plan.to_string(), |s| s.name.clone())
        };
        let label = tr("map.bases_as");
        ui.label(label);
        let r = egui::ComboBox::from_id_salt("map-scenario")
            .selected_text(name(state.scenario))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.scenario, None, plan);
                for (i, s) in a.scenarios.iter().enumerate() {
                    ui.selectable_value(&mut state.scenario, Some(i), &s.name);
                }
            })
            .response;
        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, label));
        let at = tr("map.at");
        ui.label(at);
        let when = |q: Option<usize>| {
            q.and_then(|q| quarters.get(q)).map_or_else(
                || tr_args("map.as_of", &[("date", &super::i18n::date(a.meta.as_of))]),
                |(label, _)| label.clone(),
            )
        };
        let r = egui::ComboBox::from_id_salt("map-quarter")
            .selected_text(when(state.quarter))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.quarter, None, when(None));
                for (i, (label, _)) in quarters.iter().enumerate() {
                    ui.selectable_value(&mut state.quarter, Some(i), label);
                }
            })
            .response;
        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, at));
    });
    if state.scenario.is_some_and(|i| i >= a.scenarios.len()) {
        state.scenario = None;
    }
}

/// Mission bases with their radius: open ones filled blue, closed ones
/// red with a cross (so the shape tells it in grayscale too), as the
/// footprint's plan or a scenario has them at the as-of date or a
/// quarter's end.
fn draw_bases(
    ui: &egui::Ui,
    painter: &egui::Painter,
    proj: &Projection,
    ctx: &ViewCtx<'_>,
    (scenario, quarter): (Option<usize>, Option<usize>),
) {
    let Some(doc) = ctx.doc else { return };
    let a = doc.assessment();
    let at = quarter
        .and_then(|q| {
            crate::assessment::scenarios::quarter_ends(a.meta.as_of, MAP_QUARTERS)
                .get(q)
                .map(|(_, end)| *end)
        })
        .unwrap_or(a.meta.as_of);
    let plan = crate::assessment::scenarios::Scenario::current("");
    let s = scenario.and_then(|i| a.scenarios.get(i)).unwrap_or(&plan);
    for b in &a.footprint {
        let c = proj.project(b.longitude, b.latitude);
        let r_px = (b.radius_km / 111.0 * proj.scale) as f32;
        let closed = s.closure_of(b).is_some_and(|d| d <= at);
        let color = if closed {
            Color32::from_rgb(200, 60, 60)
        } else {
            Color32::from_rgb(40, 120, 200)
        };
        painter.circle_stroke(c, r_px, Stroke::new(1.5, color));
        if closed {
            let d = egui::vec2(5.0, 5.0);
            painter.line_segment([c - d, c + d], Stroke::new(2.0, color));
            painter.line_segment(
                [c + egui::vec2(-5.0, 5.0), c + egui::vec2(5.0, -5.0)],
                Stroke::new(2.0, color),
            );
        } else {
            painter.rect_filled(
                egui::Rect::from_center_size(c, egui::vec2(7.0, 7.0)),
                0.0,
                color,
            );
        }
        painter.text(
            c + egui::vec2(6.0, -6.0),
            egui::Align2::LEFT_BOTTOM,
            &b.name,
            egui::FontId::proportional(11.0),
            ui.visuals().strong_text_color(),
        );
    }
}

/// The perpetrator types on the map, top right, on a panel of their own.
fn draw_legend(
    ui: &egui::Ui,
    painter: &egui::Painter,
    proj: &Projection,
    ctx: &ViewCtx<'_>,
    step: usize,
) {
    let mut present = [false; crate::model::PerpetratorType::COUNT];
    for &r in ctx.incidents.iter().step_by(step) {
        present[ctx.ws.perpetrator_of(r) as usize] = true;
    }
    let types: Vec<_> = crate::model::PerpetratorType::ALL
        .into_iter()
        .filter(|t| present[*t as usize])
        .collect();
    let width = 330.0_f32.min(proj.rect.width() * 0.5);
    let left = proj.rect.right() - width - 10.0;
    let panel = egui::Rect::from_min_size(
        Pos2::new(left, proj.rect.top() + 6.0),
        egui::vec2(width, 8.0 + 18.0 * types.len() as f32),
    );
    if !types.is_empty() {
        painter.rect_filled(panel, 4.0, ui.visuals().panel_fill.gamma_multiply(0.9));
    }
    let mut y = panel.top() + 4.0;
    for t in types {
        let p = Pos2::new(left + 10.0, y + 7.0);
        painter.circle_filled(p, 6.0, perpetrator_color(t));
        painter.text(
            p + egui::vec2(12.0, 0.0),
            egui::Align2::LEFT_CENTER,
            lbl(t),
            egui::FontId::proportional(13.0),
            ui.visuals().text_color(),
        );
        y += 18.0;
    }
}
