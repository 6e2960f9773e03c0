//! The datasets of an assessment as found on disk: each file's SHA-256,
//! whether it moved or changed since it was added, and loading them into a
//! workspace with the assessment's re-classifications.

use super::Assessment;
use crate::analysis::Workspace;
use crate::import::{ImportOptions, Progress, import_file};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// A dataset of the assessment as found on disk.
#[derive(Debug, Clone, Serialize)]
pub struct DatasetStatus {
    pub path: PathBuf,
    /// `ok`, `missing`, `changed` (hash differs) or `unreadable`.
    pub status: String,
    pub message: String,
}

/// SHA-256 of a file, lower-case hex.
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    use sha2::{Digest, Sha256};
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    std::io::copy(&mut f, &mut h)?;
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// Loads the assessment's datasets (paths relative to `assessment_path`'s
/// folder), checking each one's hash. Re-classifications are applied.
pub fn open_datasets(a: &Assessment, assessment_path: &Path) -> (Workspace, Vec<DatasetStatus>) {
    let base = assessment_path.parent().unwrap_or(Path::new("."));
    let mut datasets = Vec::new();
    let mut statuses = Vec::new();
    for d in &a.datasets {
        let p = if d.path.is_absolute() {
            d.path.clone()
        } else {
            base.join(&d.path)
        };
        let (status, message) = match sha256_file(&p) {
            Err(e) => ("missing", format!("{}: {e}", p.display())),
            Ok(h) if !d.sha256.is_empty() && h != d.sha256 => (
                "changed",
                format!(
                    "{}: the file changed since it was added (SHA-256 {h}, recorded {})",
                    p.display(),
                    d.sha256
                ),
            ),
            Ok(_) => ("ok", String::new()),
        };
        let (status, message) = if status == "missing" {
            (status, message)
        } else {
            match import_file(
                &p,
                &ImportOptions {
                    mapping: d.mapping.clone(),
                },
                &Progress::default(),
            ) {
                Ok(ds) => {
                    datasets.push(ds);
                    (status, message)
                }
                Err(e) => ("unreadable", e.to_string()),
            }
        };
        statuses.push(DatasetStatus {
            path: d.path.clone(),
            status: status.to_string(),
            message,
        });
    }
    let mut ws = Workspace::new(datasets);
    ws.set_overrides(a.overrides());
    (ws, statuses)
}
