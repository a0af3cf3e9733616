package dev.ferrite.sha256;

import dev.ferrite.Backend;
import dev.ferrite.internal.ffi.FerriteNative;
import dev.ferrite.internal.ffi.Sha256Binding;
import java.nio.ByteBuffer;

/**
 * SHA-256 through the native library (AWS-LC through {@code aws-lc-rs}, SHA-NI selected at run time). Inputs up to 1 MiB are
 * hashed in one call straight from the Java array; larger ones are fed in 1 MiB slices so the garbage collector is
 * never held up for long. {@link #digestAll} packs the messages into chunks of up to 1 MiB and hashes each chunk in
 * parallel on Ferrite's worker pool ({@code -Dferrite.threads}).
 *
 * <p>Obtain it from {@link dev.ferrite.Crypto#sha256(Backend)}. Stateless and thread-safe.
 */
final class NativeSha256 extends AbstractSha256 {
    private static final NativeSha256 INSTANCE = new NativeSha256();

    private NativeSha256() {}

    /**
     * The native implementation.
     *
     * @return the shared instance
     * @throws IllegalStateException when the native library is not available
     */
    static NativeSha256 instance() {
        FerriteNative.requireAvailable();
        return INSTANCE;
    }

    @Override
    byte[] digestRange(byte[] data, int offset, int length) {
        byte[] out = new byte[DIGEST_LENGTH];
        Sha256Binding.digest(data, offset, length, out);
        return out;
    }

    @Override
    byte[] digestBuffer(ByteBuffer data) {
        byte[] out = new byte[DIGEST_LENGTH];
        Sha256Binding.digest(data, out);
        return out;
    }

    @Override
    void digestPacked(ByteBuffer packed, int[] offsets, byte[] out) {
        Sha256Binding.digestPacked(packed, offsets, out);
    }

    @Override
    byte[][] digestArray(byte[][] messages) {
        return Sha256Binding.digestAll(messages);
    }

    @Override
    public Backend backend() {
        return Backend.NATIVE;
    }
}
