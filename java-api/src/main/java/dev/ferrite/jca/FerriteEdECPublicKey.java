package dev.ferrite.jca;

import dev.ferrite.ed25519.Ed25519PublicKey;
import java.io.ObjectStreamException;
import java.security.KeyRep;
import java.security.PublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An Ed25519 public key as the JCA sees it ({@link EdECPublicKey}), made by Ferrite's KeyFactory and
 * KeyPairGenerator. Like the JDK's key it holds any 32 bytes (the point is checked when a Signature is initialised
 * with it, through {@link Ed25519PublicKey}). Algorithm {@code "EdDSA"}, format {@code "X.509"}, parameters
 * {@link NamedParameterSpec#ED25519}, as SunEC's keys. Immutable and thread-safe. Equal to any key with the same
 * X.509 encoding (the JDK's rule). Serialized as a {@link KeyRep}, as the JDK's keys are.
 */
final class FerriteEdECPublicKey implements EdECPublicKey {
    private static final long serialVersionUID = 1L;

    private final byte[] raw;
    private final transient EdECPoint point;
    /** Ferrite's key, once built (valid keys only); benign race. */
    private transient volatile Ed25519PublicKey ferrite;

    FerriteEdECPublicKey(byte[] raw) {
        this.raw = raw.clone();
        this.point = Ed25519Keys.toPoint(this.raw);
    }

    FerriteEdECPublicKey(Ed25519PublicKey key) {
        this(key.toBytes());
        this.ferrite = key;
    }

    /**
     * Ferrite's key for these bytes.
     *
     * @throws IllegalArgumentException if they are not an acceptable Ed25519 public key (see
     *     {@link Ed25519PublicKey#fromBytes})
     */
    Ed25519PublicKey ferriteKey() {
        Ed25519PublicKey key = ferrite;
        if (key == null) {
            key = Ed25519PublicKey.fromBytes(raw);
            ferrite = key;
        }
        return key;
    }

    /** The 32 bytes, not a copy: callers never modify them. */
    byte[] rawBytes() {
        return raw;
    }

    @Override
    public EdECPoint getPoint() {
        return point;
    }

    @Override
    public NamedParameterSpec getParams() {
        return NamedParameterSpec.ED25519;
    }

    @Override
    public String getAlgorithm() {
        return "EdDSA";
    }

    @Override
    public String getFormat() {
        return "X.509";
    }

    @Override
    public byte[] getEncoded() {
        return Ed25519Keys.toSpki(raw);
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (other instanceof FerriteEdECPublicKey) {
            return Arrays.equals(raw, ((FerriteEdECPublicKey) other).raw);
        }
        if (!(other instanceof PublicKey)) {
            return false;
        }
        PublicKey key = (PublicKey) other;
        return "X.509".equalsIgnoreCase(key.getFormat()) && Arrays.equals(getEncoded(), key.getEncoded());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(getEncoded());
    }

    /** The key (public) in hex, as the JDK's keys show theirs. */
    @Override
    public String toString() {
        return "Ferrite EdDSA public key, Ed25519 (" + HexFormat.of().formatHex(raw) + ")";
    }

    private Object writeReplace() throws ObjectStreamException {
        return new KeyRep(KeyRep.Type.PUBLIC, getAlgorithm(), getFormat(), getEncoded());
    }
}
