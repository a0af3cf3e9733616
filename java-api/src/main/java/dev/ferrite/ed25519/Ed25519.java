package dev.ferrite.ed25519;

import dev.ferrite.Backend;
import java.util.List;

/**
 * Ed25519 signatures (RFC 8032, "pure" Ed25519: no context, no pre-hash).
 *
 * <p>Obtain an implementation from {@link dev.ferrite.Crypto#ed25519()}, or call {@link dev.ferrite.Crypto#sign}
 * and {@link dev.ferrite.Crypto#verify}. Both backends produce the same signatures (Ed25519 is deterministic) and give
 * the same verification answer for every input, following the rule below.
 *
 * <h2>The verification rule</h2>
 * A signature {@code (R, S)} on message {@code M} under public key {@code A} is valid when all of these hold:
 * <ol>
 *   <li>{@code A} and {@code R} are canonical encodings of points on the curve (the 255-bit {@code y} is less than
 *       p = 2<sup>255</sup> − 19, and {@code x = 0} is not encoded with the sign bit set);
 *   <li>neither {@code A} nor {@code R} is a point of small order (one of the 8 points of order 1, 2, 4 or 8);
 *   <li>{@code S} is canonical: {@code S < ℓ}, the order of the base point;
 *   <li>the cofactored group equation of RFC 8032 §5.1.7 holds: [8][S]B = [8]R + [8][k]A, with
 *       k = SHA-512(R ‖ A ‖ M) mod ℓ.
 * </ol>
 * This is strict RFC 8032 verification: it rejects malleable signatures ({@code S ≥ ℓ}), non-canonical encodings and
 * small-order keys and {@code R} values. The cofactored equation (the one RFC 8032 states first) is what makes batch
 * verification give exactly the single verifier's answer; it differs from the cofactorless check
 * ([S]B = R + [k]A) used by OpenSSL and the JDK only for signatures whose {@code R} or {@code A} carries a
 * deliberately added small-order component, which no honest signer produces: every signature any Ed25519
 * implementation makes verifies under both. Keys that break rules 1–2 are refused when an {@link Ed25519PublicKey} is
 * built.
 *
 * <p>{@link #verify} returns {@code false} for every invalid signature and never throws for one; it throws
 * {@link IllegalArgumentException} only when a key or signature has the wrong length.
 *
 * <p>Implementations are stateless and thread-safe; keys may be shared between threads. Arguments are never retained
 * or modified.
 */
public interface Ed25519 {
    /** Length of a seed (the private key as RFC 8032 defines it), in bytes. */
    int SEED_LENGTH = 32;
    /** Length of an encoded public key, in bytes. */
    int PUBLIC_KEY_LENGTH = 32;
    /** Length of a signature, in bytes. */
    int SIGNATURE_LENGTH = 64;

    /**
     * A new key pair from a fresh random seed ({@link java.security.SecureRandom}). Close the private key when done
     * with it.
     *
     * @return the key pair
     */
    Ed25519KeyPair generateKeyPair();

    /**
     * The key pair of a 32-byte seed (RFC 8032 §5.1.5). The seed is copied; wipe your copy when you no longer need
     * it. Close the private key when done with it.
     *
     * @param seed the 32-byte private key
     * @return the key pair
     * @throws NullPointerException if {@code seed} is null
     * @throws IllegalArgumentException if {@code seed} is not 32 bytes
     */
    Ed25519KeyPair keyPairFromSeed(byte[] seed);

    /**
     * Signs {@code message} (RFC 8032 §5.1.6).
     *
     * @param key the private key
     * @param message the message
     * @return the 64-byte signature
     * @throws NullPointerException if an argument is null
     * @throws IllegalStateException if {@code key} is closed
     */
    byte[] sign(Ed25519PrivateKey key, byte[] message);

    /**
     * Whether {@code signature} is a valid signature of {@code message} under {@code key}, by the rule in the
     * interface description.
     *
     * @param key the public key
     * @param message the message
     * @param signature the signature
     * @return true if valid, false for any invalid signature
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code signature} is not 64 bytes
     */
    boolean verify(Ed25519PublicKey key, byte[] message, byte[] signature);

    /**
     * Like {@link #verify(Ed25519PublicKey, byte[], byte[])} with a key given as its 32-byte encoding, as it arrives
     * from a peer: an encoding that breaks the rule (non-canonical, not on the curve, small order) makes the result
     * {@code false} rather than an exception.
     *
     * @param publicKey the 32-byte encoded public key
     * @param message the message
     * @param signature the signature
     * @return true if valid, false for any invalid key encoding or signature
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code publicKey} is not 32 bytes or {@code signature} not 64 bytes
     */
    boolean verify(byte[] publicKey, byte[] message, byte[] signature);

    /**
     * Whether every {@code signatures.get(i)} is a valid signature of {@code messages.get(i)} under
     * {@code keys.get(i)}. The answer is always the one a loop of {@link #verify} would give (true for an empty
     * batch); the native backend checks large batches with one multi-scalar equation, several times faster than
     * one by one. It says whether all are valid, not which are not: verify singly to find out.
     *
     * @param keys the public keys
     * @param messages the messages
     * @param signatures the signatures
     * @return true if all are valid
     * @throws NullPointerException if a list or any element is null (the message names the index)
     * @throws IllegalArgumentException if the lists differ in size or a signature is not 64 bytes
     */
    boolean verifyBatch(List<Ed25519PublicKey> keys, List<byte[]> messages, List<byte[]> signatures);

    /**
     * The backend this implementation runs on.
     *
     * @return the backend
     */
    Backend backend();
}
