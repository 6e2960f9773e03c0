//! The last checks on a finished annex, run before any writer (METHODOLOGY
//! §6): the disclosure audit of every printed figure (`pattern.rs`), and
//! the screening of every string that leaves above `internal` for names
//! that must not leave. A document that fails is refused whole, with each
//! problem named.

use super::Annex;

/// At most this many problems are listed in a refusal.
const MAX_LISTED: usize = 12;

/// `Ok` when the annex may be written; otherwise one message naming every
/// problem (the first few).
pub fn check(annex: &Annex) -> Result<(), String> {
    let mut problems = Vec::new();
    if let Err(e) = super::pattern::audit_annex(annex) {
        problems.extend(e);
    }
    if problems.is_empty() {
        return Ok(());
    }
    let n = problems.len();
    let mut msg = format!(
        "refused: the annex fails its disclosure checks at sharing level {} ({n} problem{}):",
        super::level_key(annex.level),
        if n == 1 { "" } else { "s" }
    );
    for p in problems.iter().take(MAX_LISTED) {
        msg.push_str("\n  - ");
        msg.push_str(p);
    }
    if n > MAX_LISTED {
        msg.push_str(&format!("\n  - … and {} more", n - MAX_LISTED));
    }
    Err(msg)
}
