//! Admin-1 boundaries for the offline map: GeoJSON polygons with their
//! names, a point-in-polygon test, and the matching of boundary names to the
//! data's region names (METHODOLOGY §3 folding plus the known aliases).

use super::region::region_key;

/// One admin-1 area.
#[derive(Debug, Clone)]
pub struct Area {
    pub name: String,
    /// Outer rings and holes as (longitude, latitude) points.
    pub rings: Vec<Vec<[f64; 2]>>,
    /// (min lon, min lat, max lon, max lat).
    pub bbox: [f64; 4],
    /// Which bundled file (one per country) it comes from.
    pub country: usize,
}

impl Area {
    /// Whether a point lies inside (even-odd rule over all rings).
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        if lon < self.bbox[0] || lon > self.bbox[2] || lat < self.bbox[1] || lat > self.bbox[3] {
            return false;
        }
        let mut inside = false;
        for ring in &self.rings {
            let n = ring.len();
            let mut j = n.wrapping_sub(1);
            for i in 0..n {
                let (xi, yi) = (ring[i][0], ring[i][1]);
                let (xj, yj) = (ring[j][0], ring[j][1]);
                if (yi > lat) != (yj > lat) && lon < (xj - xi) * (lat - yi) / (yj - yi) + xi {
                    inside = !inside;
                }
                j = i;
            }
        }
        inside
    }
}

/// Reads a GeoJSON FeatureCollection; the area name is the first of
/// `ADM1_EN`, `NAME_1`, `name` found in a feature's properties.
pub fn parse_geojson(text: &str) -> Result<Vec<Area>, String> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let features = v["features"].as_array().ok_or("no features")?;
    let mut out = Vec::new();
    for f in features {
        let props = &f["properties"];
        let name = ["ADM1_EN", "NAME_1", "name"]
            .iter()
            .find_map(|k| props[*k].as_str())
            .unwrap_or("")
            .to_string();
        let geom = &f["geometry"];
        let polys: Vec<&serde_json::Value> = match geom["type"].as_str() {
            Some("Polygon") => vec![&geom["coordinates"]],
            Some("MultiPolygon") => geom["coordinates"]
                .as_array()
                .map(|a| a.iter().collect())
                .unwrap_or_default(),
            _ => continue,
        };
        let mut rings = Vec::new();
        let mut bbox = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        for poly in polys {
            for ring in poly.as_array().into_iter().flatten() {
                let pts: Vec<[f64; 2]> = ring
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(|p| Some([p[0].as_f64()?, p[1].as_f64()?]))
                    .collect();
                for p in &pts {
                    bbox = [
                        bbox[0].min(p[0]),
                        bbox[1].min(p[1]),
                        bbox[2].max(p[0]),
                        bbox[3].max(p[1]),
                    ];
                }
                rings.push(pts);
            }
        }
        out.push(Area {
            name,
            rings,
            bbox,
            country: 0,
        });
    }
    Ok(out)
}

/// Aliases between data spellings and boundary names (both sides folded).
const ALIASES: &[(&str, &str)] = &[
    ("gedarif", "gedaref"),
    ("gezira", "aj jazirah"),
    ("northern darfur", "north darfur"),
    ("southern darfur", "south darfur"),
    ("western darfur", "west darfur"),
    ("northern kordofan", "north kordofan"),
    ("southern kordofan", "south kordofan"),
    ("tombouctou", "timbuktu"),
    ("nana gribizi", "nana grebizi"),
];

/// The admin-1 boundaries bundled in `assets/boundaries` (see its
/// ATTRIBUTION.md), parsed once.
pub fn bundled() -> &'static [Area] {
    static AREAS: std::sync::OnceLock<Vec<Area>> = std::sync::OnceLock::new();
    AREAS.get_or_init(|| {
        FILES
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                let mut areas = parse_geojson(t).unwrap_or_default();
                for a in &mut areas {
                    a.country = i;
                }
                areas
            })
            .collect()
    })
}

const FILES: [&str; 5] = [
    include_str!("../../assets/boundaries/sdn_admbnda_adm1_cbs_nic_ssa_20200831.json"),
    include_str!("../../assets/boundaries/ssd_admbnda_adm1_imwg_nbs_20210924.json"),
    include_str!("../../assets/boundaries/mali.geojson"),
    include_str!("../../assets/boundaries/democratic_republic_of_the_congo.geojson"),
    include_str!("../../assets/boundaries/central_african_republic.geojson"),
];

/// The key under which a data region and a boundary name are compared.
pub fn match_key(name: &str) -> String {
    // "Western Equatoria" and "West Equatoria" are one name: the compass
    // words are folded on both sides.
    let k = region_key(name)
        .split(' ')
        .map(|w| match w {
            "northern" => "north",
            "southern" => "south",
            "eastern" => "east",
            "western" => "west",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace("bahr al ghazal", "bahr el ghazal");
    let k = ["state", "province", "region"]
        .iter()
        .find_map(|w| k.strip_suffix(&format!(" {w}")))
        .map_or(k.clone(), str::to_string);
    ALIASES
        .iter()
        .find(|(from, _)| *from == k)
        .map_or(k.clone(), |(_, to)| to.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn square_contains_its_centre() {
        let a = Area {
            name: "sq".into(),
            rings: vec![vec![
                [0.0, 0.0],
                [2.0, 0.0],
                [2.0, 2.0],
                [0.0, 2.0],
                [0.0, 0.0],
            ]],
            bbox: [0.0, 0.0, 2.0, 2.0],
            country: 0,
        };
        assert!(a.contains(1.0, 1.0));
        assert!(!a.contains(3.0, 1.0));
    }

    #[test]
    fn aliases_fold_to_boundary_names() {
        assert_eq!(match_key("Northern Darfur"), match_key("North Darfur"));
        assert_eq!(
            match_key("Western Bahr-al-Ghazal"),
            match_key("Western Bahr el Ghazal")
        );
        assert_eq!(match_key("Tombouctou"), match_key("Timbuktu"));
        // Compass words, either way round, and a trailing "State".
        assert_eq!(
            match_key("West Equatoria state"),
            match_key("Western Equatoria")
        );
        assert_eq!(
            match_key("Northern Bahr el Ghazal"),
            match_key("North Bahr al Ghazal")
        );
        assert_ne!(match_key("North Darfur"), match_key("South Darfur"));
    }
}
