package dev.ferrite.argon2;

import dev.ferrite.Backend;
import dev.ferrite.internal.ffi.Argon2Binding;
import dev.ferrite.internal.ffi.FerriteNative;

/**
 * Argon2 through the native library, which fills the lanes in parallel on its worker pool (see
 * benchmarks/RESULTS.md for the crate and why), with Ferrite's PHC handling ({@link AbstractArgon2}). Inputs are
 * copied into native memory for the call and wiped afterwards; the working memory is allocated per call.
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
