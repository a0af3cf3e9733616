package dev.ferrite.hpke;

/**
 * The HPKE cipher suites Ferrite offers (RFC 9180 §7): the KEM is always DHKEM(X25519, HKDF-SHA256) ({@code kem_id}
 * 0x0020) and the KDF HKDF-SHA256 ({@code kdf_id} 0x0001); the suites differ in the AEAD. Both parties must use the
 * same suite; it is not carried in the ciphertext.
 */
public enum HpkeSuite {
    /** AES-128-GCM ({@code aead_id} 0x0001): 16-byte key. */
    X25519_SHA256_AES_128_GCM(1, 16),
    /** AES-256-GCM ({@code aead_id} 0x0002): 32-byte key. */
    X25519_SHA256_AES_256_GCM(2, 32),
    /** ChaCha20-Poly1305 ({@code aead_id} 0x0003): 32-byte key. */
    X25519_SHA256_CHACHA20_POLY1305(3, 32);

    /** The KEM identifier, DHKEM(X25519, HKDF-SHA256). */
    public static final int KEM_ID = 0x0020;
    /** The KDF identifier, HKDF-SHA256. */
    public static final int KDF_ID = 0x0001;

    private final int aeadId;
    private final int keyLength;

    HpkeSuite(int aeadId, int keyLength) {
        this.aeadId = aeadId;
        this.keyLength = keyLength;
    }

    /**
     * The AEAD identifier of RFC 9180 §7.3.
     *
     * @return 1, 2 or 3
     */
    public int aeadId() {
        return aeadId;
    }

    /**
     * The AEAD's key length ({@code Nk}).
     *
     * @return 16 or 32
     */
    public int keyLength() {
        return keyLength;
    }
}
