package dev.ferrite;

import dev.ferrite.aead.AesGcm;
import dev.ferrite.argon2.Argon2;
import dev.ferrite.ed25519.Ed25519;
import dev.ferrite.ed25519.Ed25519PrivateKey;
import dev.ferrite.ed25519.Ed25519PublicKey;
import dev.ferrite.hkdf.Hkdf;
import dev.ferrite.hpke.Hpke;
import dev.ferrite.internal.Kernels;
import dev.ferrite.sha256.Sha256;
import dev.ferrite.x25519.X25519;

/**
 * Entry point to Ferrite's cryptography. Each method returns the implementation of the active backend
 * ({@link Ferrite#backend()}); the overloads taking a {@link Backend} return a specific one (tests and benchmarks use
 * them to compare).
 *
 * <pre>{@code
 * byte[] digest = Crypto.sha256().digest(data);
 * byte[][] digests = Crypto.sha256().digestAll(List.of(m1, m2, m3));   // in parallel, order kept
 *
 * try (Ed25519KeyPair pair = Crypto.ed25519().generateKeyPair()) {
 *     byte[] signature = Crypto.sign(pair.privateKey(), message);
 *     boolean valid = Crypto.verify(pair.publicKey(), message, signature);
 * }
 *
 * try (AesGcmKey key = Crypto.aesGcm().key(keyBytes)) {
 *     byte[] sealed = key.seal(plaintext, aad);      // random nonce || ciphertext || tag
 *     byte[] opened = key.open(sealed, aad);         // AEADBadTagException on any tampering
 * }
 *
 * String phc = Crypto.argon2().hash(password, Argon2Params.owaspDefault());   // "$argon2id$v=19$m=19456,..."
 * boolean ok = Crypto.argon2().verify(phc, password);
 * }</pre>
 *
 * <p>Thread-safe; the returned implementations are stateless and thread-safe too.
 */
public final class Crypto {
    private Crypto() {}

    /**
     * SHA-256 on the active backend.
     *
     * @return the implementation
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     */
    public static Sha256 sha256() {
        return Kernels.active(Sha256.class);
    }

    /**
     * SHA-256 on a given backend.
     *
     * @param backend the backend
     * @return the implementation
     * @throws IllegalStateException when {@code backend} is {@link Backend#NATIVE} and the library is not available
     */
    public static Sha256 sha256(Backend backend) {
        return Kernels.get(Sha256.class, backend);
    }

    /**
     * Ed25519 signatures on the active backend.
     *
     * @return the implementation
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     */
    public static Ed25519 ed25519() {
        return Kernels.active(Ed25519.class);
    }

    /**
     * Ed25519 signatures on a given backend.
     *
     * @param backend the backend
     * @return the implementation
     * @throws IllegalStateException when {@code backend} is {@link Backend#NATIVE} and the library is not available
     */
    public static Ed25519 ed25519(Backend backend) {
        return Kernels.get(Ed25519.class, backend);
    }

    /**
     * AES-GCM authenticated encryption on the active backend.
     *
     * @return the implementation
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     */
    public static AesGcm aesGcm() {
        return Kernels.active(AesGcm.class);
    }

    /**
     * AES-GCM authenticated encryption on a given backend.
     *
     * @param backend the backend
     * @return the implementation
     * @throws IllegalStateException when {@code backend} is {@link Backend#NATIVE} and the library is not available
     */
    public static AesGcm aesGcm(Backend backend) {
        return Kernels.get(AesGcm.class, backend);
    }

    /**
     * Argon2 password hashing on the active backend.
     *
     * @return the implementation
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     */
    public static Argon2 argon2() {
        return Kernels.active(Argon2.class);
    }

    /**
     * Argon2 password hashing on a given backend.
     *
     * @param backend the backend
     * @return the implementation
     * @throws IllegalStateException when {@code backend} is {@link Backend#NATIVE} and the library is not available
     */
    public static Argon2 argon2(Backend backend) {
        return Kernels.get(Argon2.class, backend);
    }

    /**
     * X25519 key agreement on the active backend.
     *
     * @return the implementation
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     */
    public static X25519 x25519() {
        return Kernels.active(X25519.class);
    }

    /**
     * X25519 key agreement on a given backend.
     *
     * @param backend the backend
     * @return the implementation
     * @throws IllegalStateException when {@code backend} is {@link Backend#NATIVE} and the library is not available
     */
    public static X25519 x25519(Backend backend) {
        return Kernels.get(X25519.class, backend);
    }

    /**
     * HKDF-SHA256 on the active backend.
     *
     * @return the implementation
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     */
    public static Hkdf hkdf() {
        return Kernels.active(Hkdf.class);
    }

    /**
     * HKDF-SHA256 on a given backend.
     *
     * @param backend the backend
     * @return the implementation
     * @throws IllegalStateException when {@code backend} is {@link Backend#NATIVE} and the library is not available
     */
    public static Hkdf hkdf(Backend backend) {
        return Kernels.get(Hkdf.class, backend);
    }

    /**
     * HPKE (RFC 9180) with DHKEM(X25519, HKDF-SHA256) on the active backend.
     *
     * @return the implementation
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     */
    public static Hpke hpke() {
        return Kernels.active(Hpke.class);
    }

    /**
     * HPKE (RFC 9180) with DHKEM(X25519, HKDF-SHA256) on a given backend.
     *
     * @param backend the backend
     * @return the implementation
     * @throws IllegalStateException when {@code backend} is {@link Backend#NATIVE} and the library is not available
     */
    public static Hpke hpke(Backend backend) {
        return Kernels.get(Hpke.class, backend);
    }

    /**
     * Signs {@code message} with Ed25519 on the active backend: {@code ed25519().sign(key, message)}.
     *
     * @param key the private key
     * @param message the message
     * @return the 64-byte signature
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if {@code key} is closed
     * @see Ed25519#sign(Ed25519PrivateKey, byte[])
     */
    public static byte[] sign(Ed25519PrivateKey key, byte[] message) {
        return ed25519().sign(key, message);
    }

    /**
     * Verifies an Ed25519 signature on the active backend, by the strict rule documented on {@link Ed25519}:
     * {@code ed25519().verify(key, message, signature)}.
     *
     * @param key the public key
     * @param message the message
     * @param signature the signature
     * @return true if valid, false for any invalid signature
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code signature} is not 64 bytes
     * @see Ed25519#verify(Ed25519PublicKey, byte[], byte[])
     */
    public static boolean verify(Ed25519PublicKey key, byte[] message, byte[] signature) {
        return ed25519().verify(key, message, signature);
    }
}
