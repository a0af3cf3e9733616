package dev.ferrite.x25519;

import dev.ferrite.internal.JdkProviders;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.XECPublicKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * An X25519 public key: a 32-byte u-coordinate (RFC 7748 §5), kept exactly as given. Immutable and thread-safe;
 * equal when the bytes are equal.
 */
public final class X25519PublicKey {
    /** DER prefix of the X.509 SubjectPublicKeyInfo of an X25519 key (RFC 8410 §4): OID 1.3.101.110, 32 bytes. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b656e032100");

    private final byte[] encoded;

    private X25519PublicKey(byte[] encoded) {
        this.encoded = encoded;
    }

    /**
     * The public key of 32 bytes (the u-coordinate, little-endian, as RFC 7748 §5 encodes it).
     *
     * @param encoded the 32 bytes (copied)
     * @return the key
     * @throws NullPointerException if {@code encoded} is null
     * @throws IllegalArgumentException if it is not 32 bytes
     */
    public static X25519PublicKey fromBytes(byte[] encoded) {
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.length != X25519.KEY_LENGTH) {
            throw new IllegalArgumentException("an X25519 public key is 32 bytes, got " + encoded.length);
        }
        return new X25519PublicKey(encoded.clone());
    }

    /** A key from bytes this package computed (not copied). */
    static X25519PublicKey derived(byte[] encoded) {
        return new X25519PublicKey(encoded);
    }

    /**
     * The key of an X.509 SubjectPublicKeyInfo (RFC 8410 §4), as the JDK, OpenSSL ({@code openssl pkey -pubout}, PEM
     * "PUBLIC KEY" after Base64 decoding) and Bouncy Castle write it.
     *
     * @param spki the DER encoding
     * @return the key
     * @throws NullPointerException if {@code spki} is null
     * @throws IllegalArgumentException if it is not an X25519 SubjectPublicKeyInfo
     */
    public static X25519PublicKey fromX509(byte[] spki) {
        Objects.requireNonNull(spki, "spki");
        if (spki.length != SPKI_PREFIX.length + X25519.KEY_LENGTH
                || !Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an X.509 X25519 public key (expected 44 bytes starting "
                    + HexFormat.of().formatHex(SPKI_PREFIX) + ")");
        }
        return new X25519PublicKey(Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length));
    }

    /**
     * The key of a {@code java.security} X25519 public key: the JDK's {@link XECPublicKey}, Bouncy Castle's, or any
     * key whose format is X.509.
     *
     * @param key the key
     * @return the key
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if it is not an X25519 public key
     */
    public static X25519PublicKey fromJca(PublicKey key) {
        Objects.requireNonNull(key, "key");
        byte[] x509 = "X.509".equalsIgnoreCase(key.getFormat()) ? key.getEncoded() : null;
        if (x509 != null && x509.length == SPKI_PREFIX.length + X25519.KEY_LENGTH
                && Arrays.equals(x509, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            // The encoding keeps the 32 bytes exactly (getU() of the JDK's keys has the top bit cleared).
            return fromX509(x509);
        }
        if (key instanceof XECPublicKey xec && xec.getParams() instanceof NamedParameterSpec named) {
            if (!named.getName().equalsIgnoreCase("X25519")) {
                throw new IllegalArgumentException("not an X25519 key: " + named.getName());
            }
            return new X25519PublicKey(littleEndian(xec.getU()));
        }
        String format = key.getFormat();
        byte[] encoded = key.getEncoded();
        if (format == null || !format.toUpperCase(Locale.ROOT).equals("X.509") || encoded == null) {
            throw new IllegalArgumentException("a " + key.getAlgorithm() + " key in format " + format
                    + " can't be read: expected an X25519 key with an X.509 encoding");
        }
        return fromX509(encoded);
    }

    private static byte[] littleEndian(BigInteger u) {
        if (u.signum() < 0 || u.bitLength() > 8 * X25519.KEY_LENGTH) {
            throw new IllegalArgumentException("an X25519 u-coordinate fits in 32 bytes");
        }
        byte[] bigEndian = u.toByteArray();
        byte[] out = new byte[X25519.KEY_LENGTH];
        for (int i = 0; i < out.length && i < bigEndian.length; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        return out;
    }

    /**
     * The 32 bytes.
     *
     * @return a new array
     */
    public byte[] toBytes() {
        return encoded.clone();
    }

    /**
     * The X.509 SubjectPublicKeyInfo (RFC 8410 §4), the form the JDK and OpenSSL read.
     *
     * @return a new 44-byte array
     */
    public byte[] toX509() {
        byte[] out = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + X25519.KEY_LENGTH);
        System.arraycopy(encoded, 0, out, SPKI_PREFIX.length, X25519.KEY_LENGTH);
        return out;
    }

    /**
     * The key as a JDK {@link XECPublicKey} (provider SunEC), for {@code java.security} APIs ({@code KeyAgreement
     * "XDH"}).
     *
     * @return the key
     * @throws IllegalStateException if the JDK has no XDH {@link KeyFactory}
     */
    public XECPublicKey toJca() {
        try {
            return (XECPublicKey) KeyFactory.getInstance("XDH", JdkProviders.of("KeyFactory", "XDH", "SunEC"))
                    .generatePublic(new X509EncodedKeySpec(toX509()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot build an X25519 public key", e);
        }
    }

    /** The bytes, not copied: for this package only. */
    byte[] bytes() {
        return encoded;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof X25519PublicKey that && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    /**
     * The key in hexadecimal (public keys are not secret).
     *
     * @return {@code X25519PublicKey[<64 hex digits>]}
     */
    @Override
    public String toString() {
        return "X25519PublicKey[" + HexFormat.of().formatHex(encoded) + "]";
    }
}
