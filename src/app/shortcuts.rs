//! Keyboard shortcuts and dropped files, turned into commands.

use super::commands::{AppCommand, Purpose, View};
use super::focus::{self, Anchor};
use super::{WorkbenchApp, document};
use std::path::PathBuf;

impl WorkbenchApp {
    /// In presentation mode: arrows, Page Up/Down and Space move between
    /// slides; Escape leaves.
    fn slide_keys(&mut self, ctx: &egui::Context) {
        use egui::{Key, Modifiers};
        ctx.input_mut(|i| {
            for (key, step) in [
                (Key::ArrowRight, 1),
                (Key::ArrowDown, 1),
                (Key::PageDown, 1),
                (Key::Space, 1),
                (Key::ArrowLeft, -1),
                (Key::ArrowUp, -1),
                (Key::PageUp, -1),
            ] {
                if i.consume_key(Modifiers::NONE, key) {
                    self.commands.push(AppCommand::Slide(step));
                }
            }
            if i.consume_key(Modifiers::NONE, Key::Escape) {
                self.commands.push(AppCommand::Present);
            }
        });
    }

    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let plain = plain_shortcuts();
        if self.presenting.is_some() {
            self.slide_keys(ctx);
        }
        let find = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
        let mut ask_first = false;
        let mut f6 = None;
        // While a text field has the keyboard, Ctrl+Z and Ctrl+Y are its own
        // undo; Save, Save As and Export wait until the field has committed.
        let typing = ctx.egui_wants_keyboard_input();
        let mut wait_for_field = false;
        ctx.input_mut(|i| {
            for (sc, c) in plain {
                let text_undo = matches!(c, AppCommand::Undo | AppCommand::Redo);
                if typing && text_undo {
                    continue;
                }
                if i.consume_shortcut(&sc) {
                    if typing
                        && matches!(
                            c,
                            AppCommand::Save | AppCommand::SaveAs | AppCommand::ExportDialog
                        )
                    {
                        self.after_draw.push((1, c));
                        wait_for_field = true;
                    } else {
                        self.commands.push(c);
                    }
                }
            }
            if i.consume_shortcut(&find) {
                self.views.filters.focus_search = true;
                self.prefs.filters_open = true;
            }
            for v in View::ALL {
                if i.consume_shortcut(&v.shortcut()) {
                    self.commands.push(AppCommand::SetView(v));
                    self.commands
                        .push(AppCommand::FocusPanel(Anchor::View, false));
                }
            }
            // Shift+F6 first: a plain F6 pattern also matches with Shift held.
            for back in [true, false] {
                let m = if back {
                    Modifiers::SHIFT
                } else {
                    Modifiers::NONE
                };
                if i.consume_key(m, Key::F6) {
                    f6 = Some(back);
                }
            }
            let dropped: Vec<PathBuf> = i
                .raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect();
            if !dropped.is_empty() {
                self.commands.push(AppCommand::Open(dropped));
            }
            if i.viewport().close_requested()
                && self.doc.as_ref().is_some_and(document::DocState::is_dirty)
                && !self.dialogs.quit_confirmed
            {
                self.dialogs.confirm_quit = true;
                ask_first = true;
            }
        });
        // (Memory is read outside `input_mut`: egui's locks do not nest.)
        if wait_for_field {
            // The field commits its text when it loses the focus.
            ctx.memory_mut(|m| {
                if let Some(id) = m.focused() {
                    m.surrender_focus(id);
                }
            });
        }
        if let Some(back) = f6 {
            let next = focus::focused_anchor(ctx).map_or(Anchor::Tabs, |a| a.step(back));
            self.commands.push(AppCommand::FocusPanel(next, back));
        }
        if ask_first {
            // Keep the window open until the analyst decides.
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        }
    }
}

/// The shortcuts that are one command each.
fn plain_shortcuts() -> Vec<(egui::KeyboardShortcut, AppCommand)> {
    use egui::{Key, KeyboardShortcut, Modifiers};
    vec![
        (
            KeyboardShortcut::new(Modifiers::COMMAND, Key::O),
            AppCommand::Pick(Purpose::Open),
        ),
        (
            KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::S),
            AppCommand::SaveAs,
        ),
        (
            KeyboardShortcut::new(Modifiers::COMMAND, Key::S),
            AppCommand::Save,
        ),
        (
            KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
            AppCommand::Redo,
        ),
        (
            KeyboardShortcut::new(Modifiers::COMMAND, Key::Y),
            AppCommand::Redo,
        ),
        (
            KeyboardShortcut::new(Modifiers::COMMAND, Key::Z),
            AppCommand::Undo,
        ),
        (
            KeyboardShortcut::new(Modifiers::COMMAND, Key::E),
            AppCommand::ExportDialog,
        ),
        (
            KeyboardShortcut::new(Modifiers::COMMAND, Key::B),
            AppCommand::ToggleFilters,
        ),
        (
            KeyboardShortcut::new(Modifiers::NONE, Key::F11),
            AppCommand::ToggleWorkshop,
        ),
        (
            KeyboardShortcut::new(Modifiers::NONE, Key::F5),
            AppCommand::Present,
        ),
    ]
}
