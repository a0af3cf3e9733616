package dev.ferrite.argon2;

import java.util.Objects;

/**
 * What {@link Argon2#verify(String, byte[], Argon2VerifyOptions)} allows and needs beyond the PHC string: a ceiling on
 * the cost a string may ask for, so a hostile or corrupted hash can't make the server allocate gigabytes or loop for
 * minutes, and the secret and associated data the hash was made with (PHC strings don't carry them).
 *
 * <pre>{@code
 * Argon2VerifyOptions options = Argon2VerifyOptions.defaults()      // at most 1 GiB, 32 passes, 255 lanes
 *         .maxMemoryKib(2 * 1024 * 1024)                             // allow RFC 9106's first recommendation
 *         .secret(pepper);
 * boolean ok = Crypto.argon2().verify(phc, password, options);
 * }</pre>
 *
 * <p>Immutable: each method returns a new object. {@link #toString()} never shows the secret. Thread-safe.
 */
public final class Argon2VerifyOptions {
    /** Default memory ceiling: 1,048,576 KiB (1 GiB). */
    public static final int DEFAULT_MAX_MEMORY_KIB = 1024 * 1024;
    /** Default iteration ceiling: 32 passes. */
    public static final int DEFAULT_MAX_ITERATIONS = 32;
    /** Default parallelism ceiling: 255 lanes. */
    public static final int DEFAULT_MAX_PARALLELISM = 255;

    private static final byte[] EMPTY = new byte[0];
    private static final Argon2VerifyOptions DEFAULTS = new Argon2VerifyOptions(DEFAULT_MAX_MEMORY_KIB,
            DEFAULT_MAX_ITERATIONS, DEFAULT_MAX_PARALLELISM, EMPTY, EMPTY);

    private final int maxMemoryKib;
    private final int maxIterations;
    private final int maxParallelism;
    private final byte[] secret;
    private final byte[] associatedData;

    private Argon2VerifyOptions(int maxMemoryKib, int maxIterations, int maxParallelism, byte[] secret,
            byte[] associatedData) {
        this.maxMemoryKib = maxMemoryKib;
        this.maxIterations = maxIterations;
        this.maxParallelism = maxParallelism;
        this.secret = secret;
        this.associatedData = associatedData;
    }

    /**
     * The defaults: at most {@value #DEFAULT_MAX_MEMORY_KIB} KiB of memory, {@value #DEFAULT_MAX_ITERATIONS} passes
     * and {@value #DEFAULT_MAX_PARALLELISM} lanes; no secret, no associated data.
     *
     * @return the defaults
     */
    public static Argon2VerifyOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Options that accept hashes made with {@code params}: the ceilings are raised to its cost where it exceeds the
     * defaults, and its secret and associated data are used.
     *
     * @param params the parameters new hashes are made with
     * @return the options
     * @throws NullPointerException when {@code params} is null
     */
    public static Argon2VerifyOptions forParams(Argon2Params params) {
        Objects.requireNonNull(params, "params");
        return new Argon2VerifyOptions(Math.max(DEFAULT_MAX_MEMORY_KIB, params.memoryKib()),
                Math.max(DEFAULT_MAX_ITERATIONS, params.iterations()),
                Math.max(DEFAULT_MAX_PARALLELISM, params.parallelism()), params.secretUnsafe(),
                params.associatedDataUnsafe());
    }

    /**
     * Sets the memory ceiling.
     *
     * @param maxMemoryKib the most memory (KiB) a PHC string may ask for, from {@link Argon2Params#MIN_MEMORY_KIB}
     * @return new options with this ceiling
     * @throws IllegalArgumentException when below the minimum
     */
    public Argon2VerifyOptions maxMemoryKib(int maxMemoryKib) {
        Argon2Params.checkRange("memory ceiling (KiB)", maxMemoryKib, Argon2Params.MIN_MEMORY_KIB,
                Argon2Params.MAX_MEMORY_KIB, "Argon2Params.MIN_MEMORY_KIB", "Argon2Params.MAX_MEMORY_KIB");
        return new Argon2VerifyOptions(maxMemoryKib, maxIterations, maxParallelism, secret, associatedData);
    }

    /**
     * Sets the iteration ceiling.
     *
     * @param maxIterations the most passes a PHC string may ask for, at least 1
     * @return new options with this ceiling
     * @throws IllegalArgumentException when below 1
     */
    public Argon2VerifyOptions maxIterations(int maxIterations) {
        Argon2Params.checkRange("iteration ceiling", maxIterations, Argon2Params.MIN_ITERATIONS,
                Argon2Params.MAX_ITERATIONS, "Argon2Params.MIN_ITERATIONS", "Argon2Params.MAX_ITERATIONS");
        return new Argon2VerifyOptions(maxMemoryKib, maxIterations, maxParallelism, secret, associatedData);
    }

    /**
     * Sets the parallelism ceiling.
     *
     * @param maxParallelism the most lanes a PHC string may ask for, from 1 to
     *     {@link Argon2Params#MAX_PARALLELISM}
     * @return new options with this ceiling
     * @throws IllegalArgumentException when out of range
     */
    public Argon2VerifyOptions maxParallelism(int maxParallelism) {
        Argon2Params.checkRange("parallelism ceiling", maxParallelism, Argon2Params.MIN_PARALLELISM,
                Argon2Params.MAX_PARALLELISM, "Argon2Params.MIN_PARALLELISM", "Argon2Params.MAX_PARALLELISM");
        return new Argon2VerifyOptions(maxMemoryKib, maxIterations, maxParallelism, secret, associatedData);
    }

    /**
     * Sets the secret.
     *
     * @param secret the secret ({@code K}) the hashes were made with, copied; null or empty for none
     * @return new options with this secret
     */
    public Argon2VerifyOptions secret(byte[] secret) {
        return new Argon2VerifyOptions(maxMemoryKib, maxIterations, maxParallelism,
                secret == null || secret.length == 0 ? EMPTY : secret.clone(), associatedData);
    }

    /**
     * Sets the associated data.
     *
     * @param associatedData the associated data ({@code X}) the hashes were made with, copied, at most
     *     {@link Argon2Params#MAX_ASSOCIATED_DATA_LENGTH} bytes; null or empty for none
     * @return new options with this associated data
     * @throws IllegalArgumentException when too long
     */
    public Argon2VerifyOptions associatedData(byte[] associatedData) {
        Argon2Params.checkAssociatedData(associatedData);
        return new Argon2VerifyOptions(maxMemoryKib, maxIterations, maxParallelism, secret,
                associatedData == null || associatedData.length == 0 ? EMPTY : associatedData.clone());
    }

    /**
     * Returns the memory ceiling in KiB.
     *
     * @return the memory ceiling in KiB
     */
    public int maxMemoryKib() {
        return maxMemoryKib;
    }

    /**
     * Returns the iteration ceiling.
     *
     * @return the iteration ceiling
     */
    public int maxIterations() {
        return maxIterations;
    }

    /**
     * Returns the parallelism ceiling.
     *
     * @return the parallelism ceiling
     */
    public int maxParallelism() {
        return maxParallelism;
    }

    byte[] secretUnsafe() {
        return secret;
    }

    byte[] associatedDataUnsafe() {
        return associatedData;
    }

    /** Throws unless the cost in a PHC string is within these ceilings. */
    void checkCost(long memoryKib, long iterations, long parallelism) {
        if (memoryKib > maxMemoryKib) {
            throw new IllegalArgumentException("the hash asks for m=" + memoryKib + " KiB, above the ceiling of "
                    + maxMemoryKib + " KiB (Argon2VerifyOptions.maxMemoryKib)");
        }
        if (iterations > maxIterations) {
            throw new IllegalArgumentException("the hash asks for t=" + iterations + " passes, above the ceiling of "
                    + maxIterations + " (Argon2VerifyOptions.maxIterations)");
        }
        if (parallelism > maxParallelism) {
            throw new IllegalArgumentException("the hash asks for p=" + parallelism + " lanes, above the ceiling of "
                    + maxParallelism + " (Argon2VerifyOptions.maxParallelism)");
        }
    }

    @Override
    public String toString() {
        return "Argon2VerifyOptions[max m=" + maxMemoryKib + " KiB, max t=" + maxIterations + ", max p="
                + maxParallelism + (secret.length > 0 ? ", secret set" : "")
                + (associatedData.length > 0 ? ", associated data " + associatedData.length + " B" : "") + "]";
    }
}
