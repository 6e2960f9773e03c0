//! The offline map: admin-1 boundaries bundled in `assets/boundaries` and
//! the filtered civilian-harm incidents at their coordinates, coloured by
//! perpetrator type and sized by civilian fatalities. Drag to pan, scroll to
//! zoom; hovering a region shows its counts; clicking it filters to it. No
//! network, no tiles.

use super::WorkbenchApp;
use super::commands::AppCommand;
use super::i18n::tr;
use super::session::Selection;
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
    data_bbox: Option<[f64; 4]>,
}

fn bbox_of(app: &WorkbenchApp) -> Option<[f64; 4]> {
    let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
    let mut any = false;
    for d in &app.session.workspace.datasets {
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

/// Draws the view.
pub fn map_ui(app: &mut WorkbenchApp, ui: &mut egui::Ui) {
    let generation = app.session.data_generation;
    if app.map_state.areas_for != Some(generation) {
        let bbox = bbox_of(app);
        let state = &mut app.map_state;
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
        state.areas_for = Some(generation);
        state.view = None;
    }
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(tr("map.hint")).small());
        if ui.button(tr("map.reset")).clicked() {
            app.map_state.view = None;
        }
    });
    if app.map_state.areas.is_empty() {
        ui.label(tr("map.no_boundaries"));
    }
    // Region counts by boundary-matching key.
    let counts: HashMap<String, (String, u64, u64)> = {
        let m = &app.session.derived().matrix;
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
    };
    app.session.refresh_incidents(&Selection::default());
    let rows = app.session.cached_incidents();
    let ws = &app.session.workspace;
    let state = &mut app.map_state;
    let (resp, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
    let rect = resp.rect;
    let Some(b) = state
        .data_bbox
        .or_else(|| state.areas.first().map(|a| a.bbox))
    else {
        return;
    };
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
    let project = |lon: f64, lat: f64| -> Pos2 {
        Pos2::new(
            rect.center().x + ((lon - clon) * coslat * scale) as f32,
            rect.center().y - ((lat - clat) * scale) as f32,
        )
    };
    let unproject = |p: Pos2| -> (f64, f64) {
        (
            clon + f64::from(p.x - rect.center().x) / (coslat * scale),
            clat - f64::from(p.y - rect.center().y) / scale,
        )
    };
    let painter = painter.with_clip_rect(rect);
    painter.rect_filled(rect, 0.0, ui.visuals().extreme_bg_color);
    let hover_area = resp.hover_pos().and_then(|p| {
        let (lon, lat) = unproject(p);
        state.areas.iter().position(|a| a.contains(lon, lat))
    });
    let line = ui.visuals().weak_text_color();
    for (i, a) in state.areas.iter().enumerate() {
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
                let q = project(p[0], p[1]);
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
    // Incidents, at most ~100k drawn (evenly sampled beyond that).
    let step = (rows.len() / 100_000).max(1);
    for &(d, i) in rows.iter().step_by(step) {
        let inc = &ws.datasets[d].incidents;
        let (lat, lon) = (inc.latitude[i], inc.longitude[i]);
        if lat.is_nan() || lon.is_nan() {
            continue;
        }
        let p = project(f64::from(lon), f64::from(lat));
        if !rect.contains(p) {
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
    // Mission bases with their radius (dashed when closed by the as-of date).
    if let Some(doc) = &app.doc {
        let as_of = doc.assessment.meta.as_of;
        for b in &doc.assessment.footprint {
            let c = project(b.longitude, b.latitude);
            let r_px = (b.radius_km / 111.0 * scale) as f32;
            let closed = b.closed.is_some_and(|d| d <= as_of);
            let color = if closed {
                Color32::from_rgb(200, 60, 60)
            } else {
                Color32::from_rgb(40, 120, 200)
            };
            painter.circle_stroke(c, r_px, Stroke::new(1.5, color));
            painter.rect_filled(
                egui::Rect::from_center_size(c, egui::vec2(7.0, 7.0)),
                0.0,
                color,
            );
            painter.text(
                c + egui::vec2(6.0, -6.0),
                egui::Align2::LEFT_BOTTOM,
                &b.name,
                egui::FontId::proportional(11.0),
                ui.visuals().strong_text_color(),
            );
        }
    }
    // Legend: the perpetrator types on the map.
    let mut present = [false; crate::model::PerpetratorType::COUNT];
    for &r in rows.iter().step_by(step) {
        present[ws.perpetrator_of(r) as usize] = true;
    }
    let mut y = rect.top() + 10.0;
    for t in crate::model::PerpetratorType::ALL
        .into_iter()
        .filter(|t| present[*t as usize])
    {
        let p = Pos2::new(rect.right() - 380.0, y + 7.0);
        painter.circle_filled(p, 6.0, perpetrator_color(t));
        painter.text(
            p + egui::vec2(12.0, 0.0),
            egui::Align2::LEFT_CENTER,
            t.label(),
            egui::FontId::proportional(13.0),
            ui.visuals().text_color(),
        );
        y += 18.0;
    }
    let mut command = None;
    if let Some(i) = hover_area {
        let a = &state.areas[i];
        let info = counts.get(&match_key(&a.name));
        let text = match info {
            Some((name, ev, fat)) => {
                format!("{name}: {ev} civilian-harm events, {fat} civilian fatalities")
            }
            None => format!("{}: no civilian-harm events in the filter", a.name),
        };
        resp.clone().on_hover_text_at_pointer(text);
        if resp.clicked()
            && let Some((name, _, _)) = info
        {
            command = Some(AppCommand::FilterToRegion(name.clone()));
        }
    }
    if let Some(c) = command {
        app.send(c);
    }
}
