package dev.ferrite.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Typed bindings of the SHA-256 exports, on Java arrays and buffers; no {@link MemorySegment} leaves this package.
 *
 * <p>How memory crosses (docs/ARCHITECTURE.md, "Calling through FFM"): inputs up to {@link #SLICE_BYTES} go in one
 * critical call straight from the heap array, with no copy. Larger inputs go through a native hash state, fed one slice
 * of at most {@link #SLICE_BYTES} per critical call, so no single call keeps the garbage collector waiting for long.
 * Batches are packed into chunks with an offsets array, one call per chunk, hashed in parallel on the library's pool; a
 * chunk holds at most {@link #SLICE_BYTES} of work, counting each message as its length plus one 64-byte block (its
 * padding), so a chunk of many tiny messages is bounded too.
 *
 * <p>Arguments are expected to be validated by the caller (bounds, nulls); the native side checks them again and
 * reports a violation as an {@link IllegalArgumentException}. Thread-safe: no shared mutable state.
 */
public final class Sha256Binding {
    /** Digest length in bytes. */
    public static final int DIGEST_LENGTH = 32;
    /** Most bytes one critical call hashes (1 MiB, about half a millisecond here). */
    public static final int SLICE_BYTES = NativeRuntime.CRITICAL_CALL_BYTES;

    /** SHA-256 block size: every message costs at least one block (the padding) however short it is. */
    private static final int BLOCK_BYTES = 64;

    private static final String OPERATION = "sha256";

    private Sha256Binding() {}

    /**
     * Hashes {@code data[offset, offset + length)} into {@code out[0, 32)}.
     *
     * @param data the input
     * @param offset where the input starts
     * @param length how many bytes
     * @param out receives the digest; at least 32 bytes
     */
    public static void digest(byte[] data, int offset, int length, byte[] out) {
        digest(MemorySegment.ofArray(data).asSlice(offset, length), out);
    }

    /**
     * Hashes the remaining bytes of {@code buffer} (heap or direct) into {@code out[0, 32)}, and moves the buffer's
     * position to its limit.
     *
     * @param buffer the input
     * @param out receives the digest; at least 32 bytes
     */
    public static void digest(ByteBuffer buffer, byte[] out) {
        digest(MemorySegment.ofBuffer(buffer), out);
        buffer.position(buffer.limit());
    }

    private static void digest(MemorySegment input, byte[] out) {
        FerriteNative.requireAvailable();
        long size = input.byteSize();
        if (size <= SLICE_BYTES) {
            Status.check(ferrite_sha256_digest(input, size, MemorySegment.ofArray(out), out.length),
                    OPERATION);
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment slot = arena.allocate(ADDRESS);
            Status.check(ferrite_sha256_new(slot), OPERATION);
            MemorySegment state = slot.get(ADDRESS, 0);
            try {
                for (long position = 0; position < size; position += SLICE_BYTES) {
                    long length = Math.min(SLICE_BYTES, size - position);
                    Status.check(ferrite_sha256_update(state, input.asSlice(position, length), length),
                            OPERATION);
                }
                Status.check(ferrite_sha256_finish(state, MemorySegment.ofArray(out), out.length),
                        OPERATION);
            } finally {
                Status.check(ferrite_sha256_free(state), OPERATION);
            }
        }
    }

    /**
     * Hashes every message, in order. Messages are packed into chunks of at most {@link #SLICE_BYTES} of work (see
     * the class description); a message too large to share a chunk is hashed on its own.
     *
     * @param messages the messages; no element may be null
     * @return one 32-byte digest per message, in the same order
     */
    public static byte[][] digestAll(byte[][] messages) {
        FerriteNative.requireAvailable();
        int count = messages.length;
        byte[][] digests = new byte[count][];
        if (count == 0) {
            return digests;
        }
        long total = 0;
        for (byte[] message : messages) {
            total += message.length;
        }
        byte[] packed = new byte[(int) Math.min(total, SLICE_BYTES)];
        int maxChunk = Math.min(count, SLICE_BYTES / BLOCK_BYTES);
        long[] offsets = new long[maxChunk + 1];
        byte[] out = new byte[maxChunk * DIGEST_LENGTH];

        int first = 0;
        while (first < count) {
            byte[] head = messages[first];
            if (head.length > SLICE_BYTES - BLOCK_BYTES) {
                // Too big to share a chunk: hashed alone, through the sliced path for inputs over one slice.
                byte[] digest = new byte[DIGEST_LENGTH];
                digest(head, 0, head.length, digest);
                digests[first++] = digest;
                continue;
            }
            // Pack messages [first, end) while their work (length plus one block each) fits in one chunk.
            int end = first;
            int used = 0;
            long work = 0;
            while (end < count) {
                byte[] message = messages[end];
                long cost = (long) message.length + BLOCK_BYTES;
                if (work + cost > SLICE_BYTES) {
                    break;
                }
                offsets[end - first] = used;
                System.arraycopy(message, 0, packed, used, message.length);
                used += message.length;
                work += cost;
                end++;
            }
            int chunk = end - first;
            offsets[chunk] = used;
            Status.check(ferrite_sha256_digest_batch(
                    MemorySegment.ofArray(packed), used,
                    MemorySegment.ofArray(offsets), chunk,
                    MemorySegment.ofArray(out), (long) chunk * DIGEST_LENGTH), OPERATION);
            for (int i = 0; i < chunk; i++) {
                digests[first + i] = Arrays.copyOfRange(out, i * DIGEST_LENGTH, (i + 1) * DIGEST_LENGTH);
            }
            first = end;
        }
        return digests;
    }

    /**
     * Hashes messages that sit back to back in {@code packed}'s remaining bytes, in place (no copy of the data):
     * message {@code i} is bytes {@code [offsets[i], offsets[i + 1])} counted from the buffer's position, and its
     * digest goes to {@code out[32 i, 32 i + 32)}. Heap and direct buffers alike are read where they are, in critical
     * calls of at most {@link #SLICE_BYTES} of work each (chunks of whole messages; a message too large to share a
     * chunk is hashed on its own, sliced). The buffer's position and limit are not changed.
     *
     * @param packed the buffer
     * @param offsets {@code count + 1} offsets, checked by the caller: non-decreasing, within the remaining bytes
     * @param out receives {@code count × 32} bytes
     */
    public static void digestPacked(ByteBuffer packed, int[] offsets, byte[] out) {
        FerriteNative.requireAvailable();
        int count = offsets.length - 1;
        if (count <= 0) {
            return;
        }
        MemorySegment data = MemorySegment.ofBuffer(packed);
        MemorySegment outSegment = MemorySegment.ofArray(out);
        long[] chunkOffsets = new long[Math.min(count, SLICE_BYTES / BLOCK_BYTES) + 1];
        byte[] digest = new byte[DIGEST_LENGTH];
        int first = 0;
        while (first < count) {
            long headLength = (long) offsets[first + 1] - offsets[first];
            if (headLength > SLICE_BYTES - BLOCK_BYTES) {
                digest(data.asSlice(offsets[first], headLength), digest);
                System.arraycopy(digest, 0, out, first * DIGEST_LENGTH, DIGEST_LENGTH);
                first++;
                continue;
            }
            // Messages [first, end) while their work (length plus one block each) fits in one call.
            int end = first;
            long work = 0;
            while (end < count) {
                long cost = (long) offsets[end + 1] - offsets[end] + BLOCK_BYTES;
                if (work + cost > SLICE_BYTES || end - first + 1 >= chunkOffsets.length) {
                    break;
                }
                chunkOffsets[end - first] = (long) offsets[end] - offsets[first];
                work += cost;
                end++;
            }
            int chunk = end - first;
            long used = (long) offsets[end] - offsets[first];
            chunkOffsets[chunk] = used;
            Status.check(ferrite_sha256_digest_batch(data.asSlice(offsets[first], used), used,
                    MemorySegment.ofArray(chunkOffsets), chunk,
                    outSegment.asSlice((long) first * DIGEST_LENGTH, (long) chunk * DIGEST_LENGTH),
                    (long) chunk * DIGEST_LENGTH), OPERATION);
            first = end;
        }
    }

    // ------------------------------------------------------------------------ raw bindings, in jextract's shape

    static final class ferrite_sha256_digest {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_sha256_digest", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_sha256_digest(MemorySegment data, long len, MemorySegment out, long outLen) {
        try {
            return (int) ferrite_sha256_digest.HANDLE.invokeExact(data, len, out, outLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_sha256_digest_batch {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(
                JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_sha256_digest_batch", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_sha256_digest_batch(MemorySegment data, long dataLen, MemorySegment offsets, long count,
            MemorySegment out, long outLen) {
        try {
            return (int) ferrite_sha256_digest_batch.HANDLE.invokeExact(data, dataLen, offsets, count, out, outLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_sha256_new {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        static final MethodHandle HANDLE = FerriteNative.downcall("ferrite_sha256_new", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_sha256_new(MemorySegment stateOut) {
        try {
            return (int) ferrite_sha256_new.HANDLE.invokeExact(stateOut);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_sha256_update {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_sha256_update", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_sha256_update(MemorySegment state, MemorySegment data, long len) {
        try {
            return (int) ferrite_sha256_update.HANDLE.invokeExact(state, data, len);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_sha256_finish {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_sha256_finish", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_sha256_finish(MemorySegment state, MemorySegment out, long outLen) {
        try {
            return (int) ferrite_sha256_finish.HANDLE.invokeExact(state, out, outLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_sha256_free {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        static final MethodHandle HANDLE = FerriteNative.downcall("ferrite_sha256_free", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_sha256_free(MemorySegment state) {
        try {
            return (int) ferrite_sha256_free.HANDLE.invokeExact(state);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }
}
