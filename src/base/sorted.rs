//! A map kept as a sorted `Vec`: binary-search lookups, ordered iteration.
//!
//! Hand-written instead of `BTreeMap` because each `BTreeMap<K, V>` instantiation costs several KB
//! of wasm, and these maps hold at most a few thousand entries that change one at a time.

/// String keys in order, each with one value.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SortedMap<V> {
    entries: Vec<(String, V)>,
}

impl<V> SortedMap<V> {
    /// An empty map.
    pub fn new() -> SortedMap<V> {
        SortedMap { entries: Vec::new() }
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// The value at `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.find(key).ok().and_then(|i| self.entries.get(i)).map(|(_, v)| v)
    }

    /// Inserts or replaces.
    pub fn insert(&mut self, key: &str, value: V) {
        match self.find(key) {
            Ok(i) => {
                if let Some(slot) = self.entries.get_mut(i) {
                    slot.1 = value;
                }
            }
            Err(i) => self.entries.insert(i, (key.to_owned(), value)),
        }
    }

    /// Whether `key` is present.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entries in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &V)> {
        self.entries.iter().map(|(k, v)| (k.as_str(), v))
    }
}

#[cfg(test)]
mod tests {
    use super::SortedMap;

    #[test]
    fn keeps_keys_sorted_and_replaces_in_place() {
        let mut m = SortedMap::new();
        m.insert("b", 2);
        m.insert("a", 1);
        m.insert("c", 3);
        m.insert("b", 20);
        assert_eq!(m.iter().collect::<Vec<_>>(), [("a", &1), ("b", &20), ("c", &3)]);
        assert_eq!(m.get("b"), Some(&20));
        assert_eq!(m.get("z"), None);
        assert_eq!(m.len(), 3);
    }
}
