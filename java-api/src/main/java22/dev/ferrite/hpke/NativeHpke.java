package dev.ferrite.hpke;

import dev.ferrite.Backend;
import dev.ferrite.internal.ffi.FerriteNative;
import dev.ferrite.internal.ffi.HpkeBinding;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * HPKE through the native library: RFC 9180 composed in Rust from AWS-LC's X25519, HKDF-SHA256, AES-GCM and
 * ChaCha20-Poly1305 (AWS-LC's own HPKE has no PSK modes). A single-shot seal or open is one native call; a context
 * lives in native memory and is wiped when closed. Inputs up to 1 MiB are read in place in a critical call; longer ones
 * are copied into native memory first.
 *
 * <p>Obtain it from {@link dev.ferrite.Crypto#hpke(Backend)}. Stateless and thread-safe.
 */
final class NativeHpke extends AbstractHpke {
    private static final NativeHpke INSTANCE = new NativeHpke();

    private NativeHpke() {}

    /**
     * The native implementation.
     *
     * @return the shared instance
     * @throws IllegalStateException when the native library is not available
     */
    static NativeHpke instance() {
        FerriteNative.requireAvailable();
        return INSTANCE;
    }

    // The public API has checked every length and the PSK rule before these calls, so the native side's one
    // remaining "invalid argument" is an X25519 agreement with a caller's key that gives all zeros: the recipient's
    // key when sealing, the sender's key in the auth modes when opening. Said so, as the Java backend does.

    private static IllegalArgumentException lowOrder(String whose, IllegalArgumentException e) {
        return new IllegalArgumentException("HPKE: " + whose + " public key is a low-order point (the X25519 "
                + "agreement would be all zeros)", e);
    }

    @Override
    ContextEngine sender(SenderInput in, byte[] encOut) {
        try {
            return new Engine(HpkeBinding.Context.sender(in.suite().aeadId(), in.mode().id(), in.recipient(),
                    in.info(), in.psk(), in.pskId(), in.senderSecret(), in.ephemeralSecret(), encOut));
        } catch (IllegalArgumentException e) {
            throw lowOrder("the recipient's", e);
        }
    }

    @Override
    ContextEngine receiver(ReceiverInput in) throws AEADBadTagException {
        try {
            return new Engine(HpkeBinding.Context.receiver(in.suite().aeadId(), in.mode().id(), in.enc(),
                    in.recipientSecret(), in.info(), in.psk(), in.pskId(), in.senderPublic()));
        } catch (IllegalArgumentException e) {
            throw lowOrder("the sender's", e);
        }
    }

    @Override
    byte[] sealOnce(SenderInput in, byte[] aad, byte[] plaintext, byte[] encOut) {
        try {
            return HpkeBinding.seal(in.suite().aeadId(), in.mode().id(), in.recipient(), in.info(), in.psk(),
                    in.pskId(), in.senderSecret(), aad, plaintext, encOut);
        } catch (IllegalArgumentException e) {
            throw lowOrder("the recipient's", e);
        }
    }

    @Override
    byte[] openOnce(ReceiverInput in, byte[] aad, byte[] ciphertext) throws AEADBadTagException {
        try {
            return HpkeBinding.open(in.suite().aeadId(), in.mode().id(), in.enc(), in.recipientSecret(), in.info(),
                    in.psk(), in.pskId(), in.senderPublic(), aad, ciphertext);
        } catch (IllegalArgumentException e) {
            throw lowOrder("the sender's", e);
        }
    }

    @Override
    void derivePrivateKey(byte[] ikm, byte[] privateKeyOut) {
        byte[] publicKey = new byte[HpkeBinding.KEY_LENGTH];
        HpkeBinding.deriveKeyPair(ikm, privateKeyOut, publicKey);
        Arrays.fill(publicKey, (byte) 0);
    }

    @Override
    public Backend backend() {
        return Backend.NATIVE;
    }

    /** A native context. */
    private record Engine(HpkeBinding.Context context) implements ContextEngine {
        @Override
        public byte[] seal(byte[] aad, byte[] plaintext) {
            return context.seal(aad, plaintext);
        }

        @Override
        public byte[] open(byte[] aad, byte[] ciphertext) throws AEADBadTagException {
            return context.open(aad, ciphertext);
        }

        @Override
        public byte[] export(byte[] exporterContext, int length) {
            return context.export(exporterContext, length);
        }

        @Override
        public void wipe() {
            context.free();
        }
    }
}
