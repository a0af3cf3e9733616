package dev.ferrite.x25519;

import dev.ferrite.Backend;
import dev.ferrite.internal.ffi.FerriteNative;
import dev.ferrite.internal.ffi.X25519Binding;

/**
 * X25519 through the native library (AWS-LC's {@code X25519}: its x86-64 assembly ladder where the CPU has BMI2 and
 * ADX, portable code elsewhere). Every call is one short critical call on the 32-byte arrays.
 *
 * <p>Obtain it from {@link dev.ferrite.Crypto#x25519(Backend)}. Stateless and thread-safe.
 */
final class NativeX25519 extends AbstractX25519 {
    private static final NativeX25519 INSTANCE = new NativeX25519();

    private NativeX25519() {}

    /**
     * The native implementation.
     *
     * @return the shared instance
     * @throws IllegalStateException when the native library is not available
     */
    static NativeX25519 instance() {
        FerriteNative.requireAvailable();
        return INSTANCE;
    }

    @Override
    void publicKey(byte[] privateKey, byte[] publicKeyOut) {
        X25519Binding.publicKey(privateKey, publicKeyOut);
    }

    @Override
    void agreeRaw(byte[] privateKey, byte[] peerPublicKey, byte[] sharedOut) {
        X25519Binding.agree(privateKey, peerPublicKey, sharedOut);
    }

    @Override
    public Backend backend() {
        return Backend.NATIVE;
    }
}
