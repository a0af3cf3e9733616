//! Measures f32 GEMM crates on the blocks of one triangle of X·Xᵀ (exact-DBSCAN neighbour search, cosine).
//!
//! usage: ferrite-dbscan-gemm-choice tri  <crate> <block> <threads> <mode> <reps>
//!        ferrite-dbscan-gemm-choice naive <rows> <threads> <reps>
//!   crate  = mm | gemm | faer
//!   block  = 256 | 512 | 1024 | ... | strip256 | strip512 ... (strip: b rows × all later columns)
//!   mode   = tiles (rayon over tiles, each GEMM sequential) | inner (tiles in order, crate's own threading)
//! Prints one line per repetition: seconds for the whole triangle (GEMM + scan), GFLOP/s, pairs found, checksum.

use rayon::prelude::*;
use std::time::Instant;

const N: usize = 10_000;
const D: usize = 1_536;
/// cosine distance eps; a pair is a neighbour when dot >= 1 - EPS (unit vectors).
const EPS: f32 = 0.85;

fn make_x(n: usize, d: usize) -> Vec<f32> {
    // xorshift64*; sums of uniforms ≈ gaussian; then normalise each row. Adds some near-duplicates so the
    // scan finds pairs (every 50th row is a perturbed copy of the row before it).
    let mut s: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        (s.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 40) as f32 / (1u64 << 24) as f32 - 0.5
    };
    let mut x = vec![0f32; n * d];
    for i in 0..n {
        for k in 0..d {
            let g = next() + next() + next() + next();
            x[i * d + k] = if i % 50 == 1 { x[(i - 1) * d + k] + 0.3 * g } else { g };
        }
    }
    for row in x.chunks_mut(d) {
        let nrm = row.iter().map(|v| (*v as f64) * (*v as f64)).sum::<f64>().sqrt() as f32;
        row.iter_mut().for_each(|v| *v /= nrm);
    }
    x
}

#[derive(Clone, Copy, PartialEq)]
enum Crate {
    Mm,
    Gemm,
    Faer,
}

/// C (m×nc, row-major, leading dim nc) = A (m×D rows of X) · B (nc×D rows of X)ᵀ
fn block_gemm(which: Crate, a: &[f32], m: usize, b: &[f32], nc: usize, c: &mut [f32], inner_threads: usize) {
    debug_assert!(a.len() >= m * D && b.len() >= nc * D && c.len() >= m * nc);
    match which {
        Crate::Mm => unsafe {
            // SAFETY: slices cover m×D, nc×D and m×nc with the strides given.
            matrixmultiply::sgemm(
                m, D, nc, 1.0, a.as_ptr(), D as isize, 1, b.as_ptr(), 1, D as isize, 0.0, c.as_mut_ptr(),
                nc as isize, 1,
            )
        },
        Crate::Gemm => unsafe {
            let par = if inner_threads > 1 { gemm::Parallelism::Rayon(inner_threads) } else { gemm::Parallelism::None };
            // SAFETY: as above. gemm: dst = alpha·dst + beta·lhs·rhs; read_dst=false ignores alpha.
            gemm::gemm(
                m, nc, D, c.as_mut_ptr(), 1, nc as isize, false, a.as_ptr(), 1, D as isize, b.as_ptr(), D as isize,
                1, 0.0f32, 1.0f32, false, false, false, par,
            )
        },
        Crate::Faer => {
            use faer::{Accum, MatMut, MatRef, Par};
            let par = if inner_threads > 1 { Par::rayon(inner_threads) } else { Par::Seq };
            let am = MatRef::from_row_major_slice(&a[..m * D], m, D);
            let bm = MatRef::from_row_major_slice(&b[..nc * D], nc, D);
            let cm = MatMut::from_row_major_slice_mut(&mut c[..m * nc], m, nc);
            faer::linalg::matmul::matmul(cm, Accum::Replace, am, bm.transpose(), 1.0f32, par);
        }
    }
}

/// Scan of one tile: count pairs with dot >= thr; on diagonal tiles only j > i (global indices).
#[inline(never)]
fn scan(c: &[f32], m: usize, nc: usize, i0: usize, j0: usize, thr: f32) -> (u64, f64) {
    let mut cnt = 0u64;
    let mut sum = 0f64;
    for r in 0..m {
        let gi = i0 + r;
        let row = &c[r * nc..(r + 1) * nc];
        let start = if gi + 1 > j0 { (gi + 1 - j0).min(nc) } else { 0 };
        // branch-light: count with a compare, touch the hits only (rare)
        let hits = row[start..].iter().filter(|&&v| v >= thr).count();
        if hits > 0 {
            for (jj, &v) in row[start..].iter().enumerate() {
                if v >= thr {
                    sum += v as f64 + (j0 + start + jj) as f64 * 1e-9;
                }
            }
        }
        cnt += hits as u64;
    }
    (cnt, sum)
}

fn triangle(which: Crate, x: &[f32], bs: usize, strip: bool, threads: usize, mode: &str) -> (u64, f64) {
    let thr = 1.0 - EPS;
    let nb = N.div_ceil(bs);
    // tasks: (I, J) with J >= I; for strips J is "the rest of the row".
    let tasks: Vec<(usize, usize)> =
        if strip { (0..nb).map(|i| (i, i)).collect() } else { (0..nb).flat_map(|i| (i..nb).map(move |j| (i, j))).collect() };
    let run = |&(bi, bj): &(usize, usize), c: &mut Vec<f32>, inner: usize| -> (u64, f64) {
        let i0 = bi * bs;
        let m = bs.min(N - i0);
        let j0 = bj * bs;
        let nc = if strip { N - j0 } else { bs.min(N - j0) };
        if c.len() < m * nc {
            c.resize(m * nc, 0.0);
        }
        block_gemm(which, &x[i0 * D..], m, &x[j0 * D..], nc, c, inner);
        scan(c, m, nc, i0, j0, thr)
    };
    if mode == "tiles" && threads > 1 {
        // biggest tasks first for strips (they shrink)
        tasks
            .par_iter()
            .with_max_len(1)
            .map_init(Vec::new, |c, t| run(t, c, 1))
            .reduce(|| (0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1))
    } else {
        let mut c = Vec::new();
        let mut acc = (0u64, 0f64);
        for t in &tasks {
            let r = run(t, &mut c, threads);
            acc.0 += r.0;
            acc.1 += r.1;
        }
        acc
    }
}

// ---------- naive pairwise dot, run-time dispatched ----------
#[cfg(target_arch = "x86_64")]
mod naive {
    use std::arch::x86_64::*;

    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn dot_avx2(a: &[f32], b: &[f32]) -> f32 {
        let n = a.len();
        let (pa, pb) = (a.as_ptr(), b.as_ptr());
        let mut acc = [_mm256_setzero_ps(); 4];
        let mut k = 0;
        // SAFETY (all loads): k + 32 <= n = a.len() = b.len().
        while k + 32 <= n {
            for u in 0..4 {
                let va = unsafe { _mm256_loadu_ps(pa.add(k + 8 * u)) };
                let vb = unsafe { _mm256_loadu_ps(pb.add(k + 8 * u)) };
                acc[u] = _mm256_fmadd_ps(va, vb, acc[u]);
            }
            k += 32;
        }
        let s = _mm256_add_ps(_mm256_add_ps(acc[0], acc[1]), _mm256_add_ps(acc[2], acc[3]));
        let mut t = [0f32; 8];
        unsafe { _mm256_storeu_ps(t.as_mut_ptr(), s) };
        let mut r: f32 = t.iter().sum();
        while k < n {
            r += a[k] * b[k];
            k += 1;
        }
        r
    }

    #[target_feature(enable = "avx512f")]
    pub unsafe fn dot_avx512(a: &[f32], b: &[f32]) -> f32 {
        let n = a.len();
        let (pa, pb) = (a.as_ptr(), b.as_ptr());
        let mut acc = [_mm512_setzero_ps(); 4];
        let mut k = 0;
        while k + 64 <= n {
            for u in 0..4 {
                let va = unsafe { _mm512_loadu_ps(pa.add(k + 16 * u)) };
                let vb = unsafe { _mm512_loadu_ps(pb.add(k + 16 * u)) };
                acc[u] = _mm512_fmadd_ps(va, vb, acc[u]);
            }
            k += 64;
        }
        let s = _mm512_add_ps(_mm512_add_ps(acc[0], acc[1]), _mm512_add_ps(acc[2], acc[3]));
        let mut r = _mm512_reduce_add_ps(s);
        while k < n {
            r += a[k] * b[k];
            k += 1;
        }
        r
    }
}

fn dot_scalar(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn naive_rows(x: &[f32], rows: usize, threads: usize, isa: &str) -> (u64, f64, f64) {
    let thr = 1.0 - EPS;
    let dot: fn(&[f32], &[f32]) -> f32 = match isa {
        "avx512" if is_x86_feature_detected!("avx512f") => |a, b| unsafe { naive::dot_avx512(a, b) },
        "avx2" if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") => {
            |a, b| unsafe { naive::dot_avx2(a, b) }
        }
        _ => dot_scalar,
    };
    // rows spread over the whole range so the projection is unbiased: i = k * N / rows
    let idx: Vec<usize> = (0..rows).map(|k| k * N / rows).collect();
    let work = |&i: &usize| -> (u64, f64, f64) {
        let a = &x[i * D..(i + 1) * D];
        let mut cnt = 0u64;
        let mut s = 0f64;
        for j in i + 1..N {
            let v = dot(a, &x[j * D..(j + 1) * D]);
            if v >= thr {
                cnt += 1;
                s += v as f64;
            }
        }
        (cnt, s, ((N - i - 1) * D * 2) as f64)
    };
    let red = |a: (u64, f64, f64), b: (u64, f64, f64)| (a.0 + b.0, a.1 + b.1, a.2 + b.2);
    if threads > 1 { idx.par_iter().map(work).reduce(|| (0, 0.0, 0.0), red) } else { idx.iter().map(work).fold((0, 0.0, 0.0), red) }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let x = make_x(N, D);
    let tri_flops = (N as f64) * (N as f64 + 1.0) / 2.0 * D as f64 * 2.0;
    let isa = if is_x86_feature_detected!("avx512f") {
        "avx512f"
    } else if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
        "avx2+fma"
    } else {
        "sse2"
    };
    match args.get(1).map(String::as_str) {
        Some("tri") => {
            let which = match args[2].as_str() {
                "mm" => Crate::Mm,
                "gemm" => Crate::Gemm,
                "faer" => Crate::Faer,
                o => panic!("crate {o}"),
            };
            let (strip, bs) = match args[3].strip_prefix("strip") {
                Some(b) => (true, b.parse().unwrap()),
                None => (false, args[3].parse().unwrap()),
            };
            let threads: usize = args[4].parse().unwrap();
            let mode = args[5].clone();
            let reps: usize = args[6].parse().unwrap();
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            // correctness spot check vs f64 dot on one off-diagonal tile
            {
                let (m, nc) = (64, 64);
                let mut c = vec![0f32; m * nc];
                pool.install(|| block_gemm(which, &x[100 * D..], m, &x[5000 * D..], nc, &mut c, threads));
                let mut maxerr = 0f64;
                for r in 0..m {
                    for q in 0..nc {
                        let e: f64 = (0..D).map(|k| x[(100 + r) * D + k] as f64 * x[(5000 + q) * D + k] as f64).sum();
                        maxerr = maxerr.max((e - c[r * nc + q] as f64).abs());
                    }
                }
                eprintln!("check {}: max |err| vs f64 = {maxerr:.2e}", args[2]);
                assert!(maxerr < 1e-4);
            }
            for rep in 0..reps {
                let t = Instant::now();
                let (cnt, sum) = pool.install(|| triangle(which, &x, bs, strip, threads, &mode));
                let s = t.elapsed().as_secs_f64();
                println!(
                    "RESULT crate={} block={} threads={} mode={} rep={} secs={:.4} gflops={:.1} pairs={} sum={:.6} isa={}",
                    args[2], args[3], threads, mode, rep, s, tri_flops / s / 1e9, cnt, sum, isa
                );
            }
        }
        Some("gemmonly") => {
            // one square block product repeated, no scan: raw GFLOP/s of the crate for this shape
            let which = match args[2].as_str() {
                "mm" => Crate::Mm,
                "gemm" => Crate::Gemm,
                _ => Crate::Faer,
            };
            let (m, nc): (usize, usize) = (args[3].parse().unwrap(), args[4].parse().unwrap());
            let threads: usize = args[5].parse().unwrap();
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let mut c = vec![0f32; m * nc];
            let iters = ((20e9 / (2.0 * m as f64 * nc as f64 * D as f64)) as usize).max(3);
            for rep in 0..5 {
                let t = Instant::now();
                for it in 0..iters {
                    let i0 = (it * 977) % (N - m);
                    pool.install(|| block_gemm(which, &x[i0 * D..], m, &x[(N - nc) * D..], nc, &mut c, threads));
                }
                let s = t.elapsed().as_secs_f64();
                println!(
                    "GEMMONLY crate={} m={m} n={nc} threads={threads} rep={rep} gflops={:.1}",
                    args[2],
                    2.0 * (m * nc * D * iters) as f64 / s / 1e9
                );
            }
        }
        Some("naive") => {
            let rows: usize = args[2].parse().unwrap();
            let threads: usize = args[3].parse().unwrap();
            let reps: usize = args[4].parse().unwrap();
            let which = args.get(5).cloned().unwrap_or("avx512".into());
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            for rep in 0..reps {
                let t = Instant::now();
                let (cnt, _s, fl) = pool.install(|| naive_rows(&x, rows, threads, &which));
                let s = t.elapsed().as_secs_f64();
                let g = fl / s / 1e9;
                println!(
                    "RESULT crate=naive-{which} rows={rows} threads={threads} rep={rep} secs={s:.4} gflops={g:.1} projected_tri_secs={:.3} pairs_sampled={cnt}",
                    tri_flops / g / 1e9
                );
            }
        }
        _ => eprintln!("see source header for usage; cpu isa = {isa}"),
    }
}
