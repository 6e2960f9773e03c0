//! Writing a folder export (the CSV annex) as one unit: the files go into a
//! hidden sibling folder, are synced, and the folder then takes the old
//! one's place in a single step (Linux: `renameat2` with `RENAME_EXCHANGE`),
//! so a crash leaves the old folder or the new one, never a mix. The export
//! owns its folder: one holding anything but a previous export's files is
//! refused rather than replaced.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a folder cannot be written.
#[derive(Debug)]
pub enum FolderError {
    /// The folder holds files that are not a previous export's.
    NotAnExport(PathBuf),
    Io(PathBuf, std::io::Error),
}

/// The name of the checksum list every folder export ends with.
pub const SUMS: &str = "SHA256SUMS";

/// The file that marks a folder as the workbench's own export. A folder
/// with a checksum list alone (a release download looks like that) is not
/// the workbench's to replace.
pub const MARKER: &str = ".poc-workbench-export";

/// Whether `dir` may be replaced: absent, empty, or a previous export (the
/// workbench's marker, no subfolder, and a checksum list naming every other
/// file in it).
fn replaceable(dir: &Path) -> Result<(), FolderError> {
    let io = |e| FolderError::Io(dir.to_path_buf(), e);
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(e)),
    };
    let mut names: Vec<String> = Vec::new();
    for e in entries {
        let e = e.map_err(io)?;
        // A subfolder is never part of an export.
        if e.file_type().map_err(io)?.is_dir() {
            return Err(FolderError::NotAnExport(dir.to_path_buf()));
        }
        names.push(e.file_name().to_string_lossy().into_owned());
    }
    if names.is_empty() {
        return Ok(());
    }
    if !names.iter().any(|n| n == MARKER) {
        return Err(FolderError::NotAnExport(dir.to_path_buf()));
    }
    let listed: Vec<String> = std::fs::read_to_string(dir.join(SUMS))
        .map(|s| {
            s.lines()
                .filter_map(|l| l.split_once("  ").map(|(_, n)| n.to_string()))
                .collect()
        })
        .unwrap_or_default();
    if listed.is_empty()
        || names
            .iter()
            .any(|n| n != SUMS && n != MARKER && !listed.contains(n))
    {
        return Err(FolderError::NotAnExport(dir.to_path_buf()));
    }
    Ok(())
}

/// Flushes a folder's entries to disk. Best effort, by design: some file
/// systems (network shares) refuse to sync a folder, and by then the rename
/// has happened, so the files are in place; only their survival of a power
/// cut in the next seconds is at stake.
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        d.sync_all().ok();
    }
}

/// Puts `new` in the place of `target` (which exists) in one step where the
/// system allows it; `new` then holds the old folder.
fn exchange(new: &Path, target: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, new, CWD, target, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            // A file system without the exchange: the two-step way below.
            Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
            Err(e) => return Err(e.into()),
        }
    }
    // Two renames: a crash between them leaves the old folder under the
    // hidden name `aside` and none at `target`.
    let aside = new.with_extension("old");
    std::fs::rename(target, &aside)?;
    std::fs::rename(new, target)?;
    std::fs::rename(&aside, new)
}

/// Removes what an export to `name` killed mid-way left beside it: hidden
/// `.{name}.{pid}.tmp` (or `.old`) folders, each a whole old or new export.
fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.");
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = n.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest
            .strip_suffix(".tmp")
            .or_else(|| rest.strip_suffix(".old"));
        if pid.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
            // Leftovers of a killed export; one that cannot be removed now
            // is tried again at the next export, and harms nothing.
            std::fs::remove_dir_all(e.path()).ok();
        }
    }
}

/// Writes `files` (name, bytes) into the folder `target`, replacing what
/// was there as one unit.
pub fn write_folder<'a>(
    target: &Path,
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<(), FolderError> {
    // Two exports to one folder take turns: the second clears no folder
    // the first is still writing, and each leaves one whole version.
    let lock = crate::assessment::file::lock_path(target);
    if let Some(d) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        // The folder to lock must exist before it can be locked.
        std::fs::create_dir_all(d).map_err(|e| FolderError::Io(d.to_path_buf(), e))?;
    }
    crate::assessment::file::locked(&lock, || write_folder_unlocked(target, files))
        .map_err(|e| FolderError::Io(lock.clone(), e))?
}

fn write_folder_unlocked<'a>(
    target: &Path,
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> Result<(), FolderError> {
    replaceable(target)?;
    let parent = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let io = |p: &Path| {
        let p = p.to_path_buf();
        move |e| FolderError::Io(p, e)
    };
    std::fs::create_dir_all(parent).map_err(io(parent))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    remove_leftovers(parent, &name);
    let tmp = parent.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        std::fs::create_dir(&tmp).map_err(io(&tmp))?;
        let marker = tmp.join(MARKER);
        std::fs::write(
            &marker,
            "Written by the POC Transition Workbench: the next export to this folder replaces it whole.\n",
        )
        .map_err(io(&marker))?;
        for (file, bytes) in files {
            let p = tmp.join(file);
            let mut f = std::fs::File::create(&p).map_err(io(&p))?;
            f.write_all(bytes).map_err(io(&p))?;
            f.sync_all().map_err(io(&p))?;
        }
        sync_dir(&tmp);
        if target.exists() {
            exchange(&tmp, target).map_err(io(target))?;
        } else {
            std::fs::rename(&tmp, target).map_err(io(target))?;
        }
        sync_dir(parent);
        Ok(())
    })();
    // The old folder (after an exchange) or a half-written new one; if it
    // cannot be removed, the next export clears it (see above).
    std::fs::remove_dir_all(&tmp).ok();
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(tag: &str) -> Vec<(&'static str, Vec<u8>)> {
        vec![
            ("a.csv", format!("{tag}a").into_bytes()),
            (SUMS, format!("00  a.csv\n00  {SUMS}\n").into_bytes()),
        ]
    }

    fn write(target: &Path, files: &[(&'static str, Vec<u8>)]) -> Result<(), FolderError> {
        write_folder(target, files.iter().map(|(n, b)| (*n, b.as_slice())))
    }

    #[test]
    fn replaces_a_previous_export_and_refuses_other_folders() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("annex");
        write(&out, &files("one")).expect("new folder");
        write(&out, &files("two")).expect("replaces the export");
        assert_eq!(
            std::fs::read_to_string(out.join("a.csv")).expect("read"),
            "twoa"
        );
        // Nothing but the export is left beside it.
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, ["annex"]);
        // A folder with someone else's file is not replaced.
        std::fs::write(out.join("notes.txt"), "mine").expect("write");
        assert!(matches!(
            write(&out, &files("three")),
            Err(FolderError::NotAnExport(_))
        ));
        assert_eq!(
            std::fs::read_to_string(out.join("notes.txt")).expect("kept"),
            "mine"
        );
        // A folder that only looks like one (a release download with its
        // checksum list) is not replaced, nor one with a subfolder.
        let download = dir.path().join("download");
        std::fs::create_dir(&download).expect("mkdir");
        for (n, b) in files("x") {
            std::fs::write(download.join(n), b).expect("write");
        }
        assert!(matches!(
            write(&download, &files("five")),
            Err(FolderError::NotAnExport(_))
        ));
        std::fs::remove_file(out.join("notes.txt")).expect("rm");
        std::fs::create_dir(out.join("sub")).expect("mkdir");
        assert!(matches!(
            write(&out, &files("six")),
            Err(FolderError::NotAnExport(_))
        ));
        assert!(out.join("sub").is_dir() && download.join("a.csv").exists());
        // An empty folder is taken.
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).expect("mkdir");
        write(&empty, &files("four")).expect("empty folder");
    }
}
