//! Counts and coordinates as analysts' files write them. A count that cannot
//! be read is never turned into zero: the caller keeps the row and flags the
//! figure unknown (METHODOLOGY §3).

/// Why a count could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CountError {
    /// `10+`, `~20`, `dozens`, `#N/A`, …
    Unreadable,
    /// A negative number.
    Negative,
}

/// Parses a count cell. `Ok(None)` means blank (not reported). Accepts `12`,
/// `3.0`, `1e3`, `1,234`, `1.234` and `1 234` (thousands separators).
pub fn parse_count(raw: &str) -> Result<Option<u32>, CountError> {
    let s = match crate::model::text::trim(raw) {
        t if t.starts_with('\u{feff}') || t.ends_with('\u{feff}') => {
            raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        }
        t => t,
    };
    if s.is_empty() {
        return Ok(None);
    }
    // The common case, plain digits, without an allocation.
    if s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit()) {
        return s
            .parse::<u32>()
            .map(Some)
            .map_err(|_| CountError::Unreadable);
    }
    let compact: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .collect();
    if let Some(rest) = compact.strip_prefix('-')
        && !rest.is_empty()
        && rest
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        // "-0" (or "-0.0") is zero written with a sign, not a negative count.
        if rest.bytes().all(|b| matches!(b, b'0' | b'.' | b',')) && rest.contains('0') {
            return Ok(Some(0));
        }
        return Err(CountError::Negative);
    }
    if compact.bytes().all(|b| b.is_ascii_digit()) {
        return compact
            .parse::<u32>()
            .map(Some)
            .map_err(|_| CountError::Unreadable);
    }
    // Thousands separators: 1,234 / 1.234 / 12,345,678.
    for sep in [',', '.'] {
        let groups: Vec<&str> = compact.split(sep).collect();
        if groups.len() >= 2
            && (1..=3).contains(&groups[0].len())
            && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
            && groups[1..].iter().all(|g| g.len() == 3)
        {
            return groups
                .concat()
                .parse::<u32>()
                .map(Some)
                .map_err(|_| CountError::Unreadable);
        }
    }
    // 3.0, 3,0, 1e3: accepted when the value is a whole number.
    let dotted = compact.replace(',', ".");
    if dotted
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+'))
        && let Ok(v) = dotted.parse::<f64>()
        && v.is_finite()
        && v >= 0.0
        && v.fract() == 0.0
        && v <= f64::from(u32::MAX)
    {
        return Ok(Some(v as u32));
    }
    Err(CountError::Unreadable)
}

/// Parses a latitude or longitude; accepts a decimal comma. `None` for blank
/// or unreadable.
pub fn parse_coordinate(raw: &str) -> Option<f64> {
    let s = crate::model::text::trim(raw);
    if s.is_empty() {
        return None;
    }
    if let Some(v) = plain_decimal(s) {
        return Some(v);
    }
    s.parse::<f64>()
        .ok()
        .or_else(|| s.replace(',', ".").parse::<f64>().ok())
        .filter(|v| v.is_finite())
}

/// `-?D+(.D+)?` with at most 15 digits, read without the general parser:
/// the digits make an integer below 2^53 and the divisor an exact power of
/// ten, so one division is correctly rounded, the same value `str::parse`
/// gives. `None` for anything else.
fn plain_decimal(s: &str) -> Option<f64> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let (negative, body) = match s.as_bytes() {
        [b'-', rest @ ..] => (true, rest),
        all => (false, all),
    };
    let (int, frac) = match memchr::memchr(b'.', body) {
        Some(k) => (&body[..k], &body[k + 1..]),
        None => (body, &[][..]),
    };
    let digits = int.len() + frac.len();
    if int.is_empty() || (frac.is_empty() && int.len() < body.len()) || digits > 15 {
        return None;
    }
    let mut m = 0u64;
    for &b in int.iter().chain(frac) {
        if !b.is_ascii_digit() {
            return None;
        }
        m = m * 10 + u64::from(b - b'0');
    }
    let v = m as f64 / POW10[frac.len()];
    Some(if negative { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_decimals_read_as_the_general_parser_does() {
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..200_000 {
            let int = next() % 1_000;
            let frac_len = (next() % 12) as usize;
            let frac: String = (0..frac_len)
                .map(|_| char::from(b'0' + (next() % 10) as u8))
                .collect();
            let sign = if next() % 2 == 0 { "-" } else { "" };
            let s = if frac_len == 0 {
                format!("{sign}{int}")
            } else {
                format!("{sign}{int}.{frac}")
            };
            let fast = plain_decimal(&s).expect("plain");
            let std = s.parse::<f64>().expect("parses");
            assert_eq!(fast.to_bits(), std.to_bits(), "{s}");
        }
        for other in [
            "",
            "-",
            ".5",
            "5.",
            "1e3",
            "1.2.3",
            "+1",
            "12,5",
            "1234567890123456",
        ] {
            assert_eq!(plain_decimal(other), None, "{other}");
        }
    }

    #[test]
    fn counts() {
        assert_eq!(parse_count("12"), Ok(Some(12)));
        assert_eq!(parse_count(" 0 "), Ok(Some(0)));
        assert_eq!(parse_count(""), Ok(None));
        assert_eq!(parse_count("3.0"), Ok(Some(3)));
        assert_eq!(parse_count("1e3"), Ok(Some(1000)));
        assert_eq!(parse_count("1,234"), Ok(Some(1234)));
        assert_eq!(parse_count("1.234"), Ok(Some(1234)));
        assert_eq!(parse_count("1\u{a0}234"), Ok(Some(1234)));
        assert_eq!(parse_count("12,5"), Err(CountError::Unreadable));
        assert_eq!(parse_count("-3"), Err(CountError::Negative));
        assert_eq!(parse_count("-0"), Ok(Some(0)), "zero with a sign");
        assert_eq!(parse_count("-0.0"), Ok(Some(0)));
        assert_eq!(parse_count("-0.5"), Err(CountError::Negative));
        for bad in [
            "10+",
            "~20",
            "approx. 20",
            "5-10",
            ">100",
            "dozens",
            "unknown",
            "#N/A",
            "#REF!",
            "-",
        ] {
            assert_eq!(parse_count(bad), Err(CountError::Unreadable), "{bad}");
        }
    }

    #[test]
    fn coordinates() {
        assert_eq!(parse_coordinate("-5.4785"), Some(-5.4785));
        assert_eq!(parse_coordinate("12,5"), Some(12.5));
        assert_eq!(parse_coordinate(""), None);
        assert_eq!(parse_coordinate("north"), None);
    }
}
