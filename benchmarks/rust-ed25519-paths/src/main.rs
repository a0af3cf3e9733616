//! Loads several builds of libferrite.so into one process and times Ed25519 verification through each, in
//! interleaved rounds, by process CPU time (robust to other processes competing for the cores).
use std::ffi::{CString, c_void};
type NewKey = unsafe extern "C" fn(*const u8, usize, *mut u8, usize, *mut *mut c_void) -> i32;
type Sign = unsafe extern "C" fn(*const c_void, *const u8, usize, *mut u8, usize) -> i32;
type Verify = unsafe extern "C" fn(*const u8, usize, *const u8, usize, *const u8, usize) -> i32;
type Batch = unsafe extern "C" fn(
    *const u8,
    usize,
    *const u8,
    usize,
    *const u64,
    usize,
    *const u8,
    usize,
) -> i32;
struct Lib {
    name: String,
    verify: Verify,
    batch: Batch,
    new_key: NewKey,
    sign: Sign,
}
fn sym<T: Copy>(h: *mut c_void, n: &str) -> T {
    let c = CString::new(n).unwrap();
    let p = unsafe { libc::dlsym(h, c.as_ptr()) };
    assert!(!p.is_null(), "{n}");
    unsafe { std::mem::transmute_copy(&p) }
}
fn cpu() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 * 1e6 + t.tv_nsec as f64 / 1e3
}
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(15);
    let libs: Vec<Lib> = args
        .iter()
        .map(|a| {
            let (name, path) = a.split_once('=').unwrap();
            let c = CString::new(path).unwrap();
            let h = unsafe { libc::dlopen(c.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
            assert!(!h.is_null(), "dlopen {path}");
            Lib {
                name: name.into(),
                verify: sym(h, "ferrite_ed25519_verify"),
                batch: sym(h, "ferrite_ed25519_verify_batch"),
                new_key: sym(h, "ferrite_ed25519_signing_key_new"),
                sign: sym(h, "ferrite_ed25519_sign"),
            }
        })
        .collect();
    let n = 1024;
    let (mut pks, mut sigs, mut msgs, mut offs) =
        (vec![0u8; 32 * n], vec![0u8; 64 * n], Vec::new(), vec![0u64]);
    for i in 0..n {
        let seed = [(i % 251) as u8 ^ 0x5a; 32];
        let mut key = std::ptr::null_mut();
        let msg: Vec<u8> = (0..64).map(|j| (i * 7 + j) as u8).collect();
        unsafe {
            assert_eq!(
                (libs[0].new_key)(seed.as_ptr(), 32, pks[32 * i..].as_mut_ptr(), 32, &mut key),
                0
            );
            assert_eq!(
                (libs[0].sign)(key, msg.as_ptr(), 64, sigs[64 * i..].as_mut_ptr(), 64),
                0
            );
        }
        msgs.extend_from_slice(&msg);
        offs.push(msgs.len() as u64);
    }
    let verify_one = |l: &Lib, i: usize| unsafe {
        (l.verify)(
            pks[32 * i..].as_ptr(),
            32,
            msgs[64 * i..].as_ptr(),
            64,
            sigs[64 * i..].as_ptr(),
            64,
        )
    };
    let batch = |l: &Lib, c: usize| unsafe {
        (l.batch)(
            pks.as_ptr(),
            32 * c,
            msgs.as_ptr(),
            offs[c] as usize,
            offs.as_ptr(),
            c,
            sigs.as_ptr(),
            64 * c,
        )
    };
    for l in &libs {
        assert_eq!(verify_one(l, 3), 0);
        assert_eq!(batch(l, 64), 0);
        assert_eq!(batch(l, 1024), 0);
    }
    // (lib, op) -> per-round µs per signature
    let ops = ["verify 64 B", "verifyBatch 64", "verifyBatch 1024"];
    let mut res = vec![vec![Vec::new(); ops.len()]; libs.len()];
    for r in 0..rounds + 2 {
        for k in 0..libs.len() {
            let li = (k + r) % libs.len();
            let l = &libs[li];
            let t = cpu();
            for i in 0..256 {
                assert_eq!(verify_one(l, i), 0);
            }
            let v = (cpu() - t) / 256.0;
            let t = cpu();
            for _ in 0..8 {
                assert_eq!(batch(l, 64), 0);
            }
            let b64 = (cpu() - t) / (8.0 * 64.0);
            let t = cpu();
            for _ in 0..1 {
                assert_eq!(batch(l, 1024), 0);
            }
            let b1k = (cpu() - t) / 1024.0;
            if r >= 2 {
                res[li][0].push(v);
                res[li][1].push(b64);
                res[li][2].push(b1k);
            }
        }
    }
    println!("process CPU µs per signature, {rounds} interleaved rounds: median (min-max)");
    for (o, op) in ops.iter().enumerate() {
        for (li, l) in libs.iter().enumerate() {
            let mut v = res[li][o].clone();
            v.sort_by(|a, b| a.partial_cmp(b).unwrap());
            println!(
                "{op:18} {:14} {:7.2} ({:.2}-{:.2})",
                l.name,
                v[v.len() / 2],
                v[0],
                v[v.len() - 1]
            );
        }
    }
}
