//! The grid method, for `dim <= 3`.
//!
//! Grid coordinates are the points themselves (Euclidean) or their canonical unit vectors (cosine). Cells have
//! side `s = Rs / sqrt(dim)`, so two points of one cell are at most `Rs` (slightly less than `eps`) apart. Points
//! are sorted by cell (then by index) into a copy of their grid coordinates; the candidates of a cell are the
//! non-empty cells within `r` cells along every axis, found by binary searches on the sorted cell keys. Every pair
//! is decided by the canonical predicate on the grid coordinates (for Euclidean these are the original values,
//! for cosine the canonical unit vectors, so this *is* the canonical predicate); the grid only proposes
//! candidates.
//!
//! Phases, each parallel over cells and deterministic:
//! 1. core flags: count canonical neighbours over the candidates, stopping at `min_pts`; a cell holding at least
//!    `min_pts` points makes them all core without counting (when its points are provably mutual neighbours);
//! 2. union-find: when a cell's points are mutual neighbours, one node per cell (its first core point) and one
//!    core-core neighbour pair per pair of neighbouring cells whose roots differ; otherwise point by point.
//!    Touching cells go first, then the farther ones (by then mostly in one set already); points provably
//!    farther than `Rc` from the other cell (in cell units, with a slack far above the rounding) are skipped;
//! 3. border points: the lowest original index among core canonical neighbours;
//! 4. labels, numbered by first appearance.
//!
//! Extra memory: the sorted coordinates (`8 * dim` bytes per point), the sort keys (16 bytes per point, 32 when
//! an axis has more than 2^32 cells; freed before phase 1), original indices, flags, union-find and component
//! entries (13 bytes per point), and per cell a 16-byte key, a start offset and a representative (at most one cell
//! per point).
//!
//! Where this goes beyond the text of the specification (each only makes more pairs candidates or checks more
//! pairs canonically, never changes a result):
//! - cells are treated as cliques (dense-cell shortcut, one union-find node per cell) only when the specification
//!   allows the shortcut (Euclidean `eps >= 1e-150`, cosine `eps >= 1e-6`) *and* every cell index is at most 2^30:
//!   beyond that, the rounding of `(g - min) / s` (up to 2^-12 of a cell at 2^40 cells) can exceed the 1e-6 slack
//!   of `Rs`;
//! - the candidate reach is `r = floor(Rc / s * (1 + 1e-9) + 2^-9) + 1` (the same `r = 2` as the specification for
//!   Euclidean distance), which also covers that rounding;
//! - Euclidean `Rc` is `max(eps, 1e-150) * (1 + 1e-9)`: below `eps = 1e-150`, squares that underflow can make the
//!   canonical predicate accept pairs slightly farther apart than `eps`.

use std::ops::Range;
use std::sync::atomic::{AtomicU8, AtomicU32, Ordering};

use super::{
    DbscanError, Element, Exec, Job, Metric, NOISE, NONE, UnionFind, cosine_neighbours,
    cosine_scale, idx32, number_labels, try_vec, try_vec_with, unit_into,
};

/// Largest number of cells along an axis (2^40) before the grid gives way to the blocked method.
const MAX_CELL_RATIO: f64 = 1_099_511_627_776.0;
/// Largest cell index for which a cell is treated as a clique (see the module's notes).
const MAX_CLIQUE_CELL: u64 = 1 << 30;
/// Largest candidate reach `r` for the grid: beyond it (cosine `eps` below about 1e-15, Euclidean `eps` below
/// about `1e-150 * sqrt(dim) / 8`) the `(2r + 1)^dim` candidate boxes could make phase 1 quadratic, and the blocked method is used,
/// as in the Java backend.
const MAX_GRID_REACH: u64 = 8;
/// Rows per piece of parallel work in the per-point passes.
const CHUNK: usize = 4096;

const RELAXED: Ordering = Ordering::Relaxed;

/// Runs the grid method; `Ok(false)` when the grid is impossible (more than 2^40 cells along an axis, a
/// candidate reach above [`MAX_GRID_REACH`], or `dim` above 3): the caller then uses the blocked method.
pub(crate) fn run<T: Element>(
    job: &Job<'_, T>,
    labels: &mut [i32],
    core: &mut [u8],
) -> Result<bool, DbscanError> {
    match job.dim {
        1 => run_dim::<T, 1>(job, labels, core),
        2 => run_dim::<T, 2>(job, labels, core),
        3 => run_dim::<T, 3>(job, labels, core),
        _ => Ok(false),
    }
}

/// The canonical predicate on grid coordinates.
#[derive(Clone, Copy)]
enum Pred {
    /// `eps * eps`.
    Euclidean(f64),
    /// `eps`.
    Cosine(f64),
}

impl Pred {
    #[inline]
    fn nb<const D: usize>(self, a: &[f64; D], b: &[f64; D]) -> bool {
        match self {
            Pred::Euclidean(eps2) => {
                let mut s = 0.0f64;
                for (p, q) in a.iter().zip(b) {
                    let t = p - q;
                    s += t * t;
                }
                s <= eps2
            }
            Pred::Cosine(eps) => cosine_neighbours(a, b, eps),
        }
    }
}

/// Grid coordinates of point `i`: the point (Euclidean) or its canonical unit vector (cosine).
#[inline]
fn coords<T: Element, const D: usize>(job: &Job<'_, T>, i: usize) -> [f64; D] {
    let row = job.row(i);
    let mut g = [0.0f64; D];
    match job.metric {
        Metric::Euclidean => {
            for (c, v) in g.iter_mut().zip(row) {
                *c = v.to_f64();
            }
        }
        Metric::Cosine => unit_into(row, cosine_scale(row), &mut g),
    }
    g
}

/// Cell geometry.
struct Layout<const D: usize> {
    min: [f64; D],
    side: f64,
    /// Largest cell index along each axis.
    cmax: [u64; D],
    /// Bits per axis in a cell key.
    bits: u32,
    /// `(Rc / s)^2`, slightly enlarged.
    reach_sq: f64,
}

impl<const D: usize> Layout<D> {
    /// The packed key of the cell of grid coordinates `g`: the cell indices, most significant axis first.
    #[inline]
    fn key(&self, g: &[f64; D]) -> u128 {
        let mut key = 0u128;
        for ((&v, &min), &cmax) in g.iter().zip(&self.min).zip(&self.cmax) {
            let t = ((v - min) / self.side).floor();
            let c = if t >= 0.0 {
                to_u64_saturating(t).min(cmax)
            } else {
                0
            };
            key = (key << self.bits) | u128::from(c);
        }
        key
    }
}

/// `t` (finite or not, >= 0) as `u64`, saturating.
#[inline]
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "float to int `as` saturates; callers pass t >= 0 and clamp the result"
)]
const fn to_u64_saturating(t: f64) -> u64 {
    t as u64
}

/// A sort item: a cell key and a point index, ordered by key then index.
trait SortItem: Ord + Copy + Send + Sync {
    fn make(key: u128, index: u32) -> Self;
    fn key(self) -> u128;
    fn index(self) -> u32;
}

/// Key and index packed in one `u128` (when the key has at most 96 bits).
impl SortItem for u128 {
    #[inline]
    fn make(key: u128, index: u32) -> Self {
        (key << 32) | u128::from(index)
    }
    #[inline]
    fn key(self) -> u128 {
        self >> 32
    }
    #[inline]
    fn index(self) -> u32 {
        low_u32(self)
    }
}

impl SortItem for (u128, u32) {
    #[inline]
    fn make(key: u128, index: u32) -> Self {
        (key, index)
    }
    #[inline]
    fn key(self) -> u128 {
        self.0
    }
    #[inline]
    fn index(self) -> u32 {
        self.1
    }
}

#[inline]
#[allow(
    clippy::cast_possible_truncation,
    reason = "keeps the low 32 bits on purpose"
)]
const fn low_u32(v: u128) -> u32 {
    v as u32
}

#[inline]
#[allow(
    clippy::cast_possible_truncation,
    reason = "callers mask the value to at most 41 bits"
)]
const fn low_u64(v: u128) -> u64 {
    v as u64
}

/// Points sorted by cell, and the cells.
struct Grid<const D: usize> {
    /// Grid coordinates in sorted order.
    g: Vec<[f64; D]>,
    /// Original index of each sorted position.
    orig: Vec<u32>,
    /// Key of each cell, increasing.
    keys: Vec<u128>,
    /// First sorted position of each cell, and `n` at the end.
    start: Vec<u32>,
    bits: u32,
    cmax: [u64; D],
    /// Candidate reach in cells along every axis.
    reach: u64,
    /// Cell geometry, for [`Grid::out_of_reach`].
    min: [f64; D],
    side: f64,
    /// `(Rc / s)^2`, slightly enlarged.
    reach_sq: f64,
}

impl<const D: usize> Grid<D> {
    fn cells(&self) -> usize {
        self.keys.len()
    }

    /// Sorted positions of cell `c`.
    #[inline]
    fn span(&self, c: usize) -> Range<usize> {
        self.start[c] as usize..self.start[c + 1] as usize
    }

    /// Sorted positions of cells `a..b`.
    #[inline]
    fn span_of(&self, (a, b): (u32, u32)) -> Range<usize> {
        self.start[a as usize] as usize..self.start[b as usize] as usize
    }

    #[inline]
    fn shift(&self, level: usize) -> u32 {
        self.bits * idx32(D - 1 - level)
    }

    #[inline]
    fn coord(&self, key: u128, level: usize) -> u64 {
        low_u64((key >> self.shift(level)) & ((1u128 << self.bits) - 1))
    }

    /// Whether two cells touch (every coordinate differs by at most 1).
    #[inline]
    fn adjacent(&self, a: u128, b: u128) -> bool {
        (0..D).all(|k| self.coord(a, k).abs_diff(self.coord(b, k)) <= 1)
    }

    /// Whether point `p` is provably farther than `Rc` from every point of cell `c`, so no pair of them can be
    /// canonical neighbours. Works in cell units with a slack of 1/256 of a cell per axis, well above the rounding
    /// of the cell assignment (below 2^-11 of a cell with at most 2^40 cells).
    #[inline]
    fn out_of_reach(&self, p: usize, c: usize) -> bool {
        let key = self.keys[c];
        let mut gap_sq = 0.0f64;
        for k in 0..D {
            let t = (self.g[p][k] - self.min[k]) / self.side;
            #[allow(
                clippy::cast_precision_loss,
                reason = "cell indices are below 2^41, exact in f64"
            )]
            let low = self.coord(key, k) as f64;
            let gap = (low - t).max(t - (low + 1.0)) - 1.0 / 256.0;
            if gap > 0.0 {
                gap_sq += gap * gap;
            }
        }
        gap_sq > self.reach_sq
    }

    /// The non-empty cells within `reach` of cell `c` along every axis (`c` included), as ranges `[a, b)` of
    /// cell indices, in increasing order.
    fn candidates(&self, c: usize, out: &mut Vec<(u32, u32)>) {
        out.clear();
        let key = self.keys[c];
        let mut at = [0u64; D];
        for (k, slot) in at.iter_mut().enumerate() {
            *slot = self.coord(key, k);
        }
        self.collect(0, 0, self.cells(), 0, &at, out);
    }

    /// Cells `lo..hi` share their first `level` coordinates (`prefix`); appends those whose remaining coordinates
    /// are within reach of `at`. Visits only the distinct values present, so the work is bounded by the number
    /// of cells even when the reach is large.
    fn collect(
        &self,
        level: usize,
        lo: usize,
        hi: usize,
        prefix: u128,
        at: &[u64; D],
        out: &mut Vec<(u32, u32)>,
    ) {
        let shift = self.shift(level);
        let low_mask = (1u128 << shift) - 1;
        let from = at[level].saturating_sub(self.reach);
        let to = at[level].saturating_add(self.reach).min(self.cmax[level]);
        let key_from = prefix | (u128::from(from) << shift);
        let key_to = prefix | (u128::from(to) << shift) | low_mask;
        let keys = &self.keys[lo..hi];
        let a = lo + keys.partition_point(|&k| k < key_from);
        let z = lo + keys.partition_point(|&k| k <= key_to);
        if a >= z {
            return;
        }
        if level + 1 == D {
            match out.last_mut() {
                Some(last) if last.1 as usize == a => last.1 = idx32(z),
                _ => out.push((idx32(a), idx32(z))),
            }
            return;
        }
        let mut p = a;
        while p < z {
            let v = self.coord(self.keys[p], level);
            let group = prefix | (u128::from(v) << shift);
            let group_end = group | low_mask;
            let e = p + self.keys[p..z].partition_point(|&k| k <= group_end);
            self.collect(level + 1, p, e, group, at, out);
            p = e;
        }
    }
}

/// Builds the sorted grid: sort items of `(cell key, index)`, then the sorted coordinates and the cells.
fn build<T: Element, const D: usize, S: SortItem>(
    job: &Job<'_, T>,
    layout: &Layout<D>,
    reach: u64,
) -> Result<Grid<D>, DbscanError> {
    let n = job.n;
    let exec = job.exec;
    let mut items: Vec<S> = try_vec(n, S::make(0, 0))?;
    exec.chunks_mut(&mut items, CHUNK, |first, piece| {
        for (o, item) in piece.iter_mut().enumerate() {
            let i = first + o;
            *item = S::make(layout.key(&coords::<T, D>(job, i)), idx32(i));
        }
    });
    exec.sort(&mut items);

    let mut cells = 0usize;
    let mut previous = None;
    for item in &items {
        let key = item.key();
        if previous != Some(key) {
            cells += 1;
            previous = Some(key);
        }
    }
    let mut keys: Vec<u128> = Vec::new();
    keys.try_reserve_exact(cells)
        .map_err(|_| DbscanError::OutOfMemory)?;
    let mut start: Vec<u32> = Vec::new();
    start
        .try_reserve_exact(cells + 1)
        .map_err(|_| DbscanError::OutOfMemory)?;
    for (p, item) in items.iter().enumerate() {
        let key = item.key();
        if keys.last() != Some(&key) {
            keys.push(key);
            start.push(idx32(p));
        }
    }
    start.push(idx32(n));

    let mut orig = try_vec(n, 0u32)?;
    exec.chunks_mut(&mut orig, CHUNK, |first, piece| {
        for (o, slot) in piece.iter_mut().enumerate() {
            *slot = items[first + o].index();
        }
    });
    let mut g = try_vec(n, [0.0f64; D])?;
    exec.chunks_mut(&mut g, CHUNK, |first, piece| {
        for (o, slot) in piece.iter_mut().enumerate() {
            *slot = coords::<T, D>(job, items[first + o].index() as usize);
        }
    });
    drop(items);
    Ok(Grid {
        g,
        orig,
        keys,
        start,
        bits: layout.bits,
        cmax: layout.cmax,
        reach,
        min: layout.min,
        side: layout.side,
        reach_sq: layout.reach_sq,
    })
}

/// The grid method for points of dimension `D`: the sequence of the phases in the module's notes.
fn run_dim<T: Element, const D: usize>(
    job: &Job<'_, T>,
    labels: &mut [i32],
    core: &mut [u8],
) -> Result<bool, DbscanError> {
    let (min, max) = extent::<T, D>(job);
    let Some(plan) = Plan::new(job.metric, job.eps, min, max) else {
        return Ok(false);
    };
    let grid = sort_into_cells(job, &plan)?;
    let phases = Phases {
        grid: &grid,
        pred: plan.pred,
        cliques: plan.cliques,
        exec: job.exec,
    };
    let (flag, rep) = phases.core_flags(job.min_pts)?;
    let uf = phases.connect(&flag, &rep)?;
    let comp = phases.border(&flag, &rep)?;
    phases.write_nodes(&flag, &comp, labels, core)?;
    drop(comp);
    drop(rep);
    drop(flag);
    drop(grid);
    number_labels(labels, &uf, job.n)?;
    Ok(true)
}

/// The extent of the grid coordinates: the lowest and the highest value along each axis.
fn extent<T: Element, const D: usize>(job: &Job<'_, T>) -> ([f64; D], [f64; D]) {
    let bounds = job.exec.map_chunks(job.n, CHUNK, |rows| {
        let mut lo = [f64::INFINITY; D];
        let mut hi = [f64::NEG_INFINITY; D];
        for i in rows {
            let g = coords::<T, D>(job, i);
            for k in 0..D {
                lo[k] = lo[k].min(g[k]);
                hi[k] = hi[k].max(g[k]);
            }
        }
        (lo, hi)
    });
    let mut min = [f64::INFINITY; D];
    let mut max = [f64::NEG_INFINITY; D];
    for (lo, hi) in bounds {
        for k in 0..D {
            min[k] = min[k].min(lo[k]);
            max[k] = max[k].max(hi[k]);
        }
    }
    (min, max)
}

/// The grid of one call: its cells, candidate reach, whether cells are cliques, and the predicate.
struct Plan<const D: usize> {
    layout: Layout<D>,
    /// Candidate reach in cells along every axis.
    reach: u64,
    /// Whether a cell's points are provably mutual neighbours (see the module's notes).
    cliques: bool,
    pred: Pred,
}

impl<const D: usize> Plan<D> {
    /// The plan for grid coordinates within `min..=max`; `None` when the grid is impossible (more than 2^40 cells
    /// along an axis, or a candidate reach above [`MAX_GRID_REACH`]).
    fn new(metric: Metric, eps: f64, min: [f64; D], max: [f64; D]) -> Option<Self> {
        let dims = f64::from(idx32(D));
        let (rs, rc, shortcut, pred) = match metric {
            Metric::Euclidean => (
                eps * (1.0 - 1e-6),
                eps.max(1e-150) * (1.0 + 1e-9),
                eps >= 1e-150,
                Pred::Euclidean(eps * eps),
            ),
            Metric::Cosine => (
                (2.0 * eps).sqrt() * (1.0 - 1e-6),
                (2.0 * eps + 1e-13).sqrt() * (1.0 + 1e-9),
                eps >= 1e-6,
                Pred::Cosine(eps),
            ),
        };
        let side = rs / dims.sqrt();
        if side.is_nan() || side <= 0.0 {
            return None;
        }
        let mut cmax = [0u64; D];
        for k in 0..D {
            let ratio = (max[k] - min[k]) / side;
            if ratio.is_nan() || ratio > MAX_CELL_RATIO {
                return None;
            }
            cmax[k] = to_u64_saturating(ratio.floor());
        }
        let widest = cmax.iter().copied().max().unwrap_or(0);
        let bits = (64 - widest.leading_zeros()).max(1);
        let cliques = shortcut && widest <= MAX_CLIQUE_CELL;
        let t = rc / side * (1.0 + 1e-9) + 1.0 / 512.0;
        #[allow(clippy::cast_precision_loss, reason = "8 is exact in f64")]
        if t.is_nan() || t >= MAX_GRID_REACH as f64 {
            // The reach `floor(t) + 1` would exceed `MAX_GRID_REACH`.
            return None;
        }
        let reach = to_u64_saturating(t.floor()) + 1;
        let layout = Layout {
            min,
            side,
            cmax,
            bits,
            reach_sq: (rc / side) * (rc / side) * (1.0 + 1e-6),
        };
        Some(Self {
            layout,
            reach,
            cliques,
            pred,
        })
    }
}

/// The points sorted by cell: cell key and index packed in one `u128` when they fit, as a pair otherwise.
fn sort_into_cells<T: Element, const D: usize>(
    job: &Job<'_, T>,
    plan: &Plan<D>,
) -> Result<Grid<D>, DbscanError> {
    if plan.layout.bits * idx32(D) + 32 <= 128 {
        build::<T, D, u128>(job, &plan.layout, plan.reach)
    } else {
        build::<T, D, (u128, u32)>(job, &plan.layout, plan.reach)
    }
}

/// What phases 1 to 4 share: the sorted grid, the predicate, whether cells are cliques, and how to run.
struct Phases<'g, const D: usize> {
    grid: &'g Grid<D>,
    pred: Pred,
    cliques: bool,
    exec: Exec,
}

impl<const D: usize> Phases<'_, D> {
    /// Phase 1: the core flag of every sorted position, and the first core point of every cell (`NONE` when it has
    /// none).
    fn core_flags(&self, min_pts: usize) -> Result<(Vec<AtomicU8>, Vec<AtomicU32>), DbscanError> {
        let Phases {
            grid,
            pred,
            cliques,
            exec,
        } = *self;
        let cells = grid.cells();
        let flag = try_vec_with(grid.g.len(), || AtomicU8::new(0))?;
        let rep = try_vec_with(cells, || AtomicU32::new(NONE))?;
        exec.for_each_init(cells, Vec::new, |cand, c| {
            let own = grid.span(c);
            let size = own.len();
            let mut first_core = NONE;
            if cliques && size >= min_pts {
                for p in own.clone() {
                    flag[p].store(1, RELAXED);
                }
                first_core = idx32(own.start);
            } else {
                grid.candidates(c, cand);
                for p in own.clone() {
                    // In a clique cell, every cell mate is a neighbour; otherwise only the point itself is known.
                    let (known, skip) = if cliques {
                        (size, own.clone())
                    } else {
                        (1, p..p + 1)
                    };
                    let count = if known >= min_pts {
                        known
                    } else {
                        count_neighbours(grid, pred, p, skip, cand, known, min_pts)
                    };
                    if count >= min_pts {
                        flag[p].store(1, RELAXED);
                        if first_core == NONE {
                            first_core = idx32(p);
                        }
                    }
                }
            }
            rep[c].store(first_core, RELAXED);
        });
        Ok((flag, rep))
    }

    /// Phase 2: the union-find of core points. Pairs of adjacent cells first (in dense data they connect at once),
    /// then the cells farther apart, most of which are then already in one set.
    fn connect(&self, flag: &[AtomicU8], rep: &[AtomicU32]) -> Result<UnionFind, DbscanError> {
        let Phases {
            grid,
            pred,
            cliques,
            exec,
        } = *self;
        let is_core = |p: usize| flag[p].load(RELAXED) != 0;
        let uf = UnionFind::new(grid.g.len())?;
        for far in [false, true] {
            exec.for_each_init(grid.cells(), Vec::new, |cand, c| {
                let rep_c = rep[c].load(RELAXED);
                if rep_c == NONE {
                    return;
                }
                grid.candidates(c, cand);
                let key_c = grid.keys[c];
                for &(a, b) in cand.iter() {
                    let first = (a as usize).max(if cliques { c + 1 } else { c });
                    for (c2, slot) in (first..).zip(rep.get(first..b as usize).unwrap_or(&[])) {
                        let rep_c2 = slot.load(RELAXED);
                        if rep_c2 == NONE || grid.adjacent(key_c, grid.keys[c2]) == far {
                            continue;
                        }
                        if cliques {
                            if uf.same(rep_c, rep_c2) {
                                continue;
                            }
                            let linked = grid
                                .span(c)
                                .filter(|&p| is_core(p) && !grid.out_of_reach(p, c2))
                                .any(|p| {
                                    grid.span(c2)
                                        .any(|q| is_core(q) && pred.nb(&grid.g[p], &grid.g[q]))
                                });
                            if linked {
                                uf.union(rep_c, rep_c2);
                            }
                        } else {
                            for p in grid.span(c) {
                                if !is_core(p) || grid.out_of_reach(p, c2) {
                                    continue;
                                }
                                let span = grid.span(c2);
                                for q in span.start.max(p + 1)..span.end {
                                    if is_core(q) && pred.nb(&grid.g[p], &grid.g[q]) {
                                        uf.union(idx32(p), idx32(q));
                                    }
                                }
                            }
                        }
                    }
                }
            });
        }
        Ok(uf)
    }

    /// Phase 3: the union-find node of every sorted position (core: itself or its cell's representative; border:
    /// that of its lowest-index core neighbour; noise: `NONE`).
    fn border(&self, flag: &[AtomicU8], rep: &[AtomicU32]) -> Result<Vec<AtomicU32>, DbscanError> {
        let Phases {
            grid,
            pred,
            cliques,
            exec,
        } = *self;
        let is_core = |p: usize| flag[p].load(RELAXED) != 0;
        let comp = try_vec_with(grid.g.len(), || AtomicU32::new(NONE))?;
        exec.for_each_init(grid.cells(), Vec::new, |cand, c| {
            let rep_c = rep[c].load(RELAXED);
            let mut have_candidates = false;
            for p in grid.span(c) {
                if is_core(p) {
                    comp[p].store(if cliques { rep_c } else { idx32(p) }, RELAXED);
                    continue;
                }
                if !have_candidates {
                    grid.candidates(c, cand);
                    have_candidates = true;
                }
                let mut best = NONE;
                let mut node = NONE;
                for &(a, b) in cand.iter() {
                    for (c2, slot) in (a as usize..).zip(&rep[a as usize..b as usize]) {
                        let rep_c2 = slot.load(RELAXED);
                        if rep_c2 == NONE || grid.out_of_reach(p, c2) {
                            continue;
                        }
                        // Within a cell, positions follow original indices: the first core neighbour is the
                        // lowest, and nothing at or past `best` can improve it.
                        for q in grid.span(c2) {
                            if grid.orig[q] >= best {
                                break;
                            }
                            if is_core(q) && pred.nb(&grid.g[p], &grid.g[q]) {
                                best = grid.orig[q];
                                node = if cliques { rep_c2 } else { idx32(q) };
                                break;
                            }
                        }
                    }
                }
                comp[p].store(node, RELAXED);
            }
        });
        Ok(comp)
    }

    /// Phase 4, first half: back to original order, the core flags into `core` and the union-find nodes into
    /// `labels` (noise as [`NOISE`]), for [`number_labels`] to number.
    fn write_nodes(
        &self,
        flag: &[AtomicU8],
        comp: &[AtomicU32],
        labels: &mut [i32],
        core: &mut [u8],
    ) -> Result<(), DbscanError> {
        for (p, &o) in self.grid.orig.iter().enumerate() {
            let o = o as usize;
            core[o] = flag[p].load(RELAXED);
            let node = comp[p].load(RELAXED);
            labels[o] = if node == NONE {
                NOISE
            } else {
                i32::try_from(node).map_err(|_| DbscanError::InvalidArgument)?
            };
        }
        Ok(())
    }
}

/// Counts the neighbours of sorted position `p` in the candidate cells, starting from `known` and skipping the
/// positions `skip` (already counted), until `min_pts`.
fn count_neighbours<const D: usize>(
    grid: &Grid<D>,
    pred: Pred,
    p: usize,
    skip: Range<usize>,
    cand: &[(u32, u32)],
    known: usize,
    min_pts: usize,
) -> usize {
    let mut count = known;
    let gp = &grid.g[p];
    for &range in cand {
        let span = grid.span_of(range);
        let before = span.start..span.end.min(skip.start).max(span.start);
        let after = span.start.max(skip.end).min(span.end)..span.end;
        for part in [before, after] {
            for gq in &grid.g[part] {
                if pred.nb(gp, gq) {
                    count += 1;
                    if count >= min_pts {
                        return count;
                    }
                }
            }
        }
    }
    count
}
