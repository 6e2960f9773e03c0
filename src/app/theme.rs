//! Colours, in one place. The heat ramp darkens monotonically (it reads in
//! grayscale and on a washed-out projector); perpetrator colours follow the
//! Okabe–Ito palette, which colour-blind readers can tell apart.

use crate::model::PerpetratorType;
use egui::Color32;

/// The colour of a perpetrator type in charts and on the map.
pub fn perpetrator_color(t: PerpetratorType) -> Color32 {
    match t {
        PerpetratorType::StateForces => Color32::from_rgb(0, 114, 178),
        PerpetratorType::ExternalForces => Color32::from_rgb(86, 180, 233),
        PerpetratorType::RebelGroups => Color32::from_rgb(213, 94, 0),
        PerpetratorType::PoliticalMilitias => Color32::from_rgb(230, 159, 0),
        PerpetratorType::IdentityMilitias => Color32::from_rgb(204, 121, 167),
        PerpetratorType::NonStateArmedGroups => Color32::from_rgb(0, 158, 115),
        PerpetratorType::Rioters => Color32::from_rgb(240, 228, 66),
        PerpetratorType::Protesters => Color32::from_rgb(160, 160, 160),
        PerpetratorType::Civilians => Color32::from_rgb(120, 120, 120),
        PerpetratorType::Unidentified => Color32::from_rgb(80, 80, 80),
        PerpetratorType::Unattributed => Color32::from_rgb(180, 140, 100),
        PerpetratorType::Other => Color32::from_rgb(140, 100, 180),
    }
}

/// Fill and text colour for a heat-table cell, `v` in 0–1 (0 = empty).
pub fn heat(v: f32) -> (Color32, Color32) {
    if v <= 0.0 {
        return (Color32::TRANSPARENT, Color32::GRAY);
    }
    // From a pale yellow to a deep red-brown, luminance falling all the way.
    let stops = [
        (255.0, 245.0, 200.0),
        (253.0, 174.0, 97.0),
        (215.0, 48.0, 39.0),
        (103.0, 0.0, 13.0),
    ];
    let x = v.clamp(0.0, 1.0).sqrt() * (stops.len() - 1) as f32;
    let i = (x.floor() as usize).min(stops.len() - 2);
    let f = x - i as f32;
    let lerp = |a: f32, b: f32| (a + (b - a) * f).round() as u8;
    let (a, b) = (stops[i], stops[i + 1]);
    let fill = Color32::from_rgb(lerp(a.0, b.0), lerp(a.1, b.1), lerp(a.2, b.2));
    let text = if x > 1.6 {
        Color32::WHITE
    } else {
        Color32::BLACK
    };
    (fill, text)
}

/// The UI zoom in workshop (projector) mode.
pub const WORKSHOP_ZOOM: f32 = 1.6;

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
