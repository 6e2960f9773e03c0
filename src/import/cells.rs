//! Reading one typed cell of a row, with the report entry each failure
//! deserves. Shared by every source format so that the same problem gets the
//! same code and wording everywhere.

use super::fields::{Fields, RowCtx, guillemets, quote};
use super::numbers::{CountError, parse_coordinate, parse_count};
use crate::bi;
use crate::i18n::Bi;
use crate::model::dates::{DateError, DateOrder, day_number, parse_date};
use crate::model::report::IssueCode;

/// The trimmed text of column `col` (`""` when absent or past a short row).
pub fn text(row: &dyn Fields, col: Option<usize>) -> &str {
    col.and_then(|c| row.field(c))
        .map_or("", crate::model::text::trim)
}

/// The day of import (UTC, read once per process).
fn today() -> chrono::NaiveDate {
    static TODAY: std::sync::OnceLock<chrono::NaiveDate> = std::sync::OnceLock::new();
    *TODAY.get_or_init(|| {
        chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()).date_naive()
    })
}

/// The last day a row may carry: the day of import and one day of
/// tolerance (a source a time zone ahead), METHODOLOGY §1.
fn latest_day() -> i32 {
    static LATEST: std::sync::OnceLock<i32> = std::sync::OnceLock::new();
    *LATEST.get_or_init(|| day_number(today()) + 1)
}

/// Reads the date in `col`; rejects the row (and returns `None`) when it is
/// missing, unreadable or in the future.
pub fn date(
    row: &dyn Fields,
    col: usize,
    order: Option<DateOrder>,
    ctx: &mut RowCtx,
) -> Option<i32> {
    let raw = row.field(col).unwrap_or("");
    match parse_date(raw, order) {
        Ok(d) if day_number(d) > latest_day() => {
            ctx.reject(
                Some(col),
                IssueCode::DateInFuture,
                Bi::new(
                    format!(
                        "{} is after the day of import ({}): a date in the future is a typo or a wrong column (METHODOLOGY §1)",
                        quote(raw),
                        today()
                    ),
                    format!(
                        "{} est postérieure au jour de l'importation ({}) : une date future est une faute de frappe ou une mauvaise colonne (MÉTHODOLOGIE §1)",
                        guillemets(raw),
                        today()
                    ),
                ),
            );
            None
        }
        Ok(d) => Some(day_number(d)),
        Err(e) => {
            let code = match e {
                DateError::Blank => IssueCode::DateBlank,
                DateError::Unreadable(_) | DateError::BadSerial(_) => IssueCode::DateUnreadable,
                DateError::Ambiguous(_) => IssueCode::DateAmbiguous,
                DateError::Invalid(_) => IssueCode::DateInvalid,
                DateError::YearOutOfRange(_) => IssueCode::DateOutOfRange,
                DateError::YearOnly(_) => IssueCode::DateYearOnly,
            };
            // A year-first date (`2020-02-31`) has no day/month order to blame.
            let year_first = |v: &str| v.trim().bytes().take(4).all(|b| b.is_ascii_digit());
            let message = match (&e, order) {
                (DateError::Invalid(v), _) if year_first(v) => e.bi(),
                (DateError::Invalid(v), Some(DateOrder::DayFirst)) => Bi::new(
                    format!(
                        "{} is not a date when read as DD/MM/YYYY, the order of this column",
                        quote(v)
                    ),
                    format!(
                        "{} n'est pas une date lue en JJ/MM/AAAA, l'ordre de cette colonne",
                        guillemets(v)
                    ),
                ),
                (DateError::Invalid(v), Some(DateOrder::MonthFirst)) => Bi::new(
                    format!(
                        "{} is not a date when read as MM/DD/YYYY, the order of this column",
                        quote(v)
                    ),
                    format!(
                        "{} n'est pas une date lue en MM/JJ/AAAA, l'ordre de cette colonne",
                        guillemets(v)
                    ),
                ),
                _ => e.bi(),
            };
            ctx.reject(Some(col), code, message);
            None
        }
    }
}

/// A month from a number (`3`, `03`, `3.0`) or a name in English or French,
/// full or abbreviated (`March`, `Mar`, `mars`, `févr.`).
pub fn parse_month(raw: &str) -> Option<u32> {
    let t = crate::model::text::trim(raw).trim_end_matches('.');
    if let Some(n) = parse_whole(t) {
        return (1..=12).contains(&n).then_some(n);
    }
    let k: String = crate::model::region::region_key(t);
    const NAMES: [&[&str]; 12] = [
        &["january", "jan", "janvier", "janv"],
        &["february", "feb", "fevrier", "fevr", "fev"],
        &["march", "mar", "mars"],
        &["april", "apr", "avril", "avr"],
        &["may", "mai"],
        &["june", "jun", "juin"],
        &["july", "jul", "juillet", "juil"],
        &["august", "aug", "aout"],
        &["september", "sep", "sept", "septembre"],
        &["october", "oct", "octobre"],
        &["november", "nov", "novembre"],
        &["december", "dec", "decembre"],
    ];
    NAMES
        .iter()
        .position(|names| names.contains(&k.as_str()))
        .map(|i| i as u32 + 1)
}

/// A whole number written as `12` or `12.0` (spreadsheets store numbers as
/// floats).
fn parse_whole(t: &str) -> Option<u32> {
    let t = t.strip_suffix(".0").unwrap_or(t);
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) || t.len() > 6 {
        return None;
    }
    t.parse().ok()
}

/// Reads a date from year, month and (optional) day columns; rejects the
/// row when the year or month is missing or unreadable, the day does not
/// exist in that month, or the date is in the future. A blank day dates
/// the row on the 1st at month precision, with a warning.
pub fn date_from_parts(
    row: &dyn Fields,
    (year_col, month_col, day_col): (usize, usize, Option<usize>),
    ctx: &mut RowCtx,
) -> Option<(i32, crate::model::TimePrecision)> {
    use crate::model::TimePrecision;
    let (y_raw, m_raw) = (text(row, Some(year_col)), text(row, Some(month_col)));
    let Some(year) = parse_whole(y_raw) else {
        let code = if y_raw.is_empty() {
            IssueCode::DateBlank
        } else {
            IssueCode::DateUnreadable
        };
        ctx.reject(
            Some(year_col),
            code,
            Bi::new(
                format!("year {} is not a year", quote(y_raw)),
                format!("l'année {} n'est pas une année", guillemets(y_raw)),
            ),
        );
        return None;
    };
    if !(1900..=2100).contains(&year) {
        ctx.reject(
            Some(year_col),
            IssueCode::DateOutOfRange,
            bi!(
                "year {year} is outside 1900–2100",
                "l'année {year} est hors de 1900–2100"
            ),
        );
        return None;
    }
    let Some(month) = parse_month(m_raw) else {
        let code = if m_raw.is_empty() {
            IssueCode::DateBlank
        } else {
            IssueCode::DateUnreadable
        };
        ctx.reject(
            Some(month_col),
            code,
            Bi::new(
                format!(
                    "month {} is not a month (1–12 or a month's name)",
                    quote(m_raw)
                ),
                format!(
                    "le mois {} n'est pas un mois (1–12 ou le nom d'un mois)",
                    guillemets(m_raw)
                ),
            ),
        );
        return None;
    };
    let d_raw = text(row, day_col);
    let (day, precision) = if day_col.is_none() {
        (1, TimePrecision::Month)
    } else if d_raw.is_empty() {
        ctx.warn(
            day_col,
            IssueCode::DateDayBlank,
            bi!(
                "the day is blank: dated {year}-{month:02}-01 at month precision",
                "le jour est vide : daté du {year}-{month:02}-01, précision au mois"
            ),
        );
        (1, TimePrecision::Month)
    } else if let Some(d) = parse_whole(d_raw) {
        (d, TimePrecision::Day)
    } else {
        ctx.reject(
            day_col,
            IssueCode::DateUnreadable,
            Bi::new(
                format!("day {} is not a day of the month", quote(d_raw)),
                format!("le jour {} n'est pas un jour du mois", guillemets(d_raw)),
            ),
        );
        return None;
    };
    let Some(date) = chrono::NaiveDate::from_ymd_opt(year as i32, month, day) else {
        ctx.reject(
            day_col.or(Some(month_col)),
            IssueCode::DateInvalid,
            bi!(
                "{year}-{month:02}-{day:02} does not exist",
                "le {year}-{month:02}-{day:02} n'existe pas"
            ),
        );
        return None;
    };
    if day_number(date) > latest_day() {
        ctx.reject(
            Some(year_col),
            IssueCode::DateInFuture,
            bi!(
                "{date} is after the day of import ({}): a date in the future is a typo or a wrong column (METHODOLOGY §1)",
                "{date} est postérieure au jour de l'importation ({}) : une date future est une faute de frappe ou une mauvaise colonne (MÉTHODOLOGIE §1)",
                today()
            ),
        );
        return None;
    }
    Some((day_number(date), precision))
}

/// Reads a fatality count. `None` (unknown) for blank or unreadable values,
/// with a warning; the row is kept.
pub fn count(row: &dyn Fields, col: Option<usize>, ctx: &mut RowCtx) -> Option<u32> {
    let c = col?;
    let raw = row.field(c).unwrap_or("");
    match parse_count(raw) {
        Ok(Some(n)) => {
            if n >= 100_000 {
                ctx.warn(
                    Some(c),
                    IssueCode::FatalitiesOutlier,
                    bi!(
                        "{n} fatalities in one event is unusually large; kept as written",
                        "{n} morts en un seul événement, c'est inhabituel ; conservé tel qu'écrit"
                    ),
                );
            }
            Some(n)
        }
        Ok(None) => {
            ctx.warn(
                Some(c),
                IssueCode::FatalitiesUnreadable,
                bi!(
                    "fatalities are blank (not reported); the event is kept and its fatalities flagged unknown",
                    "le nombre de morts est vide (non rapporté) ; l'événement est conservé, son nombre de morts marqué comme inconnu"
                ),
            );
            None
        }
        Err(CountError::Unreadable) => {
            ctx.warn(
                Some(c),
                IssueCode::FatalitiesUnreadable,
                Bi::new(
                    format!(
                        "{} is not a number; the event is kept and its fatalities flagged unknown",
                        quote(raw)
                    ),
                    format!(
                        "{} n'est pas un nombre ; l'événement est conservé, son nombre de morts marqué comme inconnu",
                        guillemets(raw)
                    ),
                ),
            );
            None
        }
        Err(CountError::Negative) => {
            ctx.warn(
                Some(c),
                IssueCode::FatalitiesNegative,
                Bi::new(
                    format!(
                        "{} is negative; the event is kept and its fatalities flagged unknown",
                        quote(raw)
                    ),
                    format!(
                        "{} est négatif ; l'événement est conservé, son nombre de morts marqué comme inconnu",
                        guillemets(raw)
                    ),
                ),
            );
            None
        }
    }
}

/// Reads a latitude/longitude pair; drops (with a warning) out-of-range
/// values and the 0,0 placeholder.
pub fn coordinates(
    row: &dyn Fields,
    lat_col: Option<usize>,
    lon_col: Option<usize>,
    ctx: &mut RowCtx,
) -> (Option<f32>, Option<f32>) {
    let (lat_raw, lon_raw) = (text(row, lat_col), text(row, lon_col));
    let lat = parse_coordinate(lat_raw);
    let lon = parse_coordinate(lon_raw);
    // A value that is there but not a number (NaN, inf, "12°N") loses the
    // point: said, not dropped silently.
    for (raw, v, col) in [(lat_raw, lat, lat_col), (lon_raw, lon, lon_col)] {
        if v.is_none() && !raw.is_empty() {
            ctx.warn(
                col,
                IssueCode::CoordinatesUnreadable,
                Bi::new(
                    format!(
                        "{} is not a coordinate; the event is kept without a point",
                        quote(raw)
                    ),
                    format!(
                        "{} n'est pas une coordonnée ; l'événement est conservé sans point",
                        guillemets(raw)
                    ),
                ),
            );
            return (None, None);
        }
    }
    match (lat, lon) {
        (Some(la), Some(lo)) => {
            if la == 0.0 && lo == 0.0 {
                ctx.warn(
                    lat_col,
                    IssueCode::CoordinatesZero,
                    bi!(
                        "coordinates are 0,0, a placeholder; the event is kept without a point",
                        "les coordonnées sont 0,0, une valeur de remplissage ; l'événement est conservé sans point"
                    ),
                );
                (None, None)
            } else if !(-90.0..=90.0).contains(&la) || !(-180.0..=180.0).contains(&lo) {
                ctx.warn(
                    lat_col,
                    IssueCode::CoordinatesOutOfRange,
                    bi!(
                        "latitude {la} / longitude {lo} is not on the globe; the event is kept without a point",
                        "latitude {la} / longitude {lo} n'est pas sur le globe ; l'événement est conservé sans point"
                    ),
                );
                (None, None)
            } else {
                (Some(la as f32), Some(lo as f32))
            }
        }
        _ => (None, None),
    }
}

/// Warns once when a row is shorter than the header, or has extra non-empty
/// fields. Extra empty fields (a trailing delimiter, as in UCDP's web export)
/// are ignored.
pub fn check_width(row: &dyn Fields, width: usize, ctx: &mut RowCtx) {
    let n = row.count();
    if n < width {
        ctx.warn(
            None,
            IssueCode::ShortRow,
            bi!(
                "row has {n} fields, the header {width}; the missing ones are read as blank",
                "la ligne a {n} champs, l'en-tête {width} ; les manquants sont lus vides"
            ),
        );
    } else if n > width && (width..n).any(|i| !text(row, Some(i)).is_empty()) {
        ctx.warn(
            None,
            IssueCode::LongRow,
            bi!(
                "row has {n} fields, the header {width}; the extra ones are ignored",
                "la ligne a {n} champs, l'en-tête {width} ; les champs en trop sont ignorés"
            ),
        );
    }
}
