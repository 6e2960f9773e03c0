//! The annex as CSV: one file per table, named by the table's id
//! (`threat-matrix.csv`, `register.csv`, …), each opening with the
//! classification as a `#` line, plus a README.txt with the
//! classification line and the list of files. Counts are plain digits;
//! withheld cells are `<k` or `x`; text that a spreadsheet would read as a
//! formula is prefixed with `'`.

use super::markdown::header_line;
use super::{Annex, Cell, Table, needs_formula_escape};

fn field(c: &Cell) -> String {
    match c {
        Cell::Count(n) => n.to_string(),
        Cell::Decimal(v, d) => format!("{v:.d$}"),
        Cell::Text(s) if needs_formula_escape(s) => format!("'{s}"),
        other => other.display(),
    }
}

/// One table as CSV bytes (UTF-8, with a BOM so Excel reads accents right).
pub fn table(t: &Table) -> Vec<u8> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    let header: Vec<String> = t
        .header
        .iter()
        .map(|h| field(&Cell::Text(h.clone())))
        .collect();
    record(&mut out, header.iter().map(String::as_str));
    for r in &t.rows {
        let fields: Vec<String> = r.iter().map(field).collect();
        record(&mut out, fields.iter().map(String::as_str));
    }
    out
}

/// One CSV record (RFC 4180: a field with a comma, quote or line break is
/// quoted, quotes doubled), ended by a line feed. Written by hand because
/// the csv crate's writer returns errors that cannot happen on a `Vec`.
fn record<'a>(out: &mut Vec<u8>, fields: impl ExactSizeIterator<Item = &'a str>) {
    let n = fields.len();
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        // A lone empty field is quoted, or the record would read as a blank line.
        if f.contains([',', '"', '\n', '\r']) || (n == 1 && f.is_empty()) {
            out.push(b'"');
            out.extend_from_slice(f.replace('"', "\"\"").as_bytes());
            out.push(b'"');
        } else {
            out.extend_from_slice(f.as_bytes());
        }
    }
    out.push(b'\n');
}

/// One table as a file of the folder: its first line is the
/// classification, marked `#` so that readers can skip it (pandas:
/// `comment="#"`; R: `comment.char = "#"`).
fn classified_table(annex: &Annex, t: &Table) -> Vec<u8> {
    let body = table(t);
    let mut out = vec![0xEF, 0xBB, 0xBF];
    out.extend_from_slice(format!("# {}\n", annex.classification).as_bytes());
    out.extend_from_slice(&body[3..]);
    out
}

/// Every file of the folder: (name, bytes). The README comes last.
pub fn files(annex: &Annex) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = annex
        .tables()
        .map(|t| (format!("{}.csv", t.id), classified_table(annex, t)))
        .collect();
    let lang = annex.lang;
    let mut readme = crate::lf!(
        lang,
        "{}\n\n{}\n{}\n{}\n\nOne CSV file per table of the annex. The first line of each is the classification above, starting with #: skip it when reading (pandas: comment=\"#\"; R: comment.char = \"#\").\n",
        "{}\n\n{}\n{}\n{}\n\nUn fichier CSV par tableau de l'annexe. La première ligne de chacun est la classification ci-dessus, commençant par # : ignorez-la à la lecture (pandas : comment=\"#\" ; R : comment.char = \"#\"). Les nombres sont écrits sans séparateur de milliers, avec un point décimal.\n",
        annex.classification,
        annex.title,
        annex.subtitle,
        header_line(annex)
    );
    for t in annex.tables() {
        readme.push_str(&format!("- {}.csv: {}\n", t.id, t.caption));
    }
    if annex.level != crate::assessment::SharingLevel::Internal {
        readme.push_str(&crate::lf!(
            lang,
            "\n<{k} = a count between 1 and {}; x = withheld so that a small count cannot be worked out from the totals.\n",
            "\n<{k} = un nombre entre 1 et {} ; x = masqué pour qu'un petit nombre ne puisse pas être déduit des totaux.\n",
            annex.k - 1,
            k = annex.k
        ));
    }
    readme.push_str(crate::l!(lang, "\nSources:\n", "\nSources :\n"));
    for a in &annex.attributions {
        readme.push_str(&format!("- {a}\n"));
    }
    out.push(("README.txt".into(), readme.into_bytes()));
    out
}
