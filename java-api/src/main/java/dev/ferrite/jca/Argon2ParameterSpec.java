package dev.ferrite.jca;

import dev.ferrite.argon2.Argon2Params;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * The input of Ferrite's Argon2 key derivation through {@code javax.crypto.KDF} (JDK 25 and later; see
 * {@link FerriteProvider}): password, salt, {@link Argon2Params} (type, version, memory, iterations, parallelism,
 * optional secret and associated data) and the output length.
 *
 * <pre>{@code
 * KDF kdf = KDF.getInstance("Argon2id", new FerriteProvider());
 * Argon2ParameterSpec spec = new Argon2ParameterSpec(password, salt, Argon2Params.owaspDefault(), 32);
 * SecretKey key = kdf.deriveKey("AES", spec);   // or byte[] raw = kdf.deriveData(spec)
 * spec.clear();
 * }</pre>
 *
 * <p>The KDF's algorithm must match {@code params.type()} ({@code Argon2id} for {@code Argon2Type.ID} and so on);
 * {@code params.outputLength()} and {@code params.saltLength()} are not used (the output length and the salt given
 * here are). The password and salt are copied; a {@code char[]} password is encoded as UTF-8 (an unpaired surrogate
 * is refused). {@link #clear()} (or {@link #destroy()}) wipes the copied password; {@link #toString()} never shows
 * it. This class compiles and loads on JDK 17 (it does not depend on the KDF API). Thread-safe for reading; don't
 * clear it while a derivation uses it.
 */
public final class Argon2ParameterSpec implements AlgorithmParameterSpec, Destroyable {
    private final byte[] password;
    private final byte[] salt;
    private final Argon2Params params;
    private final int outputLength;
    private volatile boolean cleared;

    /**
     * A spec with the password as bytes (used as given).
     *
     * @param password the password (copied)
     * @param salt the salt (copied), at least {@link Argon2Params#MIN_SALT_LENGTH} bytes
     * @param params the Argon2 parameters
     * @param outputLength bytes to derive, from {@link Argon2Params#MIN_OUTPUT_LENGTH} to
     *     {@link Argon2Params#MAX_OUTPUT_LENGTH}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the salt is shorter than {@link Argon2Params#MIN_SALT_LENGTH} or longer
     *     than {@link Argon2Params#MAX_SALT_LENGTH}, or {@code outputLength} is out of range (the message says which)
     */
    public Argon2ParameterSpec(byte[] password, byte[] salt, Argon2Params params, int outputLength) {
        this(Objects.requireNonNull(password, "password").clone(), salt, params, outputLength, true);
    }

    /**
     * A spec with the password as characters, encoded as UTF-8 (the encoded copy is wiped by {@link #clear()}).
     *
     * @param password the password (not kept; wipe it when done)
     * @param salt the salt (copied), at least {@link Argon2Params#MIN_SALT_LENGTH} bytes
     * @param params the Argon2 parameters
     * @param outputLength bytes to derive, from {@link Argon2Params#MIN_OUTPUT_LENGTH} to
     *     {@link Argon2Params#MAX_OUTPUT_LENGTH}
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code password} has an unpaired surrogate, the salt length or
     *     {@code outputLength} is out of range (the message says which)
     */
    public Argon2ParameterSpec(char[] password, byte[] salt, Argon2Params params, int outputLength) {
        this(utf8(Objects.requireNonNull(password, "password")), salt, params, outputLength, true);
    }

    /** The one that checks; {@code owned} only tells it apart from the public one: it takes the password over. */
    private Argon2ParameterSpec(byte[] ownedPassword, byte[] salt, Argon2Params params, int outputLength,
            boolean owned) {
        if (salt == null || params == null) {
            Arrays.fill(ownedPassword, (byte) 0);
            throw new NullPointerException(salt == null ? "salt" : "params");
        }
        if (salt.length < Argon2Params.MIN_SALT_LENGTH || salt.length > Argon2Params.MAX_SALT_LENGTH) {
            Arrays.fill(ownedPassword, (byte) 0);
            throw new IllegalArgumentException("the salt must be " + Argon2Params.MIN_SALT_LENGTH + " to "
                    + Argon2Params.MAX_SALT_LENGTH + " bytes, got " + salt.length);
        }
        if (outputLength < Argon2Params.MIN_OUTPUT_LENGTH || outputLength > Argon2Params.MAX_OUTPUT_LENGTH) {
            Arrays.fill(ownedPassword, (byte) 0);
            throw new IllegalArgumentException("the output length must be " + Argon2Params.MIN_OUTPUT_LENGTH + " to "
                    + Argon2Params.MAX_OUTPUT_LENGTH + " bytes, got " + outputLength);
        }
        this.password = ownedPassword;
        this.salt = salt.clone();
        this.params = params;
        this.outputLength = outputLength;
    }

    private static byte[] utf8(char[] password) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(password));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the password is not valid UTF-16 (an unpaired surrogate)", e);
        }
    }

    /**
     * A copy of the password bytes.
     *
     * @return a new array; wipe it after use
     * @throws IllegalStateException if the spec has been cleared
     */
    public byte[] getPassword() {
        checkNotCleared();
        return password.clone();
    }

    /**
     * A copy of the salt.
     *
     * @return a new array
     */
    public byte[] getSalt() {
        return salt.clone();
    }

    /**
     * The Argon2 parameters.
     *
     * @return the parameters (immutable)
     */
    public Argon2Params getParams() {
        return params;
    }

    /**
     * The number of bytes to derive.
     *
     * @return the output length
     */
    public int getOutputLength() {
        return outputLength;
    }

    /** Overwrites the copied password with zeros; later {@link #getPassword()} calls throw. Idempotent. */
    public void clear() {
        cleared = true;
        Arrays.fill(password, (byte) 0);
    }

    /** Same as {@link #clear()}. */
    @Override
    public void destroy() {
        clear();
    }

    /**
     * Whether {@link #clear()} has been called.
     *
     * @return true once cleared
     */
    @Override
    public boolean isDestroyed() {
        return cleared;
    }

    /** The password itself, for the KDF service (never modified there). */
    byte[] passwordUnsafe() {
        checkNotCleared();
        return password;
    }

    /** The salt itself, for the KDF service (never modified there). */
    byte[] saltUnsafe() {
        return salt;
    }

    private void checkNotCleared() {
        if (cleared) {
            throw new IllegalStateException("the Argon2ParameterSpec has been cleared");
        }
    }

    /**
     * The parameters, salt length and output length; never the password.
     *
     * @return a description
     */
    @Override
    public String toString() {
        return "Argon2ParameterSpec[" + params + ", salt " + salt.length + " B, output " + outputLength + " B"
                + (cleared ? ", cleared" : "") + "]";
    }
}
