package dev.ferrite.argon2;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

/**
 * Everything both backends share: argument checks, PHC strings, salts, UTF-8 passwords, the cost ceiling and the
 * constant-time comparison. A backend supplies only {@link #compute}. Thread-safe.
 */
abstract class AbstractArgon2 implements Argon2 {
    /** Thread-safe; seeded from the operating system. */
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Argon2 of {@code password} into all of {@code out}. Every argument has been validated: the ranges of
     * {@link Argon2Params}, memory at least 8 KiB per lane, salt at least 8 bytes, {@code out} 4 bytes to
     * {@link Argon2Params#MAX_OUTPUT_LENGTH}.
     *
     * @param secret empty when there is none
     * @param associatedData empty when there is none
     */
    abstract void compute(Argon2Type type, int version, int memoryKib, int iterations, int parallelism,
            byte[] password, byte[] salt, byte[] secret, byte[] associatedData, byte[] out);

    @Override
    public final String hash(byte[] password, Argon2Params params) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(params, "params");
        if (params.version() != Argon2Params.VERSION_13) {
            throw new IllegalArgumentException("version 0x" + Integer.toHexString(params.version())
                    + " is accepted only for verifying old hashes and deriving keys; new hashes use 0x13 (VERSION_13)");
        }
        byte[] salt = new byte[params.saltLength()];
        RANDOM.nextBytes(salt);
        byte[] out = new byte[params.outputLength()];
        compute(params.type(), params.version(), params.memoryKib(), params.iterations(), params.parallelism(),
                password, salt, params.secretUnsafe(), params.associatedDataUnsafe(), out);
        return Phc.format(params.type(), params.version(), params.memoryKib(), params.iterations(),
                params.parallelism(), salt, out);
    }

    @Override
    public final String hash(char[] password, Argon2Params params) {
        Objects.requireNonNull(params, "params");
        byte[] bytes = Utf8.encode(password);
        try {
            return hash(bytes, params);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public final boolean verify(String phc, byte[] password) {
        return verify(phc, password, Argon2VerifyOptions.defaults());
    }

    @Override
    public final boolean verify(String phc, char[] password) {
        return verify(phc, password, Argon2VerifyOptions.defaults());
    }

    @Override
    public final boolean verify(String phc, byte[] password, Argon2VerifyOptions options) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(options, "options");
        Phc parsed = Phc.parse(phc);
        options.checkCost(parsed.memoryKib(), parsed.iterations(), parsed.parallelism());
        byte[] expected = parsed.hash();
        byte[] actual = new byte[expected.length];
        try {
            compute(parsed.type(), parsed.version(), parsed.memoryKib(), parsed.iterations(), parsed.parallelism(),
                    password, parsed.salt(), options.secretUnsafe(), options.associatedDataUnsafe(), actual);
            return MessageDigest.isEqual(expected, actual); // constant time for equal lengths
        } finally {
            Arrays.fill(actual, (byte) 0);
        }
    }

    @Override
    public final boolean verify(String phc, char[] password, Argon2VerifyOptions options) {
        Objects.requireNonNull(phc, "phc");
        Objects.requireNonNull(options, "options");
        byte[] bytes = Utf8.encode(password);
        try {
            return verify(phc, bytes, options);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public final boolean needsRehash(String phc, Argon2Params params) {
        Objects.requireNonNull(params, "params");
        Phc parsed = Phc.parse(phc);
        return parsed.type() != params.type()
                || parsed.version() != params.version()
                || parsed.memoryKib() != params.memoryKib()
                || parsed.iterations() != params.iterations()
                || parsed.parallelism() != params.parallelism()
                || parsed.hash().length != params.outputLength()
                || parsed.salt().length < params.saltLength();
    }

    @Override
    public final byte[] deriveKey(byte[] password, byte[] salt, Argon2Params params, int length) {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(params, "params");
        if (salt.length < Argon2Params.MIN_SALT_LENGTH) {
            throw new IllegalArgumentException("salt is " + salt.length + " bytes, below the minimum "
                    + Argon2Params.MIN_SALT_LENGTH + " (MIN_SALT_LENGTH)");
        }
        Argon2Params.checkRange("output length", length, Argon2Params.MIN_OUTPUT_LENGTH,
                Argon2Params.MAX_OUTPUT_LENGTH, "MIN_OUTPUT_LENGTH", "MAX_OUTPUT_LENGTH");
        byte[] out = new byte[length];
        compute(params.type(), params.version(), params.memoryKib(), params.iterations(), params.parallelism(),
                password, salt, params.secretUnsafe(), params.associatedDataUnsafe(), out);
        return out;
    }

    @Override
    public final byte[] deriveKey(char[] password, byte[] salt, Argon2Params params, int length) {
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(params, "params");
        byte[] bytes = Utf8.encode(password);
        try {
            return deriveKey(bytes, salt, params, length);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + backend() + "]";
    }
}
