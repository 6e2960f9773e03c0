//! Sniffing a file before reading it: container (text, XLSX, XLS), text
//! encoding, delimiter, and where the header and HXL tag rows are.

use super::fields::{Fields, is_tag_row};

/// What the first bytes say a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    Text,
    /// A zip: XLSX (or another Office Open XML file).
    Zip,
    /// An OLE compound file: legacy XLS, or an encrypted XLSX.
    Ole,
}

/// Tells the container from the magic bytes.
pub fn container(head: &[u8]) -> Container {
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        Container::Zip
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Container::Ole
    } else {
        Container::Text
    }
}

/// A text encoding the importers read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8; `bom` says whether the file starts with one.
    Utf8 {
        bom: bool,
    },
    Utf16Le {
        bom: bool,
    },
    Utf16Be {
        bom: bool,
    },
    /// Windows-1252 (a superset of ISO-8859-1's printable range).
    Windows1252,
}

impl TextEncoding {
    /// A label for the report.
    pub fn label(self) -> &'static str {
        self.label_in(crate::i18n::Lang::En)
    }

    /// The encoding's name in a language.
    pub fn label_in(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::l;
        match self {
            Self::Utf8 { bom: true } => l!(lang, "UTF-8 with BOM", "UTF-8 avec BOM"),
            Self::Utf16Le { bom: true } => l!(lang, "UTF-16LE with BOM", "UTF-16LE avec BOM"),
            Self::Utf16Le { bom: false } => {
                l!(lang, "UTF-16LE without BOM", "UTF-16LE sans BOM")
            }
            Self::Utf16Be { bom: true } => l!(lang, "UTF-16BE with BOM", "UTF-16BE avec BOM"),
            Self::Utf16Be { bom: false } => {
                l!(lang, "UTF-16BE without BOM", "UTF-16BE sans BOM")
            }
            _ => self.plain_label(),
        }
    }

    fn plain_label(self) -> &'static str {
        match self {
            Self::Utf8 { bom: false } => "UTF-8",
            Self::Utf8 { bom: true } => "UTF-8 with BOM",
            Self::Utf16Le { bom: true } => "UTF-16LE with BOM",
            Self::Utf16Le { bom: false } => "UTF-16LE without BOM",
            Self::Utf16Be { bom: true } => "UTF-16BE with BOM",
            Self::Utf16Be { bom: false } => "UTF-16BE without BOM",
            Self::Windows1252 => "Windows-1252",
        }
    }
}

/// Guesses the encoding from the first bytes of a file (a sample of up to
/// 64 KiB): the BOM, else the NUL pattern of UTF-16, else whether the sample
/// is valid UTF-8 (a character cut at the sample's end does not count).
pub fn encoding(sample: &[u8], sample_is_whole_file: bool) -> TextEncoding {
    if sample.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return TextEncoding::Utf8 { bom: true };
    }
    if sample.starts_with(&[0xFF, 0xFE]) {
        return TextEncoding::Utf16Le { bom: true };
    }
    if sample.starts_with(&[0xFE, 0xFF]) {
        return TextEncoding::Utf16Be { bom: true };
    }
    let probe = &sample[..sample.len().min(4096)];
    if probe.len() >= 4 {
        let even_nuls = probe.iter().step_by(2).filter(|&&b| b == 0).count();
        let odd_nuls = probe.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
        let half = probe.len() / 2;
        if odd_nuls * 10 > half * 6 && even_nuls * 10 < half {
            return TextEncoding::Utf16Le { bom: false };
        }
        if even_nuls * 10 > half * 6 && odd_nuls * 10 < half {
            return TextEncoding::Utf16Be { bom: false };
        }
    }
    match std::str::from_utf8(sample) {
        Ok(_) => TextEncoding::Utf8 { bom: false },
        Err(e) if e.error_len().is_none() && !sample_is_whole_file => {
            TextEncoding::Utf8 { bom: false }
        }
        Err(_) => {
            // Mostly UTF-8 with a few stray bytes stays UTF-8 (each bad field
            // is read as Windows-1252 and reported); no multi-byte UTF-8 at
            // all means a single-byte encoding.
            let lossy = String::from_utf8_lossy(sample);
            let multibyte = lossy
                .chars()
                .filter(|&c| c as u32 > 0x7F && c != '\u{FFFD}')
                .count();
            let bad = lossy.chars().filter(|&c| c == '\u{FFFD}').count();
            if multibyte > bad * 4 {
                TextEncoding::Utf8 { bom: false }
            } else {
                TextEncoding::Windows1252
            }
        }
    }
}

/// Decodes a whole non-UTF-8 file (or UTF-8 with BOM) to UTF-8 text.
pub fn decode_all(bytes: &[u8], enc: TextEncoding) -> String {
    let (encoding, skip) = match enc {
        TextEncoding::Utf8 { bom } => (encoding_rs::UTF_8, if bom { 3 } else { 0 }),
        TextEncoding::Utf16Le { bom } => (encoding_rs::UTF_16LE, if bom { 2 } else { 0 }),
        TextEncoding::Utf16Be { bom } => (encoding_rs::UTF_16BE, if bom { 2 } else { 0 }),
        TextEncoding::Windows1252 => (encoding_rs::WINDOWS_1252, 0),
    };
    let body = bytes.get(skip..).unwrap_or(&[]);
    let (text, _) = encoding.decode_without_bom_handling(body);
    text.into_owned()
}

/// Candidate delimiters, in preference order on a tie.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Picks the delimiter that splits the first records into the most
/// consistent number of fields (more than one). Quotes are honoured, so a
/// comma file whose notes are full of `;` stays a comma file.
pub fn delimiter(sample: &str) -> u8 {
    let mut best = (b',', 0usize, 0usize);
    for d in DELIMITERS {
        let rows = preview_rows(sample, d, 30);
        if rows.is_empty() {
            continue;
        }
        let mut counts = std::collections::HashMap::new();
        for r in &rows {
            *counts.entry(r.len()).or_insert(0usize) += 1;
        }
        let (mode, freq) = counts
            .into_iter()
            .max_by_key(|&(width, n)| (n, width))
            .unwrap_or((0, 0));
        if mode < 2 {
            continue;
        }
        // Consistency first, then width.
        if (freq, mode) > (best.1, best.2) {
            best = (d, freq, mode);
        }
    }
    best.0
}

/// Parses up to `max` records of a text sample with `delimiter`, leniently.
pub fn preview_rows(sample: &str, delimiter: u8, max: usize) -> Vec<Vec<String>> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(sample.as_bytes());
    let mut out = Vec::new();
    for rec in rdr.records().take(max) {
        match rec {
            Ok(r) => out.push(r.iter().map(str::to_string).collect()),
            Err(_) => break,
        }
    }
    // The last record of a cut sample may be partial: drop it unless it is
    // all we have.
    if out.len() > 1 && !sample.ends_with('\n') {
        out.pop();
    }
    out
}

/// Where the table starts in a preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Index (in preview rows) of the header row, if any.
    pub header: Option<usize>,
    /// Index of the HXL tag row, if any.
    pub tags: Option<usize>,
    /// Index of the first data row.
    pub data: usize,
}

/// Finds the header and tag rows among the first rows of a table: a tag row
/// anywhere in the first 25 rows (its header is the row above, if that row
/// has names); else the row with ACLED's or UCDP's names; else the first row
/// that is about as wide as the table and holds text, which skips title rows.
pub fn layout(rows: &[Vec<String>], known_header: impl Fn(&[String]) -> bool) -> Layout {
    let non_empty = |r: &Vec<String>| r.iter().filter(|c| !c.trim().is_empty()).count();
    let scan = rows.len().min(25);
    for i in 0..scan {
        if is_tag_row(&rows[i]) {
            let header = if i > 0 && non_empty(&rows[i - 1]) > 0 && !is_tag_row(&rows[i - 1]) {
                Some(i - 1)
            } else {
                None
            };
            return Layout {
                header,
                tags: Some(i),
                data: i + 1,
            };
        }
        if known_header(&rows[i]) {
            let tags = rows.get(i + 1).filter(|r| is_tag_row(r)).map(|_| i + 1);
            return Layout {
                header: Some(i),
                tags,
                data: tags.map_or(i + 1, |t| t + 1),
            };
        }
    }
    let widest = rows[..scan].iter().map(non_empty).max().unwrap_or(0);
    let header = rows[..scan].iter().position(|r| {
        let n = non_empty(r);
        n >= 1
            && n * 10 >= widest * 6
            && r.iter()
                .filter(|c| !c.trim().is_empty())
                .all(|c| c.trim().parse::<f64>().is_err())
    });
    match header {
        Some(h) => Layout {
            header: Some(h),
            tags: None,
            data: h + 1,
        },
        None => Layout {
            header: None,
            tags: None,
            data: 0,
        },
    }
}

/// Whether a record is entirely blank.
pub fn is_blank(row: &dyn Fields) -> bool {
    (0..row.count()).all(|i| row.field(i).is_none_or(|f| f.trim().is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(delimiter("a;b;c\n1;2,5;3\n"), b';');
        assert_eq!(delimiter("a\tb\tc\n1\t2\t3\n"), b'\t');
        assert_eq!(delimiter("a|b|c\n1|2|3\n"), b'|');
        assert_eq!(delimiter("a,b,notes\n1,2,\"x; y; z\"\n3,4,\"p;q\"\n"), b',');
    }

    #[test]
    fn encodings() {
        assert_eq!(
            encoding(b"\xEF\xBB\xBFa,b", true),
            TextEncoding::Utf8 { bom: true }
        );
        assert_eq!(
            encoding(b"\xFF\xFEa\0,\0", true),
            TextEncoding::Utf16Le { bom: true }
        );
        assert_eq!(
            encoding(b"a\0,\0b\0\n\0", true),
            TextEncoding::Utf16Le { bom: false }
        );
        assert_eq!(
            encoding("Ségou,Mopti".as_bytes(), true),
            TextEncoding::Utf8 { bom: false }
        );
        assert_eq!(
            encoding(b"S\xe9gou,M\xe9naka", true),
            TextEncoding::Windows1252
        );
    }

    #[test]
    fn layouts() {
        let rows: Vec<Vec<String>> = vec![
            vec!["Title".into(), "".into(), "".into()],
            vec!["Date".into(), "Region".into(), "Killed".into()],
            vec![
                "#date".into(),
                "#adm1+name".into(),
                "#affected+killed".into(),
            ],
            vec!["2020-01-01".into(), "X".into(), "1".into()],
        ];
        assert_eq!(
            layout(&rows, |_| false),
            Layout {
                header: Some(1),
                tags: Some(2),
                data: 3
            }
        );
        let untagged = vec![rows[0].clone(), rows[1].clone(), rows[3].clone()];
        assert_eq!(
            layout(&untagged, |_| false),
            Layout {
                header: Some(1),
                tags: None,
                data: 2
            }
        );
    }
}
