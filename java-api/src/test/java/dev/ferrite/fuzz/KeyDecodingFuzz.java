package dev.ferrite.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.ed25519.Ed25519;
import dev.ferrite.ed25519.Ed25519KeyPair;
import dev.ferrite.ed25519.Ed25519PrivateKey;
import dev.ferrite.ed25519.Ed25519PublicKey;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.crypto.KeyAgreement;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.junit.jupiter.api.Tag;

/**
 * Ed25519 key decoding: {@link Ed25519PublicKey#fromX509}, {@link Ed25519PublicKey#fromBytes},
 * {@link Ed25519PrivateKey#fromPkcs8} and {@link Ed25519PrivateKey#fromSeed}, on arbitrary bytes and on mutated
 * (bytes flipped, set, inserted, deleted, truncated) valid encodings: X.509 SubjectPublicKeyInfo from the JDK's
 * KeyPairGenerator, PKCS#8 v1 from the JDK, v2 (with the public key) from Bouncy Castle, v1/v2 with attributes built
 * with Bouncy Castle's ASN.1 classes, and raw points with y near 0 and near p, all from a fuzzed seed or point.
 *
 * <p>Checked against an independent decoder, the JDK's {@code KeyFactory("Ed25519")}: when Ferrite accepts, the JDK
 * must accept and give the same key (public key bytes, or seed plus the public key the JDK's KeyPairGenerator derives
 * from it). When Ferrite refuses what the JDK accepts, at least one {@link Stricter} rule must apply, each decided
 * without Ferrite's code (Bouncy Castle's ASN.1 parser for the encoding rules, the JDK's Ed25519 point decoder and
 * X25519 for the key rules); anything else fails. Conversely, an input that breaks one of the rules Ferrite documents
 * must be refused (one exception: {@link Stricter#NOT_DER} in a PKCS#8 with attributes, see
 * {@code pkcs8Rules}).
 *
 * <p>Across backends: each decoded private key signs a fuzzed message identically with the native and the Java
 * backend (and as the JDK signs it), the signature verifies under the decoded public key on both, and each decoded
 * public key gives the same verify answer on both for a real (possibly altered) or arbitrary signature. Only
 * IllegalArgumentException (any input) and NullPointerException (null input) are documented; any other exception
 * fails. The input is read front to back (see {@link Input}), so seeds can be written by hand.
 */
@Tag("native")
class KeyDecodingFuzz {
    private static final Ed25519 NATIVE = Crypto.ed25519(Backend.NATIVE);
    private static final Ed25519 JAVA = Crypto.ed25519(Backend.JAVA);
    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    private static final AlgorithmIdentifier ED25519 =
            new AlgorithmIdentifier(new ASN1ObjectIdentifier("1.3.101.112"));
    private static final int MAX_MESSAGE = 256;

    /**
     * The documented rules by which Ferrite refuses encodings the JDK's lenient decoder (BER, no point validation)
     * accepts. Each is decided here independently of Ferrite.
     */
    enum Stricter {
        /**
         * The bytes are not DER: Bouncy Castle cannot parse them as one ASN.1 value, or re-encoding the parsed value
         * in DER changes them (non-minimal or indefinite lengths, constructed strings, non-minimal INTEGERs). RFC 8410
         * keys are DER (RFC 5280 §4.1 for SPKI, RFC 5958 §2 for PKCS#8); Ferrite reads "strict DER", the JDK reads BER.
         */
        NOT_DER,
        /**
         * The AlgorithmIdentifier has parameters (e.g. NULL). RFC 8410 §3: "the parameters MUST be absent"; the JDK
         * ignores them.
         */
        ALGORITHM_PARAMETERS,
        /**
         * The privateKey OCTET STRING does not hold exactly one DER OCTET STRING (CurvePrivateKey, RFC 8410 §7):
         * BER inside, or bytes after it, which the JDK ignores.
         */
        PRIVATE_KEY_CONTENTS_NOT_DER,
        /**
         * The attributes [0] are encoded primitive (0x80). They are an IMPLICIT SET OF (RFC 5958 §2), so constructed
         * (0xA0); the JDK accepts either form.
         */
        ATTRIBUTES_PRIMITIVE,
        /**
         * A v2 publicKey [1] that is not the primitive BIT STRING (no unused bits) of the seed's 32-byte public key.
         * Ferrite's javadoc: "the public key must match the seed"; the JDK does not compare them, nor check [1]'s form
         * or length.
         */
        PUBLIC_KEY_MISMATCH,
        /** y &ge; p: a non-canonical encoding (rule 1 of {@link Ed25519}'s verification rule). */
        NON_CANONICAL_Y,
        /** x = 0 encoded with the sign bit set (rule 1); the JDK's point decoder refuses it too. */
        NEGATIVE_ZERO_X,
        /** No curve point has this y: the JDK's own Ed25519 point decoder refuses it ({@code initVerify}). */
        NOT_ON_CURVE,
        /**
         * A point of order 1, 2, 4 or 8 (rule 2): the identity, or X25519 of its Montgomery u-coordinate (RFC 7748
         * §4.1 map) with a clamped, so multiple-of-8, scalar is zero, which the JDK's XDH refuses as small order.
         */
        SMALL_ORDER,
    }

    /** Point rules: every one of them must make Ferrite refuse a public key. */
    private static final EnumSet<Stricter> POINT_RULES =
            EnumSet.of(Stricter.NON_CANONICAL_Y, Stricter.NEGATIVE_ZERO_X, Stricter.NOT_ON_CURVE, Stricter.SMALL_ORDER);

    @FuzzTest
    void decode(FuzzedDataProvider data) {
        Input in = new Input(data.consumeRemainingAsBytes());
        switch (in.choice(4)) {
            case 0 -> spki(in);
            case 1 -> pkcs8(in);
            case 2 -> raw(in);
            default -> nulls();
        }
    }

    // ---- the four modes ----

    /** Ed25519PublicKey.fromX509 on arbitrary bytes, on the JDK's encoding of a seed's key, or on a chosen point. */
    private static void spki(Input in) {
        byte[] origin = null;
        byte[] encoding;
        switch (in.choice(3)) {
            case 0 -> encoding = in.bytes(in.unsigned() % 90);
            case 1 -> {
                origin = in.bytes(32);
                encoding = Jdk.keyPair(origin).getPublic().getEncoded();
            }
            default -> encoding = der(new SubjectPublicKeyInfo(ED25519, point(in)));
        }
        byte[] spki = mutate(in, encoding);
        Sig sig = Sig.read(in, origin);
        String what = "fromX509(" + hex(spki) + ")";

        Decoded<Ed25519PublicKey> ours = Decoded.of(what, () -> Ed25519PublicKey.fromX509(spki));
        Jdk.Result jdk = Jdk.publicKey(spki);
        EnumSet<Stricter> reasons = EnumSet.noneOf(Stricter.class);
        if (jdk.accepted()) {
            // The JDK accepted it, so it is SEQUENCE { AlgorithmIdentifier SEQUENCE, BIT STRING } (in BER at least).
            Structure s = structure(spki);
            reasons.addAll(s.reasons);
            if (s.parsed != null && ((ASN1Sequence) ((ASN1Sequence) s.parsed).getObjectAt(0)).size() > 1) {
                reasons.add(Stricter.ALGORITHM_PARAMETERS);
            }
            reasons.addAll(pointRules(jdk.key()));
        }
        // The DER SPKI of an Ed25519 key without parameters is unique, so every rule forces a refusal.
        compare(what, ours.value == null ? null : ours.value.toBytes(), ours.refused, jdk, reasons, reasons);
        if (ours.value != null) {
            verifyOnBoth(what, ours.value, sig.message, sig.signature(origin),
                    sig.genuine() && Arrays.equals(ours.value.toBytes(), Jdk.publicOfSeed(origin)));
        }
    }

    /** Ed25519PrivateKey.fromPkcs8 on arbitrary bytes and on v1/v2 encodings of a seed (JDK, Bouncy Castle). */
    private static void pkcs8(Input in) {
        byte[] origin = null;
        byte[] encoding;
        switch (in.choice(4)) {
            case 0 -> encoding = in.bytes(in.unsigned() % 120);
            case 1 -> {
                origin = in.bytes(32);
                encoding = Jdk.keyPair(origin).getPrivate().getEncoded(); // v1, as the JDK writes it
            }
            case 2 -> {
                origin = in.bytes(32);
                try {
                    encoding = der(PrivateKeyInfoFactory.createPrivateKeyInfo(
                            new Ed25519PrivateKeyParameters(origin, 0))); // v2, as Bouncy Castle writes it
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
            default -> {
                int variant = in.choice(4);
                origin = in.bytes(32);
                ASN1Set attributes = (variant & 1) == 0 ? null : new DERSet(new DERSequence(new ASN1Encodable[] {
                        PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERSet(new DERBMPString("ferrite"))}));
                byte[] publicKey = (variant & 2) == 0 ? null
                        : new Ed25519PrivateKeyParameters(origin, 0).generatePublicKey().getEncoded();
                try {
                    encoding = der(new PrivateKeyInfo(ED25519, new DEROctetString(origin), attributes, publicKey));
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            }
        }
        byte[] pkcs8 = mutate(in, encoding);
        Sig sig = Sig.read(in, origin); // only the message is used: the decoded key signs it
        String what = "fromPkcs8(" + hex(pkcs8) + ")";

        Decoded<Ed25519PrivateKey> ours = Decoded.of(what, () -> Ed25519PrivateKey.fromPkcs8(pkcs8));
        try {
            Jdk.Result jdk = Jdk.privateSeed(pkcs8);
            EnumSet<Stricter> reasons = EnumSet.noneOf(Stricter.class);
            EnumSet<Stricter> mustRefuse = EnumSet.noneOf(Stricter.class);
            if (jdk.accepted()) {
                pkcs8Rules(pkcs8, Jdk.publicOfSeed(jdk.key()), reasons, mustRefuse);
            }
            compare(what, ours.value == null ? null : ours.value.exportSecretSeed(), ours.refused, jdk, reasons,
                    mustRefuse);
            if (ours.value != null) {
                byte[] seed = jdk.key();
                if (!Arrays.equals(ours.value.publicKey().toBytes(), Jdk.publicOfSeed(seed))) {
                    throw new AssertionError(what + ": public key " + hex(ours.value.publicKey().toBytes())
                            + ", the JDK derives " + hex(Jdk.publicOfSeed(seed)));
                }
                signOnBoth(what, ours.value, seed, sig.message);
            }
        } finally {
            if (ours.value != null) {
                ours.value.close();
            }
        }
    }

    /** Ed25519PublicKey.fromBytes and Ed25519PrivateKey.fromSeed, mostly 32 bytes, sometimes another length. */
    private static void raw(Input in) {
        int keyLength = in.choice(8) == 0 ? in.unsigned() % 40 : 32;
        byte[] point = keyLength == 32 ? point(in) : in.bytes(keyLength);
        int seedLength = in.choice(8) == 0 ? in.unsigned() % 40 : 32;
        byte[] seed = in.bytes(seedLength);
        byte[] origin = seedLength == 32 ? seed : null;
        Sig sig = Sig.read(in, origin);

        String what = "fromBytes(" + hex(point) + ")";
        Decoded<Ed25519PublicKey> pub = Decoded.of(what, () -> Ed25519PublicKey.fromBytes(point));
        // The JDK takes any 32 bytes as a key (it checks the point only when it verifies).
        Jdk.Result jdk = point.length == 32 ? new Jdk.Result(point.clone(), null)
                : new Jdk.Result(null, new IllegalArgumentException("not 32 bytes"));
        EnumSet<Stricter> reasons = point.length == 32 ? pointRules(point) : EnumSet.noneOf(Stricter.class);
        compare(what, pub.value == null ? null : pub.value.toBytes(), pub.refused, jdk, reasons, reasons);
        if (pub.value != null) {
            verifyOnBoth(what, pub.value, sig.message, sig.signature(origin), false);
        }

        String seedWhat = "fromSeed(" + hex(seed) + ")";
        Decoded<Ed25519PrivateKey> key = Decoded.of(seedWhat, () -> Ed25519PrivateKey.fromSeed(seed));
        try {
            Jdk.Result jdkSeed = Jdk.privateFromSeed(seed);
            compare(seedWhat, key.value == null ? null : key.value.exportSecretSeed(), key.refused, jdkSeed,
                    EnumSet.noneOf(Stricter.class), EnumSet.noneOf(Stricter.class));
            Differential.same("keyPairFromSeed " + seedWhat, () -> publicOfPair(NATIVE, seed),
                    () -> publicOfPair(JAVA, seed), Set.of(IllegalArgumentException.class));
            if (key.value != null) {
                if (!Arrays.equals(key.value.publicKey().toBytes(), Jdk.publicOfSeed(seed))) {
                    throw new AssertionError(seedWhat + ": public key " + hex(key.value.publicKey().toBytes())
                            + ", the JDK derives " + hex(Jdk.publicOfSeed(seed)));
                }
                signOnBoth(seedWhat, key.value, seed, sig.message);
            }
        } finally {
            if (key.value != null) {
                key.value.close();
            }
        }
    }

    /** Null arguments: NullPointerException, nothing else. */
    private static void nulls() {
        expectNpe("fromX509(null)", () -> Ed25519PublicKey.fromX509(null));
        expectNpe("fromBytes(null)", () -> Ed25519PublicKey.fromBytes(null));
        expectNpe("fromPkcs8(null)", () -> Ed25519PrivateKey.fromPkcs8(null));
        expectNpe("fromSeed(null)", () -> Ed25519PrivateKey.fromSeed(null));
    }

    // ---- the checks ----

    /**
     * Ferrite's answer against the JDK's: accepted only if the JDK accepts, with the same key, and no rule in
     * {@code mustRefuse} applies; refused only if the JDK refuses or some rule in {@code reasons} applies.
     */
    private static void compare(String what, byte[] ours, IllegalArgumentException refused, Jdk.Result jdk,
            EnumSet<Stricter> reasons, EnumSet<Stricter> mustRefuse) {
        if (ours != null) {
            if (!jdk.accepted()) {
                AssertionError e = new AssertionError(what + ": Ferrite accepts, the JDK refuses: " + jdk.refusal());
                e.addSuppressed(jdk.refusal());
                throw e;
            }
            if (!Arrays.equals(ours, jdk.key())) {
                throw new AssertionError(what + ": Ferrite decodes " + hex(ours) + ", the JDK " + hex(jdk.key()));
            }
            if (!mustRefuse.isEmpty()) {
                throw new AssertionError(what + ": Ferrite accepts an encoding that breaks " + mustRefuse);
            }
        } else if (jdk.accepted() && reasons.isEmpty()) {
            AssertionError e = new AssertionError(what + ": Ferrite refuses (" + refused.getMessage()
                    + ") an encoding the JDK accepts, and no documented stricter rule applies");
            e.addSuppressed(refused);
            throw e;
        }
    }

    /**
     * Structural rules of a PKCS#8 the JDK accepted, and which of them force a refusal: all, except that
     * {@link Stricter#NOT_DER} does only when Bouncy Castle parsed the structure and it has no attributes. Ferrite
     * (like the JDK) skips the contents of the attributes without parsing them, so it accepts non-DER attributes,
     * which is harmless: the key does not depend on them.
     */
    private static void pkcs8Rules(byte[] pkcs8, byte[] publicOfSeed, EnumSet<Stricter> reasons,
            EnumSet<Stricter> mustRefuse) {
        Structure s = structure(pkcs8);
        reasons.addAll(s.reasons);
        if (s.parsed == null) {
            return; // Bouncy Castle cannot parse it: not DER, and nothing more can be said
        }
        // The JDK accepted it, so it is SEQUENCE { INTEGER, AlgorithmIdentifier, OCTET STRING, [0]?, [1]? }.
        ASN1Sequence seq = (ASN1Sequence) s.parsed;
        boolean attributes = false;
        if (((ASN1Sequence) seq.getObjectAt(1)).size() > 1) {
            reasons.add(Stricter.ALGORITHM_PARAMETERS);
        }
        byte[] contents = ((ASN1OctetString) seq.getObjectAt(2)).getOctets();
        if (!structure(contents).reasons.isEmpty()) {
            reasons.add(Stricter.PRIVATE_KEY_CONTENTS_NOT_DER);
        }
        byte[] expectedPublic = new byte[35];
        expectedPublic[0] = (byte) 0x81;
        expectedPublic[1] = 33;
        System.arraycopy(publicOfSeed, 0, expectedPublic, 3, 32);
        for (int i = 3; i < seq.size(); i++) {
            ASN1TaggedObject tagged = (ASN1TaggedObject) seq.getObjectAt(i);
            if (tagged.getTagClass() != BERTags.CONTEXT_SPECIFIC) {
                throw new AssertionError("the JDK accepted a PKCS#8 with element " + i + " of class "
                        + tagged.getTagClass());
            }
            byte[] element = der(tagged);
            if (tagged.getTagNo() == 0) {
                attributes = true;
                if ((element[0] & 0x20) == 0) {
                    reasons.add(Stricter.ATTRIBUTES_PRIMITIVE);
                }
            } else if (tagged.getTagNo() == 1 && !Arrays.equals(element, expectedPublic)) {
                reasons.add(Stricter.PUBLIC_KEY_MISMATCH);
            }
        }
        mustRefuse.addAll(reasons);
        if (attributes) {
            mustRefuse.remove(Stricter.NOT_DER);
        }
    }

    /** The point rules the 32-byte encoding breaks, decided with BigInteger and the JDK's EdDSA and XDH code. */
    private static EnumSet<Stricter> pointRules(byte[] encoded) {
        boolean xOdd = (encoded[31] & 0x80) != 0;
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = encoded[31 - i];
        }
        be[0] &= 0x7f;
        BigInteger y = new BigInteger(1, be);
        if (y.compareTo(P) >= 0) {
            return EnumSet.of(Stricter.NON_CANONICAL_Y);
        }
        if (!Jdk.decodesPoint(xOdd, y)) {
            boolean xIsZero = y.equals(BigInteger.ONE) || y.equals(P.subtract(BigInteger.ONE));
            return EnumSet.of(xIsZero && xOdd ? Stricter.NEGATIVE_ZERO_X : Stricter.NOT_ON_CURVE);
        }
        return Jdk.smallOrder(y) ? EnumSet.of(Stricter.SMALL_ORDER) : EnumSet.noneOf(Stricter.class);
    }

    /** Bouncy Castle's parse of the bytes (null if it cannot), and NOT_DER when that is how it is. */
    private record Structure(ASN1Primitive parsed, EnumSet<Stricter> reasons) {}

    private static Structure structure(byte[] bytes) {
        ASN1Primitive parsed;
        try {
            parsed = ASN1Primitive.fromByteArray(bytes);
        } catch (IOException | RuntimeException e) {
            return new Structure(null, EnumSet.of(Stricter.NOT_DER));
        }
        if (parsed == null) {
            return new Structure(null, EnumSet.of(Stricter.NOT_DER));
        }
        boolean der;
        try {
            der = Arrays.equals(parsed.getEncoded(ASN1Encoding.DER), bytes);
        } catch (IOException | RuntimeException e) {
            der = false;
        }
        return new Structure(parsed, der ? EnumSet.noneOf(Stricter.class) : EnumSet.of(Stricter.NOT_DER));
    }

    /**
     * The key signs the same on both backends and as the JDK signs with the same seed, and the signature verifies
     * under its public key on both.
     */
    private static void signOnBoth(String what, Ed25519PrivateKey key, byte[] seed, byte[] message) {
        String context = what + " msg=" + hex(message);
        Differential.same("sign " + context, () -> NATIVE.sign(key, message), () -> JAVA.sign(key, message), Set.of());
        byte[] signature = NATIVE.sign(key, message);
        byte[] jdk = Jdk.sign(seed, message);
        if (!Arrays.equals(signature, jdk)) {
            throw new AssertionError("sign " + context + ": Ferrite " + hex(signature) + ", the JDK " + hex(jdk));
        }
        verifyOnBoth(what, key.publicKey(), message, signature, true);
    }

    /** Both verify forms give the same answer on both backends; true when the signature is known to be genuine. */
    private static void verifyOnBoth(String what, Ed25519PublicKey key, byte[] message, byte[] signature,
            boolean genuine) {
        String context = what + " msg=" + hex(message) + " sig=" + hex(signature);
        Differential.same("verify " + context, () -> NATIVE.verify(key, message, signature),
                () -> JAVA.verify(key, message, signature), Set.of());
        byte[] raw = key.toBytes();
        Differential.same("verify(byte[]) " + context, () -> NATIVE.verify(raw, message, signature),
                () -> JAVA.verify(raw, message, signature), Set.of());
        if (genuine && !JAVA.verify(key, message, signature)) {
            throw new AssertionError("verify " + context + ": a genuine signature is refused");
        }
    }

    private static byte[] publicOfPair(Ed25519 ed25519, byte[] seed) {
        try (Ed25519KeyPair pair = ed25519.keyPairFromSeed(seed)) {
            return pair.publicKey().toBytes();
        }
    }

    private static void expectNpe(String what, Callable<?> call) {
        try {
            call.call();
        } catch (NullPointerException e) {
            return;
        } catch (Exception e) {
            AssertionError error = new AssertionError(what + " threw " + e + ", expected NullPointerException");
            error.addSuppressed(e);
            throw error;
        }
        throw new AssertionError(what + " returned, expected NullPointerException");
    }

    // ---- inputs ----

    /** A Ferrite decoding: the value, or the documented IllegalArgumentException; anything else fails. */
    private record Decoded<T>(T value, IllegalArgumentException refused) {
        static <T> Decoded<T> of(String what, Callable<T> call) {
            try {
                return new Decoded<>(call.call(), null);
            } catch (IllegalArgumentException e) {
                return new Decoded<>(null, e);
            } catch (Exception e) {
                AssertionError error = new AssertionError(what + " threw an undocumented " + e);
                error.addSuppressed(e);
                throw error;
            }
        }
    }

    /**
     * The signature part of an input: mode 0 a real signature by the origin seed, 1 the same with one byte changed,
     * 2 (or no origin seed) 64 fuzzed bytes; then the message (the rest, at most {@value #MAX_MESSAGE} bytes).
     */
    private record Sig(int mode, int at, int xor, byte[] arbitrary, byte[] message) {
        static Sig read(Input in, byte[] origin) {
            int mode = in.choice(3);
            int at = 0;
            int xor = 0;
            byte[] arbitrary = null;
            if (origin == null || mode == 2) {
                arbitrary = in.bytes(64);
            } else if (mode == 1) {
                at = in.unsigned() % 64;
                xor = Math.max(1, in.unsigned());
            }
            byte[] rest = in.rest();
            return new Sig(mode, at, xor, arbitrary, Arrays.copyOf(rest, Math.min(rest.length, MAX_MESSAGE)));
        }

        boolean genuine() {
            return arbitrary == null && mode == 0;
        }

        byte[] signature(byte[] origin) {
            if (arbitrary != null) {
                return arbitrary;
            }
            byte[] signature = Jdk.sign(origin, message);
            signature[at] ^= (byte) xor;
            return signature;
        }
    }

    /** 32 bytes for a public key: arbitrary, or y = k, y = p - 1 - k, or y = p + (k mod 19), with a fuzzed sign. */
    private static byte[] point(Input in) {
        int family = in.choice(4);
        if (family == 0) {
            return in.bytes(32);
        }
        BigInteger k = BigInteger.valueOf(in.unsigned());
        BigInteger y = switch (family) {
            case 1 -> k;
            case 2 -> P.subtract(BigInteger.ONE).subtract(k);
            default -> P.add(k.mod(BigInteger.valueOf(19)));
        };
        byte[] be = y.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < Math.min(32, be.length); i++) {
            out[i] = be[be.length - 1 - i];
        }
        if ((in.unsigned() & 1) != 0) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    /** 0–4 edits, each op, position, value: flip (xor), insert, delete, truncate, set. */
    private static byte[] mutate(Input in, byte[] encoding) {
        byte[] b = encoding.clone();
        int edits = in.choice(5);
        for (int i = 0; i < edits; i++) {
            int op = in.choice(5);
            int at = in.unsigned();
            int value = in.unsigned();
            switch (op) {
                case 0 -> {
                    if (b.length > 0) {
                        b[at % b.length] ^= (byte) Math.max(1, value);
                    }
                }
                case 1 -> {
                    int where = at % (b.length + 1);
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, where);
                    longer[where] = (byte) value;
                    System.arraycopy(b, where, longer, where + 1, b.length - where);
                    b = longer;
                }
                case 2 -> {
                    if (b.length > 0) {
                        int where = at % b.length;
                        byte[] shorter = new byte[b.length - 1];
                        System.arraycopy(b, 0, shorter, 0, where);
                        System.arraycopy(b, where + 1, shorter, where, b.length - where - 1);
                        b = shorter;
                    }
                }
                case 3 -> b = Arrays.copyOf(b, at % (b.length + 1));
                default -> {
                    if (b.length > 0) {
                        b[at % b.length] = (byte) value;
                    }
                }
            }
        }
        return b;
    }

    /**
     * The fuzzer's bytes, read front to back: {@code choice(n)} and {@code unsigned()} take one byte,
     * {@code bytes(n)} n bytes (zeros once the input is used up), {@code rest()} what is left.
     */
    private static final class Input {
        private final byte[] data;
        private int at;

        Input(byte[] data) {
            this.data = data;
        }

        int unsigned() {
            return at < data.length ? data[at++] & 0xff : 0;
        }

        int choice(int n) {
            return unsigned() % n;
        }

        byte[] bytes(int n) {
            int available = Math.min(n, data.length - at);
            byte[] out = Arrays.copyOf(Arrays.copyOfRange(data, at, at + available), n);
            at += available;
            return out;
        }

        byte[] rest() {
            byte[] out = Arrays.copyOfRange(data, at, data.length);
            at = data.length;
            return out;
        }
    }

    private static byte[] der(ASN1Encodable value) {
        try {
            return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String hex(byte[] b) {
        return AesGcmFuzz.hex(b);
    }

    // ---- the reference: the JDK's Ed25519 and X25519 ----

    /** The JDK (SunEC) as the independent decoder and signer. */
    private static final class Jdk {
        /** The result of a JDK decoding: the key bytes, or why the JDK refused. */
        record Result(byte[] key, Exception refusal) {
            boolean accepted() {
                return key != null;
            }
        }

        private static final FixedRandom RANDOM = new FixedRandom();
        private static final PrivateKey X25519_SCALAR;

        static {
            byte[] scalar = new byte[32];
            Arrays.fill(scalar, (byte) 0x5a);
            try {
                X25519_SCALAR = KeyFactory.getInstance("X25519")
                        .generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, scalar));
            } catch (GeneralSecurityException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** The JDK's key pair of a seed: its KeyPairGenerator with a SecureRandom that returns the seed. */
        static KeyPair keyPair(byte[] seed) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
                RANDOM.next = seed;
                generator.initialize(NamedParameterSpec.ED25519, RANDOM);
                return generator.generateKeyPair();
            } catch (GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }

        static byte[] publicOfSeed(byte[] seed) {
            return encode(((EdECPublicKey) keyPair(seed).getPublic()).getPoint());
        }

        /** The 32 public key bytes the JDK reads from an X.509 SubjectPublicKeyInfo. */
        static Result publicKey(byte[] spki) {
            try {
                EdECPublicKey key = (EdECPublicKey) KeyFactory.getInstance("Ed25519")
                        .generatePublic(new X509EncodedKeySpec(spki));
                return new Result(encode(key.getPoint()), null);
            } catch (GeneralSecurityException | RuntimeException e) {
                return new Result(null, e);
            }
        }

        /** The seed the JDK reads from a PKCS#8 encoding. */
        static Result privateSeed(byte[] pkcs8) {
            try {
                EdECPrivateKey key = (EdECPrivateKey) KeyFactory.getInstance("Ed25519")
                        .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                return new Result(key.getBytes().orElseThrow(), null);
            } catch (GeneralSecurityException | RuntimeException e) {
                return new Result(null, e);
            }
        }

        /** The seed of a JDK private key built from raw seed bytes. */
        static Result privateFromSeed(byte[] seed) {
            try {
                return new Result(privateKey(seed).getBytes().orElseThrow(), null);
            } catch (GeneralSecurityException | RuntimeException e) {
                return new Result(null, e);
            }
        }

        private static EdECPrivateKey privateKey(byte[] seed) throws GeneralSecurityException {
            return (EdECPrivateKey) KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        }

        static byte[] sign(byte[] seed, byte[] message) {
            try {
                Signature signer = Signature.getInstance("Ed25519");
                signer.initSign(privateKey(seed));
                signer.update(message);
                return signer.sign();
            } catch (GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }

        /** Whether the JDK's Ed25519 point decoder (run by initVerify) takes (sign of x, y), y < p. */
        static boolean decodesPoint(boolean xOdd, BigInteger y) {
            try {
                EdECPublicKey key = (EdECPublicKey) KeyFactory.getInstance("Ed25519")
                        .generatePublic(new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, y)));
                Signature.getInstance("Ed25519").initVerify(key);
                return true;
            } catch (InvalidKeyException e) {
                return false;
            } catch (GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }

        /**
         * Whether the curve point with this y (0 &le; y &lt; p, on the curve) has order 1, 2, 4 or 8: y = 1 is the
         * identity; otherwise its Montgomery u = (1 + y) / (1 - y) (RFC 7748 §4.1) times a clamped X25519 scalar (a
         * multiple of 8) is zero exactly for those points, and the JDK's XDH refuses a zero result.
         */
        static boolean smallOrder(BigInteger y) {
            if (y.equals(BigInteger.ONE)) {
                return true;
            }
            BigInteger u = BigInteger.ONE.add(y).multiply(BigInteger.ONE.subtract(y).modInverse(P)).mod(P);
            try {
                KeyAgreement agreement = KeyAgreement.getInstance("X25519");
                agreement.init(X25519_SCALAR);
                agreement.doPhase(KeyFactory.getInstance("X25519")
                        .generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519, u)), true);
                return false;
            } catch (InvalidKeyException e) {
                if (e.getMessage() != null && e.getMessage().contains("small order")) {
                    return true;
                }
                throw new AssertionError("X25519 refused u=" + u + " for another reason", e);
            } catch (GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        }

        /** RFC 8032 §5.1.2 encoding of the JDK's point: y little-endian, the sign of x in the top bit. */
        private static byte[] encode(EdECPoint point) {
            byte[] be = point.getY().toByteArray();
            byte[] out = new byte[32];
            for (int i = 0; i < Math.min(32, be.length); i++) {
                out[i] = be[be.length - 1 - i];
            }
            if (point.isXOdd()) {
                out[31] |= (byte) 0x80;
            }
            return out;
        }

        /** A SecureRandom that returns a set seed: how the JDK's KeyPairGenerator is made to use a given seed. */
        private static final class FixedRandom extends SecureRandom {
            private static final long serialVersionUID = 1L;
            private transient byte[] next;

            @Override
            public void nextBytes(byte[] bytes) {
                if (next == null || bytes.length != next.length) {
                    throw new AssertionError("the KeyPairGenerator asked for " + bytes.length + " random bytes");
                }
                System.arraycopy(next, 0, bytes, 0, bytes.length);
                next = null;
            }
        }
    }
}
