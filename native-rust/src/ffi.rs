//! The C ABI: every `extern "C"` function of the library, and nothing else.
//!
//! Rules every export follows (DESIGN.md, "The native ABI"):
//! - its name starts with `ferrite_` and it returns an `i32` [`FerriteStatus`] (`ferrite_abi_version` aside);
//! - its body runs inside [`guard`], so a panic becomes [`FerriteStatus::Internal`] instead of unwinding into
//!   the JVM (which would abort it);
//! - raw pointers become slices only in [`input_slice`], [`output_slice`] and [`state_mut`], after checks for
//!   null, alignment, length and overlap;
//! - outputs go into buffers the caller provides, with their capacity.
//!
//! Safety contract for callers (the Java bindings): every `(ptr, len)` pair describes memory that is valid
//! for `len` bytes for the duration of the call and is not written by anyone else meanwhile; output buffers
//! don't overlap inputs (checked); state handles come from the matching `_new` and are freed once.

use std::cell::{Cell, RefCell};
use std::ffi::c_void;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::aead::{AeadError, AesGcmKey, NONCE_LEN, TAG_LEN};
use crate::argon2::{self, Argon2Error};
use crate::dbscan::{self, DbscanError, Metric, Params, Points};
use crate::ed25519::{self, PUBLIC_KEY_LEN, SEED_LEN, SIGNATURE_LEN, SigningKey};
use crate::gcm_stream::GcmStream;
use crate::sha256::{self, DIGEST_LEN, Sha256State};
use crate::status::FerriteStatus;
use crate::{FERRITE_ABI_VERSION, pool};

type Result<T> = core::result::Result<T, FerriteStatus>;

thread_local! {
    /// Message of the last panic caught on this thread, for `ferrite_last_error`.
    static LAST_ERROR: RefCell<String> = const { RefCell::new(String::new()) };
    /// Whether the panic hook ran on this thread since the current export started.
    static HOOK_RAN: Cell<bool> = const { Cell::new(false) };
}

static PANIC_HOOK: Once = Once::new();

/// Handles (keys, states, streams) made by a `_new` export and not yet freed; `ferrite_live_handles` reports it.
static LIVE_HANDLES: AtomicUsize = AtomicUsize::new(0);

/// Moves `value` to the heap and returns it as a handle for the caller, counted in [`LIVE_HANDLES`].
fn new_handle<T>(value: T) -> *mut T {
    let _ = LIVE_HANDLES.fetch_add(1, Ordering::Relaxed);
    Box::into_raw(Box::new(value))
}

/// Frees a handle from [`new_handle`] (a null handle is accepted and ignored; a misaligned one is refused).
///
/// # Safety
/// A non-null `handle` must come from [`new_handle`] with the same `T`, not be in use, and not be used again.
unsafe fn free_handle<T>(handle: *mut T) -> Result<()> {
    if handle.is_null() {
        return Ok(());
    }
    if !handle.is_aligned() {
        return Err(FerriteStatus::InvalidArgument);
    }
    // Counted first: the handle is gone even if its drop panics.
    let _ = LIVE_HANDLES.fetch_sub(1, Ordering::Relaxed);
    // SAFETY: the caller's contract: a live handle from `Box::into_raw` in `new_handle`, used by no one else.
    drop(unsafe { Box::from_raw(handle) });
    Ok(())
}

/// Replaces the default panic hook (which prints to the host's stderr) with one that keeps the message for
/// `ferrite_last_error`. The hook belongs to this library's copy of `std`, not to other Rust code.
fn install_panic_hook() {
    PANIC_HOOK.call_once(|| {
        panic::set_hook(Box::new(|info| {
            let payload = info.payload();
            let text = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic with a non-string payload".to_owned());
            let message = match info.location() {
                Some(location) => format!("{text} at {}:{}", location.file(), location.line()),
                None => text,
            };
            // try_with: the thread may be tearing down its locals.
            let _ = LAST_ERROR.try_with(|last| *last.borrow_mut() = message);
            let _ = HOOK_RAN.try_with(|ran| ran.set(true));
        }));
    });
}

/// Runs an export's body: `Ok` becomes `0`, `Err(status)` its code, and a panic [`FerriteStatus::Internal`]
/// (its message kept for `ferrite_last_error`). Every export's body runs inside it. Public only so that the
/// test library (`examples/test_exports.rs`) can run its deliberately panicking export under this same guard.
pub fn guard(body: impl FnOnce() -> Result<()>) -> i32 {
    install_panic_hook();
    let _ = HOOK_RAN.try_with(|ran| ran.set(false));
    match panic::catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(())) => FerriteStatus::Ok.code(),
        Ok(Err(status)) => status.code(),
        Err(payload) => {
            // A panic on another thread (a pool worker) ran the hook there and reached this thread through
            // rayon's resume_unwind, which does not run the hook again: keep its message for this thread too.
            let hook_ran_here = HOOK_RAN.try_with(Cell::get).unwrap_or(true);
            let _ = LAST_ERROR.try_with(|last| {
                if !hook_ran_here {
                    *last.borrow_mut() = payload
                        .downcast_ref::<&str>()
                        .map(|s| (*s).to_owned())
                        .or_else(|| payload.downcast_ref::<String>().cloned())
                        .unwrap_or_else(|| "panic with a non-string payload".to_owned());
                }
            });
            FerriteStatus::Internal.code()
        }
    }
}

/// Checks a `(ptr, len)` pair that will be read.
///
/// # Safety
/// When `len > 0` and `ptr` is non-null, `ptr` must be valid for reads of `len` bytes for `'a`, with no
/// concurrent writes.
unsafe fn input_slice<'a>(ptr: *const u8, len: usize) -> Result<&'a [u8]> {
    // SAFETY: the caller's contract, passed on (bytes are always aligned and valid for any bits).
    unsafe { typed_input(ptr, len) }
}

/// Checks an output buffer of capacity `len` that must hold at least `needed` bytes; returns its first
/// `needed` bytes.
///
/// # Safety
/// When `len > 0` and `ptr` is non-null, `ptr` must be valid for writes of `len` bytes for `'a`, and no
/// other reference to that memory may be used meanwhile.
unsafe fn output_slice<'a>(ptr: *mut u8, len: usize, needed: usize) -> Result<&'a mut [u8]> {
    if len < needed || ptr.is_null() || len > isize::MAX as usize {
        return Err(FerriteStatus::InvalidArgument);
    }
    // SAFETY: non-null, needed <= len <= isize::MAX, and the caller guarantees `len` writable bytes.
    Ok(unsafe { std::slice::from_raw_parts_mut(ptr, needed) })
}

/// Fails when the byte ranges `[a, a + a_len)` and `[b, b + b_len)` overlap, which would alias a `&mut`.
fn disjoint(a: *const u8, a_len: usize, b: *const u8, b_len: usize) -> Result<()> {
    let (a, b) = (a as usize, b as usize);
    let a_end = a.checked_add(a_len).ok_or(FerriteStatus::InvalidArgument)?;
    let b_end = b.checked_add(b_len).ok_or(FerriteStatus::InvalidArgument)?;
    if a_len == 0 || b_len == 0 || a_end <= b || b_end <= a {
        Ok(())
    } else {
        Err(FerriteStatus::InvalidArgument)
    }
}

/// Checks a state handle.
///
/// # Safety
/// A non-null `state` must come from the matching `_new` export and not have been freed, and no other call
/// may use it concurrently.
unsafe fn state_mut<'a, T>(state: *mut T) -> Result<&'a mut T> {
    if state.is_null() || !state.is_aligned() {
        return Err(FerriteStatus::InvalidArgument);
    }
    // SAFETY: non-null and aligned; the caller guarantees it is a live, unshared handle (see # Safety).
    Ok(unsafe { &mut *state })
}

/// Checks a handle that may be used by several threads at once (shared, read-only use).
///
/// # Safety
/// A non-null `handle` must come from the matching `_new` export and not be freed during the call.
unsafe fn handle_ref<'a, T: Sync>(handle: *const T) -> Result<&'a T> {
    if handle.is_null() || !handle.is_aligned() {
        return Err(FerriteStatus::InvalidArgument);
    }
    // SAFETY: non-null and aligned; the caller guarantees a live handle (see # Safety). Only shared use follows.
    Ok(unsafe { &*handle })
}

/// Checks a `(ptr, len)` pair that must hold exactly `N` bytes, and returns them as an array reference.
///
/// # Safety
/// As for [`input_slice`].
unsafe fn input_array<'a, const N: usize>(ptr: *const u8, len: usize) -> Result<&'a [u8; N]> {
    if len != N {
        return Err(FerriteStatus::InvalidArgument);
    }
    // SAFETY: the caller's contract, passed on.
    let slice = unsafe { input_slice(ptr, len) }?;
    slice.try_into().map_err(|_| FerriteStatus::InvalidArgument)
}

/// The checks [`typed_input`] and [`typed_output`] share: non-null, aligned for `T`, and at most `isize::MAX`
/// bytes in all.
fn check_array<T>(ptr: *const T, count: usize) -> Result<()> {
    let bytes = count
        .checked_mul(size_of::<T>())
        .ok_or(FerriteStatus::InvalidArgument)?;
    if ptr.is_null() || !ptr.is_aligned() || bytes > isize::MAX as usize {
        return Err(FerriteStatus::InvalidArgument);
    }
    Ok(())
}

/// Checks an array of `count` values of `T` that will be read (null is accepted only when `count` is 0).
///
/// # Safety
/// When `count > 0` and `ptr` is non-null and aligned, `ptr` must be valid for reads of `count` values of `T` for
/// `'a`, with no concurrent writes. `T` must be valid for every bit pattern.
unsafe fn typed_input<'a, T>(ptr: *const T, count: usize) -> Result<&'a [T]> {
    if count == 0 {
        return Ok(&[]);
    }
    check_array(ptr, count)?;
    // SAFETY: non-null, aligned, count * size_of::<T>() <= isize::MAX (checked), and the caller guarantees
    // `count` readable values of a type valid for any bits (see # Safety).
    Ok(unsafe { std::slice::from_raw_parts(ptr, count) })
}

/// Checks an array of `count` values of `T` that will be written (null is accepted only when `count` is 0).
///
/// # Safety
/// When `count > 0` and `ptr` is non-null and aligned, `ptr` must be valid for reads and writes of `count` values
/// of `T` for `'a`, and no other reference to that memory may be used meanwhile. `T` must be valid for every bit
/// pattern.
unsafe fn typed_output<'a, T>(ptr: *mut T, count: usize) -> Result<&'a mut [T]> {
    if count == 0 {
        return Ok(&mut []);
    }
    check_array(ptr.cast_const(), count)?;
    // SAFETY: non-null, aligned, count * size_of::<T>() <= isize::MAX (checked), and the caller guarantees
    // `count` writable values of a type valid for any bits, used by no one else (see # Safety).
    Ok(unsafe { std::slice::from_raw_parts_mut(ptr, count) })
}

// ---------------------------------------------------------------------------------------------- library

/// The ABI version of this library (`FERRITE_ABI_VERSION`). The only export that returns a value rather
/// than a status; the loader calls it first and refuses a library whose version it does not expect.
#[unsafe(no_mangle)]
pub extern "C" fn ferrite_abi_version() -> i32 {
    FERRITE_ABI_VERSION
}

/// Does nothing and returns `FERRITE_STATUS_OK`: measures the cost of a call across the boundary.
#[unsafe(no_mangle)]
pub extern "C" fn ferrite_noop() -> i32 {
    guard(|| Ok(()))
}

/// Copies the message of the last internal error (caught panic) on the calling thread into `out` (UTF-8,
/// truncated to `out_len`, not NUL-terminated) and stores the number of bytes copied in `*written`.
///
/// # Safety
/// `out` must be valid for `out_len` bytes of writes and `written` for one aligned `size_t` write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_last_error(
    out: *mut u8,
    out_len: usize,
    written: *mut usize,
) -> i32 {
    guard(|| {
        // SAFETY: the caller's contract for `written` (see # Safety).
        let written = unsafe { state_mut(written) }?;
        let message = LAST_ERROR.with(|last| last.borrow().clone());
        let count = message.len().min(out_len);
        // SAFETY: the caller's contract for `out` (see # Safety).
        let out = unsafe { output_slice(out, out_len, count) }?;
        out.copy_from_slice(&message.as_bytes()[..count]);
        *written = count;
        Ok(())
    })
}

/// Sets the size of the worker pool used by parallel kernels (`0`: one thread per available CPU). Takes
/// effect only before the first parallel call; afterwards a different size returns
/// `FERRITE_STATUS_INVALID_ARGUMENT` and the pool keeps its size.
#[unsafe(no_mangle)]
pub extern "C" fn ferrite_pool_configure(threads: usize) -> i32 {
    guard(|| {
        if threads > 4096 || !pool::configure(threads) {
            return Err(FerriteStatus::InvalidArgument);
        }
        Ok(())
    })
}

/// Stores in `*count_out` how many handles (SHA-256 states, Ed25519 signing keys, AES-GCM keys and streams) have
/// been created by a `_new` export of this library and not yet freed: zero once a caller has freed everything it
/// made. For leak tests and diagnostics; other threads may change the count at any moment.
///
/// # Safety
/// `count_out` must be valid for one aligned `size_t` write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_live_handles(count_out: *mut usize) -> i32 {
    guard(|| {
        // SAFETY: the caller's contract (see # Safety).
        let slot = unsafe { state_mut(count_out) }?;
        *slot = LIVE_HANDLES.load(Ordering::Relaxed);
        Ok(())
    })
}

// ---------------------------------------------------------------------------------------------- sha256

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

// ---------------------------------------------------------------------------------------------- ed25519

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

// ---------------------------------------------------------------------------------------------- aes-gcm

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

// ---------------------------------------------------------------------------------------------- argon2

/// Argon2 (RFC 9106) of `password` into `out[0 .. out_len]` (the hash length is `out_len`, at least 4).
/// `algorithm`: 0 Argon2d, 1 Argon2i, 2 Argon2id; `version`: `0x10` or `0x13`; `memory_kib` at least 8 per lane;
/// `iterations` at least 1; `parallelism` 1 to 2^24 - 1; `salt` at least 8 bytes; `secret` and `associated_data`
/// may be empty (`associated_data` at most 32 bytes). Lanes run in parallel on the shared pool. The call is long
/// (milliseconds to seconds): bind it as a normal, not a critical, downcall. `FERRITE_STATUS_INVALID_ARGUMENT` for
/// anything out of range, `FERRITE_STATUS_OUT_OF_MEMORY` when the working memory can't be allocated; once `out`
/// itself has passed its checks (non-null, no overlap), it is zeroed on every failure. No input may overlap `out`.
/// At most as many hashes run at once as the pool has threads; further calls wait.
///
/// # Safety
/// Each input pointer readable for its length; `out` writable for `out_len` bytes.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ferrite_argon2_hash(
    algorithm: u32,
    version: u32,
    memory_kib: u32,
    iterations: u32,
    parallelism: u32,
    password: *const u8,
    password_len: usize,
    salt: *const u8,
    salt_len: usize,
    secret: *const u8,
    secret_len: usize,
    associated_data: *const u8,
    associated_data_len: usize,
    out: *mut u8,
    out_len: usize,
) -> i32 {
    guard(|| {
        for (ptr, len) in [
            (password, password_len),
            (salt, salt_len),
            (secret, secret_len),
            (associated_data, associated_data_len),
        ] {
            disjoint(ptr, len, out.cast_const(), out_len)?;
        }
        // SAFETY: the caller's contract (see # Safety).
        let password = unsafe { input_slice(password, password_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let salt = unsafe { input_slice(salt, salt_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let secret = unsafe { input_slice(secret, secret_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let associated_data = unsafe { input_slice(associated_data, associated_data_len) }?;
        // SAFETY: the caller's contract; disjoint from every input (checked above).
        let out = unsafe { output_slice(out, out_len, out_len) }?;
        let request = argon2::Request {
            algorithm,
            version,
            memory_kib,
            iterations,
            parallelism,
            password,
            salt,
            secret,
            associated_data,
        };
        argon2::hash(&request, out).map_err(|error| match error {
            Argon2Error::InvalidArgument => FerriteStatus::InvalidArgument,
            Argon2Error::OutOfMemory => FerriteStatus::OutOfMemory,
        })
    })
}

// ---------------------------------------------------------------------------------------------- dbscan

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

#[cfg(test)]
#[allow(clippy::multiple_unsafe_ops_per_block, clippy::panic)]
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
    fn argon2_checks_pointers_lengths_and_parameters() {
        let invalid = FerriteStatus::InvalidArgument.code();
        let salt = b"somesalt";
        let mut out = [0u8; 32];
        // SAFETY: each call passes either valid buffers or pointers the function must reject unread.
        unsafe {
            let call = |pw: *const u8,
                        pw_len: usize,
                        s: *const u8,
                        s_len: usize,
                        o: *mut u8,
                        o_len: usize| {
                ferrite_argon2_hash(
                    2,
                    0x13,
                    64,
                    1,
                    2,
                    pw,
                    pw_len,
                    s,
                    s_len,
                    ptr::null(),
                    0,
                    ptr::null(),
                    0,
                    o,
                    o_len,
                )
            };
            assert_eq!(
                call(ptr::null(), 0, salt.as_ptr(), 8, out.as_mut_ptr(), 32),
                0
            );
            assert_eq!(
                call(ptr::null(), 5, salt.as_ptr(), 8, out.as_mut_ptr(), 32),
                invalid
            );
            assert_eq!(
                call(b"pw".as_ptr(), 2, ptr::null(), 8, out.as_mut_ptr(), 32),
                invalid
            );
            assert_eq!(
                call(b"pw".as_ptr(), 2, salt.as_ptr(), 7, out.as_mut_ptr(), 32),
                invalid
            );
            assert_eq!(
                call(b"pw".as_ptr(), 2, salt.as_ptr(), 8, ptr::null_mut(), 32),
                invalid
            );
            assert_eq!(
                call(b"pw".as_ptr(), 2, salt.as_ptr(), 8, out.as_mut_ptr(), 3),
                invalid
            );
            assert_eq!(
                call(
                    b"pw".as_ptr(),
                    usize::MAX,
                    salt.as_ptr(),
                    8,
                    out.as_mut_ptr(),
                    32
                ),
                invalid
            );
            // The password overlapping the output.
            assert_eq!(
                call(out.as_ptr(), 8, salt.as_ptr(), 8, out.as_mut_ptr(), 32),
                invalid
            );
            // Out-of-range parameters.
            assert_eq!(
                ferrite_argon2_hash(
                    3,
                    0x13,
                    64,
                    1,
                    2,
                    ptr::null(),
                    0,
                    salt.as_ptr(),
                    8,
                    ptr::null(),
                    0,
                    ptr::null(),
                    0,
                    out.as_mut_ptr(),
                    32,
                ),
                invalid
            );
            assert_eq!(
                ferrite_argon2_hash(
                    2,
                    0x13,
                    15,
                    1,
                    2,
                    ptr::null(),
                    0,
                    salt.as_ptr(),
                    8,
                    ptr::null(),
                    0,
                    ptr::null(),
                    0,
                    out.as_mut_ptr(),
                    32,
                ),
                invalid
            );
        }
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

    #[test]
    fn panic_becomes_internal_status_with_message() {
        let status = guard(|| panic!("deliberate test panic"));
        assert_eq!(status, FerriteStatus::Internal.code());
        let mut buf = [0u8; 256];
        let mut written = 0usize;
        // SAFETY: valid buffers.
        let rc = unsafe { ferrite_last_error(buf.as_mut_ptr(), buf.len(), &mut written) };
        assert_eq!(rc, 0);
        let message = String::from_utf8_lossy(&buf[..written]);
        assert!(message.contains("deliberate test panic"), "{message}");
    }

    #[test]
    fn panic_on_a_pool_worker_keeps_its_message() {
        let Some(pool) = pool::get() else {
            return;
        };
        let status = guard(|| pool.install(|| panic!("deliberate worker panic")));
        assert_eq!(status, FerriteStatus::Internal.code());
        let mut buf = [0u8; 256];
        let mut written = 0usize;
        // SAFETY: valid buffers.
        let rc = unsafe { ferrite_last_error(buf.as_mut_ptr(), buf.len(), &mut written) };
        assert_eq!(rc, 0);
        let message = String::from_utf8_lossy(&buf[..written]);
        assert!(message.contains("deliberate worker panic"), "{message}");
    }

    #[test]
    fn abi_version_and_noop() {
        assert_eq!(ferrite_abi_version(), FERRITE_ABI_VERSION);
        assert_eq!(ferrite_noop(), 0);
    }
}
