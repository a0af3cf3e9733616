package dev.ferrite.hpke;

import dev.ferrite.Backend;
import dev.ferrite.x25519.X25519KeyPair;
import dev.ferrite.x25519.X25519PrivateKey;
import dev.ferrite.x25519.X25519PublicKey;
import javax.crypto.AEADBadTagException;

/**
 * Hybrid Public Key Encryption (HPKE, RFC 9180) with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and the AEAD of a
 * {@link HpkeSuite}: encrypts to an X25519 public key, in all four modes ({@link HpkeMode}), as single messages
 * ({@link #seal}/{@link #open}) or as a stream of messages through a context ({@link #setupSender}/
 * {@link #setupReceiver}), with secret export (RFC 9180 §5.3) from contexts.
 *
 * <p>Obtain an implementation from {@link dev.ferrite.Crypto#hpke()} (the active backend) or
 * {@link dev.ferrite.Crypto#hpke(Backend)}. The native backend composes AWS-LC's X25519, HKDF and AEADs exactly as RFC
 * 9180 specifies; the Java backend composes the same way Bouncy Castle's X25519 and the JDK's HMAC-SHA256, AES-GCM and
 * ChaCha20-Poly1305 (not Bouncy Castle's own HPKE, whose receiver advances its sequence number on a failed open).
 * Both give the same bytes for the same keys (including the sender's ephemeral key), both are tested against RFC
 * 9180's test vectors, and messages interoperate with Bouncy Castle's and Tink's HPKE both ways. Implementations are
 * stateless and thread-safe; contexts are thread-safe too.
 *
 * <p>Rules, on both backends: {@code info}, {@code aad} and exporter contexts may be empty, never null; pre-shared keys
 * are at least 32 bytes (RFC 9180 §5.1.2); an X25519 agreement that gives all zeros (a low-order public key, RFC 9180
 * §7.1.4) is refused: with an {@link IllegalArgumentException} when the key came from the caller (the recipient's key
 * when sealing, the sender's key in the auth modes) and as an {@link AEADBadTagException} when it came in the message
 * ({@code enc}), since then the message is simply not genuine.
 */
public interface Hpke {
    /**
     * Encrypts one message to {@code recipient} in base mode: {@link #seal(HpkeSuite, X25519PublicKey, byte[], byte[],
     * byte[], HpkeSenderMode)} with {@link HpkeSenderMode#base()}.
     *
     * @param suite the suite
     * @param recipient the recipient's public key
     * @param info application context bound to the key schedule (may be empty)
     * @param aad additional authenticated data (may be empty)
     * @param plaintext the message
     * @return {@code enc} and the ciphertext
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if {@code recipient} is a low-order point
     */
    default HpkeSealed seal(HpkeSuite suite, X25519PublicKey recipient, byte[] info, byte[] aad, byte[] plaintext) {
        return seal(suite, recipient, info, aad, plaintext, HpkeSenderMode.base());
    }

    /**
     * Encrypts one message to {@code recipient} (RFC 9180 §6.1: a new context and its first message).
     *
     * @param suite the suite
     * @param recipient the recipient's public key
     * @param info application context bound to the key schedule (may be empty)
     * @param aad additional authenticated data (may be empty)
     * @param plaintext the message
     * @param mode the mode, with its pre-shared key and/or sender key
     * @return {@code enc} and the ciphertext
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if {@code recipient} is a low-order point
     * @throws IllegalStateException if the mode's sender key is closed
     */
    HpkeSealed seal(HpkeSuite suite, X25519PublicKey recipient, byte[] info, byte[] aad, byte[] plaintext,
            HpkeSenderMode mode);

    /**
     * Decrypts one base-mode message: {@link #open(HpkeSuite, byte[], X25519PrivateKey, byte[], byte[], byte[],
     * HpkeReceiverMode)} with {@link HpkeReceiverMode#base()}.
     *
     * @param suite the suite the message was sealed with
     * @param enc the message's 32-byte encapsulated key
     * @param recipient the recipient's private key
     * @param info the {@code info} the message was sealed with
     * @param aad the additional authenticated data it was sealed with
     * @param ciphertext the ciphertext with its tag
     * @return the plaintext
     * @throws AEADBadTagException if the message does not authenticate
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if {@code enc} is not 32 bytes
     * @throws IllegalStateException if {@code recipient} is closed
     */
    default byte[] open(HpkeSuite suite, byte[] enc, X25519PrivateKey recipient, byte[] info, byte[] aad,
            byte[] ciphertext) throws AEADBadTagException {
        return open(suite, enc, recipient, info, aad, ciphertext, HpkeReceiverMode.base());
    }

    /**
     * Decrypts one message (RFC 9180 §6.1).
     *
     * @param suite the suite the message was sealed with
     * @param enc the message's 32-byte encapsulated key
     * @param recipient the recipient's private key
     * @param info the {@code info} the message was sealed with
     * @param aad the additional authenticated data it was sealed with
     * @param ciphertext the ciphertext with its tag
     * @param mode the mode the sender used, with its pre-shared key and/or the sender's public key
     * @return the plaintext
     * @throws AEADBadTagException if the message does not authenticate (anything different: key, suite, mode, PSK,
     *     sender, {@code info}, {@code aad}, {@code enc} or ciphertext), or {@code enc} is a low-order point
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if {@code enc} is not 32 bytes, or the mode's sender key is a low-order point
     * @throws IllegalStateException if {@code recipient} is closed
     */
    byte[] open(HpkeSuite suite, byte[] enc, X25519PrivateKey recipient, byte[] info, byte[] aad, byte[] ciphertext,
            HpkeReceiverMode mode) throws AEADBadTagException;

    /**
     * Sets up a sender's context for several messages to {@code recipient} (RFC 9180 §5.1).
     *
     * @param suite the suite
     * @param recipient the recipient's public key
     * @param info application context bound to the key schedule (may be empty)
     * @param mode the mode, with its pre-shared key and/or sender key
     * @return the context; send its {@link HpkeSenderContext#enc()} along, close it when done
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if {@code recipient} is a low-order point
     * @throws IllegalStateException if the mode's sender key is closed
     */
    HpkeSenderContext setupSender(HpkeSuite suite, X25519PublicKey recipient, byte[] info, HpkeSenderMode mode);

    /**
     * Sets up a recipient's context for the messages of the sender's context that made {@code enc}.
     *
     * @param suite the suite the sender used
     * @param enc the sender context's 32-byte encapsulated key
     * @param recipient the recipient's private key
     * @param info the {@code info} the sender used
     * @param mode the mode the sender used, with its pre-shared key and/or the sender's public key
     * @return the context; close it when done
     * @throws AEADBadTagException if {@code enc} is a low-order point (no genuine sender makes one)
     * @throws NullPointerException if any argument is null
     * @throws IllegalArgumentException if {@code enc} is not 32 bytes, or the mode's sender key is a low-order point
     * @throws IllegalStateException if {@code recipient} is closed
     */
    HpkeReceiverContext setupReceiver(HpkeSuite suite, byte[] enc, X25519PrivateKey recipient, byte[] info,
            HpkeReceiverMode mode) throws AEADBadTagException;

    /**
     * The key pair RFC 9180's {@code DeriveKeyPair} (§7.1.3) makes from input keying material: the same pair on every
     * implementation, for keys that must be re-derived rather than stored.
     *
     * @param ikm input keying material with at least 32 bytes of entropy (not checked; not kept)
     * @return the pair; close it when done
     * @throws NullPointerException if {@code ikm} is null
     */
    X25519KeyPair deriveKeyPair(byte[] ikm);

    /**
     * Which backend this is.
     *
     * @return the backend
     */
    Backend backend();
}
