//! A column of many short, mostly distinct strings in one buffer.

/// Many short, mostly distinct strings (event ids) in one buffer: a few bytes
/// per row instead of an allocation each.
#[derive(Debug, Clone, Default)]
pub struct StrColumn {
    bytes: String,
    ends: Vec<u32>,
}

impl StrColumn {
    /// Appends one string.
    pub fn push(&mut self, s: &str) {
        self.bytes.push_str(s);
        self.ends
            .push(u32::try_from(self.bytes.len()).unwrap_or(u32::MAX));
    }

    /// The string of row `i`; `""` past the end.
    pub fn get(&self, i: usize) -> &str {
        let end = self.ends.get(i).map_or(0, |&e| e as usize);
        let start = if i == 0 {
            0
        } else {
            self.ends.get(i - 1).map_or(end, |&e| e as usize)
        };
        self.bytes.get(start..end).unwrap_or("")
    }

    /// Number of strings.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Appends all strings of `other`.
    pub fn append(&mut self, other: &StrColumn) {
        let base = self.bytes.len();
        self.bytes.push_str(&other.bytes);
        self.ends.extend(
            other
                .ends
                .iter()
                .map(|&e| u32::try_from(base + e as usize).unwrap_or(u32::MAX)),
        );
    }

    /// Removes all strings, keeping the buffers.
    pub fn clear(&mut self) {
        self.bytes.clear();
        self.ends.clear();
    }

    /// Reserves room for `n` more strings of about `bytes_each` bytes.
    pub fn reserve(&mut self, n: usize, bytes_each: usize) {
        self.bytes.reserve(n * bytes_each);
        self.ends.reserve(n);
    }

    /// Shrinks the buffers to their length.
    pub fn shrink_to_fit(&mut self) {
        self.bytes.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}
