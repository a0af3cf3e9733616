package dev.ferrite.jca;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.ed25519.Ed25519;
import dev.ferrite.ed25519.Ed25519KeyPair;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidParameterException;
import java.security.KeyPair;
import java.security.KeyPairGeneratorSpi;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;

/**
 * {@code KeyPairGenerator.Ed25519} and {@code KeyPairGenerator.EdDSA} (Ed25519 only, its default as with SunEC).
 * {@code initialize(255)} and {@code initialize(NamedParameterSpec.ED25519)} are accepted; Ed448 (448, or
 * {@link NamedParameterSpec#ED448}) is refused with {@link InvalidParameterException} or
 * {@link InvalidAlgorithmParameterException}. With a {@link SecureRandom} given to {@code initialize}, the 32-byte
 * seed is drawn from it (as SunEC does); otherwise Ferrite draws it. Keys are {@link FerriteEdECPublicKey} and
 * {@link FerriteEdECPrivateKey}. Not thread-safe (as every JCA KeyPairGenerator).
 */
final class Ed25519KeyPairGeneratorSpi extends KeyPairGeneratorSpi {
    private final Ed25519 ed25519;
    private SecureRandom random;

    Ed25519KeyPairGeneratorSpi(Backend backend) {
        this.ed25519 = Crypto.ed25519(backend);
    }

    @Override
    public void initialize(int keysize, SecureRandom random) {
        if (keysize != 255) {
            throw new InvalidParameterException("Ferrite generates only Ed25519 keys (key size 255), got key size "
                    + keysize);
        }
        this.random = random;
    }

    @Override
    public void initialize(AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidAlgorithmParameterException {
        if (!(params instanceof NamedParameterSpec)) {
            throw new InvalidAlgorithmParameterException("expected NamedParameterSpec.ED25519, got "
                    + (params == null ? "null" : params.getClass().getName()));
        }
        if (!Ed25519Keys.isEd25519((NamedParameterSpec) params)) {
            throw new InvalidAlgorithmParameterException("Ferrite generates only Ed25519 keys, got "
                    + ((NamedParameterSpec) params).getName());
        }
        this.random = random;
    }

    @Override
    public KeyPair generateKeyPair() {
        Ed25519KeyPair pair;
        if (random != null) {
            byte[] seed = new byte[Ed25519.SEED_LENGTH];
            random.nextBytes(seed);
            try {
                pair = ed25519.keyPairFromSeed(seed);
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        } else {
            pair = ed25519.generateKeyPair();
        }
        return new KeyPair(new FerriteEdECPublicKey(pair.publicKey()), new FerriteEdECPrivateKey(pair.privateKey()));
    }
}
