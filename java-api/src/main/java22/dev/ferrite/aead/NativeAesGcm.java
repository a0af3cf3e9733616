package dev.ferrite.aead;

import dev.ferrite.Backend;
import dev.ferrite.internal.ffi.AesGcmBinding;
import dev.ferrite.internal.ffi.FerriteNative;
import java.nio.ByteBuffer;

/**
 * AES-GCM through the native library: AWS-LC's AES-GCM ({@code aws-lc-rs}), which picks its VAES/AVX-512,
 * AES-NI/AVX or portable code at run time. Crate chosen by measurement (benchmarks/RESULTS.md). A key is expanded
 * once into native memory, which is overwritten with zeros when the key is closed. Messages of up to 1 MiB are one
 * call straight on the Java arrays; longer ones are processed in 1 MiB slices so no call keeps the garbage collector
 * waiting for long.
 *
 * <p>Obtain it from {@link dev.ferrite.Crypto#aesGcm(Backend)}. Stateless and thread-safe.
 */
final class NativeAesGcm implements AesGcm {
    private static final NativeAesGcm INSTANCE = new NativeAesGcm();

    private NativeAesGcm() {}

    /**
     * The native implementation.
     *
     * @return the shared instance
     * @throws IllegalStateException when the native library is not available
     */
    static NativeAesGcm instance() {
        FerriteNative.requireAvailable();
        return INSTANCE;
    }

    @Override
    public AesGcmKey key(byte[] key) {
        AesGcmKey.checkKeyLength(key);
        return new AesGcmKey(new Engine(AesGcmBinding.Key.create(key)), key.length, Backend.NATIVE);
    }

    @Override
    public Backend backend() {
        return Backend.NATIVE;
    }

    private record Engine(AesGcmBinding.Key handle) implements AesGcmKey.Engine {
        @Override
        public void encrypt(byte[] nonce, byte[] in, int inOff, int inLen, byte[] aad, byte[] out, int outOff) {
            handle.encrypt(nonce, in, inOff, inLen, aad, out, outOff);
        }

        @Override
        public boolean decrypt(byte[] nonce, byte[] in, int inOff, int inLen, byte[] aad, byte[] out, int outOff) {
            return handle.decrypt(nonce, in, inOff, inLen, aad, out, outOff);
        }

        @Override
        public void encrypt(byte[] nonce, ByteBuffer in, byte[] aad, ByteBuffer out) {
            handle.encrypt(nonce, in, aad, out);
        }

        @Override
        public boolean decrypt(byte[] nonce, ByteBuffer in, byte[] aad, ByteBuffer out) {
            return handle.decrypt(nonce, in, aad, out);
        }

        @Override
        public void wipe() {
            handle.free();
        }
    }
}
