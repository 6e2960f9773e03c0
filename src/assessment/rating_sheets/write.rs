//! Writing the rating sheets: one XLSX per participant, in the window's
//! language (the sheet's name and the cells read back are the same in
//! every language).

use super::{
    COL_COMMENT, COL_ID, COL_IMPACT, COL_LIKELIHOOD, ROW_ENTITY, ROW_HEADER, ROW_KEY,
    ROW_PARTICIPANT, SHEET, assessment_key,
};
use crate::assessment::review::Review;
use crate::assessment::{Assessment, Participant};
use crate::bi;
use crate::i18n::{Bi, Lang};
use crate::{l, lf};
use std::path::{Path, PathBuf};

/// A file name for a participant's sheet (letters, digits, `-` and `_`).
fn file_name(p: &Participant) -> String {
    let stem: String = p
        .name
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .trim_matches('-')
        .to_string();
    format!(
        "ratings-{}.xlsx",
        if stem.is_empty() {
            "participant"
        } else {
            &stem
        }
    )
}

/// Writes one sheet per participant into `dir` (created if missing), in
/// `lang` (the sheet's name and the cells read back stay the same in every
/// language); returns the files written.
pub fn export(a: &Assessment, r: &Review, dir: &Path, lang: Lang) -> Result<Vec<PathBuf>, Bi> {
    if a.participants.is_empty() {
        return Err(bi!(
            "the assessment has no workshop participants: add them in the register first",
            "l'évaluation n'a aucun participant à l'atelier : ajoutez-les d'abord dans le registre"
        ));
    }
    let failed = |what: String, e: &dyn std::fmt::Display| bi!("{what}: {e}", "{what} : {e}");
    std::fs::create_dir_all(dir).map_err(|e| failed(dir.display().to_string(), &e))?;
    let mut out = Vec::new();
    for p in &a.participants {
        let bytes = sheet(a, r, p, lang).map_err(|e| failed(p.name.clone(), &e))?;
        let path = dir.join(file_name(p));
        crate::assessment::file::write_atomic(&path, &bytes)
            .map_err(|e| failed(path.display().to_string(), &e))?;
        out.push(path);
    }
    Ok(out)
}

/// The sheet's head: title, participant, entity, as-of date, assessment
/// key, instructions and the table's header row.
fn write_head(
    ws: &mut rust_xlsxwriter::Worksheet,
    a: &Assessment,
    p: &Participant,
    lang: Lang,
    (bold, wrap): (&rust_xlsxwriter::Format, &rust_xlsxwriter::Format),
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let title = &a.meta.title;
    let c = crate::i18n::colon(lang);
    ws.write_string_with_format(
        0,
        0,
        format!(
            "{}{c} {title}",
            l!(lang, "Rating sheet", "Fiche de cotation")
        ),
        bold,
    )?;
    ws.write_string_with_format(ROW_PARTICIPANT, 0, "Participant", bold)?;
    ws.write_string(ROW_PARTICIPANT, 1, &p.name)?;
    ws.write_string_with_format(ROW_ENTITY, 0, l!(lang, "Entity", "Entité"), bold)?;
    ws.write_string(ROW_ENTITY, 1, &p.entity)?;
    ws.write_string_with_format(3, 0, l!(lang, "As of", "Date de référence"), bold)?;
    ws.write_string(3, 1, crate::i18n::date(lang, a.meta.as_of))?;
    ws.write_string_with_format(
        ROW_KEY,
        0,
        l!(lang, "Assessment key", "Clé de l'évaluation"),
        bold,
    )?;
    ws.write_string(ROW_KEY, 1, assessment_key(a))?;
    ws.write_string_with_format(
        5,
        0,
        l!(
            lang,
            "Rate each threat's likelihood and impact from 1 (lowest) to 5 (highest) in the white cells, with a comment if you wish; leave a cell empty to give no rating. Then return this file to the analyst.",
            "Cotez la probabilité et l'impact de chaque menace de 1 (le plus bas) à 5 (le plus haut) dans les cellules blanches, avec un commentaire si vous le souhaitez ; laissez une cellule vide pour ne pas coter. Renvoyez ensuite ce fichier à l'analyste."
        ),
        wrap,
    )?;
    let header = match lang {
        Lang::En => [
            "Entry",
            "Threat",
            "Regions",
            "Last 6 months (events, civilian fatalities, trend)",
            "Suggested L×I",
            "Likelihood (1–5)",
            "Impact (1–5)",
            "Comment",
        ],
        Lang::Fr => [
            "Entrée",
            "Menace",
            "Régions",
            "6 derniers mois (événements, civils tués, tendance)",
            "P×I suggéré",
            "Probabilité (1–5)",
            "Impact (1–5)",
            "Commentaire",
        ],
    };
    for (c, h) in header.iter().enumerate() {
        ws.write_string_with_format(ROW_HEADER, c as u16, *h, bold)?;
    }
    Ok(())
}

/// One participant's sheet as XLSX bytes.
fn sheet(
    a: &Assessment,
    r: &Review,
    p: &Participant,
    lang: Lang,
) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{DataValidation, Format, Workbook};
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let open = Format::new()
        .set_unlocked()
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let open_wrap = open.clone().set_text_wrap();
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    write_head(ws, a, p, lang, (&bold, &wrap))?;
    let c = crate::i18n::colon(lang);
    let one_to_five = DataValidation::new()
        .allow_list_strings(&["1", "2", "3", "4", "5"])?
        .set_error_title(l!(lang, "1 to 5", "1 à 5"))?
        .set_error_message(l!(
            lang,
            "Likelihood and impact are rated from 1 to 5.",
            "La probabilité et l'impact se cotent de 1 à 5."
        ))?;
    for (i, (e, er)) in a.register.iter().zip(&r.entries).enumerate() {
        let row = ROW_HEADER + 1 + i as u32;
        ws.write_number(row, COL_ID, f64::from(e.id))?;
        let threat = match &e.actor_group {
            Some(g) if !g.trim().is_empty() => {
                format!("{}{c} {}", e.perpetrator.label_in(lang), g.trim())
            }
            _ => e.perpetrator.label_in(lang).to_string(),
        };
        ws.write_string_with_format(row, 1, threat, &wrap)?;
        ws.write_string_with_format(row, 2, e.regions.join(", "), &wrap)?;
        ws.write_string(row, 3, {
            let (n, f) = (
                crate::i18n::count(lang, er.recent_events),
                crate::i18n::count(lang, er.recent_fatalities),
            );
            let t = er.trend.label_in(lang);
            lf!(
                lang,
                "{n} events, {f} civilian fatalities, {t}",
                "{n} événements, {f} civils tués, {t}"
            )
        })?;
        ws.write_string(
            row,
            4,
            er.suggested.map_or("–".to_string(), |s| {
                format!("{}×{}", s.likelihood, s.impact)
            }),
        )?;
        let mine = e.rating_of(&p.name);
        match mine.and_then(|m| m.likelihood) {
            Some(v) => ws.write_number_with_format(row, COL_LIKELIHOOD, f64::from(v), &open)?,
            None => ws.write_blank(row, COL_LIKELIHOOD, &open)?,
        };
        match mine.and_then(|m| m.impact) {
            Some(v) => ws.write_number_with_format(row, COL_IMPACT, f64::from(v), &open)?,
            None => ws.write_blank(row, COL_IMPACT, &open)?,
        };
        ws.write_string_with_format(
            row,
            COL_COMMENT,
            mine.map_or("", |m| m.comment.as_str()),
            &open_wrap,
        )?;
    }
    if !a.register.is_empty() {
        let last = ROW_HEADER + a.register.len() as u32;
        ws.add_data_validation(
            ROW_HEADER + 1,
            COL_LIKELIHOOD,
            last,
            COL_IMPACT,
            &one_to_five,
        )?;
    }
    ws.set_column_width(0, 16)?;
    ws.set_column_width(1, 34)?;
    ws.set_column_width(2, 28)?;
    ws.set_column_width(3, 30)?;
    ws.set_column_width(4, 12)?;
    ws.set_column_width(5, 14)?;
    ws.set_column_width(6, 12)?;
    ws.set_column_width(7, 40)?;
    // The name, the key and the threats are locked; the white cells are not.
    ws.protect();
    wb.save_to_buffer()
}
