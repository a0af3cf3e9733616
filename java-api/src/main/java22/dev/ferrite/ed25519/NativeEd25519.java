package dev.ferrite.ed25519;

import dev.ferrite.Backend;
import dev.ferrite.internal.ffi.Ed25519Binding;
import dev.ferrite.internal.ffi.FerriteNative;

/**
 * Ed25519 through the native library: signing with AWS-LC ({@code aws-lc-rs}), verification and batch verification
 * with {@code ed25519-zebra} (cofactored, on {@code curve25519-dalek} with its AVX2 backend picked at run time), plus the
 * encoding checks that make its answer {@link Ed25519}'s rule. Crates chosen by measurement (benchmarks/RESULTS.md).
 * A private key is parsed into native memory once, on its first native signature or when created here, and freed
 * when it is closed. Batches are verified with one multi-scalar equation per chunk, large ones in parallel on
 * Ferrite's worker pool ({@code -Dferrite.threads}).
 *
 * <p>Obtain it from {@link dev.ferrite.Crypto#ed25519(Backend)}. Stateless and thread-safe.
 */
final class NativeEd25519 extends AbstractEd25519 {
    private static final NativeEd25519 INSTANCE = new NativeEd25519();

    private NativeEd25519() {}

    /**
     * The native implementation.
     *
     * @return the shared instance
     * @throws IllegalStateException when the native library is not available
     */
    static NativeEd25519 instance() {
        FerriteNative.requireAvailable();
        return INSTANCE;
    }

    @Override
    Ed25519PrivateKey privateKey(byte[] seed) {
        byte[] publicKey = new byte[PUBLIC_KEY_LENGTH];
        Ed25519PrivateKey.Signer handle = signer(seed, publicKey);
        return new Ed25519PrivateKey(seed, Ed25519PublicKey.derived(publicKey), handle);
    }

    @Override
    Ed25519PrivateKey.Signer signer(byte[] seed, byte[] publicKeyOut) {
        Ed25519Binding.SigningKey key = Ed25519Binding.SigningKey.fromSeed(seed, publicKeyOut);
        return new Ed25519PrivateKey.Signer() {
            @Override
            public void sign(byte[] message, byte[] signatureOut) {
                key.sign(message, signatureOut);
            }

            @Override
            public void free() {
                key.free();
            }
        };
    }

    @Override
    byte[] signChecked(Ed25519PrivateKey key, byte[] message) {
        return key.useNative(handle -> {
            byte[] signature = new byte[SIGNATURE_LENGTH];
            handle.sign(message, signature);
            return signature;
        });
    }

    @Override
    boolean verifyChecked(Ed25519PublicKey key, byte[] message, byte[] signature) {
        return Ed25519Binding.verify(key.bytes(), message, signature);
    }

    @Override
    boolean verifyEncodedChecked(byte[] publicKey, byte[] message, byte[] signature) {
        // The native verifier applies the whole rule to the key too (encoding checks, then decoding).
        return Ed25519Binding.verify(publicKey, message, signature);
    }

    @Override
    boolean verifyBatchChecked(Ed25519PublicKey[] keys, byte[][] messages, byte[][] signatures) {
        byte[][] encoded = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            encoded[i] = keys[i].bytes();
        }
        return Ed25519Binding.verifyBatch(encoded, messages, signatures);
    }

    @Override
    public Backend backend() {
        return Backend.NATIVE;
    }
}
