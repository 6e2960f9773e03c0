//! The parser of every date form of METHODOLOGY §1: ISO, `DD Month YYYY`
//! in English or French, `DD/MM/YYYY`, `MM/DD/YYYY [HH:MM:SS]`, `D-Mon-YY`,
//! and Excel serials. A numeric date whose day/month order the caller has
//! not fixed, and that reads both ways, is `DateError::Ambiguous`.

use super::{DateError, DateOrder, ExcelEpoch};
use chrono::{Datelike, NaiveDate};

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("janv", 1),
    ("february", 2),
    ("feb", 2),
    ("fevrier", 2),
    ("fev", 2),
    ("fevr", 2),
    ("march", 3),
    ("mar", 3),
    ("mars", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("juil", 7),
    ("august", 8),
    ("aug", 8),
    ("aout", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("december", 12),
    ("dec", 12),
    ("decembre", 12),
];

fn month_from_name(token: &str) -> Option<u32> {
    let folded: String = token
        .chars()
        .map(|c| match c {
            'é' | 'è' | 'ê' | 'É' | 'È' => 'e',
            'û' | 'ù' | 'Û' => 'u',
            'à' | 'â' => 'a',
            c => c,
        })
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    MONTHS
        .iter()
        .find(|(name, _)| *name == folded)
        .map(|&(_, m)| m)
}

fn make_date(raw: &str, year: i32, month: u32, day: u32) -> Result<NaiveDate, DateError> {
    if !(1900..=2100).contains(&year) {
        return Err(DateError::YearOutOfRange(raw.to_string()));
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| DateError::Invalid(raw.to_string()))
}

fn expand_year(y: &str) -> Option<i32> {
    let n: i32 = y.parse().ok()?;
    match y.len() {
        4 => Some(n),
        2 => Some(if n < 70 { 2000 + n } else { 1900 + n }),
        _ => None,
    }
}

/// Strips a trailing time of day (`00:00:00`, `00:00:00.000`, `T12:00:00Z`,
/// ` 3:00 PM`).
fn strip_time(s: &str) -> &str {
    // Dates are short: a byte loop beats a searcher.
    let find = |c: u8| s.bytes().position(|b| b == c);
    if let Some(t) = find(b'T') {
        let (d, rest) = s.split_at(t);
        if rest.len() > 1 && rest[1..].starts_with(|c: char| c.is_ascii_digit()) && d.len() >= 8 {
            return d;
        }
    }
    if let Some(sp) = find(b' ') {
        let rest = s[sp..].trim();
        let looks_like_time = rest.contains(':')
            && rest.chars().all(|c| {
                c.is_ascii_digit()
                    || matches!(c, ':' | '.' | ' ' | 'A' | 'P' | 'M' | 'a' | 'p' | 'm' | 'Z')
            });
        if looks_like_time {
            return s[..sp].trim();
        }
    }
    s
}

/// The three numbers of a numeric date `A/B/YYYY` (or `-`, `.`) whose year
/// comes last, as `(a, b, year)`.
pub fn numeric_day_month(s: &str) -> Option<(u32, u32, i32)> {
    let s = strip_time(s.trim());
    let i = s.bytes().position(|b| matches!(b, b'/' | b'-' | b'.'))?;
    let sep = s.as_bytes()[i];
    let (a, rest) = (&s[..i], &s[i + 1..]);
    let j = rest.bytes().position(|b| b == sep)?;
    let (b, y) = (&rest[..j], &rest[j + 1..]);
    // `y` holding a third separator is not all digits: refused below.
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if a.len() > 2 || b.len() > 2 || !(digits(a) && digits(b) && digits(y)) {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?, expand_year(y)?))
}

/// Converts an Excel serial day number to a date.
pub fn excel_serial(serial: f64, epoch: ExcelEpoch) -> Result<NaiveDate, DateError> {
    let raw = format!("{serial}");
    if !serial.is_finite() || !(1.0..=2_958_465.0).contains(&serial) {
        return Err(DateError::BadSerial(raw));
    }
    let whole = serial.floor() as i64;
    let base = match epoch {
        ExcelEpoch::E1904 => NaiveDate::from_ymd_opt(1904, 1, 1),
        ExcelEpoch::E1900 if whole == 60 => return Err(DateError::BadSerial(raw)),
        ExcelEpoch::E1900 if whole < 60 => NaiveDate::from_ymd_opt(1899, 12, 31),
        ExcelEpoch::E1900 => NaiveDate::from_ymd_opt(1899, 12, 30),
    };
    let d = base
        .and_then(|b| b.checked_add_signed(chrono::Duration::days(whole)))
        .ok_or_else(|| DateError::BadSerial(raw.clone()))?;
    if !(1900..=2100).contains(&d.year()) {
        return Err(DateError::YearOutOfRange(raw));
    }
    Ok(d)
}

/// The smallest number read as an Excel serial date (1927-05-18).
pub const MIN_TEXT_SERIAL: f64 = 10_000.0;

/// Parses a date cell. `order` fixes how `A/B/YYYY` is read; without it such a
/// date is accepted only when one of A and B is above 12.
pub fn parse_date(raw: &str, order: Option<DateOrder>) -> Result<NaiveDate, DateError> {
    // Fast path, exactly what the general reading below gives: `YYYY-MM-DD`.
    if let &[y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = raw.as_bytes() {
        let digits = [y0, y1, y2, y3, m0, m1, d0, d1];
        if digits.iter().all(u8::is_ascii_digit) {
            let n = |b: &[u8]| b.iter().fold(0u32, |a, &c| a * 10 + u32::from(c - b'0'));
            return make_date(
                raw,
                n(&digits[..4]) as i32,
                n(&digits[4..6]),
                n(&digits[6..]),
            );
        }
    }
    let trimmed = raw.trim().trim_matches('\u{feff}');
    if trimmed.is_empty()
        || ["unknown", "n/a", "na", "-", "none", "null", "?"]
            .iter()
            .any(|b| trimmed.eq_ignore_ascii_case(b))
    {
        return Err(DateError::Blank);
    }
    // A range such as 2024-03-01/2024-03-05: the start counts.
    if let Some((a, b)) = trimmed.split_once('/')
        && a.len() >= 8
        && b.len() >= 8
        && a.as_bytes()[4] == b'-'
    {
        return parse_date(a, order);
    }
    let s = strip_time(trimmed);
    let bytes = s.as_bytes();
    // ISO-like: YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD.
    if bytes.len() >= 8
        && bytes[..4].iter().all(u8::is_ascii_digit)
        && matches!(bytes[4], b'-' | b'/' | b'.')
    {
        let sep = bytes[4] as char;
        let parts: Vec<&str> = s.split(sep).collect();
        if parts.len() == 3 {
            let (y, m, d) = (
                parts[0].parse::<i32>(),
                parts[1].parse::<u32>(),
                parts[2].parse::<u32>(),
            );
            if let (Ok(y), Ok(m), Ok(d)) = (y, m, d) {
                return make_date(raw.trim(), y, m, d);
            }
        }
        return Err(DateError::Unreadable(raw.trim().to_string()));
    }
    // Compact YYYYMMDD.
    if bytes.len() == 8 && bytes.iter().all(u8::is_ascii_digit) {
        let y: i32 = s[..4].parse().unwrap_or(0);
        if (1900..=2100).contains(&y) {
            let m: u32 = s[4..6].parse().unwrap_or(0);
            let d: u32 = s[6..].parse().unwrap_or(0);
            return make_date(trimmed, y, m, d);
        }
    }
    // Numeric A/B/YYYY.
    if let Some((a, b, y)) = numeric_day_month(s) {
        let (day, month) = match order {
            Some(DateOrder::DayFirst) => (a, b),
            Some(DateOrder::MonthFirst) => (b, a),
            None if a > 12 && b <= 12 => (a, b),
            None if b > 12 && a <= 12 => (b, a),
            None if a == b => (a, b),
            None if a <= 12 && b <= 12 => return Err(DateError::Ambiguous(trimmed.to_string())),
            None => return Err(DateError::Invalid(trimmed.to_string())),
        };
        return make_date(trimmed, y, month, day);
    }
    // A plain number: a year, or an Excel serial written as text. Serials
    // below 10000 (before 1927) are refused: in event data such a number is a
    // count or a total that landed in the date column, not a date.
    if let Ok(n) = s.parse::<f64>()
        && s.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
    {
        if (1800.0..=2200.0).contains(&n) && n.fract() == 0.0 && s.len() == 4 {
            return Err(DateError::YearOnly(trimmed.to_string()));
        }
        if n < MIN_TEXT_SERIAL {
            return Err(DateError::BadSerial(trimmed.to_string()));
        }
        return excel_serial(n, ExcelEpoch::E1900);
    }
    // Month names: 16 May 2025, 7-Feb-25, May 16, 2025, 1er janvier 2024.
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | ',' | '/' | '.'))
        .filter(|t| !t.is_empty())
        .collect();
    if tokens.len() == 3 {
        let month_at = tokens.iter().position(|t| month_from_name(t).is_some());
        if let Some(mi) = month_at {
            let month = month_from_name(tokens[mi]).unwrap_or(1);
            let others: Vec<&str> = tokens
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != mi)
                .map(|(_, t)| {
                    t.trim_end_matches("er")
                        .trim_end_matches(['s', 't', 'n', 'd', 'r', 'h'])
                })
                .collect();
            // Year is the 4-digit token, else the last token.
            let (day_s, year_s) = if others[0].len() == 4 {
                (others[1], others[0])
            } else {
                (others[0], others[1])
            };
            if let (Ok(day), Some(year)) = (day_s.parse::<u32>(), expand_year(year_s)) {
                return make_date(trimmed, year, month, day);
            }
        }
    }
    Err(DateError::Unreadable(trimmed.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn iso_and_times() {
        assert_eq!(parse_date("2020-07-31", None), Ok(d(2020, 7, 31)));
        assert_eq!(
            parse_date("2001-01-12 00:00:00.000", None),
            Ok(d(2001, 1, 12))
        );
        assert_eq!(parse_date("2001-01-12T10:00:00Z", None), Ok(d(2001, 1, 12)));
        assert_eq!(parse_date("2024-03-01/2024-03-05", None), Ok(d(2024, 3, 1)));
    }

    #[test]
    fn numeric_day_month_reads_three_numbers_year_last() {
        assert_eq!(numeric_day_month("01/12/2001"), Some((1, 12, 2001)));
        assert_eq!(numeric_day_month(" 5-7-2020 00:00:00"), Some((5, 7, 2020)));
        assert_eq!(numeric_day_month("13.02.1999"), Some((13, 2, 1999)));
        assert_eq!(numeric_day_month("2020-07-05"), None, "year first");
        assert_eq!(numeric_day_month("1/2/3/2020"), None, "four parts");
        assert_eq!(numeric_day_month("1/2-2020"), None, "mixed separators");
        assert_eq!(numeric_day_month("1//2020"), None, "empty part");
        assert_eq!(numeric_day_month("5 July 2020"), None);
    }

    #[test]
    fn numeric_orders() {
        assert_eq!(
            parse_date("01/12/2001 00:00:00", Some(DateOrder::MonthFirst)),
            Ok(d(2001, 1, 12))
        );
        assert_eq!(
            parse_date("01/12/2001", Some(DateOrder::DayFirst)),
            Ok(d(2001, 12, 1))
        );
        assert!(matches!(
            parse_date("01/12/2001", None),
            Err(DateError::Ambiguous(_))
        ));
        assert_eq!(parse_date("25/03/2020", None), Ok(d(2020, 3, 25)));
        assert_eq!(parse_date("03/25/2020", None), Ok(d(2020, 3, 25)));
        assert_eq!(
            parse_date("5/3/19", Some(DateOrder::DayFirst)),
            Ok(d(2019, 3, 5))
        );
        assert_eq!(parse_date("25-03-2020", None), Ok(d(2020, 3, 25)));
        assert!(matches!(
            parse_date("31/02/2020", Some(DateOrder::DayFirst)),
            Err(DateError::Invalid(_))
        ));
    }

    #[test]
    fn month_names() {
        assert_eq!(parse_date("16 May 2025", None), Ok(d(2025, 5, 16)));
        assert_eq!(parse_date("7-Feb-25", None), Ok(d(2025, 2, 7)));
        assert_eq!(parse_date("12 janvier 2024", None), Ok(d(2024, 1, 12)));
        assert_eq!(parse_date("1er février 2024", None), Ok(d(2024, 2, 1)));
        assert_eq!(parse_date("May 16, 2025", None), Ok(d(2025, 5, 16)));
        assert_eq!(parse_date("3rd March 2021", None), Ok(d(2021, 3, 3)));
    }

    #[test]
    fn serials() {
        assert_eq!(parse_date("45943", None), Ok(d(2025, 10, 13)));
        assert_eq!(excel_serial(1.0, ExcelEpoch::E1900), Ok(d(1900, 1, 1)));
        assert_eq!(excel_serial(61.0, ExcelEpoch::E1900), Ok(d(1900, 3, 1)));
        assert!(excel_serial(60.0, ExcelEpoch::E1900).is_err());
        assert!(excel_serial(0.5, ExcelEpoch::E1900).is_err());
        assert!(excel_serial(-3.0, ExcelEpoch::E1900).is_err());
        assert_eq!(
            excel_serial(0.0 + 1.0, ExcelEpoch::E1904),
            Ok(d(1904, 1, 2))
        );
        assert!(matches!(
            parse_date("2023", None),
            Err(DateError::YearOnly(_))
        ));
    }

    #[test]
    fn blanks_and_junk() {
        assert_eq!(parse_date("", None), Err(DateError::Blank));
        assert_eq!(parse_date("N/A", None), Err(DateError::Blank));
        assert!(matches!(
            parse_date("soon", None),
            Err(DateError::Unreadable(_))
        ));
        assert!(matches!(
            parse_date("9999-01-01", None),
            Err(DateError::YearOutOfRange(_))
        ));
    }
}
