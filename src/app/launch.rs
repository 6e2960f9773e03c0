//! Opening the native window: its options, the start-up files, the
//! remembered preferences.

use super::commands::AppCommand;
use super::i18n::tr;
use super::{PREFS_KEY, STARTED, WorkbenchApp, theme};
use std::path::PathBuf;

/// Opens the window on `files`, or on the bundled sample when none is given.
pub fn run(files: Vec<PathBuf>) -> Result<(), String> {
    STARTED.get_or_init(std::time::Instant::now);
    let example = files.is_empty();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(title_for(&files))
            .with_inner_size([1400.0, 900.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "poc-workbench",
        options,
        Box::new(move |cc| {
            let mut app = WorkbenchApp::empty();
            app.journaling = true;
            app.native_dialogs = true;
            app.repaint = Some(cc.egui_ctx.clone());
            theme::install_fonts(&cc.egui_ctx);
            theme::install_focus_style(&cc.egui_ctx);
            // Start-up files load in the background like any other: a
            // file that hangs or fails cannot take the window down.
            app.send(if example {
                AppCommand::OpenExample
            } else {
                AppCommand::Open(files)
            });
            if let Some(storage) = cc.storage {
                app.prefs = eframe::get_value(storage, PREFS_KEY).unwrap_or_default();
            }
            super::i18n::set_language(app.prefs.language);
            cc.egui_ctx.set_theme(if app.prefs.dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            if app.prefs.workshop {
                cc.egui_ctx.set_zoom_factor(theme::WORKSHOP_ZOOM);
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| e.to_string())
}

/// The window title: the product and the dataset(s) open.
pub fn title_for(files: &[PathBuf]) -> String {
    let names: Vec<String> = files
        .iter()
        .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().to_string()))
        .collect();
    if names.is_empty() {
        tr("app.title").to_string()
    } else {
        format!("{} — {}", names.join(", "), tr("app.title"))
    }
}
