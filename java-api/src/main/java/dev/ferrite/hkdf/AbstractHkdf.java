package dev.ferrite.hkdf;

import java.util.Arrays;
import java.util.Objects;

/** What both backends share: defaults and RFC 5869's limits, checked before any work. */
abstract class AbstractHkdf implements Hkdf {
    private static final byte[] EMPTY = new byte[0];

    /** {@code HKDF-Extract} into {@code prkOut} (32 bytes); {@code salt} non-null, possibly empty. */
    abstract void extractChecked(byte[] salt, byte[] ikm, byte[] prkOut);

    /** {@code HKDF-Expand} into all of {@code out}; arguments checked. */
    abstract void expandChecked(byte[] prk, byte[] info, byte[] out);

    @Override
    public byte[] extract(byte[] salt, byte[] ikm) {
        Objects.requireNonNull(ikm, "ikm");
        byte[] prk = new byte[HASH_LENGTH];
        extractChecked(salt == null ? EMPTY : salt, ikm, prk);
        return prk;
    }

    @Override
    public byte[] expand(byte[] prk, byte[] info, int length) {
        Objects.requireNonNull(prk, "prk");
        if (prk.length < HASH_LENGTH) {
            throw new IllegalArgumentException("HKDF-SHA256: the pseudorandom key must be at least 32 bytes (RFC 5869 "
                    + "section 2.3), got " + prk.length);
        }
        checkLength(length);
        byte[] out = new byte[length];
        expandChecked(prk, info == null ? EMPTY : info, out);
        return out;
    }

    @Override
    public byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length) {
        Objects.requireNonNull(ikm, "ikm");
        checkLength(length);
        byte[] prk = extract(salt, ikm);
        try {
            byte[] out = new byte[length];
            expandChecked(prk, info == null ? EMPTY : info, out);
            return out;
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }

    private static void checkLength(int length) {
        if (length < 1 || length > MAX_OUTPUT_LENGTH) {
            throw new IllegalArgumentException("HKDF-SHA256 produces 1 to " + MAX_OUTPUT_LENGTH
                    + " bytes (255 times the hash length, RFC 5869 section 2.3), asked for " + length);
        }
    }

    @Override
    public String toString() {
        return "Hkdf[SHA-256, " + backend() + "]";
    }
}
