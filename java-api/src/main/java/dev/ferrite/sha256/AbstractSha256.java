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
