//! The HKDF-SHA256 exports (`ferrite_hkdf_sha256_*`): extract and expand (RFC 5869), over [`crate::hkdf`].
//!
//! Each export follows the rules and the callers' safety contract of the `ffi` module (`ffi/mod.rs`), whose
//! shared checks and guard it uses.

use super::{disjoint, guard, input_slice, output_slice};
use crate::hkdf::{self, HASH_LEN};
use zeroize::Zeroize;

/// `HKDF-Extract(salt, ikm)`: writes the 32-byte pseudorandom key to `prk_out` (capacity `prk_out_len`). An empty
/// `salt` stands for 32 zero bytes (RFC 5869 §2.2).
///
/// # Safety
/// `salt` and `ikm` readable for their lengths, `prk_out` writable for `prk_out_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_hkdf_sha256_extract(
    salt: *const u8,
    salt_len: usize,
    ikm: *const u8,
    ikm_len: usize,
    prk_out: *mut u8,
    prk_out_len: usize,
) -> i32 {
    guard(|| {
        disjoint(salt, salt_len, prk_out, prk_out_len)?;
        disjoint(ikm, ikm_len, prk_out, prk_out_len)?;
        // SAFETY: the caller's contract (see # Safety).
        let salt = unsafe { input_slice(salt, salt_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let ikm = unsafe { input_slice(ikm, ikm_len) }?;
        // SAFETY: the caller's contract; disjoint from both inputs.
        let out = unsafe { output_slice(prk_out, prk_out_len, HASH_LEN) }?;
        let mut prk = hkdf::extract(salt, ikm)?;
        out.copy_from_slice(&prk);
        prk.zeroize();
        Ok(())
    })
}

/// `HKDF-Expand(prk, info, out_len)`: writes `out_len` bytes (1 to 8160, 255 × 32) to `out`. `prk` must be at
/// least 32 bytes (RFC 5869 §2.3); otherwise `FERRITE_STATUS_INVALID_ARGUMENT`.
///
/// # Safety
/// `prk` and `info` readable for their lengths, `out` writable for `out_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_hkdf_sha256_expand(
    prk: *const u8,
    prk_len: usize,
    info: *const u8,
    info_len: usize,
    out: *mut u8,
    out_len: usize,
) -> i32 {
    guard(|| {
        disjoint(prk, prk_len, out, out_len)?;
        disjoint(info, info_len, out, out_len)?;
        // SAFETY: the caller's contract (see # Safety).
        let prk = unsafe { input_slice(prk, prk_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let info = unsafe { input_slice(info, info_len) }?;
        // SAFETY: the caller's contract; disjoint from both inputs.
        let out = unsafe { output_slice(out, out_len, out_len) }?;
        hkdf::expand(prk, info, out)
    })
}
