//! The live-handle count (`ferrite_live_handles`) follows every `_new` and `_free`. Its own test binary (one
//! process, one test), so no other test creates handles meanwhile.

use std::ptr;

use ferrite::aead::AesGcmKey;
use ferrite::ed25519::SigningKey;
use ferrite::ffi::*;
use ferrite::gcm_stream::GcmStream;
use ferrite::hpke::HpkeContext;
use ferrite::sha256::Sha256State;

fn live() -> usize {
    let mut count = usize::MAX;
    // SAFETY: a valid, aligned out-pointer.
    assert_eq!(unsafe { ferrite_live_handles(&mut count) }, 0);
    count
}

#[test]
#[allow(clippy::multiple_unsafe_ops_per_block)]
fn count_follows_new_and_free() {
    assert_eq!(live(), 0);
    let mut sha: *mut Sha256State = ptr::null_mut();
    let mut signing: *mut SigningKey = ptr::null_mut();
    let mut aes: *mut AesGcmKey = ptr::null_mut();
    let mut stream: *mut GcmStream = ptr::null_mut();
    let mut hpke_sender: *mut HpkeContext = ptr::null_mut();
    let mut hpke_receiver: *mut HpkeContext = ptr::null_mut();
    let mut enc = [0_u8; 32];
    let mut public_key = [0_u8; 32];
    let seed = [7_u8; 32];
    let nonce = [0_u8; 12];
    // SAFETY: valid buffers and out-pointers; every handle is freed once, on this thread.
    unsafe {
        assert_eq!(ferrite_sha256_new(&mut sha), 0);
        assert_eq!(live(), 1);
        assert_eq!(
            ferrite_ed25519_signing_key_new(
                seed.as_ptr(),
                32,
                public_key.as_mut_ptr(),
                32,
                &mut signing
            ),
            0
        );
        assert_eq!(ferrite_aes_gcm_key_new(seed.as_ptr(), 32, &mut aes), 0);
        assert_eq!(
            ferrite_aes_gcm_stream_new(aes, 0, nonce.as_ptr(), 12, &mut stream),
            0
        );
        assert_eq!(live(), 4);
        // An HPKE sender's context to the X25519 key `seed`, and its receiver's.
        assert_eq!(
            ferrite_x25519_public_key(seed.as_ptr(), 32, public_key.as_mut_ptr(), 32),
            0
        );
        assert_eq!(
            ferrite_hpke_setup_sender(
                1,
                0,
                public_key.as_ptr(),
                32,
                ptr::null(),
                0,
                ptr::null(),
                0,
                ptr::null(),
                0,
                ptr::null(),
                0,
                ptr::null(),
                0,
                enc.as_mut_ptr(),
                32,
                &mut hpke_sender
            ),
            0
        );
        assert_eq!(
            ferrite_hpke_setup_receiver(
                1,
                0,
                enc.as_ptr(),
                32,
                seed.as_ptr(),
                32,
                ptr::null(),
                0,
                ptr::null(),
                0,
                ptr::null(),
                0,
                ptr::null(),
                0,
                &mut hpke_receiver
            ),
            0
        );
        assert_eq!(live(), 6);
        // Failed creations count nothing.
        let mut rejected: *mut AesGcmKey = ptr::null_mut();
        assert_ne!(ferrite_aes_gcm_key_new(seed.as_ptr(), 31, &mut rejected), 0);
        assert!(rejected.is_null());
        assert_ne!(
            ferrite_ed25519_signing_key_new(
                seed.as_ptr(),
                31,
                public_key.as_mut_ptr(),
                32,
                &mut signing
            ),
            0
        );
        // A low-order `enc`, refused.
        let low_order = [0_u8; 32];
        let mut rejected_hpke: *mut HpkeContext = ptr::null_mut();
        assert_ne!(
            ferrite_hpke_setup_receiver(
                1,
                0,
                low_order.as_ptr(),
                32,
                seed.as_ptr(),
                32,
                ptr::null(),
                0,
                ptr::null(),
                0,
                ptr::null(),
                0,
                ptr::null(),
                0,
                &mut rejected_hpke
            ),
            0
        );
        assert!(rejected_hpke.is_null());
        assert_eq!(live(), 6);
        // Null frees are accepted and count nothing.
        assert_eq!(ferrite_aes_gcm_key_free(ptr::null_mut()), 0);
        assert_eq!(ferrite_hpke_context_free(ptr::null_mut()), 0);
        assert_eq!(live(), 6);
        assert_eq!(ferrite_hpke_context_free(hpke_sender), 0);
        assert_eq!(ferrite_hpke_context_free(hpke_receiver), 0);
        assert_eq!(live(), 4);
        assert_eq!(ferrite_aes_gcm_key_free(aes), 0);
        assert_eq!(ferrite_aes_gcm_stream_free(stream), 0);
        assert_eq!(ferrite_ed25519_signing_key_free(signing), 0);
        assert_eq!(ferrite_sha256_free(sha), 0);
    }
    assert_eq!(live(), 0);
    // SAFETY: a null out-pointer is refused, not written.
    assert_ne!(unsafe { ferrite_live_handles(ptr::null_mut()) }, 0);
}
