//! Everything that changes the session or touches the disk goes through one
//! command type, queued while drawing and handled after the frame is laid
//! out (view state, such as a sort order, is changed in place by the views).

use super::session::Selection;
use crate::analysis::workspace::RowRef;
use crate::import::ColumnMapping;
use std::path::PathBuf;

/// The views of the central panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Matrix,
    Incidents,
    Charts,
    Map,
    Report,
    Register,
    Followup,
}

/// A change the window asks for.
#[must_use]
#[derive(Debug, Clone)]
pub enum AppCommand {
    /// Load these files in the background.
    Open(Vec<PathBuf>),
    /// Show the native file dialog.
    OpenDialog,
    /// Load a file through a column mapping.
    OpenWithMapping(PathBuf, ColumnMapping),
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
    ToggleWorkshop,
    SetDark(bool),
    /// Put text on the clipboard.
    Copy(String),
    /// Restrict the filter to one region.
    FilterToRegion(String),
    ResetFilters,
    /// Save a mapping profile under its name.
    SaveProfile(ColumnMapping),
    ShowAbout,
    Quit,
    /// Add a register entry for a perpetrator type in a region (from a matrix cell).
    NewEntry {
        perpetrator: crate::model::PerpetratorType,
        region: String,
    },
    /// Change the assessment.
    EditDoc(crate::assessment::edit::Edit),
    Undo,
    Redo,
    /// Save the assessment (asks for a path the first time).
    Save,
    /// Start an empty assessment on the loaded data.
    NewAssessment,
    /// Open an assessment file and its datasets.
    OpenAssessment(PathBuf),
    /// Point dataset `i` of the assessment at another file (native dialog).
    RelinkDataset(usize),
    /// Add bases from a CSV file (native dialog).
    ImportBases,
    /// Open the export dialog.
    ExportDialog,
}
