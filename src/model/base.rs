//! A mission base as data: where it stands, the region the matrix names it
//! by, when it opened and closes, and the radius its footprint counts in
//! (METHODOLOGY §5). Read from a CSV list by `import::bases`, kept in an
//! assessment's footprint.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A mission base (team site, company operating base).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Base {
    pub name: String,
    pub latitude: f64,
    pub longitude: f64,
    /// The admin-1 region it stands in, as the matrix names it.
    pub region: String,
    #[serde(default)]
    pub opened: Option<NaiveDate>,
    /// Closure (past or planned); `None` = stays open.
    #[serde(default)]
    pub closed: Option<NaiveDate>,
    #[serde(default = "default_radius")]
    pub radius_km: f64,
    /// Sites and dates made up for an example.
    #[serde(default)]
    pub illustrative: bool,
}

fn default_radius() -> f64 {
    30.0
}
