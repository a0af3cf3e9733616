package dev.ferrite.hpke;

import dev.ferrite.Crypto;
import dev.ferrite.internal.X25519Secrets;
import dev.ferrite.x25519.X25519KeyPair;
import dev.ferrite.x25519.X25519PrivateKey;
import dev.ferrite.x25519.X25519PublicKey;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;

/**
 * What both backends share: argument checks, the private keys' secrets lent for the length of a call, and the public
 * context objects around a backend's {@link ContextEngine}. Subclasses run RFC 9180's setup, seal, open and export.
 */
abstract class AbstractHpke implements Hpke {
    /** Length of an AEAD tag. */
    static final int TAG_LENGTH = 16;
    /** Longest export: 255 blocks of SHA-256 (RFC 9180 §5.3, RFC 5869). */
    static final int MAX_EXPORT_LENGTH = 255 * 32;

    /** Everything a sender's setup needs; {@code senderSecret} and {@code ephemeralSecret} may be null. */
    record SenderInput(HpkeSuite suite, HpkeMode mode, byte[] recipient, byte[] info, byte[] psk, byte[] pskId,
            byte[] senderSecret, byte[] ephemeralSecret) {}

    /** Everything a recipient's setup needs; {@code senderPublic} may be null. */
    record ReceiverInput(HpkeSuite suite, HpkeMode mode, byte[] enc, byte[] recipientSecret, byte[] recipientPublic,
            byte[] info, byte[] psk, byte[] pskId, byte[] senderPublic) {}

    /** Sets up a sender's context, writing the 32-byte enc to {@code encOut}. */
    abstract ContextEngine sender(SenderInput input, byte[] encOut);

    /** Sets up a recipient's context. */
    abstract ContextEngine receiver(ReceiverInput input) throws AEADBadTagException;

    /** Single shot: a sender's setup and one seal, writing the enc to {@code encOut}; returns the ciphertext. */
    abstract byte[] sealOnce(SenderInput input, byte[] aad, byte[] plaintext, byte[] encOut);

    /** Single shot: a recipient's setup and one open. */
    abstract byte[] openOnce(ReceiverInput input, byte[] aad, byte[] ciphertext) throws AEADBadTagException;

    /** RFC 9180 DeriveKeyPair: writes the 32-byte private key to {@code privateKeyOut}. */
    abstract void derivePrivateKey(byte[] ikm, byte[] privateKeyOut);

    @Override
    public HpkeSealed seal(HpkeSuite suite, X25519PublicKey recipient, byte[] info, byte[] aad, byte[] plaintext,
            HpkeSenderMode mode) {
        Objects.requireNonNull(aad, "aad");
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] enc = new byte[HpkeSealed.ENC_LENGTH];
        byte[] ciphertext = withSender(suite, recipient, info, mode, null,
                input -> sealOnce(input, aad, plaintext, enc));
        return HpkeSealed.owning(enc, ciphertext);
    }

    @Override
    public byte[] open(HpkeSuite suite, byte[] enc, X25519PrivateKey recipient, byte[] info, byte[] aad,
            byte[] ciphertext, HpkeReceiverMode mode) throws AEADBadTagException {
        Objects.requireNonNull(aad, "aad");
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (ciphertext.length < TAG_LENGTH) {
            throw new AEADBadTagException("HPKE: a ciphertext is at least 16 bytes (its tag), got "
                    + ciphertext.length);
        }
        return withReceiver(suite, enc, recipient, info, mode, input -> openOnce(input, aad, ciphertext));
    }

    @Override
    public HpkeSenderContext setupSender(HpkeSuite suite, X25519PublicKey recipient, byte[] info,
            HpkeSenderMode mode) {
        return setupSender(suite, recipient, info, mode, null);
    }

    /**
     * {@link #setupSender} with a chosen ephemeral private key instead of a fresh random one: for RFC 9180's test
     * vectors only (a reused ephemeral key breaks HPKE's security). Package-private on purpose.
     */
    HpkeSenderContext setupSender(HpkeSuite suite, X25519PublicKey recipient, byte[] info, HpkeSenderMode mode,
            byte[] ephemeralSecret) {
        byte[] enc = new byte[HpkeSealed.ENC_LENGTH];
        ContextEngine engine = withSender(suite, recipient, info, mode, ephemeralSecret, input -> sender(input, enc));
        return new HpkeSenderContext(suite, mode.mode(), enc, engine);
    }

    @Override
    public HpkeReceiverContext setupReceiver(HpkeSuite suite, byte[] enc, X25519PrivateKey recipient, byte[] info,
            HpkeReceiverMode mode) throws AEADBadTagException {
        ContextEngine engine = withReceiver(suite, enc, recipient, info, mode, this::receiver);
        return new HpkeReceiverContext(suite, mode.mode(), engine);
    }

    @Override
    public X25519KeyPair deriveKeyPair(byte[] ikm) {
        Objects.requireNonNull(ikm, "ikm");
        byte[] secret = new byte[32];
        try {
            derivePrivateKey(ikm, secret);
            return Crypto.x25519(backend()).keyPairFromPrivateKey(secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "Hpke[" + backend() + "]";
    }

    static void checkExport(byte[] exporterContext, int length) {
        Objects.requireNonNull(exporterContext, "exporterContext");
        if (length < 1 || length > MAX_EXPORT_LENGTH) {
            throw new IllegalArgumentException("an HPKE export is 1 to 8160 bytes (255 x 32), asked " + length);
        }
    }

    /** A step that reads lent secrets. */
    private interface SenderStep<T> {
        T run(SenderInput input);
    }

    /** A step that reads lent secrets and may fail authentication. */
    private interface ReceiverStep<T> {
        T run(ReceiverInput input) throws AEADBadTagException;
    }

    /** Carries an {@link AEADBadTagException} out of a lambda that can't throw it. */
    private static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Rejected(AEADBadTagException cause) {
            super(cause);
        }
    }

    private static <T> T withSender(HpkeSuite suite, X25519PublicKey recipient, byte[] info, HpkeSenderMode mode,
            byte[] ephemeralSecret, SenderStep<T> step) {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(mode, "mode");
        byte[] recipientBytes = recipient.toBytes();
        X25519PrivateKey senderKey = mode.senderKey();
        if (senderKey == null) {
            return step.run(new SenderInput(suite, mode.mode(), recipientBytes, info, mode.pskBytes(),
                    mode.pskIdBytes(), null, ephemeralSecret));
        }
        return X25519Secrets.use(senderKey, secret -> step.run(new SenderInput(suite, mode.mode(), recipientBytes,
                info, mode.pskBytes(), mode.pskIdBytes(), secret, ephemeralSecret)));
    }

    private static <T> T withReceiver(HpkeSuite suite, byte[] enc, X25519PrivateKey recipient, byte[] info,
            HpkeReceiverMode mode, ReceiverStep<T> step) throws AEADBadTagException {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(enc, "enc");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(mode, "mode");
        if (enc.length != HpkeSealed.ENC_LENGTH) {
            throw new IllegalArgumentException("HPKE enc for X25519 is 32 bytes, got " + enc.length);
        }
        byte[] recipientPublic = recipient.publicKey().toBytes();
        byte[] senderPublic = mode.senderKey() == null ? null : mode.senderKey().toBytes();
        try {
            return X25519Secrets.use(recipient, secret -> {
                try {
                    return step.run(new ReceiverInput(suite, mode.mode(), enc, secret, recipientPublic, info,
                            mode.pskBytes(), mode.pskIdBytes(), senderPublic));
                } catch (AEADBadTagException e) {
                    throw new Rejected(e);
                }
            });
        } catch (Rejected e) {
            throw (AEADBadTagException) e.getCause();
        }
    }
}
