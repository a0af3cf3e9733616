//! The agglomerative clustering export (`ferrite_agglomerative_linkage`), over [`crate::agglomerative`].
//!
//! Each export follows the rules and the callers' safety contract of the `ffi` module (`ffi/mod.rs`), whose
//! shared checks and guard it uses.

use std::ffi::c_void;

use super::{disjoint, guard, typed_input, typed_output};
use crate::agglomerative::{self, AgglomerativeError, Linkage, Params};
use crate::dbscan::{Metric, Points};
use crate::status::FerriteStatus;

/// Hierarchical clustering of `n` points of dimension `dim`: `points` holds `n * dim` values, row-major, `float`
/// when `element_size` is 4 and `double` when 8 (aligned to that size). `linkage`: 0 Ward, 1 single, 2 complete,
/// 3 average; `metric`: 0 Euclidean, 1 cosine (not with Ward). Writes the `n - 1` raw merges into `merges`
/// (`merges_len == 3 * (n - 1)` doubles, 0 when `n <= 1`): per row two point indices standing for the merged
/// clusters and the merge height, in the order the algorithm made them (SciPy's rows before its stable sort by
/// height and union-find relabelling; see `agglomerative.rs` for the canonical arithmetic and tie rules). The result
/// is the same for any thread count and matches the Java backend. `threads`: 0 the shared pool, 1 the calling
/// thread only, k > 1 at most k threads. Complete and average linkage keep the condensed distance matrix
/// (`n (n - 1) / 2` doubles); a run whose matrix exceeds `max_matrix_bytes` is refused. Long call (O(n^2) time):
/// bind it as a normal, not a critical, downcall. `FERRITE_STATUS_INVALID_ARGUMENT` for a null or misaligned
/// pointer, mismatched lengths, overlapping buffers, `element_size` other than 4 or 8, an unknown `linkage` or
/// `metric`, Ward with cosine, `dim` 0, `n` above 2^31 - 9, a NaN or infinite coordinate, a Euclidean coordinate
/// beyond 1e150 in magnitude, an all-zero row with cosine, or a matrix over the ceiling;
/// `FERRITE_STATUS_OUT_OF_MEMORY` when working memory can't be allocated. The output is unspecified after a
/// failure. With `n == 0` the pointers may be null.
///
/// # Safety
/// `points` readable for `n * dim * element_size` bytes, `merges` writable for `merges_len` doubles.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ferrite_agglomerative_linkage(
    points: *const c_void,
    element_size: usize,
    n: usize,
    dim: usize,
    linkage: u32,
    metric: u32,
    threads: usize,
    max_matrix_bytes: u64,
    merges: *mut f64,
    merges_len: usize,
) -> i32 {
    guard(|| {
        if !(element_size == 4 || element_size == 8)
            || dim == 0
            || n > crate::dbscan::MAX_POINTS
            || merges_len != 3 * n.saturating_sub(1)
        {
            return Err(FerriteStatus::InvalidArgument);
        }
        let linkage = match linkage {
            0 => Linkage::Ward,
            1 => Linkage::Single,
            2 => Linkage::Complete,
            3 => Linkage::Average,
            _ => return Err(FerriteStatus::InvalidArgument),
        };
        let metric = match metric {
            0 => Metric::Euclidean,
            1 => Metric::Cosine,
            _ => return Err(FerriteStatus::InvalidArgument),
        };
        let count = n.checked_mul(dim).ok_or(FerriteStatus::InvalidArgument)?;
        let point_bytes = count
            .checked_mul(element_size)
            .ok_or(FerriteStatus::InvalidArgument)?;
        let merge_bytes = merges_len
            .checked_mul(size_of::<f64>())
            .ok_or(FerriteStatus::InvalidArgument)?;
        disjoint(
            points.cast(),
            point_bytes,
            merges.cast_const().cast(),
            merge_bytes,
        )?;
        let points = if element_size == 4 {
            // SAFETY: the caller's contract (see # Safety); f32 is valid for any bits.
            Points::F32(unsafe { typed_input(points.cast::<f32>(), count) }?)
        } else {
            // SAFETY: the caller's contract (see # Safety); f64 is valid for any bits.
            Points::F64(unsafe { typed_input(points.cast::<f64>(), count) }?)
        };
        // SAFETY: the caller's contract; disjoint from the points (checked above).
        let merges = unsafe { typed_output(merges, merges_len) }?;
        let params = Params {
            linkage,
            metric,
            threads,
            max_matrix_bytes,
        };
        agglomerative::linkage(points, dim, &params, merges).map_err(|error| match error {
            AgglomerativeError::InvalidArgument => FerriteStatus::InvalidArgument,
            AgglomerativeError::OutOfMemory => FerriteStatus::OutOfMemory,
        })
    })
}
