//! The DBSCAN export (`ferrite_dbscan`), over [`crate::dbscan`].
//!
//! Each export follows the rules and the callers' safety contract of the `ffi` module (`ffi/mod.rs`), whose
//! shared checks and guard it uses.

use std::ffi::c_void;

use super::{disjoint, guard, typed_input, typed_output};
use crate::dbscan::{self, DbscanError, Metric, Params, Points};
use crate::status::FerriteStatus;

/// Exact DBSCAN of `n` points of dimension `dim`: `points` holds `n * dim` values, row-major, `float` when
/// `element_size` is 4 and `double` when 8 (aligned to that size). `metric`: 0 Euclidean (`|x_i - x_j| <= eps`),
/// 1 cosine (`1 - cos <= eps`). A point is core when at least `min_pts` points (itself included) are its
/// neighbours; clusters are the connected components of core points; a border point joins the cluster of its
/// lowest-index core neighbour. Writes each point's cluster (numbered 0, 1, ... by first appearance; -1 for noise)
/// into `labels` (`labels_len == n`, aligned `int32_t`) and 1 (core) or 0 into `core` (`core_len == n`).
/// Neighbours are decided by the canonical predicate of the specification (f64, fixed summation order), so the
/// result is the same for any thread count and matches the Java backend. `threads`: 0 the shared pool, 1 the
/// calling thread only, k > 1 at most k threads; k between 2 and the pool size (exclusive) builds a temporary
/// pool of k threads for the call. Long call (milliseconds to minutes): bind it as a normal, not a
/// critical, downcall. `FERRITE_STATUS_INVALID_ARGUMENT` for a null or misaligned pointer, mismatched lengths,
/// overlapping buffers, `element_size` other than 4 or 8, `metric` other than 0 or 1, `dim` 0, `n` above
/// 2^31 - 9, `eps` not finite and > 0, `min_pts` 0, a NaN or infinite coordinate, a Euclidean coordinate beyond
/// 1e150 in magnitude, or an all-zero row with cosine; `FERRITE_STATUS_OUT_OF_MEMORY` when working memory (O(n),
/// plus an f32 copy of the points for the blocked method) can't be allocated. The outputs are unspecified after a failure.
/// With `n == 0` the pointers may be null.
///
/// # Safety
/// `points` readable for `n * dim * element_size` bytes, `labels` writable for `labels_len` `int32_t`, `core`
/// writable for `core_len` bytes.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ferrite_dbscan(
    points: *const c_void,
    element_size: usize,
    n: usize,
    dim: usize,
    eps: f64,
    min_pts: usize,
    metric: u32,
    threads: usize,
    labels: *mut i32,
    labels_len: usize,
    core: *mut u8,
    core_len: usize,
) -> i32 {
    guard(|| {
        if labels_len != n || core_len != n || !(element_size == 4 || element_size == 8) {
            return Err(FerriteStatus::InvalidArgument);
        }
        let metric = match metric {
            0 => Metric::Euclidean,
            1 => Metric::Cosine,
            _ => return Err(FerriteStatus::InvalidArgument),
        };
        let count = n.checked_mul(dim).ok_or(FerriteStatus::InvalidArgument)?;
        let point_bytes = count
            .checked_mul(element_size)
            .ok_or(FerriteStatus::InvalidArgument)?;
        let label_bytes = n
            .checked_mul(size_of::<i32>())
            .ok_or(FerriteStatus::InvalidArgument)?;
        disjoint(
            points.cast(),
            point_bytes,
            labels.cast_const().cast(),
            label_bytes,
        )?;
        disjoint(points.cast(), point_bytes, core.cast_const(), n)?;
        disjoint(
            labels.cast_const().cast(),
            label_bytes,
            core.cast_const(),
            n,
        )?;
        let points = if element_size == 4 {
            // SAFETY: the caller's contract (see # Safety); f32 is valid for any bits.
            Points::F32(unsafe { typed_input(points.cast::<f32>(), count) }?)
        } else {
            // SAFETY: the caller's contract (see # Safety); f64 is valid for any bits.
            Points::F64(unsafe { typed_input(points.cast::<f64>(), count) }?)
        };
        // SAFETY: the caller's contract; disjoint from the points and from `core` (checked above).
        let labels = unsafe { typed_output(labels, n) }?;
        // SAFETY: the caller's contract; disjoint from the points and from `labels` (checked above).
        let core = unsafe { typed_output(core, n) }?;
        let params = Params {
            threads,
            ..Params::new(eps, min_pts, metric)
        };
        dbscan::dbscan(points, dim, &params, labels, core).map_err(|error| match error {
            DbscanError::InvalidArgument => FerriteStatus::InvalidArgument,
            DbscanError::OutOfMemory => FerriteStatus::OutOfMemory,
        })
    })
}
