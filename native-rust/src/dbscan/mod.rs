//! Exact DBSCAN (issue #6) with Euclidean or cosine distance, for `f32` or `f64` points.
//!
//! The result is defined by a canonical neighbour predicate evaluated in `f64` exactly as written in the
//! specification (`SPEC.md` in this folder, shared with the Java backend), so labels and core flags are a pure
//! function of the input: the same for any thread count, any method, and both backends.
//!
//! - `nb(i, i)` is always true (minPts counts the point itself).
//! - Euclidean: `s = sum_k (x_i[k] - x_j[k])^2` (in `k` order, from `0.0`, no FMA); `nb = s <= eps * eps`.
//! - Cosine: per row `m = max_k |x[k]|`, `r = sqrt(sum_k (x[k] / m)^2)`, `u[k] = (x[k] / m) / r`;
//!   `c = sum_k u_i[k] * u_j[k]`; `nb = 1.0 - c <= eps`.
//! - Core: at least `min_pts` neighbours. Clusters: connected components of core points. A border point joins
//!   the cluster of its lowest-index core neighbour. Labels are numbered by first appearance; noise is
//!   [`NOISE`].
//!
//! Two methods decide the pairs: [`grid`] for `dim <= 3` (cells of side `eps / sqrt(dim)`, candidates from the
//! cells within a reach of `r` cells along every axis) and [`blocked`] otherwise (f32 GEMM on 512 x 512 tiles of
//! the point matrix, with a rigorous error margin; pairs inside the margin are decided by the canonical
//! predicate). For `dim <= 3` the blocked method is also used when the grid would need more than 2^40 cells along
//! an axis, or when its reach `r` would exceed 8 (cosine `eps` below about 1e-15, Euclidean `eps` below about
//! `1e-150 * sqrt(dim) / 8`: the `(2r + 1)^dim` candidate boxes could make the grid quadratic), as in the Java
//! backend. Neither keeps neighbour lists: the grid takes O(n) extra memory, the blocked method O(n) plus an f32
//! copy of the points (`4 * dim` bytes per point).

mod blocked;
mod grid;
mod unionfind;

use std::ops::Range;

use rayon::prelude::*;

use crate::pool;

use unionfind::UnionFind;

/// The label of a noise point.
///
/// cbindgen:ignore
pub const NOISE: i32 = -1;

/// Largest number of points (Java's largest array size).
///
/// cbindgen:ignore
pub const MAX_POINTS: usize = i32::MAX as usize - 8;

/// Largest accepted `|coordinate|` for Euclidean distance (so that squared distances can't overflow into a
/// wrong answer).
///
/// cbindgen:ignore
pub const MAX_EUCLIDEAN_COORDINATE: f64 = 1e150;

/// The distance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// `|x_i - x_j| <= eps`.
    Euclidean,
    /// `1 - cos(x_i, x_j) <= eps`; zero rows are rejected.
    Cosine,
}

/// Which neighbour search decides the pairs. The result does not depend on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Method {
    /// The specification's choice: the grid for `dim <= 3` (unless it would need more than 2^40 cells along
    /// an axis, or a candidate reach above 8 cells), the blocked search otherwise.
    #[default]
    Auto,
    /// The blocked search whatever the dimension (for tests and measurements).
    Blocked,
}

/// Parameters of one call.
#[derive(Clone, Copy, Debug)]
pub struct Params {
    /// Neighbourhood radius: finite and > 0.
    pub eps: f64,
    /// Neighbours (the point itself included) that make a point core: at least 1.
    pub min_pts: usize,
    /// The distance.
    pub metric: Metric,
    /// `0`: the shared pool; `1`: the calling thread only; `k > 1`: at most `k` threads (`k` between 2 and the
    /// pool size, exclusive, builds a temporary pool of `k` threads for the call).
    pub threads: usize,
    /// The neighbour search ([`Method::Auto`] unless testing).
    pub method: Method,
}

impl Params {
    /// `eps`, `min_pts` and `metric`, on the shared pool, with the automatic method.
    #[must_use]
    pub const fn new(eps: f64, min_pts: usize, metric: Metric) -> Self {
        Self {
            eps,
            min_pts,
            metric,
            threads: 0,
            method: Method::Auto,
        }
    }
}

/// The points: `n * dim` values, row-major.
#[derive(Clone, Copy, Debug)]
pub enum Points<'a> {
    /// Single precision (widened exactly to `f64` for the canonical predicate).
    F32(&'a [f32]),
    /// Double precision.
    F64(&'a [f64]),
}

impl Points<'_> {
    /// Number of values.
    #[must_use]
    pub const fn len(&self) -> usize {
        match self {
            Points::F32(x) => x.len(),
            Points::F64(x) => x.len(),
        }
    }

    /// Whether there are no values.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What went wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DbscanError {
    /// A parameter, a length or a coordinate is out of range (see [`dbscan`]).
    InvalidArgument,
    /// Working memory could not be allocated.
    OutOfMemory,
}

/// Clusters `n = labels.len()` points of dimension `dim` (`points` holds `n * dim` values, row-major).
///
/// Writes each point's cluster (`0, 1, ...` by first appearance, or [`NOISE`]) into `labels` and whether it is
/// a core point (`1`) or not (`0`) into `core` (length `n`).
///
/// # Errors
/// [`DbscanError::InvalidArgument`] when `eps` is not finite and > 0, `min_pts` is 0, `dim` is 0, the lengths
/// don't match, `n` exceeds [`MAX_POINTS`], a coordinate is NaN or infinite, a Euclidean coordinate exceeds
/// [`MAX_EUCLIDEAN_COORDINATE`] in magnitude, or a cosine row is all zeros; [`DbscanError::OutOfMemory`] when
/// working memory can't be allocated. The outputs are unspecified after an error.
pub fn dbscan(
    points: Points<'_>,
    dim: usize,
    params: &Params,
    labels: &mut [i32],
    core: &mut [u8],
) -> Result<(), DbscanError> {
    let n = labels.len();
    let eps = params.eps;
    if !eps.is_finite()
        || eps <= 0.0
        || params.min_pts == 0
        || dim == 0
        || n > MAX_POINTS
        || core.len() != n
        || n.checked_mul(dim) != Some(points.len())
    {
        return Err(DbscanError::InvalidArgument);
    }
    if n == 0 {
        return Ok(());
    }
    match points {
        Points::F32(x) => run(x, dim, params, labels, core),
        Points::F64(x) => run(x, dim, params, labels, core),
    }
}

fn run<T: Element>(
    x: &[T],
    dim: usize,
    params: &Params,
    labels: &mut [i32],
    core: &mut [u8],
) -> Result<(), DbscanError> {
    with_exec(params.threads, |exec| {
        validate(x, dim, params.metric, exec)?;
        let job = Job {
            x,
            dim,
            n: labels.len(),
            metric: params.metric,
            eps: params.eps,
            min_pts: params.min_pts,
            exec,
        };
        if dim <= 3 && params.method != Method::Blocked && grid::run(&job, labels, core)? {
            return Ok(());
        }
        blocked::run(&job, labels, core, blocked::PAIR_BUDGET_PER_POINT)
    })
}

/// One call's inputs, shared by the methods.
pub(crate) struct Job<'a, T> {
    /// `n * dim` coordinates, validated.
    pub(crate) x: &'a [T],
    pub(crate) dim: usize,
    pub(crate) n: usize,
    pub(crate) metric: Metric,
    pub(crate) eps: f64,
    pub(crate) min_pts: usize,
    pub(crate) exec: Exec,
}

impl<T: Element> Job<'_, T> {
    /// Row `i`.
    #[inline]
    pub(crate) fn row(&self, i: usize) -> &[T] {
        &self.x[i * self.dim..(i + 1) * self.dim]
    }
}

/// A coordinate type: `f32` or `f64`, read as `f64`.
pub(crate) trait Element: Copy + Send + Sync + 'static {
    /// The exact `f64` value.
    fn to_f64(self) -> f64;
}

impl Element for f32 {
    #[inline]
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
}

impl Element for f64 {
    #[inline]
    fn to_f64(self) -> f64 {
        self
    }
}

/// Rejects NaN and infinite coordinates, Euclidean coordinates beyond 1e150 and all-zero cosine rows.
pub(crate) fn validate<T: Element>(
    x: &[T],
    dim: usize,
    metric: Metric,
    exec: Exec,
) -> Result<(), DbscanError> {
    let n = x.len() / dim;
    let rows_per_chunk = (16_384 / dim).max(1);
    let valid = exec.map_chunks(n, rows_per_chunk, |rows| {
        rows.into_iter().all(|i| {
            let mut largest = 0.0f64;
            for v in &x[i * dim..(i + 1) * dim] {
                let v = v.to_f64().abs();
                if !v.is_finite() {
                    return false;
                }
                largest = largest.max(v);
            }
            match metric {
                Metric::Euclidean => largest <= MAX_EUCLIDEAN_COORDINATE,
                Metric::Cosine => largest > 0.0,
            }
        })
    });
    if valid.into_iter().all(|ok| ok) {
        Ok(())
    } else {
        Err(DbscanError::InvalidArgument)
    }
}

/// The canonical squared Euclidean distance: differences squared and summed in `k` order from `0.0`.
#[inline]
pub(crate) fn squared_distance<T: Element>(a: &[T], b: &[T]) -> f64 {
    let mut s = 0.0f64;
    for (p, q) in a.iter().zip(b) {
        let t = p.to_f64() - q.to_f64();
        s += t * t;
    }
    s
}

/// A cosine row's `(m, r)`: `m = max_k |x[k]|` (> 0 after validation), `r = sqrt(sum_k (x[k] / m)^2)`.
#[inline]
pub(crate) fn cosine_scale<T: Element>(row: &[T]) -> (f64, f64) {
    let m = row.iter().fold(0.0f64, |a, v| a.max(v.to_f64().abs()));
    let mut q = 0.0f64;
    for v in row {
        let t = v.to_f64() / m;
        q += t * t;
    }
    (m, q.sqrt())
}

/// The canonical unit vector `u[k] = (x[k] / m) / r` of a row into `out`.
#[inline]
pub(crate) fn unit_into<T: Element>(row: &[T], (m, r): (f64, f64), out: &mut [f64]) {
    for (u, v) in out.iter_mut().zip(row) {
        *u = (v.to_f64() / m) / r;
    }
}

/// The canonical cosine predicate on two unit vectors: `1.0 - sum_k u_i[k] * u_j[k] <= eps`.
#[inline]
pub(crate) fn cosine_neighbours(a: &[f64], b: &[f64], eps: f64) -> bool {
    let mut c = 0.0f64;
    for (p, q) in a.iter().zip(b) {
        c += p * q;
    }
    1.0 - c <= eps
}

/// Index as `u32` (indices are below [`MAX_POINTS`] < 2^31, checked at the entry).
#[inline]
#[allow(
    clippy::cast_possible_truncation,
    reason = "indices are below MAX_POINTS < 2^31, checked in dbscan()"
)]
pub(crate) const fn idx32(i: usize) -> u32 {
    i as u32
}

/// "None" for `u32` indices.
pub(crate) const NONE: u32 = u32::MAX;

/// A vector of `len` copies of `value`, or [`DbscanError::OutOfMemory`].
pub(crate) fn try_vec<V: Clone>(len: usize, value: V) -> Result<Vec<V>, DbscanError> {
    let mut v = Vec::new();
    v.try_reserve_exact(len)
        .map_err(|_| DbscanError::OutOfMemory)?;
    v.resize(len, value);
    Ok(v)
}

/// A vector of `len` values made by `make`, or [`DbscanError::OutOfMemory`].
pub(crate) fn try_vec_with<V>(
    len: usize,
    mut make: impl FnMut() -> V,
) -> Result<Vec<V>, DbscanError> {
    let mut v = Vec::new();
    v.try_reserve_exact(len)
        .map_err(|_| DbscanError::OutOfMemory)?;
    v.extend((0..len).map(|_| make()));
    Ok(v)
}

/// Replaces each entry of `labels` (a union-find node, or negative for noise) by the cluster number of the
/// node's set, numbering sets by first appearance, and noise by [`NOISE`].
pub(crate) fn number_labels(
    labels: &mut [i32],
    uf: &UnionFind,
    nodes: usize,
) -> Result<(), DbscanError> {
    let mut number = try_vec(nodes, NONE)?;
    let mut next = 0u32;
    for label in labels.iter_mut() {
        let Ok(node) = u32::try_from(*label) else {
            *label = NOISE;
            continue;
        };
        let root = uf.find(node) as usize;
        if number[root] == NONE {
            number[root] = next;
            next += 1;
        }
        *label = i32::try_from(number[root]).map_err(|_| DbscanError::InvalidArgument)?;
    }
    Ok(())
}

/// How a call runs: on the calling thread only, or inside a rayon pool (`install`ed by [`with_exec`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Exec {
    /// The calling thread; rayon is never touched.
    Seq,
    /// Parallel iterators on the pool installed around the call.
    Par,
}

/// Runs `body` as `threads` asks: `1` on the calling thread; `0` on the shared pool; `k > 1` on the shared pool
/// when it has at most `k` threads, else on a temporary pool of `k` threads. Without a shared pool (threads could
/// not be started), on the calling thread.
///
/// So `k` between 2 and the pool size (exclusive) builds a temporary pool of `k` threads for the call (started on
/// every call and stopped after it: they exit in the background; if starting fails, the call runs on the calling
/// thread).
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
        .thread_name(|i| format!("ferrite-dbscan-{i}"))
        .build()
    {
        Ok(pool) => pool.install(|| body(Exec::Par)),
        Err(_) => body(Exec::Seq),
    }
}

impl Exec {
    /// Number of threads work is spread over.
    pub(crate) fn threads(self) -> usize {
        match self {
            Exec::Seq => 1,
            Exec::Par => rayon::current_num_threads(),
        }
    }

    /// This thread's index in `0..threads()`.
    pub(crate) fn thread_index(self) -> usize {
        match self {
            Exec::Seq => 0,
            Exec::Par => rayon::current_thread_index().unwrap_or(0),
        }
    }

    /// `f(scratch, i)` for every `i` in `0..n`, with a scratch value made by `init` per piece of work.
    pub(crate) fn for_each_init<S>(
        self,
        n: usize,
        init: impl Fn() -> S + Sync + Send,
        f: impl Fn(&mut S, usize) + Sync + Send,
    ) {
        match self {
            Exec::Seq => {
                let mut scratch = init();
                (0..n).for_each(|i| f(&mut scratch, i));
            }
            Exec::Par => (0..n)
                .into_par_iter()
                .with_min_len(64)
                .for_each_init(init, f),
        }
    }

    /// `f(i)` for every `i` in `0..n`, one item per task (for large, uneven items such as tiles).
    pub(crate) fn for_each_coarse(self, n: usize, f: impl Fn(usize) + Sync + Send) {
        match self {
            Exec::Seq => (0..n).for_each(f),
            Exec::Par => (0..n).into_par_iter().with_max_len(1).for_each(f),
        }
    }

    /// `f` on the consecutive ranges of `0..n` of length `chunk` (the last one shorter); the results in order.
    /// The ranges don't depend on the thread count.
    pub(crate) fn map_chunks<R: Send>(
        self,
        n: usize,
        chunk: usize,
        f: impl Fn(Range<usize>) -> R + Sync + Send,
    ) -> Vec<R> {
        let chunk = chunk.max(1);
        let count = n.div_ceil(chunk);
        let range = move |c: usize| c * chunk..((c + 1) * chunk).min(n);
        match self {
            Exec::Seq => (0..count).map(|c| f(range(c))).collect(),
            Exec::Par => (0..count).into_par_iter().map(|c| f(range(c))).collect(),
        }
    }

    /// `f(first_index, piece)` on consecutive pieces of `data` of `chunk` elements (the last one shorter).
    pub(crate) fn chunks_mut<V: Send>(
        self,
        data: &mut [V],
        chunk: usize,
        f: impl Fn(usize, &mut [V]) + Sync + Send,
    ) {
        let chunk = chunk.max(1);
        match self {
            Exec::Seq => data
                .chunks_mut(chunk)
                .enumerate()
                .for_each(|(c, piece)| f(c * chunk, piece)),
            Exec::Par => data
                .par_chunks_mut(chunk)
                .enumerate()
                .for_each(|(c, piece)| f(c * chunk, piece)),
        }
    }

    /// Sorts `data` (unstable: callers sort distinct values, so the order is unique).
    pub(crate) fn sort<V: Ord + Send>(self, data: &mut [V]) {
        match self {
            Exec::Seq => data.sort_unstable(),
            Exec::Par => data.par_sort_unstable(),
        }
    }
}
