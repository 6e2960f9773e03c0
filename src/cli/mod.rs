//! Command-line entry points, one file per subcommand. They call the same
//! core functions as the GUI, so a figure printed here is the figure shown.

pub mod bench;
pub mod diff;
pub mod export;
pub mod hrddp;
pub mod review;
pub mod summarize;

use crate::analysis::Workspace;
use crate::import::{ColumnMapping, ImportError, ImportOptions, Progress, import_file};
use std::path::{Path, PathBuf};

/// Runs `f` writing to `out`; in French, through the French typography
/// (a narrow no-break space before `:` `;` `%`…), as the annex has it.
pub(crate) fn typeset<T>(
    lang: crate::i18n::Lang,
    out: &mut dyn std::io::Write,
    f: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<T>,
) -> std::io::Result<T> {
    if lang == crate::i18n::Lang::En {
        return f(out);
    }
    let mut buf = Vec::new();
    let r = f(&mut buf)?;
    let text = crate::annex::typography::spaced(&String::from_utf8_lossy(&buf));
    out.write_all(text.as_bytes())?;
    Ok(r)
}

/// Loads files into a workspace; returns the errors of those that failed.
pub fn load_all(
    files: &[PathBuf],
    mapping: Option<&Path>,
) -> Result<(Workspace, Vec<ImportError>), ImportError> {
    let mapping = mapping.map(ColumnMapping::load).transpose()?;
    let options = ImportOptions { mapping };
    let mut datasets = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for f in files {
        // The same file named twice is read once: counted twice, an id-less
        // log would double every figure.
        let key = std::fs::canonicalize(f).unwrap_or_else(|_| f.clone());
        if !seen.insert(key) {
            eprintln!("note: {} is named twice; it is read once", f.display());
            continue;
        }
        match import_file(f, &options, &Progress::default()) {
            Ok(d) => datasets.push(d),
            Err(e) => errors.push(e),
        }
    }
    Ok((Workspace::new(datasets), errors))
}
