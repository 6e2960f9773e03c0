//! Small text helpers on the import's hot path: each equals its `std`
//! counterpart, with a quick answer for the common ASCII case.

/// `str::trim`, answered without decoding when both ends are visible ASCII
/// (no byte above a space and below DEL is white space).
#[inline]
pub fn trim(s: &str) -> &str {
    let visible = |b: u8| b > b' ' && b < 0x7f;
    match s.as_bytes() {
        [] => s,
        [first, .., last] if visible(*first) && visible(*last) => s,
        [only] if visible(*only) => s,
        _ => s.trim(),
    }
}

/// The FxHash of a string's bytes: the one hash for the import's tables of
/// strings (interned names, event ids).
#[inline]
pub fn fx_hash(s: &str) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = rustc_hash::FxBuildHasher.build_hasher();
    h.write(s.as_bytes());
    h.finish()
}

/// Whether `haystack`, lower-cased, contains `needle` (lower-case ASCII),
/// without allocating when `haystack` is ASCII.
pub fn contains_lowercase(haystack: &str, needle: &str) -> bool {
    if !haystack.is_ascii() {
        return haystack.to_lowercase().contains(needle);
    }
    let n = needle.as_bytes();
    n.is_empty()
        || haystack
            .as_bytes()
            .windows(n.len())
            .any(|w| w.eq_ignore_ascii_case(n))
}

/// Reads a small text-like file (an assessment, a mapping) with a size
/// limit: a folder, a device (`/dev/zero`) or a pipe is refused before any
/// read, and a file over `max` bytes is refused rather than read into
/// memory.
pub fn read_limited(path: &std::path::Path, max: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file (a folder, device or pipe cannot be read here)",
        ));
    }
    if meta.len() > max {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "the file is {} MB, more than the {} MB this kind of file can be",
                meta.len() / (1024 * 1024),
                max / (1024 * 1024)
            ),
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(max + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A cell's text as a message quotes it: at most 40 characters, then "…"
/// (a 1 MB cell must not become a 1 MB report line).
pub fn clip(v: &str) -> String {
    let mut out: String = v.chars().take(40).collect();
    if v.chars().nth(40).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_equals_std_trim() {
        let ends = [
            "", " ", "a", "\t", "\u{a0}", "\u{85}", "\u{2003}", "\u{1c}", "\u{7f}", "é",
            "\u{feff}", "\r\n", "~",
        ];
        for a in ends {
            for b in ends {
                for mid in ["", "x", " y ", "é z"] {
                    let s = format!("{a}{mid}{b}");
                    assert_eq!(trim(&s), s.trim(), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn contains_lowercase_equals_lowercasing() {
        for (h, n) in [
            ("Sexual violence", "sexual"),
            ("Looting/property destruction", "destruction"),
            ("Arrests", "arrest"),
            ("ABDUCTION", "abduction"),
            ("Attack", "sexual"),
            ("Disappearance", "disappear"),
            ("Enlèvement", "enl"),
            ("KIDNAP\u{212a}", "kidnapk"),
            ("", "x"),
            ("ab", ""),
        ] {
            assert_eq!(
                contains_lowercase(h, n),
                h.to_lowercase().contains(n),
                "{h:?} {n:?}"
            );
        }
    }
}
