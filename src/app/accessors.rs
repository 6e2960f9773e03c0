//! What a view, a shortcut or a test may ask of the window from outside:
//! queue a command, and read its state.

use super::commands::{AppCommand, View};
use super::session::{Selection, Session};
use super::{Message, WorkbenchApp, document, export_dialog, file_browser};

impl WorkbenchApp {
    /// Queues a command, as a view, a shortcut or a test does.
    pub fn send(&mut self, c: AppCommand) {
        self.commands.push(c);
    }

    /// The loaded data and the cached figures (read-only).
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The open assessment (read-only; change it with `AppCommand::EditDoc`).
    pub fn doc(&self) -> Option<&document::DocState> {
        self.doc.as_ref()
    }

    /// The view shown.
    pub fn view(&self) -> View {
        self.view
    }

    /// Presentation mode's slide, when presenting (F5).
    pub fn presenting(&self) -> Option<usize> {
        self.presenting
    }

    /// The language the preferences remember.
    pub fn prefs_language(&self) -> super::i18n::Lang {
        self.prefs.language
    }

    /// The incidents view's selection.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// The messages shown above the view.
    pub fn messages(&self) -> &[Message] {
        &self.messages
    }

    /// The mapping dialog is open.
    pub fn mapping_dialog_open(&self) -> bool {
        self.dialogs.mapping.is_some()
    }

    /// The mapping dialog's live check, when it is open (tests).
    pub fn mapping_check_text(&self) -> Option<String> {
        self.dialogs
            .mapping
            .as_ref()
            .map(|d| d.check.summary_in(super::i18n::language()))
    }

    /// The messages shown in the window's message bar (tests).
    pub fn messages_text(&self) -> Vec<String> {
        let lang = super::i18n::language();
        self.messages
            .iter()
            .map(|m| m.shown(lang).to_string())
            .collect()
    }

    /// The export dialog, when open (tests set its fields as an analyst would).
    pub fn export_dialog_mut(&mut self) -> Option<&mut export_dialog::ExportDialog> {
        self.dialogs.export.as_mut()
    }

    /// The workbench's own file browser, when open.
    pub fn file_browser_mut(&mut self) -> Option<&mut file_browser::FileBrowser> {
        self.dialogs.browser.as_mut()
    }

    /// The filter panel is shown.
    pub fn filters_open(&self) -> bool {
        self.prefs.filters_open
    }

    /// Whether the quit question is showing.
    pub fn asking_to_quit(&self) -> bool {
        self.dialogs.confirm_quit
    }
}
