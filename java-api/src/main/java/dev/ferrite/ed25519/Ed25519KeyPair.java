package dev.ferrite.ed25519;

import java.util.Objects;

/**
 * A private key and its public key. Closing the pair closes the private key (see {@link Ed25519PrivateKey#close()}).
 * {@link #toString()} shows fingerprints only. Thread-safe.
 *
 * @param privateKey the private key
 * @param publicKey its public key
 */
public record Ed25519KeyPair(Ed25519PrivateKey privateKey, Ed25519PublicKey publicKey) implements AutoCloseable {
    /**
     * Checks that the keys belong together.
     *
     * @param privateKey the private key
     * @param publicKey its public key
     * @throws NullPointerException if either is null
     * @throws IllegalArgumentException if {@code publicKey} is not {@code privateKey}'s public key
     */
    public Ed25519KeyPair {
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
    public static Ed25519KeyPair of(Ed25519PrivateKey privateKey) {
        return new Ed25519KeyPair(privateKey, privateKey.publicKey());
    }

    /** Closes the private key. */
    @Override
    public void close() {
        privateKey.close();
    }
}
