package dev.ferrite.hpke;

/**
 * The four HPKE modes (RFC 9180 §5): whether the sender is authenticated by a pre-shared key, by its own X25519 key,
 * by both, or not at all. Chosen through {@link HpkeSenderMode} and {@link HpkeReceiverMode}.
 */
public enum HpkeMode {
    /** {@code mode_base} (0x00): the recipient learns nothing about who sent the message. */
    BASE(0),
    /** {@code mode_psk} (0x01): only holders of the pre-shared key can have sent it. */
    PSK(1),
    /** {@code mode_auth} (0x02): only the holder of the sender's X25519 private key can have sent it. */
    AUTH(2),
    /** {@code mode_auth_psk} (0x03): both. */
    AUTH_PSK(3);

    private final int id;

    HpkeMode(int id) {
        this.id = id;
    }

    /**
     * The mode's identifier in the key schedule.
     *
     * @return 0 to 3
     */
    public int id() {
        return id;
    }

    /**
     * Whether the mode uses a pre-shared key.
     *
     * @return true for {@link #PSK} and {@link #AUTH_PSK}
     */
    public boolean usesPsk() {
        return this == PSK || this == AUTH_PSK;
    }

    /**
     * Whether the mode authenticates the sender's key.
     *
     * @return true for {@link #AUTH} and {@link #AUTH_PSK}
     */
    public boolean usesSenderKey() {
        return this == AUTH || this == AUTH_PSK;
    }
}
