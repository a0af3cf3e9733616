package dev.ferrite.hkdf;

import dev.ferrite.Backend;
import dev.ferrite.internal.ffi.FerriteNative;
import dev.ferrite.internal.ffi.HkdfBinding;

/**
 * HKDF-SHA256 through the native library (AWS-LC's {@code HKDF_extract} and {@code HKDF_expand}, SHA-NI where the CPU
 * has it). Short inputs go in one critical call from the heap; inputs over 1 MiB are copied into native memory first.
 *
 * <p>Obtain it from {@link dev.ferrite.Crypto#hkdf(Backend)}. Stateless and thread-safe.
 */
final class NativeHkdf extends AbstractHkdf {
    private static final NativeHkdf INSTANCE = new NativeHkdf();

    private NativeHkdf() {}

    /**
     * The native implementation.
     *
     * @return the shared instance
     * @throws IllegalStateException when the native library is not available
     */
    static NativeHkdf instance() {
        FerriteNative.requireAvailable();
        return INSTANCE;
    }

    @Override
    void extractChecked(byte[] salt, byte[] ikm, byte[] prkOut) {
        HkdfBinding.extract(salt, ikm, prkOut);
    }

    @Override
    void expandChecked(byte[] prk, byte[] info, byte[] out) {
        HkdfBinding.expand(prk, info, out);
    }

    @Override
    public Backend backend() {
        return Backend.NATIVE;
    }
}
