//! The assessment on disk: pretty RON, written atomically (a temporary file
//! in the same folder, fsync, one `.bak` of the previous version, rename over
//! the old file, fsync of the folder), so a crash at any moment leaves the
//! whole old file or the whole new one. Loading never turns a damaged file
//! into an empty document: it says what is wrong, where, and whether a
//! `.bak` exists.

use super::{Assessment, FORMAT_VERSION};
use std::io::Write;
use std::path::{Path, PathBuf};

mod load_error;
pub use load_error::LoadError;

/// The backup path of an assessment file: `name.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".bak");
    PathBuf::from(s)
}

/// The assessment as its file text (deterministic: same document, same bytes).
pub fn to_text(a: &Assessment) -> String {
    let config = ron::ser::PrettyConfig::new()
        .depth_limit(12)
        .indentor("    ".to_string());
    let mut text = a.header_comment.clone();
    text.push_str(&ron::ser::to_string_pretty(a, config).unwrap_or_default());
    text.push('\n');
    text
}

/// The comment lines (`//`) at the top of a file, each with its line feed.
fn leading_comments(text: &str) -> String {
    text.trim_start_matches('\u{feff}')
        .split_inclusive('\n')
        .take_while(|l| l.trim_start().starts_with("//"))
        .map(|l| {
            let l = l.trim_end_matches(['\r', '\n']);
            format!("{l}\n")
        })
        .collect()
}

/// Parses file text.
pub fn from_text(text: &str, path: &Path) -> Result<Assessment, LoadError> {
    let backup = Some(backup_path(path)).filter(|b| b.exists());
    if text.trim().is_empty() {
        return Err(LoadError::Empty {
            path: path.into(),
            backup,
        });
    }
    if text.chars().all(|c| c == '\0' || c.is_whitespace()) {
        return Err(LoadError::Nul {
            path: path.into(),
            backup,
        });
    }
    // Check the version before the shape, so a newer file gets the right message.
    #[derive(serde::Deserialize)]
    struct Probe {
        format_version: u32,
    }
    if let Ok(p) = ron::from_str::<Probe>(text) {
        if p.format_version > FORMAT_VERSION {
            return Err(LoadError::Newer {
                path: path.into(),
                found: p.format_version,
            });
        }
        if p.format_version < FORMAT_VERSION {
            return Err(LoadError::Older {
                path: path.into(),
                found: p.format_version,
                backup,
            });
        }
    }
    let mut a = ron::from_str::<Assessment>(text).map_err(|e| LoadError::Syntax {
        path: path.into(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
        backup: backup.clone(),
    })?;
    validate(&a).map_err(|message| LoadError::Invalid {
        path: path.into(),
        message,
        backup,
    })?;
    a.header_comment = leading_comments(text);
    Ok(a)
}

/// Values the file's syntax allows but the method does not: coordinates off
/// the globe, a radius that is not a positive number (NaN, inf), ratings
/// outside 1–5, k below 2, an empty benchmark window.
pub fn validate(a: &Assessment) -> Result<(), String> {
    for (i, b) in a.footprint.iter().enumerate() {
        let name = format!("base {} ({})", i + 1, b.name);
        if !(b.latitude.is_finite() && (-90.0..=90.0).contains(&b.latitude)) {
            return Err(format!(
                "{name}: latitude {} is not between -90 and 90",
                b.latitude
            ));
        }
        if !(b.longitude.is_finite() && (-180.0..=180.0).contains(&b.longitude)) {
            return Err(format!(
                "{name}: longitude {} is not between -180 and 180",
                b.longitude
            ));
        }
        if !(b.radius_km.is_finite() && b.radius_km > 0.0 && b.radius_km <= 20_000.0) {
            return Err(format!(
                "{name}: radius_km {} is not a distance in km",
                b.radius_km
            ));
        }
    }
    for e in &a.register {
        for (what, v) in [
            ("likelihood", e.likelihood),
            ("impact", e.impact),
            ("capacity", e.capacity),
        ] {
            if let Some(v) = v
                && !(1..=5).contains(&v)
            {
                return Err(format!(
                    "register entry {}: {what} {v} is not between 1 and 5",
                    e.id
                ));
            }
        }
    }
    for b in &a.benchmarks {
        if b.window_months == 0 {
            return Err(format!(
                "benchmark \"{}\": window_months must be at least 1",
                b.name
            ));
        }
    }
    if a.suppression_k < 2 {
        return Err(format!(
            "suppression_k {} must be at least 2",
            a.suppression_k
        ));
    }
    Ok(())
}

/// Reads an assessment file.
pub fn load(path: &Path) -> Result<Assessment, LoadError> {
    // An assessment is text of a few hundred KB: 64 MB is far beyond any,
    // and a device or pipe named as one is refused before it is read.
    let bytes =
        crate::model::text::read_limited(path, 64 * 1024 * 1024).map_err(|e| LoadError::Io {
            path: path.into(),
            message: e.to_string(),
        })?;
    if !bytes.is_empty() && bytes.iter().all(|&b| b == 0) {
        return Err(LoadError::Nul {
            path: path.into(),
            backup: Some(backup_path(path)).filter(|b| b.exists()),
        });
    }
    // A byte-order mark (Windows editors write one) is not part of the text.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    // Invalid UTF-8 is refused with its place: replacing it would change
    // the analyst's text on the next save.
    let text = std::str::from_utf8(body).map_err(|e| {
        let before = &body[..e.valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.len()
            - before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1)
            + 1;
        LoadError::Syntax {
            path: path.into(),
            line,
            column,
            message: "not UTF-8 text (save the file as UTF-8)".into(),
            backup: Some(backup_path(path)).filter(|b| b.exists()),
        }
    })?;
    from_text(text, path)
}

/// Writes `text` to `path` atomically, keeping the previous file as `.bak`.
pub fn write_atomic(path: &Path, text: &[u8]) -> std::io::Result<()> {
    write_with(path, text, true)
}

/// Writes `bytes` to `path` atomically, without a backup (exports): a
/// crash leaves the old file or the new one, never part of one.
pub fn replace_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_with(path, bytes, false)
}

fn write_with(path: &Path, text: &[u8], keep_backup: bool) -> std::io::Result<()> {
    // Saving through a symbolic link writes the file it points to (the
    // link stays a link); a device or pipe is never replaced by a file.
    let resolved;
    let path = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            resolved = std::fs::canonicalize(path)?;
            resolved.as_path()
        }
        _ => path,
    };
    if let Ok(m) = std::fs::metadata(path)
        && !m.is_file()
    {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!(
                "{} is not a regular file (a folder, device or pipe is not written over)",
                path.display()
            ),
        ));
    }
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        // A rewritten file keeps its permissions (a 0600 assessment or
        // annex stays 0600, METHODOLOGY §6).
        if let Ok(old) = std::fs::metadata(path) {
            f.set_permissions(old.permissions())?;
        }
        f.write_all(text)?;
        f.sync_all()?;
        drop(f);
        if keep_backup && path.exists() {
            // The backup is replaced atomically too: copy, sync, rename.
            let bak = backup_path(path);
            let bak_tmp = dir.join(format!(".{name}.{}.bak.tmp", std::process::id()));
            std::fs::copy(path, &bak_tmp)?;
            std::fs::File::open(&bak_tmp)?.sync_all()?;
            std::fs::rename(&bak_tmp, &bak)?;
        }
        std::fs::rename(&tmp, path)?;
        // Best effort: some file systems refuse to sync a folder; the
        // rename has happened, the file is whole either way.
        if let Ok(d) = std::fs::File::open(dir) {
            d.sync_all().ok();
        }
        Ok(())
    })();
    if result.is_err() {
        // Clean-up after a failed save, whose error is returned below; a
        // temporary file that cannot be removed is hidden and harmless.
        std::fs::remove_file(&tmp).ok();
        std::fs::remove_file(dir.join(format!(".{name}.{}.bak.tmp", std::process::id()))).ok();
    }
    result
}

/// Saves an assessment atomically.
pub fn save(path: &Path, a: &Assessment) -> std::io::Result<()> {
    write_atomic(path, to_text(a).as_bytes())
}

/// What is locked while a process reads, changes and writes back `path`:
/// the folder that holds it (`locked`). No lock file is left behind.
pub fn lock_path(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Runs `f` holding an exclusive advisory lock on the folder `dir`, so
/// that two processes never interleave a read-change-write of a file in it
/// (on Linux, `flock`; elsewhere `f` runs unlocked).
pub fn locked<T>(dir: &Path, f: impl FnOnce() -> T) -> std::io::Result<T> {
    #[cfg(target_os = "linux")]
    let held = {
        let d = std::fs::File::open(dir)?;
        rustix::fs::flock(&d, rustix::fs::FlockOperation::LockExclusive)
            .map_err(std::io::Error::from)?;
        d
    };
    let out = f();
    // Closing the folder releases the lock.
    #[cfg(target_os = "linux")]
    drop(held);
    Ok(out)
}

/// Saves `a` to `path` under the folder's lock, first taking into `a` the
/// export records another process (a `poc-workbench export` run while the
/// window had the file open) added to the file on disk, so that a save from
/// the window never drops them.
pub fn save_keeping_exports(path: &Path, a: &mut Assessment) -> std::io::Result<()> {
    locked(&lock_path(path), || {
        // A file that is not there or does not load has no records to keep.
        if let Ok(on_disk) = load(path) {
            for r in on_disk.exports {
                if !a.exports.contains(&r) {
                    a.exports.push(r);
                }
            }
        }
        save(path, a)
    })?
}

/// Adds an export record to the assessment at `path` as it is on disk now,
/// under its lock: concurrent exports each keep their record.
pub fn record_export(path: &Path, record: super::ExportRecord) -> Result<(), String> {
    locked(&lock_path(path), || {
        let mut a = load(path).map_err(|e| e.to_string())?;
        a.exports.push(record);
        save(path, &a).map_err(|e| format!("{}: {e}", path.display()))
    })
    .map_err(|e| format!("{}: cannot lock the assessment: {e}", path.display()))?
}

/// The recovery journal of an assessment file, written while it has unsaved
/// changes: `name.ron.journal`.
pub fn journal_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".journal");
    PathBuf::from(s)
}
