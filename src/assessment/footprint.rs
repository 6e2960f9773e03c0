//! The mission footprint: bases read from a CSV file (`name, latitude,
//! longitude, region, opened, closed, radius_km`, found by header name in
//! any order; every row that cannot be a base is named with its line and
//! reason), and civilian harm within a base's radius before and after its
//! closure (the security-cliff test of METHODOLOGY §5).

use super::Base;
use crate::analysis::matrix::for_each_selected;
use crate::analysis::{Filter, Workspace};
use crate::import::fields::Header;
use crate::import::numbers::parse_coordinate;
use crate::model::dates::day_number;
use crate::model::dates::parse_date;
use chrono::{Months, NaiveDate};
use serde::Serialize;
use std::path::Path;

/// Civilian harm around one base.
#[derive(Debug, Clone, Serialize)]
pub struct BaseReview {
    pub name: String,
    pub region: String,
    pub closed: Option<NaiveDate>,
    /// Civilian-harm events within the radius in the 12 months before closure.
    pub before: u64,
    /// … and in the 12 months after.
    pub after: u64,
    /// Whether the data covers the whole 12 months after closure.
    pub after_complete: bool,
    pub cliff: bool,
}

/// Great-circle distance in km.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

/// Civilian-harm events (all perpetrators) within a base's radius, in the 12
/// months before and after its closure.
pub fn base_review(ws: &Workspace, b: &Base) -> BaseReview {
    let (mut before, mut after) = (0u64, 0u64);
    let closed = b.closed;
    let latest = ws.latest_date();
    let mut after_complete = false;
    if let Some(c) = closed {
        let start = c
            .checked_sub_months(Months::new(12))
            .map_or(i32::MIN, day_number);
        let end = c
            .checked_add_months(Months::new(12))
            .map_or(i32::MAX, day_number);
        let cd = day_number(c);
        after_complete = latest.is_some_and(|l| l >= end);
        for_each_selected(ws, &Filter::default(), |(d, i), _, _, _| {
            let inc = &ws.datasets[d].incidents;
            if !inc.civilian_harm[i] || inc.latitude[i].is_nan() {
                return;
            }
            let day = inc.date[i];
            if day < start || day > end {
                return;
            }
            if distance_km(
                b.latitude,
                b.longitude,
                f64::from(inc.latitude[i]),
                f64::from(inc.longitude[i]),
            ) > b.radius_km
            {
                return;
            }
            if day < cd {
                before += 1;
            } else if day > cd {
                after += 1;
            }
        });
    }
    BaseReview {
        name: b.name.clone(),
        region: b.region.clone(),
        closed,
        before,
        after,
        after_complete,
        cliff: closed.is_some() && cliff_rule(before, after),
    }
}

/// The security-cliff test on the counts around one closed base: harm in
/// the 12 months after closure exceeds the 12 months before (the annex
/// applies the same rule to the counts it prints).
pub fn cliff_rule(before: u64, after: u64) -> bool {
    after > before
}

/// Reads bases from a CSV file; fails with one message per bad row.
pub fn read_bases(path: &Path) -> Result<Vec<Base>, Vec<String>> {
    let name = path.display();
    let text =
        std::fs::read(path).map_err(|e| vec![format!("{name}: cannot read the file: {e}")])?;
    let text = String::from_utf8_lossy(&text);
    let delimiter = crate::import::sniff::delimiter(&text);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records = rdr.records();
    let head: Vec<String> = match records.next() {
        Some(Ok(r)) => r.iter().map(str::to_string).collect(),
        _ => return Err(vec![format!("{name}: the file has no header row")]),
    };
    let (h, _) = Header::new(head, vec![]);
    let col = |names: &[&str]| h.find_any(names);
    let (Some(c_name), Some(c_lat), Some(c_lon)) = (
        col(&["name", "base", "site"]),
        col(&["latitude", "lat"]),
        col(&["longitude", "lon", "lng"]),
    ) else {
        return Err(vec![format!(
            "{name}: needs columns 'name', 'latitude' and 'longitude'"
        )]);
    };
    let (c_region, c_opened, c_closed, c_radius) = (
        col(&["region", "admin1"]),
        col(&["opened", "opening"]),
        col(&["closed", "closure"]),
        col(&["radius_km", "radius"]),
    );
    let mut bases = Vec::new();
    let mut errors = Vec::new();
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errors.push(format!("{name}: {e}"));
                continue;
            }
        };
        let line = rec.position().map_or(0, |p| p.line());
        let get = |c: Option<usize>| c.and_then(|c| rec.get(c)).map_or("", str::trim);
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let lat = parse_coordinate(get(Some(c_lat))).filter(|v| (-90.0..=90.0).contains(v));
        let lon = parse_coordinate(get(Some(c_lon))).filter(|v| (-180.0..=180.0).contains(v));
        let date = |c: Option<usize>, what: &str, errors: &mut Vec<String>| {
            let raw = get(c);
            if raw.is_empty() {
                return None;
            }
            parse_date(raw, None)
                .map_err(|e| errors.push(format!("{name}:{line}: column '{what}': {e}")))
                .ok()
        };
        let opened = date(c_opened, "opened", &mut errors);
        let closed = date(c_closed, "closed", &mut errors);
        match (lat, lon) {
            (Some(latitude), Some(longitude)) => bases.push(Base {
                name: get(Some(c_name)).to_string(),
                latitude,
                longitude,
                region: crate::model::region::clean_admin_name(get(c_region)).into_owned(),
                opened,
                closed,
                radius_km: get(c_radius)
                    .parse()
                    .ok()
                    .filter(|r: &f64| *r > 0.0)
                    .unwrap_or(30.0),
                illustrative: false,
            }),
            _ => errors.push(format!(
                "{name}:{line}: latitude/longitude missing or out of range"
            )),
        }
    }
    if errors.is_empty() {
        Ok(bases)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        // El Fasher to Nyala is about 200 km.
        let d = distance_km(13.6333, 25.35, 12.05, 24.8833);
        assert!((180.0..220.0).contains(&d), "{d}");
        assert!(distance_km(1.0, 1.0, 1.0, 1.0) < 1e-9);
    }

    #[test]
    fn reads_bases_by_header_and_names_bad_rows() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bases.csv");
        std::fs::write(&p, "Radius_km;Name;Latitude;Longitude;Region;Closed\n25;Site A;13,6;25,3;North Darfur state;30/06/2021\n;Site B;12.0;24.8;South Darfur;\n").unwrap();
        let b = read_bases(&p).unwrap();
        assert_eq!(b.len(), 2);
        assert_eq!(
            (b[0].radius_km, b[0].region.as_str(), b[0].latitude),
            (25.0, "North Darfur", 13.6)
        );
        assert_eq!(
            b[0].closed.map(|d| d.to_string()),
            Some("2021-06-30".to_string())
        );
        assert_eq!(b[1].radius_km, 30.0);
        std::fs::write(&p, "name,latitude,longitude\nX,95,20\n").unwrap();
        let e = read_bases(&p).unwrap_err();
        assert!(e[0].contains(":2:") && e[0].contains("latitude"), "{e:?}");
    }
}
