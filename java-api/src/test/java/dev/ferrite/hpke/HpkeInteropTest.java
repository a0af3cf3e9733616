package dev.ferrite.hpke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.hybrid.internal.HpkeDecrypt;
import com.google.crypto.tink.hybrid.internal.HpkeEncrypt;
import com.google.crypto.tink.util.Bytes;
import com.google.crypto.tink.util.SecretBytes;
import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.x25519.X25519KeyPair;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HPKE interoperability on each backend with two independent implementations: Bouncy Castle's HPKE (every suite and
 * mode, messages and exports both ways) and Tink's HPKE hybrid encryption (base mode, empty AAD, {@code enc ||
 * ciphertext}, every suite, both ways). Keys and messages are random (seeded), not vectors.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class HpkeInteropTest {
    private static final byte[] PSK = "a pre-shared key of 32 bytes ...".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PSK_ID = "psk-1".getBytes(StandardCharsets.US_ASCII);

    @Parameter
    Backend backend;

    private Hpke hpke() {
        return Crypto.hpke(backend);
    }

    private static AsymmetricCipherKeyPair bcPair(X25519KeyPair pair) {
        return new AsymmetricCipherKeyPair(new X25519PublicKeyParameters(pair.publicKey().toBytes()),
                new X25519PrivateKeyParameters(pair.privateKey().exportSecretBytes()));
    }

    @Test
    void bouncyCastle_everySuiteAndMode_bothWays() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        for (HpkeSuite suite : HpkeSuite.values()) {
            for (HpkeMode mode : HpkeMode.values()) {
                String what = suite + " " + mode;
                try (X25519KeyPair recipient = Crypto.x25519(backend).generateKeyPair();
                        X25519KeyPair sender = Crypto.x25519(backend).generateKeyPair()) {
                    byte[] info = new byte[random.nextInt(64)];
                    byte[] aad = new byte[random.nextInt(64)];
                    byte[] plaintext = new byte[random.nextInt(3000)];
                    random.nextBytes(info);
                    random.nextBytes(aad);
                    random.nextBytes(plaintext);
                    HPKE bc = new HPKE((byte) mode.id(), HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256,
                            (short) suite.aeadId());
                    byte[] psk = mode.usesPsk() ? PSK : null;
                    byte[] pskId = mode.usesPsk() ? PSK_ID : null;
                    HpkeSenderMode senderMode = switch (mode) {
                        case BASE -> HpkeSenderMode.base();
                        case PSK -> HpkeSenderMode.psk(PSK, PSK_ID);
                        case AUTH -> HpkeSenderMode.auth(sender.privateKey());
                        case AUTH_PSK -> HpkeSenderMode.authPsk(sender.privateKey(), PSK, PSK_ID);
                    };
                    HpkeReceiverMode receiverMode = switch (mode) {
                        case BASE -> HpkeReceiverMode.base();
                        case PSK -> HpkeReceiverMode.psk(PSK, PSK_ID);
                        case AUTH -> HpkeReceiverMode.auth(sender.publicKey());
                        case AUTH_PSK -> HpkeReceiverMode.authPsk(sender.publicKey(), PSK, PSK_ID);
                    };

                    // Ferrite seals, Bouncy Castle opens.
                    HpkeSealed sealed = hpke().seal(suite, recipient.publicKey(), info, aad, plaintext, senderMode);
                    assertArrayEquals(plaintext, bc.open(sealed.enc(), bcPair(recipient), info, aad,
                            sealed.ciphertext(), psk, pskId,
                            mode.usesSenderKey() ? new X25519PublicKeyParameters(sender.publicKey().toBytes()) : null),
                            what + ": Ferrite to Bouncy Castle");

                    // Bouncy Castle seals, Ferrite opens.
                    byte[][] ctAndEnc = bc.seal(new X25519PublicKeyParameters(recipient.publicKey().toBytes()), info,
                            aad, plaintext, psk, pskId, mode.usesSenderKey() ? bcPair(sender) : null);
                    assertArrayEquals(plaintext, hpke().open(suite, ctAndEnc[1], recipient.privateKey(), info, aad,
                            ctAndEnc[0], receiverMode), what + ": Bouncy Castle to Ferrite");

                    // Contexts: several messages and an export, Ferrite's sender to Bouncy Castle's recipient.
                    try (HpkeSenderContext s = hpke().setupSender(suite, recipient.publicKey(), info, senderMode)) {
                        var r = switch (mode) {
                            case BASE -> bc.setupBaseR(s.enc(), bcPair(recipient), info);
                            case PSK -> bc.setupPSKR(s.enc(), bcPair(recipient), info, PSK, PSK_ID);
                            case AUTH -> bc.setupAuthR(s.enc(), bcPair(recipient), info,
                                    new X25519PublicKeyParameters(sender.publicKey().toBytes()));
                            case AUTH_PSK -> bc.setupAuthPSKR(s.enc(), bcPair(recipient), info, PSK, PSK_ID,
                                    new X25519PublicKeyParameters(sender.publicKey().toBytes()));
                        };
                        for (int i = 0; i < 4; i++) {
                            byte[] message = Arrays.copyOf(plaintext, i * 100);
                            assertArrayEquals(message, r.open(aad, s.seal(aad, message)), what + " message " + i);
                        }
                        assertArrayEquals(r.export(info, 48), s.export(info, 48), what + " export");
                    }
                }
            }
        }
    }

    private static HpkeParameters tinkParameters(HpkeSuite suite) throws GeneralSecurityException {
        return HpkeParameters.builder()
                .setVariant(HpkeParameters.Variant.NO_PREFIX)
                .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
                .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
                .setAeadId(switch (suite) {
                    case X25519_SHA256_AES_128_GCM -> HpkeParameters.AeadId.AES_128_GCM;
                    case X25519_SHA256_AES_256_GCM -> HpkeParameters.AeadId.AES_256_GCM;
                    case X25519_SHA256_CHACHA20_POLY1305 -> HpkeParameters.AeadId.CHACHA20_POLY1305;
                })
                .build();
    }

    @Test
    void tink_baseMode_everySuite_bothWays() throws GeneralSecurityException {
        SplittableRandom random = new SplittableRandom(7);
        for (HpkeSuite suite : HpkeSuite.values()) {
            try (X25519KeyPair recipient = Crypto.x25519(backend).generateKeyPair()) {
                HpkePublicKey tinkPublic = HpkePublicKey.create(tinkParameters(suite),
                        Bytes.copyFrom(recipient.publicKey().toBytes()), null);
                HpkePrivateKey tinkPrivate = HpkePrivateKey.create(tinkPublic,
                        SecretBytes.copyFrom(recipient.privateKey().exportSecretBytes(), InsecureSecretKeyAccess.get()));
                HybridEncrypt tinkEncrypt = HpkeEncrypt.create(tinkPublic);
                HybridDecrypt tinkDecrypt = HpkeDecrypt.create(tinkPrivate);
                for (int i = 0; i < 5; i++) {
                    byte[] contextInfo = new byte[random.nextInt(40)];
                    byte[] plaintext = new byte[random.nextInt(5000)];
                    random.nextBytes(contextInfo);
                    random.nextBytes(plaintext);
                    // Tink's contextInfo is HPKE's info; its AAD is empty; it writes enc || ciphertext.
                    byte[] fromFerrite = hpke().seal(suite, recipient.publicKey(), contextInfo, new byte[0], plaintext)
                            .toBytes();
                    assertArrayEquals(plaintext, tinkDecrypt.decrypt(fromFerrite, contextInfo),
                            suite + ": Ferrite to Tink");
                    HpkeSealed fromTink = HpkeSealed.fromBytes(tinkEncrypt.encrypt(plaintext, contextInfo));
                    try {
                        assertArrayEquals(plaintext, hpke().open(suite, fromTink.enc(), recipient.privateKey(),
                                contextInfo, new byte[0], fromTink.ciphertext()), suite + ": Tink to Ferrite");
                    } catch (AEADBadTagException e) {
                        throw new AssertionError(suite + ": Tink's message did not open", e);
                    }
                }
            }
        }
    }

    /** Both backends: a message sealed by one opens in the other, and contexts set up across them export alike. */
    @Test
    void otherBackend_opensAndExportsAlike() throws AEADBadTagException {
        for (Backend other : dev.ferrite.TestBackends.all().toList()) {
            Hpke there = Crypto.hpke(other);
            for (HpkeSuite suite : HpkeSuite.values()) {
                try (X25519KeyPair recipient = Crypto.x25519(backend).generateKeyPair();
                        X25519KeyPair sender = Crypto.x25519(backend).generateKeyPair()) {
                    HpkeSealed sealed = hpke().seal(suite, recipient.publicKey(), PSK_ID, PSK, PSK,
                            HpkeSenderMode.authPsk(sender.privateKey(), PSK, PSK_ID));
                    assertArrayEquals(PSK, there.open(suite, sealed.enc(), recipient.privateKey(), PSK_ID, PSK,
                            sealed.ciphertext(), HpkeReceiverMode.authPsk(sender.publicKey(), PSK, PSK_ID)));
                    try (HpkeSenderContext s = hpke().setupSender(suite, recipient.publicKey(), PSK_ID,
                            HpkeSenderMode.base());
                            HpkeReceiverContext r = there.setupReceiver(suite, s.enc(), recipient.privateKey(),
                                    PSK_ID, HpkeReceiverMode.base())) {
                        assertArrayEquals(s.export(PSK, 99), r.export(PSK, 99), suite + " " + backend + "/" + other);
                        assertEquals(0, r.sequenceNumber());
                    }
                }
            }
        }
    }
}
