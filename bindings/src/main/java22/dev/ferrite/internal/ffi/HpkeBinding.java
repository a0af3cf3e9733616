package dev.ferrite.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.AEADBadTagException;

/**
 * Typed bindings of the HPKE exports ({@code ferrite_hpke_*}, RFC 9180 with DHKEM(X25519, HKDF-SHA256)), on Java
 * arrays; no {@link MemorySegment} leaves this package. A call whose variable-length arguments total at most
 * {@link NativeRuntime#CRITICAL_CALL_BYTES} reads and writes the arrays in place in a critical call; a longer one copies
 * them into native memory (wiped before it is freed) and makes an ordinary call, so the garbage collector is not held
 * up.
 *
 * <p>Arguments are expected to be validated by the caller (the public API); the native side checks them again and
 * reports a violation as an {@link IllegalArgumentException}. An optional key is passed as {@code null}. Stateless
 * functions are thread-safe; a {@link Context} is used by one thread at a time.
 */
public final class HpkeBinding {
    /** Length of {@code enc}, keys and the KEM's shared secret. */
    public static final int KEY_LENGTH = 32;

    private static final int TAG_LENGTH = 16;
    private static final int CRITICAL_BYTES = NativeRuntime.CRITICAL_CALL_BYTES;

    private HpkeBinding() {}

    /**
     * An HPKE context in native memory ({@code FerriteHpkeContext}): a sender's (seals) or a recipient's (opens). Its
     * owner calls it from one thread at a time and never after {@link #free()}; the native side wipes it when freed.
     */
    public static final class Context {
        private static final String WHAT = "hpke context";
        private final NativeHandle handle;

        private Context(NativeHandle handle) {
            this.handle = handle;
        }

        /**
         * Sets up a sender's context (RFC 9180 §5.1).
         *
         * @param aeadId 1, 2 or 3
         * @param mode 0 to 3
         * @param recipientPublic the recipient's 32-byte public key
         * @param info the application's info
         * @param psk the pre-shared key (empty outside the PSK modes)
         * @param pskId its identifier (empty outside the PSK modes)
         * @param senderSecret the sender's 32-byte private key in the auth modes, else null
         * @param ephemeralSecret a chosen 32-byte ephemeral private key (test vectors only), or null for a fresh one
         * @param encOut receives the 32-byte enc
         * @return the context
         */
        public static Context sender(int aeadId, int mode, byte[] recipientPublic, byte[] info, byte[] psk,
                byte[] pskId, byte[] senderSecret, byte[] ephemeralSecret, byte[] encOut) {
            FerriteNative.requireAvailable();
            try (Segments s = new Segments((long) info.length + psk.length + pskId.length)) {
                MemorySegment enc = s.out(encOut);
                MemorySegment slot = s.slot();
                Status.check(ferrite_hpke_setup_sender(s.critical(), aeadId, mode, s.in(recipientPublic),
                        recipientPublic.length, s.in(info), info.length, s.in(psk), psk.length, s.in(pskId),
                        pskId.length, s.in(senderSecret), length(senderSecret), s.in(ephemeralSecret),
                        length(ephemeralSecret), enc, encOut.length, slot), "hpke setup sender");
                s.copyBack(enc, encOut);
                return new Context(NativeHandle.adopt(slot.get(ADDRESS, 0), WHAT,
                        HpkeBinding::ferrite_hpke_context_free));
            }
        }

        /**
         * Sets up a recipient's context (RFC 9180 §5.1).
         *
         * @param aeadId 1, 2 or 3
         * @param mode 0 to 3
         * @param enc the sender's 32-byte enc
         * @param recipientSecret the recipient's 32-byte private key
         * @param info the application's info
         * @param psk the pre-shared key (empty outside the PSK modes)
         * @param pskId its identifier (empty outside the PSK modes)
         * @param senderPublic the sender's 32-byte public key in the auth modes, else null
         * @return the context
         * @throws AEADBadTagException if {@code enc} is a low-order point
         */
        public static Context receiver(int aeadId, int mode, byte[] enc, byte[] recipientSecret, byte[] info,
                byte[] psk, byte[] pskId, byte[] senderPublic) throws AEADBadTagException {
            FerriteNative.requireAvailable();
            try (Segments s = new Segments((long) info.length + psk.length + pskId.length)) {
                MemorySegment slot = s.slot();
                Status.checkAuthenticated(ferrite_hpke_setup_receiver(s.critical(), aeadId, mode, s.in(enc),
                        enc.length, s.in(recipientSecret), recipientSecret.length, s.in(info), info.length,
                        s.in(psk), psk.length, s.in(pskId), pskId.length, s.in(senderPublic),
                        length(senderPublic), slot), "hpke setup receiver");
                return new Context(NativeHandle.adopt(slot.get(ADDRESS, 0), WHAT,
                        HpkeBinding::ferrite_hpke_context_free));
            }
        }

        /**
         * Seals the next message.
         *
         * @param aad the additional authenticated data
         * @param plaintext the message
         * @return {@code ciphertext || tag}
         */
        public byte[] seal(byte[] aad, byte[] plaintext) {
            byte[] out = new byte[plaintext.length + TAG_LENGTH];
            try (Segments s = new Segments((long) aad.length + plaintext.length + out.length)) {
                MemorySegment outSegment = s.out(out);
                Status.check(ferrite_hpke_context_seal(s.critical(), handle.address(), s.in(aad), aad.length,
                        s.in(plaintext), plaintext.length, outSegment, out.length), "hpke seal");
                s.copyBack(outSegment, out);
            }
            return out;
        }

        /**
         * Opens the next message.
         *
         * @param aad the additional authenticated data
         * @param ciphertext {@code ciphertext || tag}, at least 16 bytes
         * @return the plaintext
         * @throws AEADBadTagException if it does not authenticate (the sequence number does not advance)
         */
        public byte[] open(byte[] aad, byte[] ciphertext) throws AEADBadTagException {
            byte[] out = new byte[ciphertext.length - TAG_LENGTH];
            try (Segments s = new Segments((long) aad.length + ciphertext.length + out.length)) {
                MemorySegment outSegment = s.out(out);
                Status.checkAuthenticated(ferrite_hpke_context_open(s.critical(), handle.address(), s.in(aad),
                        aad.length, s.in(ciphertext), ciphertext.length, outSegment, out.length), "hpke open");
                s.copyBack(outSegment, out);
            }
            return out;
        }

        /**
         * Exports a secret (RFC 9180 §5.3).
         *
         * @param exporterContext the exporter context
         * @param length 1 to 8160
         * @return the secret
         */
        public byte[] export(byte[] exporterContext, int length) {
            byte[] out = new byte[length];
            try (Segments s = new Segments((long) exporterContext.length + length)) {
                MemorySegment outSegment = s.out(out);
                Status.check(ferrite_hpke_context_export(s.critical(), handle.address(), s.in(exporterContext),
                        exporterContext.length, outSegment, out.length), "hpke export");
                s.copyBack(outSegment, out);
            }
            return out;
        }

        /** Frees (and wipes) the context. Idempotent. */
        public void free() {
            handle.free();
        }
    }

    /**
     * Single shot: a sender's setup and one seal, in one call.
     *
     * @param aeadId 1, 2 or 3
     * @param mode 0 to 3
     * @param recipientPublic the recipient's 32-byte public key
     * @param info the application's info
     * @param psk the pre-shared key (empty outside the PSK modes)
     * @param pskId its identifier (empty outside the PSK modes)
     * @param senderSecret the sender's 32-byte private key in the auth modes, else null
     * @param aad the additional authenticated data
     * @param plaintext the message
     * @param encOut receives the 32-byte enc
     * @return {@code ciphertext || tag}
     */
    public static byte[] seal(int aeadId, int mode, byte[] recipientPublic, byte[] info, byte[] psk, byte[] pskId,
            byte[] senderSecret, byte[] aad, byte[] plaintext, byte[] encOut) {
        FerriteNative.requireAvailable();
        byte[] out = new byte[plaintext.length + TAG_LENGTH];
        try (Segments s = new Segments((long) info.length + psk.length + pskId.length + aad.length
                + plaintext.length + out.length)) {
            MemorySegment enc = s.out(encOut);
            MemorySegment outSegment = s.out(out);
            Status.check(ferrite_hpke_seal(s.critical(), aeadId, mode, s.in(recipientPublic), recipientPublic.length,
                    s.in(info), info.length, s.in(psk), psk.length, s.in(pskId), pskId.length, s.in(senderSecret),
                    length(senderSecret), MemorySegment.NULL, 0, s.in(aad), aad.length, s.in(plaintext),
                    plaintext.length, enc, encOut.length, outSegment, out.length), "hpke seal");
            s.copyBack(enc, encOut);
            s.copyBack(outSegment, out);
        }
        return out;
    }

    /**
     * Single shot: a recipient's setup and one open, in one call.
     *
     * @param aeadId 1, 2 or 3
     * @param mode 0 to 3
     * @param enc the sender's 32-byte enc
     * @param recipientSecret the recipient's 32-byte private key
     * @param info the application's info
     * @param psk the pre-shared key (empty outside the PSK modes)
     * @param pskId its identifier (empty outside the PSK modes)
     * @param senderPublic the sender's 32-byte public key in the auth modes, else null
     * @param aad the additional authenticated data
     * @param ciphertext {@code ciphertext || tag}, at least 16 bytes
     * @return the plaintext
     * @throws AEADBadTagException if the message does not authenticate or {@code enc} is a low-order point
     */
    public static byte[] open(int aeadId, int mode, byte[] enc, byte[] recipientSecret, byte[] info, byte[] psk,
            byte[] pskId, byte[] senderPublic, byte[] aad, byte[] ciphertext) throws AEADBadTagException {
        FerriteNative.requireAvailable();
        byte[] out = new byte[ciphertext.length - TAG_LENGTH];
        try (Segments s = new Segments((long) info.length + psk.length + pskId.length + aad.length
                + ciphertext.length + out.length)) {
            MemorySegment outSegment = s.out(out);
            Status.checkAuthenticated(ferrite_hpke_open(s.critical(), aeadId, mode, s.in(enc), enc.length,
                    s.in(recipientSecret), recipientSecret.length, s.in(info), info.length, s.in(psk), psk.length,
                    s.in(pskId), pskId.length, s.in(senderPublic), length(senderPublic), s.in(aad), aad.length,
                    s.in(ciphertext), ciphertext.length, outSegment, out.length), "hpke open");
            s.copyBack(outSegment, out);
        }
        return out;
    }

    /**
     * RFC 9180 DeriveKeyPair: the private key and public key of {@code ikm}.
     *
     * @param ikm the input keying material
     * @param privateKeyOut receives the 32-byte private key
     * @param publicKeyOut receives the 32-byte public key
     */
    public static void deriveKeyPair(byte[] ikm, byte[] privateKeyOut, byte[] publicKeyOut) {
        FerriteNative.requireAvailable();
        try (Segments s = new Segments(ikm.length)) {
            MemorySegment privateKey = s.out(privateKeyOut);
            MemorySegment publicKey = s.out(publicKeyOut);
            Status.check(ferrite_hpke_derive_key_pair(s.critical(), s.in(ikm), ikm.length, privateKey,
                    privateKeyOut.length, publicKey, publicKeyOut.length), "hpke derive key pair");
            s.copyBack(privateKey, privateKeyOut);
            s.copyBack(publicKey, publicKeyOut);
        }
    }

    private static long length(byte[] optional) {
        return optional == null ? 0 : optional.length;
    }

    /**
     * The segments of one call: the arrays themselves (critical call) when the call is short, otherwise copies in a
     * confined arena, wiped before it is closed.
     */
    private static final class Segments implements AutoCloseable {
        private final Arena slotArena = Arena.ofConfined();
        private final Arena arena;
        private final List<MemorySegment> copies = new ArrayList<>();

        Segments(long variableBytes) {
            this.arena = variableBytes <= CRITICAL_BYTES ? null : Arena.ofConfined();
        }

        boolean critical() {
            return arena == null;
        }

        MemorySegment slot() {
            return slotArena.allocate(ADDRESS);
        }

        MemorySegment in(byte[] array) {
            if (array == null) {
                return MemorySegment.NULL;
            }
            if (arena == null) {
                return MemorySegment.ofArray(array);
            }
            MemorySegment copy = arena.allocateFrom(JAVA_BYTE, array);
            copies.add(copy);
            return copy;
        }

        MemorySegment out(byte[] array) {
            if (arena == null) {
                return MemorySegment.ofArray(array);
            }
            MemorySegment copy = arena.allocate(Math.max(1, array.length));
            copies.add(copy);
            return copy.asSlice(0, array.length);
        }

        void copyBack(MemorySegment segment, byte[] array) {
            if (arena != null) {
                MemorySegment.copy(segment, JAVA_BYTE, 0, array, 0, array.length);
            }
        }

        @Override
        public void close() {
            if (arena != null) {
                for (MemorySegment copy : copies) {
                    copy.fill((byte) 0);
                }
                arena.close();
            }
            slotArena.close();
        }
    }

    // ---------------------------------------------------------------- raw holders (jextract's shape)
    // Each holder has a critical handle (HANDLE, arrays in place) and an ordinary one (HANDLE_LONG, native copies);
    // the wrappers take which one as their first argument.

    static final class ferrite_hpke_setup_sender {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG,
                ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG,
                ADDRESS, JAVA_LONG, ADDRESS);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_hpke_setup_sender", DESC, FerriteNative.CRITICAL);
        static final MethodHandle HANDLE_LONG = FerriteNative.downcall("ferrite_hpke_setup_sender", DESC);
    }

    static int ferrite_hpke_setup_sender(boolean critical, int aeadId, int mode, MemorySegment recipientPublicKey,
            long recipientPublicKeyLen, MemorySegment info, long infoLen, MemorySegment psk, long pskLen,
            MemorySegment pskId, long pskIdLen, MemorySegment senderPrivateKey, long senderPrivateKeyLen,
            MemorySegment ephemeralPrivateKey, long ephemeralPrivateKeyLen, MemorySegment encOut, long encOutLen,
            MemorySegment contextOut) {
        MethodHandle handle = critical ? ferrite_hpke_setup_sender.HANDLE : ferrite_hpke_setup_sender.HANDLE_LONG;
        try {
            return (int) handle.invokeExact(aeadId, mode, recipientPublicKey, recipientPublicKeyLen, info, infoLen,
                    psk, pskLen, pskId, pskIdLen, senderPrivateKey, senderPrivateKeyLen, ephemeralPrivateKey,
                    ephemeralPrivateKeyLen, encOut, encOutLen, contextOut);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_hpke_setup_receiver {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG,
                ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG,
                ADDRESS);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_hpke_setup_receiver", DESC, FerriteNative.CRITICAL);
        static final MethodHandle HANDLE_LONG = FerriteNative.downcall("ferrite_hpke_setup_receiver", DESC);
    }

    static int ferrite_hpke_setup_receiver(boolean critical, int aeadId, int mode, MemorySegment enc, long encLen,
            MemorySegment recipientPrivateKey, long recipientPrivateKeyLen, MemorySegment info, long infoLen,
            MemorySegment psk, long pskLen, MemorySegment pskId, long pskIdLen, MemorySegment senderPublicKey,
            long senderPublicKeyLen, MemorySegment contextOut) {
        MethodHandle handle = critical ? ferrite_hpke_setup_receiver.HANDLE : ferrite_hpke_setup_receiver.HANDLE_LONG;
        try {
            return (int) handle.invokeExact(aeadId, mode, enc, encLen, recipientPrivateKey, recipientPrivateKeyLen,
                    info, infoLen, psk, pskLen, pskId, pskIdLen, senderPublicKey, senderPublicKeyLen, contextOut);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_hpke_context_seal {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS,
                JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_hpke_context_seal", DESC, FerriteNative.CRITICAL);
        static final MethodHandle HANDLE_LONG = FerriteNative.downcall("ferrite_hpke_context_seal", DESC);
    }

    static int ferrite_hpke_context_seal(boolean critical, MemorySegment context, MemorySegment aad, long aadLen,
            MemorySegment in, long inLen, MemorySegment out, long outLen) {
        MethodHandle handle = critical ? ferrite_hpke_context_seal.HANDLE : ferrite_hpke_context_seal.HANDLE_LONG;
        try {
            return (int) handle.invokeExact(context, aad, aadLen, in, inLen, out, outLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_hpke_context_open {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS,
                JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_hpke_context_open", DESC, FerriteNative.CRITICAL);
        static final MethodHandle HANDLE_LONG = FerriteNative.downcall("ferrite_hpke_context_open", DESC);
    }

    static int ferrite_hpke_context_open(boolean critical, MemorySegment context, MemorySegment aad, long aadLen,
            MemorySegment in, long inLen, MemorySegment out, long outLen) {
        MethodHandle handle = critical ? ferrite_hpke_context_open.HANDLE : ferrite_hpke_context_open.HANDLE_LONG;
        try {
            return (int) handle.invokeExact(context, aad, aadLen, in, inLen, out, outLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_hpke_context_export {
        static final FunctionDescriptor DESC =
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_hpke_context_export", DESC, FerriteNative.CRITICAL);
        static final MethodHandle HANDLE_LONG = FerriteNative.downcall("ferrite_hpke_context_export", DESC);
    }

    static int ferrite_hpke_context_export(boolean critical, MemorySegment context, MemorySegment exporterContext,
            long exporterContextLen, MemorySegment out, long outLen) {
        MethodHandle handle = critical ? ferrite_hpke_context_export.HANDLE : ferrite_hpke_context_export.HANDLE_LONG;
        try {
            return (int) handle.invokeExact(context, exporterContext, exporterContextLen, out, outLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_hpke_context_free {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_hpke_context_free", DESC, FerriteNative.CRITICAL);
    }

    static int ferrite_hpke_context_free(MemorySegment context) {
        try {
            return (int) ferrite_hpke_context_free.HANDLE.invokeExact(context);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_hpke_seal {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG,
                ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG,
                ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE = FerriteNative.downcall("ferrite_hpke_seal", DESC, FerriteNative.CRITICAL);
        static final MethodHandle HANDLE_LONG = FerriteNative.downcall("ferrite_hpke_seal", DESC);
    }

    static int ferrite_hpke_seal(boolean critical, int aeadId, int mode, MemorySegment recipientPublicKey,
            long recipientPublicKeyLen, MemorySegment info, long infoLen, MemorySegment psk, long pskLen,
            MemorySegment pskId, long pskIdLen, MemorySegment senderPrivateKey, long senderPrivateKeyLen,
            MemorySegment ephemeralPrivateKey, long ephemeralPrivateKeyLen, MemorySegment aad, long aadLen,
            MemorySegment in, long inLen, MemorySegment encOut, long encOutLen, MemorySegment out, long outLen) {
        MethodHandle handle = critical ? ferrite_hpke_seal.HANDLE : ferrite_hpke_seal.HANDLE_LONG;
        try {
            return (int) handle.invokeExact(aeadId, mode, recipientPublicKey, recipientPublicKeyLen, info, infoLen,
                    psk, pskLen, pskId, pskIdLen, senderPrivateKey, senderPrivateKeyLen, ephemeralPrivateKey,
                    ephemeralPrivateKeyLen, aad, aadLen, in, inLen, encOut, encOutLen, out, outLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_hpke_open {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG,
                ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG,
                ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE = FerriteNative.downcall("ferrite_hpke_open", DESC, FerriteNative.CRITICAL);
        static final MethodHandle HANDLE_LONG = FerriteNative.downcall("ferrite_hpke_open", DESC);
    }

    static int ferrite_hpke_open(boolean critical, int aeadId, int mode, MemorySegment enc, long encLen,
            MemorySegment recipientPrivateKey, long recipientPrivateKeyLen, MemorySegment info, long infoLen,
            MemorySegment psk, long pskLen, MemorySegment pskId, long pskIdLen, MemorySegment senderPublicKey,
            long senderPublicKeyLen, MemorySegment aad, long aadLen, MemorySegment in, long inLen, MemorySegment out,
            long outLen) {
        MethodHandle handle = critical ? ferrite_hpke_open.HANDLE : ferrite_hpke_open.HANDLE_LONG;
        try {
            return (int) handle.invokeExact(aeadId, mode, enc, encLen, recipientPrivateKey, recipientPrivateKeyLen,
                    info, infoLen, psk, pskLen, pskId, pskIdLen, senderPublicKey, senderPublicKeyLen, aad, aadLen, in,
                    inLen, out, outLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }

    static final class ferrite_hpke_derive_key_pair {
        static final FunctionDescriptor DESC =
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE =
                FerriteNative.downcall("ferrite_hpke_derive_key_pair", DESC, FerriteNative.CRITICAL);
        static final MethodHandle HANDLE_LONG = FerriteNative.downcall("ferrite_hpke_derive_key_pair", DESC);
    }

    static int ferrite_hpke_derive_key_pair(boolean critical, MemorySegment ikm, long ikmLen,
            MemorySegment privateKeyOut, long privateKeyOutLen, MemorySegment publicKeyOut, long publicKeyOutLen) {
        MethodHandle handle =
                critical ? ferrite_hpke_derive_key_pair.HANDLE : ferrite_hpke_derive_key_pair.HANDLE_LONG;
        try {
            return (int) handle.invokeExact(ikm, ikmLen, privateKeyOut, privateKeyOutLen, publicKeyOut,
                    publicKeyOutLen);
        } catch (Throwable e) {
            throw FerriteNative.unexpected(e);
        }
    }
}
