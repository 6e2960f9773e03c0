//! The mission footprint: civilian harm within a base's radius before and
//! after its closure (the security-cliff test of METHODOLOGY §5). The bases
//! themselves are read from a CSV file by `import::bases`.

use super::Base;
use crate::analysis::matrix::for_each_selected;
use crate::analysis::{Filter, Workspace};
use crate::model::dates::day_number;
use chrono::{Months, NaiveDate};
use serde::Serialize;

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
    /// Whether the 12 months after closure are over by the as-of date (else
    /// the after-window is not yet observed and no cliff is raised).
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

/// Civilian-harm events (all perpetrators) within a base's radius in the 12
/// months before and after its closure, counting only data up to the as-of
/// date (METHODOLOGY §5): windows as in §4, before = (c − 12 months, c] and
/// after = (c, c + 12 months], so the closure day counts once, in the
/// before-window. For a planned closure after the as-of date the baseline is
/// the 12 months to the as-of date, and an after-window not over by the
/// as-of date is not yet observed (no flag).
pub fn base_review(ws: &Workspace, b: &Base, as_of: NaiveDate) -> BaseReview {
    let (mut before, mut after) = (0u64, 0u64);
    let closed = b.closed;
    let mut after_complete = false;
    if let Some(c) = closed {
        let pivot = c.min(as_of);
        let start = pivot
            .checked_sub_months(Months::new(12))
            .map_or(i32::MIN, day_number);
        let end = c
            .checked_add_months(Months::new(12))
            .map_or(i32::MAX, day_number);
        let (cd, last) = (day_number(pivot), day_number(as_of));
        after_complete = last >= end;
        for_each_selected(ws, &Filter::default(), |(d, i), _, _, _| {
            let inc = &ws.datasets[d].incidents;
            if !inc.civilian_harm[i] || inc.latitude[i].is_nan() {
                return;
            }
            let day = inc.date[i];
            if day <= start || day > end || day > last {
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
            if day <= cd {
                before += 1;
            } else {
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
        cliff: closed.is_some() && after_complete && cliff_rule(before, after),
    }
}

/// The security-cliff test on the counts around one closed base: harm in
/// the 12 months after closure rose against the 12 months before by the
/// `rising` rule of §4 (at least 1.25 × and 3 or more events more); the
/// annex applies the same rule to the counts it prints.
pub fn cliff_rule(before: u64, after: u64) -> bool {
    4 * after >= 5 * before && after >= before + 3
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
    fn the_cliff_follows_the_rising_rule() {
        assert!(!cliff_rule(0, 1), "0 → 1 is not a cliff");
        assert!(!cliff_rule(0, 2));
        assert!(cliff_rule(0, 3));
        assert!(!cliff_rule(12, 14), "+2 is not enough");
        assert!(cliff_rule(12, 15));
        assert!(!cliff_rule(20, 24), "+4 but under 1.25 ×");
        assert!(cliff_rule(20, 25));
    }
}
