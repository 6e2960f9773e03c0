//! Column-mapping profiles: the ones the analyst saves (one `.ron` file
//! each, in the user's data folder) and the ones that ship with the
//! workbench (`sample-data/mappings`). The mapping dialog offers them.

use crate::import::ColumnMapping;
use std::path::PathBuf;

/// Where mapping profiles are kept.
pub fn profiles_dir() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("poc-workbench").join("mappings")
}

/// Saves a profile as `<name>.ron` in `profiles_dir`, atomically.
pub fn save_profile(m: &ColumnMapping) -> Result<PathBuf, String> {
    let dir = profiles_dir();
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let stem: String = m
        .name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let path = dir.join(format!(
        "{}.ron",
        if stem.is_empty() {
            "mapping".to_string()
        } else {
            stem
        }
    ));
    let tmp = path.with_extension("ron.tmp");
    std::fs::write(&tmp, m.to_ron()).map_err(|e| format!("{}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, &path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// The saved profiles, and why any profile file could not be read (shown
/// in the dialog: a broken profile is not skipped without a word).
pub(super) fn load_profiles() -> (Vec<(String, ColumnMapping)>, Vec<String>) {
    let mut out = Vec::new();
    let mut broken = Vec::new();
    // No folder yet: no profile saved yet.
    if let Ok(rd) = std::fs::read_dir(profiles_dir()) {
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_none_or(|x| x != "ron") {
                continue;
            }
            match ColumnMapping::load(&p) {
                Ok(m) => out.push((
                    p.file_stem()
                        .map(|s| s.to_string_lossy().to_string())
                        .unwrap_or_default(),
                    m,
                )),
                Err(e) => broken.push(super::i18n::said(&e)),
            }
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    (out, broken)
}

/// A profile the dialog can offer: its name, its mapping, and whether it
/// ships with the workbench.
pub(super) struct Profile {
    pub(super) name: String,
    pub(super) mapping: ColumnMapping,
    pub(super) bundled: bool,
}

/// The profiles that ship with the workbench (`sample-data/mappings`).
pub(super) fn bundled_profiles() -> Vec<Profile> {
    [
        include_str!("../../sample-data/mappings/shcc-sudan-2021.ron"),
        include_str!("../../sample-data/mappings/shcc-sudan-2023.ron"),
    ]
    .into_iter()
    .filter_map(|text| {
        ron::from_str::<ColumnMapping>(text)
            .ok()
            .map(|mapping| Profile {
                name: mapping.name.clone(),
                mapping,
                bundled: true,
            })
    })
    .collect()
}
