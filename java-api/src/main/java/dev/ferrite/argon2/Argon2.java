package dev.ferrite.argon2;

import dev.ferrite.Backend;

/**
 * Argon2 password hashing (RFC 9106) with PHC strings that interoperate with libargon2 and the libraries built on it
 * (argon2-jvm, Spring Security, passlib, argon2-cffi, PHP's {@code password_hash}).
 *
 * <pre>{@code
 * Argon2 argon2 = Crypto.argon2();
 * String phc = argon2.hash(password, Argon2Params.owaspDefault());  // "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>"
 * boolean ok = argon2.verify(phc, password);                           // false for a wrong password
 * if (ok && argon2.needsRehash(phc, currentParams)) { store(argon2.hash(password, currentParams)); }
 * byte[] key = argon2.deriveKey(password, salt, Argon2Params.owaspDefault(), 32);
 * }</pre>
 *
 * <p>Passwords are {@code byte[]} (used as given) or {@code char[]} (encoded as UTF-8; the byte array Ferrite creates
 * for it is wiped after use, so wipe your {@code char[]} when you are done). Both backends give the same bytes for
 * every input. The native backend fills the lanes ({@code p}) in parallel on its worker pool; the fallback (Bouncy
 * Castle) fills them one after another.
 *
 * <p>Obtain an implementation from {@link dev.ferrite.Crypto#argon2()}. Implementations are stateless and
 * thread-safe. Each call needs {@code m} KiB of working memory: the Java heap on the fallback (an
 * {@link OutOfMemoryError} when it does not fit), native memory on the native backend (mapped per call, or the wiped
 * buffer of the previous call reused; an {@link OutOfMemoryError} when the mapping fails).
 * On Linux with memory overcommit the mapping can succeed and the kernel's OOM killer strike later, so keep
 * {@code m} times the number of concurrent calls within the memory you have. Calls can't be interrupted; a long
 * native call also keeps a virtual thread's carrier busy.
 */
public interface Argon2 {
    /**
     * Hashes a password with a fresh random salt ({@link Argon2Params#saltLength()} bytes from
     * {@link java.security.SecureRandom}) and returns the PHC string.
     *
     * @param password the password, used as given
     * @param params the parameters; their secret and associated data are used but not written into the string
     * @return {@code $argon2<type>$v=19$m=<m>,t=<t>,p=<p>$<salt>$<hash>}, base64 without padding
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code params} has version 0x10 (only for verifying old hashes)
     */
    String hash(byte[] password, Argon2Params params);

    /**
     * Hashes a password given as characters, encoded as UTF-8; see {@link #hash(byte[], Argon2Params)}.
     *
     * @param password the password
     * @param params the parameters
     * @return the PHC string
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code password} has an unpaired surrogate (not valid UTF-16), or
     *     {@code params} has version 0x10
     */
    String hash(char[] password, Argon2Params params);

    /**
     * Checks a password against a PHC string, within {@link Argon2VerifyOptions#defaults()} (at most 1 GiB, 32
     * passes, 255 lanes; no secret). Comparison of the hashes takes time independent of where they differ.
     *
     * @param phc the stored string, from Ferrite or any library writing the PHC format (with or without {@code v=})
     * @param password the password to check
     * @return true if it matches, false for a wrong password
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code phc} is malformed (the message says how), or asks for more than the
     *     ceilings
     */
    boolean verify(String phc, byte[] password);

    /**
     * Like {@link #verify(String, byte[])}, for a password given as characters (UTF-8).
     *
     * @param phc the stored string
     * @param password the password to check
     * @return true if it matches
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code phc} is malformed or too costly, or {@code password} has an
     *     unpaired surrogate
     */
    boolean verify(String phc, char[] password);

    /**
     * Checks a password against a PHC string with explicit ceilings, secret and associated data.
     *
     * @param phc the stored string
     * @param password the password to check
     * @param options the cost ceilings, and the secret and associated data the hash was made with
     * @return true if it matches
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code phc} is malformed or asks for more than {@code options} allow
     */
    boolean verify(String phc, byte[] password, Argon2VerifyOptions options);

    /**
     * Like {@link #verify(String, byte[], Argon2VerifyOptions)}, for a password given as characters (UTF-8).
     *
     * @param phc the stored string
     * @param password the password to check
     * @param options the cost ceilings, secret and associated data
     * @return true if it matches
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code phc} is malformed or too costly, or {@code password} has an
     *     unpaired surrogate
     */
    boolean verify(String phc, char[] password, Argon2VerifyOptions options);

    /**
     * Whether a stored hash was made with other parameters than {@code params}, so it should be replaced by a new
     * {@link #hash} the next time the password is at hand. True when the type, version, memory, iterations,
     * parallelism or hash length differ, or the salt is shorter than {@code params.saltLength()}. (A secret or
     * associated data are not recorded in the string and so are not compared.)
     *
     * @param phc the stored string
     * @param params the parameters new hashes should have
     * @return true if the hash should be replaced
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code phc} is malformed
     */
    boolean needsRehash(String phc, Argon2Params params);

    /**
     * Derives raw key material: Argon2 of {@code password} and {@code salt} with {@code params} (type, version, cost,
     * secret, associated data), producing {@code length} bytes. {@code params.outputLength()} and
     * {@code params.saltLength()} are not used.
     *
     * @param password the password, used as given
     * @param salt the salt, at least {@link Argon2Params#MIN_SALT_LENGTH} bytes
     * @param params the parameters
     * @param length output length, from {@link Argon2Params#MIN_OUTPUT_LENGTH} to
     *     {@link Argon2Params#MAX_OUTPUT_LENGTH}
     * @return the key material
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the salt is too short or {@code length} out of range
     */
    byte[] deriveKey(byte[] password, byte[] salt, Argon2Params params, int length);

    /**
     * Like {@link #deriveKey(byte[], byte[], Argon2Params, int)}, for a password given as characters (UTF-8).
     *
     * @param password the password
     * @param salt the salt
     * @param params the parameters
     * @param length output length
     * @return the key material
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the salt is too short, {@code length} out of range, or {@code password}
     *     has an unpaired surrogate
     */
    byte[] deriveKey(char[] password, byte[] salt, Argon2Params params, int length);

    /**
     * The backend this implementation runs on.
     *
     * @return {@link Backend#NATIVE} or {@link Backend#JAVA}
     */
    Backend backend();
}
