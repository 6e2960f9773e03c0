//! The about window: version, the methodology and the data attributions
//! (Markdown, rendered), and where the workbench keeps its files.

use super::i18n::tr;

/// Draws the window while `open`.
pub fn about_window(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new(tr("about.title"))
        .open(open)
        .default_size([560.0, 520.0])
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.label(format!(
                    "{} {}",
                    tr("about.version"),
                    env!("CARGO_PKG_VERSION")
                ));
                ui.separator();
                ui.strong(tr("about.method"));
                ui.label(tr("about.method_text"));
                egui::CollapsingHeader::new("METHODOLOGY.md").show(ui, |ui| {
                    super::markdown_view::markdown_ui(
                        ui,
                        "about-method",
                        include_str!("../../assets/METHODOLOGY.md"),
                    );
                });
                ui.separator();
                ui.strong(tr("about.data"));
                super::markdown_view::markdown_ui(
                    ui,
                    "about-sample",
                    include_str!("../../sample-data/ATTRIBUTION.md"),
                );
                super::markdown_view::markdown_ui(
                    ui,
                    "about-boundaries",
                    include_str!("../../assets/boundaries/ATTRIBUTION.md"),
                );
                ui.separator();
                ui.strong(tr("about.files"));
                let dir = eframe::storage_dir("poc-workbench");
                ui.label(format!(
                    "{}: {}",
                    tr("about.prefs"),
                    dir.as_ref()
                        .map_or(tr("about.no_storage").to_string(), |d| d
                            .display()
                            .to_string())
                ));
                ui.label(format!(
                    "{}: {}",
                    tr("about.profiles"),
                    super::mapping_profiles::profiles_dir().display()
                ));
            });
        });
}
