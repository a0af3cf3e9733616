package dev.ferrite.argon2;

import java.util.Objects;

/**
 * Encodes a {@code char[]} password as UTF-8 into an array of exactly the right size, so no intermediate buffer
 * holding the password is left behind for the garbage collector (the JDK's encoders grow and copy their buffers).
 * The caller wipes the result. Unpaired surrogates are rejected rather than replaced: replacing would map different
 * passwords to the same bytes.
 */
final class Utf8 {
    /** The longest array the JVM reliably allocates. */
    private static final int MAX_LENGTH = Integer.MAX_VALUE - 8;

    private Utf8() {}

    static byte[] encode(char[] chars) {
        Objects.requireNonNull(chars, "password");
        long length = 0; // up to 3 bytes per char: an int could wrap for passwords of more than ~700M chars
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= chars.length || !Character.isLowSurrogate(chars[i + 1])) {
                    throw unpaired(i);
                }
                length += 4;
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw unpaired(i);
            } else {
                length += 3;
            }
        }
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("the password is too long: its UTF-8 encoding would take " + length
                    + " bytes, more than a Java array holds (" + MAX_LENGTH + ")");
        }
        byte[] out = new byte[(int) length];
        int j = 0;
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c < 0x80) {
                out[j++] = (byte) c;
            } else if (c < 0x800) {
                out[j++] = (byte) (0xC0 | (c >> 6));
                out[j++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, chars[++i]);
                out[j++] = (byte) (0xF0 | (cp >> 18));
                out[j++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[j++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[j++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                out[j++] = (byte) (0xE0 | (c >> 12));
                out[j++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[j++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return out;
    }

    private static IllegalArgumentException unpaired(int index) {
        return new IllegalArgumentException("the password is not valid UTF-16: unpaired surrogate at index " + index
                + " (it has no UTF-8 encoding)");
    }
}
