//! The X25519 exports (`ferrite_x25519_*`): a private key's public key, and the key agreement, over
//! [`crate::x25519`].
//!
//! Each export follows the rules and the callers' safety contract of the `ffi` module (`ffi/mod.rs`), whose
//! shared checks and guard it uses.

use super::{disjoint, guard, input_array, output_slice};
use crate::x25519::{self, KEY_LEN};
use zeroize::Zeroize;

/// Writes the 32-byte public key of the 32-byte `private_key` to `public_key_out` (capacity `public_key_out_len`).
///
/// # Safety
/// `private_key` readable for `private_key_len` bytes, `public_key_out` writable for `public_key_out_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_x25519_public_key(
    private_key: *const u8,
    private_key_len: usize,
    public_key_out: *mut u8,
    public_key_out_len: usize,
) -> i32 {
    guard(|| {
        disjoint(
            private_key,
            private_key_len,
            public_key_out,
            public_key_out_len,
        )?;
        // SAFETY: the caller's contract (see # Safety).
        let private_key = unsafe { input_array::<KEY_LEN>(private_key, private_key_len) }?;
        // SAFETY: the caller's contract; disjoint from the private key.
        let out = unsafe { output_slice(public_key_out, public_key_out_len, KEY_LEN) }?;
        out.copy_from_slice(&x25519::public_key(private_key));
        Ok(())
    })
}

/// Writes the 32-byte shared secret `X25519(private_key, peer_public_key)` to `shared_out` (capacity
/// `shared_out_len`). The secret is all zeros when the peer's point has low order: the caller must refuse it
/// (RFC 7748 §6.1); the Java API does.
///
/// # Safety
/// `private_key` and `peer_public_key` readable for their lengths, `shared_out` writable for `shared_out_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_x25519_agree(
    private_key: *const u8,
    private_key_len: usize,
    peer_public_key: *const u8,
    peer_public_key_len: usize,
    shared_out: *mut u8,
    shared_out_len: usize,
) -> i32 {
    guard(|| {
        disjoint(private_key, private_key_len, shared_out, shared_out_len)?;
        disjoint(
            peer_public_key,
            peer_public_key_len,
            shared_out,
            shared_out_len,
        )?;
        // SAFETY: the caller's contract (see # Safety).
        let private_key = unsafe { input_array::<KEY_LEN>(private_key, private_key_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let peer = unsafe { input_array::<KEY_LEN>(peer_public_key, peer_public_key_len) }?;
        // SAFETY: the caller's contract; disjoint from both inputs.
        let out = unsafe { output_slice(shared_out, shared_out_len, KEY_LEN) }?;
        let mut shared = x25519::agree(private_key, peer);
        out.copy_from_slice(&shared);
        shared.zeroize();
        Ok(())
    })
}
