package dev.ferrite.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Ferrite's JCA key objects and the encoding conversions behind them: the 32-byte point encoding to and from
 * {@link EdECPoint} (RFC 8032 §5.1.2–5.1.3) checked against SunEC's keys and at the edges, and the key classes'
 * contracts (equality with the JDK's keys, no key material in {@code toString}, {@code destroy}, serialization).
 */
class Ed25519JcaKeysTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void pointConversion_agreesWithSunEc_onManyKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519", Jca.jdk("SunEC"));
        KeyFactory jdk = KeyFactory.getInstance("Ed25519", Jca.jdk("SunEC"));
        int odd = 0;
        for (int i = 0; i < 300; i++) {
            EdECPublicKey key = (EdECPublicKey) generator.generateKeyPair().getPublic();
            byte[] raw = Ed25519Keys.fromSpki(key.getEncoded());
            EdECPoint mine = Ed25519Keys.toPoint(raw);
            assertEquals(key.getPoint().getY(), mine.getY());
            assertEquals(key.getPoint().isXOdd(), mine.isXOdd());
            assertArrayEquals(raw, Ed25519Keys.fromPoint(key.getPoint()));
            // And SunEC builds the same key from Ferrite's point.
            PublicKey back = jdk.generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, mine));
            assertArrayEquals(key.getEncoded(), back.getEncoded());
            odd += mine.isXOdd() ? 1 : 0;
        }
        assertTrue(odd > 50 && odd < 250, "both signs seen: " + odd + " of 300 odd");
    }

    @Test
    void pointConversion_atTheEdges() {
        byte[] zero = new byte[32];
        assertEquals(BigInteger.ZERO, Ed25519Keys.toPoint(zero).getY());
        assertFalse(Ed25519Keys.toPoint(zero).isXOdd());
        byte[] top = new byte[32];
        top[31] = (byte) 0x80; // y = 0, x odd
        assertTrue(Ed25519Keys.toPoint(top).isXOdd());
        assertEquals(BigInteger.ZERO, Ed25519Keys.toPoint(top).getY());
        byte[] max = HEX.parseHex("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
        EdECPoint p = Ed25519Keys.toPoint(max);
        assertEquals(BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE), p.getY());
        assertTrue(p.isXOdd());
        assertArrayEquals(max, Ed25519Keys.fromPoint(p));
        byte[] one = new byte[32];
        one[0] = 1; // little-endian: y = 1
        assertEquals(BigInteger.ONE, Ed25519Keys.toPoint(one).getY());
        assertArrayEquals(one, Ed25519Keys.fromPoint(new EdECPoint(false, BigInteger.ONE)));
        byte[] msb = new byte[32];
        msb[30] = 1; // y = 2^240
        assertEquals(BigInteger.ONE.shiftLeft(240), Ed25519Keys.toPoint(msb).getY());
        assertThrows(IllegalArgumentException.class,
                () -> Ed25519Keys.fromPoint(new EdECPoint(false, BigInteger.ONE.shiftLeft(255))));
        assertThrows(IllegalArgumentException.class,
                () -> Ed25519Keys.fromPoint(new EdECPoint(false, BigInteger.valueOf(-1))));
        assertThrows(IllegalArgumentException.class, () -> Ed25519Keys.toPoint(new byte[31]));
    }

    @Test
    void spkiAndPkcs8_areTheJdksBytes() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519", Jca.jdk("SunEC")).generateKeyPair();
        byte[] raw = Ed25519Keys.fromSpki(pair.getPublic().getEncoded());
        assertArrayEquals(pair.getPublic().getEncoded(), Ed25519Keys.toSpki(raw));
        byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
        assertArrayEquals(pair.getPrivate().getEncoded(), Ed25519Keys.toPkcs8(seed));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Ed25519Keys.fromSpki(new byte[44]));
        assertTrue(e.getMessage().contains("got 44 bytes starting 000000000000000000000000"), e.getMessage());
    }

    @Test
    void keyObjects_equalTheJdksKeys_andKeepSecretsOutOfStrings() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519", Jca.ferrite(Backend.JAVA)).generateKeyPair();
        PublicKey jdkPublic = KeyFactory.getInstance("Ed25519", Jca.jdk("SunEC"))
                .generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded()));
        assertEquals(pair.getPublic(), jdkPublic);
        assertEquals(jdkPublic, pair.getPublic());
        if (Runtime.version().feature() >= 22) { // SunEC 17 hashes its keys another way (not by their encoding)
            assertEquals(jdkPublic.hashCode(), pair.getPublic().hashCode());
        }
        PrivateKey jdkPrivate = KeyFactory.getInstance("Ed25519", Jca.jdk("SunEC")).translateKey(pair.getPrivate())
                instanceof PrivateKey k ? k : null;
        assertEquals(pair.getPrivate(), jdkPrivate);
        String seedHex = HEX.formatHex(((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow());
        assertFalse(pair.getPrivate().toString().contains(seedHex), pair.getPrivate().toString());
        assertFalse(pair.getPrivate().toString().toLowerCase().contains(seedHex.substring(0, 16)));
        assertTrue(pair.getPublic().toString().contains(HEX.formatHex(Ed25519Keys.fromSpki(
                pair.getPublic().getEncoded()))), "the public key is shown, as the JDK shows it");
    }

    @Tag("native") // signs with the native backend
    @Test
    void destroy_wipesThePrivateKey_andItCanNoLongerBeUsed() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519", Jca.ferrite(Backend.NATIVE)).generateKeyPair();
        PrivateKey key = pair.getPrivate();
        Signature signer = Signature.getInstance("Ed25519", Jca.ferrite(Backend.NATIVE));
        signer.initSign(key);
        signer.update(new byte[] {1});
        signer.sign();
        key.destroy();
        assertTrue(key.isDestroyed());
        assertThrows(IllegalStateException.class, key::getEncoded);
        assertThrows(IllegalStateException.class, () -> ((EdECPrivateKey) key).getBytes());
        assertTrue(key.toString().contains("destroyed"));
        assertThrows(InvalidKeyException.class, () -> signer.initSign(key));
        Signature other = Signature.getInstance("Ed25519", Jca.ferrite(Backend.NATIVE));
        assertThrows(InvalidKeyException.class, () -> other.initSign(key));
        assertFalse(key.equals(KeyPairGenerator.getInstance("Ed25519", Jca.jdk("SunEC")).generateKeyPair()
                .getPrivate()));
    }

    @Test
    void keys_serializeAsKeyRep_andComeBackEqual() throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519", Jca.ferrite(Backend.JAVA)).generateKeyPair();
        for (java.security.Key key : new java.security.Key[] {pair.getPublic(), pair.getPrivate()}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(key);
            }
            Object back;
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                back = in.readObject();
            }
            assertEquals(key, back);
            assertArrayEquals(key.getEncoded(), ((java.security.Key) back).getEncoded());
        }
    }
}
