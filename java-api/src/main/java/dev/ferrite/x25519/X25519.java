package dev.ferrite.x25519;

import dev.ferrite.Backend;

/**
 * X25519 key agreement (RFC 7748): key pairs and the 32-byte shared secret of a private key and a peer's public key.
 *
 * <p>Obtain an implementation from {@link dev.ferrite.Crypto#x25519()} (the active backend) or
 * {@link dev.ferrite.Crypto#x25519(Backend)}. Both backends give the same bytes for every input: the native one
 * through AWS-LC, the Java one through Bouncy Castle's RFC 7748 code. Implementations are stateless and thread-safe.
 *
 * <p>The rule, on both backends: private keys are any 32 bytes (clamped as RFC 7748 §5 specifies when used); a public
 * key is any 32 bytes, read as a u-coordinate with its top bit ignored and values of p or more taken modulo p (RFC 7748
 * §5); an agreement whose result is all zeros, which happens exactly when the peer's point has low order, is refused
 * with an {@link IllegalArgumentException} (RFC 7748 §6.1), so a malicious peer can't force a known secret.
 *
 * <p>The shared secret is not a key: derive keys from it with {@link dev.ferrite.hkdf.Hkdf} and both parties' public
 * keys as context (or use HPKE, which does exactly that).
 */
public interface X25519 {
    /** Length of private keys, public keys and shared secrets, in bytes. */
    int KEY_LENGTH = 32;

    /**
     * A new key pair from the operating system's secure random source.
     *
     * @return the pair; close it (or its private key) when done
     */
    X25519KeyPair generateKeyPair();

    /**
     * The key pair of a 32-byte private key, its public key computed on this backend.
     *
     * @param privateKey the private key (copied; wipe your copy when no longer needed)
     * @return the pair; close it when done
     * @throws NullPointerException if {@code privateKey} is null
     * @throws IllegalArgumentException if it is not 32 bytes
     */
    X25519KeyPair keyPairFromPrivateKey(byte[] privateKey);

    /**
     * The 32-byte shared secret of {@code privateKey} and the peer's {@code peerPublicKey}.
     *
     * @param privateKey our private key
     * @param peerPublicKey the peer's public key
     * @return a new 32-byte array; wipe it once keys are derived from it
     * @throws NullPointerException if either is null
     * @throws IllegalArgumentException if the peer's public key is a low-order point (the secret would be all zeros)
     * @throws IllegalStateException if {@code privateKey} is closed
     */
    byte[] agree(X25519PrivateKey privateKey, X25519PublicKey peerPublicKey);

    /**
     * Which backend this is.
     *
     * @return the backend
     */
    Backend backend();
}
