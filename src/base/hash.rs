//! A fast hasher for the engine's own maps.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// A hash map keyed through [`KeyHasher`].
pub type KeyMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// The Fx hash (rustc's), eight bytes at a step, for keys the engine makes itself or a school types
/// (duplicate keys, the binding's path strings): not adversarial input, so a fast hash without
/// SipHash's flooding defence fits.
#[derive(Default)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mix = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        // `<[u8; 8]>::try_from` of an exact chunk compiles to one 8-byte load.
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.0 = mix(self.0, u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or_default()));
        }
        let rest = chunks.remainder();
        let tail = rest.iter().rev().fold(0u64, |word, b| word << 8 | u64::from(*b));
        self.0 = mix(self.0, tail ^ (rest.len() as u64) << 56);
    }
}

#[cfg(test)]
mod tests {
    use super::KeyHasher;
    use std::hash::Hasher;

    fn hash(bytes: &[u8]) -> u64 {
        let mut h = KeyHasher::default();
        h.write(bytes);
        h.finish()
    }

    #[test]
    fn the_tail_and_its_length_both_count() {
        // 7, 8 and 9 bytes: a partial word, an exact one, one past it.
        assert_ne!(hash(b"abcdefg"), hash(b"abcdefg\0"));
        assert_ne!(hash(b"abcdefgh"), hash(b"abcdefgh\0"));
        assert_ne!(hash(b""), hash(b"\0"));
        assert_eq!(hash("北门围墙".as_bytes()), hash("北门围墙".as_bytes()));
    }
}
