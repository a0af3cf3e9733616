//! Silhouette coefficients (issue #17), as scikit-learn's `silhouette_samples` and `silhouette_score` define them,
//! with Euclidean or cosine distance, for `f32` or `f64` points (both evaluated in `f64`).
//!
//! Points with a negative label (noise) are left out: they get no value (NaN) and are no other point's neighbour.
//! For a scored point `i` of cluster `C`: `a(i)` is the mean distance to the other points of `C`, `b(i)` the
//! smallest mean distance to the points of another cluster, and `s(i) = (b - a) / max(a, b)`; `s(i) = 0` when `C`
//! has one point, and when `a = b = 0` (scikit-learn's `nan_to_num` of `0 / 0`). The mean is over scored points.
//!
//! # Method
//! The scored points are sorted by cluster (then by index) into blocks of [`TILE`] rows. For every pair of blocks
//! `(I, J)`, `I <= J`, a tile of distances is computed once and added into `sums[i][c]`, the sum of the distances
//! from point `i` to the points of cluster `c` (an `m x k` matrix): rows of `I` get the tile's row sums over each
//! run of one cluster in `J`, rows of `J` its column sums over each run in `I`. The distances:
//! - dimension up to [`DIRECT_MAX_DIM`]: directly, `sqrt(sum_k (x_i[k] - x_j[k])^2)` in `k` order (the canonical
//!   formula of DBSCAN's specification) or, for cosine, `1 - sum_k u_i[k] u_j[k]` on the canonical unit vectors;
//! - above: from an f64 GEMM (`gemm` crate, one tile per call, single-threaded). Cosine: `1 - u_i . u_j`.
//!   Euclidean: on centred, power-of-two scaled rows `y`, `d2 = n_i + n_j - 2 y_i . y_j` with `n_i = |y_i|^2`;
//!   its error is at most `(dim + 3) 2^-53 (n_i + n_j)`, so where `d2 <= (dim + 8) 2^-23 (n_i + n_j)` (relative
//!   error possibly above `2^-30`) the pair is recomputed with the canonical formula from the input rows.
//!
//! Cosine distances are clamped to `[0, 2]` as scikit-learn does. Every distance has a relative error below about
//! `2^-30` (Euclidean) or an absolute error below about `dim 2^-52` (cosine), which keeps every `s(i)` within 1e-6
//! of scikit-learn's.
//!
//! # Determinism
//! The tiles run in rounds in which no two tiles touch the same block (diagonal tiles first, then a round-robin
//! schedule of the block pairs), tiles of one round in parallel; so each sum receives its terms in one fixed order
//! and the values are the same for any thread count.

use std::sync::{Mutex, MutexGuard, PoisonError};

use crate::dbscan::{
    self, DbscanError, Element, Exec, MAX_POINTS, Metric, Points, cosine_scale, squared_distance,
    unit_into,
};

/// Rows per block (tile side).
///
/// cbindgen:ignore
pub const TILE: usize = 256;

/// Largest dimension whose distances are computed directly (above it, through a GEMM).
///
/// cbindgen:ignore
pub const DIRECT_MAX_DIM: usize = 16;

/// What went wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SilhouetteError {
    /// A length, the labels or a coordinate is out of range (see [`silhouette`]).
    InvalidArgument,
    /// Working memory could not be allocated.
    OutOfMemory,
}

impl From<DbscanError> for SilhouetteError {
    fn from(error: DbscanError) -> Self {
        match error {
            DbscanError::InvalidArgument => SilhouetteError::InvalidArgument,
            DbscanError::OutOfMemory => SilhouetteError::OutOfMemory,
        }
    }
}

/// Silhouette values of `n = labels.len()` points of dimension `dim` (`points` holds `n * dim` values, row-major).
///
/// Writes `s(i)` into `values[i]` for every point with `labels[i] >= 0` and NaN for the others; returns the mean
/// over the scored points. `threads`: `0` the shared pool, `1` the calling thread, `k > 1` at most `k` threads (as
/// for DBSCAN). The result does not depend on `threads`.
///
/// # Errors
/// [`SilhouetteError::InvalidArgument`] when `dim` is 0, the lengths don't match, `n` exceeds [`MAX_POINTS`], there
/// are fewer than 2 distinct non-negative labels or not fewer of them than scored points, a coordinate is NaN or
/// infinite, a Euclidean coordinate exceeds 1e150 in magnitude or a cosine row is all zeros (every row is checked,
/// noise included); [`SilhouetteError::OutOfMemory`] when working memory can't be allocated. `values` is unspecified
/// after an error.
pub fn silhouette(
    points: Points<'_>,
    dim: usize,
    labels: &[i32],
    metric: Metric,
    threads: usize,
    values: &mut [f64],
) -> Result<f64, SilhouetteError> {
    let n = labels.len();
    if dim == 0 || n > MAX_POINTS || values.len() != n || n.checked_mul(dim) != Some(points.len()) {
        return Err(SilhouetteError::InvalidArgument);
    }
    match points {
        Points::F32(x) => run(x, dim, labels, metric, threads, values),
        Points::F64(x) => run(x, dim, labels, metric, threads, values),
    }
}

fn try_vec<V: Clone>(len: usize, value: V) -> Result<Vec<V>, SilhouetteError> {
    Ok(dbscan::try_vec(len, value)?)
}

fn lock<V>(m: &Mutex<V>) -> MutexGuard<'_, V> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The clusters of the scored points: relabelled `0..k`, sorted by cluster then index.
struct Clusters {
    /// Number of clusters.
    k: usize,
    /// Points per cluster.
    sizes: Vec<usize>,
    /// `perm[p]`: the input index of sorted point `p`.
    perm: Vec<usize>,
    /// `cl[p]`: the cluster of sorted point `p`.
    cl: Vec<usize>,
}

impl Clusters {
    fn of(labels: &[i32]) -> Result<Self, SilhouetteError> {
        let m = labels.iter().filter(|&&l| l >= 0).count();
        let mut distinct = Vec::new();
        distinct
            .try_reserve_exact(m)
            .map_err(|_| SilhouetteError::OutOfMemory)?;
        distinct.extend(labels.iter().copied().filter(|&l| l >= 0));
        distinct.sort_unstable();
        distinct.dedup();
        let k = distinct.len();
        if k < 2 || k >= m {
            return Err(SilhouetteError::InvalidArgument);
        }
        let mut sizes = try_vec(k, 0usize)?;
        let mut of_point = try_vec(labels.len(), usize::MAX)?;
        for (slot, &l) in of_point.iter_mut().zip(labels) {
            if l >= 0 {
                let c = distinct
                    .binary_search(&l)
                    .map_err(|_| SilhouetteError::InvalidArgument)?;
                *slot = c;
                sizes[c] += 1;
            }
        }
        drop(distinct);
        // Counting sort, stable: sorted position of each point.
        let mut next = try_vec(k, 0usize)?;
        let mut at = 0;
        for (c, size) in sizes.iter().enumerate() {
            next[c] = at;
            at += size;
        }
        let mut perm = try_vec(m, 0usize)?;
        let mut cl = try_vec(m, 0usize)?;
        for (i, &c) in of_point.iter().enumerate() {
            if c != usize::MAX {
                perm[next[c]] = i;
                cl[next[c]] = c;
                next[c] += 1;
            }
        }
        Ok(Clusters { k, sizes, perm, cl })
    }
}

/// How the distances of a tile are computed.
enum Kind {
    /// Dimension up to [`DIRECT_MAX_DIM`]: `rows` row-major (input values or unit vectors), `cols` the same rows
    /// transposed per block (`block * dim * TILE + k * TILE + c`).
    Direct { rows: Vec<f64>, cols: Vec<f64> },
    /// GEMM on `rows` (row-major, `m x dim`): unit vectors (cosine), or centred and scaled by `scale` with squared
    /// norms `norms` (Euclidean).
    Gemm {
        rows: Vec<f64>,
        norms: Vec<f64>,
        /// `1 / p`: distances in input units are `sqrt(d2) * inv_scale`.
        inv_scale: f64,
        /// The recheck threshold factor `(dim + 8) 2^-23`.
        threshold: f64,
    },
}

/// One call's prepared data.
struct Job<'a, T> {
    x: &'a [T],
    dim: usize,
    metric: Metric,
    clusters: Clusters,
    kind: Kind,
    /// Number of blocks of [`TILE`] sorted points.
    blocks: usize,
    m: usize,
}

/// One tile as a `pulp` operation: [`Job::tile`] inlined into the instruction-set variant the CPU supports (x86-64-v3,
/// AVX2 and FMA, where present; the baseline otherwise). Rust never contracts `a * b + c` into a fused multiply-add nor
/// reorders floating-point additions, so every variant gives the same bits.
struct TileOp<'a, 'x, T> {
    job: &'a Job<'x, T>,
    blocks: (usize, usize),
    work: &'a mut Work,
    si: &'a mut [f64],
    sj: Option<&'a mut [f64]>,
}

impl<T: Element> pulp::WithSimd for TileOp<'_, '_, T> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) {
        let TileOp {
            job,
            blocks: (bi, bj),
            work,
            si,
            sj,
        } = self;
        job.tile(bi, bj, work, si, sj);
    }
}

/// Per-thread scratch: a tile of products (GEMM path), one row of distances, a column accumulator and the runs
/// of one cluster among the tile's columns.
struct Work {
    dist: Vec<f64>,
    row: Vec<f64>,
    acc: Vec<f64>,
    runs: Vec<(usize, usize, usize)>,
}

fn run<T: Element>(
    x: &[T],
    dim: usize,
    labels: &[i32],
    metric: Metric,
    threads: usize,
    values: &mut [f64],
) -> Result<f64, SilhouetteError> {
    dbscan::with_exec(threads, |exec| {
        dbscan::validate(x, dim, metric, exec)?;
        let clusters = Clusters::of(labels)?;
        let m = clusters.perm.len();
        let kind = prepare(x, dim, metric, &clusters.perm)?;
        let job = Job {
            x,
            dim,
            metric,
            clusters,
            kind,
            blocks: m.div_ceil(TILE),
            m,
        };
        let sums = job.sums(exec)?;
        Ok(job.finish(&sums, values))
    })
}

/// `v` as `f64` (counts below 2^31, exact).
#[allow(clippy::cast_precision_loss, reason = "counts are below 2^31")]
fn as_f64(v: usize) -> f64 {
    v as f64
}

/// Prepares the rows in sorted order.
fn prepare<T: Element>(
    x: &[T],
    dim: usize,
    metric: Metric,
    perm: &[usize],
) -> Result<Kind, SilhouetteError> {
    let m = perm.len();
    let len = m.checked_mul(dim).ok_or(SilhouetteError::OutOfMemory)?;
    let mut rows = try_vec(len, 0.0f64)?;
    let row = |i: usize| &x[i * dim..(i + 1) * dim];
    match metric {
        Metric::Cosine => {
            for (p, out) in rows.chunks_exact_mut(dim).enumerate() {
                let r = row(perm[p]);
                unit_into(r, cosine_scale(r), out);
            }
        }
        Metric::Euclidean => {
            for (p, out) in rows.chunks_exact_mut(dim).enumerate() {
                for (o, v) in out.iter_mut().zip(row(perm[p])) {
                    *o = v.to_f64();
                }
            }
        }
    }
    if dim <= DIRECT_MAX_DIM {
        let blocks = m.div_ceil(TILE);
        let mut cols = try_vec(blocks * dim * TILE, 0.0f64)?;
        for (p, r) in rows.chunks_exact(dim).enumerate() {
            let base = (p / TILE) * dim * TILE + p % TILE;
            for (k, &v) in r.iter().enumerate() {
                cols[base + k * TILE] = v;
            }
        }
        return Ok(Kind::Direct { rows, cols });
    }
    let mut norms = try_vec(m, 0.0f64)?;
    let mut inv_scale = 1.0;
    if metric == Metric::Euclidean {
        // Centre on the mean, then scale by a power of two so that every |y| <= 1 (norms can't overflow).
        let mut mean = try_vec(dim, 0.0f64)?;
        for r in rows.chunks_exact(dim) {
            for (s, v) in mean.iter_mut().zip(r) {
                *s += v;
            }
        }
        let count = as_f64(m);
        for s in &mut mean {
            *s /= count;
        }
        let mut largest = 0.0f64;
        for r in rows.chunks_exact_mut(dim) {
            for (v, mu) in r.iter_mut().zip(&mean) {
                *v -= mu;
                largest = largest.max(v.abs());
            }
        }
        let mut p = 1.0f64;
        if largest > 0.0 {
            // largest <= 2e150 after validation; p = 2^-e with 2^(e-1) < largest <= 2^e, kept within 2^1000.
            while largest * p > 1.0 {
                p *= 0.5;
            }
            while largest * p <= 0.5 && p < 2f64.powi(1000) {
                p *= 2.0;
            }
        }
        for (r, nrm) in rows.chunks_exact_mut(dim).zip(norms.iter_mut()) {
            let mut s = 0.0;
            for v in r.iter_mut() {
                *v *= p;
                s += *v * *v;
            }
            *nrm = s;
        }
        inv_scale = 1.0 / p;
    }
    Ok(Kind::Gemm {
        rows,
        norms,
        inv_scale,
        threshold: (as_f64(dim) + 8.0) * 2f64.powi(-23),
    })
}

/// The tiles of the rounds: first every diagonal tile, then the circle method's rounds of block pairs (with a
/// dummy block when the count is odd), so that no two tiles of a round share a block.
fn rounds(blocks: usize) -> Vec<Vec<(usize, usize)>> {
    let mut all = vec![(0..blocks).map(|b| (b, b)).collect::<Vec<_>>()];
    if blocks < 2 {
        return all;
    }
    let teams = blocks + blocks % 2;
    let last = teams - 1;
    for r in 0..last {
        let mut round = Vec::with_capacity(teams / 2);
        let mut add = |a: usize, b: usize| {
            if a < blocks && b < blocks {
                round.push((a.min(b), a.max(b)));
            }
        };
        add(r, last);
        for i in 1..teams / 2 {
            add((r + i) % last, (r + last - i) % last);
        }
        all.push(round);
    }
    all
}

/// Deterministic sum of a slice: four interleaved partial sums, then `(s0 + s1) + (s2 + s3)`, then the tail.
#[inline(always)]
fn sum(xs: &[f64]) -> f64 {
    let mut acc = [0.0f64; 4];
    let mut chunks = xs.chunks_exact(4);
    for c in &mut chunks {
        acc[0] += c[0];
        acc[1] += c[1];
        acc[2] += c[2];
        acc[3] += c[3];
    }
    let mut s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    for v in chunks.remainder() {
        s += v;
    }
    s
}

/// `v` as `isize` (a slice length or smaller, so below `isize::MAX`).
#[allow(
    clippy::cast_possible_wrap,
    reason = "lengths of allocated slices are below isize::MAX"
)]
const fn stride(v: usize) -> isize {
    v as isize
}

impl<T: Element> Job<'_, T> {
    /// First row and length of block `b`.
    fn block(&self, b: usize) -> (usize, usize) {
        let first = b * TILE;
        (first, TILE.min(self.m - first))
    }

    /// The sums matrix, one `rows x k` piece per block.
    fn sums(&self, exec: Exec) -> Result<Vec<Mutex<Vec<f64>>>, SilhouetteError> {
        let k = self.clusters.k;
        let mut sums = Vec::new();
        sums.try_reserve_exact(self.blocks)
            .map_err(|_| SilhouetteError::OutOfMemory)?;
        for b in 0..self.blocks {
            let len = self
                .block(b)
                .1
                .checked_mul(k)
                .ok_or(SilhouetteError::OutOfMemory)?;
            sums.push(Mutex::new(try_vec(len, 0.0f64)?));
        }
        let gemm = matches!(self.kind, Kind::Gemm { .. });
        let mut buffers = Vec::new();
        for _ in 0..exec.threads() {
            buffers.push(Mutex::new(Work {
                dist: try_vec(if gemm { TILE * TILE } else { 0 }, 0.0f64)?,
                row: try_vec(TILE, 0.0f64)?,
                acc: try_vec(TILE, 0.0f64)?,
                runs: Vec::with_capacity(TILE),
            }));
        }
        #[cfg(target_arch = "x86_64")]
        let v3 = pulp::x86::V3::try_new();
        let dispatch = |op: TileOp<'_, '_, T>| {
            #[cfg(target_arch = "x86_64")]
            if let Some(simd) = v3 {
                return pulp::Simd::vectorize(simd, op);
            }
            pulp::Simd::vectorize(pulp::Scalar::new(), op)
        };
        for round in rounds(self.blocks) {
            exec.for_each_coarse(round.len(), |t| {
                let (bi, bj) = round[t];
                let mut work = lock(&buffers[exec.thread_index() % buffers.len()]);
                if bi == bj {
                    let mut s = lock(&sums[bi]);
                    dispatch(TileOp {
                        job: self,
                        blocks: (bi, bj),
                        work: &mut work,
                        si: &mut s,
                        sj: None,
                    });
                } else {
                    let mut si = lock(&sums[bi]);
                    let mut sj = lock(&sums[bj]);
                    dispatch(TileOp {
                        job: self,
                        blocks: (bi, bj),
                        work: &mut work,
                        si: &mut si,
                        sj: Some(&mut sj),
                    });
                }
            });
        }
        Ok(sums)
    }

    /// One tile: each row's distances to the columns, added into the row's sums over each run of one cluster among
    /// the columns (`si`) and, off the diagonal, into the columns' sums over each run of one cluster among the rows
    /// (`sj`), one row after another.
    #[inline(always)]
    fn tile(
        &self,
        bi: usize,
        bj: usize,
        work: &mut Work,
        si: &mut [f64],
        mut sj: Option<&mut [f64]>,
    ) {
        let k = self.clusters.k;
        let cl = &self.clusters.cl;
        let (i0, m) = self.block(bi);
        let (j0, nc) = self.block(bj);
        let Work {
            dist,
            row,
            acc,
            runs,
        } = work;
        runs.clear();
        let mut a = 0;
        while a < nc {
            let c = cl[j0 + a];
            let mut b = a + 1;
            while b < nc && cl[j0 + b] == c {
                b += 1;
            }
            runs.push((c, a, b));
            a = b;
        }
        if let Kind::Gemm { rows, .. } = &self.kind {
            self.product(rows, (i0, m), (j0, nc), dist);
        }
        let row = &mut row[..nc];
        let acc = &mut acc[..nc];
        acc.fill(0.0);
        let mut acc_cluster = cl[i0];
        for r in 0..m {
            let products = if dist.is_empty() {
                &[][..]
            } else {
                &dist[r * nc..(r + 1) * nc]
            };
            self.distances(i0 + r, (j0, nc), products, row);
            if i0 == j0 {
                row[r] = 0.0;
            }
            let srow = &mut si[r * k..(r + 1) * k];
            for &(c, a, b) in runs.iter() {
                srow[c] += sum(&row[a..b]);
            }
            if let Some(sj) = sj.as_deref_mut() {
                let c = cl[i0 + r];
                if c != acc_cluster {
                    flush(acc, acc_cluster, k, sj);
                    acc_cluster = c;
                }
                for (x, y) in acc.iter_mut().zip(row.iter()) {
                    *x += y;
                }
            }
        }
        if let Some(sj) = sj {
            flush(acc, acc_cluster, k, sj);
        }
    }

    /// `c = rows[I] * rows[J]^T` for the rows `i0..i0 + m` and `j0..j0 + nc` (row-major, `m x nc`).
    fn product(
        &self,
        rows: &[f64],
        (i0, m): (usize, usize),
        (j0, nc): (usize, usize),
        dist: &mut [f64],
    ) {
        let d = self.dim;
        let lhs = &rows[i0 * d..(i0 + m) * d];
        let rhs = &rows[j0 * d..(j0 + nc) * d];
        let dst = &mut dist[..m * nc];
        // SAFETY: `dst` holds m x nc f64 written row-major (column stride 1, row stride nc); `lhs` holds the m rows
        // of d values (column stride 1, row stride d); `rhs` as a d x nc matrix is the transpose of its nc rows
        // (column stride d, row stride 1). All three are live slices of exactly those sizes, `dst` is exclusive, and
        // `read_dst = false` means it is only written. `Parallelism::None` keeps the call on this thread.
        unsafe {
            gemm::gemm(
                m,
                nc,
                d,
                dst.as_mut_ptr(),
                1,
                stride(nc),
                false,
                lhs.as_ptr(),
                1,
                stride(d),
                rhs.as_ptr(),
                stride(d),
                1,
                0.0f64,
                1.0f64,
                false,
                false,
                false,
                gemm::Parallelism::None,
            );
        }
    }

    /// The distances from sorted point `i` to the points `j0..j0 + nc` into `out`; `products` is the point's row of
    /// the tile's GEMM (empty on the direct path).
    #[inline(always)]
    fn distances(&self, i: usize, (j0, nc): (usize, usize), products: &[f64], out: &mut [f64]) {
        let d = self.dim;
        match &self.kind {
            Kind::Direct { rows, cols } => {
                let block = &cols[(j0 / TILE) * d * TILE..(j0 / TILE + 1) * d * TILE];
                let xi = &rows[i * d..(i + 1) * d];
                out.fill(0.0);
                match self.metric {
                    Metric::Euclidean => {
                        for (k, &a) in xi.iter().enumerate() {
                            let col = &block[k * TILE..k * TILE + nc];
                            for (s, &v) in out.iter_mut().zip(col) {
                                let t = a - v;
                                *s += t * t;
                            }
                        }
                        for s in out.iter_mut() {
                            *s = s.sqrt();
                        }
                    }
                    Metric::Cosine => {
                        for (k, &a) in xi.iter().enumerate() {
                            let col = &block[k * TILE..k * TILE + nc];
                            for (s, &v) in out.iter_mut().zip(col) {
                                *s += a * v;
                            }
                        }
                        for s in out.iter_mut() {
                            *s = (1.0 - *s).clamp(0.0, 2.0);
                        }
                    }
                }
            }
            Kind::Gemm {
                norms,
                inv_scale,
                threshold,
                ..
            } => match self.metric {
                Metric::Cosine => {
                    for (s, &g) in out.iter_mut().zip(products) {
                        *s = (1.0 - g).clamp(0.0, 2.0);
                    }
                }
                Metric::Euclidean => {
                    let nj = &norms[j0..j0 + nc];
                    let ni = norms[i];
                    // Branch-free first (vectorised): d2, and whether any pair needs the recheck.
                    let mut recheck = false;
                    for ((s, &g), &n) in out.iter_mut().zip(products).zip(nj) {
                        let t = ni + n;
                        let d2 = t - 2.0 * g;
                        recheck |= d2 <= threshold * t;
                        *s = d2;
                    }
                    if recheck {
                        let xi = self.row(i);
                        for (c, (s, &n)) in out.iter_mut().zip(nj).enumerate() {
                            *s = if *s <= threshold * (ni + n) {
                                squared_distance(xi, self.row(j0 + c)).sqrt()
                            } else {
                                s.sqrt() * inv_scale
                            };
                        }
                    } else {
                        for s in out.iter_mut() {
                            *s = s.max(0.0).sqrt() * inv_scale;
                        }
                    }
                }
            },
        }
    }

    /// Input row of sorted point `p`.
    fn row(&self, p: usize) -> &[T] {
        let i = self.clusters.perm[p];
        &self.x[i * self.dim..(i + 1) * self.dim]
    }

    /// The values from the sums; returns the mean.
    fn finish(&self, sums: &[Mutex<Vec<f64>>], values: &mut [f64]) -> f64 {
        let Clusters { k, sizes, perm, cl } = &self.clusters;
        let k = *k;
        values.fill(f64::NAN);
        for (b, piece) in sums.iter().enumerate() {
            let s = lock(piece);
            let (first, len) = self.block(b);
            for r in 0..len {
                let p = first + r;
                let own = cl[p];
                let srow = &s[r * k..(r + 1) * k];
                values[perm[p]] = value(srow, own, sizes);
            }
        }
        let mut total = 0.0;
        for v in values.iter() {
            if !v.is_nan() {
                total += v;
            }
        }
        total / as_f64(self.m)
    }
}

/// Adds the column sums `acc` of a run of rows of cluster `c` into the columns' sums, and clears them.
#[inline(always)]
fn flush(acc: &mut [f64], c: usize, k: usize, sj: &mut [f64]) {
    for (j, v) in acc.iter_mut().enumerate() {
        sj[j * k + c] += *v;
        *v = 0.0;
    }
}

/// `s(i)` from the point's sums per cluster.
fn value(srow: &[f64], own: usize, sizes: &[usize]) -> f64 {
    if sizes[own] == 1 {
        return 0.0;
    }
    let a = srow[own] / as_f64(sizes[own] - 1);
    let mut b = f64::INFINITY;
    for (c, (&s, &size)) in srow.iter().zip(sizes).enumerate() {
        if c != own {
            b = b.min(s / as_f64(size));
        }
    }
    let top = a.max(b);
    if top > 0.0 { (b - a) / top } else { 0.0 }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::needless_range_loop
)]
mod tests {
    use super::*;

    /// A small deterministic generator (xorshift), uniform in [0, 1).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> f64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    /// The definition, pair by pair, in the most direct way.
    fn brute(x: &[f64], dim: usize, labels: &[i32], metric: Metric) -> (Vec<f64>, f64) {
        let n = labels.len();
        let row = |i: usize| &x[i * dim..(i + 1) * dim];
        let dist = |i: usize, j: usize| -> f64 {
            match metric {
                Metric::Euclidean => row(i)
                    .iter()
                    .zip(row(j))
                    .map(|(a, b)| (a - b) * (a - b))
                    .sum::<f64>()
                    .sqrt(),
                Metric::Cosine => {
                    let dot: f64 = row(i).iter().zip(row(j)).map(|(a, b)| a * b).sum();
                    let ni: f64 = row(i).iter().map(|a| a * a).sum::<f64>().sqrt();
                    let nj: f64 = row(j).iter().map(|a| a * a).sum::<f64>().sqrt();
                    (1.0 - dot / (ni * nj)).clamp(0.0, 2.0)
                }
            }
        };
        let mut values = vec![f64::NAN; n];
        let mut total = 0.0;
        let mut count = 0;
        for i in 0..n {
            if labels[i] < 0 {
                continue;
            }
            let mut per: std::collections::BTreeMap<i32, (f64, usize)> = Default::default();
            for j in 0..n {
                if labels[j] < 0 || j == i {
                    continue;
                }
                let e = per.entry(labels[j]).or_insert((0.0, 0));
                e.0 += dist(i, j);
                e.1 += 1;
            }
            let own = per.get(&labels[i]).copied().unwrap_or((0.0, 0));
            let s = if own.1 == 0 {
                0.0
            } else {
                let a = own.0 / own.1 as f64;
                let b = per
                    .iter()
                    .filter(|(l, _)| **l != labels[i])
                    .map(|(_, (s, c))| s / *c as f64)
                    .fold(f64::INFINITY, f64::min);
                if a.max(b) > 0.0 {
                    (b - a) / a.max(b)
                } else {
                    0.0
                }
            };
            values[i] = s;
            total += s;
            count += 1;
        }
        (values, total / count as f64)
    }

    fn blobs(rng: &mut Rng, n: usize, dim: usize, k: usize, spread: f64) -> (Vec<f64>, Vec<i32>) {
        let centres: Vec<f64> = (0..k * dim).map(|_| rng.next() * 10.0 - 5.0).collect();
        let mut x = Vec::with_capacity(n * dim);
        let mut labels = Vec::with_capacity(n);
        for i in 0..n {
            let c = (rng.next() * k as f64) as usize % k;
            for d in 0..dim {
                x.push(centres[c * dim + d] + (rng.next() - 0.5) * spread);
            }
            labels.push(if i % 17 == 5 {
                -1
            } else {
                i32::try_from(c * 3 + 7).unwrap()
            });
        }
        (x, labels)
    }

    fn check(x: &[f64], dim: usize, labels: &[i32], metric: Metric, tol: f64) -> Vec<f64> {
        let (want, want_mean) = brute(x, dim, labels, metric);
        let mut got = vec![0.0; labels.len()];
        let mean = silhouette(Points::F64(x), dim, labels, metric, 0, &mut got).unwrap();
        for (i, (g, w)) in got.iter().zip(&want).enumerate() {
            if w.is_nan() {
                assert!(g.is_nan(), "point {i}: {g} for a noise point");
            } else {
                assert!(
                    (g - w).abs() <= tol,
                    "point {i}: {g} != {w} (dim {dim}, {metric:?})"
                );
            }
        }
        assert!(
            (mean - want_mean).abs() <= tol,
            "mean {mean} != {want_mean}"
        );
        // The calling thread alone gives the same bits.
        let mut alone = vec![0.0; labels.len()];
        let mean1 = silhouette(Points::F64(x), dim, labels, metric, 1, &mut alone).unwrap();
        assert_eq!(mean.to_bits(), mean1.to_bits());
        for (a, b) in got.iter().zip(&alone) {
            assert_eq!(a.to_bits(), b.to_bits());
        }
        got
    }

    #[test]
    fn rounds_cover_every_tile_once_without_sharing_a_block() {
        for blocks in 0..40 {
            let mut seen = std::collections::BTreeSet::new();
            for round in rounds(blocks) {
                let mut used = std::collections::BTreeSet::new();
                for &(a, b) in &round {
                    assert!(a <= b && b < blocks);
                    assert!(seen.insert((a, b)), "tile ({a}, {b}) twice");
                    assert!(used.insert(a));
                    if a != b {
                        assert!(used.insert(b));
                    }
                }
            }
            assert_eq!(seen.len(), blocks * (blocks + 1) / 2);
        }
    }

    #[test]
    fn matches_the_definition_direct_and_gemm_both_metrics() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for &(n, dim, k) in &[
            (40, 1, 2),
            (300, 2, 4),
            (700, 3, 5),
            (600, 16, 3),
            (550, 17, 6),
            (300, 64, 4),
        ] {
            let (x, labels) = blobs(&mut rng, n, dim, k, 3.0);
            let _ = check(&x, dim, &labels, Metric::Euclidean, 1e-12);
            let _ = check(&x, dim, &labels, Metric::Cosine, 1e-11);
        }
    }

    #[test]
    fn close_points_far_from_the_origin_are_rechecked() {
        // Clusters of spread 1e-3 around 1e4: the dot-product formula alone would lose most digits.
        let mut rng = Rng(7);
        let (mut x, labels) = blobs(&mut rng, 400, 40, 3, 1e-3);
        for v in &mut x {
            *v = *v * 1e-3 + 1e4;
        }
        let _ = check(&x, 40, &labels, Metric::Euclidean, 1e-9);
    }

    #[test]
    fn singleton_duplicates_and_noise() {
        // Cluster 5 has one point (s = 0); points 0 and 1 are identical in different clusters.
        let x = [
            0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 2.0, 9.0, 9.0, 3.0, 3.0, 0.5, 0.5,
        ];
        let labels = [0, 1, 0, 1, 5, -1, 0];
        let got = check(&x, 2, &labels, Metric::Euclidean, 1e-15);
        assert_eq!(got[4], 0.0);
        assert!(got[5].is_nan());
        // All points of both clusters identical: a = b = 0 gives 0.
        let same = [1.0; 8];
        let mut v = [0.0; 4];
        let mean = silhouette(
            Points::F64(&same),
            2,
            &[0, 0, 1, 1],
            Metric::Euclidean,
            0,
            &mut v,
        )
        .unwrap();
        assert_eq!((mean, v), (0.0, [0.0; 4]));
    }

    #[test]
    fn f32_is_widened() {
        let mut rng = Rng(99);
        let (x, labels) = blobs(&mut rng, 300, 24, 3, 2.0);
        let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
        let wide: Vec<f64> = x32.iter().map(|&v| f64::from(v)).collect();
        let want = check(&wide, 24, &labels, Metric::Cosine, 1e-11);
        let mut got = vec![0.0; labels.len()];
        let _ = silhouette(Points::F32(&x32), 24, &labels, Metric::Cosine, 0, &mut got).unwrap();
        for (a, b) in got.iter().zip(&want) {
            assert_eq!(a.to_bits(), b.to_bits());
        }
    }

    #[test]
    fn rejects_invalid_input() {
        let x = [0.0, 1.0, 2.0, 3.0];
        let mut v = [0.0; 4];
        let bad = |labels: &[i32], x: &[f64], metric: Metric, v: &mut [f64]| {
            silhouette(Points::F64(x), 1, labels, metric, 0, v)
        };
        let e = Err(SilhouetteError::InvalidArgument);
        assert_eq!(
            bad(&[0, 0, 0, 0], &x, Metric::Euclidean, &mut v),
            e,
            "one cluster"
        );
        assert_eq!(
            bad(&[0, 1, 2, 3], &x, Metric::Euclidean, &mut v),
            e,
            "k = n"
        );
        assert_eq!(
            bad(&[0, 1, -1, -1], &x, Metric::Euclidean, &mut v),
            e,
            "k = scored"
        );
        assert_eq!(
            bad(&[-1, -1, -1, -1], &x, Metric::Euclidean, &mut v),
            e,
            "all noise"
        );
        assert_eq!(
            bad(&[0, 1, 1], &x, Metric::Euclidean, &mut v[..3]),
            e,
            "length"
        );
        assert_eq!(
            bad(&[0, 1, 1, 0], &x, Metric::Euclidean, &mut v[..3]),
            e,
            "values length"
        );
        assert_eq!(
            bad(
                &[0, 0, 1, 1],
                &[0.0, f64::NAN, 1.0, 2.0],
                Metric::Euclidean,
                &mut v
            ),
            e,
            "NaN"
        );
        assert_eq!(
            bad(&[0, 0, 1, 1], &[0.0, 1.0, 1.0, 2.0], Metric::Cosine, &mut v),
            e,
            "zero row"
        );
        assert_eq!(
            bad(
                &[0, 0, 1, 1],
                &[0.0, 1e151, 1.0, 2.0],
                Metric::Euclidean,
                &mut v
            ),
            e,
            "huge"
        );
        assert_eq!(bad(&[], &[], Metric::Euclidean, &mut []), e, "empty");
        assert!(bad(&[0, 0, 1, 1], &x, Metric::Euclidean, &mut v).is_ok());
    }
}
