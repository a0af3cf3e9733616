package dev.ferrite.internal;

import dev.ferrite.x25519.X25519PrivateKey;
import java.util.Objects;
import java.util.function.Function;

/**
 * Lends an {@link X25519PrivateKey}'s secret bytes to Ferrite's other packages (HPKE) without a public method: the key
 * class registers its accessor here when it is initialised, which has happened once an instance exists. Not part of
 * the API ({@code dev.ferrite.internal} is not exported).
 */
public final class X25519Secrets {
    /** What {@link X25519PrivateKey} registers. */
    public interface Access {
        /**
         * Runs {@code action} on the key's secret while the key is guaranteed open.
         *
         * @param key the key
         * @param action reads the 32 secret bytes; must not keep or modify them
         * @param <T> the result type
         * @return the action's result
         * @throws IllegalStateException if the key is closed
         */
        <T> T use(X25519PrivateKey key, Function<byte[], T> action);
    }

    private static volatile Access access;

    private X25519Secrets() {}

    /**
     * Registers the accessor; called once by {@link X25519PrivateKey}'s static initialiser.
     *
     * @param accessor the accessor
     * @throws IllegalStateException if one is registered already
     */
    public static synchronized void register(Access accessor) {
        if (access != null) {
            throw new IllegalStateException("X25519 secret access is registered already");
        }
        access = Objects.requireNonNull(accessor);
    }

    /**
     * Runs {@code action} on {@code key}'s secret while the key is guaranteed open.
     *
     * @param key the key
     * @param action reads the 32 secret bytes; must not keep or modify them
     * @param <T> the result type
     * @return the action's result
     * @throws IllegalStateException if the key is closed
     */
    public static <T> T use(X25519PrivateKey key, Function<byte[], T> action) {
        Objects.requireNonNull(key, "key");
        // An instance exists, so its class is initialised and has registered.
        return access.use(key, action);
    }
}
