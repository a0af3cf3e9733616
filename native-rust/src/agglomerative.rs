//! Agglomerative (hierarchical) clustering (issue #17): Ward, single, complete and average linkage with Euclidean or
//! cosine distance, for `f32` or `f64` points, giving SciPy's linkage before its final relabelling.
//!
//! The output is the list of raw merges in the order the algorithm makes them, each `(a, b, height)` where `a` and
//! `b` are point indices standing for the two clusters (any point of each), exactly as SciPy's `mst_single_linkage`
//! and `nn_chain` record them before they stably sort the rows by height and relabel them with a union-find. The
//! Java side does that sorting and relabelling in one place for both backends (`Dendrogram`).
//!
//! Canonical arithmetic (the Java backend computes the same bits; the result is the same for any thread count):
//! - Euclidean distance: `sqrt(s)`, `s` the sum of `t * t`, `t = a[k] - b[k]` in `f64` (float input widened), summed
//!   in eight lanes (`k mod 8`, each in increasing `k`, from `0.0`), combined as
//!   `((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7))`; no fused multiply-add.
//! - Cosine distance: each row scaled as DBSCAN's (`u[k] = (x[k] / m) / r`), `c` the eight-lane dot product of the
//!   two unit vectors, distance `1 - c` clamped to `[0, 2]`.
//! - Single linkage: Prim's algorithm from point 0 over the distances above (Euclidean: their squares, the square
//!   root taken of the chosen key); the next point is the one with the smallest key, the lowest index among equal
//!   keys; a key is lowered only by a strictly smaller value. Row `k` is `(point added at step k, point added at
//!   step k + 1, its distance)`, as SciPy records it.
//! - Complete and average: the nearest-neighbour chain on the condensed distance matrix with the Lance–Williams
//!   updates `max(d_xi, d_yi)` and `(n_x d_xi + n_y d_yi) / (n_x + n_y)`, as SciPy's `nn_chain`.
//! - Ward from [`WARD_MATRIX_MIN_DIM`] dimensions on, when the matrix fits the ceiling: the chain on the matrix with
//!   SciPy's update `sqrt((n_i + n_x) t d_xi^2 + (n_i + n_y) t d_yi^2 - n_i t d_xy^2)`, `t = 1 / (n_x + n_y + n_i)`,
//!   each product evaluated left to right.
//! - Ward otherwise: the nearest-neighbour chain on centroids: the distance of clusters `A` and `B` is
//!   `sqrt((2 |A| |B| / (|A| + |B|)) * s)` with `s` the canonical squared distance of their centroids (the chain
//!   compares the value under the square root, so its ties are ties of that value); the merged
//!   centroid is `(|A| c_A[k] + |B| c_B[k]) / (|A| + |B|)` with `A` the cluster in the lower slot.
//! - The chain (both variants) follows SciPy's rules: it starts at the lowest active slot; the tip's nearest
//!   neighbour is the previous chain element when that is among the nearest, else the lowest slot among the
//!   nearest; the merged cluster takes the higher slot of the two.

use rayon::prelude::*;

use crate::dbscan::{Element, MAX_EUCLIDEAN_COORDINATE, MAX_POINTS, Metric, Points};
use crate::pool;

/// How clusters are joined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Linkage {
    /// Ward's minimum variance (Euclidean only).
    Ward,
    /// Nearest points (minimum spanning tree).
    Single,
    /// Farthest points.
    Complete,
    /// Mean of all pairwise distances (UPGMA).
    Average,
}

/// Parameters of one call.
#[derive(Clone, Copy, Debug)]
pub struct Params {
    /// The linkage.
    pub linkage: Linkage,
    /// The distance.
    pub metric: Metric,
    /// `0`: the shared pool; `1`: the calling thread; `k > 1`: at most `k` threads.
    pub threads: usize,
    /// Largest distance matrix (complete and average linkage; Ward chooses the matrix only below it) in bytes.
    pub max_matrix_bytes: u64,
}

/// What went wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgglomerativeError {
    /// A parameter, a length or a coordinate is out of range, or the distance matrix would exceed the ceiling.
    InvalidArgument,
    /// Working memory could not be allocated.
    OutOfMemory,
}

type Result<T> = core::result::Result<T, AgglomerativeError>;

/// Bytes of the condensed distance matrix of `n` points: `n (n - 1) / 2` doubles (saturating).
#[must_use]
pub fn matrix_bytes(n: usize) -> u64 {
    let n = n as u64;
    (n.saturating_mul(n.saturating_sub(1)) / 2).saturating_mul(8)
}

/// Clusters `n` points of dimension `dim` and writes the `n - 1` raw merges into `merges` (`3 (n - 1)` values:
/// `a`, `b`, height per row; nothing for `n <= 1`).
///
/// # Errors
/// [`AgglomerativeError::InvalidArgument`] for `dim` 0, mismatched lengths, more than [`MAX_POINTS`] points, a NaN
/// or infinite coordinate, a Euclidean coordinate beyond 1e150, an all-zero cosine row, Ward with cosine, or a
/// complete or average run whose matrix exceeds `max_matrix_bytes`; [`AgglomerativeError::OutOfMemory`] when
/// working memory can't be allocated.
pub fn linkage(points: Points<'_>, dim: usize, params: &Params, merges: &mut [f64]) -> Result<()> {
    if dim == 0 || !points.len().is_multiple_of(dim) {
        return Err(AgglomerativeError::InvalidArgument);
    }
    let n = points.len() / dim;
    if n > MAX_POINTS
        || merges.len() != 3 * n.saturating_sub(1)
        || (params.linkage == Linkage::Ward && params.metric != Metric::Euclidean)
    {
        return Err(AgglomerativeError::InvalidArgument);
    }
    if matches!(params.linkage, Linkage::Complete | Linkage::Average)
        && matrix_bytes(n) > params.max_matrix_bytes
    {
        return Err(AgglomerativeError::InvalidArgument);
    }
    with_exec(params.threads, |exec| {
        let rows = match points {
            Points::F32(x) => prepare(x, dim, params.metric, exec)?,
            Points::F64(x) => prepare(x, dim, params.metric, exec)?,
        };
        if n <= 1 {
            return Ok(());
        }
        let space = Rows {
            x: &rows,
            dim,
            metric: params.metric,
        };
        match params.linkage {
            Linkage::Single => {
                let edges = prim(n, |i, j| space.key(i, j), exec)?;
                for (k, e) in edges.iter().enumerate() {
                    merges[3 * k] = f64::from(e.previous);
                    merges[3 * k + 1] = f64::from(e.node);
                    merges[3 * k + 2] = space.height(e.weight);
                }
                Ok(())
            }
            Linkage::Ward if ward_uses_matrix(n, dim, params.max_matrix_bytes) => {
                let mut matrix = Matrix::fill(&space, n, params.linkage, exec)?;
                nn_chain(n, &mut matrix, exec, merges)
            }
            Linkage::Ward => {
                let mut ward = Ward {
                    centroids: rows,
                    dim,
                    size: try_vec(n, 1.0)?,
                };
                nn_chain(n, &mut ward, exec, merges)
            }
            Linkage::Complete | Linkage::Average => {
                let mut matrix = Matrix::fill(&space, n, params.linkage, exec)?;
                nn_chain(n, &mut matrix, exec, merges)
            }
        }
    })
}

/// Dimensions from which Ward's linkage keeps the distance matrix (when it fits the ceiling): a chain scan on
/// centroids costs O(dim) per pair, one on the matrix O(1) after an O(n^2 dim) fill.
///
/// cbindgen:ignore
pub const WARD_MATRIX_MIN_DIM: usize = 9;

/// Whether Ward's linkage of `n` points of dimension `dim` runs on the distance matrix (SciPy's Lance–Williams
/// recurrence) rather than on centroids: from [`WARD_MATRIX_MIN_DIM`] dimensions on, when the matrix fits the
/// ceiling. Both backends decide alike.
#[must_use]
pub fn ward_uses_matrix(n: usize, dim: usize, max_matrix_bytes: u64) -> bool {
    dim >= WARD_MATRIX_MIN_DIM && matrix_bytes(n) <= max_matrix_bytes
}

/// Validates the points and returns them as `f64` rows (cosine: the canonical unit vectors).
fn prepare<T: Element>(x: &[T], dim: usize, metric: Metric, exec: Exec) -> Result<Vec<f64>> {
    let mut out = try_vec(x.len(), 0.0f64)?;
    let valid: Vec<bool> = exec.map_rows(&mut out, dim, |i, row| {
        let src = &x[i * dim..(i + 1) * dim];
        let mut largest = 0.0f64;
        for (o, v) in row.iter_mut().zip(src) {
            let v = v.to_f64();
            if !v.is_finite() {
                return false;
            }
            largest = largest.max(v.abs());
            *o = v;
        }
        match metric {
            Metric::Euclidean => largest <= MAX_EUCLIDEAN_COORDINATE,
            Metric::Cosine => {
                if largest == 0.0 {
                    return false;
                }
                let scale = crate::dbscan::cosine_scale(src);
                crate::dbscan::unit_into(src, scale, row);
                true
            }
        }
    });
    if valid.into_iter().all(|ok| ok) {
        Ok(out)
    } else {
        Err(AgglomerativeError::InvalidArgument)
    }
}

/// Combines the eight lanes in the canonical order.
#[inline]
fn combine(l: &[f64; 8]) -> f64 {
    ((l[0] + l[4]) + (l[2] + l[6])) + ((l[1] + l[5]) + (l[3] + l[7]))
}

/// The canonical squared Euclidean distance (eight lanes).
#[inline(always)]
#[must_use]
pub fn squared_distance(a: &[f64], b: &[f64]) -> f64 {
    let mut l = [0.0f64; 8];
    let mut ca = a.chunks_exact(8);
    let mut cb = b.chunks_exact(8);
    for (p, q) in (&mut ca).zip(&mut cb) {
        for ((s, a), b) in l.iter_mut().zip(p).zip(q) {
            let t = a - b;
            *s += t * t;
        }
    }
    for (j, (p, q)) in ca.remainder().iter().zip(cb.remainder()).enumerate() {
        let t = p - q;
        l[j] += t * t;
    }
    combine(&l)
}

/// The canonical dot product (eight lanes).
#[inline(always)]
#[must_use]
pub fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut l = [0.0f64; 8];
    let mut ca = a.chunks_exact(8);
    let mut cb = b.chunks_exact(8);
    for (p, q) in (&mut ca).zip(&mut cb) {
        for ((s, a), b) in l.iter_mut().zip(p).zip(q) {
            *s += a * b;
        }
    }
    for (j, (p, q)) in ca.remainder().iter().zip(cb.remainder()).enumerate() {
        l[j] += p * q;
    }
    combine(&l)
}

/// The prepared rows and the point distance.
struct Rows<'a> {
    x: &'a [f64],
    dim: usize,
    metric: Metric,
}

impl Rows<'_> {
    #[inline]
    fn row(&self, i: usize) -> &[f64] {
        &self.x[i * self.dim..(i + 1) * self.dim]
    }

    /// What single linkage compares for points `i` and `j`: the squared Euclidean distance (no square root in
    /// Prim's loop), or the cosine distance.
    #[inline(always)]
    fn key(&self, i: usize, j: usize) -> f64 {
        match self.metric {
            Metric::Euclidean => squared_distance(self.row(i), self.row(j)),
            Metric::Cosine => self.distance(i, j),
        }
    }

    /// The distance of a [`Rows::key`].
    fn height(&self, key: f64) -> f64 {
        match self.metric {
            Metric::Euclidean => key.sqrt(),
            Metric::Cosine => key,
        }
    }

    /// The canonical distance of points `i` and `j`.
    #[inline(always)]
    fn distance(&self, i: usize, j: usize) -> f64 {
        match self.metric {
            Metric::Euclidean => squared_distance(self.row(i), self.row(j)).sqrt(),
            Metric::Cosine => (1.0 - dot(self.row(i), self.row(j))).clamp(0.0, 2.0) + 0.0,
        }
    }
}

// ------------------------------------------------------------------------------------------ minimum spanning tree

/// One step of Prim's algorithm: `node` joined the tree with key `weight`, its tree neighbour is `parent`, and
/// `previous` is the node added at the step before (SciPy's single linkage records `(previous, node, weight)`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PrimEdge {
    /// The node added at the step before.
    pub previous: u32,
    /// The node added at this step.
    pub node: u32,
    /// Its tree neighbour: the first tree node at distance `weight`.
    pub parent: u32,
    /// Its weight to the tree (for single linkage, the squared Euclidean or the cosine distance).
    pub weight: f64,
}

#[derive(Clone, Copy)]
struct Pending {
    node: u32,
    parent: u32,
    key: f64,
}

/// Points (or work items) per parallel piece.
const CHUNK: usize = 2048;

/// Rows per block of the matrix fill.
const TILE: usize = 32;

/// Prim's minimum spanning tree of the complete graph on `n >= 1` nodes with weights `weight(i, j)` (finite, not
/// NaN), in O(n^2) time and O(n) memory, from node 0; each step adds the node with the smallest key, the lowest
/// index among equal keys, and a key is lowered only by a strictly smaller weight. The `n - 1` edges in the order
/// the nodes were added. The result does not depend on the thread count. For single linkage here and, with
/// another weight (mutual reachability), for HDBSCAN.
///
/// # Errors
/// [`AgglomerativeError::OutOfMemory`] when the O(n) working memory can't be allocated.
pub(crate) fn prim(
    n: usize,
    weight: impl Fn(usize, usize) -> f64 + Sync,
    exec: Exec,
) -> Result<Vec<PrimEdge>> {
    let mut pending: Vec<Pending> = Vec::new();
    pending
        .try_reserve_exact(n.saturating_sub(1))
        .map_err(|_| AgglomerativeError::OutOfMemory)?;
    pending.extend((1..n).map(|i| Pending {
        node: idx32(i),
        parent: 0,
        key: f64::INFINITY,
    }));
    let mut edges = Vec::new();
    edges
        .try_reserve_exact(n.saturating_sub(1))
        .map_err(|_| AgglomerativeError::OutOfMemory)?;
    let mut x = 0u32;
    while !pending.is_empty() {
        let xs = x as usize;
        let relax = |offset: usize, piece: &mut [Pending]| {
            simd(|| {
                let mut best = (f64::INFINITY, u32::MAX, usize::MAX);
                for (k, p) in piece.iter_mut().enumerate() {
                    let d = weight(xs, p.node as usize);
                    if p.key > d {
                        p.key = d;
                        p.parent = x;
                    }
                    if p.key < best.0 || (p.key == best.0 && p.node < best.1) {
                        best = (p.key, p.node, offset + k);
                    }
                }
                best
            })
        };
        let bests = exec.chunks_mut(&mut pending, CHUNK, relax);
        let mut best = (f64::INFINITY, u32::MAX, usize::MAX);
        for b in bests {
            if b.0 < best.0 || (b.0 == best.0 && b.1 < best.1) {
                best = b;
            }
        }
        let at = best.2;
        let p = pending.swap_remove(at);
        edges.push(PrimEdge {
            previous: x,
            node: p.node,
            parent: p.parent,
            weight: p.key,
        });
        x = p.node;
    }
    Ok(edges)
}

// ------------------------------------------------------------------------------------ nearest-neighbour chain

/// Clusters living in slots `0..n` (a cluster lives in the slot of one of its points).
trait Space: Sync {
    /// A key of the clusters in slots `x` and `i` that orders pairs as their linkage distance does (the chain
    /// compares keys).
    fn distance(&self, x: usize, i: usize) -> f64;
    /// The merge height of a key.
    fn height(&self, key: f64) -> f64 {
        key
    }
    /// Work of one [`Space::distance`], for choosing whether a scan runs in parallel.
    fn cost(&self) -> usize;
    /// Merges the cluster in slot `x` into slot `y` (`x < y`) at `height`; `active` holds the live slots (with
    /// `x` and `y`).
    fn merge(&mut self, x: usize, y: usize, height: f64, active: &[u32], exec: Exec);
}

/// SciPy's nearest-neighbour chain; writes the raw merges `(x, y, height)` with `x < y`.
fn nn_chain<S: Space>(n: usize, space: &mut S, exec: Exec, merges: &mut [f64]) -> Result<()> {
    let mut active: Vec<u32> = Vec::new();
    active
        .try_reserve_exact(n)
        .map_err(|_| AgglomerativeError::OutOfMemory)?;
    active.extend((0..n).map(idx32));
    let mut chain: Vec<u32> = Vec::new();
    chain
        .try_reserve_exact(n)
        .map_err(|_| AgglomerativeError::OutOfMemory)?;
    let parallel = exec != Exec::Seq;
    for k in 0..n - 1 {
        if chain.is_empty() {
            chain.push(active[0]);
        }
        let (x, y, height) = loop {
            let len = chain.len();
            let x = chain[len - 1] as usize;
            let previous = if len > 1 {
                Some(chain[len - 2] as usize)
            } else {
                None
            };
            let s: &S = space;
            let scan = |piece: &[u32]| {
                simd(|| {
                    let mut best = (f64::INFINITY, u32::MAX);
                    for &i in piece {
                        if i as usize == x {
                            continue;
                        }
                        let d = s.distance(x, i as usize);
                        if d < best.0 {
                            best = (d, i);
                        }
                    }
                    best
                })
            };
            let best = if parallel && active.len() * s.cost() >= 1 << 15 {
                let per = (1usize << 14).div_ceil(s.cost()).max(64);
                active.par_chunks(per).map(scan).reduce(
                    || (f64::INFINITY, u32::MAX),
                    |a, b| {
                        if b.0 < a.0 || (b.0 == a.0 && b.1 < a.1) {
                            b
                        } else {
                            a
                        }
                    },
                )
            } else {
                scan(&active)
            };
            let (y, d) = match previous {
                Some(p) => {
                    let dp = s.distance(x, p);
                    if dp <= best.0 {
                        (p, dp)
                    } else {
                        (best.1 as usize, best.0)
                    }
                }
                None => (best.1 as usize, best.0),
            };
            if previous == Some(y) {
                break (x, y, d);
            }
            chain.push(idx32(y));
        };
        chain.truncate(chain.len() - 2);
        let (x, y) = if x < y { (x, y) } else { (y, x) };
        merges[3 * k] = x as f64;
        merges[3 * k + 1] = y as f64;
        let height = space.height(height);
        merges[3 * k + 2] = height;
        space.merge(x, y, height, &active, exec);
        if let Ok(at) = active.binary_search(&idx32(x)) {
            let _ = active.remove(at);
        }
    }
    Ok(())
}

/// Ward's linkage on centroids: O(n d) memory.
struct Ward {
    centroids: Vec<f64>,
    dim: usize,
    size: Vec<f64>,
}

impl Ward {
    #[inline]
    fn row(&self, i: usize) -> &[f64] {
        &self.centroids[i * self.dim..(i + 1) * self.dim]
    }
}

impl Space for Ward {
    /// The squared Ward distance (the chain compares these; the height is its square root).
    #[inline]
    fn distance(&self, x: usize, i: usize) -> f64 {
        let (a, b) = (self.size[x], self.size[i]);
        let f = 2.0 * a * b / (a + b);
        f * squared_distance(self.row(x), self.row(i))
    }

    fn height(&self, key: f64) -> f64 {
        key.sqrt()
    }

    fn cost(&self) -> usize {
        self.dim + 8
    }

    fn merge(&mut self, x: usize, y: usize, _height: f64, _active: &[u32], _exec: Exec) {
        let (a, b) = (self.size[x], self.size[y]);
        let s = a + b;
        let (low, high) = self.centroids.split_at_mut(y * self.dim);
        let cx = &low[x * self.dim..(x + 1) * self.dim];
        for (c, p) in high[..self.dim].iter_mut().zip(cx) {
            *c = (a * *p + b * *c) / s;
        }
        self.size[y] = s;
        self.size[x] = 0.0;
    }
}

/// The condensed distance matrix with the Lance–Williams updates of complete or average linkage.
struct Matrix {
    d: Vec<f64>,
    n: usize,
    size: Vec<f64>,
    linkage: Linkage,
}

impl Matrix {
    /// Fills the matrix with the point distances: blocks of [`TILE`] rows in parallel, each streaming the later
    /// points once (so each point row is read `n / TILE` times, not `n` times).
    fn fill(space: &Rows<'_>, n: usize, linkage: Linkage, exec: Exec) -> Result<Self> {
        let len = n * (n - 1) / 2;
        let mut d = try_vec(len, 0.0f64)?;
        {
            let mut blocks: Vec<(usize, Vec<&mut [f64]>)> = Vec::new();
            blocks
                .try_reserve_exact((n - 1).div_ceil(TILE))
                .map_err(|_| AgglomerativeError::OutOfMemory)?;
            let mut rest: &mut [f64] = &mut d;
            for first in (0..n - 1).step_by(TILE) {
                let mut rows = Vec::with_capacity(TILE);
                for i in first..(first + TILE).min(n - 1) {
                    let (row, tail) = std::mem::take(&mut rest).split_at_mut(n - 1 - i);
                    rows.push(row);
                    rest = tail;
                }
                blocks.push((first, rows));
            }
            let fill_block = |(first, rows): &mut (usize, Vec<&mut [f64]>)| {
                let first = *first;
                simd(|| {
                    for j in first + 1..n {
                        for (r, row) in rows.iter_mut().enumerate() {
                            let i = first + r;
                            if i >= j {
                                break;
                            }
                            row[j - i - 1] = space.distance(i, j);
                        }
                    }
                });
            };
            match exec {
                Exec::Seq => blocks.iter_mut().for_each(fill_block),
                Exec::Par => blocks.par_iter_mut().with_max_len(1).for_each(fill_block),
            }
        }
        Ok(Self {
            d,
            n,
            size: try_vec(n, 1.0)?,
            linkage,
        })
    }

    /// Index of `(i, j)`, `i != j`, in the condensed matrix.
    #[inline]
    fn at(&self, i: usize, j: usize) -> usize {
        let (i, j) = if i < j { (i, j) } else { (j, i) };
        self.n * i - i * (i + 1) / 2 + (j - i - 1)
    }
}

impl Space for Matrix {
    #[inline]
    fn distance(&self, x: usize, i: usize) -> f64 {
        self.d[self.at(x, i)]
    }

    fn cost(&self) -> usize {
        1
    }

    fn merge(&mut self, x: usize, y: usize, height: f64, active: &[u32], _exec: Exec) {
        let (nx, ny) = (self.size[x], self.size[y]);
        for &i in active {
            let i = i as usize;
            if i == x || i == y {
                continue;
            }
            let (ix, iy) = (self.at(i, x), self.at(i, y));
            let (dx, dy) = (self.d[ix], self.d[iy]);
            self.d[iy] = match self.linkage {
                Linkage::Average => (nx * dx + ny * dy) / (nx + ny),
                Linkage::Ward => {
                    let ni = self.size[i];
                    let t = 1.0 / (nx + ny + ni);
                    ((ni + nx) * t * dx * dx + (ni + ny) * t * dy * dy - ni * t * height * height)
                        .sqrt()
                }
                _ => {
                    if dx > dy {
                        dx
                    } else {
                        dy
                    }
                }
            };
        }
        self.size[y] = nx + ny;
        self.size[x] = 0.0;
    }
}

// ------------------------------------------------------------------------------------------------- helpers

/// Runs `body` compiled for the best instruction set this CPU has (AVX2 on x86-64 v3), picked at run time; the
/// distance loops inside vectorise with plain adds and multiplies, so the bits don't depend on the choice.
#[inline(always)]
fn simd<R>(body: impl FnOnce() -> R) -> R {
    pulp::Arch::new().dispatch(body)
}

/// Index as `u32` (indices are below [`MAX_POINTS`] < 2^31, checked at the entry).
#[inline]
#[allow(
    clippy::cast_possible_truncation,
    reason = "indices are below MAX_POINTS < 2^31, checked in linkage()"
)]
const fn idx32(i: usize) -> u32 {
    i as u32
}

fn try_vec<V: Clone>(len: usize, value: V) -> Result<Vec<V>> {
    let mut v = Vec::new();
    v.try_reserve_exact(len)
        .map_err(|_| AgglomerativeError::OutOfMemory)?;
    v.resize(len, value);
    Ok(v)
}

/// How a call runs: on the calling thread, or inside a rayon pool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exec {
    /// The calling thread.
    Seq,
    /// The pool installed around the call.
    Par,
}

impl Exec {
    /// `f(first_index, piece)` on consecutive pieces of `data`; the results in order.
    fn chunks_mut<V: Send, R: Send>(
        self,
        data: &mut [V],
        chunk: usize,
        f: impl Fn(usize, &mut [V]) -> R + Sync + Send,
    ) -> Vec<R> {
        if self == Exec::Seq || data.len() <= chunk {
            return data
                .chunks_mut(chunk)
                .enumerate()
                .map(|(c, piece)| f(c * chunk, piece))
                .collect();
        }
        data.par_chunks_mut(chunk)
            .enumerate()
            .map(|(c, piece)| f(c * chunk, piece))
            .collect()
    }

    /// `f(i, row)` on every row of `data` (rows of `dim` values); the results in order.
    fn map_rows<R: Send>(
        self,
        data: &mut [f64],
        dim: usize,
        f: impl Fn(usize, &mut [f64]) -> R + Sync + Send,
    ) -> Vec<R> {
        match self {
            Exec::Seq => data
                .chunks_mut(dim)
                .enumerate()
                .map(|(i, row)| f(i, row))
                .collect(),
            Exec::Par => data
                .par_chunks_mut(dim)
                .enumerate()
                .map(|(i, row)| f(i, row))
                .collect(),
        }
    }
}

/// Runs `body` as `threads` asks: `1` on the calling thread; `0` on the shared pool; `k > 1` on the shared pool
/// when it has at most `k` threads, else on a temporary pool of `k` threads (the calling thread if that fails).
pub(crate) fn with_exec<R: Send>(threads: usize, body: impl FnOnce(Exec) -> R + Send) -> R {
    if threads == 1 {
        return body(Exec::Seq);
    }
    let Some(shared) = pool::get() else {
        return body(Exec::Seq);
    };
    if threads == 0 || threads >= shared.current_num_threads() {
        return shared.install(|| body(Exec::Par));
    }
    match rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("ferrite-agglomerative-{i}"))
        .build()
    {
        Ok(pool) => pool.install(|| body(Exec::Par)),
        Err(_) => body(Exec::Seq),
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::needless_range_loop
)]
mod tests {
    use super::*;

    /// SciPy's final form: rows stably sorted by height, relabelled with a union-find (as `Dendrogram` does).
    fn scipy_form(raw: &[f64], n: usize) -> Vec<[f64; 4]> {
        let mut order: Vec<usize> = (0..n - 1).collect();
        order.sort_by(|&a, &b| raw[3 * a + 2].total_cmp(&raw[3 * b + 2]));
        let mut parent: Vec<usize> = (0..2 * n - 1).collect();
        let mut size = vec![1.0; 2 * n - 1];
        let find = |parent: &mut Vec<usize>, mut x: usize| {
            while parent[x] != x {
                x = parent[x];
            }
            x
        };
        let mut out = Vec::new();
        for (k, &r) in order.iter().enumerate() {
            let a = find(&mut parent, raw[3 * r] as usize);
            let b = find(&mut parent, raw[3 * r + 1] as usize);
            let (a, b) = (a.min(b), a.max(b));
            parent[a] = n + k;
            parent[b] = n + k;
            size[n + k] = size[a] + size[b];
            out.push([a as f64, b as f64, raw[3 * r + 2], size[n + k]]);
        }
        out
    }

    /// Naive O(n^3) agglomeration over the full matrix (global closest pair, Lance–Williams for all four).
    fn naive(x: &[f64], dim: usize, linkage: Linkage) -> Vec<[f64; 4]> {
        let n = x.len() / dim;
        let dist = |i: usize, j: usize| {
            squared_distance(&x[i * dim..][..dim], &x[j * dim..][..dim]).sqrt()
        };
        let mut d = vec![vec![0.0; n]; n];
        for i in 0..n {
            for j in 0..n {
                d[i][j] = dist(i, j);
            }
        }
        let mut id: Vec<usize> = (0..n).collect();
        let mut size = vec![1.0f64; n];
        let mut alive = vec![true; n];
        let mut out = Vec::new();
        for k in 0..n - 1 {
            let mut best = (f64::INFINITY, 0, 0);
            for i in 0..n {
                for j in i + 1..n {
                    if alive[i] && alive[j] && d[i][j] < best.0 {
                        best = (d[i][j], i, j);
                    }
                }
            }
            let (h, i, j) = best;
            let (a, b) = (id[i].min(id[j]), id[i].max(id[j]));
            let (ni, nj) = (size[i], size[j]);
            for m in 0..n {
                if !alive[m] || m == i || m == j {
                    continue;
                }
                let nm = size[m];
                let v = match linkage {
                    Linkage::Single => d[i][m].min(d[j][m]),
                    Linkage::Complete => d[i][m].max(d[j][m]),
                    Linkage::Average => (ni * d[i][m] + nj * d[j][m]) / (ni + nj),
                    Linkage::Ward => {
                        let t = 1.0 / (ni + nj + nm);
                        ((nm + ni) * t * d[i][m] * d[i][m] + (nm + nj) * t * d[j][m] * d[j][m]
                            - nm * t * h * h)
                            .sqrt()
                    }
                };
                d[j][m] = v;
                d[m][j] = v;
            }
            alive[i] = false;
            size[j] = ni + nj;
            id[j] = n + k;
            out.push([a as f64, b as f64, h, ni + nj]);
        }
        out
    }

    fn lcg_points(n: usize, dim: usize, seed: u64) -> Vec<f64> {
        let mut s = seed;
        (0..n * dim)
            .map(|_| {
                s = s
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                ((s >> 11) as f64) / ((1u64 << 53) as f64) * 10.0
            })
            .collect()
    }

    fn run(x: &[f64], dim: usize, linkage: Linkage, metric: Metric, threads: usize) -> Vec<f64> {
        let n = x.len() / dim;
        let mut merges = vec![0.0; 3 * n.saturating_sub(1)];
        let params = Params {
            linkage,
            metric,
            threads,
            max_matrix_bytes: 1 << 32,
        };
        linkage_fn(Points::F64(x), dim, &params, &mut merges).unwrap();
        merges
    }

    use super::linkage as linkage_fn;

    #[test]
    fn matches_the_naive_agglomeration() {
        for linkage in [
            Linkage::Single,
            Linkage::Complete,
            Linkage::Average,
            Linkage::Ward,
        ] {
            for (n, dim, seed) in [(2, 1, 1), (7, 2, 2), (40, 3, 3), (60, 10, 4)] {
                let x = lcg_points(n, dim, seed);
                let got = scipy_form(&run(&x, dim, linkage, Metric::Euclidean, 1), n);
                let want = naive(&x, dim, linkage);
                for (g, w) in got.iter().zip(&want) {
                    assert_eq!((g[0], g[1], g[3]), (w[0], w[1], w[3]), "{linkage:?} n={n}");
                    assert!(
                        (g[2] - w[2]).abs() <= 1e-9 * w[2].abs(),
                        "{linkage:?} {g:?} {w:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn thread_count_does_not_change_the_result() {
        let x = lcg_points(3000, 3, 9);
        for linkage in [
            Linkage::Single,
            Linkage::Complete,
            Linkage::Average,
            Linkage::Ward,
        ] {
            let one = run(&x, 3, linkage, Metric::Euclidean, 1);
            assert_eq!(
                one,
                run(&x, 3, linkage, Metric::Euclidean, 0),
                "{linkage:?}"
            );
            assert_eq!(
                one,
                run(&x, 3, linkage, Metric::Euclidean, 2),
                "{linkage:?}"
            );
        }
        let one = run(&x, 3, Linkage::Average, Metric::Cosine, 1);
        assert_eq!(one, run(&x, 3, Linkage::Average, Metric::Cosine, 0));
        // Ward on the matrix (12 dimensions).
        let y = lcg_points(700, 12, 10);
        let one = run(&y, 12, Linkage::Ward, Metric::Euclidean, 1);
        assert_eq!(one, run(&y, 12, Linkage::Ward, Metric::Euclidean, 0));
    }

    #[test]
    fn rejects_bad_input() {
        let mut m = [0.0; 3];
        let p = |linkage, metric| Params {
            linkage,
            metric,
            threads: 1,
            max_matrix_bytes: 8,
        };
        let x = [0.0, 1.0, 2.0, 3.0];
        let e = Err(AgglomerativeError::InvalidArgument);
        assert_eq!(
            linkage_fn(
                Points::F64(&x),
                2,
                &p(Linkage::Ward, Metric::Cosine),
                &mut m[..3]
            ),
            e
        );
        assert_eq!(
            linkage_fn(
                Points::F64(&x),
                0,
                &p(Linkage::Single, Metric::Euclidean),
                &mut m[..3]
            ),
            e
        );
        assert_eq!(
            linkage_fn(
                Points::F64(&x),
                2,
                &p(Linkage::Single, Metric::Euclidean),
                &mut m[..2]
            ),
            e
        );
        assert_eq!(
            linkage_fn(
                Points::F64(&[0.0, f64::NAN]),
                1,
                &p(Linkage::Single, Metric::Euclidean),
                &mut m[..3]
            ),
            e
        );
        assert_eq!(
            linkage_fn(
                Points::F64(&[0.0, 0.0, 1.0, 0.0]),
                2,
                &p(Linkage::Single, Metric::Cosine),
                &mut m[..3]
            ),
            e
        );
        // Three points need 24 bytes of matrix: over the 8-byte ceiling.
        let mut m3 = vec![0.0; 6];
        assert_eq!(
            linkage_fn(
                Points::F64(&[0.0, 1.0, 2.0]),
                1,
                &p(Linkage::Average, Metric::Euclidean),
                &mut m3
            ),
            e
        );
        assert_eq!(
            linkage_fn(
                Points::F64(&[0.0, 1.0, 2.0]),
                1,
                &p(Linkage::Single, Metric::Euclidean),
                &mut m3
            ),
            Ok(())
        );
    }
}
