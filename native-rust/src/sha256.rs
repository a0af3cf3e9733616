//! SHA-256 (FIPS 180-4) through AWS-LC (`aws-lc-rs`), which selects SHA-NI or AVX code at run time.

use std::sync::Mutex;

use aws_lc_rs::digest::{Context, SHA256};

/// Length of a SHA-256 digest in bytes.
pub const DIGEST_LEN: usize = 32;

/// Below this many input bytes a batch is hashed on the calling thread: waking the pool costs more.
const PARALLEL_THRESHOLD_BYTES: usize = 32 * 1024;

/// Messages per unit of work taken from the queue: large enough that the queue's lock is rare, small enough that
/// threads finish together.
const MESSAGES_PER_CHUNK: usize = 64;

/// The digest of `data`.
#[must_use]
pub fn digest(data: &[u8]) -> [u8; DIGEST_LEN] {
    to_array(&aws_lc_rs::digest::digest(&SHA256, data))
}

fn to_array(digest: &aws_lc_rs::digest::Digest) -> [u8; DIGEST_LEN] {
    let mut out = [0u8; DIGEST_LEN];
    out.copy_from_slice(digest.as_ref());
    out
}

/// Hashes each `messages[i]` into `out[i]`, in parallel for large batches; the output order is the input order.
///
/// The calling thread starts hashing at once and the pool's workers join as they wake, all taking fixed chunks of
/// messages from one queue. Waking a parked worker can take hundreds of microseconds on a virtual machine; with the
/// caller working meanwhile, that latency costs little instead of stalling the whole call.
pub fn digest_batch(messages: &[&[u8]], out: &mut [[u8; DIGEST_LEN]]) {
    debug_assert_eq!(messages.len(), out.len());
    let total: usize = messages.iter().map(|m| m.len()).sum();
    let pool = match crate::pool::get() {
        Some(pool) if pool.current_num_threads() > 1 => pool,
        _ => return hash_chunk(messages, out),
    };
    if total < PARALLEL_THRESHOLD_BYTES || messages.len() < 2 {
        return hash_chunk(messages, out);
    }
    let helpers = pool.current_num_threads() - 1;
    let queue = Mutex::new(
        messages
            .chunks(MESSAGES_PER_CHUNK)
            .zip(out.chunks_mut(MESSAGES_PER_CHUNK)),
    );
    let work = || {
        loop {
            // A poisoned lock means another thread panicked; the panic reaches the caller through the scope.
            let next = match queue.lock() {
                Ok(mut chunks) => chunks.next(),
                Err(_) => None,
            };
            match next {
                Some((chunk, slots)) => hash_chunk(chunk, slots),
                None => break,
            }
        }
    };
    pool.in_place_scope(|scope| {
        for _ in 0..helpers {
            scope.spawn(|_| work());
        }
        work();
    });
}

fn hash_chunk(messages: &[&[u8]], out: &mut [[u8; DIGEST_LEN]]) {
    for (message, slot) in messages.iter().zip(out.iter_mut()) {
        *slot = digest(message);
    }
}

/// An incremental SHA-256 computation, for inputs fed in slices.
#[derive(Clone)]
pub struct Sha256State {
    inner: Context,
}

impl Default for Sha256State {
    fn default() -> Self {
        Self::new()
    }
}

impl Sha256State {
    /// A fresh state.
    #[must_use]
    pub fn new() -> Self {
        Self {
            inner: Context::new(&SHA256),
        }
    }

    /// Absorbs `data`.
    pub fn update(&mut self, data: &[u8]) {
        self.inner.update(data);
    }

    /// The digest of everything absorbed; the state is reset for reuse.
    pub fn finish_reset(&mut self) -> [u8; DIGEST_LEN] {
        let done = std::mem::replace(&mut self.inner, Context::new(&SHA256));
        to_array(&done.finish())
    }
}

#[cfg(test)]
#[allow(clippy::cast_possible_truncation)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    // FIPS 180-4 examples (NIST CSRC "SHA256.pdf"): "abc" and the two-block message.
    #[test]
    fn digest_fips_examples() {
        assert_eq!(
            hex(&digest(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(&digest(
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            )),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        assert_eq!(
            hex(&digest(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn state_matches_one_shot_across_slices() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i * 31 % 251) as u8).collect();
        let mut state = Sha256State::new();
        for chunk in data.chunks(97) {
            state.update(chunk);
        }
        assert_eq!(state.finish_reset(), digest(&data));
        assert_eq!(state.finish_reset(), digest(b""));
    }

    #[test]
    fn batch_keeps_order_sequential_and_parallel() {
        for count in [0usize, 1, 3, 5_000] {
            let messages: Vec<Vec<u8>> =
                (0..count).map(|i| vec![(i % 256) as u8; i % 300]).collect();
            let refs: Vec<&[u8]> = messages.iter().map(Vec::as_slice).collect();
            let mut out = vec![[0u8; DIGEST_LEN]; count];
            digest_batch(&refs, &mut out);
            for (message, got) in messages.iter().zip(&out) {
                assert_eq!(*got, digest(message));
            }
        }
    }
}
