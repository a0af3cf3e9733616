package dev.ferrite.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Typed bindings of the Ed25519 exports, on Java arrays; no {@link MemorySegment} leaves this package.
 *
 * <p>How memory crosses (docs/ARCHITECTURE.md, "Calling through FFM"): a sign or verify call on a message of up to
 * {@link #CRITICAL_MESSAGE_BYTES} is one critical call straight from the heap arrays. A longer message is copied into
 * native memory first and the call is an ordinary one, so hashing it does not keep the garbage collector waiting.
 * Batches are always copied (keys, signatures and messages packed with an offsets array) and verified by ordinary
 * calls of at most {@link #BATCH_CHUNK_SIGNATURES} signatures and about {@link #BATCH_CHUNK_BYTES} of messages each.
 *
 * <p>Arguments are expected to be checked by the caller (non-null, 32-byte keys and seeds, 64-byte signatures); the
 * native side checks lengths again and reports a violation as an {@link IllegalArgumentException}. Thread-safe.
 */
public final class Ed25519Binding {
    /** Longest message signed or verified in one critical call (64 KiB: about 0.2 ms of hashing here). */
    public static final int CRITICAL_MESSAGE_BYTES = NativeRuntime.CRITICAL_SIGN_BYTES;
    /** Most signatures verified by one batch call. */
    public static final int BATCH_CHUNK_SIGNATURES = 4096;
    /** Message bytes above which a batch call is cut (a longer single message still goes in one call). */
    public static final int BATCH_CHUNK_BYTES = 8 << 20;

    private static final int PUBLIC_KEY_LENGTH = 32;
    private static final int SIGNATURE_LENGTH = 64;

    private Ed25519Binding() {}

    /**
     * A signing key parsed into native memory ({@code FerriteEd25519SigningKey}), freed by {@link #free()} (the
     * native side wipes it). Its owner guarantees that {@link #sign} and {@link #free()} never overlap; thread-safe
     * otherwise (concurrent {@link #sign} calls are fine).
     */
    public static final class SigningKey {
        private final NativeHandle handle;

        private SigningKey(NativeHandle handle) {
            this.handle = handle;
        }

        /**
         * Parses a seed into native memory and writes its public key.
         *
         * @param seed the 32-byte seed
         * @param publicKeyOut receives the 32-byte public key
         * @return the handle
         */
        public static SigningKey fromSeed(byte[] seed, byte[] publicKeyOut) {
            return new SigningKey(NativeHandle.create("ed25519 key",
                    slot -> ferrite_ed25519_signing_key_new(MemorySegment.ofArray(seed), seed.length,
                            MemorySegment.ofArray(publicKeyOut), publicKeyOut.length, slot),
                    Ed25519Binding::ferrite_ed25519_signing_key_free));
        }

        /**
         * Signs {@code message} into {@code signatureOut[0, 64)}.
         *
         * @param message the message
         * @param signatureOut receives the signature
         * @throws IllegalStateException if the key was freed
         */
        public void sign(byte[] message, byte[] signatureOut) {
            MemorySegment key = handle.address();
            MemorySegment out = MemorySegment.ofArray(signatureOut);
            if (message.length <= CRITICAL_MESSAGE_BYTES) {
                Status.check(ferrite_ed25519_sign(key, MemorySegment.ofArray(message), message.length,
                        out, signatureOut.length), "ed25519 sign");
                return;
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment copy = arena.allocateFrom(JAVA_BYTE, message);
                MemorySegment signature = arena.allocate(SIGNATURE_LENGTH);
                Status.check(ferrite_ed25519_sign_long(key, copy, message.length, signature,
                        SIGNATURE_LENGTH), "ed25519 sign");
                MemorySegment.copy(signature, JAVA_BYTE, 0, signatureOut, 0, SIGNATURE_LENGTH);
            }
        }

        /** Frees the native key (wiped by the library). Idempotent. */
        public void free() {
            handle.free();
        }
    }

    /**
     * Whether {@code signature} is valid for {@code message} under the 32-byte {@code publicKey}, by Ferrite's rule
     * (see {@code Ed25519} in the public API); an unacceptable key encoding gives false.
     *
     * @param publicKey the 32-byte encoded key
     * @param message the message
     * @param signature the 64-byte signature
     * @return whether it is valid
     */
    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        FerriteNative.requireAvailable();
        int status;
        if (message.length <= CRITICAL_MESSAGE_BYTES) {
            status = ferrite_ed25519_verify(MemorySegment.ofArray(publicKey), publicKey.length,
                    MemorySegment.ofArray(message), message.length, MemorySegment.ofArray(signature), signature.length);
        } else {
            try (Arena arena = Arena.ofConfined()) {
                status = ferrite_ed25519_verify_long(arena.allocateFrom(JAVA_BYTE, publicKey),
                        publicKey.length, arena.allocateFrom(JAVA_BYTE, message), message.length,
                        arena.allocateFrom(JAVA_BYTE, signature), signature.length);
            }
        }
        return Status.checkVerified(status, "ed25519 verify");
    }

    /**
     * Whether every signature is valid; the same answer as {@link #verify} on each.
     *
     * @param publicKeys 32-byte encoded keys
     * @param messages the messages
     * @param signatures 64-byte signatures; the three arrays have the same length
     * @return whether all are valid (true when empty)
     */
    public static boolean verifyBatch(byte[][] publicKeys, byte[][] messages, byte[][] signatures) {
        FerriteNative.requireAvailable();
        int count = publicKeys.length;
        int first = 0;
        while (first < count) {
            int end = first;
            long bytes = 0;
            while (end < count && end - first < BATCH_CHUNK_SIGNATURES
                    && (end == first || bytes + messages[end].length <= BATCH_CHUNK_BYTES)) {
                bytes += messages[end].length;
                end++;
            }
            if (!verifyChunk(publicKeys, messages, signatures, first, end, bytes)) {
                return false;
            }
            first = end;
        }
        return true;
    }

    private static boolean verifyChunk(byte[][] publicKeys, byte[][] messages, byte[][] signatures, int first,
            int end, long messageBytes) {
        int chunk = end - first;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment keys = arena.allocate((long) chunk * PUBLIC_KEY_LENGTH);
            MemorySegment sigs = arena.allocate((long) chunk * SIGNATURE_LENGTH);
            MemorySegment data = arena.allocate(Math.max(1, messageBytes));
            MemorySegment offsets = arena.allocate(JAVA_LONG, chunk + 1L);
            long used = 0;
            for (int i = 0; i < chunk; i++) {
                byte[] message = messages[first + i];
                MemorySegment.copy(publicKeys[first + i], 0, keys, JAVA_BYTE, (long) i * PUBLIC_KEY_LENGTH,
                        PUBLIC_KEY_LENGTH);
                MemorySegment.copy(signatures[first + i], 0, sigs, JAVA_BYTE, (long) i * SIGNATURE_LENGTH,
                        SIGNATURE_LENGTH);
                offsets.setAtIndex(JAVA_LONG, i, used);
                MemorySegment.copy(message, 0, data, JAVA_BYTE, used, message.length);
                used += message.length;
            }
            offsets.setAtIndex(JAVA_LONG, chunk, used);
            int status = ferrite_ed25519_verify_batch(keys, keys.byteSize(), data, used, offsets, chunk,
                    sigs, sigs.byteSize());
            return Status.checkVerified(status, "ed25519 verify batch");
        }
    }

    // ------------------------------------------------------------------------ raw bindings, in jextract's shape

    static final class ferrite_ed25519_signing_key_new {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(
                JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_ed25519_signing_key_new", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_ed25519_signing_key_new(MemorySegment seed, long seedLen, MemorySegment publicKeyOut,
            long publicKeyOutLen, MemorySegment keyOut) {
        try {
            return (int) ferrite_ed25519_signing_key_new.HANDLE.invokeExact(seed, seedLen, publicKeyOut,
                    publicKeyOutLen, keyOut);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_ed25519_sign {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(
                JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE = FerriteNative.downcall("ferrite_ed25519_sign", DESC, FerriteNative.CRITICAL);
        static final MethodHandle HANDLE_LONG = FerriteNative.downcall("ferrite_ed25519_sign", DESC);
    }

    static int ferrite_ed25519_sign(MemorySegment key, MemorySegment message, long messageLen,
            MemorySegment signatureOut, long signatureOutLen) {
        try {
            return (int) ferrite_ed25519_sign.HANDLE.invokeExact(key, message, messageLen, signatureOut,
                    signatureOutLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static int ferrite_ed25519_sign_long(MemorySegment key, MemorySegment message, long messageLen,
            MemorySegment signatureOut, long signatureOutLen) {
        try {
            return (int) ferrite_ed25519_sign.HANDLE_LONG.invokeExact(key, message, messageLen, signatureOut,
                    signatureOutLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_ed25519_signing_key_free {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_ed25519_signing_key_free", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_ed25519_signing_key_free(MemorySegment key) {
        try {
            return (int) ferrite_ed25519_signing_key_free.HANDLE.invokeExact(key);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_ed25519_verify {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(
                JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_ed25519_verify", DESC, FerriteNative.CRITICAL);
        static final MethodHandle HANDLE_LONG = FerriteNative.downcall("ferrite_ed25519_verify", DESC);
    }

    static int ferrite_ed25519_verify(MemorySegment publicKey, long publicKeyLen, MemorySegment message,
            long messageLen, MemorySegment signature, long signatureLen) {
        try {
            return (int) ferrite_ed25519_verify.HANDLE.invokeExact(publicKey, publicKeyLen, message, messageLen,
                    signature, signatureLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static int ferrite_ed25519_verify_long(MemorySegment publicKey, long publicKeyLen, MemorySegment message,
            long messageLen, MemorySegment signature, long signatureLen) {
        try {
            return (int) ferrite_ed25519_verify.HANDLE_LONG.invokeExact(publicKey, publicKeyLen, message,
                    messageLen, signature, signatureLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_ed25519_verify_batch {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(
                JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE = FerriteNative.downcall("ferrite_ed25519_verify_batch", DESC);
    }

    static int ferrite_ed25519_verify_batch(MemorySegment publicKeys, long publicKeysLen, MemorySegment messages,
            long messagesLen, MemorySegment offsets, long count, MemorySegment signatures, long signaturesLen) {
        try {
            return (int) ferrite_ed25519_verify_batch.HANDLE.invokeExact(publicKeys, publicKeysLen, messages,
                    messagesLen, offsets, count, signatures, signaturesLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }
}
