//! The window's state types: the preferences kept between sessions, the
//! messages at the top of the window, each view's own state and the
//! dialogs over the main window.

use super::commands::AppCommand;
use super::{
    actors_view, charts_view, export_dialog, file_browser, filters, followup_view, help_view,
    hrddp_view, i18n, incidents_view, map_view, mapping_dialog, matrix_view, register_view,
};
use std::path::PathBuf;

/// Preferences kept in eframe storage, and nothing else is kept there.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub recent: Vec<PathBuf>,
    pub dark: bool,
    pub workshop: bool,
    /// The filter panel is shown.
    pub filters_open: bool,
    /// The window's language.
    pub language: i18n::Lang,
}

impl Default for Prefs {
    fn default() -> Self {
        Prefs {
            recent: Vec::new(),
            dark: false,
            workshop: false,
            filters_open: true,
            language: i18n::Lang::En,
        }
    }
}

pub(super) const PREFS_KEY: &str = "poc-workbench-prefs";

/// A message shown at the top of the window until dismissed.
#[derive(Debug, Clone)]
pub struct Message {
    pub error: bool,
    /// The text as written when the message was made.
    pub text: String,
    /// A message the core wrote (an import's refusal, a file's error), in
    /// both languages: shown in the window's language of the moment, so a
    /// switch re-reads the messages already there.
    pub core: Option<crate::i18n::Bi>,
}

impl Message {
    /// A message of the window's own, in the language of the moment.
    pub fn new(error: bool, text: String) -> Message {
        Message {
            error,
            text,
            core: None,
        }
    }

    /// A message the core wrote, kept in both languages.
    pub fn said(error: bool, m: &dyn crate::i18n::Localized) -> Message {
        let core = crate::i18n::both(|l| m.text_in(l));
        Message {
            error,
            text: core.get(super::i18n::language()).to_string(),
            core: Some(core),
        }
    }

    /// The text in `lang` (a core message), else as written.
    pub fn shown(&self, lang: crate::i18n::Lang) -> &str {
        self.core.as_ref().map_or(&self.text, |c| c.get(lang))
    }
}

/// Each view's own state, changed in place by its view and nothing else.
#[derive(Default)]
pub(super) struct ViewStates {
    pub(super) matrix: matrix_view::MatrixState,
    pub(super) incidents: incidents_view::IncidentsState,
    pub(super) map: map_view::MapState,
    pub(super) charts: charts_view::ChartsState,
    pub(super) register: register_view::RegisterState,
    pub(super) followup: followup_view::Forms,
    pub(super) filters: filters::FiltersState,
    pub(super) help: help_view::HelpState,
    pub(super) actors: actors_view::ActorsState,
    pub(super) hrddp: hrddp_view::HrddpState,
}

/// The windows over the main one.
#[derive(Default)]
pub(super) struct Dialogs {
    pub(super) mapping: Option<mapping_dialog::MappingDialog>,
    pub(super) export: Option<export_dialog::ExportDialog>,
    /// Ratings read from filled sheets, waiting for the analyst to take them.
    pub(super) ratings: Option<Vec<crate::assessment::rating_sheets::Collected>>,
    /// What changed since an earlier draft: (its file, the changes as text).
    pub(super) changes: Option<(PathBuf, String)>,
    pub(super) browser: Option<file_browser::FileBrowser>,
    /// Asking whether to save before quitting.
    pub(super) confirm_quit: bool,
    pub(super) quit_confirmed: bool,
    pub(super) about: bool,
    /// A journal found for the opened assessment: (assessment, journal).
    pub(super) recovery: Option<(PathBuf, PathBuf)>,
    /// A backup offered after a damaged assessment failed to open.
    pub(super) backup_offer: Option<PathBuf>,
    /// A command that would replace a document with unsaved changes,
    /// waiting for the analyst to discard them or cancel.
    pub(super) confirm_replace: Option<AppCommand>,
    /// The analyst agreed: the next replacing command goes ahead.
    pub(super) replace_confirmed: bool,
    /// Datasets loaded while an assessment is open, offered to it.
    pub(super) offer_datasets: Vec<crate::assessment::DatasetRef>,
}
