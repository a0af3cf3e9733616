package dev.ferrite.argon2;

import dev.ferrite.Backend;
import dev.ferrite.internal.ffi.Argon2Binding;
import dev.ferrite.internal.ffi.FerriteNative;

/**
 * Argon2 through the native library: RustCrypto's {@code argon2}, which picks AVX2 code at run time and fills the lanes
 * in parallel on Ferrite's worker pool (see benchmarks/RESULTS.md for the crate and why), with Ferrite's PHC handling
 * ({@link AbstractArgon2}). Inputs are copied into native memory for the call and wiped afterwards.
 *
 * <p>Working memory: each call maps its {@code m} KiB (on transparent huge pages where the kernel allows) and wipes it
 * when done. The wiped buffer of the last finished call, if at most 256 MiB, is kept for the next call, which saves
 * faulting in fresh pages; so after hashing, up to that much native memory stays reserved. Calls run on the worker
 * pool ({@code -Dferrite.threads}), so at most that many hashes compute at once; further callers wait their turn.
 *
 * <p>Obtain it from {@link dev.ferrite.Crypto#argon2(Backend)}. Stateless and thread-safe.
 */
public final class NativeArgon2 extends AbstractArgon2 {
    private static final NativeArgon2 INSTANCE = new NativeArgon2();

    private NativeArgon2() {}

    /**
     * The native implementation.
     *
     * @return the shared instance
     * @throws IllegalStateException when the native library is not available
     */
    public static NativeArgon2 instance() {
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
