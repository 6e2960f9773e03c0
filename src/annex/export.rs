//! Writing an annex to disk: the format's bytes, written atomically (a
//! crash leaves the old file or the new one), never over a source file, and
//! an [`ExportRecord`] (level, date, recipients, SHA-256) for the assessment.

use super::{Annex, csv_out, docx, html, markdown, xlsx};
use crate::assessment::ExportRecord;
use crate::assessment::file::replace_atomic;
use crate::i18n::{Bi, Lang};
use crate::l;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Html,
    Markdown,
    Xlsx,
    /// One file per table in a folder.
    Csv,
}

impl Format {
    /// All formats, in menu order.
    pub const ALL: [Format; 5] = [
        Format::Docx,
        Format::Html,
        Format::Markdown,
        Format::Xlsx,
        Format::Csv,
    ];

    /// `docx`, `html`, `md`, `xlsx`, `csv`.
    pub fn key(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
        }
    }

    /// Menu label.
    pub fn label(self) -> &'static str {
        match self {
            Format::Docx => "Word (.docx)",
            Format::Html => "Web page (.html)",
            Format::Markdown => "Markdown (.md)",
            Format::Xlsx => "Excel (.xlsx)",
            Format::Csv => "CSV folder (one file per table)",
        }
    }

    /// The format for a key.
    pub fn parse(s: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| {
            f.key() == s.trim().to_ascii_lowercase() || (s == "markdown" && *f == Format::Markdown)
        })
    }
}

/// Why an export failed. `Display` is the English message; `text_in`
/// gives it in the window's language.
#[derive(Debug)]
pub enum ExportError {
    WouldOverwriteSource(PathBuf),
    NotAnExportFolder(PathBuf),
    /// The operating system's own message.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A refusal by the checks, or a writer's failure.
    Format {
        path: PathBuf,
        message: Bi,
    },
}

impl ExportError {
    /// The message in `lang`: the file, then why.
    pub fn text_in(&self, lang: Lang) -> String {
        let c = crate::i18n::colon(lang);
        match self {
            ExportError::WouldOverwriteSource(p) => format!(
                "{}{c} {}",
                p.display(),
                l!(
                    lang,
                    "refusing to write over a source file of this export (a dataset, the column mapping or the assessment)",
                    "refus d'écrire par-dessus un fichier source de cet export (un jeu de données, la correspondance de colonnes ou l'évaluation)"
                )
            ),
            ExportError::NotAnExportFolder(p) => format!(
                "{}{c} {}",
                p.display(),
                l!(
                    lang,
                    "the folder holds files that are not from an earlier export of this annex; choose a new or empty folder",
                    "le dossier contient des fichiers qui ne viennent pas d'un export précédent de cette annexe ; choisissez un dossier neuf ou vide"
                )
            ),
            ExportError::Io { path, source } => format!("{}{c} {source}", path.display()),
            ExportError::Format { path, message } => {
                format!("{}{c} {}", path.display(), message.get(lang))
            }
        }
    }
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text_in(Lang::En))
    }
}

impl std::error::Error for ExportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ExportError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl crate::i18n::Localized for ExportError {
    fn text_in(&self, lang: Lang) -> String {
        ExportError::text_in(self, lang)
    }
}

fn sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether two paths name the same file (after resolving links).
pub fn same_file(a: &Path, b: &Path) -> bool {
    // A path that does not exist yet is compared by its folder (resolved)
    // and its name, so "./x.bak" and "x.bak" are one file.
    let resolve = |p: &Path| {
        p.canonicalize().ok().or_else(|| {
            let dir = match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.canonicalize().ok()?,
                _ => std::env::current_dir().ok()?,
            };
            Some(dir.join(p.file_name()?))
        })
    };
    match (resolve(a), resolve(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// The bytes of a single-file format (everything but CSV).
pub fn render(annex: &Annex, format: Format) -> Result<Vec<u8>, Bi> {
    // A writer's own failure (a library's words) is not translated.
    match format {
        Format::Docx => docx::write(annex).map_err(|e| Bi::same(e.to_string())),
        Format::Html => html::write(annex).map(String::into_bytes).map_err(Bi::same),
        Format::Markdown => Ok(markdown::write(annex).into_bytes()),
        Format::Xlsx => xlsx::write(annex).map_err(|e| Bi::same(e.to_string())),
        Format::Csv => Err(Bi::same("CSV is a folder of files; use csv_out::files")),
    }
}

/// An annex rendered for one format: one file, or the files of a CSV folder.
#[derive(Debug, Clone, PartialEq)]
pub enum Rendered {
    File(Vec<u8>),
    Folder(Vec<(String, Vec<u8>)>),
}

/// Renders the annex for `format`.
pub fn render_all(annex: &Annex, format: Format) -> Result<Rendered, Bi> {
    // Nothing is rendered from a document that fails its checks.
    super::screen::check(annex)?;
    if format == Format::Csv {
        Ok(Rendered::Folder(csv_out::files(annex)))
    } else {
        render(annex, format).map(Rendered::File)
    }
}

/// Writes the annex to `out` (a folder for CSV) and returns the record to
/// keep in the assessment. `protected` are paths never to write over (the
/// datasets and the assessment file).
pub fn export(
    annex: &Annex,
    format: Format,
    out: &Path,
    protected: &[PathBuf],
) -> Result<ExportRecord, ExportError> {
    let rendered = render_all(annex, format).map_err(|message| ExportError::Format {
        path: out.to_path_buf(),
        message,
    })?;
    let sha256 = write_rendered(&rendered, out, protected)?;
    // Recorded as an absolute path: the record must name the same file
    // whatever folder the assessment is later opened from.
    let path = out
        .canonicalize()
        .or_else(|_| std::env::current_dir().map(|d| d.join(out)))
        .unwrap_or_else(|_| out.to_path_buf());
    Ok(ExportRecord {
        path,
        format: format.key().to_string(),
        level: annex.level,
        date: annex.generated,
        recipients: annex.recipients.clone(),
        sha256,
        k: (annex.level != crate::assessment::SharingLevel::Internal).then_some(annex.k),
        period: Some((annex.from, annex.as_of)),
        verified_only: annex.verified_only,
        lang: annex.lang,
    })
}

/// Writes rendered files atomically; returns the SHA-256 to record (of the
/// file, or of a folder's `SHA256SUMS`).
pub fn write_rendered(
    rendered: &Rendered,
    out: &Path,
    protected: &[PathBuf],
) -> Result<String, ExportError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| ExportError::Io { path, source }
    };
    let guard = |p: &Path| {
        if protected.iter().any(|s| same_file(s, p)) {
            Err(ExportError::WouldOverwriteSource(p.to_path_buf()))
        } else {
            Ok(())
        }
    };
    match rendered {
        Rendered::Folder(files) => {
            guard(out)?;
            let mut sums = String::new();
            for (name, bytes) in files {
                guard(&out.join(name))?;
                sums.push_str(&format!("{}  {name}\n", sha256(bytes)));
            }
            let all = files
                .iter()
                .map(|(name, bytes)| (name.as_str(), bytes.as_slice()))
                .chain([(super::folder::SUMS, sums.as_bytes())]);
            // The whole folder is replaced in one step (`folder.rs`).
            super::folder::write_folder(out, all).map_err(|e| match e {
                super::folder::FolderError::NotAnExport(path) => {
                    ExportError::NotAnExportFolder(path)
                }
                super::folder::FolderError::Io(path, source) => ExportError::Io { path, source },
            })?;
            // The folder's hash: the hash of its checksum list.
            Ok(sha256(sums.as_bytes()))
        }
        Rendered::File(bytes) => {
            guard(out)?;
            if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(io(dir))?;
            }
            replace_atomic(out, bytes).map_err(io(out))?;
            Ok(sha256(bytes))
        }
    }
}

/// Whether `path` is, unchanged, what one of `recorded` wrote: a file's
/// SHA-256, or a CSV folder's checksum list with every file it lists
/// still matching its line.
pub fn written_by_export(path: &Path, recorded: &[ExportRecord]) -> bool {
    use crate::assessment::review::sha256_file;
    let sums = path.join(crate::annex::folder::SUMS);
    let hashed = if path.is_dir() { sums.as_path() } else { path };
    let Ok(h) = sha256_file(hashed) else {
        return false;
    };
    let recorded_here = recorded
        .iter()
        .any(|r| r.sha256 == h && crate::annex::export::same_file(&r.path, path));
    if !recorded_here || !path.is_dir() {
        return recorded_here;
    }
    let Ok(list) = std::fs::read_to_string(&sums) else {
        return false;
    };
    list.lines().filter(|l| !l.trim().is_empty()).all(|l| {
        l.split_once("  ").is_some_and(|(hash, name)| {
            sha256_file(&path.join(name)).is_ok_and(|actual| actual == hash)
        })
    })
}
