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
 * Typed binding of {@code ferrite_argon2_hash}, on Java arrays; no {@link MemorySegment} leaves this package.
 *
 * <p>How memory crosses (docs/ARCHITECTURE.md, "Calling through FFM"): Argon2 runs for milliseconds to seconds, so the
 * call is not critical (a critical call would keep the garbage collector waiting that long). The inputs are copied into
 * one block of confined arena memory, the output comes back through it, and the whole block (password, secret, output)
 * is wiped before the arena frees it. The library allocates the {@code m} KiB of working memory itself and fills the
 * lanes in parallel on its worker pool.
 *
 * <p>Arguments are expected to be validated by the caller (ranges, salt and output lengths); the native side checks
 * them again and reports a violation as an {@link IllegalArgumentException}. Thread-safe.
 */
public final class Argon2Binding {
    private static final String OPERATION = "argon2";

    private Argon2Binding() {}

    /**
     * Argon2 of {@code password} into all of {@code out}.
     *
     * @param type 0 (d), 1 (i) or 2 (id)
     * @param version 0x10 or 0x13
     * @param memoryKib memory in KiB, at least 8 per lane
     * @param iterations passes, at least 1
     * @param parallelism lanes, 1 to 2<sup>24</sup> − 1
     * @param password the password
     * @param salt the salt, at least 8 bytes
     * @param secret the secret, possibly empty
     * @param associatedData the associated data, possibly empty
     * @param out receives the hash, 4 bytes or more
     * @throws IllegalArgumentException when the library rejects an argument
     * @throws OutOfMemoryError when the library can't allocate the working memory
     */
    public static void hash(int type, int version, int memoryKib, int iterations, int parallelism, byte[] password,
            byte[] salt, byte[] secret, byte[] associatedData, byte[] out) {
        FerriteNative.requireAvailable();
        long total = (long) password.length + salt.length + secret.length + associatedData.length + out.length;
        try (Arena arena = Arena.ofConfined()) {
            // One block with the five regions in a row; allocate(0) is avoided so every region has an address.
            MemorySegment block = arena.allocate(Math.max(total, 1));
            try {
                long at = 0;
                MemorySegment pw = copy(block, at, password);
                at += password.length;
                MemorySegment s = copy(block, at, salt);
                at += salt.length;
                MemorySegment k = copy(block, at, secret);
                at += secret.length;
                MemorySegment x = copy(block, at, associatedData);
                at += associatedData.length;
                MemorySegment o = block.asSlice(at, out.length);
                Status.check(ferrite_argon2_hash(type, version, memoryKib, iterations, parallelism,
                        pw, pw.byteSize(), s, s.byteSize(), k, k.byteSize(), x, x.byteSize(), o, o.byteSize()),
                        OPERATION);
                MemorySegment.copy(o, JAVA_BYTE, 0, out, 0, out.length);
            } finally {
                block.fill((byte) 0);
            }
        }
    }

    private static MemorySegment copy(MemorySegment block, long at, byte[] data) {
        MemorySegment region = block.asSlice(at, data.length);
        MemorySegment.copy(data, 0, region, JAVA_BYTE, 0, data.length);
        return region;
    }

    // ------------------------------------------------------------------------ raw bindings, in jextract's shape

    static final class ferrite_argon2_hash {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS,
                JAVA_LONG);
        // Not critical: a hash runs for milliseconds to seconds, and a critical call would hold up the GC.
        static final MethodHandle HANDLE = FerriteNative.downcall("ferrite_argon2_hash", DESC);
    }

    static int ferrite_argon2_hash(int type, int version, int memoryKib, int iterations, int parallelism,
            MemorySegment password, long passwordLen, MemorySegment salt, long saltLen, MemorySegment secret,
            long secretLen, MemorySegment ad, long adLen, MemorySegment out, long outLen) {
        try {
            return (int) ferrite_argon2_hash.HANDLE.invokeExact(type, version, memoryKib, iterations, parallelism,
                    password, passwordLen, salt, saltLen, secret, secretLen, ad, adLen, out, outLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }
}
