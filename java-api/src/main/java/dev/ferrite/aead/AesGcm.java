package dev.ferrite.aead;

import dev.ferrite.Backend;

/**
 * AES-GCM authenticated encryption (NIST SP 800-38D) with 128-, 192- or 256-bit keys, 96-bit nonces and 128-bit tags,
 * byte-compatible with the JDK's {@code Cipher.getInstance("AES/GCM/NoPadding")} with a 12-byte IV and 128-bit tag:
 * the output of encryption is {@code ciphertext || tag}.
 *
 * <pre>{@code
 * try (AesGcmKey key = Crypto.aesGcm().key(keyBytes)) {     // expanded once, wiped on close
 *     byte[] sealed = key.seal(plaintext, aad);                // random nonce || ciphertext || tag
 *     byte[] opened = key.open(sealed, aad);                   // AEADBadTagException on any tampering
 *
 *     byte[] ct = key.encrypt(nonce, plaintext, aad);          // caller-managed 12-byte nonce
 *     byte[] pt = key.decrypt(nonce, ct, aad);
 * }
 * }</pre>
 *
 * <p>A nonce must never be used twice with the same key: a repeated nonce reveals the XOR of the two plaintexts and
 * lets an attacker forge tags. {@link AesGcmKey#seal} draws 96-bit nonces from {@link java.security.SecureRandom}, which
 * is safe for up to 2<sup>32</sup> messages per key (NIST SP 800-38D §8.3); count your messages, or use
 * {@link AesGcmKey#encrypt} with a counter nonce, beyond that. Neither backend detects nonce reuse.
 *
 * <p>Both backends give the same bytes for every input. Obtain an implementation from
 * {@link dev.ferrite.Crypto#aesGcm()}. Implementations are stateless and thread-safe; keys are thread-safe too.
 */
public interface AesGcm {
    /** Nonce (IV) length in bytes: 12 (96 bits). */
    int NONCE_LENGTH = 12;
    /** Tag length in bytes: 16 (128 bits). */
    int TAG_LENGTH = 16;

    /**
     * Expands an AES key for GCM once; the returned key is used for any number of messages.
     *
     * @param key 16, 24 or 32 bytes (AES-128, AES-192, AES-256); copied, so wipe your array when done with it
     * @return the key; close it when done (a {@link java.lang.ref.Cleaner} frees a forgotten one)
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is not 16, 24 or 32 bytes
     */
    AesGcmKey key(byte[] key);

    /**
     * The backend this implementation runs on.
     *
     * @return {@link Backend#NATIVE} or {@link Backend#JAVA}
     */
    Backend backend();
}
