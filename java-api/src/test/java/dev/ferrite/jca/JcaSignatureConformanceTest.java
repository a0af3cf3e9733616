package dev.ferrite.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.ed25519.JcaEd25519Vectors;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdDSAParameterSpec;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ed25519 {@code Signature}, {@code KeyFactory} and {@code KeyPairGenerator} against the JDK's rules: the same
 * assertions for SunEC and for Ferrite on each backend. Where Ferrite deliberately differs (its strict verification
 * rule, pure Ed25519 only, the message reset after a refused signature) each side is asserted explicitly and the
 * inputs are named.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.jca.Jca#impls")
class JcaSignatureConformanceTest {
    private static final byte[] MESSAGE = "conformance".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SEED = new byte[32];

    static {
        Arrays.fill(SEED, (byte) 7);
    }

    /**
     * CCTV cases SunEC accepts and Ferrite refuses: all have a small-order A or R (flags low_order_A, low_order_R),
     * which rule 2 of Ferrite's verification rule refuses, and none has a low-order residue.
     */
    private static final String ONLY_SUNEC_ACCEPTS = "1 3 5 23 25 27 44 46 48 111 113 115 133 135 137 155 157 159 176 178 180 243 245 247 302 303 304 405"
            + " 407 409 419 421 423 432 434 436 459 461 463 467 469 471 475 477 479 483 485 487 491 493 495 505 507"
            + " 509 519 521 523 532 534 536 559 561 563 567 569 571 575 577 579 583 585 587 591 593 595 605 607 609"
            + " 619 621 623 632 634 636 659 661 663 667 669 671 675 677 679 683 685 687 691 693 695 705 707 709 719"
            + " 721 723 732 734 736 759 761 763 767 769 771 775 777 779 783 785 787 791 793 795 826 828 830 893 895"
            + " 897";
    /**
     * CCTV cases Ferrite accepts and SunEC refuses: all have a low-order residue (flag low_order_residue: the
     * cofactorless equation fails, the cofactored one holds) and neither a small-order nor a non-canonical A or R.
     */
    private static final String ONLY_FERRITE_ACCEPTS = "6 28 51 85 92 99 106 116 138 160 183 217 224 231 238 248 267 286 336 349 362 375 388 410 424 439 464"
            + " 472 480 488 496 510 524 539 564 572 580 588 596 610 624 639 664 672 680 688 696 710 724 739 764 772"
            + " 780 788 796 807 818 833 867 874 881 888 898";

    @Parameter
    Jca.Impl impl;

    private Signature signature(String algorithm) throws Exception {
        return Signature.getInstance(algorithm, impl.signature());
    }

    private KeyFactory factory() throws Exception {
        return KeyFactory.getInstance("Ed25519", impl.signature());
    }

    /** The key pair of {@link #SEED}, from this implementation's KeyFactory. */
    private KeyPair pair() throws Exception {
        KeyFactory f = factory();
        return new KeyPair(f.generatePublic(new X509EncodedKeySpec(publicOfSeed())),
                f.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, SEED)));
    }

    /** The X.509 public key of {@link #SEED}, through SunEC. */
    private static byte[] publicOfSeed() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519", Jca.jdk("SunEC"));
        g.initialize(NamedParameterSpec.ED25519, fixedRandom(SEED));
        return g.generateKeyPair().getPublic().getEncoded();
    }

    /** A SecureRandom that returns {@code bytes} (repeated). */
    private static SecureRandom fixedRandom(byte[] bytes) {
        return new SecureRandom() {
            private static final long serialVersionUID = 1L;

            @Override
            public void nextBytes(byte[] out) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = bytes[i % bytes.length];
                }
            }
        };
    }

    private byte[] sign(PrivateKey key, byte[] message) throws Exception {
        Signature s = signature("Ed25519");
        s.initSign(key);
        s.update(message);
        return s.sign();
    }

    @Test
    void useBeforeInit_isSignatureException() throws Exception {
        Signature s = signature("Ed25519");
        assertThrows(SignatureException.class, () -> s.update(MESSAGE));
        assertThrows(SignatureException.class, s::sign);
        assertThrows(SignatureException.class, () -> s.verify(new byte[64]));
        KeyPair pair = pair();
        s.initSign(pair.getPrivate());
        assertThrows(SignatureException.class, () -> s.verify(new byte[64]));
        s.initVerify(pair.getPublic());
        assertThrows(SignatureException.class, s::sign);
    }

    @Test
    void signaturesAreDeterministic_andEqualSunEcs() throws Exception {
        KeyPair pair = pair();
        Signature jdk = Signature.getInstance("Ed25519", Jca.jdk("SunEC"));
        jdk.initSign(KeyFactory.getInstance("Ed25519", Jca.jdk("SunEC"))
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, SEED)));
        jdk.update(MESSAGE);
        assertArrayEquals(jdk.sign(), sign(pair.getPrivate(), MESSAGE));
    }

    @Test
    void signAndVerify_resetToTheInitialisedState() throws Exception {
        KeyPair pair = pair();
        Signature s = signature("Ed25519");
        s.initSign(pair.getPrivate());
        s.update(new byte[] {1, 2, 3});
        s.sign();
        s.update(MESSAGE); // after sign(), update starts a new message
        byte[] second = s.sign();
        assertArrayEquals(sign(pair.getPrivate(), MESSAGE), second);
        byte[] empty = s.sign(); // the empty message
        assertArrayEquals(sign(pair.getPrivate(), new byte[0]), empty);

        Signature v = signature("Ed25519");
        v.initVerify(pair.getPublic());
        for (int i = 0; i < 3; i++) {
            v.update(MESSAGE, 0, 4);
            v.update(ByteBuffer.wrap(MESSAGE, 4, 3));
            ByteBuffer direct = ByteBuffer.allocateDirect(MESSAGE.length - 7);
            direct.put(MESSAGE, 7, MESSAGE.length - 7).flip();
            v.update(direct);
            assertTrue(v.verify(second));
        }
        v.update(MESSAGE);
        assertFalse(v.verify(empty));
        assertTrue(v.verify(empty)); // the empty message again, after the reset
    }

    /**
     * Wrong-length signatures (0, 63, 65 bytes) throw SignatureException for both. Deliberate difference afterwards:
     * SunEC keeps the message it had collected (JDK 25: the exception skips its reset, so the next verify covers the
     * old and the new data); Ferrite resets, as Signature.verify documents, and verifies the next message alone.
     */
    @Test
    void wrongLengthSignature_isSignatureException() throws Exception {
        KeyPair pair = pair();
        byte[] good = sign(pair.getPrivate(), MESSAGE);
        Signature v = signature("Ed25519");
        v.initVerify(pair.getPublic());
        for (int length : new int[] {0, 63, 65}) {
            v.update(MESSAGE);
            assertThrows(SignatureException.class, () -> v.verify(new byte[length]), length + " bytes");
        }
        v.initVerify(pair.getPublic());
        v.update(MESSAGE);
        assertThrows(SignatureException.class, () -> v.verify(new byte[63]));
        v.update(MESSAGE);
        assertEquals(impl.isFerrite(), v.verify(good));
    }

    @Test
    void ed448Keys_areRefused() throws Exception {
        KeyPair ed448 = KeyPairGenerator.getInstance("Ed448", Jca.jdk("SunEC")).generateKeyPair();
        Signature s = signature("Ed25519");
        assertThrows(InvalidKeyException.class, () -> s.initSign(ed448.getPrivate()));
        assertThrows(InvalidKeyException.class, () -> s.initVerify(ed448.getPublic()));
        // Deliberate difference: SunEC's EdDSA signature also does Ed448; Ferrite's does Ed25519 only.
        Signature eddsa = signature("EdDSA");
        if (impl.isFerrite()) {
            assertThrows(InvalidKeyException.class, () -> eddsa.initSign(ed448.getPrivate()));
        } else {
            eddsa.initSign(ed448.getPrivate());
        }
        assertThrows(InvalidKeyException.class, () -> s.initVerify((PublicKey) null));
        assertThrows(InvalidKeyException.class, () -> s.initVerify(
                KeyPairGenerator.getInstance("EC").generateKeyPair().getPublic()));
    }

    /**
     * Parameters. Same for both: null is ignored, pure EdDSAParameterSpec is accepted, no parameters are returned,
     * and changing them mid-message is InvalidParameterException. Deliberate differences: Ed25519ctx and Ed25519ph
     * (EdDSAParameterSpec with a context or pre-hash), which SunEC implements, are refused by Ferrite with
     * InvalidAlgorithmParameterException; NamedParameterSpec.ED25519, which SunEC refuses, Ferrite accepts (as a
     * no-op).
     */
    @Test
    void parameters() throws Exception {
        KeyPair pair = pair();
        Signature s = signature("Ed25519");
        s.setParameter(null);
        s.setParameter(new EdDSAParameterSpec(false));
        assertNull(s.getParameters());
        s.initSign(pair.getPrivate());
        s.update(MESSAGE);
        assertThrows(InvalidParameterException.class, () -> s.setParameter(new EdDSAParameterSpec(false)));
        assertArrayEquals(sign(pair.getPrivate(), MESSAGE), s.sign());
        EdDSAParameterSpec[] variants = {new EdDSAParameterSpec(false, new byte[] {1, 2}),
            new EdDSAParameterSpec(true)};
        for (EdDSAParameterSpec variant : variants) {
            Signature t = signature("Ed25519");
            if (impl.isFerrite()) {
                assertThrows(InvalidAlgorithmParameterException.class, () -> t.setParameter(variant));
            } else {
                t.setParameter(variant);
            }
        }
        Signature named = signature("Ed25519");
        if (impl.isFerrite()) {
            named.setParameter(NamedParameterSpec.ED25519);
        } else {
            assertThrows(InvalidAlgorithmParameterException.class, () -> named.setParameter(NamedParameterSpec.ED25519));
        }
        assertThrows(InvalidAlgorithmParameterException.class, () -> named.setParameter(NamedParameterSpec.ED448));
        assertThrows(InvalidAlgorithmParameterException.class,
                () -> named.setParameter(new java.security.spec.ECGenParameterSpec("secp256r1")));
    }

    /**
     * Deliberate differences on invalid signatures and keys of the right length, inputs named:
     * <ul>
     *   <li>S = 2^256 - 1 (not below the group order ℓ), and an R with y = 2^255 - 1 (not below p): SunEC throws
     *       SignatureException ("s is too large", "y value is too large"); Ferrite returns false, as for every invalid
     *       signature of 64 bytes;
     *   <li>the public key with y = 1 (the identity, a point of small order): SunEC accepts it in initVerify; Ferrite
     *       refuses it with InvalidKeyException (rule 2 of its verification rule);
     *   <li>the public key with y = 2 (not on the curve) is refused in initVerify by both.
     * </ul>
     */
    @Test
    void nonCanonicalSignaturesAndSmallOrderKeys() throws Exception {
        KeyPair pair = pair();
        byte[] good = sign(pair.getPrivate(), MESSAGE);
        byte[] bigS = good.clone();
        Arrays.fill(bigS, 32, 64, (byte) 0xff);
        byte[] bigR = good.clone();
        Arrays.fill(bigR, 0, 32, (byte) 0xff);
        bigR[31] = 0x7f;
        for (byte[] bad : new byte[][] {bigS, bigR}) {
            Signature v = signature("Ed25519");
            v.initVerify(pair.getPublic());
            v.update(MESSAGE);
            if (impl.isFerrite()) {
                assertFalse(v.verify(bad));
            } else {
                assertThrows(SignatureException.class, () -> v.verify(bad));
            }
        }
        KeyFactory f = factory();
        PublicKey identity = f.generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519,
                new EdECPoint(false, BigInteger.ONE)));
        PublicKey offCurve = f.generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519,
                new EdECPoint(false, BigInteger.TWO)));
        Signature v = signature("Ed25519");
        if (impl.isFerrite()) {
            assertThrows(InvalidKeyException.class, () -> v.initVerify(identity));
        } else {
            v.initVerify(identity);
        }
        assertThrows(InvalidKeyException.class, () -> v.initVerify(offCurve));
    }

    /**
     * The CCTV Ed25519 vectors (914 edge cases, every one valid under the most permissive rule): where SunEC and
     * Ferrite disagree, the cases are listed here by number. SunEC uses the cofactorless equation and accepts small-order
     * keys and R values; Ferrite's rule is cofactored and refuses small-order and non-canonical A and R (see the
     * javadoc of dev.ferrite.ed25519.Ed25519). An exception from SunEC (a refused key or signature) counts as not
     * accepted.
     */
    @Test
    void cctvVectors_differFromSunEcOnlyOnTheNamedCases() throws Exception {
        List<JcaEd25519Vectors.Verification> cases = JcaEd25519Vectors.cctv();
        TreeSet<String> acceptedOnlyByJdk = new TreeSet<>(java.util.Comparator.comparingInt(Integer::parseInt));
        TreeSet<String> acceptedOnlyByFerrite = new TreeSet<>(java.util.Comparator.comparingInt(Integer::parseInt));
        for (JcaEd25519Vectors.Verification c : cases) {
            boolean jdk = accepts(Jca.jdk("SunEC"), c);
            boolean mine = accepts(impl.signature(), c);
            if (jdk && !mine) {
                acceptedOnlyByJdk.add(c.id().substring("cctv ".length()));
            } else if (mine && !jdk) {
                acceptedOnlyByFerrite.add(c.id().substring("cctv ".length()));
            }
        }
        if (!impl.isFerrite()) {
            assertTrue(acceptedOnlyByJdk.isEmpty() && acceptedOnlyByFerrite.isEmpty());
            return;
        }
        assertEquals(ONLY_SUNEC_ACCEPTS, String.join(" ", acceptedOnlyByJdk), "accepted by SunEC only");
        assertEquals(ONLY_FERRITE_ACCEPTS, String.join(" ", acceptedOnlyByFerrite), "accepted by Ferrite only");
        for (JcaEd25519Vectors.Verification c : cases) {
            String number = c.id().substring("cctv ".length());
            if (acceptedOnlyByJdk.contains(number)) {
                assertTrue(c.flags().contains("low_order_A") || c.flags().contains("low_order_R"), c.id());
                assertFalse(c.flags().contains("low_order_residue"), c.id());
            }
            if (acceptedOnlyByFerrite.contains(number)) {
                assertTrue(c.flags().contains("low_order_residue"), c.id());
                for (String refused : List.of("low_order_A", "low_order_R", "non_canonical_A", "non_canonical_R")) {
                    assertFalse(c.flags().contains(refused), c.id());
                }
            }
        }
    }

    private static boolean accepts(java.security.Provider provider, JcaEd25519Vectors.Verification c) {
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519", provider)
                    .generatePublic(new X509EncodedKeySpec(Ed25519Keys.toSpki(c.publicKey())));
            Signature v = Signature.getInstance("Ed25519", provider);
            v.initVerify(key);
            v.update(c.message());
            return v.verify(c.signature());
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    @Test
    void keyPairGenerator_ed25519AndEdDsa() throws Exception {
        for (String algorithm : new String[] {"Ed25519", "EdDSA", "OID.1.3.101.112", "1.3.101.112"}) {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm, impl.signature());
            KeyPair pair = g.generateKeyPair();
            checkKeys(pair);
            g.initialize(255);
            checkKeys(g.generateKeyPair());
            g.initialize(NamedParameterSpec.ED25519);
            checkKeys(g.generateKeyPair());
            g.initialize(NamedParameterSpec.ED25519, new SecureRandom());
            checkKeys(g.generateKeyPair());
        }
        KeyPairGenerator ed25519 = KeyPairGenerator.getInstance("Ed25519", impl.signature());
        assertThrows(InvalidParameterException.class, () -> ed25519.initialize(448));
        assertThrows(InvalidParameterException.class, () -> ed25519.initialize(256));
        assertThrows(InvalidAlgorithmParameterException.class, () -> ed25519.initialize(NamedParameterSpec.ED448));
        // Deliberate difference: SunEC's EdDSA generator also makes Ed448 keys; Ferrite's makes Ed25519 only.
        KeyPairGenerator eddsa = KeyPairGenerator.getInstance("EdDSA", impl.signature());
        if (impl.isFerrite()) {
            assertThrows(InvalidParameterException.class, () -> eddsa.initialize(448));
            assertThrows(InvalidAlgorithmParameterException.class, () -> eddsa.initialize(NamedParameterSpec.ED448));
        } else {
            eddsa.initialize(448);
        }
    }

    /** With the same SecureRandom output, Ferrite's generator makes the key SunEC's makes (the seed is 32 bytes). */
    @Test
    void keyPairGenerator_usesTheGivenSecureRandom_asSunEcDoes() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519", impl.signature());
        g.initialize(NamedParameterSpec.ED25519, fixedRandom(SEED));
        KeyPair mine = g.generateKeyPair();
        assertArrayEquals(publicOfSeed(), mine.getPublic().getEncoded());
        assertArrayEquals(SEED, ((EdECPrivateKey) mine.getPrivate()).getBytes().orElseThrow());
    }

    private static void checkKeys(KeyPair pair) {
        EdECPublicKey publicKey = assertInstanceOf(EdECPublicKey.class, pair.getPublic());
        EdECPrivateKey privateKey = assertInstanceOf(EdECPrivateKey.class, pair.getPrivate());
        assertEquals("EdDSA", publicKey.getAlgorithm());
        assertEquals("EdDSA", privateKey.getAlgorithm());
        assertEquals("X.509", publicKey.getFormat());
        assertEquals("PKCS#8", privateKey.getFormat());
        assertEquals("Ed25519", publicKey.getParams().getName());
        assertEquals("Ed25519", privateKey.getParams().getName());
        assertEquals(44, publicKey.getEncoded().length);
        assertEquals(48, privateKey.getEncoded().length);
        assertEquals(32, privateKey.getBytes().orElseThrow().length);
    }

    @Test
    void keyFactory_specsInBothDirections() throws Exception {
        KeyFactory f = factory();
        KeyPair pair = pair();
        byte[] spki = pair.getPublic().getEncoded();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        EdECPublicKeySpec publicSpec = f.getKeySpec(pair.getPublic(), EdECPublicKeySpec.class);
        EdECPrivateKeySpec privateSpec = f.getKeySpec(pair.getPrivate(), EdECPrivateKeySpec.class);
        assertArrayEquals(SEED, privateSpec.getBytes());
        assertEquals("Ed25519", publicSpec.getParams().getName());
        assertArrayEquals(spki, f.generatePublic(publicSpec).getEncoded());
        assertArrayEquals(spki, f.getKeySpec(pair.getPublic(), X509EncodedKeySpec.class).getEncoded());
        assertArrayEquals(spki, f.getKeySpec(pair.getPublic(), KeySpec.class) instanceof X509EncodedKeySpec x
                ? x.getEncoded() : null);
        assertArrayEquals(pkcs8, f.getKeySpec(pair.getPrivate(), PKCS8EncodedKeySpec.class).getEncoded());
        assertArrayEquals(pkcs8, f.generatePrivate(privateSpec).getEncoded());
        assertArrayEquals(pkcs8, f.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)).getEncoded());
        // The point agrees with SunEC's.
        EdECPublicKey jdkKey = (EdECPublicKey) KeyFactory.getInstance("Ed25519", Jca.jdk("SunEC"))
                .generatePublic(new X509EncodedKeySpec(spki));
        assertEquals(jdkKey.getPoint().getY(), publicSpec.getPoint().getY());
        assertEquals(jdkKey.getPoint().isXOdd(), publicSpec.getPoint().isXOdd());
        // PKCS#8 v2 with the public key (Bouncy Castle's form) is read. Deliberate difference: Ferrite's key encodes
        // as v1 (48 bytes), as JDK 17's SunEC does; JDK 25's SunEC keeps the v2 encoding it was given (83 bytes).
        KeyPair bc = KeyPairGenerator.getInstance("Ed25519", Jca.bouncyCastle()).generateKeyPair();
        byte[] v2 = bc.getPrivate().getEncoded();
        assertEquals(83, v2.length, "Bouncy Castle writes v2 with the public key");
        PrivateKey fromV2 = f.generatePrivate(new PKCS8EncodedKeySpec(v2));
        assertEquals(impl.isFerrite() || Runtime.version().feature() < 25 ? 48 : 83, fromV2.getEncoded().length);
        Signature v = signature("Ed25519");
        v.initVerify(f.generatePublic(new X509EncodedKeySpec(bc.getPublic().getEncoded())));
        v.update(MESSAGE);
        assertTrue(v.verify(sign(fromV2, MESSAGE)));
        // Specs that don't fit.
        assertThrows(InvalidKeySpecException.class, () -> f.getKeySpec(pair.getPublic(), PKCS8EncodedKeySpec.class));
        assertThrows(InvalidKeySpecException.class, () -> f.getKeySpec(pair.getPrivate(), X509EncodedKeySpec.class));
        assertThrows(InvalidKeySpecException.class, () -> f.generatePrivate(new X509EncodedKeySpec(spki)));
        assertThrows(InvalidKeySpecException.class, () -> f.generatePublic(new PKCS8EncodedKeySpec(pkcs8)));
        assertThrows(InvalidKeySpecException.class,
                () -> f.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, new byte[31])));
        assertThrows(InvalidKeySpecException.class,
                () -> f.generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED448, new byte[57])));
        assertThrows(InvalidKeySpecException.class, () -> f.generatePublic(new X509EncodedKeySpec(
                KeyPairGenerator.getInstance("Ed448", Jca.jdk("SunEC")).generateKeyPair().getPublic().getEncoded())));
        assertThrows(InvalidKeySpecException.class, () -> f.generatePublic(new X509EncodedKeySpec(new byte[44])));
        assertThrows(InvalidKeySpecException.class, () -> f.generatePrivate(new PKCS8EncodedKeySpec(new byte[48])));
    }

    @Test
    void keyFactory_translatesOtherProvidersKeys() throws Exception {
        KeyFactory f = factory();
        List<KeyPair> pairs = new ArrayList<>();
        pairs.add(KeyPairGenerator.getInstance("Ed25519", Jca.jdk("SunEC")).generateKeyPair());
        pairs.add(KeyPairGenerator.getInstance("Ed25519", Jca.bouncyCastle()).generateKeyPair());
        pairs.add(KeyPairGenerator.getInstance("Ed25519", Jca.ferrite(dev.ferrite.Backend.JAVA)).generateKeyPair());
        for (KeyPair pair : pairs) {
            Key publicKey = f.translateKey(pair.getPublic());
            Key privateKey = f.translateKey(pair.getPrivate());
            assertInstanceOf(EdECPublicKey.class, publicKey);
            assertInstanceOf(EdECPrivateKey.class, privateKey);
            assertArrayEquals(pair.getPublic().getEncoded(), publicKey.getEncoded());
            Signature v = signature("Ed25519");
            v.initVerify((PublicKey) publicKey);
            v.update(MESSAGE);
            assertTrue(v.verify(sign((PrivateKey) privateKey, MESSAGE)), pair.getPublic().getClass().getName());
        }
        assertThrows(InvalidKeyException.class, () -> f.translateKey(null));
        assertThrows(InvalidKeyException.class,
                () -> f.translateKey(KeyPairGenerator.getInstance("Ed448", Jca.jdk("SunEC")).generateKeyPair()
                        .getPublic()));
    }
}
