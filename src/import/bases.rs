//! A list of mission bases read from a CSV file (`name, latitude,
//! longitude, region, opened, closed, radius_km`, found by header name in
//! any order, with the delimiter sniffed): every row that cannot be a base
//! is named with its line and reason. What the bases are used for is the
//! footprint's work (`assessment::footprint`).

use super::fields::Header;
use super::numbers::parse_coordinate;
use crate::bi;
use crate::i18n::{Bi, Lang};
use crate::model::base::Base;
use crate::model::dates::parse_date;
use std::path::Path;

/// Reads bases from a CSV file; fails with one message per bad row.
/// The bases a file gives, and each row that could not be read (file, line
/// and reason): rows read = bases + rejected.
#[derive(Debug, Clone, Default)]
pub struct BasesRead {
    pub bases: Vec<Base>,
    pub rejected: Vec<Bi>,
}

pub fn read_bases(path: &Path) -> Result<BasesRead, Vec<Bi>> {
    let name = path.display();
    let text = std::fs::read(path).map_err(|e| {
        vec![bi!(
            "{name}: cannot read the file: {e}",
            "{name} : impossible de lire le fichier : {e}"
        )]
    })?;
    let text = String::from_utf8_lossy(&text);
    let delimiter = super::sniff::delimiter(&text);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records = rdr.records();
    let head: Vec<String> = match records.next() {
        Some(Ok(r)) => r.iter().map(str::to_string).collect(),
        _ => {
            return Err(vec![bi!(
                "{name}: the file has no header row",
                "{name} : le fichier n'a pas de ligne d'en-tête"
            )]);
        }
    };
    let (h, _) = Header::new(head, vec![]);
    let col = |names: &[&str]| h.find_any(names);
    let (Some(c_name), Some(c_lat), Some(c_lon)) = (
        col(&["name", "base", "site"]),
        col(&["latitude", "lat"]),
        col(&["longitude", "lon", "lng"]),
    ) else {
        return Err(vec![bi!(
            "{name}: needs columns 'name', 'latitude' and 'longitude'",
            "{name} : il faut les colonnes « name », « latitude » et « longitude »"
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
    let mut row_errors: Vec<Bi> = Vec::new();
    for rec in records {
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                errors.push(bi!("{name}: {e}", "{name} : {e}"));
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
        let date = |c: Option<usize>, what: &str, errors: &mut Vec<Bi>| {
            let raw = get(c);
            if raw.is_empty() {
                return None;
            }
            parse_date(raw, None)
                .map_err(|e| {
                    let e = e.bi();
                    errors.push(Bi::new(
                        format!("{name}:{line}: column '{what}': {}", e.en()),
                        format!("{name}:{line} : colonne « {what} » : {}", e.get(Lang::Fr)),
                    ));
                })
                .ok()
        };
        row_errors.clear();
        let opened = date(c_opened, "opened", &mut row_errors);
        let closed = date(c_closed, "closed", &mut row_errors);
        if !row_errors.is_empty() {
            // A closure date that cannot be read is not "never closed":
            // the row is rejected, not kept without it.
            errors.append(&mut row_errors);
            continue;
        }
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
            _ => errors.push(bi!(
                "{name}:{line}: latitude/longitude missing or out of range",
                "{name}:{line} : latitude/longitude absente ou hors limites"
            )),
        }
    }
    Ok(BasesRead {
        bases,
        rejected: errors,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bases_by_header_and_names_bad_rows() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bases.csv");
        std::fs::write(&p, "Radius_km;Name;Latitude;Longitude;Region;Closed\n25;Site A;13,6;25,3;North Darfur state;30/06/2021\n;Site B;12.0;24.8;South Darfur;\n").unwrap();
        let read = read_bases(&p).unwrap();
        assert!(read.rejected.is_empty());
        let b = read.bases;
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
        // One bad row among good ones: the good ones are read, the bad
        // ones named with their line and reason.
        std::fs::write(
            &p,
            "name,latitude,longitude,closed\nX,95,20,\nY,13,25,2021-06-30\nZ,13,25,31/31/2021\n",
        )
        .unwrap();
        let read = read_bases(&p).unwrap();
        assert_eq!(read.bases.len(), 1);
        assert_eq!(read.rejected.len(), 2, "{:?}", read.rejected);
        assert!(read.rejected[0].contains(":2:") && read.rejected[0].contains("latitude"));
        assert!(read.rejected[1].contains(":4:") && read.rejected[1].contains("closed"));
    }
}
