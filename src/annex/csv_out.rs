//! The annex as CSV: one file per table, named by the table's id
//! (`threat-matrix.csv`, `register.csv`, …), plus a README.txt with the
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
    let mut w = csv::WriterBuilder::new().from_writer(vec![0xEF, 0xBB, 0xBF]);
    let header: Vec<String> = t
        .header
        .iter()
        .map(|h| field(&Cell::Text(h.clone())))
        .collect();
    let _ = w.write_record(&header);
    for r in &t.rows {
        let _ = w.write_record(r.iter().map(field));
    }
    w.into_inner().unwrap_or_default()
}

/// Every file of the folder: (name, bytes). The README comes last.
pub fn files(annex: &Annex) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = annex
        .tables()
        .map(|t| (format!("{}.csv", t.id), table(t)))
        .collect();
    let mut readme = format!(
        "{}\n\n{}\n{}\n{}\n\nOne CSV file per table of the annex:\n",
        annex.classification,
        annex.title,
        annex.subtitle,
        header_line(annex)
    );
    for t in annex.tables() {
        readme.push_str(&format!("- {}.csv: {}\n", t.id, t.caption));
    }
    if annex.level != crate::assessment::SharingLevel::Internal {
        readme.push_str(&format!(
            "\n<{k} = a count between 1 and {}; x = withheld so that a small count cannot be worked out from the totals.\n",
            annex.k - 1,
            k = annex.k
        ));
    }
    readme.push_str("\nSources:\n");
    for a in &annex.attributions {
        readme.push_str(&format!("- {a}\n"));
    }
    out.push(("README.txt".into(), readme.into_bytes()));
    out
}
