package dev.ferrite.ed25519;

import dev.ferrite.Backend;

/**
 * Ed25519 in pure Java, through Bouncy Castle's {@code org.bouncycastle.math.ec.rfc8032.Ed25519} (chosen over the
 * JDK's by measurement: about 20× faster to sign and 8× to verify here; see benchmarks/RESULTS.md). Bouncy Castle
 * already verifies with the cofactored equation and rejects non-canonical encodings, {@code S ≥ ℓ} and small-order
 * keys; the check that {@code R} is not of small order is added here, which makes its answer {@link Ed25519}'s rule.
 * {@link #verifyBatch} verifies one by one.
 *
 * <p>Obtain it from {@link dev.ferrite.Crypto#ed25519(Backend)}. Stateless and thread-safe.
 */
final class JavaEd25519 extends AbstractEd25519 {
    private static final JavaEd25519 INSTANCE = new JavaEd25519();

    private JavaEd25519() {}

    /**
     * The pure-Java implementation.
     *
     * @return the shared instance
     */
    static JavaEd25519 instance() {
        return INSTANCE;
    }

    @Override
    Ed25519PrivateKey privateKey(byte[] seed) {
        byte[] publicKey = new byte[PUBLIC_KEY_LENGTH];
        org.bouncycastle.math.ec.rfc8032.Ed25519.generatePublicKey(seed, 0, publicKey, 0);
        return new Ed25519PrivateKey(seed, Ed25519PublicKey.derived(publicKey), null);
    }

    @Override
    byte[] signChecked(Ed25519PrivateKey key, byte[] message) {
        byte[] publicKey = key.publicKey().bytes();
        return key.use(seed -> {
            byte[] signature = new byte[SIGNATURE_LENGTH];
            org.bouncycastle.math.ec.rfc8032.Ed25519.sign(seed, 0, publicKey, 0, message, 0, message.length,
                    signature, 0);
            return signature;
        });
    }

    @Override
    boolean verifyChecked(Ed25519PublicKey key, byte[] message, byte[] signature) {
        // Rule 2 for R (Bouncy Castle accepts a small-order R); everything else is Bouncy Castle's own check.
        return Encodings.isCanonicalAndNotSmallOrder(signature, 0)
                && org.bouncycastle.math.ec.rfc8032.Ed25519.verify(signature, 0, key.point(), message, 0,
                        message.length);
    }

    @Override
    boolean verifyEncodedChecked(byte[] publicKey, byte[] message, byte[] signature) {
        Ed25519PublicKey key = Ed25519PublicKey.tryFromBytes(publicKey);
        return key != null && verifyChecked(key, message, signature);
    }

    @Override
    boolean verifyBatchChecked(Ed25519PublicKey[] keys, byte[][] messages, byte[][] signatures) {
        for (int i = 0; i < keys.length; i++) {
            if (!verifyChecked(keys[i], messages[i], signatures[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Backend backend() {
        return Backend.JAVA;
    }
}
