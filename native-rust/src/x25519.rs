//! X25519 key agreement (RFC 7748) through AWS-LC's `X25519` and `X25519_public_from_private`: the Montgomery
//! ladder with the scalar clamped and the peer's u-coordinate read modulo p with its top bit masked, as RFC 7748 §5
//! specifies. The all-zero result of a low-order peer point is returned as it is: refusing it (RFC 7748 §6.1) is the
//! caller's decision, made in one place for both of Ferrite's backends (`AbstractX25519` in the Java API).

/// Length of a private key (the scalar before clamping), a public key (a u-coordinate) and a shared secret.
pub const KEY_LEN: usize = 32;

/// The public key (`X25519(k, 9)`) of the 32-byte private key `private_key`.
pub fn public_key(private_key: &[u8; KEY_LEN]) -> [u8; KEY_LEN] {
    let mut out = [0u8; KEY_LEN];
    // SAFETY: AWS-LC reads 32 bytes at `private_key` and writes 32 at `out`; both arrays are 32 bytes and distinct.
    unsafe { aws_lc_sys::X25519_public_from_private(out.as_mut_ptr(), private_key.as_ptr()) };
    out
}

/// The shared secret `X25519(private_key, peer_public_key)`; all zeros when the peer's point has low order.
pub fn agree(private_key: &[u8; KEY_LEN], peer_public_key: &[u8; KEY_LEN]) -> [u8; KEY_LEN] {
    let mut out = [0u8; KEY_LEN];
    // SAFETY: AWS-LC reads 32 bytes at each input and writes 32 at `out`; all three arrays are 32 bytes, `out` is
    // distinct from both. Its return value only says whether the result is all zeros, which the caller checks.
    let _not_all_zero = unsafe {
        aws_lc_sys::X25519(
            out.as_mut_ptr(),
            private_key.as_ptr(),
            peer_public_key.as_ptr(),
        )
    };
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex32(s: &str) -> [u8; KEY_LEN] {
        let mut out = [0u8; KEY_LEN];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&s[2 * i..2 * i + 2], 16).unwrap_or_default();
        }
        out
    }

    /// RFC 7748 §6.1: Alice's and Bob's key pairs and their shared secret.
    #[test]
    fn rfc7748_section_6_1() {
        let alice = hex32("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        let bob = hex32("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
        let alice_public = public_key(&alice);
        let bob_public = public_key(&bob);
        assert_eq!(
            alice_public,
            hex32("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a")
        );
        assert_eq!(
            bob_public,
            hex32("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f")
        );
        let shared = hex32("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        assert_eq!(agree(&alice, &bob_public), shared);
        assert_eq!(agree(&bob, &alice_public), shared);
    }

    /// RFC 7748 §5.2: the iterated function after 1 and 1,000 iterations.
    #[test]
    fn rfc7748_section_5_2_iterations() {
        let mut k = hex32("0900000000000000000000000000000000000000000000000000000000000000");
        let mut u = k;
        for i in 1..=1000 {
            let next = agree(&k, &u);
            u = k;
            k = next;
            if i == 1 {
                assert_eq!(
                    k,
                    hex32("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079")
                );
            }
        }
        assert_eq!(
            k,
            hex32("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51")
        );
    }

    /// A low-order point (u = 0) gives the all-zero secret, which the caller refuses.
    #[test]
    fn low_order_point_gives_zeros() {
        let alice = hex32("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        assert_eq!(agree(&alice, &[0u8; KEY_LEN]), [0u8; KEY_LEN]);
    }
}
