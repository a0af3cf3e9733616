//! The C ABI: every `extern "C"` function of the library, and nothing else. This module holds what every export
//! shares (the panic guard, the checks that turn raw pointers into slices and handles, the handle count) and the
//! library-wide exports (`ferrite_abi_version`, `ferrite_noop`, `ferrite_last_error`, `ferrite_pool_configure`,
//! `ferrite_live_handles`); each kernel's exports live in a file of their own: `ffi/sha256.rs`, `ffi/ed25519.rs`,
//! `ffi/aead.rs` (one-shot and incremental AES-GCM), `ffi/argon2.rs`, `ffi/dbscan.rs`, `ffi/x25519.rs`, `ffi/hkdf.rs`,
//! `ffi/hpke.rs`, `ffi/agglomerative.rs` and `ffi/silhouette.rs`. Every export is re-exported here, so its Rust path
//! stays `ferrite::ffi::ferrite_...`.
//!
//! Rules every export follows (docs/ARCHITECTURE.md, "The native ABI"):
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
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::status::FerriteStatus;
use crate::{FERRITE_ABI_VERSION, pool};

// In the order of the header: cbindgen writes the exports module by module, in declaration order (blank lines keep
// rustfmt from sorting them).
mod sha256;

mod ed25519;

mod aead;

mod argon2;

mod dbscan;

mod x25519;

mod hkdf;

mod hpke;

mod agglomerative;

mod silhouette;

pub use aead::*;
pub use agglomerative::*;
pub use argon2::*;
pub use dbscan::*;
pub use ed25519::*;
pub use hkdf::*;
pub use hpke::*;
pub use sha256::*;
pub use silhouette::*;
pub use x25519::*;

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

/// Stores in `*count_out` how many handles (SHA-256 states, Ed25519 signing keys, AES-GCM keys and streams, HPKE
/// contexts) have been created by a `_new` (or HPKE `_setup_`) export of this library and not yet freed: zero once a
/// caller has freed everything it made. For leak tests and diagnostics; other threads may change the count at any
/// moment.
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

#[cfg(test)]
#[allow(clippy::multiple_unsafe_ops_per_block, clippy::panic)]
mod tests {
    use super::*;

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

    /// The header as committed for C callers and read by the Java tests (`HeaderBindingsTest`).
    const HEADER: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../bindings/include/ferrite.h"
    ));

    #[test]
    fn abi_version_and_noop() {
        // Written out, not `FERRITE_ABI_VERSION`: a change of the constant must be made here too, on purpose, and
        // in the Java side's `FerriteNative.ABI_VERSION`, which the loader compares with this export.
        assert_eq!(ferrite_abi_version(), 5);
        let defined = HEADER
            .lines()
            .find_map(|line| line.strip_prefix("#define FERRITE_ABI_VERSION "))
            .map(|value| value.trim().parse::<i32>());
        assert_eq!(
            defined,
            Some(Ok(ferrite_abi_version())),
            "ferrite.h states another ABI version"
        );
        assert_eq!(ferrite_noop(), 0);
    }
}
