//! Reading one typed cell of a row, with the report entry each failure
//! deserves. Shared by every source format so that the same problem gets the
//! same code and wording everywhere.

use super::fields::{Fields, RowCtx, quote};
use super::numbers::{CountError, parse_coordinate, parse_count};
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
                format!(
                    "'{}' is after the day of import ({}): a date in the future is a typo or a wrong column (METHODOLOGY §1)",
                    raw.trim(),
                    today()
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
            let message = match (&e, order) {
                (DateError::Invalid(v), Some(DateOrder::DayFirst)) => {
                    format!("'{v}' is not a date when read as DD/MM/YYYY, the order of this column")
                }
                (DateError::Invalid(v), Some(DateOrder::MonthFirst)) => {
                    format!("'{v}' is not a date when read as MM/DD/YYYY, the order of this column")
                }
                _ => e.to_string(),
            };
            ctx.reject(Some(col), code, message);
            None
        }
    }
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
                    format!("{n} fatalities in one event is unusually large; kept as written"),
                );
            }
            Some(n)
        }
        Ok(None) => {
            ctx.warn(
                Some(c),
                IssueCode::FatalitiesUnreadable,
                "fatalities are blank (not reported); the event is kept and its fatalities flagged unknown",
            );
            None
        }
        Err(CountError::Unreadable) => {
            ctx.warn(
                Some(c),
                IssueCode::FatalitiesUnreadable,
                format!(
                    "{} is not a number; the event is kept and its fatalities flagged unknown",
                    quote(raw)
                ),
            );
            None
        }
        Err(CountError::Negative) => {
            ctx.warn(
                Some(c),
                IssueCode::FatalitiesNegative,
                format!(
                    "{} is negative; the event is kept and its fatalities flagged unknown",
                    quote(raw)
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
    let lat = parse_coordinate(text(row, lat_col));
    let lon = parse_coordinate(text(row, lon_col));
    match (lat, lon) {
        (Some(la), Some(lo)) => {
            if la == 0.0 && lo == 0.0 {
                ctx.warn(
                    lat_col,
                    IssueCode::CoordinatesZero,
                    "coordinates are 0,0, a placeholder; the event is kept without a point",
                );
                (None, None)
            } else if !(-90.0..=90.0).contains(&la) || !(-180.0..=180.0).contains(&lo) {
                ctx.warn(
                    lat_col,
                    IssueCode::CoordinatesOutOfRange,
                    format!("latitude {la} / longitude {lo} is not on the globe; the event is kept without a point"),
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
            format!("row has {n} fields, the header {width}; the missing ones are read as blank"),
        );
    } else if n > width && (width..n).any(|i| !text(row, Some(i)).is_empty()) {
        ctx.warn(
            None,
            IssueCode::LongRow,
            format!("row has {n} fields, the header {width}; the extra ones are ignored"),
        );
    }
}
