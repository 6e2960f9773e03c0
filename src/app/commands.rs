//! Everything that changes the document, the session or the disk goes
//! through one command type, queued while drawing and handled after the
//! frame is laid out. View state (a sort order, a form being filled in) is
//! changed in place by its own view; nothing else is.

use super::session::Selection;
use crate::analysis::Filter;
use crate::analysis::workspace::RowRef;
use crate::import::ColumnMapping;
use std::path::PathBuf;

/// The views of the central panel: the one list the menu, the tabs, the
/// keyboard shortcuts, the dispatch and the tests take them from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum View {
    Matrix,
    Incidents,
    Charts,
    Map,
    Report,
    Register,
    Followup,
    Actors,
    /// The human rights due diligence screen (METHODOLOGY §9).
    Hrddp,
    Help,
}

impl View {
    /// Every view, in tab order.
    pub const ALL: [View; 10] = [
        View::Matrix,
        View::Incidents,
        View::Charts,
        View::Map,
        View::Report,
        View::Register,
        View::Followup,
        View::Actors,
        View::Hrddp,
        View::Help,
    ];

    /// The translation key of the view's name.
    pub fn label_key(self) -> &'static str {
        match self {
            View::Matrix => "view.matrix",
            View::Incidents => "view.incidents",
            View::Charts => "view.charts",
            View::Map => "view.map",
            View::Report => "view.report",
            View::Register => "view.register",
            View::Followup => "view.followup",
            View::Actors => "view.actors",
            View::Hrddp => "view.hrddp",
            View::Help => "view.help",
        }
    }

    /// The view's keyboard shortcut (Ctrl+1 … Ctrl+9; F1 for help).
    pub fn shortcut(self) -> egui::KeyboardShortcut {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let key = match self {
            View::Matrix => Key::Num1,
            View::Incidents => Key::Num2,
            View::Charts => Key::Num3,
            View::Map => Key::Num4,
            View::Report => Key::Num5,
            View::Register => Key::Num6,
            View::Followup => Key::Num7,
            View::Actors => Key::Num8,
            View::Hrddp => Key::Num9,
            View::Help => return KeyboardShortcut::new(Modifiers::NONE, Key::F1),
        };
        KeyboardShortcut::new(Modifiers::COMMAND, key)
    }

    /// Whether the view needs loaded data (help does not).
    pub fn needs_data(self) -> bool {
        self != View::Help
    }
}

/// Matrix metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    Events,
    Fatalities,
    StateShare,
    /// Violations in monitoring logs (METHODOLOGY §7).
    Violations,
    /// Victims in monitoring logs.
    Victims,
}

/// What a file chosen in a file dialog is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// Datasets (or an assessment, by its `.ron` extension) to open.
    Open,
    /// Where to save the assessment (Save As).
    SaveAs,
    /// A CSV of bases to add to the footprint.
    ImportBases,
    /// A new file for dataset `i` of the assessment.
    Relink(usize),
    /// Where the export dialog writes.
    ExportPath,
    /// Where a new monitoring-log template is written.
    TemplatePath,
    /// Filled rating sheets (or participants' copies of the assessment).
    ImportRatings,
    /// An earlier draft of the assessment to compare with.
    CompareDraft,
}

impl Purpose {
    /// Whether the dialog names a new file (save) rather than picks one.
    pub fn saves(&self) -> bool {
        matches!(
            self,
            Purpose::SaveAs | Purpose::ExportPath | Purpose::TemplatePath
        )
    }
}

/// A change the window asks for.
#[must_use]
#[derive(Debug, Clone)]
pub enum AppCommand {
    /// Load these files in the background (`.ron` files as assessments).
    Open(Vec<PathBuf>),
    /// Ask for a file (native dialog, else the workbench's own browser).
    Pick(Purpose),
    /// A file was chosen for a purpose.
    Picked(Purpose, PathBuf),
    /// Load a file through a column mapping.
    OpenWithMapping(PathBuf, ColumnMapping),
    /// Open the mapping dialog on loaded dataset `i`'s mapping.
    EditMapping(usize),
    /// Read loaded dataset `i` again through this mapping (recorded in the
    /// assessment as one undoable edit).
    Remap(usize, ColumnMapping),
    /// Read the open assessment's datasets that lie outside its folder
    /// (shown to the analyst first, not read until this).
    ReadOutside,
    /// Stop every running load.
    CancelLoads,
    /// Close a dataset.
    RemoveDataset(usize),
    /// Close every dataset.
    CloseAll,
    /// List a cell's (or row's, or column's) incidents.
    ShowIncidents(Selection),
    /// Show one incident's detail.
    SelectIncident(RowRef),
    SetView(View),
    SetMetric(Metric),
    /// Replace the filter (the filter panel edits a copy).
    SetFilter(Filter),
    /// Restrict the filter to one region.
    FilterToRegion(String),
    ResetFilters,
    /// Show or hide the filter panel.
    ToggleFilters,
    /// Move the keyboard focus to a panel once it is drawn (going on
    /// backwards, if `true`, when that panel is not shown).
    FocusPanel(super::focus::Anchor, bool),
    ToggleWorkshop,
    /// Presentation mode on or off (F5).
    Present,
    /// The next (+1) or previous (−1) slide.
    Slide(i32),
    SetDark(bool),
    /// The window's language (remembered).
    SetLanguage(super::i18n::Lang),
    /// Put text on the clipboard.
    Copy(String),
    /// Save a mapping profile under its name.
    SaveProfile(ColumnMapping),
    ShowAbout,
    /// Dismiss message `i`.
    Dismiss(usize),
    Quit,
    /// Quit without saving (from the unsaved-changes question).
    QuitDiscarding,
    /// Discard the unsaved changes and run the command that was waiting.
    ConfirmReplace,
    /// Offered dataset `i`: add it to the assessment (`true`) or keep it out.
    AnswerOffer(usize, bool),
    /// Add a register entry for a perpetrator type in a region (from a matrix cell).
    NewEntry {
        perpetrator: crate::model::PerpetratorType,
        region: String,
    },
    /// Change the assessment (one undo step; `Edit::Batch` for several).
    EditDoc(crate::assessment::edit::Edit),
    /// Write one rating sheet per workshop participant.
    ExportRatingSheets,
    /// Read filled rating sheets or copies of the assessment, to look at.
    CollectRatings(Vec<std::path::PathBuf>),
    /// Take the collected ratings into the assessment (one edit).
    ApplyRatings,
    /// Compare the open assessment with an earlier draft (a `.ron`).
    CompareWith(std::path::PathBuf),
    /// Change how events are matched across sources.
    SetMatching(crate::analysis::matching::MatchSettings),
    Undo,
    Redo,
    /// Save the assessment (Save As the first time, and for the example).
    Save,
    /// Save the assessment under a new name.
    SaveAs,
    /// Start an empty assessment on the loaded data.
    NewAssessment,
    /// Open an assessment file and its datasets, in the background.
    OpenAssessment(PathBuf),
    /// Open the worked example as an unsaved copy.
    OpenExample,
    /// Replace the open document with its recovery journal.
    RecoverJournal,
    /// Delete the recovery journal.
    DiscardJournal,
    /// Open the export dialog.
    ExportDialog,
    /// Write the export dialog's annex; `replace` = the analyst agreed to
    /// replace a file the workbench did not write.
    Export {
        replace: bool,
    },
}
