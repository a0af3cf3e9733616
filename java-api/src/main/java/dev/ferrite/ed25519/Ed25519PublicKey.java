package dev.ferrite.ed25519;

import dev.ferrite.internal.JdkProviders;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc8032.Ed25519.PublicPoint;

/**
 * An Ed25519 public key: 32 bytes (RFC 8032 §5.1.2) that are known to satisfy {@link Ed25519}'s rule for keys (a
 * canonical encoding of a curve point that is not of small order). Checked when built, so a key that exists is usable
 * with both backends.
 *
 * <p>Converts to and from the RFC 8410 X.509 encoding and {@code java.security} keys ({@link EdECPublicKey} from the
 * JDK, Bouncy Castle's keys, anything whose {@code getEncoded()} is X.509), so keys made by the JDK, Bouncy Castle or
 * OpenSSL work unchanged.
 *
 * <p>Immutable and thread-safe. Equal when the encodings are equal. {@link #toString()} shows a short fingerprint,
 * not the key.
 */
public final class Ed25519PublicKey {
    private final byte[] encoded;
    /** The decoded point, for the Java backend's verifier; computed on first use when not known at construction. */
    private volatile PublicPoint point;

    private Ed25519PublicKey(byte[] encoded, PublicPoint point) {
        this.encoded = encoded;
        this.point = point;
    }

    /**
     * The key with this 32-byte encoding.
     *
     * @param encoded the encoding (copied)
     * @return the key
     * @throws NullPointerException if {@code encoded} is null
     * @throws IllegalArgumentException if it is not 32 bytes, not a canonical encoding of a curve point, or a point of
     *     small order (the message says which)
     */
    public static Ed25519PublicKey fromBytes(byte[] encoded) {
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.length != Ed25519.PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, got " + encoded.length);
        }
        Ed25519PublicKey key = tryFromBytes(encoded);
        if (key == null) {
            throw new IllegalArgumentException(Encodings.isCanonicalAndNotSmallOrder(encoded, 0)
                    ? "not an Ed25519 public key: the bytes do not encode a point on the curve"
                    : "not an acceptable Ed25519 public key: a non-canonical encoding or a point of small order");
        }
        return key;
    }

    /** The key, or null when the 32 bytes break the rule for keys. */
    static Ed25519PublicKey tryFromBytes(byte[] encoded) {
        if (!Encodings.isCanonicalAndNotSmallOrder(encoded, 0)) {
            return null;
        }
        // Bouncy Castle's partial validation: canonical, on the curve, not of small order.
        PublicPoint point = org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyPartialExport(encoded, 0);
        return point == null ? null : new Ed25519PublicKey(encoded.clone(), point);
    }

    /** A key just derived from a seed by one of the backends: valid by construction, decoded lazily. */
    static Ed25519PublicKey derived(byte[] encoded) {
        return new Ed25519PublicKey(encoded, null);
    }

    /**
     * The key in an X.509 SubjectPublicKeyInfo encoding (RFC 8410 §4), as {@code PublicKey.getEncoded()} returns it
     * and as PEM "PUBLIC KEY" files hold it (after Base64 decoding).
     *
     * @param spki the 44-byte encoding
     * @return the key
     * @throws NullPointerException if {@code spki} is null
     * @throws IllegalArgumentException if it is not an Ed25519 SubjectPublicKeyInfo or the key is not acceptable
     */
    public static Ed25519PublicKey fromX509(byte[] spki) {
        Objects.requireNonNull(spki, "spki");
        return fromBytes(Encodings.fromSpki(spki));
    }

    /**
     * The key of a {@code java.security} Ed25519 public key: the JDK's {@link EdECPublicKey}, Bouncy Castle's, or
     * any key whose format is X.509.
     *
     * @param key the key
     * @return the key
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if it is not an Ed25519 key (Ed448, another algorithm, no X.509 encoding) or
     *     is not acceptable
     */
    public static Ed25519PublicKey fromJca(PublicKey key) {
        Objects.requireNonNull(key, "key");
        if (key instanceof EdECPublicKey edec && !isEd25519(edec.getParams())) {
            throw new IllegalArgumentException("not an Ed25519 key: " + edec.getParams().getName());
        }
        String format = key.getFormat();
        byte[] encoded = key.getEncoded();
        if (format == null || !format.toUpperCase(Locale.ROOT).equals("X.509") || encoded == null) {
            throw new IllegalArgumentException("a " + key.getAlgorithm() + " key in format " + format
                    + " can't be read: expected an Ed25519 key with an X.509 encoding");
        }
        return fromX509(encoded);
    }

    static boolean isEd25519(NamedParameterSpec params) {
        return params != null && params.getName().equalsIgnoreCase(NamedParameterSpec.ED25519.getName());
    }

    /**
     * The 32-byte encoding.
     *
     * @return a new array
     */
    public byte[] toBytes() {
        return encoded.clone();
    }

    /**
     * The X.509 SubjectPublicKeyInfo encoding (RFC 8410 §4).
     *
     * @return a new 44-byte array
     */
    public byte[] toX509() {
        return Encodings.toSpki(encoded);
    }

    /**
     * The key as a JDK {@link EdECPublicKey} (provider SunEC), for use with {@code java.security} APIs.
     *
     * @return the key
     * @throws IllegalStateException if the JDK has no Ed25519 {@link KeyFactory} (JDK 15 and later have one)
     */
    public EdECPublicKey toJca() {
        try {
            return (EdECPublicKey) KeyFactory.getInstance("Ed25519", JdkProviders.of("KeyFactory", "Ed25519", "SunEC"))
                    .generatePublic(new X509EncodedKeySpec(toX509()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot build an Ed25519 public key", e);
        }
    }

    /** The encoding itself, not a copy: for the backends, which never modify it. */
    byte[] bytes() {
        return encoded;
    }

    /** The decoded point, for Bouncy Castle's verifier. */
    PublicPoint point() {
        PublicPoint p = point;
        if (p == null) {
            p = org.bouncycastle.math.ec.rfc8032.Ed25519.validatePublicKeyPartialExport(encoded, 0);
            if (p == null) {
                throw new IllegalStateException("a derived Ed25519 public key failed validation");
            }
            point = p;
        }
        return p;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519PublicKey key && Arrays.equals(encoded, key.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    /**
     * A short fingerprint (the first 8 bytes of the key's SHA-256, in hex), not the key.
     *
     * @return {@code Ed25519PublicKey[sha256:…]}
     */
    @Override
    public String toString() {
        return "Ed25519PublicKey[" + fingerprint(encoded) + "]";
    }

    static String fingerprint(byte[] publicKey) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256",
                    JdkProviders.of("MessageDigest", "SHA-256", "SUN")).digest(publicKey);
            return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            return "?";
        }
    }
}
