//! `poc-workbench diff OLD.ron NEW.ron [--json]`: what changed between two
//! drafts of an assessment (METHODOLOGY §10) — entries added and removed,
//! each changed field, flags raised and cleared, benchmark statuses, and
//! the matrix cells whose counts changed with the data.

use crate::assessment::diff::{diff, to_text_in};
use crate::assessment::review::open_datasets;
use std::path::Path;

/// Runs `diff`; returns the exit code (0, or 1 when a file cannot be read).
pub fn run(
    old: &Path,
    new: &Path,
    as_json: bool,
    allow_outside: bool,
    lang: crate::i18n::Lang,
    out: &mut dyn std::io::Write,
) -> std::io::Result<i32> {
    let load = |p: &Path| super::review::load_checked(p, allow_outside, lang);
    let (a, b) = match (load(old), load(new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(code), _) | (_, Err(code)) => return Ok(code),
    };
    let (old_ws, _) = open_datasets(&a, old);
    // The same datasets (the same files, unchanged): read once.
    let same = a.datasets == b.datasets
        && old.parent().map(std::fs::canonicalize).transpose().ok()
            == new.parent().map(std::fs::canonicalize).transpose().ok();
    let new_ws_owned;
    let new_ws = if same {
        &old_ws
    } else {
        new_ws_owned = open_datasets(&b, new).0;
        &new_ws_owned
    };
    let d = diff(&a, &old_ws, &b, new_ws);
    if as_json {
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&d).unwrap_or_default()
        )?;
    } else {
        super::typeset(lang, out, |out| write!(out, "{}", to_text_in(&d, lang)))?;
    }
    Ok(0)
}
