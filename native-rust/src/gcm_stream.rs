//! Incremental AES-GCM through AWS-LC's `EVP_CIPHER` interface (`aws-lc-sys`), for messages the JVM side feeds in
//! slices (a critical FFM call must not hold the garbage collector for long: docs/ARCHITECTURE.md, "Calling through
//! FFM"). `aws-lc-rs` has no incremental AEAD, so this is the one kernel module with `unsafe` outside `ffi`: a thin
//! owner of an `EVP_CIPHER_CTX`, with every call's contract stated where it is made. The cryptography is AWS-LC's
//! (the same GCM code as [`crate::aead`], byte-identical output, checked by the tests below and the Java
//! differential tests).

use std::os::raw::c_int;
use std::ptr;

use aws_lc_sys::{
    EVP_CIPHER, EVP_CIPHER_CTX, EVP_CIPHER_CTX_ctrl, EVP_CIPHER_CTX_free, EVP_CIPHER_CTX_new,
    EVP_CTRL_GCM_GET_TAG, EVP_CTRL_GCM_SET_TAG, EVP_CipherInit_ex, EVP_CipherUpdate,
    EVP_DecryptFinal_ex, EVP_EncryptFinal_ex, EVP_aes_128_gcm, EVP_aes_192_gcm, EVP_aes_256_gcm,
};

use crate::aead::{AeadError, AesGcmKey, NONCE_LEN, TAG_LEN};

/// Largest piece handed to one `EVP_CipherUpdate` (its lengths are `int`).
const MAX_PIECE: usize = 1 << 30;

/// Where a stream is in its life: AAD may only come before data, and nothing after the tag.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Aad,
    Data,
    Done,
}

/// One message being encrypted or decrypted in pieces: [`GcmStream::aad`] any number of times, then
/// [`GcmStream::update`] any number of times, then [`GcmStream::tag`] (encryption) or [`GcmStream::verify`]
/// (decryption). Freed (and wiped by AWS-LC) on drop. Used by one thread at a time.
pub struct GcmStream {
    ctx: *mut EVP_CIPHER_CTX,
    decrypt: bool,
    phase: Phase,
}

impl GcmStream {
    /// Starts a message under `key` and `nonce`.
    ///
    /// # Errors
    /// [`AeadError::InvalidLength`] if AWS-LC refuses the key (it cannot, for a key [`AesGcmKey`] accepted).
    ///
    /// # Panics
    /// Never; allocation failure of the context is reported as an error.
    pub fn new(key: &AesGcmKey, decrypt: bool, nonce: &[u8; NONCE_LEN]) -> Result<Self, AeadError> {
        let raw = key.raw();
        let table: unsafe extern "C" fn() -> *const EVP_CIPHER = match raw.len() {
            16 => EVP_aes_128_gcm,
            24 => EVP_aes_192_gcm,
            32 => EVP_aes_256_gcm,
            _ => return Err(AeadError::InvalidLength),
        };
        // SAFETY: takes no arguments and returns a pointer to a static cipher table.
        let cipher = unsafe { table() };
        // SAFETY: allocates a fresh context (or returns null, checked below).
        let ctx = unsafe { EVP_CIPHER_CTX_new() };
        if ctx.is_null() {
            return Err(AeadError::InvalidLength);
        }
        let stream = Self {
            ctx,
            decrypt,
            phase: Phase::Aad,
        };
        // SAFETY: `ctx` is a live context; `cipher` a static table; `raw` holds the cipher's key length and `nonce`
        // 12 bytes, GCM's default IV length; both are only read during the call.
        let ok = unsafe {
            EVP_CipherInit_ex(
                stream.ctx,
                cipher,
                ptr::null_mut(),
                raw.as_ptr(),
                nonce.as_ptr(),
                c_int::from(!decrypt),
            )
        };
        if ok != 1 {
            return Err(AeadError::InvalidLength);
        }
        Ok(stream)
    }

    /// Adds additional authenticated data; only before the first [`GcmStream::update`].
    ///
    /// # Errors
    /// [`AeadError::InvalidLength`] after data or the tag.
    pub fn aad(&mut self, aad: &[u8]) -> Result<(), AeadError> {
        if self.phase != Phase::Aad {
            return Err(AeadError::InvalidLength);
        }
        for piece in aad.chunks(MAX_PIECE) {
            let mut written: c_int = 0;
            // SAFETY: live context; a null output pointer makes the call process AAD; `piece` is readable for its
            // length, which fits an `int` (MAX_PIECE); `written` is a valid `int`.
            let ok = unsafe {
                EVP_CipherUpdate(
                    self.ctx,
                    ptr::null_mut(),
                    &mut written,
                    piece.as_ptr(),
                    len(piece),
                )
            };
            if ok != 1 {
                return Err(AeadError::InvalidLength);
            }
        }
        Ok(())
    }

    /// Encrypts or decrypts `input` into `out` (the same length, not overlapping).
    ///
    /// # Errors
    /// [`AeadError::InvalidLength`] when the lengths differ or the tag was already produced.
    pub fn update(&mut self, input: &[u8], out: &mut [u8]) -> Result<(), AeadError> {
        if self.phase == Phase::Done || input.len() != out.len() {
            return Err(AeadError::InvalidLength);
        }
        self.phase = Phase::Data;
        for (piece, out_piece) in input.chunks(MAX_PIECE).zip(out.chunks_mut(MAX_PIECE)) {
            let mut written: c_int = 0;
            // SAFETY: live context; `piece` readable and `out_piece` writable for the same length (GCM is a stream
            // mode: it writes exactly as many bytes as it reads), which fits an `int`; they don't overlap (borrows).
            let ok = unsafe {
                EVP_CipherUpdate(
                    self.ctx,
                    out_piece.as_mut_ptr(),
                    &mut written,
                    piece.as_ptr(),
                    len(piece),
                )
            };
            if ok != 1 || usize::try_from(written).ok() != Some(piece.len()) {
                return Err(AeadError::InvalidLength);
            }
        }
        Ok(())
    }

    /// Ends an encryption and writes its tag.
    ///
    /// # Errors
    /// [`AeadError::InvalidLength`] for a decryption stream or a second call.
    pub fn tag(&mut self, tag_out: &mut [u8; TAG_LEN]) -> Result<(), AeadError> {
        if self.decrypt || self.phase == Phase::Done {
            return Err(AeadError::InvalidLength);
        }
        self.phase = Phase::Done;
        let mut scratch = [0u8; 16];
        let mut written: c_int = 0;
        // SAFETY: live context; GCM's final step writes no output bytes (`scratch` is a spare block anyway).
        let ok = unsafe { EVP_EncryptFinal_ex(self.ctx, scratch.as_mut_ptr(), &mut written) };
        if ok != 1 {
            return Err(AeadError::InvalidLength);
        }
        // SAFETY: live, finished encryption context; `tag_out` is writable for the 16 bytes requested.
        let ok = unsafe {
            EVP_CIPHER_CTX_ctrl(
                self.ctx,
                EVP_CTRL_GCM_GET_TAG,
                16,
                tag_out.as_mut_ptr().cast(),
            )
        };
        if ok != 1 {
            return Err(AeadError::InvalidLength);
        }
        Ok(())
    }

    /// Ends a decryption: checks `tag` (in constant time, inside AWS-LC).
    ///
    /// # Errors
    /// [`AeadError::AuthenticationFailed`] when it does not match (the caller wipes what was decrypted);
    /// [`AeadError::InvalidLength`] for an encryption stream or a second call.
    pub fn verify(&mut self, tag: &[u8; TAG_LEN]) -> Result<(), AeadError> {
        if !self.decrypt || self.phase == Phase::Done {
            return Err(AeadError::InvalidLength);
        }
        self.phase = Phase::Done;
        let mut expected = *tag;
        // SAFETY: live decryption context; SET_TAG copies 16 bytes from the pointer (it does not write through it).
        let ok = unsafe {
            EVP_CIPHER_CTX_ctrl(
                self.ctx,
                EVP_CTRL_GCM_SET_TAG,
                16,
                expected.as_mut_ptr().cast(),
            )
        };
        if ok != 1 {
            return Err(AeadError::InvalidLength);
        }
        let mut scratch = [0u8; 16];
        let mut written: c_int = 0;
        // SAFETY: live context with its tag set; the final step writes no output bytes.
        let ok = unsafe { EVP_DecryptFinal_ex(self.ctx, scratch.as_mut_ptr(), &mut written) };
        if ok != 1 {
            return Err(AeadError::AuthenticationFailed);
        }
        Ok(())
    }
}

impl Drop for GcmStream {
    fn drop(&mut self) {
        // SAFETY: `ctx` came from EVP_CIPHER_CTX_new and is freed once, here; AWS-LC cleans up (and OPENSSL_free
        // wipes) the key schedule and GCM state.
        unsafe { EVP_CIPHER_CTX_free(self.ctx) };
    }
}

/// The length of a piece of at most [`MAX_PIECE`] bytes as an `int`.
fn len(piece: &[u8]) -> c_int {
    c_int::try_from(piece.len()).unwrap_or(c_int::MAX)
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::cast_possible_truncation
)]
mod tests {
    use super::*;

    fn data(len: usize, seed: u8) -> Vec<u8> {
        (0..len)
            .map(|i| (i as u8).wrapping_mul(31).wrapping_add(seed))
            .collect()
    }

    #[test]
    fn slices_give_the_one_shot_bytes() {
        for key_len in [16, 24, 32] {
            let key = AesGcmKey::new(&data(key_len, 1)).unwrap();
            let nonce: [u8; NONCE_LEN] = data(NONCE_LEN, 2).try_into().unwrap();
            let aad = data(1000, 3);
            for len in [0, 1, 15, 16, 17, 4095, 70_000] {
                let plaintext = data(len, 4);
                let mut expected = vec![0u8; len + TAG_LEN];
                key.seal(&nonce, &aad, &plaintext, &mut expected).unwrap();

                let mut stream = GcmStream::new(&key, false, &nonce).unwrap();
                stream.aad(&aad[..300]).unwrap();
                stream.aad(&aad[300..]).unwrap();
                let mut out = vec![0u8; len + TAG_LEN];
                let split = len / 3;
                stream
                    .update(&plaintext[..split], &mut out[..split])
                    .unwrap();
                stream
                    .update(&plaintext[split..], &mut out[split..len])
                    .unwrap();
                let mut tag = [0u8; TAG_LEN];
                stream.tag(&mut tag).unwrap();
                out[len..].copy_from_slice(&tag);
                assert_eq!(out, expected, "key {key_len} bytes, message {len} bytes");

                let mut stream = GcmStream::new(&key, true, &nonce).unwrap();
                stream.aad(&aad).unwrap();
                let mut opened = vec![0u8; len];
                stream.update(&expected[..len], &mut opened).unwrap();
                stream.verify(&tag).unwrap();
                assert_eq!(opened, plaintext);

                let mut stream = GcmStream::new(&key, true, &nonce).unwrap();
                stream.aad(&aad).unwrap();
                stream.update(&expected[..len], &mut opened).unwrap();
                tag[0] ^= 1;
                assert_eq!(stream.verify(&tag), Err(AeadError::AuthenticationFailed));
            }
        }
    }

    #[test]
    fn order_is_enforced() {
        let key = AesGcmKey::new(&[7u8; 32]).unwrap();
        let nonce = [0u8; NONCE_LEN];
        let mut stream = GcmStream::new(&key, false, &nonce).unwrap();
        stream.update(&[1, 2, 3], &mut [0u8; 3]).unwrap();
        assert_eq!(stream.aad(&[1]), Err(AeadError::InvalidLength));
        assert_eq!(
            stream.verify(&[0u8; TAG_LEN]),
            Err(AeadError::InvalidLength)
        );
        stream.tag(&mut [0u8; TAG_LEN]).unwrap();
        assert_eq!(
            stream.tag(&mut [0u8; TAG_LEN]),
            Err(AeadError::InvalidLength)
        );
        assert_eq!(
            stream.update(&[1], &mut [0u8; 1]),
            Err(AeadError::InvalidLength)
        );
    }
}
