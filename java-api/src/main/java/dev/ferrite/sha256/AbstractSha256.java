package dev.ferrite.sha256;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/** Argument checks shared by both backends, so both reject the same inputs with the same exceptions. */
abstract class AbstractSha256 implements Sha256 {
    @Override
    public final byte[] digest(byte[] data) {
        Objects.requireNonNull(data, "data");
        return digestRange(data, 0, data.length);
    }

    @Override
    public final byte[] digest(byte[] data, int offset, int length) {
        Objects.requireNonNull(data, "data");
        Objects.checkFromIndexSize(offset, length, data.length);
        return digestRange(data, offset, length);
    }

    @Override
    public final byte[] digest(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        return digestBuffer(data);
    }

    @Override
    public final byte[][] digestAll(List<byte[]> messages) {
        Objects.requireNonNull(messages, "messages");
        byte[][] snapshot = messages.toArray(new byte[0][]);
        for (int i = 0; i < snapshot.length; i++) {
            if (snapshot[i] == null) {
                throw new NullPointerException("messages[" + i + "] is null");
            }
        }
        return digestArray(snapshot);
    }

    @Override
    public final byte[] digestAll(ByteBuffer packed, int[] offsets) {
        Objects.requireNonNull(packed, "packed");
        Objects.requireNonNull(offsets, "offsets");
        if (offsets.length == 0) {
            throw new IllegalArgumentException("offsets must hold at least one entry (the end of no messages)");
        }
        int remaining = packed.remaining();
        for (int i = 0; i < offsets.length; i++) {
            int at = offsets[i];
            if (at < 0 || at > remaining) {
                throw new IllegalArgumentException("offsets[" + i + "] = " + at + " is outside the buffer's "
                        + remaining + " remaining bytes");
            }
            if (i > 0 && at < offsets[i - 1]) {
                throw new IllegalArgumentException("offsets[" + i + "] = " + at + " is before offsets[" + (i - 1)
                        + "] = " + offsets[i - 1] + ": offsets must not decrease");
            }
        }
        long outLength = (long) DIGEST_LENGTH * (offsets.length - 1);
        if (outLength > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException((offsets.length - 1) + " digests do not fit in one array");
        }
        byte[] out = new byte[(int) outLength];
        digestPacked(packed, offsets, out);
        return out;
    }

    /** Digests of checked packed messages into {@code out}; the buffer's position and limit are left as they are. */
    abstract void digestPacked(ByteBuffer packed, int[] offsets, byte[] out);

    /** Digest of a checked range. */
    abstract byte[] digestRange(byte[] data, int offset, int length);

    /** Digest of a non-null buffer's remaining bytes; moves its position to its limit. */
    abstract byte[] digestBuffer(ByteBuffer data);

    /** Digests of non-null messages, in order. */
    abstract byte[][] digestArray(byte[][] messages);

    @Override
    public String toString() {
        return "Sha256[" + backend() + "]";
    }
}
