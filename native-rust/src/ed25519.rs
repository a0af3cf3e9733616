//! Ed25519 (RFC 8032): signing through AWS-LC (`aws-lc-rs`), verification and batch verification through
//! `ed25519-zebra` (cofactored, on `curve25519-dalek`), with encoding checks that make the answer Ferrite's strict
//! rule (documented on the Java interface `dev.ferrite.ed25519.Ed25519`):
//!
//! 1. `A` and `R` are canonical point encodings (`y < p`; `x = 0` without the sign bit);
//! 2. neither `A` nor `R` is of small order;
//! 3. `S < ℓ`;
//! 4. `[8][S]B = [8]R + [8][k]A`.
//!
//! `ed25519-zebra` implements 3 and 4 and decodes points (ZIP-215 accepts non-canonical and small-order encodings,
//! so 1 and 2 are checked here on the bytes, before it runs). Its batch verifier uses the same cofactored equation,
//! so a batch accepts exactly when every single verification would (up to the 2^-128 chance of its random
//! coefficients). The crates were chosen by measurement: `benchmarks/RESULTS.md`, "Ed25519".

use aws_lc_rs::signature::{Ed25519KeyPair, KeyPair};
use ed25519_zebra::{Signature, VerificationKey, VerificationKeyBytes, batch};
use rand_core::{OsRng, SeedableRng};

/// Length of a seed (the RFC 8032 private key).
pub const SEED_LEN: usize = 32;
/// Length of an encoded public key.
pub const PUBLIC_KEY_LEN: usize = 32;
/// Length of a signature.
pub const SIGNATURE_LEN: usize = 64;

/// Below this many signatures a batch is verified on the calling thread.
const PARALLEL_MIN_SIGNATURES: usize = 256;
/// Fewest signatures per parallel sub-batch: the multi-scalar equation's advantage shrinks with its size.
const MIN_SIGNATURES_PER_TASK: usize = 128;

/// The canonical encodings of the 8 small-order points, and the `x = -0` forms of the two with `x = 0`. The other
/// 4 of the 14 small-order encodings in the CCTV list (y = p, p + 1) fail the `y < p` check.
const SMALL_ORDER: [[u8; 32]; 10] = [
    hex32("0000000000000000000000000000000000000000000000000000000000000000"),
    hex32("0000000000000000000000000000000000000000000000000000000000000080"),
    hex32("0100000000000000000000000000000000000000000000000000000000000000"),
    hex32("0100000000000000000000000000000000000000000000000000000000000080"),
    hex32("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
    hex32("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85"),
    hex32("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
    hex32("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa"),
    hex32("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    hex32("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
];

/// Parses 64 lower-case hex digits; used in `const` items only, so a bad digit fails the build, never a call.
#[allow(clippy::panic)]
const fn hex32(text: &str) -> [u8; 32] {
    const fn nibble(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            _ => panic!("not a lower-case hex digit"),
        }
    }
    let bytes = text.as_bytes();
    assert!(bytes.len() == 64, "expected 64 hex digits");
    let mut out = [0u8; 32];
    let mut i = 0;
    while i < 32 {
        out[i] = (nibble(bytes[2 * i]) << 4) | nibble(bytes[2 * i + 1]);
        i += 1;
    }
    out
}

/// Rules 1 and 2 on the encoding alone: `y < p` and not one of the small-order encodings. Whether the bytes decode
/// to a curve point is checked when they are decoded.
#[must_use]
pub fn is_canonical_and_not_small_order(point: &[u8; 32]) -> bool {
    // y >= p = 2^255 - 19 exactly when the low 255 bits are 0x7fff...ffed or more (little-endian).
    let y_at_least_p =
        point[31] & 0x7f == 0x7f && point[1..31].iter().all(|&b| b == 0xff) && point[0] >= 0xed;
    !y_at_least_p && !SMALL_ORDER.contains(point)
}

/// A signing key: the AWS-LC key parsed once from its seed (public key derived once). AWS-LC keeps it in memory it
/// overwrites with zeros when freed (`OPENSSL_free` cleanses), which happens when this is dropped.
pub struct SigningKey {
    pair: Ed25519KeyPair,
}

impl SigningKey {
    /// The key of a 32-byte seed (RFC 8032 §5.1.5); `None` if AWS-LC refuses it (it accepts every seed).
    #[must_use]
    pub fn from_seed(seed: &[u8; SEED_LEN]) -> Option<Self> {
        Ed25519KeyPair::from_seed_unchecked(seed)
            .ok()
            .map(|pair| Self { pair })
    }

    /// The encoded public key.
    #[must_use]
    pub fn public_key(&self) -> [u8; PUBLIC_KEY_LEN] {
        let mut out = [0u8; PUBLIC_KEY_LEN];
        out.copy_from_slice(self.pair.public_key().as_ref());
        out
    }

    /// The signature of `message` (RFC 8032 §5.1.6).
    #[must_use]
    pub fn sign(&self, message: &[u8]) -> [u8; SIGNATURE_LEN] {
        let mut out = [0u8; SIGNATURE_LEN];
        out.copy_from_slice(self.pair.sign(message).as_ref());
        out
    }
}

/// The signature's `R` encoding.
fn r_bytes(signature: &[u8; SIGNATURE_LEN]) -> &[u8; 32] {
    signature
        .first_chunk::<32>()
        .unwrap_or_else(|| unreachable!("64 > 32"))
}

/// Whether `signature` is valid for `message` under `public_key` by the rule in the module description.
#[must_use]
pub fn verify(
    public_key: &[u8; PUBLIC_KEY_LEN],
    message: &[u8],
    signature: &[u8; SIGNATURE_LEN],
) -> bool {
    if !is_canonical_and_not_small_order(public_key)
        || !is_canonical_and_not_small_order(r_bytes(signature))
    {
        return false;
    }
    let Ok(key) = VerificationKey::try_from(*public_key) else {
        return false; // not a curve point
    };
    key.verify(&Signature::from_bytes(signature), message)
        .is_ok()
}

/// One signature of a batch.
pub struct BatchItem<'a> {
    /// The encoded public key.
    pub public_key: &'a [u8; PUBLIC_KEY_LEN],
    /// The message.
    pub message: &'a [u8],
    /// The signature.
    pub signature: &'a [u8; SIGNATURE_LEN],
}

/// Whether every item is valid: the same answer as [`verify`] on each (true for none). Large batches are split
/// into sub-batches verified in parallel on the shared pool.
#[must_use]
pub fn verify_batch(items: &[BatchItem<'_>]) -> bool {
    // Rules 1 and 2 first, on the bytes; the batch equation then covers 3 and 4 (and decoding) for all at once.
    let encodings_ok = items.iter().all(|item| {
        is_canonical_and_not_small_order(item.public_key)
            && is_canonical_and_not_small_order(r_bytes(item.signature))
    });
    if !encodings_ok {
        return false;
    }
    let threads = crate::pool::get().map_or(1, rayon::ThreadPool::current_num_threads);
    if threads < 2 || items.len() < PARALLEL_MIN_SIGNATURES {
        return verify_sub_batch(items);
    }
    let per_task = items.len().div_ceil(threads).max(MIN_SIGNATURES_PER_TASK);
    match crate::pool::get() {
        Some(pool) => pool.install(|| {
            use rayon::prelude::*;
            items.par_chunks(per_task).all(verify_sub_batch)
        }),
        None => verify_sub_batch(items),
    }
}

/// One multi-scalar equation over `items`, whose encodings have been checked.
fn verify_sub_batch(items: &[BatchItem<'_>]) -> bool {
    if items.is_empty() {
        return true;
    }
    let mut verifier = batch::Verifier::new();
    for item in items {
        verifier.queue((
            VerificationKeyBytes::from(*item.public_key),
            Signature::from_bytes(item.signature),
            item.message,
        ));
    }
    // The batch's 128-bit coefficients must be unpredictable to the signers: a ChaCha20 stream keyed from the
    // operating system once per sub-batch (one system call, instead of one per signature with OsRng itself).
    let Ok(rng) = rand_chacha::ChaCha20Rng::from_rng(OsRng) else {
        return items
            .iter()
            .all(|item| verify(item.public_key, item.message, item.signature));
    };
    verifier.verify(rng).is_ok()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn key(seed: u8) -> SigningKey {
        SigningKey::from_seed(&[seed; SEED_LEN]).unwrap()
    }

    #[test]
    fn rfc8032_test_1_signs_and_verifies() {
        // RFC 8032 §7.1, TEST 1 (empty message).
        let seed = hex32("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        let public = hex32("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        let expected = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
        let key = SigningKey::from_seed(&seed).unwrap();
        assert_eq!(key.public_key(), public);
        let signature = key.sign(b"");
        let hex: String = signature.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, expected);
        assert!(verify(&public, b"", &signature));
    }

    #[test]
    fn verify_rejects_tampering_and_small_order() {
        let key = key(7);
        let public = key.public_key();
        let signature = key.sign(b"message");
        assert!(verify(&public, b"message", &signature));
        assert!(!verify(&public, b"messagf", &signature));
        let mut bad = signature;
        bad[40] ^= 1;
        assert!(!verify(&public, b"message", &bad));
        for small in &SMALL_ORDER {
            assert!(!verify(small, b"message", &signature));
            let mut with_small_r = signature;
            with_small_r[..32].copy_from_slice(small);
            assert!(!verify(&public, b"message", &with_small_r));
        }
    }

    #[test]
    fn y_at_least_p_is_not_canonical() {
        let mut p = [0xffu8; 32];
        p[0] = 0xed;
        p[31] = 0x7f;
        assert!(!is_canonical_and_not_small_order(&p));
        p[0] = 0xec; // p - 1 (order 2) is small order
        assert!(!is_canonical_and_not_small_order(&p));
        p[0] = 0xeb;
        assert!(is_canonical_and_not_small_order(&p));
    }

    #[test]
    fn batch_agrees_with_single() {
        let keys: Vec<SigningKey> = (0..300u16).map(|i| key((i % 251) as u8)).collect();
        let publics: Vec<[u8; 32]> = keys.iter().map(SigningKey::public_key).collect();
        let messages: Vec<Vec<u8>> = (0..300u16)
            .map(|i| i.to_le_bytes().repeat(usize::from(i % 7)))
            .collect();
        let mut signatures: Vec<[u8; 64]> =
            keys.iter().zip(&messages).map(|(k, m)| k.sign(m)).collect();
        let items = |sigs: &[[u8; 64]]| -> Vec<(usize, [u8; 64])> {
            sigs.iter().copied().enumerate().collect()
        };
        let check = |sigs: &[[u8; 64]]| {
            let owned = items(sigs);
            let batch: Vec<BatchItem<'_>> = owned
                .iter()
                .map(|(i, s)| BatchItem {
                    public_key: &publics[*i],
                    message: &messages[*i],
                    signature: s,
                })
                .collect();
            verify_batch(&batch)
        };
        assert!(check(&signatures));
        assert!(check(&signatures[..0]));
        assert!(check(&signatures[..1]));
        signatures[257][3] ^= 0x10;
        assert!(!check(&signatures));
        assert!(check(&signatures[..257]));
    }
}
