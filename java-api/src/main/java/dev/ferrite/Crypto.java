package dev.ferrite;

import dev.ferrite.sha256.JavaSha256;
import dev.ferrite.sha256.NativeSha256;
import dev.ferrite.sha256.Sha256;
import java.util.Objects;

/**
 * Entry point to Ferrite's cryptography. Each method returns the implementation of the active backend
 * ({@link Ferrite#backend()}); the overloads taking a {@link Backend} return a specific one (tests and benchmarks use
 * them to compare).
 *
 * <pre>{@code
 * byte[] digest = Crypto.sha256().digest(data);
 * byte[][] digests = Crypto.sha256().digestAll(List.of(m1, m2, m3));   // in parallel, order kept
 * }</pre>
 *
 * <p>Thread-safe; the returned implementations are stateless and thread-safe too.
 */
public final class Crypto {
    private Crypto() {}

    /**
     * SHA-256 on the active backend.
     *
     * @return the implementation
     * @throws IllegalStateException when the configured backend can't be used (see {@link Ferrite#backend()})
     */
    public static Sha256 sha256() {
        return sha256(Backends.active());
    }

    /**
     * SHA-256 on a given backend.
     *
     * @param backend the backend
     * @return the implementation
     * @throws IllegalStateException when {@code backend} is {@link Backend#NATIVE} and the library is not available
     */
    public static Sha256 sha256(Backend backend) {
        Objects.requireNonNull(backend, "backend");
        Backends.requireUsable(backend);
        return backend == Backend.NATIVE ? NativeSha256.instance() : JavaSha256.instance();
    }
}
