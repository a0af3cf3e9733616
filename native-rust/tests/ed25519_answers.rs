//! Ed25519 verification gives the recorded answer on every case: the RFC 8032 `sign.input` cases, Wycheproof,
//! CCTV (the vectors the Java tests use, `java-api/src/test/resources/vectors`), and about 4,000 cases derived
//! from them (bit flips in A, R, S and the message; A or R replaced by a small-order, non-canonical or random
//! encoding; S raised above ℓ; random bytes), made by a fixed-seed generator so every run sees the same ones.
//!
//! `tests/data/ed25519-answers.txt` holds one line per case, `label 0|1`, written by the verifier of the release
//! that introduced the file (ed25519-zebra 4.2 on curve25519-dalek 4.1, AVX2 path). Any later change of crate or
//! backend must reproduce it byte for byte: run this test on a CPU with AVX-512 IFMA and under
//! `qemu-x86_64 -cpu Haswell` (no AVX-512) to check both paths (see `scripts/test.sh`). Batch verification must
//! agree with single verification on every case (alone, and among valid signatures), and on one large batch.
//!
//! `FERRITE_ED25519_ANSWERS_WRITE=1 cargo test --release --test ed25519_answers` rewrites the file instead of
//! comparing (only for a deliberate change of the rule).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;
use std::path::PathBuf;

use ferrite::ed25519::{BatchItem, SigningKey, verify, verify_batch};

struct Case {
    label: String,
    key: [u8; 32],
    message: Vec<u8>,
    signature: [u8; 64],
}

fn vectors_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../java-api/src/test/resources/vectors")
}

fn answers_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/ed25519-answers.txt")
}

fn unhex(text: &str) -> Vec<u8> {
    assert!(text.len().is_multiple_of(2), "odd hex length: {text}");
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn array<const N: usize>(bytes: &[u8]) -> Option<[u8; N]> {
    bytes.try_into().ok()
}

/// SplitMix64: a fixed-seed generator for the derived cases (test data, not randomness for cryptography).
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).unwrap()
    }
    fn bytes<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0u8; N];
        for b in &mut out {
            *b = self.next().to_le_bytes()[0];
        }
        out
    }
}

/// The 14 small-order encodings listed in the CCTV README (8 canonical, 2 with x = -0, 4 with y >= p), plus
/// non-canonical encodings of ordinary points (y = p + 3, p + 4, either sign of x).
fn special_points() -> Vec<[u8; 32]> {
    let hex = [
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000080",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000080",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "f0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "f0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "f1ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "f1ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    ];
    hex.iter().map(|h| array(&unhex(h)).unwrap()).collect()
}

fn vector_cases() -> Vec<Case> {
    let dir = vectors_dir();
    let mut cases = Vec::new();

    let sign_input = std::fs::read_to_string(dir.join("ed25519/sign.input")).unwrap();
    for (n, line) in sign_input.lines().enumerate() {
        let fields: Vec<&str> = line.split(':').collect();
        assert!(fields.len() >= 4, "sign.input line {n}");
        cases.push(Case {
            label: format!("rfc-{n}"),
            key: array(&unhex(fields[1])).unwrap(),
            message: unhex(fields[2]),
            signature: array(&unhex(fields[3])[..64]).unwrap(),
        });
    }
    assert_eq!(cases.len(), 128);

    let wycheproof: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("wycheproof/ed25519_test.json")).unwrap(),
    )
    .unwrap();
    let mut wrong_length = 0;
    for group in wycheproof["testGroups"].as_array().unwrap() {
        let key = array(&unhex(group["publicKey"]["pk"].as_str().unwrap())).unwrap();
        for test in group["tests"].as_array().unwrap() {
            let id = test["tcId"].as_u64().unwrap();
            // Signatures of another length never reach the verifier (the exports refuse them).
            let Some(signature) = array(&unhex(test["sig"].as_str().unwrap())) else {
                wrong_length += 1;
                continue;
            };
            cases.push(Case {
                label: format!("wycheproof-{id}"),
                key,
                message: unhex(test["msg"].as_str().unwrap()),
                signature,
            });
        }
    }
    assert!(wrong_length > 0 && cases.len() > 128 + 100);

    let cctv: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("ed25519/cctv-ed25519vectors.json")).unwrap(),
    )
    .unwrap();
    for case in cctv.as_array().unwrap() {
        cases.push(Case {
            label: format!("cctv-{}", case["number"].as_u64().unwrap()),
            key: array(&unhex(case["key"].as_str().unwrap())).unwrap(),
            message: case["msg"].as_str().unwrap().as_bytes().to_vec(),
            signature: array(&unhex(case["sig"].as_str().unwrap())).unwrap(),
        });
    }
    cases
}

/// Adds 2^252 + 27742317777372353535851937790883648493 (ℓ) to the little-endian S (S < ℓ stays below 2^256).
fn s_plus_l(signature: &mut [u8; 64]) {
    const L: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
        0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let mut carry = 0u16;
    for (s, l) in signature[32..].iter_mut().zip(L) {
        let sum = u16::from(*s) + u16::from(l) + carry;
        *s = sum.to_le_bytes()[0];
        carry = sum >> 8;
    }
}

fn derived_cases(base: &[Case]) -> Vec<Case> {
    let mut generator = Gen(0x0f3e_25a1_9d0c_7b11);
    let specials = special_points();
    // Fresh valid signatures too: keys from fixed seeds, messages of 0..=200 bytes.
    let mut sources: Vec<Case> = (0..64u8)
        .map(|i| {
            let seed: [u8; 32] = generator.bytes();
            let key = SigningKey::from_seed(&seed).unwrap();
            let message: Vec<u8> = (0..generator.below(201))
                .map(|_| generator.next().to_le_bytes()[0])
                .collect();
            Case {
                label: format!("fresh-{i}"),
                key: key.public_key(),
                signature: key.sign(&message),
                message,
            }
        })
        .collect();
    sources.extend(
        base.iter()
            .filter(|c| c.label.starts_with("rfc-") || c.label.starts_with("wycheproof-"))
            .map(|c| Case {
                label: c.label.clone(),
                key: c.key,
                message: c.message.clone(),
                signature: c.signature,
            }),
    );
    let mut out = Vec::new();
    for source in &sources {
        let mut push = |what: &str, key: [u8; 32], message: Vec<u8>, signature: [u8; 64]| {
            out.push(Case {
                label: format!("{}/{what}", source.label),
                key,
                message,
                signature,
            });
        };
        push("same", source.key, source.message.clone(), source.signature);
        for _ in 0..2 {
            let bit = generator.below(256);
            let mut key = source.key;
            key[bit / 8] ^= 1 << (bit % 8);
            push(
                &format!("A^bit{bit}"),
                key,
                source.message.clone(),
                source.signature,
            );
            let bit = generator.below(512);
            let mut signature = source.signature;
            signature[bit / 8] ^= 1 << (bit % 8);
            push(
                &format!("sig^bit{bit}"),
                source.key,
                source.message.clone(),
                signature,
            );
        }
        if !source.message.is_empty() {
            let bit = generator.below(source.message.len() * 8);
            let mut message = source.message.clone();
            message[bit / 8] ^= 1 << (bit % 8);
            push(
                &format!("msg^bit{bit}"),
                source.key,
                message,
                source.signature,
            );
        }
        let special = generator.below(specials.len());
        push(
            &format!("A=special{special}"),
            specials[special],
            source.message.clone(),
            source.signature,
        );
        let special = generator.below(specials.len());
        let mut signature = source.signature;
        signature[..32].copy_from_slice(&specials[special]);
        push(
            &format!("R=special{special}"),
            source.key,
            source.message.clone(),
            signature,
        );
        let mut signature = source.signature;
        s_plus_l(&mut signature);
        push("S+l", source.key, source.message.clone(), signature);
        let mut signature = source.signature;
        signature[63] |= 0xe0;
        push("S-high-bits", source.key, source.message.clone(), signature);
        push(
            "random-A",
            generator.bytes(),
            source.message.clone(),
            source.signature,
        );
        let mut signature = source.signature;
        signature[..32].copy_from_slice(&generator.bytes::<32>());
        push("random-R", source.key, source.message.clone(), signature);
        push(
            "random-all",
            generator.bytes(),
            source.message.clone(),
            generator.bytes(),
        );
    }
    out.extend(
        sources
            .into_iter()
            .filter(|c| c.label.starts_with("fresh-")),
    );
    out
}

fn all_cases() -> Vec<Case> {
    let mut cases = vector_cases();
    let derived = derived_cases(&cases);
    cases.extend(derived);
    cases
}

fn batch_of(cases: &[&Case]) -> bool {
    let items: Vec<BatchItem<'_>> = cases
        .iter()
        .map(|c| BatchItem {
            public_key: &c.key,
            message: &c.message,
            signature: &c.signature,
        })
        .collect();
    verify_batch(&items)
}

#[test]
fn answers_match_the_record_and_batches_match_single() {
    let cases = all_cases();
    let answers: Vec<bool> = cases
        .iter()
        .map(|c| verify(&c.key, &c.message, &c.signature))
        .collect();
    let mut text = String::new();
    for (case, accepted) in cases.iter().zip(&answers) {
        writeln!(text, "{} {}", case.label, u8::from(*accepted)).unwrap();
    }
    let accepted = answers.iter().filter(|a| **a).count();
    println!(
        "ed25519 answers: {} cases, {accepted} accepted, {} rejected",
        cases.len(),
        cases.len() - accepted
    );

    if std::env::var_os("FERRITE_ED25519_ANSWERS_WRITE").is_some() {
        std::fs::create_dir_all(answers_path().parent().unwrap()).unwrap();
        std::fs::write(answers_path(), &text).unwrap();
        println!("wrote {}", answers_path().display());
    } else {
        let recorded = std::fs::read_to_string(answers_path()).unwrap();
        let differing: Vec<String> = recorded
            .lines()
            .zip(text.lines())
            .filter(|(a, b)| a != b)
            .map(|(a, b)| format!("recorded `{a}`, now `{b}`"))
            .take(20)
            .collect();
        assert!(
            differing.is_empty(),
            "answers differ from the record:\n{}",
            differing.join("\n")
        );
        assert_eq!(
            recorded.lines().count(),
            text.lines().count(),
            "number of cases"
        );
    }

    // Batches: each case alone, and among three valid signatures, gives its single answer.
    let valid: Vec<&Case> = cases
        .iter()
        .filter(|c| c.label.starts_with("fresh-") && !c.label.contains('/'))
        .take(3)
        .collect();
    assert_eq!(valid.len(), 3);
    for (case, &single) in cases.iter().zip(&answers) {
        assert_eq!(batch_of(&[case]), single, "batch of 1: {}", case.label);
        assert_eq!(
            batch_of(&[valid[0], case, valid[1], valid[2]]),
            single,
            "batch of 4: {}",
            case.label
        );
    }
    // One batch of every accepted case (parallel sub-batches: over 256), then with one rejected case added.
    let good: Vec<&Case> = cases
        .iter()
        .zip(&answers)
        .filter(|(_, a)| **a)
        .map(|(c, _)| c)
        .collect();
    assert!(good.len() > 256);
    assert!(batch_of(&good));
    let rejected: Vec<&Case> = cases
        .iter()
        .zip(&answers)
        .filter(|(_, a)| !**a)
        .map(|(c, _)| c)
        .collect();
    for bad in rejected.iter().step_by(rejected.len() / 12) {
        let mut batch = good.clone();
        batch.insert(batch.len() / 2, bad);
        assert!(!batch_of(&batch), "large batch with {}", bad.label);
    }
}
