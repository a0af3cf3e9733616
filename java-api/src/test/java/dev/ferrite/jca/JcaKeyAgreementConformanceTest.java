package dev.ferrite.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPublicKeySpec;
import java.math.BigInteger;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KeyAgreement X25519/XDH: every implementation (the JDK's SunEC as the reference, Ferrite on each backend) gives the
 * same secrets for the same keys (JDK keys and Bouncy Castle keys), and behaves as the JDK's does: one phase, reuse
 * after generateSecret, a low-order peer refused in doPhase, the exceptions and their types.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.jca.Jca#impls")
class JcaKeyAgreementConformanceTest {
    @Parameter
    Jca.Impl impl;

    private static KeyPair jdkPair() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("XDH", "SunEC");
        generator.initialize(NamedParameterSpec.X25519);
        return generator.generateKeyPair();
    }

    private static byte[] reference(KeyPair mine, PublicKey peer) throws Exception {
        KeyAgreement jdk = KeyAgreement.getInstance("XDH", "SunEC");
        jdk.init(mine.getPrivate());
        jdk.doPhase(peer, true);
        return jdk.generateSecret();
    }

    @Test
    void secrets_equalTheJdks_forJdkAndBouncyCastleKeys_andReuseAfterGenerate() throws Exception {
        for (String algorithm : new String[] {"X25519", "XDH"}) {
            KeyPair mine = jdkPair();
            KeyAgreement agreement = KeyAgreement.getInstance(algorithm, impl.keyAgreement());
            agreement.init(mine.getPrivate());
            for (int i = 0; i < 3; i++) {
                KeyPair peer = jdkPair();
                assertNull(agreement.doPhase(peer.getPublic(), true));
                assertArrayEquals(reference(mine, peer.getPublic()), agreement.generateSecret(), algorithm + " " + i);
            }
            // Keys from another provider: Bouncy Castle's.
            KeyPairGenerator bc = KeyPairGenerator.getInstance("X25519", new BouncyCastleProvider());
            KeyPair bcMine = bc.generateKeyPair();
            KeyPair bcPeer = bc.generateKeyPair();
            KeyAgreement bcAgreement = KeyAgreement.getInstance("X25519", new BouncyCastleProvider());
            bcAgreement.init(bcMine.getPrivate());
            bcAgreement.doPhase(bcPeer.getPublic(), true);
            agreement.init(bcMine.getPrivate());
            agreement.doPhase(bcPeer.getPublic(), true);
            assertArrayEquals(bcAgreement.generateSecret(), agreement.generateSecret(), algorithm + " with BC keys");
        }
    }

    @Test
    void generateSecretIntoArray_andAsTlsPremasterSecret() throws Exception {
        KeyPair mine = jdkPair();
        KeyPair peer = jdkPair();
        byte[] expected = reference(mine, peer.getPublic());
        KeyAgreement agreement = KeyAgreement.getInstance("X25519", impl.keyAgreement());
        agreement.init(mine.getPrivate());
        agreement.doPhase(peer.getPublic(), true);
        byte[] out = new byte[40];
        assertThrows(ShortBufferException.class, () -> agreement.generateSecret(new byte[40], 9));
        assertEquals(32, agreement.generateSecret(out, 8));
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(out, 8, 40));
        agreement.doPhase(peer.getPublic(), true);
        SecretKey key = agreement.generateSecret("TlsPremasterSecret");
        assertArrayEquals(expected, key.getEncoded());
        agreement.doPhase(peer.getPublic(), true);
        assertThrows(NoSuchAlgorithmException.class, () -> agreement.generateSecret("AES"));
    }

    @Test
    void misuse_failsAsTheJdks() throws Exception {
        KeyPair mine = jdkPair();
        KeyPair peer = jdkPair();
        KeyAgreement agreement = KeyAgreement.getInstance("X25519", impl.keyAgreement());
        assertThrows(IllegalStateException.class, () -> agreement.doPhase(peer.getPublic(), true), "before init");
        agreement.init(mine.getPrivate());
        assertThrows(IllegalStateException.class, agreement::generateSecret, "before doPhase");
        assertThrows(IllegalStateException.class, () -> agreement.doPhase(peer.getPublic(), false), "not last phase");
        assertThrows(InvalidKeyException.class, () -> agreement.doPhase(mine.getPrivate(), true), "a private key");
        assertThrows(InvalidKeyException.class, () -> agreement.init(peer.getPublic()), "init with a public key");
        assertThrows(InvalidKeyException.class, () -> agreement.init(mine.getPrivate(), NamedParameterSpec.X448));
        assertThrows(InvalidAlgorithmParameterException.class,
                () -> agreement.init(mine.getPrivate(), new javax.crypto.spec.IvParameterSpec(new byte[12])));
        // Ed25519 and X448 keys are not X25519 keys.
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519", "SunEC").generateKeyPair();
        assertThrows(InvalidKeyException.class, () -> agreement.init(ed.getPrivate()));
        KeyPairGenerator x448 = KeyPairGenerator.getInstance("XDH", "SunEC");
        x448.initialize(NamedParameterSpec.X448);
        assertThrows(InvalidKeyException.class, () -> agreement.init(x448.generateKeyPair().getPrivate()));
    }

    @Test
    void lowOrderPeer_refusedInDoPhase() throws Exception {
        KeyPair mine = jdkPair();
        KeyAgreement agreement = KeyAgreement.getInstance("X25519", impl.keyAgreement());
        agreement.init(mine.getPrivate());
        PublicKey lowOrder = KeyFactory.getInstance("XDH", "SunEC")
                .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, BigInteger.ONE));
        assertThrows(InvalidKeyException.class, () -> agreement.doPhase(lowOrder, true));
    }
}
