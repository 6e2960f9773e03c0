//! The filter side panel (Ctrl+B shows or hides it): dates with presets,
//! perpetrator types, regions with search, event categories, precision and
//! region level. It edits a copy of the filter and sends it as a command;
//! the cached figures follow on the next frame.

use super::ViewCtx;
use super::commands::AppCommand;
use super::i18n::tr;
use super::labels::lbl;
use crate::analysis::{Filter, RegionLevel};
use crate::model::dates::from_day_number;
use crate::model::{GeoPrecision, PerpetratorType, TimePrecision};
use chrono::{Months, NaiveDate};
use std::collections::BTreeSet;

fn date_field(ui: &mut egui::Ui, label: &str, value: &mut Option<NaiveDate>, id: &str) {
    ui.horizontal(|ui| {
        ui.label(label);
        let key = egui::Id::unique(("date-text", id));
        let mut text = ui
            .data(|d| d.get_temp::<String>(key))
            .unwrap_or_else(|| value.map(|d| d.to_string()).unwrap_or_default());
        let r = ui.add(
            egui::TextEdit::singleline(&mut text)
                .desired_width(100.0)
                .hint_text(tr("filters.date_hint")),
        );
        if r.changed() {
            if text.trim().is_empty() {
                *value = None;
            } else if let Ok(d) = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d") {
                *value = Some(d);
            }
        }
        let valid =
            text.trim().is_empty() || NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").is_ok();
        if !valid {
            ui.colored_label(ui.visuals().error_fg_color, tr("filters.bad_date"));
        }
        if r.has_focus() {
            ui.data_mut(|d| d.insert_temp(key, text));
        } else {
            ui.data_mut(|d| d.remove::<String>(key));
        }
    });
}

/// Toggles `item` in an "all unless listed" set of `all`.
fn toggle<T: Ord + Clone>(set: &mut Option<BTreeSet<T>>, all: &[T], item: &T, on: bool) {
    let mut s = set.clone().unwrap_or_else(|| all.iter().cloned().collect());
    if on {
        s.insert(item.clone());
    } else {
        s.remove(item);
    }
    *set = if s.len() == all.len() { None } else { Some(s) };
}

/// Monitoring logs: verification and violation types (METHODOLOGY §7).
fn monitoring_ui(ui: &mut egui::Ui, f: &mut Filter) {
    use crate::model::monitoring::ViolationType;
    ui.strong(tr("filters.monitoring"));
    ui.checkbox(&mut f.verified_only, tr("filters.verified_only"))
        .on_hover_text(tr("filters.verified_only_tip"));
    egui::CollapsingHeader::new(tr("filters.violation_types"))
        .id_salt("violation-types")
        .default_open(f.violation_types.is_some())
        .show(ui, |ui| {
            let all = ViolationType::ALL.to_vec();
            for t in ViolationType::ALL {
                let mut on = f.violation_types.as_ref().is_none_or(|s| s.contains(&t));
                if ui.checkbox(&mut on, lbl(t)).changed() {
                    toggle(&mut f.violation_types, &all, &t, on);
                }
            }
        })
        .header_response
        .on_hover_text(tr("filters.violation_types_tip"));
}

/// The panel's own state: the region search and a focus request (Ctrl+F).
#[derive(Default)]
pub struct FiltersState {
    pub search: String,
    pub focus_search: bool,
}

/// Draws the panel. It edits a copy of the filter and asks for it with
/// `SetFilter` when something changed.
pub fn filters_ui(
    ui: &mut egui::Ui,
    ctx: &ViewCtx<'_>,
    state: &mut FiltersState,
    cmds: &mut Vec<AppCommand>,
) {
    // "Last 6 months" counts back from the assessment's as-of date, else
    // from the latest data.
    let latest = ctx
        .as_of
        .or_else(|| ctx.ws.latest_date().and_then(from_day_number));
    let mut f = ctx.filter.clone();
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading(tr("filters.title"));
            if ui
                .small_button("◀")
                .on_hover_text(tr("filters.hide"))
                .clicked()
            {
                cmds.push(AppCommand::ToggleFilters);
            }
        });
        ui.separator();
        dates_ui(ui, &mut f, latest);
        ui.separator();
        ui.strong(tr("filters.perpetrators"));
        let all_types = PerpetratorType::ALL.to_vec();
        for t in PerpetratorType::ALL {
            let mut on = f.perpetrators.as_ref().is_none_or(|s| s.contains(&t));
            if ui.checkbox(&mut on, lbl(t)).changed() {
                toggle(&mut f.perpetrators, &all_types, &t, on);
            }
        }
        ui.separator();
        regions_ui(ui, ctx, &mut f, state);
        let event_types: Vec<String> = ctx.ws.event_types().iter().cloned().collect();
        if !event_types.is_empty() {
            ui.separator();
            ui.strong(tr("filters.event_types"));
            for e in &event_types {
                let mut on = f.event_types.as_ref().is_none_or(|s| s.contains(e));
                let label = crate::import::ucdp::event_type_label(e, super::i18n::language());
                if ui.checkbox(&mut on, label).changed() {
                    toggle(&mut f.event_types, &event_types, e, on);
                }
            }
        }
        if ctx
            .ws
            .datasets
            .iter()
            .any(|d| !d.incidents.monitoring.is_empty())
        {
            ui.separator();
            monitoring_ui(ui, &mut f);
        }
        ui.separator();
        precision_ui(ui, &mut f);
    });
    if f != *ctx.filter {
        cmds.push(AppCommand::SetFilter(f));
    }
}

fn dates_ui(ui: &mut egui::Ui, f: &mut Filter, latest: Option<NaiveDate>) {
    ui.strong(tr("filters.dates"));
    date_field(ui, tr("filters.from"), &mut f.from, "from");
    date_field(ui, tr("filters.to"), &mut f.to, "to");
    ui.horizontal_wrapped(|ui| {
        if ui.button(tr("filters.all_dates")).clicked() {
            f.from = None;
            f.to = None;
        }
        if let Some(end) = latest {
            for (key, months) in [("filters.last6", 6), ("filters.last12", 12)] {
                if ui
                    .button(tr(key))
                    .on_hover_text(format!(
                        "{} – {end}",
                        end.checked_sub_months(Months::new(months)).unwrap_or(end)
                    ))
                    .clicked()
                {
                    f.from = end
                        .checked_sub_months(Months::new(months))
                        .and_then(|d| d.succ_opt());
                    f.to = Some(end);
                }
            }
        }
        if ui.button(tr("filters.since")).clicked() {
            f.to = None;
        }
    });
}

fn regions_ui(ui: &mut egui::Ui, ctx: &ViewCtx<'_>, f: &mut Filter, state: &mut FiltersState) {
    ui.strong(tr("filters.level"));
    ui.horizontal(|ui| {
        let before = f.level;
        ui.radio_value(&mut f.level, RegionLevel::Admin1, tr("filters.admin1"));
        ui.radio_value(&mut f.level, RegionLevel::Admin2, tr("filters.admin2"));
        if f.level != before {
            f.regions = None;
        }
    });
    // Borrowed, not cloned: at admin 2 the list runs to thousands of names.
    let regions: &[String] = &ctx.ws.regions(f.level).names;
    ui.strong(tr("filters.regions"));
    let search =
        ui.add(egui::TextEdit::singleline(&mut state.search).hint_text(tr("filters.search")));
    super::focus::mark(ui, super::focus::Anchor::Filters, &search);
    if std::mem::take(&mut state.focus_search) {
        search.request_focus();
    }
    ui.horizontal(|ui| {
        if ui.small_button(tr("filters.all")).clicked() {
            f.regions = None;
        }
        if ui.small_button(tr("filters.none")).clicked() {
            f.regions = Some(BTreeSet::new());
        }
    });
    let needle = state.search.to_lowercase();
    let shown: Vec<&String> = regions
        .iter()
        .filter(|r| needle.is_empty() || r.to_lowercase().contains(&needle))
        .collect();
    let row_h = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    // Only the visible boxes are laid out: admin-2 lists run to thousands.
    egui::ScrollArea::vertical()
        .id_salt("regions")
        .max_height(260.0)
        .show_rows(ui, row_h, shown.len(), |ui, range| {
            for r in &shown[range] {
                let mut on = f.regions.as_ref().is_none_or(|s| s.contains(*r));
                if ui.checkbox(&mut on, r.as_str()).changed() {
                    toggle(&mut f.regions, regions, r, on);
                }
            }
        });
}

fn precision_ui(ui: &mut egui::Ui, f: &mut Filter) {
    ui.strong(tr("filters.precision"));
    egui::ComboBox::from_label(tr("filters.time_precision"))
        .selected_text(f.min_time_precision.map_or(tr("filters.any"), lbl))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut f.min_time_precision, None, tr("filters.any"));
            for p in [
                TimePrecision::Day,
                TimePrecision::Week,
                TimePrecision::Month,
                TimePrecision::Year,
            ] {
                ui.selectable_value(&mut f.min_time_precision, Some(p), lbl(p));
            }
        });
    egui::ComboBox::from_label(tr("filters.geo_precision"))
        .selected_text(f.min_geo_precision.map_or(tr("filters.any"), lbl))
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut f.min_geo_precision, None, tr("filters.any"));
            for p in [
                GeoPrecision::Point,
                GeoPrecision::Near,
                GeoPrecision::Admin2,
                GeoPrecision::Admin1,
                GeoPrecision::Country,
            ] {
                ui.selectable_value(&mut f.min_geo_precision, Some(p), lbl(p));
            }
        });
}
