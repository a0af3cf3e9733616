//! Test library: everything `libferrite` exports plus `ferrite_test_panic`, which panics on purpose, so the
//! Java tests can prove that a panic inside an export becomes a status code and a Java exception, with the JVM
//! alive. Built as `target/debug/examples/libtest_exports.so` by `bindings/pom.xml` for tests only; never
//! shipped. The exports of the `ferrite` crate are linked in unchanged (same guard, same checks).

use ferrite::ffi::guard;
use ferrite::pool;
use ferrite::status::FerriteStatus;

/// Panics inside the library's export guard and returns what the guard made of it (`FERRITE_STATUS_INTERNAL`,
/// with the message for `ferrite_last_error`). `kind`: 0 panics on the calling thread with a message, 1 on a
/// worker of the shared pool, 2 with a payload that is not a string, 3 by indexing out of bounds (a bug as it
/// would really happen). Any other `kind`: `FERRITE_STATUS_INVALID_ARGUMENT`, no panic.
#[unsafe(no_mangle)]
#[allow(clippy::panic, reason = "panicking is this export's purpose")]
pub extern "C" fn ferrite_test_panic(kind: i32) -> i32 {
    guard(|| match kind {
        0 => panic!("deliberate test panic on the calling thread"),
        1 => match pool::get() {
            Some(workers) => workers.install(|| panic!("deliberate test panic on a pool worker")),
            None => panic!("deliberate test panic (no pool: on the calling thread)"),
        },
        2 => std::panic::panic_any(42_u64),
        3 => {
            let values = std::hint::black_box(vec![1_u8, 2, 3]);
            let index = usize::try_from(kind).map_err(|_| FerriteStatus::InvalidArgument)?;
            // Out of bounds on purpose: index 3 of a 3-element vector.
            let _ = std::hint::black_box(values[std::hint::black_box(index)]);
            Ok(())
        }
        _ => Err(FerriteStatus::InvalidArgument),
    })
}
