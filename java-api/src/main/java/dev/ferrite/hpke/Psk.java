package dev.ferrite.hpke;

import java.util.Objects;

/** A pre-shared key and its identifier, checked and copied; shared by both mode classes. */
final class Psk {
    /** Fewest bytes a pre-shared key may have (RFC 9180 §5.1.2: at least 32 bytes of entropy). */
    static final int MIN_LENGTH = 32;

    static final byte[] NONE = new byte[0];

    private Psk() {}

    static byte[] checkedPsk(byte[] psk) {
        Objects.requireNonNull(psk, "psk");
        if (psk.length < MIN_LENGTH) {
            throw new IllegalArgumentException("an HPKE pre-shared key must have at least 32 bytes (RFC 9180 section "
                    + "5.1.2), got " + psk.length);
        }
        return psk.clone();
    }

    static byte[] checkedId(byte[] pskId) {
        Objects.requireNonNull(pskId, "pskId");
        if (pskId.length == 0) {
            throw new IllegalArgumentException("an HPKE pre-shared key's identifier must not be empty");
        }
        return pskId.clone();
    }
}
