//! The datasets of an assessment as found on disk: each file's SHA-256,
//! whether it moved or changed since it was added, and loading them into a
//! workspace with the assessment's re-classifications.

use super::Assessment;
use crate::analysis::Workspace;
use crate::import::{ImportOptions, Progress, import_file};
use crate::model::dates::day_number;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// How a dataset of the assessment was found on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DatasetState {
    Ok,
    /// Not found, or not a readable file.
    Missing,
    /// Read, but its SHA-256 differs from the one recorded.
    Changed,
    /// Found, but the importer refused it.
    Unreadable,
}

impl DatasetState {
    /// The state's name as printed (`ok`, `missing`, `changed`, `unreadable`).
    pub fn as_str(self) -> &'static str {
        match self {
            DatasetState::Ok => "ok",
            DatasetState::Missing => "missing",
            DatasetState::Changed => "changed",
            DatasetState::Unreadable => "unreadable",
        }
    }
}

impl std::fmt::Display for DatasetState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A dataset of the assessment as found on disk.
#[derive(Debug, Clone, Serialize)]
pub struct DatasetStatus {
    pub path: PathBuf,
    pub status: DatasetState,
    pub message: String,
}

/// Refuses what is not a regular file (a FIFO or `/dev/zero` named as a
/// dataset would never finish reading).
pub fn regular_file(path: &Path) -> std::io::Result<()> {
    let m = std::fs::metadata(path)?;
    if m.is_file() {
        Ok(())
    } else {
        Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a folder, device or pipe cannot be read as a dataset)",
        ))
    }
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
    let mut spans = Vec::new();
    let mut statuses = Vec::new();
    for d in &a.datasets {
        let p = if d.path.is_absolute() {
            d.path.clone()
        } else {
            base.join(&d.path)
        };
        let (status, message) = match regular_file(&p).and_then(|()| sha256_file(&p)) {
            Err(e) => (DatasetState::Missing, format!("{}: {e}", p.display())),
            Ok(h) if !d.sha256.is_empty() && h != d.sha256 => (
                DatasetState::Changed,
                format!(
                    "{}: the file changed since it was added (SHA-256 {h}, recorded {})",
                    p.display(),
                    d.sha256
                ),
            ),
            Ok(_) => (DatasetState::Ok, String::new()),
        };
        let (status, message) = if status == DatasetState::Missing {
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
                    spans.push(d.covers.map(|(a, b)| (day_number(a), day_number(b))));
                    (status, message)
                }
                Err(e) => (DatasetState::Unreadable, e.to_string()),
            }
        };
        statuses.push(DatasetStatus {
            path: d.path.clone(),
            status,
            message,
        });
    }
    let mut ws = Workspace::new(datasets);
    ws.set_overrides(a.overrides());
    ws.set_region_aliases(a.aliases());
    if spans.iter().any(Option::is_some) {
        ws.set_declared_spans(spans);
    }
    (ws, statuses)
}
