//! The incident store: one dataset's incidents held column by column, so a
//! million rows cost tens of megabytes and a filter pass touches only the
//! columns it needs. `IncidentDraft` is the one row-shaped value, produced by
//! the importers and appended here.

pub use super::codes::{GeoPrecision, HarmKind, TimePrecision};
use super::interner::Interner;
use super::perpetrator::PerpetratorType;
pub use super::str_column::StrColumn;
use std::borrow::Cow;

/// One incident as an importer produced it, before it is stored. Text
/// borrows from the source record where it can, so a row costs no
/// allocation on the way to the column store.
#[derive(Debug, Clone, Default)]
pub struct IncidentDraft<'a> {
    /// The source's event id (`event_id_cnty`, UCDP `id`), or empty.
    pub event_id: Cow<'a, str>,
    /// Days since 0001-01-01 (CE day 1), see `crate::model::dates`.
    pub date: i32,
    /// The last day of the event's date range (UCDP `date_end`), when the
    /// source gives one later than `date`.
    pub date_end: Option<i32>,
    pub time_precision: Option<TimePrecision>,
    pub geo_precision: Option<GeoPrecision>,
    pub perpetrator_type: Option<PerpetratorType>,
    /// The perpetrator actor's name as the source writes it.
    pub actor: Cow<'a, str>,
    /// The other side (victims, second actor).
    pub counterpart: Cow<'a, str>,
    pub country: Cow<'a, str>,
    /// Admin-1 name, trimmed and suffix-stripped (`clean_admin_name`).
    pub admin1: Cow<'a, str>,
    pub admin2: Cow<'a, str>,
    pub location: Cow<'a, str>,
    pub event_type: Cow<'a, str>,
    pub sub_event_type: Cow<'a, str>,
    pub harm_kind: Option<HarmKind>,
    pub civilian_harm: bool,
    /// Civilian fatalities as METHODOLOGY §3 defines them for this source;
    /// `None` when the source value could not be read.
    pub civilian_fatalities: Option<u32>,
    /// All fatalities the source gives for the event (best estimate).
    pub total_fatalities: Option<u32>,
    pub latitude: Option<f32>,
    pub longitude: Option<f32>,
    /// Violations, victims and verification, for a monitoring log.
    pub monitoring: Option<super::monitoring::MonitoringDraft>,
}

/// Where a stored row came from in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourcePosition {
    /// 1-based physical line where the record starts (for Excel: the sheet row).
    pub line: u64,
    /// 0-based byte offset of the record in the (decoded) text, or 0 for Excel.
    pub byte: u64,
}

/// The incidents of one dataset, column by column. Row `i` of every column is
/// incident `i`.
#[derive(Debug, Clone, Default)]
pub struct IncidentColumns {
    pub event_id: StrColumn,
    pub date: Vec<i32>,
    /// Days from `date` to the last day of the event's range (0: one day;
    /// capped at u16::MAX).
    pub date_extent: Vec<u16>,
    pub time_precision: Vec<u8>,
    pub geo_precision: Vec<u8>,
    pub perpetrator_type: Vec<u8>,
    pub actor: Vec<u32>,
    pub counterpart: Vec<u32>,
    pub country: Vec<u32>,
    pub admin1: Vec<u32>,
    pub admin2: Vec<u32>,
    pub location: Vec<u32>,
    pub event_type: Vec<u32>,
    pub sub_event_type: Vec<u32>,
    pub harm_kind: Vec<u8>,
    pub civilian_harm: Vec<bool>,
    pub civilian_fatalities: Vec<u32>,
    pub fatalities_unknown: Vec<bool>,
    pub total_fatalities: Vec<u32>,
    pub latitude: Vec<f32>,
    pub longitude: Vec<f32>,
    /// Lines past u32::MAX (over four billion lines, a file of over 4 GB)
    /// are kept as u32::MAX.
    pub line: Vec<u32>,
    pub byte: Vec<u64>,
    /// Violations, victims and verification (empty for conflict-event data).
    pub monitoring: super::monitoring::MonitoringColumns,
    /// Actors, admin names, countries, event types.
    pub names: Interner,
}

impl IncidentColumns {
    /// Number of incidents.
    pub fn len(&self) -> usize {
        self.date.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.date.is_empty()
    }

    /// Reserves room for `n` more incidents.
    pub fn reserve(&mut self, n: usize) {
        self.event_id.reserve(n, 10);
        self.date.reserve(n);
        self.date_extent.reserve(n);
        self.time_precision.reserve(n);
        self.geo_precision.reserve(n);
        self.perpetrator_type.reserve(n);
        self.actor.reserve(n);
        self.counterpart.reserve(n);
        self.country.reserve(n);
        self.admin1.reserve(n);
        self.admin2.reserve(n);
        self.location.reserve(n);
        self.event_type.reserve(n);
        self.sub_event_type.reserve(n);
        self.harm_kind.reserve(n);
        self.civilian_harm.reserve(n);
        self.civilian_fatalities.reserve(n);
        self.fatalities_unknown.reserve(n);
        self.total_fatalities.reserve(n);
        self.latitude.reserve(n);
        self.longitude.reserve(n);
        self.line.reserve(n);
        self.byte.reserve(n);
    }

    /// Appends one incident.
    pub fn push(&mut self, d: &IncidentDraft<'_>, pos: SourcePosition) {
        if let Some(m) = &d.monitoring {
            self.monitoring.push_at(self.len(), m);
        }
        self.event_id.push(&d.event_id);
        self.date.push(d.date);
        self.date_extent.push(d.date_end.map_or(0, |e| {
            u16::try_from(e.saturating_sub(d.date).max(0)).unwrap_or(u16::MAX)
        }));
        self.time_precision
            .push(d.time_precision.unwrap_or(TimePrecision::Unknown) as u8);
        self.geo_precision
            .push(d.geo_precision.unwrap_or(GeoPrecision::Unknown) as u8);
        self.perpetrator_type
            .push(d.perpetrator_type.unwrap_or(PerpetratorType::Other) as u8);
        self.actor.push(self.names.intern(&d.actor));
        self.counterpart.push(self.names.intern(&d.counterpart));
        self.country.push(self.names.intern(&d.country));
        self.admin1.push(self.names.intern(&d.admin1));
        self.admin2.push(self.names.intern(&d.admin2));
        self.location.push(self.names.intern(&d.location));
        self.event_type.push(self.names.intern(&d.event_type));
        self.sub_event_type
            .push(self.names.intern(&d.sub_event_type));
        self.harm_kind
            .push(d.harm_kind.unwrap_or(HarmKind::Violence) as u8);
        self.civilian_harm.push(d.civilian_harm);
        self.civilian_fatalities
            .push(d.civilian_fatalities.unwrap_or(0));
        self.fatalities_unknown
            .push(d.civilian_fatalities.is_none());
        self.total_fatalities.push(d.total_fatalities.unwrap_or(0));
        self.latitude.push(d.latitude.unwrap_or(f32::NAN));
        self.longitude.push(d.longitude.unwrap_or(f32::NAN));
        self.line.push(u32::try_from(pos.line).unwrap_or(u32::MAX));
        self.byte.push(pos.byte);
    }

    /// Appends all rows of `other`, translating its string ids.
    pub fn append(&mut self, other: &IncidentColumns) {
        self.append_with(other, &mut Vec::new());
    }

    /// `append`, with a remapping of `other`'s string ids kept between
    /// calls: a worker's fragment keeps its strings from block to block, so
    /// only the strings new since the last append are looked up here.
    pub fn append_with(&mut self, other: &IncidentColumns, name_map: &mut Vec<u32>) {
        self.names.absorb_new(&other.names, name_map);
        self.monitoring
            .append_at(self.len(), &other.monitoring, other.len());
        let name_map = &*name_map;
        let names = |v: &[u32]| {
            v.iter()
                .map(|&i| name_map.get(i as usize).copied().unwrap_or(0))
                .collect::<Vec<_>>()
        };
        self.event_id.append(&other.event_id);
        self.date.extend_from_slice(&other.date);
        self.date_extent.extend_from_slice(&other.date_extent);
        self.time_precision.extend_from_slice(&other.time_precision);
        self.geo_precision.extend_from_slice(&other.geo_precision);
        self.perpetrator_type
            .extend_from_slice(&other.perpetrator_type);
        self.actor.extend(names(&other.actor));
        self.counterpart.extend(names(&other.counterpart));
        self.country.extend(names(&other.country));
        self.admin1.extend(names(&other.admin1));
        self.admin2.extend(names(&other.admin2));
        self.location.extend(names(&other.location));
        self.event_type.extend(names(&other.event_type));
        self.sub_event_type.extend(names(&other.sub_event_type));
        self.harm_kind.extend_from_slice(&other.harm_kind);
        self.civilian_harm.extend_from_slice(&other.civilian_harm);
        self.civilian_fatalities
            .extend_from_slice(&other.civilian_fatalities);
        self.fatalities_unknown
            .extend_from_slice(&other.fatalities_unknown);
        self.total_fatalities
            .extend_from_slice(&other.total_fatalities);
        self.latitude.extend_from_slice(&other.latitude);
        self.longitude.extend_from_slice(&other.longitude);
        self.line.extend_from_slice(&other.line);
        self.byte.extend_from_slice(&other.byte);
    }

    /// The stored type of row `i` (before any analyst re-classification).
    pub fn perpetrator_type_at(&self, i: usize) -> PerpetratorType {
        PerpetratorType::from_index(self.perpetrator_type[i] as usize)
            .unwrap_or(PerpetratorType::Other)
    }

    /// Time precision of row `i`.
    pub fn time_precision_at(&self, i: usize) -> TimePrecision {
        TimePrecision::from_u8(self.time_precision[i])
    }

    /// Geo precision of row `i`.
    pub fn geo_precision_at(&self, i: usize) -> GeoPrecision {
        GeoPrecision::from_u8(self.geo_precision[i])
    }

    /// The last day of row `i`'s date range (its date when it has none).
    pub fn date_end_at(&self, i: usize) -> i32 {
        self.date[i] + i32::from(self.date_extent.get(i).copied().unwrap_or(0))
    }

    /// Harm kind of row `i`.
    pub fn harm_kind_at(&self, i: usize) -> HarmKind {
        HarmKind::from_u8(self.harm_kind[i])
    }

    /// Removes every row, keeping the buffers and the interned strings (a
    /// worker's fragment is emptied this way and used for the next block;
    /// a test checks that no column is left out).
    pub fn clear_rows(&mut self) {
        self.event_id.clear();
        self.date.clear();
        self.date_extent.clear();
        self.time_precision.clear();
        self.geo_precision.clear();
        self.perpetrator_type.clear();
        self.actor.clear();
        self.counterpart.clear();
        self.country.clear();
        self.admin1.clear();
        self.admin2.clear();
        self.location.clear();
        self.event_type.clear();
        self.sub_event_type.clear();
        self.harm_kind.clear();
        self.civilian_harm.clear();
        self.civilian_fatalities.clear();
        self.fatalities_unknown.clear();
        self.total_fatalities.clear();
        self.latitude.clear();
        self.longitude.clear();
        self.line.clear();
        self.byte.clear();
        self.monitoring.clear();
    }

    /// Keeps only the rows whose `keep` entry is true.
    pub fn retain(&mut self, keep: &[bool]) {
        fn filter<T: Copy>(v: &mut Vec<T>, keep: &[bool]) {
            let mut i = 0;
            v.retain(|_| {
                let k = keep.get(i).copied().unwrap_or(true);
                i += 1;
                k
            });
        }
        let mut ids = StrColumn::default();
        for (i, &k) in keep.iter().enumerate() {
            if k {
                ids.push(self.event_id.get(i));
            }
        }
        self.event_id = ids;
        filter(&mut self.date, keep);
        filter(&mut self.date_extent, keep);
        filter(&mut self.time_precision, keep);
        filter(&mut self.geo_precision, keep);
        filter(&mut self.perpetrator_type, keep);
        filter(&mut self.actor, keep);
        filter(&mut self.counterpart, keep);
        filter(&mut self.country, keep);
        filter(&mut self.admin1, keep);
        filter(&mut self.admin2, keep);
        filter(&mut self.location, keep);
        filter(&mut self.event_type, keep);
        filter(&mut self.sub_event_type, keep);
        filter(&mut self.harm_kind, keep);
        filter(&mut self.civilian_harm, keep);
        filter(&mut self.civilian_fatalities, keep);
        filter(&mut self.fatalities_unknown, keep);
        filter(&mut self.total_fatalities, keep);
        filter(&mut self.latitude, keep);
        filter(&mut self.longitude, keep);
        filter(&mut self.line, keep);
        filter(&mut self.byte, keep);
        self.monitoring.retain(keep);
    }

    /// Shrinks every column to its length.
    pub fn shrink_to_fit(&mut self) {
        self.event_id.shrink_to_fit();
        self.date.shrink_to_fit();
        self.date_extent.shrink_to_fit();
        self.time_precision.shrink_to_fit();
        self.geo_precision.shrink_to_fit();
        self.perpetrator_type.shrink_to_fit();
        self.actor.shrink_to_fit();
        self.counterpart.shrink_to_fit();
        self.country.shrink_to_fit();
        self.admin1.shrink_to_fit();
        self.admin2.shrink_to_fit();
        self.location.shrink_to_fit();
        self.event_type.shrink_to_fit();
        self.sub_event_type.shrink_to_fit();
        self.harm_kind.shrink_to_fit();
        self.civilian_harm.shrink_to_fit();
        self.civilian_fatalities.shrink_to_fit();
        self.fatalities_unknown.shrink_to_fit();
        self.total_fatalities.shrink_to_fit();
        self.latitude.shrink_to_fit();
        self.longitude.shrink_to_fit();
        self.line.shrink_to_fit();
        self.byte.shrink_to_fit();
        self.monitoring.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleared_columns_hold_no_row_of_any_column() {
        let draft = IncidentDraft {
            event_id: "SDN1".into(),
            date: 737_000,
            actor: "Militia A".into(),
            counterpart: "Civilians".into(),
            country: "Sudan".into(),
            admin1: "North Darfur".into(),
            admin2: "Kutum".into(),
            location: "Kutum".into(),
            event_type: "Violence against civilians".into(),
            sub_event_type: "Attack".into(),
            civilian_harm: true,
            civilian_fatalities: Some(3),
            total_fatalities: Some(4),
            latitude: Some(14.2),
            longitude: Some(24.6),
            ..Default::default()
        };
        let pos = SourcePosition { line: 2, byte: 10 };
        let mut fresh = IncidentColumns::default();
        fresh.push(&draft, pos);
        let mut reused = IncidentColumns::default();
        reused.push(&draft, pos);
        reused.push(&draft, pos);
        reused.clear_rows();
        reused.push(&draft, pos);
        // A column left out of `clear_rows` would still hold its old rows.
        assert_eq!(format!("{reused:?}"), format!("{fresh:?}"));
    }
}
