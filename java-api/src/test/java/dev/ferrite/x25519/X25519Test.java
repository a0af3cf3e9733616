package dev.ferrite.x25519;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * X25519 on each backend: RFC 7748's vectors and iterations, Wycheproof's 518 cases, agreement with the JDK's XDH
 * both ways, the low-order refusal, key encodings and closing.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class X25519Test {
    private static final HexFormat HEX = HexFormat.of();

    @Parameter
    Backend backend;

    private X25519 x25519() {
        return Crypto.x25519(backend);
    }

    @Test
    void backend_isTheOneAskedFor() {
        assertEquals(backend, x25519().backend());
    }

    @Test
    void rfc7748_section6_1_aliceAndBob() {
        try (X25519KeyPair alice = x25519().keyPairFromPrivateKey(
                HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
                X25519KeyPair bob = x25519().keyPairFromPrivateKey(
                        HEX.parseHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb"))) {
            assertEquals("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a",
                    HEX.formatHex(alice.publicKey().toBytes()));
            assertEquals("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f",
                    HEX.formatHex(bob.publicKey().toBytes()));
            String shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
            assertEquals(shared, HEX.formatHex(x25519().agree(alice.privateKey(), bob.publicKey())));
            assertEquals(shared, HEX.formatHex(x25519().agree(bob.privateKey(), alice.publicKey())));
        }
    }

    /** RFC 7748 §5.2: k and u start at 9; each step k, u = X25519(k, u), k. After 1 and 1,000 iterations. */
    @Test
    void rfc7748_section5_2_iterations() {
        byte[] k = new byte[32];
        k[0] = 9;
        byte[] u = k.clone();
        for (int i = 1; i <= 1000; i++) {
            byte[] next;
            try (X25519PrivateKey key = X25519PrivateKey.fromBytes(k)) {
                next = x25519().agree(key, X25519PublicKey.fromBytes(u));
            }
            u = k;
            k = next;
            if (i == 1) {
                assertEquals("422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079", HEX.formatHex(k));
            }
        }
        assertEquals("684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51", HEX.formatHex(k));
    }

    /**
     * Wycheproof x25519_test.json: 264 valid and 254 "acceptable" cases. Ferrite's choice for the acceptable ones, the
     * same on both backends: a public key on the twist, non-canonical (u ≥ p, or the top bit set) or otherwise special
     * is used as RFC 7748 §5 says (the listed secret); a case whose secret is all zeros (a low-order point) is refused
     * with IllegalArgumentException (RFC 7748 §6.1).
     */
    @Test
    void wycheproof_all518Cases() throws IOException {
        JsonObject root;
        try (InputStream in = X25519Test.class.getResourceAsStream("/vectors/wycheproof/x25519_test.json")) {
            root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
        List<String> failures = new ArrayList<>();
        int cases = 0;
        int refused = 0;
        for (JsonElement group : root.getAsJsonArray("testGroups")) {
            for (JsonElement element : group.getAsJsonObject().getAsJsonArray("tests")) {
                JsonObject test = element.getAsJsonObject();
                cases++;
                String id = "tcId " + test.get("tcId").getAsInt();
                byte[] expected = HEX.parseHex(test.get("shared").getAsString());
                String result = test.get("result").getAsString();
                if (!result.equals("valid") && !result.equals("acceptable")) {
                    failures.add(id + ": unexpected result " + result);
                    continue;
                }
                boolean zero = Arrays.equals(expected, new byte[32]);
                try (X25519PrivateKey key = X25519PrivateKey.fromBytes(HEX.parseHex(test.get("private").getAsString()))) {
                    X25519PublicKey peer = X25519PublicKey.fromBytes(HEX.parseHex(test.get("public").getAsString()));
                    try {
                        byte[] shared = x25519().agree(key, peer);
                        if (zero) {
                            failures.add(id + ": an all-zero secret was returned");
                        } else if (!Arrays.equals(expected, shared)) {
                            failures.add(id + ": got " + HEX.formatHex(shared));
                        }
                    } catch (IllegalArgumentException e) {
                        if (zero) {
                            refused++;
                        } else {
                            failures.add(id + ": refused " + e.getMessage());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(518, cases);
        assertTrue(refused > 20, "refused " + refused);
    }

    @Test
    void agree_equalsTheJdksXdh_bothWays() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("XDH", "SunEC");
        generator.initialize(NamedParameterSpec.X25519);
        for (int i = 0; i < 20; i++) {
            KeyPair jdk = generator.generateKeyPair();
            try (X25519KeyPair ours = x25519().generateKeyPair()) {
                KeyAgreement agreement = KeyAgreement.getInstance("XDH", "SunEC");
                agreement.init(jdk.getPrivate());
                agreement.doPhase(ours.publicKey().toJca(), true);
                byte[] theirs = agreement.generateSecret();
                byte[] mine = x25519().agree(ours.privateKey(), X25519PublicKey.fromJca(jdk.getPublic()));
                assertArrayEquals(theirs, mine);
                // The JDK's key objects carry the same keys.
                try (X25519PrivateKey back = X25519PrivateKey.fromJca(ours.privateKey().toJca())) {
                    assertEquals(ours.publicKey(), back.publicKey());
                }
            }
        }
    }

    @Test
    void keyPairFromPrivateKey_equalsTheJavaDerivation_onRandomKeys() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            try (X25519KeyPair pair = x25519().keyPairFromPrivateKey(secret);
                    X25519PrivateKey java = X25519PrivateKey.fromBytes(secret)) {
                assertEquals(java.publicKey(), pair.publicKey());
            }
        }
    }

    @Test
    void agree_lowOrderPoint_refusedWithTheReason() {
        try (X25519KeyPair pair = x25519().generateKeyPair()) {
            for (String lowOrder : List.of("0000000000000000000000000000000000000000000000000000000000000000",
                    "0100000000000000000000000000000000000000000000000000000000000000",
                    "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
                    "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")) {
                var e = assertThrows(IllegalArgumentException.class,
                        () -> x25519().agree(pair.privateKey(), X25519PublicKey.fromBytes(HEX.parseHex(lowOrder))));
                assertTrue(e.getMessage().contains("low-order"), e.getMessage());
            }
        }
    }

    @Test
    void encodings_roundTrip_andMatchTheJdk() throws Exception {
        try (X25519KeyPair pair = x25519().generateKeyPair()) {
            byte[] spki = pair.publicKey().toX509();
            assertArrayEquals(pair.publicKey().toJca().getEncoded(), spki);
            assertEquals(pair.publicKey(), X25519PublicKey.fromX509(spki));
            byte[] pkcs8 = pair.privateKey().exportSecretPkcs8();
            assertArrayEquals(pair.privateKey().toJca().getEncoded(), pkcs8);
            try (X25519PrivateKey back = X25519PrivateKey.fromPkcs8(pkcs8)) {
                assertArrayEquals(pair.privateKey().exportSecretBytes(), back.exportSecretBytes());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> X25519PublicKey.fromBytes(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> X25519PrivateKey.fromBytes(new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> X25519PublicKey.fromX509(new byte[44]));
        assertThrows(IllegalArgumentException.class, () -> X25519PrivateKey.fromPkcs8(new byte[48]));
        assertThrows(IllegalArgumentException.class, () -> x25519().keyPairFromPrivateKey(new byte[16]));
        assertThrows(NullPointerException.class, () -> x25519().agree(null, null));
    }

    @Test
    void close_wipesAndRefusesLaterUse_toStringShowsNoSecret() {
        byte[] secret = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        X25519KeyPair pair = x25519().keyPairFromPrivateKey(secret);
        X25519PrivateKey key = pair.privateKey();
        assertFalse(key.toString().contains("77076d0a"), key.toString());
        assertTrue(key.toString().contains("8520f009"), key.toString());
        assertFalse(key.isDestroyed());
        pair.close();
        assertTrue(key.isDestroyed());
        assertThrows(IllegalStateException.class, key::exportSecretBytes);
        assertThrows(IllegalStateException.class, () -> x25519().agree(key, pair.publicKey()));
        assertEquals(pair.publicKey(), key.publicKey());
        key.close();
        // The caller's array is not the key's: closing did not touch it.
        assertEquals((byte) 0x77, secret[0]);
        assertNotEquals(pair.publicKey(), x25519().generateKeyPair().publicKey());
    }

    /** Bouncy Castle's key objects (PKCS#8 v2 with the public key) convert; a v2 key whose public key is not its
     * secret's is refused. */
    @Test
    void bouncyCastleKeys_convert_andAMismatchedV2PublicKeyIsRefused() throws Exception {
        KeyPairGenerator bc = KeyPairGenerator.getInstance("X25519",
                new org.bouncycastle.jce.provider.BouncyCastleProvider());
        KeyPair pair = bc.generateKeyPair();
        byte[] v2 = pair.getPrivate().getEncoded();
        try (X25519PrivateKey fromObject = X25519PrivateKey.fromJca(pair.getPrivate());
                X25519PrivateKey fromDer = X25519PrivateKey.fromPkcs8(v2)) {
            X25519PublicKey publicKey = X25519PublicKey.fromJca(pair.getPublic());
            assertEquals(publicKey, fromObject.publicKey());
            assertEquals(publicKey, fromDer.publicKey());
            try (X25519KeyPair other = x25519().generateKeyPair()) {
                assertArrayEquals(x25519().agree(fromDer, other.publicKey()),
                        x25519().agree(other.privateKey(), publicKey));
            }
        }
        assertEquals(83, v2.length, "Bouncy Castle writes PKCS#8 v2 with the public key, last");
        v2[v2.length - 1] ^= 1;
        var e = assertThrows(IllegalArgumentException.class, () -> X25519PrivateKey.fromPkcs8(v2));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> X25519PrivateKey.fromPkcs8(new byte[] {0x30, 0x03, 1, 2}));
    }

    /**
     * A u-coordinate of p or more (non-canonical, allowed by RFC 7748 §5, which reads it modulo p), as raw bytes
     * and as a JDK {@code XECPublicKey} made from it: agreeing equals the canonical key's agreement and SunEC's own.
     */
    @Test
    void jdkKey_withUAtLeastP_agreesAsItsCanonicalValue() throws Exception {
        java.math.BigInteger p = java.math.BigInteger.TWO.pow(255).subtract(java.math.BigInteger.valueOf(19));
        java.security.KeyFactory factory = java.security.KeyFactory.getInstance("XDH", "SunEC");
        try (X25519KeyPair mine = x25519().keyPairFromPrivateKey(HexFormat.of().parseHex(
                "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"))) {
            for (long small : new long[] {9, 2, 18}) { // u + p < 2^255: 32 bytes with the top bit clear
                java.math.BigInteger canonical = java.math.BigInteger.valueOf(small);
                java.security.interfaces.XECPublicKey high = (java.security.interfaces.XECPublicKey) factory
                        .generatePublic(new java.security.spec.XECPublicKeySpec(NamedParameterSpec.X25519,
                                canonical.add(p)));
                X25519PublicKey converted = X25519PublicKey.fromJca(high);
                X25519PublicKey plain = X25519PublicKey.fromJca(factory.generatePublic(
                        new java.security.spec.XECPublicKeySpec(NamedParameterSpec.X25519, canonical)));
                // SunEC reduces u modulo p in the key it makes, so the conversion sees the canonical value; the raw
                // non-canonical bytes are checked through fromBytes.
                byte[] raw = new byte[32];
                byte[] big = canonical.add(p).toByteArray();
                for (int i = 0; i < big.length && i < 32; i++) {
                    raw[i] = big[big.length - 1 - i];
                }
                assertArrayEquals(x25519().agree(mine.privateKey(), plain),
                        x25519().agree(mine.privateKey(), X25519PublicKey.fromBytes(raw)), "raw u = " + small + " + p");
                byte[] expected = x25519().agree(mine.privateKey(), plain);
                assertArrayEquals(expected, x25519().agree(mine.privateKey(), converted), "u = " + small + " + p");
                KeyAgreement jdk = KeyAgreement.getInstance("XDH", "SunEC");
                jdk.init(mine.privateKey().toJca());
                jdk.doPhase(high, true);
                assertArrayEquals(expected, jdk.generateSecret(), "SunEC agrees");
            }
        }
    }
}
