//! Colours shared by the window and the annex charts, as plain RGB. The heat
//! ramp darkens monotonically (it reads in grayscale and on a washed-out
//! projector); perpetrator colours follow the Okabe–Ito palette, which
//! colour-blind readers can tell apart.

use super::PerpetratorType;

/// The colour of a perpetrator type in charts and on the map.
pub fn perpetrator_rgb(t: PerpetratorType) -> [u8; 3] {
    match t {
        PerpetratorType::StateForces => [0, 114, 178],
        PerpetratorType::ExternalForces => [86, 180, 233],
        PerpetratorType::RebelGroups => [213, 94, 0],
        PerpetratorType::PoliticalMilitias => [230, 159, 0],
        PerpetratorType::IdentityMilitias => [204, 121, 167],
        PerpetratorType::NonStateArmedGroups => [0, 158, 115],
        PerpetratorType::Rioters => [240, 228, 66],
        PerpetratorType::Protesters => [160, 160, 160],
        PerpetratorType::Civilians => [120, 120, 120],
        PerpetratorType::Unidentified => [80, 80, 80],
        PerpetratorType::Unattributed => [180, 140, 100],
        PerpetratorType::Other => [140, 100, 180],
    }
}

/// Fill for a heat cell, `v` in 0–1 (0 = empty → `None`), and whether its
/// text should be white.
pub fn heat_rgb(v: f32) -> Option<([u8; 3], bool)> {
    if v <= 0.0 {
        return None;
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
    Some(([lerp(a.0, b.0), lerp(a.1, b.1), lerp(a.2, b.2)], x > 1.6))
}
