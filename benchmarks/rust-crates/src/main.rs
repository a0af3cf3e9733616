//! SHA-256 throughput of the candidate crates on the workloads of benchmarks/RESULTS.md: 64 B, 1 KiB and 1 MiB
//! messages, and 10,000 messages of 256 B hashed one after another (one core). Prints the median and the spread
//! of 11 rounds per case.

use std::hint::black_box;
use std::time::Instant;

use sha2::Digest;

type Hasher = fn(&[u8]) -> u8;

fn sha2_crate(data: &[u8]) -> u8 {
    sha2::Sha256::digest(data)[0]
}

fn ring_crate(data: &[u8]) -> u8 {
    ring::digest::digest(&ring::digest::SHA256, data).as_ref()[0]
}

fn aws_lc_rs_crate(data: &[u8]) -> u8 {
    aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, data).as_ref()[0]
}

/// Nanoseconds per call: median, minimum and maximum of `rounds` rounds of `calls` calls.
fn measure(hasher: Hasher, data: &[u8], calls: usize, rounds: usize) -> (f64, f64, f64) {
    let mut samples: Vec<f64> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            let mut sink = 0u8;
            for _ in 0..calls {
                sink ^= hasher(black_box(data));
            }
            black_box(sink);
            start.elapsed().as_secs_f64() * 1e9 / calls as f64
        })
        .collect();
    samples.sort_by(f64::total_cmp);
    (samples[samples.len() / 2], samples[0], samples[samples.len() - 1])
}

fn main() {
    let crates: [(&str, Hasher); 3] =
        [("sha2 0.11", sha2_crate), ("ring 0.17", ring_crate), ("aws-lc-rs 1.19", aws_lc_rs_crate)];
    let cases: [(&str, usize, usize); 4] =
        [("64 B", 64, 200_000), ("256 B", 256, 100_000), ("1 KiB", 1024, 50_000), ("1 MiB", 1 << 20, 50)];
    println!("| crate | size | median ns/op | min | max |");
    println!("| --- | --- | --- | --- | --- |");
    for (label, size, calls) in cases {
        let data: Vec<u8> = (0..size).map(|i| (i * 31 % 251) as u8).collect();
        for (name, hasher) in crates {
            let _warm = measure(hasher, &data, calls, 3);
            let (median, min, max) = measure(hasher, &data, calls, 11);
            println!("| {name} | {label} | {median:.1} | {min:.1} | {max:.1} |");
        }
    }
}
