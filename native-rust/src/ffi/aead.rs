//! The AES-GCM exports (`ferrite_aes_gcm_*`): keys, one-shot seal and open over [`crate::aead`], and incremental
//! streams over [`crate::gcm_stream`].
//!
//! Each export follows the rules and the callers' safety contract of the `ffi` module (`ffi/mod.rs`), whose
//! shared checks and guard it uses.

use super::{
    disjoint, free_handle, guard, handle_ref, input_array, input_slice, new_handle, output_slice,
    state_mut,
};
use crate::aead::{AeadError, AesGcmKey, NONCE_LEN, TAG_LEN};
use crate::gcm_stream::GcmStream;
use crate::status::FerriteStatus;

/// Maps the AEAD module's errors to status codes.
fn aead_status(error: AeadError) -> FerriteStatus {
    match error {
        AeadError::InvalidLength => FerriteStatus::InvalidArgument,
        AeadError::AuthenticationFailed => FerriteStatus::AuthenticationFailed,
    }
}

/// Expands a 16-, 24- or 32-byte AES key for GCM into a new handle stored in `*key_out`. Free it with
/// `ferrite_aes_gcm_key_free`, which wipes it.
///
/// # Safety
/// `key` readable for `key_len` bytes; `key_out` valid for one aligned pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_aes_gcm_key_new(
    key: *const u8,
    key_len: usize,
    key_out: *mut *mut AesGcmKey,
) -> i32 {
    guard(|| {
        // SAFETY: the caller's contract (see # Safety).
        let key = unsafe { input_slice(key, key_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let slot = unsafe { state_mut(key_out) }?;
        let key = AesGcmKey::new(key).map_err(aead_status)?;
        *slot = new_handle(key);
        Ok(())
    })
}

/// Frees (and wipes) a key from `ferrite_aes_gcm_key_new`. A null `key` is accepted and ignored.
///
/// # Safety
/// A non-null `key` must come from `ferrite_aes_gcm_key_new`, not be in use, and not be used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_aes_gcm_key_free(key: *mut AesGcmKey) -> i32 {
    guard(|| {
        // SAFETY: the caller's contract: null, or a live handle from `new_handle` in `ferrite_aes_gcm_key_new`.
        unsafe { free_handle(key) }
    })
}

/// Encrypts the `in_len` bytes at `in` under `key`, the 12-byte `nonce` and the `aad_len` bytes of `aad`, writing
/// `ciphertext || tag` (`in_len + 16` bytes) to `out` (capacity `out_len`). `out` must not overlap any input.
/// Several threads may use one key at once.
///
/// # Safety
/// `key` from `ferrite_aes_gcm_key_new` and not freed during the call; every other pointer readable (`out`:
/// writable) for its length.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ferrite_aes_gcm_seal(
    key: *const AesGcmKey,
    nonce: *const u8,
    nonce_len: usize,
    aad: *const u8,
    aad_len: usize,
    in_: *const u8,
    in_len: usize,
    out: *mut u8,
    out_len: usize,
) -> i32 {
    guard(|| {
        let needed = in_len
            .checked_add(TAG_LEN)
            .ok_or(FerriteStatus::InvalidArgument)?;
        disjoint(in_, in_len, out, out_len)?;
        disjoint(aad, aad_len, out, out_len)?;
        disjoint(nonce, nonce_len, out, out_len)?;
        // SAFETY: the caller's contract (see # Safety).
        let key = unsafe { handle_ref(key) }?;
        // SAFETY: the caller's contract (see # Safety).
        let nonce = unsafe { input_array::<NONCE_LEN>(nonce, nonce_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let aad = unsafe { input_slice(aad, aad_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let input = unsafe { input_slice(in_, in_len) }?;
        // SAFETY: the caller's contract; disjoint from every input (checked above).
        let out = unsafe { output_slice(out, out_len, needed) }?;
        key.seal(nonce, aad, input, out).map_err(aead_status)
    })
}

/// Checks and decrypts the `in_len` bytes at `in` (`ciphertext || tag`, at least 16) under `key`, the 12-byte
/// `nonce` and `aad`, writing the `in_len - 16` plaintext bytes to `out` (capacity `out_len`):
/// `FERRITE_STATUS_AUTHENTICATION_FAILED` when the tag does not match, with those bytes of `out` set to zero.
///
/// # Safety
/// As for `ferrite_aes_gcm_seal`.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ferrite_aes_gcm_open(
    key: *const AesGcmKey,
    nonce: *const u8,
    nonce_len: usize,
    aad: *const u8,
    aad_len: usize,
    in_: *const u8,
    in_len: usize,
    out: *mut u8,
    out_len: usize,
) -> i32 {
    guard(|| {
        let needed = in_len
            .checked_sub(TAG_LEN)
            .ok_or(FerriteStatus::InvalidArgument)?;
        disjoint(in_, in_len, out, out_len)?;
        disjoint(aad, aad_len, out, out_len)?;
        disjoint(nonce, nonce_len, out, out_len)?;
        // SAFETY: the caller's contract (see # Safety).
        let key = unsafe { handle_ref(key) }?;
        // SAFETY: the caller's contract (see # Safety).
        let nonce = unsafe { input_array::<NONCE_LEN>(nonce, nonce_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let aad = unsafe { input_slice(aad, aad_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let input = unsafe { input_slice(in_, in_len) }?;
        // SAFETY: the caller's contract; disjoint from every input (checked above).
        let out = unsafe { output_slice(out, out_len, needed) }?;
        key.open(nonce, aad, input, out).map_err(aead_status)
    })
}

/// Starts an incremental encryption (`decrypt` = 0) or decryption (`decrypt` = 1) under `key` and the 12-byte
/// `nonce`, storing a new stream in `*stream_out`: then `ferrite_aes_gcm_stream_aad` (any number of times),
/// `ferrite_aes_gcm_stream_update` (any number of times), `ferrite_aes_gcm_stream_tag` (encryption) or
/// `ferrite_aes_gcm_stream_verify` (decryption), and always `ferrite_aes_gcm_stream_free`. The stream keeps its own
/// copy of the key schedule: `key` may be freed before it.
///
/// # Safety
/// `key` from `ferrite_aes_gcm_key_new` and not freed during the call; `nonce` readable for `nonce_len` bytes;
/// `stream_out` valid for one aligned pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_aes_gcm_stream_new(
    key: *const AesGcmKey,
    decrypt: i32,
    nonce: *const u8,
    nonce_len: usize,
    stream_out: *mut *mut GcmStream,
) -> i32 {
    guard(|| {
        let decrypt = match decrypt {
            0 => false,
            1 => true,
            _ => return Err(FerriteStatus::InvalidArgument),
        };
        // SAFETY: the caller's contract (see # Safety).
        let key = unsafe { handle_ref(key) }?;
        // SAFETY: the caller's contract (see # Safety).
        let nonce = unsafe { input_array::<NONCE_LEN>(nonce, nonce_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let slot = unsafe { state_mut(stream_out) }?;
        let stream = GcmStream::new(key, decrypt, nonce).map_err(aead_status)?;
        *slot = new_handle(stream);
        Ok(())
    })
}

/// Adds `aad_len` bytes of additional authenticated data to a stream, before any `ferrite_aes_gcm_stream_update`.
///
/// # Safety
/// `stream` from `ferrite_aes_gcm_stream_new`, not freed and not used by another thread meanwhile; `aad` readable
/// for `aad_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_aes_gcm_stream_aad(
    stream: *mut GcmStream,
    aad: *const u8,
    aad_len: usize,
) -> i32 {
    guard(|| {
        // SAFETY: the caller's contract (see # Safety).
        let stream = unsafe { state_mut(stream) }?;
        // SAFETY: the caller's contract (see # Safety).
        let aad = unsafe { input_slice(aad, aad_len) }?;
        stream.aad(aad).map_err(aead_status)
    })
}

/// Encrypts or decrypts the `in_len` bytes at `in` into `out` (capacity `out_len`, at least `in_len`; not
/// overlapping `in`).
///
/// # Safety
/// `stream` as for `ferrite_aes_gcm_stream_aad`; `in` readable for `in_len` bytes, `out` writable for `out_len`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_aes_gcm_stream_update(
    stream: *mut GcmStream,
    in_: *const u8,
    in_len: usize,
    out: *mut u8,
    out_len: usize,
) -> i32 {
    guard(|| {
        disjoint(in_, in_len, out, out_len)?;
        // SAFETY: the caller's contract (see # Safety).
        let stream = unsafe { state_mut(stream) }?;
        // SAFETY: the caller's contract (see # Safety).
        let input = unsafe { input_slice(in_, in_len) }?;
        // SAFETY: the caller's contract; disjoint from `in` (checked above).
        let out = unsafe { output_slice(out, out_len, in_len) }?;
        stream.update(input, out).map_err(aead_status)
    })
}

/// Ends an encryption stream, writing the 16-byte tag to `tag_out` (capacity `tag_out_len`, at least 16).
///
/// # Safety
/// `stream` as for `ferrite_aes_gcm_stream_aad`; `tag_out` writable for `tag_out_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_aes_gcm_stream_tag(
    stream: *mut GcmStream,
    tag_out: *mut u8,
    tag_out_len: usize,
) -> i32 {
    guard(|| {
        // SAFETY: the caller's contract (see # Safety).
        let stream = unsafe { state_mut(stream) }?;
        // SAFETY: the caller's contract (see # Safety).
        let out = unsafe { output_slice(tag_out, tag_out_len, TAG_LEN) }?;
        let out: &mut [u8; TAG_LEN] = out.try_into().map_err(|_| FerriteStatus::InvalidArgument)?;
        stream.tag(out).map_err(aead_status)
    })
}

/// Ends a decryption stream: `FERRITE_STATUS_OK` when the 16-byte `tag` matches,
/// `FERRITE_STATUS_AUTHENTICATION_FAILED` when not (the caller must then wipe everything the stream decrypted).
///
/// # Safety
/// `stream` as for `ferrite_aes_gcm_stream_aad`; `tag` readable for `tag_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_aes_gcm_stream_verify(
    stream: *mut GcmStream,
    tag: *const u8,
    tag_len: usize,
) -> i32 {
    guard(|| {
        // SAFETY: the caller's contract (see # Safety).
        let stream = unsafe { state_mut(stream) }?;
        // SAFETY: the caller's contract (see # Safety).
        let tag = unsafe { input_array::<TAG_LEN>(tag, tag_len) }?;
        stream.verify(tag).map_err(aead_status)
    })
}

/// Frees (and wipes) a stream from `ferrite_aes_gcm_stream_new`, finished or not. A null `stream` is accepted.
///
/// # Safety
/// A non-null `stream` must come from `ferrite_aes_gcm_stream_new`, not be in use, and not be used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_aes_gcm_stream_free(stream: *mut GcmStream) -> i32 {
    guard(|| {
        // SAFETY: the caller's contract: null, or a live handle from `new_handle` in `ferrite_aes_gcm_stream_new`.
        unsafe { free_handle(stream) }
    })
}
