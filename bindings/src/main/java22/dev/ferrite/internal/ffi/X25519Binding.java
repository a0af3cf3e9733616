package dev.ferrite.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Typed bindings of the X25519 exports, on Java arrays; no {@link MemorySegment} leaves this package. Every call reads
 * and writes 32-byte arrays, so each is one short critical call straight from the heap.
 *
 * <p>Arguments are expected to be validated by the caller (32-byte arrays); the native side checks them again and
 * reports a violation as an {@link IllegalArgumentException}. Thread-safe: no shared mutable state.
 */
public final class X25519Binding {
    /** Length of keys and shared secrets in bytes. */
    public static final int KEY_LENGTH = 32;

    private X25519Binding() {}

    /**
     * Writes the public key of {@code privateKey} to {@code publicKeyOut}.
     *
     * @param privateKey the 32-byte private key
     * @param publicKeyOut receives the 32-byte public key
     */
    public static void publicKey(byte[] privateKey, byte[] publicKeyOut) {
        FerriteNative.requireAvailable();
        Status.check(ferrite_x25519_public_key(MemorySegment.ofArray(privateKey), privateKey.length,
                MemorySegment.ofArray(publicKeyOut), publicKeyOut.length), "x25519 public key");
    }

    /**
     * Writes {@code X25519(privateKey, peerPublicKey)} to {@code sharedOut}: all zeros for a low-order peer point,
     * which the caller must refuse.
     *
     * @param privateKey the 32-byte private key
     * @param peerPublicKey the peer's 32-byte public key
     * @param sharedOut receives the 32-byte shared secret
     */
    public static void agree(byte[] privateKey, byte[] peerPublicKey, byte[] sharedOut) {
        FerriteNative.requireAvailable();
        Status.check(ferrite_x25519_agree(MemorySegment.ofArray(privateKey), privateKey.length,
                MemorySegment.ofArray(peerPublicKey), peerPublicKey.length, MemorySegment.ofArray(sharedOut),
                sharedOut.length), "x25519 agreement");
    }

    // ---------------------------------------------------------------- raw holders (jextract's shape)

    static final class ferrite_x25519_public_key {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_x25519_public_key", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_x25519_public_key(MemorySegment privateKey, long privateKeyLen, MemorySegment publicKeyOut,
            long publicKeyOutLen) {
        try {
            return (int) ferrite_x25519_public_key.HANDLE.invokeExact(privateKey, privateKeyLen, publicKeyOut,
                    publicKeyOutLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_x25519_agree {
        static final FunctionDescriptor DESC =
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE = FerriteNative.downcall("ferrite_x25519_agree", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_x25519_agree(MemorySegment privateKey, long privateKeyLen, MemorySegment peerPublicKey,
            long peerPublicKeyLen, MemorySegment sharedOut, long sharedOutLen) {
        try {
            return (int) ferrite_x25519_agree.HANDLE.invokeExact(privateKey, privateKeyLen, peerPublicKey,
                    peerPublicKeyLen, sharedOut, sharedOutLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }
}
