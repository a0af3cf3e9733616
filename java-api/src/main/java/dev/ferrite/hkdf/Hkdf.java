package dev.ferrite.hkdf;

import dev.ferrite.Backend;

/**
 * HKDF with SHA-256 (RFC 5869): {@link #extract} a pseudorandom key from input keying material, {@link #expand} it
 * into output keying material bound to a context ({@code info}), or both at once with {@link #derive}.
 *
 * <p>Obtain an implementation from {@link dev.ferrite.Crypto#hkdf()} (the active backend) or
 * {@link dev.ferrite.Crypto#hkdf(Backend)}. Both backends give the same bytes for every input: the native one through
 * AWS-LC's {@code HKDF_extract}/{@code HKDF_expand}, the Java one through the JDK's {@code HmacSHA256}.
 * Implementations are stateless and thread-safe.
 *
 * <p>RFC 5869's limits hold on both: the output is 1 to {@value #MAX_OUTPUT_LENGTH} bytes (255 × 32); a pseudorandom
 * key given to {@link #expand} is at least {@value #HASH_LENGTH} bytes. Anything else is an
 * {@link IllegalArgumentException} saying which limit. A null or empty salt is the RFC's default (32 zero bytes); a
 * null {@code info} is empty.
 */
public interface Hkdf {
    /** Length of SHA-256's output and of the pseudorandom key, in bytes. */
    int HASH_LENGTH = 32;

    /** Most bytes {@link #expand} and {@link #derive} produce: 255 × 32. */
    int MAX_OUTPUT_LENGTH = 255 * HASH_LENGTH;

    /**
     * {@code HKDF-Extract(salt, ikm)}.
     *
     * @param salt the salt; null or empty for 32 zero bytes
     * @param ikm the input keying material
     * @return the 32-byte pseudorandom key; wipe it when done
     * @throws NullPointerException if {@code ikm} is null
     */
    byte[] extract(byte[] salt, byte[] ikm);

    /**
     * {@code HKDF-Expand(prk, info, length)}.
     *
     * @param prk the pseudorandom key, at least 32 bytes
     * @param info the context; null for none
     * @param length how many bytes, 1 to {@value #MAX_OUTPUT_LENGTH}
     * @return the output keying material
     * @throws NullPointerException if {@code prk} is null
     * @throws IllegalArgumentException if {@code length} or the length of {@code prk} is out of range
     */
    byte[] expand(byte[] prk, byte[] info, int length);

    /**
     * {@code HKDF-Expand(HKDF-Extract(salt, ikm), info, length)}; the pseudorandom key in between is wiped.
     *
     * @param salt the salt; null or empty for 32 zero bytes
     * @param ikm the input keying material
     * @param info the context; null for none
     * @param length how many bytes, 1 to {@value #MAX_OUTPUT_LENGTH}
     * @return the output keying material
     * @throws NullPointerException if {@code ikm} is null
     * @throws IllegalArgumentException if {@code length} is out of range
     */
    byte[] derive(byte[] salt, byte[] ikm, byte[] info, int length);

    /**
     * Which backend this is.
     *
     * @return the backend
     */
    Backend backend();
}
