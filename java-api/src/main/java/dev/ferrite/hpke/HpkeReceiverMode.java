package dev.ferrite.hpke;

import dev.ferrite.x25519.X25519PublicKey;
import java.util.Objects;

/**
 * How a recipient checks who sent a message (RFC 9180 §5): {@link #base()}, {@link #psk}, {@link #auth} or
 * {@link #authPsk}. The sender must have used the matching {@link HpkeSenderMode}.
 *
 * <p>Immutable and thread-safe. A pre-shared key is copied when the mode is made and the copy lives as long as this
 * object (it is not wiped).
 */
public final class HpkeReceiverMode {
    private static final HpkeReceiverMode BASE = new HpkeReceiverMode(HpkeMode.BASE, null, Psk.NONE, Psk.NONE);

    private final HpkeMode mode;
    private final X25519PublicKey senderKey;
    private final byte[] psk;
    private final byte[] pskId;

    private HpkeReceiverMode(HpkeMode mode, X25519PublicKey senderKey, byte[] psk, byte[] pskId) {
        this.mode = mode;
        this.senderKey = senderKey;
        this.psk = psk;
        this.pskId = pskId;
    }

    /**
     * Base mode: no check of the sender.
     *
     * @return the mode
     */
    public static HpkeReceiverMode base() {
        return BASE;
    }

    /**
     * PSK mode: the message must come from a holder of the pre-shared key.
     *
     * @param psk the pre-shared key, at least 32 bytes (copied)
     * @param pskId its identifier, not empty (copied)
     * @return the mode
     * @throws NullPointerException if either is null
     * @throws IllegalArgumentException if {@code psk} is shorter than 32 bytes or {@code pskId} is empty
     */
    public static HpkeReceiverMode psk(byte[] psk, byte[] pskId) {
        return new HpkeReceiverMode(HpkeMode.PSK, null, Psk.checkedPsk(psk), Psk.checkedId(pskId));
    }

    /**
     * Auth mode: the message must come from the holder of the sender's private key.
     *
     * @param senderKey the sender's public key
     * @return the mode
     * @throws NullPointerException if {@code senderKey} is null
     */
    public static HpkeReceiverMode auth(X25519PublicKey senderKey) {
        return new HpkeReceiverMode(HpkeMode.AUTH, Objects.requireNonNull(senderKey, "senderKey"), Psk.NONE, Psk.NONE);
    }

    /**
     * AuthPSK mode: both a pre-shared key and the sender's X25519 key.
     *
     * @param senderKey the sender's public key
     * @param psk the pre-shared key, at least 32 bytes (copied)
     * @param pskId its identifier, not empty (copied)
     * @return the mode
     * @throws NullPointerException if any is null
     * @throws IllegalArgumentException if {@code psk} is shorter than 32 bytes or {@code pskId} is empty
     */
    public static HpkeReceiverMode authPsk(X25519PublicKey senderKey, byte[] psk, byte[] pskId) {
        Objects.requireNonNull(senderKey, "senderKey");
        return new HpkeReceiverMode(HpkeMode.AUTH_PSK, senderKey, Psk.checkedPsk(psk), Psk.checkedId(pskId));
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
    X25519PublicKey senderKey() {
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
     * @return e.g. {@code HpkeReceiverMode[AUTH]}
     */
    @Override
    public String toString() {
        return "HpkeReceiverMode[" + mode + "]";
    }
}
