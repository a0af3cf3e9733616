//! AES-GCM (NIST SP 800-38D) with 128-, 192- and 256-bit keys, 96-bit nonces and 128-bit tags, through AWS-LC
//! (`aws-lc-rs`), which picks its VAES/AVX-512, AES-NI/AVX or portable code at run time. Output is
//! `ciphertext || tag`, as the JDK's `AES/GCM/NoPadding` writes it. The crate was chosen by measurement:
//! `benchmarks/RESULTS.md`, "AES-GCM".
//!
//! Messages are sealed and opened in one call each ([`AesGcmKey::seal`], [`AesGcmKey::open`]), out of place. Inputs
//! too long for one call of the JVM's critical kind go through [`crate::gcm_stream::GcmStream`], AWS-LC's incremental
//! GCM, in slices.

use aws_lc_rs::aead::{AES_128_GCM, AES_192_GCM, AES_256_GCM, Aad, LessSafeKey, Nonce, UnboundKey};
use zeroize::Zeroizing;

/// Length of a nonce (IV).
pub const NONCE_LEN: usize = 12;
/// Length of a tag.
pub const TAG_LEN: usize = 16;

/// An expanded AES-GCM key. AWS-LC wipes its expanded key when it is freed (`OPENSSL_free` cleanses), and the raw
/// key bytes kept for incremental use are wiped on drop. Shared by any number of threads at once.
pub struct AesGcmKey {
    key: LessSafeKey,
    raw: Zeroizing<Vec<u8>>,
}

/// Why an operation failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AeadError {
    /// A length does not fit (key, nonce, buffers).
    InvalidLength,
    /// The tag did not match: the output was wiped.
    AuthenticationFailed,
}

impl AesGcmKey {
    /// Expands a 16-, 24- or 32-byte key.
    ///
    /// # Errors
    /// [`AeadError::InvalidLength`] for any other length.
    pub fn new(key: &[u8]) -> Result<Self, AeadError> {
        let algorithm = match key.len() {
            16 => &AES_128_GCM,
            24 => &AES_192_GCM,
            32 => &AES_256_GCM,
            _ => return Err(AeadError::InvalidLength),
        };
        let unbound = UnboundKey::new(algorithm, key).map_err(|_| AeadError::InvalidLength)?;
        Ok(Self {
            key: LessSafeKey::new(unbound),
            raw: Zeroizing::new(key.to_vec()),
        })
    }

    /// The raw key, for [`crate::gcm_stream::GcmStream`].
    pub(crate) fn raw(&self) -> &[u8] {
        &self.raw
    }

    /// Encrypts `plaintext` into `out` (`plaintext.len() + 16` bytes: `ciphertext || tag`).
    ///
    /// # Errors
    /// [`AeadError::InvalidLength`] when `out` has the wrong length (nothing is written).
    pub fn seal(
        &self,
        nonce: &[u8; NONCE_LEN],
        aad: &[u8],
        plaintext: &[u8],
        out: &mut [u8],
    ) -> Result<(), AeadError> {
        if out.len()
            != plaintext
                .len()
                .checked_add(TAG_LEN)
                .ok_or(AeadError::InvalidLength)?
        {
            return Err(AeadError::InvalidLength);
        }
        let (ciphertext, tag) = out.split_at_mut(plaintext.len());
        self.key
            .seal_out_of_place_scatter(
                Nonce::assume_unique_for_key(*nonce),
                Aad::from(aad),
                plaintext,
                ciphertext,
                &[],
                tag,
            )
            .map_err(|_| AeadError::InvalidLength)
    }

    /// Checks and decrypts `input` (`ciphertext || tag`) into `out` (`input.len() - 16` bytes). On failure `out` is
    /// overwritten with zeros.
    ///
    /// # Errors
    /// [`AeadError::InvalidLength`] when the lengths don't fit (nothing is written);
    /// [`AeadError::AuthenticationFailed`] when the tag does not match.
    pub fn open(
        &self,
        nonce: &[u8; NONCE_LEN],
        aad: &[u8],
        input: &[u8],
        out: &mut [u8],
    ) -> Result<(), AeadError> {
        let data_len = input
            .len()
            .checked_sub(TAG_LEN)
            .ok_or(AeadError::InvalidLength)?;
        if out.len() != data_len {
            return Err(AeadError::InvalidLength);
        }
        let (ciphertext, tag) = input.split_at(data_len);
        let result = self.key.open_separate_gather(
            Nonce::assume_unique_for_key(*nonce),
            Aad::from(aad),
            ciphertext,
            tag,
            out,
        );
        if result.is_err() {
            out.fill(0);
            return Err(AeadError::AuthenticationFailed);
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .filter_map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
            .collect()
    }

    // NIST GCM spec (McGrew & Viega), test case 16: AES-256, 96-bit IV, AAD, 60-byte plaintext.
    const KEY: &str = "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308";
    const IV: &str = "cafebabefacedbaddecaf888";
    const PT: &str = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
    const AAD: &str = "feedfacedeadbeeffeedfacedeadbeefabaddad2";
    const CT: &str = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662";
    const TAG: &str = "76fc6ece0f4e1768cddf8853bb2d551b";

    fn nonce() -> [u8; NONCE_LEN] {
        let mut nonce = [0u8; NONCE_LEN];
        nonce.copy_from_slice(&hex(IV));
        nonce
    }

    #[test]
    fn seal_and_open_match_the_published_case() {
        let key = AesGcmKey::new(&hex(KEY)).expect("key");
        let plaintext = hex(PT);
        let mut sealed = vec![0u8; plaintext.len() + TAG_LEN];
        key.seal(&nonce(), &hex(AAD), &plaintext, &mut sealed)
            .expect("seal");
        assert_eq!(sealed, [hex(CT), hex(TAG)].concat());
        let mut opened = vec![0u8; plaintext.len()];
        key.open(&nonce(), &hex(AAD), &sealed, &mut opened)
            .expect("open");
        assert_eq!(opened, plaintext);
    }

    #[test]
    fn a_flipped_bit_fails_and_wipes_the_output() {
        let key = AesGcmKey::new(&hex(KEY)).expect("key");
        let mut sealed = [hex(CT), hex(TAG)].concat();
        sealed[3] ^= 0x10;
        let mut opened = vec![0xaau8; sealed.len() - TAG_LEN];
        assert_eq!(
            key.open(&nonce(), &hex(AAD), &sealed, &mut opened),
            Err(AeadError::AuthenticationFailed)
        );
        assert!(opened.iter().all(|&b| b == 0));
    }

    #[test]
    fn lengths_are_checked() {
        assert_eq!(
            AesGcmKey::new(&[0u8; 20]).err(),
            Some(AeadError::InvalidLength)
        );
        let key = AesGcmKey::new(&[0u8; 16]).expect("key");
        let mut short = [0u8; 20];
        assert_eq!(
            key.seal(&nonce(), &[], &[0u8; 5], &mut short),
            Err(AeadError::InvalidLength)
        );
        assert_eq!(
            key.open(&nonce(), &[], &[0u8; 15], &mut []),
            Err(AeadError::InvalidLength)
        );
    }
}
