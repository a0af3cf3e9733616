//! Argon2id crate choice for Ferrite: agreement check, RFC 9106 known answer, timings, allocation and thread
//! costs. Nothing cryptographic is implemented here: every hash comes from one of the crates under test; this
//! program only calls them, compares the outputs and counts time.
//!
//! Sub-commands: `info`, `kat`, `bench [SAMPLES] [FILTER...]`, `alloc`, `threads` (default: all).
//! Implementations present depend on the cargo features (see Cargo.toml): `par06` (argon2 0.6 `parallel`),
//! `c-kdf` (argon2-kdf, reference C with opt.c), `c-sys` (argon2-sys raw bindings; `argon2-sys/simd` for opt.c
//! with -march=native). argon2-kdf and argon2-sys both link a static `libargon2` with the same symbols, so only
//! one of them is built into a binary.

use std::hint::black_box;
use std::time::Instant;

const PWD: &[u8] = b"correct horse battery staple, 32";
const SALT: &[u8; 16] = b"ferrite-salt-16B";
const OUT_LEN: usize = 32;

#[derive(Clone, Copy, Debug)]
struct Case {
    name: &'static str,
    m: u32,
    t: u32,
    p: u32,
}

const OWASP: Case = Case { name: "OWASP m=19456 t=2 p=1", m: 19456, t: 2, p: 1 };
const RFC2: Case = Case { name: "RFC9106#2 m=65536 t=3 p=4", m: 65536, t: 3, p: 4 };

/// Optional secret and associated data.
#[derive(Clone, Copy, Default)]
struct Extra<'a> {
    secret: &'a [u8],
    ad: &'a [u8],
}

type HashFn = Box<dyn Fn(&Case, &[u8], &[u8], Extra<'_>, &mut [u8; OUT_LEN]) -> Result<(), String>>;

struct Imp {
    name: String,
    /// false: the implementation cannot take associated data (or a secret).
    ad: bool,
    secret: bool,
    f: HashFn,
}

/// Asks for transparent huge pages on the 2 MiB-aligned part of a not-yet-touched allocation (THP is
/// `[madvise]` on this machine). Memory management only; the pages are then faulted by the normal writes.
fn advise_huge(ptr: *mut u8, len: usize) {
    const HP: usize = 2 << 20;
    let start = (ptr as usize).div_ceil(HP) * HP;
    let end = (ptr as usize + len) / HP * HP;
    if end > start {
        // SAFETY: the range lies inside an allocation we own; MADV_HUGEPAGE changes no contents.
        let _ = unsafe { libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE) };
    }
}

// ---------------------------------------------------------------------------------------------------------------
// RustCrypto argon2 0.6.0
mod rc06 {
    use super::*;
    use argon2_06::{Algorithm, Argon2, AssociatedData, Block, ParamsBuilder, Version};

    fn ctx<'k>(c: &Case, x: Extra<'k>) -> Result<Argon2<'k>, String> {
        let mut b = ParamsBuilder::new();
        let _ = b.m_cost(c.m).t_cost(c.t).p_cost(c.p).output_len(OUT_LEN);
        if !x.ad.is_empty() {
            let _ = b.data(AssociatedData::new(x.ad).map_err(|e| e.to_string())?);
        }
        let params = b.build().map_err(|e| e.to_string())?;
        if x.secret.is_empty() {
            Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
        } else {
            Argon2::new_with_secret(x.secret, Algorithm::Argon2id, Version::V0x13, params).map_err(|e| e.to_string())
        }
    }

    /// `hash_password_into`: allocates (alloc_zeroed) the blocks on every call.
    pub fn hash(c: &Case, pwd: &[u8], salt: &[u8], x: Extra<'_>, out: &mut [u8; OUT_LEN]) -> Result<(), String> {
        ctx(c, x)?.hash_password_into(pwd, salt, out).map_err(|e| e.to_string())
    }

    thread_local! {
        static MEM: std::cell::RefCell<Vec<Block>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    /// `hash_password_into_with_memory` with a block buffer kept from call to call (as a caller-owned pool would).
    pub fn hash_mem(c: &Case, pwd: &[u8], salt: &[u8], x: Extra<'_>, out: &mut [u8; OUT_LEN]) -> Result<(), String> {
        let a = ctx(c, x)?;
        let n = a.params().block_count();
        MEM.with(|m| {
            let mut m = m.borrow_mut();
            if m.len() < n {
                m.resize(n, Block::new());
            }
            a.hash_password_into_with_memory(pwd, salt, out, &mut m[..n]).map_err(|e| e.to_string())
        })
    }

    thread_local! {
        static HMEM: std::cell::RefCell<Vec<Block>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    /// As `hash_mem`, but the kept buffer is reserved untouched, advised MADV_HUGEPAGE, then filled.
    pub fn hash_mem_huge(c: &Case, pwd: &[u8], salt: &[u8], x: Extra<'_>, out: &mut [u8; OUT_LEN]) -> Result<(), String> {
        let a = ctx(c, x)?;
        let n = a.params().block_count();
        HMEM.with(|m| {
            let mut m = m.borrow_mut();
            if m.len() < n {
                *m = Vec::with_capacity(n);
                advise_huge(m.as_mut_ptr().cast(), n * Block::SIZE);
                m.resize(n, Block::new());
            }
            a.hash_password_into_with_memory(pwd, salt, out, &mut m[..n]).map_err(|e| e.to_string())
        })
    }

    /// The pattern of native-rust/src/argon2.rs at the time of writing: a fresh `Vec<Block>` per call
    /// (try_reserve_exact + resize), hash, then every block zeroized before the Vec is freed.
    pub fn hash_fresh_wipe(c: &Case, pwd: &[u8], salt: &[u8], x: Extra<'_>, out: &mut [u8; OUT_LEN]) -> Result<(), String> {
        use zeroize::Zeroize;
        let a = ctx(c, x)?;
        let n = a.params().block_count();
        let mut m: Vec<Block> = Vec::new();
        m.try_reserve_exact(n).map_err(|e| e.to_string())?;
        m.resize(n, Block::default());
        let r = a.hash_password_into_with_memory(pwd, salt, out, m.as_mut_slice()).map_err(|e| e.to_string());
        for b in &mut m {
            b.zeroize();
        }
        r
    }

    /// Kept buffer (huge pages optional), zeroized after every hash — a pool that hands out wiped memory.
    pub fn hash_kept_wipe(
        huge: bool,
    ) -> impl Fn(&Case, &[u8], &[u8], Extra<'_>, &mut [u8; OUT_LEN]) -> Result<(), String> {
        move |c, pwd, salt, x, out| {
            use zeroize::Zeroize;
            let a = ctx(c, x)?;
            let n = a.params().block_count();
            let cell = if huge { &HMEM } else { &MEM };
            cell.with(|m| {
                let mut m = m.borrow_mut();
                if m.len() < n {
                    *m = Vec::with_capacity(n);
                    if huge {
                        advise_huge(m.as_mut_ptr().cast(), n * Block::SIZE);
                    }
                    m.resize(n, Block::new());
                }
                let r = a.hash_password_into_with_memory(pwd, salt, out, &mut m[..n]).map_err(|e| e.to_string());
                for b in m[..n].iter_mut() {
                    b.zeroize();
                }
                r
            })
        }
    }

    pub fn max_ad() -> usize {
        argon2_06::Params::MAX_DATA_LEN
    }
}

// RustCrypto argon2 0.5.3
mod rc05 {
    use super::*;
    use argon2_05::{Algorithm, Argon2, AssociatedData, Block, ParamsBuilder, Version};

    fn ctx<'k>(c: &Case, x: Extra<'k>) -> Result<Argon2<'k>, String> {
        let mut b = ParamsBuilder::new();
        let _ = b.m_cost(c.m).t_cost(c.t).p_cost(c.p).output_len(OUT_LEN);
        if !x.ad.is_empty() {
            let _ = b.data(AssociatedData::new(x.ad).map_err(|e| e.to_string())?);
        }
        let params = b.build().map_err(|e| e.to_string())?;
        if x.secret.is_empty() {
            Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
        } else {
            Argon2::new_with_secret(x.secret, Algorithm::Argon2id, Version::V0x13, params).map_err(|e| e.to_string())
        }
    }

    /// `hash_password_into`: `vec![Block::default(); n]` on every call.
    pub fn hash(c: &Case, pwd: &[u8], salt: &[u8], x: Extra<'_>, out: &mut [u8; OUT_LEN]) -> Result<(), String> {
        ctx(c, x)?.hash_password_into(pwd, salt, out).map_err(|e| e.to_string())
    }

    thread_local! {
        static MEM: std::cell::RefCell<Vec<Block>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    pub fn hash_mem(c: &Case, pwd: &[u8], salt: &[u8], x: Extra<'_>, out: &mut [u8; OUT_LEN]) -> Result<(), String> {
        let a = ctx(c, x)?;
        let n = a.params().block_count();
        MEM.with(|m| {
            let mut m = m.borrow_mut();
            if m.len() < n {
                m.resize(n, Block::default());
            }
            a.hash_password_into_with_memory(pwd, salt, out, &mut m[..n]).map_err(|e| e.to_string())
        })
    }
}

// rust-argon2 3.0.0 (lib name `argon2`)
mod ra {
    use super::*;
    use argon2::{Config, ThreadMode, Variant, Version};

    pub fn hash(
        par: bool,
    ) -> impl Fn(&Case, &[u8], &[u8], Extra<'_>, &mut [u8; OUT_LEN]) -> Result<(), String> {
        move |c, pwd, salt, x, out| {
            let config = Config {
                variant: Variant::Argon2id,
                version: Version::Version13,
                mem_cost: c.m,
                time_cost: c.t,
                lanes: c.p,
                thread_mode: if par { ThreadMode::Parallel } else { ThreadMode::Sequential },
                secret: x.secret,
                ad: x.ad,
                hash_length: OUT_LEN as u32,
            };
            let v = argon2::hash_raw(pwd, salt, &config).map_err(|e| e.to_string())?;
            out.copy_from_slice(&v);
            Ok(())
        }
    }
}

// argon2-rust 1.1.0: port of opt.c with run-time SIMD dispatch; threads via std::thread::scope per hash.
mod arust {
    use super::*;
    use argon2_rust::params::{Memory, TagLen};
    use argon2_rust::{Algorithm, Argon2, Hasher, Params, Version};

    fn ctx(c: &Case, threads: Option<u32>) -> Result<Argon2, String> {
        let mut b = Params::builder()
            .memory(Memory::kib(c.m as u64))
            .passes(c.t)
            .lanes(c.p)
            .tag_len(TagLen::bytes(OUT_LEN as u64));
        if let Some(th) = threads {
            b = b.threads(th);
        }
        let params = b.build().map_err(|e| format!("{e:?}"))?;
        Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
    }

    pub fn hash(
        threads: Option<u32>,
    ) -> impl Fn(&Case, &[u8], &[u8], Extra<'_>, &mut [u8; OUT_LEN]) -> Result<(), String> {
        move |c, pwd, salt, x, out| {
            ctx(c, threads)?.hash_into_with_ad(pwd, salt, x.secret, x.ad, out).map_err(|e| format!("{e:?}"))
        }
    }

    thread_local! {
        static H: std::cell::RefCell<Option<Hasher>> = const { std::cell::RefCell::new(None) };
    }

    /// `Hasher`: keeps the arena between calls (wiped on release).
    pub fn hash_reuse(c: &Case, pwd: &[u8], salt: &[u8], x: Extra<'_>, out: &mut [u8; OUT_LEN]) -> Result<(), String> {
        let a = ctx(c, None)?;
        H.with(|h| {
            let mut h = h.borrow_mut();
            let h = h.get_or_insert_with(|| a.hasher());
            h.set_argon2(a);
            h.hash_into_with_ad(pwd, salt, x.secret, x.ad, out).map_err(|e| format!("{e:?}"))
        })
    }

    pub fn backend() -> String {
        format!("{:?}", argon2_rust::detected_backend())
    }

    /// Diagnostic only: force a backend through the crate's `internal-api` (`hash_with_backend`).
    pub fn hash_backend(
        b: argon2_rust::Backend,
    ) -> impl Fn(&Case, &[u8], &[u8], Extra<'_>, &mut [u8; OUT_LEN]) -> Result<(), String> {
        move |c, pwd, salt, x, out| {
            let a = ctx(c, None)?;
            assert!(b.is_available());
            // SAFETY: backend availability checked on this CPU just above.
            unsafe {
                argon2_rust::__internal::hash_with_backend(
                    b, Algorithm::Argon2id, Version::V0x13, a.params(), pwd, salt, x.secret, x.ad, out,
                )
            }
            .map_err(|e| format!("{e:?}"))
        }
    }
}

// argon2-kdf 1.7.3: reference C (phc-winner-argon2 20190702), opt.c; lanes = threads, no associated data.
#[cfg(feature = "c-kdf")]
mod kdf {
    use super::*;
    use argon2_kdf::{Algorithm, Hasher, Secret};

    pub fn hash(c: &Case, pwd: &[u8], salt: &[u8], x: Extra<'_>, out: &mut [u8; OUT_LEN]) -> Result<(), String> {
        if !x.ad.is_empty() {
            return Err("argon2-kdf: no associated data".into());
        }
        let mut h = Hasher::new()
            .algorithm(Algorithm::Argon2id)
            .custom_salt(salt)
            .hash_length(OUT_LEN as u32)
            .iterations(c.t)
            .memory_cost_kib(c.m)
            .threads(c.p);
        if !x.secret.is_empty() {
            h = h.secret(Secret::using(x.secret));
        }
        let hash = h.hash(pwd).map_err(|e| e.to_string())?;
        out.copy_from_slice(hash.as_bytes());
        Ok(())
    }
}

// argon2-sys 0.1.0: raw bindings to the reference C; argon2_ctx with our own thread count and allocator.
#[cfg(feature = "c-sys")]
mod csys {
    use super::*;
    use argon2_sys as s;
    use std::sync::Mutex;

    static POOL: Mutex<Vec<u8>> = Mutex::new(Vec::new());
    static POOL_BUSY: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    /// Set once at start-up (env ARGON2_C_POOL_HUGE=1): the reused C pool gets MADV_HUGEPAGE.
    pub static HUGE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

    /// allocate_cbk handing out one reused buffer (single caller at a time in this program).
    unsafe extern "C" fn alloc_cb(memory: *mut *mut u8, n: libc::size_t) -> libc::c_int {
        assert!(!POOL_BUSY.swap(true, std::sync::atomic::Ordering::SeqCst));
        let mut v = POOL.lock().unwrap();
        if v.len() < n {
            *v = Vec::with_capacity(n);
            if HUGE.load(std::sync::atomic::Ordering::SeqCst) {
                super::advise_huge(v.as_mut_ptr(), n);
            }
            v.resize(n, 0);
        }
        // SAFETY: out-pointer provided by argon2 core.c allocate_memory.
        unsafe { *memory = v.as_mut_ptr() };
        0
    }
    unsafe extern "C" fn free_cb(_memory: *mut u8, _n: libc::size_t) {
        POOL_BUSY.store(false, std::sync::atomic::Ordering::SeqCst);
    }

    unsafe extern "C" {
        /// Defined in core.c, declared in argon2.h; 1 = wipe the memory matrix before freeing it (default).
        static mut FLAG_clear_internal_memory: libc::c_int;
    }

    pub fn set_wipe(on: bool) {
        // SAFETY: plain int in the static C library, set while no hash runs.
        unsafe { FLAG_clear_internal_memory = on as libc::c_int };
    }

    pub fn hash(
        threads: Option<u32>,
        reuse: bool,
    ) -> impl Fn(&Case, &[u8], &[u8], Extra<'_>, &mut [u8; OUT_LEN]) -> Result<(), String> {
        move |c, pwd, salt, x, out| {
            let mut ctx = s::Argon2_Context {
                out: out.as_mut_ptr(),
                outlen: OUT_LEN as u32,
                pwd: pwd.as_ptr() as *mut u8,
                pwdlen: pwd.len() as u32,
                salt: salt.as_ptr() as *mut u8,
                saltlen: salt.len() as u32,
                secret: if x.secret.is_empty() { std::ptr::null_mut() } else { x.secret.as_ptr() as *mut u8 },
                secretlen: x.secret.len() as u32,
                ad: if x.ad.is_empty() { std::ptr::null_mut() } else { x.ad.as_ptr() as *mut u8 },
                adlen: x.ad.len() as u32,
                t_cost: c.t,
                m_cost: c.m,
                lanes: c.p,
                threads: threads.unwrap_or(c.p),
                version: s::ARGON2_VERSION_13,
                allocate_cbk: if reuse { Some(alloc_cb) } else { None },
                free_cbk: if reuse { Some(free_cb) } else { None },
                flags: 0, // ARGON2_DEFAULT_FLAGS: do not clear the caller's password/secret
            };
            // SAFETY: all pointers valid for the given lengths; C only reads pwd/salt/secret/ad with flags = 0.
            let rc = unsafe { s::argon2_ctx(&mut ctx, s::Argon2_id) };
            if rc != 0 {
                // SAFETY: static string from the C library.
                let msg = unsafe { std::ffi::CStr::from_ptr(s::argon2_error_message(rc)) };
                return Err(msg.to_string_lossy().into_owned());
            }
            Ok(())
        }
    }
}

fn single_pool() -> &'static rayon::ThreadPool {
    static P: std::sync::OnceLock<rayon::ThreadPool> = std::sync::OnceLock::new();
    P.get_or_init(|| rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap())
}

fn impls() -> Vec<Imp> {
    let mut v: Vec<Imp> = Vec::new();
    let par06 = cfg!(feature = "par06");
    v.push(Imp {
        name: format!("argon2 0.6.0{}", if par06 { " parallel (rayon, global pool)" } else { " (no parallel feature)" }),
        ad: true,
        secret: true,
        f: Box::new(rc06::hash),
    });
    v.push(Imp {
        name: format!("argon2 0.6.0{} + reused memory", if par06 { " parallel" } else { "" }),
        ad: true,
        secret: true,
        f: Box::new(rc06::hash_mem),
    });
    if par06 {
        v.push(Imp {
            name: "argon2 0.6.0 parallel in a 1-thread rayon pool".into(),
            ad: true,
            secret: true,
            f: Box::new(|c, p, s, x, o| single_pool().install(|| rc06::hash(c, p, s, x, o))),
        });
        v.push(Imp {
            name: "argon2 0.6.0 parallel + reused memory in a 1-thread rayon pool".into(),
            ad: true,
            secret: true,
            f: Box::new(|c, p, s, x, o| single_pool().install(|| rc06::hash_mem(c, p, s, x, o))),
        });
    }
    v.push(Imp {
        name: format!("argon2 0.6.0{} + reused memory, huge pages", if par06 { " parallel" } else { "" }),
        ad: true,
        secret: true,
        f: Box::new(rc06::hash_mem_huge),
    });
    v.push(Imp {
        name: "argon2 0.6.0 parallel, fresh Vec per call + zeroize wipe (native-rust/src/argon2.rs pattern)".into(),
        ad: true,
        secret: true,
        f: Box::new(rc06::hash_fresh_wipe),
    });
    v.push(Imp {
        name: "argon2 0.6.0 parallel + reused memory + zeroize wipe after each hash".into(),
        ad: true,
        secret: true,
        f: Box::new(rc06::hash_kept_wipe(false)),
    });
    v.push(Imp {
        name: "argon2 0.6.0 parallel + reused memory, huge pages + zeroize wipe after each hash".into(),
        ad: true,
        secret: true,
        f: Box::new(rc06::hash_kept_wipe(true)),
    });
    v.push(Imp { name: "argon2 0.5.3".into(), ad: true, secret: true, f: Box::new(rc05::hash) });
    v.push(Imp { name: "argon2 0.5.3 + reused memory".into(), ad: true, secret: true, f: Box::new(rc05::hash_mem) });
    v.push(Imp {
        name: "rust-argon2 3.0.0 ThreadMode::Parallel (threads per slice)".into(),
        ad: true,
        secret: true,
        f: Box::new(ra::hash(true)),
    });
    v.push(Imp {
        name: "rust-argon2 3.0.0 ThreadMode::Sequential".into(),
        ad: true,
        secret: true,
        f: Box::new(ra::hash(false)),
    });
    v.push(Imp {
        name: "argon2-rust 1.1.0 (threads = lanes, scoped threads per hash)".into(),
        ad: true,
        secret: true,
        f: Box::new(arust::hash(None)),
    });
    v.push(Imp {
        name: "argon2-rust 1.1.0 (threads = 1)".into(),
        ad: true,
        secret: true,
        f: Box::new(arust::hash(Some(1))),
    });
    v.push(Imp {
        name: "argon2-rust 1.1.0 (threads = lanes) Hasher, reused arena".into(),
        ad: true,
        secret: true,
        f: Box::new(arust::hash_reuse),
    });
    v.push(Imp {
        name: "argon2-rust 1.1.0 (threads = lanes) AVX2 backend forced".into(),
        ad: true,
        secret: true,
        f: Box::new(arust::hash_backend(argon2_rust::Backend::Avx2)),
    });
    v.push(Imp {
        name: "argon2-rust 1.1.0 (threads = lanes) SSE2 backend forced".into(),
        ad: true,
        secret: true,
        f: Box::new(arust::hash_backend(argon2_rust::Backend::Sse2)),
    });
    #[cfg(feature = "c-kdf")]
    v.push(Imp {
        name: "argon2-kdf 1.7.3 (C opt.c, threads = lanes)".into(),
        ad: false,
        secret: true,
        f: Box::new(kdf::hash),
    });
    #[cfg(feature = "c-sys")]
    {
        let src = if cfg!(feature = "c-sys-simd") { "C opt.c -march=native" } else { "C ref.c" };
        v.push(Imp {
            name: format!("argon2-sys 0.1.0 ({src}, threads = lanes)"),
            ad: true,
            secret: true,
            f: Box::new(csys::hash(None, false)),
        });
        v.push(Imp {
            name: format!("argon2-sys 0.1.0 ({src}, threads = 2)"),
            ad: true,
            secret: true,
            f: Box::new(csys::hash(Some(2), false)),
        });
        v.push(Imp {
            name: format!("argon2-sys 0.1.0 ({src}, threads = 1)"),
            ad: true,
            secret: true,
            f: Box::new(csys::hash(Some(1), false)),
        });
        v.push(Imp {
            name: format!("argon2-sys 0.1.0 ({src}, threads = lanes, reused memory via allocate_cbk)"),
            ad: true,
            secret: true,
            f: Box::new(csys::hash(None, true)),
        });
        v.push(Imp {
            name: format!("argon2-sys 0.1.0 ({src}, threads = lanes, reused memory, wipe off)"),
            ad: true,
            secret: true,
            f: Box::new(|c, p, s, x, o| {
                csys::set_wipe(false);
                let r = csys::hash(None, true)(c, p, s, x, o);
                csys::set_wipe(true);
                r
            }),
        });
    }
    v
}

// ---------------------------------------------------------------------------------------------------------------

fn kat() -> bool {
    let mut ok = true;
    let imps = impls();
    // RFC 9106 section 5.3, Argon2id test vector.
    let pwd = [1u8; 32];
    let salt = [2u8; 16];
    let secret = [3u8; 8];
    let ad = [4u8; 12];
    let expect = "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659";
    let c = Case { name: "RFC 9106 5.3 KAT", m: 32, t: 3, p: 4 };
    println!("## RFC 9106 §5.3 Argon2id KAT (t=3 m=32 p=4, secret 8×03, ad 12×04) → {expect}");
    for i in &imps {
        let mut out = [0u8; OUT_LEN];
        match (i.f)(&c, &pwd, &salt, Extra { secret: &secret, ad: &ad }, &mut out) {
            Ok(()) => {
                let h = hex::encode(out);
                let m = h == expect;
                ok &= m;
                println!("{:<80} {} {}", i.name, if m { "OK  " } else { "FAIL" }, h);
            }
            Err(e) => {
                println!("{:<80} n/a  ({e})", i.name);
                if i.ad {
                    ok = false;
                }
            }
        }
    }

    // Cross-check: every implementation against the first on several inputs.
    let sec16 = [0x5au8; 16];
    let ad32 = [0xa5u8; 32];
    let ad33 = [0xa5u8; 33];
    let cases: Vec<(Case, Extra<'_>, &str)> = vec![
        (OWASP, Extra::default(), "no secret/ad"),
        (RFC2, Extra::default(), "no secret/ad"),
        (Case { name: "m=4096 t=1 p=1", m: 4096, t: 1, p: 1 }, Extra::default(), "no secret/ad"),
        (Case { name: "m=1024 t=4 p=3", m: 1024, t: 4, p: 3 }, Extra::default(), "no secret/ad"),
        (Case { name: "m=1000 t=2 p=2 (m not multiple of 8p)", m: 1000, t: 2, p: 2 }, Extra::default(), "no secret/ad"),
        (Case { name: "m=2048 t=2 p=4", m: 2048, t: 2, p: 4 }, Extra { secret: &sec16, ad: &[] }, "secret 16 B"),
        (Case { name: "m=2048 t=2 p=4", m: 2048, t: 2, p: 4 }, Extra { secret: &sec16, ad: &ad32 }, "secret 16 B + ad 32 B"),
        (Case { name: "m=2048 t=2 p=4", m: 2048, t: 2, p: 4 }, Extra { secret: &[], ad: &ad33 }, "ad 33 B"),
    ];
    println!("\n## Agreement (pwd {} B, salt 16 B, 32-byte output)", PWD.len());
    for (c, x, label) in &cases {
        let mut reference: Option<(String, String)> = None;
        println!("# {} — {}", c.name, label);
        for i in &imps {
            let mut out = [0u8; OUT_LEN];
            match (i.f)(c, PWD, SALT, *x, &mut out) {
                Ok(()) => {
                    let h = hex::encode(out);
                    let tag = match &reference {
                        None => {
                            reference = Some((i.name.clone(), h.clone()));
                            "ref "
                        }
                        Some((_, r)) if *r == h => "same",
                        Some(_) => {
                            ok = false;
                            "DIFF"
                        }
                    };
                    println!("  {:<80} {tag} {h}", i.name);
                }
                Err(e) => println!("  {:<80} n/a  ({e})", i.name),
            }
        }
    }
    println!("\nRustCrypto argon2 AssociatedData::MAX_LEN = {} bytes", rc06::max_ad());
    println!("kat: {}", if ok { "all agree" } else { "MISMATCH" });
    ok
}

// ---------------------------------------------------------------------------------------------------------------

#[derive(Clone, Copy)]
struct Stats {
    median: f64,
    min: f64,
    max: f64,
    mad: f64,
    n: usize,
}

fn stats(mut v: Vec<f64>) -> Stats {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let med = |s: &[f64]| {
        let n = s.len();
        if n % 2 == 1 { s[n / 2] } else { (s[n / 2 - 1] + s[n / 2]) / 2.0 }
    };
    let median = med(&v);
    let mut dev: Vec<f64> = v.iter().map(|x| (x - median).abs()).collect();
    dev.sort_by(|a, b| a.partial_cmp(b).unwrap());
    Stats { median, min: v[0], max: v[v.len() - 1], mad: med(&dev), n: v.len() }
}

fn ms_since(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// Minor page faults of the whole process so far (all threads).
fn minflt() -> i64 {
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: valid out-pointer.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    ru.ru_minflt as i64
}

/// Interleaved rounds: every implementation runs once per round, so background noise is spread over all of them.
fn bench(samples: usize, filters: &[String]) {
    let imps: Vec<Imp> = impls()
        .into_iter()
        .filter(|i| filters.is_empty() || filters.iter().any(|f| i.name.contains(f.as_str())))
        .collect();
    const WARMUP: usize = 2;
    println!("## Timings: {WARMUP} warm-up rounds, then {samples} interleaved rounds; ms per hash");
    println!("| case | implementation | median | min | max | MAD | n | page faults per hash (median) |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    let cases: Vec<Case> = match std::env::var("CASE").as_deref() {
        Ok("owasp") => vec![OWASP],
        Ok("rfc") => vec![RFC2],
        _ => vec![OWASP, RFC2],
    };
    for c in cases {
        let mut times: Vec<Vec<f64>> = vec![Vec::new(); imps.len()];
        let mut faults: Vec<Vec<f64>> = vec![Vec::new(); imps.len()];
        for round in 0..WARMUP + samples {
            for (k, i) in imps.iter().enumerate() {
                let mut out = [0u8; OUT_LEN];
                let f0 = minflt();
                let t = Instant::now();
                (i.f)(&c, black_box(PWD), black_box(SALT), Extra::default(), &mut out).unwrap();
                let dt = ms_since(t);
                let df = (minflt() - f0) as f64;
                black_box(out);
                if round >= WARMUP {
                    times[k].push(dt);
                    faults[k].push(df);
                }
            }
        }
        for (k, i) in imps.iter().enumerate() {
            let s = stats(std::mem::take(&mut times[k]));
            let f = stats(std::mem::take(&mut faults[k]));
            println!(
                "| {} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {} | {:.0} |",
                c.name, i.name, s.median, s.min, s.max, s.mad, s.n, f.median
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------------------------

fn timeit<F: FnMut()>(samples: usize, mut f: F) -> Stats {
    for _ in 0..2 {
        f();
    }
    let mut v = Vec::with_capacity(samples);
    for _ in 0..samples {
        let t = Instant::now();
        f();
        v.push(ms_since(t));
    }
    stats(v)
}

/// What a per-call allocation costs, outside any Argon2 code. Run it in a fresh process (`alloc`): the Rust/glibc
/// rows depend on what the allocator already holds; the mmap rows do not.
fn alloc() {
    use std::alloc::{Layout, alloc_zeroed, dealloc};
    println!("## Allocation and wiping of the memory matrix (ms), 2 warm-up + 21 samples; page faults per call");
    println!("| case | operation | median | min | max | MAD | n | page faults (first call) |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- |");
    let row = |case: &str, name: &str, s: Stats, faults: f64| {
        println!(
            "| {case} | {name} | {:.2} | {:.2} | {:.2} | {:.2} | {} | {:.0} |",
            s.median, s.min, s.max, s.mad, s.n, faults
        );
    };
    let faults_of = |f: &mut dyn FnMut()| {
        let f0 = minflt();
        f();
        (minflt() - f0) as f64
    };
    for c in [OWASP, RFC2] {
        let bytes = c.m as usize / (4 * c.p as usize) * 4 * c.p as usize * 1024;
        let n = bytes / 1024;
        // 1. fresh anonymous mapping, every 4 KiB page written once, unmapped: what a per-call allocation above
        //    glibc's mmap threshold costs (always for >= 32 MiB).
        for huge in [false, true] {
            let mut f = || unsafe {
                let p = libc::mmap(
                    std::ptr::null_mut(),
                    bytes + (2 << 20),
                    libc::PROT_READ | libc::PROT_WRITE,
                    libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                    -1,
                    0,
                ) as *mut u8;
                assert!(p as isize != -1);
                let q = p.add(p.align_offset(2 << 20));
                if huge {
                    advise_huge(q, bytes);
                }
                let mut i = 0;
                while i < bytes {
                    std::ptr::write_volatile(q.add(i), 1);
                    i += 4096;
                }
                libc::munmap(p.cast(), bytes + (2 << 20));
            };
            let flt = faults_of(&mut f);
            let s = timeit(21, f);
            row(
                c.name,
                if huge {
                    "fresh mmap + MADV_HUGEPAGE + first touch + munmap"
                } else {
                    "fresh mmap + first touch of every 4 KiB page + munmap"
                },
                s,
                flt,
            );
        }
        // 2. Rust allocator paths as the crates use them (glibc state decides whether pages are fresh).
        let layout = Layout::from_size_align(bytes, 64).unwrap();
        let mut f = || unsafe {
            let p = alloc_zeroed(layout);
            black_box(p);
            dealloc(p, layout);
        };
        let flt = faults_of(&mut f);
        row(c.name, "alloc_zeroed(align 64) + dealloc (argon2 0.6 Blocks::new)", timeit(21, f), flt);
        let mut f = || {
            let v = vec![argon2_06::Block::new(); n];
            black_box(&v);
        };
        let flt = faults_of(&mut f);
        row(c.name, "vec![Block::new(); n] + drop (argon2 0.5.3, Ferrite's resize)", timeit(21, f), flt);
        // 3. wiping a kept, already-faulted buffer
        let mut keep = vec![argon2_06::Block::new(); n];
        let s = timeit(21, || {
            use zeroize::Zeroize;
            for b in keep.iter_mut() {
                b.zeroize();
            }
        });
        row(c.name, "zeroize every Block of a kept Vec<Block> (volatile u64 stores)", s, 0.0);
        let mut keepb = vec![0u8; bytes];
        let s = timeit(21, || {
            keepb.fill(0);
            black_box(&keepb);
        });
        row(c.name, "memset 0 of a kept buffer (not a guaranteed wipe)", s, 0.0);
        let s = timeit(21, || {
            for b in keepb.iter_mut() {
                unsafe { std::ptr::write_volatile(b, 0) };
            }
        });
        row(c.name, "byte-wise volatile wipe of a kept buffer", s, 0.0);
    }
}

/// What running 4 lanes per slice costs in synchronisation alone: rayon join vs. a thread spawned per lane.
fn threads() {
    use rayon::prelude::*;
    const SLICES: usize = 1000;
    println!("## Per-slice fork/join cost for 4 empty lanes (µs per slice), 2 warm-up + 21 samples of {SLICES}");
    println!("| operation | median µs | min | max | MAD | n |");
    println!("| --- | --- | --- | --- | --- | --- |");
    let row = |name: &str, s: Stats| {
        let k = 1e3 / SLICES as f64;
        println!(
            "| {name} | {:.2} | {:.2} | {:.2} | {:.2} | {} |",
            s.median * k,
            s.min * k,
            s.max * k,
            s.mad * k,
            s.n
        );
    };
    let s = timeit(21, || {
        for _ in 0..SLICES {
            (0..4usize).into_par_iter().for_each(|l| {
                black_box(l);
            });
        }
    });
    row("rayon into_par_iter over 4 lanes (global pool, 2 threads), called from outside the pool", s);
    let s = timeit(21, || {
        rayon::scope(|_| ());
        for _ in 0..SLICES {
            rayon::in_place_scope(|_| ());
        }
    });
    row("rayon in_place_scope, empty (baseline)", s);
    let s = timeit(21, || {
        for _ in 0..SLICES {
            std::thread::scope(|sc| {
                for l in 0..4usize {
                    let _ = sc.spawn(move || {
                        black_box(l);
                    });
                }
            });
        }
    });
    row("std::thread::scope spawning 4 threads (what rust-argon2 / C pthreads do per slice)", s);
}

fn info() {
    println!("## Build");
    println!("features: par06={} c-kdf={} c-sys={} c-sys-simd={}",
        cfg!(feature = "par06"), cfg!(feature = "c-kdf"), cfg!(feature = "c-sys"), cfg!(feature = "c-sys-simd"));
    println!(
        "compile-time target features: avx2={} avx512f={} sse4.1={} ssse3={}",
        cfg!(target_feature = "avx2"),
        cfg!(target_feature = "avx512f"),
        cfg!(target_feature = "sse4.1"),
        cfg!(target_feature = "ssse3")
    );
    println!(
        "run-time: avx2={} avx512f={}",
        std::arch::is_x86_feature_detected!("avx2"),
        std::arch::is_x86_feature_detected!("avx512f")
    );
    println!("rayon global pool threads: {}", rayon::current_num_threads());
    println!("argon2-rust detected backend: {}", arust::backend());
    for i in impls() {
        println!("impl: {}", i.name);
    }
    let _ = impls().iter().map(|i| (i.ad, i.secret)).count();
}

fn main() {
    #[cfg(feature = "c-sys")]
    if std::env::var("ARGON2_C_POOL_HUGE").as_deref() == Ok("1") {
        csys::HUGE.store(true, std::sync::atomic::Ordering::SeqCst);
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cmd = args.first().map(String::as_str).unwrap_or("all");
    match cmd {
        "info" => info(),
        "kat" => {
            if !kat() {
                std::process::exit(1)
            }
        }
        "bench" => {
            let samples = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(15);
            let filters: Vec<String> = args.iter().skip(2).cloned().collect();
            bench(samples, &filters)
        }
        "alloc" => alloc(),
        "threads" => threads(),
        "all" => {
            info();
            alloc();
            let ok = kat();
            threads();
            bench(15, &[]);
            if !ok {
                std::process::exit(1)
            }
        }
        other => {
            eprintln!("unknown sub-command {other}");
            std::process::exit(2)
        }
    }
}
