//! The one thread pool shared by the parallel kernels.
//!
//! Built lazily on first use and sized to the configured thread count (by default the number of CPUs the
//! process may use), so a call never spawns threads of its own. Applications that already run many calls in
//! parallel should configure fewer threads (`-Dferrite.threads=N` on the Java side) to avoid
//! oversubscription.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

static CONFIGURED_THREADS: AtomicUsize = AtomicUsize::new(0);
static POOL: OnceLock<Option<rayon::ThreadPool>> = OnceLock::new();

/// Sets the pool size before its first use. `0` means "the number of available CPUs".
///
/// Returns `false` when the pool already exists with a different size: it is built once and kept.
pub fn configure(threads: usize) -> bool {
    CONFIGURED_THREADS.store(threads, Ordering::SeqCst);
    match POOL.get() {
        None => true,
        Some(pool) => {
            threads == 0
                || pool
                    .as_ref()
                    .map_or(1, rayon::ThreadPool::current_num_threads)
                    == threads
        }
    }
}

/// The pool, built on first use; `None` if the threads could not be started (kernels then run on the
/// calling thread, with the same results).
pub fn get() -> Option<&'static rayon::ThreadPool> {
    POOL.get_or_init(|| {
        let configured = CONFIGURED_THREADS.load(Ordering::SeqCst);
        let threads = if configured == 0 {
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
        } else {
            configured
        };
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("ferrite-worker-{i}"))
            .build()
            .ok()
    })
    .as_ref()
}
