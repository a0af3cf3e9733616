//! The silhouette exports (`ferrite_silhouette_f64`, `ferrite_silhouette_f32`), over [`crate::silhouette`].
//!
//! Each export follows the rules and the callers' safety contract of the `ffi` module (`ffi/mod.rs`), whose
//! shared checks and guard it uses.

use super::{disjoint, guard, typed_input, typed_output};
use crate::dbscan::{Metric, Points};
use crate::silhouette::{self, SilhouetteError};
use crate::status::FerriteStatus;

/// The checks and the call both exports share; `points` already checked and turned into a slice by the caller.
#[allow(clippy::too_many_arguments)]
fn run(
    points: Points<'_>,
    point_bytes: usize,
    points_ptr: *const u8,
    n: usize,
    dim: usize,
    labels: *const i32,
    labels_len: usize,
    metric: u32,
    threads: usize,
    values: *mut f64,
    values_len: usize,
    mean: *mut f64,
) -> Result<(), FerriteStatus> {
    if labels_len != n || values_len != n {
        return Err(FerriteStatus::InvalidArgument);
    }
    let metric = match metric {
        0 => Metric::Euclidean,
        1 => Metric::Cosine,
        _ => return Err(FerriteStatus::InvalidArgument),
    };
    let value_bytes = n
        .checked_mul(size_of::<f64>())
        .ok_or(FerriteStatus::InvalidArgument)?;
    let label_bytes = n
        .checked_mul(size_of::<i32>())
        .ok_or(FerriteStatus::InvalidArgument)?;
    let out = values.cast_const().cast::<u8>();
    let mean_at = mean.cast_const().cast::<u8>();
    disjoint(points_ptr, point_bytes, out, value_bytes)?;
    disjoint(labels.cast(), label_bytes, out, value_bytes)?;
    disjoint(points_ptr, point_bytes, mean_at, size_of::<f64>())?;
    disjoint(labels.cast(), label_bytes, mean_at, size_of::<f64>())?;
    disjoint(out, value_bytes, mean_at, size_of::<f64>())?;
    // SAFETY: the caller's contract (see the exports' # Safety); i32 is valid for any bits.
    let labels = unsafe { typed_input(labels, n) }?;
    // SAFETY: the caller's contract; disjoint from the points, the labels and `mean` (checked above).
    let values = unsafe { typed_output(values, n) }?;
    // SAFETY: the caller's contract; one f64, disjoint from everything else (checked above).
    let mean = unsafe { typed_output(mean, 1) }?;
    let result =
        silhouette::silhouette(points, dim, labels, metric, threads, values).map_err(|error| {
            match error {
                SilhouetteError::InvalidArgument => FerriteStatus::InvalidArgument,
                SilhouetteError::OutOfMemory => FerriteStatus::OutOfMemory,
            }
        })?;
    mean[0] = result;
    Ok(())
}

/// Silhouette coefficients of `n` points of dimension `dim` (`points`: `n * dim` doubles, row-major), as
/// scikit-learn's `silhouette_samples` and `silhouette_score` define them. `labels` (`labels_len == n`) gives each
/// point's cluster; a negative label is noise, left out of everything. Writes each scored point's value into
/// `values` (`values_len == n`; NaN for noise) and their mean into `*mean`. `metric`: 0 Euclidean, 1 cosine
/// (`1 - cos`, clamped to [0, 2]). Computed in f64; the same values for any `threads` (0 the shared pool, 1 the
/// calling thread, k > 1 at most k threads). Long call (O(n^2 dim)): bind it as a normal, not a critical, downcall.
/// `FERRITE_STATUS_INVALID_ARGUMENT` for a null or misaligned pointer, mismatched lengths, overlapping buffers,
/// `metric` other than 0 or 1, `dim` 0, `n` above 2^31 - 9, fewer than 2 distinct non-negative labels or not fewer
/// of them than scored points, a NaN or infinite coordinate, a Euclidean coordinate beyond 1e150 in magnitude, or an
/// all-zero row with cosine (every row is checked, noise included); `FERRITE_STATUS_OUT_OF_MEMORY` when working
/// memory (a copy of the scored points in f64 and an `m x k` matrix of f64 sums, `m` scored points in `k` clusters)
/// can't be allocated. The outputs are unspecified after a failure.
///
/// # Safety
/// `points` readable for `n * dim` doubles, `labels` for `labels_len` `int32_t`, `values` writable for
/// `values_len` doubles, `mean` for one double.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ferrite_silhouette_f64(
    points: *const f64,
    n: usize,
    dim: usize,
    labels: *const i32,
    labels_len: usize,
    metric: u32,
    threads: usize,
    values: *mut f64,
    values_len: usize,
    mean: *mut f64,
) -> i32 {
    guard(|| {
        let count = n.checked_mul(dim).ok_or(FerriteStatus::InvalidArgument)?;
        let bytes = count
            .checked_mul(size_of::<f64>())
            .ok_or(FerriteStatus::InvalidArgument)?;
        // SAFETY: the caller's contract (see # Safety); f64 is valid for any bits.
        let slice = unsafe { typed_input(points, count) }?;
        run(
            Points::F64(slice),
            bytes,
            points.cast(),
            n,
            dim,
            labels,
            labels_len,
            metric,
            threads,
            values,
            values_len,
            mean,
        )
    })
}

/// [`ferrite_silhouette_f64`] for single-precision points (`n * dim` floats, widened to double exactly).
///
/// # Safety
/// `points` readable for `n * dim` floats, `labels` for `labels_len` `int32_t`, `values` writable for
/// `values_len` doubles, `mean` for one double.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ferrite_silhouette_f32(
    points: *const f32,
    n: usize,
    dim: usize,
    labels: *const i32,
    labels_len: usize,
    metric: u32,
    threads: usize,
    values: *mut f64,
    values_len: usize,
    mean: *mut f64,
) -> i32 {
    guard(|| {
        let count = n.checked_mul(dim).ok_or(FerriteStatus::InvalidArgument)?;
        let bytes = count
            .checked_mul(size_of::<f32>())
            .ok_or(FerriteStatus::InvalidArgument)?;
        // SAFETY: the caller's contract (see # Safety); f32 is valid for any bits.
        let slice = unsafe { typed_input(points, count) }?;
        run(
            Points::F32(slice),
            bytes,
            points.cast(),
            n,
            dim,
            labels,
            labels_len,
            metric,
            threads,
            values,
            values_len,
            mean,
        )
    })
}
