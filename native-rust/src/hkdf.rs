//! HKDF-SHA256 (RFC 5869) through AWS-LC's `HKDF_extract` and `HKDF_expand`.

use crate::status::FerriteStatus;
use zeroize::Zeroize;

/// Length of SHA-256's output, and of the pseudorandom key `extract` returns.
pub const HASH_LEN: usize = 32;

/// Most bytes `expand` produces: 255 blocks of the hash (RFC 5869 §2.3).
pub const MAX_OUTPUT_LEN: usize = 255 * HASH_LEN;

/// `HKDF-Extract(salt, ikm)`: the 32-byte pseudorandom key. An empty `salt` is the RFC's default (32 zero bytes,
/// which HMAC treats the same as an empty key).
pub fn extract(salt: &[u8], ikm: &[u8]) -> Result<[u8; HASH_LEN], FerriteStatus> {
    // Room for any digest AWS-LC may write (EVP_MAX_MD_SIZE, 64), though SHA-256 writes 32.
    let mut buffer = [0u8; 64];
    let mut prk_len = 0usize;
    // SAFETY: returns a pointer to AWS-LC's static SHA-256 descriptor; no arguments.
    let sha256 = unsafe { aws_lc_sys::EVP_sha256() };
    // SAFETY: AWS-LC reads `ikm.len()` bytes at `ikm` and `salt.len()` at `salt`, and writes at most
    // EVP_MAX_MD_SIZE (64) bytes at `buffer`, which has room for 64, with the length in `prk_len`.
    let ok = unsafe {
        aws_lc_sys::HKDF_extract(
            buffer.as_mut_ptr(),
            &mut prk_len,
            sha256,
            ikm.as_ptr(),
            ikm.len(),
            salt.as_ptr(),
            salt.len(),
        )
    };
    let mut prk = [0u8; HASH_LEN];
    prk.copy_from_slice(&buffer[..HASH_LEN]);
    buffer.zeroize();
    if ok != 1 || prk_len != HASH_LEN {
        prk.zeroize();
        return Err(FerriteStatus::Internal);
    }
    Ok(prk)
}

/// `HKDF-Expand(prk, info, out.len())` into `out`: `out` between 1 and [`MAX_OUTPUT_LEN`] bytes, `prk` at least
/// [`HASH_LEN`] bytes (RFC 5869 §2.3); anything else is an invalid argument.
pub fn expand(prk: &[u8], info: &[u8], out: &mut [u8]) -> Result<(), FerriteStatus> {
    if out.is_empty() || out.len() > MAX_OUTPUT_LEN || prk.len() < HASH_LEN {
        return Err(FerriteStatus::InvalidArgument);
    }
    // SAFETY: returns a pointer to AWS-LC's static SHA-256 descriptor; no arguments.
    let sha256 = unsafe { aws_lc_sys::EVP_sha256() };
    // SAFETY: AWS-LC writes `out.len()` bytes at `out` and reads `prk.len()` and `info.len()` bytes at the inputs.
    let ok = unsafe {
        aws_lc_sys::HKDF_expand(
            out.as_mut_ptr(),
            out.len(),
            sha256,
            prk.as_ptr(),
            prk.len(),
            info.as_ptr(),
            info.len(),
        )
    };
    if ok != 1 {
        return Err(FerriteStatus::Internal);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap_or_default())
            .collect()
    }

    /// RFC 5869 appendix A.1 and A.3 (SHA-256, with and without salt and info).
    #[test]
    fn rfc5869_test_cases_1_and_3() {
        let ikm = hex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        let prk = extract(&hex("000102030405060708090a0b0c"), &ikm);
        assert_eq!(
            prk.as_ref().map(|p| p.to_vec()),
            Ok(hex(
                "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"
            ))
        );
        let mut okm = [0u8; 42];
        assert_eq!(
            expand(
                &prk.unwrap_or_default(),
                &hex("f0f1f2f3f4f5f6f7f8f9"),
                &mut okm
            ),
            Ok(())
        );
        assert_eq!(
            okm.to_vec(),
            hex(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
            )
        );
        let prk = extract(&[], &ikm).unwrap_or_default();
        assert_eq!(
            prk.to_vec(),
            hex("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04")
        );
        let mut okm = [0u8; 42];
        assert_eq!(expand(&prk, &[], &mut okm), Ok(()));
        assert_eq!(
            okm.to_vec(),
            hex(
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"
            )
        );
    }

    #[test]
    fn expand_limits() {
        let prk = [7u8; HASH_LEN];
        let mut max = vec![0u8; MAX_OUTPUT_LEN];
        assert_eq!(expand(&prk, b"info", &mut max), Ok(()));
        let mut too_long = vec![0u8; MAX_OUTPUT_LEN + 1];
        assert_eq!(
            expand(&prk, b"info", &mut too_long),
            Err(FerriteStatus::InvalidArgument)
        );
        assert_eq!(
            expand(&prk, b"info", &mut []),
            Err(FerriteStatus::InvalidArgument)
        );
        assert_eq!(
            expand(&prk[..31], b"info", &mut [0u8; 16]),
            Err(FerriteStatus::InvalidArgument)
        );
    }
}
