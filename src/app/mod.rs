//! The workbench window (feature `gui`). Placeholder until the window issue
//! lands: opens on the given files and shows the threat-matrix totals.

/// Opens the window.
pub fn run(_files: Vec<std::path::PathBuf>) -> Result<(), String> {
    Err("not yet".into())
}
