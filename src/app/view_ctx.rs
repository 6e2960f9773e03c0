//! What a view reads while it draws: the figures computed for this frame,
//! the open document and its review, and the incident selection, all
//! borrowed read-only. A view changes its own state in place and asks for
//! everything else with an `AppCommand`.

use super::commands::Metric;
use super::document::DocState;
use super::session::{Derived, Selection, Session};
use crate::analysis::series::MonthCounts;
use crate::analysis::workspace::RowRef;
use crate::analysis::{Filter, Workspace};
use crate::assessment::review::{DatasetStatus, Review};

/// The read-only context of one frame.
pub struct ViewCtx<'a> {
    pub ws: &'a Workspace,
    pub filter: &'a Filter,
    /// Bumped whenever the datasets change (view caches key on it).
    pub generation: u64,
    /// The assessment's as-of date, when one is open.
    pub as_of: Option<chrono::NaiveDate>,
    /// The matrix for the filter, computed before the frame.
    pub derived: Option<&'a Derived>,
    /// The monthly series (computed when the charts are shown).
    pub monthly: &'a [MonthCounts],
    /// The incidents of the selection (of every cell, on the map).
    pub incidents: &'a [RowRef],
    pub selection: &'a Selection,
    pub selected_incident: Option<RowRef>,
    /// The source record of the selected incident, or why it cannot be read.
    pub detail: Option<&'a Result<Vec<(String, String)>, String>>,
    pub metric: Metric,
    pub doc: Option<&'a DocState>,
    /// The document's review, when the view needs one.
    pub review: Option<&'a Review>,
    /// How the assessment's datasets were found when it opened.
    pub dataset_status: &'a [DatasetStatus],
}

impl<'a> ViewCtx<'a> {
    /// The context over a session and a document.
    pub fn new(
        session: &'a Session,
        doc: Option<&'a DocState>,
        dataset_status: &'a [DatasetStatus],
        selection: &'a Selection,
        selected_incident: Option<RowRef>,
        detail: Option<&'a Result<Vec<(String, String)>, String>>,
        metric: Metric,
    ) -> Self {
        ViewCtx {
            ws: session.workspace(),
            filter: session.filter(),
            generation: session.data_generation(),
            as_of: session.as_of(),
            derived: session.cached_derived(),
            monthly: session.cached_monthly(),
            incidents: session.cached_incidents(),
            selection,
            selected_incident,
            detail,
            metric,
            doc,
            review: doc.and_then(DocState::cached_review),
            dataset_status,
        }
    }
}
