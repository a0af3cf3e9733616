//! The SHA-256 exports (`ferrite_sha256_*`): one-shot and batched digests, and the incremental state, over
//! [`crate::sha256`].
//!
//! Each export follows the rules and the callers' safety contract of the `ffi` module (`ffi/mod.rs`), whose
//! shared checks and guard it uses.

use super::{disjoint, free_handle, guard, input_slice, new_handle, output_slice, state_mut};
use crate::sha256::{self, DIGEST_LEN, Sha256State};
use crate::status::FerriteStatus;

/// Hashes the `len` bytes at `data` into the 32 bytes at `out` (capacity `out_len`, at least 32).
///
/// # Safety
/// See the module's contract: `data` readable for `len` bytes, `out` writable for `out_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_sha256_digest(
    data: *const u8,
    len: usize,
    out: *mut u8,
    out_len: usize,
) -> i32 {
    guard(|| {
        disjoint(data, len, out, out_len)?;
        // SAFETY: the caller's contract (see # Safety); the ranges are disjoint.
        let input = unsafe { input_slice(data, len) }?;
        // SAFETY: as above.
        let output = unsafe { output_slice(out, out_len, DIGEST_LEN) }?;
        output.copy_from_slice(&sha256::digest(input));
        Ok(())
    })
}

/// Hashes `count` messages packed in `data` (`data_len` bytes): message `i` is
/// `data[offsets[i] .. offsets[i + 1]]`, so `offsets` holds `count + 1` non-decreasing values, the last at
/// most `data_len`. Digest `i` goes to `out[32 * i ..]`; `out_len` must be at least `32 * count`. Large
/// batches are hashed in parallel on the shared pool; the output order is the input order.
///
/// # Safety
/// `data` readable for `data_len` bytes, `offsets` readable for `count + 1` aligned `uint64_t`, `out`
/// writable for `out_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_sha256_digest_batch(
    data: *const u8,
    data_len: usize,
    offsets: *const u64,
    count: usize,
    out: *mut u8,
    out_len: usize,
) -> i32 {
    guard(|| {
        let needed = count
            .checked_mul(DIGEST_LEN)
            .ok_or(FerriteStatus::InvalidArgument)?;
        let offsets_bytes = count
            .checked_add(1)
            .and_then(|n| n.checked_mul(size_of::<u64>()))
            .ok_or(FerriteStatus::InvalidArgument)?;
        if !offsets.is_aligned() {
            return Err(FerriteStatus::InvalidArgument);
        }
        disjoint(data, data_len, out, out_len)?;
        disjoint(offsets.cast(), offsets_bytes, out, out_len)?;
        // SAFETY: the caller's contract (see # Safety).
        let input = unsafe { input_slice(data, data_len) }?;
        // SAFETY: the caller's contract; `offsets` is aligned and non-empty (count + 1 >= 1 entries).
        let offset_bytes = unsafe { input_slice(offsets.cast(), offsets_bytes) }?;
        // SAFETY: the caller's contract; disjoint from both inputs.
        let output = unsafe { output_slice(out, out_len, needed) }?;

        let offsets: Vec<u64> = offset_bytes
            .chunks_exact(size_of::<u64>())
            .map(|b| u64::from_ne_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]))
            .collect();
        let mut messages: Vec<&[u8]> = Vec::new();
        messages
            .try_reserve_exact(count)
            .map_err(|_| FerriteStatus::OutOfMemory)?;
        for pair in offsets.windows(2) {
            let start = usize::try_from(pair[0]).map_err(|_| FerriteStatus::InvalidArgument)?;
            let end = usize::try_from(pair[1]).map_err(|_| FerriteStatus::InvalidArgument)?;
            messages.push(
                input
                    .get(start..end)
                    .ok_or(FerriteStatus::InvalidArgument)?,
            );
        }
        let mut digests: Vec<[u8; DIGEST_LEN]> = Vec::new();
        digests
            .try_reserve_exact(count)
            .map_err(|_| FerriteStatus::OutOfMemory)?;
        digests.resize(count, [0; DIGEST_LEN]);
        sha256::digest_batch(&messages, &mut digests);
        for (slot, digest) in output.chunks_exact_mut(DIGEST_LEN).zip(&digests) {
            slot.copy_from_slice(digest);
        }
        Ok(())
    })
}

/// Creates an incremental SHA-256 state and stores its handle in `*state_out`. Free it with
/// `ferrite_sha256_free`.
///
/// # Safety
/// `state_out` must be valid for one aligned pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_sha256_new(state_out: *mut *mut Sha256State) -> i32 {
    guard(|| {
        // SAFETY: the caller's contract (see # Safety).
        let slot = unsafe { state_mut(state_out) }?;
        *slot = new_handle(Sha256State::new());
        Ok(())
    })
}

/// Absorbs the `len` bytes at `data` into `state`.
///
/// # Safety
/// `state` from `ferrite_sha256_new`, not freed, not used concurrently; `data` readable for `len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_sha256_update(
    state: *mut Sha256State,
    data: *const u8,
    len: usize,
) -> i32 {
    guard(|| {
        // SAFETY: the caller's contract (see # Safety).
        let state = unsafe { state_mut(state) }?;
        // SAFETY: the caller's contract (see # Safety).
        let input = unsafe { input_slice(data, len) }?;
        state.update(input);
        Ok(())
    })
}

/// Writes the digest of everything absorbed by `state` into `out` (capacity `out_len`, at least 32) and
/// resets `state` for reuse.
///
/// # Safety
/// `state` as for `ferrite_sha256_update`; `out` writable for `out_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_sha256_finish(
    state: *mut Sha256State,
    out: *mut u8,
    out_len: usize,
) -> i32 {
    guard(|| {
        // SAFETY: the caller's contract (see # Safety).
        let state = unsafe { state_mut(state) }?;
        // SAFETY: the caller's contract (see # Safety).
        let output = unsafe { output_slice(out, out_len, DIGEST_LEN) }?;
        output.copy_from_slice(&state.finish_reset());
        Ok(())
    })
}

/// Frees a state from `ferrite_sha256_new`. A null `state` is accepted and ignored.
///
/// # Safety
/// A non-null `state` must come from `ferrite_sha256_new` and not be used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_sha256_free(state: *mut Sha256State) -> i32 {
    guard(|| {
        // SAFETY: the caller's contract: null, or a live handle from `new_handle` in `ferrite_sha256_new`.
        unsafe { free_handle(state) }
    })
}

#[cfg(test)]
#[allow(clippy::multiple_unsafe_ops_per_block)]
mod tests {
    use super::*;
    use std::ptr;

    const ABC: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn digest_writes_output() {
        let mut out = [0u8; 32];
        // SAFETY: valid buffers of the given lengths.
        let status =
            unsafe { ferrite_sha256_digest(b"abc".as_ptr(), 3, out.as_mut_ptr(), out.len()) };
        assert_eq!(status, 0);
        assert_eq!(hex(&out), ABC);
    }

    #[test]
    fn digest_rejects_bad_pointers_and_lengths() {
        let mut out = [0u8; 32];
        let invalid = FerriteStatus::InvalidArgument.code();
        // SAFETY: each call passes either valid buffers or pointers the function must reject unread.
        unsafe {
            assert_eq!(
                ferrite_sha256_digest(ptr::null(), 5, out.as_mut_ptr(), 32),
                invalid
            );
            assert_eq!(
                ferrite_sha256_digest(b"abc".as_ptr(), 3, ptr::null_mut(), 32),
                invalid
            );
            assert_eq!(
                ferrite_sha256_digest(b"abc".as_ptr(), 3, out.as_mut_ptr(), 31),
                invalid
            );
            assert_eq!(
                ferrite_sha256_digest(b"abc".as_ptr(), usize::MAX, out.as_mut_ptr(), 32),
                invalid
            );
            // Null with length zero is the empty message.
            assert_eq!(
                ferrite_sha256_digest(ptr::null(), 0, out.as_mut_ptr(), 32),
                0
            );
            // Overlapping input and output.
            assert_eq!(
                ferrite_sha256_digest(out.as_ptr(), 32, out.as_mut_ptr(), 32),
                invalid
            );
        }
    }

    #[test]
    fn batch_checks_offsets() {
        let data = b"abcabc";
        let mut out = [0u8; 64];
        let invalid = FerriteStatus::InvalidArgument.code();
        // SAFETY: valid buffers of the given lengths.
        unsafe {
            let ok = [0u64, 3, 6];
            assert_eq!(
                ferrite_sha256_digest_batch(data.as_ptr(), 6, ok.as_ptr(), 2, out.as_mut_ptr(), 64),
                0
            );
            assert_eq!(hex(&out[..32]), ABC);
            assert_eq!(hex(&out[32..]), ABC);
            let decreasing = [0u64, 4, 3];
            assert_eq!(
                ferrite_sha256_digest_batch(
                    data.as_ptr(),
                    6,
                    decreasing.as_ptr(),
                    2,
                    out.as_mut_ptr(),
                    64
                ),
                invalid
            );
            let past_end = [0u64, 3, 7];
            assert_eq!(
                ferrite_sha256_digest_batch(
                    data.as_ptr(),
                    6,
                    past_end.as_ptr(),
                    2,
                    out.as_mut_ptr(),
                    64
                ),
                invalid
            );
            assert_eq!(
                ferrite_sha256_digest_batch(data.as_ptr(), 6, ok.as_ptr(), 2, out.as_mut_ptr(), 63),
                invalid
            );
            assert_eq!(
                ferrite_sha256_digest_batch(data.as_ptr(), 6, ptr::null(), 2, out.as_mut_ptr(), 64),
                invalid
            );
            assert_eq!(
                ferrite_sha256_digest_batch(
                    data.as_ptr(),
                    6,
                    ok.as_ptr(),
                    usize::MAX,
                    out.as_mut_ptr(),
                    64
                ),
                invalid
            );
            let empty = [0u64];
            assert_eq!(
                ferrite_sha256_digest_batch(ptr::null(), 0, empty.as_ptr(), 0, ptr::null_mut(), 0),
                invalid
            );
            assert_eq!(
                ferrite_sha256_digest_batch(ptr::null(), 0, empty.as_ptr(), 0, out.as_mut_ptr(), 0),
                0
            );
        }
    }

    #[test]
    fn incremental_state_round_trip() {
        let mut state: *mut Sha256State = ptr::null_mut();
        let mut out = [0u8; 32];
        // SAFETY: the state is created, used and freed once, on one thread.
        unsafe {
            assert_eq!(ferrite_sha256_new(&mut state), 0);
            assert_eq!(ferrite_sha256_update(state, b"ab".as_ptr(), 2), 0);
            assert_eq!(ferrite_sha256_update(state, b"c".as_ptr(), 1), 0);
            assert_eq!(ferrite_sha256_finish(state, out.as_mut_ptr(), 32), 0);
            assert_eq!(ferrite_sha256_free(state), 0);
            assert_eq!(ferrite_sha256_free(ptr::null_mut()), 0);
            assert_eq!(
                ferrite_sha256_update(ptr::null_mut(), b"c".as_ptr(), 1),
                FerriteStatus::InvalidArgument.code()
            );
        }
        assert_eq!(hex(&out), ABC);
    }
}
