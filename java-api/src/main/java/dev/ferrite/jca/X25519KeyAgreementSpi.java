package dev.ferrite.jca;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.x25519.X25519;
import dev.ferrite.x25519.X25519KeyPair;
import dev.ferrite.x25519.X25519PrivateKey;
import dev.ferrite.x25519.X25519PublicKey;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.XECPrivateKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import javax.crypto.KeyAgreementSpi;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code KeyAgreement.X25519} and {@code KeyAgreement.XDH} (X25519 keys only) on {@link X25519}, with the JDK's
 * {@code XDH} state rules: {@code init} with an X25519 private key (the JDK's {@code XECPrivateKey}, Bouncy
 * Castle's, or any PKCS#8 X25519 key), one {@code doPhase} with the peer's public key and {@code lastPhase} true,
 * then {@code generateSecret}, after which the agreement is ready for another {@code doPhase} with the same private
 * key. A low-order peer key (an all-zero secret) is an {@link InvalidKeyException} from {@code doPhase}, as the JDK's.
 * The converted private key of the last {@code init} is kept (closed and wiped when another key replaces it; the
 * public key computed for it is the one extra cost of a new key over Ferrite's own API) and the secret is wiped once
 * handed out. Not thread-safe (as every JCA KeyAgreement).
 */
final class X25519KeyAgreementSpi extends KeyAgreementSpi {
    private final X25519 x25519;
    private Key lastKey;
    private X25519PrivateKey privateKey;
    private byte[] secret;

    X25519KeyAgreementSpi(Backend backend) {
        this.x25519 = Crypto.x25519(backend);
    }

    @Override
    protected void engineInit(Key key, SecureRandom random) throws InvalidKeyException {
        if (!(key instanceof PrivateKey jca)) {
            throw new InvalidKeyException("X25519 key agreement needs an X25519 private key, got "
                    + (key == null ? "null" : key.getClass().getName()));
        }
        wipeSecret();
        if (key == lastKey && privateKey != null) {
            return;
        }
        X25519PrivateKey converted;
        byte[] bytes = null;
        try {
            bytes = rawPrivateKey(jca);
            // One public-key computation, on this provider's backend (the native one when it runs natively).
            X25519KeyPair pair = x25519.keyPairFromPrivateKey(bytes);
            converted = pair.privateKey();
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException(e.getMessage(), e);
        } finally {
            if (bytes != null) {
                Arrays.fill(bytes, (byte) 0);
            }
        }
        if (privateKey != null) {
            privateKey.close();
        }
        privateKey = converted;
        lastKey = key;
    }

    /**
     * The 32 secret bytes of a JCA X25519 private key: straight from an {@link XECPrivateKey} that reveals its scalar
     * (the JDK's, Bouncy Castle's), else through {@link X25519PrivateKey#fromJca} (PKCS#8).
     */
    private static byte[] rawPrivateKey(PrivateKey key) {
        if (key instanceof XECPrivateKey xec && xec.getParams() instanceof NamedParameterSpec named
                && xec.getScalar().isPresent()) {
            if (!named.getName().equalsIgnoreCase("X25519")) {
                throw new IllegalArgumentException("not an X25519 key: " + named.getName());
            }
            byte[] scalar = xec.getScalar().get();
            if (scalar.length != X25519.KEY_LENGTH) {
                Arrays.fill(scalar, (byte) 0);
                throw new IllegalArgumentException("an X25519 private key is 32 bytes, got " + scalar.length);
            }
            return scalar;
        }
        try (X25519PrivateKey parsed = X25519PrivateKey.fromJca(key)) {
            return parsed.exportSecretBytes();
        }
    }

    @Override
    protected void engineInit(Key key, AlgorithmParameterSpec params, SecureRandom random)
            throws InvalidKeyException, InvalidAlgorithmParameterException {
        if (params instanceof NamedParameterSpec named) {
            if (!named.getName().equalsIgnoreCase("X25519")) {
                // As the JDK's: the key does not belong to the curve named.
                throw new InvalidKeyException("an X25519 key agreement with parameters " + named.getName());
            }
        } else if (params != null) {
            throw new InvalidAlgorithmParameterException("X25519 key agreement takes no parameters but "
                    + "NamedParameterSpec X25519, got " + params.getClass().getName());
        }
        engineInit(key, random);
    }

    @Override
    protected Key engineDoPhase(Key key, boolean lastPhase) throws InvalidKeyException {
        if (privateKey == null) {
            throw new IllegalStateException("X25519 key agreement not initialised");
        }
        if (!lastPhase) {
            throw new IllegalStateException("X25519 key agreement has one phase only: call doPhase with lastPhase true");
        }
        if (!(key instanceof PublicKey jca)) {
            throw new InvalidKeyException("doPhase needs the peer's X25519 public key, got "
                    + (key == null ? "null" : key.getClass().getName()));
        }
        X25519PublicKey peer;
        try {
            peer = X25519PublicKey.fromJca(jca);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException(e.getMessage(), e);
        }
        wipeSecret();
        try {
            secret = x25519.agree(privateKey, peer);
        } catch (IllegalArgumentException e) {
            throw new InvalidKeyException(e.getMessage(), e);
        }
        return null;
    }

    @Override
    protected byte[] engineGenerateSecret() {
        byte[] out = takeSecret();
        return out;
    }

    @Override
    protected int engineGenerateSecret(byte[] sharedSecret, int offset) throws ShortBufferException {
        if (secret == null) {
            throw new IllegalStateException("X25519 key agreement: doPhase has not been called");
        }
        if (sharedSecret == null || offset < 0 || sharedSecret.length - offset < secret.length) {
            throw new ShortBufferException("X25519 needs " + X25519.KEY_LENGTH + " bytes of room");
        }
        byte[] out = takeSecret();
        System.arraycopy(out, 0, sharedSecret, offset, out.length);
        Arrays.fill(out, (byte) 0);
        return X25519.KEY_LENGTH;
    }

    @Override
    protected SecretKey engineGenerateSecret(String algorithm) throws NoSuchAlgorithmException {
        if (algorithm == null) {
            throw new NoSuchAlgorithmException("the secret key algorithm must not be null");
        }
        if (!algorithm.equalsIgnoreCase("TlsPremasterSecret")) {
            throw new NoSuchAlgorithmException("X25519 key agreement makes only TlsPremasterSecret keys, as the "
                    + "JDK's; derive other keys from generateSecret() with a KDF");
        }
        byte[] out = takeSecret();
        try {
            return new SecretKeySpec(out, "TlsPremasterSecret");
        } finally {
            Arrays.fill(out, (byte) 0);
        }
    }

    /** Hands out the secret and forgets it: the next generateSecret needs another doPhase. */
    private byte[] takeSecret() {
        if (secret == null) {
            throw new IllegalStateException("X25519 key agreement: doPhase has not been called");
        }
        byte[] out = secret;
        secret = null;
        return out;
    }

    private void wipeSecret() {
        if (secret != null) {
            Arrays.fill(secret, (byte) 0);
            secret = null;
        }
    }
}
