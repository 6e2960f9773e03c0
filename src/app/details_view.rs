//! The assessment's details, edited in a form and applied as one undoable
//! edit: title, mission, country, as-of date, authors and notes; the
//! annex's document control (number, version, who cleared it); and the key
//! judgements, written by the analyst or filled from the register first.

use super::commands::AppCommand;
use super::i18n::tr;
use crate::analysis::Workspace;
use crate::assessment::edit::Edit;
use crate::assessment::{Assessment, Meta};

/// The details form: the details it started from, the edited copy, and the
/// as-of date, authors and key judgements as typed.
pub struct DetailsDraft {
    base: Meta,
    meta: Meta,
    as_of: String,
    authors: String,
    /// One judgement per paragraph (a blank line between two).
    judgements: String,
}

fn draft_of(meta: &Meta) -> DetailsDraft {
    DetailsDraft {
        base: meta.clone(),
        meta: meta.clone(),
        as_of: meta.as_of.to_string(),
        authors: meta.authors.join(", "),
        judgements: meta.key_judgements.join("\n\n"),
    }
}

/// The key judgements as typed: paragraphs separated by blank lines.
fn judgements_of(text: &str) -> Vec<String> {
    text.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The form, collapsed until opened.
pub fn details_ui(
    ui: &mut egui::Ui,
    a: &Assessment,
    ws: &Workspace,
    draft: &mut Option<DetailsDraft>,
    commands: &mut Vec<AppCommand>,
) {
    let meta = &a.meta;
    // The document changed under the form (undo, an apply, another file):
    // start again from the document.
    if draft.as_ref().is_some_and(|d| d.base != *meta) {
        *draft = None;
    }
    let header = egui::CollapsingHeader::new(tr("details.title"))
        .id_salt("assessment-details")
        .show(ui, |ui| {
            let d = draft.get_or_insert_with(|| draft_of(meta));
            fields_ui(ui, d);
            judgements_ui(ui, a, ws, d);
            let parsed = chrono::NaiveDate::parse_from_str(d.as_of.trim(), "%Y-%m-%d").ok();
            let mut new = d.meta.clone();
            if let Some(x) = parsed {
                new.as_of = x;
            }
            new.authors = d
                .authors
                .split([',', ';'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            new.key_judgements = judgements_of(&d.judgements);
            ui.horizontal(|ui| {
                let changed = new != *meta;
                if ui
                    .add_enabled(
                        changed && parsed.is_some(),
                        egui::Button::new(tr("details.apply")),
                    )
                    .clicked()
                {
                    commands.push(AppCommand::EditDoc(Edit::SetMeta(new.clone())));
                }
                if ui
                    .add_enabled(changed, egui::Button::new(tr("details.revert")))
                    .clicked()
                {
                    *draft = None;
                }
            });
        });
    // Closed: the next opening starts from the document again.
    if header.body_returned.is_none() {
        *draft = None;
    }
}

/// The one-line and note fields.
fn fields_ui(ui: &mut egui::Ui, d: &mut DetailsDraft) {
    let DetailsDraft {
        meta: m,
        as_of,
        authors,
        ..
    } = d;
    egui::Grid::new("details-grid")
        .num_columns(2)
        .show(ui, |ui| {
            for (key, text) in [
                ("details.name", &mut m.title),
                ("details.mission", &mut m.mission),
                ("details.country", &mut m.country),
            ] {
                let l = ui.label(tr(key));
                ui.add(egui::TextEdit::singleline(text).desired_width(420.0))
                    .labelled_by(l.id);
                ui.end_row();
            }
            let l = ui.label(tr("details.as_of"));
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(as_of).desired_width(110.0))
                    .labelled_by(l.id);
                if chrono::NaiveDate::parse_from_str(as_of.trim(), "%Y-%m-%d").is_err() {
                    ui.colored_label(ui.visuals().error_fg_color, tr("filters.bad_date"));
                }
            });
            ui.end_row();
            let l = ui.label(tr("details.authors"));
            ui.add(egui::TextEdit::singleline(authors).desired_width(420.0))
                .labelled_by(l.id);
            ui.end_row();
            for (key, text, width) in [
                ("details.document_number", &mut m.document_number, 240.0),
                ("details.version", &mut m.version, 80.0),
                ("details.cleared_by", &mut m.cleared_by, 420.0),
            ] {
                let l = ui.label(tr(key));
                ui.add(egui::TextEdit::singleline(text).desired_width(width))
                    .labelled_by(l.id)
                    .on_hover_text(tr("details.control_hint"));
                ui.end_row();
            }
            let l = ui.label(tr("details.notes"));
            ui.add(egui::TextEdit::multiline(&mut m.notes).desired_width(420.0))
                .labelled_by(l.id);
            ui.end_row();
        });
}

/// The key judgements: typed, or filled from the register to start from;
/// with the widest level they may be printed at.
fn judgements_ui(ui: &mut egui::Ui, a: &Assessment, ws: &Workspace, d: &mut DetailsDraft) {
    let l = ui.label(tr("details.key_judgements"));
    ui.add(
        egui::TextEdit::multiline(&mut d.judgements)
            .desired_rows(4)
            .desired_width(560.0),
    )
    .labelled_by(l.id)
    .on_hover_text(tr("details.key_judgements_hint"));
    ui.horizontal_wrapped(|ui| {
        if ui
            .button(tr("details.fill_judgements"))
            .on_hover_text(tr("details.fill_judgements_hint"))
            .clicked()
        {
            let today =
                chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()).date_naive();
            d.judgements = crate::annex::generated_key_judgements(a, ws, today).join("\n\n");
        }
        if let Some(c) = super::register_view::clearance_ui(
            ui,
            "key-judgements-cleared",
            d.meta.key_judgements_cleared,
        ) {
            d.meta.key_judgements_cleared = c;
        }
    });
}
