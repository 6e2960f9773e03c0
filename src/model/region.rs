//! Region names (METHODOLOGY §3): cleaning an admin name for display, and the
//! matching key under which spellings that differ only in case, accents or
//! punctuation count as one region.

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

/// The label used for a blank admin name.
pub const UNKNOWN_REGION: &str = "(unknown)";

/// A region's name as printed in `lang`: the name as the data write it,
/// except the label of a blank admin name, which is a word of ours.
pub fn region_label(name: &str, lang: crate::i18n::Lang) -> String {
    if name == UNKNOWN_REGION {
        crate::l!(lang, "(unknown)", "(inconnue)").to_string()
    } else {
        name.to_string()
    }
}

/// Cleans one admin name as written in a source: trims it (including NBSP and
/// zero-width characters), folds inner runs of white space, and drops one
/// trailing ` state` or ` province` (any case). A blank name gives `""`.
pub fn clean_admin_name(raw: &str) -> Cow<'_, str> {
    let t = super::text::trim(raw);
    // Printable ASCII without a double space: nothing to clean.
    let plain = {
        let mut prev_space = false;
        t.bytes().all(|b| {
            let ok = (b' '..0x7f).contains(&b) && !(prev_space && b == b' ');
            prev_space = b == b' ';
            ok
        })
    };
    if plain {
        let lower_ends = |suffix: &str| {
            t.len() > suffix.len() && t[t.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
        };
        for suffix in [" state", " province"] {
            if lower_ends(suffix) {
                return Cow::Borrowed(t[..t.len() - suffix.len()].trim_end());
            }
        }
        return Cow::Borrowed(t);
    }
    // Invisible marks (direction marks, zero-width characters, NUL and other
    // controls) are dropped where they stand, so `Mop<U+200E>ti` is `Mopti`;
    // runs of whitespace become one space.
    let visible: String = raw.chars().filter(|c| !is_invisible(*c)).collect();
    let folded: String = visible
        .split(char::is_whitespace)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    let lower = folded.to_lowercase();
    for suffix in [" state", " province"] {
        if lower.ends_with(suffix) && folded.len() > suffix.len() {
            // `suffix` is ASCII, so the cut falls on a char boundary of `folded`
            // whenever the lower-cased forms have the same byte length.
            if lower.len() == folded.len() {
                return Cow::Owned(folded[..folded.len() - suffix.len()].trim_end().to_string());
            }
        }
    }
    Cow::Owned(folded)
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{061C}'
            | '\u{FEFF}'
    ) || (c.is_control() && !c.is_whitespace())
}

/// The matching key of a cleaned admin name: Unicode-decomposed with accents
/// removed, lower-cased, and every run of punctuation or space turned into a
/// single space. `Ségou`, `SEGOU` and `Segou` share a key; so do
/// `Bahr-al-Ghazal` and `Bahr al Ghazal`.
pub fn region_key(cleaned: &str) -> String {
    let mut out = String::with_capacity(cleaned.len());
    let mut pending_space = false;
    for c in cleaned.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_suffix_and_space() {
        assert_eq!(clean_admin_name("  South Darfur state "), "South Darfur");
        assert_eq!(clean_admin_name("Upper Nile Province"), "Upper Nile");
        assert_eq!(clean_admin_name("Khartoum"), "Khartoum");
        assert_eq!(clean_admin_name("State"), "State");
        assert_eq!(clean_admin_name("Red\u{00A0}Sea  state"), "Red Sea");
        assert_eq!(clean_admin_name(""), "");
        assert_eq!(clean_admin_name("\u{200B}Mopti"), "Mopti");
    }

    #[test]
    fn keys_fold_case_accents_punctuation() {
        assert_eq!(region_key("Ségou"), region_key("SEGOU"));
        // NFD input.
        assert_eq!(region_key("Se\u{301}gou"), "segou");
        assert_eq!(region_key("Bahr-al-Ghazal"), region_key("Bahr al Ghazal"));
        assert_eq!(region_key("Ombella-M'Poko"), region_key("Ombella M Poko"));
        assert_ne!(region_key("North Darfur"), region_key("Northern Darfur"));
    }
}
