package dev.ferrite.jca;

import dev.ferrite.ed25519.Ed25519PrivateKey;
import java.io.ObjectStreamException;
import java.security.KeyRep;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Optional;

/**
 * An Ed25519 private key as the JCA sees it ({@link EdECPrivateKey}), made by Ferrite's KeyFactory and
 * KeyPairGenerator. It wraps Ferrite's {@link Ed25519PrivateKey}, so Ferrite's Signature signs with it without any
 * conversion; {@link #getBytes()} and {@link #getEncoded()} return copies of the seed (wipe them). Algorithm
 * {@code "EdDSA"}, format {@code "PKCS#8"} (v1, as the JDK writes it), parameters {@link NamedParameterSpec#ED25519}.
 *
 * <p>{@link #destroy()} wipes the seed (and frees its native memory); afterwards the key can't be used and its
 * accessors throw {@link IllegalStateException}. {@link #toString()} never shows the key. {@link #hashCode()} is a
 * constant, so no hash of the secret escapes; {@link #equals} compares PKCS#8 encodings in constant time.
 * Thread-safe.
 */
final class FerriteEdECPrivateKey implements EdECPrivateKey {
    private static final long serialVersionUID = 1L;

    private final transient Ed25519PrivateKey key;

    /** Takes ownership of {@code key}: destroying this key closes it. */
    FerriteEdECPrivateKey(Ed25519PrivateKey key) {
        this.key = key;
    }

    /** Ferrite's key (owned by this object; don't close it). */
    Ed25519PrivateKey ferriteKey() {
        return key;
    }

    @Override
    public Optional<byte[]> getBytes() {
        return Optional.of(seed());
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
        return "PKCS#8";
    }

    @Override
    public byte[] getEncoded() {
        byte[] seed = seed();
        try {
            return Ed25519Keys.toPkcs8(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    private byte[] seed() {
        if (key.isDestroyed()) {
            throw new IllegalStateException("the Ed25519 private key has been destroyed");
        }
        return key.exportSecretSeed();
    }

    @Override
    public void destroy() {
        key.close();
    }

    @Override
    public boolean isDestroyed() {
        return key.isDestroyed();
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (!(other instanceof PrivateKey) || isDestroyed()) {
            return false;
        }
        PrivateKey that = (PrivateKey) other;
        if (!"PKCS#8".equalsIgnoreCase(that.getFormat()) || that.isDestroyed()) {
            return false;
        }
        byte[] mine = getEncoded();
        byte[] theirs = that.getEncoded();
        try {
            return theirs != null && MessageDigest.isEqual(mine, theirs);
        } finally {
            Arrays.fill(mine, (byte) 0);
            if (theirs != null) {
                Arrays.fill(theirs, (byte) 0);
            }
        }
    }

    /** A constant: a hash of the secret would leak part of it. */
    @Override
    public int hashCode() {
        return 0x45643235; // "Ed25"
    }

    /** The algorithm and state, never the key. */
    @Override
    public String toString() {
        return "Ferrite EdDSA private key, Ed25519" + (isDestroyed() ? " (destroyed)" : "");
    }

    private Object writeReplace() throws ObjectStreamException {
        byte[] encoded = getEncoded();
        return new KeyRep(KeyRep.Type.PRIVATE, getAlgorithm(), getFormat(), encoded);
    }
}
