package dev.ferrite.argon2;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The cost and shape of an Argon2 computation: type, version, memory, iterations, parallelism (lanes), output
 * length, the salt length {@link Argon2#hash} draws, and an optional secret (a "pepper", RFC 9106's {@code K}) and
 * associated data ({@code X}). Immutable; build one with {@link #builder()} or start from a preset:
 *
 * <pre>{@code
 * Argon2Params owasp = Argon2Params.owaspDefault();                 // argon2id, m=19 MiB, t=2, p=1
 * Argon2Params rfc = Argon2Params.rfc9106SecondRecommended();       // argon2id, m=64 MiB, t=3, p=4
 * Argon2Params mine = owasp.toBuilder().memoryKib(47_104).iterations(1).build();
 * }</pre>
 *
 * <p>Every setter checks its value against the {@code MIN_} and {@code MAX_} constants here and throws an
 * {@link IllegalArgumentException} naming the limit; {@link Builder#build()} also checks that memory is at least
 * 8 KiB per lane (RFC 9106). Accessors for the secret and associated data return copies; {@link #toString()} never
 * shows the secret. Thread-safe (immutable).
 */
public final class Argon2Params {
    /** Argon2 version 1.0 ({@code v=16} in PHC strings): accepted to verify old hashes and to derive keys. */
    public static final int VERSION_10 = 0x10;
    /** Argon2 version 1.3 ({@code v=19}), RFC 9106: the version new hashes use. */
    public static final int VERSION_13 = 0x13;

    /** Default type: {@link Argon2Type#ID}. */
    public static final Argon2Type DEFAULT_TYPE = Argon2Type.ID;
    /** Default version: {@link #VERSION_13}. */
    public static final int DEFAULT_VERSION = VERSION_13;
    /** Default memory: 19,456 KiB (19 MiB), the OWASP recommendation. */
    public static final int DEFAULT_MEMORY_KIB = 19_456;
    /** Default iterations (passes over memory): 2, the OWASP recommendation. */
    public static final int DEFAULT_ITERATIONS = 2;
    /** Default parallelism (lanes): 1, the OWASP recommendation. */
    public static final int DEFAULT_PARALLELISM = 1;
    /** Default output (hash) length: 32 bytes. */
    public static final int DEFAULT_OUTPUT_LENGTH = 32;
    /** Default salt length drawn by {@link Argon2#hash}: 16 bytes, as RFC 9106 recommends. */
    public static final int DEFAULT_SALT_LENGTH = 16;

    /** Least memory in KiB (RFC 9106); memory must also be at least 8 KiB per lane. */
    public static final int MIN_MEMORY_KIB = 8;
    /** Most memory in KiB: 2<sup>31</sup> − 1 (2 TiB; RFC 9106 allows 2<sup>32</sup> − 1). */
    public static final int MAX_MEMORY_KIB = Integer.MAX_VALUE;
    /** Least iterations: 1. */
    public static final int MIN_ITERATIONS = 1;
    /** Most iterations: 2<sup>31</sup> − 1. */
    public static final int MAX_ITERATIONS = Integer.MAX_VALUE;
    /** Least parallelism: 1 lane. */
    public static final int MIN_PARALLELISM = 1;
    /** Most parallelism: 2<sup>24</sup> − 1 lanes (RFC 9106). */
    public static final int MAX_PARALLELISM = (1 << 24) - 1;
    /** Shortest output: 4 bytes (RFC 9106). */
    public static final int MIN_OUTPUT_LENGTH = 4;
    /** Longest output: 1 MiB, Ferrite's limit (RFC 9106 allows 2<sup>32</sup> − 1 bytes; keys need at most 64). */
    public static final int MAX_OUTPUT_LENGTH = 1 << 20;
    /** Shortest salt: 8 bytes (RFC 9106). */
    public static final int MIN_SALT_LENGTH = 8;
    /**
     * Longest associated data: 32 bytes, the limit of the native backend's Argon2 (RustCrypto {@code argon2}); both
     * backends enforce it so they accept the same inputs. (RFC 9106 allows 2<sup>32</sup> − 1 bytes.)
     */
    public static final int MAX_ASSOCIATED_DATA_LENGTH = 32;
    /** Longest salt {@link Argon2#hash} draws: 1,024 bytes (salts given to {@code deriveKey} may be longer). */
    public static final int MAX_SALT_LENGTH = 1024;

    private static final byte[] EMPTY = new byte[0];
    private static final Argon2Params OWASP = builder().build();
    private static final Argon2Params RFC9106_FIRST =
            builder().memoryKib(2 * 1024 * 1024).iterations(1).parallelism(4).build();
    private static final Argon2Params RFC9106_SECOND =
            builder().memoryKib(64 * 1024).iterations(3).parallelism(4).build();

    private final Argon2Type type;
    private final int version;
    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final int outputLength;
    private final int saltLength;
    private final byte[] secret;
    private final byte[] associatedData;

    private Argon2Params(Builder b) {
        this.type = b.type;
        this.version = b.version;
        this.memoryKib = b.memoryKib;
        this.iterations = b.iterations;
        this.parallelism = b.parallelism;
        this.outputLength = b.outputLength;
        this.saltLength = b.saltLength;
        this.secret = b.secret;
        this.associatedData = b.associatedData;
    }

    /**
     * The OWASP Password Storage Cheat Sheet's first Argon2id setting: m=19 MiB (19,456 KiB), t=2, p=1, 16-byte salt,
     * 32-byte hash. These are also the {@code DEFAULT_} values.
     *
     * @return the preset
     */
    public static Argon2Params owaspDefault() {
        return OWASP;
    }

    /**
     * RFC 9106 §4's first recommended option: Argon2id, m=2 GiB (2,097,152 KiB), t=1, p=4, 16-byte salt, 32-byte
     * hash. Note that {@link Argon2VerifyOptions#defaults()} refuses more than 1 GiB when verifying: raise its ceiling
     * if you use this.
     *
     * @return the preset
     */
    public static Argon2Params rfc9106FirstRecommended() {
        return RFC9106_FIRST;
    }

    /**
     * RFC 9106 §4's second recommended option, for memory-constrained settings: Argon2id, m=64 MiB (65,536 KiB), t=3,
     * p=4, 16-byte salt, 32-byte hash.
     *
     * @return the preset
     */
    public static Argon2Params rfc9106SecondRecommended() {
        return RFC9106_SECOND;
    }

    /**
     * A builder starting from the defaults ({@link #owaspDefault()}).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from these parameters.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.type = type;
        b.version = version;
        b.memoryKib = memoryKib;
        b.iterations = iterations;
        b.parallelism = parallelism;
        b.outputLength = outputLength;
        b.saltLength = saltLength;
        b.secret = secret;
        b.associatedData = associatedData;
        return b;
    }

    /**
     * Returns the type.
     *
     * @return the type
     */
    public Argon2Type type() {
        return type;
    }

    /**
     * Returns the version: {@link #VERSION_13} or {@link #VERSION_10}.
     *
     * @return the version: {@link #VERSION_13} or {@link #VERSION_10}
     */
    public int version() {
        return version;
    }

    /**
     * Returns the memory in KiB (RFC 9106's {@code m}).
     *
     * @return the memory in KiB (RFC 9106's {@code m})
     */
    public int memoryKib() {
        return memoryKib;
    }

    /**
     * Returns the number of passes over memory ({@code t}).
     *
     * @return the number of passes over memory ({@code t})
     */
    public int iterations() {
        return iterations;
    }

    /**
     * Returns the number of lanes ({@code p}).
     *
     * @return the number of lanes ({@code p})
     */
    public int parallelism() {
        return parallelism;
    }

    /**
     * Returns the output (hash) length in bytes ({@code T}).
     *
     * @return the output (hash) length in bytes ({@code T})
     */
    public int outputLength() {
        return outputLength;
    }

    /**
     * Returns the length of the random salt {@link Argon2#hash} draws, in bytes.
     *
     * @return the length of the random salt {@link Argon2#hash} draws, in bytes
     */
    public int saltLength() {
        return saltLength;
    }

    /**
     * Returns whether a secret is set.
     *
     * @return whether a secret is set
     */
    public boolean hasSecret() {
        return secret.length > 0;
    }

    /**
     * Returns a copy of the secret ({@code K}); empty when none is set.
     *
     * @return a copy of the secret ({@code K}); empty when none is set
     */
    public byte[] secret() {
        return secret.clone();
    }

    /**
     * Returns a copy of the associated data ({@code X}); empty when none is set.
     *
     * @return a copy of the associated data ({@code X}); empty when none is set
     */
    public byte[] associatedData() {
        return associatedData.clone();
    }

    /** The secret without a copy, for the implementations in this package; never modify it. */
    byte[] secretUnsafe() {
        return secret;
    }

    /** The associated data without a copy, for the implementations in this package; never modify it. */
    byte[] associatedDataUnsafe() {
        return associatedData;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Argon2Params p && type == p.type && version == p.version && memoryKib == p.memoryKib
                && iterations == p.iterations && parallelism == p.parallelism && outputLength == p.outputLength
                && saltLength == p.saltLength && MessageDigest.isEqual(secret, p.secret)
                && Arrays.equals(associatedData, p.associatedData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, version, memoryKib, iterations, parallelism, outputLength, saltLength,
                Arrays.hashCode(associatedData), secret.length);
    }

    /** The parameters in PHC style; the secret is shown only as present or not, never its bytes. */
    @Override
    public String toString() {
        return "Argon2Params[" + type.phcName() + " v=" + version + " m=" + memoryKib + " t=" + iterations + " p="
                + parallelism + ", output " + outputLength + " B, salt " + saltLength + " B"
                + (secret.length > 0 ? ", secret set" : "")
                + (associatedData.length > 0 ? ", associated data " + associatedData.length + " B" : "") + "]";
    }

    static void checkRange(String what, long value, long min, long max, String minName, String maxName) {
        if (value < min) {
            throw new IllegalArgumentException(what + " is " + value + ", below the minimum " + min + " ("
                    + minName + ")");
        }
        if (value > max) {
            throw new IllegalArgumentException(what + " is " + value + ", above the maximum " + max + " ("
                    + maxName + ")");
        }
    }

    /** Memory must hold at least two blocks per lane and slice (RFC 9106: m ≥ 8·p). */
    static void checkMemoryPerLane(long memoryKib, long parallelism) {
        if (memoryKib < 8L * parallelism) {
            throw new IllegalArgumentException("memory is " + memoryKib + " KiB, below 8 KiB per lane: "
                    + parallelism + " lanes need at least " + 8L * parallelism + " KiB (RFC 9106)");
        }
    }

    static void checkAssociatedData(byte[] associatedData) {
        if (associatedData != null && associatedData.length > MAX_ASSOCIATED_DATA_LENGTH) {
            throw new IllegalArgumentException("associated data is " + associatedData.length
                    + " bytes, above the maximum " + MAX_ASSOCIATED_DATA_LENGTH + " (MAX_ASSOCIATED_DATA_LENGTH)");
        }
    }

    static void checkVersion(int version) {
        if (version != VERSION_13 && version != VERSION_10) {
            throw new IllegalArgumentException("version is 0x" + Integer.toHexString(version)
                    + ": Argon2 has versions 0x13 (VERSION_13) and 0x10 (VERSION_10)");
        }
    }

    /**
     * Builds {@link Argon2Params}. Each setter validates its own value at once; {@link #build()} checks the
     * combination. Not thread-safe.
     */
    public static final class Builder {
        private Argon2Type type = DEFAULT_TYPE;
        private int version = DEFAULT_VERSION;
        private int memoryKib = DEFAULT_MEMORY_KIB;
        private int iterations = DEFAULT_ITERATIONS;
        private int parallelism = DEFAULT_PARALLELISM;
        private int outputLength = DEFAULT_OUTPUT_LENGTH;
        private int saltLength = DEFAULT_SALT_LENGTH;
        private byte[] secret = EMPTY;
        private byte[] associatedData = EMPTY;

        private Builder() {}

        /**
         * Sets the variant.
         *
         * @param type the variant ({@link Argon2Type#ID} by default)
         * @return this builder
         * @throws NullPointerException if {@code type} is null
         */
        public Builder type(Argon2Type type) {
            this.type = Objects.requireNonNull(type, "type");
            return this;
        }

        /**
         * Sets the version.
         *
         * @param version {@link #VERSION_13} (default) or {@link #VERSION_10}; {@link Argon2#hash} refuses 0x10
         * @return this builder
         * @throws IllegalArgumentException for any other value
         */
        public Builder version(int version) {
            checkVersion(version);
            this.version = version;
            return this;
        }

        /**
         * Sets the memory cost.
         *
         * @param memoryKib memory in KiB, from {@link #MIN_MEMORY_KIB} to {@link #MAX_MEMORY_KIB}, and at least 8 per
         *     lane (checked by {@link #build()})
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder memoryKib(int memoryKib) {
            checkRange("memory (KiB)", memoryKib, MIN_MEMORY_KIB, MAX_MEMORY_KIB, "MIN_MEMORY_KIB", "MAX_MEMORY_KIB");
            this.memoryKib = memoryKib;
            return this;
        }

        /**
         * Sets the number of passes.
         *
         * @param iterations passes over memory, from {@link #MIN_ITERATIONS} to {@link #MAX_ITERATIONS}
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder iterations(int iterations) {
            checkRange("iterations", iterations, MIN_ITERATIONS, MAX_ITERATIONS, "MIN_ITERATIONS", "MAX_ITERATIONS");
            this.iterations = iterations;
            return this;
        }

        /**
         * Sets the number of lanes.
         *
         * @param parallelism lanes, from {@link #MIN_PARALLELISM} to {@link #MAX_PARALLELISM}; the native backend
         *     fills them in parallel on its worker pool, the fallback one after another
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder parallelism(int parallelism) {
            checkRange("parallelism", parallelism, MIN_PARALLELISM, MAX_PARALLELISM, "MIN_PARALLELISM",
                    "MAX_PARALLELISM");
            this.parallelism = parallelism;
            return this;
        }

        /**
         * Sets the hash length.
         *
         * @param outputLength hash length in bytes, from {@link #MIN_OUTPUT_LENGTH} to {@link #MAX_OUTPUT_LENGTH}
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder outputLength(int outputLength) {
            checkRange("output length", outputLength, MIN_OUTPUT_LENGTH, MAX_OUTPUT_LENGTH, "MIN_OUTPUT_LENGTH",
                    "MAX_OUTPUT_LENGTH");
            this.outputLength = outputLength;
            return this;
        }

        /**
         * Sets the salt length.
         *
         * @param saltLength length of the random salt {@link Argon2#hash} draws, from {@link #MIN_SALT_LENGTH} to
         *     {@link #MAX_SALT_LENGTH}
         * @return this builder
         * @throws IllegalArgumentException when out of range
         */
        public Builder saltLength(int saltLength) {
            checkRange("salt length", saltLength, MIN_SALT_LENGTH, MAX_SALT_LENGTH, "MIN_SALT_LENGTH",
                    "MAX_SALT_LENGTH");
            this.saltLength = saltLength;
            return this;
        }

        /**
         * A secret key mixed into every hash (RFC 9106's {@code K}, a "pepper"); it is not written into PHC strings,
         * so verifying needs it again ({@link Argon2VerifyOptions#secret(byte[])}).
         *
         * @param secret the secret, copied (wipe your array when done); empty or null for none
         * @return this builder
         */
        public Builder secret(byte[] secret) {
            this.secret = secret == null || secret.length == 0 ? EMPTY : secret.clone();
            return this;
        }

        /**
         * Associated data mixed into every hash (RFC 9106's {@code X}); like the secret, not written into PHC strings.
         *
         * @param associatedData the data, copied, at most {@link #MAX_ASSOCIATED_DATA_LENGTH} bytes; empty or null
         *     for none
         * @return this builder
         * @throws IllegalArgumentException when longer than {@link #MAX_ASSOCIATED_DATA_LENGTH}
         */
        public Builder associatedData(byte[] associatedData) {
            checkAssociatedData(associatedData);
            this.associatedData = associatedData == null || associatedData.length == 0 ? EMPTY
                    : associatedData.clone();
            return this;
        }

        /**
         * Builds the parameters, checking the combination.
         *
         * @return the parameters
         * @throws IllegalArgumentException when memory is below 8 KiB per lane
         */
        public Argon2Params build() {
            checkMemoryPerLane(memoryKib, parallelism);
            return new Argon2Params(this);
        }
    }
}
