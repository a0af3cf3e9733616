package dev.ferrite.argon2;

import dev.ferrite.Backend;
import dev.ferrite.internal.ffi.Argon2Binding;
import dev.ferrite.internal.ffi.FerriteNative;

/**
 * Argon2 through the native library: RustCrypto's {@code argon2}, which picks AVX2 code at run time and fills the lanes
 * in parallel on Ferrite's worker pool (see benchmarks/RESULTS.md for the crate and why), with Ferrite's PHC handling
 * ({@link AbstractArgon2}). Inputs are copied into native memory for the call and wiped afterwards.
 *
 * <p>Concurrency: at most as many hashes run at once as the worker pool has threads ({@code -Dferrite.threads},
 * default one per CPU); further callers block until one finishes, so no more than that many working memories exist at
 * a time. The lanes of each hash run in parallel on the pool.
 *
 * <p>Working memory: each call maps its {@code m} KiB, advised to use transparent huge pages (32 page faults for
 * 64 MiB instead of 16,384; on a long-running host with fragmented memory and THP {@code defrag} set to
 * {@code madvise}, the kernel may compact memory on those faults), and overwrites it with zeros when the call ends.
 * The wiped buffer of the last finished call, if at most 64 MiB, is kept for the next call, which saves mapping and
 * faulting in fresh pages; so after hashing, up to that much native memory stays reserved for the life of the
 * process.
 *
 * <p>Obtain it from {@link dev.ferrite.Crypto#argon2(Backend)}. Stateless and thread-safe.
 */
final class NativeArgon2 extends AbstractArgon2 {
    private static final NativeArgon2 INSTANCE = new NativeArgon2();

    private NativeArgon2() {}

    /**
     * The native implementation.
     *
     * @return the shared instance
     * @throws IllegalStateException when the native library is not available
     */
    static NativeArgon2 instance() {
        FerriteNative.requireAvailable();
        return INSTANCE;
    }

    @Override
    void compute(Argon2Type type, int version, int memoryKib, int iterations, int parallelism, byte[] password,
            byte[] salt, byte[] secret, byte[] associatedData, byte[] out) {
        Argon2Binding.hash(type.code(), version, memoryKib, iterations, parallelism, password, salt, secret,
                associatedData, out);
    }

    @Override
    public Backend backend() {
        return Backend.NATIVE;
    }
}
