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
 * Typed bindings of the HKDF-SHA256 exports, on Java arrays; no {@link MemorySegment} leaves this package. Inputs
 * of up to {@link NativeRuntime#CRITICAL_CALL_BYTES} in all go in one critical call straight from the heap; larger
 * ones (a long input keying material or info) are copied into native memory and passed in an ordinary call, so the
 * garbage collector is never held up for long.
 *
 * <p>Arguments are expected to be validated by the caller (RFC 5869's limits); the native side checks them again
 * and reports a violation as an {@link IllegalArgumentException}. Thread-safe: no shared mutable state.
 */
public final class HkdfBinding {
    private HkdfBinding() {}

    /**
     * {@code HKDF-Extract(salt, ikm)} into {@code prkOut}.
     *
     * @param salt the salt (empty for the RFC's default)
     * @param ikm the input keying material
     * @param prkOut receives the 32-byte pseudorandom key
     */
    public static void extract(byte[] salt, byte[] ikm, byte[] prkOut) {
        FerriteNative.requireAvailable();
        int status;
        if ((long) salt.length + ikm.length <= NativeRuntime.CRITICAL_CALL_BYTES) {
            status = ferrite_hkdf_sha256_extract(MemorySegment.ofArray(salt), salt.length,
                    MemorySegment.ofArray(ikm), ikm.length, MemorySegment.ofArray(prkOut), prkOut.length);
        } else {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment ikmCopy = arena.allocateFrom(JAVA_BYTE, ikm);
                MemorySegment out = arena.allocate(prkOut.length);
                try {
                    status = ferrite_hkdf_sha256_extract_long(arena.allocateFrom(JAVA_BYTE, salt),
                            salt.length, ikmCopy, ikm.length, out, prkOut.length);
                    MemorySegment.copy(out, JAVA_BYTE, 0, prkOut, 0, prkOut.length);
                } finally {
                    ikmCopy.fill((byte) 0);
                    out.fill((byte) 0);
                }
            }
        }
        Status.check(status, "hkdf-sha256 extract");
    }

    /**
     * {@code HKDF-Expand(prk, info, out.length)} into {@code out}.
     *
     * @param prk the pseudorandom key, at least 32 bytes
     * @param info the context information
     * @param out receives the output keying material, 1 to 8160 bytes
     */
    public static void expand(byte[] prk, byte[] info, byte[] out) {
        FerriteNative.requireAvailable();
        int status;
        if ((long) prk.length + info.length <= NativeRuntime.CRITICAL_CALL_BYTES) {
            status = ferrite_hkdf_sha256_expand(MemorySegment.ofArray(prk), prk.length,
                    MemorySegment.ofArray(info), info.length, MemorySegment.ofArray(out), out.length);
        } else {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment prkCopy = arena.allocateFrom(JAVA_BYTE, prk);
                MemorySegment okm = arena.allocate(Math.max(1, out.length));
                try {
                    status = ferrite_hkdf_sha256_expand_long(prkCopy, prk.length,
                            arena.allocateFrom(JAVA_BYTE, info), info.length, okm, out.length);
                    MemorySegment.copy(okm, JAVA_BYTE, 0, out, 0, out.length);
                } finally {
                    prkCopy.fill((byte) 0);
                    okm.fill((byte) 0);
                }
            }
        }
        Status.check(status, "hkdf-sha256 expand");
    }

    // ---------------------------------------------------------------- raw holders (jextract's shape)

    static final class ferrite_hkdf_sha256_extract {
        static final FunctionDescriptor DESC =
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_hkdf_sha256_extract", DESC, FerriteNative.CRITICAL);
        static final MethodHandle HANDLE_LONG = FerriteNative.downcall("ferrite_hkdf_sha256_extract", DESC);
    }

    static final class ferrite_hkdf_sha256_expand {
        static final FunctionDescriptor DESC =
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_hkdf_sha256_expand", DESC, FerriteNative.CRITICAL);
        static final MethodHandle HANDLE_LONG = FerriteNative.downcall("ferrite_hkdf_sha256_expand", DESC);
    }

    static int ferrite_hkdf_sha256_extract(MemorySegment salt, long saltLen, MemorySegment ikm, long ikmLen,
            MemorySegment prkOut, long prkOutLen) {
        try {
            return (int) ferrite_hkdf_sha256_extract.HANDLE.invokeExact(salt, saltLen, ikm, ikmLen, prkOut, prkOutLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static int ferrite_hkdf_sha256_extract_long(MemorySegment salt, long saltLen, MemorySegment ikm, long ikmLen,
            MemorySegment prkOut, long prkOutLen) {
        try {
            return (int) ferrite_hkdf_sha256_extract.HANDLE_LONG.invokeExact(salt, saltLen, ikm, ikmLen, prkOut,
                    prkOutLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static int ferrite_hkdf_sha256_expand(MemorySegment prk, long prkLen, MemorySegment info, long infoLen,
            MemorySegment out, long outLen) {
        try {
            return (int) ferrite_hkdf_sha256_expand.HANDLE.invokeExact(prk, prkLen, info, infoLen, out, outLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static int ferrite_hkdf_sha256_expand_long(MemorySegment prk, long prkLen, MemorySegment info, long infoLen,
            MemorySegment out, long outLen) {
        try {
            return (int) ferrite_hkdf_sha256_expand.HANDLE_LONG.invokeExact(prk, prkLen, info, infoLen, out, outLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }
}
