package dev.ferrite.argon2;

import java.util.Base64;
import java.util.Objects;

/**
 * The PHC string format for Argon2, shared by both backends, as libargon2 writes and reads it:
 * {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, salt and hash in standard base64 without padding.
 *
 * <p>Parsing is strict where the format is (canonical base64 with no padding and zero trailing bits, decimals without
 * sign or leading zeros, parameters {@code m}, {@code t}, {@code p} in that order) and accepts what libargon2 accepts
 * from older writers: a missing {@code v=} means version 0x10. Every rejection is an {@link IllegalArgumentException}
 * that says what is wrong, without echoing the string. Thread-safe (stateless).
 *
 * @param type the variant
 * @param version 0x10 or 0x13
 * @param memoryKib {@code m}
 * @param iterations {@code t}
 * @param parallelism {@code p}
 * @param salt the decoded salt
 * @param hash the decoded hash
 */
record Phc(Argon2Type type, int version, int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();
    private static final String PREFIX = "malformed Argon2 PHC string: ";

    /** Writes a PHC string. */
    static String format(Argon2Type type, int version, int memoryKib, int iterations, int parallelism, byte[] salt,
            byte[] hash) {
        return "$" + type.phcName() + "$v=" + version + "$m=" + memoryKib + ",t=" + iterations + ",p=" + parallelism
                + "$" + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /**
     * Parses and validates a PHC string (ranges of {@link Argon2Params}; salt at least 8 bytes; hash from 4 bytes to
     * {@link Argon2Params#MAX_OUTPUT_LENGTH}).
     *
     * @throws NullPointerException if {@code phc} is null
     * @throws IllegalArgumentException saying what is wrong
     */
    static Phc parse(String phc) {
        Objects.requireNonNull(phc, "phc");
        if (phc.isEmpty() || phc.charAt(0) != '$') {
            throw bad("it must start with '$', as in $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>");
        }
        String[] fields = phc.split("\\$", -1);
        // fields[0] is the empty string before the first '$'; the version field is optional (libargon2).
        boolean hasVersion = fields.length > 2 && fields[2].startsWith("v=");
        if (!hasVersion && fields.length == 6) {
            throw bad("expected the version field 'v=19', found '" + printable(fields[2]) + "'");
        }
        int expected = hasVersion ? 6 : 5;
        if (fields.length != expected) {
            throw bad("expected " + (expected - 1) + " '$'-separated fields ($type" + (hasVersion ? "$v=19" : "")
                    + "$m=..,t=..,p=..$salt$hash), found " + (fields.length - 1));
        }
        Argon2Type type = Argon2Type.fromPhcName(fields[1]);
        if (type == null) {
            throw bad("unknown type '" + printable(fields[1]) + "': expected argon2id, argon2i or argon2d");
        }
        int next = 2;
        int version = Argon2Params.VERSION_10; // libargon2: no v= field means version 1.0
        if (hasVersion) {
            long value = decimal(fields[next++].substring(2), "v");
            if (value != Argon2Params.VERSION_13 && value != Argon2Params.VERSION_10) {
                throw bad("unsupported version v=" + value + ": expected v=19 (0x13) or v=16 (0x10)");
            }
            version = (int) value;
        }
        String[] params = fields[next++].split(",", -1);
        String[] names = {"m", "t", "p"};
        if (params.length != 3) {
            throw bad("expected the parameters m=..,t=..,p=.. (three, in this order), found " + params.length
                    + " comma-separated fields");
        }
        long[] values = new long[3];
        for (int i = 0; i < 3; i++) {
            String field = params[i];
            if (!field.startsWith(names[i] + "=")) {
                throw bad("expected parameter '" + names[i] + "=' at position " + (i + 1) + " of m,t,p, found '"
                        + printable(field) + "'");
            }
            values[i] = decimal(field.substring(2), names[i]);
        }
        check("m", values[0], Argon2Params.MIN_MEMORY_KIB, Argon2Params.MAX_MEMORY_KIB);
        check("t", values[1], Argon2Params.MIN_ITERATIONS, Argon2Params.MAX_ITERATIONS);
        check("p", values[2], Argon2Params.MIN_PARALLELISM, Argon2Params.MAX_PARALLELISM);
        if (values[0] < 8 * values[2]) {
            throw bad("m=" + values[0] + " is below 8 KiB per lane for p=" + values[2]);
        }
        byte[] salt = base64(fields[next++], "salt");
        byte[] hash = base64(fields[next], "hash");
        if (salt.length < Argon2Params.MIN_SALT_LENGTH) {
            throw bad("the salt is " + salt.length + " bytes, shorter than " + Argon2Params.MIN_SALT_LENGTH);
        }
        if (hash.length < Argon2Params.MIN_OUTPUT_LENGTH || hash.length > Argon2Params.MAX_OUTPUT_LENGTH) {
            throw bad("the hash is " + hash.length + " bytes; expected " + Argon2Params.MIN_OUTPUT_LENGTH + " to "
                    + Argon2Params.MAX_OUTPUT_LENGTH);
        }
        return new Phc(type, version, (int) values[0], (int) values[1], (int) values[2], salt, hash);
    }

    private static long decimal(String text, String name) {
        if (text.isEmpty()) {
            throw bad("'" + name + "=' has no value");
        }
        if (text.length() > 10) {
            throw bad("'" + name + "=' has a value of " + text.length() + " characters, too large");
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw bad("'" + name + "=' must be a decimal number, found '" + printable(text) + "'");
            }
            value = value * 10 + (c - '0');
        }
        if (text.length() > 1 && text.charAt(0) == '0') {
            throw bad("'" + name + "=" + text + "' has a leading zero");
        }
        return value;
    }

    private static void check(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw bad(name + "=" + value + " is out of range " + min + " to " + max);
        }
    }

    private static byte[] base64(String text, String what) {
        if (text.isEmpty()) {
            throw bad("the " + what + " is empty");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/';
            if (!ok) {
                throw bad("the " + what + " is not base64 (standard alphabet, no padding): "
                        + (c == '=' ? "'=' padding is not allowed" : "character '" + printable(String.valueOf(c))
                        + "' at index " + i));
            }
        }
        if (text.length() % 4 == 1) {
            throw bad("the " + what + " has " + text.length() + " base64 characters; no byte string encodes to a"
                    + " length of 4k+1");
        }
        byte[] bytes = DECODER.decode(text);
        if (!ENCODER.encodeToString(bytes).equals(text)) {
            throw bad("the " + what + " is not canonical base64 (its last character has unused bits set)");
        }
        return bytes;
    }

    /** Keeps messages readable and bounded: control and non-ASCII characters are escaped, long text cut. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && i < 24; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        if (text.length() > 24) {
            out.append("...");
        }
        return out.toString();
    }

    private static IllegalArgumentException bad(String what) {
        return new IllegalArgumentException(PREFIX + what);
    }

    @Override
    public String toString() {
        return "Phc[" + type.phcName() + " v=" + version + " m=" + memoryKib + " t=" + iterations + " p="
                + parallelism + ", salt " + salt.length + " B, hash " + hash.length + " B]";
    }
}
