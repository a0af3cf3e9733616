//! The Ed25519 exports (`ferrite_ed25519_*`): signing keys (new, sign, free) and strict single and batch
//! verification, over [`crate::ed25519`].
//!
//! Each export follows the rules and the callers' safety contract of the `ffi` module (`ffi/mod.rs`), whose
//! shared checks and guard it uses.

use super::{
    disjoint, free_handle, guard, handle_ref, input_array, input_slice, new_handle, output_slice,
    state_mut,
};
use crate::ed25519::{self, PUBLIC_KEY_LEN, SEED_LEN, SIGNATURE_LEN, SigningKey};
use crate::status::FerriteStatus;

/// Parses the 32-byte `seed` into a signing key, writes its 32-byte public key to `public_key_out` (capacity
/// `public_key_out_len`) and stores the key's handle in `*key_out`. Free it with
/// `ferrite_ed25519_signing_key_free`, which wipes it.
///
/// # Safety
/// `seed` readable for `seed_len` bytes, `public_key_out` writable for `public_key_out_len` bytes, `key_out` valid
/// for one aligned pointer write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_ed25519_signing_key_new(
    seed: *const u8,
    seed_len: usize,
    public_key_out: *mut u8,
    public_key_out_len: usize,
    key_out: *mut *mut SigningKey,
) -> i32 {
    guard(|| {
        disjoint(seed, seed_len, public_key_out, public_key_out_len)?;
        // SAFETY: the caller's contract (see # Safety).
        let seed = unsafe { input_array::<SEED_LEN>(seed, seed_len) }?;
        // SAFETY: the caller's contract; disjoint from the seed.
        let public_key =
            unsafe { output_slice(public_key_out, public_key_out_len, PUBLIC_KEY_LEN) }?;
        // SAFETY: the caller's contract (see # Safety).
        let slot = unsafe { state_mut(key_out) }?;
        let key = SigningKey::from_seed(seed).ok_or(FerriteStatus::InvalidArgument)?;
        public_key.copy_from_slice(&key.public_key());
        *slot = new_handle(key);
        Ok(())
    })
}

/// Signs the `message_len` bytes at `message` with `key`, writing the 64-byte signature to `signature_out`
/// (capacity `signature_out_len`). Several threads may sign with one key at once.
///
/// # Safety
/// `key` from `ferrite_ed25519_signing_key_new` and not freed during the call; `message` readable for
/// `message_len` bytes; `signature_out` writable for `signature_out_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_ed25519_sign(
    key: *const SigningKey,
    message: *const u8,
    message_len: usize,
    signature_out: *mut u8,
    signature_out_len: usize,
) -> i32 {
    guard(|| {
        disjoint(message, message_len, signature_out, signature_out_len)?;
        // SAFETY: the caller's contract (see # Safety).
        let key = unsafe { handle_ref(key) }?;
        // SAFETY: the caller's contract (see # Safety).
        let message = unsafe { input_slice(message, message_len) }?;
        // SAFETY: the caller's contract; disjoint from the message.
        let out = unsafe { output_slice(signature_out, signature_out_len, SIGNATURE_LEN) }?;
        out.copy_from_slice(&key.sign(message));
        Ok(())
    })
}

/// Frees (and wipes) a key from `ferrite_ed25519_signing_key_new`. A null `key` is accepted and ignored.
///
/// # Safety
/// A non-null `key` must come from `ferrite_ed25519_signing_key_new`, not be in use, and not be used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_ed25519_signing_key_free(key: *mut SigningKey) -> i32 {
    guard(|| {
        // SAFETY: the caller's contract: null, or a live handle from `new_handle` in `ferrite_ed25519_signing_key_new`.
        unsafe { free_handle(key) }
    })
}

/// Verifies a signature by Ferrite's strict rule (see `ed25519.rs`): `FERRITE_STATUS_OK` when valid,
/// `FERRITE_STATUS_AUTHENTICATION_FAILED` when invalid (including a key encoding the rule refuses),
/// `FERRITE_STATUS_INVALID_ARGUMENT` when the key is not 32 bytes or the signature not 64.
///
/// # Safety
/// Each pointer readable for its length.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_ed25519_verify(
    public_key: *const u8,
    public_key_len: usize,
    message: *const u8,
    message_len: usize,
    signature: *const u8,
    signature_len: usize,
) -> i32 {
    guard(|| {
        // SAFETY: the caller's contract (see # Safety).
        let public_key = unsafe { input_array::<PUBLIC_KEY_LEN>(public_key, public_key_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let message = unsafe { input_slice(message, message_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let signature = unsafe { input_array::<SIGNATURE_LEN>(signature, signature_len) }?;
        if ed25519::verify(public_key, message, signature) {
            Ok(())
        } else {
            Err(FerriteStatus::AuthenticationFailed)
        }
    })
}

/// Verifies `count` signatures at once: `FERRITE_STATUS_OK` when all are valid (or `count` is 0),
/// `FERRITE_STATUS_AUTHENTICATION_FAILED` when any is not; the same answer as `ferrite_ed25519_verify` on each.
/// Key `i` is `public_keys[32 i .. 32 i + 32]` (`public_keys_len` = 32 `count`), signature `i` is
/// `signatures[64 i ..]` (`signatures_len` = 64 `count`), message `i` is `messages[offsets[i] .. offsets[i + 1]]`
/// (`offsets` holds `count + 1` non-decreasing values, the last at most `messages_len`). Large batches are verified
/// in parallel on the shared pool.
///
/// # Safety
/// Each pointer readable for its length; `offsets` readable for `count + 1` aligned `uint64_t`.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ferrite_ed25519_verify_batch(
    public_keys: *const u8,
    public_keys_len: usize,
    messages: *const u8,
    messages_len: usize,
    offsets: *const u64,
    count: usize,
    signatures: *const u8,
    signatures_len: usize,
) -> i32 {
    guard(|| {
        if count.checked_mul(PUBLIC_KEY_LEN) != Some(public_keys_len)
            || count.checked_mul(SIGNATURE_LEN) != Some(signatures_len)
            || !offsets.is_aligned()
        {
            return Err(FerriteStatus::InvalidArgument);
        }
        let offsets_bytes = count
            .checked_add(1)
            .and_then(|n| n.checked_mul(size_of::<u64>()))
            .ok_or(FerriteStatus::InvalidArgument)?;
        // SAFETY: the caller's contract (see # Safety).
        let keys = unsafe { input_slice(public_keys, public_keys_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let data = unsafe { input_slice(messages, messages_len) }?;
        // SAFETY: the caller's contract; `offsets` is aligned and holds count + 1 >= 1 entries.
        let offset_bytes = unsafe { input_slice(offsets.cast(), offsets_bytes) }?;
        // SAFETY: the caller's contract (see # Safety).
        let sigs = unsafe { input_slice(signatures, signatures_len) }?;

        let mut items = Vec::new();
        items
            .try_reserve_exact(count)
            .map_err(|_| FerriteStatus::OutOfMemory)?;
        let mut starts = offset_bytes
            .chunks_exact(size_of::<u64>())
            .map(|b| u64::from_ne_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]));
        let mut start = starts.next().ok_or(FerriteStatus::InvalidArgument)?;
        for ((end, public_key), signature) in starts
            .zip(keys.chunks_exact(PUBLIC_KEY_LEN))
            .zip(sigs.chunks_exact(SIGNATURE_LEN))
        {
            let from = usize::try_from(start).map_err(|_| FerriteStatus::InvalidArgument)?;
            let to = usize::try_from(end).map_err(|_| FerriteStatus::InvalidArgument)?;
            items.push(ed25519::BatchItem {
                public_key: public_key
                    .try_into()
                    .map_err(|_| FerriteStatus::InvalidArgument)?,
                message: data.get(from..to).ok_or(FerriteStatus::InvalidArgument)?,
                signature: signature
                    .try_into()
                    .map_err(|_| FerriteStatus::InvalidArgument)?,
            });
            start = end;
        }
        if ed25519::verify_batch(&items) {
            Ok(())
        } else {
            Err(FerriteStatus::AuthenticationFailed)
        }
    })
}
