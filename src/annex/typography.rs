//! French typography on a finished annex: a narrow no-break space (U+202F)
//! before `:` `;` `?` `!` `%` and `»` and after `«`, so that a line never
//! breaks between a word and its punctuation in DOCX, HTML or PDF. Applied
//! to every string the document prints once it is built in French (the
//! builders write plain spaces). Text written without a space before its
//! punctuation (the analyst's English) is left as written; counts and
//! figures are not touched.

use super::{Annex, Block, Cell};

const NNBSP: char = '\u{202F}';

/// The annex with French spacing around its punctuation.
pub(super) fn french(annex: &mut Annex) {
    for s in [&mut annex.title, &mut annex.subtitle] {
        *s = spaced(s);
    }
    for s in &mut annex.attributions {
        *s = spaced(s);
    }
    for section in &mut annex.sections {
        section.title = spaced(&section.title);
        for b in &mut section.blocks {
            match b {
                Block::Heading(s) | Block::Paragraph(s) => *s = spaced(s),
                Block::Bullets(items) => items.iter_mut().for_each(|s| *s = spaced(s)),
                Block::Table(t) => {
                    t.caption = spaced(&t.caption);
                    t.header.iter_mut().for_each(|s| *s = spaced(s));
                    t.notes.iter_mut().for_each(|s| *s = spaced(s));
                    for row in &mut t.rows {
                        for c in row.iter_mut() {
                            if let Cell::Text(s) = c {
                                *s = spaced(s);
                            }
                        }
                    }
                }
                Block::Figure(f) => {
                    f.caption = spaced(&f.caption);
                    f.alt = spaced(&f.alt);
                }
            }
        }
    }
}

/// One string with French spacing: a space before the high punctuation
/// becomes a narrow no-break space, as does the space inside guillemets.
pub(crate) fn spaced(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let prev = i.checked_sub(1).map(|j| chars[j]);
        match c {
            // A plain or no-break space before high punctuation.
            ' ' | '\u{00A0}' if matches!(next, Some(':' | ';' | '?' | '!' | '%' | '»')) => {
                out.push(NNBSP);
            }
            // The space after an opening guillemet.
            ' ' | '\u{00A0}' if prev == Some('«') => out.push(NNBSP),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::spaced;

    #[test]
    fn high_punctuation_and_guillemets_get_a_narrow_no_break_space() {
        assert_eq!(
            spaced("Période : 2020 ; « Méthode » 69 % ?"),
            "Période\u{202F}: 2020\u{202F}; «\u{202F}Méthode\u{202F}» 69\u{202F}%\u{202F}?"
        );
        // Text written without the space (the analyst's English, a time,
        // a URL) is left as written.
        assert_eq!(
            spaced("these states; the analyst"),
            "these states; the analyst"
        );
        assert_eq!(spaced("https://x.org 12:30"), "https://x.org 12:30");
        // Already right: unchanged.
        let right = "Tableau 1\u{202F}: x";
        assert_eq!(spaced(right), right);
    }
}
