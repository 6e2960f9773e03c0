//! Ratings collected offline (METHODOLOGY §10): one XLSX rating sheet per
//! participant — the threats with their data summary, drop-down lists 1–5
//! for likelihood and impact, a comment column, the participant's name and
//! the assessment's key locked in — and the filled sheets read back,
//! matched by entry id. Reading changes nothing: it gives the ratings and
//! every problem (unknown entries, values outside 1–5, a sheet of another
//! assessment), and the edits that apply them once the analyst accepts. A
//! participant's copy of the `.ron` can be merged the same way.

use super::edit::Edit;
use super::review::Review;
use super::{Assessment, Participant, ParticipantRating};
use crate::bi;
use crate::i18n::Bi;
use crate::i18n::Lang;
use crate::{l, lf};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The sheet every rating sheet holds.
pub const SHEET: &str = "Ratings";
/// Rows (0-based) of the sheet's fixed cells, column B.
const ROW_PARTICIPANT: u32 = 1;
const ROW_ENTITY: u32 = 2;
const ROW_KEY: u32 = 4;
/// The header row of the table; entries follow it.
const ROW_HEADER: u32 = 7;
/// Columns of the table.
const COL_ID: u16 = 0;
const COL_LIKELIHOOD: u16 = 5;
const COL_IMPACT: u16 = 6;
const COL_COMMENT: u16 = 7;

/// A key that names the assessment a sheet belongs to: its title, document
/// number, as-of date and the ids of its entries.
pub fn assessment_key(a: &Assessment) -> String {
    let mut h = Sha256::new();
    h.update(a.meta.title.trim().as_bytes());
    h.update([0]);
    h.update(a.meta.document_number.trim().as_bytes());
    h.update([0]);
    h.update(a.meta.as_of.to_string().as_bytes());
    for e in &a.register {
        h.update(e.id.to_le_bytes());
    }
    let d = h.finalize();
    d.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

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
        super::file::write_atomic(&path, &bytes)
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

/// What a filled sheet (or a participant's copy of the assessment) holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Collected {
    pub path: PathBuf,
    pub participant: Participant,
    /// Per entry id: the participant's rating.
    pub ratings: Vec<(u32, ParticipantRating)>,
    /// What cannot be taken, each naming the row: unknown entries, values
    /// outside 1–5, a sheet of another assessment.
    pub problems: Vec<Bi>,
    /// The sheet belongs to another assessment (nothing is taken from it).
    pub foreign: bool,
}

/// A 1–5 score from a cell: blank = none; anything else is a problem.
fn score(cell: &str) -> Result<Option<u8>, Bi> {
    let t = cell.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<f64>() {
        Ok(v) if v.fract() == 0.0 && (1.0..=5.0).contains(&v) => Ok(Some(v as u8)),
        _ => Err(bi!(
            "'{t}' is not a rating from 1 to 5",
            "« {t} » n'est pas une cote de 1 à 5"
        )),
    }
}

/// Reads a filled rating sheet against the assessment it should belong to.
pub fn read_sheet(a: &Assessment, path: &Path) -> Result<Collected, Bi> {
    use crate::import::workbook::{Event, Request, read};
    let mut rows: Vec<(u32, Vec<String>)> = Vec::new();
    let mut found = false;
    read(
        path,
        &Request {
            sheets: vec![SHEET.to_string()],
            ..Default::default()
        },
        &|| false,
        &mut |ev| {
            match ev {
                Event::Begin(_) => found = true,
                Event::Row(i, cells) => rows.push((i, cells.to_vec())),
                Event::Restart => rows.clear(),
                _ => {}
            }
            true
        },
    )
    .map_err(|e| {
        crate::import::workbook::message_bi(&e).prefixed(
            &format!("{}: ", path.display()),
            &format!("{} : ", path.display()),
        )
    })?;
    if !found {
        return Err(bi!(
            "{}: not a rating sheet (no sheet named \"{SHEET}\")",
            "{} : pas une fiche de cotation (aucune feuille nommée « {SHEET} »)",
            path.display()
        ));
    }
    let cell = |r: u32, c: u16| -> String {
        rows.iter()
            .find(|(i, _)| *i == r)
            .and_then(|(_, v)| v.get(c as usize))
            .cloned()
            .unwrap_or_default()
    };
    let mut out = Collected {
        path: path.to_path_buf(),
        participant: Participant {
            name: cell(ROW_PARTICIPANT, 1).trim().to_string(),
            entity: cell(ROW_ENTITY, 1).trim().to_string(),
        },
        ..Default::default()
    };
    let name = path.display();
    if out.participant.name.is_empty() {
        out.problems.push(bi!(
            "{name}: the participant's name (cell B2) is empty",
            "{name} : le nom du participant (cellule B2) est vide"
        ));
        out.foreign = true;
        return Ok(out);
    }
    if cell(ROW_KEY, 1).trim() != assessment_key(a) {
        out.problems.push(bi!(
            "{name}: the sheet belongs to another assessment (key {} in cell B5, this one's is {}): nothing is taken from it",
            "{name} : la fiche appartient à une autre évaluation (clé {} en cellule B5, celle-ci a {}) : rien n'en est repris",
            cell(ROW_KEY, 1).trim(),
            assessment_key(a)
        ));
        out.foreign = true;
        return Ok(out);
    }
    read_rows(a, &rows, &path.display().to_string(), &mut out);
    Ok(out)
}

/// The rated rows of a sheet (below the header), into `out`; each row that
/// cannot be taken is named in `out.problems`.
fn read_rows(a: &Assessment, rows: &[(u32, Vec<String>)], name: &str, out: &mut Collected) {
    for (i, v) in rows.iter().filter(|(i, _)| *i > ROW_HEADER) {
        let line = i + 1;
        let get = |c: u16| v.get(c as usize).cloned().unwrap_or_default();
        let id_text = get(COL_ID);
        if id_text.trim().is_empty() {
            continue;
        }
        let Some(id) = id_text
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|x| x.fract() == 0.0 && *x >= 0.0)
            .map(|x| x as u32)
        else {
            out.problems.push(bi!(
                "{name}, row {line}: '{}' is not an entry id",
                "{name}, ligne {line} : « {} » n'est pas un identifiant d'entrée",
                id_text.trim()
            ));
            continue;
        };
        if !a.register.iter().any(|e| e.id == id) {
            out.problems.push(bi!(
                "{name}, row {line}: entry {id} is not in the register (removed since the sheet was sent?)",
                "{name}, ligne {line} : l'entrée {id} n'est pas dans le registre (supprimée depuis l'envoi de la fiche ?)"
            ));
            continue;
        }
        let (l, im) = (score(&get(COL_LIKELIHOOD)), score(&get(COL_IMPACT)));
        let mut take = |r: Result<Option<u8>, Bi>, col: (&str, &str)| match r {
            Ok(v) => v,
            Err(e) => {
                out.problems.push(Bi::new(
                    format!("{name}, row {line}, {}: {}; left out", col.0, e.en()),
                    format!(
                        "{name}, ligne {line}, {} : {} ; laissé de côté",
                        col.1,
                        e.get(crate::i18n::Lang::Fr)
                    ),
                ));
                None
            }
        };
        let likelihood = take(l, ("likelihood", "probabilité"));
        let impact = take(im, ("impact", "impact"));
        let comment = get(COL_COMMENT).trim().to_string();
        if likelihood.is_none() && impact.is_none() && comment.is_empty() {
            continue;
        }
        out.ratings.push((
            id,
            ParticipantRating {
                participant: out.participant.name.clone(),
                likelihood,
                impact,
                comment,
            },
        ));
    }
}

/// Reads a participant's copy of the assessment: every rating in it of an
/// entry this assessment has (by id), by whoever gave it.
pub fn read_copy(a: &Assessment, path: &Path) -> Result<Vec<Collected>, Bi> {
    let copy = super::file::load(path).map_err(|e| crate::i18n::both(|l| e.text_in(l)))?;
    let mut by: std::collections::BTreeMap<String, Collected> = Default::default();
    for e in &copy.register {
        for r in &e.ratings {
            let c = by
                .entry(r.participant.clone())
                .or_insert_with(|| Collected {
                    path: path.to_path_buf(),
                    participant: copy
                        .participants
                        .iter()
                        .find(|p| p.name == r.participant)
                        .cloned()
                        .unwrap_or(Participant {
                            name: r.participant.clone(),
                            entity: String::new(),
                        }),
                    ..Default::default()
                });
            if a.register.iter().any(|x| x.id == e.id) {
                c.ratings.push((e.id, r.clone()));
            } else {
                c.problems.push(bi!(
                    "{}: entry {} is not in the register",
                    "{} : l'entrée {} n'est pas dans le registre",
                    path.display(),
                    e.id
                ));
            }
        }
    }
    Ok(by.into_values().collect())
}

/// The edits that take collected ratings into the assessment: one
/// `ReplaceEntry` per entry that changes (a participant's new rating
/// replaces their old one), and the participants not yet listed; one undo
/// step (`Edit::Batch`). `None` when nothing changes.
pub fn edits(a: &Assessment, collected: &[Collected]) -> Option<Edit> {
    let mut register = a.register.clone();
    let mut participants = a.participants.clone();
    for c in collected.iter().filter(|c| !c.foreign) {
        if !participants.iter().any(|p| p.name == c.participant.name) {
            participants.push(c.participant.clone());
        }
        for (id, r) in &c.ratings {
            let Some(e) = register.iter_mut().find(|e| e.id == *id) else {
                continue;
            };
            match e
                .ratings
                .iter_mut()
                .find(|x| x.participant == r.participant)
            {
                Some(x) => *x = r.clone(),
                None => e.ratings.push(r.clone()),
            }
        }
    }
    let mut batch = Vec::new();
    if participants != a.participants {
        batch.push(Edit::SetParticipants(participants));
    }
    for (i, (old, new)) in a.register.iter().zip(register).enumerate() {
        if *old != new {
            batch.push(Edit::ReplaceEntry(i, new));
        }
    }
    (!batch.is_empty()).then_some(Edit::Batch(batch))
}
