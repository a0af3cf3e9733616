//! The HPKE exports (`ferrite_hpke_*`, RFC 9180 with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and `aead_id` 1
//! AES-128-GCM, 2 AES-256-GCM or 3 ChaCha20-Poly1305; `mode` 0 base, 1 psk, 2 auth, 3 auth_psk): sender and
//! receiver contexts with their seal, open and export, single-shot seal and open, and DeriveKeyPair, over
//! [`crate::hpke`].
//!
//! An optional input is `(NULL or any pointer, 0)`: `psk` and `psk_id` outside the PSK modes, the sender's key
//! outside the auth modes, and the ephemeral key when a fresh one is wanted (the normal case; a fixed ephemeral key
//! is for known answers only). Keys and `enc` are 32 bytes.
//!
//! Each export follows the rules and the callers' safety contract of the `ffi` module (`ffi/mod.rs`), whose
//! shared checks and guard it uses.

use super::{
    Result, disjoint, free_handle, guard, handle_ref, input_array, input_slice, new_handle,
    output_slice, state_mut,
};
use crate::hpke::{self, AEAD_TAG_LEN, Aead, ENC_LEN, HpkeContext, MAX_EXPORT_LEN, Mode};
use crate::status::FerriteStatus;

/// Checks an optional 32-byte key: `None` when `len` is 0 (whatever `ptr` is), the key when `len` is 32.
///
/// # Safety
/// As for `input_slice`.
unsafe fn optional_key<'a>(ptr: *const u8, len: usize) -> Result<Option<&'a [u8; ENC_LEN]>> {
    if len == 0 {
        return Ok(None);
    }
    // SAFETY: the caller's contract, passed on.
    unsafe { input_array::<ENC_LEN>(ptr, len) }.map(Some)
}

/// Fails when the output `[out, out + out_len)` overlaps any of the `(ptr, len)` ranges of `inputs`.
fn disjoint_from(out: *const u8, out_len: usize, inputs: &[(*const u8, usize)]) -> Result<()> {
    inputs
        .iter()
        .try_for_each(|&(input, input_len)| disjoint(input, input_len, out, out_len))
}

/// Sets up a sender's context (RFC 9180 §5.1, SetupBaseS to SetupAuthPSKS as `mode` says) for the 32-byte
/// `recipient_public_key`: writes the 32-byte `enc` to `enc_out` (capacity `enc_out_len`) and stores a new context
/// in `*context_out`, which seals (`ferrite_hpke_context_seal`) and exports; free it with
/// `ferrite_hpke_context_free`. `psk` and `psk_id` both non-empty in the PSK modes and empty otherwise;
/// `sender_private_key` 32 bytes in the auth modes and empty otherwise; `ephemeral_private_key` empty for a fresh
/// key from AWS-LC's generator, or 32 bytes (known-answer tests only). `FERRITE_STATUS_INVALID_ARGUMENT` also for a
/// low-order recipient key. Nothing is written on failure.
///
/// # Safety
/// Every input readable for its length; `enc_out` writable for `enc_out_len` bytes; `context_out` valid for one
/// aligned pointer write. Outputs must not overlap inputs or each other.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ferrite_hpke_setup_sender(
    aead_id: u32,
    mode: u32,
    recipient_public_key: *const u8,
    recipient_public_key_len: usize,
    info: *const u8,
    info_len: usize,
    psk: *const u8,
    psk_len: usize,
    psk_id: *const u8,
    psk_id_len: usize,
    sender_private_key: *const u8,
    sender_private_key_len: usize,
    ephemeral_private_key: *const u8,
    ephemeral_private_key_len: usize,
    enc_out: *mut u8,
    enc_out_len: usize,
    context_out: *mut *mut HpkeContext,
) -> i32 {
    guard(|| {
        let aead = Aead::from_id(aead_id)?;
        let mode = Mode::from_id(mode)?;
        let inputs = [
            (recipient_public_key, recipient_public_key_len),
            (info, info_len),
            (psk, psk_len),
            (psk_id, psk_id_len),
            (sender_private_key, sender_private_key_len),
            (ephemeral_private_key, ephemeral_private_key_len),
        ];
        let slot_bytes = context_out.cast::<u8>().cast_const();
        disjoint_from(enc_out, enc_out_len, &inputs)?;
        disjoint_from(slot_bytes, size_of::<*mut HpkeContext>(), &inputs)?;
        disjoint(
            slot_bytes,
            size_of::<*mut HpkeContext>(),
            enc_out,
            enc_out_len,
        )?;
        // SAFETY: the caller's contract (see # Safety).
        let recipient_public_key =
            unsafe { input_array::<ENC_LEN>(recipient_public_key, recipient_public_key_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let info = unsafe { input_slice(info, info_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let psk = unsafe { input_slice(psk, psk_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let psk_id = unsafe { input_slice(psk_id, psk_id_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let sender_private_key =
            unsafe { optional_key(sender_private_key, sender_private_key_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let ephemeral_private_key =
            unsafe { optional_key(ephemeral_private_key, ephemeral_private_key_len) }?;
        // SAFETY: the caller's contract; disjoint from every input (checked above).
        let enc_out = unsafe { output_slice(enc_out, enc_out_len, ENC_LEN) }?;
        // SAFETY: the caller's contract; disjoint from every input and from `enc_out` (checked above).
        let slot = unsafe { state_mut(context_out) }?;
        let (enc, context) = HpkeContext::setup_sender(
            aead,
            mode,
            recipient_public_key,
            info,
            psk,
            psk_id,
            sender_private_key,
            ephemeral_private_key,
        )?;
        enc_out.copy_from_slice(&enc);
        *slot = new_handle(context);
        Ok(())
    })
}

/// Sets up a receiver's context (RFC 9180 §5.1, SetupBaseR to SetupAuthPSKR as `mode` says) from the 32-byte
/// `enc` and `recipient_private_key`, and stores it in `*context_out`; it opens (`ferrite_hpke_context_open`) and
/// exports; free it with `ferrite_hpke_context_free`. `psk` and `psk_id` as for `ferrite_hpke_setup_sender`;
/// `sender_public_key` 32 bytes in the auth modes and empty otherwise (`FERRITE_STATUS_INVALID_ARGUMENT` when it
/// has low order). An `enc` of low order gives `FERRITE_STATUS_AUTHENTICATION_FAILED`, as a forged ciphertext
/// would. Nothing is written on failure.
///
/// # Safety
/// Every input readable for its length; `context_out` valid for one aligned pointer write, not overlapping any
/// input.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ferrite_hpke_setup_receiver(
    aead_id: u32,
    mode: u32,
    enc: *const u8,
    enc_len: usize,
    recipient_private_key: *const u8,
    recipient_private_key_len: usize,
    info: *const u8,
    info_len: usize,
    psk: *const u8,
    psk_len: usize,
    psk_id: *const u8,
    psk_id_len: usize,
    sender_public_key: *const u8,
    sender_public_key_len: usize,
    context_out: *mut *mut HpkeContext,
) -> i32 {
    guard(|| {
        let aead = Aead::from_id(aead_id)?;
        let mode = Mode::from_id(mode)?;
        disjoint_from(
            context_out.cast::<u8>().cast_const(),
            size_of::<*mut HpkeContext>(),
            &[
                (enc, enc_len),
                (recipient_private_key, recipient_private_key_len),
                (info, info_len),
                (psk, psk_len),
                (psk_id, psk_id_len),
                (sender_public_key, sender_public_key_len),
            ],
        )?;
        // SAFETY: the caller's contract (see # Safety).
        let enc = unsafe { input_array::<ENC_LEN>(enc, enc_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let recipient_private_key =
            unsafe { input_array::<ENC_LEN>(recipient_private_key, recipient_private_key_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let info = unsafe { input_slice(info, info_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let psk = unsafe { input_slice(psk, psk_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let psk_id = unsafe { input_slice(psk_id, psk_id_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let sender_public_key = unsafe { optional_key(sender_public_key, sender_public_key_len) }?;
        // SAFETY: the caller's contract; disjoint from every input (checked above).
        let slot = unsafe { state_mut(context_out) }?;
        let context = HpkeContext::setup_receiver(
            aead,
            mode,
            enc,
            recipient_private_key,
            info,
            psk,
            psk_id,
            sender_public_key,
        )?;
        *slot = new_handle(context);
        Ok(())
    })
}

/// Encrypts the `in_len` bytes at `in` with a sender's `context` and the `aad_len` bytes of `aad` (RFC 9180 §5.2),
/// writing `ciphertext || tag` (`in_len + 16` bytes) to `out` (capacity `out_len`; not overlapping any input), and
/// moves the context to its next sequence number. `FERRITE_STATUS_INVALID_ARGUMENT` for a receiver's context and
/// once the 64-bit sequence number is exhausted (2^64 - 1 messages). Not thread-safe: the caller serializes
/// seals on one context (and does not export from it meanwhile).
///
/// # Safety
/// `context` from `ferrite_hpke_setup_sender`, not freed and not used by another thread during the call; `aad` and
/// `in` readable for their lengths, `out` writable for `out_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_hpke_context_seal(
    context: *mut HpkeContext,
    aad: *const u8,
    aad_len: usize,
    in_: *const u8,
    in_len: usize,
    out: *mut u8,
    out_len: usize,
) -> i32 {
    guard(|| {
        let needed = in_len
            .checked_add(AEAD_TAG_LEN)
            .ok_or(FerriteStatus::InvalidArgument)?;
        disjoint_from(out, out_len, &[(aad, aad_len), (in_, in_len)])?;
        // SAFETY: the caller's contract (see # Safety).
        let context = unsafe { state_mut(context) }?;
        // SAFETY: the caller's contract (see # Safety).
        let aad = unsafe { input_slice(aad, aad_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let input = unsafe { input_slice(in_, in_len) }?;
        // SAFETY: the caller's contract; disjoint from every input (checked above).
        let out = unsafe { output_slice(out, out_len, needed) }?;
        context.seal(aad, input, out)
    })
}

/// Checks and decrypts the `in_len` bytes at `in` (`ciphertext || tag`, at least 16) with a receiver's `context`
/// and `aad` (RFC 9180 §5.2), writing the `in_len - 16` plaintext bytes to `out` (capacity `out_len`; not
/// overlapping any input), and moves the context to its next sequence number.
/// `FERRITE_STATUS_AUTHENTICATION_FAILED` when the tag does not match, with those bytes of `out` set to zero and
/// the sequence number unchanged (the next message still opens); `FERRITE_STATUS_INVALID_ARGUMENT` for a sender's
/// context and once the sequence number is exhausted. Not thread-safe: the caller serializes opens on one context.
///
/// # Safety
/// `context` from `ferrite_hpke_setup_receiver`, not freed and not used by another thread during the call; `aad`
/// and `in` readable for their lengths, `out` writable for `out_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_hpke_context_open(
    context: *mut HpkeContext,
    aad: *const u8,
    aad_len: usize,
    in_: *const u8,
    in_len: usize,
    out: *mut u8,
    out_len: usize,
) -> i32 {
    guard(|| {
        let needed = in_len
            .checked_sub(AEAD_TAG_LEN)
            .ok_or(FerriteStatus::InvalidArgument)?;
        disjoint_from(out, out_len, &[(aad, aad_len), (in_, in_len)])?;
        // SAFETY: the caller's contract (see # Safety).
        let context = unsafe { state_mut(context) }?;
        // SAFETY: the caller's contract (see # Safety).
        let aad = unsafe { input_slice(aad, aad_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let input = unsafe { input_slice(in_, in_len) }?;
        // SAFETY: the caller's contract; disjoint from every input (checked above).
        let out = unsafe { output_slice(out, out_len, needed) }?;
        context.open(aad, input, out)
    })
}

/// Derives `out_len` bytes (1 to 8160) from a context's exporter secret and the `exporter_context_len` bytes of
/// `exporter_context` (RFC 9180 §5.3, `Export(exporter_context, out_len)`) into `out` (not overlapping
/// `exporter_context`). Sender and receiver contexts derive the same bytes; the sequence number plays no part.
///
/// # Safety
/// `context` from `ferrite_hpke_setup_sender` or `ferrite_hpke_setup_receiver`, not freed during the call and not
/// sealed or opened with meanwhile (other exports may run at the same time); `exporter_context` readable for its
/// length, `out` writable for `out_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_hpke_context_export(
    context: *const HpkeContext,
    exporter_context: *const u8,
    exporter_context_len: usize,
    out: *mut u8,
    out_len: usize,
) -> i32 {
    guard(|| {
        if out_len == 0 || out_len > MAX_EXPORT_LEN {
            return Err(FerriteStatus::InvalidArgument);
        }
        disjoint(exporter_context, exporter_context_len, out, out_len)?;
        // SAFETY: the caller's contract (see # Safety).
        let context = unsafe { handle_ref(context) }?;
        // SAFETY: the caller's contract (see # Safety).
        let exporter_context = unsafe { input_slice(exporter_context, exporter_context_len) }?;
        // SAFETY: the caller's contract; disjoint from `exporter_context` (checked above).
        let out = unsafe { output_slice(out, out_len, out_len) }?;
        context.export(exporter_context, out)
    })
}

/// Frees (and wipes) a context from `ferrite_hpke_setup_sender` or `ferrite_hpke_setup_receiver`. A null
/// `context` is accepted and ignored.
///
/// # Safety
/// A non-null `context` must come from one of those exports, not be in use, and not be used again.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_hpke_context_free(context: *mut HpkeContext) -> i32 {
    guard(|| {
        // SAFETY: the caller's contract: null, or a live handle from `new_handle` in a setup export.
        unsafe { free_handle(context) }
    })
}

/// Single-shot seal (RFC 9180 §6.1): `ferrite_hpke_setup_sender` and one `ferrite_hpke_context_seal` without a
/// handle. Writes `enc` (32 bytes) to `enc_out` and `ciphertext || tag` (`in_len + 16` bytes) to `out`; the
/// arguments as for those two exports.
///
/// # Safety
/// Every input readable for its length; `enc_out` and `out` writable for their lengths, not overlapping any input
/// or each other.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ferrite_hpke_seal(
    aead_id: u32,
    mode: u32,
    recipient_public_key: *const u8,
    recipient_public_key_len: usize,
    info: *const u8,
    info_len: usize,
    psk: *const u8,
    psk_len: usize,
    psk_id: *const u8,
    psk_id_len: usize,
    sender_private_key: *const u8,
    sender_private_key_len: usize,
    ephemeral_private_key: *const u8,
    ephemeral_private_key_len: usize,
    aad: *const u8,
    aad_len: usize,
    in_: *const u8,
    in_len: usize,
    enc_out: *mut u8,
    enc_out_len: usize,
    out: *mut u8,
    out_len: usize,
) -> i32 {
    guard(|| {
        let aead = Aead::from_id(aead_id)?;
        let mode = Mode::from_id(mode)?;
        let needed = in_len
            .checked_add(AEAD_TAG_LEN)
            .ok_or(FerriteStatus::InvalidArgument)?;
        let inputs = [
            (recipient_public_key, recipient_public_key_len),
            (info, info_len),
            (psk, psk_len),
            (psk_id, psk_id_len),
            (sender_private_key, sender_private_key_len),
            (ephemeral_private_key, ephemeral_private_key_len),
            (aad, aad_len),
            (in_, in_len),
        ];
        disjoint_from(enc_out, enc_out_len, &inputs)?;
        disjoint_from(out, out_len, &inputs)?;
        disjoint(enc_out, enc_out_len, out, out_len)?;
        // SAFETY: the caller's contract (see # Safety).
        let recipient_public_key =
            unsafe { input_array::<ENC_LEN>(recipient_public_key, recipient_public_key_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let info = unsafe { input_slice(info, info_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let psk = unsafe { input_slice(psk, psk_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let psk_id = unsafe { input_slice(psk_id, psk_id_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let sender_private_key =
            unsafe { optional_key(sender_private_key, sender_private_key_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let ephemeral_private_key =
            unsafe { optional_key(ephemeral_private_key, ephemeral_private_key_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let aad = unsafe { input_slice(aad, aad_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let input = unsafe { input_slice(in_, in_len) }?;
        // SAFETY: the caller's contract; disjoint from every input and from `out` (checked above).
        let enc_out = unsafe { output_slice(enc_out, enc_out_len, ENC_LEN) }?;
        // SAFETY: the caller's contract; disjoint from every input and from `enc_out` (checked above).
        let out = unsafe { output_slice(out, out_len, needed) }?;
        let enc = hpke::seal(
            aead,
            mode,
            recipient_public_key,
            info,
            psk,
            psk_id,
            sender_private_key,
            ephemeral_private_key,
            aad,
            input,
            out,
        )?;
        enc_out.copy_from_slice(&enc);
        Ok(())
    })
}

/// Single-shot open (RFC 9180 §6.1): `ferrite_hpke_setup_receiver` and one `ferrite_hpke_context_open` without a
/// handle. Writes the `in_len - 16` plaintext bytes to `out`. Once the ids, lengths and pointers are accepted, any
/// failure (`FERRITE_STATUS_AUTHENTICATION_FAILED` for a tag that does not match or an `enc` of low order,
/// `FERRITE_STATUS_INVALID_ARGUMENT` for inputs that don't fit the mode or a sender's key of low order) sets those
/// bytes to zero. The arguments as for those two exports.
///
/// # Safety
/// Every input readable for its length; `out` writable for `out_len` bytes, not overlapping any input.
#[unsafe(no_mangle)]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn ferrite_hpke_open(
    aead_id: u32,
    mode: u32,
    enc: *const u8,
    enc_len: usize,
    recipient_private_key: *const u8,
    recipient_private_key_len: usize,
    info: *const u8,
    info_len: usize,
    psk: *const u8,
    psk_len: usize,
    psk_id: *const u8,
    psk_id_len: usize,
    sender_public_key: *const u8,
    sender_public_key_len: usize,
    aad: *const u8,
    aad_len: usize,
    in_: *const u8,
    in_len: usize,
    out: *mut u8,
    out_len: usize,
) -> i32 {
    guard(|| {
        let aead = Aead::from_id(aead_id)?;
        let mode = Mode::from_id(mode)?;
        let needed = in_len
            .checked_sub(AEAD_TAG_LEN)
            .ok_or(FerriteStatus::InvalidArgument)?;
        disjoint_from(
            out,
            out_len,
            &[
                (enc, enc_len),
                (recipient_private_key, recipient_private_key_len),
                (info, info_len),
                (psk, psk_len),
                (psk_id, psk_id_len),
                (sender_public_key, sender_public_key_len),
                (aad, aad_len),
                (in_, in_len),
            ],
        )?;
        // SAFETY: the caller's contract (see # Safety).
        let enc = unsafe { input_array::<ENC_LEN>(enc, enc_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let recipient_private_key =
            unsafe { input_array::<ENC_LEN>(recipient_private_key, recipient_private_key_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let info = unsafe { input_slice(info, info_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let psk = unsafe { input_slice(psk, psk_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let psk_id = unsafe { input_slice(psk_id, psk_id_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let sender_public_key = unsafe { optional_key(sender_public_key, sender_public_key_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let aad = unsafe { input_slice(aad, aad_len) }?;
        // SAFETY: the caller's contract (see # Safety).
        let input = unsafe { input_slice(in_, in_len) }?;
        // SAFETY: the caller's contract; disjoint from every input (checked above).
        let out = unsafe { output_slice(out, out_len, needed) }?;
        hpke::open(
            aead,
            mode,
            enc,
            recipient_private_key,
            info,
            psk,
            psk_id,
            sender_public_key,
            aad,
            input,
            out,
        )
    })
}

/// DeriveKeyPair (RFC 9180 §7.1.3, DHKEM(X25519, HKDF-SHA256)): writes the 32-byte private key derived from the
/// `ikm_len` bytes of `ikm` (any length, empty included) to `private_key_out` and its 32-byte public key to
/// `public_key_out` (capacities `private_key_out_len` and `public_key_out_len`).
///
/// # Safety
/// `ikm` readable for `ikm_len` bytes; the outputs writable for their lengths, not overlapping `ikm` or each other.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn ferrite_hpke_derive_key_pair(
    ikm: *const u8,
    ikm_len: usize,
    private_key_out: *mut u8,
    private_key_out_len: usize,
    public_key_out: *mut u8,
    public_key_out_len: usize,
) -> i32 {
    guard(|| {
        disjoint(ikm, ikm_len, private_key_out, private_key_out_len)?;
        disjoint(ikm, ikm_len, public_key_out, public_key_out_len)?;
        disjoint(
            private_key_out,
            private_key_out_len,
            public_key_out,
            public_key_out_len,
        )?;
        // SAFETY: the caller's contract (see # Safety).
        let ikm = unsafe { input_slice(ikm, ikm_len) }?;
        // SAFETY: the caller's contract; disjoint from `ikm` and `public_key_out` (checked above).
        let private_key_out =
            unsafe { output_slice(private_key_out, private_key_out_len, ENC_LEN) }?;
        // SAFETY: the caller's contract; disjoint from `ikm` and `private_key_out` (checked above).
        let public_key_out = unsafe { output_slice(public_key_out, public_key_out_len, ENC_LEN) }?;
        let (private_key, public_key) = hpke::derive_key_pair(ikm)?;
        private_key_out.copy_from_slice(private_key.as_slice());
        public_key_out.copy_from_slice(&public_key);
        Ok(())
    })
}

#[cfg(test)]
#[allow(clippy::multiple_unsafe_ops_per_block)]
mod tests {
    use std::ptr;

    use super::*;

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap_or_default())
            .collect()
    }

    const OK: i32 = 0;
    const BAD: i32 = FerriteStatus::InvalidArgument.code();
    const AUTH: i32 = FerriteStatus::AuthenticationFailed.code();

    /// RFC 9180 A.1.1 (base mode, AES-128-GCM): the first encryption and the first export, through the exports.
    #[test]
    fn rfc9180_a_1_1_through_the_exports() {
        let info = hex("4f6465206f6e2061204772656369616e2055726e");
        let ikm_r = hex("6db9df30aa07dd42ee5e8181afdb977e538f5e1fec8a06223f33f7013e525037");
        let sk_e = hex("52c4a758a802cd8b936eceea314432798d5baf2d7e9235dc084ab1b9cfa2f736");
        let aad = hex("436f756e742d30");
        let pt = hex("4265617574792069732074727574682c20747275746820626561757479");
        let ct = hex(
            "f938558b5d72f1a23810b4be2ab4f84331acc02fc97babc53a52ae8218a355a96d8770ac83d07bea87e13c512a",
        );
        let mut sk_r = [0u8; 32];
        let mut pk_r = [0u8; 32];
        let mut enc = [0u8; 32];
        let mut sealed = vec![0u8; pt.len() + 16];
        let mut opened = vec![0u8; pt.len()];
        let mut exported = [0u8; 32];
        let mut exported_too = [0u8; 32];
        let mut sender: *mut HpkeContext = ptr::null_mut();
        let mut receiver: *mut HpkeContext = ptr::null_mut();
        // SAFETY: valid buffers and out-pointers; both contexts freed once.
        unsafe {
            assert_eq!(
                ferrite_hpke_derive_key_pair(
                    ikm_r.as_ptr(),
                    32,
                    sk_r.as_mut_ptr(),
                    32,
                    pk_r.as_mut_ptr(),
                    32
                ),
                OK
            );
            assert_eq!(
                sk_r.to_vec(),
                hex("4612c550263fc8ad58375df3f557aac531d26850903e55a9f23f21d8534e8ac8")
            );
            assert_eq!(
                ferrite_hpke_setup_sender(
                    1,
                    0,
                    pk_r.as_ptr(),
                    32,
                    info.as_ptr(),
                    info.len(),
                    ptr::null(),
                    0,
                    ptr::null(),
                    0,
                    ptr::null(),
                    0,
                    sk_e.as_ptr(),
                    32,
                    enc.as_mut_ptr(),
                    32,
                    &mut sender
                ),
                OK
            );
            assert_eq!(
                enc.to_vec(),
                hex("37fda3567bdbd628e88668c3c8d7e97d1d1253b6d4ea6d44c150f741f1bf4431")
            );
            assert_eq!(
                ferrite_hpke_context_seal(
                    sender,
                    aad.as_ptr(),
                    aad.len(),
                    pt.as_ptr(),
                    pt.len(),
                    sealed.as_mut_ptr(),
                    sealed.len()
                ),
                OK
            );
            assert_eq!(sealed, ct);
            assert_eq!(
                ferrite_hpke_setup_receiver(
                    1,
                    0,
                    enc.as_ptr(),
                    32,
                    sk_r.as_ptr(),
                    32,
                    info.as_ptr(),
                    info.len(),
                    ptr::null(),
                    0,
                    ptr::null(),
                    0,
                    ptr::null(),
                    0,
                    &mut receiver
                ),
                OK
            );
            // The wrong role, then a tampered message: refused, and the next honest open still works.
            assert_eq!(
                ferrite_hpke_context_open(
                    sender,
                    aad.as_ptr(),
                    aad.len(),
                    ct.as_ptr(),
                    ct.len(),
                    opened.as_mut_ptr(),
                    opened.len()
                ),
                BAD
            );
            let mut tampered = ct.clone();
            tampered[0] ^= 1;
            assert_eq!(
                ferrite_hpke_context_open(
                    receiver,
                    aad.as_ptr(),
                    aad.len(),
                    tampered.as_ptr(),
                    tampered.len(),
                    opened.as_mut_ptr(),
                    opened.len()
                ),
                AUTH
            );
            assert_eq!(
                ferrite_hpke_context_open(
                    receiver,
                    aad.as_ptr(),
                    aad.len(),
                    ct.as_ptr(),
                    ct.len(),
                    opened.as_mut_ptr(),
                    opened.len()
                ),
                OK
            );
            assert_eq!(opened, pt);
            // In place (output overlapping the input) is refused.
            assert_eq!(
                ferrite_hpke_context_seal(
                    sender,
                    ptr::null(),
                    0,
                    sealed.as_ptr(),
                    pt.len(),
                    sealed.as_mut_ptr(),
                    sealed.len()
                ),
                BAD
            );
            assert_eq!(
                ferrite_hpke_context_export(sender, ptr::null(), 0, exported.as_mut_ptr(), 32),
                OK
            );
            assert_eq!(
                exported.to_vec(),
                hex("3853fe2b4035195a573ffc53856e77058e15d9ea064de3e59f4961d0095250ee")
            );
            assert_eq!(
                ferrite_hpke_context_export(
                    receiver,
                    ptr::null(),
                    0,
                    exported_too.as_mut_ptr(),
                    32
                ),
                OK
            );
            assert_eq!(exported, exported_too);
            assert_eq!(
                ferrite_hpke_context_export(receiver, ptr::null(), 0, exported.as_mut_ptr(), 0),
                BAD
            );
            assert_eq!(ferrite_hpke_context_free(sender), OK);
            assert_eq!(ferrite_hpke_context_free(receiver), OK);
            assert_eq!(ferrite_hpke_context_free(ptr::null_mut()), OK);
        }
    }

    #[test]
    fn single_shot_and_bad_arguments() {
        let sk_r = [1u8; 32];
        let mut pk_r = [0u8; 32];
        let mut sk_check = [0u8; 32];
        let mut enc = [0u8; 32];
        let mut sealed = [0u8; 5 + 16];
        let mut opened = [0u8; 5];
        let mut context: *mut HpkeContext = ptr::null_mut();
        // SAFETY: valid buffers and out-pointers; no context is made by the refused calls.
        unsafe {
            assert_eq!(
                ferrite_hpke_derive_key_pair(
                    ptr::null(),
                    0,
                    sk_check.as_mut_ptr(),
                    32,
                    pk_r.as_mut_ptr(),
                    31
                ),
                BAD
            );
            crate::x25519::public_key(&sk_r)
                .iter()
                .zip(pk_r.iter_mut())
                .for_each(|(from, to)| *to = *from);
            let mut seal =
                |aead: u32, mode: u32, psk_len: usize, enc_len: usize, out: &mut [u8]| {
                    ferrite_hpke_seal(
                        aead,
                        mode,
                        pk_r.as_ptr(),
                        32,
                        ptr::null(),
                        0,
                        b"0123456789abcdef0123456789abcdef".as_ptr(),
                        psk_len,
                        b"id".as_ptr(),
                        psk_len.min(2),
                        ptr::null(),
                        0,
                        ptr::null(),
                        0,
                        b"aad".as_ptr(),
                        3,
                        b"hello".as_ptr(),
                        5,
                        enc.as_mut_ptr(),
                        enc_len,
                        out.as_mut_ptr(),
                        out.len(),
                    )
                };
            assert_eq!(seal(3, 1, 32, 32, &mut sealed), OK);
            assert_eq!(seal(4, 1, 32, 32, &mut sealed), BAD);
            assert_eq!(seal(3, 4, 32, 32, &mut sealed), BAD);
            assert_eq!(seal(3, 0, 32, 32, &mut sealed), BAD);
            assert_eq!(seal(3, 1, 0, 32, &mut sealed), BAD);
            assert_eq!(seal(3, 1, 32, 31, &mut sealed), BAD);
            assert_eq!(seal(3, 1, 32, 32, &mut sealed[..20]), BAD);
            // Auth mode without the sender's key.
            assert_eq!(seal(3, 3, 32, 32, &mut sealed), BAD);
            let open = |enc: &[u8], sealed: &[u8], opened: &mut [u8]| {
                ferrite_hpke_open(
                    3,
                    1,
                    enc.as_ptr(),
                    enc.len(),
                    sk_r.as_ptr(),
                    32,
                    ptr::null(),
                    0,
                    b"0123456789abcdef0123456789abcdef".as_ptr(),
                    32,
                    b"id".as_ptr(),
                    2,
                    ptr::null(),
                    0,
                    b"aad".as_ptr(),
                    3,
                    sealed.as_ptr(),
                    sealed.len(),
                    opened.as_mut_ptr(),
                    opened.len(),
                )
            };
            assert_eq!(seal(3, 1, 32, 32, &mut sealed), OK);
            assert_eq!(open(&enc, &sealed, &mut opened), OK);
            assert_eq!(&opened, b"hello");
            let mut tampered = sealed;
            tampered[20] ^= 0x80;
            assert_eq!(open(&enc, &tampered, &mut opened), AUTH);
            assert_eq!(opened, [0u8; 5]);
            assert_eq!(open(&[0u8; 32], &sealed, &mut opened), AUTH);
            assert_eq!(open(&enc[..31], &sealed, &mut opened), BAD);
            assert_eq!(open(&enc, &sealed[..15], &mut []), BAD);
            assert_eq!(open(&enc, &sealed, &mut opened[..4]), BAD);
            // A sender's key of the wrong length, a receiver asked to seal.
            assert_eq!(
                ferrite_hpke_setup_receiver(
                    3,
                    2,
                    enc.as_ptr(),
                    32,
                    sk_r.as_ptr(),
                    32,
                    ptr::null(),
                    0,
                    ptr::null(),
                    0,
                    ptr::null(),
                    0,
                    pk_r.as_ptr(),
                    31,
                    &mut context
                ),
                BAD
            );
            assert!(context.is_null());
            assert_eq!(
                ferrite_hpke_setup_receiver(
                    3,
                    0,
                    enc.as_ptr(),
                    32,
                    sk_r.as_ptr(),
                    32,
                    ptr::null(),
                    0,
                    ptr::null(),
                    0,
                    ptr::null(),
                    0,
                    ptr::null(),
                    0,
                    ptr::null_mut()
                ),
                BAD
            );
            assert_eq!(
                ferrite_hpke_setup_receiver(
                    3,
                    0,
                    enc.as_ptr(),
                    32,
                    sk_r.as_ptr(),
                    32,
                    ptr::null(),
                    0,
                    ptr::null(),
                    0,
                    ptr::null(),
                    0,
                    ptr::null(),
                    0,
                    &mut context
                ),
                OK
            );
            assert_eq!(
                ferrite_hpke_context_seal(
                    context,
                    ptr::null(),
                    0,
                    b"hello".as_ptr(),
                    5,
                    sealed.as_mut_ptr(),
                    sealed.len()
                ),
                BAD
            );
            assert_eq!(
                ferrite_hpke_context_seal(
                    ptr::null_mut(),
                    ptr::null(),
                    0,
                    b"hello".as_ptr(),
                    5,
                    sealed.as_mut_ptr(),
                    sealed.len()
                ),
                BAD
            );
            assert_eq!(ferrite_hpke_context_free(context), OK);
        }
    }
}
