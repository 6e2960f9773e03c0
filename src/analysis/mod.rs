//! Analysis over the loaded data: the workspace (regions, re-classifications,
//! repeats across files), the filter, the threat matrix with trends and
//! suggested scores, and monthly series. Every figure the GUI, the CLI and
//! the annex show comes from here.

pub mod filter;
pub mod hrddp;
pub mod matching;
pub mod matrix;
pub mod regions;
pub mod scores;
pub mod series;
pub mod violations;
pub mod workspace;

pub use filter::{Filter, RegionLevel};
pub use matrix::{ThreatMatrix, cell_incidents};
pub use scores::{RiskBand, Suggestion, Trend};
pub use workspace::Workspace;
