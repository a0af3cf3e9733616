//! AES-GCM crate choice for Ferrite's native core: aws-lc-rs (EVP_AEAD), ring, RustCrypto aes-gcm 0.11 and 0.10,
//! and AWS-LC's incremental EVP_CIPHER GCM (through aws-lc-sys) for large buffers fed in slices.
//!
//! * `kat`: every Wycheproof `aes_gcm_test.json` case with a 96-bit IV and a 128-bit tag (AES-128/192/256) through
//!   every crate (and the EVP_CIPHER path), plus 1,000 random keys/nonces/AADs/messages on which all must produce
//!   the same ciphertext||tag and open each other's output; the EVP_CIPHER path is fed in odd-sized slices too.
//! * `bench`: median and spread of 11 rounds per case (one core): seal and open in place with an expanded key, and
//!   the cost of key expansion.
//! * `stream`: AWS-LC one-shot EVP_AEAD (aws-lc-rs) against EVP_CIPHER one-shot and in 64 KiB / 1 MiB slices, on
//!   1 MiB and 16 MiB; per-message set-up costs of an EVP_CIPHER_CTX; two threads sharing one key.
//! * `failure`: what each crate leaves in the buffer after an open with a bad tag.
//!
//! Everything cryptographic is done by the crates; this program only calls them, compares and counts.

use std::hint::black_box;
use std::path::PathBuf;
use std::ptr::{null, null_mut};
use std::time::Instant;

use rand::{Rng, RngCore, SeedableRng};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------------------------
// Compile-time Send/Sync checks: can one expanded key be shared by several threads at once?
// ---------------------------------------------------------------------------------------------------------------

const fn assert_send_sync<T: Send + Sync>() {}
const _: () = assert_send_sync::<aws_lc_rs::aead::LessSafeKey>();
const _: () = assert_send_sync::<ring::aead::LessSafeKey>();
const _: () = assert_send_sync::<aes_gcm::Aes256Gcm>();
const _: () = assert_send_sync::<aes_gcm_010::Aes256Gcm>();
// aws-lc-rs's own streaming cipher keys (CTR/CBC/...; there is no GCM among them) are only declared Send
// (`unsafe impl Send for StreamingEncryptingKey {}` in src/cipher/streaming.rs; they hold a raw EVP_CIPHER_CTX).
const fn assert_send<T: Send>() {}
const _: () = assert_send::<aws_lc_rs::cipher::StreamingEncryptingKey>();

// ---------------------------------------------------------------------------------------------------------------
// The crates behind one shape: an expanded key; seal in place returning the tag; open in place with a separate tag.
// ---------------------------------------------------------------------------------------------------------------

trait Gcm: Sized {
    const NAME: &'static str;
    /// None if the key length is not supported.
    fn new(key: &[u8]) -> Option<Self>;
    fn seal(&self, nonce: &[u8; 12], aad: &[u8], buf: &mut [u8]) -> [u8; 16];
    fn open(&self, nonce: &[u8; 12], aad: &[u8], buf: &mut [u8], tag: &[u8; 16]) -> bool;
}

struct AwsLc(aws_lc_rs::aead::LessSafeKey);
impl Gcm for AwsLc {
    const NAME: &'static str = "aws-lc-rs";
    fn new(key: &[u8]) -> Option<Self> {
        use aws_lc_rs::aead::{AES_128_GCM, AES_192_GCM, AES_256_GCM, LessSafeKey, UnboundKey};
        let alg = match key.len() {
            16 => &AES_128_GCM,
            24 => &AES_192_GCM,
            32 => &AES_256_GCM,
            _ => return None,
        };
        Some(AwsLc(LessSafeKey::new(UnboundKey::new(alg, key).ok()?)))
    }
    fn seal(&self, nonce: &[u8; 12], aad: &[u8], buf: &mut [u8]) -> [u8; 16] {
        use aws_lc_rs::aead::{Aad, Nonce};
        let tag = self.0.seal_in_place_separate_tag(Nonce::assume_unique_for_key(*nonce), Aad::from(aad), buf).unwrap();
        tag.as_ref().try_into().unwrap()
    }
    fn open(&self, nonce: &[u8; 12], aad: &[u8], buf: &mut [u8], tag: &[u8; 16]) -> bool {
        use aws_lc_rs::aead::{Aad, Nonce};
        self.0.open_in_place_separate_tag(Nonce::assume_unique_for_key(*nonce), Aad::from(aad), tag, buf).is_ok()
    }
}

struct Ring(ring::aead::LessSafeKey);
impl Gcm for Ring {
    const NAME: &'static str = "ring";
    fn new(key: &[u8]) -> Option<Self> {
        use ring::aead::{AES_128_GCM, AES_256_GCM, LessSafeKey, UnboundKey};
        // ring has no AES-192-GCM.
        let alg = match key.len() {
            16 => &AES_128_GCM,
            32 => &AES_256_GCM,
            _ => return None,
        };
        Some(Ring(LessSafeKey::new(UnboundKey::new(alg, key).ok()?)))
    }
    fn seal(&self, nonce: &[u8; 12], aad: &[u8], buf: &mut [u8]) -> [u8; 16] {
        use ring::aead::{Aad, Nonce};
        let tag = self.0.seal_in_place_separate_tag(Nonce::assume_unique_for_key(*nonce), Aad::from(aad), buf).unwrap();
        tag.as_ref().try_into().unwrap()
    }
    fn open(&self, nonce: &[u8; 12], aad: &[u8], buf: &mut [u8], tag: &[u8; 16]) -> bool {
        use ring::aead::{Aad, Nonce, Tag};
        self.0
            .open_in_place_separate_tag(Nonce::assume_unique_for_key(*nonce), Aad::from(aad), Tag::from(*tag), buf, 0..)
            .is_ok()
    }
}

enum Rc011 {
    K128(aes_gcm::Aes128Gcm),
    K192(aes_gcm::AesGcm<aes_gcm::aes::Aes192, aes_gcm::aead::consts::U12>),
    K256(aes_gcm::Aes256Gcm),
}
impl Gcm for Rc011 {
    const NAME: &'static str = "aes-gcm 0.11";
    fn new(key: &[u8]) -> Option<Self> {
        use aes_gcm::KeyInit;
        Some(match key.len() {
            16 => Rc011::K128(KeyInit::new_from_slice(key).ok()?),
            24 => Rc011::K192(KeyInit::new_from_slice(key).ok()?),
            32 => Rc011::K256(KeyInit::new_from_slice(key).ok()?),
            _ => return None,
        })
    }
    fn seal(&self, nonce: &[u8; 12], aad: &[u8], buf: &mut [u8]) -> [u8; 16] {
        use aes_gcm::AeadInOut;
        let n = (*nonce).into();
        let tag = match self {
            Rc011::K128(k) => k.encrypt_inout_detached(&n, aad, buf.into()),
            Rc011::K192(k) => k.encrypt_inout_detached(&n, aad, buf.into()),
            Rc011::K256(k) => k.encrypt_inout_detached(&n, aad, buf.into()),
        };
        tag.unwrap().into()
    }
    fn open(&self, nonce: &[u8; 12], aad: &[u8], buf: &mut [u8], tag: &[u8; 16]) -> bool {
        use aes_gcm::AeadInOut;
        let n = (*nonce).into();
        let t = (*tag).into();
        match self {
            Rc011::K128(k) => k.decrypt_inout_detached(&n, aad, buf.into(), &t),
            Rc011::K192(k) => k.decrypt_inout_detached(&n, aad, buf.into(), &t),
            Rc011::K256(k) => k.decrypt_inout_detached(&n, aad, buf.into(), &t),
        }
        .is_ok()
    }
}

enum Rc010 {
    K128(aes_gcm_010::Aes128Gcm),
    K192(aes_gcm_010::AesGcm<aes_gcm_010::aes::Aes192, aes_gcm_010::aead::consts::U12>),
    K256(aes_gcm_010::Aes256Gcm),
}
impl Gcm for Rc010 {
    const NAME: &'static str = "aes-gcm 0.10";
    fn new(key: &[u8]) -> Option<Self> {
        use aes_gcm_010::KeyInit;
        Some(match key.len() {
            16 => Rc010::K128(KeyInit::new_from_slice(key).ok()?),
            24 => Rc010::K192(KeyInit::new_from_slice(key).ok()?),
            32 => Rc010::K256(KeyInit::new_from_slice(key).ok()?),
            _ => return None,
        })
    }
    fn seal(&self, nonce: &[u8; 12], aad: &[u8], buf: &mut [u8]) -> [u8; 16] {
        use aes_gcm_010::AeadInPlace;
        let n = aes_gcm_010::Nonce::from_slice(nonce);
        let tag = match self {
            Rc010::K128(k) => k.encrypt_in_place_detached(n, aad, buf),
            Rc010::K192(k) => k.encrypt_in_place_detached(n, aad, buf),
            Rc010::K256(k) => k.encrypt_in_place_detached(n, aad, buf),
        };
        tag.unwrap().into()
    }
    fn open(&self, nonce: &[u8; 12], aad: &[u8], buf: &mut [u8], tag: &[u8; 16]) -> bool {
        use aes_gcm_010::AeadInPlace;
        let n = aes_gcm_010::Nonce::from_slice(nonce);
        let t = aes_gcm_010::Tag::from_slice(tag);
        match self {
            Rc010::K128(k) => k.decrypt_in_place_detached(n, aad, buf, t),
            Rc010::K192(k) => k.decrypt_in_place_detached(n, aad, buf, t),
            Rc010::K256(k) => k.decrypt_in_place_detached(n, aad, buf, t),
        }
        .is_ok()
    }
}

// ---------------------------------------------------------------------------------------------------------------
// AWS-LC EVP_CIPHER GCM through aws-lc-sys: an incremental GCM state (key schedule + H table + running GHASH).
// ---------------------------------------------------------------------------------------------------------------

mod evp {
    use super::*;
    use aws_lc_sys as sys;
    use std::os::raw::{c_int, c_void};

    /// One EVP_CIPHER_CTX holding an expanded key. Not Sync: every update mutates it (counter, GHASH state).
    pub struct Ctx(*mut sys::EVP_CIPHER_CTX);
    unsafe impl Send for Ctx {}

    fn cipher(key_len: usize) -> Option<*const sys::EVP_CIPHER> {
        Some(unsafe {
            match key_len {
                16 => sys::EVP_aes_128_gcm(),
                24 => sys::EVP_aes_192_gcm(),
                32 => sys::EVP_aes_256_gcm(),
                _ => return None,
            }
        })
    }

    fn ok(r: c_int) -> bool {
        r == 1
    }

    impl Drop for Ctx {
        fn drop(&mut self) {
            // EVP_CIPHER_CTX_cleanup: aes_gcm_cleanup cleanses the GCM state, cipher_data is OPENSSL_free'd (which
            // cleanses the allocation), then the ctx itself is OPENSSL_free'd.
            unsafe { sys::EVP_CIPHER_CTX_free(self.0) }
        }
    }

    impl Ctx {
        /// New context with the key expanded, for encryption (`enc`) or decryption. IV length stays the
        /// default 12 (set explicitly anyway, as a caller would).
        pub fn new(key: &[u8], enc: bool) -> Option<Ctx> {
            let c = cipher(key.len())?;
            unsafe {
                let ctx = Ctx(sys::EVP_CIPHER_CTX_new());
                if ctx.0.is_null() {
                    return None;
                }
                let init = if enc { sys::EVP_EncryptInit_ex } else { sys::EVP_DecryptInit_ex };
                if !ok(init(ctx.0, c, null_mut(), null(), null())) {
                    return None;
                }
                if !ok(sys::EVP_CIPHER_CTX_ctrl(ctx.0, sys::EVP_CTRL_GCM_SET_IVLEN as c_int, 12, null_mut())) {
                    return None;
                }
                if !ok(init(ctx.0, null(), null_mut(), key.as_ptr(), null())) {
                    return None;
                }
                Some(ctx)
            }
        }

        /// A copy of a template context (EVP_CIPHER_CTX_copy: memcpy of the key schedule and H table, no key
        /// expansion). The template is only read.
        pub fn copy_of(template: *const sys::EVP_CIPHER_CTX) -> Option<Ctx> {
            unsafe {
                let ctx = Ctx(sys::EVP_CIPHER_CTX_new());
                if ctx.0.is_null() || !ok(sys::EVP_CIPHER_CTX_copy(ctx.0, template)) {
                    return None;
                }
                Some(ctx)
            }
        }

        pub fn raw(&self) -> *const sys::EVP_CIPHER_CTX {
            self.0
        }

        /// Start a message: set the IV on the already keyed context (no key expansion).
        pub fn start(&mut self, nonce: &[u8; 12], enc: bool) -> bool {
            let init = if enc { sys::EVP_EncryptInit_ex } else { sys::EVP_DecryptInit_ex };
            unsafe { ok(init(self.0, null(), null_mut(), null(), nonce.as_ptr())) }
        }

        /// Feed AAD (any number of calls, before the data).
        pub fn aad(&mut self, aad: &[u8], enc: bool) -> bool {
            if aad.is_empty() {
                return true;
            }
            let update = if enc { sys::EVP_EncryptUpdate } else { sys::EVP_DecryptUpdate };
            let mut out_len: c_int = 0;
            unsafe { ok(update(self.0, null_mut(), &mut out_len, aad.as_ptr(), aad.len() as c_int)) }
        }

        /// Encrypt or decrypt one slice in place (GCM is a stream mode: out_len == len).
        pub fn update(&mut self, buf: &mut [u8], enc: bool) -> bool {
            let update = if enc { sys::EVP_EncryptUpdate } else { sys::EVP_DecryptUpdate };
            let mut out_len: c_int = 0;
            let p = buf.as_mut_ptr();
            let r = unsafe { update(self.0, p, &mut out_len, p, buf.len() as c_int) };
            ok(r) && out_len as usize == buf.len()
        }

        pub fn finish_encrypt(&mut self) -> Option<[u8; 16]> {
            let mut out_len: c_int = 0;
            let mut tag = [0u8; 16];
            unsafe {
                if !ok(sys::EVP_EncryptFinal_ex(self.0, tag.as_mut_ptr(), &mut out_len)) || out_len != 0 {
                    return None;
                }
                if !ok(sys::EVP_CIPHER_CTX_ctrl(
                    self.0,
                    sys::EVP_CTRL_GCM_GET_TAG as c_int,
                    16,
                    tag.as_mut_ptr() as *mut c_void,
                )) {
                    return None;
                }
            }
            Some(tag)
        }

        /// Set the expected tag (may be done any time before the final call) and verify it.
        pub fn finish_decrypt(&mut self, tag: &[u8; 16]) -> bool {
            let mut t = *tag;
            let mut out_len: c_int = 0;
            let mut scratch = [0u8; 16];
            unsafe {
                ok(sys::EVP_CIPHER_CTX_ctrl(self.0, sys::EVP_CTRL_GCM_SET_TAG as c_int, 16, t.as_mut_ptr() as *mut c_void))
                    && ok(sys::EVP_DecryptFinal_ex(self.0, scratch.as_mut_ptr(), &mut out_len))
                    && out_len == 0
            }
        }

        /// A whole message, in slices of `slice` bytes (0 = one update for everything).
        pub fn seal(&mut self, nonce: &[u8; 12], aad: &[u8], buf: &mut [u8], slice: usize) -> [u8; 16] {
            assert!(self.start(nonce, true) && self.aad(aad, true));
            let step = if slice == 0 { buf.len().max(1) } else { slice };
            for chunk in buf.chunks_mut(step) {
                assert!(self.update(chunk, true));
            }
            self.finish_encrypt().expect("EVP_EncryptFinal_ex")
        }

        pub fn open(&mut self, nonce: &[u8; 12], aad: &[u8], buf: &mut [u8], tag: &[u8; 16], slice: usize) -> bool {
            if !(self.start(nonce, false) && self.aad(aad, false)) {
                return false;
            }
            let step = if slice == 0 { buf.len().max(1) } else { slice };
            for chunk in buf.chunks_mut(step) {
                if !self.update(chunk, false) {
                    return false;
                }
            }
            self.finish_decrypt(tag)
        }
    }

    /// What the OPENSSL_ia32cap word 2/3 says (after any OPENSSL_ia32cap override): AWS-LC's
    /// crypto_gcm_avx512_enabled() = VAES && AVX512(F,DQ,BW,VL) && VPCLMULQDQ (crypto/fipsmodule/modes/gcm.c).
    pub fn avx512_gcm_enabled() -> bool {
        // Make sure the capability words are filled in (a key set-up runs OPENSSL_cpuid_setup via CRYPTO_once).
        let _ = Ctx::new(&[0u8; 32], true);
        unsafe extern "C" {
            // Not in the generated bindings; the symbol carries aws-lc-sys's version prefix.
            #[link_name = "aws_lc_0_47_0_OPENSSL_ia32cap_P"]
            static OPENSSL_ia32cap_P: [u32; 4];
        }
        let caps = unsafe { OPENSSL_ia32cap_P };
        let avx512 = caps[2] & 0xC003_0000 == 0xC003_0000;
        let vaes = caps[3] & (1 << 9) != 0;
        let vpclmul = caps[3] & (1 << 10) != 0;
        avx512 && vaes && vpclmul
    }
}

// ---------------------------------------------------------------------------------------------------------------
// kat
// ---------------------------------------------------------------------------------------------------------------

fn vectors_dir() -> PathBuf {
    std::env::var_os("FERRITE_TEST_VECTORS").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../java-api/src/test/resources/vectors"))
}

fn unhex(s: &str) -> Vec<u8> {
    hex::decode(s).expect("hex")
}

struct Case {
    id: u64,
    key: Vec<u8>,
    iv: [u8; 12],
    aad: Vec<u8>,
    msg: Vec<u8>,
    ct: Vec<u8>,
    tag: [u8; 16],
    valid: bool,
}

fn wycheproof_cases() -> (Vec<Case>, usize) {
    let path = vectors_dir().join("wycheproof/aes_gcm_test.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let v: Value = serde_json::from_str(&text).expect("json");
    let mut cases = Vec::new();
    let mut total = 0;
    for g in v["testGroups"].as_array().unwrap() {
        let tests = g["tests"].as_array().unwrap();
        total += tests.len();
        if g["ivSize"].as_u64() != Some(96) || g["tagSize"].as_u64() != Some(128) {
            continue;
        }
        for t in tests {
            let result = t["result"].as_str().unwrap();
            assert!(result == "valid" || result == "invalid", "unexpected result {result}");
            cases.push(Case {
                id: t["tcId"].as_u64().unwrap(),
                key: unhex(t["key"].as_str().unwrap()),
                iv: unhex(t["iv"].as_str().unwrap()).try_into().unwrap(),
                aad: unhex(t["aad"].as_str().unwrap()),
                msg: unhex(t["msg"].as_str().unwrap()),
                ct: unhex(t["ct"].as_str().unwrap()),
                tag: unhex(t["tag"].as_str().unwrap()).try_into().unwrap(),
                valid: result == "valid",
            });
        }
    }
    (cases, total)
}

#[derive(Default)]
struct Tally {
    valid_accepted: usize,
    valid_total: usize,
    invalid_rejected: usize,
    invalid_total: usize,
    unsupported: usize,
    /// Seal output (ct or tag) differs from the expected one on a valid case, or open of a valid case gave a
    /// different plaintext.
    mismatches: Vec<u64>,
    /// Against expectation: a valid case rejected or an invalid one accepted.
    wrong: Vec<u64>,
}

/// Seal → compare; open → accept/reject and compare plaintext. Generic over the seal/open closures.
fn run_case(
    c: &Case,
    t: &mut Tally,
    seal: &mut dyn FnMut(&[u8; 12], &[u8], &mut [u8]) -> [u8; 16],
    open: &mut dyn FnMut(&[u8; 12], &[u8], &mut [u8], &[u8; 16]) -> bool,
) {
    if c.valid {
        t.valid_total += 1;
        let mut buf = c.msg.clone();
        let tag = seal(&c.iv, &c.aad, &mut buf);
        if buf != c.ct || tag != c.tag {
            t.mismatches.push(c.id);
        }
    } else {
        t.invalid_total += 1;
    }
    let mut buf = c.ct.clone();
    let accepted = open(&c.iv, &c.aad, &mut buf, &c.tag);
    if c.valid && accepted && buf != c.msg {
        t.mismatches.push(c.id);
    }
    match (c.valid, accepted) {
        (true, true) => t.valid_accepted += 1,
        (false, false) => t.invalid_rejected += 1,
        _ => t.wrong.push(c.id),
    }
}

fn kat_crate<G: Gcm>(cases: &[Case]) -> Tally {
    let mut t = Tally::default();
    for c in cases {
        let Some(k) = G::new(&c.key) else {
            t.unsupported += 1;
            continue;
        };
        run_case(c, &mut t, &mut |n, a, b| k.seal(n, a, b), &mut |n, a, b, tag| k.open(n, a, b, tag));
    }
    t
}

fn kat_evp(cases: &[Case], slice: usize) -> Tally {
    let mut t = Tally::default();
    for c in cases {
        let (Some(mut e), Some(mut d)) = (evp::Ctx::new(&c.key, true), evp::Ctx::new(&c.key, false)) else {
            t.unsupported += 1;
            continue;
        };
        run_case(c, &mut t, &mut |n, a, b| e.seal(n, a, b, slice), &mut |n, a, b, tag| d.open(n, a, b, tag, slice));
    }
    t
}

fn print_tally(name: &str, t: &Tally) {
    let list = |v: &Vec<u64>| if v.is_empty() { "none".to_string() } else { format!("{v:?}") };
    println!(
        "| {name} | {} / {} | {} / {} | {} | {} | {} |",
        t.valid_accepted,
        t.valid_total,
        t.invalid_rejected,
        t.invalid_total,
        t.unsupported,
        list(&t.mismatches),
        list(&t.wrong)
    );
}

fn kat() {
    let (cases, total) = wycheproof_cases();
    let by = |n: usize| cases.iter().filter(|c| c.key.len() == n).count();
    println!("## kat\n");
    println!(
        "Wycheproof aes_gcm_test.json: {total} cases, {} with ivSize 96 / tagSize 128 (AES-128: {}, AES-192: {}, AES-256: {}; {} valid, {} invalid)\n",
        cases.len(),
        by(16),
        by(24),
        by(32),
        cases.iter().filter(|c| c.valid).count(),
        cases.iter().filter(|c| !c.valid).count()
    );
    println!("| implementation | valid accepted | invalid rejected | unsupported key size (cases) | ct/tag/plaintext mismatch | against expectation |");
    println!("| --- | --- | --- | --- | --- | --- |");
    print_tally(AwsLc::NAME, &kat_crate::<AwsLc>(&cases));
    print_tally(Ring::NAME, &kat_crate::<Ring>(&cases));
    print_tally(Rc011::NAME, &kat_crate::<Rc011>(&cases));
    print_tally(Rc010::NAME, &kat_crate::<Rc010>(&cases));
    print_tally("AWS-LC EVP_CIPHER, one update", &kat_evp(&cases, 0));
    print_tally("AWS-LC EVP_CIPHER, 1-byte updates", &kat_evp(&cases, 1));
    print_tally("AWS-LC EVP_CIPHER, 7-byte updates", &kat_evp(&cases, 7));

    // Differential: 1,000 random cases, all crates give the same ct||tag; each opens the reference output; the
    // EVP_CIPHER path is fed in random slice sizes, AAD in two pieces.
    let mut rng = rand::rngs::StdRng::seed_from_u64(0x6165_7367_636d);
    let mut failures = Vec::new();
    let mut by_len = [0usize; 3];
    let big = [65_536usize, 65_536 + 5, 1 << 20, (1 << 20) + 13, 3 << 20];
    for i in 0..1000 {
        let klen = [16, 24, 32][i % 3];
        by_len[i % 3] += 1;
        let mut key = vec![0u8; klen];
        rng.fill_bytes(&mut key);
        let mut nonce = [0u8; 12];
        rng.fill_bytes(&mut nonce);
        let aad_len = if rng.gen_bool(0.3) { 0 } else { rng.gen_range(0..=100) };
        let mut aad = vec![0u8; aad_len];
        rng.fill_bytes(&mut aad);
        let mlen = if i % 100 == 99 { big[(i / 100) % big.len()] } else { rng.gen_range(0..=2048) };
        let mut msg = vec![0u8; mlen];
        rng.fill_bytes(&mut msg);
        let slice = [1, 3, 16, 17, 1000, 4096, 65_536][rng.gen_range(0..7)];

        let reference = {
            let k = AwsLc::new(&key).unwrap();
            let mut b = msg.clone();
            let tag = k.seal(&nonce, &aad, &mut b);
            (b, tag)
        };
        let mut check = |name: &str, out: Option<(Vec<u8>, [u8; 16])>, opened: Option<bool>| {
            if let Some(o) = out {
                if o != reference {
                    failures.push(format!("case {i} ({klen}-byte key, {mlen} B): {name} seal differs"));
                }
            }
            if opened == Some(false) {
                failures.push(format!("case {i} ({klen}-byte key, {mlen} B): {name} open failed"));
            }
        };
        fn both<G: Gcm>(key: &[u8], nonce: &[u8; 12], aad: &[u8], msg: &[u8], r: &(Vec<u8>, [u8; 16]))
                        -> (Option<(Vec<u8>, [u8; 16])>, Option<bool>) {
            let Some(k) = G::new(key) else { return (None, None) };
            let mut b = msg.to_vec();
            let tag = k.seal(nonce, aad, &mut b);
            let mut c = r.0.clone();
            let opened = k.open(nonce, aad, &mut c, &r.1) && c == msg;
            // a one-bit flip in the tag must be rejected
            let mut bad = r.1;
            bad[i_flip(msg.len())] ^= 1;
            let mut c2 = r.0.clone();
            let rejected = !k.open(nonce, aad, &mut c2, &bad);
            (Some((b, tag)), Some(opened && rejected))
        }
        fn i_flip(n: usize) -> usize {
            n % 16
        }
        let (o, p) = both::<AwsLc>(&key, &nonce, &aad, &msg, &reference);
        check("aws-lc-rs", o, p);
        let (o, p) = both::<Ring>(&key, &nonce, &aad, &msg, &reference);
        check("ring", o, p);
        let (o, p) = both::<Rc011>(&key, &nonce, &aad, &msg, &reference);
        check("aes-gcm 0.11", o, p);
        let (o, p) = both::<Rc010>(&key, &nonce, &aad, &msg, &reference);
        check("aes-gcm 0.10", o, p);
        // EVP_CIPHER: AAD in two pieces, data in `slice`-byte slices.
        let mut e = evp::Ctx::new(&key, true).unwrap();
        let mut b = msg.clone();
        let split = aad.len() / 2;
        assert!(e.start(&nonce, true) && e.aad(&aad[..split], true) && e.aad(&aad[split..], true));
        for chunk in b.chunks_mut(slice) {
            assert!(e.update(chunk, true));
        }
        let tag = e.finish_encrypt().unwrap();
        let mut d = evp::Ctx::new(&key, false).unwrap();
        let mut c = reference.0.clone();
        let opened = d.open(&nonce, &aad, &mut c, &reference.1, slice) && c == msg;
        let mut bad = reference.1;
        bad[0] ^= 0x80;
        let mut c2 = reference.0.clone();
        let rejected = !d.open(&nonce, &aad, &mut c2, &bad, slice);
        check(&format!("EVP_CIPHER ({slice}-byte slices)"), Some((b, tag)), Some(opened && rejected));
    }
    println!(
        "\nDifferential: 1,000 random cases (AES-128/192/256: {}/{}/{}; messages 0..2048 B and 10 large ones of 64 KiB..3 MiB; AAD 0..100 B): \
         every implementation seals to the aws-lc-rs ciphertext||tag, opens it, and rejects a one-bit tag flip \
         (ring: no AES-192, skipped). Failures: {}",
        by_len[0],
        by_len[1],
        by_len[2],
        failures.len()
    );
    for f in failures.iter().take(20) {
        println!("  {f}");
    }
    println!();
}

// ---------------------------------------------------------------------------------------------------------------
// bench
// ---------------------------------------------------------------------------------------------------------------

/// Nanoseconds per call: median, minimum and maximum of `rounds` rounds of `calls` calls.
fn measure<F: FnMut() -> u8>(f: &mut F, calls: usize, rounds: usize) -> (f64, f64, f64) {
    let mut samples: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            let mut sink = 0u8;
            for _ in 0..calls {
                sink ^= f();
            }
            black_box(sink);
            start.elapsed().as_secs_f64() * 1e9 / calls as f64
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    (samples[samples.len() / 2], samples[0], samples[samples.len() - 1])
}

/// Calls per round so that one round takes about `target_ms`.
fn calibrate<F: FnMut() -> u8>(f: &mut F, target_ms: f64) -> usize {
    let start = Instant::now();
    let mut n = 0usize;
    while start.elapsed().as_secs_f64() < 0.01 {
        black_box(f());
        n += 1;
    }
    let per = start.elapsed().as_secs_f64() / n as f64;
    ((target_ms / 1e3 / per) as usize).max(1)
}

/// Warm up (3 rounds), measure 11 rounds; print ns/op (and GB/s if `bytes` > 0). Returns the median.
fn row<F: FnMut() -> u8>(case: &str, op: &str, name: &str, bytes: usize, mut f: F) -> f64 {
    let calls = calibrate(&mut f, 25.0);
    let _ = measure(&mut f, calls, 3);
    let (median, min, max) = measure(&mut f, calls, 11);
    let gbs = |ns: f64| bytes as f64 / ns;
    if bytes > 0 {
        println!(
            "| {case} | {op} | {name} | {} ({}–{}) | {:.2} ({:.2}–{:.2}) |",
            fmt_ns(median),
            fmt_ns(min),
            fmt_ns(max),
            gbs(median),
            gbs(max),
            gbs(min)
        );
    } else {
        println!("| {case} | {op} | {name} | {} ({}–{}) | |", fmt_ns(median), fmt_ns(min), fmt_ns(max));
    }
    median
}

fn fmt_ns(ns: f64) -> String {
    if ns >= 1000.0 { format!("{:.0}", ns) } else { format!("{:.1}", ns) }
}

fn size_label(n: usize) -> String {
    match n {
        n if n >= 1 << 20 => format!("{} MiB", n >> 20),
        n if n >= 1024 => format!("{} KiB", n >> 10),
        n => format!("{n} B"),
    }
}

/// Seal in place repeatedly (the buffer alternates plaintext/ciphertext; every call is a full seal), and open in
/// place with every call valid: sealing C gives C ⊕ keystream = P together with the tag over P (tag_p), so opening
/// P with tag_p gives C back and opening C with tag_c gives P: alternate the two tags, no copies.
fn bench_crate<G: Gcm>(case: &str, key: &[u8], msg: &[u8], aad: &[u8]) {
    let Some(k) = G::new(key) else { return };
    let nonce = [7u8; 12];
    let mut buf = msg.to_vec();
    row(case, "encrypt", G::NAME, msg.len(), || {
        let t = k.seal(black_box(&nonce), black_box(aad), &mut buf);
        t[0]
    });
    // Tags for the open loop.
    let mut c = msg.to_vec();
    let tag_c = k.seal(&nonce, aad, &mut c);
    let mut p = c.clone();
    let tag_p = k.seal(&nonce, aad, &mut p); // p == msg again (CTR is an involution), tag_p = tag over msg
    assert_eq!(p, msg);
    let mut buf = c.clone();
    let mut holds_c = true;
    row(case, "decrypt", G::NAME, msg.len(), || {
        let tag = if holds_c { &tag_c } else { &tag_p };
        let ok = k.open(black_box(&nonce), black_box(aad), &mut buf, tag);
        assert!(ok);
        holds_c = !holds_c;
        buf[0]
    });
}

fn bench() {
    println!("## bench (one core; ns per operation, median of 11 rounds (min–max), GB/s = 10^9 B/s)\n");
    cpu_report();
    println!("| case | op | crate | ns/op median (min–max) | GB/s median (range) |");
    println!("| --- | --- | --- | --- | --- |");
    let mut rng = rand::rngs::StdRng::seed_from_u64(1);
    let mut key256 = [0u8; 32];
    rng.fill_bytes(&mut key256);
    let mut key128 = [0u8; 16];
    rng.fill_bytes(&mut key128);
    let aad16 = [0xa5u8; 16];
    let mut cases: Vec<(String, &[u8], usize, &[u8])> = Vec::new();
    for n in [64usize, 1024, 16 * 1024, 1 << 20] {
        cases.push((format!("AES-256 {}", size_label(n)), &key256, n, &[]));
        if n == 64 {
            cases.push((format!("AES-256 {} +16 B AAD", size_label(n)), &key256, n, &aad16));
        }
    }
    for n in [64usize, 1 << 20] {
        cases.push((format!("AES-128 {}", size_label(n)), &key128, n, &[]));
    }
    for (label, key, n, aad) in &cases {
        let mut msg = vec![0u8; *n];
        rng.fill_bytes(&mut msg);
        bench_crate::<AwsLc>(label, key, &msg, aad);
        bench_crate::<Ring>(label, key, &msg, aad);
        bench_crate::<Rc011>(label, key, &msg, aad);
        bench_crate::<Rc010>(label, key, &msg, aad);
    }
    // Key expansion: build the expanded key object from bytes and drop it (what a call without a cached key pays).
    for (label, key) in [("key setup AES-256", &key256[..]), ("key setup AES-128", &key128[..])] {
        row(label, "new + drop", "aws-lc-rs UnboundKey+LessSafeKey", 0, || AwsLc::new(black_box(key)).is_some() as u8);
        row(label, "new + drop", "ring UnboundKey+LessSafeKey", 0, || Ring::new(black_box(key)).is_some() as u8);
        row(label, "new + drop", "aes-gcm 0.11 new_from_slice", 0, || Rc011::new(black_box(key)).is_some() as u8);
        row(label, "new + drop", "aes-gcm 0.10 new_from_slice", 0, || Rc010::new(black_box(key)).is_some() as u8);
        row(label, "new + drop", "EVP_CIPHER_CTX_new + EncryptInit_ex(key) + free", 0, || {
            evp::Ctx::new(black_box(key), true).is_some() as u8
        });
    }
    println!();
}

fn cpu_report() {
    #[cfg(target_arch = "x86_64")]
    println!(
        "CPU features (std detection): aes={} pclmulqdq={} avx2={} avx512f={} vaes={} vpclmulqdq={}",
        is_x86_feature_detected!("aes"),
        is_x86_feature_detected!("pclmulqdq"),
        is_x86_feature_detected!("avx2"),
        is_x86_feature_detected!("avx512f"),
        is_x86_feature_detected!("vaes"),
        is_x86_feature_detected!("vpclmulqdq"),
    );
    println!(
        "AWS-LC crypto_gcm_avx512_enabled (VAES+AVX512F/DQ/BW/VL+VPCLMULQDQ, after OPENSSL_ia32cap={:?}): {}",
        std::env::var("OPENSSL_ia32cap").unwrap_or_default(),
        evp::avx512_gcm_enabled()
    );
    #[cfg(target_arch = "x86_64")]
    {
        let vaes = is_x86_feature_detected!("vaes") && is_x86_feature_detected!("avx");
        let vaes512 = vaes && is_x86_feature_detected!("avx512f");
        println!(
            "aes 0.9 (aes-gcm 0.11) AES backend by its run-time checks: {}; polyval 0.7 (ghash 0.6): {}",
            if vaes512 { "VAES-512" } else if vaes { "VAES-256" } else if is_x86_feature_detected!("aes") { "AES-NI" } else { "soft" },
            if is_x86_feature_detected!("avx") && is_x86_feature_detected!("pclmulqdq") { "PCLMULQDQ (128-bit, 4-block aggregation)" } else { "soft" }
        );
        println!(
            "aes 0.8 (aes-gcm 0.10): {}; polyval 0.6 (ghash 0.5): {}",
            if is_x86_feature_detected!("aes") { "AES-NI" } else { "soft" },
            if is_x86_feature_detected!("pclmulqdq") { "PCLMULQDQ" } else { "soft" }
        );
        println!(
            "ring 0.17 AES-GCM: {}\n",
            if is_x86_feature_detected!("vaes") && is_x86_feature_detected!("vpclmulqdq") && is_x86_feature_detected!("avx2") {
                "VAES+VPCLMULQDQ AVX2 (aes-gcm-avx2-x86_64)"
            } else {
                "AES-NI+PCLMULQDQ (aesni-gcm-x86_64 with AVX+MOVBE)"
            }
        );
    }
}

// ---------------------------------------------------------------------------------------------------------------
// stream
// ---------------------------------------------------------------------------------------------------------------

fn stream() {
    println!("## stream (AWS-LC one-shot EVP_AEAD vs incremental EVP_CIPHER; AES-256, empty AAD, in place)\n");
    println!("aws-lc-sys: {}", aws_lc_version());
    cpu_report();
    let mut rng = rand::rngs::StdRng::seed_from_u64(2);
    let mut key = [0u8; 32];
    rng.fill_bytes(&mut key);
    let nonce = [9u8; 12];

    // Byte-identity first (with AAD, 16 MiB + 5 so the last slice is partial).
    {
        let n = (16 << 20) + 5;
        let mut msg = vec![0u8; n];
        rng.fill_bytes(&mut msg);
        let aad = b"sixteen byte aad";
        let k = AwsLc::new(&key).unwrap();
        let mut one = msg.clone();
        let tag_one = k.seal(&nonce, aad, &mut one);
        let mut all_same = true;
        for slice in [0usize, 65_536, 1 << 20, 1_000_003] {
            let mut e = evp::Ctx::new(&key, true).unwrap();
            let mut b = msg.clone();
            let tag = e.seal(&nonce, aad, &mut b, slice);
            let same = b == one && tag == tag_one;
            let mut d = evp::Ctx::new(&key, false).unwrap();
            let opened = d.open(&nonce, aad, &mut b, &tag, slice) && b == msg;
            all_same &= same && opened;
            println!(
                "EVP_CIPHER {} on 16 MiB + 5 B with 16 B AAD: ct||tag identical to aws-lc-rs seal_in_place_separate_tag: {same}; opens: {opened}",
                if slice == 0 { "one update".to_string() } else { format!("{slice}-byte slices") }
            );
        }
        assert!(all_same);
    }
    println!();
    println!("| size | op | path | ns/op median (min–max) | GB/s median (range) |");
    println!("| --- | --- | --- | --- | --- |");
    for n in [1usize << 20, 16 << 20] {
        let mut msg = vec![0u8; n];
        rng.fill_bytes(&mut msg);
        let label = size_label(n);
        let k = AwsLc::new(&key).unwrap();
        let mut buf = msg.clone();
        row(&label, "encrypt", "aws-lc-rs LessSafeKey (EVP_AEAD, one-shot)", n, || k.seal(&nonce, &[], &mut buf)[0]);
        let mut e = evp::Ctx::new(&key, true).unwrap();
        for (slice, name) in [(0usize, "EVP_CIPHER one update"), (1 << 20, "EVP_CIPHER 1 MiB slices"), (65_536, "EVP_CIPHER 64 KiB slices"), (16_384, "EVP_CIPHER 16 KiB slices")] {
            if slice >= n {
                continue;
            }
            row(&label, "encrypt", name, n, || e.seal(&nonce, &[], &mut buf, slice)[0]);
        }
        // open: alternating tags (see bench_crate)
        let mut c = msg.clone();
        let tag_c = k.seal(&nonce, &[], &mut c);
        let mut p = c.clone();
        let tag_p = k.seal(&nonce, &[], &mut p);
        let mut buf = c.clone();
        let mut holds_c = true;
        row(&label, "decrypt", "aws-lc-rs LessSafeKey (EVP_AEAD, one-shot)", n, || {
            assert!(k.open(&nonce, &[], &mut buf, if holds_c { &tag_c } else { &tag_p }));
            holds_c = !holds_c;
            buf[0]
        });
        let mut d = evp::Ctx::new(&key, false).unwrap();
        for (slice, name) in [(0usize, "EVP_CIPHER one update"), (1 << 20, "EVP_CIPHER 1 MiB slices"), (65_536, "EVP_CIPHER 64 KiB slices"), (16_384, "EVP_CIPHER 16 KiB slices")] {
            if slice >= n {
                continue;
            }
            row(&label, "decrypt", name, n, || {
                assert!(d.open(&nonce, &[], &mut buf, if holds_c { &tag_c } else { &tag_p }, slice));
                holds_c = !holds_c;
                buf[0]
            });
        }
    }
    // Small messages through EVP_CIPHER (same ctx, new IV), to compare the per-message overhead with EVP_AEAD.
    for n in [64usize, 1024] {
        let mut msg = vec![0u8; n];
        rng.fill_bytes(&mut msg);
        let label = size_label(n);
        let k = AwsLc::new(&key).unwrap();
        let mut buf = msg.clone();
        row(&label, "encrypt", "aws-lc-rs LessSafeKey (EVP_AEAD, one-shot)", n, || k.seal(&nonce, &[], &mut buf)[0]);
        let mut e = evp::Ctx::new(&key, true).unwrap();
        row(&label, "encrypt", "EVP_CIPHER one update (keyed ctx reused, new IV)", n, || e.seal(&nonce, &[], &mut buf, 0)[0]);
    }
    // Per-message set-up of a streaming state.
    let template = evp::Ctx::new(&key, true).unwrap();
    row("set-up", "", "EVP_CIPHER_CTX_new + EncryptInit_ex(cipher) + SET_IVLEN + EncryptInit_ex(key) + free", 0, || {
        evp::Ctx::new(black_box(&key), true).is_some() as u8
    });
    row("set-up", "", "EVP_CIPHER_CTX_new + EVP_CIPHER_CTX_copy(keyed template) + free", 0, || {
        evp::Ctx::copy_of(template.raw()).is_some() as u8
    });
    let mut e = evp::Ctx::new(&key, true).unwrap();
    row("set-up", "", "EncryptInit_ex(iv) on a keyed ctx (new message)", 0, || e.start(black_box(&nonce), true) as u8);
    println!();

    // Sharing across threads: one LessSafeKey used by two threads at once; one keyed EVP_CIPHER_CTX template
    // copied by two threads at once. Every output must equal the single-threaded one.
    let k = AwsLc::new(&key).unwrap();
    let msgs: Vec<Vec<u8>> = (0..64).map(|i| { let mut m = vec![0u8; 1000 + i * 37]; rng.fill_bytes(&mut m); m }).collect();
    let expected: Vec<(Vec<u8>, [u8; 16])> = msgs.iter().enumerate().map(|(i, m)| {
        let mut b = m.clone();
        let t = k.seal(&[i as u8; 12], &[], &mut b);
        (b, t)
    }).collect();
    struct SendPtr(*const aws_lc_sys::EVP_CIPHER_CTX);
    unsafe impl Send for SendPtr {}
    unsafe impl Sync for SendPtr {}
    let tp = SendPtr(template.raw());
    let bad = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for t in 0..2 {
            let (k, msgs, expected, bad, tp) = (&k, &msgs, &expected, &bad, &tp);
            s.spawn(move || {
                for round in 0..200 {
                    for (i, m) in msgs.iter().enumerate() {
                        let nonce = [i as u8; 12];
                        let mut b = m.clone();
                        let tag = if (round + t) % 2 == 0 {
                            k.seal(&nonce, &[], &mut b)
                        } else {
                            let mut c = evp::Ctx::copy_of(tp.0).unwrap();
                            c.seal(&nonce, &[], &mut b, 4096)
                        };
                        if (b, tag) != expected[i] {
                            bad.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                    }
                }
            });
        }
    });
    println!(
        "Two threads × 200 rounds × 64 messages, one shared LessSafeKey and one shared keyed EVP_CIPHER_CTX template \
         (EVP_CIPHER_CTX_copy per message): outputs differing from single-threaded: {}\n",
        bad.load(std::sync::atomic::Ordering::Relaxed)
    );
}

fn aws_lc_version() -> String {
    let v = unsafe { std::ffi::CStr::from_ptr(aws_lc_sys::OpenSSL_version(aws_lc_sys::OPENSSL_VERSION as i32)) };
    v.to_string_lossy().into_owned()
}

// ---------------------------------------------------------------------------------------------------------------
// failure
// ---------------------------------------------------------------------------------------------------------------

fn describe(after: &[u8], ct: &[u8], pt: &[u8]) -> String {
    if after == ct {
        "ciphertext left unchanged".into()
    } else if after == pt {
        "**plaintext left in buffer**".into()
    } else if after.iter().all(|&b| b == 0) {
        "zeroed".into()
    } else {
        let zeros = after.iter().filter(|&&b| b == 0).count();
        let same_pt = after.iter().zip(pt).filter(|(a, b)| a == b).count();
        format!("other ({zeros} zero bytes, {same_pt} bytes equal to plaintext)")
    }
}

fn failure_crate<G: Gcm>(key: &[u8], msg: &[u8]) -> String {
    let k = G::new(key).unwrap();
    let nonce = [3u8; 12];
    let mut ct = msg.to_vec();
    let mut tag = k.seal(&nonce, b"aad", &mut ct);
    tag[15] ^= 1;
    let mut buf = ct.clone();
    let ok = k.open(&nonce, b"aad", &mut buf, &tag);
    assert!(!ok);
    describe(&buf, &ct, msg)
}

fn failure_combined_aws(key: &[u8], msg: &[u8]) -> String {
    use aws_lc_rs::aead::{Aad, AES_256_GCM, LessSafeKey, Nonce, UnboundKey};
    let k = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, key).unwrap());
    let mut b = msg.to_vec();
    k.seal_in_place_append_tag(Nonce::assume_unique_for_key([3; 12]), Aad::from(b"aad"), &mut b).unwrap();
    let n = b.len();
    b[n - 1] ^= 1;
    let ct = b.clone();
    assert!(k.open_in_place(Nonce::assume_unique_for_key([3; 12]), Aad::from(b"aad"), &mut b).is_err());
    format!("{}; tag bytes {}", describe(&b[..n - 16], &ct[..n - 16], msg), if b[n - 16..] == ct[n - 16..] { "unchanged" } else if b[n - 16..].iter().all(|&x| x == 0) { "zeroed" } else { "changed" })
}

fn failure_combined_ring(key: &[u8], msg: &[u8]) -> String {
    use ring::aead::{Aad, AES_256_GCM, LessSafeKey, Nonce, UnboundKey};
    let k = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, key).unwrap());
    let mut b = msg.to_vec();
    k.seal_in_place_append_tag(Nonce::assume_unique_for_key([3; 12]), Aad::from(b"aad"), &mut b).unwrap();
    let n = b.len();
    b[n - 1] ^= 1;
    let ct = b.clone();
    assert!(k.open_in_place(Nonce::assume_unique_for_key([3; 12]), Aad::from(b"aad"), &mut b).is_err());
    format!("{}; tag bytes {}", describe(&b[..n - 16], &ct[..n - 16], msg), if b[n - 16..] == ct[n - 16..] { "unchanged" } else if b[n - 16..].iter().all(|&x| x == 0) { "zeroed" } else { "changed" })
}

fn failure_aws_gather(key: &[u8], msg: &[u8]) -> String {
    use aws_lc_rs::aead::{Aad, AES_256_GCM, LessSafeKey, Nonce, UnboundKey};
    let k = LessSafeKey::new(UnboundKey::new(&AES_256_GCM, key).unwrap());
    let mut ct = msg.to_vec();
    let tag = k.seal_in_place_separate_tag(Nonce::assume_unique_for_key([3; 12]), Aad::from(b"aad"), &mut ct).unwrap();
    let mut bad: [u8; 16] = tag.as_ref().try_into().unwrap();
    bad[15] ^= 1;
    let mut out = vec![0x55u8; msg.len()];
    assert!(k.open_separate_gather(Nonce::assume_unique_for_key([3; 12]), Aad::from(b"aad"), &ct, &bad, &mut out).is_err());
    if out.iter().all(|&b| b == 0) { "output zeroed".into() } else if out == msg { "**plaintext in output**".into() } else { describe(&out, &ct, msg) }
}

fn failure_evp(key: &[u8], msg: &[u8], slice: usize) -> String {
    let mut e = evp::Ctx::new(key, true).unwrap();
    let mut ct = msg.to_vec();
    let mut tag = e.seal(&[3; 12], b"aad", &mut ct, slice);
    tag[15] ^= 1;
    let mut d = evp::Ctx::new(key, false).unwrap();
    let mut buf = ct.clone();
    assert!(!d.open(&[3; 12], b"aad", &mut buf, &tag, slice));
    describe(&buf, &ct, msg)
}

fn failure() {
    println!("## failure (open with the last tag bit flipped; 4,096-byte message; what is in the buffer afterwards)\n");
    let key = [0x11u8; 32];
    let msg: Vec<u8> = (0..4096).map(|i| (i * 7 % 251) as u8 + 1).collect();
    println!("| crate / call | buffer after the failed open |");
    println!("| --- | --- |");
    println!("| aws-lc-rs open_in_place_separate_tag | {} |", failure_crate::<AwsLc>(&key, &msg));
    println!("| aws-lc-rs open_in_place (ct‖tag) | {} |", failure_combined_aws(&key, &msg));
    println!("| aws-lc-rs open_separate_gather (out of place) | {} |", failure_aws_gather(&key, &msg));
    println!("| ring open_in_place_separate_tag | {} |", failure_crate::<Ring>(&key, &msg));
    println!("| ring open_in_place (ct‖tag) | {} |", failure_combined_ring(&key, &msg));
    println!("| aes-gcm 0.11 decrypt_inout_detached | {} |", failure_crate::<Rc011>(&key, &msg));
    println!("| aes-gcm 0.10 decrypt_in_place_detached | {} |", failure_crate::<Rc010>(&key, &msg));
    println!("| EVP_CIPHER DecryptUpdate (one update) + DecryptFinal_ex | {} |", failure_evp(&key, &msg, 0));
    println!("| EVP_CIPHER DecryptUpdate (1,000-byte slices) + DecryptFinal_ex | {} |", failure_evp(&key, &msg, 1000));
    println!();
}

fn main() {
    aws_lc_rs::init();
    let what = std::env::args().nth(1).unwrap_or_else(|| "all".into());
    if matches!(what.as_str(), "all" | "kat") {
        kat();
    }
    if matches!(what.as_str(), "all" | "failure") {
        failure();
    }
    if matches!(what.as_str(), "all" | "bench") {
        bench();
    }
    if matches!(what.as_str(), "all" | "stream") {
        stream();
    }
}
