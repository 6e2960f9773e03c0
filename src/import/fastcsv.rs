//! A zero-copy record splitter for the body of large UTF-8 files: fields are
//! slices of the block they came from (a field is copied only when it holds
//! `""` escapes or text after its closing quote), their ends read off
//! 64-byte bit masks (`stops.rs`) and quoted fields closed with `memchr`,
//! rather than a byte-at-a-time state machine. It reproduces the csv crate's
//! reading (RFC 4180 quoting, `\r`, `\n` or `\r\n` ending a record, empty
//! lines skipped, ragged rows kept, a quote opening a quoted field only at
//! the start of a field, an unterminated quote running to the end); the
//! differential test below holds it to that on random input. The csv crate
//! reads the first rows for sniffing, and a record shown from its source.

use super::fields::Fields;
use std::borrow::Cow;
use std::cell::OnceCell;

/// `Span::owned` for a field that is a plain range of the block.
const OWNED_NONE: u32 = u32::MAX;
/// `Span::owned` bit for a quoted field whose range still holds `""`
/// escapes; the rest is its index in `Split::lazy`. It is unescaped only
/// when read, so a long note full of quotes costs nothing unless shown.
const ESCAPED: u32 = 1 << 31;

/// One field: a range of the block, an escaped range of it, or an index
/// into the record's owned (rebuilt) fields.
#[derive(Debug, Clone, Copy)]
struct Span {
    start: u32,
    end: u32,
    owned: u32,
}

/// A split record: where it starts and its fields.
#[derive(Debug, Default)]
pub struct Split {
    /// Byte offset of the record in the block.
    pub start: usize,
    /// Byte offset just past the record's last field (before its terminator).
    pub end: usize,
    /// Line of the record's first byte, counting from 1 at the block start.
    pub line: u64,
    /// A quoted field of this record is never closed (it ran to the end).
    pub unterminated: bool,
    spans: Vec<Span>,
    owned: Vec<Vec<u8>>,
    owned_used: usize,
    /// Escaped fields once unescaped, filled when first read.
    lazy: Vec<OnceCell<String>>,
    lazy_used: usize,
}

/// The content of a closed quoted field: `""` pairs read as one quote.
fn unescape(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(k) = memchr::memchr(b'"', rest) {
        out.extend_from_slice(&rest[..=k]);
        rest = rest.get(k + 2..).unwrap_or_default();
    }
    out.extend_from_slice(rest);
    out
}

impl Split {
    /// Number of fields.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// Whether the record has no fields (never true for a split record).
    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// Field `i` as bytes.
    pub fn bytes<'a>(&'a self, block: &'a [u8], i: usize) -> Option<Cow<'a, [u8]>> {
        let s = self.spans.get(i)?;
        Some(if s.owned == OWNED_NONE {
            Cow::Borrowed(&block[s.start as usize..s.end as usize])
        } else if s.owned & ESCAPED != 0 {
            Cow::Owned(unescape(&block[s.start as usize..s.end as usize]))
        } else {
            Cow::Borrowed(&self.owned[s.owned as usize])
        })
    }

    fn clear(&mut self) {
        self.spans.clear();
        self.owned_used = 0;
        for c in &mut self.lazy[..self.lazy_used] {
            c.take();
        }
        self.lazy_used = 0;
        self.unterminated = false;
    }

    fn push_slice(&mut self, start: usize, end: usize) {
        self.spans.push(Span {
            start: start as u32,
            end: end as u32,
            owned: OWNED_NONE,
        });
    }

    fn push_escaped(&mut self, start: usize, end: usize) {
        if self.lazy_used == self.lazy.len() {
            self.lazy.push(OnceCell::new());
        }
        self.spans.push(Span {
            start: start as u32,
            end: end as u32,
            owned: ESCAPED | self.lazy_used as u32,
        });
        self.lazy_used += 1;
    }

    fn push_owned(&mut self, bytes: &[u8]) {
        if self.owned_used == self.owned.len() {
            self.owned.push(Vec::new());
        }
        let o = &mut self.owned[self.owned_used];
        o.clear();
        o.extend_from_slice(bytes);
        self.spans.push(Span {
            start: 0,
            end: 0,
            owned: self.owned_used as u32,
        });
        self.owned_used += 1;
    }

    /// Appends to the last owned field.
    fn extend_owned(&mut self, bytes: &[u8]) {
        if let Some(o) = self.owned.get_mut(self.owned_used.wrapping_sub(1)) {
            o.extend_from_slice(bytes);
        }
    }
}

/// Splits the records of a block. Blocks must not exceed 4 GiB.
pub struct Splitter<'a> {
    data: &'a [u8],
    delimiter: u8,
    pos: usize,
    line: u64,
    /// Bytes that end an unquoted field: the delimiter, `\r`, `\n`.
    stops: super::stops::Stops,
}

impl<'a> Splitter<'a> {
    pub fn new(data: &'a [u8], delimiter: u8) -> Self {
        Splitter {
            data,
            delimiter,
            pos: 0,
            line: 1,
            stops: super::stops::Stops::new(delimiter),
        }
    }

    /// The first delimiter or terminator at or after `from` (or the end).
    #[inline]
    fn field_end(&mut self, from: usize) -> usize {
        self.stops.next(self.data, from)
    }

    /// Reads the next record into `rec`; false at the end of the block.
    pub fn next_record(&mut self, rec: &mut Split) -> bool {
        let data = self.data;
        let d = self.delimiter;
        // Empty lines are not records.
        while let Some(&b) = data.get(self.pos) {
            match b {
                b'\n' => {
                    self.line += 1;
                    self.pos += 1;
                }
                b'\r' => {
                    // A bare CR ends a line too (old Mac files).
                    self.pos += 1;
                    if data.get(self.pos) != Some(&b'\n') {
                        self.line += 1;
                    }
                }
                _ => break,
            }
        }
        if self.pos >= data.len() {
            return false;
        }
        rec.clear();
        rec.start = self.pos;
        rec.line = self.line;
        loop {
            let f = self.pos;
            let stop = if data.get(f) == Some(&b'"') {
                self.quoted_field(rec, f + 1)
            } else {
                let e = self.field_end(f);
                rec.push_slice(f, e);
                e
            };
            // `stop` is at a delimiter, a terminator or the end.
            rec.end = stop;
            match data.get(stop) {
                None => {
                    self.pos = data.len();
                    return true;
                }
                Some(&b) if b == d => self.pos = stop + 1,
                Some(b'\r') => {
                    // CRLF or a bare CR: one line either way.
                    self.pos = stop + 1;
                    if data.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    self.line += 1;
                    return true;
                }
                Some(_) => {
                    // '\n'
                    self.pos = stop + 1;
                    self.line += 1;
                    return true;
                }
            }
        }
    }

    /// A quoted field whose content starts at `start`; returns where the
    /// field stops (delimiter, terminator or end). Line feeds inside it are
    /// counted on the way.
    fn quoted_field(&mut self, rec: &mut Split, start: usize) -> usize {
        let data = self.data;
        let mut i = start;
        let mut escaped = false;
        loop {
            let Some(k) = memchr::memchr2(b'"', b'\n', &data[i..]) else {
                // Unterminated: the rest of the block is the field.
                rec.unterminated = true;
                if escaped {
                    rec.push_escaped(start, data.len());
                } else {
                    rec.push_slice(start, data.len());
                }
                return data.len();
            };
            let q = i + k;
            if data[q] == b'\n' {
                self.line += 1;
                i = q + 1;
                continue;
            }
            if data.get(q + 1) == Some(&b'"') {
                // `""`: one quote of content.
                escaped = true;
                i = q + 2;
                continue;
            }
            // The closing quote; anything up to the next delimiter or
            // terminator is more (literal) content.
            let after = q + 1;
            let stop = self.field_end(after);
            if stop == after {
                if escaped {
                    rec.push_escaped(start, q);
                } else {
                    rec.push_slice(start, q);
                }
            } else {
                if escaped {
                    rec.push_owned(&unescape(&data[start..q]));
                } else {
                    rec.push_owned(&data[start..q]);
                }
                rec.extend_owned(&data[after..stop]);
            }
            return stop;
        }
    }
}

/// A split record whose text is valid UTF-8, as `Fields`.
pub struct TextRecord<'a> {
    pub split: &'a Split,
    /// The record's bytes (`split.start..split.end` of its block), validated once.
    pub text: &'a str,
}

impl<'a> TextRecord<'a> {
    /// The record, or `None` when its bytes are not valid UTF-8.
    pub fn new(split: &'a Split, block: &'a [u8]) -> Option<Self> {
        let text = simdutf8::basic::from_utf8(block.get(split.start..split.end)?).ok()?;
        Some(TextRecord { split, text })
    }
}

impl Fields for TextRecord<'_> {
    fn field(&self, i: usize) -> Option<&str> {
        let s = self.split.spans.get(i)?;
        // Fields split at ASCII bytes, so ranges are char boundaries.
        let base = self.split.start;
        let range = || {
            self.text
                .get(s.start as usize - base..s.end as usize - base)
        };
        if s.owned == OWNED_NONE {
            range()
        } else if s.owned & ESCAPED != 0 {
            let cell = self.split.lazy.get((s.owned & !ESCAPED) as usize)?;
            let raw = range()?;
            // Removing quotes from valid UTF-8 leaves valid UTF-8.
            Some(
                cell.get_or_init(|| {
                    String::from_utf8(unescape(raw.as_bytes())).unwrap_or_default()
                }),
            )
        } else {
            std::str::from_utf8(&self.split.owned[s.owned as usize]).ok()
        }
    }
    fn count(&self) -> usize {
        self.split.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Lcg(u64);
    impl Lcg {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (self.0 >> 33) % n
        }
    }

    fn ours(data: &[u8], d: u8) -> Vec<(Vec<Vec<u8>>, u64, u64)> {
        let mut s = Splitter::new(data, d);
        let mut rec = Split::default();
        let mut out = Vec::new();
        while s.next_record(&mut rec) {
            let fields: Vec<Vec<u8>> = (0..rec.len())
                .map(|i| rec.bytes(data, i).unwrap_or_default().into_owned())
                .collect();
            // As text, the same fields.
            let t = TextRecord::new(&rec, data).expect("the alphabet is UTF-8");
            for (i, f) in fields.iter().enumerate() {
                assert_eq!(t.field(i).map(str::as_bytes), Some(&f[..]));
            }
            assert_eq!(t.count(), fields.len());
            out.push((fields, rec.line, rec.start as u64));
        }
        out
    }

    fn theirs(data: &[u8], d: u8) -> Vec<(Vec<Vec<u8>>, u64, u64)> {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(d)
            .from_reader(data);
        let mut rec = csv::ByteRecord::new();
        let mut out = Vec::new();
        while r.read_byte_record(&mut rec).unwrap_or(false) {
            // The csv crate gives the position where it started reading,
            // before the line break of a CRLF and any blank lines; the record
            // itself starts after them.
            let pos = rec.position().cloned().unwrap_or_else(csv::Position::new);
            let (mut byte, mut line) = (pos.byte() as usize, pos.line());
            while let Some(&b) = data.get(byte).filter(|b| matches!(b, b'\r' | b'\n')) {
                line += u64::from(b == b'\n');
                byte += 1;
            }
            out.push((rec.iter().map(<[u8]>::to_vec).collect(), line, byte as u64));
        }
        out
    }

    #[test]
    fn splits_exactly_as_the_csv_crate_on_random_input() {
        let mut rng = Lcg(42);
        // A run longer than the 64-byte window the stops are read in, so
        // that fields also cross windows.
        let long = [b'x'; 71];
        let alphabet: [&[u8]; 11] = [
            &long,
            b"a",
            b"bc",
            b" ",
            b",",
            b";",
            b"\"",
            b"\n",
            b"\r",
            b"\r\n",
            "é".as_bytes(),
        ];
        for case in 0..20_000 {
            let d = if case % 3 == 0 { b';' } else { b',' };
            let n = rng.below(60);
            let mut data = Vec::new();
            for _ in 0..n {
                // Quotes and delimiters often, to reach every state.
                let pick = rng.below(alphabet.len() as u64) as usize;
                data.extend_from_slice(alphabet[pick]);
            }
            // The csv crate counts only line feeds as lines; a bare CR
            // ends a line here too (old Mac files), so with one the line
            // numbers are held by `a_bare_cr_ends_a_line` instead.
            let bare_cr =
                (0..data.len()).any(|i| data[i] == b'\r' && data.get(i + 1) != Some(&b'\n'));
            let strip = |v: Vec<(Vec<Vec<u8>>, u64, u64)>| -> Vec<(Vec<Vec<u8>>, u64, u64)> {
                v.into_iter()
                    .map(|(f, l, b)| (f, if bare_cr { 0 } else { l }, b))
                    .collect()
            };
            assert_eq!(
                strip(ours(&data, d)),
                strip(theirs(&data, d)),
                "case {case}: {:?}",
                String::from_utf8_lossy(&data)
            );
        }
    }

    #[test]
    fn a_bare_cr_ends_a_line() {
        // Records on lines 1, 2 and 4 (line 3 is blank); a CR inside quotes
        // is content, a CRLF one line.
        let data = b"a,b\rc,\"x\ry\"\r\re,f\r\ng,h";
        let lines: Vec<u64> = ours(data, b',').into_iter().map(|r| r.1).collect();
        assert_eq!(lines, [1, 2, 4, 5]);
    }

    #[test]
    fn fields_are_slices_unless_escaped() {
        let data = b"a,\"b\"\"c\",\"d\"e, \"f\"\n\"x\ny\",z";
        let mut s = Splitter::new(data, b',');
        let mut rec = Split::default();
        assert!(s.next_record(&mut rec));
        let f: Vec<Vec<u8>> = (0..rec.len())
            .map(|i| rec.bytes(data, i).unwrap_or_default().into_owned())
            .collect();
        assert_eq!(f, [&b"a"[..], b"b\"c", b"de", b" \"f\""]);
        assert!(s.next_record(&mut rec));
        assert_eq!(rec.line, 2);
        assert_eq!(rec.bytes(data, 0).as_deref(), Some(&b"x\ny"[..]));
        assert!(!s.next_record(&mut rec));
    }
}
