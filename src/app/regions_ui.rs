//! Region names merged by the analyst (shown above the actor register): a
//! name that changed over time ("Northern Darfur" / "North Darfur"), or
//! regions split or joined while the data ran (the Kordofans). Each merge
//! and each split is one undoable edit; the counts, the register's regions
//! and the annex follow, and the annex lists the merges.

use super::commands::AppCommand;
use super::i18n::{tr, tr_args};
use crate::assessment::RegionAlias;
use crate::assessment::edit::Edit;

/// The form's state.
#[derive(Default)]
pub struct AliasForm {
    from: Option<String>,
    to: String,
}

/// A display name without its " (Country)" suffix.
fn bare(name: &str) -> &str {
    crate::assessment::regions::split(name).0
}

/// Draws the merges and the form to add one.
pub fn aliases_ui(
    ui: &mut egui::Ui,
    names: &[String],
    a: &crate::assessment::Assessment,
    form: &mut AliasForm,
    cmds: &mut Vec<AppCommand>,
) {
    egui::CollapsingHeader::new(tr_args(
        "regions.heading",
        &[("n", &a.region_aliases.len().to_string())],
    ))
    .id_salt("region-aliases")
    .default_open(!a.region_aliases.is_empty())
    .show(ui, |ui| {
        ui.label(egui::RichText::new(tr("regions.hint")).small());
        for (i, r) in a.region_aliases.iter().enumerate() {
            ui.horizontal(|ui| {
                ui.label(tr_args(
                    "regions.merged",
                    &[("from", r.from.as_str()), ("to", r.to.as_str())],
                ));
                if ui.button(tr("regions.split")).clicked() {
                    let mut v = a.region_aliases.clone();
                    v.remove(i);
                    cmds.push(AppCommand::EditDoc(Edit::SetRegionAliases(v)));
                }
            });
        }
        ui.horizontal_wrapped(|ui| {
            egui::ComboBox::new("alias-from", tr("regions.from"))
                .selected_text(
                    form.from
                        .clone()
                        .unwrap_or_else(|| tr("mapping.none").into()),
                )
                .show_ui(ui, |ui| {
                    for n in names {
                        ui.selectable_value(&mut form.from, Some(bare(n).to_string()), n);
                    }
                });
            let l = ui.label(tr("regions.to"));
            ui.add(egui::TextEdit::singleline(&mut form.to).desired_width(200.0))
                .labelled_by(l.id);
            egui::ComboBox::new("alias-to", tr("regions.pick_to"))
                .selected_text("…")
                .show_ui(ui, |ui| {
                    for n in names {
                        if ui.selectable_label(false, n).clicked() {
                            form.to = bare(n).to_string();
                        }
                    }
                });
            let from = form.from.clone().unwrap_or_default();
            let to = form.to.trim().to_string();
            let key = crate::model::region::region_key;
            let ok = !key(&from).is_empty() && !key(&to).is_empty() && key(&from) != key(&to);
            if ui
                .add_enabled(ok, egui::Button::new(tr("regions.merge")))
                .clicked()
            {
                // A merge into a name that is itself merged goes to its target.
                let to = a
                    .region_aliases
                    .iter()
                    .find(|r| key(&r.from) == key(&to))
                    .map_or(to, |r| r.to.clone());
                let mut v: Vec<RegionAlias> = a
                    .region_aliases
                    .iter()
                    .filter(|r| key(&r.from) != key(&from))
                    .map(|r| RegionAlias {
                        // Names merged into `from` follow it.
                        to: if key(&r.to) == key(&from) {
                            to.clone()
                        } else {
                            r.to.clone()
                        },
                        ..r.clone()
                    })
                    .collect();
                v.push(RegionAlias { from, to });
                cmds.push(AppCommand::EditDoc(Edit::SetRegionAliases(v)));
                *form = AliasForm::default();
            }
        });
    });
}
