//! MinHash signatures and an LSH banding index: candidate pairs without comparing all pairs.
//!
//! Hand-written (a few dozen lines) because the signature must be stored and re-indexed by the
//! store, and because the two indexes (shingles and content words) share it. With `b` bands of
//! `r` rows, a pair of Jaccard similarity `s` becomes a candidate with probability
//! `1 - (1 - s^r)^b`; the threshold — where that curve is steepest — is about `(1/b)^(1/r)`.

use std::collections::HashMap;

/// A MinHash signature: one minimum per permutation.
pub type Signature = Vec<u32>;

/// splitmix64: a fast, well-mixed 64-bit permutation, used as the family of hash functions.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Multiply-add constants of the permutation family: `h_i(x) = (a_i·mix(x) + b_i) >> 32` with
/// odd `a_i` — one multiply-add per permutation, which the compiler vectorizes, instead of one
/// full mix per permutation.
fn family(perms: usize) -> Vec<(u64, u64)> {
    (0..perms as u64).map(|i| (mix(i.wrapping_mul(2).wrapping_add(1)) | 1, mix(!i))).collect()
}

/// The signature of a feature set (feature hashes) under `perms` permutations. An empty set
/// gets an all-max signature, which never collides with anything but other empty sets.
pub fn signature(features: &[u64], perms: usize) -> Signature {
    thread_local! {
        static FAMILY: std::cell::RefCell<Vec<(u64, u64)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    FAMILY.with(|cell| {
        let mut fam = cell.borrow_mut();
        if fam.len() != perms {
            *fam = family(perms);
        }
        let mut sig = vec![u32::MAX; perms];
        for &f in features {
            let x = mix(f);
            for (slot, &(a, b)) in sig.iter_mut().zip(fam.iter()) {
                let h = (x.wrapping_mul(a).wrapping_add(b) >> 32) as u32;
                *slot = (*slot).min(h);
            }
        }
        sig
    })
}

/// The band keys of a signature: one 64-bit key per band of `rows` values (the band's index is
/// mixed in, so equal values in different bands never collide). All-empty bands get no key.
pub fn band_keys(sig: &[u32], rows: usize) -> impl Iterator<Item = u64> + '_ {
    sig.chunks(rows).enumerate().filter(|(_, band)| band.iter().any(|&v| v != u32::MAX)).map(|(i, band)| {
        let mut h = mix(i as u64 ^ 0x5851_f42d_4c95_7f2d);
        for &v in band {
            h = mix(h ^ u64::from(v));
        }
        h
    })
}

/// Estimated Jaccard similarity of two signatures.
pub fn estimate(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y && **x != u32::MAX).count() as f64 / a.len() as f64
}

/// An LSH index over signatures: `bands` buckets per document.
#[derive(Debug, Default)]
pub struct Lsh {
    bands: usize,
    rows: usize,
    buckets: HashMap<u64, Vec<u32>>,
}

impl Lsh {
    /// An index for signatures of `bands * rows` values.
    pub fn new(bands: usize, rows: usize) -> Self {
        Lsh { bands, rows, buckets: HashMap::new() }
    }

    fn keys<'a>(&'a self, sig: &'a [u32]) -> impl Iterator<Item = u64> + 'a {
        band_keys(&sig[..(self.bands * self.rows).min(sig.len())], self.rows)
    }

    /// Documents sharing at least one band with `sig`, each once, in insertion order.
    pub fn query(&self, sig: &[u32]) -> Vec<u32> {
        let mut out: Vec<u32> = self.keys(sig).filter_map(|k| self.buckets.get(&k)).flatten().copied().collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Add document `doc` with signature `sig`.
    pub fn insert(&mut self, doc: u32, sig: &[u32]) {
        let keys: Vec<u64> = self.keys(sig).collect();
        for k in keys {
            self.buckets.entry(k).or_default().push(doc);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimate_tracks_jaccard() {
        let a: Vec<u64> = (0..200).collect();
        let b: Vec<u64> = (100..300).collect(); // Jaccard 1/3
        let (sa, sb) = (signature(&a, 256), signature(&b, 256));
        assert!((estimate(&sa, &sb) - 1.0 / 3.0).abs() < 0.08);
        assert_eq!(estimate(&sa, &sa), 1.0);
    }

    #[test]
    fn lsh_finds_similar_not_dissimilar() {
        let mut lsh = Lsh::new(16, 4);
        let base: Vec<u64> = (0..100).collect();
        let near: Vec<u64> = (5..105).collect();
        let far: Vec<u64> = (1000..1100).collect();
        lsh.insert(0, &signature(&base, 64));
        lsh.insert(1, &signature(&far, 64));
        assert_eq!(lsh.query(&signature(&near, 64)), vec![0]);
        assert!(lsh.query(&signature(&[], 64)).is_empty());
    }
}
