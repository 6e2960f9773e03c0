//! Ratings collected offline (METHODOLOGY §10): one XLSX rating sheet per
//! participant — the threats with their data summary, drop-down lists 1–5
//! for likelihood and impact, a comment column, the participant's name and
//! the assessment's key locked in — and the filled sheets read back,
//! matched by entry id. Reading changes nothing: it gives the ratings and
//! every problem (unknown entries, values outside 1–5, a sheet of another
//! assessment), and the edits that apply them once the analyst accepts. A
//! participant's copy of the `.ron` can be merged the same way.

use super::edit::Edit;
use super::{Assessment, Participant, ParticipantRating};
use crate::bi;
use crate::i18n::Bi;
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

mod write;
pub use write::export;

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
