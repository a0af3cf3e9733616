package dev.ferrite.jca;

import java.nio.ByteBuffer;
import java.security.ProviderException;
import java.util.Arrays;

/**
 * A growable byte buffer, reused from one message to the next: the one-shot kernels need a whole message, so the
 * services collect {@code update}s here. The first append to an empty buffer sizes it exactly, so a message given in
 * one piece (the usual case) ends up in an array of its own length, which {@link #exactArray()} returns without a
 * copy; later messages of the same length reuse it. Arrays larger than {@link #KEEP_LIMIT} are dropped at
 * {@link #clear(boolean)} so one large message does not pin its memory. Not thread-safe.
 */
final class Accumulator {
    /** Buffers up to this size are kept for the next message; larger ones are released. */
    static final int KEEP_LIMIT = 1 << 20;
    /** The largest array the JVM reliably allocates. */
    static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private static final byte[] EMPTY = new byte[0];

    private byte[] buffer = EMPTY;
    private int size;

    /** Bytes held. */
    int size() {
        return size;
    }

    /** Appends {@code length} bytes of {@code source} from {@code offset}. */
    void append(byte[] source, int offset, int length) {
        if (length == 0) {
            return;
        }
        ensureRoom(length);
        System.arraycopy(source, offset, buffer, size, length);
        size += length;
    }

    /** Appends one byte. */
    void append(byte b) {
        ensureRoom(1);
        buffer[size++] = b;
    }

    /** Appends {@code source}'s remaining bytes and moves its position to its limit. */
    void append(ByteBuffer source) {
        int length = source.remaining();
        if (length == 0) {
            return;
        }
        ensureRoom(length);
        source.get(buffer, size, length);
        size += length;
    }

    /** The bytes held, as a heap buffer over the internal array (valid until the next change). */
    ByteBuffer asBuffer() {
        return ByteBuffer.wrap(buffer, 0, size);
    }

    /** The internal array; bytes {@code [0, size())} are the content. */
    byte[] array() {
        return buffer;
    }

    /**
     * The content as an array of exactly {@link #size()} bytes: the internal array when it has that length (no copy;
     * valid until the next change), else a copy.
     */
    byte[] exactArray() {
        return buffer.length == size ? buffer : Arrays.copyOf(buffer, size);
    }

    /** Empties the buffer, overwriting the content with zeros first when {@code wipe}. */
    void clear(boolean wipe) {
        if (wipe) {
            Arrays.fill(buffer, 0, size, (byte) 0);
        }
        size = 0;
        if (buffer.length > KEEP_LIMIT) {
            buffer = EMPTY;
        }
    }

    /** A deep copy (for {@code clone()}). */
    Accumulator copy() {
        Accumulator copy = new Accumulator();
        copy.buffer = buffer.length == 0 ? EMPTY : buffer.clone();
        copy.size = size;
        return copy;
    }

    private void ensureRoom(int length) {
        if (length > MAX_LENGTH - size) {
            throw new ProviderException("Ferrite's one-shot kernels take at most " + MAX_LENGTH
                    + " bytes per message (a Java array); got " + ((long) size + length));
        }
        int needed = size + length;
        if (needed <= buffer.length) {
            return;
        }
        int capacity;
        if (size == 0) {
            capacity = needed; // first piece: exact, so a one-piece message needs no final copy
        } else {
            capacity = (int) Math.min(MAX_LENGTH, Math.max((long) needed, 2L * buffer.length));
        }
        byte[] old = buffer;
        buffer = Arrays.copyOf(old, capacity);
        Arrays.fill(old, 0, size, (byte) 0); // it may hold plaintext: no copy is left behind unwiped
    }
}
