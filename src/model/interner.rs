//! String interning: each distinct string (actor, admin name, event type) is
//! stored once and rows hold a `u32` id. Id 0 is always the empty string.

use rustc_hash::FxHashMap as HashMap;

/// A table of distinct strings with stable `u32` ids.
#[derive(Debug, Clone)]
pub struct Interner {
    strings: Vec<Box<str>>,
    ids: HashMap<Box<str>, u32>,
}

impl Default for Interner {
    fn default() -> Self {
        let mut me = Interner {
            strings: Vec::new(),
            ids: HashMap::default(),
        };
        me.intern("");
        me
    }
}

impl Interner {
    /// The id of `s`, adding it when new.
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = u32::try_from(self.strings.len()).unwrap_or(u32::MAX);
        self.strings.push(s.into());
        self.ids.insert(s.into(), id);
        id
    }

    /// The string for an id; `""` for an unknown id.
    pub fn get(&self, id: u32) -> &str {
        self.strings.get(id as usize).map_or("", |s| s)
    }

    /// The id of `s` if present.
    pub fn lookup(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }

    /// Number of distinct strings, the empty one included.
    pub fn len(&self) -> usize {
        self.strings.len()
    }

    /// Whether only the empty string is present.
    pub fn is_empty(&self) -> bool {
        self.strings.len() <= 1
    }

    /// All strings by id.
    pub fn iter(&self) -> impl Iterator<Item = (u32, &str)> {
        self.strings
            .iter()
            .enumerate()
            .map(|(i, s)| (i as u32, &**s))
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
        for s in other.strings.get(map.len()..).unwrap_or_default() {
            let id = self.intern(s);
            map.push(id);
        }
    }
}
