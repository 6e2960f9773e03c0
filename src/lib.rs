//! POC Transition Workbench: the data core.
//!
//! The pipeline, in five lines:
//! 1. `import::import_file` reads ACLED, UCDP GED, HXL-tagged or mapped tables into a `model::Dataset`, with an `ImportReport`;
//! 2. `analysis::Workspace` joins datasets and resolves regions and actor re-classifications;
//! 3. `analysis::Filter` selects incidents (dates, types, regions, categories, precision);
//! 4. `analysis::ThreatMatrix` counts civilian-harm events and civilian fatalities by perpetrator type × region, with trends and scores (METHODOLOGY §2–4);
//! 5. the CLI (`cli`) and the GUI (`app`, feature `gui`) show the same figures.

pub mod analysis;
pub mod annex;
pub mod assessment;
pub mod cli;
pub mod i18n;
pub mod import;
pub mod memory;
pub mod model;

#[cfg(feature = "gui")]
pub mod app;
