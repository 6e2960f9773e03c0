//! The guide (Help › Guide, F1): `assets/GUIDE.md` rendered, with a first
//! assessment walked through, the keyboard shortcuts and where each figure
//! comes from; the methodology below it.

use super::markdown_view::markdown_ui;

/// The guide's state: nothing but the scroll position egui keeps.
#[derive(Default)]
pub struct HelpState;

/// The guide, as shipped.
pub const GUIDE: &str = include_str!("../../assets/GUIDE.md");
/// The guide in French.
pub const GUIDE_FR: &str = include_str!("../../assets/GUIDE.fr.md");

/// Draws the guide.
pub fn help_ui(ui: &mut egui::Ui, _state: &mut HelpState) {
    egui::ScrollArea::vertical()
        .id_salt("guide")
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.set_max_width(ui.available_width().min(900.0));
            let guide = match super::i18n::language() {
                super::i18n::Lang::En => GUIDE,
                super::i18n::Lang::Fr => GUIDE_FR,
            };
            markdown_ui(ui, "guide", guide);
            ui.separator();
            egui::CollapsingHeader::new(super::i18n::tr("about.method"))
                .id_salt("guide-method")
                .show(ui, |ui| {
                    markdown_ui(ui, "method", include_str!("../../assets/METHODOLOGY.md"));
                });
        });
}
