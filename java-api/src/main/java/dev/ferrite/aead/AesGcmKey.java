package dev.ferrite.aead;

import dev.ferrite.Backend;
import dev.ferrite.internal.UseCounter;
import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.security.auth.Destroyable;

/**
 * An AES key expanded for GCM, from {@link AesGcm#key(byte[])}: encrypts and decrypts any number of messages.
 *
 * <p>Formats, all byte-compatible with the JDK's {@code AES/GCM/NoPadding} (12-byte IV, 128-bit tag):
 * <ul>
 *   <li>{@link #encrypt(byte[], byte[], byte[])} returns {@code ciphertext || tag}, 16 bytes longer than the
 *       plaintext; {@link #decrypt(byte[], byte[], byte[])} takes the same;
 *   <li>{@link #seal(byte[], byte[])} returns {@code nonce || ciphertext || tag} with a fresh random nonce, 28 bytes
 *       longer than the plaintext; {@link #open(byte[], byte[])} takes the same.
 * </ul>
 * The additional authenticated data ({@code aad}) is authenticated, not encrypted; {@code null} means none.
 *
 * <p>Errors: any change to the ciphertext, tag, nonce or AAD, a wrong key, or a ciphertext shorter than the tag gives
 * {@link AEADBadTagException}, and no plaintext is returned or left in the caller's output buffer (it is overwritten
 * with zeros; a buffer may hold unverified plaintext while decryption runs, so don't let other threads read it
 * meanwhile). A nonce that is not 12 bytes, an output buffer that is too small or a message too long for a Java array
 * gives {@link IllegalArgumentException} naming the expected and the given size; a closed key gives
 * {@link IllegalStateException}.
 *
 * <p>Secrets: the key bytes are copied in, never exposed ({@link #toString()} shows only the key size and backend),
 * and {@link #close()} wipes them (the native backend overwrites its expanded key with zeros when freeing it). A key
 * that is never closed is wiped by a {@link Cleaner} once unreachable; close keys (try-with-resources) rather than rely
 * on the garbage collector. With the Java backend the JDK's {@code Cipher} objects (one per thread, reused) may keep a
 * copy of the key schedule until they are next initialised; the JDK offers no way to wipe them.
 *
 * <p>Thread-safe: any number of threads may use one key at once. {@link #close()} may be called from any thread at any
 * time: operations in progress complete, later ones throw {@link IllegalStateException}, and the key is wiped when the
 * last one is done. Closing twice is harmless.
 */
public final class AesGcmKey implements AutoCloseable, Destroyable {
    private static final byte[] EMPTY = new byte[0];
    private static final int MAX_PLAINTEXT = Integer.MAX_VALUE - 8 - AesGcm.NONCE_LENGTH - AesGcm.TAG_LENGTH;

    /**
     * The backend's side of a key. Arguments arrive checked (sizes, non-null, {@code aad} never null, output large
     * enough) and the key is open for the whole call. Array ranges never overlap; buffers may (in-place use).
     */
    interface Engine {
        /** Encrypts {@code in[inOff, inOff+inLen)} into {@code out[outOff, outOff+inLen+16)}. */
        void encrypt(byte[] nonce, byte[] in, int inOff, int inLen, byte[] aad, byte[] out, int outOff);

        /**
         * Decrypts {@code in[inOff, inOff+inLen)} ({@code inLen >= 16}) into {@code out[outOff, outOff+inLen-16)};
         * false when authentication fails (the caller then wipes the output).
         */
        boolean decrypt(byte[] nonce, byte[] in, int inOff, int inLen, byte[] aad, byte[] out, int outOff);

        /**
         * Encrypts {@code in}'s remaining bytes into {@code out} from its position; positions are left alone. Used when
         * a buffer is direct or read-only (no accessible array); the two may share memory.
         */
        void encrypt(byte[] nonce, ByteBuffer in, byte[] aad, ByteBuffer out);

        /** As {@link #encrypt(byte[], ByteBuffer, byte[], ByteBuffer)}, decrypting; false when authentication fails. */
        boolean decrypt(byte[] nonce, ByteBuffer in, byte[] aad, ByteBuffer out);

        /** Wipes and frees the key; runs once, when no operation is in progress. */
        void wipe();
    }

    private static final class Random {
        static final SecureRandom NONCES = new SecureRandom();
    }

    private final Engine engine;
    private final int keyLength;
    private final Backend backend;
    private final UseCounter users;
    private final Cleaner.Cleanable cleanable;

    AesGcmKey(Engine engine, int keyLength, Backend backend) {
        this.engine = engine;
        this.keyLength = keyLength;
        this.backend = backend;
        this.users = new UseCounter("AesGcmKey", engine::wipe);
        this.cleanable = users.closeWhenUnreachable(this);
    }

    static void checkKeyLength(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("an AES key is 16, 24 or 32 bytes, got " + key.length);
        }
    }

    /**
     * Encrypts and authenticates {@code plaintext} and {@code aad} under {@code nonce}.
     *
     * @param nonce 12 bytes, never used before with this key
     * @param plaintext the message
     * @param aad additional authenticated data, or null for none
     * @return {@code ciphertext || tag}, {@code plaintext.length + 16} bytes
     * @throws NullPointerException if {@code nonce} or {@code plaintext} is null
     * @throws IllegalArgumentException if {@code nonce} is not 12 bytes or {@code plaintext} is too long
     * @throws IllegalStateException if the key is closed
     */
    public byte[] encrypt(byte[] nonce, byte[] plaintext, byte[] aad) {
        checkNonce(nonce);
        Objects.requireNonNull(plaintext, "plaintext");
        checkPlaintextLength(plaintext.length);
        byte[] out = new byte[plaintext.length + AesGcm.TAG_LENGTH];
        users.acquire();
        try {
            engine.encrypt(nonce, plaintext, 0, plaintext.length, orEmpty(aad), out, 0);
        } finally {
            users.release();
            Reference.reachabilityFence(this);
        }
        return out;
    }

    /**
     * Checks and decrypts {@code ciphertextAndTag} as produced by {@link #encrypt(byte[], byte[], byte[])}.
     *
     * @param nonce the 12-byte nonce it was encrypted under
     * @param ciphertextAndTag {@code ciphertext || tag}
     * @param aad the additional authenticated data it was encrypted with, or null for none
     * @return the plaintext, {@code ciphertextAndTag.length - 16} bytes
     * @throws AEADBadTagException if anything was changed, the key is wrong, or the input is shorter than the tag
     * @throws NullPointerException if {@code nonce} or {@code ciphertextAndTag} is null
     * @throws IllegalArgumentException if {@code nonce} is not 12 bytes
     * @throws IllegalStateException if the key is closed
     */
    public byte[] decrypt(byte[] nonce, byte[] ciphertextAndTag, byte[] aad) throws AEADBadTagException {
        checkNonce(nonce);
        Objects.requireNonNull(ciphertextAndTag, "ciphertextAndTag");
        checkCiphertextLength(ciphertextAndTag.length);
        byte[] out = new byte[ciphertextAndTag.length - AesGcm.TAG_LENGTH];
        decryptInto(nonce, ciphertextAndTag, 0, ciphertextAndTag.length, orEmpty(aad), out, 0);
        return out;
    }

    /**
     * Encrypts {@code plaintext}'s remaining bytes into {@code output} as {@code ciphertext || tag}, like
     * {@code Cipher.doFinal(ByteBuffer, ByteBuffer)}: on return {@code plaintext}'s position is its limit and
     * {@code output}'s position has advanced by the bytes written. Heap and direct buffers both work; the two may
     * share memory (in-place encryption).
     *
     * @param nonce 12 bytes, never used before with this key
     * @param plaintext the message (its remaining bytes)
     * @param aad additional authenticated data, or null for none
     * @param output receives {@code plaintext.remaining() + 16} bytes
     * @return the number of bytes written
     * @throws NullPointerException if {@code nonce}, {@code plaintext} or {@code output} is null
     * @throws IllegalArgumentException if {@code nonce} is not 12 bytes or {@code output} has too little room
     * @throws ReadOnlyBufferException if {@code output} is read-only
     * @throws IllegalStateException if the key is closed
     */
    public int encrypt(byte[] nonce, ByteBuffer plaintext, byte[] aad, ByteBuffer output) {
        checkNonce(nonce);
        Objects.requireNonNull(plaintext, "plaintext");
        checkOutput(output);
        checkDistinct(plaintext, output);
        int length = plaintext.remaining();
        checkPlaintextLength(length);
        int written = length + AesGcm.TAG_LENGTH;
        checkRoom(output, written, "plaintext.remaining() + 16");
        users.acquire();
        byte[] copy = null;
        try {
            if (plaintext.hasArray() && output.hasArray()) {
                byte[] in = plaintext.array();
                int inOff = plaintext.arrayOffset() + plaintext.position();
                byte[] out = output.array();
                int outOff = output.arrayOffset() + output.position();
                if (in == out && overlaps(inOff, length, outOff, written)) {
                    copy = Arrays.copyOfRange(in, inOff, inOff + length);
                    in = copy;
                    inOff = 0;
                }
                engine.encrypt(nonce, in, inOff, length, orEmpty(aad), out, outOff);
            } else {
                engine.encrypt(nonce, plaintext, orEmpty(aad), output);
            }
        } finally {
            users.release();
            Reference.reachabilityFence(this);
            if (copy != null) {
                Arrays.fill(copy, (byte) 0);
            }
        }
        plaintext.position(plaintext.limit());
        output.position(output.position() + written);
        return written;
    }

    /**
     * Checks and decrypts {@code ciphertextAndTag}'s remaining bytes into {@code output}, like
     * {@code Cipher.doFinal(ByteBuffer, ByteBuffer)}: on success {@code ciphertextAndTag}'s position is its limit and
     * {@code output}'s position has advanced by the plaintext length. On failure no position moves and the
     * {@code ciphertextAndTag.remaining() - 16} bytes of {@code output} from its position are overwritten with zeros.
     *
     * @param nonce the 12-byte nonce it was encrypted under
     * @param ciphertextAndTag {@code ciphertext || tag} (its remaining bytes)
     * @param aad the additional authenticated data it was encrypted with, or null for none
     * @param output receives {@code ciphertextAndTag.remaining() - 16} bytes
     * @return the number of bytes written
     * @throws AEADBadTagException if anything was changed, the key is wrong, or the input is shorter than the tag
     * @throws NullPointerException if {@code nonce}, {@code ciphertextAndTag} or {@code output} is null
     * @throws IllegalArgumentException if {@code nonce} is not 12 bytes or {@code output} has too little room
     * @throws ReadOnlyBufferException if {@code output} is read-only
     * @throws IllegalStateException if the key is closed
     */
    public int decrypt(byte[] nonce, ByteBuffer ciphertextAndTag, byte[] aad, ByteBuffer output)
            throws AEADBadTagException {
        checkNonce(nonce);
        Objects.requireNonNull(ciphertextAndTag, "ciphertextAndTag");
        checkOutput(output);
        checkDistinct(ciphertextAndTag, output);
        int length = ciphertextAndTag.remaining();
        checkCiphertextLength(length);
        int written = length - AesGcm.TAG_LENGTH;
        checkRoom(output, written, "ciphertextAndTag.remaining() - 16");
        boolean ok = false;
        users.acquire();
        try {
            if (ciphertextAndTag.hasArray() && output.hasArray()) {
                byte[] in = ciphertextAndTag.array();
                int inOff = ciphertextAndTag.arrayOffset() + ciphertextAndTag.position();
                byte[] out = output.array();
                int outOff = output.arrayOffset() + output.position();
                if (in == out && overlaps(inOff, length, outOff, written)) {
                    in = Arrays.copyOfRange(in, inOff, inOff + length);
                    inOff = 0;
                }
                ok = engine.decrypt(nonce, in, inOff, length, orEmpty(aad), out, outOff);
            } else {
                ok = engine.decrypt(nonce, ciphertextAndTag, orEmpty(aad), output);
            }
        } finally {
            users.release();
            Reference.reachabilityFence(this);
            if (!ok) {
                // A bad tag, or any failure part-way (earlier slices may already hold plaintext).
                int start = output.position();
                for (int i = 0; i < written; i++) {
                    output.put(start + i, (byte) 0);
                }
            }
        }
        if (!ok) {
            throw badTag();
        }
        ciphertextAndTag.position(ciphertextAndTag.limit());
        output.position(output.position() + written);
        return written;
    }

    /**
     * Encrypts with a fresh random 12-byte nonce from {@link SecureRandom} and puts the nonce in front: the simplest
     * safe use, for up to 2<sup>32</sup> messages per key (see {@link AesGcm}).
     *
     * @param plaintext the message
     * @param aad additional authenticated data, or null for none
     * @return {@code nonce || ciphertext || tag}, {@code plaintext.length + 28} bytes
     * @throws NullPointerException if {@code plaintext} is null
     * @throws IllegalArgumentException if {@code plaintext} is too long
     * @throws IllegalStateException if the key is closed
     */
    public byte[] seal(byte[] plaintext, byte[] aad) {
        Objects.requireNonNull(plaintext, "plaintext");
        checkPlaintextLength(plaintext.length);
        byte[] nonce = new byte[AesGcm.NONCE_LENGTH];
        Random.NONCES.nextBytes(nonce);
        byte[] out = new byte[AesGcm.NONCE_LENGTH + plaintext.length + AesGcm.TAG_LENGTH];
        System.arraycopy(nonce, 0, out, 0, AesGcm.NONCE_LENGTH);
        users.acquire();
        try {
            engine.encrypt(nonce, plaintext, 0, plaintext.length, orEmpty(aad), out, AesGcm.NONCE_LENGTH);
        } finally {
            users.release();
            Reference.reachabilityFence(this);
        }
        return out;
    }

    /**
     * Checks and decrypts a message made by {@link #seal(byte[], byte[])}.
     *
     * @param sealed {@code nonce || ciphertext || tag}
     * @param aad the additional authenticated data it was sealed with, or null for none
     * @return the plaintext, {@code sealed.length - 28} bytes
     * @throws AEADBadTagException if anything was changed, the key is wrong, or {@code sealed} is shorter than 28 bytes
     * @throws NullPointerException if {@code sealed} is null
     * @throws IllegalStateException if the key is closed
     */
    public byte[] open(byte[] sealed, byte[] aad) throws AEADBadTagException {
        Objects.requireNonNull(sealed, "sealed");
        if (sealed.length < AesGcm.NONCE_LENGTH + AesGcm.TAG_LENGTH) {
            throw new AEADBadTagException("a sealed message is at least 28 bytes (12-byte nonce and 16-byte tag), got "
                    + sealed.length);
        }
        byte[] nonce = Arrays.copyOf(sealed, AesGcm.NONCE_LENGTH);
        int length = sealed.length - AesGcm.NONCE_LENGTH;
        byte[] out = new byte[length - AesGcm.TAG_LENGTH];
        decryptInto(nonce, sealed, AesGcm.NONCE_LENGTH, length, orEmpty(aad), out, 0);
        return out;
    }

    private void decryptInto(byte[] nonce, byte[] in, int inOff, int inLen, byte[] aad, byte[] out, int outOff)
            throws AEADBadTagException {
        boolean ok = false;
        users.acquire();
        try {
            ok = engine.decrypt(nonce, in, inOff, inLen, aad, out, outOff);
        } finally {
            users.release();
            Reference.reachabilityFence(this);
            if (!ok) {
                // A bad tag, or any failure part-way (earlier slices may already hold plaintext).
                Arrays.fill(out, outOff, outOff + inLen - AesGcm.TAG_LENGTH, (byte) 0);
            }
        }
        if (!ok) {
            throw badTag();
        }
    }

    /**
     * The key size.
     *
     * @return 128, 192 or 256
     */
    public int keyBits() {
        return keyLength * 8;
    }

    /**
     * The backend this key runs on.
     *
     * @return the backend of the {@link AesGcm} that made it
     */
    public Backend backend() {
        return backend;
    }

    /** Wipes the key once operations in progress are done; later uses throw {@link IllegalStateException}. Idempotent. */
    @Override
    public void close() {
        // Closed before returning, whoever runs the cleaning action: a Cleanable.clean() that loses the race to
        // another thread's returns before that thread has run it.
        users.close();
        cleanable.clean();
    }

    /** Same as {@link #close()}. */
    @Override
    public void destroy() {
        close();
    }

    /**
     * Whether {@link #close()} (or {@link #destroy()}) has been called.
     *
     * @return true once closed
     */
    @Override
    public boolean isDestroyed() {
        return users.isClosed();
    }

    /**
     * The key size and backend, never key material.
     *
     * @return e.g. {@code AesGcmKey[AES-256, native]}, with {@code , closed} once closed
     */
    @Override
    public String toString() {
        return "AesGcmKey[AES-" + keyBits() + ", " + backend.name().toLowerCase(java.util.Locale.ROOT)
                + (users.isClosed() ? ", closed" : "") + "]";
    }

    private static byte[] orEmpty(byte[] aad) {
        return aad == null ? EMPTY : aad;
    }

    private static void checkNonce(byte[] nonce) {
        Objects.requireNonNull(nonce, "nonce");
        if (nonce.length != AesGcm.NONCE_LENGTH) {
            throw new IllegalArgumentException("the nonce must be 12 bytes, got " + nonce.length);
        }
    }

    private static void checkPlaintextLength(int length) {
        if (length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("the plaintext may be at most " + MAX_PLAINTEXT
                    + " bytes (the output must fit a Java array), got " + length);
        }
    }

    private static void checkCiphertextLength(int length) throws AEADBadTagException {
        if (length < AesGcm.TAG_LENGTH) {
            throw new AEADBadTagException("the ciphertext must hold at least the 16-byte tag, got " + length + " bytes");
        }
    }

    private static void checkOutput(ByteBuffer output) {
        Objects.requireNonNull(output, "output");
        if (output.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
    }

    private static void checkDistinct(ByteBuffer input, ByteBuffer output) {
        if (input == output) {
            throw new IllegalArgumentException("the input and the output are the same ByteBuffer object; for in-place use"
                    + " pass a duplicate() of it as the output");
        }
    }

    private static void checkRoom(ByteBuffer output, int needed, String what) {
        if (output.remaining() < needed) {
            throw new IllegalArgumentException("the output buffer needs " + needed + " bytes remaining (" + what
                    + "), has " + output.remaining());
        }
    }

    private static boolean overlaps(int a, int aLength, int b, int bLength) {
        return a < b + bLength && b < a + aLength;
    }

    private static AEADBadTagException badTag() {
        return new AEADBadTagException("AES-GCM authentication failed: the ciphertext, tag, nonce or AAD was changed,"
                + " or the key is wrong");
    }
}
