package dev.ferrite.sha256;

import dev.ferrite.Backend;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * SHA-256 (FIPS 180-4): one message, or many at once.
 *
 * <p>Obtain an implementation from {@link dev.ferrite.Crypto#sha256()}. Both backends return identical digests for
 * every input. The native one uses the CPU's SHA extensions when present and hashes batches in parallel on
 * Ferrite's worker pool; the Java one uses {@link java.security.MessageDigest}, and the common
 * {@link java.util.concurrent.ForkJoinPool} for batches.
 *
 * <p>SHA-256 is a hash, not a password hash or a MAC: for passwords use Argon2, for authentication an HMAC or an
 * AEAD.
 *
 * <p>Implementations are stateless and thread-safe. Arguments are never retained or modified (a
 * {@link ByteBuffer}'s position aside, as documented).
 */
public interface Sha256 {
    /** Length of a SHA-256 digest in bytes. */
    int DIGEST_LENGTH = 32;

    /**
     * The digest of {@code data}.
     *
     * @param data the message
     * @return a new 32-byte array
     * @throws NullPointerException if {@code data} is null
     */
    byte[] digest(byte[] data);

    /**
     * The digest of {@code length} bytes of {@code data} starting at {@code offset}.
     *
     * @param data the array holding the message
     * @param offset index of the first byte
     * @param length number of bytes
     * @return a new 32-byte array
     * @throws NullPointerException if {@code data} is null
     * @throws IndexOutOfBoundsException if the range is not within {@code data}
     */
    byte[] digest(byte[] data, int offset, int length);

    /**
     * The digest of the bytes between {@code data}'s position and limit, heap or direct buffer alike. Like
     * {@link java.security.MessageDigest#update(ByteBuffer)}, this consumes the buffer: its position moves to its
     * limit.
     *
     * @param data the message
     * @return a new 32-byte array
     * @throws NullPointerException if {@code data} is null
     */
    byte[] digest(ByteBuffer data);

    /**
     * The digests of many messages, computed in parallel, in the order of {@code messages}. Faster than a loop of
     * {@link #digest(byte[])} for large batches; the result is the same.
     *
     * @param messages the messages (a snapshot is taken; the list is not modified)
     * @return one new 32-byte array per message, {@code result[i]} being the digest of {@code messages.get(i)}
     * @throws NullPointerException if {@code messages} or any element is null (the message names the index)
     */
    byte[][] digestAll(List<byte[]> messages);

    /**
     * The digests of messages that sit back to back in one buffer, read where they are: for data that is already in
     * one place (a file or network read, a column of values), this saves the copy {@link #digestAll(List)} makes.
     * Message {@code i} is the bytes from {@code packed.position() + offsets[i]} to
     * {@code packed.position() + offsets[i + 1]}; there are {@code offsets.length - 1} messages. Computed in parallel
     * as {@link #digestAll(List)} is; heap and direct buffers alike. The buffer's position and limit are not changed
     * (its content must not change during the call).
     *
     * <p>For example, three messages {@code "a"}, {@code ""} and {@code "bc"} in a buffer holding {@code "abc"}:
     * offsets {@code {0, 1, 1, 3}}.
     *
     * @param packed the buffer; its remaining bytes hold the messages
     * @param offsets where each message starts, relative to the buffer's position, and where the last one ends:
     *     at least one entry, non-decreasing, from 0 to {@code packed.remaining()}
     * @return {@code 32 × (offsets.length - 1)} bytes: the digest of message {@code i} at {@code [32 i, 32 i + 32)}
     * @throws NullPointerException if {@code packed} or {@code offsets} is null
     * @throws IllegalArgumentException if {@code offsets} is empty, decreasing or out of range (the message names the
     *     index), or the digests would not fit in one array
     */
    byte[] digestAll(ByteBuffer packed, int[] offsets);

    /**
     * The backend this implementation runs on.
     *
     * @return the backend
     */
    Backend backend();
}
