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
    /// Outside the assessment's folder, and not read: the analyst is shown
    /// the path and says whether to read it (an assessment from someone
    /// else could name any file on this computer).
    Outside,
}

impl DatasetState {
    /// The state's name as printed (`ok`, `missing`, `changed`, `unreadable`).
    pub fn as_str(self) -> &'static str {
        match self {
            DatasetState::Ok => "ok",
            DatasetState::Missing => "missing",
            DatasetState::Changed => "changed",
            DatasetState::Unreadable => "unreadable",
            DatasetState::Outside => "outside",
        }
    }
}

impl DatasetState {
    /// The state in words, in a language (the window's and `review`'s).
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::l;
        match self {
            DatasetState::Ok => l!(lang, "ok", "valide"),
            DatasetState::Missing => l!(lang, "missing", "manquant"),
            DatasetState::Changed => l!(lang, "changed", "modifié"),
            DatasetState::Unreadable => l!(lang, "unreadable", "illisible"),
            DatasetState::Outside => l!(
                lang,
                "outside the assessment's folder: not read",
                "hors du dossier de l'évaluation : non lu"
            ),
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
    /// Why it is not read as it was added (both languages; English in JSON).
    pub message: crate::i18n::Bi,
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

/// Where a dataset path of the assessment at `assessment_path` resolves.
pub fn resolve(assessment_path: &Path, path: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        assessment_path
            .parent()
            .unwrap_or(Path::new("."))
            .join(path)
    }
}

/// Whether a resolved dataset path lies outside the assessment's folder
/// (after following `..` and links; a path that does not exist is judged
/// by its words).
pub fn is_outside(assessment_path: &Path, resolved: &Path) -> bool {
    let base = assessment_path.parent().unwrap_or(Path::new("."));
    let base = base
        .canonicalize()
        .unwrap_or_else(|_| std::env::current_dir().unwrap_or_default().join(base));
    let full = resolved.canonicalize().unwrap_or_else(|_| {
        let mut out = PathBuf::new();
        for c in std::env::current_dir()
            .unwrap_or_default()
            .join(resolved)
            .components()
        {
            match c {
                std::path::Component::ParentDir => {
                    out.pop();
                }
                std::path::Component::CurDir => {}
                other => out.push(other),
            }
        }
        out
    });
    !full.starts_with(&base)
}

/// The assessment's datasets that lie outside its folder, resolved.
pub fn outside_folder(a: &Assessment, assessment_path: &Path) -> Vec<PathBuf> {
    a.datasets
        .iter()
        .map(|d| resolve(assessment_path, &d.path))
        .filter(|p| is_outside(assessment_path, p))
        .collect()
}

/// `open_datasets`, reading a dataset outside the assessment's folder
/// only where `allow` says so; the others are `Outside`, not read.
pub fn open_datasets_checked(
    a: &Assessment,
    assessment_path: &Path,
    allow: &dyn Fn(&Path) -> bool,
) -> (Workspace, Vec<DatasetStatus>) {
    let refused: Vec<bool> = a
        .datasets
        .iter()
        .map(|d| {
            let p = resolve(assessment_path, &d.path);
            is_outside(assessment_path, &p) && !allow(&p)
        })
        .collect();
    let mut kept = a.clone();
    kept.datasets = a
        .datasets
        .iter()
        .zip(&refused)
        .filter(|(_, r)| !**r)
        .map(|(d, _)| d.clone())
        .collect();
    let (ws, read) = open_datasets(&kept, assessment_path);
    let mut read = read.into_iter();
    let statuses = a
        .datasets
        .iter()
        .zip(&refused)
        .filter_map(|(d, r)| {
            if *r {
                Some(DatasetStatus {
                    path: d.path.clone(),
                    status: DatasetState::Outside,
                    message: crate::bi!(
                        "{}: outside the assessment's folder; not read until you say so",
                        "{} : hors du dossier de l'évaluation ; non lu tant que vous ne le demandez pas",
                        resolve(assessment_path, &d.path).display()
                    ),
                })
            } else {
                read.next()
            }
        })
        .collect();
    (ws, statuses)
}

/// Loads the assessment's datasets (paths relative to `assessment_path`'s
/// folder), checking each one's hash. Re-classifications are applied.
pub fn open_datasets(a: &Assessment, assessment_path: &Path) -> (Workspace, Vec<DatasetStatus>) {
    let mut datasets = Vec::new();
    let mut spans = Vec::new();
    let mut statuses = Vec::new();
    for d in &a.datasets {
        let p = resolve(assessment_path, &d.path);
        let (status, message) = match regular_file(&p).and_then(|()| sha256_file(&p)) {
            Err(e) => (
                DatasetState::Missing,
                crate::bi!("{}: {e}", "{} : {e}", p.display()),
            ),
            Ok(h) if !d.sha256.is_empty() && h != d.sha256 => (
                DatasetState::Changed,
                crate::bi!(
                    "{}: the file changed since it was added (SHA-256 {h}, recorded {})",
                    "{} : le fichier a changé depuis son ajout (SHA-256 {h}, enregistré {})",
                    p.display(),
                    d.sha256
                ),
            ),
            Ok(_) => (DatasetState::Ok, crate::i18n::Bi::default()),
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
                Err(e) => (
                    DatasetState::Unreadable,
                    crate::i18n::both(|lang| e.text_in(lang)),
                ),
            }
        };
        statuses.push(DatasetStatus {
            path: d.path.clone(),
            status,
            message,
        });
    }
    let mut ws = Workspace::new(datasets);
    ws.set_matching(a.matching.clone());
    ws.set_overrides(a.overrides());
    ws.set_region_aliases(a.aliases());
    if spans.iter().any(Option::is_some) {
        ws.set_declared_spans(spans);
    }
    (ws, statuses)
}
