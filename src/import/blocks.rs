//! Cutting a UTF-8 CSV stream into blocks that end on record boundaries, so
//! that workers can split and map blocks in parallel. The scan follows the
//! csv crate's quoting rules (a quote opens a quoted field only at the start
//! of a field; `""` inside quotes is a quote), looking only at quotes and
//! line feeds, found 64 bytes at a time (`stops.rs`).

use std::io::Read;

/// Bytes read per block (a block grows when one record is larger).
pub const BLOCK_BYTES: usize = 1 << 20;

/// The end (exclusive) of the last complete record in `data`, which starts
/// at a record boundary; `None` when no record ends in it.
pub fn last_record_end(data: &[u8], delimiter: u8) -> Option<usize> {
    scan(data, delimiter).map(|(end, _)| end)
}

/// `last_record_end`, with the number of line feeds before that end.
fn scan(data: &[u8], delimiter: u8) -> Option<(usize, u64)> {
    let mut in_quotes = false;
    let mut skip = usize::MAX;
    let mut last = None;
    let mut lines = 0u64;
    // Only quotes and line feeds matter; whether a quote opens a field is
    // read from the byte before it.
    for pos in super::stops::matches(data, [b'"', b'\n', b'\r']) {
        if pos == skip {
            continue;
        }
        let b = data[pos];
        if b == b'\r' {
            // A bare CR outside quotes ends a line, as the splitter counts
            // it; a CR before LF, or inside quotes, is not counted here.
            if !in_quotes && data.get(pos + 1) != Some(&b'\n') {
                lines += 1;
            }
            continue;
        }
        if b == b'\n' {
            lines += 1;
        }
        if in_quotes {
            if b == b'"' {
                if data.get(pos + 1) == Some(&b'"') {
                    skip = pos + 1;
                } else {
                    in_quotes = false;
                }
            }
            continue;
        }
        if b == b'\n' {
            last = Some((pos + 1, lines));
        } else if b == b'"' {
            let field_start =
                pos == 0 || matches!(data[pos - 1], b'\n' | b'\r') || data[pos - 1] == delimiter;
            if field_start {
                in_quotes = true;
            }
        }
    }
    last
}

/// Reads a stream block by block; each block holds whole records (the last
/// block may end inside an unterminated quote).
pub struct Blocks<R: Read> {
    source: R,
    delimiter: u8,
    carry: Vec<u8>,
    eof: bool,
    block_bytes: usize,
    /// Bytes of the stream handed out so far.
    pub consumed: u64,
    /// Line feeds in the last block handed out.
    pub lines: u64,
}

impl<R: Read> Blocks<R> {
    pub fn new(source: R, delimiter: u8) -> Self {
        Self::with_block_size(source, delimiter, BLOCK_BYTES)
    }

    /// With blocks of about `block_bytes` (tests use small ones).
    pub fn with_block_size(source: R, delimiter: u8, block_bytes: usize) -> Self {
        Blocks {
            source,
            delimiter,
            carry: Vec::new(),
            eof: false,
            block_bytes: block_bytes.max(16),
            consumed: 0,
            lines: 0,
        }
    }

    /// Starts again at byte `origin` of the source (where it stood when
    /// the blocks began), as if new.
    pub fn restart(&mut self, origin: u64) -> std::io::Result<()>
    where
        R: std::io::Seek,
    {
        self.source.seek(std::io::SeekFrom::Start(origin))?;
        self.carry.clear();
        self.eof = false;
        self.consumed = 0;
        self.lines = 0;
        Ok(())
    }

    /// Whether the last block has been handed out.
    pub fn at_end(&self) -> bool {
        self.eof && self.carry.is_empty()
    }

    /// The next block, in `buf` (reused; read into its spare room, which
    /// is never zeroed first); `Ok(false)` at the end.
    pub fn next_block(&mut self, buf: &mut Vec<u8>) -> std::io::Result<bool> {
        let mut want = self.block_bytes.max(self.carry.len() + 1);
        buf.clear();
        buf.reserve(want);
        buf.extend_from_slice(&self.carry);
        self.carry.clear();
        loop {
            if !self.eof && buf.len() < want {
                let room = want - buf.len();
                // Stops at the limit or at the end of the stream; a read
                // that is interrupted is retried.
                let got = (&mut self.source).take(room as u64).read_to_end(buf)?;
                if got < room {
                    self.eof = true;
                }
            }
            if self.eof {
                self.consumed += buf.len() as u64;
                self.lines = memchr::memchr_iter(b'\n', buf).count() as u64;
                return Ok(!buf.is_empty());
            }
            if let Some((end, lines)) = scan(buf, self.delimiter) {
                self.carry.extend_from_slice(&buf[end..]);
                buf.truncate(end);
                self.consumed += end as u64;
                self.lines = lines;
                return Ok(true);
            }
            // One record longer than the block: read more.
            want = buf.len() * 2;
            buf.reserve(want - buf.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(data: &[u8]) -> usize {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(data)
            .byte_records()
            .count()
    }

    #[test]
    fn boundaries_follow_csv_quoting() {
        let d = b',';
        assert_eq!(last_record_end(b"a,b\nc,d\ne", d), Some(8));
        // A line feed inside quotes does not end a record.
        assert_eq!(last_record_end(b"a,\"x\ny\"\nc", d), Some(8));
        assert_eq!(last_record_end(b"a,\"x\ny", d), None);
        // Escaped quotes stay inside the field.
        assert_eq!(
            last_record_end(b"a,\"he said \"\"hi\"\"\n\"\nz", d),
            Some(20)
        );
        // A quote inside an unquoted field is a literal, as in the csv crate.
        assert_eq!(last_record_end(b"a,Village 5\" x\nb,c\n", d), Some(19));
    }

    #[test]
    fn blocks_rejoin_to_the_same_records_as_one_parse() {
        // Records of varied length with quoted line feeds, cut into tiny blocks.
        let mut text = String::new();
        for i in 0..3000 {
            let note = if i % 7 == 0 {
                format!("\"line one\nline \"\"two\"\" {i}\"")
            } else {
                format!("plain {i}")
            };
            text.push_str(&format!("{i},x{},{note}\r\n", "y".repeat(i % 50)));
        }
        let whole = records(text.as_bytes());
        let mut blocks = Blocks::with_block_size(text.as_bytes(), b',', 700);
        let mut buf = Vec::new();
        let (mut n, mut bytes, mut count) = (0, 0, 0);
        while blocks.next_block(&mut buf).expect("read") {
            assert!(buf.ends_with(b"\n"), "every block ends a record");
            n += records(&buf);
            bytes += buf.len();
            count += 1;
        }
        assert!(count > 100, "{count} blocks");
        assert_eq!(n, whole);
        assert_eq!(bytes, text.len());
        assert_eq!(blocks.consumed, text.len() as u64);
    }
}
