package dev.ferrite.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Arrays;

/**
 * Typed bindings of the AES-GCM exports, on Java arrays and {@link ByteBuffer}s; no {@link MemorySegment} leaves this
 * package.
 *
 * <p>How memory crosses (docs/ARCHITECTURE.md, "Calling through FFM"): a message and AAD of up to {@link #SLICE_BYTES}
 * each are one critical call straight on the caller's arrays or buffers. Anything longer goes through a native GCM
 * state fed in slices of {@link #SLICE_BYTES}, one critical call per slice, so no call keeps the garbage collector
 * waiting for long and nothing is copied. When decryption fails, the native side wipes what it wrote in the last call;
 * the caller wipes the whole output (earlier slices included).
 *
 * <p>Arguments are expected to be checked by the caller (12-byte nonce, output large enough, ciphertext at least a
 * tag); the native side checks them again and reports a violation as an {@link IllegalArgumentException}.
 */
public final class AesGcmBinding {
    /** Longest message or AAD processed in one call (1 MiB: about 60 µs of AES-GCM here). */
    public static final int SLICE_BYTES = NativeRuntime.CRITICAL_CALL_BYTES;

    private static final int TAG_LENGTH = 16;
    private static final String ENCRYPT = "aes-gcm encrypt";
    private static final String DECRYPT = "aes-gcm decrypt";

    private AesGcmBinding() {}

    /**
     * An AES key expanded in native memory ({@code FerriteAesGcmKey}), freed by {@link #free()} (the native side wipes
     * it). Its owner guarantees that no operation overlaps {@link #free()}; any number of operations may run at once.
     */
    public static final class Key {
        private final NativeHandle handle;

        private Key(NativeHandle handle) {
            this.handle = handle;
        }

        /**
         * Expands {@code key} (16, 24 or 32 bytes) into native memory.
         *
         * @param key the key bytes (not kept)
         * @return the handle
         */
        public static Key create(byte[] key) {
            return new Key(NativeHandle.create("aes-gcm key",
                    slot -> ferrite_aes_gcm_key_new(MemorySegment.ofArray(key), key.length, slot),
                    AesGcmBinding::ferrite_aes_gcm_key_free));
        }

        /**
         * Encrypts {@code in[inOff, inOff+inLen)} into {@code out[outOff, outOff+inLen+16)} ({@code ciphertext ||
         * tag}). The ranges must not overlap.
         *
         * @param nonce the 12-byte nonce
         * @param in the plaintext array
         * @param inOff where the plaintext starts
         * @param inLen its length
         * @param aad the additional authenticated data
         * @param out the output array
         * @param outOff where the output starts
         */
        public void encrypt(byte[] nonce, byte[] in, int inOff, int inLen, byte[] aad, byte[] out, int outOff) {
            crypt(true, nonce, MemorySegment.ofArray(in).asSlice(inOff, inLen), aad,
                    MemorySegment.ofArray(out).asSlice(outOff, (long) inLen + TAG_LENGTH));
        }

        /**
         * Decrypts {@code in[inOff, inOff+inLen)} ({@code ciphertext || tag}) into {@code out[outOff,
         * outOff+inLen-16)}. The ranges must not overlap.
         *
         * @param nonce the 12-byte nonce
         * @param in the input array
         * @param inOff where the input starts
         * @param inLen its length, at least 16
         * @param aad the additional authenticated data
         * @param out the output array
         * @param outOff where the plaintext goes
         * @return false if authentication failed (the caller must then wipe the output range)
         */
        public boolean decrypt(byte[] nonce, byte[] in, int inOff, int inLen, byte[] aad, byte[] out, int outOff) {
            return crypt(false, nonce, MemorySegment.ofArray(in).asSlice(inOff, inLen), aad,
                    MemorySegment.ofArray(out).asSlice(outOff, (long) inLen - TAG_LENGTH));
        }

        /**
         * Encrypts {@code in}'s remaining bytes into {@code out} from its position; positions are not moved. The
         * buffers may overlap (the input is then copied first).
         *
         * @param nonce the 12-byte nonce
         * @param in the plaintext
         * @param aad the additional authenticated data
         * @param out the output, with {@code in.remaining() + 16} bytes of room
         */
        public void encrypt(byte[] nonce, ByteBuffer in, byte[] aad, ByteBuffer out) {
            buffers(true, nonce, in, aad, out, TAG_LENGTH);
        }

        /**
         * Decrypts {@code in}'s remaining bytes into {@code out} from its position; positions are not moved. The
         * buffers may overlap (the input is then copied first).
         *
         * @param nonce the 12-byte nonce
         * @param in {@code ciphertext || tag}, at least 16 bytes
         * @param aad the additional authenticated data
         * @param out the output, with {@code in.remaining() - 16} bytes of room
         * @return false if authentication failed (the caller must then wipe the output range)
         */
        public boolean decrypt(byte[] nonce, ByteBuffer in, byte[] aad, ByteBuffer out) {
            return buffers(false, nonce, in, aad, out, -TAG_LENGTH);
        }

        private boolean buffers(boolean encrypt, byte[] nonce, ByteBuffer in, byte[] aad, ByteBuffer out, int growth) {
            if (out.isReadOnly()) {
                throw new ReadOnlyBufferException();
            }
            MemorySegment input = MemorySegment.ofBuffer(in);
            MemorySegment output = MemorySegment.ofBuffer(out).asSlice(0, input.byteSize() + growth);
            byte[] copy = null;
            if (input.asOverlappingSlice(output).isPresent()) {
                copy = input.toArray(JAVA_BYTE);
                input = MemorySegment.ofArray(copy);
            }
            try {
                return crypt(encrypt, nonce, input, aad, output);
            } finally {
                if (copy != null) {
                    Arrays.fill(copy, (byte) 0);
                }
            }
        }

        /** Frees the native key (wiped by the library). Idempotent. */
        public void free() {
            handle.free();
        }

        private boolean crypt(boolean encrypt, byte[] nonce, MemorySegment in, byte[] aad, MemorySegment out) {
            MemorySegment key = handle.address();
            if (aad.length > 0 && MemorySegment.ofArray(aad).asOverlappingSlice(out).isPresent()) {
                aad = aad.clone(); // the AAD array is also the output's backing array
            }
            long length = in.byteSize();
            if (length <= SLICE_BYTES && aad.length <= SLICE_BYTES) {
                MemorySegment nonceSegment = MemorySegment.ofArray(nonce);
                MemorySegment aadSegment = MemorySegment.ofArray(aad);
                if (encrypt) {
                    Status.check(ferrite_aes_gcm_seal(key, nonceSegment, nonce.length, aadSegment,
                            aad.length, in, length, out, out.byteSize()), ENCRYPT);
                    return true;
                }
                return Status.checkVerified(ferrite_aes_gcm_open(key, nonceSegment, nonce.length,
                        aadSegment, aad.length, in, length, out, out.byteSize()), DECRYPT);
            }
            return stream(key, encrypt, nonce, in, aad, out);
        }
    }

    /** The sliced path: a native GCM state fed {@link #SLICE_BYTES} at a time. */
    private static boolean stream(MemorySegment key, boolean encrypt, byte[] nonce, MemorySegment in, byte[] aad,
            MemorySegment out) {
        String operation = encrypt ? ENCRYPT : DECRYPT;
        long dataLength = encrypt ? in.byteSize() : in.byteSize() - TAG_LENGTH;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment slot = arena.allocate(ADDRESS);
            Status.check(ferrite_aes_gcm_stream_new(key, encrypt ? 0 : 1, MemorySegment.ofArray(nonce),
                    nonce.length, slot), operation);
            MemorySegment state = slot.get(ADDRESS, 0);
            try {
                MemorySegment aadSegment = MemorySegment.ofArray(aad);
                for (long position = 0; position < aad.length; position += SLICE_BYTES) {
                    long length = Math.min(SLICE_BYTES, aad.length - position);
                    Status.check(ferrite_aes_gcm_stream_aad(state, aadSegment.asSlice(position, length),
                            length), operation);
                }
                for (long position = 0; position < dataLength; position += SLICE_BYTES) {
                    long length = Math.min(SLICE_BYTES, dataLength - position);
                    Status.check(ferrite_aes_gcm_stream_update(state, in.asSlice(position, length),
                            length, out.asSlice(position, length), length), operation);
                }
                if (encrypt) {
                    Status.check(ferrite_aes_gcm_stream_tag(state, out.asSlice(dataLength,
                            TAG_LENGTH), TAG_LENGTH), operation);
                    return true;
                }
                return Status.checkVerified(ferrite_aes_gcm_stream_verify(state,
                        in.asSlice(dataLength, TAG_LENGTH), TAG_LENGTH), operation);
            } finally {
                Status.check(ferrite_aes_gcm_stream_free(state), operation);
            }
        }
    }

    // ------------------------------------------------------------------------ raw bindings, in jextract's shape

    static final class ferrite_aes_gcm_key_new {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_aes_gcm_key_new", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_aes_gcm_key_new(MemorySegment key, long keyLen, MemorySegment keyOut) {
        try {
            return (int) ferrite_aes_gcm_key_new.HANDLE.invokeExact(key, keyLen, keyOut);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_aes_gcm_key_free {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_aes_gcm_key_free", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_aes_gcm_key_free(MemorySegment key) {
        try {
            return (int) ferrite_aes_gcm_key_free.HANDLE.invokeExact(key);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_aes_gcm_seal {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(
                JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE = FerriteNative.downcall("ferrite_aes_gcm_seal", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_aes_gcm_seal(MemorySegment key, MemorySegment nonce, long nonceLen, MemorySegment aad, long aadLen, MemorySegment in, long inLen, MemorySegment out, long outLen) {
        try {
            return (int) ferrite_aes_gcm_seal.HANDLE.invokeExact(key, nonce, nonceLen, aad, aadLen, in, inLen, out, outLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_aes_gcm_open {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(
                JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE = FerriteNative.downcall("ferrite_aes_gcm_open", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_aes_gcm_open(MemorySegment key, MemorySegment nonce, long nonceLen, MemorySegment aad, long aadLen, MemorySegment in, long inLen, MemorySegment out, long outLen) {
        try {
            return (int) ferrite_aes_gcm_open.HANDLE.invokeExact(key, nonce, nonceLen, aad, aadLen, in, inLen, out, outLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_aes_gcm_stream_new {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(
                JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_aes_gcm_stream_new", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_aes_gcm_stream_new(MemorySegment key, int decrypt, MemorySegment nonce, long nonceLen, MemorySegment streamOut) {
        try {
            return (int) ferrite_aes_gcm_stream_new.HANDLE.invokeExact(key, decrypt, nonce, nonceLen, streamOut);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_aes_gcm_stream_aad {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_aes_gcm_stream_aad", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_aes_gcm_stream_aad(MemorySegment stream, MemorySegment aad, long aadLen) {
        try {
            return (int) ferrite_aes_gcm_stream_aad.HANDLE.invokeExact(stream, aad, aadLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_aes_gcm_stream_update {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(
                JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_aes_gcm_stream_update", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_aes_gcm_stream_update(MemorySegment stream, MemorySegment in, long inLen, MemorySegment out, long outLen) {
        try {
            return (int) ferrite_aes_gcm_stream_update.HANDLE.invokeExact(stream, in, inLen, out, outLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_aes_gcm_stream_tag {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_aes_gcm_stream_tag", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_aes_gcm_stream_tag(MemorySegment stream, MemorySegment tagOut, long tagOutLen) {
        try {
            return (int) ferrite_aes_gcm_stream_tag.HANDLE.invokeExact(stream, tagOut, tagOutLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_aes_gcm_stream_verify {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_aes_gcm_stream_verify", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_aes_gcm_stream_verify(MemorySegment stream, MemorySegment tag, long tagLen) {
        try {
            return (int) ferrite_aes_gcm_stream_verify.HANDLE.invokeExact(stream, tag, tagLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_aes_gcm_stream_free {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_aes_gcm_stream_free", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_aes_gcm_stream_free(MemorySegment stream) {
        try {
            return (int) ferrite_aes_gcm_stream_free.HANDLE.invokeExact(stream);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }
}
