//! Colours as egui takes them; the values live in `model::palette`, shared
//! with the annex charts.

use crate::model::PerpetratorType;
use egui::Color32;

/// The colour of a perpetrator type in charts and on the map.
pub fn perpetrator_color(t: PerpetratorType) -> Color32 {
    let [r, g, b] = crate::model::palette::perpetrator_rgb(t);
    Color32::from_rgb(r, g, b)
}

/// Fill and text colour for a heat-table cell, `v` in 0–1 (0 = empty).
pub fn heat(v: f32) -> (Color32, Color32) {
    match crate::model::palette::heat_rgb(v) {
        None => (Color32::TRANSPARENT, Color32::GRAY),
        Some(([r, g, b], white)) => (
            Color32::from_rgb(r, g, b),
            if white {
                Color32::WHITE
            } else {
                Color32::BLACK
            },
        ),
    }
}

/// The UI zoom in workshop (projector) mode.
pub const WORKSHOP_ZOOM: f32 = 1.6;

/// Below this width (in points, after zoom) the workshop scale hides the
/// filter panel: 1280 pixels at the workshop zoom are 800 points.
pub const NARROW_POINTS: f32 = 1100.0;

/// Adds DejaVu Sans (bundled in `assets/fonts`, free licence) as the fallback
/// font, so arrows, stars and accented or Arabic-script names never show as
/// empty boxes, whatever fonts the system has.
pub fn install_fonts(ctx: &egui::Context) {
    use egui::epaint::text::{FontData, FontInsert, FontPriority, InsertFontFamily};
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
        .into_iter()
        .map(|family| InsertFontFamily {
            family,
            priority: FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(FontInsert::new(
        "DejaVuSans",
        FontData::from_static(include_bytes!("../../assets/fonts/DejaVuSans.ttf")),
        families,
    ));
}

/// A focus that shows from across a room: the focused widget (Tab, Shift+Tab)
/// gets a thick outline in the selection colour, in both themes.
pub fn install_focus_style(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        let v = &mut style.visuals;
        let ring = if v.dark_mode {
            Color32::from_rgb(255, 200, 60)
        } else {
            Color32::from_rgb(0, 70, 180)
        };
        v.widgets.active.bg_stroke = egui::Stroke::new(3.0, ring);
        v.selection.stroke = egui::Stroke::new(2.5, ring);
    });
}
