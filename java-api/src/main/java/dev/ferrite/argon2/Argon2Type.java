package dev.ferrite.argon2;

/**
 * The three Argon2 variants (RFC 9106 §3.1). {@link #ID} is the default and the one to use for passwords: it resists
 * both side-channel and GPU attacks. Immutable and thread-safe.
 */
public enum Argon2Type {
    /** Argon2d: data-dependent memory access; fastest, but leaks timing; for proof-of-work, not passwords. */
    D("argon2d", 0),
    /** Argon2i: data-independent memory access; resists side channels, weaker against trade-off attacks. */
    I("argon2i", 1),
    /** Argon2id: Argon2i for the first half of the first pass, Argon2d after; RFC 9106's recommended variant. */
    ID("argon2id", 2);

    private final String phcName;
    private final int code;

    Argon2Type(String phcName, int code) {
        this.phcName = phcName;
        this.code = code;
    }

    /**
     * The identifier in PHC strings: {@code argon2d}, {@code argon2i} or {@code argon2id}.
     *
     * @return the identifier
     */
    public String phcName() {
        return phcName;
    }

    /**
     * The number RFC 9106 gives the type (its {@code y}): 0 for d, 1 for i, 2 for id.
     *
     * @return the number
     */
    public int code() {
        return code;
    }

    /**
     * The type with a PHC identifier.
     *
     * @param phcName {@code argon2d}, {@code argon2i} or {@code argon2id} (exact case)
     * @return the type, or null when the identifier is not one of these
     */
    static Argon2Type fromPhcName(String phcName) {
        for (Argon2Type type : values()) {
            if (type.phcName.equals(phcName)) {
                return type;
            }
        }
        return null;
    }
}
