//! Times the DBSCAN kernel without the JVM, on data shaped like the benchmark's workloads
//! (`benchmarks/.../DbscanData.java`; same construction, not the same bits):
//!
//! - `blobs100k`, `blobs1m`: 2-D, 16 Gaussian blobs (sd 1) with centres in [-50, 50)^2 at least 12 apart, plus 1 %
//!   uniform noise; Euclidean, eps = 0.3, minPts = 10;
//! - `embed10k`: 10,000 x 1,536 "embeddings" rounded to f32: 20 topic centres on the unit sphere, a point is
//!   centre + 0.15 * random direction + a 4-D latent offset (sd 0.25), unequal topic sizes, 5 % random directions;
//!   cosine, eps = 0.1, minPts = 10.
//!
//! `cargo run --release --example dbscan_timing [workload...] [--threads 1,2] [--reps 3]`. Prints the best and
//! median time of the repetitions, the result's shape, and the peak extra resident memory of a call (Linux).
#![allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "measurement program"
)]

use std::time::Instant;

use ferrite::dbscan::{Metric, NOISE, Params, Points, dbscan};

struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
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
        loop {
            let u = 2.0 * self.uniform() - 1.0;
            let v = 2.0 * self.uniform() - 1.0;
            let s = u * u + v * v;
            if s < 1.0 && s > 0.0 {
                return u * (-2.0 * s.ln() / s).sqrt();
            }
        }
    }
    fn direction(&mut self, d: usize) -> Vec<f64> {
        let mut v: Vec<f64> = (0..d).map(|_| self.gauss()).collect();
        let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt();
        for x in &mut v {
            *x /= norm;
        }
        v
    }
}

fn blobs(n: usize) -> Vec<f64> {
    let mut rng = Rng(0x5EED_DB5C ^ n as u64);
    let mut centres: Vec<[f64; 2]> = Vec::new();
    while centres.len() < 16 {
        let c = [rng.uniform() * 100.0 - 50.0, rng.uniform() * 100.0 - 50.0];
        if centres
            .iter()
            .all(|o| (c[0] - o[0]).powi(2) + (c[1] - o[1]).powi(2) >= 144.0)
        {
            centres.push(c);
        }
    }
    let mut x = Vec::with_capacity(2 * n);
    for _ in 0..n {
        if rng.uniform() < 0.01 {
            x.push(rng.uniform() * 110.0 - 55.0);
            x.push(rng.uniform() * 110.0 - 55.0);
        } else {
            let c = centres[(rng.next_u64() % 16) as usize];
            x.push(c[0] + rng.gauss());
            x.push(c[1] + rng.gauss());
        }
    }
    x
}

fn embeddings(n: usize, d: usize) -> Vec<f32> {
    let mut rng = Rng(0xE3BED ^ n as u64);
    let topics = 20;
    let centres: Vec<Vec<f64>> = (0..topics).map(|_| rng.direction(d)).collect();
    let bases: Vec<Vec<Vec<f64>>> = (0..topics)
        .map(|_| (0..4).map(|_| rng.direction(d)).collect())
        .collect();
    let mut cumulative = Vec::new();
    let mut total = 0.0;
    for _ in 0..topics {
        total += 0.5 + rng.uniform();
        cumulative.push(total);
    }
    let mut x = Vec::with_capacity(n * d);
    for _ in 0..n {
        let mut row = rng.direction(d);
        if rng.uniform() >= 0.05 {
            let u = rng.uniform() * total;
            let t = cumulative.iter().position(|&c| c > u).unwrap_or(topics - 1);
            for (v, c) in row.iter_mut().zip(&centres[t]) {
                *v = c + 0.15 * *v;
            }
            for b in &bases[t] {
                let w = 0.25 * rng.gauss();
                for (v, bk) in row.iter_mut().zip(b) {
                    *v += w * bk;
                }
            }
        }
        x.extend(row.iter().map(|&v| v as f32));
    }
    x
}

/// `(VmRSS, VmHWM)` in KiB, if readable.
fn memory() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// CPU time of the process (all threads, user + system) in seconds, if readable (Linux, 100 ticks/s).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses): state is field 3, utime 14, stime 15.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) as f64 / 100.0)
}

/// Resets the peak-RSS counter to the current RSS (Linux; ignored elsewhere).
fn reset_peak() {
    let _ignored = std::fs::write("/proc/self/clear_refs", "5");
}

fn main() {
    let mut names: Vec<String> = Vec::new();
    let mut threads = vec![1usize, 2];
    let mut reps = 3usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--threads" => {
                threads = args
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|t| t.parse().ok())
                    .collect();
            }
            "--reps" => reps = args.next().and_then(|r| r.parse().ok()).unwrap_or(3),
            _ => names.push(arg),
        }
    }
    if names.is_empty() {
        names = vec!["blobs100k".into(), "blobs1m".into(), "embed10k".into()];
    }
    for name in &names {
        let (data64, data32, dim, metric, eps) = match name.as_str() {
            "blobs10k" => (blobs(10_000), Vec::new(), 2, Metric::Euclidean, 0.3),
            "blobs100k" => (blobs(100_000), Vec::new(), 2, Metric::Euclidean, 0.3),
            "blobs1m" => (blobs(1_000_000), Vec::new(), 2, Metric::Euclidean, 0.3),
            "embed1k" => (
                Vec::new(),
                embeddings(1_000, 1536),
                1536,
                Metric::Cosine,
                0.1,
            ),
            "embed10k" => (
                Vec::new(),
                embeddings(10_000, 1536),
                1536,
                Metric::Cosine,
                0.1,
            ),
            other => {
                eprintln!("unknown workload {other}");
                std::process::exit(2);
            }
        };
        let widened: Vec<f64> = data32.iter().map(|&v| f64::from(v)).collect();
        let inputs: Vec<(&str, Points<'_>)> = if data32.is_empty() {
            vec![("f64", Points::F64(&data64))]
        } else {
            vec![
                ("f32", Points::F32(&data32)),
                ("f64", Points::F64(&widened)),
            ]
        };
        let n = inputs[0].1.len() / dim;
        let mut labels = vec![0i32; n];
        let mut core = vec![0u8; n];
        for &(kind, points) in &inputs {
            for &t in &threads {
                let params = Params {
                    threads: t,
                    ..Params::new(eps, 10, metric)
                };
                let mut times = Vec::new();
                let mut cpu = Vec::new();
                let mut peak_kib = 0;
                for _ in 0..reps.max(1) {
                    reset_peak();
                    let before = memory();
                    let cpu_before = cpu_seconds();
                    let start = Instant::now();
                    if let Err(e) = dbscan(points, dim, &params, &mut labels, &mut core) {
                        eprintln!("{name}: {e:?}");
                        std::process::exit(1);
                    }
                    times.push(start.elapsed().as_secs_f64());
                    if let (Some(a), Some(b)) = (cpu_before, cpu_seconds()) {
                        cpu.push(b - a);
                    }
                    if let (Some((rss, _)), Some((_, hwm))) = (before, memory()) {
                        peak_kib = peak_kib.max(hwm.saturating_sub(rss));
                    }
                }
                times.sort_by(f64::total_cmp);
                cpu.sort_by(f64::total_cmp);
                let cpu_median = cpu.get(cpu.len() / 2).copied().unwrap_or(f64::NAN);
                let clusters = labels.iter().copied().max().unwrap_or(NOISE) + 1;
                let noise = labels.iter().filter(|&&l| l == NOISE).count();
                let cores = core.iter().filter(|&&c| c != 0).count();
                println!(
                    "{name:<10} {n:>9} x {dim:<4} {kind} threads={t}: best {:.3} s, median {:.3} s, CPU {cpu_median:.2} s | clusters {clusters}, noise {noise}, core {cores} | peak extra RSS {:.1} MiB ({:.0} B/point)",
                    times[0],
                    times[times.len() / 2],
                    peak_kib as f64 / 1024.0,
                    peak_kib as f64 * 1024.0 / n as f64,
                );
            }
        }
    }
}
