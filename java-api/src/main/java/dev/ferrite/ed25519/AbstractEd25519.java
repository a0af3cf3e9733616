package dev.ferrite.ed25519;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Argument checks shared by both backends, so both reject the same inputs with the same exceptions. */
abstract class AbstractEd25519 implements Ed25519 {
    private static final class Random {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    @Override
    public final Ed25519KeyPair generateKeyPair() {
        byte[] seed = new byte[SEED_LENGTH];
        Random.INSTANCE.nextBytes(seed);
        try {
            return keyPairFromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    @Override
    public final Ed25519KeyPair keyPairFromSeed(byte[] seed) {
        Ed25519PrivateKey.checkSeed(seed);
        byte[] copy = seed.clone();
        try {
            return Ed25519KeyPair.of(privateKey(copy));
        } catch (RuntimeException | Error e) {
            Arrays.fill(copy, (byte) 0);
            throw e;
        }
    }

    @Override
    public final byte[] sign(Ed25519PrivateKey key, byte[] message) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        return signChecked(key, message);
    }

    @Override
    public final boolean verify(Ed25519PublicKey key, byte[] message, byte[] signature) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        checkSignature(signature, "signature");
        return verifyChecked(key, message, signature);
    }

    @Override
    public final boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(message, "message");
        checkSignature(signature, "signature");
        if (publicKey.length != PUBLIC_KEY_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, got " + publicKey.length);
        }
        return verifyEncodedChecked(publicKey, message, signature);
    }

    @Override
    public final boolean verifyBatch(List<Ed25519PublicKey> keys, List<byte[]> messages, List<byte[]> signatures) {
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(signatures, "signatures");
        Ed25519PublicKey[] k = keys.toArray(new Ed25519PublicKey[0]);
        byte[][] m = messages.toArray(new byte[0][]);
        byte[][] s = signatures.toArray(new byte[0][]);
        if (k.length != m.length || k.length != s.length) {
            throw new IllegalArgumentException("keys, messages and signatures must have the same size, got "
                    + k.length + ", " + m.length + " and " + s.length);
        }
        for (int i = 0; i < k.length; i++) {
            if (k[i] == null) {
                throw new NullPointerException("keys[" + i + "] is null");
            }
            if (m[i] == null) {
                throw new NullPointerException("messages[" + i + "] is null");
            }
            checkSignature(s[i], "signatures[" + i + "]");
        }
        return verifyBatchChecked(k, m, s);
    }

    private static void checkSignature(byte[] signature, String name) {
        if (signature == null) {
            throw new NullPointerException(name + " is null");
        }
        if (signature.length != SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("an Ed25519 signature is 64 bytes, got " + signature.length
                    + (name.equals("signature") ? "" : " in " + name));
        }
    }

    /** A private key of a 32-byte seed that this method owns. */
    abstract Ed25519PrivateKey privateKey(byte[] seed);

    abstract byte[] signChecked(Ed25519PrivateKey key, byte[] message);

    /**
     * A copy of {@code seed} in native memory, writing its public key into {@code publicKeyOut}; only the native
     * backend has one (the Java backend signs from the seed).
     */
    Ed25519PrivateKey.Signer signer(byte[] seed, byte[] publicKeyOut) {
        throw new UnsupportedOperationException("the " + backend() + " backend keeps no native key");
    }

    /** Verification with a 64-byte signature. */
    abstract boolean verifyChecked(Ed25519PublicKey key, byte[] message, byte[] signature);

    /** Verification with a 32-byte encoded key that may break the rule for keys, and a 64-byte signature. */
    abstract boolean verifyEncodedChecked(byte[] publicKey, byte[] message, byte[] signature);

    /** Batch verification of equal-length arrays of non-null elements and 64-byte signatures. */
    abstract boolean verifyBatchChecked(Ed25519PublicKey[] keys, byte[][] messages, byte[][] signatures);

    @Override
    public String toString() {
        return "Ed25519[" + backend() + "]";
    }
}
