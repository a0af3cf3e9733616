package dev.ferrite.sha256;

import dev.ferrite.Backend;
import dev.ferrite.internal.JdkProviders;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.stream.IntStream;

/**
 * SHA-256 in pure Java through {@link MessageDigest} (the JDK's SHA-256, which HotSpot also compiles to the CPU's
 * SHA instructions). Each thread reuses its own {@code MessageDigest}; {@link #digestAll} spreads large batches over
 * the common {@link java.util.concurrent.ForkJoinPool}.
 *
 * <p>Obtain it from {@link dev.ferrite.Crypto#sha256(Backend)}. Stateless and thread-safe.
 */
final class JavaSha256 extends AbstractSha256 {
    private static final JavaSha256 INSTANCE = new JavaSha256();

    /** Batches with fewer bytes than this are hashed on the calling thread: forking would cost more. */
    private static final long PARALLEL_THRESHOLD_BYTES = 32 * 1024;

    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(JavaSha256::newDigest);

    private JavaSha256() {}

    /**
     * The pure-Java implementation; always available.
     *
     * @return the shared instance
     */
    static JavaSha256 instance() {
        return INSTANCE;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256", JdkProviders.of("MessageDigest", "SHA-256", "SUN"));
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE platform must provide SHA-256 (MessageDigest's specification).
            throw new IllegalStateException("this JVM lacks SHA-256, which Java SE requires", e);
        }
    }

    /** This thread's digest, reset in case an earlier use was interrupted by an exception. */
    private static MessageDigest digest() {
        MessageDigest md = DIGESTS.get();
        md.reset();
        return md;
    }

    @Override
    byte[] digestRange(byte[] data, int offset, int length) {
        MessageDigest md = digest();
        md.update(data, offset, length);
        return md.digest();
    }

    @Override
    byte[] digestBuffer(ByteBuffer data) {
        MessageDigest md = digest();
        md.update(data);
        return md.digest();
    }

    @Override
    void digestPacked(ByteBuffer packed, int[] offsets, byte[] out) {
        ByteBuffer view = packed.slice();
        IntStream indices = IntStream.range(0, offsets.length - 1);
        if ((long) offsets[offsets.length - 1] - offsets[0] >= PARALLEL_THRESHOLD_BYTES && offsets.length > 2) {
            indices = indices.parallel();
        }
        indices.forEach(i -> {
            MessageDigest md = digest();
            md.update(view.slice(offsets[i], offsets[i + 1] - offsets[i]));
            try {
                md.digest(out, i * DIGEST_LENGTH, DIGEST_LENGTH);
            } catch (java.security.DigestException e) {
                throw new IllegalStateException("SHA-256 digest into a 32-byte range failed", e);
            }
        });
    }

    @Override
    byte[][] digestArray(byte[][] messages) {
        byte[][] out = new byte[messages.length][];
        long total = 0;
        for (byte[] message : messages) {
            total += message.length;
        }
        IntStream indices = IntStream.range(0, messages.length);
        if (total >= PARALLEL_THRESHOLD_BYTES && messages.length > 1) {
            indices = indices.parallel();
        }
        indices.forEach(i -> out[i] = digest().digest(messages[i]));
        return out;
    }

    @Override
    public Backend backend() {
        return Backend.JAVA;
    }
}
