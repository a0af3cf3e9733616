//! A union-find (disjoint-set forest) that several threads may update at once.
//!
//! Each node holds its parent in an `AtomicU32`. `union` links the larger root under the smaller one with a
//! compare-and-swap (retrying when another thread linked that root first), and `find` halves paths with
//! compare-and-swaps that may fail harmlessly. Parents only ever decrease (a node points to a smaller index or to
//! itself), so the forest stays acyclic, and once all unions are done the root of every set is its smallest
//! member: the result does not depend on the order of the unions or on the number of threads.

use std::sync::atomic::{AtomicU32, Ordering};

use super::{DbscanError, idx32, try_vec_with};

/// Disjoint sets over `0..len` (`len` < 2^32).
pub(crate) struct UnionFind {
    parent: Vec<AtomicU32>,
}

impl UnionFind {
    /// `len` singletons.
    pub(crate) fn new(len: usize) -> Result<Self, DbscanError> {
        let mut next = 0usize;
        let parent = try_vec_with(len, || {
            let node = AtomicU32::new(idx32(next));
            next += 1;
            node
        })?;
        Ok(Self { parent })
    }

    #[inline]
    fn parent_of(&self, x: u32) -> u32 {
        self.parent[x as usize].load(Ordering::Acquire)
    }

    /// The root of `x`'s set, halving the path on the way.
    #[inline]
    pub(crate) fn find(&self, mut x: u32) -> u32 {
        loop {
            let p = self.parent_of(x);
            if p == x {
                return x;
            }
            let gp = self.parent_of(p);
            if gp == p {
                return p;
            }
            // Point x at its grandparent; if another thread changed x's parent meanwhile, that parent is an
            // ancestor too, so skipping the update is fine.
            let _halved = self.parent[x as usize].compare_exchange_weak(
                p,
                gp,
                Ordering::AcqRel,
                Ordering::Acquire,
            );
            x = gp;
        }
    }

    /// Whether `a` and `b` are in the same set (exact when no union runs concurrently; otherwise a `false`
    /// may be stale, never a `true`).
    #[inline]
    pub(crate) fn same(&self, a: u32, b: u32) -> bool {
        self.find(a) == self.find(b)
    }

    /// Merges the sets of `a` and `b`: the larger root is linked under the smaller.
    pub(crate) fn union(&self, a: u32, b: u32) {
        let (mut a, mut b) = (a, b);
        loop {
            a = self.find(a);
            b = self.find(b);
            if a == b {
                return;
            }
            let (low, high) = if a < b { (a, b) } else { (b, a) };
            if self.parent[high as usize]
                .compare_exchange(high, low, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
            {
                return;
            }
            // `high` stopped being a root meanwhile: start again from the current roots.
        }
    }
}

#[cfg(test)]
#[allow(clippy::panic, reason = "a test fails by panicking")]
mod tests {
    use super::*;

    #[test]
    fn roots_are_smallest_members() {
        let Ok(uf) = UnionFind::new(10) else {
            panic!("10 nodes must be allocatable");
        };
        uf.union(9, 3);
        uf.union(3, 7);
        uf.union(5, 6);
        uf.union(6, 9);
        assert_eq!(uf.find(9), 3);
        assert_eq!(uf.find(7), 3);
        assert_eq!(uf.find(5), 3);
        assert!(uf.same(6, 7));
        assert!(!uf.same(0, 3));
        assert_eq!(uf.find(8), 8);
    }

    #[test]
    fn concurrent_unions_give_one_set() {
        let n = 20_000u32;
        let Ok(uf) = UnionFind::new(n as usize) else {
            panic!("20,000 nodes must be allocatable");
        };
        std::thread::scope(|scope| {
            for t in 0..4u32 {
                let uf = &uf;
                let _handle = scope.spawn(move || {
                    let mut i = t;
                    while i + 1 < n {
                        uf.union(n - 1 - i, n - 2 - i);
                        i += 4;
                    }
                });
            }
        });
        for i in 0..n {
            assert_eq!(uf.find(i), 0);
        }
    }
}
