//! DBSCAN against a brute-force reference (the canonical predicate on every pair), for both methods, both
//! element types, several thread counts, edge cases, and the checks of the C export.
#![allow(
    clippy::panic,
    clippy::cast_possible_truncation,
    clippy::cast_precision_loss,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap,
    clippy::multiple_unsafe_ops_per_block,
    missing_docs,
    unused_results
)]

use ferrite::dbscan::{DbscanError, Method, Metric, NOISE, Params, Points, dbscan};
use ferrite::ffi::ferrite_dbscan;
use ferrite::status::FerriteStatus;
use std::ptr;

// ------------------------------------------------------------------------------------------ data

struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn gauss(&mut self) -> f64 {
        let u = self.uniform().max(1e-300);
        let v = self.uniform();
        (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
    }
}

/// `n` points in `d` dimensions: `k` Gaussian blobs (spread `sigma`) with centres in [-10, 10]^d, plus about 10 %
/// uniform noise over the box.
fn blobs(n: usize, d: usize, k: usize, sigma: f64, seed: u64) -> Vec<f64> {
    let mut rng = Rng(seed);
    let centres: Vec<f64> = (0..k * d).map(|_| rng.uniform() * 20.0 - 10.0).collect();
    let mut x = Vec::with_capacity(n * d);
    for _ in 0..n {
        if rng.uniform() < 0.1 {
            for _ in 0..d {
                x.push(rng.uniform() * 24.0 - 12.0);
            }
        } else {
            let c = (rng.next_u64() % k as u64) as usize;
            for j in 0..d {
                x.push(centres[c * d + j] + sigma * rng.gauss());
            }
        }
    }
    x
}

/// Embedding-like rows: `k` centres on the unit sphere, each point a centre plus Gaussian noise of total norm
/// about `spread`, and 10 % uniform directions.
fn embeddings(n: usize, d: usize, k: usize, spread: f64, seed: u64) -> Vec<f64> {
    let mut rng = Rng(seed);
    let mut centres = vec![0.0; k * d];
    for c in 0..k {
        let row = &mut centres[c * d..(c + 1) * d];
        for v in row.iter_mut() {
            *v = rng.gauss();
        }
        let norm = row.iter().map(|v| v * v).sum::<f64>().sqrt();
        for v in row.iter_mut() {
            *v /= norm;
        }
    }
    let per = spread / (d as f64).sqrt();
    let mut x = Vec::with_capacity(n * d);
    for _ in 0..n {
        if rng.uniform() < 0.1 {
            for _ in 0..d {
                x.push(rng.gauss());
            }
        } else {
            let c = (rng.next_u64() % k as u64) as usize;
            for j in 0..d {
                x.push(centres[c * d + j] + per * rng.gauss());
            }
        }
    }
    x
}

// ------------------------------------------------------------------------------------------ reference

/// Canonical predicate on every pair, then components, border minima and numbering, as the specification says.
fn reference(x: &[f64], d: usize, eps: f64, min_pts: usize, metric: Metric) -> (Vec<i32>, Vec<u8>) {
    let n = x.len() / d;
    let units: Vec<f64> = match metric {
        Metric::Euclidean => Vec::new(),
        Metric::Cosine => {
            let mut u = vec![0.0; n * d];
            for i in 0..n {
                let row = &x[i * d..(i + 1) * d];
                let m = row.iter().fold(0.0f64, |a, v| a.max(v.abs()));
                let mut q = 0.0;
                for v in row {
                    let t = v / m;
                    q += t * t;
                }
                let r = q.sqrt();
                for k in 0..d {
                    u[i * d + k] = (row[k] / m) / r;
                }
            }
            u
        }
    };
    let nb = |i: usize, j: usize| -> bool {
        if i == j {
            return true;
        }
        match metric {
            Metric::Euclidean => {
                let mut s = 0.0;
                for k in 0..d {
                    let t = x[i * d + k] - x[j * d + k];
                    s += t * t;
                }
                s <= eps * eps
            }
            Metric::Cosine => {
                let mut c = 0.0;
                for k in 0..d {
                    c += units[i * d + k] * units[j * d + k];
                }
                1.0 - c <= eps
            }
        }
    };
    let core: Vec<u8> = (0..n)
        .map(|i| u8::from((0..n).filter(|&j| nb(i, j)).count() >= min_pts))
        .collect();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(parent: &mut [usize], mut a: usize) -> usize {
        while parent[a] != a {
            parent[a] = parent[parent[a]];
            a = parent[a];
        }
        a
    }
    for i in 0..n {
        for j in i + 1..n {
            if core[i] != 0 && core[j] != 0 && nb(i, j) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                if a != b {
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
    }
    let mut number = vec![-1i32; n];
    let mut next = 0;
    let mut labels = vec![NOISE; n];
    for i in 0..n {
        let node = if core[i] != 0 {
            Some(i)
        } else {
            (0..n).find(|&j| core[j] != 0 && nb(i, j))
        };
        if let Some(node) = node {
            let root = find(&mut parent, node);
            if number[root] < 0 {
                number[root] = next;
                next += 1;
            }
            labels[i] = number[root];
        }
    }
    (labels, core)
}

fn run(points: Points<'_>, d: usize, params: &Params) -> (Vec<i32>, Vec<u8>) {
    let n = points.len() / d;
    let mut labels = vec![7i32; n];
    let mut core = vec![7u8; n];
    match dbscan(points, d, params, &mut labels, &mut core) {
        Ok(()) => (labels, core),
        Err(e) => panic!("dbscan failed: {e:?} d={d} params={params:?}"),
    }
}

fn params(eps: f64, min_pts: usize, metric: Metric, threads: usize, method: Method) -> Params {
    Params {
        threads,
        method,
        ..Params::new(eps, min_pts, metric)
    }
}

/// Checks every method and thread count against the reference (and f32 input against the reference on the
/// widened values). Returns the reference.
fn check(x: &[f64], d: usize, eps: f64, min_pts: usize, metric: Metric) -> (Vec<i32>, Vec<u8>) {
    let expected = reference(x, d, eps, min_pts, metric);
    for method in [Method::Auto, Method::Blocked] {
        for threads in [1, 2, 0] {
            let p = params(eps, min_pts, metric, threads, method);
            let got = run(Points::F64(x), d, &p);
            assert_eq!(
                got, expected,
                "{metric:?} d={d} eps={eps} minPts={min_pts} {method:?} threads={threads}"
            );
        }
    }
    let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
    if x32.iter().any(|v| !v.is_finite()) {
        return expected;
    }
    let widened: Vec<f64> = x32.iter().map(|&v| f64::from(v)).collect();
    let expected32 = reference(&widened, d, eps, min_pts, metric);
    for method in [Method::Auto, Method::Blocked] {
        for threads in [1, 2] {
            let p = params(eps, min_pts, metric, threads, method);
            assert_eq!(
                run(Points::F32(&x32), d, &p),
                expected32,
                "f32 {metric:?} d={d} eps={eps} {method:?} threads={threads}"
            );
        }
    }
    expected
}

fn clusters(labels: &[i32]) -> i32 {
    labels.iter().copied().max().unwrap_or(-1) + 1
}

/// The result has several clusters, noise, and border points (non-core points in a cluster).
fn assert_interesting((labels, core): &(Vec<i32>, Vec<u8>)) {
    assert!(clusters(labels) >= 2, "clusters: {}", clusters(labels));
    assert!(labels.contains(&NOISE), "no noise");
    assert!(
        labels.iter().zip(core).any(|(&l, &c)| l >= 0 && c == 0),
        "no border point"
    );
}

// ------------------------------------------------------------------------------------------ results

#[test]
fn euclidean_2d_blobs() {
    let x = blobs(1500, 2, 6, 0.6, 1);
    assert_interesting(&check(&x, 2, 0.3, 5, Metric::Euclidean));
    check(&x, 2, 0.15, 3, Metric::Euclidean);
    check(&x, 2, 1.0, 20, Metric::Euclidean);
}

#[test]
fn euclidean_3d_and_1d_blobs() {
    let x = blobs(1200, 3, 5, 0.5, 2);
    assert_interesting(&check(&x, 3, 0.5, 6, Metric::Euclidean));
    let x = blobs(800, 1, 4, 0.4, 3);
    assert_interesting(&check(&x, 1, 0.02, 4, Metric::Euclidean));
}

#[test]
fn euclidean_high_dimension() {
    let x = blobs(500, 20, 4, 0.5, 4);
    assert_interesting(&check(&x, 20, 2.6, 5, Metric::Euclidean));
    let x = blobs(300, 5, 3, 0.3, 5);
    check(&x, 5, 0.5, 4, Metric::Euclidean);
}

#[test]
fn cosine_3d() {
    let x = embeddings(1000, 3, 6, 0.15, 6);
    assert_interesting(&check(&x, 3, 0.002, 6, Metric::Cosine));
    check(&x, 3, 0.01, 10, Metric::Cosine);
    // 2-D directions.
    let x = embeddings(600, 2, 5, 0.1, 7);
    check(&x, 2, 0.0005, 4, Metric::Cosine);
}

#[test]
fn cosine_embedding_like() {
    let x = embeddings(500, 64, 5, 0.3, 8);
    assert_interesting(&check(&x, 64, 0.085, 5, Metric::Cosine));
    check(&x, 64, 0.1, 10, Metric::Cosine);
}

#[test]
fn lattice_points_at_exactly_eps() {
    // Integer lattice: neighbours at distance exactly 1 (canonical s = 1 <= 1) and sqrt(2).
    let mut x = Vec::new();
    for i in 0..20 {
        for j in 0..15 {
            if (i * 7 + j * 3) % 5 != 0 {
                x.push(f64::from(i));
                x.push(f64::from(j));
            }
        }
    }
    for (eps, min_pts) in [(1.0, 3), (1.0, 5), (2f64.sqrt(), 7), (0.999_999_999, 2)] {
        check(&x, 2, eps, min_pts, Metric::Euclidean);
    }
    // Tenths in f64 and f32 (decimal values that round).
    let y: Vec<f64> = x.iter().map(|v| v * 0.1).collect();
    check(&y, 2, 0.1, 4, Metric::Euclidean);
    check(&y, 2, 0.3, 9, Metric::Euclidean);
}

#[test]
fn dense_clusters_just_apart_and_just_touching() {
    // Two dense squares whose facing edges are about eps apart: adjacent cells full of core points with no (or
    // few) neighbour pairs across the gap.
    let mut rng = Rng(21);
    let eps = 0.05;
    for gap in [0.0499, 0.05, 0.0501] {
        let mut x = Vec::new();
        for side in 0..2 {
            let left = if side == 0 { 0.0 } else { 0.5 + gap };
            for _ in 0..700 {
                x.push(left + 0.5 * rng.uniform());
                x.push(0.5 * rng.uniform());
            }
            // Points on the facing edges, at equal heights.
            for k in 0..20 {
                x.push(if side == 0 { 0.5 } else { 0.5 + gap });
                x.push(f64::from(k) * 0.025);
            }
        }
        let (labels, _) = check(&x, 2, eps, 4, Metric::Euclidean);
        if gap < eps {
            assert_eq!(clusters(&labels), 1, "gap {gap}");
        } else if gap > eps {
            assert_eq!(clusters(&labels), 2, "gap {gap}");
        }
        if gap > eps {
            let x3: Vec<f64> = x.chunks(2).flat_map(|p| [p[0], p[1], 0.5 * p[1]]).collect();
            check(&x3, 3, eps, 4, Metric::Euclidean);
        }
    }
}

#[test]
fn edge_cases() {
    for metric in [Metric::Euclidean, Metric::Cosine] {
        for d in [1, 2, 3, 5] {
            // n = 0, 1, 2.
            assert_eq!(
                run(Points::F64(&[]), d, &Params::new(0.5, 1, metric)),
                (vec![], vec![])
            );
            let one = vec![1.0; d];
            assert_eq!(
                run(Points::F64(&one), d, &Params::new(0.5, 1, metric)),
                (vec![0], vec![1])
            );
            assert_eq!(
                run(Points::F64(&one), d, &Params::new(0.5, 2, metric)),
                (vec![NOISE], vec![0])
            );
            let mut two = vec![1.0; d];
            two.extend(vec![1.25; d]);
            check(&two, d, 0.5, 2, metric);
            check(&two, d, 0.5, 3, metric);
            check(&two, d, 1e-12, 1, metric);
            // All identical points.
            let same: Vec<f64> = (0..50 * d).map(|k| 0.5 + (k % d) as f64).collect();
            check(&same, d, 0.1, 5, metric);
            check(&same, d, 0.1, 51, metric);
            check(&same, d, 1e-9, 50, metric);
            // minPts = 1: every point is core.
            let x = blobs(200, d, 3, 0.5, 10 + d as u64);
            let (_, core) = check(&x, d, 0.2, 1, metric);
            assert!(core.iter().all(|&c| c == 1));
            // Huge eps: one cluster.
            let (labels, core) = check(&x, d, 1e300, 3, metric);
            assert!(labels.iter().all(|&l| l == 0) && core.iter().all(|&c| c == 1));
            // Duplicates mixed in.
            let mut dup = x.clone();
            dup.extend_from_slice(&x[..60 * d]);
            dup.extend_from_slice(&x[..20 * d]);
            check(&dup, d, 0.3, 4, metric);
        }
    }
}

#[test]
fn tiny_eps_and_extreme_scales() {
    // Cosine below the clique threshold (eps < 1e-6): near-duplicate directions.
    let mut x = Vec::new();
    let mut rng = Rng(11);
    for c in 0..5 {
        let base = [1.0 + f64::from(c), 2.0 - f64::from(c) * 0.3, 0.5];
        for _ in 0..30 {
            for b in base {
                x.push(b * (1.0 + 1e-9 * rng.gauss()));
            }
        }
    }
    for eps in [1e-7, 1e-12, 1e-15, 1e-17] {
        check(&x, 3, eps, 3, Metric::Cosine);
    }
    // Euclidean with eps below 1e-150 and points closer than that (squares underflow in the canonical sum).
    let tiny: Vec<f64> = (0..120)
        .map(|k| 1e-170 * f64::from((k * 37) % 11) + if k % 3 == 0 { 1e-200 } else { 0.0 })
        .collect();
    for d in [1, 2, 3, 4] {
        let len = tiny.len() / d * d;
        check(&tiny[..len], d, 1e-200, 3, Metric::Euclidean);
        check(&tiny[..len], d, 1e-160, 3, Metric::Euclidean);
    }
    // Eps below 1e-150 with d <= 3 (the grid's reach would exceed 8 cells: the blocked method): steps of 1e-163
    // are canonical neighbours up to 15 steps apart (the squares underflow to 0 <= eps^2 = 0), far beyond
    // eps = 1e-165.
    let steps: Vec<f64> = (0..96).map(|k| f64::from(k) * 1e-163).collect();
    for d in [1, 2, 3] {
        let (labels, _) = check(&steps, d, 1e-165, 3, Metric::Euclidean);
        assert!(labels.iter().all(|&l| l == 0));
    }
    // Around the grid's reach limit (Rc = 1e-150 (1 + 1e-9), reach 3 to 8 cells, then the blocked method).
    let near: Vec<f64> = (0..96).map(|k| f64::from((k * 29) % 48) * 7e-152).collect();
    for d in [1, 2, 3] {
        for eps in [4e-151, 2e-151, 1.3e-151, 1e-151, 5e-152] {
            check(&near, d, eps, 2, Metric::Euclidean);
        }
    }
    // Coordinates near the 1e150 limit.
    let big: Vec<f64> = blobs(300, 2, 3, 0.5, 12)
        .iter()
        .map(|v| v * 7e148)
        .collect();
    assert!(big.iter().all(|v| v.abs() <= 1e150));
    check(&big, 2, 4e148, 4, Metric::Euclidean);
    check(&big, 2, 1e151, 4, Metric::Euclidean);
    // Many cells along an axis (the clique shortcut is off beyond 2^30 cells) and the blocked fallback beyond
    // 2^40.
    let mut wide = blobs(300, 2, 3, 0.5, 13);
    wide.extend_from_slice(&[1e9, 1e9, -1e9, -1e9]);
    check(&wide, 2, 0.2, 3, Metric::Euclidean);
    check(&wide, 2, 1e-4, 2, Metric::Euclidean);
}

#[test]
fn thread_counts_agree() {
    let x = blobs(3000, 2, 8, 0.5, 14);
    let base = run(
        Points::F64(&x),
        2,
        &params(0.2, 6, Metric::Euclidean, 1, Method::Auto),
    );
    for threads in [2, 3, 0, 64] {
        let p = params(0.2, 6, Metric::Euclidean, threads, Method::Auto);
        assert_eq!(run(Points::F64(&x), 2, &p), base, "threads={threads}");
    }
    let e = embeddings(700, 32, 6, 0.3, 15);
    let base = run(
        Points::F64(&e),
        32,
        &params(0.1, 5, Metric::Cosine, 1, Method::Auto),
    );
    for threads in [2, 0] {
        let p = params(0.1, 5, Metric::Cosine, threads, Method::Auto);
        assert_eq!(run(Points::F64(&e), 32, &p), base, "threads={threads}");
    }
}

// ------------------------------------------------------------------------------------------ validation

#[test]
fn kernel_rejects_bad_input() {
    let x = [0.0, 1.0, 2.0, 3.0];
    let mut labels = [0i32; 2];
    let mut core = [0u8; 2];
    let mut call = |x: &[f64], d: usize, eps: f64, min_pts: usize, metric: Metric| {
        dbscan(
            Points::F64(x),
            d,
            &Params::new(eps, min_pts, metric),
            &mut labels,
            &mut core,
        )
    };
    let invalid = Err(DbscanError::InvalidArgument);
    assert_eq!(call(&x, 2, 0.5, 1, Metric::Euclidean), Ok(()));
    assert_eq!(call(&x, 0, 0.5, 1, Metric::Euclidean), invalid);
    assert_eq!(call(&x, 3, 0.5, 1, Metric::Euclidean), invalid);
    assert_eq!(call(&x, 2, 0.0, 1, Metric::Euclidean), invalid);
    assert_eq!(call(&x, 2, -1.0, 1, Metric::Euclidean), invalid);
    assert_eq!(call(&x, 2, f64::NAN, 1, Metric::Euclidean), invalid);
    assert_eq!(call(&x, 2, f64::INFINITY, 1, Metric::Euclidean), invalid);
    assert_eq!(call(&x, 2, 0.5, 0, Metric::Euclidean), invalid);
    assert_eq!(
        call(&[0.0, f64::NAN, 1.0, 1.0], 2, 0.5, 1, Metric::Euclidean),
        invalid
    );
    assert_eq!(
        call(&[0.0, f64::INFINITY, 1.0, 1.0], 2, 0.5, 1, Metric::Cosine),
        invalid
    );
    assert_eq!(
        call(&[0.0, 1.1e150, 1.0, 1.0], 2, 0.5, 1, Metric::Euclidean),
        invalid
    );
    assert_eq!(
        call(&[0.0, 1e150, 1.0, 1.0], 2, 0.5, 1, Metric::Euclidean),
        Ok(())
    );
    assert_eq!(
        call(&[0.0, 1.1e150, 1.0, 1.0], 2, 0.5, 1, Metric::Cosine),
        Ok(())
    );
    assert_eq!(
        call(&[0.0, 0.0, 1.0, 1.0], 2, 0.5, 1, Metric::Cosine),
        invalid
    );
    assert_eq!(
        call(&[0.0, 0.0, 1.0, 1.0], 2, 0.5, 1, Metric::Euclidean),
        Ok(())
    );
    let mut short = [0u8; 1];
    assert_eq!(
        dbscan(
            Points::F64(&x),
            2,
            &Params::new(0.5, 1, Metric::Euclidean),
            &mut labels,
            &mut short
        ),
        invalid
    );
}

const INVALID: i32 = FerriteStatus::InvalidArgument.code();

/// Calls the export on `f64` points with the given overrides.
#[allow(clippy::too_many_arguments)]
fn ffi(
    points: *const u8,
    element_size: usize,
    n: usize,
    dim: usize,
    eps: f64,
    min_pts: usize,
    metric: u32,
    labels: *mut i32,
    labels_len: usize,
    core: *mut u8,
    core_len: usize,
) -> i32 {
    // SAFETY: the tests pass buffers valid for the lengths given, or pointers the export must reject unread.
    unsafe {
        ferrite_dbscan(
            points.cast(),
            element_size,
            n,
            dim,
            eps,
            min_pts,
            metric,
            1,
            labels,
            labels_len,
            core,
            core_len,
        )
    }
}

#[test]
fn export_checks_pointers_lengths_and_values() {
    let x = blobs(40, 2, 2, 0.3, 16);
    let n = 20;
    let p = x.as_ptr().cast::<u8>();
    let mut labels = vec![0i32; n + 1];
    let mut core = vec![0u8; n + 1];
    let l = labels.as_mut_ptr();
    let c = core.as_mut_ptr();

    assert_eq!(ffi(p, 8, n, 2, 0.5, 3, 0, l, n, c, n), 0);
    let expected = reference(&x[..n * 2], 2, 0.5, 3, Metric::Euclidean);
    assert_eq!((labels[..n].to_vec(), core[..n].to_vec()), expected);

    // f32 points.
    let x32: Vec<f32> = x.iter().map(|&v| v as f32).collect();
    assert_eq!(ffi(x32.as_ptr().cast(), 4, n, 2, 0.5, 3, 1, l, n, c, n), 0);

    // Null pointers (n > 0), and n = 0 with nulls.
    assert_eq!(ffi(ptr::null(), 8, n, 2, 0.5, 3, 0, l, n, c, n), INVALID);
    assert_eq!(
        ffi(p, 8, n, 2, 0.5, 3, 0, ptr::null_mut(), n, c, n),
        INVALID
    );
    assert_eq!(
        ffi(p, 8, n, 2, 0.5, 3, 0, l, n, ptr::null_mut(), n),
        INVALID
    );
    assert_eq!(
        ffi(
            ptr::null(),
            8,
            0,
            2,
            0.5,
            3,
            0,
            ptr::null_mut(),
            0,
            ptr::null_mut(),
            0
        ),
        0
    );
    // Element size, metric, dim.
    for size in [0, 1, 2, 3, 16] {
        assert_eq!(ffi(p, size, n, 2, 0.5, 3, 0, l, n, c, n), INVALID);
    }
    assert_eq!(ffi(p, 8, n, 2, 0.5, 3, 2, l, n, c, n), INVALID);
    assert_eq!(ffi(p, 8, n, 0, 0.5, 3, 0, l, n, c, n), INVALID);
    // Lengths.
    assert_eq!(ffi(p, 8, n, 2, 0.5, 3, 0, l, n + 1, c, n), INVALID);
    assert_eq!(ffi(p, 8, n, 2, 0.5, 3, 0, l, n - 1, c, n), INVALID);
    assert_eq!(ffi(p, 8, n, 2, 0.5, 3, 0, l, n, c, n + 1), INVALID);
    assert_eq!(ffi(p, 8, n, 2, 0.5, 3, 0, l, n, c, n - 1), INVALID);
    assert_eq!(
        ffi(p, 8, usize::MAX, 2, 0.5, 3, 0, l, usize::MAX, c, usize::MAX),
        INVALID
    );
    assert_eq!(ffi(p, 8, 2, usize::MAX / 2, 0.5, 3, 0, l, 2, c, 2), INVALID);
    // Misaligned points and labels.
    // SAFETY: one byte into the buffer, still inside it; the export must reject it before reading.
    let p1 = unsafe { p.add(1) };
    assert_eq!(ffi(p1, 8, n - 1, 2, 0.5, 3, 0, l, n - 1, c, n - 1), INVALID);
    let p4 = x32.as_ptr().cast::<u8>();
    // SAFETY: as above.
    let p4 = unsafe { p4.add(2) };
    assert_eq!(ffi(p4, 4, n - 1, 2, 0.5, 3, 0, l, n - 1, c, n - 1), INVALID);
    // SAFETY: as above, in the labels buffer (n + 1 entries).
    let l1 = unsafe { l.cast::<u8>().add(1) }.cast::<i32>();
    assert_eq!(ffi(p, 8, n, 2, 0.5, 3, 0, l1, n, c, n), INVALID);
    // Overlapping buffers.
    let mut scratch = vec![0.0f64; 2 * n];
    let s = scratch.as_mut_ptr();
    assert_eq!(
        ffi(s.cast(), 8, n, 2, 0.5, 3, 0, s.cast(), n, c, n),
        INVALID
    );
    assert_eq!(ffi(p, 8, n, 2, 0.5, 3, 0, l, n, l.cast(), n), INVALID);
    // eps, minPts.
    for eps in [0.0, -1.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(ffi(p, 8, n, 2, eps, 3, 0, l, n, c, n), INVALID);
    }
    assert_eq!(ffi(p, 8, n, 2, 0.5, 0, 0, l, n, c, n), INVALID);
    // Values: NaN, infinity, beyond 1e150 (Euclidean), zero row (cosine).
    let mut bad = x[..n * 2].to_vec();
    for (value, metric) in [
        (f64::NAN, 0),
        (f64::NAN, 1),
        (f64::INFINITY, 0),
        (f64::NEG_INFINITY, 1),
        (-2e150, 0),
    ] {
        bad[7] = value;
        assert_eq!(
            ffi(bad.as_ptr().cast(), 8, n, 2, 0.5, 3, metric, l, n, c, n),
            INVALID
        );
    }
    bad[7] = 0.0;
    bad[6] = 0.0;
    assert_eq!(
        ffi(bad.as_ptr().cast(), 8, n, 2, 0.5, 3, 1, l, n, c, n),
        INVALID
    );
    assert_eq!(ffi(bad.as_ptr().cast(), 8, n, 2, 0.5, 3, 0, l, n, c, n), 0);
    let mut bad32 = x32[..n * 2].to_vec();
    bad32[3] = f32::NAN;
    assert_eq!(
        ffi(bad32.as_ptr().cast(), 4, n, 2, 0.5, 3, 0, l, n, c, n),
        INVALID
    );
    bad32[3] = 0.0;
    bad32[2] = 0.0;
    assert_eq!(
        ffi(bad32.as_ptr().cast(), 4, n, 2, 0.5, 3, 1, l, n, c, n),
        INVALID
    );
    drop(scratch);
}
