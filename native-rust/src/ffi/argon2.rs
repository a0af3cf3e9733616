//! The Argon2 export (`ferrite_argon2_hash`), over [`crate::argon2`].
//!
//! Each export follows the rules and the callers' safety contract of the `ffi` module (`ffi/mod.rs`), whose
//! shared checks and guard it uses.

use super::{disjoint, guard, input_slice, output_slice};
use crate::argon2::{self, Argon2Error};
use crate::status::FerriteStatus;

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

#[cfg(test)]
#[allow(clippy::multiple_unsafe_ops_per_block)]
mod tests {
    use super::*;
    use std::ptr;

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
}
