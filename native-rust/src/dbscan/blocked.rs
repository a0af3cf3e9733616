//! The blocked method, for `dim >= 4` (or when the grid is impossible).
//!
//! Every pair `i < j` is looked at once, tile by tile: tiles `(I, J)` of 512 x 512 rows with `J >= I`, whose
//! approximate products come from an f32 GEMM (`gemm` crate, single-threaded per tile, tiles in parallel) on an
//! f32 copy `y` of the rows, read in place with strides. The n x n matrix is never formed and no neighbour list is
//! kept. A pair is decided from the approximate value only outside a margin that bounds its error rigorously;
//! inside the margin the canonical predicate decides.
//!
//! - Cosine: `y_i = (f32) u_i` (the canonical unit vector), `c' = dot_f32(y_i, y_j)`,
//!   `|c' - c| <= M = (d + 16) * 2^-22`; `c' >= (1 - eps) + M`: neighbours; `c' < (1 - eps) - M`: not. The
//!   canonical recheck recomputes `u` from the row and its `(m, r)`, kept per row.
//! - Euclidean: `mu` the mean, `p` a power of two with `max |x - mu| * p <= 1`, `y_i = (f32)((x_i - mu) * p)`,
//!   `n_i = sum y_i[k]^2` (f64), `s' = n_i + n_j - 2 dot_f32(y_i, y_j)` against `e2 = eps^2 p^2` with margin
//!   `M_ij = (d + 16) 2^-21 (n_i + n_j) + d 1e-30`. One term beyond the specification's margin:
//!   `(d + 1) 2^-1070 p^2` (only when `p > 1`), for squares that underflow in the canonical sum when the points
//!   are within about 1e-150 of each other (otherwise it is far below `d 1e-30`).
//!
//! Pass 1 counts neighbours (per-tile tallies added atomically) and keeps the neighbour pairs while their total
//! stays within [`PAIR_BUDGET_PER_POINT`] per point; the core flags follow from the counts. Then the kept pairs are
//! replayed for the union-find of core pairs and the border minima; if the budget overflowed, pass 2 recomputes
//! the tiles that touch a core point and does the same on the fly, skipping pairs that can't change anything.

use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use super::{
    DbscanError, Element, Exec, Job, Metric, NOISE, NONE, UnionFind, cosine_neighbours,
    cosine_scale, idx32, number_labels, squared_distance, try_vec, try_vec_with, unit_into,
};

/// Neighbour pairs kept from pass 1, per point (64 pairs of 8 bytes: at most 512 bytes per point).
pub(crate) const PAIR_BUDGET_PER_POINT: usize = 64;

/// Rows per tile side.
const TILE: usize = 512;
/// Products per branch-free pre-test in the tile scan.
const SCAN_CHUNK: usize = 64;
/// Kept pairs per piece of work when replaying them.
const PAIR_CHUNK: usize = 1 << 16;
/// Rows per piece of work when preparing `y`.
const ROW_CHUNK: usize = 256;

const RELAXED: Ordering = Ordering::Relaxed;

/// 2^-1070 (subnormal; `powi(-1070)` may compute `1 / 2^1070` and give 0).
const TWO_POW_MINUS_1070: f64 = f64::from_bits(1 << 4);

/// How pairs are approximated, per metric.
enum Approx {
    Cosine {
        /// `(m, r)` per row.
        scale: Vec<(f64, f64)>,
        /// Below: not neighbours. At or above `hi`: neighbours. (f32 bounds rounded outwards.)
        lo: f32,
        hi: f32,
    },
    Euclidean {
        /// `n_i` per row.
        norms: Vec<f64>,
        /// `eps * eps` (canonical threshold) and `eps2 * p * p`.
        eps2: f64,
        e2: f64,
        /// Margin `rel * (n_i + n_j) + abs`.
        rel: f64,
        abs: f64,
    },
}

/// The per-thread buffers of the tile scan.
struct Work {
    /// One tile of products, row-major.
    c: Vec<f32>,
    /// Canonical unit vectors of the current row `i` (cached) and of `j` (cosine rechecks).
    ui: Vec<f64>,
    ui_row: usize,
    uj: Vec<f64>,
}

/// Neighbour pairs `(i, j)`, `i < j`.
type Pairs = Vec<(u32, u32)>;

/// Per-thread tallies of one tile.
struct Tally {
    rows: Vec<u32>,
    cols: Vec<u32>,
    pairs: Pairs,
}

impl Tally {
    /// Adds the tile's neighbour counts of rows `i0..i0 + m` and columns `j0..j0 + nc` to `counts`.
    fn add_counts(&self, counts: &[AtomicU32], (i0, m): (usize, usize), (j0, nc): (usize, usize)) {
        for (r, &k) in self.rows[..m].iter().enumerate() {
            if k != 0 {
                let _before = counts[i0 + r].fetch_add(k, RELAXED);
            }
        }
        for (c, &k) in self.cols[..nc].iter().enumerate() {
            if k != 0 {
                let _before = counts[j0 + c].fetch_add(k, RELAXED);
            }
        }
    }
}

struct Blocked<'a, 'x, T> {
    job: &'a Job<'x, T>,
    y: Vec<f32>,
    approx: Approx,
    /// `dim` as a GEMM stride.
    stride: isize,
}

/// `v` as `isize` (a slice length or smaller, so below `isize::MAX`).
#[inline]
#[allow(
    clippy::cast_possible_wrap,
    reason = "lengths of allocated slices are below isize::MAX"
)]
const fn stride(v: usize) -> isize {
    v as isize
}

#[inline]
#[allow(
    clippy::cast_possible_truncation,
    reason = "rounding to f32 is the point"
)]
const fn to_f32(v: f64) -> f32 {
    v as f32
}

/// The largest f32 at or below `v`.
fn f32_down(v: f64) -> f32 {
    let f = to_f32(v);
    if f64::from(f) > v { f.next_down() } else { f }
}

/// The smallest f32 at or above `v`.
fn f32_up(v: f64) -> f32 {
    let f = to_f32(v);
    if f64::from(f) < v { f.next_up() } else { f }
}

fn lock<V>(m: &Mutex<V>) -> MutexGuard<'_, V> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Tile `t` of the `blocks * (blocks + 1) / 2` tiles `(bi, bj)` with `bj >= bi`, computed rather than stored
/// (a tile list would take O(n^2) memory). Counted from the last tile, `u = tiles - 1 - t` lies in the `k`-th row
/// from the bottom (`bi = blocks - 1 - k`, `k + 1` tiles), whose first tile is `u = k (k + 1) / 2`.
fn tile(blocks: usize, t: usize) -> (usize, usize) {
    let u = blocks * (blocks + 1) / 2 - 1 - t;
    // The largest `k` with `k (k + 1) / 2 <= u`, exactly (`8u + 1 < 2^47` for `blocks <= 2^22`).
    let k = ((8 * u + 1).isqrt() - 1) / 2;
    (blocks - 1 - k, blocks - 1 - (u - k * (k + 1) / 2))
}

/// Runs the blocked method, keeping at most `budget_per_point * n` pairs from pass 1.
pub(crate) fn run<T: Element>(
    job: &Job<'_, T>,
    labels: &mut [i32],
    core: &mut [u8],
    budget_per_point: usize,
) -> Result<(), DbscanError> {
    let n = job.n;
    let blocked = Blocked::prepare(job)?;
    let tiles = Tiles::new(job)?;
    let (counts, kept) = blocked.count_neighbours(&tiles, budget_per_point)?;
    mark_core(&counts, job.min_pts, core);
    drop(counts);
    let core: &[u8] = core;
    let links = Links {
        core,
        uf: UnionFind::new(n)?,
        border: try_vec_with(n, || AtomicU32::new(NONE))?,
    };
    // The pairs kept by pass 1 if they all fit in the budget, otherwise pass 2.
    match kept {
        Some(pairs) => links.replay(job.exec, &pairs),
        None => blocked.link_by_rescan(&tiles, &links)?,
    }
    drop(tiles);
    links.write_nodes(labels)?;
    let Links { uf, border, .. } = links;
    drop(border);
    number_labels(labels, &uf, n)
}

/// The tiles of one call, and the buffers each thread scans them with.
struct Tiles {
    n: usize,
    /// Row blocks of [`TILE`] rows (the last one shorter).
    blocks: usize,
    /// `blocks * (blocks + 1) / 2` tiles, numbered as in [`tile`].
    count: usize,
    /// One set per thread of the call, picked by thread index.
    buffers: Vec<Mutex<(Work, Tally)>>,
}

impl Tiles {
    /// The tiles of `job`'s points, and per-thread buffers for the largest tile.
    fn new<T: Element>(job: &Job<'_, T>) -> Result<Self, DbscanError> {
        let n = job.n;
        let blocks = n.div_ceil(TILE);
        let side = TILE.min(n);
        let threads = job.exec.threads().max(1);
        let mut buffers = Vec::new();
        buffers
            .try_reserve_exact(threads)
            .map_err(|_| DbscanError::OutOfMemory)?;
        for _ in 0..threads {
            let work = Work {
                c: try_vec(side * side, 0.0f32)?,
                ui: try_vec(job.dim, 0.0f64)?,
                ui_row: usize::MAX,
                uj: try_vec(job.dim, 0.0f64)?,
            };
            let tally = Tally {
                rows: try_vec(side, 0u32)?,
                cols: try_vec(side, 0u32)?,
                pairs: Vec::new(),
            };
            buffers.push(Mutex::new((work, tally)));
        }
        Ok(Self {
            n,
            blocks,
            count: blocks * (blocks + 1) / 2,
            buffers,
        })
    }

    /// First row and number of rows of block `b`.
    #[inline]
    fn block(&self, b: usize) -> (usize, usize) {
        let first = b * TILE;
        (first, TILE.min(self.n - first))
    }

    /// The calling thread's buffers.
    fn buffers(&self, exec: Exec) -> MutexGuard<'_, (Work, Tally)> {
        lock(&self.buffers[exec.thread_index() % self.buffers.len()])
    }
}

/// The neighbour pairs pass 1 keeps, at most a budget of them in all.
struct Kept {
    budget: usize,
    /// Pairs offered so far (counted even when they did not fit).
    stored: AtomicUsize,
    /// Set once a pair could not be kept: the budget is exceeded or memory ran out.
    overflow: AtomicBool,
    pairs: Mutex<Pairs>,
}

impl Kept {
    fn overflowed(&self) -> bool {
        self.overflow.load(RELAXED)
    }

    fn overflow(&self) {
        self.overflow.store(true, RELAXED);
    }

    /// Adds the pairs of one tile, or records an overflow when they would go beyond the budget or the buffer
    /// can't grow.
    fn offer(&self, tile_pairs: &[(u32, u32)]) {
        let len = tile_pairs.len();
        if len == 0 || self.overflowed() {
            return;
        }
        let before = self.stored.fetch_add(len, RELAXED);
        if before + len > self.budget {
            self.overflow();
            return;
        }
        // At most `budget` pairs in all; the shared buffer grows by doubling (capped at the budget), and a failed
        // allocation is treated like an overflow (pass 2 needs no pairs).
        let mut pairs = lock(&self.pairs);
        let (have, capacity) = (pairs.len(), pairs.capacity());
        let need = have + len;
        let target = need.max(2 * capacity).min(self.budget);
        if need > capacity && pairs.try_reserve_exact(target - have).is_err() {
            self.overflow();
        } else {
            pairs.extend_from_slice(tile_pairs);
        }
    }

    /// All the neighbour pairs, or `None` after an overflow.
    fn into_pairs(self) -> Option<Pairs> {
        if self.overflowed() {
            None
        } else {
            Some(
                self.pairs
                    .into_inner()
                    .unwrap_or_else(PoisonError::into_inner),
            )
        }
    }
}

/// The core flags from the neighbour counts.
fn mark_core(counts: &[AtomicU32], min_pts: usize, core: &mut [u8]) {
    for (flag, count) in core.iter_mut().zip(counts) {
        *flag = u8::from(count.load(RELAXED) as usize >= min_pts);
    }
}

/// What the neighbour pairs build once the core flags are known: the union-find of core neighbours, and for every
/// other point its lowest-index core neighbour (`NONE` for none).
struct Links<'c> {
    core: &'c [u8],
    uf: UnionFind,
    border: Vec<AtomicU32>,
}

impl Links<'_> {
    #[inline]
    fn is_core(&self, i: usize) -> bool {
        self.core[i] != 0
    }

    /// Records the neighbour pair `(i, j)`.
    #[inline]
    fn link(&self, i: usize, j: usize) {
        match (self.is_core(i), self.is_core(j)) {
            (true, true) => self.uf.union(idx32(i), idx32(j)),
            (true, false) => {
                let _before = self.border[j].fetch_min(idx32(i), RELAXED);
            }
            (false, true) => {
                let _before = self.border[i].fetch_min(idx32(j), RELAXED);
            }
            (false, false) => {}
        }
    }

    /// Whether linking `(i, j)` could still change something (pass 2 skips the other pairs).
    #[inline]
    fn relevant(&self, i: usize, j: usize) -> bool {
        match (self.is_core(i), self.is_core(j)) {
            (true, true) => !self.uf.same(idx32(i), idx32(j)),
            (true, false) => self.border[j].load(RELAXED) > idx32(i),
            (false, true) => self.border[i].load(RELAXED) > idx32(j),
            (false, false) => false,
        }
    }

    /// Links every pair kept by pass 1.
    fn replay(&self, exec: Exec, kept: &[(u32, u32)]) {
        exec.for_each_coarse(kept.len().div_ceil(PAIR_CHUNK), |b| {
            let first = b * PAIR_CHUNK;
            for &(i, j) in &kept[first..kept.len().min(first + PAIR_CHUNK)] {
                self.link(i as usize, j as usize);
            }
        });
    }

    /// Each point's union-find node into `labels` (core: itself; border: its lowest-index core neighbour; noise:
    /// [`NOISE`]), for [`number_labels`] to number.
    fn write_nodes(&self, labels: &mut [i32]) -> Result<(), DbscanError> {
        for (i, label) in labels.iter_mut().enumerate() {
            let node = if self.is_core(i) {
                idx32(i)
            } else {
                self.border[i].load(RELAXED)
            };
            *label = if node == NONE {
                NOISE
            } else {
                i32::try_from(node).map_err(|_| DbscanError::InvalidArgument)?
            };
        }
        Ok(())
    }
}

impl<'a, 'x, T: Element> Blocked<'a, 'x, T> {
    /// Builds `y` and the per-row data of the approximation.
    fn prepare(job: &'a Job<'x, T>) -> Result<Self, DbscanError> {
        let (n, d, exec, eps) = (job.n, job.dim, job.exec, job.eps);
        #[allow(
            clippy::cast_precision_loss,
            reason = "exact below 2^53, and a larger d only widens the margin"
        )]
        let dims = d as f64;
        let mut y = try_vec(n * d, 0.0f32)?;
        let approx = match job.metric {
            Metric::Cosine => {
                let mut scale = try_vec(n, (0.0f64, 0.0f64))?;
                exec.chunks_mut(&mut scale, ROW_CHUNK, |first, piece| {
                    for (o, s) in piece.iter_mut().enumerate() {
                        *s = cosine_scale(job.row(first + o));
                    }
                });
                exec.chunks_mut(&mut y, ROW_CHUNK * d, |first, piece| {
                    for (r, out) in piece.chunks_mut(d).enumerate() {
                        let i = first / d + r;
                        let (m, q) = scale[i];
                        for (o, v) in out.iter_mut().zip(job.row(i)) {
                            *o = to_f32((v.to_f64() / m) / q);
                        }
                    }
                });
                let margin = (dims + 16.0) * 2f64.powi(-22);
                Approx::Cosine {
                    scale,
                    lo: f32_down((1.0 - eps) - margin),
                    hi: f32_up((1.0 - eps) + margin),
                }
            }
            Metric::Euclidean => {
                // Mean over fixed chunks of rows, added in order: the same for any thread count.
                let partial = exec.map_chunks(n, 1024, |rows| {
                    let mut sum = try_vec(d, 0.0f64)?;
                    for i in rows {
                        for (a, v) in sum.iter_mut().zip(job.row(i)) {
                            *a += v.to_f64();
                        }
                    }
                    Ok(sum)
                });
                let mut mu = try_vec(d, 0.0f64)?;
                for sum in partial {
                    let sum = sum?;
                    for (a, s) in mu.iter_mut().zip(sum) {
                        *a += s;
                    }
                }
                #[allow(clippy::cast_precision_loss, reason = "an approximate mean is enough")]
                let count = n as f64;
                for a in &mut mu {
                    *a /= count;
                }
                let spread = exec
                    .map_chunks(n, 1024, |rows| {
                        let mut largest = 0.0f64;
                        for i in rows {
                            for (m, v) in mu.iter().zip(job.row(i)) {
                                largest = largest.max((v.to_f64() - m).abs());
                            }
                        }
                        largest
                    })
                    .into_iter()
                    .fold(0.0f64, f64::max);
                let mut p = 1.0f64;
                if spread > 0.0 {
                    while spread * p > 1.0 {
                        p *= 0.5;
                    }
                    while spread * p * 2.0 <= 1.0 && p < 2f64.powi(1000) {
                        p *= 2.0;
                    }
                }
                let mut norms = try_vec(n, 0.0f64)?;
                exec.chunks_mut(&mut y, ROW_CHUNK * d, |first, piece| {
                    for (r, out) in piece.chunks_mut(d).enumerate() {
                        let i = first / d + r;
                        for ((o, v), m) in out.iter_mut().zip(job.row(i)).zip(&mu) {
                            *o = to_f32((v.to_f64() - m) * p);
                        }
                    }
                });
                exec.chunks_mut(&mut norms, ROW_CHUNK, |first, piece| {
                    for (o, slot) in piece.iter_mut().enumerate() {
                        let i = first + o;
                        *slot = y[i * d..(i + 1) * d]
                            .iter()
                            .map(|&v| f64::from(v) * f64::from(v))
                            .sum();
                    }
                });
                let eps2 = eps * eps;
                let underflow = if p > 1.0 {
                    (dims + 1.0) * (TWO_POW_MINUS_1070 * p * p)
                } else {
                    0.0
                };
                Approx::Euclidean {
                    norms,
                    eps2,
                    e2: eps2 * p * p,
                    rel: (dims + 16.0) * 2f64.powi(-21),
                    abs: dims * 1e-30 + underflow,
                }
            }
        };
        Ok(Self {
            job,
            y,
            approx,
            stride: stride(d),
        })
    }

    /// Pass 1: every point's neighbour count (itself included), and the neighbour pairs when there are at most
    /// `budget_per_point * n` of them (`None` otherwise).
    fn count_neighbours(
        &self,
        tiles: &Tiles,
        budget_per_point: usize,
    ) -> Result<(Vec<AtomicU32>, Option<Pairs>), DbscanError> {
        let exec = self.job.exec;
        let counts = try_vec_with(tiles.n, || AtomicU32::new(1))?;
        let kept = Kept {
            budget: budget_per_point.saturating_mul(tiles.n),
            stored: AtomicUsize::new(0),
            overflow: AtomicBool::new(false),
            pairs: Mutex::new(Vec::new()),
        };
        exec.for_each_coarse(tiles.count, |t| {
            let (bi, bj) = tile(tiles.blocks, t);
            let (i0, m) = tiles.block(bi);
            let (j0, nc) = tiles.block(bj);
            let mut guard = tiles.buffers(exec);
            let (work, tally) = &mut *guard;
            tally.rows[..m].fill(0);
            tally.cols[..nc].fill(0);
            tally.pairs.clear();
            let collect = !kept.overflowed();
            self.scan_tile(
                (i0, m),
                (j0, nc),
                work,
                |_, _| true,
                |i, j| {
                    tally.rows[i - i0] += 1;
                    tally.cols[j - j0] += 1;
                    // A failed allocation counts as an overflow (pass 2 needs no pairs), like the shared buffer's.
                    if collect {
                        if tally.pairs.try_reserve(1).is_ok() {
                            tally.pairs.push((idx32(i), idx32(j)));
                        } else {
                            kept.overflow();
                        }
                    }
                },
            );
            tally.add_counts(&counts, (i0, m), (j0, nc));
            // Empty unless `collect`.
            kept.offer(&tally.pairs);
        });
        Ok((counts, kept.into_pairs()))
    }

    /// Pass 2, when pass 1 could not keep every pair: recomputes the tiles that touch a core point and links their
    /// pairs on the fly, skipping the pairs that can't change anything.
    fn link_by_rescan(&self, tiles: &Tiles, links: &Links<'_>) -> Result<(), DbscanError> {
        let exec = self.job.exec;
        let mut block_has_core = try_vec(tiles.blocks, false)?;
        for (b, has) in block_has_core.iter_mut().enumerate() {
            let (first, len) = tiles.block(b);
            *has = links.core[first..first + len].iter().any(|&c| c != 0);
        }
        exec.for_each_coarse(tiles.count, |t| {
            let (bi, bj) = tile(tiles.blocks, t);
            if !block_has_core[bi] && !block_has_core[bj] {
                return;
            }
            let mut guard = tiles.buffers(exec);
            let (work, _) = &mut *guard;
            self.scan_tile(
                tiles.block(bi),
                tiles.block(bj),
                work,
                |i, j| links.relevant(i, j),
                |i, j| links.link(i, j),
            );
        });
        Ok(())
    }

    /// `c = y[I] * y[J]^T` for the rows `i0..i0 + m` and `j0..j0 + nc` (row-major, `m x nc`).
    fn product(&self, (i0, m): (usize, usize), (j0, nc): (usize, usize), c: &mut [f32]) {
        let d = self.job.dim;
        let lhs = &self.y[i0 * d..(i0 + m) * d];
        let rhs = &self.y[j0 * d..(j0 + nc) * d];
        let dst = &mut c[..m * nc];
        // SAFETY: `dst` holds m x nc f32 written row-major (column stride 1, row stride nc); `lhs` holds the m rows
        // of d values (column stride 1, row stride d); `rhs` as a d x nc matrix is the transpose of its nc rows
        // (column stride d, row stride 1). All three are live slices of exactly those sizes, `dst` is exclusive,
        // and `read_dst = false` means `dst` is only written. `Parallelism::None` keeps the call on this thread.
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
                self.stride,
                rhs.as_ptr(),
                self.stride,
                1,
                0.0f32,
                1.0f32,
                false,
                false,
                false,
                gemm::Parallelism::None,
            );
        }
    }

    /// Decides every pair `i < j` of the tile with `want(i, j)` and calls `on_pair(i, j)` for the neighbours.
    /// `want` is asked only for pairs the approximation can't rule out.
    fn scan_tile(
        &self,
        rows: (usize, usize),
        cols: (usize, usize),
        work: &mut Work,
        want: impl Fn(usize, usize) -> bool,
        mut on_pair: impl FnMut(usize, usize),
    ) {
        let (i0, m) = rows;
        let (j0, nc) = cols;
        self.product(rows, cols, &mut work.c);
        let Work { c, ui, ui_row, uj } = work;
        *ui_row = usize::MAX;
        let diagonal = i0 == j0;
        let job = self.job;
        match &self.approx {
            Approx::Cosine { scale, lo, hi } => {
                let (lo, hi) = (*lo, *hi);
                for r in 0..m {
                    let i = i0 + r;
                    let from = if diagonal { r + 1 } else { 0 };
                    let row = &c[r * nc + from..(r + 1) * nc];
                    for (k, chunk) in row.chunks(SCAN_CHUNK).enumerate() {
                        // Branch-free (vectorised) test first: most chunks hold no candidate.
                        if !chunk.iter().fold(false, |any, &v| any | (v >= lo)) {
                            continue;
                        }
                        for (o, &v) in chunk.iter().enumerate() {
                            if v < lo {
                                continue;
                            }
                            let j = j0 + from + k * SCAN_CHUNK + o;
                            if !want(i, j) {
                                continue;
                            }
                            let neighbours = v >= hi || {
                                if *ui_row != i {
                                    unit_into(job.row(i), scale[i], ui);
                                    *ui_row = i;
                                }
                                unit_into(job.row(j), scale[j], uj);
                                cosine_neighbours(ui, uj, job.eps)
                            };
                            if neighbours {
                                on_pair(i, j);
                            }
                        }
                    }
                }
            }
            Approx::Euclidean {
                norms,
                eps2,
                e2,
                rel,
                abs,
            } => {
                let (e2, rel, abs) = (*e2, *rel, *abs);
                for r in 0..m {
                    let i = i0 + r;
                    let ni = norms[i];
                    let from = if diagonal { r + 1 } else { 0 };
                    let row = &c[r * nc + from..(r + 1) * nc];
                    let col_norms = &norms[j0 + from..j0 + nc];
                    for (k, (chunk, chunk_norms)) in row
                        .chunks(SCAN_CHUNK)
                        .zip(col_norms.chunks(SCAN_CHUNK))
                        .enumerate()
                    {
                        let possible = |(&v, &nj): (&f32, &f64)| {
                            let t = ni + nj;
                            t - 2.0 * f64::from(v) <= e2 + (rel * t + abs)
                        };
                        if !chunk
                            .iter()
                            .zip(chunk_norms)
                            .fold(false, |any, pair| any | possible(pair))
                        {
                            continue;
                        }
                        for (o, (&v, &nj)) in chunk.iter().zip(chunk_norms).enumerate() {
                            let t = ni + nj;
                            let approx = t - 2.0 * f64::from(v);
                            let margin = rel * t + abs;
                            if approx > e2 + margin {
                                continue;
                            }
                            let j = j0 + from + k * SCAN_CHUNK + o;
                            if !want(i, j) {
                                continue;
                            }
                            if approx <= e2 - margin
                                || squared_distance(job.row(i), job.row(j)) <= *eps2
                            {
                                on_pair(i, j);
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Exec, Job, Metric};
    use super::*;

    fn lcg(seed: &mut u64) -> f64 {
        *seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        #[allow(clippy::cast_precision_loss, reason = "test data")]
        let v = (*seed >> 11) as f64 / (1u64 << 53) as f64;
        v
    }

    fn clustered(n: usize, d: usize, seed: u64) -> Vec<f64> {
        let mut s = seed;
        let centres: Vec<f64> = (0..4 * d).map(|_| lcg(&mut s) * 4.0 - 2.0).collect();
        let mut x = Vec::with_capacity(n * d);
        for i in 0..n {
            let c = i % 4;
            for k in 0..d {
                x.push(centres[c * d + k] + (lcg(&mut s) - 0.5) * 0.6);
            }
        }
        x
    }

    fn run_on(
        exec: Exec,
        x: &[f64],
        d: usize,
        metric: Metric,
        eps: f64,
        budget: usize,
    ) -> (Vec<i32>, Vec<u8>) {
        let n = x.len() / d;
        let job = Job {
            x,
            dim: d,
            n,
            metric,
            eps,
            min_pts: 4,
            exec,
        };
        let mut labels = vec![0i32; n];
        let mut core = vec![0u8; n];
        assert_eq!(run(&job, &mut labels, &mut core, budget), Ok(()));
        (labels, core)
    }

    /// On the calling thread, and (when the shared pool exists) on the pool too, which must agree.
    fn run_with(
        x: &[f64],
        d: usize,
        metric: Metric,
        eps: f64,
        budget: usize,
    ) -> (Vec<i32>, Vec<u8>) {
        let seq = run_on(Exec::Seq, x, d, metric, eps, budget);
        if let Some(pool) = crate::pool::get() {
            let par = pool.install(|| run_on(Exec::Par, x, d, metric, eps, budget));
            assert_eq!(par, seq);
        }
        seq
    }

    /// Pass 2 (budget overflow, including a budget of zero) gives the same result as the kept pairs.
    #[test]
    fn overflow_pass_matches_kept_pairs() {
        let d = 6;
        let x = clustered(700, d, 7);
        for (metric, eps) in [(Metric::Euclidean, 0.9), (Metric::Cosine, 0.05)] {
            let full = run_with(&x, d, metric, eps, PAIR_BUDGET_PER_POINT * 1000);
            assert!(full.1.iter().any(|&c| c != 0));
            assert!(full.0.iter().any(|&l| l >= 0));
            for budget in [0, 1, 3] {
                assert_eq!(
                    run_with(&x, d, metric, eps, budget),
                    full,
                    "{metric:?} budget {budget}"
                );
            }
        }
    }

    /// The computed tiles are every `(bi, bj)` with `bj >= bi` once, in row order.
    #[test]
    fn tiles_by_index() {
        for blocks in [1usize, 2, 3, 7, 64, 301] {
            let mut t = 0;
            for bi in 0..blocks {
                for bj in bi..blocks {
                    assert_eq!(tile(blocks, t), (bi, bj), "blocks {blocks} tile {t}");
                    t += 1;
                }
            }
        }
        // The largest tile count (`n` near 2^31): first, last and row boundaries.
        let blocks = super::super::MAX_POINTS.div_ceil(TILE);
        let tiles = blocks * (blocks + 1) / 2;
        assert_eq!(tile(blocks, 0), (0, 0));
        assert_eq!(tile(blocks, blocks - 1), (0, blocks - 1));
        assert_eq!(tile(blocks, blocks), (1, 1));
        assert_eq!(tile(blocks, tiles - 2), (blocks - 2, blocks - 1));
        assert_eq!(tile(blocks, tiles - 1), (blocks - 1, blocks - 1));
    }

    #[test]
    fn outward_f32_rounding() {
        for v in [0.1f64, -0.1, 1.0 / 3.0, 1e300, -1e300, 0.0, 1.0] {
            assert!(f64::from(f32_down(v)) <= v);
            assert!(f64::from(f32_up(v)) >= v);
        }
    }
}
