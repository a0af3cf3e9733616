package dev.ferrite.hpke;

import dev.ferrite.x25519.X25519PrivateKey;
import java.util.Objects;

/**
 * How a sender authenticates itself (RFC 9180 §5): {@link #base()}, {@link #psk}, {@link #auth} or {@link #authPsk}.
 * The recipient must use the matching {@link HpkeReceiverMode}.
 *
 * <p>Immutable and thread-safe. A pre-shared key is copied when the mode is made and the copy lives as long as this
 * object (it is not wiped); the sender's private key is referenced, not copied, and must stay open while the mode is
 * used.
 */
public final class HpkeSenderMode {
    private static final HpkeSenderMode BASE = new HpkeSenderMode(HpkeMode.BASE, null, Psk.NONE, Psk.NONE);

    private final HpkeMode mode;
    private final X25519PrivateKey senderKey;
    private final byte[] psk;
    private final byte[] pskId;

    private HpkeSenderMode(HpkeMode mode, X25519PrivateKey senderKey, byte[] psk, byte[] pskId) {
        this.mode = mode;
        this.senderKey = senderKey;
        this.psk = psk;
        this.pskId = pskId;
    }

    /**
     * Base mode: the sender is anonymous.
     *
     * @return the mode
     */
    public static HpkeSenderMode base() {
        return BASE;
    }

    /**
     * PSK mode: the sender proves it holds a pre-shared key.
     *
     * @param psk the pre-shared key, at least 32 bytes (copied)
     * @param pskId its identifier, not empty (copied)
     * @return the mode
     * @throws NullPointerException if either is null
     * @throws IllegalArgumentException if {@code psk} is shorter than 32 bytes or {@code pskId} is empty
     */
    public static HpkeSenderMode psk(byte[] psk, byte[] pskId) {
        return new HpkeSenderMode(HpkeMode.PSK, null, Psk.checkedPsk(psk), Psk.checkedId(pskId));
    }

    /**
     * Auth mode: the sender proves it holds its X25519 private key.
     *
     * @param senderKey the sender's private key (referenced; keep it open while this mode is used)
     * @return the mode
     * @throws NullPointerException if {@code senderKey} is null
     */
    public static HpkeSenderMode auth(X25519PrivateKey senderKey) {
        return new HpkeSenderMode(HpkeMode.AUTH, Objects.requireNonNull(senderKey, "senderKey"), Psk.NONE, Psk.NONE);
    }

    /**
     * AuthPSK mode: both a pre-shared key and the sender's X25519 key.
     *
     * @param senderKey the sender's private key (referenced)
     * @param psk the pre-shared key, at least 32 bytes (copied)
     * @param pskId its identifier, not empty (copied)
     * @return the mode
     * @throws NullPointerException if any is null
     * @throws IllegalArgumentException if {@code psk} is shorter than 32 bytes or {@code pskId} is empty
     */
    public static HpkeSenderMode authPsk(X25519PrivateKey senderKey, byte[] psk, byte[] pskId) {
        Objects.requireNonNull(senderKey, "senderKey");
        return new HpkeSenderMode(HpkeMode.AUTH_PSK, senderKey, Psk.checkedPsk(psk), Psk.checkedId(pskId));
    }

    /**
     * The mode.
     *
     * @return which of the four
     */
    public HpkeMode mode() {
        return mode;
    }

    /** The sender's key, or null outside the auth modes. */
    X25519PrivateKey senderKey() {
        return senderKey;
    }

    /** The pre-shared key (not a copy: never modify or hand out), empty outside the PSK modes. */
    byte[] pskBytes() {
        return psk;
    }

    /** The pre-shared key's identifier (not a copy), empty outside the PSK modes. */
    byte[] pskIdBytes() {
        return pskId;
    }

    /**
     * The mode's name, never the pre-shared key.
     *
     * @return e.g. {@code HpkeSenderMode[AUTH]}
     */
    @Override
    public String toString() {
        return "HpkeSenderMode[" + mode + "]";
    }
}
