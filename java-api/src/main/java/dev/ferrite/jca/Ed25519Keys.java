package dev.ferrite.jca;

import dev.ferrite.ed25519.Ed25519PrivateKey;
import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Encodings of Ed25519 keys for the JCA services: the 32-byte point encoding (RFC 8032 §5.1.2) to and from
 * {@link EdECPoint}, and the fixed RFC 8410 X.509 and PKCS#8 v1 forms. Byte layout only; no curve arithmetic (whether
 * 32 bytes are a valid key is decided by {@link dev.ferrite.ed25519.Ed25519PublicKey}). Stateless and thread-safe.
 */
final class Ed25519Keys {
    /** Key and seed length. */
    static final int LENGTH = 32;
    /** X.509 SubjectPublicKeyInfo of an Ed25519 key (RFC 8410 §4) up to the 32 key bytes. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** PKCS#8 v1 (RFC 8410 §7) up to the 32 seed bytes, as the JDK and OpenSSL write it. */
    private static final byte[] PKCS8_V1_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    /** 2^255: y must be below it to fit the 255 bits of the encoding. */
    private static final BigInteger TWO_255 = BigInteger.ONE.shiftLeft(255);

    private Ed25519Keys() {}

    /**
     * The point of a 32-byte encoding (RFC 8032 §5.1.3 steps 1 and the sign bit): {@code y} is the little-endian
     * integer with bit 255 cleared, {@code xOdd} is bit 255. Any 32 bytes give a point object; whether it is on the
     * curve is not checked (as with the JDK's keys).
     */
    static EdECPoint toPoint(byte[] encoded) {
        checkLength(encoded.length);
        boolean xOdd = (encoded[LENGTH - 1] & 0x80) != 0;
        byte[] bigEndian = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            bigEndian[i] = encoded[LENGTH - 1 - i];
        }
        bigEndian[0] &= 0x7f;
        return new EdECPoint(xOdd, new BigInteger(1, bigEndian));
    }

    /**
     * The 32-byte encoding of a point (RFC 8032 §5.1.2): {@code y} little-endian, {@code xOdd} in bit 255.
     *
     * @throws IllegalArgumentException if {@code y} is negative or does not fit 255 bits
     */
    static byte[] fromPoint(EdECPoint point) {
        BigInteger y = point.getY();
        if (y.signum() < 0 || y.compareTo(TWO_255) >= 0) {
            throw new IllegalArgumentException("an Ed25519 point's y must be in [0, 2^255), got a "
                    + (y.signum() < 0 ? "negative value" : y.bitLength() + "-bit value"));
        }
        byte[] bigEndian = y.toByteArray(); // at most 32 bytes: y < 2^255 needs no sign byte beyond them
        byte[] out = new byte[LENGTH];
        for (int i = 0; i < bigEndian.length && i < LENGTH; i++) {
            out[i] = bigEndian[bigEndian.length - 1 - i];
        }
        if (point.isXOdd()) {
            out[LENGTH - 1] |= (byte) 0x80;
        }
        return out;
    }

    /** The X.509 SubjectPublicKeyInfo of a 32-byte key. */
    static byte[] toSpki(byte[] publicKey) {
        checkLength(publicKey.length);
        byte[] out = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + LENGTH);
        System.arraycopy(publicKey, 0, out, SPKI_PREFIX.length, LENGTH);
        return out;
    }

    /**
     * The 32 key bytes of an RFC 8410 Ed25519 SubjectPublicKeyInfo.
     *
     * @throws IllegalArgumentException if {@code spki} is not exactly that form
     */
    static byte[] fromSpki(byte[] spki) {
        if (spki == null || spki.length != SPKI_PREFIX.length + LENGTH
                || !Arrays.equals(spki, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("expected an X.509 SubjectPublicKeyInfo of an Ed25519 key (RFC 8410:"
                    + " 44 bytes starting 302a300506032b6570032100), got "
                    + (spki == null ? "no encoding" : spki.length + " bytes" + (spki.length >= SPKI_PREFIX.length
                            ? " starting " + HexFormat.of().formatHex(spki, 0, SPKI_PREFIX.length) : "")));
        }
        return Arrays.copyOfRange(spki, SPKI_PREFIX.length, spki.length);
    }

    /** PKCS#8 v1 of a seed; the caller wipes it. */
    static byte[] toPkcs8(byte[] seed) {
        checkLength(seed.length);
        byte[] out = Arrays.copyOf(PKCS8_V1_PREFIX, PKCS8_V1_PREFIX.length + LENGTH);
        System.arraycopy(seed, 0, out, PKCS8_V1_PREFIX.length, LENGTH);
        return out;
    }

    /** Whether {@code params} names Ed25519. */
    static boolean isEd25519(NamedParameterSpec params) {
        return params != null && NamedParameterSpec.ED25519.getName().equalsIgnoreCase(params.getName());
    }

    /** Refuses an {@link EdECKey} for another curve (Ed448), naming it. */
    static void requireEd25519(Key key) throws InvalidKeyException {
        if (key instanceof EdECKey) {
            NamedParameterSpec params = ((EdECKey) key).getParams();
            if (!isEd25519(params)) {
                throw new InvalidKeyException("Parameters must be Ed25519: Ferrite supports only Ed25519, got a "
                        + (params == null ? "key without parameters" : params.getName() + " key"));
            }
        }
    }

    /**
     * The 32-byte encoded public key of any Ed25519 public key: Ferrite's, an {@link EdECPublicKey} (from its
     * encoding or its point), or any key with an X.509 encoding (Bouncy Castle's).
     */
    static byte[] publicBytes(PublicKey key) throws InvalidKeyException {
        if (key instanceof FerriteEdECPublicKey) {
            return ((FerriteEdECPublicKey) key).rawBytes();
        }
        requireEd25519(key);
        String format = key.getFormat();
        if ("X.509".equalsIgnoreCase(format)) {
            byte[] encoded = key.getEncoded();
            if (encoded != null) {
                try {
                    return fromSpki(encoded);
                } catch (IllegalArgumentException e) {
                    throw new InvalidKeyException("not an Ed25519 public key: " + e.getMessage(), e);
                }
            }
        }
        if (key instanceof EdECPublicKey) {
            try {
                return fromPoint(((EdECPublicKey) key).getPoint());
            } catch (IllegalArgumentException e) {
                throw new InvalidKeyException(e.getMessage(), e);
            }
        }
        throw new InvalidKeyException("expected an Ed25519 public key (an EdECPublicKey or a key with an X.509"
                + " encoding), got a " + describe(key));
    }

    /**
     * The secret material of any Ed25519 private key, to compare with a cached one: the seed of an
     * {@link EdECPrivateKey}, else the PKCS#8 encoding. The caller wipes it.
     */
    static byte[] privateMaterial(PrivateKey key) throws InvalidKeyException {
        requireEd25519(key);
        if (key instanceof EdECPrivateKey) {
            Optional<byte[]> bytes = ((EdECPrivateKey) key).getBytes();
            if (bytes.isPresent()) {
                return bytes.get();
            }
        }
        if ("PKCS#8".equalsIgnoreCase(key.getFormat())) {
            byte[] encoded = key.getEncoded();
            if (encoded != null) {
                return encoded;
            }
        }
        throw new InvalidKeyException("expected an Ed25519 private key (an EdECPrivateKey with its bytes, or a key"
                + " with a PKCS#8 encoding), got a " + describe(key));
    }

    /** Ferrite's private key of material from {@link #privateMaterial}. */
    static Ed25519PrivateKey privateKeyOf(byte[] material) throws InvalidKeyException {
        try {
            return material.length == LENGTH ? Ed25519PrivateKey.fromSeed(material)
                    : Ed25519PrivateKey.fromPkcs8(material);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException(e.getMessage(), e);
        }
    }

    /** A description of a key for error messages, never its material. */
    static String describe(Key key) {
        return key.getAlgorithm() + " key in format " + key.getFormat() + " (" + key.getClass().getName() + ")";
    }

    private static void checkLength(int length) {
        if (length != LENGTH) {
            throw new IllegalArgumentException("an Ed25519 key is 32 bytes, got " + length);
        }
    }
}
