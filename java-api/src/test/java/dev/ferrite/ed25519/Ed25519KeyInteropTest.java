package dev.ferrite.ed25519;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Keys and signatures crossing between Ferrite and {@code java.security}: the JDK's and Bouncy Castle's keys and
 * signatures, JDK {@link KeyFactory} round trips, PKCS#8 and X.509 encodings, and a key and signature made by
 * OpenSSL (test resources vectors/openssl/).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class Ed25519KeyInteropTest {
    private static final byte[] MESSAGE = "interop".getBytes(StandardCharsets.UTF_8);

    @Parameter
    Backend backend;

    private Ed25519 ed25519() {
        return Crypto.ed25519(backend);
    }

    private static byte[] jdkSign(java.security.PrivateKey key, byte[] message) throws Exception {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(key);
        signer.update(message);
        return signer.sign();
    }

    private static boolean jdkVerify(java.security.PublicKey key, byte[] message, byte[] signature) throws Exception {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(message);
        return verifier.verify(signature);
    }

    @Test
    void jdkKeys_work_andSignaturesMatchTheJdks() throws Exception {
        KeyPair jdk = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        try (Ed25519PrivateKey key = Ed25519PrivateKey.fromJca(jdk.getPrivate())) {
            Ed25519PublicKey publicKey = Ed25519PublicKey.fromJca(jdk.getPublic());
            assertEquals(publicKey, key.publicKey());
            byte[] ours = ed25519().sign(key, MESSAGE);
            assertArrayEquals(jdkSign(jdk.getPrivate(), MESSAGE), ours);
            assertTrue(jdkVerify(jdk.getPublic(), MESSAGE, ours));
            assertTrue(ed25519().verify(publicKey, MESSAGE, jdkSign(jdk.getPrivate(), MESSAGE)));
        }
    }

    @Test
    void keys_roundTripThroughJdkKeyFactory() throws Exception {
        KeyFactory factory = KeyFactory.getInstance("Ed25519");
        try (Ed25519KeyPair pair = ed25519().generateKeyPair()) {
            EdECPublicKey jcaPublic = pair.publicKey().toJca();
            EdECPrivateKey jcaPrivate = pair.privateKey().toJca();
            assertEquals(pair.publicKey(), Ed25519PublicKey.fromJca(jcaPublic));
            assertEquals(pair.publicKey(), Ed25519PublicKey.fromJca(
                    factory.generatePublic(new X509EncodedKeySpec(pair.publicKey().toX509()))));
            assertArrayEquals(jcaPublic.getEncoded(), pair.publicKey().toX509());
            try (Ed25519PrivateKey back = Ed25519PrivateKey.fromJca(jcaPrivate);
                    Ed25519PrivateKey fromPkcs8 = Ed25519PrivateKey.fromJca(
                            factory.generatePrivate(new PKCS8EncodedKeySpec(pair.privateKey().exportSecretPkcs8())))) {
                assertArrayEquals(pair.privateKey().exportSecretSeed(), back.exportSecretSeed());
                assertArrayEquals(pair.privateKey().exportSecretSeed(), fromPkcs8.exportSecretSeed());
                assertEquals(pair.publicKey(), fromPkcs8.publicKey());
            }
            assertArrayEquals(jcaPrivate.getEncoded(), pair.privateKey().exportSecretPkcs8());
            assertTrue(jdkVerify(jcaPublic, MESSAGE, ed25519().sign(pair.privateKey(), MESSAGE)));
        }
    }

    @Test
    void bouncyCastleKeys_work_includingPkcs8Version2() throws Exception {
        KeyPair bc = KeyPairGenerator.getInstance("Ed25519", new BouncyCastleProvider()).generateKeyPair();
        try (Ed25519PrivateKey key = Ed25519PrivateKey.fromJca(bc.getPrivate());
                Ed25519PrivateKey fromEncoded = Ed25519PrivateKey.fromPkcs8(bc.getPrivate().getEncoded())) {
            Ed25519PublicKey publicKey = Ed25519PublicKey.fromJca(bc.getPublic());
            assertEquals(publicKey, key.publicKey());
            assertEquals(publicKey, fromEncoded.publicKey());
            Signature signer = Signature.getInstance("Ed25519", new BouncyCastleProvider());
            signer.initSign(bc.getPrivate());
            signer.update(MESSAGE);
            assertArrayEquals(signer.sign(), ed25519().sign(key, MESSAGE));
        }
    }

    @Test
    void pkcs8Version2_withAPublicKeyOfAnotherSeed_isRefused() throws Exception {
        KeyPair a = KeyPairGenerator.getInstance("Ed25519", new BouncyCastleProvider()).generateKeyPair();
        KeyPair b = KeyPairGenerator.getInstance("Ed25519", new BouncyCastleProvider()).generateKeyPair();
        byte[] encoded = a.getPrivate().getEncoded();
        byte[] otherPublic = Ed25519PublicKey.fromJca(b.getPublic()).toBytes();
        if (encoded.length < 83) {
            throw new AssertionError("expected Bouncy Castle to write PKCS#8 v2 with the public key, got "
                    + encoded.length + " bytes");
        }
        System.arraycopy(otherPublic, 0, encoded, encoded.length - 32, 32);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ed25519PrivateKey.fromPkcs8(encoded));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
    }

    @Test
    void opensslKeyAndSignature_workUnchanged() throws IOException {
        byte[] privateDer = pem("openssl/ed25519-private.pem", "PRIVATE KEY");
        byte[] publicDer = pem("openssl/ed25519-public.pem", "PUBLIC KEY");
        byte[] message;
        String signatureHex;
        try (InputStream in = Vectors.open("openssl/message.txt")) {
            message = in.readAllBytes();
        }
        try (InputStream in = Vectors.open("openssl/message.sig.hex")) {
            signatureHex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
        byte[] signature = HexFormat.of().parseHex(signatureHex);
        try (Ed25519PrivateKey key = Ed25519PrivateKey.fromPkcs8(privateDer)) {
            Ed25519PublicKey publicKey = Ed25519PublicKey.fromX509(publicDer);
            assertEquals(publicKey, key.publicKey());
            assertArrayEquals(signature, ed25519().sign(key, message));
            assertTrue(ed25519().verify(publicKey, message, signature));
            assertArrayEquals(privateDer, key.exportSecretPkcs8());
            assertArrayEquals(publicDer, publicKey.toX509());
        }
    }

    @Test
    void wycheproofKeys_fromX509EqualsFromBytes() {
        for (byte[][] key : Vectors.wycheproofKeyEncodings()) {
            assertEquals(Ed25519PublicKey.fromBytes(key[0]), Ed25519PublicKey.fromX509(key[1]));
        }
    }

    @Test
    void malformedEncodings_areRefusedWithReasons() throws Exception {
        byte[] good = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
        for (int cut : new int[] {0, 1, 10, good.length - 1}) {
            byte[] truncated = java.util.Arrays.copyOf(good, cut);
            assertThrows(IllegalArgumentException.class, () -> Ed25519PrivateKey.fromPkcs8(truncated), "cut " + cut);
        }
        byte[] trailing = java.util.Arrays.copyOf(good, good.length + 1);
        assertThrows(IllegalArgumentException.class, () -> Ed25519PrivateKey.fromPkcs8(trailing));
        byte[] ed448 = KeyPairGenerator.getInstance("Ed448").generateKeyPair().getPrivate().getEncoded();
        assertThrows(IllegalArgumentException.class, () -> Ed25519PrivateKey.fromPkcs8(ed448));
        KeyPair ed448Pair = KeyPairGenerator.getInstance("Ed448").generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> Ed25519PrivateKey.fromJca(ed448Pair.getPrivate()));
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromJca(ed448Pair.getPublic()));
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromJca(rsa.getPublic()));
        assertThrows(IllegalArgumentException.class, () -> Ed25519PrivateKey.fromJca(rsa.getPrivate()));
        assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromX509(new byte[44]));
        for (String text : List.of(Ed25519PrivateKey.fromPkcs8(good).toString())) {
            assertTrue(text.startsWith("Ed25519PrivateKey[public sha256:"), text);
        }
    }

    private static byte[] pem(String resource, String label) throws IOException {
        try (InputStream in = Vectors.open(resource)) {
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            String body = text.replace("-----BEGIN " + label + "-----", "").replace("-----END " + label + "-----", "")
                    .replaceAll("\\s", "");
            return Base64.getDecoder().decode(body);
        }
    }
}
