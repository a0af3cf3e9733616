package dev.ferrite.x25519;

import java.util.Objects;

/**
 * A private key and its public key. Closing the pair closes the private key (see {@link X25519PrivateKey#close()}).
 * {@link #toString()} shows the public key only. Thread-safe.
 *
 * @param privateKey the private key
 * @param publicKey its public key
 */
public record X25519KeyPair(X25519PrivateKey privateKey, X25519PublicKey publicKey) implements AutoCloseable {
    /**
     * Checks that the keys belong together.
     *
     * @param privateKey the private key
     * @param publicKey its public key
     * @throws NullPointerException if either is null
     * @throws IllegalArgumentException if {@code publicKey} is not {@code privateKey}'s public key
     */
    public X25519KeyPair {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(publicKey, "publicKey");
        if (!privateKey.publicKey().equals(publicKey)) {
            throw new IllegalArgumentException("the public key does not belong to the private key");
        }
    }

    /**
     * The key pair of a private key.
     *
     * @param privateKey the private key
     * @return the pair
     */
    public static X25519KeyPair of(X25519PrivateKey privateKey) {
        return new X25519KeyPair(privateKey, privateKey.publicKey());
    }

    /** Closes the private key. */
    @Override
    public void close() {
        privateKey.close();
    }
}
