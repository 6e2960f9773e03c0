# The window's English strings (Fluent). Keys are the code's keys with
# '.' written '-'. Placeables: { $name }. Plurals: { $n -> [one] … *[other] … }.

app-title = POC Transition Workbench
menu-file = File
menu-open = Open…
menu-recent = Open recent
menu-no_recent = No recent files
menu-open_sample = Open the Darfur sample
menu-close_all = Close all datasets
menu-quit = Quit
menu-export = Export annex…
export-title = Export the residual-threat annex
export-format = Format
export-language = Language
export-level = Sharing level
export-k_help = Above internal, counts from 1 to k−1 are shown as <k (k is at least 3), and other counts as x until no <k count can be narrowed down from the rest of the annex (METHODOLOGY §6).
export-country = Country
export-all_countries = All countries
export-country_help = The data span several countries: the annex counts the regions of one (the assessment's country by default). Above internal the disclosure audit takes at most 600 region × perpetrator-type cells, so a global file is shared one country at a time.
export-left_out_help = Left out at this sharing level (the annex's method section says so). An assessment can choose its own content per level.
register-cleared = Cleared for
register-cleared_help = Free text stays in internal exports unless you clear it for a wider level; cleared text is still refused if it names an actor from sexual-violence or abduction records (METHODOLOGY §6).
register-internal_only = internal only
export-sections = Sections
export-recipients = Recipients
export-recipients_hint = e.g. UNCT Sudan, OHCHR (recorded with the export)
export-path = Write to
export-choose = Choose…
export-write = Export
export-no_path = Type or choose where to write the annex.
export-no_data = Nothing to export: open a dataset or an assessment first.
export-small_help = A count between 1 and k−1, withheld at this sharing level.
export-hidden_help = Withheld so that a small count cannot be worked out from the row or column totals.
menu-edit = Edit
menu-undo = Undo
menu-redo = Redo
menu-nothing_to_undo = Nothing to undo (datasets are read-only; every change to the assessment can be undone)
menu-nothing_to_redo = Nothing to redo
menu-copy_report = Copy import reports
menu-reset_filters = Reset filters
menu-view = View
menu-workshop = Workshop scale (F11)
menu-language = Language
menu-dark = Dark theme
menu-help = Help
menu-about = About and methodology
view-matrix = Threat matrix
view-incidents = Incidents
view-charts = Charts
view-map = Map
view-report = Import report
filters-title = Filters
filters-dates = Date range
filters-from = From
filters-to = To
filters-all_dates = All dates
filters-last6 = Last 6 months
filters-last12 = Last 12 months
filters-since = Since 'From'
filters-date_hint = YYYY-MM-DD, blank for open
filters-bad_date = not a date (YYYY-MM-DD)
filters-perpetrators = Perpetrator types
filters-regions = Regions
filters-search = Search regions (Ctrl+F)
filters-all = All
filters-none = None
filters-event_types = Event categories
filters-precision = Precision
filters-time_precision = Dated at least to
filters-geo_precision = Placed at least to
filters-any = any
filters-level = Region level
filters-admin1 = Admin 1
filters-admin2 = Admin 2
matrix-metric = Show
matrix-events = Civilian-harm events
matrix-fatalities = Civilian fatalities
matrix-share = State-perpetrated share
matrix-region = Region
matrix-total = Total
matrix-trend = Trend
matrix-empty = No civilian-harm events match the filters.
matrix-legend = Darker = more. Arrows: ↑ rising, ↓ falling, → stable, ★ new (last 6 months against the 6 before), ∅ no data (a window the data do not cover).
matrix-total_events = Total civilian-harm events
matrix-total_fatalities = Total civilian fatalities
matrix-click_hint = Click a cell to list its incidents.
incidents-showing = Showing
incidents-all = Show all filtered incidents
incidents-date = Date
incidents-type = Perpetrator type
incidents-actor = Actor
incidents-region = Region
incidents-event = Event type
incidents-fatalities = Civ. fatalities
incidents-source = Source
incidents-detail = Incident detail
incidents-select = Select an incident to see every field of its source record.
incidents-source_fields = Source record
charts-monthly = Civilian-harm events per month, by perpetrator type
charts-fatalities = Civilian fatalities per month
charts-regions = Regions with the most civilian-harm events
charts-reset = Reset view
map-no_boundaries = No bundled boundaries cover these countries; incidents are drawn on a blank background.
map-hint = Drag to pan, scroll to zoom, click a region to filter to it. Dots: incidents, coloured by perpetrator type, sized by civilian fatalities.
map-bases_as = Bases as in
map-at = at
map-as_of = the as-of date ({ $date })
map-reset = Reset map
report-counts = { $rows } rows read · { $kept } { $kept ->
    [one] incident kept
   *[other] incidents kept
} · { $rejected } rejected
report-copy = Copy report
report-remove = Close dataset
report-issues = Warnings and rejections
report-repeats = events repeat another file's and are counted once, from the file whose data reach the latest date
report-repeats_differ = of them differ from the copy counted (date, civilian fatalities, perpetrator type or admin 1): the other file's copy is counted
load-loading = Loading { $file }
load-opening = Opening { $file } and its datasets…
load-cancel = Cancel
load-cancelled = Loading was cancelled; nothing changed.
welcome-title = No data loaded
welcome-body = Open an ACLED, UCDP GED, HXL-tagged or other table (File › Open…, drag and drop, or a path on the command line), or start from the bundled Darfur sample.
mapping-title = Column mapping
mapping-why = This file is not ACLED, UCDP or HXL-tagged. Tell the workbench which column holds what.
mapping-sheet = Sheet
mapping-sheet_all = The data sheet, with every visible sheet that has its columns
mapping-sheet_hidden = { $sheet } (hidden)
mapping-sheet_tip = A workbook with one sheet per year is read as one table when its sheets have the same columns. Choose one sheet to read only that one; the import report says which sheets were read.
mapping-field = Field
mapping-column = Column
mapping-none = (none)
mapping-date = Date (required)
mapping-date_order = Numeric dates are
mapping-auto = decided from the data
mapping-day_first = DD/MM/YYYY
mapping-month_first = MM/DD/YYYY
mapping-admin1 = Admin 1 region
mapping-admin2 = Admin 2 region
mapping-country = Country
mapping-perpetrator = Perpetrator type or category
mapping-actor = Perpetrator name
mapping-fatalities = Civilian fatalities
mapping-latitude = Latitude
mapping-longitude = Longitude
mapping-event_type = Event type
mapping-event_id = Event id
mapping-date_end = Last day of a date range (optional)
mapping-values = Perpetrator values
mapping-preview = First rows
mapping-check = Check
mapping-import = Import with this mapping
mapping-save = Save as profile
mapping-saved = Profile saved
mapping-profile = Use a saved profile
mapping-cancel = Cancel
mapping-profile_name = Profile name
mapping-date_one_column = Date in one column
mapping-date_parts = Date in year, month and day columns
mapping-year = Year (required)
mapping-month = Month (required; 1–12 or a month's name)
mapping-day = Day (a blank day dates the row on the 1st)
mapping-values_counted = Perpetrator values: { $n } in { $rows } rows (every row of the file)
mapping-value_rows = { $value } ({ $n ->
    [one] 1 row
   *[other] { $n } rows
    })
mapping-reading_rows = Reading every row of the file for the value lists and the check…
mapping-rows_truncated = The file is larger than 64 MB: the value lists and the check cover its first 64 MB; the import reads it all and lists any value not mapped.
mapping-bundled = bundled
mapping-other_profiles = { $n ->
    [one] 1 other profile names
   *[other] { $n } other profiles name
    } columns this file does not have
load-already_open = { $file } is already open: it is not read twice.
mapping-reapply = Re-apply this mapping
mapping-read_failed = The file could not be read to the end.
mapping-change = Change mapping…
mapping-change_reason = Change how this dataset is read: the new mapping is applied to every row, and the figures follow. Undo (Ctrl+Z) goes back to the old mapping.
about-title = About the POC Transition Workbench
about-version = Version
about-method = Methodology (summary)
about-method_text = Civilian-harm events and civilian fatalities are counted by perpetrator type × region. ACLED: events with civilian_targeting (or violence against civilians / a Civilians actor in older files), fatalities as given (ACLED does not split civilian deaths). UCDP: one-sided violence by side_a, and state-based or non-state events with civilian deaths as 'not attributable'. Trends compare the last 6 months to the 6 before; suggested likelihood and impact come from monthly rates; risk = likelihood × impact. Suggestions are never final: the analyst's rating is.
about-data = Data and attributions
about-files = Where files are stored
about-prefs = Preferences (recent files, theme, scale)
about-profiles = Column-mapping profiles
status-line = Ready · { $datasets ->
    [one] 1 dataset
   *[other] { $datasets } datasets
    }, { $incidents ->
    [one] 1 incident
   *[other] { $incidents } incidents
    } · recomputed in { $recompute } ms · frame { $frame } ms
view-register = Threat register
view-followup = Footprint, benchmarks, back-test
register-none = No assessment is open. Start one on the loaded data, or open a .ron file.
register-new = New assessment
register-unsaved = (unsaved changes)
register-mission = Mission
register-as_of = as of
register-not_saved = not saved yet
register-save = Save (Ctrl+S)
register-hint = Analyst ratings: click 1–5 (* marks the data's suggestion; click again to go back to it). Right-click a matrix cell to add it to the register.
register-threat = Threat
register-suggested = Suggested L×I=R
register-likelihood = Likelihood
register-impact = Impact
register-risk = Risk
register-residual = Residual
register-residual_of = Residual threat (entry { $id })
register-residual_hint = Expected to persist after the mission leaves
register-successors = Successors
register-flags = Flags
register-remove = Remove
register-rationale = Rationale
register-datasets = Datasets
register-read_outside = Read the files outside the assessment's folder
register-read_outside_help = The assessment names these files outside its own folder. They were not read: an assessment from someone else can name any file on this computer. Read them only if you expected them.
register-relink = Relink…
followup-import = Import bases from CSV…
followup-add_base = Add base
followup-add_benchmark = Add benchmark
followup-name = Name
followup-lat = Latitude
followup-lon = Longitude
followup-radius = Radius (km)
followup-window = Window (months)
followup-threshold = Threshold
followup-core = Core (the mission can influence it)
followup-frequency = Measured
followup-frequency_unset = not set
followup-frequency_monthly = monthly
followup-frequency_quarterly = quarterly
followup-frequency_six_monthly = every six months
followup-frequency_yearly = yearly
followup-monitor = Monitored by
followup-all = all
load-open_backup = Open the backup
register-rationale_missing = rationale required: ratings differ from the suggestion
register-flags_panel = Flags
register-no_flags = No flags raised.
register-add_cell = Add to threat register
register-added = Added to the threat register
followup-bases = Mission footprint
followup-bases_hint = Civilian-harm events (all perpetrators) within each base's radius in the 12 months before and after its closure.
followup-base = Base
followup-closed = Closes
followup-before = 12 months before
followup-after = 12 months after
followup-benchmarks = Benchmarks
followup-monthly = per month
followup-backtest = Back-test
followup-backtest_hint = What the data shows in the 6, 12 and 24 months after the as-of date, against the likelihood the register gave. 'right' = within one step at 12 months.
followup-predicted = Predicted
followup-m6 = +6 months
followup-m12 = +12 months
followup-m24 = +24 months
followup-verdict = Verdict
menu-save = Save
menu-save_as = Save as…
menu-open_example = Open the Darfur worked example
quit-title = Unsaved changes
quit-body = The assessment has changes that are not saved.
quit-save = Save and quit
quit-discard = Quit without saving
common-cancel = Cancel
recovery-found = unsaved work from an earlier session was found in the recovery journal.
recovery-recover = Recover it
recovery-discard = Discard it
common-close = Close
common-error = Error
common-dismiss = Dismiss

# Added with the window's command path (session 6).
title-copy_of = { $file } (copy of the worked example, not saved)
title-untitled = Untitled assessment
recovery-done = Recovered from the journal: the document is now as it was before the crash. Save to keep it.
bases-imported = { $n ->
    [one] 1 base imported
   *[other] { $n } bases imported
    } from { $file } (one undo step).
save-saved = Saved { $file }
export-recorded = Recorded in the assessment: save the assessment to keep the record.
export-exists = { $file } exists and was not written by this assessment's exports. Replace it?
export-replace = Replace
menu-filters = Filter panel
view-help = Guide
welcome-guide = Read the guide
browser-title_open = Open a file
browser-title_save = Save as
browser-up = Up
browser-name = File name
browser-choose = Choose
browser-folder = Folder
browser-no_service = The desktop's file dialog is not available here; this is the workbench's own file browser.
browser-unreadable = This folder cannot be read: { $reason }
browser-entries = { $n ->
    [one] 1 entry
   *[other] { $n } entries
    }
matrix-all_types = All perpetrator types
matrix-all_regions = all regions
matrix-sort_help = Sort by this column
matrix-how = { $who } × { $place }
    { $events } civilian-harm events, { $fatalities } civilian fatalities ({ $unknown } events with unknown fatalities, counted as 0).
    Counted per METHODOLOGY §3: ACLED events with civilian targeting; UCDP one-sided violence, and other events with civilian deaths as 'not attributable'.
    Trend (§4): { $recent } events in { $recent_from } – { $recent_to } against { $previous } in { $previous_from } – { $previous_to }: { $trend }.
matrix-how_suggested = Suggested (§4): likelihood { $likelihood } × impact { $impact } = risk { $risk } ({ $band }).
matrix-no_data_recent = No data for the recent window (METHODOLOGY §4): the data here run { $from } – { $to } ({ $sources }), so they do not cover { $window_from } – { $window_to } (a window is covered when the data start by its first day and end no more than 31 days before its last). No likelihood or impact is suggested: rate this threat from other sources.
matrix-no_data_previous = No data for the previous window (METHODOLOGY §4): the data here run { $from } – { $to } ({ $sources }), so they do not cover { $window_from } – { $window_to }. The trend cannot be read; the suggestion from the recent window stands.
matrix-no_data_total = Some regions in this total are not covered by the data for a trend window (METHODOLOGY §4): see their cells.
matrix-no_coverage = no dataset
matrix-no_data_banner = ∅ { $n ->
    [one] 1 region has
   *[other] { $n } regions have
    } no data for a trend window: the data there stop early or start late (METHODOLOGY §4). Hover here or a ∅ cell for the dates and the datasets.
matrix-share_help = State security forces: { $state } of { $attributed } attributed civilian-harm events ({ $state_fatalities } of { $attributed_fatalities } civilian fatalities). METHODOLOGY §5; 'attributed' leaves out unidentified actors and crossfire.
incidents-heading = Showing { $n ->
    [one] 1 civilian-harm incident
   *[other] { $n } civilian-harm incidents
    }: { $what }
report-issue_rejected = line { $line } (record { $record }): rejected: { $message }
report-issue_rejected_col = line { $line } (record { $record }, column '{ $column }'): rejected: { $message }
report-issue_warning = line { $line } (record { $record }): warning: { $message }
report-issue_warning_col = line { $line } (record { $record }, column '{ $column }'): warning: { $message }
map-region_counts = { $name }: { $events ->
    [one] 1 civilian-harm event
   *[other] { $events } civilian-harm events
    }, { $fatalities ->
    [one] 1 civilian fatality
   *[other] { $fatalities } civilian fatalities
    }
map-region_none = { $name }: no civilian-harm events in the filter
filters-hide = Hide the filter panel (Ctrl+B)
register-number = #
register-actions = {""}
register-no_data_help = No suggestion: the data do not cover this threat's recent window in one or more of its regions (METHODOLOGY §4). Rate it from other sources and write why.
register-suggested_help = METHODOLOGY §4 at { $as_of }: { $recent } civilian-harm events and { $fatalities } civilian fatalities in the last 6 months ({ $previous } in the 6 before).
register-successor_of = Tier { $tier } successor for entry { $id }
register-score_for = { $what } { $v } for entry { $id }
register-score_help = { $what } { $v } (* = the data's suggestion)
flag-no_successor = a residual High or Very high threat has a tier with nobody to take over (METHODOLOGY §5)
flag-successor_is_perpetrator = host-state security forces are named successor for a threat they perpetrate
flag-security_cliff = civilian harm within a closed base's radius rose in the 12 months after closure
flag-monitoring_gap = every base in a region with recent civilian harm closes
followup-not_yet_observed = not yet observed
followup-monitored_by = { $status } · monitored by { $monitor }
followup-bench_metric = Benchmark metric
followup-bench_type = Benchmark perpetrator type
followup-bench_region = Benchmark region
followup-at_most = at most
followup-at_least = at least
followup-window_counts = { $events } ev · { $fatalities } fat · L{ $likelihood }
followup-window_counts_partial = { $events } ev · { $fatalities } fat · L{ $likelihood } (partial)
export-k = k
export-nothing = Nothing to export.
export-written = Annex written to { $file } ({ $format }, { $level }).
export-table_caption = Table { $n }: { $caption }
export-figure = [Figure: { $caption }] { $alt }
about-no_storage = (no storage folder on this system)
edit-undo_failed = Could not undo: { $reason }; the document is unchanged and the step is kept.
edit-redo_failed = Could not redo: { $reason }; the document is unchanged and the step is kept.
edit-failed = The change was not made: { $reason }
recovery-not_deleted = { $file }: could not delete: { $reason }
recovery-not_written = { $file }: the recovery journal could not be written ({ $reason }); save often until this is fixed.
register-not_added = The entry was not added: { $reason }
register-not_relinked = Not relinked: { $reason }
register-new_title = New assessment
bases-rows_rejected = { $n ->
    [one] 1 row of { $file } could not be read and was not added:
   *[other] { $n } rows of { $file } could not be read and were not added:
    }
bases-none_added = No base was added: { $reason }
dialog-tables = Tables and assessments
dialog-all_files = All files
dialog-assessment = Assessment
dialog-ratings = Rating sheets and assessments
dialog-relink = Relink dataset
load-dataset_state = dataset { $file } is { $state }: { $reason }
load-not_added = { $file }: not added to the assessment: { $reason }
load-importer_bug = the importer failed unexpectedly (a bug); the file was not loaded
load-open_bug = { $file }: opening failed unexpectedly (a bug); nothing was changed
save-no_file = No file was chosen.
save-failed = { $file }: could not save: { $reason }; the previous file is unchanged.
save-failed_full = { $file }: could not save: { $reason }; the previous file is unchanged. The disk is full: free some space, or save to another drive.
save-journal_left = { $file }: saved, but the old recovery journal { $journal } could not be removed: { $reason }
replace-body = The open assessment has changes that are not saved. Going on replaces it and the changes are lost (cancel, then save, to keep them).
replace-discard = Discard the changes and go on
recovery-other_document = The recovery journal of { $file } belongs to another document than the one open; nothing was recovered.
save-over_dataset = { $file } is a dataset of this session: an assessment is never saved over it.
save-no_document = No assessment is open: start one with File › New assessment, or open one.
load-superseded = { $file } finished opening after another assessment was asked for; it was not opened.
browser-exists = { $file } exists. Replace it with this assessment?

# The core's names as the window shows them (src/app/labels.rs); perpetrator types, flags, trends, bands, levels, sections, tiers, violation types and successors are named by the core (src/i18n.rs users).
format-docx = Word (.docx)
format-html = Web page (.html)
format-md = Markdown (.md)
format-xlsx = Excel (.xlsx)
format-csv = CSV folder (one file per table)
time_precision-day = day
time_precision-week = week
time_precision-month = month
time_precision-year = year
time_precision-unknown = unknown
geo_precision-point = exact place
geo_precision-near = near a place
geo_precision-admin2 = admin 2
geo_precision-admin1 = admin 1 or larger
geo_precision-country = country
geo_precision-unknown = unknown
matrix-share_view_help = Share view: each cell is its type's share of the region's attributed civilian-harm events (METHODOLOGY §5); unidentified actors and crossfire are left out of the shares and shown as (events).
details-title = Assessment details (title, as-of date, authors, document control, key judgements)
details-name = Title
details-mission = Mission
details-country = Country
details-as_of = As of (YYYY-MM-DD)
details-authors = Authors (comma-separated)
details-notes = Notes (internal only)
details-document_number = Document number
details-version = Version
details-cleared_by = Cleared by (name, function)
details-control_hint = Printed in the annex's document control and footer.
details-key_judgements = Key judgements (one per paragraph; empty: generated from the register)
details-key_judgements_hint = The annex's first section. Left empty, the annex writes them from the register's ratings, successors and flags. Free text: printed above internal only where cleared.
details-fill_judgements = Fill from the register
details-fill_judgements_hint = Puts the judgements the annex would generate here, to edit.
details-apply = Apply
details-revert = Revert
entry-more = Tiers, capacity, mitigation, review date, regions
entry-tiers = POC tiers this threat engages
entry-tier_of = Tier { $tier } engaged by entry { $id }
entry-tier_capacity = Tier { $tier } successor capacity
entry-capacity = Successor's capacity (1 none – 5 full)
entry-handover = Tier { $tier } planned handover (YYYY-MM-DD)
entry-mitigation = Mitigation
entry-review = Review by (YYYY-MM-DD)
entry-regions = Regions (comma-separated, as the matrix names them)
view-actors = Actors
actors-no_assessment = Re-classifications belong to an assessment: start one (File › New assessment) or open one.
actors-hint = Every actor name in the data, with the type its source gives. Re-classify an actor the source types wrongly (METHODOLOGY §2), with a reason; each change is one undoable edit and moves its civilian-harm events to the new type everywhere.
actors-matches_nothing = The re-classification of "{ $actor }" matches no actor in the loaded data: check the name.
actors-search = Search actors
actors-count = { $n ->
    [one] 1 actor
   *[other] { $n } actors
    }
actors-actor = Actor
actors-source_type = Type given by the source
actors-events = Civilian-harm events
actors-reclassified = Re-classified as
actors-reason = Reason
actors-reason_of = Reason for re-classifying { $actor }
actors-reason_hint = Why (kept internal unless cleared)
actors-moved = { $type } ({ $n ->
    [one] 1 event moved
   *[other] { $n } events moved
    })
actors-reclassify = Re-classify { $actor }
load-second_country = { $file } adds another country: regions are now named with their country ("North Darfur (Sudan)"). The assessment keeps its regions: they are matched by name and by its country.
offer-question = { $file } is loaded and counts in the figures shown now. Record it among the assessment's datasets (it then reopens with the assessment, checked by its SHA-256)?
offer-add = Add to the assessment
offer-keep_out = This session only
regions-heading = Region names merged ({ $n })
regions-hint = Count two region names as one: a name that changed over time (Northern Darfur / North Darfur), or regions split or joined while the data ran. Each merge is one undoable edit; the counts, the register and the annex follow, and the annex lists the merges.
regions-merged = { $from } is counted as { $to }
regions-split = Count separately again
regions-from = Count the region
regions-to = as
regions-pick_to = (pick a region)
regions-merge = Merge

## Matching across sources (METHODOLOGY §8), in the import report
matching-heading = Events recorded by several sources
matching-enabled = Match events across sources and count each once
matching-enabled_tip = Civilian-harm events of different sources (ACLED, UCDP, each monitoring log or mapped file) that lie within the day and distance windows and have compatible perpetrator types are one event: it is counted once, as the record of the first source in the order below (METHODOLOGY §8).
matching-days = Days apart at most
matching-days_tip = Two events match only when their dates are at most this many days apart; a UCDP date range is compared whole. The method's value is 1.
matching-km = km apart at most
matching-km_tip = Great-circle distance between the two points. An event without coordinates matches by its admin 1 name (and admin 2 where both give one). The method's value is 5 km.
matching-reset = Back to the method's values
matching-priority = The record that counts:
matching-priority_tip = A matched event is counted with the perpetrator type, region and fatalities of this source's record; nothing is summed across records.
matching-swap_tip = Swap these two
matching-group_logs = monitoring logs and mapped files
matching-group_ucdp = UCDP
matching-group_acled = ACLED
matching-off_warning = Matching is off: an attack recorded by two sources is counted twice in every figure.
matching-none = No event is recorded by more than one source.
matching-pair = { $a } + { $b }: { $n -> 
    [one] 1 event recorded by both
   *[other] { $n } events recorded by both
}
matching-windows = (within { $days } day(s) and { $km } km, compatible perpetrator types)
report-matched = { $n -> 
    [one] 1 event is also recorded by another source and is counted once, as that source's record
   *[other] { $n } events are also recorded by another source and are counted once, as that source's record
}
matrix-how_matched = { $n -> 
    [one] 1 of these events is also recorded by another source: it is counted once (METHODOLOGY §8; Import report › matching).
   *[other] { $n } of these events are also recorded by another source: each is counted once (METHODOLOGY §8; Import report › matching).
}
incidents-matched_counted = This event is also recorded by another source; this record is the one counted:
incidents-matched_not_counted = This event is also recorded by another source, whose record is counted (this one is not):
incidents-also_recorded = Also recorded by { $source } { $id }: { $date }, { $who }, { $fatalities } civilian fatalities
incidents-also_recorded_tip = Show that record. Matched per METHODOLOGY §8 (Import report › matching).
load-deriving = Counting each event once across sources… { $secs } s
load-deriving_tip = The new data are being joined to the loaded data: regions, repeats, and events recorded by several sources (METHODOLOGY §8). The figures shown are those before the load until this ends.
matrix-violations = Violations
matrix-victims = Victims
matrix-monitoring_only = Violations and victims come from monitoring logs only (METHODOLOGY §7): ACLED and UCDP events are not counted as violations, nor their fatalities as victims.
matrix-total_violations = Monitoring logs: { $violations } violations · { $victims } victims ({ $unknown } with an unreadable count) · state share of attributed violations { $share }
matrix-by_type = By violation type (MRM rule)
matrix-by_type_help = Each violation type in the period: its violations (incidents holding it) and their victims (the source's count for that type where it counts per type, else the incident's). The MRM rule reports victims for killing, maiming, sexual violence, abduction, recruitment and other violations against people, and violations for attacks on schools, hospitals and camps, denial of access, looting and other (METHODOLOGY §7). An incident of two types counts under each, so the rows do not add up to the totals.
matrix-by_type_type = Violation type
matrix-by_type_mrm = MRM figure
matrix-by_type_victims = victims
matrix-by_type_violations = violations
matrix-by_group = Victims by group: women { $women } · men { $men } · girls { $girls } · boys { $boys } · unknown { $unknown } (over the { $with } of { $victims } victims whose source gives a breakdown)
matrix-violations_help = A violation is one violation type in one incident (an incident of rape and abduction holds two); victims are the people the log counts (a number the source leaves unspecified counts as one). Rejected records are never counted. The state share is state-forces violations divided by all violations of an identified perpetrator.
matrix-how_violations = Monitoring logs: { $violations } violations, { $victims } victims ({ $unknown } records with an unreadable victim count); METHODOLOGY §7.

filters-monitoring = Monitoring logs
filters-verified_only = Verified records only
filters-verified_only_tip = By default verified and unverified records both count; rejected records (falsely attributed, did not occur) never do. Every export says which statuses it counts (METHODOLOGY §7).
filters-violation_types = Violation types
filters-violation_types_tip = Counts only the records of monitoring logs holding one of the ticked violation types; conflict events (ACLED, UCDP) have none and are left out while a type is unticked.

## Human rights due diligence screen (METHODOLOGY §9)
view-hrddp = Due diligence
hrddp-heading = Human rights due diligence screen (HRDDP)
hrddp-intro = Every actor typed as state security forces (after re-classification), with what the loaded data hold on it over the 24 months to { $as_of }. Suggested risk: high with 3 or more events or violations of killing, sexual violence, torture, abduction or recruitment in the last 12 months; medium with any civilian-harm event in the 24 months; else low. This screen names units: it leaves the workbench at internal and UN-partners level only.
hrddp-no_doc = Open or create an assessment to record the risk, mitigating measures and supporting UN entity.
hrddp-none = No actor in the loaded data is typed as state security forces.
hrddp-actor = Actor
hrddp-events = Events, fatalities, victims, trend
hrddp-violations = Violations (monitoring logs)
hrddp-regions = Regions
hrddp-latest = Latest
hrddp-suggested = Suggested risk
hrddp-risk = Analyst's risk
hrddp-measures = Mitigating measures · supporting UN entity
hrddp-unnamed = (actor not named)
hrddp-counts = { $events } events · { $fatalities } killed · { $victims } victims · { $trend }
hrddp-no_violations = none recorded
hrddp-suggested_tip = { $grave } events or violations of killing, sexual violence, torture, abduction or recruitment in the last 12 months (high at 3 or more).
hrddp-not_recorded = not recorded
hrddp-low = Low
hrddp-medium = Medium
hrddp-high = High
hrddp-mitigation_hint = Mitigating measures
hrddp-entity_hint = Supporting UN entity
hrddp-risk_of = Analyst's HRDDP risk for { $actor }
hrddp-regions_more = { $first } and { $n } more
menu-new_log = New monitoring log…
menu-new_log_tip = Writes an empty monitoring-log workbook (XLSX) with drop-down lists for perpetrator type, violation types and verification status, and a notes sheet; fill it in a spreadsheet and open it here, with no mapping (METHODOLOGY §7).
template-written = Monitoring-log template written to { $file }. Fill the Log sheet from row 3 and open the file here: it is read with no mapping.
template-failed = { $file }: the template could not be written: { $reason }
mapping-monitoring = Monitoring log: violations, victims, verification (optional)
mapping-monitoring_hint = For a human-rights or protection log (METHODOLOGY §7). A type cell may hold several violation types (split on , ; |); values are read by their wording (killing, sexual violence, abduction…; verified, pending, rejected…). Victim columns are summed; all blank counts one victim. Rejected records are never counted.
mapping-violation_type = Violation types
mapping-verification = Verification status
mapping-victims = Victim-count columns (summed):
charts-violations = Violations and victims per month (monitoring logs)


## Joint workshops (METHODOLOGY §10)
workshop-participants = Workshop participants ({ $n })
workshop-participants_hint = Each participant can rate every threat's likelihood and impact; the register shows the median and range beside the suggestion and marks contested threats (a range of 2 or more). The agreed rating stays the analyst's; a dissent can be recorded with its reason.
workshop-remove_help = Remove this participant (their ratings stay in the entries until removed there)
workshop-remove_of = Remove participant { $name }
workshop-name = Name
workshop-entity = Entity (mission component or UN country team member)
workshop-add = Add participant
workshop-score_of = { $what }: { $v }
workshop-ratings = Participants' ratings ({ $rated } of { $n })
workshop-likelihood_by = Likelihood by { $name } for entry { $id }
workshop-impact_by = Impact by { $name } for entry { $id }
workshop-dissents = Dissents from the agreed rating
workshop-dissent_of = Dissenting participant for entry { $id }
workshop-reason = Reason for the dissent
workshop-reason_of = Reason for a dissent on entry { $id }
workshop-record_dissent = Record dissent
workshop-record_of = Record a dissent on entry { $id }
workshop-panel = Panel: L { $likelihood } · I { $impact }
workshop-panel_help = The participants' median and, in brackets, the lowest and highest rating (METHODOLOGY §10).
workshop-contested = ⚠ contested
workshop-contested_of = Entry { $id } is contested
workshop-contested_help = The participants' ratings span 2 or more steps on likelihood or impact: discuss before agreeing.
workshop-dissent_count = { $n ->
    [one] 1 dissent recorded
   *[other] { $n } dissents recorded
    }

## Rating sheets (METHODOLOGY §10)
menu-export_ratings = Export rating sheets…
menu-export_ratings_tip = Writes one Excel sheet per workshop participant (folder rating-sheets beside the assessment): the threats with their data summary, drop-down lists 1–5 for likelihood and impact, a comment column, and the participant's name locked in.
menu-import_ratings = Import ratings…
menu-import_ratings_tip = Reads filled rating sheets (or a participant's copy of the assessment, .ron) and shows what they hold before anything changes.
ratings-no_doc = Open an assessment first: ratings belong to its register.
ratings-written = { $n ->
    [one] 1 rating sheet written to { $folder }
   *[other] { $n } rating sheets written to { $folder }
    }
ratings-title = Import ratings
ratings-intro = The ratings these files hold, by participant, and what cannot be taken. Nothing changes until you take them; then they are one step to undo.
ratings-file = { $file }: { $name } – { $n ->
    [one] 1 rating
   *[other] { $n } ratings
    }
ratings-take = Take these ratings
ratings-nothing = The files hold no rating that differs from the register's.

## Presentation mode (F5)
menu-present = Presentation mode (F5)
menu-present_tip = Full screen, one threat a slide, for a joint workshop on a projector; arrow keys move, Escape leaves.
present-no_doc = Open an assessment to present its register.
present-position = Slide { $i } of { $n }
present-keys = ← → move · Esc leaves
present-heat = Civilian-harm events of this type, last 12 months, by region
present-monthly = Per month, last 24 months ({ $n } events)
present-suggested = Suggested by the data: { $s }
present-agreed = Agreed rating: { $s }
present-not_rated = not rated yet
present-summary = Summary
present-summary_residual = { $residual } of { $n } threats expected to persist after the mission leaves
present-summary_contested = { $n ->
    [one] 1 threat contested by the participants
   *[other] { $n } threats contested by the participants
    }
present-summary_flags = { $n ->
    [one] 1 flag raised
   *[other] { $n } flags raised
    }

## Drawdown scenarios (METHODOLOGY §10)
scenarios-heading = Drawdown scenarios
scenarios-hint = Closure schedules beside the footprint's own plan: start one from the plan, copy it, shift its dates, or mark a base as staying. The comparison gives, quarter by quarter after the as-of date, the bases still open, the regions left with a monitoring gap, and the civilian harm of the last 12 months near the bases that close (history, not a forecast).
scenarios-no_bases = Add the mission's bases above to compare closure schedules.
scenarios-new = New scenario from the current plan
scenarios-name_n = Scenario { $n }
scenarios-copy = Copy
scenarios-copy_of = { $name } (copy)
scenarios-shift_by = Shift all dates by (months)
scenarios-shift = Shift dates
scenarios-shift_of = Shift the dates of { $name }
scenarios-plan = Current plan
scenarios-this = This scenario
scenarios-stays = Stays
scenarios-stays_of = { $base } stays in { $name }
scenarios-open = open
scenarios-compare = Scenarios compared, quarter by quarter
scenarios-compare_hint = Bases open at the quarter's end; bases closing in it, with the civilian-harm events of the 12 months to the as-of date within their radius; regions where every base has closed though harm continued (monitoring gap, METHODOLOGY §5).
scenarios-current = Current plan
scenarios-quarter = Quarter
scenarios-open_n = { $n ->
    [one] 1 base open
   *[other] { $n } bases open
    }
scenarios-closing = closing: { $bases } ({ $harm } events nearby)
scenarios-gap = monitoring gap: { $regions }

## What changed since the last draft (METHODOLOGY §10)
menu-compare_draft = Compare with an earlier draft…
menu-compare_draft_tip = Lists what changed from an earlier draft (.ron) to this assessment: threats added and removed, each changed field, flags raised and cleared, benchmark statuses, and matrix cells whose counts changed with the data (as `poc-workbench diff`).
changes-title = Changes since an earlier draft
changes-against = Compared with { $file }
