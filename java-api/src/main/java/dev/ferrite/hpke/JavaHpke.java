package dev.ferrite.hpke;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.aead.AesGcmKey;
import dev.ferrite.hkdf.Hkdf;
import dev.ferrite.internal.JdkProviders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * HPKE in pure Java, composed exactly as RFC 9180 specifies (the same composition as the native backend) from the
 * pieces of Ferrite's other Java backends: X25519 from Bouncy Castle's RFC 7748 code, HKDF-SHA256 from the JDK's
 * {@code HmacSHA256}, AES-GCM from the JDK's {@code AES/GCM/NoPadding} and ChaCha20-Poly1305 from the JDK's
 * {@code ChaCha20-Poly1305}.
 *
 * <p>Why not Bouncy Castle's own {@code org.bouncycastle.crypto.hpke.HPKE}: its receiver context advances the sequence
 * number when a message fails to open (RFC 9180 §5.2 advances it only on success, and the native backend follows the
 * RFC), and it can't be given the sender's ephemeral key outside base mode, which the RFC's test vectors need; the
 * tests use it as an independent peer instead (messages sealed by each open in the other, in every mode).
 *
 * <p>Secrets: the key schedule's intermediates are wiped as soon as they are used, and a context's AEAD key and
 * exporter secret when it is closed; the JDK's {@code ChaCha20-Poly1305} cipher keeps its own copy of the key, which
 * only the garbage collector reclaims.
 *
 * <p>Obtain it from {@link dev.ferrite.Crypto#hpke(Backend)}. Stateless and thread-safe.
 */
final class JavaHpke extends AbstractHpke {
    private static final JavaHpke INSTANCE = new JavaHpke();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] VERSION = "HPKE-v1".getBytes(StandardCharsets.US_ASCII);
    /** The KEM's suite_id: "KEM" || I2OSP(0x0020, 2). */
    private static final byte[] KEM_SUITE = {'K', 'E', 'M', 0x00, 0x20};
    private static final int SECRET_LENGTH = 32;
    private static final int NONCE_LENGTH = 12;

    private final Hkdf hkdf = Crypto.hkdf(Backend.JAVA);

    private JavaHpke() {}

    /**
     * The pure-Java implementation.
     *
     * @return the shared instance
     */
    static JavaHpke instance() {
        return INSTANCE;
    }

    /** The key schedule's suite_id: "HPKE" || I2OSP(kem_id, 2) || I2OSP(kdf_id, 2) || I2OSP(aead_id, 2). */
    private static byte[] hpkeSuite(HpkeSuite suite) {
        return new byte[] {'H', 'P', 'K', 'E', 0x00, 0x20, 0x00, 0x01, 0x00, (byte) suite.aeadId()};
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int position = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, position, part.length);
            position += part.length;
        }
        return out;
    }

    private static byte[] ascii(String label) {
        return label.getBytes(StandardCharsets.US_ASCII);
    }

    /** RFC 9180 §4: LabeledExtract(salt, label, ikm). */
    private byte[] labeledExtract(byte[] salt, byte[] suiteId, String label, byte[] ikm) {
        byte[] labeled = concat(VERSION, suiteId, ascii(label), ikm);
        try {
            return hkdf.extract(salt, labeled);
        } finally {
            Arrays.fill(labeled, (byte) 0);
        }
    }

    /** RFC 9180 §4: LabeledExpand(prk, label, info, length). */
    private byte[] labeledExpand(byte[] prk, byte[] suiteId, String label, byte[] info, int length) {
        byte[] labeled = concat(new byte[] {(byte) (length >>> 8), (byte) length}, VERSION, suiteId, ascii(label),
                info);
        return hkdf.expand(prk, labeled, length);
    }

    /** X25519, refusing the all-zero result (RFC 9180 §7.1.4); null when it is all zeros. */
    private static byte[] dh(byte[] secret, byte[] point) {
        byte[] shared = new byte[SECRET_LENGTH];
        if (!X25519.calculateAgreement(secret, 0, point, 0, shared, 0)) {
            Arrays.fill(shared, (byte) 0);
            return null;
        }
        return shared;
    }

    private static byte[] publicKey(byte[] secret) {
        byte[] out = new byte[SECRET_LENGTH];
        X25519.scalarMultBase(secret, 0, out, 0);
        return out;
    }

    /** DHKEM's ExtractAndExpand (RFC 9180 §4.1); wipes {@code dh}. */
    private byte[] extractAndExpand(byte[] dh, byte[] kemContext) {
        byte[] eaePrk = labeledExtract(new byte[0], KEM_SUITE, "eae_prk", dh);
        Arrays.fill(dh, (byte) 0);
        try {
            return labeledExpand(eaePrk, KEM_SUITE, "shared_secret", kemContext, SECRET_LENGTH);
        } finally {
            Arrays.fill(eaePrk, (byte) 0);
        }
    }

    private static IllegalArgumentException lowOrder(String whose) {
        return new IllegalArgumentException("HPKE: " + whose + " public key is a low-order point (the X25519 "
                + "agreement would be all zeros)");
    }

    /** Encap or AuthEncap: writes enc, returns the shared secret. */
    private byte[] encap(SenderInput in, byte[] encOut) {
        byte[] ephemeral = in.ephemeralSecret() == null ? new byte[SECRET_LENGTH] : in.ephemeralSecret().clone();
        if (in.ephemeralSecret() == null) {
            RANDOM.nextBytes(ephemeral);
        }
        try {
            byte[] enc = publicKey(ephemeral);
            byte[] first = dh(ephemeral, in.recipient());
            if (first == null) {
                throw lowOrder("the recipient's");
            }
            byte[] dh = first;
            byte[] kemContext = concat(enc, in.recipient());
            if (in.mode().usesSenderKey()) {
                byte[] second = dh(in.senderSecret(), in.recipient());
                if (second == null) {
                    Arrays.fill(first, (byte) 0);
                    throw lowOrder("the recipient's");
                }
                dh = concat(first, second);
                Arrays.fill(first, (byte) 0);
                Arrays.fill(second, (byte) 0);
                kemContext = concat(kemContext, publicKey(in.senderSecret()));
            }
            System.arraycopy(enc, 0, encOut, 0, enc.length);
            return extractAndExpand(dh, kemContext);
        } finally {
            Arrays.fill(ephemeral, (byte) 0);
        }
    }

    /**
     * Decap or AuthDecap: returns the shared secret. The sender's key is checked before {@code enc}, as the native
     * backend does, so a low-order sender key is an {@link IllegalArgumentException} whatever {@code enc} is.
     */
    private byte[] decap(ReceiverInput in) throws AEADBadTagException {
        byte[] second = null;
        if (in.mode().usesSenderKey()) {
            second = dh(in.recipientSecret(), in.senderPublic());
            if (second == null) {
                throw lowOrder("the sender's");
            }
        }
        byte[] first = dh(in.recipientSecret(), in.enc());
        if (first == null) {
            if (second != null) {
                Arrays.fill(second, (byte) 0);
            }
            throw new AEADBadTagException("HPKE: enc is a low-order point (the X25519 agreement would be all zeros)");
        }
        byte[] kemContext = concat(in.enc(), in.recipientPublic());
        if (second == null) {
            return extractAndExpand(first, kemContext);
        }
        byte[] dh = concat(first, second);
        Arrays.fill(first, (byte) 0);
        Arrays.fill(second, (byte) 0);
        return extractAndExpand(dh, concat(kemContext, in.senderPublic()));
    }

    /** RFC 9180 §5.1 KeySchedule; wipes {@code sharedSecret}. */
    private Engine keySchedule(HpkeSuite suite, HpkeMode mode, byte[] sharedSecret, byte[] info, byte[] psk,
            byte[] pskId) {
        byte[] suiteId = hpkeSuite(suite);
        byte[] pskIdHash = labeledExtract(new byte[0], suiteId, "psk_id_hash", pskId);
        byte[] infoHash = labeledExtract(new byte[0], suiteId, "info_hash", info);
        byte[] context = concat(new byte[] {(byte) mode.id()}, pskIdHash, infoHash);
        byte[] secret = labeledExtract(sharedSecret, suiteId, "secret", psk);
        Arrays.fill(sharedSecret, (byte) 0);
        try {
            byte[] key = labeledExpand(secret, suiteId, "key", context, suite.keyLength());
            byte[] baseNonce = labeledExpand(secret, suiteId, "base_nonce", context, NONCE_LENGTH);
            byte[] exporterSecret = labeledExpand(secret, suiteId, "exp", context, SECRET_LENGTH);
            return new Engine(this, suite, suiteId, key, baseNonce, exporterSecret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    @Override
    ContextEngine sender(SenderInput input, byte[] encOut) {
        return keySchedule(input.suite(), input.mode(), encap(input, encOut), input.info(), input.psk(),
                input.pskId());
    }

    @Override
    ContextEngine receiver(ReceiverInput input) throws AEADBadTagException {
        return keySchedule(input.suite(), input.mode(), decap(input), input.info(), input.psk(), input.pskId());
    }

    @Override
    byte[] sealOnce(SenderInput input, byte[] aad, byte[] plaintext, byte[] encOut) {
        ContextEngine engine = sender(input, encOut);
        try {
            return engine.seal(aad, plaintext);
        } finally {
            engine.wipe();
        }
    }

    @Override
    byte[] openOnce(ReceiverInput input, byte[] aad, byte[] ciphertext) throws AEADBadTagException {
        ContextEngine engine = receiver(input);
        try {
            return engine.open(aad, ciphertext);
        } finally {
            engine.wipe();
        }
    }

    @Override
    void derivePrivateKey(byte[] ikm, byte[] privateKeyOut) {
        byte[] prk = labeledExtract(new byte[0], KEM_SUITE, "dkp_prk", ikm);
        try {
            byte[] secret = labeledExpand(prk, KEM_SUITE, "sk", new byte[0], SECRET_LENGTH);
            System.arraycopy(secret, 0, privateKeyOut, 0, SECRET_LENGTH);
            Arrays.fill(secret, (byte) 0);
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }

    @Override
    public Backend backend() {
        return Backend.JAVA;
    }

    /**
     * A context (RFC 9180 §5.2, §5.3): the AEAD key, base nonce, sequence number and exporter secret. Used by one
     * thread at a time (the public context classes are synchronized).
     */
    private static final class Engine implements ContextEngine {
        private final JavaHpke owner;
        private final HpkeSuite suite;
        private final byte[] suiteId;
        private final byte[] key;
        private final byte[] baseNonce;
        private final byte[] exporterSecret;
        private final AesGcmKey aesGcm;
        private final java.security.Provider chacha;
        private long sequence;

        Engine(JavaHpke owner, HpkeSuite suite, byte[] suiteId, byte[] key, byte[] baseNonce, byte[] exporterSecret) {
            this.owner = owner;
            this.suite = suite;
            this.suiteId = suiteId;
            this.key = key;
            this.baseNonce = baseNonce;
            this.exporterSecret = exporterSecret;
            if (suite == HpkeSuite.X25519_SHA256_CHACHA20_POLY1305) {
                this.aesGcm = null;
                this.chacha = JdkProviders.of("Cipher", "ChaCha20-Poly1305", "SunJCE");
            } else {
                this.aesGcm = Crypto.aesGcm(Backend.JAVA).key(key);
                this.chacha = null;
            }
        }

        /** base_nonce XOR I2OSP(sequence, 12). */
        private byte[] nonce() {
            byte[] nonce = baseNonce.clone();
            for (int i = 0; i < Long.BYTES; i++) {
                nonce[NONCE_LENGTH - 1 - i] ^= (byte) (sequence >>> (8 * i));
            }
            return nonce;
        }

        /**
         * One ChaCha20-Poly1305 operation on a new {@code Cipher}: JDK 17's refuses to be initialised again with the
         * key and nonce of its previous initialisation, which a retried open after a failed one needs.
         */
        private byte[] chacha(int mode, byte[] aad, byte[] input) throws GeneralSecurityException {
            Cipher cipher = Cipher.getInstance("ChaCha20-Poly1305", chacha);
            cipher.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce()));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        }

        @Override
        public byte[] seal(byte[] aad, byte[] plaintext) {
            byte[] out;
            if (aesGcm != null) {
                out = aesGcm.encrypt(nonce(), plaintext, aad);
            } else {
                try {
                    out = chacha(Cipher.ENCRYPT_MODE, aad, plaintext);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("HPKE: the JDK's ChaCha20-Poly1305 failed to seal", e);
                }
            }
            sequence++;
            return out;
        }

        @Override
        public byte[] open(byte[] aad, byte[] ciphertext) throws AEADBadTagException {
            byte[] out;
            if (aesGcm != null) {
                out = aesGcm.decrypt(nonce(), ciphertext, aad);
            } else {
                try {
                    out = chacha(Cipher.DECRYPT_MODE, aad, ciphertext);
                } catch (AEADBadTagException e) {
                    throw e;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("HPKE: the JDK's ChaCha20-Poly1305 failed to open", e);
                }
            }
            sequence++;
            return out;
        }

        @Override
        public byte[] export(byte[] exporterContext, int length) {
            return owner.labeledExpand(exporterSecret, suiteId, "sec", exporterContext, length);
        }

        @Override
        public void wipe() {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(baseNonce, (byte) 0);
            Arrays.fill(exporterSecret, (byte) 0);
            if (aesGcm != null) {
                aesGcm.close();
            }
        }

        @Override
        public String toString() {
            return "HPKE context (" + suite + ")";
        }
    }
}
