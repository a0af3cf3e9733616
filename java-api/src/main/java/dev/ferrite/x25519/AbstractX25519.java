package dev.ferrite.x25519;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * What both backends share: argument checks, key generation, and the refusal of an all-zero shared secret (RFC 7748
 * §6.1), decided here, in one place, in constant time. Subclasses compute the two X25519 functions.
 */
abstract class AbstractX25519 implements X25519 {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Writes {@code X25519(privateKey, 9)} to {@code publicKeyOut}. */
    abstract void publicKey(byte[] privateKey, byte[] publicKeyOut);

    /** Writes {@code X25519(privateKey, peerPublicKey)} to {@code sharedOut}; all zeros for a low-order point. */
    abstract void agreeRaw(byte[] privateKey, byte[] peerPublicKey, byte[] sharedOut);

    @Override
    public X25519KeyPair generateKeyPair() {
        byte[] secret = new byte[KEY_LENGTH];
        RANDOM.nextBytes(secret);
        return keyPairOf(secret);
    }

    @Override
    public X25519KeyPair keyPairFromPrivateKey(byte[] privateKey) {
        X25519PrivateKey.checkLength(privateKey);
        return keyPairOf(privateKey.clone());
    }

    private X25519KeyPair keyPairOf(byte[] secret) {
        byte[] publicKey = new byte[KEY_LENGTH];
        try {
            publicKey(secret, publicKey);
        } catch (RuntimeException | Error e) {
            Arrays.fill(secret, (byte) 0);
            throw e;
        }
        return X25519KeyPair.of(new X25519PrivateKey(secret, X25519PublicKey.derived(publicKey)));
    }

    @Override
    public byte[] agree(X25519PrivateKey privateKey, X25519PublicKey peerPublicKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(peerPublicKey, "peerPublicKey");
        byte[] shared = new byte[KEY_LENGTH];
        try {
            privateKey.use(secret -> {
                agreeRaw(secret, peerPublicKey.bytes(), shared);
                return null;
            });
        } catch (RuntimeException | Error e) {
            Arrays.fill(shared, (byte) 0);
            throw e;
        }
        int any = 0;
        for (byte b : shared) {
            any |= b;
        }
        if (any == 0) {
            Arrays.fill(shared, (byte) 0);
            throw new IllegalArgumentException("X25519: the peer's public key is a low-order point, so the shared "
                    + "secret would be all zeros (refused, as RFC 7748 section 6.1 recommends)");
        }
        return shared;
    }

    @Override
    public String toString() {
        return "X25519[" + backend() + "]";
    }
}
