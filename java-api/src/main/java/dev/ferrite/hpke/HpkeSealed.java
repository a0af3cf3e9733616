package dev.ferrite.hpke;

import java.util.Arrays;
import java.util.Objects;

/**
 * A single-shot HPKE message: the encapsulated key {@code enc} (the sender's ephemeral X25519 public key, 32 bytes) and
 * the ciphertext ({@code ciphertext || tag}, 16 bytes longer than the plaintext). The recipient needs both.
 * {@link #toBytes()} joins them as {@code enc || ciphertext}, the form Tink's HPKE hybrid encryption writes and reads;
 * {@link #fromBytes(byte[])} splits it again.
 *
 * <p>Immutable and thread-safe: accessors return copies.
 */
public final class HpkeSealed {
    /** Length of {@code enc} for DHKEM(X25519, HKDF-SHA256). */
    public static final int ENC_LENGTH = 32;

    private final byte[] enc;
    private final byte[] ciphertext;

    private HpkeSealed(byte[] enc, byte[] ciphertext) {
        this.enc = enc;
        this.ciphertext = ciphertext;
    }

    /**
     * A message from its parts.
     *
     * @param enc the 32-byte encapsulated key (copied)
     * @param ciphertext the ciphertext with its tag (copied)
     * @return the message
     * @throws NullPointerException if either is null
     * @throws IllegalArgumentException if {@code enc} is not 32 bytes
     */
    public static HpkeSealed of(byte[] enc, byte[] ciphertext) {
        Objects.requireNonNull(enc, "enc");
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (enc.length != ENC_LENGTH) {
            throw new IllegalArgumentException("HPKE enc for X25519 is 32 bytes, got " + enc.length);
        }
        return new HpkeSealed(enc.clone(), ciphertext.clone());
    }

    /** Takes ownership of the arrays (no copies). */
    static HpkeSealed owning(byte[] enc, byte[] ciphertext) {
        return new HpkeSealed(enc, ciphertext);
    }

    /**
     * Splits {@code enc || ciphertext}.
     *
     * @param encAndCiphertext the joined form, at least 32 bytes (copied)
     * @return the message
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is shorter than 32 bytes
     */
    public static HpkeSealed fromBytes(byte[] encAndCiphertext) {
        Objects.requireNonNull(encAndCiphertext, "encAndCiphertext");
        if (encAndCiphertext.length < ENC_LENGTH) {
            throw new IllegalArgumentException("an HPKE message starts with its 32-byte enc, got "
                    + encAndCiphertext.length + " bytes");
        }
        return new HpkeSealed(Arrays.copyOf(encAndCiphertext, ENC_LENGTH),
                Arrays.copyOfRange(encAndCiphertext, ENC_LENGTH, encAndCiphertext.length));
    }

    /**
     * The encapsulated key.
     *
     * @return a copy of the 32 bytes
     */
    public byte[] enc() {
        return enc.clone();
    }

    /**
     * The ciphertext with its 16-byte tag.
     *
     * @return a copy
     */
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    /** The ciphertext itself (not a copy), for this package. */
    byte[] ciphertextBytes() {
        return ciphertext;
    }

    /** The enc itself (not a copy), for this package. */
    byte[] encBytes() {
        return enc;
    }

    /**
     * {@code enc || ciphertext}.
     *
     * @return a new array, 32 bytes longer than {@link #ciphertext()}
     */
    public byte[] toBytes() {
        byte[] out = Arrays.copyOf(enc, ENC_LENGTH + ciphertext.length);
        System.arraycopy(ciphertext, 0, out, ENC_LENGTH, ciphertext.length);
        return out;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HpkeSealed that && Arrays.equals(enc, that.enc)
                && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(enc) + Arrays.hashCode(ciphertext);
    }

    /**
     * The lengths only.
     *
     * @return e.g. {@code HpkeSealed[enc 32 bytes, ciphertext 80 bytes]}
     */
    @Override
    public String toString() {
        return "HpkeSealed[enc 32 bytes, ciphertext " + ciphertext.length + " bytes]";
    }
}
