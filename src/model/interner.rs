//! String interning: each distinct string (actor, admin name, event type) is
//! stored once and rows hold a `u32` id. Id 0 is always the empty string.
//! The strings live end to end in one buffer and the table holds ids only,
//! so a lookup touches little memory; short strings are compared inline.

use super::text::fx_hash;

/// A table of distinct strings with stable `u32` ids.
#[derive(Clone)]
pub struct Interner {
    strings: Strings,
    table: hashbrown::HashTable<u32>,
}

/// The strings end to end, by id (apart from the table, so the table can
/// look them up while it changes).
#[derive(Clone, Default)]
struct Strings {
    text: String,
    /// End of string `id` in `text` (its start is the previous end).
    ends: Vec<u32>,
}

impl Strings {
    fn range(&self, id: u32) -> std::ops::Range<usize> {
        let id = id as usize;
        let end = self.ends.get(id).map_or(0, |&e| e as usize);
        let start = match id {
            0 => 0,
            _ => self.ends.get(id - 1).map_or(end, |&e| e as usize),
        };
        start..end
    }

    fn get(&self, id: u32) -> &str {
        self.text.get(self.range(id)).unwrap_or("")
    }

    /// String `id` as bytes (no character-boundary checks: for comparing).
    fn bytes(&self, id: u32) -> &[u8] {
        self.text.as_bytes().get(self.range(id)).unwrap_or_default()
    }
}

impl Default for Interner {
    /// Holds the empty string, as id 0.
    fn default() -> Self {
        let mut me = Interner {
            strings: Strings::default(),
            table: hashbrown::HashTable::new(),
        };
        me.intern("");
        me
    }
}

impl std::fmt::Debug for Interner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter().map(|(_, s)| s)).finish()
    }
}

/// `a == b`, with strings of up to 16 bytes compared as two overlapping
/// words instead of through `memcmp`.
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let n = a.len();
    let word = |s: &[u8], at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&s[at..at + 8]);
        u64::from_le_bytes(w)
    };
    match n {
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        0..8 => a.iter().zip(b).all(|(x, y)| x == y),
        _ => a == b,
    }
}

impl Interner {
    /// The id of `s`, adding it when new.
    pub fn intern(&mut self, s: &str) -> u32 {
        let h = fx_hash(s);
        let Interner { strings, table } = self;
        if let Some(&id) = table.find(h, |&id| same(strings.bytes(id), s.as_bytes())) {
            return id;
        }
        let id = u32::try_from(strings.ends.len()).unwrap_or(u32::MAX);
        strings.text.push_str(s);
        strings
            .ends
            .push(u32::try_from(strings.text.len()).unwrap_or(u32::MAX));
        table.insert_unique(h, id, |&id| fx_hash(strings.get(id)));
        id
    }

    /// The string for an id; `""` for an unknown id.
    pub fn get(&self, id: u32) -> &str {
        self.strings.get(id)
    }

    /// The id of `s` if present.
    pub fn lookup(&self, s: &str) -> Option<u32> {
        self.table
            .find(fx_hash(s), |&id| same(self.strings.bytes(id), s.as_bytes()))
            .copied()
    }

    /// Number of distinct strings, the empty one included.
    pub fn len(&self) -> usize {
        self.strings.ends.len()
    }

    /// Whether only the empty string is present.
    pub fn is_empty(&self) -> bool {
        self.len() <= 1
    }

    /// All strings by id.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &str)> {
        (0..self.len() as u32).map(|id| (id, self.get(id)))
    }

    /// Adds every string of `other` and returns the id remapping
    /// (`other` id → id here).
    pub fn absorb(&mut self, other: &Interner) -> Vec<u32> {
        let mut map = Vec::new();
        self.absorb_new(other, &mut map);
        map
    }

    /// Extends a remapping from `other` (which only ever grows) with the
    /// strings added to it since `map` was last extended.
    pub fn absorb_new(&mut self, other: &Interner, map: &mut Vec<u32>) {
        for id in map.len()..other.len() {
            let s = other.get(id as u32);
            let new = self.intern(s);
            map.push(new);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_strings_compared_exactly() {
        let mut i = Interner::default();
        assert_eq!(i.len(), 1);
        assert_eq!(i.get(0), "");
        let words = [
            "",
            "a",
            "ab",
            "abcdefg",
            "abcdefgh",
            "abcdefgX",
            "abcdefghijklmnop",
            "abcdefghijklmnoX",
            "Xbcdefghijklmnop",
            "abcdefghijklmnopq",
            "é",
            "Mopti",
        ];
        let ids: Vec<u32> = words.iter().map(|w| i.intern(w)).collect();
        for (w, &id) in words.iter().zip(&ids) {
            assert_eq!(i.get(id), *w);
            assert_eq!(i.intern(w), id, "{w}");
            assert_eq!(i.lookup(w), Some(id));
        }
        assert_eq!(ids[0], 0);
        assert_eq!(i.len(), words.len());
        assert_eq!(i.lookup("abcdefgY"), None);
        let mut j = Interner::default();
        j.intern("Mopti");
        let map = j.absorb(&i);
        for (id, s) in i.iter() {
            assert_eq!(j.get(map[id as usize]), s);
        }
        // Many strings: the table grows and keeps every id.
        let many: Vec<String> = (0..5000).map(|n| format!("Place {n}")).collect();
        let ids: Vec<u32> = many.iter().map(|s| j.intern(s)).collect();
        for (s, id) in many.iter().zip(ids) {
            assert_eq!(j.get(id), s);
            assert_eq!(j.lookup(s), Some(id));
        }
    }
}
