//! Argon2 (RFC 9106): Argon2d, Argon2i and Argon2id, versions 0x10 and 0x13, with an optional secret and associated
//! data, through RustCrypto's `argon2` crate, which picks its AVX2 compression function at run time and, with its
//! `parallel` feature, fills the lanes of each slice in parallel with rayon. Calls run inside Ferrite's shared pool
//! (`crate::pool`), so the lanes use its threads and no call starts threads of its own. The crate was chosen by
//! measurement: `benchmarks/RESULTS.md`, "Argon2".
//!
//! The working memory (`m` KiB) is mapped fallibly, on huge pages where the kernel allows, and overwritten with zeros
//! as soon as a call ends: its first blocks are a cheap function of the password, so leaving them in memory would let
//! anyone who reads it test password guesses without paying the memory cost (libargon2 wipes it too). The wiped
//! buffer of the last call (up to 64 MiB) is kept for the next one, which saves mapping fresh pages.

use ::argon2::{Algorithm, Argon2, AssociatedData, Block, ParamsBuilder, Version};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use zeroize::Zeroize;

use crate::pool;

/// Longest associated data the crate accepts (RFC 9106 allows more; Ferrite's Java API enforces the same limit).
pub const MAX_ASSOCIATED_DATA_LEN: usize = AssociatedData::MAX_LEN;

/// What went wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Argon2Error {
    /// A parameter or length is out of range (type, version, costs, salt, output, associated data).
    InvalidArgument,
    /// The working memory could not be allocated.
    OutOfMemory,
}

/// One Argon2 computation's inputs; `secret` and `associated_data` may be empty.
#[derive(Clone, Copy)]
pub struct Request<'a> {
    /// 0 for Argon2d, 1 for Argon2i, 2 for Argon2id (RFC 9106's `y`).
    pub algorithm: u32,
    /// `0x10` or `0x13`.
    pub version: u32,
    /// Memory in KiB (`m`), at least 8 per lane.
    pub memory_kib: u32,
    /// Passes (`t`), at least 1.
    pub iterations: u32,
    /// Lanes (`p`), 1 to 2^24 - 1.
    pub parallelism: u32,
    /// The password (`P`).
    pub password: &'a [u8],
    /// The salt (`S`), at least 8 bytes.
    pub salt: &'a [u8],
    /// The secret (`K`).
    pub secret: &'a [u8],
    /// The associated data (`X`), at most [`MAX_ASSOCIATED_DATA_LEN`] bytes.
    pub associated_data: &'a [u8],
}

/// The `m` KiB of working memory of one call.
///
/// On Linux it is an anonymous mapping of its own (zero-filled by the kernel, so no extra pass to initialise it),
/// advised to use transparent huge pages: 2 MiB pages mean 32 page faults for 64 MiB instead of 16,384, which on a
/// virtual machine is the difference between about 5 and 40 milliseconds per call. On drop it is overwritten with
/// zeros and unmapped. Elsewhere it is a `Vec`, zeroed on drop.
struct WorkMemory {
    #[cfg(target_os = "linux")]
    mapping: std::ptr::NonNull<Block>,
    #[cfg(not(target_os = "linux"))]
    blocks: Vec<Block>,
    len: usize,
    /// How many leading blocks may hold data from a computation (the rest are zero).
    dirty: usize,
}

// SAFETY: the mapping is owned exclusively by this value (like a Box<[Block]>), and Block is Send.
#[cfg(target_os = "linux")]
unsafe impl Send for WorkMemory {}

impl WorkMemory {
    #[cfg(target_os = "linux")]
    fn new(len: usize) -> Result<Self, Argon2Error> {
        let bytes = len
            .checked_mul(size_of::<Block>())
            .filter(|&b| b > 0 && b <= isize::MAX as usize)
            .ok_or(Argon2Error::OutOfMemory)?;
        // SAFETY: a new private anonymous mapping (no file descriptor, no fixed address); mmap has no other
        // preconditions.
        let address = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                bytes,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if address == libc::MAP_FAILED {
            return Err(Argon2Error::OutOfMemory);
        }
        // SAFETY: [address, address + bytes) is the mapping just made. The advice only changes how pages are
        // backed; if the kernel refuses it (no THP support), the memory is used with normal pages.
        let _advised = unsafe { libc::madvise(address, bytes, libc::MADV_HUGEPAGE) };
        let mapping =
            std::ptr::NonNull::new(address.cast::<Block>()).ok_or(Argon2Error::OutOfMemory)?;
        Ok(Self {
            mapping,
            len,
            dirty: 0,
        })
    }

    #[cfg(not(target_os = "linux"))]
    fn new(len: usize) -> Result<Self, Argon2Error> {
        let mut blocks = Vec::new();
        blocks
            .try_reserve_exact(len)
            .map_err(|_| Argon2Error::OutOfMemory)?;
        blocks.resize(len, Block::default());
        Ok(Self {
            blocks,
            len,
            dirty: 0,
        })
    }

    /// The first `count` blocks (at most `len`), for one computation.
    fn for_use(&mut self, count: usize) -> &mut [Block] {
        let count = count.min(self.len);
        self.dirty = self.dirty.max(count);
        let all = self.blocks();
        &mut all[..count]
    }

    /// Overwrites every block a computation may have written with zeros.
    fn wipe(&mut self) {
        let dirty = self.dirty.min(self.len);
        self.blocks()[..dirty].fill(Block::default());
        self.dirty = 0;
    }

    #[cfg(target_os = "linux")]
    fn blocks(&mut self) -> &mut [Block] {
        // SAFETY: the mapping holds `len` blocks (checked in `new`), is page-aligned (beyond Block's 64-byte
        // alignment), and starts zero-filled, which is a valid Block (a plain array of u64, as Block::default()
        // is); `&mut self` makes this the only reference.
        unsafe { std::slice::from_raw_parts_mut(self.mapping.as_ptr(), self.len) }
    }

    #[cfg(not(target_os = "linux"))]
    fn blocks(&mut self) -> &mut [Block] {
        &mut self.blocks
    }
}

impl Drop for WorkMemory {
    fn drop(&mut self) {
        // Zero with ordinary stores: on Linux the unmap below is an opaque call that could read the memory, so the
        // compiler can't drop the stores; elsewhere the Vec is zeroed with `zeroize`, which guarantees it.
        #[cfg(target_os = "linux")]
        {
            self.wipe();
            // SAFETY: unmaps exactly the mapping made in `new`; no reference to it outlives `self`.
            let _unmapped = unsafe {
                libc::munmap(self.mapping.as_ptr().cast(), self.len * size_of::<Block>())
            };
        }
        #[cfg(not(target_os = "linux"))]
        for block in &mut self.blocks {
            block.zeroize();
        }
    }
}

/// Most blocks (KiB) of working memory kept for the next call: 64 MiB, enough for the common settings (OWASP's 19 MiB,
/// RFC 9106's second recommendation) without holding much memory for the life of the process.
const KEPT_MAX_BLOCKS: usize = 64 * 1024;

/// The working memory of the last call that finished, wiped, kept so the next call of the same size or smaller
/// skips mapping and faulting in fresh pages (about 6 ms for 64 MiB here, 10% of a hash). One buffer at most, of at
/// most [`KEPT_MAX_BLOCKS`]; concurrent calls that don't get it map their own.
static KEPT: Mutex<Option<WorkMemory>> = Mutex::new(None);

/// Admits at most as many hashes at once as the pool has threads, so at most that many working memories exist.
/// Callers wait here, on their own (JVM) threads, before taking memory or entering the pool: a worker blocked inside
/// the pool could deadlock a hash it is helping, a caller outside it cannot.
struct Gate {
    running: Mutex<usize>,
    freed: Condvar,
    /// Callers held in [`Gate::enter`] right now: lets a test see that the gate holds a caller rather than guess it
    /// from elapsed time.
    waiting: AtomicUsize,
}

static GATE: Gate = Gate::new();

/// A place in a [`Gate`]; gives it back when dropped (also on a panic).
struct Admission<'a> {
    gate: &'a Gate,
}

impl Gate {
    const fn new() -> Self {
        Gate {
            running: Mutex::new(0),
            freed: Condvar::new(),
            waiting: AtomicUsize::new(0),
        }
    }

    fn enter(&self, limit: usize) -> Admission<'_> {
        let limit = limit.max(1);
        // A poisoned lock (a panic elsewhere while counting, which the code below can't cause) admits at once
        // rather than failing the call.
        if let Ok(mut running) = self.running.lock() {
            while *running >= limit {
                let _before = self.waiting.fetch_add(1, Ordering::Relaxed);
                let woken = self.freed.wait(running);
                let _before = self.waiting.fetch_sub(1, Ordering::Relaxed);
                match woken {
                    Ok(guard) => running = guard,
                    Err(_) => return Admission { gate: self },
                }
            }
            *running += 1;
        }
        Admission { gate: self }
    }
}

impl Drop for Admission<'_> {
    fn drop(&mut self) {
        if let Ok(mut running) = self.gate.running.lock() {
            *running = running.saturating_sub(1);
        }
        self.gate.freed.notify_all();
    }
}

/// Working memory of at least `blocks` blocks: the kept buffer if it is big enough, otherwise a new one.
fn take_memory(blocks: usize) -> Result<WorkMemory, Argon2Error> {
    if let Ok(mut kept) = KEPT.lock()
        && let Some(memory) = kept.take_if(|memory| memory.len >= blocks)
    {
        return Ok(memory);
    }
    WorkMemory::new(blocks)
}

/// Wipes `memory` and keeps it for the next call (replacing, and so freeing, any buffer kept before), unless it is
/// over the size limit.
fn return_memory(mut memory: WorkMemory) {
    memory.wipe();
    if memory.len <= KEPT_MAX_BLOCKS
        && let Ok(mut kept) = KEPT.lock()
    {
        let previous = kept.replace(memory);
        drop(kept);
        drop(previous);
    }
}

/// Computes Argon2 into all of `out` (4 bytes or more); on any failure `out` is zeroed. Waits while as many hashes as
/// the pool has threads are running.
///
/// # Errors
/// [`Argon2Error::InvalidArgument`] for any parameter out of range, [`Argon2Error::OutOfMemory`] when the working
/// memory can't be allocated.
pub fn hash(request: &Request<'_>, out: &mut [u8]) -> Result<(), Argon2Error> {
    let mut output = WipeUnlessDone { out, done: false };
    let result = compute(request, output.out);
    output.done = result.is_ok();
    result
}

/// Zeroes the output when dropped before the computation succeeded: on every error and on a panic.
struct WipeUnlessDone<'a> {
    out: &'a mut [u8],
    done: bool,
}

impl Drop for WipeUnlessDone<'_> {
    fn drop(&mut self) {
        if !self.done {
            self.out.zeroize();
        }
    }
}

fn compute(request: &Request<'_>, out: &mut [u8]) -> Result<(), Argon2Error> {
    let algorithm = match request.algorithm {
        0 => Algorithm::Argon2d,
        1 => Algorithm::Argon2i,
        2 => Algorithm::Argon2id,
        _ => return Err(Argon2Error::InvalidArgument),
    };
    let version = match request.version {
        0x10 => Version::V0x10,
        0x13 => Version::V0x13,
        _ => return Err(Argon2Error::InvalidArgument),
    };
    let mut builder = ParamsBuilder::new();
    let _ = builder
        .m_cost(request.memory_kib)
        .t_cost(request.iterations)
        .p_cost(request.parallelism)
        .output_len(out.len());
    if !request.associated_data.is_empty() {
        let data = AssociatedData::new(request.associated_data)
            .map_err(|_| Argon2Error::InvalidArgument)?;
        let _ = builder.data(data);
    }
    let params = builder.build().map_err(|_| Argon2Error::InvalidArgument)?;
    let blocks = params.block_count();
    let context = if request.secret.is_empty() {
        Argon2::new(algorithm, version, params)
    } else {
        Argon2::new_with_secret(request.secret, algorithm, version, params)
            .map_err(|_| Argon2Error::InvalidArgument)?
    };

    let pool = pool::get();
    let _admission = GATE.enter(pool.map_or(1, rayon::ThreadPool::current_num_threads));
    let mut memory = take_memory(blocks)?;

    let run = |memory: &mut WorkMemory, out: &mut [u8]| {
        context
            .hash_password_into_with_memory(
                request.password,
                request.salt,
                out,
                memory.for_use(blocks),
            )
            .map_err(|_| Argon2Error::InvalidArgument)
    };
    let result = match pool {
        // The crate's rayon lanes run on the pool the closure is installed in.
        Some(pool) => pool.install(|| run(&mut memory, out)),
        None => run(&mut memory, out),
    };
    return_memory(memory);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn rfc(algorithm: u32) -> String {
        let password = [1u8; 32];
        let salt = [2u8; 16];
        let secret = [3u8; 8];
        let ad = [4u8; 12];
        let request = Request {
            algorithm,
            version: 0x13,
            memory_kib: 32,
            iterations: 3,
            parallelism: 4,
            password: &password,
            salt: &salt,
            secret: &secret,
            associated_data: &ad,
        };
        let mut out = [0u8; 32];
        assert_eq!(hash(&request, &mut out), Ok(()));
        hex(&out)
    }

    #[test]
    fn rfc9106_section5_vectors() {
        assert_eq!(
            rfc(0),
            "512b391b6f1162975371d30919734294f868e3be3984f3c1a13a4db9fabe4acb"
        );
        assert_eq!(
            rfc(1),
            "c814d9d1dc7f37aa13f0d77f2494bda1c8de6b016dd388d29952a4c4672b6ce8"
        );
        assert_eq!(
            rfc(2),
            "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"
        );
    }

    #[test]
    fn kept_memory_from_a_bigger_call_gives_the_same_answers() {
        let before = rfc(2);
        let big = Request {
            algorithm: 0,
            version: 0x13,
            memory_kib: 4096,
            iterations: 1,
            parallelism: 3,
            password: b"another password",
            salt: b"another salt",
            secret: &[],
            associated_data: &[],
        };
        let mut out = [0u8; 16];
        assert_eq!(hash(&big, &mut out), Ok(()));
        assert_eq!(rfc(2), before);
        assert_eq!(
            rfc(1),
            "c814d9d1dc7f37aa13f0d77f2494bda1c8de6b016dd388d29952a4c4672b6ce8"
        );
        let mut memory = take_memory(64).unwrap_or_else(|_| unreachable!());
        assert!(
            memory
                .blocks()
                .iter()
                .all(|block| block.as_ref().iter().all(|&word| word == 0)),
            "kept memory is wiped"
        );
        return_memory(memory);
    }

    #[test]
    fn wipe_zeroes_every_used_block() {
        let mut memory = WorkMemory::new(16).unwrap_or_else(|_| unreachable!());
        for block in memory.for_use(8) {
            block.as_mut().fill(0x5A5A_5A5A_5A5A_5A5A);
        }
        assert!(memory.blocks()[7].as_ref().iter().all(|&w| w != 0));
        memory.wipe();
        assert!(
            memory
                .blocks()
                .iter()
                .all(|block| block.as_ref().iter().all(|&word| word == 0))
        );
    }

    /// Polls `done` until it holds, failing after a generous deadline (a deadline only for a gate that never lets go:
    /// nothing here passes because a thread was slow).
    fn wait_until(what: &str, done: impl Fn() -> bool) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while !done() {
            assert!(std::time::Instant::now() < deadline, "timed out: {what}");
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
    }

    fn running(gate: &Gate) -> usize {
        *gate
            .running
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    #[test]
    fn gate_holds_callers_beyond_the_limit() {
        use std::sync::atomic::AtomicBool;
        use std::sync::mpsc;
        // A gate of its own, so the other tests' hashes (on `GATE`) can't take or free places meanwhile. `static`:
        // the waiter is a detached thread, so a failed assertion here ends the test instead of waiting for it.
        static TEST_GATE: Gate = Gate::new();
        static ADMITTED: AtomicBool = AtomicBool::new(false);
        const LIMIT: usize = 2;

        let first = TEST_GATE.enter(LIMIT);
        let second = TEST_GATE.enter(LIMIT);
        assert_eq!(running(&TEST_GATE), LIMIT);
        let (release, released) = mpsc::channel::<()>();
        let waiter = std::thread::spawn(move || {
            let place = TEST_GATE.enter(LIMIT);
            ADMITTED.store(true, Ordering::SeqCst);
            let _ = released.recv();
            drop(place);
        });

        // The waiter reaches the gate and is held there: it counts as waiting, it has not come through, and the
        // number of places taken is still the limit.
        wait_until("the caller beyond the limit reaching the gate", || {
            assert!(
                !ADMITTED.load(Ordering::SeqCst),
                "admitted while every place was taken"
            );
            TEST_GATE.waiting.load(Ordering::SeqCst) == 1
        });
        assert!(!ADMITTED.load(Ordering::SeqCst));
        assert_eq!(running(&TEST_GATE), LIMIT);

        // One place freed: the waiter comes through and takes it.
        drop(first);
        wait_until("the waiter entering once a place is free", || {
            ADMITTED.load(Ordering::SeqCst)
        });
        assert_eq!(running(&TEST_GATE), LIMIT);
        assert_eq!(TEST_GATE.waiting.load(Ordering::SeqCst), 0);

        assert!(release.send(()).is_ok());
        assert!(waiter.join().is_ok());
        drop(second);
        assert_eq!(running(&TEST_GATE), 0);
    }

    #[test]
    fn reference_suite_vector_version_10() {
        let request = Request {
            algorithm: 1,
            version: 0x10,
            memory_kib: 65536,
            iterations: 2,
            parallelism: 1,
            password: b"password",
            salt: b"somesalt",
            secret: &[],
            associated_data: &[],
        };
        let mut out = [0u8; 32];
        assert_eq!(hash(&request, &mut out), Ok(()));
        assert_eq!(
            hex(&out),
            "f6c4db4a54e2a370627aff3db6176b94a2a209a62c8e36152711802f7b30c694"
        );
    }

    #[test]
    fn rejects_out_of_range_parameters_and_wipes_output() {
        let base = Request {
            algorithm: 2,
            version: 0x13,
            memory_kib: 64,
            iterations: 1,
            parallelism: 2,
            password: b"password",
            salt: b"somesalt",
            secret: &[],
            associated_data: &[],
        };
        let mut out = [0u8; 32];
        let bad = [
            Request {
                algorithm: 3,
                ..base
            },
            Request {
                version: 0x12,
                ..base
            },
            Request {
                memory_kib: 15,
                ..base
            },
            Request {
                iterations: 0,
                ..base
            },
            Request {
                parallelism: 0,
                ..base
            },
            Request {
                parallelism: 1 << 24,
                ..base
            },
            Request {
                salt: b"short",
                ..base
            },
            Request {
                associated_data: &[0u8; 33],
                ..base
            },
        ];
        for (case, request) in bad.iter().enumerate() {
            // A fresh non-zero pattern each time, so only this call can have zeroed it.
            out.fill(0xA5);
            assert_eq!(hash(request, &mut out), Err(Argon2Error::InvalidArgument));
            assert_eq!(out, [0u8; 32], "case {case}: output not wiped");
        }
        out.fill(0xA5);
        assert_eq!(
            hash(&base, &mut out[..3]),
            Err(Argon2Error::InvalidArgument)
        );
        assert_eq!(out[..3], [0u8; 3], "too-short output not wiped");
        assert!(out[3..].iter().all(|&b| b == 0xA5), "wrote past the output");
        out.fill(0xA5);
        assert_eq!(hash(&base, &mut out), Ok(()));
        assert_ne!(out, [0u8; 32]);
        assert_ne!(out, [0xA5u8; 32]);
    }

    #[test]
    fn concurrent_calls_agree() {
        let request = Request {
            algorithm: 2,
            version: 0x13,
            memory_kib: 256,
            iterations: 2,
            parallelism: 8,
            password: b"password",
            salt: b"somesalt",
            secret: b"key",
            associated_data: b"data",
        };
        let mut first = [0u8; 40];
        assert_eq!(hash(&request, &mut first), Ok(()));
        let results: Vec<[u8; 40]> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4)
                .map(|_| {
                    scope.spawn(|| {
                        let mut out = [0u8; 40];
                        assert_eq!(hash(&request, &mut out), Ok(()));
                        out
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or([0u8; 40]))
                .collect()
        });
        for out in results {
            assert_eq!(out, first);
        }
    }
}
