package dev.ferrite.jca;

import dev.ferrite.ed25519.Ed25519PrivateKey;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyFactorySpi;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.KeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;

/**
 * {@code KeyFactory.Ed25519} and {@code KeyFactory.EdDSA} (Ed25519 only), with SunEC's rules: public keys from
 * {@link X509EncodedKeySpec} or {@link EdECPublicKeySpec}, private keys from {@link PKCS8EncodedKeySpec} (v1, and v2
 * with the public key, which must match the seed) or {@link EdECPrivateKeySpec}; {@code getKeySpec} to the same four;
 * {@code translateKey} of any Ed25519 key (SunEC's, Bouncy Castle's, any X.509/PKCS#8 encoding). Keys produced are
 * {@link EdECPublicKey}/{@link EdECPrivateKey} with algorithm {@code "EdDSA"}. As with SunEC, a public key is not
 * checked to be a curve point here (a Signature checks it). Ed448 is refused. Stateless; not meant to be shared
 * between threads (as every JCA KeyFactory), though it would be safe.
 */
final class Ed25519KeyFactorySpi extends KeyFactorySpi {
    @Override
    protected PublicKey engineGeneratePublic(KeySpec keySpec) throws InvalidKeySpecException {
        if (keySpec == null) {
            throw new InvalidKeySpecException("keySpec must not be null");
        }
        if (keySpec instanceof X509EncodedKeySpec) {
            try {
                return new FerriteEdECPublicKey(Ed25519Keys.fromSpki(((X509EncodedKeySpec) keySpec).getEncoded()));
            } catch (IllegalArgumentException e) {
                throw new InvalidKeySpecException(e.getMessage(), e);
            }
        }
        if (keySpec instanceof EdECPublicKeySpec) {
            EdECPublicKeySpec spec = (EdECPublicKeySpec) keySpec;
            requireEd25519(spec.getParams());
            try {
                return new FerriteEdECPublicKey(Ed25519Keys.fromPoint(spec.getPoint()));
            } catch (IllegalArgumentException e) {
                throw new InvalidKeySpecException(e.getMessage(), e);
            }
        }
        throw new InvalidKeySpecException("expected an X509EncodedKeySpec or EdECPublicKeySpec, got "
                + keySpec.getClass().getName());
    }

    @Override
    protected PrivateKey engineGeneratePrivate(KeySpec keySpec) throws InvalidKeySpecException {
        if (keySpec == null) {
            throw new InvalidKeySpecException("keySpec must not be null");
        }
        if (keySpec instanceof PKCS8EncodedKeySpec) {
            byte[] encoded = ((PKCS8EncodedKeySpec) keySpec).getEncoded();
            try {
                return new FerriteEdECPrivateKey(Ed25519PrivateKey.fromPkcs8(encoded));
            } catch (IllegalArgumentException e) {
                throw new InvalidKeySpecException(e.getMessage(), e);
            } finally {
                Arrays.fill(encoded, (byte) 0);
            }
        }
        if (keySpec instanceof EdECPrivateKeySpec) {
            EdECPrivateKeySpec spec = (EdECPrivateKeySpec) keySpec;
            requireEd25519(spec.getParams());
            byte[] seed = spec.getBytes();
            try {
                return new FerriteEdECPrivateKey(Ed25519PrivateKey.fromSeed(seed));
            } catch (IllegalArgumentException e) {
                throw new InvalidKeySpecException(e.getMessage(), e);
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        }
        throw new InvalidKeySpecException("expected a PKCS8EncodedKeySpec or EdECPrivateKeySpec, got "
                + keySpec.getClass().getName());
    }

    private static void requireEd25519(NamedParameterSpec params) throws InvalidKeySpecException {
        if (!Ed25519Keys.isEd25519(params)) {
            throw new InvalidKeySpecException("Parameters must be Ed25519: Ferrite supports only Ed25519, got "
                    + (params == null ? "none" : params.getName()));
        }
    }

    @Override
    protected <T extends KeySpec> T engineGetKeySpec(Key key, Class<T> keySpec) throws InvalidKeySpecException {
        if (key == null || keySpec == null) {
            throw new InvalidKeySpecException("key and keySpec must not be null");
        }
        Key translated;
        try {
            translated = engineTranslateKey(key);
        } catch (InvalidKeyException e) {
            throw new InvalidKeySpecException(e.getMessage(), e);
        }
        if (translated instanceof FerriteEdECPublicKey) {
            FerriteEdECPublicKey publicKey = (FerriteEdECPublicKey) translated;
            if (keySpec.isAssignableFrom(X509EncodedKeySpec.class)) {
                return keySpec.cast(new X509EncodedKeySpec(publicKey.getEncoded()));
            }
            if (keySpec.isAssignableFrom(EdECPublicKeySpec.class)) {
                return keySpec.cast(new EdECPublicKeySpec(NamedParameterSpec.ED25519, publicKey.getPoint()));
            }
            throw new InvalidKeySpecException("KeySpec must be X509EncodedKeySpec or EdECPublicKeySpec for a public"
                    + " key, got " + keySpec.getName());
        }
        FerriteEdECPrivateKey privateKey = (FerriteEdECPrivateKey) translated;
        try {
            if (keySpec.isAssignableFrom(PKCS8EncodedKeySpec.class)) {
                byte[] encoded = privateKey.getEncoded();
                try {
                    return keySpec.cast(new PKCS8EncodedKeySpec(encoded));
                } finally {
                    Arrays.fill(encoded, (byte) 0);
                }
            }
            if (keySpec.isAssignableFrom(EdECPrivateKeySpec.class)) {
                byte[] seed = privateKey.getBytes().orElseThrow();
                try {
                    return keySpec.cast(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
                } finally {
                    Arrays.fill(seed, (byte) 0);
                }
            }
            throw new InvalidKeySpecException("KeySpec must be PKCS8EncodedKeySpec or EdECPrivateKeySpec for a"
                    + " private key, got " + keySpec.getName());
        } finally {
            if (translated != key) {
                privateKey.destroy();
            }
        }
    }

    @Override
    protected Key engineTranslateKey(Key key) throws InvalidKeyException {
        if (key == null) {
            throw new InvalidKeyException("Key must not be null");
        }
        if (key instanceof FerriteEdECPublicKey || key instanceof FerriteEdECPrivateKey) {
            if (key instanceof FerriteEdECPrivateKey && ((FerriteEdECPrivateKey) key).isDestroyed()) {
                throw new InvalidKeyException("the private key has been destroyed");
            }
            return key;
        }
        if (key instanceof PublicKey) {
            return new FerriteEdECPublicKey(Ed25519Keys.publicBytes((PublicKey) key));
        }
        if (key instanceof PrivateKey) {
            PrivateKey privateKey = (PrivateKey) key;
            if (privateKey.isDestroyed()) {
                throw new InvalidKeyException("the private key has been destroyed");
            }
            byte[] material = Ed25519Keys.privateMaterial(privateKey);
            try {
                return new FerriteEdECPrivateKey(Ed25519Keys.privateKeyOf(material));
            } finally {
                Arrays.fill(material, (byte) 0);
            }
        }
        throw new InvalidKeyException("expected an Ed25519 public or private key, got a " + Ed25519Keys.describe(key));
    }
}
